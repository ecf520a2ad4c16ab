"""Built-in ``sentences`` extractor: sentence spans over every text region.

Regions are the title, each heading, each bullet item and each paragraph
(from the ``sections`` layers), in text order; each is split by a rule-based
splitter that keeps abbreviations ("Mr.", "U.S.", "Jan."), initials ("John
F. Kennedy"), decimals and lower-case continuations after an ellipsis inside
the sentence, and keeps closing quotes and brackets with the sentence they
close (``He said "no."``). Headings and titles are one sentence each unless
they hold several. A "sentence" longer than ``max_chars`` (scraped lists,
tables, unpunctuated text) is cut into pieces at clause marks or spaces, so
the extractors after this one do bounded work per sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import starmap
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, hookimpl
from newsparse.plugins._structure import Splitter, cap_lengths

__all__ = ["SentencesConfig", "SentencesExtractor"]


class SentencesConfig(BaseModel):
    """Settings of the ``sentences`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    extra_abbreviations: tuple[str, ...] = Field(
        default=(),
        description=(
            "More abbreviations after which a full stop never ends a sentence, "
            "as written, e.g. ('Gov', 'Atty')."
        ),
    )
    max_chars: int = Field(
        default=2000,
        ge=50,
        description=(
            "Longest sentence, in characters: a longer one is cut into pieces after a "
            "clause mark (; : , dash, closing bracket) or at a space. Real news sentences "
            "stay far below it; it bounds the work on scraped lists and unpunctuated text."
        ),
    )


class SentencesExtractor(Extractor[SentencesConfig]):
    """Split the title, headings, bullet items and paragraphs into sentences."""

    name = "sentences"
    version = "0.1.0"
    requires = ("paragraphs",)
    provides = ("sentences",)
    Config = SentencesConfig

    def __init__(self, config: SentencesConfig | None = None) -> None:
        """Keep the config and a splitter built from it."""
        super().__init__(config)
        self._splitter = Splitter(self.config.extra_abbreviations)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Return ``doc``'s sentences in text order, without overlaps."""
        text = doc.text
        span = doc.span
        ranges = self._splitter.split_regions(text, _clean(text, _regions(doc)))
        ranges = cap_lengths(text, ranges, self.config.max_chars)
        return {"sentences": tuple(starmap(span, ranges))}


def _regions(doc: Article) -> list[tuple[int, int]]:
    regions = [(p.start, p.end) for p in doc.paragraphs]
    if doc.title is not None:
        regions.append((doc.title.start, doc.title.end))
    for section in doc.sections:
        if section.heading is not None:
            regions.append((section.heading.start, section.heading.end))
        regions.extend((item.start, item.end) for item in section.items)
    regions.sort()
    return regions


def _clean(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clip overlaps and trim whitespace: other providers' layers may have both."""
    out: list[tuple[int, int]] = []
    last = 0
    for start, end in regions:
        start = max(start, last)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
            last = end
    return out


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the ``sentences`` extractor."""
    return [SentencesExtractor]
