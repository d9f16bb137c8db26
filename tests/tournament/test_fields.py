"""Each value type checks itself once and says what it wants in one sentence."""

from __future__ import annotations

import pytest

from tournament.fields import (
    Choice,
    FieldError,
    Flag,
    Integer,
    ListOf,
    Number,
    Optional,
    Probability,
    Seed,
    Setting,
    Text,
    split_top_level,
)


@pytest.mark.parametrize(
    ("field", "good", "value"),
    [
        (Integer(1), 5, 5),
        (Integer(0, 3), 3, 3),
        (Number(), 2, 2.0),
        (Probability(), 0, 0.0),
        (Probability(above=True), 1, 1.0),
        (Flag(), True, True),
        (Text(), "  name ", "name"),
        (Choice(("bd", "db")), "DB", "db"),
        (Seed(), 2**64 - 1, 2**64 - 1),
        (Optional(Integer(0)), None, None),
        (ListOf(Choice(("csv", "parquet"))), ["csv", "csv", "parquet"], ("csv", "parquet")),
    ],
)
def test_good_values_are_converted(field, good, value):
    assert field.convert(good) == value
    assert type(field.convert(good)) is type(value)


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        (Integer(1), 0, "must be a whole number >= 1, got 0"),
        (Integer(1), 2.5, "must be a whole number >= 1, got 2.5"),
        (Integer(1), True, "must be a whole number >= 1, got True"),
        (Integer(0, 3), 4, "must be a whole number from 0 to 3, got 4"),
        (Number(), float("nan"), "must be a number, got nan"),
        (Number(), "3", "must be a number, got '3'"),
        (Probability(), 1.5, "must be a number from 0 to 1, got 1.5"),
        (Probability(above=True), 0, "must be a number above 0 and at most 1, got 0"),
        (Flag(), "yes", "must be true or false, got 'yes'"),
        (Text(), "  ", "must be a non-empty text, got '  '"),
        (Choice(("bd", "db")), "xx", "must be one of 'bd', 'db', got 'xx'"),
        (Seed(), -1, "must be a whole number from 0 to 2**64 - 1, got -1"),
        (ListOf(Choice(("csv",))), [], "must be a non-empty list of one of 'csv', got []"),
    ],
)
def test_bad_values_get_one_sentence(field, bad, message):
    with pytest.raises(FieldError) as info:
        field.convert(bad)
    assert str(info.value) == message


def test_command_line_text_is_read_like_toml():
    assert Integer(1).from_text("12") == 12
    assert Probability().from_text("0.25") == 0.25
    assert Flag().from_text("true") is True
    assert ListOf(Choice(("csv", "parquet"))).from_text("parquet,csv") == ("parquet", "csv")
    with pytest.raises(FieldError, match="got 'x'"):
        Number().from_text("x")


def test_a_setting_names_itself_in_its_errors():
    turns = Setting("turns", Integer(1), 200, flags=("--turns", "-t"))
    assert turns.option == "--turns"
    with pytest.raises(FieldError) as info:
        turns.convert(0)
    assert str(info.value) == "turns must be a whole number >= 1, got 0"
    assert (info.value.key, info.value.problem) == ("turns", "must be a whole number >= 1, got 0")


def test_seeds_are_drawn_short():
    assert all(0 <= Seed.draw() < 2**32 for _ in range(20))


def test_split_top_level_keeps_parameters_together():
    assert split_top_level("tft, Memory One(1, 0, 1, 0),Random(p=0.2) ,") == [
        "tft",
        "Memory One(1, 0, 1, 0)",
        "Random(p=0.2)",
    ]
