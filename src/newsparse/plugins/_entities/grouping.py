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
# Legal forms that end a company's name: the name without them is the company too.
_LEGAL_FORMS = frozenset(
    {"inc", "inc.", "corp", "corp.", "co", "co.", "cos", "cos.", "ltd", "ltd.", "llc"}
    | {"plc", "ag", "sa", "s.a.", "nv", "n.v.", "gmbh", "lp", "l.p."}
)


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
    #: In text order: names are grouped in the order they occur.
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

    # One pass over the names collects three things (each in the order of the names):
    # People: full names first, so that a shorter form can find its one full name:
    # every proper first or last part of a name ("Putin", "de Blasio") points to it
    # (each full name once, however it is written: ``seen`` holds part and name pairs).
    full_names: dict[tuple[str, ...], list[str]] = {}
    seen: set[tuple[tuple[str, ...], str]] = set()
    # A place name the gazetteer does not know, written with "the", is no country, city or
    # state (those that take "the" are in the gazetteer: the Netherlands, The Hague): a
    # region ("the Balkans") or a building; one that speaks or acts somewhere in the
    # article ("according to the Elysee", "the Pentagon said") stands for the
    # institution housed there, an organisation.
    the_places: dict[tuple[str, ...], str] = {}
    # Organisations' acronyms: "un" for "united nations".
    org_acronyms: dict[str, str] = {}
    # Companies' names without their legal form: "pfizer" for "pfizer inc.".
    org_short_names: dict[tuple[str, ...], str] = {}
    for r in raws:
        label = r.label
        if len(r.lowers) > 1:
            if label == "PER":
                name = text[r.start : r.end]
                normed = _norm_name(name)
                parts = _norm(r.lowers)
                for size in range(1, len(parts)):
                    for part in (parts[:size], parts[-size:]):
                        forms = full_names.setdefault(part, [])
                        if (part, normed) not in seen:
                            seen.add((part, normed))
                            forms.append(name)
            elif label == "ORG":
                letters = "".join(w[0] for w in r.lowers if w not in _ACRONYM_SKIP)
                if len(letters) > 1:
                    org_acronyms.setdefault(letters, " ".join(r.lowers))
                if r.lowers[-1] in _LEGAL_FORMS:
                    org_short_names.setdefault(r.lowers[:-1], " ".join(r.lowers))
        if r.the and label == "LOC" and r.place is None:
            if r.agent:
                the_places[r.lowers] = "ORG"
            else:
                the_places.setdefault(r.lowers, "LOC")

    # Each name gives an entity key, the name and type of a new entity, its mention and a
    # role; the entity is found or made once, at the end (no call per name).
    key: tuple[str, str] = ("", "")
    etype = ""
    for r in raws:
        surface = text[r.start : r.end]
        mention = (r.start, r.end, "name")
        place = r.place
        name = surface
        iso: str | None = None
        role = ""
        label = r.label
        settled = True  # by the gazetteer; else by the label, below
        if place is not None and label in ("LOC", "MISC") and place.kind != "user":
            kind = place.kind
            country = place.iso
            if kind == "country" and label == "LOC":
                key, name, etype, iso = ("iso", country), "", "GPE", country
            elif kind == "demonym" and options.demonyms:
                mention = (r.start, r.end, "demonym")
                key, name, etype, iso = ("iso", country), "", "GPE", country
            elif kind == "demonyms":
                key, etype = ("norp", country), "NORP"
            elif kind == "capital" and label == "LOC":
                # An all-caps capital is a dateline ("WASHINGTON (AP) -"): the city itself.
                if options.metonymy and not surface.isupper():
                    mention = (r.start, r.end, "alias")
                    key, name, etype, iso = ("iso", country), "", "GPE", country
                else:
                    key, etype = ("GPE", r.lowers[-1]), "GPE"
            elif kind in ("city", "state") and label == "LOC" and place.alias:
                mention = (r.start, r.end, "alias")  # "N.H." -> New Hampshire
                key, name, etype = ("GPE", place.name.lower()), place.name, "GPE"
            elif kind in ("city", "state") and label == "LOC":
                key, etype = ("GPE", " ".join(r.lowers)), "GPE"
            else:
                settled = False
        elif place is not None and place.kind == "user":
            if place.iso and options.metonymy:
                mention = (r.start, r.end, "alias")
                key, name, etype, iso = ("iso", place.iso), "", "GPE", place.iso
            else:
                key, name, etype = ("user", place.name), place.name, place.type
        else:
            settled = False
        if not settled and org_short_names and r.lowers in org_short_names:
            # "Pfizer" after "Pfizer Inc.": the company, however the tagger labelled it.
            label = r.label = "ORG"
            key, etype = ("ORG", org_short_names[r.lowers]), "ORG"
            mention = (r.start, r.end, "alias")
        elif not settled:
            if (
                label in ("ORG", "MISC", "LOC")
                and place is None
                and len(r.lowers) == 1
                and options.link_short_names
                and len(full_names.get(_norm(r.lowers), ())) == 1
            ):
                # "Obama" tagged ORG in "the Obama administration" while "Barack Obama"
                # is in the article: one name keeps one entity.
                label = r.label = "PER"
            if label == "PER":
                if options.link_short_names:
                    forms = full_names.get(_norm(r.lowers), [])
                    if len(forms) == 1:
                        name = forms[0]
                        mention = (r.start, r.end, "alias")
                key, etype, role = ("PER", _norm_name(name)), "PERSON", r.role
            elif label == "ORG":
                key_text = " ".join(r.lowers)
                if len(r.lowers) == 1:
                    letters = r.lowers[0].replace(".", "")
                    if letters in org_acronyms:
                        key_text = org_acronyms[letters]
                        mention = (r.start, r.end, "alias")
                key, etype = ("ORG", key_text), "ORG"
            elif label == "LOC" and place is None and the_places and r.lowers in the_places:
                etype = the_places[r.lowers]
                key = (etype, " ".join(r.lowers))
            elif label == "LOC":
                last = gazetteer.phrases.get(r.lowers[-1:])
                region = last is not None and last.kind == "continent"
                etype = "LOC" if r.lowers[-1] in _NATURAL or region else "GPE"
                key = (etype, " ".join(r.lowers))
            else:
                key, etype = ("MISC", " ".join(r.lowers)), "MISC"
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = FoundEntity(name, etype, iso=iso)
        ent.mentions.append(mention)
        if role and role not in ent.roles:
            ent.roles.append(role)

    out = []
    for key, ent in entities.items():
        if not ent.name:
            record = gazetteer.countries.get(key[1])
            ent.name = record.name if record else key[1]
        out.append(ent)
    return out
