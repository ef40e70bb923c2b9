"""The import report: what the importer could not resolve, and how much text it kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from .coverage import Coverage


@dataclass
class Report:
    plan_id: str
    source_file: str
    source_kind: str = "txt"
    """The input format as read (`docx`, `pdf (PDFium)`, `txt (GB18030)` …)."""
    reading: list[str] = field(default_factory=list)
    """What the reader did (encoding guessed, pages, page numbers removed, article chosen)."""
    counts: dict[str, int] = field(default_factory=dict)
    coverage: Coverage | None = None
    noise: dict[str, int] = field(default_factory=dict)
    undated: list[tuple[str, str]] = field(default_factory=list)
    unknown_units: list[tuple[str, str]] = field(default_factory=list)
    """(where, name) of unit names the resolver did not know."""
    units_checked: bool = False
    units_total: int = 0
    """Unit names in responsibilities, domain leads and recipients (each occurrence)."""
    units_resolved: int = 0
    """Of those, the ones data/units knows (after short forms were resolved)."""
    abbreviations: list[tuple[str, str, str]] = field(default_factory=list)
    """(where, printed short form, unit it was resolved to) — replaced in the draft."""
    ambiguous_units: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(where, printed short form, the units it may stand for) — left as printed."""
    region_draft: list[str] = field(default_factory=list)
    """Files drafted for a region not yet in data/regions.yaml."""
    progress: list[str] = field(default_factory=list)
    names_without_verb: list[str] = field(default_factory=list)
    unparsed: list[tuple[str, str]] = field(default_factory=list)
    derived: dict[str, str] = field(default_factory=dict)
    """Plan facts and where they came from (`period: title （2024-2026年）`)."""
    validation_errors: list[str] = field(default_factory=list)

    notes: list[str] = field(default_factory=list)
    """Choices the importer made that an editor should confirm (e.g. the issuer)."""

    @property
    def unresolved(self) -> dict[str, int | None]:
        """What is left for the editor, per category (the sections of the report); None when
        the category was not checked (unit names without a resolver)."""
        return {
            "unknown units": len(self.unknown_units) if self.units_checked else None,
            "undated phrases": len(self.undated),
            "names without a role verb": len(self.names_without_verb),
            "unparsed blocks": len(self.unparsed),
            "ambiguous short forms": len(self.ambiguous_units) if self.units_checked else None,
        }

    def summary(self) -> str:
        c = self.counts
        cov = f"{self.coverage.ratio:.1%}" if self.coverage else "n/a"
        left = ", ".join(
            f"{what} not checked" if n is None else f"{n} {what}"
            for what, n in self.unresolved.items()
        )
        return (
            f"{self.plan_id}: {c.get('chapters', 0)} chapters, {c.get('sections', 0)} sections, "
            f"{c.get('tasks', 0)} tasks, {c.get('items', 0)} items, "
            f"{c.get('deadlines', 0)} deadlines, {c.get('recurrences', 0)} recurrences, "
            f"{c.get('targets', 0)} targets; coverage {cov}; to check: {left}"
        )

    def markdown(self) -> str:
        lines = [f"# Import report: {self.plan_id}", ""]
        lines += [f"Source: `{self.source_file}` (read as {self.source_kind})", ""]
        lines += ["## Summary", "", self.summary(), ""]
        lines += _table("Counts", self.counts)
        if self.reading:
            lines += _list("Reading the file", self.reading)
        lines += _table("Derived plan facts", self.derived)
        if self.notes:
            lines += _list("Notes for the editor", self.notes)
        lines += self._coverage_md()
        lines += _table("Extraction noise removed", self.noise)
        lines += _list("Time phrases without a date", [f"{w}: `{p}`" for w, p in self.undated])
        if self.units_checked:
            lines += [
                "## Unit names",
                "",
                f"{self.units_resolved} of {self.units_total} names resolve in data/units.",
                "",
            ]
            rows = [f"{w}: `{n}`" for w, n in self.unknown_units]
            lines += _list("Unit names not found in data/units", rows)
            rows = [f"{w}: `{n}` → `{u}`" for w, n, u in self.abbreviations]
            lines += _list("Short forms resolved (replaced in the lists; text as printed)", rows)
            rows = [f"{w}: `{n}` may be {' or '.join(o)}" for w, n, o in self.ambiguous_units]
            lines += _list("Ambiguous short forms (kept as printed: choose one)", rows)
        else:
            lines += ["## Unit names", "", "Not checked (no resolver supplied).", ""]
        rows = [f"`{n}`" for n in self.names_without_verb]
        lines += _list("Responsibility names without a role verb (kept as responsible)", rows)
        rows = [f"{w}: `{t[:80]}`" for w, t in self.unparsed]
        lines += _list("Blocks placed by fallback (kept in the draft text)", rows)
        lines += _list("Validation errors", self.validation_errors)
        if self.region_draft:
            lines += _list(
                "New region: drafts for review (move them into data/)", self.region_draft
            )
        return "\n".join(lines).rstrip() + "\n"

    def _coverage_md(self) -> list[str]:
        cov = self.coverage
        if not cov:
            return []
        out = ["## Coverage", ""]
        out.append(
            f"{cov.matched} of {cov.source_chars} CJK characters of the source are in the "
            f"draft's text fields, each matched once near its place ({cov.ratio:.2%}); "
            f"{cov.extra} draft characters are not from the source."
        )
        out.append("")
        out += [f"- missing: {span}" for span in cov.missing]
        return [*out, ""] if cov.missing else out


def _table(title: str, rows: dict[str, object]) -> list[str]:
    if not rows:
        return [f"## {title}", "", "None.", ""]
    out = [f"## {title}", "", "| what | value |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in rows.items()]
    return [*out, ""]


def _list(title: str, rows: list[str]) -> list[str]:
    if not rows:
        return [f"## {title}", "", "None.", ""]
    return [f"## {title}", "", *(f"- {r}" for r in rows), ""]
