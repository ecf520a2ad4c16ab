"""NewsMTSC (Hamborg & Donnay 2021): reader, macro-F1/accuracy and k-fold CV.

One example per target: ``text[start:end]`` is the target mention (``end`` is
exclusive). Polarity codes 2.0/4.0/6.0 map to negative/neutral/positive. The
headline figure is macro-F1 over the three classes (the paper's F1m), plus
accuracy.

Example:
    >>> score(["positive", "neutral"], ["positive", "negative"])["accuracy"]
    0.5
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "LABELS",
    "Example",
    "cross_validate",
    "folds",
    "read_newsmtsc",
    "score",
]

#: The three classes, in the order the metrics report them.
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
_CODES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}

ModelT = TypeVar("ModelT")


@dataclass(frozen=True)
class Example:
    """One (sentence, target mention) pair with its gold label.

    Attributes:
        text: The sentence (``sentence_normalized``).
        start: Offset of the mention's first character.
        end: Offset one past the mention's last character.
        label: ``negative``, ``neutral`` or ``positive``.
        sentence: Index of the sentence in the file (groups its targets).
    """

    text: str
    start: int
    end: int
    label: str
    sentence: int


def read_newsmtsc(path: str | Path) -> list[Example]:
    """Read a NewsMTSC JSONL split, one example per target.

    Args:
        path: A ``*.jsonl`` file of the dataset.

    Returns:
        The examples in file order.

    Raises:
        ValueError: If a mention does not match ``text[from:to]`` or a
            polarity code is unknown.
    """
    examples: list[Example] = []
    with Path(path).open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["sentence_normalized"]
            for target in record["targets"]:
                start, end = int(target["from"]), int(target["to"])
                if text[start:end] != target["mention"]:
                    raise ValueError(
                        f"{path}:{i + 1}: mention {target['mention']!r} is not "
                        f"text[{start}:{end}] = {text[start:end]!r}"
                    )
                label = _CODES.get(float(target["polarity"]))
                if label is None:
                    raise ValueError(f"{path}:{i + 1}: polarity {target['polarity']!r}")
                examples.append(Example(text, start, end, label, i))
    return examples


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Compute macro-F1 over the three classes, accuracy and per-class figures.

    A predicted label outside :data:`LABELS` is always wrong. Precision of a
    class never predicted, and recall of a class never gold, count as 0.

    Args:
        gold: Gold labels.
        predicted: Predicted labels, parallel to ``gold``.

    Returns:
        ``{"n", "f1_macro", "accuracy", "per_class": {label: {precision,
        recall, f1, support}}}``; figures are fractions in [0, 1].

    Raises:
        ValueError: If the sequences differ in length.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    per_class: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        per_class[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": n_gold,
        }
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "n": len(gold),
        "f1_macro": sum(c["f1"] for c in per_class.values()) / len(LABELS),
        "accuracy": correct / len(gold) if gold else 0.0,
        "per_class": per_class,
    }


def folds(examples: Sequence[Example], k: int = 5) -> Iterator[tuple[list[int], list[int]]]:
    """Split example indices into ``k`` (train, test) folds, grouped by sentence.

    Targets of one sentence always fall in the same fold, so no sentence is
    both learned from and scored.

    Args:
        examples: The examples to split.
        k: Number of folds (at least 2).

    Yields:
        ``(train_indices, test_indices)`` for each fold in turn.
    """
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    assignment = [ex.sentence % k for ex in examples]
    for fold in range(k):
        train = [i for i, f in enumerate(assignment) if f != fold]
        test = [i for i, f in enumerate(assignment) if f == fold]
        yield train, test


def cross_validate(
    examples: Sequence[Example],
    train: Callable[[list[Example]], ModelT],
    predict: Callable[[ModelT, Example], str],
    k: int = 5,
) -> dict[str, Any]:
    """Learn on ``k - 1`` folds, score the held-out fold, pool the predictions.

    Args:
        examples: All examples (e.g. the train split).
        train: Builds a model from a list of examples.
        predict: Labels one example with a model.
        k: Number of folds.

    Returns:
        :func:`score` over the pooled held-out predictions, plus ``"folds"``:
        the per-fold macro-F1 and accuracy.
    """
    predicted: list[str] = [""] * len(examples)
    per_fold: list[dict[str, float]] = []
    for train_idx, test_idx in folds(examples, k):
        model = train([examples[i] for i in train_idx])
        fold_pred = [predict(model, examples[i]) for i in test_idx]
        for i, label in zip(test_idx, fold_pred, strict=True):
            predicted[i] = label
        fold_score = score([examples[i].label for i in test_idx], fold_pred)
        per_fold.append({"f1_macro": fold_score["f1_macro"], "accuracy": fold_score["accuracy"]})
    result = score([ex.label for ex in examples], predicted)
    result["folds"] = per_fold
    return result
