"""Benchmark stance and target-dependent polarity; prints figures, asserts nothing.

Figures:

* NewsMTSC train, 5-fold cross-validation grouped by sentence (learn on four
  folds with the shipped training settings, score the fifth): macro-F1 over the
  three classes (F1m) and accuracy. This is the honest held-out figure.
* NewsMTSC train scored with the *shipped* weights (trained on all of train):
  an in-sample figure, printed only for comparison with the reference scorer.
* ``polarity_toward`` sentences per second on one core.
* Articles per second over PolNeAR dev with the full default pipeline, and
  how many stances and hedged stances it finds.

Usage::

    python benchmarks/bench_stance.py [--limit N] [--folds K] [--shared DIR] [--clusters FILE]

``--limit`` keeps the first N NewsMTSC sentences and N PolNeAR articles (for a
quick run); without it everything is used. ``--clusters FILE`` runs the
cross-validation with another word-cluster table (e.g. one built by
``scripts/build_clusters.py --without-newsmtsc``, whose clusters never saw the
scored folds' text) and skips the figures of the shipped model.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from newsparse import Pipeline
from newsparse.evaluate.newsmtsc import Example, cross_validate, read_newsmtsc, score
from newsparse.plugins._stance import clusters
from newsparse.plugins._stance.features import features
from newsparse.plugins._stance.model import predict
from newsparse.plugins._stance.train import fit
from newsparse.plugins.stance import StanceConfig, StanceExtractor
from newsparse.polarity import polarity_toward

_SHARED = Path(__file__).resolve().parents[2] / "shared"


def _pct(value: float) -> str:
    return f"{value * 100:.2f}"


def _use_clusters(path: Path) -> None:
    # Swap the cluster table the features read (this process only): the shipped
    # weights were trained on the shipped table, so only the CV means anything then.
    data = json.loads(path.read_text(encoding="utf-8"))
    words: list[str] = data["words"]
    table = (
        tuple(data["sizes"]),
        dict(zip(words, range(len(words)), strict=True)),
        data["clusters"],
    )
    clusters.cluster_table = lambda: table  # type: ignore[assignment]
    clusters._NAMES.clear()


def bench_newsmtsc(
    path: Path, limit: int | None, k: int, cluster_file: Path | None = None
) -> dict[str, float]:
    """Cross-validate, score the shipped model in-sample, and time inference."""
    if cluster_file is not None:
        _use_clusters(cluster_file)
        print(f"word clusters from {cluster_file} (shipped model figures skipped)")
    examples = read_newsmtsc(path)
    if limit is not None:
        examples = [ex for ex in examples if ex.sentence < limit]
    feats = {id(ex): features(ex.text, ex.start, ex.end) for ex in examples}

    def train(rows: list[Example]) -> dict[str, tuple[float, float, float]]:
        return fit([(feats[id(ex)], ex.label) for ex in rows])

    started = time.perf_counter()
    cv = cross_validate(examples, train, lambda m, ex: predict(feats[id(ex)], m).label, k=k)
    cv_seconds = time.perf_counter() - started
    print(f"NewsMTSC train, {k}-fold CV (grouped by sentence), n={cv['n']}")
    print(f"  F1m      {_pct(cv['f1_macro'])}")
    print(f"  accuracy {_pct(cv['accuracy'])}")
    print("  per fold F1m " + " ".join(_pct(f["f1_macro"]) for f in cv["folds"]))
    for label, row in cv["per_class"].items():
        print(
            f"  {label:<9} P {_pct(row['precision'])} R {_pct(row['recall'])} "
            f"F1 {_pct(row['f1'])} (n={int(row['support'])})"
        )
    print(f"  ({cv_seconds:.1f} s for {k} trainings)")
    if cluster_file is not None:
        return {"cv_f1_macro": cv["f1_macro"], "cv_accuracy": cv["accuracy"]}

    polarity_toward("warm up", 0, 4)
    predicted = [polarity_toward(ex.text, ex.start, ex.end).label for ex in examples]
    in_sample = score([ex.label for ex in examples], predicted)
    rates = []
    for _ in range(5):  # CPU time, best and median of five: the machine is shared
        started = time.process_time()
        for ex in examples:
            polarity_toward(ex.text, ex.start, ex.end)
        seconds = time.process_time() - started
        rates.append(len(examples) / seconds if seconds else float("inf"))
    rate = max(rates)
    print("Shipped weights on train (IN-SAMPLE: trained on these sentences)")
    print(f"  F1m      {_pct(in_sample['f1_macro'])}")
    print(f"  accuracy {_pct(in_sample['accuracy'])}")
    print(
        f"polarity_toward: {rate:,.0f} sentences/s best of 5, "
        f"{statistics.median(rates):,.0f} median (one core, CPU time)"
    )
    return {
        "cv_f1_macro": cv["f1_macro"],
        "cv_accuracy": cv["accuracy"],
        "in_sample_f1_macro": in_sample["f1_macro"],
        "in_sample_accuracy": in_sample["accuracy"],
        "sentences_per_second": rate,
    }


def bench_pipeline(folder: Path, limit: int | None) -> dict[str, float]:
    """Parse PolNeAR dev articles with the full pipeline; time it."""
    files = sorted(folder.glob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    pipeline = Pipeline.build(entry_points=False)
    pipeline.parse("Warm up: Kim praised Putin.")
    stances = hedged = 0
    started = time.perf_counter()
    for text in texts:
        doc = pipeline.parse(text)
        stances += len(doc.stances)
        hedged += sum(1 for s in doc.stances if s.hedged)
    seconds = time.perf_counter() - started
    rate = len(texts) / seconds if seconds else float("inf")
    print(f"PolNeAR dev, full pipeline: {len(texts)} articles")
    print(f"  {rate:,.1f} articles/s ({seconds:.2f} s)")
    print(f"  {stances} stances, {hedged} hedged")
    # The stance extractor alone, on documents parsed up to quotes once.
    upstream = Pipeline.build(entry_points=False, disable=("stance",))
    docs = [upstream.parse(text) for text in texts]
    extractor = StanceExtractor(StanceConfig())
    runs = []
    for _ in range(5):
        started = time.process_time()
        for doc in docs:
            extractor.extract(doc)
        runs.append((time.process_time() - started) * 1000 / max(1, len(docs)))
    print(
        f"  stance extractor alone: {min(runs):.2f} ms/article best of 5, "
        f"{statistics.median(runs):.2f} median (CPU time)"
    )
    return {
        "articles": len(texts),
        "articles_per_second": rate,
        "stances": stances,
        "stance_ms_per_article": min(runs),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures (last line: JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Sentences/articles to use.")
    parser.add_argument("--folds", type=int, default=5, help="Cross-validation folds.")
    parser.add_argument("--shared", type=Path, default=_SHARED, help="The shared folder.")
    parser.add_argument(
        "--clusters", type=Path, default=None, help="Another word-cluster table for the CV only."
    )
    args = parser.parse_args(argv)
    figures: dict[str, float] = {}
    newsmtsc = args.shared / "data" / "newsmtsc" / "train.jsonl"
    if newsmtsc.is_file():
        figures.update(bench_newsmtsc(newsmtsc, args.limit, args.folds, args.clusters))
    else:
        print(f"skipped NewsMTSC: {newsmtsc} not found")
    polnear = args.shared / "data" / "polnear" / "dev" / "text"
    if args.clusters is not None:
        print("skipped PolNeAR: another cluster table is in use")
    elif polnear.is_dir():
        figures.update(bench_pipeline(polnear, args.limit))
    else:
        print(f"skipped PolNeAR: {polnear} not found")
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
