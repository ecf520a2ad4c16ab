"""Parallel throughput and memory of ``parse_many`` / ``newsparse batch``.

Two modes::

    # speed-up of 2 workers over 1 (parse_many, and run_batch writing JSONL)
    python benchmarks/bench_parallel.py speedup [--count 400] [--corpus DIR]

    # memory stays flat while streaming many generated articles through 2 workers
    python benchmarks/bench_parallel.py memory --count 100000 [--disable stance ...]

``memory`` reads no files: articles come from ``make_corpus.generate`` one at a
time and results are dropped after counting, so any growth would be ours. It
prints the parent's and the workers' resident memory at 1k, 10k, 100k, ...
articles. Figures are printed, not asserted; the CPU may be shared, so run it
on a quiet machine for clean speed-ups. ``--burn-ms 20`` swaps the extractors for
a synthetic one that burns about 20 ms of CPU per article and returns almost
nothing: it shows what the parallel machinery itself costs.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pluggy
from pydantic import BaseModel, ConfigDict, Field

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import generate

from newsparse import Article, Extractor, Pipeline, hookimpl, hookspecs
from newsparse._parallel import default_start_method, imap_ordered
from newsparse.batch import _run_task, iter_tasks
from newsparse.manager import register_module


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc), or NaN."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    """Direct child processes (the worker pool), from /proc."""
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                kids += [int(k) for k in fh.read().split()]
    except OSError:
        pass
    return kids


def children_cpu() -> float:
    """CPU seconds used by child processes and the children they waited for.

    Finished children (the worker pool, once shut down) from ``getrusage``; live
    ones from ``/proc`` with their own reaped children, so workers started by a
    forkserver (the parent's child, which reaps them) are counted too.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for kid in children(os.getpid()):
        try:
            with open(f"/proc/{kid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime (fields 14-17 of proc(5); here from field 3 on).
        total += sum(int(f) for f in fields[11:15]) / tick
    return total


def _spin(_: object = None) -> float:
    started = time.perf_counter()
    x = 0
    for i in range(3_000_000):
        x += i * i % 7
    return time.perf_counter() - started


def ceiling(pool: Any) -> float:
    """The speed-up 2 processes get right now on a pure CPU loop (other load lowers it)."""
    started = time.perf_counter()
    _spin()
    _spin()
    serial = time.perf_counter() - started
    started = time.perf_counter()
    pool.map(_spin, [0, 0])
    return serial / (time.perf_counter() - started)


def timed(results: Iterable[object], n: int, out: IO[str] | None = None) -> dict[str, float]:
    """Consume results; return rates and CPU use.

    ``rate``: articles/s overall; ``steady``: after the first 10% (leaves out the
    workers' start-up: spawn, imports, lazy data); ``cpu``: CPU ms per article in
    this process plus its workers (a CPU budget that other processes cannot blur).
    """
    cpu0, kids0 = time.process_time(), children_cpu()
    started = time.perf_counter()
    warm_at, warm_mark = started, max(1, n // 10)
    for i, result in enumerate(results, 1):
        if out is not None:
            out.write(result[1] + "\n")  # type: ignore[index]
        if i == warm_mark:
            warm_at = time.perf_counter()
    ended = time.perf_counter()
    parent = time.process_time() - cpu0
    workers = children_cpu() - kids0
    return {
        "rate": n / (ended - started),
        "steady": (n - warm_mark) / max(ended - warm_at, 1e-9),
        "cpu": (parent + workers) * 1000 / n,
        "parent": parent * 1000 / n,
    }


def speedup(args: argparse.Namespace, pipeline: Pipeline) -> None:
    if args.corpus:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
        texts = (texts * (args.count // max(len(texts), 1) + 1))[: args.count]
    else:
        texts = list(generate(args.count))
    n = len(texts)
    print(f"{n} articles, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    for text in texts[:3]:
        pipeline.parse(text)  # warm lazy resources in this process
    # The fixed cost of starting 2 workers (spawn, imports, build, lazy data), in CPU ms.
    method = args.start_method
    first = pipeline.parse_many(texts[:2], workers=2, chunksize=1, start_method=method)
    startup = timed(first, 2)["cpu"] * 2
    print(
        f"start method {method or default_start_method()}: starting 2 workers took "
        f"{startup:.0f} ms of CPU (left out of 'CPU 2w')"
    )
    again = timed(pipeline.parse_many(texts[:2], workers=2, chunksize=1, start_method=method), 2)
    print(f"starting 2 workers again in this process: {again['cpu'] * 2:.0f} ms of CPU")
    runs: dict[tuple[str, int], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        ceilings: list[float] = []
        spin_pool = multiprocessing.get_context("spawn").Pool(2)
        spin_pool.map(_spin, [0, 0])
        for _ in range(args.repeat):  # interleaved, so a busy spell hits both alike
            ceilings.append(ceiling(spin_pool))
            for workers in (1, 2):
                results = pipeline.parse_many(
                    texts, workers=workers, chunksize=args.chunksize, start_method=method
                )
                runs.setdefault(("parse_many", workers), []).append(timed(results, n))
                # What run_batch does, timed per record.
                lines = imap_ordered(
                    pipeline,
                    _run_task,
                    iter_tasks([folder]),
                    workers=workers,
                    chunksize=args.chunksize,
                    keep_warnings=False,
                    start_method=method,
                )
                with open(Path(tmp, "out.jsonl"), "w", encoding="utf-8") as out:
                    runs.setdefault(("batch", workers), []).append(timed(lines, n, out))
        spin_pool.close()
    best = {
        key: {k: (min if k in ("cpu", "parent") else max)(r[k] for r in rs) for k in rs[0]}
        for key, rs in runs.items()
    }
    print(
        f"best of {args.repeat} interleaved runs; articles/s, and CPU ms per article "
        "(parent + workers)"
    )
    print(
        f"{'':<18}{'1 worker':>9}{'2 workers':>11}{'speed-up':>10}"
        f"{'CPU 1w':>9}{'CPU 2w':>9}{'parent':>8}"
    )
    for what in ("parse_many", "batch"):
        one, two = best[what, 1], best[what, 2]
        for label in ("rate", "steady"):
            cpu = (
                f"{one['cpu']:>9.2f}{two['cpu'] - startup / n:>9.2f}{two['parent']:>8.2f}"
                if label == "rate"
                else ""
            )
            print(
                f"{what + ' ' + label:<18}{one[label]:>9.1f}{two[label]:>11.1f}"
                f"{two[label] / one[label]:>9.2f}x{cpu}"
            )
    print(
        "machine ceiling (2 processes on a pure CPU loop, at the same moments): "
        + " ".join(f"{c:.2f}x" for c in ceilings)
    )
    print(
        f"load average after: {os.getloadavg()[0]:.2f}. CPU columns: ms per article alone, "
        "and with 2 workers (workers + parent, start-up left out; 'parent' is the parent's "
        "share). On 2 free cores the speed-up is about 2 x CPU 1w / CPU 2w; on a shared "
        "machine CPU time is noisy too, so compare the speed-up with the ceiling above."
    )


def memory(args: argparse.Namespace, pipeline: Pipeline) -> None:
    marks = {m for m in (1_000, 10_000, 100_000, 1_000_000) if m <= args.count} | {args.count}
    me = os.getpid()
    print(
        f"streaming {args.count} generated articles through {args.workers} workers "
        f"(extractors: {', '.join(e.name for e in pipeline.extractors)})"
    )
    print(f"{'articles':>10}{'parent MB':>11}{'children MB':>22}{'articles/s':>12}")
    print("(children: multiprocessing's resource tracker, then the workers)")
    started = time.perf_counter()
    results = pipeline.parse_many(
        generate(args.count),
        workers=args.workers,
        chunksize=args.chunksize,
        start_method=args.start_method,
    )
    for done, _ in enumerate(results, 1):
        if done in marks:
            kids = " ".join(f"{rss_mb(k):.0f}" for k in children(me)) or "-"
            rate = done / (time.perf_counter() - started)
            print(f"{done:>10}{rss_mb(me):>11.0f}{kids:>22}{rate:>12.0f}", flush=True)


class BurnConfig(BaseModel):
    """Settings of the synthetic ``burn`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    rounds: int = Field(default=10_000, ge=1, description="SHA-256 rounds per article.")


class Burn(Extractor[BurnConfig]):
    """Pure CPU work with a tiny result: isolates the cost of the parallel machinery."""

    name = "burn"
    provides = ("extensions.burn",)
    Config = BurnConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        digest = doc.text.encode("utf-8", "surrogatepass")
        for _ in range(self.config.rounds):
            digest = hashlib.sha256(digest).digest()
        return {"extensions.burn": digest.hex()[:8]}


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    return [Burn]


def burn_pipeline(ms: float) -> Pipeline:
    """The core hooks and the ``burn`` extractor, set to about ``ms`` CPU ms per article."""
    started = time.process_time()
    digest = b"x"
    for _ in range(20_000):
        digest = hashlib.sha256(digest).digest()
    per_round = (time.process_time() - started) / 20_000
    pm = pluggy.PluginManager("newsparse")
    pm.add_hookspecs(hookspecs)
    register_module(pm, "newsparse.plugins.core")
    rounds = max(1, int(ms / 1000 / per_round))
    # Registered by module name, so the spawned workers import it the same way.
    return Pipeline.build(
        {"burn": {"rounds": rounds}}, pm=pm, plugins=["bench_parallel"], errors="record"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mode", choices=("speedup", "memory"))
    parser.add_argument("--count", type=int, help="articles (default 400; memory: 100000)")
    parser.add_argument("--corpus", type=Path, help="speedup: folder of .txt articles to cycle")
    parser.add_argument("--workers", type=int, default=2, help="memory: worker processes")
    parser.add_argument("--chunksize", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="speedup: runs, best is shown")
    parser.add_argument(
        "--start-method",
        choices=("spawn", "fork", "forkserver"),
        help="how workers start (default: parse_many's, forkserver on Linux)",
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAME",
        help="extractor not to run (repeatable)",
    )
    parser.add_argument(
        "--burn-ms",
        type=float,
        help="instead of the extractors, burn about this much CPU per article (synthetic)",
    )
    args = parser.parse_args()
    args.count = args.count or (400 if args.mode == "speedup" else 100_000)
    if args.burn_ms:
        pipeline = burn_pipeline(args.burn_ms)
    else:
        pipeline = Pipeline.build(entry_points=False, disable=args.disable, errors="record")
    (speedup if args.mode == "speedup" else memory)(args, pipeline)


if __name__ == "__main__":
    main()
