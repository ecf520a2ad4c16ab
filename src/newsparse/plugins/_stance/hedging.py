"""Hedging cues: modal and evidential words that soften a claim."""

from __future__ import annotations

import bisect
from functools import cache

import regex

from newsparse.plugins._stance.lexicon import HEDGE_PHRASES, HEDGES

__all__ = ["HedgeScan", "hedge_cues"]

# Non-ASCII characters that the case-insensitive cue pattern matches to an ASCII
# letter (dotted I, long s, Kelvin sign; a test checks every code point). Texts
# holding one are scanned sentence by sentence without the lowercase prefilter.
_FOLDS_TO_ASCII = ("\u0130", "\u017f", "\u212a")


@cache
def _hedge_re() -> regex.Pattern[str]:
    # Longest cues first so "is believed to" wins over nothing and phrases are
    # reported once; whitespace inside a phrase may be any run of spaces.
    cues = sorted(
        [r"\s+".join(map(regex.escape, p)) for p in HEDGE_PHRASES]
        + [regex.escape(w) for w in HEDGES],
        key=len,
        reverse=True,
    )
    return regex.compile(r"\b(?:" + "|".join(cues) + r")\b", regex.IGNORECASE)


@cache
def _keys() -> tuple[tuple[str, regex.Pattern[str] | None], ...]:
    # Every cue holds one of these lowercase strings: a single-word cue itself
    # (or a shorter cue inside it: "seem" for "seems"), a phrase its longest word
    # followed by the rest of the phrase ("said" then "to" for "is said to").
    words = sorted(HEDGES, key=len)
    keys: list[tuple[str, regex.Pattern[str] | None]] = []
    for word in words:
        if not any(key in word for key, _ in keys):
            keys.append((word, None))
    tails: dict[str, set[str]] = {}
    for phrase in HEDGE_PHRASES:
        i = max(range(len(phrase)), key=lambda k: len(phrase[k]))
        tails.setdefault(phrase[i], set()).add(
            "".join(r"\s+" + regex.escape(w) for w in phrase[i + 1 :])
        )
    for word, rests in sorted(tails.items()):
        if any(key in word for key, tail in keys if tail is None):
            continue
        # A phrase ending at its longest word needs no tail ("is expected").
        tail = None if "" in rests else regex.compile("|".join(sorted(rests)))
        keys.append((word, tail))
    return tuple(keys)


def hedge_cues(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Return the hedging cues in ``text[start:end]``.

    Single words (``may``, ``suggests``, ``reportedly``) and phrases
    (``is believed to``) count; a phrase is reported once, not word by word.

    Returns:
        ``(start, end, cue)`` with offsets into ``text`` and the cue
        lowercased with single spaces.
    """
    found = _hedge_re().finditer(text, start, len(text) if end is None else end)
    return [
        (m.start(), m.end(), " ".join(m.group().lower().split()))
        for m in found
        # Capitalised "May" inside a sentence is the month or a name (Theresa May).
        if not (m.group() == "May" and text[start : m.start()].strip())
    ]


class HedgeScan:
    """The hedging cues of many ranges of one text (same result as :func:`hedge_cues`).

    Most sentences hold no cue. The text is lowercased once and searched for
    strings every cue contains (``str.find``, fast); a range with none of them
    has no cue, and only the others are scanned by the cue pattern.

    Args:
        text: The text the ranges point into.
    """

    __slots__ = ("_marks", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        low = text.lower()
        self._marks: list[int] | None = None
        # Offsets agree only when lowercasing keeps every character one character;
        # a character that folds to an ASCII letter would hide a cue from find().
        if len(low) != len(text) or (
            not text.isascii() and any(map(text.__contains__, _FOLDS_TO_ASCII))
        ):
            return
        marks: list[int] = []
        find = low.find
        for key, tail in _keys():
            i = find(key)
            while i >= 0:
                if tail is None or tail.match(low, i + len(key)):
                    marks.append(i)
                i = find(key, i + 1)
        marks.sort()
        self._marks = marks

    def cues(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Return :func:`hedge_cues` of ``text[start:end]``."""
        marks = self._marks
        if marks is not None:
            i = bisect.bisect_left(marks, start)
            if i == len(marks) or marks[i] >= end:
                return []
        return hedge_cues(self._text, start, end)
