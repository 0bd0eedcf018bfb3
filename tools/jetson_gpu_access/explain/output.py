"""What explain says, as plain text, as Markdown for a reply, or as JSON; and reading a paste from a file
or standard input within the limits explain reads.
"""

from __future__ import annotations

import os
import re
import sys
from typing import List, Optional, Pattern, Sequence, Tuple

from ..launch import Launch
from ..model import PLACEHOLDER_GID
from ..safeio import InputError, decode, read_file
from .cause import shown_platform
from .question import NOT_THIS_PROBLEM
from .records import _PLACEHOLDER, INPUT_LIMIT, Explanation, Statement


def scrub(text: str) -> str:
    """No internal placeholder reaches output: a GID never shown is said to be unknown."""
    return _PLACEHOLDER.sub(lambda m: "(GID not shown)" if int(m.group(0)) >= PLACEHOLDER_GID else m.group(0), text)


# A line of a launch that sets what launch_summary reports: the user, runtime, groups, devices, GPUs, privileges, /dev.
_LAUNCH_OPTION_LINE = re.compile(r"[\"']?\b(?:user|runtime|group_?add|devices?|gpus|privileged|cap_?add|security_?opt|"
                                 r"volumes|binds)[\"']?\s*[:=]|--(?:user|runtime|group-add|device|gpus|privileged)\b|"
                                 r"(?<![\w-])-u[\s=]|/dev:/dev", re.I)


def _launch_evidence(launch: Launch) -> Tuple[str, ...]:
    """The lines a launch's statement rests on: its first, and each of its lines that sets what the summary reports
    (a compose file's `user:`, an inspect's "GroupAdd"), not a header alone."""
    lines = [line for line in launch.text.split("\n") if line.strip()]
    options = [line for line in lines[1:] if _LAUNCH_OPTION_LINE.search(line)]
    return tuple(dict.fromkeys(lines[:1] + options[:8]))


def launch_summary(launch: Launch) -> str:
    """One line of what a container launch grants; group-adds are what an SSH login loses."""
    parts = ["{}: {}".format(name, ", ".join(values)) for name, values in (
        ("group-add", launch.group_add), ("devices", launch.devices), ("cap-add", launch.cap_add),
        ("security-opt", launch.security_opt)) if values]
    parts += [text for text, present in (("user " + str(launch.user), launch.user), ("runtime " + str(launch.runtime),
              launch.runtime), ("gpus " + str(launch.gpus), launch.gpus), ("privileged", launch.privileged),
              ("the host's /dev bound in", launch.dev_mount)) if present]
    name = launch.source + (" service " + launch.service if launch.service else "") + (
        " of " + launch.image if launch.image else "")
    summary = "{} ({})".format(name, "; ".join(parts) if parts else "no GPU-related options")
    if launch.command:
        summary += ", running `{}` inside".format(" ".join(launch.command)[:120])
    if launch.group_add:
        summary += ": the group-adds reach the container's main process, not SSH logins into it (nor podman exec -u)"
    return summary


# What a meaning says of one system only: a clause that opens with "on a Jetson" or "on a PC", where a clause opens
# (the meaning's start, or after "(", "; ", ": " or ". "), and a Jetson's own parts named anywhere.
_SAID_OF = {"jetson": re.compile(r"\bon an? PC\b", re.I), "pc": re.compile(r"\bon an? Jetson\b", re.I)}
_A_JETSON_S_OWN = re.compile(r"\bjet(?:son|pack)|\bl4t\b|\btegra\b|nvmap|nvhost|\bthor\b", re.I)
# What is printed where no meaning of a family is left on the system read.
_NONE_ON = {"pc": "on a PC with a discrete GPU: see the cause above; the integrated-GPU explanations do not apply",
            "jetson": "on a Jetson: see the cause above; the discrete-GPU explanations do not apply"}


def _clause_end(text: str, at: int) -> int:
    """Where the clause that runs from ``at`` ends: before "; " or ". " outside brackets, or before the ")" that
    closes the bracket it stands in, or at the end."""
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if not depth:
                return i
            depth -= 1
        elif not depth and text.startswith(("; ", ". "), i):
            return i
    return len(text)


def _without_clauses_of(meaning: str, other: Pattern[str]) -> Optional[str]:
    """``meaning`` without its clauses said of the other system (``other`` finds their opening words); None where the
    whole meaning is the other system's ("on a PC: ...")."""
    at = 0
    while True:
        hit = other.search(meaning, at)
        if hit is None:
            return meaning.strip()
        start, end = hit.start(), _clause_end(meaning, hit.end())
        before = meaning[:start]
        if not start:
            return None
        if before.endswith("("):  # "(on a Jetson: ...)", or "(on a Jetson, ...; ...)": the bracket or the clause
            closed = end < len(meaning) and meaning[end] == ")"
            meaning = (before[:-1].rstrip() + meaning[end + 1:]) if closed else before + meaning[end + 2:]
        elif before.endswith("; "):  # "...; on a PC, ...": the clause and the "; " that joined it
            meaning = before[:-2] + meaning[end:]
        elif before.endswith((": ", ". ")):  # a clause or sentence that leads: it, and the "; " or ". " after it
            rest = meaning[end + 2:] if meaning.startswith(("; ", ". "), end) else ""
            if rest and before.endswith(". "):
                rest = rest[0].upper() + rest[1:]
            meaning = before + rest if rest else before[:-2] + meaning[end:]
        else:
            at = hit.end()  # (words that run on: "an x86 build on a PC")
            continue
        at = max(0, len(before) - 2)


def meanings_on(meanings: Sequence[str], system: str) -> List[str]:
    """A family's meanings as they read on ``system`` (``jetson`` or ``pc``, as the paste shows it; empty where it
    shows none, and every meaning stays, each said as a condition): what a meaning says of the other system is left
    out, and on a PC so is a meaning that names a Jetson's own parts. Where nothing is left, a line that says so."""
    if system not in _SAID_OF:
        return list(meanings)
    kept = [m for m in (_without_clauses_of(meaning, _SAID_OF[system]) for meaning in meanings) if m]
    if system == "pc":
        kept = [m for m in kept if not _A_JETSON_S_OWN.search(m)]
    return kept or [_NONE_ON[system]]


def _system_read(result: Explanation) -> str:
    """The system a reading's meanings are printed for: the PC its cause names, or the one the paste shows."""
    return "pc" if result.cause.id == "x86-discrete-gpu" else shown_platform(result.observed)[0]


def _evidence_text(statement: Statement) -> str:
    if statement.assumed:
        return "assumed"
    return "seen: " + " | ".join(line[:160] for line in statement.evidence)


def render_text(result: Explanation) -> str:
    out = ["Cause: {} ({})".format(result.cause.id, result.cause.why.text),
           "    " + _evidence_text(result.cause.why)]
    if result.cause.also_possible:
        out.append("    not ruled out: " + ", ".join(result.cause.also_possible))
    out.append("")
    if result.systems:
        out += ["The paste mixes systems:"] + ["    " + s for s in result.systems] + [""]
    out.append("What the paste shows:")
    system = _system_read(result)
    for statement in result.statements:
        out.append("    " + statement.text)
        out.append("        " + _evidence_text(statement))
    if not result.matches:
        out += ["", "No known error signature found in the text."]
    else:
        out.append("")
        for match in result.matches:
            out.append("{}  ({})".format(match.signature, match.id))
            out.append("    seen: " + match.line)
            out += ["    likely: " + cause for cause in meanings_on(match.causes, system)]
            out.append("    read: docs/{}{}".format(match.docs, "; runbook: " + match.runbook if match.runbook else ""))
    if result.question is not None:
        out += ["", "The question that decides it: " + result.question.ask, "    " + result.question.command]
        out += ["    if {}: {}".format(answer, meaning) for answer, meaning in result.question.answers]
    return scrub("\n".join(out)) + "\n"


def _quote(line: str, said: str, width: int = 160) -> str:
    """The part of an evidence line a reply quotes: all of it when short, else the stretch around the first word of
    the statement it holds (the fact the statement takes from it), marked where cut."""
    line = line.replace("`", "'")
    if len(line) <= width:
        return line
    words = [w for w in re.findall(r"[\w./-]{4,}", said) if w in line]
    at = max(0, line.index(words[0]) - width // 4) if words else 0
    return ("\u2026" if at else "") + line[at:at + width] + ("\u2026" if at + width < len(line) else "")


def render_markdown(result: Explanation) -> str:
    """A reply a maintainer can paste into the issue: what the output shows, and the one question to answer."""
    out = ["Thanks for the report. What the output shows:", ""]
    if not result.matches:
        out.append("- no known error signature.")
    if result.systems:
        out.append("- the output comes from {} systems; I read each on its own: {}.".format(
            len(result.systems), "; ".join(result.systems)))
    for statement in result.statements:
        if statement.assumed:
            out.append("- (assumed, please confirm) {}".format(statement.text))
        else:
            out.append("- {} (from `{}`)".format(statement.text, _quote(statement.evidence[0], statement.text)))
    out += ["", "Most likely cause: **{}**: {}.".format(result.cause.id, result.cause.why.text)]
    if result.cause.id in NOT_THIS_PROBLEM and result.question is None:
        # (a PC's errors are read by the families' meanings for a Jetson: its reply names no fix of theirs)
        on_a_pc = shown_platform(result.observed)[0] == "pc"
        meanings = [m for m in result.matches if m.causes] if result.cause.id == "not-gpu-access" and not on_a_pc else []
        out.append("This is not the Jetson GPU-access problem (a non-root user denied the GPU nodes); the fix lies "
                   "elsewhere{}".format(", in what the errors mean:" if meanings else "."))
        system = _system_read(result)
        out += ["- `{}`: {}".format(m.signature.replace("`", "'"), meanings_on(m.causes, system)[0]) for m in meanings]
    if result.cause.also_possible:
        out.append("Not ruled out yet: {}.".format(", ".join(result.cause.also_possible)))
    if result.question is not None:
        out += ["", "Could you run this and paste the output? " + result.question.ask, "", "```bash", result.question.command,
                "```", "", "What the answer will tell:"]
        out += ["- if {}: {}".format(answer, meaning) for answer, meaning in result.question.answers]
    return scrub("\n".join(out)) + "\n"


def to_jsonable(result: Explanation) -> object:
    """The JSON form, with every never-shown GID replaced by null."""
    from ..serde import to_jsonable as generic

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and PLACEHOLDER_GID <= value < PLACEHOLDER_GID + 10**6:
            return None
        if isinstance(value, str):
            return scrub(value)
        return value

    return clean(generic(result))


def read_input(argument: str) -> Tuple[str, Optional[str]]:
    """The text to explain (a file, - for standard input, or the argument itself) and a note for the reader: when
    the input was longer than :data:`INPUT_LIMIT` (of a file its start and its last :data:`INPUT_TAIL` bytes are read,
    where a log puts its error), or when an argument that looks like a file's name names none.

    A file goes through the safe reader (regular files only: a FIFO or a directory is an
    InputError, exit code 2); standard input is read up to the same limit. A byte-order mark decides the encoding
    (PowerShell's `>` writes UTF-16).
    """
    if argument == "-":
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(INPUT_LIMIT + 1) if stream is not None else sys.stdin.read(INPUT_LIMIT + 1)
        cut = len(raw) > INPUT_LIMIT
        text = _decode_paste(raw[:INPUT_LIMIT]) if isinstance(raw, bytes) else raw[:INPUT_LIMIT]
        return text, "standard input is longer than {} MiB: only its start was read".format(INPUT_LIMIT >> 20) if cut else None
    if "\n" in argument or not os.path.lexists(argument):
        looks_like_file = not re.search(r"\s", argument) and bool(re.search(r"\.(?:txt|log|md|out|json|ya?ml)$", argument))
        return argument, ("no file named {}: the argument itself was read as the text".format(argument)
                          if looks_like_file else None)
    try:
        content = read_file(argument, INPUT_LIMIT, "pass a saved file, or - to read standard input", INPUT_TAIL)
    except OSError as error:
        raise InputError(argument, "cannot be read ({})".format(error.strerror or error), "check the path") from None
    if not content.truncated or len(content.data) + len(content.tail) >= content.size:  # the end read covers the rest
        return _decode_paste(content.data + content.tail), None
    note = "{}: {}; the rest was not read".format(argument, content.describe())
    encoding = _encoding(content.data)
    tail = content.tail
    if encoding.startswith("utf-16") and (content.size - len(tail)) % 2:
        tail = tail[1:]  # start the end on a character of two bytes
    return _decode_paste(content.data) + "\n" + tail.decode(encoding, "replace").split("\n", 1)[-1], note


INPUT_TAIL = 1 << 20  # the end of a cut file that is read too: error signatures are looked for in a paste's last MiB
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _encoding(data: bytes) -> str:
    """The encoding a pasted file's byte-order mark names; UTF-8 without one."""
    return next((encoding for mark, encoding in _BOMS if data.startswith(mark)), "utf-8")


def _decode_paste(data: bytes) -> str:
    """A pasted file's text: by its byte-order mark where it has one, else UTF-8 (each bad byte replaced)."""
    mark = next((mark for mark, _ in _BOMS if data.startswith(mark)), b"")
    return data[len(mark):].decode(_encoding(data), "replace") if mark else decode(data)
