"""newsparse-readability: words per sentence and reading time of a news article.

An example third-party newsparse plugin. It contributes one extractor,
``readability``, which needs the ``sentences`` layer and fills
``doc.extensions["readability"]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, hookimpl

__all__ = ["Readability", "ReadabilityConfig", "ReadabilityExtractor", "newsparse_extractors"]

# A word: letters or digits, with inner apostrophes or hyphens ("Jong-un", "don't").
_WORD_RE = re.compile(r"\w+(?:['\u2019-]\w+)*")


class ReadabilityConfig(BaseModel):
    """Settings of the ``readability`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    words_per_minute: int = Field(
        default=230, gt=0, description="Reading speed used to estimate reading time."
    )
    long_sentence: int = Field(
        default=30, gt=0, description="Sentences with more words than this count as long."
    )


class Readability(BaseModel):
    """What the extractor stores in ``doc.extensions["readability"]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: int = Field(description="Words in all sentences.")
    sentences: int = Field(description="Number of sentences.")
    words_per_sentence: float = Field(description="Mean words per sentence.")
    long_sentences: int = Field(description="Sentences longer than `long_sentence` words.")
    reading_minutes: float = Field(description="Words divided by `words_per_minute`.")


class ReadabilityExtractor(Extractor[ReadabilityConfig]):
    """Count words per sentence and estimate the reading time."""

    name = "readability"
    version = "0.1.0"
    requires = ("sentences",)
    provides = ("extensions.readability",)
    Config = ReadabilityConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Return ``{"extensions.readability": ...}`` for ``doc``."""
        counts = [len(_WORD_RE.findall(doc.text, s.start, s.end)) for s in doc.sentences]
        words = sum(counts)
        result = Readability(
            words=words,
            sentences=len(counts),
            words_per_sentence=round(words / len(counts), 1) if counts else 0.0,
            long_sentences=sum(n > self.config.long_sentence for n in counts),
            reading_minutes=round(words / self.config.words_per_minute, 1),
        )
        return {"extensions.readability": result.model_dump(mode="json")}


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute the ``readability`` extractor."""
    return [ReadabilityExtractor]
