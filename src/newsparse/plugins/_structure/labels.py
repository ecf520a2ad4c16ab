"""Section labels, headline-case tests and decoration (emoji-only) lines.

Everything here works on one line's content at a time and uses precompiled
patterns; the layout module calls it only for short lines, so the cost is
a few microseconds per article.
"""

from __future__ import annotations

import re

import regex

from newsparse.plugins._structure.lexicon import KEY_FACTS_LABELS, SUMMARY_LABELS

__all__ = [
    "count_words",
    "emoji_prefix_end",
    "is_decor",
    "is_title_case",
    "label_kind",
    "normalise_label",
]

# A line with no letter and no digit: "📋", "* * *", "---", "•••". Such lines
# decorate a digest; they are neither headings nor paragraphs.
_DECOR_RE = regex.compile(r"[^\p{L}\p{N}]*+\Z")

# Leading pictographs (with skin tones, variation selectors and joiners) and
# other symbols that decorate a label such as "📌 Key Points".
_EMOJI_PREFIX_RE = regex.compile(
    r"""
    (?:[\p{Extended_Pictographic}\p{So}\p{Regional_Indicator}]
       [\p{Mn}\p{Me}\p{Sk}\u200d\ufe0f\U0001F3FB-\U0001F3FF]*+)++
    [\s:\-\u2013\u2014|]*+
    """,
    regex.VERBOSE,
)

# Words of a label: runs of letters/digits with inner apostrophes, hyphens, dots.
_WORD_RE = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}'\u2019.\-]*[\p{L}\p{N}\p{M}])?")

# What surrounds a label but is not part of it: markup, emoji, a final colon.
_LABEL_STRIP_RE = regex.compile(r"[^\p{L}\p{N};&]+")

# The same definitions for ASCII text, where ``\p{L}`` is ``A-Za-z``, ``\p{N}`` is
# ``0-9`` and ``\p{M}`` is empty: the ``regex`` module looks each character's
# properties up (about 500 instructions a character), ``re`` and ``str.translate``
# test a table. Most labels and short lines are ASCII.
_ASCII_LABEL_SPACES = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in ";&")}
)
# The words of ``layout``: a letter or digit, then letters, digits, apostrophes, dots, hyphens.
_LINE_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019.\-]*")
_ASCII_LINE_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.\-]*")
# Any ASCII letter or digit: a line holding one is no decoration.
_ASCII_ALNUM_RE = re.compile(r"[A-Za-z0-9]")

# Function words that stay lower case in Title Case ("Focus on Russia").
_SMALL_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor",
        "of", "off", "on", "onto", "or", "over", "per", "so", "than", "the", "to", "up",
        "upon", "via", "vs", "vs.", "with", "within", "without", "amid", "after", "before",
        "about", "against", "between", "during", "under",
    }
)  # fmt: skip


def is_decor(line: str) -> bool:
    """Tell whether ``line`` has no letter and no digit (emoji, rules, dots)."""
    if _ASCII_ALNUM_RE.search(line) is not None:
        return False  # (an ASCII letter or digit is \p{L} or \p{N}: found in one cheap scan)
    return _DECOR_RE.match(line) is not None


def emoji_prefix_end(line: str) -> int:
    """Return the length of the emoji/symbol prefix of ``line`` (0 if none)."""
    if line[:1] < "\x80":
        return 0  # no ASCII character is a pictograph or an other-symbol (So)
    m = _EMOJI_PREFIX_RE.match(line)
    return m.end() if m is not None else 0


def normalise_label(line: str) -> str:
    """Lower-case ``line`` and reduce every run of non-letters to one space.

    ``"📌 Key Points:"`` and ``"**KEY POINTS**"`` both give ``"key points"``;
    ``"TL;DR"`` keeps its semicolon.
    """
    if line.isascii():
        # Non-label characters become spaces; ``split`` and ``join`` then do
        # what the substitution and ``strip`` do (one space per run, none at the ends).
        return " ".join(line.translate(_ASCII_LABEL_SPACES).split()).casefold()
    return _LABEL_STRIP_RE.sub(" ", line).strip().casefold()


def count_words(line: str) -> int:
    """Count the words of ``line`` (a letter or digit, then letters, digits, ' . - or U+2019)."""
    if line.isascii():
        return len(_ASCII_LINE_WORD_RE.findall(line))
    return len(_LINE_WORD_RE.findall(line))


def label_kind(line: str) -> str | None:
    """Return ``"key_facts"`` or ``"summary"`` when ``line`` is such a label."""
    label = normalise_label(line)
    if label in KEY_FACTS_LABELS:
        return "key_facts"
    if label in SUMMARY_LABELS:
        return "summary"
    return None


def is_title_case(line: str) -> bool:
    """Tell whether ``line`` is written in Title Case (or in capitals).

    The first word must be capitalised, and every other word that is not a
    short function word ("of", "the", "on") must start with a capital or a
    digit. ``"Kim Jong-un's New Year Address"`` and ``"Focus on Russia"`` are;
    ``"The leader spoke"`` is not.
    """
    words = _WORD_RE.findall(line)
    if not words:
        return False
    first = words[0][0]
    if not (first.isupper() or first.isdigit()):
        return False
    for word in words[1:]:
        head = word[0]
        if head.isupper() or head.isdigit() or not head.isalpha():
            continue
        if word.casefold() in _SMALL_WORDS:
            continue
        return False
    return True
