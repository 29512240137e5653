"""What this process has already made (generated files, the column's pages), looked up by
everything it is made from.

A build makes each once; `mkdocs serve` rebuilds in the same process, and makes again only what
an edit changed the inputs of (openpyxl and python-docx are the largest part of a small site's
build; the list pages the largest part of a preview rebuild's own work). The least recently used
are dropped beyond a bound.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Made(Generic[T]):
    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._made: dict[Hashable, T] = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """What was made for `key`, made by `make()` if this process has not made it yet; a key
        that cannot be hashed (a value with a list inside) is made every time. What is returned
        is shared: it must not be changed."""
        try:
            hash(key)
        except TypeError:
            return make()
        made = self._made.pop(key, None)
        if made is None:
            made = make()
        self._made[key] = made  # the newest last
        while len(self._made) > self._kept:
            del self._made[next(iter(self._made))]
        return made
