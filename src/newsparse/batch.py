"""``newsparse batch``: parse files, directories and globs into one JSON Lines file.

* Inputs are files, directories (searched recursively for ``.txt``, ``.md``,
  ``.markdown``, ``.html``, ``.htm``, ``.json`` and ``.jsonl`` files, hidden
  ones skipped, in sorted order) and glob patterns (``**`` allowed).
* One output record per input, in input order. A ``.jsonl`` file (or a
  ``.json`` array) is one input per record, streamed line by line.
* Record ids: a file's path relative to the directory or glob root it was
  found under, without its suffix (``2024/05/story``; a file named directly
  keeps its stem), so the ids of a flat folder are the file stems. If two
  files would get the same id, the later one keeps its suffix. A record of a
  JSON file uses its own ``id`` field, else ``<file id>:<n>`` (the n-th record),
  as :func:`newsparse.readers.read_records` does. An id already given to an
  earlier record or file gets ``#2``, ``#3``... (two feeds that both number
  their records from 1), so ids are unique and ``resume`` tells records apart.
* An input that cannot be parsed becomes an error record
  (:class:`~newsparse.output.InputFailure`) and the batch goes on; so does
  one whose parse takes longer than ``timeout`` seconds (``ParseTimeoutError``).
* ``resume=True`` keeps every complete line of an existing output, cuts a
  last line left half written by a kill, skips inputs whose ids are already
  there (error records included) and appends the rest.
* Output ``-`` is standard output; an output ending in ``.parquet`` is written
  as Parquet (``newsparse[parquet]``; no resume).
"""

from __future__ import annotations

import functools
import glob
import json
import os
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

import regex

from newsparse._batch_ids import DoneIds, IdSet, output_ids, scan_done
from newsparse.article import Article
from newsparse.errors import ConfigError, NewsparseWarning, ReaderError
from newsparse.output import InputFailure
from newsparse.readers import path_text

if TYPE_CHECKING:
    from newsparse.pipeline import Pipeline

__all__ = [
    "INPUT_SUFFIXES",
    "BatchSummary",
    "Task",
    "iter_tasks",
    "run_batch",
    "scan_output",
]

#: Suffixes a directory is searched for.
INPUT_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
)
_RECORD_SUFFIXES = frozenset({".json", ".jsonl"})
_GLOB_MAGIC_RE = regex.compile(r"[*?\[]")

Progress = Literal["auto", "always", "never"]


@dataclass(frozen=True)
class Task:
    """One input of a batch: a file to read or one JSON record of a file.

    Attributes:
        kind: ``"path"`` (read ``payload``, a path) or ``"record"`` (``payload``
            is a JSON object, or one line of JSON Lines text).
        payload: The path, record or line.
        id: The record id to give it (a record's own ``id`` field wins).
        source: The file it comes from.
        format: Input format of a ``"path"`` task.
    """

    kind: Literal["path", "record"]
    payload: Any
    id: str
    source: str
    format: str = "auto"


@dataclass
class BatchSummary:
    """What a batch did; :meth:`line` is printed to stderr by the CLI."""

    articles: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    output: str = "-"
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Records written per second."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """Return ``"N articles, M failed, X articles/s"`` (and what was skipped)."""
        text = f"{self.articles} articles, {self.failed} failed, {self.rate:.1f} articles/s"
        if self.skipped:
            text += f", {self.skipped} skipped (already in {self.output})"
        return text


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    pipeline: Pipeline,
    workers: int = 1,
    resume: bool = False,
    format: str = "auto",
    progress: Progress = "auto",
    chunksize: int = 16,
    start_method: str | None = None,
    timeout: float | None = None,
) -> BatchSummary:
    """Parse every input into ``output``, one record per input, in input order.

    Args:
        inputs: Files, directories and glob patterns.
        output: A ``.jsonl`` path, ``-`` for standard output, or a ``.parquet`` path.
        pipeline: The pipeline to run (build it with ``errors="record"`` so a
            failing input becomes an error record instead of stopping the batch).
        workers: Worker processes; 1 parses in this process.
        resume: Skip inputs already in ``output`` and append the others.
        format: Input format of every file (``auto`` detects it per file).
        progress: Progress bar on stderr: ``auto`` (when stderr is a terminal),
            ``always`` or ``never``.
        chunksize: Inputs sent to a worker at a time.
        start_method: How workers start (``spawn``, ``fork``, ``forkserver``;
            None: ``forkserver`` on Linux, else ``spawn``); see
            :meth:`~newsparse.Pipeline.parse_many`.
        timeout: Seconds each input may take (None: no limit); an input over
            it becomes a ``ParseTimeoutError`` error record, as for
            :meth:`~newsparse.Pipeline.parse_many`.

    Returns:
        Counts of records written and failed, and the rate.

    Raises:
        ReaderError: If an input does not exist or a glob matches nothing.
        ConfigError: If ``resume`` is asked for standard output or Parquet, or
            ``timeout`` is invalid or cannot be enforced here.
    """
    from newsparse._parallel import imap_ordered
    from newsparse._timeout import check_timeout, hard_limit

    timeout = check_timeout(timeout, workers=workers)
    out = os.fspath(output)
    parquet = out.lower().endswith(".parquet")
    if resume and (out == "-" or parquet):
        raise ConfigError("--resume needs a JSON Lines output file, not stdout or Parquet")
    exclude = None if out == "-" else Path(out).resolve()
    found = _check_inputs(inputs)

    done: DoneIds | None = None
    if resume and Path(out).exists():
        done = scan_done(out)
    show = progress == "always" or (progress == "auto" and sys.stderr.isatty())
    total = _count(_files(found, exclude=exclude), format) if show else None

    summary = BatchSummary(output=out)
    started = time.perf_counter()
    bar = _Progress(total, enabled=show)
    tasks: Iterable[Task] = _tasks(_files(found, exclude=exclude), format=format)
    if done:
        tasks = _skip_done(tasks, done, summary, bar)
    writer = _open_writer(out, append=resume)
    func = _run_task if timeout is None else functools.partial(_run_task, timeout=timeout)
    try:
        with warnings.catch_warnings():
            # Failures are recorded in the output; a warning per article is noise.
            warnings.simplefilter("ignore", NewsparseWarning)
            results = imap_ordered(
                pipeline,
                func,
                tasks,
                workers=workers,
                chunksize=chunksize,
                keep_warnings=False,
                start_method=start_method,
                # The built-ins' data loads before the first input's clock runs.
                warm_workers=timeout is not None,
                hard_limit=None if timeout is None else hard_limit(timeout),
            )
            for record_id, line, failed in results:
                writer.write(line)
                summary.articles += 1
                if failed:
                    summary.failed += 1
                    if len(summary.failures) < 20:
                        summary.failures.append(record_id)
                bar.update(failed)
    except KeyboardInterrupt:
        if out != "-":
            print(
                f"\nnewsparse batch: interrupted after {summary.articles} records; run the "
                "same command with --resume to continue",
                file=sys.stderr,
            )
        raise
    finally:
        writer.close()
        bar.close()
        if done is not None:
            done.close()
        summary.seconds = time.perf_counter() - started
    return summary


# -- inputs ------------------------------------------------------------------


@dataclass(frozen=True)
class _Root:
    """A file found under ``root`` (a directory or glob base), or named directly.

    ``error`` is set for a directory found under ``root`` that cannot be listed:
    it becomes an error record, and the batch goes on.
    """

    path: Path
    root: Path | None
    error: str | None = None


_Found = list[tuple[Path | None, list[Path], bool]]


def _check_inputs(inputs: Sequence[str | os.PathLike[str]]) -> _Found:
    """Check every input before any work starts; expand globs (sorted).

    Returns:
        ``(root, paths, filter by suffix)`` per input; directories are walked later.
    """
    found: _Found = []
    for raw in inputs:
        text = os.fspath(raw)
        path = Path(text)
        if path.is_dir():
            found.append((path, [path], True))
        elif path.is_file():
            found.append((None, [path], False))
        elif _GLOB_MAGIC_RE.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise ReaderError(f"no file matches {text!r}")
            found.append((_glob_base(text), [Path(m) for m in matches], True))
        else:
            raise ReaderError(f"input {text!r} does not exist")
    return found


def _files(found: _Found, *, exclude: Path | None) -> Iterator[_Root]:
    """Yield the input files lazily (a huge folder is never listed whole)."""
    for root, paths, filtered in found:
        for path in paths:
            files = _walk(path) if path.is_dir() else iter([path])
            for file in files:
                if isinstance(file, _Unlisted):
                    yield _Root(path=file.path, root=root, error=file.error)
                    continue
                if filtered and file.suffix.lower() not in INPUT_SUFFIXES:
                    continue
                if exclude is not None and file.name == exclude.name and file.resolve() == exclude:
                    continue  # never read our own output back in
                yield _Root(path=file, root=root)


def _glob_base(pattern: str) -> Path:
    parts: list[str] = []
    for part in Path(pattern).parts:
        if _GLOB_MAGIC_RE.search(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path()


@dataclass(frozen=True)
class _Unlisted:
    """A directory under the top one that cannot be listed."""

    path: Path
    error: str


def _walk(top: Path) -> Iterator[Path | _Unlisted]:
    """Yield the files under ``top`` depth first, sorted by name (as ``find | sort``).

    Symbolic links are followed, except back into a directory being walked (a
    loop); a link to nothing, or in a loop of links, is yielded as a file, so
    reading it fails and is recorded. Other special files (FIFOs, sockets,
    devices) are skipped: reading one could block for ever. A stack, not
    recursion, so any depth works.

    Raises:
        ReaderError: If ``top`` itself cannot be listed (a directory below it
            that cannot be listed is yielded as :class:`_Unlisted`).
    """
    try:
        info = top.stat()
        entries = _sorted_entries(top)
    except OSError as exc:
        raise ReaderError(f"cannot list {path_text(str(top))!r}: {exc.strerror or exc}") from exc
    # One (entries, directories on the way down) pair per open directory.
    stack = [(entries, frozenset({(info.st_dev, info.st_ino)}))]
    while stack:
        todo, above = stack[-1]
        if not todo:
            stack.pop()
            continue
        entry = todo.pop()
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                below = entry.stat()
                key = (below.st_dev, below.st_ino)
                if key in above:
                    continue  # a link back up: its files are read once, from there
                try:
                    children = _sorted_entries(Path(entry.path))
                except OSError as exc:
                    message = f"cannot list {path_text(entry.path)!r}: {exc.strerror or exc}"
                    yield _Unlisted(Path(entry.path), message)
                    continue
                stack.append((children, above | {key}))
                continue
            if entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path)):
                yield Path(entry.path)
        except OSError:  # a loop of links, or an entry removed meanwhile
            yield Path(entry.path)


def _sorted_entries(directory: Path) -> list[os.DirEntry[str]]:
    """The entries of ``directory``, last name first (popped from the end in order)."""
    with os.scandir(directory) as it:
        return sorted(it, key=lambda e: e.name, reverse=True)


def _file_id(item: _Root) -> str:
    if item.root is None:
        return path_text(item.path.stem)
    try:
        rel = item.path.relative_to(item.root)
    except ValueError:
        return path_text(item.path.stem)
    return path_text(rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix())


def iter_tasks(inputs: Sequence[str | os.PathLike[str]], *, format: str = "auto") -> Iterator[Task]:
    """Yield one task per input: a file, or a record of a JSON or JSON Lines file.

    Inputs are expanded as by :func:`run_batch`; JSON Lines files are streamed,
    so a huge file is never held in memory.

    Raises:
        ReaderError: If an input does not exist or a glob matches nothing.
    """
    return _tasks(_files(_check_inputs(inputs), exclude=None), format=format)


def _tasks(roots: Iterable[_Root], *, format: str) -> Iterator[Task]:
    # Every id given so far: a file or record whose id is taken gets another,
    # so that no two records share an id and --resume can tell them apart.
    seen = IdSet()
    for item in roots:
        file_id = _file_id(item)
        if file_id in seen:
            file_id = _unique(
                path_text(
                    item.path.relative_to(item.root).as_posix() if item.root else item.path.name
                ),
                seen,
            )
        seen.add(file_id)
        source = path_text(str(item.path))
        suffix = item.path.suffix.lower()
        if item.error is not None:
            yield Task("record", ReaderError(item.error), file_id, source)
        elif format == "json" or (format == "auto" and suffix in _RECORD_SUFFIXES):
            yield from _record_tasks(item.path, file_id, source, seen)
        else:
            yield Task("path", item.path, file_id, source, format)


def _unique(wanted: str, seen: IdSet) -> str:
    """Return ``wanted``, or ``wanted#2``, ``wanted#3``... if it is taken."""
    result, n = wanted, 2
    while result in seen:
        result, n = f"{wanted}#{n}", n + 1
    return result


def _record_tasks(path: Path, file_id: str, source: str, seen: IdSet) -> Iterator[Task]:
    """Yield one task per record of a JSON or JSON Lines file, with a unique id each.

    A record's own id (``id``, ``doc_id``...) wins over ``<file id>:<n>``; one
    already given to an earlier record gets ``#2``, ``#3``... A line that is not
    a JSON object is left as it is, to become an error record.
    """
    from newsparse.readers import record_id

    def task(payload: Any, n: int | None) -> Task:
        own = record_id(payload) if isinstance(payload, dict) else None
        if n is None:  # the file is one record: its own id, else the file's (already taken)
            unique = file_id if own is None or own == file_id else _unique(own, seen)
        else:
            unique = _unique(own or f"{file_id}:{n}", seen)
        seen.add(unique)
        return Task("record", payload, unique, source)

    if path.suffix.lower() != ".jsonl":
        # A .json file: one object (one input, the file), an array, or JSON Lines.
        try:
            whole = json.loads(path.read_bytes())
        except (OSError, ValueError):
            whole = None
        if isinstance(whole, dict):
            yield task(whole, None)
            return
        if isinstance(whole, list):
            for n, record in enumerate(whole, 1):
                yield task(record, n)
            return
    try:
        fh = _open_lines(path)
    except OSError as exc:
        yield Task("record", exc, file_id, source)
        return
    with fh:
        n = 0
        try:
            for raw in fh:
                if not raw.strip():
                    continue  # blank lines are not records (as read_records)
                n += 1
                try:
                    payload: Any = json.loads(raw)
                except ValueError:
                    payload = raw  # the worker reports it
                yield task(payload if isinstance(payload, dict) else raw, n)
        except OSError as exc:
            yield task(ReaderError(f"cannot read {source!r} after record {n}: {exc}"), n + 1)


def _open_lines(path: Path) -> IO[Any]:
    """Open a JSON Lines file to stream its lines: bytes, or text if UTF-16/UTF-32.

    Splitting UTF-16 bytes at each newline byte would cut characters in half.
    """
    from newsparse.readers import _wide_encoding

    fh = path.open("rb")
    head = fh.read(4096)
    encoding = _wide_encoding(head[: len(head) // 4 * 4])
    if encoding == "utf-8-sig":
        fh.seek(0)
        return fh
    fh.close()
    # "replace": a bad sequence spoils only its own line (an error record), not the
    # whole chunk of lines the decoder holds.
    return path.open(encoding=encoding, errors="replace", newline="\n")


def _count(roots: Iterable[_Root], format: str) -> int:
    """Count inputs for the progress bar's total (records of JSON Lines files too)."""
    total = 0
    for item in roots:
        suffix = item.path.suffix.lower()
        if not (format == "json" or (format == "auto" and suffix in _RECORD_SUFFIXES)):
            total += 1
            continue
        if suffix != ".jsonl":
            try:
                whole = json.loads(item.path.read_bytes())
            except (OSError, ValueError):
                whole = None
            if isinstance(whole, dict | list):
                total += len(whole) if isinstance(whole, list) else 1
                continue
        try:
            with item.path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


# -- work (runs in worker processes) ------------------------------------------


def _run_task(
    pipeline: Pipeline, task: Task, timeout: float | None = None
) -> tuple[str, str, bool]:
    """Parse one task; return ``(id, JSON line, failed)``.

    Serialising here, in the worker, keeps the parent's share of the work small.
    """
    from newsparse._parallel import failure_for, parse_or_fail

    record: Article | InputFailure
    if task.kind == "path":
        record = parse_or_fail(pipeline, task.payload, task.format, id=task.id, timeout=timeout)
        if isinstance(record, InputFailure):
            record = record.model_copy(update={"source": task.source})
    else:
        try:
            article = _read_record(task)
        except Exception as exc:
            if pipeline.errors == "raise":
                raise
            record = failure_for(task.source, exc, id=task.id)
            record = record.model_copy(update={"source": task.source})
        else:
            record = parse_or_fail(pipeline, article, timeout=timeout)
    try:
        line = record.model_dump_json()
    except ValueError as exc:  # pydantic's PydanticSerializationError
        # Not JSON-encodable (a plugin's odd value): record it, never stop the batch.
        if pipeline.errors == "raise":
            raise
        record = failure_for(task.source, exc, id=task.id)
        record = record.model_copy(update={"source": task.source})
        line = record.model_dump_json(fallback=str)
    return record.id, line, isinstance(record, InputFailure)


def _read_record(task: Task) -> Article:
    from newsparse.readers import from_record

    payload = task.payload
    if isinstance(payload, ReaderError):
        raise payload
    if isinstance(payload, BaseException):
        raise ReaderError(f"cannot read {task.source!r}: {payload}")
    if isinstance(payload, bytes | str):
        where = f"{task.source} record {task.id.rpartition(':')[2]}"
        try:
            payload = json.loads(payload)
        except ValueError as exc:
            raise ReaderError(f"{where}: invalid JSON: {exc}") from exc
        if not isinstance(payload, dict):
            raise ReaderError(f"{where}: expected a JSON object")
    elif not isinstance(payload, dict):
        raise ReaderError(f"{task.source} record {task.id}: expected a JSON object")
    doc = from_record(payload, id=task.id, source=task.source)
    # The parent made the id unique (a record's own id taken by an earlier one gets #2).
    return doc if doc.id == task.id else doc.model_copy(update={"id": task.id})


# -- resume ------------------------------------------------------------------


def scan_output(path: str | os.PathLike[str], *, truncate: bool = False) -> set[str]:
    """Return the ids of the complete records of a JSON Lines output.

    A last line without its newline was cut by a kill; with ``truncate`` it is
    removed so that appending starts on a fresh line.
    """
    return {record_id for _, record_id in output_ids(path, truncate=truncate)}


def _skip_done(
    tasks: Iterable[Task], done: DoneIds, summary: BatchSummary, bar: _Progress
) -> Iterator[Task]:
    for task in tasks:
        if task.id in done:
            summary.skipped += 1
            bar.skip()
        else:
            yield task


# -- output and progress ------------------------------------------------------


class _Writer(Protocol):
    def write(self, line: str) -> None: ...
    def close(self) -> None: ...


class _JsonlWriter:
    """Append lines; flush about once a second so a kill loses little."""

    def __init__(self, fh: IO[str], *, owned: bool) -> None:
        self.fh = fh
        self.owned = owned
        self.flushed = time.monotonic()

    def write(self, line: str) -> None:
        # One write per record: a kill can cut only the last line.
        self.fh.write(line + "\n")
        now = time.monotonic()
        if now - self.flushed > 1.0:
            self.fh.flush()
            self.flushed = now

    def close(self) -> None:
        if self.owned:
            self.fh.close()
        else:
            self.fh.flush()


def _open_writer(out: str, *, append: bool) -> _Writer:
    if out == "-":
        return _JsonlWriter(sys.stdout, owned=False)
    if out.lower().endswith(".parquet"):
        from newsparse.tables import ParquetRecordWriter

        writer: _Writer = ParquetRecordWriter(out)
        return writer
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    fh = open(out, "a" if append else "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    return _JsonlWriter(fh, owned=True)


class _Progress:
    """A tqdm bar (rate, ETA) on stderr, or a plain line every few seconds without tqdm."""

    #: Seconds between plain progress lines (without tqdm).
    interval = 5.0

    def __init__(self, total: int | None, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.count = self.failed = 0
        self.started = self.last = time.monotonic()
        self.total = total
        if not enabled:
            return
        try:
            from tqdm import tqdm  # type: ignore[import-untyped, import-not-found, unused-ignore]
        except ImportError:
            return
        self.bar = tqdm(
            total=total,
            unit="article",
            file=sys.stderr,
            dynamic_ncols=True,
            mininterval=0.5,
            smoothing=0.1,
        )

    def skip(self) -> None:
        """Take an input already done (``--resume``) off the total."""
        if self.total is not None:
            self.total -= 1
            if self.bar is not None:
                self.bar.total = self.total

    def update(self, failed: bool) -> None:
        if not self.enabled:
            return
        self.count += 1
        self.failed += failed
        if self.bar is not None:
            if failed:
                self.bar.set_postfix(failed=self.failed, refresh=False)
            self.bar.update(1)
            return
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            rate = self.count / (now - self.started)
            of = f"/{self.total}" if self.total is not None else ""
            print(
                f"newsparse batch: {self.count}{of} articles, {self.failed} failed, "
                f"{rate:.1f} articles/s",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
