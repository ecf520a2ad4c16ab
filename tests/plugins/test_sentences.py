"""Tests of the built-in ``sentences`` extractor and its rule-based splitter."""

from __future__ import annotations

import itertools
from pathlib import Path

import pluggy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Article, ArticleMeta, Pipeline, Section
from newsparse.plugins._structure import Splitter, split_sentences
from newsparse.plugins._structure.splitter import _BOUNDARY_RE, _WORD_BEFORE_RE, _word_before
from newsparse.plugins.sections import SectionsExtractor
from newsparse.plugins.sentences import SentencesConfig, SentencesExtractor
from newsparse.testing import article_texts, assert_spans_valid, best_cpu_seconds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _parse(text: str, *, fmt: str = "text", **config: object) -> Article:
    doc = Article.from_text(text, meta=ArticleMeta(format=fmt))
    doc = doc.with_layers(SectionsExtractor().extract(doc))
    extractor = SentencesExtractor(SentencesConfig.model_validate(config))
    return doc.with_layers(extractor.extract(doc))


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# -- the splitter --------------------------------------------------------------


@pytest.mark.parametrize(
    "abbreviation",
    [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Gov.", "Sen.", "Rep.", "Gen.", "St.", "Prof.",
        "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    ],
)  # fmt: skip
def test_no_split_after_titles_and_months(abbreviation: str) -> None:
    text = f"The letter reached {abbreviation} Smith on Monday. It was short."
    assert _split(text) == [f"The letter reached {abbreviation} Smith on Monday.", "It was short."]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army moved in.",
        "The U.N. Security Council met.",
        "Acme Inc. Chief Executive Jo Day spoke.",
        "Widget Corp. Shares rose.",
        "She ranked No. 1 in the poll.",
        "Some groups, e.g. Greenpeace, objected.",
        "One group, i.e. Greenpeace, objected.",
        "It was Smith vs. Jones in court.",
        "John F. Kennedy spoke first.",
        "The rate rose to 3.5 percent.",
        "He waited... and waited.",
        "Roe v. Wade stands.",
    ],
)
def test_no_split_inside_these_sentences(text: str) -> None:
    assert _split(text) == [text]


def test_dotted_abbreviation_ends_a_sentence_before_a_usual_starter() -> None:
    text = "The troops came home to the U.S. The war was over. They met at 5 p.m. Then they left."
    assert _split(text) == [
        "The troops came home to the U.S.",
        "The war was over.",
        "They met at 5 p.m.",
        "Then they left.",
    ]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = (
        'He said "no." She left. \u201cIt is over.\u201d Then silence. '
        "(The talks failed.) A new round begins. 'Maybe.' Perhaps."
    )
    assert _split(text) == [
        'He said "no."',
        "She left.",
        "\u201cIt is over.\u201d",
        "Then silence.",
        "(The talks failed.)",
        "A new round begins.",
        "'Maybe.'",
        "Perhaps.",
    ]


def test_question_and_exclamation_marks_split() -> None:
    assert _split("Why now? Nobody knows! 2016 was different. \u201cYes,\u201d she said.") == [
        "Why now?",
        "Nobody knows!",
        "2016 was different.",
        "\u201cYes,\u201d she said.",
    ]


def test_quoted_question_followed_by_its_speaker_is_one_sentence() -> None:
    text = '"Why would we sign this?" Kennedy asked reporters. "Because!" He laughed.'
    assert _split(text) == [
        '"Why would we sign this?" Kennedy asked reporters.',
        '"Because!"',
        "He laughed.",
    ]


def test_no_split_before_lower_case_or_without_space() -> None:
    assert _split("See example.com for more. it is odd.x Fine.") == [
        "See example.com for more. it is odd.x Fine."
    ]


def test_newline_inside_a_paragraph_is_not_a_split_but_a_full_stop_is() -> None:
    text = "The plan was announced\non Monday. The vote\nfollowed."
    assert _split(text) == ["The plan was announced\non Monday.", "The vote\nfollowed."]


def test_splitter_respects_the_region() -> None:
    text = "xx A first one. A second one. yy"
    assert [text[s:e] for s, e in split_sentences(text, 3, 29)] == [
        "A first one.",
        "A second one.",
    ]


# -- the extractor -------------------------------------------------------------


def test_sentences_cover_title_headings_items_and_paragraphs_in_order() -> None:
    text = (FIXTURES / "structure_markdown.md").read_text(encoding="utf-8")
    doc = _parse(text, fmt="markdown")
    texts = [s.text for s in doc.sentences]
    assert texts[:4] == [
        "Harbour Vote Opens the Way for a Ferry",
        "NORTHPORT, Jan. 5 (Coastal Wire) \u2014 The harbour authority voted on Monday to "
        "approve a ferry\nroute to Eastbay, ending years of delay.",
        "Highlights",
        "A ferry will link the two towns from spring.",
    ]
    assert "Quick Summary" in texts and "Reaction in Eastbay" in texts
    assert texts[-2:] == [
        "Shop owners welcomed the decision.",
        '"We have waited long enough," said Ana Ruiz, who runs a\ncafe near the old pier.',
    ]
    # The byline is front matter, not a sentence.
    assert not any(t.startswith("By Lena Brook") for t in texts)


def test_wire_story_sentences() -> None:
    doc = _parse((FIXTURES / "structure_wire.txt").read_text(encoding="utf-8"))
    assert [s.text for s in doc.sentences] == [
        "Senator Rejects Budget Deal as Deadline Nears",
        "WASHINGTON (AFP) \u2013 Sen. John F. Kennedy Jr. said on Tuesday that the U.S. "
        'budget deal was "dead on arrival."',
        "He spoke after a meeting with Gov. Ann Lee and Rep. Tom Ford at 10 a.m. in the Capitol.",
        '"Why would we sign this?" Kennedy asked reporters.',
        "Aides said talks would resume on Jan. 9 at the latest.",
        "The deal would raise spending by 2.5 percent, i.e. less than inflation.",
        'Critics, e.g. the Budget Watch group (a nonprofit), called it "a gimmick."',
        "Mr. Ford disagreed.",
    ]


def test_digest_sentences_and_crlf() -> None:
    text = (FIXTURES / "structure_digest.txt").read_text(encoding="utf-8")
    plain = _parse(text)
    crlf = _parse("\ufeff" + text.replace("\n", "\r\n"))
    assert [s.text for s in crlf.sentences] == [s.text for s in plain.sentences]
    texts = [s.text for s in plain.sentences]
    assert texts[0] == "Key Points"
    assert 'Mr. Alder, the authority\'s chair, called the vote "a turning point."' in texts
    assert "The authority will publish a timetable... perhaps by the end of the year." in texts


def test_seed_sentences(seed_text: str) -> None:
    doc = _parse(seed_text)
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "Key Facts"
    assert texts[1].startswith("North Korean leader Kim Jong-un praised troops")
    headings = {s.heading.text for s in doc.sections if s.heading is not None}
    assert headings <= set(texts)
    # Every paragraph and item is covered by whole sentences.
    for region in [*doc.paragraphs, *(i for s in doc.sections for i in s.items)]:
        inside = [s for s in doc.sentences if region.start <= s.start < region.end]
        assert inside[0].start == region.start and inside[-1].end == region.end


def test_extra_abbreviations_config() -> None:
    text = "The note from Supt. Green arrived.\n\nMore follows."
    assert _parse(text).sentences[0].text == "The note from Supt. Green arrived."
    text = "The note from Insp2. Green arrived."
    assert len(_parse(text).sentences) == 2
    assert len(_parse(text, extra_abbreviations=("Insp2.",)).sentences) == 1


def test_works_from_paragraphs_alone_and_clips_overlaps() -> None:
    text = "First one. Second one.\n\nThird one."
    doc = Article.from_text(text)
    # Another provider's layers: overlapping paragraphs and a heading inside one.
    doc = doc.with_layers(
        {
            "paragraphs": [doc.span(0, 22), doc.span(11, 22), doc.span(24, 34)],
            "sections": [Section(kind="body", heading=doc.span(0, 10), start=0, end=34)],
        }
    )
    sentences = SentencesExtractor().extract(doc)["sentences"]
    assert [s.text for s in sentences] == ["First one.", "Second one.", "Third one."]


def test_plugin_contract(pm: pluggy.PluginManager) -> None:
    found = [cls for classes in pm.hook.newsparse_extractors() for cls in classes]
    assert SentencesExtractor in found
    assert SentencesExtractor.requires == ("paragraphs",)
    assert SentencesExtractor.provides == ("sentences",)
    names = {cls.name for cls in found}
    pipeline = Pipeline.build(pm=pm, disable=tuple(sorted(names - {"sections", "sentences"})))
    doc = pipeline.parse("Key Facts\n\n- One. Two.\n", format="text")
    assert [s.text for s in doc.sentences] == ["Key Facts", "One.", "Two."]


# -- properties ----------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), article_texts()))
def test_sentences_are_valid_ordered_and_trimmed(text: str) -> None:
    doc = _parse(text)
    assert_spans_valid(doc)
    for before, after in zip(doc.sentences, doc.sentences[1:], strict=False):
        assert before.end <= after.start
    for s in doc.sentences:
        assert s.text and s.text == s.text.strip()
    # Every paragraph is covered by sentences that lie inside it.
    for p in doc.paragraphs:
        inside = [s for s in doc.sentences if p.start <= s.start < p.end]
        assert inside and inside[0].start == p.start and inside[-1].end == p.end


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("aB .!?\"')\u201d\n…1"), max_size=120))
def test_splitter_ranges_tile_the_region(text: str) -> None:
    stripped = text.strip()
    if not stripped:
        return
    start = text.index(stripped[0])
    end = start + len(stripped)
    ranges = split_sentences(text, start, end)
    assert ranges[0][0] == start and ranges[-1][1] == end
    for (_, e1), (s2, _) in itertools.pairwise(ranges):
        assert e1 < s2 and text[e1:s2].isspace()


def _split_by_the_patterns(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The splitter's definition: the boundary pattern tried at every mark."""
    splitter = Splitter()
    out = []
    begin = skip = start
    for p in range(start, end):
        if text[p] not in ".!?\u2026\u203d" or p < skip:
            continue
        m = _BOUNDARY_RE.match(text, p, end)
        if m is None:
            continue
        stop, nxt, skip = m.span(2)[1], m.end(), m.end(1)
        if splitter._ends_sentence(text, p, skip, stop, nxt, start, end):
            out.append((begin, stop))
            begin = nxt
    out.append((begin, end))
    return out


_SPLIT_PIECES = st.sampled_from(
    [
        "a", "B", "Mr", "U.S", "Jan", "No", "é", "É", "&", "1", " ", "  ", "\n", ".", "!", "?",
        "\u2026", '"', "'", "\u201d", "\u2019", ")", "]", "\u201c", "(", "\u00a0", "\u0301",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPLIT_PIECES, max_size=40).map("".join), st.data())
def test_splitter_fast_paths_agree_with_the_patterns(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert Splitter().split(text, start, end) == _split_by_the_patterns(text, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPLIT_PIECES, max_size=20).map("".join), st.data())
def test_word_before_a_full_stop_agrees_with_the_pattern(text: str, data: st.DataObject) -> None:
    p = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, p))
    m = _WORD_BEFORE_RE.match(text, lo, p)
    assert _word_before(text, lo, p) == ("" if m is None else m.group())


def test_time_grows_linearly_with_text_length() -> None:
    unit = (FIXTURES / "structure_wire.txt").read_text(encoding="utf-8") + "\n"
    extractor = SentencesExtractor()

    def best(text: str) -> float:
        doc = Article.from_text(text)
        doc = doc.with_layers(SectionsExtractor().extract(doc))
        return best_cpu_seconds(lambda: extractor.extract(doc))

    small, large = best(unit * 10), best(unit * 100)
    assert large < 30 * small, f"10x input took {large / small:.1f}x time"


# -- over-long sentences ------------------------------------------------------------------


@given(
    st.text(alphabet="ab ,;)\n\u2014", min_size=1, max_size=300).map(str.strip),
    st.integers(min_value=1, max_value=40),
)
def test_over_long_ranges_become_trimmed_pieces_within_the_limit(text: str, limit: int) -> None:
    from newsparse.plugins._structure import cap_lengths

    if not text:
        return
    pieces = cap_lengths(text, [(0, len(text))], limit)
    assert all(0 <= a < b <= len(text) and b - a <= limit for a, b in pieces)
    assert all(left[1] <= right[0] for left, right in itertools.pairwise(pieces))
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in pieces)
    covered = {k for a, b in pieces for k in range(a, b)}
    assert all(text[k].isspace() for k in range(len(text)) if k not in covered)


def test_a_run_on_sentence_is_cut_after_commas_into_bounded_pieces() -> None:
    text = "Ada Brook praised Carl Dunn, " * 300 + "and the talks ended."
    doc = Pipeline.build(entry_points=False, disable=["entities", "quotes", "stance"]).parse(text)
    lengths = [s.end - s.start for s in doc.sentences]
    assert len(lengths) > 4 and max(lengths) <= 2000
    assert all(s.text.endswith(",") for s in doc.sentences[:-1])
    assert doc.sentences[-1].text.endswith("the talks ended.")
    # Nothing but the spaces between pieces is left out.
    assert doc.sentences[0].start == 0 and doc.sentences[-1].end == len(text)
    assert all(text[a.end : b.start] == " " for a, b in itertools.pairwise(doc.sentences))


def test_max_chars_is_configurable_and_validated() -> None:
    from newsparse import ConfigError

    text = "One clause here; another clause there; " * 10 + "the end."
    doc = Pipeline.build(
        entry_points=False,
        disable=["entities", "quotes", "stance"],
        config={"sentences": {"max_chars": 60}},
    ).parse(text)
    assert max(s.end - s.start for s in doc.sentences) <= 60
    assert all(s.text.endswith(";") for s in doc.sentences[:-1])
    with pytest.raises(ConfigError):
        Pipeline.build(entry_points=False, config={"sentences": {"max_chars": 10}})


def test_over_long_sentences_are_cut_and_short_ones_kept() -> None:
    from newsparse.plugins._structure import cap_lengths

    text = "word " * 30
    short = [(0, 4), (5, 9)]
    assert cap_lengths(text, short, 50) == short
    pieces = cap_lengths(text, [(0, len(text) - 1)], 50)
    assert len(pieces) > 1 and all(0 < e - s <= 50 for s, e in pieces)
