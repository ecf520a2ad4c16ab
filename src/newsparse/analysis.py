"""Resolve which extractors run and in what order, from requires/provides.

The order is a topological sort of the requires/provides graph with ties
broken by extractor name, so it never depends on install or registration order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsparse.errors import (
    CycleError,
    DuplicateProviderError,
    MissingLayerError,
    PluginError,
)
from newsparse.extractor import Extractor

__all__ = ["Candidate", "PipelineAnalysis", "resolve_order"]


@dataclass(frozen=True)
class Candidate:
    """An extractor class and the plugin that contributed it."""

    cls: type[Extractor[Any]]
    plugin: str

    @property
    def name(self) -> str:
        """The extractor's name."""
        return self.cls.name


@dataclass(frozen=True)
class PipelineAnalysis:
    """What a pipeline will run, in order, and what was left out and why."""

    steps: tuple[Candidate, ...]
    replaced: tuple[tuple[str, str], ...]
    disabled: tuple[str, ...]

    def format(self) -> str:
        """Return a readable table of the execution order."""
        rows = [("#", "extractor", "version", "requires", "provides", "plugin")]
        for i, step in enumerate(self.steps, 1):
            rows.append(
                (
                    str(i),
                    step.name,
                    step.cls.version,
                    ", ".join(step.cls.requires) or "-",
                    ", ".join(step.cls.provides),
                    step.plugin,
                )
            )
        widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
        for old, new in self.replaced:
            lines.append(f"replaced: {old} (by {new})")
        for name in self.disabled:
            lines.append(f"disabled: {name}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the analysis as JSON-ready data."""
        return {
            "order": [
                {
                    "name": s.name,
                    "version": s.cls.version,
                    "requires": list(s.cls.requires),
                    "provides": list(s.cls.provides),
                    "plugin": s.plugin,
                }
                for s in self.steps
            ],
            "replaced": [{"name": old, "by": new} for old, new in self.replaced],
            "disabled": list(self.disabled),
        }


def resolve_order(
    candidates: Iterable[Candidate], *, disable: Sequence[str] = ()
) -> PipelineAnalysis:
    """Choose the enabled extractors and sort them.

    Args:
        candidates: Every extractor class offered by the registered plugins.
        disable: Names of extractors not to run.

    Raises:
        PluginError: If a class is invalid or two classes share a name.
        MissingLayerError: If a requirement has no provider.
        DuplicateProviderError: If two enabled extractors provide the same layer.
        CycleError: If requirements form a cycle.
    """
    by_name: dict[str, Candidate] = {}
    for cand in candidates:
        cand.cls.check_declaration()
        if cand.name in by_name and by_name[cand.name].cls is not cand.cls:
            other = by_name[cand.name]
            raise PluginError(
                f"two extractors are named {cand.name!r}: from plugin {other.plugin!r} "
                f"and from plugin {cand.plugin!r}; rename one, or give it another "
                f"name with replaces = ({cand.name!r},)"
            )
        by_name[cand.name] = cand
    unknown = sorted(set(disable) - set(by_name))
    if unknown:
        raise PluginError(
            f"cannot disable {', '.join(map(repr, unknown))}: no such extractor "
            f"(known: {', '.join(sorted(by_name))})"
        )
    enabled = {n: c for n, c in by_name.items() if n not in set(disable)}
    replaced: list[tuple[str, str]] = []
    for cand in sorted(enabled.values(), key=lambda c: c.name):
        for old in cand.cls.replaces:
            if old in enabled and old != cand.name:
                replaced.append((old, cand.name))
    for old, _ in replaced:
        enabled.pop(old, None)

    providers: dict[str, str] = {}
    for cand in sorted(enabled.values(), key=lambda c: c.name):
        for key in cand.cls.provides:
            if key in providers:
                first = enabled[providers[key]]
                raise DuplicateProviderError(
                    f"layer {key!r} is provided by both {first.name!r} (plugin "
                    f"{first.plugin!r}) and {cand.name!r} (plugin {cand.plugin!r}); "
                    f"disable one, or declare replaces = ({first.name!r},) on the other"
                )
            providers[key] = cand.name
    names = ", ".join(sorted(enabled))
    for cand in sorted(enabled.values(), key=lambda c: c.name):
        for key in cand.cls.requires:
            if key not in providers:
                raise MissingLayerError(
                    f"extractor {cand.name!r} requires {key!r}, which no enabled "
                    f"extractor provides (enabled: {names}); install a plugin that "
                    f"provides {key!r} or disable {cand.name!r}"
                )
    steps = _toposort(enabled, providers)
    return PipelineAnalysis(
        steps=tuple(steps), replaced=tuple(replaced), disabled=tuple(sorted(set(disable)))
    )


def _toposort(enabled: dict[str, Candidate], providers: dict[str, str]) -> list[Candidate]:
    deps = {
        name: {providers[key] for key in cand.cls.requires} - {name}
        for name, cand in enabled.items()
    }
    dependants: dict[str, set[str]] = {name: set() for name in enabled}
    for name, needs in deps.items():
        for need in needs:
            dependants[need].add(name)
    waiting = {name: len(needs) for name, needs in deps.items()}
    ready = [name for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[Candidate] = []
    while ready:
        name = heapq.heappop(ready)
        order.append(enabled[name])
        for dep in dependants[name]:
            waiting[dep] -= 1
            if waiting[dep] == 0:
                heapq.heappush(ready, dep)
    if len(order) < len(enabled):
        stuck = sorted(name for name, count in waiting.items() if count > 0)
        raise CycleError(
            "extractors require each other's layers in a cycle: "
            + ", ".join(f"{n} requires {sorted(deps[n])}" for n in stuck)
        )
    return order
