# ruff: noqa: RUF001  (quotation marks are the subject here)
"""Benchmark the ``quotes`` extractor on PolNeAR dev: metrics table and articles/s.

Usage::

    python benchmarks/bench_quotes.py [--polnear DIR] [--split dev] [--limit N]
        [--pipeline] [--write PRED.jsonl]
    python benchmarks/bench_quotes.py --learn OUT.json --polnear DIR   # rebuild the lexicon

By default only the quotes extractor runs, on raw article text (no sentences
or entities layers), which is what its speed budget is about; ``--pipeline``
runs the whole default pipeline instead. The figures come from
:mod:`newsparse.evaluate.polnear`; ``--write`` saves the predictions as JSONL
for the reference scorer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from newsparse import Article, Pipeline
from newsparse.evaluate.polnear import format_table, load_split, score_articles
from newsparse.plugins.quotes import QuotesConfig, find_quotes

DEFAULT_POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
# Hand-checked head nouns of vague sources (see _quotes/data/README.md).
_ANONYMOUS_HEADS = sorted(
    [
        "officials",
        "analysts",
        "experts",
        "observers",
        "critics",
        "sources",
        "aides",
        "advisers",
        "advisors",
        "strategists",
        "economists",
        "lawmakers",
        "leaders",
        "supporters",
        "opponents",
        "activists",
        "advocates",
        "insiders",
        "diplomats",
        "researchers",
        "scholars",
        "pollsters",
        "commentators",
        "residents",
        "witnesses",
        "investigators",
        "prosecutors",
        "authorities",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "source",
        "insider",
        "aide",
        "adviser",
        "people",
        "some",
        "others",
        "many",
    ]
)
_ANONYMOUS_PHRASES = [
    "familiar with",
    "close to",
    "who asked not to be named",
    "who spoke on condition of anonymity",
    "on condition of anonymity",
    "not authorized",
]


def learn(polnear: Path, out: Path, min_count: int = 3, min_share: float = 0.2) -> None:
    """Write the cue lexicon learned from PolNeAR train to ``out``.

    Every lowercase alphabetic word form seen inside an annotated Cue span at
    least ``min_count`` times, and a cue in at least ``min_share`` of its
    occurrences in the split, is kept with ``[times in a Cue, times in all]``.
    """
    articles = load_split(polnear, "train")
    in_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for a in articles:
        cue_chars = {p for att in a.attributions for s, e in att.cue for p in range(s, e)}
        for m in _WORD_RE.finditer(a.text):
            word = m.group().lower()
            seen[word] += 1
            if m.start() in cue_chars:
                in_cue[word] += 1
    cues = {
        w: [n, seen[w]]
        for w, n in sorted(in_cue.items())
        if n >= min_count and n / seen[w] >= min_share and w.isalpha()
    }
    data = {
        "provenance": {
            "corpus": "PolNeAR (Newell, Margolin & Ruths 2018)",
            "split": f"train ({len(articles)} articles)",
            "cues": (
                "every \\w+ form (lowercased, alphabetic) that occurs inside an annotated Cue "
                f"span at least {min_count} times, with [times inside a Cue, times in the "
                f"split]; forms with a cue share below {min_share} are left out"
            ),
            "anonymous_heads": (
                "head nouns of annotated Source spans that are plural or role nouns without "
                "a proper name, filtered by hand to human group/role nouns"
            ),
        },
        "cues": cues,
        "anonymous_heads": _ANONYMOUS_HEADS,
        "anonymous_phrases": _ANONYMOUS_PHRASES,
    }
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(cues)} cue forms to {out}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or ``--learn``); print the table and speed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--pipeline", action="store_true", help="run the whole default pipeline")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best is shown")
    ap.add_argument("--write", type=Path, help="write predictions JSONL here")
    ap.add_argument("--learn", type=Path, help="rebuild the lexicon JSON from the train split")
    args = ap.parse_args(argv)
    if args.learn:
        learn(args.polnear, args.learn)
        return 0
    gold = load_split(args.polnear, args.split)
    if args.limit:
        gold = gold[: args.limit]
    config = QuotesConfig()
    docs = [Article.from_text(g.text, id=g.id) for g in gold]
    pipeline = Pipeline.build(entry_points=False) if args.pipeline else None
    find_quotes(docs[0], config)  # load the lexicon before timing
    elapsed = cpu = float("inf")
    parsed: list[Article] = []
    for _ in range(max(1, args.repeat)):  # best pass: the machine may be shared
        parsed = []
        started, cpu_started = time.perf_counter(), time.process_time()
        for g, doc in zip(gold, docs, strict=True):
            if pipeline is not None:
                parsed.append(pipeline.parse(g.text, format="text", id=g.id))
            else:
                parsed.append(doc.with_layers({"quotes": find_quotes(doc, config)}))
        elapsed = min(elapsed, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    metrics = score_articles(parsed, gold)
    words = sum(len(g.text.split()) for g in gold)
    what = "whole pipeline" if pipeline else "quotes extractor only"
    print(
        format_table(
            metrics, f"== newsparse quotes on PolNeAR {args.split} ({len(gold)} articles) =="
        )
    )
    print(
        f"{what}: {len(gold) / elapsed:.1f} articles/s, "
        f"{elapsed / len(gold) * 1000:.2f} ms/article wall, {cpu / len(gold) * 1000:.2f} ms "
        f"CPU ({words / len(gold):.0f} words/article, best of {max(1, args.repeat)})"
    )
    if args.write:
        with args.write.open("w", encoding="utf-8") as fh:
            for doc in parsed:
                fh.write(doc.model_dump_json() + "\n")
    print(json.dumps(metrics, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
