"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat

import regex

__all__ = [
    "chunk_positions",
    "iter_tokens",
    "shape",
    "token_offset",
    "tokenize",
    "tokenize_chunks",
]

# Splitting on the tokens (a capturing group) returns the gaps between them and the tokens
# in turn, and the gaps are whitespace (any visible character is a token), so one
# ``split`` gives the words and the lengths whose running sum gives the offsets: no match
# object per token. Few alternatives, tried in order of frequency, in the faster standard
# ``re`` engine; possessive quantifiers match the same text (what follows a run never
# starts inside it) without keeping backtracking points.
_TOKEN_SPLIT_RE = re.compile(
    r"""
    ( \w++(?:[-&./]\w++|['\u2019](?!s\b)\w++)*+\.?  # words (inner hyphens, O'Neill, U.S.)
    | ['\u2019]s\b                                    # possessive 's, split as in CoNLL
    | \S                                              # any other visible character
    )
    """,
    re.VERBOSE,
)
# A trailing period stays on abbreviations (U.S., Mr., Corp.) and initials before a name.
_ABBREV_RE = regex.compile(
    r"""
    (?:[^\W\d_]\.)+                                  # U.S. / J.
    | (?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof
       |Inc|Corp|Co|Ltd|Bros|Mt|Ft|Adm|Maj|Cmdr|Pres|Supt)\.
    """,
    regex.VERBOSE,
)
_NAME_AFTER_RE = regex.compile(r"\s+\p{Lu}")


_SHAPE_RE = regex.compile(r"(\p{Lu}+)|(\p{Ll}+)|(\d+)|([^\p{L}\d]+)|(\p{L}+)")


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the tokens of ``text[start:end]``."""
    _, starts, ends = tokenize(text, start, len(text) if end is None else end)
    return list(zip(starts, ends, strict=True))


def tokenize(text: str, start: int, stop: int) -> tuple[list[str], list[int], list[int]]:
    """Return the tokens of ``text[start:stop]``: their words, starts and ends."""
    # The slice ends the text where ``stop`` does, as ``endpos`` would; the pattern does
    # not look behind a token's start, so cutting at ``start`` changes nothing either.
    parts = _TOKEN_SPLIT_RE.split(text[start:stop])
    if len(parts) == 1:
        return [], [], []
    # Gap and token lengths alternate; their running sum gives every token's offsets.
    pos = list(accumulate(map(len, parts), initial=start))
    starts = pos[1:-1:2]
    ends = pos[2::2]
    words = parts[1::2]
    # Words ending in a period (found at C speed): most lose it ("said." -> "said", ".").
    cuts = [
        k
        for k in compress(count(), map(str.endswith, words, repeat(".")))
        if len(words[k]) > 1
        and not (
            _is_abbreviation(words[k])
            # A single-letter initial ("J.") keeps its period only before a capitalised word.
            and (len(words[k]) != 2 or _NAME_AFTER_RE.match(text, ends[k], stop) is not None)
        )
    ]
    return _cut_periods(words, starts, ends, cuts) if cuts else (words, starts, ends)


def tokenize_chunks(text: str, start: int, stop: int) -> tuple[list[str], list[str], list[str]]:
    """Return the words of :func:`tokenize` for ``text[start:stop]``, lower-cased words, chunks.

    Tokens never cross whitespace, so the text is split at whitespace first (at C speed)
    into *chunks*, and each chunk's tokens are looked up in a cache by chunk (most are
    words seen before): no Python step per chunk. Lower-cased words are those of
    :func:`.tagger.lower_all` (each token lower-cased on its own).

    No offsets are made: every visible character is in exactly one token, in order, so
    a token's offset follows from the lengths of the tokens and chunks before it
    (see :func:`token_offset`). ``chunks`` are the whitespace-separated chunks.
    """
    chunks = text[start:stop].split()
    words = list(chain.from_iterable(map(_WORDS.__getitem__, chunks)))
    if _DEPENDENT and not _DEPENDENT.isdisjoint(chunks):
        # A chunk ending in an initial ("J."): whether it keeps its period depends on
        # the next word (and on which characters the period rule takes for spaces).
        words = tokenize(text, start, stop)[0]
        return words, list(map(str.lower, words)), chunks
    return words, list(chain.from_iterable(map(_LOWERS.__getitem__, chunks))), chunks


class _ChunkWords(dict[str, tuple[str, ...]]):
    """Chunk -> its tokens (computed on first use, bounded)."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= _CHUNKS_MAX:
            # _DEPENDENT is kept: a clear in the middle of a unit's chunks would
            # otherwise forget a dependent chunk met before it. A stale entry only
            # sends its units down the exact slow path; such chunks are few (initials).
            self.clear()
        if chunk.isalnum():  # the pattern's ``\\w`` is ``str.isalnum`` or ``_``
            words: tuple[str, ...] = (chunk,)
        else:
            words, dependent = _split_chunk(chunk)
            if dependent:
                _DEPENDENT.add(chunk)
        self[chunk] = words
        return words


class _ChunkLowers(dict[str, tuple[str, ...]]):
    """Chunk -> its tokens lower-cased (computed on first use, bounded)."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= _CHUNKS_MAX:
            self.clear()
        lowers = self[chunk] = tuple(map(str.lower, _WORDS[chunk]))
        return lowers


def _split_chunk(chunk: str) -> tuple[tuple[str, ...], bool]:
    # The tokens of one whitespace-free chunk when no capitalised word follows it, and
    # whether that matters (its last token is an initial: "J." before "Smith").
    parts = _TOKEN_SPLIT_RE.split(chunk)
    words = parts[1::2]
    last = len(words) - 1
    out: list[str] = []
    dependent = False
    for k, word in enumerate(words):
        if len(word) > 1 and word[-1] == "." and not (_is_abbreviation(word) and len(word) != 2):
            if k == last and len(word) == 2 and _is_abbreviation(word):
                dependent = True
            out += (word[:-1], ".")
        else:
            out.append(word)
    return tuple(out), dependent


#: Bound on the cached chunks (each cache is cleared when reached).
_CHUNKS_MAX = 50_000
_WORDS = _ChunkWords()
_LOWERS = _ChunkLowers()
#: Chunks (seen since start-up) whose tokens depend on what follows them.
_DEPENDENT: set[str] = set()


def chunk_positions(text: str, start: int, stop: int, chunks: Sequence[str]) -> list[int] | None:
    """Return the offsets of the chunks of ``text[start:stop]``, or ``None`` when implied.

    In most units one whitespace character separates the chunks and none surrounds
    them: a chunk's offset is then ``start`` plus the lengths of the chunks before it
    plus their count, and nothing is searched (see :func:`token_offset`).
    """
    if stop - start == sum(map(len, chunks)) + len(chunks) - 1:
        return None
    return [m.start() for m in _CHUNK_RE.finditer(text, start, stop)]


def token_offset(
    start: int, sums: Sequence[int], positions: Sequence[int] | None, before: int
) -> int:
    """Return the offset of a token of a unit from the lengths of the tokens before it.

    Args:
        start: The offset of the unit (as given to :func:`tokenize_chunks`).
        sums: The running sum of its chunks' lengths, from 0 (one more than chunks).
        positions: :func:`chunk_positions` of the unit.
        before: The summed lengths of the unit's tokens before the token (every visible
            character is in one token, so this counts the visible characters before it).
    """
    c = bisect_right(sums, before) - 1
    if positions is None:
        return start + before + c
    return positions[c] + before - sums[c]


_CHUNK_RE = re.compile(r"\S+")


def _cut_periods(
    words: list[str], starts: list[int], ends: list[int], cuts: list[int]
) -> tuple[list[str], list[int], list[int]]:
    if len(cuts) <= _FEW_CUTS:
        # Usually one cut, at the end of a sentence: insert in place (from the back, so
        # the indices still to visit stay valid).
        for k in reversed(cuts):
            b = ends[k]
            words[k : k + 1] = [words[k][:-1], "."]
            starts[k : k + 1] = [starts[k], b - 1]
            ends[k : k + 1] = [b - 1, b]
        return words, starts, ends
    return _rebuild_cut(words, starts, ends, cuts)


def _rebuild_cut(
    words: list[str], starts: list[int], ends: list[int], cuts: list[int]
) -> tuple[list[str], list[int], list[int]]:
    # One pass over the lists (not an insertion per cut), so many cuts stay linear.
    new_words: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    done = 0
    for k in cuts:
        new_words += words[done:k]
        new_starts += starts[done:k]
        new_ends += ends[done:k]
        b = ends[k]
        new_words += (words[k][:-1], ".")
        new_starts += (starts[k], b - 1)
        new_ends += (b - 1, b)
        done = k + 1
    new_words += words[done:]
    new_starts += starts[done:]
    new_ends += ends[done:]
    return new_words, new_starts, new_ends


#: Up to this many cuts are inserted in place (each insertion moves the rest of a list).
_FEW_CUTS = 4


@lru_cache(maxsize=1 << 14)
def _is_abbreviation(word: str) -> bool:
    # The pattern looks at nothing around the word, so the word alone decides (cached:
    # the same few words end sentences over and over).
    return _ABBREV_RE.fullmatch(word) is not None


def shape(word: str) -> str:
    """Return a compressed shape: ``Kim`` -> ``Xx``, ``U.S.`` -> ``X.X.``, ``1996`` -> ``d``."""
    parts = []
    for m in _SHAPE_RE.finditer(word):
        group = m.lastindex
        parts.append(
            "X"
            if group == 1
            else "x"
            if group == 2
            else "d"
            if group == 3
            else m.group()
            if group == 4
            else "L"
        )
    out = "".join(parts)
    return out if len(out) <= 8 else out[:8]
