"""What every reader returns: the document's paragraphs and tables in order."""

from __future__ import annotations

from dataclasses import dataclass, field

#: A table cell continuing a merged cell (the merge's text is in the cell above or to the left).
MERGED = None


@dataclass
class Table:
    """Rows of cells as printed; `None` marks a cell covered by a merge (up or left)."""

    rows: list[list[str | None]]

    def lines(self) -> list[str]:
        """The table as text lines, one per row, cells separated by ` | `."""
        return [" | ".join(c or "" for c in row) for row in self.rows if any(row)]


Block = str | Table


@dataclass
class Extracted:
    """A document as text: paragraphs (str) and tables in document order."""

    blocks: list[Block]
    kind: str
    """The format as read, e.g. `docx`, `pdf (pypdfium2)`, `txt (GB18030)`."""
    notes: list[str] = field(default_factory=list)
    """What the reader did that a reviewer should know (noise removed, encoding guessed)."""

    def text(self) -> str:
        """The extracted text: coverage is measured against it."""
        lines: list[str] = []
        for block in self.blocks:
            lines.extend(block.lines() if isinstance(block, Table) else [block])
        return "\n".join(lines)


class ReadError(Exception):
    """The file cannot be imported; the message says why and what to do."""
