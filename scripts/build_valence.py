"""Compile the word-valence table of the polarity model from the VADER lexicon.

Run once (needs the ``valence-build`` extra)::

    .venv/bin/pip install vaderSentiment
    .venv/bin/python scripts/build_valence.py

Writes ``src/newsparse/plugins/_stance/data/valence.json``; the runtime reads that file
with the standard library only. Source: ``vader_lexicon.txt`` and ``BOOSTER_DICT`` as shipped
in the ``vaderSentiment`` wheel (Hutto & Gilbert 2014, MIT licence). Kept: single-token
entries holding a letter (emoticons and multi-word entries cannot match our word tokens),
valences as integers in hundredths; booster words as +1 (intensifier) or -1 (dampener).
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

_OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "newsparse"
    / "plugins"
    / "_stance"
    / "data"
    / "valence.json"
)


def main() -> int:
    """Read the installed VADER lexicon and write the valence table."""
    from vaderSentiment import vaderSentiment as vader

    lexicon = Path(vader.__file__).with_name("vader_lexicon.txt")
    valence: dict[str, int] = {}
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word = parts[0].lower()
        if " " in word or not any(ch.isalpha() for ch in word):
            continue
        value = round(float(parts[1]) * 100)
        if value:
            valence[word] = value
    boosters = {
        word.lower(): 1 if scale > 0 else -1
        for word, scale in vader.BOOSTER_DICT.items()
        if " " not in word
    }
    payload = {
        "provenance": (
            f"vaderSentiment {version('vaderSentiment')} (Hutto & Gilbert 2014, MIT licence): "
            "vader_lexicon.txt single-token entries with a letter, mean valence in hundredths; "
            "BOOSTER_DICT single words as +1 (intensifier) / -1 (dampener). "
            "Compiled by scripts/build_valence.py."
        ),
        "valence": dict(sorted(valence.items())),
        "boosters": dict(sorted(boosters.items())),
    }
    _OUT.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(valence)} valences and {len(boosters)} boosters to {_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
