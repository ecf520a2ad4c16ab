"""The quotes extractor's model builders equal the validating constructors."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from newsparse import Article, Pipeline, Quote, Speaker
from newsparse.plugins._quotes.models import new_quote, new_speaker

_TEXT = "Ada Park said the bridge would open in May."


def test_new_speaker_equals_typed_span() -> None:
    doc = Article.from_text(_TEXT)
    built = new_speaker(doc.text, 0, 8, "E1")
    expected = doc.typed_span(Speaker, 0, 8, entity="E1")
    assert built == expected
    assert built.model_fields_set == expected.model_fields_set
    assert built.model_dump() == {"start": 0, "end": 8, "text": "Ada Park", "entity": "E1"}


def test_quote_spans_are_article_spans() -> None:
    doc = Pipeline.build(entry_points=False).parse(_TEXT)
    (quote,) = doc.quotes
    assert quote.cue == doc.span(9, 13)
    assert quote.cue is not None and quote.cue.model_fields_set == doc.span(9, 13).model_fields_set
    assert quote.content == (doc.span(14, 43),)  # the closing full stop is kept


def test_builders_reject_a_range_outside_the_text() -> None:
    with pytest.raises(ValueError, match="not inside the text"):
        new_speaker(_TEXT, 5, len(_TEXT) + 1, None)


def test_new_quote_equals_the_validating_constructor() -> None:
    doc = Article.from_text(_TEXT)
    fields: dict[str, Any] = {
        "id": "Q1",
        "kind": "indirect",
        "content": (doc.span(14, 42),),
        "cue": doc.span(9, 13),
        "speaker": new_speaker(doc.text, 0, 8, None),
        "source_type": "named",
    }
    built = new_quote(**fields)
    expected = Quote(**fields)
    assert built == expected
    assert built.model_fields_set == expected.model_fields_set
    assert built.content[0].text == "the bridge would open in May"
    # a document holding it validates like one holding the validated quote
    assert doc.with_layers({"quotes": (built,)}).quotes == (expected,)


@pytest.mark.parametrize(
    ("kind", "source_type", "content"),
    [("paraphrase", "named", True), ("direct", "someone", True), ("direct", "named", False)],
)
def test_new_quote_validates_what_may_be_invalid(
    kind: str, source_type: str, content: bool
) -> None:
    doc = Article.from_text(_TEXT)
    spans = (doc.span(0, 3),) if content else ()
    with pytest.raises(ValidationError):
        new_quote("Q1", kind, spans, None, None, source_type)
