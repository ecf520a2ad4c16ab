"""Context-feature weights compiled into per-template tables for fast scoring.

Training and :func:`newsparse.plugins._entities.tagger.context_features` describe a
token's context as strings ("pw=kim", "pt2=OPER"). Building and hashing those strings
for every scored token is most of the tagger's time, so at load time the weights are
regrouped by template and keyed by the values the tagger already holds: the neighbour's
lower-cased token (whose hash Python caches), label indices, or small tuples. The sums
are the same as over the strings.

Each vector is stored *packed* as ``(complex(w0, w1), complex(w2, w3), w4)``: adding two
complex numbers adds their real and imaginary parts as separate IEEE doubles, so three
additions give exactly the five sums of the plain vectors, bit for bit, with fewer
Python operations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["ContextTables", "Packed", "compile_tables", "pack"]

Vector = tuple[float, float, float, float, float]
#: A five-label vector as two complex numbers and a float (see the module docstring).
Packed = tuple[complex, complex, float]


def pack(vector: Vector) -> Packed:
    """Return ``vector`` packed for scoring (exactly the same five doubles)."""
    return (complex(vector[0], vector[1]), complex(vector[2], vector[3]), vector[4])


@dataclass(frozen=True)
class ContextTables:
    """Weight vectors of the context templates, keyed by their values."""

    pw: dict[str, Packed] = field(default_factory=dict)
    nw: dict[str, Packed] = field(default_factory=dict)
    pw2: dict[str, Packed] = field(default_factory=dict)
    nw2: dict[str, Packed] = field(default_factory=dict)
    ps: dict[str, Packed] = field(default_factory=dict)
    ns: dict[str, Packed] = field(default_factory=dict)
    g: dict[str, Packed] = field(default_factory=dict)
    x: dict[str, Packed] = field(default_factory=dict)
    #: ``pwl`` and ``lwn`` by the token's own lower-cased word, then by its neighbour's;
    #: ``pts`` by the token's shape, then by the previous label: the token's part is
    #: looked up once per word (and cached with it), the rest without building a key.
    pwl: dict[str, dict[str, Packed]] = field(default_factory=dict)
    lwn: dict[str, dict[str, Packed]] = field(default_factory=dict)
    pts: dict[str, list[Packed | None]] = field(default_factory=dict)
    #: ``pt`` by previous label index; ``pt2`` by ``5 * prev2 + prev``.
    pt: list[Packed | None] = field(default_factory=lambda: [None] * 5)
    pt2: list[Packed | None] = field(default_factory=lambda: [None] * 25)
    first: Packed | None = None
    lcf: Packed | None = None
    #: The word features (``word_features``): by the word, its shape, its last three
    #: lower-case letters and (on caps lines) its lower-case form; and the constant ones.
    w: dict[str, Packed] = field(default_factory=dict)
    s: dict[str, Packed] = field(default_factory=dict)
    x3: dict[str, Packed] = field(default_factory=dict)
    capsl: dict[str, Packed] = field(default_factory=dict)
    b: Packed | None = None
    caps: Packed | None = None
    lc: Packed | None = None
    dl: Packed | None = None
    dt: Packed | None = None


_SIMPLE = ("pw", "nw", "pw2", "nw2", "ps", "ns", "g", "x", "w", "s", "x3", "capsl")
_CONSTANT = ("first", "lcf", "b", "caps", "lc", "dl", "dt")


def _split_label(value: str, labels: Sequence[str]) -> tuple[int, str] | None:
    # "ORGXx" -> (ORG, "Xx"); the longest label that leaves a valid rest wins.
    for k in sorted(range(len(labels)), key=lambda k: -len(labels[k])):
        if value.startswith(labels[k]):
            return k, value[len(labels[k]) :]
    return None


def compile_tables(weights: Mapping[str, Vector], labels: Sequence[str]) -> ContextTables:
    """Regroup the features of ``weights`` by template, packed."""
    tables = ContextTables()
    constants: dict[str, Packed] = {}
    for feat, plain in weights.items():
        vec = pack(plain)
        template, sep, value = feat.partition("=")
        if not sep:
            if feat in _CONSTANT:
                constants[feat] = vec
            continue
        if template in _SIMPLE:
            getattr(tables, template)[value] = vec
        elif template in ("pwl", "lwn"):
            left, bar, right = value.partition("|")
            if bar and "|" not in right:  # a word with "|" in it cannot be split back
                if template == "pwl":  # "pwl=<previous>|<word>"
                    tables.pwl.setdefault(right, {})[left] = vec
                else:  # "lwn=<word>|<next>"
                    tables.lwn.setdefault(left, {})[right] = vec
        elif template == "pt" and value in labels:
            tables.pt[labels.index(value)] = vec
        elif template == "pt2":
            split = _split_label(value, labels)
            if split and split[1] in labels:
                tables.pt2[5 * split[0] + labels.index(split[1])] = vec
        elif template == "pts":
            split = _split_label(value, labels)
            if split and split[1]:
                tables.pts.setdefault(split[1], [None] * len(labels))[split[0]] = vec
    return ContextTables(**{**tables.__dict__, **constants})
