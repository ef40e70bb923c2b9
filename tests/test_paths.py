"""What the build reads: regular files only, inside their folder, size checked first."""

from __future__ import annotations

import os
from pathlib import Path

from generator.load import MAX_FILE_BYTES, read_text
from generator.paths import Folder, read_bounded


def test_a_device_is_refused_without_reading_it() -> None:
    text, problems = read_text(Path("/dev/zero"), "plans/zero.yaml")
    assert text is None
    assert [p.format() for p in problems] == [
        "plans/zero.yaml:1:1: file is a device, not a regular file (plan and data files must "
        "be regular files; replace it by one or remove it)"
    ]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    got = read_bounded(tmp_path / "x.yaml", 100)
    assert got == ("not-a-file", "is a FIFO (named pipe), not a regular file")


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:  # sparse: 6 MiB said, nothing written
        out.truncate(6 * 1048576)
    _, problems = read_text(big, "plans/big.yaml")
    assert problems[0].message == "file is 6.0 MiB; the limit is 5 MiB"
    assert read_bounded(big, MAX_FILE_BYTES).code == "file-too-large"  # type: ignore[union-attr]


def test_a_symlink_out_of_the_folder_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "secret.yaml").write_text("a: b\n", encoding="utf-8")
    (tmp_path / "plans" / "x.yaml").symlink_to(tmp_path / "secret.yaml")
    (tmp_path / "plans" / "y.yaml").symlink_to("x.yaml")  # a chain leaving in its last link
    folder = Folder(tmp_path, "plans")
    for name in ("x.yaml", "y.yaml"):
        text, problems = read_text(tmp_path / "plans" / name, f"plans/{name}", folder)
        assert text is None
        assert problems[0].message == "file is a symbolic link to secret.yaml, outside plans/"


def test_a_symlink_within_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text("a: b\n", encoding="utf-8")
    (tmp_path / "plans" / "b.yaml").symlink_to("a.yaml")
    text, problems = read_text(
        tmp_path / "plans" / "b.yaml", "plans/b.yaml", Folder(tmp_path, "plans")
    )
    assert (text, problems) == ("a: b\n", [])


def test_a_folder_that_is_a_symlink_out_of_the_project_is_not_inside_it(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.yaml").write_text("a: b\n", encoding="utf-8")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "plans").symlink_to(tmp_path / "elsewhere")
    folder = Folder(tmp_path / "project", "plans")
    assert folder.outside(tmp_path / "project" / "plans" / "a.yaml") is not None


def test_only_a_regular_file_inside_data_sources_is_publishable(tmp_path: Path) -> None:
    from generator.paths import publishable_source

    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    (sources / "a.txt").write_text("原文\n", encoding="utf-8")
    (sources / "link.txt").symlink_to("a.txt")
    (sources / "out.txt").symlink_to("/etc/passwd")
    assert publishable_source(tmp_path, "data/sources/a.txt")
    assert publishable_source(tmp_path, "data/sources/link.txt")
    for bad in (
        "data/sources/out.txt",
        "/etc/passwd",
        "/proc/self/environ",
        "../x",
        "data/sources/../../x",
        "data/sources",
        "data/sources/missing.txt",
    ):
        assert not publishable_source(tmp_path, bad), bad
