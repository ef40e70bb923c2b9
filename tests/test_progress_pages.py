"""Progress on the pages: what each page says about the reports of the example project
(examples/shili, four rounds), honest without clutter where there are none (the fixture),
and bounded whatever the number of rounds."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from rendering import pages_of

from generator.project import load_project
from generator.reports import attach_progress
from generator.views.progress import HISTORY_SHOWN

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "shili"
FIXTURE = Path(__file__).parent / "fixtures" / "site"
P1, P2 = "shili-zhiben-gongjian-2024", "shili-gongzuo-yaodian-2025"
BUILD = dt.date(2026, 8, 1)


def _project(root: Path, build: dt.date = BUILD):
    project, problems = load_project(root)
    assert project is not None, [p.format() for p in problems]
    project, problems = attach_progress(project, build)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    return project


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return pages_of(_project(EXAMPLE), today=BUILD)


def task_block(page: str, task: str) -> str:
    """The HTML of one task's block on a plan page."""
    start = page.index(f'id="t-{task}"')
    return page[start : page.index("</section>", start)]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def states(html: str) -> list[str]:
    return re.findall(r'class="pp-state pp-state--([a-z-]+)', html)


# --- plan pages -------------------------------------------------------------------------------


def test_each_task_says_its_state_and_why(pages) -> None:
    plan = pages[f"plans/{P1}/index.md"]
    gas = task_block(plan, "02")
    assert states(gas)[0] == "done-late"
    assert "已完成（晚于期限）" in text(gas)
    assert "完成于 2026-06-30（晚于期限）；期限：2025年底前" in text(gas)
    roads = task_block(plan, "04")  # reported in progress, deadline passed since
    assert states(roads)[0] == "deadline-passed-unreported"
    assert "期限：2025年9月底前；最近报告 2025-07-10（387天前）：推进中" in text(roads)
    schools = task_block(plan, "06")  # never reported, deadline passed
    assert states(schools) == ["deadline-passed-unreported"]
    assert "期限已过，未报告完成" in text(schools) and "尚无报告" in text(schools)
    assert "pp-reports" not in schools
    drills = task_block(plan, "07")  # a recurring duty: judged by no deadline
    assert "常态化任务，没有完成期限" in text(drills)
    english = task_block(pages[f"en/plans/{P1}/index.md"], "06")
    assert "Deadline passed, completion not reported" in text(english)
    assert "no report yet" in text(english)


def test_report_history_newest_first_bounded_with_the_rest_on_the_report_page(pages) -> None:
    plan = pages[f"plans/{P1}/index.md"]
    gas = task_block(plan, "02")
    head = r'<li class="pp-report"><p class="pp-report__head"><time>([\d-]+)</time>'
    dates = re.findall(head, gas)
    assert dates == ["2026-07-08", "2026-01-10", "2025-07-09"] and len(dates) == HISTORY_SHOWN
    assert '<a href="reports/#t-02">该任务更早的 2 条报告</a>' in gas
    history = pages[f"plans/{P1}/reports/index.md"]
    block = history[history.index('id="t-02"') :].split("</section>")[0]
    earlier = re.findall(head, block)  # only those the plan page does not show
    assert earlier == sorted(earlier, reverse=True) and len(earlier) == 5 - HISTORY_SHOWN
    assert max(earlier) < min(dates)
    assert "冬季停工，部分路段需与道路改造同步施工。" in gas  # problems reported, kept
    assert "部分小区改造资金尚未落实。" in block and "部分小区改造资金" not in gas
    short = task_block(plan, "07")  # two reports: all on the plan page, no link
    assert "reports/" not in short and short.count('class="pp-report"') == 2


def test_the_english_tree_links_to_the_reports_in_chinese_instead_of_repeating_them(
    pages,
) -> None:
    english = pages[f"en/plans/{P1}/index.md"]
    gas = task_block(english, "02")
    assert states(gas)[0] == "done-late" and "Done, after the deadline" in text(gas)
    assert "pp-report" not in gas and "冬季停工" not in gas  # the reports' Chinese text is not
    assert '<a href="../../../plans/shili-zhiben-gongjian-2024/#t-02">' in gas
    assert "Reports on this task, in Chinese (5)" in text(gas)
    assert "in Chinese" not in text(task_block(english, "06"))  # none reported
    summary = english[english.index('id="pp-progress"') :].split("</section>")[0]
    assert "Reports (in Chinese): newest on the plan page, earlier ones: page 1" in text(summary)
    assert '<a href="../../../plans/shili-zhiben-gongjian-2024/reports/">' in summary
    assert f"plans/{P1}/reports/index.md" in pages
    assert not [path for path in pages if path.startswith("en/") and "/reports/" in path]


def test_sub_items_reported_on_carry_their_state(pages) -> None:
    plan = pages[f"plans/{P1}/index.md"]
    item = plan[plan.index('id="t-01-1"') :].split("</li>")[0]
    assert states(item) == ["done"]
    reports = task_block(plan, "01")
    assert "（第一项）" in text(reports) or "（第二项）" in text(reports)


def test_the_plan_summary_counts_by_chapter_in_words(pages) -> None:
    plan = pages[f"plans/{P1}/index.md"]
    summary = plan[plan.index('id="pp-progress"') :].split("</section>")[0]
    assert "最近一轮：2026年上半年；最近报告 2026-07-08（24天前）" in text(summary)
    assert "7项任务：已完成 2、已完成（晚于期限） 1、常态化推进 2、期限已过，未报告完成 2" in text(
        summary
    )
    widths = re.findall(r'style="width: ([\d.]+)%"', summary.split("</div>")[0])
    assert sum(float(w) for w in widths) == pytest.approx(100, abs=0.01)
    assert "../../data/progress/plans/shili-zhiben-gongjian-2024.xml" in summary


def test_a_plan_without_reports_says_so_once(pages) -> None:
    fixture = pages_of(_project(FIXTURE, dt.date(2024, 10, 1)), languages=("zh",))
    for path, page in fixture.items():  # no task's state shown (/progress/ defines them)
        assert "pp-state--" not in page or path == "progress/index.md", path
    plan = fixture["plans/hulunbeier-zhiben-gongjian-2024/index.md"]
    assert plan.count("本规划尚未发布进展报告。") == 1
    assert "本站尚未发布进展报告。" in fixture["index.md"]
    assert "本站尚未发布进展报告。" in fixture["progress/index.md"]
    unit = fixture["units/hulunbeier/yingjiguanliju/index.md"]
    assert unit.count("本单位承担的任务尚无已发布的进展报告。") == 1


# --- unit, home, timeline, /progress/ -------------------------------------------------------


def test_a_units_tasks_by_state_overdue_and_unreported_first(pages) -> None:
    unit = pages["units/shili/jiaoyuju/index.md"]
    section = unit[unit.index('id="pp-unit-progress"') :].split("</section>")[0]
    assert "3项任务：已完成 1、常态化推进 1、期限已过，未报告完成 1" in text(section)
    assert states(section) == ["deadline-passed-unreported"]  # listed: what needs attention
    first = section.split("<li>")[1]
    assert "第6条" in first and "本单位未报送" in first
    assert "每项任务的状态都标在下方任务清单中" in text(section)
    duties = unit[unit.index("</section>", unit.index('id="pp-unit-progress"')) :]
    rows = re.findall(r'<li><a class="pp-taskname".*?</li>', duties, re.S)
    assert rows and all("pp-state pp-state--" in row for row in rows)  # every task's state
    ongoing = [row for row in rows if "pp-state--ongoing" in row]
    assert ongoing and "常态化推进" in text(ongoing[0])
    english = pages["en/units/shili/jiaoyuju/index.md"]
    english = english[english.index('id="pp-unit-progress"') :].split("</section>")[0]
    assert ">Task 6 推进校园安全教育。</span>" in english
    assert "every task&#39;s state is marked in the lists below" in english
    police = pages["units/shili/gonganju/index.md"]
    section = police[police.index('id="pp-unit-progress"') :].split("</section>")[0]
    passed = section.split("pp-state--deadline-passed-unreported")[1].split("<h3")[0]
    owns = re.findall(r"本单位未报送|本单位 [\d-]+ 报送", passed)
    assert owns == sorted(owns, key=lambda own: own != "本单位未报送")


def test_a_unit_lists_its_first_tasks_by_attention_and_counts_the_rest(monkeypatch) -> None:
    from generator.render.families import unit_progress

    monkeypatch.setattr(unit_progress, "TASKS_SHOWN", 0)
    zh = pages_of(_project(EXAMPLE), today=BUILD, languages=("zh",))
    unit = zh["units/shili/jiaoyuju/index.md"]
    section = unit[unit.index('id="pp-unit-progress"') :].split("</section>")[0]
    assert 'class="pp-duty__meta"' not in section  # none listed
    assert "期限已过，未报告完成（1）" in text(section)  # but counted
    assert "另有 1 项任务未在此列出" in text(section)


def test_a_unit_with_nothing_needing_attention_says_so(monkeypatch) -> None:
    from generator.render.families import unit_progress

    monkeypatch.setattr(unit_progress, "ATTENTION", frozenset())
    zh = pages_of(_project(EXAMPLE), today=BUILD, languages=("zh",))
    unit = zh["units/shili/jiaoyuju/index.md"]
    section = unit[unit.index('id="pp-unit-progress"') :].split("</section>")[0]
    assert "<h3" not in section and "没有需要关注的任务" in text(section)


def test_plan_cards_show_figures_and_the_latest_round(pages) -> None:
    home = pages["index.md"]
    assert "最近一轮：2026年上半年（最近报告 2026-07-08）" in home
    assert "最近一轮：2025年下半年（最近报告 2026-01-12）" in home
    assert "4项任务：已完成 2、已调整 1、期限已过，未报告完成 1" in text(home)
    assert "Latest round: First half of 2026" in pages["en/index.md"]


def test_the_timeline_says_each_deadlines_task_state(pages) -> None:
    month = pages["timeline/2025-09/index.md"]
    assert '<th scope="col">进展</th>' in month
    assert states(month) == ["deadline-passed-unreported"]
    chart = pages[f"plans/{P1}/timeline/index.md"]
    assert "pp-gantt__row--state pp-state--done-late" in chart


def test_the_progress_page_lists_rounds_newest_first_and_what_each_changed(pages) -> None:
    index = pages["progress/index.md"]
    names = re.findall(r'<p class="pp-rounds__name"><a href="rounds/([\w-]+)/">', index)
    assert names == ["2026-h1", "2025-h2", "2025-h1", "2024-h2"]
    assert "首次报告 5 份；状态有变化 0 份；新报完成 2 份" in index
    for state in ("未报告", "期限已过，未报告完成", "已完成（晚于期限）"):
        assert state in index  # every state defined
    second = pages["progress/rounds/2025-h2/index.md"]
    assert "第2条 深化城镇燃气安全专项治理。" in second
    change = second[second.index("第2条 深化城镇燃气安全专项治理。") :].split("</li>")[0]
    assert re.findall(r"pp-state--([a-z-]+)", change) == ["in-progress", "delayed"]
    english = pages["en/progress/rounds/2025-h2/index.md"]
    assert "Progress reports: Second half of 2025" in english


def test_the_example_says_on_every_page_that_it_is_invented(pages) -> None:
    for path, page in pages.items():
        assert 'class="pp-example-banner"' in page, path
    assert "示例项目：示例市以及本站的规划、单位和进展报告都是虚构的" in pages["index.md"]
    assert "Example project: Example City (fictitious)" in pages["en/index.md"]


# --- bounded by construction ----------------------------------------------------------------


def _with_rounds(tmp_path: Path, extra: int) -> Path:
    """The example with `extra` more monthly rounds of reports on two tasks (tasks 03 and
    05, every round), dated in 2026 before the build date."""
    root = tmp_path / f"shili-{extra}"
    shutil.copytree(EXAMPLE, root)
    rounds_file = root / "progress" / "rounds.yaml"
    rounds = yaml.safe_load(rounds_file.read_text(encoding="utf-8"))
    for n in range(extra):
        rid = f"x{n:02d}"
        rounds["rounds"].append(
            {"id": rid, "name": f"加报第{n + 1}轮", "name_en": f"Extra {n + 1}"}
        )
        day = dt.date(2026, 4, 1) + dt.timedelta(days=n)
        reports = [
            {
                "task": "03",
                "unit": "市消防救援支队",
                "date": day,
                "status": "ongoing",
                "summary": f"第{n + 1}次检查。",
            },
            {
                "task": "05",
                "unit": "市应急管理局",
                "date": day,
                "status": "done",
                "summary": f"第{n + 1}次复训。",
            },
        ]
        doc = {"plan": P1, "round": rid, "reports": reports}
        (root / "progress" / P1 / f"{rid}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
        )
    rounds_file.write_text(yaml.safe_dump(rounds, allow_unicode=True), encoding="utf-8")
    return root


def test_no_page_grows_with_the_number_of_rounds(tmp_path: Path) -> None:
    few = pages_of(_project(_with_rounds(tmp_path, 6)), today=BUILD, languages=("zh",))
    many = pages_of(_project(_with_rounds(tmp_path, 100)), today=BUILD, languages=("zh",))
    for path in (f"plans/{P1}/index.md", "units/shili/xiaofangzhidui/index.md", "index.md"):
        grown = len(many[path].encode()) - len(few[path].encode())
        assert abs(grown) < 200, (path, grown)  # the same page, bar a few figures
    assert max(len(p.encode()) for p in many.values()) < 150_000
    history = [p for p in many if p.startswith(f"plans/{P1}/reports/")]
    assert len(history) >= 2  # 210 reports on two tasks: continued on further pages
    progress = [p for p in many if re.fullmatch(r"progress/(\d+/)?index.md", p)]
    assert len(progress) == 6  # 104 rounds, 20 a page
