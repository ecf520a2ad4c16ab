"""Models built without validation, from values the caller has already checked.

What ``BaseModel.model_construct`` does, without its generic overhead: the
slot descriptors' setters are called directly (``object.__setattr__`` looks
the name up again and builds two argument tuples on every call). Used where
the document model's promise is kept another way: ``Article.span`` checks the
bounds and slices the text itself, and the codec rebuilds articles that were
validated when made.
"""

from __future__ import annotations

from pydantic import BaseModel

from newsparse.spans import Span

__all__ = [
    "SPAN_FIELDS_SET",
    "new_model",
    "plain_span",
    "set_dict",
    "set_extra",
    "set_fields_set",
    "set_private",
]

new_model = object.__new__
set_dict = BaseModel.__dict__["__dict__"].__set__
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_private = BaseModel.__dict__["__pydantic_private__"].__set__
# Shared by every plain span: pydantic never changes a frozen model's fields set in place.
SPAN_FIELDS_SET = {"start", "end", "text"}


def plain_span(start: int, end: int, text: str) -> Span:
    """Return a ``Span`` over ``text[start:end]``; the caller has checked the bounds."""
    span = new_model(Span)
    set_dict(span, {"start": start, "end": end, "text": text[start:end]})
    set_fields_set(span, SPAN_FIELDS_SET)
    set_extra(span, None)
    set_private(span, None)
    return span
