"""Target-dependent polarity: how a text speaks of one mention it contains.

:func:`polarity_toward` is what NewsMTSC measures; the ``stance`` extractor
uses the same model for quotes and for the article's own voice.

Example:
    >>> result = polarity_toward("Critics condemned Smith for the failure.", 18, 23)
    >>> result.label in ("negative", "neutral", "positive")
    True
"""

from __future__ import annotations

import operator

from newsparse.plugins._stance.model import TargetPolarity, polarity_of

__all__ = ["TargetPolarity", "label_toward", "polarity_toward"]


def polarity_toward(text: str, start: int, end: int) -> TargetPolarity:
    """Return the polarity of ``text`` toward the mention ``text[start:end]``.

    Args:
        text: Usually one sentence; longer texts work but dilute the signal.
        start: Offset of the target mention's first character.
        end: Offset one past its last character.

    Returns:
        ``.label`` (``positive``, ``negative`` or ``neutral``), ``.score`` in
        [-1, 1] (P(positive) - P(negative)) and ``.probabilities``.

    Raises:
        TypeError: If ``text`` is not a ``str`` or an offset is not an integer
            (a ``float`` or a ``bool``).
        ValueError: If ``0 <= start <= end <= len(text)`` does not hold.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if isinstance(start, bool) or isinstance(end, bool):
        raise TypeError("start and end must be int offsets, not bool")
    # Integers of other types (numpy's) are welcome; a float is refused, not rounded.
    start, end = operator.index(start), operator.index(end)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"target {start}:{end} is not inside the text ({len(text)} code points)")
    return polarity_of(text, start, end)


def label_toward(text: str, start: int, end: int) -> str:
    """Return only the label of :func:`polarity_toward` (for scorers that want a string)."""
    return polarity_toward(text, start, end).label
