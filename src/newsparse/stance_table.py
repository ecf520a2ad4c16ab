"""Aggregate stances: per article (holder, target) pairs, per batch an edge list.

* :func:`stance_table` sums one article's stances per (holder, target): net
  polarity (mean score), evidence count, and how many were hedged.
* :func:`stance_edges` merges many articles by entity *name* (ids are per
  article) into a directed edge list of who is for or against whom.
* :func:`write_edges_csv` and :func:`write_edges_graphml` save the edge list
  for spreadsheets and network tools (Gephi, networkx, igraph).

Example:
    >>> from newsparse import Article
    >>> stance_table(Article.from_text("No entities here."))
    []
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Literal
from xml.sax.saxutils import quoteattr

from pydantic import BaseModel, ConfigDict, Field

from newsparse.annotations import Polarity
from newsparse.article import Article

__all__ = [
    "ARTICLE_VOICE",
    "EDGE_COLUMNS",
    "StanceEdge",
    "StancePair",
    "stance_edges",
    "stance_table",
    "write_edges_csv",
    "write_edges_graphml",
]

#: Node name standing for an article's own voice (stances with ``holder=None``).
ARTICLE_VOICE = "(article)"

#: Columns of the CSV edge list, in order.
EDGE_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "polarity",
    "net",
    "evidence",
    "positive",
    "negative",
    "neutral",
    "hedged",
    "articles",
)

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class StancePair(BaseModel):
    """All stances of one holder toward one target in one article."""

    model_config = _FROZEN

    holder: str | None = Field(description="Holder entity id; null for the article's voice.")
    holder_name: str = Field(description="Holder's name, or ``(article)``.")
    target: str = Field(description="Target entity id.")
    target_name: str = Field(description="Target's name.")
    polarity: Polarity = Field(description="Sign of ``net`` (neutral when 0 within 0.05).")
    net: float = Field(ge=-1.0, le=1.0, description="Mean score of the stances.")
    evidence: int = Field(ge=1, description="How many stances (pieces of evidence).")
    hedged: int = Field(ge=0, description="How many of them are hedged.")


class StanceEdge(BaseModel):
    """A directed edge of a batch: ``source`` is for or against ``target``."""

    model_config = _FROZEN

    source: str = Field(description="Holder name (``(article)`` for articles' voice).")
    target: str = Field(description="Target name.")
    polarity: Polarity = Field(description="Sign of ``net``.")
    net: float = Field(ge=-1.0, le=1.0, description="Mean score over all evidence.")
    evidence: int = Field(ge=1, description="Stances behind the edge.")
    positive: int = Field(ge=0, description="Positive stances.")
    negative: int = Field(ge=0, description="Negative stances.")
    neutral: int = Field(ge=0, description="Neutral stances.")
    hedged: int = Field(ge=0, description="Hedged stances.")
    articles: int = Field(ge=1, description="Articles the edge was seen in.")


def _polarity(net: float) -> Literal["positive", "negative", "neutral"]:
    if net > 0.05:
        return "positive"
    if net < -0.05:
        return "negative"
    return "neutral"


def _clip(value: float) -> float:
    return max(-1.0, min(1.0, round(value, 4)))


def stance_table(doc: Article) -> list[StancePair]:
    """Sum one article's stances per (holder, target).

    Args:
        doc: A parsed article.

    Returns:
        One row per pair, sorted by evidence count (most first), then names.
    """
    names = {e.id: e.name for e in doc.entities}
    sums: dict[tuple[str | None, str], list[float]] = {}
    for stance in doc.stances:
        acc = sums.setdefault((stance.holder, stance.target), [0.0, 0.0, 0.0])
        acc[0] += stance.score
        acc[1] += 1
        acc[2] += stance.hedged
    rows = [
        StancePair(
            holder=holder,
            holder_name=ARTICLE_VOICE if holder is None else names.get(holder, holder),
            target=target,
            target_name=names.get(target, target),
            polarity=_polarity(total / count),
            net=_clip(total / count),
            evidence=int(count),
            hedged=int(hedged),
        )
        for (holder, target), (total, count, hedged) in sums.items()
    ]
    rows.sort(key=lambda r: (-r.evidence, r.holder_name, r.target_name))
    return rows


def stance_edges(docs: Iterable[Article], *, article_voice: bool = False) -> list[StanceEdge]:
    """Merge stances of many articles into a directed edge list by entity name.

    Args:
        docs: Parsed articles (consumed once; fine for a generator).
        article_voice: Keep stances of the articles' own voice, as edges from
            the node :data:`ARTICLE_VOICE`.

    Returns:
        Edges sorted by evidence count (most first), then names.
    """
    acc: dict[tuple[str, str], list[float]] = {}
    seen_in: dict[tuple[str, str], set[str]] = {}
    for doc in docs:
        names = {e.id: e.name for e in doc.entities}
        for stance in doc.stances:
            if stance.holder is None and not article_voice:
                continue
            source = (
                ARTICLE_VOICE if stance.holder is None else names.get(stance.holder, stance.holder)
            )
            key = (source, names.get(stance.target, stance.target))
            row = acc.setdefault(key, [0.0, 0, 0, 0, 0, 0])
            row[0] += stance.score
            row[1] += 1
            row[2 + ("positive", "negative", "neutral").index(stance.polarity)] += 1
            row[5] += stance.hedged
            seen_in.setdefault(key, set()).add(doc.id)
    edges = [
        StanceEdge(
            source=source,
            target=target,
            polarity=_polarity(row[0] / row[1]),
            net=_clip(row[0] / row[1]),
            evidence=int(row[1]),
            positive=int(row[2]),
            negative=int(row[3]),
            neutral=int(row[4]),
            hedged=int(row[5]),
            articles=len(seen_in[(source, target)]),
        )
        for (source, target), row in acc.items()
    ]
    edges.sort(key=lambda e: (-e.evidence, e.source, e.target))
    return edges


def write_edges_csv(edges: Iterable[StanceEdge], out: str | Path | IO[str]) -> None:
    """Write the edge list as CSV with the header :data:`EDGE_COLUMNS`.

    Args:
        edges: Edges from :func:`stance_edges`.
        out: A path, or a text stream opened with ``newline=""``.
    """
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8", newline="") as stream:
            write_edges_csv(edges, stream)
        return
    writer = csv.DictWriter(out, fieldnames=EDGE_COLUMNS)
    writer.writeheader()
    for edge in edges:
        writer.writerow(edge.model_dump())


def write_edges_graphml(edges: Iterable[StanceEdge], out: str | Path | IO[str]) -> None:
    """Write the edge list as a directed GraphML graph.

    Nodes are entity names; each edge carries ``polarity``, ``net``,
    ``evidence`` (also as ``weight``), ``hedged`` and ``articles``.

    Args:
        edges: Edges from :func:`stance_edges`.
        out: A path, or a text stream.
    """
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8") as stream:
            write_edges_graphml(edges, stream)
        return
    edges = list(edges)
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    ids = {name: f"n{i}" for i, name in enumerate(nodes)}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    keys = (
        ("name", "node", "string"),
        ("polarity", "edge", "string"),
        ("net", "edge", "double"),
        ("weight", "edge", "int"),
        ("evidence", "edge", "int"),
        ("hedged", "edge", "int"),
        ("articles", "edge", "int"),
    )
    for name, domain, kind in keys:
        out.write(f'  <key id="{name}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="stances" edgedefault="directed">\n')
    for name in nodes:
        out.write(f'    <node id="{ids[name]}"><data key="name">{_xml(name)}</data></node>\n')
    for i, edge in enumerate(edges):
        out.write(
            f'    <edge id="e{i}" source="{ids[edge.source]}" target="{ids[edge.target]}">'
            f'<data key="polarity">{edge.polarity}</data>'
            f'<data key="net">{edge.net}</data>'
            f'<data key="weight">{edge.evidence}</data>'
            f'<data key="evidence">{edge.evidence}</data>'
            f'<data key="hedged">{edge.hedged}</data>'
            f'<data key="articles">{edge.articles}</data></edge>\n'
        )
    out.write("  </graph>\n</graphml>\n")


def _xml(text: str) -> str:
    # quoteattr escapes &, <, > and quotes; strip its surrounding quote marks.
    # Characters XML 1.0 forbids (most C0 controls, lone surrogates) are dropped.
    clean = "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or (" " <= ch <= "\ud7ff")
        or ("\ue000" <= ch <= "\ufffd")
        or ch >= "\U00010000"
    )
    return quoteattr(clean)[1:-1]
