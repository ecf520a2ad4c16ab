"""Exceptions and warnings raised by newsparse.

The tree::

    NewsparseError
    ├── PluginError        a plugin failed to load or declares something invalid
    ├── ConfigError        bad pipeline or extractor configuration
    ├── PipelineError      the extractors cannot be ordered
    │   ├── MissingLayerError
    │   ├── DuplicateProviderError
    │   └── CycleError
    ├── ExtractorError     an extractor failed at run time (.extractor, .doc_id)
    ├── ParseTimeoutError  one input took longer than its time limit (.seconds)
    └── ReaderError        input could not be read (undecodable, empty, bad JSON)

    NewsparseWarning       a failure recorded under ``errors="record"``
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CycleError",
    "DuplicateProviderError",
    "ExtractorError",
    "MissingLayerError",
    "NewsparseError",
    "NewsparseWarning",
    "ParseTimeoutError",
    "PipelineError",
    "PluginError",
    "ReaderError",
]


class NewsparseError(Exception):
    """Base class of every newsparse error."""


class PluginError(NewsparseError):
    """A plugin could not be loaded, or declares an invalid extractor."""


class ConfigError(NewsparseError):
    """Configuration names an unknown extractor or sets a bad value."""


class PipelineError(NewsparseError):
    """The enabled extractors cannot form a pipeline."""


class MissingLayerError(PipelineError):
    """An extractor requires a layer that no enabled extractor provides."""


class DuplicateProviderError(PipelineError):
    """Two enabled extractors provide the same layer and neither replaces the other."""


class CycleError(PipelineError):
    """Extractors require each other's layers in a cycle."""


class ExtractorError(NewsparseError):
    """An extractor raised, or returned something invalid, while parsing a document."""

    def __init__(self, message: str, *, extractor: str, doc_id: str | None) -> None:
        """Record which extractor failed on which document."""
        super().__init__(message)
        self.extractor = extractor
        self.doc_id = doc_id


class ParseTimeoutError(NewsparseError):
    """Parsing one input took longer than the ``timeout`` it was given.

    Raised inside the parse by a ``SIGALRM`` handler (see
    ``Pipeline.parse_many(timeout=...)``), so it interrupts Python code only: a
    single call into C that does not return (a regular expression backtracking
    for ever) is not interrupted until it returns. Not a subclass of
    ``TimeoutError``: that is an ``OSError``, which readers turn into
    :class:`ReaderError`.
    """

    def __init__(self, message: str, *, seconds: float) -> None:
        """Record the limit that was exceeded."""
        super().__init__(message)
        self.seconds = seconds

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword argument (sent back from worker processes)."""
        return (_rebuild_timeout, (str(self), self.seconds))


def _rebuild_timeout(message: str, seconds: float) -> ParseTimeoutError:
    return ParseTimeoutError(message, seconds=seconds)


class ReaderError(NewsparseError, ValueError):
    """The input could not be turned into an article."""


class NewsparseWarning(UserWarning):
    """A recoverable problem, such as an extractor failure recorded in ``meta``."""
