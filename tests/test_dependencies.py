"""requirements.lock pins, with hashes, everything pyproject.toml asks for, above the floors that
fix known holes; the environment the tests run in was installed from it (tests/run)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from projects import ROOT

LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
FLOORS = {"mkdocs-material": Version("9.7.7")}
"""Material 9.7.7 fixed a cross-site scripting hole in its search."""


def pins() -> dict[str, tuple[Version, int]]:
    """Each locked package: its version and how many file hashes the lock allows for it."""
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            found[canonicalize_name(match[1])] = (Version(match[2]), block.count("--hash=sha256:"))
    return found


def requirements() -> list[Requirement]:
    return [Requirement(text) for text in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]]


def test_every_requirement_is_pinned_with_hashes_within_its_range():
    locked = pins()
    assert len(locked) > 30
    for requirement in requirements():
        version, hashes = locked[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), f"{requirement} vs {version}"
    assert all(hashes for _, hashes in locked.values())


def test_known_holes_are_fixed_in_both_the_range_and_the_lock():
    locked = pins()
    for name, floor in FLOORS.items():
        [requirement] = [r for r in requirements() if canonicalize_name(r.name) == name]
        assert not requirement.specifier.contains(Version("9.7.6")), requirement
        assert locked[name][0] >= floor


def test_the_tests_run_on_exactly_the_locked_versions():
    mismatched = {
        name: (str(version), metadata.version(name))
        for name, (version, _) in pins().items()
        if name not in {"setuptools"} and Version(metadata.version(name)) != version
    }
    assert not mismatched, f"installed differs from requirements.lock (run bash tests/run): {mismatched}"
