"""Group name mentions into entities: people, organisations, countries and places."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from newsparse.plugins._entities.gazetteer import Gazetteer, Place

__all__ = ["FoundEntity", "FoundMention", "Options", "RawMention", "group_mentions"]

_NATURAL = frozenset(
    [
        "river",
        "sea",
        "ocean",
        "gulf",
        "bay",
        "lake",
        "mountains",
        "mountain",
        "mount",
        "mt.",
        "valley",
        "desert",
        "island",
        "islands",
        "peninsula",
        "strait",
        "coast",
        "basin",
        "plateau",
        "canal",
        "channel",
    ]
)


# Both are pure and called several times per mention on recurring names: cached.
@lru_cache(maxsize=1 << 14)
def _norm(lowers: tuple[str, ...]) -> tuple[str, ...]:
    # Curly (U+2019) and straight apostrophes name the same person (O'Neill).
    return tuple(w.replace("\u2019", "'") for w in lowers)


@lru_cache(maxsize=1 << 14)
def _norm_name(name: str) -> str:
    return name.lower().replace("\u2019", "'")


_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "&"})


@dataclass(frozen=True)
class Options:
    """Behaviour switches (the extractor's config, as plain values)."""

    metonymy: bool = True
    demonyms: bool = True
    link_short_names: bool = True
    heading_filter: bool = True


#: A mention before it becomes a :class:`newsparse.Mention`: ``(start, end, kind)``
#: (a plain tuple: one is made per mention, and a tuple is the cheapest to make).
FoundMention = tuple[int, int, str]


# Slotted: one of each is made per name, and slots make them cheaper to make and read.
@dataclass(slots=True)
class FoundEntity:
    """An entity before it becomes a :class:`newsparse.Entity`."""

    name: str
    type: str
    mentions: list[FoundMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    iso: str | None = None


@dataclass(slots=True)
class RawMention:
    """A tagged name run, with its gazetteer entry and a role seen before it."""

    start: int
    end: int
    label: str
    lowers: tuple[str, ...]
    place: Place | None
    role: str = ""
    #: Written after "the" ("the Balkans", "the Elysee").
    the: bool = False
    #: Said to speak or act: "according to the ...", "the ... said".
    agent: bool = False


def group_mentions(
    text: str, raws: list[RawMention], options: Options, gazetteer: Gazetteer
) -> list[FoundEntity]:
    """Group mentions into entities, in order of first mention.

    Countries are keyed by ISO code (with capitals and demonyms), people by their fullest
    name (a one-word name joins the one full name it starts or ends), organisations by
    name or acronym, everything else by type and text.
    """
    entities: dict[tuple[str, str], FoundEntity] = {}
    order: list[tuple[str, str]] = []

    def add(
        key: tuple[str, str], name: str, etype: str, mention: FoundMention, iso: str | None = None
    ) -> FoundEntity:
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = FoundEntity(name, etype, iso=iso)
            order.append(key)
        ent.mentions.append(mention)
        return ent

    # People: full names first, so that a shorter form can find its one full name:
    # every proper first or last part of a name ("Putin", "de Blasio") points to it.
    full_names: dict[tuple[str, ...], list[str]] = {}
    for r in raws:
        if r.label == "PER" and len(r.lowers) > 1:
            name = text[r.start : r.end]
            normed = _norm_name(name)
            parts = _norm(r.lowers)
            for size in range(1, len(parts)):
                for part in (parts[:size], parts[-size:]):
                    forms = full_names.setdefault(part, [])
                    if normed not in [_norm_name(f) for f in forms]:
                        forms.append(name)
    # A place name the gazetteer does not know, written with "the", is no country, city or
    # state (those that take "the" are in the gazetteer: the Netherlands, The Hague): a
    # region ("the Balkans") or a building; one that speaks or acts somewhere in the
    # article ("according to the Elysee", "the Pentagon said") stands for the
    # institution housed there, an organisation.
    the_places: dict[tuple[str, ...], str] = {}
    for r in raws:
        if r.the and r.label == "LOC" and r.place is None:
            if r.agent:
                the_places[r.lowers] = "ORG"
            else:
                the_places.setdefault(r.lowers, "LOC")
    org_acronyms: dict[str, str] = {}
    for r in raws:
        if r.label == "ORG" and len(r.lowers) > 1:
            letters = "".join(w[0] for w in r.lowers if w not in _ACRONYM_SKIP)
            if len(letters) > 1:
                org_acronyms.setdefault(letters, " ".join(r.lowers))

    for r in raws:
        surface = text[r.start : r.end]
        mention = (r.start, r.end, "name")
        place = r.place
        if place is not None and r.label in ("LOC", "MISC") and place.kind != "user":
            country = place.iso
            if place.kind == "country" and r.label == "LOC":
                add(("iso", country), "", "GPE", mention, country)
                continue
            if place.kind == "demonym" and options.demonyms:
                mention = (r.start, r.end, "demonym")
                add(("iso", country), "", "GPE", mention, country)
                continue
            if place.kind == "demonyms":
                add(("norp", country), surface, "NORP", mention)
                continue
            if place.kind == "capital" and r.label == "LOC":
                # An all-caps capital is a dateline ("WASHINGTON (AP) -"): the city itself.
                if options.metonymy and not surface.isupper():
                    mention = (r.start, r.end, "alias")
                    add(("iso", country), "", "GPE", mention, country)
                else:
                    add(("GPE", r.lowers[-1]), surface, "GPE", mention)
                continue
            if place.kind in ("city", "state") and r.label == "LOC":
                add(("GPE", " ".join(r.lowers)), surface, "GPE", mention)
                continue
        if place is not None and place.kind == "user":
            if place.iso and options.metonymy:
                mention = (r.start, r.end, "alias")
                add(("iso", place.iso), "", "GPE", mention, place.iso)
            else:
                add(("user", place.name), place.name, place.type, mention)
            continue
        if (
            r.label in ("ORG", "MISC", "LOC")
            and place is None
            and len(r.lowers) == 1
            and options.link_short_names
            and len(full_names.get(_norm(r.lowers), ())) == 1
        ):
            # "Obama" tagged ORG in "the Obama administration" while "Barack Obama" is
            # in the article: one name keeps one entity.
            r.label = "PER"
        if r.label == "PER":
            key_name = surface
            if options.link_short_names:
                forms = full_names.get(_norm(r.lowers), [])
                if len(forms) == 1:
                    key_name = forms[0]
                    mention = (r.start, r.end, "alias")
            ent = add(("PER", _norm_name(key_name)), key_name, "PERSON", mention)
            if r.role and r.role not in ent.roles:
                ent.roles.append(r.role)
            continue
        if r.label == "ORG":
            key_text = " ".join(r.lowers)
            if len(r.lowers) == 1:
                letters = r.lowers[0].replace(".", "")
                if letters in org_acronyms:
                    key_text = org_acronyms[letters]
                    mention = (r.start, r.end, "alias")
            add(("ORG", key_text), surface, "ORG", mention)
            continue
        if r.label == "LOC" and r.place is None and the_places and r.lowers in the_places:
            etype = the_places[r.lowers]
            add((etype, " ".join(r.lowers)), surface, etype, mention)
            continue
        if r.label == "LOC":
            last = gazetteer.phrases.get(r.lowers[-1:])
            region = last is not None and last.kind == "continent"
            etype = "LOC" if r.lowers[-1] in _NATURAL or region else "GPE"
            add((etype, " ".join(r.lowers)), surface, etype, mention)
            continue
        add(("MISC", " ".join(r.lowers)), surface, "MISC", mention)

    out = []
    for key in order:
        ent = entities[key]
        if not ent.name:
            record = gazetteer.countries.get(key[1])
            ent.name = record.name if record else key[1]
        out.append(ent)
    return out
