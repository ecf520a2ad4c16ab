# ruff: noqa: RUF001, RUF002, RUF003  (quotation marks and dashes are the subject here)
"""Find quoted passages in one linear pass over the text.

Quotation marks are paired per paragraph. Double marks (“ ” " „ « » and the
typewriter ``''``/``````) are tried first; single marks (‘ ’ ') only outside
double-quoted text and only where they cannot be apostrophes (don't,
Kim Jong-un's, the '90s, rock 'n' roll). A quotation that runs over several
paragraphs, journalist style, opens each paragraph and closes only at the end:
its paragraphs become several pieces of one passage. An opening mark that is
never closed is dropped at the end of its paragraph, so an unbalanced mark
costs nothing more than the scan itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

__all__ = ["Passage", "find_passages"]

# Candidate marks; the scanner decides from the neighbours whether each opens,
# closes or is an apostrophe. ``_MARK_RE`` is the definition; ``_marks`` finds
# the same marks with ``_MARK_CHAR_RE`` (one character class, which the regex
# engine skips to fast) and pairs the doubled ones itself.
_MARK_RE = regex.compile(r"''|``|[\"“”„‟«»‘’'‹›]")
_MARK_CHAR_RE = re.compile(r"[\"“”„‟«»‘’'‹›`]")
_MARK_CHARS = "\"“”„‟«»‘’'‹›"  # the one-character marks (a lone backtick is none)
# (``re``: literal characters only, so the same matches as ``regex``, for fewer instructions.)
_PARA_RE = re.compile(r"\n[ \t\r\f\v]*\n|\n(?=[ \t]*[“\"‘'«„])")
# Leading-apostrophe elisions that are not quotes: 'em, 'til, 'cause, 'n', 'tis.
_ELISION_RE = regex.compile(r"['‘](?:em|til|cause|n|tis|twas|bout|round)\b", regex.IGNORECASE)

_OPEN_DOUBLE = frozenset("“„«‟")
_CLOSE_DOUBLE = frozenset("”»")
# Characters after which a straight mark starts a quotation.
_OPENERS_BEFORE = frozenset(" \t\n\r([{—–-:;/“‘\u00a0")


@dataclass(frozen=True, slots=True)
class Passage:
    """A quoted passage: one ``(start, end)`` piece per paragraph, marks included.

    ``start`` (the offset of the opening mark) and ``end`` (one past the
    closing mark, or the end of the last piece) are stored when the passage
    is made: the engine reads them about fifteen times per passage, and a
    property cost a call each time.
    """

    pieces: tuple[tuple[int, int], ...]
    double: bool
    start: int = field(init=False, repr=False, compare=False)
    end: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Store ``start`` and ``end`` from the pieces."""
        _set_start(self, self.pieces[0][0])
        _set_end(self, self.pieces[-1][1])


# The slot setters, which a frozen dataclass's ``__setattr__`` refuses.
_set_start = Passage.__dict__["start"].__set__
_set_end = Passage.__dict__["end"].__set__


def _marks(text: str) -> list[tuple[int, str]]:
    """Return ``(offset, mark)`` for each match of ``_MARK_RE.finditer(text)``."""
    if "''" not in text and "`" not in text:
        # No doubled or backtick marks (most texts): every mark is one character,
        # found with ``str.find`` (a memory scan) rather than a character-class
        # scan, which cost about ten times more on typical texts.
        out: list[tuple[int, str]] = []
        find = text.find
        for mark in _MARK_CHARS:
            i = find(mark)
            while i >= 0:
                out.append((i, mark))
                i = find(mark, i + 1)
        out.sort()
        return out
    out = []
    skip = 0  # a doubled mark covers the next character too
    for m in _MARK_CHAR_RE.finditer(text):
        i = m.start()
        if i < skip:
            continue
        mark = m.group()
        if mark == "'" or mark == "`":
            if text[i + 1 : i + 2] == mark:
                mark += mark
                skip = i + 2
            elif mark == "`":
                continue  # a single backtick is no mark
        out.append((i, mark))
    return out


# A single mark between two letters or digits (don't, Clinton’s, rock’n’roll)
# neither opens nor closes a quotation (see ``_single_passages``: an opening
# mark follows a space, a bracket, a dash or a quotation mark; a closing one
# comes before a non-word character), and the double pass skips every single
# mark. Most single marks in news text are such apostrophes: ``_live_marks``
# leaves them out, so neither pass looks at them.
_DOUBLE_CHARS = '"“”„‟«»'
_SINGLE_CHARS = "'’‘‹›"


def _live_marks(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Return the double and the single marks of ``_marks(text)``, each in order.

    The single marks that stand inside a word are left out. Each pass reads
    only its own marks (a skipped mark changes nothing: a paragraph end is
    handled at the next mark as it would have been at the skipped one).
    """
    if "''" in text or "`" in text:
        # Doubled marks: the general scan (in-word marks are no-ops there).
        every = _marks(text)
        singles = [m for m in every if m[1] in _SINGLE_CHARS]
        return [m for m in every if m[1] not in _SINGLE_CHARS], singles
    find = text.find
    doubles: list[tuple[int, str]] = []
    for mark in _DOUBLE_CHARS:
        i = find(mark)
        while i >= 0:
            doubles.append((i, mark))
            i = find(mark, i + 1)
    singles = []
    for mark in _SINGLE_CHARS:
        i = find(mark)
        while i >= 0:
            if not (text[i - 1 : i].isalnum() and text[i + 1 : i + 2].isalnum()):
                singles.append((i, mark))
            i = find(mark, i + 1)
    doubles.sort()
    singles.sort()
    return doubles, singles


def _paragraph_ends(text: str) -> list[int]:
    ends = [m.start() for m in _PARA_RE.finditer(text)]
    ends.append(len(text))
    return ends


def _straight_opens(text: str, i: int, width: int) -> bool | None:
    """Decide a straight mark: True opens, False closes, None for neither."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in _OPENERS_BEFORE or before in _OPEN_DOUBLE:
        return None if after.isspace() else True
    return False


def find_passages(text: str, max_chars: int = 4000) -> list[Passage]:
    """Return every quoted passage in ``text``, in order.

    Args:
        text: The article text.
        max_chars: Passages longer than this are dropped (a stray mark most
            likely paired with a far one).

    Returns:
        Passages sorted by start, never overlapping.
    """
    para_ends = _paragraph_ends(text)
    out: list[Passage] = []
    pi = 0  # index of the paragraph the scan is in
    open_at = -1  # pending double opening mark
    pieces: list[tuple[int, int]] = []  # finished pieces of a multi-paragraph passage
    double_ranges: list[tuple[int, int]] = []
    open_low = False  # the pending quotation opened with „
    open_straight = False  # the pending quotation opened with a straight mark
    nested = False  # inside a quotation nested in the pending one
    marks, singles = _live_marks(text)
    for i, mark in marks:
        while i >= para_ends[pi]:
            # Paragraph ended: an open double quotation continues only when the
            # next paragraph starts with an opening mark (checked when it comes).
            if open_at >= 0:
                pieces.append((open_at, para_ends[pi]))
                open_at = -2  # waiting for the continuation mark
            pi += 1
        width = len(mark)  # (single marks are a second pass, outside double quotations)
        if mark == "“" and open_low:
            opens: bool | None = False  # German „...“ closes with the English opening mark
        elif mark in _OPEN_DOUBLE or mark == "``":
            opens = True
        elif mark in _CLOSE_DOUBLE:
            # A closing mark that starts a paragraph before a letter is a typo'd opener.
            opens = (i == 0 or text[i - 1] == "\n") and text[i + 1 : i + 2].isalpha()
        else:
            opens = _straight_opens(text, i, width)
        if opens is None:
            continue
        if open_at == -2:
            para_start = para_ends[pi - 1] if pi else 0
            if opens and not text[para_start:i].strip():
                open_at = i
                continue
            pieces = []
            open_at = -1
        if opens and open_at >= 0 and not pieces and (mark == '"') != open_straight:
            # A curly quotation inside a straight one (or the reverse): nested,
            # so neither it nor its closing mark ends the outer quotation.
            nested = True
            continue
        if not opens and nested and open_at >= 0 and (mark == '"') != open_straight:
            nested = False
            continue
        if opens:
            nested = False
            open_straight = mark == '"'
            if (open_at >= 0 and not pieces) or open_at < 0:
                # (A second opening before any close: the first one was stray.)
                open_at = i
                open_low = mark == "„"
        elif open_at >= 0:
            pieces.append((open_at, i + width))
            if pieces[-1][1] - pieces[0][0] <= max_chars:
                out.append(Passage(tuple(pieces), double=True))
                double_ranges.append((pieces[0][0], pieces[-1][1]))
            pieces = []
            open_at = -1
    out.extend(_single_passages(text, singles, para_ends, double_ranges, max_chars))
    out.sort(key=lambda p: p.start)
    return out


def _single_passages(
    text: str,
    marks: list[tuple[int, str]],
    para_ends: list[int],
    double_ranges: list[tuple[int, int]],
    max_chars: int,
) -> list[Passage]:
    out: list[Passage] = []
    di = 0
    pi = 0
    open_at = -1
    for i, mark in marks:
        while di < len(double_ranges) and double_ranges[di][1] <= i:
            di += 1
        if di < len(double_ranges) and double_ranges[di][0] <= i:
            continue  # a nested quotation inside a double one
        while i >= para_ends[pi]:
            open_at = -1
            pi += 1
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        starts_word = before in _OPENERS_BEFORE or before in _OPEN_DOUBLE
        if mark != "’" and mark != "›" and starts_word and after.isalpha():
            if not _ELISION_RE.match(text, i):
                open_at = i
            continue
        ends_word = not after.isalnum() and not before.isspace()
        if open_at >= 0 and ends_word and mark != "‘":
            if i + 1 - open_at <= max_chars:
                out.append(Passage(((open_at, i + 1),), double=False))
            open_at = -1
    return out
