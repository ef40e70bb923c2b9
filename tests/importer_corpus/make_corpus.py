# ruff: noqa: E501  (OOXML and HTML templates are kept on their natural lines)
"""Build the importer's corpus: the seed texts and the variations in `texts/` in every format.

    .venv/bin/python tests/importer_corpus/make_corpus.py          # all but the PDFs
    .venv/bin/python tests/importer_corpus/make_corpus.py --pdf    # PDFs too (LibreOffice)

Writes into `files/` (committed: the tests and `bench/importer.py` read them, and CI needs
no LibreOffice).  The Word files are written here directly as OOXML so that their numbers
are Word's automatic numbering (numbering.xml), not typed text; the PDFs are the Word files
printed by LibreOffice with the Noto CJK fonts.  Regenerate after changing a text, review the
diff of `expected/`, commit both.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "data" / "sources"
TEXTS = HERE / "texts"
FILES = HERE / "files"

_CN = "零一二三四五六七八九"


def cn_to_int(text: str) -> int | None:
    values = {c: i for i, c in enumerate(_CN)}
    if not text or any(c not in values and c != "十" for c in text):
        return None
    if "十" not in text:
        return values[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (values[tens] if tens else 1) * 10 + (values[ones] if ones else 0)


# --- Word (.docx) with automatic numbering --------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
</Relationships>"""
# GB/T 9704 page numbers (— 1 —) and a running head, as printed documents have them
FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {W_NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"""
HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W_NS}><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{{head}}</w:t></w:r></w:p></w:hdr>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC"/><w:sz w:val="28"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:line="480" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"""


def _level(ilvl: int, fmt: str, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
    )


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W_NS}>
<w:abstractNum w:abstractNumId="0">
{_level(0, "chineseCounting", "%1、")}
{_level(1, "chineseCounting", "（%2）")}
{_level(2, "decimal", "%3．")}
{_level(3, "decimal", "（%4）")}
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, ilvl: int | None = None, style: str | None = None) -> str:
    ppr = ""
    if style:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    elif ilvl is not None:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}{_run(text)}</w:p>"


def _table(rows: list[list[str | None]], vmerge_cols: set[int]) -> str:
    """Cells equal to the one above in `vmerge_cols` are merged vertically; None spans left."""
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>']
    for r, row in enumerate(rows):
        out.append("<w:tr>")
        c = 0
        while c < len(row):
            span = 1
            while c + span < len(row) and row[c + span] is None:
                span += 1
            props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            text = row[c] or ""
            if c in vmerge_cols and r > 1:
                if rows[r - 1][c] == text and text:
                    props += "<w:vMerge/>"
                    text = ""
                elif r + 1 < len(rows) and rows[r + 1][c] == text and text:
                    props += '<w:vMerge w:val="restart"/>'
            elif c in vmerge_cols and r == 1 and r + 1 < len(rows) and rows[r + 1][c] == text:
                props += '<w:vMerge w:val="restart"/>'
            tcpr = f"<w:tcPr>{props}</w:tcPr>" if props else ""
            paras = "".join(_para(p) for p in text.split("\n")) or "<w:p/>"
            out.append(f"<w:tc>{tcpr}{paras}</w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def write_docx(path: Path, body: list[str], head: str = "") -> None:
    """A Word file; with `head`, a running head and page numbers (— 1 —) on every page."""
    refs = (
        '<w:headerReference w:type="default" r:id="rId4"/>'
        '<w:footerReference w:type="default" r:id="rId3"/>'
        if head
        else ""
    )
    r_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    doc = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS} {r_ns}><w:body>'
        + "".join(body)
        + f"<w:sectPr>{refs}"
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/></w:sectPr>'
        "</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/styles.xml", STYLES)
        if head:
            z.writestr("word/footer1.xml", FOOTER)
            z.writestr("word/header1.xml", HEADER.replace("{head}", escape(head)))


_CHAPTER = re.compile(r"^([零一二三四五六七八九十]+)、(.*)$")
_SECTION = re.compile(r"^[（(]\s*([零一二三四五六七八九十]+)\s*[）)](.*)$")
_TASK = re.compile(r"^(\d{1,3})[.．、](?!\d)(.*)$")


def numbered_paragraphs(text: str, tasks: bool = True) -> list[str]:
    """The text's lines as Word paragraphs; markers in sequence become automatic numbering
    (the typed number removed), so the printed numbers exist only in numbering.xml.  With
    `tasks=False` only chapters and sections are numbered by Word: a text whose task numbers
    do not restart where Word's would (seed 002) keeps them typed."""
    out: list[str] = []
    chapter = section = task = in_section = 0
    started = False
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if m := _CHAPTER.match(line):
            n = cn_to_int(m.group(1))
            if n == chapter + 1 and (started or n == 1):
                chapter, section, started, in_section = n, 0, True, 0
                out.append(_para(m.group(2), 0))
                continue
        m = _SECTION.match(line) if started else None
        if m and cn_to_int(m.group(1)) == section + 1:
            section, in_section = section + 1, 0
            out.append(_para(m.group(2), 1))
            continue
        if tasks and started and (m := _TASK.match(line)):
            # a number continuing the text's count, or a 1 opening a section, is a task: Word
            # numbers it (restarting after each higher level, as Word and LibreOffice do)
            n = int(m.group(1))
            if n == task + 1 or (n == 1 and in_section == 0):
                task, in_section = n, in_section + 1
                out.append(_para(m.group(2), 2))
                continue
        out.append(_para(line))
    return out


# --- the seed-derived documents -------------------------------------------------------------


def seed(name: str) -> str:
    return next(SOURCES.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


_ROLE = re.compile(r"^(牵头|配合|责任)单位[：:](.*)$")


def task_rows_004(text: str) -> tuple[str, list[str], list[list[str | None]]]:
    """Seed 004 as a task table: (title, lines before the table, rows)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = lines[0]
    header = ["序号", "重点任务", "工作内容", "牵头单位", "配合单位", "责任单位"]
    rows: list[list[str | None]] = [list(header)]
    preamble: list[str] = []
    chapter = ""
    current: dict[str, str] | None = None
    number = 0

    def flush() -> None:
        if current:
            rows.append(
                [
                    current["no"],
                    chapter,
                    current["text"],
                    current.get("牵头", ""),
                    current.get("配合", ""),
                    current.get("责任", ""),
                ]
            )

    for line in lines[1:]:
        if (m := _CHAPTER.match(line)) and cn_to_int(m.group(1)):
            flush()
            current = None
            chapter = line
            continue
        if (m := _SECTION.match(line)) and chapter:
            flush()
            number += 1
            current = {"no": str(number), "text": m.group(2)}
            continue
        if (m := _ROLE.match(line)) and current is not None:
            current[m.group(1)] = m.group(2)
            continue
        if current is not None:
            current["text"] += "\n" + line
        elif not chapter:
            preamble.append(line)
    flush()
    return title, preamble, rows


def web_page(title: str, paragraphs: list[str], table_html: str = "") -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{html.escape(title)}_云岭市人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav a {{ margin: 0 1em }}</style></head>
<body>
<div class="top-bar">无障碍 | 长者模式 | 登录 | 注册</div>
<div class="header"><img src="logo.png" alt="云岭市人民政府"><div class="search"><input value="请输入关键词"></div></div>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a><a href="/zjyl/">走进云岭</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/wj/">政府文件</a></div>
<div class="main">
<div class="left-menu"><ul><li><a href="#">政策文件</a></li><li><a href="#">政策解读</a></li><li><a href="#">规划计划</a></li><li><a href="#">人事信息</a></li></ul></div>
<div class="article">
<h1 class="article-title">{html.escape(title)}</h1>
<div class="article-info">发布时间：2024-03-20 10:30 来源：云岭市应急管理局 浏览次数：1024 【字体：大 中 小】</div>
<div class="article-content" id="zoom">
{body}
{table_html}
</div>
<div class="share">分享到：微信 微博 QQ空间 【打印本页】【关闭窗口】</div>
</div></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="#">关于做好汛期安全防范工作的通知</a></li><li><a href="#">市应急管理局召开安全生产工作会议</a></li></ul></div>
<div class="footer">主办单位：云岭市人民政府办公室 承办单位：云岭市大数据中心 网站标识码：0000000000 备案号：XX备00000000号 版权所有 联系我们 网站地图</div>
</body></html>"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also print PDFs with LibreOffice")
    args = parser.parse_args()
    FILES.mkdir(exist_ok=True)

    # seed 000 and 002: Word with automatic numbering (→ PDF)
    write_docx(FILES / "000-hulunbeier.docx", numbered_paragraphs(seed("000")))
    write_docx(FILES / "002-yuzhou.docx", numbered_paragraphs(seed("002"), tasks=False))
    # seed 001: a web page (GB2312 declared, as many sites still do) and a GB18030 text
    lines = [ln.strip() for ln in seed("001").splitlines() if ln.strip()]
    page = web_page(lines[1], lines)
    (FILES / "001-datong.html").write_bytes(page.encode("gb18030"))
    (FILES / "001-datong-gb18030.txt").write_bytes(seed("001").encode("gb18030"))
    # seed 004: a Word file whose tasks are a table (merged 重点任务 cells), an .xlsx with a
    # title row and the same table, and a CSV saved by Excel on Chinese Windows (GBK)
    title, preamble, rows = task_rows_004(seed("004"))
    write_docx(
        FILES / "004-bojingtan-table.docx",
        [_para(title), *(_para(p) for p in preamble), _para("任务分解表"), _table(rows, {1})],
    )
    book = xlsxwriter.Workbook(str(FILES / "004-bojingtan.xlsx"))
    sheet = book.add_worksheet("任务分解")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.merge_range(0, 0, 0, len(rows[0]) - 1, title, wrap)
    for i, row in enumerate(rows):
        sheet.write_row(1 + i, 0, row, wrap)
    run_start = 1
    for i in range(2, len(rows) + 1):  # merge runs of equal 重点任务 cells
        if i == len(rows) or rows[i][1] != rows[run_start][1]:
            if i - 1 > run_start:
                sheet.merge_range(1 + run_start, 1, i, 1, rows[run_start][1], wrap)
            run_start = i
    book.close()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([title] + [""] * (len(rows[0]) - 1))
    for i, row in enumerate(rows):  # a merged range's value in its first row, as Excel does
        writer.writerow([*row[:1], "" if i > 1 and row[1] == rows[i - 1][1] else row[1], *row[2:]])
    (FILES / "004-bojingtan-gbk.csv").write_bytes(buf.getvalue().encode("gb18030"))

    # variations: texts as written, and some in other formats
    for text in sorted(TEXTS.glob("*.txt")):
        shutil.copyfile(text, FILES / text.name)
    write_docx(
        FILES / "v1-redheader.docx",
        numbered_paragraphs((TEXTS / "v1-redheader.txt").read_text(encoding="utf-8")),
        head="云岭市人民政府办公室",
    )
    v3 = (TEXTS / "v3-pipe-table.txt").read_text(encoding="utf-8").splitlines()
    table = [[c.strip() for c in ln.split("|")] for ln in v3[1:] if "|" in ln]
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table
    )
    page = web_page(v3[0], [], f"<table border='1'>{cells}</table>")
    (FILES / "v3-table.html").write_bytes(page.encode("gb18030"))
    # a notice whose plan is the attached task table (merged 重点领域 cells), then 版记
    v5 = (TEXTS / "v5-notice-table.txt").read_text(encoding="utf-8").splitlines()
    rows5: list[list[str | None]] = [[c.strip() for c in ln.split("|")] for ln in v5 if "|" in ln]
    first = next(i for i, ln in enumerate(v5) if "|" in ln)
    last = max(i for i, ln in enumerate(v5) if "|" in ln)
    write_docx(
        FILES / "v5-notice-table.docx",
        [
            *(_para(ln) for ln in v5[:first]),
            _table(rows5, {1}),
            *(_para(ln) for ln in v5[last + 1 :]),
        ],
    )
    if args.pdf:
        return make_pdfs()
    return 0


def make_pdfs() -> int:
    """The Word files printed by LibreOffice; the web page printed by Chromium, site
    furniture and all (a second PDF producer, and a plan as some staff save it)."""
    soffice = shutil.which("soffice")
    chromium = shutil.which("chromium")
    if not soffice or not chromium:
        print("LibreOffice (soffice) and Chromium are needed for --pdf", file=sys.stderr)
        return 1
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={FILES / '001-datong-printed.pdf'}",
            (FILES / "001-datong.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for stem in ("000-hulunbeier", "002-yuzhou", "v1-redheader"):
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(FILES),
                    str(FILES / f"{stem}.docx"),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
