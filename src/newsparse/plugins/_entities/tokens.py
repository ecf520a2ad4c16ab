"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, compress, count, repeat

import regex

__all__ = ["iter_tokens", "shape", "tokenize", "tokenize_units"]

# Splitting on the tokens (a capturing group) returns the gaps between them and the tokens
# in turn, and the gaps are whitespace (any visible character is a token), so one
# ``split`` gives the words and the lengths whose running sum gives the offsets: no match
# object per token. Few alternatives, tried in order of frequency, in the faster standard
# ``re`` engine; possessive quantifiers match the same text (what follows a run never
# starts inside it) without keeping backtracking points.
_TOKEN_SPLIT_RE = re.compile(
    r"""
    ( \w++(?:[-&./]\w++|['\u2019](?!s\b)\w++)*+\.?  # words (inner hyphens, O'Neill, U.S.)
    | ['\u2019]s\b                                    # possessive 's, split as in CoNLL
    | \S                                              # any other visible character
    )
    """,
    re.VERBOSE,
)
# A trailing period stays on abbreviations (U.S., Mr., Corp.) and initials before a name.
_ABBREV_RE = regex.compile(
    r"""
    (?:[^\W\d_]\.)+                                  # U.S. / J.
    | (?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof
       |Inc|Corp|Co|Ltd|Bros|Mt|Ft|Adm|Maj|Cmdr|Pres|Supt)\.
    """,
    regex.VERBOSE,
)
_NAME_AFTER_RE = regex.compile(r"\s+\p{Lu}")
_PERIOD_RE = re.compile(r"\.")
_MATCH_END = re.Match.end


_SHAPE_RE = regex.compile(r"(\p{Lu}+)|(\p{Ll}+)|(\d+)|([^\p{L}\d]+)|(\p{L}+)")


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the tokens of ``text[start:end]``."""
    _, starts, ends = tokenize(text, start, len(text) if end is None else end)
    return list(zip(starts, ends, strict=True))


def tokenize(text: str, start: int, stop: int) -> tuple[list[str], list[int], list[int]]:
    """Return the tokens of ``text[start:stop]``: their words, starts and ends."""
    # The slice ends the text where ``stop`` does, as ``endpos`` would; the pattern does
    # not look behind a token's start, so cutting at ``start`` changes nothing either.
    parts = _TOKEN_SPLIT_RE.split(text[start:stop])
    if len(parts) == 1:
        return [], [], []
    # Gap and token lengths alternate; their running sum gives every token's offsets.
    pos = list(accumulate(map(len, parts), initial=start))
    starts = pos[1:-1:2]
    ends = pos[2::2]
    words = parts[1::2]
    # Words ending in a period (found at C speed): most lose it ("said." -> "said", ".").
    cuts = [
        k
        for k in compress(count(), map(str.endswith, words, repeat(".")))
        if len(words[k]) > 1
        and not (
            _is_abbreviation(words[k])
            # A single-letter initial ("J.") keeps its period only before a capitalised word.
            and (len(words[k]) != 2 or _NAME_AFTER_RE.match(text, ends[k], stop) is not None)
        )
    ]
    return _cut_periods(words, starts, ends, cuts) if cuts else (words, starts, ends)


def tokenize_units(
    text: str, units: Sequence[tuple[int, int]]
) -> list[tuple[list[str], list[int], list[int]]]:
    """Return :func:`tokenize` of each ``(start, stop)`` unit, with one pass over the text.

    A document's sentences are many short units: one ``split`` over the text they span
    (not one per unit) gives every token, and each unit takes its own. That is the same
    as tokenising the unit alone when no token crosses the unit's edges (the pattern
    looks at one character past a token at most, and a token that the edge would cut
    short runs past it); a unit with a crossing token, and units out of order, are
    tokenised alone.
    """
    if not units:
        return []
    first, last = units[0][0], units[-1][1]
    if any(units[k][1] > units[k + 1][0] for k in range(len(units) - 1)) or last < first:
        return [tokenize(text, s, e) for s, e in units]
    parts = _TOKEN_SPLIT_RE.split(text[first:last])
    pos = list(accumulate(map(len, parts), initial=first))
    all_starts = pos[1:-1:2]
    all_ends = pos[2::2]
    all_words = parts[1::2]
    # Words ending in a period, found once for all units (see ``tokenize``): those that
    # end just after a period of the text. The text has few periods, each looked up
    # among the (increasing) token ends: no step per word.
    dots = []
    for period_end in map(_MATCH_END, _PERIOD_RE.finditer(text, first, last)):
        k = bisect_left(all_ends, period_end)
        if k < len(all_ends) and all_ends[k] == period_end:
            dots.append(k)
    out = []
    lo = d = 0
    for start, stop in units:
        lo = bisect_left(all_starts, start, lo)
        hi = bisect_left(all_starts, stop, lo)
        if (lo and all_ends[lo - 1] > start) or (hi > lo and all_ends[hi - 1] > stop):
            out.append(tokenize(text, start, stop))
            continue
        words = all_words[lo:hi]
        starts = all_starts[lo:hi]
        ends = all_ends[lo:hi]
        d = bisect_left(dots, lo, d)
        cuts = []
        while d < len(dots) and dots[d] < hi:
            k = dots[d]
            d += 1
            word = all_words[k]
            if len(word) > 1 and not (
                _is_abbreviation(word)
                and (len(word) != 2 or _NAME_AFTER_RE.match(text, all_ends[k], stop) is not None)
            ):
                cuts.append(k - lo)
        out.append(_cut_periods(words, starts, ends, cuts) if cuts else (words, starts, ends))
    return out


def _cut_periods(
    words: list[str], starts: list[int], ends: list[int], cuts: list[int]
) -> tuple[list[str], list[int], list[int]]:
    if len(cuts) <= _FEW_CUTS:
        # Usually one cut, at the end of a sentence: insert in place (from the back, so
        # the indices still to visit stay valid).
        for k in reversed(cuts):
            b = ends[k]
            words[k : k + 1] = [words[k][:-1], "."]
            starts[k : k + 1] = [starts[k], b - 1]
            ends[k : k + 1] = [b - 1, b]
        return words, starts, ends
    # One pass over the lists (not an insertion per cut), so many cuts stay linear.
    new_words: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    done = 0
    for k in cuts:
        new_words += words[done:k]
        new_starts += starts[done:k]
        new_ends += ends[done:k]
        b = ends[k]
        new_words += (words[k][:-1], ".")
        new_starts += (starts[k], b - 1)
        new_ends += (b - 1, b)
        done = k + 1
    new_words += words[done:]
    new_starts += starts[done:]
    new_ends += ends[done:]
    return new_words, new_starts, new_ends


#: Up to this many cuts are inserted in place (each insertion moves the rest of a list).
_FEW_CUTS = 4


@lru_cache(maxsize=1 << 14)
def _is_abbreviation(word: str) -> bool:
    # The pattern looks at nothing around the word, so the word alone decides (cached:
    # the same few words end sentences over and over).
    return _ABBREV_RE.fullmatch(word) is not None


def shape(word: str) -> str:
    """Return a compressed shape: ``Kim`` -> ``Xx``, ``U.S.`` -> ``X.X.``, ``1996`` -> ``d``."""
    parts = []
    for m in _SHAPE_RE.finditer(word):
        group = m.lastindex
        parts.append(
            "X"
            if group == 1
            else "x"
            if group == 2
            else "d"
            if group == 3
            else m.group()
            if group == 4
            else "L"
        )
    out = "".join(parts)
    return out if len(out) <= 8 else out[:8]
