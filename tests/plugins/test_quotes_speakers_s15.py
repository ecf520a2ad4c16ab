"""Speaker rules added from the session-15 PolNeAR speaker error analysis (own sentences)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse import Article, Pipeline, Quote
from newsparse.plugins._quotes.speakers import noun_phrase_after
from newsparse.plugins._quotes.text import words
from newsparse.plugins.quotes import find_quotes
from newsparse.testing import best_cpu_seconds


@cache
def _pipeline() -> Pipeline:
    return Pipeline.build(entry_points=False)


def parse(text: str) -> Article:
    return _pipeline().parse(text, format="text")


def quote_with(doc: Article, content_words: str) -> Quote:
    """Return the one quote whose content holds ``content_words``."""
    found = [q for q in doc.quotes if any(content_words in c.text for c in q.content)]
    assert len(found) == 1, doc.quotes
    return found[0]


def entity_name(doc: Article, q: Quote) -> str:
    """Return the name of the entity the quote's speaker links to ("" when none)."""
    assert q.speaker is not None
    return next((e.name for e in doc.entities if e.id == q.speaker.entity), "")


# One row per rule: (text, words of the quote's content, speaker text or None,
# cue text or None when not checked, the end of the linked entity's name or None).
SPEAKER_CASES = {
    "paragraph after a cue with an adjunct goes on with its speaker": (
        "Lena Marquez runs the harbour co-operative in Vigo.\n\n"
        "“We will not sell the boats,” Marquez said on Friday in Vigo.\n\n"
        "“The fleet has fed this town for a century and it will feed it for another.”\n",
        "The fleet has fed",
        "Marquez",
        None,
        "Marquez",
    ),
    "a tail that starts a new sentence does not carry over": (
        "“We will not sell the boats,” Marquez said. The vote is on Monday.\n\n"
        "“The fleet has fed this town for a century and it will feed it for another.”\n",
        "The fleet has fed",
        None,
        None,
        None,
    ),
    "paragraph after reported speech goes on with its speaker": (
        "Mayor Ines Duarte said that the tram line would open in June.\n\n"
        "“The rails are laid and the drivers are trained, so nothing stands in the way.”\n",
        "The rails are laid",
        "Mayor Ines Duarte",
        None,
        None,
    ),
    "a colon sentence without cue word gives its subject": (
        "Oskar Lindqvist chairs the rowing club in Uppsala.\n\n"
        "After the race, Lindqvist leaned over the rail and grinned: "
        "“We rowed like demons today.”\n",
        "We rowed like demons",
        "Lindqvist",
        ":",
        "Lindqvist",
    ),
    "a lowercase speaker after a closing question mark": (
        "Priya Raman coaches the debate team.\n\n"
        "“Who still reads the minutes?” she asks wryly. The team laughs.\n",
        "Who still reads",
        "she",
        None,
        "Raman",
    ),
    "a short adjunct after the cue keeps the attribution": (
        "Tomas Berg runs a ferry.\n\n“The tide waits for nobody!” Berg said last week.\n",
        "The tide waits",
        "Berg",
        None,
        "Berg",
    ),
    "a new sentence after a closing full stop is no attribution": (
        "“We close at noon.” The bakers said it would rain all week.\n",
        "We close at noon",
        None,
        None,
        None,
    ),
    "a capitalised name and title closing a quotation, then a clause of time": (
        "“The great state of Oregon casts its votes for Jane Doe!” State Senator Mia Holt "
        "said as she opened the roll call.\n",
        "The great state of Oregon",
        "State Senator Mia Holt",
        "said",
        None,
    ),
    "a new sentence with a long capitalised subject and content is no tag": (
        "“We are done here.” State Senator Mia Holt said the roll call would wait.\n",
        "We are done here",
        None,
        None,
        None,
    ),
    "a verb missing from the lexicon after a comma quotation": (
        "Nadia Okafor chairs the housing board.\n\n"
        "“Rents will not fall this year,” Okafor shot back with a grin.\n",
        "Rents will not fall",
        "Okafor",
        "shot",
        "Okafor",
    ),
    "a verb missing from the lexicon needs a closing comma": (
        "“Rents will not fall this year.” Okafor shot back the paperwork at once.\n",
        "Rents will not fall",
        None,
        None,
        None,
    ),
    "a short clause with a verb missing from the lexicon opens a quotation": (
        "Ingrid Solberg sat on the panel.\n\n"
        "Solberg shot back, “Nobody on this panel has read the budget.”\n",
        "Nobody on this panel",
        "Solberg",
        "shot",
        "Solberg",
    ),
    "a participle cue takes the main subject after an opening phrase": (
        "Rosa Delgado is running for mayor of Tucson.\n\n"
        "Speaking at a union hall in Tucson, Delgado went after her rival, "
        "saying, “He has never fixed a single pothole.”\n",
        "He has never fixed",
        "Delgado",
        None,
        "Delgado",
    ),
    "a participle cue after a dateline takes the subject after the dash": (
        "LIMA (Reuters) — Finance minister Carla Ruiz defended the budget on Monday, "
        "saying, “We cannot spend what we do not have.”\n",
        "We cannot spend",
        "Finance minister Carla Ruiz",
        None,
        None,
    ),
    "a participle after an adverbial opening and an addressee": (
        "Hours later, Ruiz returned the favour, telling Reuters, "
        "“We have been friends for a long time.”\n",
        "We have been friends",
        "Ruiz",
        None,
        None,
    ),
    "according to after the cue names the reporting source": (
        "“We will not raise the fares,” the mayor said on Tuesday, "
        "according to the Harbour Gazette.\n",
        "We will not raise",
        "the Harbour Gazette",
        "according to",
        None,
    ),
    "a source after a leading cue before a comma quotation": (
        "The tunnel flooded twice this spring. Said Kowalski, "
        "“Nobody in this office saw the water coming.”\n",
        "Nobody in this office",
        "Kowalski",
        None,
        None,
    ),
    "a signature line below a quotation names its source": (
        "Fact check.\n\n"
        "“I wrote half of that bill myself and nobody remembers it.”\n\n"
        "- Senator Ada Brenner.\n\n"
        "She co-sponsored it, but the text came from a committee.\n",
        "I wrote half of that bill",
        "Senator Ada Brenner",
        None,
        None,
    ),
    "a noun cue after a determiner leaves the verb as cue": (
        "Marta Lindgren, the council's treasurer, said in a statement: "
        "“The accounts were closed on time and in balance.”\n",
        "The accounts were closed",
        "Marta Lindgren",
        "said",
        None,
    ),
    "a noun cue after an adjective leaves the verb as cue": (
        "Marta Lindgren said in her formal statement: "
        "“The accounts were closed on time and in balance.”\n",
        "The accounts were closed",
        "Marta Lindgren",
        "said",
        None,
    ),
    "the name opening the sentence speaks after a long aside": (
        "Greta Holm, a historian who once worked for Sen. Per Ek (D-Ore.), one of the "
        "treaty's critics, called it “the worst treaty of the century.”\n",
        "the worst treaty",
        "Greta Holm",
        None,
        None,
    ),
    "the name opening the sentence speaks when a bracket ends the subject": (
        "Ed Rendell (D) called it “an incredible feat.”\n",
        "an incredible feat",
        "Ed Rendell",
        None,
        None,
    ),
    "a second verb before a colon quotation takes the first subject": (
        "The governor noted that she once taught civics, and added: "
        "“I know a little about this.”\n",
        "I know a little",
        "The governor",
        None,
        None,
    ),
}


@pytest.mark.parametrize(
    ("text", "content_words", "speaker", "cue", "entity_end"),
    list(SPEAKER_CASES.values()),
    ids=list(SPEAKER_CASES),
)
def test_speaker_rule(
    text: str, content_words: str, speaker: str | None, cue: str | None, entity_end: str | None
) -> None:
    doc = parse(text)
    q = quote_with(doc, content_words)
    assert (q.speaker.text if q.speaker is not None else None) == speaker
    if cue is not None:
        assert q.cue is not None and q.cue.text == cue
    if entity_end is not None:
        assert entity_name(doc, q).endswith(entity_end)


def test_according_to_after_reported_speech_names_the_reporting_source() -> None:
    doc = parse(
        "The harbour master said the pier would close for repairs in May, "
        "according to a memo seen by the Harbour Gazette.\n"
    )
    q = quote_with(doc, "the pier would close")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text.startswith("a memo")
    assert q.cue is not None and q.cue.text == "according to"


def test_a_dash_line_that_is_no_name_signs_nothing() -> None:
    doc = parse(
        "The plan has three points:\n\n"
        "“Cut the fares and run more trains on every line.”\n\n"
        "- an end to the night closures.\n"
    )
    q = quote_with(doc, "Cut the fares")
    assert q.speaker is None or q.speaker.text != "an end to the night closures"


def test_a_comma_that_opens_an_aside_before_the_cue_gives_no_leading_name() -> None:
    doc = parse("The treaty, signed in Oslo, removes most remaining tariffs on timber.\n")
    assert all(q.speaker is None or q.speaker.text != "The treaty" for q in doc.quotes)


def test_participle_after_a_subordinate_clause_takes_the_last_pronoun() -> None:
    doc = parse("When he came back he began by saying, “Nobody goes to jail today.”\n")
    q = quote_with(doc, "Nobody goes to jail")
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.speaker.start == doc.text.index("he began")


def test_a_preposition_after_a_cue_names_no_source() -> None:
    text = "said in a statement on Monday"
    assert noun_phrase_after(words(text, 0, len(text)), 1) is None
    text = "said Jane Doe, an aide"
    ws = words(text, 0, len(text))
    found = noun_phrase_after(ws, 1)
    assert found is not None and [w[2] for w in ws[found[0] : found[1]]] == ["Jane", "Doe"]


# The words and marks the speaker rules read: cues, lexicon-less verbs, colons,
# dashes, brackets, "according to", paragraph breaks.
_PIECES = [
    "“",
    "”",
    '"',
    "said",
    "shot",
    "back",
    "according",
    "to",
    "Said",
    "Jane",
    "Doe",
    "he",
    ",",
    ":",
    ".",
    "?",
    "- ",
    "(",
    ")",
    "saying",
    "\n\n",
    " ",
    "x",
    "Later",
    "and",
    "added",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_speaker_rules_never_raise_and_spans_are_valid(parts: list[str]) -> None:
    text = " ".join(parts)
    doc = Article.from_text(text)
    checked = doc.with_layers({"quotes": find_quotes(doc)})
    for q in checked.quotes:
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text


def test_speaker_rules_keep_time_linear() -> None:
    unit = (
        "“We will not sell,” Marquez said on Friday in Vigo.\n\n“The fleet has fed us.”\n\n"
        "- Senator Ada Brenner.\n\nHours later, Ruiz shot back, “Nobody here agrees.” "
        "The mayor said the pier would close, according to a memo.\n\n"
    )
    small_doc, large_doc = Article.from_text(unit * 30), Article.from_text(unit * 300)
    small = best_cpu_seconds(lambda: find_quotes(small_doc), runs=3)
    large = best_cpu_seconds(lambda: find_quotes(large_doc), runs=3)
    assert large < 30 * max(small, 1e-4)
