"""The real reference data under data/: valid, complete for the four seed plans, consistent.

Unit names are extracted from the plan texts in data/sources/ with simple patterns (task
parentheses, 牵头单位/配合单位/责任单位 lines, 001's domain list), so a new unit name in a
text fails here until data/units/ knows it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from generator.pinyin import full_pinyin
from generator.registry import Registry, load_registry, match_topics

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"

PLANS = {  # seed text → region of the plan
    "000": ("000_c46c0894d1a50a54.txt", "hulunbeier"),
    "001": ("001_68b0e3b884bd91bd.txt", "huainan-datong"),
    "002": ("002_b72f45fb6521b9fe.txt", "yuzhou"),
    "004": ("004_b44030e284a1ed73.txt", "bojingtan"),
}


@pytest.fixture(scope="module")
def reg() -> Registry:
    registry, problems = load_registry(DATA, display_root=ROOT)
    assert [p.format() for p in problems] == []
    assert registry is not None
    return registry


# --- reading the seed texts -----------------------------------------------------------------

_CJK = "\u3400-\u9fff"
_JOINING = f"{_CJK}（）()、，；。：“”"
_GAP = re.compile(rf"(?<=[{_JOINING}])\s+|\s+(?=[{_JOINING}])")


def clean(text: str) -> str:
    """What the importer does to extraction noise: no emphasis, no spaces inside CJK runs."""
    text = text.replace("**", "").replace("[bookmark: _GoBack]", "")
    return _GAP.sub("", text)


@cache
def raw(plan: str) -> str:
    return (SOURCES / PLANS[plan][0]).read_text(encoding="utf-8")


def parentheses(text: str) -> list[str]:
    """Contents of the top-level (balanced) parentheses, either width, may be mixed."""
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start:i])
    return out


_ROLE_END = re.compile(
    r"(分别牵头或按职责分工负责|按照职责分工负责|按职责分工负责|分别牵头负责|牵头负责"
    r"|按照职责负责|分工负责|负责|牵头|配合)$"
)


def names_in_clause(clause: str) -> list[str]:
    """`市应急管理局、消防救援大队等市安委会成员单位按职责分工负责` → the names."""
    clause = clause.removeprefix("以下均需")
    if not clause or clause.startswith("不再"):
        return []
    clause = _ROLE_END.sub("", clause)
    out: list[str] = []
    for part in clause.split("、"):
        out.extend(p for p in part.split("等") if p)
    return out


def parenthesis_names(plan: str) -> set[str]:
    """Names in the responsibility parentheses that close the tasks (000, 002)."""
    text = clean(raw(plan))
    out: set[str] = set()
    for content in parentheses(text):
        if "负责" not in content:
            continue
        for clause in re.split(r"[；;，,]", content):
            out.update(names_in_clause(clause.strip("。 ")))
    return out


def line_names(plan: str) -> set[str]:
    """Names on the 牵头单位： / 配合单位： / 责任单位： lines (004)."""
    out: set[str] = set()
    for m in re.finditer(r"^(?:牵头单位|配合单位|责任单位)：(.+)$", raw(plan), re.M):
        out.update(n.strip() for n in m.group(1).split("、") if n.strip())
    return out


def domain_lead_names(plan: str) -> set[str]:
    """001 四、保障措施（二）: `区住建局牵头负责建筑施工、燃气…`."""
    text = clean(raw(plan))
    para = text[text.index("（二）加强责任落实") :]
    para = para[para.index("其中：") + 3 : para.index("。", para.index("其中："))]
    out: set[str] = set()
    for clause in para.split("，"):
        if "牵头负责" in clause:
            out.update(clause.split("牵头负责")[0].split("、"))
    return out


RESPONSIBILITY = {
    "000": parenthesis_names,
    "001": domain_lead_names,
    "002": parenthesis_names,
    "004": line_names,
}
MIN_NAMES = {"000": 28, "001": 20, "002": 35, "004": 20}


@cache
def responsibility_names(plan: str) -> frozenset[str]:
    return frozenset(RESPONSIBILITY[plan](plan))


def test_extraction_finds_the_names() -> None:
    """Guard for the patterns above: they must keep finding the names."""
    assert "经开区管委会" in responsibility_names("000")
    assert "各旗市区政府" in responsibility_names("000")
    assert "团市委" in responsibility_names("000")
    assert {"运管所", "大通交通执法一大队", "其他行业领域主管部门"} <= responsibility_names("001")
    assert "各乡镇（街道）政府（办事处）" in responsibility_names("002")
    assert "消防救援大队" in responsibility_names("002")  # printed 消防救 援大队
    assert "社会事务局（文旅办）" in responsibility_names("004")
    assert not any("第一" in n for n in responsibility_names("004"))  # the 第一配合单位 slip
    for plan, minimum in MIN_NAMES.items():
        assert len(responsibility_names(plan)) >= minimum, plan


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_every_responsibility_name_resolves(reg: Registry, plan: str) -> None:
    region = PLANS[plan][1]
    missing = sorted(n for n in responsibility_names(plan) if reg.resolve(n, region) is None)
    assert missing == []


OTHER_NAMES = {  # cover letters, issuers, recipients and bodies named in the prose
    "hulunbeier": [
        "呼伦贝尔市安全生产委员会",
        "各旗市区人民政府",
        "市安委会各成员单位",
        "市直属有关企业",
        "市安委会办公室",
        "各旗市区安委会",
        "市安委会有关成员单位",
        "市安委会各有关成员单位",
        "市有关直属企业",
        "呼伦贝尔市委",
        "市委党校",
        "自治区安全生产委员会",
        "国务院安委会",
        "中办",
        "国办",
    ],
    "huainan-datong": [
        "淮南市大通区安全生产委员会",
        "区安委会各成员单位",
        "区安委会有关成员单位",
        "区委",
        "区政府",
        "区委党校",
        "区安委会办公室",
        "各乡镇街道（园区）",
        "各有关部门",
        "市安委会",
        "省安委会",
        "国务院安委会",
    ],
    "yuzhou": [
        "禹州市安全生产委员会",
        "各乡镇（街道）安委会",
        "禹州高新技术产业开发区安委会",
        "市安委会各成员单位",
        "央属省属驻禹企业",
        "市安委会办公室",
        "市安委办",
        "市消安办",
        "市政府",
        "市委",
        "市委党校",
        "应急管理部",
        "国家矿山安监局",
    ],
    "bojingtan": ["孛井滩生态移民示范区", "盟应急管理局", "中共中央办公厅", "国务院办公厅"],
}


@pytest.mark.parametrize("region", sorted(OTHER_NAMES))
def test_other_named_bodies_resolve(reg: Registry, region: str) -> None:
    missing = [n for n in OTHER_NAMES[region] if reg.resolve(n, region) is None]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "region", "expected"),
    [
        ("市应急管理局", "hulunbeier", ("unit", "hulunbeier", "yingjiguanliju")),
        ("经开区管委会", "hulunbeier", ("unit", "hulunbeier", "jingkaiqu-guanweihui")),
        ("各旗市区政府", "hulunbeier", ("group", "hulunbeier", "qishiqu-zhengfu")),
        ("各旗市区人民政府", "hulunbeier", ("group", "hulunbeier", "qishiqu-zhengfu")),
        ("安委会成员单位", "hulunbeier", ("group", "hulunbeier", "anweihui-chengyuan-danwei")),
        (
            "市安委会各负有安全生产监督管理职责的部门",
            "hulunbeier",
            ("group", "hulunbeier", "anweihui-jianguan-bumen"),
        ),
        ("市安委会", "huainan-datong", ("unit", "huainan", "anquanshengchanweiyuanhui")),
        ("区安委会", "huainan-datong", ("unit", "huainan-datong", "anquanshengchanweiyuanhui")),
        (
            "市生态环境局大通分局",
            "huainan-datong",
            ("unit", "huainan-datong", "shengtaihuanjingju-datong-fenju"),
        ),
        (
            "自规分局",
            "huainan-datong",
            ("unit", "huainan-datong", "ziranziyuanheguihuaju-datong-fenju"),
        ),
        ("煤炭局", "yuzhou", ("unit", "yuzhou", "meitanju")),
        ("市煤炭 局", "yuzhou", ("unit", "yuzhou", "meitanju")),
        ("市场监督管理局", "yuzhou", ("unit", "yuzhou", "shichangjianduguanliju")),
        ("市市场监督管理局", "yuzhou", ("unit", "yuzhou", "shichangjianduguanliju")),
        ("住房 和城乡建设局", "yuzhou", ("unit", "yuzhou", "zhufanghechengxiangjiansheju")),
        (
            "各乡镇（街 道）政府（办事处）",
            "yuzhou",
            ("group", "yuzhou", "xiangzhen-jiedao-zhengfu"),
        ),
        ("市监局", "bojingtan", ("unit", "bojingtan", "shichangjianduguanliju")),
        ("市场监督管理局", "bojingtan", ("unit", "bojingtan", "shichangjianduguanliju")),
        ("社会事务局(文旅办)", "bojingtan", ("unit", "bojingtan", "shehuishiwuju")),
        ("两镇", "bojingtan", ("group", "bojingtan", "liangzhen")),
        ("盟应急管理局", "bojingtan", ("unit", "alashan", "yingjiguanliju")),
    ],
)
def test_names_resolve_to_the_right_record(
    reg: Registry, name: str, region: str, expected: tuple[str, str, str]
) -> None:
    found = reg.resolve(name, region)
    assert found is not None
    assert (found.kind, found.region, found.id) == expected


def test_a_plan_does_not_see_other_regions_units(reg: Registry) -> None:
    assert reg.resolve("市应急管理局", "bojingtan") is None  # 市… is not the zone's form
    assert reg.resolve("区住建局", "yuzhou") is None
    assert reg.resolve("市能源局", "yuzhou") is None


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("市应急管里局", "hulunbeier", "市应急管理局"),
        ("市应急管理", "yuzhou", "市应急管理局"),
        ("市住建局", "bojingtan", "住建交通局"),
        ("区住建居", "huainan-datong", "区住建局"),
        ("消防救援支队", "yuzhou", "市消防救援大队"),
        ("市卫建委", "hulunbeier", "市卫健委"),
        ("市安委会各成员单元", "yuzhou", "市安委会各成员单位"),
    ],
)
def test_suggestions_on_real_data(reg: Registry, typed: str, region: str, expected: str) -> None:
    assert expected in reg.suggest(typed, region)


# --- regions, units, categories -------------------------------------------------------------


def test_regions(reg: Registry) -> None:
    expected = {
        "china": ("中国", "country", None),
        "neimenggu": ("内蒙古自治区", "province", "china"),
        "hulunbeier": ("呼伦贝尔市", "prefecture", "neimenggu"),
        "alashan": ("阿拉善盟", "prefecture", "neimenggu"),
        "bojingtan": ("阿拉善盟孛井滩生态移民示范区", "zone", "alashan"),
        "anhui": ("安徽省", "province", "china"),
        "huainan": ("淮南市", "prefecture", "anhui"),
        "huainan-datong": ("淮南市大通区", "county", "huainan"),
        "henan": ("河南省", "province", "china"),
        "xuchang": ("许昌市", "prefecture", "henan"),
        "yuzhou": ("禹州市", "county", "xuchang"),
    }
    assert {r.id: (r.name, r.level, r.parent) for r in reg.regions.values()} == expected
    assert all(r.name_en for r in reg.regions.values())
    assert [r.id for r in reg.region_chain("bojingtan")] == [
        "bojingtan",
        "alashan",
        "neimenggu",
        "china",
    ]


def test_one_emergency_management_unit_per_region(reg: Registry) -> None:
    found = reg.units_by_category("emergency-management")
    regions = [r for r, _ in found]
    assert len(regions) == len(set(regions))
    assert {"hulunbeier", "huainan-datong", "yuzhou", "bojingtan"} <= set(regions)


@pytest.mark.parametrize(
    "category",
    ["fire-rescue", "housing-construction", "market-regulation", "public-security"],
)
def test_like_units_in_each_plan_region(reg: Registry, category: str) -> None:
    regions = sorted(r for r, _ in reg.units_by_category(category))
    assert regions == sorted(["hulunbeier", "huainan-datong", "yuzhou", "bojingtan"])


def test_every_unit_is_complete(reg: Registry) -> None:
    for region in reg.regions:
        for unit in reg.units_in(region):
            assert unit.name_en, unit.id
            assert unit.category, unit.id
        for group in reg.groups_in(region):
            assert group.name_en, group.id


def test_every_category_is_used(reg: Registry) -> None:
    used = {u.category for r in reg.regions for u in reg.units_in(r)}
    assert set(reg.categories) - used == set()


REGION_PREFIXES = {
    "hulunbeier": "呼伦贝尔市",
    "huainan-datong": "淮南市大通区",
    "huainan": "淮南市",
    "yuzhou": "禹州市",
    "bojingtan": "孛井滩生态移民示范区",
    "alashan": "阿拉善盟",
    "neimenggu": "内蒙古自治区",
    "anhui": "安徽省",
}


def test_unit_ids_are_the_pinyin_of_the_name(reg: Registry) -> None:
    """Id = pinyin of the canonical name without the region prefix (hyphens aside).

    Names not starting with the region prefix (中共…委员会, branches named after the city
    bureau, bodies printed in short form only) have ids from their short form; they are
    listed in `exceptions`.
    """
    exceptions = {
        ("hulunbeier", "shiwei"),
        ("hulunbeier", "shiwei-dangxiao"),
        ("hulunbeier", "jingkaiqu-guanweihui"),
        ("hulunbeier", "tuanshiwei"),
        ("hulunbeier", "anquanshengchanweiyuanhui-bangongshi"),
        ("huainan-datong", "quwei"),
        ("huainan-datong", "quwei-dangxiao"),
        ("huainan-datong", "anquanshengchanweiyuanhui-bangongshi"),
        ("huainan-datong", "jiaotongzhifa-yidadui"),
        ("yuzhou", "shiwei"),
        ("yuzhou", "shiwei-xuanchuanbu"),
        ("yuzhou", "shiwei-dangxiao"),
        ("yuzhou", "tuanshiwei"),
        ("yuzhou", "gaoxinqu-guanweihui"),
        ("yuzhou", "gaoxinqu-anweihui"),
        ("yuzhou", "anquanshengchanweiyuanhui-bangongshi"),
        ("yuzhou", "xiaofanganquanweiyuanhui-bangongshi"),
        ("bojingtan", "shifanqu"),
    }
    checked = 0
    for region, prefix in REGION_PREFIXES.items():
        for unit in reg.units_in(region):
            if (region, unit.id) in exceptions:
                continue
            if not unit.name.startswith(prefix):
                continue
            assert unit.id.replace("-", "") == full_pinyin(unit.name.removeprefix(prefix)), (
                region,
                unit.id,
            )
            checked += 1
    assert checked >= 70


def test_branch_units_name_their_parent_id(reg: Registry) -> None:
    for region in reg.regions:
        ids = {u.id for u in reg.units_in(region)}
        for unit in reg.units_in(region):
            if unit.parent:
                assert unit.parent in ids


# --- files --------------------------------------------------------------------------------


SCHEMAS = {
    "regions.yaml": "regions",
    "topics.yaml": "topics",
    "categories.yaml": "categories",
    "glossary.yaml": "glossary",
}


@pytest.mark.parametrize(
    "path",
    sorted(
        [DATA / n for n in SCHEMAS] + list((DATA / "units").glob("*.yaml")),
        key=lambda p: p.as_posix(),
    ),
    ids=lambda p: p.relative_to(DATA).as_posix(),
)
def test_schema_comment(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if path.parent.name == "units":
        assert first == "# yaml-language-server: $schema=../../schema/units.schema.json"
    else:
        name = SCHEMAS[path.name]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


def test_glossary_has_the_site_terms() -> None:
    import yaml

    terms = {
        t["zh"]: t["en"] for t in yaml.safe_load((DATA / "glossary.yaml").read_text())["terms"]
    }
    for zh in ("牵头", "配合", "责任单位", "属地", "总体要求", "主要任务", "保障措施", "进度安排"):
        assert terms.get(zh), zh
    assert terms["安全生产委员会"] == "Work Safety Committee"


# --- topics --------------------------------------------------------------------------------


def tasks(plan: str) -> dict[str, str]:
    """Task texts of a seed plan by number (004: items by chapter-item, e.g. `4-十`)."""
    text = raw(plan)
    if plan == "004":
        body = text[text.index("一、健全") :]
        out: dict[str, str] = {}
        chapters = re.split(r"(?m)^[一二三四五六七八]、", body)[1:]
        for c, chapter in enumerate(chapters, 1):
            parts = re.split(r"(?m)^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]", chapter)
            for j in range(1, len(parts), 2):
                out[f"{c}-{parts[j]}"] = clean(parts[j + 1])
        return out
    start = {"000": "二、主要任务", "001": "二、主要任务", "002": "三、主要任务"}[plan]
    end = {"000": "三、保障措施", "001": "三、进度安排", "002": "四、保障措施"}[plan]
    body = text[text.index(start) : text.index(end)]
    marks: list[tuple[int, int, int]] = []
    for m in re.finditer(r"(?:^|(?<=[\s。）)]))(\d{1,2})\s*\.(?!\d)", body, re.M):
        if int(m.group(1)) == len(marks) + 1:  # numbering is continuous
            marks.append((len(marks) + 1, m.start(), m.end()))
    out = {}
    for i, (num, _, end_) in enumerate(marks):
        stop = marks[i + 1][1] if i + 1 < len(marks) else len(body)
        chunk = body[end_:stop]
        chunk = re.sub(r"(?m)^\s*[（(]\s*[一二三四五六七八九十]+\s*[）)].*$", "", chunk)
        chunk = re.sub(r"[（(]\s*[一二三四五六七八九十]+\s*[）)]开展[^。]*?行动。?\s*$", "", chunk)
        out[str(num)] = clean(chunk)
    return out


@cache
def all_tasks() -> dict[str, str]:
    return {f"{p}#{n}": t for p in PLANS for n, t in tasks(p).items()}


def topic_hits(reg: Registry, topic: str) -> set[str]:
    chosen = [reg.topics[topic]]
    return {key for key, text in all_tasks().items() if match_topics(text, chosen)}


def test_task_split() -> None:
    counts = {p: len(tasks(p)) for p in PLANS}
    assert counts == {"000": 28, "001": 30, "002": 41, "004": 42}


def test_required_topics_exist(reg: Registry) -> None:
    required = {
        "gas", "fire", "hazardous-chemicals", "mining", "road-traffic", "construction",
        "special-equipment", "education-training", "enforcement", "hazard-investigation",
        "industry-trade", "fireworks-explosives", "emergency-rescue", "digitalisation",
        "responsibility", "standardisation", "publicity", "campus",
    }  # fmt: skip
    assert required <= set(reg.topics)
    for topic in reg.topics.values():
        assert topic.keywords, topic.id


def test_gas_topic(reg: Registry) -> None:
    # 000 task 10, 001 task 7, 002 task 19 are the gas tasks; 002 task 3 names 城镇燃气安全
    # among its 20 focus areas. Mentions such as "交通运输、燃气等行业领域" do not count.
    assert topic_hits(reg, "gas") == {"000#10", "001#7", "002#19", "002#3"}


@pytest.mark.parametrize(
    ("topic", "must"),
    [
        ("fire", {"000#9", "001#6", "002#4", "002#26", "004#4-四"}),
        ("mining", {"000#7", "002#5", "002#16", "002#17", "002#27", "004#4-二", "004#4-三"}),
        ("hazardous-chemicals", {"000#8", "001#8", "002#18", "004#4-一", "004#8-二"}),
        ("road-traffic", {"000#11", "001#9", "002#6", "004#4-六"}),
        ("construction", {"000#12", "001#10", "004#4-十一"}),
        ("special-equipment", {"000#13", "004#4-九"}),
        ("industry-trade", {"001#11", "004#4-五"}),
        ("fireworks-explosives", {"004#4-十六"}),
        ("campus", {"000#14", "001#12"}),
        ("standardisation", {"000#21", "000#22", "002#24", "002#25", "004#8-五"}),
        ("education-training", {"000#1", "000#19", "004#7-三"}),
        ("reporting-rewards", {"000#23", "001#25", "002#29"}),
        ("publicity", {"000#27", "002#37", "002#38", "004#7-一"}),
        ("emergency-rescue", {"000#20", "002#23", "004#6-二"}),
        ("enforcement", {"000#24", "002#28"}),
        ("digitalisation", {"000#15", "002#20", "004#5-三"}),
        ("hazard-investigation", {"000#2", "001#16", "002#12"}),
    ],
)
def test_topic_keywords_find_the_tasks(reg: Registry, topic: str, must: set[str]) -> None:
    assert must <= topic_hits(reg, topic)


@pytest.mark.parametrize(
    ("topic", "must_not"),
    [
        ("gas", {"000#16", "001#4", "002#14", "004#4-十四"}),  # 燃气 only mentioned in a list
        ("mining", {"000#1"}),  # training of 矿山企业主要负责人
        ("construction", {"000#9", "001#6"}),  # 经营性自建房 as a fire-risk place
        ("tourism", {"000#1", "001#4"}),  # 文物保护单位 as a training target
    ],
)
def test_topic_keywords_skip_passing_mentions(
    reg: Registry, topic: str, must_not: set[str]
) -> None:
    assert topic_hits(reg, topic) & must_not == set()


def test_topics_are_specific_and_cover_every_task(reg: Registry) -> None:
    tasks_ = all_tasks()
    for topic in reg.topics:
        hits = topic_hits(reg, topic)
        assert hits, f"{topic} matches no seed task"
        assert len(hits) <= len(tasks_) // 3, f"{topic} matches {len(hits)} tasks"
    untagged = [k for k, t in tasks_.items() if not match_topics(t, reg.topics.values())]
    assert untagged == []


@pytest.mark.parametrize(
    "path",
    sorted(
        [DATA / n for n in ("regions.yaml", "topics.yaml", "categories.yaml")]
        + list((DATA / "units").glob("*.yaml")),
        key=lambda p: p.as_posix(),
    ),
    ids=lambda p: p.relative_to(DATA).as_posix(),
)
def test_files_satisfy_the_published_schema(path: Path) -> None:
    """What editors see (schema/*.schema.json) agrees with what the loader accepts."""
    import json

    import jsonschema
    import yaml

    name = "units" if path.parent.name == "units" else path.stem
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
