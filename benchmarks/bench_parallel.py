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
on a quiet machine for clean speed-ups.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import generate

from newsparse import Pipeline
from newsparse._parallel import imap_ordered
from newsparse.batch import _run_task, iter_tasks


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


def timed(results: Iterable[object], n: int, out: IO[str] | None = None) -> tuple[float, float]:
    """Consume results; return (articles/s overall, articles/s after the first 10%).

    The second figure leaves out the workers' start-up (spawn, import, lazy data).
    """
    started = time.perf_counter()
    warm_at, warm_mark = started, max(1, n // 10)
    for i, result in enumerate(results, 1):
        if out is not None:
            out.write(result[1] + "\n")  # type: ignore[index]
        if i == warm_mark:
            warm_at = time.perf_counter()
    ended = time.perf_counter()
    return n / (ended - started), (n - warm_mark) / max(ended - warm_at, 1e-9)


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
    rates: dict[tuple[str, int], tuple[float, float]] = {}
    for workers in (1, 2):
        results = pipeline.parse_many(texts, workers=workers, chunksize=args.chunksize)
        rates["parse_many", workers] = timed(results, n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        for workers in (1, 2):
            # What run_batch does, with the timing of each record.
            tasks = iter_tasks([folder])
            lines = imap_ordered(
                pipeline,
                _run_task,
                tasks,
                workers=workers,
                chunksize=args.chunksize,
                keep_warnings=False,
            )
            with open(Path(tmp, "out.jsonl"), "w", encoding="utf-8") as out:
                rates["batch", workers] = timed(lines, n, out)
    print(f"{'':<11}{'1 worker':>12}{'2 workers':>12}{'speed-up':>10}   (articles/s)")
    for what in ("parse_many", "batch"):
        for label, k in (("overall", 0), ("steady", 1)):
            one, two = rates[what, 1][k], rates[what, 2][k]
            print(f"{what + ' ' + label:<20}{one:>10.1f}{two:>12.1f}{two / one:>9.2f}x")
    print(f"load average after: {os.getloadavg()[0]:.2f} (other processes share the CPUs)")


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
        generate(args.count), workers=args.workers, chunksize=args.chunksize
    )
    for done, _ in enumerate(results, 1):
        if done in marks:
            kids = " ".join(f"{rss_mb(k):.0f}" for k in children(me)) or "-"
            rate = done / (time.perf_counter() - started)
            print(f"{done:>10}{rss_mb(me):>11.0f}{kids:>22}{rate:>12.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mode", choices=("speedup", "memory"))
    parser.add_argument("--count", type=int, help="articles (default 400; memory: 100000)")
    parser.add_argument("--corpus", type=Path, help="speedup: folder of .txt articles to cycle")
    parser.add_argument("--workers", type=int, default=2, help="memory: worker processes")
    parser.add_argument("--chunksize", type=int, default=16)
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAME",
        help="extractor not to run (repeatable)",
    )
    args = parser.parse_args()
    args.count = args.count or (400 if args.mode == "speedup" else 100_000)
    pipeline = Pipeline.build(entry_points=False, disable=args.disable, errors="record")
    (speedup if args.mode == "speedup" else memory)(args, pipeline)


if __name__ == "__main__":
    main()
