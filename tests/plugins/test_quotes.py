# ruff: noqa: RUF001  (quotation marks are the subject here)
"""Tests of the built-in ``quotes`` extractor (own fixtures; corpora only read)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Article, Entity, Mention, Pipeline, Quote
from newsparse.plugins import quotes as quotes_plugin
from newsparse.plugins.quotes import QuoteExtractor, QuotesConfig, find_quotes
from newsparse.testing import best_cpu_seconds

ROOT = Path(__file__).resolve().parents[2]


def run(text: str, **config: object) -> tuple[Quote, ...]:
    doc = Article.from_text(text)
    return find_quotes(doc, QuotesConfig(**config))  # type: ignore[arg-type]


def one(text: str, **config: object) -> Quote:
    found = [q for q in run(text, **config) if q.kind != "scare"]
    assert len(found) == 1, found
    return found[0]


def with_entities(text: str, *names: tuple[str, str]) -> Article:
    """An article whose entities are every occurrence of each (name, type)."""
    doc = Article.from_text(text)
    entities = []
    for n, (name, etype) in enumerate(names, 1):
        mentions = []
        start = text.find(name)
        while start >= 0:
            mentions.append(doc.typed_span(Mention, start, start + len(name)))
            start = text.find(name, start + 1)
        entities.append(Entity(id=f"E{n}", name=name, type=etype, mentions=tuple(mentions)))  # type: ignore[arg-type]
    return doc.with_layers({"entities": entities})


# --------------------------------------------------------------------------- contract


def test_extractor_declaration_and_hook() -> None:
    assert QuoteExtractor.name == "quotes"
    assert QuoteExtractor.requires == ("sentences", "entities")
    assert QuoteExtractor.provides == ("quotes",)
    assert quotes_plugin.newsparse_extractors() == [QuoteExtractor]
    QuoteExtractor.check_declaration()


def test_config_fields_have_descriptions() -> None:
    for name, field in QuotesConfig.model_fields.items():
        assert field.description, name


def test_pipeline_fills_quotes_layer() -> None:
    pipeline = Pipeline.build(entry_points=False)
    doc = pipeline.parse('"We will rebuild the bridge," the mayor said on Monday.\n')
    assert [q.kind for q in doc.quotes] == ["direct"]
    assert doc.quotes[0].speaker is not None
    assert doc.quotes[0].speaker.text == "the mayor"


# --------------------------------------------------------------------------- direct


def test_direct_quote_after_cue_pronoun() -> None:
    q = one('"The harbour will reopen next week," she said.')
    assert q.kind == "direct"
    assert q.content[0].text == '"The harbour will reopen next week,"'
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "she"


def test_direct_quote_inverted_speaker() -> None:
    q = one("“Prices are falling,” said Maria Lopez, an economist at the bank.")
    assert q.speaker is not None and q.speaker.text == "Maria Lopez"
    assert q.source_type == "named"


def test_direct_quote_with_cue_before() -> None:
    q = one("The minister told reporters: “There will be no new taxes.”")
    assert q.cue is not None and q.cue.text == "told"
    assert q.speaker is not None and q.speaker.text == "The minister"


def test_all_quotation_mark_styles() -> None:
    for opening, closing in (("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("‘", "’")):
        text = f"{opening}We are ready for the storm,{closing} the captain said."
        q = one(text)
        assert q.kind == "direct", opening
        assert "ready for the storm" in q.content[0].text


def test_interrupted_quote_has_two_content_spans() -> None:
    text = '"When I use a word," Humpty said, "it means just what I choose it to mean."'
    q = one(text)
    assert [c.text for c in q.content] == [
        '"When I use a word,"',
        '"it means just what I choose it to mean."',
    ]
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "Humpty"


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "The coach faced the press after the match.\n\n"
        "“We lost the first half badly and I told the players so.\n\n"
        "“In the second half they showed what they can do,” he said.\n"
    )
    q = one(text)
    assert len(q.content) == 2
    assert q.content[0].text.startswith("“We lost")
    assert q.content[1].text.endswith("do,”")
    assert q.speaker is not None and q.speaker.text == "he"


@pytest.mark.parametrize(
    "text",
    [
        "They don't know what we're doing and it isn't fair.",
        "Kim Jong-un's speech was long and Xi Jinping's was short.",
        "Music from the '90s is back, along with rock 'n' roll.",
        "The voters' choice was clear; the players' union agreed.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert [q for q in run(text) if q.kind in ("direct", "scare", "mixed")] == []


def test_scare_quote() -> None:
    quotes = run("The 'invincible' friendship of the two nations is ten years old.")
    scare = [q for q in quotes if q.kind == "scare"]
    assert len(scare) == 1
    assert scare[0].content[0].text == "'invincible'"
    assert scare[0].speaker is None and scare[0].cue is None
    assert scare[0].source_type == "unattributed"


def test_scare_max_words_zero_keeps_short_quotes_direct() -> None:
    text = "Outside hung a banner. 'Welcome home.' Nobody cheered."
    assert [q.kind for q in run(text)] == ["scare"]
    assert [q.kind for q in run(text, scare_max_words=0)] == ["direct"]
    # An uncued fragment that is not a sentence is neither.
    assert run("The 'invincible' friendship is ten years old.", scare_max_words=0) == ()


def test_max_chars_drops_long_quotations() -> None:
    text = '"' + "word " * 50 + '," he said.'
    assert [q for q in run(text, max_chars=100) if q.kind == "direct"] == []
    assert [q.kind for q in run(text)] == ["direct"]


# --------------------------------------------------------------------------- indirect


def test_indirect_said_that() -> None:
    q = one("The governor said that the bridge would reopen in May.")
    assert q.kind == "indirect"
    # PolNeAR's convention: the content keeps the complementizer.
    assert q.content[0].text == "that the bridge would reopen in May."
    assert q.speaker is not None and q.speaker.text == "The governor"


def test_indirect_told_reporters_noun_cue() -> None:
    q = one("He told reporters that the talks had collapsed.")
    assert q.cue is not None and q.cue.text == "told"
    assert q.speaker is not None and q.speaker.text == "He"
    assert q.content[0].text.startswith("that the talks had collapsed")


def test_indirect_post_posed_speaker() -> None:
    q = one("The reform will cut waiting times in half, the minister said.")
    assert q.content[0].text == "The reform will cut waiting times in half"
    assert q.speaker is not None and q.speaker.text == "the minister"


def test_according_to_anonymous_source() -> None:
    q = one("According to officials, the dam will be repaired by spring.")
    assert q.cue is not None and "according to" in q.cue.text.lower()
    assert q.speaker is not None and q.speaker.text == "officials"
    assert q.content[0].text.startswith("the dam will be repaired")
    assert q.source_type == "anonymous"


def test_cognition_verbs_and_anonymous_sources() -> None:
    for text, speaker in [
        ("Observers noted that the parade was smaller than last year.", "Observers"),
        ("Experts believe the drought will last another year.", "Experts"),
        (
            "Diplomats following the talks warned that a deal was still far off.",
            "Diplomats following the talks",
        ),
    ]:
        q = one(text)
        assert q.speaker is not None and q.speaker.text == speaker
        assert q.source_type == "anonymous", text


def test_passive_cue_by_source() -> None:
    q = one("The decision was interpreted by local analysts as a sign of weakness.")
    assert q.cue is not None and q.cue.text == "interpreted"
    assert q.speaker is not None and q.speaker.text == "local analysts"
    assert q.source_type == "anonymous"


def test_mixed_quote() -> None:
    q = one('The senator said the budget was "dead on arrival" and would not pass.')
    assert q.kind == "mixed"
    assert '"dead on arrival"' in q.content[0].text


# --------------------------------------------------------------------------- speakers


def test_pronoun_resolves_to_preceding_person() -> None:
    text = (
        "Anna Berg met the striking workers in Oslo on Monday.\n\n"
        '"Nobody will lose their job," she said.\n'
    )
    doc = with_entities(text, ("Anna Berg", "PERSON"), ("Oslo", "GPE"))
    (q,) = find_quotes(doc)
    assert q.speaker is not None and q.speaker.text == "she"
    assert q.speaker.entity == "E1"
    assert q.source_type == "named"


def test_named_speaker_linked_and_unlinked_without_entities() -> None:
    text = '"We will appeal," said Tom Reyes.'
    doc = with_entities(text, ("Tom Reyes", "PERSON"))
    (q,) = find_quotes(doc)
    assert q.speaker is not None and q.speaker.entity == "E1"
    plain = one(text)
    assert plain.speaker is not None and plain.speaker.entity is None
    assert plain.source_type == "named"


def test_description_kept_as_speaker_span() -> None:
    text = (
        "The Daily Courier reported on Friday. The influential paper said the mayor had resigned."
    )
    doc = with_entities(text, ("The Daily Courier", "ORG"))
    found = [q for q in find_quotes(doc) if q.speaker and q.speaker.text == "The influential paper"]
    assert found, find_quotes(doc)


def test_ids_are_sequential_and_spans_valid() -> None:
    text = (
        '"First," he said. The board said the vote was close. '
        "According to analysts, prices will rise. Their 'bold' plan failed."
    )
    quotes = run(text)
    assert [q.id for q in quotes] == [f"Q{i}" for i in range(1, len(quotes) + 1)]
    Article.from_text(text).with_layers({"quotes": quotes})  # validates every span


# --------------------------------------------------------------------------- robustness


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises_and_spans_are_valid(text: str) -> None:
    doc = Article.from_text(text)
    quotes = QuoteExtractor().extract(doc)["quotes"]
    checked = doc.with_layers({"quotes": quotes})
    for q in checked.quotes:
        for part in q.content:
            assert text[part.start : part.end] == part.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(['"', "“", "”", "'", "‘", "’", "said", "he", " ", ".", "\n\n", ",", "x"]),
        max_size=60,
    )
)
def test_quote_mark_soup_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    doc = Article.from_text(text)
    doc.with_layers({"quotes": find_quotes(doc)})


@pytest.mark.parametrize("text", ["“Ok” -- , he said.", "“We won.” — , and more", '“d"-- ,'])
def test_dash_after_quotation_without_a_name_is_no_signature(text: str) -> None:
    # A dash then no capitalised name used to give a reversed (end before start) speaker.
    doc = Article.from_text(text)
    checked = doc.with_layers({"quotes": find_quotes(doc)})
    assert all(q.speaker is None or q.speaker.start < q.speaker.end for q in checked.quotes)


def test_dash_signature_still_names_the_speaker() -> None:
    q = one("“We will rebuild the bridge.” — Jane Doe")
    assert q.speaker is not None and q.speaker.text == "Jane Doe"
    assert q.cue is not None and q.cue.text == "—"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["“", "”", '"', "--", "—", "―", ",", ".", " ", "said", "Jane", "d", ":"]),
        max_size=30,
    )
)
def test_quote_and_dash_soup_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    doc = Article.from_text(text)
    doc.with_layers({"quotes": find_quotes(doc)})


def _timed(text: str) -> float:
    doc = Article.from_text(text)
    return best_cpu_seconds(lambda: find_quotes(doc), runs=3)


def test_time_grows_linearly() -> None:
    unit = (
        'The mayor said the plan would work. "We are ready," she said. '
        "According to officials, it will cost more. Their 'bold' idea failed.\n\n"
    )
    small = _timed(unit * 40)
    large = _timed(unit * 400)
    assert large < 30 * max(small, 1e-4)


def test_unbalanced_quote_in_one_megabyte_is_linear() -> None:
    body = "The council met and the mayor spoke about the bridge at length today. "
    text = "“" + body * (1_000_000 // len(body))
    small = _timed("“" + body * (100_000 // len(body)))
    started = time.process_time()
    quotes = find_quotes(Article.from_text(text))
    elapsed = time.process_time() - started
    assert all(q.kind != "direct" for q in quotes)
    assert elapsed < 30 * max(small, 1e-3)


# --------------------------------------------------------------------------- seed, benchmark


def test_seed_expectations(seed_text: str) -> None:
    doc = Pipeline.build(entry_points=False).parse(seed_text)

    def find(speaker: str, cue: str, content: str) -> Quote | None:
        for q in doc.quotes:
            if (
                q.speaker is not None
                and speaker in q.speaker.text.lower()
                and q.cue is not None
                and cue in q.cue.text.lower()
                and content in " ".join(c.text for c in q.content)
            ):
                return q
        return None

    for args in [
        ("analysts", "according to", "played down"),
        ("observers", "noted", "the speech was crafted"),
        ("analysts monitoring the region", "observed", "disparity"),
        ("regional experts", "interpret", ""),
    ]:
        q = find(*args)
        assert q is not None, args
        assert q.source_type == "anonymous", args
    assert any(q.kind == "scare" and "invincible" in q.content[0].text for q in doc.quotes)


def test_benchmark_runs_on_a_small_sample(shared_dir: Path) -> None:
    polnear = shared_dir / "data" / "polnear"
    if not (polnear / "dev").is_dir():
        pytest.skip("PolNeAR dev split not present")
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_quotes.py"),
            "--limit",
            "3",
            "--polnear",
            str(polnear),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "DIRECT" in out.stdout and "ALL" in out.stdout
    assert "articles/s" in out.stdout


def test_guide_code_blocks_run() -> None:
    guide = ROOT / "docs" / "guides" / "quotes.md"
    blocks = re.findall(r"^```python\n(.*?)^```", guide.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) >= 3
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(guide), "exec"), namespace)


def test_scare_quotes_can_be_left_out() -> None:
    text = "The 'invincible' friendship is ten years old."
    assert [q.kind for q in run(text)] == ["scare"]
    assert run(text, scare_quotes=False) == ()


def test_next_paragraph_quotation_keeps_the_speaker() -> None:
    text = "“We will fight the closure,” Ana Ruiz said.\n\n“We will not give up on this town.”\n"
    first, second = run(text)
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.text == first.speaker.text == "Ana Ruiz"
    assert second.cue is None


def test_leading_cue_before_quotation() -> None:
    q = one("Said Tom Reyes, who grew up nearby, “We were all proud of him.”")
    assert q.cue is not None and q.cue.text == "Said"
    assert q.speaker is not None and q.speaker.text == "Tom Reyes"


def test_a_preposition_is_never_a_speaker() -> None:
    text = (
        "The rhetoric was noted. By explicitly praising the troops fighting abroad, "
        "the minister is cementing the alliance between the two nations."
    )
    doc = Pipeline.build(entry_points=False).parse(text)
    speakers = [q.speaker.text.lower() for q in doc.quotes if q.speaker is not None]
    assert "by" not in speakers


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # an opening phrase before a comma is no content when a clause follows the cue
        (
            "By her own admission, Ms. Ortiz said the budget was late.",
            "the budget was late",
            "Ms. Ortiz",
        ),
        (
            "On most days, the coach said he would rest the starters.",
            "he would rest the starters",
            "the coach",
        ),
        # post-posed cues still work: an adjunct or an addressee after the cue
        (
            "The budget was late again, Ms. Ortiz said on Monday.",
            "The budget was late again",
            "Ms. Ortiz",
        ),
        (
            "The starters need a rest, the coach told the paper.",
            "The starters need a rest",
            "the coach",
        ),
        ("The budget was late again, said Ms. Ortiz.", "The budget was late again", "Ms. Ortiz"),
    ],
)
def test_opening_phrase_is_not_a_post_posed_content(text: str, content: str, speaker: str) -> None:
    q = one(text)
    assert q.kind == "indirect"
    assert q.content[0].text.rstrip(".") == content
    assert q.speaker is not None and q.speaker.text.rstrip(".") == speaker
