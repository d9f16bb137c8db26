"""The golden cases: commands whose results are a contract kept to the last digit.

Each case is an ``ipd`` command line (run from the project root, with ``{out}`` replaced
by a fresh folder) and the files of that folder (or its printed JSON) that must stay
equal to the values recorded from main before the restructure (see ``record.py``).
Tables are compared value by value (floats exactly, as written by pandas, which
round-trips); JSON recursively, on the recorded keys (new keys may appear).
"""

from __future__ import annotations

TABLES = ("matches.csv", "players.csv", "cooperation_by_turn.csv")
STATISTICS = tuple(
    f"statistics/{name}.csv"
    for name in (
        "axelrod_summary",
        "axelrod_summary_pooled",
        "cooperation_matrix",
        "cooperation_pairs",
        "cooperation_players",
        "good_partner_matrix",
        "normalised_scores",
        "payoff_diffs_means",
        "payoff_matrix",
        "payoff_stddevs",
        "ratings",
        "reciprocity",
        "scores",
        "state_distribution",
        "wins",
    )
)
RUN_FILES = (*TABLES, *STATISTICS, "summary.json")

MIXED = (
    "Random(p=0.3),Memory One(0.9, 0.1, 0.8, 0.2),GTFT,ZD-Extort-2,Tit For Tat,Grudger,"
    "Win-Stay Lose-Shift,Prober,Alternator,Tit For 2 Tats"
)

CASES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    # round robins: deterministic, noise, prob_end, other payoffs, stochastic players
    "axelrod_1980": (
        ["run", "configs/axelrod_1980.toml", "--out", "{out}", "--no-report", "--matches-csv"],
        RUN_FILES,
    ),
    "noisy_seed7": (
        ["run", "configs/noisy.toml", "--seed", "7", "--out", "{out}", "--no-report", "--matches-csv"],
        RUN_FILES,
    ),
    "prob_end_seed3": (
        ["run", "configs/prob_end.toml", "--out", "{out}", "--no-report", "--matches-csv"],
        RUN_FILES,
    ),
    "trust_seed5": (
        ["run", "configs/trust.toml", "--out", "{out}", "--no-report", "--matches-csv"],
        RUN_FILES,
    ),
    "mixed_stochastic": (
        [
            "run",
            "--players",
            MIXED,
            "--prob-end",
            "0.02",
            "--noise",
            "0.03",
            "--game",
            "4,0,6,1",
            "--seed",
            "11",
            "--repetitions",
            "4",
            "--interactions",
            "--out",
            "{out}",
            "--no-report",
            "--matches-csv",
        ],
        (*RUN_FILES, "interactions.parquet"),
    ),
    "all_builtins_noise": (
        [
            "run",
            "configs/classics.toml",
            "--turns",
            "30",
            "--repetitions",
            "2",
            "--noise",
            "0.01",
            "--seed",
            "4",
            "--out",
            "{out}",
            "--no-report",
            "--matches-csv",
        ],
        ("matches.csv", "players.csv", "summary.json"),
    ),
    "classroom_sandbox": (
        ["run", "configs/classroom.toml", "--out", "{out}", "--no-report", "--matches-csv"],
        ("matches.csv",),
    ),
    # evolution
    "trust_evolution": (
        ["evolve", "configs/trust_evolution.toml", "--out", "{out}", "-q"],
        ("population.csv",),
    ),
    "trust_evolution_noisy_seed3": (
        ["evolve", "configs/trust_evolution_noisy.toml", "--seed", "3", "--out", "{out}", "-q"],
        ("population.csv",),
    ),
    "moran_tft_alld": (
        ["evolve", "configs/moran_tft_alld.toml", "--out", "{out}", "-q"],
        ("population.csv",),
    ),
    "ecological_1984": (
        ["evolve", "configs/ecological_1984.toml", "--out", "{out}", "-q"],
        ("population.csv",),
    ),
    "replicator": (
        [
            "evolve",
            "configs/ecological_1984.toml",
            "--dynamics",
            "replicator",
            "-g",
            "50",
            "--seed",
            "2",
            "--out",
            "{out}",
            "-q",
        ],
        ("population.csv",),
    ),
    "moran_mutation_noise": (
        [
            "evolve",
            "--population",
            "tft:4,alld:3,wsls:3",
            "--dynamics",
            "moran",
            "--mutation",
            "0.05",
            "-g",
            "300",
            "--noise",
            "0.02",
            "--turns",
            "50",
            "--seed",
            "9",
            "--out",
            "{out}",
            "-q",
        ],
        ("population.csv",),
    ),
    "moran_lattice_db": (
        [
            "evolve",
            "--population",
            "tft:8,alld:8",
            "--graph",
            "lattice",
            "--mode",
            "db",
            "--intensity",
            "0.1",
            "-g",
            "200",
            "--seed",
            "4",
            "--out",
            "{out}",
            "-q",
        ],
        ("population.csv",),
    ),
    "fixation": (
        ["fixation", "tft", "alld", "-N", "10", "-R", "300", "--seed", "1", "--out", "{out}", "-q"],
        ("fixation.csv",),
    ),
    "fixation_noise": (
        [
            "fixation",
            "wsls",
            "alld",
            "-N",
            "8",
            "-R",
            "100",
            "--noise",
            "0.05",
            "-t",
            "50",
            "--seed",
            "2",
            "--out",
            "{out}",
            "-q",
        ],
        ("fixation.csv",),
    ),
    "sweep": (
        [
            "sweep",
            "configs/demo.toml",
            "--prob-end",
            "0.5,0.1",
            "--noise",
            "0,0.05",
            "--seed",
            "2",
            "-r",
            "3",
            "--out",
            "{out}",
        ],
        ("sweep.csv", "sweep_players.csv"),
    ),
    # single matches, printed as JSON
    "match_noise": (
        ["match", "Copycat", "Copykitten", "--turns", "30", "--noise", "0.1", "--seed", "3", "--json"],
        ("stdout.json",),
    ),
    "match_prob_end": (
        ["match", "Random(p=0.8)", "Grudger", "--prob-end", "0.1", "--seed", "5", "--json"],
        ("stdout.json",),
    ),
    "match_game": (
        ["match", "Detective", "Simpleton", "--turns", "12", "--game", "2,-1,3,0", "--seed", "1", "--json"],
        ("stdout.json",),
    ),
}
