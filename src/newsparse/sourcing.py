"""Article-level sourcing summary: who is quoted, how often, and how openly.

Example:
    >>> from newsparse import Article, Quote
    >>> doc = Article.from_text("x")
    >>> summarize_sources(doc).attributions
    0
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from newsparse.article import Article

__all__ = ["SourcingSummary", "SpeakerCount", "summarize_sources"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class SpeakerCount(BaseModel):
    """How many attributions one source has in the article."""

    model_config = _FROZEN

    speaker: str = Field(description="Entity name when linked, else the speaker text.")
    entity: str | None = Field(default=None, description="Entity id, if linked.")
    source_type: str = Field(description="named, anonymous or unattributed.")
    count: int = Field(ge=1, description="Number of attributions.")


class SourcingSummary(BaseModel):
    """Counts of an article's attributions (scare quotes are not attributions)."""

    model_config = _FROZEN

    attributions: int = Field(ge=0, description="Quotes other than scare quotes.")
    by_source_type: dict[str, int] = Field(
        description="Attributions per source type (named, anonymous, unattributed)."
    )
    by_kind: dict[str, int] = Field(description="Quotes per kind, scare quotes included.")
    speakers: tuple[SpeakerCount, ...] = Field(
        default=(), description="Sources, most quoted first (ties by first appearance)."
    )


def summarize_sources(doc: Article) -> SourcingSummary:
    """Count the article's quotes by source type, kind and speaker.

    Speakers linked to the same entity count together under the entity's
    name ("Kim Jong-un" for both "Kim" and "he"); unlinked speakers are
    grouped by their lowercased text.

    Args:
        doc: A parsed article (its ``quotes`` layer is read).

    Returns:
        The summary; all zeros when the article has no quotes.
    """
    names = {e.id: e.name for e in doc.entities}
    by_kind: Counter[str] = Counter(q.kind for q in doc.quotes)
    by_type: Counter[str] = Counter({"named": 0, "anonymous": 0, "unattributed": 0})
    counts: Counter[tuple[str, str | None, str]] = Counter()
    display: dict[tuple[str, str | None, str], str] = {}
    attributions = 0
    for q in doc.quotes:
        if q.kind == "scare":
            continue
        attributions += 1
        by_type[q.source_type] += 1
        if q.speaker is None:
            continue
        entity = q.speaker.entity if q.speaker.entity in names else None
        label = names[entity] if entity else " ".join(q.speaker.text.split())
        key = (label.lower(), entity, q.source_type)
        display.setdefault(key, label)
        counts[key] += 1
    order = {key: i for i, key in enumerate(display)}
    speakers = tuple(
        SpeakerCount(speaker=display[key], entity=key[1], source_type=key[2], count=n)
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    )
    return SourcingSummary(
        attributions=attributions,
        by_source_type=dict(by_type),
        by_kind=dict(sorted(by_kind.items())),
        speakers=speakers,
    )
