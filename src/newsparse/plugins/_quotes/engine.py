# ruff: noqa: RUF001, RUF002, RUF003  (quotation marks and dashes are the subject here)
"""Find attributions: direct quotes with their cue and speaker, reported speech, scare quotes.

The pass is linear: quoted passages come from one scan of the text
(:mod:`.marks`); each passage looks for its cue in a bounded window after and
before it; each sentence is read once for reported speech.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsparse.plugins._quotes.base import (
    GLUE,
    Range,
    RawQuote,
    Settings,
    carried_over,
    count_words,
    is_title,
    only_punctuation,
    reach,
    sentence_like,
)
from newsparse.plugins._quotes.direct import DirectPass
from newsparse.plugins._quotes.lexicon import (
    Lexicon,
    all_letters,
    cue_pattern,
    cue_runs,
)
from newsparse.plugins._quotes.marks import Passage, find_passages
from newsparse.plugins._quotes.reported import ReportedPass
from newsparse.plugins._quotes.speakers import (
    EntityIndex,
)

__all__ = ["RawQuote", "Settings", "find_attributions"]

# ', referring to X.' after a quotation's cue: a participle clause of its speaker.
_PARTICIPLE_GAP_RE = re.compile(r",\s+\w+ing\b")
# A "Source: content" line has its colon within this many characters of its start.
_HEAD_CHARS = 40


class _Engine(DirectPass, ReportedPass):
    """Both passes, then the leftovers: mixed, scare and uncued quotations."""

    @staticmethod
    def _free_pieces(
        sent: Range, spans: Sequence[tuple[int, int, RawQuote]], ti: int
    ) -> list[tuple[Range, RawQuote | None]]:
        """Split a sentence around attributed quotations; pair each piece with the one before."""
        pieces: list[tuple[Range, RawQuote | None]] = []
        pos = sent[0]
        prior: RawQuote | None = None
        while ti < len(spans) and spans[ti][0] < sent[1]:
            lo, hi, q = spans[ti]
            if lo > pos:
                pieces.append(((pos, lo), prior))
            pos = max(pos, hi)
            prior = q
            ti += 1
        if pos < sent[1]:
            pieces.append(((pos, sent[1]), prior))
        return pieces

    def _reports_between(self, start: int, end: int) -> bool:
        """Tell whether a cue word stands between two quotations (a new reporting clause).

        "“...,” she said. He added that X had “...”": the second quotation is
        the content of its own clause, not the first one going on.
        """
        gap = self.text[start:end].lower()
        # only the sentence that holds the second quotation, and only speech verbs
        # ("its statement continued", "known as" do not open a new attribution)
        gap = gap[max(gap.rfind(". "), gap.rfind("! "), gap.rfind("? ")) + 1 :]
        core = self.lex.core_cues
        return any(
            gap[m.start() - 1 : m.start()] not in GLUE and m.group() in core
            for m in cue_pattern(self.cues).finditer(gap)
        )

    # -------------------------------------------------------------------- run
    def run(self, passages: Sequence[Passage]) -> list[RawQuote]:
        text = self.text
        out: list[RawQuote] = []
        last: RawQuote | None = None
        loose: list[Passage] = []
        for p in passages:
            nwords = count_words(text, p)
            if nwords <= 6 and is_title(text, p):
                continue  # “Face the Nation”, ‘The Dealmaker’: a title or a name, not a quote
            q = self._after(p)
            if q is None:
                q = self._before(p)
                if q is not None and last is not None and q.cue == last.cue:
                    # “A,” he said, “B.”: one quotation interrupted by its cue.
                    last.content.extend(p.pieces)
                    last.passages.append(p)
                    continue
            if q is None:
                if (
                    self.s.merge_following
                    and last is not None
                    and (nwords > self.s.scare_max_words or sentence_like(text, p))
                    and "\n" not in text[last.content[-1][1] : p.start]
                    and last.kind == "direct"
                    and not self._reports_between(reach(last), p.start)
                ):
                    last.content.extend(p.pieces)
                    last.passages.append(p)
                    continue
                loose.append(p)
                continue
            out.append(q)
            last = q
        spans: list[tuple[int, int, RawQuote]] = []
        for q in out:
            lo = (
                q.clause
                if q.clause is not None
                else min([q.content[0][0]] + [x[0] for x in (q.cue, q.speaker) if x])
            )
            hi = max([q.content[-1][1]] + [x[1] for x in (q.cue, q.speaker) if x])
            if len(q.content) == 1:
                spans.append((lo, hi, q))
                continue
            # '“A,” she said, referring to X. “B.”': a participle clause between
            # the pieces, after the cue and speaker, is free for reported speech.
            parts = sorted([*q.content, *(x for x in (q.cue, q.speaker) if x)])
            a, b = lo, parts[0][1]
            for s, e in parts[1:]:
                if s > b and _PARTICIPLE_GAP_RE.match(text, b, s):
                    spans.append((a, b, q))
                    a = s
                b = max(b, e)
            spans.append((a, hi, q))
        spans.sort(key=lambda t: t[:2])
        # Reported speech, sentence by sentence, outside attributed quotations.
        all_ranges = [(p.start, p.end) for p in passages]
        all_ends = [e for _, e in all_ranges]
        if self.s.indirect:
            cue_re = cue_pattern(self.cues)
            # One scan of the whole text; a piece takes the hits inside it. (Cue
            # words are letters only, so no hit straddles a piece's start.)
            alphabetic = all_letters(self.cues)
            # (The word-boundary tests read ``text``: lowering keeps every
            # character's ``isalnum`` and leaves spaces and joiners alone.)
            every_hit = (
                every_cue_hit(
                    self.lowered if self.runs is None else text, self.cues, cue_re, self.runs
                )
                if alphabetic
                else []
            )
            ti = 0
            size = len(text)
            for sent in self.sentences:
                while ti < len(spans) and spans[ti][1] <= sent[0]:
                    ti += 1
                if (
                    (ti == len(spans) or spans[ti][0] >= sent[1])
                    and (sent[0] == 0 or text[sent[0] - 1] == "\n")
                    and (colon := text.find(":", sent[0], min(sent[1], sent[0] + _HEAD_CHARS)))
                    > sent[0]
                    and text[colon + 1 : colon + 2] == " "
                ):
                    # "Jane Doe: The plan will fail.": a line's source before a colon
                    q = self._headline(sent, colon)
                    if q is not None:
                        out.append(q)
                        continue
                if (
                    alphabetic
                    and (ti == len(spans) or spans[ti][0] >= sent[1])
                    and not (sent[1] < size and continues_word(text[sent[1]]))
                ):
                    # No attributed quotation cuts the sentence: it is one piece,
                    # and most such sentences have no cue word at all.
                    i = bisect.bisect_left(every_hit, sent[0])
                    if i == len(every_hit) or every_hit[i] >= sent[1]:
                        continue
                for piece, prior in self._free_pieces(sent, spans, ti):
                    a, b = piece
                    if not alphabetic or (b < size and continues_word(text[b])):
                        # ends inside a word: scan alone
                        hits = cue_hits(self.lowered, cue_re, a, b)
                    else:  # the hits of the whole text that fall in the piece are its own
                        hits = every_hit[
                            bisect.bisect_left(every_hit, a) : bisect.bisect_left(every_hit, b)
                        ]
                    # most sentences have no cue word at all, or only inside quotations
                    hits = outside(hits, piece, all_ranges, all_ends)
                    if hits:
                        out.extend(self._indirect(piece, hits, all_ranges, all_ends, prior))
        out = [q for q in out if q.content and all(b > a for a, b in q.content)]
        # Loose passages inside a reported content make it mixed.
        indirect = sorted((q for q in out if q.kind == "indirect"), key=lambda q: q.content[0])
        starts = [q.content[0][0] for q in indirect]
        # Attributions by the end of everything they cover, to find the one a
        # following uncued quotation continues.
        reached = [reach(q) for q in out]
        order = sorted(range(len(out)), key=reached.__getitem__)  # stable, as sorting by reach
        by_end = [out[i] for i in order]
        ends = [reached[i] for i in order]
        for p in loose:
            # the reported content that starts before the passage's middle
            i = bisect.bisect_right(starts, (p.start + p.end) // 2) - 1
            if i >= 0 and indirect[i].content[-1][1] > (p.start + p.end) // 2:
                indirect[i].kind = "mixed"
                a, b = indirect[i].content[-1]
                indirect[i].content[-1] = (a, max(b, p.end))
                continue
            nwords = count_words(text, p)
            if is_title(text, p):
                continue  # “Face the Nation”, ‘The Dealmaker’: a title or a name, not a quote
            j = bisect.bisect_right(ends, p.start) - 1
            if (
                self.s.merge_following
                and j >= 0
                and by_end[j].speaker is not None
                and (nwords > self.s.scare_max_words or sentence_like(text, p))
                and only_punctuation(text[ends[j] : p.start])
            ):
                # "..., Schiff said. “The other factor ...”": the same source goes on.
                by_end[j].content.extend(p.pieces)
                continue
            if nwords <= self.s.scare_max_words:
                if self.s.scare_quotes:
                    out.append(RawQuote("scare", list(p.pieces)))
            elif (
                j >= 0
                and by_end[j].speaker is not None
                and (
                    carried_over(text[ends[j] : p.start])
                    or self.tail_carries_over(ends[j], p.start)
                )
                and sentence_like(text, p)
            ):
                # “...,” Espinoza said Friday.¶“I am ...”: the next paragraph goes on
                # (after reported speech too: "Carter said that ...¶“That's because ...”").
                out.append(RawQuote("direct", list(p.pieces), speaker=by_end[j].speaker))
            elif self.s.unattributed_direct and sentence_like(text, p):
                out.append(
                    RawQuote(
                        "direct", [self._with_rest(p)] if len(p.pieces) == 1 else list(p.pieces)
                    )
                )
        out.sort(key=lambda q: q.content[0])
        return [q for q in out if q.content and all(b > a for a, b in q.content)]


def cue_hits(lowered: str, cue_re: re.Pattern[str], start: int, end: int) -> list[int]:
    """Return the offsets of cue words in ``lowered[start:end]``, not glued to a word before."""
    return [
        m.start()
        for m in cue_re.finditer(lowered, start, end)
        if lowered[m.start() - 1 : m.start()] not in GLUE
    ]


def every_cue_hit(
    lowered: str,
    cues: frozenset[str],
    cue_re: re.Pattern[str],
    runs: Sequence[tuple[int, int]] | None = None,
) -> list[int]:
    """Return ``cue_hits(lowered, cue_re, 0, len(lowered))``, found faster.

    The cue forms standing as whole runs of letters (:func:`cue_runs`, or
    ``runs`` when the caller has them) are the candidates; the word-boundary
    test (apostrophes, hyphens, digits, other letters) is done here on them;
    it does not depend on case, so with ``runs`` given ``lowered`` may be the
    text as written.
    """
    if runs is None:
        runs = cue_runs(lowered, cues)
        if runs is None:
            return cue_hits(lowered, cue_re, 0, len(lowered))
    size = len(lowered)
    hits = []
    for start, end in runs:
        # ``continues_word`` inlined, with a space (the usual neighbour) tested first.
        if start:
            ch = lowered[start - 1]
            if ch != " " and (ch.isalnum() or ch in _JOINERS):
                continue
        if end != size:
            ch = lowered[end]
            if ch != " " and (ch.isalnum() or ch in _JOINERS):
                continue
        hits.append(start)
    return hits


def continues_word(ch: str) -> bool:
    """Tell whether a cue word could run on into ``ch`` (a word character, ', ’ or -)."""
    return ch.isalnum() or ch in _JOINERS


_JOINERS = "_'’-"


def outside(
    hits: Sequence[int], sent: Range, quoted: Sequence[Range], quoted_ends: Sequence[int]
) -> list[int]:
    """Drop the hits inside a quotation, as :meth:`ReportedPass._indirect` skips them."""
    qi = bisect.bisect_right(quoted_ends, sent[0])
    keep = []
    for hit in hits:
        while qi < len(quoted) and quoted[qi][1] <= hit:
            qi += 1
        if qi < len(quoted) and quoted[qi][0] <= hit:
            continue
        keep.append(hit)
    return keep


def find_attributions(
    text: str,
    sentences: Sequence[Range],
    settings: Settings,
    lex: Lexicon,
    entities: EntityIndex,
) -> list[RawQuote]:
    """Return every attribution of ``text`` in order.

    Args:
        text: The article text.
        sentences: Sentence ranges covering the text.
        settings: Engine settings.
        lex: The cue lexicon.
        entities: Entity mentions (possibly none).
    """
    passages = find_passages(text, settings.max_chars)
    return _Engine(text, sentences, settings, lex, entities).run(passages)
