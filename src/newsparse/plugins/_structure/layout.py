"""Find the layout of a story: title, byline, dateline, headings, lists, paragraphs.

One walk over the non-blank lines (see :mod:`.lines`) turns them into units in
text order: the title, bylines, headings, bullet items and paragraphs. Units
are then grouped into sections: a heading opens a section that runs up to the
next heading; prose before the first heading is the ``lede`` when the story
has a title and ``other`` when it has none.

All offsets index the text given, so CRLF line endings, a byte-order mark and
any indentation are left exactly where they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from newsparse.plugins._structure.front import BYLINE_MAX_CHARS, byline_end, dateline_end
from newsparse.plugins._structure.labels import (
    count_words,
    emoji_prefix_end,
    is_title_case,
    label_kind,
    normalise_label,
)
from newsparse.plugins._structure.lexicon import BOILERPLATE_LABELS
from newsparse.plugins._structure.lines import (
    BULLET,
    DECOR,
    HEADING,
    RULE,
    TEXT,
    Line,
    scan_lines,
)
from newsparse.plugins._structure.splitter import split_sentences

__all__ = ["Layout", "LayoutOptions", "SectionPlan", "analyse"]

Range = tuple[int, int]

# Unit kinds, in the order they may appear.
_TITLE, _BYLINE, _HEADING, _ITEM, _PARA = range(5)

# A whole line in bold, "**Key Facts**" or "__Key Facts__", optionally with a colon.
_BOLD_LINE_RE = regex.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t]*:?\Z")

# What a bold line opens with (the pattern is tried only then).
_BOLD_MARKS = frozenset(("**", "__"))

# Closing quotes and brackets looked through when reading a line's final mark.
_CLOSERS = "\"'”\u2019»)]"

_SETEXT_CHARS = frozenset("=-")

# A plain line ending in one of these is prose, not a heading.
_NOT_HEADING_END = frozenset(".,;:!?\u2026-\u2013\u2014")


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """Thresholds of the layout rules (see ``SectionsConfig`` for meanings)."""

    title_max_words: int = 25
    title_full_stop_max_words: int = 14
    heading_max_words: int = 12
    heading_max_chars: int = 100
    line_paragraphs: str = "auto"
    wrap_width: int = 100


@dataclass(slots=True)
class SectionPlan:
    """A section as offsets: kind, heading range, extent and item ranges."""

    kind: str
    heading: Range | None
    start: int
    end: int
    items: list[Range] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    """Everything the sections extractor reports, as offsets into the text."""

    title: Range | None = None
    byline: Range | None = None
    dateline: Range | None = None
    sections: list[SectionPlan] = field(default_factory=list)
    paragraphs: list[Range] = field(default_factory=list)


def analyse(
    text: str,
    *,
    fmt: str = "text",
    title_hint: str | None = None,
    options: LayoutOptions | None = None,
) -> Layout:
    """Return the layout of ``text``.

    Args:
        text: The article text.
        fmt: The input format (``text``, ``markdown``, ``html``, ``json``);
            HTML extracts may put one paragraph on each line.
        title_hint: A title from the input's metadata; a first line equal to
            it is the title whatever it looks like.
        options: Rule thresholds.
    """
    opts = options or LayoutOptions()
    lines = scan_lines(text)
    units = _Walker(text, lines, fmt, title_hint, opts).walk()
    return _assemble(text, units)


class _Walker:
    """Turns lines into units; one instance per article."""

    def __init__(
        self,
        text: str,
        lines: list[Line],
        fmt: str,
        title_hint: str | None,
        opts: LayoutOptions,
    ) -> None:
        self.text = text
        self.lines = lines
        self.hint = title_hint
        self.opts = opts
        mode = opts.line_paragraphs
        self.every_line = mode == "always" or (mode == "auto" and fmt == "html")
        self.never_split = mode == "never"
        # (kind, start, end, outer_start, label kind)
        self.units: list[tuple[int, int, int, int, str]] = []
        self.open_kind = -1
        self.open_start = 0
        self.open_end = 0
        self.open_indent = 0
        self.open_lines = 0
        self.paras_seen = 0
        self.heading_seen = False

    # -- units -----------------------------------------------------------

    def close(self) -> None:
        if self.open_kind >= 0:
            s, e = self.open_start, self.open_end
            self.units.append((self.open_kind, s, e, s, ""))
            if self.open_kind == _PARA:
                self.paras_seen += 1
            self.open_kind = -1

    def open(self, kind: int, start: int, end: int, indent: int) -> None:
        self.open_kind = kind
        self.open_start = start
        self.open_end = end
        self.open_indent = indent
        self.open_lines = 1

    def emit(self, kind: int, start: int, end: int, outer: int, label: str = "") -> None:
        self.units.append((kind, start, end, outer, label))
        if kind == _HEADING:
            self.heading_seen = True

    # -- walk ------------------------------------------------------------

    def walk(self) -> list[tuple[int, int, int, int, str]]:
        lines = self.lines
        n = len(lines)
        text = self.text
        first = 0
        if n:
            title = self.title(lines[0], lines[1] if n > 1 else None)
            if title is not None:
                self.emit(_TITLE, title[0], title[1], lines[0].start)
                first = 1
        prev: Line | None = None
        long_line = max(self.opts.heading_max_chars, BYLINE_MAX_CHARS)
        for idx in range(first, n):
            line = lines[idx]
            kind = line.kind
            new_block = line.breaks >= 2 or self.every_line
            # (``close`` is called only when a unit is open: most lines open one.)
            if new_block and self.open_kind >= 0:
                self.close()
            if kind == TEXT:
                if not new_block and self.extend(prev, line):
                    prev = line
                    continue
                if self.open_kind >= 0:
                    self.close()
                if line.body_end - line.body > long_line:
                    # Too long for a heading, byline or furniture: prose (the common case).
                    self.open(_PARA, line.body, line.body_end, line.indent)
                else:
                    self.start_text(line, lines[idx + 1] if idx + 1 < n else None, new_block)
            elif kind == BULLET:
                self.close()
                self.open(_ITEM, line.body, line.end, line.indent)
            elif kind == HEADING:
                self.close()
                label = label_kind(text[line.body : line.body_end]) or ""
                self.emit(_HEADING, line.body, line.body_end, line.start, label)
            elif kind == RULE:
                if not new_block and self.open_kind == _PARA and self.open_lines == 1:
                    self.setext(line)
                self.close()
            else:  # DECOR
                self.close()
            prev = line
        self.close()
        return self.units

    def extend(self, prev: Line | None, line: Line) -> bool:
        """Add ``line`` to the open item or paragraph when it continues it."""
        if self.open_kind == _ITEM:
            if line.indent > self.open_indent or self.text[line.body].islower():
                self.open_end = line.end
                self.open_lines += 1
                return True
            return False
        if self.open_kind != _PARA or prev is None:
            return False
        if not self.never_split and self.para_break(prev, line):
            return False
        if line.body_end - line.body < 32 and label_kind(self.text[line.body : line.body_end]):
            return False  # "Key Facts:" right under prose still opens a section
        self.open_end = line.end
        self.open_lines += 1
        return True

    def para_break(self, prev: Line, line: Line) -> bool:
        """Tell whether a line break inside a block starts a new paragraph."""
        if line.indent > prev.indent:
            return True  # paragraphs marked by indenting their first line
        width = self.opts.wrap_width
        if prev.end - prev.start > width:
            return True  # the text is not hard-wrapped: one paragraph per line
        if line.end - line.start > width:
            tail = self.text[prev.start : prev.end].rstrip(_CLOSERS)
            return tail[-1:] in (".", "!", "?", "…")
        return False

    def setext(self, rule: Line) -> None:
        """Make the one-line paragraph above a ``===``/``---`` underline a heading."""
        chars = set(self.text[rule.start : rule.end].replace(" ", ""))
        if not chars <= _SETEXT_CHARS or len(chars) != 1:
            return
        s, e = self.open_start, self.open_end
        if e - s > self.opts.heading_max_chars:
            return
        self.open_kind = -1
        self.emit(_HEADING, s, e, s, label_kind(self.text[s:e]) or "")

    def start_text(self, line: Line, nxt: Line | None, new_block: bool) -> None:
        """Begin a unit at a text line: heading, byline, furniture or paragraph."""
        text = self.text
        s, e = line.body, line.body_end
        if e - s < 48 and normalise_label(text[s:e]) in BOILERPLATE_LABELS:
            return
        if self.paras_seen <= 1 and not self.heading_seen:
            size = byline_end(text[s:e])
            if size:
                self.emit(_BYLINE, s, s + size, s)
                return
        if nxt is not None:
            standalone = nxt.breaks >= 2 or self.every_line or nxt.kind in (BULLET, HEADING, DECOR)
            if nxt.kind == RULE and nxt.breaks < 2:
                standalone = False  # a setext underline decides instead
            strength, hs, he, label = self.heading(line)
            if strength == 2 or (strength == 1 and standalone and new_block):
                self.emit(_HEADING, hs, he, line.start, label)
                return
        self.open(_PARA, s, e, line.indent)

    def heading(self, line: Line) -> tuple[int, int, int, str]:
        """Rate ``line`` as a heading: 2 sure, 1 if standalone, 0 not; with its span."""
        opts = self.opts
        s, e = line.body, line.body_end
        if e - s > opts.heading_max_chars:
            return 0, s, e, ""
        content = self.text[s:e]
        marked = False
        m = _BOLD_LINE_RE.match(content) if content[:2] in _BOLD_MARKS else None
        if m is not None:
            s, e = s + m.start(2), s + m.end(2)
            content = m.group(2)
            marked = True
        p = emoji_prefix_end(content)
        if 0 < p < len(content):
            s += p
            content = content[p:]
            marked = True
        label = label_kind(content) or ""
        last = content[-1]
        if last == ":" or (label and last == "."):
            content = content[:-1].rstrip()
            e = s + len(content)
            if not content:
                return 0, s, e, ""
        if label:
            return 2, s, e, label
        # Final punctuation, looking through closing quotes and brackets.
        if last in _NOT_HEADING_END or content.rstrip(_CLOSERS)[-1:] in _NOT_HEADING_END:
            return 0, s, e, ""
        if count_words(content) > opts.heading_max_words:
            return 0, s, e, ""
        if marked:
            return 2, s, e, ""
        return (1 if is_title_case(content) else 0), s, e, ""

    def title(self, line: Line, nxt: Line | None) -> Range | None:
        """Return the title range when the first line is a headline."""
        if nxt is None or line.kind not in (TEXT, HEADING):
            return None  # a one-line text is all body
        text = self.text
        s, e = line.body, line.body_end
        content = text[s:e]
        if self.hint and _same_title(content, self.hint):
            return s, e
        # Cheap tests first: this runs once per article but on the hot path.
        if e - s < 48 and (label_kind(content) or normalise_label(content) in BOILERPLATE_LABELS):
            return None
        if line.kind == HEADING:
            return s, e
        last = content.rstrip(_CLOSERS)[-1:] or content[-1]
        if last in ",:-\u2013—(" or content[0].islower():
            return None
        if len(content.split()) > self.opts.title_max_words:
            return None
        words = count_words(content)
        if words == 0 or words > self.opts.title_max_words:
            return None
        if byline_end(content) or dateline_end(content):
            return None
        same_block = nxt.breaks < 2 and nxt.kind == TEXT
        if last in ".!?…":
            # A standalone line of one or two sentences: some sources end headlines
            # with a full stop. Sentence-case ones must be shorter than most ledes.
            if same_block or (_marks_in(content) > 2 and len(split_sentences(content)) > 2):
                # (Three sentences need two boundaries before the final mark: with
                # at most two marks in all, the splitter is not needed to say no.)
                return None
            if words > self.opts.title_full_stop_max_words and not is_title_case(content):
                return None
            return s, e
        # A dek may follow on the next line; a hard-wrapped paragraph may not.
        if same_block and last != ";" and (e - s > 70 or text[nxt.body].islower()):
            return None
        return s, e


def _marks_in(line: str) -> int:
    """Count the characters that may end a sentence (see ``splitter``)."""
    return sum(map(line.count, _SENTENCE_MARKS))


_SENTENCE_MARKS = ".!?\u2026\u203d"


def _same_title(line: str, hint: str) -> bool:
    return " ".join(line.split()).casefold() == " ".join(hint.split()).casefold()


def _assemble(text: str, units: list[tuple[int, int, int, int, str]]) -> Layout:
    out = Layout()
    sections = out.sections
    cur: SectionPlan | None = None
    for kind, s, e, outer, label in units:
        if kind == _TITLE:
            out.title = (s, e)
            cur = SectionPlan("title", None, outer, e)
            sections.append(cur)
        elif kind == _HEADING:
            cur = SectionPlan(label or "body", (s, e), outer, e)
            sections.append(cur)
        elif kind == _BYLINE and cur is not None and cur.kind == "title":
            cur.end = e
            if out.byline is None:
                out.byline = (s, e)
        else:
            if cur is None or cur.kind == "title":
                lead = "lede" if out.title is not None else "other"
                cur = SectionPlan(lead, None, s, e)
                sections.append(cur)
            cur.end = e
            if kind == _ITEM:
                cur.items.append((s, e))
            elif kind == _PARA:
                if not out.paragraphs:
                    size = dateline_end(text[s:e])
                    if size:
                        out.dateline = (s, s + size)
                out.paragraphs.append((s, e))
            elif out.byline is None:
                out.byline = (s, e)
    return out
