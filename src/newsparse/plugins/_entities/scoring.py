"""Tagger weights as exact integers, packed five labels to one ``int``, grouped by template.

The weights file stores every weight in integer thousandths (training rounds the averaged
weights to three decimals, so that is their exact value). Integer sums are exact, so they
do not depend on the order of the additions: vectors can be summed ahead of time (all of
a word's own features, a neighbour's word and shape) without changing any score.

A vector of the five label weights is *packed* into one Python ``int`` as
``w0 + w1 * 2**24 + w2 * 2**48 + ...`` (weights may be negative). Packing is linear, so
one addition of packed vectors adds all five labels at once; :func:`best_label` reads the
five sums back. Sums stay far inside a field: a token has at most ~30 features and every
weight is below 2**15 thousandths in size (checked at load time).

:func:`newsparse.plugins._entities.tagger.context_features` describes a token's context
as strings ("pw=kim", "pt2=OPER"); here those weights are regrouped by template and keyed
by the values the tagger already holds (the neighbour's token, label indices), so the
tagger never builds the strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "BIAS",
    "FIELD_BITS",
    "FIELD_MASK",
    "MAX_WEIGHT",
    "ContextTables",
    "best_biased",
    "best_label",
    "compile_tables",
    "pack",
    "unpack",
]

Vector = tuple[int, int, int, int, int]
#: Bits per label in a packed vector.
FIELD_BITS = 24
#: Weights (thousandths) must be smaller than this in size, so sums fit their field.
MAX_WEIGHT = 1 << 15
#: One field of a packed vector.
FIELD_MASK = (1 << FIELD_BITS) - 1
_MASK = FIELD_MASK
_HALF = 1 << (FIELD_BITS - 1)
#: Added before reading fields: every field becomes its sum plus ``_HALF`` (non-negative).
BIAS = sum(_HALF << (FIELD_BITS * k) for k in range(5))
_BIAS = BIAS
_S1, _S2, _S3, _S4 = FIELD_BITS, 2 * FIELD_BITS, 3 * FIELD_BITS, 4 * FIELD_BITS


def pack(vector: Sequence[int]) -> int:
    """Return the five integer weights of ``vector`` packed into one ``int``."""
    return (
        vector[0]
        + (vector[1] << _S1)
        + (vector[2] << _S2)
        + (vector[3] << _S3)
        + (vector[4] << _S4)
    )


def unpack(packed: int) -> Vector:
    """Return the five sums held by a packed vector (the inverse of :func:`pack`)."""
    q = packed + _BIAS
    return (
        (q & _MASK) - _HALF,
        ((q >> _S1) & _MASK) - _HALF,
        ((q >> _S2) & _MASK) - _HALF,
        ((q >> _S3) & _MASK) - _HALF,
        (q >> _S4) - _HALF,
    )


def best_label(packed: int) -> int:
    """Return the index of the largest of the five sums; the first one wins ties."""
    return best_biased(packed + BIAS)


def best_biased(q: int) -> int:
    """:func:`best_label` of ``q - BIAS``: for sums that already carry :data:`BIAS`."""
    # Every field carries the same bias, so the fields compare as the sums do.
    best = q & _MASK
    label = 0
    f = (q >> _S1) & _MASK
    if f > best:
        best = f
        label = 1
    f = (q >> _S2) & _MASK
    if f > best:
        best = f
        label = 2
    f = (q >> _S3) & _MASK
    if f > best:
        best = f
        label = 3
    if q >> _S4 > best:
        label = 4
    return label


@dataclass(frozen=True)
class ContextTables:
    """Packed weight vectors of the feature templates, keyed by their values.

    A missing key weighs nothing (``0``), so lookups use ``.get(key, 0)``.
    """

    pw: dict[str, int] = field(default_factory=dict)
    nw: dict[str, int] = field(default_factory=dict)
    pw2: dict[str, int] = field(default_factory=dict)
    nw2: dict[str, int] = field(default_factory=dict)
    ps: dict[str, int] = field(default_factory=dict)
    ns: dict[str, int] = field(default_factory=dict)
    g: dict[str, int] = field(default_factory=dict)
    x: dict[str, int] = field(default_factory=dict)
    #: ``pwl`` and ``lwn`` by the token's own lower-cased word, then by its neighbour's;
    #: ``pts`` by the token's shape, then by the previous label: the token's part is
    #: looked up once per word (and cached with it), the rest without building a key.
    pwl: dict[str, dict[str, int]] = field(default_factory=dict)
    lwn: dict[str, dict[str, int]] = field(default_factory=dict)
    pts: dict[str, list[int]] = field(default_factory=dict)
    #: ``pt`` by previous label index; ``pt2`` by ``5 * prev2 + prev``.
    pt: list[int] = field(default_factory=lambda: [0] * 5)
    pt2: list[int] = field(default_factory=lambda: [0] * 25)
    first: int = 0
    lcf: int = 0
    #: The word features (``word_features``): by the word, its shape, its last three
    #: lower-case letters and (on caps lines) its lower-case form; and the constant ones.
    w: dict[str, int] = field(default_factory=dict)
    s: dict[str, int] = field(default_factory=dict)
    x3: dict[str, int] = field(default_factory=dict)
    capsl: dict[str, int] = field(default_factory=dict)
    b: int = 0
    caps: int = 0
    lc: int = 0
    dl: int = 0
    dt: int = 0


_SIMPLE = ("pw", "nw", "pw2", "nw2", "ps", "ns", "g", "x", "w", "s", "x3", "capsl")
_CONSTANT = ("first", "lcf", "b", "caps", "lc", "dl", "dt")


def _split_label(value: str, labels: Sequence[str]) -> tuple[int, str] | None:
    # "ORGXx" -> (ORG, "Xx"); the longest label that leaves a valid rest wins.
    for k in sorted(range(len(labels)), key=lambda k: -len(labels[k])):
        if value.startswith(labels[k]):
            return k, value[len(labels[k]) :]
    return None


def compile_tables(weights: Mapping[str, int], labels: Sequence[str]) -> ContextTables:
    """Regroup packed feature weights (feature string -> packed vector) by template."""
    tables = ContextTables()
    constants: dict[str, int] = {}
    for feat, vec in weights.items():
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
                tables.pts.setdefault(split[1], [0] * len(labels))[split[0]] = vec
    return ContextTables(**{**tables.__dict__, **constants})
