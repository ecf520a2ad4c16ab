"""Built-in plugins, registered exactly like third-party ones.

:data:`BUILTIN_PLUGINS` lists module names; :func:`newsparse.make_plugin_manager`
imports and registers them in this order (order never affects execution order).
"""

__all__ = ["BUILTIN_PLUGINS"]

BUILTIN_PLUGINS: tuple[str, ...] = (
    "newsparse.plugins.core",
    "newsparse.plugins.sections",
    "newsparse.plugins.sentences",
    "newsparse.plugins.entities",
    "newsparse.plugins.quotes",
    "newsparse.plugins.stance",
)
