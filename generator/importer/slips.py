"""Evident slips known to occur in plan texts: kept as printed, explained in a note."""

from __future__ import annotations

from typing import Any

# wording → explanation (the wording stays in the text; the note tells the reader).
KNOWN_SLIPS: dict[str, str] = {
    "第一配合单位": "疑为“第一责任人”之误（全文替换“责任人”为“配合单位”所致），按原文保留。",
}


def slip_notes(text: str) -> list[dict[str, Any]]:
    return [{"text": why, "quote": w} for w, why in KNOWN_SLIPS.items() if w in text]
