"""Tests of the CoNLL-2003 evaluator (hand-made CoNLL snippets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsparse import Article
from newsparse.evaluate.conll import (
    Score,
    build_documents,
    chunks,
    evaluate,
    format_scores,
    main,
    map_type,
    read_conll,
)

SNIPPET = """\
Acme NNP B-ORG
hires VBZ O
Jane NNP B-PER
Doe NNP I-PER
in IN O
Oslo NNP B-LOC
. . O

Danish JJ B-MISC
firms NNS O
agree VBP O
. . O
"""


@pytest.fixture
def conll_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.txt"
    path.write_text(SNIPPET, "utf-8")
    return path


def test_chunks_follow_conlleval() -> None:
    assert chunks(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # I- after O, or after another type, starts a chunk; B- after I- splits one
    assert chunks(["I-ORG", "I-LOC", "B-LOC", "I-LOC"]) == [
        (0, 1, "ORG"),
        (1, 2, "LOC"),
        (2, 4, "LOC"),
    ]
    assert chunks([]) == []


def test_documents_join_tokens_and_sentences(conll_file: Path) -> None:
    sentences = read_conll(conll_file)
    assert len(sentences) == 2
    docs = build_documents(sentences, size=50)
    assert len(docs) == 1
    doc = docs[0]
    assert doc.text == "Acme hires Jane Doe in Oslo .\nDanish firms agree ."
    start, end = doc.tokens[2]
    assert doc.text[start:end] == "Jane"
    assert doc.gold == {(0, 1, "ORG"), (2, 4, "PER"), (5, 6, "LOC"), (7, 8, "MISC")}
    assert len(build_documents(sentences, size=1)) == 2


def test_type_mapping() -> None:
    assert map_type("PERSON") == "PER"
    assert map_type("GPE") == map_type("FAC") == map_type("LOC") == "LOC"
    assert map_type("NORP") == map_type("EVENT") == "MISC"
    assert map_type("GPE", "demonym") == "MISC"
    assert map_type("DATE") is None


def test_perfect_and_imperfect_predictions(conll_file: Path) -> None:
    docs = build_documents(read_conll(conll_file))
    text = docs[0].text

    def span(word: str) -> tuple[int, int]:
        start = text.index(word)
        return start, start + len(word)

    def perfect(_: str) -> list[tuple[int, int, str, str]]:
        return [
            (*span("Acme"), "ORG", "name"),
            (*span("Jane Doe"), "PERSON", "name"),
            (*span("Oslo"), "GPE", "alias"),
            (*span("Danish"), "GPE", "demonym"),  # a demonym counts as MISC
            (*span("Acme hires"), "DATE", "name"),  # value types are ignored
        ]

    scores = evaluate(docs, perfect)
    assert scores["overall"].f1 == 1.0
    assert scores["core"] == Score(gold=3, pred=3, correct=3)

    def sloppy(_: str) -> list[tuple[int, int, str, str]]:
        jane = span("Jane Doe")
        return [
            (jane[0], jane[1] - 1, "PERSON", "name"),  # ends inside a token: misaligned
            (*span("Oslo"), "ORG", "name"),  # wrong type
        ]

    scores = evaluate(docs, sloppy)
    assert scores["overall"] == Score(gold=4, pred=2, correct=0)
    assert scores["PER"].pred == 1
    assert "PER+LOC+ORG" in format_scores(scores)


def test_evaluate_accepts_articles(conll_file: Path) -> None:
    docs = build_documents(read_conll(conll_file))
    empty = evaluate(docs, lambda text: Article.from_text(text))
    assert empty["overall"] == Score(gold=4, pred=0, correct=0)
    assert empty["overall"].f1 == 0.0


def test_main_prints_scores(conll_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(conll_file)]) == 0
    out = capsys.readouterr().out
    assert "PER+LOC+ORG" in out
    assert out.strip().splitlines()[-1].startswith("{")
