"""Synthetic, realistic plan projects for the benchmark (deterministic, seeded).

    python bench/synth.py OUT_DIR --size M|L [--seed 1]
    python bench/synth.py OUT_DIR --size S          # the seed portal itself

Writes a complete project directory in the project's own format: ``plans/*.yaml``,
``data/regions.yaml``, ``data/units/<region>.yaml``, ``data/sources/<plan>.txt`` and copies of
the repository's other reference data (topics, categories, glossary, UI strings …),
``mkdocs*.yml``, ``docs/`` and ``overrides/`` — so whatever pages the generator produces
today are produced for the synthetic data too.

Vocabulary comes from the seed plans (``plans/*.yaml``, or ``build/drafts/*.yaml`` while
``plans/`` is empty) and the seed unit files: task titles, task and item texts, section
and chapter titles, unit names per category, topics.  Regions form a tree (provinces →
prefectures → counties) with about a dozen units each; plans get ~40 tasks with a spread,
0–7 items, 1–8 units per task (skewed towards the emergency-management bureau, as in the
seeds), ~40 % of tasks dated with phrases such as ``2024年底前`` / ``2025年6月底前`` whose
dates and precisions match, and topics found by the topic keywords.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.dump import dump_yaml  # noqa: E402
from generator.model import Topic  # noqa: E402
from generator.pinyin import slug  # noqa: E402
from generator.registry import match_topics  # noqa: E402

CN_NUM = "一二三四五六七八九十"
ITEM_MARKS = ("一是", "二是", "三是", "四是", "五是", "六是", "七是")


@dataclass(frozen=True)
class Size:
    name: str
    plans: int
    tasks: int
    provinces: int
    prefectures: int
    """Per province."""
    counties: int
    """Per prefecture."""


SIZES = {
    # ~12 units per region: M 50 regions ≈ 600 units, L 488 regions ≈ 5,900 units
    "M": Size("M", plans=50, tasks=2_000, provinces=2, prefectures=4, counties=5),
    "L": Size("L", plans=500, tasks=20_000, provinces=8, prefectures=6, counties=9),
}

# --- vocabulary from the seeds ---------------------------------------------------------------


@dataclass
class Vocab:
    task_titles: list[str] = field(default_factory=list)
    task_texts: list[str] = field(default_factory=list)
    item_texts: list[str] = field(default_factory=list)
    action_titles: list[str] = field(default_factory=list)
    """Titles of task sections (（一）开展…行动)."""
    prose: list[tuple[str, str]] = field(default_factory=list)
    """(title, text) of general / safeguards sections."""
    seed_regions: list[str] = field(default_factory=list)
    units: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """category → (base name without the region, English base name)."""
    topics: list[Topic] = field(default_factory=list)


def seed_plan_files(repo: Path = REPO) -> list[Path]:
    plans = sorted((repo / "plans").glob("*.yaml"))
    return plans or sorted((repo / "build" / "drafts").glob("*.yaml"))


# categories whose units are not departments of an ordinary county/prefecture
_SKIP_CATEGORIES = {"township", "electric-power", "mine-safety", "general-office", "coal"}


def _tasks_of(plan: dict[str, Any]):
    for chapter in plan.get("chapters", ()):
        yield from chapter.get("tasks", ()) or ()
        for section in chapter.get("sections", ()) or ():
            yield from section.get("tasks", ()) or ()


def load_vocab(repo: Path = REPO) -> Vocab:
    v = Vocab()
    regions = yaml.safe_load((repo / "data" / "regions.yaml").read_text("utf-8"))["regions"]
    names = {r["id"]: r for r in regions}
    v.seed_regions = sorted({r["name"] for r in regions if r["level"] != "country"}, key=len)[::-1]
    for path in seed_plan_files(repo):
        plan = yaml.safe_load(path.read_text("utf-8"))
        for task in _tasks_of(plan):
            if task.get("title"):
                v.task_titles.append(task["title"])
            if len(task.get("text") or "") > 30:
                v.task_texts.append(task["text"])
            v.item_texts += [i["text"] for i in task.get("items", ()) or () if i.get("text")]
        for chapter in plan.get("chapters", ()):
            for section in chapter.get("sections", ()) or ():
                if section.get("tasks") and section.get("title"):
                    v.action_titles.append(section["title"])
                elif section.get("title") and section.get("text"):
                    v.prose.append((section["title"], section["text"]))
    candidates: dict[str, list[tuple[bool, int, str, str | None]]] = {}
    for path in sorted((repo / "data" / "units").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        region = names.get(data["region"], {})
        rname, ren = region.get("name", ""), region.get("name_en") or ""
        if region.get("level") not in ("prefecture", "county"):
            continue
        for unit in data.get("units", ()):
            cat, name = unit.get("category"), unit["name"]
            if not cat or cat in _SKIP_CATEGORIES:
                continue
            if not name.startswith(rname):
                continue
            base = name[len(rname) :]
            if not base or any(r in base for r in v.seed_regions) or "党校" in base:
                continue
            en = unit.get("name_en") or None
            en = en[len(ren) :].strip() if en and ren and en.startswith(ren) else None
            candidates.setdefault(cat, []).append((not base.endswith("局"), len(base), base, en))
    for cat, found in candidates.items():  # the usual form: a 局 if there is one, shortest
        v.units[cat] = min(found, key=lambda f: f[:3])[2:]
    topics = yaml.safe_load((repo / "data" / "topics.yaml").read_text("utf-8"))["topics"]
    v.topics = [Topic(**t) for t in topics]
    return v


# --- regions ---------------------------------------------------------------------------------

PROVINCES = [
    ("河北省", "Hebei"),
    ("山西省", "Shanxi"),
    ("辽宁省", "Liaoning"),
    ("吉林省", "Jilin"),
    ("江苏省", "Jiangsu"),
    ("浙江省", "Zhejiang"),
    ("福建省", "Fujian"),
    ("江西省", "Jiangxi"),
    ("山东省", "Shandong"),
    ("湖北省", "Hubei"),
    ("湖南省", "Hunan"),
    ("广东省", "Guangdong"),
    ("四川省", "Sichuan"),
    ("贵州省", "Guizhou"),
    ("云南省", "Yunnan"),
    ("陕西省", "Shaanxi"),
]
_PLACE_CHARS = (
    "安平阳宁清江河山泉林石城兴丰德昌华新东西南北永长临武定康泰嘉福瑞云龙凤鹤松桂梅"
    "溪川湖海岭峰源池田原台庄岗坪营沙金银玉宝明光文和通远广盛乐富"
)


@dataclass(frozen=True)
class SynthRegion:
    id: str
    name: str
    name_en: str
    level: str
    parent: str
    prefix: str
    """How the region's own units are printed: 省 / 市 / 县 / 区."""


def make_regions(size: Size, rng: random.Random) -> list[SynthRegion]:
    out: list[SynthRegion] = []
    used_names: set[str] = set()
    used_ids: set[str] = {"china"}

    def new_id(name: str) -> str:
        base = slug(re.sub(r"(省|市|县|区)$", "", name)) or "region"
        ident, n = base, 2
        while ident in used_ids:
            ident, n = f"{base}-{n}", n + 1
        used_ids.add(ident)
        return ident

    def place(suffix: str) -> str:
        while True:
            name = "".join(rng.sample(_PLACE_CHARS, 2)) + suffix
            if name not in used_names:
                used_names.add(name)
                return name

    for pname, pen in PROVINCES[: size.provinces]:
        province = SynthRegion(new_id(pname), pname, f"{pen} Province", "province", "china", "省")
        out.append(province)
        for _ in range(size.prefectures):
            name = place("市")
            pref = SynthRegion(new_id(name), name, name, "prefecture", province.id, "市")
            out.append(pref)
            for _ in range(size.counties):
                suffix = rng.choice("县县县区市")
                name = place(suffix)
                prefix = "市" if suffix == "市" else suffix
                out.append(SynthRegion(new_id(name), name, name, "county", pref.id, prefix))
    return out


# --- units -----------------------------------------------------------------------------------

# (category, weight in responsibility lists): the seeds' emergency bureau is in most tasks
CORE = [
    ("emergency-management", 30),
    ("housing-construction", 9),
    ("market-regulation", 8),
    ("public-security", 7),
    ("transport", 7),
    ("fire-rescue", 7),
    ("industry-it", 5),
    ("natural-resources", 5),
    ("education", 4),
    ("development-reform", 4),
    ("agriculture", 3),
    ("health", 3),
    ("ecology-environment", 3),
    ("water", 3),
    ("commerce", 2),
    ("culture-tourism", 2),
    ("human-resources", 1),
    ("finance", 1),
    ("justice", 1),
    ("civil-affairs", 1),
    ("energy", 2),
    ("meteorology", 1),
]


@dataclass(frozen=True)
class SynthUnit:
    id: str
    name: str
    short: str
    category: str
    weight: int


def region_units(region: SynthRegion, vocab: Vocab, rng: random.Random) -> list[SynthUnit]:
    """~10 departments (the emergency bureau always) + safety committee; groups added apart."""
    pool = [(c, w) for c, w in CORE if c in vocab.units]
    first, rest = pool[0], pool[1:]
    count = max(6, min(len(rest), round(rng.gauss(9, 2))))
    chosen = [first, *sorted(rng.sample(rest, count), key=lambda cw: -cw[1])]
    out = [
        SynthUnit(
            "anquanshengchanweiyuanhui",
            f"{region.name}安全生产委员会",
            f"{region.prefix}安委会",
            "safety-committee",
            0,
        )
    ]
    for cat, weight in chosen:
        base, _ = vocab.units[cat]
        out.append(
            SynthUnit(slug(base), f"{region.name}{base}", f"{region.prefix}{base}", cat, weight)
        )
    return out


def units_file(region: SynthRegion, units: list[SynthUnit], vocab: Vocab) -> dict[str, Any]:
    p = region.prefix
    units_out = []
    seen: set[str] = set()
    for u in units:
        ident = u.id
        while ident in seen:
            ident += "-2"
        seen.add(ident)
        en = vocab.units.get(u.category, ("", None))[1]
        rec: dict[str, Any] = {"id": ident, "name": u.name, "short": u.short}
        if en:
            rec["name_en"] = f"{region.name_en} {en}"
        rec["kind"] = "committee" if u.category == "safety-committee" else "department"
        rec["category"] = u.category
        units_out.append(rec)
    lower = {"省": "各市", "市": "各县（市、区）", "县": "各乡镇", "区": "各街道"}.get(p, "各乡镇")
    groups = [
        {
            "id": "anweihui-chengyuan-danwei",
            "name": f"{p}安委会各成员单位",
            "aliases": [f"{p}安委会成员单位"],
            "membership": [
                {
                    "source": "editor",
                    "note": "合成数据：本地区各部门均计为成员。",
                    "units": [u["id"] for u in units_out[1:]],
                }
            ],
        },
        {
            "id": "xiaji-zhengfu",
            "name": f"{lower}人民政府",
            "aliases": [f"{lower}政府"],
            "membership": [{"source": "editor", "note": "合成数据：下级政府不在本名录中。"}],
        },
    ]
    return {"region": region.id, "units": units_out, "groups": groups}


# --- plans -----------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def deadline(rng: random.Random, start: dt.date, end: dt.date) -> dict[str, Any]:
    """A phrase with its date and precision, inside [start, end]."""
    year = rng.randint(start.year, end.year)
    kind = rng.choices(["year", "month", "half", "day", "quarter"], [45, 30, 8, 12, 5])[0]
    if kind == "year":
        date, phrase = dt.date(year, 12, 31), rng.choice([f"{year}年底前", f"{year}年年底前"])
    elif kind == "month":
        month = rng.choice([3, 4, 5, 6, 6, 6, 8, 9, 10, 11])
        date, phrase = _month_end(year, month), f"{year}年{month}月底前"
    elif kind == "half":
        date, phrase = dt.date(year, 6, 30), f"{year}年上半年"
    elif kind == "quarter":
        q = rng.randint(1, 4)
        date, phrase = _month_end(year, 3 * q), f"{year}年第{CN_NUM[q - 1]}季度"
    else:
        month = rng.randint(1, 12)
        day = rng.choice([15, 20, 30]) if month != 2 else 20
        date, phrase = dt.date(year, month, day), f"{year}年{month}月{day}日前"
    date = min(max(date, start), end)
    return {"date": date, "precision": kind, "phrase": phrase}


def _pick_units(
    rng: random.Random, units: list[SynthUnit], parent_units: list[SynthUnit]
) -> dict[str, Any]:
    n = min(len(units) - 1, max(1, round(rng.triangular(1, 8, 2))))
    depts = [u for u in units if u.weight]
    weights = [u.weight for u in depts]
    chosen: list[SynthUnit] = []
    while len(chosen) < n:
        u = rng.choices(depts, weights)[0]
        if u not in chosen:
            chosen.append(u)
    style = rng.random()
    names = [u.short for u in chosen]
    resp: dict[str, Any] = {}
    if style < 0.45 and len(names) > 1:
        resp["lead"], resp["support"] = names[:1], names[1:]
        resp["text"] = f"牵头单位：{names[0]}；配合单位：{'、'.join(names[1:])}"
    elif style < 0.85:
        resp["responsible"] = names
        resp["text"] = f"{'、'.join(names)}按职责分工负责"
    else:
        resp["lead"] = names
    if parent_units and rng.random() < 0.05:  # a higher-level department named in full
        resp.setdefault("support", []).append(rng.choice(parent_units[1:]).name)
        resp.pop("text", None)
    if rng.random() < 0.3:
        resp["local"] = [groups_local(units)]
        resp.pop("text", None)
    return resp


def groups_local(units: list[SynthUnit]) -> str:
    prefix = units[0].short[:1]
    return {"省": "各市人民政府", "市": "各县（市、区）人民政府", "县": "各乡镇人民政府"}.get(
        prefix, "各街道人民政府"
    )


def _localise(text: str, vocab: Vocab, region: SynthRegion) -> str:
    for name in vocab.seed_regions:
        text = text.replace(name, region.name)
    return text


KINDS = [
    ("three-year-action-plan", "安全生产治本攻坚三年行动方案（2024-2026年）", (2024, 2026)),
    ("implementation-plan", "安全生产治本攻坚三年行动实施方案", (2024, 2026)),
    ("annual-work-notice", "2025年安全生产工作要点", (2025, 2025)),
    ("five-year-plan", "“十四五”安全生产规划", (2021, 2025)),
    ("task-breakdown", "安全生产重点任务分工方案", (2024, 2025)),
]


def make_plan(
    plan_id: str,
    region: SynthRegion,
    kind: tuple[str, str, tuple[int, int]],
    n_tasks: int,
    units: list[SynthUnit],
    parent_units: list[SynthUnit],
    basis: dict[str, Any] | None,
    vocab: Vocab,
    rng: random.Random,
) -> tuple[dict[str, Any], str]:
    kind_id, title_tail, (y0, y1) = kind
    start, end = dt.date(y0, 1, 1), dt.date(y1, 12, 31)
    title = f"{region.name}{title_tail}"
    issuer = f"{region.name}安全生产委员会"
    lines = [title, ""]

    general = {
        "id": "c1",
        "no": "一",
        "title": "总体要求",
        "role": "general",
        "sections": [
            {
                "id": f"c1-{i + 1}",
                "no": f"（{CN_NUM[i]}）",
                "title": t,
                "text": _localise(x, vocab, region),
            }
            for i, (t, x) in enumerate(rng.sample(vocab.prose, 2))
        ],
    }
    n_sections = max(2, min(10, round(n_tasks / rng.uniform(3, 6))))
    sizes = [1] * n_sections
    for _ in range(n_tasks - n_sections):
        sizes[rng.randrange(n_sections)] += 1
    sections, task_no = [], 0
    for s, count in enumerate(sizes):
        tasks = []
        for _ in range(count):
            task_no += 1
            text = _localise(rng.choice(vocab.task_texts), vocab, region)
            n_items = rng.choices(range(8), [40, 4, 14, 14, 12, 8, 5, 3])[0]
            items = [
                {"id": str(k + 1), "no": ITEM_MARKS[k], "text": _localise(t, vocab, region)}
                for k, t in enumerate(rng.sample(vocab.item_texts, n_items))
            ]
            task: dict[str, Any] = {"id": f"{task_no:02d}", "no": str(task_no)}
            task["title"] = rng.choice(vocab.task_titles)
            task["text"] = f"主要有{n_items}项任务：" if items else text
            if items:
                task["items"] = items
            task["responsibility"] = _pick_units(rng, units, parent_units)
            if rng.random() < 0.4:
                dls = [deadline(rng, start, end) for _ in range(rng.choice([1, 1, 1, 2]))]
                dls = list({d["phrase"]: d for d in dls}.values())
                for d in dls:
                    if items and rng.random() < 0.5:
                        target = rng.choice(items)
                        target["text"] = f"{d['phrase']}，{target['text']}"
                        d["item"] = target["id"]
                    else:
                        task["text"] = f"{d['phrase']}，{task['text']}"
                task["deadlines"] = dls
            body = " ".join([task["text"], *(i["text"] for i in items)])
            topics = match_topics(body, vocab.topics)[:3]
            if topics:
                task["topics"] = topics
            tasks.append(task)
            lines.append(f"{task_no}. {task['title']}。{body}")
        sections.append(
            {
                "id": f"c2-{s + 1}",
                "no": f"（{CN_NUM[s % 10]}）",
                "title": rng.choice(vocab.action_titles),
                "tasks": tasks,
            }
        )
    chapters = [
        general,
        {"id": "c2", "no": "二", "title": "主要任务", "role": "tasks", "sections": sections},
        {
            "id": "c3",
            "no": "三",
            "title": "保障措施",
            "role": "safeguards",
            "sections": [
                {
                    "id": f"c3-{i + 1}",
                    "no": f"（{CN_NUM[i]}）",
                    "title": t,
                    "text": _localise(x, vocab, region),
                }
                for i, (t, x) in enumerate(rng.sample(vocab.prose, 3))
            ],
        },
    ]
    number = rng.randint(1, 30)
    plan: dict[str, Any] = {
        "id": plan_id,
        "title": title,
        "kind": kind_id,
        "region": region.id,
        "issuer": issuer,
        "doc_number": f"{region.name[:2]}安委〔{y0}〕{number}号",
        "issued": _issued(y0, rng.randint(1, 4), rng.randint(1, 28)),
        "period": {"start": start, "end": end},
    }
    if basis:
        plan["basis"] = [basis]
    plan["source"] = {"file": f"data/sources/{plan_id}.txt"}
    plan["cover_letter"] = {
        "letterhead": f"{issuer}文件",
        "doc_number": plan["doc_number"],
        "title": f"{issuer}关于印发《{title}》的通知",
        "recipients_text": f"{groups_local(units)}，{units[0].short}各成员单位：",
        "recipients": [groups_local(units), f"{units[0].short}各成员单位"],
        "text": f"现将《{title}》印发给你们，请结合实际认真贯彻落实。",
        "signature": issuer,
    }
    plan["chapters"] = chapters
    return plan, "\n".join(lines) + "\n"


def _issued(year: int, month: int, day: int) -> dt.date:
    """The issue date; plans of the benchmark's build year come out by February, so that
    every plan has four rounds of reports before the build date (the draws stay as they
    were, so the plans are those of earlier benchmark rounds)."""
    return dt.date(year, min(month, 2) if year >= REPORTS_UNTIL.year else month, day)


# --- progress reports ------------------------------------------------------------------------

REPORTS_UNTIL = dt.date(2025, 3, 1)
"""The benchmark's build date (bench/run.py BUILD_DATE): no report is dated after it."""
ROUNDS = (
    ("r1", "第一轮", "Round 1"),
    ("r2", "第二轮", "Round 2"),
    ("r3", "第三轮", "Round 3"),
    ("r4", "第四轮", "Round 4"),
)
STATUSES = ("in-progress", "done", "ongoing", "not-started", "delayed", "adjusted")
STATUS_WEIGHTS = (50, 20, 15, 5, 7, 3)


def _reporter(task: dict[str, Any]) -> str:
    """A unit the task binds: its first lead, responsible or supporting unit."""
    resp = task["responsibility"]
    return next(n for role in ("lead", "responsible", "support") for n in resp.get(role, ()))


def write_progress(out: Path, plans: list[dict[str, Any]], vocab: Vocab, rng: random.Random) -> int:
    """progress/rounds.yaml and four rounds of reports on every task of every plan, dated
    between the plan's issue and the build date; returns the number of reports."""
    base = out / "progress"
    base.mkdir(parents=True, exist_ok=True)
    rounds = [{"id": r, "name": zh, "name_en": en} for r, zh, en in ROUNDS]
    (base / "rounds.yaml").write_text(
        "# synthetic reporting rounds (bench/synth.py)\n" + dump_yaml({"rounds": rounds}),
        encoding="utf-8",
    )
    count = 0
    for plan in plans:
        issued: dt.date = plan["issued"]
        span = (REPORTS_UNTIL - issued).days
        tasks = [t for s in plan["chapters"][1]["sections"] for t in s["tasks"]]
        (base / plan["id"]).mkdir()
        for k, (round_id, _, _) in enumerate(ROUNDS):
            day = issued + dt.timedelta(days=span * (k + 1) // len(ROUNDS))
            reports = []
            for task in tasks:
                status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
                report: dict[str, Any] = {
                    "task": task["id"],
                    "unit": _reporter(task),
                    "date": day,
                    "status": status,
                    "summary": rng.choice(vocab.item_texts)[:60],
                }
                if status == "done":
                    report["evidence"] = [
                        {"title": f"{plan['title'][:12]}工作情况报告", "doc_number": f"{k + 1}号"}
                    ]
                reports.append(report)
            doc = {"plan": plan["id"], "round": round_id, "reports": reports}
            (base / plan["id"] / f"{round_id}.yaml").write_text(
                dump_yaml(doc).replace("../schema/plan", "../../schema/progress"), encoding="utf-8"
            )
            count += len(reports)
    return count


# --- project ---------------------------------------------------------------------------------


def _copy_site_files(repo: Path, out: Path) -> None:
    """mkdocs*.yml, docs/, overrides/ and data/ (the synthetic parts are overwritten)."""
    for cfg in repo.glob("mkdocs*.yml"):
        shutil.copy2(cfg, out / cfg.name)
    for part in ("docs", "overrides"):
        if (repo / part).is_dir():
            shutil.copytree(repo / part, out / part, dirs_exist_ok=True)
    shutil.copytree(
        repo / "data",
        out / "data",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("units", "sources", "regions.yaml"),
    )


def write_seed_project(out: Path, repo: Path = REPO) -> Path:
    """Size S: the repository's own project (plans/, or the drafts while plans/ is empty)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for cfg in repo.glob("mkdocs*.yml"):
        shutil.copy2(cfg, out / cfg.name)
    for part in ("docs", "overrides", "data"):
        if (repo / part).is_dir():
            shutil.copytree(repo / part, out / part)
    (out / "plans").mkdir()
    for path in seed_plan_files(repo):
        shutil.copy2(path, out / "plans" / path.name)
    return out


def _task_counts(size: Size, rng: random.Random) -> list[int]:
    mean = size.tasks / size.plans
    counts = [
        max(8, min(int(mean * 3), round(rng.lognormvariate(0, 0.45) * mean * 0.9)))
        for _ in range(size.plans)
    ]
    # adjust to the exact total, one task at a time, keeping every plan ≥ 8 tasks
    while (diff := size.tasks - sum(counts)) != 0:
        i = rng.randrange(size.plans)
        if diff > 0:
            counts[i] += 1
        elif counts[i] > 8:
            counts[i] -= 1
    return counts


def write_project(out: Path, size: Size, seed: int = 1, repo: Path = REPO) -> dict[str, int]:
    """Write a synthetic project of `size` into `out` (replaced); returns counts."""
    rng = random.Random(f"{seed}-{size.name}")
    vocab = load_vocab(repo)
    if out.exists():
        shutil.rmtree(out)
    (out / "plans").mkdir(parents=True)
    (out / "data" / "units").mkdir(parents=True)
    (out / "data" / "sources").mkdir(parents=True)
    _copy_site_files(repo, out)

    regions = make_regions(size, rng)
    regions_yaml = [{"id": "china", "name": "中国", "name_en": "China", "level": "country"}]
    regions_yaml += [
        {"id": r.id, "name": r.name, "name_en": r.name_en, "level": r.level, "parent": r.parent}
        for r in regions
    ]
    (out / "data" / "regions.yaml").write_text(
        "# synthetic regions (bench/synth.py)\n"
        + yaml.safe_dump({"regions": regions_yaml}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    units: dict[str, list[SynthUnit]] = {}
    n_units = 0
    for region in regions:
        units[region.id] = region_units(region, vocab, rng)
        data = units_file(region, units[region.id], vocab)
        n_units += len(data["units"]) + len(data["groups"])
        (out / "data" / "units" / f"{region.id}.yaml").write_text(
            dump_yaml(data).replace("../schema/plan", "../../schema/units"), encoding="utf-8"
        )

    # plans: every province and prefecture has plans, counties share the rest (some none)
    by_level = {
        lvl: [r for r in regions if r.level == lvl] for lvl in ("province", "prefecture", "county")
    }
    homes: list[SynthRegion] = []
    homes += by_level["province"] * 2
    homes += by_level["prefecture"] * 2
    counties = by_level["county"]
    while len(homes) < size.plans:
        homes.append(
            counties[len(homes) % len(counties)] if rng.random() < 0.8 else rng.choice(counties)
        )
    homes = homes[: size.plans]
    parent_of = {r.id: r.parent for r in regions}
    counts = _task_counts(size, rng)
    main_plan: dict[str, str] = {}
    used_ids: set[str] = set()
    n_tasks = 0
    made: list[dict[str, Any]] = []
    for n, (region, count) in enumerate(zip(homes, counts, strict=True)):
        kind = KINDS[0] if region.id not in main_plan else rng.choice(KINDS[1:])
        plan_id = f"{region.id}-{slug(kind[0])[:24]}-{kind[2][0]}"
        while plan_id in used_ids:
            plan_id += f"-{n}"
        used_ids.add(plan_id)
        parent = parent_of[region.id]
        basis = None
        if parent in main_plan:
            basis = {"title": main_plan[parent][1], "plan": main_plan[parent][0]}
        plan, text = make_plan(
            plan_id, region, kind, count, units[region.id], units.get(parent, []), basis, vocab, rng
        )
        main_plan.setdefault(region.id, (plan_id, plan["title"]))  # type: ignore[arg-type]
        (out / "plans" / f"{plan_id}.yaml").write_text(dump_yaml(plan), encoding="utf-8")
        (out / "data" / "sources" / f"{plan_id}.txt").write_text(text, encoding="utf-8")
        n_tasks += count
        made.append(plan)
    # the reports draw from a generator of their own: the plans stay those of earlier rounds
    reports = write_progress(out, made, vocab, random.Random(f"{seed}-{size.name}-reports"))
    return {
        "plans": len(homes),
        "tasks": n_tasks,
        "regions": len(regions),
        "units": n_units,
        "reports": reports,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python bench/synth.py", description=__doc__.split("\n")[0]
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=["S", *SIZES], default="M")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.size == "S":
        write_seed_project(args.out)
        print(f"wrote the seed project to {args.out}")
        return 0
    counts = write_project(args.out, SIZES[args.size], args.seed)
    print(f"wrote {args.out}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
