"""Scoring the few targets of one sentence, one lean pass each (the engine's common case).

The stance rules ask the polarity model about one to a few targets per sentence
(1.8 on PolNeAR texts), and drop every neutral result. :func:`polarities` gives
:meth:`~newsparse.plugins._stance.scorer.SentenceScorer.polarity_unless_neutral`
of each target (the same rows, added in the same integer thousandths), with
what no target changes made once per sentence: the stems, the sentence's word
sum, the polar words with their boosted valences, the clause breaks. Per target
only the sets near it are built; features that cannot weigh anything are not
built at all (the family tables hold no quotation mark, a test checks it).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from itertools import compress

from newsparse.plugins._stance.clusters import _NAMES, _ONE_WORD, cluster_names
from newsparse.plugins._stance.features import (
    _CLAUSE_BREAKS,
    _NEAR,
    _POSSESSIVES,
    _QUOTES,
    _WINDOW,
)
from newsparse.plugins._stance.lexicon import NEGATORS
from newsparse.plugins._stance.model import TargetPolarity
from newsparse.plugins._stance.scorer import (
    PolarWord,
    _fixed_rows,
    _low_pairs,
    _negation,
    _polar_words,
    add_polar,
    polar_word,
    quoted_target,
)
from newsparse.plugins._stance.stems import stem_form, stem_forms
from newsparse.plugins._stance.tokens import Columns
from newsparse.plugins._stance.weights import (
    _NO_ROWS,
    _SHIFT,
    _WIDE_SHIFT,
    narrow_limit,
    packed_tables,
    result_of,
    unpack,
)

__all__ = ["polarities"]

_NONE: frozenset[int] = frozenset()
# Packed rows of a one-word target's head and cluster names, per packing width
# and word (the names are distinct from every other name a target has).
_HEAD_ROWS: dict[int, dict[str, int]] = {_SHIFT: {}, _WIDE_SHIFT: {}}
_HEAD_MAX = 200_000  # words remembered before a table starts over


@cache
def _marks() -> dict[str, int]:
    # 1 for a word with a prior polarity or a valence, 2 for a clause break, 3 for both.
    marks = dict.fromkeys(_polar_words(), 1)
    for low in _CLAUSE_BREAKS:
        marks[low] = marks.get(low, 0) | 2
    return marks


def _head_row(low: str, shift: int) -> int:
    found = _ONE_WORD.get(low)
    if found is None:
        ct, ch = cluster_names(low)
        found = (*ct, "th:" + low, *ch)
    table = _HEAD_ROWS[shift]
    if len(table) >= _HEAD_MAX:
        table.clear()
    row = table[low] = sum(map(packed_tables(shift).names.get, found, _NO_ROWS))
    return row


def polarities(columns: Columns, targets: Sequence[tuple[int, int]]) -> list[TargetPolarity | None]:
    """Return the polarity toward each target, ``None`` for a neutral one.

    Args:
        columns: The sentence's tokens (:func:`~.tokens.token_columns`).
        targets: Token ranges ``[ti, tj)``, as
            :func:`~newsparse.plugins._stance.features.target_tokens` gives them.

    Returns:
        Per target, what ``SentenceScorer.polarity_unless_neutral(ti, tj)`` returns.
    """
    lows = columns[0]
    n = len(lows)
    shift = _SHIFT if n <= narrow_limit() else _WIDE_SHIFT
    t = packed_tables(shift)
    zeros = _NO_ROWS
    kept = stem_forms(lows)
    plain = NEGATORS.isdisjoint(lows)
    has_quote = not _QUOTES.isdisjoint(lows)
    # Polar words: position, valence (hundredths), booster before it, prior.
    polar: list[PolarWord] = []
    breaks: list[int] = []
    marks = _marks()
    # Polar words and clause breaks found in one pass at C speed: few tokens are either.
    for k in compress(range(n), map(marks.__contains__, lows)):
        low = lows[k]
        if marks[low] & 2:
            breaks.append(k)
        if marks[low] & 1 and low not in _QUOTES:
            polar.append(polar_word(lows, k))
    # The sentence's word sum: a target takes out the stems found only inside it.
    all_words = sum(map(t.w.get, set(kept), zeros)) if plain else 0
    fixed = _fixed_rows(shift)
    heads = _HEAD_ROWS[shift]
    names_get = t.names.get
    out: list[TargetPolarity | None] = []
    for ti, tj in targets:
        b = bisect_left(breaks, ti)
        cs = breaks[b - 1] + 1 if b else 0
        b = bisect_left(breaks, tj, b)
        ce = breaks[b] if b < len(breaks) else n
        negated: frozenset[int] | set[int] = _NONE
        val_negated: frozenset[int] | set[int] = _NONE
        if plain:
            forms = lows
            stems = kept
            words_sum = all_words
            if tj - ti == 1:
                stem = stems[ti]
                if stems.count(stem) == 1:
                    words_sum -= t.w.get(stem, 0)
            elif tj > ti:
                inside = stems[ti:tj]
                for stem in set(inside):
                    if stems.count(stem) == inside.count(stem):
                        words_sum -= t.w.get(stem, 0)
        else:
            # Negation scopes skip the target's tokens: the forms depend on it.
            forms, negated, val_negated = _negation(lows, ti, tj)
            stems = kept[:]
            for k in negated:
                if forms[k] is not lows[k]:
                    stems[k] = stem_form(forms[k])
            words = set(stems[:ti])
            words.update(stems[tj:])
            words_sum = sum(map(t.w.get, words, zeros))
        clause = set(stems[cs:ti])
        clause.update(stems[tj:ce])
        near = set(forms[ti - _WINDOW if ti > _WINDOW else 0 : ti])
        near.update(forms[tj : tj + _WINDOW])
        target_quoted = False
        if has_quote:
            target_quoted = quoted_target(lows, ti, tj)
        extra: set[str] = set()
        lex = [0, 0, 0, 0]
        vs = [0, 0, 0, 0, 0, 0, 0]  # sentence, clause, next l/r, near, left, right
        # Whether a polar word outside the target moved lex or vs.
        touched = add_polar(polar, ti, tj, cs, ce, negated, val_negated, extra, lex, vs)
        # add_target_flags() read off the forms.
        if ti <= 1:
            extra.add("t:first")
        if tj < n and lows[tj] in _POSSESSIVES:
            extra.add("t:poss")
        if target_quoted:
            extra.add("t:quoted")
        if ti and lows[ti - 1] == "by":
            extra.add("t:by")
        # Without a polar word every count and sum is 0: the rows of no counts.
        if touched:
            total = fixed.total(lex, vs, has_quote) + words_sum
        else:
            total = fixed.base + fixed.quote + words_sum if has_quote else fixed.base + words_sum
        if tj - ti == 1:
            low = lows[ti]
            head = heads.get(low)
            total += _head_row(low, shift) if head is None else head
            total += t.tm.get(low, 0)
        elif tj > ti:
            # add_target_clusters() of a longer target: its names may repeat.
            get = _NAMES.get
            for low in lows[ti:tj]:
                extra.update((get(low) or cluster_names(low))[0])
            low = lows[tj - 1]
            extra.add("th:" + low)
            extra.update((get(low) or cluster_names(low))[1])
            total += sum(map(t.tm.get, set(lows[ti:tj]), zeros))
        row = unpack(
            total
            + sum(map(t.c.get, clause, zeros))
            + sum(map(t.n.get, near, zeros))
            + sum(map(t.l.get, set(forms[ti - _NEAR if ti > _NEAR else 0 : ti]), zeros))
            + sum(map(t.r.get, set(forms[tj : tj + _NEAR]), zeros))
            + sum(map(t.bg.get, _low_pairs(lows, ti, tj), zeros))
            + sum(map(names_get, extra, zeros)),
            shift,
        )
        a, b_, c = row
        # Not negative (a tie goes to it), and neutral beats positive: dropped.
        out.append(None if b_ > a and b_ >= c else result_of(row))
    return out
