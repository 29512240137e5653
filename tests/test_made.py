"""`Made`: files made once per process and inputs (the preview's rebuilds reuse them)."""

from __future__ import annotations

import gc
import weakref

import pytest

from cchc.base import made as module
from cchc.base.made import Made, collecting_cycles


def test_a_file_is_made_once_per_key_and_again_for_new_inputs():
    calls = []

    def make(text):
        calls.append(text)
        return text.encode()

    made = Made(kept=4)
    assert made.get(("a", 1), lambda: make("a")) == b"a"
    assert made.get(("a", 1), lambda: make("again")) == b"a"
    assert made.get(("a", 2), lambda: make("b")) == b"b"
    assert calls == ["a", "b"]


def test_the_least_recently_used_are_dropped_beyond_the_bound():
    made, calls = Made(kept=2), []
    for key in ("a", "b", "a", "c", "a", "b"):
        made.get(key, lambda key=key: calls.append(key) or key.encode())
    # "b" was the least recently used when "c" came, so it is made again; "a" never is.
    assert calls == ["a", "b", "c", "b"]


def test_inputs_that_cannot_be_a_key_are_made_every_time():
    made, calls = Made(kept=4), []
    for _ in range(2):
        assert made.get(("rows", ["a list"]), lambda: calls.append(1) or b"x") == b"x"
    assert calls == [1, 1]


def test_what_only_rebuilds_use_is_kept_only_once_rebuilds_are_expected(monkeypatch):
    monkeypatch.setattr(module, "_rebuilds", False)
    kept, calls = Made(kept=4, for_rebuilds_only=True), []
    for _ in range(2):
        kept.get("a", lambda: calls.append("a") or b"a")
    assert calls == ["a", "a"], "a single build holds nothing for a rebuild that never comes"
    module.expect_rebuilds()
    for _ in range(2):
        kept.get("a", lambda: calls.append("a") or b"a")
    assert calls == ["a", "a", "a"]


class _Node:
    """A reference cycle (as python-docx's parts and package make): freed only by the collector."""

    def __init__(self) -> None:
        self.me = self


def test_the_cycles_a_document_leaves_are_collected_at_once_and_nothing_stays_frozen():
    left: list[weakref.ref] = []

    def make() -> bytes:
        node = _Node()
        left.append(weakref.ref(node))
        return b"docx"

    gc.disable()  # so that only collecting_cycles can collect the cycle
    try:
        assert collecting_cycles(make) == b"docx"
        assert left[0]() is None, "the cycle was still in memory after the document was made"
        assert gc.get_freeze_count() == 0
        make()
        assert left[1]() is not None, "without collecting_cycles the cycle stays (the test can fail)"
    finally:
        gc.enable()


def test_a_failing_document_leaves_nothing_frozen():
    def fail() -> bytes:
        raise ValueError("hỏng")

    with pytest.raises(ValueError):
        collecting_cycles(fail)
    assert gc.get_freeze_count() == 0


def test_what_was_frozen_before_stays_frozen():
    """A call inside another (or after the process froze its objects) must not thaw the objects
    frozen around it: the outer call would then collect over the whole build."""

    def inner() -> int:
        collecting_cycles(lambda: b"xlsx")
        return gc.get_freeze_count()

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert collecting_cycles(inner) >= frozen
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_what_a_rebuild_did_not_use_is_dropped_when_the_next_starts(monkeypatch):
    """A long preview session saves one file many times: each version's entry must not stay."""
    monkeypatch.setattr(module, "_rebuilds", True)
    kept, calls = Made(kept=5000, for_rebuilds_only=True), []

    def build(*keys):
        module.forget_unused()
        for key in keys:
            kept.get(key, lambda key=key: calls.append(key) or key)

    build("a", "b1")
    build("a", "b2")  # the file b was saved: its first version is not used by this build
    assert set(kept._made) == {"a", "b1", "b2"}, "entries of the build before the last one stay"
    build("a", "b2")
    assert set(kept._made) == {"a", "b2"}
    assert calls == ["a", "b1", "b2"]
