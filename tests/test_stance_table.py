"""Tests of stance aggregation: per-article pairs and batch edge lists."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from newsparse import Article, Entity, Mention, Stance
from newsparse.stance_table import (
    ARTICLE_VOICE,
    EDGE_COLUMNS,
    stance_edges,
    stance_table,
    write_edges_csv,
    write_edges_graphml,
)

_TEXT = "Oslo & Bergen praised Lima. Oslo condemned Lima. Lima <hailed> Oslo."


def _doc(doc_id: str, stances: list[tuple[str | None, str, float, bool]]) -> Article:
    doc = Article.from_text(_TEXT, id=doc_id)

    def mention(word: str) -> Mention:
        start = _TEXT.index(word)
        return doc.typed_span(Mention, start, start + len(word))

    entities = [
        Entity(id="E1", name="Oslo & Bergen", type="GPE", mentions=(mention("Oslo & Bergen"),)),
        Entity(id="E2", name="Lima", type="GPE", mentions=(mention("Lima"),)),
    ]
    built = [
        Stance(
            holder=holder,
            target=target,
            polarity="positive" if score > 0 else "negative",
            score=score,
            evidence=doc.span(0, 27),
            hedged=hedged,
        )
        for holder, target, score, hedged in stances
    ]
    return doc.with_layers({"entities": entities, "stances": built})


def test_table_sums_pairs() -> None:
    doc = _doc(
        "a",
        [("E1", "E2", 0.8, False), ("E1", "E2", -0.4, True), ("E2", "E1", 0.6, False)],
    )
    rows = stance_table(doc)
    assert [(r.holder_name, r.target_name, r.evidence) for r in rows] == [
        ("Oslo & Bergen", "Lima", 2),
        ("Lima", "Oslo & Bergen", 1),
    ]
    first = rows[0]
    assert first.net == 0.2
    assert first.polarity == "positive"
    assert first.hedged == 1


def test_article_voice_row() -> None:
    rows = stance_table(_doc("a", [(None, "E2", -0.9, False)]))
    assert rows[0].holder is None
    assert rows[0].holder_name == ARTICLE_VOICE
    assert rows[0].polarity == "negative"


def test_edges_merge_articles_by_name() -> None:
    docs = [
        _doc("a", [("E1", "E2", 0.8, False), (None, "E2", -0.5, False)]),
        _doc("b", [("E1", "E2", -0.2, True)]),
    ]
    edges = stance_edges(iter(docs))
    assert len(edges) == 1
    edge = edges[0]
    assert (edge.source, edge.target) == ("Oslo & Bergen", "Lima")
    assert (edge.evidence, edge.positive, edge.negative, edge.hedged, edge.articles) == (
        2,
        1,
        1,
        1,
        2,
    )
    assert edge.net == 0.3
    voiced = stance_edges(docs, article_voice=True)
    assert {(e.source, e.target) for e in voiced} == {
        ("Oslo & Bergen", "Lima"),
        (ARTICLE_VOICE, "Lima"),
    }


def test_csv_round_trip(tmp_path: Path) -> None:
    edges = stance_edges([_doc("a", [("E1", "E2", 0.8, False)])])
    path = tmp_path / "edges.csv"
    write_edges_csv(edges, path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == EDGE_COLUMNS
    assert rows[0]["source"] == "Oslo & Bergen"
    assert rows[0]["polarity"] == "positive"
    assert float(rows[0]["net"]) == 0.8


def test_graphml_is_valid_xml() -> None:
    edges = stance_edges([_doc("a", [("E1", "E2", 0.8, False), ("E2", "E1", -0.6, False)])])
    out = io.StringIO()
    write_edges_graphml(edges, out)
    root = ET.fromstring(out.getvalue())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    names = {d.text for d in root.iterfind(".//g:node/g:data", ns)}
    assert names == {"Oslo & Bergen", "Lima"}
    polarities = sorted(
        d.text or "" for d in root.iterfind(".//g:edge/g:data[@key='polarity']", ns)
    )
    assert polarities == ["negative", "positive"]


def test_empty_batch() -> None:
    out = io.StringIO()
    write_edges_graphml(stance_edges([]), out)
    assert ET.fromstring(out.getvalue()) is not None
    assert stance_table(Article.from_text("")) == []
