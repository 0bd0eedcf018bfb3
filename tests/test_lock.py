"""requirements.lock pins every extra's dependencies for every Python the project supports.

One universal lock (``make lock``, uv): for Python 3.8 (JetPack 5), 3.10 (JetPack 6), 3.11 and 3.12
(CI), each requirement of each extra in pyproject.toml that applies there is pinned to exactly one
version, so two machines with the same Python install the same tools and build the same site.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import pytest

packaging_markers = pytest.importorskip("packaging.markers")
packaging_requirements = pytest.importorskip("packaging.requirements")

REPO = Path(__file__).resolve().parent.parent
PYTHONS = ("3.8", "3.10", "3.11", "3.12")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;]+)(?:\s*;\s*(.+))?$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def environment(python: str) -> Dict[str, str]:
    return {"python_version": python, "python_full_version": python + ".0", "sys_platform": "linux",
            "platform_system": "Linux", "platform_machine": "aarch64", "os_name": "posix",
            "platform_python_implementation": "CPython", "implementation_name": "cpython", "extra": ""}


def pins(python: str) -> Dict[str, List[str]]:
    """Package -> the versions the lock pins for ``python``."""
    out: Dict[str, List[str]] = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if not match:
            continue
        name, version, marker = match.groups()
        if marker is None or packaging_markers.Marker(marker).evaluate(environment(python)):
            out.setdefault(canonical(name), []).append(version)
    return out


def extras_requirements() -> List[str]:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [req for reqs in project["optional-dependencies"].values() for req in reqs]


@pytest.mark.parametrize("python", PYTHONS)
def test_every_extra_is_pinned_once_for_each_python(python: str) -> None:
    pinned = pins(python)
    assert pinned, "requirements.lock is empty: run make lock"
    doubles = {name: versions for name, versions in pinned.items() if len(versions) > 1}
    assert doubles == {}
    for text in extras_requirements():
        requirement = packaging_requirements.Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate(environment(python)):
            continue
        name = canonical(requirement.name)
        assert name in pinned, "{} is not in requirements.lock for Python {}: run make lock".format(name, python)
        assert requirement.specifier.contains(pinned[name][0], prereleases=True), (name, pinned[name], str(requirement))


def test_make_installs_with_the_lock() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "$(STAMP): pyproject.toml requirements.lock" in makefile
    assert "pip install -q -c requirements.lock -e" in makefile
    assert re.search(r"^lock: .*## ", makefile, re.M), "make lock is documented in make help"
