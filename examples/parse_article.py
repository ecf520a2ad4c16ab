"""Parse the example article and print what each layer found.

Run from anywhere: ``python examples/parse_article.py``. The output grows as
extractors land, so it is not pinned by a ``.out`` file.
"""

from __future__ import annotations

from pathlib import Path

import newsparse

ARTICLE = Path(__file__).with_name("article.txt")


def main() -> None:
    doc = newsparse.parse(ARTICLE)  # a Path is read as UTF-8; str is parsed as is

    print(f"id: {doc.id}  ({len(doc.text)} characters)")
    print(f"title: {doc.title.text if doc.title else '-'}")

    print(f"\nsections ({len(doc.sections)}):")
    for section in doc.sections:
        heading = section.heading.text if section.heading else "(no heading)"
        print(f"  {section.kind:<9} {heading}  [{section.start}:{section.end}]")
        for item in section.items:
            print(f"    - {item.text}")

    print(f"\nparagraphs: {len(doc.paragraphs)}  sentences: {len(doc.sentences)}")

    print(f"\nentities ({len(doc.entities)}):")
    for entity in doc.entities:
        print(f"  {entity.id} {entity.type:<6} {entity.name}  x{len(entity.mentions)}")

    print(f"\nquotes ({len(doc.quotes)}):")
    for quote in doc.quotes:
        speaker = quote.speaker.text if quote.speaker else "(unattributed)"
        said = " ... ".join(part.text for part in quote.content)
        print(f"  {quote.id} {quote.kind:<8} {speaker}: {said[:60]}")

    print(f"\nstances: {len(doc.stances)}")

    # Every span indexes into doc.text: the offsets are the proof.
    for _where, span in doc.iter_spans():
        assert doc.text[span.start : span.end] == span.text

    print("\npipeline:")
    for run in doc.pipeline:
        print(f"  {run.name} {run.version} {run.status}")


if __name__ == "__main__":
    main()
