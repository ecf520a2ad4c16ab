"""The front matter of a story: byline and dateline patterns.

A byline is a short "By ..." line of names; a dateline opens the first
paragraph of a wire story ("WASHINGTON (AP) —", "LONDON, Jan 5 (Reuters) -",
"FLINT, Mich., Oct. 4 (UPI) —", "Washington (AFP) —", "PYONGYANG —").
"""

from __future__ import annotations

import regex

__all__ = ["BYLINE_MAX_CHARS", "byline_end", "dateline_end"]

#: Longer lines are never bylines.
BYLINE_MAX_CHARS = 120

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

_DATELINE_RE = regex.compile(
    rf"""
    (?!(?:EXCLUSIVE|BREAKING|UPDATE|UPDATED|WATCH|VIDEO|LIVE|OPINION|ANALYSIS|EDITORIAL
         |REVIEW|CORRECTION|FACT\ CHECK|LISTEN|PHOTOS)\b)
    (?:
      # a place in capitals: WASHINGTON, NEW YORK, ST. LOUIS, RIO DE JANEIRO
      \p{{Lu}}[\p{{Lu}}'\u2019.\-]++(?:[ \t]+\p{{Lu}}[\p{{Lu}}'\u2019.\-]*+){{0,3}}
      (?:,[ \t]*+(?!{_MONTH}[ \t]*\d)\p{{Lu}}[\p{{L}}.]*+(?:[ \t]+\p{{Lu}}[\p{{L}}.]*+)?)?
      (?:,?[ \t]*+{_MONTH}[ \t]*+\d{{1,2}}(?:,[ \t]*\d{{4}})?)?
      (?:[ \t]*+\([^()\n]{{1,40}}\))?
    |
      # a place in Title Case, only with a news agency: Washington (AFP)
      \p{{Lu}}\p{{Ll}}++(?:[ \t]+\p{{Lu}}\p{{Ll}}++){{0,2}}
      (?:,[ \t]*+(?!{_MONTH}[ \t]*\d)\p{{Lu}}[\p{{L}}.]*+)?
      (?:,?[ \t]*+{_MONTH}[ \t]*+\d{{1,2}}(?:,[ \t]*\d{{4}})?)?
      [ \t]*+\(\p{{Lu}}[\p{{L}}&.\- ]{{0,30}}\)
    )
    [ \t]*+(?:--|[\-\u2013\u2014])
    (?=[ \t]*+\S)
    """,
    regex.VERBOSE,
)

_BYLINE_RE = regex.compile(r"(?:By|BY)[ \t:]+(?=\p{Lu})(.+)")

_BYLINE_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019.\-]*")

# Lower-case words a byline may hold besides names ("and", "of", "staff writer").
_BYLINE_SMALL = frozenset(
    {
        "and", "of", "the", "for", "in", "at", "with", "de", "da", "del", "der", "di",
        "du", "la", "le", "van", "von", "y", "staff", "writer", "writers", "reporter",
        "reporters", "correspondent", "correspondents", "editor", "editors", "contributor",
        "contributors", "special", "to", "bureau", "chief", "senior", "political",
        "national", "news", "service", "wire",
    }
)  # fmt: skip


def byline_end(line: str) -> int:
    """Return the length of the byline ``line`` is, or 0 when it is not one.

    ``"By Jane Doe"``, ``"By JANE DOE and JOHN ROE, Reuters"`` and
    ``"By Jane Doe, Staff Writer."`` are bylines; ``"By the way, ..."`` is not.
    """
    if len(line) > BYLINE_MAX_CHARS or not line.startswith(("By", "BY")):
        return 0
    m = _BYLINE_RE.match(line)
    if m is None:
        return 0
    words = _BYLINE_WORD_RE.findall(m.group(1))
    if not words or len(words) > 14:
        return 0
    for word in words:
        if not word[0].isupper() and word.casefold() not in _BYLINE_SMALL:
            return 0
    return len(line)


def dateline_end(paragraph: str) -> int:
    """Return the length of the dateline that opens ``paragraph`` (0 if none).

    The dateline ends with its dash: ``"WASHINGTON (AP) —"``.
    """
    head = paragraph[:120]
    if "-" not in head and "\u2013" not in head and "\u2014" not in head:
        return 0  # every dateline ends with a dash
    m = _DATELINE_RE.match(paragraph)
    return m.end() if m is not None else 0
