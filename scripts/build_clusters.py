"""Derive the word-cluster table of the polarity model from unlabelled text.

Run once (needs the ``clusters-build`` extra: numpy)::

    .venv/bin/pip install numpy
    .venv/bin/python scripts/build_clusters.py [SHARED_DATA_DIR] [--without-newsmtsc] [--out FILE]

Writes ``src/newsparse/plugins/_stance/data/word_clusters.json``; the runtime reads that
file with the standard library only. Only the *text* of the train splits is read (no
label, no annotation): NewsMTSC ``train.jsonl`` sentences, PolNeAR ``train/text/*.txt``
and the tokens of CoNLL-2003 ``train.txt``. Tokens are ``_stance.tokens.tokenize``'s.

Method: every word seen at least ``_MIN_COUNT`` times (and holding a letter) gets a
vector of positive pointwise mutual information with the ``_CONTEXTS`` most frequent
tokens, left and right contexts apart, within ``_REACH`` tokens (weight 1/distance,
context-distribution smoothing 0.75); a seeded randomized SVD keeps ``_DIM``
dimensions (scaled by the square root of the singular values); spherical k-means
(seeded, ``_ITERATIONS`` rounds) groups the unit vectors into each of ``_SIZES``
clusters. The file keeps the words and their cluster ids only: no sentence, no vector.
Float rounding differs between BLAS builds, so another machine may give other (equally
good) ids; the shipped weights were trained against the shipped table.

``--without-newsmtsc --out FILE`` leaves the NewsMTSC sentences out and writes
elsewhere: a table for measuring how much the shipped one (which saw the text of every
cross-validation fold) flatters the cross-validated figure
(``benchmarks/bench_stance.py --clusters FILE``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
_OUT = _ROOT / "src" / "newsparse" / "plugins" / "_stance" / "data" / "word_clusters.json"
_MIN_COUNT = 5
_CONTEXTS = 5000
_REACH = 2
_DIM = 100
_SIZES = (300, 1000)
_ITERATIONS = 30
_SEED = 0


def _sentences(data: Path, newsmtsc: bool = True) -> Iterator[list[str]]:
    # Lowercased tokens per sentence (NewsMTSC, CoNLL) or paragraph (PolNeAR).
    sys.path.insert(0, str(_ROOT / "src"))
    from newsparse.plugins._stance.tokens import tokenize

    if newsmtsc:
        with (data / "newsmtsc" / "train.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield [t.low for t in tokenize(json.loads(line)["sentence_normalized"])]
    for path in sorted((data / "polnear" / "train" / "text").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if paragraph.strip():
                yield [t.low for t in tokenize(paragraph)]
    words: list[str] = []
    with (data / "conll2003" / "train.txt").open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if parts:
                words.append(parts[0])
            elif words:
                yield [t.low for t in tokenize(" ".join(words))]
                words = []
    if words:
        yield [t.low for t in tokenize(" ".join(words))]


def build(data: Path, newsmtsc: bool = True) -> dict[str, object]:
    """Return the cluster table (JSON-ready) derived from the train texts under ``data``.

    ``newsmtsc=False`` leaves the NewsMTSC sentences out (for measuring what they add).
    """
    import numpy as np

    sentences = list(_sentences(data, newsmtsc))
    counts = Counter(w for s in sentences for w in s)
    vocab = [
        w for w, c in counts.most_common() if c >= _MIN_COUNT and any(ch.isalpha() for ch in w)
    ]
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, (w, _) in enumerate(counts.most_common(_CONTEXTS))}
    width = len(contexts)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for s in sentences:
        for k, w in enumerate(s):
            i = index.get(w)
            if i is None:
                continue
            for d in range(1, _REACH + 1):
                if k - d >= 0 and (j := contexts.get(s[k - d])) is not None:
                    rows.append(i)
                    cols.append(j)
                    vals.append(1.0 / d)
                if k + d < len(s) and (j := contexts.get(s[k + d])) is not None:
                    rows.append(i)
                    cols.append(width + j)
                    vals.append(1.0 / d)
    m = np.zeros((len(vocab), 2 * width), dtype=np.float32)
    np.add.at(m, (np.array(rows), np.array(cols)), np.array(vals, dtype=np.float32))
    total = m.sum()
    p_word = m.sum(1, keepdims=True) / total
    p_ctx = (m.sum(0, keepdims=True) / total) ** 0.75
    p_ctx = p_ctx / p_ctx.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.log((m / total) / (p_word * p_ctx))
    ppmi[~np.isfinite(ppmi)] = 0
    ppmi = np.maximum(ppmi, 0).astype(np.float32)
    rng = np.random.default_rng(_SEED)
    # Randomized SVD (Halko et al. 2011): range finder with three power iterations.
    sketch = ppmi @ rng.standard_normal((ppmi.shape[1], _DIM + 20)).astype(np.float32)
    for _ in range(3):
        sketch, _r = np.linalg.qr(sketch)
        sketch = ppmi @ (ppmi.T @ sketch)
    q, _r = np.linalg.qr(sketch)
    u, singular, _vt = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vectors = (q @ u)[:, :_DIM] * np.sqrt(singular[:_DIM])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels: list[list[int]] = []
    for size in _SIZES:
        local = np.random.default_rng(_SEED + size)
        centres = vectors[local.choice(len(vectors), size, replace=False)].copy()
        for _ in range(_ITERATIONS):
            nearest = (vectors @ centres.T).argmax(1)
            for c in range(size):
                members = vectors[nearest == c]
                if len(members):
                    v = members.sum(0)
                    centres[c] = v / (np.linalg.norm(v) + 1e-9)
        labels.append([int(c) for c in (vectors @ centres.T).argmax(1)])
    return {
        "provenance": (
            "Derived by scripts/build_clusters.py from the text (no labels) of "
            + ("NewsMTSC train.jsonl, " if newsmtsc else "")
            + "PolNeAR train/text and CoNLL-2003 train.txt: PPMI of "
            f"{len(vocab)} words (count >= {_MIN_COUNT}) with the {_CONTEXTS} most frequent "
            f"tokens left/right within {_REACH}, randomized SVD to {_DIM} dimensions, "
            f"spherical k-means into {', '.join(map(str, _SIZES))} clusters (seed {_SEED}); "
            f"numpy {version('numpy')}. Words and cluster ids only."
        ),
        "sizes": list(_SIZES),
        "words": vocab,
        # Flat: the ids of each word, one per size, in ``sizes`` order.
        "clusters": [c for ids in zip(*labels, strict=True) for c in ids],
    }


def main(argv: list[str] | None = None) -> int:
    """Build the table from ``SHARED_DATA_DIR`` (default ``../shared/data``) and write it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=_ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--without-newsmtsc", action="store_true", help="Leave the NewsMTSC sentences out."
    )
    parser.add_argument("--out", type=Path, default=_OUT, help="Where to write the table.")
    args = parser.parse_args(argv)
    table = build(args.data, newsmtsc=not args.without_newsmtsc)
    args.out.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(table['words'])} words to {args.out}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
