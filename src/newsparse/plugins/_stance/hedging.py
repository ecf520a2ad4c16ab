"""Hedging cues: modal and evidential words that soften a claim."""

from __future__ import annotations

from newsparse.plugins._stance.lexicon import HEDGE_PHRASES, HEDGES
from newsparse.plugins._stance.tokens import Token

__all__ = ["hedge_cues"]

_FIRST_WORDS = frozenset(phrase[0] for phrase in HEDGE_PHRASES)


def hedge_cues(tokens: list[Token]) -> list[tuple[int, int]]:
    """Return the token ranges ``[i, j)`` of hedging cues among ``tokens``.

    Single words (``may``, ``suggests``, ``reportedly``) and phrases
    (``is believed to``) count; a phrase is reported once, not word by word.
    """
    cues: list[tuple[int, int]] = []
    k = 0
    n = len(tokens)
    while k < n:
        low = tokens[k].low
        if low in _FIRST_WORDS:
            for phrase in HEDGE_PHRASES:
                end = k + len(phrase)
                if end <= n and all(tokens[k + i].low == word for i, word in enumerate(phrase)):
                    cues.append((k, end))
                    k = end
                    break
            else:
                if low in HEDGES:
                    cues.append((k, k + 1))
                k += 1
            continue
        if low in HEDGES:
            cues.append((k, k + 1))
        k += 1
    return cues
