"""Facts, then judgement, then change, assembled in one place for the CLI and the runbooks.

:func:`assess` probes a root and diagnoses it, keeping the bytes of ``/etc/group`` exactly as the
probe read them; :func:`plan_for` turns that into a plan. Both front ends call these, so the
diagnosis a plan is made from and the file it diffs come from one read.
"""

from __future__ import annotations

from .record import frozen_record

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Optional

    from .model import Diagnosis
    from .plan import Plan


@frozen_record
class Assessment:
    """A diagnosis, and the account file bytes its facts were parsed from."""

    diagnosis: Diagnosis
    group_bytes: bytes


def assess(root: str = "/", user: Optional[str] = None, pid: Optional[int] = None) -> Assessment:
    """Probe ``root`` for ``user`` (and process ``pid``) and diagnose; raises ProbeError for bad input."""
    from .diagnose import diagnose
    from .probe import probe
    from .probe.accounts import read_group_bytes
    from .rootfs import RootFS

    fs = RootFS(root)
    diagnosis = diagnose(probe(root, user, pid, fs=fs))
    return Assessment(diagnosis, read_group_bytes(fs))


def plan_for(assessment: Assessment) -> Plan:
    """The plan for an assessment, diffed against the very bytes its facts came from."""
    from .plan import make_plan

    return make_plan(assessment.diagnosis, assessment.group_bytes)
