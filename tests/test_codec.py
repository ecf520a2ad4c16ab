"""The compact pickle form of articles (newsparse._codec): every shape comes back equal."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from newsparse import Article, Entity, Mention, Quote, Span, Speaker
from newsparse._codec import _MAP_FROM, decode_model, encode_model

TEXT = "Ada Lovelace met Charles Babbage in London. " * 4


def same(a: Any, b: Any, where: str = "doc") -> None:
    """Equal field for field, with the same classes, fields sets and slots."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        assert a.__pydantic_extra__ == b.__pydantic_extra__, where
        assert a.__pydantic_private__ == b.__pydantic_private__, where
        assert a.__dict__.keys() == b.__dict__.keys(), where
        for name, value in a.__dict__.items():
            same(value, b.__dict__[name], f"{where}.{name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def mentions(doc: Article, n: int) -> tuple[Mention, ...]:
    return tuple(doc.typed_span(Mention, 44 * (i % 4), 44 * (i % 4) + 12) for i in range(n))


@pytest.mark.parametrize("n", [1, _MAP_FROM - 1, _MAP_FROM, 3 * _MAP_FROM])
def test_tuples_of_one_class_come_back_equal_short_or_long(n: int) -> None:
    doc = Article.from_text(TEXT)
    entities = tuple(
        Entity(id=f"E{i}", name="Ada Lovelace", type="PERSON", mentions=mentions(doc, i % 3 + 1))
        for i in range(n)
    )
    speaker = doc.typed_span(Speaker, 0, 12, entity="E0")
    quotes = tuple(
        Quote(id=f"Q{i}", kind="indirect", content=(doc.span(17, 32),), speaker=speaker)
        for i in range(n)
    )
    full = doc.with_layers(
        {"entities": entities, "quotes": quotes, "sentences": [doc.span(0, 43)] * n}
    )
    back = pickle.loads(pickle.dumps(full))
    assert back == full
    same(full, back)
    # Rows share a fields set per class (frozen models): a copy still gets its own.
    moved = back.entities[0].model_copy(update={"name": "Ada"})
    assert back.entities[0].name == "Ada Lovelace" and moved.name == "Ada"


def test_partial_fields_sets_and_odd_members_fall_back_model_by_model() -> None:
    doc = Article.from_text(TEXT)
    partial = Mention.model_construct(
        _fields_set={"start", "end", "text"}, start=0, end=3, text="Ada"
    )
    odd = Mention.model_construct(start=4, end=12, text="not this", kind="alias")
    plain = doc.span(17, 24)
    items: tuple[Any, ...] = (doc.typed_span(Mention, 0, 12), partial, odd, plain)
    entity = Entity.model_construct(id="E1", name="Ada", type="PERSON", mentions=items)
    data = encode_model(entity, doc.text)
    back = decode_model(pickle.loads(pickle.dumps(data)), doc.text)
    same(entity, back)
    assert back.mentions[1].model_fields_set == {"start", "end", "text"}
    assert back.mentions[2].text == "not this"
    assert type(back.mentions[3]) is Span


@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))), max_size=40))
def test_any_spans_and_mentions_round_trip(pairs: list[tuple[int, int]]) -> None:
    doc = Article.from_text(TEXT)
    spans = [doc.span(min(a, b), max(a, b)) for a, b in pairs]
    named = [doc.typed_span(Mention, min(a, b), max(a, b), kind="alias") for a, b in pairs]
    entity = Entity(id="E1", name="Ada", type="PERSON", mentions=tuple(named))
    full = doc.with_layers({"sentences": spans, "entities": [entity] if named else []})
    back = pickle.loads(pickle.dumps(full))
    assert back == full
    same(full, back)
