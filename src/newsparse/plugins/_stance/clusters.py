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

__all__ = ["add_target_clusters", "cluster_names"]

_NONE: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@cache
def cluster_names() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return word -> (its target-token features, its head features), built once.

    Feature names are made here, once per word, so that scoring a target only
    looks them up: ``ct<size>:<id>`` for a token of the target, ``ch<size>:<id>``
    for its last token.
    """
    raw = resources.files("newsparse.plugins._stance").joinpath("data", "word_clusters.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    sizes: list[int] = data["sizes"]
    ids: list[int] = data["clusters"]
    width = len(sizes)
    names: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for i, word in enumerate(data["words"]):
        row = ids[i * width : (i + 1) * width]
        names[word] = (
            tuple(f"ct{size}:{c}" for size, c in zip(sizes, row, strict=True)),
            tuple(f"ch{size}:{c}" for size, c in zip(sizes, row, strict=True)),
        )
    return names


def add_target_clusters(out: set[str], tokens: Sequence[Token], ti: int, tj: int) -> None:
    """Add the cluster features of the target ``tokens[ti:tj]`` (none when it is empty).

    Args:
        out: Feature set to add to.
        tokens: The sentence's tokens.
        ti: First target token.
        tj: One past the last target token.
    """
    if ti >= tj:
        return
    table = cluster_names()
    get = table.get
    for k in range(ti, tj):
        out.update(get(tokens[k].low, _NONE)[0])
    head = tokens[tj - 1].low
    out.add("th:" + head)
    out.update(get(head, _NONE)[1])
