"""newsparse.dask on a LocalCluster with 2 worker processes: same records as batch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pytest.importorskip("dask.dataframe")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from newsparse import Article, InputFailure  # noqa: E402
from newsparse.batch import run_batch  # noqa: E402
from newsparse.dask import FRAME_COLUMNS, parse_bag, parse_dataframe, parse_items  # noqa: E402
from test_parallel import toy_pipeline  # noqa: E402


def records(n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "id": f"r{i}",
            "title": f"Headline {i}",
            "text": f"Body {i}. Officials said so " * (i % 4 + 1),
        }
        for i in range(n)
    ]
    rows[7] = {"id": "r7", "text": "   "}  # no text: an error record
    return rows


def without_timings(record: dict[str, Any]) -> dict[str, Any]:
    """Drop run timings and where the input came from (a bag element has no path)."""
    out = {k: v for k, v in record.items() if k not in ("pipeline", "source", "message")}
    if "meta" in out:
        out["meta"] = {k: v for k, v in out["meta"].items() if k != "source"}
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster) as c:
        yield c


def test_bag_gives_the_same_records_as_batch(client: Client, tmp_path: Path) -> None:
    rows = records(40)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pipeline = toy_pipeline(errors="record")
    out = tmp_path / "out.jsonl"
    run_batch([feed], out, pipeline=pipeline, progress="never")
    expected = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    bag = db.read_text(str(feed), blocksize=2_000).map(json.loads)
    assert bag.npartitions > 1
    got = parse_bag(bag, pipeline=pipeline, output="dict").compute()
    assert [without_timings(r) for r in got] == [without_timings(r) for r in expected]
    assert got[7]["error"] is True
    # Each worker process built the pipeline at most once and reused it: ask the workers.
    built = client.run(_pipelines_built)
    assert len(built) == 2
    assert set(built.values()) <= {0, 1}
    assert sum(built.values()) >= 1


def _pipelines_built() -> int:
    from newsparse import _parallel

    return len(_parallel._PIPELINES)


def test_dataframe_rows_and_columns(client: Client) -> None:
    rows = records(12)
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    result = parse_dataframe(frame, pipeline=toy_pipeline(errors="record")).compute()
    assert list(result.columns) == list(FRAME_COLUMNS)
    assert list(result["id"]) == [r["id"] for r in rows]
    assert list(result["error"]) == [i == 7 for i in range(12)]
    first = Article.model_validate_json(result["record"].iloc[0])
    assert first.title is None  # the toy pipeline has no sections extractor
    assert first.extensions["busy"]["words"] == len(first.text.split())


def test_parse_items_without_a_cluster() -> None:
    pipeline = toy_pipeline(errors="record")
    got = parse_items(["Some text.", {"text": ""}, {"id": "x", "text": "Words."}], pipeline)
    assert isinstance(got[0], Article)
    assert isinstance(got[1], InputFailure)
    assert got[2].id == "x"
