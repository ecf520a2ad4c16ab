"""Word clusters of the target mention, features that generalise over names.

Who the target is weighs on its polarity in news (a head of government, a party,
an agency, a pronoun ...), and the words of a mention are often unseen in training.
``data/word_clusters.json`` maps 12k words to distributional clusters at two sizes,
derived from unlabelled train text by ``scripts/build_clusters.py`` (see
``data/README.md``): words used in like contexts ("trump", "clinton", "obama" ...)
share a cluster. The target's tokens give their cluster ids, its last token (the
head of most English noun phrases) its word and cluster ids apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

from newsparse.plugins._stance.tokens import Token

__all__ = ["add_target_clusters", "cluster_names", "cluster_table"]

_Names = tuple[tuple[str, ...], tuple[str, ...]]
_NONE: _Names = ((), ())
_NAMES: dict[str, _Names] = {}  # word -> its feature names, made on first use
_ONE_WORD: dict[str, tuple[str, ...]] = {}  # word -> every name it has as a whole target


@cache
def cluster_table() -> tuple[tuple[int, ...], dict[str, int], list[int]]:
    """Return the shipped table: cluster sizes, word -> row, flat ids (one per size a row)."""
    # Kept in the derived-data cache (:mod:`newsparse._cache`) once decoded.
    from newsparse._cache import cached

    sizes, rows, ids = cached(
        "stance-clusters",
        _cluster_table,
        package="newsparse.plugins._stance",
        data=("data/word_clusters.json",),
    )
    return tuple(sizes), rows, ids


def _cluster_table() -> tuple[tuple[int, ...], dict[str, int], list[int]]:
    raw = resources.files("newsparse.plugins._stance").joinpath("data", "word_clusters.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    words: list[str] = data["words"]
    return tuple(data["sizes"]), dict(zip(words, range(len(words)), strict=True)), data["clusters"]


def cluster_names(word: str) -> _Names:
    """Return a word's features as a target token and as the target's head.

    ``ct<size>:<id>`` for a token of the target, ``ch<size>:<id>`` for its last
    token, one per cluster size; both empty for a word not in the table. Names
    are made once per word, so that scoring a target only looks them up.
    """
    names = _NAMES.get(word)
    if names is None:
        sizes, rows, ids = cluster_table()
        row = rows.get(word)
        if row is None:
            names = _NONE
        else:
            found = ids[row * len(sizes) : (row + 1) * len(sizes)]
            names = (
                tuple(f"ct{size}:{c}" for size, c in zip(sizes, found, strict=True)),
                tuple(f"ch{size}:{c}" for size, c in zip(sizes, found, strict=True)),
            )
        if len(_NAMES) >= 200_000:  # bounded: arbitrary text brings arbitrary words
            _NAMES.clear()
        _NAMES[word] = names
    return names


def add_target_clusters(out: set[str], tokens: Sequence[Token], ti: int, tj: int) -> None:
    """Add the head word and cluster features of the target ``tokens[ti:tj]``.

    Nothing for an empty target.

    Args:
        out: Feature set to add to.
        tokens: The sentence's tokens.
        ti: First target token.
        tj: One past the last target token.
    """
    if ti >= tj:
        return
    if tj - ti == 1:  # most targets are one word: all its names made once
        low = tokens[ti].low
        found = _ONE_WORD.get(low)
        if found is None:
            ct, ch = cluster_names(low)
            if len(_ONE_WORD) >= 200_000:
                _ONE_WORD.clear()
            found = _ONE_WORD[low] = (*ct, "th:" + low, *ch)
        out.update(found)
        return
    get = _NAMES.get
    for k in range(ti, tj):
        low = tokens[k].low
        out.update((get(low) or cluster_names(low))[0])
    head = tokens[tj - 1].low
    out.add("th:" + head)
    out.update((get(head) or cluster_names(head))[1])
