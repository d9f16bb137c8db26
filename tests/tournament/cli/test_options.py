"""Options come from the settings' declarations: same checks, same sentences, one place."""

from __future__ import annotations

import click
from click.testing import CliRunner

from tournament.cli.options import match_settings, overrides, seed_or_drawn
from tournament.settings import MATCH


def test_lengths_given_alone_or_together():
    assert overrides({"turns": 10, "prob_end": None}) == {"turns": 10}
    assert overrides({"turns": None, "prob_end": 0.1, "unrelated": 3}) == {"prob_end": 0.1}
    assert overrides({"turns": 10, "prob_end": 0.1}) == {"turns": 10, "prob_end": 0.1}


def test_a_seed_is_given_or_drawn():
    assert seed_or_drawn(7) == (7, False)
    seed, drawn = seed_or_drawn(None)
    assert drawn and 0 <= seed < 2**32


def test_every_match_setting_with_flags_becomes_an_option_checked_by_its_field():
    @click.command()
    @match_settings()
    def show(**settings: object) -> None:
        click.echo(repr(sorted(overrides(settings).items())))

    runner = CliRunner()
    flags = [s.option for s in MATCH.settings if s.flags]
    help_text = runner.invoke(show, ["--help"]).output
    assert all(flag in help_text for flag in [*flags, "--game"])
    done = runner.invoke(show, ["--turns", "7", "--noise", "0.25", "--game", "2,-1,3,0"])
    assert done.exit_code == 0, done.output
    assert "('noise', 0.25)" in done.output and "('turns', 7)" in done.output
    bad = runner.invoke(show, ["--turns", "0"])
    assert bad.exit_code == 2
    assert "Invalid value for '--turns' / '-t': must be a whole number >= 1, got 0" in bad.output
