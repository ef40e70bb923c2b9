"""Every feed and calendar the build writes is read back before the build may succeed.

Readers subscribe to Atom feeds (`changes/feed.xml`, one per unit) and iCalendar files
(`data/ics/…`); one malformed file (a control character from a plan revision made
`changes/feed.xml` unreadable while the build reported success) breaks them silently and
for good. The loader refuses such characters; this is the last check, on the bytes
written: Atom is parsed with expat, iCalendar against RFC 5545's line syntax (content lines
of at most 75 octets ending in CRLF, no control characters, balanced BEGIN/END).
"""

from __future__ import annotations

import re
from xml.parsers import expat


class MalformedFeed(Exception):
    """A feed or calendar the build made does not parse: the build stops (a bug; the MkDocs
    shell reports it as a `PluginError`, so the core stays engine-independent)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(
            f"planportal: {path} is not valid ({reason}); the site was not built. "
            "This is a bug in planportal: please report it with the plan files involved."
        )
        self.path, self.reason = path, reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # sent back from helpers
        return (type(self), (self.path, self.reason))


def verify(path: str, content: bytes) -> None:
    """Raise `MalformedFeed` unless `content` parses as what `path` says it is (`.xml`:
    XML, `.ics`: iCalendar); other files pass."""
    if path.endswith(".xml"):
        reason = _xml_problem(content)
    elif path.endswith(".ics"):
        reason = _ics_problem(content)
    else:
        return
    if reason:
        raise MalformedFeed(path, reason)


def _xml_problem(content: bytes) -> str | None:
    parser = expat.ParserCreate()
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        what = expat.errors.messages[exc.code]
        return f"XML error at line {exc.lineno}, column {exc.offset + 1}: {what}"
    return None


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""RFC 5545's CONTROL characters but tab, CR and LF (those only end lines)."""
_BARE_BREAK = re.compile(rb"\r(?!\n)|(?<!\r)\n")
_LINE = rb"(?:[A-Za-z0-9-]+(?:;[^\r\n:]*)?:[^\r\n]*|[ \t][^\r\n]*)\r\n"
_LINES = re.compile(rb"(?:" + _LINE + rb")+")
_BLOCK = re.compile(rb"^(BEGIN|END):([A-Za-z-]+)\r$", re.M)


def _ics_problem(content: bytes) -> str | None:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 at byte {exc.start}"
    bad = _CONTROL.search(content)
    breaks = content.count(b"\r\n")
    if bad is None and not content.count(b"\r") == content.count(b"\n") == breaks:
        bad = _BARE_BREAK.search(content)  # a CR or LF on its own (rare: looked for only then)
    if bad is not None:
        return f"line {_line_of(content, bad.start())}: control character U+{bad.group()[0]:04X}"
    if _LINES.fullmatch(content) is None:
        matched = _LINES.match(content)
        at = matched.end() if matched else 0
        return f"line {_line_of(content, at)}: not a content line (NAME;PARAMS:VALUE + CRLF)"
    lines = content.split(b"\r\n")
    if max(map(len, lines)) > 75:
        number = next(n for n, line in enumerate(lines, 1) if len(line) > 75)
        return f"line {number}: longer than 75 octets (not folded)"
    return _blocks_problem(content)


def _blocks_problem(content: bytes) -> str | None:
    stack: list[bytes] = []
    for found in _BLOCK.finditer(content):
        kind, name = found.group(1), found.group(2).upper()
        if kind == b"BEGIN":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return f"line {_line_of(content, found.start())}: END:{name.decode()} unmatched"
        if not stack and found.end() + 1 != len(content):
            return f"line {_line_of(content, found.end() + 1)}: text after END:VCALENDAR"
    if stack or not content.startswith(b"BEGIN:VCALENDAR\r\n"):
        return "not one VCALENDAR from BEGIN to END"
    return None


def _line_of(content: bytes, offset: int) -> int:
    return content.count(b"\n", 0, offset) + 1
