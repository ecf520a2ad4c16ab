"""A lexicon of name strings and their usual type, matched as tagger features.

Learned from the CoNLL-2003 train split (lower-cased name strings with the type they
carried most often; no sentences). During training each part of the data sees a lexicon
built from the other parts only, so the tagger learns how far to trust it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Lexicon"]

MAX_WORDS = 6


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased token tuples mapped to a type (``PER``, ``LOC``, ``ORG``, ``MISC``)."""

    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    longest: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[tuple[str, ...], str]]) -> Lexicon:
        """Make a lexicon from ``(lower-cased tokens, type)`` pairs."""
        phrases: dict[tuple[str, ...], str] = {}
        longest: dict[str, int] = {}
        for key, typ in entries:
            if 0 < len(key) <= MAX_WORDS:
                phrases[key] = typ
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
        return cls(phrases, longest)

    def labels(self, lowers: Sequence[str], starts: Sequence[int]) -> list[str]:
        """Return ``B-<type>``/``I-<type>``/``-`` per token for the longest matches.

        Args:
            lowers: The lower-cased tokens of a sentence.
            starts: Increasing indices where a match may begin.
        """
        out = ["-"] * len(lowers)
        n = len(lowers)
        taken = 0
        phrases, longest = self.phrases, self.longest
        for i in starts:
            if i < taken:
                continue
            top = longest.get(lowers[i])
            if top is None:
                continue
            for size in range(min(top, n - i), 0, -1):
                typ = phrases.get(tuple(lowers[i : i + size]))
                if typ is not None:
                    out[i] = "B-" + typ
                    for j in range(i + 1, i + size):
                        out[j] = "I-" + typ
                    taken = i + size
                    break
        return out
