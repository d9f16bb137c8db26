"""The built-in strategies, one module per family.

The registry imports every module of this package (:func:`strategies.registry.builtin_modules`):
a class that sets a display name (``name``) is registered with ``@register``; an abstract
base of a family sets none.
"""

CATALOGUE_ORDER = (
    "basic",
    "memory_one",
    "titfortat",
    "grudger",
    "cycler",
    "prober",
    "gobymajority",
    "axelrod_first",
    "zero_determinant",
    "finite_state_machines",
    "lookerup",
    "tricksters",
    "punishers",
    "retaliators",
    "once_bitten",
    "resurrection",
    "backstabbers",
    "sequences",
    "ratios",
    "calculator",
    "inverse",
    "averages",
    "worse_and_worse",
    "reactive",
)
"""The order in which the modules are imported, so the order of the catalogue: it seats the
players of ``strategies = "all"`` tournaments, whose recorded results depend on it. A module
not named here is imported after these, in alphabetical order; add new families at the end."""
