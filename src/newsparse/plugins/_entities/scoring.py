"""Context-feature weights compiled into per-template tables for fast scoring.

Training and :func:`newsparse.plugins._entities.tagger.context_features` describe a
token's context as strings ("pw=kim", "pt2=OPER"). Building and hashing those strings
for every scored token is most of the tagger's time, so at load time the weights are
regrouped by template and keyed by the values the tagger already holds: the neighbour's
lower-cased token (whose hash Python caches), label indices, or small tuples. The sums
are the same as over the strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["ContextTables", "compile_tables"]

Vector = tuple[float, float, float, float, float]


@dataclass(frozen=True)
class ContextTables:
    """Weight vectors of the context templates, keyed by their values."""

    pw: dict[str, Vector] = field(default_factory=dict)
    nw: dict[str, Vector] = field(default_factory=dict)
    pw2: dict[str, Vector] = field(default_factory=dict)
    nw2: dict[str, Vector] = field(default_factory=dict)
    ps: dict[str, Vector] = field(default_factory=dict)
    ns: dict[str, Vector] = field(default_factory=dict)
    g: dict[str, Vector] = field(default_factory=dict)
    x: dict[str, Vector] = field(default_factory=dict)
    pwl: dict[tuple[str, str], Vector] = field(default_factory=dict)
    lwn: dict[tuple[str, str], Vector] = field(default_factory=dict)
    pts: dict[tuple[int, str], Vector] = field(default_factory=dict)
    #: ``pt`` by previous label index; ``pt2`` by ``5 * prev2 + prev``.
    pt: list[Vector | None] = field(default_factory=lambda: [None] * 5)
    pt2: list[Vector | None] = field(default_factory=lambda: [None] * 25)
    first: Vector | None = None
    lcf: Vector | None = None


_SIMPLE = ("pw", "nw", "pw2", "nw2", "ps", "ns", "g", "x")


def _split_label(value: str, labels: Sequence[str]) -> tuple[int, str] | None:
    # "ORGXx" -> (ORG, "Xx"); the longest label that leaves a valid rest wins.
    for k in sorted(range(len(labels)), key=lambda k: -len(labels[k])):
        if value.startswith(labels[k]):
            return k, value[len(labels[k]) :]
    return None


def compile_tables(weights: Mapping[str, Vector], labels: Sequence[str]) -> ContextTables:
    """Regroup the context features of ``weights`` by template."""
    tables = ContextTables()
    first = lcf = None
    for feat, vec in weights.items():
        template, sep, value = feat.partition("=")
        if not sep:
            if feat == "first":
                first = vec
            elif feat == "lcf":
                lcf = vec
            continue
        if template in _SIMPLE:
            getattr(tables, template)[value] = vec
        elif template in ("pwl", "lwn"):
            left, bar, right = value.partition("|")
            if bar and "|" not in right:  # a word with "|" in it cannot be split back
                getattr(tables, template)[(left, right)] = vec
        elif template == "pt" and value in labels:
            tables.pt[labels.index(value)] = vec
        elif template == "pt2":
            split = _split_label(value, labels)
            if split and split[1] in labels:
                tables.pt2[5 * split[0] + labels.index(split[1])] = vec
        elif template == "pts":
            split = _split_label(value, labels)
            if split and split[1]:
                tables.pts[split] = vec
    return ContextTables(**{**tables.__dict__, "first": first, "lcf": lcf})
