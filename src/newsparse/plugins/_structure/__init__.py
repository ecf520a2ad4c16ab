"""Private engine of the built-in ``sections`` and ``sentences`` extractors.

Pure functions over a string that return offsets; the plugin modules turn
them into spans. Modules: :mod:`.lines` (line scanning), :mod:`.labels`
(section labels, Title Case, emoji lines), :mod:`.front` (byline, dateline),
:mod:`.layout` (title, headings, lists, paragraphs, sections),
:mod:`.splitter` (sentences), :mod:`.overlong` (over-long sentences cut),
:mod:`.lexicon` (word lists) and :mod:`.models`
(``Section`` records built without re-validation).
"""

from newsparse.plugins._structure.layout import Layout, LayoutOptions, SectionPlan, analyse
from newsparse.plugins._structure.overlong import cap_lengths
from newsparse.plugins._structure.splitter import Splitter, split_sentences

__all__ = [
    "Layout",
    "LayoutOptions",
    "SectionPlan",
    "Splitter",
    "analyse",
    "cap_lengths",
    "split_sentences",
]
