"""Output records: articles and input failures as JSON Lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsparse.article import Article

__all__ = ["InputFailure", "Record", "record_to_json", "write_jsonl"]


class InputFailure(BaseModel):
    """An input that could not be parsed at all; written as an error record."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(description="Document id or input name.")
    source: str | None = Field(default=None, description="Path or record read.")
    error: Literal[True] = Field(default=True, description="Marks an error record.")
    error_type: str = Field(description="Exception class name.")
    message: str = Field(description="What went wrong and how to fix it.")


Record = Article | InputFailure


def record_to_json(record: Record) -> str:
    """Serialise one record as a single JSON line (no newline)."""
    return record.model_dump_json()


def write_jsonl(records: Iterable[Record], fh: IO[str]) -> tuple[int, int]:
    """Write records one per line; return ``(articles, failures)`` written."""
    ok = failed = 0
    for record in records:
        fh.write(record_to_json(record))
        fh.write("\n")
        if isinstance(record, InputFailure):
            failed += 1
        else:
            ok += 1
    return ok, failed
