"""Optional plugin: ``entities`` from a spaCy pipeline, replacing the built-in extractor.

This is the documented example of replacing a built-in. It is not in
``BUILTIN_PLUGINS``; enable it by module name (and install spaCy plus a model)::

    pip install "newsparse[spacy]" && python -m spacy download en_core_web_sm
    newsparse parse story.txt --plugin newsparse.plugins.spacy_entities

or ``Pipeline.build(plugins=["newsparse.plugins.spacy_entities"])``. Its extractor,
``spacy_entities``, declares ``replaces = ("entities",)``, so the built-in ``entities``
extractor is left out whenever this one is enabled. spaCy is imported on first use only.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Entity, Extractor, Mention, hookimpl

__all__ = ["SpacyEntitiesConfig", "SpacyEntityExtractor"]

# OntoNotes labels kept as they are; value labels (DATE, MONEY, ...) are dropped and
# everything else (WORK_OF_ART, LAW, LANGUAGE) becomes MISC.
_KEPT = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
_VALUES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


class SpacyEntitiesConfig(BaseModel):
    """Settings of the ``spacy_entities`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(
        default="en_core_web_sm",
        description="Name or path of the spaCy pipeline to load with spacy.load().",
    )


@cache
def _load(model: str) -> Any:
    try:
        import spacy  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the spacy_entities plugin needs spaCy: pip install 'newsparse[spacy]'"
        ) from exc
    return spacy.load(model)


class SpacyEntityExtractor(Extractor[SpacyEntitiesConfig]):
    """Fill ``Article.entities`` from a spaCy pipeline's named entities."""

    name = "spacy_entities"
    version = "0.1.0"
    provides = ("entities",)
    replaces = ("entities",)
    Config = SpacyEntitiesConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Run the spaCy pipeline over the text and group equal names into entities.

        Args:
            doc: The article.

        Returns:
            ``{"entities": (Entity, ...)}`` in order of first mention.
        """
        parsed = _load(self.config.model)(doc.text)
        groups: dict[tuple[str, str], list[Mention]] = {}
        for ent in parsed.ents:
            if ent.label_ in _VALUES or ent.start_char >= ent.end_char:
                continue
            etype = ent.label_ if ent.label_ in _KEPT else "MISC"
            mention = doc.typed_span(Mention, ent.start_char, ent.end_char, kind="name")
            groups.setdefault((etype, mention.text), []).append(mention)
        return {"entities": entities_from_groups(groups)}


def entities_from_groups(groups: Mapping[tuple[str, str], list[Mention]]) -> tuple[Entity, ...]:
    """Build entities from ``(type, name) -> mentions``, in insertion order."""
    return tuple(
        Entity(id=f"E{n}", name=name, type=etype, mentions=tuple(mentions))
        for n, ((etype, name), mentions) in enumerate(groups.items(), 1)
    )


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the ``spacy_entities`` extractor."""
    return [SpacyEntityExtractor]
