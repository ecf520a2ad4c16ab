"""The lean one-pass scoring of a sentence's few targets equals the scorer and the reference."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse.plugins._stance.features import _QUOTES, features, target_tokens
from newsparse.plugins._stance.model import load_weights, predict
from newsparse.plugins._stance.onepass import polarities
from newsparse.plugins._stance.scorer import SentenceScorer
from newsparse.plugins._stance.tokens import _TOKEN_RE, token_columns, tokenize, tokens_of
from newsparse.plugins._stance.weights import _FAMILIES, packed_tables

# Negators, polar words, boosters, quotation marks, clause breaks, possessives, and
# words holding "_" (the word-pair features join two words with it).
_VOCABULARY = (
    "not never praised condemned very good by Ann Bo's 's who but , . \" \u201c \u201d - "
    "co-op ties the criticised Critics Ann_Lee x_"
)
_WORDS = st.sampled_from(_VOCABULARY.split(" "))

_SENTENCE = (
    'Critics did not praise Ann, but the very angry Bo hailed Cy\u2019s plan; "Dee was '
    'wrong," said Eve, who was condemned by Fay while never backing Gus Hall.'
)


def _ranges(text: str) -> list[tuple[int, int]]:
    tokens = tokenize(text)
    words = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    # Two-word targets too (their cluster names may repeat), and empty or whole ones.
    spans = words + [(a[0], b[1]) for a, b in pairwise(words)] + [(0, 0), (0, len(text))]
    return [target_tokens(tokens, a, b) for a, b in spans]


def test_every_target_scores_as_the_scorer_and_the_reference() -> None:
    columns = token_columns(_SENTENCE)
    targets = _ranges(_SENTENCE)
    got = polarities(columns, targets)
    tokens = tokens_of(*columns)
    assert any(r is not None for r in got) and any(r is None for r in got)
    for (ti, tj), result in zip(targets, got, strict=True):
        expected = SentenceScorer(_SENTENCE, tokens).polarity_unless_neutral(ti, tj)
        assert result == expected
        if result is not None and ti < tj:
            start, end = tokens[ti].start, tokens[tj - 1].end
            reference = predict(features(_SENTENCE, start, end), load_weights())
            assert abs(reference.score - result.score) <= 1e-4


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30), st.data())
def test_generated_sentences_score_as_the_scorer(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    columns = token_columns(text)
    targets = data.draw(st.lists(st.sampled_from(_ranges(text)), min_size=1, max_size=6))
    tokens = tokens_of(*columns)
    expected = [SentenceScorer(text, tokens).polarity_unless_neutral(a, b) for a, b in targets]
    assert polarities(columns, targets) == expected


def test_the_word_tables_hold_no_quotation_mark() -> None:
    # features() names no quotation mark as a word, so the lean path may leave
    # them in its word sets: they weigh nothing.
    tables = packed_tables()
    for family in _FAMILIES:
        assert _QUOTES.isdisjoint(getattr(tables, family)), family


def test_an_empty_sentence_has_no_targets_to_score() -> None:
    assert polarities(([], [], []), []) == []
    assert polarities(([], [], []), [(0, 0)]) == [
        SentenceScorer("", []).polarity_unless_neutral(0, 0)
    ]
