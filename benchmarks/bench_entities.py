"""Benchmark the built-in ``entities`` extractor: CoNLL-2003 dev accuracy and speed.

Prints (figures, not assertions):
    * CoNLL-2003 dev scores (50-sentence documents, conlleval exact match);
    * CPU ms per article over the PolNeAR dev texts for sections+sentences+entities
      and for the entities extractor alone (median of ``--runs`` runs);
    * time on one article repeated 1x, 10x and 100x (linearity);
    * a spaCy peer's ``nlp.pipe`` on the same texts, alternating with ours, and the
      ratio, when spaCy is installed: ``en_core_web_sm`` (or ``--spacy-model``) when
      installed, else an untrained pipeline of its architecture (``spacy_peer.py``).

Usage::

    .venv/bin/python benchmarks/bench_entities.py            # full run
    .venv/bin/python benchmarks/bench_entities.py --limit 5  # quick run
    .venv/bin/python benchmarks/bench_entities.py --speed-only --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy_peer  # benchmarks/spacy_peer.py: this folder is on sys.path when run

from newsparse import Pipeline
from newsparse.evaluate.conll import build_documents, evaluate, format_scores, read_conll
from newsparse.plugins.entities import EntityExtractor

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def cpu_ms_per_item(fn: Callable[[], object], items: int, runs: int) -> float:
    """Median over ``runs`` of the CPU milliseconds per item that ``fn`` takes."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000 / max(items, 1))
    return statistics.median(times)


def best_ms_per_item(fn: Callable[[Any], object], items: Sequence[Any], runs: int) -> float:
    """Mean over items of the least CPU milliseconds ``fn(item)`` took in ``runs`` tries.

    On a shared, busy machine the minimum is the steadiest estimate of the real cost.
    """
    best = best_ms_each(fn, items, runs)
    return sum(best) / max(len(best), 1)


def best_ms_each(fn: Callable[[Any], object], items: Sequence[Any], runs: int) -> list[float]:
    """The least CPU milliseconds ``fn(item)`` took in ``runs`` tries, per item.

    The tries go round the items (not ``runs`` in a row on one), so a busy spell of the
    machine does not spoil every try of one item.
    """
    best = [float("inf")] * len(items)
    for _ in range(runs):
        for k, item in enumerate(items):
            started = time.process_time()
            fn(item)
            best[k] = min(best[k], time.process_time() - started)
    return [1000 * b for b in best]


def conll_scores(conll: Path, limit: int) -> None:
    dev = conll / "dev.txt"
    if not dev.is_file():
        print(f"CoNLL-2003 dev not found at {dev}; skipping accuracy")
        return
    docs = build_documents(read_conll(dev))
    if limit:
        docs = docs[:limit]
    pipeline = Pipeline.build(entry_points=False, disable=("quotes", "stance"))
    pipeline.parse(docs[0].text)  # load data files before timing
    started = time.process_time()
    scores = evaluate(docs, pipeline.parse)
    elapsed = time.process_time() - started
    print(f"== CoNLL-2003 dev, {len(docs)} documents of 50 sentences (newsparse) ==")
    print(format_scores(scores))
    print(f"{1000 * elapsed / len(docs):.1f} CPU ms per 50-sentence document")


def polnear_texts(polnear: Path, limit: int) -> list[str]:
    paths = sorted((polnear / "dev" / "text").glob("*.txt"))
    if limit:
        paths = paths[:limit]
    return [p.read_text("utf-8") for p in paths]


def speed(texts: Sequence[str], runs: int, spacy_model: str = spacy_peer.SM_NAME) -> None:
    words = statistics.mean(len(t.split()) for t in texts)
    pipeline = Pipeline.build(entry_points=False, disable=("quotes", "stance"))
    pipeline.parse(texts[0])  # load data files before timing
    # The first pass meets each article's words for the first time (the tagger caches
    # per-word scores), as a stream of new articles does; later passes are warm.
    first = cpu_ms_per_item(lambda: [pipeline.parse(t) for t in texts], len(texts), 1)
    ms = cpu_ms_per_item(lambda: [pipeline.parse(t) for t in texts], len(texts), runs)
    print(f"== speed: PolNeAR dev, {len(texts)} articles, {words:.0f} words on average ==")
    print(f"sections+sentences+entities: {ms:.2f} CPU ms/article (median of {runs} runs)")
    print(f"  first pass (words not yet cached): {first:.2f} CPU ms/article")
    layout = Pipeline.build(entry_points=False, disable=("entities", "quotes", "stance"))
    docs = [layout.parse(t) for t in texts]
    extractor = EntityExtractor()
    ent_ms = cpu_ms_per_item(lambda: [extractor.extract(d) for d in docs], len(docs), runs)
    print(f"entities alone:              {ent_ms:.2f} CPU ms/article")
    best_all = best_ms_per_item(pipeline.parse, texts, runs)
    best_layout = best_ms_per_item(layout.parse, texts, runs)
    best_ent = best_ms_each(extractor.extract, docs, runs)
    print(
        f"best of {runs} per article: sections+sentences+entities {best_all:.2f} ms, "
        f"sections+sentences {best_layout:.2f} ms, entities alone "
        f"{statistics.mean(best_ent):.2f} ms (median article {statistics.median(best_ent):.2f} ms)"
    )
    print("== linearity: one article repeated ==")
    base = texts[0]
    first = 0.0
    for factor in (1, 10, 100):
        doc = layout.parse("\n\n".join([base] * factor))
        t = best_ms_per_item(extractor.extract, [doc], max(runs, 3))
        first = first or t
        print(f"{factor:>4}x input ({len(doc.text):>8} chars): {t:9.2f} ms  ({t / first:6.1f}x)")
    spacy_speed(texts, runs, pipeline, spacy_model)


def spacy_speed(texts: Sequence[str], runs: int, pipeline: Pipeline, model: str) -> None:
    """sections+sentences+entities beside a spaCy peer (``spacy_peer.py``), alternating."""
    print("== spaCy peer: nlp.pipe on the same texts ==")
    lines = spacy_peer.report(
        lambda batch: [pipeline.parse(t) for t in batch],
        texts,
        runs,
        "sections+sentences+entities",
        model=model,
    )
    print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="documents/articles to use")
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    parser.add_argument("--data", type=Path, default=SHARED, help="shared/data folder")
    parser.add_argument("--speed-only", action="store_true", help="skip the CoNLL scores")
    parser.add_argument(
        "--spacy-model",
        default=spacy_peer.SM_NAME,
        help="spaCy peer: a package name or model path (without it: an untrained "
        "pipeline of en_core_web_sm's architecture)",
    )
    args = parser.parse_args(argv)
    if not args.speed_only:
        conll_scores(args.data / "conll2003", args.limit)
    texts = polnear_texts(args.data / "polnear", args.limit)
    if texts:
        speed(texts, args.runs, args.spacy_model)
    else:
        print("PolNeAR dev texts not found; skipping speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
