"""PDF with a text layer, through PDFium (pypdfium2): reading order, running heads and page
numbers removed, lines joined into paragraphs by their geometry.

PDFium gives each page's text in reading order with its line breaks, and the box of every
character.  From the first and last character of each line this reader knows where the line
starts and ends:

- a line at the top or bottom of a page is a running head/foot when it is a page number
  (`— 3 —`, `- 3 -`, `第3页 共10页`, `3/10`, `3`) or when the same text (digits aside) stands
  there on at least half of the pages (three at least);
- a line continues into the next when it reaches the right margin and the next one is not
  indented: a line that stops short, or a next line indented by the first-line indent, ends
  a paragraph.  Lines PDFium splits on one baseline are joined back.

Why PDFium: measured in bench/RESULTS.md on CJK documents against pdfminer.six and pypdf (all
three extract the same characters from these files; PDFium is by far the fastest).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..markers import starts_block
from .document import Extracted, ReadError
from .files import Limits

_PAGE_NO = re.compile(
    r"^[-—–－_~·•\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?"
    r"[-—–－_~·•\s]*$"
)
_DIGITS = re.compile(r"\d+")
_TERMINAL = "。！？；：!?;:）)"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    y: float
    h: float


def _page_lines(page: Any) -> list[_Line]:  # a pypdfium2 PdfPage
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        lines: list[_Line] = []
        start = 0
        for piece in text.split("\r\n") if "\r\n" in text else text.split("\n"):
            end = start + len(piece)
            stripped = piece.strip()
            if stripped:
                lead = start + (len(piece) - len(piece.lstrip()))
                tail = start + len(piece.rstrip()) - 1
                left, bottom, _, top = textpage.get_charbox(lead)
                _, _, right, _ = textpage.get_charbox(tail)
                lines.append(_Line(stripped, left, right, bottom, max(top - bottom, 1.0)))
            start = end + 2 if "\r\n" in text else end + 1
        return _same_baseline(lines)
    finally:
        textpage.close()


def _same_baseline(lines: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev and abs(prev.y - line.y) < 0.5 * min(prev.h, line.h) and line.x0 >= prev.x1 - 1:
            gap = " " if line.x0 - prev.x1 > prev.h * 0.6 else ""
            out[-1] = _Line(prev.text + gap + line.text, prev.x0, line.x1, prev.y, prev.h)
        else:
            out.append(line)
    return out


def _running(pages: list[list[_Line]]) -> tuple[set[tuple[int, int]], int]:
    """(page, line) positions of running heads/feet and page numbers; count of page numbers."""
    drop: set[tuple[int, int]] = set()
    numbers = 0
    edges: Counter[tuple[str, str]] = Counter()
    for lines in pages:
        for where, idx in (("top", 0), ("bottom", -1)):
            if lines:
                edges[(where, _DIGITS.sub("#", lines[idx].text))] += 1
    repeat = max(3, (len(pages) + 1) // 2)
    for p, lines in enumerate(pages):
        for where, positions in (("top", (0, 1)), ("bottom", (-1, -2))):
            for idx in positions:
                if not lines or abs(idx) > len(lines) or (idx in (1, -2) and len(lines) < 4):
                    continue
                i = idx % len(lines)
                text = lines[i].text
                if _PAGE_NO.match(text):
                    drop.add((p, i))
                    numbers += 1
                elif idx in (0, -1) and edges[(where, _DIGITS.sub("#", text))] >= repeat:
                    drop.add((p, i))
    return drop, numbers


def _paragraphs(pages: list[list[_Line]], drop: set[tuple[int, int]]) -> list[str]:
    body = [ln for p, lines in enumerate(pages) for i, ln in enumerate(lines) if (p, i) not in drop]
    if not body:
        return []
    char = sorted(ln.h for ln in body)[len(body) // 2]
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in body)
    right = rights[int(len(rights) * 0.9)]
    out: list[str] = []
    current = ""
    prev: _Line | None = None
    for line in body:
        continues = (
            prev is not None
            and prev.x1 >= right - 1.5 * char
            and line.x0 <= left + 0.6 * char
            and prev.x0 <= left + 3 * char  # a centred or right-aligned line stands alone
            # a full line ending a sentence, then a numbered line: a new paragraph even
            # without a first-line indent
            and not (prev.text[-1] in _TERMINAL and starts_block(line.text))
        )
        if continues:
            current = _glue(current, line.text)
        else:
            if current:
                out.append(current)
            current = line.text
        prev = line
    if current:
        out.append(current)
    return out


def _glue(left: str, right: str) -> str:
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalnum()
        and right[0].isascii()
        and right[0].isalnum()
    ):
        return f"{left} {right}"
    return left + right


def read_pdf(path: Path, limits: Limits) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise ReadError(
                f"{path}: the PDF is password-protected; save an unprotected copy"
            ) from None
        raise ReadError(f"{path}: not a readable PDF ({message})") from None
    try:
        count = len(pdf)
        if count > limits.pdf_pages:
            raise ReadError(f"{path}: {count:,} pages; the limit is {limits.pdf_pages:,} pages")
        pages: list[list[_Line]] = []
        for i in range(count):
            page = pdf[i]
            try:
                pages.append(_page_lines(page))
            finally:
                page.close()
    finally:
        pdf.close()
    chars = sum(len(ln.text) for lines in pages for ln in lines)
    if chars == 0:
        raise ReadError(
            f"{path}: the PDF has no text layer (a scan or images of text); run OCR first "
            "(e.g. ocrmypdf -l chi_sim) or import the original Word file"
        )
    drop, numbers = _running(pages)
    paras = _paragraphs(pages, drop)
    notes = [f"{count} pages"]
    if numbers:
        notes.append(f"page numbers removed: {numbers}")
    if heads := len(drop) - numbers:
        notes.append(f"running heads/feet removed: {heads}")
    return Extracted(list(paras), "pdf (PDFium)", notes)
