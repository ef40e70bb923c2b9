"""The search index without a browser: how text is cut (`search_text`), the entries made
from the views (`search_records`), their Pagefind pages (`search_pages`) and the indexer
(`search_index`). The search box itself: tests/browser/test_search*.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.project import load_project
from generator.search_index import (
    DOCUMENTS,
    MANIFEST,
    SearchIndexError,
    index_site,
    write_documents,
    write_entries,
)
from generator.search_pages import FIELDS, page_html, paginate
from generator.search_records import Entry, Field, site_entries
from generator.search_text import (
    Vocabulary,
    cover,
    field_mark,
    join_tokens,
    pinyin_keys,
    query_terms,
    tokens,
)
from generator.views.site import build_views

FIXTURE = Path(__file__).parent / "fixtures" / "site"
REPO = Path(__file__).resolve().parents[1]

# Terms of the seed plans that the default segmenters cut into characters (measured:
# Pagefind's jieba at indexing, Chromium's ICU for the query; bench/RESULTS.md).
SPLIT_TERMS = ["瓶改管", "加芯赋码", "消地协作", "大吨小标", "四不两直", "三定两查", "电竞酒店"]


# --- cutting text --------------------------------------------------------------------------


def test_chinese_is_indexed_as_pairs_and_words_as_words():
    assert tokens("瓶改管") == ["瓶改", "改管", "管"]
    assert tokens("CCC认证，２０２４年") == ["CCC", "认证", "证", "，", "2024", "年"]
    assert query_terms("瓶改管 燃气泄漏") == ["瓶改", "改管", "燃气", "泄漏"]
    assert query_terms("Hulunbuir ＣＣＣ") == ["hulunbuir", "ccc"]
    assert cover("燃") == ["燃"] and cover("燃气") == ["燃气"]


@pytest.mark.parametrize("term", SPLIT_TERMS)
def test_terms_the_segmenters_split_are_found_whole(term):
    """Every pair of the query is a token of a text holding the term; a text holding its
    characters apart holds none of its pairs."""
    text = f"推进非居民用户“{term}”工作"
    assert set(query_terms(term)) <= set(tokens(text))
    scattered = "，".join(term)
    assert not set(query_terms(term)) & set(tokens(scattered))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="安全生产燃气瓶改管隐患排查整治，、 （）", min_size=1, max_size=40), st.data()
)
def test_any_substring_is_found(text, data):
    """Property: the query terms of any piece of a Chinese text start tokens of the text
    (a pair is a token; a single character starts the pair it begins). Words of letters
    and digits are found from their start, as Pagefind matches them."""
    start = data.draw(st.integers(0, len(text) - 1))
    piece = text[start : data.draw(st.integers(start + 1, len(text)))]
    toks = tokens(text)
    for term in query_terms(piece):
        assert any(t.startswith(term) for t in toks), (text, piece, term)


def test_text_comes_back_from_its_tokens():
    for text in [
        "城镇燃气，CCC认证2024年底前",
        "严格落实《安全生产法》。",
        "Hulunbuir Emergency Bureau",
    ]:
        assert join_tokens(tokens(text)) == text


def test_vocabulary_keeps_known_terms_whole_for_pinyin():
    vocab = Vocabulary()
    vocab.add("孛井滩", "瓶改管")
    assert vocab.words("孛井滩推进瓶改管工作") == ["孛井滩", "推进", "瓶改管", "工作"]
    assert "pinggaiguan" in pinyin_keys(["瓶改管"], vocab, runs=False)
    assert "pinggaiguan" not in pinyin_keys(["瓶改管"], Vocabulary(), runs=False)
    assert {"yingjiguanliju", "yjglj"} <= set(pinyin_keys(["市应急管理局"]))


# --- entries from the views -------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_views():
    project, problems = load_project(FIXTURE)
    assert project is not None, [p.format() for p in problems]
    return project, build_views(project, dt.date(2024, 10, 1))


@pytest.fixture(scope="module")
def entries(fixture_views):
    project, views = fixture_views
    return list(site_entries(project, views))


def _by_path(entries, path):
    flat = [x for e in entries for x in (e, *e.children)]
    return next(e for e in flat if e.path == path)


def _field(entry, role):
    return next((f.text for f in entry.fields if f.role == role), "")


def test_every_clause_and_item_is_an_entry(fixture_views, entries):
    _, views = fixture_views
    tasks = {e.path: e for e in entries if e.kind == "task"}
    for view in views.plans:
        for tv in view.tasks:
            task = tasks[f"{tv.page}#{tv.anchor}"]
            assert [c.path for c in task.children] == [f"{tv.page}#{i.anchor}" for i in tv.items]
    kinds = {e.kind for e in entries}
    assert {"task", "plan", "unit", "region", "topic", "timeline", "text"} <= kinds


def test_clause_entry_fields(entries):
    task = _by_path(entries, "plans/hulunbeier-zhiben-gongjian-2024/#t-02")
    item = _by_path(entries, "plans/hulunbeier-zhiben-gongjian-2024/#t-02-1")
    assert _field(task, "no") == "第2条" and _field(item, "no") == "第一项"
    assert _field(task, "title").startswith("严格执行重大事故隐患判定标准")
    assert _field(item, "text").startswith("总结重大事故隐患专项排查整治")
    assert {f.role for f in item.fields} == {"no", "text", "deadline"}  # the rest: its task's
    assert task.plan[0] == "呼伦贝尔市治本攻坚三年行动方案"
    assert task.filters["region"] == ("呼伦贝尔市",) and task.filters["topic"]
    datong = _by_path(entries, "plans/huainan-datong-zhiben-gongjian-2024/#t-05")
    assert _field(datong, "lead") == "区应急局" and _field(datong, "deadline") == "2025年6月底前"
    assert "燃气" in _field(datong, "more") and "Gas" in _field(datong, "more")  # its topic
    assert datong.filters["category"] == ("应急管理部门",)
    assert datong.filters["category_en"] == ("Emergency management",)


def test_names_in_both_languages(entries):
    task = _by_path(entries, "plans/huainan-datong-zhiben-gongjian-2024/#t-05")
    assert task.filters["topic_en"] == ("Gas",) and task.filters["region_en"] == (
        "Datong District",
    )
    unit = next(e for e in entries if e.kind == "unit" and "Emergency" in _field(e, "title_en"))
    assert "yingjiguanliju" in _field(unit, "more")
    assert _field(unit, "title_en") in unit.boosts["name"]


def test_plan_entry_is_found_by_its_names(entries):
    plan = _by_path(entries, "plans/hulunbeier-zhiben-gongjian-2024/")
    assert _field(plan, "no") == "呼安委会字〔2024〕4号"
    assert plan.boosts["docno"] == "呼安委会字〔2024〕4号"
    assert {"呼伦贝尔", "hulunbeier", "hlbe"} <= set(plan.boosts["region"].split())


# --- pages ---------------------------------------------------------------------------------------


def _entry(n: int, group: str = "g", kind: str = "task") -> Entry:
    return Entry(
        kind,
        f"plans/p/#t-{n}",
        (Field("title", f"第{n}条 燃气"),),
        {"topic": (f"t{n}",)},
        group=group,
    )  # type: ignore[arg-type]


EXAMPLE = REPO / "examples" / "shili"


def test_clauses_carry_their_derived_status():
    """The search filters and shows each task's status derived from the progress reports
    (issue 19), in both languages: the example project's reports at a fixed date."""
    from generator.reports import attach_progress
    from generator.reports.status import STATE_TERMS, State
    from generator.search_text import state_mark

    day = dt.date(2026, 3, 1)
    project, problems = load_project(EXAMPLE)
    assert project is not None, [p.format() for p in problems]
    project, _ = attach_progress(project, day)
    found = {e.path: e for e in site_entries(project, build_views(project, day))}
    done = found["plans/shili-zhiben-gongjian-2024/#t-01"]
    assert done.filters["status"] == ("已完成",) and done.filters["status_en"] == ("done",)
    assert _field(done, "state") == state_mark(list(State).index(State.done))
    items = {c.path: c for c in done.children}
    reported = items["plans/shili-zhiben-gongjian-2024/#t-01-2"]  # reports on the sub-item
    assert _field(reported, "state") == state_mark(list(State).index(State.done))
    assert _field(items["plans/shili-zhiben-gongjian-2024/#t-01-1"], "state")  # reported too
    # a sub-item without reports has no state of its own: test_clause_entry_fields
    late = found["plans/shili-zhiben-gongjian-2024/#t-02"]
    assert late.filters["status"] == ("期限已过，未报告完成",)
    assert late.filters["status_en"] == ("deadline passed, completion not reported",)
    assert found["plans/shili-zhiben-gongjian-2024/#t-06"].filters["status"] == ("未报告",)
    assert found["plans/shili-gongzuo-yaodian-2025/#t-03"].filters["status"] == ("已调整",)
    assert "status" not in found["plans/shili-zhiben-gongjian-2024/"].filters  # a plan has none
    html = page_html([done])
    assert '<meta data-pagefind-filter="status[content]" content="已完成">' in html
    assert '<meta data-pagefind-filter="status_en[content]" content="done">' in html
    assert STATE_TERMS[State.done][0] not in html.split("<body>")[1]  # not words of the index


def test_without_reports_no_task_is_on_track(entries):
    """The seed-like fixture has no reports: a task is 未报告, or 期限已过，未报告完成."""
    states = {e.filters["status"] for e in entries if e.kind == "task"}
    assert states <= {("未报告",), ("期限已过，未报告完成",)} and len(states) == 2


def test_one_page_per_entry_unless_too_many():
    few = [_entry(n) for n in range(10)]
    assert paginate(few, max_pages=10) == [(e,) for e in few]
    many = [_entry(n, group=f"g{n // 6}") for n in range(60)]
    many.insert(0, Entry("plan", "plans/p/", (Field("title", "方案"),)))
    pages = paginate(many, max_pages=25)
    assert len(pages) <= 25 and pages[0] == (many[0],)  # a plan keeps its own page
    assert sum(len(p) for p in pages) == 61
    assert all(len({e.group for e in p}) == 1 for p in pages)  # never across groups


def test_page_html():
    html = page_html([_entry(1), _entry(2)])
    assert '<html lang="und">' in html  # a language Pagefind neither segments nor stems
    assert html.count("<pp-task id=") == 2 and 'id="plans/p/#t-2"' in html
    assert field_mark(FIELDS.index("title")) + " 第 1 条 燃气 气" in html
    assert html.count('data-pagefind-filter="topic[content]"') == 2
    assert field_mark(FIELDS.index("facets")) in html  # shared page: each entry's filters
    assert field_mark(FIELDS.index("facets")) not in page_html([_entry(1)])


def test_sub_items_follow_their_task_fields():
    item = Entry("item", "plans/p/#t-1-1", (Field("no", "第一项"), Field("text", "一是排查")))
    task = Entry(
        "task",
        "plans/p/#t-1",
        (Field("title", "燃气"), Field("lead", "市应急局")),
        children=(item,),
    )
    html = page_html([task])
    assert (
        html.index("市应 应急")
        < html.index('<pp-item id="plans/p/#t-1-1">')
        < html.index("排查 查")
    )


# --- the indexer ---------------------------------------------------------------------------------


def _words_in_index(bundle: Path) -> set[str]:
    """Words of the Pagefind index chunks (CBOR text strings inside the gzip)."""
    words: set[str] = set()
    for chunk in bundle.glob("index/*.pf_index"):
        data = gzip.decompress(chunk.read_bytes())
        for m in re.finditer(rb"[\x61-\x77]", data):  # CBOR text header, length < 24
            size = m.group()[0] - 0x60
            raw = data[m.end() : m.end() + size]
            with contextlib.suppress(UnicodeDecodeError):
                words.add(raw.decode("utf-8"))
    return words


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, fixture_views):
    project, views = fixture_views
    site = tmp_path_factory.mktemp("indexed") / "site"
    site.mkdir()
    written = write_documents(site, project, views)
    assert written.pages == written.entries > 20
    lines: list[str] = []
    stats = index_site(site, echo=lines.append)
    assert lines[-1].startswith("search index: ")
    return site, stats


def test_index_is_written_and_documents_removed(indexed):
    site, stats = indexed
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "en" / "pagefind").exists()  # both trees search one bundle
    assert not (site / DOCUMENTS).exists()
    assert stats.entries == stats.pages
    manifest = json.loads((site / "pagefind" / MANIFEST).read_text())
    assert manifest == {
        "language": "und",
        "entries": manifest["pages"],
        "pages": manifest["pages"],
        "shared": False,
        "parts": ["pagefind/"],
    }
    assert (
        not list((site / "pagefind").glob("pagefind-ui*"))
        and not (site / "pagefind" / "pagefind-worker.js").exists()
    )


def test_index_holds_pairs_not_runs(indexed):
    site, _ = indexed
    words = _words_in_index(site / "pagefind")
    assert {"瓶改", "改管", "燃气", "隐患", "yingjiguanliju", "hulunbuir"} <= words
    assert "瓶改管" not in words and "重大事故隐患" not in words


def test_shared_pages_are_described(tmp_path):
    write_entries(tmp_path, [_entry(n, group=f"g{n // 4}") for n in range(40)], max_pages=12)
    index_site(tmp_path, echo=None)
    manifest = json.loads((tmp_path / "pagefind" / MANIFEST).read_text())
    assert manifest["shared"] and manifest["entries"] == 40 and manifest["pages"] <= 12


def test_a_large_index_is_made_in_parts(tmp_path):
    """Each Pagefind run holds its whole index in memory: past `part_bytes` of documents the
    index is made in parts, searched together; the runtime is in the first only."""
    entries = [_entry(n, group=f"g{n // 4}") for n in range(60)]
    written = write_entries(tmp_path, entries, part_bytes=5_000)
    stats = index_site(tmp_path, echo=None)
    manifest = json.loads((tmp_path / "pagefind" / MANIFEST).read_text())
    parts = manifest["parts"]
    assert len(parts) == stats.parts == -(-written.bytes // 5_000) > 1
    assert parts[:2] == ["pagefind/", "pagefind-2/"] and stats.pages == 60
    for part in parts[1:]:
        assert (tmp_path / part / "pagefind-entry.json").is_file()
        assert not (tmp_path / part / "pagefind.js").exists()


def test_index_errors_are_one_line(tmp_path):
    with pytest.raises(SearchIndexError, match="does not exist"):
        index_site(tmp_path / "missing", echo=None)
    with pytest.raises(SearchIndexError) as info:
        index_site(tmp_path, echo=None)  # no documents
    assert "\n" not in str(info.value) and "search documents" in str(info.value)


def test_index_error_is_a_mkdocs_plugin_error():
    from mkdocs.exceptions import PluginError

    assert issubclass(SearchIndexError, PluginError)


def test_the_search_box_reads_the_fields_in_this_order():
    """overrides/assets/js/search.js knows the fields by their marker: the same list."""
    script = (REPO / "overrides" / "assets" / "js" / "search.js").read_text("utf-8")
    listed = re.search(r"var FIELDS = \[(.*?)\];", script).group(1)
    assert [x.strip().strip('"') for x in listed.split(",")] == list(FIELDS)
    assert "var MARK = 0xe000;" in script and field_mark(0) == "\ue000"
