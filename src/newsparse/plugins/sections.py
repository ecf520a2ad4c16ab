"""Built-in ``sections`` extractor: title, byline, dateline, sections, paragraphs.

Works on plain text, Markdown (``#`` headings, ``-``/``*``/``+``/``•``
bullets, numbered lists) and the Markdown that the HTML reader extracts.
Rules, in short:

* **Title**: the first line when it reads as a headline (short, not a
  section label, not an emoji-only line, not a dateline or byline), or when
  it equals the title from the input's metadata (``meta.title_hint``).
* **Headings**: Markdown headings; short standalone Title Case lines without
  final punctuation; emoji-prefixed or bold labels; known labels ("Key
  Facts", "Quick Summary", "TL;DR", ...), which give the ``key_facts`` and
  ``summary`` kinds. Heading spans leave out ``#``, emoji and ``**``.
* **Sections**: a heading opens a section that runs up to the next one; prose
  before the first heading is the ``lede`` (after a title) or ``other``.
  Bullet entries become ``items`` without glyph or indentation.
* **Paragraphs**: prose blocks separated by blank lines or indentation (or
  one per line when the text is not hard-wrapped); headings, the title,
  bylines, emoji-only lines and bullet items are not paragraphs.
* **Byline** ("By Jane Doe") and **dateline** ("WASHINGTON (AP) —", the
  opening of the first paragraph).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import starmap
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, hookimpl
from newsparse.plugins._structure import LayoutOptions, analyse
from newsparse.plugins._structure.models import new_section

__all__ = ["SectionsConfig", "SectionsExtractor"]


class SectionsConfig(BaseModel):
    """Settings of the ``sections`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title_max_words: int = Field(
        default=25, gt=0, description="A first line with more words is not a title."
    )
    title_full_stop_max_words: int = Field(
        default=14,
        gt=0,
        description=(
            "A first line in sentence case that ends in a full stop is a title only "
            "up to this many words (some sources end headlines with one; ledes are "
            "longer). Title Case lines may have up to title_max_words."
        ),
    )
    heading_max_words: int = Field(
        default=12, gt=0, description="A plain-text line with more words is not a heading."
    )
    line_paragraphs: Literal["auto", "always", "never"] = Field(
        default="auto",
        description=(
            "Whether each line is its own paragraph: 'auto' decides from the "
            "format (HTML extracts) and from line lengths (text not hard-wrapped)."
        ),
    )
    wrap_width: int = Field(
        default=100,
        gt=0,
        description="Lines longer than this are taken as whole paragraphs, not wrapped.",
    )


class SectionsExtractor(Extractor[SectionsConfig]):
    """Find the title, byline, dateline, sections and paragraphs of a story."""

    name = "sections"
    version = "0.1.0"
    requires = ()
    provides = ("title", "byline", "dateline", "sections", "paragraphs")
    Config = SectionsConfig

    def __init__(self, config: SectionsConfig | None = None) -> None:
        """Keep the config and the layout thresholds derived from it."""
        super().__init__(config)
        c = self.config
        self._options = LayoutOptions(
            title_max_words=c.title_max_words,
            title_full_stop_max_words=c.title_full_stop_max_words,
            heading_max_words=c.heading_max_words,
            line_paragraphs=c.line_paragraphs,
            wrap_width=c.wrap_width,
        )

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Return the structure layers of ``doc``."""
        layout = analyse(
            doc.text,
            fmt=doc.meta.format,
            title_hint=doc.meta.title_hint,
            options=self._options,
        )
        span = doc.span
        # The values are valid by construction: built without re-validation
        # (see ``_structure.models``).
        sections = tuple(
            new_section(
                plan.kind,
                span(*plan.heading) if plan.heading is not None else None,
                plan.start,
                plan.end,
                tuple(starmap(span, plan.items)),
            )
            for plan in layout.sections
        )
        return {
            "title": span(*layout.title) if layout.title is not None else None,
            "byline": span(*layout.byline) if layout.byline is not None else None,
            "dateline": span(*layout.dateline) if layout.dateline is not None else None,
            "sections": sections,
            "paragraphs": tuple(starmap(span, layout.paragraphs)),
        }


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the ``sections`` extractor."""
    return [SectionsExtractor]
