"""Find name mentions in text and group them into entities.

The pipeline per article: tokenise each sentence, mark gazetteer phrases, tag tokens
with the perceptron, turn runs of equal labels into mentions, drop structural noise
(Title Case headings made of common words, day and month names), then group mentions:
countries by ISO code (with their capital and demonyms when metonymy is on), people by
their fullest name (a short form joins one unambiguous full name), organisations by
name or acronym, everything else by its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsparse.plugins._entities.gazetteer import Gazetteer, Place
from newsparse.plugins._entities.tagger import (
    LABELS,
    TaggerModel,
    candidates,
    doc_context,
    is_first,
    is_title_line,
    lower_all,
    tag_sentence,
)
from newsparse.plugins._entities.tokens import iter_tokens

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
_HONORIFICS = frozenset(
    ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "sir", "dame"]
)
_NATURAL = frozenset(
    [
        "river",
        "sea",
        "ocean",
        "gulf",
        "bay",
        "lake",
        "mountains",
        "mountain",
        "mount",
        "mt.",
        "valley",
        "desert",
        "island",
        "islands",
        "peninsula",
        "strait",
        "coast",
        "basin",
        "plateau",
        "canal",
        "channel",
    ]
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
_GAZ_LABELS = {"country": 2, "capital": 2, "demonym": 4, "demonyms": 4}
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
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "&"})


@dataclass(frozen=True)
class Options:
    """Behaviour switches (the extractor's config, as plain values)."""

    metonymy: bool = True
    demonyms: bool = True
    link_short_names: bool = True
    heading_filter: bool = True


@dataclass
class FoundMention:
    """A mention before it becomes a :class:`newsparse.Mention`."""

    start: int
    end: int
    kind: str


@dataclass
class FoundEntity:
    """An entity before it becomes a :class:`newsparse.Entity`."""

    name: str
    type: str
    mentions: list[FoundMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    iso: str | None = None


@dataclass
class _Raw:
    start: int
    end: int
    label: str
    lowers: tuple[str, ...]
    place: Place | None
    role: str = ""


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
            if cut > pos and not text[pos:cut].isspace():
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
) -> list[FoundEntity]:
    """Return the entities of ``text``, in order of first mention."""
    connectors, skip = model.connectors, model.skip
    units = []
    for s, e in _sentence_spans(text, sentences):
        offsets = iter_tokens(text, s, e)
        if "-" in text[s:e]:
            offsets = _split_compounds(text, offsets, gazetteer.place_words)
        if offsets:
            units.append((offsets, [text[a:b] for a, b in offsets]))
    prepared = []
    for offsets, words in units:
        lowers = lower_all(words)
        prepared.append((offsets, words, lowers, candidates(words, lowers, connectors, skip)))
    ctx = doc_context([p[1] for p in prepared], [p[3] for p in prepared])
    raws: list[_Raw] = []
    heading_raws: list[_Raw] = []
    for offsets, words, lowers, cand in prepared:
        if not cand:
            continue
        matches = gazetteer.match(lowers, cand)
        gaz = ["-"] * len(words)
        places: dict[tuple[int, int], Place] = {}
        for first, end, place in matches:
            places[(first, end)] = place
            gaz[first] = "B-" + place.kind
            for j in range(first + 1, end):
                gaz[j] = "I-" + place.kind
        labels = tag_sentence(model, words, lowers, cand, gaz, ctx)
        for first, end, place in matches:
            # The user's own gazetteer entries are names wherever they occur untagged.
            if place.kind == "user" and not any(labels[first:end]):
                label = _USER_LABELS.get(place.type, 4)
                for j in range(first, end):
                    labels[j] = label
                cand = sorted(set(cand).union(range(first, end)))
        for i in cand:
            # "Kim Jong-un", "Lee Myung-bak": a family name and a hyphenated given name
            # form a person's name; the tagger, trained on 1996 news, may call them MISC
            # because "Serb-held"-like words usually are.
            if (
                i
                and labels[i] in (1, 4)
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
        heading = options.heading_filter and is_title_line(words)
        sink = heading_raws if heading else raws
        k = 0
        m = len(cand)
        while k < m:
            i = cand[k]
            k += 1
            label = labels[i]
            if not label:
                continue
            j = i + 1
            while k < m and cand[k] == j and labels[j] == label:
                j += 1
                k += 1
            if (
                j - i > 1
                and lowers[i] in model.lowercase
                and lowers[i] not in gazetteer.first_words
                and is_first(words, i)
            ):
                # "As Seoul ...": a capitalised common word glued to a known place.
                rest = gazetteer.phrases.get(tuple(lowers[i + 1 : j]))
                if rest is not None and rest.kind != "user":
                    i += 1
                    label = 2 if rest.kind not in ("demonym", "demonyms") else 4
            while label == 1 and j - i > 1 and lowers[i] in _HONORIFICS:
                i += 1  # "Ms Clinton" -> "Clinton": honorifics are not part of names
            key = tuple(lowers[i:j])
            if j - i == 1 and (
                key[0] in _CALENDAR
                or (
                    is_first(words, i)
                    and key[0] in model.lowercase
                    and key[0] in ctx.lowered
                    and (i, j) not in places
                )
            ):
                # Day and month names, and a capitalised common word opening a sentence
                # that the article also writes in lower case ("Retired", "Board").
                continue
            raw = _Raw(
                offsets[i][0],
                offsets[j - 1][1],
                LABELS[label],
                key,
                places.get((i, j)) or gazetteer.phrases.get(key),
            )
            if label == 1:
                raw.role = _role(words, labels, i)
            sink.append(raw)
    if heading_raws:
        raws.extend(_trusted_heading_mentions(heading_raws, raws, model.lowercase))
        raws.sort(key=lambda r: r.start)
    return _group(text, raws, options, gazetteer)


def _split_compounds(
    text: str, offsets: list[tuple[int, int]], place_words: frozenset[str]
) -> list[tuple[int, int]]:
    """Split "Pyongyang-Moscow" or "Korea-Russia" into place names and hyphens."""
    out: list[tuple[int, int]] = []
    for a, b in offsets:
        token = text[a:b]
        if "-" in token and token[:1].isupper():
            parts = token.split("-")
            if all(p[:1].isupper() and p.lower() in place_words for p in parts):
                pos = a
                for k, part in enumerate(parts):
                    if k:
                        out.append((pos, pos + 1))
                        pos += 1
                    out.append((pos, pos + len(part)))
                    pos += len(part)
                continue
        out.append((a, b))
    return out


def _role(words: Sequence[str], labels: Sequence[int], i: int) -> str:
    """Collect capitalised untagged words (and a demonym) just before a person's name."""
    k = i
    while k > 0 and words[k - 1][:1].isupper() and labels[k - 1] in (0, 4) and i - k < 4:
        k -= 1
    while k < i and words[k].lower() in _NOT_ROLES:
        k += 1  # "The Hillary Clinton campaign": a determiner is no title
    role = [w for w in words[k:i] if w.lower() not in _HONORIFICS]
    return " ".join(role) if role and labels[i - 1] == 0 else ""


def _trusted_heading_mentions(
    heading: list[_Raw], body: list[_Raw], common: frozenset[str]
) -> list[_Raw]:
    # In Title Case lines every word is capitalised, so the tagger over-fires; keep names
    # the gazetteer knows, names seen in the body, or names not made of common words.
    known = {r.lowers for r in body}
    known.update((w,) for r in body if r.label == "PER" for w in r.lowers)
    return [
        r
        for r in heading
        if r.place is not None
        or r.lowers in known
        or (len(r.lowers) > 1 and not all(w in common for w in r.lowers))
    ]


def _group(
    text: str, raws: list[_Raw], options: Options, gazetteer: Gazetteer
) -> list[FoundEntity]:
    entities: dict[tuple[str, str], FoundEntity] = {}
    order: list[tuple[str, str]] = []

    def add(
        key: tuple[str, str], name: str, etype: str, mention: FoundMention, iso: str | None = None
    ) -> FoundEntity:
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = FoundEntity(name, etype, iso=iso)
            order.append(key)
        ent.mentions.append(mention)
        return ent

    # People: full names first, so that a short form can find its one full name.
    full_names: dict[str, list[str]] = {}
    for r in raws:
        if r.label == "PER" and len(r.lowers) > 1:
            name = text[r.start : r.end]
            for part in (r.lowers[0], r.lowers[-1]):
                forms = full_names.setdefault(part, [])
                if name.lower() not in (f.lower() for f in forms):
                    forms.append(name)
    org_acronyms: dict[str, str] = {}
    for r in raws:
        if r.label == "ORG" and len(r.lowers) > 1:
            letters = "".join(w[0] for w in r.lowers if w not in _ACRONYM_SKIP)
            if len(letters) > 1:
                org_acronyms.setdefault(letters, " ".join(r.lowers))

    for r in raws:
        surface = text[r.start : r.end]
        mention = FoundMention(r.start, r.end, "name")
        place = r.place
        if place is not None and r.label in ("LOC", "MISC") and place.kind != "user":
            country = place.iso
            if place.kind == "country" and r.label == "LOC":
                add(("iso", country), "", "GPE", mention, country)
                continue
            if place.kind == "demonym" and options.demonyms:
                mention.kind = "demonym"
                add(("iso", country), "", "GPE", mention, country)
                continue
            if place.kind == "demonyms":
                add(("norp", country), surface, "NORP", mention)
                continue
            if place.kind == "capital" and r.label == "LOC":
                # An all-caps capital is a dateline ("WASHINGTON (AP) -"): the city itself.
                if options.metonymy and not surface.isupper():
                    mention.kind = "alias"
                    add(("iso", country), "", "GPE", mention, country)
                else:
                    add(("GPE", r.lowers[-1]), surface, "GPE", mention)
                continue
            if place.kind in ("city", "state") and r.label == "LOC":
                add(("GPE", " ".join(r.lowers)), surface, "GPE", mention)
                continue
        if place is not None and place.kind == "user":
            if place.iso and options.metonymy:
                mention.kind = "alias"
                add(("iso", place.iso), "", "GPE", mention, place.iso)
            else:
                add(("user", place.name), place.name, place.type, mention)
            continue
        if (
            r.label in ("ORG", "MISC", "LOC")
            and place is None
            and len(r.lowers) == 1
            and options.link_short_names
            and len(full_names.get(r.lowers[0], ())) == 1
        ):
            # "Obama" tagged ORG in "the Obama administration" while "Barack Obama" is
            # in the article: one name keeps one entity.
            r.label = "PER"
        if r.label == "PER":
            key_name = surface
            if len(r.lowers) == 1 and options.link_short_names:
                forms = full_names.get(r.lowers[0], [])
                if len(forms) == 1:
                    key_name = forms[0]
                    mention.kind = "alias"
            ent = add(("PER", key_name.lower()), key_name, "PERSON", mention)
            if r.role and r.role not in ent.roles:
                ent.roles.append(r.role)
            continue
        if r.label == "ORG":
            key_text = " ".join(r.lowers)
            if len(r.lowers) == 1:
                letters = r.lowers[0].replace(".", "")
                if letters in org_acronyms:
                    key_text = org_acronyms[letters]
                    mention.kind = "alias"
            add(("ORG", key_text), surface, "ORG", mention)
            continue
        if r.label == "LOC":
            last = gazetteer.phrases.get(r.lowers[-1:])
            region = last is not None and last.kind == "continent"
            etype = "LOC" if r.lowers[-1] in _NATURAL or region else "GPE"
            add((etype, " ".join(r.lowers)), surface, etype, mention)
            continue
        add(("MISC", " ".join(r.lowers)), surface, "MISC", mention)

    out = []
    for key in order:
        ent = entities[key]
        if not ent.name:
            record = gazetteer.countries.get(key[1])
            ent.name = record.name if record else key[1]
        out.append(ent)
    return out
