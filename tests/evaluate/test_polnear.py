"""Tests of the PolNeAR reader and metrics (own fixtures; the corpus is only read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsparse import Article, Quote, Speaker
from newsparse.evaluate.polnear import (
    GoldArticle,
    PredictedQuote,
    has_quote_mark,
    load_predictions,
    load_split,
    main,
    parse_ann,
    score,
    score_articles,
)

TEXT = 'Mayor Lee said the bridge is safe. "We checked every bolt," he added, "twice."\n'
ANN = (
    "T1\tSource 0 9\tMayor Lee\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 33\tthe bridge is safe\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 60 62\the\n"
    "T6\tCue 63 68\tadded\n"
    'T7\tContent 35 59;70 78\t"We checked every bolt," "twice."\n'
    "T8\tAttribution 63 68\tadded\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
    "#1\tAnnotatorNotes T1\tnote\n"
)


def gold() -> GoldArticle:
    return GoldArticle(id="d1", text=TEXT, attributions=parse_ann(ANN, TEXT))


def test_parse_ann_reads_relations_and_discontinuous_spans() -> None:
    atts = parse_ann(ANN, TEXT)
    assert [a.id for a in atts] == ["E1", "E2"]
    assert atts[0].source == ((0, 9),)
    assert atts[1].content == ((35, 59), (70, 78))
    assert TEXT[35:59] == '"We checked every bolt,"'


def test_parse_ann_rejects_out_of_range_spans() -> None:
    with pytest.raises(ValueError, match="outside"):
        parse_ann("T1\tContent 0 999\tx\nE1\tAttribution:T1 Content:T1\n", "short")


def test_has_quote_mark_ignores_apostrophes() -> None:
    assert has_quote_mark('he said "yes"')
    assert has_quote_mark("the 'invincible' ties")
    assert not has_quote_mark("Clinton\u2019s voters\u2019 choice in the \u201990s")
    assert not has_quote_mark("rock 'n' roll")


def test_perfect_prediction_scores_one() -> None:
    preds = {
        "d1": (
            TEXT,
            [
                PredictedQuote(content=((15, 33),), speaker=((0, 9),), cue=((10, 14),)),
                PredictedQuote(content=((35, 59), (70, 78)), speaker=((60, 62),), cue=((63, 68),)),
            ],
        )
    }
    m = score([gold()], preds)
    for subset in ("direct", "all"):
        assert m[subset]["content_partial"]["f1"] == 1.0
        assert m[subset]["content_exact"]["f1"] == 1.0
        assert m[subset]["speaker_acc"] == 1.0
        assert m[subset]["cue_acc"] == 1.0
        assert m[subset]["end_to_end"]["f1"] == 1.0
    assert m["direct"]["n_gold"] == 1
    assert m["all"]["n_gold"] == 2


def test_partial_match_wrong_speaker_and_missing_docs() -> None:
    # Content shares 3 of 4 gold tokens (F1 0.86 >= 0.5) but not exactly; speaker wrong.
    preds = {"d1": (None, [PredictedQuote(content=((19, 33),), speaker=((36, 38),))])}
    m = score([gold()], preds)["all"]
    assert m["content_partial"]["tp"] == 1
    assert m["content_exact"]["tp"] == 0
    assert m["speaker_acc"] == 0.0
    assert m["cue_acc"] == 0.0
    assert m["end_to_end"]["tp"] == 0
    assert score([gold()], {})["missing_docs"] == 1


def test_text_mismatch_ignores_predictions() -> None:
    preds = {"d1": ("other text", [PredictedQuote(content=((15, 33),))])}
    m = score([gold()], preds)
    assert m["text_mismatch_docs"] == 1
    assert m["all"]["n_pred"] == 0


def test_score_articles_reads_quotes_layer() -> None:
    doc = Article.from_text(TEXT, id="d1")
    quote = Quote(
        id="Q1",
        kind="indirect",
        content=(doc.span(15, 33),),
        cue=doc.span(10, 14),
        speaker=doc.typed_span(Speaker, 0, 9),
        source_type="named",
    )
    m = score_articles([doc.with_layers({"quotes": [quote]})], [gold()])
    assert m["all"]["end_to_end"]["tp"] == 1
    assert m["direct"]["n_pred"] == 0


def _write_corpus(root: Path) -> None:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "d1.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "d1_beef.ann").write_text(ANN, encoding="utf-8")
    # A later annotator: not gold.
    (root / "dev" / "attributions" / "d1_cafe.ann").write_text("", encoding="utf-8")


def test_load_split_uses_lexicographically_first_ann(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    (article,) = load_split(tmp_path, "dev")
    assert article.id == "d1"
    assert len(article.attributions) == 2


def test_main_prints_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_corpus(tmp_path)
    pred = tmp_path / "pred.jsonl"
    record = {
        "id": "d1",
        "text": TEXT,
        "quotes": [
            {
                "content": [{"start": 15, "end": 33}],
                "speaker": {"start": 0, "end": 9},
                "cue": None,
            }
        ],
    }
    pred.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert len(load_predictions(pred)["d1"][1]) == 1
    assert main([str(pred), "--split", "dev", "--polnear", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("{")
    figures = json.loads(out[-1])
    assert figures["all"]["end_to_end"]["tp"] == 1
    assert any(line.startswith("DIRECT") for line in out)


def test_gold_scores_one_on_dev(shared_dir: Path) -> None:
    polnear = shared_dir / "data" / "polnear"
    if not (polnear / "dev").is_dir():
        pytest.skip("PolNeAR dev split not present")
    articles = load_split(polnear, "dev")
    preds = {
        a.id: (a.text, [PredictedQuote(x.content, x.source, x.cue) for x in a.attributions])
        for a in articles
    }
    m = score(articles, preds)
    assert m["all"]["end_to_end"]["f1"] == 1.0
    assert m["direct"]["n_gold"] > 0
