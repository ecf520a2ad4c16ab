"""Build ``Mention`` and ``Entity`` models without re-validating values known to be valid.

``doc.typed_span(Mention, ...)`` and ``Entity(...)`` run pydantic validation, which was
a third of the extractor's time. The extractor's values are valid by construction
(offsets come from the tokeniser, text is sliced from the document, kinds and types come
from fixed sets), so these builders set the fields directly, as ``model_construct`` does,
with the same ``model_fields_set`` as the validated constructors. Anything not provably
valid (a user gazetteer type outside :data:`ENTITY_TYPES`) goes through validation, so
errors are the same as before. ``Article.with_layers`` still checks every span's text
against the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, get_args

from newsparse import Entity, Mention, construct

if TYPE_CHECKING:
    from newsparse.plugins._entities.grouping import FoundEntity

__all__ = [
    "ENTITY_TYPES",
    "MENTION_KINDS",
    "build_entities",
    "new_entity",
]

#: The values of the ``Literal`` field types, read from the models themselves.
ENTITY_TYPES: frozenset[str] = frozenset(get_args(Entity.model_fields["type"].annotation))
MENTION_KINDS: frozenset[str] = frozenset(get_args(Mention.model_fields["kind"].annotation))
# Every field is given, so every model's fields set is all of them: one set shared by all
# (the models are frozen, and pydantic copies a fields set before changing it), not a new
# set per model (a third of the cost of making one).
_MENTION_FIELDS = set(Mention.model_fields)
_ENTITY_FIELDS = set(Entity.model_fields)


def new_entity(
    id: str,
    name: str,
    type: str,
    mentions: tuple[Mention, ...],
    aliases: tuple[str, ...],
    roles: tuple[str, ...],
    iso_code: str | None,
    salience: float,
) -> Entity:
    """Return the ``Entity`` with these fields, validating only what may be invalid.

    ``salience`` must already be a float in 0-1; ``type`` is checked and an unknown one
    is validated (and so rejected) as by ``Entity(...)``.
    """
    values: dict[str, Any] = {
        "id": id,
        "name": name,
        "type": type,
        "mentions": mentions,
        "aliases": aliases,
        "roles": roles,
        "iso_code": iso_code,
        "salience": salience,
    }
    if type not in ENTITY_TYPES:
        return Entity(**values)
    return construct(Entity, values, _ENTITY_FIELDS)


# "he" and "the president" are references, not other names of the entity.
_NOT_ALIASES = frozenset(["pronoun", "title"])


def build_entities(
    text: str, found: Sequence[FoundEntity], references: bool = False
) -> tuple[Entity, ...]:
    """Return the ``Entity`` models of ``found`` (ids ``E1``, ``E2``, ... in that order).

    One loop per mention makes its model and collects its text for the aliases (no
    second pass over the models), each without validation unless its kind is unknown
    (then pydantic rejects it). Offsets come from the tokeniser (``0 <= start < end <=
    len(text)``), already in text order, and every text is sliced here, so the mentions
    are valid without pydantic validation.

    Args:
        text: The article text.
        found: The entities, in order of first mention.
        references: Whether pronoun and title mentions may be present (they are not
            aliases).
    """
    if not found:
        return ()
    most = max([len(f.mentions) for f in found])
    size = max(len(text), 1)
    kinds, mention_fields = MENTION_KINDS, _MENTION_FIELDS
    not_aliases = _NOT_ALIASES if references else frozenset()
    out = []
    for n, ent in enumerate(found, 1):
        mentions = []
        aliases = set()
        for start, end, kind in ent.mentions:
            surface = text[start:end]
            if kind not in not_aliases:
                aliases.add(surface)
            if kind in kinds:
                mentions.append(
                    construct(
                        Mention,
                        {"start": start, "end": end, "text": surface, "kind": kind},
                        mention_fields,
                    )
                )
            else:
                mentions.append(Mention(start=start, end=end, text=surface, kind=kind))
        aliases.discard(ent.name)
        # Salience: how often it is mentioned (relative) and how early it first appears.
        salience = 0.7 * len(mentions) / most + 0.3 * (1 - ent.mentions[0][0] / size)
        out.append(
            new_entity(
                f"E{n}",
                ent.name,
                ent.type,
                tuple(mentions),
                tuple(sorted(aliases)),
                tuple(ent.roles),
                ent.iso,
                round(min(max(salience, 0.0), 1.0), 3),
            )
        )
    return tuple(out)
