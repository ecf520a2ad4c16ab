# ruff: noqa: RUF001  (quotation marks and dashes are the subject here)
"""Words and sentences for the quotes engine, with a fallback sentence splitter."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

import regex

__all__ = ["Splitter", "Word", "split_sentences", "words"]

# A word: a title abbreviation with its dot (Mr.), or letters/digits joined by
# inner apostrophes, hyphens or dots (U.S, don't); or clause punctuation.
# This is the definition; ``words`` computes the same tokens faster (see there).
_WORD_RE = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Jr|Sr|St|Prof|Rev|Mt|Inc|Co|Corp|Ltd|\b[A-Z])"
    r"\.(?=\s)"
    # A capitalised abbreviation followed by a comma or bracket: (R-Fla.), R-Ky.,
    r"|\w+(?:['’.\-]\w+)*\.(?=[,);])"
    r"|\w+(?:['’.\-]\w+)*|[,;:—–―()]|--|[.!?]+"
)
# ``_WORD_RE`` without its first branch, as a splitting pattern. Its second and
# third branches are one here: a run of word characters, with its dot when a
# comma or bracket follows (the run is maximal, so the old branch could never
# match a shorter one). The first character of every token is taken by one
# character class, which lets the regex engine skip gaps fast; the look-behinds
# then pick the branch it belongs to (a lone hyphen is no token, "--" is).
# Splitting returns gaps and tokens whose running lengths are the offsets, all
# in C. (``_WORD_RE`` tried a branch at every position and backtracked through
# each word: several times slower.)
_SPLIT_RE = re.compile(
    r"""(
    [\w,;:—–―().!?\-]
    (?: (?<=\w) \w* (?:['’.\-]\w+)*+ (?:\.(?=[,);]))?
    | (?<=[.!?]) [.!?]*
    | (?<=-) -
    | (?<=[,;:—–―()])
    ))""",
    re.VERBOSE,
)
# The same for ASCII text, where ``\w`` is a table look-up instead of Unicode
# character properties (same tokens: the two ``\w`` agree on ASCII).
_SPLIT_ASCII_RE = re.compile(_SPLIT_RE.pattern, re.VERBOSE | re.ASCII)
# Where the first branch of ``_WORD_RE`` may match: a short capitalised word, a
# dot and a space (rare; one character class first, so the search skips fast).
# The ``regex`` module scans for it about three times faster than ``re``; the
# look-ahead spells out ``re``'s ``\s`` (``str.isspace``), which differs from
# ``regex``'s (Unicode White_Space) on U+001C-U+001F.
_ABBR_DOT_RE = regex.compile(
    r"[A-Z][a-z]{0,3}\.(?=[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0"
    r"\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])"
)
# fmt: off
_ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt",
    "Jr", "Sr", "St", "Prof", "Rev", "Mt", "Inc", "Co", "Corp", "Ltd",
})
# fmt: on
# Characters that are a token on their own when no other token character
# touches them: clause punctuation and the sentence-final marks.
_ONE_CHAR_TOKENS = frozenset(",;:—–―().!?")
# A terminal mark and the rest of its run of non-space characters.
_TERMINAL_RUN_RE = re.compile(r"[.!?]\S*")
_TERMINALS = ".!?"
# End of a sentence: terminal punctuation (and closing marks) then space and a
# capital, an opening mark or a digit; or a paragraph break. Short title
# abbreviations (Mr., Sen.) and initials do not end sentences.
_SENT_END_RE = regex.compile(
    r"""
    (?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Jr|Sr|St|Prof|Rev|Mt|No|vs|U\.S|[A-Z]))
    [.!?]+["”’')\]]*(?=\s+["“‘'(\[]?[\p{Lu}\d])
    | \n\s*\n | \n(?=\s*\S)
    """,
    regex.VERBOSE,
)

Word = tuple[int, int, str]  # start, end, text


def words(text: str, start: int, end: int) -> list[Word]:
    """Return the words (and clause punctuation) of ``text[start:end]``.

    The tokens are those of ``_WORD_RE.finditer(text, start, end)``; see
    :class:`Splitter` to split one text many times.
    """
    return Splitter(text).words(start, end)


class Splitter:
    """Split ranges of one text into words, reusing what is known about the text."""

    __slots__ = ("_abbr_ends", "_abbr_starts", "_ascii", "text")

    def __init__(self, text: str) -> None:
        """Prepare to split ``text``."""
        self.text = text
        self._ascii = text.isascii()
        # Where ``_WORD_RE``'s first branch may match, found once for the text:
        # a match inside a range is exactly one of these that ends before the
        # range does (they cannot overlap, so a scan from anywhere finds them).
        found = [m.span() for m in _ABBR_DOT_RE.finditer(text)]
        self._abbr_starts = [a for a, _ in found]
        self._abbr_ends = [b for _, b in found]

    def words(self, start: int, end: int) -> list[Word]:
        """Return the words (and clause punctuation) of ``text[start:end]``.

        The tokens are those of ``_WORD_RE.finditer(text, start, end)``.
        """
        chunk = self.text[start:end]
        pattern = _SPLIT_ASCII_RE if self._ascii or chunk.isascii() else _SPLIT_RE
        # No token holds a space, and no pattern element looks past one (the
        # look-behinds test the character just taken; the look-ahead after a
        # dot wants , ) or ;), so the pieces between spaces split alone give
        # the tokens of the whole range. Most pieces are one word, letters or
        # digits only (``isalnum`` is ``\w`` but the underscore): one token
        # each, without the pattern; the others (punctuation, apostrophes,
        # line breaks) are split by it.
        ws: list[Word] = []
        append = ws.append
        pos = start
        for piece in chunk.split(" "):
            size = len(piece)
            if piece.isalnum():
                append((pos, pos + size, piece))
            elif size > 1 and piece[:-1].isalnum() and piece[-1] != "_":
                # A word and one more character ("said," "Trump." "it'"): the
                # word, then the character if it is a one-character token (a
                # dot cannot join the word: no comma or bracket follows it here).
                append((pos, pos + size - 1, piece[:-1]))
                if piece[-1] in _ONE_CHAR_TOKENS:
                    append((pos + size - 1, pos + size, piece[-1]))
            elif size > 1 and piece[1:].isalnum() and piece[0] != "_":
                # One character and a word ("“We" "(R"): likewise.
                if piece[0] in _ONE_CHAR_TOKENS:
                    append((pos, pos + 1, piece[0]))
                append((pos + 1, pos + size, piece[1:]))
            elif size:
                parts = pattern.split(piece)
                if len(parts) > 1:
                    # Running lengths of gap, token, gap, ...: each token's start and end.
                    offsets = accumulate(map(len, parts), initial=pos)
                    next(offsets)
                    ws += zip(offsets, offsets, parts[1::2])  # noqa: B905 (offsets runs one longer)
            pos += size + 1
        starts = self._abbr_starts
        if starts:
            # Most ranges hold no abbreviation dot: one bisect here, not a call.
            i = bisect.bisect_left(starts, start)
            if i < len(starts) and starts[i] < end:
                self._join_abbreviations(start, end, ws)
        return ws

    def words_to_terminal(self, start: int, end: int) -> list[Word]:
        """Return ``words(start, end)`` up to its first sentence-final token.

        Only the text up to that token is split: each step takes the words up
        to the space after the next ``.``, ``!`` or ``?``. A space is in no
        token and ends every look-ahead of the word pattern, so the scan is the
        same as one over the whole range.
        """
        text = self.text
        out: list[Word] = []
        pos = start
        while pos < end:
            m = _TERMINAL_RUN_RE.search(text, pos, end)
            stop = end if m is None else min(end, m.end() + 1)
            ws = self.words(pos, stop)
            for n, w in enumerate(ws):
                if w[2][0] in _TERMINALS:
                    out.extend(ws[:n])
                    return out
            out.extend(ws)
            pos = stop
        return out

    def words_after_terminal(self, start: int, end: int) -> list[Word]:
        """Return the words of ``words(start, end)`` after its last sentence-final token.

        Only the text after the last ``.``, ``!`` or ``?`` that is such a token
        is split: each step splits from the space before the last such mark (a
        scan always passes through a space, so it starts there as it would
        have from ``start``).
        """
        text = self.text
        tail: list[Word] = []
        hi = end
        while True:
            mark = max(
                text.rfind(".", start, hi), text.rfind("!", start, hi), text.rfind("?", start, hi)
            )
            if mark < 0:
                return self.words(start, hi) + tail
            pos = max(start, text.rfind(" ", start, mark) + 1)
            ws = self.words(pos, hi)
            for n in range(len(ws) - 1, -1, -1):
                if ws[n][2][0] in _TERMINALS:
                    return ws[n + 1 :] + tail
            if pos == start:
                return ws + tail
            tail = ws + tail
            hi = pos

    def _join_abbreviations(self, start: int, end: int, ws: list[Word]) -> None:
        """Join ``Mr`` and ``.`` into ``Mr.`` where ``_WORD_RE``'s first branch matches.

        That branch wins at a token start where the run of word characters is
        a title abbreviation (or, at a word boundary, one capital) and a dot
        then a space follow; ``_SPLIT_RE`` gives the run and a ``.`` there.
        """
        lo = bisect.bisect_left(self._abbr_starts, start)
        # the space after the dot must be inside the range too
        hi = bisect.bisect_left(self._abbr_ends, end, lo)
        if lo >= hi:
            return
        text = self.text
        starts = [w[0] for w in ws]
        for a, b in zip(
            reversed(self._abbr_starts[lo:hi]), reversed(self._abbr_ends[lo:hi]), strict=True
        ):
            if b - a == 2:
                if a > 0 and _is_word_char(text[a - 1]):
                    continue  # one capital needs a word boundary before it (\b)
            elif text[a : b - 1] not in _ABBREVIATIONS:
                continue
            i = bisect.bisect_left(starts, a)
            if i < len(ws) and ws[i][0] == a and ws[i][1] == b - 1:  # not inside a word (xMr.)
                ws[i : i + 2] = [(a, b, text[a:b])]


def _is_word_char(ch: str) -> bool:
    r"""Tell whether ``ch`` matches ``\w`` (``re``'s definition for ``str``)."""
    return ch.isalnum() or ch == "_"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences (used when the sentences layer is empty)."""
    out = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        if text[pos:end].strip():
            out.append(_trim(text, pos, end))
        pos = m.end()
    if text[pos:].strip():
        out.append(_trim(text, pos, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
