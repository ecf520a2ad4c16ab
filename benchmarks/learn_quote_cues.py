"""Measure how well each cue form works in the quotes engine on PolNeAR train.

Usage::

    python benchmarks/learn_quote_cues.py --polnear DIR [--write]

The engine runs on the TRAIN split with every cue form of ``lexicon.json``
(learned forms of any cue share, plus the core list) and no engine-based
selection. Each prediction is charged to the word form of its cue; the
script counts, per form, the predictions, those whose content matches a gold
content (partial match, as :mod:`newsparse.evaluate.polnear` pairs them) and
those whose speaker is also right (end to end). With ``--write`` the counts
of the forms with at least ``MIN_PREDICTIONS`` predictions go to the
``engine`` key of ``lexicon.json``; ``Lexicon.cues`` then adds or drops forms
by these precisions (see ``_quotes/data/README.md``). Only word forms and
counts are written, never text of the corpus; the dev split is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from newsparse.evaluate.polnear import _match_partial, _Tokens, load_split
from newsparse.plugins._quotes.engine import Settings, find_attributions
from newsparse.plugins._quotes.lexicon import load_lexicon
from newsparse.plugins._quotes.speakers import EntityIndex
from newsparse.plugins._quotes.text import split_sentences

DEFAULT_POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
LEXICON = Path(__file__).resolve().parents[1] / "src/newsparse/plugins/_quotes/data/lexicon.json"
# Forms with fewer predictions on train are not written (too few to judge).
MIN_PREDICTIONS = 5


def _chars(text: str, spans: tuple[tuple[int, int], ...]) -> set[int]:
    return {p for s, e in spans for p in range(s, e) if not text[p].isspace()}


def measure(polnear: Path) -> dict[str, list[int]]:
    """Return ``form -> [predictions, content matched, end-to-end matched]`` on train."""
    lex = load_lexicon()
    # every candidate form, with no engine-based selection (min_ratio 0: all stored forms)
    cues = lex.candidate_cues()
    settings = Settings(cues=cues)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for gold in load_split(polnear, "train"):
        text = gold.text
        raw = find_attributions(text, split_sentences(text), settings, lex, EntityIndex([]))
        preds = [q for q in raw if q.cue is not None and q.content]
        toks = _Tokens(text)
        g_toks = [toks.of(a.content) for a in gold.attributions]
        p_toks = [toks.of(tuple(sorted(q.content))) for q in preds]
        pairs = _match_partial(p_toks, g_toks)
        for i, q in enumerate(preds):
            assert q.cue is not None
            words = text[q.cue[0] : q.cue[1]].lower().split()
            if not words or not words[0].isalpha():
                continue
            row = stats[words[0]]
            row[0] += 1
            if i not in pairs:
                continue
            row[1] += 1
            att = gold.attributions[pairs[i]]
            if att.source:
                ok = q.speaker is not None and bool(
                    _chars(text, (q.speaker,)) & _chars(text, att.source)
                )
            else:
                ok = q.speaker is None
            row[2] += ok
    return dict(stats)


def main(argv: list[str] | None = None) -> int:
    """Print (and with ``--write`` store) the per-form engine counts."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    ap.add_argument("--write", action="store_true", help="store the counts in lexicon.json")
    args = ap.parse_args(argv)
    stats = measure(args.polnear)
    kept = {w: v for w, v in sorted(stats.items()) if v[0] >= MIN_PREDICTIONS}
    for w, (n, c, e) in sorted(kept.items(), key=lambda kv: -kv[1][0]):
        print(f"{w:20} {n:5} {c / n:6.2f} {e / n:6.2f}")
    if args.write:
        data = json.loads(LEXICON.read_text("utf-8"))
        data["provenance"]["engine"] = (
            "per cue form: [predictions, contents matched (partial), matched with the right "
            "speaker] of the quotes engine run on the train split with every stored cue form "
            f"and no engine-based selection (benchmarks/learn_quote_cues.py); forms with fewer "
            f"than {MIN_PREDICTIONS} predictions are left out"
        )
        data["engine"] = kept
        LEXICON.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote engine counts of {len(kept)} forms to {LEXICON}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
