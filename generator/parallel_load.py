"""Parsing many YAML files with every core: a national portal has 500 plan files.

`parsing(files, processes)` forks helpers (`processes.shared_out`) that start parsing at
once, taking batches of files from a shared counter; this process meanwhile does other work
(the registry, a warm-up) and then takes batches too, so all finish together however the
work is split. Helpers send their files back marshalled: plain data and positions go
several times faster than pickled (bench/RESULTS.md).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple
from functools import partial
from pathlib import Path
from typing import Any

from .errors import Problem
from .load import LoadedYaml, load_yaml
from .paths import Folder
from .processes import shared_out

PARALLEL_FILES = 64
"""Files per process at least: fewer are parsed here alone (a fork costs more)."""
BATCH = 8
"""Files taken at a time from the shared counter."""
Loaded = tuple[LoadedYaml | None, list[Problem]]


@contextmanager
def parsing(
    files: list[tuple[Path, str]], within: Folder | None = None, processes: int = 1
) -> Iterator[Callable[[], list[Loaded]]]:
    """`load_yaml(path, display, within)` of every file, shared by up to `processes`
    processes: helpers start on entry; the function yielded parses the rest here and returns
    every result, in the order of `files`."""
    processes = min(processes, max(1, len(files) // PARALLEL_FILES))
    batches = [range(i, min(i + BATCH, len(files))) for i in range(0, len(files), BATCH)]
    work = partial(_parse_taken, files, batches, within)
    with shared_out(
        work, processes, name="plan-file parser", pack=_packed_all, unpack=_unpacked
    ) as run:

        def finish() -> list[Loaded]:
            done: dict[int, Loaded] = {}
            for part in run():
                done |= part
            return [done[index] for index in range(len(files))]

        yield finish


def _parse_taken(
    files: list[tuple[Path, str]],
    batches: list[range],
    within: Folder | None,
    take: Callable[[], int],
) -> dict[int, Loaded]:
    done: dict[int, Loaded] = {}
    while (batch := take()) < len(batches):
        for index in batches[batch]:
            done[index] = load_yaml(*files[index], within)
    return done


def _packed_all(done: dict[int, Loaded]) -> bytes:
    return marshal.dumps({index: _packed(*loaded) for index, loaded in done.items()})


def _packed(loaded: LoadedYaml | None, problems: list[Problem]) -> tuple[Any, list[Any]]:
    fields = None
    if loaded is not None:
        fields = (
            loaded.path,
            loaded.data,
            loaded.marks,
            loaded.key_marks,
            loaded.ambiguous,
            loaded.alias_chars,
        )
    return fields, [astuple(problem) for problem in problems]


def _unpacked(packed: bytes) -> dict[int, Loaded]:
    return {
        index: (
            LoadedYaml(*fields) if fields is not None else None,
            [Problem(*problem) for problem in problems],
        )
        for index, (fields, problems) in marshal.loads(packed).items()
    }
