"""The strategy contract: read-only parameters, runtime kernels apart from the catalogue entry,
and families that merge only the classes their shared kernel plays as they would."""

from __future__ import annotations

import pytest

from strategies.base import Strategy
from strategies.families.finite_state_machines import FSMKernel, FSMPlayer
from strategies.families.gobymajority import GoByMajority, MajorityKernel
from strategies.families.lookerup import LookerUp, LookupKernel
from strategies.families.memory_one import MemoryOneKernel, MemoryOnePlayer, WinStayLoseShift
from strategies.families.punishers import LevelKernel, LevelPunisher, Punisher, SpellKernel
from strategies.families.ratios import CotoDeRatio, RatioKernel
from strategies.families.resurrection import Resurrection, ResurrectionKernel
from strategies.families.retaliators import Retaliate, RetaliateKernel
from strategies.families.worse_and_worse import DriftingPlayer, DriftKernel
from strategies.registry import create, strategy_classes
from tournament import TournamentSpec, play_match, run_tournament

FAMILY_KERNELS = {
    MemoryOnePlayer.family: MemoryOneKernel,
    FSMPlayer.family: FSMKernel,
    LookerUp.family: LookupKernel,
    GoByMajority.family: MajorityKernel,
    Retaliate.family: RetaliateKernel,
    DriftingPlayer.family: DriftKernel,
    Punisher.family: SpellKernel,
    LevelPunisher.family: LevelKernel,
    CotoDeRatio.family: RatioKernel,
    Resurrection.family: ResurrectionKernel,
}
MERGED = [cls for cls in strategy_classes() if cls().kernel_group() is not None]
"""Every built-in class whose players are merged into a family kernel."""


def test_the_merged_built_ins_are_the_declared_families():
    assert {cls().kernel_group() for cls in MERGED} == set(FAMILY_KERNELS)
    assert len(MERGED) > 40


class Pushover(Strategy):
    """Always cooperates, on a kernel of its own (in no family)."""

    name = "Pushover For Test"

    def move(self, view):
        return view.cooperate()


def always_defecting(cls: type) -> type:
    """A subclass of ``cls`` whose ``move`` always defects."""

    class AlwaysDefecting(cls):
        name = f"Always Defecting {cls.name}"

        def move(self, view):
            return view.defect()

    return AlwaysDefecting


@pytest.mark.parametrize("cls", MERGED, ids=lambda cls: cls.name)
def test_a_subclass_that_overrides_move_plays_its_own_move(monkeypatch, cls):
    family = cls().kernel_group()
    built, build = [], family.build

    def recording_build(members):
        built.append([player for player, _ in members])
        return build(members)

    monkeypatch.setattr(family, "build", recording_build)
    defector, sibling = always_defecting(cls)(), cls()
    assert defector.kernel_group() is None
    spec = TournamentSpec.build([defector, sibling, Pushover()], turns=6, repetitions=2, seed=3)
    results = run_tournament(spec, interactions=True)
    table = results.interactions
    against_cooperator = table[(table.player_a == 0) & (table.player_b == 2)]
    assert set(against_cooperator.moves_a) == {"DDDDDD"}
    assert set(against_cooperator.moves_b) == {"CCCCCC"}
    matches = results.matches
    assert (matches[(matches.player_a == 0) & (matches.player_b == 2)].dd == 0).all()
    assert (matches[(matches.player_a == 0) & (matches.player_b == 2)].dc == 6).all()
    # the unchanged sibling is still played by its family's kernel, without the subclass
    assert built and all(players == [sibling] for players in built)


@pytest.mark.parametrize("cls", MERGED, ids=lambda cls: cls.name)
def test_a_subclass_can_build_on_the_family_move(cls):
    chosen: list[str] = []

    class Logging(cls):
        def move(self, view):
            moves = super().move(view)
            chosen.append("CD"[moves[0]])
            return moves

    logged = play_match(Logging(), "Tit For Tat", turns=12, seed=5).moves_a
    assert "".join(chosen) == logged
    assert logged == play_match(cls(), "Tit For Tat", turns=12, seed=5).moves_a


@pytest.mark.parametrize("family", list(FAMILY_KERNELS), ids=lambda family: family.name)
def test_family_members_without_overrides_share_the_family_kernel(family):
    first, second = [cls() for cls in MERGED if cls().kernel_group() is family][:2]
    assert type(first) is not type(second)
    assert first.kernel_group() is second.kernel_group() is family
    kernel = type(first).kernel([(first, 2), (second, 3)])
    assert isinstance(kernel, FAMILY_KERNELS[family])


def test_two_memory_one_players_share_a_group_and_an_overriding_subclass_does_not():
    wsls, gtft = create("Win-Stay Lose-Shift"), create("GTFT")
    assert wsls.kernel_group() == gtft.kernel_group() is MemoryOnePlayer.family
    defector = always_defecting(WinStayLoseShift)()
    kernel = type(defector).kernel([(defector, 4)])
    assert type(kernel) is type(defector) and kernel is not defector


def test_a_subclass_that_only_changes_the_family_interface_is_still_merged():
    class Generous(WinStayLoseShift):
        name = "Generous WSLS"

        def probabilities(self, game):
            return (1, 0.5, 0, 1)

    assert Generous().kernel_group() is MemoryOnePlayer.family


def test_the_engine_never_plays_the_catalogue_entries():
    players = [cls() for cls in strategy_classes()]
    before = [{k: id(v) for k, v in vars(p).items()} for p in players]
    run_tournament(TournamentSpec.build(players, turns=5, repetitions=1, seed=2))
    assert [{k: id(v) for k, v in vars(p).items()} for p in players] == before


def test_parameters_are_read_only_after_construction():
    player = create("Random(p=0.2)")
    with pytest.raises(AttributeError, match="read-only"):
        player.p = 0.3
    with pytest.raises(AttributeError, match="read-only"):
        del player.p
    assert player.p == 0.2 and player.label == "Random(p=0.2)"
    fortress = create("Fortress3")
    with pytest.raises(AttributeError, match="read-only"):
        fortress.transitions = ((1, "C", 1, "D"), (1, "D", 1, "D"))
