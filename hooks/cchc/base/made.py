"""What this process has already made (generated files, the column's pages), looked up by
everything it is made from.

A build makes each once; `mkdocs serve` rebuilds in the same process, and makes again only what
an edit changed the inputs of (openpyxl and python-docx are the largest part of a small site's
build; the list pages the largest part of a preview rebuild's own work). The least recently used
are dropped beyond a bound. What only a rebuild can use (a file's checks, kept while the file
is unchanged) is kept only once the adapter said that this process rebuilds (`expect_rebuilds`):
a single build would only hold it in memory; and what the last build did not use is dropped when
the next one starts (`forget_unused`), so that a long editing session does not pile up a version
of each file per save.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


_rebuilds = False


def expect_rebuilds(expected: bool = True) -> None:
    """Whether this process will build again (`mkdocs serve`): then keep what only rebuilds use too."""
    global _rebuilds
    _rebuilds = expected


def rebuilds_expected() -> bool:
    """Whether the adapter said, when this process last started a command, that rebuilds come."""
    return _rebuilds


_for_rebuilds: weakref.WeakSet[Made] = weakref.WeakSet()


def forget_unused() -> None:
    """A build starts: what only rebuilds use and the last build did not use is dropped."""
    for memo in _for_rebuilds:
        memo._forget_unused()


class Made(Generic[T]):
    def __init__(self, kept: int, *, for_rebuilds_only: bool = False) -> None:
        self._kept = kept
        self._for_rebuilds_only = for_rebuilds_only
        self._made: dict[Hashable, T] = {}
        self._used: set[Hashable] = set()
        if for_rebuilds_only:
            _for_rebuilds.add(self)

    def _forget_unused(self) -> None:
        self._made = {key: made for key, made in self._made.items() if key in self._used}
        self._used = set()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """What was made for `key`, made by `make()` if this process has not made it yet; a key
        that cannot be hashed (a value with a list inside) is made every time. What is returned
        is shared: it must not be changed. Made every time if it is kept for rebuilds only and
        no rebuild is expected."""
        if self._for_rebuilds_only and not _rebuilds:
            return make()
        try:
            hash(key)
        except TypeError:
            return make()
        made = self._made.pop(key, None)
        if made is None:
            made = make()
        self._made[key] = made  # the newest last
        if self._for_rebuilds_only:
            self._used.add(key)
        while len(self._made) > self._kept:
            del self._made[next(iter(self._made))]
        return made


def collecting_cycles(make: Callable[[], T]) -> T:
    """`make()`, with the reference cycles it left behind collected at once.

    python-docx's package and parts refer to one another, and openpyxl's cells to their sheet:
    a finished document is cyclic garbage that keeps its XML trees (C memory, about 1 MiB for a
    Word file) until the collector's next full pass, which in a build may come only after several
    more documents, or never: five reports' worth raised the peak memory of a build by 5 to 14 MiB.
    Collected here, among only the objects made since the call (everything older is frozen
    meanwhile: a few milliseconds, where a full pass over a build's objects takes 50 to 80 ms).
    Objects frozen before the call (by a call around this one, or by anyone else) stay frozen:
    `gc.unfreeze` thaws every frozen object, so only a call that froze them thaws them."""
    freezes = gc.get_freeze_count() == 0
    if freezes:
        gc.freeze()
    try:
        made = make()
        gc.collect()
    finally:
        if freezes:
            gc.unfreeze()
    return made
