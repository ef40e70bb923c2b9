"""Readers: any supported input file → `Extracted` (paragraphs and tables in order).

| suffix | reader |
| --- | --- |
| .txt .text .md | `plaintext.read_txt` (UTF-8 or GB18030, detected; `a | b` rows as tables) |
| .csv .tsv | `plaintext.read_csv` |
| .docx .docm | `docx.read_docx` (automatic numbering rendered as printed) |
| .pdf | `pdf.read_pdf` (PDFium) |
| .html .htm .shtml | `html.read_html` (the article only) |
| .xlsx .xlsm | `xlsx.read_xlsx` |
| .doc .wps .rtf .odt / .xls .et .ods | LibreOffice → .docx / .xlsx, then as above |

Files are checked first (regular file, size: `files.Limits`); the formats that parse archives
or page descriptions are read in a child process bounded in time and memory (`sandbox`).
"""

from __future__ import annotations

from pathlib import Path

from . import office
from .document import Block, Extracted, ReadError, Table
from .files import Limits, check_file, check_text_size, read_bytes
from .sandbox import run_bounded

__all__ = [
    "SUPPORTED",
    "Block",
    "Extracted",
    "Limits",
    "ReadError",
    "Table",
    "read_document",
]

TEXT = frozenset({".txt", ".text", ".md"})
CSV = frozenset({".csv", ".tsv"})
DOCX = frozenset({".docx", ".docm"})
HTML = frozenset({".html", ".htm", ".shtml", ".xhtml"})
XLSX = frozenset({".xlsx", ".xlsm"})
PDF = frozenset({".pdf"})
SUPPORTED = TEXT | CSV | DOCX | HTML | XLSX | PDF | office.WORD_LIKE | office.SHEET_LIKE


def read_document(path: Path, limits: Limits | None = None) -> Extracted:
    """The document's text; ReadError with a message for people when it cannot be read."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    check_file(path, limits)
    if suffix not in SUPPORTED:
        known = " ".join(sorted(SUPPORTED))
        raise ReadError(f"{path}: unsupported file type `{suffix or '(none)'}`; supported: {known}")
    extracted = _read(path, suffix, limits)
    text = extracted.text()
    check_text_size(text, path, limits)
    if not text.strip():
        raise ReadError(f"{path}: the file is empty (it has no text to import)")
    return extracted


def _read(path: Path, suffix: str, limits: Limits) -> Extracted:
    if suffix in TEXT | CSV | HTML:
        data = read_bytes(path, limits)
        if suffix in TEXT:
            from .plaintext import read_txt

            return read_txt(data, path)
        if suffix in CSV:
            from .plaintext import read_csv

            return read_csv(data, path)
        from .html import read_html

        return run_bounded(
            lambda: read_html(data, path), str(path), limits.seconds, limits.memory_bytes
        )
    if suffix in office.WORD_LIKE | office.SHEET_LIKE:
        converted, tmp = office.convert(path, limits.seconds)
        try:
            check_file(converted, limits)
            result = _read(converted, converted.suffix, limits)
        finally:
            tmp.cleanup()
        result.kind = f"{suffix[1:]} via LibreOffice → {result.kind}"
        return result
    if suffix in DOCX:
        from .docx import read_docx

        return run_bounded(
            lambda: read_docx(path, limits), str(path), limits.seconds, limits.memory_bytes
        )
    if suffix in XLSX:
        from .xlsx import read_xlsx

        return run_bounded(
            lambda: read_xlsx(path, limits), str(path), limits.seconds, limits.memory_bytes
        )
    from .pdf import read_pdf

    return run_bounded(
        lambda: read_pdf(path, limits), str(path), limits.seconds, limits.memory_bytes
    )
