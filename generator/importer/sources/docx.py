"""Word documents (.docx): paragraphs, tables, and automatic numbering as printed.

Word stores the numbers of automatically numbered paragraphs (一、 （一） 1. ①) not in the
text but as a list definition (numbering.xml) that Word renders while displaying: a naive
extraction loses them, and with them the plan's structure.  Here each numbered paragraph
gets its number rendered the way Word prints it: the level's pattern (`%1、`, `（%1）`,
`%1.%2`) with each counter in its level's format (decimal, chineseCounting, ①…), counters
shared by the lists of one definition, restarted by a start override and by a higher level.

Tracked deletions and field codes are left out; tracked insertions are kept.  Merged table
cells (gridSpan, vMerge) become `None` cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from .document import Block, Extracted, ReadError, Table
from .files import Limits
from .ooxml import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {f"{W}del", f"{W}instrText", f"{W}delInstrText", f"{W}fldChar"}
_SKIP_TREES = {f"{W}del", f"{W}moveFrom", f"{W}footnoteReference", f"{W}drawing", f"{W}pict"}


# --- number formats --------------------------------------------------------------------

_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_number(n: int, digits: str = "零一二三四五六七八九", ten: str = "十") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting)."""
    if n <= 0 or n >= 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    rest, head = n % 100, digits[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + digits[0] + digits[rest]
    return head + digits[rest // 10] + ten + (digits[rest % 10] if rest % 10 else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (unknown formats as decimal)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
        "koreanCounting",
    ):
        return chinese_number(n)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join(_CN[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, _CN_LEGAL, "拾")
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("ideographTraditional",) and 0 < n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord("０") + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


# --- numbering definitions -------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False
    """isLgl: every counter of the pattern printed as decimal (1.2.3)."""
    restart: int | None = None
    """lvlRestart: restart after this level (1-based; 0 = never)."""


@dataclass
class Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """abstractNumId → ilvl → level."""
    nums: dict[str, str] = field(default_factory=dict)
    """numId → abstractNumId."""
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    """numId → ilvl → start override."""
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    """paragraph style id → (numId, ilvl) the style numbers its paragraphs with."""
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """The printed number of the next paragraph of list `num_id` at level `ilvl`."""
        abstract = self.nums.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [0] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                if 0 <= lvl < 10:
                    counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] >= level.start else level.start
        for deeper in range(ilvl + 1, 10):
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or restart - 1 <= ilvl):
                counters[deeper] = 0
        out = level.text
        for lvl in range(9, -1, -1):
            token = f"%{lvl + 1}"
            if token in out:
                sub = levels.get(lvl, _Level())
                value = counters[lvl] if counters[lvl] else sub.start
                fmt = "decimal" if level.legal and lvl != ilvl else sub.fmt
                out = out.replace(token, format_number(value, fmt))
        return out


def _val(el: ET.Element | None, default: str | None = None) -> str | None:
    return el.get(f"{W}val", default) if el is not None else default


def read_numbering(numbering: ET.Element | None, styles: ET.Element | None) -> Numbering:
    num = Numbering()
    if numbering is not None:
        for abstract in numbering.iter(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId", "")
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0") or 0)
                restart = _val(lvl.find(f"{W}lvlRestart"))
                levels[ilvl] = _Level(
                    start=int(_val(lvl.find(f"{W}start"), "1") or 1),
                    fmt=_val(lvl.find(f"{W}numFmt"), "decimal") or "decimal",
                    text=_val(lvl.find(f"{W}lvlText"), "") or "",
                    legal=lvl.find(f"{W}isLgl") is not None,
                    restart=int(restart) if restart and restart.isdigit() else None,
                )
            num.levels[aid] = levels
        for n in numbering.iter(f"{W}num"):
            nid = n.get(f"{W}numId", "")
            num.nums[nid] = _val(n.find(f"{W}abstractNumId"), "") or ""
            for override in n.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    ilvl = int(override.get(f"{W}ilvl", "0") or 0)
                    num.overrides.setdefault(nid, {})[ilvl] = int(_val(start, "1") or 1)
    if styles is not None:
        for style in styles.iter(f"{W}style"):
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                nid = _val(numpr.find(f"{W}numId"))
                ilvl = int(_val(numpr.find(f"{W}ilvl"), "0") or 0)
                if nid:
                    num.style_num[style.get(f"{W}styleId", "")] = (nid, ilvl)
    return num


# --- document body ---------------------------------------------------------------------


def _text(el: ET.Element) -> str:
    """Visible text of a paragraph (or cell), in order."""
    out: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP_TREES or tag in _SKIP:
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}sym":
                out.append("")
            else:
                walk(child)

    walk(el)
    return "".join(out)


class _Body:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.numbered = 0

    def paragraph(self, p: ET.Element) -> str:
        text = _text(p)
        ppr = p.find(f"{W}pPr")
        ref: tuple[str, int] | None = None
        if ppr is not None:
            numpr = ppr.find(f"{W}numPr")
            style = _val(ppr.find(f"{W}pStyle"))
            if numpr is not None:
                nid = _val(numpr.find(f"{W}numId"))
                ilvl = _val(numpr.find(f"{W}ilvl"))
                if nid is None and style in self.numbering.style_num:
                    nid = self.numbering.style_num[style][0]
                if ilvl is None and style in self.numbering.style_num:
                    ilvl = str(self.numbering.style_num[style][1])
                if nid and nid != "0":
                    ref = (nid, int(ilvl or 0))
            elif style in self.numbering.style_num:
                ref = self.numbering.style_num[style]
        if ref and text.strip():
            label = self.numbering.label(*ref)
            if label:
                self.numbered += 1
                return label + text.lstrip()
        return text

    def table(self, tbl: ET.Element) -> Table:
        rows: list[list[str | None]] = []
        for tr in tbl.findall(f"{W}tr"):
            row: list[str | None] = []
            for tc in tr.findall(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = int(_val(tcpr.find(f"{W}gridSpan"), "1") or 1) if tcpr is not None else 1
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                continued = vmerge is not None and _val(vmerge, "continue") != "restart"
                paras = [self.paragraph(p) for p in tc.iter(f"{W}p")]
                text = "\n".join(t.strip() for t in paras if t.strip())
                row.append(None if continued else text)
                row.extend([None] * (max(span, 1) - 1))
            rows.append(row)
        return Table(rows)

    def blocks(self, container: ET.Element) -> list[Block]:
        out: list[Block] = []
        for child in container:
            if child.tag == f"{W}p":
                for line in self.paragraph(child).split("\n"):
                    out.append(line)
            elif child.tag == f"{W}tbl":
                out.append(self.table(child))
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
                out.extend(self.blocks(child))
        return out


def read_docx(path: Path, limits: Limits) -> Extracted:
    pkg = Package(path, limits, "Word (.docx)")
    document = pkg.xml("word/document.xml")
    if document is None:
        raise ReadError(f"{path}: not a Word document (no word/document.xml inside)")
    numbering = read_numbering(pkg.xml("word/numbering.xml"), pkg.xml("word/styles.xml"))
    body = document.find(f"{W}body")
    reader = _Body(numbering)
    blocks = reader.blocks(body) if body is not None else []
    notes = []
    if reader.numbered:
        notes.append(f"automatic numbers rendered as printed: {reader.numbered} paragraphs")
    return Extracted(blocks, "docx", notes)
