"""Pipeline configuration: per-extractor settings from Python, TOML and ``--set``.

A configuration maps extractor names to settings::

    {"quotes": {"max_chars": 500}}

and may hold a ``pipeline`` table with ``disable`` (names) and ``plugins``
(module names to register).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsparse.errors import ConfigError
from newsparse.extractor import Extractor

__all__ = [
    "PipelineSettings",
    "load_config_file",
    "merge_config",
    "parse_set_options",
    "validate_extractor_config",
]


class PipelineSettings(BaseModel):
    """The ``[pipeline]`` table of a configuration."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    disable: tuple[str, ...] = Field(default=(), description="Extractors not to run.")
    plugins: tuple[str, ...] = Field(
        default=(), description="Plugin modules to import and register."
    )


def load_config_file(path: str | Path) -> dict[str, Any]:
    """Read a TOML configuration file.

    Raises:
        ConfigError: If the file cannot be read or is not valid TOML.
    """
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {str(path)!r}: {exc}") from exc


def parse_set_options(options: Iterable[str]) -> dict[str, Any]:
    """Turn ``["quotes.max_chars=500"]`` into ``{"quotes": {"max_chars": 500}}``.

    Values are read as JSON when they parse (numbers, booleans, lists), else as
    strings.

    Raises:
        ConfigError: If an option is not of the form ``extractor.key=value``.
    """
    config: dict[str, Any] = {}
    for option in options:
        target, sep, raw = option.partition("=")
        name, dot, key = target.strip().partition(".")
        if not sep or not dot or not name or not key:
            raise ConfigError(
                f"--set {option!r}: expected EXTRACTOR.KEY=VALUE, e.g. quotes.max_chars=500"
            )
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        config.setdefault(name, {})[key] = value
    return config


def merge_config(*configs: Mapping[str, Any] | None) -> dict[str, Any]:
    """Merge configurations, later ones winning key by key."""
    merged: dict[str, Any] = {}
    for config in configs:
        for name, settings in (config or {}).items():
            if isinstance(settings, Mapping) and isinstance(merged.get(name), dict):
                merged[name] = {**merged[name], **settings}
            else:
                merged[name] = dict(settings) if isinstance(settings, Mapping) else settings
    return merged


def validate_extractor_config(
    classes: Mapping[str, type[Extractor[Any]]], config: Mapping[str, Any]
) -> dict[str, BaseModel]:
    """Validate each extractor's settings with its ``Config`` model.

    Args:
        classes: Every known extractor class by name (enabled or not).
        config: Extractor name to settings; ``pipeline`` is skipped.

    Returns:
        Extractor name to validated config, for every class.

    Raises:
        ConfigError: If a name is unknown or a setting is invalid.
    """
    unknown = sorted(set(config) - set(classes) - {"pipeline"})
    if unknown:
        raise ConfigError(
            f"config names unknown extractor(s) {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(sorted(classes))})"
        )
    validated: dict[str, BaseModel] = {}
    for name, cls in classes.items():
        settings = config.get(name, {})
        if not isinstance(settings, Mapping):
            raise ConfigError(f"config for {name!r} must be a table of settings")
        try:
            validated[name] = cls.Config.model_validate(dict(settings))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or '(settings)'}: {e['msg']}" for e in exc.errors()
            )
            fields = ", ".join(cls.Config.model_fields) or "none"
            raise ConfigError(
                f"invalid config for extractor {name!r}: {problems} (settings: {fields})"
            ) from exc
    return validated
