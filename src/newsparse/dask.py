"""Run the pipeline over a Dask bag or dataframe (``pip install 'newsparse[dask]'``).

The pipeline is built once in the client (so a bad config fails at once) and
sent to the workers pickled as its build arguments; each worker process
rebuilds it once and reuses it for every partition it runs. Results are the
same records as ``newsparse batch`` writes for the same inputs::

    import dask.bag as db
    import json
    from dask.distributed import Client
    from newsparse.dask import parse_bag

    client = Client()  # or Client("tcp://scheduler:8786")
    records = db.read_text("archive/*.jsonl").map(json.loads)
    parse_bag(records, output="json").to_textfiles("out/*.jsonl")

Nothing here imports Dask until a function is called.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from newsparse.article import Article
from newsparse.output import InputFailure

if TYPE_CHECKING:
    from newsparse.pipeline import ErrorPolicy, Pipeline

__all__ = ["FRAME_COLUMNS", "parse_bag", "parse_dataframe", "parse_items", "parse_pandas"]

Output = Literal["article", "dict", "json"]

#: Columns of :func:`parse_dataframe`'s result, with their pandas dtypes.
FRAME_COLUMNS: dict[str, str] = {
    "id": "object",
    "error": "bool",
    "title": "object",
    "sentences": "int64",
    "entities": "int64",
    "quotes": "int64",
    "stances": "int64",
    "record": "object",
}


def _pipeline(
    pipeline: Pipeline | None,
    config: Mapping[str, Any] | None,
    disable: Sequence[str],
    plugins: Sequence[object],
    errors: ErrorPolicy,
    entry_points: bool,
) -> Pipeline:
    if pipeline is not None:
        return pipeline
    from newsparse.pipeline import Pipeline

    return Pipeline.build(
        config, disable=disable, plugins=plugins, errors=errors, entry_points=entry_points
    )


def _parse_one(pipeline: Pipeline, item: Any, format: str) -> Article | InputFailure:
    from newsparse._parallel import failure_for, parse_or_fail

    if isinstance(item, Mapping):
        from newsparse.readers import from_record, record_id

        try:
            doc = from_record(item, id=None, source=None)
        except Exception as exc:
            if pipeline.errors == "raise":
                raise
            # The id as from_record reads it (a string or integer, surrogates replaced).
            return failure_for(item, exc, id=record_id(item) or "unknown")
        return parse_or_fail(pipeline, doc)
    return parse_or_fail(pipeline, item, format)


def _emit(record: Article | InputFailure, output: Output, pipeline: Pipeline) -> Any:
    if output == "json":
        try:
            return record.model_dump_json()
        except ValueError as exc:  # a str input with a lone surrogate cannot be UTF-8 JSON
            if pipeline.errors == "raise":
                raise
            from newsparse._parallel import failure_for

            safe_id = record.id.encode("utf-8", "replace").decode()
            return failure_for(None, exc, id=safe_id).model_dump_json()
    if output == "dict":
        return record.model_dump(mode="json")
    return record


def parse_items(
    items: Iterable[Any], pipeline: Pipeline, *, format: str = "auto", output: Output = "article"
) -> list[Any]:
    """Parse one partition: texts, bytes, paths, crawler records (dicts) or Articles.

    A failed input becomes an :class:`~newsparse.output.InputFailure` when the
    pipeline's ``errors`` is ``"record"``.
    """
    return [_emit(_parse_one(pipeline, item, format), output, pipeline) for item in items]


def _partition(items: Iterable[Any], pipeline: Pipeline, format: str, output: Output) -> list[Any]:
    return parse_items(items, pipeline, format=format, output=output)


def parse_bag(
    bag: Any,
    *,
    pipeline: Pipeline | None = None,
    config: Mapping[str, Any] | None = None,
    disable: Sequence[str] = (),
    plugins: Sequence[object] = (),
    errors: ErrorPolicy = "record",
    entry_points: bool = True,
    format: str = "auto",
    output: Output = "article",
) -> Any:
    """Map the pipeline over a ``dask.bag.Bag``, one result per element, in order.

    Args:
        bag: Elements are article texts (``str``), ``bytes``, paths
            (``pathlib.Path``: read on the worker), crawler records (``dict``
            with ``text``/``title``/``url``/``date``/``id`` fields) or Articles.
        pipeline: A pipeline made by ``Pipeline.build``; else one is built from
            ``config``, ``disable``, ``plugins``, ``errors`` and ``entry_points``.
        config: Extractor settings, as for ``Pipeline.build``.
        disable: Extractors not to run.
        plugins: Extra plugin modules (by name) or picklable plugin objects.
        errors: ``"record"`` (default: a failed input becomes an error record)
            or ``"raise"``.
        entry_points: Load installed third-party plugins.
        format: Input format of texts and paths.
        output: ``"article"`` (Article / InputFailure objects), ``"dict"``
            (their JSON as dicts) or ``"json"`` (JSON lines, for ``to_textfiles``).

    Returns:
        A new bag of results.
    """
    built = _pipeline(pipeline, config, disable, plugins, errors, entry_points)
    # Positional: map_partitions keeps some keyword names (``output``) for itself.
    return bag.map_partitions(_partition, built, format, output)


def parse_pandas(
    frame: Any, pipeline: Pipeline, *, text_column: str = "text", format: str = "auto"
) -> Any:
    """Parse a pandas DataFrame of articles, one row per article (also for Spark's mapInPandas).

    Every column is passed to the record reader, so ``id``, ``title``,
    ``url`` and ``date`` columns are used as in a JSON record.

    Returns:
        A pandas DataFrame with :data:`FRAME_COLUMNS`, one row per input row.
    """
    import pandas as pd  # type: ignore[import-untyped, import-not-found, unused-ignore]

    rows = []
    for raw in frame.to_dict(orient="records"):
        record = {k: v for k, v in raw.items() if isinstance(v, str | int) or v is None}
        if text_column != "text":
            record["text"] = raw.get(text_column)
        result = _parse_one(pipeline, record, format)
        failed = isinstance(result, InputFailure)
        doc = result if isinstance(result, Article) else None
        rows.append(
            {
                "id": result.id,
                "error": failed,
                "title": doc.title.text if doc is not None and doc.title else None,
                "sentences": len(doc.sentences) if doc is not None else 0,
                "entities": len(doc.entities) if doc is not None else 0,
                "quotes": len(doc.quotes) if doc is not None else 0,
                "stances": len(doc.stances) if doc is not None else 0,
                "record": result.model_dump_json(),
            }
        )
    out = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    return out.astype(FRAME_COLUMNS)


def parse_dataframe(
    frame: Any,
    *,
    text_column: str = "text",
    pipeline: Pipeline | None = None,
    config: Mapping[str, Any] | None = None,
    disable: Sequence[str] = (),
    plugins: Sequence[object] = (),
    errors: ErrorPolicy = "record",
    entry_points: bool = True,
    format: str = "auto",
) -> Any:
    """Map the pipeline over a ``dask.dataframe.DataFrame`` of articles.

    Args:
        frame: One article per row, its text in ``text_column``; ``id``,
            ``title``, ``url`` and ``date`` columns are used when present.
        text_column: The column holding the article text.
        pipeline: As for :func:`parse_bag`.
        config: As for :func:`parse_bag`.
        disable: As for :func:`parse_bag`.
        plugins: As for :func:`parse_bag`.
        errors: As for :func:`parse_bag`.
        entry_points: As for :func:`parse_bag`.
        format: Input format of the texts.

    Returns:
        A Dask DataFrame with :data:`FRAME_COLUMNS`: id, error flag, title,
        layer counts and the whole record as JSON in ``record``.
    """
    import pandas as pd  # type: ignore[import-untyped, import-not-found, unused-ignore]

    built = _pipeline(pipeline, config, disable, plugins, errors, entry_points)
    meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in FRAME_COLUMNS.items()})
    return frame.map_partitions(
        parse_pandas, built, text_column=text_column, format=format, meta=meta
    )
