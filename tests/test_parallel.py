"""Pipeline.parse_many with worker processes: order, errors, streaming, pickling.

This module is also a plugin (``newsparse_extractors`` below): spawned workers
import it by name, as they would any plugin module.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import pickle
import sys
from collections.abc import Iterator, Mapping
from typing import Any

import pluggy
import pytest
from pydantic import BaseModel, ConfigDict, Field

from newsparse import (
    Article,
    Extractor,
    ExtractorError,
    InputFailure,
    NewsparseWarning,
    Pipeline,
    ReaderError,
    hookimpl,
    hookspecs,
)
from newsparse._parallel import PREFETCH, RemoteError, default_start_method, start_context
from newsparse.manager import register_module


class BusyConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    rounds: int = Field(default=1, ge=1, description="Hash rounds per word (CPU work).")


class Busy(Extractor[BusyConfig]):
    """Counts words and hashes them; fails on texts containing BOOM."""

    name = "busy"
    provides = ("extensions.busy",)
    Config = BusyConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        if "BOOM" in doc.text:
            raise ValueError("boom requested")
        if "DIE-IN-WORKER" in doc.text and multiprocessing.parent_process() is not None:
            os._exit(3)  # a crashed worker (never in the test process itself)
        digest = b""
        for word in doc.text.split():
            for _ in range(self.config.rounds):
                digest = hashlib.sha1(digest + word.encode("utf-8", "replace")).digest()
        return {"extensions.busy": {"words": len(doc.text.split()), "digest": digest.hex()}}


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    return [Busy]


def toy_pipeline(**kwargs: Any) -> Pipeline:
    """The core hooks plus this module's extractor (independent of the built-ins)."""
    pm = pluggy.PluginManager("newsparse")
    pm.add_hookspecs(hookspecs)
    register_module(pm, "newsparse.plugins.core")
    return Pipeline.build(pm=pm, plugins=[__name__], **kwargs)


def texts(n: int) -> list[str]:
    return [f"Story {i}\n\nOfficials said on day {i} that " + "word " * (i % 7) for i in range(n)]


def strip_runs(result: Article | InputFailure) -> Any:
    """Compare results without the per-run timings."""
    if isinstance(result, InputFailure):
        return result
    return result.model_dump(exclude={"pipeline"})


def test_pickled_pipeline_is_rebuilt_once_per_process() -> None:
    pipeline = toy_pipeline(config={"busy": {"rounds": 3}}, errors="record")
    data = pickle.dumps(pipeline)
    first, second = pickle.loads(data), pickle.loads(data)
    assert first is second  # built once, then reused
    assert [e.name for e in first.extractors] == ["busy"]
    assert first.extractors[0].config == BusyConfig(rounds=3)
    assert first.errors == "record"
    assert pickle.loads(pickle.dumps(first)) is first


def test_pipeline_not_built_cannot_be_pickled() -> None:
    built = toy_pipeline()
    bare = Pipeline(built.extractors, pm=built.pm, analysis=built.analysis)
    with pytest.raises(TypeError, match=r"Pipeline\.build"):
        pickle.dumps(bare)


def test_parallel_results_equal_serial_in_input_order() -> None:
    pipeline = toy_pipeline(errors="record")
    sources: list[str] = [*texts(60), "   ", *texts(5)]
    serial = list(pipeline.parse_many(sources))
    parallel = list(pipeline.parse_many(sources, workers=2, chunksize=4))
    assert [strip_runs(r) for r in parallel] == [strip_runs(r) for r in serial]
    assert len(parallel) == len(sources)
    failure = parallel[60]
    assert isinstance(failure, InputFailure)
    assert failure.error_type == "ReaderError"
    assert all(isinstance(r, Article) for i, r in enumerate(parallel) if i != 60)


def test_extractor_failure_recorded_and_warned_in_parent() -> None:
    pipeline = toy_pipeline(errors="record")
    with pytest.warns(NewsparseWarning, match="boom requested"):
        results = list(pipeline.parse_many(["fine text", "BOOM here", "fine"], workers=2))
    doc = results[1]
    assert isinstance(doc, Article)
    assert [e.extractor for e in doc.meta.errors] == ["busy"]
    assert [r.id for r in results] == [
        Article.from_text(t).id for t in ("fine text", "BOOM here", "fine")
    ]


def test_errors_raise_stops_with_the_original_error_type() -> None:
    pipeline = toy_pipeline()
    with pytest.raises(ExtractorError, match="boom requested") as info:
        list(pipeline.parse_many(["ok", "BOOM", "ok"], workers=2, chunksize=1))
    assert info.value.extractor == "busy"
    got: list[Any] = []
    with pytest.raises(ReaderError, match="empty"):
        got.extend(pipeline.parse_many(["ok", "", "ok"], workers=2, chunksize=1))
    assert len(got) == 1  # the input before the failure was delivered first


def test_streaming_keeps_bounded_work_in_flight() -> None:
    pipeline = toy_pipeline()
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"Article number {i}."

    workers, chunksize = 2, 5
    results = pipeline.parse_many(endless(), workers=workers, chunksize=chunksize)
    first = list(itertools.islice(results, 30))
    results.close()  # type: ignore[attr-defined]
    assert [d.text for d in first] == [f"Article number {i}." for i in range(30)]
    # Consumed: what was yielded plus at most the chunks in flight (never the whole stream).
    assert pulled <= 30 + (workers * PREFETCH + 1) * chunksize


def test_a_dead_worker_is_a_clear_error() -> None:
    pipeline = toy_pipeline(errors="record")
    with pytest.raises(RemoteError, match="worker process died"):
        list(pipeline.parse_many(["ok", "DIE-IN-WORKER", "ok"], workers=2, chunksize=1))


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_every_start_method_gives_the_serial_results(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available on this platform")
    pipeline = toy_pipeline(errors="record")
    sources = texts(12)
    serial = list(pipeline.parse_many(sources))
    parallel = list(pipeline.parse_many(sources, workers=2, chunksize=3, start_method=method))
    assert [strip_runs(r) for r in parallel] == [strip_runs(r) for r in serial]


def test_default_start_method_and_bad_names() -> None:
    expected = "forkserver" if sys.platform.startswith("linux") else "spawn"
    assert default_start_method() == expected
    assert start_context(None).get_start_method() == expected
    with pytest.raises(ValueError, match="start method must be one of"):
        list(toy_pipeline().parse_many(["a text"], workers=2, start_method="thread"))


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no forkserver here"
)
def test_forkserver_preloads_newsparse_and_keeps_the_programs_own_list() -> None:
    from multiprocessing import forkserver

    start_context("forkserver")
    preload = forkserver._forkserver._preload_modules  # type: ignore[attr-defined]
    assert preload[0] == "__main__"  # multiprocessing's own default stays first
    assert "newsparse._preload" in preload
    assert len(preload) == len(set(preload))
