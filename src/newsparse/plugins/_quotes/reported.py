# ruff: noqa: RUF001  (quotation marks and dashes are the subject here)
"""Reported speech: "X said (that) ...", "..., X said", "According to X, ...", passives."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from operator import itemgetter

from newsparse.plugins._quotes.base import (
    BE,
    COORDINATORS,
    NOT_BEFORE_CUE,
    PARTICIPLE_ONLY,
    PASSIVE_STOP,
    SUBJECT_PRONOUNS,
    EngineBase,
    Range,
    RawQuote,
    inverted_speaker,
    span,
)
from newsparse.plugins._quotes.clauses import (
    ADDRESSEE_CUES,
    ADVERBIAL_OPENERS,
    APPEAR_ON,
    CLAUSE_OPENERS,
    CLAUSE_OPENERS_LOW,
    CORE_PARTICLES,
    EXPLETIVES,
    FRONTED,
    NAME_LINKS,
    OBJECT_ENDS,
    OBJECT_OPENERS,
    OBJECT_PRONOUNS,
    PARTICLES,
    PASSIVE_RAISING,
    PUNCT_ALL,
    QUOTE_MARK_RE,
    RAISING,
    SPEAKER_ENDS,
    SUBJECTS,
    TIME_WORDS,
    is_be,
    modal_before,
    named_aside,
    nominal,
    object_content,
    only_adjunct,
    parenthetical,
)
from newsparse.plugins._quotes.speakers import (
    AUXILIARIES,
    according_after,
    clause_subject,
    noun_phrase_after,
    noun_phrase_before,
)
from newsparse.plugins._quotes.text import Word

__all__ = ["ReportedPass"]

# Words looked at after a cue for the "that" that follows an adjunct or addressee.
_ADJUNCT_REACH = 10

# Words a bracket before a cue may hold ("(R-Ky.)", "(AFL-CIO)", "(pictured, left)").
_BRACKET_REACH = 6

# Words between a quotation's cue and a participle clause that goes on with its
# speaker: an addressee or an adjunct ("told the group on Monday, adding ...").
_PRIOR_REACH = 6

# At most this many words name the source of a "Source: content" line.
_HEAD_WORDS = 5
# Labels of news layout before a colon: no source ("Update:", "Editor's Note:").
_LAYOUT_LABELS = frozenset(
    (
        "update",
        "updated",
        "latest",
        "note",
        "breaking",
        "contributing",
        "correction",
        "email",
        "name",
        "question",
        "answer",
        "photo",
        "video",
        "related",
        "source",
        "sources",
        "byline",
        "editor’s",
        "editor's",
        "watch",
        "read",
        "listen",
        "remember",
    )
)

# Words after which a speech noun ("tweet", "post", "email") is a verb.
_VERB_LEFT = frozenset(("i", "we", "you", "they", "he", "she", "to", "will", "would", "also"))

_START = itemgetter(0)  # a word's start offset, to bisect words by offset


class ReportedPass(EngineBase):
    """Find reported speech in one sentence at a time."""

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
        ws = self.split.words(sent[0], sent[1])
        if len(ws) < 4:
            return []
        out: list[RawQuote] = []
        qi = bisect.bisect_right(quoted_ends, sent[0])
        last: RawQuote | None = None
        if prior is not None:
            # "..., referring to X" right after the quotation's cue, or after
            # its addressee or an adjunct ("told the group, referring to X")
            c = next((i for i in range(min(len(ws) - 1, _PRIOR_REACH)) if ws[i][2] == ","), -1)
            if c >= 0 and ws[c + 1][2].lower().endswith("ing") and ws[c][0] < hits[0]:
                last = prior
        for hit in hits:
            n = bisect.bisect_left(ws, hit, key=_START)
            if n >= len(ws) or ws[n][0] != hit:
                continue
            while qi < len(quoted) and quoted[qi][1] <= hit:
                qi += 1
            if qi < len(quoted) and quoted[qi][0] <= hit:
                continue  # a cue word inside a quotation is not this sentence's cue
            low = ws[n][2].lower()
            if low == "asked" and (n == 0 or ws[n - 1][2].lower() == "when"):
                # "Asked about X, she said ...": the question is the content
                q = self._asked(ws, n)
                if q is not None:
                    out.append(q)
                continue
            if low == "according":
                if n + 1 < len(ws) and ws[n + 1][2].lower() == "to" and last is None:
                    last = self._according(ws, n, sent)
                    if last is not None:
                        out.append(last)
                elif last is not None and last.content[-1][1] <= ws[n][0]:
                    outer = according_after(ws, n - 1)  # "X said Y, according to Z."
                    if outer is not None:
                        last.cue, last.speaker = outer
                continue
            if n > 0 and ws[n - 1][2].lower() in NOT_BEFORE_CUE:
                continue
            if low in self.lex.noun_cues and n > 0 and ws[n - 1][2].lower() not in _VERB_LEFT:
                continue  # "Trump's tweet was ...", "the statement": a noun, not a verb
            clause = 0  # where the cue's own clause starts
            if last is not None:
                if n > 0 and ws[n - 1][2] == "," and low.endswith("ing"):
                    # ", saying ..." / ", adding that ...": same speaker, new content.
                    if last is not prior:
                        last.cut_at(ws[n - 1][0])
                    last = self._same_speaker(last, ws, n, sent, out)
                    continue
                if n > 1 and ws[n - 1][2].lower() == "and" and last is not prior:
                    # "X called it Y and said Z": the same speaker, a new content.
                    last.cut_at(ws[n - 2][0] if ws[n - 2][2] == "," else ws[n - 2][1])
                    last = self._same_speaker(last, ws, n, sent, out)
                    continue
                boundary = self._coordinated(ws, n)
                if boundary >= 0 and last is not prior:
                    # "X said A, but Y said B": B is Y's; A stops at the boundary.
                    last.cut_at(ws[boundary][0])
                if boundary >= 0:
                    clause = boundary + 1
                    while clause < n and (
                        ws[clause][2] == "," or ws[clause][2].lower() in COORDINATORS
                    ):
                        clause += 1
                elif not self.s.nested or not self._clear_subject(ws, n):
                    continue
            if low in PARTICIPLE_ONLY and (n == 0 or ws[n - 1][2] != ","):
                continue
            if last is None and n > 2 and ws[n - 1][2] == "," and low.endswith("ing"):
                # "The lawyers filed a motion, saying ...": the main clause's subject.
                who = clause_subject(ws, n - 1)
                if who is None:
                    # "In a statement, the union ..., saying": after the opening phrase
                    c = next((i for i in range(n - 1) if ws[i][2] == ","), -1)
                    if 0 < c < n - 3:
                        sub = clause_subject(ws[c + 1 :], n - 1 - (c + 1))
                        who = (sub[0] + c + 1, sub[1] + c + 1) if sub is not None else None
                got = self._object_of(ws, n, sent) if who is not None else None
                if got is not None:
                    last = RawQuote("indirect", [got[1]], got[0], span(ws, who))
                    out.append(last)
                continue
            # A coordinated clause is read alone: its words before the cue are
            # its subject, not a content ("A, and experts expect B").
            q = self._verb_cue(ws[clause:] if clause else ws, n - clause, sent)
            if q is not None:
                out.append(q)
                last = q
        return out

    def _headline(self, sent: Range, colon: int) -> RawQuote | None:
        """Read a line "Jane Doe: The plan will fail." as Jane Doe's words.

        Headlines and transcripts name the source before a colon at the line
        start. The source is one to five capitalised words (not a one-letter
        interview label nor a layout label such as "Update" or "Editor's Note");
        the content is the rest of the line, at least three words.
        """
        head = self.split.words(sent[0], colon)
        if not 1 <= len(head) <= _HEAD_WORDS or len(head[0][2]) < 2:
            return None
        for w in head:
            word = w[2]
            if not (word[:1].isupper() or word in NAME_LINKS) or word.lower() in _LAYOUT_LABELS:
                return None
        start = colon + 1
        end = sent[1]
        rest = self.split.words(start, end)
        if sum(1 for w in rest if w[2][:1].isalpha()) < 3:
            return None
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return RawQuote(
            "indirect", [(rest[0][0], end)], (colon, colon + 1), (head[0][0], head[-1][1])
        )

    @staticmethod
    def _asked(ws: Sequence[Word], n: int) -> RawQuote | None:
        """Read "Asked (by X) about Y, ..." / "when asked how Y, ...": Y, asked by X or no one.

        PolNeAR's content is the question up to the clause's end; its source
        the asker named after "by", else none (who answered is the next
        attribution's source).
        """
        i = n + 1
        speaker = None
        if i < len(ws) and ws[i][2].lower() == "by":
            j = i + 1
            while j < len(ws) and ws[j][2][:1].isupper():
                j += 1
            if j > i + 1:
                speaker = (ws[i + 1][0], ws[j - 1][1])
                i = j
        e = i
        while e < len(ws) and ws[e][2] not in PUNCT_ALL:
            e += 1
        if e - i < 2:
            return None
        return RawQuote("indirect", [(ws[i][0], ws[e - 1][1])], (ws[n][0], ws[n][1]), speaker)

    def _same_speaker(
        self, last: RawQuote, ws: Sequence[Word], n: int, sent: Range, out: list[RawQuote]
    ) -> RawQuote:
        # The object of the cue at ws[n] as a new content of last's speaker
        # (", saying ...", "... and said ..."); last stays current if there is none.
        got = self._object_of(ws, n, sent)
        if got is None:
            return last
        follow = RawQuote("indirect", [got[1]], got[0], last.speaker)
        out.append(follow)
        return follow

    def _coordinated(self, ws: Sequence[Word], k: int) -> int:
        """Return the index of the clause boundary before a new subject and cue, or -1."""
        subj = noun_phrase_before(ws, k, limit=6, stop=self.lex.core_cues)
        if subj is None or subj[0] == 0:
            return -1
        b = subj[0] - 1
        if not self._clear_subject(ws, k, subj) and not (
            # ", and trade experts expect ...": after a comma and a coordinator
            # a short verbless noun phrase is a new subject too.
            b > 0
            and ws[b][2].lower() in COORDINATORS
            and ws[b - 1][2] in (",", ";")
            and self._plain_subject(ws, subj)
        ):
            return -1
        if ws[b][2].lower() in COORDINATORS:
            if b > 0 and ws[b - 1][2] == ",":
                b -= 1
            return b
        return b if ws[b][2] in (",", ";") else -1

    def _plain_subject(self, ws: Sequence[Word], subj: tuple[int, int]) -> bool:
        """Tell whether ``ws[subj]`` is a short noun phrase with no verb or cue in it."""
        if subj[1] - subj[0] > 4:
            return False
        for w in ws[subj[0] : subj[1]]:
            low = w[2].lower()
            if (
                low in AUXILIARIES
                or low in self.cues
                or low in CLAUSE_OPENERS_LOW
                or low in ("being", "having")
                or (w[2][:1].islower() and low.endswith("ed"))
            ):
                return False
        return True

    def _clear_subject(
        self, ws: Sequence[Word], k: int, subj: tuple[int, int] | None = None
    ) -> bool:
        """Tell whether a cue inside another content has an unmistakable subject ("he").

        ``subj`` is the cue's subject when the caller has found it already.
        """
        if subj is None:
            subj = noun_phrase_before(ws, k, limit=6, stop=self.lex.core_cues)
        if subj is None or subj[1] - subj[0] > 5:
            return False
        head = ws[subj[0]][2]
        return head.lower() in SUBJECT_PRONOUNS or (
            head[:1].isupper() and all(w[2][:1].isupper() for w in ws[subj[0] : subj[1]])
        )

    def _content_after(self, ws: Sequence[Word], i: int, sent: Range) -> Range | None:
        # PolNeAR's content keeps the complementizer ("said that ..."), not a colon or comma.
        while i < len(ws) and ws[i][2] in (",", ":"):
            i += 1
        if len(ws) - i < 2:
            return None
        # (A word that lowers to "according" is those ASCII letters in some case,
        # so it is in ``letters``: most contents have none, and skip the loop.)
        if not self.folded or (
            len(ws) > i + 3 and self.letters.find(b"according", ws[i + 3][0], ws[-1][1]) >= 0
        ):
            for c in range(i + 2, len(ws) - 1):
                if ws[c][2] == "," and ws[c + 1][2].lower() == "according":
                    # "..., according to X": a second source closes this content
                    return ws[i][0], ws[c - 1][1]
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
            and ws[k - 1][2].lower() in BE
            and k + 1 < len(ws)
            and ws[k + 1][2].lower() == "by"
        ):
            if modal_before(ws, k - 1):
                return None  # "must still be approved by X": nothing was said yet
            j = k + 2
            while (
                j < len(ws)
                and ws[j][2].lower() not in PASSIVE_STOP
                and ws[j][2] not in SPEAKER_ENDS
            ):
                j += 1
            if j > k + 2:
                speaker = (ws[k + 2][0], ws[j - 1][1])
                content_end = ws[k - 2][1] if k >= 2 else ws[0][1]
                content = (ws[0][0], content_end)
                if j < len(ws) and ws[j][2].lower() == "as" and j + 1 < len(ws):
                    # "X was interpreted by Y as Z": PolNeAR's content is "X" + "as Z",
                    # X without its auxiliaries ("X has been", "X will probably be").
                    subj = noun_phrase_before(ws, k, stop=self.lex.core_cues, join=True)
                    if subj is not None:
                        pieces = [(ws[subj[0]][0], ws[subj[1] - 1][1]), (ws[j][0], ws[-1][1])]
                        return RawQuote("indirect", pieces, cue, speaker)
                if j < len(ws) and ws[j][2][0] not in ".!?":
                    content = (ws[0][0], ws[-1][1])
                return RawQuote("indirect", [content], cue, speaker)
            return None
        low = ws[k][2].lower()
        around = parenthetical(ws, k)
        if around is not None:
            # "The plan, he said, would fail": the content runs around the attribution.
            c1, c2, who = around
            pieces = [(ws[0][0], ws[c1 - 1][1]), (ws[c2 + 1][0], ws[-1][1])]
            return RawQuote("indirect", pieces, cue, span(ws, who))
        # Post-posed: "CONTENT, X said." / "CONTENT, said X."
        comma = -1
        # "..., a spokesman for the ministry of foreign affairs said Thursday.":
        # when only an adjunct follows the cue, the subject may be long.
        reach = 20 if only_adjunct(ws, k + 1) else 9
        for c in range(k - 1, max(-1, k - reach), -1):
            if ws[c][2] == ",":
                comma = c
                break
        inverted = k == comma + 1 and low not in ADDRESSEE_CUES  # ", said Jane Doe."
        if inverted and (not inverted_speaker(ws, k + 1) or named_aside(ws, comma)):
            inverted = False
            comma = -1  # "X, a senior aide, said the plan ...": X said, forward
        if (
            comma >= 3
            and after <= (30 if inverted else 4)
            and not any(w[2] == "," for w in ws[comma + 1 : k])
            and not (k + 1 < len(ws) and ws[k + 1][2].lower() == "that")
            and (inverted or not self._clause_follows(ws, k))
        ):
            speaker_rng = (comma + 1, k) if k > comma + 1 else None
            if speaker_rng is not None:
                i, j = speaker_rng
                while j > i and ws[j - 1][2].lower() in AUXILIARIES:
                    j -= 1
                speaker_rng = (i, j) if j > i else None
                # "X, the party chair, also expressed concern.": only auxiliaries
                # after the comma, so no post-posed cue; the subject is X (below).
                aside = speaker_rng is None
            else:
                aside = False
                speaker_rng = noun_phrase_after(ws, k + 1)
            if speaker_rng is not None and not aside:
                start = ws[0][0]
                return RawQuote("indirect", [(start, ws[comma - 1][1])], cue, span(ws, speaker_rng))
        subj = noun_phrase_before(ws, k, stop=self.lex.core_cues, join=True)
        if subj is None:
            subj = self._bracketed_subject(ws, k)
        nxt = ws[k + 1][2].lower() if k + 1 < len(ws) else ""
        if (low in RAISING and nxt not in APPEAR_ON) or (
            low in PASSIVE_RAISING and nxt in ("to", "as") and k > 0 and is_be(ws[k - 1][2])
        ):
            return self._raising(ws, k, sent, subj)
        if subj is None:
            return None
        got = self._object_of(ws, k, sent, fronted=subj[0] == 1 and ws[0][2].lower() in FRONTED)
        if got is None:
            return None
        if k > 0 and is_be(ws[k - 1][2]) and (low.endswith("ed") or low in PASSIVE_RAISING):
            # "He was asked about X", "X is known for Y": a passive without "by"
            # names no source (PolNeAR annotates none).
            return RawQuote("indirect", [got[1]], got[0], None)
        return RawQuote("indirect", [got[1]], got[0], span(ws, subj))

    def _bracketed_subject(self, ws: Sequence[Word], k: int) -> tuple[int, int] | None:
        """Return a subject ending in a bracket: "Sen. Jane Doe (D-Ore.) said".

        The bracket (a party and state, an age, an acronym) is part of the
        source; the subject is the noun phrase before it.
        """
        j = k
        while j > 0 and ws[j - 1][2].lower() in AUXILIARIES:
            j -= 1
        if j < 3 or ws[j - 1][2] != ")":
            return None
        o = j - 2
        while o > 0 and j - o <= _BRACKET_REACH and ws[o][2] not in ("(", ")"):
            o -= 1
        if ws[o][2] != "(" or o == 0:
            return None
        subj = noun_phrase_before(ws, o, stop=self.lex.core_cues, join=True)
        return (subj[0], j) if subj is not None and subj[1] == o else None

    def _object_of(
        self, ws: Sequence[Word], k: int, sent: Range, *, fronted: bool = False
    ) -> tuple[Range, Range] | None:
        """Return the cue (with its particle) and the content after the cue at ``k``.

        Args:
            ws: The sentence's words.
            k: Index of the cue word.
            sent: The sentence range.
            fronted: The cue is in a fronted clause ("As X confirmed Y, ...").
        """
        low = ws[k][2].lower()
        cue = (ws[k][0], ws[k][1])
        i = k + 1
        core = low in self.lex.core_cues
        if (
            i + 1 < len(ws)
            and ws[i][2].lower() in (CORE_PARTICLES if core else PARTICLES)
            and (ws[i][2].lower() != "to" or nominal(ws[i + 1][2]))
            and ws[i + 1][2].lower() not in TIME_WORDS
        ):
            # "called for X", "pointed out that ...": the particle belongs to the cue.
            cue = (cue[0], ws[i][1])
            i += 1
        obj = i
        if low in ADDRESSEE_CUES and i + 2 < len(ws) and ws[i][2].lower() in OBJECT_PRONOUNS:
            i += 1  # "told me he ...", "asked them whether ...": the addressee is no content
        if low in ADDRESSEE_CUES or (i < len(ws) and ws[i][2].lower() in ADVERBIAL_OPENERS):
            # skip the addressee or an adjunct: "told reporters that ...",
            # "said in an interview on Monday that ..."
            for j in range(i, min(len(ws), i + _ADJUNCT_REACH)):
                if ws[j][2].lower() == "that":
                    i = j
                    break
                if ws[j][2] in OBJECT_ENDS:
                    break
            else:
                if len(ws) - i <= 5 and (low in ADDRESSEE_CUES or core):
                    # "..., she told The New York Times.", "said in an interview
                    # later.": only the addressee or an adjunct follows.
                    return None
        found = self._content_after(ws, i, sent)
        if found is None:
            return None
        if fronted and i == obj:
            found = self._fronted_content(ws, k, found)
        elif i == obj and not core and ws[i][2].lower() not in SUBJECTS:
            cut = object_content(ws, i, found)
            if not QUOTE_MARK_RE.search(self.text, cut[1], found[1]):
                found = cut  # (a quotation after the comma keeps the content whole: mixed)
        return cue, found

    def _raising(
        self, ws: Sequence[Word], k: int, sent: Range, subj: tuple[int, int] | None
    ) -> RawQuote | None:
        """Attribute "X seems to ...", "X is expected to ...": no source.

        PolNeAR gives these no Source; the content is the subject and the
        complement, in two pieces ("X" + "to ..."), without an expletive "it".
        """
        found = self._content_after(ws, k + 1, sent)
        if found is None:
            return None
        pieces = [found]
        if subj is not None and ws[subj[0]][2].lower() not in EXPLETIVES:
            pieces.insert(0, (ws[subj[0]][0], ws[subj[1] - 1][1]))
        return RawQuote("indirect", pieces, (ws[k][0], ws[k][1]), None)

    @staticmethod
    def _fronted_content(ws: Sequence[Word], k: int, found: Range) -> Range:
        """Cut a content in a fronted clause at that clause's comma.

        "As Lisbon and Madrid confirmed a summit, the talks stalled.": the
        content is "a summit", not the main clause. Only when the cue takes an
        object ("confirmed a ...", "said that ..."): after "As he said, ..."
        or "As she noted on Friday, ..." the main clause goes on being the
        content, as before.
        """
        if k + 1 >= len(ws) or ws[k + 1][2].lower() not in OBJECT_OPENERS:
            return found
        for c in range(k + 2, len(ws)):
            if ws[c][2] == ",":
                return (found[0], ws[c - 1][1]) if ws[c - 1][1] > found[0] else found
        return found

    @staticmethod
    def _clause_follows(ws: Sequence[Word], k: int) -> bool:
        """Tell whether a clause, not an adjunct, follows the cue at ``k``.

        "By his own account, Smith said the plan failed.": the words before the
        comma are no content when the cue goes on with a subject of its own
        (not "told the newspaper", whose object is the addressee).
        """
        return (
            k + 1 < len(ws)
            and ws[k + 1][2].lower() in CLAUSE_OPENERS
            and ws[k][2].lower() not in ADDRESSEE_CUES
        )

    def _according(self, ws: Sequence[Word], n: int, sent: Range) -> RawQuote | None:
        cue = (ws[n][0], ws[n + 1][1])
        j = n + 2
        # the source ends at a comma or bracket, and never takes the full stop
        while j < len(ws) and ws[j][2] not in SPEAKER_ENDS:
            j += 1
        if j == n + 2:
            return None
        speaker = (ws[n + 2][0], ws[j - 1][1])
        before = [w for w in ws[:n] if w[2] not in (",",)]
        if (
            before
            and n > 1
            and ws[n - 1][2] == ","
            and j + 2 < len(ws)
            and ws[j][2] == ","
            and not any(w[2] == "," for w in ws[: n - 1])
        ):
            # "Such a deal, according to two officials, could be signed soon":
            # the content runs around the attribution.
            pieces = [(ws[0][0], ws[n - 2][1]), (ws[j + 1][0], ws[-1][1])]
            return RawQuote("indirect", pieces, cue, speaker)
        if len(before) >= 3:
            content = (ws[0][0], before[-1][1])
        elif j + 1 < len(ws):
            content = (ws[j + 1][0], ws[-1][1])
        else:
            return None
        return RawQuote("indirect", [content], cue, speaker)
