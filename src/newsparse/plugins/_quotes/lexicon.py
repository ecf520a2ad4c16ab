"""The cue lexicon and source word lists, loaded lazily from ``data/lexicon.json``.

The data was learned from the PolNeAR train split (see ``data/README.md``); a
small hand list of core speech and cognition verbs is added so that a form too
rare in the corpus is still a cue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Lexicon", "load_lexicon"]

# Core reporting verbs in every form (hand list: the corpus misses some forms).
_CORE_CUES = [
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

    def cues(self, min_ratio: float, min_count: int) -> frozenset[str]:
        """Return lowercase cue forms: the core list plus learned forms above the thresholds.

        Args:
            min_ratio: Minimum share of a form's corpus occurrences annotated as a cue.
            min_count: Minimum number of times the form was a cue.
        """
        return _cue_set(self, min_ratio, min_count)

    @property
    def noun_cues(self) -> frozenset[str]:
        """Speech nouns that make "in a statement"-style cues."""
        return _NOUN_CUES


@cache
def _cue_set(lex: Lexicon, min_ratio: float, min_count: int) -> frozenset[str]:
    learned = {
        form
        for form, (n_cue, n_all) in lex.cue_counts.items()
        if n_cue >= min_count and n_cue / n_all >= min_ratio and not form.endswith("ly")
    }
    return frozenset(learned | set(_CORE_CUES))


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
    )
