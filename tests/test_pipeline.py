"""The CLI and the runbooks assemble probe → diagnose → plan through one function, and the plan
diffs the very bytes of /etc/group the diagnosis was parsed from: one read, never two."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import List

from jetson_gpu_access import cli, safeio
from jetson_gpu_access.pipeline import assess, plan_for

GROUP = b"root:x:0:\nvideo:x:44:alice\nalice:x:1000:\n"


def scratch(tmp_path: Path) -> str:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n")
    (tmp_path / "etc" / "group").write_bytes(GROUP)
    return str(tmp_path)


def test_group_is_read_once_for_a_diagnosis_and_its_plan(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = scratch(tmp_path)
    reads: List[str] = []
    original = safeio.read_under

    def counting(base: str, path: str, limit: int):  # type: ignore[no-untyped-def]
        reads.append(path)
        return original(base, path, limit)

    monkeypatch.setattr(safeio, "read_under", counting)
    monkeypatch.setattr("jetson_gpu_access.rootfs.read_under", counting)
    assessment = assess(root, "alice")
    plan = plan_for(assessment)
    assert reads.count("/etc/group") == 1
    assert assessment.group_bytes == GROUP and plan.user == "alice"


def test_the_plan_diffs_what_the_probe_read_even_if_the_file_changes_after(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    assessment = assess(root, "alice")
    (tmp_path / "etc" / "group").write_bytes(GROUP + b"late:x:5000:\n")  # someone else, after the read
    assert plan_for(assessment).group_sha256 == hashlib.sha256(GROUP).hexdigest()  # apply then sees the change
    assert b"late" not in assessment.group_bytes


def test_plan_and_apply_go_through_the_pipeline(monkeypatch, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = scratch(tmp_path)
    called: List[str] = []
    import jetson_gpu_access.pipeline as pipeline

    original = pipeline.assess
    monkeypatch.setattr(pipeline, "assess", lambda *a, **k: called.append("assess") or original(*a, **k))
    for argv in (["plan", "--root", root, "--user", "alice"], ["apply", "--root", root, "--user", "alice"]):
        cli.main(argv)
    assert called == ["assess", "assess"]
