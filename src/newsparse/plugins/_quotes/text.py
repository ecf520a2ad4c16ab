# ruff: noqa: RUF001  (quotation marks and dashes are the subject here)
"""Words and sentences for the quotes engine, with a fallback sentence splitter."""

from __future__ import annotations

import re

import regex

__all__ = ["Word", "split_sentences", "words"]

# A word: a title abbreviation with its dot (Mr.), or letters/digits joined by
# inner apostrophes, hyphens or dots (U.S, don't); or clause punctuation.
# (The standard ``re`` is faster than ``regex`` for this simple pattern.)
_WORD_RE = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Jr|Sr|St|Prof|Rev|Mt|Inc|Co|Corp|Ltd|\b[A-Z])"
    r"\.(?=\s)"
    # A capitalised abbreviation followed by a comma or bracket: (R-Fla.), R-Ky.,
    r"|\w+(?:['’.\-]\w+)*\.(?=[,);])"
    r"|\w+(?:['’.\-]\w+)*|[,;:—–―()]|--|[.!?]+"
)
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
    """Return the words (and clause punctuation) of ``text[start:end]``."""
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, start, end)]


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
