r"""Score attribution (quote) extraction against PolNeAR-style brat standoff files.

PolNeAR (Newell, Margolin & Ruths 2018) annotates attributions as brat
``T`` lines (``Source``, ``Cue``, ``Content`` spans; discontinuous spans are
written ``s e;s e``) tied by ``E`` lines
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``). An article may have
several ``.ann`` files (one per annotator); the lexicographically first is gold.

Metrics (per article, summed over the split), each on the DIRECT subset and on
ALL attributions:

* content P/R/F1, *partial* (token-set F1 >= 0.5, pairs matched one-to-one
  greedily by decreasing F1) and *exact* (identical token sets), where tokens
  are ``\w+`` runs and a span covers a token when they share a character;
* speaker accuracy over matched contents whose gold has a Source: the
  predicted speaker shares a non-space character with the gold Source;
* cue accuracy: the same overlap test against the gold Cue;
* end-to-end P/R/F1: content matched and speaker ok (a gold without Source
  wants a null speaker).

DIRECT holds gold contents containing a quotation mark (double marks, or an
opening single mark at a word start), looking one character beyond each edge;
a prediction is in DIRECT when it is matched to a DIRECT gold, or, unmatched,
when its own content passes the same test.

Command line::

    python -m newsparse.evaluate.polnear PRED.jsonl --split dev --polnear DIR
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsparse.article import Article

__all__ = [
    "Attribution",
    "GoldArticle",
    "PredictedQuote",
    "SubsetScores",
    "has_quote_mark",
    "load_predictions",
    "load_split",
    "main",
    "parse_ann",
    "predictions_from_articles",
    "score",
    "score_articles",
]

Spans = tuple[tuple[int, int], ...]

_WORD_RE = re.compile(r"\w+")
_DOUBLE_MARKS = frozenset('\u201c\u201d\u201e\u201f"\u00ab\u00bb\u2033\u301d\u301e')
# An opening single mark starts a word (after start, space, an opening bracket,
# a dash or punctuation) and is followed by a letter; elisions ('em, 'n') are not.
_OPEN_SINGLE_RE = re.compile(
    r"(?:^|(?<=[\s(\[{\u2014\u2013\-:;,\u201c\"]))[\u2018'\u2039](?=[^\W\d_])"
)
_ELISION_RE = re.compile(r"['\u2018](?:em|til|cause|n|tis|twas)\b", re.IGNORECASE)
_ANN_ID_RE = re.compile(r"^[TEAR#N]\d*$")
_ANN_NAME_RE = re.compile(r"^(.*)_([0-9a-f]{4})\.ann$")
_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}
SUBSETS = ("direct", "all")


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: source, cue and content as sorted ``(start, end)`` pieces."""

    id: str
    source: Spans
    cue: Spans
    content: Spans


@dataclass(frozen=True)
class GoldArticle:
    """An annotated article: its text and gold attributions."""

    id: str
    text: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class PredictedQuote:
    """A predicted attribution reduced to what the metrics read."""

    content: Spans
    speaker: Spans = ()
    cue: Spans = ()


@dataclass
class SubsetScores:
    """Raw counts of one subset (DIRECT or ALL); :meth:`as_dict` gives the figures."""

    gold: int = 0
    pred: int = 0
    tp: int = 0
    exact: int = 0
    speaker_n: int = 0
    speaker_ok: int = 0
    cue_n: int = 0
    cue_ok: int = 0
    e2e: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return counts, P/R/F1 triples and accuracies (fractions in 0-1)."""
        return {
            "n_gold": self.gold,
            "n_pred": self.pred,
            "content_partial": _prf(self.tp, self.pred, self.gold),
            "content_exact": _prf(self.exact, self.pred, self.gold),
            "speaker_acc": self.speaker_ok / self.speaker_n if self.speaker_n else 0.0,
            "speaker_n": self.speaker_n,
            "cue_acc": self.cue_ok / self.cue_n if self.cue_n else 0.0,
            "cue_n": self.cue_n,
            "end_to_end": _prf(self.e2e, self.pred, self.gold),
        }


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp}


def has_quote_mark(text: str) -> bool:
    """Tell whether ``text`` holds a quotation mark (not an apostrophe).

    Args:
        text: Any string, usually a content plus one character each side.

    Returns:
        True for any double mark, or an opening single mark at a word start
        that is not an elision such as ``'em`` or ``'n'``.
    """
    if any(c in _DOUBLE_MARKS for c in text):
        return True
    return any(not _ELISION_RE.match(text, m.start()) for m in _OPEN_SINGLE_RE.finditer(text))


def _window(text: str, spans: Spans) -> str:
    """Return the pieces of ``spans`` plus the character just outside each outer edge."""
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    parts = [text[max(0, start - 1) : start], *(text[s:e] for s, e in spans), text[end : end + 1]]
    return "\n".join(parts)


def _is_direct(text: str, spans: Spans) -> bool:
    return bool(spans) and has_quote_mark(_window(text, spans))


# --------------------------------------------------------------------------- reading


def parse_ann(ann: str, text: str) -> tuple[Attribution, ...]:
    """Parse one brat ``.ann`` string into attributions sorted by content start.

    Relations without a content are skipped (they cannot be scored).

    Args:
        ann: The standoff file's text.
        text: The article text the offsets index into.

    Raises:
        ValueError: If a span falls outside ``text``.
    """
    spans: dict[str, Spans] = {}
    relations: list[tuple[str, list[str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not _ANN_ID_RE.match(fields[0]):
            continue  # the continuation of a span text that held a newline
        key = fields[0]
        if key.startswith("T"):
            _, _, offsets = fields[1].partition(" ")
            pieces: list[tuple[int, int]] = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                pieces.append((int(a), int(b)))
            spans[key] = tuple(sorted(pieces))
        elif key.startswith("E"):
            relations.append((key, fields[1].split()))
    out = []
    for eid, args in relations:
        roles: dict[str, set[tuple[int, int]]] = {"source": set(), "cue": set(), "content": set()}
        for arg in args[1:]:
            role, _, tid = arg.partition(":")
            name = _ROLES.get(role.rstrip("0123456789"))
            if name and tid in spans:
                roles[name].update(spans[tid])
        if not roles["content"]:
            continue
        for role_spans in roles.values():
            for s, e in role_spans:
                if not 0 <= s < e <= len(text):
                    raise ValueError(f"{eid}: span {s}-{e} outside the text ({len(text)})")
        out.append(
            Attribution(
                id=eid,
                source=tuple(sorted(roles["source"])),
                cue=tuple(sorted(roles["cue"])),
                content=tuple(sorted(roles["content"])),
            )
        )
    out.sort(key=lambda a: (a.content[0], a.id))
    return tuple(out)


def _split_dir(root: Path, split: str) -> Path:
    for candidate in (root / split, root / "data" / split):
        if (candidate / "text").is_dir():
            return candidate
    raise FileNotFoundError(f"no {split}/text (or data/{split}/text) folder under {root}")


def load_split(root: str | Path, split: str) -> list[GoldArticle]:
    """Read one split of a PolNeAR folder (``<split>/text`` + ``<split>/attributions``).

    Args:
        root: The folder holding ``<split>/`` (or ``data/<split>/``).
        split: ``train``, ``dev`` or ``test``.

    Returns:
        Gold articles sorted by id; an article without any ``.ann`` has none.
    """
    base = _split_dir(Path(root), split)
    by_doc: dict[str, list[str]] = {}
    ann_dir = base / "attributions"
    if ann_dir.is_dir():
        for path in ann_dir.glob("*.ann"):
            m = _ANN_NAME_RE.match(path.name)
            if m:
                by_doc.setdefault(m.group(1), []).append(path.name)
    articles = []
    for path in sorted((base / "text").glob("*.txt")):
        doc = path.stem
        with path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        names = sorted(by_doc.get(doc, ()))
        atts: tuple[Attribution, ...] = ()
        if names:
            with (ann_dir / names[0]).open(encoding="utf-8", newline="") as fh:
                atts = parse_ann(fh.read(), text)
        articles.append(GoldArticle(id=doc, text=text, attributions=atts))
    articles.sort(key=lambda a: a.id)
    return articles


def _spans_of(value: Any) -> Spans:
    if value is None:
        return ()
    items = [value] if isinstance(value, Mapping) else value
    return tuple(
        sorted((int(sp["start"]), int(sp["end"])) for sp in items if sp["end"] > sp["start"])
    )


def load_predictions(path: str | Path) -> dict[str, tuple[str | None, list[PredictedQuote]]]:
    """Read predictions (contract JSONL: ``id``, optional ``text``, ``quotes``).

    Returns:
        Document id to ``(text or None, quotes)``.
    """
    out: dict[str, tuple[str | None, list[PredictedQuote]]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            quotes = [
                PredictedQuote(
                    content=_spans_of(q.get("content")),
                    speaker=_spans_of(q.get("speaker")),
                    cue=_spans_of(q.get("cue")),
                )
                for q in obj.get("quotes") or ()
            ]
            out[str(obj["id"])] = (obj.get("text"), [q for q in quotes if q.content])
    return out


def predictions_from_articles(
    articles: Iterable[Article],
) -> dict[str, tuple[str | None, list[PredictedQuote]]]:
    """Turn parsed articles into the prediction mapping :func:`score` reads."""
    out: dict[str, tuple[str | None, list[PredictedQuote]]] = {}
    for doc in articles:
        quotes = []
        for q in doc.quotes:
            content = tuple((s.start, s.end) for s in q.content if s.end > s.start)
            if not content:
                continue
            speaker = q.speaker
            cue = q.cue
            quotes.append(
                PredictedQuote(
                    content=tuple(sorted(content)),
                    speaker=((speaker.start, speaker.end),) if speaker else (),
                    cue=((cue.start, cue.end),) if cue else (),
                )
            )
        out[doc.id] = (doc.text, quotes)
    return out


# --------------------------------------------------------------------------- scoring


class _Tokens:
    """Word-token offsets of one text, to turn spans into token sets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD_RE.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def of(self, spans: Spans) -> frozenset[Any]:
        out: set[Any] = set()
        for s, e in spans:
            i = bisect.bisect_right(self.ends, s)
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        if not out:  # no word at all (a lone dash): compare characters instead
            out = {("c", p) for s, e in spans for p in range(s, e) if not self.text[p].isspace()}
        return frozenset(out)

    def chars(self, spans: Spans) -> set[int]:
        return {
            p
            for s, e in spans
            for p in range(s, min(e, len(self.text)))
            if not self.text[p].isspace()
        }


def _match_partial(
    pred: Sequence[frozenset[Any]], gold: Sequence[frozenset[Any]]
) -> dict[int, int]:
    candidates = []
    for j, g in enumerate(gold):
        for i, p in enumerate(pred):
            inter = len(p & g)
            if inter:
                f1 = 2 * inter / (len(p) + len(g))
                if f1 >= 0.5:
                    candidates.append((-f1, j, i))
    candidates.sort()
    used_gold: set[int] = set()
    pairs: dict[int, int] = {}
    for _, j, i in candidates:
        if i not in pairs and j not in used_gold:
            pairs[i] = j
            used_gold.add(j)
    return pairs


def _match_exact(pred: Sequence[frozenset[Any]], gold: Sequence[frozenset[Any]]) -> dict[int, int]:
    free: dict[frozenset[Any], list[int]] = {}
    for j, g in enumerate(gold):
        free.setdefault(g, []).append(j)
    pairs = {}
    for i, p in enumerate(pred):
        if free.get(p):
            pairs[i] = free[p].pop(0)
    return pairs


def _score_article(
    gold: GoldArticle, pred: Sequence[PredictedQuote], counts: Mapping[str, SubsetScores]
) -> None:
    text = gold.text
    toks = _Tokens(text)
    g_toks = [toks.of(a.content) for a in gold.attributions]
    p_toks = [toks.of(q.content) for q in pred]
    g_direct = [_is_direct(text, a.content) for a in gold.attributions]
    pairs = _match_partial(p_toks, g_toks)
    exact = _match_exact(p_toks, g_toks)
    for subset, c in counts.items():
        g_sel = {j for j in range(len(g_toks)) if subset == "all" or g_direct[j]}
        p_sel = [
            i
            for i in range(len(pred))
            if subset == "all"
            or (g_direct[pairs[i]] if i in pairs else _is_direct(text, pred[i].content))
        ]
        c.gold += len(g_sel)
        c.pred += len(p_sel)
        c.exact += sum(1 for i in p_sel if exact.get(i, -1) in g_sel)
        for i, j in pairs.items():
            if j not in g_sel:
                continue
            c.tp += 1
            a, q = gold.attributions[j], pred[i]
            if a.source:
                c.speaker_n += 1
                ok = bool(toks.chars(q.speaker) & toks.chars(a.source))
                c.speaker_ok += ok
            else:
                ok = not q.speaker
            c.e2e += ok
            if a.cue:
                c.cue_n += 1
                c.cue_ok += bool(toks.chars(q.cue) & toks.chars(a.cue))


def score(
    gold: Iterable[GoldArticle],
    predictions: Mapping[str, tuple[str | None, Sequence[PredictedQuote]]],
) -> dict[str, Any]:
    """Score predictions against gold articles.

    Args:
        gold: The gold articles (e.g. from :func:`load_split`).
        predictions: Document id to ``(text or None, quotes)``; a missing id
            means no quotes; a given text that differs from the gold text makes
            that article's predictions ignored (and counted in
            ``text_mismatch_docs``).

    Returns:
        ``{"direct": {...}, "all": {...}, "docs": n, "missing_docs": n,
        "text_mismatch_docs": n}``, figures as fractions.
    """
    counts = {s: SubsetScores() for s in SUBSETS}
    docs = missing = mismatch = 0
    for article in gold:
        docs += 1
        got = predictions.get(article.id)
        quotes: Sequence[PredictedQuote] = ()
        if got is None:
            missing += 1
        elif got[0] is not None and got[0] != article.text:
            mismatch += 1
        else:
            quotes = got[1]
        _score_article(article, quotes, counts)
    out: dict[str, Any] = {s: c.as_dict() for s, c in counts.items()}
    out.update(docs=docs, missing_docs=missing, text_mismatch_docs=mismatch)
    return out


def score_articles(articles: Iterable[Article], gold: Iterable[GoldArticle]) -> dict[str, Any]:
    """Score parsed articles (their ``quotes`` layer) against gold; see :func:`score`."""
    return score(gold, predictions_from_articles(articles))


def format_table(metrics: Mapping[str, Any], title: str = "") -> str:
    """Render :func:`score` figures as a small text table (percentages)."""
    head = (
        f"{'subset':8} {'#gold':>6} {'#pred':>6} | {'part P':>6} {'R':>5} {'F1':>5} | "
        f"{'exact P':>7} {'R':>5} {'F1':>5} | {'spk acc':>7} {'cue acc':>7} | "
        f"{'e2e P':>5} {'R':>5} {'F1':>5}"
    )
    lines = [title] if title else []
    lines += [head, "-" * len(head)]
    for subset in SUBSETS:
        s = metrics[subset]
        cp, ce, e2 = s["content_partial"], s["content_exact"], s["end_to_end"]
        lines.append(
            f"{subset.upper():8} {s['n_gold']:6d} {s['n_pred']:6d} | "
            f"{cp['p'] * 100:6.1f} {cp['r'] * 100:5.1f} {cp['f1'] * 100:5.1f} | "
            f"{ce['p'] * 100:7.1f} {ce['r'] * 100:5.1f} {ce['f1'] * 100:5.1f} | "
            f"{s['speaker_acc'] * 100:7.1f} {s['cue_acc'] * 100:7.1f} | "
            f"{e2['p'] * 100:5.1f} {e2['r'] * 100:5.1f} {e2['f1'] * 100:5.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Score a predictions JSONL file against a PolNeAR split; print a table and JSON.

    Args:
        argv: Command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status (0).
    """
    ap = argparse.ArgumentParser(
        prog="python -m newsparse.evaluate.polnear",
        description="Score quote/attribution predictions (JSONL) against PolNeAR.",
    )
    ap.add_argument("pred", help="predictions JSONL, one parsed article per line")
    ap.add_argument("--split", default="dev", help="split folder name (default: dev)")
    ap.add_argument("--polnear", required=True, help="PolNeAR folder holding <split>/")
    args = ap.parse_args(argv)
    gold = load_split(args.polnear, args.split)
    metrics = score(gold, load_predictions(args.pred))
    print(
        format_table(metrics, f"== {args.pred} on PolNeAR {args.split} ({len(gold)} articles) ==")
    )
    print(json.dumps(metrics, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
