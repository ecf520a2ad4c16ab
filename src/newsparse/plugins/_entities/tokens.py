"""Tokenise text into CoNLL-like tokens and describe each token's shape.

Tokens never cross whitespace, so text that is already tokenised (words joined by
single spaces, as in CoNLL-2003 documents) keeps its token boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat

import regex

__all__ = [
    "END",
    "SEPARATOR",
    "START",
    "chunk_positions",
    "iter_tokens",
    "lower_words",
    "shape",
    "token_offset",
    "tokenize",
    "tokenize_units",
    "unit_chunks",
]

#: Sentence padding in a document's token list (see :func:`.tagger.tag_tokens`): read as
#: the end of the sentence before it (twice, for ``nw`` and ``nw2``) and as the start of
#: the next. Neither string can be a token (``<`` and ``>`` are tokens of their own).
START = "<s>"
END = "</s>"
SEPARATOR: tuple[str, ...] = (END, END, START, START)
#: A chunk standing for the padding between units in :func:`tokenize_units` (a text that
#: holds it is tokenised unit by unit).
_SENTINEL = "\x00"
_JOINER = f" {_SENTINEL} "

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
_CAPITAL_RE = regex.compile(r"\p{Lu}")
#: Characters that split chunks (``str.split``) but are no ``\s`` to ``_NAME_AFTER_RE``.
_ODD_SPACE_RE = re.compile("[\x1c-\x1f]")


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


def tokenize_units(
    text: str, units: Sequence[tuple[int, int]]
) -> tuple[list[str], list[str], list[str] | None]:
    """Return the words of :func:`tokenize` for every unit ``text[s:e]``, and lower-cased.

    Each unit's words follow :data:`SEPARATOR`, and the last unit's are followed by it
    too, so the words are the units' tokens joined as :func:`.tagger.pad_sentences` joins
    them. Lower-cased words are those of :func:`.tagger.lower_all` (each token on its
    own), from a cache by token.

    Tokens never cross whitespace, so the units are joined by a sentinel chunk and split
    at whitespace once (at C speed) into *chunks*; each chunk's tokens come from a cache
    (most are words seen before), the sentinel's are the padding: no Python step per
    unit or chunk. A chunk ending in an initial ("J.") keeps its period only before a
    capitalised chunk (see :func:`tokenize`), which is checked afterwards. No offsets
    are made: every visible character is in exactly one token, in order, so a token's
    offset follows from the lengths of the tokens and chunks before it (see
    :func:`token_offset`).

    Returns:
        The words, the lower-cased words, and the chunks of all units with the sentinel
        between units (:func:`unit_chunks` reads a unit's); ``None`` for a text that holds
        the sentinel itself (then each unit is tokenised on its own).
    """
    if _SENTINEL in text:
        words = _tokenize_each(text, units)
        return words, list(map(_LOWER.__getitem__, words)), None
    chunks = _JOINER.join([text[s:e] for s, e in units]).split()
    words = [*SEPARATOR, *chain.from_iterable(map(_WORDS.__getitem__, chunks)), *SEPARATOR]
    if _DEPENDENT and not _DEPENDENT.isdisjoint(chunks):
        if _ODD_SPACE_RE.search(text) is None:
            _keep_initials(words, chunks)
        else:
            words = _tokenize_each(text, units)
    return words, list(map(_LOWER.__getitem__, words)), chunks


def _tokenize_each(text: str, units: Sequence[tuple[int, int]]) -> list[str]:
    # The exact (slower) way: each unit on its own.
    words = list(SEPARATOR)
    for s, e in units:
        words += tokenize(text, s, e)[0]
        words += SEPARATOR
    return words


def _keep_initials(words: list[str], chunks: list[str]) -> None:
    # A chunk ending in an initial ("J.") is cached as if no name followed it ("J", ".");
    # where a capitalised chunk of its unit follows, the initial keeps its period, as in
    # ``tokenize``: the space between them is all ``\s`` (no odd space in the text) and
    # the next chunk's first character is the one after it (the sentinel is no capital).
    # Such chunks are few: the tokens before each are counted up to it only (no running
    # sum over every chunk), then merged from the back so earlier indices stay valid.
    last = len(chunks) - 1
    ends = []
    end = len(SEPARATOR)
    done = 0
    for k in compress(count(), map(_DEPENDENT.__contains__, chunks)):
        if k < last and _CAPITAL_RE.match(chunks[k + 1]) is not None:
            end += sum(map(len, map(_WORDS.__getitem__, chunks[done : k + 1])))
            done = k + 1
            ends.append(end)
    for end in reversed(ends):
        words[end - 2 : end] = [words[end - 2] + "."]


def unit_chunks(chunks: list[str], begin: int) -> tuple[list[str], int]:
    """Return the chunks of the unit whose chunks begin at ``begin``, and the next unit's begin.

    ``chunks`` are those of :func:`tokenize_units`; the first unit's begin at 0.
    """
    try:
        end = chunks.index(_SENTINEL, begin)
    except ValueError:
        end = len(chunks)
    return chunks[begin:end], end + 1


def lower_words(words: Iterable[str]) -> list[str]:
    """Return the lower-cased words as :func:`tokenize_units` does (same object if unchanged)."""
    return list(map(_LOWER.__getitem__, words))


class _ChunkWords(dict[str, tuple[str, ...]]):
    """Chunk -> its tokens (computed on first use, bounded); the sentinel -> padding."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= _CHUNKS_MAX:
            # _DEPENDENT is kept: a clear in the middle of a unit's chunks would
            # otherwise forget a dependent chunk met before it. A stale entry only
            # sends its units down the exact slow path; such chunks are few (initials).
            self.clear()
        if chunk.isalnum():  # the pattern's ``\\w`` is ``str.isalnum`` or ``_``
            words: tuple[str, ...] = (chunk,)
        elif chunk == _SENTINEL:
            words = SEPARATOR
        else:
            words, dependent = _split_chunk(chunk)
            if dependent:
                _DEPENDENT.add(chunk)
        self[chunk] = words
        return words


class _Lowered(dict[str, str]):
    """Token -> the token lower-cased (computed on first use, bounded).

    A word that lower-casing leaves unchanged maps to itself: usually the very object
    in the word list (both come from the caches), which compares equal at once.
    """

    def __missing__(self, word: str) -> str:
        if len(self) >= _CHUNKS_MAX:
            self.clear()
        lower = word.lower()
        if lower == word:
            lower = word
        self[word] = lower
        return lower


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
_LOWER = _Lowered()
#: Chunks (seen since start-up) whose tokens depend on what follows them.
_DEPENDENT: set[str] = set()


def chunk_positions(text: str, start: int, stop: int, sums: Sequence[int]) -> list[int] | None:
    """Return the offsets of the chunks of ``text[start:stop]``, or ``None`` when implied.

    ``sums`` is the running sum of the chunks' lengths, from 0 (one more than chunks). In
    most units one whitespace character separates the chunks and none surrounds them: a
    chunk's offset is then ``start`` plus the lengths of the chunks before it plus their
    count, and nothing is searched (see :func:`token_offset`).
    """
    if stop - start == sums[-1] + len(sums) - 2:
        return None
    return [m.start() for m in _CHUNK_RE.finditer(text, start, stop)]


def token_offset(
    start: int, sums: Sequence[int], positions: Sequence[int] | None, before: int
) -> int:
    """Return the offset of a token of a unit from the lengths of the tokens before it.

    Args:
        start: The offset of the unit (a unit of :func:`tokenize_units`).
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
