"""Ordered, streaming, chunked parallel parsing in worker processes.

Workers are started with one of multiprocessing's start methods (see
:func:`start_context`): ``forkserver`` by default on Linux, ``spawn`` elsewhere.
With ``spawn`` or ``forkserver`` each worker unpickles the pipeline once, in
its initializer, which rebuilds it from its build arguments (see
``Pipeline.__reduce__``); with ``fork`` it inherits the parent's. After that
only chunks of inputs and results cross the process boundary. At most
``workers * prefetch`` chunks are in flight, so memory does not depend on the
number of inputs, and results are yielded in input order.

A per-input time limit (``timeout``) is a ``SIGALRM`` timer armed around each
parse (:mod:`newsparse._timeout`), in the worker process, or in this process
with one worker; a watchdog thread in each worker enforces the hard limit.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from newsparse._timeout import call_with_timeout, check_timeout, hard_limit
from newsparse.article import Article
from newsparse.errors import ExtractorError, NewsparseError, ParseTimeoutError
from newsparse.output import InputFailure

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from newsparse.pipeline import Pipeline

__all__ = [
    "START_METHODS",
    "RemoteError",
    "StartMethod",
    "check_start_method",
    "default_start_method",
    "failure_for",
    "imap_ordered",
    "parallel_map",
    "parse_or_fail",
    "rebuild_pipeline",
    "start_context",
    "warm",
]

T = TypeVar("T")
R = TypeVar("R")

#: Chunks in flight per worker: enough to keep every worker busy while the
#: parent collects results in order, few enough to keep memory flat.
PREFETCH = 2

StartMethod = Literal["spawn", "fork", "forkserver"]
#: The start methods :func:`start_context` accepts.
START_METHODS: tuple[StartMethod, ...] = ("spawn", "fork", "forkserver")
#: Imported by the forkserver before it forks any worker (see :mod:`newsparse._preload`).
PRELOAD = ("__main__", "newsparse._preload")

_CACHE_LOCK = threading.Lock()
_PIPELINES: dict[bytes, Pipeline] = {}
_WORKER_PIPELINE: Pipeline | None = None
# In a worker: (chunk number, index in the chunk, start) of the item being parsed,
# read by the watchdog thread of the hard limit.
_RUNNING: tuple[int, int, float] | None = None
# In a worker: set while it turns an item whose earlier worker was stopped into an error.
_EXPIRED = False
#: Exit code of a worker stopped by the hard limit.
HUNG_EXIT = 70
#: Exit code of a worker that found the process which started it gone.
ORPHAN_EXIT = 71


def rebuild_pipeline(spec: Mapping[str, Any]) -> Pipeline:
    """Build a pipeline from a pickled build spec, once per process and spec.

    Unpickling a :class:`~newsparse.Pipeline` calls this, so a worker process
    (multiprocessing, Dask, Spark) that receives the same pipeline many times
    builds it only once.
    """
    key = hashlib.sha1(pickle.dumps(dict(spec), protocol=4)).digest()
    with _CACHE_LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            pipeline = _build(spec)
            _PIPELINES[key] = pipeline
    return pipeline


def _build(spec: Mapping[str, Any]) -> Pipeline:
    import pluggy

    from newsparse import hookspecs
    from newsparse.manager import make_plugin_manager, register_module
    from newsparse.pipeline import Pipeline
    from newsparse.plugins import BUILTIN_PLUGINS

    if spec["entry_points"]:
        pm = make_plugin_manager(entry_points=True)
        for name in spec["without_builtins"]:
            pm.unregister(name=name)
    else:
        # Without entry points, import only the built-ins the original had.
        pm = pluggy.PluginManager("newsparse")
        pm.add_hookspecs(hookspecs)
        for name in BUILTIN_PLUGINS:
            if name not in spec["without_builtins"]:
                register_module(pm, name)
    pipeline = Pipeline.build(
        spec["config"],
        disable=spec["disable"],
        plugins=spec["plugins"],
        pm=pm,
        errors=spec["errors"],
    )
    # Same spec as the original, so pickling this copy again round-trips.
    pipeline._build_spec = dict(spec)
    return pipeline


# Our own few lines (no corpus text): a title, a dateline, names, a quote and an
# opinion, so that parsing them loads every built-in extractor's lazy data.
_SAMPLE = (
    "Ministers agree to resume trade talks\n\n"
    "GENEVA (Reuters) - Foreign ministers from France and Brazil met on Monday. "
    '"We made real progress today," said Maria Lopez, the Brazilian minister, adding '
    "that a deal was close.\n\n"
    "Critics said the plan would hurt farmers, and the European Union welcomed the talks.\n"
)
_WARM = False


def warm() -> None:
    """Load the built-in extractors' lazy data (tagger, weights, lexicons) in this process.

    Parses a short sample with the default built-in pipeline, once per process.
    Worker processes forked afterwards (``fork``, or from the ``forkserver``,
    which imports :mod:`newsparse._preload`) inherit the data instead of each
    loading their own. Third-party plugins are not run (their hooks may have
    side effects); they load their data in each worker as with ``spawn``.
    Failures are ignored: a worker then loads what it needs itself.
    """
    global _WARM
    if _WARM:
        return
    _WARM = True
    from newsparse.pipeline import Pipeline

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Built through the cache, so a worker asked for this same pipeline gets it ready.
            default = Pipeline.build(entry_points=False)
            pipeline = rebuild_pipeline(default._build_spec or {})
            pipeline.parse(_SAMPLE)
    except Exception:
        pass  # warming is only an optimisation: workers load what they need


def default_start_method() -> StartMethod:
    """Return the start method used when none is asked for.

    ``forkserver`` on Linux (Python 3.14's own default there): a single-threaded
    server process, started once per parent process, imports newsparse and warms
    the built-ins' data, then forks each worker, so a worker starts in tens of
    milliseconds instead of seconds, and threads in the parent do not matter.
    ``spawn`` elsewhere (macOS and Windows, as Python does).
    """
    import multiprocessing

    if sys.platform.startswith("linux") and "forkserver" in multiprocessing.get_all_start_methods():
        return "forkserver"
    return "spawn"


def check_start_method(start_method: str | None) -> str:
    """Return the start method to use: ``start_method``, or the default for None.

    Raises:
        ValueError: If the method is unknown or not available on this platform
            (``fork`` and ``forkserver`` on Windows).
    """
    import multiprocessing

    method = start_method or default_start_method()
    if method not in START_METHODS:
        raise ValueError(f"start method must be one of {', '.join(START_METHODS)}, not {method!r}")
    if method not in multiprocessing.get_all_start_methods():
        raise ValueError(f"start method {method!r} is not available on {sys.platform}")
    return method


def start_context(start_method: str | None = None) -> BaseContext:
    """Return the multiprocessing context that starts ``parse_many``'s workers.

    Args:
        start_method: ``"spawn"`` (a fresh interpreter per worker: slow to start,
            safe everywhere), ``"forkserver"`` (workers forked from a preloaded,
            warmed server process; POSIX), ``"fork"`` (workers forked from this
            process after warming the built-ins here; fastest, but unsafe if this
            process runs other threads; POSIX), or None for
            :func:`default_start_method`.

    Raises:
        ValueError: If the method is unknown or not available on this platform.
    """
    import multiprocessing

    method = check_start_method(start_method)
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Takes effect when the server starts (once per process); keep anything the
        # program asked to preload itself.
        from multiprocessing import forkserver

        asked = list(getattr(forkserver._forkserver, "_preload_modules", ["__main__"]))
        context.set_forkserver_preload([*asked, *(m for m in PRELOAD if m not in asked)])
    elif method == "fork":
        warm()
    return context


def failure_for(source: object, exc: BaseException, *, id: str | None = None) -> InputFailure:
    """Make the error record of an input that could not be parsed."""
    where: str | None = None
    if isinstance(source, Article):
        id = id or source.id
        where = source.meta.source
    elif isinstance(source, os.PathLike):
        where = os.fspath(source)
        id = id or Path(where).stem
    elif isinstance(source, str | bytes):
        data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        id = id or hashlib.sha1(data).hexdigest()[:12]
    return InputFailure(
        id=id or "unknown",
        source=where,
        error_type=type(exc).__name__,
        message=str(exc),
    )


def parse_or_fail(
    pipeline: Pipeline,
    source: Any,
    format: str = "auto",
    id: str | None = None,
    *,
    timeout: float | None = None,
) -> Article | InputFailure:
    """Parse one input; under ``errors="record"`` turn a failure into a record.

    Args:
        pipeline: The pipeline to run.
        source: As for :meth:`~newsparse.Pipeline.parse`.
        format: Input format.
        id: Document id.
        timeout: Seconds the parse may take (checked by :func:`check_timeout`);
            a parse that takes longer fails with :class:`ParseTimeoutError`.

    Raises:
        NewsparseError: If parsing fails and the pipeline's ``errors`` is ``"raise"``.
    """
    try:
        if timeout is None:
            return pipeline.parse(source, format=format, id=id)
        if _EXPIRED:
            raise ParseTimeoutError(
                f"parsing took longer than {timeout:g} s and did not stop (stuck in a call "
                f"into C?): its worker process was stopped after {hard_limit(timeout):g} s "
                "and replaced; the input was abandoned",
                seconds=timeout,
            )
        return call_with_timeout(timeout, pipeline.parse, source, format=format, id=id)
    except Exception as exc:
        if pipeline.errors == "raise":
            raise
        return failure_for(source, exc, id=id)


class RemoteError(NewsparseError):
    """An exception raised in a worker process that could not be sent back as is."""


@dataclass(frozen=True)
class _Raised:
    """A worker's exception, sent back as data so it always unpickles."""

    exc: BaseException | None
    type_name: str
    message: str
    extractor: str | None = None
    doc_id: str | None = None

    def rebuild(self) -> BaseException:
        if self.exc is not None:
            return self.exc
        if self.extractor is not None:
            return ExtractorError(self.message, extractor=self.extractor, doc_id=self.doc_id)
        return RemoteError(f"{self.type_name}: {self.message}")


def _pack(exc: BaseException) -> _Raised:
    packed: BaseException | None = exc
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        packed = None  # e.g. keyword-only constructor arguments
    return _Raised(
        exc=packed,
        type_name=type(exc).__name__,
        message=str(exc),
        extractor=getattr(exc, "extractor", None) if isinstance(exc, ExtractorError) else None,
        doc_id=getattr(exc, "doc_id", None) if isinstance(exc, ExtractorError) else None,
    )


@dataclass(frozen=True)
class _Chunk(Generic[R]):
    """Results of one chunk, plus warnings to re-emit in the parent.

    ``results`` is the pickled list of results, one blob, unpickled by
    :meth:`unpack` in the thread that yields them (not in the pool's result
    thread) with the garbage collector paused.
    """

    results: bytes
    warned: list[tuple[type[Warning], str]]
    raised: _Raised | None = None

    def unpack(self) -> list[R]:
        """Unpickle the results.

        Rebuilding a chunk of articles makes thousands of container objects and
        no reference cycles; with the collector running, every 700 allocations
        start a collection that walks the young objects again (about 15% of the
        instructions of rebuilding). Objects made while it is paused are still
        tracked, and collected as usual later.
        """
        if not gc.isenabled():
            results: list[R] = pickle.loads(self.results)
            return results
        gc.disable()
        try:
            results = pickle.loads(self.results)
        finally:
            gc.enable()
        return results


def _init_worker(
    pipeline: Pipeline,
    warm_up: bool = False,
    limit: float | None = None,
    report_dir: str | None = None,
    parent: int | None = None,
) -> None:
    # The pipeline arrives pickled as initializer argument: unpickling rebuilt it.
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    if warm_up:
        warm()  # before any input's clock runs (a no-op in a warmed forkserver's fork)
    # Ctrl-C is for the parent, which stops handing out work; workers finish their chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if limit is not None and report_dir is not None:
        watchdog = threading.Thread(
            target=_watchdog, args=(limit, report_dir), name="newsparse-watchdog", daemon=True
        )
        watchdog.start()
    if parent is not None and os.name == "posix":
        # A worker blocks on its task queue, whose write end it holds too, so a parent
        # killed by SIGKILL would leave it (and its forkserver) waiting for ever.
        orphan_check = threading.Thread(
            target=_exit_without, args=(parent,), name="newsparse-orphan-check", daemon=True
        )
        orphan_check.start()


def _exit_without(parent: int, poll: float = 1.0) -> None:
    """Exit this worker process as soon as process ``parent`` no longer exists."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    while True:
        time.sleep(poll)
        try:
            os.kill(parent, 0)  # signal 0: only asks whether the process exists
        except OSError:  # gone, or its id reused by another user's process
            os._exit(ORPHAN_EXIT)


def _watchdog(limit: float, report_dir: str) -> None:
    """Stop this worker process if one input has been parsing for ``limit`` seconds.

    Runs in a thread of the worker; it names the item in a file of
    ``report_dir`` for the parent, which replaces the worker and records the
    item as timed out.
    """
    if hasattr(signal, "pthread_sigmask"):
        # The time limit's SIGALRM is for the main thread's handler, never this thread.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    poll = min(1.0, limit / 4)
    while True:
        time.sleep(poll)
        running = _RUNNING
        if running is not None and time.monotonic() - running[2] > limit:
            path = os.path.join(report_dir, str(os.getpid()))
            with open(path, "w", encoding="ascii") as fh:
                fh.write(f"{running[0]} {running[1]}\n")
            os._exit(HUNG_EXIT)


def _read_reports(report_dir: str | None) -> list[tuple[int, int]]:
    """Return (and remove) the ``(chunk, index)`` items stopped workers reported."""
    if report_dir is None:
        return []
    hung: list[tuple[int, int]] = []
    for name in os.listdir(report_dir):
        path = os.path.join(report_dir, name)
        try:
            with open(path, encoding="ascii") as fh:
                chunk, index = fh.read().split()
            hung.append((int(chunk), int(index)))
        except (OSError, ValueError):
            pass  # a report cut by the kill: that item is parsed again
        finally:
            with contextlib.suppress(OSError):
                os.remove(path)
    return hung


def _run_chunk(
    func: Callable[[Pipeline, T], R],
    items: list[T],
    keep_warnings: bool,
    number: int = 0,
    expired: frozenset[int] = frozenset(),
) -> _Chunk[R]:
    global _RUNNING, _EXPIRED
    pipeline = _WORKER_PIPELINE
    assert pipeline is not None, "worker used before its initializer ran"
    results: list[R] = []
    raised: _Raised | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always" if keep_warnings else "ignore")
        try:
            for index, item in enumerate(items):
                _RUNNING = (number, index, time.monotonic())
                _EXPIRED = index in expired
                results.append(func(pipeline, item))
        except Exception as exc:
            raised = _pack(exc)
        finally:
            _RUNNING, _EXPIRED = None, False
    warned = [(w.category, str(w.message)) for w in caught] if keep_warnings else []
    blob = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
    return _Chunk(results=blob, warned=warned, raised=raised)


def imap_ordered(
    pipeline: Pipeline,
    func: Callable[[Pipeline, T], R],
    items: Iterable[T],
    *,
    workers: int,
    chunksize: int = 16,
    prefetch: int = PREFETCH,
    keep_warnings: bool = True,
    start_method: str | None = None,
    warm_workers: bool = False,
    hard_limit: float | None = None,
) -> Iterator[R]:
    """Yield ``func(pipeline, item)`` for every item, in order, using worker processes.

    Args:
        pipeline: Sent once to each worker (rebuilt there from its build spec).
        func: A module-level function (pickled by reference).
        items: Consumed lazily, ``chunksize`` at a time.
        workers: Worker processes; 1 or fewer runs in this process.
        chunksize: Items per task sent to a worker.
        prefetch: Chunks in flight per worker.
        keep_warnings: Re-emit warnings raised in workers here (else drop them).
        start_method: How to start workers (see :func:`start_context`).
        warm_workers: Load the built-ins' data (:func:`warm`) in each worker, or
            here with one worker, before the first item: asked for with a time
            limit, so that loading (about a second) is not charged to the first input.
        hard_limit: Seconds after which a worker still on one item is stopped
            (a watchdog thread in it exits the process) and replaced; the item
            is then passed to ``func`` once more in a flagged state in which
            :func:`parse_or_fail` records a ``ParseTimeoutError`` instead of
            parsing, and the other items in flight are parsed again. None: a
            worker that dies ends the run with :class:`RemoteError`.

    Raises:
        Exception: The first exception ``func`` raised, in input order; the
            remaining work is cancelled.
        ValueError: If ``start_method`` is unknown or not available here.
    """
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    if workers <= 1:
        if warm_workers:
            warm()
        for item in items:
            yield func(pipeline, item)
        return
    context = start_context(start_method)
    source = iter(items)
    limit = max(1, workers * prefetch)
    report_dir = tempfile.mkdtemp(prefix="newsparse-") if hard_limit is not None else None
    # Items of a chunk whose worker was stopped on them: chunk number -> indexes.
    expired: dict[int, set[int]] = {}
    numbers = itertools.count()

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(pipeline, warm_workers, hard_limit, report_dir, os.getpid()),
        )

    def submit(pool: ProcessPoolExecutor, number: int, chunk: list[T]) -> Future[_Chunk[R]]:
        stopped = frozenset(expired.get(number, ()))
        return pool.submit(_run_chunk, func, chunk, keep_warnings, number, stopped)

    pending: deque[tuple[Future[_Chunk[R]], int, list[T]]] = deque()
    pool = start()
    try:
        while True:
            while len(pending) < limit:
                chunk = list(islice(source, chunksize))
                if not chunk:
                    break
                number = next(numbers)
                pending.append((submit(pool, number, chunk), number, chunk))
            if not pending:
                return
            future, number, _ = pending[0]
            try:
                done = future.result()
            except BrokenProcessPool as exc:
                hung = _read_reports(report_dir)
                if not hung:
                    raise RemoteError(
                        "a worker process died (killed, or out of memory?); results up to "
                        "here were delivered; `newsparse batch --resume` continues from there"
                    ) from exc
                # A worker was stopped by the hard limit: a new pool does the chunks
                # in flight again, the stopped items recorded as timed out.
                for stopped_chunk, index in hung:
                    expired.setdefault(stopped_chunk, set()).add(index)
                pool.shutdown(wait=True, cancel_futures=True)
                pool = start()
                pending = deque((submit(pool, n, items), n, items) for _, n, items in pending)
                continue
            pending.popleft()
            expired.pop(number, None)
            for category, message in done.warned:
                warnings.warn(message, category, stacklevel=2)
            yield from done.unpack()
            if done.raised is not None:
                raise done.raised.rebuild()
    finally:
        # Stopped early (error, or the caller closed the generator): drop queued work.
        for future, _, _ in pending:
            future.cancel()
        pool.shutdown(wait=True)
        if report_dir is not None:
            shutil.rmtree(report_dir, ignore_errors=True)


def _parse_task(
    pipeline: Pipeline, task: tuple[Any, str], timeout: float | None = None
) -> Article | InputFailure:
    source, format = task
    return parse_or_fail(pipeline, source, format, timeout=timeout)


def parallel_map(
    pipeline: Pipeline,
    sources: Iterable[Any],
    *,
    workers: int,
    format: str = "auto",
    chunksize: int = 16,
    start_method: str | None = None,
    timeout: float | None = None,
) -> Iterator[Article | InputFailure]:
    """Parse ``sources`` in order; the engine behind ``Pipeline.parse_many``.

    Raises:
        NewsparseError: The first failure in input order, if ``errors="raise"``.
        ConfigError: If ``timeout`` is invalid or cannot be enforced here
            (see :func:`check_timeout`).
    """
    timeout = check_timeout(timeout, workers=workers)
    tasks = ((source, format) for source in sources)
    func = _parse_task if timeout is None else functools.partial(_parse_task, timeout=timeout)
    yield from imap_ordered(
        pipeline,
        func,
        tasks,
        workers=workers,
        chunksize=chunksize,
        start_method=start_method,
        warm_workers=timeout is not None,
        hard_limit=None if timeout is None else hard_limit(timeout),
    )
