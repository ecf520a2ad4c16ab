"""newsparse batch: inputs, ids, error records, resume (also after SIGKILL), progress."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsparse import Article, ReaderError
from newsparse.batch import BatchSummary, iter_tasks, run_batch, scan_output
from newsparse.cli import main
from newsparse.testing import best_cpu_seconds
from test_parallel import toy_pipeline

STORY = "Ministers met on {day}.\n\nThe talks ended late, officials said.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    write(root / "b.txt", STORY.format(day="Monday"))
    write(root / "2024" / "05" / "a.md", "# Talks\n\n" + STORY.format(day="Tuesday"))
    write(root / "empty.txt", "   \n")
    write(root / ".hidden.txt", STORY.format(day="never"))
    write(root / "notes.bin", "not an input")
    write(
        root / "feed.jsonl",
        '{"text": "First record."}\n\n{"id": "own-id", "text": "Second."}\nnot json\n',
    )
    write(root / "list.json", json.dumps([{"text": "One."}, {"body": "Two."}]))
    write(root / "single.json", json.dumps({"title": "Head", "text": "Body text."}))
    return root


def test_directory_is_walked_in_sorted_order_with_unique_ids(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch([archive], out, pipeline=toy_pipeline(errors="record"), progress="never")
    records = lines(out)
    assert [r["id"] for r in records] == [
        "2024/05/a",
        "b",
        "empty",
        "feed:1",
        "own-id",  # a record's own id wins, as in readers.read_records
        "feed:3",
        "list:1",
        "list:2",
        "single",
    ]
    errors = {r["id"]: r for r in records if r.get("error")}
    assert set(errors) == {"empty", "feed:3"}
    assert errors["feed:3"]["error_type"] == "ReaderError"
    assert errors["empty"]["source"] == str(archive / "empty.txt")
    assert (summary.articles, summary.failed, summary.skipped) == (9, 2, 0)
    assert summary.line().startswith("9 articles, 2 failed, ")
    assert summary.line().endswith(" articles/s")
    for record in records:
        if not record.get("error"):
            Article.model_validate(record)  # every span checked against the text


def test_globs_files_and_id_collisions(tmp_path: Path) -> None:
    write(tmp_path / "in" / "x" / "s.txt", STORY.format(day="Friday"))
    write(tmp_path / "in" / "x" / "s.md", STORY.format(day="Sunday"))
    single = write(tmp_path / "elsewhere" / "lone.txt", STORY.format(day="Sat"))
    tasks = list(iter_tasks([str(tmp_path / "in" / "**" / "*.*"), single]))
    assert [t.id for t in tasks] == ["x/s", "x/s.txt", "lone"]
    with pytest.raises(ReaderError, match="no file matches"):
        list(iter_tasks([str(tmp_path / "nothing" / "*.txt")]))
    with pytest.raises(ReaderError, match="does not exist"):
        list(iter_tasks([tmp_path / "missing.txt"]))


def test_stdout_output_and_cli_exit_code(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("newsparse.cli._build", lambda args: toy_pipeline(errors=args.errors))
    summary = run_batch(
        [archive / "b.txt"], "-", pipeline=toy_pipeline(errors="record"), progress="never"
    )
    out = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["b"]
    assert summary.failed == 0
    # The CLI: a failed input means exit code 1 and the summary line on stderr.
    code = main(["batch", str(archive / "empty.txt"), "-o", str(tmp_path / "o.jsonl")])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 articles, 1 failed" in err


def test_output_inside_an_input_directory_is_not_read_back(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write(root / "a.txt", STORY.format(day="Monday"))
    out = root / "out.jsonl"
    pipeline = toy_pipeline(errors="record")
    run_batch([root], out, pipeline=pipeline, progress="never")
    summary = run_batch([root], out, pipeline=pipeline, progress="never", resume=True)
    assert [r["id"] for r in lines(out)] == ["a"]
    assert summary.skipped == 1


def test_resume_truncates_a_cut_line_and_appends_the_rest(archive: Path, tmp_path: Path) -> None:
    pipeline = toy_pipeline(errors="record")
    full = tmp_path / "full.jsonl"
    run_batch([archive], full, pipeline=pipeline, progress="never")
    done = full.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(done[:4]) + done[4][:25])  # a kill mid-line
    assert scan_output(cut) == {"2024/05/a", "b", "empty", "feed:1"}
    summary = run_batch([archive], cut, pipeline=pipeline, progress="never", resume=True)
    assert summary.skipped == 4
    assert summary.articles == len(done) - 4
    assert [r["id"] for r in lines(cut)] == [r["id"] for r in lines(full)]


def test_progress_line_or_bar_on_stderr(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_batch(
        [archive], tmp_path / "o.jsonl", pipeline=toy_pipeline(errors="record"), progress="always"
    )
    err = capsys.readouterr().err
    assert "9/9" in err  # tqdm: count and total (rate and ETA follow)
    assert "article" in err


SLOW_PLUGIN = textwrap.dedent(
    """
    import sys
    import time

    import pluggy

    from newsparse import Extractor, Pipeline, hookimpl, hookspecs
    from newsparse.batch import run_batch
    from newsparse.manager import register_module


    class Slow(Extractor):
        name = "slow"
        provides = ("extensions.slow",)

        def extract(self, doc):
            time.sleep(0.03)
            return {"extensions.slow": len(doc.text)}


    @hookimpl
    def newsparse_extractors():
        return [Slow]


    if __name__ == "__main__":
        pm = pluggy.PluginManager("newsparse")
        pm.add_hookspecs(hookspecs)
        register_module(pm, "newsparse.plugins.core")
        pipeline = Pipeline.build(pm=pm, plugins=["slowplug"], errors="record")
        summary = run_batch([sys.argv[1]], sys.argv[2], pipeline=pipeline, workers=2,
                            resume="--resume" in sys.argv, progress="never")
        print(summary.line(), file=sys.stderr)
        sys.exit(1 if summary.failed else 0)
    """
)


def _batch_cmd(tmp_path: Path, inputs: Path, out: Path, *extra: str) -> list[str]:
    # run_batch with the core hooks and a slow plugin only (independent of the built-ins).
    return [sys.executable, str(tmp_path / "slowplug.py"), str(inputs), str(out), *extra]


def test_resume_after_sigkill_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    (tmp_path / "slowplug.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    inputs = tmp_path / "in"
    n = 200
    for i in range(n):
        write(inputs / f"doc{i:03d}.txt", STORY.format(day=f"day {i}"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(_batch_cmd(tmp_path, inputs, out), env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 20:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Its worker processes notice and exit rather than wait for work for ever.
    assert _left_behind(tmp_path, within=15) == []
    before = len(scan_output(out))
    assert 0 < before < n
    done = subprocess.run(
        _batch_cmd(tmp_path, inputs, out, "--resume"),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"{before} skipped" in done.stderr
    ids = [r["id"] for r in lines(out)]
    assert ids == [f"doc{i:03d}" for i in range(n)]  # in order, none lost, none twice


def _left_behind(tmp_path: Path, within: float) -> list[str]:
    """Return the command lines of live processes that mention ``tmp_path``."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return []  # no procfs (macOS): nothing to look at
    deadline = time.monotonic() + within
    while True:
        found = []
        for entry in proc_dir.iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                state = (entry / "stat").read_text().split(") ", 1)[1][:1]
            except (OSError, IndexError, UnicodeDecodeError):
                continue
            if str(tmp_path) in cmdline and state != "Z":
                found.append(cmdline[:200])
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_batch_time_grows_linearly(tmp_path: Path) -> None:
    pipeline = toy_pipeline(errors="record")

    def timed(count: int) -> float:
        folder = tmp_path / f"n{count}"
        for i in range(count):
            write(folder / f"{i:04d}.txt", STORY.format(day=i) * 3)
        return best_cpu_seconds(
            lambda: run_batch([folder], tmp_path / "o.jsonl", pipeline=pipeline, progress="never"),
            runs=3,
        )

    small, large = timed(30), timed(300)
    assert large < 30 * small


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_text_gives_one_valid_record_per_file(tmp_path: Path, docs: list[str]) -> None:
    folder = tmp_path / f"h{abs(hash(tuple(docs)))}"
    for i, text in enumerate(docs):
        path = folder / f"{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    out = folder / "out.jsonl"
    summary = run_batch([folder], out, pipeline=toy_pipeline(errors="record"), progress="never")
    assert isinstance(summary, BatchSummary)
    records = lines(out)
    assert [r["id"] for r in records] == [str(i) for i in range(len(docs))]
    for record in records:
        if not record.get("error"):
            doc = Article.model_validate(record)
            for _, span in doc.iter_spans():
                assert doc.text[span.start : span.end] == span.text


def test_scale_guide_python_blocks_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = Path(__file__).resolve().parents[1] / "docs" / "guides" / "scale.md"
    blocks = re.findall(r"^```python\n(.*?)^```", page.read_text("utf-8"), re.M | re.S)
    assert len(blocks) == 2
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for code in blocks:
        exec(compile(code, str(page), "exec"), namespace)
    out = capsys.readouterr().out
    assert "failed: " in out
    assert "1 articles, 0 failed" in out
    assert (tmp_path / "out.jsonl").is_file()


def test_benchmark_scripts_run_on_a_tiny_generated_corpus(tmp_path: Path) -> None:
    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    subprocess.run(
        [sys.executable, str(bench / "make_corpus.py"), "4", str(tmp_path / "c")],
        check=True,
        capture_output=True,
    )
    texts = sorted((tmp_path / "c").glob("*.txt"))
    assert len(texts) == 4
    assert all(500 < len(t.read_text("utf-8").split()) < 1000 for t in texts)
    done = subprocess.run(
        [
            sys.executable,
            str(bench / "bench_pipeline.py"),
            "--corpus",
            str(tmp_path / "c"),
            "--runs",
            "1",
            "--import-runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "pipeline (CPU)" in done.stdout  # figures printed, not asserted
    assert "reading + validation measured alone" in done.stdout
    assert "import newsparse:" in done.stdout


def test_plain_progress_lines_without_tqdm(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now fails
    monkeypatch.setattr("newsparse.batch._Progress.interval", 0.0)
    run_batch(
        [archive], tmp_path / "o.jsonl", pipeline=toy_pipeline(errors="record"), progress="always"
    )
    err = capsys.readouterr().err
    assert "newsparse batch: 9/9 articles, 2 failed, " in err
    assert err.rstrip().endswith("articles/s")


# -- memory of the id bookkeeping -----------------------------------------------------


@given(st.lists(st.text(max_size=12), max_size=60), st.lists(st.text(max_size=12), max_size=30))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_id_set_agrees_with_a_set(added: list[str], probes: list[str]) -> None:
    from newsparse._batch_ids import IdSet

    ids, plain = IdSet(), set()
    for text in added:
        assert (text in ids) == (text in plain)
        ids.add(text)
        plain.add(text)
    assert len(ids) == len(plain)
    for text in added:
        assert text in ids  # never a false negative: no id is given twice
    for text in probes:
        assert (text in ids) == (text in plain)  # 64-bit digests: no clash in a test


def test_id_set_grows_past_its_first_table() -> None:
    from newsparse._batch_ids import IdSet

    ids = IdSet()
    for n in range(5000):
        ids.add(f"https://example.com/story/{n}")
    assert len(ids) == 5000
    assert all(f"https://example.com/story/{n}" in ids for n in range(5000))
    assert not any(f"https://example.com/story/{n}" in ids for n in range(5000, 6000))


@pytest.mark.slow
def test_id_bookkeeping_of_many_records_stays_small(tmp_path: Path) -> None:
    import gc
    import tracemalloc

    count = 30_000  # 100,000 in benchmarks: tracemalloc slows every allocation
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for n in range(count):
            url = f"https://news.example.com/2026/05/politics/ministers-resume-trade-talks-{n}"
            fh.write(json.dumps({"id": url, "text": "Ministers met."}) + "\n")
    tasks = iter_tasks([feed])
    tracemalloc.start()
    try:
        assert next(tasks).id.endswith("-0")
        gc.collect()
        base = tracemalloc.get_traced_memory()[0]
        for n, _task in enumerate(tasks, 2):
            if n == count - 1:
                break
        del _task
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    # A set of these ids took 183 bytes an id; digests in one array take 8-16 (plus
    # the table doubling: at most 32 per id just after it grows).
    assert grown < 40 * count, f"{grown / count:.0f} bytes an id"


def test_resume_is_exact_even_when_every_id_shares_a_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsparse import _batch_ids

    # Every id gets the same digest: the table finds candidates, the file decides.
    monkeypatch.setattr(_batch_ids.DoneIds, "_key", staticmethod(lambda text: 3))
    feed = tmp_path / "feed.jsonl"
    records = [{"id": f"r{n}" + "x" * (600 * (n == 2)), "text": f"Story {n}."} for n in range(6)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records[:3]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = run_batch([feed], out, pipeline=toy_pipeline(errors="record"), progress="never")
    assert (first.articles, first.failed) == (3, 0)
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    again = run_batch(
        [feed], out, pipeline=toy_pipeline(errors="record"), progress="never", resume=True
    )
    assert (again.articles, again.skipped) == (3, 3)
    assert [r["id"] for r in lines(out)] == [r["id"] for r in records]


@pytest.mark.slow
def test_resume_bookkeeping_of_many_records_stays_small(tmp_path: Path) -> None:
    import gc
    import tracemalloc

    from newsparse._batch_ids import scan_done

    count = 30_000
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for n in range(count):
            url = f"https://news.example.com/2026/05/politics/ministers-resume-trade-talks-{n}"
            fh.write(json.dumps({"id": url, "error": True, "error_type": "X", "message": "m"}))
            fh.write("\n")
    gc.collect()
    tracemalloc.start()
    try:
        done = scan_done(out)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(done) == count
    assert "https://news.example.com/2026/05/politics/ministers-resume-trade-talks-7" in done
    assert "https://news.example.com/2026/05/politics/ministers-resume-trade-talks-x" not in done
    done.close()
    # A set of these ids took 183 bytes an id; digests and offsets take 16-32 (64 just
    # after the table doubles).
    assert grown < 70 * count, f"{grown / count:.0f} bytes an id"
