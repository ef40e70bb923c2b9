"""Problems found in plan and reference files, reported to people with their location.

Every stage collects `Problem`s instead of raising, so one run reports everything at once.
What every check phrases alike is here too: the "did you mean" hint (`did_you_mean`,
`offering`) and the search for repeated ids (`repeats`).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Literal, TypeVar

Severity = Literal["error", "warning"]
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\xa0\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3164\ufeff\uffa0\ufff0-\uffff"
    "\ud800-\udfff\ue000-\uf8ff]"
)
"""Characters a reader cannot see or tell from a space: control and format characters,
unusual spaces, fillers, private use (`工业和科技局\u2060` looked like a good name)."""


CLOSE_ENOUGH = 0.5
"""Least similarity (difflib's ratio, 0–1) of a value suggested for a mistyped one: ids
differ from their typos by a letter or two, unrelated ids share less than half."""


MAX_MESSAGE = 1000
"""Characters of a message or hint, at most: a value quoted in one (an unknown key an
alias repeats, say) must not make the output of a check megabytes long."""


def _shortened(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def visible(text: str) -> str:
    """`text` with each hidden character shown as `<U+2060>`."""
    if not _HIDDEN.search(text):
        return text
    return _HIDDEN.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place. `code` is stable (tests and CI annotations key on it).
    Hidden characters in the message and hint are shown (`visible`)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", visible(_shortened(self.message)))
        if self.hint:
            object.__setattr__(self, "hint", visible(_shortened(self.hint)))

    def format(self) -> str:
        """`path:line:col: message (hint)` — the form editors and CI jump to."""
        hint = f" ({self.hint})" if self.hint else ""
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}:{self.col}: {tag}{self.message}{hint}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the changed line.
        Escaped as the runner reads them: `%`, CR and LF in the message; also `:` and `,`
        in properties (a file named `a,b::c.yaml` would end them early)."""
        kind = "error" if self.severity == "error" else "warning"
        text = _escaped(self.message + (f" ({self.hint})" if self.hint else ""))
        return (
            f"::{kind} file={_escaped(self.file, property=True)},line={self.line},"
            f"col={self.col},title={_escaped(self.code, property=True)}::{text}"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _escaped(value: str, *, property: bool = False) -> str:
    """`value` escaped for a workflow command's message, or (`property`) a property."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


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


def did_you_mean(
    value: str, known: Iterable[str], *, limit: int = 2, cutoff: float = CLOSE_ENOUGH
) -> str | None:
    """The hint for a mistyped `value`: "did you mean `a` or `b`?" with the `known` values
    most like it, best first; None when none is close enough."""
    close = difflib.get_close_matches(value, list(known), n=limit, cutoff=cutoff)
    return offering(close)


def offering(options: Sequence[str], *, quoted: bool = True) -> str | None:
    """ "did you mean `a` or `b`?" for options already chosen (`Registry.suggest` chooses
    unit names by sound too); names as printed (`quoted=False`) go without backticks, as in
    the message they answer. None without options."""
    if not options:
        return None
    shown = [f"`{option}`" if quoted else option for option in options]
    return f"did you mean {' or '.join(shown)}?"


def repeats(entries: Iterable[tuple[K, V]]) -> Iterator[tuple[K, V, V]]:
    """`(key, first, again)` for each entry whose key an earlier entry has, in order: what a
    check for repeated ids reports (the repeat, and the first entry, which stays valid)."""
    first: dict[K, V] = {}
    for key, value in entries:
        if key in first:
            yield key, first[key], value
        else:
            first[key] = value
