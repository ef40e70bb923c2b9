"""Small typed items that page contexts are made of; each has a macro in
`templates/fragments/common.j2` that shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Label:
    """Text shown as it is; `lang` is set where its language is not the page's (Chinese
    names on English pages: shown as `<span lang="zh-Hans">`)."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class Link:
    """A link; `lang` as for `Label`. In lists of units an empty `href` means a name the
    registry does not know: shown, not linked."""

    text: str
    href: str
    lang: str = ""


@dataclass(frozen=True)
class When:
    """A date as precisely as its source states it (`2024年底`, `<time datetime="2024">`),
    never an invented day."""

    datetime: str
    """Machine-readable: `2024`, `2024-06`, `2024-06-30`."""
    text: str


@dataclass(frozen=True)
class Count:
    """A number with its label (`12 项任务`)."""

    label: str
    value: int


@dataclass(frozen=True)
class Keywords:
    """A hidden block of search keys placed after a heading (`developer-docs/search.md`)."""

    keys: str
    """Space-separated, each once."""
    weight: str
    """Pagefind weight (`2.0`)."""
    lang: str = ""
    """`zh-Hans` on English pages, where the keys are Chinese and pinyin."""


@dataclass(frozen=True)
class Filter:
    """A Pagefind filter value of the page (`plan`, `region`, `unit`)."""

    name: str
    value: str


@dataclass(frozen=True)
class Pager:
    label: str
    prev: Link | None
    next: Link | None
    parts: tuple[Link, ...]
    """Links to every part of a split page (empty when not split); current has href ''."""


Pieces = tuple[tuple[str, str], ...]
"""A UI string cut at its placeholders (`UiStrings.pieces`): (text, placeholder after it),
so a template can put a link where the string says `{task}`."""


@dataclass(frozen=True)
class ExampleBanner:
    """The notice at the top of every page of a portal with fictitious places (an example
    project): its places, plans, units and reports are made up."""

    TEMPLATE: ClassVar[str] = "fragments/example_banner.j2"
    text: str


@dataclass(frozen=True)
class DeadlineBadge:
    """A deadline (or a recurring duty) as every page shows it: in words in the page's
    language, and where it stands on the build date, in words (the CSS class of `status`
    colours it too: never colour alone)."""

    phrase: Label
    """`2024年底前` / "by the end of 2024"; a recurrence: 每季度至少1次 / "at least once a
    quarter"."""
    datetime: str
    """Machine-readable, as precise as the phrase (`2024`, `2024-06`, `2024-06-30`); empty
    for a recurrence."""
    status: str
    """`passed`, `soon`, `later` or `ongoing` (`generator.deadlines.DeadlineStatus`)."""
    status_text: str
    """The status in words: 期限已过 / "Deadline passed"."""
    inferred: str = ""
    """The year is not in the source phrase: the note that says so (else empty)."""


@dataclass(frozen=True)
class TaskName:
    """A task as pages name it wherever it is listed: its number and its title
    (`generator.titles.task_title`), printed, translated by the portal, or derived from its
    text by the portal (then marked as derived)."""

    no: str
    """第5条 / "task 5"."""
    title: str
    """Empty when the task has neither title nor text."""
    href: str
    lang: str = ""
    """As `Label.lang`: set when the title is not in the page's language."""
    derived: bool = False
    """The portal derived the title from the task's first sentence; pages say so."""


@dataclass(frozen=True)
class PeriodBadge:
    """Where a plan's implementation period stands on the build date, in words."""

    status: str
    """`upcoming`, `current` or `ended` (`generator.deadlines.PeriodStatus`)."""
    text: str


@dataclass(frozen=True)
class Finder:
    """The unit finder (portal.js): type a unit's name, pinyin or initials, go to its page.
    Its data is one file shared by the trees (`generator.exports.finder`), fetched on first
    use, so the page does not grow with the number of units."""

    data: str
    """Link from the page to the finder's data file."""
    base: str
    """Link from the page to the tree's `units/` folder (unit paths are relative to it)."""
