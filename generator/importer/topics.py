"""Topic ids by keyword, from `data/topics.yaml` (`topics: [{id, name, name_en, keywords}]`).

The file is optional: without it no topics are assigned.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

Topics = list[tuple[str, str, tuple[str, ...]]]
"""(id, name, keywords) of each topic."""
_SPACE = re.compile(r"\s+")


def load_topics(path: Path) -> Topics:
    """(id, name, keywords); an absent or unreadable file gives no topics."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    entries = data.get("topics", []) if isinstance(data, dict) else []
    out: Topics = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id"):
            words = tuple(str(k) for k in entry.get("keywords") or ())
            out.append((str(entry["id"]), str(entry.get("name") or ""), words))
    return out


def match_topics(text: str, topics: Topics) -> list[str]:
    """Ids of the topics whose keywords occur in `text` (spaces ignored), in file order."""
    flat = _SPACE.sub("", text)
    return [tid for tid, _, words in topics if any(w and _SPACE.sub("", w) in flat for w in words)]


def match_domains(domains: list[str], topics: Topics) -> list[str]:
    """Topics of a domain list (建筑施工、燃气): a domain names the topic or holds a keyword."""
    out = []
    for tid, name, words in topics:
        hit = any(d == name or (name and name in d) for d in domains)
        if hit or match_topics("、".join(domains), [(tid, name, words)]):
            out.append(tid)
    return out


def task_text(task: dict[str, Any]) -> str:
    """All the wording of a task that says what it is about."""
    parts = [task.get("title") or "", task.get("text", ""), task.get("closing") or ""]
    parts.extend(item["text"] for item in task.get("items", []))
    return "\n".join(parts)
