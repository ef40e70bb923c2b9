"""Regenerate the bad-input corpus: `python tests/bad_input/make_cases.py`.

Each case is one small plan or data file with one defect, written to `cases/<name>.<ext>`
and placed over the matching file of a minimal valid project by the test. Review the
diff of `cases/` and `expected.yaml` after regenerating: they are golden files.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from helpers import CATEGORIES, PLAN, REGIONS, TOPICS, UNITS  # noqa: E402

BASE = {
    "plans/demo.yaml": PLAN,
    "data/regions.yaml": REGIONS,
    "data/units/testland.yaml": UNITS,
    "data/topics.yaml": TOPICS,
    "data/categories.yaml": CATEGORIES,
}


def sub(target: str, old: str, new: str) -> tuple[str, bytes]:
    text = BASE[target]
    assert old in text, (target, old)
    return target, text.replace(old, new, 1).encode("utf-8")


def raw(target: str, content: bytes) -> tuple[str, bytes]:
    return target, content


def billion_laughs() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    return (PLAN + "\n".join(lines) + "\n").encode()


P = "plans/demo.yaml"
U = "data/units/testland.yaml"
CASES: dict[str, Callable[[], tuple[str, bytes]]] = {
    # --- YAML syntax ---
    "syntax-tab-indent": lambda: sub(P, "    title: 主要任务\n", "\ttitle: 主要任务\n"),
    "syntax-bad-indent": lambda: sub(
        P, "        title: 强化源头管控\n", "      title: 强化源头管控\n"
    ),
    "syntax-unclosed-double-quote": lambda: sub(P, "title: 强化源头管控", 'title: "强化源头管控'),
    "syntax-unclosed-single-quote": lambda: sub(
        P, "issuer: 测试市安全生产委员会", "issuer: '测试市安全生产委员会"
    ),
    "syntax-unclosed-flow-list": lambda: sub(P, "topics: [gas]", "topics: [gas"),
    "syntax-unclosed-flow-map": lambda: sub(
        P, "source: {file: data/sources/demo.txt}", "source: {file: data/sources/demo.txt"
    ),
    "syntax-colon-in-text": lambda: sub(
        P, "text: 深化城镇燃气专项治理。", "text: 目标: 深化城镇燃气专项治理: 全覆盖"
    ),
    # --- duplicate keys ---
    "duplicate-key-top": lambda: sub(
        P, "kind: three-year-action-plan\n", "kind: three-year-action-plan\nkind: other\n"
    ),
    "duplicate-key-nested": lambda: sub(P, "        no: 2\n", "        no: 2\n        no: 3\n"),
    # --- YAML 1.1 surprises ---
    "yaml11-no-boolean": lambda: sub(P, "title: 强化源头管控", "title: no"),
    "yaml11-on-boolean": lambda: sub(P, "issuer: 测试市安全生产委员会", "issuer: on"),
    "yaml11-leading-zero": lambda: sub(P, 'id: "02"', "id: 02"),
    "yaml11-unquoted-date-as-text": lambda: sub(
        P, "text: 深化城镇燃气专项治理。", "text: 2024-12-31"
    ),
    "yaml11-sexagesimal": lambda: sub(P, "title: 强化源头管控", "title: 1:30"),
    # --- wrong types ---
    "type-title-list": lambda: sub(
        P, "title: 测试市安全生产治本攻坚三年行动方案", "title: [测试市, 方案]"
    ),
    "type-chapters-mapping": lambda: raw(
        P, PLAN.split("chapters:")[0].encode() + b"chapters: {id: c1}\n"
    ),
    "type-period-string": lambda: sub(
        P, "period: {start: 2024-01-01, end: 2026-12-31}", "period: 2024-2026"
    ),
    "type-items-string": lambda: sub(
        P,
        '        items:\n          - {id: "1", no: 一是, text: 建立机制；}\n'
        '          - {id: "2", no: 二是, text: 2024年底前完成。}\n',
        "        items: 一是建立机制\n",
    ),
    "type-flag-not-boolean": lambda: sub(
        P,
        "          lead: [市应急管理局]\n",
        "          lead: [市应急管理局]\n          and_others: maybe\n",
    ),
    # --- missing required fields ---
    "missing-title": lambda: sub(P, "title: 测试市安全生产治本攻坚三年行动方案\n", ""),
    "missing-task-id": lambda: sub(P, '      - id: "02"\n        no: 2\n', "      - no: 2\n"),
    "missing-period-end": lambda: sub(
        P, "period: {start: 2024-01-01, end: 2026-12-31}", "period: {start: 2024-01-01}"
    ),
    # --- unknown fields ---
    "unknown-field-lead-unit": lambda: sub(
        P, "          lead: [市应急管理局]\n", "          lead_unit: [市应急管理局]\n"
    ),
    "unknown-field-typo": lambda: sub(P, "issued: 2024-03-08", "isued: 2024-03-08"),
    "unknown-field-in-unit": lambda: sub(U, "    short: 市住建局\n", "    shortname: 市住建局\n"),
    # --- unknown references ---
    "unknown-unit": lambda: sub(P, "lead: [市应急管理局]", "lead: [市应急局]"),
    "unknown-unit-typo": lambda: sub(P, "lead: [市应急管理局]", "lead: [市应急管里局]"),
    "unknown-region": lambda: sub(P, "region: testland", "region: testlnd"),
    "unknown-topic": lambda: sub(P, "topics: [gas]", "topics: [gass]"),
    "unknown-basis-plan": lambda: sub(
        P,
        "source: {file: data/sources/demo.txt}\n",
        "source: {file: data/sources/demo.txt}\n"
        "basis:\n  - {title: 上级方案, plan: no-such-plan}\n",
    ),
    "unknown-unit-category": lambda: sub(
        U, "category: emergency-management", "category: emergency-managment"
    ),
    "unknown-parent-region": lambda: sub(
        "data/regions.yaml", "level: prefecture}", "level: prefecture, parent: nowhere}"
    ),
    # --- ids ---
    "id-duplicate-task": lambda: sub(P, 'id: "02"', 'id: "01"'),
    "id-retired-reused": lambda: sub(
        P,
        "source: {file: data/sources/demo.txt}\n",
        'source: {file: data/sources/demo.txt}\nretired:\n  - {id: "02", note: 已删除}\n',
    ),
    "id-path-traversal": lambda: sub(P, 'id: "02"', 'id: "../../etc/passwd"'),
    "id-non-ascii": lambda: sub(P, 'id: "02"', "id: 任务二"),
    "id-uppercase-plan": lambda: sub(P, "id: demo", "id: Demo"),
    "id-duplicate-unit": lambda: sub(U, "id: zhujianju", "id: yingjiguanliju"),
    "id-plan-file-mismatch": lambda: sub(P, "id: demo", "id: demo-2024"),
    # --- dates ---
    "date-impossible": lambda: sub(P, "issued: 2024-03-08", "issued: 2024-02-30"),
    "date-phase-end-before-start": lambda: sub(
        P, "start: 2024-02-01, end: 2024-04-30", "start: 2024-05-01, end: 2024-04-30"
    ),
    "date-period-end-before-start": lambda: sub(
        P, "{start: 2024-01-01, end: 2026-12-31}", "{start: 2026-01-01, end: 2024-12-31}"
    ),
    "date-deadline-outside-period": lambda: sub(
        P,
        "{date: 2024-12-31, precision: year, phrase: 2024年底前",
        "{date: 2028-12-31, precision: year, phrase: 2028年底前",
    ),
    "date-bad-precision": lambda: sub(P, "precision: year", "precision: decade"),
    # --- empty ---
    "empty-file": lambda: raw(P, b""),
    "empty-plan-no-chapters": lambda: raw(
        P, PLAN.split("chapters:")[0].encode() + b"chapters: []\n"
    ),
    "empty-text-field": lambda: sub(P, "title: 测试市安全生产治本攻坚三年行动方案", 'title: ""'),
    # --- encoding and size ---
    "encoding-gbk": lambda: raw(P, PLAN.encode("gb18030")),
    "encoding-nul-byte": lambda: sub(P, "text: 主要有2项任务：", "text: 主要有2项\x00任务："),
    # --- hostile YAML ---
    "hostile-billion-laughs": lambda: raw(P, billion_laughs()),
    "hostile-python-object": lambda: sub(
        P, "title: 强化源头管控", "title: !!python/object/apply:os.system [echo hi]"
    ),
    "hostile-custom-tag": lambda: sub(P, "title: 强化源头管控", "title: !include other.yaml"),
}

ACCEPTED: dict[str, Callable[[], tuple[str, bytes]]] = {
    # Not defects: common editor habits that must keep working.
    "accepted-crlf": lambda: raw(P, PLAN.replace("\n", "\r\n").encode()),
    "accepted-bom": lambda: raw(P, b"\xef\xbb\xbf" + PLAN.encode()),
    "accepted-fullwidth-and-compat": lambda: sub(
        P, "text: 深化城镇燃气专项治理。", "text: 深化城镇燃气专项治理（２０２４年）。\uf900"
    ),
}


def huge_plan() -> bytes:
    """The 20 MB case is made when the test runs, not stored in git."""
    return PLAN.encode() + b"# " + b"x" * (20 * 1024 * 1024) + b"\n"


def write_all() -> None:
    out = HERE / "cases"
    out.mkdir(exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    for name, make in {**CASES, **ACCEPTED}.items():
        target, content = make()
        (out / f"{name}.yaml").write_bytes(content)
        (out / f"{name}.target").write_text(target + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_all()
    print(f"wrote {len(CASES)} defect cases and {len(ACCEPTED)} accepted cases to {HERE / 'cases'}")
