"""newsparse: news articles as validated, offset-anchored documents.

Parse a story with the default pipeline::

    import newsparse
    doc = newsparse.parse(text)

Write plugins with :class:`Extractor` and :data:`hookimpl`.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from typing import Any

from newsparse.errors import (
    ConfigError,
    CycleError,
    DuplicateProviderError,
    ExtractorError,
    MissingLayerError,
    NewsparseError,
    NewsparseWarning,
    ParseTimeoutError,
    PipelineError,
    PluginError,
    ReaderError,
)

if typing.TYPE_CHECKING:
    __version__: str
    from newsparse._construct import construct
    from newsparse.annotations import (
        Entity,
        ExtractorFailure,
        Mention,
        PluginRun,
        Quote,
        Section,
        Speaker,
        Stance,
    )
    from newsparse.article import LAYER_FIELDS, Article, ArticleMeta
    from newsparse.extractor import Extractor, NoConfig
    from newsparse.hookspecs import hookimpl, hookspec
    from newsparse.manager import make_plugin_manager
    from newsparse.output import InputFailure
    from newsparse.pipeline import Pipeline
    from newsparse.polarity import polarity_toward
    from newsparse.sourcing import summarize_sources
    from newsparse.spans import Span

# Public name -> defining module, imported on first access (PEP 562). pydantic's
# model machinery and pluggy cost far more to import than newsparse itself, so
# ``import newsparse`` loads only the exceptions; the document model loads on
# first use of a model name, the pipeline machinery (pluggy, config, readers)
# on first use of ``Pipeline``, ``parse`` or the hook markers.
_LAZY = {
    "Article": "newsparse.article",
    "ArticleMeta": "newsparse.article",
    "Entity": "newsparse.annotations",
    "Extractor": "newsparse.extractor",
    "ExtractorFailure": "newsparse.annotations",
    "InputFailure": "newsparse.output",
    "LAYER_FIELDS": "newsparse.article",
    "Mention": "newsparse.annotations",
    "NoConfig": "newsparse.extractor",
    "Pipeline": "newsparse.pipeline",
    "PluginRun": "newsparse.annotations",
    "Quote": "newsparse.annotations",
    "Section": "newsparse.annotations",
    "Span": "newsparse.spans",
    "Speaker": "newsparse.annotations",
    "Stance": "newsparse.annotations",
    "construct": "newsparse._construct",
    "hookimpl": "newsparse.hookspecs",
    "hookspec": "newsparse.hookspecs",
    "make_plugin_manager": "newsparse.manager",
    "polarity_toward": "newsparse.polarity",
    "summarize_sources": "newsparse.sourcing",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # importlib.metadata is slow to import; most users never ask.
        import importlib.metadata

        return importlib.metadata.version("newsparse")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsparse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "LAYER_FIELDS",
    "Article",
    "ArticleMeta",
    "ConfigError",
    "CycleError",
    "DuplicateProviderError",
    "Entity",
    "Extractor",
    "ExtractorError",
    "ExtractorFailure",
    "InputFailure",
    "Mention",
    "MissingLayerError",
    "NewsparseError",
    "NewsparseWarning",
    "NoConfig",
    "ParseTimeoutError",
    "Pipeline",
    "PipelineError",
    "PluginError",
    "PluginRun",
    "Quote",
    "ReaderError",
    "Section",
    "Span",
    "Speaker",
    "Stance",
    "__version__",
    "construct",
    "hookimpl",
    "hookspec",
    "make_plugin_manager",
    "parse",
    "polarity_toward",
    "summarize_sources",
]


def parse(
    source: str | bytes | Any,
    *,
    format: str = "auto",
    config: Mapping[str, Any] | None = None,
    id: str | None = None,
) -> Article:
    r"""Parse one article with the default pipeline (built-ins and installed plugins).

    Args:
        source: The article text (``str``), ``bytes``, or a ``pathlib.Path``.
        format: ``auto``, ``text``, ``markdown``, ``html`` or ``json``.
        config: Extractor settings, e.g. ``{"quotes": {"max_chars": 500}}``.
        id: Document id.

    Returns:
        The parsed, validated article.

    Example:
        >>> doc = parse("Quick Summary\n\nKim praised the troops. Xi did not.\n")
        >>> doc.sections[0].kind, [s.text for s in doc.sentences]
        ('summary', ['Quick Summary', 'Kim praised the troops.', 'Xi did not.'])
    """
    if config is None:
        return _default_pipeline().parse(source, format=format, id=id)
    from newsparse.pipeline import Pipeline

    return Pipeline.build(config).parse(source, format=format, id=id)


@functools.cache
def _default_pipeline() -> Pipeline:
    # Built on first use, not at import; plugins installed later need a new process.
    from newsparse.pipeline import Pipeline

    return Pipeline.build()
