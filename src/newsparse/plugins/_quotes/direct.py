# ruff: noqa: RUF001, RUF003  (quotation marks and dashes are the subject here)
"""Direct quotations: find the cue and speaker right after or right before a passage."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsparse.plugins._quotes.base import (
    AFTER_CUE_OK,
    CLAUSE_STARTERS,
    DASHES,
    DETERMINERS,
    GERUND_LINKS,
    NOT_BEFORE_CUE,
    OPEN_MARK_RE,
    TERMINALS,
    TRAILING,
    WINDOW,
    EngineBase,
    Range,
    RawQuote,
    cue_at,
    skip_space,
    span,
)
from newsparse.plugins._quotes.clauses import ADDRESSEE_CUES
from newsparse.plugins._quotes.marks import Passage
from newsparse.plugins._quotes.speakers import (
    AUXILIARIES,
    according_after,
    first_subject,
    leading_name,
    noun_phrase_after,
    noun_phrase_before,
)
from newsparse.plugins._quotes.text import Word

__all__ = ["DirectPass"]


class DirectPass(EngineBase):
    """Attribute quoted passages to an adjacent cue."""

    def _after(self, p: Passage) -> RawQuote | None:
        """Attribute a passage to a cue just after it: “...,” she said / said Jane Doe."""
        text = self.text
        end = p.end
        limit = min(len(text), end + WINDOW)
        nl = text.find("\n", end, limit)
        if nl >= 0:
            if not text[end:nl].strip():
                return self._signed_below(p, nl)
            limit = nl
        mark = OPEN_MARK_RE.search(text, end, limit)
        if mark is not None:
            limit = mark.start()  # the next quotation starts: stop there
        if self.cue_free(end, limit) and not _DASH_RE.search(text, end, limit):
            # no cue word and no signature dash: only a verb unknown to the lexicon
            return self._uncued_verb(p, end, limit) if text[end - 2 : end - 1] == "," else None
        ws = self.split.words_to_terminal(end, limit)
        if not ws or any(c.isalnum() for c in text[end : ws[0][0]]):
            return None
        first = 1 if ws[0][2] in DASHES else 0
        if first >= len(ws):
            return None
        if (
            first
            and ws[1][2][:1].isupper()
            and all(w[2][:1].isupper() or w[2] in ",." for w in ws[1:6])
            and len(ws) <= 8
        ):
            # “...” ― Jane Doe: a reader's or a headline's signed quotation (a
            # name must follow the dash: "” -- ," has no speaker).
            j = 1
            while j < len(ws) and ws[j][2][:1].isupper():
                j += 1
            return RawQuote(
                "direct", list(p.pieces), (ws[0][0], ws[0][1]), span(ws, (1, j)), passages=[p]
            )
        inner_end = text[p.end - 2 : p.end - 1]
        sentence_final = inner_end in TERMINALS
        k = -1
        cues = self.cues
        for n in range(first, min(len(ws), first + 24)):
            low = ws[n][2].lower()
            if low in cues or low == "according":
                k = n
                break
        if k < 0:
            return self._uncued_verb(p, end, limit) if inner_end == "," else None
        # The words before the cue must be a plausible subject: "he", "Rep. Jim
        # Jordan (R-Ohio), an oversight panel member," but not "when Clinton".
        subj_end = k
        for n in range(first, k):
            if ws[n][2] in (",", "(", ";", ":") or ws[n][2] in DASHES:
                subj_end = n
                break
        while subj_end > first and ws[subj_end - 1][2].lower() in AUXILIARIES:
            subj_end -= 1
        if (
            subj_end > first
            and ws[k - 1][2] == ","
            and ws[k][2].lower() not in self.lex.core_cues
            and _odd_commas(ws, first, k)
        ):
            # “...” The deal, signed in Ottawa, removes ...: a verb that is no
            # speech verb opens an aside (a reduced relative), it does not
            # close the subject as "Jane Doe, an aide, said" does.
            return None
        if subj_end == first and ws[k][2].lower().endswith("ing"):
            return None  # “...,” noting that ...: the sentence goes on, no source follows
        if subj_end - first == 1 and ws[first][2].lower() in _LONE_DETERMINERS:
            return None  # “...,” a jab at ...: an article alone is no subject
        if subj_end > first:
            head = ws[first][2]
            named = any(w[2][:1].isupper() for w in ws[first:subj_end])
            if not (named or head.lower() in DETERMINERS):
                return None
            low_head = head.lower()
            if head[:1].islower() and (
                low_head.endswith(("ed", "ing")) or low_head in AFTER_CUE_OK
            ):
                return None  # "compared to 11% of Republican claims": not a subject
            if any(w[2].lower() in CLAUSE_STARTERS for w in ws[first:subj_end]):
                return None
            if low_head in _NOT_SUBJECT_HEADS or (
                subj_end + 1 < k and ws[subj_end + 1][2].lower() in CLAUSE_STARTERS
            ):
                # “...” with Trump's children, but lamented ...: a prepositional
                # phrase, or a new clause after the comma, is no subject.
                return None
            if subj_end - first > 8 or (
                sentence_final
                and k - first > 3
                and head[:1].isupper()
                and not _named_tag(ws, first, k, self._ends_sentence(ws))
            ):
                return None
        elif k - first > 3:
            return None
        cue_end = k + 1
        if ws[k][2].lower() == "according" and k + 1 < len(ws) and ws[k + 1][2].lower() == "to":
            cue_end = k + 2
        if (
            sentence_final
            and subj_end > first
            and cue_end < len(ws)
            and ws[first][2][:1].isupper()  # “...?” he asks: the sentence goes on
        ):
            nxt = ws[cue_end][2]
            if nxt in _TAG_FOLLOWERS:
                pass  # “...!” Jane Doe said as she left.: the tag goes on with a clause of time
            elif (
                nxt[:1].islower()
                and nxt not in AFTER_CUE_OK
                and not _short_adjunct(ws, cue_end, self._ends_sentence(ws))
            ) or (nxt not in (",", ";") and nxt not in AFTER_CUE_OK and len(ws) - cue_end > 4):
                return None  # “... policy.” The network said it would ...: a new sentence
        if (
            sentence_final
            and ws[-1][2] in (",", ":")
            and OPEN_MARK_RE.match(text, skip_space(text, ws[-1][1]))
        ):
            return None  # “... change.” She adds, “...”: the cue opens the next quotation
        if subj_end > first:
            speaker = span(ws, (first, subj_end))
        else:
            speaker = span(ws, noun_phrase_after(ws, cue_end))
        cue: Range = (ws[k][0], ws[cue_end - 1][1])
        outer = according_after(ws, cue_end)
        if outer is not None:
            # “...,” Sanders said, according to CNN.: PolNeAR credits the
            # quotation to the source that reports it ("according to CNN").
            cue, speaker = outer
        return RawQuote(
            kind="direct", content=list(p.pieces), cue=cue, speaker=speaker, passages=[p]
        )

    def _signed_below(self, p: Passage, nl: int) -> RawQuote | None:
        """Attribute a quotation that ends its paragraph to a signature line below it.

        "“...”¶¶- Sanders." and "“...”¶¶— President Obama, tweeting after ...":
        the next paragraph opens with a dash and one to four capitalised words.
        """
        text = self.text
        start = nl
        while start < len(text) and text[start] in "\n\r\t ":
            start += 1
        if start - nl > 4:
            return None
        m = _SIGNATURE_RE.match(text, start, min(len(text), start + 160))
        if m is None:
            return None
        dash = (start, start + len(m.group(1)))
        name_end = m.end(2) - (m.group(2)[-1] == ".")  # the line's full stop is no part of it
        return RawQuote("direct", list(p.pieces), dash, (m.start(2), name_end), passages=[p])

    def _uncued_verb(self, p: Passage, end: int, limit: int) -> RawQuote | None:
        """Attribute “...,” Trump shot back. / “...,” he surmised.: a verb the lexicon lacks.

        Only after a quotation that closes on a comma (its sentence goes on), and
        only when a short subject (a personal pronoun, up to four capitalised
        words, or a determiner and one or two nouns) is followed by a past or
        present-tense verb that ends the sentence or a clause, or takes at most
        a short adjunct ("shot back with a laugh.").
        """
        ws = self.split.words_to_terminal(end, limit)
        if len(ws) < 2 or any(c.isalnum() for c in self.text[end : ws[0][0]]):
            return None
        head = ws[0][2]
        low = head.lower()
        if low in _SPEAKING_PRONOUNS:
            j = 1
        elif low in _LONE_DETERMINERS:
            j = 2 if ws[1][2][:1].islower() else 1
            while j < 4 and j < len(ws) and ws[j][2][:1].isupper():
                j += 1  # "the Trump campaign"
        elif head[:1].isupper():
            j = 1
            while j < 5 and j < len(ws) and ws[j][2][:1].isupper():
                j += 1
        else:
            return None
        if j >= len(ws) or not _tense_verb(ws[j][2]):
            return None
        rest = ws[j + 1 :]
        if rest and rest[0][2] in (",", ";"):
            pass  # “...,” Trump shot back, adding ...
        elif not self._ends_sentence(ws) or len(rest) > 4 or _opens_clause(rest):
            return None
        return RawQuote(
            "direct", list(p.pieces), (ws[j][0], ws[j][1]), span(ws, (0, j)), passages=[p]
        )

    def _ends_sentence(self, ws: Sequence[Word]) -> bool:
        """Tell whether a terminal mark follows ``ws`` (``words_to_terminal`` leaves it out)."""
        return self.text[ws[-1][1] : ws[-1][1] + 1] in TERMINALS

    def _before(self, p: Passage) -> RawQuote | None:
        """Attribute a passage to a cue just before it: He added, “...” / X said:¶“...”."""
        text = self.text
        start = p.start
        lo = max(0, start - WINDOW)
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
            lo = max(0, prev_end - WINDOW)
            pnl = text.rfind("\n", lo, prev_end)
            if pnl >= 0:
                lo = pnl
        if (
            self.cue_free(lo, start)
            and text.find(":", lo, start) < 0
            and text[lo:start].rstrip()[-1:] != ","
        ):
            return None  # no cue word, no "Name:", no "X shot back,": nothing below can match
        ws = self.split.words_after_terminal(lo, start)
        if not ws:
            return None
        k = -1
        cues = self.cues
        nouns = self.lex.noun_cues
        for n in range(len(ws) - 1, max(-1, len(ws) - 9), -1):
            low = ws[n][2].lower()
            if low in cues or low == "according":
                if low in nouns and n > 0 and _verb_cue_before(ws, n, cues, nouns):
                    continue  # "said in a statement:": the noun is no cue, the verb is
                k = n
                break
        if k < 0 and len(ws) > 2 and ws[-1][2] in (",", ":") and cue_at(ws, 0, self.cues):
            # "Said Dorothy Poynter, who grew up with him, “...”": a leading cue.
            j = 1
            while j < len(ws) and ws[j][2] not in (",", ":", "("):
                j += 1
            if ws[1][2][:1].isupper() and j - 1 <= 6:
                return RawQuote(
                    "direct", list(p.pieces), (ws[0][0], ws[0][1]), span(ws, (1, j)), passages=[p]
                )
        if k < 0:
            if ws[-1][2] == ":" and 1 < len(ws) <= 7 and ws[0][2][:1].isupper():
                # "Loretta Lynch: ‘...’": a name, a colon, the quotation.
                colon = (ws[-1][0], ws[-1][1])
                return RawQuote(
                    "direct", list(p.pieces), colon, span(ws, (0, len(ws) - 1)), passages=[p]
                )
            if (
                ws[-1][2] == ":"
                and len(ws) > 2
                and ws[0][2][:1].isupper()
                and not any(w[2].lower() in cues for w in ws)
            ):
                # "Trump leaned in and boomed: “...”": a whole sentence (it starts
                # with a capital, not cut by the window) introduces the quotation
                # with a colon and no cue word at all; its subject speaks.
                who = first_subject(ws, len(ws) - 1)
                if who is not None:
                    colon = (ws[-1][0], ws[-1][1])
                    return RawQuote("direct", list(p.pieces), colon, span(ws, who), passages=[p])
            if ws[-1][2] == "," and 2 < len(ws) <= 8:
                # "Sanders shot back, “...”": a short clause of a subject and a verb
                # the lexicon lacks (and an adverb) opens the quotation.
                who = _verb_clause(ws)
                if who is not None:
                    verb = ws[who[1]]
                    return RawQuote(
                        "direct", list(p.pieces), (verb[0], verb[1]), span(ws, who), passages=[p]
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
            return RawQuote("direct", list(p.pieces), cue, span(ws, rng), passages=[p])
        if tail and tail[-1][2] == ":" and k == 0 and ws[k + 1][2][:1].isupper():
            subj: tuple[int, int] | None = (k + 1, len(ws) - 1)  # "Said Ellis: “...”"
        elif _inverted_before(ws, k):
            # "Said Comey, “...”", "In other words, explained moderator Jane Doe:
            # “...”": the source follows its cue, the quotation follows the source.
            subj = (k + 1, len(ws) - 1)
        elif low.endswith("ing") and k > 0 and ws[k - 1][2] == ",":
            subj = self._participle_subject(ws, k - 1)
        elif low.endswith("ing") and k > 0 and ws[k - 1][2].lower() in GERUND_LINKS:
            subj = self._participle_subject(ws, k - 1)  # "X sings to Y before asking her, “...”"
        else:
            subj = noun_phrase_before(ws, k) or leading_name(ws, k)
            if subj is None and tail and tail[-1][2] in (",", ":") and ws[0][2][:1].isupper():
                subj = first_subject(ws, k)
        q = RawQuote("direct", list(p.pieces), cue, span(ws, subj), passages=[p])
        if subj is not None and subj[1] < k - 1 and low.endswith("ing"):
            # "X praised the deal, calling it “...”": the main clause before the
            # participle is read for reported speech of its own.
            q.clause = ws[k - 1][0]
        if len(p.pieces) == 1:
            # "said “budget reforms” and the collection of taxes would ...": the
            # sentence goes on after the quotation, so the content does too.
            q.content = [self._with_rest(p)]
            if q.content[0][1] > p.end:
                q.kind = "mixed"
        if tail and tail[-1][2] not in (",", ":"):
            # "claimed that “...”", "believe the ‘historic’ label ...": the words
            # between the cue and the quotation open the content (PolNeAR keeps
            # the complementizer), not an addressee ("told CNN that").
            q.content[0] = (tail[-1 if len(tail) > 1 else 0][0], q.content[0][1])
            q.kind = "mixed"
        return q

    def tail_carries_over(self, end: int, start: int) -> bool:
        """Tell whether a quotation at ``start`` opens the paragraph after an attribution's end.

        ``end`` is where the attribution before ends (its cue or speaker):
        "“...,” Espinoza said Friday.¶“I am ...”" goes on with the same source
        when the rest of that sentence ("Friday.", "told reporters in Iowa.")
        closes the paragraph. The rest must be one short sentence end with no
        quotation mark, and one paragraph break must follow it.
        """
        if start - end > 2 * WINDOW:
            return False  # (the rest of a sentence and a paragraph break are short)
        gap = self.text[end:start]
        nl = gap.find("\n")
        if nl < 0 or gap.count("\n", nl) > 2 or not gap[nl:].isspace():
            return False
        head = gap[:nl].rstrip()
        return (
            0 < len(head) <= WINDOW
            and head[-1] in TERMINALS
            and not OPEN_MARK_RE.search(head)
            and not _SENTENCE_BREAK_RE.search(head, 0, len(head) - 1)
        )

    def _participle_subject(self, ws: Sequence[Word], before: int) -> tuple[int, int] | None:
        """Return the subject of the main clause before a participle cue (", saying “...”").

        A cue of the clause's own gives its subject (as ``_main_subject``);
        otherwise the first subject after any opening phrase: "Speaking in
        Ohio, Trump went after Bush, calling him “...”" gives "Trump", not
        "Speaking"; "Hours later, Trump ..." gives "Trump", not "Hours".
        """
        for n in range(before - 1, -1, -1):
            if cue_at(ws, n, self.cues):
                return noun_phrase_before(ws, n) or leading_name(ws, n)
        found = first_subject(ws, before)
        if found is None:
            # "When he returned he began by saying, “...”": the last personal
            # pronoun before the participle, when no clause subject opens it.
            for n in range(before - 1, -1, -1):
                if ws[n][2].lower() in _SPEAKING_PRONOUNS:
                    return n, n + 1
        return found or self._main_subject(ws, before)

    def _with_rest(self, p: Passage) -> Range:
        """Return the passage, extended to its sentence end when the sentence goes on."""
        text = self.text
        sent_end = self._sentence_of(p.start)[1]
        rest = text[p.end : sent_end]
        if sent_end > p.end and rest[:1].isspace() and rest.strip()[:1].isalnum():
            end = sent_end
            while end > p.end and text[end - 1] in TRAILING:
                end -= 1
            return p.start, end
        return p.start, p.end


# Where a dash word (``DASHES`` but the lone hyphen, which is no word) may stand.
_DASH_RE = re.compile(r"[—–―]|--")
# A signature line: a dash, one to four capitalised words, the line's end or a
# comma or full stop ("- Sanders.", "— President Obama, tweeting after ...").
_SIGNATURE_RE = re.compile(
    r"([-—–―]{1,2}) ?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?:[.,][^\n]{0,120})?(?=\n|$)"
)
# A sentence end followed by another sentence ("said. He added ...").
_SENTENCE_BREAK_RE = re.compile(r"[.!?][”’\"')]*\s+[A-Z]")
# Words that need a noun after them to be a subject.
_LONE_DETERMINERS = frozenset(
    ("a", "an", "the", "his", "her", "their", "its", "this", "these", "another", "some")
)
# Words that may follow the cue of a quotation's tag ("said as he launched ...").
_TAG_FOLLOWERS = frozenset(("as", "when", "while", "after", "before", "during"))
# Personal pronouns that may say a quotation.
_SPEAKING_PRONOUNS = frozenset(("he", "she", "they", "i", "we"))
# Irregular past forms of verbs of speaking and showing ("the sign read", "Trump shot back").
_IRREGULAR_CUES = frozenset(("read", "shot", "wrote", "spoke", "told", "sang", "put", "went"))
# Words that start a clause of their own after a verb: then the verb is no speech tag.
_CLAUSE_HEADS = frozenset(
    ("that", "it", "he", "she", "they", "we", "i", "the", "a", "an", "to", "and", "but")
)
# Punctuation that cannot stand inside a source named after its cue.
_PART_STOPS = frozenset((",", ";", ":", "(", ")", "—", "–", "--"))
# Prepositions that cannot head the subject of a cue after a quotation.
_NOT_SUBJECT_HEADS = frozenset(
    ("with", "for", "by", "from", "into", "than", "without", "like", "over", "under", "as")
)


def _named_tag(ws: Sequence[Word], first: int, k: int, ends_sentence: bool) -> bool:
    """Tell whether ``ws[first:k]`` is a capitalised name and title closing a quotation.

    "“...!” US Senator Jeff Sessions said as he ...": every word before the cue
    is capitalised (at most six), and the cue ends the sentence or is followed
    by a comma or a temporal clause, not by the content of a new sentence
    ("“...” President Obama said Tuesday that ...").
    """
    if k - first > 6 or not all(w[2][:1].isupper() for w in ws[first:k]):
        return False
    if k + 1 >= len(ws):
        return ends_sentence
    return ws[k + 1][2] == "," or ws[k + 1][2].lower() in _TAG_FOLLOWERS


def _verb_cue_before(
    ws: Sequence[Word], n: int, cues: frozenset[str], nouns: frozenset[str]
) -> bool:
    """Tell whether the noun cue ``ws[n]`` follows a determiner or a verb cue a few words back.

    "said in a statement:", "said in his formal statement:": the verb is the
    cue, the noun only says how it was said.
    """
    if ws[n - 1][2].lower() in NOT_BEFORE_CUE:
        return True
    return any(w[2].lower() in cues and w[2].lower() not in nouns for w in ws[max(0, n - 4) : n])


def _verb_clause(ws: Sequence[Word]) -> tuple[int, int] | None:
    """Return the subject of a short "Subject verb [adverb] ," clause, or ``None``.

    The subject is a personal pronoun or one to four capitalised words at the
    sentence start; the verb is a past or present-tense form; at most two
    words (no clause word) follow it before the comma.
    """
    head = ws[0][2]
    if head.lower() in _SPEAKING_PRONOUNS:
        j = 1
    elif head[:1].isupper():
        j = 1
        while j < 4 and ws[j][2][:1].isupper():
            j += 1
    else:
        return None
    rest = len(ws) - 1 - (j + 1)
    if not 0 <= rest <= 2 or not _tense_verb(ws[j][2]) or _opens_clause(ws[j + 1 : -1]):
        return None
    if any(w[2] in _PART_STOPS for w in ws[: len(ws) - 1]):
        return None
    return 0, j


def _inverted_before(ws: Sequence[Word], k: int) -> bool:
    """Tell whether the cue at ``k`` is followed by its source and a comma or colon.

    "Said Comey, “...”" and "..., explained Rosenberg, “...”": the cue opens
    the sentence or follows a comma, one to six words follow it (the first a
    capital, none a verb or clause word), then the comma or colon before the
    quotation.
    """
    n = len(ws) - 1 - (k + 1)
    if not 1 <= n <= 6 or ws[-1][2] not in (",", ":") or not ws[k + 1][2][:1].isupper():
        return False
    low = ws[k][2].lower()
    if low.endswith("ing") or low in ADDRESSEE_CUES:
        return False  # ", telling Reuters, “...”": the name is the addressee
    if k > 0 and ws[k - 1][2] not in (",", ":"):
        return False
    return not any(
        w[2] in _PART_STOPS or w[2].lower() in AUXILIARIES or w[2].lower() in _CLAUSE_HEADS
        for w in ws[k + 1 : -1]
    )


def _tense_verb(word: str) -> bool:
    """Tell whether ``word`` may be a finite verb in the past or present ("quipped", "reads")."""
    low = word.lower()
    return word[:1].islower() and (
        (low.endswith(("ed", "s")) and not low.endswith(("ss", "us"))) or low in _IRREGULAR_CUES
    )


def _opens_clause(ws: Sequence[Word]) -> bool:
    """Tell whether ``ws`` starts with a word that opens a clause or an object ("that", "it")."""
    return bool(ws) and ws[0][2].lower() in _CLAUSE_HEADS


def _short_adjunct(ws: Sequence[Word], i: int, ends_sentence: bool) -> bool:
    """Tell whether ``ws[i:]`` is a short adjunct closing the sentence ("last week.").

    At most three words before the sentence's end (``ends_sentence``: a
    terminal mark follows ``ws``), none of them a pronoun or determiner that
    would open a clause ("said it would ...").
    """
    rest = ws[i:]
    return (
        ends_sentence and 0 < len(rest) <= 3 and not any(w[2].lower() in DETERMINERS for w in rest)
    )


def _odd_commas(ws: Sequence[Word], first: int, k: int) -> bool:
    """Tell whether an odd number of commas come between ``first`` and ``k``.

    "Jane Doe, a spokeswoman, said" closes its aside (two commas) before the
    cue; "The deal, signed in Ottawa," opens one with it.
    """
    return sum(1 for w in ws[first:k] if w[2] == ",") % 2 == 1
