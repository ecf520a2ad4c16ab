"""Held-out evaluation helpers and models trained in memory (session 15 tagger work)."""

from __future__ import annotations

import time
from itertools import pairwise
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from newsparse import Pipeline
from newsparse.evaluate.conll import (
    build_documents,
    entity_strings,
    folds,
    predict_documents,
    score_documents,
    seen_scores,
)
from newsparse.plugins import entities
from newsparse.plugins._entities.tagger import (
    LABELS,
    TaggerModel,
    candidates,
    doc_context,
    load_model,
    lower_all,
    model_from_data,
    tag_sentence,
)
from newsparse.plugins._entities.train import train

# Our own tiny corpus, IOB tags (as the evaluation reads them) and IO labels (training).
_IOB = [
    [("Mira", "B-PER"), ("Holt", "I-PER"), ("visited", "O"), ("Tarvik", "B-LOC"), (".", "O")],
    [("Zelco", "B-ORG"), ("hired", "O"), ("Mira", "B-PER"), ("Holt", "I-PER"), (".", "O")],
    [("The", "O"), ("Tarvik", "B-LOC"), ("office", "O"), ("of", "O"), ("Zelco", "B-ORG")],
    [("Dana", "B-PER"), ("Vost", "I-PER"), ("left", "O"), ("Brenmoor", "B-LOC"), (".", "O")],
]
_IO = [[(w, t.partition("-")[2] or "O") for w, t in s] for s in _IOB]


def _tiny_model() -> TaggerModel:
    return model_from_data(train(_IO * 30, iterations=3, quiet=True))


def test_entity_strings_are_the_gold_names() -> None:
    names = entity_strings(_IOB)
    assert ("Mira", "Holt") in names
    assert ("Zelco",) in names
    assert ("visited",) not in names


def test_seen_scores_split_gold_and_predictions_by_their_string() -> None:
    docs = build_documents(_IOB, size=2)
    seen = entity_strings(_IOB[:1])  # Mira Holt, Tarvik
    text = docs[1].text
    # Predict "Tarvik" (seen, right), "Zelco" (unseen, right), "office" (unseen, wrong).
    preds = [
        (text.index("Tarvik"), text.index("Tarvik") + 6, "GPE", "name"),
        (text.index("Zelco"), text.index("Zelco") + 5, "ORG", "name"),
        (text.index("office"), text.index("office") + 6, "ORG", "name"),
    ]
    out = seen_scores(docs[1:], [preds], seen)
    assert (out["seen"].gold, out["seen"].pred, out["seen"].correct) == (1, 1, 1)
    assert (out["unseen"].gold, out["unseen"].pred, out["unseen"].correct) == (3, 2, 1)
    assert out["unseen core"].gold == 3
    whole = score_documents(docs[1:], [preds])["overall"]
    assert whole.correct == out["seen"].correct + out["unseen"].correct


def test_misaligned_predictions_count_as_unseen() -> None:
    docs = build_documents(_IOB[:1])
    out = seen_scores(docs, [[(1, 3, "PERSON", "name")]], entity_strings(_IOB))
    assert out["unseen"].pred == 1
    assert out["seen"].pred == 0


def test_folds_cover_every_document_once_in_order() -> None:
    docs = build_documents(_IOB * 7, size=2)  # 14 documents
    parts = folds(docs, 4)
    assert parts[0][0] == 0
    assert parts[-1][1] == len(docs)
    assert all(a[1] == b[0] for a, b in pairwise(parts))
    assert all(end > first for first, end in parts)


def test_a_model_trained_in_memory_tags_its_names() -> None:
    model = _tiny_model()
    words = ["Mira", "Holt", "visited", "Tarvik", "."]
    lowers = lower_all(words)
    cand = candidates(words, lowers, model.connectors, model.skip)
    ctx = doc_context([words])
    labels = tag_sentence(model, words, lowers, cand, ["-"] * 5, ctx)
    assert [LABELS[k] for k in labels] == ["PER", "PER", "O", "LOC", "O"]


def test_the_shipped_model_loads_through_model_from_data() -> None:
    model = load_model()
    assert isinstance(model, TaggerModel)
    assert model.weights
    assert model.lexicon.phrases


def test_the_extractor_uses_a_patched_model() -> None:
    model = _tiny_model()
    docs = build_documents(_IOB[1:2])
    with mock.patch.object(entities, "load_model", lambda: model):
        pipeline = Pipeline.build(entry_points=False, disable=("quotes", "stance"))
        preds = predict_documents(docs, pipeline.parse)
    assert score_documents(docs, preds)["core"].correct >= 1


@given(st.lists(st.text(min_size=1).filter(lambda w: " " not in w), max_size=30))
def test_tagging_arbitrary_tokens_never_raises(words: list[str]) -> None:
    model = load_model()
    lowers = lower_all(words)
    cand = candidates(words, lowers, model.connectors, model.skip)
    labels = tag_sentence(model, words, lowers, cand, ["-"] * len(words), doc_context([words]))
    assert len(labels) == len(words)
    assert all(0 <= k < len(LABELS) for k in labels)


def test_seen_scores_time_is_linear() -> None:
    def cost(copies: int) -> float:
        docs = build_documents(_IOB * copies, size=50)
        seen = entity_strings(_IOB)
        preds: list[list[tuple[int, int, str, str]]] = [[] for _ in docs]
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            seen_scores(docs, preds, seen)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = cost(100), cost(1000)
    assert large < 30 * max(small, 1e-4)
