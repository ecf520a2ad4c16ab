"""Engine of the built-in ``stance`` extractor and of ``polarity_toward``.

Modules, one concept each: :mod:`.tokens` (word tokens with offsets),
:mod:`.lexicon` (cue words), :mod:`.features` (target-relative features),
:mod:`.model` (the logistic-regression weights and inference), :mod:`.train`
(pure-Python training, used offline), :mod:`.rules` (stances between entities).
"""

from newsparse.plugins._stance.model import TargetPolarity, polarity_of

__all__ = ["TargetPolarity", "polarity_of"]
