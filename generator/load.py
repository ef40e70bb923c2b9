"""Load YAML safely, keeping the source position of every node.

Why not `yaml.safe_load`: it forgets positions, silently keeps the last of two duplicate
keys, turns `no` into False and `2024-03-08` into a date, and expands alias bombs.  Here
plain scalars follow the YAML 1.2 core schema except that dates stay text (the model
parses them), and anything unusual becomes a located `Problem`.
"""

from __future__ import annotations

import re
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple, Protocol

import yaml
from pydantic import BaseModel, ValidationError

from .errors import Problem, Severity, did_you_mean, offering
from .paths import Folder, Refused, read_bounded

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Plans are tens of KB; a larger file is almost certainly a mistake (or an attack)."""
MAX_NODES = 500_000
"""Upper bound on nodes after alias expansion: stops billion-laughs documents early."""
MAX_EXPANDED_CHARS = MAX_FILE_BYTES
"""Upper bound on the characters of a file's values and keys after alias expansion: an
anchored text referenced many times must not hold more than the largest file could (one
such file built a site of hundreds of megabytes)."""
MAX_PROJECT_ALIAS_CHARS = 16 * 1024 * 1024
"""Upper bound on the characters aliases add in all files of a project together: 500 files
each under `MAX_EXPANDED_CHARS` could still add gigabytes."""
MAX_DEPTH = 64
"""Upper bound on nesting (lists and mappings inside each other): a plan needs about 10
levels; a value such as `[[[[…]]]]` 500 levels deep would exhaust Python's stack."""

YamlPath = tuple[str | int, ...]
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}
_RESOLVER = yaml.resolver.Resolver()
_TYPED_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k)
"""First characters of values an implicit resolver may type (`None`, a wildcard, has none)."""
assert None not in _RESOLVER.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_nfc = unicodedata.normalize
_BIDI = "\u202a-\u202e\u2066-\u2069"
"""Embeddings, overrides and isolates: they reorder how the text around them is shown, so
what a reviewer reads differs from what is published ("Trojan Source")."""
_INVISIBLE = "\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\ufeff"
"""Zero-width and invisible format characters with no use in plan text (zero-width
joiners are left alone: scripts such as Mongolian need them); names are compared without
them (`registry.normalise`), elsewhere they are flagged."""
_SUSPECT = re.compile(f"[{_BIDI}{_INVISIBLE}]")
_BIDI_CHARS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_ESCAPED = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_BIDI}{_INVISIBLE}]"
)
"""What a double-quoted string may hold through escapes (`"\\e"`, `"\\x80"`, `"\\ud800"`) but
a file may not hold as it is: control characters (tab and line feed excepted), surrogates,
non-characters, and the characters above. Feeds, calendars and spreadsheets cannot carry
them."""
_YAML11_READINGS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


class Mark(NamedTuple):
    """1-based position of a node."""

    line: int
    col: int


Position = tuple[int, int]
"""A `Mark` as stored for every node: a plain tuple (a plan file has ~2,000 nodes, a
national portal a million; plain tuples are the cheapest to make and to send between
processes)."""


class Positions(Protocol):
    """Where the parts of one file are, by YAML path: a `LoadedYaml`, or a filled-in
    spreadsheet whose rows are read as a progress file (`reports.readback`)."""

    @property
    def LINE(self) -> str:
        """What messages call a position (`line`; a spreadsheet has rows)."""
        ...

    @property
    def path(self) -> str: ...

    def where(self, path: YamlPath, *, key: bool = False) -> Mark: ...

    def problem(
        self,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Problem: ...


@dataclass(frozen=True)
class LoadedYaml:
    """Plain data (dict/list/str/int/float/bool/None) plus where each part came from."""

    LINE: ClassVar[str] = "line"
    path: str
    data: Any
    marks: dict[YamlPath, Position]
    key_marks: dict[YamlPath, Position]
    ambiguous: dict[YamlPath, str] = field(default_factory=dict)
    """Plain scalars kept as text here that YAML 1.1 tools read as something else."""
    alias_chars: int = 0
    """About how many characters alias expansion added (values and keys beyond the text's
    own length; 0 without aliases)."""

    def where(self, path: YamlPath, *, key: bool = False) -> Mark:
        """Position of `path`, or of its nearest ancestor that has one."""
        table = self.key_marks if key else self.marks
        for end in range(len(path), -1, -1):
            mark = table.get(path[:end]) or self.marks.get(path[:end])
            if mark:
                return Mark(*mark)
        return Mark(1, 1)

    def problem(
        self,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Problem:
        mark = self.where(path, key=key)
        return Problem(self.path, mark.line, mark.col, code, message, hint, severity)  # type: ignore[arg-type]


class _Converter:
    """Turns a composed node tree into plain data, recording marks and problems."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text
        """The document's text, to tell escaped characters from ones written as they are."""
        self.marks: dict[YamlPath, Position] = {}
        self.key_marks: dict[YamlPath, Position] = {}
        self.problems: list[Problem] = []
        self.ambiguous: dict[YamlPath, str] = {}
        self.visited = 0
        self.chars = 0
        """Characters of keys and values, aliases expanded (`_CarefulConverter` counts)."""

    def _mark(self, node: yaml.Node) -> Mark:
        start = node.start_mark
        return Mark(start.line + 1, start.column + 1)

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> None:
        m = self._mark(node)
        self.problems.append(Problem(self.path, m.line, m.col, code, message, hint))

    def convert(self, node: yaml.Node, path: YamlPath = ()) -> Any:
        """Called for every node (a million at national scale): kept to plain operations."""
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _Refused(node, *_TOO_MANY_NODES)
        start = node.start_mark
        self.marks[path] = (start.line + 1, start.column + 1)
        if node.tag not in _STANDARD_TAGS:
            return self._custom_tag(node)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self._scalar(node, path)
        if len(path) >= MAX_DEPTH:
            raise _Refused(node, *_TOO_DEEP)
        if kind is yaml.MappingNode:
            return self._mapping(node, path)
        return [self.convert(child, (*path, i)) for i, child in enumerate(node.value)]

    def _custom_tag(self, node: yaml.Node) -> None:
        if node.tag.startswith("tag:yaml.org,2002:"):
            self._problem(
                node,
                "custom-tag",
                f"YAML tag {node.tag} is not allowed",
                "only strings, numbers, booleans, lists and mappings are accepted",
            )
        else:
            self._problem(
                node,
                "custom-tag",
                f"custom YAML tag {node.tag} is not allowed",
                "plan files hold plain data; remove the tag",
            )

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                self._problem(key_node, "bad-key", "mapping keys must be plain names")
                continue
            key = _nfc("NFC", str(key_node.value))
            start = key_node.start_mark
            key_mark = (start.line + 1, start.column + 1)
            if key in first_seen:
                self._problem(
                    key_node,
                    "duplicate-key",
                    f"duplicate key `{key}`",
                    f"first defined at line {first_seen[key][0]}; keep one of them",
                )
                continue
            first_seen[key] = key_mark
            where = (*path, key)
            self.key_marks[where] = key_mark
            out[key] = self.convert(value_node, where)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        raw = node.value
        text = _nfc("NFC", raw)
        if node.style:  # quoted or block: always text
            return text
        if node.tag == _STR and not (_maybe_typed(raw) or _maybe_typed(text)):
            return text  # most values: no YAML version reads them as anything but text
        if node.tag == _STR and _implicit_tag(raw) != _STR:  # written `!!str 2024`
            return text
        value = _plain_value(text)
        reading = _YAML11_READINGS.get(node.tag)
        if reading and isinstance(value, str):
            self.ambiguous[path] = reading
        return value


class _CarefulConverter(_Converter):
    """The converter for a document that may repeat values through aliases, write refused
    characters through escapes, or hold merge keys (`_careful`): it also counts the
    characters of keys and values as expanded, checks double-quoted strings and refuses
    merge keys. Most files need none of it and are converted without the extra work."""

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        kept = []
        for key_node, value_node in node.value:
            if type(key_node) is yaml.ScalarNode:
                if key_node.tag == _MERGE:
                    self._problem(
                        key_node,
                        "merge-key",
                        "YAML merge keys (`<<`) are not supported (YAML 1.2 has none, and "
                        "tools disagree on them)",
                        "write the fields out here (an alias of a whole value, `*name`, works)",
                    )
                    continue
                self._count(key_node)
            kept.append((key_node, value_node))
        if len(kept) != len(node.value):
            node = yaml.MappingNode(node.tag, kept, node.start_mark, node.end_mark)
        return super()._mapping(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        self._count(node)
        return super()._scalar(node, path)

    def _count(self, node: yaml.ScalarNode) -> None:
        value = node.value
        self.chars += len(value)
        if self.chars > MAX_EXPANDED_CHARS:
            raise _Refused(node, *_TOO_MANY_CHARS)
        if node.style == '"' and _ESCAPED.search(value):  # escapes may write anything
            self._escaped(node, _nfc("NFC", value))

    def _escaped(self, node: yaml.Node, value: str) -> None:
        """Characters a double-quoted string holds through escapes that it may not hold
        (those written as they are were reported from the text, `_suspect_characters`)."""
        written = self.text[node.start_mark.index : node.end_mark.index]
        for found in _ESCAPED.finditer(value):
            char = found.group()
            if _SUSPECT.match(char) and char in written:
                continue
            code, message, hint = _character_problem(char, escaped=True)
            mark = self._mark(node)
            self.problems.append(Problem(self.path, *mark, code, message, hint, _severity(code)))
            if code != "invisible-character":
                return  # one error per string is enough


def _careful(text: str) -> bool:
    """Whether `text` may hold what only `_CarefulConverter` deals with: an anchor (then
    aliases can repeat it), an escape that writes a refused character, a merge key."""
    anchor = "&" in text and any(
        found.start() == 0 or text[found.start() - 1] in _BEFORE_ANCHOR
        for found in _AMPERSAND.finditer(text)
    )
    return anchor or "<<" in text or ("\\" in text and bool(_ESCAPE.search(text)))


_AMPERSAND = re.compile(r"&[^\s\[\]{},]")
_BEFORE_ANCHOR = frozenset(" \t\n[{,:")
_ESCAPE = re.compile(r"\\[0abvfreNxuU]")


def _plain_value(text: str) -> Any:
    """A plain scalar read the YAML 1.2 way (dates stay text)."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _maybe_typed(value: str) -> bool:
    """Whether YAML could resolve plain `value` as other than text: only values that are
    empty or start with one of a few characters (digits, signs, `n`, `t`, `~` …) can."""
    return not value or value[0] in _TYPED_FIRST


@lru_cache(maxsize=1 << 14)  # the same values (dates, names, ids) recur across plans
def _implicit_tag(value: str) -> str:
    """The tag YAML would give `value` written plain."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-any-return]


class _FastResolving(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader, resolving tags as PyYAML does but without its regular expressions
    for values that cannot match them (a million calls for a national portal)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and _maybe_typed(value):
                return _implicit_tag(value)
            return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG  # type: ignore[no-any-return]
        return self.DEFAULT_MAPPING_TAG  # type: ignore[no-any-return]


class _Refused(Exception):
    """The document is refused as a whole at `node` (or at `mark`, before nodes exist)."""

    def __init__(
        self,
        node: yaml.Node | None,
        code: str,
        message: str,
        hint: str,
        mark: Mark | None = None,
    ) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint
        if node is not None:
            mark = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        self.mark = mark or Mark(1, 1)

    def problem(self, display: str) -> Problem:
        return Problem(display, *self.mark, self.code, self.message, self.hint)


_TOO_MANY_NODES = (
    "alias-bomb",
    f"document expands to more than {MAX_NODES:,} nodes",
    "YAML anchors/aliases are expanded; do not nest them",
)
_TOO_MANY_CHARS = (
    "alias-bomb",
    f"document expands to more than {MAX_EXPANDED_CHARS:,} characters when its YAML aliases "
    "are expanded (the limit for one file)",
    "the anchor (&name) here is referenced (*name) too often: write the text out once",
)
_TOO_DEEP = (
    "too-deep",
    f"values are nested more than {MAX_DEPTH} levels deep",
    "plan and data files need about 10 levels; remove the extra brackets or indentation",
)


_REFUSAL_HINTS = {
    "not-a-file": "plan and data files must be regular files; replace it by one or remove it",
    "missing": "plan and data files must be regular files; replace it by one or remove it",
    "outside-folder": "symbolic links may only point within the folder; copy the file in instead",
    "file-too-large": "split the plan or remove pasted binary data",
}


def read_text(
    path: Path, display: str, within: Folder | None = None
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (BOM and CRLF accepted) with size and encoding checks; only a
    regular file (inside `within`, when given) is read, its size checked first."""
    outside = within.outside(path) if within is not None else None
    got = outside or read_bounded(path, MAX_FILE_BYTES)
    if isinstance(got, Refused):
        problem = Problem(
            display, 1, 1, got.code, f"file {got.reason}", _REFUSAL_HINTS.get(got.code)
        )
        return None, [problem]
    return decode_text(got, display)


def decode_text(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of `raw` (BOM and CRLF accepted), or a located encoding problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                "encoding",
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save the file as UTF-8 (GBK/GB18030 files must be converted)",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


_FAST_LOADER = _FastResolving if hasattr(yaml, "CSafeLoader") else None
"""libyaml's parser: the same nodes and positions as the pure-Python one, several times
faster (parsing was most of loading a project: bench/RESULTS.md).  Its error messages
differ, so a document it rejects is parsed again by the pure-Python parser, whose messages
users see."""


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    try:  # PyYAML's own composer recurses once per level: deep nesting exhausts the stack
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise _Refused(None, *_TOO_DEEP, mark=_too_deep_at(text)) from None


def _too_deep_at(text: str) -> Mark:
    """Where nesting first goes deeper than `MAX_DEPTH` (PyYAML's parser, unlike its
    composer, keeps its state in a list: it reads any depth)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Mark(1, 1)


def parse_yaml(text: str, display: str) -> tuple[LoadedYaml | None, list[Problem]]:
    """Parse YAML text into `LoadedYaml`; syntax problems come back located."""
    try:
        node = _compose(text)
    except _Refused as refused:
        return None, [refused.problem(display)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, text)]
    except yaml.reader.ReaderError as exc:  # control characters such as NUL
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                "control-character",
                f"control character U+{exc.character:04X} is not allowed in YAML",
                "delete it (it is invisible in most editors)",
            )
        ]
    except yaml.YAMLError as exc:  # unmarked errors are rare; still no traceback
        return None, [Problem(display, 1, 1, "yaml-syntax", f"invalid YAML: {exc}")]
    if node is None:
        return LoadedYaml(display, None, {(): (1, 1)}, {}), []
    conv = (_CarefulConverter if _careful(text) else _Converter)(display, text)
    try:
        data = conv.convert(node)
    except _Refused as refused:
        return None, [refused.problem(display)]
    added = max(0, conv.chars - len(text))  # 0 unless counted: no aliases without anchors
    loaded = LoadedYaml(display, data, conv.marks, conv.key_marks, conv.ambiguous, added)
    suspect = _suspect_characters(text, display) if _SUSPECT.search(text) else []
    return loaded, [*suspect, *conv.problems]


MAX_CHARACTER_PROBLEMS = 20
"""Bidi controls and invisible characters reported per file, at most (one per line)."""


def _suspect_characters(text: str, display: str) -> list[Problem]:
    """Bidi controls (errors) and invisible characters (warnings) written as they are, in
    values, keys or comments (a bidi control in a comment misleads reviewers as well)."""
    out: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    for found in _SUSPECT.finditer(text):
        start = found.start()
        line = text.count("\n", 0, start) + 1
        code, message, hint = _character_problem(found.group(), escaped=False)
        if (line, code) in seen:  # one of each kind per line
            continue
        seen.add((line, code))
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        out.append(Problem(display, line, col, code, message, hint, _severity(code)))
        if len(out) >= MAX_CHARACTER_PROBLEMS:
            break
    return out


def _severity(code: str) -> Severity:
    """Invisible characters are flagged; every other character problem is an error."""
    return "warning" if code == "invisible-character" else "error"


def _character_problem(char: str, *, escaped: bool) -> tuple[str, str, str]:
    """(code, message, hint) for a character a plan or data file must not hold."""
    point = ord(char)
    name = unicodedata.name(char, "")
    shown = f"U+{point:04X}" + (f" ({name})" if name else "")
    how = " (written as an escape in a quoted string)" if escaped else ""
    if char in _BIDI_CHARS:
        return (
            "bidi-control",
            f"bidirectional control character {shown} is not allowed{how}",
            "it reorders how the text around it is shown, so readers see other text than "
            "reviewers did; delete it",
        )
    if _SUSPECT.match(char):
        return (
            "invisible-character",
            f"invisible character {shown}{how}",
            "delete it unless it is intended (names are compared without it)",
        )
    if 0xD800 <= point <= 0xDFFF or unicodedata.category(char) == "Cn":
        what = "a lone surrogate" if point <= 0xDFFF else "a non-character"
        return (
            "control-character",
            f"{shown} is not a character ({what}){how}",
            "write the character itself in the file (saved as UTF-8)",
        )
    return (
        "control-character",
        f"control character {shown} is not allowed{how}",
        "delete the escape: pages, feeds and spreadsheets cannot carry control characters",
    )


def load_yaml(
    path: Path, display: str | None = None, within: Folder | None = None
) -> tuple[LoadedYaml | None, list[Problem]]:
    """Read and parse one YAML file. `display` is the path shown in messages; `within`, the
    folder of the project it must be inside (after following symlinks)."""
    shown = display or str(path)
    text, problems = read_text(path, shown, within)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


class Locator:
    """Problems at YAML paths of project files named by their display path: at the node
    when the file is loaded, at line 1 when it is not (it failed to load, or the data came
    from elsewhere). Files are given, or read from `root` when first asked for."""

    def __init__(self, files: Iterable[LoadedYaml] = (), root: Path | None = None) -> None:
        self._files: dict[str, LoadedYaml | None] = {loaded.path: loaded for loaded in files}
        self._root = root

    def loaded(self, file: str) -> LoadedYaml | None:
        """The file shown as `file`, read from `root` the first time (None when unreadable)."""
        if file not in self._files and self._root is not None:
            path = self._root / file
            self._files[file] = load_yaml(path, file)[0] if path.is_file() else None
        return self._files.get(file)

    def problem(
        self,
        file: str,
        path: YamlPath,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> Problem:
        loaded = self.loaded(file)
        if loaded is None:
            return Problem(file, 1, 1, code, message, hint, severity)
        return loaded.problem(path, code, message, hint, key=key, severity=severity)


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    unclosed = _unclosed_quote(text, line)
    if unclosed and unclosed[0] < line:
        # the parser notices an unclosed quote only lines later: point at the quote itself
        q_line, q_col = unclosed
        return Problem(
            display,
            q_line,
            q_col,
            "yaml-syntax",
            "YAML syntax error: this quoted string is not closed",
            f"the parser lost track at line {line}; add the closing quote",
        )
    flow = exc.context_mark if "while parsing a flow" in context else None
    if flow is not None and flow.line + 1 < line:
        kind = "list [" if "sequence" in context else "mapping {"
        closer = "]" if "sequence" in context else "}"
        return Problem(
            display,
            flow.line + 1,
            flow.column + 1,
            "yaml-syntax",
            f"YAML syntax error: this {kind}… is not closed",
            f"add `{closer}` at the end of the line",
        )
    return Problem(
        display,
        line,
        col,
        "yaml-syntax",
        f"YAML syntax error:{context} {what}".strip(),
        _syntax_hint(what, context),
    )


def _syntax_hint(what: str, context: str) -> str | None:
    if "\\t" in what:
        return "indent with spaces, not tabs"
    if "found unexpected end of stream" in what or "quoted scalar" in context:
        return "a quoted string is not closed"
    if "mapping values are not allowed" in what:
        return "check the indentation, or quote text that contains ': '"
    if "expected <block end>" in what:
        return "check the indentation of this line against the lines above"
    return None


def _unclosed_quote(text: str, upto: int) -> tuple[int, int] | None:
    """First line before `upto` whose value opens a quote it does not close (heuristic)."""
    for number, line in enumerate(text.splitlines()[:upto], start=1):
        value = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
        stripped = value.lstrip()
        if stripped[:1] in ("'", '"'):
            quote = stripped[0]
            body = stripped[1:].replace(quote * 2, "") if quote == "'" else stripped[1:]
            if quote not in body.replace('\\"', ""):
                return number, len(line) - len(stripped) + 1
    return None


# --- typed records --------------------------------------------------------------------------

M = typing.TypeVar("M", bound=BaseModel)
_ID_HINT = "ids are lowercase ASCII letters, digits and hyphens (they appear in URLs)"


def validate_as(
    loaded: LoadedYaml, model: type[M], path: YamlPath = ()
) -> tuple[M | None, list[Problem]]:
    """Validate `loaded.data` (or the part at `path`) as `model`; every error located."""
    data = loaded.data
    for part in path:
        data = data[part]
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        return None, [
            loaded.problem(path, "wrong-type", f"expected a mapping of fields, found {found}")
        ]
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        deeper = [tuple(e["loc"]) for e in errors if e["type"] != "too_short"]
        return None, [
            _located(loaded, model, path, err)
            for err in errors
            # a list whose elements failed also reports "too short": the element errors suffice
            if not (
                err["type"] == "too_short"
                and any(d[: len(err["loc"])] == tuple(err["loc"]) for d in deeper)
            )
        ]
    problems = list(_ambiguous_text(loaded, record, path))
    return (None if problems else record), problems


def _ambiguous_text(loaded: LoadedYaml, record: BaseModel, base: YamlPath) -> Iterator[Problem]:
    """Text written so that other YAML tools (YAML 1.1: PyYAML, many editors) misread it."""
    for where, reading in loaded.ambiguous.items():
        if where[: len(base)] != base:
            continue
        value = _value_at(record, where[len(base) :])
        if isinstance(value, str):
            yield loaded.problem(
                where,
                "ambiguous-scalar",
                f"`{where[-1]}`: {value!r} is read as {reading} by other YAML tools",
                f'write it in quotes: "{value}"',
            )


def _value_at(obj: object, path: YamlPath) -> object:
    for part in path:
        try:
            obj = obj[part] if isinstance(part, int) else getattr(obj, str(part))  # type: ignore[index]
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
    return obj


def _located(loaded: LoadedYaml, model: type[BaseModel], base: YamlPath, err: Any) -> Problem:
    loc: YamlPath = (*base, *err["loc"])
    kind = err["type"]
    name = str(err["loc"][-1]) if err["loc"] else "document"
    value = err.get("input")
    if kind == "extra_forbidden":
        known = _fields_at(model, err["loc"][:-1])
        hint = _field_hint(name, known, model, err["loc"][:-1])
        return loaded.problem(loc, "unknown-field", f"unknown field `{name}`", hint, key=True)
    if kind == "missing":
        return loaded.problem(
            loc[:-1], "missing-field", f"missing required field `{name}`", key=True
        )
    shown = _show(value)
    if kind == "string_pattern_mismatch":
        return loaded.problem(loc, "invalid-id", f"`{name}`: invalid id {shown}", _ID_HINT)
    if kind.startswith(("date_", "datetime_")):
        return loaded.problem(
            loc,
            "invalid-date",
            f"`{name}`: {shown} is not a valid date ({_date_reason(kind, value, err['msg'])})",
            "write dates as YYYY-MM-DD",
        )
    if kind in ("enum", "literal_error"):
        return loaded.problem(
            loc,
            "invalid-value",
            f"`{name}`: {shown} is not allowed",
            err["msg"].replace("Input should be", "expected"),
        )
    if kind == "too_short":
        return loaded.problem(
            loc,
            "empty-value",
            f"`{name}` must not be empty",
            "a plan needs at least one chapter with its text",
        )
    if kind == "string_too_short":
        return loaded.problem(loc, "empty-value", f"`{name}` must not be empty")
    expected = _EXPECTED.get(kind) or err["msg"].replace("Input should", "should")
    return loaded.problem(loc, "wrong-type", f"`{name}`: {expected}, got {shown}")


_EXPECTED = {
    "tuple_type": "should be a list",
    "list_type": "should be a list",
    "dict_type": "should be a mapping of fields",
    "model_type": "should be a mapping of fields",
    "model_attributes_type": "should be a mapping of fields",
    "string_type": "should be text",
    "bool_type": "should be true or false",
}
"""Plain words for pydantic's (`should be a valid tuple`: YAML has lists)."""
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_reason(kind: str, value: object, message: str) -> str:
    """Why `value` is not a date, in plain words (not pydantic's: `input is too short`
    for 明年, `Datetimes provided to dates should have zero time`)."""
    if kind == "date_number":
        return message
    if kind == "date_from_datetime_inexact":
        return "it has a time of day"
    if isinstance(value, str) and _DAY.match(value):  # e.g. month 13, February 30
        return message.split(",")[-1].strip()
    if isinstance(value, str):
        return "not in the form YYYY-MM-DD"
    return "a date is written YYYY-MM-DD"


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model found at `loc` inside `model` (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if _is_model(current) else []


def _is_model(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_hint(name: str, known: list[str], model: type[BaseModel], loc: tuple) -> str:
    """Suggest a field here, or one level down (`lead_unit` → `responsibility.lead`)."""
    here = did_you_mean(name, known, limit=1, cutoff=0.6)
    if here:
        return here
    nested = {f"{field}.{sub}": sub for field in known for sub in _fields_at(model, (*loc, field))}
    stem = name.split("_")[0]
    below = [
        dotted
        for dotted, sub in nested.items()
        if sub == stem or did_you_mean(name, [sub], cutoff=0.75)
    ]
    return offering(below[:1]) or f"known fields: {', '.join(known)}"
