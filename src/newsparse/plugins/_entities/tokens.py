"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, compress, count, repeat

import regex

__all__ = [
    "iter_tokens",
    "part_offsets",
    "shape",
    "tokenize",
    "tokenize_parts",
]

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


def tokenize_parts(text: str, start: int, stop: int) -> tuple[list[str], list[str]]:
    """Return the words of :func:`tokenize` for ``text[start:stop]`` and the parts they fill.

    ``parts`` alternates gaps (whitespace, maybe empty) and tokens, from ``start`` to
    ``stop``: ``parts[1::2] == words``, and a token's offset is ``start`` plus the lengths
    of the parts before it (see :func:`part_offsets`). Offsets are not made for every
    token (a running sum per token cost as much as the tokenising): only for those asked.
    """
    parts = _TOKEN_SPLIT_RE.split(text[start:stop])
    if len(parts) == 1:
        return [], parts
    words = parts[1::2]
    if text.find(".", start, stop) < 0:
        return words, parts
    # Words ending in a period: in the words joined by single spaces, a period before a
    # space (or at the end); its word is the count of spaces before it (kept running, so
    # many periods stay linear). Most lose the period ("said." -> "said", ".").
    joined = " ".join(words)
    size = len(joined)
    cuts = []
    k = done = 0
    at = joined.find(".")
    while at >= 0:
        if at + 1 == size or joined[at + 1] == " ":
            k += joined.count(" ", done, at)
            done = at
            word = words[k]
            if len(word) > 1 and not (
                _is_abbreviation(word)
                # A single-letter initial ("J.") keeps its period only before a capital.
                and (
                    len(word) != 2
                    or _NAME_AFTER_RE.match(text, part_offsets(start, parts, k, k + 1)[1], stop)
                    is not None
                )
            ):
                cuts.append(k)
        at = joined.find(".", at + 1)
    if not cuts:
        return words, parts
    if len(cuts) <= _FEW_CUTS:
        # Usually one cut, at the end of a sentence: insert in place (from the back, so
        # the indices still to visit stay valid).
        for k in reversed(cuts):
            word = words[k][:-1]
            words[k : k + 1] = [word, "."]
            parts[2 * k + 1 : 2 * k + 2] = [word, "", "."]
        return words, parts
    # One pass over the lists (not an insertion per cut), so many cuts stay linear.
    new_words: list[str] = []
    new_parts: list[str] = []
    done = 0
    for k in cuts:
        word = words[k][:-1]
        new_words += words[done:k]
        new_words += (word, ".")
        new_parts += parts[2 * done : 2 * k + 1]
        new_parts += (word, "", ".")
        done = k + 1
    new_words += words[done:]
    new_parts += parts[2 * done :]
    return new_words, new_parts


def part_offsets(start: int, parts: Sequence[str], first: int, end: int) -> tuple[int, int]:
    """Return the start of token ``first`` and the end of token ``end - 1`` of ``parts``.

    Args:
        start: The offset of ``parts[0]`` in the text.
        parts: Gaps and tokens in turn, as from :func:`tokenize_parts`.
        first: The index of the first token (in the words).
        end: One past the index of the last token (``end > first``).
    """
    a = start + sum(map(len, parts[: 2 * first + 1]))
    return a, a + sum(map(len, parts[2 * first + 1 : 2 * end]))


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
    return _rebuild_cut(words, starts, ends, cuts)


def _rebuild_cut(
    words: list[str], starts: list[int], ends: list[int], cuts: list[int]
) -> tuple[list[str], list[int], list[int]]:
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
