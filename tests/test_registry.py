"""generator.registry: resolving printed unit names, suggestions, reference-data checks, loading.

These tests use small hand-made data; tests/test_reference_data.py checks the real data/.
"""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from generator.model import Category, Group, Membership, Region, Topic, Unit, UnitRegistry
from generator.registry import (
    Registry,
    Resolved,
    check_reference,
    load_registry,
    match_topics,
    normalise,
)

REGIONS = (
    Region(id="china", name="中国", level="country"),
    Region(id="sheng", name="某省", level="province", parent="china"),
    Region(id="shi", name="某市", level="prefecture", parent="sheng"),
    Region(id="qu", name="某市某区", level="county", parent="shi"),
)
CATEGORIES = (
    Category(id="emergency-management", name="应急管理", name_en="Emergency Management"),
    Category(id="housing-construction", name="住房和城乡建设", name_en="Housing"),
    Category(id="safety-committee", name="安全生产委员会", name_en="Work Safety Committee"),
)
TOPICS = (
    Topic(id="gas", name="燃气", name_en="Gas", keywords=("城镇燃气", "液化石油气")),
    Topic(id="fire", name="消防", name_en="Fire", keywords=("火灾",)),
)


def unit(uid: str, name: str, short: str | None = None, *aliases: str, **kw: object) -> Unit:
    return Unit(id=uid, name=name, short=short, aliases=aliases, **kw)  # type: ignore[arg-type]


SHI = UnitRegistry(
    region="shi",
    units=(
        unit(
            "anweihui",
            "某市安全生产委员会",
            "市安委会",
            kind="committee",
            category="safety-committee",
        ),
        unit(
            "yingjiguanliju",
            "某市应急管理局",
            "市应急管理局",
            "应急管理局",
            "市应急局",
            category="emergency-management",
        ),
        unit(
            "zhujianju",
            "某市住房和城乡建设局",
            "市住房和城乡建设局",
            "住房和城乡建设局",
            category="housing-construction",
        ),
        unit("xiaofang", "某市消防救援支队", "市消防救援支队", "消防救援支队（市）"),
    ),
    groups=(Group(id="chengyuan", name="市安委会各成员单位", aliases=("安委会成员单位",)),),
)
QU = UnitRegistry(
    region="qu",
    units=(
        unit(
            "yingjiguanliju",
            "某市某区应急管理局",
            "区应急局",
            "应急管理局",
            category="emergency-management",
        ),
    ),
)
CHINA = UnitRegistry(region="china", units=(unit("yingjiguanlibu", "应急管理部"),))


@pytest.fixture
def reg() -> Registry:
    return Registry.from_models(REGIONS, (SHI, QU, CHINA), TOPICS, CATEGORIES)


# --- normalising and resolving -------------------------------------------------------------


def test_normalise() -> None:
    assert normalise(" 市应 急管理局\u3000") == "市应急管理局"
    assert normalise("各乡镇(街道)政府（办事处)") == "各乡镇（街道）政府（办事处）"
    assert normalise("e\u0301") == "\u00e9"  # NFC
    assert normalise("市\u200b应急") == "市应急"


def test_resolve_by_name_short_and_alias(reg: Registry) -> None:
    for form in ("某市应急管理局", "市应急管理局", "市应急局"):
        found = reg.resolve(form, "shi")
        assert found == Resolved("unit", "shi", "yingjiguanliju", "某市应急管理局", SHI.units[1]), (
            form
        )
    assert reg.resolve("市安委会各成员单位", "shi").kind == "group"  # type: ignore[union-attr]
    assert reg.resolve("安委会成员单位", "shi").id == "chengyuan"  # type: ignore[union-attr]


def test_resolve_normalises_spaces_and_parentheses(reg: Registry) -> None:
    assert reg.resolve("市应 急管 理局", "shi").id == "yingjiguanliju"  # type: ignore[union-attr]
    assert reg.resolve("消防救援支队(市)", "shi").id == "xiaofang"  # type: ignore[union-attr]
    assert reg.resolve("  ", "shi") is None


def test_resolve_prefers_the_plan_region_then_ancestors(reg: Registry) -> None:
    own = reg.resolve("应急管理局", "qu")
    assert (own.region, own.name) == ("qu", "某市某区应急管理局")  # type: ignore[union-attr]
    assert reg.resolve("应急管理局", "shi").region == "shi"  # type: ignore[union-attr]
    parent = reg.resolve("市安委会", "qu")
    assert (parent.region, parent.id) == ("shi", "anweihui")  # type: ignore[union-attr]
    assert reg.resolve("应急管理部", "qu").region == "china"  # type: ignore[union-attr]
    # never downwards or sideways
    assert reg.resolve("区应急局", "shi") is None
    assert reg.resolve("区应急局", "sheng") is None


def test_resolve_unknown_names_and_regions(reg: Registry) -> None:
    assert reg.resolve("市教育局", "shi") is None
    assert reg.resolve("市应急管理局", "nowhere") is None


def test_display_form(reg: Registry) -> None:
    assert reg.resolve("某市应急管理局", "shi").display == "市应急管理局"  # type: ignore[union-attr]
    assert reg.resolve("安委会成员单位", "shi").display == "市安委会各成员单位"  # type: ignore[union-attr]


# --- suggestions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("市应急管里局", "shi", "市应急管理局"),  # homophone typo (里/理)
        ("市应急管局", "shi", "市应急管理局"),  # character dropped
        ("市住建局", "shi", "市住房和城乡建设局"),  # common abbreviation, not an alias here
        ("市安委会成员单位", "shi", "市安委会各成员单位"),
        ("区应急管理局", "qu", "区应急局"),
        ("消防救援大队", "shi", "市消防救援支队"),
    ],
)
def test_suggest_finds_the_intended_unit_first(
    reg: Registry, typed: str, region: str, expected: str
) -> None:
    options = reg.suggest(typed, region)
    assert options, typed
    assert options[0] == expected


def test_suggest_includes_ancestors_and_limits(reg: Registry) -> None:
    assert "市应急管理局" in reg.suggest("应急管里局", "qu")
    assert len(reg.suggest("应急管理", "qu", limit=1)) == 1
    assert reg.suggest("应急管理", "qu", limit=0) == []


def test_suggest_offers_each_unit_once(reg: Registry) -> None:
    options = reg.suggest("市应急管理", "shi")
    assert options.count("市应急管理局") == 1


def test_suggest_nothing_for_unrelated_text(reg: Registry) -> None:
    assert reg.suggest("中国人民银行", "shi") == []
    assert reg.suggest("", "shi") == []


# --- lookups --------------------------------------------------------------------------------


def test_region_chain(reg: Registry) -> None:
    assert [r.id for r in reg.region_chain("qu")] == ["qu", "shi", "sheng", "china"]
    assert reg.region_chain("nowhere") == []


def test_lookups_by_id(reg: Registry) -> None:
    assert list(reg.regions) == ["china", "sheng", "shi", "qu"]
    assert reg.region("shi") == REGIONS[2]
    assert [u.id for u in reg.units_in("shi")] == [
        "anweihui",
        "yingjiguanliju",
        "zhujianju",
        "xiaofang",
    ]
    assert [g.id for g in reg.groups_in("shi")] == ["chengyuan"]
    assert reg.units_in("sheng") == ()
    assert reg.unit("qu", "yingjiguanliju") == QU.units[0]
    assert reg.unit("qu", "zhujianju") is None
    assert reg.group("shi", "chengyuan") == SHI.groups[0]
    assert reg.lookup("shi", "chengyuan").kind == "group"  # type: ignore[union-attr]
    assert reg.lookup("shi", "nothing") is None
    assert reg.topic("gas") == TOPICS[0]
    assert "fire" in reg.topics
    assert reg.category("emergency-management") == CATEGORIES[0]


def test_same_category_across_regions(reg: Registry) -> None:
    found = reg.units_by_category("emergency-management")
    assert [(r, u.name) for r, u in found] == [
        ("shi", "某市应急管理局"),
        ("qu", "某市某区应急管理局"),
    ]


def test_topics_for_ignores_spaces() -> None:
    assert match_topics("深化城镇 燃气专项治理，防范火灾", TOPICS) == ["gas", "fire"]
    assert match_topics("加强道路交通安全", TOPICS) == []


def test_registry_is_frozen(reg: Registry) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        reg.topic_records = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        reg.regions["x"] = REGIONS[0]  # type: ignore[index]


# --- checks on reference data ---------------------------------------------------------------


def codes(registry: Registry) -> list[tuple[str, str]]:
    return sorted((p.code, p.severity) for p in check_reference(registry))


def test_clean_data_has_no_problems(reg: Registry) -> None:
    assert check_reference(reg) == []


def test_duplicate_unit_id_and_unit_group_clash() -> None:
    bad = UnitRegistry(
        region="shi",
        units=(unit("a", "某市甲局"), unit("a", "某市乙局")),
        groups=(Group(id="a", name="各甲乙"),),
    )
    assert codes(Registry.from_models(REGIONS, (bad,))) == [
        ("duplicate-id", "error"),
        ("duplicate-id", "error"),
    ]


def test_two_unit_files_for_one_region() -> None:
    problems = check_reference(Registry.from_models(REGIONS, (SHI, QU, SHI)))
    assert [(p.code, p.message, p.hint) for p in problems if p.code == "duplicate-registry"] == [
        (
            "duplicate-registry",
            "region `shi` already has a unit file",
            "merge it into data/units/shi.yaml",
        )
    ]


def test_alias_naming_two_units_in_one_region() -> None:
    bad = UnitRegistry(
        region="shi",
        units=(unit("a", "某市甲局", "市甲局", "甲局"), unit("b", "某市乙局", "市乙局", "甲 局")),
    )
    problems = check_reference(Registry.from_models(REGIONS, (bad,)))
    assert [p.code for p in problems] == ["ambiguous-alias"]
    assert "`甲 局` names both unit `a` and unit `b` in `shi`" in problems[0].message


def test_same_alias_in_different_regions_is_fine(reg: Registry) -> None:
    assert reg.resolve("应急管理局", "qu") != reg.resolve("应急管理局", "shi")
    assert check_reference(reg) == []


def test_repeated_form_of_one_unit_is_a_warning() -> None:
    reg = UnitRegistry(region="shi", units=(unit("a", "某市甲局", "市甲局", "市甲局", "市 甲局"),))
    assert codes(Registry.from_models(REGIONS, (reg,))) == [
        ("redundant-alias", "warning"),
        ("redundant-alias", "warning"),
    ]


def test_unknown_regions_categories_parents_and_members() -> None:
    regions = (*REGIONS, Region(id="x", name="某县", level="county", parent="shii"))
    bad = UnitRegistry(
        region="nowhere",
        units=(unit("a", "甲局", category="emergency-managment", parent="b"),),
        groups=(
            Group(
                id="g",
                name="各单位",
                membership=(Membership(source="editor", note="n", units=("a", "zz")),),
            ),
        ),
    )
    problems = check_reference(Registry.from_models(regions, (bad,), (), CATEGORIES))
    by_code = {p.code: p for p in problems}
    assert sorted(by_code) == ["unknown-category", "unknown-region", "unknown-unit"]
    assert [p.code for p in problems].count("unknown-region") == 2
    assert [p.code for p in problems].count("unknown-unit") == 2
    assert by_code["unknown-category"].hint == "did you mean `emergency-management`?"


def test_region_cycle() -> None:
    regions = (
        Region(id="a", name="甲", level="province", parent="b"),
        Region(id="b", name="乙", level="province", parent="a"),
    )
    assert codes(Registry.from_models(regions, ())) == [
        ("region-cycle", "error"),
        ("region-cycle", "error"),
    ]


def test_duplicate_region_topic_and_category_ids() -> None:
    registry = Registry.from_models(
        (*REGIONS, REGIONS[0]), (), (*TOPICS, TOPICS[0]), (*CATEGORIES, CATEGORIES[1])
    )
    messages = [p.message for p in check_reference(registry)]
    assert messages == [
        "region id `china` is defined twice",
        "category id `housing-construction` is defined twice",
        "topic id `gas` is defined twice",
    ]


# --- loading from files ---------------------------------------------------------------------


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(
        tmp_path,
        "data/regions.yaml",
        """\
        regions:
          - {id: shi, name: 某市, level: prefecture}
          - {id: qu, name: 某区, level: county, parent: shi}
        """,
    )
    write(
        tmp_path,
        "data/categories.yaml",
        """\
        categories:
          - {id: emergency-management, name: 应急管理, name_en: Emergency Management}
        """,
    )
    write(
        tmp_path,
        "data/topics.yaml",
        """\
        topics:
          - {id: gas, name: 燃气, name_en: Gas, keywords: [城镇燃气]}
        """,
    )
    write(
        tmp_path,
        "data/units/shi.yaml",
        """\
        region: shi
        units:
          - id: yingjiguanliju
            name: 某市应急管理局
            short: 市应急管理局
            category: emergency-management
        """,
    )
    write(
        tmp_path,
        "data/units/qu.yaml",
        """\
        region: qu
        units:
          - id: yingjiguanliju
            name: 某区应急管理局
            short: 区应急局
        """,
    )
    write(tmp_path, "data/pinyin-overrides.yaml", "overrides: {某: mou}\n")
    return tmp_path


def test_load_registry(project: Path) -> None:
    registry, problems = load_registry(project / "data")
    assert problems == []
    assert registry is not None
    assert registry.registry_files == ("data/units/qu.yaml", "data/units/shi.yaml")
    assert registry.resolve("市应急管理局", "qu").region == "shi"  # type: ignore[union-attr]
    assert list(registry.topics) == ["gas"]
    assert registry.pinyin_overrides == {"某": ("mou",)}


def test_load_problems_are_located(project: Path) -> None:
    write(
        project,
        "data/units/qu.yaml",
        """\
        region: qu
        units:
          - id: yingjiguanliju
            name: 某区应急管理局
            short: 区应急局
            category: policing
          - id: other
            name: 某区其他局
            aliases: [区应急局]
        """,
    )
    registry, problems = load_registry(project / "data", display_root=project)
    assert registry is not None
    assert [p.format() for p in problems] == [
        "data/units/qu.yaml:6:15: unknown category `policing` (add it to data/categories.yaml)",
        "data/units/qu.yaml:9:15: `区应急局` names both unit `yingjiguanliju` and unit `other` "
        "in `qu` (a name must resolve to one unit; remove it from one of them)",
    ]


def test_invalid_unit_file_is_reported_and_the_rest_still_loads(project: Path) -> None:
    write(project, "data/units/qu.yaml", "region: qu\nunits:\n  - id: Bad Id\n    name: 某局\n")
    registry, problems = load_registry(project / "data")
    assert [(p.file, p.line, p.code) for p in problems] == [("data/units/qu.yaml", 3, "invalid-id")]
    assert registry is not None
    assert registry.resolve("市应急管理局", "shi") is not None
    assert registry.units_in("qu") == ()


def test_registry_file_must_be_named_after_its_region(project: Path) -> None:
    (project / "data/units/qu.yaml").rename(project / "data/units/district.yaml")
    _, problems = load_registry(project / "data")
    assert [(p.file, p.code) for p in problems] == [
        ("data/units/district.yaml", "registry-filename")
    ]


def test_missing_or_broken_regions_file_gives_no_registry(project: Path) -> None:
    (project / "data/regions.yaml").write_text("regions:\n  - {id: shi}\n", encoding="utf-8")
    registry, problems = load_registry(project / "data")
    assert registry is None
    assert {p.code for p in problems} == {"missing-field"}
    (project / "data/regions.yaml").unlink()
    registry, problems = load_registry(project / "data")
    assert registry is None
    assert [p.code for p in problems] == ["missing-file"]


def test_optional_files_may_be_absent(project: Path) -> None:
    for name in ("topics.yaml", "categories.yaml", "pinyin-overrides.yaml"):
        (project / "data" / name).unlink()
    registry, problems = load_registry(project / "data")
    assert registry is not None
    assert [p.code for p in problems] == ["unknown-category"]  # shi.yaml still names one
    assert registry.topics == {}


def test_bad_pinyin_overrides_and_glossary_are_reported(project: Path) -> None:
    write(project, "data/pinyin-overrides.yaml", "overrides: {大通: da}\n")
    write(
        project,
        "data/glossary.yaml",
        "terms:\n  - {zh: 牵头, en: lead}\n  - {zh: 牵头, en: x}\n  - {zh: 配合}\n",
    )
    _, problems = load_registry(project / "data")
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("data/pinyin-overrides.yaml", 1, "invalid-value"),
        ("data/glossary.yaml", 4, "missing-field"),
    ]
    write(
        project, "data/glossary.yaml", "terms:\n  - {zh: 牵头, en: lead}\n  - {zh: 牵头, en: x}\n"
    )
    _, problems = load_registry(project / "data")
    assert [(p.file, p.line, p.code) for p in problems][1:] == [
        ("data/glossary.yaml", 3, "duplicate-id")
    ]
