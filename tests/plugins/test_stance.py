"""Tests of the built-in ``stance`` extractor on articles built by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pluggy
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse import Article, Entity, Mention, Pipeline, Quote, Speaker
from newsparse.plugins._stance.features import features
from newsparse.plugins._stance.model import predict
from newsparse.plugins._stance.train import fit
from newsparse.plugins.stance import StanceConfig, StanceExtractor, StanceSummary
from newsparse.testing import articles, assert_spans_valid, best_cpu_seconds

_SENTENCE_RE = regex.compile(r"[^.!?\n]+[.!?]*")

# name -> (type, surface forms); the first form is the name.
Ents = dict[str, tuple[str, Sequence[str]]]


def make_doc(text: str, ents: Ents, quotes: Sequence[dict[str, str]] = ()) -> Article:
    """Build an article with sentences, entities and quotes found by string search."""
    doc = Article.from_text(text, id="t")
    sentences = [doc.span(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text)]
    entities = []
    for i, (name, (kind, forms)) in enumerate(ents.items(), start=1):
        mentions = sorted(
            (
                doc.typed_span(
                    Mention,
                    m.start(),
                    m.end(),
                    kind="demonym" if form.endswith(("an", "ese")) else "name",
                )
                for form in forms
                for m in regex.finditer(rf"\b{regex.escape(form)}\b", text)
            ),
            key=lambda m: m.start,
        )
        entities.append(Entity(id=f"E{i}", name=name, type=kind, mentions=tuple(mentions)))
    ids = {name: f"E{i}" for i, name in enumerate(ents, start=1)}
    built = []
    for i, q in enumerate(quotes, start=1):
        c = text.index(q["content"])
        cue = text.index(q["cue"])
        sp = text.index(q["speaker"])
        built.append(
            Quote(
                id=f"Q{i}",
                kind="direct",
                content=(doc.span(c, c + len(q["content"])),),
                cue=doc.span(cue, cue + len(q["cue"])),
                speaker=doc.typed_span(
                    Speaker, sp, sp + len(q["speaker"]), entity=ids.get(q["speaker_entity"])
                ),
                source_type="named",
            )
        )
    return doc.with_layers({"sentences": sentences, "entities": entities, "quotes": built})


def run(doc: Article, **config: object) -> Article:
    extractor = StanceExtractor(StanceConfig(**config))  # type: ignore[arg-type]
    return doc.with_layers(extractor.extract(doc))


def pairs(doc: Article) -> dict[tuple[str | None, str], list[str]]:
    names = {e.id: e.name for e in doc.entities}
    out: dict[tuple[str | None, str], list[str]] = {}
    for s in doc.stances:
        holder = None if s.holder is None else names[s.holder]
        out.setdefault((holder, names[s.target]), []).append(s.polarity)
    return out


@cache
def _pipeline() -> Pipeline:
    return Pipeline.build(entry_points=False)


COUNTRIES: Ents = {
    "Germany": ("GPE", ["Germany", "Berlin"]),
    "France": ("GPE", ["France", "Paris"]),
}


def test_declares_contract() -> None:
    assert StanceExtractor.name == "stance"
    assert StanceExtractor.requires == ("sentences", "entities", "quotes")
    assert set(StanceExtractor.provides) == {"stances", "extensions.stance"}
    StanceExtractor.check_declaration()


def test_registered_as_builtin(pm: pluggy.PluginManager) -> None:
    classes = [c for group in pm.hook.newsparse_extractors() for c in group]
    assert StanceExtractor in classes


def test_polar_verbs_between_entities() -> None:
    for verb, want in [
        ("praised", "positive"),
        ("backed", "positive"),
        ("welcomed", "positive"),
        ("endorsed", "positive"),
        ("criticised", "negative"),
        ("condemned", "negative"),
        ("accused", "negative"),
        ("sanctioned", "negative"),
        ("played down", "negative"),
        ("snubbed", "negative"),
    ]:
        doc = run(make_doc(f"Germany {verb} France on Monday.", COUNTRIES), article_voice=False)
        assert pairs(doc) == {("Germany", "France"): [want]}, verb
        stance = doc.stances[0]
        assert stance.cue is not None and stance.cue.text == verb
        assert stance.evidence.text == f"Germany {verb} France on Monday."
        assert (stance.score > 0) == (want == "positive")
        assert not stance.hedged


def test_passive_with_agent() -> None:
    doc = run(make_doc("France was praised by Germany.", COUNTRIES), article_voice=False)
    assert pairs(doc) == {("Germany", "France"): ["positive"]}


def test_negation_flips_the_verb() -> None:
    doc = run(make_doc("Germany did not praise France.", COUNTRIES), article_voice=False)
    [stance] = doc.stances
    assert stance.score < 0
    assert stance.polarity == "negative"


def test_contrast_keeps_each_side_apart() -> None:
    ents: Ents = {**COUNTRIES, "Spain": ("GPE", ["Spain", "Madrid"])}
    active = run(
        make_doc("Germany played down the offer from Spain while highlighting France.", ents),
        article_voice=False,
    )
    assert pairs(active) == {
        ("Germany", "Spain"): ["negative"],
        ("Germany", "France"): ["positive"],
    }
    passive = run(
        make_doc(
            "While the offer from Spain was played down by Berlin, "
            "the plan from Paris was welcomed by Berlin.",
            ents,
        ),
        article_voice=False,
    )
    assert pairs(passive) == {
        ("Germany", "Spain"): ["negative"],
        ("Germany", "France"): ["positive"],
    }


def test_object_phrase_stops_at_setting() -> None:
    ents: Ents = {**COUNTRIES, "Mali": ("GPE", ["Mali"])}
    doc = run(make_doc("Germany praised troops from France in Mali.", ents), article_voice=False)
    assert pairs(doc) == {("Germany", "France"): ["positive"]}


def test_complement_after_a_named_object_is_not_a_target() -> None:
    ents: Ents = {**COUNTRIES, "Mali": ("GPE", ["Mali"])}
    doc = run(make_doc("Germany condemned France's invasion of Mali.", ents), article_voice=False)
    assert pairs(doc) == {("Germany", "France"): ["negative"]}
    doc = run(make_doc("Germany praised the leadership of France.", ents), article_voice=False)
    assert pairs(doc) == {("Germany", "France"): ["positive"]}


def test_avoiding_a_verb_negates_it() -> None:
    doc = run(make_doc("Germany avoids condemning France.", COUNTRIES), article_voice=False)
    [stance] = doc.stances
    assert stance.score > 0


def test_first_actor_of_the_clause_holds() -> None:
    ents: Ents = {**COUNTRIES, "Spain": ("GPE", ["Spanish"]), "Mali": ("GPE", ["Mali"])}
    doc = run(
        make_doc("Germany sent ships into Spanish waters and condemned Mali.", ents),
        article_voice=False,
    )
    assert pairs(doc) == {("Germany", "Mali"): ["negative"]}


def test_cooperation_and_conflict_language() -> None:
    ents: Ents = {"Chile": ("GPE", ["Chile"]), "Peru": ("GPE", ["Peru"])}
    doc = run(make_doc("Chile and Peru announced a new partnership.", ents), article_voice=False)
    assert pairs(doc) == {("Chile", "Peru"): ["positive"], ("Peru", "Chile"): ["positive"]}
    assert {s.cue.text for s in doc.stances if s.cue} == {"partnership"}
    doc = run(make_doc("Tensions between Chile and Peru grew.", ents), article_voice=False)
    assert pairs(doc) == {("Chile", "Peru"): ["negative"], ("Peru", "Chile"): ["negative"]}
    doc = run(make_doc("Chile imposed sanctions on Peru.", ents), article_voice=False)
    assert pairs(doc)[("Chile", "Peru")] == ["negative"]


def test_place_is_not_a_party_to_conflict() -> None:
    ents: Ents = {"Chile": ("GPE", ["Chilean"]), "Peru": ("GPE", ["Peru"])}
    doc = run(make_doc("Chilean troops joined the conflict in Peru.", ents), article_voice=False)
    assert pairs(doc) == {}


def test_demonym_holder_counts_as_the_country() -> None:
    ents: Ents = {
        "Korea": ("GPE", ["Korean"]),
        "Mr Lee": ("PERSON", ["Mr Lee"]),
    }
    doc = run(make_doc("Korean state media snubbed Mr Lee.", ents), article_voice=False)
    assert pairs(doc) == {("Korea", "Mr Lee"): ["negative"]}


def test_quote_content_is_held_by_its_speaker() -> None:
    ents: Ents = {
        "Anna Smith": ("PERSON", ["Anna Smith", "Smith"]),
        "Tom Jones": ("PERSON", ["Tom Jones", "Jones"]),
    }
    text = 'Anna Smith said: "Jones is a corrupt liar and a disgrace to the city."'
    doc = run(
        make_doc(
            text,
            ents,
            quotes=[
                {
                    "content": "Jones is a corrupt liar and a disgrace to the city.",
                    "cue": "said",
                    "speaker": "Anna Smith",
                    "speaker_entity": "Anna Smith",
                }
            ],
        ),
        article_voice=False,
    )
    assert pairs(doc) == {("Anna Smith", "Tom Jones"): ["negative"]}
    assert doc.stances[0].cue is not None and doc.stances[0].cue.text == "said"


def test_unlinked_speaker_is_resolved_by_overlap() -> None:
    ents: Ents = {
        "Anna Smith": ("PERSON", ["Anna Smith"]),
        "Tom Jones": ("PERSON", ["Tom Jones", "Jones"]),
    }
    text = 'Mayor Anna Smith said: "Jones is a corrupt liar and a disgrace to the city."'
    quote = {
        "content": "Jones is a corrupt liar and a disgrace to the city.",
        "cue": "said",
        "speaker": "Mayor Anna Smith",
        "speaker_entity": "",
    }
    doc = run(make_doc(text, ents, quotes=[quote]), article_voice=False)
    assert doc.quotes[0].speaker is not None and doc.quotes[0].speaker.entity is None
    assert pairs(doc) == {("Anna Smith", "Tom Jones"): ["negative"]}


def test_article_voice_has_no_holder() -> None:
    ents: Ents = {"Mr Vale": ("PERSON", ["Mr Vale"])}
    text = "The corrupt official Mr Vale was arrested for fraud and abuse of power."
    doc = run(make_doc(text, ents))
    assert pairs(doc) == {(None, "Mr Vale"): ["negative"]}
    off = run(make_doc(text, ents), article_voice=False)
    assert off.stances == ()


def test_hedging_marks_stances_and_article() -> None:
    text = (
        "Germany may be backing France. Germany reportedly praised Paris. "
        "Berlin is believed to have welcomed France. Germany praised France."
    )
    doc = run(make_doc(text, COUNTRIES), article_voice=False)
    assert [s.hedged for s in doc.stances] == [True, True, True, False]
    hedged = [s for s in doc.stances if s.hedged]
    flat = [s for s in doc.stances if not s.hedged]
    assert all(abs(h.score) < abs(flat[0].score) for h in hedged)
    summary = doc.extension("stance", StanceSummary)
    assert summary is not None
    assert summary.sentences == 4
    assert summary.hedged_sentences == 3
    assert summary.hedging == 0.75
    assert summary.hedged_stances == 3
    assert summary.stance_hedging == 0.75
    assert summary.hedge_cues == {"may": 1, "reportedly": 1, "is believed to": 1}


def test_may_the_month_is_no_hedge() -> None:
    doc = run(make_doc("Germany praised France in May. May brings rain.", COUNTRIES))
    summary = doc.extension("stance", StanceSummary)
    assert summary is not None
    assert summary.hedged_sentences == 1  # only the sentence-initial "May" counts
    assert not doc.stances[0].hedged


def test_degrades_without_layers() -> None:
    bare = Article.from_text("Germany praised France. It may rain.")
    doc = run(bare)
    assert doc.stances == ()
    summary = doc.extension("stance", StanceSummary)
    assert summary is not None and summary.sentences == 2 and summary.hedged_sentences == 1


def test_no_self_stance() -> None:
    doc = run(make_doc("Berlin praised Germany.", COUNTRIES), article_voice=False)
    assert doc.stances == ()


def test_pipeline_runs_stance(seed_text: str) -> None:
    doc = _pipeline().parse(seed_text)
    assert_spans_valid(doc)
    assert doc.extension("stance", StanceSummary) is not None
    names = {e.id: e.name.lower() for e in doc.entities}
    found = {(names.get(s.holder or ""), names[s.target], s.polarity) for s in doc.stances}
    assert any(
        h and "korea" in h and t in ("russia", "vladimir putin") and p == "positive"
        for h, t, p in found
    )
    assert any(
        h and "korea" in h and t in ("china", "xi jinping") and p == "negative" for h, t, p in found
    )
    assert any(s.hedged for s in doc.stances)


@settings(max_examples=60, deadline=None)
@given(articles())
def test_any_article_gives_valid_stances(doc: Article) -> None:
    out = run(doc)
    assert_spans_valid(out)
    for stance in out.stances:
        assert -1.0 <= stance.score <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_through_the_pipeline(text: str) -> None:
    doc = _pipeline().run(Article.from_text(text))
    assert_spans_valid(doc)


def test_time_grows_linearly() -> None:
    ents: Ents = {**COUNTRIES, "Spain": ("GPE", ["Spain"])}
    unit = (
        "Germany praised France while the plan from Spain was played down. "
        "Ties between France and Spain may deepen, analysts said.\n"
    )

    def seconds(n: int) -> float:
        doc = make_doc(unit * n, ents)
        return best_cpu_seconds(lambda: StanceExtractor().extract(doc), runs=3)

    seconds(5)  # warm up: load the weights
    small, large = seconds(20), seconds(200)
    assert large < 30 * small + 0.05


_FENCE_RE = regex.compile(r"^```python\n(.*?)^```[ \t]*$", regex.MULTILINE | regex.DOTALL)


def test_guide_code_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = Path(__file__).resolve().parents[2] / "docs" / "guides" / "stance.md"
    blocks = _FENCE_RE.findall(guide.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(guide), "exec"), namespace)
    assert (tmp_path / "stances.csv").is_file()
    assert (tmp_path / "stances.graphml").is_file()


def test_benchmark_runs_on_a_small_sample(shared_dir: Path) -> None:
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_stance.py"
    done = subprocess.run(
        [sys.executable, str(script), "--limit", "30", "--folds", "2", "--shared", str(shared_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    print(done.stdout)  # figures are shown, not asserted
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"cv_f1_macro", "sentences_per_second", "articles_per_second"} <= set(figures)


def test_training_learns_a_toy_problem() -> None:
    samples = [
        (features(text, 0, 3), label)
        for text, label in [
            ("Ann was praised.", "positive"),
            ("Ann was hailed.", "positive"),
            ("Ann was condemned.", "negative"),
            ("Ann was attacked.", "negative"),
            ("Ann was here.", "neutral"),
            ("Ann was there.", "neutral"),
        ]
        * 5
    ]
    weights = fit(samples, epochs=30, rate=0.3, min_count=1, balanced=True)
    assert predict(features("Ann was praised.", 0, 3), weights).label == "positive"
    assert predict(features("Ann was condemned.", 0, 3), weights).label == "negative"
    assert predict(features("Ann was here.", 0, 3), weights).label == "neutral"


def test_features_mark_negation_and_sides() -> None:
    feats = set(features("Critics did not praise Ann, but they hailed Bo.", 23, 26))
    assert "l:~praise" in feats
    assert "lx:l-" in feats  # a negated positive word just before the target
    assert "r:," in feats
    assert "tm:ann" in feats
    assert "c:hailed" not in feats  # "but" ends the target's clause


def _reference_tokens(text: str) -> list[tuple[str, int, int]]:
    from newsparse.plugins._stance.tokens import _TOKEN_RE

    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def test_ascii_tokens_equal_the_regex_engine_tokens() -> None:
    from newsparse.plugins._stance.tokens import tokenize

    # Every pair of ASCII characters, inside a word and at a gap: the fast ``re``
    # path must cut exactly where the ``regex`` pattern does (separator controls
    # \x1c-\x1f are space to ``re`` without its ASCII flag, not to ``regex``).
    ascii_chars = [chr(i) for i in range(128)]
    for a in ascii_chars:
        for b in ascii_chars:
            text = f"Xa{a}{b}y {a}-{b}'s"
            assert [tuple(t) for t in tokenize(text)] == _reference_tokens(text), repr(text)
    assert [t.low for t in tokenize("Kim\x1cPutin ties")] == ["kim", "\x1c", "putin", "ties"]
    assert [t.low for t in tokenize("Kim \u201cPutin\u201d")] == [
        "kim",
        "\u201c",
        "putin",
        "\u201d",
    ]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab AB-'.,\"\u2019\u201c\x1c\u03a3\u0130", max_size=80), st.data())
def test_tokenize_a_range_equals_the_reference(text: str, data: st.DataObject) -> None:
    from newsparse.plugins._stance.tokens import _TOKEN_RE, tokenize

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [
        (m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)
    ]
    assert [tuple(t) for t in tokenize(text, start, end)] == expected


def test_few_targets_score_as_one_shared_scorer() -> None:
    from newsparse.plugins._stance.features import target_tokens
    from newsparse.plugins._stance.rules import _SHARED_FROM, _score
    from newsparse.plugins._stance.scorer import SentenceScorer
    from newsparse.plugins._stance.tokens import token_columns, tokenize

    text = "Oslo praised Lima, but Rome did not back Kiev and Bern warned Doha."
    tokens = tokenize(text)
    words = [(t.start, t.end) for t in tokens if t.low.isalpha()]
    neutral = 0
    for n in range(1, len(words) + 1):
        targets = words[:n]
        shared = SentenceScorer(text, tokens)
        expected = [shared.polarity(s, e) for s, e in targets]
        columns = token_columns(text)
        assert _score(text, columns, targets) == expected
        # By token ranges, a few targets go one pass each and come back None
        # where the label is neutral (every caller drops those).
        ranges = [target_tokens(tokens, s, e) for s, e in targets]
        few = n < _SHARED_FROM
        assert _score(text, columns, ranges, by_tokens=True) == [
            None if few and r.label == "neutral" else r for r in expected
        ]
        neutral += few and any(r.label == "neutral" for r in expected)
    assert len(words) >= _SHARED_FROM  # both paths of ``_score`` were taken
    assert neutral  # and the None of a neutral result was seen


def test_stances_built_without_validation_equal_validated_ones() -> None:
    from pydantic import ValidationError

    from newsparse import Stance
    from newsparse.plugins._stance.models import SpanMaker, new_stance

    doc = Article.from_text("Lima praised Oslo. Rome may back Bern.", id="m")
    span = SpanMaker(doc.span)
    assert span(0, 18) == doc.span(0, 18)
    assert span(0, 18) is span(0, 18)  # one span per range, shared by stances
    with pytest.raises(ValueError, match="not inside"):
        span(30, 99)
    for holder, polarity, score, cue, hedged in (
        ("E1", "positive", 0.75, span(5, 12), False),
        (None, "negative", -1.0, None, True),
        ("E2", "neutral", 0.0, span(24, 28), True),
    ):
        fields = {
            "holder": holder,
            "target": "E3",
            "polarity": polarity,
            "score": score,
            "evidence": span(19, 38),
            "cue": cue,
            "hedged": hedged,
        }
        fast = new_stance(**fields)  # type: ignore[arg-type]
        slow = Stance(**fields)
        assert fast == slow
        assert fast.model_fields_set == slow.model_fields_set
        assert fast.model_dump_json() == slow.model_dump_json()
    # What the engine never makes is validated, so it fails as the constructor does.
    for score, polarity in ((1.5, "positive"), (0.5, "sideways")):
        with pytest.raises(ValidationError):
            new_stance("E1", "E2", polarity, score, span(0, 4), None, False)
    assert new_stance("E1", "E2", "positive", 1, span(0, 4), None, False).score == 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab -.'\u2019", max_size=40), st.data())
def test_mention_token_ranges_equal_the_feature_target_tokens(
    text: str, data: st.DataObject
) -> None:
    from newsparse.plugins._stance.features import target_tokens
    from newsparse.plugins._stance.rules import MentionRef, _Sentence, _token_ranges
    from newsparse.plugins._stance.tokens import token_columns, tokenize

    # Any ranges, also empty ones and ones that cut a token or hold no token.
    mentions = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        mentions.append(MentionRef(start, end, "E1", "GPE"))
    tokens = tokenize(text)
    expected = [target_tokens(tokens, m.start, m.end) for m in mentions]
    assert _token_ranges(token_columns(text), mentions) == expected
    sent = _Sentence(text, 0, len(text), sorted(mentions))
    # The sentence's ranges start at the first token ending after the mention's start.
    assert [r for _, r in sent.mentions] == [
        target_tokens(tokens, m.start, m.end) for m in sorted(mentions)
    ]


def test_summary_dict_is_what_the_model_dumps() -> None:
    doc = make_doc(
        "Oslo may back Lima. Reportedly, Rome praised Bern. Kiev met Doha.",
        {
            "Oslo": ("GPE", ["Oslo"]),
            "Lima": ("GPE", ["Lima"]),
            "Rome": ("GPE", ["Rome"]),
            "Bern": ("GPE", ["Bern"]),
        },
    )
    for text_doc in (doc, Article.from_text("", id="e")):
        summary = StanceExtractor().extract(text_doc)["extensions.stance"]
        dumped = StanceSummary.model_validate(summary).model_dump(mode="json")
        assert summary == dumped
        assert list(summary) == list(dumped)
    assert summary["sentences"] == 0  # the empty text
    first = StanceExtractor().extract(doc)["extensions.stance"]
    assert first["hedged_sentences"] == 2 and first["hedge_cues"] == {"may": 1, "reportedly": 1}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["good", "bad", "praise", "attack", "the", "Kim", ",", "not", "great", "worst"]
        ),
        max_size=20,
    ),
    st.data(),
)
def test_nearest_polar_word_is_the_first_closest(words: list[str], data: st.DataObject) -> None:
    from newsparse.plugins._stance.lexicon import polar_table
    from newsparse.plugins._stance.rules import _nearest_polar
    from newsparse.plugins._stance.tokens import token_columns, tokenize

    text = " ".join(words)
    tokens = tokenize(text)
    ti = data.draw(st.integers(0, len(tokens)))
    tj = data.draw(st.integers(ti, len(tokens)))
    score = data.draw(st.sampled_from((-0.7, 0.6)))
    # The plain scan: the polar word of the score's sign nearest the target, first on ties.
    best, best_distance = None, len(tokens) + 1
    for k, tok in enumerate(tokens):
        prior = polar_table().get(tok.low, 0.0)
        if prior and (prior > 0) == (score > 0) and not ti <= k < tj:
            distance = ti - k if k < ti else k - tj
            if distance < best_distance:
                best, best_distance = (tok.start, tok.end), distance
    assert _nearest_polar(token_columns(text), ti, tj, score) == best
