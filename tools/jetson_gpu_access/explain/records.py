"""What explain returns, and the limits it reads within: records every stage shares, apart from the stages
so that each imports them without importing another.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from .. import data
from ..migrate import AuditFinding
from ..model import Diagnosis
from ..record import frozen_record
from ..textfacts import Observed

# Findings whose evidence is a listed node and an `id` line: the only ones a paste can support.
# DEV-001/DEV-002 (a node is absent), PLT-* (platform) and TKT-* (packages) would assert what a
# partial paste does not show; explain states those from the paste itself or asks.
PASTE_FINDINGS = ("ACC-", "GRP-", "DEV-003", "DEV-004", "DEV-005", "DEV-006", "DEV-007", "USR-")


SIGNATURE_WINDOW = 1 << 19   # error signatures: from the first and last 512 KiB of a huge paste (each key is one scan of it)


_PLACEHOLDER = re.compile(r"\b4\d{9}\b")


INPUT_LIMIT = 16 << 20  # a pasted report is kilobytes; a whole journal is not what explain reads


def cause_ids() -> Tuple[str, ...]:
    """The causes explain can name (data/causes.json), read when first needed."""
    return tuple(c["id"] for c in data.load("causes")["causes"])


@frozen_record
class SymptomMatch:
    id: str
    signature: str
    line: str
    causes: Tuple[str, ...]
    docs: str
    runbook: str
    sources: Tuple[str, ...]


@frozen_record
class Statement:
    """One thing explain says: the lines of the paste it rests on, or marked as an assumption."""

    text: str
    evidence: Tuple[str, ...]
    assumed: bool


@frozen_record
class Question:
    """The one question that separates the hypotheses still open, and what each answer means."""

    ask: str
    command: str
    answers: Tuple[Tuple[str, str], ...]   # (what the answer shows, the cause id it means)


@frozen_record
class Cause:
    """The most likely cause (an id of data/causes.json), why, and what the paste cannot rule out.

    When the paste does not show which system it came from, the cause is read on the likelier one and
    ``assumption`` says which and why; ``otherwise`` is the cause if the other system it is.
    """

    id: str
    why: Statement
    also_possible: Tuple[str, ...]
    assumption: str = ""
    otherwise: str = ""
    assumed_system: str = ""   # "jetson" or "pc" when the system was assumed
    ruled_by: str = ""         # the evidence (data/causes.json `ruled_out_by`) that ruled the first reading out


@frozen_record
class Explanation:
    matches: Tuple[SymptomMatch, ...]
    next_steps: Tuple[str, ...]
    observed: Observed
    recognised: Tuple[str, ...]
    assumptions: Tuple[str, ...]
    diagnosis: Optional[Diagnosis]
    audit: Tuple[AuditFinding, ...]
    statements: Tuple[Statement, ...]
    cause: Cause
    question: Optional[Question]
    systems: Tuple[str, ...]           # more than one: the paste mixes devices, each read on its own
