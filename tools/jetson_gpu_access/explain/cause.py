"""The most likely cause: which system the paste came from (shown by it, or assumed and said so), and how
its families, facts and failing line weigh on that system. What the paste does not show stays unknown.

The first reading is readers.py's (a case gathered once, readers asked in order); evidence elsewhere in the paste may rule
that reading out (``_decide``), and a toolkit's version may leave it open.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .. import data
from ..model import Diagnosis
from ..record import with_fields
from ..textfacts import PACKAGE_ROW, PC_PROSE, Observed, Sighting
from .clues import (
    _CONTRAST,
    _DEVICE_WORD,
    _DRIVER_AT_WORK,
    _EXPLICIT_DENIALS,
    _GPU_NODES,
    _NAMED_ONLY,
    _RENDER_WORDS,
    _STARTUP_ERRORS,
    _TEGRA_NODE,
    PLATFORM_NAMES,
    WEAK_JETSON,
    WEAK_X86,
    _asks_cdi,
    _because,
    _gpu_nodes,
    _names_an_nvidia_gpu,
    _nodes_held,
    _only_another_makers_board,
    _other_arm_boards,
    _path_only_spec,
    _root_lines,
    _said_to_work,
    _smi_in_one_run_only,
    _this_machine_s,
    _thor_or_later,
)
from .failure import _DISCRETE_DRIVER, Failure
from .readers import _first_reading
from .records import Cause, Statement, SymptomMatch
from .signatures import _family

_AS_ROOT = re.compile(r"^(?:\S*[$>]\s*)?sudo\s|^root@[^\n]*?#|^#\s|^(?:as|with|for)\s+(?:the\s+)?root\b", re.I)


# Words that say which machine fails: "fails on my Orin", "doesn't work on the x86 box" (the word after "on").
_SAID_TO_FAIL = re.compile(r"\b(?:fails?|failing|failed|crash(?:es|ed)?|(?:does|do|did)(?:n't| not) work|not working|"
                           r"breaks?|broken)\b[^.\n]{0,20}?\bon\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)", re.I)


def _said_to_fail(sign: Sighting) -> bool:
    """Whether the words of the sign's line say the machine it names is the one that fails."""
    said = _SAID_TO_FAIL.search(sign.line)
    return said is not None and said.group(1).lower() in sign.value.lower()


def _names_the_device(sign: Sighting, images: Sequence[str]) -> bool:
    """Whether a weak Jetson sign names the device the paste ran on: a module, SoC, node or tool word, not inside the
    name of an image the paste launches, on the launch's line (a PC can pull ultralytics:latest-jetson too)."""
    return sign.kind == "Tegra-only name" and bool(_DEVICE_WORD.search(sign.value)) and not any(
        sign.value.lower() in image and image in sign.line.lower() for image in images)


# Weak signs of a PC that a Jetson can show too (Thor's /dev/nvidia*, mainline Tegra's VDPAU): alone, a PC assumed.
SHARED_X86 = ("discrete-GPU node", "PC software")


# With no sign of either system and no error family that leans to one, the project's own readers' system.
JETSON_BY_DEFAULT = "the paste does not say which system it ran on, and reports to this project come from Jetsons"


DRIVER_FAILURE = "NVML, nvidia-smi, /dev/nvidia* and the NVIDIA kernel module are a discrete GPU's driver"


GRAPHICS_RENDER = ("the render node fails and the paste never names CUDA: on a PC the render node serves graphics and video "
                   "(Mesa, VA-API, Vulkan); a Jetson's CUDA failing there prints CUDA's own error")


LEGACY_HOOK = ("the runtime's hook fails on what only its discrete-GPU (legacy) mode touches: NVML, /dev/nvidia*, the "
               "persistence daemon or its driver-version check; on a Jetson it mounts the CSV files instead")


# (the C library's requirement check, "nvidia-container-cli: requirement error", is the legacy mode's; the runtime's csv
# mode on a Jetson says "requirements not met" and names the host's CUDA: "(cuda=11.4)")
_LEGACY_HOOK = re.compile(r"nvidia-persistenced|requirement error:[^\n]{0,120}update your driver|"
                          r"nvidia-container-cli:\s*requirement error", re.I)


_DISCRETE = re.compile(_DISCRETE_DRIVER, re.I)


_WSL_KERNEL = re.compile(r"\b\d+\.\d+\.\d+(?:\.\d+)?-microsoft-standard(?:-WSL2)?\b", re.I)


# Jetson signs only a Jetson's own hardware prints (its kernel, its board and SoC ids, tegrastats, its GPU as CUDA names
# it, its release file)
_JETSON_HARDWARE = ("kernel", "board id", "SoC", "tegrastats", "CUDA device", "release file")


# A Jetson's signs an image's software does not bring along to another board: its hardware, its L4T release (stated,
# in its release file, in its packages) and its JetPack.
_NOT_BROUGHT_BY_AN_IMAGE = _JETSON_HARDWARE + ("L4T version", "JetPack stated", "nvidia-l4t package")


def _no_nvidia_gpu_on_the_board(reading: Cause, seen: Observed, matches: Sequence[SymptomMatch]) -> Cause:
    """A PC's reading on a paste whose only machine is another maker's Arm board, with no Jetson's own sign shown (an
    L4T image's software may run there: _NOT_BROUGHT_BY_AN_IMAGE) and no error only a discrete NVIDIA GPU's driver
    prints (the machine that fails is then another, or a card in the board's slot): the board has no NVIDIA GPU, so
    what fails there is its own hardware's or the software's, not this access."""
    if reading.id != "x86-discrete-gpu" or not _only_another_makers_board(seen) or any(
            s.kind in _NOT_BROUGHT_BY_AN_IMAGE for s in seen.jetson) or any(m.id in _DRIVER_AT_WORK for m in matches):
        return reading
    board = _other_arm_boards(seen)[0]
    why = _because("the board is another maker's Arm board ({}), with no NVIDIA GPU: what fails is its own hardware's "
                   "or the software's, not anything of NVIDIA's".format(board.value),
                   [board.line] + list(reading.why.evidence))
    return Cause("not-gpu-access", why, tuple(dict.fromkeys(("x86-discrete-gpu",) + reading.also_possible)))


def _runs_the_image_s_software(seen: Observed, jetson: Sequence[Sighting], hard_x86: Sequence[Sighting]) -> List[Sighting]:
    """The signs of the machine that runs an L4T image's software where no Jetson's own hardware is shown: another arm
    board's own kernel, SoC or name, or a PC that runs the image under an emulator. It outranks what the software prints
    there and a Jetson named in words (the target, where the pipeline came from)."""
    board = _other_arm_boards(seen)
    if bool(seen.said("emulated arm64")):
        board += hard_x86
    return board if jetson and not any(s.kind in _JETSON_HARDWARE for s in jetson) else []


def _a_jetson_s_own(sign: Sighting, seen: Observed, jetson: Sequence[Sighting]) -> bool:
    """Whether a PC's sign is what a Jetson shows of itself: the server (SBSA) CUDA stack, a Jetson's own from JetPack 7
    on, named beside any Jetson; and the desktop driver's branch, which Thor runs (OpenRM: fact sheet), in its
    nvidia-smi header beside a Thor or a JetPack 7 release."""
    if not jetson:
        return False
    if sign.value.lower() == "sbsa":
        return True
    return _thor_or_later(seen, jetson) and bool(re.search(r"\b(?:driver|nvidia-smi)\b\D{0,24}\b5[89]\d\.", sign.value, re.I))


def shown_platform(seen: Observed) -> Tuple[str, str]:
    """("jetson" or "pc", the line that shows it) as the paste shows the system, or ("", "") when it does not.

    A hard sign of a Jetson outranks any sign of a PC, and a hard sign of a PC outranks weak Jetson signs.
    """
    jetson = _this_machine_s(seen.jetson, seen.x86)
    if _names_an_nvidia_gpu(seen):  # a Jetson project's folder in a path
        jetson = [s for s in jetson if not _only_a_folder(s)]  # ("~/jetson-inference/build") beside a desktop GPU named
    strong = [s for s in jetson if s.kind not in WEAK_JETSON]
    images = [launch.image.lower() for launch in seen.launches if launch.image]
    device_named = any(_names_the_device(s, images) for s in jetson)
    elsewhere = [s for s in seen.x86 if s.kind == PC_PROSE and _said_to_work(s)]  # named as the machine that works
    # (nouveau, the open driver, drives a Tegra's GPU under mainline Linux too: beside the device's name, or an arm64
    # machine's own signs, it shows no PC)
    hard_x86 = [s for s in seen.x86 if s.kind not in WEAK_X86
                and not ((s.kind == PC_PROSE or s.value.lower() == "nouveau") and device_named)
                and not (s.value.lower() == "nouveau" and any(j.kind == "arm64 machine" for j in seen.jetson))
                and s not in elsewhere and not (device_named and PACKAGE_ROW.match(s.line))
                and not _a_jetson_s_own(s, seen, jetson)]
    if not strong and device_named and not hard_x86 and any(s.kind == PC_PROSE for s in seen.x86):
        # both named in words: a prompt's Jetson host name is where the commands ran; else the one the words say fails
        # ("works on my x86 laptop but fails on my Orin"), else assumed
        prompt = [s for s in jetson if s.kind == "host name"]
        if prompt:
            return "jetson", prompt[0].line
        failing = [(s, system) for system, signs in (("jetson", jetson), ("pc", seen.x86)) for s in signs
                   if _said_to_fail(s)]
        return (failing[0][1], failing[0][0].line) if len({system for _, system in failing}) == 1 else ("", "")
    # WSL's own kernel release (`uname -r`): the commands ran in WSL, and a Jetson only named there is another machine
    # (the board it flashes); a Jetson's own output beside it (its release file, its kernel) is a mixed paste
    wsl_kernel = [s for s in seen.x86 if _WSL_KERNEL.search(s.line)]
    if wsl_kernel and jetson and all(s.kind in _NAMED_ONLY for s in jetson):
        return "pc", wsl_kernel[0].line
    board = _runs_the_image_s_software(seen, jetson, hard_x86)
    if board:
        return "pc", board[0].line
    if strong or (jetson and not hard_x86):
        return "jetson", (strong or jetson)[0].line
    named_here = hard_x86 or [s for s in seen.x86 if s not in elsewhere]
    return ("pc", named_here[0].line) if named_here else ("", "")


_STANDALONE_JETSON = re.compile(r"(?<!/)\bjetson\b", re.I)


def _only_a_folder(sign: Sighting) -> bool:
    """Whether the sign is the word "jetson" only as a folder of a path on its line."""
    return sign.kind == "Tegra-only name" and sign.value.lower() == "jetson" and not _STANDALONE_JETSON.search(sign.line)


def _image_named_system(seen: Observed, platform: str) -> Optional[Sighting]:
    """The sign ``platform`` rests on when every sign of it is a word that names no hardware inside the name of an
    image the paste launches; None when any sign is elsewhere."""
    signs, weak = (seen.jetson, WEAK_JETSON) if platform == "jetson" else (seen.x86, WEAK_X86) if platform else ((), ())
    images = [launch.image.lower() for launch in seen.launches if launch.image]
    named = [s for s in signs if s.kind in weak and any(s.value.lower() in image for image in images)]
    return named[0] if named and len(named) == len(signs) else None


def _host_hook_failed(matches: Sequence[SymptomMatch]) -> bool:
    """Whether the failure shown is the NVIDIA runtime's hook, which runs on the host before the image starts."""
    return any(m.id == "runtime-hook-failed" or "nvidia-container-cli" in m.line.lower() for m in matches)


def family_lean(ids: Sequence[str], in_container: bool = False, names_cuda: bool = False) -> Optional[Tuple[str, str]]:
    """The system the first error family that leans to one points at, and why (data/symptoms.json
    `platform`, `assume`); None when no family in ``ids`` leans. In a container, a family whose lean rests on the
    host's own driver (`no_lean_in_container`) does not lean; nor, in a paste that names CUDA or a Tegra
    (``names_cuda``), does one whose lean rests on CUDA being absent (`no_lean_if_cuda_named`)."""
    for symptom_id in ids:
        family = _family(symptom_id)
        if family.get("platform") and not (in_container and family.get("no_lean_in_container")) and not (
                names_cuda and family.get("no_lean_if_cuda_named")):
            return str(family["platform"]), str(family["assume"])
    return None


def _node_lean(matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis]) -> Optional[Tuple[str, str]]:
    """A CUDA error beside a render node the session is denied leans to a Jetson: CUDA opens the render
    node only on a Jetson (JetPack 6 and later); a PC's CUDA opens /dev/nvidia*."""
    render_denied = diagnosis is not None and any(f.code == "ACC-003" for f in diagnosis.findings)
    if render_denied and any(m.id.startswith("cuda-") for m in matches):
        return "jetson", "the session is denied the render node beside a CUDA error, and only a Jetson's CUDA opens it"
    return None


def _graphics_lean(matches: Sequence[SymptomMatch], failure: Optional[Failure], names_cuda: bool) -> Optional[Tuple[str, str]]:
    """A PC when the render node is denied in a paste that never names CUDA or a Tegra: on a PC the render
    node serves Mesa, VA-API and Vulkan to any program; on a Jetson it is CUDA's, which fails with CUDA's own error."""
    lines = [m.line for m in matches if m.id in ("render-node-denied", "denial-words")]
    lines += [failure.line] if failure is not None and failure.kind == "gpu-node" else []
    if names_cuda or any(m.id.startswith(("cuda-", "nv")) for m in matches):
        return None
    return ("pc", GRAPHICS_RENDER) if any(_RENDER_WORDS.search(line) and not _TEGRA_NODE.search(line)
                                          for line in lines) else None


def _hook_lean(matches: Sequence[SymptomMatch]) -> Optional[Tuple[str, str]]:
    """A PC when the runtime's hook fails on what only its discrete-GPU (legacy) mode touches: NVML, /dev/nvidia*,
    the persistence daemon, or its own driver-version check. On a Jetson the toolkit mounts the CSV files instead."""
    hook = [m.line for m in matches if m.id == "runtime-hook-failed"]
    # (the hook's own reason may stand on another line than the engine's: "... error: nvidia-container-cli: requirement
    # error: unsatisfied condition: cuda>=12.6" quoted above the docker run that failed)
    hook += [m.line for m in matches if hook and "nvidia-container-cli" in m.line.lower()]
    return ("pc", LEGACY_HOOK) if any(_DISCRETE.search(line) or _LEGACY_HOOK.search(line) for line in hook) else None


def _line_lean(matches: Sequence[SymptomMatch], failure: Optional[Failure]) -> Optional[Tuple[str, str]]:
    """A PC when the failing line, or the words of a denial, name a discrete GPU's driver (NVML, nvidia-smi,
    /dev/nvidia*); None otherwise."""
    lines = [m.line for m in matches if m.id == "denial-words"]
    lines += [failure.line] if failure is not None and failure.kind == "driver" and not matches else []
    return ("pc", DRIVER_FAILURE) if any(_DISCRETE.search(line) for line in lines) else None


def _index_lean(seen: Observed) -> Optional[Tuple[str, str]]:
    """A PC when the paste installs from PyTorch's own index of CUDA builds, which holds none for a Jetson's CUDA."""
    return ("pc", "the paste installs from PyTorch's own index of CUDA builds, which are PCs' and servers'") if seen.said(
        "PC CUDA index") else None


def _shows_failure(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                   failure: Optional[Failure]) -> bool:
    denied = diagnosis is not None and any(f.code in ("ACC-002", "ACC-003", "ACC-004") for f in diagnosis.findings)
    return bool(matches) or bool(seen.absent) or denied or failure is not None


def decide_cause(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                 failure: Optional[Failure] = None, container: str = "", names_cuda: bool = True) -> Cause:
    """The top-1 cause: the likeliest given the evidence, in order of how decisive the evidence is.

    The platform comes first. When the paste shows it, the reading is that system's. When it does
    not but shows a failure, the reading is done on the system the error family leans to (a Jetson
    when none does), and the cause says so as an assumption, with the cause it would be on the other
    system; the question then asks which system it is. Only a paste that shows no failure and no
    platform stays `unknown`. A failure no family names (``failure``) is weighed by what its line
    mentions; ``container`` is a line showing the paste ran inside a container or an image build; ``names_cuda``
    whether the paste names CUDA or a Tegra anywhere.
    """
    platform, line = shown_platform(seen)
    lean = (_node_lean(matches, diagnosis) or _graphics_lean(matches, failure, names_cuda) or _hook_lean(matches)
            or family_lean([m.id for m in matches], bool(container or seen.launches or seen.execs), names_cuda)
            or _line_lean(matches, failure) or _index_lean(seen))
    # nvidia-smi run as a command is the weakest sign of a PC (JetPack 6 has it too): an error family
    # that leans to a Jetson outranks it.
    if platform == "pc" and all(s.kind == "nvidia-smi" for s in seen.x86) and lean and lean[0] == "jetson":
        platform, line = "", ""
    # The runtime's hook fails on the host before the image runs; a system named only by the image's name is the one
    # the image was built for, not the host's: the cause read on it is said as assumed, with the other system's.
    named = _image_named_system(seen, platform)
    if named is not None and _host_hook_failed(matches):
        platform, line, lean = "", "", (platform, "the image's name says {!r}, which is what the image was built for, "
                                        "not the host the runtime's hook failed on".format(named.value))
    # A PC named only by signs a Jetson can show too (a node name Thor shares, software a mainline Tegra has) is likely, not
    # shown: a failure is read on it, and said as assumed, with the Jetson's reading beside it.
    failing = _shows_failure(seen, matches, diagnosis, failure)
    if platform == "pc" and failing and all(s.kind in SHARED_X86 for s in seen.x86) and not (lean and lean[0] == "pc"):
        platform, line, lean = "", "", ("pc", "the paste names {}, which a PC has and a Jetson can have too".format(seen.x86[0].value))
    if platform or not failing:
        return _decide(seen, matches, diagnosis, platform, line, failure, container)
    prior, why = lean or ("jetson", JETSON_BY_DEFAULT)
    likely = _decide(seen, matches, diagnosis, prior, "", failure, container)
    other = _decide(seen, matches, diagnosis, "pc" if prior == "jetson" else "jetson", "", failure, container)
    if likely.id == other.id or likely.id == "unknown":  # the system does not change the reading, or decides nothing
        return likely
    assumption = "assumed: {}, since {}".format(PLATFORM_NAMES[prior], why)
    text = "{} (assumed: {}, which the paste does not show; on {} it would be {})".format(
        likely.why.text, PLATFORM_NAMES[prior], PLATFORM_NAMES["pc" if prior == "jetson" else "jetson"], other.id)
    rest = tuple(c for c in dict.fromkeys((other.id,) + likely.also_possible) if c != likely.id)
    return Cause(likely.id, Statement(text, likely.why.evidence, likely.why.assumed), rest, assumption, other.id, prior,
                 likely.ruled_by)


def _decide(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis], platform: str,
            platform_shown: str, failure: Optional[Failure] = None, container: str = "") -> Cause:
    """The first reading the evidence supports, unless evidence elsewhere in the paste rules its cause out
    (data/causes.json `ruled_out_by`): then that evidence's own reading, with the lines of both."""
    reading = _no_nvidia_gpu_on_the_board(_toolkit_left_open(
        _first_reading(seen, matches, diagnosis, platform, platform_shown, failure, container), matches), seen, matches)
    rules = data.load("causes")["ruled_out_by"]
    if not any(reading.id in rule["rules_out"] for rule in rules):
        return reading  # no evidence could rule it out: none is looked for
    ids, line_of = [m.id for m in matches], {m.id: m.line for m in matches}
    shown = [(rule, lines) for rule in rules for lines in [_RULING_EVIDENCE[rule["evidence"]](seen, ids, line_of)] if lines]
    ruled_out = {cause_id for rule, _ in shown for cause_id in rule["rules_out"]}
    for rule, lines in shown:
        if reading.id in rule["rules_out"]:
            rest = tuple(c for c in dict.fromkeys(reading.also_possible + ("jetson-software-mismatch",))
                         if c not in ruled_out and c != rule["instead"])
            why = "{}; the reading `{}` ({}) is ruled out".format(rule["says"], reading.id, reading.why.text)
            return Cause(rule["instead"], _because(why, list(lines) + list(reading.why.evidence)), rest,
                         ruled_by=rule["evidence"])
    return reading


# The causes of a session denied a node, which the container toolkit's own state shown beside them can explain (its opt-out
# of the nodes' GIDs, its mode, the version it went to): it decides what groups and nodes the container gets.
_TOOLKIT_CAN_EXPLAIN = ("render-node-denied", "tegra-nodes-denied", "login-drops-runtime-groups", "uid-gid-launch",
                        "nodes-missing-in-container")


def _toolkit_left_open(reading: Cause, matches: Sequence[SymptomMatch]) -> Cause:
    """A denial read over the toolkit's state the paste shows leaves the toolkit possible: it may be why."""
    if reading.id not in _TOOLKIT_CAN_EXPLAIN or "toolkit-band" in reading.also_possible or not any(
            m.id == "toolkit-state" for m in matches):
        return reading
    return with_fields(reading, also_possible=reading.also_possible + ("toolkit-band",))


def _access_works(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """Lines showing the GPU opened and working for the session that fails: a check that opens it says so, or a
    program reports the device in use. None when the paste contrasts it with another session or with the host, or
    shows a login path (su -, ssh, gosu) whose session is not the one the check ran in."""
    if "denial-words" in ids or len(seen.identities) > 1 or bool(seen.said("works on the host")) \
            or seen.logins or _smi_in_one_run_only(seen, line_of):
        return []
    # Words that say it works do not outrank a CUDA start-up error the program itself printed; a device in use does.
    words = "gpu-works-words" in line_of and not any(i in _STARTUP_ERRORS for i in ids)
    lines = [line_of["gpu-works-words"]] if words else []
    # CUDA's own check answered True, by no root session, where nothing in the paste says CUDA or a node was refused (a
    # True pasted beside a denial is another session's, another machine's or the expected output)
    true = seen.cuda_true
    refused = any(i in _CUDA_REFUSED for i in ids)
    other_session = any(w.kind in ("login in the container", "session path", "root session") for w in seen.words)
    if true is not None and not _AS_ROOT.search(true.value) and not refused and not other_session:
        lines.append(true.line)
    # (and a device in use, unless CUDA was refused beside another session: "only works with sudo", then sudo's run, or
    # beside another launch, whose run it may be)
    if seen.gpu_found is not None and not re.search(r"\bcpu\b", seen.gpu_found.line, re.I) \
            and not (refused and (other_session or len(seen.launches) > 1)):
        lines.append(seen.gpu_found.line)
    return [line for line in lines if not _CONTRAST.search(line)]


def _nodes_open_to_all(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """Lines showing the render node and /dev/nvmap, both listed, open to every user (read and write for others, as
    toolkits 1.12 to 1.18.1 create them in a container): no session's groups matter, whoever runs. A node not listed
    may still refuse, and a line that says a node refused someone outranks the listing. Where the container's own
    nodes are listed, they are the ones its sessions open, whatever the host's listing beside them shows."""
    nodes = [n for n in _gpu_nodes(seen) if n.where == "container"] or _gpu_nodes(seen)
    listed = {kind for kind, pattern in _GPU_NODES.items() for n in nodes if pattern.match(n.path)}
    if listed != set(_GPU_NODES) or not any(n.path == "/dev/nvmap" for n in nodes) or any(
            not n.open_to_all for n in nodes) or any(i in _EXPLICIT_DENIALS for i in ids):
        return []
    return [n.line for n in nodes[:2]]


def _nodes_made_for_the_user(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """The path-only CDI spec and the launch that asks for its device, where no node listed in the container and no
    line saying a node refused someone shows otherwise."""
    spec = _path_only_spec(seen)
    launch = next((launch for launch in seen.launches if _asks_cdi(launch)), None)
    inside = [n for n in _gpu_nodes(seen) if n.where == "container"]
    if not spec or launch is None or any(not n.open_to_all for n in inside) or any(i in _EXPLICIT_DENIALS for i in ids):
        return []
    return [spec, launch.text.split("\n")[0]]


# How each kind of evidence that rules causes out (data/causes.json `ruled_out_by`) is found: the lines that show it.
_RULING_EVIDENCE: Dict[str, Callable[[Observed, Sequence[str], Dict[str, str]], List[str]]] = {
    "root-session": lambda seen, ids, line_of: _root_lines(seen, ids),
    "root-fails-too": lambda seen, ids, line_of: seen.said("root fails too"),
    "access-works": _access_works,
    "render-node-held": _nodes_held("render"),
    "tegra-nodes-held": _nodes_held("tegra"),
    "nodes-open-to-all": _nodes_open_to_all,
    "nodes-made-for-the-user": _nodes_made_for_the_user,
}


# What says CUDA or a node was refused, against which no True of a check proves access (NVML's permission error is the
# driver tool's, not CUDA's).
_CUDA_REFUSED = _STARTUP_ERRORS + tuple(i for i in _EXPLICIT_DENIALS if i != "nvml-permissions") + (
    "cuda-unavailable", "nvrmgpu-open", "nvrm-channel")
