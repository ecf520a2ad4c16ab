"""A greedy averaged-perceptron name tagger over capitalised tokens.

Only *candidate* tokens are scored: tokens with a capital letter, plus numbers and
name connectors ("of", "de", "van") that follow a candidate. Every other token is
``O``, which keeps the tagger cheap on running prose. Labels are IO labels
(``PER LOC ORG MISC`` or ``O``); consecutive tokens with the same label form a name.

The weights are learned from the CoNLL-2003 train split by
:mod:`newsparse.plugins._entities.train` and shipped in ``data/tagger.json.gz``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from newsparse.plugins._entities.tokens import shape

__all__ = [
    "LABELS",
    "DocContext",
    "TaggerModel",
    "candidates",
    "doc_context",
    "features",
    "load_model",
    "tag_sentence",
]

LABELS: tuple[str, ...] = ("O", "PER", "LOC", "ORG", "MISC")
Weights = Mapping[str, Sequence[tuple[int, float]]]


@dataclass(frozen=True)
class TaggerModel:
    """Learned weights plus the two lexicons the features read."""

    weights: Weights
    lowercase: frozenset[str]
    connectors: frozenset[str]


@dataclass(frozen=True)
class DocContext:
    """Document-wide evidence: how each lower-cased word is written elsewhere."""

    lowered: frozenset[str]
    titled: frozenset[str]


def is_caps_line(words: Sequence[str]) -> bool:
    """Tell whether a sentence is written in capitals (a headline or a results line)."""
    letters = [w for w in words if w[:1].isalpha()]
    upper = sum(1 for w in letters if w.isupper())
    return len(letters) > 1 and upper * 2 > len(letters)


def is_title_line(words: Sequence[str]) -> bool:
    """Tell whether a line is Title Cased (a heading): most words capitalised."""
    letters = [w for w in words if w[:1].isalpha()]
    if len(letters) < 2 or words[-1] in (".", "?", "!"):
        return False
    caps = sum(1 for w in letters if w[0].isupper())
    return caps >= 2 and caps * 10 >= len(letters) * 6


def doc_context(sentences: Sequence[Sequence[str]]) -> DocContext:
    """Collect lower-cased forms seen in lower case, and seen capitalised mid-sentence."""
    lowered: set[str] = set()
    titled: set[str] = set()
    for words in sentences:
        mixed = not is_caps_line(words)
        for i, w in enumerate(words):
            if w.islower():
                lowered.add(w)
            elif mixed and i > 0 and w[:1].isupper() and words[i - 1] not in _OPENERS:
                titled.add(w.lower())
    return DocContext(frozenset(lowered), frozenset(titled))


_OPENERS = frozenset({'"', "'", "(", "-", ":", "`", "``", "\u201c", "\u2018", "\u2022", "*"})


def candidates(words: Sequence[str], connectors: frozenset[str]) -> list[bool]:
    """Mark the tokens the tagger scores (the others are ``O``)."""
    out = [False] * len(words)
    n = len(words)
    for i, w in enumerate(words):
        if (not w.islower() and any(c.isupper() for c in w)) or (
            i
            and out[i - 1]
            and (w[:1].isdigit() or (w in connectors and i + 1 < n and words[i + 1][:1].isupper()))
        ):
            out[i] = True
    return out


def features(
    words: Sequence[str],
    lowers: Sequence[str],
    shapes: Sequence[str],
    gaz: Sequence[str],
    i: int,
    prev: str,
    prev2: str,
    caps: bool,
    ctx: DocContext,
    lowercase: frozenset[str],
) -> list[str]:
    """Return the feature strings of token ``i`` given the two previous labels."""
    w = words[i]
    lw = lowers[i]
    sh = shapes[i]
    n = len(words)
    pw = lowers[i - 1] if i else "<s>"
    pw2 = lowers[i - 2] if i > 1 else "<s>"
    nw = lowers[i + 1] if i + 1 < n else "</s>"
    nw2 = lowers[i + 2] if i + 2 < n else "</s>"
    ps = shapes[i - 1] if i else "<s>"
    ns = shapes[i + 1] if i + 1 < n else "</s>"
    first = i == 0 or words[i - 1] in _OPENERS
    feats = [
        "b",
        "w=" + w,
        "l=" + lw,
        "s=" + sh,
        "x3=" + lw[-3:],
        "x4=" + lw[-4:],
        "p3=" + lw[:3],
        "pw=" + pw,
        "nw=" + nw,
        "pw2=" + pw2,
        "nw2=" + nw2,
        "ps=" + ps,
        "ns=" + ns,
        "pt=" + prev,
        "pt2=" + prev2 + prev,
        "pts=" + prev + sh,
        "pwl=" + pw + "|" + lw,
        "lwn=" + lw + "|" + nw,
        "g=" + gaz[i],
        "pg=" + (gaz[i - 1] if i else "<s>"),
        "ng=" + (gaz[i + 1] if i + 1 < n else "</s>"),
    ]
    if caps:
        feats.append("caps")
        feats.append("capsl=" + lw)
    if first:
        feats.append("first")
    if lw in lowercase:
        feats.append("lc")
        if first:
            feats.append("lcf")
    if lw in ctx.lowered:
        feats.append("dl")
    if lw in ctx.titled:
        feats.append("dt")
    return feats


def score(weights: Weights, feats: Sequence[str]) -> int:
    """Return the index of the best label for ``feats``."""
    scores = [0.0, 0.0, 0.0, 0.0, 0.0]
    get = weights.get
    for f in feats:
        ws = get(f)
        if ws is not None:
            for label, value in ws:
                scores[label] += value
    return scores.index(max(scores))


def tag_sentence(
    model: TaggerModel,
    words: Sequence[str],
    gaz: Sequence[str],
    ctx: DocContext,
) -> list[int]:
    """Label each token of one sentence (indices into :data:`LABELS`)."""
    n = len(words)
    labels = [0] * n
    cand = candidates(words, model.connectors)
    if not any(cand):
        return labels
    lowers = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    caps = is_caps_line(words)
    prev = prev2 = "O"
    for i in range(n):
        if cand[i]:
            feats = features(words, lowers, shapes, gaz, i, prev, prev2, caps, ctx, model.lowercase)
            labels[i] = score(model.weights, feats)
        prev2, prev = prev, LABELS[labels[i]]
    return labels


@cache
def load_model() -> TaggerModel:
    """Load the shipped weights once (lazily, on first use)."""
    raw = files("newsparse.plugins._entities").joinpath("data/tagger.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    weights = {f: tuple((int(k), float(v)) for k, v in ws) for f, ws in data["weights"].items()}
    return TaggerModel(
        weights=weights,
        lowercase=frozenset(data["lowercase"]),
        connectors=frozenset(data["connectors"]),
    )
