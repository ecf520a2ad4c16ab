"""A spaCy peer for the speed benchmarks: en_core_web_sm, or a pipeline of its architecture.

The issues compare our speed with spaCy's ``en_core_web_sm`` ``nlp.pipe`` measured in
the same run. When that model package is installed, :func:`load_peer` loads it. When
it is not (Explosion publishes it outside the registries this project can reach), it
builds a
pipeline with **the same architecture** from spaCy's own factories and initialises it
with random weights on one sentence of our own. spaCy's speed depends on the
architecture (layer widths, depths, hash-embedding rows, transition systems and their
label counts, the rule-based components), not on the values of the weights, so the
untrained peer costs what the model costs; its tags, parses and entities are
meaningless. The benchmarks say which peer they measured.

Where the architecture comes from: the ``config.cfg`` shipped in the
``en_core_web_sm-3.8.0`` model package (explosion/spacy-models releases; read from a
public copy of the unpacked package), and the label sets in its ``meta.json``
(explosion/spacy-models ``meta/en_core_web_sm-3.8.0.json``), the parser's
transition list in its ``parser/moves``. :data:`SM_SETTINGS` holds
the compared settings; :func:`check_architecture` compares any pipeline against them
(the real model too, when it is installed), and ``--compare PATH`` compares the
layers' dimensions, parameter counts and output classes with a real copy of sm and
times both step by step. Against an unpacked copy of the sm 3.8.0 package, all were
equal, and the untrained peer took 0.88-1.02x sm's CPU time per article (1.02x over
the 84 PolNeAR dev texts).

What the untrained peer leaves out or approximates, because the model's data files
are not available:

* ``attribute_ruler``: our own patterns of the same kinds as sm's (a tag map: tag ->
  POS and morphology; word + tag rules for pronouns and auxiliaries), about as many
  (its matcher's cost grows with the number of patterns); not sm's own table.
* ``lemmatizer`` (rule mode): spaCy's English tables from ``spacy-lookups-data`` when
  that package is installed; otherwise our own small suffix-rule table and empty
  exception and word-list tables (each is a dict look-up per token, cached).
* ``lexeme_norm`` (a lookups table sm initialises from spacy-lookups-data): NORM falls
  back to the lower-cased word; the cost of computing the hash features is the same.

The benchmarks run the peer in a process of its own (:class:`PeerProcess`), timed
alternately with ours (:func:`report`).

Usage (the helpers are used by ``bench_entities.py`` and ``bench_pipeline.py``)::

    .venv/bin/python benchmarks/spacy_peer.py [--limit N] [--runs R] [--spacy-model M]
    .venv/bin/python benchmarks/spacy_peer.py --limit 20 --compare PATH_OR_PACKAGE_OF_SM
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SM_NAME = "en_core_web_sm"
SM_VERSION = "3.8.0"
UNTRAINED = "untrained pipeline with en_core_web_sm's architecture"

#: The pipeline order of en_core_web_sm 3.8.0; ``senter`` is shipped disabled.
SM_PIPELINE = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")
SM_DISABLED = ("senter",)
#: sm's ``[nlp] batch_size``: ``nlp.pipe`` batches this many texts by default.
SM_BATCH_SIZE = 256


def _tok2vec(
    width: int, attrs: list[str], rows: list[int], depth: int, pieces: int
) -> dict[str, Any]:
    """A ``spacy.Tok2Vec.v2`` block: hash embeddings then a maxout window encoder."""
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": width,
            "attrs": attrs,
            "rows": rows,
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": width,
            "depth": depth,
            "window_size": 1,
            "maxout_pieces": pieces,
        },
    }


_LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}


def _parser_model(state_type: str, tok2vec: dict[str, Any]) -> dict[str, Any]:
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": state_type,
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": tok2vec,
    }


#: Each component's factory settings in en_core_web_sm 3.8.0's config.cfg (the model
#: parts; scorers and training settings left to spaCy's defaults, they cost nothing
#: at prediction time). The shared tok2vec feeds the tagger and parser through
#: listeners; ner and the (disabled) senter have tok2vecs of their own.
SM_COMPONENTS: dict[str, dict[str, Any]] = {
    "tok2vec": {
        "model": _tok2vec(
            96,
            ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"],
            [5000, 1000, 2500, 2500, 50, 50],
            depth=4,
            pieces=3,
        )
    },
    "tagger": {
        "model": {
            "@architectures": "spacy.Tagger.v2",
            "nO": None,
            "normalize": False,
            "tok2vec": dict(_LISTENER),
        }
    },
    "parser": {
        "learn_tokens": False,
        "min_action_freq": 30,
        "model": _parser_model("parser", dict(_LISTENER)),
    },
    "senter": {
        "model": {
            "@architectures": "spacy.Tagger.v2",
            "nO": None,
            "normalize": False,
            "tok2vec": _tok2vec(
                16,
                ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY"],
                [1000, 500, 500, 500, 50],
                depth=2,
                pieces=2,
            ),
        }
    },
    "attribute_ruler": {"validate": False},
    "lemmatizer": {"mode": "rule", "overwrite": False},
    "ner": {
        "model": _parser_model(
            "ner",
            _tok2vec(
                96,
                ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                [5000, 1000, 2500, 2500],
                depth=4,
                pieces=3,
            ),
        )
    },
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: Label sets of en_core_web_sm 3.8.0 (its meta.json): they fix the output widths.
SM_TAGS = _words(
    "$ '' , -LRB- -RRB- . : ADD AFX CC CD DT EX FW HYPH IN JJ JJR JJS LS MD NFP NN NNP NNPS "
    "NNS PDT POS PRP PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB XX _SP "
    "``"
)
SM_ENTS = _words(
    "CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON "
    "PRODUCT QUANTITY TIME WORK_OF_ART"
)


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}", item, out)
    else:
        out[prefix] = list(value) if isinstance(value, tuple | list) else value


def _sm_settings() -> dict[str, Any]:
    """``component.key.path -> value`` for every model setting in :data:`SM_COMPONENTS`."""
    out: dict[str, Any] = {}
    for name, config in SM_COMPONENTS.items():
        _flatten(name, config, out)
    return out


#: The settings :func:`check_architecture` compares (``"parser.model.hidden_width": 64``...).
SM_SETTINGS = _sm_settings()

# Penn Treebank tag -> universal POS and features: the tag map part of sm's
# attribute_ruler (which assigns token.pos and token.morph from the tagger's tags).
_TAG_MAP: dict[str, dict[str, str]] = {
    "$": {"POS": "SYM"},
    "''": {"POS": "PUNCT", "PunctType": "Quot", "PunctSide": "Fin"},
    ",": {"POS": "PUNCT", "PunctType": "Comm"},
    "-LRB-": {"POS": "PUNCT", "PunctType": "Brck", "PunctSide": "Ini"},
    "-RRB-": {"POS": "PUNCT", "PunctType": "Brck", "PunctSide": "Fin"},
    ".": {"POS": "PUNCT", "PunctType": "Peri"},
    ":": {"POS": "PUNCT"},
    "ADD": {"POS": "X"},
    "AFX": {"POS": "ADJ", "Hyph": "Yes"},
    "CC": {"POS": "CCONJ", "ConjType": "Cmp"},
    "CD": {"POS": "NUM", "NumType": "Card"},
    "DT": {"POS": "DET"},
    "EX": {"POS": "PRON"},
    "FW": {"POS": "X", "Foreign": "Yes"},
    "HYPH": {"POS": "PUNCT", "PunctType": "Dash"},
    "IN": {"POS": "ADP"},
    "JJ": {"POS": "ADJ", "Degree": "Pos"},
    "JJR": {"POS": "ADJ", "Degree": "Cmp"},
    "JJS": {"POS": "ADJ", "Degree": "Sup"},
    "LS": {"POS": "X", "NumType": "Ord"},
    "MD": {"POS": "AUX", "VerbType": "Mod"},
    "NFP": {"POS": "PUNCT"},
    "NN": {"POS": "NOUN", "Number": "Sing"},
    "NNP": {"POS": "PROPN", "Number": "Sing"},
    "NNPS": {"POS": "PROPN", "Number": "Plur"},
    "NNS": {"POS": "NOUN", "Number": "Plur"},
    "PDT": {"POS": "DET"},
    "POS": {"POS": "PART", "Poss": "Yes"},
    "PRP": {"POS": "PRON", "PronType": "Prs"},
    "PRP$": {"POS": "PRON", "PronType": "Prs", "Poss": "Yes"},
    "RB": {"POS": "ADV", "Degree": "Pos"},
    "RBR": {"POS": "ADV", "Degree": "Cmp"},
    "RBS": {"POS": "ADV", "Degree": "Sup"},
    "RP": {"POS": "ADP"},
    "SYM": {"POS": "SYM"},
    "TO": {"POS": "PART"},
    "UH": {"POS": "INTJ"},
    "VB": {"POS": "VERB", "VerbForm": "Inf"},
    "VBD": {"POS": "VERB", "VerbForm": "Fin", "Tense": "Past"},
    "VBG": {"POS": "VERB", "VerbForm": "Part", "Tense": "Pres", "Aspect": "Prog"},
    "VBN": {"POS": "VERB", "VerbForm": "Part", "Tense": "Past", "Aspect": "Perf"},
    "VBP": {"POS": "VERB", "VerbForm": "Fin", "Tense": "Pres"},
    "VBZ": {"POS": "VERB", "VerbForm": "Fin", "Tense": "Pres", "Number": "Sing", "Person": "3"},
    "WDT": {"POS": "PRON"},
    "WP": {"POS": "PRON"},
    "WP$": {"POS": "PRON", "Poss": "Yes"},
    "WRB": {"POS": "ADV"},
    "XX": {"POS": "X"},
    "_SP": {"POS": "SPACE"},
    "``": {"POS": "PUNCT", "PunctType": "Quot", "PunctSide": "Ini"},
}

# Word-specific morphology (the other part of sm's attribute_ruler, which matches
# word + tag): personal pronouns and the forms of be / have / do. Written here; sm's
# table is larger (179 patterns in all, 93 of them word + tag).
_PRONOUNS = {
    "i": "Case=Nom|Number=Sing|Person=1",
    "me": "Case=Acc|Number=Sing|Person=1",
    "you": "Person=2",
    "he": "Case=Nom|Gender=Masc|Number=Sing|Person=3",
    "him": "Case=Acc|Gender=Masc|Number=Sing|Person=3",
    "she": "Case=Nom|Gender=Fem|Number=Sing|Person=3",
    "her": "Case=Acc|Gender=Fem|Number=Sing|Person=3",
    "it": "Gender=Neut|Number=Sing|Person=3",
    "we": "Case=Nom|Number=Plur|Person=1",
    "us": "Case=Acc|Number=Plur|Person=1",
    "they": "Case=Nom|Number=Plur|Person=3",
    "them": "Case=Acc|Number=Plur|Person=3",
    "myself": "Number=Sing|Person=1|Reflex=Yes",
    "yourself": "Number=Sing|Person=2|Reflex=Yes",
    "himself": "Gender=Masc|Number=Sing|Person=3|Reflex=Yes",
    "herself": "Gender=Fem|Number=Sing|Person=3|Reflex=Yes",
    "itself": "Gender=Neut|Number=Sing|Person=3|Reflex=Yes",
    "ourselves": "Number=Plur|Person=1|Reflex=Yes",
    "yourselves": "Number=Plur|Person=2|Reflex=Yes",
    "themselves": "Number=Plur|Person=3|Reflex=Yes",
    "mine": "Number=Sing|Person=1|Poss=Yes",
    "yours": "Person=2|Poss=Yes",
    "hers": "Gender=Fem|Number=Sing|Person=3|Poss=Yes",
    "ours": "Number=Plur|Person=1|Poss=Yes",
    "theirs": "Number=Plur|Person=3|Poss=Yes",
}
_POSSESSIVES = {
    "my": "Number=Sing|Person=1",
    "your": "Person=2",
    "his": "Gender=Masc|Number=Sing|Person=3",
    "her": "Gender=Fem|Number=Sing|Person=3",
    "its": "Gender=Neut|Number=Sing|Person=3",
    "our": "Number=Plur|Person=1",
    "their": "Number=Plur|Person=3",
}
_AUXILIARIES = {
    "VBP": "am are 're 'm have 've do",
    "VBZ": "is 's has does",
    "VBD": "was were had 'd did",
    "VB": "be have do",
    "VBN": "been had done",
    "VBG": "being having doing",
    "MD": "will 'll would 'd can could shall should may might must",
}


def _word_patterns() -> list[tuple[list[dict[str, str]], dict[str, str]]]:
    """Matcher patterns (word + tag) and the POS / morphology they assign."""
    out = [
        ([{"LOWER": word, "TAG": "PRP"}], {"POS": "PRON", "MORPH": f"PronType=Prs|{feats}"})
        for word, feats in _PRONOUNS.items()
    ]
    out += [
        (
            [{"LOWER": word, "TAG": "PRP$"}],
            {"POS": "PRON", "MORPH": f"Poss=Yes|PronType=Prs|{feats}"},
        )
        for word, feats in _POSSESSIVES.items()
    ]
    for tag, words in _AUXILIARIES.items():
        for word in words.split():
            pos = "AUX"
            out.append(([{"LOWER": word, "TAG": tag}], {"POS": pos}))
            out.append(([{"LOWER": word, "TAG": tag, "DEP": "ROOT"}], {"POS": "VERB"}))
    out += [
        ([{"LOWER": word, "TAG": "RB"}], {"POS": "PART", "MORPH": "Polarity=Neg"})
        for word in ("not", "n't", "nt", "never")
    ]
    return out


# English inflection suffixes (the classic noun/verb/adjective detachment rules), used
# by the rule lemmatizer only when spacy-lookups-data's tables are not installed.
_LEMMA_RULES = {
    "noun": [
        ["s", ""], ["ses", "s"], ["ves", "f"], ["xes", "x"], ["zes", "z"],
        ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"],
    ],
    "verb": [
        ["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""],
        ["ing", "e"], ["ing", ""],
    ],
    "adj": [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]],
    "punct": [["\u201c", '"'], ["\u201d", '"'], ["\u2018", "'"], ["\u2019", "'"]],
}  # fmt: skip

# One sentence of our own, annotated, so that every component sees its label set and
# thinc can infer the layers' shapes; the label sets themselves are added in full.
_INIT_WORDS = ["Anna", "Berg", "visited", "Oslo", "on", "Monday", "."]
_INIT_ANNOTATION: dict[str, Any] = {
    "words": _INIT_WORDS,
    "tags": ["NNP", "NNP", "VBD", "NNP", "IN", "NNP", "."],
    "heads": [1, 2, 2, 2, 2, 4, 2],
    "deps": ["compound", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
    "entities": ["B-PERSON", "L-PERSON", "O", "U-GPE", "O", "U-DATE", "O"],
}


@dataclass
class Peer:
    """A spaCy pipeline to time, and what it is.

    Attributes:
        nlp: The ``spacy.Language`` object.
        name: ``"en_core_web_sm"`` or :data:`UNTRAINED`.
        trained: Whether its weights are the model's (so its output means something).
        notes: What the untrained peer leaves out or approximates (empty for sm).
    """

    nlp: Any
    name: str
    trained: bool
    notes: tuple[str, ...] = ()

    def pipe(self, texts: Iterable[str]) -> list[Any]:
        """Run ``nlp.pipe`` over ``texts`` (the call the issues time)."""
        return list(self.nlp.pipe(texts))

    def describe(self) -> list[str]:
        """Lines naming the peer, its components with their widths, and its omissions."""
        label = f"{self.name} {self.nlp.meta.get('version', '')}".strip()
        if not self.trained:
            label = (
                f"{self.name} (spaCy {_spacy_version()}): speed only, its entities are meaningless"
            )
        lines = [f"spaCy peer: {label}"]
        for name in self.nlp.component_names:
            off = " (disabled, as sm ships it)" if name in self.nlp.disabled else ""
            lines.append(f"  {name}{off}: {component_summary(self.nlp, name)}")
        mismatches = check_architecture(self.nlp)
        compared = len(SM_SETTINGS)
        if mismatches:
            lines.append(f"  architecture differs from {SM_NAME} {SM_VERSION}'s config.cfg in:")
            lines.extend(f"    {m}" for m in mismatches)
        else:
            lines.append(
                f"  architecture: the {compared} model settings compared match {SM_NAME} "
                f"{SM_VERSION}'s config.cfg"
            )
        lines.extend(f"  note: {n}" for n in self.notes)
        return lines


def _spacy_version() -> str:
    import spacy  # type: ignore[import-not-found, unused-ignore]

    return str(spacy.__version__)  # type: ignore[attr-defined]


def component_summary(nlp: Any, name: str) -> str:
    """One line of a component's architecture: tok2vec sizes, hidden widths, outputs."""
    config = nlp.config.interpolate()["components"][name]
    model = config.get("model") or {}
    parts = [f"factory {config.get('factory', name)}"]
    tok2vec = model.get("tok2vec", model if "embed" in model else None)
    if tok2vec is not None:
        if "upstream" in tok2vec:
            parts.append(f"listens to {tok2vec['upstream']} (width {tok2vec['width']})")
        else:
            embed, encode = tok2vec["embed"], tok2vec["encode"]
            parts.append(
                f"tok2vec width {encode['width']} depth {encode['depth']} window "
                f"{encode['window_size']} maxout {encode['maxout_pieces']}, embed "
                + " ".join(f"{a}:{r}" for a, r in zip(embed["attrs"], embed["rows"], strict=True))
            )
    if "hidden_width" in model:
        parts.append(f"hidden width {model['hidden_width']} maxout {model['maxout_pieces']}")
    pipe = nlp.get_pipe(name)
    if hasattr(pipe, "labels") and name in ("tagger", "parser", "ner"):
        width = _output_width(pipe)
        parts.append(f"{len(pipe.labels)} labels" + (f", {width} outputs" if width else ""))
    if name == "attribute_ruler":
        parts.append(f"{len(pipe.patterns)} patterns")
    if name == "lemmatizer":
        parts.append(f"mode {pipe.mode}, tables {', '.join(pipe.lookups.tables) or 'none'}")
    return "; ".join(parts)


def _output_width(pipe: Any) -> int:
    """The number of classes (tags or transitions) the component's output layer scores."""
    moves = getattr(pipe, "moves", None)
    if moves is not None:
        return int(moves.n_moves)
    try:
        return int(pipe.model.get_dim("nO"))
    except ValueError:
        return 0


def check_architecture(nlp: Any) -> list[str]:
    """Compare a pipeline's component settings with en_core_web_sm 3.8.0's.

    Args:
        nlp: A ``spacy.Language``.

    Returns:
        One line per difference (empty when every setting of :data:`SM_SETTINGS` and
        the pipeline order match).
    """
    found: dict[str, Any] = {}
    components = nlp.config.interpolate()["components"]
    for name in SM_COMPONENTS:
        if name in components:
            _flatten(name, _plain(components[name]), found)
    out = [
        f"{key}: {found.get(key, 'absent')!r}, sm has {want!r}"
        for key, want in SM_SETTINGS.items()
        if found.get(key, "absent") != want
    ]
    if tuple(nlp.component_names) != SM_PIPELINE:
        out.append(f"pipeline {nlp.component_names}, sm has {list(SM_PIPELINE)}")
    if tuple(nlp.disabled) != SM_DISABLED:
        out.append(f"disabled {nlp.disabled}, sm has {list(SM_DISABLED)}")
    return out


def _plain(value: Any) -> Any:
    """A config section as plain dicts and lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _lemma_lookups(spacy: Any) -> tuple[Any, str]:
    """spacy-lookups-data's English tables when installed, else our small rule table."""
    from spacy.lookups import Lookups, load_lookups  # type: ignore[import-not-found, unused-ignore]

    try:
        lookups = load_lookups("en", ["lemma_rules", "lemma_index", "lemma_exc"])
    except (ValueError, ImportError):
        lookups = Lookups()
        lookups.add_table("lemma_rules", _LEMMA_RULES)
        lookups.add_table("lemma_index", {pos: {} for pos in _LEMMA_RULES})
        lookups.add_table("lemma_exc", {pos: {} for pos in _LEMMA_RULES})
        return lookups, (
            "lemmatizer: our own suffix rules, empty exception and word-list tables "
            "(spacy-lookups-data is not installed)"
        )
    return lookups, "lemmatizer: spaCy's English tables from spacy-lookups-data"


#: The parser's labelled transitions in en_core_web_sm 3.8.0 (its ``parser/moves``):
#: arc labels kept by ``min_action_freq = 30``, with the pseudo-projective ``a||b``
#: labels; 2 + 47 + 56 + 1 = 106 transitions.
SM_LEFT_ARCS = _words(
    "det nsubj compound amod aux punct advmod poss mark nummod auxpass prep nsubjpass neg cc "
    "nmod advcl npadvmod quantmod intj ccomp dobj expl dep predet parataxis csubj preconj "
    "pobj||prep attr meta advmod||conj dobj||xcomp acomp nsubj||ccomp dative advmod||xcomp "
    "dobj||ccomp csubjpass dobj||conj prep||conj acl prep||nsubj prep||dobj xcomp "
    "advmod||ccomp oprd"
)
SM_RIGHT_ARCS = _words(
    "punct pobj prep dobj conj cc ccomp advmod xcomp relcl advcl attr acomp appos case acl "
    "pcomp dep npadvmod prt agent dative nsubj neg amod intj nummod oprd parataxis quantmod "
    "nmod acl||dobj prep||dobj prep||nsubj acl||nsubj appos||nsubj relcl||dobj relcl||nsubj "
    "aux expl meta appos||dobj preconj csubj prep||nsubjpass prep||advmod prep||acomp det "
    "nsubjpass relcl||pobj acl||nsubjpass mark auxpass prep||pobj relcl||nsubjpass "
    "appos||nsubjpass"
)


def _parser_actions() -> dict[int, dict[str, int]]:
    """sm's arc-eager transitions: ``{action id: {label: frequency}}``.

    SHIFT (0) and REDUCE (1) are unlabelled, LEFT (2) and RIGHT (3) take the arc
    labels, BREAK (4) takes ROOT, as ``ArcEager.get_actions`` builds them.
    """
    return {
        0: {"": 1000},
        1: {"": 1000},
        2: dict.fromkeys(SM_LEFT_ARCS, 1000),
        3: dict.fromkeys(SM_RIGHT_ARCS, 1000),
        4: {"ROOT": 1000},
    }


def _randomise_zero_layers(nlp: Any, seed: int) -> list[str]:
    """Give random weights to the output layers that spaCy initialises at zero.

    The tagger's softmax and the parser's and ner's output layers start at zero (a
    classification layer learns from there), so untrained they score every class
    alike and always take the first: one tag for every token, the same transition
    at every step. Random values make their choices vary from token to token as a
    trained model's do, so the downstream work (ruler matches, lemmatizer paths,
    parse shapes, entity spans) is of the usual kinds.

    Returns:
        The layers changed, as ``component/layer``.
    """
    import numpy

    rng = numpy.random.default_rng(seed)
    changed = []
    for name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or model is True:
            continue
        for node in model.walk():
            if not node.has_param("W") or node.get_param("W").any():
                continue
            weights = node.get_param("W")
            scale = 1.0 / max(weights.shape[-1], 1) ** 0.5
            node.set_param("W", node.ops.asarray(rng.normal(0.0, scale, weights.shape), dtype="f"))
            changed.append(f"{name}/{node.name}")
    return changed


#: Output-layer biases of the untrained peer: ner's "O" (outside any entity) and the
#: parser's "B-ROOT" (sentence break), set on 5 PolNeAR dev texts where they gave as
#: many sentences as sm and 19% of tokens in entities (sm 18%); over all 84 dev texts
#: 23% against sm's 14%, and 1,374 sentences against 3,193 (measured with
#: ``--compare``). Without them 97% of tokens fell in entities.
_OUTPUT_BIASES = {"ner": ("O", 4.5), "parser": ("B-ROOT", -0.8)}


def _bias_outputs(nlp: Any) -> None:
    for name, (move, bias) in _OUTPUT_BIASES.items():
        proc = nlp.get_pipe(name)
        upper = proc.model.get_ref("upper")
        b = upper.get_param("b").copy()
        b[[proc.moves.get_class_name(i) for i in range(proc.moves.n_moves)].index(move)] = bias
        upper.set_param("b", b)


def build_untrained(seed: int = 0) -> Peer:
    """Build and initialise a pipeline with en_core_web_sm's architecture, random weights.

    Args:
        seed: Seed of the weight initialisation (the speed does not depend on it).

    Returns:
        The peer, ``trained=False``.
    """
    import spacy
    from spacy.training import Example  # type: ignore[import-not-found, unused-ignore]

    spacy.util.fix_random_seed(seed)  # type: ignore[attr-defined]
    nlp: Any = spacy.blank("en")  # Any: get_pipe() is typed as a bare callable
    nlp.batch_size = SM_BATCH_SIZE
    for name in SM_PIPELINE:
        if name != "lemmatizer":  # added after initialisation, with its tables
            nlp.add_pipe(name, config=SM_COMPONENTS[name])
    for name, labels in (("tagger", SM_TAGS), ("ner", SM_ENTS)):
        pipe = nlp.get_pipe(name)
        for label in labels:
            pipe.add_label(label)
    # The parser's transitions as spaCy's arc-eager system collects them from a
    # treebank (Parser.add_label would also pair every label with SHIFT and REDUCE).
    # Parser.initialize keeps the actions already there and adds those seen in the
    # example (a config entry cannot hold the unlabelled actions' empty label).
    nlp.get_pipe("parser").moves.initialize_actions(_parser_actions())
    words = _INIT_ANNOTATION["words"]
    doc = spacy.tokens.Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 2) + [False] * 2)
    example = Example.from_dict(doc, _INIT_ANNOTATION)
    nlp.initialize(lambda: [example])
    # after initialize(), which clears the ruler's patterns
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.load_from_tag_map(_TAG_MAP)
    for pattern, attrs in _word_patterns():
        ruler.add([pattern], attrs)
    randomised = _randomise_zero_layers(nlp, seed)
    _bias_outputs(nlp)
    lookups, lemma_note = _lemma_lookups(spacy)
    lemmatizer = nlp.add_pipe(
        "lemmatizer", after="attribute_ruler", config=SM_COMPONENTS["lemmatizer"]
    )
    lemmatizer.initialize(lookups=lookups)
    nlp.disable_pipe("senter")
    notes = (
        "weights are random (initialised on one sentence of our own): the same computation "
        "as the trained model, meaningless output",
        f"output layers spaCy starts at zero given random weights too ({', '.join(randomised)}),"
        " and biases on ner's O and the parser's sentence break bring the share of tokens in "
        "entities and the number of sentences nearer sm's (84 dev texts: 23% against 14%, "
        "1,374 sentences against 3,193)",
        f"attribute_ruler: {len(ruler.patterns)} patterns of our own (a tag map, "
        "pronoun and auxiliary forms); sm has 179 of the same kinds",
        lemma_note,
        "lexeme_norm table absent: NORM is the lower-cased word (same hashing cost)",
    )
    return Peer(nlp=nlp, name=UNTRAINED, trained=False, notes=notes)


def load_peer(model: str = SM_NAME) -> Peer | str:
    """The spaCy peer: ``model`` when installed, else the untrained architecture copy.

    Args:
        model: The spaCy package to load when it is installed.

    Returns:
        The peer, or a sentence saying why there is none (spaCy is not installed).
    """
    try:
        import spacy
    except ImportError:
        return "spaCy is not installed (pip install 'newsparse[spacy]'): no spaCy peer"
    try:
        nlp = spacy.load(model)
    except OSError:
        return build_untrained()
    return Peer(nlp=nlp, name=model, trained=True)


def cpu_ms_per_text(
    fn: Callable[[Sequence[str]], object], texts: Sequence[str], runs: int
) -> list[float]:
    """CPU milliseconds per text of ``fn(texts)``, one figure per run."""
    out = []
    for _ in range(runs):
        started = time.process_time()
        fn(texts)
        out.append((time.process_time() - started) * 1000 / max(len(texts), 1))
    return out


def time_peer(peer: Peer, texts: Sequence[str], runs: int) -> float:
    """Median over ``runs`` of the peer's CPU ms per text for ``nlp.pipe(texts)``."""
    peer.pipe(texts[:2])  # first-call costs (lazy tables, allocations) before timing
    return statistics.median(cpu_ms_per_text(peer.pipe, texts, runs))


class PeerProcess:
    """The spaCy peer in a process of its own, timed on request.

    spaCy's ~75k Python objects would make every full garbage collection of ours
    slower (about 0.1 s more each, one or two per pass over 84 articles) if both ran in
    one process; a newsparse user's process holds no spaCy. So the peer runs in a
    ``spawn`` child that times its ``nlp.pipe`` over the texts with its own CPU clock
    when asked, while we wait: the runs alternate, never overlap.

    Use as a context manager: ``with PeerProcess(model, texts) as peer: peer.time()``.
    """

    def __init__(self, model: str, texts: Sequence[str]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, model, list(texts)))
        self._process.start()
        child.close()
        reply = self._conn.recv()
        #: Why there is no peer (spaCy not installed), or ``None``.
        self.unavailable: str | None = reply[1] if reply[0] == "none" else None
        #: :meth:`Peer.describe` of the child's peer.
        self.describe: list[str] = [] if self.unavailable else reply[1]
        #: Whether the peer is a trained model.
        self.trained: bool = False if self.unavailable else reply[2]
        self.name: str = "" if self.unavailable else reply[3]
        #: The child's peak resident memory, set on close.
        self.max_rss_mb = 0.0

    def time(self) -> float:
        """One ``nlp.pipe`` pass over the texts in the child: its CPU ms per text."""
        self._conn.send("run")
        return float(self._conn.recv())

    def close(self) -> None:
        """Stop the child (after reading its peak memory)."""
        if self._process.is_alive() and not self.unavailable:
            self._conn.send(None)
            self.max_rss_mb = float(self._conn.recv())
        self._process.join(timeout=60)
        self._conn.close()

    def __enter__(self) -> PeerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(conn: Any, model: str, texts: list[str]) -> None:
    """The child of :class:`PeerProcess`: build the peer, then time it on request."""
    peer = load_peer(model)
    if isinstance(peer, str):
        conn.send(("none", peer))
        return
    peer.pipe(texts[:2])  # first-call costs (lazy tables, allocations) before timing
    conn.send(("ready", peer.describe(), peer.trained, peer.name))
    while conn.recv() is not None:
        conn.send(cpu_ms_per_text(peer.pipe, texts, 1)[0])
    conn.send(_max_rss_mb())


def _warm_ms_per_text(
    fn: Callable[[Sequence[str]], object], texts: Sequence[str], min_seconds: float = 0.5
) -> float:
    """CPU ms per text of ``fn(texts)``, passes repeated for at least ``min_seconds``.

    Right after the peer's pass (seconds of CPU over megabytes of weights) the CPU
    caches hold spaCy's data; one short pass of ours would pay for refilling them
    (measured: 3.3 ms per article alone, 5.4 ms right after a spaCy pass, 10 texts).
    Repeating the pass spreads that over about half a second, as spaCy's own pass does.
    """
    passes = 0
    started = time.process_time()
    while True:
        fn(texts)
        passes += 1
        elapsed = time.process_time() - started
        if elapsed >= min_seconds:
            return elapsed * 1000 / (passes * max(len(texts), 1))


def report(
    ours: Callable[[Sequence[str]], object],
    texts: Sequence[str],
    runs: int,
    label: str,
    model: str = SM_NAME,
    target: float = 100.0,
) -> list[str]:
    """Lines for a benchmark: which peer, its CPU ms/article, the ratio to ``ours``.

    ``ours(texts)`` runs here and the peer's ``nlp.pipe(texts)`` in a child process
    (:class:`PeerProcess`), one after the other, ``runs`` times each: a busy spell of a
    shared machine slows both alike, so the ratio is steadier than two figures taken
    minutes apart.

    Args:
        ours: Our pipeline over a batch of texts (``lambda b: [p.parse(t) for t in b]``).
        texts: The texts, the same for both.
        runs: Runs of each, in alternation; medians are reported.
        label: What ``ours`` is, for the printed lines.
        model: The spaCy model to load when installed (package name or path).
        target: The speed ratio the issues ask for.

    Returns:
        Printable lines (one saying why, when spaCy is not installed).
    """
    with PeerProcess(model, texts) as peer:
        if peer.unavailable:
            return [peer.unavailable]
        ours(texts[:2])
        mine: list[float] = []
        theirs: list[float] = []
        for _ in range(runs):
            mine.append(_warm_ms_per_text(ours, texts))
            theirs.append(peer.time())
    theirs_ms, mine_ms = statistics.median(theirs), statistics.median(mine)
    text_mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6 / max(len(texts), 1)
    return [
        *peer.describe,
        f"CPU ms/article (and MB/s), medians of {runs} alternating runs over the same "
        f"{len(texts)} texts:",
        f"  spaCy nlp.pipe ({peer.name}): {theirs_ms:.1f} ({text_mb * 1000 / theirs_ms:.3f} MB/s)"
        f"; runs {', '.join(f'{t:.1f}' for t in theirs)}",
        f"  newsparse {label}: {mine_ms:.2f} ({text_mb * 1000 / mine_ms:.2f} MB/s)"
        f"; runs {', '.join(f'{t:.2f}' for t in mine)}",
        f"  spaCy / newsparse: {theirs_ms / mine_ms:.0f}x (target >= {target:.0f}x)"
        + ("" if peer.trained else "; the peer is untrained, same architecture"),
        f"  peak memory (max RSS): spaCy's process {peer.max_rss_mb:.0f} MB, "
        f"this one {_max_rss_mb():.0f} MB",
    ]


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def component_ms(peer: Peer, texts: Sequence[str]) -> dict[str, float]:
    """CPU milliseconds per text of each step of ``nlp.pipe`` (tokenizer, components).

    The steps run one after another over the whole batch, as ``nlp.pipe`` runs them
    batch by batch (listeners read the shared tok2vec's output of the same docs).
    """
    nlp = peer.nlp
    out: dict[str, float] = {}
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    out["tokenizer"] = time.process_time() - started
    for name, proc in nlp.pipeline:
        started = time.process_time()
        docs = list(proc.pipe(docs, batch_size=nlp.batch_size))
        out[name] = time.process_time() - started
    return {name: seconds * 1000 / max(len(texts), 1) for name, seconds in out.items()}


def model_shapes(nlp: Any) -> dict[str, tuple[dict[str, list[int]], int, list[str]]]:
    """Per trained component: its thinc layers' dimensions, parameter count, classes."""
    out = {}
    for name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or model is True:
            continue
        dims: dict[str, list[int]] = {}
        params = 0
        for node in model.walk():
            for dim in node.dim_names:
                if node.has_dim(dim) is True:
                    dims.setdefault(f"{node.name}.{dim}", []).append(node.get_dim(dim))
            params += sum(node.get_param(p).size for p in node.param_names if node.has_param(p))
        moves = getattr(proc, "moves", None)
        if moves is not None:
            classes = sorted(moves.get_class_name(i) for i in range(moves.n_moves))
        else:
            classes = sorted(getattr(proc, "labels", ()))
        out[name] = (dims, params, classes)
    return out


def output_summary(peer: Peer, texts: Sequence[str]) -> str:
    """How much the peer's output holds: tokens, entities, sentences, distinct tags."""
    docs = peer.pipe(texts)
    tokens = sum(len(doc) for doc in docs)
    in_ents = sum(len(ent) for doc in docs for ent in doc.ents)
    ents = sum(len(doc.ents) for doc in docs)
    sents = sum(1 for doc in docs for _ in doc.sents)
    tags = len({token.tag_ for doc in docs for token in doc})
    return (
        f"{tokens} tokens, {ents} entities ({in_ents / max(tokens, 1):.0%} of tokens), "
        f"{sents} sentences, {tags} distinct tags"
    )


def compare(peer: Peer, other: Peer, texts: Sequence[str], runs: int) -> list[str]:
    """Compare two peers' layer shapes, then time both, interleaved, step by step."""
    lines = []
    mine, theirs = model_shapes(peer.nlp), model_shapes(other.nlp)
    for name in sorted(set(mine) | set(theirs)):
        a, b = mine.get(name), theirs.get(name)
        if a is None or b is None:
            lines.append(f"{name}: only in {'the other' if a is None else 'ours'}")
            continue
        same = [a[0] == b[0], a[1] == b[1], a[2] == b[2]]
        lines.append(
            f"{name}: layer dims {'equal' if same[0] else 'DIFFER'}, parameters "
            f"{a[1]} vs {b[1]}, classes {'equal' if same[2] else 'DIFFER'} ({len(a[2])})"
        )
    for candidate in (peer, other):
        lines.append(f"{candidate.name}: {output_summary(candidate, texts)}")
    timings: dict[str, dict[str, list[float]]] = {peer.name: {}, other.name: {}}
    for candidate in (peer, other):
        candidate.pipe(texts[:2])
    for _ in range(runs):
        for candidate in (peer, other):
            for step, ms in component_ms(candidate, texts).items():
                timings[candidate.name].setdefault(step, []).append(ms)
            total = cpu_ms_per_text(candidate.pipe, texts, 1)[0]
            timings[candidate.name].setdefault("nlp.pipe", []).append(total)
    steps = list(timings[other.name])
    width = max(len(s) for s in steps) + 2
    lines.append(f"CPU ms/article, median of {runs} interleaved runs, {len(texts)} texts:")
    lines.append(f"  {'step':<{width}}{'this peer':>12}{'other':>12}{'ratio':>8}")
    for step in steps:
        a_ms = statistics.median(timings[peer.name].get(step, [0.0]))
        b_ms = statistics.median(timings[other.name][step])
        ratio = f"{a_ms / b_ms:.2f}" if b_ms else "-"
        lines.append(f"  {step:<{width}}{a_ms:>12.2f}{b_ms:>12.2f}{ratio:>8}")
    return lines


def _polnear(limit: int) -> list[str]:
    folder = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"
    paths = sorted(folder.glob("*.txt"))[: limit or None]
    return [p.read_text("utf-8") for p in paths]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="PolNeAR dev texts to use")
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    parser.add_argument("--spacy-model", default=SM_NAME, help="spaCy package or path to load")
    parser.add_argument(
        "--compare",
        metavar="MODEL",
        help="also load this spaCy model (a package name or the path of an unpacked "
        "en_core_web_sm) and compare the untrained peer with it: shapes and timings",
    )
    args = parser.parse_args(argv)
    peer = build_untrained() if args.compare else load_peer(args.spacy_model)
    if isinstance(peer, str):
        print(peer)
        return 0
    print("\n".join(peer.describe()))
    texts = _polnear(args.limit)
    if not texts:
        print("PolNeAR dev texts not found; nothing timed")
        return 0
    if args.compare:
        import spacy

        other = Peer(nlp=spacy.load(args.compare), name=args.compare, trained=True)
        print(f"compared with {args.compare}:")
        print("\n".join(compare(peer, other, texts, args.runs)))
        return 0
    ms = time_peer(peer, texts, args.runs)
    print(f"{peer.name} nlp.pipe: {ms:.1f} CPU ms/article over {len(texts)} PolNeAR dev texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
