"""The target-polarity model: multinomial logistic regression over features.

Weights live in ``data/polarity_weights.json`` (see ``data/README.md`` for how
they were learned); they are read once, on first use. Inference is pure
Python: a sum of weight rows and a softmax.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Literal, NamedTuple

__all__ = [
    "CLASSES",
    "TargetPolarity",
    "Weights",
    "from_scores",
    "load_weights",
    "polarity_of",
    "predict",
    "stored_weights",
]

#: Class order of every weight row.
CLASSES: tuple[str, str, str] = ("negative", "neutral", "positive")

#: Feature name -> one weight per class, in :data:`CLASSES` order.
Weights = Mapping[str, Sequence[float]]


class TargetPolarity(NamedTuple):
    """Polarity of a text toward one target mention.

    Attributes:
        label: ``positive``, ``negative`` or ``neutral``.
        score: Signed strength in [-1, 1]: P(positive) - P(negative).
        probabilities: P(negative), P(neutral), P(positive).
    """

    label: Literal["negative", "neutral", "positive"]
    score: float
    probabilities: tuple[float, float, float]


@cache
def stored_weights() -> tuple[list[str], list[int]]:
    """Return the shipped feature names and their weights in thousandths, flat.

    The file keeps integers (three per feature, in :data:`CLASSES` order) in one
    flat list: JSON decodes that several times faster than a mapping of float
    rows, which matters because every process pays it on its first parse.
    """
    raw = resources.files("newsparse.plugins._stance").joinpath("data", "polarity_weights.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    if data.get("scale") != 1000:
        raise ValueError("polarity_weights.json: expected weights in thousandths (scale 1000)")
    return data["features"], data["weights"]


@cache
def load_weights() -> dict[str, tuple[float, float, float]]:
    """Load the shipped weights as floats (once per process)."""
    names, flat = stored_weights()
    # n / 1000 is the double nearest the three-decimal weight, as parsing "0.034" would give.
    return {
        name: (a / 1000, b / 1000, c / 1000)
        for name, a, b, c in zip(names, flat[0::3], flat[1::3], flat[2::3], strict=True)
    }


def predict(feats: Iterable[str], weights: Weights) -> TargetPolarity:
    """Score features with ``weights`` and return the most probable class."""
    a = b = c = 0.0
    for name in feats:
        row = weights.get(name)
        if row is not None:
            a += row[0]
            b += row[1]
            c += row[2]
    return from_scores(a, b, c)


def from_scores(a: float, b: float, c: float) -> TargetPolarity:
    """Turn summed class scores (negative, neutral, positive) into a result (softmax)."""
    top = max(a, b, c)
    ea, eb, ec = math.exp(a - top), math.exp(b - top), math.exp(c - top)
    total = ea + eb + ec
    probs = (ea / total, eb / total, ec / total)
    best = 0 if a >= b and a >= c else (1 if b >= c else 2)
    label: Literal["negative", "neutral", "positive"] = (
        "negative" if best == 0 else "neutral" if best == 1 else "positive"
    )
    return TargetPolarity(label, round(probs[2] - probs[0], 4), probs)


def polarity_of(text: str, start: int, end: int) -> TargetPolarity:
    """Return the polarity of ``text`` toward ``text[start:end]`` (shipped weights)."""
    # The scorer builds on this module (weights, result type): import it late.
    from newsparse.plugins._stance.scorer import polarity_of as fast

    return fast(text, start, end)
