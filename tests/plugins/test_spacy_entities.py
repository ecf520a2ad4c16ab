"""Tests of the optional spaCy replacement plugin (model-dependent tests skip cleanly)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Article, Pipeline
from newsparse.plugins.spacy_entities import (
    SpacyEntitiesConfig,
    SpacyEntityExtractor,
    entities_from_groups,
)
from newsparse.testing import best_cpu_seconds

PLUGIN = "newsparse.plugins.spacy_entities"
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_declares_a_replacement_of_the_builtin() -> None:
    SpacyEntityExtractor.check_declaration()
    assert SpacyEntityExtractor.replaces == ("entities",)
    assert SpacyEntityExtractor.provides == ("entities",)
    assert SpacyEntitiesConfig().model == "en_core_web_sm"


def test_enabling_the_plugin_replaces_the_builtin_without_loading_spacy() -> None:
    default = Pipeline.build(entry_points=False)
    assert "entities" in [e.name for e in default.extractors]
    replaced = Pipeline.build(entry_points=False, plugins=[PLUGIN])
    names = [e.name for e in replaced.extractors]
    assert "spacy_entities" in names
    assert "entities" not in names
    # downstream extractors still find their 'entities' layer before them
    if "quotes" in names:
        assert names.index("spacy_entities") < names.index("quotes")


def test_grouping_builds_valid_entities() -> None:
    from newsparse import Mention

    doc = Article.from_text("Kim met Kim in Oslo.")
    groups = {
        ("PERSON", "Kim"): [
            doc.typed_span(Mention, 0, 3, kind="name"),
            doc.typed_span(Mention, 8, 11, kind="name"),
        ],
        ("GPE", "Oslo"): [doc.typed_span(Mention, 15, 19, kind="name")],
    }
    ents = entities_from_groups(groups)
    checked = doc.with_layers({"entities": ents})
    assert [(e.id, e.name, e.type, len(e.mentions)) for e in checked.entities] == [
        ("E1", "Kim", "PERSON", 2),
        ("E2", "Oslo", "GPE", 1),
    ]


def test_with_a_spacy_model() -> None:
    spacy = pytest.importorskip("spacy")
    try:
        spacy.load("en_core_web_sm")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm is not installed")
    pipeline = Pipeline.build(entry_points=False, plugins=[PLUGIN])
    doc = pipeline.parse("Angela Merkel visited Paris on Monday with officials from Siemens.")
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Paris") == "GPE"
    assert all(e.type != "DATE" for e in doc.entities)


# --- without a model download: a blank spaCy pipeline with an entity ruler ---------------

#: Our own names; the ruler finds exactly these (a DATE to show value types are dropped,
#: a WORK_OF_ART to show other labels become MISC).
RULER_PATTERNS = [
    {"label": "PERSON", "pattern": "Ada Quill"},
    {"label": "PERSON", "pattern": "Quill"},
    {"label": "GPE", "pattern": "Vantor"},
    {"label": "ORG", "pattern": [{"LOWER": "harbor"}, {"LOWER": "council"}]},
    {"label": "DATE", "pattern": "Monday"},
    {"label": "WORK_OF_ART", "pattern": "Tide Tables"},
]
STORY = (
    "Ada Quill, the mayor of Vantor, met the Harbor Council on Monday.\n\n"
    '"We will open the port," Quill said. The HARBOR council read Tide Tables aloud. '
    "Ada Quill left Vantor at noon."
)


@pytest.fixture(scope="module")
def ruler_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A blank English pipeline with an entity ruler, saved to disk; its path."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(RULER_PATTERNS)
    path = tmp_path_factory.mktemp("spacy") / "ruler_model"
    nlp.to_disk(path)
    return str(path)


def ruler_pipeline(model: str) -> Pipeline:
    return Pipeline.build(
        {"spacy_entities": {"model": model}}, entry_points=False, plugins=[PLUGIN]
    )


def test_a_pipeline_on_disk_replaces_the_builtin_entities(ruler_model: str) -> None:
    pipeline = ruler_pipeline(ruler_model)
    doc = pipeline.parse(STORY)
    runs = {run.name: run.status for run in doc.pipeline}
    assert runs["spacy_entities"] == "ok"
    assert "entities" not in runs
    got = [(e.id, e.name, e.type, [m.text for m in e.mentions]) for e in doc.entities]
    assert got == [
        ("E1", "Ada Quill", "PERSON", ["Ada Quill", "Ada Quill"]),
        ("E2", "Vantor", "GPE", ["Vantor", "Vantor"]),
        ("E3", "Harbor Council", "ORG", ["Harbor Council"]),
        ("E4", "Quill", "PERSON", ["Quill"]),
        ("E5", "HARBOR council", "ORG", ["HARBOR council"]),
        ("E6", "Tide Tables", "MISC", ["Tide Tables"]),
    ]
    for entity in doc.entities:
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
            assert mention.kind == "name"
    assert "Monday" not in {e.name for e in doc.entities}  # value types are dropped


def test_downstream_extractors_use_the_replacement_entities(ruler_model: str) -> None:
    doc = ruler_pipeline(ruler_model).parse(STORY)
    ids = {e.id for e in doc.entities}
    assert doc.quotes, "the quote in the story is found"
    quote = doc.quotes[0]
    assert "open the port" in quote.content[0].text
    # the quotes extractor links its speaker to the replacement's entity
    assert quote.speaker is not None
    assert quote.speaker.text == "Quill"
    by_name = {e.name: e.id for e in doc.entities}
    assert quote.speaker.entity == by_name["Quill"]
    assert quote.source_type == "named"
    linked = [q.speaker.entity for q in doc.quotes if q.speaker and q.speaker.entity]
    assert set(linked) <= ids


def test_the_replacement_output_survives_a_json_round_trip(ruler_model: str) -> None:
    doc = ruler_pipeline(ruler_model).parse(STORY)
    again = Article.model_validate_json(doc.model_dump_json())
    assert again.entities == doc.entities


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.text(alphabet=st.sampled_from("Ada Quil Vntor\n.,\"'"))))
def test_arbitrary_text_gives_only_valid_spans(ruler_model: str, text: str) -> None:
    extractor = SpacyEntityExtractor(SpacyEntitiesConfig(model=ruler_model))
    doc = Article.from_text(text)
    checked = doc.with_layers(extractor.extract(doc))  # the boundary checks every span
    for entity in checked.entities:
        assert entity.mentions
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text


def test_time_grows_linearly_with_the_input(ruler_model: str) -> None:
    extractor = SpacyEntityExtractor(SpacyEntitiesConfig(model=ruler_model))
    small = Article.from_text(STORY * 5)
    large = Article.from_text(STORY * 50)
    extractor.extract(small)  # load the pipeline before timing

    def best(doc: Article) -> float:
        return best_cpu_seconds(lambda: extractor.extract(doc), runs=5)

    assert best(large) < 30 * best(small)


# --- the benchmarks' spaCy peer (benchmarks/spacy_peer.py) on a tiny sample --------------


@pytest.mark.slow
def test_the_benchmark_peer_has_en_core_web_sm_s_architecture(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("spacy")
    # on sys.path (as when a benchmark script runs), also for the peer's child process
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    peer_module = importlib.import_module("spacy_peer")
    peer = peer_module.build_untrained()
    assert peer_module.check_architecture(peer.nlp) == []
    assert not peer.trained
    assert peer.nlp.get_pipe("parser").moves.n_moves == 106
    assert peer.nlp.get_pipe("ner").moves.n_moves == 74
    texts = [STORY, STORY.upper()]
    pipeline = Pipeline.build(entry_points=False, disable=("quotes", "stance"))
    lines = peer_module.report(
        lambda batch: [pipeline.parse(t) for t in batch], texts, 1, "test", model="no_such_model"
    )
    print("\n".join(lines))  # figures printed, not asserted
    assert any("untrained pipeline with en_core_web_sm's architecture" in line for line in lines)
    assert any(line.strip().startswith("spaCy / newsparse:") for line in lines)


def test_the_architecture_check_reports_differences(monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = pytest.importorskip("spacy")
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    peer_module = importlib.import_module("spacy_peer")
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")  # spaCy's default tok2vec, not sm's
    problems = peer_module.check_architecture(nlp)
    assert any(p.startswith("tok2vec.model.embed.rows:") for p in problems)
    assert any(p.startswith("ner.") and "absent" in p for p in problems)
    assert any(p.startswith("pipeline ") for p in problems)
