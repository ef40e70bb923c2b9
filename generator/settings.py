"""The settings of one build: made once at the edge and passed down.

The edges are `planportal`'s command line (`generator.cli`) and, for `mkdocs build` and
`mkdocs serve`, the plugin's `on_config` (`generator.mkdocs_plugin`). Each setting is taken
from the first of these that gives it:

1. a command-line flag of `planportal` (`--root`, `--build-date`, `--site-url`,
   `--no-search`, `--processes`);
2. an environment variable of `ENVIRONMENT` (for CI, and for `mkdocs build` / `serve`,
   which take no flags of ours);
3. `mkdocs.yml`: `site_url`, and the plugin's `root`, `search` and `languages`;
4. the default.

`make_settings` validates every value (`SettingsError`: one line naming the variable or
flag, the value and what was expected); `Settings.describe` is the first line of a build's
log and says where each value came from. Nothing below the edge reads the environment.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .langs import DEFAULT_LANG, LANGS

MAX_PROCESSES = 4
"""Processes at most by default for work shared out (parsing, rendering, writing): each
holds its own caches and pages in progress (bench/RESULTS.md: memory per process)."""

ENVIRONMENT: dict[str, tuple[str, str]] = {
    "PLANPORTAL_ROOT": ("root", "project directory holding plans/ and data/"),
    "PLANPORTAL_BUILD_DATE": (
        "build_date",
        "YYYY-MM-DD: the date deadlines are measured against (default: today)",
    ),
    "PLANPORTAL_SITE_URL": (
        "site_url",
        "https://… address of the published site, for links in feeds, calendars and "
        "spreadsheets (default: mkdocs.yml's site_url; none: root-relative links)",
    ),
    "PLANPORTAL_SEARCH": ("search", "0 or 1: build the Pagefind search index (default: 1)"),
    "PLANPORTAL_PARALLEL": (
        "processes",
        f"N: use at most N processes (0 or 1: one; default: one per core, at most {MAX_PROCESSES})",
    ),
}
"""The documented environment overrides: variable → (setting, what it holds)."""
FLAGS = {
    "root": "--root",
    "build_date": "--build-date",
    "site_url": "--site-url",
    "search": "--no-search",
    "processes": "--processes",
}
"""The `planportal` flag of each setting, for messages and the build's first log line."""


class SettingsError(ValueError):
    """A setting with a value that cannot be used; the message names where it came from."""


@dataclass(frozen=True)
class Settings:
    """What steers a build besides the project's own files."""

    root: Path
    """Project directory holding `plans/` and `data/`."""
    build_date: dt.date = field(default_factory=dt.date.today)
    """The reference date for deadline status, "upcoming" and "recently passed"."""
    site_url: str = ""
    """Absolute URL of the published site, without a trailing slash, for links in feeds,
    calendars and spreadsheets; empty: links are root-relative."""
    search: bool = True
    """Index the built site with Pagefind."""
    processes: int = 1
    """How many processes may share the work (1: everything in this process)."""
    languages: tuple[str, ...] = LANGS
    """Language trees to build; the first is the default tree at the site root."""
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Setting → where its value came from (a flag, a variable, `mkdocs.yml`); absent:
    the default."""

    def describe(self) -> str:
        """One line: every setting and, when not the default, where it came from."""
        parts = [
            f"root {self.root}",
            f"build date {self.build_date.isoformat()}",
            f"site URL {self.site_url or 'none (root-relative links)'}",
            f"search index {'on' if self.search else 'off'}",
            f"{self.processes} process{'es' if self.processes != 1 else ''}",
            f"languages {', '.join(self.languages)}",
        ]
        names = ["root", "build_date", "site_url", "search", "processes", "languages"]
        return "settings: " + "; ".join(
            f"{part} ({self.origins[name]})" if name in self.origins else part
            for name, part in zip(names, parts, strict=True)
        )


def _date(raw: object) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError("is not a date (expected YYYY-MM-DD, e.g. 2024-10-01)") from None


_URL = re.compile(r"https?://[^/\s]+(?:/\S*)?")


def _site_url(raw: object) -> str:
    text = str(raw or "").strip()
    if text in ("", "/"):
        return ""
    if not _URL.fullmatch(text):
        raise ValueError("is not an absolute http(s) address (e.g. https://example.org/plans/)")
    return text.rstrip("/")


_YES, _NO = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _switch(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _YES | _NO:
        return text in _YES
    raise ValueError("is neither 0 nor 1 (also accepted: true/false, yes/no, on/off)")


def _requested_processes(raw: object) -> int:
    text = str(raw).strip()
    if not text.isdigit():
        raise ValueError("is not a number of processes (0 or 1: one process; N: at most N)")
    return int(text)


def _languages(raw: object) -> tuple[str, ...]:
    chosen = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
    unknown = [x for x in chosen if x not in LANGS]
    if unknown:
        raise ValueError(f"names unknown languages {unknown} (known: {', '.join(LANGS)})")
    return (DEFAULT_LANG, *(x for x in LANGS if x in chosen and x != DEFAULT_LANG))


_PARSERS: dict[str, Callable[[object], Any]] = {
    "root": lambda raw: Path(str(raw)).expanduser(),
    "build_date": _date,
    "site_url": _site_url,
    "search": _switch,
    "processes": _requested_processes,
    "languages": _languages,
}


def available_processes(requested: int | None = None, *, cores: int | None = None) -> int:
    """Processes work may be shared out to: one per core, at most `MAX_PROCESSES` unless
    `requested` (then at most that, and never more than the cores); 1 without `fork`."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = cores or os.cpu_count() or 1
    wanted = MAX_PROCESSES if requested is None else requested
    return max(1, min(cores, wanted))


def make_settings(
    *,
    default_root: Path,
    flags: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    config: Mapping[str, object] | None = None,
    config_name: str = "mkdocs.yml",
    cores: int | None = None,
) -> Settings:
    """The settings from `flags` (given ones only, by setting name), the documented
    variables of `environ`, the `config` file's values (by setting name) and the
    defaults, in that order of precedence. Raises `SettingsError`."""
    layers: list[tuple[Mapping[str, object], Callable[[str], str]]] = [
        (flags or {}, lambda name: FLAGS.get(name, f"--{name}")),
        (_by_setting(environ or {}), _variable),
        (config or {}, lambda name: config_name),
    ]
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for name, parse in _PARSERS.items():
        for given, origin in layers:
            raw = given.get(name)
            if raw is None or (isinstance(raw, str) and not raw.strip() and given is not flags):
                continue
            where = origin(name)
            try:
                values[name] = parse(raw)
            except ValueError as exc:
                shown = raw if isinstance(raw, str) else repr(raw)
                raise SettingsError(f"{where}={shown}: {exc}") from None
            origins[name] = where
            break
    root = Path(values.get("root", default_root)).resolve()
    if not root.is_dir():
        where = origins.get("root", "the project directory")
        raise SettingsError(f"{where}: {root} is not a directory")
    values["root"] = root
    values["processes"] = available_processes(values.get("processes"), cores=cores)
    return Settings(**values, origins=origins)


def project_root(flags: Mapping[str, object], environ: Mapping[str, str], *, default: Path) -> Path:
    """The project directory alone, by the same precedence (`--root`, `PLANPORTAL_ROOT`,
    `default`): it says which `mkdocs.yml` holds the other settings. Raises
    `SettingsError`."""
    return make_settings(
        default_root=default,
        flags={"root": flags["root"]} if "root" in flags else {},
        environ={var: environ[var] for var in ("PLANPORTAL_ROOT",) if var in environ},
    ).root


def flags_of(args: object) -> dict[str, object]:
    """The settings a command line gives (an `argparse` namespace), by name."""
    given = {
        "root": getattr(args, "root", None),
        "search": False if getattr(args, "no_search", False) else None,
        "build_date": getattr(args, "build_date", None),
        "site_url": getattr(args, "site_url", None),
        "processes": getattr(args, "processes", None),
    }
    return {name: value for name, value in given.items() if value is not None}


def from_command_line(args: object) -> Settings:
    """The settings of a `planportal` command other than `build` (which reads
    `mkdocs.yml` too): its flags, the environment, the defaults. Raises `SettingsError`."""
    return make_settings(default_root=Path.cwd(), flags=flags_of(args), environ=os.environ)


def _by_setting(environ: Mapping[str, str]) -> dict[str, str]:
    return {name: environ[var] for var, (name, _) in ENVIRONMENT.items() if var in environ}


def _variable(name: str) -> str:
    return next(var for var, (setting, _) in ENVIRONMENT.items() if setting == name)


def environment_help() -> str:
    """The variables and the order of precedence, for `--help`."""
    lines = ["environment (overrides mkdocs.yml; a command-line flag overrides both):"]
    for var, (_, meaning) in ENVIRONMENT.items():
        lines.append(f"  {var:<23}{meaning}")
    return "\n".join(lines)
