"""Configure extractors, and see what happens when one fails.

Shows, with two small in-process extractors:

1. settings from a config dict, validated when the pipeline is built;
2. a bad setting, rejected with a :class:`newsparse.ConfigError`;
3. ``errors="raise"`` (the default): a failing extractor stops the parse;
4. ``errors="record"``: the failure is recorded in ``doc.meta.errors``, the
   extractors that need its layer are skipped, and the article is kept.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsparse import (
    Article,
    ConfigError,
    Extractor,
    ExtractorError,
    NewsparseWarning,
    NoConfig,
    Pipeline,
    hookimpl,
)


class LongWordsConfig(BaseModel):
    """Settings of the ``long_words`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_length: int = Field(default=8, gt=0, description="Shortest word counted as long.")


class LongWords(Extractor[LongWordsConfig]):
    """List the words of at least ``min_length`` letters."""

    name = "long_words"
    provides = ("extensions.long_words",)
    Config = LongWordsConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        words = [w.strip(".,") for w in doc.text.split()]
        return {"extensions.long_words": [w for w in words if len(w) >= self.config.min_length]}


class Figures(Extractor[NoConfig]):
    """Pretend to parse figures; raises on text without a digit, as buggy code might."""

    name = "figures"
    provides = ("extensions.figures",)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        digits = [c for c in doc.text if c.isdigit()]
        if not digits:
            raise ValueError("no figures in the text")
        return {"extensions.figures": len(digits)}


class FigureSummary(Extractor[NoConfig]):
    """Depends on ``figures``: skipped whenever ``figures`` fails."""

    name = "figure_summary"
    requires = ("extensions.figures",)
    provides = ("extensions.figure_summary",)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        return {"extensions.figure_summary": f"{doc.extensions['figures']} digits"}


class DemoPlugin:
    """Contributes the three extractors above."""

    @hookimpl
    def newsparse_extractors(self) -> list[type[Extractor[Any]]]:
        return [LongWords, Figures, FigureSummary]


TEXT = "Negotiators announced a provisional agreement late on Thursday evening."
MINE = ("long_words", "figures", "figure_summary")


def build(config: Mapping[str, Any] | None = None, **options: Any) -> Pipeline:
    return Pipeline.build(config, plugins=[DemoPlugin()], entry_points=False, **options)


def main() -> None:
    print("1. settings from a dict")
    for config in (None, {"long_words": {"min_length": 11}}):
        doc = build(config, disable=["figures", "figure_summary"]).parse(TEXT, id="demo")
        print(f"   {config}: {doc.extensions['long_words']}")

    print("2. a bad setting")
    try:
        build({"long_words": {"min_length": 0}})
    except ConfigError as exc:
        print(f"   ConfigError: {exc}")

    print('3. errors="raise" (default)')
    try:
        build().parse(TEXT, id="demo")
    except ExtractorError as exc:
        print(f"   ExtractorError from {exc.extractor!r} on {exc.doc_id!r}")
        print(f"   caused by {type(exc.__cause__).__name__}: {exc.__cause__}")

    print('4. errors="record"')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = build(errors="record").parse(TEXT, id="demo")
    warned = any(issubclass(w.category, NewsparseWarning) for w in caught)
    print(f"   NewsparseWarning emitted: {warned}")
    for failure in (f for f in doc.meta.errors if f.extractor in MINE):
        print(f"   recorded: {failure.extractor}: {failure.error_type}: {failure.message}")
        print(f"   skipped: {[name for name in failure.skipped if name in MINE]}")
    for run in doc.pipeline:
        if run.name in MINE:
            print(f"   ran {run.name}: {run.status}")
    print(f"   the article is kept: {doc.extensions['long_words']}")


if __name__ == "__main__":
    main()
