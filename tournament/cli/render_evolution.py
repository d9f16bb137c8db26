"""What ``ipd evolve`` and ``ipd fixation`` show: live population bars, the start/end table
and the fixation table, built with rich (imported inside the functions)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tournament.cli.render import SEED_HINT, console, results_line

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tournament.evolution.fixation import FixationRow
    from tournament.evolution.run import Evolution, EvolutionResult

COLOURS = (
    "green",
    "red",
    "cyan",
    "yellow",
    "magenta",
    "blue",
    "bright_green",
    "bright_red",
    "bright_cyan",
    "white",
)
BAR_WIDTH = 40
LIVE_DYNAMICS = ("moran", "fermi", "wright-fisher", "eliminate")
"""The dynamics whose generations are shown live (the others are computed in one go)."""


@contextmanager
def live_population(evolution: Evolution, enabled: bool) -> Iterator[Any]:
    """A rich live view on stderr: the shares of the current generation as coloured bars.

    Yields the progress callback ``update(generation, counts)`` of
    :func:`~tournament.evolution.run.run_evolution`, or None when not ``enabled`` or when the
    dynamics are not shown live.
    """
    if not enabled or evolution.dynamics not in LIVE_DYNAMICS:
        yield None
        return
    from rich.live import Live

    names = evolution.population.names
    title = f"{evolution.name}: {evolution.dynamics}"
    first = population_bars(names, evolution.population.counts, f"{title}, generation 0")
    with Live(first, console=console(stderr=True), transient=True, refresh_per_second=10) as live:
        last = [0.0]

        def update(generation: int, counts: Any) -> None:
            now = time.perf_counter()
            if now - last[0] >= 0.05:
                last[0] = now
                live.update(population_bars(names, counts, f"{title}, generation {generation}"))

        yield update


def population_bars(names: Sequence[str], counts: Sequence[float], title: str) -> RenderableType:
    """One coloured bar per strategy, as long as its share, with its count and share."""
    from rich.table import Table
    from rich.text import Text

    total = max(float(sum(counts)), 1e-300)
    table = Table.grid(padding=(0, 1))
    table.title = Text(title, style="bold")
    table.title_justify = "left"
    width = max(len(n) for n in names)
    for k, (name, count) in enumerate(zip(names, counts)):
        share = float(count) / total
        cells = round(share * BAR_WIDTH)
        bar = Text("█" * cells, style=COLOURS[k % len(COLOURS)]) + Text(
            "·" * (BAR_WIDTH - cells), style="dim"
        )
        table.add_row(
            Text(name.ljust(width)), bar, Text(_count_text(count), justify="right"), f"{share:6.1%}"
        )
    return table


def _count_text(count: Any) -> str:
    value = float(count)
    return f"{int(value)}" if value.is_integer() and value >= 1 else ""


def evolution_view(result: EvolutionResult, seed_drawn: bool, folder: Path) -> list[RenderableType]:
    """The start and end of each strategy with a bar of its final share, the settings, what
    happened and where the results went."""
    from rich.table import Table
    from rich.text import Text

    from tournament.io.report.evolution import carrier_sentences, outcome_sentences, settings_line

    evolution = result.evolution
    table = Table(title=Text(evolution.name, style="bold"), title_justify="left", header_style="bold")
    table.add_column("Strategy", no_wrap=True)
    stationary = result.stationary
    headers = ("Share", "Invades") if stationary is not None else ("Start", "End", "Share")
    for header in headers:
        table.add_column(header, justify="right")
    table.add_column("")
    if stationary is not None:
        best = int(stationary.distribution.argmax())
        for k, (name, share) in enumerate(zip(stationary.names, stationary.distribution)):
            invades = "-" if k == best else f"{stationary.rho[best, k] / stationary.neutral:.3f}"
            bar = Text("█" * round(share * BAR_WIDTH / 2), style=COLOURS[k % len(COLOURS)])
            table.add_row(Text(name), f"{share:.1%}", invades, bar)
    rows = zip(result.initial.itertuples(), result.final.itertuples()) if stationary is None else ()
    for k, (start, end) in enumerate(rows):
        cells = round(end.share * BAR_WIDTH / 2)
        counted = end.count == end.count
        table.add_row(
            Text(str(end.strategy)),
            f"{int(start.count)}" if counted else f"{start.share:.1%}",
            f"{int(end.count)}" if counted else f"{end.share:.1%}",
            f"{end.share:.1%}",
            Text("█" * cells, style=COLOURS[k % len(COLOURS)]),
        )
    view: list[RenderableType] = [table, Text(settings_line(evolution), style="dim")]
    if stationary is not None:
        view.append(
            Text(
                f"Invades: fixation probability of one mutant among the most frequent resident, over 1/N = "
                f"{stationary.neutral:.4g}.",
                style="dim",
            )
        )
    view += [Text(sentence) for sentence in outcome_sentences(result)]
    view += [Text(sentence) for sentence in carrier_sentences(result.carriers)]
    if not result.failures.empty:
        view.append(evolution_failures(result.failures))
    if seed_drawn:
        view.append(SEED_HINT.format(seed=evolution.seed))
    view.append(results_line(folder))
    return view


def fixation_view(
    rows: Sequence[FixationRow], table: Any, summary: dict[str, Any], folder: Path
) -> list[RenderableType]:
    """Both invasions (estimate, 95% interval, exact value, generations), the payoffs per turn,
    the neutral baseline, the runs and seed, and where the results went."""
    from rich.table import Table
    from rich.text import Text

    out = Table(title=Text("Fixation probabilities", style="bold"), title_justify="left", header_style="bold")
    longest = max(len(word) for row in rows for word in f"{row.mutant} {row.resident}".split())
    out.add_column("Mutant", min_width=longest)
    out.add_column("Resident", min_width=longest)
    for header in ("Start", "Estimate", "95% CI", "Exact", "Gens"):
        out.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        low, high = row.estimate.interval
        exact = "-" if row.exact is None else f"{row.exact:.4f}" + ("*" if row.exact_is_approximate else "")
        out.add_row(
            Text(row.mutant),
            Text(row.resident),
            f"{row.start}/{row.size}",
            f"{row.estimate.probability:.4f}",
            f"{low:.3f}-{high:.3f}",
            exact,
            f"{row.estimate.mean_generations:.1f}",
        )
    names = [rows[0].mutant, rows[0].resident]
    payoffs = ", ".join(
        f"{x} vs {y}: {table[i][j]:.4f}" for i, x in enumerate(names) for j, y in enumerate(names)
    )
    neutral = ", ".join(f"{row.start}/{row.size} = {row.neutral:.3f}" for row in rows[:1])
    approximate = rows[0].exact_is_approximate
    view: list[RenderableType] = [
        out,
        Text(f"Payoff per turn: {payoffs}", style="dim"),
        Text(f"Neutral drift would fix with probability {neutral}; Gens: mean generations.", style="dim"),
        f"{rows[0].estimate.runs:,} runs per invasion in {summary['seconds']:.2f} s, seed {summary['seed']}. "
        "Exact: Nowak, Sasaki, Taylor & Fudenberg (2004) on the complete graph"
        + ("; * from mean payoffs of stochastic matches, an approximation." if approximate else "."),
    ]
    if summary["seed_drawn"]:
        view.append(SEED_HINT.format(seed=summary["seed"]))
    view.append(results_line(folder, files=False))
    return view


def evolution_failures(failures: Any) -> RenderableType:
    """The strategies that failed matches during the evolution: what happened, how often."""
    from rich.table import Table

    table = Table(title="Strategy failures", title_justify="left", header_style="bold")
    for column in ("Player", "What happened", "Matches", "Forfeits"):
        table.add_column(column, justify="right" if column in ("Matches", "Forfeits") else "left")
    for row in failures.itertuples():
        table.add_row(str(row.player), str(row.problem), f"{row.matches:,}", f"{row.forfeits:,}")
    return table
