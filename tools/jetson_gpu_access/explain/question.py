"""The one question that separates the causes a paste leaves open, and what each answer means."""

from __future__ import annotations

import re
from typing import Dict, Optional, Sequence, Tuple

from .. import lexicon, toolkit
from ..textfacts import GPU_NODE_PATH, Observed
from .clues import (
    PLATFORM_NAMES,
    _absent_gpu_node,
    _fails_outside_the_container,
    _gpus_alone_refused,
    _l4t_major,
    _l4t_of,
    _runs_in_container,
)
from .records import Cause, Question

# The seat contrast said in sentences of their own: the GPU works with a display or a local login, and fails over SSH or
# headless ("When the HDMI display is connected, the GPU works. Over SSH ... is False.").
_AUTOLOGIN = r"\bauto(?:matic)?[- ]?log ?in\b"
_SEAT_SIDE = re.compile(r"\b(?:display|monitor|screen|hdmi|keyboard)s?\b[^.;,]{0,40}?\b(?:connected|attached|plugged)\b|"
                        r"\b(?:with|having)\s+(?:a\s+|the\s+)?(?:monitor|display|screen|hdmi)\b|"
                        r"\b(?:logged|log|logs|sign(?:ed)?|signs)\s+(?:in|on)(?:to)?\s+(?:(?:to|into|on|at)\s+)?(?:the\s+|my\s+|a\s+)?"
                        r"(?:[\w-]+\s+)?(?:desktop|gui|display|screen|console|monitor)\b|"
                        r"\blogged\s+in\s+(?:locally|physically)\b|" + _AUTOLOGIN + r"|"
                        r"\b(?:desktop|gui|graphical)\s+(?:session|login|terminal)\b|" + lexicon.SEAT_SIDE, re.I)


# Words before a seat that say it is not there ("with nobody logged in on the desktop", "sin sesión en el escritorio",
# "it is not the 'only works at the desktop' thing").
_NO_SEAT_BEFORE = re.compile(lexicon.ascii_words(r"without|nobody|no\s+one|not\s+the|not\s+an?|isn't|sin|ohne|sans|senza|"
                                                 r"sem|\u0431\u0435\u0437") + r"[^.;,]{0,30}$", re.I)


def _seat_in(unit: str) -> bool:
    """Whether a clause names the seat (a display, a desktop login) as there, not as absent."""
    return any(not _NO_SEAT_BEFORE.search(unit[max(0, seat.start() - 40):seat.start()]) for seat in _SEAT_SIDE.finditer(unit))


NOT_THIS_PROBLEM = ("not-gpu-access", "x86-discrete-gpu")
PERMISSION_CAUSES = ("render-node-denied", "tegra-nodes-denied", "login-drops-runtime-groups", "seat-acl-only",
                     "uid-gid-launch")

_STAT = "stat -c '%a %u:%g %n' /dev/nvmap /dev/dri/renderD*; id"


# Its answers come from data/toolkit.json, read on first use (_question), as every table is.
_TOOLKIT_QUESTION = Question(
    "Which container toolkit is installed, and with which mode?",
    "dpkg -l nvidia-container-toolkit libnvidia-container-tools; grep -n mode /etc/nvidia-container-runtime/config.toml",
    ())


# On a PC no band of Jetson nodes applies: the mode says where the container's driver files come from. (NVIDIA's
# container toolkit guide, "Support for Container Device Interface": a CDI spec is generated again after the driver
# changes; the fact sheet: auto mode off a Tegra is jit-cdi from 1.18.0 on; legacy mode's hook finds the driver by NVML.)
_PC_TOOLKIT_ANSWERS = (
    ('mode = "cdi", or devices asked for by CDI names (nvidia.com/gpu=all)', "the container gets what the spec in "
     "/etc/cdi or /var/run/cdi lists: one generated before the driver last changed names files that are gone; generate it "
     "again (nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml)"),
    ('mode = "auto" from toolkit 1.18 on', "the runtime writes the container's CDI spec as it starts (jit-cdi), from the "
     "driver it finds: where nvidia-smi fails on the host, the driver is what fails (x86-discrete-gpu)"),
    ('mode = "legacy", or "auto" before 1.18', "the runtime's hook (nvidia-container-cli) finds the driver through NVML: "
     "where nvidia-smi fails on the host, the driver is what fails (x86-discrete-gpu)"),
)


def _band_answers() -> Tuple[Tuple[str, str], ...]:
    """What each toolkit band of data/toolkit.json makes of the nodes, and legacy mode, which mounts the host's own:
    the answers diagnose, plan --toolkit and the docs give, from the same rows."""
    legacy = toolkit.path_row("bind-mounted")
    return tuple((band.label, "nodes {}; a non-root user needs {} ({})".format(band.nodes, band.non_root_needs,
                                                                          band.certainty))
                 for band in toolkit.bands()) + (
        ('mode = "legacy", any version', "{}: the host's groups decide, as outside the container ({})".format(
            legacy["carries"], legacy["certainty"])),)


_SYSTEM_QUESTION = Question(
    "Which system is this: a Jetson (which L4T release) or a PC with a discrete GPU?",
    "cat /etc/nv_tegra_release; uname -m",
    (("a '# R3x (release)' line", "a Jetson: then the GPU nodes decide (render-node-denied, tegra-nodes-denied)"),
     ("x86_64 and no release file", "x86-discrete-gpu")))

_NODES_QUESTION = Question(
    "Are the GPU nodes in the container at all?",
    "ls -ln /dev/nvmap /dev/dri/   # inside the container; and: docker inspect -f '{{.HostConfig.Runtime}}' CONTAINER",
    (("No such file or directory", "nodes-missing-in-container (start it with --runtime nvidia)"),
     ("the nodes are listed, for a user other than root", "a permission problem: render-node-denied or "
      "tegra-nodes-denied"),
     ("the nodes are listed, and the failing process is root", "the software: jetson-software-mismatch")))

_LAUNCH_USER_QUESTION = Question(
    "How was the container started: as a numeric uid:gid, or as a user the image knows?",
    "docker inspect -f '{{.Config.User}} {{.HostConfig.GroupAdd}}' CONTAINER   # podman inspect works the same",
    (("a numeric uid:gid such as 1000:1000", "uid-gid-launch: the image's group memberships do not apply; add the "
      "GIDs with --group-add"),
     ("a name, or a bare uid", "not the launch: the image's /etc/group decides (render-node-denied)")))

_SEAT_QUESTION = Question(
    "Does it work only while someone is logged in at the desktop?",
    "loginctl list-sessions; getfacl /dev/dri/renderD128",
    (("the node's ACL names the desktop user, not this one", "seat-acl-only: give the session the node's group"),
     ("no ACL entry, and the group lacks this user", "render-node-denied")))

_GROUP_QUESTION = Question(
    "Does the failing session hold the group of the node it is denied? Run both in the session that fails, "
    "inside the container, and the stat on the host too.",
    _STAT,
    (("the node's GID is in the container's /etc/group and id lists it", "not a group problem: toolkit-band or software"),
     ("id lacks the GID, and the container was started with --group-add it", "login-drops-runtime-groups"),
     ("id lacks the GID, and the container's /etc/group has no group with it (or render has another number)",
      "render-node-denied (renderD*) or tegra-nodes-denied (nvmap)"),
     ("the GID differs between the host and the container", "toolkit-band (the toolkit's version decides it)")))
# The same, where the paste runs no container: the session's own groups and the system's /etc/group.
_GROUP_QUESTION_NO_CONTAINER = Question(
    "Does the failing session hold the group of the node it is denied? Run both in the session that fails.",
    _STAT,
    (("id lists the node's GID", "not a group problem: the seat's ACL or the software"),
     ("id lacks the GID, and /etc/group lists the user in that group", "the session started before the membership was "
      "added: log in again"),
     ("id lacks the GID, and /etc/group does not list the user in it",
      "render-node-denied (renderD*) or tegra-nodes-denied (nvmap)")))

# The question of a family whose message leaves its cause open whatever the system: the scheduler's, before any
# container starts.
_FAMILY_QUESTIONS: Dict[str, Question] = {
    "gpu-unschedulable": Question(
        "Does any node advertise a GPU, and are they all taken? Run this for a node that should have one.",
        "kubectl describe node NODE | grep -A8 -E '^(Capacity|Allocatable|Allocated resources):'; "
        "kubectl get pods -A | grep -i nvidia-device-plugin   # then its log: kubectl logs -n NAMESPACE POD",
        (("Allocatable lists no nvidia.com/gpu, or 0", "the device plugin advertises none: its log names why "
          "(x86-discrete-gpu on a PC's node: NVML, the runtime, the driver; nodes-missing-in-container on a Jetson)"),
         ("Allocated nvidia.com/gpu equals Allocatable on every node", "every GPU is taken by other pods, or the pod "
          "asks for more than a node has: not-gpu-access (capacity)"))),
}


# Each question with the causes its answers tell apart.
QUESTIONS: Tuple[Tuple[Tuple[str, ...], Question], ...] = (
    (("unknown", "x86-discrete-gpu", "jetson-software-mismatch"), _SYSTEM_QUESTION),
    (("nodes-missing-in-container",), _NODES_QUESTION),
    (("uid-gid-launch",), _LAUNCH_USER_QUESTION),
    (("seat-acl-only",), _SEAT_QUESTION),
    (("login-drops-runtime-groups", "render-node-denied", "tegra-nodes-denied", "uid-gid-launch", "seat-acl-only"),
     _GROUP_QUESTION),
    (("toolkit-band",), _TOOLKIT_QUESTION),
)


# When every listed node is open to all users, no group decides: whether root fails too separates the software (or a
# sandbox hiding what CUDA needs, facts sheet §5) from something that singles out this user.
_OPEN_TO_ALL = Question(
    "The GPU nodes are open to every user here: does the same command fail as root, in the same place?",
    "sudo -E <the failing command>   # or: docker exec -u 0 CONTAINER <the failing command>; and cat /etc/nv_tegra_release",
    (("it fails as root too", "jetson-software-mismatch (CUDA and the L4T release do not match), or a sandbox that hides "
      "paths CUDA needs"),
     ("root succeeds", "a node the listing did not show, or a file the program needs that only root may read")))


# When the pasted `id` holds every listed node's group, what is left is whether that `id` is the failing session's,
# asked in a container when the paste runs one, and on the machine itself when it does not.
_SAME_SESSION = {
    True: Question(
        "The pasted `id` holds the GPU nodes' groups: was it taken in the session that fails, and does that session "
        "see every node? Run this there (inside the container, through the same login), and the dpkg on the host.",
        "id; ls -ln /dev/nvmap /dev/nvhost-ctrl* /dev/dri/; dpkg -l nvidia-container-toolkit   # the last on the host",
        (("id there lacks a GID the pasted `id` holds", "login-drops-runtime-groups (the pasted `id` was another "
          "session's), or render-node-denied when nothing adds that GID"),
         ("a node is missing there", "nodes-missing-in-container"),
         ("a node's GID there differs from the host's", "toolkit-band (the toolkit's version decides it)"),
         ("every node is there and id holds its GID", "not a group problem: jetson-software-mismatch (compare the "
          "image's L4T release with the host's)"))),
    False: Question(
        "The pasted `id` holds the GPU nodes' groups: was it taken as the user, and through the login, that fails "
        "(a service, SSH, sudo)? Run this in that session.",
        "id; ls -ln /dev/nvmap /dev/nvhost-ctrl* /dev/dri/",
        (("id there lacks a GID the pasted `id` holds", "render-node-denied (renderD*) or tegra-nodes-denied (nvmap) "
          "for that session: give its user the group"),
         ("a node is missing", "jetson-software-mismatch (the release's driver does not create it)"),
         ("every node is there and id holds its GID", "not a group problem: jetson-software-mismatch (CUDA and the "
          "L4T release do not match)"))),
}


# When the paste shows no failure the reading can weigh, the first thing to learn is what fails, as its session prints it.
_WHAT_FAILS = Question(
    "What exactly fails, in the words the program prints? Run the failing command as the user and through the login "
    "that fail, and paste its last lines with the session's groups.",
    "id; <the failing command> 2>&1 | tail -n 20",
    (("a CUDA error at start-up (801, 999, 100, 'no CUDA-capable device')", "a permission or node cause: the GPU "
      "nodes and the session's groups decide (render-node-denied, tegra-nodes-denied, nodes-missing-in-container)"),
     ("the same error as root", "not a permission cause: jetson-software-mismatch"),
     ("no CUDA or driver error, only the program's own message", "not-gpu-access")))


def _question(cause: Cause, seen: Observed, families: Sequence[str] = ()) -> Optional[Question]:
    """The question covering the top cause and the most of the hypotheses still open; none when the paste
    already shows that this is not the Jetson GPU-access problem. A family left undecided may ask its own."""
    own = next((_FAMILY_QUESTIONS[family] for family in families if family in _FAMILY_QUESTIONS), None)
    if own is not None and cause.id == "unknown":
        return own
    if seen.cuda_true is not None and bool(seen.said("solved")):
        return None  # solved, and CUDA shown working: nothing is left to decide
    if cause.assumption:  # the system was assumed: which one it is decides between the two readings
        return _render_only(_system_question(cause), cause)
    if cause.id == "unknown" and not cause.why.evidence:  # nothing failing shown: no node is worth asking about yet
        return _WHAT_FAILS
    if cause.id in NOT_THIS_PROBLEM and not cause.why.assumed and "assumed" not in cause.why.text:
        return None
    if cause.ruled_by in ("nodes-open-to-all", "nodes-made-for-the-user"):
        return _OPEN_TO_ALL
    if cause.ruled_by in ("render-node-held", "tegra-nodes-held"):
        return _on_release(_SAME_SESSION[_runs_in_container(seen)], seen)
    open_now = {cause.id, *cause.also_possible}
    # (a question whose answer the paste shows would waste the reply: the platform, the launch's user, the nodes, ...)
    # (nor one that bears on no hypothesis still open)
    asked = [entry for entry in QUESTIONS if not _answered(entry[1], seen) and open_now & set(entry[0])]
    if not asked:
        return None
    # The most specific question that covers the top cause and the hypotheses still open.
    best = max(asked, key=lambda entry: (cause.id in entry[0],
                                         len(open_now & set(entry[0])) - len(set(entry[0]) - open_now)))[1]
    if best is _TOOLKIT_QUESTION:
        best = Question(best.ask, best.command, _PC_TOOLKIT_ANSWERS if seen.x86 and not seen.jetson else _band_answers())
    if best is _GROUP_QUESTION and (not (_runs_in_container(seen) or seen.launches or seen.execs)
                                    or _fails_outside_the_container(seen)):
        best = _GROUP_QUESTION_NO_CONTAINER
    if best is _SEAT_QUESTION and cause.id == "seat-acl-only" and any(_seat_in(line) for line in cause.why.evidence):
        # the paste says in words the seat is the difference: confirm it
        best = Question("The paste says it works with a desktop login and not without one: does the render node's ACL "
                        "name the desktop user, and not this one?", best.command, best.answers)
    return _render_only(_on_release(best, seen), cause)


def _answered(question: Question, seen: Observed) -> bool:
    """Whether the paste already shows what the question asks for: the system, the nodes inside the container (listed
    or said missing), the launch's user, the node's ACL, the nodes' groups beside the session's `id`, the toolkit."""
    gpu_nodes = [n for n in seen.nodes if re.match(GPU_NODE_PATH, n.path)]
    named = {g.name for g in seen.group_lines}
    shown = {
        _SYSTEM_QUESTION: bool(seen.jetson or seen.x86),
        _NODES_QUESTION: any(n.where == "container" for n in gpu_nodes) or _absent_gpu_node(seen)
        or bool(_gpus_alone_refused(seen)),
        _LAUNCH_USER_QUESTION: any(launch.user for launch in seen.launches),
        _SEAT_QUESTION: bool(seen.acls),
        # (the nodes' groups by number, by a name a group line gives its number, or by name where no container puts
        # the listing and the session in two group databases, beside the session's groups)
        _GROUP_QUESTION: bool(gpu_nodes and seen.identities) and (
            all(n.group.isdigit() or n.group in named for n in gpu_nodes)
            or not (seen.launches or seen.execs or any(n.where == "container" for n in gpu_nodes))),
        # (the version alone leaves the mode, which decides as much: legacy mounts the host's own nodes)
        _TOOLKIT_QUESTION: seen.toolkit is not None and bool(seen.said("toolkit legacy mode")),
    }
    return shown.get(question, False)


def _render_only(question: Question, cause: Cause) -> Question:
    """The question without Tegra's memory node where no reading still open involves it (the image lacks its render
    group by name): asking for /dev/nvmap there would name a Jetson node the paste gives no reason to look at."""
    if cause.id != "render-node-denied" or "tegra-nodes-denied" in (cause.otherwise,) + cause.also_possible:
        return question
    answers = tuple((shown, meaning.replace(" (renderD*) or tegra-nodes-denied (nvmap)", ""))
                    for shown, meaning in question.answers)
    return Question(question.ask, question.command.replace(" /dev/nvmap", ""), answers)


def _on_release(question: Question, seen: Observed) -> Question:
    """The question as the paste's release needs it: before L4T R36 CUDA opens no render node (data/devices.json),
    so a question there lists the Tegra nodes only (unless the paste shows another system on R36 or later)."""
    major = _l4t_major(seen)
    newer = any((_l4t_of(release.value) or 0) >= 36 for release in seen.releases)  # a second system of JetPack 6 or later
    if major is None or major >= 36 or newer:
        return question
    command = question.command.replace(" /dev/dri/renderD*", "").replace(" /dev/dri/", "")
    answers = tuple((shown.replace("or render has another number", "or video has another number"),
                     meaning.replace("render-node-denied (renderD*) or ", "").replace("render-node-denied or ", ""))
                    for shown, meaning in question.answers)
    return Question(question.ask, command, answers)


def _system_question(cause: Cause) -> Question:
    """Which system the paste came from, asked with what each answer means; when the Jetson reading is a
    permission cause, the same command also lists the nodes and groups that tell those causes apart."""
    on_jetson, on_pc = (cause.id, cause.otherwise) if cause.assumed_system == "jetson" else (cause.otherwise, cause.id)
    ask = "Which system is this: a Jetson (which L4T release) or a PC with a discrete GPU? The reading above assumes " \
          "{}.".format(PLATFORM_NAMES[cause.assumed_system])
    platform = _SYSTEM_QUESTION
    permission = _GROUP_QUESTION
    if on_jetson in PERMISSION_CAUSES and cause.assumed_system == "jetson":  # a PC read first is asked no Tegra node
        return Question(ask + " On a Jetson, run the rest in the session that fails, inside the container.",
                        platform.command + "; " + permission.command,
                        (("x86_64 and no release file: a PC", on_pc),) + tuple(
                            ("a release line, and " + answer, meaning) for answer, meaning in permission.answers))
    return Question(ask, platform.command, (("a '# R3x (release)' line: a Jetson", on_jetson),
                                            ("x86_64 and no release file: a PC", on_pc)))
