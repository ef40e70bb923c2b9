"""Readers of the importer (generator/importer/sources): what each format gives as text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.dump import dump_yaml
from generator.importer import import_text
from generator.importer.draft import _prepare, to_yaml
from generator.importer.sources import Table, read_document
from generator.importer.sources.docx import chinese_number, format_number
from generator.importer.sources.plaintext import text_blocks

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "importer_corpus" / "files"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("n", "fmt", "printed"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "decimalEnclosedCircle", "③"),
        (2024, "ideographDigital", "二〇二四"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimal", "7"),
        (2, "chineseLegalSimplified", "贰"),
    ],
)
def test_word_number_formats(n: int, fmt: str, printed: str) -> None:
    assert format_number(n, fmt) == printed


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 19, 21, 99, 100, 110)] == [
        "一", "九", "十", "十九", "二十一", "九十九", "一百", "一百一十"
    ]  # fmt: skip


def _docx(tmp: Path, body: str, numbering: str) -> Path:
    path = tmp / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        z.writestr("word/numbering.xml", f"<w:numbering {W}>{numbering}</w:numbering>")
    return path


def _p(text: str, ilvl: int | None = None, num: int = 1) -> str:
    numpr = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
        if ilvl is not None
        else ""
    )
    return f"<w:p>{numpr}<w:r><w:t>{text}</w:t></w:r></w:p>"


_LEVELS = (
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/></w:lvl>'
    '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3.%4"/><w:isLgl/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="7"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
)


def test_docx_automatic_numbers_are_printed(tmp_path: Path) -> None:
    body = "".join(
        [
            _p("总体要求", 0),
            _p("指导思想", 1),
            _p("主要任务", 0),
            _p("源头治理", 1),
            _p("严把准入", 2),
            _p("细化清单", 3),
            _p("强化园区", 2),
            _p("没有编号的段落"),
            _p("执法检查", 1),
            _p("联合执法", 2),
            _p("另起一个列表", 0, num=2),
        ]
    )
    doc = read_document(_docx(tmp_path, body, _LEVELS))
    assert doc.blocks == [
        "一、总体要求",
        "（一）指导思想",
        "二、主要任务",
        "（一）源头治理",
        "1.严把准入",
        "1.1细化清单",
        "2.强化园区",
        "没有编号的段落",
        "（二）执法检查",
        "1.联合执法",
        "五、另起一个列表",
    ]
    assert "automatic numbers rendered as printed: 10 paragraphs" in doc.notes


def test_docx_tables_merges_and_tracked_changes(tmp_path: Path) -> None:
    cell = "<w:tc>{}<w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>{}</w:tr>"
    table = (
        "<w:tbl>"
        + "".join(
            [
                row.format(
                    cell.format("", "序号")
                    + cell.format("", "工作内容")
                    + cell.format("", "牵头单位")
                ),
                row.format(
                    cell.format("", "1")
                    + cell.format("", "排查")
                    + cell.format('<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', "县应急局")
                ),
                row.format(
                    cell.format("", "2")
                    + cell.format("", "整治")
                    + cell.format("<w:tcPr><w:vMerge/></w:tcPr>", "")
                ),
                row.format(cell.format('<w:tcPr><w:gridSpan w:val="3"/></w:tcPr>', "二、保障")),
            ]
        )
        + "</w:tbl>"
    )
    tracked = (
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
    )
    doc = read_document(_docx(tmp_path, tracked + table, ""))
    assert doc.blocks[0] == "保留插入"
    assert doc.blocks[1] == Table(
        [["序号", "工作内容", "牵头单位"], ["1", "排查", "县应急局"], ["2", "整治", None],
         ["二、保障", None, None]]
    )  # fmt: skip


def test_text_rows_become_tables_and_markdown_rules_go() -> None:
    notes: list[str] = []
    blocks = text_blocks("标题\n| 序号 | 工作内容 |\n|---|---|\n| 1 | 排查 |\n正文", notes)
    assert blocks == ["标题", Table([["序号", "工作内容"], ["1", "排查"]]), "正文"]
    assert notes == ["Markdown table rule lines removed: 1"]
    assert text_blocks("a | b\n正文") == ["a | b", "正文"]  # one row is no table


def test_html_main_content_without_site_furniture() -> None:
    doc = read_document(FILES / "001-datong.html")
    text = doc.text()
    assert text.startswith("大安委〔2024〕2号\n关于印发《大通区安全生产治本攻坚三年行动实施方案")
    for furniture in ("首页", "当前位置", "分享到", "相关文章", "备案号", "统计代码", "发布时间"):
        assert furniture not in text
    assert "decoded as GB18030" in doc.notes  # declared gb2312


def test_html_page_title_outside_the_article_is_put_in_front() -> None:
    doc = read_document(FILES / "v3-table.html")
    assert doc.blocks[0] == "青禾县2024年消防安全重点工作任务分工表"
    assert isinstance(doc.blocks[1], Table)
    assert doc.blocks[1].rows[0] == ["序号", "工作内容", "牵头部门", "配合部门", "完成时间"]


def test_html_rowspan_and_colspan(tmp_path: Path) -> None:
    page = tmp_path / "t.html"
    page.write_text(
        "<html><body><div id=content><p>某县安全生产工作任务分工表，请认真落实，按时完成。</p>"
        "<table><tr><td>序号<td>工作内容<td>牵头单位</tr>"
        "<tr><td>1<td>排查整治，全面开展<td rowspan=2>县应急局</tr>"
        "<tr><td>2<td>宣传教育，广泛开展</tr>"
        "<tr><td colspan=3>二、保障措施</tr></table></div></body></html>",
        encoding="utf-8",
    )
    table = read_document(page).blocks[1]
    assert table == Table(
        [["序号", "工作内容", "牵头单位"], ["1", "排查整治，全面开展", "县应急局"],
         ["2", "宣传教育，广泛开展", None], ["二、保障措施", None, None]]
    )  # fmt: skip


def test_xlsx_merged_cells_and_title_row() -> None:
    doc = read_document(FILES / "004-bojingtan.xlsx")
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.rows[0][0].startswith("阿拉善盟孛井滩") and table.rows[0][1:] == [None] * 5
    assert table.rows[1] == ["序号", "重点任务", "工作内容", "牵头单位", "配合单位", "责任单位"]
    assert table.rows[3][1] is None  # merged down from row 2's 重点任务


def test_pdf_reading_order_and_page_numbers() -> None:
    doc = read_document(FILES / "000-hulunbeier.pdf")
    text = doc.text()
    assert doc.kind == "pdf (PDFium)"
    assert "呼伦贝尔市安全生产委员会文件" in text.splitlines()[0]
    assert "一、总体要求" in text.splitlines()
    assert "（一）指导思想。" in text  # the automatic numbers as LibreOffice printed them


def test_pdf_running_heads_and_page_numbers_are_removed() -> None:
    doc = read_document(FILES / "v1-redheader.pdf")  # each page: a head and — N —
    assert "page numbers removed: 4" in doc.notes
    assert "running heads/feet removed: 4" in doc.notes
    lines = doc.text().splitlines()
    assert not any(re.fullmatch(r"[—-]\s*\d+\s*[—-]", ln) for ln in lines)
    assert lines.count("云岭市人民政府办公室") == 1  # the signature; the running head is gone


def test_libyaml_draft_text_is_the_project_dumpers() -> None:
    for seed in ("000_c46c0894d1a50a54.txt", "004_b44030e284a1ed73.txt"):
        text = (ROOT / "data" / "sources" / seed).read_text(encoding="utf-8")
        result = import_text(text, region="x", source_file=seed)
        assert to_yaml(result.draft) == dump_yaml(_prepare(result.draft))
        assert yaml.safe_load(result.yaml)["id"] == result.draft["id"]


def test_task_table_header_over_two_rows() -> None:
    from generator.importer.tasktable import find_columns, table_tasks

    table = Table(
        [
            ["序号", "工作任务", "责任单位", None, "完成时限"],
            [None, None, "牵头单位", "配合单位", None],
            ["1", "排查整治", "县应急管理局", "县公安局", "2024年底前"],
        ]
    )
    cols = find_columns(table)
    assert cols is not None and cols.header_row == 1
    (task,) = table_tasks(table, cols, "t").tasks()
    assert task["responsibility"]["lead"] == ["县应急管理局"]
    assert task["responsibility"]["support"] == ["县公安局"]
    assert task["deadline_text"] == "2024年底前"


def test_html_page_laid_out_in_tables(tmp_path: Path) -> None:
    """Older government sites lay the page out in nested tables: the article is a cell."""
    page = tmp_path / "old.html"
    body = "".join(
        f"<p>{n}.开展第{n}项安全生产专项整治，落实企业主体责任。</p>" for n in range(1, 9)
    )
    page.write_text(
        "<html><body><table width=980><tr><td colspan=2><img src=logo.gif>某县人民政府</td></tr>"
        "<tr><td width=200><a href=#>首页</a><br><a href=#>政务公开</a><br><a href=#>办事服务</a>"
        f"</td><td><div class=zw><p>某县安全生产专项整治方案（2024年）</p>{body}</div></td></tr>"
        "<tr><td colspan=2>版权所有：某县人民政府 技术支持：某公司</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.blocks[0] == "某县安全生产专项整治方案（2024年）"
    assert len(doc.blocks) == 9
    assert "版权所有" not in doc.text() and "首页" not in doc.text()
