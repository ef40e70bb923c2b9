"""Progress pages in Debian's Chromium: the example project (examples/shili, four rounds of
reports) built by MkDocs into both trees; axe-core on every kind of page that shows
progress, no sideways scrolling on a phone, the figures' words beside their bars, and the
way from a task to its earlier reports. Screenshots go to `tests/artifacts/screenshots/`."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
BLOCKING = {"serious", "critical"}
EXAMPLE = REPO / "examples" / "shili"
PLAN = "shili-zhiben-gongjian-2024"
pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "plan": f"plans/{PLAN}/",
    "plan-reports": f"plans/{PLAN}/reports/",
    "unit": "units/shili/jiaoyuju/",
    "progress": "progress/",
    "round": "progress/rounds/2025-h2/",
    "plan-timeline": f"plans/{PLAN}/timeline/",
    "month": "timeline/2025-12/",
}
CHINESE_ONLY = {"plan-reports"}
"""Pages the English tree links to instead of repeating (the reports' text is Chinese)."""


def in_both(names: list[str]) -> list[tuple[str, str]]:
    """(name, lang) of each page in each tree that has it."""
    return [
        (n, lang) for n in names for lang in ("zh", "en") if lang == "zh" or n not in CHINESE_ONLY
    ]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def example_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PLANPORTAL_BUILD_DATE="2026-08-01",
        PLANPORTAL_ROOT=str(EXAMPLE),
        PLANPORTAL_SEARCH="0",
    )
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    done = subprocess.run(
        [*cmd, "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def example_site(example_built: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(example_built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_axe(page, skip_or_fail) -> list[dict]:
    """axe-core's violations on the page (axe-core from node_modules/, package.json)."""
    if not AXE.is_file():
        skip_or_fail(f"{AXE} is missing: run `npm install`")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"
    )


@pytest.mark.parametrize(("name", "lang"), in_both(list(PAGES)))
def test_axe_on_pages_showing_progress(example_site, page, skip_or_fail, name, lang):
    page.goto(example_site + ("en/" if lang == "en" else "") + PAGES[name])
    assert page.locator(".pp-example-banner").count() == 1
    violations = run_axe(page, skip_or_fail)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], json.dumps(blocking, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    ("name", "lang"), in_both(["plan", "unit", "progress", "round", "plan-reports", "home"])
)
def test_a_phone_never_scrolls_sideways(example_site, page, name, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(example_site + ("en/" if lang == "en" else "") + PAGES[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"progress-{name}-{lang}-390.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"


def test_a_bar_says_its_numbers_in_words(example_site, page):
    page.goto(example_site + f"plans/{PLAN}/")
    summary = page.locator(".pp-plan-progress .pp-pbar").first
    assert summary.locator(".pp-pbar__track").get_attribute("aria-hidden") == "true"
    words = summary.locator(".pp-pbar__text").inner_text()
    assert words.startswith("7项任务") and "期限已过，未报告完成 2" in words
    widths = summary.evaluate(
        "el => [...el.querySelectorAll('.pp-pbar__seg')].map(s => s.getBoundingClientRect().width)"
    )
    track = summary.locator(".pp-pbar__track").evaluate("el => el.clientWidth")
    assert abs(sum(widths) - track) <= 2  # the segments fill the track, in proportion
    assert widths[0] == pytest.approx(track * 2 / 7, abs=2)


def test_a_states_symbol_is_not_read_out(example_site, page):
    """The symbol repeats the words; screen readers get the words once."""
    page.goto(example_site + f"plans/{PLAN}/")
    badge = page.locator("#t-06 ~ .pp-progress .pp-state").first
    assert badge.inner_text().endswith("期限已过，未报告完成")
    content = badge.evaluate("el => getComputedStyle(el, '::before').content")
    assert content.endswith('/ ""'), content


def test_from_a_task_to_its_earlier_reports_and_back(example_site, page):
    page.goto(example_site + f"plans/{PLAN}/")
    more = page.locator("#t-02 ~ .pp-progress .pp-progress__more a")
    assert more.inner_text() == "该任务更早的 2 条报告"
    more.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{PLAN}/reports/#t-02")
    heading = page.locator("h2#t-02")
    assert heading.is_visible() and page.evaluate("window.scrollY") > 0
    assert page.locator("#t-02 ~ .pp-reports > li").count() == 2
    heading.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{PLAN}/#t-02")


def test_from_an_english_task_to_its_reports_in_chinese(example_site, page):
    page.goto(example_site + f"en/plans/{PLAN}/")
    block = page.locator("#t-02 ~ .pp-progress").first
    assert block.locator(".pp-reports").count() == 0  # not repeated in English
    assert "Done, after the deadline" in block.inner_text()
    more = block.locator(".pp-progress__more a")
    assert more.inner_text() == "Reports on this task, in Chinese (5)"
    more.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{PLAN}/#t-02") and "/en/" not in page.url
    assert page.locator("#t-02 ~ .pp-progress .pp-reports > li").count() == 3
    assert page.locator("#t-02").is_visible()
