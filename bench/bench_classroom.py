"""A class of 40 at once against one ``ipd serve``: every page's time, and nothing lost.

Starts ``ipd serve`` on 127.0.0.1 (a real uvicorn process), opens a class, then 40 simulated
students, each on its own thread and connection, do what a student does: load the room page
and its scripts, join, submit a strategy (plain Python or a no-code declaration, one in ten
broken), poll their page until the check's verdict arrives, and play a whole game (half of
them against a character, half against each other, paired by the server, polling the wait
page). The teacher then plays the tournament. Prints the median and 95th percentile of the
page times (every request a student's browser makes), by kind, and checks that nothing was
lost: every student joined, every submission got its verdict (the broken ones "failed"),
every game is in the class's table, every entry is in the tournament. Usage:

    python bench/bench_classroom.py               # 40 students
    python bench/bench_classroom.py --students 10
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOOD = """from strategies import plain_strategy


@plain_strategy("Copy {n}")
def copy(me: str, them: str) -> str:
    return them[-1] if them else "C"
"""
BROKEN = """from strategies import plain_strategy


@plain_strategy("Broken {n}")
def broken(me: str, them: str) -> str:
    return them[-1]
"""
PAGES = ("/static/style.css", "/static/common.js", "/static/student.js", "/api/cast")
DEADLINE = 300.0
ARRIVALS = 5.0
"""Students arrive over this many seconds (typing the address), then all work at once."""


class Timings:
    """Request times by kind, from every thread."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.times[kind].append(seconds)


def student(base: str, code: str, n: int, timings: Timings, problems: list[str]) -> None:
    """One student's whole visit; what goes wrong is collected, not raised."""
    import httpx

    with httpx.Client(base_url=base, timeout=30) as client:

        def call(kind: str, method: str, path: str, **kw: object) -> httpx.Response:
            started = time.perf_counter()
            response = client.request(method, path, **kw)
            timings.add(kind, time.perf_counter() - started)
            return response

        try:
            time.sleep(ARRIVALS * n / 40)
            call("room page", "GET", f"/room/{code}")
            for page in PAGES:
                call("static", "GET", page)
            joined = call(
                "join", "POST", f"/api/classes/{code}/students", json={"name": f"Student {n}"}
            ).json()
            me, headers = f"/api/classes/{code}/students/{joined['id']}", {"X-Token": joined["token"]}
            if n % 3 == 2:
                body = {
                    "kind": "memory_one",
                    "fields": {"name": f"Generous {n}", "four_vector": [1, 0.3, 1, 0.3]},
                }
            else:
                body = {"kind": "python", "source": (BROKEN if n % 10 == 9 else GOOD).format(n=n)}
            call("submit", "POST", me + "/submission", json=body, headers=headers)
            submitted = time.perf_counter()
            ends = time.monotonic() + DEADLINE
            while (sub := call("student page", "GET", me, headers=headers).json()["submission"])[
                "status"
            ] == "checking":
                if time.monotonic() > ends:
                    raise TimeoutError("no verdict")
                time.sleep(1.0)
            timings.add("verdict (wait)", time.perf_counter() - submitted)
            expected = "failed" if body.get("kind") == "python" and n % 10 == 9 else "ok"
            if sub["status"] != expected:
                problems.append(f"student {n}: verdict {sub['status']}, expected {expected}")
            opponent = "classmate" if n % 2 else "Copycat"
            game = call(
                "start game", "POST", me + "/game", json={"opponent": opponent}, headers=headers
            ).json()
            while not game.get("done"):
                if time.monotonic() > ends:
                    raise TimeoutError("game never ended")
                if game.get("waiting_for_partner") or game.get("waiting"):
                    time.sleep(0.5)
                    game = call("student page", "GET", me, headers=headers).json()["game"]
                    continue
                game = call("move", "POST", me + "/move", json={"move": "CD"[n % 2]}, headers=headers).json()
        except Exception as error:  # noqa: BLE001 - report every student's failure
            problems.append(f"student {n}: {type(error).__name__}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    args = parser.parse_args()
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = tempfile.mkdtemp(prefix="ipd-bench-classroom-")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "ipd"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data",
            data,
            "--reveal-seconds",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        made = httpx.post(base + "/api/classes", json={"name": "bench"}).json()
        code, token = made["code"], made["token"]
        timings, problems = Timings(), []
        started = time.perf_counter()
        threads = [
            threading.Thread(target=student, args=(base, code, n, timings, problems))
            for n in range(args.students)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLINE + 60)
        wall = time.perf_counter() - started
        headers = {"X-Token": token}
        monitor = httpx.get(f"{base}/api/classes/{code}/monitor", headers=headers).json()
        httpx.post(f"{base}/api/classes/{code}/run", json={"generations": 5}, headers=headers)
        for _ in range(600):
            state = httpx.get(f"{base}/api/classes/{code}").json()
            if state["status"] in ("done", "failed"):
                break
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(20)

    everything = [t for kind, times in timings.times.items() if kind != "verdict (wait)" for t in times]
    print(f"{args.students} students, {len(everything)} requests in {wall:.1f} s on {os.cpu_count()} cores")
    print(f"{'page':<15}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for kind, times in [*sorted(timings.times.items()), ("all", everything)]:
        q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
        print(
            f"{kind:<15}{len(times):>9}{1000 * statistics.median(times):>11.1f}{1000 * q[18]:>9.1f}{1000 * max(times):>9.1f}"
        )
    human = sum(1 for n in range(args.students) if n % 2) // 2 * 2
    expected_games = (args.students - sum(1 for n in range(args.students) if n % 2)) + human // 2
    lost = []
    if len(monitor["students"]) != args.students:
        lost.append(f"{len(monitor['students'])} of {args.students} students joined")
    if len(monitor["games"]) != expected_games:
        lost.append(f"{len(monitor['games'])} games recorded, expected {expected_games}")
    if state["status"] != "done":
        lost.append(f"the tournament ended {state['status']}")
    elif len(state["results"]["leaderboard"]) != 5 + args.students:
        lost.append(
            f"{len(state['results']['leaderboard'])} players in the tournament, expected {5 + args.students}"
        )
    lost += problems
    median = statistics.median(everything)
    print(
        f"Median page time {1000 * median:.1f} ms (goal: under 200 ms); "
        + ("nothing lost." if not lost else "LOST: " + "; ".join(lost))
    )
    sys.exit(1 if lost or median >= 0.2 else 0)


if __name__ == "__main__":
    main()
