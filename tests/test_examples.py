"""Run every example script, and check the example plugin package (STYLE.md section 10)."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsparse import Article, ConfigError, Extractor, Pipeline, hookimpl, make_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PLUGIN_DIR = EXAMPLES / "custom_plugin"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_there_are_examples() -> None:
    names = {script.name for script in SCRIPTS}
    assert {"parse_article.py", "custom_extractor.py", "config_and_errors.py"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs(script: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "an example should print what it shows"
    expected = script.with_suffix(".out")
    if expected.is_file():
        assert result.stdout == expected.read_text(encoding="utf-8")


def test_every_out_file_has_a_script() -> None:
    for out in EXAMPLES.glob("*.out"):
        assert out.with_suffix(".py").is_file(), f"{out.name} pins a script that is gone"


# -- The example plugin package: examples/custom_plugin ------------------------


@pytest.fixture
def readability() -> Iterator[ModuleType]:
    """Import the example plugin from its source folder, as if it were installed."""
    sys.path.insert(0, str(PLUGIN_DIR / "src"))
    try:
        yield importlib.import_module("newsparse_readability")
    finally:
        sys.path.remove(str(PLUGIN_DIR / "src"))
        sys.modules.pop("newsparse_readability", None)


class _Sentences(Extractor[Any]):
    """A stand-in ``sentences`` provider (one sentence per line) replacing the built-in."""

    name = "test_sentences"
    provides = ("sentences",)
    replaces = ("sentences",)

    def extract(self, doc: Article) -> dict[str, Any]:
        spans, start = [], 0
        for line in doc.text.splitlines(keepends=True):
            if line.strip():
                left = start + len(line) - len(line.lstrip())
                spans.append(doc.span(left, start + len(line.rstrip())))
            start += len(line)
        return {"sentences": spans}


class _StandIns:
    """Contributes stand-in layers, so the test does not depend on built-ins' progress."""

    def __init__(self, *classes: type[Extractor[Any]]) -> None:
        self.classes = list(classes)

    @hookimpl
    def newsparse_extractors(self) -> list[type[Extractor[Any]]]:
        return self.classes


def _pipeline(readability: ModuleType, config: dict[str, Any] | None = None) -> Pipeline:
    pm = make_plugin_manager(entry_points=False)
    return Pipeline.build(config, pm=pm, plugins=[readability, _StandIns(_Sentences)])


def test_plugin_registers_and_runs_after_sentences(readability: ModuleType) -> None:
    pipeline = _pipeline(readability)
    order = [e.name for e in pipeline.extractors]
    assert order.index("readability") > order.index("test_sentences")
    doc = pipeline.parse("One two three.\nFour five.\n", id="t")
    assert doc.extensions["readability"] == {
        "words": 5,
        "sentences": 2,
        "words_per_sentence": 2.5,
        "long_sentences": 0,
        "reading_minutes": 0.0,
    }
    assert [run.name for run in doc.pipeline].index("readability") == order.index("readability")


def test_plugin_config_is_validated(readability: ModuleType) -> None:
    doc = _pipeline(readability, {"readability": {"long_sentence": 2}}).parse("a b c\nd\n")
    assert doc.extensions["readability"]["long_sentences"] == 1  # type: ignore[index,call-overload]
    with pytest.raises(ConfigError, match="words_per_minute"):
        _pipeline(readability, {"readability": {"words_per_minute": -1}})


def test_plugin_follows_builtin_sentences(readability: ModuleType) -> None:
    pipeline = Pipeline.build(pm=make_plugin_manager(entry_points=False), plugins=[readability])
    order = [e.name for e in pipeline.extractors]
    assert order.index("readability") > order.index("sentences")
    doc = pipeline.parse((EXAMPLES / "article.txt").read_text(encoding="utf-8"))
    result = doc.extensions["readability"]
    assert isinstance(result, dict)
    assert result["sentences"] == len(doc.sentences) > 0


def test_plugin_entry_point_names_the_module() -> None:
    project = tomllib.loads((PLUGIN_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = project["project"]["entry-points"]["newsparse"]
    assert entry_points == {"readability": "newsparse_readability"}
    assert project["project"]["name"] == "newsparse-readability"
    assert (PLUGIN_DIR / "src" / "newsparse_readability" / "__init__.py").is_file()


def test_plugin_own_tests_pass(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN_DIR)],
        cwd=tmp_path,  # keeps hypothesis' example database out of the source tree
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
