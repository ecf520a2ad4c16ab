"""The Extractor base class that every plugin's extractors subclass."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from newsparse.article import Article, is_layer_key
from newsparse.errors import PluginError

__all__ = ["Extractor", "NoConfig"]


class NoConfig(BaseModel):
    """Settings of an extractor that has none."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


ConfigT = TypeVar("ConfigT", bound=BaseModel)


class Extractor(Generic[ConfigT]):
    """Adds layers to an article; subclass it and return it from a plugin.

    Class attributes declare the contract the pipeline orders and checks:

    * ``name``: unique, lowercase snake case.
    * ``version``: the extractor's version, recorded in ``Article.pipeline``.
    * ``requires``: layer keys that must be filled before ``extract`` runs.
    * ``provides``: layer keys ``extract`` returns (and no others).
    * ``replaces``: names of extractors this one takes the place of.
    * ``Config``: pydantic model of its settings.

    Example:
        >>> class Shouting(Extractor[NoConfig]):
        ...     name = "shouting"
        ...     provides = ("extensions.shouting",)
        ...
        ...     def extract(self, doc: Article) -> dict[str, object]:
        ...         return {"extensions.shouting": doc.text.isupper()}
    """

    name: ClassVar[str]
    version: ClassVar[str] = "0.1.0"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    replaces: ClassVar[tuple[str, ...]] = ()
    Config: ClassVar[type[BaseModel]] = NoConfig

    def __init__(self, config: ConfigT | None = None) -> None:
        """Keep the validated config (the default config when ``None``)."""
        self.config: ConfigT = config if config is not None else self.Config()  # type: ignore[assignment]

    def extract(self, doc: Article) -> Mapping[str, Any]:
        """Return the layers this extractor provides for ``doc``.

        Args:
            doc: The article with every required layer filled.

        Returns:
            A mapping from layer keys (a subset of ``provides``) to values.
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        """Show name and config."""
        return f"<{type(self).__name__} {self.name!r} {self.config!r}>"

    @classmethod
    def check_declaration(cls) -> None:
        """Raise :class:`PluginError` if the class declares an invalid contract."""
        where = f"{cls.__module__}.{cls.__qualname__}"
        name = getattr(cls, "name", None)
        if not isinstance(name, str) or not name.isidentifier() or name.lower() != name:
            raise PluginError(
                f"{where}: 'name' must be a lowercase snake-case string, got {name!r}"
            )
        for attr in ("requires", "provides", "replaces"):
            value = getattr(cls, attr)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise PluginError(f"{where}: {attr!r} must be a tuple of strings")
        for key in cls.requires + cls.provides:
            if not is_layer_key(key):
                raise PluginError(
                    f"{where}: {key!r} is not a layer key; use an Article field "
                    "or 'extensions.<name>'"
                )
        if not cls.provides:
            raise PluginError(f"{where}: 'provides' is empty; an extractor must add a layer")
        if not (isinstance(cls.Config, type) and issubclass(cls.Config, BaseModel)):
            raise PluginError(f"{where}: 'Config' must be a pydantic model class")
