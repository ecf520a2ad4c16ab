"""Properties of the whole default pipeline (every built-in extractor) on any text."""

import pluggy
from hypothesis import HealthCheck, given, settings

from newsparse import Article, Pipeline
from newsparse.testing import article_texts, assert_spans_valid


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_texts())
def test_any_text_parses_to_valid_spans_and_round_trips(text: str) -> None:
    pipeline = _pipeline()
    if not text.strip():
        return  # empty input is a ReaderError, tested in test_readers
    doc = pipeline.parse(text, format="text")
    assert doc.text == text
    assert_spans_valid(doc)
    assert Article.model_validate_json(doc.model_dump_json()) == doc
    assert not doc.meta.errors


_PIPELINES: list[Pipeline] = []


def _pipeline() -> Pipeline:
    # One pipeline for all examples: hypothesis calls the test many times.
    if not _PIPELINES:
        _PIPELINES.append(Pipeline.build(entry_points=False))
    return _PIPELINES[0]


def test_default_pipeline_order_is_independent_of_registration(pm: pluggy.PluginManager) -> None:
    first = [e.name for e in Pipeline.build(pm=pm).extractors]
    plugins = pm.get_plugins()
    for plugin in plugins:
        pm.unregister(plugin)
    for plugin in sorted(plugins, key=repr, reverse=True):
        pm.register(plugin)
    assert [e.name for e in Pipeline.build(pm=pm).extractors] == first
