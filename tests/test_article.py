import pickle

import pytest
from hypothesis import given
from pydantic import BaseModel, ValidationError

from newsparse import Article, Entity, Mention, Pipeline, Quote, Section, Span, Speaker, Stance
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


def _full_article() -> Article:
    """An article with every layer, subclass spans, partial field sets and extensions."""
    text = "Tax Plan Stalls\n\nBy Ana Ruiz\n\nKim said the plan “will fail”, aides said. Xi agreed."
    doc = Article.from_text(text, id="full")
    find = text.index
    kim = doc.typed_span(Mention, find("Kim"), find("Kim") + 3, kind="name")
    xi = doc.typed_span(Mention, find("Xi"), find("Xi") + 2)  # kind left to its default
    first = doc.span(find("Kim"), find(" Xi"))
    second = doc.span(find("Xi"), len(text))
    return doc.with_layers(
        {
            "title": doc.span(0, 15),
            "byline": doc.span(17, 28),
            "published": "2024-05-01",
            "sections": [
                Section(kind="title", start=0, end=16, heading=doc.span(0, 15)),
                Section(kind="body", start=17, end=len(text), items=(first,)),
            ],
            "paragraphs": [doc.span(30, len(text))],
            "sentences": [first, second, kim],  # a Mention where Spans go: kept as is
            "entities": [
                Entity(id="E1", name="Kim", type="PERSON", mentions=(kim,), salience=0.5),
                Entity(id="E2", name="Xi", type="PERSON", mentions=(xi,), roles=("leader",)),
            ],
            "quotes": [
                Quote(
                    id="Q1",
                    kind="mixed",
                    content=(doc.span(find("the plan"), find(", aides")),),
                    cue=doc.span(find("said"), find("said") + 4),
                    speaker=doc.typed_span(Speaker, kim.start, kim.end, entity="E1"),
                    source_type="named",
                ),
                Quote(id="Q2", kind="indirect", content=(first,)),  # no cue, no speaker
            ],
            "stances": [
                Stance(holder="E2", target="E1", polarity="positive", score=0.4, evidence=second)
            ],
            "extensions.demo": {"n": 2, "cues": ["said", None], "nested": {"ok": True}},
        }
    )


@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_pickle_round_trip_is_lossless(protocol: int) -> None:
    doc = Pipeline.build(entry_points=False).run(_full_article())  # adds pipeline records
    assert doc.pipeline
    back = pickle.loads(pickle.dumps(doc, protocol=protocol))
    assert back == doc
    assert back.model_dump_json() == doc.model_dump_json()
    assert back.model_dump(exclude_unset=True) == doc.model_dump(exclude_unset=True)
    for (where, a), (_, b) in zip(back.iter_spans(), doc.iter_spans(), strict=True):
        assert type(a) is type(b), where
        assert a.model_fields_set == b.model_fields_set, where
    assert_spans_valid(back)
    # A rebuilt article behaves like any other: new layers, copies.
    assert back.with_layers({"sentences": [back.span(0, 3)]}).sentences[0].text == "Tax"


def test_pickle_keeps_an_unvalidated_article_as_it_is() -> None:
    # model_construct skips validation: pickling copies what is there, even wrong spans.
    bad = Span.model_construct(start=0, end=3, text="Xi!")
    doc = Article.model_construct(id="x", text="Kim", sentences=(bad,))
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.sentences[0].text == "Xi!"


def test_pickled_models_share_nothing_a_copy_could_change() -> None:
    doc = Pipeline.build(entry_points=False).run(_full_article())
    back = pickle.loads(pickle.dumps(doc))
    first, second = back.sentences[0], back.sentences[1]
    moved = first.model_copy(update={"start": 1})
    assert moved.model_fields_set == {"start", "end", "text"}
    assert second.model_fields_set == {"start", "end", "text"}
    assert back.sentences[0] == doc.sentences[0]


def test_pickle_keeps_odd_spans_field_for_field() -> None:
    # Spans that are not their own slice, or have a partial fields set, travel as they are.
    text = "Kim praised Moscow."
    odd = Mention.model_construct(start=0, end=3, text="Xi!", kind="alias")
    partial = Span.model_construct(_fields_set={"start", "end"}, start=4, end=11, text="praised")
    far = Span.model_construct(start=18, end=40, text=".")
    entity = Entity.model_construct(id="E1", name="Kim", type="PERSON", mentions=(odd,))
    doc = Article.model_construct(
        id="x", text=text, sentences=(partial, far), entities=(entity,), title=partial
    )
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.entities[0].mentions[0].text == "Xi!"
    assert back.sentences[0].model_fields_set == {"start", "end"}
    assert back.title is not None and back.title.model_fields_set == {"start", "end"}
    assert back.sentences[1].text == "."


@given(articles())
def test_generated_articles_survive_pickling(doc: Article) -> None:
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.model_dump(exclude_unset=True) == doc.model_dump(exclude_unset=True)


def test_with_layers_takes_lists_and_keeps_span_subclasses() -> None:
    doc = Article.from_text("Kim praised Moscow.")
    kim = doc.typed_span(Mention, 0, 3)
    new = doc.with_layers({"sentences": [doc.span(0, 19), kim]})
    assert isinstance(new.sentences, tuple)
    assert type(new.sentences[1]) is Mention


@pytest.mark.parametrize(
    ("start", "end", "text", "message"),
    [(3, 1, "", "not a range"), (-2, 0, "", "not a range"), (0, 3, "Xi!", "differs")],
)
def test_with_layers_checks_unvalidated_spans(
    start: int, end: int, text: str, message: str
) -> None:
    doc = Article.from_text("Kim praised Moscow.")
    bad = Span.model_construct(start=start, end=end, text=text)
    with pytest.raises(ValueError, match=message):
        doc.with_layers({"sentences": [doc.span(0, 3), bad]})
    with pytest.raises(ValueError, match=message):
        doc.with_layers({"title": bad})
    quote = Quote.model_construct(id="Q1", kind="direct", content=(doc.span(0, 3),), cue=bad)
    with pytest.raises(ValueError, match=rf"quotes\[0\]\.cue.*{message}"):
        doc.with_layers({"quotes": [quote]})


def test_construct_builds_what_validation_would_and_the_boundary_still_checks_spans() -> None:
    from newsparse import Mention, construct

    doc = Article.from_text("Ada Brook spoke.", id="d")
    values = {"start": 0, "end": 9, "text": "Ada Brook", "kind": "name"}
    built = construct(Mention, values)
    validated = Mention(**values)
    assert built == validated
    assert built.model_fields_set == validated.model_fields_set == set(values)
    shared = {"start", "end", "text", "kind"}
    assert construct(Mention, values, shared).model_fields_set is shared
    # No validation on the way in, so a wrong text is caught where layers join the article.
    wrong = construct(Mention, {**values, "text": "Ada Brool"})
    entity = Entity(id="E1", name="Ada Brook", type="PERSON", mentions=(wrong,))
    with pytest.raises(ValueError, match="differs from the article"):
        doc.with_layers({"entities": (entity,)})
