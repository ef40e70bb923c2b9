"""The issuing notice in front of a plan: letterhead, 文号, title, recipients, contacts…

Lines are classified one by one; a line that fits no field goes into the letter's text, so
nothing is lost.  Other scripts (the Mongolian line) are detected by Unicode block.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .responsibility import split_names

#: Unicode blocks of scripts used in Chinese official documents, with their BCP 47 tag.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x1800, 0x18AF, "mn-Mong"),  # Mongolian (traditional script)
    (0x0F00, 0x0FFF, "bo"),  # Tibetan
    (0x0600, 0x06FF, "ug-Arab"),  # Uyghur in Arabic script
)

DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CONTACT = re.compile(r"^(联系人|联系电话|电话|邮箱|电子邮箱|传真|通讯地址|地址)\s*[：:]")
_PHONE = re.compile(r"(?<![\d@.])(?:0\d{2,3}-?)?\d{7,8}(?![\d@])|1[3-9]\d{9}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PEOPLE = re.compile(r"联系人\s*[：:]\s*([^，,；;：:\d]+)")
_ISSUER_END = re.compile(r"(委员会|政府|办公室|办公厅|指挥部|局|厅)$")


def script_tag(line: str) -> str | None:
    """BCP 47 tag of the non-Han script most of the line's letters are in, if any."""
    letters = [c for c in line if c.isalpha()]
    for lo, hi, tag in _SCRIPTS:
        inside = sum(lo <= ord(c) <= hi or c == "\u180e" for c in letters)
        if letters and inside * 2 > len(letters):
            return tag
    return None


def parse_date(text: str) -> dt.date | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _contacts(lines: list[str]) -> dict[str, Any]:
    joined = "\n".join(lines)
    people: list[str] = []
    for m in _PEOPLE.finditer(joined):
        people.extend(split_names(m.group(1)))
    emails = _EMAIL.findall(joined)
    no_mail = _EMAIL.sub("", joined)
    out: dict[str, Any] = {"text": lines}
    if people:
        out["people"] = people
    if phones := _PHONE.findall(no_mail):
        out["phone"] = phones
    if emails:
        out["email"] = emails
    return out


def _take_title(lines: list[str], i: int) -> tuple[str, int]:
    """The notice title, possibly over several lines, ending with 通知 (or similar)."""
    parts = []
    for j in range(i, min(i + 4, len(lines))):
        parts.append(lines[j])
        if re.search(r"(通知|通报|决定|函|批复)$", lines[j]):
            return "".join(parts), j + 1
    return lines[i], i + 1


def parse_cover(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Cover letter fields, plus the lines that fit no field (kept in its text)."""
    cover: dict[str, Any] = {}
    body: list[str] = []
    contacts: list[str] = []
    unplaced: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if tag := script_tag(line):
            cover.setdefault("letterhead_alt", []).append({"text": line, "lang": tag})
        elif "title" not in cover and line.endswith("文件") and "letterhead" not in cover:
            cover["letterhead"] = line
        elif "doc_number" not in cover and DOC_NUMBER.match(line):
            cover["doc_number"] = line
        elif "title" not in cover and _starts_title(line, lines, i):
            cover["title"], i = _take_title(lines, i - 1)
        elif "title" in cover and "recipients_text" not in cover and line.endswith(("：", ":")):
            cover["recipients_text"] = line
            cover["recipients"] = split_names(line.rstrip("：:"))
        elif _CONTACT.match(line):
            contacts.append(line)
        elif parse_date(line) and "date_text" not in cover:
            cover["date_text"] = line
        elif _is_signature(line, lines, i):
            cover["signature"] = line
        elif "recipients_text" in cover or "title" in cover:
            body.append(line)
        else:
            unplaced.append(line)
            body.append(line)
    if body:
        cover["text"] = "\n\n".join(body)
    if contacts:
        cover["contacts"] = _contacts(contacts)
    return cover, unplaced


def _starts_title(line: str, lines: list[str], nxt: int) -> bool:
    """`关于印发…的通知`, or the issuer line printed above it."""
    if "关于" in line or line.endswith("通知"):
        return True
    return nxt < len(lines) and lines[nxt].startswith("关于") and not re.search(r"[。，；]", line)


def _is_signature(line: str, lines: list[str], nxt: int) -> bool:
    """A short issuer line right before the date (or at the very end)."""
    if len(line) > 40 or re.search(r"[。，；：]", line) or not _ISSUER_END.search(line):
        return False
    return nxt >= len(lines) or parse_date(lines[nxt]) is not None
