"""Generate synthetic news articles (our own templates; no corpus text) for benchmarks.

Each article looks like the examples: an emoji line, Key Facts bullets, a Quick
Summary, then headed body sections with quotes, named people, places and
organisations; about 700 words by default. Deterministic for a seed.

    python benchmarks/make_corpus.py 1000 out/            # one .txt file per article
    python benchmarks/make_corpus.py 100000 feed.jsonl    # one JSON record per line

Other benchmarks import :func:`generate` to stream articles without files.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = [
    "Maria",
    "James",
    "Aiko",
    "Omar",
    "Elena",
    "David",
    "Priya",
    "Lucas",
    "Fatima",
    "Henrik",
    "Grace",
    "Mateo",
    "Sofia",
    "Daniel",
    "Amara",
    "Viktor",
    "Chen",
    "Laura",
    "Samuel",
    "Nadia",
]
LAST = [
    "Keller",
    "Okafor",
    "Tanaka",
    "Haddad",
    "Moreau",
    "Lindqvist",
    "Rao",
    "Silva",
    "Novak",
    "Brennan",
    "Kowalski",
    "Adeyemi",
    "Fischer",
    "Costa",
    "Ivanova",
    "Park",
    "Duarte",
    "Walsh",
]
ROLES = [
    "Prime Minister",
    "Foreign Minister",
    "Senator",
    "Mayor",
    "President",
    "Governor",
    "Finance Minister",
    "Chancellor",
    "Secretary-General",
    "Defence Minister",
]
PLACES = [
    "Berlin",
    "Ottawa",
    "Lagos",
    "Jakarta",
    "Lima",
    "Warsaw",
    "Nairobi",
    "Seoul",
    "Madrid",
    "Canberra",
    "Brussels",
    "Manila",
    "Santiago",
    "Oslo",
    "Hanoi",
    "Cairo",
    "Dublin",
]
COUNTRIES = [
    "Germany",
    "Canada",
    "Nigeria",
    "Indonesia",
    "Peru",
    "Poland",
    "Kenya",
    "Japan",
    "Spain",
    "Australia",
    "Brazil",
    "Norway",
    "Vietnam",
    "Egypt",
    "Ireland",
    "Mexico",
]
ORGS = [
    "the European Union",
    "the United Nations",
    "the World Bank",
    "the central bank",
    "the Health Ministry",
    "the opposition party",
    "the trade commission",
    "NATO",
    "the International Monetary Fund",
    "the national railway",
    "the port authority",
]
TOPICS = [
    "trade agreement",
    "climate plan",
    "budget reform",
    "port expansion",
    "energy deal",
    "border accord",
    "health programme",
    "tax overhaul",
    "rail project",
    "security pact",
]
CUES = ["said", "told reporters", "added", "warned", "argued", "noted", "stressed", "insisted"]
VERBS = ["praised", "criticised", "welcomed", "rejected", "questioned", "defended", "backed"]
ADJ = ["sweeping", "modest", "controversial", "long-awaited", "ambitious", "fragile", "costly"]
HEADINGS = [
    "Reaction at Home",
    "What Comes Next",
    "A Divided Parliament",
    "Markets Respond",
    "Regional Implications",
    "The Road Ahead",
    "Background",
    "Critics Speak Out",
]
EMOJI = ["📋", "🗞️", "📰", "🌍", "📌"]
FILLER = [
    "Analysts said the timing of the announcement was notable.",
    "The decision follows months of negotiations between the two sides.",
    "Officials declined to give further details on the schedule.",
    "Observers expect the debate to continue well into next year.",
    "The plan still needs the approval of several regional governments.",
    "Business groups have asked for clearer rules before they invest.",
    "Similar proposals failed twice in the past decade.",
    "Public opinion remains split, according to recent surveys.",
]


def _person(rng: random.Random) -> tuple[str, str]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return f"{rng.choice(ROLES)} {name}", name.split()[-1]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    full, short = _person(rng)
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    if kind < 0.25:
        quote = (
            f"This {topic} is {rng.choice(ADJ)} and {rng.choice(COUNTRIES)} "
            f"will not accept it in its current form"
        )
        return f'"{quote}," {full} {rng.choice(CUES)} in {place}.'
    if kind < 0.4:
        return (
            f"{short} {rng.choice(CUES)} that {rng.choice(ORGS)} would review the "
            f"{topic} before the end of the month."
        )
    if kind < 0.6:
        return (
            f"{full} {rng.choice(VERBS)} the {rng.choice(ADJ)} {topic} during a visit "
            f"to {place} on {rng.choice(['Monday', 'Tuesday', 'Friday', 'Sunday'])}."
        )
    if kind < 0.7:
        return (
            f"A senior official, speaking on condition of anonymity, said the {topic} "
            f'was "{rng.choice(ADJ)}".'
        )
    return rng.choice(FILLER)


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(_sentence(rng) for _ in range(n))


def article(i: int, *, seed: int = 0, words: int = 700) -> str:
    """Return synthetic article number ``i`` (deterministic for ``seed``)."""
    rng = random.Random(seed * 1_000_003 + i)
    parts = [rng.choice(EMOJI), "", "Key Facts", ""]
    parts += [f"  • {_sentence(rng)}" for _ in range(3)]
    parts += ["", "Quick Summary", "", _paragraph(rng, 4), "", _paragraph(rng, 3)]
    headings = rng.sample(HEADINGS, k=len(HEADINGS))
    h = 0
    while sum(len(p.split()) for p in parts) < words:
        parts += ["", headings[h % len(headings)], ""]
        h += 1
        for _ in range(rng.randint(2, 3)):
            parts += [_paragraph(rng, rng.randint(3, 5)), ""]
        parts.pop()
    return "\n".join(parts) + "\n"


def generate(count: int, *, seed: int = 0, words: int = 700) -> Iterator[str]:
    """Yield ``count`` synthetic articles, lazily."""
    for i in range(count):
        yield article(i, seed=seed, words=words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("output", help="a directory (one .txt per article) or a .jsonl file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=700, help="about this many words each")
    args = parser.parse_args()
    out = Path(args.output)
    texts = generate(args.count, seed=args.seed, words=args.words)
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"id": f"gen{i:07d}", "text": text}, ensure_ascii=False))
                fh.write("\n")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(texts):
            (out / f"gen{i:07d}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {args.count} articles to {out}")


if __name__ == "__main__":
    main()
