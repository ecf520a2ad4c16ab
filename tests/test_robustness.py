"""Bad input loses nothing: hostile and careless inputs through every entry point.

Each input either gives the documented error (``docs/reference/errors.md``) or a
valid article whose every span names its own slice of the text; a batch writes
one record per input (an error record for a failure) and carries on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsparse import Article, Pipeline
from newsparse.batch import run_batch
from newsparse.testing import assert_spans_valid

STORY = 'Senator Ada Brook said "we will win" on Monday.\n\nCritics attacked Brook.\n'


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.build(entry_points=False, errors="record")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def check_records(records: list[dict[str, Any]]) -> None:
    """Every record is an error record or a valid article (spans checked on validation)."""
    for record in records:
        if record.get("error"):
            assert record["error_type"] and record["message"]
        else:
            assert_spans_valid(Article.model_validate(record))


# -- text that cannot be written as UTF-8 -------------------------------------------


def test_lone_surrogate_escapes_in_json_records_become_replacement_characters(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    feed = write(
        tmp_path / "feed.jsonl",
        '{"id": "ok", "text": "Ada Brook spoke."}\n'
        '{"id": "cut", "text": "Ada \\ud83d Brook said \\"fine\\" today.", "title": "\\udfff"}\n'
        '{"id": "\\ud800x", "text": "An id cut in half."}\n',
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch([feed], out, pipeline=pipeline, progress="never")
    records = lines(out)
    assert summary.failed == 0
    assert [r["id"] for r in records] == ["ok", "cut", "\ufffdx"]
    # One code point for one: the text keeps its length, so offsets keep their meaning.
    assert records[1]["text"].startswith("\ufffd\n\nAda \ufffd Brook said")
    check_records(records)
    # --resume recognises the rewritten id: nothing parsed twice.
    again = run_batch([feed], out, pipeline=pipeline, progress="never", resume=True)
    assert (again.articles, again.skipped) == (0, 3)
    assert len(lines(out)) == 3


def test_file_names_that_are_not_utf8_give_writable_ids(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        bad = write(Path(os.fsdecode(os.fsencode(folder) + b"/bad\xff.txt")), STORY)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    write(folder / "good.txt", STORY)
    out = tmp_path / "out.jsonl"
    summary = run_batch([folder], out, pipeline=pipeline, progress="never")
    records = lines(out)
    assert summary.failed == 0
    assert [r["id"] for r in records] == ["bad\\xff", "good"]
    assert records[0]["meta"]["source"].endswith("bad\\xff.txt")
    check_records(records)
    doc = pipeline.parse(bad)
    assert doc.id == "bad\\xff"
    doc.model_dump_json()  # raises if a surrogate is left anywhere
