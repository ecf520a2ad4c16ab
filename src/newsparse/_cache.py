"""The derived-data cache: tables built from shipped data files, kept on disk once built.

The built-in extractors read their data files (tagger weights, gazetteer, stance
weights) and build lookup tables from them on first use: about a second of CPU
that every new process (the CLI on one file, a notebook's first call, each
``parse_many`` worker) would pay again. :func:`cached` keeps what a builder
returns in a pickle under :func:`cache_dir`, so the next process loads it instead.

An entry is keyed by what the tables are made from: the bytes of the files of
the package that builds them (its data files and its Python sources, so a new
newsparse version or an edit makes a new key), the ``regex`` version and the
Python version; a new key means a new build. Anything going wrong (no home directory, a read-only
or full disk, a truncated or corrupt file, a stale entry) only means the tables
are built as before: the cache is never required, and failures are logged at
debug level (logger ``newsparse.cache``), never raised.

Only plain data is stored: dicts, lists, tuples, sets, frozensets, strings, bytes,
numbers, booleans and ``None``. Writing anything else is refused, and reading
refuses any pickle that would import a name (a class, a function), so a cache
file can hold no code. Each file also carries a digest of its contents.

Settings (environment variables):

* ``NEWSPARSE_CACHE_DIR``: the directory to use; empty turns the cache off.
* ``NEWSPARSE_NO_CACHE=1``: turns the cache off.
* Otherwise ``$XDG_CACHE_HOME/newsparse`` (``~/.cache/newsparse``) on Linux and
  other POSIX systems, ``~/Library/Caches/newsparse`` on macOS and
  ``%LOCALAPPDATA%/newsparse/Cache`` on Windows.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["ENV_DIR", "ENV_OFF", "cache_dir", "cache_key", "cached", "dump_plain", "load_plain"]

T = TypeVar("T")

#: Environment variable naming the cache directory ("" turns the cache off).
ENV_DIR = "NEWSPARSE_CACHE_DIR"
#: Environment variable that turns the cache off when set to anything but "" or "0".
ENV_OFF = "NEWSPARSE_NO_CACHE"

# File layout: magic, key digest, payload digest, payload (a pickle of plain data).
_MAGIC = b"newsparse-cache1"
_DIGEST = 32
_HEADER = len(_MAGIC) + 2 * _DIGEST
_PROTOCOL = 5
# Entries kept per name: old keys (other checkouts, other Python versions) are
# pruned beyond this, oldest first.
_KEEP = 4
# Exact types pickle writes without asking reducer_override (see dump_plain).
_PLAIN = (type(None), bool, int, float, complex, str, bytes, tuple, list, dict, set, frozenset)


def cache_dir() -> Path | None:
    """Return the cache directory the settings name, or ``None`` when it is off.

    The directory need not exist yet; it is made when an entry is first written.
    """
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    chosen = os.environ.get(ENV_DIR)
    if chosen is not None:
        return Path(chosen) if chosen else None
    try:
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA")
            base = Path(local) if local else Path.home() / "AppData" / "Local"
            return base / "newsparse" / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "newsparse"
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG spec says a relative path is invalid and must be ignored.
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None
    return base / "newsparse"


def cache_key(package: str, data: Iterable[str] = (), extra: Iterable[str] = ()) -> bytes:
    """Return the key of tables built by ``package`` from its ``data`` files.

    The key covers the bytes of each data file and of every Python source of the
    package (any edit to the builder, any new release, makes a new key), the
    ``regex`` version, the Python version and ``extra`` strings. The sources are
    read once per process.

    Args:
        package: The importable package that holds the data and the builder.
        data: Data files, as paths relative to the package (``"data/x.json"``).
        extra: More strings the tables depend on.

    Raises:
        OSError: If a file cannot be read.
    """
    h = hashlib.blake2b(digest_size=_DIGEST)
    _feed(h, _process_key())
    _feed(h, _sources_key(package))
    root = resources.files(package)
    for name in data:
        _feed(h, name.encode())
        _feed(h, root.joinpath(name).read_bytes())
    for part in extra:
        _feed(h, part.encode())
    return h.digest()


def cached(
    name: str,
    build: Callable[[], T],
    *,
    package: str,
    data: Iterable[str] = (),
    extra: Iterable[str] = (),
) -> T:
    """Return ``build()``, loaded from the cache when it holds a fresh entry.

    ``build`` must return plain data (see the module docstring). On a miss it is
    called and its result written to the cache; when the cache is off, cannot be
    read or written, or the result is not plain data, the result is just returned.

    Args:
        name: The entry's file name prefix (letters, digits, ``-`` and ``_``).
        build: Makes the tables from the data files.
        package: The package of the data files and of the builder (see :func:`cache_key`).
        data: Its data files the tables are made from.
        extra: More strings the tables depend on.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = cache_key(package, data, extra)
    except OSError as exc:
        _debug("cache: cannot key %s (%s); building it", name, exc)
        return build()
    path = folder / f"{name}-{key.hex()[:24]}.pickle"
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError as exc:
        _debug("cache: cannot read %s (%s); building it", path, exc)
    else:
        try:
            value: T = load_plain(blob, key)
        except Exception as exc:  # any damage to the file: build it again
            _debug("cache: %s is unusable (%s: %s); building it", path, type(exc).__name__, exc)
        else:
            return value
    value = build()
    try:
        blob = dump_plain(value, key)
    except TypeError as exc:
        _debug("cache: %s is not plain data (%s); not cached", name, exc)
        return value
    _write(folder, path, blob, name)
    return value


def dump_plain(value: object, key: bytes) -> bytes:
    """Return the cache file contents for ``value`` under ``key``.

    Raises:
        TypeError: If ``value`` holds anything but plain data.
    """
    buffer = io.BytesIO()
    _PlainPickler(buffer, protocol=_PROTOCOL).dump(value)
    payload = buffer.getvalue()
    return _MAGIC + key + _digest(payload) + payload


def load_plain(blob: bytes, key: bytes) -> Any:
    """Return the value stored in cache file contents ``blob``.

    Raises:
        ValueError: If the file is not a cache file, is for another key or is damaged.
        pickle.UnpicklingError: If the pickle would import a name.
    """
    if len(blob) < _HEADER or not blob.startswith(_MAGIC):
        raise ValueError("not a newsparse cache file")
    if blob[len(_MAGIC) : len(_MAGIC) + _DIGEST] != key:
        raise ValueError("the entry is for another key")
    payload = memoryview(blob)[_HEADER:]
    if _digest(payload) != blob[_HEADER - _DIGEST : _HEADER]:
        raise ValueError("the contents do not match their digest")
    # Unpickling makes hundreds of thousands of containers: without the cyclic
    # collector running over and over meanwhile it takes about half the time
    # (plain data holds no cycles to collect).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _PlainUnpickler(io.BytesIO(payload)).load()
    finally:
        if enabled:
            gc.enable()


class _PlainPickler(pickle.Pickler):
    # Called for every object pickle does not write itself (anything but the
    # exact built-in types of _PLAIN): refused, so no entry can name a class.
    def reducer_override(self, obj: object) -> Any:
        if type(obj) in _PLAIN:
            return NotImplemented
        raise TypeError(f"cannot cache a {type(obj).__qualname__}: only plain data")


class _PlainUnpickler(pickle.Unpickler):
    # Plain data never needs a global: a pickle that asks for one was not written here.
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a cache entry may not import {module}.{name}")


def _write(folder: Path, path: Path, blob: bytes, name: str) -> None:
    # Written to a temporary file then renamed: readers (other processes, the
    # workers of a batch) see the whole file or none.
    try:
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # only to write (a miss): not imported on a hit

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):  # not renamed: the write failed
                os.unlink(tmp)
    except OSError as exc:
        _debug("cache: cannot write %s (%s); not cached", path, exc)
        return
    _debug("cache: wrote %s", path)
    _prune(folder, name)


def _prune(folder: Path, name: str) -> None:
    try:
        entries = sorted(
            folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[_KEEP:]:
            old.unlink()
    except OSError as exc:
        _debug("cache: cannot prune old %s entries (%s)", name, exc)


@cache
def _process_key() -> bytes:
    # What every entry of this process depends on: the format, the Python and
    # ``regex`` versions. (Not newsparse's version: the files the tables are made
    # from are hashed, which a new version or an edit in a source tree changes.)
    import regex  # the builders tokenise with it (its Unicode tables are versioned)

    parts = (_MAGIC.decode(), sys.version, sys.implementation.cache_tag, regex.__version__)
    return repr(parts).encode()


@cache
def _sources_key(package: str) -> bytes:
    # The package's Python sources (read once per process): editing a builder
    # makes new keys, even without a new version (an editable install).
    h = hashlib.blake2b(digest_size=_DIGEST)
    root = resources.files(package)
    sources = sorted(
        (item.name, item) for item in root.iterdir() if item.name.endswith(".py") and item.is_file()
    )
    for name, item in sources:
        _feed(h, name.encode())
        _feed(h, item.read_bytes())
    return h.digest()


def _debug(message: str, *args: object) -> None:
    # logging is imported only when there is something to say (a miss, a failure).
    import logging

    logging.getLogger("newsparse.cache").debug(message, *args)


def _digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


def _feed(h: Any, part: bytes) -> None:
    # Length-prefixed, so that parts cannot run into each other.
    h.update(len(part).to_bytes(8, "little"))
    h.update(part)
