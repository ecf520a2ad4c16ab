"""Make a plugin manager with the hook specs, the built-ins and installed plugins."""

from __future__ import annotations

import importlib

import pluggy

from newsparse import hookspecs
from newsparse.errors import PluginError
from newsparse.plugins import BUILTIN_PLUGINS

__all__ = ["ENTRY_POINT_GROUP", "make_plugin_manager", "register_module"]

#: Entry-point group third-party plugins register under.
ENTRY_POINT_GROUP = "newsparse"


def make_plugin_manager(*, entry_points: bool = True) -> pluggy.PluginManager:
    """Return a new plugin manager ready to build pipelines.

    Adds the hook specifications, registers :data:`BUILTIN_PLUGINS` by module
    name, loads the ``newsparse`` entry-point group unless ``entry_points`` is
    false, and checks every registered hook implementation against the specs.

    Args:
        entry_points: Load third-party plugins installed as entry points.

    Raises:
        PluginError: If a plugin fails to import or implements an unknown hook.
    """
    pm = pluggy.PluginManager("newsparse")
    pm.add_hookspecs(hookspecs)
    for module_name in BUILTIN_PLUGINS:
        register_module(pm, module_name)
    if entry_points:
        _load_entry_points(pm)
    check_plugins(pm)
    return pm


def register_module(pm: pluggy.PluginManager, module_name: str) -> None:
    """Import ``module_name`` and register it as a plugin named after the module.

    Raises:
        PluginError: If the module cannot be imported.
    """
    if pm.has_plugin(module_name):
        return
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise PluginError(
            f"plugin module {module_name!r} failed to import: {type(exc).__name__}: {exc}"
        ) from exc
    pm.register(module, name=module_name)


def check_plugins(pm: pluggy.PluginManager) -> None:
    """Raise :class:`PluginError` if a plugin implements a hook that has no spec."""
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(
            f"plugin {exc.plugin!r} is invalid: {exc}; hooks must be named "
            "like the specs in newsparse.hookspecs (newsparse_*)"
        ) from exc


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    import importlib.metadata  # slow to import; only needed here

    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if pm.has_plugin(ep.name) or pm.is_blocked(ep.name):
            continue
        dist = ep.dist.name if ep.dist is not None else "unknown distribution"
        try:
            plugin = ep.load()
        except Exception as exc:
            raise PluginError(
                f"entry point {ep.name!r} ({ep.value}) of {dist} failed to load: "
                f"{type(exc).__name__}: {exc}; reinstall or uninstall {dist}"
            ) from exc
        try:
            pm.register(plugin, name=ep.name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(
                f"entry point {ep.name!r} of {dist} is not a valid plugin: {exc}"
            ) from exc
