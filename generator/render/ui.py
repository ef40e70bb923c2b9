"""Interface strings per language, from `data/ui/<lang>.yaml` (none are hard-coded)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from string import Formatter
from types import MappingProxyType

import yaml

UI_DIR = Path(__file__).resolve().parents[2] / "data" / "ui"


class UiStrings(Mapping[str, str]):
    """Read-only UI strings; a missing key is an error, not a blank on the page."""

    def __init__(self, lang: str, strings: Mapping[str, str]) -> None:
        self.lang = lang
        self._strings = MappingProxyType(dict(strings))

    def __getitem__(self, key: str) -> str:
        try:
            return self._strings[key]
        except KeyError:
            raise KeyError(f"UI string `{key}` is missing from data/ui/{self.lang}.yaml") from None

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._strings)

    def __len__(self) -> int:
        return len(self._strings)

    def format(self, key: str, **values: object) -> str:
        return self[key].format(**values)

    def pieces(self, key: str) -> tuple[tuple[str, str], ...]:
        """The string cut at its placeholders: (text, name of the placeholder after it, or
        ""), so that a template can put markup where the string has `{task}`:
        `依{task}的统一要求` → `(("依", "task"), ("的统一要求", ""))`."""
        return _pieces(self[key])


@lru_cache(maxsize=256)
def _pieces(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((literal, name or "") for literal, name, _, _ in Formatter().parse(text))


@lru_cache(maxsize=8)
def load_ui(lang: str, ui_dir: Path = UI_DIR) -> UiStrings:
    with (ui_dir / f"{lang}.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"data/ui/{lang}.yaml must map names to strings")
    return UiStrings(lang, data)
