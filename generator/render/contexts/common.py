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
    """A hidden block of search keys placed after a heading (`docs/search.md`)."""

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
