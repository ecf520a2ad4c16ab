"""Learn the polarity weights: multinomial logistic regression, pure Python.

Used offline (``python -m newsparse.plugins._stance.train TRAIN.jsonl``) to
write ``data/polarity_weights.json`` and by the benchmark for cross-validation.
AdaGrad updates with L2 regularisation; deterministic (seeded shuffle).
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsparse.plugins._stance.features import features
from newsparse.plugins._stance.model import CLASSES

__all__ = ["fit", "main"]


def fit(
    samples: Sequence[tuple[list[str], str]],
    *,
    epochs: int = 30,
    rate: float = 0.01,
    l2: float = 1e-2,
    min_count: int = 1,
    balanced: bool = True,
    seed: int = 13,
) -> dict[str, tuple[float, float, float]]:
    """Fit weights to ``(features, label)`` samples.

    Args:
        samples: Feature lists with their gold labels (:data:`CLASSES`).
        epochs: Passes over the data.
        rate: AdaGrad base learning rate.
        l2: L2 penalty applied to each row it updates.
        min_count: Features seen in fewer samples are dropped.
        balanced: Weigh each sample by the inverse frequency of its class, so
            the rarer classes count as much (macro-F1 rewards that).
        seed: Shuffle seed.

    Returns:
        Feature name -> weights per class.
    """
    counts = Counter(f for feats, _ in samples for f in feats)
    keep = {f for f, c in counts.items() if c >= min_count}
    keep.add("b")
    data = [([f for f in feats if f in keep], CLASSES.index(label)) for feats, label in samples]
    freq = Counter(gold for _, gold in data)
    class_weight = [len(data) / (3 * freq[c]) if balanced and freq[c] else 1.0 for c in range(3)]
    w: dict[str, list[float]] = {f: [0.0, 0.0, 0.0] for f in keep}
    g2: dict[str, list[float]] = {f: [1e-6, 1e-6, 1e-6] for f in keep}
    order = list(range(len(data)))
    rng = random.Random(seed)
    sqrt = math.sqrt
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            feats, gold = data[idx]
            z0 = z1 = z2 = 0.0
            for f in feats:
                row = w[f]
                z0 += row[0]
                z1 += row[1]
                z2 += row[2]
            top = max(z0, z1, z2)
            e0, e1, e2 = math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top)
            total = e0 + e1 + e2
            weight = class_weight[gold]
            # Unrolled over the three classes: the same arithmetic as a loop, faster.
            d0 = weight * (e0 / total - (1.0 if gold == 0 else 0.0))
            d1 = weight * (e1 / total - (1.0 if gold == 1 else 0.0))
            d2 = weight * (e2 / total - (1.0 if gold == 2 else 0.0))
            for f in feats:
                row, acc = w[f], g2[f]
                g = d0 + l2 * row[0]
                acc[0] += g * g
                row[0] -= rate * g / sqrt(acc[0])
                g = d1 + l2 * row[1]
                acc[1] += g * g
                row[1] -= rate * g / sqrt(acc[1])
                g = d2 + l2 * row[2]
                acc[2] += g * g
                row[2] -= rate * g / sqrt(acc[2])
    return {f: (r[0], r[1], r[2]) for f, r in w.items()}


def _prune(
    weights: dict[str, tuple[float, float, float]], floor: float
) -> tuple[list[str], list[int]]:
    # Rows whose weights are all tiny change no prediction; drop them to keep the file small.
    # The rest are stored in thousandths, flat (see model.stored_weights).
    names: list[str] = []
    flat: list[int] = []
    for name, row in sorted(weights.items()):
        if max(abs(v) for v in row) >= floor:
            names.append(name)
            flat.extend(round(v * 1000) for v in row)
    return names, flat


def main(argv: Sequence[str] | None = None) -> int:
    """Train on a NewsMTSC JSONL file and write the weights JSON.

    Usage: ``python -m newsparse.plugins._stance.train TRAIN.jsonl [OUT.json]``.
    """
    from importlib.metadata import version

    from newsparse.evaluate.newsmtsc import read_newsmtsc

    args = list(sys.argv[1:] if argv is None else argv)
    examples = read_newsmtsc(args[0])
    out = (
        Path(args[1]) if len(args) > 1 else Path(__file__).parent / "data" / "polarity_weights.json"
    )
    samples = [(features(ex.text, ex.start, ex.end), ex.label) for ex in examples]
    weights = fit(samples)
    names, flat = _prune(weights, 0.01)
    payload: dict[str, object] = {
        "provenance": (
            "NewsMTSC train.jsonl (Hamborg & Donnay 2021), all "
            f"{len(examples)} targets; multinomial logistic regression over "
            "newsparse.plugins._stance.features (sentence and clause words as "
            f"snowballstemmer {version('snowballstemmer')} English stems), fit by "
            "newsparse.plugins._stance.train (see data/README.md)."
        ),
        "classes": list(CLASSES),
        "scale": 1000,
        "features": names,
        "weights": flat,
    }
    out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} feature rows to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
