"""Hedging cues: modal and evidential words that soften a claim."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cache

import regex

from newsparse.plugins._stance.lexicon import HEDGE_PHRASES, HEDGES

__all__ = ["hedge_cues", "sentence_hedge_cues"]

_WORD_CHAR_RE = regex.compile(r"\w")


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


def sentence_hedge_cues(
    text: str, sentences: Sequence[tuple[int, int]]
) -> list[list[tuple[int, int, str]]]:
    """Return :func:`hedge_cues` for each sentence, scanning ``text`` once.

    The result is exactly ``[hedge_cues(text, s, e) for s, e in sentences]``.
    One scan of the whole text gives the same matches as one scan per
    sentence wherever the sentence's edges do not sit inside a word (so
    a word boundary reads the same at the edge) and no match crosses an edge; the
    other sentences are scanned on their own.

    Args:
        text: Any string.
        sentences: Ranges into ``text``.

    Returns:
        One list of ``(start, end, cue)`` per sentence, in order.
    """
    n = len(sentences)
    size = len(text)
    ordered = all(0 <= s <= e <= size for s, e in sentences) and all(
        sentences[i][1] <= sentences[i + 1][0] for i in range(n - 1)
    )
    if not ordered:
        return [hedge_cues(text, s, e) for s, e in sentences]
    word = _WORD_CHAR_RE.match
    # A sentence edge inside a word would read as a word boundary in a scan of the
    # sentence alone but not in the whole text.
    redo = [
        bool((s > 0 and word(text, s - 1)) or (e < size and word(text, e))) for s, e in sentences
    ]
    out: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
    starts = [s for s, _ in sentences]
    for m in _hedge_re().finditer(text):
        ms, me = m.span()
        i = bisect.bisect_right(starts, ms) - 1
        if i >= 0 and me <= sentences[i][1]:
            found = m.group()
            # Capitalised "May" inside a sentence is the month or a name (Theresa May).
            if not (found == "May" and text[sentences[i][0] : ms].strip()):
                out[i].append((ms, me, " ".join(found.lower().split())))
            continue
        # A match across a sentence edge: every sentence it touches is scanned alone.
        j = i if i >= 0 and sentences[i][1] > ms else i + 1
        while j < n and sentences[j][0] < me:
            redo[j] = True
            j += 1
    for i, again in enumerate(redo):
        if again:
            out[i] = hedge_cues(text, *sentences[i])
    return out
