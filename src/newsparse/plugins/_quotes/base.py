# ruff: noqa: RUF001  (quotation marks and dashes are the subject here)
"""Shared pieces of the quotes engine: settings, the raw attribution, word helpers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsparse.plugins._quotes.lexicon import (
    FOLD_TO_A_Z,
    LOWER_TO_ASCII,
    ONLY_A_TO_Z,
    Lexicon,
    letter_runs,
)
from newsparse.plugins._quotes.marks import Passage
from newsparse.plugins._quotes.speakers import (
    EntityIndex,
    noun_phrase_before,
)
from newsparse.plugins._quotes.text import Splitter, Word

__all__ = [
    "AFTER_CUE_OK",
    "BE",
    "CLAUSE_STARTERS",
    "COORDINATORS",
    "DASHES",
    "DETERMINERS",
    "GERUND_LINKS",
    "GLUE",
    "NOT_BEFORE_CUE",
    "OPEN_MARK_RE",
    "PARTICIPLE_ONLY",
    "PASSIVE_STOP",
    "SUBJECT_PRONOUNS",
    "TERMINALS",
    "TRAILING",
    "WINDOW",
    "EngineBase",
    "Kind",
    "Range",
    "RawQuote",
    "Settings",
    "carried_over",
    "count_words",
    "cue_at",
    "inverted_speaker",
    "is_title",
    "only_punctuation",
    "reach",
    "sentence_like",
    "skip_space",
    "span",
]

Range = tuple[int, int]
Kind = Literal["direct", "indirect", "mixed", "scare"]
WINDOW = 160  # characters looked at after/before a passage for its cue
TERMINALS = frozenset(".!?")
GERUND_LINKS = frozenset(("before", "after", "while", "when", "by", "and"))
# Words that may follow a cue closing a quotation's attribution ("said on Tuesday").
AFTER_CUE_OK = frozenset(
    ["in", "on", "at", "during", "after", "before", "to", "about", "from", "of", "via", "later"]
)
COORDINATORS = frozenset(("but", "and", "while", "although", "though", "whereas", "yet"))
SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "i", "we", "who"))
TRAILING = frozenset(" \t\n.!?")
GLUE = frozenset(("'", "’", "-"))  # a cue-like word after these is part of another word
DASHES = frozenset(("—", "–", "―", "--", "-"))
_PUNCT_WORDS = frozenset((",", ";", ":", "(", ")", "—", "–", "--"))
# (``re``, not ``regex``: a set of literal characters means the same to both, and
# ``re`` searches a window with about a third fewer instructions.)
OPEN_MARK_RE = re.compile(r"[“\"‘«„]")
# A subject after a quotation starts with a capital or one of these.
DETERMINERS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "i",
        "we",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "one",
        "some",
        "many",
        "another",
        "this",
        "these",
    ]
)
CLAUSE_STARTERS = frozenset(
    [
        "when",
        "while",
        "and",
        "as",
        "because",
        "but",
        "if",
        "since",
        "after",
        "before",
        "although",
        "though",
        "where",
        "than",
    ]
)
# A cue word right after these is a gerund or a noun ("by praising", "of state").
NOT_BEFORE_CUE = frozenset(
    ("by", "of", "for", "with", "in", "the", "a", "an", "his", "her", "their", "its", "our")
)
BE = frozenset(["is", "was", "were", "are", "be", "been", "being"])
PASSIVE_STOP = frozenset(["as", "to", "in", "on", "for", "that", "with", "at", "of"])
_SPACE = 32  # a space in ``EngineBase.letters``
PARTICIPLE_ONLY = frozenset({"saying", "adding", "noting", "arguing", "explaining", "telling"})


@dataclass(frozen=True)
class Settings:
    """Engine settings (mirrors the extractor config)."""

    max_chars: int = 4000
    scare_max_words: int = 4
    cues: frozenset[str] = frozenset()
    merge_following: bool = True
    indirect: bool = True
    unattributed_direct: bool = True
    nested: bool = False
    scare_quotes: bool = True


@dataclass
class RawQuote:
    """An attribution before it becomes a :class:`newsparse.Quote`."""

    kind: Kind
    content: list[Range]
    cue: Range | None = None
    speaker: Range | None = None
    paragraph: int = 0
    passages: list[Passage] = field(default_factory=list)
    # Where the attribution's own words start when its speaker is the subject
    # of the clause before (", calling it “...”"); that clause stays free.
    clause: int | None = None

    def cut_at(self, cut: int) -> None:
        """End the content at offset ``cut`` (a new attribution starts there)."""
        self.content = [(a, min(b, cut)) for a, b in self.content if a < cut]


_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)


def is_title(text: str, p: Passage) -> bool:
    """Tell whether an uncued passage is Title Case (a show, a book, a headline)."""
    words_ = text[p.start + 1 : p.end - 1].strip(" ,.!?”’\"'").split()
    if not words_ or len(words_) > 10:
        return False
    capitals = [w for w in words_ if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(capitals) and all(w[:1].isupper() or w[:1].isdigit() for w in capitals)


def reach(q: RawQuote) -> int:
    """Return the end of everything an attribution covers (content, cue, speaker)."""
    return max([q.content[-1][1]] + [x[1] for x in (q.cue, q.speaker) if x])


def carried_over(gap: str) -> bool:
    """Tell whether ``gap`` is one paragraph break with nothing but punctuation."""
    return gap.count("\n") <= 2 and "\n" in gap and not any(c.isalnum() for c in gap)


def only_punctuation(gap: str) -> bool:
    """Tell whether ``gap`` holds no word and no line break."""
    return "\n" not in gap and not any(c.isalnum() for c in gap)


def skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i


def inverted_speaker(ws: Sequence[Word], i: int) -> bool:
    """Tell whether the words from ``i`` read as a source named after its cue.

    "said Jane Doe, an adviser" and "said the minister." do; "said parents
    still want schools." does not (a clause, not a name).
    """
    j = i
    while j < len(ws) and ws[j][2] not in (",", ".", ";", "(", "!", "?"):
        j += 1
    n = j - i
    if n == 0:
        return False
    if ws[i][2][:1].isupper():
        return n <= 6
    return n <= 4


def sentence_like(text: str, p: Passage) -> bool:
    """Tell whether a short passage reads as a sentence (“I would, Donald.”)."""
    inner = text[p.start + 1 : p.end - 1].strip()
    return inner[:1].isupper() and inner[-1:] in (".", "!", "?", ",")


def count_words(text: str, p: Passage) -> int:
    return len(text[p.start : p.end].split())


def cue_at(ws: Sequence[Word], i: int, cues: frozenset[str]) -> bool:
    return ws[i][2].lower() in cues


def span(ws: Sequence[Word], rng: tuple[int, int] | None) -> Range | None:
    if rng is None:
        return None
    i, j = rng
    return ws[i][0], ws[j - 1][1]


class EngineBase:
    """State shared by the direct-quote and reported-speech passes."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Range],
        settings: Settings,
        lex: Lexicon,
        entities: EntityIndex,
    ) -> None:
        self.text = text
        self.split = Splitter(text)
        self.sentences = list(sentences)
        self.sent_starts = [s for s, _ in self.sentences]
        self.s = settings
        self.lex = lex
        self.entities = entities
        self.cues = settings.cues
        if any(ch in text for ch in LOWER_TO_ASCII):
            lowered = text.lower()
            # (A text whose lower case is longer, "İ", is matched as written.)
            same = len(lowered) == len(text)
            self._lowered: str | None = lowered if same else text
            letters = self._lowered.encode("ascii", "replace").translate(ONLY_A_TO_Z)
        else:
            # The usual case: the letters come from the text itself, A-Z folded,
            # and the lower-case text is made only if a slow path needs it.
            same = True
            self._lowered = None
            letters = text.encode("ascii", "replace").translate(FOLD_TO_A_Z)
        # One byte per character: a-z for a letter of ``lowered``, else a space.
        self.letters = letters
        # Whether ``letters`` holds every letter of the lower-case text (not when
        # lowering changed the length: then capitals are spaces there).
        self.folded = same
        # Every cue form standing as a whole run of letters, found once for the
        # reported-speech scan and for ``cue_free``.
        self.runs = letter_runs(letters, self.cues)
        self._run_starts = [a for a, _ in self.runs] if self.runs is not None and same else None

    @property
    def lowered(self) -> str:
        """The text in lower case (the text itself when lowering changes its length)."""
        low = self._lowered
        if low is None:
            low = self._lowered = self.text.lower()
        return low

    def cue_free(self, start: int, end: int) -> bool:
        """Tell whether no word of ``split.words(start, end)`` can be a cue form.

        A word that is a cue form once lowered (letters ``a``-``z`` only) is a
        whole run of such letters in the text, so it is one of ``runs``, unless
        the range cuts a run of letters ("unsaid" from "said", "say" from
        "saying"): then, and when the cue forms are not plain letters, the
        answer is ``False`` (the caller splits the range as before).
        """
        starts = self._run_starts
        if starts is None:
            return False
        letters = self.letters
        size = len(letters)
        for cut in (start, end):
            if 0 < cut < size and letters[cut - 1] != _SPACE and letters[cut] != _SPACE:
                return False
        i = bisect.bisect_left(starts, start)
        return i == len(starts) or starts[i] >= end

    def _sentence_of(self, pos: int) -> Range:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return (0, len(self.text))
        return self.sentences[i]

    def _main_subject(self, ws: Sequence[Word], before: int) -> tuple[int, int] | None:
        """Return the subject of the clause's own cue before ``before`` (for ", saying")."""
        for n in range(before - 1, -1, -1):
            if cue_at(ws, n, self.cues):
                return noun_phrase_before(ws, n)
        # No cue: the clause subject is its first words (a name or a pronoun).
        i = 0
        while i < before and ws[i][2] in _PUNCT_WORDS:
            i += 1
        j = i
        while j < before and j - i < 5 and (ws[j][2][:1].isupper() or j == i):
            j += 1
        return (i, j) if j > i else None

    # ---------------------------------------------------------------- indirect
