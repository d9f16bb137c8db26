"""The players table (``players.csv``): one row per player, in rank order, read from :class:`Results`.

Columns: ``rank`` (from 1), ``player`` (input order), ``name``, ``median_score`` and
``mean_score`` (of the normalised score over repetitions), ``wins`` (median over repetitions)
and ``total_wins``, ``cooperation_rate``, ``initial_cooperation_rate``, the state rates
``CC_rate`` ... ``DD_rate`` (mean over opponents of each state's share), the pooled
``CC_to_C_rate`` ... ``DD_to_C_rate`` (P(C | state), 0 for a state never visited) and
``turns``. Self-play is left out of every figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tournament.core.record import STATES
from tournament.stats.results import Results


def players_table(results: Results) -> pd.DataFrame:
    """One row per player, sorted by rank (see the module docstring)."""
    n = results.n_players
    to_c = np.nan_to_num(results.four_vectors)
    frame = pd.DataFrame(
        {
            "player": np.arange(n),
            "name": results.names,
            "median_score": results.median_scores,
            "mean_score": results.mean_scores,
            "wins": np.median(results.wins, axis=1),
            "total_wins": results.wins.sum(axis=1).astype(np.int64),
            "cooperation_rate": np.nan_to_num(results.cooperation_rate),
            "initial_cooperation_rate": results.initial_cooperation_rate,
            **{f"{s}_rate": results.state_rates[:, k] for k, s in enumerate(STATES)},
            **{f"{s}_to_C_rate": to_c[:, k] for k, s in enumerate(STATES)},
            "turns": results.turns,
        }
    )
    frame = frame.iloc[results.ranking].reset_index(drop=True)
    frame.insert(0, "rank", np.arange(1, n + 1))
    return frame
