"""Problems found in plan and reference files, reported to people with their location.

Every stage collects `Problem`s instead of raising, so one run reports everything at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place. `code` is stable (tests and CI annotations key on it)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        """`path:line:col: message (hint)` — the form editors and CI jump to."""
        hint = f" ({self.hint})" if self.hint else ""
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}:{self.col}: {tag}{self.message}{hint}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the changed line."""
        kind = "error" if self.severity == "error" else "warning"
        text = self.message + (f" ({self.hint})" if self.hint else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{kind} file={self.file},line={self.line},col={self.col},title={self.code}::{text}"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems sorted by place: `text`, `json` (one object per problem) or `github`."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.github() for p in ordered)
    return "\n".join(p.format() for p in ordered)
