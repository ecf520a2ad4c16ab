"""Tests of the article-level sourcing summary."""

from __future__ import annotations

from newsparse import Article, Entity, Mention, Quote, Speaker
from newsparse.sourcing import summarize_sources

TEXT = "Ana Ruiz spoke. She said yes. Officials said no. Ruiz said maybe. Their 'bold' plan."


def test_empty_article() -> None:
    summary = summarize_sources(Article.from_text("Nothing here."))
    assert summary.attributions == 0
    assert summary.by_source_type == {"named": 0, "anonymous": 0, "unattributed": 0}
    assert summary.speakers == ()


def test_counts_by_type_kind_and_speaker() -> None:
    doc = Article.from_text(TEXT)

    def find(s: str) -> tuple[int, int]:
        start = TEXT.index(s)
        return start, start + len(s)

    entity = Entity(
        id="E1",
        name="Ana Ruiz",
        type="PERSON",
        mentions=(
            doc.typed_span(Mention, *find("Ana Ruiz")),
            doc.typed_span(Mention, *find("Ruiz said")),
        ),
    )
    doc = doc.with_layers({"entities": [entity]})
    quotes = [
        Quote(
            id="Q1",
            kind="indirect",
            content=(doc.span(*find("yes")),),
            speaker=doc.typed_span(Speaker, *find("She"), entity="E1"),
            source_type="named",
        ),
        Quote(
            id="Q2",
            kind="indirect",
            content=(doc.span(*find("no")),),
            speaker=doc.typed_span(Speaker, *find("Officials")),
            source_type="anonymous",
        ),
        Quote(
            id="Q3",
            kind="indirect",
            content=(doc.span(*find("maybe")),),
            speaker=doc.typed_span(Speaker, *find("Ruiz"), entity="E1"),
            source_type="named",
        ),
        Quote(id="Q4", kind="scare", content=(doc.span(*find("'bold'")),)),
    ]
    summary = summarize_sources(doc.with_layers({"quotes": quotes}))
    assert summary.attributions == 3
    assert summary.by_source_type == {"named": 2, "anonymous": 1, "unattributed": 0}
    assert summary.by_kind == {"indirect": 3, "scare": 1}
    top = summary.speakers[0]
    assert (top.speaker, top.entity, top.count) == ("Ana Ruiz", "E1", 2)
    assert summary.speakers[1].speaker == "Officials"
    assert summary.speakers[1].source_type == "anonymous"
