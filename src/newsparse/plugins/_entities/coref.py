"""Pronoun and title mentions of people: "he", "her", "the Chinese president".

A conservative resolver in the spirit of the rule-based systems used before neural
coreference (Hobbs' preference for the nearest sentence, Raghunathan et al.'s precise
sieves first): a pronoun or title joins a person only when exactly one person fits,
so an unclear case stays unlinked rather than linked to the wrong person.

* **Pronouns.** A third-person singular personal pronoun ("he", "him", "his",
  "himself", "she", "her", "hers", "herself") looks back for people: first in its own
  sentence before it, then in up to :data:`LOOKBACK` sentences before that, one sentence
  at a time. In the first place with a fitting person, exactly one distinct person must
  fit, else the pronoun stays unlinked. A person fits unless their gender is known and
  differs: gender comes from an honorific before a mention ("Mr.", "Ms"), else from the
  pronouns a first pass links to them without it (most of at least two).
* **Titles.** "the president", "the Chinese president" or "the prime minister" joins
  the one person whose role (recorded before their name: "Chinese President Xi
  Jinping") ends with those words, after that person's first mention. Two people with
  the same title word (two presidents) make it ambiguous, and it stays unlinked. A
  capitalised word after the title ("the President Barack Obama") means it is part of a
  name's role, and "the president of ..." names someone else's office: neither counts.

Both add mentions of kind ``pronoun`` and ``title`` to the entities found; they never
overlap another mention.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Collection, Sequence

import regex

from newsparse.plugins._entities.grouping import FoundEntity

__all__ = ["LOOKBACK", "add_references"]

#: Sentences before the pronoun's own that are searched for its antecedent.
LOOKBACK = 2

_PRONOUN_RE = regex.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", regex.IGNORECASE)
# A quotation stays within a line; possessive runs that stop at the next opening mark
# keep the scan linear however many marks go unclosed.
_QUOTED_RE = regex.compile(r"\u201c[^\u201c\u201d\n]*+\u201d|\"[^\"\n]*+\"|''(?:[^'\n]|'(?!'))*+''")
_GAP_RE = regex.compile(r"\s+")
_FEMININE = frozenset(["she", "her", "hers", "herself"])
_HONORIFIC_RE = regex.compile(
    r"\b(?:(?P<m>Mr|Sir|Lord)|(?P<f>Mrs|Ms|Miss|Dame|Lady))\.?\s+\Z", regex.IGNORECASE
)
# A title followed by a capitalised word is a role before a name; one followed by "of"
# names an office ("the president of the club"), not the person already named. The
# capital is tested case-sensitively inside the case-insensitive pattern.
_TITLE_TAIL = r"\b(?!\s+(?:(?-i:\p{Lu})|of\b))"


def add_references(
    text: str,
    sentences: Sequence[tuple[int, int]],
    found: list[FoundEntity],
    titles: Collection[str],
) -> None:
    """Add ``pronoun`` and ``title`` mentions to the people in ``found`` (in place).

    Args:
        text: The article text the mentions' offsets index.
        sentences: ``(start, end)`` of each sentence, in order (the whole text when empty).
        found: The entities found by the name steps; people gain mentions.
        titles: Lower-case title words ("president", "minister"): only roles ending
            with one are looked for after "the".
    """
    people = [i for i, ent in enumerate(found) if ent.type == "PERSON"]
    if not people:
        return
    taken = sorted((s, e) for ent in found for s, e, _kind in ent.mentions)
    starts = [s for s, _e in sentences] or [0]
    added: dict[int, list[tuple[int, int, str]]] = {}
    _link_titles(text, found, people, taken, added, titles)
    _link_pronouns(text, starts, found, people, taken, added)
    for i, mentions in added.items():
        found[i].mentions.extend(mentions)
        found[i].mentions.sort()  # mentions stay in text order


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    # Mentions do not overlap one another, so only the neighbours by start can touch.
    k = bisect_right(taken, (start, end))
    before_ok = k == 0 or taken[k - 1][1] <= start
    after_ok = k == len(taken) or taken[k][0] >= end
    return before_ok and after_ok


def _take(taken: list[tuple[int, int]], start: int, end: int) -> None:
    taken.insert(bisect_right(taken, (start, end)), (start, end))


def _link_pronouns(
    text: str,
    starts: list[int],
    found: list[FoundEntity],
    people: list[int],
    taken: list[tuple[int, int]],
    added: dict[int, list[tuple[int, int, str]]],
) -> None:
    # Person mentions in text order, as (start, entity index); titles linked above count.
    spots = sorted(
        [(s, i) for i in people for s, _e, _k in found[i].mentions]
        + [(s, i) for i, more in added.items() for s, _e, _k in more]
    )
    if not spots:
        return
    spot_starts = [s for s, _i in spots]
    quoted = _quoted(text)
    spot_quotes = [_region(quoted, s) for s in spot_starts]
    pronouns = [m for m in _PRONOUN_RE.finditer(text, spot_starts[0]) if _free(taken, *m.span())]
    # Gender from honorifics, then from what most of a person's pronouns say when they
    # are linked without it: one wrong link ("his hands" inside a quote) must not turn
    # Hillary Clinton into "he" for the rest of the article.
    gender = {i: _gender(text, found[i]) for i in people}
    votes: dict[int, list[str]] = {}
    for match, person in _antecedents(
        pronouns, starts, spots, spot_starts, gender, (quoted, spot_quotes)
    ):
        votes.setdefault(person, []).append(_pronoun_gender(match))
    for person, said in votes.items():
        if gender[person] is None:
            top = max(set(said), key=said.count)
            if len(said) >= 2 and said.count(top) * 2 > len(said):
                gender[person] = top
    for match, person in _antecedents(
        pronouns, starts, spots, spot_starts, gender, (quoted, spot_quotes)
    ):
        start, end = match.span()
        added.setdefault(person, []).append((start, end, "pronoun"))
        _take(taken, start, end)


def _pronoun_gender(match: regex.Match[str]) -> str:
    return "f" if match.group().lower() in _FEMININE else "m"


def _antecedents(
    pronouns: list[regex.Match[str]],
    starts: list[int],
    spots: list[tuple[int, int]],
    spot_starts: list[int],
    gender: dict[int, str | None],
    quotes: tuple[list[tuple[int, int]], list[int]],
) -> list[tuple[regex.Match[str], int]]:
    """Return each pronoun that exactly one fitting person precedes, with that person.

    ``quotes`` holds the quoted regions and the region of each spot (-1: none).
    """
    quoted, spot_quotes = quotes
    out = []
    for match in pronouns:
        start = match.start()
        wanted = _pronoun_gender(match)
        here = _region(quoted, start)
        sentence = bisect_right(starts, start) - 1
        upper = start
        for back in range(LOOKBACK + 1):
            k = sentence - back
            lower = starts[k] if k >= 0 else 0
            a = bisect_right(spot_starts, lower - 1)
            b = bisect_right(spot_starts, upper - 1)
            # A person named inside a quotation is not what a pronoun outside it means:
            # '"I love Larry," he said' is the speaker, not Larry.
            fits = {
                spots[n][1]
                for n in range(a, b)
                if gender[spots[n][1]] in (None, wanted) and spot_quotes[n] in (-1, here)
            }
            if fits:
                if len(fits) == 1:
                    out.append((match, fits.pop()))
                break
            if k <= 0:
                break
            upper = lower
    return out


def _quoted(text: str) -> list[tuple[int, int]]:
    """Return the quoted regions of ``text`` (curly, straight and doubled-apostrophe quotes)."""
    return [m.span() for m in _QUOTED_RE.finditer(text)]


def _region(quoted: list[tuple[int, int]], pos: int) -> int:
    """Return the index of the quoted region holding ``pos``, or -1."""
    k = bisect_right(quoted, (pos, sys.maxsize)) - 1
    return k if k >= 0 and quoted[k][0] <= pos < quoted[k][1] else -1


def _gender(text: str, entity: FoundEntity) -> str | None:
    for start, _end, _kind in entity.mentions:
        honorific = _HONORIFIC_RE.search(text, max(0, start - 6), start)
        if honorific is not None:
            return "m" if honorific.group("m") else "f"
    return None


def _link_titles(
    text: str,
    found: list[FoundEntity],
    people: list[int],
    taken: list[tuple[int, int]],
    added: dict[int, list[tuple[int, int, str]]],
    titles: Collection[str],
) -> None:
    # Every ending of every role ("Chinese President" -> "chinese president",
    # "president") names the people who hold a role ending so.
    holders: dict[str, set[int]] = {}
    for i in people:
        for role in found[i].roles:
            words = role.lower().split()
            # Only a role ending in a title word: "Secretary of State" leaves the role
            # "State" before a name, and "the state" is no person; abbreviations ("sen.")
            # are not written after "the".
            if words[-1] not in titles or not words[-1].isalpha():
                continue
            for k in range(len(words)):
                holders.setdefault(" ".join(words[k:]), set()).add(i)
    if not holders:
        return
    first = {i: min(s for s, _e, _k in found[i].mentions) for i in people if found[i].mentions}
    endings = sorted(holders, key=len, reverse=True)
    alternatives = "|".join(regex.escape(e).replace(r"\ ", r"\s+") for e in endings)
    pattern = regex.compile(rf"\bthe\s+({alternatives}){_TITLE_TAIL}", regex.IGNORECASE)
    for match in pattern.finditer(text):
        ending = " ".join(match.group(1).lower().split())
        who = holders.get(ending, ())
        if len(who) != 1:
            continue
        (person,) = who
        start, end = match.span(1)
        while not _free(taken, start, end):
            # "the Chinese president": "Chinese" is China's demonym mention already;
            # the title is what follows it.
            gap = _GAP_RE.search(text, start, end)
            if gap is None:
                break
            start = gap.end()
        if person not in first or start < first[person] or not _free(taken, start, end):
            continue
        added.setdefault(person, []).append((start, end, "title"))
        _take(taken, start, end)
