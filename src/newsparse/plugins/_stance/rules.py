"""Stances between entities, sentence by sentence.

Four sources, in order of precedence within a sentence:

1. Polar verbs between actors (``X praised Y``, ``Y was condemned by X``,
   ``X did not praise Y`` flips), clause by clause so that contrast
   (``while X was played down, Y was highlighted``) keeps each side apart; a
   clause with no subject of its own (``..., while highlighting Y``) keeps the
   holder of the clause before it.
2. Cooperation and conflict words between two actors (``ties between X and
   Y``, ``X's cooperation with Y``), in both directions.
3. A quote's content toward the entities it mentions, held by the speaker.
4. The article's own voice (holder ``None``) toward the remaining entities,
   scored by the target-polarity model.

Everything is linear in the text: each sentence is tokenized once (as
parallel lists of forms and offsets, no object per token) and each mention
located by bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cache
from itertools import compress, count, repeat
from typing import NamedTuple

import regex

from newsparse.plugins._stance.hedging import HedgeScan
from newsparse.plugins._stance.lexicon import (
    CONTRAST,
    NEGATORS,
    POLAR_PHRASES,
    polar_table,
    relation_table,
    verb_table,
)
from newsparse.plugins._stance.model import TargetPolarity
from newsparse.plugins._stance.onepass import polarities
from newsparse.plugins._stance.scorer import SentenceScorer
from newsparse.plugins._stance.tokens import Columns, Token, token_columns, tokens_of

__all__ = ["Found", "MentionRef", "QuoteRef", "SentenceStats", "find_stances"]


def _split(words: str) -> list[str]:
    return words.split()


_BREAKS = frozenset(",;:()\u2014\u2013") | CONTRAST
# Words that end a verb's object phrase: what follows is setting, not target.
_OBJECT_STOPS = _BREAKS | frozenset(
    _split(
        "in at on during after before since amid because for as when where who "
        "which that to by while . ! ?"
    )
)
_BE = frozenset(_split("is are was were be been being got gets get"))
_PHRASE_FIRST = frozenset(p[0] for p in POLAR_PHRASES)
_NEGATION_REACH = 3
_RELATION_REACH = 10
_HOLDER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A mention right after these is where something happens, not a party to it
# ("the conflict in Ukraine").
_PLACE_PREPS = frozenset(_split("in at inside across near within throughout"))
# "X's deepening ties with Y": tokens allowed between the owner and the word, and
# between the word and the partner.
_OWNER_GAP = 3
_PARTNER_PREPS = frozenset(_split("with to toward towards"))
_POSSESSIVE_ENDS = ("'s", "\u2019s")
_POSSESSIVE_MARKS = frozenset(("'", "\u2019", "'s", "\u2019s"))
# Targets of one text from which one shared scorer is used: a one-pass target is
# cheaper (callgrind, PolNeAR dev texts with 5-11 targets: 199k instructions a
# target one pass each, 279k with the shared sums), but its pass is over the
# whole sentence, so a run-on sentence naming many entities stays linear only
# with the shared sums.
_SHARED_FROM = 12
# A country named in a person's title ("German Chancellor Olaf Scholz", "Russia's
# President Vladimir Putin", "Arizona Sen. John McCain"): between the place and
# the person, only role words (any case; abbreviations with a full stop).
_PLACE_TYPES = frozenset({"GPE", "NORP"})
_ROLE_WORDS = _split(
    "leader president vice prime minister chancellor premier foreign defence defense "
    "finance interior home justice trade economy affairs national security secretary "
    "state attorney general adviser advisor spokesman spokeswoman spokesperson "
    "ambassador envoy diplomat chief top supreme commander king queen crown prince "
    "princess emperor ruler dictator opposition deputy former governor gov senator sen "
    "representative rep congressman congresswoman mayor lawmaker democratic republican "
    "presidential nominee candidate president-elect lt col gen adm of the"
)
_TITLE_GAP_RE = regex.compile(
    r"(?:['\u2019]s)?\s+(?:(?:" + "|".join(_ROLE_WORDS) + r")\.?\s+){1,5}",
    regex.IGNORECASE,
)


@cache
def _verb_words() -> frozenset[str]:
    # Words that can start a polar verb cue: a sentence without any has no verb stance.
    return frozenset(verb_table()) | _PHRASE_FIRST


@cache
def _relation_words() -> frozenset[str]:
    return frozenset(relation_table())


@cache
def _cue_words() -> frozenset[str]:
    # Either kind of cue: most sentences hold none, and one test rules out both.
    return _verb_words() | _relation_words()


class MentionRef(NamedTuple):
    """An entity mention: absolute offsets, entity id and entity type."""

    start: int
    end: int
    entity: str
    type: str


class QuoteRef(NamedTuple):
    """A quote: its content ranges, cue range and speaker's entity id."""

    content: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    speaker: str | None


class Found(NamedTuple):
    """A stance found in the text, with absolute offsets."""

    holder: str | None
    target: str
    score: float
    evidence: tuple[int, int]
    cue: tuple[int, int] | None
    hedged: bool
    source: str


class SentenceStats(NamedTuple):
    """Counts for the article-level hedging measure."""

    sentences: int
    hedged_sentences: int
    hedge_cues: dict[str, int]


class _Sentence:
    """A sentence's tokens (forms and absolute offsets) and the mentions inside it."""

    __slots__ = ("columns", "end", "ends", "lows", "mentions", "start", "starts", "text")

    def __init__(self, text: str, start: int, end: int, mentions: list[MentionRef]) -> None:
        self.text = text
        self.start = start
        self.end = end
        columns = self.columns = token_columns(text, start, end)
        self.lows, starts, ends = columns
        self.starts = starts
        self.ends = ends
        # Mentions with their token ranges, left to right (by bisection: this runs
        # for every mention of the article): from the first token ending after
        # the mention's start, as features.target_tokens() finds it.
        ranged: list[tuple[MentionRef, tuple[int, int]]] = []
        for m in mentions:
            m_start = m.start
            i = bisect.bisect_right(ends, m_start)
            j = bisect.bisect_left(starts, max(m.end, m_start + 1))
            ranged.append((m, (i, j if j > i else i)))
        self.mentions = ranged

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens as ``Token`` tuples (made anew: the engine reads the lists)."""
        return tokens_of(*self.columns)


def find_stances(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[MentionRef],
    quotes: Sequence[QuoteRef],
    *,
    min_score: float = 0.5,
    article_voice: bool = True,
) -> tuple[list[Found], SentenceStats]:
    """Find stances in ``text``.

    Args:
        text: The article text.
        sentences: Sentence ranges, in order, not overlapping.
        mentions: Entity mentions (any order).
        quotes: Quotes with content ranges and speaker entity.
        min_score: Model-based stances (quotes, article voice) weaker than
            this are left out.
        article_voice: Whether to score the article's own voice.

    Returns:
        The stances and the counts for the hedging measure.
    """
    usable = _without_titles(
        text,
        sorted(m for m in mentions if m.type in _HOLDER_TYPES and m.end > m.start),
        sentences,
    )
    quote_ranges = sorted(r for q in quotes for r in q.content)
    quote_starts = [r[0] for r in quote_ranges]
    found: list[Found] = []
    hedged_sentences = 0
    cue_counts: dict[str, int] = {}
    m = 0
    built: list[_Sentence] = []  # tokenized sentences, in order
    scan = HedgeScan(text)
    for s_start, s_end in sentences:
        while m < len(usable) and usable[m].start < s_start:
            m += 1
        inside: list[MentionRef] = []
        while m < len(usable) and usable[m].end <= s_end:
            inside.append(usable[m])
            m += 1
        hedges = scan.cues(s_start, s_end)
        for _, _, word in hedges:
            cue_counts[word] = cue_counts.get(word, 0) + 1
        hedged = bool(hedges)
        hedged_sentences += hedged
        if not inside:
            continue
        sent = _Sentence(text, s_start, s_end, inside)
        built.append(sent)
        local: list[Found] = []
        # Most sentences hold no verb or relation cue (checked at C speed): the
        # rules, and the clauses they read, are only needed where one is.
        if not _cue_words().isdisjoint(sent.lows):
            lows = set(sent.lows)
            has_verb = not _verb_words().isdisjoint(lows)
            has_relation = not _relation_words().isdisjoint(lows)
            # Both rules read the same clauses: split once.
            clauses = _clauses(sent.lows)
            objects: list[tuple[int, int, str]] = []
            if has_verb:
                local = _verb_stances(sent, clauses, hedged, objects)
            if has_relation:
                # A word already read as a verb between actors ("sanctioned") is not read again.
                used = {f.cue[0] for f in local if f.cue is not None}
                local = local + _relation_stances(sent, clauses, hedged, used, objects)
            found.extend(local)
        # The article's voice is not read for the parties of a rule: the sentence
        # tells what a verb's holder did ("X praised Y" is X's stance, not praise of X).
        covered: set[str] = set()
        if local:
            covered.update(f.target for f in local)
            covered.update(f.holder for f in local if f.source == "verb" and f.holder is not None)
        if article_voice:
            found.extend(
                _voice_stances(sent, covered, quote_ranges, quote_starts, hedged, min_score)
            )
    # Where a rule already read a sentence (verbs, relations), the model does
    # not overrule it from inside a quote of that sentence.
    ruled = {(f.evidence, f.target) for f in found if f.source in ("verb", "relation")}
    found.extend(_quote_stances(text, usable, quotes, min_score, built, sentences, ruled, scan))
    return found, SentenceStats(len(sentences), hedged_sentences, cue_counts)


def _without_titles(
    text: str, mentions: list[MentionRef], sentences: Sequence[tuple[int, int]]
) -> list[MentionRef]:
    # A country in a person's title is the person's role, not a party of its own:
    # the person holds and is targeted ("German Chancellor Olaf Scholz praised").
    out: list[MentionRef] = []
    starts: list[int] | None = None
    for i, m in enumerate(mentions):
        if m.type in _PLACE_TYPES and i + 1 < len(mentions):
            person = mentions[i + 1]
            if (
                person.type == "PERSON"
                and person.start >= m.end
                and _TITLE_GAP_RE.fullmatch(text, m.end, person.start)
            ):
                # Not across a sentence end ("backing the Florida senator. Rubio ...").
                if starts is None:
                    starts = [s for s, _ in sentences]
                k = bisect.bisect_right(starts, m.start) - 1
                if k < 0 or person.end <= sentences[k][1]:
                    continue
        out.append(m)
    return out


def _clauses(lows: list[str]) -> list[tuple[int, int]]:
    clauses: list[tuple[int, int]] = []
    a = 0
    # Only the break tokens are visited in Python; finding them runs at C speed.
    for k in compress(count(), map(_BREAKS.__contains__, lows)):
        if k > a:
            clauses.append((a, k))
            a = k
    clauses.append((a, len(lows)))
    return clauses


def _polar_cues(lows: list[str], a: int, b: int) -> list[tuple[int, int, float]]:
    cues: list[tuple[int, int, float]] = []
    verbs = verb_table()
    k = a
    while k < b:
        low = lows[k]
        if low in _PHRASE_FIRST and k + 1 < b:
            prior = POLAR_PHRASES.get((low, lows[k + 1]))
            if prior is not None:
                cues.append((k, k + 2, prior))
                k += 2
                continue
        prior = verbs.get(low, 0.0)
        if prior:
            cues.append((k, k + 1, prior))
        k += 1
    return cues


def _negated(lows: list[str], a: int, k: int) -> bool:
    return not NEGATORS.isdisjoint(lows[max(a, k - _NEGATION_REACH) : k])


def _verb_stances(
    sent: _Sentence,
    clauses: list[tuple[int, int]],
    hedged: bool,
    objects: list[tuple[int, int, str]],
) -> list[Found]:
    # ``objects`` receives each active cue's object tokens [j, stop) and its holder.
    out: list[Found] = []
    lows = sent.lows
    carried: MentionRef | None = None
    # Mentions and clauses both run left to right: one moving window, not a pass
    # over every mention of the sentence per clause (quadratic in run-on text).
    mentions = sent.mentions
    first = 0
    for a, b in clauses:
        while first < len(mentions) and mentions[first][1][0] < a:
            first += 1
        last = first
        while last < len(mentions) and mentions[last][1][0] < b:
            last += 1
        clause_mentions = mentions[first:last]
        ends = [r for _, r in clause_mentions]
        for k, j, prior in _polar_cues(lows, a, b):
            score = -0.5 * prior if _negated(lows, a, k) else prior
            # "was praised" is passive; "may be backing" is not.
            passive = lows[k].endswith(("ed", "en")) and not _BE.isdisjoint(lows[max(a, k - 2) : k])
            stop = j
            while stop < b and (stop == j or lows[stop] not in _OBJECT_STOPS):
                # "condemned Russia's invasion of Ukraine": once the object has
                # named an actor, "of" starts a complement, not another target.
                if lows[stop] == "of" and any(j <= r[0] and r[1] <= stop for r in ends):
                    break
                stop += 1
            if passive:
                targets = [m for m, r in clause_mentions if r[0] < k]
                holder = None
                if j < b and lows[j] == "by":
                    after = [m for m, r in clause_mentions if r[0] > j]
                    holder = after[0] if after else None
                if holder is None:
                    continue
            else:
                # The clause's first actor is its subject more often than the
                # nearest one ("Russia made incursions into Finnish waters and
                # simulated an attack on Denmark").
                left = [m for m, r in clause_mentions if r[1] <= k]
                holder = left[0] if left else carried
                targets = [m for m, r in clause_mentions if j <= r[0] < stop]
                if holder is None:
                    continue
                carried = holder
                objects.append((j, stop, holder.entity))
            for target in targets:
                if target.entity == holder.entity:
                    continue
                out.append(
                    Found(
                        holder.entity,
                        target.entity,
                        _hedge(score, hedged),
                        (sent.start, sent.end),
                        (sent.starts[k], sent.ends[j - 1]),
                        hedged,
                        "verb",
                    )
                )
    return out


def _relation_stances(
    sent: _Sentence,
    clauses: list[tuple[int, int]],
    hedged: bool,
    used: set[int],
    objects: list[tuple[int, int, str]],
) -> list[Found]:
    out: list[Found] = []
    lows = sent.lows
    done: set[tuple[str, str]] = set()
    clause_of = [0] * len(lows)
    for n, (a, b) in enumerate(clauses):
        clause_of[a:b] = [n] * (b - a)
    relations = relation_table()
    for k, low in enumerate(lows):
        prior = relations.get(low, 0.0)
        if not prior or sent.starts[k] in used:
            continue
        if _negated(lows, 0, k):
            prior = -0.5 * prior
        a, b = clauses[clause_of[k]]
        pair = _named_pair(sent, k, a, b)
        if pair is None:
            # The holder of a polar verb whose object holds the word speaks about
            # the relation and is not a party to it: "X welcomed the agreement with
            # Y" is X's stance by the verb, and Y holds nothing toward X.
            speakers = {h for j, stop, h in objects if j <= k < stop}
            pair = _nearest_pair(sent, k, clause_of, speakers)
        if pair is None or pair in done:
            continue
        # One relation stance per pair and sentence: "deepening cooperation" is one claim.
        done.update({pair, (pair[1], pair[0])})
        for holder, target in (pair, (pair[1], pair[0])):
            out.append(
                Found(
                    holder,
                    target,
                    _hedge(prior, hedged),
                    (sent.start, sent.end),
                    (sent.starts[k], sent.ends[k]),
                    hedged,
                    "relation",
                )
            )
    return out


def _nearest_pair(
    sent: _Sentence, k: int, clause_of: list[int], speakers: set[str]
) -> tuple[str, str] | None:
    # The two nearest actors of the relation word's clause, leaving out places
    # where something happens ("the conflict in Ukraine", "analysts in Brussels").
    lows = sent.lows
    near = sorted(
        (min(abs(r[0] - k), abs(r[1] - 1 - k)), m.entity)
        for m, r in sent.mentions
        if abs(r[0] - k) <= _RELATION_REACH
        and r[0] < len(lows)
        and clause_of[r[0]] == clause_of[k]
        and not (r[0] > 0 and lows[r[0] - 1] in _PLACE_PREPS)
        and m.entity not in speakers
    )
    pair: list[str] = []
    for _, entity in near:
        if entity not in pair:
            pair.append(entity)
            if len(pair) == 2:
                return pair[0], pair[1]
    return None


def _named_pair(sent: _Sentence, k: int, a: int, b: int) -> tuple[str, str] | None:
    # The parties a construction names around the relation word lows[k], within
    # its clause [a, b): "<word> between X and Y", "X and Y's <word>", "X's <word>
    # with Y". None when there is no such construction.
    lows = sent.lows
    ms = [(m.entity, r) for m, r in sent.mentions if a <= r[0] < r[1] <= b]
    for q in range(k + 1, min(b, k + _RELATION_REACH)):
        if lows[q] == "between":
            return _coordinated(lows, [x for x in ms if x[1][0] > q], b)
    owner = None
    for entity, r in ms:
        if r[1] <= k and k - r[1] <= _OWNER_GAP and _possessive(lows, r[1]):
            owner = (entity, r)
    if owner is None:
        return None
    entity, r = owner
    if r[0] >= 2 and lows[r[0] - 1] == "and":
        first = [x for x in ms if x[1][1] == r[0] - 1]
        if first and first[0][0] != entity:
            return first[0][0], entity
    for q in range(k + 1, min(b, k + 1 + _OWNER_GAP)):
        if lows[q] in _PARTNER_PREPS:
            after = [x for x in ms if q < x[1][0] <= q + _OWNER_GAP and x[0] != entity]
            return (entity, after[0][0]) if after else None
    return None


def _coordinated(
    lows: list[str], after: list[tuple[str, tuple[int, int]]], b: int
) -> tuple[str, str] | None:
    # "between X and Y": X is the first actor after "between", Y the first after
    # the "and" that follows X.
    if not after:
        return None
    x, (_, xe) = after[0]
    for q in range(xe, b):
        if lows[q] == "and":
            ys = [e for e, r in after if r[0] > q and e != x]
            return (x, ys[0]) if ys else None
    return None


def _possessive(lows: list[str], j: int) -> bool:
    # Whether the mention ending before token j is a possessive ("Russia's", "Paris'").
    return lows[j - 1].endswith(_POSSESSIVE_ENDS) or (
        j < len(lows) and lows[j] in _POSSESSIVE_MARKS
    )


def _inside(ranges: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


def _voice_stances(
    sent: _Sentence,
    covered: set[str],
    quote_ranges: list[tuple[int, int]],
    quote_starts: list[int],
    hedged: bool,
    min_score: float,
) -> list[Found]:
    out: list[Found] = []
    seen = set(covered)
    todo: list[tuple[MentionRef, tuple[int, int]]] = []
    for mention, token_range in sent.mentions:
        if mention.entity in seen or (
            quote_ranges and _inside(quote_ranges, quote_starts, mention.start, mention.end)
        ):
            continue
        seen.add(mention.entity)
        todo.append((mention, token_range))
    if not todo:
        return out
    results = _score(sent.text, sent.columns, [r for _, r in todo], by_tokens=True)
    for (mention, (ti, tj)), result in zip(todo, results, strict=True):
        if result is None or result.label == "neutral" or abs(result.score) < min_score:
            continue
        out.append(
            Found(
                None,
                mention.entity,
                _hedge(result.score, hedged),
                (sent.start, sent.end),
                _nearest_polar(sent.columns, ti, tj, result.score),
                hedged,
                "voice",
            )
        )
    return out


def _quote_stances(
    text: str,
    mentions: list[MentionRef],
    quotes: Sequence[QuoteRef],
    min_score: float,
    built: list[_Sentence],
    sentences: Sequence[tuple[int, int]],
    ruled: set[tuple[tuple[int, int], str]],
    scan: HedgeScan,
) -> list[Found]:
    out: list[Found] = []
    starts = [m.start for m in mentions]
    built_starts = [s.start for s in built]
    sentence_starts = [s[0] for s in sentences]
    for quote in quotes:
        if quote.speaker is None:
            continue
        for c_start, c_end in quote.content:
            hedged: bool | None = None
            seen: set[str] = set()
            todo: list[MentionRef] = []
            # Targets a rule already read in the sentence where the content starts
            # are left to the rule: no need to score them.
            i = bisect.bisect_right(sentence_starts, c_start) - 1
            sentence = sentences[i] if i >= 0 else None
            for idx in range(bisect.bisect_left(starts, c_start), len(mentions)):
                mention = mentions[idx]
                if mention.start >= c_end:
                    break
                if mention.end > c_end or mention.entity in seen or mention.entity == quote.speaker:
                    continue
                seen.add(mention.entity)
                if sentence is not None and (sentence, mention.entity) in ruled:
                    continue
                todo.append(mention)
            if not todo:
                continue
            # Only content that names someone is tokenized and scored.
            columns = _columns_within(built, built_starts, c_start, c_end)
            if columns is None:
                columns = token_columns(text, c_start, c_end)
            results = _score(text, columns, _token_ranges(columns, todo), by_tokens=True)
            for mention, result in zip(todo, results, strict=True):
                if result is None or result.label == "neutral" or abs(result.score) < min_score:
                    continue
                if hedged is None:
                    hedged = bool(scan.cues(c_start, c_end))
                out.append(
                    Found(
                        quote.speaker,
                        mention.entity,
                        _hedge(result.score, hedged),
                        (c_start, c_end),
                        quote.cue,
                        hedged,
                        "quote",
                    )
                )
    return out


def _score(
    text: str, columns: Columns, targets: list[tuple[int, int]], by_tokens: bool = False
) -> list[TargetPolarity | None]:
    # Up to _SHARED_FROM targets go one pass each (sharing the sentence's forms,
    # stems and word sum); more share one scorer, whose sums are built at its
    # third target (linear in a run-on sentence). The results are the
    # same either way (exact integer sums); None stands for a neutral result,
    # which every caller drops (no softmax made for it). Targets are offsets,
    # or token ranges (by_tokens) when the caller has them: no search for the tokens.
    if len(targets) < _SHARED_FROM:
        if by_tokens:
            # One pass per target, sharing what no target changes.
            return polarities(columns, targets)
        scorers = [SentenceScorer.of_columns(text, columns) for _ in targets]
    else:
        scorers = [SentenceScorer.of_columns(text, columns)] * len(targets)
    score = SentenceScorer.polarity_at if by_tokens else SentenceScorer.polarity
    return [score(scorer, a, b) for scorer, (a, b) in zip(scorers, targets, strict=True)]


def _token_ranges(columns: Columns, mentions: list[MentionRef]) -> list[tuple[int, int]]:
    # features.target_tokens() of each mention by bisection instead of a scan from
    # the first token: the first token ending after the mention's start, up to the
    # first one starting at or after its end (the range is empty when none overlaps).
    _, starts, ends = columns
    ranges: list[tuple[int, int]] = []
    for m in mentions:
        i = bisect.bisect_right(ends, m.start)
        j = bisect.bisect_left(starts, max(m.end, m.start + 1))
        ranges.append((i, j if j > i else i))
    return ranges


def _columns_within(
    built: list[_Sentence], built_starts: list[int], start: int, end: int
) -> Columns | None:
    # The tokens of text[start:end] cut from the sentence holding it: the same as
    # tokenizing the range unless a token crosses one of its edges (then None).
    # Lowercase forms agree too: every token's form is its own lowercasing.
    i = bisect.bisect_right(built_starts, start) - 1
    if i < 0 or end > built[i].end:
        return None
    sent = built[i]
    starts, ends = sent.starts, sent.ends
    a = bisect.bisect_left(starts, start)
    if a > 0 and ends[a - 1] > start:
        return None
    b = bisect.bisect_left(starts, end)
    if b > 0 and ends[b - 1] > end:
        return None
    return sent.lows[a:b], starts[a:b], ends[a:b]


def _nearest_polar(columns: Columns, ti: int, tj: int, score: float) -> tuple[int, int] | None:
    lows, starts, ends = columns
    best: tuple[int, int] | None = None
    best_distance = len(lows) + 1
    # Priors looked up at C speed; only the polar tokens are visited in Python,
    # left to right, so ties still go to the first.
    priors = list(map(polar_table().get, lows, repeat(0.0)))
    positive = score > 0
    for k in compress(count(), priors):
        if (priors[k] > 0) == positive and not ti <= k < tj:
            distance = ti - k if k < ti else k - tj
            if distance < best_distance:
                best, best_distance = (starts[k], ends[k]), distance
    return best


def _hedge(score: float, hedged: bool) -> float:
    # A hedged claim is weaker evidence: keep its sign, damp its strength.
    value = score * 0.75 if hedged else score
    return max(-1.0, min(1.0, round(value, 4)))
