import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module_name",
    ["newsparse", "newsparse.pipeline", "newsparse.article", "newsparse.extractor"],
)
def test_docstring_examples_run(module_name: str) -> None:
    result = doctest.testmod(importlib.import_module(module_name))
    assert result.attempted > 0
    assert result.failed == 0
