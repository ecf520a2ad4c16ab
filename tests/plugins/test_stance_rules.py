"""Tests of the stance rules' shortcuts: each gives the same result as the plain way."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse.plugins._stance.hedging import _FOLDS_TO_ASCII, HedgeScan, hedge_cues
from newsparse.plugins._stance.lexicon import HEDGE_PHRASES, HEDGES

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
