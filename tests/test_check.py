"""`planportal check`: one test per class of problem, asserting exact location and message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import PLAN, make_project

from generator.cli import main


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "check"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = [line for line in captured.err.splitlines() if line.startswith("plans/")]
    return code, lines


def broken(old: str, new: str) -> str:
    assert old in PLAN, old
    return PLAN.replace(old, new, 1)


def test_valid_project_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(make_project(tmp_path)), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert "ok: 1 plans, 2 tasks" in out


CASES = {
    "tab indentation": (
        broken("    no: 二\n", "\tno: 二\n"),
        [
            "plans/demo.yaml:11:1: YAML syntax error: while scanning for the next token found "
            "character '\\t' that cannot start any token (indent with spaces, not tabs)"
        ],
    ),
    "duplicate key": (
        broken("issuer: 测试市安全生产委员会\n", "issuer: 测试市安全生产委员会\nissuer: 别的\n"),
        ["plans/demo.yaml:6:1: duplicate key `issuer` (first defined at line 5; keep one of them)"],
    ),
    "unknown field": (
        broken("        title: 强化源头管控\n", "        titel: 强化源头管控\n"),
        ["plans/demo.yaml:19:9: unknown field `titel` (did you mean `title`?)"],
    ),
    "missing field": (
        broken("issuer: 测试市安全生产委员会\n", ""),
        ["plans/demo.yaml:1:1: missing required field `issuer`"],
    ),
    "wrong type": (
        broken("          lead: [市应急管理局]\n", "          lead: {name: 市应急管理局}\n"),
        ["plans/demo.yaml:25:17: `lead`: should be a list, got a mapping"],
    ),
    "impossible date": (
        broken("issued: 2024-03-08", "issued: 2024-02-30"),
        [
            "plans/demo.yaml:6:9: `issued`: '2024-02-30' is not a valid date (day value is "
            "outside expected range) (write dates as YYYY-MM-DD)"
        ],
    ),
    "invalid id": (
        broken('      - id: "02"', '      - id: "../02"'),
        [
            "plans/demo.yaml:30:13: `id`: invalid id '../02' (ids are lowercase ASCII letters, "
            "digits and hyphens (they appear in URLs))"
        ],
    ),
    "unknown unit with suggestion": (
        broken("lead: [市应急管理局]", "lead: [市应急局]"),
        ["plans/demo.yaml:25:18: unknown unit 市应急局 (did you mean 市应急管理局?)"],
    ),
    "unknown region": (
        broken("region: testland", "region: testlnd"),
        ["plans/demo.yaml:4:9: unknown region `testlnd` (did you mean `testland`?)"],
    ),
    "unknown topic": (
        broken("topics: [gas]", "topics: [gass]"),
        ["plans/demo.yaml:29:18: unknown topic `gass` (did you mean `gas`?)"],
    ),
    "duplicate task id": (
        broken('      - id: "02"', '      - id: "01"'),
        [
            "plans/demo.yaml:30:13: duplicate task id `01` (first used at line 17; ids must be "
            "unique and are never reused)"
        ],
    ),
    "duplicate item id": (
        broken('{id: "2", no: 二是', '{id: "1", no: 二是'),
        [
            "plans/demo.yaml:23:18: duplicate item (in task 01) id `1` (first used at line 22; "
            "ids must be unique and are never reused)",
            "plans/demo.yaml:28:72: deadline refers to item `2`, which task 01 does not have "
            "(items of this task: 1)",
        ],
    ),
    "phase ends before it starts": (
        broken("start: 2024-02-01, end: 2024-04-30", "start: 2024-05-01, end: 2024-04-30"),
        [
            "plans/demo.yaml:15:56: phase `p1` ends (2024-04-30) before it starts (2024-05-01) "
            "(swap start and end, or fix the typo)"
        ],
    ),
    "deadline outside period": (
        broken(
            "{date: 2024-12-31, precision: year, phrase: 2024年底前",
            "{date: 2027-12-31, precision: year, phrase: 2027年底前",
        ),
        [
            "plans/demo.yaml:28:20: deadline 2027-12-31 (2027年底前) is outside the plan period "
            "2024-01-01…2026-12-31 (check the date, or the plan's `period`)"
        ],
    ),
    "deadline names a missing item": (
        broken('phrase: 2024年底前, item: "2"}', 'phrase: 2024年底前, item: "3"}'),
        [
            "plans/demo.yaml:28:72: deadline refers to item `3`, which task 01 does not have "
            "(items of this task: 1, 2)"
        ],
    ),
    "custom tag": (
        broken("title: 测试市安全生产治本攻坚三年行动方案", "title: !!python/object:os.system x"),
        [
            "plans/demo.yaml:2:8: YAML tag tag:yaml.org,2002:python/object:os.system is not "
            "allowed (only strings, numbers, booleans, lists and mappings are accepted)"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_problem_is_located(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan, expected = CASES[case]
    code, lines = run_check(make_project(tmp_path, plan), capsys)
    assert code == 1
    assert lines == expected


def test_every_problem_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = broken("lead: [市应急管理局]", "lead: [市应急局]").replace(
        "topics: [gas]", "topics: [x]"
    )
    code, lines = run_check(make_project(tmp_path, plan), capsys)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == [
        "plans/demo.yaml:25:18",
        "plans/demo.yaml:29:18",
    ]


def test_plan_id_must_match_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run_check(make_project(tmp_path, name="other.yaml"), capsys)
    assert code == 1
    assert lines == [
        "plans/other.yaml:1:5: plan id `demo` differs from the file name `other.yaml` "
        "(rename the file to `demo.yaml`)"
    ]


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    (root / "plans" / "demo.yaml").write_bytes(PLAN.encode("gb18030"))
    code, lines = run_check(root, capsys)
    assert code == 1
    assert lines == [
        "plans/demo.yaml:2:8: file is not valid UTF-8 (byte 0xb2) (save the file as UTF-8 "
        "(GBK/GB18030 files must be converted))"
    ]


def test_windows_line_endings_and_bom_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path)
    (root / "plans" / "demo.yaml").write_bytes(
        b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode()
    )
    assert main(["--root", str(root), "check"]) == 0


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    root = make_project(tmp_path, broken("lead: [市应急管理局]", "lead: [市应急局]"))
    assert main(["--root", str(root), "check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems == [
        {
            "file": "plans/demo.yaml",
            "line": 25,
            "col": 18,
            "code": "unknown-unit",
            "message": "unknown unit 市应急局",
            "hint": "did you mean 市应急管理局?",
            "severity": "error",
        }
    ]


def test_yaml_scalars_stay_text(tmp_path: Path) -> None:
    """`no`, `01` and unquoted dates in text fields are not turned into booleans/numbers."""
    from generator.load import parse_yaml

    loaded, problems = parse_yaml(
        textwrap.dedent("""\
        no: no
        on: 01
        when: 2024-03-08
        n: 3
        ok: true
        """),
        "x.yaml",
    )
    assert problems == []
    assert loaded is not None
    assert loaded.data == {"no": "no", "on": "01", "when": "2024-03-08", "n": 3, "ok": True}


def test_yaml_scalars_read_the_yaml_1_2_way() -> None:
    """`!!str` keeps a number as text; `1.5e3` (text to YAML 1.1) is a number; values other
    tools read differently are noted (`ambiguous`) so the plan check can ask for quotes."""
    from generator.load import parse_yaml

    loaded, problems = parse_yaml(
        "a: !!str 2024\nb: 2024\nc: 1.5e3\nd: yes\ne: 市应急管理局\nf: ~\ng: !!int x\n", "x.yaml"
    )
    assert problems == []
    assert loaded is not None
    assert loaded.data == {
        "a": "2024",
        "b": 2024,
        "c": 1500.0,
        "d": "yes",
        "e": "市应急管理局",
        "f": None,
        "g": "x",
    }
    assert loaded.ambiguous == {("d",): "a boolean", ("g",): "a number"}


PARENT = """\
id: parent
title: 上级方案
kind: three-year-action-plan
region: testland
issuer: 测试市安全生产委员会
period: {start: 2024-01-01, end: 2026-12-31}
source: {file: data/sources/demo.txt}
chapters:
  - id: c1
    title: 主要任务
    tasks:
      - {id: "05", no: 5, text: 深化城镇燃气专项治理。}
      - {id: "06", no: 6, text: 强化消防安全。}
"""


def implementing(ref: str) -> str:
    return broken(
        "        text: 深化城镇燃气专项治理。\n",
        f"        text: 深化城镇燃气专项治理。\n        implements: {ref!r}\n",
    )


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("parent#05", []),
        (
            "parent#07",
            [
                "plans/demo.yaml:33:21: `implements` names task `07`, which plan `parent` does "
                "not have (did you mean `06` or `05`?)"
            ],
        ),
        (
            "parnet#05",
            [
                "plans/demo.yaml:33:21: `implements` names unknown plan `parnet` (did you mean "
                "`parent`?)"
            ],
        ),
        (
            "parent",
            [
                "plans/demo.yaml:33:21: `implements: parent` is not of the form "
                "`<plan-id>#<task-id>` (e.g. `implements: neimenggu-zhiben-gongjian-2024#05`)"
            ],
        ),
    ],
)
def test_implements_names_a_task_of_another_plan(
    ref: str, expected: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, implementing(ref))
    (root / "plans" / "parent.yaml").write_text(PARENT, encoding="utf-8")
    code, lines = run_check(root, capsys)
    assert lines == expected
    assert code == (1 if expected else 0)


def test_github_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, broken("lead: [市应急管理局]", "lead: [市应急局]"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "::error file=plans/demo.yaml,line=25,col=18,title=unknown-unit::"
        "unknown unit 市应急局 (did you mean 市应急管理局?)"
    )


def test_github_annotations_escape_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub's workflow commands end a property at `,` and the data at `::`; `%`, CR and LF
    are escaped everywhere, and `:` and `,` in properties too."""
    root = make_project(tmp_path)
    (root / "plans" / "demo.yaml").rename(root / "plans" / "a,b::c%\nd.yaml")
    assert main(["--root", str(root), "check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::error file=plans/a%2Cb%3A%3Ac%25%0Ad.yaml,line=1,col=5,title=id-filename::"
        "plan id `demo` differs from the file name `a,b::c%25%0Ad.yaml` (rename the file to "
        "`demo.yaml`)"
    ]


def test_reserved_ids_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = PLAN.replace("id: demo\n", "id: by-region\n", 1)
    code, lines = run_check(make_project(tmp_path, plan, name="by-region.yaml"), capsys)
    assert code == 1
    assert lines == [
        "plans/by-region.yaml:1:5: plan id `by-region` is reserved for index pages "
        "(/plans/by-region/) (choose another id)"
    ]
