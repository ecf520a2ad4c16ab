"""Built-in `stance` plugin: who is for or against whom, with evidence and hedging.

Fills ``Article.stances`` with directed polarity from a holder entity (or the
article's own voice, ``holder=None``) toward a target entity, and
``extensions.stance`` with a :class:`StanceSummary` (how hedged the article's
claims are). The engine lives in ``newsparse.plugins._stance``.

Example:
    >>> from newsparse import Pipeline
    >>> doc = Pipeline.build(entry_points=False).parse("Kim praised Putin.")
    >>> summary = doc.extension("stance", StanceSummary)
    >>> summary is not None
    True
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, Speaker, hookimpl
from newsparse.plugins._stance.models import SpanMaker, new_stance
from newsparse.plugins._stance.rules import Found, MentionRef, QuoteRef, find_stances

__all__ = ["StanceConfig", "StanceExtractor", "StanceSummary", "newsparse_extractors"]

# Used only when no sentence layer is there: a rough split so work stays per sentence.
_FALLBACK_SENTENCE_RE = regex.compile(r"[^\n.!?]+(?:[.!?]+|$)")
_SPEAKER_REACH = 200  # characters: no entity mention is longer
_new_tuple = tuple.__new__


class StanceConfig(BaseModel):
    """Settings of the ``stance`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_score: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Model-scored stances (quotes, article voice) weaker than this are dropped.",
    )
    article_voice: bool = Field(
        default=True,
        description="Score the article's own voice toward entities (holder null).",
    )
    neutral_band: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="Stances whose |score| is below this are labelled neutral.",
    )


class StanceSummary(BaseModel):
    """Article-level stance figures, stored in ``extensions.stance``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sentences: int = Field(default=0, ge=0, description="Sentences looked at.")
    hedged_sentences: int = Field(
        default=0, ge=0, description="Sentences with a hedging cue (may, suggests, ...)."
    )
    hedging: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Share of sentences that are hedged (0 = all flat assertions).",
    )
    stances: int = Field(default=0, ge=0, description="Stances found.")
    hedged_stances: int = Field(default=0, ge=0, description="Stances marked hedged.")
    stance_hedging: float = Field(
        default=0.0, ge=0.0, le=1.0, description="Share of stances that are hedged."
    )
    hedge_cues: dict[str, int] = Field(
        default_factory=dict, description="Hedging cue -> how often it occurs."
    )


class StanceExtractor(Extractor[StanceConfig]):
    """Find stances between entities and the hedging of the article's claims."""

    name = "stance"
    version = "0.1.0"
    requires = ("sentences", "entities", "quotes")
    provides = ("stances", "extensions.stance")
    Config = StanceConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Return ``stances`` and ``extensions.stance`` for ``doc``."""
        sentences = [(s.start, s.end) for s in doc.sentences] or [
            (m.start(), m.end()) for m in _FALLBACK_SENTENCE_RE.finditer(doc.text)
        ]
        # ``tuple.__new__`` builds each MentionRef in C (its own ``__new__`` is Python).
        mentions = [
            _new_tuple(MentionRef, (m.start, m.end, entity, kind))
            for e in doc.entities
            for entity, kind in ((e.id, e.type),)
            for m in e.mentions
        ]
        mentions.sort()
        starts = [m.start for m in mentions]
        quotes = [
            QuoteRef(
                tuple((c.start, c.end) for c in q.content),
                None if q.cue is None else (q.cue.start, q.cue.end),
                _speaker_entity(q.speaker, mentions, starts),
            )
            for q in doc.quotes
        ]
        found, stats = find_stances(
            doc.text,
            sentences,
            mentions,
            quotes,
            min_score=self.config.min_score,
            article_voice=self.config.article_voice,
        )
        span = SpanMaker(doc.span)
        band = self.config.neutral_band
        stances = [
            new_stance(
                f.holder,
                f.target,
                "neutral" if abs(f.score) < band else "positive" if f.score > 0 else "negative",
                f.score,
                span(*f.evidence),
                None if f.cue is None else span(*f.cue),
                f.hedged,
            )
            for f in _dedupe(found)
        ]
        hedged = sum(1 for s in stances if s.hedged)
        # ``StanceSummary(...).model_dump(mode="json")`` written out: every value is
        # valid by construction (counts, shares rounded in [0, 1]), and a test checks
        # that the dict validates to the same summary.
        summary = {
            "sentences": stats.sentences,
            "hedged_sentences": stats.hedged_sentences,
            "hedging": round(stats.hedged_sentences / stats.sentences, 4)
            if stats.sentences
            else 0.0,
            "stances": len(stances),
            "hedged_stances": hedged,
            "stance_hedging": round(hedged / len(stances), 4) if stances else 0.0,
            "hedge_cues": dict(stats.hedge_cues),
        }
        return {"stances": stances, "extensions.stance": summary}


def _speaker_entity(
    speaker: Speaker | None, mentions: list[MentionRef], starts: list[int]
) -> str | None:
    # A speaker the quotes extractor did not link still counts when it overlaps an
    # entity mention ("Chinese officials" -> China). ``mentions`` are sorted by start.
    if speaker is None:
        return None
    if speaker.entity is not None:
        return speaker.entity
    i = bisect.bisect_left(starts, speaker.end) - 1
    # Look back only over mentions that start within the speaker or just before it.
    while i >= 0 and mentions[i].start >= speaker.start - _SPEAKER_REACH:
        if mentions[i].end > speaker.start:
            return mentions[i].entity
        i -= 1
    return None


def _dedupe(found: list[Found]) -> list[Found]:
    # One stance per (holder, target, evidence, cue): a relation word seen from two
    # overlapping rules, or an entity named twice in one clause, counts once.
    seen: set[tuple[Any, ...]] = set()
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.evidence, f.cue or (-1, -1), f.holder or "", f.target)):
        key = (f.holder, f.target, f.evidence, f.cue)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the :class:`StanceExtractor`."""
    return [StanceExtractor]
