"""Flat tables of parsed articles: CSV for spreadsheets, Parquet for data tools.

* :func:`quote_rows` / :func:`stance_rows` / :func:`article_rows` flatten one
  record (an :class:`~newsparse.Article`, or its JSON as a ``dict``) into rows;
  :func:`write_tables` writes them as CSV files (error records are skipped).
* :func:`write_parquet` and :class:`ParquetRecordWriter` write whole records,
  nested as in the JSON, to Parquet (``pip install 'newsparse[parquet]'``).
  The Arrow schema is derived from the Article's JSON Schema; free-form JSON
  (``extensions``, ``meta.extra``) is stored as JSON text. Error records are
  rows with ``error`` true and ``error_type``/``error_message`` set.

From the shell::

    newsparse batch archive/ -o out.jsonl
    newsparse tables out.jsonl --quotes quotes.csv --stances stances.csv
    newsparse tables out.jsonl --edges edges.csv --graphml edges.graphml
    newsparse tables out.jsonl --parquet out.parquet

(``python -m newsparse.tables`` is the same command.)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from newsparse.article import Article
from newsparse.errors import ConfigError, ReaderError
from newsparse.output import InputFailure

__all__ = [
    "ARTICLE_COLUMNS",
    "QUOTE_COLUMNS",
    "STANCE_COLUMNS",
    "ParquetRecordWriter",
    "add_arguments",
    "arrow_schema",
    "article_rows",
    "main",
    "quote_rows",
    "read_articles",
    "read_jsonl",
    "run",
    "stance_rows",
    "write_parquet",
    "write_tables",
]

#: Columns of the quotes table.
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "quote_id",
    "kind",
    "source_type",
    "speaker",
    "speaker_entity",
    "speaker_name",
    "cue",
    "content",
    "start",
    "end",
)
#: Columns of the stances table.
STANCE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "holder",
    "holder_name",
    "target",
    "target_name",
    "polarity",
    "score",
    "hedged",
    "cue",
    "evidence",
    "start",
    "end",
)
#: Columns of the articles table (one row per record, errors included).
ARTICLE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "title",
    "published",
    "source",
    "sentences",
    "entities",
    "quotes",
    "stances",
    "error",
)

Record = Article | InputFailure | Mapping[str, Any]


def _as_dict(record: Record) -> Mapping[str, Any]:
    if isinstance(record, Article | InputFailure):
        return record.model_dump(mode="json")
    return record


def _text(span: Mapping[str, Any] | None) -> str:
    return str(span["text"]) if span else ""


def quote_rows(record: Record) -> Iterator[dict[str, Any]]:
    """Yield one row per quote: who (speaker, entity), what (content), how (kind, cue)."""
    doc = _as_dict(record)
    if doc.get("error"):
        return
    names = {e["id"]: e["name"] for e in doc.get("entities", ())}
    for quote in doc.get("quotes", ()):
        speaker = quote.get("speaker")
        entity = speaker.get("entity") if speaker else None
        content = quote.get("content") or ()
        yield {
            "doc_id": doc["id"],
            "quote_id": quote["id"],
            "kind": quote["kind"],
            "source_type": quote.get("source_type", ""),
            "speaker": _text(speaker),
            "speaker_entity": entity or "",
            "speaker_name": names.get(entity, "") if entity else "",
            "cue": _text(quote.get("cue")),
            "content": " … ".join(part["text"] for part in content),
            "start": content[0]["start"] if content else "",
            "end": content[-1]["end"] if content else "",
        }


def stance_rows(record: Record) -> Iterator[dict[str, Any]]:
    """Yield one row per stance: holder, target (ids and names), polarity, evidence."""
    doc = _as_dict(record)
    if doc.get("error"):
        return
    names = {e["id"]: e["name"] for e in doc.get("entities", ())}
    for stance in doc.get("stances", ()):
        holder = stance.get("holder")
        evidence = stance["evidence"]
        yield {
            "doc_id": doc["id"],
            "holder": holder or "",
            "holder_name": names.get(holder, "") if holder else "(article)",
            "target": stance["target"],
            "target_name": names.get(stance["target"], ""),
            "polarity": stance["polarity"],
            "score": stance["score"],
            "hedged": stance.get("hedged", False),
            "cue": _text(stance.get("cue")),
            "evidence": evidence["text"],
            "start": evidence["start"],
            "end": evidence["end"],
        }


def article_rows(record: Record) -> Iterator[dict[str, Any]]:
    """Yield the one row of a record: id, title, counts of each layer, or the error."""
    doc = _as_dict(record)
    meta = doc.get("meta") or {}
    error = f"{doc.get('error_type')}: {doc.get('message')}" if doc.get("error") else ""
    yield {
        "doc_id": doc["id"],
        "title": _text(doc.get("title")),
        "published": doc.get("published") or "",
        "source": doc.get("source") or meta.get("source") or "",
        "sentences": len(doc.get("sentences", ())),
        "entities": len(doc.get("entities", ())),
        "quotes": len(doc.get("quotes", ())),
        "stances": len(doc.get("stances", ())),
        "error": error,
    }


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Yield the records of a JSON Lines output, one at a time (a cut last line is skipped).

    Raises:
        ReaderError: If a line is not JSON (or not UTF-8), or not a record: a
            JSON object with a string ``id``.
    """
    # Bytes, split at b"\n" only: a JSON line never holds a raw newline, but text
    # mode would also split at a lone "\r", and a bad byte must name its line.
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.endswith(b"\n") or not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError as exc:  # UnicodeDecodeError too
                raise ReaderError(f"{_not_ours(path)}: line {lineno} is not JSON: {exc}") from exc
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise ReaderError(
                    f'{_not_ours(path)}: line {lineno} is not a record (a JSON object with an "id")'
                )
            yield record


def _not_ours(path: str | os.PathLike[str]) -> str:
    return f"{os.fspath(path)} is not newsparse JSON Lines output (from `newsparse batch`)"


def read_articles(path: str | os.PathLike[str]) -> Iterator[Article]:
    """Yield the articles of a JSON Lines output, validated; error records are skipped."""
    for record in read_jsonl(path):
        if not record.get("error"):
            yield Article.model_validate(record)


def write_tables(
    records: Iterable[Record],
    *,
    quotes: str | os.PathLike[str] | None = None,
    stances: str | os.PathLike[str] | None = None,
    articles: str | os.PathLike[str] | None = None,
) -> dict[str, int]:
    """Write the quotes, stances and/or articles tables as CSV (UTF-8, with a header).

    Records are read once, streaming, so the input can be larger than memory.

    Returns:
        Rows written per table.
    """
    specs = [
        ("quotes", quotes, QUOTE_COLUMNS, quote_rows),
        ("stances", stances, STANCE_COLUMNS, stance_rows),
        ("articles", articles, ARTICLE_COLUMNS, article_rows),
    ]
    open_specs = [(name, path, cols, fn) for name, path, cols, fn in specs if path is not None]
    if not open_specs:
        raise ConfigError("write_tables: name at least one of quotes=, stances=, articles=")
    handles = [open(path, "w", encoding="utf-8", newline="") for _, path, _, _ in open_specs]  # noqa: SIM115
    counts = {name: 0 for name, *_ in open_specs}
    try:
        writers = []
        for fh, (_, _, cols, _) in zip(handles, open_specs, strict=True):
            writer = csv.DictWriter(fh, fieldnames=cols)
            writer.writeheader()
            writers.append(writer)
        for record in records:
            doc = _as_dict(record)
            for writer, (name, _, _, fn) in zip(writers, open_specs, strict=True):
                for row in fn(doc):
                    writer.writerow(row)
                    counts[name] += 1
    finally:
        for fh in handles:
            fh.close()
    return counts


# -- Parquet -------------------------------------------------------------------

_ERROR_FIELDS = ("error", "error_type", "error_message")


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped, import-not-found, unused-ignore]
        import pyarrow.parquet  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as exc:
        raise ConfigError(
            "Parquet output needs the parquet extra: pip install 'newsparse[parquet]'"
        ) from exc
    return pyarrow


# A plan says how to turn a JSON value into an Arrow value of the schema:
# ("json",) JSON text; ("value",) as is; ("list", plan); ("struct", {name: plan}).
_Plan = tuple[Any, ...]


def _plan(node: Mapping[str, Any], defs: Mapping[str, Any], pa: Any) -> tuple[Any, _Plan]:
    if "$ref" in node:
        return _plan(defs[node["$ref"].rsplit("/", 1)[-1]], defs, pa)
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        if len(options) == 1:
            return _plan(options[0], defs, pa)
        return pa.string(), ("json",)
    kind = node.get("type")
    if kind == "string" or "enum" in node or "const" in node:
        return pa.string(), ("value",)
    if kind == "integer":
        return pa.int64(), ("value",)
    if kind == "number":
        return pa.float64(), ("value",)
    if kind == "boolean":
        return pa.bool_(), ("value",)
    if kind == "array" and isinstance(node.get("items"), Mapping):
        item_type, item_plan = _plan(node["items"], defs, pa)
        return pa.list_(item_type), ("list", item_plan)
    if kind == "object" and "properties" in node and not node.get("additionalProperties"):
        fields, plans = [], {}
        for name, sub in node["properties"].items():
            sub_type, plans[name] = _plan(sub, defs, pa)
            fields.append(pa.field(name, sub_type))
        return pa.struct(fields), ("struct", plans)
    return pa.string(), ("json",)  # free-form JSON (extensions, meta.extra)


@cache
def _article_plan() -> tuple[Any, dict[str, _Plan]]:
    pa = _pyarrow()
    schema = Article.model_json_schema()
    struct_type, (_, plans) = _plan(schema, schema.get("$defs", {}), pa)
    fields = [struct_type.field(i) for i in range(struct_type.num_fields)]
    fields += [
        pa.field("error", pa.bool_()),
        pa.field("error_type", pa.string()),
        pa.field("error_message", pa.string()),
    ]
    plans = dict(plans)
    plans.update({name: ("value",) for name in _ERROR_FIELDS})
    return pa.schema(fields), plans


def arrow_schema() -> Any:
    """Return the Arrow schema of Parquet output: Article fields plus error columns."""
    return _article_plan()[0]


def _convert(value: Any, plan: _Plan) -> Any:
    if value is None:
        return None
    kind = plan[0]
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "list":
        return [_convert(v, plan[1]) for v in value]
    if kind == "struct":
        return {name: _convert(value.get(name), sub) for name, sub in plan[1].items()}
    return value


def _row(record: Record) -> dict[str, Any]:
    doc = _as_dict(record)
    plans = _article_plan()[1]
    if doc.get("error"):
        return {
            "id": doc["id"],
            "error": True,
            "error_type": doc.get("error_type"),
            "error_message": doc.get("message"),
            "meta": {"source": doc.get("source")},
        }
    row = {name: _convert(doc.get(name), plan) for name, plan in plans.items()}
    row["error"] = False
    return row


class ParquetRecordWriter:
    """Stream records (Articles, dicts or JSON lines) into a Parquet file.

    Rows are written in row groups of ``row_group_size``, so memory stays flat.

    Example:
        >>> writer = ParquetRecordWriter("out.parquet")  # doctest: +SKIP
        >>> writer.write(doc.model_dump_json())  # doctest: +SKIP
        >>> writer.close()  # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str], *, row_group_size: int = 1000) -> None:
        """Open ``path`` for writing (requires ``newsparse[parquet]``)."""
        pa = _pyarrow()
        self._pa = pa
        self._schema = arrow_schema()
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._writer = pa.parquet.ParquetWriter(os.fspath(path), self._schema)
        self._rows: list[dict[str, Any]] = []
        self._size = row_group_size
        self.written = 0

    def write(self, record: Record | str) -> None:
        """Add one record; a ``str`` is read as one JSON line."""
        self._rows.append(_row(json.loads(record) if isinstance(record, str) else record))
        if len(self._rows) >= self._size:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self.written += len(self._rows)
            self._rows = []

    def close(self) -> None:
        """Write what is buffered and close the file."""
        self._flush()
        self._writer.close()


def write_parquet(
    records: Iterable[Record | str], path: str | os.PathLike[str], *, row_group_size: int = 1000
) -> int:
    """Write records to a Parquet file; return how many were written."""
    writer = ParquetRecordWriter(path, row_group_size=row_group_size)
    try:
        for record in records:
            writer.write(record)
    finally:
        writer.close()
    return writer.written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the table options to ``parser`` (shared by ``newsparse tables`` and this module)."""
    parser.add_argument("input", help="a .jsonl file written by `newsparse batch`")
    parser.add_argument("--quotes", help="write the quotes table (CSV) here")
    parser.add_argument("--stances", help="write the stances table (CSV) here")
    parser.add_argument("--articles", help="write the articles table (CSV) here")
    parser.add_argument(
        "--edges", help="write who is for or against whom over the batch (CSV edge list) here"
    )
    parser.add_argument("--graphml", help="write the same edges as GraphML (Gephi, networkx) here")
    parser.add_argument(
        "--article-voice",
        action="store_true",
        help="keep the articles' own stances as edges from '(article)' in --edges/--graphml",
    )
    parser.add_argument("--parquet", help="write whole records as Parquet here")


def run(args: argparse.Namespace) -> list[str]:
    """Write what ``args`` (from :func:`add_arguments`) names; return one line per output.

    Raises:
        ConfigError: If no output is named.
        ReaderError: If the input is missing or is not newsparse JSON Lines.
    """
    if not (
        args.quotes or args.stances or args.articles or args.edges or args.graphml or args.parquet
    ):
        raise ConfigError(
            "name at least one output: --quotes, --stances, --articles, --edges, --graphml "
            "or --parquet"
        )
    if not Path(args.input).is_file():
        raise ReaderError(f"no such file: {args.input}")
    try:
        return _write_outputs(args)
    except (ValidationError, KeyError, TypeError, AttributeError) as exc:
        # A record of the wrong shape: a field missing, or of the wrong type.
        raise ReaderError(f"{_not_ours(args.input)}: {type(exc).__name__}: {exc}") from exc


def _write_outputs(args: argparse.Namespace) -> list[str]:
    lines = []
    if args.quotes or args.stances or args.articles:
        counts = write_tables(
            read_jsonl(args.input), quotes=args.quotes, stances=args.stances, articles=args.articles
        )
        lines += [f"{name}: {n} rows" for name, n in counts.items()]
    if args.edges or args.graphml:
        from newsparse.stance_table import stance_edges, write_edges_csv, write_edges_graphml

        edges = stance_edges(read_articles(args.input), article_voice=args.article_voice)
        if args.edges:
            write_edges_csv(edges, args.edges)
        if args.graphml:
            write_edges_graphml(edges, args.graphml)
        lines.append(f"edges: {len(edges)}")
    if args.parquet:
        lines.append(f"parquet: {write_parquet(read_jsonl(args.input), args.parquet)} records")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Convert JSON Lines output to tables (also ``newsparse tables``)."""
    parser = argparse.ArgumentParser(
        prog="python -m newsparse.tables",
        description="Flatten newsparse JSON Lines output into CSV tables, an edge list or Parquet.",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        lines = run(args)
    except ConfigError as exc:
        parser.error(str(exc))
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
