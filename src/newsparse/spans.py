"""Spans: half-open ranges of the article text, counted in code points."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Span", "check_span"]


class Span(BaseModel):
    """A half-open range ``text[start:end]`` of the article, in code points.

    Build spans with :meth:`newsparse.Article.span` so that ``text`` always
    equals the slice it names; the article validator checks it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    start: int = Field(ge=0, description="Offset of the first code point.")
    end: int = Field(ge=0, description="Offset one past the last code point.")
    text: str = Field(description="Exactly ``article.text[start:end]``.")

    @model_validator(mode="after")
    def _check_range(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"text has {len(self.text)} code points but the span "
                f"{self.start}:{self.end} covers {self.end - self.start}"
            )
        return self


def check_span(span: Span, text: str, where: str) -> None:
    """Raise ``ValueError`` unless ``span`` names its own slice of ``text``.

    Args:
        span: The span to check.
        text: The article text it indexes into.
        where: Where the span sits, for the message (``"quotes[2].cue"``).
    """
    if not 0 <= span.start <= span.end:
        raise ValueError(f"{where}: span {span.start}:{span.end} is not a range of the text")
    if span.end > len(text):
        raise ValueError(
            f"{where}: span {span.start}:{span.end} ends past the text ({len(text)} code points)"
        )
    if text[span.start : span.end] != span.text:
        raise ValueError(
            f"{where}: span text {span.text!r} differs from the article's "
            f"{text[span.start : span.end]!r} at {span.start}:{span.end}"
        )
