import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsparse import Article
from newsparse.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_parse_json_is_a_valid_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(ROOT / "examples" / "article.txt"), "--format", "json"]) == 0
    doc = Article.model_validate_json(capsys.readouterr().out)
    assert doc.id == "article"
    assert doc.text == (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")


def test_parse_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(ROOT / "examples" / "article.txt"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("id: article\n")
    assert "sections:" in out and "entities:" in out


def test_text_summary_shows_each_stance_cue_in_context(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Germany condemned France over the long-delayed trade deal on Monday, officials said.\n",
        encoding="utf-8",
    )
    assert main(["parse", str(story), "--format", "text"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("  Germany -> France"))
    assert "negative" in line
    # The cue is bracketed; the evidence is cut at a whole word, and the cut is marked.
    assert line.endswith("Germany [condemned] France over the long-delayed...")


def test_text_summary_stance_without_cue_shows_evidence_start() -> None:
    from newsparse.annotations import Stance
    from newsparse.cli import _evidence

    text = "Kim   visited\nthe   plant."
    stance = Stance(
        holder=None,
        target="E1",
        polarity="neutral",
        score=0.0,
        evidence={"start": 0, "end": len(text), "text": text},
    )
    assert _evidence(text, stance) == "Kim visited the plant."


def test_parse_stdin_through_python_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsparse", "parse", "-", "--format", "jsonl"],
        input=b"Kim spoke.\n",
        capture_output=True,
        check=True,
    )
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == "Kim spoke.\n"


def test_bad_setting_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["parse", "-", "--set", "nosuchextractor.x=1"])
    assert code == 2
    assert "unknown extractor" in capsys.readouterr().err


def test_missing_input_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["parse", str(tmp_path / "nope.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_plugins_lists_builtins_and_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plugins"]["newsparse.plugins.core"] == "built-in"
    names = [step["name"] for step in data["order"]]
    assert names == sorted(names, key=names.index)  # a list, in execution order
    assert main(["plugins", "--disable", "nosuch"]) == 2


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Article"
    assert "text" in schema["properties"]


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_installed_entry_point_plugin_is_loaded_and_labelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real distribution on sys.path: importlib.metadata finds its entry point.
    (tmp_path / "newsparse_acme.py").write_text(
        "from newsparse import Extractor, NoConfig, hookimpl\n"
        "class Acme(Extractor[NoConfig]):\n"
        "    name = 'acme'\n"
        "    requires = ('sentences',)\n"
        "    provides = ('extensions.acme',)\n"
        "    def extract(self, doc):\n"
        "        return {'extensions.acme': len(doc.sentences)}\n"
        "@hookimpl\n"
        "def newsparse_extractors():\n"
        "    return [Acme]\n"
    )
    info = tmp_path / "newsparse_acme-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsparse-acme\nVersion: 1.2\n")
    (info / "entry_points.txt").write_text("[newsparse]\nacme = newsparse_acme\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert main(["plugins", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plugins"]["acme"] == "entry point, newsparse-acme 1.2"
    names = [step["name"] for step in data["order"]]
    assert names.index("acme") > names.index("sentences")
    story = tmp_path / "story.txt"
    story.write_text("Kim spoke. Xi listened.\n", encoding="utf-8")
    assert main(["parse", str(story), "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["extensions"]["acme"] == 2
    assert main(["parse", str(story), "--format", "jsonl", "--disable", "acme"]) == 0
    assert "acme" not in json.loads(capsys.readouterr().out)["extensions"]


def test_ctrl_c_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("newsparse.cli._cmd_schema", interrupted)
    assert main(["schema"]) == 130
    assert capsys.readouterr().err == "newsparse: interrupted\n"


def test_start_method_missing_on_this_platform_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on Windows, where multiprocessing has no fork.
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    out = tmp_path / "out.jsonl"
    args = ["batch", str(ROOT / "examples" / "article.txt"), "-o", str(out)]
    assert main([*args, "--workers", "2", "--start-method", "fork"]) == 2
    assert "start method 'fork' is not available" in capsys.readouterr().err
    assert not out.exists()
