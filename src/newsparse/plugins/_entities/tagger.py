"""A greedy averaged-perceptron name tagger over capitalised tokens.

Only *candidate* tokens are scored: tokens with a capital letter, plus numbers and
name connectors ("of", "de", "van") that follow a candidate. Every other token is
``O``, which keeps the tagger cheap on running prose. Labels are IO labels
(``PER LOC ORG MISC`` or ``O``); consecutive tokens with the same label form a name.

The weights are learned from the CoNLL-2003 train split by
:mod:`newsparse.plugins._entities.train` and shipped in ``data/tagger.json.gz``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from itertools import compress, repeat
from operator import add, lshift, ne, not_
from typing import Any, NamedTuple

from newsparse.plugins._entities.lexicon import Lexicon
from newsparse.plugins._entities.scoring import (
    BIAS,
    FIELD_BITS,
    FIELD_MASK,
    MAX_WEIGHT,
    ContextTables,
    compile_tables,
)
from newsparse.plugins._entities.tokens import END, SEPARATOR, START, shape

__all__ = [
    "END",
    "LABELS",
    "OPENERS_OR_START",
    "SEPARATOR",
    "START",
    "DocContext",
    "TaggerModel",
    "candidates",
    "doc_context",
    "features",
    "is_caps_line",
    "is_first",
    "is_title_line",
    "load_model",
    "lower_all",
    "model_from_data",
    "pad_sentences",
    "tag_sentence",
    "tag_tokens",
]

LABELS: tuple[str, ...] = ("O", "PER", "LOC", "ORG", "MISC")
#: Feature string -> the five label weights in integer thousandths (their exact values).
Weights = Mapping[str, tuple[int, int, int, int, int]]


class WordEntry(NamedTuple):
    """What the tagger needs of a word in a given document context (cached)."""

    #: Summed weights of the word features (packed, see :mod:`.scoring`) plus ``BIAS``
    #: and the weights of being in no gazetteer or lexicon phrase.
    base: int
    #: ``pt`` plus ``pts`` (for this word's shape) plus ``pt2``, by the two previous
    #: labels at ``5 * prev2 + prev`` (one row per shape, shared).
    pts: Sequence[int]
    #: ``pwl`` vectors by previous lower-cased token, ``lwn`` by next (for this word).
    pwl: Mapping[str, int]
    lwn: Mapping[str, int]
    #: The lower-cased word is a known lower-case word.
    common: bool


@dataclass(frozen=True)
class TaggerModel:
    """Learned weights plus the two lexicons the features read."""

    weights: Weights
    lowercase: frozenset[str]
    connectors: frozenset[str]
    skip: frozenset[str] = frozenset()
    lexicon: Lexicon = field(default_factory=Lexicon)
    #: Capitalised titles that stand before names ("President", "Mayor").
    titles: frozenset[str] = frozenset()
    #: What :func:`tag_tokens` needs of a word, cached: one dict per combination of
    #: (caps line, seen lower, seen titled), at ``4 * caps + 2 * lower + titled``.
    memo: tuple[dict[str, WordEntry], ...] = field(
        default_factory=lambda: tuple({} for _ in range(8)), compare=False, repr=False
    )
    #: The context weights regrouped for :func:`tag_sentence` (same sums, faster).
    tables: ContextTables = field(default_factory=ContextTables, compare=False, repr=False)
    #: What a token adds to the scores of the token after it (``pw``, ``ps``, ``first``)
    #: and of the token before it (``nw``, ``ns``), by token (cached).
    as_previous: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    as_next: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    #: :func:`_label_rows` by shape (cached).
    label_rows: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class DocContext:
    """Document-wide evidence: how each lower-cased word is written elsewhere.

    Only lower-cased tokens are looked up, so ``lowered`` may hold more than those seen
    in lower case: for a lower-cased token, being any token of the document is the same.
    """

    lowered: AbstractSet[str]
    titled: AbstractSet[str]


def is_caps_line(words: Sequence[str]) -> bool:
    """Tell whether a sentence is written in capitals (a headline or a results line)."""
    return len(words) > 1 and " ".join(words).isupper()


def is_title_line(words: Sequence[str]) -> bool:
    """Tell whether a line is a Title Case heading: words only, most capitalised.

    Lines with numbers, brackets or commas (tables, results, datelines) are not headings.
    """
    if len(words) < 2 or words[-1] in (".", "?", "!"):
        return False
    caps = counted = 0
    for w in words:
        if w[:1].isalpha():
            if w[0].isupper():
                caps += 1
                counted += 1
            elif w not in _MINOR_WORDS:  # Title Case leaves these lower case
                counted += 1
        elif w not in _HEADING_MARKS:
            return False
    return caps >= 2 and caps * 10 >= counted * 6


_HEADING_MARKS = frozenset({"'s", "\u2019s", "-", ":", "&", "\u2013", "\u2014"})
_MINOR_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "vs"}
)


def doc_context(
    sentences: Sequence[Sequence[str]],
    cands: Sequence[Sequence[int]] | None = None,
    caps: Sequence[bool] | None = None,
    lowers: Sequence[Sequence[str]] | None = None,
) -> DocContext:
    """Collect lower-cased forms seen in lower case, and seen capitalised mid-sentence.

    Args:
        sentences: The words of each sentence.
        cands: Candidate indices per sentence (from :func:`candidates`), if known.
        caps: :func:`is_caps_line` of each sentence, if known.
        lowers: :func:`lower_all` of each sentence, if known.
    """
    every: set[str] = set()
    lowered_forms: set[str] = set()
    titled: set[str] = set()
    for k, words in enumerate(sentences):
        every.update(words)
        lowered_forms.update(lowers[k] if lowers is not None else map(str.lower, words))
        if caps[k] if caps is not None else is_caps_line(words):
            continue
        indices = cands[k] if cands is not None else range(len(words))
        for i in indices:
            w = words[i]
            if i and w[:1].isupper() and words[i - 1] not in _OPENERS:
                titled.add(w.lower())
    # A word is seen in lower case when it is the lower-cased form of some token.
    return DocContext(frozenset(every.intersection(lowered_forms)), frozenset(titled))


_OPENERS = frozenset({'"', "'", "(", "-", ":", "`", "``", "\u201c", "\u2018", "\u2022", "*"})


def lower_all(words: Sequence[str]) -> list[str]:
    """Lower-case every token at once (tokens never contain a space)."""
    return " ".join(words).lower().split(" ") if words else []


def is_first(words: Sequence[str], i: int) -> bool:
    """Tell whether token ``i`` starts a sentence (or follows an opening mark)."""
    return i == 0 or words[i - 1] in _OPENERS or words[i - 1] in (".", "!", "?")


def candidates(
    words: Sequence[str],
    lowers: Sequence[str],
    connectors: frozenset[str],
    skip: frozenset[str] = frozenset(),
    capital: list[int] | None = None,
) -> list[int]:
    """Return the indices of the tokens the tagger scores (the others are ``O``).

    Candidates are words with a capital letter (except ``skip`` words, capitalised forms
    never seen inside a name), then a number or connector ("of" in "Bank of England")
    right after a candidate. ``capital`` are the indices of the tokens with a capital
    letter (those that differ from their lower-cased form), when the caller has them.
    """
    n = len(words)
    # Tokens with a capital letter differ from their lower-cased form; skip words are
    # dropped (C-level loops, no Python step per token).
    if capital is None:
        capital = list(compress(range(n), map(ne, words, lowers)))
    kept = capital
    if skip:
        kept = list(
            compress(capital, map(not_, map(skip.__contains__, map(words.__getitem__, capital))))
        )
    if not kept:
        return kept
    # The token after a kept one joins when it has no capital (is in no capital's place)
    # and is a number, or a connector before a capitalised token. Such tokens are few;
    # the comprehension tests each kept token's successor, and the two increasing lists
    # are merged (no token is in both).
    capitals = set(capital)
    after = [
        j
        for j in map((1).__add__, kept)
        if j < n
        and j not in capitals
        and (words[j][:1].isdigit() or (words[j] in connectors and j + 1 in capitals))
    ]
    return sorted(kept + after) if after else kept


def word_features(
    w: str, lw: str, caps: bool, ctx: DocContext, lowercase: frozenset[str]
) -> list[str]:
    """Return the features of a token that do not depend on its neighbours."""
    feats = ["b", "w=" + w, "s=" + _shape(w), "x3=" + lw[-3:]]
    if caps:
        feats.append("caps")
        feats.append("capsl=" + lw)
    if lw in lowercase:
        feats.append("lc")
    if lw in ctx.lowered:
        feats.append("dl")
    if lw in ctx.titled:
        feats.append("dt")
    return feats


def context_features(
    words: Sequence[str],
    lowers: Sequence[str],
    gaz: Sequence[str],
    lex: Sequence[str],
    i: int,
    prev: str,
    prev2: str,
    lowercase: frozenset[str],
) -> list[str]:
    """Return the features of token ``i`` that look at its neighbours and history."""
    lw = lowers[i]
    n = len(words)
    pw = lowers[i - 1] if i else "<s>"
    nw = lowers[i + 1] if i + 1 < n else "</s>"
    feats = [
        "pw=" + pw,
        "nw=" + nw,
        "pw2=" + (lowers[i - 2] if i > 1 else "<s>"),
        "nw2=" + (lowers[i + 2] if i + 2 < n else "</s>"),
        "ps=" + (_shape(words[i - 1]) if i else "<s>"),
        "ns=" + (_shape(words[i + 1]) if i + 1 < n else "</s>"),
        "pt=" + prev,
        "pt2=" + prev2 + prev,
        "pts=" + prev + _shape(words[i]),
        "pwl=" + pw + "|" + lw,
        "lwn=" + lw + "|" + nw,
        "g=" + gaz[i],
        "x=" + lex[i],
    ]
    if i == 0 or words[i - 1] in _OPENERS:
        feats.append("first")
        if lw in lowercase:
            feats.append("lcf")
    return feats


def features(
    words: Sequence[str],
    lowers: Sequence[str],
    gaz: Sequence[str],
    lex: Sequence[str],
    i: int,
    prev: str,
    prev2: str,
    caps: bool,
    ctx: DocContext,
    lowercase: frozenset[str],
) -> list[str]:
    """Return every feature string of token ``i`` given the two previous labels."""
    return word_features(words[i], lowers[i], caps, ctx, lowercase) + context_features(
        words, lowers, gaz, lex, i, prev, prev2, lowercase
    )


def score(weights: Weights, feats: Sequence[str]) -> int:
    """Return the index of the best label for ``feats`` (the first one wins ties)."""
    s0 = s1 = s2 = s3 = s4 = 0
    get = weights.get
    for f in feats:
        w = get(f)
        if w is not None:
            s0 += w[0]
            s1 += w[1]
            s2 += w[2]
            s3 += w[3]
            s4 += w[4]
    scores = (s0, s1, s2, s3, s4)
    return scores.index(max(scores))


def _word_sum(
    tables: ContextTables,
    w: str,
    lw: str,
    sh: str,
    caps: bool,
    common: bool,
    seen_lower: bool,
    seen_titled: bool,
) -> int:
    # The weights of ``word_features`` from the tables (the packed sum of the same
    # vectors), without building and hashing its feature strings.
    total = tables.b + tables.w.get(w, 0) + tables.s.get(sh, 0) + tables.x3.get(lw[-3:], 0)
    if caps:
        total += tables.caps + tables.capsl.get(lw, 0)
    if common:
        total += tables.lc
    if seen_lower:
        total += tables.dl
    if seen_titled:
        total += tables.dt
    return total


def _label_rows(tables: ContextTables, shape_row: Sequence[int] | None) -> list[int]:
    # ``pt``, ``pts`` (of a shape) and ``pt2`` summed by ``5 * prev2 + prev``: one lookup
    # per token for the three label-history templates.
    pts = tables.pt if shape_row is None else list(map(add, tables.pt, shape_row))
    return [pts[p1] + tables.pt2[5 * p2 + p1] for p2 in range(5) for p1 in range(5)]


def _previous_vector(tables: ContextTables, word: str, lower: str) -> int:
    # ``pw``, ``ps`` and ``first`` of the token after ``word``.
    if word == START:
        return tables.pw.get(lower, 0) + tables.ps.get(START, 0) + tables.first
    total = tables.pw.get(lower, 0) + tables.ps.get(_shape(word), 0)
    return total + tables.first if word in OPENERS_OR_START else total


def _next_vector(tables: ContextTables, word: str, lower: str) -> int:
    # ``nw`` and ``ns`` of the token before ``word``.
    return tables.nw.get(lower, 0) + tables.ns.get(END if word == END else _shape(word), 0)


#: The gazetteer and lexicon feature value of a token in no phrase.
NO_PHRASE = "-"
#: Bound on the cached words of a model, per context (cleared when reached).
_MEMO_MAX = 50_000
# A plain dict (never changed): ``get`` on it is a direct C call, unlike on a read-only
# proxy, and most words have no ``pwl``/``lwn`` row.
_NO_VECTORS: Mapping[str, int] = {}


#: Tokens after which a word opens its sentence, padding included.
OPENERS_OR_START = _OPENERS | {START}


def pad_sentences(sentences: Sequence[Sequence[str]]) -> list[str]:
    """Join sentences' tokens into one list, each sentence between :data:`SEPARATOR`."""
    out = list(SEPARATOR)
    for words in sentences:
        out += words
        out += SEPARATOR
    return out


def tag_sentence(
    model: TaggerModel,
    words: Sequence[str],
    lowers: Sequence[str],
    cand: Sequence[int],
    gaz: Sequence[str],
    ctx: DocContext,
    caps: bool | None = None,
) -> list[int]:
    """Label each token of one sentence (indices into :data:`LABELS`).

    Args:
        model: The tagger model.
        words: The tokens.
        lowers: The tokens in lower case.
        cand: Candidate indices from :func:`candidates`; all other tokens are ``O``.
        gaz: Gazetteer feature value per token (``-`` when none).
        ctx: Document-wide evidence.
        caps: ``is_caps_line(words)``, when the caller knows it already.
    """
    if not cand:
        return [0] * len(words)
    if caps is None:
        caps = is_caps_line(words)
    pad = len(SEPARATOR)
    all_lowers = pad_sentences([lowers])
    labels = tag_tokens(
        model,
        pad_sentences([words]),
        all_lowers,
        [i + pad for i in cand],
        ["-"] * pad + list(gaz) + ["-"] * pad,
        model.lexicon.labels(all_lowers, [i + pad for i in cand]),
        ctx,
        [caps] * len(all_lowers) if caps else None,
    )
    return labels[pad:-pad]


def tag_tokens(
    model: TaggerModel,
    words: Sequence[str],
    lowers: Sequence[str],
    cand: Sequence[int],
    gaz: Sequence[str],
    lex: Sequence[str],
    ctx: DocContext,
    caps: Sequence[bool] | None = None,
) -> list[int]:
    """Label the tokens of every sentence of a document at once (indices into :data:`LABELS`).

    One call per document, not per sentence: articles have many short sentences with a
    few candidates each, so per-call set-up cost more than the scoring. The labels are
    those of :func:`tag_sentence` on each sentence alone.

    Args:
        model: The tagger model.
        words: The sentences' tokens joined by :func:`pad_sentences`.
        lowers: ``words`` in lower case.
        cand: Candidate indices (from :func:`candidates`, never on padding), increasing.
        gaz: Gazetteer feature value per token (``-`` when none).
        lex: Name-lexicon feature value per token (``Lexicon.labels``).
        ctx: Document-wide evidence.
        caps: Per token, whether its sentence is a caps line; ``None`` when none is.
    """
    labels = [0] * len(words)
    lowercase = model.lowercase
    memos = model.memo
    tables = model.tables
    as_previous, as_next = model.as_previous, model.as_next
    previous_get, next_get = as_previous.get, as_next.get
    lcf = tables.lcf
    label_rows = model.label_rows
    pw2_get, nw2_get, g_get, x_get = tables.pw2.get, tables.nw2.get, tables.g.get, tables.x.get
    # Most tokens are in no gazetteer or lexicon phrase ("-"): those weights are part of
    # each word's cached sum, and a phrase token adds the difference (exact integers).
    g_none, x_none = g_get(NO_PHRASE, 0), x_get(NO_PHRASE, 0)
    pts_get, pwl_get, lwn_get = tables.pts.get, tables.pwl.get, tables.lwn.get
    lowered, titled = ctx.lowered, ctx.titled
    openers = OPENERS_OR_START
    mask, s1, s2, s3, s4 = FIELD_MASK, FIELD_BITS, 2 * FIELD_BITS, 3 * FIELD_BITS, 4 * FIELD_BITS
    in_caps = False
    for i in cand:
        # What depends on the word alone recurs (a name is repeated), so it is cached:
        # the summed weights of its word features and its rows of the
        # ``pts``/``pwl``/``lwn`` tables; so is what a neighbouring token adds.
        w = words[i]
        lw = lowers[i]
        if caps is not None:
            in_caps = caps[i]
        seen_lower = lw in lowered
        seen_titled = lw in titled
        memo = memos[4 * in_caps + 2 * seen_lower + seen_titled]
        entry = memo.get(w)
        if entry is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            sh = _shape(w)
            common = lw in lowercase
            shape_rows = label_rows.get(sh)
            if shape_rows is None:
                shape_rows = label_rows[sh] = _label_rows(tables, pts_get(sh))
            entry = memo[w] = WordEntry(
                # With the bias that reading the sums needs (added once per word).
                _word_sum(tables, w, lw, sh, in_caps, common, seen_lower, seen_titled)
                + BIAS
                + g_none
                + x_none,
                shape_rows,
                pwl_get(lw, _NO_VECTORS),
                lwn_get(lw, _NO_VECTORS),
                common,
            )
        base, pts_row, pwl_row, lwn_row, common = entry
        # Labels are filled left to right, so the history is already in ``labels``; the
        # padding reads as ``<s>``/``</s>`` with label ``O``, as at a sentence's edges.
        before = words[i - 1]
        after = words[i + 1]
        pw = lowers[i - 1]
        nw = lowers[i + 1]
        previous = previous_get(before)
        if previous is None:
            if len(as_previous) >= _MEMO_MAX:
                as_previous.clear()
            previous = as_previous[before] = _previous_vector(tables, before, pw)
        following = next_get(after)
        if following is None:
            if len(as_next) >= _MEMO_MAX:
                as_next.clear()
            following = as_next[after] = _next_vector(tables, after, nw)
        p1 = labels[i - 1]
        # The packed vectors of every feature of ``features`` (exact integer sums, so
        # their order does not matter).
        total = (
            base
            + previous
            + following
            + pw2_get(lowers[i - 2], 0)
            + nw2_get(lowers[i + 2], 0)
            + pts_row[5 * labels[i - 2] + p1]
            + pwl_row.get(pw, 0)
            + lwn_row.get(nw, 0)
        )
        phrase = gaz[i]
        if phrase != NO_PHRASE:
            total += g_get(phrase, 0) - g_none
        phrase = lex[i]
        if phrase != NO_PHRASE:
            total += x_get(phrase, 0) - x_none
        if common and before in openers:
            total += lcf
        # ``best_biased(total)``, inlined (one call per candidate saved): the first of the
        # largest fields wins.
        best = total & mask
        label = 0
        field = (total >> s1) & mask
        if field > best:
            best = field
            label = 1
        field = (total >> s2) & mask
        if field > best:
            best = field
            label = 2
        field = (total >> s3) & mask
        if field > best:
            best = field
            label = 3
        if total >> s4 > best:
            label = 4
        labels[i] = label
    return labels


_shape = lru_cache(maxsize=1 << 15)(shape)


def model_from_data(data: Mapping[str, Any]) -> TaggerModel:
    """Build a model from the JSON object that training makes (``train.train``).

    :func:`load_model` uses it on the shipped file; K-fold estimates use it on models
    trained on some folds of the train split, never written to disk.
    """
    # Names and a flat list of integer thousandths, five per feature: the values are
    # grouped and packed by C-level loops, without a Python step per weight.
    values: list[int] = data["weights"]
    if len(values) != len(LABELS) * len(data["features"]) or max(map(abs, values)) >= MAX_WEIGHT:
        raise ValueError("the tagger weights do not fit their features or are too large")
    columns = [values[k :: len(LABELS)] for k in range(len(LABELS))]
    packed: Iterable[int] = columns[0]
    for k in range(1, len(LABELS)):
        packed = map(add, packed, map(lshift, columns[k], repeat(FIELD_BITS * k)))
    weights = dict(zip(data["features"], zip(*columns, strict=True), strict=True))
    return TaggerModel(
        weights=weights,
        tables=compile_tables(dict(zip(data["features"], packed, strict=True)), LABELS),
        lowercase=frozenset(data["lowercase"]),
        connectors=frozenset(data["connectors"]),
        skip=frozenset(data.get("skip", ())),
        titles=frozenset(data.get("titles", ())),
        lexicon=Lexicon.build(
            (tuple(phrase.split(" ")), typ)
            for typ, phrases in data.get("lexicon", {}).items()
            for phrase in phrases
        ),
    )


@cache
def load_model() -> TaggerModel:
    """Load the shipped weights once (lazily, on first use).

    The model built from them is kept in the derived-data cache (see :mod:`.stored`).
    """
    from newsparse.plugins._entities.stored import stored_model  # it imports this module

    return stored_model(_shipped_model, _WEIGHTS_FILE)


_WEIGHTS_FILE = "data/tagger.json.gz"


def _shipped_model() -> TaggerModel:
    raw = files("newsparse.plugins._entities").joinpath(_WEIGHTS_FILE).read_bytes()
    return model_from_data(json.loads(gzip.decompress(raw)))
