"""Pinyin sort keys and A–Z letters for Chinese names."""

from __future__ import annotations

from functools import lru_cache

try:  # the project's pinyin module (with overrides for polyphones and place names)
    from ..pinyin import full_pinyin as _full_pinyin
except ImportError:  # pragma: no cover - fallback before generator.pinyin existed
    from pypinyin import lazy_pinyin

    def _full_pinyin(text: str) -> str:
        return "".join(lazy_pinyin(text)).lower()


def strip_region(name: str, region_name: str) -> str:
    """`呼伦贝尔市应急管理局` → `应急管理局`: sort within a region by what differs."""
    return (
        name[len(region_name) :] if name.startswith(region_name) and name != region_name else name
    )


@lru_cache(maxsize=65536)
def sort_key(name: str, region_name: str = "") -> str:
    return _full_pinyin(strip_region(name, region_name)).lower()


def letter(key: str) -> str:
    """A–Z, or `#` for anything else."""
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"
