"""Progress reports: what units report on their tasks, checked, and the status derived.

- `model`: the typed records of `progress/rounds.yaml` and `progress/<plan>/<round>.yaml`;
- `load`: reading and checking them (`load_progress`) into a `Progress`;
- `checks`: the rules, each problem located in its file;
- `status`: the status of each task, sub-item and unit derived from the reports and the
  build date, and the figures per plan, chapter, unit, region and topic;
- `sheet` and `readback`: the spreadsheet round trip (进展报送表) of `planportal progress`.
"""

from .checks import FiledReport
from .load import Progress, attach_progress, load_progress
from .model import Evidence, ProgressFile, Report, Round, RoundsFile, Status

__all__ = [
    "Evidence",
    "FiledReport",
    "Progress",
    "ProgressFile",
    "Report",
    "Round",
    "RoundsFile",
    "Status",
    "attach_progress",
    "load_progress",
]
