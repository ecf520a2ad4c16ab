"""Quote boundaries and attribution rules from the PolNeAR error analysis (own sentences)."""

from __future__ import annotations

from newsparse import Article, Quote
from newsparse.plugins.quotes import QuotesConfig, find_quotes


def run(text: str) -> list[Quote]:
    return list(find_quotes(Article.from_text(text), QuotesConfig()))


def one(text: str) -> Quote:
    found = [q for q in run(text) if q.kind != "scare"]
    assert len(found) == 1, found
    return found[0]


def texts(q: Quote) -> list[str]:
    return [c.text for c in q.content]


def cue(q: Quote) -> str | None:
    return q.cue.text if q.cue is not None else None


def speaker(q: Quote) -> str | None:
    return q.speaker.text if q.speaker is not None else None


# ------------------------------------------------------------- content starts


def test_particle_belongs_to_the_cue() -> None:
    q = one("The senator called for a ban on private drones over schools.")
    assert cue(q) == "called for"
    assert texts(q) == ["a ban on private drones over schools."]


def test_speech_verb_keeps_an_adjunct_out_of_the_content() -> None:
    q = one("The mayor said on Monday that the bridge would reopen in spring.")
    assert cue(q) == "said"
    assert texts(q) == ["that the bridge would reopen in spring."]


def test_direct_quotation_after_that_keeps_the_complementizer() -> None:
    q = one('The coach claimed that "nobody on the bench saw the foul coming."')
    assert q.kind == "mixed"
    assert texts(q) == ['that "nobody on the bench saw the foul coming."']
    assert speaker(q) == "The coach"


def test_word_between_cue_and_scare_quote_opens_the_content() -> None:
    q = one("Engineers in Turin believe the 'unsinkable' design may yet fail.")
    assert q.kind == "mixed"
    assert speaker(q) == "Engineers in Turin"
    assert texts(q) == ["the 'unsinkable' design may yet fail"]


# -------------------------------------------------------- cues and speakers


def test_reduced_relative_is_no_cue_for_the_quotation_before() -> None:
    text = (
        'The minister praised the reform, calling it "a fair deal for every family." '
        "The bill, drafted in Lyon, cuts most fees."
    )
    quotes = run(text)
    assert not any(cue(q) == "drafted" for q in quotes)
    direct = [q for q in quotes if '"a fair deal' in " ".join(texts(q))]
    assert len(direct) == 1
    assert cue(direct[0]) == "calling"
    assert speaker(direct[0]) == "The minister"


def test_passive_after_a_modal_reports_nothing() -> None:
    assert [q for q in run("The budget must first be approved by the city council.")] == []


def test_passive_speaker_stops_before_the_full_stop() -> None:
    q = one("The proposal was criticized by several city councillors.")
    assert cue(q) == "criticized"
    assert speaker(q) == "several city councillors"


def test_new_reporting_clause_is_not_merged_into_the_quotation_before() -> None:
    text = (
        '"We will rebuild the harbour first," Lena Holm told reporters in Bergen. '
        'She added that the city had "no money left for anything else."'
    )
    quotes = [q for q in run(text) if q.kind != "scare"]
    assert len(quotes) == 2
    first, second = quotes
    assert texts(first) == ['"We will rebuild the harbour first,"']
    assert cue(second) == "added" and speaker(second) == "She"
    assert second.kind == "mixed"
    assert texts(second) == ['that the city had "no money left for anything else."']


def test_uncued_quotation_after_a_quotation_still_goes_on() -> None:
    text = '"The road is closed," the mayor said. "It will stay closed all winter."'
    quotes = [q for q in run(text) if q.kind != "scare"]
    assert len(quotes) == 1
    assert len(quotes[0].content) == 2


def test_coordinated_clause_with_its_own_subject_and_cue() -> None:
    quotes = run(
        "The minister said the port was ready for any inspection, "
        "and shipping analysts expect weeks of delays."
    )
    assert [(cue(q), speaker(q), texts(q)) for q in quotes] == [
        ("said", "The minister", ["the port was ready for any inspection"]),
        ("expect", "shipping analysts", ["weeks of delays."]),
    ]


def test_coordinated_clause_after_a_non_speech_cue() -> None:
    quotes = run(
        "Dairy farmers condemned the quota, and officials in Lyon said the rules would change."
    )
    assert [(cue(q), speaker(q)) for q in quotes] == [
        ("condemned", "Dairy farmers"),
        ("said", "officials in Lyon"),
    ]
    assert texts(quotes[0]) == ["the quota"]


def test_main_clause_before_a_participle_is_reported_speech_too() -> None:
    quotes = run(
        'The minister praised the new ferry schedule, calling it "a gift to every commuter."'
    )
    assert [(q.kind, cue(q), speaker(q)) for q in quotes] == [
        ("indirect", "praised", "The minister"),
        ("mixed", "calling", "The minister"),
    ]
    assert texts(quotes[0]) == ["the new ferry schedule"]


def test_pronoun_right_before_the_cue_is_the_speaker() -> None:
    q = one("Maria Lind toured the plant in May. Later she said the line would close.")
    assert speaker(q) == "she"


def test_object_pronoun_after_told_is_the_addressee() -> None:
    q = one("Ruth Olsen told me she had never seen the river so high.")
    assert cue(q) == "told"
    assert texts(q) == ["she had never seen the river so high."]


def test_time_word_after_a_cue_is_no_particle() -> None:
    q = one("The senator apologized on Monday for the remark.")
    assert cue(q) == "apologized"


def test_object_of_a_non_speech_cue_ends_at_a_subordinator() -> None:
    q = one("The council opposed the tunnel because it cost too much.")
    assert cue(q) == "opposed"
    assert texts(q) == ["the tunnel"]


def test_object_of_a_non_speech_cue_ends_before_a_second_verb() -> None:
    q = one("The union endorsed the mayor and recruited volunteers for her campaign.")
    assert cue(q) == "endorsed"
    assert texts(q) == ["the mayor"]


def test_long_post_posed_subject_before_a_time_adjunct() -> None:
    q = one(
        "Two climbers were rescued from the ridge overnight, "
        "a spokesman for the regional mountain rescue service said Thursday."
    )
    assert cue(q) == "said"
    assert texts(q) == ["Two climbers were rescued from the ridge overnight"]
    assert speaker(q) == "a spokesman for the regional mountain rescue service"


def test_told_after_a_comma_is_not_followed_by_its_speaker() -> None:
    q = one("The ferry will not run, the harbour master told reporters.")
    assert speaker(q) == "the harbour master"
    assert texts(q) == ["The ferry will not run"]


def test_parenthetical_attribution_splits_the_content() -> None:
    q = one("The new bridge, she said on Monday, will open before the winter.")
    assert (cue(q), speaker(q)) == ("said", "she")
    assert texts(q) == ["The new bridge", "will open before the winter."]


def test_parenthetical_inverted_attribution() -> None:
    q = one("The harbour, said Jonas Berg, will stay closed.")
    assert speaker(q) == "Jonas Berg"
    assert texts(q) == ["The harbour", "will stay closed."]


def test_parenthetical_according_to() -> None:
    q = one("Such a merger, according to two bankers, could close by March.")
    assert cue(q) == "according to" and speaker(q) == "two bankers"
    assert texts(q) == ["Such a merger", "could close by March."]


def test_second_verb_of_the_same_subject_is_a_new_attribution() -> None:
    quotes = run('The mayor called the plan "a mess" and said it would be scrapped by June.')
    assert [(cue(q), speaker(q)) for q in quotes] == [
        ("called", "The mayor"),
        ("said", "The mayor"),
    ]
    assert texts(quotes[0]) == ['the plan "a mess"']
    assert texts(quotes[1]) == ["it would be scrapped by June."]


def test_participle_after_a_comma_skips_an_adjunct_before_that() -> None:
    quotes = run("The lawyers filed a motion, saying in court papers that the search was unlawful.")
    saying = [q for q in quotes if cue(q) == "saying"]
    assert len(saying) == 1
    assert texts(saying[0]) == ["that the search was unlawful."]


def test_speech_noun_is_no_verb_cue() -> None:
    assert run("The governor's statement on Friday ran to four pages.") == []
    assert run("Her latest tweet about the strike was deleted within an hour.") == []


def test_prepositional_phrase_after_a_quotation_is_no_subject() -> None:
    quotes = run(
        'Lund said she was "pleased" with the new timetable, but warned that costs would rise.'
    )
    assert not any(speaker(q) and speaker(q).startswith("with") for q in quotes)
    said = [q for q in quotes if cue(q) == "said"]
    assert len(said) == 1 and speaker(said[0]) == "Lund"


def test_participle_after_a_quotation_is_no_inverted_source() -> None:
    quotes = run(
        'The mayor said the town still had "a long way to go," '
        "noting weak tourism figures in spring and summer."
    )
    assert not any(cue(q) == "noting" and speaker(q) != "The mayor" for q in quotes)
    said = [q for q in quotes if cue(q) == "said"]
    assert len(said) == 1
    assert texts(said[0])[0].startswith('the town still had "a long way to go,"')


def test_no_speaker_ends_with_the_full_stop() -> None:
    q = one("The ferry was late again on Monday, according to the harbour office.")
    assert speaker(q) == "the harbour office"
    q = one("The plan was rejected by the regional council.")
    assert speaker(q) == "the regional council"


def test_addressee_alone_is_no_content() -> None:
    q = one("The pilot was calm, a passenger told the local radio.")
    assert cue(q) == "told"
    assert texts(q) == ["The pilot was calm"]
    assert run("Later that day the coach told reporters.") == []


def test_passive_without_by_names_no_source() -> None:
    q = one("The senator was asked about the pipeline during the hearing.")
    assert cue(q) == "asked about"
    assert q.speaker is None and q.source_type == "unattributed"
    assert texts(q) == ["the pipeline during the hearing."]


def test_participle_subject_after_an_opening_phrase() -> None:
    quotes = run("In a short statement, the union rejected the offer, saying it was far too low.")
    saying = [q for q in quotes if cue(q) == "saying"]
    assert len(saying) == 1
    assert speaker(saying[0]) == "the union"
