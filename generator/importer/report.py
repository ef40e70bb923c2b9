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
    counts: dict[str, int] = field(default_factory=dict)
    coverage: Coverage | None = None
    noise: dict[str, int] = field(default_factory=dict)
    undated: list[tuple[str, str]] = field(default_factory=list)
    unknown_units: list[tuple[str, str]] = field(default_factory=list)
    """(where, name) of unit names the resolver did not know."""
    units_checked: bool = False
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
        lines += _table("Derived plan facts", self.derived)
        if self.notes:
            lines += _list("Notes for the editor", self.notes)
        lines += self._coverage_md()
        lines += _table("Extraction noise removed", self.noise)
        lines += _list("Time phrases without a date", [f"{w}: `{p}`" for w, p in self.undated])
        if self.units_checked:
            rows = [f"{w}: `{n}`" for w, n in self.unknown_units]
            lines += _list("Unit names not found in data/units", rows)
        else:
            lines += ["## Unit names", "", "Not checked (no resolver supplied).", ""]
        rows = [f"`{n}`" for n in self.names_without_verb]
        lines += _list("Responsibility names without a role verb (kept as responsible)", rows)
        rows = [f"{w}: `{t[:80]}`" for w, t in self.unparsed]
        lines += _list("Blocks placed by fallback (kept in the draft text)", rows)
        lines += _list("Validation errors", self.validation_errors)
        return "\n".join(lines).rstrip() + "\n"

    def _coverage_md(self) -> list[str]:
        cov = self.coverage
        if not cov:
            return []
        out = ["## Coverage", ""]
        out.append(
            f"{cov.matched} of {cov.source_chars} CJK characters of the source are in the "
            f"draft's text fields, in order ({cov.ratio:.2%}); {cov.extra} draft characters "
            "are not from the source."
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
