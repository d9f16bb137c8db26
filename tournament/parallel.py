"""Where a tournament is played: batch sizes for the engine and the dask cluster's lifecycle.

:func:`batch_cells` sizes the engine's batches from a spec; :func:`dask_cluster` connects
to a dask.distributed scheduler (or starts a local cluster) for as long as a block runs,
so that ``run_tournament(..., backend="dask")`` finds the active client.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tournament.core.plan import DEFAULT_BATCH_CELLS
from tournament.errors import UserError
from tournament.settings import MatchSettings
from tournament.spec import TournamentSpec


class ClusterError(UserError):
    """A dask cluster that cannot be used: dask.distributed missing, or the scheduler out of reach."""


def turns_per_game(settings: MatchSettings) -> float:
    """Turns of one game: its fixed length, or the expected length 1 / prob_end."""
    return settings.turns if settings.turns is not None else 1 / settings.prob_end


def batch_cells(spec: TournamentSpec) -> int:
    """Batch size giving a progress bar ~20 steps on big runs, without tiny batches."""
    n = len(spec.players)
    total = n * (n + 1) * spec.repetitions * turns_per_game(spec.settings)
    return int(min(DEFAULT_BATCH_CELLS, max(2**20, total // 20)))


@contextmanager
def dask_cluster(address: str | None, workers: int) -> Iterator[int | None]:
    """Connect to the dask scheduler at ``address`` (or start a local cluster of ``workers``
    processes for "local") while the block runs; yield its number of worker threads, or None
    without ``address``. Raises :class:`ClusterError` when that cannot be done."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs dask.distributed: pip install 'ipd-tournament[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        with cluster, Client(cluster) as client:
            yield sum(client.nthreads().values())
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the dask scheduler at {address}: {error}") from None
    with client:
        yield sum(client.nthreads().values())
