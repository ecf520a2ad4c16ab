import warnings
from collections.abc import Generator, Mapping
from pathlib import Path
from typing import Any

import pluggy
import pytest
from pydantic import BaseModel, ConfigDict, Field

from newsparse import (
    Article,
    ConfigError,
    Extractor,
    ExtractorError,
    NewsparseWarning,
    NoConfig,
    Pipeline,
    hookimpl,
    hookspecs,
)
from newsparse.plugins import core


def bare_pm(*plugins: object) -> pluggy.PluginManager:
    """A manager with the specs and the default run implementation only."""
    pm = pluggy.PluginManager("newsparse")
    pm.add_hookspecs(hookspecs)
    pm.register(core, name="newsparse.plugins.core")
    for plugin in plugins:
        pm.register(plugin)
    return pm


class WordsConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    min_len: int = Field(default=1, ge=1, description="Shorter words are skipped.")


class Words(Extractor[WordsConfig]):
    name = "words"
    provides = ("sentences",)
    Config = WordsConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        spans, pos = [], 0
        for word in doc.text.split(" "):
            if len(word) >= self.config.min_len:
                spans.append(doc.span(pos, pos + len(word)))
            pos += len(word) + 1
        return {"sentences": spans}


class Count(Extractor[NoConfig]):
    name = "count"
    requires = ("sentences",)
    provides = ("extensions.count",)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        return {"extensions.count": len(doc.sentences)}


class Boom(Extractor[NoConfig]):
    name = "boom"
    provides = ("extensions.boom",)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        raise RuntimeError("kaboom")


class AfterBoom(Extractor[NoConfig]):
    name = "after_boom"
    requires = ("extensions.boom",)
    provides = ("extensions.after",)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        return {"extensions.after": True}


class Plugin:
    def __init__(self, *classes: type[Extractor[Any]]) -> None:
        self.classes = list(classes)

    @hookimpl
    def newsparse_extractors(self) -> list[type[Extractor[Any]]]:
        return self.classes


def test_parse_runs_extractors_in_order_and_records_runs() -> None:
    pipeline = Pipeline.build(pm=bare_pm(Plugin(Count, Words)))
    doc = pipeline.parse("Kim praised the troops")
    assert [s.text for s in doc.sentences] == ["Kim", "praised", "the", "troops"]
    assert doc.extensions["count"] == 4
    assert [run.name for run in doc.pipeline] == ["words", "count"]
    assert all(run.status == "ok" and run.ms >= 0 for run in doc.pipeline)


def test_config_reaches_the_extractor() -> None:
    pipeline = Pipeline.build({"words": {"min_len": 4}}, pm=bare_pm(Plugin(Words)))
    assert [s.text for s in pipeline.parse("Kim praised the troops").sentences] == [
        "praised",
        "troops",
    ]


def test_bad_config_names_the_extractor_and_setting() -> None:
    with pytest.raises(ConfigError, match=r"'words': min_len: Input should be greater"):
        Pipeline.build({"words": {"min_len": 0}}, pm=bare_pm(Plugin(Words)))
    with pytest.raises(ConfigError, match=r"'words': colour: Extra inputs"):
        Pipeline.build({"words": {"colour": "red"}}, pm=bare_pm(Plugin(Words)))
    with pytest.raises(ConfigError, match=r"unknown extractor.*'wrods'.*known: words"):
        Pipeline.build({"wrods": {}}, pm=bare_pm(Plugin(Words)))


def test_errors_raise_keeps_the_cause() -> None:
    pipeline = Pipeline.build(pm=bare_pm(Plugin(Boom)))
    with pytest.raises(ExtractorError, match=r"'boom' failed on document 'd1'") as info:
        pipeline.parse("text", id="d1")
    assert isinstance(info.value.__cause__, RuntimeError)
    assert (info.value.extractor, info.value.doc_id) == ("boom", "d1")


def test_errors_record_keeps_the_article_and_skips_dependants() -> None:
    pipeline = Pipeline.build(pm=bare_pm(Plugin(Boom, AfterBoom, Words)), errors="record")
    with pytest.warns(NewsparseWarning, match=r"kaboom"):
        doc = pipeline.parse("Kim spoke", id="d2")
    assert [s.text for s in doc.sentences] == ["Kim", "spoke"]  # independent extractor ran
    (failure,) = doc.meta.errors
    assert (failure.extractor, failure.error_type, failure.message) == (
        "boom",
        "RuntimeError",
        "kaboom",
    )
    assert failure.skipped == ("after_boom",)
    statuses = {run.name: run.status for run in doc.pipeline}
    assert statuses == {"after_boom": "skipped", "boom": "failed", "words": "ok"}
    assert "after" not in doc.extensions


def test_undeclared_layers_are_rejected() -> None:
    class Sneaky(Extractor[NoConfig]):
        name = "sneaky"
        provides = ("extensions.sneaky",)

        def extract(self, doc: Article) -> Mapping[str, Any]:
            return {"extensions.sneaky": 1, "sentences": []}

    with pytest.raises(ExtractorError, match=r"undeclared layer.*'sentences'"):
        Pipeline.build(pm=bare_pm(Plugin(Sneaky))).parse("x")


def test_invalid_spans_from_an_extractor_are_extractor_errors() -> None:
    class Liar(Extractor[NoConfig]):
        name = "liar"
        provides = ("sentences",)

        def extract(self, doc: Article) -> Mapping[str, Any]:
            return {"sentences": [{"start": 0, "end": 2, "text": "zz"}]}

    with pytest.raises(ExtractorError, match=r"invalid layers"):
        Pipeline.build(pm=bare_pm(Plugin(Liar))).parse("ab")


def test_wrapper_observes_without_changing_results() -> None:
    seen: list[str] = []

    class Timer:
        @hookimpl(wrapper=True)
        def newsparse_run_extractor(
            self, extractor: Extractor[Any]
        ) -> Generator[None, Mapping[str, Any], Mapping[str, Any]]:
            seen.append(extractor.name)
            return (yield)

    pipeline = Pipeline.build(pm=bare_pm(Plugin(Words, Count), Timer()))
    assert pipeline.parse("a b").extensions["count"] == 2
    assert seen == ["words", "count"]


def test_document_parsed_observers_see_the_final_article() -> None:
    finished: list[Article] = []

    class Observer:
        @hookimpl
        def newsparse_document_parsed(self, doc: Article) -> None:
            finished.append(doc)

    doc = Pipeline.build(pm=bare_pm(Plugin(Words), Observer())).parse("a b")
    assert finished == [doc]


def test_runtime_plugin_replaces_a_builtin_by_name() -> None:
    class BetterWords(Words):
        name = "better_words"
        replaces = ("words",)

    pipeline = Pipeline.build(pm=bare_pm(Plugin(Words, Count)), plugins=[Plugin(BetterWords)])
    assert [e.name for e in pipeline.extractors] == ["better_words", "count"]


def test_disable_by_name() -> None:
    pipeline = Pipeline.build(pm=bare_pm(Plugin(Words, Boom)), disable=["boom"])
    assert [e.name for e in pipeline.extractors] == ["words"]
    pipeline = Pipeline.build({"pipeline": {"disable": ["boom"]}}, pm=bare_pm(Plugin(Words, Boom)))
    assert [e.name for e in pipeline.extractors] == ["words"]


def test_parse_reads_paths_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("\ufeffKim spoke".encode())
    pipeline = Pipeline.build(pm=bare_pm(Plugin(Words)))
    doc = pipeline.parse(path)
    assert (doc.id, doc.text, doc.meta.source) == ("story", "Kim spoke", str(path))
    assert pipeline.parse(b"Kim spoke").text == "Kim spoke"


def test_default_builtins_build_and_parse(pm: pluggy.PluginManager) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = Pipeline.build(pm=pm).parse("Kim Jong-un praised the troops.")
    assert doc.text == "Kim Jong-un praised the troops."
    assert not doc.meta.errors


def test_each_recorded_failure_lists_only_its_own_dependants() -> None:
    class Bang(Extractor[NoConfig]):
        name = "bang"
        provides = ("extensions.bang",)

        def extract(self, doc: Article) -> Mapping[str, Any]:
            raise ValueError("bang")

    class AfterBang(Extractor[NoConfig]):
        name = "after_bang"
        requires = ("extensions.bang",)
        provides = ("extensions.after_bang",)

        def extract(self, doc: Article) -> Mapping[str, Any]:
            return {"extensions.after_bang": True}

    class Both(Extractor[NoConfig]):
        name = "both"
        requires = ("extensions.after", "extensions.after_bang")
        provides = ("extensions.both",)

        def extract(self, doc: Article) -> Mapping[str, Any]:
            return {"extensions.both": True}

    plugin = Plugin(Boom, AfterBoom, Bang, AfterBang, Both)
    pipeline = Pipeline.build(pm=bare_pm(plugin), errors="record")
    with pytest.warns(NewsparseWarning):
        doc = pipeline.parse("x")
    skipped = {f.extractor: f.skipped for f in doc.meta.errors}
    assert skipped == {"bang": ("after_bang", "both"), "boom": ("after_boom", "both")}
