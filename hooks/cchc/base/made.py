"""Generated files already made by this process, looked up by everything they are made from.

A build makes each file once; `mkdocs serve` rebuilds in the same process, and makes again only
the files whose inputs changed (openpyxl and python-docx are the largest part of a small site's
build). The least recently used are dropped beyond a bound.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable


class Made:
    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._made: dict[Hashable, bytes] = {}

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes made for `key`, made by `make()` if this process has not made them yet; a key
        that cannot be hashed (a value with a list inside) is made every time."""
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
