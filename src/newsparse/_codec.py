"""A compact pickle form for articles, so worker processes can send them back cheaply.

pydantic pickles a model as a state dict per object and rebuilds it through
``__setstate__``; an article holds hundreds of models (spans, mentions, quotes),
and its span texts repeat the article text several times over. Here an article
becomes plain tuples and lists, built from its model fields:

* a plain :class:`~newsparse.Span` becomes ``(start, end)``, its text sliced
  from the article text again when rebuilt;
* any other model becomes ``[class, fields_set or None, value, ...]`` with its
  values in field order (the text of a span subclass left out the same way);
* a model with private or extra attributes is left for pickle to handle as usual.

Rebuilding sets the fields directly, as ``model_construct`` does, without
validation: the article was validated where it was made (every span checked
against the text), and pickling copies it, field for field. Nothing is lost:
the rebuilt article equals the original, fields set included.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple

from pydantic import BaseModel

from newsparse.spans import Span

__all__ = ["from_state", "rebuild", "reduce_article"]

_RAW, _ONE, _MANY = 0, 1, 2
_new = object.__new__
_set = object.__setattr__


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _kind(annotation: Any) -> int:
    """How a field holds models: not at all, one (or None), or a tuple of them."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if _is_model(annotation):
        return _ONE
    if origin in (typing.Union, types.UnionType) and any(_is_model(a) for a in args):
        return _ONE
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and _is_model(args[0]):
        return _MANY
    return _RAW


class _Plan(NamedTuple):
    """How to take one model class apart and put it back together."""

    names: tuple[str, ...]
    values: Callable[[dict[str, Any]], tuple[Any, ...]]
    ones: tuple[int, ...]  # positions of fields holding a model or None
    manys: tuple[int, ...]  # positions of fields holding a tuple of models
    full: frozenset[str]
    text_at: int | None  # position of a span's text, sliced again from the article


@cache
def _plan(cls: type[BaseModel]) -> _Plan:
    names = tuple(cls.model_fields)
    kinds = [_kind(f.annotation) for f in cls.model_fields.values()]
    getter = itemgetter(*names)
    values = getter if len(names) > 1 else lambda d: (getter(d),)
    return _Plan(
        names=names,
        values=values,
        ones=tuple(i for i, k in enumerate(kinds) if k == _ONE),
        manys=tuple(i for i, k in enumerate(kinds) if k == _MANY),
        full=frozenset(names),
        text_at=names.index("text") if issubclass(cls, Span) else None,
    )


def encode_model(model: BaseModel, text: str) -> Any:
    """Return the compact form of ``model``, whose spans index into ``text``."""
    cls = type(model)
    fields = model.__dict__
    fields_set = model.__pydantic_fields_set__
    if cls is Span:
        start, end = fields["start"], fields["end"]
        if len(fields_set) == 3 and text[start:end] == fields["text"]:
            return (start, end)
        return model
    if model.__pydantic_private__ or model.__pydantic_extra__:
        return model  # pickled the usual way
    plan = _plan(cls)
    if fields.keys() != plan.full:
        return model
    out = [cls, None if fields_set == plan.full else tuple(fields_set), *plan.values(fields)]
    for i in plan.ones:
        value = out[i + 2]
        if value is not None:
            out[i + 2] = encode_model(value, text)
    for i in plan.manys:
        out[i + 2] = [encode_model(item, text) for item in out[i + 2]]
    at = plan.text_at
    if at is not None and text[fields["start"] : fields["end"]] == fields["text"]:
        out[at + 2] = None
    return out


def decode_model(data: Any, text: str) -> Any:
    """Rebuild a model from :func:`encode_model`'s form (a model is returned as is)."""
    kind = type(data)
    if kind is tuple:
        start, end = data
        span = _new(Span)
        _set(span, "__dict__", {"start": start, "end": end, "text": text[start:end]})
        _set(span, "__pydantic_fields_set__", {"start", "end", "text"})
        _set(span, "__pydantic_extra__", None)
        _set(span, "__pydantic_private__", None)
        return span
    if kind is not list:
        return data
    cls = data[0]
    plan = _plan(cls)
    values = data[2:]
    for i in plan.ones:
        value = values[i]
        if value is not None:
            values[i] = decode_model(value, text)
    for i in plan.manys:
        values[i] = tuple([decode_model(item, text) for item in values[i]])
    fields = dict(zip(plan.names, values, strict=True))
    if plan.text_at is not None and values[plan.text_at] is None:
        fields["text"] = text[fields["start"] : fields["end"]]
    model = _new(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(plan.full if data[1] is None else data[1]))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def reduce_article(article: BaseModel, text: str) -> tuple[Any, ...]:
    """Return ``__reduce__``'s value for an article with this text."""
    data = encode_model(article, text)
    if not isinstance(data, list):  # private or extra attributes: pydantic's own state
        return (from_state, (type(article), article.__getstate__()))
    return (rebuild, (data, text))


def rebuild(data: list[Any], text: str) -> Any:
    """Unpickle an article from :func:`reduce_article`'s form."""
    return decode_model(data, text)


def from_state(cls: type[BaseModel], state: dict[str, Any]) -> Any:
    """Unpickle a model from pydantic's ``__getstate__`` form."""
    model = cls.__new__(cls)
    model.__setstate__(state)
    return model
