"""`planportal` command line: check, import, new, schema, translations, build.

Bad input never produces a traceback: every command reports problems as
`path:line:col: message (hint)` and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import errors_only, format_problems
from .runtime import tune_gc
from .settings import (
    SettingsError,
    environment_help,
    flags_of,
    from_command_line,
    project_root,
)

if TYPE_CHECKING:
    from .project import Project

EPILOG = f"""\
commands:
  check    validate plans/ and data/ (schema, references, ids, dates); exit 1 on errors
  import   turn a plan (text, Word, PDF, web page, task table; or a folder of them) into
           draft YAML plus a report and a side-by-side review page
  new      scaffold an empty plan file
  schema   write the JSON Schemas for editors into schema/
  translations  how much is translated, per language; --missing lists what is not
  build    check, then build the site (MkDocs + Pagefind) atomically into site/
  progress sheet: write a plan's 进展报送表 (XLSX); import: read filled copies back

{environment_help()}

See README.md for the workflow (import → review → check → build).
"""
USAGE_ERROR = 2
"""The exit code of a command given a setting it cannot use (as argparse's own)."""


def _root(args: argparse.Namespace) -> Path:
    return project_root(flags_of(args), os.environ, default=Path.cwd())


def cmd_check(args: argparse.Namespace) -> int:
    from .project import load_project
    from .reports import attach_progress

    settings = from_command_line(args)
    project, problems = load_project(settings.root, processes=settings.processes)
    if project is not None:  # progress reports are checked against valid plans
        project, found = attach_progress(project, settings.build_date)
        problems += found
    fmt = args.format
    if fmt == "text" and os.environ.get("GITHUB_ACTIONS") == "true":
        print(format_problems(problems, "github"))
    if problems:
        print(format_problems(problems, fmt), file=sys.stderr if fmt == "text" else sys.stdout)
    elif fmt == "json":
        print("[]")
    errors = errors_only(problems)
    if errors or project is None:
        if fmt == "text":
            print(
                f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr
            )
        return 1
    if fmt == "text":
        tasks = sum(len(plan.tasks()) for plan in project.plans)
        reports = f", {len(project.progress.reports)} reports" if project.progress.files else ""
        print(f"ok: {len(project.plans)} plans, {tasks} tasks{reports}, {len(problems)} warning(s)")
        from .groups import explained_without_members

        if empty := explained_without_members(project.registry, project.duties):
            print(f"{len(empty)} group(s) without member units, as editors' notes explain:")
            print("\n".join(f"  {line}" for line in empty))
        _print_coverage(project)
    return 0


def _print_coverage(project: Project) -> None:
    """The translated share of each language but the default, on one line each."""
    from .langs import LANGS
    from .translations import project_coverage

    for lang in LANGS[1:]:
        print(project_coverage(project, lang).summary())


def cmd_translations(args: argparse.Namespace) -> int:
    from .langs import LANGS
    from .project import load_project
    from .translations import located_missing, project_coverage

    project, problems = load_project(_root(args))
    if project is None:
        print(format_problems(errors_only(problems)), file=sys.stderr)
        return 1
    for lang in args.lang or LANGS[1:]:
        cov = project_coverage(project, lang)
        print(cov.summary())
        for kind, (done, total) in cov.by_kind.items():
            print(f"  {kind:<20} {done:>5} of {total:<5}")
        if args.missing and cov.missing:
            print(format_problems(located_missing(cov, project.root)))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer.run import run_import

    return run_import(
        Path(args.file), args.region, Path(args.out), sys.stdout, plan_id=args.id, root=_root(args)
    )


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(_root(args) / "schema"):
        print(f"wrote {path}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_plan

    return new_plan(_root(args), args.id, args.region, args.title, sys.stdout)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site
    from .processes import interrupt_once

    interrupt_once()  # SIGTERM too: the unfinished site is removed, the old one kept
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice on every build
    given = flags_of(args)
    return build_site(
        given.pop("root", None),  # type: ignore[arg-type]
        Path(args.site_dir),
        environ=os.environ,
        strict=not args.no_strict,
        isolate=True,
        **given,
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="planportal",
        description=__doc__.splitlines()[0],
        epilog=EPILOG,
        formatter_class=argparse.RawTextHelpFormatter,
    )
    top.add_argument(
        "--root", help="project directory (default: $PLANPORTAL_ROOT, else the current one)"
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate plans/ and data/")
    check.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text (default), json (one object per problem) or github annotations",
    )
    check.set_defaults(func=cmd_check)

    tr = sub.add_parser("translations", help="translation coverage per language")
    tr.add_argument("--lang", action="append", help="language (default: every one but Chinese)")
    tr.add_argument("--missing", action="store_true", help="list each untranslated text, located")
    tr.set_defaults(func=cmd_translations)

    imp = sub.add_parser("import", help="plan document(s) → draft YAML + report")
    imp.add_argument(
        "file",
        help="a plan: .txt (UTF-8/GB18030) .docx .pdf .html .xlsx .csv (.doc .wps .xls via "
        "LibreOffice), or a folder: every such file in it, with a summary table",
    )
    imp.add_argument(
        "--region",
        required=True,
        help="region id or name; one not in data/regions.yaml is drafted for review",
    )
    imp.add_argument("--id", help="plan id (default: derived from the title)")
    imp.add_argument(
        "--out", default="build/drafts", help="output directory (default: build/drafts)"
    )
    imp.set_defaults(func=cmd_import)

    new = sub.add_parser("new", help="scaffold a plan file")
    new.add_argument("id", help="plan id (lowercase ASCII, hyphens)")
    new.add_argument("--region", required=True)
    new.add_argument("--title", required=True)
    new.set_defaults(func=cmd_new)

    schema = sub.add_parser("schema", help="write JSON Schemas into schema/")
    schema.set_defaults(func=cmd_schema)

    build = sub.add_parser(
        "build",
        help="check, then build the site",
        epilog=environment_help(),
        formatter_class=argparse.RawTextHelpFormatter,
    )
    build.add_argument("--site-dir", default="site", help="output directory (default: site)")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    build.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    build.add_argument(
        "--build-date", metavar="YYYY-MM-DD", help="date deadlines are measured against"
    )
    build.add_argument("--site-url", metavar="URL", help="address of the published site")
    build.add_argument("--processes", metavar="N", help="use at most N processes")
    build.set_defaults(func=cmd_build)

    from .reports.commands import add_parser as add_progress

    add_progress(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 2
    tune_gc()
    try:
        return int(args.func(args))
    except SettingsError as exc:
        print(f"planportal: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
