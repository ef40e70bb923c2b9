"""Import structure: no runtime cycle in generator/, and each command loads only its stages."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from import_cycles import cycles, describe, import_graph  # noqa: E402


def test_no_runtime_import_cycle() -> None:
    graph = import_graph()
    assert "generator.render.text" in graph["generator.render.renderer"]  # the graph is read
    assert [describe(c, graph) for c in cycles(graph)] == []


def test_cycle_finder_finds_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b, d\n")
    (package / "b.py").write_text("def f():\n    from .c import x\n")
    (package / "c.py").write_text("from .a import y\n")
    (package / "d.py").write_text("import typing\nif typing.TYPE_CHECKING:\n    from . import a\n")
    graph = import_graph(package)
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


def _modules_after(code: str) -> set[str]:
    """The modules loaded in a fresh interpreter after running `code`."""
    script = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_check_loads_no_view_render_or_engine_module() -> None:
    """`planportal check` validates the data: it needs neither pages nor MkDocs."""
    loaded = _modules_after(
        """
        from generator.cli import main
        try:
            main(["--root", "tests/fixtures/site", "check"])
        except SystemExit:
            pass
        """
    )
    assert "generator.project" in loaded and "generator.checks" in loaded
    unwanted = ("generator.views", "generator.render", "generator.exports", "jinja2", "mkdocs")
    assert sorted(m for m in loaded if m.startswith(unwanted)) == []


def test_the_core_renders_the_whole_site_without_mkdocs() -> None:
    """`render_site` is engine-independent: with MkDocs (and Material) not importable it
    still makes every page and export of the fixture site."""
    loaded = _modules_after(
        """
        import datetime as dt, importlib.abc, sys
        from pathlib import Path

        class NoEngine(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("mkdocs", "material", "pagefind"):
                    raise ImportError(f"{name} is not importable in this test")
                return None

        sys.meta_path.insert(0, NoEngine())
        from generator.project import load_project
        from generator.render.site import render_site
        from generator.settings import Settings

        root = Path("tests/fixtures/site").resolve()
        project, _ = load_project(root)
        settings = Settings(root, build_date=dt.date(2024, 10, 1), processes=2)
        site = render_site(project, settings)
        paths = set(site.pages.paths)
        assert {"index.md", "en/index.md", "data/index.md", "en/changes/index.md"} <= paths
        assert "plans/hulunbeier-zhiben-gongjian-2024/index.md" in paths
        assert "data/tasks.xlsx" in site.files and site.link_problems == []
        """
    )
    assert "generator.render.site" in loaded
    assert not [m for m in loaded if m.split(".")[0] in ("mkdocs", "material", "pagefind")]
