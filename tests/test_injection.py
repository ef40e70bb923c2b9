"""Plan text is data everywhere it is published: HTML pages, the search index, exports and
feeds carry markup, Markdown and template syntax literally and never execute it."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import icalendar
import openpyxl
import pytest
from helpers import HLBE, hostile_fixture

from generator.build import build_site

pytestmark = pytest.mark.build

TITLE = "<script>alert('t')</script>{ #evil }"
IMG = "<img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://example.invalid","x")'


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("inject")
    root = hostile_fixture(base / "project")
    path = root / "plans" / f"{HLBE}.yaml"
    text = path.read_text(encoding="utf-8")
    # a deadline on the hostile task (calendar feeds) and a formula-like sub-item text (CSV)
    text = text.replace(
        "              carries_forward: true\n",
        "              carries_forward: true\n"
        "            deadlines:\n"
        "              - {date: 2024-12-31, precision: year, phrase: 2024年底前}\n",
        1,
    )
    text = re.sub(
        r"text: 总结重大事故隐患专项排查整治2023行动经验做法.*",
        f"text: {json.dumps(FORMULA)}",
        text,
        count=1,
    )
    git(root, "init", "-q")
    for message in ("First", f"Revise {TITLE}"):
        if message != "First":
            path.write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "-c", "user.name=E", "-c", "user.email=e@x.invalid", "commit", "-qm", message)
    out = base / "site"
    assert build_site(root, out, search=True) == 0
    return out


def test_no_markup_from_plan_text_in_any_page(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "onerror=alert" not in html.replace("onerror=alert(2)&gt;", ""), page
        assert 'id="evil"' not in html, page
    plan = (site / "plans" / HLBE / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;{ #evil }" in plan
    unit_pages = [
        p
        for p in (site / "units").rglob("index.html")
        if "alert(&#39;t&#39;)" in p.read_text(encoding="utf-8")
    ]
    assert unit_pages, "the hostile task title is listed (escaped) on its units' pages"


def _fragments(site: Path) -> list[dict]:
    out = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{") :]))
    return out


def test_search_index_holds_the_text_as_text(site: Path) -> None:
    """The search stores an entry's text as tokens (generator/search_text.py): joined again
    they give the text as written (spaces between marks dropped), never markup."""
    from generator.search_text import join_tokens

    plan_fragments = [
        f
        for f in _fragments(site)
        if any(a.get("id", "").startswith(f"plans/{HLBE}/") for a in f.get("anchors", []))
    ]
    assert plan_fragments
    content = " ".join(join_tokens(f["content"].split(" ")) for f in plan_fragments)
    assert "<script>alert('t')</script>{#evil}" in content  # indexed literally, as text
    assert "[x](javascript:alert(1))" in content and "{{7*7}}" in content


def test_exports_carry_the_text_literally(site: Path) -> None:
    data = site / "data"
    rows = list(csv.DictReader(io.StringIO((data / "tasks.csv").read_bytes().decode("utf-8-sig"))))
    first = next(r for r in rows if r["plan_id"] == HLBE and r["task_id"] == "01")
    assert first["title"] == TITLE
    assert IMG in first["text"]
    formula = next(r for r in rows if r["item_id"] and FORMULA in r["text"])
    assert formula["text"] == "'" + FORMULA  # never evaluated by a spreadsheet program
    plans = json.loads((data / "plans.json").read_text(encoding="utf-8"))
    assert TITLE in json.dumps(plans, ensure_ascii=False)
    book = openpyxl.load_workbook(data / "tasks.xlsx")
    cells = [c for row in book["全部"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(isinstance(c.value, str) and TITLE in c.value for c in cells)


def test_feeds_carry_the_text_literally(site: Path) -> None:
    cal = icalendar.Calendar.from_ical((site / "data" / "ics" / "all.ics").read_bytes())
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any(TITLE in s for s in summaries)
    feed = ET.parse(site / "changes" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert f"Revise {TITLE}" in titles
    raw = (site / "changes" / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and re.search(r"&lt;script&gt;alert", raw)
