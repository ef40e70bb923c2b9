"""Rendered timeline, topic and lineage pages of the fixture, with a fixed build date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rendering import pages_of

from generator.project import load_project

FIXTURE = Path(__file__).parent / "fixtures" / "site"
DATONG = "huainan-datong-zhiben-gongjian-2024"
HUAINAN = "huainan-zhiben-gongjian-2024"
HLBE = "hulunbeier-zhiben-gongjian-2024"


def render(today: dt.date) -> dict[str, str]:
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    return pages_of(project, today=today, languages=("zh",))


@pytest.fixture(scope="module")
def pages():
    return render(dt.date(2024, 10, 1))


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def table(html: str, caption: str) -> str:
    start = html.index(f"<caption>{caption}</caption>")
    return html[start : html.index("</table>", start)]


def test_datong_timeline_shows_the_four_phases_in_order_with_dates(pages):
    html = pages[f"plans/{DATONG}/timeline/index.md"]
    phases = table(html, "工作阶段")
    rows = re.findall(r"<tr class=\"pp-tl--(\w+)\">(.*?)</tr>", phases)
    assert [text(r).split()[0] for _, r in rows] == [
        "（一）动员部署阶段",
        "（二）专项治理阶段",
        "（三）巩固提升阶段",
        "（四）总结评估阶段",
    ]
    for (_, row), (printed, start, end) in zip(
        rows,
        [
            ("2024年2月至4月", "2024-02-01", "2024-04-30"),
            ("2024年5月至2025年12月", "2024-05-01", "2025-12-31"),
            ("2026年1月至2026年9月", "2026-01-01", "2026-09-30"),
            ("2026年10月至12月", "2026-10-01", "2026-12-31"),
        ],
        strict=True,
    ):
        assert printed in row
        assert (
            f'<time datetime="{start}">{start}</time> – <time datetime="{end}">{end}</time>' in row
        )
    assert [s for s, _ in rows] == ["past", "later", "later", "later"]
    assert "进行中" in rows[1][1]  # in progress on the build date
    # links to the phase anchors of the plan page
    assert 'href="../#p-p1"' in phases and 'href="../#p-p4"' in phases


def test_chart_is_static_and_hidden_behind_its_table(pages):
    html = pages[f"plans/{DATONG}/timeline/index.md"]
    chart = html[html.index('<figure class="pp-gantt"') : html.index("</figure>")]
    assert '<figure class="pp-gantt" aria-hidden="true">' in html
    assert "<script" not in html
    assert re.findall(r"pp-gantt__tick\" style=\"left: ([\d.]+)%\">(\d+)年", chart) == [
        ("0.000", "2024"),
        ("33.394", "2025"),  # 2024 is a leap year: 366 of 1096 days
        ("66.697", "2026"),
    ]
    assert "构建日期 2024-10-01" in chart
    # every link in the hidden chart is out of the tab order (the tables carry the links)
    assert all('tabindex="-1"' in a for a in re.findall(r"<a [^>]*>", chart))


def test_year_precision_deadline_is_a_year_end_not_an_invented_day(pages):
    html = pages[f"plans/{DATONG}/timeline/index.md"]
    deadlines = table(html, "有明确时间的时限")
    row = next(r for r in re.findall(r"<tr .*?</tr>", deadlines) if "2024年底前" in r)
    assert 'data-pp-precision="year"' in row
    assert '<time datetime="2024">2024年底</time>' in row
    assert "2024-12-31" not in row
    assert 'href="../#t-06"' in row
    # on the chart: a bar spanning the whole of 2024, ending at the end of the year
    bar = re.search(
        r'pp-gantt__bar--year" style="left: ([\d.]+)%; width: ([\d.]+)%"', html
    ).groups()
    assert bar == ("0.000", "33.394")
    month = next(r for r in re.findall(r"<tr .*?</tr>", deadlines) if "2025年6月底前" in r)
    assert '<time datetime="2025-06">2025年6月底</time>' in month and "2025-06-30" not in month
    assert "2024-12-31" not in text(html) and "2025-06-30" not in text(html)


def test_day_and_quarter_precision(pages):
    html = pages[f"plans/{HUAINAN}/timeline/index.md"]
    assert '<time datetime="2025-03-31">2025-03-31</time>' in html
    assert '<time datetime="2025-03">2025年第1季度末</time>' in html
    assert "pp-gantt__point" in html and "pp-gantt__bar--quarter" in html


def test_recurrences_are_listed_apart_from_dates(pages):
    html = pages[f"plans/{DATONG}/timeline/index.md"]
    recurring = html[html.index('id="pp-tl-recurring"') :]
    assert "每季度对乡镇街道（园区）开展一次安全生产督导" in recurring
    assert "（每季度）" in recurring and 'href="../#t-01"' in recurring
    assert "督导" not in html[: html.index('id="pp-tl-recurring"')]


def test_status_classes_relative_to_the_build_date():
    def statuses(pages):
        html = pages[f"plans/{HLBE}/timeline/index.md"]
        rows = re.findall(
            r'<tr class="pp-tl--(\w+)" data-pp-precision="\w+"><td class="pp-nowrap">(.*?)</td>',
            table(html, "有明确时间的时限"),
        )
        return [(text(w).strip(), s) for s, w in rows]

    assert statuses(render(dt.date(2024, 11, 15))) == [
        ("2024年6月底", "past"),
        ("2024年底", "soon"),
        ("2024年底", "soon"),
        ("2025年底", "later"),
        ("2025年底", "later"),
        ("2026年底", "later"),
    ]
    later = statuses(render(dt.date(2025, 10, 15)))
    assert [s for _, s in later] == ["past", "past", "past", "soon", "soon", "later"]


def test_legend_does_not_rely_on_colour(pages):
    html = pages[f"plans/{HLBE}/timeline/index.md"]
    legend = html[
        html.index('class="pp-tl-legend"') : html.index("</div>", html.index("pp-tl-legend"))
    ]
    for words in ("期限已过", "90天内到期", "90天以后到期", "具体日期"):
        assert words in legend
    # each row of the tables states its status in words
    rows = re.findall(r"<tr class=\"pp-tl--(\w+)\"[^>]*>(.*?)</tr>", html)
    words = {"past": "期限已过", "soon": "90天内到期", "later": "90天以后到期"}
    assert rows and all(words[s] in r for s, r in rows)


def test_site_timeline_by_month(pages):
    html = pages["timeline/index.md"]
    assert "共 10 个有明确时间的时限，涉及 3 个规划方案；其中 9 个尚未到期。" in html
    assert '<a href="2024-12/"><span class="pp-sr">2024年12月：</span>3</a>' in html
    assert '<td class="pp-tl--past"><a href="2024-06/">' in html
    month = pages["timeline/2024-12/index.md"]
    assert month.count("<tr class=") == 3
    for plan in (DATONG, HLBE):
        assert f'href="../../plans/{plan}/"' in month
    assert 'href="../../plans/hulunbeier-zhiben-gongjian-2024/#t-02-2"' in month
    assert 'rel="prev" href="../2024-06/"' in month and 'rel="next" href="../2025-03/"' in month


def test_gas_topic_page_lists_gas_tasks_of_each_plan_with_counts(pages):
    html = pages["topics/gas/index.md"]
    assert "4 项任务，涉及 3 个规划方案" in html
    groups = re.findall(
        r'<h2 id="plan-([\w-]+)">.*?<strong class="pp-topic-plan__count">(.*?)</strong>'
        r"(.*?)</section>",
        html,
        re.S,
    )
    got = {
        plan: (count, re.findall(r'href="\.\./\.\./plans/[\w-]+/#(t-\d+)"', body))
        for plan, count, body in groups
    }
    assert got == {
        DATONG: ("2 项任务", ["t-05", "t-06"]),
        HUAINAN: ("1 项任务", ["t-07"]),
        HLBE: ("1 项任务", ["t-10"]),
    }
    assert "区住建局牵头负责建筑施工、燃气等行业领域" in html
    index = pages["topics/index.md"]
    assert '<a href="gas/">燃气</a>' in index and "4 项任务，涉及 3 个规划方案" in index


def test_plan_page_links_topics_timeline_and_lineage(pages):
    html = pages[f"plans/{DATONG}/index.md"]
    assert '<a class="pp-topic" href="../../topics/gas/#plan-' + DATONG + '">燃气</a>' in html
    assert (
        '<a class="pp-timeline-link" href="timeline/">查看时间线</a>（4 个阶段，2 个时限）' in html
    )
    lineage = html[html.index('<ol class="pp-lineage">') :]
    lineage = lineage[: lineage.index("</ol>")]
    steps = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li[^>]*>(.*?)</li>", lineage)]
    assert steps == [
        "中国《安全生产治本攻坚三年行动方案（2024—2026年）》（安委〔2024〕2号）",
        "安徽省《安徽省安全生产治本攻坚三年行动实施方案（2024—2026年）》",
        "淮南市《淮南市安全生产治本攻坚三年行动实施方案（2024—2026年）》（淮安委〔2024〕1号）",
        "大通区本方案",
    ]
    assert '<li aria-current="page">' in lineage
    assert f'<a href="../{HUAINAN}/">《淮南市' in lineage  # in the portal: linked


def test_implements_is_linked_both_ways(pages):
    child = pages[f"plans/{DATONG}/index.md"]
    assert (
        f'<a class="pp-implements" href="../{HUAINAN}/#t-07">'
        "《淮南市安全生产治本攻坚三年行动实施方案（2024—2026年）》第7条</a>" in child
    )
    parent = pages[f"plans/{HUAINAN}/index.md"]
    assert (
        f'<a class="pp-implemented-by" href="../{DATONG}/#t-05">'
        "《大通区安全生产治本攻坚三年行动实施方案（2024—2026年）》第5条</a>" in parent
    )
    assert f'<a href="../{DATONG}/">《大通区' in parent  # implementing plans


def test_pages_stay_small_when_the_site_is_large(tmp_path):
    """Month pages and topic pages are split (see views.timeline / views.topics): with many
    copies of a plan, no timeline or topic page grows past the cap."""
    import shutil

    from generator.views import timeline, topics

    root = tmp_path / "big"
    shutil.copytree(FIXTURE, root)
    source = (FIXTURE / "plans" / f"{HLBE}.yaml").read_text(encoding="utf-8")
    copies = 130
    for n in range(1, copies):
        plan_id = f"{HLBE}-copy{n}"
        (root / "plans" / f"{plan_id}.yaml").write_text(
            source.replace(f"id: {HLBE}", f"id: {plan_id}"), encoding="utf-8"
        )
    project, problems = load_project(root)
    assert project is not None, [p.format() for p in problems[:3]]
    rendered = pages_of(project, languages=("zh",))
    december = [p for p in rendered if p.startswith("timeline/2024-12/")]
    assert len(december) == -(-(2 * copies + 2) // timeline.PAGE_SIZE)  # 2 per copy, split
    gas = [p for p in rendered if p.startswith("topics/gas/")]
    assert len(gas) == -(-(copies + 3) // topics.PAGE_SIZE)
    sizes = {p: len(c.encode()) for p, c in rendered.items() if p in december or p in gas}
    # the page body; the theme adds ~30 KB around it (limit ~150 KB of HTML per page)
    assert max(sizes.values()) < 115_000, sizes
