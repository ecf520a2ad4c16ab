# ruff: noqa: RUF001  (quotation marks and dashes are the subject here)
"""Clause shapes around a reporting verb: word lists and small tests on a sentence's words.

Used by :mod:`.reported`; each list says which construction it marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsparse.plugins._quotes.base import BE, Range
from newsparse.plugins._quotes.speakers import AUXILIARIES
from newsparse.plugins._quotes.text import Word

__all__ = [
    "ADDRESSEE_CUES",
    "ADJUNCT_GLUE",
    "ADVERBIAL_OPENERS",
    "APPEAR_ON",
    "CLAUSE_GOES_ON",
    "CLAUSE_OPENERS",
    "CLAUSE_OPENERS_LOW",
    "CORE_PARTICLES",
    "EXPLETIVES",
    "FRONTED",
    "MODALS",
    "NAME_LINKS",
    "NOMINAL_OPENERS",
    "OBJECT_ENDS",
    "OBJECT_OPENERS",
    "OBJECT_PRONOUNS",
    "OBJECT_STOPS",
    "PARTICLES",
    "PASSIVE_RAISING",
    "PUNCT_ALL",
    "QUOTE_MARK_RE",
    "RAISING",
    "SPEAKER_ENDS",
    "SUBJECTS",
    "TIME_WORDS",
    "is_be",
    "modal_before",
    "named_aside",
    "nominal",
    "object_content",
    "only_adjunct",
    "parenthetical",
]

# Cues whose object is the addressee ("told reporters"), not the content.
ADDRESSEE_CUES = frozenset(
    ("told", "tells", "tell", "telling", "asked", "asks", "urged", "reminded")
)
# Words that open a clause (its subject) right after a cue: "said the plan failed",
# "said he would". After these the cue is not post-posed ("..., X said the ...").
CLAUSE_OPENERS = frozenset(
    (
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "it",
        "i",
        "we",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "there",
    )
)


# Raising verbs: "X seems to ...", "X is expected to ..." report no source
# (PolNeAR train: 1 of 164 such seem/appear cues and 0 of 67 "BE expected" have one).
RAISING = frozenset(("seem", "seems", "seemed", "appear", "appears", "appeared"))
# ... the same after a form of "be" (a passive without "by").
PASSIVE_RAISING = frozenset(("expected", "known", "seen", "considered", "asked", "shown"))
EXPLETIVES = frozenset(("it", "there"))
# "X appeared on television": a verb of presence, not raising.
APPEAR_ON = frozenset(
    ("on", "in", "at", "before", "with", "alongside", "for", "during", "onstage", "together")
)


def is_be(word: str) -> bool:
    """Tell whether ``word`` is a form of "be", negated or not ("isn't")."""
    low = word.lower()
    return low in BE or low in ("isn't", "isn’t", "wasn't", "wasn’t", "aren't", "aren’t")


# Words that cannot be part of a new subject after ", and" (pronoun objects, "that").
CLAUSE_OPENERS_LOW = frozenset(("that", "which", "who", "it", "him", "them", "there", "then"))
# Words that open a noun phrase: after them "to" is a preposition, not an infinitive.
NOMINAL_OPENERS = frozenset(
    (
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "him",
        "them",
        "me",
        "us",
        "it",
        "what",
        "some",
        "any",
        "all",
    )
)


def nominal(word: str) -> bool:
    """Tell whether ``word`` opens a noun phrase ("referring to the plan", "to Clinton")."""
    return word.lower() in NOMINAL_OPENERS or word[:1].isupper() or word[:1].isdigit()


# Object pronouns: an addressee after "told" / "asked".
OBJECT_PRONOUNS = frozenset(("me", "him", "her", "us", "them", "you"))
# Words of a time adjunct: "apologized on Monday" has no particle cue.
# Days a time adjunct names ("on Monday", "yesterday").
DAY_WORDS = frozenset(
    (
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tonight",
        "yesterday",
    )
)
TIME_WORDS = DAY_WORDS | frozenset(
    (
        "last",
        "this",
        "next",
        "earlier",
        "later",
        "behalf",
    )
)


def parenthetical(ws: Sequence[Word], k: int) -> tuple[int, int, tuple[int, int]] | None:
    """Find "X, he said, Y" around the cue at ``k``: the commas and the speaker.

    Returns ``(c1, c2, speaker)``: the comma before the source, the comma after
    the cue (an adjunct may come between: "the minister said on Monday,"), and
    the speaker's word range ("he", or "Jane Doe" in "X, said Jane Doe, Y").
    """
    c1 = k - 1
    while c1 >= 0 and k - c1 <= 7 and ws[c1][2] not in PUNCT_ALL:
        c1 -= 1
    if c1 < 1 or ws[c1][2] != "," or any(w[2] in PUNCT_ALL for w in ws[:c1]):
        return None
    c2 = k + 1
    while c2 < len(ws) and c2 - k <= 6 and ws[c2][2] not in PUNCT_ALL:
        c2 += 1
    if c2 >= len(ws) - 1 or ws[c2][2] != ",":
        return None
    if c1 == k - 1:
        # ", said Jane Doe, ": the source follows the cue
        first = ws[k + 1][2]
        if c2 == k + 1 or not (first[:1].isupper() or first.lower() in ("the", "a")):
            return None
        return c1, c2, (k + 1, c2)
    if any(w[2].lower() == "that" or w[2].lower() in CLAUSE_OPENERS for w in ws[k + 1 : c2]):
        return None  # "X, he said the plan ...": a clause follows, not an adjunct
    i, j = c1 + 1, k
    while j > i and ws[j - 1][2].lower() in AUXILIARIES:
        j -= 1
    return (c1, c2, (i, j)) if j > i else None


PUNCT_ALL = frozenset((",", ";", ":", "(", ")", "—", "–", "--", ".", "!", "?"))


def only_adjunct(ws: Sequence[Word], i: int) -> bool:
    """Tell whether ``ws[i:]`` is only a short time adjunct ("Thursday.", "on Monday")."""
    # Stops at the fourth word: most cues are followed by a whole clause.
    rest = 0
    for j in range(i, len(ws)):
        word = ws[j][2]
        if word[0] in ".!?":
            continue
        low = word.lower()
        if rest == 3 or not (low in TIME_WORDS or low in ADJUNCT_GLUE):
            return False
        rest += 1
    return rest > 0


ADJUNCT_GLUE = frozenset(("on", "at", "in", "night", "morning", "afternoon", "evening", "week"))
# Modal verbs: a passive after one ("must be approved by") reports nothing yet.
MODALS = frozenset(("must", "should", "will", "would", "could", "may", "might", "can", "shall"))
# Punctuation that ends a speaker named after "by" (a sentence end is never part of it).
SPEAKER_ENDS = frozenset((",", ".", "!", "?", ";", ":", "(", ")", "—", "–", "--"))


def modal_before(ws: Sequence[Word], be: int) -> bool:
    """Tell whether a modal verb governs the "be" at ``be`` ("must still be")."""
    i = be - 1
    while i >= 0 and i >= be - 3:
        low = ws[i][2].lower()
        if low in MODALS:
            return True
        if low not in AUXILIARIES and not low.endswith("ly"):
            return False
        i -= 1
    return False


def named_aside(ws: Sequence[Word], comma: int) -> bool:
    """Tell whether ``ws[:comma]`` is a name and an aside: "Jane Doe, a senior aide".

    Then a cue after ``comma`` has Jane Doe for its subject ("Jane Doe, a
    senior aide, said on Friday ..."), not a source named after it.
    """
    first = -1
    for c in range(comma):
        if ws[c][2] == ",":
            if first >= 0:
                return False  # two commas before: a list or a clause, not one aside
            first = c
    return (
        1 <= first <= 6
        and comma - first <= 16
        and all(w[2][:1].isupper() or w[2] in NAME_LINKS for w in ws[:first])
    )


# Lowercase words inside names ("Chamber of Commerce", "Charles de Gaulle").
NAME_LINKS = frozenset(("of", "de", "van", "von", "der", "la", "le", "du", "bin", "al"))


def object_content(ws: Sequence[Word], i: int, found: Range) -> Range:
    """Cut the object of a non-speech cue where the clause goes on after it.

    "The mayor denounced the plan, and rejected ...": a cue outside the core
    speech verbs takes a noun phrase far more often than a clause (PolNeAR
    train); it ends at a semicolon, at a comma or dash before a
    conjunction, a relative or an ``-ing`` form, at a subordinator or an
    adjunct preposition, or before "and" and a second past-tense verb.
    """
    for c in range(i + 1, len(ws) - 1):
        word = ws[c][2]
        low = word.lower()
        if low not in _OBJECT_TRIGGERS:
            continue  # (every test below needs one of these words)
        nxt = ws[c + 1][2]
        if (
            word == ";"
            or (word in OBJECT_ENDS and (nxt.lower() in CLAUSE_GOES_ON or nxt.endswith("ing")))
            or low in OBJECT_STOPS
            # "opposed it and tried to ...": a second verb of the same subject
            or (low == "and" and nxt[:1].islower() and nxt.endswith("ed"))
        ):
            return found[0], ws[c - 1][1]
    return found


# Subordinators and adjunct prepositions that end a non-speech cue's object even
# without a comma ("opposed it because ...", "defended him amid ..."); chosen on
# PolNeAR train, checked on dev ("after", "before", "in", "on", dashes did not help).
OBJECT_STOPS = frozenset(
    (
        "because",
        "since",
        "when",
        "while",
        "although",
        "though",
        "until",
        "despite",
        "unless",
        "amid",
        "during",
    )
)


QUOTE_MARK_RE = re.compile('["“”‘«»„]')
# After the object's comma, these go on with the clause, not the object (an
# apposition or a list goes on with the object).
CLAUSE_GOES_ON = frozenset(
    ("and", "but", "while", "which", "who", "although", "though", "because", "before", "after")
)
OBJECT_ENDS = frozenset((",", ";", "—", "–", "--", "("))
# The words at which ``object_content`` may cut (punctuation lowers to itself).
_OBJECT_TRIGGERS = OBJECT_ENDS | OBJECT_STOPS | {";", "and"}
# Words that open a clause after a cue ("hoped he would"): the content is that clause.
SUBJECTS = frozenset(("he", "she", "they", "it", "we", "i", "you", "there", "that", ":"))


# Particles that belong to a cue before its object ("called for", "pointed out",
# "talked about": PolNeAR train cue spans); speech verbs take fewer ("said of",
# "asked about"), since "said on Monday" / "told to" are no part of the cue.
PARTICLES = frozenset(
    ("for", "to", "about", "on", "out", "of", "against", "at", "with", "over", "into")
)
CORE_PARTICLES = frozenset(("about", "of", "for", "out"))
# First words of an adjunct between a cue and its "that" clause ("said in an
# interview that", "warned on Monday that", "said this week that").
ADVERBIAL_OPENERS = DAY_WORDS | frozenset(
    (
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "last",
        "this",
        "earlier",
        "later",
        "recently",
        "again",
        "repeatedly",
        "privately",
        "publicly",
    )
)

# Subordinators that open a fronted clause: "As X confirmed Y, MAIN CLAUSE."
FRONTED = frozenset(
    ("as", "while", "when", "after", "although", "though", "because", "since", "once", "whereas")
)
# First words of a cue's object (or its "that" clause) in such a fronted clause.
OBJECT_OPENERS = CLAUSE_OPENERS | {"that"}
