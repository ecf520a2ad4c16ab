# ruff: noqa: RUF002  (quotation marks and dashes are the subject here)
"""Built-in ``quotes`` plugin: who said what, how it was reported, and whether the source is named.

Fills ``Article.quotes`` with :class:`newsparse.Quote` records:

* ``direct``: verbatim words in quotation marks (“ ” " ‘ ’ ' « » „, and
  multi-paragraph quotations that open each paragraph);
* ``indirect``: reported speech ("X said (that) ...", "According to X, ...",
  "..., X said", "X believes / noted / observed that ...");
* ``mixed``: reported speech holding a quoted fragment;
* ``scare``: a short quoted term with no speech cue.

The speaker is the local mention ("he", "the influential US daily"), linked
to its entity when the ``entities`` layer has one (pronouns resolve to the
nearest fitting preceding mention). The cue lexicon was learned from the
PolNeAR train split (``_quotes/data/README.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from itertools import starmap
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, Quote, Span, hookimpl
from newsparse.plugins._quotes.engine import RawQuote, Settings, find_attributions
from newsparse.plugins._quotes.lexicon import load_lexicon
from newsparse.plugins._quotes.models import new_quote, new_speaker
from newsparse.plugins._quotes.speakers import EntityIndex, source_type
from newsparse.plugins._quotes.text import split_sentences

__all__ = ["QuoteExtractor", "QuotesConfig", "newsparse_extractors"]


class QuotesConfig(BaseModel):
    """Settings of the ``quotes`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_chars: int = Field(
        default=4000, gt=0, description="Quoted passages longer than this are dropped."
    )
    scare_max_words: int = Field(
        default=4,
        ge=0,
        description="An uncued quotation of at most this many words is a scare quote.",
    )
    cue_min_ratio: float = Field(
        default=0.3,
        ge=0.0,
        le=1.0,
        description="Learned cue forms must be annotated as cues at least this often.",
    )
    cue_min_count: int = Field(
        default=3, ge=1, description="Learned cue forms must be seen as cues this many times."
    )
    scare_quotes: bool = Field(
        default=True,
        description="Report scare quotes (they are not attributions: leave them out to "
        "count only who-said-what).",
    )
    indirect: bool = Field(default=True, description="Extract reported (indirect) speech.")
    merge_following: bool = Field(
        default=True,
        description="Join an uncued quotation to the attributed one before it in the paragraph.",
    )
    unattributed_direct: bool = Field(
        default=True,
        description="Keep uncued quotations that read as sentences (speaker null); uncued "
        "fragments are dropped.",
    )


class QuoteExtractor(Extractor[QuotesConfig]):
    """Find direct, indirect, mixed and scare quotes with cue, speaker and source type."""

    name = "quotes"
    version = "0.1.0"
    requires = ("sentences", "entities")
    provides = ("quotes",)
    Config = QuotesConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Return ``{"quotes": (...)}`` for ``doc``."""
        return {"quotes": find_quotes(doc, self.config)}


def find_quotes(doc: Article, config: QuotesConfig | None = None) -> tuple[Quote, ...]:
    """Find the quotes of ``doc`` (works without sentences or entities layers).

    Args:
        doc: The article.
        config: Settings (defaults when ``None``).

    Returns:
        Quotes in text order, ids ``Q1``, ``Q2``, ...
    """
    lex = load_lexicon()
    settings = _settings(config or _default_config())
    text = doc.text
    sentences = [(s.start, s.end) for s in doc.sentences] or split_sentences(text)
    entities = doc.entities
    types = {e.id: e.type for e in entities}
    # Plain ``(start, end, entity, type)`` tuples, in one comprehension: the
    # index reads them by position, as it reads ``MentionRef``s.
    index = EntityIndex([(m.start, m.end, e.id, e.type) for e in entities for m in e.mentions])
    raw = find_attributions(text, sentences, settings, lex, index)
    span = doc.span
    return tuple(_to_quote(doc, span, i, q, index, types, lex) for i, q in enumerate(raw, 1))


@cache
def _default_config() -> QuotesConfig:
    return QuotesConfig()


@cache
def _settings(cfg: QuotesConfig) -> Settings:
    # One per config (configs are frozen, hence hashable): not rebuilt per article.
    return Settings(
        max_chars=cfg.max_chars,
        scare_max_words=cfg.scare_max_words,
        cues=load_lexicon().cues(cfg.cue_min_ratio, cfg.cue_min_count),
        merge_following=cfg.merge_following,
        indirect=cfg.indirect,
        unattributed_direct=cfg.unattributed_direct,
        scare_quotes=cfg.scare_quotes,
    )


def _to_quote(
    doc: Article,
    span: Callable[[int, int], Span],
    n: int,
    q: RawQuote,
    index: EntityIndex,
    types: Mapping[str, str],
    lex: Any,
) -> Quote:
    text = doc.text
    speaker = None
    entity = None
    if q.speaker is not None:
        s, e = q.speaker
        entity = index.link(text, s, e)
        speaker = new_speaker(text, s, e, entity)
    # The values are valid by construction: built without re-validation (see ``_quotes.models``).
    return new_quote(
        f"Q{n}",
        q.kind,
        tuple(starmap(span, q.content)),
        span(*q.cue) if q.cue is not None else None,
        speaker,
        source_type(text, q.speaker, types.get(entity or ""), lex),
    )


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the ``quotes`` extractor."""
    return [QuoteExtractor]
