"""The `briefings` command: thin wiring from arguments to the pipeline."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__, project, report
from generator.content.problems import ContentError, Problem, printable

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argument_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from generator.engine.sitedir import SiteDirError

    with project.entered(args) as refusal:  # the working folder is restored after
        try:
            if refusal is not None:
                return _usage(refusal)
            return int(args.run(args))
        except SiteDirError as error:  # before anything was written
            return _usage(str(error))
        except ContentError as error:
            return _fail(error.problems, getattr(args, "format", "text"))
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # `briefings check | head`: the reader left; no traceback
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_PROBLEMS


def _usage(message: str) -> int:
    print(printable(f"briefings: error: {message}"), file=sys.stderr)
    return EXIT_USAGE


def _fail(problems: list[Problem], fmt: str = "text") -> int:
    print(report.render(problems, fmt), file=sys.stderr if fmt == "text" else sys.stdout)
    return EXIT_PROBLEMS


def _check(args: argparse.Namespace) -> int:
    from generator.editorial.changed_files import among, limit_to_files, refused_files
    from generator.pipeline import check, site_language

    content = Path(args.content)
    refused = refused_files(args.files, content)
    if refused:
        print(report.render(refused, "text"), file=sys.stderr)
        return EXIT_USAGE
    loaded = check(content, language=site_language(Path("mkdocs.yml")))
    problems = loaded.problems
    if args.since:
        from generator.editorial.permalinks import GitError, since
        try:
            problems = [*problems, *since(loaded.archive, content, args.since)]
        except GitError as error:
            return _usage(f"--since {args.since}: {error}")
    drafts = tuple(sorted(b.origin.path for b in loaded.archive.briefings if b.draft))
    if args.files:
        problems = limit_to_files(problems, args.files, content)
    notices = among(drafts, args.files) if args.files else drafts
    output = report.render(problems, args.format, report.Tally(loaded.files, drafts, notices))
    if output:
        print(output)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from generator.engine import hosts
    from generator.engine.render import EngineConfig, EngineError, settings
    from generator.pipeline import BuildOptions, build

    options = BuildOptions(content=Path(args.content), site_dir=Path(args.site_dir),
                           drafts=args.drafts, config_file=Path(args.config), engine=args.engine)
    try:
        extra = settings(EngineConfig(options.config_file, engine=options.engine)).get("extra")
        limits = hosts.host_limits((extra or {}).get("host"))
        hosts.downloads_url(extra)  # a value that is no URL: refused before anything is built
    except ValueError as error:
        print(f"briefings: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError:  # no mkdocs.yml: the build says so
        limits = hosts.host_limits(None)
    try:
        if args.downloads:
            from generator.editions.downloads import build_with_downloads
            problems = build_with_downloads(options)
        else:
            problems = build(options)
    except EngineError as error:
        print(f"briefings: error: {error}; the previous site was left as it was", file=sys.stderr)
        return EXIT_PROBLEMS
    for problem in problems + project.placeholders(options.config_file, args.engine):
        print(problem.format_text(), file=sys.stderr)
    line, warnings = hosts.report(hosts.measure(options.site_dir, options.folder.site_sizes),
                                  limits)  # before a deploy
    print(f"built {options.site_dir}/\n{line}")
    for warning in warnings:
        print(f"briefings: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from generator.engine.render import EngineError
    from generator.serve import AddressError, serve

    try:
        return serve(Path(args.content), Path(args.config), args.dev_addr, args.drafts,
                     engine=args.engine)
    except AddressError as error:
        return _usage(str(error))
    except EngineError as error:
        print(f"briefings: error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS


def _bundle(args: argparse.Namespace) -> int:
    from generator.editions.bundle import make_bundle

    return _edition(lambda: make_bundle(Path(args.content), Path(args.output),
                                        Path(args.config), engine=args.engine), "bundle")


def _zim(args: argparse.Namespace) -> int:
    from generator.editions.zim import make_zim

    return _edition(lambda: make_zim(Path(args.content), Path(args.output),
                                     Path(args.config), engine=args.engine).path, "ZIM")


def _edition(write: Callable[[], Path], what: str) -> int:
    """Write an offline edition and print its path; an engine failure writes none."""
    from generator.engine.render import EngineError

    try:
        path = write()
    except EngineError as error:
        print(f"briefings: error: {error}; no {what} was written", file=sys.stderr)
        return EXIT_PROBLEMS
    print(path)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from generator.editorial.newbriefing import create_briefing

    path = create_briefing(args)
    print(path)
    print("briefings new: written as a draft; write the summary in place of the placeholder, "
          "then delete the line 'draft: true'", file=sys.stderr)
    return EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    from generator.editorial.ingest import ingest_file

    result = ingest_file(Path(args.file), Path(args.content), args.date,
                         published=args.published)
    print(result.path)
    print("briefings ingest: wrote a draft; `briefings check` reports it until you:",
          file=sys.stderr)
    for step in result.todo:
        print(f"  - {step}", file=sys.stderr)
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    from generator.engine.render import EngineConfig, site_settings
    from generator.pipeline import check
    from generator.prsummary import parse_name_status, summary

    content = Path(args.content)
    site = site_settings(EngineConfig(Path(args.config)))
    changes = parse_name_status(sys.stdin.read())
    from generator.editions.bundle import folder_name
    print(summary(check(content), changes, site.url, args.run_url, content,
                  folder_name(site.name)), end="")
    return EXIT_OK


def _sources(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from generator.content import sourcestate
    from generator.editorial.sources import report, run, wayback
    from generator.engine.render import EngineConfig, site_settings
    from generator.pipeline import check

    content = Path(args.content)
    loaded = check(content, drafts=True)
    if not loaded.ok:
        return _fail(loaded.problems)
    if args.report:
        records, _problems = sourcestate.read(content)
        print(report.dead_report(loaded.archive, records), end="")
        return EXIT_OK
    keys = None
    if args.save:
        try:
            keys = wayback.credentials()
        except wayback.NoCredentials as error:
            print(f"briefings: error: {error}", file=sys.stderr)
            return EXIT_USAGE
    site = site_settings(EngineConfig(Path(args.config)))
    agent = (f"briefings-sources/{__version__} (checks the sources an archive of briefings "
             f"cites, at most one request a second per host; +{site.url})")
    settings = run.Settings(budget=args.budget, pace=args.pace, timeout=args.timeout,
                            user_agent=agent, availability=args.wayback, save_keys=keys,
                            write=args.write)
    outcome = run.run(loaded.archive, content, settings, datetime.now(UTC).date())
    if outcome.diff:
        print(outcome.diff, end="")
    print(report.summary(outcome, args.budget), end="", file=sys.stderr)
    return EXIT_OK


def _duration(value: str) -> float:
    """``--budget``: seconds, or a number with s, m or h (90, 90s, 10m, 1h)."""
    units = {"s": 1, "m": 60, "h": 3600}
    number, unit = (value[:-1], value[-1]) if value[-1:] in units else (value, "s")
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a duration: {value!r} (write 90s, 10m or 1h)"
                                         ) from None
    if not 0 < seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError("a budget lies between 1 second and 24 hours")
    return seconds


def _at_least(least: float) -> Callable[[str], float]:
    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if not least <= number <= 3600:
            raise argparse.ArgumentTypeError(f"must lie between {least:g} and 3600")
        return number
    return parse


def _date_option(value: str) -> object:
    """YYYY-MM-DD for --date options; a malformed date is a usage error (exit 2)."""
    from generator.content.syntax.fields import FieldError, iso_date
    from generator.content.syntax.yamlstrict import Located

    try:
        return iso_date(Located(value, 0), "date")
    except FieldError as error:
        raise argparse.ArgumentTypeError(error.message.replace("'date' ", "")) from None


def add_engine_option(parser: argparse.ArgumentParser) -> None:
    """``--engine mkdocs|properdocs`` (default: $BRIEFINGS_ENGINE, else mkdocs) on a command
    that renders; the choice reaches generator.engine as ``args.engine``."""
    from generator.engine import engines

    parser.add_argument(
        "--engine", type=_engine_option, metavar="|".join(engines.ENGINES),
        default=os.environ.get(engines.ENVIRONMENT) or engines.DEFAULT,
        help=f"the renderer: {' or '.join(engines.ENGINES)} (default: "
             f"${engines.ENVIRONMENT}, else {engines.DEFAULT})")


def _engine_option(value: str) -> str:
    from generator.engine import engines

    try:
        return engines.checked(value)
    except engines.EngineChoiceError as error:
        raise argparse.ArgumentTypeError(
            f"{error} (the default comes from ${engines.ENVIRONMENT})") from None


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefings", description=(
        "Check curated briefings and build them into a searchable static site."))
    parser.add_argument("--version", action="version", version=f"briefings {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, run: object, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        sub.add_argument("--content", metavar="DIR", help="the content folder (default: "
                         "content/ of the project, the nearest folder with mkdocs.yml)")
        return sub

    check = command("check", _check, "validate every briefing and registry; report every problem")
    check.add_argument("--format", choices=report.FORMATS, default="text",
                       help="text (path:line: error: message), json, or github annotations")
    check.add_argument("--since", metavar="REV", help=(
        "git revision of what is published: changing a published briefing's address fails"))
    check.add_argument("files", nargs="*", metavar="FILE", help=(
        "report only problems in these files and those they cause elsewhere "
        "(for pull requests: pass the changed files)"))

    build = command("build", _build,
                    "check, then build the site; a failed build keeps the old site")
    build.add_argument("--site-dir", metavar="DIR",
                       help="output folder (default: site/ in the project)")
    build.add_argument("--drafts", action="store_true", help="include briefings marked draft: true")
    build.add_argument("--downloads", action="store_true", help=(
        "also build the offline zip and the Kiwix ZIM and publish them, with checksums and "
        "a Downloads page, under /downloads/"))
    build.add_argument("--config", help=argparse.SUPPRESS)
    add_engine_option(build)

    serve = command("serve", _serve, "live preview that rebuilds when content changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="address to serve on (default: 127.0.0.1:8000)")
    serve.add_argument("--drafts", action="store_true", help="include drafts in the preview")
    serve.add_argument("--config", help=argparse.SUPPRESS)
    add_engine_option(serve)

    bundle = command("bundle", _bundle, "build the offline bundle: one zip that works from disk")
    bundle.add_argument("--output", metavar="FILE.zip", help=(
        f"the zip to write (default: {project.OUTPUTS['bundle']} in the project)"))
    bundle.add_argument("--config", help=argparse.SUPPRESS)
    add_engine_option(bundle)

    zim = command("zim", _zim, "build the Kiwix edition: one ZIM file with its own search index")
    zim.add_argument("--output", metavar="FILE.zim", help=(
        f"the ZIM to write (default: {project.OUTPUTS['zim']} in the project)"))
    zim.add_argument("--config", help=argparse.SUPPRESS)
    add_engine_option(zim)

    new = command("new", _new, "write a new briefing file in the right place and print its path")
    new.add_argument("--title", required=True, help="the headline, in your own words")
    new.add_argument("--date", required=True, type=_date_option, metavar="YYYY-MM-DD",
                     help="the day the events happened")
    new.add_argument("--region", required=True, action="append", metavar="REGION",
                     help="region id, name or alias (repeatable)")
    new.add_argument("--actor", required=True, action="append", metavar="ACTOR",
                     help="actor id, name or alias (repeatable)")
    new.add_argument("--source-name", required=True, metavar="NAME",
                     help="the outlet that published the report, e.g. RFE/RL")
    new.add_argument("--source-url", required=True, metavar="URL", help="the report's address")
    new.add_argument("--source-via", metavar="NAME",
                     help="the site that republished it, e.g. Oilprice.com")
    new.add_argument("--source-published", type=_date_option, metavar="YYYY-MM-DD",
                     help="the day the report was published")
    new.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    new.add_argument("--slug", metavar="SLUG",
                     help="the URL slug (default: made from the title)")

    ingest = command("ingest", _ingest, "turn a saved article page (text or HTML) into a draft")
    ingest.add_argument("file", metavar="FILE", help="the page, saved as .html or copied as text")
    ingest.add_argument("--date", type=_date_option, metavar="YYYY-MM-DD",
                        help="the date of the events (the draft's 'date'; default: the "
                        "date the page states)")
    ingest.add_argument("--published", type=_date_option, metavar="YYYY-MM-DD",
                        help="the day the report was published ('source.published'; default: "
                        "the date the page states)")

    pr_summary = command("summary", _summary, "Markdown for a pull request's job summary: the "
                         "briefings it adds or changes, their pages, where the preview is")
    pr_summary.add_argument("--run-url", metavar="URL",
                            help="the check run's page, where the preview can be downloaded")
    pr_summary.add_argument("--config", help=argparse.SUPPRESS)
    _sources_parser(command)
    return parser


def _sources_parser(command: Callable[[str, object, str], argparse.ArgumentParser]) -> None:
    from generator.editorial.sources.wayback import AVAILABILITY

    sources = command("sources", _sources, "check every cited source, record it in "
                      "content/sources-state.yml, find archived copies and propose them")
    sources.add_argument("--budget", type=_duration, default=600.0, metavar="DURATION",
                         help="stop starting requests after this long (90s, 10m, 1h; "
                         "default 10m); the next run resumes")
    sources.add_argument("--pace", type=_at_least(1.0), default=1.0, metavar="SECONDS",
                         help="seconds between two requests to one host (at least 1)")
    sources.add_argument("--timeout", type=_at_least(1.0), default=10.0, metavar="SECONDS",
                         help="the longest one request may take (default 10)")
    sources.add_argument("--wayback", default=AVAILABILITY, metavar="URL",
                         help=f"the Wayback availability endpoint (default {AVAILABILITY})")
    sources.add_argument("--save", action="store_true", help=(
        "request Save Page Now captures of live sources with no copy (keys in "
        "$WAYBACK_ACCESS_KEY and $WAYBACK_SECRET_KEY)"))
    sources.add_argument("--write", action="store_true", help=(
        "write the proposed archive: values into the briefing files (else print a diff)"))
    sources.add_argument("--report", action="store_true", help=(
        "only list the dead sources that have no archived copy, oldest first (no network)"))
    sources.add_argument("--config", help=argparse.SUPPRESS)


if __name__ == "__main__":
    sys.exit(main())
