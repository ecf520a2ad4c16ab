import ast
import importlib
import subprocess
import sys
from pathlib import Path

import newsparse
from newsparse import hookspecs
from newsparse.plugins import BUILTIN_PLUGINS

SRC = Path(newsparse.__file__).resolve().parent


def test_all_is_sorted_and_complete() -> None:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions.
    def key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert newsparse.__all__ == sorted(newsparse.__all__, key=key)
    for name in newsparse.__all__:
        assert hasattr(newsparse, name), name
    public = {
        n
        for n, obj in vars(newsparse).items()
        if not n.startswith("_")
        and n[0].isupper()
        and getattr(obj, "__module__", "newsparse").startswith("newsparse")
    }
    assert public <= set(newsparse.__all__)


def test_every_public_name_has_a_docstring() -> None:
    for name in newsparse.__all__:
        obj = getattr(newsparse, name)
        if callable(obj) and not isinstance(obj, str):
            assert (obj.__doc__ or "").strip(), name


def test_every_hookspec_is_prefixed_and_documented() -> None:
    specs = [n for n in dir(hookspecs) if n.startswith("newsparse_")]
    assert specs, "no hook specs found"
    for name in dir(hookspecs):
        func = getattr(hookspecs, name)
        if callable(func) and hasattr(func, "newsparse_spec"):
            assert name.startswith("newsparse_"), name
            assert "Added in" in (func.__doc__ or ""), name


def test_builtin_plugins_import_only_the_public_api() -> None:
    allowed_stdlib = set(sys.stdlib_module_names) | {"regex", "pydantic", "__future__"}
    for module_name in BUILTIN_PLUGINS:
        path = SRC / "plugins" / (module_name.rsplit(".", 1)[1] + ".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                ok = (
                    name == "newsparse"
                    or name.startswith("newsparse.plugins._")
                    or top in allowed_stdlib
                )
                assert ok, f"{path.name} imports {name}"


def test_import_registers_nothing() -> None:
    # Importing the package must not build managers or load entry points.
    module = importlib.reload(newsparse)
    assert module._default_pipeline.cache_info().currsize == 0


def test_import_is_lazy() -> None:
    # ``import newsparse`` loads neither pydantic nor pluggy; the document model
    # loads pydantic only; the pipeline machinery loads on first use.
    heavy = "sorted(m for m in ('pydantic', 'pluggy', 'importlib.metadata') if m in sys.modules)"
    code = (
        f"import sys, newsparse\nprint({heavy})\n"
        f"from newsparse import Article\nprint({heavy})\n"
        "from newsparse import hookimpl\n"
        "print('pluggy' in sys.modules, 'Pipeline' in dir(newsparse))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "['pydantic']", "True True"]
