"""Annotation models: what extractors add to an article.

Every model here is frozen and forbids unknown fields; sequences are tuples.
Each model that holds spans lists them through ``iter_spans`` so the article
can check them against its text in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsparse.spans import Span

__all__ = [
    "Entity",
    "EntityType",
    "ExtractorFailure",
    "Mention",
    "MentionKind",
    "PluginRun",
    "Polarity",
    "Quote",
    "QuoteKind",
    "Section",
    "SectionKind",
    "SourceType",
    "Speaker",
    "Stance",
]

SectionKind = Literal["title", "key_facts", "summary", "lede", "body", "other"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "MISC"]
MentionKind = Literal["name", "alias", "demonym", "title", "pronoun"]
QuoteKind = Literal["direct", "indirect", "mixed", "scare"]
SourceType = Literal["named", "anonymous", "unattributed"]
Polarity = Literal["positive", "negative", "neutral"]

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Section(BaseModel):
    """A headed (or leading, unheaded) part of the article.

    ``start``/``end`` cover the heading and the body up to the next section.
    """

    model_config = _FROZEN

    kind: SectionKind = Field(description="What the section is for.")
    heading: Span | None = Field(default=None, description="The heading line.")
    start: int = Field(ge=0, description="Offset where the section starts.")
    end: int = Field(ge=0, description="Offset one past the section's end.")
    items: tuple[Span, ...] = Field(
        default=(), description="Bullet-list entries, without glyph or indent."
    )

    def iter_spans(self) -> Iterator[tuple[str, Span]]:
        """Yield ``(field, span)`` for every span in the section."""
        if self.heading is not None:
            yield "heading", self.heading
        for i, item in enumerate(self.items):
            yield f"items[{i}]", item

    def spans(self) -> tuple[Span, ...]:
        """Return every span in the section (no field names: the fast path)."""
        return self.items if self.heading is None else (self.heading, *self.items)


class Mention(Span):
    """One place an entity is named or referred to."""

    kind: MentionKind = Field(default="name", description="How it is referred to.")


class Entity(BaseModel):
    """A person, organisation, place or group, with all its mentions."""

    model_config = _FROZEN

    id: str = Field(description="Identifier unique in the article, e.g. ``E1``.")
    name: str = Field(description="Canonical name, e.g. the fullest name seen.")
    type: EntityType = Field(description="Entity type (spaCy/OntoNotes labels).")
    mentions: tuple[Mention, ...] = Field(default=(), description="Mentions.")
    aliases: tuple[str, ...] = Field(
        default=(), description="Other surface forms seen for the entity."
    )
    roles: tuple[str, ...] = Field(
        default=(), description="Titles or roles seen, e.g. ``Chinese President``."
    )
    iso_code: str | None = Field(default=None, description="ISO 3166 alpha-2 code for countries.")
    salience: float = Field(default=0.0, ge=0.0, le=1.0, description="How central it is (0-1).")

    def iter_spans(self) -> Iterator[tuple[str, Span]]:
        """Yield ``(field, span)`` for every mention."""
        for i, mention in enumerate(self.mentions):
            yield f"mentions[{i}]", mention

    def spans(self) -> tuple[Span, ...]:
        """Return every mention (no field names: the fast path)."""
        return self.mentions


class Speaker(Span):
    """The local mention of a quote's source, linked to its entity if known."""

    entity: str | None = Field(default=None, description="Entity id, if linked.")


class Quote(BaseModel):
    """An attribution: what was said or thought, by whom, and how reported."""

    model_config = _FROZEN

    id: str = Field(description="Identifier unique in the article, e.g. ``Q1``.")
    kind: QuoteKind = Field(description="Direct, indirect, mixed or scare quote.")
    content: tuple[Span, ...] = Field(
        min_length=1, description="What was said; several spans when interrupted."
    )
    cue: Span | None = Field(default=None, description="The speech or cue word.")
    speaker: Speaker | None = Field(default=None, description="Who said it.")
    source_type: SourceType = Field(
        default="unattributed", description="Named, anonymous or no source."
    )

    def iter_spans(self) -> Iterator[tuple[str, Span]]:
        """Yield ``(field, span)`` for content, cue and speaker."""
        for i, part in enumerate(self.content):
            yield f"content[{i}]", part
        if self.cue is not None:
            yield "cue", self.cue
        if self.speaker is not None:
            yield "speaker", self.speaker

    def spans(self) -> tuple[Span, ...]:
        """Return content, cue and speaker spans (no field names: the fast path)."""
        cue, speaker = self.cue, self.speaker
        if cue is None:
            return self.content if speaker is None else (*self.content, speaker)
        return (*self.content, cue) if speaker is None else (*self.content, cue, speaker)


class Stance(BaseModel):
    """A directed polarity from a holder toward a target entity."""

    model_config = _FROZEN

    holder: str | None = Field(
        description="Entity id of the holder; null for the article's own voice."
    )
    target: str = Field(description="Entity id of the target.")
    polarity: Polarity = Field(description="Positive, negative or neutral.")
    score: float = Field(ge=-1.0, le=1.0, description="Signed strength.")
    evidence: Span = Field(description="The sentence or clause that shows it.")
    cue: Span | None = Field(default=None, description="The word that carries it.")
    hedged: bool = Field(default=False, description="Marked by may/suggests/...")

    def iter_spans(self) -> Iterator[tuple[str, Span]]:
        """Yield ``(field, span)`` for evidence and cue."""
        yield "evidence", self.evidence
        if self.cue is not None:
            yield "cue", self.cue

    def spans(self) -> tuple[Span, ...]:
        """Return evidence and cue spans (no field names: the fast path)."""
        return (self.evidence,) if self.cue is None else (self.evidence, self.cue)


class PluginRun(BaseModel):
    """One extractor run on one article."""

    model_config = _FROZEN

    name: str = Field(description="Extractor name.")
    version: str = Field(description="Extractor version.")
    ms: float = Field(ge=0.0, description="Wall-clock milliseconds.")
    status: Literal["ok", "failed", "skipped"] = Field(default="ok")


class ExtractorFailure(BaseModel):
    """A failure recorded under ``errors="record"``."""

    model_config = _FROZEN

    extractor: str = Field(description="Name of the extractor that failed.")
    error_type: str = Field(description="Exception class name.")
    message: str = Field(description="Exception message.")
    skipped: tuple[str, ...] = Field(
        default=(), description="Dependants that did not run because of it."
    )
