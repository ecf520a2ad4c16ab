"""The Pipeline: ordered, configured extractors run over articles."""

from __future__ import annotations

import sys
import time
import types
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Literal, cast

import pluggy
from pydantic import ValidationError

from newsparse._construct import construct
from newsparse.analysis import Candidate, PipelineAnalysis, resolve_order
from newsparse.annotations import ExtractorFailure, PluginRun
from newsparse.article import Article, _copy_with
from newsparse.config import PipelineSettings, merge_config, validate_extractor_config
from newsparse.errors import (
    ConfigError,
    ExtractorError,
    NewsparseError,
    NewsparseWarning,
    PluginError,
)
from newsparse.extractor import Extractor
from newsparse.manager import check_plugins, make_plugin_manager, register_module
from newsparse.output import InputFailure
from newsparse.readers import Source, read

__all__ = ["ErrorPolicy", "Pipeline"]

ErrorPolicy = Literal["raise", "record"]


class Pipeline:
    r"""Configured extractors in execution order; reusable across articles.

    Build one with :meth:`build`, then call :meth:`parse` for each article.

    Example:
        >>> pipeline = Pipeline.build(entry_points=False)
        >>> doc = pipeline.parse("Key Facts\n\n- One.\n- Two.\n")
        >>> doc.sections[0].kind
        'key_facts'
    """

    def __init__(
        self,
        extractors: Sequence[Extractor[Any]],
        *,
        pm: pluggy.PluginManager,
        analysis: PipelineAnalysis,
        errors: ErrorPolicy = "raise",
    ) -> None:
        """Use :meth:`build` instead; this takes already ordered extractors."""
        if errors not in ("raise", "record"):
            raise ConfigError(f"errors must be 'raise' or 'record', not {errors!r}")
        self.extractors = tuple(extractors)
        self.pm = pm
        self.analysis = analysis
        self.errors: ErrorPolicy = errors
        self._build_spec: dict[str, Any] | None = None

    @classmethod
    def build(
        cls,
        config: Mapping[str, Any] | None = None,
        *,
        disable: Sequence[str] = (),
        plugins: Sequence[object] = (),
        pm: pluggy.PluginManager | None = None,
        errors: ErrorPolicy = "raise",
        entry_points: bool = True,
    ) -> Pipeline:
        """Collect extractors from the plugins, validate config, and order them.

        Args:
            config: Extractor name to settings, plus an optional ``pipeline``
                table (``disable``, ``plugins``); see :mod:`newsparse.config`.
            disable: Names of extractors not to run.
            plugins: Extra plugins: module names (``"pkg.mod"``) or objects.
            pm: A plugin manager to use instead of a new one.
            errors: ``"raise"`` stops at the first extractor failure;
                ``"record"`` records it in ``meta.errors`` and goes on.
            entry_points: Load installed third-party plugins (new managers only).

        Raises:
            PluginError, ConfigError, PipelineError: See :mod:`newsparse.errors`.
        """
        config = merge_config(config)
        try:
            settings = PipelineSettings.model_validate(config.get("pipeline", {}))
        except ValidationError as exc:
            raise ConfigError(f"invalid [pipeline] settings: {exc}") from exc
        if pm is None:
            pm = make_plugin_manager(entry_points=entry_points)
        for plugin in (*settings.plugins, *plugins):
            if isinstance(plugin, str):
                register_module(pm, plugin)
            elif not pm.is_registered(plugin):
                pm.register(plugin)
        check_plugins(pm)
        candidates = _collect(pm)
        analysis = resolve_order(candidates, disable=(*settings.disable, *disable))
        classes = {c.name: c.cls for c in candidates}
        configs = validate_extractor_config(classes, config)
        extractors = [step.cls(configs[step.name]) for step in analysis.steps]
        pipeline = cls(extractors, pm=pm, analysis=analysis, errors=errors)
        # Kept so the pipeline can be pickled (sent to worker processes) and rebuilt.
        pipeline._build_spec = _build_spec(config, disable, plugins, pm, errors, entry_points)
        return pipeline

    def parse(
        self, source: Source | Article, *, format: str = "auto", id: str | None = None
    ) -> Article:
        """Read ``source`` (unless it is an Article) and run every extractor.

        Args:
            source: Text (``str``), ``bytes``, a path, or an :class:`Article`.
            format: Input format; see :mod:`newsparse.readers`.
            id: Document id for the article.

        Raises:
            ReaderError: If the input cannot be read.
            ExtractorError: If an extractor fails and ``errors="raise"``.
        """
        doc = source if isinstance(source, Article) else read(source, format=format, id=id)
        return self.run(doc)

    def run(self, doc: Article) -> Article:
        """Run every extractor, in order, on an article that has been read."""
        hook = self.pm.hook
        # Asked once per article, not per extractor: the hook implementations
        # do not change while an article is parsed.
        direct = _only_default_run(self.pm, hook)
        runs: list[PluginRun] = []
        failures: list[ExtractorFailure] = []
        # Layer -> the failed extractors it is missing because of, so each recorded
        # failure lists only the dependants it caused to be skipped.
        missing_because: dict[str, frozenset[str]] = {}
        skipped_by: dict[str, list[str]] = {}
        for extractor in self.extractors:
            causes: frozenset[str] = (
                frozenset().union(
                    *(missing_because.get(key, frozenset()) for key in extractor.requires)
                )
                if missing_because
                else frozenset()
            )
            if causes:
                for key in extractor.provides:
                    missing_because[key] = causes
                for cause in causes:
                    skipped_by[cause].append(extractor.name)
                runs.append(_plugin_run(extractor.name, extractor.version, 0.0, "skipped"))
                continue
            started = time.perf_counter()
            try:
                doc = self._run_one(hook, extractor, doc, direct)
                status: Literal["ok", "failed"] = "ok"
            except ExtractorError as exc:
                if self.errors == "raise":
                    raise
                status = "failed"
                for key in extractor.provides:
                    missing_because[key] = frozenset((extractor.name,))
                skipped_by[extractor.name] = []
                failures.append(self._record(exc, extractor))
            ms = (time.perf_counter() - started) * 1000.0
            runs.append(_plugin_run(extractor.name, extractor.version, round(ms, 4), status))
        meta = doc.meta
        if failures:
            failures = [
                f.model_copy(update={"skipped": tuple(skipped_by[f.extractor])}) for f in failures
            ]
            meta = meta.model_copy(update={"errors": (*meta.errors, *failures)})
        # The run records and meta were validated when made.
        doc = _copy_with(doc, {"pipeline": (*doc.pipeline, *runs), "meta": meta})
        if hook.newsparse_document_parsed.get_hookimpls() or not _untraced(self.pm):
            hook.newsparse_document_parsed(doc=doc)
        return doc

    def parse_many(
        self,
        sources: Iterable[Source | Article],
        *,
        workers: int = 1,
        format: str = "auto",
        chunksize: int = 16,
        start_method: str | None = None,
        timeout: float | None = None,
    ) -> Iterator[Article | InputFailure]:
        """Parse many inputs, yielding results in input order as they finish.

        With ``workers > 1`` the inputs go, ``chunksize`` at a time, to worker
        processes (each rebuilds this pipeline once), with a bounded number of
        chunks in flight, so memory does not grow with the number of inputs.
        Scripts that use workers need the usual ``if __name__ == "__main__":``
        guard.

        Args:
            sources: Inputs as for :meth:`parse`; consumed lazily.
            workers: Processes to use; 1 parses in this process.
            format: Input format for every source.
            chunksize: Inputs sent to a worker at a time.
            start_method: How workers start: ``"forkserver"`` (the default on
                Linux: forked from a server process that has newsparse loaded),
                ``"spawn"`` (the default elsewhere: a fresh interpreter each,
                seconds of start-up), or ``"fork"`` (forked from this process;
                fastest, unsafe if this process runs threads). See the scale guide.
            timeout: Seconds each input may take (wall clock; None, the default:
                no limit). An input over it fails with ``ParseTimeoutError``
                (an error record under ``errors="record"``) and the next one
                goes on. Its signal interrupts Python code only; a worker
                process still on one input after twice the limit plus a second
                (a C call that does not return) is stopped and replaced. It
                needs POSIX and, with ``workers=1``, the main thread. See the
                scale guide.

        Yields:
            One result per input, in input order: the article, or, when this
            pipeline's ``errors`` is ``"record"``, an :class:`InputFailure` for an
            input that could not be read (the other inputs go on).

        Raises:
            ReaderError: If an input cannot be read and ``errors="raise"``.
            ExtractorError: If an extractor fails and ``errors="raise"``.
            ValueError: If ``start_method`` is unknown or not available here.
            ConfigError: If ``timeout`` is not a positive number, or cannot be
                enforced here (Windows; ``workers=1`` outside the main thread).
        """
        from newsparse._parallel import parallel_map

        yield from parallel_map(
            self,
            sources,
            workers=workers,
            format=format,
            chunksize=chunksize,
            start_method=start_method,
            timeout=timeout,
        )

    def _run_one(
        self, hook: Any, extractor: Extractor[Any], doc: Article, direct: bool = False
    ) -> Article:
        try:
            if direct:
                result = extractor.extract(doc)  # what the hook call would do
            else:
                result = hook.newsparse_run_extractor(extractor=extractor, doc=doc)
        except NewsparseError:
            raise
        except Exception as exc:
            raise ExtractorError(
                f"extractor {extractor.name!r} failed on document {doc.id!r}: "
                f"{type(exc).__name__}: {exc}",
                extractor=extractor.name,
                doc_id=doc.id,
            ) from exc
        if not isinstance(result, Mapping):
            raise ExtractorError(
                f"extractor {extractor.name!r} returned {type(result).__name__}, "
                "expected a mapping of layer keys to values",
                extractor=extractor.name,
                doc_id=doc.id,
            )
        extra = result.keys() - extractor.provides
        if extra:
            undeclared = sorted(extra)
            raise ExtractorError(
                f"extractor {extractor.name!r} returned undeclared layer(s) "
                f"{', '.join(map(repr, undeclared))}; add them to its 'provides' "
                f"(now {extractor.provides})",
                extractor=extractor.name,
                doc_id=doc.id,
            )
        try:
            return doc.with_layers(result)
        except (ValueError, KeyError) as exc:
            raise ExtractorError(
                f"extractor {extractor.name!r} returned invalid layers for document "
                f"{doc.id!r}: {exc}",
                extractor=extractor.name,
                doc_id=doc.id,
            ) from exc

    def _record(self, exc: ExtractorError, extractor: Extractor[Any]) -> ExtractorFailure:
        cause = exc.__cause__ or exc
        warnings.warn(NewsparseWarning(f"recorded failure: {exc}"), stacklevel=4)
        return ExtractorFailure(
            extractor=extractor.name,
            error_type=type(cause).__name__,
            message=str(cause),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the arguments of :meth:`build`; unpickling builds it again.

        Raises:
            TypeError: If the pipeline was not made by :meth:`build`.
        """
        spec = getattr(self, "_build_spec", None)
        if spec is None:
            raise TypeError(
                "only pipelines made by Pipeline.build() can be pickled (sent to worker "
                "processes); build it with Pipeline.build(...)"
            )
        from newsparse._parallel import rebuild_pipeline

        return (rebuild_pipeline, (spec,))

    def __repr__(self) -> str:
        """Show the execution order."""
        return f"<Pipeline {[e.name for e in self.extractors]} errors={self.errors!r}>"


# A hook call through pluggy costs more than the boundary checks of a small layer
# (~18k instructions with only the default implementation, ~11k with none), so the
# two hooks every parse calls are skipped when skipping them changes nothing: no
# implementation but the core's default (or none at all) and no hook-call monitoring
# (``add_hookcall_monitoring``/``enable_tracing`` replace the manager's inner executor).


def _only_default_run(pm: pluggy.PluginManager, hook: Any) -> bool:
    """Tell whether ``newsparse_run_extractor`` would only call ``extractor.extract(doc)``."""
    impls = hook.newsparse_run_extractor.get_hookimpls()
    if len(impls) != 1:
        return False
    core = sys.modules.get("newsparse.plugins.core")
    default = getattr(core, "newsparse_run_extractor", None)
    return default is not None and impls[0].function is default and _untraced(pm)


def _untraced(pm: pluggy.PluginManager) -> bool:
    """Tell whether ``pm`` calls hooks with pluggy's own executor (no monitoring)."""
    inner = getattr(pm, "_inner_hookexec", None)
    return inner is not None and inner is _plain_hookexec()


@cache
def _plain_hookexec() -> object:
    # The executor a fresh manager uses (pluggy's private ``_multicall``), read
    # rather than imported so a pluggy without it only turns the shortcut off.
    return getattr(pluggy.PluginManager("newsparse"), "_inner_hookexec", None)


_RUN_FIELDS_SET = {"name", "version", "ms", "status"}  # shared: PluginRun is frozen


def _plugin_run(name: str, version: str, ms: float, status: str) -> PluginRun:
    """Return ``PluginRun(name=name, version=version, ms=ms, status=status)``.

    ``ms`` (a rounded, non-negative float) and ``status`` come from :meth:`Pipeline.run`;
    only the extractor's declared name and version can be of the wrong type, and
    then the model validates them (and raises) as usual.
    """
    if type(name) is not str or type(version) is not str:
        return PluginRun(name=name, version=version, ms=ms, status=status)
    return construct(
        PluginRun, {"name": name, "version": version, "ms": ms, "status": status}, _RUN_FIELDS_SET
    )


def _build_spec(
    config: Mapping[str, Any],
    disable: Sequence[str],
    plugins: Sequence[object],
    pm: pluggy.PluginManager | None,
    errors: ErrorPolicy,
    entry_points: bool,
) -> dict[str, Any]:
    """Return picklable :meth:`Pipeline.build` arguments that rebuild the pipeline.

    Modules are kept by name. With a caller's plugin manager, its extra plugins and
    the built-ins it lacks are recorded instead of the manager itself.
    """
    extra: list[object] = list(plugins)
    missing: list[str] = []
    if pm is not None:
        from newsparse.plugins import BUILTIN_PLUGINS

        from_dists = {id(plugin) for plugin, _ in pm.list_plugin_distinfo()}
        entry_points = bool(from_dists)
        extra = [
            plugin
            for name, plugin in pm.list_name_plugin()
            if name not in BUILTIN_PLUGINS and id(plugin) not in from_dists
        ]
        missing = [name for name in BUILTIN_PLUGINS if not pm.has_plugin(name)]
    names = [p.__name__ if isinstance(p, types.ModuleType) else p for p in extra]
    return {
        "config": dict(config),
        "disable": tuple(disable),
        "plugins": tuple(names),
        "errors": errors,
        "entry_points": entry_points,
        "without_builtins": tuple(missing),
    }


def _collect(pm: pluggy.PluginManager) -> list[Candidate]:
    candidates: list[Candidate] = []
    for impl in pm.hook.newsparse_extractors.get_hookimpls():
        plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
        try:
            classes = cast("Sequence[object] | None", impl.function())
        except Exception as exc:
            raise PluginError(
                f"plugin {plugin_name!r} failed in newsparse_extractors: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        for cls in classes or ():  # a plugin may return None
            if not (isinstance(cls, type) and issubclass(cls, Extractor)):
                raise PluginError(
                    f"plugin {plugin_name!r} returned {cls!r} from newsparse_extractors; "
                    "expected Extractor subclasses"
                )
            candidates.append(Candidate(cls=cls, plugin=plugin_name))
    return candidates
