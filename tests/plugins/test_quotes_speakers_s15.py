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


def test_lowercase_speaker_after_a_closing_question_mark_ends_the_sentence() -> None:
    doc = parse(
        "Priya Raman coaches the debate team.\n\n"
        "“Who still reads the minutes?” she asks wryly. The team laughs.\n"
    )
    q = quote_with(doc, "Who still reads")
    assert q.speaker is not None and q.speaker.text == "she"
    assert (entity_name(doc, q) or "").endswith("Raman")


def test_short_adjunct_after_the_cue_keeps_the_attribution() -> None:
    doc = parse("Tomas Berg runs a ferry.\n\n“The tide waits for nobody!” Berg said last week.\n")
    q = quote_with(doc, "The tide waits")
    assert q.speaker is not None and q.speaker.text == "Berg"
    assert entity_name(doc, q) == "Tomas Berg"


def test_a_new_sentence_after_a_closing_full_stop_is_no_attribution() -> None:
    doc = parse("“We close at noon.” The bakers said it would rain all week.\n")
    q = quote_with(doc, "We close at noon")
    assert q.speaker is None


def test_verb_missing_from_the_lexicon_after_a_comma_quotation() -> None:
    doc = parse(
        "Nadia Okafor chairs the housing board.\n\n"
        "“Rents will not fall this year,” Okafor shot back with a grin.\n"
    )
    q = quote_with(doc, "Rents will not fall")
    assert q.speaker is not None and q.speaker.text == "Okafor"
    assert (entity_name(doc, q) or "").endswith("Okafor")
    assert q.cue is not None and q.cue.text == "shot"


def test_verb_missing_from_the_lexicon_needs_a_closing_comma() -> None:
    doc = parse("“Rents will not fall this year.” Okafor shot back the paperwork at once.\n")
    q = quote_with(doc, "Rents will not fall")
    assert q.speaker is None


def test_participle_cue_takes_the_main_subject_after_an_opening_phrase() -> None:
    doc = parse(
        "Rosa Delgado is running for mayor of Tucson.\n\n"
        "Speaking at a union hall in Tucson, Delgado went after her rival, "
        "saying, “He has never fixed a single pothole.”\n"
    )
    q = quote_with(doc, "He has never fixed")
    assert q.speaker is not None and q.speaker.text == "Delgado"
    assert (entity_name(doc, q) or "").endswith("Delgado")


def test_participle_cue_after_a_dateline_takes_the_subject_after_the_dash() -> None:
    doc = parse(
        "LIMA (Reuters) — Finance minister Carla Ruiz defended the budget on Monday, "
        "saying, “We cannot spend what we do not have.”\n"
    )
    q = quote_with(doc, "We cannot spend")
    assert q.speaker is not None and q.speaker.text == "Finance minister Carla Ruiz"


def test_according_to_after_the_cue_names_the_reporting_source() -> None:
    doc = parse(
        "“We will not raise the fares,” the mayor said on Tuesday, "
        "according to the Harbour Gazette.\n"
    )
    q = quote_with(doc, "We will not raise")
    assert q.speaker is not None and q.speaker.text == "the Harbour Gazette"
    assert q.cue is not None and q.cue.text == "according to"


def test_according_to_after_reported_speech_names_the_reporting_source() -> None:
    doc = parse(
        "The harbour master said the pier would close for repairs in May, "
        "according to a memo seen by the Harbour Gazette.\n"
    )
    q = quote_with(doc, "the pier would close")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text.startswith("a memo")
    assert q.cue is not None and q.cue.text == "according to"


def test_source_after_a_leading_cue_before_a_comma_quotation() -> None:
    doc = parse(
        "The tunnel flooded twice this spring. Said Kowalski, "
        "“Nobody in this office saw the water coming.”\n"
    )
    q = quote_with(doc, "Nobody in this office")
    assert q.speaker is not None and q.speaker.text == "Kowalski"


def test_short_clause_with_a_verb_missing_from_the_lexicon_opens_a_quotation() -> None:
    doc = parse(
        "Ingrid Solberg sat on the panel.\n\n"
        "Solberg shot back, “Nobody on this panel has read the budget.”\n"
    )
    q = quote_with(doc, "Nobody on this panel")
    assert q.speaker is not None and q.speaker.text == "Solberg"
    assert (entity_name(doc, q) or "").endswith("Solberg")
    assert q.cue is not None and q.cue.text == "shot"


def test_signature_line_below_a_quotation_names_its_source() -> None:
    doc = parse(
        "Fact check.\n\n"
        "“I wrote half of that bill myself and nobody remembers it.”\n\n"
        "- Senator Ada Brenner.\n\n"
        "She co-sponsored it, but the text came from a committee.\n"
    )
    q = quote_with(doc, "I wrote half of that bill")
    assert q.speaker is not None and q.speaker.text == "Senator Ada Brenner"


def test_a_dash_line_that_is_no_name_signs_nothing() -> None:
    doc = parse(
        "The plan has three points:\n\n"
        "“Cut the fares and run more trains on every line.”\n\n"
        "- an end to the night closures.\n"
    )
    q = quote_with(doc, "Cut the fares")
    assert q.speaker is None or q.speaker.text != "an end to the night closures"


def test_noun_cue_after_a_determiner_leaves_the_verb_as_cue() -> None:
    doc = parse(
        "Marta Lindgren, the council's treasurer, said in a statement: "
        "“The accounts were closed on time and in balance.”\n"
    )
    q = quote_with(doc, "The accounts were closed")
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text.startswith("Marta Lindgren")


def test_name_opening_the_sentence_speaks_after_a_long_aside() -> None:
    doc = parse(
        "Greta Holm, a historian who once worked for Sen. Per Ek (D-Ore.), one of the "
        "treaty's critics, called it “the worst treaty of the century.”\n"
    )
    q = quote_with(doc, "the worst treaty")
    assert q.speaker is not None and q.speaker.text == "Greta Holm"


def test_name_opening_the_sentence_speaks_when_a_bracket_ends_the_subject() -> None:
    doc = parse("Ed Rendell (D) called it “an incredible feat.”\n")
    q = quote_with(doc, "an incredible feat")
    assert q.speaker is not None and q.speaker.text == "Ed Rendell"


def test_a_comma_that_opens_an_aside_before_the_cue_gives_no_leading_name() -> None:
    doc = parse("The treaty, signed in Oslo, removes most remaining tariffs on timber.\n")
    assert all(q.speaker is None or q.speaker.text != "The treaty" for q in doc.quotes)


def test_noun_cue_after_an_adjective_leaves_the_verb_as_cue() -> None:
    doc = parse(
        "Marta Lindgren said in her formal statement: "
        "“The accounts were closed on time and in balance.”\n"
    )
    q = quote_with(doc, "The accounts were closed")
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "Marta Lindgren"


def test_a_preposition_after_a_cue_names_no_source() -> None:
    from newsparse.plugins._quotes.speakers import noun_phrase_after
    from newsparse.plugins._quotes.text import words

    text = "said in a statement on Monday"
    assert noun_phrase_after(words(text, 0, len(text)), 1) is None
    text = "said Jane Doe, an aide"
    ws = words(text, 0, len(text))
    found = noun_phrase_after(ws, 1)
    assert found is not None and [w[2] for w in ws[found[0] : found[1]]] == ["Jane", "Doe"]


def test_paragraph_after_reported_speech_goes_on_with_its_speaker() -> None:
    doc = parse(
        "Mayor Ines Duarte said that the tram line would open in June.\n\n"
        "“The rails are laid and the drivers are trained, so nothing stands in the way.”\n"
    )
    q = quote_with(doc, "The rails are laid")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "Mayor Ines Duarte"


def test_second_verb_of_a_sentence_before_a_colon_quotation_takes_the_first_subject() -> None:
    doc = parse(
        "The governor noted that she once taught civics, and added: “I know a little about this.”\n"
    )
    q = quote_with(doc, "I know a little")
    assert q.speaker is not None and q.speaker.text == "The governor"


def test_participle_after_an_adverbial_opening_and_an_addressee() -> None:
    doc = parse(
        "Hours later, Ruiz returned the favour, telling Reuters, "
        "“We have been friends for a long time.”\n"
    )
    q = quote_with(doc, "We have been friends")
    assert q.speaker is not None and q.speaker.text == "Ruiz"


def test_participle_after_a_subordinate_clause_takes_the_last_pronoun() -> None:
    doc = parse("When he came back he began by saying, “Nobody goes to jail today.”\n")
    q = quote_with(doc, "Nobody goes to jail")
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.speaker.start == doc.text.index("he began")
