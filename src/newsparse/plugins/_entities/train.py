"""Train the name tagger on a CoNLL-2003 file and write ``data/tagger.json.gz``.

Usage (the shipped weights were made with the defaults)::

    python -m newsparse.plugins._entities.train ../shared/data/conll2003/train.txt

Only the TRAIN split is read. What is written is derived, never corpus text: pruned
feature weights, a list of words seen in lower case at least ``MIN_LOWER`` times, and
the lower-case words seen inside names (connectors such as "of", "de").
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsparse.plugins._entities.gazetteer import load_gazetteer
from newsparse.plugins._entities.lexicon import Lexicon
from newsparse.plugins._entities.tagger import (
    LABELS,
    DocContext,
    candidates,
    doc_context,
    features,
    is_caps_line,
    lower_all,
)

__all__ = ["gaz_labels", "main", "name_lexicon", "read_conll", "train"]

DOC_SENTENCES = 50
MIN_LOWER = 3
MIN_SKIP = 5
FOLDS = 10
MIN_TITLE = 2
#: Titles of today's news that the 1996 train split lacks (hand-checked, listed in the
#: provenance note).
TITLE_SUPPLEMENT = frozenset(
    [
        "Mayor",
        "Governor",
        "Gov.",
        "Senator",
        "Sen.",
        "Rep.",
        "Representative",
        "Pope",
        "Prime",
        "Vice",
        "Deputy",
        "Attorney",
        "Lt.",
        "Gen.",
        "Sgt.",
        "Capt.",
        "Dr.",
        "Prof.",
        "Rev.",
        "Sheriff",
        "Superintendent",
    ]
)
OUT = Path(__file__).resolve().parent / "data" / "tagger.json.gz"

Sentence = list[tuple[str, str]]


def read_conll(path: Path) -> list[Sentence]:
    """Read ``TOKEN POS TAG`` lines, blank-line separated, into ``(word, IO label)``."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        if parts[0] == "-DOCSTART-":
            continue
        tag = parts[-1]
        current.append((parts[0], "O" if tag == "O" else tag[2:]))
    if current:
        sentences.append(current)
    return sentences


def gaz_labels(lowers: Sequence[str], starts: Sequence[int]) -> list[str]:
    """Return the gazetteer feature value of each token (``B-country``, ``-`` ...)."""
    out = ["-"] * len(lowers)
    for first, end, place in load_gazetteer().match(lowers, starts):
        out[first] = "B-" + place.kind
        for j in range(first + 1, end):
            out[j] = "I-" + place.kind
    return out


def name_lexicon(sentences: Iterable[Sentence]) -> dict[tuple[str, ...], str]:
    """Map each lower-cased name string (a run of one IO label) to its majority type."""
    counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for sent in sentences:
        k = 0
        while k < len(sent):
            label = sent[k][1]
            if label == "O":
                k += 1
                continue
            j = k + 1
            while j < len(sent) and sent[j][1] == label:
                j += 1
            counts[tuple(w.lower() for w, _ in sent[k:j])][label] += 1
            k = j
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _silent(message: str) -> None:
    del message


class _Perceptron:
    """Averaged perceptron with lazy averaging (weights per feature and label)."""

    def __init__(self) -> None:
        self.w: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(LABELS))
        self.totals: dict[tuple[str, int], float] = defaultdict(float)
        self.stamps: dict[tuple[str, int], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: Sequence[str]) -> int:
        scores = [0.0] * len(LABELS)
        for f in feats:
            ws = self.w.get(f)
            if ws is not None:
                for k in range(len(LABELS)):
                    scores[k] += ws[k]
        return scores.index(max(scores))

    def update(self, truth: int, guess: int, feats: Sequence[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            ws = self.w[f]
            for label, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, label)
                self.totals[key] += (self.i - self.stamps[key]) * ws[label]
                self.stamps[key] = self.i
                ws[label] += delta

    def averaged(self, prune: float) -> dict[str, list[list[float]]]:
        out: dict[str, list[list[float]]] = {}
        for f, ws in self.w.items():
            kept = []
            for label, value in enumerate(ws):
                key = (f, label)
                total = self.totals[key] + (self.i - self.stamps[key]) * value
                avg = round(total / self.i, 3)
                if abs(avg) >= prune:
                    kept.append([label, avg])
            if kept:
                out[f] = kept
        return out


def train(
    sentences: list[Sentence],
    iterations: int = 10,
    prune: float = 0.01,
    seed: int = 7,
    *,
    quiet: bool = False,
) -> dict[str, Any]:
    """Train on IO-labelled sentences and return the JSON-ready model.

    Args:
        sentences: ``(word, IO label)`` sentences, 50 to a document.
        iterations: Passes over the data.
        prune: Averaged weights smaller than this in size are dropped.
        seed: Seed of the shuffling between passes.
        quiet: Print no progress on stderr.
    """
    log = _silent if quiet else _stderr
    lower_counts = Counter(w for s in sentences for w, _ in s if w.islower())
    lowercase = sorted(w for w, c in lower_counts.items() if c >= MIN_LOWER)
    inner = Counter(
        w
        for s in sentences
        for k, (w, t) in enumerate(s)
        if t != "O" and w.islower() and k and s[k - 1][1] == t
    )
    connectors = sorted(w for w, c in inner.items() if c >= 2)
    # Capitalised forms seen often and never inside a name ("The", "He", "SOCCER") are
    # not scored at all: the tagger would say O anyway, and skipping them saves time.
    cap_counts = Counter(w for s in sentences for w, _ in s if w.lower() != w)
    in_names = {w for s in sentences for w, t in s if t != "O"}
    skip = sorted(w for w, c in cap_counts.items() if c >= MIN_SKIP and w not in in_names)
    # Capitalised words that mostly stand just before a person's name and seldom in one
    # ("President", "Mayor", "Minister"): titles, kept out of names at run time.
    # Only mid-sentence positions count ("But Clinton" is no title), and no day names.
    calendar_words = {*calendar.day_name, *calendar.month_name}
    before_person: Counter[str] = Counter()
    for sent in sentences:
        for k in range(2, len(sent)):
            w, t = sent[k - 1]
            if (
                t == "O"
                and sent[k][1] == "PER"
                and w.istitle()
                and w.isalpha()
                and w not in calendar_words
            ):
                before_person[w] += 1
    name_counts = Counter(w for s in sentences for w, t in s if t != "O")
    gazetteer = load_gazetteer()
    titles = sorted(
        {
            w
            for w, c in before_person.items()
            if c >= MIN_TITLE and c > name_counts[w] and (w.lower(),) not in gazetteer.phrases
        }
        | TITLE_SUPPLEMENT
    )
    lc_set, conn_set, skip_set = frozenset(lowercase), frozenset(connectors), frozenset(skip)
    docs = [sentences[i : i + DOC_SENTENCES] for i in range(0, len(sentences), DOC_SENTENCES)]
    # Each fold's lexicon features come from a lexicon of the other folds (jackknife).
    fold_lexicons = [
        Lexicon.build(
            name_lexicon(s for d, doc in enumerate(docs) if d % FOLDS != k for s in doc).items()
        )
        for k in range(FOLDS)
    ]
    prepared = []
    for d, doc in enumerate(docs):
        lexicon = fold_lexicons[d % FOLDS]
        words_list = [[w for w, _ in s] for s in doc]
        lowers_list = [lower_all(words) for words in words_list]
        cands = [
            candidates(words, lowers, conn_set, skip_set)
            for words, lowers in zip(words_list, lowers_list, strict=True)
        ]
        ctx: DocContext = doc_context(words_list, cands)
        for s, words, lowers, cand in zip(doc, words_list, lowers_list, cands, strict=True):
            gold = [LABELS.index(t) for _, t in s]
            prepared.append(
                (
                    words,
                    lowers,
                    gaz_labels(lowers, cand),
                    lexicon.labels(lowers, cand),
                    gold,
                    cand,
                    is_caps_line(words),
                    ctx,
                )
            )
    missed = sum(1 for p in prepared for i, t in enumerate(p[3]) if t and i not in set(p[4]))
    total = sum(1 for p in prepared for t in p[3] if t)
    log(f"name tokens outside candidates: {missed}/{total}")
    model = _Perceptron()
    rng = random.Random(seed)
    for it in range(iterations):
        rng.shuffle(prepared)
        errors = seen = 0
        for words, lowers, gaz, lex, gold, cand, caps, ctx in prepared:
            # Mirror tagger.tag_sentence: the history is the predicted labels.
            labels = [0] * len(words)
            for i in cand:
                prev = LABELS[labels[i - 1]] if i else "O"
                prev2 = LABELS[labels[i - 2]] if i > 1 else "O"
                feats = features(words, lowers, gaz, lex, i, prev, prev2, caps, ctx, lc_set)
                guess = labels[i] = model.predict(feats)
                model.update(gold[i], guess, feats)
                errors += guess != gold[i]
                seen += 1
        log(f"iteration {it + 1}: {errors}/{seen} candidate errors")
    # Stored as feature names and a flat list of integer thousandths, five per feature
    # (the averaged weights are rounded to three decimals, so these are exact): plain
    # integers load several times faster than nested lists of floats.
    names: list[str] = []
    values: list[int] = []
    for feat, kept in model.averaged(prune).items():
        dense = [0] * len(LABELS)
        for label, avg in kept:
            dense[int(label)] = round(avg * 1000)
        names.append(feat)
        values += dense
    by_type: dict[str, list[str]] = defaultdict(list)
    for key, typ in sorted(name_lexicon(sentences).items()):
        by_type[typ].append(" ".join(key))
    return {
        "provenance": (
            "Averaged perceptron (greedy, IO labels) trained by "
            "newsparse.plugins._entities.train on the CoNLL-2003 English TRAIN split "
            f"({len(sentences)} sentences, {iterations} iterations, weights |w| < {prune} "
            "pruned; 'weights' holds, for each name in 'features', its five label weights "
            "in integer thousandths, in the order of 'labels'). 'lowercase' lists words "
            f"seen in lower case >= {MIN_LOWER} times; "
            "'connectors' lists lower-case words seen inside names >= 2 times; 'skip' "
            f"lists capitalised words seen >= {MIN_SKIP} times and never inside a name. "
            "'lexicon' lists lower-cased name strings by the type they carried most often "
            f"(training used {FOLDS}-fold jackknifed lexicons); 'titles' lists capitalised "
            f"words seen >= {MIN_TITLE} times just before a person's name, more often than "
            "inside names, plus a hand-checked supplement (TITLE_SUPPLEMENT in train.py). "
            "No sentences are stored."
        ),
        "labels": list(LABELS),
        "lowercase": lowercase,
        "connectors": connectors,
        "skip": skip,
        "titles": titles,
        "lexicon": dict(sorted(by_type.items())),
        "features": names,
        "weights": values,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: train and write the weights file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("train", type=Path, help="CoNLL-2003 train.txt")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--prune", type=float, default=0.01)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = train(read_conll(args.train), args.iterations, args.prune)
    blob = json.dumps(data, separators=(",", ":")).encode()
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    print(
        f"wrote {args.out}: {len(data['features'])} features, "
        f"{args.out.stat().st_size // 1024} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
