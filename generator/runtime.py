"""The garbage collector's settings for long builds.

A national portal's model is millions of long-lived objects (plans, tasks, their source
positions, views). CPython's default collector thresholds (700, 10, 10) rescan all of them
every few thousand allocations, which was most of loading a national project and a good
part of rendering (bench/RESULTS.md). Nearly everything the build allocates lives until
the build ends or is freed by reference counting, so collecting far less often loses
nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from .processes import return_freed_memory

BUILD_THRESHOLDS = (100_000, 50, 1_000)
"""Young-generation allocations between collections, then the older generations' factors."""


def tune_gc() -> None:
    """Collect cycles less often for the rest of this process (see the module's docstring)."""
    if gc.get_threshold()[0] < BUILD_THRESHOLDS[0]:
        gc.set_threshold(*BUILD_THRESHOLDS)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave everything allocated so far out of collections while the block runs (the
    loaded project, before MkDocs builds from it: a third of a build at M, bench/RESULTS.md)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BUILD_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def release_memory() -> None:
    """Collect, then hand the freed heap back to the system, e.g. before a large program
    starts (see `processes.return_freed_memory`)."""
    gc.collect()
    return_freed_memory()
