import io
import json

from newsparse import Article, InputFailure
from newsparse.output import write_jsonl


def test_write_jsonl_writes_one_line_per_record_and_counts_failures() -> None:
    doc = Article.from_text("Kim spoke.", id="a")
    failure = InputFailure(id="b", error_type="ReaderError", message="empty")
    out = io.StringIO()
    assert write_jsonl([doc, failure], out) == (1, 1)
    first, second = out.getvalue().splitlines()
    assert Article.model_validate_json(first) == doc
    assert json.loads(second) == {
        "id": "b",
        "source": None,
        "error": True,
        "error_type": "ReaderError",
        "message": "empty",
    }
