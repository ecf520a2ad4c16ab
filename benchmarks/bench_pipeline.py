"""Single-core throughput of the default pipeline, per extractor, against floors and spaCy.

Prints, for the PolNeAR dev texts (``../shared/data/polnear/dev/text``) or any
folder of ``.txt`` files (``--corpus``, e.g. ``make_corpus.py`` output):

* CPU ms per article and MB/s for the whole pipeline (median of ``--runs``),
  and per extractor (CPU time measured by a ``newsparse_run_extractor`` wrapper;
  the whole pipeline also counts reading, validation and hook calls);
* a floor: one pass of the ``regex`` module (``\\w+``) over the same texts;
* ratios measured in this run; peak memory;
* reading and validation measured alone: the pipeline with every extractor
  replaced by its recorded output (what the boundary itself costs);
* import times in fresh interpreters: ``import newsparse`` next to ``import
  pydantic``, ``from pydantic import BaseModel`` and ``import pluggy`` alone, and
  ``import newsparse; newsparse.parse(text)`` (the first parse pays for what
  importing defers: pydantic, pluggy, the plugins and their data);
* a spaCy peer's ``nlp.pipe`` on the same texts, alternating with the whole
  pipeline, and the ratio, when spaCy is installed: ``en_core_web_sm`` (or
  ``--spacy-model``) when installed, else an untrained pipeline of its architecture
  (``spacy_peer.py``).

Figures are printed, not asserted. Usage::

    python benchmarks/bench_pipeline.py [--corpus DIR] [--runs 5] [--limit N] [--import-runs 5]
                                        [--spacy-model NAME_OR_PATH]
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from functools import partial
from pathlib import Path

import regex
import spacy_peer  # benchmarks/spacy_peer.py: this folder is on sys.path when run

from newsparse import Pipeline, hookimpl

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
_WORD_RE = regex.compile(r"\w+")


def load_texts(corpus: Path | None, limit: int | None) -> tuple[str, list[str]]:
    folder = corpus or POLNEAR_DEV
    if not folder.is_dir():
        sys.exit(
            f"no corpus: {folder} is absent (../shared is optional); generate one with\n"
            "  python benchmarks/make_corpus.py 200 /tmp/corpus && "
            "python benchmarks/bench_pipeline.py --corpus /tmp/corpus"
        )
    files = sorted(folder.glob("*.txt"))[:limit]
    return str(folder), [f.read_text(encoding="utf-8") for f in files]


class CpuTimer:
    """A hook wrapper summing each extractor's CPU time (``time.thread_time``)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @hookimpl(wrapper=True)
    def newsparse_run_extractor(self, extractor, doc):  # type: ignore[no-untyped-def]
        started = time.thread_time()
        try:
            return (yield)
        finally:
            self.seconds[extractor.name] += time.thread_time() - started


def cpu_pass(fn, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of ``fn`` over all texts."""
    gc.collect()
    started = time.process_time()
    fn(texts)
    return time.process_time() - started


#: Statements timed in fresh interpreters: newsparse next to its heavy dependencies.
IMPORTS = {
    "import newsparse": "import newsparse",
    "import pydantic": "import pydantic",
    "from pydantic import BaseModel": "from pydantic import BaseModel",
    "import pluggy": "import pluggy",
    "from newsparse import Article": "from newsparse import Article",
    "import + first parse": "import newsparse; newsparse.parse(TEXT)",
}


def import_times(text: str, runs: int = 5) -> dict[str, float]:
    """Median wall seconds of each of :data:`IMPORTS` in fresh interpreters, interleaved.

    Interleaving the statements run by run means a busy spell on a shared machine
    slows them alike, so their ratios are fairer than their absolute figures.
    """
    times: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for _ in range(runs):
        for name, statement in IMPORTS.items():
            code = (
                f"import sys, time; TEXT = sys.stdin.read(); t = time.perf_counter(); "
                f"{statement}; print(time.perf_counter() - t)"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True
            ).stdout
            times[name].append(float(out))
    return {name: statistics.median(values) for name, values in times.items()}


class Recorder:
    """Keeps each extractor's output, to replay it: what is left is the pipeline's own cost.

    :meth:`replay` makes every extractor of a pipeline return what the real one
    returned for the same text, so a parse costs reading, hook calls, validating
    and checking every layer at the boundary, and the run records, with almost no
    extraction. The replayed pipeline has no extra plugin: its hook calls are
    those of a default parse.
    """

    def __init__(self) -> None:
        self.recorded: dict[tuple[str, str], object] = {}

    @hookimpl(wrapper=True)
    def newsparse_run_extractor(self, extractor, doc):  # type: ignore[no-untyped-def]
        result = yield
        self.recorded[extractor.name, doc.text] = result
        return result

    def replay(self, pipeline: Pipeline) -> None:
        """Make each extractor of ``pipeline`` return its recorded output."""
        for step in pipeline.extractors:
            step.extract = partial(self._output, step.name)  # type: ignore[method-assign]

    def _output(self, name: str, doc):  # type: ignore[no-untyped-def]
        return self.recorded[name, doc.text]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, help="folder of .txt articles (default PolNeAR dev)")
    parser.add_argument("--runs", type=int, default=5, help="passes; medians are reported")
    parser.add_argument("--limit", type=int, help="use only the first N texts")
    parser.add_argument(
        "--import-runs", type=int, default=5, help="fresh interpreters per import figure"
    )
    parser.add_argument(
        "--spacy-model",
        default=spacy_peer.SM_NAME,
        help="spaCy peer: a package name or model path (without it: an untrained "
        "pipeline of en_core_web_sm's architecture, see spacy_peer.py)",
    )
    args = parser.parse_args()

    where, texts = load_texts(args.corpus, args.limit)
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    words = sum(len(t.split()) for t in texts) / n
    print(f"corpus: {where}: {n} articles, {mb:.2f} MB, {words:.0f} words/article")

    timer = CpuTimer()
    pipeline = Pipeline.build(entry_points=False, plugins=[timer])
    for text in texts[:3]:
        pipeline.parse(text)  # load lazy resources (gazetteers, lexicons) before timing

    totals: list[float] = []
    per_extractor: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        timer.seconds.clear()
        totals.append(cpu_pass(lambda batch: [pipeline.parse(t) for t in batch], texts))
        for name, seconds in timer.seconds.items():
            per_extractor[name].append(seconds * 1000 / n)

    floors = [cpu_pass(lambda b: [_WORD_RE.findall(t) for t in b], texts) for _ in range(args.runs)]
    total_ms = statistics.median(totals) * 1000 / n
    floor_ms = statistics.median(floors) * 1000 / n
    article_mb = mb / n

    print(f"\n{'stage':<22}{'ms/article':>12}{'MB/s':>10}{'articles/s':>12}")

    def row(name: str, ms: float) -> None:
        rate = 1000 / ms if ms > 0 else float("inf")
        print(f"{name:<22}{ms:>12.3f}{article_mb * rate:>10.2f}{rate:>12.0f}")

    for step in pipeline.extractors:
        row(f"  {step.name}", statistics.median(per_extractor[step.name]))
    overhead = total_ms - sum(statistics.median(v) for v in per_extractor.values())
    row("  reading, validation", overhead)
    row("pipeline (CPU)", total_ms)
    row("floor: regex \\w+", floor_ms)
    print(f"pipeline / floor: {total_ms / floor_ms:.1f}x the time of one regex pass")

    tracemalloc.start()
    for text in texts:
        pipeline.parse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory: {peak / 1e6:.1f} MB traced during one pass; max RSS {maxrss:.0f} MB")

    recorder = Recorder()
    recording = Pipeline.build(entry_points=False, plugins=[recorder])
    for text in texts:
        recording.parse(text)
    replayed = Pipeline.build(entry_points=False)
    recorder.replay(replayed)
    boundary = [
        cpu_pass(lambda batch: [replayed.parse(t) for t in batch], texts) for _ in range(args.runs)
    ]
    boundary_ms = statistics.median(boundary) * 1000 / n
    print(
        f"reading + validation measured alone (extractors replaced by their recorded output): "
        f"{boundary_ms:.3f} ms/article ({boundary_ms / total_ms:.1%} of the pipeline)"
    )

    # The peer runs in a process of its own (spacy_peer.PeerProcess), at most 3 passes:
    # one pass of spaCy over 84 articles is ~20-30 s of CPU.
    print("\n== spaCy peer: nlp.pipe on the same texts, alternating with the whole pipeline ==")
    plain = Pipeline.build(entry_points=False)  # no timing wrapper: a default parse
    lines = spacy_peer.report(
        lambda batch: [plain.parse(t) for t in batch],
        texts,
        min(args.runs, 3),
        "whole default pipeline",
        model=args.spacy_model,
    )
    print("\n".join(lines) + "\n")

    imports = import_times(texts[0], runs=args.import_runs)
    base = imports["import pydantic"]
    print(
        f"import newsparse: {imports['import newsparse'] * 1000:.0f} ms (target < 150 ms); "
        f"import pydantic alone: {base * 1000:.0f} ms. Medians of {args.import_runs} fresh "
        "interpreters each, interleaved:"
    )
    for name, seconds in imports.items():
        print(f"  {name:<32}{seconds * 1000:>8.0f} ms{seconds / base:>7.2f}x import pydantic")


if __name__ == "__main__":
    main()
