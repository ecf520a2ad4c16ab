"""Fast scoring of one sentence toward many targets (same result as features + predict).

The polarity model is asked about every (sentence, target) pair, and most of a
sentence's features do not depend on the target: its words (``w:``), the
words of each clause (``c:``), the polar-word counts. :class:`SentenceScorer`
computes those once per sentence, as integer weight sums with a count per
feature (weights have three decimals, so sums in thousandths are exact and do
not depend on the order features are added). For one target it then takes out
what the target's own tokens contributed and adds the few features near the
target, which is constant work per target instead of a pass over the sentence.

Targets for which the shortcut is not exact (empty targets, targets holding a
clause break, or whose tokens change the negation scope after them) go through
:func:`~newsparse.plugins._stance.features.features` instead, scored with the
same integer weights.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import accumulate, compress, pairwise
from operator import itemgetter

from newsparse.plugins._stance.features import (
    _APOSTROPHES,
    _CLAUSE_BREAKS,
    _NEAR,
    _NEGATION_REACH,
    _PAIR_REACH,
    _QUOTES,
    _WINDOW,
    add_target_flags,
)
from newsparse.plugins._stance.lexicon import NEGATORS, polar_table
from newsparse.plugins._stance.model import TargetPolarity
from newsparse.plugins._stance.stems import stem_form, stem_forms
from newsparse.plugins._stance.tokens import Columns, Token, token_columns, tokens_of
from newsparse.plugins._stance.valence import (
    _BOOSTED,
    _NEGATED,
    add_valence_features,
    add_valence_sums,
    valence_tables,
)
from newsparse.plugins._stance.weights import (
    _LEX_NAMES,
    _NO_ROWS,
    _SHIFT,
    _WIDE_SHIFT,
    IntRow,
    fixed_rows,
    narrow_limit,
    packed_tables,
    result_of,
    unpack,
)

__all__ = ["SentenceScorer", "polarity_of", "result_of"]

_LOW = itemgetter(0)  # a Token's lowercased form
_START = itemgetter(1)
_END = itemgetter(2)
_PAIR_JOIN = "_".join


def _low_pairs(lows: list[str], ti: int, tj: int) -> set[str]:
    # features.add_word_pairs() without the "bg:" prefix (the bg table is keyed
    # by pair), made from slices of the sentence's lowercased words: the target
    # is one "<T>" token.
    seq = lows[max(0, ti - _PAIR_REACH) : ti]
    seq.append("<T>")
    seq += lows[tj : tj + _PAIR_REACH]
    return set(map(_PAIR_JOIN, pairwise(seq)))


# Targets scored one pass each before the shared sums are built: building them and
# scoring one target costs about 1.6 one-pass scorings (callgrind, NewsMTSC
# sentences with two targets: 705k instructions shared, 532k one pass each).
_BUILD_AT = 2

# How features() treats a token: kinds, as they move the negation scope.
_WORD, _QUOTE, _NEGATOR, _RESET = 0, 1, 2, 3
# kind, prior polarity, clause break, valence (hundredths), booster (+1/-1/0)
_Info = tuple[int, float, bool, int, int]
_INFO: dict[str, _Info] = {}
_INFO_MAX = 200_000  # words remembered before the table starts over


@cache
def _polar_words() -> frozenset[str]:
    # Words with a prior polarity or a valence: the only ones whose place in a
    # sentence matters beyond the word sets.
    valence, _ = valence_tables()
    return frozenset(w for w, v in polar_table().items() if v) | {
        w for w, v in valence.items() if v
    }


_NOT_NEGATED: frozenset[int] = frozenset()


class _FixedRows:
    """:func:`fixed_rows` of a target by look-ups, remembered per count and sum.

    ``fixed_rows`` adds one row per polar-word count and per valence sum, each
    chosen by its own value: the packed total is the rows of no counts and zero
    sums plus, per place, what its value changes. Those changes are made by
    ``fixed_rows`` itself the first time a value is seen at a place, then looked
    up in C (a test checks the totals against ``fixed_rows`` on any values).
    """

    __slots__ = ("_shift", "_tables", "base", "quote")

    def __init__(self, shift: int) -> None:
        self._shift = shift
        self.base = fixed_rows([0, 0, 0, 0], [0] * 7, False, shift)
        self.quote = fixed_rows([0, 0, 0, 0], [0] * 7, True, shift) - self.base
        # One table per place: the 4 polar-word counts, then the 7 valence sums.
        self._tables: tuple[dict[int, int], ...] = tuple({0: 0} for _ in range(11))

    def total(self, lex: list[int], sums: list[int], has_quote: bool) -> int:
        """Return ``fixed_rows(lex, sums, has_quote, shift)``."""
        values = lex + sums
        found = list(map(dict.get, self._tables, values))
        if None in found:
            total = self.base + sum(
                self._new(place, value) if row is None else row
                for place, (row, value) in enumerate(zip(found, values, strict=True))
            )
        else:
            total = sum(found, self.base)  # type: ignore[arg-type]  # no None left
        return total + self.quote if has_quote else total

    def _new(self, place: int, value: int) -> int:
        lex, sums = [0, 0, 0, 0], [0] * 7
        if place < 4:
            lex[place] = value
        else:
            sums[place - 4] = value
        table = self._tables[place]
        if len(table) >= 100_000:  # bounded: any text brings new sums
            table.clear()
            table[0] = 0
        row = table[value] = fixed_rows(lex, sums, False, self._shift) - self.base
        return row


@cache
def _fixed_rows(shift: int) -> _FixedRows:
    return _FixedRows(shift)


# The names features() gives a polar word by side, sign and distance class, made
# once (a name built per word would be hashed anew in every set it enters).
_VW_NAMES = tuple(f"vw:{side}{sign}{grade}" for side in "lr" for sign in "+-" for grade in "nwf")
_LX_SIDE_NAMES = ("lx:l+", "lx:l-", "lx:r+", "lx:r-")


def _negation(lows: list[str], ti: int, tj: int) -> tuple[list[str], set[int], set[int]]:
    # The negation scopes of features() and of add_valence_features(): the
    # forms ("~" before negated words), the tokens whose prior flips and those
    # whose valence does. Target tokens are skipped (they move no scope);
    # quotation marks end only the valence scope, other punctuation both.
    n = len(lows)
    forms = lows[:]
    negated: set[int] = set()
    val_negated: set[int] = set()
    info_get = _INFO.get
    for p in compress(range(n), map(NEGATORS.__contains__, lows)):
        if ti <= p < tj:
            continue
        negated.add(p)
        val_negated.add(p)
        val_open = True
        for k in range(p + 1, min(n, p + _NEGATION_REACH + 1)):
            if ti <= k < tj:
                continue
            low = lows[k]
            kind = (info_get(low) or _info(low))[0]
            if kind == _QUOTE:
                val_open = False
                continue
            if kind != _WORD:  # a negator opens its own scope, punctuation ends this one
                break
            negated.add(k)
            forms[k] = "~" + low
            if val_open:
                val_negated.add(k)
    return forms, negated, val_negated


#: A sentence's polar word: position, valence (hundredths), booster before it
#: (+1, -1 or 0) and prior polarity, as no target changes them.
PolarWord = tuple[int, int, int, float]


def polar_word(lows: list[str], k: int) -> PolarWord:
    """Return what no target changes about the polar word ``lows[k]``."""
    info_get = _INFO.get
    info = info_get(lows[k]) or _info(lows[k])
    before = (info_get(lows[k - 1]) or _info(lows[k - 1]))[4] if k else 0
    return k, info[3], before, info[1]


def add_polar(
    polar: list[PolarWord],
    ti: int,
    tj: int,
    cs: int,
    ce: int,
    negated: AbstractSet[int],
    val_negated: AbstractSet[int],
    extra: set[str],
    lex: list[int],
    vs: list[int],
) -> bool:
    """Add the polar words' counts, valence sums and names toward the target ``[ti, tj)``.

    As features() and add_valence_features() make them: ``lex`` counts priors
    in and out of the clause ``[cs, ce)`` by sign, ``vs`` sums valences by scope
    (sentence, clause, next left/right, near, left, right), ``extra`` gets the
    ``vw:`` and ``lx:`` names. Returns whether any polar word lies outside the target.
    """
    touched = False
    for k, value, before, prior in polar:
        if ti <= k < tj:
            continue
        touched = True
        is_left = k < ti
        distance = ti - k if is_left else k - tj + 1
        if value:
            if k in val_negated:
                value = value * _NEGATED // 100
            if before:
                value = value * _BOOSTED[0 if before > 0 else 1] // 100
            vs[0] += value
            if cs <= k < ce:
                vs[1] += value
            if distance <= _NEAR:
                vs[2 if is_left else 3] += value
            if distance <= _WINDOW:
                vs[4] += value
            vs[5 if is_left else 6] += value
            extra.add(
                _VW_NAMES[
                    (0 if is_left else 6)
                    + (0 if value > 0 else 3)
                    + (0 if distance <= _NEAR else 1 if distance <= _WINDOW else 2)
                ]
            )
        if prior:
            if k in negated:
                prior = -prior
            lex[(0 if cs <= k < ce else 2) + (0 if prior > 0 else 1)] += 1
            if distance <= _NEAR:
                extra.add(_LX_SIDE_NAMES[(0 if is_left else 2) + (0 if prior > 0 else 1)])
    return touched


def quoted_target(lows: list[str], ti: int, tj: int) -> bool:
    """Return whether a word of the target ``lows[ti:tj]`` lies inside quotation marks."""
    # Inside quotes when an odd number of quotation marks came before.
    quote_open = sum(map(_QUOTES.__contains__, lows[:ti])) % 2 == 1
    for low in lows[ti:tj]:
        if low in _QUOTES:
            quote_open = not quote_open
        elif quote_open:
            return True
    return False


def _info(low: str) -> _Info:
    # Everything about a lowercased token that does not depend on its neighbours.
    if len(_INFO) >= _INFO_MAX:
        _INFO.clear()
    if low in _QUOTES:
        kind = _QUOTE
    elif low in NEGATORS:
        kind = _NEGATOR
    elif not low.isalnum() and low not in _APOSTROPHES:
        kind = _RESET
    else:
        kind = _WORD
    valence, boosters = valence_tables()
    info = _INFO[low] = (
        kind,
        polar_table().get(low, 0.0),
        low in _CLAUSE_BREAKS,
        valence.get(low, 0),
        boosters.get(low, 0),
    )
    return info


class SentenceScorer:
    """A sentence's target-independent feature sums, for scoring many targets.

    Args:
        text: The text the tokens' offsets point into.
        tokens: ``tokenize`` of the sentence (offsets into ``text``); see
            :meth:`of_columns` for the same as parallel lists.
    """

    __slots__ = (
        "_asked",
        "_clause_of",
        "_clauses",
        "_ends",
        "_forms",
        "_has_quote",
        "_lex",
        "_lows",
        "_negated",
        "_one_breaks",
        "_one_plain",
        "_one_polar",
        "_one_quote",
        "_one_stems",
        "_one_words",
        "_priors",
        "_quoted",
        "_shift",
        "_starts",
        "_state",
        "_stems",
        "_tables",
        "_text",
        "_tokens",
        "_val_neg",
        "_val_pos",
        "_val_states",
        "_val_sums",
        "_word_counts",
        "_word_sums",
    )

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self._setup(text, list(map(_LOW, tokens)), list(map(_START, tokens)), tokens)
        self._ends = list(map(_END, tokens))

    @classmethod
    def of_columns(cls, text: str, columns: Columns) -> SentenceScorer:
        """Return the scorer of the tokens given as :func:`~.tokens.token_columns` gives them.

        The same scorer as ``SentenceScorer(text, tokens_of(*columns))``, without
        a ``Token`` made per token (only a few, next to each target).
        """
        scorer = cls.__new__(cls)
        lows, starts, scorer._ends = columns
        scorer._setup(text, lows, starts, None)
        return scorer

    def _setup(
        self, text: str, lows: list[str], starts: list[int], tokens: list[Token] | None
    ) -> None:
        self._text = text
        self._lows = lows
        self._starts = starts
        self._tokens = tokens  # made when a path needs them (see _token_list)
        # Narrow packed rows (summed in machine words) unless the text is long
        # enough for a class sum to outgrow them.
        self._shift = _SHIFT if len(lows) <= narrow_limit() else _WIDE_SHIFT
        self._tables = packed_tables(self._shift)
        self._asked = 0
        # The one-pass path's sentence-wide parts, made at its first target.
        self._one_plain = True
        self._one_quote = False
        self._one_polar: list[PolarWord] = []
        self._one_breaks: list[int] = []  # positions of the clause breaks
        self._one_stems: list[str] | None = None
        self._one_words: tuple[Counter[str], int] | None = None

    def polarity(self, start: int, end: int) -> TargetPolarity:
        """Return the polarity toward the target ``text[start:end]``."""
        # features.target_tokens() by bisection (token starts and ends ascend).
        ti = bisect.bisect_right(self._ends, start)
        tj = max(ti, bisect.bisect_left(self._starts, max(end, start + 1)))
        return self.polarity_at(ti, tj)

    def _token_list(self) -> list[Token]:
        # The Token of every token, for the paths that read them all.
        tokens = self._tokens
        if tokens is None:
            tokens = self._tokens = tokens_of(self._lows, self._starts, self._ends)
        return tokens

    def _target_flags(self, extra: set[str], ti: int, tj: int, quoted: bool) -> None:
        # add_target_flags() reads the target's tokens, the token before and the
        # token after it, and whether the target comes first (ti <= 1) or last:
        # Tokens of a window holding those, with the target at a place giving
        # the same answers, stand for the sentence's (a test checks the two agree).
        tokens = self._tokens
        if tokens is not None:
            add_target_flags(extra, tokens, ti, tj, quoted)
            return
        back = ti if ti < 2 else 2
        lo = ti - back
        hi = tj + 1
        window = tokens_of(self._lows[lo:hi], self._starts[lo:hi], self._ends[lo:hi])
        add_target_flags(extra, window, back, tj - lo, quoted)

    def polarity_at(self, ti: int, tj: int) -> TargetPolarity:
        """Return the polarity toward the target tokens ``tokens[ti:tj]``.

        For callers that know the target's token range: it must be the one
        :func:`~newsparse.plugins._stance.features.target_tokens` gives for the
        target's offsets (the result is then that of :meth:`polarity`).
        """
        row = None
        if self._asked > _BUILD_AT:
            row = self._fast(ti, tj)
        elif self._asked == _BUILD_AT:
            # Third target: the shared sums pay off from here on.
            self._build()
            row = self._fast(ti, tj)
        self._asked += 1
        if row is None:
            # One pass over the sentence is cheaper for a single target.
            row = self._single(ti, tj)
        return result_of(row)

    def polarity_alone(self, ti: int, tj: int) -> TargetPolarity:
        """Return :meth:`polarity_at` by the one-pass path, whatever was asked before.

        For a few targets of one text: each is one pass over the sentence, and
        what no target changes (forms, stems, the sentence's word sum) is made
        once and shared, without building the sums of :meth:`polarity_at`'s
        later targets.
        """
        return result_of(self._single(ti, tj))

    def polarity_unless_neutral(self, ti: int, tj: int) -> TargetPolarity | None:
        """Return :meth:`polarity_alone`, or ``None`` when its label is neutral.

        The label is read from the integer class sums (as ``from_scores`` reads
        it from their exact thousandths), so a caller that drops neutral results
        pays for no softmax for them.
        """
        row = self._single(ti, tj)
        a, b, c = row
        if b > a and b >= c:  # not negative (a ties win), and neutral beats positive
            return None
        return result_of(row)

    def _single(self, ti: int, tj: int) -> IntRow:
        # features() + score_features() in one pass, with the features of a
        # token form looked up as rows (no feature strings built).
        lows = self._lows
        n = len(lows)
        if self._one_stems is None:
            # What no target changes is kept for the sentence's next targets.
            self._one_plain = NEGATORS.isdisjoint(lows)
            self._one_quote = not _QUOTES.isdisjoint(lows)
            self._one_polar = [
                polar_word(lows, k)
                for k in compress(range(n), map(_polar_words().__contains__, lows))
                if lows[k] not in _QUOTES
            ]
            self._one_breaks = list(compress(range(n), map(_CLAUSE_BREAKS.__contains__, lows)))
            first = True
        else:
            first = False
        # The target's clause: from the break before it to the break after it.
        breaks = self._one_breaks
        b = bisect.bisect_left(breaks, ti)
        cs = breaks[b - 1] + 1 if b else 0
        b = bisect.bisect_left(breaks, tj, b)
        ce = breaks[b] if b < len(breaks) else n
        # A token's form is its lowercased word but in negation scopes, so the
        # word sets are slices made in C (less the quotation marks), and only
        # negators and polar tokens need a Python step.
        forms = lows
        negated: AbstractSet[int] = _NOT_NEGATED
        val_negated: AbstractSet[int] = _NOT_NEGATED
        t, zeros = self._tables, _NO_ROWS
        has_quote = self._one_quote
        words_sum = 0
        words: set[str] = set()
        kept = self._one_stems
        if kept is None:
            kept = self._one_stems = stem_forms(lows)
        if not self._one_plain:
            # The stems of the lowercased words, but for the negated forms ("~word").
            forms, negated, val_negated = _negation(lows, ti, tj)
            stems = kept[:]
            for k in negated:
                if forms[k] is not lows[k]:
                    stems[k] = stem_form(forms[k])
        else:
            # No negator: the forms, stems and sentence words are the target's own.
            stems = kept
            if not first:
                words_sum = self._words_sum(stems, ti, tj)
        window, near_reach = _WINDOW, _NEAR
        # Sentence and clause words by their stems (features() does the same).
        if first or not self._one_plain:
            words.update(stems[:ti])
            words.update(stems[tj:])
        clause = set(stems[cs:ti])
        clause.update(stems[tj:ce])
        near = set(forms[max(0, ti - window) : ti])
        near.update(forms[tj : tj + window])
        left = set(forms[max(0, ti - near_reach) : ti])
        right = set(forms[tj : tj + near_reach])
        target = set(lows[ti:tj])
        target_quoted = False
        if has_quote:
            for found in (words, clause, near, left, right, target):
                found.difference_update(_QUOTES)
            target_quoted = quoted_target(lows, ti, tj)
        extra: set[str] = set()
        lex = [0, 0, 0, 0]
        vs = [0, 0, 0, 0, 0, 0, 0]  # sentence, clause, next l/r, near, left, right
        add_polar(self._one_polar, ti, tj, cs, ce, negated, val_negated, extra, lex, vs)
        self._target_flags(extra, ti, tj, target_quoted)
        return unpack(
            _fixed_rows(self._shift).total(lex, vs, has_quote)
            + words_sum
            + sum(map(t.w.get, words, zeros))
            + sum(map(t.c.get, clause, zeros))
            + sum(map(t.n.get, near, zeros))
            + sum(map(t.l.get, left, zeros))
            + sum(map(t.r.get, right, zeros))
            + sum(map(t.tm.get, target, zeros))
            + sum(map(t.bg.get, _low_pairs(lows, ti, tj), zeros))
            + sum(map(t.names.get, extra, zeros)),
            self._shift,
        )

    def _words_sum(self, stems: list[str], ti: int, tj: int) -> int:
        # The packed w: rows of the sentence's stems less the target's, without a
        # set per target: the whole sentence's sum (made once, at the second
        # target) less the stems that occur only inside the target.
        found = self._one_words
        if found is None:
            counts = Counter(stems)
            for mark in _QUOTES.intersection(counts):
                del counts[mark]
            found = self._one_words = (counts, sum(map(self._tables.w.get, counts, _NO_ROWS)))
        counts, total = found
        inside = stems[ti:tj]
        get = self._tables.w.get
        for stem in set(inside):
            # Quotation marks are not in the counts (nor in the sum): 0 never matches.
            if counts.get(stem, 0) == inside.count(stem):
                total -= get(stem, 0)
        return total

    def _build(self) -> None:
        # One pass over the sentence for what every target needs; a clause's
        # sums are made when a target in it is asked about (_clause).
        lows = self._lows
        n = len(lows)
        # Per token, as features() sees it when no target is involved:
        # form (None for quotation marks), negated, signed prior, inside quotes,
        # negation state after the token, clause-run id (-1 for breaks).
        forms: list[str | None] = [None] * n
        stems: list[str | None] = [None] * n  # the stems of the forms (w: and c: features)
        negated = [False] * n
        priors = [0.0] * n
        quoted = [False] * n
        state = [-1] * n
        clause_of = [-1] * n
        # And as add_valence_features() sees them far from a target: valence,
        # negation state (quotation marks end the scope there).
        values = [0] * n
        val_states = [-1] * n
        word_counts: dict[str, int] = {}
        lex = [0, 0]  # positive, negative over the whole sentence
        negated_until = val_until = -1
        boost = 0
        quote_open = False
        has_quote = False
        run = -1
        in_run = False
        info_get = _INFO.get
        for k, low in enumerate(lows):
            info = info_get(low) or _info(low)
            kind = info[0]
            before, boost = boost, info[4]
            if info[2]:  # a clause break
                in_run = False
            elif not in_run:
                in_run = True
                run += 1
            if in_run:
                clause_of[k] = run
            if kind:  # plain words (kind 0) skip all of this
                if kind == _QUOTE:
                    val_until = -1
                elif kind == _NEGATOR:
                    val_until = negated_until = k + _NEGATION_REACH
                else:
                    val_until = negated_until = -1
            val_states[k] = val_until
            value = info[3]
            if value:
                if k <= val_until:
                    value = value * _NEGATED // 100
                if before:
                    value = value * _BOOSTED[0 if before > 0 else 1] // 100
                values[k] = value
            state[k] = negated_until
            if kind == _QUOTE:
                quote_open = not quote_open
                has_quote = True
                continue
            quoted[k] = quote_open
            prior = info[1]
            if k <= negated_until:
                negated[k] = True
                form = low if kind == _NEGATOR else "~" + low
                prior = -prior
            else:
                form = low
            forms[k] = form
            stem = stems[k] = stem_form(form)
            word_counts[stem] = word_counts.get(stem, 0) + 1
            if prior:
                priors[k] = prior
                lex[0 if prior > 0 else 1] += 1
        self._forms = forms
        self._stems = stems
        self._negated = negated
        self._priors = priors
        self._quoted = quoted
        self._state = state
        self._clause_of = clause_of
        self._clauses: dict[int, tuple[dict[str, int], int, list[int]]] = {}
        self._word_counts = word_counts
        self._word_sums = sum(map(self._tables.w.get, word_counts, _NO_ROWS))
        self._lex = lex
        self._has_quote = has_quote
        # Valences far from any target as prefix sums (C-level accumulate), with
        # prefix counts of positive and negative words.
        self._val_states = val_states
        self._val_sums = list(accumulate(values, initial=0))
        self._val_pos = list(accumulate(map((0).__lt__, values), initial=0))
        self._val_neg = list(accumulate(map((0).__gt__, values), initial=0))

    def _clause(self, run: int, ti: int) -> tuple[dict[str, int], int, list[int]]:
        # The stem counts, summed c: rows and polar-word counts (positive,
        # negative) of the clause run holding token ti, made once per run.
        found = self._clauses.get(run)
        if found is None:
            clause_of = self._clause_of
            cs = ti
            while cs > 0 and clause_of[cs - 1] == run:
                cs -= 1
            ce = ti
            n = len(clause_of)
            while ce < n and clause_of[ce] == run:
                ce += 1
            counts: dict[str, int] = {}
            lex = [0, 0]
            priors = self._priors
            stems = self._stems
            for k in range(cs, ce):
                stem = stems[k]
                if stem is None:
                    continue
                counts[stem] = counts.get(stem, 0) + 1
                prior = priors[k]
                if prior:
                    lex[0 if prior > 0 else 1] += 1
            found = counts, sum(map(self._tables.c.get, counts, _NO_ROWS)), lex
            self._clauses[run] = found
        return found

    def _fast(self, ti: int, tj: int) -> IntRow | None:
        lows = self._lows
        n = len(lows)
        if ti == tj:
            return None
        clause_of = self._clause_of
        run = clause_of[ti]
        forms = self._forms
        if run < 0:
            return None
        for k in range(ti + 1, tj):
            if clause_of[k] != run:
                return None
        # Negation after the target: features() skips target tokens, so the
        # state entering tj is the one left by ti - 1. Where that gives other
        # forms than the no-target pass, take the slow path.
        negated_until = self._state[ti - 1] if ti else -1
        for k in range(tj, min(n, tj + _NEGATION_REACH)):
            low = lows[k]
            if low in _QUOTES:
                continue
            if low in NEGATORS:
                negated_until = k + _NEGATION_REACH
            elif not low.isalnum() and low not in _APOSTROPHES:
                negated_until = -1
            if (k <= negated_until) != self._negated[k]:
                return None
        tables = self._tables
        clause_counts, clause_sum, clause_lex = self._clause(run, ti)
        total = self._word_sums + clause_sum
        # Take out what the target's own tokens put into the sentence and clause sets.
        word_counts = self._word_counts
        stems = self._stems
        taken: dict[str, int] = {}  # stem -> target tokens with it
        priors = self._priors
        lex_c = list(clause_lex)
        lex_all = list(self._lex)
        extra: set[str] = {"b"}
        target: set[str] = set()  # words of the target (tm: features)
        target_quoted = False
        for k in range(ti, tj):
            stem = stems[k]  # None for quotation marks, like the form
            if stem is None:
                continue
            if self._quoted[k]:
                target_quoted = True
            target.add(lows[k])
            taken[stem] = taken.get(stem, 0) + 1
            prior = priors[k]
            if prior:
                side = 0 if prior > 0 else 1
                lex_c[side] -= 1
                lex_all[side] -= 1
        for stem, count in taken.items():
            # A target stem leaves a set only when the target held all its tokens.
            if word_counts[stem] == count:
                total -= tables.w.get(stem, 0)
            if clause_counts[stem] == count:
                total -= tables.c.get(stem, 0)
        # Features of the tokens near the target: n: within the window, l:/r: next to it.
        near: set[str] = set()
        left: set[str] = set()
        right: set[str] = set()
        for k in range(max(0, ti - _WINDOW), min(n, tj + _WINDOW)):
            if ti <= k < tj:
                continue
            form = forms[k]
            if form is None:
                continue
            near.add(form)
            if (ti - k if k < ti else k - tj + 1) <= _NEAR:
                (left if k < ti else right).add(form)
                prior = priors[k]
                if prior:
                    extra.add(("lx:l" if k < ti else "lx:r") + ("+" if prior > 0 else "-"))
        total += (
            sum(map(tables.n.get, near, _NO_ROWS))
            + sum(map(tables.l.get, left, _NO_ROWS))
            + sum(map(tables.r.get, right, _NO_ROWS))
        )
        lex = (lex_c[0], lex_c[1], lex_all[0] - lex_c[0], lex_all[1] - lex_c[1])
        for name, count in zip(_LEX_NAMES, lex, strict=True):
            if count:
                extra.add(name + str(min(count, 3)))
        if self._has_quote:
            extra.add("q")
        tokens = self._token_list()
        add_target_flags(extra, tokens, ti, tj, target_quoted)
        # The target's clause: the run holding it (checked above to hold all its tokens).
        cs = ti
        while cs > 0 and clause_of[cs - 1] == run:
            cs -= 1
        ce = tj
        while ce < n and clause_of[ce] == run:
            ce += 1
        if not self._valence(extra, ti, tj, cs, ce):
            add_valence_features(extra, tokens, ti, tj, cs, ce)
        total += sum(map(tables.tm.get, target, _NO_ROWS))
        total += sum(map(tables.bg.get, _low_pairs(lows, ti, tj), _NO_ROWS))
        return unpack(total + sum(map(tables.names.get, extra, _NO_ROWS)), self._shift)

    def _valence(self, extra: set[str], ti: int, tj: int, cs: int, ce: int) -> bool:
        # add_valence_features() from prefix sums, in constant time; False when
        # the target changes the negation of a word after it (then the caller
        # takes the one-pass function).
        lows = self._lows
        n = len(lows)
        states = self._val_states
        negated_until = states[ti - 1] if ti else -1
        for k in range(tj, min(n, tj + _NEGATION_REACH)):
            low = lows[k]
            if low in NEGATORS:
                negated_until = k + _NEGATION_REACH
            elif not low.isalnum() and low not in _APOSTROPHES:
                negated_until = -1
            if (k <= negated_until) != (k <= states[k]):
                return False
        sums, pos, neg = self._val_sums, self._val_pos, self._val_neg
        inside = sums[tj] - sums[ti]
        near_l, near_r = max(0, ti - _NEAR), min(n, tj + _NEAR)
        win_l, win_r = max(0, ti - _WINDOW), min(n, tj + _WINDOW)
        add_valence_sums(
            extra,
            (
                sums[n] - inside,
                sums[ce] - sums[cs] - inside,
                sums[ti] - sums[near_l],
                sums[near_r] - sums[tj],
                sums[ti] - sums[win_l] + sums[win_r] - sums[tj],
                sums[ti],
                sums[n] - sums[tj],
            ),
        )
        # Polar words by side, sign and distance class (n: next, w: near, f: far).
        for side, ranges in (
            ("vw:l", ((near_l, ti, "n"), (win_l, near_l, "w"), (0, win_l, "f"))),
            ("vw:r", ((tj, near_r, "n"), (near_r, win_r, "w"), (win_r, n, "f"))),
        ):
            for lo, hi, grade in ranges:
                if lo < hi:
                    if pos[hi] > pos[lo]:
                        extra.add(side + "+" + grade)
                    if neg[hi] > neg[lo]:
                        extra.add(side + "-" + grade)
        return True


_SCORERS: dict[str, SentenceScorer] = {}
_REMEMBER = 64  # texts kept before the table starts over


def polarity_of(text: str, start: int, end: int) -> TargetPolarity:
    """Return the polarity of ``text`` toward ``text[start:end]`` (shipped weights).

    Callers often ask about several targets of one text in a row: the last
    texts' scorers are kept so that their shared work is done once.
    """
    scorer = _SCORERS.get(text)
    if scorer is None:
        if len(_SCORERS) >= _REMEMBER:
            _SCORERS.clear()
        scorer = _SCORERS[text] = SentenceScorer.of_columns(text, token_columns(text))
    return scorer.polarity(start, end)
