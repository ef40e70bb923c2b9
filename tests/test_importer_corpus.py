"""The importer on its corpus (tests/importer_corpus): every format, seeds and variations.

Goals of issue 20, asserted per document: every task found, every expected metadata field
and spot-checked responsibility right, every unit name resolved or reported, coverage of the
extracted text.  Timing is measured by bench/importer.py, not here.
"""

from __future__ import annotations

import pytest
from importer_corpus.corpus import cases, evaluate

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_corpus_document(case) -> None:
    result = evaluate(case)
    assert result.tasks == case.tasks
    assert result.metadata_wrong == []
    assert result.metadata_right == result.metadata_total
    assert result.units_resolved + result.units_reported >= result.units_total
    assert result.coverage >= 0.99


def test_corpus_covers_every_format() -> None:
    suffixes = {c.file.rsplit(".", 1)[-1] for c in CASES}
    assert {"txt", "docx", "pdf", "html", "xlsx", "csv"} <= suffixes
