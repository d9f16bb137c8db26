"""Built-ins that are memory-one rules, finite state machines over the opponent's moves or lookup
tables are played by their family's shared kernel, move for move as their former bespoke
kernels played them.

The former kernels are kept here as oracles (``Former...``): each is mixed into the converted
class, so it keeps the class's name, parameters and random streams but plays alone, on the old
``move``. The same round robins are played once with the converted players and once with the
oracles, under noise, random match lengths and other payoffs, and every move must agree.
"""

from __future__ import annotations

import numpy as np
import pytest

from strategies.base import Strategy, choose, last_all
from strategies.families import axelrod_first as first
from strategies.families import basic, cycler, grudger, once_bitten, prober, reactive, titfortat, tricksters
from strategies.families.finite_state_machines import FSMPlayer, reachable_machine
from strategies.families.lookerup import LookerUp
from strategies.families.memory_one import MemoryOnePlayer
from strategies.registry import create
from tests.strategies.families import merging
from tournament.core.moves import MOVE_DTYPE, C, D, moves_from_string


class Former:
    """Base of the oracles: no per-game state unless the former kernel had some."""

    def setup(self, view):
        pass


def _opening(view, moves: str) -> np.ndarray:
    return np.full(view.n, C if moves[view.turn] == "C" else D, dtype=MOVE_DTYPE)


def _exploit_or_copy(view, exploit, play: int) -> np.ndarray:
    return np.where(exploit, MOVE_DTYPE(play), view.opp_last).astype(MOVE_DTYPE)


def _defected_in_last(view, k: int) -> np.ndarray:
    return view.opp_history[max(view.turn - k, 0) :].any(axis=0)


class FormerCooperator(Former):
    def move(self, view):
        return view.cooperate()


class FormerDefector(Former):
    def move(self, view):
        return view.defect()


class FormerRandom(Former):
    def move(self, view):
        if self.p == 1:
            return view.cooperate()
        if self.p == 0:
            return view.defect()
        return (view.random() >= self.p).astype(MOVE_DTYPE)


class FormerAlternator(Former):
    def move(self, view):
        return view.cooperate() if view.turn == 0 else np.bitwise_xor(view.own_last, 1)


class FormerTitForTat(Former):
    def move(self, view):
        return view.cooperate() if view.turn == 0 else view.opp_last.copy()


class FormerSuspiciousTitForTat(Former):
    def move(self, view):
        return view.defect() if view.turn == 0 else view.opp_last.copy()


class FormerAntiTitForTat(Former):
    def move(self, view):
        return view.cooperate() if view.turn == 0 else view.opp_last ^ 1


class FormerBully(Former):
    def move(self, view):
        return view.defect() if view.turn == 0 else view.opp_last ^ 1


class FormerTitForTwoTats(Former):
    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        return view.opp_history[-1] & view.opp_history[-2]


class FormerTwoTitsForTat(Former):
    def move(self, view):
        return _defected_in_last(view, 2).astype(MOVE_DTYPE)


class FormerHardTitForTat(Former):
    def move(self, view):
        return _defected_in_last(view, 3).astype(MOVE_DTYPE)


class FormerHardTitForTwoTats(Former):
    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        recent = view.opp_history[-3:]
        return (recent[1:] & recent[:-1]).any(axis=0).astype(MOVE_DTYPE)


class FormerSpitefulTitForTat(Former):
    def setup(self, view):
        self.retaliating = np.zeros(view.n, dtype=bool)

    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if view.turn >= 2:
            history = view.opp_history
            self.retaliating |= (history[-1] & history[-2]).astype(bool)
        return (self.retaliating | (view.opp_last == D)).astype(MOVE_DTYPE)


class FormerSlowTitForTwoTats2(Former):
    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        history = view.opp_history
        return np.where(history[-2] == history[-1], history[-1], view.own_last)


class FormerNTitsForMTats(Former):
    def setup(self, view):
        self.retaliate = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        if self.M == 0:
            self.retaliate[:] = self.N
        elif view.turn >= self.M:
            self.retaliate[view.opp_history[-self.M :].all(axis=0)] = self.N
        defect = self.retaliate > 0
        self.retaliate -= defect
        return defect.astype(MOVE_DTYPE)


class FormerBurnBothEnds(Former):
    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return np.where(view.opp_last == D, 1, choose(view, 0.9)).astype(MOVE_DTYPE)


class FormerGrudger(Former):
    def move(self, view):
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


class FormerForgetfulGrudger(Former):
    def setup(self, view):
        self.grudged = np.zeros(view.n, dtype=bool)
        self.memory = np.zeros(view.n, dtype=np.int64)

    def move(self, view):
        forget = self.memory == 10
        self.memory[forget] = 0
        self.grudged &= ~forget
        if view.turn > 0:
            self.grudged |= view.opp_last == D
        self.memory += self.grudged
        return self.grudged.astype(MOVE_DTYPE)


class FormerOppositeGrudger(Former):
    def move(self, view):
        return (view.opp_cooperations == 0).astype(MOVE_DTYPE)


class FormerAggravater(Former):
    def move(self, view):
        if view.turn < 3:
            return view.defect()
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


class FormerGeneralSoftGrudger(Former):
    def setup(self, view):
        n, d, c = getattr(self, "n", 1), getattr(self, "d", 4), getattr(self, "c", 2)
        self.trigger_run = n
        self.sequence = np.array([D] * (d - 1) + [0] * c, dtype=MOVE_DTYPE)
        self.position = np.full(view.n, -1, dtype=np.int64)

    def move(self, view):
        n, position = self.trigger_run, self.position
        grudging = position >= 0
        moves = self.sequence[np.maximum(position, 0)]
        if view.turn >= n:
            trigger = ~grudging & view.opp_history[-n:].all(axis=0)
        else:
            trigger = np.zeros(view.n, dtype=bool)
        position = np.where(grudging, position + 1, np.where(trigger, 0, -1))
        position[position == len(self.sequence)] = -1
        self.position = position
        return np.where(grudging, moves, trigger).astype(MOVE_DTYPE)


class FormerEasyGo(Former):
    def move(self, view):
        return (view.opp_defections == 0).astype(MOVE_DTYPE)


class FormerSpitefulCC(Former):
    def move(self, view):
        if view.turn < 2:
            return view.cooperate()
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


class FormerCycler(Former):
    def move(self, view):
        move = moves_from_string(self.cycle)[view.turn % len(self.cycle)]
        return np.full(view.n, move, dtype=MOVE_DTYPE)


class FormerProber(Former):
    def move(self, view):
        if view.turn < 3:
            return _opening(view, "DCC")
        opp = view.opp_history
        return _exploit_or_copy(view, (opp[1] == C) & (opp[2] == C), D)


class FormerProber2(Former):
    def move(self, view):
        if view.turn < 3:
            return _opening(view, "DCC")
        opp = view.opp_history
        return _exploit_or_copy(view, (opp[1] == D) & (opp[2] == C), C)


class FormerProber3(Former):
    def move(self, view):
        if view.turn < 2:
            return _opening(view, "DC")
        return _exploit_or_copy(view, view.opp_history[1] == C, D)


class FormerHardProber(Former):
    def move(self, view):
        if view.turn < 4:
            return _opening(view, "DDCC")
        opp = view.opp_history
        return _exploit_or_copy(view, (opp[1] == C) & (opp[2] == C), D)


class FormerNaiveProber(Former):
    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        if self.p == 0:
            probe = np.zeros(view.n, dtype=bool)
        elif self.p == 1:
            probe = np.ones(view.n, dtype=bool)
        else:
            probe = view.random() >= 1 - self.p
        return ((view.opp_last == D) | probe).astype(MOVE_DTYPE)


class FormerDetective(Former):
    def move(self, view):
        size = len(self.initial_actions)
        if view.turn < size:
            return _opening(view, self.initial_actions)
        tested = np.any(view.opp_history[:size] == D, axis=0)
        return _exploit_or_copy(view, ~tested, D)


class FormerCollectiveStrategy(Former):
    def move(self, view):
        if view.turn < 2:
            return _opening(view, "CD")
        opp = view.opp_history
        kin = (opp[0] == C) & (opp[1] == D) & (view.opp_defections <= 1)
        return (~kin).astype(MOVE_DTYPE)


class FormerHandshake(Former):
    def move(self, view):
        opening = moves_from_string(self.initial_plays)
        k = len(opening)
        if view.turn < k:
            return np.full(view.n, opening[view.turn], dtype=MOVE_DTYPE)
        same = (view.opp_history[:k] == opening[:, None]).all(axis=0)
        return (~same).astype(MOVE_DTYPE)


class FormerAppeaser(Former):
    def move(self, view):
        return view.cooperate() if view.turn == 0 else view.own_last ^ view.opp_last


class FormerGradualKiller(Former):
    def move(self, view):
        opening = moves_from_string("DDDDDCC")
        if view.turn < len(opening):
            return np.full(view.n, opening[view.turn], dtype=MOVE_DTYPE)
        return view.opp_history[5] & view.opp_history[6]


class FormerShortMem(Former):
    def move(self, view):
        if view.turn <= 10:
            return view.cooperate()
        balance = 10 - 2 * view.opp_history[-10:].sum(axis=0, dtype=np.int64)
        return np.where(balance >= 3, 0, np.where(balance <= -3, 1, view.opp_last)).astype(MOVE_DTYPE)


class FormerDefectorHunter(Former):
    def move(self, view):
        if view.turn < 4:
            return view.cooperate()
        return (view.opp_defections == view.turn).astype(MOVE_DTYPE)


class FormerCooperatorHunter(Former):
    def move(self, view):
        if view.turn < 4:
            return view.cooperate()
        return (view.opp_cooperations == view.turn).astype(MOVE_DTYPE)


class FormerAlternatorHunter(Former):
    def move(self, view):
        if view.turn < 6:
            return view.cooperate()
        opening = view.opp_history[:6]
        return (opening[1:] != opening[:-1]).all(axis=0).astype(MOVE_DTYPE)


class FormerFirstByDavis(Former):
    def move(self, view):
        if view.turn < self.rounds_to_cooperate:
            return view.cooperate()
        return (view.opp_defections > 0).astype(MOVE_DTYPE)


class FormerFirstByGrofman(Former):
    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        differ = view.own_last != view.opp_last
        return (differ & (view.random() >= 2 / 7)).astype(MOVE_DTYPE)


class FormerFirstByJoss(Former):
    def move(self, view):
        if view.turn == 0:
            return view.cooperate()
        return ((view.opp_last == 1) | (view.random() >= self.p)).astype(MOVE_DTYPE)


class FormerFirstByTullock(Former):
    def move(self, view):
        t = view.turn
        if t < 11:
            return view.cooperate()
        cooperations = (view.opp_history[t - 10 :] == 0).sum(axis=0)
        chance = np.maximum(0, cooperations / 10 - 0.10)
        return (view.random() >= chance).astype(MOVE_DTYPE)


class FormerOnceBitten(Former):
    def setup(self, view):
        self._served = np.zeros(view.n, dtype=np.int64)
        self._grudged = np.zeros(view.n, dtype=bool)

    def move(self, view):
        over = self._served >= 10
        self._served[over] = 0
        self._grudged[over] = False
        if view.turn < 2:
            return view.cooperate()
        punishing = self._grudged.copy()
        self._served += punishing
        start = ~punishing & last_all(view.opp_history, 2, D)
        self._grudged |= start
        return (punishing | start).astype(MOVE_DTYPE)


class FormerFoolMeOnce(Former):
    def move(self, view):
        return (view.opp_defections > 1).astype(MOVE_DTYPE)


class FormerTrickyCooperator(Former):
    def move(self, view):
        if view.turn < 3:
            return view.cooperate()
        return (~np.any(view.opp_history[-10:] == D, axis=0)).astype(MOVE_DTYPE)


class FormerTrickyDefector(Former):
    def move(self, view):
        if view.turn < 3:
            return view.defect()
        tricked = (view.opp_cooperations > 0) & last_all(view.opp_history, 3, D)
        return (~tricked).astype(MOVE_DTYPE)


CONVERTED = {
    basic.Cooperator: (FSMPlayer, FormerCooperator),
    basic.Defector: (FSMPlayer, FormerDefector),
    basic.Random: (MemoryOnePlayer, FormerRandom),
    basic.Alternator: (MemoryOnePlayer, FormerAlternator),
    titfortat.TitForTat: (FSMPlayer, FormerTitForTat),
    titfortat.SuspiciousTitForTat: (FSMPlayer, FormerSuspiciousTitForTat),
    titfortat.AntiTitForTat: (FSMPlayer, FormerAntiTitForTat),
    titfortat.Bully: (FSMPlayer, FormerBully),
    titfortat.TitForTwoTats: (FSMPlayer, FormerTitForTwoTats),
    titfortat.TwoTitsForTat: (FSMPlayer, FormerTwoTitsForTat),
    titfortat.HardTitForTat: (FSMPlayer, FormerHardTitForTat),
    titfortat.HardTitForTwoTats: (FSMPlayer, FormerHardTitForTwoTats),
    titfortat.SpitefulTitForTat: (FSMPlayer, FormerSpitefulTitForTat),
    titfortat.SlowTitForTwoTats2: (LookerUp, FormerSlowTitForTwoTats2),
    titfortat.NTitsForMTats: (FSMPlayer, FormerNTitsForMTats),
    titfortat.BurnBothEnds: (MemoryOnePlayer, FormerBurnBothEnds),
    grudger.Grudger: (FSMPlayer, FormerGrudger),
    grudger.ForgetfulGrudger: (FSMPlayer, FormerForgetfulGrudger),
    grudger.OppositeGrudger: (FSMPlayer, FormerOppositeGrudger),
    grudger.Aggravater: (FSMPlayer, FormerAggravater),
    grudger.SoftGrudger: (FSMPlayer, FormerGeneralSoftGrudger),
    grudger.GeneralSoftGrudger: (FSMPlayer, FormerGeneralSoftGrudger),
    grudger.EasyGo: (FSMPlayer, FormerEasyGo),
    grudger.SpitefulCC: (FSMPlayer, FormerSpitefulCC),
    cycler.Cycler: (FSMPlayer, FormerCycler),
    cycler.CyclerDC: (FSMPlayer, FormerCycler),
    cycler.CyclerCCD: (FSMPlayer, FormerCycler),
    cycler.CyclerDDC: (FSMPlayer, FormerCycler),
    cycler.CyclerCCCD: (FSMPlayer, FormerCycler),
    cycler.CyclerCCCCCD: (FSMPlayer, FormerCycler),
    cycler.CyclerCCCDCD: (FSMPlayer, FormerCycler),
    prober.Prober: (FSMPlayer, FormerProber),
    prober.Prober2: (FSMPlayer, FormerProber2),
    prober.Prober3: (FSMPlayer, FormerProber3),
    prober.HardProber: (FSMPlayer, FormerHardProber),
    prober.NaiveProber: (MemoryOnePlayer, FormerNaiveProber),
    prober.Detective: (FSMPlayer, FormerDetective),
    prober.CollectiveStrategy: (FSMPlayer, FormerCollectiveStrategy),
    reactive.Handshake: (FSMPlayer, FormerHandshake),
    reactive.Appeaser: (MemoryOnePlayer, FormerAppeaser),
    reactive.GradualKiller: (FSMPlayer, FormerGradualKiller),
    reactive.ShortMem: (LookerUp, FormerShortMem),
    reactive.DefectorHunter: (FSMPlayer, FormerDefectorHunter),
    reactive.CooperatorHunter: (FSMPlayer, FormerCooperatorHunter),
    reactive.AlternatorHunter: (FSMPlayer, FormerAlternatorHunter),
    first.FirstByDavis: (FSMPlayer, FormerFirstByDavis),
    first.FirstByGrofman: (MemoryOnePlayer, FormerFirstByGrofman),
    first.FirstByJoss: (MemoryOnePlayer, FormerFirstByJoss),
    first.FirstByTullock: (LookerUp, FormerFirstByTullock),
    once_bitten.OnceBitten: (FSMPlayer, FormerOnceBitten),
    once_bitten.FoolMeOnce: (FSMPlayer, FormerFoolMeOnce),
    tricksters.TrickyCooperator: (FSMPlayer, FormerTrickyCooperator),
    tricksters.TrickyDefector: (FSMPlayer, FormerTrickyDefector),
}
"""Every converted class: the family base whose kernel plays it, and its former kernel."""

VARIANTS = [
    "Random(p=0.3)",
    "Random(p=0)",
    "Random(p=1)",
    "N Tit(s) For M Tat(s)(N=2, M=3)",
    "N Tit(s) For M Tat(s)(N=0, M=1)",
    "N Tit(s) For M Tat(s)(N=3, M=0)",
    "N Tit(s) For M Tat(s)(N=1, M=1)",
    "General Soft Grudger(n=2, d=3, c=1)",
    "General Soft Grudger(n=3, d=1, c=1)",
    "General Soft Grudger(n=1, d=2, c=0)",
    "Cycler(cycle='CDDCD')",
    "Cycler(cycle='D')",
    "Naive Prober(p=0.3)",
    "Naive Prober(p=1)",
    "Detective(initial_actions='CCD')",
    "Detective(initial_actions='D')",
    "Handshake(initial_plays='CCDCD')",
    "Handshake(initial_plays='D')",
    "First by Davis(rounds_to_cooperate=3)",
    "First by Davis(rounds_to_cooperate=0)",
    "First by Joss(p=0.5)",
    "First by Joss(p=0)",
]
PANEL = [
    "Random(p=0.7)",
    "Win-Stay Lose-Shift",
    "Stochastic Cooperator",
    "Cycler(cycle='CCDDD')",
    "Gradual",
    "Prober 4",
    "Math Constant Hunter",
    "Evolved FSM 16",
    "AntiCycler",
    "ThueMorse",
    "Average Copier",
]
SETTINGS = {
    **{name: merging.SETTINGS[name] for name in ("noise", "prob_end", "payoffs")},
    "plain": {"turns": 40, "repetitions": 1, "seed": 9},
}


def former_kernel(player: Strategy) -> type:
    """The oracle holding ``player``'s former kernel."""
    return CONVERTED[type(player)][1]


def subjects() -> list[Strategy]:
    return [cls() for cls in CONVERTED] + [create(text) for text in VARIANTS]


@pytest.mark.parametrize("cls", list(CONVERTED), ids=lambda cls: cls.name)
def test_the_family_kernel_plays_the_converted_class(cls):
    base, _ = CONVERTED[cls]
    assert cls().kernel_group() is base.family
    assert merging.former(cls(), former_kernel(cls())).kernel_group() is None


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_converted_classes_play_as_their_former_kernels(setting):
    merging.assert_plays_as_former(
        subjects(), former_kernel, setting, panel=PANEL, settings=SETTINGS, min_games=2000
    )


def test_a_reachable_machine_numbers_states_in_the_order_they_are_reached():
    def count_defections_up_to_two(state, seen):
        after = min(state + (seen == "D"), 2)
        return after, "D" if after == 2 else "C"

    assert reachable_machine(count_defections_up_to_two, 0) == (
        (0, "C", 0, "C"),
        (0, "D", 1, "C"),
        (1, "C", 1, "C"),
        (1, "D", 2, "D"),
        (2, "C", 2, "D"),
        (2, "D", 2, "D"),
    )
    assert once_bitten.FoolMeOnce.transitions == reachable_machine(count_defections_up_to_two, 0)


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Cycler(cycle='CCDDC')", 5),
        ("Detective", 9),
        ("N Tit(s) For M Tat(s)", 4),
        ("N Tit(s) For M Tat(s)(N=3, M=0)", 1),
        ("General Soft Grudger(n=2, d=4, c=2)", 15),
        ("First by Davis(rounds_to_cooperate=10)", 19),
        ("Once Bitten", 24),
    ],
)
def test_machines_built_from_parameters_keep_only_reachable_states(text, states):
    assert create(text).machine[1].size == 2 * states
