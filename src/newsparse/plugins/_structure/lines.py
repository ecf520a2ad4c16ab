"""Split a text into non-blank lines with exact offsets, and classify each.

One pass over ``str.splitlines`` (the fastest way to walk lines in Python);
each line is trimmed with ``str.strip`` and classified by its first character
before any pattern runs, so a prose line costs well under a microsecond.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from newsparse.plugins._structure.labels import is_decor

__all__ = ["BULLET", "DECOR", "HEADING", "RULE", "TEXT", "WHITESPACE", "Line", "scan_lines"]

#: Line kinds.
TEXT = 0
BULLET = 1
HEADING = 2  # a Markdown ATX heading, "## Title"
RULE = 3  # a Markdown rule or setext underline: "---", "===", "***"
DECOR = 4  # no letter or digit: "📋", "• • •"

#: Characters trimmed around lines and spans: every ``str.isspace`` character,
#: plus the byte-order mark and zero-width space, which editors leave behind.
WHITESPACE = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b"
)

# "## Heading ##": level, then the heading text without the closing hashes.
_ATX_RE = regex.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\Z")

# A bullet glyph (Markdown -*+ need a space after them) or a list number.
_BULLET_RE = regex.compile(
    r"""
    (?:[-*+](?=[ \t])
      |[•◦▪▫‣\u2043●○■□►▸▹▶➤➢✓✔✗✘→·⦿⁌⁍]
      |\d{1,3}[.)](?=[ \t])
    )
    [ \t\u00a0]*+
    (?=\S)
    """,
    regex.VERBOSE,
)

# "---", "***", "___", "===" (spaces allowed between): rules and underlines.
_RULE_RE = regex.compile(r"(?:([-*_=])[ \t]*){3,}\Z|=+\Z|-+\Z")

# Block-quote markers, "> " or ">> ".
_QUOTE_MARK_RE = regex.compile(r"(?:>[ \t]?)+")

# First characters after which a line may be something other than prose.
_SPECIAL_FIRST = frozenset("#-*+_=>•◦▪▫‣\u2043●○■□►▸▹▶➤➢✓✔✗✘→·⦿⁌⁍0123456789")

# First characters of prose lines sent to ``_classify`` (not letters).
_OPENING_MARKS = frozenset("\"'\u201c\u2018\u00ab\u201e([")


@dataclass(slots=True)
class Line:
    """A non-blank line.

    ``start``/``end`` bound the trimmed line (markers included); ``body``/
    ``body_end`` bound its content without markers (``#``, bullet, ``>``).
    ``breaks`` counts line breaks since the previous non-blank line: 1 means
    the same block, 2 or more means a blank line came between.
    """

    start: int
    end: int
    body: int
    body_end: int
    indent: int
    kind: int
    breaks: int
    level: int = 0  # heading level for HEADING lines


def scan_lines(text: str) -> list[Line]:
    """Return the non-blank lines of ``text`` in order, classified."""
    lines: list[Line] = []
    pos = 0
    breaks = 2  # the text start counts as a blank line before the first line
    strip = WHITESPACE
    for raw in text.splitlines(True):
        if raw == "\n":  # a blank line, the usual paragraph separator: nothing to trim
            breaks += 1
            pos += 1
            continue
        size = len(raw)
        stripped = raw.lstrip(strip)
        if not stripped:
            breaks += 1
            pos += size
            continue
        indent = size - len(stripped)
        content = stripped.rstrip(strip)
        start = pos + indent
        end = start + len(content)
        line = Line(start, end, start, end, indent, TEXT, breaks)
        if content[0] in _SPECIAL_FIRST or not content[0].isalpha():
            _classify(line, content)
        lines.append(line)
        # splitlines keeps one line break at the end of every piece but the last.
        breaks = 1
        pos += size
    return lines


def _classify(line: Line, content: str) -> None:
    first = content[0]
    if first in _OPENING_MARKS:
        # Quoted prose ("“We ...”"): no heading, rule, bullet or block quote opens
        # with a quotation mark or bracket, so only the decoration test is left.
        if is_decor(content):
            line.kind = DECOR
        return
    if first == "#":
        m = _ATX_RE.match(content)
        if m is not None and m.group(2) and not is_decor(m.group(2)):
            line.kind = HEADING
            line.level = len(m.group(1))
            line.body = line.start + m.start(2)
            line.body_end = line.start + m.end(2)
            return
    if _RULE_RE.match(content) is not None:
        line.kind = RULE
        return
    m = _BULLET_RE.match(content)
    if m is not None:
        line.kind = BULLET
        line.body = line.start + m.end()
        return
    if first == ">":
        m = _QUOTE_MARK_RE.match(content)
        if m is not None:
            rest = content[m.end() :].lstrip(WHITESPACE)
            if rest:
                line.body = line.end - len(rest)
                content = rest
    if is_decor(content):
        line.kind = DECOR
