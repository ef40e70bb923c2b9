"""Importer benchmark: the corpus table, the PDF libraries compared, and import at scale.

    .venv/bin/python bench/importer.py            # rewrites the importer block of RESULTS.md
    .venv/bin/python bench/importer.py --print    # prints it only

1. Corpus (tests/importer_corpus): per document, tasks found / expected, metadata fields right
   / total (incl. spot-checked responsibilities), unit names resolved and reported, dates
   found, coverage of the extracted text, seconds (read + import).
2. PDF libraries on the corpus's CJK PDFs and on a 100-page PDF made of their pages: share of
   the source's CJK characters extracted in order, spaces inside CJK runs (noise the importer
   must repair), seconds.  pdfminer.six and pypdf are compared when installed (they are not
   dependencies: `pip install pdfminer.six pypdf`).
3. Scale: a 100-page PDF, a 1 MB text, 5,000 numbered tasks, a 100,000-character line.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from importer_corpus.corpus import HERE as CORPUS  # noqa: E402
from importer_corpus.corpus import cases, evaluate  # noqa: E402

from generator.importer import import_document, import_text  # noqa: E402
from generator.importer.coverage import cjk  # noqa: E402
from generator.importer.sources import read_document  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- importer:begin -->", "<!-- importer:end -->"
PDFS = ("000-hulunbeier", "002-yuzhou", "v1-redheader")
_NOISE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def corpus_table() -> list[str]:
    rows = [
        "| document | read as | tasks | metadata | units resolved (reported) | dates | coverage "
        "| s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals = [0, 0, 0, 0, 0, 0, 0]
    for case in cases():
        r = evaluate(case)
        rows.append(
            f"| {case.file} | {r.kind} | {r.tasks}/{case.tasks} | "
            f"{r.metadata_right}/{r.metadata_total} | {r.units_resolved}/{r.units_total} "
            f"({r.units_reported}) | {r.dates} | {r.coverage:.1%} | {r.seconds:.2f} |"
        )
        for i, v in enumerate(
            (
                r.tasks,
                case.tasks,
                r.metadata_right,
                r.metadata_total,
                r.units_resolved,
                r.units_total,
                r.units_reported,
            )
        ):
            totals[i] += v
    t, te, m, mt, u, ut, ur = totals
    rows.append(
        f"| **all {len(cases())}** | | **{t}/{te}** | **{m}/{mt}** | **{u}/{ut} ({ur})** | | | |"
    )
    share = (u + ur) / ut if ut else 1.0
    rows.append("")
    rows.append(
        f"Goals: tasks {t / te:.0%} (goal 100 %), metadata {m / mt:.0%} (goal 100 %), unit names "
        f"resolved or reported {share:.0%} (goal ≥ 95 %)."
    )
    return rows


def _pypdfium2(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def _pypdf(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


LIBRARIES: dict[str, Callable[[Path], str]] = {
    "pypdfium2 (PDFium; Apache-2.0/BSD)": _pypdfium2,
    "pdfminer.six (MIT, pure Python)": _pdfminer,
    "pypdf (BSD, pure Python)": _pypdf,
}


def hundred_pages(tmp: Path) -> Path:
    """A 100-page PDF made of the corpus PDFs' pages, repeated."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    while len(out) < 100:
        for stem in PDFS:
            src = pdfium.PdfDocument(str(CORPUS / "files" / f"{stem}.pdf"))
            out.import_pages(src, list(range(min(len(src), 100 - len(out)))))
            src.close()
            if len(out) >= 100:
                break
    path = tmp / "hundred.pdf"
    out.save(str(path))
    return path


def library_table(big: Path) -> list[str]:
    rows = [
        "| library | CJK characters in order, 3 PDFs by LibreOffice (vs their Word text) "
        "| web page printed by Chromium (vs the page's article) | spaces inside CJK runs "
        "| s, 3 PDFs (23 pages) | s, 100 pages |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    wanted = {s: cjk(read_document(CORPUS / "files" / f"{s}.docx").text()) for s in PDFS}
    article = cjk(read_document(CORPUS / "files" / "001-datong.html").text())
    for name, extract in LIBRARIES.items():
        try:
            extract(CORPUS / "files" / "v1-redheader.pdf")
        except ImportError:
            rows.append(f"| {name} | not installed | | | | |")
            continue
        same = total = noise = 0
        texts = {}
        start = time.perf_counter()
        for stem in PDFS:
            texts[stem] = extract(CORPUS / "files" / f"{stem}.pdf")
        small = time.perf_counter() - start
        for stem, text in texts.items():
            want, got = wanted[stem], cjk(text)
            matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
            same += sum(b.size for b in matcher.get_matching_blocks())
            total += len(want)
            noise += len(_NOISE.findall(text))
        printed = cjk(extract(CORPUS / "files" / "001-datong-printed.pdf"))
        matcher = difflib.SequenceMatcher(None, article, printed, autojunk=False)
        web = sum(b.size for b in matcher.get_matching_blocks()) / len(article)
        start = time.perf_counter()
        extract(big)
        large = time.perf_counter() - start
        rows.append(
            f"| {name} | {same / total:.2%} | {web:.2%} | {noise} | {small:.2f} | {large:.1f} |"
        )
    return rows


def scale_table(big: Path) -> list[str]:
    rows = ["| input | size | tasks | s |", "| --- | ---: | ---: | ---: |"]
    start = time.perf_counter()
    doc = read_document(big)
    result = import_document(doc, region="x", source_file=big.name)
    rows.append(
        f"| 100-page PDF (corpus pages repeated), read + import | {big.stat().st_size // 1024} KiB "
        f"| {result.report.counts['tasks']} | {time.perf_counter() - start:.1f} |"
    )
    seed = (ROOT / "data" / "sources" / "000_c46c0894d1a50a54.txt").read_text(encoding="utf-8")
    numbered = "\n".join(
        f"{n}.加强第{n}项安全管理工作，2024年底前完成。（县应急管理局牵头）" for n in range(1, 5001)
    )
    inputs = [
        ("1 MB text (seed 000 × 27)", seed * 27),
        (
            "5,000 numbered tasks with units and deadlines",
            f"某县方案（2024年）\n一、任务\n{numbered}\n",
        ),
        ("100,000 characters on one line", "某县方案（2024年）\n" + "安全生产治本攻坚，" * 11_112),
    ]
    for name, text in inputs:
        start = time.perf_counter()
        result = import_text(text, region="x", source_file="x.txt")
        rows.append(
            f"| {name} | {len(text.encode()) // 1024} KiB | {result.report.counts['tasks']} "
            f"| {time.perf_counter() - start:.1f} |"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print only, do not write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = hundred_pages(Path(tmp))
        block = [
            BEGIN,
            f"Measured {time.strftime('%Y-%m-%d')} by `bench/importer.py` on 2 shared cores.",
            "",
            "### Corpus (tests/importer_corpus)",
            "",
            *corpus_table(),
            "",
            "### PDF libraries on CJK documents",
            "",
            *library_table(big),
            "",
            "### Scale",
            "",
            *scale_table(big),
            END,
        ]
    text = "\n".join(block)
    print(text)
    if not args.print:
        old = RESULTS.read_text(encoding="utf-8")
        if BEGIN in old:
            new = old[: old.index(BEGIN)] + text + old[old.index(END) + len(END) :]
        else:
            new = old.rstrip() + "\n\n## Importer\n\n" + text + "\n"
        RESULTS.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
