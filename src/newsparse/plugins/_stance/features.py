"""Target-relative features of a sentence for the polarity model.

Every feature is a short string (value 1): words of the sentence, words near
the target on either side, words in the target's clause (sentence and clause
words by their Snowball stem, :mod:`~newsparse.plugins._stance.stems`), polar lexicon hits by
scope, negation scope and quotation, VADER valence sums by scope
(:mod:`~newsparse.plugins._stance.valence`) and word pairs next to the target
(the target itself as ``<T>``), and the target's head word and word clusters
(:mod:`~newsparse.plugins._stance.clusters`). Linear in the sentence. (Word pairs over the
whole sentence were tried and dropped: they did not help in cross-validation;
pairs within four tokens of the target did.)
"""

from __future__ import annotations

from itertools import pairwise

from newsparse.plugins._stance.clusters import add_target_clusters
from newsparse.plugins._stance.lexicon import CONTRAST, NEGATORS, polar_table
from newsparse.plugins._stance.stems import stem_form
from newsparse.plugins._stance.tokens import Token, tokenize
from newsparse.plugins._stance.valence import add_valence_features

__all__ = ["add_context_features", "add_word_pairs", "features", "target_tokens"]

# Tokens that end a clause (the target's clause is the stretch between them).
_CLAUSE_BREAKS = frozenset(",;:()\u2014\u2013-") | CONTRAST | {"who", "which", "that"}
_QUOTES = frozenset('"“”«»')
_APOSTROPHES = frozenset("'\u2019")
_POSSESSIVES = frozenset(("'s", "\u2019s", "'", "\u2019"))
_NEGATION_REACH = 3  # tokens after a negator that it flips
_NEAR = 3  # tokens on either side that count as next to the target
_WINDOW = 6  # tokens on either side that count as near the target
_PAIR_REACH = 4  # tokens on either side whose word pairs are features


def target_tokens(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Return the half-open token range ``[i, j)`` overlapping ``[start, end)``.

    An empty or unmatched target gets the empty range at its position.
    """
    i = 0
    while i < len(tokens) and tokens[i].end <= start:
        i += 1
    j = i
    while j < len(tokens) and tokens[j].start < max(end, start + 1):
        j += 1
    return i, j


def features(text: str, start: int, end: int, tokens: list[Token] | None = None) -> list[str]:
    """Return the features of ``text`` toward the target ``text[start:end]``.

    Args:
        text: A sentence (or any string).
        start: Offset of the target mention.
        end: Offset one past the target mention.
        tokens: ``tokenize(text)``, when the caller already has it (offsets
            may be shifted by a constant, as long as ``start``/``end`` are too).

    Returns:
        Feature names, without duplicates.
    """
    if tokens is None:
        tokens = tokenize(text)
    ti, tj = target_tokens(tokens, start, end)
    n = len(tokens)
    # Clause of the target: back to the previous break, forward to the next.
    cs = ti
    while cs > 0 and tokens[cs - 1].low not in _CLAUSE_BREAKS:
        cs -= 1
    ce = tj
    while ce < n and tokens[ce].low not in _CLAUSE_BREAKS:
        ce += 1
    out: set[str] = {"b"}
    negated_until = -1
    quote_open = False
    target_quoted = False
    lex = [0, 0, 0, 0]  # pos/neg in clause, pos/neg elsewhere
    priors = polar_table()
    add = out.add
    for k, tok in enumerate(tokens):
        low = tok.low
        if low in _QUOTES:
            quote_open = not quote_open
            out.add("q")
            continue
        if ti <= k < tj:
            if quote_open:
                target_quoted = True
            out.add("tm:" + low)
            continue
        if low in NEGATORS:
            negated_until = k + _NEGATION_REACH
        elif not low.isalnum() and low not in _APOSTROPHES:
            negated_until = -1
        form = "~" + low if k <= negated_until and low not in NEGATORS else low
        stem = stem_form(form)
        add("w:" + stem)
        distance = ti - k if k < ti else k - tj + 1
        if distance <= _NEAR:
            add(("l:" if k < ti else "r:") + form)
        if distance <= _WINDOW:
            add("n:" + form)
        in_clause = cs <= k < ce
        if in_clause:
            add("c:" + stem)
        prior = priors.get(low, 0.0)
        if prior:
            if k <= negated_until:
                prior = -prior
            lex[(0 if in_clause else 2) + (0 if prior > 0 else 1)] += 1
            if distance <= _NEAR:
                # Polar words right before the target act on it ("praised X");
                # right after, it acts ("X praised"): keep the side and sign.
                add(("lx:l" if k < ti else "lx:r") + ("+" if prior > 0 else "-"))
    for name, count in zip(("lx:c+", "lx:c-", "lx:s+", "lx:s-"), lex, strict=True):
        if count:
            out.add(name + str(min(count, 3)))
    add_target_flags(out, tokens, ti, tj, target_quoted)
    add_context_features(out, tokens, ti, tj, cs, ce)
    return list(out)


def add_context_features(
    out: set[str], tokens: list[Token], ti: int, tj: int, cs: int, ce: int
) -> None:
    """Add the valence features and the word pairs around the target.

    Shared by :func:`features` and the fast scorer so that both give the same
    features by construction.

    Args:
        out: Feature set to add to.
        tokens: The sentence's tokens.
        ti: First target token.
        tj: One past the last target token.
        cs: First token of the target's clause.
        ce: One past the last token of the target's clause.
    """
    add_valence_features(out, tokens, ti, tj, cs, ce)
    add_word_pairs(out, tokens, ti, tj)


def add_word_pairs(out: set[str], tokens: list[Token], ti: int, tj: int) -> None:
    """Add the word pairs within reach of the target ``tokens[ti:tj]``."""
    # The target stands as one <T> token (also when empty), so its pairs generalise.
    seq = [t.low for t in tokens[max(0, ti - _PAIR_REACH) : ti]]
    seq.append("<T>")
    seq.extend(t.low for t in tokens[tj : tj + _PAIR_REACH])
    for first, second in pairwise(seq):
        out.add("bg:" + first + "_" + second)


def add_target_flags(
    out: set[str], tokens: list[Token], ti: int, tj: int, target_quoted: bool
) -> None:
    """Add the features of the target itself: its place, its head word and its word clusters.

    Shared by :func:`features` and every path of the fast scorer.
    """
    if ti <= 1:
        out.add("t:first")
    if tj < len(tokens) and tokens[tj].low in _POSSESSIVES:
        out.add("t:poss")
    if target_quoted:
        out.add("t:quoted")
    if ti > 0 and tokens[ti - 1].low == "by":
        out.add("t:by")
    add_target_clusters(out, tokens, ti, tj)
