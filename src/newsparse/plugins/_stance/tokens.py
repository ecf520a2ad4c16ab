"""Word tokens with character offsets, shared by features and rules."""

from __future__ import annotations

from typing import NamedTuple

import regex

__all__ = ["Token", "tokenize"]

# Words keep inner hyphens and apostrophes ("co-operation", "Kim's"); any other
# non-space character is a token of its own so quotes and commas are visible.
_TOKEN_RE = regex.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")


class Token(NamedTuple):
    """A token: its lowercased form and its half-open character range."""

    low: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens.

    Args:
        text: Any string.
        start: Where to begin.
        end: Where to stop (default: the end of ``text``).

    Returns:
        Tokens in order, lowercased, with offsets into ``text`` (not into the slice).
    """
    stop = len(text) if end is None else end
    found = _TOKEN_RE.finditer(text, start, stop)
    piece = text[start:stop]
    low = piece.lower()
    # Lowercasing the whole piece once is cheaper than per token, and the same
    # per token unless a character lowercases to two (dotted I) or by context
    # (final sigma): then lowercase token by token.
    if len(low) != len(piece) or "\u03a3" in piece:
        return [Token(m.group().lower(), m.start(), m.end()) for m in found]
    spans = [m.span() for m in found]
    return [Token(low[s - start : e - start], s, e) for s, e in spans]
