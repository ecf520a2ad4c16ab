"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import regex

__all__ = ["iter_tokens", "shape"]

_TOKEN_RE = regex.compile(
    r"""
    (?:[^\W\d_]\.){2,}                      # U.S., U.K.: letter-dot abbreviations
    | (?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof
         |Inc|Corp|Co|Ltd|Bros|Mt|Ft|Adm|Maj|Cmdr|Pres|Supt)\.  # titles, company suffixes
    | \b[A-Z]\.(?=\s+[A-Z])                 # an initial before a capitalised word
    | ['\u2019]s\b                          # possessive 's, split as in CoNLL
    | \w+(?:[-&./]\w+|['\u2019](?!s\b)\w+)* # words with inner hyphens, O'Neill, S&P
    | \S                                    # any other visible character
    """,
    regex.VERBOSE,
)
_SHAPE_RE = regex.compile(r"(\p{Lu}+)|(\p{Ll}+)|(\d+)|([^\p{L}\d]+)|(\p{L}+)")


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the tokens of ``text[start:end]``."""
    return [m.span() for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


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
