"""Explain pasted text: which known error signatures it contains, what they most likely mean,
where to read more and what to run next.

This is the symptom-index part of ``explain``: it matches the signatures of data/symptoms.json
(the same data the site's error reference is generated from) in free text as people paste it
(ANSI colours, CRLF, Markdown fences, prompts). It never states a fact the text does not show:
it names candidate causes and the commands that would settle them.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from . import data
from .record import frozen_record

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
NEXT_STEPS = (
    "cat /etc/nv_tegra_release   # on the host: the L4T release",
    "ls -ln /dev/nvmap /dev/dri/  # inside the container: owner, group and mode of the GPU nodes, by number",
    "id                          # in the session that fails (SSH or docker exec): the groups it really holds",
    "jetson-gpu-access diagnose --user USER   # all of the above, decided as the kernel does",
)


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
class Explanation:
    matches: Tuple[SymptomMatch, ...]
    next_steps: Tuple[str, ...]


def normalise(text: str) -> str:
    """Text as it was printed: no colour codes, no CR, no Markdown fence lines."""
    text = _ANSI.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line for line in text.split("\n") if not line.strip().startswith("```"))


def explain(text: str) -> Explanation:
    """Every known signature in ``text``, in the order of the symptom index, each once."""
    clean = normalise(text)
    lowered = clean.lower()
    matches: List[SymptomMatch] = []
    for symptom in data.load("symptoms")["symptoms"]:
        for signature in symptom["signatures"]:
            at = lowered.find(signature.lower())
            if at < 0:
                continue
            start = clean.rfind("\n", 0, at) + 1
            end = clean.find("\n", at)
            line = clean[start:end if end >= 0 else len(clean)].strip()
            matches.append(SymptomMatch(symptom["id"], signature, line[:300], tuple(symptom["causes"]), symptom["docs"],
                                        symptom["runbook"] or "", tuple(symptom["sources"])))
            break
    return Explanation(tuple(matches), NEXT_STEPS)


def render_text(result: Explanation) -> str:
    if not result.matches:
        out = ["No known error signature found in the text."]
    else:
        out = []
        for match in result.matches:
            out.append("{}  ({})".format(match.signature, match.id))
            out.append("    seen: " + match.line)
            out += ["    likely: " + cause for cause in match.causes]
            out.append("    read: docs/{}{}".format(match.docs, "; runbook: " + match.runbook if match.runbook else ""))
    out += ["", "To settle what the text does not show, run:"] + ["    " + step for step in result.next_steps]
    return "\n".join(out) + "\n"


def render_markdown(result: Explanation) -> str:
    """A reply a maintainer can paste into the issue."""
    out = ["Thanks for the report. What the output shows:", ""]
    if not result.matches:
        out.append("- no known error signature; the commands below will tell more.")
    for match in result.matches:
        out.append("- `{}`: most likely {} (see `docs/{}`).".format(match.signature, match.causes[0], match.docs))
    out += ["", "Could you run these and paste the output?", "", "```bash"] + list(result.next_steps) + ["```", ""]
    return "\n".join(out)
