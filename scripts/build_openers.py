"""Build ``_entities/data/openers.json``: words that open a sentence before a comma.

"Moreover, ...", "Sadly, ...", "Yes, ...": a capitalised word alone before a comma at the
start of a sentence is read as a name by the tagger now and then. This lists the words
that train text uses that way and otherwise writes in lower case (never, or seldom,
capitalised inside a sentence, so no name such as "Trump" or "Bush" gets in).

Sources, train splits only (the runtime reads only the list):

* PolNeAR train texts (``../shared/data/polnear/train/text``), cut into sentences by
  newsparse's own ``sentences`` extractor;
* CoNLL-2003 English train (``../shared/data/conll2003/train.txt``), its sentences as
  given, words tagged ``O`` only.

Usage: ``python scripts/build_openers.py [SHARED_DATA_DIR]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import regex

import newsparse
from newsparse.evaluate.conll import read_conll

OUT = Path(__file__).resolve().parents[1] / "src/newsparse/plugins/_entities/data/openers.json"
#: Sentences a word must open (before a comma) to be listed.
MIN_OPENS = 2
#: Times it must be written in lower case.
MIN_LOWER = 3
#: At most this share of its lower-case count capitalised inside a sentence.
MAX_TITLED_SHARE = 0.1

_LOWER_RE = regex.compile(r"\b\p{Ll}+\b")
_OPENER_RE = regex.compile(r"[\W_]*(\p{Lu}\p{Ll}+),")
_TITLED_INSIDE_RE = regex.compile(r"(?<=\p{Ll}[,;]? )(\p{Lu}\p{Ll}+)\b")


def main(data: Path) -> None:
    opens: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    titled: Counter[str] = Counter()
    pipeline = newsparse.Pipeline.build(
        entry_points=False, disable=("entities", "quotes", "stance")
    )
    texts = sorted((data / "polnear/train/text").glob("*.txt"))
    for path in texts:
        text = path.read_text(encoding="utf-8")
        lower.update(_LOWER_RE.findall(text))
        titled.update(w.lower() for w in _TITLED_INSIDE_RE.findall(text))
        for sentence in pipeline.parse(text).sentences:
            match = _OPENER_RE.match(text, sentence.start, sentence.end)
            if match:
                opens[match.group(1).lower()] += 1
    conll = read_conll(data / "conll2003/train.txt")
    for words in conll:
        lower.update(w for w, _tag in words if w.islower())
        first, tag = words[0]
        if len(words) > 1 and words[1][0] == "," and tag == "O" and first.istitle():
            opens[first.lower()] += 1
    openers = sorted(
        w
        for w, n in opens.items()
        if n >= MIN_OPENS and lower[w] >= MIN_LOWER and titled[w] <= MAX_TITLED_SHARE * lower[w]
    )
    OUT.write_text(
        json.dumps(
            {
                "provenance": (
                    f"scripts/build_openers.py over {len(texts)} PolNeAR train texts and "
                    f"{len(conll)} CoNLL-2003 English train sentences: words that open >= "
                    f"{MIN_OPENS} sentences before a comma, are written in lower case >= "
                    f"{MIN_LOWER} times and capitalised inside a sentence at most "
                    f"{MAX_TITLED_SHARE:.0%} as often. Words only; no text is stored."
                ),
                "openers": openers,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(openers)} openers -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data"))
