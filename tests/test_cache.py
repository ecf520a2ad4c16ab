"""The derived-data cache: hits equal fresh builds, and nothing that goes wrong is fatal."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import _cache
from newsparse._cache import (
    cache_dir,
    cache_key,
    cached,
    compiled_pattern,
    dump_plain,
    load_plain,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "newsparse.plugins._entities"
DATA = "data/gazetteer.json"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache directory, named by ``NEWSPARSE_CACHE_DIR``."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSPARSE_CACHE_DIR", str(folder))
    monkeypatch.delenv("NEWSPARSE_NO_CACHE", raising=False)
    return folder


class Counter:
    """A builder that counts its calls."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.value


def _entries(folder: Path, name: str = "test") -> list[Path]:
    return sorted(folder.glob(f"{name}-*.pickle"))


# ---------------------------------------------------------------- settings


def test_cache_dir_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPARSE_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSPARSE_CACHE_DIR", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x"
    monkeypatch.setenv("NEWSPARSE_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.setenv("NEWSPARSE_CACHE_DIR", str(tmp_path / "x"))
    monkeypatch.setenv("NEWSPARSE_NO_CACHE", "1")
    assert cache_dir() is None
    monkeypatch.setenv("NEWSPARSE_NO_CACHE", "0")
    assert cache_dir() == tmp_path / "x"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG paths are for Linux/BSD")
def test_cache_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPARSE_NO_CACHE", raising=False)
    monkeypatch.delenv("NEWSPARSE_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "newsparse"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid: ignored
    assert cache_dir() == tmp_path / "home" / ".cache" / "newsparse"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == tmp_path / "home" / ".cache" / "newsparse"


# ------------------------------------------------------------------ cached()


def test_miss_builds_and_writes_then_hit_loads(cache: Path) -> None:
    value = {"a": [1, 2.5, None, True], ("k", 3): frozenset({"x"}), "b": b"\x00", "s": {1}}
    build = Counter(value)
    first = cached("test", build, package=PACKAGE, data=(DATA,))
    assert first == value and build.calls == 1
    assert len(_entries(cache)) == 1
    second = cached("test", build, package=PACKAGE, data=(DATA,))
    assert second == value and build.calls == 1  # loaded, not built


def test_off_builds_every_time_and_writes_nothing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSPARSE_NO_CACHE", "1")
    build = Counter([1, 2])
    assert cached("test", build, package=PACKAGE) == [1, 2]
    assert cached("test", build, package=PACKAGE) == [1, 2]
    assert build.calls == 2
    assert not cache.exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # one bit of the payload
        lambda blob: b"garbage" + blob,  # not a cache file
        lambda blob: b"",  # empty
    ],
)
def test_corrupt_entry_is_rebuilt(cache: Path, damage: Any) -> None:
    build = Counter({"table": list(range(100))})
    cached("test", build, package=PACKAGE)
    (path,) = _entries(cache)
    path.write_bytes(damage(path.read_bytes()))
    assert cached("test", build, package=PACKAGE) == {"table": list(range(100))}
    assert build.calls == 2
    # ... and written again, whole: the next call loads it.
    assert cached("test", build, package=PACKAGE) == {"table": list(range(100))}
    assert build.calls == 2


def test_unwritable_dir_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A directory below a regular file cannot be made (the test runs as root too).
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSPARSE_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("NEWSPARSE_NO_CACHE", raising=False)
    build = Counter({"x": 1})
    assert cached("test", build, package=PACKAGE) == {"x": 1}
    assert cached("test", build, package=PACKAGE) == {"x": 1}
    assert build.calls == 2


def test_unreadable_entry_is_rebuilt(cache: Path) -> None:
    build = Counter({"x": 1})
    cached("test", build, package=PACKAGE)
    (path,) = _entries(cache)
    path.unlink()
    path.mkdir()  # reading it fails (IsADirectoryError); writing over it fails too
    assert cached("test", build, package=PACKAGE) == {"x": 1}
    assert build.calls == 2


def test_only_plain_data_is_written(cache: Path) -> None:
    class Table:
        pass

    build = Counter({"x": Table()})
    assert cached("test", build, package=PACKAGE) is build.value
    assert not _entries(cache)
    with pytest.raises(TypeError, match="only plain data"):
        dump_plain([1, {"a": Table()}], b"k" * 32)


def test_a_pickle_naming_a_class_is_refused() -> None:
    # A well-formed entry whose payload would import a name (here a function).
    key = b"k" * 32
    payload = pickle.dumps(os.getcwd, protocol=5)
    good = dump_plain([], key)
    blob = good[: len(_cache._MAGIC) + 32] + _cache._check(payload) + payload
    with pytest.raises(pickle.UnpicklingError, match="may not import"):
        load_plain(blob, key)


def test_entry_for_another_key_is_refused() -> None:
    blob = dump_plain({"a": 1}, b"k" * 32)
    assert load_plain(blob, b"k" * 32) == {"a": 1}
    with pytest.raises(ValueError, match="another key"):
        load_plain(blob, b"j" * 32)


def test_old_entries_are_pruned(cache: Path) -> None:
    for n in range(_cache._KEEP + 3):
        cached("test", Counter(n), package=PACKAGE, extra=(str(n),))
    assert len(_entries(cache)) == _cache._KEEP


# ---------------------------------------------------------------------- keys


def _package(root: Path, name: str) -> Path:
    pkg = root / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "build.py").write_text("TABLE = 1\n")
    (pkg / "data.json").write_text('{"a": 1}')
    return pkg


def _touch(path: Path) -> None:
    # A modification time surely after the last one (file systems keep it coarse).
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_key_changes_with_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _package(tmp_path, "newsparse_cache_test_data")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = cache_key(pkg.name, ("data.json",))
    assert cache_key(pkg.name, ("data.json",)) == before  # stable
    (pkg / "data.json").write_text('{"a": 22}')  # another size
    after = cache_key(pkg.name, ("data.json",))
    assert after != before
    _touch(pkg / "data.json")  # the same size, a later time
    assert cache_key(pkg.name, ("data.json",)) != after
    after = cache_key(pkg.name, ("data.json",))
    assert cache_key(pkg.name, ("data.json",), extra=("v2",)) != after


def test_key_changes_with_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _package(tmp_path, "newsparse_cache_test_sources")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = cache_key(pkg.name)
    (pkg / "build.py").write_text("TABLE = 2\n")
    _touch(pkg / "build.py")
    _cache._sources_key.cache_clear()  # sources are read once per process
    assert cache_key(pkg.name) != before


def test_changed_data_file_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    pkg = _package(tmp_path, "newsparse_cache_test_rebuild")
    monkeypatch.syspath_prepend(str(tmp_path))

    def build() -> Any:
        return json.loads((pkg / "data.json").read_text())

    assert cached("test", build, package=pkg.name, data=("data.json",)) == {"a": 1}
    (pkg / "data.json").write_text('{"a": 2}')
    _touch(pkg / "data.json")
    assert cached("test", build, package=pkg.name, data=("data.json",)) == {"a": 2}


# --------------------------------------------------------- property, linearity

_PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.binary(),
    lambda inner: (
        st.lists(inner)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text() | st.integers(), inner)
        | st.frozensets(st.text() | st.integers())
    ),
    max_leaves=30,
)


@given(_PLAIN)
def test_plain_data_round_trips(value: Any) -> None:
    assert load_plain(dump_plain(value, b"k" * 32), b"k" * 32) == value


@given(_PLAIN, st.data())
def test_any_flipped_byte_is_detected(value: Any, data: st.DataObject) -> None:
    blob = bytearray(dump_plain(value, b"k" * 32))
    i = data.draw(st.integers(0, len(blob) - 1))
    blob[i] ^= data.draw(st.integers(1, 255))
    with pytest.raises(ValueError):
        load_plain(bytes(blob), b"k" * 32)


def test_load_time_is_linear() -> None:
    def best(n: int) -> float:
        blob = dump_plain({f"w{i}": (i, -i, i * 7) for i in range(n)}, b"k" * 32)
        times = []
        for _ in range(5):
            started = time.process_time()
            load_plain(blob, b"k" * 32)
            times.append(time.process_time() - started)
        return max(min(times), 1e-4)

    # 10x the entries: about 22x the time here (100,000 entries no longer fit in the
    # CPU caches); a quadratic load would take 100x.
    assert best(100_000) < 50 * best(10_000)


# ------------------------------------------------------- the shipped tables


def test_tagger_from_cache_equals_fresh_build(cache: Path) -> None:
    from newsparse.plugins._entities.stored import LazyWeights, stored_model
    from newsparse.plugins._entities.tagger import _WEIGHTS_FILE, _shipped_model

    fresh = _shipped_model()
    missed = stored_model(_shipped_model, _WEIGHTS_FILE)
    assert _entries(cache, "entities-tagger")
    hit = stored_model(_shipped_model, _WEIGHTS_FILE)
    for model in (missed, hit):
        assert model.tables == fresh.tables  # not part of the model's ==
        assert model.lexicon == fresh.lexicon
        assert isinstance(model.weights, LazyWeights)
        assert model == fresh  # weights (built on first use) and every other field
        assert dict(model.weights) == dict(fresh.weights)
    # The model still pickles (its weights as a plain dict).
    assert pickle.loads(pickle.dumps(hit.weights)) == dict(fresh.weights)


def test_gazetteer_from_cache_equals_fresh_build(cache: Path) -> None:
    from newsparse.plugins._entities import gazetteer

    load = gazetteer.load_gazetteer.__wrapped__
    fresh = gazetteer._compile(
        json.loads((ROOT / "src/newsparse/plugins/_entities/data/gazetteer.json").read_text())
    )
    missed = load()
    assert _entries(cache, "entities-gazetteer")
    hit = load()
    for gaz in (missed, hit):
        assert gaz == fresh
        assert list(gaz.phrases) == list(fresh.phrases)  # same order
        assert gaz.trie == fresh.trie


def test_stance_tables_from_cache_equal_fresh_build(cache: Path) -> None:
    from newsparse.plugins._stance import weights

    fresh = (weights._narrow_limit(), weights._packed_tables(weights._SHIFT))
    missed = weights._stored.__wrapped__()
    assert _entries(cache, "stance-weights")
    hit = weights._stored.__wrapped__()
    assert missed == fresh and hit == fresh
    assert type(hit[1]) is type(fresh[1])


def test_stance_lexicons_from_cache_equal_fresh_build(cache: Path) -> None:
    from newsparse.plugins._stance import clusters, valence

    for load, build, name in (
        (clusters.cluster_table, clusters._cluster_table, "stance-clusters"),
        (valence.valence_tables, valence._valence_tables, "stance-valence"),
    ):
        fresh = build()
        missed = load.__wrapped__()
        assert _entries(cache, name)
        assert missed == fresh and load.__wrapped__() == fresh


def test_cli_output_is_the_same_with_and_without_cache(tmp_path: Path) -> None:
    # Fresh interpreters: a miss (writes the cache), a hit, and the cache turned off.
    def run(**env: str) -> Any:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsparse",
                "parse",
                str(ROOT / "examples/article.txt"),
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "NEWSPARSE_NO_CACHE": "", **env},
        ).stdout
        record = json.loads(out)
        record.pop("pipeline", None)  # timings
        return record

    folder = str(tmp_path / "cache")
    missed = run(NEWSPARSE_CACHE_DIR=folder)
    assert sorted(p.name.rsplit("-", 1)[0] for p in Path(folder).glob("*.pickle")) == [
        "entities-gazetteer",
        "entities-tagger",
        "quotes-cue-letters",
        "quotes-cues",
        "stance-clusters",
        "stance-valence",
        "stance-weights",
    ]
    hit = run(NEWSPARSE_CACHE_DIR=folder)
    off = run(NEWSPARSE_CACHE_DIR="")
    assert missed == hit == off
    assert off["quotes"] and off["entities"]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:sa(?:id|y(?:s)?)|told)(?![\w'-])", 0),
        (rb" (?:ad(?:d(?:ed|s)?|mit(?:ted)?))(?= )", 0),
        (r"(?P<a>x)(y)(?P<b>\s+z)", re.IGNORECASE | re.VERBOSE),
    ],
)
def test_compiled_pattern_equals_re_compile(cache: Path, pattern: Any, flags: int) -> None:
    expected = re.compile(pattern, flags)
    missed = compiled_pattern("test", pattern, flags)
    assert _entries(cache)
    hit = compiled_pattern("test", pattern, flags)
    for compiled in (missed, hit):
        assert compiled == expected  # same pattern, flags and program
        assert compiled.groupindex == expected.groupindex
        assert compiled.groups == expected.groups


def test_compiled_pattern_without_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPARSE_NO_CACHE", "1")
    assert compiled_pattern("test", r"a|b") == re.compile(r"a|b")
