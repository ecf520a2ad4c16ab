"""Speaker rules added from the session-15 PolNeAR speaker error analysis (own sentences)."""

from __future__ import annotations

from functools import cache

from newsparse import Article, Pipeline, Quote


@cache
def _pipeline() -> Pipeline:
    return Pipeline.build(entry_points=False)


def parse(text: str) -> Article:
    return _pipeline().parse(text, format="text")


def quote_with(doc: Article, words: str) -> Quote:
    """Return the one quote whose content holds ``words``."""
    found = [q for q in doc.quotes if any(words in c.text for c in q.content)]
    assert len(found) == 1, doc.quotes
    return found[0]


def entity_name(doc: Article, q: Quote) -> str | None:
    """Return the name of the entity the quote's speaker links to."""
    assert q.speaker is not None
    if q.speaker.entity is None:
        return None
    return next(e.name for e in doc.entities if e.id == q.speaker.entity)


def test_paragraph_after_a_cue_with_an_adjunct_goes_on_with_its_speaker() -> None:
    doc = parse(
        "Lena Marquez runs the harbour co-operative in Vigo.\n\n"
        "“We will not sell the boats,” Marquez said on Friday in Vigo.\n\n"
        "“The fleet has fed this town for a century and it will feed it for another.”\n"
    )
    q = quote_with(doc, "The fleet has fed")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "Marquez"
    assert entity_name(doc, q) == "Lena Marquez"


def test_tail_that_starts_a_new_sentence_does_not_carry_over() -> None:
    doc = parse(
        "“We will not sell the boats,” Marquez said. The vote is on Monday.\n\n"
        "“The fleet has fed this town for a century and it will feed it for another.”\n"
    )
    q = quote_with(doc, "The fleet has fed")
    assert q.speaker is None


def test_colon_sentence_without_cue_word_gives_its_subject() -> None:
    doc = parse(
        "Oskar Lindqvist chairs the rowing club in Uppsala.\n\n"
        "After the race, Lindqvist leaned over the rail and grinned: "
        "“We rowed like demons today.”\n"
    )
    q = quote_with(doc, "We rowed like demons")
    assert q.speaker is not None and q.speaker.text == "Lindqvist"
    assert entity_name(doc, q) == "Oskar Lindqvist"
    assert q.cue is not None and q.cue.text == ":"
