"""Speaker and content boundaries of reported speech on evidential cues (own sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsparse import Article, Quote
from newsparse.plugins._quotes.speakers import noun_phrase_before
from newsparse.plugins._quotes.text import words
from newsparse.plugins.quotes import QuotesConfig, find_quotes


def reported(text: str) -> list[Quote]:
    return [q for q in find_quotes(Article.from_text(text), QuotesConfig()) if q.kind != "scare"]


def one(text: str) -> Quote:
    found = reported(text)
    assert len(found) == 1, found
    return found[0]


def speaker(q: Quote) -> str | None:
    return q.speaker.text if q.speaker is not None else None


def test_subject_runs_through_as_inside_a_noun_phrase() -> None:
    q = one("The portrayal of the treaty as unbreakable suggests that both capitals plan ahead.")
    assert q.cue is not None and q.cue.text == "suggests"
    assert speaker(q) == "The portrayal of the treaty as unbreakable"
    assert q.content[0].text == "that both capitals plan ahead."


def test_subject_runs_through_a_coordinated_infinitive() -> None:
    q = one("The pledge to expand and modernise the fleet suggests the navy expects a standoff.")
    assert speaker(q) == "The pledge to expand and modernise the fleet"
    assert q.content[0].text == "the navy expects a standoff."


def test_coordinated_names_are_one_speaker() -> None:
    q = one("Lisbon and Madrid confirmed that the summit will go ahead in spring.")
    assert speaker(q) == "Lisbon and Madrid"


def test_subject_after_a_verb_keeps_its_short_form() -> None:
    # "as" after a clause with a verb is a conjunction: the subject is after it.
    q = one("The rate fell as economists predicted a slowdown in the second quarter.")
    assert speaker(q) == "economists"
    q = one("Prices climbed sharply as traders expected a poor harvest this autumn.")
    assert speaker(q) == "traders"


def test_comparison_as_is_no_part_of_the_subject() -> None:
    q = one("Few are as wealthy as Ms. Varga claims to be in her filings.")
    assert speaker(q) == "Ms. Varga"


def test_pronoun_after_and_starts_its_own_subject() -> None:
    ws = words("The levy rose and they said prices would climb.", 0, 48)
    k = next(n for n, w in enumerate(ws) if w[2] == "said")
    assert noun_phrase_before(ws, k, join=True) == (k - 1, k)


def test_fronted_clause_content_ends_at_its_comma() -> None:
    q = one("As Lisbon and Madrid confirmed a summit for next month, the talks appeared to stall.")
    assert speaker(q) == "Lisbon and Madrid"
    assert q.content[0].text == "a summit for next month"


def test_fronted_clause_without_object_keeps_the_main_clause() -> None:
    q = one("As the minister noted on Friday, the harbour will reopen in May.")
    assert speaker(q) == "the minister"
    assert q.content[0].text.endswith("the harbour will reopen in May.")


def test_fronted_subordinate_clause_is_no_content() -> None:
    q = one(
        "While the ministry has long been cautious, the new budget suggests a change of course."
    )
    assert speaker(q) == "the new budget"
    assert q.content[0].text == "a change of course."


def test_passive_with_as_gives_subject_and_as_phrase() -> None:
    q = one("The remark made at the summit was interpreted by several analysts as a warning.")
    assert speaker(q) == "several analysts"
    assert [c.text for c in q.content] == ["The remark made at the summit", "as a warning."]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "view",
                "as",
                "and",
                "or",
                "said",
                "suggests",
                "it",
                "fell",
                "Lisbon",
                ",",
                "that",
                "a",
                "plan",
            ]
        ),
        max_size=30,
    )
)
def test_joined_subjects_are_valid_spans(parts: list[str]) -> None:
    text = " ".join(parts) + "."
    doc = Article.from_text(text)
    for q in find_quotes(doc, QuotesConfig()):
        for s in (*q.content, q.cue, q.speaker):
            if s is not None:
                assert 0 <= s.start < s.end <= len(text)
                assert text[s.start : s.end] == s.text


def test_names_and_nouns_in_ly_are_no_adverbs() -> None:
    assert speaker(one("Kelly said the committee would meet again in June.")) == "Kelly"
    q = one("The Hartley family said the verdict came as a relief to everyone.")
    assert speaker(q) == "The Hartley family"
    q = one("The mayor publicly said the budget would be balanced by autumn.")
    assert speaker(q) == "The mayor"


def test_subject_steps_over_an_age_and_a_relative_clause() -> None:
    q = one("Mara Lind, 61, who farms near the river, says the new dam will flood her fields.")
    assert speaker(q) == "Mara Lind"
    assert q.content[0].text == "the new dam will flood her fields."


def test_aside_then_auxiliary_is_no_post_posed_cue() -> None:
    q = one("Tomas Berg, the council treasurer, also expressed concern about the deficit.")
    assert speaker(q) == "Tomas Berg"
    assert q.content[0].text == "concern about the deficit."


def test_raising_verbs_have_no_source() -> None:
    # PolNeAR convention: "X seems to ..." is an attribution without a source;
    # its content is the subject and the complement.
    q = one("The new ferry timetable seems to suit most commuters on the island.")
    assert q.speaker is None and q.source_type == "unattributed"
    assert q.cue is not None and q.cue.text == "seems"
    assert [c.text for c in q.content] == [
        "The new ferry timetable",
        "to suit most commuters on the island.",
    ]
    q = one("The bridge is expected to reopen before the winter storms arrive.")
    assert q.speaker is None
    assert [c.text for c in q.content] == [
        "The bridge",
        "to reopen before the winter storms arrive.",
    ]


def test_expletive_it_is_no_content() -> None:
    q = one("It appears that the vote will be delayed until the spring session.")
    assert q.speaker is None
    assert [c.text for c in q.content] == [
        "that the vote will be delayed until the spring session."
    ]


def test_appearing_somewhere_is_no_raising() -> None:
    found = reported("Ana Ruiz appeared on a morning show and said the budget was sound.")
    assert all(q.cue is None or q.cue.text != "appeared" or q.speaker is not None for q in found)
    assert any(speaker(q) == "Ana Ruiz" for q in found)


def test_name_and_aside_before_the_cue_is_the_subject() -> None:
    q = one("Ines Vidal, the port authority's chief engineer, said repairs would take a year.")
    assert speaker(q) == "Ines Vidal"
    assert q.content[0].text == "repairs would take a year."


def test_clause_before_an_inverted_cue_is_still_content() -> None:
    q = one("The repairs will take at least a year, said the chief engineer.")
    assert speaker(q) == "the chief engineer"
    assert q.content[0].text == "The repairs will take at least a year"


def test_object_of_a_non_speech_cue_ends_where_the_clause_goes_on() -> None:
    q, then = reported("The senator denounced the tariff plan, and voted against it on Tuesday.")
    assert q.cue is not None and q.cue.text == "denounced"
    assert q.content[0].text == "the tariff plan"
    # the second verb of the same subject is an attribution of its own
    assert then.cue is not None and then.cue.text == "voted against"
    assert speaker(then) == "The senator"
    # an apposition goes on with the object
    q = one("The senator denounced the tariff plan, a measure passed in haste last year.")
    assert q.content[0].text == "the tariff plan, a measure passed in haste last year."
