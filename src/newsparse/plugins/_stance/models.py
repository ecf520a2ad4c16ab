"""Build ``Stance`` models and their spans without re-validating values known to be valid.

``Stance(...)`` runs pydantic validation and ``doc.span`` checks bounds for every
stance, although the engine's values are valid by construction: offsets come from
sentences, tokens and quotes of the text, scores are clamped to [-1, 1], the
polarity comes from a fixed set. These builders set the fields directly, as
``model_construct`` does, with the same ``model_fields_set`` as the validating
constructor. Anything not provably valid goes through validation, so errors stay
the same. Many stances of an article share an evidence sentence: its span is made
once (spans are frozen, so sharing one is safe).
"""

from __future__ import annotations

from typing import get_args

from newsparse import Span, Stance

__all__ = ["POLARITIES", "SpanMaker", "new_stance"]

#: The values of the ``Literal`` polarity type, read from the model itself.
POLARITIES: frozenset[str] = frozenset(get_args(Stance.model_fields["polarity"].annotation))

_SPAN_FIELDS = frozenset(("start", "end", "text"))
_STANCE_FIELDS = frozenset(("holder", "target", "polarity", "score", "evidence", "cue", "hedged"))
_new = object.__new__
_set = object.__setattr__


class SpanMaker:
    """``doc.span(start, end)`` for one text, each distinct range built once.

    Args:
        text: The document text.
    """

    __slots__ = ("_made", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._made: dict[tuple[int, int], Span] = {}

    def __call__(self, start: int, end: int) -> Span:
        """Return the span ``text[start:end]``.

        Raises:
            ValueError: If the range is not inside the text (as ``Article.span`` does).
        """
        key = (start, end)
        span = self._made.get(key)
        if span is None:
            text = self._text
            if not 0 <= start <= end <= len(text):
                raise ValueError(
                    f"span {start}:{end} is not inside the text ({len(text)} code points)"
                )
            span = _new(Span)
            _set(span, "__dict__", {"start": start, "end": end, "text": text[start:end]})
            _set(span, "__pydantic_fields_set__", set(_SPAN_FIELDS))
            _set(span, "__pydantic_extra__", None)
            _set(span, "__pydantic_private__", None)
            self._made[key] = span
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
        stance = _new(Stance)
        _set(
            stance,
            "__dict__",
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
        _set(stance, "__pydantic_fields_set__", set(_STANCE_FIELDS))
        _set(stance, "__pydantic_extra__", None)
        _set(stance, "__pydantic_private__", None)
        return stance
    return Stance(
        holder=holder,
        target=target,
        polarity=polarity,
        score=score,
        evidence=evidence,
        cue=cue,
        hedged=hedged,
    )
