"""Old binary formats (.doc, .wps, .rtf, .odt; .xls, .et, .ods) through LibreOffice.

LibreOffice converts a copy to .docx or .xlsx in a temporary directory, with a profile of its
own (so it runs while the user has LibreOffice open), within the time limit.  When it is not
installed the message says how to install it, or to save the file as .docx from WPS/Word.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .document import ReadError

WORD_LIKE = frozenset({".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot"})
SHEET_LIKE = frozenset({".xls", ".et", ".ods", ".ett"})
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: `sudo apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui`; macOS: `brew install --cask libreoffice`; Windows: "
    "libreoffice.org), or open the file in WPS/Word and save it as .docx/.xlsx"
)


def soffice() -> str | None:
    """The LibreOffice program, or None.  PLANPORTAL_SOFFICE names another one (`none`
    pretends there is none: the message users without it see)."""
    chosen = os.environ.get("PLANPORTAL_SOFFICE")
    if chosen:
        return None if chosen == "none" else shutil.which(chosen) or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, seconds: float) -> tuple[Path, tempfile.TemporaryDirectory[str]]:
    """(converted file, its temporary directory: clean it up when done)."""
    suffix = path.suffix.lower()
    target = "docx" if suffix in WORD_LIKE else "xlsx"
    program = soffice()
    if program is None:
        raise ReadError(
            f"{path}: {suffix} files are read through LibreOffice, which is not "
            f"installed; {INSTALL_HINT}"
        )
    tmp = tempfile.TemporaryDirectory(prefix="planportal-convert-")
    work = Path(tmp.name)
    profile = (work / "profile").as_uri()
    # a plain ASCII copy name: LibreOffice names its output after its input
    source = work / f"input{suffix}"
    shutil.copyfile(path, source)
    command = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    try:
        subprocess.run(
            command, capture_output=True, timeout=seconds, check=False, start_new_session=True
        )
    except subprocess.TimeoutExpired:
        tmp.cleanup()
        raise ReadError(
            f"{path}: LibreOffice took longer than {seconds:.0f} s to convert it; "
            f"open it in WPS/Word and save it as .{target}"
        ) from None
    except OSError as exc:
        tmp.cleanup()
        raise ReadError(
            f"{path}: LibreOffice could not be started ({exc}); {INSTALL_HINT}"
        ) from None
    out = work / "out" / f"input.{target}"
    if not out.is_file():
        tmp.cleanup()
        raise ReadError(
            f"{path}: LibreOffice could not convert it to .{target} (a damaged or "
            f"protected file?); open it in WPS/Word and save it as .{target}"
        )
    return out, tmp
