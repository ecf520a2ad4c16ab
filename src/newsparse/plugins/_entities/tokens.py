"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain, compress, count, repeat

import regex

__all__ = ["iter_tokens", "shape", "tokenize"]

# Few alternatives, tried in order of frequency: this runs over every character, so it
# uses the faster standard ``re`` engine (the pattern needs no ``regex`` feature).
_TOKEN_RE = re.compile(
    r"""
    \w+(?:[-&./]\w+|['\u2019](?!s\b)\w+)*\.?  # words (inner hyphens, O'Neill, U.S.)
    | ['\u2019]s\b                              # possessive 's, split as in CoNLL
    | \S                                         # any other visible character
    """,
    re.VERBOSE,
)
# The same tokens, each with the whitespace before it (the only text the tokens skip: any
# visible character is a token), so that ``findall`` returns words and gap lengths from
# which the offsets follow by a running sum: no match object per token.
_GAP_TOKEN_RE = re.compile(r"(\s*)(" + _TOKEN_RE.pattern + ")", re.VERBOSE)
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
    pairs = _GAP_TOKEN_RE.findall(text, start, stop)
    if not pairs:
        return [], [], []
    # Gap and token lengths alternate; their running sum gives every token's offsets.
    pos = list(accumulate(map(len, chain.from_iterable(pairs)), initial=start))
    starts = pos[1::2]
    ends = pos[2::2]
    words = [w for _, w in pairs]
    # Words ending in a period (found at C speed): most lose it ("said." -> "said", ".").
    for k in reversed(list(compress(count(), map(str.endswith, words, repeat("."))))):
        w = words[k]
        if len(w) > 1:
            a, b = starts[k], ends[k]
            if not _keeps_period(text, a, b, stop):
                words[k : k + 1] = [w[:-1], "."]
                starts[k : k + 1] = [a, b - 1]
                ends[k : k + 1] = [b - 1, b]
    return words, starts, ends


def _keeps_period(text: str, a: int, b: int, stop: int) -> bool:
    if not _ABBREV_RE.fullmatch(text, a, b):
        return False
    if b - a == 2:  # a single-letter initial ("J.") only before a capitalised word
        return _NAME_AFTER_RE.match(text, b, stop) is not None
    return True


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
