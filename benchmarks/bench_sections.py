"""Benchmark the ``sections`` and ``sentences`` extractors on PolNeAR texts.

Usage::

    python benchmarks/bench_sections.py [--split dev|train] [--limit N] [--runs 5]

Reports, over ``../shared/data/polnear/<split>/text/*.txt`` (first line = headline):

* title accuracy: the title span's text equals the first line, stripped;
* title false positives: the same texts with the headline block removed, so the
  first line is the lede, which must not be taken for a title;
* sentence-split quality. PolNeAR has no sentence annotation, so this uses a
  proxy from the attribution ``Content`` spans (``.ann``, lexicographically first
  annotator): a content fragment is *consistent* with a segmentation when it lies
  inside one sentence or starts on a sentence start; a fragment that starts
  inside a sentence and runs past its end either continues a real sentence
  (legitimate, e.g. a paraphrase followed by a full quote) or reveals a false
  split. The same figures for a naive splitter (every ``[.!?]`` + space +
  capital) show the size of the effect. Also counted: splits right after known
  abbreviations ("Mr.", "Jan.", "U.S." ...);
* CPU milliseconds per article for ``sections`` + ``sentences`` (the two
  ``extract`` calls, median of several runs, ``time.process_time``) and for the
  same two run through ``Pipeline.parse`` (reader and layer validation included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import regex

from newsparse import Article, Pipeline
from newsparse.plugins.sections import SectionsExtractor
from newsparse.plugins.sentences import SentencesExtractor

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_NAIVE_RE = regex.compile(r"[.!?]+[\"'\u201d\u2019)]*\s+(?=[\p{Lu}\"\u201c])")
# An independent, hand-written check list: a full stop after these never ends a
# sentence in edited news copy (titles before names, months before numbers).
_ABBREV_CHECK = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Capt", "Sgt", "Rev",
        "Prof", "St", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "vs",
        "e.g", "i.e",
    }
)  # fmt: skip
_MAY_END_CHECK_RE = regex.compile(r"(?:\p{Lu}\.){1,3}\p{Lu}\Z|Inc\Z|Corp\Z|Jr\Z|Co\Z")
_WORD_BEFORE_RE = regex.compile(r"(?r)[\p{L}.]+")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    base = SHARED / "data" / "polnear" / args.split
    if not (base / "text").is_dir():
        print(f"skipped: {base / 'text'} is absent (../shared holds the corpora)")
        return 0
    paths = sorted((base / "text").glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    anns = [_contents(base / "attributions", p.stem) for p in paths]

    sections = SectionsExtractor()
    sentences = SentencesExtractor()
    docs = [_structure(Article.from_text(t, id=p.stem), sections, sentences)
            for t, p in zip(texts, paths, strict=True)]  # fmt: skip

    title_ok = sum(
        d.title is not None and d.title.text == t.split("\n", 1)[0].strip()
        for d, t in zip(docs, texts, strict=True)
    )
    fp, fp_n = 0, 0
    for t in texts:
        rest = _without_headline(t)
        if rest is None:
            continue
        fp_n += 1
        doc = _structure(Article.from_text(rest), sections, None)
        fp += doc.title is not None

    ours = _sentence_figures(docs, anns, lambda d: [(s.start, s.end) for s in d.sentences])
    naive = _sentence_figures(docs, anns, _naive_sentences)
    ms_extract = _time_extract(texts, sections, sentences, args.runs)
    ms_pipeline = _time_pipeline(texts, args.runs)

    n = len(docs)
    rows = [
        ("articles", f"{n}", ""),
        ("title accuracy (== first line)", f"{100 * title_ok / n:.1f}% ({title_ok}/{n})", ""),
        ("title false positives (headline removed)", f"{_pct(fp, fp_n)} ({fp}/{fp_n})", ""),
        ("sentences per article (median)", f"{ours['median']:.0f}", f"{naive['median']:.0f}"),
        ("content fragments", f"{ours['fragments']}", ""),
        ("  inside one sentence", _pct(ours["inside"], ours["fragments"]),
         _pct(naive["inside"], naive["fragments"])),
        ("  starting on a sentence start", _pct(ours["on_start"], ours["fragments"]),
         _pct(naive["on_start"], naive["fragments"])),
        ("  consistent (either)", _pct(ours["consistent"], ours["fragments"]),
         _pct(naive["consistent"], naive["fragments"])),
        ("splits after title/month abbreviations", f"{ours['abbrev']}", f"{naive['abbrev']}"),
        ("splits after U.S./Inc./Jr.-like words", f"{ours['may_end']}", f"{naive['may_end']}"),
        ("CPU ms/article, 2 extract() calls (median)", f"{ms_extract[0]:.3f}", ""),
        ("  best run", f"{ms_extract[1]:.3f}", ""),
        ("CPU ms/article, Pipeline.parse (median)", f"{ms_pipeline[0]:.3f}", ""),
        ("  best run", f"{ms_pipeline[1]:.3f}", ""),
        ("machine speed: CPU ms per 1000 dict() calls", f"{_reference_ms():.3f}", ""),
    ]  # fmt: skip
    print(f"PolNeAR {args.split}: sections + sentences")
    print(f"{'measure':46} {'newsparse':>16} {'naive split':>12}")
    for name, value, other in rows:
        print(f"{name:46} {value:>16} {other:>12}")
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--runs", type=int, default=5, help="timing runs (median)")
    return parser.parse_args(argv)


def _structure(
    doc: Article, sections: SectionsExtractor, sentences: SentencesExtractor | None
) -> Article:
    doc = doc.with_layers(sections.extract(doc))
    if sentences is not None:
        doc = doc.with_layers(sentences.extract(doc))
    return doc


def _without_headline(text: str) -> str | None:
    # Drop the first block (headline, and a dek on the next line if any).
    parts = regex.split(r"\n[ \t]*\n", text, maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        return None
    return parts[1].lstrip()


def _contents(folder: Path, stem: str) -> list[tuple[int, int]]:
    files = sorted(folder.glob(f"{stem}_*.ann"))
    if not files:
        return []
    out = []
    for line in files[0].read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].startswith("T"):
            continue
        label, _, offsets = fields[1].partition(" ")
        if label != "Content":
            continue
        for frag in offsets.split(";"):
            s, e = frag.split()
            out.append((int(s), int(e)))
    return out


def _naive_sentences(doc: Article) -> list[tuple[int, int]]:
    out = []
    for p in [*([doc.title] if doc.title else []), *doc.paragraphs]:
        begin = p.start
        for m in _NAIVE_RE.finditer(doc.text, p.start, p.end):
            out.append((begin, m.start() + len(m.group().rstrip())))
            begin = m.end()
        out.append((begin, p.end))
    return out


def _sentence_figures(
    docs: list[Article],
    anns: list[list[tuple[int, int]]],
    sentences_of: Callable[[Article], list[tuple[int, int]]],
) -> dict[str, float]:
    fig: dict[str, float] = dict.fromkeys(
        ("fragments", "inside", "on_start", "consistent", "abbrev", "may_end"), 0
    )
    counts = []
    for doc, contents in zip(docs, anns, strict=True):
        sents = sorted(sentences_of(doc))
        counts.append(len(sents))
        starts = {s for s, _ in sents}
        text = doc.text
        for s, e in contents:
            s, e = _trim(text, s, e)
            if s >= e:
                continue
            fig["fragments"] += 1
            inside = any(a <= s and e <= b for a, b in sents)
            on_start = s in starts
            fig["inside"] += inside
            fig["on_start"] += on_start
            fig["consistent"] += inside or on_start
        for _, e in sents[:-1]:
            dot = e
            while dot > 0 and text[dot - 1] in "\"'\u201d\u2019)":
                dot -= 1
            if text[dot - 1 : dot] != ".":
                continue
            w = _WORD_BEFORE_RE.match(text, max(0, dot - 20), dot - 1)
            word = w.group() if w else ""
            fig["abbrev"] += word in _ABBREV_CHECK
            fig["may_end"] += _MAY_END_CHECK_RE.search(word) is not None
    fig["median"] = statistics.median(counts) if counts else 0
    return fig


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _time_extract(
    texts: list[str], sections: SectionsExtractor, sentences: SentencesExtractor, runs: int
) -> tuple[float, float]:
    docs = [Article.from_text(t) for t in texts]
    # The sentences extractor reads the sections layers, so give it them first.
    with_layers = [d.with_layers(sections.extract(d)) for d in docs]
    results = []
    for _ in range(runs):
        started = time.process_time()
        for doc in docs:
            sections.extract(doc)
        for doc in with_layers:
            sentences.extract(doc)
        results.append((time.process_time() - started) * 1000 / len(docs))
    return statistics.median(results), min(results)


def _time_pipeline(texts: list[str], runs: int) -> tuple[float, float]:
    pipeline = Pipeline.build(entry_points=False, disable=("entities", "quotes", "stance"))
    names = [e.name for e in pipeline.extractors]
    if names != ["sections", "sentences"]:
        print(f"note: pipeline runs {names}", file=sys.stderr)
    results = []
    for _ in range(runs):
        started = time.process_time()
        for text in texts:
            pipeline.parse(text, format="text")
        results.append((time.process_time() - started) * 1000 / len(texts))
    return statistics.median(results), min(results)


def _reference_ms() -> float:
    # A fixed amount of plain Python work, to compare machines (and loads).
    runs = []
    for _ in range(20):
        started = time.process_time()
        for _ in range(1000):
            dict(a=1)
        runs.append((time.process_time() - started) * 1000)
    return statistics.median(runs)


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


if __name__ == "__main__":
    sys.exit(main())
