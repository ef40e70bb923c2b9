"""The site's language trees: which languages, where each tree lives, how each is tagged.

A module of constants only, so that code which needs them outside rendering (the search
indexer, run in a process kept small on purpose) does not import the renderer.
"""

from __future__ import annotations

LANGS = ("zh", "en")
"""Languages of the site; the first is the default, at the site root."""
DEFAULT_LANG = LANGS[0]
PREFIX = {"zh": "", "en": "en/"}
"""Site path prefix of each language tree."""
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
"""BCP 47 tag of each tree, for `<html lang>` and `hreflang`."""
TEXT_LANG = HTML_LANG["zh"]
"""Language of the plan text (and of every name the data has only in Chinese)."""
LANG_NAME = {"zh": "中文", "en": "English"}
"""Each language named in itself (the language switch shows the other one)."""
