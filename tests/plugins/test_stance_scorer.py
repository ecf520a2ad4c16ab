"""The fast stance scorer and tokenizer give the same results as the reference path."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse.plugins._stance.features import add_target_flags, features, target_tokens
from newsparse.plugins._stance.model import load_weights, predict
from newsparse.plugins._stance.rules import _columns_within, _Sentence
from newsparse.plugins._stance.scorer import (
    SentenceScorer,
    _fixed_rows,
    polarity_of,
    result_of,
)
from newsparse.plugins._stance.tokens import _TOKEN_RE, Token, token_columns, tokenize, tokens_of
from newsparse.plugins._stance.weights import (
    _FAMILIES,
    fixed_rows,
    int_weights,
    narrow_limit,
    packed_tables,
    score_features,
    unpack,
)

_SENTENCE = (
    'Critics did not praise Ann, but they hailed Bo\u2019s plan; "Cy was wrong," '
    "said Dee, who was condemned by Eve while never backing Fay."
)
_WORDS = st.sampled_from(
    [
        "not",
        "never",
        "praised",
        "condemned",
        "by",
        "Ann",
        "Bo's",
        "U.S.",
        "who",
        "but",
        ",",
        '"',
        "\u201c",
        "\u201d",
        "-",
        "co-op",
        "ties",
        "\u03a3\u0391\u03a3",
        "\u0130z",
        "'s",
        "the",
        "criticised",
        "criticises",
        "Critics",
        "critic",
    ]
)


def _reference_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    found = _TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    return [Token(m.group().lower(), m.start(), m.end()) for m in found]


def _reference(text: str, start: int, end: int) -> tuple[str, float]:
    result = predict(features(text, start, end), load_weights())
    return result.label, result.score


def _top_labels(text: str, start: int, end: int) -> set[str]:
    """Labels the reference ranks first, all of them when classes tie.

    The fast paths sum integer weights, so a tie between two classes is exact there
    and broken toward the first; the reference sums floats, whose rounding may tip
    the same tie either way.
    """
    probs = predict(features(text, start, end), load_weights()).probabilities
    return {
        label
        for label, p in zip(("negative", "neutral", "positive"), probs, strict=True)
        if p >= max(probs) - 1e-9
    }


def _targets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)] + [(0, 0), (0, len(text))]


def test_every_target_of_a_sentence_scores_as_the_reference() -> None:
    scorer = SentenceScorer(_SENTENCE, tokenize(_SENTENCE))
    targets = _targets(_SENTENCE)
    for start, end in targets:  # first the one-pass path, then the shared sums
        got = scorer.polarity(start, end)
        assert (got.label, got.score) == _reference(_SENTENCE, start, end)
    for start, end in targets:
        got = scorer.polarity(start, end)
        assert (got.label, got.score) == _reference(_SENTENCE, start, end)


_INFLECTED = (
    "Critics said the critic criticised Ann, who criticises Bo and never criticised "
    "Cy; praising Dee, they praised Eve and praises came for Critics."
)


def test_inflected_words_share_their_stem_features() -> None:
    def scoped(feats: list[str]) -> set[str]:
        return {f for f in feats if f.startswith(("w:", "c:"))}

    past = features("Ann criticised Bo.", 0, 3)
    present = features("Ann criticises Bo.", 0, 3)
    assert "w:criticis" in past
    assert scoped(past) == scoped(present)
    assert "n:criticised" in past  # the near scopes keep the exact form
    assert "n:criticised" not in present
    negated = features("Ann never criticised Bo.", 0, 3)
    assert "w:~criticis" in negated
    assert "w:never" in negated
    assert {"w:critic", "c:critic"} <= set(features("Critics hailed the critic Bo.", 26, 28))
    assert "w:." in past  # forms without letters keep their form


def test_fast_paths_score_inflected_words_as_the_reference() -> None:
    # Tokens with one stem but other forms ("Critics", "critic"; "criticised",
    # "criticises") on and off the target: the shared sums count stems, not forms.
    targets = _targets(_INFLECTED)
    for asked in range(len(targets)):
        scorer = SentenceScorer(_INFLECTED, tokenize(_INFLECTED))
        for start, end in targets[: asked + 1]:
            got = scorer.polarity(start, end)
            assert (got.label, got.score) == _reference(_INFLECTED, start, end)


_PLAIN = 'Critics praised Ann and Ann\u2019s critic, while "Bo hailed Cy" and Critics hailed Bo.'


def test_one_pass_targets_share_the_sentence_and_score_as_polarity_at() -> None:
    # polarity_alone() keeps the sentence's forms, stems and word sum from its
    # first target: every later target (repeated stems, quotation marks, a
    # negator or none) scores as a fresh scorer's one-pass path does.
    for text in (_SENTENCE, _INFLECTED, _PLAIN):
        tokens = tokenize(text)
        shared = SentenceScorer(text, tokens)
        spans = [(i, j) for i in range(len(tokens) + 1) for j in (i, i + 1, i + 2)]
        for ti, tj in spans:
            tj = min(tj, len(tokens))
            got = shared.polarity_alone(ti, tj)
            assert got == SentenceScorer(text, tokens).polarity_at(ti, tj)
        start = text.index("Ann")
        ti, tj = target_tokens(tokens, start, start + 3)
        label, score = _reference(text, start, start + 3)
        assert (shared.polarity_alone(ti, tj).label, shared.polarity_alone(ti, tj).score) == (
            label,
            score,
        )


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=25), st.data())
def test_one_pass_sharing_matches_fresh_scorers_on_generated_sentences(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    tokens = tokenize(text)
    picks = data.draw(st.lists(st.sampled_from(_targets(text)), min_size=2, max_size=5))
    shared = SentenceScorer(text, tokens)
    for start, end in picks:
        ti, tj = target_tokens(tokens, start, end)
        expected = SentenceScorer(text, tokens).polarity_at(ti, tj)
        assert shared.polarity_alone(ti, tj) == expected
        # The label read from the integer sums: None exactly for neutral results.
        unless = shared.polarity_unless_neutral(ti, tj)
        assert unless == (None if expected.label == "neutral" else expected)


def test_an_exact_tie_between_classes_may_fall_either_way_in_the_reference() -> None:
    # Found by hypothesis: negative and neutral tie exactly in integer weights.
    text = "Bo's Bo's Bo's 's Critics"
    got = SentenceScorer(text, tokenize(text)).polarity(10, 14)
    assert got.probabilities[0] == got.probabilities[1] > got.probabilities[2]
    assert got.label == "negative"  # the fast paths break ties toward the first class
    assert _top_labels(text, 10, 14) == {"negative", "neutral"}


def test_token_ranges_score_as_offsets() -> None:
    tokens = tokenize(_SENTENCE)
    for start, end in _targets(_SENTENCE):
        ti, tj = target_tokens(tokens, start, end)
        for asked in range(4):  # one-pass paths, building the shared sums, shared sums
            by_offsets, by_tokens = (
                SentenceScorer(_SENTENCE, tokens),
                SentenceScorer(_SENTENCE, tokens),
            )
            for _ in range(asked):
                by_offsets.polarity(0, 3)
                by_tokens.polarity_at(0, 1)
            assert by_tokens.polarity_at(ti, tj) == by_offsets.polarity(start, end)


def test_integer_rows_equal_the_float_weights() -> None:
    floats = load_weights()
    for name, row in list(int_weights().items())[:500]:
        assert all(abs(i / 1000 - f) < 1e-9 for i, f in zip(row, floats[name], strict=True))
    feats = features(_SENTENCE, 23, 26)
    fast = result_of(score_features(feats, int_weights()))
    slow = predict(feats, load_weights())
    assert fast.label == slow.label
    assert abs(fast.score - slow.score) <= 1e-4


def test_packed_tables_hold_every_weight_row_once() -> None:
    tables = packed_tables()
    assert sum(map(len, tables)) == len(int_weights())
    for name, row in int_weights().items():
        prefix, _, word = name.partition(":")
        family = prefix if prefix in _FAMILIES else "names"
        assert unpack(getattr(tables, family)[word if family != "names" else name]) == row
    # A packed sum is the packed row of the sums, negative fields included, in
    # both widths (the wide one for texts longer than narrow_limit()).
    rows = [(-572, 3, -1), (5, -9, 400), (-1, -1, -1)]
    for shift in (21, 32):
        packed = sum(a + (b << shift) + (c << 2 * shift) for a, b, c in rows)
        assert unpack(packed, shift) == tuple(map(sum, zip(*rows, strict=True)))
    wide = packed_tables(32)
    assert unpack(wide.w["trump"], 32) == int_weights()["w:trump"]


def test_narrow_packing_reads_back_the_largest_possible_sums() -> None:
    # narrow_limit() tokens' worth of features, each at the largest weight, still
    # reads back exactly; the sums stay in C longs (what makes ``sum`` fast).
    largest = max(max(map(abs, row)) for row in int_weights().values())
    count = 7 * narrow_limit() + 45
    for sign in (1, -1):
        total = sign * count * largest
        packed = total + (-total << 21) + (total << 42)
        assert unpack(packed) == (total, -total, total)
        assert abs(packed) < 2**63
    assert narrow_limit() >= 100  # sentences of news are far shorter


def test_long_texts_score_like_the_reference() -> None:
    # Longer than narrow_limit(): the scorer takes the wide packing.
    text = " ".join(["Critics", "did", "not", "praise", "Ann", "and", "they"] * 60) + " hailed Bo."
    tokens = tokenize(text)
    assert len(tokens) > narrow_limit()
    start = text.rindex("Bo")
    got = SentenceScorer(text, tokens).polarity(start, start + 2)
    label, score = _reference(text, start, start + 2)
    assert abs(got.score - score) <= 1e-4
    assert got.label == label or got.label in _top_labels(text, start, start + 2)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=25), st.data())
def test_scorer_matches_reference_on_generated_sentences(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    spans = _targets(text)
    picks = data.draw(st.lists(st.sampled_from(spans), min_size=1, max_size=4))
    scorer = SentenceScorer(text, tokenize(text))
    for start, end in picks:
        got = scorer.polarity(start, end)
        label, score = _reference(text, start, end)
        # Only float noise of the reference's summation order can move a score by
        # one unit, or tip an exact tie between two classes.
        assert abs(got.score - score) <= 1e-4
        if abs(score) > 1e-3:
            assert got.label == label or got.label in _top_labels(text, start, end)
        assert polarity_of(text, start, end) == got


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(0, 5), st.integers(0, 5))
def test_tokenize_matches_token_by_token_lowercasing(text: str, cut_a: int, cut_b: int) -> None:
    start, end = min(cut_a, len(text)), max(0, len(text) - cut_b)
    assert tokenize(text, start, end) == _reference_tokens(text, start, end)
    assert tokenize(text) == _reference_tokens(text)


def test_tokenize_keeps_offsets_when_lowercasing_changes_length() -> None:
    text = "\u0130stanbul and \u039f\u0394\u039f\u03a3.\u0391 met"
    assert tokenize(text) == _reference_tokens(text)
    assert [t.low for t in tokenize("ABC def")] == ["abc", "def"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab -'.\u03a3\u0130\u2019,", max_size=60), st.data())
def test_tokens_cut_from_a_sentence_equal_tokenizing_the_range(
    text: str, data: st.DataObject
) -> None:
    # Any range inside a sentence: a cut, when given, is exactly tokenize(range).
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    a = data.draw(st.integers(s, e))
    b = data.draw(st.integers(a, e))
    sent = _Sentence(text, s, e, [])
    cut = _columns_within([sent], [s], a, b)
    if cut is not None:
        assert cut == token_columns(text, a, b)
        assert tokens_of(*cut) == tokenize(text, a, b)
    else:
        assert any(t.start < a < t.end or t.start < b < t.end for t in sent.tokens)


def test_quote_tokens_fall_back_outside_known_sentences() -> None:
    sent = _Sentence("Kim met Xi. Then", 0, 11, [])
    assert _columns_within([sent], [0], 0, 16) is None
    assert _columns_within([sent], [0], 4, 7) == (["met"], [4], [7])
    assert sent.tokens[1] == Token("met", 4, 7)


_PLAIN = (
    "Very angry critics hailed Ann, but the deeply flawed plan of \u201cBo was condemned "
    'by Eve\u201d; Cy praised it - a "truly great, good" idea.'
)
_ONE_PASS_WORDS = st.sampled_from(
    ["very", "praised", "condemned", "good", "not", "never", "Ann", "who", ",", ".", '"', "\u201c"]
)


def test_sentences_without_negators_score_as_the_reference() -> None:
    # One-pass scoring takes the word sets as slices (no per-token loop).
    for start, end in _targets(_PLAIN):
        got = SentenceScorer(_PLAIN, tokenize(_PLAIN)).polarity(start, end)
        assert (got.label, got.score) == _reference(_PLAIN, start, end)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ONE_PASS_WORDS, min_size=1, max_size=25), st.data())
def test_one_pass_scoring_matches_reference(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    start, end = data.draw(st.sampled_from(_targets(text)))
    got = SentenceScorer(text, tokenize(text)).polarity(start, end)
    _label, score = _reference(text, start, end)
    assert abs(got.score - score) <= 1e-4
    if abs(score) > 1e-3:
        # A tie of two classes (neutral and positive at equal probability) may go
        # either way in the reference's float sums.
        assert got.label in _top_labels(text, start, end)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=25), st.data())
def test_scorer_of_columns_scores_as_the_scorer_of_tokens(
    words: list[str], data: st.DataObject
) -> None:
    # The scorer made from parallel lists makes Tokens only next to each target
    # (and all of them once the shared sums are built): every path scores the same.
    text = " ".join(words)
    tokens = tokenize(text)
    n = len(tokens)
    ranges = data.draw(
        st.lists(st.tuples(st.integers(0, n), st.integers(0, 3)), min_size=1, max_size=7)
    )
    of_tokens = SentenceScorer(text, tokens)
    of_columns = SentenceScorer.of_columns(text, token_columns(text))
    alone = SentenceScorer.of_columns(text, token_columns(text))
    for ti, width in ranges:
        tj = min(n, ti + width)
        assert of_columns.polarity_at(ti, tj) == of_tokens.polarity_at(ti, tj)
        assert alone.polarity_unless_neutral(ti, tj) == (
            SentenceScorer(text, tokens).polarity_unless_neutral(ti, tj)
        )
    start, end = data.draw(st.sampled_from(_targets(text)))
    assert SentenceScorer.of_columns(text, token_columns(text)).polarity(start, end) == (
        SentenceScorer(text, tokens).polarity(start, end)
    )


def test_target_flags_of_a_window_equal_those_of_the_sentence() -> None:
    # add_target_flags() given only the Tokens around the target (the columns
    # scorer's window) adds what it adds given the whole sentence, at every place.
    for text in (_SENTENCE, _INFLECTED, "by Ann 's", "Ann", ""):
        tokens = tokenize(text)
        scorer = SentenceScorer.of_columns(text, token_columns(text))
        for ti in range(len(tokens) + 1):
            for tj in range(ti, min(len(tokens), ti + 3) + 1):
                for quoted in (False, True):
                    expected: set[str] = set()
                    add_target_flags(expected, tokens, ti, tj, quoted)
                    got: set[str] = set()
                    scorer._target_flags(got, ti, tj, quoted)
                    assert got == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=4, max_size=4),
    st.lists(st.integers(-5000, 5000), min_size=7, max_size=7),
    st.booleans(),
    st.sampled_from((21, 32)),
)
def test_fixed_rows_by_look_ups_equal_fixed_rows(
    lex: list[int], sums: list[int], has_quote: bool, shift: int
) -> None:
    # The scorer's remembered rows per count and sum add up to fixed_rows() on
    # any values, also values seen before at another place.
    rows = _fixed_rows(shift)
    assert rows.total(lex, sums, has_quote) == fixed_rows(lex, sums, has_quote, shift)
    counts = [abs(value) % 50 for value in sums[:4]]
    assert rows.total(counts, lex + sums[:3], has_quote) == fixed_rows(
        counts, lex + sums[:3], has_quote, shift
    )
