"""Cue words: polar verbs, cooperation/conflict language, hedges, negation.

Hand-written, general English news vocabulary (no corpus text). Words are
lowercased surface forms; multi-word cues are tuples of tokens. Scores are
prior polarities in [-1, 1].
"""

from __future__ import annotations

from functools import cache

__all__ = [
    "CONTRAST",
    "HEDGES",
    "HEDGE_PHRASES",
    "NEGATORS",
    "POLAR_PHRASES",
    "polar_table",
    "polar_word",
    "relation_table",
    "relation_word",
    "verb_polarity",
    "verb_table",
]


def _split(words: str) -> list[str]:
    return words.split()


# Verbs (and their inflections) with which a holder acts for or against a target.
_POSITIVE_VERBS = _split("""
praise praised praises praising hail hailed hails hailing laud lauded lauds
back backed backs backing welcome welcomed welcomes welcoming endorse endorsed
endorses endorsing support supported supports supporting applaud applauded applauds
commend commended commends thank thanked thanks congratulate congratulated
congratulates defend defended defends defending champion championed
highlight highlighted highlights highlighting embrace embraced embraces
celebrate celebrated celebrates honor honored honour honoured honours admire admired
admires salute saluted salutes elevate elevated elevating elevates favor favored
favour favoured favoring favouring favors favours ally allied aid aided aiding
help helped helps helping assist assisted trust trusted trusts prioritize
prioritized prioritise prioritised prioritizing prioritising reward rewarded
""")

_NEGATIVE_VERBS = _split("""
criticize criticized criticizes criticizing criticise criticised criticises
criticising condemn condemned condemns condemning accuse accused accuses accusing
sanction sanctioned sanctions sanctioning snub snubbed snubs snubbing denounce
denounced denounces denouncing blame blamed blames blaming attack attacked attacks
attacking slam slammed slams slamming reject rejected rejects rejecting rebuke
rebuked rebukes threaten threatened threatens threatening oppose opposed opposes
opposing warn warned warns warning mock mocked mocks mocking ridicule ridiculed
ignore ignored ignores ignoring dismiss dismissed dismisses dismissing belittle
belittled downplay downplayed downplays downplaying sideline sidelined sidelines
blast blasted blasts lambast lambasted decry decried decries scold scolded
insult insulted insults punish punished punishes invade invaded invades
bomb bombed bombs shun shunned shuns expel expelled expels boycott boycotted
undermine undermined undermines undercut undercut deride derided chide chided
censure censured disparage disparaged vilify vilified demonize demonized
""")

#: Multi-word polar cues: tokens -> prior polarity.
POLAR_PHRASES: dict[tuple[str, ...], float] = {
    ("played", "down"): -0.8,
    ("play", "down"): -0.8,
    ("plays", "down"): -0.8,
    ("playing", "down"): -0.8,
    ("lashed", "out"): -0.8,
    ("lash", "out"): -0.8,
    ("cracked", "down"): -0.7,
    ("crack", "down"): -0.7,
    ("stood", "by"): 0.7,
    ("stand", "by"): 0.7,
    ("sided", "with"): 0.7,
    ("side", "with"): 0.7,
    ("cozied", "up"): 0.6,
    ("reached", "out"): 0.5,
    ("cut", "ties"): -0.8,
    ("pushed", "back"): -0.5,
}

# Nouns and adjectives of cooperation and conflict between actors, in the
# spirit of event-coding schemes for international news (CAMEO, PLOVER).
_COOPERATION = _split("""
alliance alliances ally allies ties tie cooperation co-operation cooperate
cooperated cooperating partnership partnerships partner partners friendship
solidarity collaboration collaborate collaborated agreement agreements accord
pact pacts treaty treaties support aid assistance rapprochement axis bloc
alignment unity friendly warm warmer warmest closer invincible deepening
deepen deepened strengthen strengthened strengthening
""")

_CONFLICT = _split("""
sanctions sanction sanctioned tensions tension threats threat hostility
hostilities conflict conflicts war wars rivalry rival rivals dispute disputes
confrontation confrontations clash clashes feud feuds row rift rifts enmity
isolation embargo aggression provocation provocations pressure adversary
adversaries enemy enemies hostile strained frosty cold sour soured snub
""")

# General prior polarity of words, for a sentence's or a quote's tone.
_POSITIVE_WORDS = _split("""
good great best better excellent success successful win wins won victory
strong strength strengths hope hopeful peace peaceful safe secure progress
benefit benefits positive popular praise brave hero heroic heroes honest
important effective respected respect trusted reliable fair proud pride
remarkable historic landmark boost boosted improve improved improving gain
gains prosperity prosperous stable stability achievement achievements
valuable wise smart leadership leader inspiring landmark admired
""")

_NEGATIVE_WORDS = _split("""
bad worse worst fail failed failure failures crisis corrupt corruption scandal
lie lies lied liar false fraud illegal crime crimes criminal violent violence
threat danger dangerous attack attacks kill killed killing dead death deaths
abuse abused racist racism hate hatred terror terrorist terrorism weak
weakness chaos chaotic disaster disastrous poor wrong problem problems
controversial controversy anger angry outrage outraged fear feared protest
protests loss losses lost harm harmful damage damaged guilty charged indicted
investigation allegations alleged misconduct disgrace shameful incompetent
reckless dishonest extremist radical brutal brutality ruthless dictator
regime propaganda failing blame blamed condemned criticized criticised
""")

#: Words that flip the polarity of the next few tokens.
NEGATORS: frozenset[str] = frozenset(
    _split(
        "not no never n't nor neither without cannot didn't doesn't don't isn't "
        "wasn't weren't won't wouldn't hasn't haven't hadn't refused refuses failed "
        "fails declined avoid avoids avoided avoiding"
    )
)

#: Contrast markers: the clauses on either side carry opposite polarity.
CONTRAST: frozenset[str] = frozenset(
    _split("while whereas but although though however unlike contrast instead")
)

#: Modal and evidential cues that mark a claim as hedged.
HEDGES: frozenset[str] = frozenset(
    _split(
        "may might could appears appear appeared apparently suggests suggest "
        "suggested suggesting reportedly allegedly seemingly seems seem seemed "
        "possibly perhaps likely unlikely probably potential potentially "
        "signaling signalling implies imply indicates indicate"
    )
)

#: Multi-word hedges.
HEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("is", "believed", "to"),
    ("are", "believed", "to"),
    ("was", "believed", "to"),
    ("is", "thought", "to"),
    ("is", "said", "to"),
    ("is", "expected", "to"),
    ("is", "expected"),
    ("according", "to"),
)


@cache
def _verbs() -> dict[str, float]:
    table = dict.fromkeys(_POSITIVE_VERBS, 0.8)
    table.update(dict.fromkeys(_NEGATIVE_VERBS, -0.8))
    return table


@cache
def _relations() -> dict[str, float]:
    table = dict.fromkeys(_COOPERATION, 0.6)
    table.update(dict.fromkeys(_CONFLICT, -0.6))
    return table


@cache
def _words() -> dict[str, float]:
    table = dict.fromkeys(_POSITIVE_WORDS, 0.5)
    table.update(dict.fromkeys(_NEGATIVE_WORDS, -0.5))
    return table


def verb_table() -> dict[str, float]:
    """Return verb -> prior polarity (for loops that look up many words)."""
    return _verbs()


def relation_table() -> dict[str, float]:
    """Return cooperation/conflict word -> prior polarity."""
    return _relations()


def verb_polarity(word: str) -> float:
    """Return the prior polarity of a holder-to-target verb (0.0 if not polar)."""
    return _verbs().get(word, 0.0)


def relation_word(word: str) -> float:
    """Return +0.6 for cooperation words, -0.6 for conflict words, else 0.0."""
    return _relations().get(word, 0.0)


@cache
def polar_table() -> dict[str, float]:
    """Return word -> general prior polarity (verbs and relations included)."""
    table = dict(_relations())
    table.update(_verbs())
    table.update(_words())
    return table


def polar_word(word: str) -> float:
    """Return the general prior polarity of a word (verbs and relations included)."""
    return polar_table().get(word, 0.0)
