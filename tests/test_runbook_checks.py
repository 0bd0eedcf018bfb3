"""Runbook checks are keyed by finding code and subject: two findings with one code are two checks,
so JUnit and the fleet report count what the diagnosis found, not the codes it used."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from jetson_gpu_access.diagnose import diagnose, make_finding
from jetson_gpu_access.model import Diagnosis, Subject, ViewKind
from jetson_gpu_access.record import fields_of
from jetson_gpu_access.results import junit
from jetson_gpu_access.runbook import Runbook, finding_checks
from test_rules_diagnose import facts

RENDER = "/dev/dri/renderD128"


def denied(path: str, gid: int):  # type: ignore[no-untyped-def]
    return make_finding("GRP-002", ["{} belongs to GID {}".format(path, gid)],
                        subject=Subject((path,), (gid,), (), (ViewKind.LOGIN,), ()), user="alice", gid=gid,
                        group_desc="GID {}".format(gid), path=path, views="login", name="render", how="-")


def test_two_findings_with_one_code_are_two_checks(tmp_path: Path) -> None:
    one, two = denied(RENDER, 993), denied("/dev/dri/renderD129", 994)
    healthy = diagnose(facts())
    diagnosis = Diagnosis(**dict({f: getattr(healthy, f) for f in fields_of(healthy)}, findings=(one, two)))
    book = Runbook("diagnose", str(tmp_path / "result.json"))
    book.from_diagnosis(diagnosis)
    ids = [c.id for c in book.checks if c.id.startswith("finding:")]
    assert ids == ["finding:GRP-002:" + RENDER, "finding:GRP-002:/dev/dri/renderD129"]
    suite = ElementTree.fromstring(junit(book.finish()))  # noqa: S314 - our own output
    assert [case.get("name") for case in suite.iter("testcase") if case.get("name", "").startswith("finding:")] == ids
    assert suite.get("failures") == str(sum(c.status == "fail" for c in book.checks)) != "0"


def test_check_ids_are_stable_and_unique() -> None:
    same = denied(RENDER, 993)
    assert [i for i, _ in finding_checks([same, same])] == ["finding:GRP-002:" + RENDER, "finding:GRP-002:" + RENDER + "#2"]
    bare = make_finding("DB-001", ["x"])
    assert finding_checks([bare]) == [("finding:DB-001", bare)]
