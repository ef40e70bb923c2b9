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
