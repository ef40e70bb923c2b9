"""The build's settings: made once at the edge, in a documented order, validated."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator import cli
from generator.settings import (
    ENVIRONMENT,
    MAX_PROCESSES,
    Settings,
    SettingsError,
    make_settings,
    project_root,
)

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
EDGES = {"cli.py", "mkdocs_plugin.py", "settings.py"}
"""The modules that may look at the environment: where settings are made."""
IMPORTER_SWITCHES = {"importer/sources/office.py", "importer/sources/sandbox.py"}
"""The importer's own switches (PLANPORTAL_SOFFICE, PLANPORTAL_IMPORT_INPROCESS), read where
they are used: not build settings, and not yet passed down from `planportal import`."""


def test_a_flag_beats_the_environment_which_beats_mkdocs_yml(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    settings = make_settings(
        default_root=tmp_path,
        flags={"build_date": "2025-01-02", "search": False},
        environ={
            "PLANPORTAL_BUILD_DATE": "2024-10-01",
            "PLANPORTAL_SITE_URL": "https://example.org/plans/",
            "PLANPORTAL_SEARCH": "1",
            "PLANPORTAL_ROOT": str(other),
            "UNRELATED": "x",
        },
        config={"site_url": "https://config.example/", "search": True, "languages": ["en"]},
        cores=2,
    )
    assert settings.build_date == dt.date(2025, 1, 2)
    assert settings.search is False
    assert settings.site_url == "https://example.org/plans"  # no trailing slash
    assert settings.root == other.resolve()
    assert settings.languages == ("zh", "en")  # the default tree is always built
    assert settings.processes == 2
    assert settings.origins == {
        "root": "PLANPORTAL_ROOT",
        "build_date": "--build-date",
        "site_url": "PLANPORTAL_SITE_URL",
        "search": "--no-search",
        "languages": "mkdocs.yml",
    }


def test_defaults(tmp_path):
    settings = make_settings(default_root=tmp_path, cores=16)
    assert settings == Settings(
        root=tmp_path.resolve(), build_date=dt.date.today(), processes=MAX_PROCESSES
    )
    assert settings.origins == {}
    empty = make_settings(default_root=tmp_path, environ={"PLANPORTAL_SITE_URL": ""})
    assert empty.site_url == "" and empty.origins == {}  # an empty variable is not set


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"PLANPORTAL_BUILD_DATE": "2025-13-01"},
            "PLANPORTAL_BUILD_DATE=2025-13-01: is not a date",
        ),
        ({"PLANPORTAL_SEARCH": "maybe"}, "PLANPORTAL_SEARCH=maybe: is neither 0 nor 1"),
        ({"PLANPORTAL_PARALLEL": "many"}, "PLANPORTAL_PARALLEL=many: is not a number"),
        ({"PLANPORTAL_SITE_URL": "example.org"}, "PLANPORTAL_SITE_URL=example.org: is not an"),
        ({"PLANPORTAL_ROOT": "/no/such/dir"}, "PLANPORTAL_ROOT: /no/such/dir is not a directory"),
    ],
)
def test_a_bad_value_names_its_variable_and_what_was_expected(tmp_path, environ, message):
    with pytest.raises(SettingsError) as raised:
        make_settings(default_root=tmp_path, environ=environ)
    assert str(raised.value).startswith(message)


def test_a_bad_flag_is_named_as_the_flag(tmp_path):
    with pytest.raises(SettingsError, match=r"^--build-date=tomorrow: is not a date"):
        make_settings(default_root=tmp_path, flags={"build_date": "tomorrow"})


def test_the_root_alone_follows_the_same_order(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    environ = {"PLANPORTAL_ROOT": str(tmp_path / "a"), "PLANPORTAL_BUILD_DATE": "bad"}
    assert project_root({}, environ, default=tmp_path) == tmp_path / "a"
    assert project_root({"root": tmp_path / "b"}, environ, default=tmp_path) == tmp_path / "b"
    assert project_root({}, {}, default=tmp_path) == tmp_path


def test_the_first_log_line_says_where_each_value_came_from(tmp_path):
    settings = make_settings(
        default_root=tmp_path,
        flags={"search": False},
        environ={"PLANPORTAL_BUILD_DATE": "2024-10-01", "PLANPORTAL_PARALLEL": "1"},
    )
    line = settings.describe()
    assert line.startswith(f"settings: root {tmp_path.resolve()}; ")
    assert "build date 2024-10-01 (PLANPORTAL_BUILD_DATE)" in line
    assert "site URL none (root-relative links)" in line
    assert "search index off (--no-search)" in line
    assert "1 process (PLANPORTAL_PARALLEL)" in line


def test_help_lists_every_variable_and_the_order(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for variable in ENVIRONMENT:
        assert variable in text
    assert "overrides mkdocs.yml; a command-line flag overrides both" in text
    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    text = capsys.readouterr().out
    assert all(variable in text for variable in ENVIRONMENT)
    assert "--build-date" in text and "--site-url" in text and "--processes" in text


def test_the_cli_reports_a_bad_setting_in_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANPORTAL_PARALLEL", "lots")
    assert cli.main(["--root", str(tmp_path), "check"]) == cli.USAGE_ERROR
    err = capsys.readouterr().err
    assert err.startswith("planportal: PLANPORTAL_PARALLEL=lots: is not a number")
    assert "Traceback" not in err


def test_only_the_edges_read_the_environment():
    """Settings enter at the command line and the plugin's `on_config`; nothing deeper
    looks at `os.environ` (a test fails here before a setting sneaks in sideways)."""
    readers = {
        path.relative_to(GENERATOR).as_posix()
        for path in GENERATOR.rglob("*.py")
        if re.search(r"os\.environ|os\.getenv|getenv\(", path.read_text(encoding="utf-8"))
    }
    assert readers <= EDGES | IMPORTER_SWITCHES, readers - EDGES - IMPORTER_SWITCHES


def test_every_variable_is_documented_in_the_readme():
    readme = (GENERATOR.parent / "README.md").read_text(encoding="utf-8")
    settings = readme[readme.index("### Settings") :]
    for variable in ENVIRONMENT:
        assert f"| `{variable}` |" in settings, variable


def test_import_runs_from_the_command_line_with_the_root_given(tmp_path, capsys):
    """Each command finds its project through the same settings (here `import`, which
    reads the project's units through `--root`)."""
    text = tmp_path / "plan.txt"
    text.write_text("呼伦贝尔市安全生产工作要点\n\n一、加强领导。\n", encoding="utf-8")
    root = str(GENERATOR.parent)
    code = cli.main(
        [
            "--root",
            root,
            "import",
            str(text),
            "--region",
            "hulunbeier",
            "--out",
            str(tmp_path / "out"),
        ]
    )
    out = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in out.out + out.err
    assert list((tmp_path / "out").glob("*.yaml"))
