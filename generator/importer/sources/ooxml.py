"""Bounded reading of Office Open XML packages (.docx, .xlsx): parts of a zip archive.

The sizes the archive declares are checked before anything is unpacked, and each part is
read with a cap, so a zip bomb stops with a message.  A part that declares a DOCTYPE is
refused: Office never writes one, and entity expansion is how XML bombs work.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .document import ReadError
from .files import Limits, MiB


class Package:
    def __init__(self, path: Path, limits: Limits, kind: str) -> None:
        self.path, self.limits, self.kind = path, limits, kind
        self.read_total = 0
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ReadError(
                f"{path}: not a valid {kind} file (not a zip archive: {exc}); if it is an old "
                "Word/WPS file, rename it to .doc/.wps so it is converted with LibreOffice"
            ) from None
        declared = sum(info.file_size for info in self.zip.infolist())
        if declared > limits.unpacked_bytes:
            raise ReadError(
                f"{path}: the archive unpacks to {declared / MiB:,.0f} MiB; the limit is "
                f"{limits.unpacked_bytes / MiB:,.0f} MiB (a zip bomb, or a document full of "
                "large images: save a copy without them)"
            )

    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def read(self, name: str) -> bytes | None:
        """The part's bytes, or None when the package has no such part."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        cap = self.limits.unpacked_bytes - self.read_total
        try:
            with self.zip.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
            raise ReadError(f"{self.path}: damaged {self.kind} file ({name}: {exc})") from None
        self.read_total += len(data)
        if len(data) > cap:
            raise ReadError(
                f"{self.path}: the archive unpacks to more than "
                f"{self.limits.unpacked_bytes / MiB:,.0f} MiB (its sizes are false: a zip bomb)"
            )
        return data

    def xml(self, name: str) -> ET.Element | None:
        data = self.read(name)
        if data is None:
            return None
        head = data[:2048].lower()
        if b"<!doctype" in head or b"<!entity" in data[:65536].lower():
            raise ReadError(f"{self.path}: {name} declares a DOCTYPE (Office never does); refused")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise ReadError(f"{self.path}: damaged {self.kind} file ({name}: {exc})") from None
