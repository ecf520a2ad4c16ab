"""The shipped polarity weights as integer tables for the fast scorer.

Weights have three decimals and are stored in thousandths, so sums of them are
exact integers that do not depend on the order features are added. The scorer
looks them up packed (three class rows in one integer) by full feature name, or
per feature family by the word after the prefix, so that no feature name has to
be built for a word.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache
from itertools import repeat
from operator import add, itemgetter, lshift
from typing import NamedTuple

from newsparse.plugins._stance.model import TargetPolarity, from_scores, stored_weights
from newsparse.plugins._stance.valence import _SCOPES

__all__ = [
    "IntRow",
    "fixed_rows",
    "int_weights",
    "narrow_limit",
    "packed_tables",
    "result_of",
    "score_features",
    "unpack",
]

IntRow = tuple[int, int, int]
_ZERO: IntRow = (0, 0, 0)
_LEX_NAMES = ("lx:c+", "lx:c-", "lx:s+", "lx:s-")


@cache
def int_weights() -> dict[str, IntRow]:
    """Return the shipped weights in thousandths (as they are stored)."""
    names, flat = stored_weights()
    return dict(zip(names, zip(flat[0::3], flat[1::3], flat[2::3], strict=True), strict=True))


def score_features(feats: Iterable[str], weights: dict[str, IntRow]) -> IntRow:
    """Return the summed weight rows (thousandths) of distinct feature names."""
    a = b = c = 0
    get = weights.get
    for name in feats:
        row = get(name)
        if row is not None:
            a += row[0]
            b += row[1]
            c += row[2]
    return a, b, c


def result_of(row: IntRow) -> TargetPolarity:
    """Turn summed class scores (thousandths) into a :class:`TargetPolarity`."""
    return from_scores(row[0] / 1000, row[1] / 1000, row[2] / 1000)


# Weight rows packed into one integer, ``a + (b << s) + (c << 2s)``: a sum of
# packed rows is the packed sum of the rows (Python integers are exact), so adding
# a feature is one addition, and a set of names is summed by
# ``sum(map(table.get, names, repeat(0)))`` in C. With s = 21 a packed row fits in
# a C long and ``sum`` adds in machine words, with no integer object made per
# feature; that reads back exactly while every class sum stays within 2**20
# (see narrow_limit). Longer texts use s = 32, which no sum can leave.
_SHIFT = 21
_WIDE_SHIFT = 32
_NO_ROWS = repeat(0)  # the default of every packed look-up (an endless iterator)
# Families of per-word features: the packed rows of "w:<form>" under "w", ...
_FAMILIES = ("w", "c", "n", "l", "r", "tm", "bg")
# Feature names one target can have beyond 7 per token (see narrow_limit).
_FIXED_NAMES = 45


def unpack(total: int, shift: int = _SHIFT) -> IntRow:
    """Return the three class sums (thousandths) of a packed sum (fields of ``shift`` bits)."""
    half = 1 << (shift - 1)
    mask = (1 << shift) - 1
    a = ((total + half) & mask) - half
    total = (total - a) >> shift
    b = ((total + half) & mask) - half
    return a, b, (total - b) >> shift


@cache
def narrow_limit() -> int:
    """Return the most tokens a text may have for the 21-bit packing to read back exactly.

    A target's features are at most 7 per token (w:, c:, n:, l:/r:, tm:, two
    clusters) plus a fixed number of others (b, q, lx:, t:, th:, ch:, vw:, the
    valence classes, the word pairs), each weighing at most the largest shipped
    weight, so no class sum of a text this short leaves ``[-2**20, 2**20)``.
    """
    return _stored()[0]


def _narrow_limit() -> int:
    _, flat = stored_weights()
    largest = max(max(flat), -min(flat), 1)
    return max(0, ((1 << (_SHIFT - 1)) - 1) // largest - _FIXED_NAMES) // 7


class _Tables(NamedTuple):
    # The shipped weights packed: by full feature name, and per family by the
    # word after the prefix (so that no feature name is built for a word).
    names: dict[str, int]
    w: dict[str, int]
    c: dict[str, int]
    n: dict[str, int]
    l: dict[str, int]  # noqa: E741 (the feature prefix)
    r: dict[str, int]
    tm: dict[str, int]
    bg: dict[str, int]


@cache
def packed_tables(shift: int = _SHIFT) -> _Tables:
    """Return the shipped weights packed with fields of ``shift`` bits (made once per width).

    The usual width's tables come from the derived-data cache (see :func:`_stored`).
    """
    return _stored()[1] if shift == _SHIFT else _packed_tables(shift)


@cache
def _stored() -> tuple[int, _Tables]:
    # narrow_limit() and packed_tables(_SHIFT), kept in the derived-data cache
    # (:mod:`newsparse._cache`): a later process skips decoding the weights file.
    from newsparse._cache import cached

    limit, tables = cached(
        "stance-weights",
        lambda: (_narrow_limit(), tuple(_packed_tables(_SHIFT))),
        package="newsparse.plugins._stance",
        data=("data/polarity_weights.json",),
    )
    return limit, _Tables(*tables)


def _packed_tables(shift: int) -> _Tables:
    # Built with C-level map/zip/slices: a process without the cache pays this on
    # its first parse.
    names, flat = stored_weights()
    packed = list(
        map(
            add,
            map(add, flat[0::3], map(lshift, flat[1::3], repeat(shift))),
            map(lshift, flat[2::3], repeat(2 * shift)),
        )
    )
    if names != sorted(names):  # the file keeps them sorted (checked in linear time)
        order = sorted(range(len(names)), key=names.__getitem__)
        names, packed = [names[i] for i in order], [packed[i] for i in order]
    # Each family's names "<prefix>:..." sort between "<prefix>:" and "<prefix>;";
    # they are kept by word only, every other name under its full name.
    bounds = []
    for prefix in _FAMILIES:
        bounds.append(
            (bisect.bisect_left(names, prefix + ":"), bisect.bisect_left(names, prefix + ";"))
        )
    by_name: dict[str, int] = {}
    families = []
    last = 0
    for (lo, hi), prefix in sorted(zip(bounds, _FAMILIES, strict=True)):
        by_name.update(zip(names[last:lo], packed[last:lo], strict=True))
        words = map(itemgetter(slice(len(prefix) + 1, None)), names[lo:hi])
        families.append((prefix, dict(zip(words, packed[lo:hi], strict=True))))
        last = hi
    by_name.update(zip(names[last:], packed[last:], strict=True))
    found = dict(families)
    return _Tables(by_name, *(found[prefix] for prefix in _FAMILIES))


_Fixed = tuple[int, int, tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]


@cache
def _fixed_table(shift: int) -> _Fixed:
    # Packed rows of the features whose names come from a fixed set: "b", "q",
    # the polar-word counts (count 1..3 at index 1..3) and the valence-sum classes
    # of each scope (index 0 for "0", 1..4 for "+1".."+4", 5..8 for "-1".."-4").
    get = packed_tables(shift).names.get
    lex = tuple(
        tuple(get(name + str(count), 0) if count else 0 for count in range(4))
        for name in _LEX_NAMES
    )
    grades = ("0", "+1", "+2", "+3", "+4", "-1", "-2", "-3", "-4")
    scopes = tuple(tuple(get(scope + g, 0) for g in grades) for scope in _SCOPES)
    return get("b", 0), get("q", 0), lex, scopes


def fixed_rows(lex: list[int], sums: list[int], has_quote: bool, shift: int = _SHIFT) -> int:
    """Return the packed rows (fields of ``shift`` bits) of the fixed-name features of a target."""
    # The packed sum of "b", "q" (when the sentence has a quotation mark), the
    # lx:c/lx:s counts and the vs:/vc:/... classes, as features() names them.
    base, quote, lex_rows, scope_rows = _fixed_table(shift)
    total = base + quote if has_quote else base
    for rows, count in zip(lex_rows, lex, strict=True):
        if count:
            total += rows[count if count < 3 else 3]
    for rows, value in zip(scope_rows, sums, strict=True):
        # valence._bucket as an index: 0, then grades 1-4 by size, +4 when negative.
        if value:
            size = -value if value < 0 else value
            grade = 1 if size < 150 else 2 if size < 300 else 3 if size < 500 else 4
            total += rows[grade + 4 if value < 0 else grade]
        else:
            total += rows[0]
    return total
