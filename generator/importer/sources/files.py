"""Opening an input safely: regular files only, size checked before reading, text decoded.

Every limit says its figure in the message, with what to do about it.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .document import ReadError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on one import; each is a figure a real plan stays far below."""

    file_bytes: int = 100 * MiB
    """Size of the input file (a Word or PDF file with scanned images can be large)."""
    text_bytes: int = 20 * MiB
    """Size of a text-like input (.txt, .csv, .html): a 100-page plan is ~0.3 MiB of text."""
    text_chars: int = 5_000_000
    """Characters of extracted text (a 100-page plan has ~150,000)."""
    unpacked_bytes: int = 200 * MiB
    """Total size of the parts read out of a .docx/.xlsx archive (a zip bomb stops here)."""
    seconds: float = 120.0
    """Time for reading one file (PDF, Word, spreadsheet, LibreOffice conversion)."""
    memory_bytes: int = 2048 * MiB
    """Address space the process that reads one file may add to what it inherits."""
    pdf_pages: int = 2000
    """Pages of one PDF."""


TEXT_LIKE = frozenset({".txt", ".text", ".md", ".csv", ".tsv", ".html", ".htm", ".shtml"})


def _mib(n: int) -> str:
    return f"{n / MiB:.1f} MiB"


def check_file(path: Path, limits: Limits) -> int:
    """The size of `path` after checking it is a regular file within the limits."""
    try:
        info = path.stat()  # follows symlinks: /dev/zero behind a link is still refused
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or special file"
        raise ReadError(f"{path}: is {kind}, not a regular file; only regular files are read")
    suffix = path.suffix.lower()
    limit = limits.text_bytes if suffix in TEXT_LIKE else limits.file_bytes
    if info.st_size > limit:
        raise ReadError(
            f"{path}: the file is {_mib(info.st_size)}; the limit for {suffix or 'this'} files "
            f"is {_mib(limit)} (a 100-page plan is well below it); split the file, or check "
            "that it is the plan"
        )
    if info.st_size == 0:
        raise ReadError(f"{path}: the file is empty")
    return info.st_size


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes; at most the checked size is read (a file growing meanwhile, or a
    special file replacing it, cannot make the read unbounded)."""
    size = check_file(path, limits)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadError(f"{path}: is not a regular file")
        chunks, left = [], size
        while left > 0:
            chunk = os.read(fd, min(left, 4 * MiB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Names web pages and Windows give the encodings GB18030 includes.
GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"})


def decode_text(data: bytes, path: Path | str, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name): a BOM decides; else a declared charset (web pages); else UTF-8,
    then GB18030 (what Chinese Windows saves as "ANSI": GBK/GB2312 are subsets of it)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise _not_text(path, exc) from None
    candidates = ["utf-8", "gb18030"]
    if declared:
        wanted = "gb18030" if declared.lower() in GB_FAMILY else declared.lower()
        try:
            codecs.lookup(wanted)
            candidates.insert(0, wanted)
        except LookupError:
            pass
    first_error: UnicodeDecodeError | None = None
    for codec in dict.fromkeys(candidates):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        return text, codecs.lookup(codec).name.upper()
    assert first_error is not None
    raise _not_text(path, first_error)


def _not_text(path: Path | str, exc: UnicodeDecodeError) -> ReadError:
    return ReadError(
        f"{path}: neither UTF-8 nor GB18030/GBK text (invalid byte 0x{exc.object[exc.start]:02x} "
        f"at offset {exc.start}); save it as UTF-8 (in Notepad: Save as → Encoding UTF-8; "
        "or `iconv -f <encoding> -t UTF-8`), or import the original .docx/.pdf"
    )


def check_text_size(text: str, path: Path | str, limits: Limits) -> str:
    if len(text) > limits.text_chars:
        raise ReadError(
            f"{path}: the extracted text has {len(text):,} characters; the limit is "
            f"{limits.text_chars:,} (a 100-page plan has ~150,000); split the document"
        )
    return text
