"""Tests of the polarity model's valence and word-pair features."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse.plugins._stance.features import features
from newsparse.plugins._stance.model import load_weights, predict
from newsparse.plugins._stance.tokens import tokenize
from newsparse.plugins._stance.valence import add_valence_features, valence_tables
from newsparse.testing import best_cpu_seconds


def _valence(text: str, start: int, end: int) -> set[str]:
    tokens = tokenize(text)
    ti = next(i for i, t in enumerate(tokens) if t.start >= start)
    tj = next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
    out: set[str] = set()
    add_valence_features(out, tokens, ti, tj, 0, len(tokens))
    return out


def test_table_has_common_polar_words_with_signs() -> None:
    valence, boosters = valence_tables()
    assert valence["good"] > 0
    assert valence["terrible"] < 0
    assert all(isinstance(v, int) for v in list(valence.values())[:100])
    assert boosters["very"] == 1


def test_valence_sums_by_side() -> None:
    feats = _valence("The wonderful mayor met a horrible mob.", 14, 19)
    assert "vl:+2" in feats  # "wonderful" right before the target
    assert "vw:l+n" in feats
    assert any(f.startswith("vR:-") for f in feats)  # "horrible" to the right
    assert "vw:r-n" in feats  # three tokens after it


def test_negation_flips_valence() -> None:
    plain = _valence("Critics praised Ann today.", 16, 19)
    negated = _valence("Critics did not praise Ann today.", 23, 26)
    assert any(f.startswith("vl:+") for f in plain)
    assert any(f.startswith("vl:-") for f in negated)


def test_booster_raises_strength() -> None:
    plain = _valence("Ann was happy.", 0, 3)  # 2.7: class +2
    boosted = _valence("Ann was extremely happy.", 0, 3)  # 2.7 x 1.3: class +3
    plain_grade = next(f for f in plain if f.startswith("vs:"))
    boosted_grade = next(f for f in boosted if f.startswith("vs:"))
    assert plain_grade < boosted_grade  # "+1" < "+2": a stronger class


def test_target_words_do_not_count() -> None:
    feats = _valence("Happy Smith arrived.", 0, 11)
    assert "vs:0" in feats


def test_word_pairs_around_the_target() -> None:
    feats = set(features("Voters booed Ann loudly.", 13, 16))
    assert "bg:booed_<T>" in feats
    assert "bg:<T>_loudly" in feats
    assert "bg:voters_booed" in feats
    empty = set(features("Ann", 3, 3))  # an empty target at the end
    assert "bg:ann_<T>" in empty


def test_shipped_model_reads_unseen_polar_words_through_valence() -> None:
    # Made-up sentences with polar words; the shipped model follows their sign.
    weights = load_weights()
    good = "Ann delivered a brilliant, inspiring and admirable speech."
    bad = "Ann delivered a disgraceful, vile and pathetic speech."
    assert (
        predict(features(good, 0, 3), weights).score > predict(features(bad, 0, 3), weights).score
    )


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_any_text_any_target_gives_features(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    feats = features(text, start, end)
    assert "b" in feats
    assert len(feats) == len(set(feats))
    assert sum(1 for f in feats if f.startswith("vs:")) == 1


def test_features_time_grows_linearly() -> None:
    unit = "The senator praised the plan, but critics did not welcome it. "
    small, large = unit * 20, unit * 200
    t_small = best_cpu_seconds(lambda: features(small, 4, 11), runs=5)
    t_large = best_cpu_seconds(lambda: features(large, 4, 11), runs=5)
    assert t_large < 30 * t_small


def test_scorer_paths_equal_the_reference_with_valence() -> None:
    # Negators inside targets, quotes, boosters and polar words near many targets:
    # the one-pass path, the prefix-sum path and its fallback must all agree.
    from newsparse.plugins._stance.scorer import SentenceScorer

    text = (
        'Never Again Ltd said "not good" - yet Bo was very happy, '
        'not hated, and Cy never really won; extremely bad Dee. They do not "like" Eve.'
    )  # the quotation mark after the last "not", as a target, changes what "not" reaches
    tokens = tokenize(text)
    targets = [(t.start, t.end) for t in tokens] + [(0, 11), (39, 53), (0, 0), (0, len(text))]
    weights = load_weights()
    scorer = SentenceScorer(text, tokens)
    for _ in range(2):
        for start, end in targets:
            got = scorer.polarity(start, end)
            want = predict(features(text, start, end), weights)
            assert got.label == want.label
            assert abs(got.score - want.score) <= 1e-4


def _target_feats(text: str, start: int, end: int) -> set[str]:
    return {f for f in features(text, start, end) if f.startswith(("ct", "ch", "th:"))}


def test_target_head_word_and_clusters() -> None:
    from newsparse.plugins._stance.clusters import cluster_names

    feats = _target_feats("Voters cheered Senator Obama in Ohio.", 15, 28)
    assert "th:obama" in feats  # the last token of the mention is its head
    tokens_ct, head_ch = cluster_names("obama")
    assert set(tokens_ct) <= feats
    assert set(head_ch) <= feats
    assert set(cluster_names("senator")[0]) <= feats  # every target token's clusters
    assert {f for f in feats if f.startswith("ch")} == set(head_ch)  # one head only
    assert not {f for f in feats if "voters" in f or "ohio" in f}


def test_a_one_word_target_has_the_names_of_a_head_and_a_target_token() -> None:
    # One-word targets take their names from a cache made per word: the same set
    # as the token loop plus the head gives, asked twice (made, then cached).
    from newsparse.plugins._stance.clusters import cluster_names

    tokens_ct, head_ch = cluster_names("obama")
    for _ in range(2):
        feats = _target_feats("Voters cheered Obama in Ohio.", 15, 20)
        assert feats == {*tokens_ct, *head_ch, "th:obama"}
    assert _target_feats("Voters cheered Zqxv.", 15, 19) == {"th:zqxv"}


def test_names_used_alike_share_a_cluster() -> None:
    # Distributional clusters from unlabelled news text put two presidents'
    # names together at the coarser size, so a name unseen next to a polar
    # word still shares features with one seen there.
    from newsparse.plugins._stance.clusters import cluster_names, cluster_table

    assert len(cluster_table()[1]) > 5000
    assert cluster_names("obama")[0][0] == cluster_names("clinton")[0][0]
    assert cluster_names("obama")[0][0] != cluster_names("the")[0][0]
    assert cluster_names("zqxv") == ((), ())


def test_unknown_and_empty_targets_get_no_cluster() -> None:
    assert _target_feats("Ann met Zqxv.", 8, 12) == {"th:zqxv"}
    assert _target_feats("Ann met Zqxv.", 13, 13) == set()  # past the last token
