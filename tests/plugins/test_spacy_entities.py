"""Tests of the optional spaCy replacement plugin (model-dependent tests skip cleanly)."""

from __future__ import annotations

import pytest

from newsparse import Article, Pipeline
from newsparse.plugins.spacy_entities import (
    SpacyEntitiesConfig,
    SpacyEntityExtractor,
    entities_from_groups,
)

PLUGIN = "newsparse.plugins.spacy_entities"


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
