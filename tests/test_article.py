import pytest
from hypothesis import given
from pydantic import BaseModel, ValidationError

from newsparse import Article, Entity, Mention, Quote, Section, Span, Speaker
from newsparse.testing import articles, assert_spans_valid


@given(articles())
def test_json_round_trip(doc: Article) -> None:
    assert Article.model_validate_json(doc.model_dump_json()) == doc


@given(articles())
def test_generated_articles_have_valid_spans(doc: Article) -> None:
    assert_spans_valid(doc)


def test_with_layers_validates_only_declared_shapes() -> None:
    doc = Article.from_text("Kim praised Moscow.")
    kim = doc.typed_span(Mention, 0, 3, kind="name")
    new = doc.with_layers(
        {"entities": [Entity(id="E1", name="Kim", type="PERSON", mentions=(kim,))]}
    )
    assert new.entities[0].mentions[0].text == "Kim"
    assert doc.entities == ()  # the original is unchanged


def test_with_layers_rejects_a_span_that_does_not_match_the_text() -> None:
    doc = Article.from_text("Kim praised Moscow.")
    bad = Span(start=0, end=3, text="Xi!")
    with pytest.raises(ValueError, match=r"sentences\[0\]"):
        doc.with_layers({"sentences": [bad]})


def test_with_layers_rejects_a_span_past_the_end() -> None:
    doc = Article.from_text("Kim")
    with pytest.raises(ValueError, match=r"past the text"):
        doc.with_layers({"paragraphs": [Span(start=1, end=5, text="abcd")]})


def test_with_layers_rejects_a_section_outside_the_text() -> None:
    doc = Article.from_text("Kim")
    with pytest.raises(ValueError, match=r"not inside"):
        doc.with_layers({"sections": [Section(kind="body", start=0, end=10)]})


def test_with_layers_rejects_wrong_shapes_and_unknown_keys() -> None:
    doc = Article.from_text("Kim")
    with pytest.raises(ValidationError):
        doc.with_layers({"sentences": ["not a span"]})
    with pytest.raises(KeyError, match=r"not a layer key"):
        doc.with_layers({"text": "other"})


def test_validation_checks_every_nested_span() -> None:
    data = {
        "id": "d",
        "text": "Kim said no.",
        "quotes": [
            {
                "id": "Q1",
                "kind": "indirect",
                "content": [{"start": 9, "end": 11, "text": "no"}],
                "cue": {"start": 4, "end": 8, "text": "said"},
                "speaker": {"start": 0, "end": 3, "text": "Xi!", "entity": None},
            }
        ],
    }
    with pytest.raises(ValidationError, match=r"quotes\[0\]\.speaker"):
        Article.model_validate(data)
    data["quotes"][0]["speaker"]["text"] = "Kim"  # type: ignore[index]
    doc = Article.model_validate(data)
    assert isinstance(doc.quotes[0], Quote)
    assert isinstance(doc.quotes[0].speaker, Speaker)


def test_extensions_are_read_through_a_model() -> None:
    class Readability(BaseModel):
        words: int

    doc = Article.from_text("Two words").with_layers({"extensions.readability": {"words": 2}})
    assert doc.extension("readability", Readability) == Readability(words=2)
    assert doc.extension("missing", Readability) is None


def test_models_are_frozen_and_forbid_extra_fields() -> None:
    doc = Article.from_text("Kim")
    with pytest.raises(ValidationError):
        doc.text = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match=r"extra"):
        Article(id="x", text="Kim", colour="red")  # type: ignore[call-arg]


def test_default_id_is_stable() -> None:
    assert Article.from_text("same").id == Article.from_text("same").id
    assert Article.from_text("same").id != Article.from_text("other").id
