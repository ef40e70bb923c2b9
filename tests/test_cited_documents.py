"""Every document the code cites is in the repository (no design notes kept elsewhere)."""

from __future__ import annotations

import re

from helpers import REPO

CITED = re.compile(r"(?<![\w./-])((?:[\w-]+/)*[\w-]+\.md)\b(?!\.j2)")
"""A path ending in `.md`; not a template (`plan.md.j2`)."""
PAGES = re.compile(r"(?:^|/)index\.md$|^[a-z_]+\.md$")
"""Page paths the code writes (`plans/x/index.md`) and template stems (`plan.md`)."""
WRITTEN = {"summary.md"}
"""Files the code writes, not documents it cites (the importer's summary)."""


def test_every_cited_document_exists():
    sources = [*(REPO / "generator").rglob("*.py"), *(REPO / "generator").rglob("*.j2")]
    missing = {
        f"{path.relative_to(REPO)}: {cited}"
        for path in sources
        for cited in CITED.findall(path.read_text(encoding="utf-8"))
        if not PAGES.search(cited) and cited not in WRITTEN and not (REPO / cited).is_file()
    }
    assert sorted(missing) == []
