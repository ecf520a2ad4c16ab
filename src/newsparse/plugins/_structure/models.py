"""Build ``Section`` models without re-validating values known to be valid.

``Section(...)`` runs pydantic validation (about a twentieth of the extractor's
instructions, for two sections per article). The layout's values are valid by
construction (offsets inside the text, spans from ``doc.span``, kinds from a fixed
set), so :func:`new_section` sets the fields directly, as ``model_construct`` does,
with the same ``model_fields_set`` as the validating constructor given every field.
Anything not provably valid goes through validation, so errors stay the same.
``Article.with_layers`` still checks every span's text against the document.
"""

from __future__ import annotations

from typing import get_args

from newsparse import Section, Span, construct

__all__ = ["SECTION_KINDS", "new_section"]

#: The values of the ``Literal`` kind field, read from the model itself.
SECTION_KINDS: frozenset[str] = frozenset(get_args(Section.model_fields["kind"].annotation))


def new_section(
    kind: str, heading: Span | None, start: int, end: int, items: tuple[Span, ...]
) -> Section:
    """Return ``Section(kind=..., heading=..., start=..., end=..., items=...)``.

    Validation runs only when a value may be invalid (an unknown kind, a negative
    or non-``int`` offset, a heading or item that is not a plain ``Span``).
    """
    if (
        kind not in SECTION_KINDS
        or type(start) is not int
        or type(end) is not int
        or start < 0
        or end < 0
        or (heading is not None and type(heading) is not Span)
        or type(items) is not tuple
        or any(type(item) is not Span for item in items)
    ):
        return Section(kind=kind, heading=heading, start=start, end=end, items=items)
    return construct(
        Section, {"kind": kind, "heading": heading, "start": start, "end": end, "items": items}
    )
