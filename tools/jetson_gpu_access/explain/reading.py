"""explain() itself: a paste read end to end. Its signatures and facts, the contrasts it states in words (root
against a user, a desktop against SSH), each system of a mixed paste on its own, then the cause and the question.
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Dict, List, NamedTuple, Optional, Pattern, Sequence, Set, Tuple

from .. import lexicon
from ..diagnose import diagnose
from ..injection import LOSING_GROUPS
from ..launch import Launch, from_exec_line, from_run_line
from ..migrate import AuditFinding, audit_text
from ..model import Diagnosis, Finding, Severity, Verdict
from ..probe.platform import jetpack_for
from ..textfacts import (
    ANOTHER_MACHINE,
    FACT_WINDOW,
    MAX_CONTRAST_LINES,
    MAX_LINE,
    NOT_HERE_NOW,
    OTHER_ARM_BOARD,
    PC_PROSE,
    PRINTED_VALUE,
    PROMPT,
    RELEASE_LINE,
    SUPPOSED,
    LineMemo,
    ListedNode,
    Observed,
    Sighting,
    contrast_sides,
    normalise,
    read,
    sentences,
    switch_commands,
    switches_to_root,
    window,
)
from .cause import _AS_ROOT, _a_jetson_s_own, _runs_the_image_s_software, decide_cause, shown_platform
from .clues import (
    _CUDA_NAMES,
    _NOT_GPU,
    _SESSION_FAMILIES,
    NOT_SHOWN_X86,
    WEAK_JETSON,
    WEAK_X86,
    _asks_cdi,
    _gets_gpu,
    _hard_jetson_signs,
    _held_read_only,
    _names_an_nvidia_gpu,
    _nvidia_by_default,
    _passes_gpu,
    _sessions,
)
from .failure import _cut_off_while_loading, container_context, find_failure
from .output import _launch_evidence, launch_summary, scrub
from .question import _AUTOLOGIN, _question, _seat_in
from .records import PASTE_FINDINGS, SIGNATURE_WINDOW, Cause, Explanation, Statement, SymptomMatch
from .signatures import _family, _meanings, find_signatures

# Words quoted inline from another report or person ('Quoting the original poster there: "..."', 'someone wrote: "..."'):
# that person's machine, not the reporter's.
_QUOTED_FROM_ANOTHER = re.compile(r"\b(?:quot(?:ing|ed? from)|(?:original poster|OP|they|he|she|someone|another user|others|"
                                  r"people)\b[^\"\u201c\n]{0,40}?\b(?:wrote|said|says|reported|reports|mentioned))"
                                  r"[^\"\u201c\n]{0,80}?[\"\u201c][^\"\u201d\n]{8,800}[\"\u201d]", re.I)


def _quoted_from_another(match: SymptomMatch) -> bool:
    """Whether a family's words sit inside a quote of another report on their line."""
    signature = match.signature.lower()
    return ('"' in match.line or "\u201c" in match.line) and any(
        signature in quoted.group(0).lower() for quoted in _QUOTED_FROM_ANOTHER.finditer(match.line))


# The low-level runtime's own failure to set up a container's device rules (cgroup v1's devices.allow, v2's program).
_RUNC_DEVICE_RULES = re.compile(r"error setting cgroup config|devices\.(?:allow|deny)\b|bpf_prog_query\(BPF_CGROUP_DEVICE\)",
                                re.I)


def _runc_s_own_failure(matches: Sequence[SymptomMatch], seen: Observed) -> bool:
    """Whether the OCI runtime's failure the paste shows is the low-level runtime's own: it failed to set the
    container's device rules, for launches that ask for no GPU at all (no NVIDIA runtime, --gpus, GPU node, CDI
    device or NVIDIA_* setting) on a daemon not said to run NVIDIA's by default."""
    hook = [m.line for m in matches if m.id == "runtime-hook-failed"]
    if not hook or not _RUNC_DEVICE_RULES.search(hook[0]) or not seen.launches or any(
            w.kind in ("NVIDIA runtime by default", "NVIDIA runtime ran") for w in seen.words):
        return False
    return not any(_passes_gpu(launch) or "nvidia" in launch.text.lower() for launch in seen.launches)


# Vulkan's software device, as vulkaninfo and its loader name it
_VULKAN_SOFTWARE_DEVICE = re.compile(r"\blavapipe\b|\bdevicename\s*=\s*llvmpipe\b", re.I)


def explain(text: str, nested: bool = False, memo: Optional[LineMemo] = None) -> Explanation:
    """Signatures, facts, statements with their evidence, the most likely cause and the deciding question. ``nested``:
    one system of a mixed paste, read with the paste's ``memo`` of what its lines say by themselves."""
    memo = {} if memo is None else memo
    matches = [m for m in find_signatures(window(text, SIGNATURE_WINDOW)[0], memo) if not _quoted_from_another(m)]
    parsed = read(text, memo)
    cleaned = normalise(window(text)[0])
    if '"' in cleaned or "\u201c" in cleaned:
        cleaned = _QUOTED_FROM_ANOTHER.sub("", cleaned)
    contrast = _login_contrast(cleaned) if not any(m.id == "groups-lost-words" for m in matches) else None
    seen = parsed.observed
    # (the checks' outcomes matter only to a paste that names root or an engine: no search of any other)
    contrasted = _NAMES_ROOT.search(cleaned) or "sudo" in cleaned or "\n#" in cleaned or _THROUGH_ENGINE.search(cleaned)
    outcomes = _check_outcomes(cleaned) if contrasted else []
    root_only = _root_contrast(cleaned, outcomes, seen) if not any(m.id == "denial-words" for m in matches) else None
    seat = _seat_contrast(cleaned) if not any(m.id == "seat-login-words" for m in matches) else None
    behind = _driver_behind(cleaned) if not any(m.id == "cuda-35" for m in matches) else None
    unserved = _runtime_contrast(outcomes, seen) if not any(m.id == "nodes-missing-words" for m in matches) else None
    matches = matches + [shown for shown in (contrast, root_only, seat, behind, unserved) if shown is not None]
    if _runc_s_own_failure(matches, seen):
        matches = [m for m in matches if m.id != "runtime-hook-failed"]
    # Vulkan's software device (lavapipe) is listed beside every other on a system with Mesa: it says the NVIDIA driver's
    # Vulkan is missing only where no NVIDIA GPU is named, and on a Jetson only where no other signature is found
    lavapipe = [m for m in matches if m.id == "gl-software-fallback" and _VULKAN_SOFTWARE_DEVICE.search(m.line)]
    if lavapipe and ((seen.jetson and len(matches) > 1) or _names_an_nvidia_gpu(seen)):
        matches = [m for m in matches if m not in lavapipe]
    diagnosis = _from_paste(diagnose(parsed.facts)) if parsed.facts is not None else None
    others = tuple(_from_paste(diagnose(facts)) for facts in parsed.others)
    # An error of the GPU (not one that is no GPU access, nor words about the session) asks for the NVIDIA runtime.
    gpu_error = any(m.id not in _NOT_GPU + _SESSION_FAMILIES for m in matches) or bool(seen.absent)
    audited = [launch for launch in seen.launches if launch.source not in ("inspect", "kubernetes")]
    pairs = [(f, launch.text.split("\n")[0]) for launch in audited
             for f in audit_text(launch.text, "compose" if launch.source == "compose" else "docker-run")
             if f.status != "pass" and (f.id != "no-gpu-nodes" or (_wants_nvidia(launch, gpu_error)
                                                                  and not launch.source.endswith("compose run")
                                                                  and not _nvidia_by_default(launch, seen)))]
    # (the audit's fix is a Jetson's: a PC asks for the GPU with --gpus, and a paste that shows no system gets both ways)
    pairs = [(_as_on(shown_platform(seen)[0], f), line) for f, line in pairs]
    platforms = _jetson_beside_pc(seen)
    readings = _per_system(text, memo, seen, platforms) if (len(seen.releases) > 1 or platforms) and not nested else []
    mixed = _systems(seen, readings, platforms)
    systems = tuple(label for label, _ in mixed)
    failure = _cut_off_while_loading(cleaned, find_failure(text, cleaned, memo))
    container = container_context(text, seen, cleaned)
    lowered = cleaned.lower()
    cause = decide_cause(seen, matches, diagnosis, failure, container, any(name in lowered for name in _CUDA_NAMES))
    if readings:  # a mixed paste: the first system whose own part shows an error and whose reading names a cause,
        # one of GPU access before an unrelated one (a harmless "command not found" beside the other's driver error)
        named = [r for r in readings if r.cause.id != "unknown"]
        ranked = sorted(named, key=lambda r: (not r.failing, r.cause.id == "not-gpu-access"))
        cause = ranked[0].cause if ranked else cause
    if cause.id == "not-gpu-access" and any(m.id == "no-gpu-words" for m in matches):
        # (the machine read as having no GPU: no runtime brings one, so the audit's call for NVIDIA's is left out)
        pairs = [(f, line) for f, line in pairs if f.id != "no-gpu-nodes"]
    audit = tuple(f for f, _ in pairs)
    statements = _statements(seen, matches, diagnosis, parsed.assumptions, pairs, mixed) + tuple(
        _session_statements(seen, others))
    if failure is not None and not matches:
        statements += (Statement("a failure that no known signature names ({}): `{}`".format(
            failure.kind.replace("-", " "), failure.line), (failure.line,), False),)
    if cause.assumption:
        statements += (Statement("the paste does not show which system it ran on: read as {}; on the other system "
                                 "the cause would be {}".format(cause.assumption[len("assumed: "):], cause.otherwise),
                                 (), True),)
    question = _question(cause, seen, [m.id for m in matches])
    steps = (question.command,) if question is not None else ()
    return Explanation(tuple(matches), steps, seen, parsed.recognised, parsed.assumptions, diagnosis, audit,
                       statements, cause, question, systems)


# Launch findings as they hold on a PC with a discrete GPU, where no Tegra node exists: (why, fix).
_ON_A_PC = {
    "no-gpu-nodes": ("without --gpus (or a CDI device, or the NVIDIA runtime) the container gets no GPU and no driver "
                     "library", "docker run --gpus all ... (compose: deploy.resources.reservations.devices, driver: "
                     "nvidia)"),
    "group-add-video-name": ("--group-add video is resolved in the image's /etc/group (GID 44 in Debian and Ubuntu "
                             "images); on a PC the node that needs a group (the render node, or /dev/nvidia* where the "
                             "distribution restricts them) has a GID that differs from host to host",
                             "pass the node's number: --group-add $(stat -c %g /dev/dri/renderD128), or of /dev/nvidiactl"),
}


# ... and where the paste shows neither system: each system's way.
_ON_EITHER = {
    "no-gpu-nodes": ("without the NVIDIA runtime, --gpus or --device entries the container gets no GPU nodes and no "
                     "driver library", "on a Jetson: docker run --runtime nvidia ...; on a PC: docker run --gpus all ..."),
}


def _as_on(platform: str, finding: AuditFinding) -> AuditFinding:
    """A launch finding as it holds on the system the paste shows: a PC (_ON_A_PC), neither (_ON_EITHER) or a Jetson,
    whose findings the audit states."""
    table = {"pc": _ON_A_PC, "": _ON_EITHER}.get(platform, {})
    if finding.id not in table:
        return finding
    why, fix = table[finding.id]
    return AuditFinding(finding.id, finding.status, finding.source, finding.evidence, why, fix)


# `is_available()` with its printed answer below it, past up to three lines of a warning PyTorch printed first (the
# "CUDA initialization: ..." UserWarning and its indented source line); how the command reached the container.
_OUTCOME = re.compile(r"^[^\n]{0,512}\bis_available\(\)[^\n]{0,512}\n(?:[^\n]{0,512}warning[^\n]{0,512}\n|[ \t]+\S[^\n]{0,512}\n){0,3}"
                      # (after versions and flags printed before it: "2.1.0a0+41361538.nv23.06 False")
                      r"[ \t]*(?:" + PRINTED_VALUE + r"[ \t]+){0,3}(true|false)[ \t]*$", re.M | re.I)
_THROUGH_ENGINE = re.compile(r"\b(?:docker|podman|nerdctl)\s+(?:exec|run)\b")


@functools.lru_cache(maxsize=1)
def _through_login() -> Pattern[str]:
    """A command run through an SSH login or a switch that loses the runtime GIDs (data/privilege_drops.json)."""
    return re.compile(r"(?:^|[\s$#>])(?:ssh\s+\S|" + switch_commands(*LOSING_GROUPS) + ")")


def _to_a_user_through_login(command: str) -> bool:
    """A command run through a login or switch that loses the runtime GIDs, as a user other than root (whom no group
    stops)."""
    login = _through_login().search(command)
    return login is not None and not switches_to_root(command[login.start():])


def _shown_as(symptom_id: str, line: str) -> SymptomMatch:
    """A family's match for what the paste shows rather than says in the family's words (two runs that differ)."""
    family = _family(symptom_id)
    return SymptomMatch(symptom_id, line[:300], line[:300], _meanings(family, line), str(family["docs"]),
                        str(family["runbook"] or ""), tuple(family["sources"]))


# nvidia-smi's header names the newest CUDA its driver runs; nvcc names the toolkit's release.
_SMI_CUDA = re.compile(r"CUDA Version:\s*(\d{1,2})\.(\d{1,2})\b")
# The host's CUDA (its driver's) and a container's or image's said side by side, in words.
# (CUDA's majors only, 7 to 13: not an Ubuntu release, an L4T release or an NGC image's date tag)
_CUDA_MAJOR_MINOR = r"(?<!\d)(?<!\d\.)([7-9]|1[0-3])\.(\d{1,2})(?!\d|\.\d)"
_HOST_CUDA_BEHIND = re.compile(r"\bhost\b[^\n]{0,40}?\bcuda\s+(?:version\s+)?" + _CUDA_MAJOR_MINOR + r"[^\n]{0,30}?"
                               r"\b(?:but|while|whereas)\b[^\n]{0,30}?\b(?:container|image)\b[^\n]{0,30}?" + _CUDA_MAJOR_MINOR,
                               re.I)
_NVCC_RELEASE = re.compile(r"^.*\brelease (\d{1,2})\.(\d{1,2}), V\d[^\n]*", re.M)


def _driver_behind(clean: str) -> Optional[SymptomMatch]:
    """A CUDA toolkit newer than the driver, shown rather than said: nvcc's release of a later major than the CUDA
    version nvidia-smi says its driver runs, or a container's CUDA said beside the host's; read as CUDA's
    insufficient-driver error (35), which what the toolkit builds meets."""
    said = _HOST_CUDA_BEHIND.search(clean) if "host" in clean.lower() else None
    if said and _newer_than_the_driver_runs((int(said.group(3)), int(said.group(4))), (int(said.group(1)), int(said.group(2)))):
        return _shown_as("cuda-35", said.group(0).strip())
    driver = _SMI_CUDA.search(clean) if "CUDA Version" in clean else None
    toolkit = _NVCC_RELEASE.search(clean) if driver and "release" in clean else None
    if toolkit is None or driver is None:
        return None
    made, runs = (int(toolkit.group(1)), int(toolkit.group(2))), (int(driver.group(1)), int(driver.group(2)))
    return _shown_as("cuda-35", toolkit.group(0).strip()) if _newer_than_the_driver_runs(made, runs) else None


def _newer_than_the_driver_runs(made: Tuple[int, int], runs: Tuple[int, int]) -> bool:
    """Whether CUDA of release ``made`` needs a newer driver than one that runs ``runs``: from CUDA 11 a release of a
    later minor runs on the driver of its major (minor version compatibility)."""
    return made[0] > runs[0] if runs[0] >= 11 else made > runs


def _login_contrast(clean: str) -> Optional[SymptomMatch]:
    """The login path shown or said: CUDA available to a command the engine runs (docker exec), unavailable to one that
    came through a login that rebuilds groups (ssh, su), in the same paste; as the groups-lost family."""
    if "is_available" in clean:
        outcomes = [(m.group(0).split("\n")[0].strip(), m.group(1).lower()) for m in _OUTCOME.finditer(clean)][:64]
        works = [c for c, said in outcomes
                 if said == "true" and _THROUGH_ENGINE.search(c) and not _through_login().search(c)]
        # "ssh orin2 docker exec ..." goes through the engine of another machine, not through a login into the container
        fails = [c for c, said in outcomes
                 if said == "false" and _to_a_user_through_login(c) and not _THROUGH_ENGINE.search(c)]
        if works and fails:
            return _shown_as("groups-lost-words", fails[0])
    if not any(login in clean for login in ("ssh", "SSH", "Ssh", "su -", "sudo -i")):
        return None  # (no login named: no line to read for one)
    said = _said_on_a_line_or_two(clean, lambda text: "exec" in text.lower(), _exec_login_said_apart)
    return _shown_as("groups-lost-words", said) if said is not None else None


# The engine's exec into a container, and a login into it (SSH, VS Code's Remote-SSH, su -), said in words.
_ENGINE_EXEC = re.compile(r"\b(?:docker|podman|nerdctl|kubectl)\s+exec\b", re.I)
_LOGIN_SAID = re.compile(lexicon.ascii_words(r"ssh|remote-ssh|sshd") + r"|\bsu\s+-(?:\s|$)|\bsudo\s+-i\b", re.I)


def _exec_login_said_apart(line: str) -> bool:
    """Whether one clause says the GPU works through the engine's exec, and another that it fails through a login into
    the same container ("With docker exec -u dev CUDA works. Through Remote-SSH as dev it does not work."), in any of
    the lexicon's languages: the login rebuilt the groups the launch added."""
    if "?" in line:
        return False
    clauses = [c for sentence in sentences(line) for c in (
        contrast_sides(sentence) if _ENGINE_EXEC.search(sentence) and _LOGIN_SAID.search(sentence) else [sentence])]
    exec_works = any(_ENGINE_EXEC.search(c) and not _LOGIN_SAID.search(c) and _CLAUSE_WORKS.search(c)
                     and not _CLAUSE_FAILS.search(c) for c in clauses)
    login_fails = any(_LOGIN_SAID.search(c) and not _ENGINE_EXEC.search(c) and _CLAUSE_FAILS.search(c)
                      and not _CLAUSE_WORKS.search(c) for c in clauses)
    return exec_works and login_fails


# A command run as root (sudo, a root prompt) beside the same check run without it; and the check's answer said after an
# arrow ("sudo python3 test.py -> CUDA available").
# CUDA's deviceQuery sample run at a prompt and the verdict it ends with ("Result = FAIL"), before its next run
_DEVICE_QUERY_OUTCOME = re.compile(r"^([^\n]*[$#>]\s*(?:sudo\s+)?\S*devicequery[^\n]*)\n"
                                   r"(?:(?![^\n]*[$#>]\s*(?:sudo\s+)?\S*devicequery)[^\n]*\n){0,60}?[^\n]*\bresult = (pass|fail)\b",
                                   re.I | re.M)


# A launch as a user it names (-u 1000, --user app), not as root
_CHOSEN_USER = re.compile(r"(?:--user|(?<![\w-])-u)(?:=|\s+)['\"]?(?!(?:0|root)(?::0|:root)?['\"]?(?:\s|$))\S")
_ARROW_OUTCOME = re.compile(r"^([^\n]{1,300}?)\s*(?:->|=>|\u2192|:)\s*(cuda (?:is )?(?:not available|available)|true|false)\s*$",
                            re.M | re.I)


# Root as a label ("Root: True", "root : works"); not a logger's name ("WARNING:root:..." is Python logging's default).
_ROOT_LABEL = r"(?<!:)\broot\s*:"
# A word set in inline code or quotes in a sentence ("with `sudo` it is True"): the same word.
_QUOTE = r"[`'\"*]{0,2}"
# The root contrast said in clauses of their own ("As a non-root user ... is False. As root it's True.", "Non-root:
# False. Root: True.", "With sudo it returns True, without sudo ... False", "... False unless I run the container as root").
_ROOT_SIDE = re.compile(r"^\W*root\b|\b(?:as|with|for|under|using|via)\s+(?:the\s+)?" + _QUOTE + r"(?:root|sudo)\b|"
                        + _ROOT_LABEL + r"|"
                        + lexicon.ROOT_SIDE + r"|"
                        r"(?<!without )(?<!no )\bsudo\s+(?!-u\b)[\w./-]+|"
                        r"\bunless\s+(?:i\s+|we\s+)?(?:use|run|start|launch|execute)\w*\s+(?:[\w-]+\s+){0,3}?(?:with|as|under)\s+"
                        r"(?:sudo|root)\b", re.I)
_USER_SIDE = re.compile(r"\bnon-?root\b|\bwithout\s+" + _QUOTE + r"(?:sudo|root)\b|\b(?:as|for|with)\s+(?:a|my|the|normal|regular|"
                        r"unprivileged|ordinary)\s+(?:[\w-]+\s+)?user\b|\bmy\s+user\b|\buser\s*:|" + lexicon.USER_SIDE, re.I)
_CLAUSE_WORKS = re.compile(r"(?<!\bnot )(?<!n't )(?<!\bnever )\b(?:works?|worked|true|fine|ok|succeeds?|succeeded|passe[sd]|sees|"
                           r"detects)\b|"
                           r"(?<!not )\b(?:available|detected)\b|" + lexicon.WORKS, re.I)
_CLAUSE_FAILS = re.compile(r"\b(?:false|fails?|failed|unavailable|errors?|denied|801|999|not\s+(?:work\w*|available|found))\b|"
                           r"n't\s+work|" + lexicon.FAILS, re.I)
_GPU_CHECK = re.compile(lexicon.ascii_words(r"cuda|gpu|torch|is_available|cuinit|devicequery|tensorrt|nvmap") +
                        r"|/dev/(?:nv|dri)", re.I)
_EVEN_THEN = re.compile(r"\beven\s+(?:then|as root|with sudo|under sudo)\b[^.;]{0,24}\b(?:fails?|failed|false|not work\w*)\b", re.I)


@functools.lru_cache(maxsize=1)
def _not_the_gpu() -> Pattern[str]:
    """Other work than the GPU's said in a clause (clocks, a VNC desktop, another device, an install): the words the
    seat's and root's families are vetoed by (data/symptoms.json `vetoed_by`), read by the sentence readers alike."""
    return re.compile(str(_family("denial-words")["vetoed_by"][0]) + r"|\b(?:install\w*|apt|packages?)\b", re.I)


def _claimed(clause: str) -> bool:
    """Whether a clause that says something works claims it of this machine now: none of NOT_HERE_NOW's words, and no
    condition before the working ("if it works as root, ..." supposes; "it works if I log in" says when)."""
    supposed = SUPPOSED.search(clause)
    return not NOT_HERE_NOW.search(clause) and not (supposed and _CLAUSE_WORKS.search(clause, supposed.end()))


def _root_said_apart(line: str) -> bool:
    """Whether one clause of the line says root (or sudo) works, of this machine now (NOT_HERE_NOW), and another that a
    GPU check fails for a user, or for no one named; "unless ... as root" is both at once. Clocks, fans and installs are
    other work than the GPU's, and root failing too leaves no contrast."""
    if not _GPU_CHECK.search(line) or "?" in line:
        return False
    clauses = contrast_sides(line)
    root = [bool(_ROOT_SIDE.search(c)) and not _USER_SIDE.search(c) for c in clauses]
    if any(is_root and _CLAUSE_FAILS.search(c) for c, is_root in zip(clauses, root)) or _EVEN_THEN.search(line):
        return False  # root fails too
    root_works = any(is_root and _claimed(c) and not _not_the_gpu().search(c)
                     and (_CLAUSE_WORKS.search(c) or c.lower().startswith("unless")) for c, is_root in zip(clauses, root))
    user_fails = any(not is_root and _CLAUSE_FAILS.search(c) and not _CLAUSE_WORKS.search(c)
                     and (_USER_SIDE.search(c) or _GPU_CHECK.search(c)) for c, is_root in zip(clauses, root))
    return root_works and user_fails


def _root_works_said(line: str) -> bool:
    """Whether a sentence of the line says root gets the GPU, of this machine now and where the check ran, and not that
    root fails ("The container user is app, root sees the GPU.", "As root, the same command prints True."): the other
    side of the contrast is a check shown failing. Not root on the host (the check failed in a container), on another
    machine, or sudo running other work ("I restarted the daemon with sudo systemctl ... and it works now")."""
    return any(_ROOT_RUNS.search(sentence) and not _USER_SIDE.search(sentence) and not _CLAUSE_FAILS.search(sentence)
               and not _EVEN_THEN.search(sentence) and _CLAUSE_WORKS.search(sentence)
               and (_GPU_CHECK.search(sentence) or _THE_SAME.search(sentence)) and _claimed(sentence)
               and not _not_the_gpu().search(sentence) and not _ELSEWHERE_THAN_THE_CHECK.search(sentence)
               and not ANOTHER_MACHINE.search(sentence) for sentence in sentences(line))


_NAMES_ROOT = re.compile("root", re.I)
# Root running the check: "root ...", "as root", "root:", "with sudo" said of the check itself, `sudo python3 ...`,
# "--user root".
_ROOT_RUNS = re.compile(r"(?:^|[,;]\s)\W*root\b|\b(?:as|for|under)\s+(?:the\s+)?" + _QUOTE + r"root\b|" + _ROOT_LABEL + r"|"
                        + lexicon.ROOT_SIDE + r"|"
                        r"\b(?:with|using|via|under)\s+" + _QUOTE + r"sudo\b" + _QUOTE
                        + r"(?=\s*(?:$|[,.;:!)]|(?:it|this|that|everything|the\s+same|"
                        r"too|as\s+well|also|prints?|returns?|works?|shows?|gives?|says|succeeds?|passes)\b))|"
                        r"\bsudo\s+(?:-\w+\s+)*(?:python\w*|\./\S+|\S*devicequery)\b|"
                        r"(?:--user|(?<!\S)-u)[ =](?:root|0(?::0)?)\b", re.I)  # (an engine's run or exec as root)
_ELSEWHERE_THAN_THE_CHECK = re.compile(r"\b(?:on|from|in)\s+the\s+host\b|\boutside\b", re.I)
_THE_SAME = re.compile(r"\b(?:it|this|that|everything|the same)\b", re.I)  # the check just shown, said again


_REMOTE_SIDE = re.compile(lexicon.ascii_words(r"ssh|sshd|headless|remote(?:ly)?|xrdp|vnc"), re.I)
_SEAT_FAILS = re.compile(_CLAUSE_FAILS.pattern + r"|\bdoes\s+not\b|\bno\s+gpu\b", re.I)


def _seat_said_apart(line: str) -> bool:
    """Whether one sentence (or clause) of the line says a GPU check works with a display or a local login, and another
    that it fails over SSH or headless; an automatic login said to make it work is the seat alone."""
    if not (_GPU_CHECK.search(line) or re.search(r"\b(?:801|999)\b", line)) or "?" in line:
        return False
    units = [u for sentence in sentences(line) for u in (
        contrast_sides(sentence) if _seat_in(sentence) and _REMOTE_SIDE.search(sentence) else [sentence])]
    seat_works = any(_seat_in(u) and not _REMOTE_SIDE.search(u) and _CLAUSE_WORKS.search(u)
                     and not _SEAT_FAILS.search(u) and _claimed(u) and not _not_the_gpu().search(u) for u in units)
    remote_fails = any(_REMOTE_SIDE.search(u) and not _seat_in(u) and _SEAT_FAILS.search(u)
                       and not _CLAUSE_WORKS.search(u) for u in units)
    automatic = any(re.search(_AUTOLOGIN, u, re.I) and _CLAUSE_WORKS.search(u)
                    and not _SEAT_FAILS.search(u) and _claimed(u) for u in units)
    return (seat_works and remote_fails) or automatic


_WRAPPED = 60  # a line at least this long, followed by more prose, may be a paragraph wrapped at its width


def _said_on_a_line_or_two(clean: str, cue: Callable[[str], object], said: Callable[[str], bool]) -> Optional[str]:
    """The first line on which, alone or with the line after it, ``said`` finds its contrast (tried only where ``cue``
    does), else the first with the two lines after it; that line is the evidence, since it is one of the paste's own."""
    lines = clean.split("\n")[:MAX_CONTRAST_LINES]
    # The cue is asked of each distinct line once: lines joined by a blank or a full stop hold the cue exactly where one
    # of them does (its words cannot run across the join), and most lines of a long log hold none
    cued = dict.fromkeys([*lines, ""], False)
    for line in cued:
        cued[line] = bool(cue(line))
    tried: Set[Tuple[str, str]] = set()  # a pair read once reads alike again (a log repeats its lines)
    for line, after in zip(lines, lines[1:] + [""]):
        if (line, after) in tried or not (cued[line] or cued[after]):
            continue
        tried.add((line, after))
        # (the two lines as one sentence wrapped, or as two: "selftest: GPU check FAILED" / "As root it works."; a command
        # at a prompt is no sentence: "$ sudo podman run ... true" runs `true`, it says nothing works)
        alone = (line,) if cued[line] else ()
        texts = alone if PROMPT.match(line.strip()) else alone + (line + " " + after, line.rstrip() + ". " + after)
        if any(said(text) for text in texts):
            return line.strip()
    # Then three, where the first two are a paragraph's lines wrapped at its width (not a command and its output): after
    # every line and pair, so the evidence is the first line that holds a side of the contrast
    wrapped: Set[str] = set()
    for line, after, third in zip(lines, lines[1:], lines[2:]):
        if not (third.strip() and min(len(line), len(after)) >= _WRAPPED and (cued[line] or cued[after] or cued[third])):
            continue
        text = line + " " + after + " " + third
        if text not in wrapped and said(text):
            return line.strip()
        wrapped.add(text)
    return None


def _seat_contrast(clean: str) -> Optional[SymptomMatch]:
    """The seat said in sentences of their own (_seat_said_apart), as the seat-login words family."""
    said = _said_on_a_line_or_two(clean, lambda text: _REMOTE_SIDE.search(text) or "login" in text.lower(), _seat_said_apart)
    return _shown_as("seat-login-words", said) if said is not None else None


def _root_contrast(clean: str, outcomes: Sequence[Tuple[str, str]], seen: Observed) -> Optional[SymptomMatch]:
    """Root working and the user not, said in clauses of their own or shown: CUDA available to a check run with sudo or
    at a root prompt, unavailable to the same kind of check run without; read as the denial words family."""
    if not outcomes and not _NAMES_ROOT.search(clean) and "sudo" not in clean and "\n#" not in clean:
        return None
    said = _said_on_a_line_or_two(clean, lambda text: "root" in text.lower() or "sudo" in text, _root_said_apart)
    if said is not None:
        return _shown_as("denial-words", said)
    works = [c for c, said in outcomes if said == "true" and _AS_ROOT.search(c)]
    fails = [c for c, said in outcomes if said == "false" and not _AS_ROOT.search(c)]
    # a check shown failing, and root's working shown, or said in a sentence of its own (the evidence, then)
    root_works = None if works or not fails else next((
        line.strip() for line in clean.split("\n")[:MAX_CONTRAST_LINES]
        if ("root" in line.lower() or "sudo" in line) and _root_works_said(line)), None)
    if fails and (works or root_works):
        return _shown_as("denial-words", root_works or fails[0])
    # Two launches of a check that differ only in who runs it: the one that fails as a user it chose (-u), or without
    # a group the working one adds (the same image, runtime and devices otherwise)
    launched = [(c, said) for c, said in outcomes if _THROUGH_ENGINE.search(c)]
    contrast = [failing for failing, no in launched if no == "false" for working, yes in launched if yes == "true"
                and _same_but_the_user(failing, working, seen)
                and ((_CHOSEN_USER.search(failing) and not _CHOSEN_USER.search(working))
                     or ("--group-add" in working and "--group-add" not in failing))]
    return _shown_as("denial-words", contrast[0]) if contrast else None


def _check_outcomes(clean: str) -> List[Tuple[str, str]]:
    """Each CUDA check the paste shows with its answer ("true" or "false"): `is_available()` and what it printed, a
    command with its answer after an arrow, deviceQuery's verdict; at most 64 of each kind."""
    return [(m.group(0).split("\n")[0].strip(), m.group(1).lower()) for m in _OUTCOME.finditer(clean)][:64] + [
        (m.group(1).strip(), "false" if re.search(r"not|false", m.group(2), re.I) else "true")
        for m in _ARROW_OUTCOME.finditer(clean)][:64] + ([
            (m.group(1).strip(), "true" if m.group(2).lower() == "pass" else "false")
            for m in _DEVICE_QUERY_OUTCOME.finditer(clean)][:64] if "devicequery" in clean.lower() else [])


def _runtime_contrast(outcomes: Sequence[Tuple[str, str]], seen: Observed) -> Optional[SymptomMatch]:
    """Two launches of one image, the one given the GPU working and the one not given it failing (the engine's default
    runtime counted, where the paste shows it): the failing container lacks the GPU's nodes, read as the nodes-missing
    words family. Where the failing launch also differs in its user or its added groups, only a runtime that is named
    and not NVIDIA's (runc) decides it, since an unshown default runtime may be NVIDIA's."""
    launched = [(launch, said) for command, said in outcomes if _THROUGH_ENGINE.search(command)
                for launch in [from_run_line(PROMPT.sub("", command))] if launch is not None]
    for failing, no in launched:
        for working, yes in launched:
            alike = failing.user == working.user and set(working.group_add) <= set(failing.group_add)
            if no == "false" and yes == "true" and failing.image == working.image and _gets_gpu(working, seen) \
                    and not _gets_gpu(failing, seen) and (failing.runtime or alike):
                return _shown_as("nodes-missing-words", failing.text)
    return None


def _same_but_the_user(one: str, other: str, seen: Observed) -> bool:
    """Whether two engine commands start the same image with the same runtime (the engine's default, where the paste
    shows NVIDIA's, being NVIDIA's), GPU request and devices: what they differ in, if anything, is the user or the added
    groups."""
    def setup(line: str) -> Optional[Tuple[object, ...]]:
        command = PROMPT.sub("", line.strip())
        launch = from_run_line(command)
        if launch is None:
            execed = from_exec_line(command)
            return ("exec", execed.container) if execed is not None else None
        nvidia = launch.nvidia_runtime or (launch.runtime is None and _nvidia_by_default(launch, seen))
        return (launch.image, "nvidia" if nvidia else launch.runtime, launch.gpus, launch.privileged, launch.dev_mount,
                launch.devices)  # (nvidia_gpu is these together)
    first = setup(one)
    return first is not None and first == setup(other)


def _session_statements(seen: Observed, others: Sequence[Diagnosis]) -> List[Statement]:
    """The findings for each other session (`id`) the paste shows, each with that `id` line."""
    out = []
    for diagnosis in others:
        user, process = diagnosis.facts.user, diagnosis.facts.process
        held = set(process.groups) | {process.gid} if process is not None else set()
        mine = [i for i in seen.identities if user is not None and i.uid == user.uid]  # one uid twice: by its groups
        line = next((i.line for i in mine if set(i.groups) == held), mine[0].line if mine else "")
        for finding in diagnosis.findings:
            statement = _finding_statement(finding, seen)
            out.append(Statement("for uid {}: {}".format(user.uid if user else "?", statement.text),
                                 tuple(dict.fromkeys((line,) + statement.evidence[:-1])), statement.assumed))
    return out


# The hard signs of a Jetson and of a PC where a paste shows both machines (_jetson_beside_pc).
_Platforms = Tuple[List[Sighting], List[Sighting]]


class _SystemReading(NamedTuple):
    """One system of a mixed paste, read on its own: its label, its reading, whether its part shows an error of its
    own, and the line that starts its part (the evidence that it is there)."""

    label: str
    cause: Cause
    failing: bool
    line: str


def _per_system(text: str, memo: LineMemo, seen: Observed,
                platforms: Optional[_Platforms] = None) -> List[_SystemReading]:
    """Each system of a mixed paste read on its own: the text from one release line to the next that names another
    release, or, where a Jetson and a PC are both shown (``platforms``), from a line that starts one's part
    (_introduces_a_machine) to the next that starts another's; a release line under a Jetson's heading is that
    Jetson's, and a heading that names a machine already shown, even by name only ("... on the Jetson:"), hands the
    lines below it back to that machine. At most MAX_SYSTEMS of them, each from the first and last PART_WINDOW
    characters of its lines (a fleet log that alternates releases is read a bounded number of times, and no more
    than once over); a paste that switches machines more than MAX_SEGMENTS times is read as one."""
    lines = normalise(window(text)[0]).split("\n")
    hard = _sightings_by_line(platforms, seen)
    segments: List[Tuple[int, int]] = []  # (first line, system) of each run of one system's lines
    systems: List[str] = []
    for i, line in enumerate(lines):
        key = line.strip()
        system, heading, _ = hard.get(key, ("", False, ""))
        if not system and platforms and segments and key.endswith(":"):  # a machine shown already, named by a word
            system, heading = _the_system_named(_machine_named(key), systems), True
        if not system or (segments and not heading):
            continue  # (the first machine starts at any sign of it; another, or a return, only at a heading)
        current = segments[-1][1] if segments else -1
        if system.startswith("jetson ") and current >= 0 and systems[current] == "jetson":
            systems[current] = system  # the release of the Jetson whose heading came first: the same machine
            continue
        if system == "jetson":  # a Jetson's heading: the one Jetson shown already by its release, if any
            system = _the_system_named("jetson", systems) or system
        if system not in systems:
            if len(systems) >= MAX_SYSTEMS:
                continue
            systems.append(system)  # (a log that alternates two systems' lines is two systems, each read once)
        number = systems.index(system)
        if number != current:
            if len(segments) >= MAX_SEGMENTS:
                return []  # which lines are whose is no longer followed: read as one
            segments.append((i, number))
    if len(systems) < 2:
        return []  # the paste does not show where one system's output ends: read as one
    ends = [start for start, _ in segments[1:]] + [len(lines)]
    runs = [(0 if n == 0 else start, end, which) for n, ((start, which), end) in enumerate(zip(segments, ends))]
    out = []  # (the first run holds what comes before the first sign of a machine)
    for number, system in enumerate(systems):
        own = "\n".join("\n".join(lines[start:end]) for start, end, which in runs if which == number)
        read_part, cut = window(own, PART_WINDOW)
        part = explain(read_part, nested=True, memo=memo)
        kind = "a PC" if system == "pc" else "L4T " + (part.observed.l4t or "?")
        label = "system {} ({}{})".format(number + 1, kind, "; its part read from its first and last {} KiB".format(
            PART_WINDOW >> 10) if cut else "")
        start_line = next(lines[start].strip() for start, which in segments if which == number)
        shown = hard.get(start_line)
        out.append(_SystemReading(label, part.cause, any(m.id not in _SAYS_IT_WORKS for m in part.matches),
                                  shown[2] if shown else start_line))
    return out


def _sightings_by_line(platforms: Optional[_Platforms], seen: Observed) -> Dict[str, Tuple[str, bool, str]]:
    """The lines that show a machine of a mixed paste by a hard sign or a release file's line, each with its system
    ("jetson", "jetson 36.4.3", "pc"), whether it starts that machine's part (_introduces_a_machine), and the line as
    printed."""
    signs = [("jetson", s) for s in (platforms[0] if platforms else ())] + [("pc", s) for s in (platforms[1] if platforms else ())]
    shown = {normalise(s.line).strip(): (kind, _introduces_a_machine(normalise(s.line), s.value), s.line) for kind, s in signs}
    shown.update({normalise(r.line).strip(): ("jetson " + r.value, True, r.line) for r in seen.releases
                  if RELEASE_LINE.search(r.line)})  # a release file's line, not a release named in a sentence
    return shown


# A heading's words for a machine (a paste that shows a Jetson and a PC names each again by these: "Back on the Jetson:",
# "On the x86_64 build box:"); one that names both ("the Jetson image on the build box:") names neither.
_JETSON_HEADING_WORDS = re.compile(r"\b(?:Jetsons?|Orin|Xavier|Nano|TX[12]|Thor|IGX|dev ?kit|carrier board)\b", re.I)
_PC_HEADING_WORDS = re.compile(r"\b(?:PC|desktop|laptop|workstation|x86(?:_64)?|amd64|build (?:box|server|machine|host)|"
                               r"RTX|GTX|GeForce)\b", re.I)


def _machine_named(heading: str) -> str:
    """The kind of machine ("jetson", "pc") a short heading names by a word alone in its last clause, where it names one
    kind ("Back on the Jetson:", "... and on the x86_64 build box:"), not by a comparison ("as on the Jetson")."""
    if len(heading) > 120 or _OUTPUT_FOLLOWS.search(heading):
        return ""
    clause = re.split(r"[,;]", _PARENTHESES.sub("", heading))[-1]
    if _COMPARED.search(clause):
        return ""
    jetson, pc = bool(_JETSON_HEADING_WORDS.search(clause)), bool(_PC_HEADING_WORDS.search(clause))
    return "jetson" if jetson and not pc else "pc" if pc and not jetson else ""


_PARENTHESES = re.compile(r"\([^()\n]{0,120}\)")
_COMPARED = re.compile(r"\b(?:as|like|than)\s+(?:on|in|with)\b", re.I)


def _the_system_named(kind: str, systems: Sequence[str]) -> str:
    """The one system shown so far of a kind ("jetson" matches "jetson 36.4.3"); none where two are (which one is not said)."""
    alike = [system for system in systems if kind and system.split(" ")[0] == kind]
    return alike[0] if len(alike) == 1 else ""


def _introduces_a_machine(line: str, value: str) -> bool:
    """Whether a line that shows a machine starts that machine's part of a paste: a heading that ends in a colon ("Fails
    on the build server (x86_64):"; not a sentence that goes on into its output, "... for x86_64 and got:"), or the
    sign alone on its line (`uname -m`'s "x86_64"). After the first machine, a sign said in passing ("the module is only
    for amd64") starts no other."""
    said = line.strip()
    return said.lower() == value.lower() or (said.endswith(":") and not _OUTPUT_FOLLOWS.search(said))


# A sentence that ends by introducing what a command printed: its output follows, not another machine's part.
_OUTPUT_FOLLOWS = re.compile(r"\b(?:got|get|gets|gives?|gave|shows?|showed|prints?|printed|returns?|returned|says?|said|"
                             r"outputs?|reads?|error|this|following)\s*:$", re.I)


# Families that say the GPU works (or runs fast): in a mixed paste, the system that shows them is not the one failing.
_SAYS_IT_WORKS = ("gpu-works-words", "performance-words")


MAX_SYSTEMS = 4  # the systems of a mixed paste read one by one
MAX_SEGMENTS = 4 * MAX_SYSTEMS  # runs of one system's lines (a paste that goes back and forth between two machines)
PART_WINDOW = FACT_WINDOW // 32  # of each system's part, its first and last 8 KiB (its release line, its failure)


def _from_paste(diagnosis: Diagnosis) -> Diagnosis:
    """The diagnosis with only the findings a paste can support (PASTE_FINDINGS), its verdict recomputed."""
    findings = tuple(f for f in diagnosis.findings if f.code.startswith(PASTE_FINDINGS))
    severities = {f.severity for f in findings}
    verdict = (Verdict.PROBLEM if Severity.ERROR in severities else Verdict.WARNING if Severity.WARNING in severities
               else Verdict.HEALTHY)
    return Diagnosis(diagnosis.facts, diagnosis.views, diagnosis.nodes, findings, verdict)


def _wants_nvidia(launch: Launch, gpu_error: bool) -> bool:
    """Whether telling this launch to add the NVIDIA runtime makes sense (not for an Alpine image with a serial port, nor
    a privileged container that passes another device: a Coral, a Hailo, a USB camera)."""
    image = (launch.image or "").lower()
    other_devices = bool(launch.devices) and not any("nvidia.com/" in d or re.search(r"/dev/(?:nv|dri)", d)
                                                     for d in launch.devices)
    asks_for_gpu = launch.nvidia_runtime or launch.gpus or (launch.nvidia_gpu and not other_devices)
    return gpu_error or bool(asks_for_gpu) or any(w in image for w in ("nvidia", "l4t", "cuda", "jetson", "torch", "tensor",
                                                                       "deepstream", "ollama", "llama", "vllm", "isaac"))


def _systems(seen: Observed, readings: Sequence[_SystemReading],
             platforms: Optional[_Platforms]) -> Tuple[Tuple[str, str], ...]:
    """(label, line) for each system a mixed paste shows: two L4T releases, or a Jetson beside a PC (``platforms``),
    each with its own reading where the paste shows where one's output ends and the other's starts."""
    if readings:
        return tuple(("{}: most likely {} ({})".format(r.label, r.cause.id, r.cause.why.text), r.line) for r in readings)
    if len(seen.releases) > 1:
        return tuple(("system {} (L4T {})".format(n, r.value), r.line) for n, r in enumerate(seen.releases, 1))
    if platforms:
        jetson, x86 = platforms
        return (("a Jetson ({} {})".format(jetson[0].kind, jetson[0].value), jetson[0].line),
                ("a PC ({})".format(x86[0].value), x86[0].line))
    return ()


def _jetson_beside_pc(seen: Observed) -> Optional[_Platforms]:
    """The hard signs of a Jetson and of a PC where the paste shows both machines: no PC sign is what a Jetson shows of
    itself, and no Jetson sign is an image's software run on another machine."""
    strong_jetson = _hard_jetson_signs(seen)
    strong_x86 = [s for s in seen.x86 if s.kind not in NOT_SHOWN_X86 and not _a_jetson_s_own(s, seen, strong_jetson)]
    if strong_jetson and strong_x86 and not _runs_the_image_s_software(seen, strong_jetson, strong_x86):
        return strong_jetson, strong_x86
    return None


def _node_evidence(seen: Observed, paths: Sequence[str]) -> Tuple[str, ...]:
    return tuple(n.line for n in seen.nodes if n.path in paths)


def _place_said(where: str, seen: Observed) -> str:
    """Where a listing or an `id` was taken, as a statement says it: where the paste runs a container, output not placed
    inside it may be the host's or may be from a place the paste does not name."""
    if where:
        return " inside the container"
    return " (on the host, or where the paste does not say)" if seen.launches or seen.execs else ""


def _finding_statement(finding: Finding, seen: Observed) -> Statement:
    paths = re.findall(r"/dev/[\w./-]+", finding.title + " " + " ".join(finding.evidence))
    evidence = _node_evidence(seen, paths) + tuple(i.line for i in _sessions(seen)[:1])
    whole = seen.group_lines and not seen.group_lines_partial  # the paste shows the session's whole /etc/group
    title = finding.title if whole else finding.title.replace("(no name here)", "(its name not shown)")
    text = "{} {}: {}".format(finding.severity.value.upper(), finding.code, scrub(title))
    return Statement(text, evidence, not evidence)


def _shown_by_paste(finding: Finding, seen: Observed, denied: bool) -> bool:
    """Whether the paste shows what a finding says: one that a GID has no name rests on the session's whole /etc/group,
    which a paste without its lines, with the host's, or with lines a query picked, does not show (`id` names only the
    groups it holds); one that a user is no member of a group is not said from the host's lines or from picked lines
    that do not hold the group (without any, it rests on `id`, an assumption the reading states); one that assumes a
    read-only node is enough (ACC-005) is contradicted where the paste shows that node's group held and the node
    denied."""
    if finding.code == "ACC-005" and denied and _held_read_only(seen):
        return False
    whole = bool(seen.group_lines) and not seen.group_lines_partial
    if finding.code == "GRP-002" and seen.group_lines_partial:  # the group's own line a query picked, not the host's
        return seen.group_lines_partial == "picked" and any(g.gid in finding.subject.gids for g in seen.group_lines)
    return whole or finding.code != "GRP-001"


def _statements(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                assumptions: Sequence[str], audit: Sequence[Tuple[AuditFinding, str]],
                systems: Sequence[Tuple[str, str]]) -> Tuple[Statement, ...]:
    out: List[Statement] = []
    if systems:
        out.append(Statement("the paste shows {} systems; each is read on its own, none is taken as the whole".format(
            len(systems)), tuple(line for _, line in systems), False))
        out += [Statement(label, (line,), False) for label, line in systems]
    if len(seen.identities) > 1:
        out.append(Statement("the paste shows {} different `id` outputs (sessions); each is diagnosed on its own{}".format(
            len(seen.identities), "" if seen.nodes else " once the nodes are known"),
            tuple(i.line for i in seen.identities), False))
    for match in matches:
        out.append(Statement("`{}` ({})".format(match.signature, match.id), (match.line,), False))
    if seen.jetson and shown_platform(seen)[0] != "pc":  # the system the reading is on, where the paste names both
        first = next((s for s in seen.jetson if s.kind not in WEAK_JETSON), seen.jetson[0])
        text = ("a Jetson: {} {}" if first.kind not in WEAK_JETSON else "probably a Jetson: the paste names {1!r}")
        out.append(Statement(text.format(first.kind, first.value), (first.line,), False))
    elif seen.x86:
        shown = [s for s in seen.x86 if s.kind not in NOT_SHOWN_X86] or list(seen.x86)
        first = next((s for s in shown if not OTHER_ARM_BOARD.search(s.value)), shown[0])  # (a PC's own sign first)
        text = "a PC: {}"
        if OTHER_ARM_BOARD.search(first.value):
            text = "another maker's Arm board, not a Jetson: {}"
        elif first.kind == PC_PROSE:
            text = "probably a PC: the paste says {!r}"
        elif first.kind in WEAK_X86:
            text = "probably a PC with a discrete GPU: the paste names {}"
        out.append(Statement(text.format(first.value), (first.line,), False))
    for release in seen.releases:
        labels = ", ".join(c for c in _jetpack(release.value)) or "no published JetPack label in the tables"
        out.append(Statement("L4T {} (JetPack {})".format(release.value, labels), (release.line,), False))
    for node in seen.nodes:
        where = _place_said(node.where, seen)
        cut = " (printed cut off, as {})".format(node.printed) if node.printed else ""
        out.append(Statement("{}{}{}: owner {}, group {}, mode {:04o}{}".format(node.path, cut, where, node.owner,
                                                                               node.group, node.mode,
                                                                               ", with an ACL" if node.acl else ""),
                             (node.line,), False))
    out += _compare_nodes(seen.nodes, apart=not (seen.launches or seen.execs))
    for acl in seen.acls:
        path, entry = acl.value.split(" ", 1)
        name, perms = entry.split(":", 1)
        out.append(Statement("{} has an ACL entry for user {} ({})".format(path, name, perms), (acl.line,), False))
    for absent in seen.absent:
        out.append(Statement("{} does not exist where that command ran".format(absent.value), (absent.line,), False))
    for identity in seen.identities:
        out.append(Statement("uid {}{} holds the groups {}".format(identity.uid, _place_said(identity.where, seen),
                                                                  ", ".join(map(str, identity.groups))),
                             (identity.line,), False))
    for launch in seen.launches:
        out.append(Statement(launch_summary(launch), _launch_evidence(launch), False))
    cdi = next((launch for launch in seen.launches if launch.source.startswith("docker") and _asks_cdi(launch)), None)
    if cdi is not None:  # fact sheet A.2, last row
        out.append(Statement("Docker resolves a CDI device (`--device nvidia.com/gpu=...`) with its own CDI library: the "
                             "spec's additionalGids (toolkit 1.19.1 and later) reach the container only with a dockerd "
                             "that has moby PR #52579 (merged 2026-05-08); with an older one the user gets the nodes' GIDs only "
                             "from --group-add or the image's /etc/group", (cdi.text.split("\n")[0],), False))
    for login in seen.logins:
        if login.value == "keeps --group-add" and ":" in login.kind.partition(" exec -u ")[2]:  # a group named (§6)
            text = "the session came through `{}`: with a group named, Docker gives it that GID and the launch's " \
                   "--group-add GIDs, and none of the image's /etc/group memberships".format(login.kind)
        elif login.value == "keeps --group-add":
            text = "the session came through `{}`: Docker rebuilds its groups from the image's /etc/group and adds the " \
                   "launch's --group-add GIDs (not the toolkit's)".format(login.kind)
        else:
            added = login.kind != "session" and any(launch.group_add for launch in seen.launches)
            text = "the session came through `{}`, which rebuilds groups from /etc/group{}".format(
                PROMPT.sub("", login.line)[:80] if login.kind == "session" else login.kind,
                " and drops the launch's --group-add GIDs" if added else "")
        out.append(Statement(text, (login.line,), False))
    if seen.toolkit is not None:
        out.append(Statement("NVIDIA container toolkit {}".format(seen.toolkit.value), (seen.toolkit.line,), False))
    if diagnosis is not None:
        denied = any(m.id == "nvmap-denied" for m in matches)
        out += [_finding_statement(f, seen) for f in diagnosis.findings if _shown_by_paste(f, seen, denied)]
    out += [Statement("{} {}: {} (fix: {})".format(f.status.upper(), f.id, f.why, f.fix), (line,), False)
            for f, line in audit]
    out += [Statement(scrub(a), (), True) for a in assumptions]
    if seen.windowed:
        out.append(Statement("the paste is very long: facts were read from its first and last {} KiB, error signatures "
                             "from its first and last {} KiB; a fact said only between them (a release line, an `id`) is "
                             "not in this reading: paste those lines on their own".format(
                                 FACT_WINDOW >> 10, SIGNATURE_WINDOW >> 10), (), True))
    if seen.cut_lines:
        out.append(Statement("a line is longer than {0} KiB: facts (launch options, listings, `id`) were read from "
                             "the first {0} KiB of such a line".format(MAX_LINE // 1024), (), True))
    merged: Dict[Tuple[str, bool], Tuple[str, ...]] = {}  # a thing said twice (one session path, two lines) is said once
    for statement in out:
        key = (scrub(statement.text), statement.assumed)
        merged[key] = tuple(dict.fromkeys(merged.get(key, ()) + statement.evidence))
    return tuple(Statement(text, evidence, assumed) for (text, assumed), evidence in merged.items())


def _jetpack(l4t: str) -> List[str]:
    return list(dict.fromkeys(c.jetpack for c in jetpack_for(l4t)))


def _compare_nodes(nodes: Sequence[ListedNode], apart: bool) -> List[Statement]:
    """The same node seen in two places with different owners or groups: the key evidence of a lost GID. Where the
    paste starts no container (``apart``), listings at two machines' prompts are two machines' nodes, whose GIDs differ
    by host, and are compared apart; beside a container, another prompt's name may be the container's host name."""
    out = []
    by_path: Dict[str, List[ListedNode]] = {}
    for node in nodes:
        by_path.setdefault(node.path, []).append(node)
    places = []
    for path, listed in by_path.items():
        machines = {n.machine for n in listed if n.machine}
        places += [(path, [n for n in listed if n.machine == m]) for m in machines] if apart and len(machines) > 1 else [
            (path, listed)]
    for path, seen in places:
        groups = {(n.group, n.where) for n in seen}
        if len({g for g, _ in groups}) > 1:
            open_where = ["in the container" if n.where == "container" else "in one of these listings"
                          for n in seen if n.open_to_all]
            text = "{} is listed with different groups: {}; {}".format(
                path, " vs ".join("{} ({})".format(n.group, n.where or "host or not stated") for n in seen),
                "open to every user {} (mode 0666), where no group is needed".format(open_where[0]) if open_where
                else "the GPU group did not reach one of these places")
            out.append(Statement(text, tuple(n.line for n in seen), False))
    return out
