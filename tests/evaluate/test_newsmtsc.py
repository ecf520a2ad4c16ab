"""Tests of the NewsMTSC reader, metrics and cross-validation helper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsparse.evaluate.newsmtsc import (
    Example,
    cross_validate,
    folds,
    read_newsmtsc,
    score,
)


def _write(path: Path) -> Path:
    records = [
        {
            "primary_gid": "a",
            "sentence_normalized": "Ann praised Bob.",
            "targets": [
                {"from": 0, "to": 3, "mention": "Ann", "polarity": 4.0},
                {"from": 12, "to": 15, "mention": "Bob", "polarity": 6.0},
            ],
        },
        {
            "primary_gid": "b",
            "sentence_normalized": "Critics attacked Cy.",
            "targets": [{"from": 17, "to": 19, "mention": "Cy", "polarity": 2.0}],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_reader_one_example_per_target(tmp_path: Path) -> None:
    examples = read_newsmtsc(_write(tmp_path / "x.jsonl"))
    assert [(e.text[e.start : e.end], e.label, e.sentence) for e in examples] == [
        ("Ann", "neutral", 0),
        ("Bob", "positive", 0),
        ("Cy", "negative", 1),
    ]


def test_reader_rejects_misaligned_mentions(tmp_path: Path) -> None:
    bad = {
        "sentence_normalized": "Ann spoke.",
        "targets": [{"from": 1, "to": 3, "mention": "Ann", "polarity": 4.0}],
    }
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mention"):
        read_newsmtsc(path)


def test_score_by_hand() -> None:
    gold = ["positive", "positive", "negative", "neutral"]
    pred = ["positive", "negative", "negative", "bogus"]
    result = score(gold, pred)
    assert result["accuracy"] == 0.5
    # positive: p=1, r=.5, f=2/3; negative: p=.5, r=1, f=2/3; neutral: 0.
    assert result["f1_macro"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert result["per_class"]["neutral"]["support"] == 1
    with pytest.raises(ValueError):
        score(["positive"], [])


def test_folds_group_sentences() -> None:
    examples = [Example("t", 0, 1, "neutral", i // 2) for i in range(20)]
    seen: list[int] = []
    for train, test in folds(examples, k=5):
        assert not set(train) & set(test)
        assert {examples[i].sentence for i in train}.isdisjoint(
            {examples[i].sentence for i in test}
        )
        seen.extend(test)
    assert sorted(seen) == list(range(20))
    with pytest.raises(ValueError):
        next(folds(examples, k=1))


def test_cross_validate_majority_baseline() -> None:
    examples = [Example("t", 0, 1, "negative" if i % 3 else "positive", i) for i in range(30)]

    def train(rows: list[Example]) -> str:
        labels = [r.label for r in rows]
        return max(set(labels), key=labels.count)

    result = cross_validate(examples, train, lambda model, ex: model, k=5)
    assert result["accuracy"] == pytest.approx(20 / 30)
    assert len(result["folds"]) == 5


def test_reads_the_train_split(shared_dir: Path) -> None:
    examples = read_newsmtsc(shared_dir / "data" / "newsmtsc" / "train.jsonl")
    assert len(examples) == 8739
    assert {e.label for e in examples} == {"negative", "neutral", "positive"}
