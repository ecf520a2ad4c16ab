"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import re

import regex

__all__ = ["iter_tokens", "shape"]

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
    stop = len(text) if end is None else end
    spans = [m.span() for m in _TOKEN_RE.finditer(text, start, stop)]
    dotted = [k for k, (a, b) in enumerate(spans) if b - a > 1 and text[b - 1] == "."]
    for k in reversed(dotted):
        a, b = spans[k]
        if not _keeps_period(text, a, b, stop):
            spans[k : k + 1] = [(a, b - 1), (b - 1, b)]
    return spans


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
