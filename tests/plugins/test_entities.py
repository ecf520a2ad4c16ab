"""Tests of the built-in ``entities`` extractor (own fixture texts only)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pluggy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Article, Entity, Pipeline
from newsparse.plugins._entities.tagger import DocContext
from newsparse.plugins.entities import EntitiesConfig, EntityExtractor
from newsparse.testing import best_cpu_seconds

ROOT = Path(__file__).resolve().parents[2]

STORY = (
    "Pyongyang signals closer ties\n"
    "\n"
    "North Korean leader Kim Jong-un met visiting officials in Pyongyang on Monday. "
    "Chinese President Xi Jinping sent a letter, while Russian President Vladimir "
    "Putin called. North Korea said the talks went well. Putin later praised Kim, "
    "and Beijing stayed quiet. Mr. Trump said nothing.\n"
)


def run(text: str, **config: object) -> tuple[Entity, ...]:
    doc = Article.from_text(text)
    extractor = EntityExtractor(EntitiesConfig(**config))  # type: ignore[arg-type]
    return doc.with_layers(extractor.extract(doc)).entities


def by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert found, f"{name!r} not in {[e.name for e in entities]}"
    return found[0]


def mention_texts(entity: Entity) -> set[str]:
    return {m.text for m in entity.mentions}


def test_declaration_and_registration(pm: pluggy.PluginManager) -> None:
    assert EntityExtractor.name == "entities"
    assert EntityExtractor.requires == ("sentences",)
    assert EntityExtractor.provides == ("entities",)
    EntityExtractor.check_declaration()
    contributed = [c for group in pm.hook.newsparse_extractors() for c in group]
    assert EntityExtractor in contributed


def test_country_with_capital_and_demonym_is_one_entity() -> None:
    ents = run(STORY)
    nk = by_name(ents, "North Korea")
    assert nk.type == "GPE"
    assert nk.iso_code == "KP"
    kinds = {(m.text, m.kind) for m in nk.mentions}
    assert ("North Korean", "demonym") in kinds
    assert ("Pyongyang", "alias") in kinds
    assert ("North Korea", "name") in kinds
    china = by_name(ents, "China")
    assert {"Chinese", "Beijing"} <= mention_texts(china)
    # no separate Pyongyang or Beijing entity
    assert not [e for e in ents if e.name in ("Pyongyang", "Beijing", "North Korean")]


def test_metonymy_can_be_switched_off() -> None:
    ents = run(STORY, metonymy=False)
    assert "Pyongyang" not in mention_texts(by_name(ents, "North Korea"))
    assert by_name(ents, "Pyongyang").type == "GPE"


def test_titles_are_not_part_of_names_and_roles_are_kept() -> None:
    ents = run(STORY)
    xi = by_name(ents, "Xi Jinping")
    assert xi.type == "PERSON"
    assert mention_texts(xi) == {"Xi Jinping"}
    assert "Chinese President" in xi.roles
    assert "Russian President" in by_name(ents, "Vladimir Putin").roles
    trump = [e for e in ents if "Trump" in mention_texts(e)]
    assert trump and trump[0].type == "PERSON"
    assert all("Mr" not in m.text for m in trump[0].mentions)


def test_short_forms_join_the_full_name() -> None:
    ents = run(STORY)
    putin = by_name(ents, "Vladimir Putin")
    assert {(m.text, m.kind) for m in putin.mentions} >= {
        ("Vladimir Putin", "name"),
        ("Putin", "alias"),
    }
    assert "Kim" in mention_texts(by_name(ents, "Kim Jong-un"))
    assert not [e for e in ents if e.name in ("Putin", "Kim")]


def test_short_form_linking_can_be_switched_off() -> None:
    ents = run(STORY, link_short_names=False)
    assert by_name(ents, "Putin").type == "PERSON"


def test_ms_clinton_joins_hillary_clinton() -> None:
    text = (
        "Hillary Clinton spoke in Ohio on Tuesday. Supporters cheered when Ms Clinton "
        "promised new jobs."
    )
    clinton = by_name(run(text), "Hillary Clinton")
    assert {"Hillary Clinton", "Clinton"} <= mention_texts(clinton)


def test_title_before_a_name_is_a_role_and_multiword_short_forms_link() -> None:
    text = (
        "Mayor Bill de Blasio visited the site on Sunday. Later De Blasio met "
        "Commissioner James O\u2019Neill, and O'Neill spoke to reporters."
    )
    ents = run(text)
    mayor = by_name(ents, "Bill de Blasio")
    assert mayor.type == "PERSON"
    assert "Mayor" in mayor.roles
    assert "De Blasio" in mention_texts(mayor)
    oneill = by_name(ents, "James O\u2019Neill")
    assert "O'Neill" in mention_texts(oneill)


def test_ambiguous_short_form_stays_apart() -> None:
    text = (
        "Kim Jong-un and his sister Kim Yo-jong attended the parade in Pyongyang. "
        "Later Kim waved to the crowd."
    )
    ents = run(text)
    full = [e for e in ents if e.name in ("Kim Jong-un", "Kim Yo-jong")]
    assert len(full) == 2
    for e in full:
        assert "Kim" not in mention_texts(e)


def test_united_nations_acronym_joins_and_un_is_org() -> None:
    text = (
        "The United Nations Security Council met in New York. Diplomats said the UN "
        "would vote again on Friday."
    )
    ents = run(text)
    un = [e for e in ents if "UN" in mention_texts(e)]
    assert un and un[0].type == "ORG"


def test_nationality_group_is_norp() -> None:
    text = "Officials said the Syrians had agreed to the plan, according to the report."
    syrians = [e for e in run(text) if "Syrians" in mention_texts(e)]
    assert syrians and syrians[0].type == "NORP"


def test_unknown_place_with_the_is_no_gpe_and_a_speaking_one_is_an_org() -> None:
    """A place the gazetteer does not know, written with "the", is a region or a building,
    not a country or city; one that speaks ("according to the ...", "the ... said") stands
    for the institution housed there. Places without "the" stay GPE."""
    text = (
        "The minister flew to Paris on Monday. According to the Elysee, the president "
        "will not sign the accord. Farmers in the Balkans were relieved, while the "
        "Kremlin said nothing. Residents of Springfield were not asked."
    )
    entities = run(text)
    assert by_name(entities, "Elysee").type == "ORG"
    assert by_name(entities, "Kremlin").type == "ORG"
    assert by_name(entities, "Balkans").type == "LOC"
    assert by_name(entities, "Springfield").type == "GPE"
    assert by_name(entities, "France").type == "GPE"  # Paris, a known capital


def test_headings_and_sentence_openers_are_not_entities() -> None:
    text = (
        "Key Facts\n"
        "\n"
        "Strategic Media Focus on Russia\n"
        "\n"
        "Looking ahead, officials in Moscow expect more talks. While the details are "
        "unclear, Russia wants a deal. In March, talks resume on a Friday.\n"
    )
    ents = run(text)
    names = {e.name for e in ents}
    assert "Russia" in names
    for junk in ("Key Facts", "Facts", "Key", "Strategic Media Focus", "Looking", "While"):
        assert junk not in names
    assert not names & {"March", "Friday", "In March"}


def test_a_sentence_adverb_before_a_comma_is_no_name() -> None:
    text = (
        "Officials in Oslo met on Monday. Sadly, the talks failed. Nonetheless, Ms. Kelly "
        "Ardent stayed. Yes, she said. Ardent, a veteran envoy, flew home.\n"
    )
    names = {e.name for e in run(text)}
    assert not names & {"Sadly", "Nonetheless", "Yes"}
    # A name alone before a comma at a sentence start is still a name.
    assert "Kelly Ardent" in names
    assert any(m.text == "Ardent" for e in run(text) for m in e.mentions)


def test_title_case_heading_with_minor_words_and_hyphens() -> None:
    # "of", "the" and "-" do not make a Title Case heading look like prose.
    text = (
        "Future of the Tokyo-Seoul Axis\n"
        "\n"
        "Officials in Tokyo and Seoul said the talks would continue next month.\n"
    )
    names = {e.name for e in run(text)}
    assert "Axis" not in names
    assert {"Japan", "South Korea"} <= names or {"Tokyo", "Seoul"} <= names


def test_all_caps_headline_is_handled() -> None:
    text = "RUSSIA AND CHINA SIGN NEW TRADE DEAL\nMoscow and Beijing signed a deal on Monday."
    ents = run(text)
    names = {e.name for e in ents}
    assert {"Russia", "China"} <= names
    assert not names & {"SIGN", "NEW TRADE DEAL", "AND"}


def test_user_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    entries = [{"name": "Zorblax Widgets", "type": "ORG", "aliases": ["Zorblax"]}]
    path.write_text(json.dumps({"entries": entries}), "utf-8")
    text = "Shares in Zorblax rose after Zorblax Widgets said profits doubled."
    ents = run(text, gazetteer=str(path))
    mine = by_name(ents, "Zorblax Widgets")
    assert mine.type == "ORG"
    assert {"Zorblax", "Zorblax Widgets"} <= mention_texts(mine)


def test_user_gazetteer_metonymy(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    entries = [{"name": "Kremlin", "type": "ORG", "country": "RU"}]
    path.write_text(json.dumps({"entries": entries}), "utf-8")
    text = "The Kremlin denied the report, and Russia said it would respond."
    russia = by_name(run(text, gazetteer=str(path)), "Russia")
    assert {(m.text, m.kind) for m in russia.mentions} >= {("Kremlin", "alias"), ("Russia", "name")}


def test_salience_and_ids() -> None:
    ents = run(STORY)
    assert [e.id for e in ents] == [f"E{i}" for i in range(1, len(ents) + 1)]
    top = max(ents, key=lambda e: e.salience)
    assert len(top.mentions) == max(len(e.mentions) for e in ents)
    assert all(0.0 <= e.salience <= 1.0 for e in ents)


def test_pipeline_fills_entities_with_sentences() -> None:
    doc = Pipeline.build(entry_points=False).parse(STORY)
    assert doc.sentences
    names = {e.name for e in doc.entities}
    assert {"North Korea", "Kim Jong-un", "Xi Jinping", "Vladimir Putin"} <= names
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_seed_article(seed_text: str) -> None:
    doc = Pipeline.build(entry_points=False).parse(seed_text)
    ents = {e.name: e for e in doc.entities}
    for name in ("Kim Jong-un", "Xi Jinping", "Vladimir Putin"):
        assert ents[name].type == "PERSON"
    for country, capital in (
        ("North Korea", "Pyongyang"),
        ("Russia", "Moscow"),
        ("China", "Beijing"),
        ("South Korea", "Seoul"),
    ):
        assert ents[country].type == "GPE"
        assert capital in mention_texts(ents[country])
    assert ents["Ukraine"].type == "GPE"
    assert any(e.type == "ORG" and "UN" in mention_texts(e) for e in doc.entities)
    junk = {"Key Facts", "Quick Summary", "Strategic Media Focus", "Looking", "While"}
    assert not junk & set(ents)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises_and_spans_are_valid(text: str) -> None:
    doc = Article.from_text(text)
    out = doc.with_layers(EntityExtractor().extract(doc))  # validates every span
    for e in out.entities:
        assert e.mentions
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text


@given(st.lists(st.sampled_from(["Kim", "Putin", "North", "Korea", "-", ".", "\n", " ", "UN"])))
def test_name_like_soup_never_raises(parts: list[str]) -> None:
    text = " ".join(parts)
    doc = Article.from_text(text)
    doc.with_layers(EntityExtractor().extract(doc))


def test_time_is_roughly_linear_in_input_size() -> None:
    extractor = EntityExtractor()
    small = Article.from_text(STORY * 8)
    large = Article.from_text(STORY * 80)
    extractor.extract(small)  # load data first

    def best(doc: Article) -> float:
        return best_cpu_seconds(lambda: extractor.extract(doc), runs=5)

    assert best(large) < 30 * best(small)


@pytest.mark.slow
def test_benchmark_runs_on_a_small_sample(shared_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_entities.py"), "--limit", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "PER+LOC+ORG" in result.stdout
    assert "ms/article" in result.stdout


def test_guide_code_blocks_run(capsys: pytest.CaptureFixture[str]) -> None:
    guide = (ROOT / "docs" / "guides" / "entities.md").read_text("utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", guide, re.MULTILINE | re.DOTALL)
    assert blocks
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "entities.md", "exec"), namespace)
    printed = capsys.readouterr().out
    shown = re.search(r"prints\n\n```text\n(.*?)```", guide, re.DOTALL)
    assert shown is not None
    assert printed == shown.group(1)


def test_tokens_keep_abbreviations_and_never_cross_spaces() -> None:
    from newsparse.plugins._entities.tokens import iter_tokens

    text = "Mr. Kim's U.S. trip (via St. Louis) ended. J. Smith met Kim Jong-un."
    tokens = [text[a:b] for a, b in iter_tokens(text)]
    assert tokens[:4] == ["Mr.", "Kim", "'s", "U.S."]
    assert "St." in tokens and "ended" in tokens and "J." in tokens and "Jong-un" in tokens
    assert all(not any(c.isspace() for c in t) for t in tokens)
    spaced = "EU rejects German call to boycott British lamb ."
    assert [spaced[a:b] for a, b in iter_tokens(spaced)] == spaced.split(" ")


def test_gazetteer_countries_capitals_and_demonyms() -> None:
    from newsparse.plugins._entities.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert gaz.countries["KP"].name == "North Korea"
    assert gaz.countries["KP"].capital == "Pyongyang"
    assert gaz.phrases[("chinese",)].iso == "CN"  # not Macao: the most populous owner
    assert gaz.phrases[("north", "korean")].kind == "demonym"
    assert gaz.phrases[("u.s.",)].iso == "US"
    assert gaz.phrases[("seoul",)].kind == "capital"
    starts = [0, 1, 3]
    lowers = ["north", "korea", "and", "moscow"]
    assert [(a, b, p.kind) for a, b, p in gaz.match(lowers, starts)] == [
        (0, 2, "country"),
        (3, 4, "capital"),
    ]


def test_lexicon_marks_longest_matches() -> None:
    from newsparse.plugins._entities.lexicon import Lexicon

    lex = Lexicon.build([(("new", "york"), "LOC"), (("new", "york", "times"), "ORG")])
    lowers = ["the", "new", "york", "times", "said"]
    assert lex.labels(lowers, [1]) == ["-", "B-ORG", "I-ORG", "I-ORG", "-"]
    assert lex.labels(lowers, []) == ["-"] * 5


def test_shipped_data_has_provenance() -> None:
    import gzip
    from importlib.resources import files

    data = files("newsparse.plugins._entities") / "data"
    tagger = json.loads(gzip.decompress((data / "tagger.json.gz").read_bytes()))
    assert "CoNLL-2003" in tagger["provenance"] and "TRAIN" in tagger["provenance"]
    gazetteer = json.loads((data / "gazetteer.json").read_text("utf-8"))
    assert {"countries", "places", "supplement"} <= set(gazetteer["provenance"])
    assert (data / "README.md").is_file()


# The original tokeniser (one match object per token), kept as the reference that the fast
# ``tokenize`` (one ``split`` and a running sum of lengths) must agree with.
_REFERENCE_TOKEN_RE = re.compile(r"\w+(?:[-&./]\w+|['\u2019](?!s\b)\w+)*\.?|['\u2019]s\b|\S")


def _reference_tokens(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    from newsparse.plugins._entities.tokens import _ABBREV_RE, _NAME_AFTER_RE

    spans = [m.span() for m in _REFERENCE_TOKEN_RE.finditer(text, start, stop)]
    for k in reversed(range(len(spans))):
        a, b = spans[k]
        if b - a > 1 and text[b - 1] == ".":
            keep = _ABBREV_RE.fullmatch(text, a, b) is not None and (
                b - a != 2 or _NAME_AFTER_RE.match(text, b, stop) is not None
            )
            if not keep:
                spans[k : k + 1] = [(a, b - 1), (b - 1, b)]
    return spans


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(st.sampled_from("aZ\u00e91 .'\u2019-&/s\nJU\tM") | st.characters()), st.data())
def test_fast_tokenizer_matches_the_reference(text: str, data: st.DataObject) -> None:
    from newsparse.plugins._entities.tokens import tokenize

    start = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(start, len(text)))
    words, starts, ends = tokenize(text, start, stop)
    expected = _reference_tokens(text, start, stop)
    assert list(zip(starts, ends, strict=True)) == expected
    assert words == [text[a:b] for a, b in expected]


def test_fast_models_equal_validated_models() -> None:
    import pydantic

    from newsparse import Mention
    from newsparse.plugins._entities.grouping import FoundEntity
    from newsparse.plugins._entities.models import build_entities, new_entity

    text = "Kim met Putin."
    doc = Article.from_text(text)
    slow = doc.typed_span(Mention, 0, 3, kind="name")
    spans = [(0, 3, "name"), (8, 13, "alias")]
    (built,) = build_entities(text, [FoundEntity("Kim", "PERSON", spans)])
    assert built.mentions == (slow, doc.typed_span(Mention, 8, 13, kind="alias"))
    assert all(m.model_fields_set == slow.model_fields_set for m in built.mentions)
    with pytest.raises(pydantic.ValidationError):
        build_entities(text, [FoundEntity("Kim", "PERSON", [(0, 3, "nickname")])])
    fast = built.mentions[0]
    values = {
        "id": "E1",
        "name": "Kim",
        "type": "PERSON",
        "mentions": (fast,),
        "aliases": (),
        "roles": ("leader",),
        "iso_code": None,
        "salience": 0.5,
    }
    entity = new_entity(**values)  # type: ignore[arg-type]
    assert entity == Entity(**values)
    assert entity.model_dump() == Entity(**values).model_dump()
    assert entity.model_copy(update={"salience": 0.1}).salience == 0.1
    with pytest.raises(pydantic.ValidationError):
        new_entity(**{**values, "type": "WIDGET"})  # type: ignore[arg-type]


# Own fixture sentences (tokens joined by single spaces): titles, connectors, initials,
# a caps headline, gazetteer places and demonyms, a hyphenated given name.
_TAGGER_SENTENCES = [
    "Chinese President Xi Jinping met Vladimir Putin in Moscow on Tuesday .",
    "SOUTH KOREA SAYS TALKS WITH PYONGYANG WILL RESUME",
    "The Bank of England said J. Smith , a former U.S. official , would join .",
    "Kim Jong-un visited the Democratic Republic of the Congo and North Korean ports .",
    "Looking ahead , the United Nations plans a summit in New York with Mr. Kim .",
    "Smith",
    "Putin told Bank of America staff in Moscow that Xi would call .",
]


def _reference_labels(sentences: list[list[str]]) -> tuple[list[list[int]], DocContext]:
    """Greedy tagging by scoring the feature strings (as training does), sentence by sentence."""
    from newsparse.plugins._entities.gazetteer import load_gazetteer
    from newsparse.plugins._entities.tagger import (
        LABELS,
        candidates,
        doc_context,
        features,
        is_caps_line,
        load_model,
        lower_all,
        score,
    )

    model = load_model()
    lowers_list = [lower_all(words) for words in sentences]
    cands = [
        candidates(w, lw, model.connectors, model.skip)
        for w, lw in zip(sentences, lowers_list, strict=True)
    ]
    ctx = doc_context(sentences, cands)
    out = []
    for words, lowers, cand in zip(sentences, lowers_list, cands, strict=True):
        gaz = ["-"] * len(words)
        for first, end, place in load_gazetteer().match(lowers, cand):
            gaz[first:end] = ["B-" + place.kind] + ["I-" + place.kind] * (end - first - 1)
        lex = model.lexicon.labels(lowers, cand)
        caps = is_caps_line(words)
        labels = [0] * len(words)
        for i in cand:
            prev = LABELS[labels[i - 1]] if i else "O"
            prev2 = LABELS[labels[i - 2]] if i > 1 else "O"
            feats = features(words, lowers, gaz, lex, i, prev, prev2, caps, ctx, model.lowercase)
            labels[i] = score(model.weights, feats)
        out.append(labels)
    return out, ctx


def test_document_tagger_equals_scoring_feature_strings() -> None:
    """The whole-document tagger (tables, cached word rows, padding) gives the labels of the
    plain feature strings, sentence by sentence: the optimisations change no label."""
    from newsparse.plugins._entities.gazetteer import load_gazetteer
    from newsparse.plugins._entities.tagger import (
        SEPARATOR,
        candidates,
        is_caps_line,
        load_model,
        lower_all,
        pad_sentences,
        tag_sentence,
        tag_tokens,
    )

    model = load_model()
    sentences = [s.split(" ") for s in _TAGGER_SENTENCES]
    expected, ctx = _reference_labels(sentences)
    assert any(any(labels) for labels in expected)  # the fixture does contain names
    words = pad_sentences(sentences)
    lowers = lower_all(words)
    cand = candidates(words, lowers, model.connectors, model.skip)
    gaz = ["-"] * len(words)
    for first, end, place in load_gazetteer().match(lowers, cand):
        gaz[first:end] = ["B-" + place.kind] + ["I-" + place.kind] * (end - first - 1)
    caps: list[bool] = []
    for sentence in sentences:
        caps += [is_caps_line(sentence)] * len(sentence) + [False] * len(SEPARATOR)
    caps = [False] * len(SEPARATOR) + caps
    assert len(caps) == len(words) and any(caps)
    sentence_lowers = [lower_all(s) for s in sentences]
    for memo in model.memo:
        memo.clear()  # a cache: cleared so that every word's scores are made here
    labels = tag_tokens(
        model, words, lowers, cand, gaz, model.lexicon.labels(lowers, cand), ctx, caps
    )
    got = []
    pos = len(SEPARATOR)
    for sentence in sentences:
        got.append(labels[pos : pos + len(sentence)])
        pos += len(sentence) + len(SEPARATOR)
    assert got == expected
    # One sentence at a time (the same code, padded alone) agrees too.
    for sentence, lows, want in zip(sentences, sentence_lowers, expected, strict=True):
        cand1 = candidates(sentence, lows, model.connectors, model.skip)
        gaz1 = ["-"] * len(sentence)
        for first, end, place in load_gazetteer().match(lows, cand1):
            gaz1[first:end] = ["B-" + place.kind] + ["I-" + place.kind] * (end - first - 1)
        assert tag_sentence(model, sentence, lows, cand1, gaz1, ctx) == want


def test_trie_matching_equals_trying_every_length() -> None:
    from newsparse.plugins._entities.phrases import build_trie, longest_matches

    phrases = {
        ("new",): "A",
        ("new", "york"): "B",
        ("new", "york", "times", "square", "garden"): "C",
        ("york", "times"): "D",
        ("a", "b", "c", "d", "e", "f", "g"): "too long",
    }
    trie = build_trie(phrases.items(), 6)
    lowers = ["new", "york", "times", "square", "x", "a", "b", "c", "d", "e", "f", "g", "new"]

    def reference(starts: list[int]) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        taken = 0
        for i in starts:
            if i < taken:
                continue
            for size in range(min(6, len(lowers) - i), 0, -1):
                value = phrases.get(tuple(lowers[i : i + size]))
                if value is not None and size <= 6:
                    out.append((i, i + size, value))
                    taken = i + size
                    break
        return out

    for starts in ([0, 1, 5, 12], [1, 2], list(range(len(lowers))), []):
        assert longest_matches(lowers, starts, trie) == reference(starts)
    assert longest_matches(lowers, [0], trie) == [(0, 2, "B")]


def _chunk_offsets(
    text: str, start: int, stop: int, words: list[str], chunks: list[str]
) -> list[int]:
    from itertools import accumulate

    from newsparse.plugins._entities.tokens import chunk_positions, token_offset

    sums = list(accumulate(map(len, chunks), initial=0))
    positions = chunk_positions(text, start, stop, sums)
    before = list(accumulate(map(len, words), initial=0))[:-1]
    return [token_offset(start, sums, positions, b) for b in before]


def _tokenize_by_units(
    text: str, units: list[tuple[int, int]]
) -> tuple[list[list[str]], list[str], list[list[str]] | None]:
    # ``tokenize_units`` cut back into units: each unit's words, all lower-cased words,
    # and each unit's chunks as ``unit_chunks`` reads them.
    from newsparse.plugins._entities.tokens import SEPARATOR, tokenize_units, unit_chunks

    words, lowers, chunks = tokenize_units(text, units)
    pad = len(SEPARATOR)
    per_unit = []
    at = pad
    for _ in units:
        end = words.index(SEPARATOR[0], at)
        per_unit.append(words[at:end])
        assert tuple(words[end : end + pad]) == SEPARATOR
        at = end + pad
    assert at == len(words)
    if chunks is None:
        return per_unit, lowers, None
    unit_chunk_lists = []
    begin = 0
    for _ in units:
        part, begin = unit_chunks(chunks, begin)
        unit_chunk_lists.append(part)
    return per_unit, lowers, unit_chunk_lists


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.text(st.sampled_from("aZ\u00e91 .'\u2019-&/s\nJU\tM.\x1c,\"\x00") | st.characters()),
    st.lists(st.integers(0, 10_000), max_size=6),
)
def test_tokenizing_units_equals_tokenize(text: str, cuts: list[int]) -> None:
    """Words, lower-cased words and offsets of all units at once are those of ``tokenize``."""
    from itertools import pairwise

    from newsparse.plugins._entities.tagger import lower_all, pad_sentences
    from newsparse.plugins._entities.tokens import tokenize, tokenize_units

    points = sorted(c % (len(text) + 1) for c in cuts)
    units = list(pairwise(points)) or [(0, len(text))]
    per_unit, lowers, chunk_lists = _tokenize_by_units(text, units)
    assert per_unit == [tokenize(text, s, e)[0] for s, e in units]
    assert lowers == lower_all(pad_sentences(per_unit))
    assert tokenize_units(text, units)[0] == pad_sentences(per_unit)
    if chunk_lists is None:
        assert "\x00" in text
        return
    for (s, e), words, chunks in zip(units, per_unit, chunk_lists, strict=True):
        assert chunks == text[s:e].split()
        assert _chunk_offsets(text, s, e, words, chunks) == tokenize(text, s, e)[1]


def test_tokenizing_units_on_sentences() -> None:
    text = "J. Smith met U.S. envoys.  Then he left. J.\nSmith said. " + "No. " * 30
    text += "\nA. Kim\x1cB. Lee\x1c said J. J.\x1fKim, J. \u201cKim\u201d."
    first_line = (0, text.index("\n"))
    units = [first_line, (first_line[1] + 1, len(text)), (3, len(text) - 1), (0, len(text))]
    per_unit, _, chunk_lists = _tokenize_by_units(text, units)
    from newsparse.plugins._entities.tokens import tokenize

    assert chunk_lists is not None
    for (s, e), words, chunks in zip(units, per_unit, chunk_lists, strict=True):
        got, starts, _ = tokenize(text, s, e)
        assert words == got
        assert _chunk_offsets(text, s, e, words, chunks) == starts
    words = per_unit[0]
    # An initial keeps its period before a name only; "envoys." and "left." lose theirs.
    assert words[:2] == ["J.", "Smith"] and words[-2:] == ["J", "."]
    assert "envoys" in words and "left" in words
    assert _tokenize_by_units(text, [(0, text.rindex("No.") + 3)])[0][0].count(".") == 33
    # "\x1c" splits chunks but is no space to the period rule: "A." keeps its period
    # before " Lee" only.
    line = "A.\x1cKim A. Lee"
    assert _tokenize_by_units(line, [(0, len(line))])[0] == [["A", ".", "Kim", "A.", "Lee"]]
    # Without odd spaces, initials are settled after the cached split: "W." keeps its
    # period before "Bush" and "Kim" but not before a comma or the next unit's "K.".
    plain = "George W. Bush, W. and J.\nK. Lee, (W. Kim"
    units = [(0, plain.index("\n")), (plain.index("\n") + 1, len(plain))]
    per_unit = _tokenize_by_units(plain, units)[0]
    assert per_unit == [tokenize(plain, s, e)[0] for s, e in units]
    assert per_unit[0][:3] == ["George", "W.", "Bush"] and per_unit[0][-2:] == ["J", "."]
    assert per_unit[1][-3:] == ["(", "W.", "Kim"] and per_unit[0][4:6] == ["W", "."]
    # A text holding the sentinel chunk is tokenised unit by unit, with the same words.
    odd = "Kim \x00 Lee. \x00"
    assert _tokenize_by_units(odd, [(0, 4), (4, len(odd))])[0] == [
        ["Kim"],
        ["\x00", "Lee", ".", "\x00"],
    ]


@given(st.lists(st.lists(st.integers(-32767, 32767), min_size=5, max_size=5), max_size=30))
def test_packed_sums_read_back_exactly_and_pick_the_first_best_label(
    vectors: list[list[int]],
) -> None:
    """Summing packed vectors sums each label exactly; the best label is the first maximum."""
    from newsparse.plugins._entities.scoring import BIAS, best_biased, best_label, pack, unpack

    total = sum(map(pack, vectors))
    sums = [sum(v[k] for v in vectors) for k in range(5)]
    assert list(unpack(total)) == sums
    assert best_label(total) == best_biased(total + BIAS) == sums.index(max(sums))


@given(st.text(st.sampled_from("Ab Cd ,:&-./'\u2019\u2013\u2014\u201c_1") | st.characters()))
def test_a_character_that_rules_out_a_heading_does(text: str) -> None:
    """When the quick check finds a non-heading character, no Title Case line is there."""
    from newsparse.plugins._entities.resolve import _NOT_HEADING_RE
    from newsparse.plugins._entities.tagger import is_title_line
    from newsparse.plugins._entities.tokens import tokenize

    if _NOT_HEADING_RE.search(text):
        assert not is_title_line(tokenize(text, 0, len(text))[0])
    assert _NOT_HEADING_RE.search("Key Facts: Russia \u2013 Ukraine & the U.S.") is None


def test_chunk_cache_filling_mid_unit_keeps_an_initial_with_its_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The chunk cache is cleared when full; a clear while one unit's chunks are read
    # must not forget that a chunk before it ("J.") depends on the word after it.
    from newsparse.plugins._entities import tokens

    text = "J. Smith met " + " ".join(f"w{i}" for i in range(40)) + " there."
    monkeypatch.setattr(tokens, "_WORDS", tokens._ChunkWords())
    monkeypatch.setattr(tokens, "_LOWER", tokens._Lowered())
    monkeypatch.setattr(tokens, "_DEPENDENT", set())
    monkeypatch.setattr(tokens, "_CHUNKS_MAX", 5)
    units = [(0, len(text)), (0, 8)]
    words = tokens.tokenize_units(text, units)[0]
    expected = [tokens.tokenize(text, s, e)[0] for s, e in units]
    assert words == [
        *tokens.SEPARATOR,
        *expected[0],
        *tokens.SEPARATOR,
        *expected[1],
        *tokens.SEPARATOR,
    ]
    assert words[4:6] == ["J.", "Smith"]
