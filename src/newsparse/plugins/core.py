"""Default hook implementations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsparse import Article, Extractor, hookimpl


@hookimpl(trylast=True)
def newsparse_run_extractor(extractor: Extractor[Any], doc: Article) -> Mapping[str, Any]:
    """Run the extractor itself; other plugins may wrap or replace this."""
    return extractor.extract(doc)
