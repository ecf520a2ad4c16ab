# mypy: disable-error-code="empty-body"
"""Hook specifications: the whole plugin contract of newsparse.

Implementations may accept any subset of a hook's arguments, so adding an
argument later breaks nobody. Give implementation arguments no defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from newsparse.article import Article
    from newsparse.extractor import Extractor

__all__ = ["hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker("newsparse")
hookimpl = pluggy.HookimplMarker("newsparse")


# -- Build phase ---------------------------------------------------------------


@hookspec
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Return the extractor classes this plugin contributes.

    Called once per :meth:`newsparse.Pipeline.build`. The pipeline orders the
    extractors by their ``requires``/``provides`` declarations, never by
    registration order.

    Returns:
        Extractor classes. Each ``Extractor.name`` must be unique across plugins,
        unless one class lists the other's name in ``replaces``.

    Added in 0.1.0.
    """


# -- Run phase -----------------------------------------------------------------


@hookspec(firstresult=True)
def newsparse_run_extractor(extractor: Extractor[Any], doc: Article) -> Mapping[str, Any] | None:
    """Run one extractor on one article and return the layers it produced.

    Called for each extractor of the pipeline, in order. The first non-``None``
    result wins (``firstresult``); the default implementation, registered
    ``trylast`` by the ``core`` plugin, calls ``extractor.extract(doc)``.
    Use ``wrapper=True`` implementations to observe (timing, tracing), not to
    change results.

    Args:
        extractor: The configured extractor instance.
        doc: The article with every layer the extractor requires.

    Returns:
        A mapping of layer keys to values, checked against ``extractor.provides``.

    Added in 0.1.0.
    """


@hookspec
def newsparse_document_parsed(doc: Article) -> None:
    """Observe an article after every extractor has run.

    Called once per parsed article, after validation. Return values are ignored.

    Args:
        doc: The finished article.

    Added in 0.1.0.
    """
