import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from newsparse import Article, Span
from newsparse.spans import check_span


def test_span_rejects_end_before_start() -> None:
    with pytest.raises(ValidationError, match=r"before start"):
        Span(start=5, end=2, text="")


def test_span_rejects_text_of_wrong_length() -> None:
    with pytest.raises(ValidationError, match=r"covers 3"):
        Span(start=0, end=3, text="ab")


def test_span_is_frozen() -> None:
    span = Span(start=0, end=1, text="a")
    with pytest.raises(ValidationError):
        span.start = 1  # type: ignore[misc]


def test_check_span_names_the_mismatch() -> None:
    with pytest.raises(ValueError, match=r"quotes\[0\]\.cue.*'said'"):
        check_span(Span(start=0, end=4, text="sayd"), "said it", "quotes[0].cue")
    with pytest.raises(ValueError, match=r"ends past the text"):
        check_span(Span(start=5, end=9, text="abcd"), "short", "x")


@given(st.text(max_size=50), st.data())
def test_doc_span_counts_code_points(text: str, data: st.DataObject) -> None:
    doc = Article.from_text(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = doc.span(start, end)
    assert span.text == text[start:end]
    assert (span.start, span.end) == (start, end)


def test_doc_span_counts_astral_characters_as_one() -> None:
    doc = Article.from_text("📋 Kim")
    assert doc.span(2, 5).text == "Kim"


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_doc_span_rejects_ranges_outside_the_text(start: int, end: int) -> None:
    doc = Article.from_text("Kim spoke.")
    with pytest.raises(ValueError, match=r"not inside the text"):
        doc.span(start, end)


def test_doc_span_behaves_like_a_validated_span() -> None:
    doc = Article.from_text("Kim spoke.")
    fast = doc.span(0, 3)
    assert fast == Span(start=0, end=3, text="Kim")
    assert fast.model_fields_set == {"start", "end", "text"}
    moved = fast.model_copy(update={"start": 1})  # needs a mutable fields set
    assert moved.start == 1 and fast.start == 0
