"""The derived-data cache: tables built from shipped data files, kept on disk once built.

The built-in extractors read their data files (tagger weights, gazetteer, stance
weights) and build lookup tables from them on first use: about a second of CPU
that every new process (the CLI on one file, a notebook's first call, each
``parse_many`` worker) would pay again. :func:`cached` keeps what a builder
returns in a pickle under :func:`cache_dir`, so the next process loads it instead.

An entry is keyed by what the tables are made from: the files of the package
that builds them (its data files and its Python sources, by size and
modification time, as Python's bytecode cache keys its ``.pyc`` files, so an
edit makes a new key), the newsparse, ``regex`` and Python versions; a new key
means a new build. Anything going wrong (no home directory, a read-only
or full disk, a truncated or corrupt file, a stale entry) only means the tables
are built as before: the cache is never required, and failures are logged at
debug level (logger ``newsparse.cache``), never raised.

Only plain data is stored: dicts, lists, tuples, sets, frozensets, strings, bytes,
numbers, booleans and ``None``. Writing anything else is refused, and reading
refuses any pickle that would import a name (a class, a function), so a cache
file can hold no code. Each file also carries a CRC-32 of its contents.

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
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, AnyStr, TypeVar

__all__ = [
    "ENV_DIR",
    "ENV_OFF",
    "cache_dir",
    "cache_key",
    "cached",
    "compiled_pattern",
    "dump_plain",
    "load_plain",
]

T = TypeVar("T")

#: Environment variable naming the cache directory ("" turns the cache off).
ENV_DIR = "NEWSPARSE_CACHE_DIR"
#: Environment variable that turns the cache off when set to anything but "" or "0".
ENV_OFF = "NEWSPARSE_NO_CACHE"

# File layout: magic, key digest, payload digest, payload (a pickle of plain data).
_MAGIC = b"newsparse-cache1"
_DIGEST = 32  # the key
_CHECK = 4  # the payload's CRC-32
_HEADER = len(_MAGIC) + _DIGEST + _CHECK
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


def cache_key(package: str | None, data: Iterable[str] = (), extra: Iterable[str] = ()) -> bytes:
    """Return the key of tables built by ``package`` from its ``data`` files.

    The key covers each data file and every Python source of the package, by
    size and modification time (any edit to the builder makes a new key); the
    newsparse, ``regex`` and Python versions; and ``extra`` strings. The sources
    are looked at once per process.

    Args:
        package: The importable package that holds the data and the builder;
            ``None`` for tables made from ``extra`` only.
        data: Data files, as paths relative to the package (``"data/x.json"``).
        extra: More strings the tables depend on.

    Raises:
        OSError: If a file cannot be found or read.
    """
    h = hashlib.blake2b(digest_size=_DIGEST)
    _feed(h, _process_key())
    if package is not None:
        _feed(h, _sources_key(package))
        root = resources.files(package)
        for name in data:
            _feed(h, name.encode())
            _feed(h, _stamp(root.joinpath(name)))
    for part in extra:
        _feed(h, part.encode())
    return h.digest()


def cached(
    name: str,
    build: Callable[[], T],
    *,
    package: str | None,
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


def compiled_pattern(name: str, pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """Return ``re.compile(pattern, flags)``, its compiled program kept in the cache.

    ``re`` compiles a pattern in Python (parse, then code generation): a pattern
    of thousands of alternatives takes tens of milliseconds, in every new
    process. The program (a list of integers) is plain data; it is cached per
    Python build and pattern, and the pattern object made from it by ``_sre``, as
    ``re`` does (which checks the program). Without those internals, or if
    anything fails, the pattern is compiled as usual. The result equals
    ``re.compile(pattern, flags)``.

    Args:
        name: The cache entry's name prefix (one per pattern kept).
        pattern: The regular expression.
        flags: ``re`` flags.
    """
    flags = int(flags)
    try:
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _parser  # type: ignore[attr-defined]

        raw = pattern if isinstance(pattern, bytes) else pattern.encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(raw, digest_size=_DIGEST).hexdigest()

        def build() -> list[Any]:
            tree = _parser.parse(pattern, flags)
            # (Opcodes are int subclasses: kept as the plain ints they are.)
            code = list(map(int, _compiler._code(tree, flags)))
            state = tree.state
            indexgroup: list[str | None] = [None] * state.groups
            for group, index in state.groupdict.items():
                indexgroup[index] = group
            return [flags | state.flags, code, state.groups - 1, dict(state.groupdict), indexgroup]

        extra = (f"re {_sre.MAGIC} {type(pattern).__name__} {flags} {digest}",)
        full, code, groups, groupindex, indexgroup = cached(name, build, package=None, extra=extra)
        compiled: re.Pattern[AnyStr] = _sre.compile(
            pattern, full, code, groups, groupindex, tuple(indexgroup)
        )
    except Exception as exc:  # other Python internals: compile as usual
        _debug("cache: pattern %s not from its program (%s: %s)", name, type(exc).__name__, exc)
        return re.compile(pattern, flags)
    return compiled


def dump_plain(value: object, key: bytes) -> bytes:
    """Return the cache file contents for ``value`` under ``key``.

    Raises:
        TypeError: If ``value`` holds anything but plain data.
    """
    buffer = io.BytesIO()
    _PlainPickler(buffer, protocol=_PROTOCOL).dump(value)
    payload = buffer.getvalue()
    return _MAGIC + key + _check(payload) + payload


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
    if _check(payload) != blob[_HEADER - _CHECK : _HEADER]:
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
    # What every entry of this process depends on: the format, the Python,
    # newsparse and ``regex`` versions (read once per process).
    import regex  # the builders tokenise with it (its Unicode tables are versioned)

    try:
        from importlib.metadata import version

        ours = version("newsparse")
    except Exception:  # not installed (a source tree on sys.path): the files still count
        ours = "unknown"
    parts = (_MAGIC.decode(), sys.version, sys.implementation.cache_tag, ours, regex.__version__)
    return repr(parts).encode()


@cache
def _sources_key(package: str) -> bytes:
    # The package's Python sources (looked at once per process): editing a
    # builder makes new keys, even without a new version (an editable install).
    h = hashlib.blake2b(digest_size=_DIGEST)
    root = resources.files(package)
    sources = sorted(
        (item.name, item) for item in root.iterdir() if item.name.endswith(".py") and item.is_file()
    )
    for name, item in sources:
        _feed(h, name.encode())
        _feed(h, _stamp(item))
    return h.digest()


def _debug(message: str, *args: object) -> None:
    # logging is imported only when there is something to say (a miss, a failure).
    import logging

    logging.getLogger("newsparse.cache").debug(message, *args)


def _stamp(item: Any) -> bytes:
    # A file on disk by its size and modification time, as Python's own
    # bytecode cache does (hashing the 2.5 MB of data files at every start
    # would cost a tenth of what the cache saves); other resources (a zip
    # import) by their bytes.
    if isinstance(item, Path):
        st = item.stat()
        return f"{st.st_size} {st.st_mtime_ns}".encode()
    data: bytes = item.read_bytes()
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


def _check(data: bytes | memoryview) -> bytes:
    # A CRC-32 of the payload: it finds a damaged file (a flipped bit, a
    # truncation) at a few instructions a byte; the key is in the header.
    return zlib.crc32(data).to_bytes(_CHECK, "little")


def _feed(h: Any, part: bytes) -> None:
    # Length-prefixed, so that parts cannot run into each other.
    h.update(len(part).to_bytes(8, "little"))
    h.update(part)
