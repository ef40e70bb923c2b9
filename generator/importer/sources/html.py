"""Web pages saved from government sites (.html): the article, not the site around it.

The page is parsed into a light tree (the standard library's tolerant parser); scripts,
styles, forms and navigation elements are dropped; every block's own text scores its
ancestors (its CJK characters and sentence punctuation, less the text of its links), and the
element with the best score is the article.  A heading printed above the article (the page's
<h1>, or an element whose class or id says title) is put in front when the article does not
repeat it.  Blocks become lines, <br> a line break, tables `Table`s with their merges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .document import Block, Extracted, Table
from .files import decode_text

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "form",
        "button",
        "select",
        "textarea",
        "svg",
        "canvas",
        "nav",
        "header",
        "footer",
        "aside",
        "object",
        "head",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "blockquote",
        "pre",
        "center",
        "body",
        "html",
        "address",
        "figure",
        "figcaption",
    ]
)
# Class/id words of page furniture (menus, share bars, footers): never the article.
_FURNITURE = re.compile(
    r"nav|menu|footer|header|sidebar|breadcrumb|crumb|share|comment|copyright|related|"
    r"banner|toolbar|links?$|friend|search|login|print|qrcode|ewm|topbar|bottom",
    re.I,
)
_TITLE_HINT = re.compile(r"title|biaoti|tit\b|headline", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PUNCT = re.compile(r"[，。；：、]")
_TABLE_PARTS = frozenset(["td", "th", "tr", "tbody", "thead", "tfoot", "caption"])
_DOMINANT = 0.75
"""Share of its parent's text a child must hold to be taken as the article instead."""
_MAX_DEPTH = 400
"""Deeper elements are read as part of their ancestor (a page nested 100,000 deep stays
readable without recursion errors)."""
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)
    score: float = 0.0

    def hint(self) -> str:
        return f"{self.attrs.get('class', '')} {self.attrs.get('id', '')}"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag in _DROP and tag not in _VOID:
                self.dropping += 1
            return
        if tag in _DROP:
            self.dropping = 1
            return
        # <p> and table parts close an open one of their kind (HTML's implied end tags).
        if tag in ("p", "li", "tr", "td", "th", "dt", "dd"):
            closes = {
                "p": ("p",),
                "li": ("li",),
                "tr": ("tr", "td", "th"),
                "td": ("td", "th"),
                "th": ("td", "th"),
                "dt": ("dt", "dd"),
                "dd": ("dt", "dd"),
            }[tag]
            if self.stack[-1].tag in closes:
                self.stack.pop()
                if tag == "tr" and self.stack[-1].tag == "tr":
                    self.stack.pop()
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping and tag not in _DROP:
            self.stack[-1].children.append(
                Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
            )

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in _DROP:
                self.dropping -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.stack[-1].children.append(data)


def _own_text(node: Node) -> tuple[str, int]:
    """Text directly in the node and its inline children; link text counted separately."""
    text: list[str] = []
    linked = 0
    for child in node.children:
        if isinstance(child, str):
            text.append(child)
        elif child.tag not in _BLOCK:
            inner, inner_linked = _own_text(child)
            text.append(inner)
            linked += len(_CJK.findall(inner)) if child.tag == "a" else inner_linked
    return "".join(text), linked


def _walk(node: Node):
    """Every element of the subtree, in document order (no recursion)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed([c for c in current.children if isinstance(c, Node)]))


def _furniture(node: Node) -> bool:
    return node.tag != "body" and bool(_FURNITURE.search(node.hint()))


def _score(root: Node) -> Node:
    """The article: from the page down, into the one child that holds most (`_DOMINANT`) of
    its parent's text, until no child does (the article's paragraphs and tables split it)."""
    nodes = list(_walk(root))
    for node in reversed(nodes):  # children before parents
        if _furniture(node):
            node.score = 0.0
            continue
        text, linked = _own_text(node) if node.tag in _BLOCK or node is root else ("", 0)
        own = len(_CJK.findall(text)) - 2 * linked + 5 * len(_PUNCT.findall(text))
        inner = sum(c.score for c in node.children if isinstance(c, Node))
        node.score = max(own, 0) + inner
    node = root
    while True:
        children = [c for c in node.children if isinstance(c, Node) and c.score > 0]
        if not children:
            return node
        best = max(children, key=lambda c: c.score)
        if best.score < _DOMINANT * node.score or _data_table(node):
            return node
        node = best  # also into a layout table's cell (old sites lay pages out in tables)


def _data_table(node: Node) -> bool:
    """A table of data (three rows or more with two filled cells), not a page layout."""
    if node.tag != "table":
        return False
    rows = [n for n in _walk(node) if n.tag == "tr"]
    filled = 0
    for row in rows:
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
        if sum(1 for c in cells if _own_text(c)[0].strip()) >= 2:
            filled += 1
    return filled >= 3


class _Lines:
    """Lines and tables of a subtree, in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.line: list[str] = []

    def flush(self) -> None:
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.line)).strip()
        if text:
            self.blocks.append(text)
        self.line = []

    def add(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.line.append(child)
            elif child.tag == "br":
                self.flush()
            elif child.tag == "table":
                self.flush()
                self.blocks.append(_table(child))
            elif child.tag in _BLOCK:
                self.flush()
                self.add(child)
                self.flush()
            else:
                self.add(child)


def _table(node: Node) -> Table:
    rows: list[list[str | None]] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan above
    for tr in (n for n in _walk(node) if n.tag == "tr"):
        row: list[str | None] = []
        col = 0
        for cell in (c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")):
            while pending.get(col, 0) > 0:
                pending[col] -= 1
                row.append(None)
                col += 1
            lines = _Lines()
            lines.add(cell)
            lines.flush()
            row.append("\n".join(b for b in lines.blocks if isinstance(b, str)))
            span = _int(cell.attrs.get("colspan"))
            down = _int(cell.attrs.get("rowspan"))
            for k in range(span):
                if k:
                    row.append(None)
                if down > 1:
                    pending[col + k] = down - 1
            col += span
        while pending.get(col, 0) > 0:
            pending[col] -= 1
            row.append(None)
            col += 1
        rows.append(row)
    return Table(rows)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except ValueError:
        return 1


def _heading_before(article: Node, root: Node, article_text: str) -> str | None:
    """The page's title element printed before the article, unless the article repeats it."""
    candidates = [
        n
        for n in _walk(root)
        if n is not article
        and (
            n.tag == "h1"
            or (n.tag in _BLOCK | {"span", "font", "strong"} and _TITLE_HINT.search(n.hint()))
        )
    ]
    for node in candidates:
        lines = _Lines()
        lines.add(node)
        lines.flush()
        text = " ".join(b for b in lines.blocks if isinstance(b, str)).strip()
        if 4 <= len(text) <= 120 and _CJK.search(text):
            if re.sub(r"\s", "", text) not in article_text:
                return text
            return None
    return None


def read_html(data: bytes, path: Path) -> Extracted:
    declared = _META_CHARSET.search(data[:4096])
    text, encoding = decode_text(data, path, declared.group(1).decode() if declared else None)
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    root = builder.root
    article = _score(root)
    while article.tag in _TABLE_PARTS and article.parent is not None:
        article = article.parent  # a table's best row or cell: the article holds the table
    lines = _Lines()
    if article.tag == "table":
        lines.blocks.append(_table(article))
    else:
        lines.add(article)
    lines.flush()
    notes = [f"main content: <{article.tag} {article.hint().strip()}>".replace(" >", ">")]
    flat = re.sub(r"\s", "", "".join(b for b in lines.blocks if isinstance(b, str)))
    if title := _heading_before(article, root, flat):
        lines.blocks.insert(0, title)
        notes.append(f"page title put in front: {title}")
    if encoding not in ("UTF-8", "UTF-8-SIG"):
        notes.append(f"decoded as {encoding}")
    return Extracted(lines.blocks, "html", notes)
