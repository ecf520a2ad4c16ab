"""Word lists the structure engine relies on: section labels and abbreviations.

Hand-written from general knowledge of news layouts and English usage; no corpus
text was copied. Labels are compared after :func:`labels.normalise_label`
(lower case, punctuation and emoji reduced to single spaces).
"""

from __future__ import annotations

__all__ = [
    "BOILERPLATE_LABELS",
    "KEY_FACTS_LABELS",
    "MAY_END_ABBREVIATIONS",
    "NEVER_END_ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "SUMMARY_LABELS",
]

#: Headings of a bullet list of the story's main facts.
KEY_FACTS_LABELS: frozenset[str] = frozenset(
    {
        "key facts",
        "key points",
        "key takeaways",
        "takeaways",
        "main takeaways",
        "highlights",
        "story highlights",
        "key highlights",
        "at a glance",
        "in brief",
        "fast facts",
        "quick facts",
        "the facts",
        "key findings",
        "main points",
        "key details",
        "what we know",
        "what you need to know",
        "need to know",
        "the essentials",
        "essentials",
        "bullet points",
    }
)

#: Headings of a short prose summary of the story.
SUMMARY_LABELS: frozenset[str] = frozenset(
    {
        "summary",
        "quick summary",
        "short summary",
        "brief summary",
        "executive summary",
        "article summary",
        "story summary",
        "news summary",
        "tl;dr",
        "tl dr",
        "tldr",
        "overview",
        "in short",
        "in summary",
        "the short version",
        "synopsis",
        "abstract",
        "the bottom line",
        "bottom line",
        "recap",
        "the gist",
    }
)

#: Standalone lines that are page furniture, not headings or prose.
BOILERPLATE_LABELS: frozenset[str] = frozenset(
    {
        "advertisement",
        "advertisements",
        "story continues below advertisement",
        "continue reading",
        "continue reading below",
        "read more",
        "share this article",
        "share",
        "click here",
        "related",
        "see also",
        "watch",
        "photo",
        "video",
    }
)

#: Abbreviations (without their final full stop, case as written) after which
#: a full stop never ends a sentence: titles before a name, months and other
#: words before a number or a name. "No" counts only before a digit.
NEVER_END_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # personal and professional titles
        "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Gen", "Gov", "Sen",
        "Rep", "Reps", "Sens", "Lt", "Col", "Capt", "Cmdr", "Adm", "Maj", "Sgt",
        "Cpl", "Pvt", "Brig", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Amb",
        "Atty", "Gens", "Fr", "Msgr", "St", "Mt", "Ft", "Sra", "Mme", "Mlle",
        # months (AP style) and weekdays that are not also words
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
        "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
        # words before a number or a name
        "No", "Nos", "Vol", "Vols", "vol", "p", "pp", "Ch", "ch", "Art", "Sec", "Fig",
        "fig", "Figs", "op", "vs", "v", "e.g", "i.e", "cf", "viz", "approx", "Approx",
        "ca", "est", "Dept", "dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Hwy",
    }
)  # fmt: skip

#: Abbreviations that usually sit mid-sentence but may end one: a full stop
#: after them ends the sentence only when a usual sentence starter follows.
#: Dotted acronyms ("U.S", "D.C", "Ph.D") are treated the same way by pattern.
MAY_END_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "Inc", "Corp", "Co", "Cos", "Ltd", "Llc", "Jr", "Sr", "Bros", "Plc", "etc", "al",
        "a.m", "p.m",
        # US state abbreviations (AP style); "Miss" and "Ill" need the full stop
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind",
        "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont",
        "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash",
        "Wis", "Wyo",
    }
)  # fmt: skip

#: Words (lower-cased) that usually begin a sentence; after a "may end"
#: abbreviation they signal that the full stop does end the sentence.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    {
        "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "this", "that",
        "these", "those", "there", "but", "and", "so", "yet", "or", "if", "when",
        "while", "after", "before", "since", "his", "her", "its", "their", "our", "my",
        "some", "many", "most", "all", "not", "what", "why", "how", "who", "where",
        "meanwhile", "however", "still", "also", "now", "then", "for", "it's",
        "it\u2019s", "he's", "she's", "there's", "that's",
    }
)  # fmt: skip
