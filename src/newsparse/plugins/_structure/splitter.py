"""Rule-based sentence splitting over regions of a text.

Sentence-final marks are located with ``str.find`` (C speed, no per-character
Python loop); at each mark one precompiled pattern decides whether a boundary
stands there: a run of ``.``, ``!``, ``?`` or ``…``, any closing quotes or
brackets (they stay in the sentence), whitespace, and then an upper-case
letter, a digit or an opening quote or bracket. Only candidates that end in a
single full stop need a second look:
the word before it may be an abbreviation ("Mr.", "Jan.", "U.S."), an initial
("John F. Kennedy") or a number label ("No. 1").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from newsparse.plugins._structure.lexicon import (
    MAY_END_ABBREVIATIONS,
    NEVER_END_ABBREVIATIONS,
    SENTENCE_STARTERS,
)

__all__ = ["Splitter", "split_sentences"]

_BOUNDARY_RE = regex.compile(
    r"""
    (?P<punct>[.!?…‽]++)            # the sentence-final punctuation
    (?P<close>[\"'”\u2019»)\]}]*+)       # closing quotes/brackets belong to the sentence
    \s++
    (?=[\p{Lu}\p{Lt}\p{N}\"“\u2018'«(\[¿¡])   # the next sentence starts here
    """,
    regex.VERBOSE,
)

# The word just before a full stop, back to whitespace or an opening mark:
# "Mr", "U.S", "e.g", "(D-Calif" gives "Calif". Matched backwards from the
# full stop (REVERSE), which is ten times faster than searching forwards for \Z.
_WORD_BEFORE_RE = regex.compile(r"(?r)[\p{L}\p{N}\p{M}.&]+")

# Dotted acronyms such as "U.S", "D.C", "Ph.D", "U.S.A" (final dot removed).
_ACRONYM_RE = regex.compile(r"(?:\p{L}{1,2}\.)+\p{L}{1,2}\Z")

# The next word after a boundary (for the sentence-starter test).
_NEXT_WORD_RE = regex.compile(r"[\"“\u2018'«(\[¿¡]*+([\p{L}'\u2019]+)")

# A speech verb right after a quote closed by "?" or "!": the quote continues
# the sentence ("'Why?' he asked" or "'Why?' Trump asked").
_SPEECH_AFTER_RE = regex.compile(
    r"(?:\p{Lu}[\p{L}.'\u2019\-]*+\s++){0,3}(?:said|says|asked|asks|told|tells|added|adds|"
    r"wrote|writes|replied|replies|shouted|tweeted|continued|explained|insisted|"
    r"recalled|wondered|joked|quipped|noted)\b"
)

_QUOTE_CLOSERS = frozenset("\"'”\u2019»")

# The ASCII characters of ``_WORD_BEFORE_RE``'s class.
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.&")
# The closing quotes and brackets of ``_BOUNDARY_RE``.
_CLOSERS = frozenset("\"'\u201d\u2019\u00bb)]}")

# The ASCII characters ``_BOUNDARY_RE``'s look-ahead accepts as a sentence start.
_ASCII_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"'([")


class Splitter:
    """Split regions of a text into sentences; holds the abbreviation lists.

    Args:
        extra_abbreviations: More abbreviations (without their full stop)
            after which a full stop never ends a sentence.
    """

    __slots__ = ("_never",)

    def __init__(self, extra_abbreviations: Iterable[str] = ()) -> None:
        """Merge ``extra_abbreviations`` with the built-in list."""
        extra = {a.rstrip(".") for a in extra_abbreviations if a.strip(".")}
        self._never = NEVER_END_ABBREVIATIONS | extra if extra else NEVER_END_ABBREVIATIONS

    def split(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Return sentence ranges inside ``text[start:end]``, in order.

        ``start``/``end`` must already exclude surrounding whitespace; the
        ranges returned cover the region without gaps other than the
        whitespace between sentences.
        """
        return self.split_regions(text, [(start, end)])

    def split_regions(self, text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Split every region (sorted, not overlapping, trimmed) in one pass.

        Candidate full stops are found with ``str.find``, which scans memory
        at C speed (several times faster than a pattern scan over the whole
        text); the boundary pattern is then only tried where a mark stands.
        """
        out: list[tuple[int, int]] = []
        if not regions:
            return out
        marks = _marks(text, regions[0][0], regions[-1][1])
        n_marks = len(marks)
        j = 0
        match = _BOUNDARY_RE.match
        ends = self._ends_sentence
        for start, end in regions:
            while j < n_marks and marks[j] < start:
                j += 1
            begin = start
            skip = start
            while j < n_marks and marks[j] < end:
                p = marks[j]
                j += 1
                if p < skip:
                    continue  # inside the mark run of the previous boundary ("?!", "...")
                after = text[p + 1 : p + 2]
                if after == " " and p + 2 < end and text[p + 2] < "\x80":
                    # The usual case, a mark, one space and an ASCII character, decided
                    # as the pattern would: a boundary candidate before a capital, a
                    # digit or an opening mark, none before anything else but space.
                    if text[p + 2] in _ASCII_STARTS:
                        stop = skip = p + 1
                        nxt = p + 2
                    elif text[p + 2].isspace():
                        m = match(text, p, end)
                        if m is None:
                            continue
                        stop, nxt = m.span(2)[1], m.end()
                        skip = m.end(1)
                    else:
                        continue
                elif (
                    after in _CLOSERS
                    and p + 3 < end
                    and text[p + 2] == " "
                    and text[p + 3] in _ASCII_STARTS
                ):
                    # '."' or '.”', one space, an ASCII sentence start (decided as the
                    # pattern would: one mark, one closer, one space).
                    skip = p + 1
                    stop = p + 2
                    nxt = p + 3
                else:
                    if not (after.isspace() or after in _AFTER_MARK):
                        continue  # "3.5", "U.S", "example.com": not worth a pattern match
                    if p + 3 > end:
                        continue  # no room for a space and a next sentence in the region
                    m = match(text, p, end)
                    if m is None:
                        continue
                    stop, nxt = m.span(2)[1], m.end()
                    skip = m.end(1)
                if ends(text, p, skip, stop, nxt, start, end):
                    out.append((begin, stop))
                    begin = nxt
            out.append((begin, end))
        return out

    def _ends_sentence(
        self, text: str, p: int, punct_end: int, stop: int, nxt: int, start: int, end: int
    ) -> bool:
        """Decide a candidate: marks ``text[p:punct_end]``, closers up to ``stop``."""
        if stop > punct_end and text[stop - 1] in _QUOTE_CLOSERS and text[punct_end - 1] in "?!…":
            # "'Are you kidding me?' Trump said." is one sentence.
            return _SPEECH_AFTER_RE.match(text, nxt, end) is None
        if punct_end - p != 1 or text[p] != ".":
            return True
        word = _word_before(text, p - 24 if p - 24 > start else start, p)
        if not word:
            return True
        if word in self._never or (word.isupper() and word.capitalize() in self._never):
            if word in ("No", "Nos", "NO"):
                return not text[nxt].isdigit()
            return False
        if len(word) == 1:
            # An initial ("John F. Kennedy"), unless it is a digit or lower case.
            return not word.isupper()
        if word in MAY_END_ABBREVIATIONS or ("." in word and _ACRONYM_RE.match(word)):
            nw = _NEXT_WORD_RE.match(text, nxt, end)
            return nw is not None and nw.group(1).casefold() in SENTENCE_STARTERS
        return True


def _word_before(text: str, lo: int, p: int) -> str:
    """Return ``_WORD_BEFORE_RE.match(text, lo, p)``'s text, or ``""`` for no match.

    The word is read back over ASCII word characters in Python (most words);
    the pattern decides only when the scan meets another character.
    """
    # The usual word: plain ASCII letters, digits, dots or ampersands after a
    # space (or from ``lo``), taken in one slice, as the scan below would.
    j = text.rfind(" ", lo, p) + 1 or lo
    word = text[j:p]
    if word.isascii() and (word.isalnum() or word.replace(".", "").replace("&", "").isalnum()):
        return word
    j = p
    while j > lo and text[j - 1] in _ASCII_WORD:
        j -= 1
    if j > lo and text[j - 1] >= "\x80":
        w = _WORD_BEFORE_RE.match(text, lo, p)
        return "" if w is None else w.group()
    return text[j:p]


_MARKS = ".!?\u2026\u203d"

# What may follow a mark that ends a sentence, besides whitespace: more marks and
# closing quotes or brackets ("?!", '."', ".)").
_AFTER_MARK = frozenset(_MARKS + "\"'\u201d\u2019\u00bb)]}")


def _marks(text: str, lo: int, hi: int) -> list[int]:
    """Return the offsets of sentence-final marks in ``text[lo:hi]``, sorted."""
    out: list[int] = []
    several = False
    for mark in _MARKS:
        find = text.find
        p = find(mark, lo, hi)
        if p == -1:
            continue
        several = several or bool(out)
        while p != -1:
            out.append(p)
            p = find(mark, p + 1, hi)
    if several:
        out.sort()
    return out


_DEFAULT = Splitter()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` with the built-in abbreviation lists.

    Example:
        >>> t = 'Mr. Kim said "no." Then he left.'
        >>> [t[s:e] for s, e in split_sentences(t)]
        ['Mr. Kim said "no."', 'Then he left.']
    """
    return _DEFAULT.split(text, start, len(text) if end is None else end)
