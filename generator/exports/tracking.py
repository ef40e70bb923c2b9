"""What the exports add to a plan's own text: the units a task binds through a group, and
the status derived from the progress reports (`generator.reports.status`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..duties import Key
from ..registry import Registry
from ..reports.status import STATE_TERMS, StatusIndex, TaskStatus

SEP = "、"


@dataclass(frozen=True)
class Tracking:
    """Duties through groups and derived status, for the task tables and feeds."""

    status: StatusIndex
    registry: Registry

    def name(self, key: Key) -> str:
        """The usual short form of a unit (市应急管理局), else its id."""
        found = self.registry.lookup(*key)
        return found.display if found is not None else key[1]

    def through_groups(self, plan_id: str, task_id: str) -> str:
        """`group：member、member；…` for each group on the task that binds units not named
        on it themselves (empty when none)."""
        via: dict[str, list[str]] = {}
        for key, duties in self.status.duties.bound(plan_id, task_id).items():
            for duty in duties:
                for group in duty.via:
                    via.setdefault(group.printed, []).append(self.name(key))
        return "；".join(f"{group}：{SEP.join(units)}" for group, units in via.items())

    def of(self, plan_id: str, task_id: str, item_id: str = "") -> TaskStatus | None:
        if item_id:
            return self.status.items.get((plan_id, task_id, item_id))
        return self.status.tasks.get((plan_id, task_id))


def state_value(status: TaskStatus | None) -> str:
    return status.state.value if status else ""


def state_label(status: TaskStatus | None) -> str:
    """The Chinese name of the state (已完成（晚于期限） …)."""
    return STATE_TERMS[status.state][0] if status else ""


def latest_date(status: TaskStatus | None) -> str:
    return status.latest.date.isoformat() if status and status.latest else ""
