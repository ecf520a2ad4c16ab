"""The per-input time limit: a ``SIGALRM`` timer armed around one call.

Used by :mod:`newsparse._parallel` around each parse, in a worker process or, with
one worker, in the caller's process (see :func:`check_timeout` for where it can run).
"""

from __future__ import annotations

import math
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from newsparse.errors import ConfigError, ParseTimeoutError

__all__ = ["call_with_timeout", "check_timeout", "hard_limit"]

R = TypeVar("R")


def check_timeout(timeout: float | None, *, workers: int) -> float | None:
    """Return the per-input time limit in seconds, after checking it can be enforced here.

    The limit is a ``SIGALRM`` timer, so it needs ``signal.setitimer`` (POSIX:
    not on Windows) and must run in the main thread of the process that parses:
    a worker process always does; with ``workers=1`` the caller's thread parses,
    so it must be the main thread. Anything else is refused at once rather than
    silently parsing without a limit.

    Raises:
        ConfigError: If ``timeout`` is not a positive number, or the limit
            cannot be enforced on this platform or in this thread.
    """
    if timeout is None:
        return None
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise ConfigError(f"timeout must be a positive number of seconds, not {timeout!r}")
    if not hasattr(signal, "setitimer"):
        raise ConfigError(
            f"a timeout needs POSIX interval timers (signal.setitimer), which {sys.platform} "
            "lacks; run without a timeout"
        )
    if workers <= 1 and threading.current_thread() is not threading.main_thread():
        raise ConfigError(
            "with workers=1 a timeout needs the main thread (only it receives signals); "
            "call parse_many from the main thread, or use workers=2 or more (each worker "
            "process parses in its own main thread)"
        )
    return float(timeout)


class _Alarm:
    """The ``SIGALRM`` handler of one timed call: raises :class:`ParseTimeoutError`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = True
        self.error: ParseTimeoutError | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if not self.active:
            return  # delivered after the call ended: nothing to stop
        if self.error is None:
            where = _where(frame)
            self.error = ParseTimeoutError(
                f"parsing took longer than {self.seconds:g} s (the per-input time limit, "
                f"timeout= or --timeout){where}; the input was abandoned",
                seconds=self.seconds,
            )
        raise self.error


def _where(frame: FrameType | None) -> str:
    """Name the extractor (or else the function) the timer interrupted."""
    from newsparse.extractor import Extractor

    innermost = frame
    while frame is not None:
        if frame.f_code.co_name == "extract":
            owner = frame.f_locals.get("self")
            if isinstance(owner, Extractor):
                return f" in extractor {owner.name!r}"
        frame = frame.f_back
    if innermost is None:
        return ""
    module = innermost.f_globals.get("__name__", "?")
    return f" in {module}.{innermost.f_code.co_qualname}"


def call_with_timeout(seconds: float, func: Callable[..., R], /, *args: Any, **kwargs: Any) -> R:
    """Return ``func(*args, **kwargs)``, or raise :class:`ParseTimeoutError` after ``seconds``.

    A ``SIGALRM`` timer (wall-clock time) is armed for the call; its handler
    raises inside whatever Python code is running. Call only from the main
    thread, where :func:`check_timeout` allowed it. If the code swallows the
    exception (a broad ``except Exception``), the timer fires again every
    tenth of the limit, and a call that returns after the limit passed raises
    all the same: its result may be incomplete. A call into C that does not
    return is not interrupted (the handler runs when it returns). The caller's
    own ``SIGALRM`` handler and timer are restored afterwards.

    Raises:
        ParseTimeoutError: If the call did not finish within ``seconds``.
    """
    alarm = _Alarm(seconds)
    previous = signal.signal(signal.SIGALRM, alarm)
    started = time.monotonic()
    outer = (0.0, 0.0)
    try:
        outer = signal.setitimer(signal.ITIMER_REAL, seconds, max(seconds / 10, 0.01))
        try:
            result = func(*args, **kwargs)
        finally:
            # Disarm before anything else: the handler must never outlive the call.
            signal.setitimer(signal.ITIMER_REAL, 0)
            alarm.active = False
        if alarm.error is not None:
            raise alarm.error  # it fired and was caught inside: over the limit all the same
        return result
    finally:
        alarm.active = False
        signal.signal(signal.SIGALRM, previous)
        if outer[0] > 0:  # the caller's own timer: give it what is left of its time
            left = outer[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), outer[1])


def hard_limit(timeout: float) -> float:
    """Seconds after which a worker still parsing one input is stopped and replaced.

    Twice the time limit plus a second: by then the ``SIGALRM`` exception has had
    its chance, so the worker is stuck where it cannot be raised (a call into C).
    """
    return 2 * timeout + 1
