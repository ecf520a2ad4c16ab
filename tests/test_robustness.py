"""Bad input loses nothing: hostile and careless inputs through every entry point.

Each input either gives the documented error (``docs/reference/errors.md``) or a
valid article whose every span names its own slice of the text; a batch writes
one record per input (an error record for a failure) and carries on.

This module is also a plugin (``newsparse_extractors`` below: an extractor that
stalls), registered by name where a test asks for it, as any plugin would be.
"""

from __future__ import annotations

import contextlib
import html
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Article, ConfigError, Extractor, NoConfig, Pipeline, ReaderError, hookimpl
from newsparse.batch import run_batch
from newsparse.cli import main
from newsparse.errors import ParseTimeoutError
from newsparse.output import InputFailure
from newsparse.polarity import polarity_toward
from newsparse.readers import read
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


# -- odd directories ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX links")
def test_symlink_loops_fifos_and_dangling_links_in_a_directory(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    root = tmp_path / "in"
    write(root / "a.txt", STORY)
    write(root / "sub" / "b.txt", STORY)
    os.symlink(".", root / "loop")  # back into the top: its files are read once
    os.symlink("..", root / "sub" / "up")
    os.symlink("self.txt", root / "self.txt")  # a loop of links: an error record
    os.symlink(tmp_path / "nowhere.txt", root / "dangling.txt")  # an error record
    os.mkfifo(root / "sub" / "pipe.txt")  # never opened: reading it would block
    write(root / "empty.txt", "")
    out = tmp_path / "out.jsonl"
    summary = run_batch([root], out, pipeline=pipeline, progress="never")
    records = lines(out)
    assert [(r["id"], bool(r.get("error"))) for r in records] == [
        ("a", False),
        ("dangling", True),
        ("empty", True),
        ("self", True),
        ("sub/b", False),
    ]
    assert (summary.articles, summary.failed) == (5, 3)
    assert "No such file" in records[1]["message"]
    assert "empty" in records[2]["message"]
    check_records(records)


def _stack_depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
    return depth


def test_a_directory_deeper_than_the_recursion_limit_is_walked(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    # 300 levels under a recursion limit lowered to 150 frames above this one: a
    # recursive walk overflows. (A tree deeper than the real limit would also break
    # pytest's own recursive clean-up of tmp_path.)
    root = tmp_path / "in"
    deep = root / Path(*["d"] * 300)
    write(deep / "story.txt", STORY)
    write(root / "a.txt", STORY)
    out = tmp_path / "out.jsonl"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_stack_depth() + 150)
    try:
        summary = run_batch([root], out, pipeline=pipeline, progress="never")
    finally:
        sys.setrecursionlimit(limit)
    assert (summary.articles, summary.failed) == (2, 0)
    assert [r["id"] for r in lines(out)] == ["a", "d/" * 300 + "story"]


def test_unlistable_directory_and_unreadable_file_are_recorded(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not stop root, so the refusals are simulated.
    root = tmp_path / "in"
    write(root / "a.txt", STORY)
    write(root / "locked" / "hidden.txt", STORY)
    write(root / "secret.txt", STORY)
    write(root / "z.txt", STORY)
    real_scandir, real_read_bytes = os.scandir, Path.read_bytes

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out.jsonl"
    summary = run_batch([root], out, pipeline=pipeline, progress="never")
    records = lines(out)
    assert [(r["id"], bool(r.get("error"))) for r in records] == [
        ("a", False),
        ("locked", True),
        ("secret", True),
        ("z", False),
    ]
    assert summary.failed == 2
    assert "cannot list" in records[1]["message"] and "Permission denied" in records[1]["message"]
    assert "cannot read" in records[2]["message"]
    # --resume: the failures are not retried, nothing is lost or written twice.
    again = run_batch([root], out, pipeline=pipeline, progress="never", resume=True)
    assert (again.articles, again.skipped) == (0, 4)
    assert len(lines(out)) == 4


# -- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16", b""),  # Python writes the mark itself
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32", b""),
        ("utf-8", b"\xef\xbb\xbf"),
    ],
)
def test_utf16_and_utf32_files_are_decoded(
    tmp_path: Path, pipeline: Pipeline, encoding: str, bom: bytes
) -> None:
    path = write(tmp_path / "story.txt", bom + STORY.encode(encoding))
    doc = pipeline.parse(path)
    assert doc.text == STORY
    assert_spans_valid(doc)
    assert doc.entities


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("Jos\xe9 said".encode("latin-1"), "not valid UTF-8 (byte 3"),
        (bytes(range(256)), "not valid UTF-8"),
        (b"\xff\xfeA\x00\x00\xd8", "not valid UTF-16"),  # a lone surrogate
        (b"", "is empty"),
    ],
)
def test_undecodable_files_give_a_reader_error(tmp_path: Path, data: bytes, says: str) -> None:
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(ReaderError, match=re.escape(says)):
        read(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_json_lines_are_streamed_whole(
    tmp_path: Path, pipeline: Pipeline, encoding: str
) -> None:
    lines_ = ['{"id": "a", "text": "Ada spoke."}', '{"id": "b", "text": "Carl spoke."}']
    data = ("\n".join(lines_) + "\n").encode(encoding)
    feed = write(tmp_path / "feed.jsonl", data + b"\xd8")
    out = tmp_path / "out.jsonl"
    run_batch([feed], out, pipeline=pipeline, progress="never")
    records = lines(out)
    assert [(r["id"], r.get("text")) for r in records[:2]] == [
        ("a", "Ada spoke."),
        ("b", "Carl spoke."),
    ]
    # The stray last byte spoils only its own line: one error record.
    assert [r["id"] for r in records[2:]] == ["feed:3"] and records[2]["error"]


def test_utf8_text_with_a_few_nul_bytes_stays_utf8(pipeline: Pipeline) -> None:
    data = b"Ada Brook\x00 spoke\x00 on Monday\x00."
    assert read(data).text == data.decode()


# -- JSON records -----------------------------------------------------------------------


def test_duplicate_record_ids_are_made_unique_and_resume_loses_none(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    # Two feeds that both number their records from 1, and a repeat inside one.
    write(
        tmp_path / "in" / "a.jsonl",
        '{"id": 1, "text": "Ada spoke."}\n{"id": 1, "text": "Again."}\n',
    )
    write(tmp_path / "in" / "b.json", json.dumps([{"id": "1", "text": "Other feed."}]))
    write(tmp_path / "in" / "c.json", json.dumps({"id": "a:1", "text": "Whole file."}))
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "in"], out, pipeline=pipeline, progress="never")
    records = lines(out)
    assert [(r["id"], r["text"]) for r in records] == [
        ("1", "Ada spoke."),
        ("1#2", "Again."),
        ("1#3", "Other feed."),
        ("a:1", "Whole file."),
    ]
    # Killed after the first record: resume writes the other three, each once.
    with out.open("r+b") as fh:
        fh.truncate(len(fh.readline()))
    again = run_batch([tmp_path / "in"], out, pipeline=pipeline, progress="never", resume=True)
    assert (again.articles, again.skipped) == (3, 1)
    assert [(r["id"], r["text"]) for r in lines(out)] == [(r["id"], r["text"]) for r in records]


@pytest.mark.parametrize(
    ("record", "outcome"),
    [
        ({"id": "n", "text": None}, "has no text"),
        ({"id": "l", "text": ["Ada", "spoke"]}, "has no text"),
        ({"id": "o", "text": {"nested": "Ada spoke."}}, "has no text"),
        ({"id": "w", "text": " \n "}, "has no text"),
        ({"id": "m"}, "has no text"),
        ({"id": "num", "text": 12345}, "12345"),
        ({"id": 10**40, "text": "Huge id."}, "Huge id."),
        ({"id": True, "text": "A bool is no id."}, "A bool is no id."),
        ({"id": "t", "text": "Body.", "title": 7, "date": {"y": 1}, "url": []}, "7\n\nBody."),
        ([1, 2], "expected a JSON object"),
        ("not json", "invalid JSON"),
    ],
)
def test_odd_json_records_give_a_record_each(
    tmp_path: Path, pipeline: Pipeline, record: Any, outcome: str
) -> None:
    line = record if isinstance(record, str) else json.dumps(record)
    feed = write(tmp_path / "feed.jsonl", f'{line}\n{{"text": "Ada Brook spoke."}}\n')
    out = tmp_path / "out.jsonl"
    summary = run_batch([feed], out, pipeline=pipeline, progress="never")
    first, second = lines(out)
    assert second["text"] == "Ada Brook spoke."  # the batch carried on
    if first.get("error"):
        assert first["error_type"] == "ReaderError" and outcome in first["message"]
        assert summary.failed == 1
    else:
        assert first["text"] == outcome and summary.failed == 0
    check_records([first, second])


def test_json_with_a_byte_order_mark_is_read(tmp_path: Path, pipeline: Pipeline) -> None:
    record = {"id": "bom", "text": "Ada Brook spoke on Monday."}
    single = write(tmp_path / "one.json", b"\xef\xbb\xbf" + json.dumps(record).encode())
    feed = write(tmp_path / "feed.jsonl", b"\xef\xbb\xbf" + json.dumps(record).encode() + b"\n")
    assert pipeline.parse(single).id == "bom"
    # A str decoded without dropping the mark ("utf-8", not "utf-8-sig").
    as_str = "\ufeff" + json.dumps(record)
    assert read(as_str).text == read(as_str, format="json").text == record["text"]
    out = tmp_path / "out.jsonl"
    run_batch([single, feed], out, pipeline=pipeline, progress="never")
    assert [(r["id"], r.get("error")) for r in lines(out)] == [("bom", None), ("bom#2", None)]


# -- newsparse tables -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"Jos\xe9\n", "line 1 is not JSON"),
        (b'{"id": "a", "text": "x"}\n[1]\n', "line 2 is not a record"),
        (b"5\n", "line 1 is not a record"),
        (b'{"text": "no id"}\n', "line 1 is not a record"),
        (b'{"id": "x", "quotes": [{"id": "Q1"}]}\n', "KeyError: 'kind'"),
    ],
)
@pytest.mark.parametrize("output", ["--quotes", "--articles", "--edges", "--parquet"])
def test_tables_on_bad_input_exits_1_with_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, says: str, output: str
) -> None:
    if output == "--parquet":
        pytest.importorskip("pyarrow")
    if says.startswith("KeyError") and output in ("--articles", "--parquet", "--edges"):
        pytest.skip("only the quotes table reads a quote's kind")
    src = write(tmp_path / "in.jsonl", data)
    code = main(["tables", str(src), output, str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("newsparse: error: ") and says in err
    assert "is not newsparse JSON Lines output" in err
    assert "Traceback" not in err


# -- HTML -----------------------------------------------------------------------------

PARAGRAPH = "<p>Senator Ada Brook said on Monday that the talks had ended without a deal.</p>"


def test_a_lone_surrogate_in_html_does_not_cut_the_text(pipeline: Pipeline) -> None:
    pytest.importorskip("trafilatura")
    html = "<html><body>" + PARAGRAPH.replace("Ada", "A\ud800da") * 3 + "</body></html>"
    doc = pipeline.parse(html, format="html")
    assert doc.text.count("Brook said on Monday") == 3  # the parser stopped at it before
    assert "\ufffd" in doc.text
    assert_spans_valid(doc)
    doc.model_dump_json()


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>",
        "<html><body></body></html>",
        "<html><body>" + "<div>" * 1_000 + "<script>go()</script>" + "</div>" * 1_000,
    ],
    ids=["only-scripts", "empty-body", "nested-1000-only-scripts"],
)
def test_html_without_article_text_gives_a_reader_error(pipeline: Pipeline, html: str) -> None:
    pytest.importorskip("trafilatura")
    with pytest.raises(ReaderError, match="no article text found in the HTML"):
        pipeline.parse(html, format="html")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 200 + PARAGRAPH * 3 + "</div>" * 200 + "</body></html>",
        "<html><body><p>Ada Brook said hello to all of the people in the room on Monday",
        "<html><body>" + PARAGRAPH.replace("Ada", "A\x00\x0b\x1f\x85da") * 3 + "</body></html>",
        "<html><body>" + PARAGRAPH.replace("Ada", "&#0;&#xD800;&#x110000;&bogus;Ada") * 3,
    ],
    ids=["nested-200", "unclosed", "controls", "bad-entities"],
)
def test_odd_html_gives_valid_articles(pipeline: Pipeline, html: str) -> None:
    pytest.importorskip("trafilatura")
    doc = pipeline.parse(html, format="html")
    assert "Brook" in doc.text or "hello" in doc.text
    assert_spans_valid(doc)
    doc.model_dump_json()


CRITICS = "<p>Critics of the senator said the plan would hurt farmers in the north.</p>"


def _deep_page(levels: int) -> str:
    """Text before, inside and after ``levels`` nested divs (past libxml2's 256)."""
    return (
        "<html><head><title>Talks &amp; trade</title><script>var s = '<div>';</script>"
        "</head><body>"
        + CRITICS
        + "<div>" * levels
        + PARAGRAPH
        + "<br>More on Tuesday."
        + "</div>" * levels
        + CRITICS.replace("north", "south")
        + "</body></html>"
    )


@pytest.mark.parametrize("levels", [300, 10_000, 100_000])
def test_html_nested_past_the_parser_depth_limit_keeps_its_text(
    pipeline: Pipeline, levels: int
) -> None:
    pytest.importorskip("trafilatura")
    # The tree parser stops at 256 levels and lost everything from there on
    # ("no article text found", or only the text before the deep part).
    started = time.process_time()
    doc = pipeline.parse(_deep_page(levels), format="html")
    seconds = time.process_time() - started
    assert doc.text == (
        "Critics of the senator said the plan would hurt farmers in the north.\n\n"
        "Senator Ada Brook said on Monday that the talks had ended without a deal.\n\n"
        "More on Tuesday.\n\n"
        "Critics of the senator said the plan would hurt farmers in the south.\n"
    )
    assert (doc.meta.reader, doc.meta.title_hint) == ("flat", "Talks & trade")
    assert_spans_valid(doc)
    assert seconds < 30  # 100,000 levels (1.1 MB of tags): about a second


def test_html_within_the_depth_limit_is_still_read_by_trafilatura(pipeline: Pipeline) -> None:
    pytest.importorskip("trafilatura")
    doc = pipeline.parse(_deep_page(100), format="html")
    assert doc.meta.reader == "trafilatura"
    assert "Senator Ada Brook said" in doc.text


def test_flat_html_reading_is_linear() -> None:
    from newsparse.readers import _flat_html_text

    def best(levels: int) -> float:
        page = _deep_page(levels)
        times = []
        for _ in range(3):
            started = time.process_time()
            _flat_html_text(page)
            times.append(time.process_time() - started)
        return min(times)

    small, large = best(10_000), best(100_000)
    assert large < 30 * max(small, 1e-3)


@pytest.mark.parametrize(
    ("page", "title", "text"),
    [
        ("<p>a<!-- never closed <p>b", "", "a\n"),
        ("<p>a<script>never closed <p>b", "", "a\n"),
        ("<<<<p>>> a < b &lt; c&#0;&bogus; <p>d", "", "<<<\n\n>> a < b < c\ufffd&bogus;\n\nd\n"),
        ("<TITLE>T</Title><P>x<BR/>y<span>z</span>", "T", "x\n\nyz\n"),
        ("<title>never closed", "never closed", ""),
        ("", "", ""),
    ],
)
def test_flat_html_reading_of_odd_pages(page: str, title: str, text: str) -> None:
    from newsparse.readers import _flat_html_text

    assert _flat_html_text(page) == (title, text)


@given(st.text())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_flat_html_reading_never_raises(page: str) -> None:
    from newsparse.readers import _flat_html_text

    title, text = _flat_html_text("<div>" + page)
    assert isinstance(title, str)
    assert text == "" or text.endswith("\n")


# -- time stays linear ----------------------------------------------------------------


def _parse_seconds(pipeline: Pipeline, text: str) -> float:
    started = time.process_time()
    doc = pipeline.parse(text)
    seconds = time.process_time() - started
    assert_spans_valid(doc)
    return max(seconds, 1e-3)


@pytest.mark.parametrize(
    ("unit", "sizes"),
    [
        ("Ada Brook said on Monday that the talks had ended. ", (30, 300)),
        (".\n", (5_000, 50_000)),  # 50,000 lines of one character
        ("Ada said.\n", (300, 3_000)),
        ('"', (20_000, 200_000)),
        ("'", (20_000, 200_000)),
        ("\u201c", (20_000, 200_000)),
        ("\u2022", (20_000, 200_000)),
        ("#", (20_000, 200_000)),
        ("- x\n", (1_500, 15_000)),
    ],
    ids=[
        "sentences",
        "dot-lines",
        "short-lines",
        "dquote",
        "apostrophe",
        "curly",
        "bullet",
        "hash",
        "bullets",
    ],
)
def test_large_inputs_take_linear_time(
    pipeline: Pipeline, unit: str, sizes: tuple[int, int]
) -> None:
    # (Measured up to 1 MB and 50,000 lines by hand: linear; the test keeps it small.)
    small, large = (_parse_seconds(pipeline, unit * n) for n in sizes)
    # 10x the input: generously under 30x the time (the machine is shared).
    assert large < 30 * small + 0.2


def _extract_seconds(pipeline: Pipeline, name: str, text: str) -> float:
    """CPU time of one extractor alone on ``text`` (the layers it needs made first)."""
    extractor = next(e for e in pipeline.extractors if e.name == name)
    # Without the quotes extractor: stance is timed on its own rules, without quotes.
    doc = Pipeline.build(entry_points=False, disable=["quotes", "stance"]).parse(text)
    doc = doc.with_layers({key: () for key in extractor.requires if not getattr(doc, key)})
    extractor.extract(doc)  # warm: lexicons load on first use
    # The best of three: one run on a shared machine can be slowed several times over.
    times = []
    for _ in range(3):
        started = time.process_time()
        extractor.extract(doc)
        times.append(time.process_time() - started)
    return max(min(times), 1e-3)


# One long sentence of clauses, as scraped lists and tables give: the sentences
# extractor cuts it into pieces of at most `max_chars`, so quotes and stance (whose
# rules look across a whole sentence) stay linear in the text.
_LONG_SENTENCE_UNIT = "Ada Brook praised Carl Dunn, "


@pytest.mark.slow
@pytest.mark.parametrize(("extractor", "sizes"), [("quotes", (100, 1000)), ("stance", (100, 3000))])
def test_one_long_sentence_takes_linear_time(
    pipeline: Pipeline, extractor: str, sizes: tuple[int, int]
) -> None:
    small, large = (_extract_seconds(pipeline, extractor, _LONG_SENTENCE_UNIT * n) for n in sizes)
    ratio = sizes[1] // sizes[0]
    assert large < 3 * ratio * small + 0.05


# -- odd text through parse, Markdown and the CLI -------------------------------------------

ODD_TEXTS = {
    "punctuation-only": "!?.,;:'\"()[]{}--...\u2026\u201c\u201d",
    "nul-bytes": 'Ada Brook said\x00 "we\x00 will win" on Monday.\x00',
    "c0-c1-controls": "".join(map(chr, range(1, 32)))
    + 'Ada Brook said "yes".'
    + "".join(map(chr, range(0x7F, 0xA0))),
    "crlf": STORY.replace("\n", "\r\n") * 3,
    "lone-cr": STORY.replace("\n", "\r") * 3,
    "u2028-u2029": STORY.replace("\n\n", "\u2029").replace("\n", "\u2028") * 3,
    "combining-marks": 'Jose\u0301 Mari\u0301a said "e\u0301te\u0301" today.'
    " \u0301\u0301 Zoe\u0308 agreed.",
    "zwj-emoji": "\U0001f468\u200d\U0001f469\u200d\U0001f467 Ada Brook"
    " \U0001f3f3\ufe0f\u200d\U0001f308"
    ' said "\U0001f44d\U0001f3fd great" \U0001f1fa\U0001f1f8.'
    " Brook \U0001f468\u200d\U0001f4bb left.",
    "rtl": '\u0642\u0627\u0644 \u0645\u062d\u0645\u062f "\u0633\u0646\u0641\u0648\u0632". '
    '\u200fAda Brook said "\u05e9\u05dc\u05d5\u05dd" \u202ereversed\u202c.',
    "fullwidth": "\uff21\uff44\uff41 \uff22\uff52\uff4f\uff4f\uff4b said \uff02we win\uff02 today.",
    "math-alphanumerics": "\U0001d400\U0001d41d\U0001d41a \U0001d401\U0001d42b\U0001d428\U0001d428"
    '\U0001d424 said "\U0001d4cc\U0001d452 win".',
    "nfkc-unstable": '\ufb01nance \u216b \u338f \u1e9b\u0323 \u01c4 said "\ufb03"'
    " \u2010 Mr. Brook \ufb01red.",
    "markdown-debris": "#\n##\n###### \n# # #\n- \n* \n> \n```\n|a|b|\n|-|-|\n",
    "only-bullets": "- \n" * 300,
    "only-quotes": '"' * 301,
    "only-curly": "\u201c\u201d\u2018\u2019" * 200,
}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("text", list(ODD_TEXTS.values()), ids=list(ODD_TEXTS))
def test_odd_text_parses_to_valid_spans(pipeline: Pipeline, text: str, fmt: str) -> None:
    doc = pipeline.parse(text, format=fmt)
    assert doc.text == text  # offsets index into the caller's own string
    assert not doc.meta.errors
    assert_spans_valid(doc)
    Article.model_validate_json(doc.model_dump_json())


@pytest.mark.parametrize("text", ["", " ", " \n\t\r\n \u3000\u2028"])
def test_empty_and_whitespace_input_is_a_reader_error(text: str) -> None:
    with pytest.raises(ReaderError, match="empty"):
        read(text)
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        with pytest.raises(ReaderError, match="empty"):
            read(data)


def test_lone_surrogates_in_a_str_parse_but_are_kept(pipeline: Pipeline) -> None:
    # A str is taken as it is (offsets are the caller's); only JSON output refuses it.
    text = 'Ada \ud800Brook said "we \udfff win" today. \ud800'
    doc = pipeline.parse(text)
    assert doc.text == text
    assert_spans_valid(doc)


@pytest.mark.parametrize("output", ["json", "jsonl", "text"])
@pytest.mark.parametrize("name", ["nul-bytes", "c0-c1-controls", "zwj-emoji", "rtl", "lone-cr"])
def test_cli_parse_prints_every_format_for_odd_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, output: str
) -> None:
    path = write(tmp_path / f"{name}.txt", ODD_TEXTS[name])
    assert main(["parse", str(path), "--format", output]) == 0
    out = capsys.readouterr().out
    if output == "text":
        assert out.startswith(f"id: {name}\n")
    else:
        doc = Article.model_validate_json(out)
        assert doc.text == ODD_TEXTS[name]


# -- polarity_toward ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 3), (5, 3), (0, 10_000), (-5, -1), (10_000, 10_001)]
)
def test_polarity_toward_rejects_targets_outside_the_text(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not inside the text"):
        polarity_toward("Critics condemned Ada Brook.", start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Critics condemned \U0001f468\u200d\U0001f469 Brook.", 19, 20),  # inside a ZWJ sequence
        ("Critics condemned Jose\u0301 Brook.", 22, 23),  # on the combining mark
        ("Critics condemned \ud83d\ude00 Brook.", 18, 19),  # between two surrogates
        ("Critics condemned Ada Brook.", 5, 5),  # empty target
        ("", 0, 0),
        ("\x00\x00\x00", 1, 2),
    ],
)
def test_polarity_toward_odd_targets_give_a_label(text: str, start: int, end: int) -> None:
    result = polarity_toward(text, start, end)
    assert result.label in ("positive", "negative", "neutral")
    assert -1.0 <= result.score <= 1.0


# -- hypothesis: structured inputs through the whole pipeline -------------------------------

_NAMES = st.sampled_from(
    ["Ada Brook", "Carl Dunn", "Mr. Brook", "the ministry", "NATO", "Jos\u00e9 Mar\u00eda", "she"]
)
_WORDS = st.sampled_from(
    [
        *("said", "told", "praised", "attacked", "the", "plan", "on", "Monday", "and", "failed"),
        *("\u201c", "\u201d", '"', "'", ",", ".", "-", "\u2014", ":", "\n", "\u00e9", "\u200d"),
    ]
)
_SENTENCE = st.builds(
    lambda name, words, tail: f"{name} {' '.join(words)}{tail}",
    _NAMES,
    st.lists(_WORDS, max_size=12),
    st.sampled_from([".", "", "?", '."', ".\u201d", "!", " "]),
)
_QUOTE = st.builds(
    lambda q, s, name, cue: f"{q[0]}{s}{q[1]} {name} {cue}.",
    st.sampled_from([('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ('"', "")]),
    _SENTENCE,
    _NAMES,
    st.sampled_from(["said", "says", "told reporters", "added", ""]),
)
_BLOCK = st.one_of(
    _SENTENCE,
    _QUOTE,
    st.builds(lambda h, s: f"{h} {s}", st.sampled_from(["#", "##", "###", "#######"]), _SENTENCE),
    st.builds(lambda b, s: f"{b} {s}", st.sampled_from(["-", "*", "\u2022", "1."]), _SENTENCE),
    st.builds(lambda s: f"> {s}", _QUOTE),
    st.just("By Ada Brook"),
    st.just("WASHINGTON (Reuters) -"),
    st.text(max_size=20),
)
_DOCUMENT = st.builds(
    lambda blocks, sep: sep.join(blocks),
    st.lists(_BLOCK, min_size=1, max_size=12),
    st.sampled_from(["\n\n", "\n", "\r\n\r\n", " ", "\u2029"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_DOCUMENT, fmt=st.sampled_from(["text", "markdown"]))
def test_random_documents_give_valid_articles(pipeline: Pipeline, text: str, fmt: str) -> None:
    try:
        doc = pipeline.parse(text, format=fmt)
    except ReaderError:
        assert not text.strip()
        return
    assert not doc.meta.errors, doc.meta.errors
    assert_spans_valid(doc)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_never_raises_and_gives_valid_spans(pipeline: Pipeline, text: str) -> None:
    try:
        doc = pipeline.parse(text)
    except ReaderError:
        assert not text.strip()
        return
    assert not doc.meta.errors, doc.meta.errors
    assert_spans_valid(doc)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["h1", "h2", "p", "li", "blockquote"]), _DOCUMENT)))
def test_random_html_gives_an_article_or_a_reader_error(
    pipeline: Pipeline, parts: list[tuple[str, str]]
) -> None:
    pytest.importorskip("trafilatura")
    body = "".join(f"<{tag}>{html.escape(text)}</{tag}>" for tag, text in parts)
    try:
        doc = pipeline.parse(f"<html><body><article>{body}</article></body></html>", format="html")
    except ReaderError as exc:
        assert "no article text" in str(exc)
        return
    assert not doc.meta.errors, doc.meta.errors
    assert_spans_valid(doc)
    doc.model_dump_json()


_JSON_LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
)
_JSON_VALUES = (
    _JSON_LEAVES
    | st.lists(_JSON_LEAVES, max_size=3)
    | st.dictionaries(st.text(max_size=5), _JSON_LEAVES, max_size=3)
)
_RECORDS = st.dictionaries(
    st.sampled_from(["id", "doc_id", "text", "body", "title", "url", "date", "x"]),
    _JSON_VALUES | _DOCUMENT,
    max_size=6,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(records=st.lists(_RECORDS | _JSON_VALUES, min_size=1, max_size=6))
def test_random_json_records_give_one_record_each_and_resume_adds_none(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline, records: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("feed")
    feed = write(folder / "feed.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    out = folder / "out.jsonl"
    summary = run_batch([feed], out, pipeline=pipeline, progress="never")
    written = lines(out)
    assert len(written) == len(records) == summary.articles
    ids = [r["id"] for r in written]
    assert len(set(ids)) == len(ids)  # unique, so --resume can tell them apart
    check_records(written)
    again = run_batch([feed], out, pipeline=pipeline, progress="never", resume=True)
    assert (again.articles, again.skipped) == (0, len(records))


# -- outputs that cannot be written ---------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "{story}", "-o", "{dir}"],
        ["batch", "{story}", "-o", "{story}/x.jsonl"],  # under a file
        ["tables", "{records}", "--quotes", "{dir}"],
        ["tables", "{records}", "--edges", "{dir}/missing/e.csv"],
        ["tables", "{records}", "--articles", "{dir}"],
    ],
)
def test_unwritable_output_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    story = write(tmp_path / "story.txt", STORY)
    records = write(tmp_path / "records.jsonl", '{"id": "a", "text": "x"}\n')
    folder = tmp_path / "folder"
    folder.mkdir()
    names = {"story": story, "records": records, "dir": folder}
    code = main([arg.format(**names) for arg in argv])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("newsparse: error: ") and "Traceback" not in err
    assert str(story) in err or str(folder) in err  # names the path at fault


# -- Dask partitions ----------------------------------------------------------------------


def test_dask_partition_with_unencodable_items_gives_json_records(pipeline: Pipeline) -> None:
    from newsparse.dask import parse_items

    items = [
        {"id": "\ud800", "text": None},  # a failure whose id was half an emoji
        {"id": {"nested": 1}, "text": None},
        {"id": "x", "text": "Ada \ud800 spoke."},
        "Ada \ud800 spoke.",  # a str is kept as it is: it cannot be written as JSON
        12,
        b"\xff",
    ]
    out = [json.loads(line) for line in parse_items(items, pipeline, output="json")]
    assert [(r["id"], bool(r.get("error"))) for r in out] == [
        ("\ufffd", True),
        ("unknown", True),
        ("x", False),
        (out[3]["id"], True),
        ("unknown", True),
        (out[5]["id"], True),
    ]
    assert "ReaderError" in out[0]["error_type"]
    assert "serializ" in out[3]["message"]


# -- parse_many ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_records_each_failure_and_carries_on(tmp_path: Path, workers: int) -> None:
    pipeline = Pipeline.build(entry_points=False, errors="record")
    sources: list[Any] = [
        STORY,
        "",
        " \n ",
        b"\xff\xfe" + STORY.encode("utf-16-le"),
        "Jos\xe9".encode("latin-1"),
        tmp_path / "missing.txt",
        tmp_path,  # a directory
        12345,
        ODD_TEXTS["nul-bytes"],
        Article.from_text("Ada Brook spoke.", id="pre-read"),
    ]
    results = list(pipeline.parse_many(sources, workers=workers, chunksize=3))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "InputFailure",
        "InputFailure",
        "Article",
        "InputFailure",
        "InputFailure",
        "InputFailure",
        "InputFailure",
        "Article",
        "Article",
    ]
    assert all(r.error_type == "ReaderError" for r in results if isinstance(r, InputFailure))
    for result in results:
        if isinstance(result, Article):
            assert_spans_valid(result)


# -- a per-input time limit -----------------------------------------------------------


class Dawdle(Extractor[NoConfig]):
    """Stalls in Python on STALL, blocks the time limit's signal on WEDGE, swallows on SWALLOW."""

    name = "dawdle"
    provides = ("extensions.dawdle",)

    def extract(self, doc: Article) -> Mapping[str, Any]:
        if "STALL" in doc.text:
            n = 0
            while n >= 0:  # never ends: only the time limit stops it
                n += 1
        if "WEDGE" in doc.text and multiprocessing.parent_process() is not None:
            # Stands for a call into C that never returns: the timer's signal is
            # blocked, so no handler can run (only ever in a worker process).
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        if "SWALLOW" in doc.text:
            ends = time.monotonic() + 1.0
            while time.monotonic() < ends:
                with contextlib.suppress(Exception):  # a careless plugin: the timeout too
                    sum(range(100))
        return {"extensions.dawdle": len(doc.text)}


@hookimpl
def newsparse_extractors() -> list[type[Extractor[Any]]]:
    return [Dawdle]


def _dawdling(errors: str = "record") -> Pipeline:
    return Pipeline.build(entry_points=False, plugins=[__name__], errors=errors)  # type: ignore[arg-type]


def _same(a: Article, b: Article) -> bool:
    return a.model_dump(exclude={"pipeline"}) == b.model_dump(exclude={"pipeline"})


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_an_input_over_its_time_limit_becomes_an_error_record(workers: int) -> None:
    pipeline = _dawdling()
    sources = [STORY, "STALL " + STORY, "SWALLOW " + STORY, STORY.replace("Ada", "Eve")]
    started = time.monotonic()
    # One chunk: the worker that stalled parses the next inputs too.
    results = list(pipeline.parse_many(sources, workers=workers, chunksize=8, timeout=0.4))
    assert time.monotonic() - started < 20
    assert [type(r).__name__ for r in results] == [
        "Article",
        "InputFailure",
        "InputFailure",
        "Article",
    ]
    for failure in results[1:3]:
        assert isinstance(failure, InputFailure)
        assert failure.error_type == "ParseTimeoutError"
        assert "parsing took longer than 0.4 s" in failure.message
        assert "in extractor 'dawdle'" in failure.message
    # The parser is fit for the next input: the same output as a fresh pipeline's.
    fresh = _dawdling()
    for result, source in zip(results[::3], sources[::3], strict=True):
        assert isinstance(result, Article)
        assert _same(result, fresh.parse(source))
    # Nothing of the limit is left behind in this process.
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_worker_stuck_past_the_hard_limit_is_replaced() -> None:
    pipeline = _dawdling()
    sources = [
        STORY,
        "WEDGE " + STORY,
        STORY.replace("Ada", "Eve"),
        *(STORY.replace("Monday", f"day {n}") for n in range(6)),
    ]
    started = time.monotonic()
    results = list(pipeline.parse_many(sources, workers=2, chunksize=3, timeout=0.3))
    # Stopped after 2 x 0.3 + 1 s, not an hour.
    assert time.monotonic() - started < 60
    assert [type(r).__name__ for r in results] == ["Article", "InputFailure"] + ["Article"] * 7
    failure = results[1]
    assert isinstance(failure, InputFailure)
    assert failure.error_type == "ParseTimeoutError"
    assert "its worker process was stopped after 1.6 s and replaced" in failure.message
    # The items in flight with it were parsed again: the same as a fresh pipeline's.
    fresh = _dawdling()
    for result, source in zip(results, sources, strict=True):
        if isinstance(result, Article):
            assert _same(result, fresh.parse(source))


@pytest.mark.slow
def test_spawned_workers_load_the_builtins_data_before_the_clock_runs() -> None:
    # A fresh interpreter loads the tagger, weights and lexicons on its first parse
    # (about a second): that is not charged to the first input of each worker.
    sources = [STORY.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday", "Sunday")]
    results = list(
        _dawdling().parse_many(sources, workers=2, chunksize=1, start_method="spawn", timeout=0.5)
    )
    assert [type(r).__name__ for r in results] == ["Article"] * 4


def test_a_timeout_raises_under_errors_raise() -> None:
    with pytest.raises(ParseTimeoutError, match=r"longer than 0\.2 s") as info:
        list(_dawdling("raise").parse_many(["STALL " + STORY], timeout=0.2))
    assert info.value.seconds == 0.2


def test_the_time_limit_keeps_the_callers_own_alarm() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        results = list(_dawdling().parse_many(["STALL " + STORY, STORY], timeout=0.2))
        assert [type(r).__name__ for r in results] == ["InputFailure", "Article"]
        assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL  # the caller's again
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25.0 < left < 30.0  # re-armed with what was left of it
        assert not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan"), float("inf"), True, "5"])
def test_a_bad_timeout_is_a_config_error(timeout: Any) -> None:
    with pytest.raises(ConfigError, match="timeout must be a positive number"):
        list(_dawdling().parse_many([STORY], timeout=timeout))


def test_a_timeout_with_one_worker_outside_the_main_thread_is_refused() -> None:
    caught: list[Exception] = []

    def work() -> None:
        try:
            list(_dawdling().parse_many([STORY], timeout=1.0))
        except Exception as exc:  # handed to the test thread
            caught.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert len(caught) == 1
    assert isinstance(caught[0], ConfigError)
    assert "needs the main thread" in str(caught[0])


def test_batch_timeout_writes_an_error_record_and_resume_skips_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", STORY)
    write(folder / "b.txt", "STALL " + STORY)
    write(folder / "c.txt", STORY)
    out = tmp_path / "out.jsonl"
    args = ["batch", str(folder), "-o", str(out), "--plugin", __name__, "--progress", "never"]
    assert main([*args, "--timeout", "0.3"]) == 1
    records = lines(out)
    assert [(r["id"], r.get("error_type")) for r in records] == [
        ("a", None),
        ("b", "ParseTimeoutError"),
        ("c", None),
    ]
    assert records[1]["source"].endswith("b.txt")
    check_records(records)
    assert "3 articles, 1 failed" in capsys.readouterr().err
    # --resume treats it like any error record: kept, not parsed again.
    assert main([*args, "--timeout", "0.3", "--resume"]) == 0
    assert "0 articles, 0 failed" in capsys.readouterr().err
    assert lines(out) == records
    # A bad value is a usage error, found before the output is touched.
    assert main([*args, "--timeout", "0"]) == 2
    assert "timeout must be a positive number" in capsys.readouterr().err
    assert lines(out) == records
