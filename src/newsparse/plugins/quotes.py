"""Built-in `quotes` plugin (being written: contributes no extractor yet)."""

from __future__ import annotations

from typing import Any

from newsparse import Extractor, hookimpl


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    """Contribute no extractor until the `quotes` extractor lands."""
    return []
