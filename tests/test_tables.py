"""Flat CSV tables (quotes, stances, articles) and Parquet output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsparse import Article, Entity, InputFailure, Mention, Quote, Speaker, Stance
from newsparse.batch import run_batch
from newsparse.tables import (
    QUOTE_COLUMNS,
    STANCE_COLUMNS,
    main,
    quote_rows,
    read_jsonl,
    stance_rows,
    write_tables,
)
from test_parallel import toy_pipeline

TEXT = 'Mayor Ana Ruiz said "the bridge opens in May." Critics doubt the city council.'


def sample() -> Article:
    doc = Article.from_text(TEXT, id="d1")
    ana = Entity(
        id="E1", name="Ana Ruiz", type="PERSON", mentions=(doc.typed_span(Mention, 6, 14),)
    )
    council = Entity(
        id="E2", name="city council", type="ORG", mentions=(doc.typed_span(Mention, 65, 77),)
    )
    quote = Quote(
        id="Q1",
        kind="direct",
        content=(doc.span(21, 45),),
        cue=doc.span(15, 19),
        speaker=doc.typed_span(Speaker, 6, 14, entity="E1"),
        source_type="named",
    )
    stance = Stance(
        holder=None,
        target="E2",
        polarity="negative",
        score=-0.5,
        evidence=doc.span(48, 78),
        cue=doc.span(56, 61),
        hedged=False,
    )
    return doc.with_layers({"entities": [ana, council], "quotes": [quote], "stances": [stance]})


def test_rows_flatten_quotes_and_stances() -> None:
    doc = sample()
    [quote] = list(quote_rows(doc))
    assert quote == {
        "doc_id": "d1",
        "quote_id": "Q1",
        "kind": "direct",
        "source_type": "named",
        "speaker": "Ana Ruiz",
        "speaker_entity": "E1",
        "speaker_name": "Ana Ruiz",
        "cue": "said",
        "content": TEXT[21:45],
        "start": 21,
        "end": 45,
    }
    [stance] = list(stance_rows(json.loads(doc.model_dump_json())))  # dicts work too
    assert stance["holder_name"] == "(article)"
    assert (stance["target_name"], stance["polarity"], stance["evidence"]) == (
        "city council",
        "negative",
        TEXT[48:78],
    )
    failure = InputFailure(id="bad", error_type="ReaderError", message="empty")
    assert list(quote_rows(failure)) == []


def test_csv_tables_from_a_jsonl_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    failure = InputFailure(id="bad", error_type="ReaderError", message="empty")
    out.write_text(
        sample().model_dump_json() + "\n" + failure.model_dump_json() + "\n", encoding="utf-8"
    )
    quotes, stances, articles = (tmp_path / f"{n}.csv" for n in ("q", "s", "a"))
    assert (
        main(
            [
                str(out),
                "--quotes",
                str(quotes),
                "--stances",
                str(stances),
                "--articles",
                str(articles),
            ]
        )
        == 0
    )
    with quotes.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == QUOTE_COLUMNS
    assert rows[0]["content"] == TEXT[21:45]
    with stances.open(encoding="utf-8", newline="") as fh:
        assert tuple(next(csv.DictReader(fh))) == STANCE_COLUMNS
    with articles.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [(r["doc_id"], r["quotes"], r["error"]) for r in table] == [
        ("d1", "1", ""),
        ("bad", "0", "ReaderError: empty"),
    ]
    counts = write_tables(read_jsonl(out), quotes=tmp_path / "again.csv")
    assert counts == {"quotes": 1}


def test_cli_tables_writes_a_stance_edge_list_over_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsparse.cli import main as cli_main

    out = tmp_path / "out.jsonl"
    failure = InputFailure(id="bad", error_type="ReaderError", message="empty")
    second = sample().model_copy(update={"id": "d2"})
    out.write_text(
        "".join(r.model_dump_json() + "\n" for r in (sample(), failure, second)), encoding="utf-8"
    )
    edges, graphml = tmp_path / "edges.csv", tmp_path / "edges.graphml"
    argv = ["tables", str(out), "--edges", str(edges), "--graphml", str(graphml)]
    # The sample's one stance is the article's own voice: only kept when asked for.
    assert cli_main(argv) == 0
    assert capsys.readouterr().out == "edges: 0\n"
    assert cli_main([*argv, "--article-voice"]) == 0
    assert capsys.readouterr().out == "edges: 1\n"
    with edges.open(encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert (row["source"], row["target"], row["polarity"]) == (
        "(article)",
        "city council",
        "negative",
    )
    assert (row["evidence"], row["articles"]) == ("2", "2")  # the error record is skipped
    assert "<graphml" in graphml.read_text(encoding="utf-8")


def test_cli_tables_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsparse.cli import main as cli_main

    assert cli_main(["tables", str(tmp_path / "missing.jsonl"), "--edges", "e.csv"]) == 1
    assert "no such file" in capsys.readouterr().err
    plain = tmp_path / "story.txt"
    plain.write_text("Not JSON at all.\n", encoding="utf-8")
    assert cli_main(["tables", str(plain), "--edges", str(tmp_path / "e.csv")]) == 1
    assert "is not newsparse JSON Lines output" in capsys.readouterr().err
    assert cli_main(["tables", str(plain)]) == 2
    assert "name at least one output" in capsys.readouterr().err


def test_parquet_keeps_nested_records_and_errors(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Some words here.\n", encoding="utf-8")
    (folder / "b.txt").write_text("  \n", encoding="utf-8")
    summary = run_batch(
        [folder], tmp_path / "out.parquet", pipeline=toy_pipeline(errors="record"), progress="never"
    )
    assert (summary.articles, summary.failed) == (2, 1)
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [(r["id"], r["error"]) for r in table] == [("a", False), ("b", True)]
    assert json.loads(table[0]["extensions"])["busy"]["words"] == 3
    assert table[1]["error_type"] == "ReaderError"
    # Nested layers survive: write a full sample and read its quote back.
    from newsparse.tables import write_parquet

    write_parquet([sample()], tmp_path / "s.parquet")
    [row] = pq.read_table(tmp_path / "s.parquet").to_pylist()
    assert row["quotes"][0]["speaker"]["entity"] == "E1"
    assert row["quotes"][0]["content"][0]["text"] == TEXT[21:45]
