"""Plan text → safe HTML fragments.

Plan text is data, never markup: every character from YAML is HTML-escaped here, and the
only markup added is ours (links to unit pages, `<mark>` around deadline phrases, `<p>`).
Control characters are dropped so text cannot forge Python-Markdown's stash placeholders
(STX/ETX) when the fragment sits inside a Markdown page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from markupsafe import Markup, escape

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n+")


try:  # markupsafe's C escaper, returning `str`; a private name, hence the fallback
    from markupsafe._speedups import _escape_inner as _escape_str
except ImportError:  # pragma: no cover - pure-Python markupsafe

    def _escape_str(text: str, /) -> str:
        return str(escape(text))


def escaped(value: object) -> str:
    """`markupsafe.escape(value)` as a plain `str`: the same text, without making a `Markup`
    object for every value (markupsafe does that in Python, and a tree of a
    national portal escapes millions of values)."""
    if type(value) is str:
        return _escape_str(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()  # type: ignore[no-any-return]
    return _escape_str(str(value))


def html_format(template: str, /, *args: object, **kwargs: object) -> Markup:
    """`Markup(template).format(...)` without its cost (a third of rendering the English
    tree): `template` is trusted HTML, every value is escaped unless it is markup already.
    Plain ``{}`` / ``{name}`` fields only (no format specs)."""
    values = {key: escaped(value) for key, value in kwargs.items()}
    return Markup(str.format(template, *map(escaped, args), **values))


def clean(text: str) -> str:
    """Drop control characters (keeps tab and newline)."""
    return _CONTROL.sub("", text)


def rich(
    text: str | None,
    links: Mapping[str, str] | None = None,
    marks: Iterable[str] = (),
) -> Markup:
    """Escape `text`, linking each name in `links` (name → href) and marking each phrase.

    Longest names win where they overlap (市安委会各成员单位 before 市安委会).
    """
    text = clean(text or "")
    links = links or {}
    needles = {name: ("a", href) for name, href in links.items() if name}
    for phrase in marks:
        if phrase and phrase not in needles:
            needles[phrase] = ("mark", "")
    present = tuple(sorted((n for n in needles if n in text), key=lambda n: (-len(n), n)))
    if not present:
        return escape(text)
    out: list[str] = []
    pos = 0
    for start, found in _leftmost(text, present):
        out.append(escaped(text[pos:start]))
        tag, href = needles[found]
        if tag == "a":
            out.append(html_format('<a class="pp-unit" href="{}">{}</a>', href, found))
        else:
            out.append(html_format('<mark class="pp-deadline">{}</mark>', found))
        pos = start + len(found)
    out.append(escaped(text[pos:]))
    return Markup("".join(out))  # every part is escaped text or our own markup


def _leftmost(text: str, needles: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """Non-overlapping occurrences, left to right; where several start at one place, the
    first of `needles` wins: what a regex alternation finds, without compiling one for
    each set of names (thousands of distinct sets at national scale)."""
    pos = 0
    while True:
        best: tuple[int, str] | None = None
        for needle in needles:
            at = text.find(needle, pos)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, needle)
        if best is None:
            return
        yield best
        pos = best[0] + len(best[1])


def paragraphs(
    text: str | None,
    links: Mapping[str, str] | None = None,
    marks: Iterable[str] = (),
) -> tuple[Markup, ...]:
    """Blank-line separated paragraphs, each as `rich` HTML (empty text → no paragraphs)."""
    marks = tuple(marks)
    parts = _PARAGRAPH_BREAK.split(clean(text or "").strip())
    return tuple(rich(part.strip(), links, marks) for part in parts if part.strip())
