"""Over-long sentences cut into bounded pieces.

Scraped lists, tables and unpunctuated text can make one "sentence" of
many thousand characters; the rules downstream look across a whole sentence
(clauses, mentions, quotation content), so their work grows with its square.
No sentence of 33,477 in the PolNeAR train and dev texts is longer than 1,094
characters, so a cap of a few thousand leaves real sentences alone and keeps
the work per sentence bounded.
"""

__all__ = ["cap_lengths"]

# Marks after which an over-long sentence is best cut, when a space follows.
_CLAUSE_MARKS = ";:,\u2013\u2014)]"


def cap_lengths(text: str, ranges: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Cut every range longer than ``limit`` characters into pieces of at most ``limit``.

    A piece ends after the last clause mark (``; : ,``, a dash, ``) ]``) followed by a
    space in the second half of its window, else before the last space there,
    else at ``limit`` characters; spaces between pieces belong to none.
    """
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        while end - start > limit:
            cut, resume = _cut(text, start, start + limit, end)
            out.append((start, cut))
            start = resume
        if start < end:
            out.append((start, end))
    return out


def _cut(text: str, start: int, stop: int, end: int) -> tuple[int, int]:
    """Where a piece from ``start`` ends (at most ``stop``) and the next one begins."""
    low = start + (stop - start) // 2
    cut = -1
    for mark in _CLAUSE_MARKS:
        i = text.rfind(mark, low, stop)
        while i >= 0 and not text[i + 1].isspace():  # i + 1 < end: ranges end on a non-space
            i = text.rfind(mark, low, i)
        cut = max(cut, i + 1 if i >= 0 else -1)
    if cut < 0:
        i = stop
        while i > low and not text[i].isspace():
            i -= 1
        if text[i].isspace():
            cut = i
            while cut > start and text[cut - 1].isspace():
                cut -= 1
        else:
            cut = stop
    if cut <= start:
        cut = stop
    resume = cut
    while resume < end and text[resume].isspace():
        resume += 1
    return cut, resume
