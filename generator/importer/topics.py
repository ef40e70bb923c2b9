"""Topic ids by keyword, from `data/topics.yaml` (`topics: [{id, name, name_en, keywords}]`).

The file is optional: without it no topics are assigned.

A domain of a domain lead (区发改委牵头负责油气长输管道、电力等安全) also takes a topic whose name
it is, or a short form of the name (电力 → 电力安全, 渔业 → 农业机械和渔业).  Task topics stay
plain keyword matches: the stricter rules tried for passing mentions in long enumerations
lost more reviewed topics than they removed wrong ones (figures in the import fix report).
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
            # compared without spaces: removed here once, not for every task
            words = tuple(w for k in entry.get("keywords") or () if (w := _SPACE.sub("", str(k))))
            out.append((str(entry["id"]), str(entry.get("name") or ""), words))
    return out


def match_topics(text: str, topics: Topics) -> list[str]:
    """Ids of the topics whose keywords occur in `text` (spaces ignored), in file order."""
    flat = _SPACE.sub("", text)
    return [tid for tid, _, words in topics if any(w in flat for w in words)]


def match_domains(domains: list[str], topics: Topics) -> list[str]:
    """Topics of a domain list (建筑施工、燃气): a domain names the topic or holds a keyword."""
    out = []
    for tid, name, words in topics:
        terms = name_terms(name) if name else ()
        hit = any(d == name or (name and name in d) or d in terms for d in domains)
        if hit or match_topics("、".join(domains), [(tid, name, words)]):
            out.append(tid)
    return out


def name_terms(name: str) -> tuple[str, ...]:
    """Short forms of a topic's name: its parts around 和, without a trailing 安全
    (农业机械和渔业 → 农业机械, 渔业; 电力安全 → 电力)."""
    parts = [re.sub(r"安全$", "", p) for p in name.split("和")]
    return tuple(p for p in parts if len(p) >= 2)


def task_text(task: dict[str, Any]) -> str:
    """All the wording of a task that says what it is about."""
    parts = [task.get("title") or "", task.get("text", ""), task.get("closing") or ""]
    parts.extend(item["text"] for item in task.get("items", []))
    return "\n".join(parts)
