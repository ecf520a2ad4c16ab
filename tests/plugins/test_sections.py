"""Tests of the built-in ``sections`` extractor (title, byline, dateline, sections, paragraphs)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pluggy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from newsparse import Article, ArticleMeta, Pipeline
from newsparse.plugins.sections import SectionsConfig, SectionsExtractor
from newsparse.testing import article_texts, assert_spans_valid, best_cpu_seconds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# A first paragraph that is too long for a sentence-case headline.
OPENING = "Officials said on Monday that the plan, first floated years ago, would go ahead soon."


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _sections(text: str, *, fmt: str = "text", hint: str | None = None, **config: Any) -> Article:
    """Run the sections extractor alone; ``with_layers`` validates every span."""
    doc = Article.from_text(text, meta=ArticleMeta(format=fmt, title_hint=hint))
    return doc.with_layers(SectionsExtractor(SectionsConfig(**config)).extract(doc))


def _headings(doc: Article) -> list[str]:
    return [s.heading.text for s in doc.sections if s.heading is not None]


def _structure_only(pm: pluggy.PluginManager) -> Pipeline:
    """A pipeline of the built-ins with everything but sections/sentences disabled."""
    names = {cls.name for found in pm.hook.newsparse_extractors() for cls in found}
    return Pipeline.build(pm=pm, disable=tuple(sorted(names - {"sections", "sentences"})))


# -- the seed article (read from ../shared when present) -------------------------


def test_seed_sections_match_the_hand_reading(seed_text: str, pm: pluggy.PluginManager) -> None:
    doc = _structure_only(pm).parse(seed_text, format="text")
    assert doc.title is None
    assert _headings(doc) == [
        "Key Facts",
        "Quick Summary",
        "Kim Jong-un's New Year Address",
        "Strategic Media Focus on Russia",
        "Future of the Pyongyang-Moscow Axis",
    ]
    assert [s.kind for s in doc.sections] == ["key_facts", "summary", "body", "body", "body"]
    key_facts = doc.sections[0]
    assert len(key_facts.items) == 3
    assert all(not i.text.lstrip().startswith("•") for i in key_facts.items)
    assert key_facts.items[0].text.startswith("North Korean leader Kim Jong-un praised")
    # 2 summary + 9 body paragraphs; the bullets are items, not paragraphs.
    assert len(doc.paragraphs) == 11
    assert all(p.start >= key_facts.end for p in doc.paragraphs)
    # The emoji line is neither a heading nor a paragraph.
    emoji = seed_text.index("\U0001f4cb")
    assert all(not (p.start <= emoji < p.end) for p in doc.paragraphs)
    assert doc.sections[0].start > emoji


def test_seed_with_crlf_and_bom_gives_the_same_structure(seed_text: str) -> None:
    plain = _sections(seed_text)
    crlf = _sections("\ufeff" + seed_text.replace("\n", "\r\n"))
    assert _headings(crlf) == _headings(plain)
    assert [p.text for p in crlf.paragraphs] == [p.text for p in plain.paragraphs]


# -- plain-text digest ---------------------------------------------------------


def test_digest_headings_kinds_and_items() -> None:
    doc = _sections(_fixture("structure_digest.txt"))
    assert doc.title is None
    assert _headings(doc) == ["Key Points", "TL;DR", "A Long Road to Approval", "What Comes Next"]
    assert [s.kind for s in doc.sections] == ["key_facts", "summary", "body", "body"]
    items = [i.text for i in doc.sections[0].items]
    assert items == [
        "The harbour authority approved a new ferry route between Northport and Eastbay.",
        "Officials expect the first crossings to start in the spring.",
        "Fares will be capped at 3.5 euros for residents.",
    ]


def test_digest_emoji_prefixed_heading_span_leaves_out_the_emoji() -> None:
    text = _fixture("structure_digest.txt")
    doc = _sections(text)
    heading = doc.sections[0].heading
    assert heading is not None
    assert text[heading.start - 2 : heading.start] == "\U0001f4cc "
    # The section still starts at its line (emoji included).
    assert text[doc.sections[0].start :].startswith("\U0001f4cc Key Points")


def test_digest_paragraphs_exclude_headings_items_and_emoji_lines() -> None:
    doc = _sections(_fixture("structure_digest.txt"))
    texts = [p.text for p in doc.paragraphs]
    assert len(texts) == 5
    assert texts[0].startswith("The ferry link ends")
    assert texts[3].startswith("Local groups kept the idea alive")  # indented block
    assert all(t == t.strip() for t in texts)
    assert not any("\U0001f5de" in t for t in texts)


def test_crlf_and_bom_offsets_index_the_exact_text() -> None:
    text = "\ufeff" + _fixture("structure_digest.txt").replace("\n", "\r\n")
    doc = _sections(text)
    assert_spans_valid(doc)
    assert _headings(doc) == ["Key Points", "TL;DR", "A Long Road to Approval", "What Comes Next"]
    assert len(doc.paragraphs) == 5
    for where, span in doc.iter_spans():
        assert "\r" not in span.text.splitlines()[-1] if span.text else True, where
        assert span.text == span.text.strip(), where
    assert doc.sections[0].items[2].text == "Fares will be capped at 3.5 euros for residents."


# -- Markdown ------------------------------------------------------------------


def test_markdown_title_byline_dateline_and_sections() -> None:
    text = _fixture("structure_markdown.md")
    doc = _sections(text, fmt="markdown")
    assert doc.title is not None and doc.title.text == "Harbour Vote Opens the Way for a Ferry"
    assert text[doc.title.start - 2 : doc.title.start] == "# "
    assert doc.byline is not None
    assert doc.byline.text == "By Lena Brook and TOMAS REY, Coastal Wire"
    assert doc.dateline is not None and doc.dateline.text == "NORTHPORT, Jan. 5 (Coastal Wire) —"
    assert [s.kind for s in doc.sections] == ["title", "lede", "key_facts", "summary", "body"]
    assert _headings(doc) == ["Highlights", "Quick Summary", "Reaction in Eastbay"]
    assert [i.text for i in doc.sections[2].items] == [
        "A ferry will link the two towns from spring.",
        "Tickets will cost less than a bus fare.",
        "Residents get a discount.",
    ]
    assert [i.text for i in doc.sections[3].items] == [
        "The vote passed by seven to two.",
        "Work on the terminals starts in January.",
    ]
    # The hard-wrapped lede stays one paragraph; the bullets are not paragraphs.
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0].text.endswith("ending years of delay.")


def test_markdown_heading_span_excludes_hashes_and_closing_hashes() -> None:
    doc = _sections(f"{OPENING}\n\n### Key Takeaways ##\n\n- One point.\n", fmt="markdown")
    section = doc.sections[-1]
    assert section.kind == "key_facts"
    assert section.heading is not None and section.heading.text == "Key Takeaways"
    assert doc.text[section.start : section.start + 4] == "### "


def test_markdown_setext_and_bold_headings() -> None:
    text = (
        f"{OPENING}\n\nBackground\n----------\n\nThe story so far.\n\n**Key Facts**\n\n* A fact.\n"
    )
    doc = _sections(text, fmt="markdown")
    assert _headings(doc) == ["Background", "Key Facts"]
    assert doc.sections[-1].kind == "key_facts"
    assert [p.text for p in doc.paragraphs] == [
        OPENING,
        "The story so far.",
    ]


# -- wire story ----------------------------------------------------------------


def test_wire_story_title_byline_dateline() -> None:
    doc = _sections(_fixture("structure_wire.txt"))
    assert doc.title is not None
    assert doc.title.text == "Senator Rejects Budget Deal as Deadline Nears"
    assert doc.byline is not None and doc.byline.text == "By JANE DOE and JOHN ROE, Reuters"
    assert doc.dateline is not None and doc.dateline.text == "WASHINGTON (AFP) \u2013"
    assert doc.paragraphs[0].start == doc.dateline.start
    assert [s.kind for s in doc.sections] == ["title", "lede"]
    assert len(doc.paragraphs) == 3
    # The title section covers the title and its byline.
    assert doc.sections[0].end == doc.byline.end


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("LONDON, Jan 5 (Reuters) - Shares fell.", "LONDON, Jan 5 (Reuters) -"),
        ("PYONGYANG — The leader spoke.", "PYONGYANG —"),
        ("Washington (AFP) \u2013 Talks resumed.", "Washington (AFP) \u2013"),
        (
            "HEMPSTEAD, N.Y., Sept. 26 (UPI) — A candidate left.",
            "HEMPSTEAD, N.Y., Sept. 26 (UPI) —",
        ),
        ("NEW YORK (CNN) -- Stocks rose.", "NEW YORK (CNN) --"),
        ("Kim (left) — spoke first.", None),
        ("EXCLUSIVE \u2013 A leak emerged.", None),
        ("The president — a veteran — spoke.", None),
    ],
)
def test_datelines(opening: str, dateline: str | None) -> None:
    doc = _sections(f"A Headline for the Story\n\n{opening}\n\nMore text follows here.\n")
    assert (doc.dateline.text if doc.dateline else None) == dateline


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jane Doe", True),
        ("By JANE DOE and JOHN ROE, Reuters", True),
        ("By Jane Doe, Staff Writer", True),
        ("By the way, nobody expected this", False),
        ("By Tuesday the talks had collapsed and everyone had gone home for good.", False),
    ],
)
def test_bylines(line: str, byline: bool) -> None:
    doc = _sections(f"Talks Collapse in Geneva\n\n{line}\n\nThe talks ended without a deal.\n")
    assert (doc.byline is not None and doc.byline.text == line) is byline


# -- titles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Senate Passes Budget After Long Night", True),
        ("Poll: Wealthy Voters Abandon Party for Rival.", True),  # corpora add full stops
        ("Green candidate removed from debate site by police.", True),
        ("Is This the Last Judge Obama Will Name?", True),
        ("Jobs report gives Democrats a lift;", True),
        ("Key Facts", False),  # a section label
        ("\U0001f4cb", False),  # emoji only
        ("By Jane Doe", False),  # a byline
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", False),  # a dateline
        ("the lower-case start of a paragraph", False),
        (
            "The president told reporters on Tuesday that he had no plans to attend the "
            "summit next month.",
            False,
        ),  # a long sentence-case lede
        ("Your daily look at the news:", False),
    ],
)
def test_titles(first: str, title: bool) -> None:
    doc = _sections(f"{first}\n\nThe story goes on here with more detail.\n")
    assert (doc.title is not None and doc.title.text == first) is title
    if not title:
        assert doc.title is None


def test_title_after_a_byte_order_mark_and_crlf() -> None:
    text = "\ufeffSenate Passes Budget\r\n\r\nBy Jane Doe\r\n\r\nThe vote was 51-49.\r\n"
    doc = _sections(text)
    assert doc.title is not None and doc.title.start == 1
    assert doc.title.text == "Senate Passes Budget"
    assert doc.byline is not None and doc.byline.text == "By Jane Doe"
    assert [p.text for p in doc.paragraphs] == ["The vote was 51-49."]


def test_title_with_dek_on_the_next_line() -> None:
    doc = _sections(
        "Jobs report gives Democrats a lift; \nSolid upturn could blunt claims.\n\nBody."
    )
    assert doc.title is not None and doc.title.text == "Jobs report gives Democrats a lift;"
    assert doc.paragraphs[0].text == "Solid upturn could blunt claims."


def test_hard_wrapped_first_paragraph_is_not_a_title() -> None:
    text = (
        "The committee met on Tuesday to discuss the plan that the mayor had put\n"
        "forward, but no vote was taken.\n\nMore text.\n"
    )
    assert _sections(text).title is None


def test_one_line_text_has_no_title() -> None:
    doc = _sections("Senate Passes Budget")
    assert doc.title is None
    assert [p.text for p in doc.paragraphs] == ["Senate Passes Budget"]


def test_title_hint_makes_the_first_line_the_title() -> None:
    first = (
        "This first line is long and ends with a full stop, but the metadata says it is the title."
    )
    doc = _sections(f"{first}\n\nBody text.\n", fmt="html", hint=first.upper())
    assert doc.title is not None and doc.title.text == first


def test_title_max_words_config() -> None:
    text = "Senate Passes Budget After a Very Long Night\n\nBody text.\n"
    assert _sections(text).title is not None
    assert _sections(text, title_max_words=4).title is None


# -- headings ------------------------------------------------------------------


def test_heading_rules_in_plain_text() -> None:
    text = (
        f"{OPENING}\n\n"
        "\U0001f4ca\n\n"  # emoji-only: not a heading
        "the vote was close\n\n"  # sentence case: a short paragraph, not a heading
        "Reaction From Both Towns\n\n"  # Title Case, standalone: a heading
        "People cheered.\n"
        "Not A Heading Inside A Block\n"
        "More prose.\n\n"
        "\U0001f50e What it means\n\n"  # emoji-prefixed: a heading even in sentence case
        "It means a ferry.\n\n"
        "Closing Words Without Body"  # at the very end: not a heading
    )
    doc = _sections(text)
    assert _headings(doc) == ["Reaction From Both Towns", "What it means"]
    assert "the vote was close" in [p.text for p in doc.paragraphs]
    assert doc.paragraphs[-1].text == "Closing Words Without Body"


@pytest.mark.parametrize(
    "line",
    ["What Ideology?", '"Nooooo!"', "(END VIDEO CLIP.)", "Sides With Bush On \u2018Islam.\u2019"],
)
def test_standalone_lines_with_final_punctuation_are_not_headings(line: str) -> None:
    doc = _sections(f"{OPENING}\n\n{line}\n\nThe story goes on.\n")
    assert _headings(doc) == []
    assert line in [p.text for p in doc.paragraphs]


def test_page_furniture_is_neither_heading_nor_paragraph() -> None:
    doc = _sections(f'{OPENING}\n\nAdvertisement\n\n"Related:"\n\nThe story goes on.\n')
    assert _headings(doc) == []
    assert [p.text for p in doc.paragraphs] == [OPENING, "The story goes on."]


def test_label_directly_followed_by_bullets_or_prose() -> None:
    text = f"{OPENING}\n\nKey Facts:\n- One.\n- Two.\nSummary\nIt was a day.\n"
    doc = _sections(text)
    assert _headings(doc) == ["Key Facts", "Summary"]
    assert [s.kind for s in doc.sections] == ["other", "key_facts", "summary"]
    assert [i.text for i in doc.sections[1].items] == ["One.", "Two."]
    assert doc.paragraphs[-1].text == "It was a day."
    glued = _sections(f"{OPENING}\nKey Facts:\n- One.\n")
    assert _headings(glued) == ["Key Facts"]
    assert [p.text for p in glued.paragraphs] == [OPENING]


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Key Facts", "key_facts"),
        ("KEY POINTS", "key_facts"),
        ("Highlights", "key_facts"),
        ("Key Takeaways", "key_facts"),
        ("At a glance", "key_facts"),
        ("In Brief", "key_facts"),
        ("Quick Summary", "summary"),
        ("Summary", "summary"),
        ("TL;DR", "summary"),
        ("Overview", "summary"),
        ("In short", "summary"),
        ("Background", "body"),
    ],
)
def test_section_kinds_from_labels(label: str, kind: str) -> None:
    doc = _sections(f"{OPENING}\n\n{label}\n\nSome text.\n")
    assert doc.sections[-1].kind == kind
    assert doc.sections[-1].heading is not None
    assert doc.sections[-1].heading.text == label


# -- bullets and paragraphs ----------------------------------------------------


@pytest.mark.parametrize("glyph", ["•", "-", "*", "+", "▪", "►", "1.", "2)", "◦"])
def test_bullet_glyphs_and_indentation_are_excluded(glyph: str) -> None:
    doc = _sections(f"Key Facts\n\n   {glyph}  First fact.\n   {glyph}  Second fact.\n")
    assert [i.text for i in doc.sections[0].items] == ["First fact.", "Second fact."]
    assert doc.paragraphs == ()


def test_bullet_continuation_lines_stay_in_the_item() -> None:
    text = (
        "Key Facts\n\n- First fact that goes on\n  over two lines.\n- Second fact.\n"
        "A new paragraph.\n"
    )
    doc = _sections(text)
    items = [i.text for i in doc.sections[0].items]
    assert items == ["First fact that goes on\n  over two lines.", "Second fact."]
    assert [p.text for p in doc.paragraphs] == ["A new paragraph."]


def test_indentation_separated_paragraphs() -> None:
    text = (
        "    The first paragraph starts here and\n"
        "continues on this line.\n"
        "    The second paragraph is indented too.\n"
    )
    doc = _sections(text)
    assert [p.text for p in doc.paragraphs] == [
        "The first paragraph starts here and\ncontinues on this line.",
        "The second paragraph is indented too.",
    ]


def test_unwrapped_lines_are_paragraphs_but_wrapped_lines_are_not() -> None:
    long = "This line is a whole paragraph because it runs far past any wrapping width " * 2
    doc = _sections(f"{long.strip()}.\nA short follow-up paragraph.\n{long.strip()}.\n")
    assert len(doc.paragraphs) == 3
    wrapped = "A short line that wraps\nonto a second short line.\n"
    assert len(_sections(wrapped).paragraphs) == 1
    assert len(_sections(wrapped, line_paragraphs="always").paragraphs) == 2
    assert len(_sections(f"{long}\n{long}\n", line_paragraphs="never").paragraphs) == 1


def test_html_format_puts_one_paragraph_on_each_line() -> None:
    doc = _sections("First paragraph.\nSecond paragraph.\nThird paragraph.\n", fmt="html")
    assert [p.text for p in doc.paragraphs] == [
        "First paragraph.",
        "Second paragraph.",
        "Third paragraph.",
    ]


def test_html_reader_output(pm: pluggy.PluginManager) -> None:
    pytest.importorskip("trafilatura")
    html = (
        "<html><head><title>Ferry Vote Passes</title></head><body><article>"
        "<h1>Ferry Vote Passes</h1>"
        "<p>NORTHPORT (Coastal Wire) — The harbour authority approved a ferry route on "
        "Monday after a long debate that lasted well into the night.</p>"
        "<h2>Key Facts</h2><ul><li>The route opens in spring this year.</li>"
        "<li>Fares are capped for all residents.</li></ul>"
        "<h2>What Comes Next</h2><p>Construction of the two terminals begins in January "
        "and should take about a year to complete.</p></article></body></html>"
    )
    doc = _structure_only(pm).parse(html, format="html")
    assert doc.meta.format == "html"
    kinds = {s.heading.text: s.kind for s in doc.sections if s.heading is not None}
    assert kinds.get("Key Facts") == "key_facts"
    key_facts = next(s for s in doc.sections if s.kind == "key_facts")
    assert [i.text for i in key_facts.items] == [
        "The route opens in spring this year.",
        "Fares are capped for all residents.",
    ]
    assert any(p.text.startswith("Construction of the two") for p in doc.paragraphs)


def test_json_record_title_is_the_title(pm: pluggy.PluginManager) -> None:
    record = '{"title": "Ferry vote passes after a long debate.", "text": "The vote passed."}'
    doc = _structure_only(pm).parse(record, format="json")
    assert doc.title is not None and doc.title.text == "Ferry vote passes after a long debate."


# -- sections as a whole -------------------------------------------------------


def test_sections_are_ordered_and_cover_heading_and_body() -> None:
    text = _fixture("structure_markdown.md")
    doc = _sections(text, fmt="markdown")
    for before, after in zip(doc.sections, doc.sections[1:], strict=False):
        assert before.end <= after.start
    for section in doc.sections:
        if section.heading is not None:
            assert section.start <= section.heading.start < section.heading.end <= section.end
        for item in section.items:
            assert section.start <= item.start <= item.end <= section.end
    last = doc.sections[-1]
    assert last.end == len(text.rstrip())


def test_no_title_gives_an_other_section() -> None:
    doc = _sections("the story starts in lower case.\n\nAnd goes on.\n")
    assert [s.kind for s in doc.sections] == ["other"]


def test_empty_and_blank_texts_have_no_layers() -> None:
    for text in ("", "   \n\n\t", "\ufeff", "\U0001f4cb\n\n---\n", "# \U0001f4cb\n\n## ***\n"):
        doc = _sections(text)
        assert doc.title is None and doc.sections == () and doc.paragraphs == ()


# -- plugin contract -----------------------------------------------------------


def test_plugin_contributes_the_extractor(pm: pluggy.PluginManager) -> None:
    found = [cls for classes in pm.hook.newsparse_extractors() for cls in classes]
    assert SectionsExtractor in found
    assert SectionsExtractor.requires == ()
    assert SectionsExtractor.provides == ("title", "byline", "dateline", "sections", "paragraphs")
    pipeline = _structure_only(pm)
    assert [e.name for e in pipeline.extractors] == ["sections", "sentences"]


def test_config_is_validated(pm: pluggy.PluginManager) -> None:
    with pytest.raises(ValidationError):
        SectionsConfig.model_validate({"line_paragraphs": "sometimes"})
    with pytest.raises(ValidationError):
        SectionsConfig(wrap_width=0)
    names = {cls.name for found in pm.hook.newsparse_extractors() for cls in found}
    disable = tuple(sorted(names - {"sections", "sentences"}))
    pipeline = Pipeline.build({"sections": {"title_max_words": 3}}, pm=pm, disable=disable)
    assert pipeline.parse("Senate Passes Budget Tonight\n\nBody.", format="text").title is None


# -- properties ----------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), article_texts()))
def test_any_text_gives_valid_ordered_layers(text: str) -> None:
    doc = _sections(text)  # with_layers raises on any span that does not match
    assert_spans_valid(doc)
    starts = [p.start for p in doc.paragraphs]
    assert starts == sorted(starts)
    for a, b in zip(doc.paragraphs, doc.paragraphs[1:], strict=False):
        assert a.end <= b.start
    for before, after in zip(doc.sections, doc.sections[1:], strict=False):
        assert before.end <= after.start
    for p in doc.paragraphs:
        assert p.text and p.text == p.text.strip()
    if doc.dateline is not None:
        assert doc.paragraphs and doc.dateline.start == doc.paragraphs[0].start


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from("ab #-*•\n\r\t.📋K"), max_size=200))
def test_markup_heavy_text_gives_valid_layers(text: str) -> None:
    assert_spans_valid(_sections(text, fmt="markdown"))


def test_time_grows_linearly_with_text_length() -> None:
    unit = _fixture("structure_digest.txt") + "\n" + _fixture("structure_wire.txt") + "\n"
    extractor = SectionsExtractor()

    def best(text: str) -> float:
        doc = Article.from_text(text)
        return best_cpu_seconds(lambda: extractor.extract(doc))

    small, large = best(unit * 10), best(unit * 100)
    assert large < 30 * small, f"10x input took {large / small:.1f}x time"


# -- the guide -----------------------------------------------------------------


def test_structure_guide_examples_run() -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "guides" / "structure.md"
    blocks = re.findall(r"^```python\n(.*?)^```", page.read_text("utf-8"), re.M | re.S)
    assert blocks
    namespace: dict[str, Any] = {}
    for i, code in enumerate(blocks, 1):
        exec(compile(code, f"structure.md python block {i}", "exec"), namespace)


def test_benchmark_runs_on_a_tiny_sample(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (shared_dir / "data" / "polnear" / "dev" / "text").is_dir():
        pytest.skip("PolNeAR dev texts not present")
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_sections.py"
    spec = importlib.util.spec_from_file_location("bench_sections", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--limit", "3", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "title accuracy" in out and "CPU ms/article" in out  # figures printed, not asserted


def test_sections_built_without_validation_equal_validated_ones() -> None:
    import pydantic

    from newsparse import Section
    from newsparse.plugins._structure.models import new_section

    doc = Article.from_text("Key facts\n\n- one\n- two\n")
    heading, items = doc.span(0, 9), (doc.span(13, 16), doc.span(19, 22))
    fast = new_section("key_facts", heading, 0, 22, items)
    slow = Section(kind="key_facts", heading=heading, start=0, end=22, items=items)
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump() == slow.model_dump()
    # values that may be invalid are validated, and rejected as the constructor does
    for bad in (("chapter", 0, 22), ("body", -1, 22), ("body", 0, -5)):
        kind, start, end = bad
        with pytest.raises(pydantic.ValidationError):
            new_section(kind, None, start, end, ())


# The ASCII fast paths of the label helpers give what the Unicode patterns give.
_LABEL_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ9 _;&:*#-.'\t\u2019\u00e9\u0301\u4e00\U0001f4cc!")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_LABEL_TEXT, st.text(max_size=30)))
def test_label_helpers_match_their_unicode_definitions(line: str) -> None:
    import regex

    from newsparse.plugins._structure import labels

    strip_re = regex.compile(r"[^\p{L}\p{N};&]+")
    word_re = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019.\-]*")
    decor_re = regex.compile(r"[^\p{L}\p{N}]*+\Z")
    assert labels.normalise_label(line) == strip_re.sub(" ", line).strip().casefold()
    assert labels.count_words(line) == len(word_re.findall(line))
    assert labels.is_decor(line) == (decor_re.match(line) is not None)
    emoji_re = regex.compile(
        r"(?:[\p{Extended_Pictographic}\p{So}\p{Regional_Indicator}]"
        r"[\p{Mn}\p{Me}\p{Sk}\u200d\ufe0f\U0001F3FB-\U0001F3FF]*+)++[\s:\-\u2013\u2014|]*+"
    )
    found = emoji_re.match(line)
    assert labels.emoji_prefix_end(line) == (found.end() if found else 0)


def test_quoted_prose_lines_are_text_and_symbol_lines_decoration() -> None:
    from newsparse.plugins._structure.lines import DECOR, TEXT, scan_lines

    kinds = [
        line.kind for line in scan_lines("“We will,” she said.\n\n“ … ”\n\n(Reuters) wrote.\n")
    ]
    assert kinds == [TEXT, DECOR, TEXT]
