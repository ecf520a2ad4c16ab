"""Tests of the stance rules: shortcuts equal the plain way, and rule fixtures."""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from test_stance import Ents, make_doc, pairs, run

from newsparse.plugins._stance.hedging import _FOLDS_TO_ASCII, HedgeScan, hedge_cues
from newsparse.plugins._stance.lexicon import HEDGE_PHRASES, HEDGES
from newsparse.plugins._stance.tokens import _SAFE_PUNCTUATION, _TOKEN_RE, tokenize

# Cue words, their neighbours and characters that stress case folding and offsets.
_PIECES = (
    sorted(HEDGES)
    + [" ".join(p) for p in HEDGE_PHRASES]
    + [
        "May",
        "MAY",
        "Said  To",
        "is\nsaid\tto",
        "mayor",
        "\u0130",
        "\u017f",
        "\u212a",
        "\u00df",
        "\u201c",
        "\U0001f600",
    ]
)
_texts = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(max_size=3), st.sampled_from(" .,\n")),
    max_size=30,
).map("".join)


def test_hedge_scan_finds_the_cues() -> None:
    text = "It may rain. Nothing here. He is said  to be ill, according to aides."
    scan = HedgeScan(text)
    assert scan.cues(0, 12) == [(3, 6, "may")]
    assert scan.cues(13, 26) == []
    assert [c for _, _, c in scan.cues(27, len(text))] == ["is said to", "according to"]


@settings(max_examples=300, deadline=None)
@given(_texts, st.data())
def test_hedge_scan_equals_the_plain_scan(text: str, data: st.DataObject) -> None:
    scan = HedgeScan(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert scan.cues(start, end) == hedge_cues(text, start, end)


def test_only_known_characters_fold_to_ascii_letters() -> None:
    # The prefilter lowercases the text: a character the cue pattern matches to an
    # ASCII letter without lowercasing to it must be in the list that turns it off.
    every = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    folding = {m.group() for m in regex.finditer(r"(?i)[a-z]", every)}
    assert folding <= set(_FOLDS_TO_ASCII)


def _stance_pairs(
    text: str, ents: Ents, **config: object
) -> dict[tuple[str | None, str], list[str]]:
    return pairs(run(make_doc(text, ents), **config))


TITLED: Ents = {
    "Netherlands": ("GPE", ["Dutch"]),
    "Anna Visser": ("PERSON", ["Anna Visser"]),
    "Chile": ("GPE", ["Chile"]),
    "Peru": ("GPE", ["Peru"]),
}


def test_country_in_a_persons_title_is_not_a_party() -> None:
    # The person holds; the country of the title does not hold a second stance.
    got = _stance_pairs(
        "Dutch Prime Minister Anna Visser praised Chile.", TITLED, article_voice=False
    )
    assert got == {("Anna Visser", "Chile"): ["positive"]}
    # Nor is the title's country a target, of a holder or of the article's voice.
    got = _stance_pairs("Chile condemned Dutch Foreign Minister Anna Visser.", TITLED)
    assert ("Chile", "Anna Visser") in got
    assert not any(target == "Netherlands" for _, target in got)
    got = _stance_pairs("Dutch leader Anna Visser won a great and historic victory.", TITLED)
    assert not any(target == "Netherlands" for _, target in got)


def test_country_without_a_title_still_holds() -> None:
    got = _stance_pairs("Dutch troops praised Chile.", TITLED, article_voice=False)
    assert got == {("Netherlands", "Chile"): ["positive"]}
    # A role word at the end of one sentence is no title of a name in the next.
    got = _stance_pairs(
        "Chile backed the Dutch premier. Anna Visser thanked Peru.", TITLED, article_voice=False
    )
    assert got[("Chile", "Netherlands")] == ["positive"]


NEIGHBOURS: Ents = {
    "Chile": ("GPE", ["Chile"]),
    "Peru": ("GPE", ["Peru"]),
    "Bolivia": ("GPE", ["Bolivia"]),
}


def test_relation_pairs_the_parties_it_names() -> None:
    # Not the nearest two actors: the ones "between X and Y" and "X's ... with Y" name.
    got = _stance_pairs(
        "Peru saw rivalry between the old neighbours Chile and Bolivia.",
        NEIGHBOURS,
        article_voice=False,
    )
    assert got == {("Chile", "Bolivia"): ["negative"], ("Bolivia", "Chile"): ["negative"]}
    got = _stance_pairs(
        "Peru saw Chile's ties with the landlocked Bolivia grow.", NEIGHBOURS, article_voice=False
    )
    assert got == {("Chile", "Bolivia"): ["positive"], ("Bolivia", "Chile"): ["positive"]}
    got = _stance_pairs(
        "Peru noted that Chile and Bolivia's partnership grew.", NEIGHBOURS, article_voice=False
    )
    assert got == {("Chile", "Bolivia"): ["positive"], ("Bolivia", "Chile"): ["positive"]}


def test_where_observers_are_is_no_party() -> None:
    got = _stance_pairs(
        "Analysts in Peru noted that the dispute exposed a gap between Chile and Bolivia.",
        NEIGHBOURS,
        article_voice=False,
    )
    assert got == {("Chile", "Bolivia"): ["negative"], ("Bolivia", "Chile"): ["negative"]}
    got = _stance_pairs(
        "Analysts in Peru noted the rivalry with Chile.", NEIGHBOURS, article_voice=False
    )
    assert got == {}


def test_relation_in_a_verbs_object_adds_no_reversed_stance() -> None:
    # The verb gives the holder's stance; the agreement adds no Peru -> Chile.
    got = _stance_pairs(
        "Chile welcomed the new trade agreement with Peru.", NEIGHBOURS, article_voice=False
    )
    assert got == {("Chile", "Peru"): ["positive"]}
    assert [
        s.cue.text
        for s in run(
            make_doc("Chile welcomed the new trade agreement with Peru.", NEIGHBOURS),
            article_voice=False,
        ).stances
        if s.cue
    ] == ["welcomed"]
    # Without an evaluating verb the agreement is a relation between both parties.
    got = _stance_pairs(
        "Chile signed a new trade agreement with Peru.", NEIGHBOURS, article_voice=False
    )
    assert got == {("Chile", "Peru"): ["positive"], ("Peru", "Chile"): ["positive"]}


def test_article_voice_leaves_a_verbs_holder_alone() -> None:
    # "X praised Y" is X's stance: the praise is not the article's view of X.
    ents: Ents = {**NEIGHBOURS, "Ana Ruiz": ("PERSON", ["Ana Ruiz"])}
    for text in (
        "Ana Ruiz warmly praised the great and historic success of Chile.",
        "Ana Ruiz angrily condemned the brutal and corrupt regime of Chile.",
    ):
        got = _stance_pairs(text, ents)
        assert ("Ana Ruiz", "Chile") in got
        assert (None, "Ana Ruiz") not in got


_SOUP = st.lists(
    st.sampled_from(
        [
            "Chile",
            "Peru",
            "Bolivia",
            "between",
            "and",
            "'s",
            "with",
            "ties",
            "rivalry",
            "praised",
            "welcomed",
            "in",
            "the",
            ",",
            "President",
            "Ana",
            "Ruiz",
            "\u2019s",
            "'",
            ".",
        ]
    ),
    max_size=25,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_SOUP)
def test_rules_take_any_word_soup(text: str) -> None:
    # Constructions cut short anywhere ("between Chile and", "Peru 's") never break the rules.
    ents: Ents = {**NEIGHBOURS, "Ana Ruiz": ("PERSON", ["Ana Ruiz"])}
    doc = run(make_doc(text, ents))
    for s in doc.stances:
        assert s.holder != s.target
        assert doc.text[s.evidence.start : s.evidence.end] == s.evidence.text


def _reference_tokens(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[str, int, int]]:
    stop = len(text) if end is None else end
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, stop)]


def test_safe_punctuation_is_neither_word_nor_space_to_both_engines() -> None:
    for c in _SAFE_PUNCTUATION:
        assert c.lower() == c
        for cls in (r"\w", r"\s"):
            assert bool(re.fullmatch(cls, c)) == bool(regex.fullmatch(cls, c)) is False, (c, cls)


def test_safe_punctuation_tokens_equal_the_regex_engine_tokens() -> None:
    # Every ASCII character next to every safe mark, inside a word and at a gap.
    for a in map(chr, range(128)):
        for b in _SAFE_PUNCTUATION:
            for text in (f"Xa{a}{b}y {a}-{b}'s", f"{b}Ab{a}c{b}", f"Kim{b}s {a}{b}{a}"):
                assert [tuple(t) for t in tokenize(text)] == _reference_tokens(text), repr(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aB \n-'.\u00e9\u0130\u03a3\x1c\u0301" + _SAFE_PUNCTUATION, max_size=60),
    st.data(),
)
def test_tokenize_with_news_punctuation_equals_the_reference(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [tuple(t) for t in tokenize(text, start, end)] == _reference_tokens(text, start, end)
