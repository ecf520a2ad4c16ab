"""Build ``Speaker`` and ``Quote`` models without re-validating values known to be valid.

``doc.typed_span(Speaker, ...)`` and ``Quote(...)`` run pydantic validation, which was
about a fifth of the extractor's time. The engine's values are valid by construction
(offsets are inside the text and the text is sliced from it, kinds and source types
come from fixed sets, content is never empty), so these builders set the fields
directly, as ``model_construct`` does, with the same ``model_fields_set`` as the
validating constructors. Anything not provably valid goes through validation, so
errors stay the same. ``Article.with_layers`` still checks every span's text against
the document. Plain spans (content, cue) come from ``doc.span`` itself (a cache of them
per range cost about 1% more instructions: ranges rarely repeat).
"""

from __future__ import annotations

from typing import Any, get_args

from newsparse import Quote, Span, Speaker, construct

__all__ = ["QUOTE_KINDS", "SOURCE_TYPES", "new_quote", "new_speaker"]

#: The values of the ``Literal`` field types, read from the model itself.
QUOTE_KINDS: frozenset[str] = frozenset(get_args(Quote.model_fields["kind"].annotation))
SOURCE_TYPES: frozenset[str] = frozenset(get_args(Quote.model_fields["source_type"].annotation))


def new_speaker(text: str, start: int, end: int, entity: str | None) -> Speaker:
    """Return ``doc.typed_span(Speaker, start, end, entity=entity)`` without validation.

    Args:
        text: The document text.
        start: Start offset.
        end: End offset.
        entity: Linked entity id, if any.

    Raises:
        ValueError: If the range is not inside the text (as ``typed_span`` does).
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is not inside the text ({len(text)} code points)")
    return construct(
        Speaker, {"start": start, "end": end, "text": text[start:end], "entity": entity}
    )


def new_quote(
    id: str,
    kind: str,
    content: tuple[Span, ...],
    cue: Span | None,
    speaker: Speaker | None,
    source_type: str,
) -> Quote:
    """Return ``Quote(...)`` with every field given, validating only what may be invalid.

    An empty ``content``, or a ``kind`` or ``source_type`` outside the model's
    values, is validated (and so rejected) as by ``Quote(...)``.
    """
    values: dict[str, Any] = {
        "id": id,
        "kind": kind,
        "content": content,
        "cue": cue,
        "speaker": speaker,
        "source_type": source_type,
    }
    if not content or kind not in QUOTE_KINDS or source_type not in SOURCE_TYPES:
        return Quote(**values)
    return construct(Quote, values)
