"""Word valences (VADER lexicon) summed by scope around a target.

The table in ``data/valence.json`` is compiled from the VADER lexicon by
``scripts/build_valence.py`` (see ``data/README.md``). It reaches far beyond the
words seen in training: a polar word the model never saw still moves the
valence sums of its scope. Valences are integers in hundredths so that sums
are exact whatever the order they are added in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

from newsparse.plugins._stance.lexicon import NEGATORS
from newsparse.plugins._stance.tokens import Token

__all__ = ["add_valence_features", "add_valence_sums", "valence_tables"]

_APOSTROPHES = frozenset("'\u2019")
_NEGATION_REACH = 3  # tokens after a negator that it flips (as in features)
_NEAR = 3  # tokens next to the target
_WINDOW = 6  # tokens near the target
# VADER's constants: a negated word keeps -0.74 of its valence; a booster
# before a word scales it by about 1.3 (dampeners by 0.7).
_NEGATED = -74
_BOOSTED = (130, 70)
_SCOPES = ("vs:", "vc:", "vl:", "vr:", "vn:", "vL:", "vR:")


@cache
def valence_tables() -> tuple[dict[str, int], dict[str, int]]:
    """Return ``(valence, boosters)``: word -> valence in hundredths, word -> +1/-1."""
    # Kept in the derived-data cache (:mod:`newsparse._cache`) once decoded.
    from newsparse._cache import cached

    valence, boosters = cached(
        "stance-valence",
        _valence_tables,
        package="newsparse.plugins._stance",
        data=("data/valence.json",),
    )
    return valence, boosters


def _valence_tables() -> tuple[dict[str, int], dict[str, int]]:
    raw = resources.files("newsparse.plugins._stance").joinpath("data", "valence.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    return dict(data["valence"]), dict(data["boosters"])


def _bucket(total: int) -> str:
    # Signed strength classes of a valence sum (hundredths).
    if total == 0:
        return "0"
    size = abs(total)
    grade = "1" if size < 150 else "2" if size < 300 else "3" if size < 500 else "4"
    return ("+" if total > 0 else "-") + grade


def add_valence_features(
    out: set[str], tokens: Sequence[Token], ti: int, tj: int, cs: int, ce: int
) -> None:
    """Add valence features of the tokens around the target ``tokens[ti:tj]``.

    Sums of word valences (negation and boosters applied) over the sentence,
    the target's clause ``tokens[cs:ce]``, the tokens next to / near the
    target, and everything left / right of it, each as a strength class; and
    per polar word, its side, sign and distance class.

    Args:
        out: Feature set to add to.
        tokens: The sentence's tokens.
        ti: First target token.
        tj: One past the last target token.
        cs: First token of the target's clause.
        ce: One past the last token of the target's clause.
    """
    valence, boosters = valence_tables()
    sums = [0, 0, 0, 0, 0, 0, 0]  # sentence, clause, next left, next right, near, left, right
    negated_until = -1
    previous = ""
    for k, tok in enumerate(tokens):
        low = tok.low
        before, previous = previous, low
        if ti <= k < tj:
            continue
        if low in NEGATORS:
            negated_until = k + _NEGATION_REACH
        elif not low.isalnum() and low not in _APOSTROPHES:
            negated_until = -1
        value = valence.get(low)
        if not value:
            continue
        if k <= negated_until:
            value = value * _NEGATED // 100
        boost = boosters.get(before)
        if boost:
            value = value * _BOOSTED[0 if boost > 0 else 1] // 100
        left = k < ti
        distance = ti - k if left else k - tj + 1
        sums[0] += value
        if cs <= k < ce:
            sums[1] += value
        if distance <= _NEAR:
            sums[2 if left else 3] += value
        if distance <= _WINDOW:
            sums[4] += value
        sums[5 if left else 6] += value
        out.add(
            ("vw:l" if left else "vw:r")
            + ("+" if value > 0 else "-")
            + ("n" if distance <= _NEAR else "w" if distance <= _WINDOW else "f")
        )
    add_valence_sums(out, sums)


def add_valence_sums(out: set[str], sums: Sequence[int]) -> None:
    """Add the strength class of each scope's valence sum.

    Args:
        out: Feature set to add to.
        sums: Sentence, clause, next left, next right, near, left, right.
    """
    for scope, total in zip(_SCOPES, sums, strict=True):
        out.add(scope + _bucket(total))
