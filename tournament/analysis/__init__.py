"""Analyses of strategies beyond a tournament, one per module (e.g. :mod:`.fingerprint`)."""
