"""Word tokens with character offsets, shared by features and rules."""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from typing import NamedTuple

import regex

__all__ = ["Columns", "Token", "token_columns", "tokenize", "tokens_of"]

# Words keep inner hyphens and apostrophes ("co-operation", "Kim's"); any other
# non-space character is a token of its own so quotes and commas are visible.
_TOKEN_RE = regex.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")
# The same tokens as a capturing group: ``split`` returns gaps and tokens in turn,
# and the gaps are whitespace (every other character is in a token), so the
# running sum of their lengths gives the offsets without a match object per token.
_TOKEN_SPLIT_RE = regex.compile(r"(\w+(?:[-'\u2019]\w+)*|[^\w\s])")
# On ASCII text the standard ``re`` engine (faster per match) finds the same tokens.
# With ``re.ASCII`` its ``\w`` and ``\s`` are ``regex``'s on every ASCII character
# (without the flag ``re`` also counts the separator controls \x1c-\x1f as space;
# a test checks every ASCII pair), and the flag makes its scan faster.
_ASCII_SPLIT_RE = re.compile(r"(\w+(?:[-'\u2019]\w+)*|[^\w\s])", re.ASCII)
# News punctuation outside ASCII (curly quotes, dashes, ellipsis, bullet): neither
# word nor space to both engines, and its own lowercase, so a range holding only
# these beside ASCII takes the ``re`` path too (a test checks both engines agree).
_SAFE_PUNCTUATION = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022"
_NOT_RE_SAFE = re.compile("[^\x00-\x7f" + _SAFE_PUNCTUATION + "]")


class Token(NamedTuple):
    """A token: its lowercased form and its half-open character range."""

    low: str
    start: int
    end: int


# ``Token(low, start, end)`` is ``tuple.__new__(Token, (low, start, end))``; mapped
# over zipped columns it builds a sentence's tokens without a Python call per token.
_new_tuple = tuple.__new__
_lower = str.lower


#: A text's tokens as parallel lists: lowercased forms, starts, ends.
Columns = tuple[list[str], list[int], list[int]]


def token_columns(text: str, start: int = 0, end: int | None = None) -> Columns:
    """Return the tokens of ``text[start:end]`` as parallel lists, without a ``Token`` each.

    The engine reads most tokens only by their form: three lists built in C
    cost a fraction of a tuple object per token.

    Args:
        text: Any string.
        start: Where to begin.
        end: Where to stop (default: the end of ``text``).

    Returns:
        ``(lows, starts, ends)``: the forms of :func:`tokenize`'s tokens and their offsets.
    """
    stop = len(text) if end is None else end
    # The pattern never looks behind a token's start or past the slice's end, so
    # splitting the slice finds the same tokens as scanning ``text`` from ``start``
    # to ``stop``. Each token is lowercased on its own (dotted I, final sigma).
    piece = text[start:stop]
    if piece.isascii() or _NOT_RE_SAFE.search(piece) is None:
        # ASCII lowercasing is letter by letter (the safe punctuation is its own
        # lowercase): lowering the whole range first gives every token its own
        # lowercasing, without a call per token.
        parts = _ASCII_SPLIT_RE.split(piece.lower())
        words = parts[1::2]
    else:
        parts = _TOKEN_SPLIT_RE.split(piece)
        words = list(map(_lower, parts[1::2]))
    if len(parts) == 1:
        return [], [], []
    pos = list(accumulate(map(len, parts), initial=start))
    return words, pos[1:-1:2], pos[2::2]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens.

    Args:
        text: Any string.
        start: Where to begin.
        end: Where to stop (default: the end of ``text``).

    Returns:
        Tokens in order, lowercased, with offsets into ``text`` (not into the slice).
    """
    return tokens_of(*token_columns(text, start, end))


def tokens_of(lows: list[str], starts: list[int], ends: list[int]) -> list[Token]:
    """Return the ``Token`` of each row of parallel token lists (see :func:`token_columns`)."""
    return list(map(_new_tuple, repeat(Token), zip(lows, starts, ends, strict=True)))
