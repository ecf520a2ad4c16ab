# ruff: noqa: RUF001  (quotation marks and dashes are the subject here)
"""Speakers: the local mention of a source, its entity, and the source type."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter, sub
from typing import Literal, NamedTuple

from newsparse.plugins._quotes.lexicon import Lexicon
from newsparse.plugins._quotes.text import Word

__all__ = [
    "EntityIndex",
    "MentionRef",
    "according_after",
    "clause_subject",
    "first_subject",
    "leading_name",
    "noun_phrase_after",
    "noun_phrase_before",
    "source_type",
]

SourceType = Literal["named", "anonymous", "unattributed"]

# Words between a subject and its cue that belong to neither ("has also said").
AUXILIARIES = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "later",
        "previously",
        "repeatedly",
        "recently",
        "once",
        "would",
        "will",
        "could",
        "did",
        "does",
        "do",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "not",
        "never",
        "publicly",
        "privately",
        "then",
        "often",
        "already",
        "still",
        "just",
        "even",
        "further",
        "earlier",
        "first",
        "long",
        "frequently",
        "again",
        "openly",
        "initially",
        "reportedly",
        "simply",
        "only",
        "quickly",
        "may",
        "might",
        "can",
        "should",
        "must",
    ]
)
# Words that start a clause: the subject of a cue comes after the last of them.
_CLAUSE_WORDS = frozenset(
    [
        "that",
        "because",
        "while",
        "when",
        "as",
        "if",
        "but",
        "although",
        "though",
        "since",
        "after",
        "before",
        "where",
        "so",
        "than",
        "whether",
        "until",
        "unless",
        "whereas",
        "and",
        "or",
        "nor",
        "yet",
    ]
)
_RELATIVES = frozenset({"who", "which", "that", "whom"})
# Clause words that may also join two parts of one noun phrase ("Seoul and Beijing").
# Words in -ly that end subjects ("the party's daily said", "at the rally, she told").
_LY_NOUNS = frozenset(
    (
        "rally",
        "tally",
        "family",
        "reply",
        "ally",
        "assembly",
        "supply",
        "daily",
        "weekly",
        "monthly",
    )
)
_JOINERS = frozenset({"and", "or", "as"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "that", "those", "its", "his", "her"})
# Common irregular past forms: a subject does not run back through a verb ("The rate fell as").
# fmt: off
_IRREGULAR_PAST = frozenset({
    "fell", "rose", "grew", "came", "went", "made", "took", "gave", "got", "saw", "won",
    "lost", "left", "began", "became", "kept", "held", "ran", "met", "led", "sent", "spent",
    "built", "brought", "thought", "felt", "found", "knew", "paid", "sold", "stood", "fought",
})
# fmt: on
_LEADING_DROP = frozenset(
    [
        "and",
        "but",
        "so",
        "yet",
        "also",
        "meanwhile",
        "still",
        "however",
        "instead",
        "now",
        "then",
        "indeed",
    ]
)
_STOP_AFTER = frozenset(
    [
        "in",
        "on",
        "at",
        "for",
        "to",
        "as",
        "during",
        "after",
        "before",
        "with",
        "about",
        "from",
        "by",
        "that",
        "when",
        "while",
        "who",
        "which",
        "on",
    ]
)
_PREPOSITIONS = frozenset(
    [
        "by",  # "By praising the troops, Kim ...": no subject before the cue
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
        "with",
        "without",
        "despite",
        "following",
        "after",
        "before",
        "during",
        "under",
        "over",
        "about",
        "against",
        "among",
        "between",
        "into",
        "through",
        "via",
        "amid",
    ]
)
PRONOUNS = frozenset(["he", "she", "they", "it", "i", "we", "you", "who", "which"])
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "i", "we"))
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
_GROUP_PRONOUNS = frozenset({"they", "we", "it"})
_PUNCT = frozenset(",;:—–()--")
_PUNCT_OR_CLAUSE = _PUNCT | _CLAUSE_WORDS
# What ends one comma-, dash- or bracket-separated part of a sentence.
_PART_BREAKS = frozenset((",", ";", "—", "–", "―", "--", "(", ")"))


def noun_phrase_before(
    ws: Sequence[Word],
    k: int,
    limit: int = 10,
    stop: frozenset[str] = frozenset(),
    *,
    join: bool = False,
) -> tuple[int, int] | None:
    """Return word indices ``[i, j)`` of the subject of the cue at index ``k``.

    Auxiliaries and adverbs just before the cue are skipped; the subject runs
    back to the clause start (a comma, a clause word or the sentence start).
    ``X, who ..., said`` gives ``X``; ``who said`` gives ``who``. Words in
    ``stop`` (other cues: "said he believes") end the subject too. With
    ``join``, an ``and``/``or``/``as`` inside a verbless noun phrase at the
    clause start does not end it ("Seoul and Beijing confirmed", "The view of
    the pact as durable suggests"; see :func:`_joined_start`).
    """
    j = k
    while j > 0 and _is_auxiliary(ws[j - 1][2]):
        j -= 1
    if j == 0:
        return None
    if ws[j - 1][2] == ",":
        # "X, a senior aide, said" / "X, who ..., said": step over the aside.
        i = j - 1
        while i > 0 and ws[i - 1][2] not in (",", ";", ":"):
            i -= 1
        aside_first = ws[i][2].lower() if i < j - 1 else ""
        if i > 0 and ws[i - 1][2] == ",":
            end = i - 1
            start = end
            while start > 0 and ws[start - 1][2] not in _PUNCT:
                start -= 1
            while start > 1 and ws[start - 1][2] == "," and _is_aside(ws, start, end):
                # "Jane Doe, 58, who lives nearby, says": step over the age too.
                end = start - 1
                start = end
                while start > 0 and ws[start - 1][2] not in _PUNCT:
                    start -= 1
            if start < end:
                return _trim_leading(ws, start, end, limit)
        if aside_first in _RELATIVES:
            return None
        return leading_name(ws, k)
    if ws[j - 1][2].lower() == "and":
        # "I laughed and said": the subject of the first verb, at the clause start.
        i = j - 1
        while i > 0 and ws[i - 1][2] not in _PUNCT and ws[i - 1][2].lower() not in _CLAUSE_WORDS:
            i -= 1
        head = ws[i][2]
        if i < j - 1 and (head.lower() in PRONOUNS or head[:1].isupper()):
            end = i + 1
            while end < j - 2 and ws[end][2][:1].isupper():
                end += 1
            return i, end
        return None
    i = j
    while i > 0:  # back to punctuation, a clause word or a stop word
        low = ws[i - 1][2].lower()  # (punctuation lowers to itself)
        if low in _PUNCT_OR_CLAUSE or low in stop:
            break
        i -= 1
    if ws[j - 1][2].lower() in _RELATIVES:
        return j - 1, j
    if i == j:
        return None
    if join and i > 0 and ws[i - 1][2].lower() in _JOINERS:
        i = _joined_start(ws, i, j, limit, stop)
    return _trim_leading(ws, i, j, limit)


def _joined_start(ws: Sequence[Word], i: int, j: int, limit: int, stop: frozenset[str]) -> int:
    """Return where a subject ``ws[i:j]`` after ``and``/``or``/``as`` really starts.

    The words before the joiner belong to the subject when they run back to
    the clause start (the sentence start, a comma or a clause word, not
    another cue) and look verbless: no auxiliary, no cue, no lowercase
    ``-ed`` form, no pronoun after the joiner. Otherwise ``i``: "prices fell
    as experts predicted", "it rose and they said" keep their short subject.
    """
    first = ws[i][2].lower()
    if first in PRONOUNS or first in _CLAUSE_WORDS:
        return i
    b = i - 1
    while b > 0:
        word = ws[b - 1][2]
        low = word.lower()
        if word in _PUNCT or low in _CLAUSE_WORDS:
            break
        if low in stop or low in PRONOUNS or _verb_like(word):
            return i
        b -= 1
    if b == i - 1 or j - b > limit:
        return i
    if ws[i - 1][2].lower() == "as" and (
        ws[b][2].lower() not in _DETERMINERS
        or first in _DETERMINERS
        or ws[i][2][:1].isupper()
        or (first.endswith("s") and not first.endswith(("ous", "ss")))
    ):
        # "The view of the pact as durable suggests" joins; "as wealthy as Mr.
        # Trump claims" and "The rate fell as economists predicted" do not.
        return i
    return b


def clause_subject(ws: Sequence[Word], end: int) -> tuple[int, int] | None:
    """Return the subject at the start of ``ws[:end]``: the words before its first verb.

    "The lawyers filed a motion, saying ...": "The lawyers". ``None`` when the
    clause starts with punctuation, a clause word or a preposition, or no
    verb-like word comes within six words.
    """
    i = 0
    while i < end and ws[i][2].lower() in _LEADING_DROP:
        i += 1
    if i >= end or ws[i][2] in _PUNCT:
        return None
    first = ws[i][2].lower()
    if first in _CLAUSE_WORDS or first in _PREPOSITIONS:
        return None
    j = i
    while j < end and j - i < 6:
        word = ws[j][2]
        if word in _PUNCT:
            return None
        if j > i and (_verb_like(word) or (word[:1].islower() and word.endswith("s"))):
            break
        j += 1
    if j == i or j >= end or j - i >= 6:
        return None
    if ws[j - 1][2].lower() in PRONOUNS and j - i > 1:
        return j - 1, j
    return i, j


def first_subject(ws: Sequence[Word], end: int) -> tuple[int, int] | None:
    """Return the first clause subject in ``ws[:end]``, reading past opening phrases.

    "But back on American soil, he returned to ...": "he" (the subject of the
    clause after the opening phrase's comma). ``None`` when no comma-separated
    part of ``ws[:end]`` starts with a subject (see :func:`clause_subject`).
    """
    start = 0
    while start < end:
        found = clause_subject(ws[start:end], end - start)
        if found is not None:
            verb = found[1] + start
            if not (
                ws[verb][2].lower() in AUXILIARIES
                and (verb + 1 == end or ws[verb + 1][2] in _PART_BREAKS)
            ):
                return found[0] + start, verb
            # ("Hours later, Trump ...": an adverb closing an opening phrase is no verb)
        # on to the next part: after a comma, a dash or a bracket ("WASHINGTON (AP) — ...")
        while start < end and ws[start][2] not in _PART_BREAKS:
            start += 1
        while start < end and ws[start][2] in _PART_BREAKS:
            start += 1
    return None


def leading_name(ws: Sequence[Word], k: int) -> tuple[int, int] | None:
    """Return the name opening a sentence whose cue at ``k`` follows an aside.

    "Marty West, a professor at Harvard (and an aide to Sen. Jo Ames),
    called it ...": when the words just before the cue close an aside (a
    comma or a bracket), the source is the name before the sentence's first
    comma or bracket: up to eight words, starting with a capital, with no
    verb, clause word or preposition at its head.
    """
    if k < 3 or ws[k - 1][2] not in (",", ")"):
        return None
    head = ws[0][2]
    if not head[:1].isupper() or head.lower() in _CLAUSE_WORDS or head.lower() in _PREPOSITIONS:
        return None
    c = 1
    while c < k and ws[c][2] not in (",", "("):
        word = ws[c][2]
        if word in _PUNCT or word.lower() in _CLAUSE_WORDS or _verb_like(word):
            return None
        c += 1
    if c >= k - 1 or c > 8:
        return None  # ("The deal, signed in ...": the comma before the cue opens an aside)
    return 0, c


def _verb_like(word: str) -> bool:
    """Tell whether ``word`` is probably a finite verb (a subject cannot run through it)."""
    low = word.lower()
    return (
        low in AUXILIARIES
        or low in _IRREGULAR_PAST
        or (word[:1].islower() and len(low) > 4 and low.endswith("ed"))
    )


def _is_aside(ws: Sequence[Word], start: int, end: int) -> bool:
    """Tell whether ``ws[start:end]`` (between commas) is an age or a relative clause."""
    first = ws[start][2]
    return (end - start == 1 and first.isdigit()) or first.lower() in ("who", "whose", "which")


def _is_auxiliary(word: str) -> bool:
    low = word.lower()
    return (
        low in AUXILIARIES
        or low.endswith(("n't", "n’t"))
        or (
            # an adverb ("publicly"), not a name ("Kelly") or a noun ("the rally")
            low.endswith("ly") and len(low) > 4 and word[0].islower() and low not in _LY_NOUNS
        )
    )


def _trim_leading(ws: Sequence[Word], i: int, j: int, limit: int) -> tuple[int, int] | None:
    while i < j and ws[i][2].lower() in _LEADING_DROP:
        i += 1
    if j - i == 2 and ws[j - 1][2].lower() in _SUBJECT_PRONOUNS:
        # "Later she said", "Here he says", "whom he called": a personal pronoun
        # right before the cue is the whole subject (and links to its antecedent).
        return j - 1, j
    if i < j and ws[i][2].lower() in _PREPOSITIONS:
        # "In a Bloomberg interview Trump declared": the name or pronoun right
        # before the cue is the subject; "In a White House statement" has none.
        last = ws[j - 1][2]
        if last.lower() in PRONOUNS:
            return j - 1, j
        start = j
        while start > i + 1 and ws[start - 1][2][:1].isupper():
            start -= 1
        if (
            start < j
            and ws[start - 1][2][:1].islower()
            and ws[start - 1][2].lower() not in (_PREPOSITIONS)
        ):
            return start, j
        return None
    i = max(i, j - limit)
    return (i, j) if i < j else None


def according_after(ws: Sequence[Word], i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return the cue and source offsets of a ", according to X" in ``ws[i:]``, if any.

    "“...,” Sanders said, according to CNN." and "X said Y, according to the
    report.": PolNeAR credits the attribution to the source that reports it.
    """
    for n in range(i, len(ws) - 3):
        if ws[n][2] == "," and ws[n + 1][2].lower() == "according" and ws[n + 2][2].lower() == "to":
            rng = noun_phrase_after(ws, n + 3)
            if rng is None:
                return None
            return (ws[n + 1][0], ws[n + 2][1]), (ws[rng[0]][0], ws[rng[1] - 1][1])
    return None


def noun_phrase_after(ws: Sequence[Word], k: int, limit: int = 12) -> tuple[int, int] | None:
    """Return word indices ``[i, j)`` of a source named after a cue ("said Jane Doe, ...").

    ``None`` when a preposition follows the cue: "said in a statement",
    "said of Cruz" name no source.
    """
    i = k
    if i < len(ws) and (ws[i][2].lower() in _PREPOSITIONS or ws[i][2].lower() == "of"):
        return None
    j = i
    while j < len(ws) and j - i < limit and ws[j][2] not in _PUNCT:
        if ws[j][2][0] in ".!?":
            break  # the sentence's end is no part of the name
        if j > i and ws[j][2].lower() in _STOP_AFTER:
            break
        j += 1
    return (i, j) if j > i else None


class MentionRef(NamedTuple):
    """An entity mention as the engine sees it (a tuple: cheap to make in bulk)."""

    start: int
    end: int
    entity: str
    type: str


# (start, end) of a mention, read in C (a lambda per mention cost more than the sort).
_BY_RANGE = itemgetter(0, 1)
_START = itemgetter(0)
_END = itemgetter(1)


class EntityIndex:
    """Entity mentions sorted by offset, to link speaker spans to entities."""

    def __init__(self, mentions: Sequence[tuple[int, int, str, str]]) -> None:
        """Index ``mentions`` (any order): ``MentionRef``s or plain tuples of the same fields.

        Read by position only, so plain tuples (cheaper to make) do as well.
        """
        self.mentions = sorted(mentions, key=_BY_RANGE)
        starts = self.starts = list(map(_START, self.mentions))
        # The longest mention: one that starts this far before a span cannot reach it.
        self.longest = max(map(sub, map(_END, self.mentions), starts), default=0)

    def link(self, text: str, start: int, end: int) -> str | None:
        """Return the entity of a speaker span: an overlapping mention or an antecedent."""
        if not self.mentions:
            return None
        i = bisect.bisect_left(self.starts, end)
        best: tuple[int, int, str, str] | None = None
        reach = start - self.longest
        for m in reversed(self.mentions[max(0, i - 8) : i]):
            if m[0] < reach:
                break  # it and every mention before it end before the span starts
            fits = m[1] > start and m[3] in ("PERSON", "ORG", "NORP", "GPE")
            if fits and (best is None or (best[3] != "PERSON" and m[3] in ("PERSON", "ORG"))):
                best = m
        if best is not None:
            return best[2]
        word = text[start:end].strip().lower()
        if word in _PERSON_PRONOUNS:
            wanted: tuple[str, ...] = ("PERSON",)
        elif word in _GROUP_PRONOUNS:
            wanted = ("ORG", "NORP", "GPE")
        else:
            return None
        # The right antecedent is the nearest preceding mention of a fitting type.
        j = bisect.bisect_left(self.starts, start)
        for m in reversed(self.mentions[max(0, j - 40) : j]):
            if m[3] in wanted and m[1] <= start:
                return m[2]
        return None


def source_type(
    text: str, span: tuple[int, int] | None, entity_type: str | None, lex: Lexicon
) -> SourceType:
    """Classify a speaker as ``named``, ``anonymous`` or ``unattributed``."""
    if span is None:
        return "unattributed"
    return _phrase_source_type(text[span[0] : span[1]], entity_type, lex)


@lru_cache(maxsize=4096)
def _phrase_source_type(phrase: str, entity_type: str | None, lex: Lexicon) -> SourceType:
    # Memoised: speakers repeat ("he", "Trump", "officials") within and across articles.
    low = phrase.lower()
    tokens = [t.strip(".,;:'’\"") for t in low.split()]
    vague = any(t in lex.anonymous_heads for t in tokens) or any(
        p in low for p in lex.anonymous_phrases
    )
    if vague and entity_type != "PERSON":
        return "anonymous"
    if entity_type in ("PERSON", "ORG", "GPE", "NORP"):
        return "named"
    if tokens and tokens[0] in ("he", "she", "i"):
        return "named"  # a specific person, even when not linked
    words_ = phrase.split()
    if any(w[:1].isupper() for w in words_[1:]) or (
        len(words_) == 1 and words_[0][:1].isupper() and tokens[0] not in PRONOUNS
    ):
        return "named"
    return "anonymous"
