"""The layout of the 进展报送表 shared by its writer (`sheet`) and its reader (`readback`):
the columns, the names a header may have after a round trip through WPS or Excel, and the
status labels of the drop-down list."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .model import STATUS_TERMS, Status

FORM_SHEET = "进展报送表"
GUIDE_SHEET = "填报说明"
META_SHEET = "_planportal"
"""A hidden sheet with the plan, round and unit the form was made for (key, value rows)."""
FORMAT = "planportal-progress-sheet/1"
DATE_LABEL = "报送日期"
"""The label of the form-wide report date above the table."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    locked: bool
    aliases: tuple[str, ...] = ()
    """Other headers accepted when reading (normalised with `header_key`)."""


COLUMNS: tuple[Column, ...] = (
    Column("plan", "规划编号", 14, True, ("规划", "plan", "planid")),
    Column("task", "任务编号", 9, True, ("任务id", "task", "taskid")),
    Column("item", "分项编号", 9, True, ("分项", "子项编号", "item", "itemid")),
    Column("number", "序号", 7, True, ("原序号", "no")),
    Column("text", "任务内容", 48, True, ("任务", "工作任务", "任务名称", "内容")),
    Column("deadline", "完成时限", 14, True, ("时限", "期限")),
    Column("role", "本单位职责", 14, True, ("职责", "角色", "role")),
    Column("unit", "报送单位", 16, True, ("填报单位", "单位", "unit")),
    Column("previous", "上次报送", 16, True, ("上次状态", "上轮报送")),
    Column("status", "进展状态", 12, False, ("状态", "进度状态", "status")),
    Column("completed", "完成日期", 12, False, ("完成时间", "completed")),
    Column("summary", "进展情况", 40, False, ("工作进展", "进展", "summary")),
    Column("issues", "存在问题", 24, False, ("问题", "issues")),
    Column("next_steps", "下一步措施", 24, False, ("下一步工作", "下步措施", "nextsteps")),
    Column("evidence", "佐证材料", 32, False, ("证明材料", "佐证", "evidence")),
    Column("date", "报送日期", 12, False, ("填报日期", "date")),
)
INPUT_KEYS = tuple(c.key for c in COLUMNS if not c.locked)
"""The columns a unit fills in."""

_NOTE = re.compile(r"[（(][^）)]*[）)]")
_MARKS = str.maketrans("", "", "*＊▼▾↓:：")


def header_key(text: str) -> str:
    """A header as compared: NFKC, no spaces, no notes in brackets (（必填）), no marks."""
    flat = unicodedata.normalize("NFKC", text)
    flat = _NOTE.sub("", flat).translate(_MARKS)
    return "".join(flat.split()).lower().replace("_", "").replace("-", "")


HEADERS: Mapping[str, str] = MappingProxyType(
    {
        header_key(name): column.key
        for column in COLUMNS
        for name in (column.header, *column.aliases)
    }
)
"""Normalised header → column key."""

STATUS_LABELS: Mapping[Status, str] = MappingProxyType(
    {status: terms[0] for status, terms in STATUS_TERMS.items()}
)
"""The drop-down list: 未启动, 推进中, 已完成, 常态化推进, 滞后, 已调整."""
_STATUS_READ: Mapping[str, Status] = MappingProxyType(
    {
        **{header_key(label): status for status, label in STATUS_LABELS.items()},
        **{header_key(status.value): status for status in Status},
        **{header_key(terms[1]): status for status, terms in STATUS_TERMS.items()},
    }
)


def read_status(text: str) -> Status | None:
    """The status a cell names: its label (已完成), id (done) or English name, in any width."""
    return _STATUS_READ.get(header_key(text))
