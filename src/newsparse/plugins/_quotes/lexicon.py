# ruff: noqa: RUF001  (quotation marks are the subject here)
"""The cue lexicon and source word lists, loaded lazily from ``data/lexicon.json``.

The data was learned from the PolNeAR train split (see ``data/README.md``); a
small hand list of core speech and cognition verbs is added so that a form too
rare in the corpus is still a cue.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newsparse._cache import compiled_pattern

__all__ = [
    "FOLD_TO_A_Z",
    "LOWER_TO_ASCII",
    "ONLY_A_TO_Z",
    "Lexicon",
    "all_letters",
    "cue_pattern",
    "cue_runs",
    "letter_runs",
    "load_lexicon",
    "spaced_cue_pattern",
]

# Adverbs and auxiliaries that annotators put inside cue spans ("also said").
_NOT_CUES = frozenset(
    [
        "also",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "not",
        "never",
        "still",
        "just",
        "even",
        "now",
        "then",
        "first",
        "long",
        "later",
        "again",
        "only",
        "would",
        "will",
        "could",
    ]
)

# Core reporting verbs in every form (hand list: the corpus misses some forms).
_CORE_CUES = [
    "fumed",
    "barked",
    "snapped",
    "yell",
    "yells",
    "yelled",
    "shout",
    "shouts",
    "shouted",
    "scream",
    "screamed",
    "exclaimed",
    "quipped",
    "joked",
    "retorted",
    "whispered",
    "chanted",
    "chanting",
    "sang",
    "sings",
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "note",
    "notes",
    "noted",
    "noting",
    "observe",
    "observes",
    "observed",
    "observing",
    "believe",
    "believes",
    "believed",
    "believing",
    "think",
    "thinks",
    "thought",
    "argue",
    "argues",
    "argued",
    "arguing",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "warn",
    "warns",
    "warned",
    "warning",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "explain",
    "explains",
    "explained",
    "explaining",
    "write",
    "writes",
    "wrote",
    "writing",
    "tweet",
    "tweets",
    "tweeted",
    "tweeting",
    "announce",
    "announces",
    "announced",
    "announcing",
    "interpret",
    "interprets",
    "interpreted",
    "interpreting",
    "report",
    "reports",
    "reported",
    "reporting",
    "stated",
    "stating",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "acknowledge",
    "acknowledged",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "predict",
    "predicts",
    "predicted",
    "predicting",
    "contend",
    "contends",
    "contended",
    "maintain",
    "maintains",
    "maintained",
    "declare",
    "declares",
    "declared",
    "declaring",
    "recall",
    "recalls",
    "recalled",
    "recalling",
    "reply",
    "replies",
    "replied",
    "replying",
    "respond",
    "responds",
    "responded",
    "ask",
    "asks",
    "asked",
    "asking",
    "estimate",
    "estimates",
    "estimated",
    "concede",
    "concedes",
    "conceded",
    "confirm",
    "confirms",
    "confirmed",
    "deny",
    "denies",
    "denied",
    "assert",
    "asserts",
    "asserted",
    "stress",
    "stresses",
    "stressed",
]

# Speech nouns that head a noun cue: "in a statement", "told reporters".
_NOUN_CUES = frozenset(
    [
        "statement",
        "interview",
        "remarks",
        "speech",
        "tweet",
        "post",
        "email",
        "letter",
        "release",
        "briefing",
    ]
)


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per process
class Lexicon:
    """Cue forms with their corpus counts, and source word lists."""

    cue_counts: dict[str, tuple[int, int]]
    anonymous_heads: frozenset[str]
    anonymous_phrases: tuple[str, ...]
    # form -> (predictions, contents matched, end-to-end matched) of the engine on train
    engine_counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def cues(self, min_ratio: float, min_count: int) -> frozenset[str]:
        """Return lowercase cue forms: the core list plus learned forms above the thresholds.

        Forms the engine handles well on PolNeAR train are added whatever their
        cue share, and learned forms it handles badly are dropped (see
        ``data/README.md``).

        Args:
            min_ratio: Minimum share of a form's corpus occurrences annotated as a cue.
            min_count: Minimum number of times the form was a cue.
        """
        return _cue_set(self, min_ratio, min_count)

    def candidate_cues(self) -> frozenset[str]:
        """Return every stored form and the core list, with no engine-based selection.

        This is the set the engine counts were measured with.
        """
        return _learned(self, 0.0, 1) | _CORE_SET

    @property
    def core_cues(self) -> frozenset[str]:
        """The hand list of speech and cognition verbs (all forms)."""
        return _CORE_SET

    @property
    def noun_cues(self) -> frozenset[str]:
        """Speech nouns that make "in a statement"-style cues."""
        return _NOUN_CUES


_CORE_SET = frozenset(_CORE_CUES)


# Engine-based selection (PolNeAR train counts of ``lexicon.json``'s ``engine`` key):
# a stored form is added whatever its cue share when at least ``_ENGINE_MIN``
# of its predictions were made and enough of them were right; a learned form
# (not a core verb) is dropped when too few were. Adding predictions of
# precision p raises F1 when p is above F1 / 2 (content F1 ~0.70, end-to-end
# ~0.61 on train), so the bars keep a margin above those halves.
_ENGINE_MIN = 6
_ADD_CONTENT = 0.45
_ADD_END_TO_END = 0.35
_DROP_CONTENT = 0.40
_DROP_END_TO_END = 0.33


@cache
def _learned(lex: Lexicon, min_ratio: float, min_count: int) -> frozenset[str]:
    learned = {
        form
        for form, (n_cue, n_all) in lex.cue_counts.items()
        if n_cue >= min_count and n_cue / n_all >= min_ratio and not form.endswith("ly")
    }
    # Words that only go with a cue ("also said", "has said") are not cues themselves.
    return frozenset(learned - _NOT_CUES)


@cache
def _cue_set(lex: Lexicon, min_ratio: float, min_count: int) -> frozenset[str]:
    learned = set(_learned(lex, min_ratio, min_count))
    candidates = _learned(lex, 0.0, 1)
    for form, (n, content, e2e) in lex.engine_counts.items():
        if n < _ENGINE_MIN or form not in candidates:
            continue
        if content >= _ADD_CONTENT * n and e2e >= _ADD_END_TO_END * n:
            learned.add(form)
        elif content < _DROP_CONTENT * n and e2e < _DROP_END_TO_END * n:
            learned.discard(form)
    return frozenset(learned | _CORE_SET)


@cache
def cue_pattern(cues: frozenset[str]) -> re.Pattern[str]:
    """Compile one pattern matching any of ``cues`` as a whole lowercase word.

    The alternation is factored into a trie so the scan stays one cheap pass
    over the text however many cue forms there are.
    """
    # A leading \b (not a lookbehind) keeps the regex engine's fast prefix scan;
    # callers skip hits right after an apostrophe or a hyphen.
    # Its compiled program is kept in the derived-data cache (tens of ms a process).
    pattern = r"\b(?:" + _trie_regex(_trie(cues)) + r")(?![\w'’-])"
    return compiled_pattern("quotes-cues", pattern)


def cue_runs(lowered: str, cues: frozenset[str]) -> list[tuple[int, int]] | None:
    """Return the ranges of the cue forms that are whole runs of ``a``-``z`` in ``lowered``.

    Every character but ``a``-``z`` becomes a space (one byte per character,
    so offsets stay those of ``lowered``; see :func:`letter_runs`). Every
    word of :class:`~.text.Splitter` that is a cue form once lowered is such
    a run, unless the range split cuts a run of letters (see
    :meth:`.base.EngineBase.cue_free`). ``None`` when the cue forms are not
    all lowercase ASCII letters.
    """
    # "replace" makes each non-ASCII character (and lone surrogate) one "?".
    return letter_runs(lowered.encode("ascii", "replace").translate(ONLY_A_TO_Z), cues)


def letter_runs(letters: bytes, cues: frozenset[str]) -> list[tuple[int, int]] | None:
    """Return the ranges of the cue forms that are whole runs of letters in ``letters``.

    ``letters`` has one byte per character of a text: ``a``-``z`` for its
    letters, a space for everything else. One bytes pattern
    (:func:`spaced_cue_pattern`) finds each cue form that is a whole run of
    letters; the regex engine jumps from space to space, so the trie is tried
    at word starts only (measured cheaper than splitting the runs and
    looking the present forms up with ``bytes.find``). ``None`` when the cue
    forms are not all lowercase ASCII letters.
    """
    spaced_re = spaced_cue_pattern(cues)
    if spaced_re is None:
        return None
    # Padded with a space each side, a match's start is its word's offset in
    # ``letters`` (its end is one more than the word's).
    return [(m.start(), m.end() - 1) for m in spaced_re.finditer(b" " + letters + b" ")]


@cache
def spaced_cue_pattern(cues: frozenset[str]) -> re.Pattern[bytes] | None:
    """Compile a bytes pattern matching ``b" " + form`` before a space, for any cue form.

    It is meant for text where every byte but ``a``-``z`` became a space: the
    leading space is a literal prefix the regex engine finds fast, so the trie
    is tried at word starts only. ``None`` when a form is not lowercase ASCII letters.
    """
    if not all(f.isascii() and f.isalpha() and f.islower() for f in cues):
        return None
    pattern = (" (?:" + _trie_regex(_trie(cues)) + ")(?= )").encode("ascii")
    return compiled_pattern("quotes-cue-letters", pattern)  # as cue_pattern's


# Every byte but a-z becomes a space.
ONLY_A_TO_Z = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
# The same, with A-Z folded to a-z: ``text.encode(...).translate(FOLD_TO_A_Z)`` is
# ``text.lower().encode(...).translate(ONLY_A_TO_Z)`` unless ``text`` holds one of
# ``LOWER_TO_ASCII`` (checked by a test over every code point).
FOLD_TO_A_Z = bytes(b + 32 if 65 <= b <= 90 else (b if 97 <= b <= 122 else 32) for b in range(256))
# The non-ASCII characters whose lower case holds an ASCII letter (the Kelvin
# sign, and the dotted capital I, whose lower case is two characters long).
LOWER_TO_ASCII = ("\u212a", "\u0130")


@cache
def all_letters(cues: frozenset[str]) -> bool:
    """Tell whether every cue form is made of letters only."""
    return all(form.isalpha() for form in cues)


def _trie(words: frozenset[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(node: dict[str, Any]) -> str:
    alternatives = []
    optional = False
    for ch in sorted(node):
        if ch == "":
            optional = True
            continue
        alternatives.append(re.escape(ch) + _trie_regex(node[ch]))
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if optional:
        return "(?:" + body + ")?"
    return body


@cache
def load_lexicon() -> Lexicon:
    """Load the shipped lexicon once."""
    raw = json.loads(
        resources.files("newsparse.plugins._quotes")
        .joinpath("data/lexicon.json")
        .read_text("utf-8")
    )
    return Lexicon(
        cue_counts={k: (int(v[0]), int(v[1])) for k, v in raw["cues"].items()},
        anonymous_heads=frozenset(raw["anonymous_heads"]),
        anonymous_phrases=tuple(raw["anonymous_phrases"]),
        engine_counts={
            k: (int(v[0]), int(v[1]), int(v[2])) for k, v in raw.get("engine", {}).items()
        },
    )
