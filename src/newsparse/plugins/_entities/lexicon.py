"""A lexicon of name strings and their usual type, matched as tagger features.

Learned from the CoNLL-2003 train split (lower-cased name strings with the type they
carried most often; no sentences). During training each part of the data sees a lexicon
built from the other parts only, so the tagger learns how far to trust it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsparse.plugins._entities.phrases import Trie, build_trie, longest_matches

__all__ = ["Lexicon"]

MAX_WORDS = 6


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased token tuples mapped to a type (``PER``, ``LOC``, ``ORG``, ``MISC``)."""

    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    #: The same phrases as a trie, for matching (see :mod:`.phrases`).
    trie: Trie = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[tuple[str, ...], str]]) -> Lexicon:
        """Make a lexicon from ``(lower-cased tokens, type)`` pairs."""
        phrases: dict[tuple[str, ...], str] = {}
        for key, typ in entries:
            if 0 < len(key) <= MAX_WORDS:
                phrases[key] = typ
        return cls(phrases, build_trie(phrases.items(), MAX_WORDS))

    def labels(self, lowers: Sequence[str], starts: Sequence[int]) -> list[str]:
        """Return ``B-<type>``/``I-<type>``/``-`` per token for the longest matches.

        Args:
            lowers: The lower-cased tokens of a sentence.
            starts: Increasing indices where a match may begin.
        """
        out = ["-"] * len(lowers)
        for first, end, typ in longest_matches(lowers, starts, self.trie):
            out[first] = "B-" + typ
            for j in range(first + 1, end):
                out[j] = "I-" + typ
        return out
