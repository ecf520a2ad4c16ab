"""Benchmark the built-in ``entities`` extractor: CoNLL-2003 dev accuracy and speed.

Prints (figures, not assertions):
    * CoNLL-2003 dev scores (50-sentence documents, conlleval exact match), and apart
      for names whose string is a name in the train split ("seen") or not ("unseen");
    * with ``--kfold K``: a K-fold estimate on the train split (the tagger trained on
      K-1 runs of consecutive documents, the held-out run scored by the same scorer,
      pooled over the K runs): held-out figures that tuning on dev has not touched;
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
    .venv/bin/python benchmarks/bench_entities.py --kfold 5 --no-dev --no-speed
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import spacy_peer  # benchmarks/spacy_peer.py: this folder is on sys.path when run

from newsparse import Pipeline
from newsparse.evaluate.conll import (
    SENTENCES_PER_DOC,
    Score,
    build_documents,
    entity_strings,
    folds,
    format_scores,
    predict_documents,
    read_conll,
    score_documents,
    seen_scores,
)
from newsparse.plugins import entities
from newsparse.plugins._entities import train as tagger_training
from newsparse.plugins._entities.tagger import TaggerModel, model_from_data
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
    predictions = predict_documents(docs, pipeline.parse)
    elapsed = time.process_time() - started
    print(f"== CoNLL-2003 dev, {len(docs)} documents of 50 sentences (newsparse) ==")
    print(format_scores(score_documents(docs, predictions)))
    print(f"{1000 * elapsed / len(docs):.1f} CPU ms per 50-sentence document")
    train = conll / "train.txt"
    if train.is_file():
        print("-- names seen / unseen as a name in the train split --")
        print(format_scores(seen_scores(docs, predictions, entity_strings(read_conll(train)))))


@contextmanager
def tagger_model(model: TaggerModel) -> Iterator[None]:
    """Make the ``entities`` extractor use ``model`` instead of the shipped weights."""
    with mock.patch.object(entities, "load_model", lambda: model):
        yield


def kfold_scores(conll: Path, k: int, iterations: int) -> None:
    """Print a K-fold estimate on the train split: train on K-1 runs, score the other."""
    path = conll / "train.txt"
    if not path.is_file():
        print(f"CoNLL-2003 train not found at {path}; skipping the K-fold estimate")
        return
    tagged = read_conll(path)
    labelled = tagger_training.read_conll(path)  # the same sentences, IO labels
    docs = build_documents(tagged)
    per_doc = SENTENCES_PER_DOC
    predictions: list[list[Any]] = []
    seen_parts: list[dict[str, Score]] = []
    train_cpu = 0.0
    for first, end in folds(docs, k):
        held = range(first * per_doc, end * per_doc)
        rest = [s for n, s in enumerate(labelled) if n not in held]
        started = time.process_time()
        model = model_from_data(tagger_training.train(rest, iterations, quiet=True))
        train_cpu += time.process_time() - started
        with tagger_model(model):
            pipeline = Pipeline.build(entry_points=False, disable=("quotes", "stance"))
            part = predict_documents(docs[first:end], pipeline.parse)
        predictions += part
        seen = entity_strings(s for n, s in enumerate(tagged) if n not in held)
        seen_parts.append(seen_scores(docs[first:end], part, seen))
    print(f"== CoNLL-2003 train, {k}-fold estimate ({len(docs)} documents, runs of ")
    print(f"   consecutive documents held out in turn; {train_cpu / k:.1f} CPU s per training) ==")
    print(format_scores(score_documents(docs, predictions)))
    pooled = {
        key: Score(
            *(sum(getattr(p[key], a) for p in seen_parts) for a in ("gold", "pred", "correct"))
        )
        for key in seen_parts[0]
    }
    print("-- names seen / unseen as a name in the training runs --")
    print(format_scores(pooled))


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
    parser.add_argument("--no-speed", action="store_true", help="skip the speed figures")
    parser.add_argument("--no-dev", action="store_true", help="skip the CoNLL dev scores")
    parser.add_argument(
        "--kfold", type=int, default=0, help="K: also print a K-fold estimate on train"
    )
    parser.add_argument("--iterations", type=int, default=10, help="K-fold training passes")
    parser.add_argument(
        "--spacy-model",
        default=spacy_peer.SM_NAME,
        help="spaCy peer: a package name or model path (without it: an untrained "
        "pipeline of en_core_web_sm's architecture)",
    )
    args = parser.parse_args(argv)
    if not args.speed_only and not args.no_dev:
        conll_scores(args.data / "conll2003", args.limit)
    if not args.speed_only and args.kfold > 1:
        kfold_scores(args.data / "conll2003", args.kfold, args.iterations)
    if args.no_speed:
        return 0
    texts = polnear_texts(args.data / "polnear", args.limit)
    if texts:
        speed(texts, args.runs, args.spacy_model)
    else:
        print("PolNeAR dev texts not found; skipping speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
