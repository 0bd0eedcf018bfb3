"""The JP5 -> JP6 audit: read a Dockerfile, a compose file, a docker run line or an image's files
and name what breaks non-root GPU access on JetPack 6, each with the corrected snippet.

Pure text analysis, no Docker needed. Rules are a table: a pattern, where it applies, what it
means on JetPack 6 and the fix. Lines are kept with their numbers as evidence.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import List, Match, Optional, Tuple

from .probe.accounts import parse_group
from .record import frozen_record
from .rootfs import RootFS
from .safeio import LARGE_FILE, SMALL_FILE, InputError, read_file


@frozen_record
class AuditFinding:
    id: str
    status: str           # fail (breaks GPU access or is unsafe), warn, pass, skip
    source: str           # dockerfile, compose, docker-run, image
    evidence: Tuple[str, ...]
    why: str
    fix: str


# A rule names a command word, by name or by path (usermod, /usr/sbin/usermod; not /opt/usermod.sh), and reads what
# follows it in the same command: up to the next separator and at most 512 characters, so that a line repeating a
# command word thousands of times is read in linear time (unbounded, `usermod -G ` over 20 KB took minutes).
_SAME_COMMAND = r"[^\n;&|]{0,512}"


def _command(name: str) -> str:
    return r"(?<![\w./-])(?:/[\w.-]+)*/?" + name + r"(?![\w.-])"


def _option(short: str, long: str) -> str:
    """An option by its letter, alone or among combined letters (-aG, -fg), or by its long name."""
    return r"\s(?:-[A-Za-z]*{}[A-Za-z]*|--{})(?![\w-])".format(short, long)


# A mode that lets every user write: an octal mode whose last digit has the write bit, or o/a given w.
_WORLD_WRITABLE = (r"(?:[0-7]?[0-7]{2}[2367]|(?:[ugoa]*[+=-][rwxXst]*,){0,8}[ugoa]*[oa][ugoa]*[+=][rwxXst]*w[rwxXst]*"
                   r"(?:,[ugoa]*[+=-][rwxXst]*){0,8})(?![\w,])")
_OPTIONS = r"(?:-[^\s;&|]+\s+){0,16}"  # a bounded run: an option word can swallow the next command word
_CHMOD_WORLD = _command("chmod") + r"\s+" + _OPTIONS + _WORLD_WRITABLE
_GPU_NODE = r"(?<![\w.-])/dev/(?:nv|dri\b|host1x|tegra|\*)"  # the GPU's nodes (not /dev/shm or a serial port)
_DEV = r"(?<![\w./-])/dev\b"  # /dev itself, as find searches it
_GROUP_GID = r"(?:\s-[A-Za-z]*g|\s--gid)"      # groupadd's GID option: -g, -g109, -fg, --gid=109
_RENDER_NAMED = _SAME_COMMAND + r"\srender(?![\w-])"

# (id, status, applies to, pattern, why, fix)
RULES: Tuple[Tuple[str, str, str, str, str, str], ...] = (
    ("privileged", "fail", "dockerfile compose docker-run", r"--privileged\b|privileged:\s*true",
     "--privileged does not help a non-root user (capabilities are dropped at exec) and makes the container "
     "nearly root on the host", "remove it; give the user the nodes' groups (numeric --group-add, or the entrypoint)"),
    ("chmod-666", "fail", "dockerfile compose docker-run",
     # chmod on a GPU node, find /dev ... -exec chmod, and a /dev listing piped to xargs chmod
     _CHMOD_WORLD + _SAME_COMMAND + _GPU_NODE + "|" + _DEV + _SAME_COMMAND + r"\s-exec(?:dir)?\s+" + _CHMOD_WORLD
     + "|" + _DEV + r"[^\n;&]{0,512}\|\s*xargs\s+" + _OPTIONS + _CHMOD_WORLD,
     "world-writable GPU nodes expose the driver's ioctl surface to every local account and container",
     "remove it; never change device node modes: align group IDs instead"),
    ("docker-group", "fail", "dockerfile",
     _command("usermod") + r"(?=" + _SAME_COMMAND + _option("G", "groups") + r")(?=" + _SAME_COMMAND + r"\bdocker\b)|"
     + _command("gpasswd") + r"\s+(?:-a|--add)\s+\S+\s+docker\b|"
     + _command("adduser") + r"\s+(?!-)[\w.$-]+\s+docker\b",  # adduser USER docker, not a user named docker
     "the docker group is root-equivalent and changes nothing inside a container", "remove it"),
    ("groupadd-force", "fail", "dockerfile", _command("groupadd") + r"(?=" + _SAME_COMMAND + _option("f", "force") + ")",
     "groupadd -f exits 0 with some other GID when the wanted one is taken", "drop -f and let a clash fail the build"),
    ("usermod-replace", "fail", "dockerfile",
     _command("usermod") + r"(?!" + _SAME_COMMAND + _option("a", "append") + r")(?=" + _SAME_COMMAND
     + _option("G", "groups") + ")",
     "usermod -G without -a replaces all of the user's supplementary groups", "use usermod -a -G"),
    ("render-without-gid", "fail", "dockerfile",
     _command("groupadd") + r"(?!" + _SAME_COMMAND + _GROUP_GID + r")(?=" + _RENDER_NAMED + ")",
     "groupadd render without -g picks a GID at build time, which rarely equals the host's render GID",
     "ARG RENDER_GID\nRUN groupadd -g \"$RENDER_GID\" render && usermod -a -G render USER\n"
     "# build with --build-arg RENDER_GID=$(stat -c %g /dev/dri/renderD128), or use the entrypoint"),
    ("render-fixed-gid", "warn", "dockerfile",
     _command("groupadd") + r"(?=" + _SAME_COMMAND + _GROUP_GID + r"[\s=]*[\"']?\d+\b)(?=" + _RENDER_NAMED + ")",
     "a render GID written into the image binds it to hosts whose render GID is exactly that",
     "take it as a build argument (ARG RENDER_GID) or align it at start with the entrypoint"),
    ("group-add-name", "fail", "compose docker-run",
     r"--group-add[= ](?![0-9]+\b|video\b|keep-groups\b)[A-Za-z_]\S*|"
     r"group_add:[ \t]*\n(?:[ \t]*-[ \t]*[\"']?(?:\d+|video)[\"']?[ \t]*\n)*[ \t]*-[ \t]*[\"']?(?!video\b|keep-groups\b)[A-Za-z_]",
     "--group-add by name is resolved in the image's /etc/group: 'Unable to find group render' when it lacks the group",
     "pass the number: --group-add $(stat -c %g /dev/dri/renderD128)"),
    # video by name: GID 44 in Debian and Ubuntu images, as on the host (facts sheet §0.2), but not in every base
    ("group-add-video-name", "warn", "compose docker-run",
     r"--group-add[= ]video\b|group_add:[ \t]*\n(?:[ \t]*-[ \t]*[\"']?[\w-]+[\"']?[ \t]*\n)*[ \t]*-[ \t]*[\"']?video\b",
     "--group-add video is resolved in the image's /etc/group: GID 44 in Debian and Ubuntu images, which matches "
     "the host's /dev/nvmap, but another base (Alpine: 27) gives another GID",
     "pass the number the node has: --group-add $(stat -c %g /dev/nvmap)"),
    # Podman's keep-groups: the caller's own supplementary groups, not a name (facts sheet §A.4: crun only, shown as
    # nobody; rootless, a device GID outside /etc/subgid stays out of reach)
    ("group-add-keep-groups", "warn", "compose docker-run", r"--group-add[= ]keep-groups\b|group_add:[^\n]*\bkeep-groups\b",
     "--group-add keep-groups (Podman) passes the calling user's own groups, with the crun runtime only; they show as "
     "nobody inside, and rootless a device GID outside /etc/subgid stays out of reach",
     "pass the node's number instead: --group-add $(stat -c %g /dev/dri/renderD128)"),
    ("dev-bind-mount", "warn", "compose docker-run", r"-v\s+/dev:/dev\b|[\"']?/dev:/dev[\"']?",
     "bind-mounting /dev shows the host's nodes with host ACLs: access then depends on who is logged in on the "
     "desktop and on host GIDs", "pass only the GPU nodes (the NVIDIA runtime does) with numeric --group-add"),
)
NVIDIA_RUNTIME = re.compile(r"--runtime[= ]nvidia|--gpus\b|runtime:\s*nvidia|nvidia\.com/gpu|driver:\s*nvidia")
GPU_DEVICE = re.compile(r"/dev/nvmap|/dev/dri|/dev:/dev")  # the whole /dev bound in shows the nodes too
GROUP_ADD = re.compile(r"--group-add|group_add:")


EVIDENCE_LINES = 20   # the first matches say enough; a pasted text can repeat a flag thousands of times
EVIDENCE_WIDTH = 300


def _lines(text: str, pattern: str, shown: Optional[str] = None) -> List[str]:
    """Evidence: the numbered lines where ``pattern`` matches (multi-line matches: their first line),
    at most EVIDENCE_LINES of them, each cut to EVIDENCE_WIDTH characters (linear in the text). The lines quoted
    are those of ``shown``, where given: the text as written, which ``text`` rewrites line for line."""
    out: List[str] = []
    lines = (text if shown is None else shown).split("\n")
    number, seen = 1, 0
    for match in re.finditer(pattern, text):
        number += text.count("\n", seen, match.start())
        seen = match.start()
        line = lines[number - 1].strip()
        entry = "line {}: {}".format(number, line[:EVIDENCE_WIDTH] + ("..." if len(line) > EVIDENCE_WIDTH else ""))
        if not out or out[-1] != entry:
            out.append(entry)
        if len(out) >= EVIDENCE_LINES:
            break
    return out


def audit_text(text: str, source: str, ssh: bool = False) -> List[AuditFinding]:
    """Audit a Dockerfile, compose file or docker run line (``source``)."""
    joined = re.sub(r"\\[ \t]*\n\s*", " ", text.replace("\r\n", "\n"))  # continuation lines read as one
    commands = _shell_form(joined) if source == "dockerfile" else joined
    found: List[AuditFinding] = []
    for rule_id, status, where, pattern, why, fix in RULES:
        if source in where.split():
            evidence = _lines(commands, pattern, joined)
            if evidence:
                found.append(AuditFinding(rule_id, status, source, tuple(evidence), why, fix))
    if source == "dockerfile":
        found += _base_image(joined)
    if source in ("compose", "docker-run"):
        if not NVIDIA_RUNTIME.search(joined) and not GPU_DEVICE.search(joined):
            found.append(AuditFinding("no-gpu-nodes", "fail", source, ("no --runtime nvidia and no /dev/nvmap or /dev/dri",),
                                      "without the NVIDIA runtime or --device entries the container has no GPU nodes "
                                      "(NvRmMemInitNvmap ... No such file or directory)",
                                      "docker run --runtime nvidia ... (compose: runtime: nvidia)"))
        if GROUP_ADD.search(joined) and ssh:
            found.append(AuditFinding("group-add-ssh", "warn", source, tuple(_lines(joined, GROUP_ADD.pattern)),
                                      "users log in over SSH: sshd rebuilds groups from the image's /etc/group and "
                                      "drops --group-add GIDs", "jetson-gpu-access entrypoint --print (or build the "
                                      "group into the image)"))
    return found


# A Dockerfile instruction in exec form: RUN ["usermod", "-aG", "video", "app"] (RUN's --mount and like options first).
_EXEC_FORM = re.compile(r"^([ \t]*(?:RUN|CMD|ENTRYPOINT)[ \t]+(?:--\S+[ \t]+){0,8})(\[.*\])[ \t]*$", re.M | re.I)
_SHELLS = ("sh", "bash", "dash", "ash")


def _shell_form(text: str) -> str:
    """The Dockerfile with each exec-form instruction written as the command line it runs, line for line, so the
    rules read one form: the script of a shell's -c, else the arguments joined as a shell would quote them."""
    def command_line(match: Match[str]) -> str:
        try:
            argv = json.loads(match.group(2))
        except (ValueError, RecursionError):  # not a JSON array: Docker runs such a line through the shell as written
            return match.group(0)
        if not (isinstance(argv, list) and argv and all(isinstance(word, str) for word in argv)):
            return match.group(0)
        words: List[str] = argv
        if len(words) >= 3 and words[0].rsplit("/", 1)[-1] in _SHELLS and words[1] == "-c":
            line = words[2]
        else:
            line = " ".join(shlex.quote(word) for word in words)
        return match.group(1) + line.replace("\n", " ")
    return _EXEC_FORM.sub(command_line, text)


def _base_image(text: str) -> List[AuditFinding]:
    match = re.search(r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)", text, re.M | re.I)
    if not match:
        return []
    image = match.group(1)
    line = "line {}: {}".format(text.count("\n", 0, match.start()) + 1, match.group(0).strip())
    if "l4t-jetpack" in image or "l4t-base" in image:
        return [AuditFinding("base-image", "pass", "dockerfile", (line,),
                             "an NVIDIA L4T base; whether its /etc/group has a render group, and with which GID, is "
                             "not settled by public evidence", "check with: jetson-gpu-access diagnose inside it")]
    return [AuditFinding("base-image", "warn", "dockerfile", (line,),
                         "{} is not an L4T base: a stock Ubuntu or Debian image has video (44) but, as inferred from "
                         "base-passwd, no render group; on JetPack 6 the render node's GID must be added by "
                         "number".format(image), "use the entrypoint, or ARG RENDER_GID + groupadd -g")]


def audit_docker_run(line: str, ssh: bool = False) -> List[AuditFinding]:
    try:
        words = shlex.split(line)
    except ValueError as error:
        return [AuditFinding("unparsable", "fail", "docker-run", (line,), "cannot split the command: {}".format(error),
                             "quote it as a shell would")]
    return audit_text(" ".join(shlex.quote(w) for w in words), "docker-run", ssh)


def audit_image(root: str) -> List[AuditFinding]:
    """Audit an image's extracted file system: its /etc/group."""
    try:
        text = RootFS(root).read_text("/etc/group", limit=LARGE_FILE)
    except InputError as error:
        return [AuditFinding("image-group", "fail", "image", (str(error),), "the image's /etc/group cannot be read",
                             "point image_root at an extracted image")]
    if text is None:
        return [AuditFinding("image-group", "fail", "image", ("no /etc/group under {}".format(root),),
                             "not an image root", "point image_root at an extracted image")]
    groups, _ = parse_group(text)
    video: Optional[int] = next((g.gid for g in groups if g.name == "video"), None)
    render: Optional[int] = next((g.gid for g in groups if g.name == "render"), None)
    found = [AuditFinding("image-video", "pass" if video == 44 else "warn", "image", ("video GID {}".format(video),),
                          "Tegra nodes belong to video, 44 on Debian-derived hosts", "keep video at 44")]
    found.append(AuditFinding("image-render", "warn", "image", ("render GID {}".format(render),),
                              "no render group: logins cannot get the host's render GID" if render is None else
                              "render is GID {} here; it must equal the host's render GID, which differs per host"
                              .format(render), "align it at start with the entrypoint"))
    return found


def audit_paths(dockerfile: str, compose: str, docker_run: str, image_root: str, ssh: bool) -> List[AuditFinding]:
    """Everything the migrate runbook was given; an unreadable input is a failing finding, not a crash."""
    found: List[AuditFinding] = []
    for path, source in ((dockerfile, "dockerfile"), (compose, "compose")):
        if not path:
            continue
        try:
            content = read_file(path, SMALL_FILE * 16)
        except (OSError, InputError) as error:
            found.append(AuditFinding("unreadable", "fail", source, (path,), str(error), "pass a readable file"))
            continue
        if content.truncated:
            found.append(AuditFinding("unreadable", "fail", source, (path,), "{}: {}".format(path, content.describe()),
                                      "pass the file itself, not a larger one"))
        found += audit_text(content.text, source, ssh)
    if docker_run:
        found += audit_docker_run(docker_run, ssh)
    if image_root:
        found += audit_image(image_root)
    if not found:
        found.append(AuditFinding("nothing-given", "skip", "input", (), "no Dockerfile, compose file, docker run line "
                                  "or image root was given", "set one of the parameters"))
    return found
