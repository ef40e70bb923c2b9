"""Progress of the build's long steps, as lines a person reads while a large portal builds.

The plugin reports through `PROGRESS`, a logger under MkDocs' own: `mkdocs build` and
`mkdocs serve` show its lines as INFO (not with `-q`), and `planportal build` prints them
(`generator.build`). Steps over few items report only their summary: a seed portal builds
in two seconds and needs no running commentary.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

PROGRESS = logging.getLogger("mkdocs.plugins.planportal.progress")
PREFIX = "planportal: "
STEPWISE_FROM = 2_000
"""Pages at least for a step to report each tenth done."""


def say(message: str) -> None:
    """One line of progress."""
    PROGRESS.info(PREFIX + message)


class Progress:
    """Reports `label: 30 % (5,700 of 19,068)` each time another tenth of `total` is done."""

    def __init__(
        self, label: str, total: int, *, pages: int, report: Callable[[str], None] = say
    ) -> None:
        """`pages`: how many pages the step makes; below `STEPWISE_FROM` it stays quiet."""
        self.label, self.total, self.report = label, total, report
        self.done = 0
        self.tenths = 0
        self.active = pages >= STEPWISE_FROM and total > 0
        self.pid = os.getpid()
        """Only the process that made it reports: forked helpers share its work silently."""

    def reached(self, done: int) -> None:
        """`done` items are finished (reported when another tenth is)."""
        self.done = max(self.done, min(done, self.total))
        if not self.active or os.getpid() != self.pid:
            return
        tenths = self.done * 10 // self.total
        if tenths > self.tenths and tenths < 10:
            self.tenths = tenths
            self.report(f"{self.label}: {tenths * 10} % ({self.done:,} of {self.total:,})")

    def advance(self, count: int = 1) -> None:
        self.reached(self.done + count)
