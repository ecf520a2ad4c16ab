"""The tagger model as plain data, for the derived-data cache (:mod:`newsparse._cache`).

Building the model from the weights file (decoding the JSON, packing and regrouping
the weights, the name lexicon's trie) is most of the first parse's cost; the
result is kept in the cache as the model's fields, and a later process makes the
model from them. Fields holding a :class:`.ContextTables` or a :class:`.Lexicon`
are stored as their own fields; every other field must be plain data (else the
model is not cached, only built).

The weights by feature string (``TaggerModel.weights``) are not stored: tagging
reads only the regrouped tables, so a model from the cache gets a mapping that
builds them from the file on first use (:class:`LazyWeights`), which saves
about two fifths of the load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields
from typing import Any

from newsparse._cache import cached
from newsparse.plugins._entities.lexicon import Lexicon
from newsparse.plugins._entities.scoring import ContextTables
from newsparse.plugins._entities.tagger import TaggerModel

__all__ = ["LazyWeights", "model_from_plain", "model_to_plain", "stored_model"]

_PACKAGE = "newsparse.plugins._entities"
# Fields whose value is a dataclass of plain fields, stored as a dict of them.
_PARTS: dict[str, type[Any]] = {"tables": ContextTables, "lexicon": Lexicon}
_Vector = tuple[int, int, int, int, int]


class LazyWeights(Mapping[str, _Vector]):
    """``TaggerModel.weights`` built on first use (by ``build``), read-only.

    Args:
        build: Returns the weights mapping (called once, on the first look-up).
    """

    __slots__ = ("_build", "_weights")

    def __init__(self, build: Callable[[], Mapping[str, _Vector]]) -> None:
        """Keep ``build`` for the first look-up."""
        self._build = build
        self._weights: Mapping[str, _Vector] | None = None

    def _loaded(self) -> Mapping[str, _Vector]:
        if self._weights is None:
            self._weights = self._build()
        return self._weights

    def __getitem__(self, feature: str) -> _Vector:
        """Return the five weights of ``feature``."""
        return self._loaded()[feature]

    def __iter__(self) -> Iterator[str]:
        """Iterate over the feature strings."""
        return iter(self._loaded())

    def __len__(self) -> int:
        """Return the number of features."""
        return len(self._loaded())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the plain dict of weights (the builder is not sent)."""
        return (dict, (dict(self._loaded()),))


def stored_model(build: Callable[[], TaggerModel], data: str) -> TaggerModel:
    """Return ``build()``'s model, made from the cache when it holds one.

    Args:
        build: Builds the model from the package's data file ``data``.
        data: The weights file, relative to the package (part of the cache key).
    """
    plain = cached(
        "entities-tagger", lambda: model_to_plain(build()), package=_PACKAGE, data=(data,)
    )
    return model_from_plain(plain, lambda: build().weights)


def model_to_plain(model: TaggerModel) -> dict[str, Any]:
    """Return the model's init fields but ``weights``, tables and lexicon as dicts of fields."""
    return {
        f.name: _part(f.name, getattr(model, f.name))
        for f in fields(model)
        if f.init and f.name != "weights"
    }


def model_from_plain(
    plain: Mapping[str, Any], weights: Callable[[], Mapping[str, _Vector]]
) -> TaggerModel:
    """Make the model :func:`model_to_plain` describes; ``weights()`` gives its weights."""
    args = dict(plain)
    for name, cls in _PARTS.items():
        if name in args:
            args[name] = cls(**args[name])
    return TaggerModel(weights=LazyWeights(weights), **args)


def _part(name: str, value: Any) -> Any:
    cls = _PARTS.get(name)
    if cls is not None and type(value) is cls:
        return {f.name: getattr(value, f.name) for f in fields(value) if f.init}
    return value
