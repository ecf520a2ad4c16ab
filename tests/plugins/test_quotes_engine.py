# ruff: noqa: RUF001  (quotation marks and apostrophes are the subject here)
"""Fast paths of the quotes engine give exactly what their plain definitions give."""

from __future__ import annotations

import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Pipeline
from newsparse.plugins._quotes import marks as marks_module
from newsparse.plugins._quotes.engine import cue_hits, every_cue_hit, find_attributions
from newsparse.plugins._quotes.lexicon import (
    FOLD_TO_A_Z,
    LOWER_TO_ASCII,
    ONLY_A_TO_Z,
    cue_pattern,
    cue_runs,
    load_lexicon,
)
from newsparse.plugins._quotes.marks import _MARK_RE, _live_marks, _marks, find_passages
from newsparse.plugins._quotes.text import _WORD_RE, Splitter, split_sentences, words

# Characters and pieces that exercise every branch of the word pattern.
_PIECES = st.sampled_from(
    [
        "a",
        "B",
        "é",
        "_",
        "1",
        " ",
        "\n",
        "\u00a0",
        ".",
        ",",
        ";",
        ":",
        ")",
        "(",
        "-",
        "--",
        "—",
        "'",
        "’",
        "!",
        "?",
        "Mr",
        "Mrs",
        "Corp",
        "Co",
        "Iran",
        "U.S",
        "don't",
        ". ",
        "! ",
        "?",
        "U.S. ",
    ]
)


def _reference(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, start, end)]


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.data())
def test_words_match_the_word_pattern(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert words(text, start, end) == _reference(text, start, end)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_words_match_the_word_pattern_on_any_text(text: str) -> None:
    assert words(text, 0, len(text)) == _reference(text, 0, len(text))


def test_words_examples() -> None:
    text = "Mr. Smith (R-Fla.), of the U.S. said xA. B. don't"
    got = [w for _, _, w in words(text, 0, len(text))]
    assert got[:3] == ["Mr.", "Smith", "("]
    assert "R-Fla." in got and "U.S" in got and "B." in got and "xA" in got
    assert words(text, 1, len(text))[0][2] == "r"  # a scan may start inside a word
    assert words(text, 37, 40) == _reference(text, 37, 40)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["'", "`", '"', "“", "”", "‘", "’", "«", "»", "„", "‟", "‹", "›", "a", " ", "\n", "é"]
        ),
        max_size=30,
    )
)
def test_marks_match_the_mark_pattern(chars: list[str]) -> None:
    text = "".join(chars)
    assert _marks(text) == [(m.start(), m.group()) for m in _MARK_RE.finditer(text)]


_PASSAGE_PIECES = st.sampled_from(
    [
        "'",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "„",
        "‹",
        "›",
        "a",
        "b1",
        " ",
        "\n",
        "\n\n",
        "é",
        "-",
        "(",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PASSAGE_PIECES, max_size=40))
def test_in_word_single_marks_change_no_passage(pieces: list[str]) -> None:
    text = "".join(pieces)
    every = _marks(text)
    in_word = [
        (i, m)
        for i, m in every
        if m in "'’‘‹›" and text[i - 1 : i].isalnum() and text[i + 1 : i + 2].isalnum()
    ]
    doubles, singles = _live_marks(text)
    assert doubles == [x for x in every if x[1] not in "'’‘‹›"]
    if "''" not in text and "`" not in text:
        assert singles == [x for x in every if x[1] in "'’‘‹›" and x not in in_word]
    live = find_passages(text)
    original = marks_module._live_marks

    def every_mark(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        found = _marks(text)  # every single mark, as before the filter
        return [x for x in found if x[1] not in "'’‘‹›"], [x for x in found if x[1] in "'’‘‹›"]

    marks_module._live_marks = every_mark
    try:
        assert find_passages(text) == live
    finally:
        marks_module._live_marks = original


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.data())
def test_words_up_to_and_after_a_terminal(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ws = _reference(text, start, end)
    final = [n for n, w in enumerate(ws) if w[2][0] in ".!?"]
    split = Splitter(text)
    assert split.words_to_terminal(start, end) == (ws[: final[0]] if final else ws)
    assert split.words_after_terminal(start, end) == (ws[final[-1] + 1 :] if final else ws)


_CUE_PIECES = st.sampled_from(
    [
        "said",
        "says",
        "told",
        "add",
        "address",
        "according",
        " ",
        "-",
        "'",
        "’",
        "é",
        "_",
        "1",
        ",",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUE_PIECES, max_size=30).map("".join))
def test_cue_hits_of_the_whole_text(text: str) -> None:
    cues = load_lexicon().cues(0.3, 3)
    pattern = cue_pattern(cues)
    assert every_cue_hit(text, cues, pattern) == cue_hits(text, pattern, 0, len(text))


def test_cue_hits_at_the_edges_of_ascii_text() -> None:
    cues = load_lexicon().cues(0.3, 3)
    pattern = cue_pattern(cues)
    text = "said it, unsaid -said said- 'said said' said1 _said says\nsaid"
    hits = every_cue_hit(text, cues, pattern)
    assert hits == cue_hits(text, pattern, 0, len(text))
    assert [text[h : h + 4] for h in hits] == ["said", "says", "said"]  # not next to ' - _ 1
    assert hits[0] == 0 and hits[-1] == len(text) - 4


def _runs_by_definition(lowered: str, cues: frozenset[str]) -> list[tuple[int, int]]:
    letters = lowered.encode("ascii", "replace").translate(ONLY_A_TO_Z).decode("ascii")
    return [m.span() for m in re.finditer("[a-z]+", letters) if m.group() in cues]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_CUE_PIECES, st.sampled_from(["Said", "SAYS", "\u212a", "İ"])), max_size=30)
)
def test_cue_runs_are_the_cue_forms_among_the_letter_runs(pieces: list[str]) -> None:
    text = "".join(pieces).lower()
    cues = load_lexicon().cues(0.3, 3)
    assert cue_runs(text, cues) == _runs_by_definition(text, cues)


def test_folding_the_text_gives_the_letters_of_its_lower_case() -> None:
    # Every code point: the engine reads its letters from the text, A-Z folded,
    # and tests word boundaries on the text, unless LOWER_TO_ASCII occurs.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c) not in LOWER_TO_ASCII)
    low = every.lower()
    assert len(low) == len(every)
    folded = every.encode("ascii", "replace").translate(FOLD_TO_A_Z)
    assert folded == low.encode("ascii", "replace").translate(ONLY_A_TO_Z)
    # ``\w`` is ``isalnum()`` or "_": lowering keeps every character's class.
    assert [m.start() for m in re.finditer(r"\w", every)] == [
        m.start() for m in re.finditer(r"\w", low)
    ]


def test_quotes_in_text_with_the_rare_lower_cases() -> None:
    for odd in ("\u212a", "İ"):
        text = f"“We will win,” said the mayor of {odd}ansas. Officials said the vote was close."
        doc = Pipeline.build(entry_points=False).parse(text)
        assert [q.kind for q in doc.quotes] == ["direct", "indirect"]
        assert doc.quotes[0].speaker is not None


def test_a_second_source_closes_a_content_whatever_the_case_of_according() -> None:
    # The "according" look-up reads the folded letters of the text; a text whose
    # lower case is longer ("İ") has no such letters and must give the same cut.
    from newsparse.plugins._quotes.speakers import EntityIndex
    from newsparse.plugins.quotes import _default_config, _settings

    lex = load_lexicon()
    cfg = _settings(_default_config())
    base = "The mayor said the bridge would close in May, {} to two engineers, for repairs."
    cuts = []
    for word in ("according", "According", "ACCORDING"):
        for tail in ("", " İstanbul."):
            text = base.format(word) + tail
            raw = find_attributions(text, split_sentences(text), cfg, lex, EntityIndex([]))
            # (the cue is "according to": the second source is credited with the content)
            said = [
                q
                for q in raw
                if q.cue is not None and text[slice(*q.cue)].lower() in ("said", "according to")
            ]
            assert said, (word, tail)
            cuts.append(text[slice(*said[0].content[-1])])
    assert cuts == ["the bridge would close in May"] * 6
