"""Importer: a plan as published (text, Word, PDF, web page, task table) → a draft plan
YAML plus a report.

`import_document` does the work on a document read by `sources.read_document`;
`import_text` on a string; `run.run_import` is the CLI entry point
(`planportal import FILE|DIR --region R`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from ..model import Plan
from . import meta
from .backmatter import split_back
from .cover import parse_cover, parse_date
from .coverage import coverage
from .domainleads import find_domain_leads
from .draft import clean, to_yaml
from .enrich import enrich
from .front import Front, split_front
from .layout import drop_labels, lay_out, table_chapters
from .normalize import NoiseLog, clean_lines, join_broken, split_inline_headings
from .reference import Reference, load_reference
from .report import Report
from .slips import slip_notes
from .sources import Extracted
from .structure import Body, assign_task_ids, build_body
from .topics import Topics, load_topics, match_domains

Resolver = Callable[[str, str], bool]
DEFAULT_TOPICS = Path(__file__).resolve().parents[2] / "data" / "topics.yaml"

__all__ = ["ImportResult", "import_document", "import_text"]


@dataclass
class ImportResult:
    draft: dict[str, Any]
    """The draft plan as plain data (validates as `generator.model.Plan`)."""
    yaml: str
    report: Report


@dataclass
class GivenMetadata:
    """What the text cannot say; anything left None is derived."""

    plan_id: str | None = None
    kind: str | None = None
    issuer: str | None = None
    period: tuple[dt.date, dt.date] | None = None


def import_text(text: str, **kwargs: Any) -> ImportResult:
    """Import a plan given as plain text (see `import_document` for the arguments)."""
    from .sources.plaintext import text_blocks

    return import_document(Extracted(text_blocks(text), "txt"), **kwargs)


def import_document(
    doc: Extracted,
    *,
    region: str,
    source_file: str,
    resolve: Resolver | None = None,
    plan_id: str | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    topics_path: Path | None = None,
    root: Path | None = None,
    reference: Reference | None = None,
    units_region: str | None = None,
) -> ImportResult:
    """Import one document. `source_file` is the file name (stored as data/sources/<name>).

    With `root` (the project directory) the topics come from its data/topics.yaml, unit names
    are checked against its data/units, a basis title gets the region its name opens with, and
    an unsigned plan's issuer is the government/committee unit its title names.
    `units_region` is where unit names are looked up when `region` is new (its parent)."""
    if root is not None:
        reference = reference or load_reference(Path(root))
        topics_path = topics_path or Path(root) / "data" / "topics.yaml"
    if reference is not None and resolve is None and reference.registry is not None:
        resolve = reference.resolves
    noise = NoiseLog()
    lines, tables, headers = lay_out(doc.blocks)
    text = doc.text()  # after lay_out: a category repeated row by row counts once
    cleaned, dropped = drop_labels(clean_lines("\n".join(lines), noise), noise)
    dropped += headers
    front = split_front(cleaned)
    if not front.title and (caption := _table_title(tables)):
        # a notice whose plan is an attached task table: everything else is the notice, the
        # table's caption is the plan's title (the chapter of its tasks gets a title of its own)
        front = Front(cover=cleaned, title=caption, title_lines=0, body=[])
        tables[0].caption = [c for c in tables[0].caption if re.match(r"^附\s*件", c)]
    cover, unplaced = parse_cover(front.cover) if front.cover else ({}, [])
    body_lines, back = split_back(front.body, cover)
    if back:
        cover |= back
    paras = split_inline_headings(join_broken(body_lines, noise), noise)
    body = build_body(paras)
    table_chapters(tables, body)
    assign_task_ids(body.chapters)
    topics = load_topics(topics_path or DEFAULT_TOPICS)
    findings = enrich(body.chapters, topics)
    title = front.title or Path(source_file).stem or "untitled"
    over = GivenMetadata(plan_id, kind, issuer, period)
    draft, derived, notes = _plan(title, cover, body, region, source_file, over, topics, reference)
    report = Report(plan_id=draft["id"], source_file=draft["source"]["file"], derived=derived)
    report.source_kind = doc.kind
    report.reading = list(doc.notes)
    report.notes = notes
    report.noise = {k: v for k, v in noise.items() if v}
    report.undated = findings.undated
    report.names_without_verb = body.left.names_without_verb
    report.unparsed = [("cover letter: line of no known kind", u) for u in unplaced]
    report.unparsed += body.unparsed
    if not front.title:
        report.unparsed.append(("no plan title line found; title is the file name", title))
    _check_units(draft, units_region or region, resolve, report, reference)
    report.counts = counts(draft)
    report.coverage = coverage(_without(text, dropped), draft)
    report.validation_errors = _validate(draft)
    return ImportResult(clean(draft), to_yaml(draft), report)


def _table_title(tables: list[Any]) -> str | None:
    """The caption of the first task table that has one, without its 附件 label."""
    for table in tables:
        titles = [c for c in table.caption if not re.match(r"^附\s*件\s*\S{0,3}$", c)]
        if titles:
            return " ".join(titles)
    return None


def _without(text: str, dropped: list[str]) -> str:
    """The source text less the lines the importer dropped on purpose (listed as noise):
    whole lines only, each once."""
    left = Counter("".join(d.split()) for d in dropped)
    kept = []
    for line in text.splitlines():
        key = "".join(line.split())
        if left.get(key):
            left[key] -= 1
        else:
            kept.append(line)
    return "\n".join(kept)


def _plan(title, cover, body: Body, region, source_file, over: GivenMetadata, topics: Topics, ref):
    issued = parse_date(cover.get("date_text", "")) if cover else None
    derived: dict[str, str] = {}
    notes: list[str] = []
    period = over.period or meta.plan_period(title, issued)
    derived["period"] = "override" if over.period else "title"
    if period is None and (found := meta.period_in_text(body.preamble, body.chapters)):
        period, phrase = found
        derived["period"] = f"text: `{phrase}` (not in the title)"
    if period is None and issued:
        period = (dt.date(issued.year, 1, 1), dt.date(issued.year, 12, 31))
        derived["period"] = "guessed: the year of the issue date (neither title nor text says)"
        notes.append(f"Period not stated: set to {issued.year}, the year of issue; check it.")
    if period is None:
        derived["period"] = "not stated (title, text and issue date say nothing): fill it in"
        notes.append("Period not stated anywhere: add `period: {start: …, end: …}` by hand.")
    draft: dict[str, Any] = {
        "id": over.plan_id or meta.plan_id(title, region, period),
        "title": title,
        "kind": over.kind or meta.plan_kind(title),
        "region": region,
        "issuer": over.issuer,
        "source": {"file": f"data/sources/{Path(source_file).name}"},
        "preamble": "\n\n".join(body.preamble),
        "chapters": body.chapters,
    }
    if period:  # never invented: a plan whose period nothing states is left without one
        draft["period"] = {"start": period[0], "end": period[1]}
    derived |= {
        "id": "override" if over.plan_id else "pinyin of region + short form + first year",
        "kind": "override" if over.kind else "title wording",
    }
    if over.issuer:
        derived["issuer"] = "override"
    else:
        draft["issuer"], derived["issuer"], note = _issuer(cover, title, region, ref)
        if note:
            notes.append(note)
    if cover.get("doc_number"):
        draft["doc_number"] = cover["doc_number"]
    if issued:
        draft["issued"] = issued
    if basis := meta.basis(draft["preamble"]):
        for entry in basis:
            if ref is not None and (basis_region := ref.region_of(entry["title"])):
                entry["region"] = basis_region
        draft["basis"] = basis
    if cover:
        draft["cover_letter"] = cover
    if leads := _domain_leads(body.chapters, topics):
        draft["domain_leads"] = leads
    _add_slip_notes(body.chapters)
    return draft, derived, notes


def _issuer(cover, title: str, region: str, ref: Reference | None) -> tuple[str, str, str]:
    """(issuer, where it came from, note for the editor or "")."""
    if cover.get("signature"):
        return cover["signature"], "signature", ""
    if name := meta.notice_issuer(cover):
        return name, "notice title (before 关于)", ""
    if ref is not None and (unit := ref.issuing_unit(title, region)):
        name, form = unit
        where = f"unit of data/units named in the title (as {form})"
        note = (
            f"No signature: issuer {name} is the government/committee unit the title names"
            f" (as {form}); check it."
        )
        return name, where, note
    name = meta.title_region(title) or title
    checked = "" if ref is None else "; no government/committee unit of the region is named"
    note = (
        f"No signature: issuer {name} is the title's prefix (not a confirmed unit name{checked}); "
        "check it."
    )
    return name, "title prefix", note


def _prose(chapters: list[dict[str, Any]]):
    for chapter in chapters:
        yield chapter.get("text", "")
        for section in chapter.get("sections", []):
            yield section.get("text", "")


def _domain_leads(chapters: list[dict[str, Any]], topics: Topics) -> list[dict[str, Any]]:
    leads = [lead for text in _prose(chapters) for lead in find_domain_leads(text)]
    for lead in leads:
        if ids := match_domains(lead["domains"], topics):
            lead["topics"] = ids
    return leads


def _add_slip_notes(chapters: list[dict[str, Any]]) -> None:
    for chapter in chapters:
        holders = [*chapter.get("tasks", []), *chapter.get("sections", [])]
        for section in chapter.get("sections", []):
            holders.extend(section.get("tasks", []))
        for obj in holders:
            text = "\n".join(str(obj.get(k) or "") for k in ("text", "closing"))
            if notes := slip_notes(text):
                obj["notes"] = [*obj.get("notes", []), *notes]


def draft_tasks(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """Every task of a draft, in document order."""
    out = []
    for chapter in draft.get("chapters", []):
        out.extend(chapter.get("tasks", []))
        for section in chapter.get("sections", []):
            out.extend(section.get("tasks", []))
    return out


def _check_units(
    draft, region: str, resolve: Resolver | None, report: Report, ref: Reference | None
) -> None:
    """Resolve every unit name; a short form (应急) that stands for exactly one unit of the
    region or its parents is replaced by that unit's usual form (the printed wording stays
    in `responsibility.text`); ambiguous and unknown names are reported."""
    if resolve is None:
        return
    report.units_checked = True
    seen: dict[str, str | None] = {}
    holders = [(f"task {t['id']}", t.get("responsibility") or {}) for t in draft_tasks(draft)]
    for where, resp in holders:
        for key in ("lead", "support", "responsible", "local"):
            names = resp.get(key, [])
            for i, name in enumerate(names):
                report.units_total += 1
                if name not in seen:
                    seen[name] = _resolve_one(name, region, resolve, report, ref, where)
                if seen[name] is not None:
                    report.units_resolved += 1
                    names[i] = seen[name]
            if names:
                resp[key] = list(dict.fromkeys(names))
    others = [("domain_leads", lead["unit"]) for lead in draft.get("domain_leads", [])]
    cover = draft.get("cover_letter") or {}
    others += [("cover_letter recipients", n) for n in cover.get("recipients", [])]
    for where, name in others:
        report.units_total += 1
        if resolve(name, region):
            report.units_resolved += 1
        elif name not in seen:
            seen[name] = None
            report.unknown_units.append((where, name))


def _resolve_one(name, region, resolve, report: Report, ref, where: str) -> str | None:
    if resolve(name, region):
        return name
    options = ref.expand(name, region) if ref is not None else []
    if len(options) == 1:
        report.abbreviations.append((where, name, options[0]))
        return options[0]
    if options:
        report.ambiguous_units.append((where, name, options))
    else:
        report.unknown_units.append((where, name))
    return None


def _refs(task: dict[str, Any]) -> list[str]:
    resp = task.get("responsibility") or {}
    return [n for key in ("lead", "support", "responsible", "local") for n in resp.get(key, [])]


def counts(draft: dict[str, Any]) -> dict[str, int]:
    tasks = draft_tasks(draft)
    chapters = draft.get("chapters", [])
    sections = [s for c in chapters for s in c.get("sections", [])]
    phases = [p for c in chapters for p in c.get("phases", [])]
    holders = [*chapters, *sections, *phases, *tasks]
    return {
        "chapters": len(chapters),
        "sections": len(sections),
        "tasks": len(tasks),
        "items": sum(len(t.get("items", [])) for t in tasks),
        "phases": len(phases),
        "deadlines": sum(len(h.get("deadlines", [])) for h in holders),
        "recurrences": sum(len(t.get("recurrence", [])) for t in tasks),
        "targets": sum(len(h.get("targets", [])) for h in holders),
        "tasks with responsibility": sum(1 for t in tasks if t.get("responsibility")),
        "domain leads": len(draft.get("domain_leads", [])),
    }


def _validate(draft: dict[str, Any]) -> list[str]:
    try:
        Plan.model_validate(clean(draft))
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


def project_resolver(root: Path, stdout: TextIO) -> Resolver | None:
    """`resolve(name, region)` over the project's data/units, or None without reference data."""
    reference = load_reference(root, stdout)
    return reference.resolves if reference.registry is not None else None
