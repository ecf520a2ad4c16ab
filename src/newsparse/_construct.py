"""Models built without validation, from values the caller has already checked.

What ``BaseModel.model_construct`` does, without its generic overhead: the
slot descriptors' setters are called directly (``object.__setattr__`` looks
the name up again and builds two argument tuples on every call). Used where
the document model's promise is kept another way: ``Article.span`` checks the
bounds and slices the text itself, the codec rebuilds articles that were
validated when made, and extractors build the models of their layers with
:func:`construct` (public as ``newsparse.construct``), whose spans
``Article.with_layers`` still checks against the text.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from newsparse.spans import Span

__all__ = [
    "SPAN_FIELDS_SET",
    "construct",
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

ModelT = TypeVar("ModelT", bound=BaseModel)


def construct(
    cls: type[ModelT], values: dict[str, Any], fields_set: set[str] | None = None
) -> ModelT:
    """Return a ``cls`` model holding ``values``, without validating them.

    For models an extractor builds by the hundred from values it knows valid
    (right types, known literals, spans made by ``Article.span``): validation
    would cost more than the rule that found them. ``values`` must give every
    field, in the model's field order, as validation would have made them.
    ``Article.with_layers`` still checks every span of a layer against the
    text, so a wrong offset is caught at the boundary.

    Args:
        cls: The model class (``Mention``, ``Quote``, ...).
        values: Every field's value.
        fields_set: The model's ``model_fields_set``; a new set of the keys of
            ``values`` by default. A given set is used as is: share one only
            between models of a frozen class.
    """
    model = new_model(cls)
    set_dict(model, values)
    set_fields_set(model, set(values) if fields_set is None else fields_set)
    set_extra(model, None)
    set_private(model, None)
    return model


def plain_span(start: int, end: int, text: str) -> Span:
    """Return a ``Span`` over ``text[start:end]``; the caller has checked the bounds."""
    span = new_model(Span)
    set_dict(span, {"start": start, "end": end, "text": text[start:end]})
    set_fields_set(span, SPAN_FIELDS_SET)
    set_extra(span, None)
    set_private(span, None)
    return span
