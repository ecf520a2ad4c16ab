"""Find name mentions in an article's text and hand them to the grouping step.

Per article: tokenise each sentence (cut at line breaks), mark gazetteer phrases, tag
tokens with the perceptron, fix a few known tagger slips (hyphenated given names,
countries labelled inconsistently), turn runs of equal labels into mentions and drop
structural noise (Title Case headings made of common words, day and month names,
capitalised sentence openers); :mod:`.grouping` then makes entities of them.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache
from importlib.resources import files
from itertools import accumulate, compress, repeat
from operator import contains, is_not, ne

from newsparse.plugins._entities.gazetteer import Gazetteer, Place
from newsparse.plugins._entities.grouping import (
    FoundEntity,
    FoundMention,
    Options,
    RawMention,
    group_mentions,
)
from newsparse.plugins._entities.tagger import (
    LABELS,
    OPENERS_OR_START,
    SEPARATOR,
    DocContext,
    TaggerModel,
    candidates,
    is_title_line,
    tag_tokens,
)
from newsparse.plugins._entities.tokens import (
    END,
    chunk_positions,
    lower_words,
    token_offset,
    tokenize_units,
    unit_chunks,
)

__all__ = ["FoundEntity", "FoundMention", "Options", "find_entities"]

_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_MONTH_ABBREVIATIONS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_HONORIFICS = frozenset(
    ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "sir", "dame"]
)
_GIVEN_NAME_RE = re.compile(r"[A-Z][a-z]+-[a-z]+\Z")
_PARTICIPLES = ("ed", "ing", "born", "run", "made", "held", "led", "owned", "up")
_BOUNDARY_RE = re.compile(r"""[.!?]["')\]\u201d]?\s+(?=["'(\[\u201c]?[A-Z])""")
_NO_BOUNDARY = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Jr",
        "Sr",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "Capt",
        "Gov",
        "Sen",
        "Rep",
        "Rev",
        "Prof",
        "No",
        "Mt",
        "Ft",
        "U.S",
        "U.K",
    ]
)
_TERMINAL = frozenset([".", "!", "?"])
#: A character outside words and whitespace and outside the token pattern's joiners
#: (hyphen, ampersand, period, slash, apostrophes) is a token of its own; unless it is
#: a heading mark (colon, dashes), its line is no Title Case heading (``is_title_line``).
_NOT_HEADING_RE = re.compile("[^\\w\\s\\-&./'\u2019:\u2013\u2014]")
#: Words after a name that make it a speaker or an actor ("the Pentagon said").
_AGENT_AFTER = frozenset(
    [
        "said",
        "says",
        "announced",
        "confirmed",
        "denied",
        "stated",
        "insisted",
        "warned",
        "added",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "statement",
    ]
)
#: A token after one of these (or first in its sentence) opens a sentence (``is_first``).
_FIRST_AFTER = OPENERS_OR_START | {".", "!", "?"}
_GAZ_LABELS = {
    "country": 2,
    "capital": 2,
    "state": 2,
    "city": 2,
    "continent": 2,
    "demonym": 4,
    "demonyms": 4,
}
_USER_LABELS = {"PERSON": 1, "GPE": 2, "LOC": 2, "FAC": 2, "ORG": 3}
_NOT_ROLES = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "as",
        "at",
        "in",
        "on",
        "for",
        "of",
        "by",
        "with",
        "to",
        "from",
        "if",
        "when",
        "while",
        "after",
        "before",
        "then",
        "so",
        "also",
        "said",
        "says",
    ]
)


def _sentence_spans(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the units to tag: sentences, cut at line breaks.

    A line break inside a sentence span is a layout boundary (a heading, a bullet, a
    table row, a CoNLL sentence), so each line is tagged on its own. Without a sentence
    layer, lines are also cut after sentence-final punctuation (a rough splitter).
    """
    out = []
    for start, end in sentences or [(0, len(text))]:
        pos = start
        while pos < end:
            cut = text.find("\n", pos, end)
            if cut < 0:
                cut = end
            # A line that starts with a visible character is no blank line (most do:
            # no slice of the line is made for them).
            if cut > pos and (not text[pos].isspace() or not text[pos:cut].isspace()):
                if sentences:
                    out.append((pos, cut))
                else:
                    out.extend(_rough_sentences(text, pos, cut))
            pos = cut + 1
    return out


def _rough_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        word = text[text.rfind(" ", pos, m.start()) + 1 : m.start()]
        if word in _NO_BOUNDARY or (len(word) == 1 and word.isupper()):
            continue  # "Mr. Trump", "J. Smith"
        out.append((pos, m.start() + 1))
        pos = m.end()
    out.append((pos, end))
    return out


def find_entities(
    text: str,
    sentences: Sequence[tuple[int, int]],
    model: TaggerModel,
    gazetteer: Gazetteer,
    options: Options,
    headlines: Collection[int] = (),
    dateline: tuple[int, int] = (0, 0),
) -> list[FoundEntity]:
    """Return the entities of ``text``, in order of first mention.

    ``headlines`` are the offsets where the article's title and headings start: a
    Title Case one is read as a heading even when it ends with a full stop.
    ``dateline`` is the span of the dateline's place ("PORTSMOUTH, N.H."): the
    names in it are places.

    The whole document is handled at once: every sentence's tokens go into one list,
    between padding (:data:`.tagger.SEPARATOR`) that reads as a sentence's edges, so
    that candidates, phrase matches and tagging are one pass each rather than one
    call per (short) sentence. Nothing crosses the padding, so each sentence is
    labelled as on its own.
    """
    units = _sentence_spans(text, sentences)
    if not units:
        return []
    words, lowers, all_chunks = tokenize_units(text, units)
    capital = _capitalised(words, lowers)
    # Compounds to split and hyphenated given names are capitalised words with a hyphen.
    hyphens = (
        list(compress(capital, map(contains, map(words.__getitem__, capital), repeat("-"))))
        if "-" in text
        else []
    )
    hyphen = bool(hyphens)
    if hyphen and _split_compounds(words, lowers, hyphens, gazetteer.place_words):
        capital = _capitalised(words, lowers)
    # Where each unit's tokens begin and end in ``words`` (padding between units).
    pad = len(SEPARATOR)
    firsts: list[int] = []
    first, size, index = pad, len(words), words.index
    while first < size:
        firsts.append(first)
        first = index(END, first) + pad
    ends = [first - pad for first in firsts[1:]]
    ends.append(size - pad)
    caps_lines: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    heading_filter = options.heading_filter
    for (s, e), first, end in zip(units, firsts, ends, strict=True):
        # ``is_caps_line``: the unit's text holds the tokens' characters and whitespace
        # (never cased), so it is upper case when the joined tokens are. A token with a
        # lower-case letter and no capital (most units' second token) rules it out
        # without a slice of the unit.
        if end - first > 1 and not words[first + 1].islower() and text[s:e].isupper():
            caps_lines.append((first, end))
        # Most units end with a full stop, which no Title Case heading does; and a
        # character that is always a token of its own and no heading mark (a comma, a
        # quotation mark) rules one out without looking at every token.
        if (
            heading_filter
            and (words[end - 1] not in _TERMINAL or s in headlines)
            and _NOT_HEADING_RE.search(text, s, e) is None
            and is_title_line(words[first : end - (words[end - 1] in _TERMINAL)])
        ):
            headings.append((first, end))
    connectors, skip = model.connectors, model.skip
    cand = candidates(words, lowers, connectors, skip, capital)
    if not cand:
        return []
    caps = _flags(len(words), caps_lines)
    heading = _flags(len(words), headings)
    # Document-wide evidence (as ``doc_context``): for a lower-cased token, being seen
    # in lower case is being any token of the document.
    titled = {
        lowers[i]
        for i in cand
        if words[i][:1].isupper()
        and words[i - 1] not in OPENERS_OR_START
        and not (caps and caps[i])
    }
    # Only candidates' lower-cased forms are looked up in ``lowered``: keep those that
    # are tokens (one probe of a small set per token, rather than a set of every token).
    ctx = DocContext(set(map(lowers.__getitem__, cand)).intersection(words), titled)
    matches = gazetteer.match(lowers, cand)
    gaz = ["-"] * len(words)
    places: dict[tuple[int, int], Place] = {}
    for first, end, place in matches:
        places[(first, end)] = place
        gaz[first] = "B-" + place.kind
        for j in range(first + 1, end):
            gaz[j] = "I-" + place.kind
    lex = model.lexicon.labels(lowers, cand)
    labels = tag_tokens(model, words, lowers, cand, gaz, lex, ctx, caps)
    added: set[int] = set()
    for first, end, place in matches:
        # The user's own gazetteer entries are names wherever they occur untagged.
        if place.kind == "user" and not any(labels[first:end]):
            label = _USER_LABELS.get(place.type, 4)
            for j in range(first, end):
                labels[j] = label
            added.update(range(first, end))
    lowered = ctx.lowered
    if added:
        cand = sorted(added.union(cand))
        lowered = set(map(lowers.__getitem__, cand)).intersection(words)
    # "Kim Jong-un", "Lee Myung-bak": a family name and a hyphenated given name form a
    # person's name; the tagger, trained on 1996 news, may call them MISC because
    # "Serb-held"-like words usually are. (Only lines with a hyphen can have one.)
    for i in cand if hyphen else ():
        if (
            labels[i] in (1, 4)
            and labels[i - 1] in (1, 4)
            and gaz[i - 1] == "-"
            and words[i - 1].isalpha()
            and words[i - 1].istitle()
            and _GIVEN_NAME_RE.match(words[i])
            and not words[i].endswith(_PARTICIPLES)
        ):
            labels[i - 1] = labels[i] = 1
    for first, end, place in matches:
        # A known country, capital or demonym the tagger found but labelled
        # inconsistently ("North"=LOC "Korean"=MISC), or a capital labelled as a
        # person, takes its gazetteer label; a uniform ORG is kept (a team, a
        # government), and so is a person named like a country ("Jordan").
        fixed = _GAZ_LABELS.get(place.kind)
        span = labels[first:end]
        if (
            fixed
            and all(span)
            and (len(set(span)) > 1 or (span[0] == 1 and place.kind == "capital"))
        ):
            for j in range(first, end):
                labels[j] = fixed
    _join_adjacent_names(cand, labels)
    raws: list[RawMention] = []
    # The unit and token of the last name's first token, and the length of the unit's
    # tokens before it; the unit's offset, chunk length sums and chunk offsets.
    at_unit = at_token = at_before = -1
    at_start = 0
    sums: list[int] = []
    chunks: list[str] = []
    # The unit whose chunks are in ``chunks`` and where the next unit's begin.
    at_chunk_unit = -1
    next_chunk = 0
    positions: list[int] | None = None
    heading_raws: list[RawMention] = []
    common, titles = model.lowercase, model.titles
    phrase_of, first_words = gazetteer.phrases.get, gazetteer.first_words
    k = 0
    m = len(cand)
    while k < m:
        i = cand[k]
        k += 1
        label = labels[i]
        if not label:
            continue
        # A run of equal labels is a name (runs end at the padding: never a candidate).
        j = i + 1
        while k < m and cand[k] == j and labels[j] == label:
            j += 1
            k += 1
        sink = heading_raws if heading and heading[i] else raws
        if (
            j - i > 1
            and lowers[i] in common
            and lowers[i] not in first_words
            and words[i - 1] in _FIRST_AFTER
        ):
            # "As Seoul ...": a capitalised common word glued to a known place.
            rest = phrase_of(tuple(lowers[i + 1 : j]))
            if rest is not None and rest.kind != "user":
                i += 1
                label = 2 if rest.kind not in ("demonym", "demonyms") else 4
        if j - i > 1 and words[i] in titles:
            # "Mayor Bill de Blasio" tagged as one ORG: the title is not part of
            # the name, and what follows a title is a person.
            while j - i > 1 and words[i] in titles:
                labels[i] = 0
                i += 1
            label = 1
            for k2 in range(i, j):
                labels[k2] = 1
        while label == 1 and j - i > 1 and lowers[i] in _HONORIFICS:
            i += 1  # "Ms Clinton" -> "Clinton": honorifics are not part of names
        key = tuple(lowers[i:j])
        if j - i == 1 and (
            key[0] in _CALENDAR
            or (
                words[i - 1] in _FIRST_AFTER
                and key[0] in common
                and key[0] in lowered
                and (i, j) not in places
            )
        ):
            # Day and month names, and a capitalised common word opening a sentence
            # that the article also writes in lower case ("Retired", "Board").
            continue
        if (
            j - i == 1
            and words[j] == ","
            and words[i - 1] in _FIRST_AFTER
            and (key[0].endswith("ly") or key[0] in load_openers())
            and key[0] not in titled
            and (i, j) not in places
        ):
            # "Moreover, ...", "Sadly, ...": a sentence adverb alone before a comma,
            # which the article never capitalises inside a sentence, is no name.
            continue
        # A name's tokens are in one unit (runs end at the padding). Names come in order,
        # so a token's offset is the last one found plus the parts between them (each
        # part is summed once per unit at most).
        u = bisect_right(firsts, i) - 1
        if u != at_unit or i < at_token:
            at_unit = u
            at_token = firsts[u]
            at_before = 0
            at_start, at_stop = units[u]
            if all_chunks is None:
                chunks = text[at_start:at_stop].split()
            else:
                # Units with names come in order: read on from the last one's chunks.
                while at_chunk_unit < u:
                    chunks, next_chunk = unit_chunks(all_chunks, next_chunk)
                    at_chunk_unit += 1
            sums = list(accumulate(map(len, chunks), initial=0))
            positions = chunk_positions(text, at_start, at_stop, sums)
        if i > at_token:
            at_before += sum(map(len, words[at_token:i]))
            at_token = i
        # ``token_offset``, inlined (one call per name saved).
        c = bisect_right(sums, at_before) - 1
        if positions is None:
            start = at_start + at_before + c
        else:
            start = positions[c] + at_before - sums[c]
        if j - i == 1:
            end = start + len(words[i])
        else:
            last = at_before + sum(map(len, words[i : j - 1]))
            end = token_offset(at_start, sums, positions, last) + len(words[j - 1])
        if dateline[0] <= start and end <= dateline[1]:
            # "PORTSMOUTH, N.H. —": a dateline names where the story is from, and
            # may give the day: "LOS ANGELES, Feb. 2 —".
            if key[0] in _MONTH_ABBREVIATIONS:
                continue
            label = 2
        raw = RawMention(start, end, LABELS[label], key, places.get((i, j)) or phrase_of(key))
        if label == 1:
            # A role is capitalised words just before the name (none after a name or a
            # lower-case word: most names).
            if labels[i - 1] == 0 and words[i - 1][:1].isupper():
                raw.role = _role(words, labels, i, titles)
        elif label == 2 and lowers[i - 1] == "the":
            raw.the = True
            raw.agent = lowers[j] in _AGENT_AFTER or (
                lowers[i - 2] == "to" and lowers[i - 3] == "according"
            )
        sink.append(raw)
    if heading_raws:
        raws.extend(_trusted_heading_mentions(text, heading_raws, raws, model.lowercase))
        raws.sort(key=lambda r: r.start)
    return group_mentions(text, raws, options, gazetteer)


def _join_adjacent_names(cand: Sequence[int], labels: list[int]) -> None:
    """Label adjacent person, place and organisation names as one name, the last one's type.

    The tagger labels each token; on a name it has not seen it may switch type in the
    middle ("Marion"=ORG "Clignet"=PER, "Chicago"=LOC "Purchasing Managers"=ORG), which
    split one name in two. Two such names side by side are rare in news (CoNLL-2003
    train: about 1% of names, most of them a nationality before a name, which is not
    joined here), and an English name's type is its last part's ("New York Mercantile
    Exchange"). Measured: CoNLL-2003 dev PER+LOC+ORG F1 +0.7 and a 5-fold estimate on
    train +1.25. Works right to left, so a whole run takes the last label.
    """
    for i in reversed(cand):
        label = labels[i]
        after = labels[i + 1]
        if label != after and 0 < label < 4 and 0 < after < 4:
            labels[i] = after


def _capitalised(words: list[str], lowers: list[str]) -> list[int]:
    """Return the indices of the tokens with a capital letter (unlike their lower case).

    A word that lower-casing leaves unchanged is usually the very object in both lists
    (both come from the token caches), so an identity test (cheaper than comparing
    strings) keeps few others; those are compared (C-level loops).
    """
    maybe = list(compress(range(len(words)), map(is_not, words, lowers)))
    return list(
        compress(maybe, map(ne, map(words.__getitem__, maybe), map(lowers.__getitem__, maybe)))
    )


def _flags(size: int, ranges: list[tuple[int, int]]) -> list[bool] | None:
    """Return per-token flags, true inside ``ranges``; ``None`` when there are none."""
    if not ranges:
        return None
    flags = [False] * size
    for first, end in ranges:
        flags[first:end] = [True] * (end - first)
    return flags


def _split_compounds(
    words: list[str], lowers: list[str], hyphens: list[int], place_words: frozenset[str]
) -> bool:
    """Split "Pyongyang-Moscow" or "Korea-Russia" into place names and hyphens, in place.

    ``lowers`` are the words in lower case (split alike); ``hyphens`` are the indices of
    the capitalised words with a hyphen, increasing. Returns whether any was split.
    """
    split = False
    # Go backwards, so that the indices still to visit stay valid.
    for k in reversed(hyphens):
        token = words[k]
        if not token[:1].isupper():
            continue
        pieces = token.split("-")
        if all(p[:1].isupper() and p.lower() in place_words for p in pieces):
            new_words: list[str] = []
            for n, piece in enumerate(pieces):
                if n:
                    new_words.append("-")
                new_words.append(piece)
            words[k : k + 1] = new_words
            lowers[k : k + 1] = lower_words(new_words)
            split = True
    return split


@cache
def load_openers() -> frozenset[str]:
    """Words that open sentences before a comma (``data/openers.json``, from train text)."""
    raw = files("newsparse.plugins._entities").joinpath("data/openers.json").read_text("utf-8")
    return frozenset(json.loads(raw)["openers"])


def _role(words: Sequence[str], labels: Sequence[int], i: int, titles: frozenset[str]) -> str:
    """Collect capitalised untagged words (and a demonym) just before a person's name.

    Only a run ending in a title word ("Chinese President", "Sen.") is a role: a
    sentence opener ("Although Trump"), a headline word or a cut-off title ("of
    State John Kerry") is not.
    """
    k = i
    while k > 0 and words[k - 1][:1].isupper() and labels[k - 1] in (0, 4) and i - k < 4:
        k -= 1
    while k < i and words[k].lower() in _NOT_ROLES:
        k += 1  # "The Hillary Clinton campaign": a determiner is no title
    role = [w for w in words[k:i] if w.lower() not in _HONORIFICS]
    return " ".join(role) if role and labels[i - 1] == 0 and role[-1] in titles else ""


def _trusted_heading_mentions(
    text: str, heading: list[RawMention], body: list[RawMention], common: frozenset[str]
) -> list[RawMention]:
    # In Title Case lines every word is capitalised, so the tagger over-fires; keep names
    # the gazetteer knows, names seen in the body, or names not made of common words.
    people = {r.lowers for r in body if r.label == "PER"}
    people.update([(w,) for words in people for w in words])
    known = people.union(r.lowers for r in body)
    kept = []
    for r in heading:
        if r.label == "PER" and r.place is None and r.lowers not in known:
            # "Bernie Sanders Says": a person's name runs into the next word.
            r = _known_part(text, r, people, common) or r
        words = r.lowers
        if (
            r.place is not None
            or words in known
            or (len(words) > 1 and not all(w in common for w in words))
        ):
            kept.append(r)
    return kept


def _known_part(
    text: str, raw: RawMention, known: set[tuple[str, ...]], common: frozenset[str]
) -> RawMention | None:
    """Cut a heading's name to the longest start or end of it in ``known``.

    "Bernie Sanders Says" gives "Bernie Sanders" when the body names him. A part of
    one word ("Sanders") is cut only from common words. None when no part is found.
    """
    lowers, size = raw.lowers, len(raw.lowers)
    segment = text[raw.start : raw.end].lower()
    if raw.end - raw.start != len(segment):
        return None  # lower-casing changed the length: offsets would not hold
    for keep in range(size - 1, 0, -1):
        for first in (0, size - keep):
            part = lowers[first : first + keep]
            cut = lowers[:first] + lowers[first + keep :]
            if part not in known or (keep == 1 and not all(w in common for w in cut)):
                continue
            # The part's offsets: its words are found in order in the segment.
            at = start = 0
            for k, word in enumerate(lowers):
                found = segment.find(word, at)
                if found < 0:
                    return None
                if k == first:
                    start = found
                at = found + len(word)
                if k == first + keep - 1:
                    break
            return replace(raw, start=raw.start + start, end=raw.start + at, lowers=part)
    return None
