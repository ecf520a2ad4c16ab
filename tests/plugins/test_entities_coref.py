"""Pronoun and title mentions of people (``newsparse.plugins._entities.coref``)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse import Pipeline, ReaderError
from newsparse.plugins._entities.coref import add_references
from newsparse.plugins._entities.grouping import FoundEntity
from newsparse.testing import best_cpu_seconds

#: Title words as the tagger model lists them (lower case).
TITLES = frozenset(["president", "minister", "mayor", "sen."])


def _person(text: str, name: str, *surfaces: str, roles: tuple[str, ...] = ()) -> FoundEntity:
    """A PERSON entity whose name mentions are every occurrence of ``surfaces``."""
    spans = [
        (m.start(), m.end(), "name")
        for surface in surfaces or (name,)
        for m in regex.finditer(rf"\b{regex.escape(surface)}\b", text)
    ]
    return FoundEntity(name=name, type="PERSON", mentions=sorted(spans), roles=list(roles))


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(r"[^.!?]+[.!?]?\s*", text)]


def _added(entity: FoundEntity, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in entity.mentions if k in ("pronoun", "title")]


def test_pronoun_joins_the_one_person_in_the_sentence_before() -> None:
    text = "Mayor Alda Brook opened the bridge. She said it was overdue."
    brook = _person(text, "Alda Brook")
    add_references(text, _sentences(text), [brook], TITLES)
    assert _added(brook, text) == [("She", "pronoun")]


def test_pronoun_in_its_own_sentence_prefers_the_person_before_it() -> None:
    text = "Tomas Vell met the press. Later Ines Quarry said she would wait."
    vell, quarry = _person(text, "Tomas Vell"), _person(text, "Ines Quarry")
    add_references(text, _sentences(text), [vell, quarry], TITLES)
    assert _added(quarry, text) == [("she", "pronoun")]
    assert _added(vell, text) == []


def test_two_people_of_unknown_gender_leave_the_pronoun_unlinked() -> None:
    text = "Tomas Vell met Ines Quarry. He spoke first."
    vell, quarry = _person(text, "Tomas Vell"), _person(text, "Ines Quarry")
    add_references(text, _sentences(text), [vell, quarry], TITLES)
    assert _added(vell, text) == [] and _added(quarry, text) == []


def test_honorifics_give_gender_and_settle_the_choice() -> None:
    text = "Mr. Vell met Ms. Quarry. He spoke first and she answered."
    vell, quarry = _person(text, "Tomas Vell", "Vell"), _person(text, "Ines Quarry", "Quarry")
    add_references(text, _sentences(text), [vell, quarry], TITLES)
    assert _added(vell, text) == [("He", "pronoun")]
    assert _added(quarry, text) == [("she", "pronoun")]


def test_most_pronouns_decide_a_gender_that_a_stray_one_cannot_undo() -> None:
    # Quarry is "she" three times; the "his" inside the quotation is about someone unnamed, so
    # a later "he" beside Quarry alone must not be linked to her.
    text = (
        "Ines Quarry spoke. She was calm. Ines Quarry smiled. She waved. She sat. "
        'Ines Quarry said: "a man raised his hands." Then he left.'
    )
    quarry = _person(text, "Ines Quarry")
    add_references(text, _sentences(text), [quarry], TITLES)
    linked = _added(quarry, text)
    assert linked.count(("She", "pronoun")) == 3
    assert ("he", "pronoun") not in linked


def test_a_person_named_inside_a_quotation_is_not_the_pronoun_outside_it() -> None:
    text = "Tomas Vell spoke. \u201cI trust Ivo Marr,\u201d he said."
    vell, marr = _person(text, "Tomas Vell"), _person(text, "Ivo Marr")
    add_references(text, _sentences(text), [vell, marr], TITLES)
    # Marr, nearer but quoted, is passed over for the speaker named before.
    assert _added(vell, text) == [("he", "pronoun")]
    assert _added(marr, text) == []


def test_pronoun_far_from_any_person_stays_unlinked() -> None:
    text = "Tomas Vell arrived. The rain fell. The roads flooded. The town waited. He left."
    vell = _person(text, "Tomas Vell")
    add_references(text, _sentences(text), [vell], TITLES)
    assert _added(vell, text) == []


def test_title_joins_the_one_holder_of_the_role_after_the_first_mention() -> None:
    text = (
        "The president of the club spoke. Ruritanian President Olek Varn arrived. "
        "Aides said the president was tired, and the Ruritanian president left early."
    )
    varn = _person(text, "Olek Varn", roles=("Ruritanian President",))
    add_references(text, _sentences(text), [varn], TITLES)
    assert _added(varn, text) == [("president", "title"), ("Ruritanian president", "title")]


def test_a_role_not_ending_in_a_title_word_gives_no_title_mention() -> None:
    text = "State Treasurer aide Olek Varn spoke. Polls in the state tightened."
    varn = _person(text, "Olek Varn", roles=("State",))
    add_references(text, _sentences(text), [varn], TITLES)
    assert _added(varn, text) == []


def test_title_shared_by_two_people_or_before_a_name_is_not_linked() -> None:
    text = (
        "President Olek Varn met President Mira Sol. The President Mira Sol joke aside, "
        "the president smiled."
    )
    varn = _person(text, "Olek Varn", roles=("President",))
    sol = _person(text, "Mira Sol", roles=("President",))
    add_references(text, _sentences(text), [varn, sol], TITLES)
    assert _added(varn, text) == [] and _added(sol, text) == []


def test_added_mentions_never_overlap_names() -> None:
    text = "Her Majesty's envoy Hera Lind spoke. Hera Lind said her piece."
    lind = _person(text, "Hera Lind", "Hera Lind")
    add_references(text, _sentences(text), [lind], TITLES)
    spans = sorted((s, e) for s, e, _k in lind.mentions)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert ("her", "pronoun") in _added(lind, text)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("He she his Her. Ann Bo the president,\n")), max_size=200)
)
def test_any_text_gives_valid_spans(text: str) -> None:
    people = [_person(text, "Ann"), _person(text, "Bo", roles=("President",))]
    add_references(text, _sentences(text), people, TITLES)
    for person in people:
        for start, end, kind in person.mentions:
            assert 0 <= start < end <= len(text)
            if kind == "pronoun":
                assert text[start:end].lower() in {"he", "she", "his", "her"}


# -- through the pipeline ------------------------------------------------------------

_STORY = (
    "Chinese President Xi Jinping arrived in Paris on Monday. He met French officials, "
    "and the Chinese president later visited a factory.\n"
    "\n"
    "Although Xi Jinping smiled, his hosts were cautious.\n"
)


def _entities(config: dict[str, object] | None = None) -> dict[str, Any]:
    pipeline = Pipeline.build({"entities": config or {}}, entry_points=False)
    doc = pipeline.parse(_STORY)
    return {e.name: e for e in doc.entities}


def test_coreference_is_off_by_default() -> None:
    xi = _entities()["Xi Jinping"]
    assert {m.kind for m in xi.mentions} == {"name"}


def test_coreference_adds_pronoun_and_title_mentions_but_no_aliases() -> None:
    xi = _entities({"coreference": True})["Xi Jinping"]
    added = [(m.text, m.kind) for m in xi.mentions if m.kind != "name"]
    # "Chinese" stays China's demonym: the title mention is what follows it.
    assert added == [("He", "pronoun"), ("president", "title"), ("his", "pronoun")]
    assert all(_STORY[m.start : m.end] == m.text for m in xi.mentions)
    assert [m.start for m in xi.mentions] == sorted(m.start for m in xi.mentions)
    assert xi.aliases == ()


def test_only_a_title_word_ends_a_role() -> None:
    # "Although" opens a sentence before the name: no role; "Chinese President" is one.
    assert _entities()["Xi Jinping"].roles == ("Chinese President",)


_COREF = Pipeline.build({"entities": {"coreference": True}}, entry_points=False)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_with_coreference_gives_valid_spans(text: str) -> None:
    try:
        doc = _COREF.parse(text)
    except ReaderError:
        return  # empty input: the documented error
    for entity in doc.entities:
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text


def test_coreference_time_grows_linearly() -> None:
    unit = "Ms. Ann Vale spoke. She said the president erred. " * 20
    text = "President Bo Rand met Ann Vale. " + unit
    small = best_cpu_seconds(lambda: add_references(*_found(text)), runs=3)
    large = best_cpu_seconds(lambda: add_references(*_found(text + unit * 9)), runs=3)
    assert large < 30 * small


def _found(text: str) -> tuple[str, list[tuple[int, int]], list[FoundEntity], frozenset[str]]:
    people = [_person(text, "Ann Vale"), _person(text, "Bo Rand", roles=("President",))]
    return text, _sentences(text), people, TITLES
