"""The ``newsparse`` command line: ``parse``, ``batch``, ``plugins``, ``schema``.

Exit codes: 0 success; 1 an input or extractor failed (``batch``: at least one
error record was written), or an output could not be written; 2 bad usage,
configuration or plugin; 130 interrupted (Ctrl-C; ``batch --resume`` continues
where it stopped).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsparse.annotations import Stance
from newsparse.article import Article
from newsparse.config import load_config_file, merge_config, parse_set_options
from newsparse.errors import ConfigError, NewsparseError, PipelineError, PluginError
from newsparse.pipeline import Pipeline
from newsparse.readers import FORMATS, read
from newsparse.tables import add_arguments as add_table_arguments
from newsparse.tables import run as write_tables_from_args

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = _make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        result: int = args.run(args)
        return result
    except (ConfigError, PluginError, PipelineError) as exc:
        print(f"newsparse: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NewsparseError as exc:
        print(f"newsparse: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newsparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (``| head``): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        # Mostly an output that cannot be written (a directory, a missing folder, a
        # full disk): inputs are read through the readers, which raise ReaderError.
        where = f"{exc.filename!r}: " if exc.filename else ""
        print(f"newsparse: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED


def _make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsparse",
        description="Parse news articles into offset-anchored documents.",
        epilog="Exit codes: 0 ok, 1 input/extractor failure, 2 usage/config error, "
        "130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="parse one article (a file, or - for stdin)")
    p.add_argument("input", help="file to parse, or - to read standard input")
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "text"),
        default="json",
        help="output: indented JSON, one JSON line, or a readable summary",
    )
    p.add_argument("--id", help="document id (default: the file stem)")
    _add_pipeline_options(p)
    p.set_defaults(run=_cmd_parse)

    b = sub.add_parser("batch", help="parse many inputs into a JSON Lines file")
    b.add_argument("inputs", nargs="+", help="files, directories or glob patterns")
    b.add_argument("-o", "--output", required=True, help="output .jsonl file (- for stdout)")
    b.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    b.add_argument(
        "--start-method",
        choices=("spawn", "fork", "forkserver"),
        help="how workers start (default: forkserver on Linux, else spawn; see the scale guide)",
    )
    b.add_argument(
        "--resume", action="store_true", help="skip inputs whose records are already in the output"
    )
    b.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="give up on an input after this many seconds (an error record, "
        "ParseTimeoutError) and go on; default: no limit; POSIX only",
    )
    b.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )
    _add_pipeline_options(b, errors_default="record")
    b.set_defaults(run=_cmd_batch)

    pl = sub.add_parser("plugins", help="list plugins and the extractor execution order")
    pl.add_argument(
        "--analyze", action="store_true", help="also show replaced and disabled extractors"
    )
    pl.add_argument("--json", action="store_true", help="print JSON")
    _add_pipeline_options(pl, with_input_options=False)
    pl.set_defaults(run=_cmd_plugins)

    t = sub.add_parser(
        "tables",
        help="flatten a batch's JSON Lines into CSV tables, a stance edge list or Parquet",
    )
    add_table_arguments(t)
    t.set_defaults(run=_cmd_tables)

    s = sub.add_parser("schema", help="print the JSON Schema of a parsed article")
    s.set_defaults(run=_cmd_schema)
    return parser


def _add_pipeline_options(
    p: argparse.ArgumentParser, *, errors_default: str = "raise", with_input_options: bool = True
) -> None:
    if with_input_options:
        p.add_argument(
            "--from",
            dest="from_format",
            choices=FORMATS,
            default="auto",
            help="input format (default: detect from name and content)",
        )
        p.add_argument(
            "--errors",
            choices=("raise", "record"),
            default=errors_default,
            help=f"on extractor failure: stop, or record it (default {errors_default})",
        )
    p.add_argument("--config", help="TOML file of extractor settings")
    p.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME.KEY=VALUE",
        help="set one extractor setting, e.g. quotes.max_chars=500 (repeatable)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAME",
        help="do not run this extractor (repeatable)",
    )
    p.add_argument(
        "--plugin",
        dest="plugins",
        action="append",
        default=[],
        metavar="MODULE",
        help="import and register a plugin module (repeatable)",
    )


def _build(args: argparse.Namespace) -> Pipeline:
    config = merge_config(
        load_config_file(args.config) if args.config else None,
        parse_set_options(args.settings),
    )
    return Pipeline.build(
        config,
        disable=args.disable,
        plugins=args.plugins,
        errors=getattr(args, "errors", "raise"),
    )


def _cmd_parse(args: argparse.Namespace) -> int:
    pipeline = _build(args)
    if args.input == "-":
        doc = read(sys.stdin.buffer.read(), format=args.from_format, id=args.id or "stdin")
    else:
        doc = read(Path(args.input), format=args.from_format, id=args.id)
    doc = pipeline.run(doc)
    if args.format == "json":
        print(doc.model_dump_json(indent=2))
    elif args.format == "jsonl":
        print(doc.model_dump_json())
    else:
        print(render_text(doc))
    return EXIT_FAILED if doc.meta.errors else EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from newsparse._parallel import check_start_method
    from newsparse.batch import run_batch

    # Checked before any work: argparse knows the names, not which this platform has.
    try:
        check_start_method(args.start_method)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    pipeline = _build(args)
    summary = run_batch(
        args.inputs,
        args.output,
        pipeline=pipeline,
        workers=args.workers,
        start_method=args.start_method,
        resume=args.resume,
        format=args.from_format,
        progress=args.progress,
        timeout=args.timeout,
    )
    print(summary.line(), file=sys.stderr)
    return EXIT_FAILED if summary.failed else EXIT_OK


def _cmd_plugins(args: argparse.Namespace) -> int:
    pipeline = _build(args)
    analysis = pipeline.analysis
    if args.json:
        data: dict[str, Any] = analysis.to_dict()
        data["plugins"] = _plugin_origins(pipeline)
        print(json.dumps(data, indent=2))
        return EXIT_OK
    print("plugins:")
    for name, origin in _plugin_origins(pipeline).items():
        print(f"  {name}  ({origin})")
    print("\nexecution order:")
    table = analysis.format()
    if not args.analyze:
        table = "\n".join(
            line for line in table.splitlines() if not line.startswith(("replaced:", "disabled:"))
        )
    print(table)
    return EXIT_OK


def _cmd_tables(args: argparse.Namespace) -> int:
    for line in write_tables_from_args(args):
        print(line)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Article.model_json_schema(), indent=2))
    return EXIT_OK


def _plugin_origins(pipeline: Pipeline) -> dict[str, str]:
    """Map each registered plugin name to where it comes from."""
    from importlib.metadata import entry_points

    from newsparse.manager import ENTRY_POINT_GROUP

    dists = {
        ep.name: f"entry point, {ep.dist.name} {ep.dist.version}"
        for ep in entry_points(group=ENTRY_POINT_GROUP)
        if ep.dist is not None
    }
    origins: dict[str, str] = {}
    for name, _plugin in sorted(pipeline.pm.list_name_plugin()):
        if name in dists:
            origins[name] = dists[name]
        elif name.startswith("newsparse.plugins."):
            origins[name] = "built-in"
        else:
            origins[name] = "registered at run time"
    return origins


def render_text(doc: Article) -> str:
    """Return a readable summary of a parsed article."""
    lines = [f"id: {doc.id}"]
    if doc.title:
        lines.append(f"title: {doc.title.text}")
    for label, span in (("byline", doc.byline), ("dateline", doc.dateline)):
        if span:
            lines.append(f"{label}: {span.text}")
    lines.append(f"sections: {len(doc.sections)}")
    for section in doc.sections:
        heading = section.heading.text if section.heading else "(no heading)"
        items = f", {len(section.items)} items" if section.items else ""
        lines.append(f"  [{section.kind}] {heading}{items}")
    lines.append(f"paragraphs: {len(doc.paragraphs)}  sentences: {len(doc.sentences)}")
    lines.append(f"entities: {len(doc.entities)}")
    for ent in doc.entities:
        lines.append(f"  {ent.id} {ent.name} [{ent.type}] x{len(ent.mentions)}")
    names = {ent.id: ent.name for ent in doc.entities}
    lines.append(f"quotes: {len(doc.quotes)}")
    for q in doc.quotes:
        speaker = q.speaker.text if q.speaker else "-"
        content = _clip(" … ".join(part.text for part in q.content), 70)
        lines.append(f"  {q.id} [{q.kind}, {q.source_type}] {speaker}: {content}")
    lines.append(f"stances: {len(doc.stances)}")
    for st in doc.stances:
        holder = names.get(st.holder, "(article)") if st.holder else "(article)"
        hedge = " (hedged)" if st.hedged else ""
        # The cue in its context tells apart stances of one pair and shows why each was read.
        lines.append(
            f"  {holder} -> {names.get(st.target, st.target)}: {st.polarity} {st.score:+.2f}{hedge}"
            f"  {_evidence(doc.text, st)}"
        )
    for failure in doc.meta.errors:
        lines.append(f"error: {failure.extractor}: {failure.error_type}: {failure.message}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    """Shorten ``text`` to at most ``width`` characters, marking the cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _evidence(text: str, stance: Stance, reach: int = 30) -> str:
    """Return the stance's evidence near its cue (the cue in [brackets]), or its start."""
    evidence, cue = stance.evidence, stance.cue
    if cue is None:
        return _clip(evidence.text, 2 * reach)
    start, end = max(evidence.start, cue.start - reach), min(evidence.end, cue.end + reach)
    before, after = text[start : cue.start], text[cue.end : end]
    if start > evidence.start:  # cut: drop the partial first word
        before = "..." + before[before.find(" ") + 1 :] if " " in before else "..."
    if end < evidence.end:
        after = (after[: after.rfind(" ")] if " " in after else "") + "..."
    return " ".join(f"{before}[{cue.text}]{after}".split())


def _version() -> str:
    from newsparse import __version__

    return f"newsparse {__version__}"
