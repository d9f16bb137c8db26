"""Finite state machines: strategies whose next move depends on a hidden state and the
opponent's last move.

A machine is a list of transitions ``(state, opponent's last move, next state, my move)``.
It plays ``initial_action`` on the first turn without changing state; on every later turn
it reads the opponent's previous move, moves to the next state and plays that
transition's move. All machines of a batch are played by one kernel (the family of
:class:`FSMPlayer`): their tables are stacked into one global table, so a turn is two array
lookups for every game. The machines are axelrod's (MIT licence), transcribed from its
``finite_state_machines.py``; tables longer than eight transitions are in
:mod:`strategies.families.fsm_machines`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

from strategies.base import INF, Classifier, Family, Param, Strategy
from strategies.families import fsm_machines as machines
from strategies.families.fsm_machines import Transition
from strategies.registry import register
from tournament.core.forms import MachineForm
from tournament.core.moves import MOVE_DTYPE, C, D
from tournament.errors import StrategyError

TIT_FOR_TAT: tuple[Transition, ...] = ((1, "C", 1, "C"), (1, "D", 1, "D"))


def _move(value: Any) -> str:
    if not isinstance(value, str) or value.upper() not in ("C", "D"):
        raise ValueError("must be 'C' or 'D'")
    return value.upper()


def _state(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError("a state must be a whole number")
    return int(value)


def transitions_check(value: Any) -> tuple[Transition, ...]:
    """Check and normalise transitions ``(state, opponent move, next state, own move)``."""
    rows = []
    for row in value:
        row = tuple(row)
        if len(row) != 4:
            raise ValueError(f"transition {row!r} must be (state, opponent move, next state, own move)")
        rows.append((_state(row[0]), _move(row[1]), _state(row[2]), _move(row[3])))
    if not rows:
        raise ValueError("needs at least one transition")
    return tuple(rows)


def compile_machine(
    transitions: tuple[Transition, ...], initial_state: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Dense tables of a machine: ``next_state[2 * s + m]`` and ``output[2 * s + m]`` for state
    index ``s`` and opponent move ``m``, and the index of the initial state.

    As in axelrod, a later transition for the same (state, move) replaces an earlier one,
    and every state the machine can reach must have a transition for both moves.
    """
    table = {(s, seen): (nxt, out) for s, seen, nxt, out in transitions}
    reachable = {nxt for nxt, _ in table.values()} | {initial_state}
    for state in sorted(reachable):
        if (state, "C") not in table or (state, "D") not in table:
            raise StrategyError(f"state {state} does not have transitions for both C and D")
    index = {s: i for i, s in enumerate(sorted({s for s, _ in table} | reachable))}
    next_state = np.zeros(2 * len(index), dtype=np.int64)
    output = np.zeros(2 * len(index), dtype=MOVE_DTYPE)
    for (state, seen), (nxt, out) in table.items():
        k = 2 * index[state] + (seen == "D")
        next_state[k] = index[nxt]
        output[k] = D if out == "D" else C
    return next_state, output, index[initial_state]


def reachable_machine(
    step: Callable[[Any, str], tuple[Hashable, str]], start: Hashable
) -> tuple[Transition, ...]:
    """The transitions of the machine whose ``step(state, opponent's last move)`` returns (next
    state, own move), over the states reachable from ``start``: numbered in the order they are
    reached, ``start`` as 0 (the machine's ``initial_state``).

    A strategy that keeps a bounded state of the opponent's moves (a counter, a phase, the
    last few moves) writes its rule in plain Python this way and is played by the shared kernel.
    """
    number = {start: 0}
    order = [start]
    rows = []
    for state in order:  # grows while it is read: a breadth-first walk
        for seen in "CD":
            after, move = step(state, seen)
            if after not in number:
                number[after] = len(order)
                order.append(after)
            rows.append((number[state], seen, number[after], move))
    return tuple(rows)


class FSMKernel:
    """Every machine of a batch as one: a stacked transition table and one state per game."""

    label = "FSM kernel"

    def __init__(self, members: list[tuple[FSMPlayer, int]]) -> None:
        counts = [n for _, n in members]
        next_states, outputs, starts, firsts = [], [], [], []
        offset = 0
        for player, _ in members:
            next_state, output, start = player.machine
            next_states.append(next_state + offset)
            outputs.append(output)
            starts.append(start + offset)
            firsts.append(D if player.initial_action == "D" else C)
            offset += output.size // 2
        self.next_state = np.concatenate(next_states)
        self.output = np.concatenate(outputs)
        self.initial_state = np.repeat(np.array(starts, dtype=np.int64), counts)
        self.first_move = np.repeat(np.array(firsts, dtype=MOVE_DTYPE), counts)

    def table_form(self, game: object) -> MachineForm:
        """The stacked machines as arrays (the game does not matter to a machine)."""
        return MachineForm(self.next_state, self.output, self.initial_state, self.first_move)

    def setup(self, view):
        self.state = self.initial_state.copy()

    def move(self, view):
        if view.turn == 0:
            return self.first_move.copy()
        index = 2 * self.state + view.opp_last
        self.state = self.next_state[index]
        return self.output[index]


@register
class FSMPlayer(Strategy):
    """A finite state machine given by its transitions: plays initial_action first, then on
    each turn moves to the next state given the opponent's last move and plays that
    transition's move. The default machine is Tit For Tat.

    Names: FSM Player (axelrod), finite state machine, Moore machine (Miller 1989).
    """

    name = "FSM Player"
    aliases = ("fsm", "Finite State Machine")
    params = (
        Param(
            "transitions",
            TIT_FOR_TAT,
            "rows (state, opponent's last move, next state, own move), moves 'C'/'D'",
            transitions_check,
        ),
        Param("initial_state", 1, "state before the second turn", _state),
        Param("initial_action", "C", "first move", _move),
    )
    classifier = Classifier(memory_depth=1)
    reference = "Miller, J. H. (1989). The coevolution of automata in the repeated prisoner's dilemma."
    family = Family("finite state machines", FSMKernel)
    transitions: tuple[Transition, ...] = TIT_FOR_TAT
    initial_state: int = 1
    initial_action: str = "C"

    def validate(self) -> None:
        self.machine = compile_machine(self.transitions, self.initial_state)

    def classify(self) -> Classifier:
        if type(self) is FSMPlayer and self.parameters != {p.name: p.default for p in self.params}:
            return Classifier(memory_depth=INF)
        return self.classifier

    def setup(self, view):
        """Alone (a subclass that overrides ``move`` or ``setup``): through a kernel of one."""
        self._alone = FSMKernel([(self, view.n)])
        self._alone.setup(view)

    def move(self, view):
        return self._alone.move(view)


@register
class Fortress3(FSMPlayer):
    """Defects until the opponent defects twice in a row (its handshake), then cooperates for
    as long as the opponent cooperates; any defection sends it back to defecting.

    Names: Fortress 3 (Ashlock & Ashlock 2006).
    """

    name = "Fortress3"
    aliases = ("Fortress 3",)
    params = ()
    classifier = Classifier(memory_depth=2)
    reference = (
        "Ashlock, W. & Ashlock, D. (2006). Changes in Prisoner's Dilemma Strategies Over Evolutionary "
        "Time With Different Population Sizes. IEEE CEC 2006. doi:10.1109/CEC.2006.1688322"
    )
    transitions = (
        (1, "C", 1, "D"),
        (1, "D", 2, "D"),
        (2, "C", 1, "D"),
        (2, "D", 3, "C"),
        (3, "C", 3, "C"),
        (3, "D", 1, "D"),
    )
    initial_state = 1
    initial_action = "D"


@register
class Fortress4(FSMPlayer):
    """Defects until the opponent defects three times in a row (its handshake), then
    cooperates for as long as the opponent cooperates; any defection sends it back to
    defecting.

    Names: Fortress 4 (Ashlock & Ashlock 2006).
    """

    name = "Fortress4"
    aliases = ("Fortress 4",)
    params = ()
    classifier = Classifier(memory_depth=3)
    reference = Fortress3.reference
    transitions = (
        (1, "C", 1, "D"),
        (1, "D", 2, "D"),
        (2, "C", 1, "D"),
        (2, "D", 3, "D"),
        (3, "C", 1, "D"),
        (3, "D", 4, "C"),
        (4, "C", 4, "C"),
        (4, "D", 1, "D"),
    )
    initial_state = 1
    initial_action = "D"


@register
class Predator(FSMPlayer):
    """A 9-state machine found by evolution: cooperates first, then mostly defects,
    exploiting unconditional cooperators.

    Names: Predator (Ashlock & Ashlock 2006).
    """

    name = "Predator"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = Fortress3.reference
    transitions = machines.PREDATOR
    initial_state = 0
    initial_action = "C"


@register
class Pun1(FSMPlayer):
    """Defects first, then switches between two states every turn: in one it cooperates
    whatever the opponent did, in the other it copies the opponent's last move.

    Names: Pun1 (Ashlock, Kim & Leahy 2006).
    """

    name = "Pun1"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = (
        "Ashlock, D., Kim, E. Y. & Leahy, N. (2006). Understanding Representational Sensitivity in "
        "the Iterated Prisoner's Dilemma with Fingerprints. IEEE Trans. SMC Part C, 36(4)."
    )
    transitions = ((1, "C", 2, "C"), (1, "D", 2, "C"), (2, "C", 1, "C"), (2, "D", 1, "D"))
    initial_state = 1
    initial_action = "D"


@register
class Raider(FSMPlayer):
    """Defects first and keeps defecting against cooperators; when the opponent defects
    twice in a row it offers cooperation, and a further defection turns it into Tit For
    Tat for good.

    Names: Raider (Ashlock, Tsang & Ashlock 2014).
    """

    name = "Raider"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = (
        "Ashlock, W., Tsang, J. & Ashlock, D. (2014). The evolution of exploitation. IEEE FOCI 2014. "
        "doi:10.1109/FOCI.2014.7007818"
    )
    transitions = (
        (0, "C", 2, "D"),
        (0, "D", 2, "D"),
        (1, "C", 1, "C"),
        (1, "D", 1, "D"),
        (2, "C", 0, "D"),
        (2, "D", 3, "C"),
        (3, "C", 0, "D"),
        (3, "D", 1, "C"),
    )
    initial_state = 0
    initial_action = "D"


@register
class Ripoff(FSMPlayer):
    """Defects first, then alternates C and D while the opponent keeps cooperating; the
    opponent's first defection makes it cooperate once and then play Tit For Tat for good.

    Names: Ripoff (Ashlock & Kim 2008).
    """

    name = "Ripoff"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=3)
    reference = (
        "Ashlock, D. & Kim, E. Y. (2008). Fingerprinting: Visualization and automatic analysis of "
        "prisoner's dilemma strategies. IEEE Trans. Evol. Comput., 12(5). doi:10.1109/TEVC.2008.920675"
    )
    transitions = (
        (1, "C", 2, "C"),
        (1, "D", 3, "C"),
        (2, "C", 1, "D"),
        (2, "D", 3, "C"),
        (3, "C", 3, "C"),
        (3, "D", 3, "D"),
    )
    initial_state = 1
    initial_action = "D"


@register
class UsuallyCooperates(FSMPlayer):
    """Cooperates, except that it defects when the opponent cooperates right after a
    defection.

    Names: Usually Cooperates, UC (Ashlock, Kim & Ashlock 2009).
    """

    name = "UsuallyCooperates"
    aliases = ("Usually Cooperates", "uc")
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = (
        "Ashlock, D., Kim, E. Y. & Ashlock, W. (2009). Fingerprint analysis of the noisy prisoner's "
        "dilemma using a finite-state representation. IEEE Trans. CIAIG, 1(2), 154-167."
    )
    transitions = ((1, "C", 1, "C"), (1, "D", 2, "C"), (2, "C", 1, "D"), (2, "D", 1, "C"))
    initial_state = 1
    initial_action = "C"


@register
class UsuallyDefects(FSMPlayer):
    """Defects, except that it cooperates when the opponent defects right after a
    cooperation.

    Names: Usually Defects, UD (Ashlock, Kim & Ashlock 2009).
    """

    name = "UsuallyDefects"
    aliases = ("Usually Defects", "ud")
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = UsuallyCooperates.reference
    transitions = ((1, "C", 2, "D"), (1, "D", 1, "D"), (2, "C", 1, "D"), (2, "D", 1, "C"))
    initial_state = 1
    initial_action = "D"


@register
class SolutionB1(FSMPlayer):
    """Defects until the opponent cooperates, defects once more, then cooperates for ever.

    Names: Solution B1 (Ashlock, Brown & Hingston 2015).
    """

    name = "SolutionB1"
    aliases = ("Solution B1",)
    params = ()
    classifier = Classifier(memory_depth=2)
    reference = (
        "Ashlock, D., Brown, J. A. & Hingston, P. (2015). Multiple Opponent Optimization of "
        "Prisoner's Dilemma Playing Agents. IEEE Trans. CIAIG. doi:10.1109/TCIAIG.2014.2326012"
    )
    transitions = (
        (1, "C", 2, "D"),
        (1, "D", 1, "D"),
        (2, "C", 2, "C"),
        (2, "D", 3, "C"),
        (3, "C", 3, "C"),
        (3, "D", 3, "C"),
    )
    initial_state = 1
    initial_action = "D"


@register
class SolutionB5(FSMPlayer):
    """A 6-state machine optimised against several opponents: defects first, cooperates
    with cooperators and answers defections with runs of defection.

    Names: Solution B5 (Ashlock, Brown & Hingston 2015).
    """

    name = "SolutionB5"
    aliases = ("Solution B5",)
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = SolutionB1.reference
    transitions = machines.SOLUTION_B5
    initial_state = 1
    initial_action = "D"


@register
class Thumper(FSMPlayer):
    """Cooperates while the opponent cooperates; answers a defection with two defections,
    then forgives.

    Names: Thumper (Ashlock & Kim 2008).
    """

    name = "Thumper"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = Ripoff.reference
    transitions = ((1, "C", 1, "C"), (1, "D", 2, "D"), (2, "C", 1, "D"), (2, "D", 1, "D"))
    initial_state = 1
    initial_action = "C"


_HARPER = (
    "Harper, M., Knight, V., Jones, M., Koutsovoulos, G., Glynatsi, N. E. & Campbell, O. (2017). "
    "Reinforcement learning produces dominant strategies for the Iterated Prisoner's Dilemma. PLoS ONE."
)


@register
class EvolvedFSM4(FSMPlayer):
    """A 4-state machine trained by an evolutionary algorithm to score well against
    axelrod's strategies; cooperates first.

    Names: Evolved FSM 4 (Marc Harper).
    """

    name = "Evolved FSM 4"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = _HARPER
    transitions = (
        (0, "C", 0, "C"),
        (0, "D", 2, "D"),
        (1, "C", 3, "D"),
        (1, "D", 0, "C"),
        (2, "C", 2, "D"),
        (2, "D", 1, "C"),
        (3, "C", 3, "D"),
        (3, "D", 1, "D"),
    )
    initial_state = 0
    initial_action = "C"


@register
class EvolvedFSM6(FSMPlayer):
    """A 6-state machine trained by an evolutionary algorithm (axelrod-dojo, 500
    generations, 200-turn matches, no noise) against axelrod's short-run-time strategies;
    cooperates first.

    Names: Evolved FSM 6 (Frederick Vincent & Dashiell Fryer).
    """

    name = "Evolved FSM 6"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = "Vincent, F. & Fryer, D. Evolved FSM 6, trained with axelrod-dojo 0.0.8 (axelrod 4.10)."
    transitions = machines.EVOLVED_FSM_6
    initial_state = 4
    initial_action = "C"


@register
class EvolvedFSM16(FSMPlayer):
    """A 16-state machine trained by an evolutionary algorithm to score well against
    axelrod's strategies; cooperates first.

    Names: Evolved FSM 16 (Marc Harper).
    """

    name = "Evolved FSM 16"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = _HARPER
    transitions = machines.EVOLVED_FSM_16
    initial_state = 0
    initial_action = "C"


@register
class EvolvedFSM16Noise05(FSMPlayer):
    """A 16-state machine trained by an evolutionary algorithm in noisy matches (5% noise);
    cooperates first.

    Names: Evolved FSM 16 Noise 05 (Marc Harper).
    """

    name = "Evolved FSM 16 Noise 05"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = _HARPER
    transitions = machines.EVOLVED_FSM_16_NOISE_05
    initial_state = 0
    initial_action = "C"


@register
class TF1(FSMPlayer):
    """A 16-state machine trained to maximise its fixation probability in Moran processes;
    cooperates first.

    Names: TF1 (Marc Harper).
    """

    name = "TF1"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = (
        "Knight, V., Harper, M., Glynatsi, N. E. & Campbell, O. (2018). Evolution reinforces "
        "cooperation with the emergence of self-recognition mechanisms. PLoS ONE 13(10)."
    )
    transitions = machines.TF1
    initial_state = 0
    initial_action = "C"


@register
class TF2(FSMPlayer):
    """A 16-state machine trained to maximise its fixation probability in Moran processes;
    cooperates first.

    Names: TF2 (Marc Harper).
    """

    name = "TF2"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = TF1.reference
    transitions = machines.TF2
    initial_state = 0
    initial_action = "C"


@register
class TF3(FSMPlayer):
    """An 8-state machine trained to maximise its fixation probability in Moran processes;
    cooperates first.

    Names: TF3 (Marc Harper).
    """

    name = "TF3"
    aliases = ()
    params = ()
    classifier = Classifier(memory_depth=INF)
    reference = TF1.reference
    transitions = machines.TF3
    initial_state = 0
    initial_action = "C"
