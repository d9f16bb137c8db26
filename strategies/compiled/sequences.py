"""Compiled steps of :mod:`strategies.families.sequences` (see :mod:`strategies.compiled`)."""

from __future__ import annotations

from tournament.core.jit import step


@step
def thue_morse(t, start, stop, hist, opp_hist, own_d, opp_d, keys, ints, floats, payoffs, length):  # type: ignore[no-untyped-def]
    """:class:`~strategies.families.sequences.ThueMorse` and its inverse; ints: [the term of
    the sequence played as D]."""
    parity = 0
    rest = t
    while rest:
        parity ^= rest & 1
        rest >>= 1
    move = 1 if parity == ints[0] else 0
    for i in range(start, stop):
        hist[t, i] = move
