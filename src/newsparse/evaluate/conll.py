r"""Score entity predictions on CoNLL-2003 the way ``shared/data/README.md`` defines it.

Documents are 50 consecutive sentences (tokens joined by one space, sentences by
``"\\n"``). Predicted mentions must start and end on token boundaries (otherwise they are
false positives); scoring is conlleval's exact match of (first token, last token, type),
micro-averaged. Types map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, anything else->MISC;
a ``demonym`` mention counts as MISC; value types (DATE, MONEY, ...) are ignored.

Run it from the shell::

    python -m newsparse.evaluate.conll ../shared/data/conll2003/dev.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsparse.article import Article

__all__ = [
    "ConllDocument",
    "Score",
    "build_documents",
    "chunks",
    "entity_strings",
    "evaluate",
    "folds",
    "format_scores",
    "main",
    "map_type",
    "predict_documents",
    "read_conll",
    "score_documents",
    "seen_scores",
]

SENTENCES_PER_DOC = 50
TYPES = ("PER", "LOC", "ORG", "MISC")
CORE = ("PER", "LOC", "ORG")
VALUE_TYPES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_TYPE_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

Sentence = list[tuple[str, str]]
#: A prediction: ``(start, end, type, kind)`` in characters, end exclusive.
Prediction = tuple[int, int, str, str]


def map_type(entity_type: str, kind: str = "name") -> str | None:
    """Map a newsparse entity type (and mention kind) to a CoNLL type; ``None`` to ignore."""
    upper = entity_type.upper()
    if upper in VALUE_TYPES:
        return None
    if kind == "demonym":
        return "MISC"
    return _TYPE_MAP.get(upper, "MISC")


def read_conll(path: Path | str) -> list[Sentence]:
    """Read a ``TOKEN POS CHUNK? TAG`` file into sentences of ``(token, tag)``."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in Path(path).read_text("utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
                current = []
            continue
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    return sentences


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return conlleval chunks ``(first, end, type)`` of IOB tags (end exclusive)."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    current = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-") if tag != "O" else ("O", "", "")
        begins = prefix == "B" or (prefix == "I" and typ != current)
        if start is not None and (prefix == "O" or begins):
            out.append((start, i, current))
            start = None
        if prefix != "O" and start is None:
            start = i
        current = typ if prefix != "O" else ""
    return out


@dataclass(frozen=True)
class ConllDocument:
    """One evaluation document: its text, token offsets and gold chunks."""

    id: str
    text: str
    tokens: tuple[tuple[int, int], ...]
    gold: frozenset[tuple[int, int, str]]


def build_documents(
    sentences: Sequence[Sentence], size: int = SENTENCES_PER_DOC, prefix: str = "conll"
) -> list[ConllDocument]:
    """Group sentences into documents of ``size`` sentences."""
    docs = []
    for n, first in enumerate(range(0, len(sentences), size)):
        parts: list[str] = []
        tokens: list[tuple[int, int]] = []
        gold: set[tuple[int, int, str]] = set()
        pos = 0
        for sent in sentences[first : first + size]:
            if parts:
                parts.append("\n")
                pos += 1
            base = len(tokens)
            for k, (token, _tag) in enumerate(sent):
                if k:
                    parts.append(" ")
                    pos += 1
                parts.append(token)
                tokens.append((pos, pos + len(token)))
                pos += len(token)
            gold.update((base + s, base + e, t) for s, e, t in chunks([t for _, t in sent]))
        docs.append(
            ConllDocument(f"{prefix}-{n:04d}", "".join(parts), tuple(tokens), frozenset(gold))
        )
    return docs


def article_predictions(doc: Article) -> list[Prediction]:
    """Flatten an article's entity mentions into ``(start, end, type, kind)``."""
    return [(m.start, m.end, e.type, m.kind) for e in doc.entities for m in e.mentions]


@dataclass(frozen=True)
class Score:
    """Counts and precision/recall/F1 for one type (or a group of types)."""

    gold: int
    pred: int
    correct: int

    @property
    def precision(self) -> float:
        """Correct over predicted."""
        return self.correct / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        """Correct over gold."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _found(doc: ConllDocument, preds: Iterable[Prediction]) -> set[tuple[Any, ...]]:
    # ``(first, end, type)`` in tokens, or ``("misaligned", start, end, type)``.
    starts = {s: i for i, (s, _) in enumerate(doc.tokens)}
    ends = {e: i + 1 for i, (_, e) in enumerate(doc.tokens)}
    found: set[tuple[Any, ...]] = set()
    for start, end, etype, kind in preds:
        typ = map_type(etype, kind)
        if typ is None:
            continue
        first, last = starts.get(start), ends.get(end)
        if first is None or last is None or last <= first:
            found.add(("misaligned", start, end, typ))
        else:
            found.add((first, last, typ))
    return found


def score_documents(
    docs: Sequence[ConllDocument], predictions: Iterable[Iterable[Prediction]]
) -> dict[str, Score]:
    """Score predictions per document; keys are the types, ``core`` and ``overall``."""
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    correct_n: Counter[str] = Counter()
    for doc, preds in zip(docs, predictions, strict=True):
        found = _found(doc, preds)
        for *_, t in doc.gold:
            gold_n[t] += 1
        for key in found:
            pred_n[key[-1]] += 1
        for *_, t in doc.gold & found:
            correct_n[t] += 1
    types = list(TYPES) + sorted((set(gold_n) | set(pred_n)) - set(TYPES))
    out = {t: Score(gold_n[t], pred_n[t], correct_n[t]) for t in types}
    out["core"] = Score(*(sum(c[t] for t in CORE) for c in (gold_n, pred_n, correct_n)))
    out["overall"] = Score(*(sum(c.values()) for c in (gold_n, pred_n, correct_n)))
    return out


def entity_strings(sentences: Iterable[Sentence]) -> frozenset[tuple[str, ...]]:
    """Return the token tuples that are a gold name (of any type) in ``sentences``."""
    out: set[tuple[str, ...]] = set()
    for sent in sentences:
        words = [w for w, _ in sent]
        out.update(tuple(words[s:e]) for s, e, _ in chunks([t for _, t in sent]))
    return frozenset(out)


def seen_scores(
    docs: Sequence[ConllDocument],
    predictions: Iterable[Iterable[Prediction]],
    seen: AbstractSet[tuple[str, ...]],
) -> dict[str, Score]:
    """Score names whose string is in ``seen`` (e.g. train's names) apart from the others.

    Gold and predicted names are both split by their own token string, so each part has
    a precision too; a misaligned prediction counts as unseen.

    Returns:
        ``seen``/``unseen`` (all types) and ``seen core``/``unseen core`` (PER+LOC+ORG).
    """
    counts: dict[str, list[int]] = {
        k: [0, 0, 0] for k in ("seen", "unseen", "seen core", "unseen core")
    }

    def add(doc: ConllDocument, key: tuple[Any, ...], slot: int) -> None:
        words = (
            tuple(doc.text[doc.tokens[i][0] : doc.tokens[i][1]] for i in range(key[0], key[1]))
            if key[0] != "misaligned"
            else ()
        )
        part = "seen" if words in seen else "unseen"
        counts[part][slot] += 1
        if key[-1] in CORE:
            counts[part + " core"][slot] += 1

    for doc, preds in zip(docs, predictions, strict=True):
        found = _found(doc, preds)
        for slot, keys in enumerate((doc.gold, found, doc.gold & found)):
            for key in keys:
                add(doc, key, slot)
    return {k: Score(*v) for k, v in counts.items()}


def folds(docs: Sequence[ConllDocument], k: int) -> list[tuple[int, int]]:
    """Cut ``docs`` into ``k`` runs of consecutive documents: ``(first, end)`` each.

    Consecutive runs keep a news day's documents together, so a held-out run's names are
    as new to the rest as a later test set's are.
    """
    n = len(docs)
    return [(n * i // k, n * (i + 1) // k) for i in range(k)]


def predict_documents(
    docs: Sequence[ConllDocument],
    predict: Callable[[str], Article | Iterable[Prediction]],
) -> list[list[Prediction]]:
    """Run ``predict`` on each document's text; return its ``(start, end, type, kind)``."""
    results = []
    for doc in docs:
        out = predict(doc.text)
        results.append(article_predictions(out) if isinstance(out, Article) else list(out))
    return results


def evaluate(
    docs: Sequence[ConllDocument],
    predict: Callable[[str], Article | Iterable[Prediction]],
) -> dict[str, Score]:
    """Run ``predict`` on each document's text and score it.

    Args:
        docs: Documents from :func:`build_documents`.
        predict: Returns an :class:`Article` (e.g. ``Pipeline.parse``) or
            ``(start, end, type, kind)`` tuples for a text.

    Returns:
        Scores per CoNLL type, ``core`` (PER+LOC+ORG) and ``overall``.
    """
    return score_documents(docs, predict_documents(docs, predict))


def format_scores(scores: dict[str, Score]) -> str:
    """Render scores as a table (percentages)."""
    lines = [f"{'type':<11} {'gold':>6} {'pred':>6} {'ok':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, s in scores.items():
        label = "PER+LOC+ORG" if name == "core" else name
        lines.append(
            f"{label:<11} {s.gold:>6} {s.pred:>6} {s.correct:>6} "
            f"{100 * s.precision:>6.2f} {100 * s.recall:>6.2f} {100 * s.f1:>6.2f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse each document of a CoNLL file with the default pipeline and print scores."""
    from newsparse.pipeline import Pipeline

    parser = argparse.ArgumentParser(description="CoNLL-2003 entity scores for newsparse.")
    parser.add_argument("path", type=Path, help="CoNLL file, e.g. conll2003/dev.txt")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N docs")
    parser.add_argument(
        "--disable",
        nargs="*",
        default=["quotes", "stance"],
        help="extractors to leave out (default: quotes stance)",
    )
    args = parser.parse_args(argv)
    docs = build_documents(read_conll(args.path))
    if args.limit:
        docs = docs[: args.limit]
    pipeline = Pipeline.build(entry_points=False, disable=tuple(args.disable))
    started = time.process_time()
    scores = evaluate(docs, pipeline.parse)
    elapsed = time.process_time() - started
    print(format_scores(scores))
    print(f"{len(docs)} documents, {1000 * elapsed / max(len(docs), 1):.1f} CPU ms/document")
    print(json.dumps({k: round(100 * v.f1, 2) for k, v in scores.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
