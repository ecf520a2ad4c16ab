"""Build ``Stance`` models without re-validating values known to be valid, and share spans.

``Stance(...)`` runs pydantic validation for every stance, although the engine's
values are valid by construction: scores are clamped to [-1, 1], the polarity
comes from a fixed set, the spans come from ``doc.span``. :func:`new_stance` sets
the fields directly, as ``model_construct`` does, with the same
``model_fields_set`` as the validating constructor; anything not provably valid
goes through validation, so errors stay the same. Many stances of an article share
an evidence sentence: :class:`SpanMaker` makes its span once (spans are frozen, so
sharing one is safe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from newsparse import Span, Stance, construct

__all__ = ["POLARITIES", "SpanMaker", "new_stance"]

#: The values of the ``Literal`` polarity type, read from the model itself.
POLARITIES: frozenset[str] = frozenset(get_args(Stance.model_fields["polarity"].annotation))


class SpanMaker:
    """``doc.span(start, end)`` for one article, each distinct range built once.

    Args:
        make_span: The article's :meth:`~newsparse.Article.span` (it checks the
            range and builds the span without validation).
    """

    __slots__ = ("_made", "_make_span")

    def __init__(self, make_span: Callable[[int, int], Span]) -> None:
        self._make_span = make_span
        self._made: dict[tuple[int, int], Span] = {}

    def __call__(self, start: int, end: int) -> Span:
        """Return the span ``text[start:end]``.

        Raises:
            ValueError: If the range is not inside the text (as ``Article.span`` does).
        """
        key = (start, end)
        span = self._made.get(key)
        if span is None:
            span = self._made[key] = self._make_span(start, end)
        return span


def new_stance(
    holder: str | None,
    target: str,
    polarity: str,
    score: float,
    evidence: Span,
    cue: Span | None,
    hedged: bool,
) -> Stance:
    """Return ``Stance(holder=..., ..., hedged=...)``, validated only when needed.

    Values of the types and ranges the engine produces (``str`` ids, a known
    polarity, a ``float`` score in [-1, 1], ``bool`` hedging) are set directly;
    anything else goes through pydantic, which raises as the constructor would.
    """
    if (
        type(score) is float
        and -1.0 <= score <= 1.0
        and polarity in POLARITIES
        and type(target) is str
        and (holder is None or type(holder) is str)
        and type(hedged) is bool
    ):
        return construct(
            Stance,
            {
                "holder": holder,
                "target": target,
                "polarity": polarity,
                "score": score,
                "evidence": evidence,
                "cue": cue,
                "hedged": hedged,
            },
        )
    return Stance(
        holder=holder,
        target=target,
        polarity=polarity,
        score=score,
        evidence=evidence,
        cue=cue,
        hedged=hedged,
    )
