from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse import (
    Article,
    CycleError,
    DuplicateProviderError,
    Extractor,
    MissingLayerError,
    NoConfig,
    PluginError,
)
from newsparse.analysis import Candidate, resolve_order


def make(
    name: str,
    requires: tuple[str, ...] = (),
    provides: tuple[str, ...] = (),
    replaces: tuple[str, ...] = (),
) -> type[Extractor[Any]]:
    def extract(self: Extractor[Any], doc: Article) -> Mapping[str, Any]:
        return {}

    return type(
        name.title(),
        (Extractor,),
        {
            "name": name,
            "requires": requires,
            "provides": provides or (f"extensions.{name}",),
            "replaces": replaces,
            "extract": extract,
        },
    )


A = make("a", provides=("sentences",))
B = make("b", requires=("sentences",), provides=("entities",))
C = make("c", requires=("sentences",), provides=("extensions.c",))
D = make("d", requires=("entities", "extensions.c"), provides=("stances",))
Z = make("z", provides=("extensions.z",))


def order(*classes: type[Extractor[Any]], disable: tuple[str, ...] = ()) -> list[str]:
    analysis = resolve_order([Candidate(cls, "test") for cls in classes], disable=disable)
    return [step.name for step in analysis.steps]


def test_order_respects_requires_and_breaks_ties_by_name() -> None:
    assert order(D, C, B, A, Z) == ["a", "b", "c", "d", "z"]


@given(st.permutations([A, B, C, D, Z]))
def test_registration_order_never_changes_execution_order(
    classes: list[type[Extractor[Any]]],
) -> None:
    names = order(*classes)
    assert names == ["a", "b", "c", "d", "z"]
    position = {name: i for i, name in enumerate(names)}
    providers = {key: cls.name for cls in classes for key in cls.provides}
    for cls in classes:
        for key in cls.requires:
            assert position[providers[key]] < position[cls.name]


def test_missing_layer_names_the_extractor_and_the_fix() -> None:
    with pytest.raises(MissingLayerError) as info:
        order(B, Z)
    message = str(info.value)
    assert "'b' requires 'sentences'" in message
    assert "enabled: b, z" in message
    assert "disable 'b'" in message


def test_two_providers_without_replacement_is_an_error() -> None:
    other = make("other", provides=("sentences",))
    with pytest.raises(DuplicateProviderError, match=r"'a'.*'other'"):
        order(A, other)


def test_replaces_drops_the_replaced_extractor() -> None:
    better = make("better", provides=("sentences",), replaces=("a",))
    analysis = resolve_order(
        [Candidate(A, "builtin"), Candidate(better, "acme"), Candidate(B, "builtin")]
    )
    assert [s.name for s in analysis.steps] == ["better", "b"]
    assert analysis.replaced == (("a", "better"),)
    assert "replaced: a (by better)" in analysis.format()


def test_disable_removes_an_extractor_and_unknown_names_fail() -> None:
    assert order(A, Z, disable=("z",)) == ["a"]
    with pytest.raises(PluginError, match=r"no such extractor"):
        order(A, disable=("nope",))


def test_cycle_is_reported() -> None:
    x = make("x", requires=("extensions.y",), provides=("extensions.x",))
    y = make("y", requires=("extensions.x",), provides=("extensions.y",))
    with pytest.raises(CycleError, match=r"x requires.*y requires"):
        order(x, y)


def test_same_name_twice_is_an_error() -> None:
    twin = make("a", provides=("extensions.twin",))
    with pytest.raises(PluginError, match=r"two extractors are named 'a'"):
        order(A, twin)


@pytest.mark.parametrize(
    ("attrs", "message"),
    [
        ({"name": "Bad-Name", "provides": ("sentences",)}, "lowercase"),
        ({"name": "ok", "provides": ("nonsense",)}, "not a layer key"),
        ({"name": "ok", "provides": ()}, "provides' is empty"),
        ({"name": "ok", "provides": ["sentences"]}, "tuple of strings"),
        ({"name": "ok", "provides": ("sentences",), "Config": dict}, "pydantic model"),
    ],
)
def test_invalid_declarations_are_plugin_errors(attrs: dict[str, Any], message: str) -> None:
    cls = type("Bad", (Extractor,), attrs)
    with pytest.raises(PluginError, match=message):
        resolve_order([Candidate(cls, "test")])


def test_analysis_to_dict_lists_order() -> None:
    analysis = resolve_order([Candidate(A, "p"), Candidate(B, "p")])
    data = analysis.to_dict()
    assert [step["name"] for step in data["order"]] == ["a", "b"]
    assert data["order"][1]["requires"] == ["sentences"]
    assert isinstance(NoConfig(), NoConfig)
