import json
from pathlib import Path

import pytest

from newsparse import ReaderError
from newsparse.readers import detect_format, read, read_records


def test_plain_text_is_kept_exactly() -> None:
    text = "Title\r\n\r\nBody with CRLF.\r\n"
    doc = read(text)
    assert doc.text == text
    assert doc.meta.format == "text"


def test_files_drop_a_bom_and_keep_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfLine one\r\nLine two\n")
    doc = read(path)
    assert doc.text == "Line one\r\nLine two\n"
    assert doc.id == "a"


def test_undecodable_and_empty_inputs_are_clear_errors(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(ReaderError, match=r"not valid UTF-8.*iconv"):
        read(path)
    with pytest.raises(ReaderError, match=r"empty"):
        read("  \n\t")
    with pytest.raises(ReaderError, match=r"cannot read"):
        read(tmp_path / "missing.txt")
    with pytest.raises(ReaderError, match=r"unknown format"):
        read("x", format="pdf")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.md", "# Title", "markdown"),
        ("a.HTML", "<p>x</p>", "html"),
        (None, "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (None, '{"title": "T", "text": "Body"}', "json"),
        (None, '{"no_text_field": 1}', "text"),
        (None, "Plain {braces} text", "text"),
    ],
)
def test_detect_format(name: str | None, text: str, expected: str) -> None:
    assert detect_format(text, name=name) == expected


def test_json_record_puts_the_title_before_the_body() -> None:
    record = {
        "id": "r1",
        "title": "Kim praises troops",
        "maintext": "Body text.",
        "url": "https://example.org/a",
        "date_publish": "2026-01-02",
    }
    doc = read(json.dumps(record))
    assert doc.text == "Kim praises troops\n\nBody text."
    assert (doc.id, doc.published, doc.meta.url) == ("r1", "2026-01-02", "https://example.org/a")
    assert doc.meta.title_hint == "Kim praises troops"


def test_json_without_text_is_an_error() -> None:
    with pytest.raises(ReaderError, match=r"has no text"):
        read('{"text": "  "}', format="json")


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    docs = list(read_records(path))
    assert [(d.id, d.text) for d in docs] == [("feed:1", "One."), ("feed:2", "Two.")]
    with pytest.raises(ReaderError, match=r"2 JSON records"):
        read(path)
    path.write_text('{"text": "One."}\nnot json\n', encoding="utf-8")
    with pytest.raises(ReaderError, match=r"line 2: invalid JSON"):
        list(read_records(path))


def test_html_main_content_becomes_markdown_text() -> None:
    pytest.importorskip("trafilatura")
    html = (
        "<html><head><title>Kim praises troops</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Kim praises troops</h1>"
        "<p>North Korean leader Kim Jong-un praised troops fighting abroad, state media "
        "reported on Thursday in a long and detailed account.</p><h2>Reaction</h2>"
        "<p>Analysts said the message signalled deeper ties with Moscow in the year ahead.</p>"
        "</article><footer>Copyright 2026</footer></body></html>"
    )
    doc = read(html)
    assert doc.meta.format == "html"
    assert doc.meta.title_hint == "Kim praises troops"
    assert "## Reaction" in doc.text
    assert "Copyright" not in doc.text and "Home | World" not in doc.text


def test_unsupported_source_type() -> None:
    with pytest.raises(ReaderError, match=r"cannot read a int"):
        read(42)  # type: ignore[arg-type]


# -- pages in a declared legacy charset ------------------------------------------------

_LEGACY_PAGE = (
    "<html><head>{declaration}<title>Caf\u00e9 talks</title></head><body><article>"
    "<h1>Caf\u00e9 talks resume</h1><p>Mayor Ren\u00e9e Dupr\u00e9 called the plan "
    "\u201ca fair deal\u201d on Monday \u2013 and her rivals agreed.</p>"
    "<p>Talks go on next week, the council said in a statement.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        # Browsers read an ISO-8859-1 label as windows-1252: curly quotes survive.
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ("<meta charset=iso-8859-15>", "iso8859_15"),
    ],
)
def test_a_page_in_its_declared_charset_is_decoded(
    tmp_path: Path, declaration: str, encoding: str
) -> None:
    pytest.importorskip("trafilatura")
    page = _LEGACY_PAGE.format(declaration=declaration)
    if encoding == "iso8859_15":  # no curly quotes or dashes in ISO-8859-15
        page = page.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-")
    path = tmp_path / "story.html"
    path.write_bytes(page.encode(encoding))
    doc = read(path)
    assert "Ren\u00e9e Dupr\u00e9" in doc.text
    if encoding == "cp1252":
        assert "\u201ca fair deal\u201d" in doc.text


def test_declared_charsets_only_apply_to_bytes_that_are_not_utf8() -> None:
    from newsparse.readers import decode

    utf8 = '<meta charset="windows-1252"><p>Ren\u00e9e</p>'.encode()
    assert "Ren\u00e9e" in decode(utf8, name="a.html")  # UTF-8 wins: not 'RenÃ©e'
    polish = '<?xml version="1.0" encoding="ISO-8859-2"?><p>\u0141\u00f3d\u017a</p>'
    assert "\u0141\u00f3d\u017a" in decode(polish.encode("iso8859_2"), name="a.xml")
    # The five bytes windows-1252 leaves undefined still decode (as browsers' C1 controls).
    assert decode(b"<meta charset=windows-1252>\x81\xe9", name="a.html").endswith("\x81\xe9")


def test_a_wrong_or_unknown_declared_charset_is_a_clear_error() -> None:
    from newsparse.readers import decode

    with pytest.raises(ReaderError, match=r"not valid UTF-8"):
        decode(b"<meta charset=ascii-7>\xe9", name="a.html")
    with pytest.raises(ReaderError, match=r"declares charset 'shift_jis' but is not valid"):
        decode(b"<meta charset=shift_jis>\x81\x20\xff", name="a.html")
    # A plain-text file declares nothing: the UTF-8 error and its hint stay.
    with pytest.raises(ReaderError, match=r"not valid UTF-8.*iconv"):
        decode("Caf\u00e9".encode("latin-1"), name="a.txt")


def test_flat_reading_skips_closed_menus_and_keeps_unclosed_ones() -> None:
    from newsparse.readers import _flat_html_text

    page = (
        "<body><nav><a>Home</a><nav><a>World</a></nav><a>Sport</a></nav>"
        "<p>Talks resumed on Monday.</p><aside>Read more</aside>"
        "<footer>Copyright</footer><p>Both sides met.</p></body>"
    )
    assert _flat_html_text(page) == ("", "Talks resumed on Monday.\n\nBoth sides met.\n")
    # A menu that is never closed would swallow the article: it is read instead.
    unclosed = "<nav><a>Home</a><p>Talks resumed.</p><footer>(c)</footer>"
    assert _flat_html_text(unclosed) == ("", "Home\n\nTalks resumed.\n")


def test_flat_reading_of_many_unclosed_menus_stays_linear() -> None:
    from newsparse.readers import _flat_html_text
    from newsparse.testing import best_cpu_seconds

    def page(n: int) -> str:
        return "<nav><p>word</p>" * n

    small = best_cpu_seconds(lambda: _flat_html_text(page(2_000)), runs=3)
    large = best_cpu_seconds(lambda: _flat_html_text(page(20_000)), runs=3)
    assert _flat_html_text(page(3))[1] == "word\n\nword\n\nword\n"
    assert large < 30 * small + 0.05
