"""The Article: the exact text of a news story plus the layers extractors add."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from itertools import chain
from operator import methodcaller
from typing import Any, ClassVar, Self, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter, model_validator

from newsparse._construct import construct, plain_span
from newsparse._construct import new_model as _new
from newsparse._construct import set_dict as _set_dict
from newsparse._construct import set_extra as _set_extra
from newsparse._construct import set_fields_set as _set_fields_set
from newsparse._construct import set_private as _set_private
from newsparse.annotations import (
    Entity,
    ExtractorFailure,
    PluginRun,
    Quote,
    Section,
    Stance,
)
from newsparse.spans import Span, check_span

__all__ = ["LAYER_FIELDS", "Article", "ArticleMeta", "is_layer_key"]

SpanT = TypeVar("SpanT", bound=Span)
ModelT = TypeVar("ModelT", bound=BaseModel)

#: Article fields that extractors may provide, besides ``extensions.<name>``.
LAYER_FIELDS: tuple[str, ...] = (
    "title",
    "byline",
    "dateline",
    "published",
    "sections",
    "paragraphs",
    "sentences",
    "entities",
    "quotes",
    "stances",
)


def is_layer_key(key: str) -> bool:
    """Tell whether ``key`` names a layer: an article field or ``extensions.<name>``."""
    if key in LAYER_FIELDS:
        return True
    prefix, _, name = key.partition(".")
    return prefix == "extensions" and bool(name) and "." not in name


class ArticleMeta(BaseModel):
    """Where the article came from and what happened while parsing it."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    source: str | None = Field(default=None, description="Path or URL read.")
    format: str = Field(default="text", description="Input format detected or given.")
    reader: str = Field(default="text", description="Reader that built the text.")
    title_hint: str | None = Field(
        default=None, description="Title given by the input's metadata (HTML, JSON)."
    )
    url: str | None = Field(default=None, description="URL given by the input.")
    errors: tuple[ExtractorFailure, ...] = Field(
        default=(), description="Extractor failures recorded under errors='record'."
    )
    extra: dict[str, JsonValue] = Field(
        default_factory=dict, description="Reader-specific notes (JSON values)."
    )


class Article(BaseModel):
    """A news article and every layer extracted from it.

    ``text`` is the exact input for plain text, so every span indexes into the
    caller's own string. All spans are checked against ``text`` on validation.

    Example:
        >>> doc = Article.from_text("Kim spoke.")
        >>> doc.span(0, 3).text
        'Kim'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(description="Document identifier (file stem, record id, ...).")
    text: str = Field(description="The article text all spans index into.")
    title: Span | None = Field(default=None, description="The headline.")
    byline: Span | None = Field(default=None, description="'By ...' line.")
    dateline: Span | None = Field(default=None, description="'WASHINGTON (AFP) -'.")
    published: str | None = Field(default=None, description="Publication date, ISO 8601.")
    sections: tuple[Section, ...] = Field(default=(), description="Sections in order.")
    paragraphs: tuple[Span, ...] = Field(default=(), description="Prose paragraphs.")
    sentences: tuple[Span, ...] = Field(default=(), description="Sentences in order.")
    entities: tuple[Entity, ...] = Field(default=(), description="Entities.")
    quotes: tuple[Quote, ...] = Field(default=(), description="Attributions.")
    stances: tuple[Stance, ...] = Field(default=(), description="Stances.")
    extensions: dict[str, JsonValue] = Field(
        default_factory=dict, description="Plugin data, keyed by extractor name."
    )
    meta: ArticleMeta = Field(default_factory=ArticleMeta, description="Provenance.")
    pipeline: tuple[PluginRun, ...] = Field(default=(), description="Each extractor run, in order.")

    _SPAN_LAYERS: ClassVar[tuple[str, ...]] = (
        "title",
        "byline",
        "dateline",
        "paragraphs",
        "sentences",
        "sections",
        "entities",
        "quotes",
        "stances",
    )

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, **fields: Any) -> Self:
        """Make an article with no layers from ``text``.

        Args:
            text: The article text, kept exactly.
            id: Identifier; defaults to a short hash of the text.
            **fields: Other fields, such as ``meta``.
        """
        if id is None:
            id = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        if (
            cls is Article
            and type(text) is str
            and type(id) is str
            and (not fields or (len(fields) == 1 and type(fields.get("meta")) is ArticleMeta))
        ):
            # What validation would make (every layer empty: no span to check),
            # without its cost, which is most of reading a plain text.
            values: dict[str, Any] = {"id": id, "text": text}
            for name, default, factory in _blank_fields():
                if name in fields:
                    values[name] = fields[name]
                else:
                    values[name] = default if factory is None else factory()
            return construct(cls, values, {"id", "text", *fields})
        return cls(id=id, text=text, **fields)

    def span(self, start: int, end: int) -> Span:
        """Return the span ``text[start:end]``.

        Raises:
            ValueError: If the range is not inside the text.
        """
        text = self.text
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} is not inside the text ({len(text)} code points)")
        # Spans are the most numerous objects extractors make; the bounds are
        # checked and the text sliced here, so validation would add nothing.
        return plain_span(start, end, text)

    def typed_span(self, cls: type[SpanT], start: int, end: int, **fields: Any) -> SpanT:
        """Return a span subclass (``Mention``, ``Speaker``) over ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(
                f"span {start}:{end} is not inside the text ({len(self.text)} code points)"
            )
        return cls(start=start, end=end, text=self.text[start:end], **fields)

    def extension(self, name: str, model: type[ModelT]) -> ModelT | None:
        """Read the extension data of extractor ``name`` through its model."""
        data = self.extensions.get(name)
        return None if data is None else model.model_validate(data)

    def iter_spans(self) -> Iterator[tuple[str, Span]]:
        """Yield ``(where, span)`` for every span of every layer."""
        for field in self._SPAN_LAYERS:
            yield from _layer_spans(field, getattr(self, field))

    def with_layers(self, layers: Mapping[str, Any]) -> Article:
        """Return a new article with ``layers`` validated and set.

        Only the new layers are validated (types and span offsets); the rest of
        the article was validated when it was made.

        Args:
            layers: Layer key to value; keys are article fields in
                :data:`LAYER_FIELDS` or ``extensions.<name>``.

        Raises:
            KeyError: If a key is not a layer key.
            pydantic.ValidationError: If a value has the wrong shape.
            ValueError: If a span does not match the text.
        """
        update: dict[str, Any] = {}
        extensions: dict[str, JsonValue] | None = None
        text = self.text
        for key, value in layers.items():
            if key in LAYER_FIELDS:
                checked = _trusted(key, value)
                if checked is _UNTRUSTED:
                    checked = _validator(key)(value)
                _check_layer(key, checked, text)
                if key == "sections":
                    _check_section_bounds(checked, len(text))
                update[key] = checked
            elif is_layer_key(key):
                if extensions is None:
                    extensions = dict(self.extensions)
                extensions[key.partition(".")[2]] = _json_adapter().validate_python(value)
            else:
                raise KeyError(f"{key!r} is not a layer key (one of {LAYER_FIELDS})")
        if extensions is not None and extensions != self.extensions:
            update["extensions"] = extensions
        # Everything in ``update`` was validated above; the rest already was.
        return _copy_with(self, update)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle compactly: plain values, span texts sliced again from ``text``.

        Unpickling rebuilds the article without validating it again (it was
        validated when made); see :mod:`newsparse._codec`. Worker processes
        send their articles back this way.
        """
        from newsparse._codec import reduce_article

        return reduce_article(self, self.text)

    @model_validator(mode="after")
    def _check_spans(self) -> Self:
        for field in self._SPAN_LAYERS:
            _check_layer(field, getattr(self, field), self.text)
        _check_section_bounds(self.sections, len(self.text))
        return self


@cache
def _blank_fields() -> tuple[tuple[str, Any, Callable[[], Any] | None], ...]:
    """Each Article field but ``id`` and ``text``: name, default, default factory."""
    return tuple(
        (name, field.default, cast("Callable[[], Any] | None", field.default_factory))
        for name, field in Article.model_fields.items()
        if name not in ("id", "text")
    )


@cache
def _json_adapter() -> TypeAdapter[JsonValue]:
    # Built on first use: building a schema at import would load pydantic's
    # plugin machinery (importlib.metadata) for every ``import newsparse``.
    return TypeAdapter(JsonValue)


def _copy_with(model: ModelT, update: Mapping[str, Any]) -> ModelT:
    """Return ``model.model_copy(update=update)`` without its generic overhead.

    Like ``model_copy``, this does not validate ``update``: callers pass only
    values they have validated.
    """
    copied = _new(type(model))
    values = dict(model.__dict__)
    values.update(update)
    _set_dict(copied, values)
    fields_set = set(model.__pydantic_fields_set__)
    fields_set.update(update)
    _set_fields_set(copied, fields_set)
    extra = model.__pydantic_extra__
    _set_extra(copied, None if extra is None else dict(extra))
    private = getattr(model, "__pydantic_private__", None)
    _set_private(copied, None if private is None else dict(private))
    return copied


@cache
def _validator(field: str) -> Callable[[Any], Any]:
    # The core validator itself: ``TypeAdapter.validate_python`` adds a Python
    # call layer per use, and with_layers calls this once per layer per article.
    annotation = Article.model_fields[field].annotation
    assert annotation is not None
    return TypeAdapter(annotation).validator.validate_python


#: The model each span-holding layer is made of: a value made only of instances of
#: exactly this class (no subclasses) is what validation would return anyway.
_LAYER_ITEM: dict[str, type[BaseModel]] = {
    "title": Span,
    "byline": Span,
    "dateline": Span,
    "paragraphs": Span,
    "sentences": Span,
    "sections": Section,
    "entities": Entity,
    "quotes": Quote,
    "stances": Stance,
}
_SINGLE_SPAN = frozenset(("title", "byline", "dateline"))
_UNTRUSTED: Any = object()


def _trusted(field: str, value: Any) -> Any:
    """Return ``value`` as validation would, if validation would only check types.

    pydantic does not revalidate model instances (it checks their type and runs
    after-validators such as ``Span``'s range check). A layer made only of
    instances of exactly its item class therefore validates to itself, as a
    tuple; :func:`_check_layer` then checks every span's range and text, which
    covers the range check. Anything else returns ``_UNTRUSTED``: validate it.
    """
    cls = _LAYER_ITEM.get(field)
    if cls is None:
        return _UNTRUSTED
    if field in _SINGLE_SPAN:
        return value if value is None or type(value) is cls else _UNTRUSTED
    kind = type(value)
    if kind is not tuple and kind is not list:
        return _UNTRUSTED
    if value and {*map(type, value)} != {cls}:
        return _UNTRUSTED
    return value if kind is tuple else tuple(value)


_SPANS = methodcaller("spans")


def _spans_match(spans: Iterable[Span], text: str) -> bool:
    """Tell whether every span is a range ``0 <= start <= end <= len(text)`` naming its slice."""
    # Measured: a plain loop with the offsets in locals beats C-level ``map``
    # pipelines here; the time goes to slicing the text, which any check needs.
    # Fields are read from ``__dict__``: one attribute look-up per span instead of
    # three (a model's attribute access goes through pydantic's ``__getattr__`` hook).
    size = len(text)
    try:
        for span in spans:
            fields = span.__dict__
            start = fields["start"]
            end = fields["end"]
            if not 0 <= start <= end <= size or text[start:end] != fields["text"]:
                return False
    except KeyError:  # a field missing (an unvalidated model): the slow path says which
        return False
    return True


def _check_layer(field: str, value: Any, text: str) -> None:
    """Raise ``ValueError`` naming the first span of a layer that is not its slice."""
    # Fast path first: one pass with no location strings; only a failure
    # walks the layer again to say where the bad span sits.
    if value is None or isinstance(value, str):
        return
    if isinstance(value, Span):
        spans: Iterable[Span] = (value,)
    elif value and not isinstance(value[0], Span):
        spans = chain.from_iterable(map(_SPANS, value))
    else:
        spans = value
    if _spans_match(spans, text):
        return
    for where, span in _layer_spans(field, value):
        check_span(span, text, where)


def _check_section_bounds(sections: tuple[Section, ...], size: int) -> None:
    for i, section in enumerate(sections):
        if not section.start <= section.end <= size:
            raise ValueError(
                f"sections[{i}]: range {section.start}:{section.end} is not inside "
                f"the text ({size} code points)"
            )


def _layer_spans(field: str, value: Any) -> Iterator[tuple[str, Span]]:
    if value is None or isinstance(value, str):
        return
    if isinstance(value, Span):
        yield field, value
        return
    for i, item in enumerate(value):
        if isinstance(item, Span):
            yield f"{field}[{i}]", item
        else:
            for sub, span in item.iter_spans():
                yield f"{field}[{i}].{sub}", span
