"""Shared fixtures: scratch roots materialised from lab profiles (real device nodes need root)."""

from __future__ import annotations

import os
from typing import Callable, Optional

import pytest

from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.lab import profiles, scratch
from jetson_gpu_access.model import Diagnosis
from jetson_gpu_access.probe import probe

IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root: mknod of device nodes and setxattr of ACLs")

ScratchFactory = Callable[..., str]


@pytest.fixture
def scratch_root(tmp_path) -> ScratchFactory:  # type: ignore[no-untyped-def]
    """Build a profile's scratch root: ``scratch_root("jp61-host", user="bob", via="ssh")``."""
    if not IS_ROOT:
        pytest.skip("needs root: mknod of device nodes and setxattr of ACLs")
    counter = iter(range(1000))

    def build(name: str, user: Optional[str] = None, via: Optional[str] = None) -> str:
        root = tmp_path / "{}-{}".format(name, next(counter))
        root.mkdir()
        return scratch.materialise(profiles.load(name), str(root), user, via)

    return build


@pytest.fixture
def diagnose_profile(scratch_root: ScratchFactory) -> Callable[..., Diagnosis]:
    """Probe and diagnose a profile's scratch root as its session user (or ``user`` via ``via``)."""

    def run(name: str, user: Optional[str] = None, via: Optional[str] = None, target: Optional[str] = None) -> Diagnosis:
        root = scratch_root(name, user, via)
        return diagnose(probe(root, target))

    return run
