# ruff: noqa: RUF001, RUF003  (quotation marks and dashes are the subject here)
"""Find attributions: direct quotes with their cue and speaker, reported speech, scare quotes.

The pass is linear: quoted passages come from one scan of the text
(:mod:`.marks`); each passage looks for its cue in a bounded window after and
before it; each sentence is read once for reported speech.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import regex

from newsparse.plugins._quotes.lexicon import Lexicon, cue_pattern
from newsparse.plugins._quotes.marks import Passage, find_passages
from newsparse.plugins._quotes.speakers import (
    AUXILIARIES,
    EntityIndex,
    noun_phrase_after,
    noun_phrase_before,
)
from newsparse.plugins._quotes.text import Word, words

__all__ = ["RawQuote", "Settings", "find_attributions"]

Range = tuple[int, int]
Kind = Literal["direct", "indirect", "mixed", "scare"]
_WINDOW = 160  # characters looked at after/before a passage for its cue
_TERMINALS = frozenset(".!?")
_GERUND_LINKS = frozenset(("before", "after", "while", "when", "by", "and"))
# Words that may follow a cue closing a quotation's attribution ("said on Tuesday").
_AFTER_CUE_OK = frozenset(
    ["in", "on", "at", "during", "after", "before", "to", "about", "from", "of", "via", "later"]
)
_COORDINATORS = frozenset(("but", "and", "while", "although", "though", "whereas", "yet"))
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "i", "we", "who"))
_TRAILING = frozenset(" \t\n.!?")
_GLUE = frozenset(("'", "’", "-"))  # a cue-like word after these is part of another word
_DASHES = frozenset(("—", "–", "―", "--", "-"))
_PUNCT_WORDS = frozenset((",", ";", ":", "(", ")", "—", "–", "--"))
_OPEN_MARK_RE = regex.compile(r"[“\"‘«„]")
# A subject after a quotation starts with a capital or one of these.
_DETERMINERS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "i",
        "we",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "one",
        "some",
        "many",
        "another",
        "this",
        "these",
    ]
)
_CLAUSE_STARTERS = frozenset(
    [
        "when",
        "while",
        "and",
        "as",
        "because",
        "but",
        "if",
        "since",
        "after",
        "before",
        "although",
        "though",
        "where",
        "than",
    ]
)
# A cue word right after these is a gerund or a noun ("by praising", "of state").
_NOT_BEFORE_CUE = frozenset(
    ("by", "of", "for", "with", "in", "the", "a", "an", "his", "her", "their", "its", "our")
)
_BE = frozenset(["is", "was", "were", "are", "be", "been", "being"])
_THAT = frozenset({"that", ":"})
_PASSIVE_STOP = frozenset(["as", "to", "in", "on", "for", "that", "with", "at", "of"])
_PARTICIPLE_ONLY = frozenset({"saying", "adding", "noting", "arguing", "explaining", "telling"})


@dataclass(frozen=True)
class Settings:
    """Engine settings (mirrors the extractor config)."""

    max_chars: int = 4000
    scare_max_words: int = 4
    cues: frozenset[str] = frozenset()
    merge_following: bool = True
    indirect: bool = True
    unattributed_direct: bool = True
    nested: bool = False
    scare_quotes: bool = True


@dataclass
class RawQuote:
    """An attribution before it becomes a :class:`newsparse.Quote`."""

    kind: Kind
    content: list[Range]
    cue: Range | None = None
    speaker: Range | None = None
    paragraph: int = 0
    passages: list[Passage] = field(default_factory=list)


_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)


def _is_title(text: str, p: Passage) -> bool:
    """Tell whether an uncued passage is Title Case (a show, a book, a headline)."""
    words_ = text[p.start + 1 : p.end - 1].strip(" ,.!?”’\"'").split()
    if not words_ or len(words_) > 10:
        return False
    capitals = [w for w in words_ if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(capitals) and all(w[:1].isupper() or w[:1].isdigit() for w in capitals)


def _reach(q: RawQuote) -> int:
    """Return the end of everything an attribution covers (content, cue, speaker)."""
    return max([q.content[-1][1]] + [x[1] for x in (q.cue, q.speaker) if x])


def _only_punctuation(gap: str) -> bool:
    """Tell whether ``gap`` holds no word and no line break."""
    return "\n" not in gap and not any(c.isalnum() for c in gap)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i


def _inverted_speaker(ws: Sequence[Word], i: int) -> bool:
    """Tell whether the words from ``i`` read as a source named after its cue.

    "said Jane Doe, an adviser" and "said the minister." do; "said parents
    still want schools." does not (a clause, not a name).
    """
    j = i
    while j < len(ws) and ws[j][2] not in (",", ".", ";", "(", "!", "?"):
        j += 1
    n = j - i
    if n == 0:
        return False
    if ws[i][2][:1].isupper():
        return n <= 6
    return n <= 4


def _sentence_like(text: str, p: Passage) -> bool:
    """Tell whether a short passage reads as a sentence (“I would, Donald.”)."""
    inner = text[p.start + 1 : p.end - 1].strip()
    return inner[:1].isupper() and inner[-1:] in (".", "!", "?", ",")


def _count_words(text: str, p: Passage) -> int:
    return len(text[p.start : p.end].split())


def _words_between(text: str, start: int, end: int) -> list[Word]:
    return words(text, start, end)


def _cue_at(ws: Sequence[Word], i: int, cues: frozenset[str]) -> bool:
    return ws[i][2].lower() in cues


def _span(ws: Sequence[Word], rng: tuple[int, int] | None) -> Range | None:
    if rng is None:
        return None
    i, j = rng
    return ws[i][0], ws[j - 1][1]


class _Engine:
    def __init__(
        self,
        text: str,
        sentences: Sequence[Range],
        settings: Settings,
        lex: Lexicon,
        entities: EntityIndex,
    ) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.sent_starts = [s for s, _ in self.sentences]
        self.s = settings
        self.lex = lex
        self.entities = entities
        self.cues = settings.cues

    # ------------------------------------------------------------------ direct
    def _sentence_of(self, pos: int) -> Range:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return (0, len(self.text))
        return self.sentences[i]

    def _after(self, p: Passage) -> RawQuote | None:
        """Attribute a passage to a cue just after it: “...,” she said / said Jane Doe."""
        text = self.text
        end = p.end
        limit = min(len(text), end + _WINDOW)
        nl = text.find("\n", end, limit)
        if nl >= 0:
            limit = nl
        ws = words(text, end, limit)
        cut = len(ws)
        for n, (w_start, _, w) in enumerate(ws):
            if w[0] in _TERMINALS or _OPEN_MARK_RE.search(text, end, w_start):
                cut = n
                break
        ws = ws[:cut]
        if not ws or any(c.isalnum() for c in text[end : ws[0][0]]):
            return None
        first = 1 if ws[0][2] in _DASHES else 0
        if first >= len(ws):
            return None
        if first and all(w[2][:1].isupper() or w[2] in ",." for w in ws[1:6]) and len(ws) <= 8:
            # “...” ― Jane Doe: a reader's or a headline's signed quotation.
            j = 1
            while j < len(ws) and ws[j][2][:1].isupper():
                j += 1
            return RawQuote(
                "direct", list(p.pieces), (ws[0][0], ws[0][1]), _span(ws, (1, j)), passages=[p]
            )
        inner_end = text[p.end - 2 : p.end - 1]
        sentence_final = inner_end in _TERMINALS
        k = -1
        for n in range(first, min(len(ws), first + 24)):
            if _cue_at(ws, n, self.cues) or ws[n][2].lower() == "according":
                k = n
                break
        if k < 0:
            return None
        # The words before the cue must be a plausible subject: "he", "Rep. Jim
        # Jordan (R-Ohio), an oversight panel member," but not "when Clinton".
        subj_end = k
        for n in range(first, k):
            if ws[n][2] in (",", "(", ";", ":") or ws[n][2] in _DASHES:
                subj_end = n
                break
        while subj_end > first and ws[subj_end - 1][2].lower() in AUXILIARIES:
            subj_end -= 1
        if subj_end > first:
            head = ws[first][2]
            named = any(w[2][:1].isupper() for w in ws[first:subj_end])
            if not (named or head.lower() in _DETERMINERS):
                return None
            low_head = head.lower()
            if head[:1].islower() and (
                low_head.endswith(("ed", "ing")) or low_head in _AFTER_CUE_OK
            ):
                return None  # "compared to 11% of Republican claims": not a subject
            if any(w[2].lower() in _CLAUSE_STARTERS for w in ws[first:subj_end]):
                return None
            if subj_end - first > 8 or (sentence_final and k - first > 3 and head[:1].isupper()):
                return None
        elif k - first > 3:
            return None
        cue_end = k + 1
        if ws[k][2].lower() == "according" and k + 1 < len(ws) and ws[k + 1][2].lower() == "to":
            cue_end = k + 2
        if sentence_final and subj_end > first and cue_end < len(ws):
            nxt = ws[cue_end][2]
            if (nxt[:1].islower() and nxt not in _AFTER_CUE_OK) or (
                nxt not in (",", ";") and len(ws) - cue_end > 4
            ):
                return None  # “... policy.” The network said it would ...: a new sentence
        if (
            sentence_final
            and ws[-1][2] in (",", ":")
            and _OPEN_MARK_RE.match(text, _skip_space(text, ws[-1][1]))
        ):
            return None  # “... change.” She adds, “...”: the cue opens the next quotation
        if subj_end > first:
            speaker = _span(ws, (first, subj_end))
        else:
            speaker = _span(ws, noun_phrase_after(ws, cue_end))
        return RawQuote(
            kind="direct",
            content=list(p.pieces),
            cue=(ws[k][0], ws[cue_end - 1][1]),
            speaker=speaker,
            passages=[p],
        )

    def _before(self, p: Passage) -> RawQuote | None:
        """Attribute a passage to a cue just before it: He added, “...” / X said:¶“...”."""
        text = self.text
        start = p.start
        lo = max(0, start - _WINDOW)
        nl = text.rfind("\n", lo, start)
        if nl >= 0 and text[nl:start].strip():
            lo = nl
        elif nl >= 0:
            # The passage opens a paragraph: "X said:" may end the previous one.
            prev_end = nl
            while prev_end > 0 and text[prev_end - 1].isspace():
                prev_end -= 1
            if text[prev_end - 1 : prev_end] != ":":
                return None
            lo = max(0, prev_end - _WINDOW)
            pnl = text.rfind("\n", lo, prev_end)
            if pnl >= 0:
                lo = pnl
        ws = words(text, lo, start)
        for n in range(len(ws) - 1, -1, -1):
            if ws[n][2][0] in _TERMINALS:
                ws = ws[n + 1 :]
                break
        if not ws:
            return None
        k = -1
        for n in range(len(ws) - 1, max(-1, len(ws) - 9), -1):
            if _cue_at(ws, n, self.cues) or ws[n][2].lower() == "according":
                k = n
                break
        if k < 0:
            if ws[-1][2] == ":" and 1 < len(ws) <= 7 and ws[0][2][:1].isupper():
                # "Loretta Lynch: ‘...’": a name, a colon, the quotation.
                colon = (ws[-1][0], ws[-1][1])
                return RawQuote(
                    "direct", list(p.pieces), colon, _span(ws, (0, len(ws) - 1)), passages=[p]
                )
            return None
        tail = ws[k + 1 :]
        # "X said in a statement:" ends with a colon; "X told CNN that" with that
        if len(tail) > 1 and tail[-1][2] not in (",", ":") and tail[-1][2].lower() != "that":
            return None
        low = ws[k][2].lower()
        cue = (ws[k][0], ws[k][1])
        if low == "according":
            rng = noun_phrase_after(ws, k + 2) if k + 1 < len(ws) else None
            cue = (ws[k][0], ws[min(k + 1, len(ws) - 1)][1])
            return RawQuote("direct", list(p.pieces), cue, _span(ws, rng), passages=[p])
        if tail and tail[-1][2] == ":" and k == 0 and ws[k + 1][2][:1].isupper():
            subj: tuple[int, int] | None = (k + 1, len(ws) - 1)  # "Said Ellis: “...”"
        elif low.endswith("ing") and k > 0 and ws[k - 1][2] == ",":
            subj = self._main_subject(ws, k - 1)
        elif low.endswith("ing") and k > 0 and ws[k - 1][2].lower() in _GERUND_LINKS:
            subj = self._main_subject(ws, k - 1)  # "X sings to Y before asking her, “...”"
        else:
            subj = noun_phrase_before(ws, k)
        q = RawQuote("direct", list(p.pieces), cue, _span(ws, subj), passages=[p])
        if len(p.pieces) == 1:
            # "said “budget reforms” and the collection of taxes would ...": the
            # sentence goes on after the quotation, so the content does too.
            q.content = [self._with_rest(p)]
            if q.content[0][1] > p.end:
                q.kind = "mixed"
        return q

    def _with_rest(self, p: Passage) -> Range:
        """Return the passage, extended to its sentence end when the sentence goes on."""
        text = self.text
        sent_end = self._sentence_of(p.start)[1]
        rest = text[p.end : sent_end]
        if sent_end > p.end and rest[:1].isspace() and rest.strip()[:1].isalnum():
            end = sent_end
            while end > p.end and text[end - 1] in _TRAILING:
                end -= 1
            return p.start, end
        return p.start, p.end

    def _main_subject(self, ws: Sequence[Word], before: int) -> tuple[int, int] | None:
        """Return the subject of the clause's own cue before ``before`` (for ", saying")."""
        for n in range(before - 1, -1, -1):
            if _cue_at(ws, n, self.cues):
                return noun_phrase_before(ws, n)
        # No cue: the clause subject is its first words (a name or a pronoun).
        i = 0
        while i < before and ws[i][2] in _PUNCT_WORDS:
            i += 1
        j = i
        while j < before and j - i < 5 and (ws[j][2][:1].isupper() or j == i):
            j += 1
        return (i, j) if j > i else None

    # ---------------------------------------------------------------- indirect
    def _indirect(
        self,
        sent: Range,
        hits: Sequence[int],
        quoted: Sequence[Range],
        quoted_ends: Sequence[int],
        prior: RawQuote | None = None,
    ) -> list[RawQuote]:
        """Find reported speech in one sentence, given the offsets of its cue words.

        ``prior`` is an attributed quotation just before the sentence piece: a
        piece ", adding that ..." continues it with the same speaker.
        """
        text = self.text
        ws = words(text, sent[0], sent[1])
        if len(ws) < 4:
            return []
        starts = [w[0] for w in ws]
        out: list[RawQuote] = []
        qi = bisect.bisect_right(quoted_ends, sent[0])
        last: RawQuote | None = None
        if prior is not None and ws[0][2] == "," and ws[1][2].lower().endswith("ing"):
            last = prior
        for hit in hits:
            n = bisect.bisect_left(starts, hit)
            if n >= len(ws) or ws[n][0] != hit:
                continue
            while qi < len(quoted) and quoted[qi][1] <= hit:
                qi += 1
            if qi < len(quoted) and quoted[qi][0] <= hit:
                continue  # a cue word inside a quotation is not this sentence's cue
            low = ws[n][2].lower()
            if low == "according":
                if n + 1 < len(ws) and ws[n + 1][2].lower() == "to" and last is None:
                    last = self._according(ws, n, sent)
                    if last is not None:
                        out.append(last)
                continue
            if n > 0 and ws[n - 1][2].lower() in _NOT_BEFORE_CUE:
                continue
            if last is not None:
                if n > 0 and ws[n - 1][2] == "," and low.endswith("ing"):
                    # ", saying ..." / ", adding that ...": same speaker, new content.
                    cut = ws[n - 1][0]
                    if last is not prior:
                        last.content = [(a, min(b, cut)) for a, b in last.content if a < cut]
                    content = self._content_after(ws, n + 1, sent)
                    if content is not None:
                        follow = RawQuote("indirect", [content], (ws[n][0], ws[n][1]), last.speaker)
                        out.append(follow)
                        last = follow
                    continue
                boundary = self._coordinated(ws, n)
                if boundary >= 0 and last is not prior:
                    # "X said A, but Y said B": B is Y's; A stops at the boundary.
                    cut = ws[boundary][0]
                    last.content = [(a, min(b, cut)) for a, b in last.content if a < cut]
                elif not self.s.nested or not self._clear_subject(ws, n):
                    continue
            if low in _PARTICIPLE_ONLY and (n == 0 or ws[n - 1][2] != ","):
                continue
            q = self._verb_cue(ws, n, sent)
            if q is not None:
                out.append(q)
                last = q
        return out

    def _coordinated(self, ws: Sequence[Word], k: int) -> int:
        """Return the index of the clause boundary before a new subject and cue, or -1."""
        subj = noun_phrase_before(ws, k, limit=6, stop=self.lex.core_cues)
        if subj is None or subj[0] == 0 or not self._clear_subject(ws, k):
            return -1
        b = subj[0] - 1
        if ws[b][2].lower() in _COORDINATORS:
            if b > 0 and ws[b - 1][2] == ",":
                b -= 1
            return b
        return b if ws[b][2] in (",", ";") else -1

    def _clear_subject(self, ws: Sequence[Word], k: int) -> bool:
        """Tell whether a cue inside another content has an unmistakable subject ("he")."""
        subj = noun_phrase_before(ws, k, limit=6, stop=self.lex.core_cues)
        if subj is None or subj[1] - subj[0] > 5:
            return False
        head = ws[subj[0]][2]
        return head.lower() in _SUBJECT_PRONOUNS or (
            head[:1].isupper() and all(w[2][:1].isupper() for w in ws[subj[0] : subj[1]])
        )

    def _content_after(self, ws: Sequence[Word], i: int, sent: Range) -> Range | None:
        while (i < len(ws) and ws[i][2].lower() in _THAT) or (i < len(ws) and ws[i][2] == ","):
            i += 1
        if len(ws) - i < 2:
            return None
        end = ws[-1][1]
        # keep the sentence's closing quotation mark if any
        tail = self.text[end : sent[1]]
        if tail and tail.strip(".!?\"”’' ") == "":
            end = sent[1]
        return ws[i][0], end

    def _verb_cue(self, ws: Sequence[Word], k: int, sent: Range) -> RawQuote | None:
        cue = (ws[k][0], ws[k][1])
        after = len(ws) - k - 1
        # Passive: "was interpreted by regional experts as ..."
        if (
            k > 0
            and ws[k - 1][2].lower() in _BE
            and k + 1 < len(ws)
            and ws[k + 1][2].lower() == "by"
        ):
            j = k + 2
            while j < len(ws) and ws[j][2].lower() not in _PASSIVE_STOP and ws[j][2] != ",":
                j += 1
            if j > k + 2:
                speaker = (ws[k + 2][0], ws[j - 1][1])
                content_end = ws[k - 2][1] if k >= 2 else ws[0][1]
                content = (ws[0][0], content_end)
                if j < len(ws):
                    content = (ws[0][0], ws[-1][1])
                return RawQuote("indirect", [content], cue, speaker)
            return None
        # Post-posed: "CONTENT, X said." / "CONTENT, said X."
        comma = -1
        for c in range(k - 1, max(-1, k - 9), -1):
            if ws[c][2] == ",":
                comma = c
                break
        inverted = k == comma + 1  # ", said Jane Doe."
        if inverted and not _inverted_speaker(ws, k + 1):
            inverted = False
            comma = -1  # "X, a senior aide, said the plan ...": X said, forward
        if (
            comma >= 3
            and after <= (30 if inverted else 4)
            and not any(w[2] == "," for w in ws[comma + 1 : k])
            and not (k + 1 < len(ws) and ws[k + 1][2].lower() == "that")
        ):
            speaker_rng = (comma + 1, k) if k > comma + 1 else None
            if speaker_rng is not None:
                i, j = speaker_rng
                while j > i and ws[j - 1][2].lower() in AUXILIARIES:
                    j -= 1
                speaker_rng = (i, j) if j > i else None
            if speaker_rng is None:
                speaker_rng = noun_phrase_after(ws, k + 1)
            if speaker_rng is not None:
                start = ws[0][0]
                return RawQuote(
                    "indirect", [(start, ws[comma - 1][1])], cue, _span(ws, speaker_rng)
                )
        subj = noun_phrase_before(ws, k, stop=self.lex.core_cues)
        if subj is None:
            return None
        i = k + 1
        low = ws[k][2].lower()
        if low in ("told", "tells", "tell", "telling", "asked", "asks", "urged", "reminded"):
            # skip the addressee: "told reporters that ..."
            for j in range(i, min(len(ws), i + 5)):
                if ws[j][2].lower() == "that":
                    i = j + 1
                    break
        found = self._content_after(ws, i, sent)
        if found is None:
            return None
        return RawQuote("indirect", [found], cue, _span(ws, subj))

    def _according(self, ws: Sequence[Word], n: int, sent: Range) -> RawQuote | None:
        cue = (ws[n][0], ws[n + 1][1])
        j = n + 2
        while j < len(ws) and ws[j][2] not in (",", ";", ":", "(", ")"):
            j += 1
        if j == n + 2:
            return None
        speaker = (ws[n + 2][0], ws[j - 1][1])
        before = [w for w in ws[:n] if w[2] not in (",",)]
        if len(before) >= 3:
            content = (ws[0][0], before[-1][1])
        elif j + 1 < len(ws):
            content = (ws[j + 1][0], ws[-1][1])
        else:
            return None
        return RawQuote("indirect", [content], cue, speaker)

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

    # -------------------------------------------------------------------- run
    def run(self, passages: Sequence[Passage]) -> list[RawQuote]:
        text = self.text
        out: list[RawQuote] = []
        last: RawQuote | None = None
        loose: list[Passage] = []
        for p in passages:
            nwords = _count_words(text, p)
            if nwords <= 6 and _is_title(text, p):
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
                    and (nwords > self.s.scare_max_words or _sentence_like(text, p))
                    and "\n" not in text[last.content[-1][1] : p.start]
                    and last.kind == "direct"
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
            lo = min([q.content[0][0]] + [x[0] for x in (q.cue, q.speaker) if x])
            hi = max([q.content[-1][1]] + [x[1] for x in (q.cue, q.speaker) if x])
            spans.append((lo, hi, q))
        spans.sort(key=lambda t: t[:2])
        # Reported speech, sentence by sentence, outside attributed quotations.
        all_ranges = [(p.start, p.end) for p in passages]
        all_ends = [e for _, e in all_ranges]
        if self.s.indirect:
            lowered = text.lower() if len(text.lower()) == len(text) else text
            cue_re = cue_pattern(self.cues)
            ti = 0
            for sent in self.sentences:
                while ti < len(spans) and spans[ti][1] <= sent[0]:
                    ti += 1
                for piece, prior in self._free_pieces(sent, spans, ti):
                    hits = [
                        m.start()
                        for m in cue_re.finditer(lowered, piece[0], piece[1])
                        if lowered[m.start() - 1 : m.start()] not in _GLUE
                    ]
                    if hits:  # most sentences have no cue word at all
                        out.extend(self._indirect(piece, hits, all_ranges, all_ends, prior))
        out = [q for q in out if q.content and all(b > a for a, b in q.content)]
        # Loose passages inside a reported content make it mixed.
        indirect = sorted((q for q in out if q.kind == "indirect"), key=lambda q: q.content[0])
        starts = [q.content[0][0] for q in indirect]
        # Attributions by the end of everything they cover, to find the one a
        # following uncued quotation continues.
        by_end = sorted(out, key=_reach)
        ends = [_reach(q) for q in by_end]
        for p in loose:
            # the reported content that starts before the passage's middle
            i = bisect.bisect_right(starts, (p.start + p.end) // 2) - 1
            if i >= 0 and indirect[i].content[-1][1] > (p.start + p.end) // 2:
                indirect[i].kind = "mixed"
                a, b = indirect[i].content[-1]
                indirect[i].content[-1] = (a, max(b, p.end))
                continue
            nwords = _count_words(text, p)
            if _is_title(text, p):
                continue  # “Face the Nation”, ‘The Dealmaker’: a title or a name, not a quote
            j = bisect.bisect_right(ends, p.start) - 1
            if (
                self.s.merge_following
                and j >= 0
                and by_end[j].speaker is not None
                and (nwords > self.s.scare_max_words or _sentence_like(text, p))
                and _only_punctuation(text[ends[j] : p.start])
            ):
                # "..., Schiff said. “The other factor ...”": the same source goes on.
                by_end[j].content.extend(p.pieces)
                continue
            if nwords <= self.s.scare_max_words:
                if self.s.scare_quotes:
                    out.append(RawQuote("scare", list(p.pieces)))
            elif self.s.unattributed_direct and _sentence_like(text, p):
                out.append(
                    RawQuote(
                        "direct", [self._with_rest(p)] if len(p.pieces) == 1 else list(p.pieces)
                    )
                )
        out.sort(key=lambda q: q.content[0])
        return [q for q in out if q.content and all(b > a for a, b in q.content)]


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
