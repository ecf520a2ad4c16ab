"""Tests of the readability plugin: the extractor alone, then inside a pipeline."""

from __future__ import annotations

import functools

import newsparse_readability
import pluggy
import pytest
from hypothesis import given, settings
from newsparse_readability import Readability, ReadabilityConfig, ReadabilityExtractor

from newsparse import Article, ConfigError, Pipeline, make_plugin_manager
from newsparse.testing import article_texts, assert_spans_valid, best_cpu_seconds

TEXT = "The council met on Monday. It approved the new budget after a long debate."


def with_sentences(text: str) -> Article:
    """Make an article whose sentences are given by hand, one per '. '."""
    doc = Article.from_text(text, id="test")
    spans, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        spans.append(doc.span(start, end))
        start = end + 1
    return doc.with_layers({"sentences": spans})


def test_counts_words_and_sentences() -> None:
    doc = with_sentences(TEXT)
    result = ReadabilityExtractor().extract(doc)["extensions.readability"]
    assert Readability.model_validate(result) == Readability(
        words=14,
        sentences=2,
        words_per_sentence=7.0,
        long_sentences=0,
        reading_minutes=0.1,
    )


def test_settings_change_the_result() -> None:
    doc = with_sentences(TEXT)
    config = ReadabilityConfig(words_per_minute=7, long_sentence=8)
    result = Readability.model_validate(
        ReadabilityExtractor(config).extract(doc)["extensions.readability"]
    )
    assert result.reading_minutes == 2.0
    assert result.long_sentences == 1  # the second sentence has 9 words


def test_no_sentences_gives_zeros() -> None:
    doc = Article.from_text("", id="empty")
    result = Readability.model_validate(
        ReadabilityExtractor().extract(doc)["extensions.readability"]
    )
    assert (result.words, result.sentences, result.words_per_sentence) == (0, 0, 0.0)


@pytest.fixture
def pm() -> pluggy.PluginManager:
    """A fresh plugin manager per test: the built-ins, none of the installed plugins."""
    return make_plugin_manager(entry_points=False)


def test_runs_after_sentences_in_a_pipeline(pm: pluggy.PluginManager) -> None:
    pipeline = Pipeline.build(pm=pm, plugins=[newsparse_readability])
    order = [e.name for e in pipeline.extractors]
    assert order.index("readability") > order.index("sentences")
    doc = pipeline.parse(TEXT)
    result = doc.extension("readability", Readability)
    assert result is not None
    assert result.sentences == len(doc.sentences) > 0
    assert result.words == 14


def test_bad_setting_is_a_config_error(pm: pluggy.PluginManager) -> None:
    with pytest.raises(ConfigError, match="readability"):
        Pipeline.build(
            {"readability": {"words_per_minute": 0}}, pm=pm, plugins=[newsparse_readability]
        )


@functools.cache
def default_pipeline() -> Pipeline:
    """The built-ins plus this plugin, built once for the many hypothesis examples."""
    pm = make_plugin_manager(entry_points=False)
    return Pipeline.build(pm=pm, plugins=[newsparse_readability])


@settings(max_examples=50, deadline=None)
@given(article_texts())
def test_any_text_gives_consistent_counts(text: str) -> None:
    if not text.strip():
        return  # empty input is a ReaderError before any extractor runs
    doc = default_pipeline().parse(text, format="text")
    assert_spans_valid(doc)
    result = doc.extension("readability", Readability)
    assert result is not None
    assert result.sentences == len(doc.sentences)
    assert 0 <= result.long_sentences <= result.sentences
    if result.sentences:
        assert abs(result.words_per_sentence - result.words / result.sentences) <= 0.05 + 1e-9


def test_time_grows_linearly() -> None:
    def best_time(n: int) -> float:
        sentence = "The council met on Monday. "
        doc = Article.from_text(sentence * n, id="t")
        step = len(sentence)
        doc = doc.with_layers(
            {"sentences": [doc.span(i * step, (i + 1) * step - 1) for i in range(n)]}
        )
        extractor = ReadabilityExtractor()
        # CPU time, best of several runs: wall-clock time fails on a busy machine.
        return best_cpu_seconds(lambda: extractor.extract(doc))

    small, large = best_time(500), best_time(5000)
    assert large < 30 * small + 0.005  # 10x the input, well under 30x the time
