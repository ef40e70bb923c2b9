"""The official document around a plan (GB/T 9704-2012 党政机关公文格式): its elements, each
into its field.

In front of the plan (版头 and the notice's 主体): 份号, 密级和保密期限, 紧急程度,
发文机关标志 (masthead, `…文件` or an issuer line right above the 发文字号), 发文字号
(〔〕 [] （） 【】), 签发人,
the notice title, 主送机关, its text, 附件说明, 发文机关署名, 成文日期 (`2024年3月8日` or
`二〇二四年三月八日`), 附注 (`（此件公开发布）`).  After the plan (`back_matter`): 附注,
署名 and 成文日期 when the plan itself is signed, 抄送机关 and 印发机关和印发日期 (版记).

Lines are classified one by one; a line that fits no field goes into the letter's text, so
nothing is lost.  Other scripts (the Mongolian line) are detected by Unicode block.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .responsibility import split_names, split_top

#: Unicode blocks of scripts used in Chinese official documents, with their BCP 47 tag.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x1800, 0x18AF, "mn-Mong"),  # Mongolian (traditional script)
    (0x0F00, 0x0FFF, "bo"),  # Tibetan
    (0x0600, 0x06FF, "ug-Arab"),  # Uyghur in Arabic script
)

_DOC_NO = r"\S{1,16}?\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\s*\d{1,5}\s*号"
DOC_NUMBER = re.compile(rf"^{_DOC_NO}$")
_SIGNERS = re.compile(r"签\s*发\s*人\s*[：:]\s*(?P<names>.*)$")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
}
_CN_DATE = re.compile(
    r"^(?P<y>[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>[一二三四五六七八九十]{1,3})\s*日$"
)
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_Y, _CN_MD = "[〇○零Ｏ一二三四五六七八九]{4}", "[一二三四五六七八九十]{1,3}"
_ANY_DATE = rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN_Y}年{_CN_MD}月{_CN_MD}日)"
_CONTACT = re.compile(r"^(联系人|联系电话|电话|邮箱|电子邮箱|传真|通讯地址|地址)\s*[：:]")
_PHONE = re.compile(r"(?<![\d@.])(?:0\d{2,3}-?)?\d{7,8}(?![\d@])|1[3-9]\d{9}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PEOPLE = re.compile(r"联系人\s*[：:]\s*([^，,；;：:\d]+)")
_ISSUER_END = re.compile(
    r"(委员会|政府|办公室|办公厅|指挥部|局|厅|委|部|办|院|会|中心|管委会|党委|党组|(?:（章）))$"
)
COPY_NO = re.compile(r"^(?:份号\s*[：:]?\s*)?(?:No\.?\s*)?(\d{6})$", re.I)
CLASSIFICATION = re.compile(r"^(绝密|机密|秘密)(?:\s*★\s*\S*)?$")
URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_ATTACHMENTS = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*(?P<title>.+)$")
REMARK = re.compile(
    r"^[（(](?P<inner>[^（）()]*(?:此件|公开|联系人|电话|印发至|发至)[^（）()]*)[）)]$"
)
CC = re.compile(r"^抄\s*送\s*[：:]\s*(?P<rest>.*)$")
PRINTED = re.compile(rf"^(?P<by>.*?)\s*(?P<date>{_ANY_DATE})\s*印\s*发$")


def cn_date(text: str) -> dt.date | None:
    """`二〇二四年三月八日` → 2024-03-08."""
    m = _CN_DATE.match(text.strip())
    if not m:
        return None
    year = int("".join(str(_CN_DIGIT[c]) for c in m.group("y")))
    try:
        return dt.date(year, _cn_small(m.group("m")), _cn_small(m.group("d")))
    except ValueError:
        return None


def _cn_small(text: str) -> int:
    if "十" not in text:
        return _CN_DIGIT.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def script_tag(line: str) -> str | None:
    """BCP 47 tag of the non-Han script most of the line's letters are in, if any."""
    letters = [c for c in line if c.isalpha()]
    for lo, hi, tag in _SCRIPTS:
        inside = sum(lo <= ord(c) <= hi or c == "\u180e" for c in letters)
        if letters and inside * 2 > len(letters):
            return tag
    return None


def parse_date(text: str) -> dt.date | None:
    """A date line in Arabic (2024年3月8日) or Chinese numerals (二〇二四年三月八日)."""
    m = _DATE.match(text.strip())
    if not m:
        return cn_date(text)
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
        elif _head_element(cover, line):
            pass
        elif "title" not in cover and "letterhead" not in cover and _is_masthead(line, lines, i):
            cover["letterhead"] = line
        elif "doc_number" not in cover and _doc_number(cover, line):
            pass
        elif "signers_text" not in cover and (m := _SIGNERS.search(line)) and len(line) < 60:
            _signers(cover, line, m)
        elif "title" not in cover and _starts_title(line, lines, i):
            cover["title"], i = _take_title(lines, i - 1)
        elif (
            "title" in cover
            and "recipients_text" not in cover
            and line.endswith(("：", ":"))
            and "。" not in line
            and len(line) <= 120
        ):
            cover["recipients_text"] = line
            cover["recipients"] = split_names(line.rstrip("：:"))
        elif "attachments_text" not in cover and (m := _ATTACHMENTS.match(line)):
            i = _attachments(cover, lines, i, m.group("rest"))
        elif _CONTACT.match(line):
            contacts.append(line)
        elif "date_text" not in cover and parse_date(line):
            cover["date_text"] = line
        elif "date_text" in cover and "remark" not in cover and REMARK.match(line):
            cover["remark"] = line
        elif "signature" not in cover and (n := _signature_lines(lines, i - 1)):
            cover["signature"] = " ".join(lines[i - 1 : i - 1 + n])
            i += n - 1
        elif take_back_line(cover, line):
            pass
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


def _head_element(cover: dict[str, Any], line: str) -> bool:
    """份号, 密级 and 紧急程度, alone on a line or together (`秘密★1年 特急`)."""
    if "title" in cover or "doc_number" in cover:
        return False
    compact = re.sub(r"\s", "", line)
    tokens = [compact] if CLASSIFICATION.match(compact) else line.split()
    found: dict[str, str] = {}
    for token in tokens:
        for key, pattern in (
            ("copy_no", COPY_NO),
            ("classification", CLASSIFICATION),
            ("urgency", URGENCY),
        ):
            if key not in cover and key not in found and pattern.match(token):
                found[key] = token
                break
        else:
            return False
    cover.update(found)
    return bool(found)


def _is_masthead(line: str, lines: list[str], nxt: int) -> bool:
    """`…文件`, or (信函格式) an issuer line right above the 发文字号 or the 签发人 line."""
    if line.endswith("文件") and not re.search(r"[。，；：]", line) and len(line) <= 40:
        # 某某人民政府文件, 中共某县委 某县人民政府文件 (not a menu's 政策文件)
        return any(_issuer_line(part) for part in line[:-2].split()) or _issuer_line(line[:-2])
    if len(line) > 40 or re.search(r"[。，；：、]", line) or not _ISSUER_END.search(line):
        return False
    following = lines[nxt] if nxt < len(lines) else ""
    return bool(re.match(_DOC_NO, following) or _SIGNERS.search(following))


def _doc_number(cover: dict[str, Any], line: str) -> bool:
    """`X政发〔2024〕3号`, alone or with the 签发人 on the same line (上行文)."""
    m = _SIGNERS.search(line)
    number = line[: m.start()].strip() if m else line
    if not DOC_NUMBER.match(number):
        return False
    cover["doc_number"] = number
    if m:
        _signers(cover, line[m.start() :].strip(), _SIGNERS.search(line[m.start() :].strip()))
    return True


def _signers(cover: dict[str, Any], text: str, m: re.Match[str] | None) -> None:
    cover["signers_text"] = text.strip()
    names = m.group("names") if m else ""
    cover["signers"] = [n for n in re.split(r"[\s、，,]+", names) if n]


def _attachments(cover: dict[str, Any], lines: list[str], i: int, rest: str) -> int:
    """`附件：1.甲` + `2.乙` on the next lines (or one title without a number)."""
    printed = [lines[i - 1]]
    titles = [rest] if rest else []
    while i < len(lines) and (m := _NUMBERED.match(lines[i])) and len(lines[i]) <= 80:
        printed.append(lines[i])
        titles.append(m.group("title"))
        i += 1
    cover["attachments_text"] = "\n".join(printed)
    cover["attachments"] = [
        (m.group("title") if (m := _NUMBERED.match(t)) else t).strip() for t in titles if t.strip()
    ]
    return i


def take_back_line(cover: dict[str, Any], line: str) -> bool:
    """版记 lines: 抄送 and 印发机关和印发日期; True when `line` was one."""
    if "cc_text" not in cover and (m := CC.match(line)):
        cover["cc_text"] = line
        cover["cc"] = split_top(m.group("rest").rstrip("。.").strip(), "，,、；;")
        return True
    if "printed_text" not in cover and (m := PRINTED.match(line)):
        cover["printed_text"] = line
        if by := m.group("by").strip():
            cover["printed_by"] = by
        if day := parse_date(re.sub(r"\s", "", m.group("date"))):
            cover["printed_on"] = day
        return True
    return False


def _starts_title(line: str, lines: list[str], nxt: int) -> bool:
    """`关于印发…的通知`, or the issuer line printed above it."""
    if "关于" in line or line.endswith("通知"):
        return True
    return nxt < len(lines) and lines[nxt].startswith("关于") and _issuer_line(line)


def _signature_lines(lines: list[str], i: int) -> int:
    """How many issuer lines (joint issuers stand on lines of their own) start at `i` and
    end right before the date (or at the very end); 0 when `lines[i]` is no signature."""
    n = 0
    while i + n < len(lines) and n < 4 and _issuer_line(lines[i + n]):
        n += 1
        nxt = i + n
        if nxt >= len(lines) or parse_date(lines[nxt]) is not None:
            return n
    return 0


def _issuer_line(line: str) -> bool:
    return len(line) <= 40 and not re.search(r"[。，；：]", line) and bool(_ISSUER_END.search(line))
