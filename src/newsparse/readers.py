r"""Readers: turn plain text, Markdown, HTML or JSON records into an Article.

* ``text``: the input string, unchanged (offsets index into the caller's own
  string). Files are decoded as UTF-8 (UTF-16 and UTF-32 are recognised by
  their byte-order mark, UTF-16 without one by its zero bytes); a leading
  byte-order mark is dropped and line endings (``\\r\\n`` included) are kept
  as they are. Bytes that are not UTF-8 are decoded by the charset an HTML
  page or XML document declares in its head (``<meta charset>``, the
  ``http-equiv`` form, ``<?xml encoding>``), as older news sites still send
  windows-1252 or ISO-8859-x pages.
* ``markdown``: the source is kept unchanged as the text; the sections
  extractor reads ``#`` headings and ``-``/``*`` bullets from it.
* ``html``: the main content is extracted with trafilatura (``newsparse[html]``)
  as Markdown, so headings survive; title, date and URL go to the article.
  A page nested deeper than the HTML parser's limit (256 levels in libxml2) is
  cut there by the parser, losing everything after that point; such a page is
  read by a flat, linear pass over its tags instead (every text outside
  scripts, styles, menus, side boxes and footers, a paragraph per block
  element; ``meta.reader`` is ``"flat"``), so its text is kept.
* ``json``: a crawler record with ``text``/``body``/``maintext``/``content``,
  ``title``/``headline``, ``url``, ``date``/``published`` fields. A title that
  the body does not start with is put before it, separated by a blank line.
  A lone surrogate escape (``"\\ud800"``, half of an emoji cut by a crawler)
  becomes U+FFFD, one code point for one, so the record can be written as
  UTF-8 JSON again.
"""

from __future__ import annotations

import codecs
import functools
import html as html_entities
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import regex

from newsparse.article import Article, ArticleMeta
from newsparse.errors import ReaderError

__all__ = [
    "FORMATS",
    "Format",
    "detect_format",
    "path_text",
    "read",
    "read_records",
    "record_id",
]

Format = Literal["auto", "text", "markdown", "html", "json"]
FORMATS: tuple[str, ...] = ("auto", "text", "markdown", "html", "json")

_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
}
_TEXT_KEYS = ("text", "body", "maintext", "content", "article", "story")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "link", "source_url")
_DATE_KEYS = ("date", "published", "date_publish", "publish_date", "pubdate", "datePublished")
_ID_KEYS = ("id", "doc_id", "uuid", "guid")
# JSON may escape half a surrogate pair; such a str cannot be encoded as UTF-8.
_SURROGATE_RE = regex.compile("[\ud800-\udfff]")
# A charset declared in the head of an HTML page or an XML declaration.
_DECLARED_CHARSET_RE = regex.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    regex.IGNORECASE,
)
# How far into the bytes a declaration is looked for (HTML asks for the first 1,024).
_DECLARATION_WINDOW = 4096
# Labels the WHATWG Encoding standard reads as windows-1252, as browsers do.
_WINDOWS_1252_LABELS = frozenset(
    {
        "ascii",
        "us-ascii",
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "l1",
        "cp1252",
        "windows-1252",
        "x-cp1252",
        "cp819",
        "ibm819",
    }
)

Source = str | bytes | os.PathLike[str]

# -- the flat HTML reader: a tag scanner, no tree, so no depth limit -------------------
# A tag ends at the next ``>`` or ``<``, so a failed match stops at the next ``<``: one
# pass over the text, whatever it holds.
_FLAT_TAG_RE = regex.compile(r"<(?:!--|(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>)")
# Elements whose content is not article text (skipped to their closing tag).
_FLAT_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "title"}
    | {"textarea", "select"}
)
# Menus and side boxes: skipped like the above, but only when they are closed (an
# unclosed one would take the article with it), nesting of the same name counted.
_FLAT_BOILERPLATE = frozenset({"nav", "aside", "footer"})
# Elements that start or end a paragraph.
_FLAT_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl"}
    | {"dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"head", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section"}
    | {"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)
# libxml2's depth limit (and other size limits) stop the tree where they are met.
_RESOURCE_LIMIT_RE = regex.compile(r"excessive depth|huge|resource limit", regex.IGNORECASE)
# Fewer tags than this cannot nest as deep as libxml2's limit of 256.
_DEPTH_LIMIT = 256


def detect_format(text: str, *, name: str | None = None) -> str:
    """Guess the format of ``text`` from a file name, else from its content."""
    if name:
        fmt = _SUFFIXES.get(Path(name).suffix.lower())
        if fmt:
            return fmt
    head = text.lstrip("\ufeff \t\r\n")[:512]
    if not head.startswith(("<", "{")):
        return "text"  # neither HTML nor JSON: lower-casing the head would be wasted
    head = head.lower()
    if head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and ("<body" in head or "<p>" in head or "<article" in head)
    ):
        return "html"
    if head.startswith("{"):
        try:
            record = json.loads(text.lstrip("\ufeff"))
        except ValueError:
            return "text"
        if isinstance(record, dict) and any(k in record for k in _TEXT_KEYS):
            return "json"
    return "text"


def read(source: Source, *, format: str = "auto", id: str | None = None) -> Article:
    """Read one article.

    Args:
        source: The article text as ``str``; raw ``bytes``; or a path
            (``pathlib.Path`` or other ``os.PathLike``) to read.
        format: One of :data:`FORMATS`; ``auto`` detects it.
        id: Document id; defaults to the file stem, the record's id, or a hash.

    Raises:
        ReaderError: If the input is empty, undecodable or malformed.
    """
    name: str | None = None
    if isinstance(source, os.PathLike):
        path = Path(source)
        name = path_text(str(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReaderError(f"cannot read {name!r}: {exc.strerror or exc}") from exc
        text = decode(data, name=name)
        id = id or path_text(path.stem)
    elif isinstance(source, bytes):
        text = decode(source, name="<bytes>")
    elif isinstance(source, str):
        text = source
    else:
        raise ReaderError(
            f"cannot read a {type(source).__name__}: pass text (str), bytes or a path"
        )
    if format not in FORMATS:
        raise ReaderError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    fmt = detect_format(text, name=name) if format == "auto" else format
    if fmt == "json":
        records = list(_json_records(text, name=name))
        if len(records) != 1:
            raise ReaderError(
                f"{name or 'input'} holds {len(records)} JSON records; use "
                "read_records() or `newsparse batch` for several"
            )
        return from_record(records[0], id=id, source=name)
    if not text.strip():
        raise ReaderError(f"{name or 'input'} is empty: there is no text to parse")
    if fmt == "html":
        return _from_html(text, id=id, source=name)
    meta = ArticleMeta(source=name, format=fmt, reader=fmt)
    return Article.from_text(text, id=id, meta=meta)


def read_records(path: str | os.PathLike[str]) -> Iterator[Article]:
    """Yield one article per record of a JSON or JSON Lines file.

    Raises:
        ReaderError: If the file cannot be read or a line is not a JSON object.
    """
    name = path_text(os.fspath(path))
    try:
        text = decode(Path(path).read_bytes(), name=name)
    except OSError as exc:
        raise ReaderError(f"cannot read {name!r}: {exc.strerror or exc}") from exc
    stem = path_text(Path(path).stem)
    for i, record in enumerate(_json_records(text, name=name), 1):
        yield from_record(record, id=f"{stem}:{i}", source=name)


def decode(data: bytes, *, name: str) -> str:
    """Decode UTF-8 bytes, dropping a byte-order mark; UTF-16 and UTF-32 too.

    UTF-16 and UTF-32 are recognised by their byte-order mark, and UTF-16
    without one (as some Windows tools write it) by its zero bytes: in text
    that is mostly ASCII, every other byte is zero.

    Bytes that are not UTF-8 are decoded by the charset their HTML or XML head
    declares, if it declares one.

    Raises:
        ReaderError: If the bytes are not UTF-8 (nor recognisable UTF-16/32) and
            declare no charset that decodes them.
    """
    encoding = _wide_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8-sig":
            raise ReaderError(f"{name} is not valid {encoding.upper()}: {exc.reason}") from exc
        declared = _declared_text(data, name=name)
        if declared is not None:
            return declared
        raise ReaderError(
            f"{name} is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from exc


def _declared_text(data: bytes, *, name: str) -> str | None:
    """Decode ``data`` by the charset its HTML or XML head declares, if any.

    Raises:
        ReaderError: If the declared charset does not decode the bytes.
    """
    match = _DECLARED_CHARSET_RE.search(data, 0, _DECLARATION_WINDOW)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    if label in _WINDOWS_1252_LABELS:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            # The five bytes cp1252 leaves undefined are C1 controls to browsers.
            return data.decode("latin-1")
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return None
    if encoding.startswith("utf"):
        return None  # UTF-8 already failed; a UTF-16 label on ASCII-looking bytes is wrong
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReaderError(
            f"{name} declares charset {label!r} but is not valid {label} "
            f"(byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from exc


def _wide_encoding(data: bytes) -> str:
    """Name the encoding of ``data``: ``utf-8-sig`` unless it is UTF-16 or UTF-32."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"  # tested first: the UTF-32-LE mark starts with UTF-16-LE's
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" not in data or len(data) % 2:
        return "utf-8-sig"
    # UTF-8 text has no zero bytes; UTF-16 of mostly ASCII text has one in every
    # pair, on the odd side (little-endian) or the even side (big-endian).
    half = len(data) // 2
    odd, even = data[1::2].count(0), data[0::2].count(0)
    if odd >= 0.4 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return "utf-8-sig"


def from_record(record: Mapping[str, Any], *, id: str | None, source: str | None) -> Article:
    """Make an article from one crawler record (a JSON object).

    Raises:
        ReaderError: If the record has no non-empty text field.
    """
    body = _first(record, _TEXT_KEYS)
    if not body or not body.strip():
        raise ReaderError(
            f"record {id or ''} in {source or 'input'} has no text; expected one of "
            f"the fields {', '.join(_TEXT_KEYS)}"
        )
    title = _first(record, _TITLE_KEYS)
    text = body
    if title and not body.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{body}"
    record_id = _first(record, _ID_KEYS)
    meta = ArticleMeta(
        source=source,
        format="json",
        reader="json",
        title_hint=title.strip() if title else None,
        url=_first(record, _URL_KEYS),
    )
    return Article.from_text(
        text, id=record_id or id, meta=meta, published=_first(record, _DATE_KEYS)
    )


def path_text(path: str) -> str:
    r"""Return a file name as text that can be written as UTF-8 (ids, ``meta.source``).

    A name that is not UTF-8 on disk reaches Python with surrogate escapes
    (``bad\udcff.txt``); it is shown with a backslash escape instead
    (``bad\xff.txt``), the same every time, so ids stay stable across runs.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return os.fsencode(path).decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no file system gave
            return _SURROGATE_RE.sub("\ufffd", path)
    return path


def record_id(record: Mapping[str, Any]) -> str | None:
    """Return the id a crawler record gives itself (``id``, ``doc_id``, ...), if any."""
    return _first(record, _ID_KEYS)


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            # U+FFFD for a lone surrogate keeps every offset: one code point for one.
            return value if value.isascii() else _SURROGATE_RE.sub("\ufffd", value)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return None


def _json_records(text: str, *, name: str | None) -> Iterator[Mapping[str, Any]]:
    # A byte-order mark left in a str (text decoded as "utf-8", not "utf-8-sig").
    stripped = text.strip().lstrip("\ufeff")
    try:
        whole = json.loads(stripped)
    except ValueError:
        whole = None
    if isinstance(whole, dict):
        yield whole
        return
    if isinstance(whole, list):
        for item in whole:
            if not isinstance(item, dict):
                raise ReaderError(f"{name or 'input'}: JSON array items must be objects")
            yield item
        return
    for lineno, line in enumerate(stripped.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise ReaderError(f"{name or 'input'} line {lineno}: invalid JSON: {exc}") from exc
        if not isinstance(record, dict):
            raise ReaderError(f"{name or 'input'} line {lineno}: expected a JSON object")
        yield record


def _from_html(html: str, *, id: str | None, source: str | None) -> Article:
    try:
        import trafilatura
    except ImportError as exc:
        raise ReaderError(
            "reading HTML needs the html extra: pip install 'newsparse[html]'"
        ) from exc
    # The HTML parser stops at a lone surrogate and silently drops the rest; the
    # text is extracted anyway (no offsets into ``html``), so U+FFFD loses nothing.
    html = _SURROGATE_RE.sub("\ufffd", html)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, output_format="python", include_formatting=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if _tree_is_cut(html):
        # The parser stopped at its depth limit: what trafilatura saw is the part
        # before it. Read every text of the page instead (less menus and footers).
        title, flat = _flat_html_text(html)
        if flat:
            meta = ArticleMeta(
                source=source,
                format="html",
                reader="flat",
                title_hint=title or None,
                extra={
                    "extraction": "every text of the page, one paragraph per block element: "
                    "it nests deeper than the HTML parser's limit"
                },
            )
            return Article.from_text(flat, id=id, meta=meta)
    if not text or not text.strip():
        raise ReaderError(f"{source or 'input'}: no article text found in the HTML")
    meta = ArticleMeta(
        source=source,
        format="html",
        reader="trafilatura",
        title_hint=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        extra={"extraction": "trafilatura main content as Markdown"},
    )
    return Article.from_text(text, id=id, meta=meta, published=getattr(doc, "date", None))


def _tree_is_cut(html: str) -> bool:
    """Tell whether libxml2's HTML parser stops early on ``html`` (its depth limit).

    Parses once more with lxml's default HTML parser (trafilatura's limits) and
    reads its error log; a page with fewer tags than the limit is not parsed.
    """
    if html.count("<") < _DEPTH_LIMIT:
        return False
    try:
        from lxml import etree  # type: ignore[import-untyped, import-not-found, unused-ignore]

        parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True)
        etree.fromstring(html.encode("utf-8", "replace"), parser)
    except Exception:
        return False  # a parser that fails outright loses nothing we could keep
    return any(
        error.type_name == "ERR_RESOURCE_LIMIT" or _RESOURCE_LIMIT_RE.search(error.message)
        for error in parser.error_log
    )


@functools.cache
def _closing_tag_re(name: str) -> regex.Pattern[str]:
    return regex.compile(rf"</{name}\b[^<>]*>", regex.IGNORECASE)


@functools.cache
def _same_tag_re(name: str) -> regex.Pattern[str]:
    return regex.compile(rf"<(/?){name}\b[^<>]*>", regex.IGNORECASE)


def _end_of_element(html: str, name: str, pos: int) -> int | None:
    """Return where the element ``name`` opened just before ``pos`` ends, or None.

    Elements of the same name nested inside are counted, so ``<nav><nav>..</nav>
    ..</nav>`` ends at the second closing tag. None when it is never closed.
    """
    depth = 1
    for match in _same_tag_re(name).finditer(html, pos):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


def _flat_html_text(html: str) -> tuple[str, str]:
    """Return ``(title, text)`` of an HTML page read as a flat run of tags.

    Every text outside comments, scripts, styles and the like, with entities
    decoded and white space collapsed; a block element (``p``, ``div``, ``li``,
    headings...) starts a new paragraph, paragraphs separated by a blank line.
    No tree is built, so any depth of nesting works, in one pass (linear time).
    Menus, side boxes and footers (``nav``, ``aside``, ``footer``) are skipped
    when they are closed; other boilerplate is kept: this is the fallback for
    pages the tree parser cannot read whole, with no content scoring.
    """
    paragraphs: list[str] = []
    pieces: list[str] = []
    unclosed: set[str] = set()  # one failed search per name keeps the pass linear
    title = ""
    pos = 0
    search = _FLAT_TAG_RE.search

    def flush() -> None:
        if pieces:
            text = " ".join(html_entities.unescape("".join(pieces)).split())
            if text:
                paragraphs.append(text)
            pieces.clear()

    while True:
        match = search(html, pos)
        if match is None:
            pieces.append(html[pos:])
            break
        pieces.append(html[pos : match.start()])
        pos = match.end()
        name = match.group(2)
        if name is None:  # a comment runs to its end, or (unclosed) to the page's end
            end = html.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
            continue
        name = name.lower()
        if name in _FLAT_SKIPPED and not match.group(1):
            close = _closing_tag_re(name).search(html, pos)
            if name == "title" and not title:
                inner = html[pos : close.start() if close else len(html)]
                title = " ".join(html_entities.unescape(inner).split())
            if close is None:
                break
            pos = close.end()
        elif name in _FLAT_BOILERPLATE and not match.group(1) and name not in unclosed:
            flush()
            element_end = _end_of_element(html, name, pos)
            if element_end is None:
                unclosed.add(name)
            else:
                pos = element_end
        elif name in _FLAT_BLOCKS:
            flush()
    flush()
    return title, "\n\n".join(paragraphs) + ("\n" if paragraphs else "")
