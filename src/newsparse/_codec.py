"""A compact pickle form for articles, so worker processes can send them back cheaply.

pydantic pickles a model as a state dict per object and rebuilds it through
``__setstate__``; an article holds hundreds of models (spans, mentions, quotes),
and its span texts repeat the article text several times over. Here an article
becomes plain lists, built from its model fields:

* a plain :class:`~newsparse.Span` becomes ``(start, end)``, its text sliced
  from the article text again when rebuilt; a tuple of them (sentences,
  paragraphs, quote contents) becomes one flat list ``[start, end, start, ...]``;
* any other model becomes ``[class, fields_set or None, value, ...]`` with its
  values in field order (the text of a span subclass left out the same way),
  and a tuple of models a tuple of those;
* a model with private or extra attributes is left for pickle to handle as usual.

Rebuilding sets the fields directly, as ``model_construct`` does, without
validation: the article was validated where it was made (every span checked
against the text), and pickling copies it, field for field. Nothing is lost:
the rebuilt article equals the original, fields set included.

The parent process of :meth:`~newsparse.Pipeline.parse_many` rebuilds every
article the workers send, so rebuilding is what this module makes fast: one
function per model class, generated from its fields on first use (straight-line
code, no per-field loop), and rebuilt models of a frozen class with every field
set share one fields-set object (pydantic never changes the fields set of a
frozen model in place: ``model_copy`` copies it first).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

from pydantic import BaseModel

from newsparse._construct import SPAN_FIELDS_SET, plain_span
from newsparse._construct import new_model as _new
from newsparse._construct import set_dict as _set_dict
from newsparse._construct import set_extra as _set_extra
from newsparse._construct import set_fields_set as _set_fields_set
from newsparse._construct import set_private as _set_private
from newsparse.spans import Span

__all__ = ["from_state", "rebuild", "reduce_article"]

_RAW, _ONE, _MANY = 0, 1, 2
# From this many models of one class on, C-level maps rebuild them faster than a loop.
_MAP_FROM = 8
_SPAN_FIELDS = frozenset(("start", "end", "text"))


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


# -- taking apart (in the worker) ------------------------------------------------


def _names_slice(text: str, start: Any, end: Any, span_text: Any) -> bool:
    """Tell whether ``text[start:end] == span_text``, without slicing when it can."""
    if (
        type(start) is int
        and type(end) is int
        and start >= 0
        and type(span_text) is str
        and len(span_text) == end - start
    ):
        return text.startswith(span_text, start)
    return bool(text[start:end] == span_text)


def _encode_one(model: Any, text: str) -> Any:
    """Encode a field holding one model or None."""
    if model is None:
        return None
    if type(model) is Span:
        if len(model.__pydantic_fields_set__) == 3:
            fields = model.__dict__
            start = fields["start"]
            end = fields["end"]
            if _names_slice(text, start, end, fields["text"]):
                return (start, end)
        return model
    cls: type[BaseModel] = type(model)
    return _encoder(cls)(model, text)


def _encode_many(items: tuple[Any, ...], text: str) -> Any:
    """Encode a tuple of models.

    Plain spans become their offsets in one flat list; models of one other class,
    every field set, one flat tuple ``(class, values of the first, of the second,
    ...)``; anything else a tuple of each model's own form.
    """
    if not items:
        return ()
    cls = type(items[0])
    if cls is Span:
        flat: list[int] = []
        add = flat.append
        for item in items:
            if type(item) is not Span or len(item.__pydantic_fields_set__) != 3:
                break
            fields = item.__dict__
            start = fields["start"]
            end = fields["end"]
            span_text = fields["text"]
            # _names_slice, inlined: plain spans are the most numerous models.
            if (
                not (
                    type(start) is int
                    and type(end) is int
                    and start >= 0
                    and type(span_text) is str
                    and len(span_text) == end - start
                    and text.startswith(span_text, start)
                )
                and text[start:end] != span_text
            ):
                break
            add(start)
            add(end)
        else:
            return flat
    elif isinstance(cls, type) and issubclass(cls, BaseModel):
        rows = _rows_encoder(cls)(items, text)
        if rows is not None:
            return rows
    return tuple([_encode_one(item, text) for item in items])


# The value a span subclass's text encodes to, offsets in ``s``, ``e`` and text in
# ``t``: None when it is its slice (``_names_slice``, inlined).
_TEXT_CHECK = (
    "None if (type(s) is int and type(e) is int and s >= 0 and type(t) is str "
    "and len(t) == e - s and text.startswith(t, s)) or text[s:e] == t else t"
)


def _value_sources(plan: _Plan) -> list[str]:
    """Return the source expression of each of ``plan``'s field values.

    They read ``d`` (the model's ``__dict__``) and, for a span subclass, ``s``,
    ``e`` and ``t`` (its offsets and text), as the generated encoders bind them.
    """
    values = []
    for i, name in enumerate(plan.names):
        if i == plan.text_at:
            values.append(_TEXT_CHECK)
        elif name in ("start", "end") and plan.text_at is not None:
            values.append("s" if name == "start" else "e")
        elif i in plan.ones:
            values.append(f"_encode_one(d[{name!r}], text)")
        elif i in plan.manys:
            values.append(f"_encode_many(d[{name!r}], text)")
        else:
            values.append(f"d[{name!r}]")
    return values


@cache
def _rows_encoder(cls: type[BaseModel]) -> Callable[[tuple[Any, ...], str], Any]:
    """Generate the function that encodes a tuple of ``cls`` as ``(cls, values, ...)``.

    It returns None, for the caller to encode model by model, unless every item
    is exactly a ``cls`` with every field set, only its fields in ``__dict__``
    and no private or extra attributes (what :func:`_rows_builder` rebuilds).
    """
    plan = _plan(cls)
    lines = []
    values = _value_sources(plan)
    if plan.text_at is not None:
        lines.append("        s = d['start']; e = d['end']; t = d['text']\n")
    source = (
        "def encode_rows(items, text):\n"
        "    rows = [cls]\n"
        "    add = rows.extend\n"
        "    for model in items:\n"
        "        if (type(model) is not cls or model.__pydantic_private__\n"
        "                or model.__pydantic_extra__ or model.__pydantic_fields_set__ != _FULL):\n"
        "            return None\n"
        "        d = model.__dict__\n"
        f"        if len(d) != {len(plan.names)}:\n"
        "            return None\n"
        "        try:\n"
        + "".join("    " + line for line in lines)
        + f"            add(({', '.join(values)},))\n"
        "        except KeyError:  # not exactly the fields\n"
        "            return None\n"
        "    return tuple(rows)\n"
    )
    namespace: dict[str, Any] = {
        "cls": cls,
        "_FULL": plan.full,
        "_encode_one": _encode_one,
        "_encode_many": _encode_many,
    }
    exec(compile(source, f"<newsparse._codec: encode rows {cls.__qualname__}>", "exec"), namespace)
    encode: Callable[[tuple[Any, ...], str], Any] = namespace["encode_rows"]
    return encode


def encode_model(model: BaseModel, text: str) -> Any:
    """Return the compact form of ``model``, whose spans index into ``text``."""
    return _encode_one(model, text)


@cache
def _encoder(cls: type[BaseModel]) -> Callable[[Any, str], Any]:
    """Generate the function that encodes a ``cls`` as ``[cls, fields_set, *values]``.

    The model itself is returned (pickled the usual way) when it has private or
    extra attributes, or its ``__dict__`` is not exactly its fields.
    """
    plan = _plan(cls)
    values = _value_sources(plan)
    source = (
        "def encode(model, text):\n"
        "    if model.__pydantic_private__ or model.__pydantic_extra__:\n"
        "        return model\n"
        "    d = model.__dict__\n"
        f"    if len(d) != {len(plan.names)}:\n"
        "        return model\n"
        "    fields_set = model.__pydantic_fields_set__\n"
        "    try:\n"
        + (
            "        s = d['start']; e = d['end']; t = d['text']\n"
            if plan.text_at is not None
            else ""
        )
        + "        fields_set = None if fields_set == _FULL else tuple(fields_set)\n"
        f"        return [cls, fields_set, {', '.join(values)}]\n"
        "    except KeyError:  # not exactly the fields\n"
        "        return model\n"
    )
    namespace: dict[str, Any] = {
        "cls": cls,
        "_FULL": plan.full,
        "_encode_one": _encode_one,
        "_encode_many": _encode_many,
    }
    exec(compile(source, f"<newsparse._codec: encode {cls.__qualname__}>", "exec"), namespace)
    encode: Callable[[Any, str], Any] = namespace["encode"]
    return encode


# -- putting back together (in the parent) -------------------------------------


def _one(data: Any, text: str) -> Any:
    """Rebuild a field holding one model or None."""
    kind = type(data)
    if kind is tuple:
        return plain_span(data[0], data[1], text)
    if kind is list:
        return _builder(data[0])(data, text)
    return data  # None, or a model pickled the usual way


def _finish(
    cls: type[BaseModel], dicts: list[dict[str, Any]], fields_set: set[str]
) -> tuple[Any, ...]:
    """Make one ``cls`` per field dict, all sharing ``fields_set`` (a frozen class's)."""
    n = len(dicts)
    if n < _MAP_FROM:
        models: list[Any] = []
        add = models.append
        for fields in dicts:
            model = _new(cls)
            _set_dict(model, fields)
            _set_fields_set(model, fields_set)
            _set_extra(model, None)
            _set_private(model, None)
            add(model)
        return tuple(models)
    # Many models: each step one C-level map over all of them (``any`` runs the
    # setters, which return None, to the end), without the interpreter's work per model.
    models = list(map(_new, repeat(cls, n)))
    any(map(_set_dict, models, dicts))
    any(map(_set_fields_set, models, repeat(fields_set)))
    any(map(_set_extra, models, repeat(None)))
    any(map(_set_private, models, repeat(None)))
    return tuple(models)


def _many(data: Any, text: str) -> tuple[Any, ...]:
    """Rebuild a field holding a tuple of models."""
    if type(data) is list:  # plain spans' offsets: the most numerous models
        pairs = iter(data)
        dicts = [
            {"start": start, "end": end, "text": text[start:end]}
            for start, end in zip(pairs, pairs, strict=True)
        ]
        return _finish(Span, dicts, SPAN_FIELDS_SET)
    if data and type(data[0]) is not tuple and isinstance(data[0], type):
        return _rows_builder(data[0])(data, text)
    return tuple([_one(item, text) for item in data])


def decode_model(data: Any, text: str) -> Any:
    """Rebuild a model from :func:`encode_model`'s form (a model is returned as is)."""
    return _one(data, text)


@cache
def _builder(cls: type[BaseModel]) -> Callable[[list[Any], str], Any]:
    """Generate the function that rebuilds a ``cls`` from ``[cls, fields_set, *values]``.

    Straight-line code with the field names as constants: a loop over a plan
    per model costs several times more, and the parent rebuilds ~300 models
    per article.
    """
    plan = _plan(cls)
    items = []
    for i, name in enumerate(plan.names):
        if i == plan.text_at:
            value = "text[d[{s}]:d[{e}]] if d[{i}] is None else d[{i}]".format(
                s=plan.names.index("start") + 2, e=plan.names.index("end") + 2, i=i + 2
            )
        elif i in plan.ones:
            value = f"_one(d[{i + 2}], text)"
        elif i in plan.manys:
            value = f"_many(d[{i + 2}], text)"
        else:
            value = f"d[{i + 2}]"
        items.append(f"{name!r}: {value}")
    frozen = bool(cls.model_config.get("frozen"))
    # A mutable model may have its fields set changed in place: give it its own copy.
    full = "_FULL" if frozen else "set(_FULL)"
    source = (
        "def build(d, text):\n"
        "    model = _new(cls)\n"
        f"    _set_dict(model, {{{', '.join(items)}}})\n"
        f"    _set_fields_set(model, {full} if d[1] is None else set(d[1]))\n"
        "    _set_extra(model, None)\n"
        "    _set_private(model, None)\n"
        "    return model\n"
    )
    namespace: dict[str, Any] = {
        "cls": cls,
        "_FULL": set(plan.full),
        "_new": _new,
        "_set_dict": _set_dict,
        "_set_fields_set": _set_fields_set,
        "_set_extra": _set_extra,
        "_set_private": _set_private,
        "_one": _one,
        "_many": _many,
    }
    exec(compile(source, f"<newsparse._codec: rebuild {cls.__qualname__}>", "exec"), namespace)
    build: Callable[[list[Any], str], Any] = namespace["build"]
    return build


@cache
def _rows_builder(cls: type[BaseModel]) -> Callable[[tuple[Any, ...], str], tuple[Any, ...]]:
    """Generate the function that rebuilds ``(cls, values, values, ...)`` as a tuple of ``cls``.

    Only :func:`_encode_many` makes that form, for models with every field set.
    """
    plan = _plan(cls)
    names = [f"v{i}" for i in range(len(plan.names))]
    items = []
    for i, name in enumerate(plan.names):
        if i == plan.text_at:
            start = names[plan.names.index("start")]
            end = names[plan.names.index("end")]
            value = f"text[{start}:{end}] if {names[i]} is None else {names[i]}"
        elif i in plan.ones:
            value = f"_one({names[i]}, text)"
        elif i in plan.manys:
            value = f"_many({names[i]}, text)"
        else:
            value = names[i]
        items.append(f"{name!r}: {value}")
    frozen = bool(cls.model_config.get("frozen"))
    row = ", ".join(names) + ("," if len(names) == 1 else "")
    if frozen:
        finish = "    return _finish(cls, dicts, _FULL)\n"
    else:  # a mutable model may have its fields set changed in place: one copy each
        finish = "    return tuple([_build_one(d, set(_FULL)) for d in dicts])\n"
    source = (
        "def build_rows(data, text):\n"
        "    values = iter(data)\n"
        "    next(values)\n"
        f"    dicts = [{{{', '.join(items)}}} for {row} in zip(*[values] * {len(names)})]\n"
        + finish
    )
    namespace: dict[str, Any] = {
        "cls": cls,
        "_FULL": set(plan.full),
        "_finish": _finish,
        "_build_one": lambda d, fields_set: _finish(cls, [d], fields_set)[0],
        "_one": _one,
        "_many": _many,
    }
    exec(compile(source, f"<newsparse._codec: rebuild rows {cls.__qualname__}>", "exec"), namespace)
    build: Callable[[tuple[Any, ...], str], tuple[Any, ...]] = namespace["build_rows"]
    return build


def reduce_article(article: BaseModel, text: str) -> tuple[Any, ...]:
    """Return ``__reduce__``'s value for an article with this text."""
    data = _encoder(type(article))(article, text)
    if not isinstance(data, list):  # private or extra attributes: pydantic's own state
        return (from_state, (type(article), article.__getstate__()))
    return (rebuild, (data, text))


def rebuild(data: list[Any], text: str) -> Any:
    """Unpickle an article from :func:`reduce_article`'s form."""
    return _builder(data[0])(data, text)


def from_state(cls: type[BaseModel], state: dict[str, Any]) -> Any:
    """Unpickle a model from pydantic's ``__getstate__`` form."""
    model = cls.__new__(cls)
    model.__setstate__(state)
    return model
