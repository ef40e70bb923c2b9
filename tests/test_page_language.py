"""Each tree speaks its language, measured on every page of the seed portal.

- English tree: the share of Chinese characters in the page text outside the original-text
  blocks (`data-pp-original`: plan text, quotes) stays under 5 %, and every Chinese word
  left (a unit's official name, a document number, a name without translation) is marked
  `lang="zh-Hans"`, so that it is a marked fallback, never an untranslated title.
- Chinese tree: no English prose (three or more Latin words in a row) and no data-file ids
  (slugs such as `hazard-investigation`, field names such as `doc_number`) outside code,
  English-marked names and links' addresses; the data dictionary's field names and allowed
  values are code of the files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rendering import pages_of

from generator.project import load_project

REPO = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ ,;:]+[A-Za-z][A-Za-z'’]+){2,}")
SLUG = re.compile(
    r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+){1,}\b(?!\.(?:json|ics|csv|xlsx|txt))"
    r"|\b[a-z]+(?:_[a-z]+)+\b"  # field names such as doc_number
)
FIELD_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"})


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    project, problems = load_project(REPO)
    assert project is not None, [p.format() for p in problems]
    return pages_of(project)


class _Text(HTMLParser):
    """Visible text of a page body: `text` outside original-text blocks, and of that the
    part in no Chinese-marked element (`unmarked`) and in no code or English-marked
    element (`chinese_context`)."""

    SKIP = frozenset({"script", "style", "code", "pre", "template", "time"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, str, bool]] = []
        self.text: list[str] = []
        self.unmarked: list[str] = []
        self.chinese_context: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        original, lang, code = self.stack[-1][1:] if self.stack else (False, "", False)
        classes = (a.get("class") or "").split()
        self.stack.append(
            (
                tag,
                original or "data-pp-original" in a or "hidden" in a,
                a.get("lang") or lang,
                code or tag in self.SKIP or "pp-dict__type" in classes,
            )
        )

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        _, original, lang, code = self.stack[-1] if self.stack else ("", False, "", False)
        if original or (code and not CJK.search(data)):
            return
        self.text.append(data)
        if not lang.startswith(("zh", "mn")):
            self.unmarked.append(data)
        if not code and not lang.startswith("en"):
            self.chinese_context.append(data)


def _read(content: str) -> _Text:
    parser = _Text()
    parser.feed(content.split("---", 2)[2])  # the body (front matter: the title, checked apart)
    return parser


def _chars(parts: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(parts))


def test_english_tree_is_english_outside_original_texts(seed_pages):
    english = {p: c for p, c in seed_pages.items() if p.startswith("en/")}
    assert len(english) > 200
    total = cjk = 0
    unmarked: dict[str, list[str]] = {}
    for path, content in english.items():
        page = _read(content)
        text = _chars(page.text)
        total += len(text)
        cjk += len(CJK.findall(text))
        left = [t.strip() for t in page.unmarked if CJK.search(t)]
        left += FIELD_NAME.findall(" ".join(page.text))
        if left:
            unmarked[path] = left[:3]
        title = re.search(r'^title: "(.*)"$', content, re.M)
        assert title and not CJK.search(title.group(1)), (path, title)
    share = cjk / total
    assert share < 0.05, f"{share:.1%} of the English tree's text is Chinese"
    assert not unmarked, unmarked  # Chinese words left are marked fallbacks; no field names


def test_chinese_tree_has_no_english_prose_or_ids(seed_pages):
    chinese = {p: c for p, c in seed_pages.items() if not p.startswith("en/")}
    assert len(chinese) > 200
    found: dict[str, list[str]] = {}
    for path, content in chinese.items():
        text = " ".join(_read(content).chinese_context)
        hits = LATIN_WORDS.findall(text) + SLUG.findall(text)
        if hits:
            found[path] = hits[:5]
    assert not found, found
