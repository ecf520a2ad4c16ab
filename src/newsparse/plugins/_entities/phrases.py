"""Greedy longest-phrase matching over lower-cased tokens (gazetteer and name lexicon)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from typing import Any, TypeVar

__all__ = ["Trie", "build_trie", "longest_matches"]

V = TypeVar("V")

#: Phrases as nested dicts, one level per token; a phrase's value is stored under the
#: key ``""`` of its last node (no token is empty).
Trie = dict[str, Any]
_VALUE = ""


def build_trie(phrases: Iterable[tuple[tuple[str, ...], V]], max_words: int) -> Trie:
    """Return the trie of the ``(tokens, value)`` pairs of 1 to ``max_words`` tokens."""
    trie: Trie = {}
    for key, value in phrases:
        if 0 < len(key) <= max_words:
            node = trie
            for word in key:
                node = node.setdefault(word, {})
            node[_VALUE] = value
    return trie


def longest_matches(
    lowers: Sequence[str], starts: Sequence[int], trie: Mapping[str, Any]
) -> list[tuple[int, int, Any]]:
    """Return non-overlapping ``(first, end, value)`` matches, longest first, left to right.

    Args:
        lowers: The lower-cased tokens of a sentence (or of sentences joined with
            padding that is no phrase's token).
        starts: Increasing token indices where a match may begin.
        trie: The phrases, from :func:`build_trie`.
    """
    out: list[tuple[int, int, Any]] = []
    n = len(lowers)
    taken = 0
    # Most tokens start no phrase: keep those that do at C speed, without a Python loop
    # over every start; then walk the trie as far as the tokens go, one lookup per token.
    for i in compress(starts, map(trie.__contains__, map(lowers.__getitem__, starts))):
        if i < taken:
            continue
        node = trie[lowers[i]]
        j = i + 1
        end = 0
        value = None
        while True:
            found = node.get(_VALUE)
            if found is not None:
                end = j
                value = found
            if j >= n:
                break
            node = node.get(lowers[j])
            if node is None:
                break
            j += 1
        if end:
            out.append((i, end, value))
            taken = end
    return out
