"""Hypothesis strategies and assertions for plugin authors.

Example:
    >>> from hypothesis import given
    >>> from newsparse.testing import article_texts, assert_spans_valid
    >>> @given(article_texts())
    ... def test_my_extractor(text):
    ...     assert_spans_valid(my_pipeline.parse(text))
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from newsparse.annotations import Entity, Mention, Section
from newsparse.article import Article
from newsparse.spans import Span

__all__ = ["article_texts", "articles", "assert_spans_valid", "best_cpu_seconds"]

_WORDS = (
    "Kim",
    "Jong-un",
    "praised",
    "Russia",
    "Moscow",
    "said",
    "according",
    "to",
    "analysts",
    "the",
    "North",
    "Korea",
    "Mr.",
    "U.S.",
    "3.5",
    "\u201cquote,\u201d",
    "'scare'",
    "don't",
    "Key",
    "Facts",
    "Summary",
    "•",
    "-",
    "#",
    "\u2014",
    "(AFP)",
    "she",
    "they",
    "while",
)
_SEPARATORS = (" ", " ", " ", "\n", "\n\n", "\r\n", ". ", ", ", "\t", "  ")


def article_texts() -> st.SearchStrategy[str]:
    """Texts that look like news (words, bullets, quotes, headings) or are arbitrary Unicode."""
    newsy = st.lists(
        st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=80
    ).map(lambda pairs: "".join(w + s for w, s in pairs))
    return st.one_of(newsy, st.text(max_size=300))


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Articles with arbitrary text and random, valid span layers."""
    text = draw(st.text(max_size=200))
    doc = Article.from_text(text, id=draw(st.text(min_size=1, max_size=8)))

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        return doc.span(start, end)

    sentences = [span() for _ in range(draw(st.integers(0, 4)))]
    mentions = [
        doc.typed_span(Mention, s.start, s.end, kind=draw(st.sampled_from(["name", "alias"])))
        for s in (span() for _ in range(draw(st.integers(0, 3))))
    ]
    layers: dict[str, Any] = {"sentences": sentences}
    if mentions:
        layers["entities"] = [Entity(id="E1", name="x", type="PERSON", mentions=tuple(mentions))]
    if text:
        whole = span()
        layers["sections"] = [Section(kind="body", start=whole.start, end=whole.end)]
    return doc.with_layers(layers)


def assert_spans_valid(doc: Article) -> None:
    """Assert every span of ``doc`` lies inside the text and names its own slice."""
    for where, span in doc.iter_spans():
        assert 0 <= span.start <= span.end <= len(doc.text), f"{where}: {span} out of range"
        assert doc.text[span.start : span.end] == span.text, f"{where}: {span} text differs"
    for i, section in enumerate(doc.sections):
        assert 0 <= section.start <= section.end <= len(doc.text), f"sections[{i}] out of range"


def best_cpu_seconds(fn: Callable[[], object], *, runs: int = 7) -> float:
    """Return the least CPU time of ``runs`` calls of ``fn``, for linearity tests.

    The best of several runs, with the garbage collector paused, is the figure
    least disturbed by a shared machine. Never returns 0, so ratios are defined.
    """
    times = []
    gc.disable()
    try:
        for _ in range(runs):
            started = time.process_time()
            fn()
            times.append(time.process_time() - started)
    finally:
        gc.enable()
    return max(min(times), 1e-6)
