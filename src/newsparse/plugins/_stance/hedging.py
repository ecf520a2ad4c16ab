"""Hedging cues: modal and evidential words that soften a claim."""

from __future__ import annotations

from functools import cache

import regex

from newsparse.plugins._stance.lexicon import HEDGE_PHRASES, HEDGES

__all__ = ["hedge_cues"]


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
