"""The classroom web app: lessons, class tournaments and human play, as a Starlette ASGI app.

Pages are static files of this package (no CDN: they work on a network without internet);
they talk to the JSON API below. Engine work runs in worker threads so a page never waits
behind a tournament. Every user mistake is a :class:`~tournament.errors.UserError`, answered
as ``{"error": "..."}`` with a 4xx status in one place (:func:`_api`).

Access: a class's data needs its join code (5 letters from 32: about 33 million codes, and a
client that tries 20 wrong codes in a minute is refused); the teacher's controls need the
teacher's token, a student's actions their own token. Students' code is only ever checked and
played in sandbox workers (:func:`tournament.check.check_path`, ``trusted = false``).
"""

from __future__ import annotations

import contextlib
import functools
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from tournament.errors import UserError
from tournament.web import lessons
from tournament.web.classroom import ClassError, Classroom, Registry, Student
from tournament.web.events import stream
from tournament.web.human import StrategyGame

STATIC = Path(__file__).parent / "static"
PAGES = {
    "/": "index.html",
    "/lessons/one-game": "game.html",
    "/lessons/repeated": "game.html",
    "/lessons/tournament": "tournament.html",
    "/lessons/evolution": "evolution.html",
    "/lessons/conditions": "conditions.html",
    "/teach/{code}": "teacher.html",
    "/room/{code}": "student.html",
    "/projector/{code}": "projector.html",
}
MAX_LESSON_GAMES = 5000
Handler = Callable[[Request], Awaitable[Any]]


def _api(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A JSON endpoint: the handler's value as JSON, a user error as ``{"error": ...}``."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            value = await handler(request)
        except UserError as error:
            return JSONResponse({"error": str(error)}, status_code=getattr(error, "status", 400))
        return value if isinstance(value, Response) else JSONResponse(value)

    return endpoint


async def _json(request: Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except ValueError:
        raise ClassError("the request is not JSON") from None
    if not isinstance(data, dict):
        raise ClassError("the request must be a JSON object")
    return data


def create_app(folder: Path, *, reveal_seconds: float = 12.0, frame_seconds: float = 0.3) -> Starlette:
    """The app, keeping classes' files under ``folder``; ``reveal_seconds`` paces the projector's
    match-by-match reveal and ``frame_seconds`` its evolution frames."""
    registry = Registry(folder, reveal_seconds=reveal_seconds, frame_seconds=frame_seconds)
    games: OrderedDict[str, StrategyGame] = OrderedDict()

    def classroom(request: Request) -> Classroom:
        client = request.client.host if request.client else ""
        return registry.get(request.path_params["code"], client)

    def teacher(request: Request) -> Classroom:
        found = classroom(request)
        found.teacher(request.headers.get("x-token") or request.query_params.get("token"))
        return found

    async def student(request: Request) -> tuple[Classroom, Student, dict[str, Any]]:
        found = classroom(request)
        data = await _json(request) if request.method == "POST" else {}
        token = request.headers.get("x-token") or data.get("token")
        return found, found.student(request.path_params["student"], token), data

    # lessons
    async def cast(request: Request) -> Any:
        return {"cast": lessons.cast(), "presets": lessons.PRESETS, "conditions": lessons.CONDITIONS}

    async def new_game(request: Request) -> Any:
        data = await _json(request)
        rounds = data.get("rounds")
        length = lessons._whole(rounds, "rounds", 1, 50) if rounds is not None else None
        noise = lessons._number(data.get("noise", 0.0), "noise", 0.0, 0.5)
        game = await run_in_threadpool(
            StrategyGame.start, str(data.get("opponent", "Copycat")), secrets.randbelow(2**63), length=length
        )
        game.noise = noise
        key = secrets.token_urlsafe(12)
        games[key] = game
        while len(games) > MAX_LESSON_GAMES:
            games.popitem(last=False)
        return {"id": key, **game.state()}

    async def game_move(request: Request) -> Any:
        game = games.get(request.path_params["game"])
        if game is None:
            raise ClassError("this game is over or unknown: start a new one")
        data = await _json(request)
        await run_in_threadpool(game.play, str(data.get("move", "")))
        return await run_in_threadpool(game.state)

    async def tournament_lesson(request: Request) -> Any:
        data = await _json(request)
        return await run_in_threadpool(
            lessons.run_tournament_lesson,
            data.get("players") or list(lessons.CAST[:5]),
            lessons._whole(data.get("turns", 10), "rounds per match", 1, 200),
            lessons._number(data.get("noise", 0.0), "noise", 0.0, 0.5),
            {
                k: lessons._number((data.get("payoffs") or lessons.TRUST_PAYOFFS).get(k), k, -10, 10)
                for k in "RSTP"
            },
            lessons._whole(data.get("seed", 1), "seed", 0, 2**63 - 1),
        )

    async def evolution_lesson(request: Request) -> Any:
        lesson = lessons.EvolutionLesson.from_request(await _json(request))
        return await run_in_threadpool(lessons.run_evolution_lesson, lesson)

    async def sweep(request: Request) -> Any:
        data = await _json(request)
        seeds = lessons._whole(data.get("seeds", 5), "seeds", 1, 20)
        return await run_in_threadpool(lessons.sweep_condition, str(data.get("condition")), None, seeds)

    # classes
    async def open_class(request: Request) -> Any:
        data = await _json(request)
        found = registry.open(str(data.get("name", "")))
        return {"code": found.code, "token": found.token, "room": f"/room/{found.code}"}

    async def class_state(request: Request) -> Any:
        return classroom(request).public()

    async def join(request: Request) -> Any:
        found = classroom(request)
        joined = found.join((await _json(request)).get("name", ""))
        return {"id": joined.id, "token": joined.token, "name": joined.name}

    async def student_state(request: Request) -> Any:
        found, me, _ = await student(request)
        with found.lock:
            return {
                "name": me.name,
                "submission": me.submission,
                "game": _game_state(me),
                "class": {"status": found.status, "results": found.results},
            }

    async def submit(request: Request) -> Any:
        found, me, data = await student(request)
        path = await run_in_threadpool(found.write_submission, me, data)
        registry.check(found, me, path)
        return {"status": "checking", "file": path.name}

    async def start_game(request: Request) -> Any:
        found, me, data = await student(request)
        await run_in_threadpool(registry.start_game, found, me, str(data.get("opponent", "Copycat")))
        return _game_state(me)

    async def move(request: Request) -> Any:
        found, me, data = await student(request)
        await run_in_threadpool(registry.move, found, me, str(data.get("move", "")))
        with found.lock:
            return _game_state(me)

    async def run(request: Request) -> Any:
        found = teacher(request)
        registry.run(found, await _json(request))
        return {"status": found.status}

    async def monitor(request: Request) -> Any:
        return {"students": teacher(request).monitor(), "games": teacher(request).human_games}

    async def download(request: Request) -> Any:
        found = teacher(request)
        data = await run_in_threadpool(found.zip_results)
        headers = {"Content-Disposition": f'attachment; filename="class-{found.code}-results.zip"'}
        return Response(data, media_type="application/zip", headers=headers)

    async def events(request: Request) -> Any:
        found = classroom(request)
        given = request.headers.get("last-event-id") or request.query_params.get("from") or "0"
        if not given.isdigit():
            raise ClassError("the event position must be a whole number")
        start = int(given)
        body = stream(found.events, start, request.is_disconnected, once="once" in request.query_params)
        return StreamingResponse(body, media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    def page(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def serve(request: Request) -> Response:
            return FileResponse(STATIC / name, headers={"Cache-Control": "no-cache"})

        return serve

    api = "/api/classes/{code}"
    mine = api + "/students/{student}"
    routes = [
        *(Route(path, page(name)) for path, name in PAGES.items()),
        Route("/api/cast", _api(cast)),
        Route("/api/lessons/game", _api(new_game), methods=["POST"]),
        Route("/api/lessons/game/{game}/move", _api(game_move), methods=["POST"]),
        Route("/api/lessons/tournament", _api(tournament_lesson), methods=["POST"]),
        Route("/api/lessons/evolution", _api(evolution_lesson), methods=["POST"]),
        Route("/api/lessons/sweep", _api(sweep), methods=["POST"]),
        Route("/api/classes", _api(open_class), methods=["POST"]),
        Route(api, _api(class_state)),
        Route(api + "/students", _api(join), methods=["POST"]),
        Route(mine, _api(student_state)),
        Route(mine + "/submission", _api(submit), methods=["POST"]),
        Route(mine + "/game", _api(start_game), methods=["POST"]),
        Route(mine + "/move", _api(move), methods=["POST"]),
        Route(api + "/run", _api(run), methods=["POST"]),
        Route(api + "/monitor", _api(monitor)),
        Route(api + "/results.zip", _api(download)),
        Route(api + "/events", _api(events)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        registry.close()

    app = Starlette(routes=routes, lifespan=lifespan, max_body_size=256_000)
    app.state.registry = registry
    return app


def _game_state(student: Student) -> dict[str, Any] | None:
    game = student.game
    if game is None:
        return None
    if isinstance(game, StrategyGame):
        return {"kind": "strategy", **game.state()}
    if game.players[1] == "?":
        return {"kind": "human", "waiting_for_partner": True, "rounds": 0, "done": False}
    return {"kind": "human", **game.state(student.side)}
