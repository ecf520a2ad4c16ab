"""Shared fixtures: a fresh plugin manager per test, and the optional corpora."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pluggy
import pytest
from hypothesis import settings

from newsparse import make_plugin_manager

# Property tests check what a parse returns, not how long one example takes: on a shared
# or loaded machine Hypothesis' 200 ms deadline per example fails them at random. Speed
# is checked by the linearity tests (best of several CPU timings) and the benchmarks.
settings.register_profile("newsparse", deadline=None)
settings.load_profile("newsparse")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the derived-data cache of a test run out of the user's own cache folder."""
    before = os.environ.get("NEWSPARSE_CACHE_DIR")
    os.environ["NEWSPARSE_CACHE_DIR"] = str(tmp_path_factory.mktemp("newsparse-cache"))
    yield
    if before is None:
        del os.environ["NEWSPARSE_CACHE_DIR"]
    else:
        os.environ["NEWSPARSE_CACHE_DIR"] = before


@pytest.fixture
def pm() -> pluggy.PluginManager:
    """A new plugin manager with the built-ins and no installed entry points."""
    return make_plugin_manager(entry_points=False)


@pytest.fixture
def shared_dir() -> Path:
    """The read-only ``../shared`` folder; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (evaluation corpora are optional)")
    return SHARED


@pytest.fixture
def seed_text(shared_dir: Path) -> str:
    """The seed article from ``../shared/seed/article.txt``."""
    path = shared_dir / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip("seed article not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def example_text() -> str:
    """The example article shipped in ``examples/article.txt``."""
    return (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
