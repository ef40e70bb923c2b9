"""Plain text (.txt) and delimited tables (.csv/.tsv); tables typed into a text as rows.

A run of two or more lines that split into the same number (≥ 2) of cells on `|` or a tab
is a table (`序号 | 工作内容 | 牵头部门 | 完成时间`); a Markdown rule line (`|---|---|`) under
its header is dropped and counted.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .document import Block, Extracted, Table
from .files import decode_text

_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(line: str) -> list[str] | None:
    if "\t" in line.strip():
        cells = line.strip().split("\t")
    elif line.count("|") >= 1:
        inner = line.strip()
        if inner.startswith("|") and inner.endswith("|") and len(inner) > 1:
            inner = inner[1:-1]
        cells = inner.split("|")
    else:
        return None
    cells = [c.strip() for c in cells]
    return cells if len(cells) >= 2 and sum(1 for c in cells if c) >= 2 else None


def text_blocks(text: str, notes: list[str] | None = None) -> list[Block]:
    """Lines as paragraphs, runs of delimited rows as tables."""
    blocks: list[Block] = []
    run: list[list[str]] = []
    rules = 0

    def flush() -> None:
        nonlocal run
        if len(run) >= 2:
            blocks.append(Table([list(r) for r in run]))
        else:
            blocks.extend(" | ".join(r) for r in run)
        run = []

    for line in text.splitlines():
        if run and _RULE.match(line):
            rules += 1
            continue
        cells = _cells(line)
        if cells is not None and (not run or len(cells) == len(run[0])):
            run.append(cells)
            continue
        flush()
        if cells is not None:
            run.append(cells)
        else:
            blocks.append(line)
    flush()
    if rules and notes is not None:
        notes.append(f"Markdown table rule lines removed: {rules}")
    return blocks


def read_txt(data: bytes, path: Path) -> Extracted:
    text, encoding = decode_text(data, path)
    notes = [] if encoding in ("UTF-8", "UTF-8-SIG") else [f"decoded as {encoding}"]
    return Extracted(text_blocks(text, notes), f"txt ({_label(encoding)})", notes)


def read_csv(data: bytes, path: Path) -> Extracted:
    text, encoding = decode_text(data, path)
    sample = text[:4096]
    delimiter = (
        "\t" if path.suffix.lower() == ".tsv" or sample.count("\t") > sample.count(",") else ","
    )
    rows = [
        [cell.strip() for cell in row]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]
    width = max((len(r) for r in rows), default=0)
    table = Table([[*r, *([""] * (width - len(r)))] for r in rows if any(r)])
    notes = [] if encoding in ("UTF-8", "UTF-8-SIG") else [f"decoded as {encoding}"]
    return Extracted([table], f"csv ({_label(encoding)})", notes)


def _label(encoding: str) -> str:
    return "UTF-8" if encoding.startswith("UTF-8") else encoding
