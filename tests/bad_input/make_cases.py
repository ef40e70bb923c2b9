"""The bad-input corpus, written to `cases/` by `python tests/bad_input/regenerate_expected.py`
(which also rewrites `expected.yaml`: one command regenerates both).

Each case is one small plan or data file with one defect, written to `cases/<name>.yaml`
with its target path in `cases/<name>.target`; the test places it over the matching file of
a minimal valid project. A second line in the `.target` file says how, when it is not a plain
file (`SPECIAL`, below): `fifo`, `directory`, `symlink-to <path>`, `outside` (the content is
written outside the project and the target is a symlink to it), `generated <recipe>` (made
when the test runs: too large for git) or `history` (the content is an old revision in git,
fixed by the next commit). Review the diff of `cases/` and `expected.yaml` after
regenerating: they are golden files.
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
T2 = "        text: 深化城镇燃气专项治理。\n"


def dq_text(value: str) -> tuple[str, bytes]:
    """The first task's text as a double-quoted string holding `value` (escapes allowed)."""
    return sub(P, "text: 主要有2项任务：", f'text: "{value}"')


def appended(yaml_text: str) -> bytes:
    """The valid plan with `yaml_text` added at its end."""
    return (PLAN + yaml_text + "\n").encode()


def source_file(path: str) -> tuple[str, bytes]:
    return sub(P, "source: {file: data/sources/demo.txt}", f"source: {{file: {path}}}")


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
    # --- nesting depth: bounded, never a RecursionError ---
    "nesting-flow-lists-600": lambda: raw(P, appended("x: " + "[" * 600 + "]" * 600)),
    "nesting-flow-lists-5000": lambda: raw(P, appended("x: " + "[" * 5000 + "]" * 5000)),
    "nesting-flow-mappings-300": lambda: raw(P, appended("x: " + "{a: " * 300 + "}" * 300)),
    "nesting-block-sequences-100": lambda: raw(P, appended("x:\n  " + "- " * 100 + "a")),
    "nesting-deep-then-syntax-error": lambda: raw(
        P, appended("x: " + "[" * 700 + "]" * 700 + "\ny: [unclosed\n\tz: 1")
    ),
    "nesting-in-units-file": lambda: raw(
        U, (UNITS + "x: " + "[" * 800 + "]" * 800 + "\n").encode()
    ),
    # --- control characters written as escapes; bidi controls; invisible characters ---
    "control-escape-nul": lambda: dq_text("主要有2项\\0任务"),
    "control-escape-esc": lambda: dq_text("\\e[31m主要有2项任务"),
    "control-escape-vertical-tab": lambda: dq_text("主要有2项\\v任务"),
    "control-escape-c1": lambda: dq_text("主要有2项\\x80任务"),
    "control-escape-next-line": lambda: dq_text("主要有2项\\N任务"),
    "control-escape-delete": lambda: dq_text("主要有2项\\x7f任务"),
    "control-escape-in-key": lambda: sub(
        P, "    title: 主要任务\n", '    "title\\x01": 主要任务\n'
    ),
    "control-escape-in-unit-name": lambda: sub(
        U, "name: 测试市住房和城乡建设局", 'name: "测试市住房\\x1b和城乡建设局"'
    ),
    "escape-lone-surrogate": lambda: dq_text("主要有2项\\ud800任务"),
    "escape-noncharacter": lambda: dq_text("主要有2项\\uffff任务"),
    "bidi-override-in-title": lambda: sub(P, "title: 强化源头管控", "title: 强化源头\u202e控管"),
    "bidi-isolate-in-unit-name": lambda: sub(
        U, "name: 测试市住房和城乡建设局", "name: 测试市\u2067住房和城乡建设局\u2069"
    ),
    "bidi-escape-in-quoted-text": lambda: dq_text("主要有2项\\u202e任务"),
    "bidi-in-comment": lambda: sub(
        P, "kind: three-year-action-plan\n", "kind: three-year-action-plan  # \u2066注释\u2069\n"
    ),
    "invisible-zero-width-space-in-title": lambda: sub(
        P, "title: 强化源头管控", "title: 强化\u200b源头管控"
    ),
    "invisible-word-joiner-in-unit-ref": lambda: sub(
        P, "lead: [市应急管理局]", "lead: [市应急管理局\u2060]"
    ),
    "invisible-filler-in-unit-ref": lambda: sub(
        P, "lead: [市应急管理局]", "lead: [市应急管理局\u3164]"
    ),
    # --- check and build agree: what the build cannot link, check refuses ---
    "retired-moved-to-missing-task": lambda: sub(
        P,
        "source: {file: data/sources/demo.txt}\n",
        'source: {file: data/sources/demo.txt}\nretired:\n  - {id: "09", moved_to: "99"}\n',
    ),
    "recurrence-item-missing": lambda: sub(
        P,
        T2,
        T2 + '        recurrence: [{phrase: 每季度1次, every: quarter, item: "9"}]\n',
    ),
    "target-item-missing": lambda: sub(
        P,
        T2,
        T2 + '        targets: [{indicator: 达标率, value: 100, phrase: 达标率100%, item: "9"}]\n',
    ),
    "phase-deadline-with-item": lambda: sub(
        P,
        "end: 2024-04-30}",
        "end: 2024-04-30, deadlines: "
        '[{date: 2024-03-31, precision: month, phrase: 3月底前, item: "1"}]}',
    ),
    "task-id-collides-with-item-anchor": lambda: sub(P, 'id: "02"', 'id: "01-1"'),
    # --- silent acceptance: files not read, dates outside the period, numbers as dates ---
    "stray-yml-extension": lambda: ("plans/other.yml", VALID_PLAN),
    "stray-uppercase-extension": lambda: ("plans/Other.YAML", VALID_PLAN),
    "stray-plan-in-subfolder": lambda: ("plans/drafts/demo.yaml", VALID_PLAN),
    "source-missing": lambda: source_file("data/sources/missing.txt"),
    "phase-outside-period": lambda: sub(
        P, "start: 2024-02-01, end: 2024-04-30", "start: 2023-02-01, end: 2023-04-30"
    ),
    "phase-ends-after-period": lambda: sub(
        P, "start: 2024-02-01, end: 2024-04-30", "start: 2026-11-01, end: 2027-02-28"
    ),
    "target-by-outside-period": lambda: sub(
        P,
        T2,
        T2 + "        targets: [{indicator: 达标率, value: 100, phrase: 达标率100%,"
        " by: 2030-12-31}]\n",
    ),
    "date-integer-zero": lambda: sub(P, "issued: 2024-03-08", "issued: 0"),
    "date-integer-yyyymmdd": lambda: sub(P, "issued: 2024-03-08", "issued: 20240308"),
    "date-integer-timestamp-deadline": lambda: sub(
        P, "{date: 2024-12-31, precision: year", "{date: 1735603200, precision: year"
    ),
    "date-float": lambda: sub(P, "issued: 2024-03-08", "issued: 2024.03"),
    "date-boolean": lambda: sub(P, "issued: 2024-03-08", "issued: true"),
    # --- messages in plain words (no pydantic wording) ---
    "date-with-time-of-day": lambda: sub(P, "issued: 2024-03-08", "issued: 2024-03-08T10:00:00"),
    "date-in-words": lambda: sub(P, "issued: 2024-03-08", "issued: 明年"),
    "merge-key": lambda: sub(
        P,
        "          lead: [市应急管理局]\n",
        "          <<: {lead: [市应急管理局]}\n",
    ),
    # --- source.file: only a regular file inside data/sources/ is published ---
    "source-absolute-path": lambda: source_file("/etc/passwd"),
    "source-proc-environ": lambda: source_file("/proc/self/environ"),
    "source-parent-directory": lambda: source_file("../x"),
    "source-dotdot-out-of-sources": lambda: source_file("data/sources/../../../x"),
    "source-outside-sources-folder": lambda: source_file("plans/demo.yaml"),
    "source-directory": lambda: source_file("data/sources"),
}

ACCEPTED: dict[str, Callable[[], tuple[str, bytes]]] = {
    # Not defects: common editor habits that must keep working.
    "accepted-crlf": lambda: raw(P, PLAN.replace("\n", "\r\n").encode()),
    "accepted-bom": lambda: raw(P, b"\xef\xbb\xbf" + PLAN.encode()),
    "accepted-aliases-within-limits": lambda: raw(
        P,
        PLAN.replace("lead: [市应急管理局]", "lead: &lead [市应急管理局]")
        .replace(
            "        text: 深化城镇燃气专项治理。\n",
            "        text: 深化城镇燃气专项治理。\n        responsibility: {lead: *lead}\n",
        )
        .encode(),
    ),
    "accepted-fullwidth-and-compat": lambda: sub(
        P, "text: 深化城镇燃气专项治理。", "text: 深化城镇燃气专项治理（２０２４年）。\uf900"
    ),
}


Special = tuple[str, bytes, str]
"""(target, content, how): see the module's docstring."""

VALID_PLAN = PLAN.encode()


def alias_bomb(value: str, references: int) -> bytes:
    """The valid plan with more tasks: the first's text an anchored `value`, the others'
    text references to it (each task page, unit page and export would print it again)."""
    tasks = [f'      - {{id: "a0", no: 100, text: &big {value}}}']
    tasks += [f'      - {{id: "a{i}", no: {100 + i}, text: *big}}' for i in range(1, references)]
    return appended("\n".join(tasks))


SPECIAL: dict[str, Callable[[], Special]] = {
    # --- special files: regular files only, size checked before reading ---
    "special-fifo-plan": lambda: ("plans/extra.yaml", b"", "fifo"),
    "special-dev-zero-plan": lambda: ("plans/zero.yaml", b"", "symlink-to /dev/zero"),
    "special-directory-plan": lambda: ("plans/x.yaml", b"", "directory"),
    "special-dangling-symlink-plan": lambda: ("plans/gone.yaml", b"", "symlink-to gone.txt"),
    "special-symlink-loop-plan": lambda: ("plans/loop.yaml", b"", "symlink-to loop.yaml"),
    "special-fifo-units": lambda: ("data/units/other.yaml", b"", "fifo"),
    "special-directory-regions": lambda: ("data/regions.yaml", b"", "directory"),
    "special-dev-zero-topics": lambda: ("data/topics.yaml", b"", "symlink-to /dev/zero"),
    # --- nothing outside the project is read or published ---
    "outside-source-symlink": lambda: ("data/sources/demo.txt", b"", "symlink-to /etc/passwd"),
    "outside-plan-symlink": lambda: (P, VALID_PLAN, "outside"),
    "outside-units-symlink": lambda: (U, UNITS.encode(), "outside"),
    "outside-docs-symlink": lambda: ("docs/secret.md", b"", "symlink-to /etc/passwd"),
    "outside-overrides-symlink": lambda: ("overrides/main.html", b"", "symlink-to /etc/hostname"),
    "outside-docs-fifo": lambda: ("docs/pipe.md", b"", "fifo"),
    # --- alias expansion bounded in characters ---
    "alias-scalar-64k-times-100": lambda: (P, b"", "generated alias-scalar-64k-times-100"),
    "alias-scalar-1m-times-6": lambda: (P, b"", "generated alias-scalar-1m-times-6"),
    "alias-list-of-aliases": lambda: (P, b"", "generated alias-list-of-aliases"),
    # --- history: an old revision that cannot be read (fixed by the next commit) ---
    "history-encoding-gb18030": lambda: (P, PLAN.encode("gb18030"), "history"),
    "history-nesting-1000": lambda: (P, appended("x: " + "[" * 1000 + "]" * 1000), "history"),
    "history-syntax-error": lambda: (
        P,
        PLAN.replace("    title: 主要任务\n", "\ttitle: 主要任务\n").encode(),
        "history",
    ),
    "history-invalid-missing-title": lambda: (
        P,
        PLAN.replace("title: 测试市安全生产治本攻坚三年行动方案\n", "").encode(),
        "history",
    ),
    "history-control-escape": lambda: (
        P,
        PLAN.replace("text: 主要有2项任务：", 'text: "主要有2项\\e任务"').encode(),
        "history",
    ),
    "history-billion-laughs": lambda: (P, billion_laughs(), "history"),
    "history-alias-characters": lambda: (P, b"", "history alias-scalar-1m-times-6"),
    "history-file-too-large": lambda: (P, b"", "history huge-6-mib"),
    "history-empty-file": lambda: (P, b"", "history"),
    "history-not-a-mapping": lambda: (P, b"- a\n- b\n", "history"),
    "history-added-plan-unreadable": lambda: (
        "plans/other.yaml",
        PLAN.replace("id: demo", "id: other").encode("gb18030"),
        "history",
    ),
    "outside-plan-symlink-into-data": lambda: (
        "plans/regions.yaml",
        b"",
        "symlink-to ../data/regions.yaml",
    ),
}


GENERATED: dict[str, Callable[[], bytes]] = {
    "huge-6-mib": lambda: PLAN.encode() + b"# " + b"x" * (6 * 1024 * 1024) + b"\n",
    "alias-scalar-64k-times-100": lambda: alias_bomb("x" * 65536, 100),
    "alias-scalar-1m-times-6": lambda: alias_bomb("x" * 1048576, 6),
    "alias-list-of-aliases": lambda: appended(
        "    sections:\n      - id: s1\n        text: &a "
        + "字" * 30000
        + "\n        tasks:\n"
        + "\n".join(f'          - {{id: "b{i}", no: {i}, text: *a, title: *a}}' for i in range(90))
    ),
}
"""Cases made when the test runs (too large to keep in git), by recipe name."""


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
    for name, special in SPECIAL.items():
        target, content, how = special()
        (out / f"{name}.yaml").write_bytes(content)
        (out / f"{name}.target").write_text(f"{target}\n{how}\n", encoding="utf-8")


if __name__ == "__main__":
    write_all()
    print(
        f"wrote {len(CASES) + len(SPECIAL)} defect cases and {len(ACCEPTED)} accepted cases "
        f"to {HERE / 'cases'}"
    )
