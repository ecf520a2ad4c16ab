"""Tests of ``newsparse.polarity_toward``: target-dependent polarity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse.polarity import TargetPolarity, label_toward, polarity_toward
from newsparse.testing import best_cpu_seconds


def _at(text: str, mention: str) -> tuple[int, int]:
    start = text.index(mention)
    return start, start + len(mention)


def test_negative_toward_the_target() -> None:
    text = "Critics condemned Senator Hale as a corrupt liar who betrayed voters."
    result = polarity_toward(text, *_at(text, "Senator Hale"))
    assert isinstance(result, TargetPolarity)
    assert result.label == "negative"
    assert result.score < 0


def test_positive_toward_the_target() -> None:
    text = "Supporters praised Mayor Ortiz for her brave and successful leadership."
    result = polarity_toward(text, *_at(text, "Mayor Ortiz"))
    assert result.label == "positive"
    assert result.score > 0


def test_neutral_report() -> None:
    text = "Governor Mills will travel to Ohio on Tuesday, her office said."
    assert polarity_toward(text, *_at(text, "Governor Mills")).label == "neutral"


def test_score_is_probability_difference() -> None:
    text = "The committee thanked Dr Ames for her work."
    result = polarity_toward(text, *_at(text, "Dr Ames"))
    neg, neu, pos = result.probabilities
    assert abs(neg + neu + pos - 1.0) < 1e-9
    assert result.score == pytest.approx(pos - neg, abs=1e-4)


def test_label_adapter_returns_a_string() -> None:
    text = "Critics condemned Senator Hale."
    assert (
        label_toward(text, *_at(text, "Senator Hale"))
        == polarity_toward(text, *_at(text, "Senator Hale")).label
    )


def test_rejects_a_target_outside_the_text() -> None:
    with pytest.raises(ValueError, match="not inside"):
        polarity_toward("short", 3, 10)
    with pytest.raises(ValueError):
        polarity_toward("short", 4, 2)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_text_any_target(data: st.DataObject) -> None:
    text = data.draw(st.text(max_size=300))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    result = polarity_toward(text, start, end)
    assert result.label in ("negative", "neutral", "positive")
    assert -1.0 <= result.score <= 1.0


def test_time_grows_linearly() -> None:
    unit = "The minister praised the reforms, but critics called them a failure. "

    def seconds(n: int) -> float:
        text = "Ms Reyes said " + unit * n
        return best_cpu_seconds(lambda: polarity_toward(text, 0, 8), runs=5)

    seconds(2)  # warm up: load the weights
    small, large = seconds(20), seconds(200)
    assert large < 30 * small + 0.05


def test_offsets_must_be_integers_and_text_a_str() -> None:
    text = "Critics condemned Senator Hale."
    with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
        polarity_toward(text, 18.0, 30)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not bool"):
        polarity_toward(text, False, 30)
    with pytest.raises(TypeError, match="must be a str"):
        polarity_toward(text.encode(), 18, 30)  # type: ignore[arg-type]

    class Offset:  # any integer type (numpy's, say) works through __index__
        def __init__(self, value: int) -> None:
            self.value = value

        def __index__(self) -> int:
            return self.value

    assert polarity_toward(text, Offset(18), Offset(30)) == polarity_toward(text, 18, 30)  # type: ignore[arg-type]
