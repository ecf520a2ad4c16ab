"""The ids a batch keeps: those it has given, and those of an output it resumes.

Both are tables of 8-byte digests in flat arrays rather than sets of strings, so a
batch of a million records keeps a few tens of MB of ids, not hundreds.
"""

from __future__ import annotations

import hashlib
import json
import os
from array import array
from collections.abc import Iterator
from typing import IO

import regex

__all__ = ["DoneIds", "IdSet", "line_id", "output_ids", "scan_done"]

# model_dump_json writes "id" first: read it without parsing the whole line.
_ID_PREFIX_RE = regex.compile(rb'\{"id":("(?:[^"\\]|\\.)*")')


class IdSet:
    """The ids given so far, as 8-byte digests in one array: about 16 bytes an id.

    A ``set`` of the id strings takes 100 bytes an id for ``gen0001234``, 180 for
    a URL; this keeps a batch's memory small however many records it writes.
    Exact for ids that were added (equal strings, equal digests: no id is ever
    given twice). Two different ids share a 64-bit digest with a probability of
    about n²/2⁶⁵ (3 in 10⁸ for a million ids); the later one is then taken as
    seen and gets a ``#2`` it did not need: still unique, and the same on every
    run, so ``--resume`` is not misled.
    """

    __slots__ = ("_count", "_mask", "_slots")

    def __init__(self) -> None:
        self._slots = array("Q", bytes(8 * 1024))  # open addressing; 0 marks a free slot
        self._mask = 1023
        self._count = 0

    @staticmethod
    def _key(text: str) -> int:
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little") | 1  # never 0

    def _slot(self, key: int) -> int:
        """The slot holding ``key``, or the free slot where it would go (linear probing)."""
        slots, mask = self._slots, self._mask
        i = (key >> 1) & mask
        while True:
            found = slots[i]
            if found == key or found == 0:
                return i
            i = (i + 1) & mask

    def __contains__(self, text: str) -> bool:
        """Tell whether ``text`` was added (see the class docstring)."""
        return self._slots[self._slot(self._key(text))] != 0

    def __len__(self) -> int:
        """The number of ids added."""
        return self._count

    def add(self, text: str) -> None:
        """Add ``text``."""
        key = self._key(text)
        i = self._slot(key)
        if self._slots[i] == 0:
            self._slots[i] = key
            self._count += 1
            if 2 * self._count > len(self._slots):
                self._grow()

    def _grow(self) -> None:
        old = self._slots
        self._slots = array("Q", bytes(16 * len(old)))
        self._mask = len(self._slots) - 1
        for key in old:
            if key:
                self._slots[self._slot(key)] = key


def output_ids(path: str | os.PathLike[str], *, truncate: bool) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, id)`` of each complete record line of a JSON Lines output.

    A last line without its newline was cut by a kill; with ``truncate`` it is
    removed so that appending starts on a fresh line.
    """
    end = 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            record_id = line_id(raw)
            if record_id is not None:
                yield end, record_id
            end += len(raw)
    if truncate and end != os.path.getsize(path):
        with open(path, "r+b") as fh:
            fh.truncate(end)


class DoneIds:
    """The ids of the records an output holds (``--resume``): 32-64 bytes an id.

    A table of 8-byte digests as :class:`IdSet`, each with the offset of its
    line in the output instead of the id itself (a ``set`` of the strings takes
    100-180 bytes an id). A digest that matches is confirmed by reading the id
    at that offset, so membership is exact: an input is skipped only if a record
    with its very id is in the file. The lines read are complete lines before
    the end the scan found, which appending does not change.
    """

    __slots__ = ("_count", "_fh", "_keys", "_mask", "_offsets", "_path")

    _key = staticmethod(IdSet._key)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = path
        self._keys = array("Q", bytes(8 * 1024))  # 0 marks a free slot
        self._offsets = array("Q", bytes(8 * 1024))
        self._mask = 1023
        self._count = 0
        self._fh: IO[bytes] | None = None

    def __len__(self) -> int:
        """The number of records scanned."""
        return self._count

    def add(self, record_id: str, offset: int) -> None:
        """Add the record ``record_id`` whose line starts at ``offset`` (repeats kept)."""
        self._put(self._key(record_id), offset)
        self._count += 1
        if 2 * self._count > len(self._keys):
            keys, offsets = self._keys, self._offsets
            self._keys = array("Q", bytes(16 * len(keys)))
            self._offsets = array("Q", bytes(16 * len(keys)))
            self._mask = len(self._keys) - 1
            for key, offset in zip(keys, offsets, strict=True):
                if key:
                    self._put(key, offset)

    def _put(self, key: int, offset: int) -> None:
        keys, mask = self._keys, self._mask
        i = (key >> 1) & mask
        while keys[i]:
            i = (i + 1) & mask
        keys[i] = key
        self._offsets[i] = offset

    def __contains__(self, record_id: str) -> bool:
        """Tell whether a record with exactly this id is in the output."""
        key = self._key(record_id)
        keys, mask = self._keys, self._mask
        i = (key >> 1) & mask
        while keys[i]:
            if keys[i] == key and self._id_at(self._offsets[i]) == record_id:
                return True
            i = (i + 1) & mask
        return False

    def _id_at(self, offset: int) -> str | None:
        if self._fh is None:
            self._fh = open(self._path, "rb")  # noqa: SIM115 - closed by close()
        self._fh.seek(offset)
        head = self._fh.readline(512)  # the id comes first: rarely longer than this
        record_id = line_id(head)
        if record_id is None and not head.endswith(b"\n"):
            self._fh.seek(offset)
            record_id = line_id(self._fh.readline())
        return record_id

    def close(self) -> None:
        """Close the output file opened to confirm ids."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def scan_done(path: str | os.PathLike[str]) -> DoneIds:
    """Read the ids of an output to resume, cutting a last line left half written."""
    done = DoneIds(path)
    for offset, record_id in output_ids(path, truncate=True):
        done.add(record_id, offset)
    return done


def line_id(raw: bytes) -> str | None:
    match = _ID_PREFIX_RE.match(raw)
    try:
        if match:
            return str(json.loads(match.group(1)))
        return str(json.loads(raw)["id"])
    except (ValueError, KeyError, TypeError):
        return None
