"""Turn the paragraphs of one task into a Task dict: title, text, items, closing, who."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .items import split_items
from .markers import cn_to_int, parse_marker, styled
from .responsibility import (
    looks_like_duty,
    looks_like_units,
    parse_responsibility,
    parse_role_lines,
    trailing_paren,
)

_TITLE_MAX = 36


def heading_split(rest: str, title_max: int = _TITLE_MAX) -> tuple[str | None, str]:
    """(title, text) of `突出重点抓实教育培训。参照…`: a short first sentence is a title."""
    rest = rest.strip()
    head, dot, after = rest.partition("。")
    if not dot:
        return (rest, "") if len(rest) <= 40 and not re.search(r"[，；]", rest) else (None, rest)
    if not after.strip() and len(head) <= 60:
        return head, ""
    if head and len(head) <= title_max and not re.search(r"[，；：,;:]", head):
        return head, after.strip()
    return None, rest


@dataclass
class TaskDraft:
    """Paragraphs collected for one task while walking the text."""

    no: str
    number: int | None
    paras: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None


@dataclass
class Leftovers:
    """Things the task builder could not resolve, for the report."""

    names_without_verb: list[str] = field(default_factory=list)


def _responsibility(paras: list[str], left: Leftovers) -> dict[str, Any] | None:
    """Take the trailing （…负责） off the last paragraph (or a paragraph of its own)."""
    if not paras:
        return None
    split = trailing_paren(paras[-1])
    if not split or not (looks_like_duty(split[1]) or looks_like_units(split[1])):
        return None
    before, content = split
    resp, unassigned = parse_responsibility(content)
    left.names_without_verb.extend(unassigned)
    if before.strip():
        paras[-1] = before
    else:
        paras.pop()
    return resp


def build_task(draft: TaskDraft, left: Leftovers) -> dict[str, Any]:
    """Task dict (without id, deadlines and topics: those are added later)."""
    paras = [p for p in draft.paras if p.strip()]
    resp = parse_role_lines(draft.roles) if draft.roles else _responsibility(paras, left)
    task: dict[str, Any] = {"no": draft.no}
    if draft.title:
        task["title"] = draft.title
    text, items, closing = _split_body(paras)
    task["text"] = text
    if items:
        task["items"] = [
            {"id": str(i), "no": marker, "text": body} for i, (marker, body) in enumerate(items, 1)
        ]
    if closing:
        task["closing"] = closing
    if resp:
        task["responsibility"] = resp
    return task


def _marker_items(paras: list[str]) -> tuple[str, list[tuple[str, str]], str | None] | None:
    """Paragraphs opening with sub-item numbers of this text (（1） ① …) in sequence."""
    starts: list[tuple[int, str, str]] = []
    style = None
    for i, para in enumerate(paras):
        found = _item_start(para)
        if found and found[1] == len(starts) + 1 and style in (None, found[3]):
            style = found[3]
            starts.append((i, found[0], found[2]))
    if len(starts) < 2:
        return None
    items: list[tuple[str, str]] = []
    for k, (i, printed, rest) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(paras)
        items.append((printed, "\n\n".join([rest.strip(), *paras[i + 1 : stop]]).strip()))
    # paragraphs after the last item that do not continue it cannot be told apart: they
    # stay in the last item (nothing is lost; the reviewer sees them there)
    return "\n\n".join(paras[: starts[0][0]]), items, None


_IS_ITEM = re.compile(r"^([一二三四五六七八九十]+)是")


def _item_start(para: str) -> tuple[str, int, str, str] | None:
    """(printed marker, number, rest, style) of a paragraph opening a sub-item: （1） ① … as
    this text numbers its sub-items, or 一是/二是 on paragraphs of their own."""
    m = parse_marker(para)
    if m and m.level == "item" and m.number and (s := styled(para)):
        return m.printed, m.number, m.rest, s.style
    if (cn := _IS_ITEM.match(para)) and (n := cn_to_int(cn.group(1))):
        return cn.group(0), n, para[cn.end() :], "cn是"
    return None


def _split_body(paras: list[str]) -> tuple[str, list[tuple[str, str]], str | None]:
    """Text before the items, the items, and the paragraphs after them."""
    if (numbered := _marker_items(paras)) and all(body for _, body in numbered[1]):
        return numbered
    for i, para in enumerate(paras):
        head, items = split_items(para)
        if items and all(body for _, body in items):
            before = [*paras[:i], head] if head else paras[:i]
            after = paras[i + 1 :]
            return "\n\n".join(before), items, ("\n\n".join(after) or None)
    return "\n\n".join(paras), [], None
