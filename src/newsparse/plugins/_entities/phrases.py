"""Greedy longest-phrase matching over lower-cased tokens (gazetteer and name lexicon)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import compress
from typing import TypeVar

__all__ = ["longest_matches"]

V = TypeVar("V")


def longest_matches(
    lowers: Sequence[str],
    starts: Sequence[int],
    phrases: Mapping[tuple[str, ...], V],
    longest: Mapping[str, int],
) -> list[tuple[int, int, V]]:
    """Return non-overlapping ``(first, end, value)`` matches, longest first, left to right.

    Args:
        lowers: The lower-cased tokens of a sentence.
        starts: Increasing token indices where a match may begin.
        phrases: Token tuples to their value.
        longest: For each first word, the longest phrase (in tokens) it starts; words
            that start none are absent, so most tokens cost one lookup.
    """
    out: list[tuple[int, int, V]] = []
    n = len(lowers)
    taken = 0
    # Most tokens start no phrase: keep those that do at C speed, without a Python loop
    # over every start, then try their phrases longest first.
    has_phrase = longest.__contains__
    for i in compress(starts, map(has_phrase, map(lowers.__getitem__, starts))):
        if i < taken:
            continue
        top = longest[lowers[i]]
        for size in range(min(top, n - i), 0, -1):
            value = phrases.get(tuple(lowers[i : i + size]))
            if value is not None:
                out.append((i, i + size, value))
                taken = i + size
                break
    return out
