"""Entities in headlines and datelines, places and companies named two ways (own fixtures)."""

from __future__ import annotations

import pytest

from newsparse import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.build(entry_points=False, disable=("quotes", "stance"))


def _names(pipeline: Pipeline, text: str) -> dict[str, tuple[str, list[str]]]:
    doc = pipeline.parse(text)
    return {e.name: (e.type, [m.text for m in e.mentions]) for e in doc.entities}


def test_a_state_the_tagger_splits_takes_its_gazetteer_label(pipeline: Pipeline) -> None:
    # The tagger's training news has "Hampshire" as a cricket club: the two words
    # come out with different labels, and the gazetteer's state wins.
    names = _names(pipeline, "The senator led in two New Hampshire polls this week.")
    assert names == {"New Hampshire": ("GPE", ["New Hampshire"])}


def test_a_title_ending_with_a_full_stop_is_read_as_a_heading(pipeline: Pipeline) -> None:
    text = (
        "Mayor Says Every School Will Open Again Next Week.\n\n"
        "Mayor Maria Lopez told reporters in Denver on Monday that the plan was ready.\n"
    )
    doc = pipeline.parse(text)
    assert doc.title is not None and doc.title.text.endswith("Week.")
    # Title Case words of the headline are not names; the body's are.
    headline = [m.text for e in doc.entities for m in e.mentions if m.start < doc.title.end]
    assert headline == []
    assert _names(pipeline, text) == {
        "Maria Lopez": ("PERSON", ["Maria Lopez"]),
        "Denver": ("GPE", ["Denver"]),
    }


def test_only_titles_and_headings_may_end_with_a_full_stop() -> None:
    from newsparse.plugins._entities.gazetteer import load_gazetteer
    from newsparse.plugins._entities.resolve import Options, find_entities
    from newsparse.plugins._entities.tagger import load_model

    text = "Every School Will Open Again Next Week.\n\nThe mayor spoke.\n"
    units = [(0, 39), (41, 57)]

    def found(headlines: set[int]) -> list[str]:
        args = (text, units, load_model(), load_gazetteer(), Options())
        entities = find_entities(*args, headlines)
        return [text[m[0] : m[1]] for e in entities for m in e.mentions]

    # As a body sentence the Title Case words are tagged; as the title they are not.
    assert found(set()) != []
    assert found({0}) == []


def test_a_headline_name_running_into_a_verb_is_cut_to_the_body_name(
    pipeline: Pipeline,
) -> None:
    text = (
        "Maria Lopez Wins Runoff In Close Race.\n\n"
        "Maria Lopez won the runoff on Sunday. Lopez thanked her volunteers.\n"
    )
    doc = pipeline.parse(text)
    names = _names(pipeline, text)
    assert names["Maria Lopez"] == ("PERSON", ["Maria Lopez", "Maria Lopez", "Lopez"])
    first = doc.entities[0].mentions[0]
    assert (first.start, first.end, doc.text[first.start : first.end]) == (0, 11, "Maria Lopez")


def test_a_headline_name_the_body_does_not_name_is_kept_whole(pipeline: Pipeline) -> None:
    # Nothing says where the name ends: it is not cut on a guess.
    text = "Maria Lopez Wins Runoff In Close Race.\n\nThe count ended on Sunday.\n"
    names = _names(pipeline, text)
    assert any(name.startswith("Maria Lopez") for name in names)


@pytest.mark.parametrize(
    ("dateline", "places"),
    [
        ("PORTSMOUTH, N.H. —", ["PORTSMOUTH", "N.H."]),
        ("LAKEVIEW, Ore., Feb. 2 —", ["LAKEVIEW", "Ore"]),
        ("OSLO (Newswire) -", ["OSLO"]),
    ],
)
def test_the_names_of_a_dateline_are_places(
    pipeline: Pipeline, dateline: str, places: list[str]
) -> None:
    text = f"Turnout Rises\n\n{dateline} Voters queued before dawn on Tuesday.\n"
    doc = pipeline.parse(text)
    assert doc.dateline is not None and doc.dateline.text.startswith(dateline.split()[0])
    found = [
        (m.text, e.type)
        for e in doc.entities
        for m in e.mentions
        if doc.dateline.start <= m.start < doc.dateline.end
    ]
    assert [name for name, _ in found if name in places] == places
    assert all(kind == "GPE" for name, kind in found if name in places)
    assert not any(name.startswith("Feb") for name, _ in found)


def test_a_capitalised_topic_before_a_dash_is_not_taken_for_a_place(pipeline: Pipeline) -> None:
    # No comma and no agency: "RUGBY LEAGUE -" may be a headline's topic, not a place.
    doc = pipeline.parse("RUGBY LEAGUE - Results of the weekend tournament.\n")
    assert doc.dateline is not None and doc.dateline.text == "RUGBY LEAGUE -"
    assert [(e.name, e.type) for e in doc.entities] == [("RUGBY LEAGUE", "MISC")]


def test_a_company_named_without_its_legal_form_is_the_same_company(pipeline: Pipeline) -> None:
    text = "Shares of Norvale Inc. fell on Monday. Norvale said the deal would close soon.\n"
    doc = pipeline.parse(text)
    assert [(e.name, e.type) for e in doc.entities] == [("Norvale Inc.", "ORG")]
    mentions = [(m.text, m.kind) for m in doc.entities[0].mentions]
    assert mentions == [("Norvale Inc.", "name"), ("Norvale", "alias")]


def test_a_us_state_abbreviation_is_the_state(pipeline: Pipeline) -> None:
    text = "Voters in Concord, N.H., queued early. Turnout in New Hampshire was high.\n"
    doc = pipeline.parse(text)
    state = next(e for e in doc.entities if e.name == "New Hampshire")
    assert state.type == "GPE"
    assert [(m.text, m.kind) for m in state.mentions] == [
        ("N.H.", "alias"),
        ("New Hampshire", "name"),
    ]


def test_only_abbreviations_with_an_inner_full_stop_are_read_as_states() -> None:
    from newsparse.plugins._entities.gazetteer import load_gazetteer

    phrases = load_gazetteer().phrases
    assert phrases[("n.h.",)].name == "New Hampshire" and phrases[("n.h.",)].alias
    assert phrases[("w.va",)].name == "West Virginia"
    # "Ill." and "Miss." are words too: not places.
    assert ("ill",) not in phrases and ("miss",) not in phrases


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Chicago Widget Makers Guild said prices would rise.", "Chicago Widget Makers Guild"),
        ("The Ohio Soybean Council met in Columbus on Tuesday.", "Ohio Soybean Council"),
    ],
)
def test_a_place_opening_an_organisation_name_is_part_of_it(
    pipeline: Pipeline, text: str, name: str
) -> None:
    # The tagger labels "Chicago" a place and the rest an organisation: one name.
    assert _names(pipeline, text)[name] == ("ORG", [name])
    assert all(n != "Chicago" and n != "Ohio" for n in _names(pipeline, text))


def test_adjacent_names_take_the_label_of_the_last_one() -> None:
    from newsparse.plugins._entities.resolve import _join_adjacent_names

    # tokens:  0 pad, 1 LOC, 2 ORG, 3 ORG, 4 O, 5 MISC, 6 PER, 7 PER, 8 LOC, 9 pad
    labels = [0, 2, 3, 3, 0, 4, 1, 1, 2, 0]
    _join_adjacent_names([1, 2, 3, 5, 6, 7, 8], labels)
    # The place before the organisation joins it; a nationality (MISC) stays apart,
    # and a run of two people and a place becomes one place name.
    assert labels == [0, 3, 3, 3, 0, 4, 2, 2, 2, 0]
