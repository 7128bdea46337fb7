"""The `briefings` command: thin wiring from arguments to the pipeline."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__, report
from generator.content.problems import ContentError, Problem, printable
from generator.site.edition import Edition

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argument_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    start = os.getcwd()
    refusal = _enter_project(args)
    if refusal is not None:
        print(printable(f"briefings: error: {refusal}"), file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args)
    finally:
        os.chdir(start)  # main() is also called in-process (tests): leave the folder as found


# Commands that read the site's settings (mkdocs.yml); check, new and ingest need only content.
NEEDS_CONFIG = frozenset({"build", "serve", "bundle", "zim", "summary"})
# Options naming files or folders, as the user wrote them (relative to where they typed).
PATH_OPTIONS = ("content", "site_dir", "output", "config", "file")
DEFAULTS = {"content": "content", "site_dir": "site", "config": "mkdocs.yml"}
OUTPUTS = {"bundle": Edition.OFFLINE.file_name(), "zim": Edition.KIWIX.file_name()}


def _enter_project(args: argparse.Namespace) -> str | None:
    """Find the project as git finds its work tree, and work from there; or say why not.

    The project is the folder with mkdocs.yml at or above the content folder given with
    ``--content``, else at or above the working folder (with ``--config``, the working
    folder itself).
    Paths the user typed keep meaning what they meant where they were typed; defaults
    (content/, site/, the editions' files) are the project's. Without a project, check, new
    and ingest still work on an explicit ``--content``; the other commands say in one line
    where to run from.
    """
    given = {name: getattr(args, name) for name in PATH_OPTIONS
             if getattr(args, name, None) is not None}
    needs_config = args.command in NEEDS_CONFIG
    found = None
    if "config" in given:  # the settings named outright: work where the command was typed
        found = Path.cwd()
    elif "content" in given:
        found = (_project_above(Path(os.path.abspath(given["content"])), True)
                 or _project_above(Path.cwd(), True))
    else:
        found = _project_above(Path.cwd(), needs_config)
    if found is None and ("content" not in given or needs_config):
        return (f"no project here: neither '{os.getcwd()}' nor a folder above it has "
                "mkdocs.yml; run briefings inside the archive's project folder (or one of "
                "its sub-folders)" + ("" if "content" in given else
                                      ", or give --content DIR"))
    if found is not None and not os.path.samefile(found, os.getcwd()):
        for name, value in given.items():
            setattr(args, name, _from_project(found, value))
        if getattr(args, "files", None):
            args.files = [_from_project(found, name) for name in args.files]
        os.chdir(found)
    for name, value in {**DEFAULTS, "output": OUTPUTS.get(args.command)}.items():
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, value)
    content = getattr(args, "content", None)
    if content is not None and not Path(content).is_dir():
        return f"content folder '{content}' does not exist" + (
            f" in the project '{found}'" if found is not None and "content" not in given
            else "")
    return None


def _project_above(folder: Path, needs_config: bool) -> Path | None:
    """The nearest folder at or above ``folder`` holding mkdocs.yml (or, for a command that
    needs only the content, a folder named content: a checkout of the content alone)."""
    for candidate in (folder, *folder.parents):
        if (candidate / "mkdocs.yml").is_file() or (
                not needs_config and (candidate / "content").is_dir()):
            return candidate
    return None


def _from_project(project: Path, path: str) -> str:
    """A path typed elsewhere, as seen from the project folder (absolute if outside it)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, project)
    return absolute if relative.split(os.sep, 1)[0] == ".." else relative


def _run(args: argparse.Namespace) -> int:
    from generator.engine.sitedir import SiteDirError

    try:
        return int(args.run(args))
    except SiteDirError as error:  # before anything was written
        print(printable(f"briefings: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        return _fail(error.problems, getattr(args, "format", "text"))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `briefings check | head`: the reader left; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS


def _fail(problems: list[Problem], fmt: str = "text") -> int:
    print(report.render(problems, fmt), file=sys.stderr if fmt == "text" else sys.stdout)
    return EXIT_PROBLEMS


def _check(args: argparse.Namespace) -> int:
    from generator.editorial.changed_files import among, limit_to_files, refused_files
    from generator.pipeline import check

    content = Path(args.content)
    refused = refused_files(args.files, content)
    if refused:
        print(report.render(refused, "text"), file=sys.stderr)
        return EXIT_USAGE
    loaded = check(content)
    problems = loaded.problems
    if args.since:
        from generator.editorial.permalinks import GitError, moves, permalink_problems
        try:
            problems = [*problems, *permalink_problems(loaded.archive,
                                                       moves(content, args.since), args.since)]
        except GitError as error:
            print(printable(f"briefings: error: --since {args.since}: {error}"),
                  file=sys.stderr)
            return EXIT_USAGE
    drafts = tuple(sorted(b.origin.path for b in loaded.archive.briefings if b.draft))
    if args.files:
        problems = limit_to_files(problems, args.files, content)
    notices = among(drafts, args.files) if args.files else drafts
    output = report.render(problems, args.format, report.Tally(loaded.files, drafts, notices))
    if output:
        print(output)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from generator.engine.render import EngineError
    from generator.pipeline import BuildOptions, build

    options = BuildOptions(content=Path(args.content), site_dir=Path(args.site_dir),
                           drafts=args.drafts, config_file=Path(args.config), engine=args.engine)
    try:
        if args.downloads:
            from generator.editions.downloads import build_with_downloads
            problems = build_with_downloads(options)
        else:
            problems = build(options)
    except EngineError as error:
        print(f"briefings: error: {error}; the previous site was left as it was", file=sys.stderr)
        return EXIT_PROBLEMS
    for problem in problems + _placeholders(options.config_file, args.engine):
        print(problem.format_text(), file=sys.stderr)
    print(f"built {options.site_dir}/")
    return EXIT_OK


def _placeholders(config: Path, engine: str) -> list[Problem]:
    """A warning for each starter placeholder mkdocs.yml still has (site.outputs)."""
    from generator.engine.render import EngineConfig, site_settings
    from generator.site.outputs import placeholders

    site = site_settings(EngineConfig(config, engine=engine))
    reach = {"site_url": "every permalink, citation, feed and share card",
             "repo_url": "every 'Suggest a correction' and 'report an error' link"}
    return [Problem(str(config), None, f"{setting} is still the starter project's "
                    f"placeholder, {value}: {reach[setting]} of this build points there",
                    f"set {setting} in mkdocs.yml before you publish; the README's first "
                    "screen says how", severity="warning")
            for setting, value in placeholders(site)]


def _serve(args: argparse.Namespace) -> int:
    from generator.engine.render import EngineError
    from generator.serve import AddressError, serve

    try:
        return serve(Path(args.content), Path(args.config), args.dev_addr, args.drafts,
                     engine=args.engine)
    except AddressError as error:
        print(printable(f"briefings: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
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
        sub.add_argument("--content", metavar="DIR", help=(
            "the content folder (default: content/ of the project: the nearest folder "
            "with mkdocs.yml at or above the working folder)"))
        return sub

    check = command("check", _check, "validate every briefing and registry; report every problem")
    check.add_argument("--format", choices=report.FORMATS, default="text",
                       help="text (path:line: error: message), json, or github annotations")
    check.add_argument("--since", metavar="REV", help=(
        "git revision holding what is published (a pull request's base): a published "
        "briefing whose address the change would alter is an error, a deleted one a warning"))
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
        f"the zip to write (default: {OUTPUTS['bundle']} in the project)"))
    bundle.add_argument("--config", help=argparse.SUPPRESS)
    add_engine_option(bundle)

    zim = command("zim", _zim, "build the Kiwix edition: one ZIM file with its own search index")
    zim.add_argument("--output", metavar="FILE.zim", help=(
        f"the ZIM to write (default: {OUTPUTS['zim']} in the project)"))
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
    return parser


if __name__ == "__main__":
    sys.exit(main())
