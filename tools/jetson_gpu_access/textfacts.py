"""Facts from pasted text: what `ls -l`, `stat`, `id`, `groups`, `getent group`,
/etc/nv_tegra_release (and the L4T versions tools print), model strings and every other form a
Jetson names itself in, `docker run` lines and compose files show, turned into the same typed
facts the probe builds, so the same diagnosis applies.

Only what the text shows becomes a fact, and each fact keeps the line it was read from. What the
text does not show is unknown, never absent. Where the diagnosis needs more (a group's number when
`ls -l` printed only its name, the login groups when only `id` was pasted), the gap is filled with
a marked assumption: every one is listed, and a GID that was never shown is a placeholder above
4,000,000,000 that matches by name only and is never printed.

Big pastes are read in bounded time and memory: facts come from the first and last FACT_WINDOW
characters of a huge paste (the report says so), and no expensive pattern runs on a line that
lacks the words it looks for.
"""

from __future__ import annotations

import functools
import itertools
import json
import posixpath
import re
from typing import Any, Callable, Dict, Iterator, List, Match, Optional, Pattern, Sequence, Set, Tuple, TypeVar, Union

from . import __version__, data, lexicon
from .injection import ANY_GROUPS, LOSING_GROUPS
from .launch import (
    COMPOSE_RUN_LINE,
    EXEC_LINE,
    RUN_LINE,
    SHELL_COMPUTED,
    Exec,
    Launch,
    from_compose,
    from_compose_file,
    from_compose_run_line,
    from_devcontainer,
    from_exec_line,
    from_pod_spec,
    from_run_line,
    with_service,
)
from .model import (
    PLACEHOLDER_GID,
    SCHEMA_VERSION,
    Accounts,
    Container,
    DeviceNode,
    Facts,
    Group,
    NodeKind,
    NodeOrigin,
    OsRelease,
    Platform,
    ProcessInfo,
    TegraRelease,
    User,
    open_to_all,
)
from .probe import shell
from .probe.devices import inventory, role_of
from .probe.platform import jetpack_for, l4t_from_release, parse_release
from .record import frozen_record, with_fields
from .safeio import decimal

# A long alternation searched in parts, each with the words (in lower case) a line must hold before the part runs: a
# part can match only where one of its words stands. Python's engine tries every alternative at every position, so on
# text full of GPU words one large pattern cost ~100 us a line; the parts a line has no word for cost a substring test.
Cued = Tuple[Tuple[Tuple[str, ...], Pattern[str]], ...]


def cued(*parts: Tuple[Tuple[str, ...], Union[str, Pattern[str]]]) -> Cued:
    """Parts given as sources are compiled case-blind; a compiled pattern keeps its own flags."""
    return tuple((words, source if isinstance(source, re.Pattern) else re.compile(source, re.I)) for words, source in parts)


_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")
_ASCII_DIGIT = re.compile(r"[0-9]")


# A line longer than _PIECE is asked of in pieces of _PIECE characters, each with the _OVERLAP that follows it: a word of
# up to _OVERLAP + 1 characters (keys and cue words are far shorter) stands in the line exactly where it stands in one.
_PIECE, _OVERLAP = 1 << 14, 256


def distinct_pieces(text: str, piece: int = _PIECE, overlap: int = _OVERLAP) -> str:
    """The text's distinct lines, a long line as its distinct overlapping pieces, one to a line: a line that repeats a
    phrase (a log copied without its line breaks, a flood of one token) is a few distinct pieces."""
    pieces: Dict[str, None] = {}
    for line in text.split("\n"):
        if len(line) <= piece:
            pieces[line] = None
        else:
            pieces.update(dict.fromkeys(line[start:start + piece + overlap] for start in range(0, len(line), piece)))
    return "\n".join(pieces)


def holds_word(text: str) -> Callable[[str], bool]:
    """Whether ``text`` holds a word (a cue word, a key), asked of its distinct lines (distinct_pieces): a log that
    repeats its lines makes them a fraction of it. A word without an ASCII digit is asked of those lines with every digit
    made 0, since stamps, process ids and counters are what keep a journal's lines distinct; such a word stands in a
    line exactly where it stands in the line masked so."""
    distinct = distinct_pieces(text)
    masked = distinct_pieces(distinct.translate(_DIGITS_AS_ZERO))
    return lambda word: word in (text if len(word) > _OVERLAP + 1 else distinct if _ASCII_DIGIT.search(word) else masked)


def leftmost(parts: Cued, line: str, low: str) -> Optional[Match[str]]:
    """The match the parts' whole alternation would give: the leftmost, and at one position the earlier part's."""
    best: Optional[Match[str]] = None
    for words, pattern in parts:
        for word in words:  # a loop, not any(): this runs some ten times a line
            if word in low:
                hit = pattern.search(line)
                if hit and (best is None or hit.start() < best.start()):
                    best = hit
                break
    return best


# Numbers as a paste can hold them: up to 10 digits (a 32-bit id); longer ones are not ids and are not read.
_N = r"\d{1,10}"
_LS = re.compile(r"^(?P<type>[cbdlps-])(?P<perms>[rwxsStT-]{9})(?P<acl>[+.@]?)\s+\d{1,10}\s+(?P<owner>\S+)\s+(?P<group>\S+)\s+"
                 r"(?P<major>" + _N + r"),\s*(?P<minor>" + _N + r")\s+(?:\S+\s+){2,3}?(?P<name>\S+?)[`'\"]*\s*$")
_STAT = re.compile(r"^(?P<mode>[0-7]{3,4})\s+(?P<uid>" + _N + r"):(?P<gid>" + _N + r")\s+(?P<path>/dev/\S+)\s*$")
_STAT_GID = re.compile(r"^(?P<mode>[0-7]{3,4})\s+(?P<gid>" + _N + r")\s+(?P<path>/dev/\S+)\s*$")  # stat -c '%a %g %n'
# What may stand around `id`'s output on its own line: a prompt, quotes, SELinux's context.
_PROSE_AROUND = re.compile(r"[\s`'\"$#>]+|\bcontext=\S+")
# `id` output; its labels are translated under another locale (GNU id: "Gruppen=", "grupos=", "组="; zh_CN's
# "用户id=1000(ubuntu) 组id=1000(ubuntu) 组=..."), and its list ends where its items do (an inline `id` in backticks,
# prose after it).
_ID_ITEM = _N + r"(?:\([^)\n]{0,64}\))?"
_ID = re.compile(r"(?:\buid|\u7528\u6237id)=(" + _N + r")(?:\(([^)\n]{0,64})\))?\s+(?:gid|\u7ec4id)=(" + _N +
                 r")(?:\(([^)\n]{0,64})\))?"
                 r"(?:\s+(?:groups|Gruppen|grupos|groupes|gruppi|grupy|groepen|группы|组|グループ)=(" + _ID_ITEM + r"(?:," +
                 _ID_ITEM + r")*))?")
# A group's name or number as `groups` prints it, a name a reporter hid in brackets ("[me]") too; not an option, a path,
# an assignment or punctuation a paste puts on the next line.
_GROUP_NAME = re.compile(r"(?!-)(?=[^\s]*\w)[\w.$<>\[\]{}-]+")
_GROUP_LINE = re.compile(r"^([A-Za-z_][\w.-]*):[^:\s]*:(" + _N + r"):([\w.,-]*)\s*$")
# The release file's line; its '#' may be gone (a Markdown heading on the page it was copied from), and it may
# stand in inline code or a table cell, which ends it.
RELEASE_LINE = re.compile(r"(?:#\s*|^\s*(?=R\d{1,3}\s*\(release\),\s*REVISION:))R\d{1,3}\s*\(release\)[^`|\n]*")
_DIR_HEADER = re.compile(r"^(/dev(?:/[\w.-]+)*)/?:\s*$")
_LS_COMMAND = re.compile(r"\bls\b[^\n]{0,200}?\s(/dev(?:/[\w.-]+)*)/?\s*$")
# `ls` with no path at a prompt whose folder is one of /dev's (user@host:/dev/dri$ ls -al): the entries are that folder's.
_LS_AT_PROMPT = re.compile(r"^[`>\s]*[\w.-]+@[\w.-]+:(/dev(?:/[\w.-]+)*)/?[$#]\s+ls(?:\s+-\w+)*\s*$")
# The DRM nodes live in /dev/dri only: a listing that shows them with no folder shows that one.
_DRM_NAME = re.compile(r"(?:renderD|card)\d{1,4}")
# The start of a GPU's node path: Tegra's (nv*, but not a disk's /dev/nvme* nor /dev/nvram; tegra*, but not the display
# controller's, the camera's or the crypto engine's), DRM's, host1x's.
GPU_NODE_PATH = r"/dev/(?:nv(?!me|ram)|dri\b|tegra(?![_-](?:dc|camera|mipi|crypto))|host1x)"
# A node `ls` or `stat` could not find ("ls: cannot access '/dev/nvmap': No such file or directory"), and a GPU node a
# program could not ("Could not open device '/dev/nvhost-msenc': No such file or directory", "open /dev/nvgpu/igpu0/ctrl:
# no such file or directory", and Tegra's V4L2 encoder's "/dev/v4l2-nvenc"; a program's serial port or shared memory is
# no GPU node).
_NO_NODE = re.compile(r"(?:(?:cannot access|cannot stat|can't stat)\s+['\"‘]?(/dev/[\w./-]+?)|"
                      r"\b(?:open|opening|find|load|access|stat)\s+(?:device\s+|file\s+)?['\"‘`]?"
                      r"(" + GPU_NODE_PATH + r"[\w./-]*?|/dev/v4l2-nv(?:enc|dec)))['\"’`]?\s*[:,]\s*(?:\[?errno \d+\]?\s*)?"
                      r"No such file or directory",
                      re.I)
_CSV_REMOVED = re.compile(r"^rc\s+nvidia-container-csv-\S+")
# A prompt a reporter named by its place: "host$", "jetson-host$", "[container] $", "container (as app)$", "(in container) #".
_PLACE_PROMPT = re.compile(r"^[\[(]?(?:in\s+(?:the\s+|a\s+)?)?(?:[\w.]+[-_])?(?P<place>host|container|ctr|inside|outside)"
                           r"(?:[-_][\w.]+)?(?:\s*\([^()\n]{0,40}\))?[\])]?\s?[$#]\s+", re.I)
# (bash's "I have no name!" for a uid the image does not know; a bracketed [user@host dir]$ as Fedora and CentOS give)
_PROMPT_USER = r"(?:[\w.-]+|I have no name!)"
_BRACKETED = r"\[[\w.-]+@[\w.-]+ [^\]\n]{0,64}\][$#]"
# A shell prompt: user@host:dir$, [user@host dir]$, a bare host$ or host:~$ before a command word (not "cost$ 5"), and $,
# #, >, %, ❯, ➜ or λ alone; after a (conda-env) prefix too; or a prompt named by its place. (A Windows prompt stays: its
# path names the machine, _WINDOWS_PROMPT.)
PROMPT = re.compile(r"^(?:\([\w.-]{1,64}\)\s+)?(?:" + _PROMPT_USER + r"@[\w.-]+:[^$#]*[$#]\s+|" + _BRACKETED + r"\s+|"
                    r"[\w.-]{2,64}(?::[~/][^\s$#]*)?\$\s+(?=[a-z./~])|[$#>%\u276f\u279c\u03bb]\s+)|(?i:" +
                    _PLACE_PROMPT.pattern + ")")
_USER_PROMPT = re.compile(r"^(?:\([\w.-]{1,64}\)\s+)?(?:" + _PROMPT_USER + r"@[\w.-]+:[^$#]*[$#]|" + _BRACKETED + r"|"
                          r"(?!(?:ba|z|da|k)?sh-\d)[\w.-]{2,64}(?::[~/][^\s$#]*)?\$(?=\s+[a-z./~]))\s")  # bash-5.1$: any place
# A prompt's host name (user@host:dir$), the machine the command after it ran on.
_PROMPT_HOST = re.compile(r"^(?:\([\w.-]{1,64}\)\s+)?\[?(?P<user>" + _PROMPT_USER + r")@(?P<host>[\w.-]{1,64})[:\s]")
# A shell's own prompt where no PS1 is set (bash-5.1$, sh-4.4#): it names no place.
_SHELL_PROMPT = re.compile(r"^(?:ba|z|da|k)?sh-\d+(?:\.\d+)*[$#]\s")
# root@3f2a9c1b7d4e:/# or [root@3f2a9c1b7d4e /]# -- a docker container's shell, named by its id
CONTAINER_PROMPT = re.compile(r"^(?:" + _PROMPT_USER + r"@[0-9a-f]{12}:|\[[\w.-]+@[0-9a-f]{12} )")
_ANSI = re.compile(r"\x1b\[[0-9;?]{0,32}[A-Za-z]|\x1b\][^\x07\n]{0,512}\x07")
_FENCE = re.compile(r"^[ \t]*```(?![^\n]*```)[^\n]*(?:\n|$)", re.M)  # a fence line (``` and its language), not ``` x ```
# Another person's post quoted in a reply: a Markdown quote whose first line, or the line before it, names its author
# by mention ("> @dusty-nv wrote:", "**@bob** commented on Jan 5:", "> @bob: ..."). Its output is that person's machine. A name without
# the "@" may be a tool's ("Jenkins wrote:") or the reporter's own earlier post: that quote is read as theirs.
_ATTRIBUTED_QUOTE = re.compile(r"^(?:[ \t]*>)?[ \t]*(?:\*\*)?@[\w.-]{1,64}(?:\*\*)?\s+(?:wrote|said|commented|replied)\b"
                               r"[^\n]{0,80}:[ \t]*\n(?:[ \t]*>[^\n]*(?:\n|$))+|"
                               # (or a quote whose first line opens with its author: "> @bob: it only works ...")
                               r"^[ \t]*>[ \t]*(?:\*\*)?@[\w.-]{1,64}(?:\*\*)?:[^\n]*(?:\n|$)(?:[ \t]*>[^\n]*(?:\n|$))*",
                               re.M | re.I)
# Or a quote under a line that names another author in words ("A forum post said:", "Someone there suggested this:",
# "Another user wrote:", "From the accepted answer on the forum:"), by a mention inside the line ("Jane (@jane) wrote:")
# or in an e-mail reply's header ("On Mon, Feb 3, 2025 ... <notifications@github.com> wrote:"), with or without a blank
# line before the quote: the quote goes, the line (with any fact before the attribution) stays. A log, a tool or the
# reporter ("The log said:", "Jenkins wrote:", "Like another user reported, I get:") names no other author.
_QUOTE_OPENS = re.compile(r":[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*>)")
_ANOTHER_AUTHOR = re.compile(
    # the author as the verb's own subject, with at most a short place between them ("Someone on the forum wrote")
    r"(?:\b(?:someone|somebody|another (?:user|person|poster|member)|other (?:users|people)|the OP|original poster|"
    r"(?:a|an|one|the|this|that)\s+(?:[\w-]{1,20}\s+){0,2}(?:post|answer|reply|comment|thread))(?![\w-])"
    r"(?:\s+(?:on|in|at|from|there|here|over|above|below)\b[^\n,;:]{0,40}?)?\s+"
    r"(?:wrote|said|says|suggested|suggests|posted|replied|answered|commented|recommended|mentioned|claims?|claimed|"
    r"reported)\b|@[\w.-]{1,64}\)?\**\s+(?:wrote|said|commented|replied)\b|"
    r"^[ \t]*On\s[^\n]{4,160}?(?:<[^<>\n]{1,80}@[^<>\n]{1,80}>|\b\d{4}\b)[^\n]{0,80}?\bwrote\b|"
    r"^[ \t]*(?:from|per|quoting|quoted from|copied from)\s+(?:the\s+|an?\s+|this\s+|that\s+|another\s+|someone's\s+)?"
    r"(?:[\w-]{1,20}\s+){0,2}(?:post|answer|reply|comment|thread)(?![\w-]))[^\n]{0,80}$", re.I)
# ... unless the line goes on to say the output is the reporter's own ("..., I get:").
_REPORTER_S_OWN = re.compile(r"\b(?:I|we)\s+(?:also\s+|still\s+)?(?:get|got|see|saw|have|had|ran|run)\b|"
                             r"\b(?:I'm|I am|we're)\s+(?:getting|seeing)\b", re.I)
_QUOTE_BLOCK = re.compile(r"(?:[ \t]*>[^\n]*(?:\n|$))+")


def _without_quoted_posts(text: str) -> str:
    """``text`` without the Markdown quotes that a line naming another author opens (_ANOTHER_AUTHOR)."""
    kept, start = [], 0
    for opening in itertools.islice(_QUOTE_OPENS.finditer(text), MAX_FACTS):  # (more quotes than that: a dump)
        line = text[text.rfind("\n", 0, opening.start()) + 1:opening.start()]
        if opening.start() >= start and _ANOTHER_AUTHOR.search(line[-240:]) and not _REPORTER_S_OWN.search(line[-240:]):
            block = _QUOTE_BLOCK.match(text, opening.end())
            if block is not None:
                kept.append(text[start:opening.end()])
                start = block.end()
    return "".join(kept) + text[start:] if kept else text


# Every form a Jetson names itself in (facts sheet §4.2). Each is evidence of a Jetson on its own.
_MODEL = re.compile(
    # (and "Jetson" as it is often mistyped: "Jeston Nano", "Jetosn Orin")
    r"(?:\bNVIDIA\s+(?:Jetson\s+)?|\bJe(?:tso|sto|tos)n[\s_-]+)(?:AGX\s+|IGX\s+)?(?:Orin|Xavier|Thor|Nano|TX1|TX2|TK1)[\w -]*"
    # (and the Xavier as it is often mistyped after the family's name: "Jetson Xavior NX", "Jetson Xaiver")
    r"|\bJe(?:tso|sto|tos)n[\s_-]+(?:AGX\s+)?Xa(?:vior|iver|vir|veir)\b[\w -]*"
    r"|\b(?:AGX|IGX)\s+(?:Orin|Xavier|Thor)\b[\w -]*|\b(?:Orin|Xavier|Thor)\s+(?:AGX|IGX)\b[\w -]*"
    # NVIDIA's medical developer kit built on a Jetson AGX Xavier module (with a discrete GPU beside it)
    r"|\bClara\s+AGX\b[\w -]*"
    r"|\bOrin\s+(?:Nano|NX)\b[\w -]*|\bXavier\s+NX\b[\w -]*|\bTX2[\s-]NX\b[\w -]*|\bJetson[\s_-]+NX\b[\w -]*"
    r"|\bjetson[_-](?:tx1|tx2|nano|xavier|orin)\b|\bOrin \(nvgpu\)"  # nvidia-smi's name on JetPack 6
    # the Nano by its kit without the family's name ("Nano 4GB devkit", "my Nano B01 developer kit")
    r"|(?<!arduino )\bNano\s+(?:[24]\s?GB\s+)?(?:B01\s+|A02\s+)?(?:devkit|dev[\s-]kit|developer\s+kit)\b[\w -]*"
    # the AGX kit and the Orin Nano Super by those names alone, and Seeed's reComputer carriers (J10xx Nano, J20xx
    # Xavier NX, J30xx Orin Nano, J40xx Orin NX)
    r"|\bAGX\s+(?:devkit|dev[\s-]kit|developer\s+kit)s?\b[\w -]*|\bNano\s+Super\b[\w -]*"
    r"|\breComputer\s+(?:(?:Industrial|Classic|Mini|Robotics|Super)\s+)?J[1-4]0\d\d\b[\w -]*", re.I)
_BOARD = re.compile(r"\b(?:nvidia,)?p(?:3767|3768|3701|3737|3668|3509|3448|3449|3310|3489|3636|2888|2822|2180|2597|3711|3740|"
                    r"3834|3971|3762|3766)-\d{4}(?:[+_-]p?\d{4}(?:-\d{4})?)*\b|\bnvidia,p\d{4}-\d{4}", re.I)
_SOC = re.compile(r"\b(?:nvidia,)?tegra(?:124|210|186|194|234|23x|264)\b", re.I)
_TEGRA_KERNEL = re.compile(r"(?<![\w.+~])\d\.\d{1,2}\.\d{1,4}[\w.+~]{0,64}-tegra\b")
_L4T_PACKAGE = re.compile(r"\bnvidia-l4t-(?:core|kernel|init|cuda|firmware|3d-core)\b(?::arm64)?(?:/[\w,.-]{1,128})?"
                          r"[\s(=_:]{1,64}(?:version\s*)?"
                          r"(\d{2}\.\d{1,2}(?:\.\d{1,2})?)(?=[-+~\s)]|$)", re.I)
# The same package named alone on a line, its version on a later one: `apt-cache policy` ("nvidia-l4t-core:" then
# "Installed: 36.3.0-..."), `dpkg -s` and `apt show` ("Package: nvidia-l4t-core" then "Version: 36.3.0-...").
_L4T_PACKAGE_ALONE = re.compile(r"^(?:package:\s*)?nvidia-l4t-(?:core|kernel|init|cuda|firmware|3d-core)(?::arm64)?:?\s*$",
                                re.I)
_PACKAGE_VERSION = re.compile(r"^(?:installed|version):\s*((?:2[89]|3\d)\.\d{1,2}(?:\.\d{1,2})?)(?=[-+~\s]|$)", re.I)
# tegrastats: RAM near the line's start (after a time stamp or a log prefix), with a GPU, memory or power field after it.
_TEGRASTATS = re.compile(r"^[^\n]{0,256}?\bRAM \d{1,9}/\d{1,9}MB\b(?=[^\n]*?\b(?:GR3D|EMC_FREQ|VDD_|CPU \[))")
_L4T_IMAGE = re.compile(r"\bl4t-(?:base|ml|pytorch|tensorflow|jetpack|cuda|tensorrt)\b|\bdustynv/|-l4t-r\d", re.I)
# Tegra's own libraries name themselves NvRm... (case matters: the x86 driver logs "NVRM:").
_NVRM = re.compile(r"\bNvRm[A-Z]\w*|\bnvrm channel\b|\bnvrm_gpu\b")
_TEGRA_NODE = cued(
    (("/dev/nvmap", "/dev/nvhost-", "/dev/nvgpu/", "/dev/tegra_dc", "libnvrm", "nvgpu", "nvidia-l4t-", "jetson_release",
      "jtop", "nvdc:", "nvdla", "nvmm", "nvbuf_utils", "nvarguscamerasrc", "argus_socket"),
     # (not the Python package nvgpu, a PC's GPU lister: ".../dist-packages/nvgpu/list_gpus.py", "import nvgpu")
     r"/dev/(?:nvmap|nvhost-[\w-]+|nvgpu/|tegra_dc)|libnvrm|(?<!-packages/)(?<!import )\bnvgpu\b(?!/[\w.]*\.py|\.(?!ko\b)\w)|"
     r"\bnvidia-l4t-|\bjetson_release\b|"
     r"\bjtop\b|\bnvdc:|\b(?:lib)?nvdla\w*|\bNVMM\b|\bnvbuf_utils\b|\bnvarguscamerasrc\b|argus_socket"),
    (("jetpack", "jp", "nvidia-container-csv-", "aarch64-linux-gnu/tegra", "jetson", "nvpmodel", "jetbot"),
     r"\+jetpack\b|\bJP[4-7](?:\.\d{1,2}){0,2}\b|\bnvidia-container-csv-|aarch64-linux-gnu/tegra\b|\bjetpack(?:\b|(?=\d))|"
     r"\bjetson\b|\bnvpmodel\b|\bjetbot\b"),  # (JetBot: NVIDIA's robot kit on a Jetson Nano)
    (("orin", "xavier", "thor", "tegra", "l4t", "gk20a", "gm20b", "gp10b", "gv11b", "ga10b"),
     r"\b(?:Orin|Xavier|Thor|tegra|L4T)\b|\b(?:gk20a|gm20b|gp10b|gv11b|ga10b)\b|\bTegra\s?(?:X1|X2|K1)\b|\bNVIDIA Tegra\b"),
    # the TX1 and TX2 by their bare names (capitals: "tx1" is a queue in network logs; not a serial port's "TX2/RX2"
    # or "TX2 pin"), and a build set for a Jetson's architecture only (53 Nano/TX1, 62 TX2, 72 Xavier, 87 Orin)
    (("tx1", "tx2", "tk1"), r"(?<!RX\d/)(?-i:\b(?:TX[12]i?|TK1)\b)(?![^\n]{0,12}\bRX\d)(?!\s+pins?\b)"),
    (("architectures", "arch_list", "compute_"),
     r"CUDA_ARCHITECTURES\W{0,3}(?:53|62|72|87)\b|\bTORCH_CUDA_ARCH_LIST\W{0,3}(?:5\.3|6\.2|7\.2|8\.7)\b|"
     r"\bcompute_(?:53|62|72|87)\b"),
    # jetson-inference's tools, run with their inputs (camera, stream, image)
    (("video-viewer", "detectnet", "imagenet", "segnet", "posenet", "depthnet"),
     r"\bvideo-viewer\b|\b(?:detectnet|imagenet|segnet|posenet|depthnet)(?:-console|\.py)?\s+"
     r"(?:--\w|/dev/video|csi://|v4l2://|rtsp://|\S+\.(?:jpg|png|mp4)\b)"),
    # CUDA's files for L4T, under its target folder (SBSA servers' CUDA installs to targets/sbsa-linux, a PC's to
    # targets/x86_64-linux; a PC's cross toolkit for Jetsons has this folder too, beside the PC's own signs)
    (("targets/aarch64-linux",), r"/targets/aarch64-linux\b"),
    (("capability", "sm_", "device ", "major/minor"),
     r"compute capability (?:8\.7|7\.2|5\.3|6\.2)\b|\bsm_(?:87|72|53|62)\b|"
     # (bitsandbytes' CUDA set-up: "Highest compute capability among GPUs detected: 7.2")
     r"compute capability among gpus detected:\s*(?:8\.7|7\.2|5\.3|6\.2)\b|"
     r"highest compute capability:\s*(?:\((?:8,\s*7|7,\s*2|5,\s*3|6,\s*2)\)|(?:8\.7|7\.2|5\.3|6\.2)\b)|"
     r"Device \d+: \"(?:Orin|Xavier|Thor|NVIDIA Tegra X\d)\"|Major/Minor version number:\s*(?:8\.7|7\.2|5\.3|6\.2)\b"),
    # the toolkit's csv (Jetson) mode: its auto-detection, its CUDA requirement check (CHANGELOG v1.10.0-rc.2:
    # NVIDIA_REQUIRE_* checks added to csv mode), and the host CUDA libraries it mounts
    (("csv", "host-files-for-container.d", "hook directly", "spec modifier", "mount error"),
     r"\bmode\s*=\s*\"?csv\b|host-files-for-container\.d|runtime hook directly|auto-detected mode as '?csv|"
     r"spec modifier:\s*requirements not met|mount error:[^\n]{0,300}?/lib(?:cudnn|nvinfer|cublas|cudart|nvmedia|nvbuf)\w*\."),
    # JetPack 6's driver branch, as its nvidia-smi reports it (fact sheet: nvidia-smi on JP6), and Thor's JetPack 7 driver
    # as it reports itself (580.00: vllm#34470, on a 6.8.12-tegra kernel); no desktop driver has either
    (("nvidia-smi", "driver version", "kernel module"),
     r"\b(?:NVIDIA-SMI\s+|Driver Version[*_`]*:[*_`\s]*)540\.\d{1,2}(?:\.\d{1,2})?\b|"
     r"(?i:\b(?:nvidia-smi\s+|driver version[*_`\s]*:[*_`\s]*|kernel module for aarch64\s+)580\.00\b)"),
)
# An arm64 system named by what is built or run for it: a launch for linux/arm64, an image tagged for arm64 (not SBSA
# servers). Weak: Grace and other arm64 servers are PCs in this sense.
# An image reference is read from the start of its word only ((?<!...)) and within Docker's limits (a name of at most
# 255 characters, a tag of 128): tried again from each character of a long word, it took minutes (tests/test_inputs.py).
_ARM64_BUILD = re.compile(r"--platform[= ]+linux/(?:arm64|aarch64)\b|"
                          r"(?<![\w./-])[\w./-]{1,255}:(?![\w.-]{0,128}sbsa)[\w.-]{0,128}\b(?:arm64|aarch64)\b|"
                          # wheels built for arm64: *-linux_aarch64.whl, manylinux2014_aarch64 (a tag within its bounds)
                          r"[-_]linux_aarch64\.whl\b|manylinux\w{0,32}_aarch64\b", re.I)
# An arm64 machine named by itself: the engine's detected host platform, lscpu's and uname -m's line, its own libraries
# (/usr/lib/aarch64-linux-gnu/). As weak: a Grace server shows the same.
_ARM64_MACHINE = re.compile(r"detected host platform \(linux/(?:arm64|aarch64)\b|"
                            r"^Architecture:\s*(?:aarch64|arm64)\s*$|^(?:aarch64|arm64)$|/lib/aarch64-linux-gnu/", re.I)
# The kinds of those two signs, which say arm64 and no Jetson's hardware.
ARM64_KINDS = ("arm64 build", "arm64 machine")
# An image built for one L4T release (l4t-ml:r34.1.0, ros:humble-l4t-r35.1.0, prose's "l4t-ml: r35.4.1"): compared
# with the host's.
_IMAGE_L4T = re.compile(r"(?<![\w./-])/*[\w.-]{1,255}/[\w./-]{1,255}: ?(?:[\w.-]{1,128}-)?(?:l4t-)?r(\d{2}\.\d{1,2}"
                        r"(?:\.\d{1,2})?)\b", re.I)
# The GPU found and opened: an error after it is about an operation, not about access.
_GPU_FOUND = re.compile(r"\busing device\b(?![\s:=`'\"]{0,4}(?:cpu|mps)\b)|\bFound device \d+ with properties|"
                        r"\bDetected [1-9]\d* CUDA Capable device|"
                        r"\bfound [1-9]\d* CUDA devices|\bCUDA available: True|\bChose device:|"
                        r"\bdirect rendering: Yes|"
                        # (bitsandbytes' set-up, the capability PyTorch read from the devices it found)
                        r"\bhighest compute capability(?: among gpus detected)?:\s*\(?\d", re.I)
# deviceQuery's versions: a driver older than the runtime is a version mismatch, not access.
_CUDA_VERSIONS = re.compile(r"CUDA Driver Version / Runtime Version\s+(\d{1,2}\.\d{1,2})\s*/\s*(\d{1,2}\.\d{1,2})")
# A shell prompt whose user or host name says Jetson (user@jetson-nano, orin@ubuntu): weak, but the paste's own words.
# Names are read within Linux's limits (a user name of 32 characters, a host name of 64), so a long word is no work.
# The short module names count where a part of the name starts with one, alone or joined to another (orin-nx,
# nano2gb, agx_01, xaviernx, agxorin, nanodev), not inside a person's (thorsten, florin); jetson and tegra count anywhere.
_PROMPT_NAMES = re.compile(r"^\[?([\w.-]{1,64}@[\w.-]{1,64})[:\s]")
_PROMPT_AT = 66  # where a prompt's "@" can be at the latest: after "[" and a user name of 64 characters
_JETSON_NAME = re.compile(r"jetson|(?<!in)tegra|(?:^|[._@-])(?:orin|xavier|nano|agx|tx2|thor)"
                          r"(?=[\d._@-]|$|nx|nano|agx|orin|xavier|dev|kit)", re.I)
# Another arm board, with no NVIDIA GPU (Rockchip, Broadcom's Raspberry Pi, Amlogic, Allwinner, NXP's i.MX, Khadas), by
# its kernel, SoC, name, its Mali GPU's node, or what its maker's GPU and NPU libraries print there (NXP's GPU SDK;
# Rockchip's RKNN runtime and RGA, whose own log lines run on the board): not a Jetson either, whatever image runs on it.
# Names said in passing (a "Raspi" camera, a phone's Mali GPU, the RKNN library a project ports away from) are no sign,
# and a Raspberry Pi camera is a Jetson's CSI camera as often.
OTHER_ARM_BOARD = re.compile(
    r"\b\d+\.\d+[\w.+-]{0,64}-(?:rockchip|rpi|raspi)[\w.-]*|\bRK3[35]\d\d\b|\bBCM2(?:71[12]|835|836|837)\b|\bOrange\s*Pi\b|"
    r"\bRaspberry\s+Pi\b(?!\s*(?:v?\d(?:\.\d)?\s*)?(?:NoIR\s+|High\s+Quality\s+)?(?:camera|cam|hq|module|v2|v1\.3)\b)|\bRadxa\b|\bAmlogic\b|"
    r"\bAllwinner\b|\bi\.MX\s?[6-9]\w*|\bimx-gpu-sdk\b|\bKhadas\b|(?-i:\bE RKNN:)|\bRockchipRga\b|/dev/mali\d\b",
    re.I)
# NVIDIA's discrete GPUs by name, the parts the PC signs below share: a GeForce, Quadro, Tesla or TITAN, an RTX or GTX by
# number, an RTX A-series card, lspci's NVIDIA controller, a data-centre GPU, a laptop's MX, and a GeForce by its number
# alone ("3080ti", "NVIDIA 4090", "with my 3050", "a working 3060", a laptop's "Nvidia 650M").
# (and the number first, as people also write it: "NVIDIA 970 GTX", "my 3080 RTX"; the entry GT cards: "GT 730", "GT 1030";
# the Blackwell professional cards: "RTX PRO 6000")
_GEFORCE_AND_KIN = (r"\b(?:Ge?Force|Quadro|Tesla|TITAN|(?:RTX|GTX)[\s-]?\d{3,4}(?:\s?(?:Ti|SUPER)|[DSM])?|RTX\s?A\d{3,4}|"
                    r"RTX\s+PRO\s+\d{4})\b|"
                    r"(?<![\w.])[1-9]\d{2,3}(?:\s?Ti)?\s?(?:GTX|RTX)\b|(?-i:\bGT\s?(?:[1-9]\d{2}|10[34]0)M?\b)")
# (not T4000 or T5000: Jetson Thor's modules)
_WORKSTATION_MODEL = r"(?-i:T(?:400|600|1000|1200|2000)|P(?:400|600|620|1000|2000|2200|4000|5000|6000))\b"
_WORKSTATION_GPU = (r"\bNVIDIA\s+" + _WORKSTATION_MODEL + r"|\b" + _WORKSTATION_MODEL +
                    r"(?=(?:\s+\d{1,2}\s?GB)?\s+(?:cards?|gpus?|graphics)\b)")
_NVIDIA_ON_PCI = r"\b(?:VGA compatible|3D) controller(?:\s*\[03\d\d\])?:\s*NVIDIA\b"
_DATA_CENTRE_GPU = (r"\b(?:[AH][18]00|G?H200|G?B[123]00|A10G?|A16|A30|A40|L40S?|(?<![-\w])(?-i:L4)|T4G?|V100|P100|P40|"
                    r"M[46]0|K[48]0m?|A[2456]000|A[45]500)s?\b"
                    r"(?![\w:-]|\.\w)|"  # not a key (k80:) nor a version (a100.2); a sentence may end after it
                    # (its form or its memory: A100-SXM4, V100-32GB)
                    r"\b(?:[AH][18]00|H200|B[12]00|A10G?|A30|A40|L40S?|V100|P100|A6000)-(?:SXM\d?|PCIE|\d{1,3}\s?GB)\b|"
                    # a vGPU profile of one: the GPU's name, its frame buffer in GB and its series (A100-40C, L40S-48C,
                    # T4-16Q), or of any other GPU as nvidia-smi names it ("NVIDIA A16-4Q", "GRID M10-8Q", "GRID RTX8000P-12Q")
                    r"\b(?:[AH][18]00|H200|B[12]00|A10G?|A30|A40|L40S?|L4|T4|V100|A[2456]000)-\d{1,3}[ABCQ]\b|"
                    r"(?-i:\b(?:NVIDIA|GRID)\s+(?:RTX\s?)?[ABHLMPTV]?\d{1,4}(?:[A-Z]{1,2})?-\d{1,3}[ABCQ]\b)")
_LAPTOP_MX = r"(?-i:(?<![A-Za-z0-9])MX\s?[1-5][0-9]0\b)"
_GEFORCE_BY_NUMBER = (r"\b[1-5]0[5-9]0\s?Ti\b|\bNVIDIA\s+(?:(?:gpu|card|graphics(?:\s+card)?)\s*\(\s*(?:RTX\s*)?)?"
                      r"[1-5]0[5-9]0\b|\bNVIDIA\s+(?:GTX?\s*)?[1-9]\d{2}M\b")
_GEFORCE_AFTER_MY = (r"(?:(?<=\bmy )|(?<=\bour )|(?<=\ban )|(?<=\ba )|(?<=\bthe )|(?<=\ba working )|(?<=\bmy working )|"
                     r"(?<=\ba new )|(?<=\bmy new )|(?<=\ban old )|(?<=\bmy old ))"
                     r"(?:RTX\s*)?[1-5]0[5-9]0(?:\s?Ti)?\b(?!\s*(?:MHz|[MG]i?B|W\b))")
# Whether a PC sign's value names NVIDIA's hardware or its desktop driver, which AMD's, Intel's and an operating
# system's signs do not (explain asks it of a Mac: one beside NVIDIA's GPU or driver runs Linux on it). A GeForce said by
# its number after "my" is valued as the number alone.
NVIDIA_GPU = re.compile("|".join((_GEFORCE_AND_KIN, _NVIDIA_ON_PCI, _DATA_CENTRE_GPU, _LAPTOP_MX, _GEFORCE_BY_NUMBER,
                                  _WORKSTATION_GPU,
                                  r"^(?:RTX\s*)?[1-5]0[5-9]0(?:\s?Ti)?$",
                                  r"\bNVIDIA[\s-]+(?:drivers?\b|UNIX x86|v?\d{3}\.)|\bDriver Version\b|\bNVIDIA-SMI\b")), re.I)
# NVIDIA's cards by name, wherever on a line (a line keeps one sign of a PC): the data-centre cards, with the old brand
# word of their line before the model ("Tesla A100" is one card), and the desktop brands.
NVIDIA_CARD = re.compile(r"(?:\bTesla\s+)?(?:" + _DATA_CENTRE_GPU + ")|" + _GEFORCE_AND_KIN, re.I)
# The name Windows gives a computer out of the box ("DESKTOP-4RO0FD7"), which a WSL prompt carries ("user@DESKTOP-...:~$").
# (seven capitals and digits, at least one a digit; in capitals only, however the paste is searched)
_WINDOWS_HOST_NAME = re.compile(r"(?-i:(?<![\w-])(?:DESKTOP|LAPTOP)-(?=[A-Z]{0,6}\d)[A-Z0-9]{7}\b)")
# A desktop driver's branch in a version: 100 to 599 less JetPack 6's 540 (its nvidia-smi reports 540.x.y) and Jetson
# Thor's "580.00" (JetPack 7's OpenRM driver as PyTorch's collect_env reports it on a 6.8.12-tegra kernel, vllm#34470;
# the desktop 580 releases carry a minor version such as 580.82.07).
DESKTOP_BRANCH = r"(?!580\.00\b)(?:[1-4]\d\d|5[0-35-9]\d)"
# The compute capabilities Jetsons have (TK1 3.2, TX1 and Nano 5.3, TX2 6.2, Xavier 7.2, Orin 8.7, Thor 10.1, renumbered
# 11.0 from CUDA 13), as a version ("8.7") and as an architecture ("sm_87", "Device architecture 87"): any other is a PC's.
JETSON_CC = r"(?:3\.2|5\.3|6\.2|7\.2|8\.7|10\.1|11\.0)"
_JETSON_SM = r"(?:32|53|62|72|87|101|110)"
# x86 / discrete-GPU evidence: the platform the JetPack explanation does not fit. Each part with the words a line must
# hold before it runs (see Cued).
_X86 = cued(
    (("x86",), r"\bx86[_-]64\b"), (("amd64",), r"\bamd64\b"), ((":\\",), r"\b[A-Z]:\\\w[\w\\.-]*"),
    # a Windows crash stack's module and function ("rtx.scenedb.plugin.dll!carbOnPluginStartup+0x252db")
    ((".dll!",), r"\b[\w.-]+\.dll!\w"),
    (("x64", "ppc64", "rocm", "amd-smi", "kfd", "gfx", "i915", "intel_do_flush", "_dri.so", "hip "),
     # (not a form's platform field whose default "Linux x64(Ubuntu 18.04)" the reporter followed with a JetPack
     # release, other than one named as a later target; not PyTorch's collect_env saying it was built with none: "ROCM
     # used to build PyTorch: N/A"; and PyTorch's ROCm build naming HIP where its CUDA build names CUDA: "HIP out of
     # memory", "HIP error: invalid device function", "HIP runtime error")
     r"\bx64\b(?![^\n]*?(?<!target )(?<!targets )(?<!targeting )\b(?:jetpack|jp)[\s:-]*\d)|\bppc64(?:le)?\b|"
     r"\brocm(?!\s+used\s+to\s+build\s+pytorch:\s*n/a)|\bamd-smi\b|/dev/kfd\b|\bgfx\d{3,4}\b|\bi915\b|"
     r"\bHIP\s+(?:out\s+of\s+memory|(?:runtime\s+)?error)\b|"
     # Mesa's Intel and AMD drivers by their own names ("intel_do_flush_locked failed", "radeonsi_dri.so")
     r"\bintel_do_flush_locked\b|\b(?:i965|crocus|radeonsi|r600)_dri\.so\b"),
    # IBM's POWER servers (no Jetson has a POWER CPU), and Omniverse's and Isaac Sim's x86-64 builds (".lx64.")
    (("power", "ac922", "ic922", "lx64"), r"(?-i:\bPOWER(?:8|9|10)\b)|\b[AI]C922\b|[.+]lx64\."),
    # an x86 CPU's instruction sets, as a program reports the CPU it runs on (TensorFlow's CPU check, llama.cpp's
    # system_info "AVX = 1", lscpu's or /proc/cpuinfo's flags): no Jetson's Arm CPU has them
    (("avx",), r"\b(?:cpu supports instructions that this \w+ binary was not compiled to use|cpu instructions in "
     r"performance-critical operations)\s*:[^\n]*?\bavx\w*|\bavx2?\s*=\s*1\b|^flags\s*:[^\n]*?\bavx\w*"),
    # a Windows program or script run here ("C:\miner> t-rex.exe -a ethash", "Command used: w2x.exe -i a.png", "I run the
    # bat file"), not a client tool named in prose ("flashed the card with balenaEtcher.exe"): no Jetson runs either
    ((".exe", ".bat", "bat file", "winget", "choco"), r"\b(?:winget|choco)\s+install\b|"  # (Windows' package managers)
     r"^(?:[A-Za-z]:\\[^>\n]{0,200}>|PS [^>\n]{0,200}>|>|[^\n]{0,40}?\bcommand(?:\s+(?:used|line|run))?\b[^:\n]{0,20}:)?\s*"
     r"[\w-]{1,64}\.(?:exe|bat)\b(?!\.\w)|"
     r"\b(?:run(?:s|ning)?|ran|start(?:s|ed|ing)?|launch(?:es|ed|ing)?|execut(?:e|es|ed|ing))\s+(?:the\s+|my\s+)?"
     r"(?:[\w-]{1,64}\.(?:exe|bat)\b(?!\.\w)|bat file\b)"),
    # a Windows library this machine failed to load ("Could not locate zlibwapi.dll", LoadLibrary's error 126)
    # (or named after the failure: "The CUDA driver could not be loaded. The library name used was 'nvcuda.dll'.";
    # or the loader's own words: "The procedure entry point X could not be located in the dynamic link library Y.dll")
    ((".dll", "loadlibrary"), r"\b(?:could not|couldn't|cannot|can't|unable to|failed to)\s+(?:load|locate|find|open)\b"
     r"[^\n]{0,80}?\b[\w-]{1,64}\.dll\b|\b[\w-]{1,64}\.dll\b[^\n]{0,40}?\b(?:not found|is missing|was not found|could not "
     r"be (?:found|loaded))\b|\bLoadLibrary(?:Ex)?[AW]?\b[^\n]{0,40}?\b(?:failed|error)\b|"
     r"\b(?:could not|couldn't|cannot|can't)\s+be\s+(?:loaded|found|located)\b[^\n]{0,80}?\b[\w-]{1,64}\.dll\b|"
     r"\bdynamic link library\b[^\n]{0,200}?\b[\w-]{1,64}\.dll\b|"
     r"\blibrary name used was:?\s*['\"]?[\w-]{1,64}\.dll\b"),
    (("nvidia unix x86", "nvrm: ", "win", "wsl", "microsoft-standard"),
     # (Windows as the machine a user comes from is the client: "from my windows pc" names no system of the paste's)
     # ("on win 10", "Win11" too; not a folder or a module of a POSIX path or a Python package: cusignal/windows/windows.py,
     # cusignal.windows.hann)
     r"\bNVIDIA UNIX x86|\bNVRM: |(?<!from )(?<!from my )(?<!from a )(?<!from the )(?<![/.])(?<!import )(?<!attribute ')"
     r"\bwin(?:dows\b(?!\.py\b|/|\.\w)|32\b|_amd64\b|\s?(?:7|8(?:\.1)?|10|11)(?!\w|\.\d))|\bWSL2?\b|microsoft-standard|"
     r"\[WinError \d+\]"),  # (Python's own error of a Windows call: only Windows prints it)
    # Windows' own computer name as it comes out of the box (and in a WSL prompt, _read_line)
    (("desktop-", "laptop-"), _WINDOWS_HOST_NAME),
    (("geforce", "gforce", "quadro", "tesla", "titan", "rtx", "gtx", "gt"), _GEFORCE_AND_KIN), (("radeon",), r"\bRadeon\b"),
    (("amd",), r"\bAMD\s*(?:的\s*)?显卡"),  # ("AMD的显卡": an AMD graphics card)
    (("arc", "iris", "uhd graphics", "rx"),
     r"\bArc\s+[AB]\d{3}M?\b|\bIris\s+Xe\b|\bUHD Graphics\b|(?-i:\bRX\s?[4-9]\d{2,3}(?:\s?XTX?)?\b)"),
    (("intel",), r"\bIntel(?:\(R\)|\xae)?\s+(?:i?GPU|(?:HD|Iris|UHD)\s+Graphics)\b|\bgpu\.intel\.com/\w+"),
    (("inter graphics",), r"\bInter graphics card\b"),  # (Intel's, as it is often mistyped)
    # lspci's NVIDIA GPU on the PCI bus (a Jetson's GPU is no PCI device)
    (("controller",), _NVIDIA_ON_PCI),
    # (and a vGPU profile's name as nvidia-smi and the guest driver give it: "NVIDIA A16-4Q", "GRID M10-8Q")
    (("a10", "a16", "a800", "h100", "h200", "h800", "b100", "b200", "b300", "a30", "a40", "l40", "l4", "t4", "v100", "p100",
      "p40", "m40", "m60", "k80", "k40", "a2000", "a4000", "a4500", "a5000", "a5500", "a6000", "nvidia a",
      "nvidia b", "nvidia h", "nvidia l", "nvidia m", "nvidia p", "nvidia t", "nvidia v", "grid "),
     _DATA_CENTRE_GPU),
    # a workstation card by its bare model, named as NVIDIA's or as a card ("NVIDIA T1000", "I have T600 card")
    (("t400", "t600", "t1000", "t1200", "t2000", "p400", "p600", "p620", "p1000", "p2000", "p2200", "p4000", "p5000",
      "p6000"), _WORKSTATION_GPU),
    (("mx",), _LAPTOP_MX),
    (("rockchip", "rk35", "rk33", "raspberry pi", "rpi", "raspi", "bcm2", "orange pi", "orangepi", "radxa", "amlogic", "allwinner",
      "i.mx", "imx-gpu-sdk", "khadas", "e rknn:", "/dev/mali"),
     OTHER_ARM_BOARD),
    # a virtual GPU (a licensed vGPU of a server or cloud VM) or WSL2's paravirtual one: no Jetson's GPU is either
    (("vgpu", "nvidia-gridd", "dxgkrnl", "/dev/dxg", "basic render driver"),
     r"\bvGPU\b|\bnvidia-gridd\b|\bdxgkrnl\b|/dev/dxg\b|\bMicrosoft Basic Render Driver\b"),
    # darknet's compute capability of the device, where no Jetson has it (as Major/Minor below)
    (("compute_capability",), r"\bcompute_capability\s*=\s*(?!(?:320|530|620|720|870|1010|1100)\b)\d{3,4}\b"),
    # (and said of the user's own card: "my system has a GPU with compute capability 3.0", "my card's compute capability
    # is 8.6", "my hardware only supports CUDA compute capability 5.0", or by a program of the device it runs on:
    # Kokkos's "running kernels compiled for compute capability 3.7 on device with compute capability 6.0"; not what a
    # build needs: "requires a GPU with compute capability 7.0")
    (("capability",), r"(?:\b(?:i\s+have|i've\s+got|(?:my|our)\s+(?:system|machine|pc|laptop|computer|server|box|desktop|"
                      r"workstation)\s+has|(?:it|this|which)\s+(?:has|is))\s+(?:an?\s+)?(?:nvidia\s+)?(?:gpu|card|device)\s+"
                      r"(?:with|of)\s+(?:a\s+)?(?:cuda\s+)?compute\s+capability\s+(?:of\s+)?|"
                      r"\b(?:my|our)\s+(?:gpu|card|device)(?:'s|\u2019s)?\s+(?:cuda\s+)?compute\s+capability\s+(?:is\s+)?|"
                      r"\b(?:my|our)\s+(?:gpu|card|device)\s+(?:has|is)\s+(?:a\s+)?(?:cuda\s+)?compute\s+capability\s+|"
                      r"\b(?:my|our)\s+(?:hardware|gpu|card|device)\s+(?:only\s+)?supports\s+(?:cuda\s+)?compute\s+capability\s+|"
                      r"\b(?:running|runs?|ran)\b[^\n]{0,80}?\bon\s+(?:a\s+|the\s+)?device\s+with\s+compute\s+capability\s+)"
                      r"(?!" + JETSON_CC + r"\b)\d{1,2}\.\d\b(?!\.?\d|\s*\+|\s*(?:\([^)\n]{0,30}\)\s*)?"
                      r"(?:(?:or|and)\s+(?:higher|above|later|newer|up|greater|better|beyond)|onwards?|upwards?|minimum)\b)"),
    (("nvidia-driver-", "driver version", "nvidia-smi "),
     r"\bnvidia-driver-\d{3}\b|\bDriver Version[*_`]*:[*_`\s]*" + DESKTOP_BRANCH + r"(?:\.\d+)*\b|"
     r"\bNVIDIA-SMI\s+" + DESKTOP_BRANCH + r"\.\d+"),  # nvidia-smi's header: its driver's branch
    # a desktop driver's full version said in words beside "driver" ("version 580.119.02 of the drivers"): a Jetson's
    # software is numbered by its L4T release, and Thor's driver is 580.00
    # ("updated to v580.178.04")
    (("driver",), r"\bdrivers?\b[^\n]{0,30}?(?<![\w.])v?" + DESKTOP_BRANCH + r"\.\d{2,3}\.\d{2}\b|(?<![\w.])v?" + DESKTOP_BRANCH
     + r"\.\d{2,3}\.\d{2}\b[^\n]{0,30}?\bdrivers?\b"),
    # the device's own compute capability or architecture, where no Jetson has it (JETSON_CC, _JETSON_SM)
    # (ptxas asked by a JIT for the device's own architecture: "Value 'sm_121a' is not defined for option 'gpu-name'")
    # (CUDAnative's "Device capability v2.1.0 not supported by available toolchain", CUDA.jl's "Your NVIDIA GeForce ...
    # GPU (compute capability 12.0) is not fully supported")
    # (RAPIDS' check of the device's architecture: "Device architecture 89 is unsupported"; TensorRT's engine error
    # names the loading card's first: "generated on an incompatible device, expecting compute 8.9 got compute 8.7")
    (("major/minor", "unsupported sm", "target gpu sm", "with cuda capability sm_", "gpu-name", "device capability",
      "(compute capability", "device architecture", "expecting compute"),
     r"Major/Minor version number:\s*(?!" + JETSON_CC + r"\b)\d{1,2}\.\d\b|"
     r"\bDevice capability v?(?!" + JETSON_CC + r"\b)\d{1,2}\.\d(?:\.\d+)? (?:is )?not supported\b|"
     r"\bGPU\s*\(compute capability (?!" + JETSON_CC + r"\b)\d{1,2}\.\d\)|"
     r"\bincompatible device, expecting compute (?!" + JETSON_CC + r"\b)\d{1,2}\.\d\b|"
     r"\bValue 'sm_(?!" + _JETSON_SM + r"a?')\d{2,3}a?' is not defined for option 'gpu-name'|"
     r"\bUnsupported SM:\s*0x(?!(?:302|503|602|702|807|a01|b00)\b)[0-9a-f]{3}\b|"
     r"\bTarget GPU SM (?!" + _JETSON_SM + r"\b)\d{2,3} is not supported|"
     r"\bwith CUDA capability sm_(?!" + _JETSON_SM + r"\b)\d{2,3}\b|"
     r"\bDevice architecture (?!" + _JETSON_SM + r"\b)\d{2,3} is unsupported\b"),
    # the desktop driver's branch said in words ("NVIDIA driver 525+"; JetPack 6's nvidia-smi says 540)
    # ("after updating the NVIDIA driver to 595.79", "downgrading the NVIDIA driver to 580")
    (("nvidia",), r"\bNVIDIA drivers?[\s:]*(?:version\s*|(?:to|from)\s+)?(?:\(\s*v?" + DESKTOP_BRANCH + r"(?:\.\d+)*\)|"
                  r"v?" + DESKTOP_BRANCH + r"(?:\.\d+)*\b)|"
                  r"\bnvidia[\s-]+v?" + DESKTOP_BRANCH + r"\.\d{1,3}(?:\.\d{1,3})?\b|"  # "nvidia 390.30 installed"
                  # ("the NVIDIA packages to v570.133.07")
                  r"\bnvidia\b[^\n]{0,40}?(?<![\w.])v" + DESKTOP_BRANCH + r"\.\d{2,3}\.\d{2}\b"),
    # (and an issue template's field: "- Driver: 570.158.01")
    (("driver",), r"\b(?:cuda |gpu )?driver(?:\s+is)?(?:\s+version)?(?:\s+is)?(?:\s*[:=])?\s*v?" + DESKTOP_BRANCH + r"\.\d{1,3}"
                  r"(?:\.\d{1,3})?\b"),
    # arm64 servers and workstations with NVIDIA's server GPU stack: arm64, yet no Jetson
    (("dgx", "hgx", "gh200", "gb", "grace", "sbsa"),
     r"\bDGX(?:[\s-]?(?:Spark|Station|A100|H100|H200|B200|GB200|GB300|OS))?\b|\bHGX\b|\bGH200\b|\bGB(?:10|200|300)\b|"
     r"\bGrace[\s-](?:Hopper|Blackwell)\b|\bsbsa\b"),
    # Mesa loading a PC's GPU driver (Intel's, AMD's, a virtual machine's); a Jetson's GL is NVIDIA's
    (("failed to load driver", "mesa-loader"),
     r"\b(?:failed to load driver:\s*|MESA-LOADER:[^\n]{0,80}?)(?:i965|iris|crocus|radeonsi|r600|vmwgfx|virtio_gpu)\b"),
)
# A PC named in words: x86 said in prose ("I'm running on x86", "an x86 host"), an x86 processor (every Jetson's CPU
# is an Arm core), a host system only PCs run. Prose may name another machine than the failing one ("works on x86 but
# not on my Orin", "flashed from my Ryzen desktop"), so a sign of the Jetson's hardware outranks it; a CPU field of
# lscpu or /proc/cpuinfo is the machine's own output and counts in full.
_X86_CPUS = r"Ryzen|Threadripper|EPYC|Xeon"
# AMD's compute stack with its version ("ROCm 6.2"), installed or in use: no Jetson runs it.
ROCM_RELEASE = r"\bROCm\s+v?\d"
# AMD's GPUs by their architectures and its APUs, and the Steam Deck, whose GPU is one ("8 RDNA 2 CUs", "AMD APU").
AMD_GPU_NAMED = r"\bAMD\s+APUs?\b|\b[RC]DNA\s?[1-4]\b|\bSteam\s+Deck\b"
# An issue form's GPU field whose value is AMD's or Intel's ("GPU Type: AMD", "GPU Model: rx 6800"; a heading and its
# value, joined to one line by _joined: "### GPU Type AMD").
_FORM_FIELD = r"(?:GPU|Graphics(?:[ \t]+card)?|Video[ \t]+card)(?:[ \t]+[\w/]+){0,3}?"
FORM_NAMES_OTHER_GPU = (r"^[ \t]*(?:#{1,6}[ \t]*" + _FORM_FIELD + r"[ \t]+|(?:[-*][ \t]+)?(?:\*\*|__)?" + _FORM_FIELD
                        + r"(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?)(?:AMD|Intel|Radeon|RX[ \t]?[4-9]\d{2,3}|Arc|Vega)\b")
_PC_PROSE = cued(
    # (not x86 as a mode, a build or what is supported: "compiled in x86 mode", "supported on x86 only", "x86 images")
    (("x86",), r"\b(?:on|using|in|an?|my|our)\s+(?:an?\s+)?x86\b(?![_-])(?!\s+(?:mode|emulation|only|assembly|asm|code|"
               r"binar\w*|images?|wheels?|packages?|builds?(?!\s+(?:server|host|machine|box|node|runner)s?\b))\b)|"
               r"\bx86\s+(?:host|machine|pc|laptop|desktop|server|system|computer|workstation|box|platform)s?\b"),
    (("ryzen", "threadripper", "epyc", "xeon", "core", "i3-", "i5-", "i7-", "i9-"),
     r"\b(?:" + _X86_CPUS + r")\b|\bCore(?:\(TM\)|\u2122)?\s+i[3579]\b|\bi[3579]-\d{4,5}[A-Z]{0,2}\b"),
    # a host system built for x86-64 servers: Proxmox VE (and its task's own error line), Unraid, TrueNAS
    (("proxmox", "unraid", "truenas", "task error:"), r"\bProxmox\b|\bUnraid\b|\bTrueNAS\b|^TASK ERROR:(?=\s)"),
    # an AMD or Intel GPU (no Jetson has one); a laptop's switch between its Intel and NVIDIA GPUs (Optimus, Bumblebee)
    # (and AMD's Vega cards and its ROCm stack, installed or in use; a form's GPU field that names AMD or Intel)
    (("amd", "intel", "rocm", "rdna", "cdna", "steam deck"),
     r"\b(?:AMD|Intel)\s+(?:integrated\s+)?(?:i?GPU|graphics|card|Radeon|Arc|UHD|Iris|Vega)\b|" + ROCM_RELEASE + "|"
     + AMD_GPU_NAMED),
    (("gpu", "graphics", "video card"), FORM_NAMES_OTHER_GPU),
    # a desktop or server distribution no Jetson ships with (L4T is Ubuntu; NixOS and Gentoo have Jetson ports, so not
    # those; Amazon Linux is AWS's servers'; CachyOS, Garuda, Nobara and Zorin OS are built for x86-64 PCs only), not one
    # of a template's choices ("OS(Ubuntu or CentOS): Ubuntu 20.04")
    (("opensuse", "fedora", "arch linux", "manjaro", "pop!_os", "pop_os", "linux mint", "centos", "rhel", "rocky linux",
      "almalinux", "sles", "suse linux enterprise", "amazon linux", "cachyos", "garuda", "nobara", "zorin"),
     r"(?<!\bor )\b(?:openSUSE|Fedora|Arch\s+Linux|Manjaro|Pop!?_OS|Linux\s+Mint|CentOS|RHEL|(?<=cuda-)rhel\d+|"
     r"Rocky\s+Linux|AlmaLinux|SLES|SUSE\s+Linux\s+Enterprise|Amazon\s+Linux|CachyOS|Garuda\s+Linux|Nobara|"
     r"Zorin\s+OS)\b(?!\s+or\b)"),
    # an interim Ubuntu release (an October one, or an April one of an odd year: 21.10, 23.04), which no JetPack is
    # built on (L4T takes the LTS releases: 18.04, 20.04, 22.04, 24.04)
    (("ubuntu",), r"\bUbuntu\s+(?:1[6-9]|2\d)\.10\b|\bUbuntu\s+(?:17|19|21|23|25)\.04\b"),
    # an Enterprise Linux package's release tag ("singularity-ce 3.11.1-1.el7", "4.18.0-372.el8.x86_64")
    ((".el",), r"(?<=\d)\.el[6-9](?:_\d+)?\b"),
    # Fedora's packages of NVIDIA's discrete driver (RPM Fusion's akmods and kmod-nvidia), Fedora's image-based desktops
    # (rpm-ostree, Universal Blue's images) and Flatcar, a container OS for x86 and Arm servers: no Jetson runs any
    (("rpm-ostree", "akmod", "kmod-nvidia", "rpmfusion", "ublue-os", "silverblue", "kinoite", "bazzite", "bluefin",
      "flatcar"),
     r"\brpm-ostree\b|\bakmods?\b|\bakmod-nvidia\b|\bkmod-nvidia\b|\brpmfusion\b|\bublue-os\b|"
     r"\b(?:Silverblue|Kinoite|Bazzite|Bluefin)\b|\bFlatcar\b"),
    (("optirun", "primusrun", "prime-run", "prime-select", "bumblebee", "optimus", "secondary gpu", "hybrid graphics"),
     r"\b(?:optirun|primusrun|prime-run|prime-select|bumblebeed?|(?:nvidia\s+)?optimus)\b|\bsecondary\s+gpu\b|"
     r"\bhybrid\s+graphics\b"),
    # a cloud notebook's VM, named (not a link to a notebook stored there)
    # ("On Kaggle : libcusparse.so.12: undefined symbol ...": where it ran)
    (("colab", "kaggle"), r"(?<![\w./-])(?:Google\s+)?Colab(?:oratory)?\b(?![./])|\bKaggle\s+(?:notebook|kernel)s?\b|"
                          r"^\W{0,4}(?:on|in)\s+Kaggle\b(?![./])"),
    # a cloud's GPU servers: a managed Kubernetes cluster's nodes (EKS, GKE, AKS), an EC2 GPU instance type (g4dn, g5g:
    # an Arm server with a discrete T4G, p4d ...), and Bottlerocket, AWS's container OS for them: no Jetson is any
    # (one named as a build or CI runner is another machine than the one that failed)
    # (and their nodes' own labels: cloud.google.com/gke-nodepool, eks.amazonaws.com/nodegroup, kubernetes.azure.com/agentpool)
    (("bottlerocket", "eks", "gke", "aks", "large", "metal", "g4dn", "g4ad", "g5g", "g6", "p3dn", "p4d", "p5",
      "kubernetes.azure.com"),
     r"\bBottlerocket\b|\b(?:EKS|GKE|AKS)\s+(?:cluster|node|nodegroup|node\s+group|node\s*pool|worker)s?\b|"
     r"\(\s*on\s+(?:EKS|GKE|AKS)(?:\s+\w+){0,2}\s*\)|"  # (a cluster "(on GKE)"; a dashboard on GKE names a client)
     r"\bcloud\.google\.com/gke-[\w-]+|\b\d+\.\d+\.\d+-gke\.\d+\b|"  # (a GKE cluster's version: 1.10.5-gke.0)
     r"\beks\.amazonaws\.com/(?:nodegroup|capacitytype)\b|"
     r"\bkubernetes\.azure\.com/(?:agentpool|accelerator|mode)\b|"
     r"\b(?:g3s?|g4dn|g4ad|g5g?|g6e?|p2|p3|p3dn|p4de?|p5e?)\.(?:\d{0,2}x?large|metal)\b(?!\s+(?:(?:ci|build)\s+)?(?:runner|builder)s?\b)|"
     r"\b(?:g4dn|g4ad|g5g|p3dn|p4de?)\s+(?:instance|node)s?\b"),
    # the GPU Operator's driver container, which builds and loads the discrete GPU's driver on a cluster's node (a
    # Jetson's driver comes with L4T, in its BSP)
    (("nvidia-driver-daemonset", "nvidia-driver-ctr"), r"\bnvidia-driver-(?:daemonset|ctr)\b"),
    # a cloud server the commands ran on (an AWS node, an EC2 instance) or a Mac: no Jetson is either
    # (and a cloud's managed batch and training services: AWS Batch, SageMaker, Azure ML, Vertex AI and its notebooks)
    (("aws", "ec2", "macos", "mac os", "os x", "osx", "sagemaker", "azure", "vertex"),
     r"\bAWS\s+(?:Batch|EKS)\b|\bSageMaker\b|\bAzure\s?ML\b|\bVertex(?:\s+AI)?(?:\s+(?:Workbench|notebooks?)|\s+AI\b)|"
     r"\b(?:node|instance|machine|server|vm|host)s?\s+(?:on|in)\s+AWS\b|"
     r"\b(?:on|in)\s+(?:an?\s+|the\s+)?(?:AWS\s+)?EC2\b|\b(?:on|in)\s+(?:an?\s+)?AWS\s+(?:node|instance|machine|server|vm)s?\b|"
     # macOS with its version, as a system's own report gives it ("Macos 10.13.6", "OS X 10.10"), not as a client named in
     # prose
     r"\b(?:mac\s?OS(?:\s?X)?|OS\s?X)\s+v?\d+(?:\.\d+)+\b"),
    # a form's system field that names a Mac ("OS: macOS", "环境：mac"), as data/symptoms.json's mac-no-cuda reads it
    ((": mac", ":mac", "\uff1amac", "\uff1a mac"),
     r"^[ \t]*[-*]?[ \t]*(?:环境|系统|操作系统|os|platform|environment|system)[ \t]*[:：][ \t]*"
     r"(?:mac[ \t]?os(?:[ \t]?x)?|macbook(?:[ \t]+(?:pro|air))?|mac)\b"),
    # a university's or an HPC centre's cluster, said in words: GPU servers (a Jetson cluster names its boards, which outrank
    # it; a cluster said to work names a PC still, where no other machine is named)
    (("cluster", "hpc"),
     r"\b(?:university(?:'s|\u2019s)?|institute(?:'s|\u2019s)?|campus|department(?:'s|\u2019s|al)?|hpc)\s+cluster\b|"
     r"\bhpc\s+(?:systems?|centres?|centers?|teams?|facilit(?:y|ies)|nodes?)\b"),
    # a GPU cloud that rents out servers with discrete GPUs (RunPod's pods, Vast.ai's hosts): no Jetson is one
    (("runpod", "vast.ai", "lambda labs", "lambda cloud", "paperspace", "coreweave", "salad"),
     r"\bRunPod\b|\brunpod\.io\b|\bvast\.ai\b|\bLambda\s+(?:Labs|Cloud)\b|\bPaperspace\b|\bCoreWeave\b|\bSaladCloud\b"),
)
# The field that names the CPU in lscpu (also localised), /proc/cpuinfo, neofetch (after its logo) and issue templates
# (a bullet, bold, a table cell), with the CPU's name right after it: prose in another field stays prose.
_CPU_FIELD = re.compile(r"(?:^\s*|\s\s|\|\s?)(?:[-*>]\s?)?(?:\*\*|__)?(?:model ?name|modellname|processor|cpu)(?:\*\*|__)?"
                        r"\s*[:|]\s*(?:(?:AMD|Intel(?:\(R\))?|\d+\s*x)\s*)?(?=" + _X86_CPUS + "|Core)", re.I)
# Weaker signs of a PC, each outranked by any sign of a Jetson: a cloud instance's default user or host
# name (EC2, Oracle, Azure), a GeForce named by its number alone (a Jetson user may mention the desktop they
# trained on), the toolkit's legacy mode (it picks csv on a Jetson: facts sheet §A.1), an NGC framework image
# (pytorch:24.05-py3, built for x86 and Arm servers; a Jetson's are tagged -igpu), the GPU Operator, and nvidia-smi run as
# a command (the discrete-GPU driver's tool; on JetPack 6 it exists but reports little).
_PC_HINT = cued(
    (("@",), r"^>?\s*\[?(?:ec2-user|opc|azureuser)@[\w.-]+|@ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\b"),
    # a PC maker's product in a host name, as Ubuntu's installer names the machine after it
    # ("ubuntu@ubuntu-Precision-Tower-5810", "me@me-System-Product-Name"); a Jetson's is its own ("nvidia@nvidia-desktop")
    (("@",), r"@[\w.-]*?-(?:Precision-(?:Tower-)?\d{4}|OptiPlex-\d{3,4}|ThinkPad-[\w-]+|ThinkStation-[\w-]+|XPS-\d+|"
             r"Inspiron-\d+|Latitude-\d+|Vostro-\d+|Alienware[\w-]*|Legion-[\w-]+|ROG-[\w-]+|TUF-[\w-]+|HP-Z\d+[\w-]*|"
             r"ProBook-[\w-]+|EliteBook-[\w-]+|ZBook-[\w-]+|System-Product-Name|MS-7[A-Z0-9]{3})\b"),
    # a Windows drive as WSL mounts it ("/mnt/c/Users/me/project"): WSL's, unless the board's own output is beside it
    # (files copied from it to the board)
    (("/mnt/",), r"(?<![\w/])/mnt/[c-h]/(?:Users|Program Files|Windows|ProgramData)/"),
    # a GeForce by its number alone ("3080ti", "NVIDIA 4090", "with my 3050"), as issue templates and prose give it
    # (or a laptop's GeForce by its number and M: "Nvidia 650M")
    (("0ti", "0 ti", "nvidia "), _GEFORCE_BY_NUMBER), (("050", "060", "070", "080", "090"), _GEFORCE_AFTER_MY),
    (("legacy",), r"auto-detected mode as '?legacy"),
    # Unreal Engine's editor and its packaged Linux builds (AirSim, CARLA): built for x86-64 PCs
    (("ue4editor", "ue5editor", "unrealeditor", "linuxnoeditor", "unrealengine/engine"),
     r"\bUE[45]Editor\b|\bUnrealEditor\b|\bLinuxNoEditor\b|\bUnrealEngine/Engine/Binaries/Linux\b"),
    # NVIDIA's GPU Operator, which supports no Jetson (gpu-operator#1453): a cluster of PCs or servers runs it; and DCGM,
    # NVIDIA's data-centre GPU manager, with its exporter and host engine (a PC's sign by assumption, not by a source:
    # DCGM is built for data-centre GPUs, and no report here shows it on a Jetson)
    (("operator",), r"\bgpu[- ]operator\b"),
    # (and the CDI kind management.nvidia.com/gpu, which the GPU Operator's toolkit generates for its own management
    # containers: a sign by assumption, as the Operator's)
    (("management.nvidia.com",), r"\bmanagement\.nvidia\.com/gpu\b"),
    # (and Fabric Manager, which runs the NVSwitch fabric of HGX and DGX servers)
    (("dcgm", "nv-hostengine", "fabricmanager", "fabric manager", "fabric-manager"),
     r"\bdcgm(?:[- ]exporter)?\b|\bnv-hostengine\b|\b(?:nv-|nvidia-)?fabric[- ]?manager\b"),
    # the desktop driver's own programs (notebooks' Dynamic Boost daemon, DLSS's updater, the X configurator, the debug
    # dump and the bug-report script; L4T ships nvidia-bug-report-tegra.sh instead)
    (("nvidia-powerd", "nvidia-ngx-updater", "nvidia-xconfig", "nvidia-debugdump", "nvidia-bug-report.sh"),
     r"\bnvidia-(?:powerd|ngx-updater|xconfig|debugdump)\b|\bnvidia-bug-report\.sh\b"),
    # NixOS set up with NVIDIA's discrete driver (its X server's "nvidia" driver, the hardware.nvidia options, the
    # nvidia-x11 package in the store): a Jetson's NixOS port configures hardware.nvidia-jetpack instead, though a
    # configuration carried over from a PC may keep the old lines, so any sign of a Jetson outranks them
    # (and its container options: hardware.nvidia-container-toolkit, the older virtualisation.docker.enableNvidia)
    (("videodrivers", "hardware.nvidia", "nvidia-x11-", "enablenvidia"),
     r"\bvideoDrivers\s*=\s*\[[^\]\n]*\"nvidia\"|\bhardware\.nvidia(?:-container-toolkit)?(?:\.\w+|\s*=\s*\{)|"
     r"\bnvidia-x11-\d{3}\.\d+|\bvirtualisation\.(?:docker|podman)\.enableNvidia\b"),
    # the product name a desktop board's firmware leaves unset, which Ubuntu's installer puts in the host name
    (("system-product-name", "system product name"),
     r"(?<![\w.-])[\w.-]{0,64}-System-Product-Name\b|\bProduct Name:[ \t]*System Product Name\b"),
    # an NVIDIA "graphics card" or "video card" ("a graphics card from NVIDIA"): a discrete card's words (a Jetson's GPU
    # is part of its module; a sign by assumption, so any sign of a Jetson outranks it)
    (("graphic card", "graphics card", "video card"),
     r"\bnvidia\s+(?:graphics?|video)\s+cards?\b|\b(?:graphics?|video)\s+cards?\s+(?:from|by|made\s+by)\s+nvidia\b"),
    # an HPC cluster's environment modules (Lmod's `module load nvhpc/23.7`): GPU servers' tooling, which no Jetson image
    # ships (a sign by assumption, not by a source, so any sign of a Jetson outranks it)
    # (and Lmod's short form, `ml load CUDA/12.0.0`, and the paths EasyBuild installs the modules' software under)
    (("module load", "module add", "ml load", "ml add", "/easybuild/"),
     r"(?:^|[$>]\s*)(?:module|(?-i:ml))\s+(?:load|add)\s+[\w./-]+|/easybuild/software/"),
    # the L20 and H20 data-centre cards, only as NVIDIA's or a GPU (a camera, a source line, a formula share the names)
    # (or as a form's GPU field: "gpu: H20")
    (("l20", "h20"), r"\bNVIDIA\s+[LH]20\b|(?<![-\w#.])(?-i:[LH]20)\s+(?:GPUs?|cards?|nodes?|servers?)\b|"
                     r"^[ \t]*[-*]?[ \t]*gpus?[ \t]*[:=][ \t]*(?:\d\s*[x\u00d7]\s*)?(?-i:[LH]20)\b"),
    # a GeForce by its number as a GPU or counted ("3090 GPU", "two 3090s", "2x 4090"): a desktop card's number (a sign by
    # assumption, outranked by any Jetson sign: the card is often the machine a model was trained on)
    (("050", "060", "070", "080", "090"),
     r"(?<![\w.-])(?:RTX\s*)?[2-5]0[5-9]0(?:\s?Ti)?\s+(?:GPUs?|cards?)\b|"
     r"\b(?:two|three|four|six|eight|[2-8]\s?[x\u00d7]?)\s+(?:RTX\s*)?[2-5]0[5-9]0(?:\s?Ti)?s?\b(?!\s*(?:MHz|[MG]i?B|W\b))"),
    # a PyTorch 1.x build for a CUDA release ("1.8.0+cu111", torchvision's "0.9.0+cu111", a wheel index's "torch-1.8.0+cu111"):
    # PyTorch's index published such CUDA builds for x86-64 Linux and Windows only, and a Jetson's wheels (NVIDIA's, built
    # for the L4T release) carry no +cu tag; and the pytorch conda channel's CUDA builds ("py3.9_cuda11.3_cudnn8.3.2_0"),
    # which it published for the same two systems only
    (("+cu",), r"(?<![\w.])(?:1\.\d{1,2}\.\d{1,2}|0\.(?:[1-9]|1[0-5])\.\d{1,2})\+cu\d{2,3}\b"),
    (("_cuda",), r"\bpy3\.?\d{1,2}_cuda\d{1,2}\.\d_cudnn\d"),
    # LXD's nvidia.runtime key, the legacy hook's: LXD passes a Jetson's iGPU as a CDI device instead (canonical/lxd#13562)
    (("nvidia.runtime",), r"\bnvidia\.runtime\b"),
    # a cluster's batch scheduler asked for GPUs (Slurm's srun and sbatch, the options within a bounded stretch of the
    # line) and NVIDIA's containers for it (enroot, pyxis's --container-image): the tools of GPU servers
    # (and a job's epilog, the script a cluster's scheduler runs on a compute node after each job to check its GPUs)
    (("srun", "sbatch", "enroot", "pyxis", "--container-image", "epilog"),
     r"\b(?:srun|sbatch)\b[^\n]{0,200}?--(?:gpus|gres)\b|#SBATCH\s+--(?:gpus|gres)\b|\benroot\s+(?:start|create|import)\b|"
     r"\bpyxis\b|--container-image[= ]|(?<![\w.])epilog(?:\.d)?\b(?!\s*=)"),
    # more than one GPU in a machine (a Jetson has one, integrated), said, counted, or a node's GPU resource; often
    # another machine than the failing one ("it trains on our server with 4 GPUs"), so any Jetson sign outranks it
    (("gpu",), r"\b(?:multiple|several|many)\s+(?:nvidia\s+)?gpus\b|\bmulti-?gpu\b|"
               r"\b(?:[2-9]|1[0-6])\s?x?\s+(?:nvidia\s+)?gpu(?:s\b|\(s\))|\bnvidia\.com/gpu:\s*\"?(?:[2-9]|[1-9]\d)\b\"?"),
    # Ubuntu's and Debian's packages of NVIDIA's discrete driver (nvidia-driver-580, -535-server, -open) shown installed
    # (dpkg's list, "installed by ...", apt's "already the newest version"): L4T installs its own nvidia-l4t-* packages
    # instead. A request alone names no machine (Jetson users try it too). A sign by assumption: any Jetson sign outranks it.
    (("nvidia-driver-",), r"(?:^\s*ii\s+|\binstalled\b[^\n]{0,40}?)nvidia-driver-\d{3}(?:-(?:open|server|server-open))?\b|"
                          r"\bnvidia-driver-\d{3}\S*\s+is\s+already\s+the\s+newest\b"),
)
# An image built for PCs only: an NGC framework image but for its `-igpu` builds (the ones for a Jetson), and PyTorch's
# own images on Docker Hub (amd64 only: pytorch/pytorch#145716, 2025). It names a PC only where the paste does not
# show it could not run here ("exec format error": an x86 image on a Jetson).
# (NVIDIA's CUDA images, nvidia/cuda:12.2.0-base-ubuntu22.04, are built for PCs and servers: a Jetson runs L4T's; so are
# RAPIDS's, rapidsai/base:25.04-cuda12.8-py3.12, whose install guide lists x86_64 and arm64 servers, no Jetson, and AWS's
# Deep Learning Containers for GPUs, 763104351884.dkr.ecr.<region>.amazonaws.com/pytorch-training:...-gpu-..., built for
# its EC2 instances)
_PC_IMAGE = re.compile(r"\b(?:pytorch|tensorflow|tritonserver|mxnet|paddlepaddle|jax|pyg):\d\d\.\d\d-(?:tf[12]-)?py3\b(?!-igpu)|"
                       r"\bpytorch/pytorch:[\w.-]+|\bnvidia/cuda:\d+\.\d+(?:\.\d+)?-(?:base|runtime|devel|cudnn)[\w.-]*|"
                       r"\brapidsai/(?:rapidsai|base|notebooks)(?:-core|-dev|-nightly)?:[\w.-]+|"
                       r"\b\d{12}\.dkr\.ecr\.[\w${}.-]+\.amazonaws\.com/[\w-]+:[\w.-]*-gpu-[\w.-]*", re.I)
_PC_IMAGE_CUES = ("-py3", "pytorch/pytorch:", "nvidia/cuda:", "rapidsai/", ".dkr.ecr.")  # (one of them in each of its parts)
_SMI_COMMAND = re.compile(r"(?:^|[$#]\s+|\s)nvidia-smi(?=\s|$)")
# A tool the shell could not find is no sign of the system it was looked for on (a Jetson before JetPack 6 has no nvidia-smi).
_NOT_INSTALLED = re.compile(r"command not found|\bstatus 127\b|no such file or directory|\bwhich: no\b|"
                            r"\bin (?:your|the) \$?path\b|\bnot found\b|"
                            # (in words: "failing to find nvidia-smi", "nvidia-smi is missing in the image")
                            r"\b(?:fail(?:s|ed|ing)?\s+to|cannot|can't|could\s+not|couldn't|unable\s+to)\s+find\b|"
                            r"\b(?:is|are|was|were)\s+(?:missing|absent|not\s+installed)\b", re.I)
# A tool saying it checks for a platform (libnvidia-container logs its WSL check on every host, ollama its AMD one,
# JAX each backend it was built with, PyTorch's extension builder ROCm): no sign of it.
_PLATFORM_PROBE = re.compile(r"\bload dxcore\b|\b(?:amdgpu|rocm)\b[^\n]{0,40}?\bnot (?:detected|found)\b|"
                             r"\bno rocm runtime is found\b|\b(?:unable to|failed to|could not|couldn't|cannot)\s+"
                             r"(?:initiali[sz]e|load|start)\s+(?:the\s+)?(?:(?:backend|platform|plugin)\W{1,4}rocm\b|"
                             r"rocm\s+(?:backend|platform|plugin)\b)", re.I)
# Arm words, and a Tegra GPU's own names under mainline Linux: its chip (gk20a ... ga10b) or its platform device's
# address (57000000.gpu; a PC's GPU sits on the PCI bus, 0000:01:00.0).
_ARM_WORDS = re.compile(r"arm-linux|aarch64|arm64|armhf|armv7|(?<!in)tegra|\bg(?:k20a|m20b|p10b|v11b|a10b)\b|"
                        r"\b[0-9a-f]{8}\.gpu\b", re.I)
# A file built for another machine names that machine's architecture, not this one's; so does a line that holds only a
# package's platform classifier (the builds a Maven or JavaCPP dependency pulled: "linux-x86_64-redist", "windows-x86_64").
_FOREIGN_ARTIFACT = re.compile(r"not a supported wheel|exec format error|cannot execute binary|wrong elf class|"
                               r"no matching manifest|\belf \d\d-bit [lm]sb\b|"  # (`file`'s answer: the file's machine)
                               r"^\s*(?:linux|windows|macosx|android)[-_](?:x86(?:[-_]64)?|ppc64le|arm64|aarch64|armhf)"
                               r"(?:[-_]\w+)?\s*$", re.I)
# The engine's warning names the image's platform and the host's: only the host's says which system this is.
_HOST_PLATFORM = re.compile(r"does not match the detected host platform \(linux/(amd64|x86_64|arm64|aarch64)", re.I)
# (and the NVIDIA driver's /proc entry, there too: on a PC and, with JetPack 7's OpenRM driver, on a Thor)
_DGPU_NODE = re.compile(r"/dev/nvidia(?:\d+|ctl|-uvm|-modeset)\b|\bnvidia\d+\b|"
                        r"/proc/driver/nvidia\b(?![\w/.]{0,64}['\"]?:?\s*(?:does not exist|no such file))")
# Mesa's EGL loader speaking, which any machine's container may carry: among the PC's words, read as a hint (_MESA_LOADER).
_MESA_LOADER_WORDS = r"\blibEGL warning:|\bMESA-LOADER\b(?![^\n]*\baarch64)"
# A discrete-GPU driver or a non-NVIDIA GPU stack named in the text (AMD's HIP and ROCm, Intel's OpenVINO GPU plugin,
# VA-API, which no Jetson has): the x86 / PC reading, not the Jetson one.
_PC_STACK = cued(
    (("nvidia-linux-x86", "/firmware/nvidia/", "nvidia-driver-", "nvidia-dkms-", "nvidia-kernel-source-", "nvidia-utils-"),
     r"NVIDIA-Linux-x86|/firmware/nvidia/\d{3}\.|\bnvidia-(?:driver|dkms|kernel-source|utils)-\d{3}\b"),
    (("libegl warning:", "mesa-loader", "radeonsi", "amdgpu", "rocm", "intel_gpu_top", "radeontop", "i915", "nouveau"),
     _MESA_LOADER_WORDS + r"|\bradeonsi\b|\bamdgpu(?:_\w+)?\b|\brocminfo\b|\brocm-smi\b|"
     r"\bintel_gpu_top\b|\bradeontop\b|\bi915\b|\bnouveau\b"),
    (("linux-x86_64", "win_amd64", "cuda-drivers-", "hip", "openvino", "cldnn", "intel64", "vaapi", "va-api", "vainfo"),
     r"\blinux-x86_64\b|\bwin_amd64\b|\bcuda-drivers-\d{3}|\bhip error\b|\bhipErr\w+|\bopenvino\b|"
     r"\bcldnn\b|\bintel64\b|\bva-?api\b|\bvainfo\b"),
    # AMD's GPU runtime and libraries beyond the tools named above: HSA's errors, rocBLAS and its Tensile, hipBLAS, MIOpen;
    # and PyTorch's extension builder translating CUDA sources to HIP, which it does only in a ROCm build ("hipified")
    (("tensile", "rocblas", "hipblas", "miopen", "hsa", "hipified"),
     r"\bTensile host\b|\brocblas\w*|\bhipblas\w*|\bmiopen\b|\bHSA_STATUS_\w+|\bhsa api call failure\b|\bhipified\b"),
    # Intel's GPU compute stack: oneAPI's SYCL and Level Zero, the extension for PyTorch and its xpu device (by its
    # module's name or path, or its "No XPU devices")
    (("sycl", "level_zero", "intel_extension_for_pytorch", "xpu", "ipex-llm"),
     r"\bsycl-ls\b|\[level_zero:gpu\]|\bintel_extension_for_pytorch\b|\btorch[./]xpu\b|\bno\s+xpu\s+devices?\b|"
     r"\bipex-llm\b|\bggml[_-]sycl\b"),
    # CUDA's libraries as macOS names them (libcudart.7.5.dylib): CUDA ran on Macs up to 10.2, on Intel Macs with
    # NVIDIA cards, x86 machines with a discrete GPU
    ((".dylib",),
     r"\blib(?:cuda|cudart|cublas\w*|cudnn|cufft|curand|cusparse|cusolver|nvrtc|npp\w*|nvToolsExt)(?:\.\d+)*\.dylib\b"),
)
# Software a PC's graphics stack has and L4T does not, but which names no machine: the desktop driver's module options
# and loader (a Jetson Thor's OpenRM driver has /dev/nvidia* too), VDPAU video decoding (mainline Linux on a Tegra has it
# as well, through libvdpau-tegra), a libcuda named by a driver branch (libcuda.so.535.104.05; a Jetson's is
# libcuda.so.1.1 up to JetPack 6, and Thor's newer stack may name a branch too), the desktop driver's video-codec API
# (NVENC and NVDEC through the Video Codec SDK, ffmpeg's *_nvenc and *_cuvid; JetPack's encoders are reached through V4L2
# and the Multimedia API, and Thor's stack may bring the SDK). A weak sign of a PC, outranked by any sign of a Jetson.
# (a driver library named with a desktop driver's version, "libnvidia-fatbinaryloader.so.387.26",
# "libEGL_nvidia.so.550.54.14": a Jetson's carry 440.18 on JetPack 4 and the 540 branch on JetPack 6, and Thor's OpenRM
# driver reports 580.00, see DESKTOP_BRANCH)
# (Multi-Instance GPU, MIG, by its settings or its Kubernetes resources: a data-centre card's partitioning; weak, as
# Thor's GPU may offer it too)
# (CUDA's libraries as NVIDIA's pip wheels, nvidia-nccl-cu12: built for x86_64 and arm64 servers, never for a Jetson
# before Thor, whose server stack may use them: weak)
_PC_SOFTWARE = re.compile(r"\bNVreg_\w+|\bnvidia-modprobe\b|\bvdpau\w*|\blibcuda\.so\.[2-9]\d\d\.\d+|"
                          r"\blib(?:nvidia-[\w-]{1,40}|\w{1,16}_nvidia)\.so\.(?!440\.18\b|5[48]\d\.)[2-9]\d\d\.\d+|"
                          r"\bnvEncOpenEncodeSessionEx\b|\b(?:h264|hevc|av1|mpeg2|vp9)_(?:nvenc|cuvid)\b|"
                          r"\blib(?:nvidia-encode|nvcuvid)\.so\b|"
                          r"\bmig[-_ ](?:enabled|strategy|mode|devices?|instances?|slices?|profiles?)\b"
                          r"(?![\s=:\"']*(?:none|disabled?|off)\b)|"
                          r"\bnvidia\.com/mig-\d|"
                          r"\bnvidia-(?:cublas|cudnn|nccl|cuda-runtime|cuda-nvrtc|cusparse|cufft|curand|cusolver|nvjitlink)-cu1[1-3]\b|"
                          # Omniverse Kit's own plugins (Isaac Sim's renderer), built for RTX workstations and servers
                          r"\bcarb\.graphics-vulkan\b|\bomni\.gpu_foundation\w*|"
                          # a Slurm job's script or request, a cluster's (a Jetson cluster can run Slurm too: a hint)
                          r"(?<![\w#])#SBATCH\b|\b(?:sbatch|srun|salloc)(?=\s+-)|--gres[= ]gpu\b",
                          re.I)
# ffmpeg's list of the codecs its build holds (`ffmpeg -encoders`: "V....D h264_nvenc  NVIDIA NVENC H.264 encoder"):
# what the build can use, not what the machine has.
_CODEC_LISTED = re.compile(r"^\s*[VAS][.FSXBD]{5}\s+\w+\s")
# The words a line needs before the PC patterns are tried: every part's own cue words, and _PC_SOFTWARE's.
_PC_WORDS = tuple(dict.fromkeys([word for parts in (_X86, _PC_STACK, _PC_PROSE) for words, _ in parts for word in words]
                                + ["vdpau", "nvidia-modprobe", "libcuda.so.", "nvencopenencodesessionex", "_nvenc",
                                   "_cuvid", "libnvidia-encode.so", "libnvcuvid.so", "mig", "carb.graphics-vulkan",
                                   "omni.gpu_foundation", "sbatch", "srun", "salloc", "--gres"]))
# L4T as tools print it when /etc/nv_tegra_release itself was not pasted: jetson-containers
# (L4T_VERSION=36.4.0), jetson-inference (L4T R35.4.1), jetson_release ([L4T 35.1.0]), jtop (JETSON_L4T=35.2.1), and
# people in prose ("I am on L4T (32.7.2)").
_L4T_MENTION = re.compile(r"(?:\b|_)L4T(?:[_ ]VERSION)?[\s=:\[(\"']*R?(\d{2}\.\d{1,2}(?:\.\d{1,2})?)\b", re.I)
# An L4T release by its own name, R and three numbers ("AGX Orin (R36.4.0)"), upper case and standing alone: an image
# tag (l4t-pytorch:r36.4.0) names the image's release, not the machine's.
_RELEASE_NAMED = re.compile(r"(?<![\w:./-])R(2[89]|3\d)\.(\d{1,2})\.(\d{1,2})(?![\w.-])")
# JetPack as a tool states it (jetson-containers, jetson_release, jetson_stats' environment); kept
# apart from the tables' reading of the L4T release, since the two can disagree.
_JETPACK_STATED = re.compile(r"\b(?:JETPACK_VERSION|JETSON_JETPACK)=[\"']?(\d+(?:\.\d+)*)|"
                             r"\bJetpack\s+(\d+(?:\.\d+)*(?: GA| DP)?)\s*\[L4T|"
                             # the meta-package as dpkg -l lists it: "ii  nvidia-jetpack  6.1+b123  arm64"
                             r"\bnvidia-jetpack(?::arm64)?\s+(\d+\.\d+(?:\.\d+)?)\+b\d+",
                             re.I)
# A JetPack release named in words, by its major ("Jetpack 5", "JetPack 6.0", "JP5.1.2"; not the wheel index's jp/v51).
_JETPACK_NAMED = re.compile(r"\b(?:jetpack|jp)[ _-]?([4-7])(?:\.\d{1,2}){0,2}\b", re.I)
_GROUPS_COMMAND = re.compile(r"^(?:groups|id\s+-(?:nG|Gn))(?:\s+[\w.-]+)?$")
# A query that picks some lines of /etc/group (`getent group render`, `grep video /etc/group`): a group it does not show
# may still be in the file.
_GROUP_QUERY = re.compile(r"\bgetent\s+group\s+[\w-]|\b[ef]?grep\b[^\n]*\s/etc/group\b|/etc/group\s*\|\s*[ef]?grep\b")
# getfacl: "# file: dev/dri/renderD128", then "user:gdm:rw-" (a seat's user, given by logind's uaccess).
_ACL_FILE = re.compile(r"^(?:#\s*)?file:\s*/?(dev/\S+)")
_ACL_USER = re.compile(r"^user:([\w.-]+):([rwx-]{3})")
# `stat` in its default form: "File: /dev/nvmap", then "Access: (0660/crw-rw----)  Uid: (0/root)  Gid: (44/video)".
_STAT_FILE = re.compile(r"^File:\s+['\"‘]?(/dev/[^'\"’\s]+)")
_STAT_ACCESS = re.compile(r"^Access:\s+\((\d{3,4})/[^)]*\)\s+Uid:\s+\(\s*(\d{1,10})/\s*([^)\s]*)\)\s+"
                          r"Gid:\s+\(\s*(\d{1,10})/\s*([^)\s]*)\)")
# How a session got its user: paths that rebuild supplementary groups from /etc/group (facts sheet §A.3).
# a command a container engine (or its compose) runs
_ENGINE_RUNS = r"(?:[$#]\s+)?(?:sudo\s+)?(?:docker|podman|nerdctl)(?:[\s-]compose)?\s+(?:exec|run)\s"
_ENGINE_COMMAND = re.compile(_ENGINE_RUNS)


def _tool(row: Dict[str, Any]) -> str:
    """The command word of a privilege_drops.json row's command (``su-exec`` of ``su-exec\\s+...``)."""
    return re.split(r"[^\w-]", row["command"], maxsplit=1)[0]


def _command_rows(*groups: str) -> List[Dict[str, Any]]:
    """The rows of data/privilege_drops.json that a shell command names and whose switch leaves ``groups``."""
    return [row for row in data.load("privilege_drops")["paths"] if row["command"] and row["groups"] in groups]


@functools.lru_cache(maxsize=None)
def switch_commands(*groups: str) -> str:
    """The commands that switch to a user and leave ``groups`` ("rebuilds", "one-group": the runtime-only GIDs are
    lost; "keeps"), as one alternation of data/privilege_drops.json's rows (each with its source). Read on first use:
    no module parses a table when it is imported."""
    return "|".join(row["command"] for row in _command_rows(*groups))


def switches_to_root(command: str) -> bool:
    """Whether a user switch's command runs as root (`sudo -i`, `su -c CMD`, `sudo -u root ...`, `runuser -u 0 -- ...`,
    `ssh root@host`), which no group stops: such a session loses no GPU access, whatever groups it rebuilds. The switch
    is the first of data/privilege_drops.json's tools (or ssh) in the command, past a `sudo` that names no user."""
    found = [w for w in shell.words(command) if not isinstance(w, shell.Operator)]
    tools = {_tool(row) for row in _command_rows(*ANY_GROUPS)} | {"ssh"}
    at = next((at for at, word in enumerate(found) if posixpath.basename(word) in tools), None)
    if at is None:
        return False
    switch = found[at:]
    for _ in range(shell.MAX_SUDO_NESTING):  # sudo to root runs its command as root, or the switch it names
        if posixpath.basename(switch[0]) != "sudo":
            break
        user, switch = shell.sudo_parts(switch)
        if not shell.is_root(user):
            return False
        if not switch or posixpath.basename(switch[0]) not in tools:
            return True
    return shell.is_root(shell.target(switch))


@functools.lru_cache(maxsize=1)
def _login_words() -> Tuple[str, ...]:
    """Cue words before the login patterns are tried: each switching tool as a command word, the SSH words, a banner."""
    return tuple(sorted({_tool(row) + gap for row in _command_rows(*ANY_GROUPS) for gap in " \t"})) + (
        "ssh", "user", "last login", "welcome to")


@functools.lru_cache(maxsize=1)
def _login_path() -> Pattern[str]:
    """A login or privilege drop at the command's start or after another command on its line (`&&`, `;`), also as a
    shell's `set -x` trace shows it ("+ exec gosu app ..."), and as the command a container engine runs ("docker exec
    dev su - dev -c ..."); a supervisord `user=`, an SSH daemon's or a login's banner."""
    return re.compile(r"^(?:\+\s+)?(?:" + _ENGINE_RUNS + r"[^\n]*?\s['\"]?|[$#]\s+)?"  # bash -c 'su - user ...
                      r"(?:exec\s+)?(?:sudo\s+)?(?:ssh\s+\S+|" + switch_commands(*LOSING_GROUPS) + r")|"
                      # ... or after another command on the line: "useradd -m dev && su dev"
                      r"(?:&&|;|\|\|)\s*(?:exec\s+)?(?:sudo\s+)?(?:" + switch_commands(*LOSING_GROUPS) + r")|"
                      r"^\s*user\s*=\s*\S+\s*$|\bsshd\[\d+\]: Accepted|^Last login:|^Welcome to Ubuntu", re.I)


_TOOLKIT = re.compile(r"(?:nvidia-container-toolkit(?:-base)?|libnvidia-container-tools|libnvidia-container1|"
                      r"NVIDIA Container (?:Toolkit|Runtime)(?: CLI)?(?: version)?|nvidia-ctk version|cli-version:|"
                      # "toolkit upgraded to 1.18.2" (CUDA's toolkit is no container's, and its versions are 10 and up)
                      r"(?<!cuda )(?<!cuda-)\btoolkit\s+(?:was\s+|got\s+)?(?:upgraded|updated|downgraded|installed|pinned))"
                      # dpkg's "Setting up nvidia-container-toolkit (1.17.0-1)", apt list's "…-toolkit/stable,now 1.17.0-1"
                      r"(?:/[\w,.-]+)?[\s:=_(]*"
                      # in prose: "to 1.19.0", "from 1.16.2 to 1.18.2" (the one it went to; "de ... vers", "von ... auf"),
                      # "en 1.18.2", "version 1.17.8"
                      r"(?:(?:(?:from|de|von|da)\s+v?\d\.\d{1,2}\.\d{1,2}\S*\s+)?(?:to|en|auf|zu|a|vers|version|is(?:\s+now)?)\s+)?v?"
                      r"(\d\.\d{1,2}\.\d{1,2}(?:-rc\.?\d)?)", re.I)
# A later move of the version named on the same line: "then apt upgraded it to 1.18.2", "now on 1.19.0".
_TOOLKIT_MOVED = re.compile(r"\b(?:upgraded|updated|downgraded|moved|bumped|went|switched|pinned)\b[^\n.;]{0,30}?\bto\s+v?"
                            r"(\d\.\d{1,2}\.\d{1,2}(?:-rc\.?\d)?)\b|\bnow\s+(?:on|at|running)\s+v?(\d\.\d{1,2}\.\d{1,2})\b", re.I)
# ... or an arrow from the version just named: "1.16.2 -> 1.19.0", "1.16.2 → 1.19.0" (a package's "-1" suffix between),
# unless the line says the move is only planned ("1.19.1 -> 1.16.2 rollback is our plan B").
_TOOLKIT_ARROW = re.compile(r"\S{0,12}?\s*(?:->|=>|\u2192)\s*v?(\d\.\d{1,2}\.\d{1,2}(?:-rc\.?\d)?)\b"
                            r"(?![^\n.;]{0,40}?\b(?:plan(?:s|ned)?|scheduled|would|will|could|should|might|maybe|"
                            r"considering|next\s+week|tomorrow|later)\b)", re.I)
# Prose and inline code that name a launch by numbers (--user $(id -u):$(id -g), gosu user:group; not root's 0:0), the
# path a session came through (over ssh, using su), or that the paste ran in a container.
_NUMERIC_USER_WORDS = re.compile(r"(?:--user|(?<![\w-])-u)[= ]\s*['\"]?(?:(?!0\b)\d{1,10}|\$\{?UID\}?)['\"]?:['\"]?(?:\d{1,10}|"
                                 r"\$\{?GID\}?)|\bid -u\b[^\n]{0,120}\bid -g\b|\bgosu\s+[\w$.{}-]+:[\w$.{}-]+|"
                                 r"\buser:\s*['\"]?(?!0\b)\d{1,10}:\d{1,10}\b|"  # (a compose `user:` quoted in prose)
                                 # a script that starts the container as the host user's uid ("takes UID from host")
                                 r"\b(?:takes?|uses?|passes|pass|gets?)\s+(?:the\s+)?(?:uid|user id)\s+(?:from|of)\s+"
                                 r"(?:the\s+)?host\b", re.I)
_SESSION_WORDS = re.compile(r"\b(?:using|via|through|over|with|after|from|running|into|by|when i)\s+[`'\"]?(?:su|sudo|gosu|su-exec|"
                            r"runuser|ssh|sshd)\b(?!\s+(?:docker|podman|nerdctl)\b)|\bssh(?:-ing|ing)? into\b", re.I)
_CONTAINER_WORDS = re.compile(r"\b(?:in|inside|within|from|run(?:ning)?)\s+(?:the |a |my |this )?(?:docker |podman )?"
                              r"(?:container|docker image)\b|\b(?:inside|within)\s+(?:a\s+|the\s+)?(?:docker|podman)\b"
                              r"(?!\s+(?:group|daemon|hub|desktop|compose|socket))|"
                              r"\buses:\s*['\"]?docker://", re.I)  # (a GitHub Actions step run in an image)
# A cross-build: the container it ran in is the build machine's ("crosscompiled it in a Docker container on an x64
# host"), not where the program runs.
CROSS_BUILD = re.compile(r"\bcross[- ]?compil\w*|\bcross[- ]?buil[dt]\w*", re.I)
# A shell, an `id` or a launch that shows the process ran as root: root opens every node, so a failure there is no
# group denial.
_ROOT_SESSION = re.compile(r"^root@[\w.-]+:[^\n]{0,200}?#|\buid=0\(|^\s*User=0(?::0)?\s*$|"
                           r"(?:--user|(?<![\w-])-u)[= ]\s*['\"]?(?:0|root)(?::0|:root)?['\"]?(?!\S)", re.I)
# Prose that the failing process was root: "even as root I get", "the same error with sudo", "same with sudo", "also
# fails as root", "fails as root too", "root gets exactly this too", "I start it as root and the error is the same". Root
# or sudo must end the phrase, not run another command ("with sudo docker run" is the engine's client; "with sudo
# usermod" a fix).
_ROOT_WORD = (r"(?:the\s+)?(?:root|sudo)\b(?=\s*(?:$|[,.;:!?)]|(?:too|also|as\s+well|either|user|account|i|it|we|and|but|"
              r"or|the|this|that|in|inside|on|within|via|over|is|gets?)\b))")
_ROOT_FAILS_SAID = re.compile(r"\beven\s+(?:as|with|under|when\s+(?:run(?:ning)?\s+)?as)\s+" + _ROOT_WORD + r"|"
                              r"\bsame\s+(?:error|result|failure|problem|thing|message)\s+(?:as|with|for|under)\s+"
                              + _ROOT_WORD + r"|"
                              # (bare, only as a sentence of its own: not "nvpmodel fails - same with sudo", "not sure
                              # whether it's the same with sudo")
                              r"(?:^|[.!;]\s+)(?:it'?s\s+|it\s+is\s+)?(?:the\s+)?same\s+(?:as|with|under)\s+" + _ROOT_WORD + r"|"
                              r"\b(?:also|too)\s+(?:fails?|failing|happens?)\s+(?:as|with|for|under)\s+" + _ROOT_WORD + r"|"
                              r"\b(?:fails?|failing|happens?)\s+(?:as|with|for|under)\s+" + _ROOT_WORD +
                              r"\s+(?:too|also|as\s+well)\b|"
                              r"\broot\s+(?:gets|sees|has)\s+(?:exactly\s+)?(?:this|that|it|the\s+same)\b|"
                              r"\bas\s+root\b[^.;!?]{0,30}\b(?:error|result|output)\s+is\s+the\s+same\b", re.I)
# What makes such a sentence another's claim: root's run works ("works even as root"), or it is asked.
_ROOT_WORKS_SAID = re.compile(r"\b(?:works?|worked|fine|succeed(?:s|ed)?|passe[sd]|true)\b|\?", re.I)


def _root_fails_said(line: str) -> bool:
    said = _ROOT_FAILS_SAID.search(line)
    if said is None:
        return False
    begin, end = sentence_span(line, said.start(), said.end())
    return not _ROOT_WORKS_SAID.search(line[begin:end])


@functools.lru_cache(maxsize=1)
def _container_login() -> Pattern[str]:
    """A user switch inside the container said in prose or a Dockerfile: an SSH login into the container (or into "it",
    beside the container's sshd), an
    entrypoint's `exec gosu app` or `exec su - worker`, an ENTRYPOINT or CMD (shell form, or exec form read as its
    words) that starts with a switch whose data/privilege_drops.json row loses the runtime GIDs. Each loses them (fact
    sheet A.3); an SSH login into the host does not reach the container, and a Dockerfile's comment runs nothing."""
    return re.compile(r"\bssh(?:-?ing|ed)?\s+(?:in)?to\s+(?:the\s+|my\s+|a\s+|each\s+)?containers?\b(?!\s+host)|"
                      # "the container runs sshd; I ssh in as dev", "sshd inside; I ssh into it"
                      r"(?:\bcontainers?\b[^\n]{0,40}?\bsshd\b|\bsshd\s+(?:inside|in\s+(?:the\s+)?container)\b)[^\n]{0,120}?"
                      r"\bssh(?:-?ing|ed)?\s+in(?:to\s+it)?\b|"
                      r"\bexec\s+(?:" + switch_commands(*LOSING_GROUPS) + r")|"
                      # "the entrypoint switches to admin with gosu": an entrypoint's switch said in words
                      r"\bentry[ -]?point(?:\.sh)?\b(?![^\n.;]{0,100}?(?:\bnot\b|n't\b|\bnever\b|\bno\s+longer\b|\bwithout\b))"
                      r"[^\n.;]{0,60}?\b(?:switch\w*|drops?|changes?|execs?|runs?)\b[^\n.;]{0,40}?"
                      r"\b(?:with|via|using|through)\s+[`'\"]?(?:gosu|su-exec|setpriv|runuser|s6-setuidgid|chpst|su|sudo)\b|"
                      r"\bsupervisord?\b[^\n]{0,60}?\buser\s*=\s*\w|\b(?:inside|in)\s+the\s+container\b[^\n]{0,40}?\bsudo\s+-u\s+\S+|"
                      r"(?<!#)(?<!#\s)\b(?:ENTRYPOINT|CMD)\s+(?:exec\s+)?(?:[\w/.-]*/)?(?:" + switch_commands(*LOSING_GROUPS)
                      + r")", re.I)


_EXEC_FORM = re.compile(r"\b((?:ENTRYPOINT|CMD)\s*)\[([^\]\n]{0,2000})\]")


def _exec_form_as_words(line: str) -> str:
    """A Dockerfile's exec-form ENTRYPOINT or CMD (`CMD ["sudo", "-u", "app", "x"]`) as the shell words it runs (`CMD
    sudo -u app x`), so that a switch's own command (data/privilege_drops.json) reads it."""
    def words(form: Match[str]) -> str:
        try:
            parts = json.loads("[" + form.group(2) + "]")
        except ValueError:
            return form.group(0)
        return form.group(1).rstrip() + " " + " ".join(str(p) for p in parts)
    return _EXEC_FORM.sub(words, line) if "[" in line else line


def _user_switch_in_container(raw: str) -> bool:
    """A user switch inside the container said in a sentence or a Dockerfile (_container_login) that runs as a user, not
    as root (`su -c`, `sudo -u root`)."""
    line = _exec_form_as_words(raw)
    said = _asserted_match(_container_login(), line)
    return said is not None and not switches_to_root(line[said.start():])


# `docker info` naming another default runtime than NVIDIA's (the engine's own word outranks its config file).
_OTHER_DEFAULT = re.compile(r"\bdefault runtime:\s*(?!nvidia\b)[\w-]+", re.I)
# NVIDIA's runtime as Docker's default: daemon.json's key, `docker info`, dockerd's flag, `nvidia-ctk runtime configure
# --set-as-default`, or said in words ("nvidia-docker2 is installed and set as the default runtime", "I changed the
# default runtime to nvidia", "I made nvidia the default runtime").
_RUNTIME_NAME = r"[\"'`\u201c]?nvidia(?:-docker2?|-container-runtime)?[\"'`\u201d]?(?:\s+(?:container\s+)?runtime)?"
_NVIDIA_DEFAULT = re.compile(r"\bdefault[-_ ]runtime[\"'`\u201d]?\s*[:=]\s*" + _RUNTIME_NAME + r"|"
                             r"\bnvidia-ctk\s+runtime\s+configure\b[^\n]*--set-as-default\b|"
                             r"\b" + _RUNTIME_NAME + r"\s+(?:is|was|has been|(?:is\s+)?(?:installed\s+and\s+)?"
                             r"(?:set|configured))\s+(?:as\s+|to\s+be\s+)?(?:the\s+|my\s+|docker'?s\s+|a\s+)?"
                             r"default\b|"
                             r"\bdefault(?:\s+docker)?[- ]runtime\s+(?:is|was|has\s+been)?\s*(?:set|switched|changed)?\s*"
                             r"(?:to\s+|as\s+)?" + _RUNTIME_NAME + r"|"
                             r"\b(?:set|changed|switched|configured)\s+(?:the\s+)?default(?:\s+docker)?[- ]runtime\s+(?:to|as)\s+"
                             + _RUNTIME_NAME + r"|"
                             r"\b(?:made|make|use|using|with|have|set|sets|configured|shows?|lists?)\s+(?:the\s+)?" + _RUNTIME_NAME +
                             r"\s+(?:set\s+)?(?:as\s+)?(?:the\s+|my\s+|a\s+)?default\b", re.I)
# An X display on another machine than the one the program runs on: ssh -X/-Y, a forwarded DISPLAY (localhost:10.0),
# VNC, xrdp, x2go.
_REMOTE_DISPLAY = re.compile(r"\bssh\s+(?:-\w+\s+)*?-\w*[XY]\w*\b|\bssh\s+with\s+-[XY]\b|\bDISPLAY=localhost:\d+|"
                             r"\bDISPLAY\b[^\n]{0,40}?\blocalhost:\d+|^localhost:1\d(?:\.\d+)?$|\bxrdp\b|"
                             r"\bx2go\b|\b(?:tiger|turbo|tight|x11|real)?vnc(?:server|viewer)?\b|\bX11 forwarding\b", re.I)
# Words that say a remote display is not in use, before it ("not over ssh -X", "without VNC") or after it ("X11
# forwarding is off", "DISPLAY is :1, not localhost:10" holds its "not").
_NOT_BEFORE = re.compile(r"\b(?:not|without|no|neither)\s+(?:over\s+|via\s+|through\s+|using\s+|with\s+)?"
                         r"(?:[\w -]{0,30}?\s+(?:or|nor)\s+)?$", re.I)
_OFF_AFTER = re.compile(r"\s+(?:is\s+|was\s+)?(?:turned\s+|switched\s+)?(?:off|disabled)\b", re.I)
_NOT_WITHIN = re.compile(r"\bnot\b", re.I)


def _remote_display(line: str) -> bool:
    """Whether the line names a remote display in use: one of its mentions not said absent or off."""
    return any(not _NOT_BEFORE.search(line[:m.start()]) and not _OFF_AFTER.match(line, m.end())
               and not _NOT_WITHIN.search(m.group(0)) for m in _REMOTE_DISPLAY.finditer(line))
# NVIDIA's own GL at work by name: its GLX extension asked of an X server (NV-GLX), or its vendor libraries.
_NVIDIA_GL = re.compile(r"\bnv-glx\b|\blib(?:gl|glx|egl)\w*_nvidia\b", re.I)
# A container's start script joining its user to the group of a device it is given (linuxserver's init: "adding
# /dev/dri/renderD128 to video group render with id 105"; "its init adds abc to the group that owns /dev/dri/...").
_GROUP_JOINED = re.compile(r"\badding\s+/dev/\S+\s+to\s+(?:\w+\s+)?group\b|"
                           r"\b(?:init|entrypoint|start(?:up)? script)\b[^\n]{0,40}?\badds?\s+(?:the\s+)?(?:user\s+)?\S+\s+to\s+"
                           r"(?:the\s+)?(?:(?:video|render)\s+group\b|group\s+(?:that\s+owns|of)\s+/dev/)", re.I)
_RUNTIME_SELECTED = re.compile(r"\bSelecting\s+/dev/[\w./-]+\s+as\s+/dev/")
# Words that make a sentence no statement of this machine as it is now: a question, a belief, another's report or
# advice, the docs, another machine, the past or the future. (A condition is one only where it holds the claim itself:
# "if nvidia is the default", not "it works if I am logged in"; SUPPOSED.)
NOT_HERE_NOW = re.compile(r"\?|\b(?:should|must|need|needs|suggest\w*|recommend\w*|docs?|documentation|guide|"
                          r"manual|says?|said|read|heard|reported|forum|someone|somebody|colleague|others?|another|cluster|"
                          r"maybe|perhaps|might|could|would|will|going to|tomorrow|later|previously|earlier|used to|"
                          # ("before" in time, not in a sequence of steps: "switches to admin before starting the node")
                          r"before(?!\s+(?:it\s+)?(?:start|launch|run|exec|load|call)\w*)|"
                          r"last|until|thought|believe[sd]?|assumed?|expected|supposed|removed|disabled|no longer|instead|"
                          r"tried|rather)\b", re.I)
SUPPOSED = re.compile(r"\b(?:if|whether)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|without|unless|cannot|does)\b|n't\b", re.I)
# A negation in the few words just before what it denies ("not the ...", "never got", "without a"), read on the window
# before a match: "this is not the nvcc: command not found thing".
NEGATED_BEFORE = re.compile(r"(?:\b(?:not|no|never|without)\b|n't\b)(?:\s+[\w`'\"*]+){0,4}[\s`'\"*]*$")
# Prose is cut into sentences at '.', '!', '?' or ';' before a blank or the line's end, and into clauses two ways, on
# purpose: a claim's own clause ends where the next begins ("..., so I don't pass --runtime": _CLAUSE_TURN keeps that
# negation out of the claim), and a contrast's two sides turn at a comma, "but", "while", "whereas" or "unless" (the
# root and seat readers of explain: "With sudo it returns True, without sudo False").
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|" + lexicon.SENTENCE_END)
_CLAUSE_TURN = re.compile(r",?\s+(?:but|so|and|yet)\s+|;\s+", re.I)
_CONTRAST_TURN = re.compile(r"(?<=[.;!?])\s+|,\s+|\s+(?:but|while|whereas)\s+|\s+(?=unless\b)|(?<=" +
                            lexicon.SENTENCE_END + r")|" + lexicon.CLAUSE_TURN, re.I)


def sentence_span(line: str, start: int, end: int) -> Tuple[int, int]:
    """Where the sentence of ``line`` that holds line[start:end] begins and ends."""
    begin = max([m.end() for m in _SENTENCE_END.finditer(line, 0, start)] + [0])
    return begin, next((m.end() for m in _SENTENCE_END.finditer(line, end)), len(line))


def sentences(line: str) -> List[str]:
    ends = [m.end() for m in _SENTENCE_END.finditer(line)]
    return [line[begin:end] for begin, end in zip([0] + ends, ends + [len(line)]) if line[begin:end].strip()]


def contrast_sides(text: str) -> List[str]:
    """The clauses of ``text`` a contrast may stand in, stripped."""
    return [side.strip() for side in _CONTRAST_TURN.split(text) if side.strip()]


def _asserted_match(pattern: Pattern[str], line: str) -> Optional[Match[str]]:
    """``pattern``'s first match where its sentence asserts it of this machine now: none of NOT_HERE_NOW's words or a
    condition in the sentence, no negation in its clause ("nvidia is the default runtime, so I don't pass --runtime"
    asserts it); else None. Used for the default runtime and a user switch in the container."""
    said = pattern.search(line)
    if said is None:
        return None
    begin, end = sentence_span(line, said.start(), said.end())
    sentence = line[begin:end]
    clause = _CLAUSE_TURN.split(line[begin:said.start()])[-1] + _CLAUSE_TURN.split(line[said.start():end])[0]
    return None if _NEGATION.search(clause) or NOT_HERE_NOW.search(sentence) or SUPPOSED.search(sentence) else said


def _asserted(pattern: Pattern[str], line: str) -> bool:
    return _asserted_match(pattern, line) is not None


# Prose that the GPU works on the host (so a failure in the container is what the container lacks).
_HOST_WORKS = re.compile(r"\b(?:on|in|from)\s+(?:the\s+)?(?:\w+\s+)?host\b(?:(?!\bnot\b|n't|\bfail|\berror|\bbut\b)[^\n])"
                         r"{0,60}?\b(?:works?|worked|working|passe[sd]|fine|succeed(?:s|ed)?)\b|"
                         # (not a contrast that turns before the host: "works in the container, but on the host it doesn't")
                         r"\b(?:works?|worked|passe[sd]|runs? fine)\b(?:(?!\bnot\b|n't|\bfail|\bbut\b)[^\n]){0,30}?\bon\s+"
                         r"(?:the\s+)?(?:\w+\s+)?host\b(?!\s*(?:doesn't|does\s+not|isn't|is\s+not|fails|didn't|won't|can't))|"
                         # or outside the container ("it works fine outside the docker", "run perfectly fine outside Docker")
                         r"(?<!n't )(?<!not )(?<!never )\b(?:works?|worked|working|runs?|ran|fine)\b"
                         r"(?:(?!\bnot\b|n't|\bfail)[^\n]){0,30}?\boutside\s+"
                         r"(?:of\s+)?(?:the\s+|a\s+)?(?:docker|containers?|podman)\b|"
                         # or the file it lacks there is on the host ("even though the file exists on the host system")
                         r"(?<!n't )(?<!not )\b(?:exists?|is\s+present|are\s+present)\s+on\s+the\s+host\b", re.I)
# Jetson signs that name software, or only an arm64 machine, not a Jetson's hardware: beside them a line can still name
# an x86 host.
_NAMES_NO_HARDWARE = ("Tegra-only name", "L4T image") + ARM64_KINDS
PC_PROSE = "PC named in words"
# Facts are read from this much of each end of a paste: some 3,000 lines either side hold the commands a reporter ran
# and their output; the log between them is searched for error signatures only (explain's SIGNATURE_WINDOW).
FACT_WINDOW = 256 * 1024
MAX_SESSIONS = 4  # `id` outputs diagnosed one by one
MAX_FACTS = 512  # distinct nodes, /etc/group lines: more is a dump, not a report
MAX_LINE = 65536  # characters of one line read for facts: a launch that lists every device stays far shorter
MAX_CONTRAST_LINES = 4096  # lines of a paste's window looked through for a contrast said in words or shown


@frozen_record
class Sighting:
    """One thing the text showed, and the line that showed it."""

    kind: str
    value: str
    line: str


@frozen_record
class ListedNode:
    """A device node line as listed: owner and group as printed (names or numbers)."""

    path: str
    owner: str
    group: str
    mode: int
    acl: bool
    major: Optional[int]   # not shown by stat -c
    minor: Optional[int]
    line: str              # the line it was read from
    where: str             # "container" when listed by a command run inside one (docker run/exec ... ls), else ""
    printed: str = ""      # the name as printed where the paste cut it off ("/dev/dri/rend"; path is then the name it
                           # starts, "/dev/dri/renderD*")
    machine: str = ""      # the host name of the prompt it was listed at, outside a container (nvidia@orin-b:~$)

    @property
    def open_to_all(self) -> bool:
        """Read and write for others, as model.open_to_all tests a probed node."""
        return open_to_all(self.mode)


@frozen_record
class Identity:
    """One `id` output: the groups that process held, by number, with the names it printed."""

    uid: int
    user: Optional[str]
    gid: int
    groups: Tuple[int, ...]
    names: Tuple[Tuple[int, str], ...]
    line: str
    where: str = ""        # "container" when run inside one (after a container's prompt or launch), else ""


@frozen_record
class Observed:
    """What the text itself showed, before any assumption: the evidence explain reasons from."""

    l4t: Optional[str]
    l4t_from: Optional[str]            # the line it was read from
    jetpack: Tuple[str, ...]           # what the L4T/JetPack tables say for that release
    jetpack_stated: Optional[str]      # what a tool in the text said, unchecked
    model: Optional[str]
    nodes: Tuple[ListedNode, ...]
    session_user: Optional[str]
    session_groups: Tuple[str, ...]    # as `id` or `groups` printed them: "44(video)", "video"
    group_lines: Tuple[Group, ...]
    launches: Tuple[Launch, ...]
    jetson: Tuple[Sighting, ...]       # every line that says this is a Jetson, and how
    x86: Tuple[Sighting, ...]          # every line that says this is an x86 / discrete-GPU system
    releases: Tuple[Sighting, ...]     # every distinct L4T release seen (two mean two devices)
    identities: Tuple[Identity, ...]   # every distinct `id` output
    absent: Tuple[Sighting, ...]       # nodes a command said do not exist (ls: cannot access ...)
    logins: Tuple[Sighting, ...]       # session paths that rebuild groups (ssh, su -, gosu, exec -u ...)
    execs: Tuple[Exec, ...]
    toolkit: Optional[Sighting]
    images: Tuple[Sighting, ...]       # L4T releases container images are built for, by their tags
    cuda_versions: Optional[Sighting]  # deviceQuery's "driver / runtime" versions
    gpu_found: Optional[Sighting]      # a line saying the GPU was found and opened
    acls: Tuple[Sighting, ...]         # getfacl's named-user entries of GPU nodes: "path user:perms"
    windowed: bool                     # only the head and tail of a huge paste were read for facts
    cut_lines: bool                    # a line longer than MAX_LINE was read for facts only to MAX_LINE
    words: Tuple[Sighting, ...] = ()   # what prose says of the launch and the session: "numeric user", "session
                                       # path", "container" (the paste ran inside one), "root session",
                                       # "works on the host", "NVIDIA runtime by default", "groups added at launch",
                                       # "NVIDIA runtime said" (the container was started with it, in words),
                                       # "NVIDIA runtime ran" (its own log gave a container nodes),
                                       # "group joined at start" (an init script joins its user to a device's group),
                                       # "remote display" (ssh -X, a forwarded DISPLAY, VNC, xrdp),
                                       # "NVIDIA's own GL" (its GLX extension or vendor libraries named),
                                       # "R36 system" (Ubuntu 22.04 or later, a 5.15 -tegra kernel), "CUDA 12 or
                                       # later" (with the system, the software only R36 runs), "no CDI spec", "offline"
                                       # (an index or download could not be reached), "Jetson index" (pip uses
                                       # NVIDIA's Python index for Jetsons), "PC CUDA index" (PyTorch's cuXXX
                                       # index), "pip build failed", "pip's isolated build" (its build environment's
                                       # path), "image build" (a Docker image's), "sandbox",
                                       # "device sandbox" (one that hides devices: PrivateDevices=yes, firejail,
                                       # bubblewrap),
                                       # "toolkit step" (the runtime's hook failed in a step of its own),
                                       # "engine configured by the toolkit" (nvidia-ctk runtime configure),
                                       # "engine config edited by hand" (the reporter's own edit of it),
                                       # "toolkit mode not legacy" (its hook logs csv or CDI mode),
                                       # "two JetPack releases" (the line naming a second JetPack major),
                                       # "login in the container" (_container_login), "emulated arm64" (qemu,
                                       # binfmt, --platform linux/arm64), "solved" (the reporter says it is),
                                       # "CUDA build" (a framework's build that carries CUDA: 2.3.1+cu121),
                                       # "plain framework version" (torch 2.5.1: the index's generic build),
                                       # "own build's library" (a library under the program's own tree),
                                       # "optional TensorRT" (TensorFlow's warning that TF-TRT's libraries are absent),
                                       # "GPU header missing" (a compiler finds no header of cuDNN or TensorRT),
                                       # "no container said", "toolkit legacy mode", "another runtime by default",
                                       # "LXD" (its or Incus' commands), "X display refused", "CDI spec, paths only",
                                       # "CUDA call past start-up" (a call that runs only once CUDA has started, named
                                       # beside CUDA's "operation not supported")
                                       # "trouble said" (trouble in words no failure word counts: a permission,
                                       # something unsupported, the GPU unavailable or lost, the CPU doing the work),
                                       # "GPU node named", "device access named", "root fails too" (a command run
                                       # with sudo at a prompt printing the failure it printed without sudo),
                                       # "conda lacks GPU build", "CUDA replaced" (the toolkit updated to another
                                       # version), "support asked" (whether software supports or runs on something)
    cuda_true: Optional[Sighting] = None   # CUDA's is_available() answered True, and no check answered False: the
                                           # answer's line, with the check's line as its value
    group_lines_partial: str = ""          # why the /etc/group lines shown are not the failing session's whole file:
                                           # "picked" (a query picked them), "host" (the host's, the session the
                                           # container's); "" when they are
    ids_elsewhere: Tuple[str, ...] = ()    # the lines of `id`s taken at another machine's prompt than every listed node

    def said(self, kind: str) -> List[str]:
        """The lines whose words say ``kind`` (one of the kinds ``words`` holds), in the order read."""
        return [w.line for w in self.words if w.kind == kind]


@frozen_record
class TextFacts:
    """The facts the text showed, the assumptions made to diagnose, and what was recognised."""

    facts: Optional[Facts]
    observed: Observed
    assumptions: Tuple[str, ...]
    recognised: Tuple[str, ...]
    others: Tuple[Facts, ...]          # the same facts for each other `id` the paste shows (another session)


def _mode(perms: str) -> int:
    bits = 0
    for index, char in enumerate(perms):
        if char in "rwxsStT" and char not in "ST":
            bits |= 1 << (8 - index)
    special = {2: 0o4000, 5: 0o2000, 8: 0o1000}
    for index, flag in special.items():
        if perms[index] in "sStT":
            bits |= flag
    return bits


class _Reader:
    def __init__(self) -> None:
        self.assumptions: List[str] = []
        self.recognised: List[str] = []
        self.gids: Dict[str, int] = {}
        self.named_at: Dict[Tuple[int, str], str] = {}  # a GID's name where it was shown: "" (host or unstated), "container"
        self.placeholders = 0

    def gid_of(self, name: str) -> int:
        """A group's GID: by number, 0 for root (every Linux's), else a placeholder compared by name."""
        number = 0 if name == "root" else decimal(name)
        if number is not None:
            return number
        return self._placeholder(name, "the GID of group '{}' was not shown; it is compared by name".format(name))

    def uid_of(self, owner: str) -> int:
        """A node owner's UID: by number, 0 for root, else a placeholder compared by name (or, where the listing did
        not show the owner, taken to be a user other than the session's)."""
        number = 0 if owner == "root" else decimal(owner)
        if number is not None:
            return number
        return self._placeholder("user " + owner, "a listing did not show its node's owner: it is taken to be a user "
                                 "other than the session's" if owner == "?" else
                                 "the UID of user '{}' was not shown; it is compared by name".format(owner))

    def _placeholder(self, key: str, assumption: str) -> int:
        """A number that no real ID has, one per name, said once as an assumption."""
        if key not in self.gids:
            self.gids[key] = PLACEHOLDER_GID + self.placeholders
            self.placeholders += 1
            self.assumptions.append(assumption)
        return self.gids[key]

    def learn(self, name: str, gid: int, where: str = "") -> None:
        self.gids.setdefault(name, gid)
        self.named_at.setdefault((gid, where), name)

    def name_at(self, gid: int, where: str) -> Optional[str]:
        """The GID's name as shown at ``where``: a name the host shows (its `id`, its /etc/group) is no name inside a
        container, whose /etc/group is its own."""
        return self.named_at.get((gid, where))


# The letters Python's case-blind matching takes for ASCII ones (dotless and dotted i, long s, the Kelvin sign), made
# those letters: a pattern and the cue words tested before it (Cued) then read a line alike. So are the typographic
# apostrophes a forum or an editor puts in "doesn't" and "can't", which every pattern spells with ASCII's.
_ASCII_FOLDS = str.maketrans({"\u0131": "i", "\u0130": "I", "\u017f": "s", "\u212a": "K", "\u2018": "'", "\u2019": "'"})
_FOLDED = re.compile("[\u0131\u0130\u017f\u212a\u2018\u2019]")


# Where a word of Latin letters or digits meets Chinese, Japanese or Korean text, which puts no space between words
# ("运行sudo docker run", "ffmpeg报错Cannot load"): a word boundary for every pattern that reads the Latin word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
# The full-width forms of ASCII's letters, digits and punctuation, and the ideographic space, that Chinese, Japanese and
# Korean input methods type ("报错801（operation not supported）"): read as ASCII.
_FULL_WIDTH = {**{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}
_FULL_WIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")
# (not inside a path, a prompt or a key=value, whose word holds / or =; nor a number of a date or a time, 1月, 10時,
# 2월)
_CJK_THEN_LATIN = re.compile("([{0}])(?=[A-Za-z0-9`-])".format(_CJK))
_LATIN_THEN_CJK = re.compile("([A-Za-z)`]|[0-9](?![年月日時时分秒号년월일시분초]))(?=[{0}])".format(_CJK))
_CJK_CHAR = re.compile("[{0}]".format(_CJK))
# (a word from its start only, found lazily: from every start inside a long word, a greedy \S* would read it again)
_WORD_WITH_CJK = re.compile("(?<!\\S)\\S*?[{0}]\\S*".format(_CJK))


def _translated(text: str, found: Pattern[str], table: Dict[int, Any]) -> str:
    """``text.translate(table)`` for the characters ``found`` finds: translate() maps each character of a text that is
    not all ASCII in Python, and a log is mostly ASCII."""
    return found.sub(lambda char: char.group(0).translate(table), text)


def _cjk_spaced(text: str) -> str:
    """Full-width forms as ASCII, and a space where a Latin word meets Chinese, Japanese or Korean text."""
    if _FULL_WIDTH_CHAR.search(text):
        text = _translated(text, _FULL_WIDTH_CHAR, _FULL_WIDTH)
    return _WORD_WITH_CJK.sub(_spaced_word, text) if _CJK_CHAR.search(text) else text


def _spaced_word(word: Match[str]) -> str:
    said = word.group(0)
    if "/" in said or "=" in said:  # a path, a prompt (orin:~/桌面$), a key (用户id=1000): kept whole
        return said
    return _LATIN_THEN_CJK.sub(r"\1 ", _CJK_THEN_LATIN.sub(r"\1 ", said))


# The HTML an issue body keeps when it is copied from a rendered page ("<strong><code>docker run ...</code></strong>",
# "<ol><li>"): its inline tags go, its block tags end a line, in one pass. Only these tags, so a log's "<none>" or a C++
# type's "vector<int>" stays.
_HTML_TAG = re.compile(r"<(/?)(?:(code|strong|b|em|i|kbd|tt|span)|p|br|li|ol|ul|pre|div)(?:\s[^<>\n]{0,200})?"
                       r"(?(2)|/?)>", re.I)


@functools.lru_cache(maxsize=8)  # (each reader normalises the same window: explain, read, the failure finder)
def normalise(text: str) -> str:
    """Text as it was printed: no colour codes, no CR, no Markdown fence lines, no HTML tags of a rendered page, no
    letter that matches as another, ASCII for full-width forms, a space where a Latin word meets Chinese, Japanese or
    Korean text, no other person's post quoted in a reply (by mention, or under a line that names its author)."""
    text = _ANSI.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub(lambda tag: "" if tag.group(2) else "\n", text)
    if not text.isascii() and _FOLDED.search(text):
        text = _translated(text, _FOLDED, _ASCII_FOLDS)
    if not text.isascii():
        text = _cjk_spaced(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "@" in text and _ATTRIBUTED_QUOTE.search(text):
        text = _ATTRIBUTED_QUOTE.sub("", text)
    if ">" in text and _QUOTE_OPENS.search(text):
        text = _without_quoted_posts(text)
    return _FENCE.sub("", text).replace("```", "") if "```" in text else text


def window(text: str, size: int = FACT_WINDOW) -> Tuple[str, bool]:
    """The part of ``text`` to read: all of it, or its first and last ``size`` characters, cut at lines."""
    if len(text) <= 2 * size:
        return text, False
    head = text[:size].rsplit("\n", 1)[0]
    tail = text[-size:].split("\n", 1)[-1]
    return head + "\n" + tail, True


_CONTINUATION = re.compile(r"\\[ \t]*\n[ \t]*(?:>[ \t]*){0,16}")


# conda's error and the packages it lists below it ("PackagesNotFoundError: ... channels:", a blank, "  - pytorch=0.4.1";
# "ResolvePackageNotFound:" as an environment file's solve says it): one statement, so the packages it could not find
# are read on its line.
_CONDA_ERRORS = ("PackagesNotFoundError", "ResolvePackageNotFound", "PackageNotFoundError")  # (the last: conda 4.3's)
_CONDA_ERROR = "(?:" + "|".join(_CONDA_ERRORS) + ")"
_CONDA_NOT_FOUND = re.compile(r"^([ \t]*" + _CONDA_ERROR + r":[^\n]*)\n(?:[ \t]*\n)?((?:[ \t]*-[ \t]+\S[^\n]*(?:\n|$))+)",
                              re.M)


# The CPU said to do the work the GPU should ("runs on the CPU", "falls back to the CPU", "CPU-only").
CPU_DOES_THE_WORK = (r"\b(?:runs?|running|ran|stays?|stayed|falls?\s+back|fell\s+back|falling\s+back|transcod\w*|works?|"
                     r"working|uses?|using|used)\s+(?:only\s+)?(?:on|with|to)?\s*(?:the\s+)?cpu\b|\bcpu[- ]only\b")
# Trouble said in words the failure words do not count: a permission lacked (in Chinese, Japanese and Korean too),
# something not supported, the GPU unavailable, invisible, lost or done without, the CPU doing the work, no device found,
# nothing detected ("nvidia / cuda is not supported", "encounters \"No devices were found\"", "I don't have these
# permissions", "transcodes with the CPU only"), something broken ("which breaks hardware acceleration"), an error said
# to come that the paste does not show ("errors occurs below:" above a screenshot).
_TROUBLE_SAID = re.compile(r"\bpermissions?\b|\b(?:break(?:s|ing)?|broke|broken)\b|\b(?:not|un)\s?supported\b|"
                           r"\b(?:un|in)(?:available|accessible)\b|"
                           r"\b(?:gpus?|cuda|devices?|cards?|nvenc|nvdec)\b[^\n.]{0,30}?(?:\binvisible\b|(?:\bnot|n't)\s+(?:\w+\s+)?"
                           r"(?:available|visible|allowed|accessible)\b)|\bwithout\s+(?:the\s+|a\s+|any\s+)?gpus?\b|"
                           + CPU_DOES_THE_WORK + "|"
                           r"\b(?:lost|loses|losing|disappear\w*|vanish\w*)\b|"
                           # (a way round something, which is trouble: "To get around this bug: <link>")
                           r"\b(?:get|getting|got|work|working|worked)\s+around\s+(?:this|that|it|the\s+(?:bug|issue|problem))\b|"
                           r"权限|権限|권한|"
                           r"\bno\s+(?:\w+\s+)?devices?\s+(?:(?:were|was|is|are)\s+)?found\b|(?:\b(?:not|never)|n't)\s+(?:be\s+able\s+to\s+)?detect|"
                           r"\b(?:errors?|exceptions?|failures?)\s+(?:that\s+|which\s+)?(?:occurs?|occurred|appears?|appeared|"
                           r"happens?|happened|(?:comes?|came|shows?|showed)\s+up)\b|"
                           r"\b(?:got|get|gets|getting|see|saw|seeing|encounter(?:ed|s|ing)?|receiv(?:e|es|ed|ing)|throws?|threw)"
                           r"\s+(?:(?:the|this|these|an?|following|same|some)\s+)*(?:errors?|exceptions?|failures?)\b", re.I)
_GPU_NODE_NAMED = re.compile(GPU_NODE_PATH, re.I)
# A device group named, a user joined to a group, or what lets a service or a cgroup open devices: the access is what
# the paste is about ("Add user `ollama` to group `video`", "the render group", "usermod -aG", "PrivateDevices").
_DEVICE_ACCESS_NAMED = re.compile(r"\b(?:video|render)[`'\"]?\s+group\b|\bgroups?\s+[`'\"]?(?:video|render)\b|\busermod\b|"
                                  r"\bgpasswd\b|--group-add\b|\bgroup_add\b|\bPrivateDevices\b|\bDeviceAllow\b|"
                                  r"\bdevices\.allow\b", re.I)
# CUDA's toolkit said to be replaced by another version ("update cuda to version 11", "upgraded CUDA to 12.2",
# "installed CUDA 11.4 ..., replacing the stock 10.2", "replaced CUDA 10.2 with 11.4", "swapped out CUDA 10.2 for 11.4"),
# not installed beside it or asked about.
_CUDA_VERSION = r"v?1\d(?:\.\d)?\b"
_CUDA_REPLACED = re.compile(r"^(?![^\n]*\?)(?![^\n]*(?:\b(?:not|never)|n't)\s+(?:\w+\s+){0,2}(?:updat|upgrad|replac|install))"
                            # (not another person's machine, nor a guide's advice)
                            r"(?![^\n]*\b(?:colleague|co-?worker|friend|teammate|someone|somebody|readme|guide|tutorial|"
                            r"forum|docs?)\b)"
                            r"[^\n]*?(?:\b(?:updat|upgrad)(?:e|ed|ing)\s+"
                            r"(?:the\s+|my\s+)?cuda(?:\s+toolkit)?\s+(?:from\s+v?\d{1,2}(?:\.\d)?\s+)?to\s+(?:version\s+)?"
                            + _CUDA_VERSION + r"|\binstall(?:ed|ing)\s+cuda(?:\s+toolkit)?\s+" + _CUDA_VERSION +
                            r"[^\n]{0,80}?\breplac(?:ed|ing)\s+(?:the\s+)?(?:stock|default|original|jetpack's|shipped|old)\b|"
                            r"\breplac(?:ed|ing)\s+(?:the\s+)?(?:stock\s+|default\s+|original\s+)?cuda(?:\s+toolkit)?\s+"
                            + _CUDA_VERSION + r"\s*with\s+(?:cuda\s+)?" + _CUDA_VERSION + r"|"
                            r"\bswapp(?:ed|ing)\s+(?:out\s+)?(?:the\s+)?(?:stock\s+)?cuda(?:\s+toolkit)?\s+" + _CUDA_VERSION
                            + r"\s*for\s+(?:cuda\s+)?" + _CUDA_VERSION + ")", re.I)
# A question whether software supports a board, a release or a GPU, or runs on it ("does it support the Orin Nano?",
# "I would like to know if it supports running X on Y"): what it names is what it asks about.
_IN_SENTENCE = r"(?:[^.?!\n]|\.(?=\d))"  # (a version's dot, "JetPack 6.2", ends no sentence)
_SUPPORT_ASKED = re.compile(r"\b(?:does|do|will|would|is|are|can|could)\b" + _IN_SENTENCE + r"{0,80}?"
                            r"\b(?:support(?:s|ed)?|run(?:s|ning)? on)\b" + _IN_SENTENCE + r"{0,80}\?|"
                            r"\b(?:like|want|wish|need) to know (?:if|whether)\b" + _IN_SENTENCE + r"{0,80}?"
                            r"\b(?:support(?:s|ed)?|run(?:s|ning)? on)\b|\bis there (?:any )?support for\b", re.I)
# conda finding no build of a GPU framework or of CUDA's toolkit in its channels (the packages joined to its line), or
# mamba's word that one does not exist there ("pytorch-cuda 12.1**  does not exist (perhaps a typo or a missing channel)").
_GPU_PACKAGE = r"(?:pytorch|torch|torchvision|torchaudio|tensorflow|cudatoolkit|cuda-toolkit|cupy|jaxlib|onnxruntime)(?:-cuda|-gpu)?"
_CONDA_LACKS_GPU = re.compile(r"\b" + _CONDA_ERROR + r":[^\n]*?\s-\s+" + _GPU_PACKAGE + r"(?![\w-])|"
                              r"(?<![\w-])(?:" + _GPU_PACKAGE + r"|cuda)\s+[\w.*=<>]*\s*,?\s*(?:which\s+)?does not exist \(perhaps "
                              r"a (?:typo or a )?missing channel\)", re.I)

# OpenCV said or shown to be without CUDA ("OpenCV Cuda: NO" in jetsonInfo, OpenCV's DNN "not built with CUDA backend"),
# as JetPack's own OpenCV is built (mdegans/nano_build_opencv#73: "opencv 4.5.4 installed by default, without cuda").
_OPENCV_WITHOUT_CUDA = re.compile(r"\bopencv\s+cuda:\s*no\b|\bopencv\b[^\n]{0,60}?\b(?:without|no)\s+cuda\b|"
                                  r"\bopencv\b[^\n]{0,60}?\bnot\s+(?:built|compiled)\s+with\s+cuda\b|"
                                  r"\bdnn module was not built with cuda backend\b", re.I)


# A process forked or spawned beside the one that started CUDA ("spawns a child process and inits the driver there",
# multiprocessing's workers, a pre-fork web server's: gunicorn, uWSGI, Apache's mod_wsgi): CUDA started before a fork()
# is unusable in the child.
# (the call and its pools, not a repository's fork: "my fork of the repo")
_PROCESS_FORKED = re.compile(r"\b(?:child|forked|worker)\s+process(?:es)?\b|\bfork\(\)|\bfork(?:ed|ing)\b|\bmultiprocessing\b|"
                             r"ForkPoolWorker|ProcessPoolExecutor|"
                             r"\bspawn(?:s|ed|ing)?\s+(?:a\s+|the\s+)?(?:child|sub)?process(?:es)?\b|"
                             r"\bbooting worker with pid\b", re.I)  # (gunicorn's log of a worker it forked)
# A pre-fork server named, whose workers are forked from the master that loaded the app: counted where the sentence says
# it serves the program ("works with python3, fails under uwsgi"), not where it is ruled out ("no uwsgi involved") or is a
# folder's name ("/srv/uwsgi/venv").
_PREFORK_SERVER = re.compile(r"(?<![/\w.-])(?:gunicorn|uwsgi|mod_wsgi)\b(?![/\w-])", re.I)


# The GPU asked for where no launch is parsed: Apptainer's and Singularity's --nv (or --nvccli), which binds the driver's
# files into the container, and a pod's resource request for NVIDIA's GPU ("requests nvidia.com/gpu: 1").
_GPU_ASKED = re.compile(r"\b(?:singularity|apptainer)\s+(?:exec|run|shell)\b[^\n]*?\s--nv(?:ccli)?\b|"
                        r"\bnvidia\.com/gpu\W{1,4}[1-9]", re.I)


# An issue form's GPU field, its heading on one line and its value on the next ("### GPU Type", "AMD"): one line.
_FORM_GPU_FIELD = re.compile(r"^([ \t]*#{1,6}[ \t]*(?:GPU|Graphics(?:[ \t]+card)?|Video[ \t]+card)(?:[ \t]+[\w/]+){0,3})[ \t]*\n"
                             r"(?:[ \t]*\n)?[ \t]*([^\s#][^\n]{0,60})$", re.M | re.I)


def _joined(text: str) -> str:
    """The text normalised, with backslash-continued lines joined (blanks after the backslash, CRLF endings and the
    next line's Markdown quote markers do not break the join), conda's missing packages joined to its error and an
    issue form's GPU field to its heading."""
    clean = normalise(text)
    if any(error in clean for error in _CONDA_ERRORS):
        clean = _CONDA_NOT_FOUND.sub(lambda m: " ".join([m.group(1)] + m.group(2).split()) + "\n", clean)
    if "#" in clean and _FORM_GPU_FIELD.search(clean):
        clean = _FORM_GPU_FIELD.sub(r"\1 \2", clean)
    return _CONTINUATION.sub(" ", clean) if "\\" in clean else clean


def _lines(joined: str) -> Iterator[Tuple[str, str, bool]]:
    """(cleaned, as printed, inline) for each line of a _joined text, at most MAX_LINE characters of it: prompts and
    Markdown quotes removed from the first; then each listing or group line a sentence holds in inline code, as its own
    (``inline``: read where its sentence says it was taken, _read_inline_listing)."""
    for whole in joined.split("\n"):
        raw = whole[:MAX_LINE]
        line = raw.strip()
        while line.startswith(">"):  # Markdown quotes
            line = line[1:].strip()
        yield (line if RELEASE_LINE.match(line) else PROMPT.sub("", line)), raw.strip(), False  # '# R36 (release)': no prompt
        if line.count("`") > 1 and not _LS.match(line) and not NOT_HERE_NOW.search(line):
            yield from ((span, raw.strip(), True) for span in _INLINE_CODE.findall(line)
                        if _LS.match(span) or _GROUP_LINE.match(span))


# Inline code in a sentence, which may hold a line of output ("on the host: `crw-rw---- 1 root render 226, 128 ...`").
_INLINE_CODE = re.compile(r"`([^`\n]{8,300})`")


def _model_cut(said: str) -> str:
    """A Jetson model string as _MODEL matched it, cut where tools append more (" - Jetpack 5.1 [L4T ...]", " [16GB]")
    and where a sentence goes on past it (" with Jetpack 4.3", " running 35.3.1")."""
    words = _MODEL_ENDS.split(said)[0].split()
    kept = [words[0]] + list(itertools.takewhile(_model_words, words[1:])) if words else []
    return " ".join(kept) or said


# The words a model string is made of: the module, its memory and storage, the kit; the first other word ends it ("Orin
# AGX directly on the host", "Jetson Orin Nano con JetPack 6").
_MODEL_WORD = re.compile(r"(?i)(?:nvidia|jetson|agx|igx|orin|xavier|thor|nano|nx|tx1|tx2|tk1|super|developer|dev|kits?|devkits?|"
                         r"module|modules|industrial|engineering|reference|series|edition|version|som|emmc|sd|b01|a02|"
                         r"t[45]000|\d{1,3}\s?gb|p\d{4}-\d{4}|recomputer|j[1-4]0\d\d)[,.]?$")


def _model_words(word: str) -> bool:
    """Whether a word is of a model string, joined by hyphens too ("Nano-2GB", "TX2-4GB")."""
    return all(_MODEL_WORD.match(part) for part in word.split("-") if part)


_MODEL_ENDS = re.compile(r"\s+-\s+|\s*\[|\s{2,}|\s+\(|\s+(?=(?:with|running|runs|and|on|in|using|under|via|from|for|jetpack|"
                         r"l4t|ubuntu|which|that|but|when|where|is|was|has|had|it|i)\b)", re.I)


# The GPU as CUDA or nvidia-smi name it on a Jetson (deviceQuery's 'Device 0: "Orin"', nvidia-smi's "GPU 0: Orin (nvgpu)",
# a program's "Active GPU is #0: NVIDIA Tegra X2 [62]", PyTorch's "Found GPU0 Xavier which is of cuda capability 7.2",
# TensorFlow's "(device: 0, name: NVIDIA Tegra X1, pci bus id: ...)"): the device's own output, not a word about one.
_CUDA_DEVICE = cued((("orin", "xavier", "thor", "tegra"),
                     r"(?:\bdevice\s*#?\d+\s*:|\bactive gpu is\s*#?\d+\s*:|^\s*gpu\s*\d+\s*:|\bfound gpu\s*\d+\s+|"
                     r"\bdevice:\s*\d+,\s*name:)\s*[\"']?(?:nvidia\s+)?(?:orin|xavier|thor|tegra\s?x[12])\b"))
# Each Jetson form, its patterns with the words a line must hold before each runs (cheap substring tests first).
_JETSON_FORMS: Tuple[Tuple[str, Cued], ...] = (
    ("model", cued((("orin", "xavier", "thor", "nano", "tx1", "tx2", "tk1", "jetson", "jeston", "jetosn", "agx", "recomputer"),
                   _MODEL))),
    ("board id", cued((("p2", "p3"), _BOARD))), ("SoC", cued((("tegra",), _SOC))),
    ("kernel", cued((("-tegra",), _TEGRA_KERNEL))), ("nvidia-l4t package", cued((("nvidia-l4t-",), _L4T_PACKAGE))),
    ("tegrastats", cued((("ram ",), _TEGRASTATS))), ("CUDA device", _CUDA_DEVICE), ("Tegra-only name", _TEGRA_NODE),
    ("arm64 build", cued((("arm64", "aarch64"), _ARM64_BUILD))),
    ("arm64 machine", cued((("arm64", "aarch64"), _ARM64_MACHINE))), ("L4T image", cued((("l4t", "dustynv"), _L4T_IMAGE))),
    ("JetPack stated", cued((("jetpack",), _JETPACK_STATED))), ("Tegra library", cued((("nvrm",), _NVRM))),
)


def _jetson_sightings(line: str, forms: Sequence[Tuple[str, Cued]] = _JETSON_FORMS) -> List[Sighting]:
    low = line.lower()
    found = []
    for kind, parts in forms:
        match = leftmost(parts, line, low)
        other = _other_machine(line, match) if match and kind in ("model", "Tegra-only name") else ""
        if other == "denied" and match:  # the next mention may be the machine: "not a Jetson Nano, it's a Jetson Orin"
            rest = line[match.end():]
            match = leftmost(parts, rest, rest.lower())
            other = _other_machine(rest, match) if match else ""
        if match and not other:
            said = match.group(0).strip()
            found.append(Sighting(kind, _model_cut(said) if kind == "model" else said, line))
    return found


def _other_machine(line: str, match: Match[str]) -> str:
    """How the words around a Jetson's name make it another machine than the paste's: "compared" (a yardstick),
    "denied" (what the machine is not), "asked" (what a program may be only for), "others" (other people's); "" where
    they do not."""
    before = line[max(0, match.start() - 40):match.start()]
    if _COMPARED_WITH.search(before):
        return "compared"
    if _ONLY_FOR_BEFORE.search(before) and _QUESTION_ENDS.match(line, match.end()) and not _OWNED.search(line, match.end()):
        return "asked"
    if _DENIED_BEFORE.search(before) and not _A_TOPIC_AFTER.match(line, match.end()):
        return "denied"
    return "others" if _OTHERS_AFTER.match(line, match.end()) and not _ONE_OF_THEM_BEFORE.search(before) else ""


# A Jetson, by its model or its bare name, named as the yardstick of another machine ("my GT 710 should be about as fast
# as a Jetson Nano", "faster than the Orin"): the machine of the paste is the other one.
_COMPARED_WITH = re.compile(r"\b(?:as\s+(?:fast|slow|quick|good|powerful|capable|strong)\s+as|(?:faster|slower|quicker|better|"
                            r"worse|weaker|stronger|cheaper)\s+than|compared\s+(?:to|with)|comparable\s+to|versus|vs\.?)"
                            r"\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?:nvidia\s+)?$", re.I)


# ... or asked as what a program may be only for ("is this program only for TX1?", "Is it only supported on the Jetson
# Nano?"): the machine that asks is another.
_ONLY_FOR_BEFORE = re.compile(r"\bonly\s+(?:for|on|supported\s+on|works?\s+on|runs?\s+on|(?:meant|made|designed|built)\s+"
                              r"for|compatible\s+with)\s+(?:an?\s+|the\s+)?(?:nvidia\s+)?(?:jetson\s+)?$", re.I)
_QUESTION_ENDS = re.compile(r"[^.!\n]{0,30}\?")
# ... unless the reporter then says they have one ("That's exactly the board I have", "It is the only board we have").
_OWNED = re.compile(r"\b(?:i|we)\s+(?:have|own|use|run|got)\b|\b(?:my|our)\s+(?:board|device|module|kit|jetson|unit)\b|"
                    r"\bthe\s+(?:only\s+)?board\s+(?:i|we)\b", re.I)


# ... or named as what the machine is not ("this is not a Jetson", "unlike Jetson devices"; not "not a Jetson issue",
# which says nothing of the machine), or as other people's ("We'll assume that Jetson users installed the drivers").
# ("except the Jetson AGX Orin" names the one that fails: no denial)
_DENIED_BEFORE = re.compile(r"(?:\b(?:is|it's|its|was)\s+not|\bisn't|\bwasn't|(?:^|[(\[,;:\u2014\u2013-]\s*)not(?:\s+on)?|"
                            r"\bunlike|\binstead\s+of|\brather\s+than)\s+(?:an?\s+|the\s+)?(?:nvidia\s+)?$|"
                            r"\bnon[- ]$", re.I)  # (and a prefix: "Detected non-Tegra platform")
_A_TOPIC_AFTER = re.compile(r"(?:[\s-]+(?:specific|related|only))?\s+(?:issues?|problems?|bugs?|questions?|things?)\b",
                            re.I)
# (one of them: "fellow Jetson users", "as a Jetson user", "we Jetson owners"; not "all Jetson users", the others)
_ONE_OF_THEM_BEFORE = re.compile(r"\b(?:fellow|as\s+an?|we|us)\s+(?:nvidia\s+)?$", re.I)
_OTHERS_AFTER = re.compile(r"(?:\s+(?:devices?|boards?|modules?))?\s+(?:users|owners|customers|people|folks)\b", re.I)


# What a line says by itself (its Jetson and PC signs, the words it says), kept by (what, line, line as printed) for
# one reading: a log repeats its lines, and each system of a mixed paste is read again from lines already read.
LineMemo = Dict[Tuple[str, str, str], Any]
_Said = TypeVar("_Said")


def remembered(memo: LineMemo, key: Tuple[str, str, str], compute: Callable[..., _Said], *args: Any) -> _Said:
    """``compute(*args)``, once a reading for each key."""
    if key not in memo:
        memo[key] = compute(*args)
    said: _Said = memo[key]
    return said


class _State:
    """What has been read so far, in the order of the paste."""

    def __init__(self, holds: Callable[[str], bool], memo: LineMemo) -> None:
        self.memo = memo
        # The cue words each line is tested for, narrowed to those the whole text holds: a line is part of the text,
        # so a word the text lacks is in none of its lines (a long log is tested for a few words a line, not ~150).
        def held(words: Tuple[str, ...]) -> Tuple[str, ...]:
            return tuple(w for w in words if holds(w))
        def held_parts(parts: Cued) -> Cued:
            return tuple((held(words), pattern) for words, pattern in parts if held(words))
        self.forms = tuple((kind, held_parts(parts)) for kind, parts in _JETSON_FORMS if held_parts(parts))
        self.pc_words, self.login_words = held(_PC_WORDS), held(_login_words())
        self.x86_parts, self.pc_stack, self.pc_prose = (held_parts(parts) for parts in (_X86, _PC_STACK, _PC_PROSE))
        self.word_readings = tuple((kind, held(cues), test) for kind, cues, test in _WORD_READINGS if held(cues))
        self.reader = _Reader()
        self.release: Optional[TegraRelease] = None
        self.l4t_line: Optional[str] = None
        self.model: Optional[str] = None
        self.stated: Optional[str] = None
        self.identities: List[Identity] = []
        self.session_groups: List[str] = []
        self.group_lines: List[Group] = []
        self.listed: List[ListedNode] = []
        self.launches: List[Launch] = []
        self.execs: List[Exec] = []
        self.jetson: List[Sighting] = []
        self.x86: List[Sighting] = []
        self.releases: List[Sighting] = []
        self.absent: List[Sighting] = []
        self.logins: List[Sighting] = []
        self.toolkit: Optional[Sighting] = None
        self.elsewhere: List[str] = []             # lines whose launch or toolkit a sentence puts on another machine
                                                   # (as printed, and a command's cleaned of its prompt)
        self.elsewhere_next = False                # the line before said so of the command after its colon
        self.toolkit_elsewhere: Optional[Sighting] = None
        self.words: List[Sighting] = []

        self.images: List[Sighting] = []
        self.inner_releases: List[Tuple[Sighting, TegraRelease]] = []   # release files read inside a container
        self.cuda_versions: Optional[Sighting] = None
        self.gpu_found: Optional[Sighting] = None
        self.asked_available = 0                   # lines left in which an is_available() check's answer may come
        # (_read_call_past_start_up: the lines read, the last call past CUDA's start-up, the paste's first 801 or 999 not
        # of its start-up, and whether another came after it)
        self.calls_possible = any(holds(word) for word in ("801", "not supported", "not_supported", "notsupported", "999",
                                                           "error_unknown", "errorunknown", "unknown error"))
        self.line_number = 0
        self.last_call: Optional[Tuple[int, str]] = None
        self.first_start_up_error: Optional[int] = None
        self.later_start_up_errors = False
        self.available_check = ""                  # the line of the last is_available() check
        self.available_answers: List[Tuple[bool, str, str]] = []   # each check's answer (True, False), its line, the check
        self.acls: List[Sighting] = []
        self.acl_path: Optional[str] = None
        self.directory = "/dev"
        self.stat_path: Optional[str] = None
        self.l4t_package = False   # the last line named an L4T package alone (apt-cache policy, dpkg -s, apt show)
        self.jetpack_majors: Set[str] = set()   # JetPack majors named anywhere ("built on JetPack 5", "JP6")
        self.named_releases: List[Sighting] = []   # R36.4.0 said by itself: the release only where nothing stronger is
        self.node_keys: Set[Tuple[str, str, str, int, bool, str, str]] = set()
        self.where = ""
        self.machine = ""          # the host name of the last prompt outside a container (nvidia@orin-b:~$)
        self.shell_from: Optional[Tuple[str, str]] = None  # the user and host a container's shell was started from
        self.node_machines: Set[str] = set()      # the machines at whose prompts nodes were listed (outside containers)
        self.id_machines: Dict[str, str] = {}     # an `id` line's machine, by its line
        self.labelled = ""         # where a prose label put what follows ("Inside the container:"), until the next
        self.after_groups_command = False
        self.group_query = False
        self.group_places: Set[str] = set()  # where the /etc/group lines were shown


def _note_release(state: _State, value: str, line: str) -> None:
    if all(s.value != value for s in state.releases):
        state.releases.append(Sighting("L4T", value, line))


_Command = TypeVar("_Command", Launch, Exec)


def _once(commands: Sequence[_Command]) -> Tuple[_Command, ...]:
    """Each launch or exec once, where first seen: a log that repeats a command is one fact."""
    return tuple(dict.fromkeys(commands))


def _settle_releases(state: _State) -> None:
    """A release file read inside a container is the one its image was built with. Beside the host's, it is that
    image's release (the same device, not a second one); with no host release shown, it is the best the paste has."""
    host = bool(state.releases)
    for sighting, parsed in state.inner_releases:
        if host:
            state.images += [sighting] if all(s.line != sighting.line for s in state.images) else []
            continue
        _note_release(state, sighting.value, sighting.line)
        state.jetson += [Sighting("L4T version", sighting.value, sighting.line),
                         Sighting("release file", sighting.value, sighting.line)]
        if state.release is None:
            state.release, state.l4t_line = parsed, sighting.line
            state.reader.recognised.append("release line: " + sighting.line)


def _note_word(state: _State, kind: str, raw: str) -> None:
    """The first line that says ``kind``; once noted, the kind is not looked for again (_read_words)."""
    if len(state.words) < MAX_FACTS and all(w.kind != kind for w in state.words):
        state.words.append(Sighting(kind, kind, raw))
        state.word_readings = tuple(reading for reading in state.word_readings if reading[0] != kind)


# A launch's group-add said in prose or inline code ("started with `--group-add 993`", `group_add: ["992"]`).
_GROUP_ADD_SAID = re.compile(r"(?:--group-add[= ]|group_add:[ \t]*\[?[ \t]*)[\"'`]?\w", re.I)
# ... and said not to have been used ("I did not use --group-add", "no group_add: entry").
def _said_not(names: str) -> Pattern[str]:
    """A negation shortly before one of ``names`` in the same clause ("I did not use --group-add")."""
    return re.compile(r"(?:\b(?:not|no|never|without)|n't)\b[^\n.;]{0,24}?[`'\"]?(?:" + names + ")", re.I)


_GROUP_ADD_DENIED = _said_not(r"--group-add|group_add")
# A package index or a download that could not be reached (pip's retries, DNS, a proxy): what it lacks is unknown.
_OFFLINE = re.compile(r"network is unreachable|newconnectionerror|temporary failure in name resolution|could not fetch "
                      r"url|proxyerror|sslerror|connection (?:refused|reset|timed out)|\bconda\b[^\n]*\s--offline\b", re.I)
# NVIDIA's Python indexes for Jetsons: jetson-ai-lab's, and the redist tree's wheels per JetPack.
_JETSON_INDEX = re.compile(r"jetson-ai-lab\.(?:dev|io|com)|pypi\.jetson|developer\.download\.nvidia\.com/compute/redist/jp",
                           re.I)
# A machine other than the one the paste is about, named as the place of what the sentence says: a PC by its kind ("on
# my laptop", "our build server", "my dev box") or another of its kind ("on a second Orin", "another machine"). A PC
# named in words (_PC_PROSE) counts as well. ("The desktop" is a board's own desktop session.)
ANOTHER_MACHINE = re.compile(r"\b(?:(?:on|with|from|using|in)\s+(?:a|an|his|her|their)|my|our)\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:laptop|desktop|workstation|pc|build\s+(?:server|host|machine)|dev(?:elopment)?\s+"
                             r"(?:box|machine|pc)|ci\s+runner|cloud\s+(?:vm|box|instance|machine|server)|vm|virtual\s+machine)s?\b|"
                             r"\b(?:another|other|second|different|colleague'?s)\s+(?:[\w-]+\s+)?"
                             r"(?:jetson|orin|xavier|nano|thor|board|device|machine|unit|computer|pc|laptop|workstation)s?\b",
                             re.I)
# The GPU shown at work: its load as a share ("98% GPU load", "GPU-Util 97%", GR3D_FREQ 99%) or a GPU monitor listing it
# (a share of ten or more, in the paste's own container or machine, not the host's; a monitor that lists a card, not one
# that shows nothing)
_GPU_AT_WORK = re.compile(r"^(?![^\n]*\bhost\b)[^\n]*?(?:\b(?:[1-9]\d|100)\s?%\s+(?:of\s+(?:the\s+)?)?gpu\s+(?:load|util\w*|usage)\b|"
                          r"\b(?:gpu|gr3d)[- _]?(?:load|util\w*|usage|freq)\b\s*[:=]?\s*(?:at\s+)?(?:[1-9]\d|100)\s?%|"
                          r"\b(?:nvtop|nvitop|gpustat)\b[^\n]{0,40}?\b(?:lists?|listed|shows?|showed)\s+(?:the\s+|our\s+|my\s+)?"
                          r"(?:nvidia\s+)?(?:geforce\s+)?(?:rtx\s*|gtx\s*)?(?:\d{4}|a\d{2,4}|[hlt]\d{1,3}|v100|gpu|card)\b|"
                          # ONNX Runtime placing copies into a graph its CUDA provider runs: the provider was created
                          r"\bmemcpy nodes are added to the graph\b[^\n]{0,40}?\bfor cudaexecutionprovider\b)", re.I)
# PyTorch's own wheel index of CUDA builds (download.pytorch.org/whl/cu118, or the older torch_stable.html that lists
# them all): builds for PCs and servers, not for a Jetson's L4T CUDA (oobabooga/textgen#5597: an AGX Xavier's installer
# pulled from it and failed).
_PC_CUDA_INDEX = re.compile(r"download\.pytorch\.org/whl/(?:cu\d{3}\b|torch_stable\.html)", re.I)
# A library of the program's own build, by where it lies: a relative path or a home directory's tree, not an
# environment's packages (site-packages, conda) and not one of CUDA's or the driver's own libraries, which a program
# only links ("./build/lidar_centerpoint/libcenterpoint_cuda_lib.so", DeepStream's custom parser under /home/...).
# _CUDA_LIBRARY names those of CUDA, cuDNN, TensorRT and the driver.
_CUDA_LIBRARY = (r"lib(?:cuda|cudart|cublas\w*|cudnn\w*|nvinfer\w*|nvrtc\w*|cufft\w*|curand|cusparse\w*|cusolver\w*|"
                r"nvidia-[\w-]+|npp\w*|nvonnxparser|nvparsers|nccl)\.so")
OWN_BUILD_LIBRARY = re.compile(r"(?:^|[\s'\"=:(`])(?:\.{1,2}/|~/|/home/[^/\s]+/|/root/|/workspaces?/)"
                               r"(?![^\s'\"`]*(?:site-packages|dist-packages|conda|\.local/lib|/envs/|\.cache/))"
                               r"[^\s'\"`]*?/(?!" + _CUDA_LIBRARY + r")(lib[\w+-]+)\.so\b", re.I)
# An image being built: the command (compose's `up --build` too, not pip's `--build-option`), said in words of an image
# ("during the docker build", "when I build my Docker image", "a RUN step"), or its steps' output (the legacy builder's
# "Step 3/7 :", BuildKit's "#8 12.31" and "> [4/6] RUN", its "failed to solve"). A build said with no image ("at build
# time", "the build step") may be a package's own, on the machine itself.
IMAGE_BUILD = re.compile(r"\bdocker(?:-compose|\s+compose)?\s+(?:build|buildx)\b|\s--build(?![-\w])|"
                         r"\b(?:during|in|at|while)\s+(?:the\s+|a\s+|my\s+)?(?:docker|image)\s+build(?:ing)?\b|"
                         r"\bbuild(?:ing)?\s+(?:a\s+|an\s+|the\s+|my\s+)?(?:docker\s+|container\s+)?image\b|"
                         r"\b(?-i:RUN)\s+(?:step|instruction)s?\b|\bfailed to solve\b|"
                         r"---> Running in|^\s*Step \d+/\d+ :|^\s*(?-i:RUN)\s+\S|^\s*>?\s*\[\s*\d+/\d+\]\s+RUN\b|"
                         r"^#\d+ \d+\.\d+ ", re.I)
# pip's isolated build environment, where it installs a package's build requirements (a torch among them) afresh
_PIP_ISOLATED_BUILD = re.compile(r"/pip-build-env-\w+/(?:overlay|normal)/")
# pip saying a package it builds from its source failed to build.
_PIP_BUILD_FAILED = re.compile(r"getting requirements to build wheel\W+(?:\.\.\.\s*)?error|preparing metadata \([\w.]+\)"
                               r"\W+(?:\.\.\.\s*)?(?:error|finished with status 'error')|subprocess-exited-with-error|"
                               r"metadata-generation-failed|failed building wheel for|could not build wheels for|"
                               # pip from 22 on: "× Getting requirements to build wheel did not run successfully."
                               r"\b(?:getting requirements to build wheel|preparing metadata|building wheel for [\w.-]+|"
                               r"python setup\.py \w+)(?:\s+\([\w.]+\))?\s+did not run successfully|"
                               # pip before 20 and after 22 on a setup.py that fails
                               r"\bsetup\.py[\"']?\s+egg_info[\"']?\s+(?:failed with error code|did not run successfully)", re.I)
# The NVIDIA runtime's hook failing in its own work: a device its list names that the host lacks, a link it creates, the
# container's device rules, a value it parses. No image's content or CUDA requirement (those read "file exists" or
# "requirement error"), no node the host denies it, and no user's groups are involved.
_TOOLKIT_STEP = re.compile(r"stat failed: /dev/\S+: no such file|failed to create (?:sym)?link|failed to add device rules|"
                           r"error parsing imex|unsupported imex", re.I)
# The reporter saying the problem is solved ("Solved, posting for others", "what fixed it:", "it works now"); not a
# question ("has anyone solved this?"), nor a package manager's "Resolved 42 packages".
SOLVED = re.compile(r"^(?![^\n]*\?)(?![^\n]*\bresolved \d+ packages?\b)[^\n]*?(?:\b(?:solved|resolved)\b|"
                    r"\bfixed (?:it|that|this)\b|\bworks now\b|\bnow works\b)", re.I)
_SOLVED_DENIED = _said_not(r"solved|resolved|fixed|works")
# An arm64 image run on another architecture through an emulator: what it prints is its software's, not the machine's.
# (a build for arm64 elsewhere, `buildx build --platform linux/arm64`, runs nothing here)
_EMULATED = re.compile(r"\bqemu-(?:user|aarch64|arm64)|\bbinfmt|\brun\b[^\n|;&]*?--platform[= ]+linux/arm64\b|"
                       r"^\s*platform:\s*linux/arm64\b", re.I)
# A framework's build that carries CUDA: PyTorch's wheel tag (2.3.1+cu121), collect_env's "CUDA used to build PyTorch",
# a build said to be compiled with it ("Compiled with WITH_GPU, but no GPU found in runtime"), not without it.
_CUDA_BUILD = re.compile(r"\+cu\d{2,3}\b|\bcuda used to build (?:py)?torch:\s*\d|"
                         r"(?<!not )(?<!n't )(?<!never )(?<!not actually )(?<!not really )"
                         r"\b(?:compiled|built) with (?:with_gpu|with_cuda|cuda|gpu)\b"
                         r"(?!\s*(?:enabled|support)?\s*[:=]\s*(?:false|no|off|0)\b|\s+(?:[\w-]+\s+)?(?:disabled|off)\b)", re.I)
# A framework's version with no build tag ("PyTorch Version: 2.5.1", "torch==2.5.1"): the package index's generic
# build, which on a Jetson carries no CUDA for it (NVIDIA's Jetson wheels are tagged: 2.5.0a0+872d972e41.nv24.08).
_PLAIN_FRAMEWORK_VERSION = re.compile(r"\b(?:(?:py)?torch|tensorflow)(?:\s+version)?[*_`]*\s*(?:[:=]=?)?[*_`]*\s*"
                                      r"v?\d+\.\d+(?:\.\d+)?(?![\w.+-])", re.I)
# A line that says the build is NVIDIA's or the Jetson's ("NVIDIA's torch 2.3.0 wheel from the Jetson AI Lab index").
_JETSON_BUILD_SAID = re.compile(r"\bnvidia\b|\bjetson\b|\bjetpack\b|\bl4t\b", re.I)
# TensorFlow looking for TensorRT's libraries at import, which it uses only for TF-TRT: their absence is no failure
# (the GPU is used without them).
OPTIONAL_TENSORRT = re.compile(r"\btf-trt warning\b|\bdso_loader\b[^\n]*\blibnvinfer(?:_plugin)?\.so\b", re.I)
# A compiler that finds no header of a library JetPack installs apart from CUDA (cuDNN's, TensorRT's, the multimedia
# API's): not installed, or not in the image. (CUDA's own, cuda.h, lies in /usr/local/cuda/include, off the compiler's
# default path: a build not told where CUDA is.)
# (clang's words too; not cudnn_frontend.h, a header library a program's own source tree carries)
_GPU_HEADER_MISSING = re.compile(r"\bfatal error:\s*['\"]?[\w/.-]*?\b(?:cudnn(?!_frontend)\w*|nvinfer\w*|nvonnx\w*|nvbuf\w*)\.h\w*"
                                 r"(?::\s*no such file|['\"]?\s+file not found)", re.I)
# CUDA's toolkit shown absent where JetPack and CUDA's installers put it: its tree or its compiler not there, or
# DeepSpeed's word that PyTorch's own search for it (nvcc on the PATH, then /usr/local/cuda) found none.
# (the shell's words in bash, Ubuntu's command-not-found and zsh; jetson_release's and jtop's "CUDA: NOT_INSTALLED")
_TOOLKIT_ABSENT = re.compile(r"/usr/local/cuda[\w.*-]*(?:/[\w.+*-]+)*/?['\"`]?:?\s*no such file or directory|"
                            r"\bnvcc:\s*(?:command\s+)?not found\b|\bnvcc:\s*no such file or directory\b|"
                            r"\bcommand\s+['\"\u2018]?nvcc['\"\u2019]?\s+not\s+found\b|\bcommand not found:\s*nvcc\b|"
                            r"\bcuda:\s*not[_ ]installed\b|\bcuda_home does not exist\b|"
                            r"\bthere\s+is\s+no\s+/usr/local/cuda\b", re.I)


def _toolkit_shown_absent(line: str, raw: str) -> bool:
    """Whether a line shows CUDA's toolkit absent here: not in a quote of another's text ("> If you see ..."), nor
    supposed ("if nvcc: not found appears") or denied just before it ("this is not the nvcc: command not found thing")."""
    absent = _TOOLKIT_ABSENT.search(line)
    return absent is not None and not raw.lstrip().startswith(">") and not SUPPOSED.search(line[:absent.start()]) \
        and not NEGATED_BEFORE.search(line[max(0, absent.start() - 40):absent.start()])


# A link command told where CUDA's libraries lie (-L into CUDA's tree): a library still missing there is not installed.
# So is one of JetPack's own libraries missing at link (TensorRT's, cuDNN's, the multimedia API's), which lie where the
# linker looks.
# (a linker's words for a library it does not find: GNU ld's and LLVM lld's)
LINKER_MISSES = r"\b(?:cannot find|unable to find library) -l"
_JETPACK_UNSEEN_AT_LINK = re.compile(LINKER_MISSES + r"(?:nvinfer\w*|nvonnxparser|nvparsers|cudnn|nvbuf\w*|nvds\w*|"
                                     r"nvjpeg_tegra|nvmedia\w*)\b", re.I)
_CUDA_LIBRARY_PATH_GIVEN = re.compile(r"(?:^|\s)-L\s*['\"]?[^\s'\"]*cuda[^\s'\"/]*/(?:lib64|lib|targets/[\w-]+/lib)\b", re.I)
# ...and shown there after all: nvcc's own version banner, or a listing of its path under a versioned CUDA tree (a
# toolkit installed where the build did not look, /usr/local/cuda-11.4 without the /usr/local/cuda link).
_TOOLKIT_PRESENT = re.compile(r"\bcuda compilation tools, release\b|^\s*/usr/local/cuda[\w.-]*/bin/nvcc\s*$", re.I)
# LXD and Incus, whose GPU devices (their CDI mode among them) are their own code, not the NVIDIA container toolkit
# installed on the host (canonical/lxd#15372, fixed in LXD itself by canonical/lxd#15451).
_LXD = re.compile(r"(?:^|[\s$#>])(?:lxc|incus)\s+(?:info|config|launch|start|exec|init|profile)\b|/var/snap/lxd/|"
                  r"/var/lib/(?:lxd|incus)/", re.I)
# An X server that refuses the client or is not there: no program opens a window, whatever the GPU.
_X_DISPLAY_REFUSED = re.compile(r"\b(?:can'?t|cannot|unable to|could not|couldn't)\s+open\s+(?:the\s+)?(?:x\s+)?display\b|"
                                r"^\s*no protocol specified\s*$|\bauthorization required, but no authorization protocol\b",
                                re.I)
# A sandbox that hides devices from a service or a program (systemd's PrivateDevices set on, firejail, bubblewrap): not an
# engine's seccomp or AppArmor profile, which `docker info` lists, nor a unit that sets PrivateDevices off. (A unit's
# device list does it too: with any DeviceAllow= only the devices listed and the standard pseudo devices stay open,
# systemd.resource-control(5), and ProtectClock=yes implies DeviceAllow=char-rtc r, systemd.exec(5).)
_DEVICE_SANDBOX_WORDS = (r"\bbwrap\b|\bbubblewrap\b|\bfirejail\b|(?<!#)(?<!# )\bPrivateDevices\s*=\s*(?:yes|true|on|1)\b|"
                         r"(?<!#)(?<!# )\b(?:ProtectClock\s*=\s*(?:yes|true|on|1)\b|DevicePolicy\s*=\s*(?:closed|strict)\b)")
_DEVICE_SANDBOX = re.compile(_DEVICE_SANDBOX_WORDS, re.I)
# A sandbox around the process, named: its own rules (Landlock, seccomp, AppArmor) refuse calls a device group cannot grant.
_SANDBOX = re.compile(r"\blandlock\b|\bseccomp\b|\bapparmor\b|\bsandbox(?:ed|es)?\b|\bgvisor\b|\brunsc\b|" + _DEVICE_SANDBOX_WORDS,
                      re.I)
# No container said to be involved: the process runs on the host ("no containers involved", "bare metal, no docker",
# "not in a container"); a runtime, toolkit, image or group of the engine is another matter.
_NO_CONTAINER = re.compile(r"\bno\s+(?:docker|podman|containers?)\b(?!\s+(?:runtime|toolkit|image|group|daemon|socket))|"
                           r"\bbare[\s-]metal\b|\bwithout\s+(?:a\s+|any\s+)?(?:docker|podman|containers?)\b|"
                           r"\bnot\s+(?:in|inside|within)\s+(?:a|any|the)\s+(?:docker\s+)?container\b|"
                           r"\bnot\s+containeri[sz]ed\b", re.I)
# Software only L4T R36 and later run: Ubuntu 22.04 or later, CUDA 12 or later (nvcc's "release 12.6" too), a 5.15 or
# later `-tegra` kernel. A Jetson module named beside it cannot be an older one ("Jetson Nano" is also said of an Orin
# Nano), so it bounds no release (explain's _module_ceiling).
# (the system itself: Ubuntu 22.04 or later, a 5.15 or later -tegra kernel; JetPack 5 runs 20.04 and a 5.10 kernel)
_R36_SYSTEM = re.compile(r"\bubuntu\s*(?:2[2-9]|[3-9]\d)\.04\b|"
                         r"^(?:distrib_release=|version_id=\"?|release:\s*)(?:2[2-9]|[3-9]\d)\.04\b|"
                         r"\b(?:5\.(?:1[5-9]|[2-9]\d)|[6-9]\.\d+)\.\d+-tegra\b", re.I)
# (and CUDA 12 or later, which JetPack 5 can also install as an upgrade: the system or it is R36 software)
_CUDA_12 = re.compile(r"\bcuda\s*(?:toolkit\s*)?v?1[2-9](?:\.\d+)?\b|\bcuda compilation tools, release 1[2-9]\.", re.I)
# No CDI spec written where engines look for one (`ls /etc/cdi`: No such file or directory): none was generated.
_NO_CDI_SPEC = re.compile(r"(?:/etc|(?:/var)?/run)/cdi(?:/[\w.-]*)?['\"`]?:\s*no such file or directory", re.I)
# The NVIDIA runtime said to start the container (nvidia-docker, "with the NVIDIA runtime"), and said not to.
_RUNTIME_SAID = re.compile(r"(?<![/.])\b(?:nvidia-docker2?|docker-nvidia)\b(?![/.]\w)|"
                           r"\b(?:with|using|via|under|through|need|needs|use|uses)\s+(?:the\s+)?"
                           r"nvidia(?:-container)?[\s-]runtime\b", re.I)
# ... and a line that names it without saying this container was started with it: a question, a command or package
# not found, a package query or listing.
_NO_LAUNCH = re.compile(r"\?|not found|no such|^\s*ii\s|\b(?:cannot|can't|couldn't|unable to)\b|"
                        r"\b(?:dpkg|apt|apt-cache|apt-get|rpm|dnf|yum|grep|which|whereis)\b", re.I)
_RUNTIME_DENIED = _said_not(r"nvidia-docker|docker-nvidia|nvidia(?:-container)?[\s-]runtime")


# The toolkit's mode when it is not legacy, as its hook logs it ("Auto-detected mode as 'csv'", "Using requested mode
# 'cdi'"): then its hook, run alone by --gpus, refuses to start the container.
_NOT_LEGACY_MODE = re.compile(r"\b(?:auto-detected mode as|using requested mode)\s*'?(?:csv|cdi)\b", re.I)
# A container engine's configuration file (containerd's, Docker's, CRI-O's).
_ENGINE_CONFIG = r"(?:config\.toml|daemon\.json|crio\.conf)"
# nvidia-ctk writing a container engine's configuration (its install guide's step before the engine is restarted), or
# the GPU Operator's toolkit said to have rewritten it (the file named, or on the next line after the verb; not the
# toolkit itself said updated, which is a package's upgrade, nor one said not to, nor a line that says nothing changed).
_CTK_CONFIGURES = re.compile(r"\bnvidia-ctk\s+runtime\s+configure\b|(?<!\bnothing about the )(?<!\bnothing in the )"
                             r"\b(?:toolkit|operator)\b(?:(?!\bnot\b|n't\b|\bnever\b|\bnothing\b)[^\n]){0,60}?"
                             r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )"
                             r"(?<!\bgot )(?<!\bwas also )(?<!\bwere also )\b(?:rewrote|rewrites|"
                             r"wrote|writes|modified|changed|updated|updates|edited|edits|patched|patches|overwrote|"
                             r"overwrites|regenerated|reconfigured|reconfigures)\b(?!\s+nothing\b(?!\s+but\b))"
                             r"(?:[^\n]{0,80}?" + _ENGINE_CONFIG + r"|[ \t:]*$)", re.I)
# The reporter's own edit of an engine's configuration file ("I added a registry mirror to /etc/containerd/config.toml",
# "after editing config.toml myself"): what the engine then refuses is that edit's.
_EDITED_BY_HAND = re.compile(r"^(?![^\n]*\b(?:nobody|no one|never)\b)[^\n]*?(?:"
                             r"\b(?:i|we)\s+(?:\w+\s+)?(?:edited|added|changed|modified|put|wrote)\b[^\n]{0,80}?"
                             + _ENGINE_CONFIG + r"|" + _ENGINE_CONFIG + r"\b[^\n]{0,40}?\b(?:by hand|myself|manually)\b|"
                             r"\bafter\s+editing\b[^\n]{0,60}?" + _ENGINE_CONFIG + ")", re.I)
# The toolkit's config.toml set to legacy mode: nvidia-container-cli mounts the host's own nodes, whatever its version
# (fact sheet §A.2), so no band decides them.
_LEGACY_MODE_SET = re.compile(r"\s*mode\s*=\s*[\"']legacy[\"']", re.I)


# What prose or inline code says of the launch, the session and the container: (kind, cue words a line must hold
# before its test runs, the test of the cleaned line and the line as printed).
_WORD_READINGS: Tuple[Tuple[str, Tuple[str, ...], Callable[[str, str], object]], ...] = (
    ("numeric user", ("id -u", "user", "-u", "gosu", "uid"), lambda line, raw: _run_as_said(_NUMERIC_USER_WORDS, line, raw)),
    ("session path", ("su", "ssh"), lambda line, raw: _SESSION_WORDS.search(line)),
    ("login in the container", ("ssh", "exec ", "entrypoint", "cmd", "supervisor", "sudo -u"),
     lambda line, raw: _user_switch_in_container(raw)),
    ("container", ("container", "docker", "podman"),
     lambda line, raw: _CONTAINER_WORDS.search(line) and not _NO_CONTAINER.search(line) and not CROSS_BUILD.search(line)),
    ("no container said", ("container", "docker", "podman", "bare"), lambda line, raw: _NO_CONTAINER.search(line)),
    ("root session", ("root", "uid=0", "user=0", "-u", "sudo"),
     lambda line, raw: _run_as_said(_ROOT_SESSION, raw, raw) or _root_fails_said(line)),
    ("works on the host", ("host", "outside"), lambda line, raw: _HOST_WORKS.search(line)),
    ("NVIDIA runtime by default", ("nvidia",), lambda line, raw: _asserted(_NVIDIA_DEFAULT, line)),
    # the NVIDIA runtime's own log of the nodes it gives a container (csv mode): it ran for the paste's container
    ("NVIDIA runtime ran", ("selecting",), lambda line, raw: _RUNTIME_SELECTED.search(line)),
    ("groups added at launch", ("group-add", "group_add"),
     lambda line, raw: _GROUP_ADD_SAID.search(line) and not _GROUP_ADD_DENIED.search(line)),
    ("group joined at start", ("group",), lambda line, raw: _asserted(_GROUP_JOINED, line)),
    ("remote display", ("ssh", "display", "localhost:", "vnc", "xrdp", "x2go", "x11"),
     lambda line, raw: _remote_display(line)),
    ("NVIDIA's own GL", ("nv-glx", "_nvidia"), lambda line, raw: _NVIDIA_GL.search(line)),
    ("toolkit legacy mode", ("legacy",), lambda line, raw: _LEGACY_MODE_SET.match(line)),
    ("toolkit mode not legacy", ("mode as", "requested mode"), lambda line, raw: _NOT_LEGACY_MODE.search(line)),
    # the engine's own word outranks its config file
    ("another runtime by default", ("default runtime",), lambda line, raw: _OTHER_DEFAULT.search(line)),
    ("NVIDIA runtime said", ("nvidia",),
     lambda line, raw: _RUNTIME_SAID.search(line) and not _RUNTIME_DENIED.search(line) and not _NO_LAUNCH.search(line)),
    ("offline", ("network", "connection", "name resolution", "fetch url", "proxyerror", "sslerror", "--offline"),
     lambda line, raw: _OFFLINE.search(line)),
    ("Jetson index", ("jetson", "redist/jp"), lambda line, raw: _JETSON_INDEX.search(line)),
    ("trouble said", ("permission", "break", "broke", "support", "found", "detect", "error", "exception", "failure",
                      "available", "accessible", "visible", "allowed", "without", "cpu", "lost", "loses", "losing",
                      "disappear", "vanish", "around", "权限", "権限", "권한"),
     lambda line, raw: _TROUBLE_SAID.search(line)),
    ("GPU node named", ("/dev/",), lambda line, raw: _GPU_NODE_NAMED.search(line)),
    ("device access named", ("video", "render", "usermod", "gpasswd", "group", "privatedevices", "deviceallow",
                             "devices.allow"), lambda line, raw: _DEVICE_ACCESS_NAMED.search(line)),
    ("CUDA replaced", ("cuda",), lambda line, raw: _CUDA_REPLACED.search(line)),
    ("support asked", ("support", "run"), lambda line, raw: _SUPPORT_ASKED.search(line)),
    ("OpenCV without CUDA", ("opencv", "dnn module"), lambda line, raw: _OPENCV_WITHOUT_CUDA.search(line)),
    ("GPU asked for", ("--nv", "nvidia.com/gpu"), lambda line, raw: _GPU_ASKED.search(line)),
    ("process forked", ("child", "fork", "worker", "multiprocessing", "processpool", "spawn", "gunicorn", "wsgi"),
     lambda line, raw: _PROCESS_FORKED.search(line) or _asserted(_PREFORK_SERVER, line)),
    ("conda lacks GPU build", ("packagesnotfounderror", "packagenotfounderror", "resolvepackagenotfound", "does not exist"),
     lambda line, raw: _CONDA_LACKS_GPU.search(line)),
    ("PC CUDA index", ("download.pytorch.org",),
     lambda line, raw: _asserted(_PC_CUDA_INDEX, line) and not ANOTHER_MACHINE.search(line)),
    ("pip build failed", ("wheel", "subprocess-exited", "metadata", "egg_info"), lambda line, raw: _PIP_BUILD_FAILED.search(line)),
    ("pip's isolated build", ("pip-build-env-",), lambda line, raw: _PIP_ISOLATED_BUILD.search(line)),
    ("image build", ("build", "failed to solve", "step ", "running in", "run ", "#"), lambda line, raw: IMAGE_BUILD.search(line)),
    ("GPU at work", ("%", "nvtop", "nvitop", "gpustat", "memcpy nodes"), lambda line, raw: _GPU_AT_WORK.search(line)),
    ("own build's library", (".so",), lambda line, raw: OWN_BUILD_LIBRARY.search(line)),
    ("toolkit step", ("failed", "imex"), lambda line, raw: _TOOLKIT_STEP.search(line)),
    ("engine configured by the toolkit", ("nvidia-ctk", "toolkit", "operator"),
     lambda line, raw: _asserted(_CTK_CONFIGURES, line)),
    ("engine config edited by hand", ("config.toml", "daemon.json", "crio.conf"),
     lambda line, raw: _asserted(_EDITED_BY_HAND, line)),
    ("sandbox", ("landlock", "seccomp", "apparmor", "sandbox", "bwrap", "bubblewrap", "firejail", "gvisor", "runsc",
                 "privatedevices", "protectclock", "devicepolicy"),
     lambda line, raw: _SANDBOX.search(line)),
    # (a kind of its own: each kind keeps its first line, and an engine's profile listed first would hide this one)
    ("device sandbox", ("bwrap", "bubblewrap", "firejail", "privatedevices", "protectclock", "devicepolicy"),
     lambda line, raw: _asserted(_DEVICE_SANDBOX, line)),
    ("emulated arm64", ("qemu", "binfmt", "linux/arm64"), lambda line, raw: _EMULATED.search(line)),
    ("LXD", ("lxc", "lxd", "incus"), lambda line, raw: _LXD.search(line)),
    ("X display refused", ("open display", "open the display", "open x display", "no protocol specified", "authorization"),
     lambda line, raw: _X_DISPLAY_REFUSED.search(line)),
    ("CUDA build", ("+cu", "used to build", "compiled with", "built with"), lambda line, raw: _CUDA_BUILD.search(line)),
    ("plain framework version", ("torch", "tensorflow"),
     lambda line, raw: _PLAIN_FRAMEWORK_VERSION.search(line) and not _JETSON_BUILD_SAID.search(line)),
    ("optional TensorRT", ("tf-trt", "libnvinfer"), lambda line, raw: OPTIONAL_TENSORRT.search(line)),
    ("GPU header missing", ("fatal error",), lambda line, raw: _GPU_HEADER_MISSING.search(line)),
    ("CUDA toolkit absent", ("/usr/local/cuda", "nvcc", "cuda_home", "not_installed", "not installed"),
     lambda line, raw: _toolkit_shown_absent(line, raw)),
    ("CUDA library path given", ("cuda",), lambda line, raw: _CUDA_LIBRARY_PATH_GIVEN.search(line)),
    ("JetPack library unseen at link", ("find -l", "find library -l"),
     lambda line, raw: _JETPACK_UNSEEN_AT_LINK.search(line)),
    ("CUDA toolkit present", ("cuda compilation tools", "/bin/nvcc"), lambda line, raw: _TOOLKIT_PRESENT.search(line)),
    ("solved", ("solved", "fixed it", "works now", "now works"),
     lambda line, raw: SOLVED.match(line) and not _SOLVED_DENIED.search(line)),
    ("R36 system", ("ubuntu", "tegra", "22.04", "24.04"), lambda line, raw: _R36_SYSTEM.search(line)),
    ("CUDA 12 or later", ("cuda",), lambda line, raw: _CUDA_12.search(line)),
    ("no CDI spec", ("/cdi",), lambda line, raw: _NO_CDI_SPEC.search(line)),
)


def _read_words(state: _State, line: str, raw: str) -> None:
    """The first line that says each kind of _WORD_READINGS (a kind already noted is not looked for again)."""
    low = line.lower()
    for kind, cues, test in state.word_readings:
        for cue in cues:  # a loop, not any(): this runs some twenty times a line
            if cue in low:
                if remembered(state.memo, ("said " + kind, line, raw), test, line, raw):
                    _note_word(state, kind, raw)
                break


# A line of prose that says where the output below it was taken: "On the host (JetPack 6.2):", "Inside the container
# (docker run ..., then ssh in):", "In the container:".
_PLACE_LABEL = re.compile(r"^\W{0,4}(?:(?:on|from|in|inside|within)\s+(?:the\s+|my\s+)?(?P<place>host|container)\b|"
                          r"outside\s+(?:of\s+)?(?:the\s+|a\s+)?(?:container|docker)\b|"  # the host's side
                          r"(?:the\s+)?(?P<side>host|jetson|device|board|container)[\s-]+side\b)", re.I)
# The same in a sentence that holds a listing in inline code ("On the host the node looks normal: `crw-rw---- ...`").
_HOST_SAID = re.compile(r"\b(?:on|from)\s+(?:the\s+|my\s+)?host\b|\boutside\s+(?:of\s+)?(?:the\s+|a\s+)?(?:container|docker)\b|"
                        r"\b(?:host|jetson|device|board)[\s-]+side\b", re.I)
_CONTAINER_SAID = re.compile(r"\b(?:in|inside|within)\s+(?:the\s+|my\s+|a\s+)?container\b|\bcontainer[\s-]+side\b", re.I)


def _place_label(line: str) -> Optional[str]:
    """Where a label line ("On the host:", "Outside the container:", "Jetson side:") puts the output below it: "" for
    the host, "container", or None when the line is no such label."""
    label = _PLACE_LABEL.match(line) if len(line) <= 160 and line.rstrip().endswith(":") else None
    if label is None:
        return None
    named = (label.group("place") or label.group("side") or "host").lower()
    return "container" if named == "container" else ""


# A value printed on an availability answer's line before the answer: a version ("2.3.0", "2.1.0a0+41361538.nv23.06"),
# None, or another flag (cuDNN's). Both readers of the answer use it: these, and explain's root-versus-user comparison.
PRINTED_VALUE = r"(?:[\w.+-]{0,30}\d[\w.+-]{0,30}|None|True|False)"
_ANSWER_START = r"^(?:Out\[\d+\]:\s*|>>>\s*)?"
# A CUDA availability check (`torch.cuda.is_available()`) and its answer on one of the next lines ("True", "True Orin",
# "Out[2]: False", after versions printed before it: "2.3.0 False"): a True shows the GPU opened for the session that
# ran it. Where the line ends in a flag after other values ("2.0.1 True False"), that last flag is the check's answer.
_LAST_ANSWER = re.compile(_ANSWER_START + r"(?:" + PRINTED_VALUE + r"[ \t]+){1,3}(True|False)[ \t]*$")
_AVAILABLE_ANSWER = re.compile(_ANSWER_START + r"(?:" + PRINTED_VALUE + r"[ \t]+){0,3}(True|False)\b")


# The same answer said on the check's own line: in words ("`torch.cuda.is_available()` returns `true`", "returned False")
# or as a report form's field ("Is CUDA available (PyTorch): Yes", collect_env's "Is CUDA available: True"); not in code
# (an assertion's or a condition's expected value). Another True or False later on the line is another session's answer
# ("True on the host but False inside the container").
_ANSWER_SAID = re.compile(r"(?:^(?![ \t]*(?:assert|if|elif|while)\b)[^\n]*?\bcuda\.is_available\(\)`?\s*"
                          r"(?:returns?|returned|gives?(?:\s+me)?|gave(?:\s+me)?|prints?|printed|outputs?|is|says?|said|->|"
                          r"\u2192|=|:|\u8fd4\u56de)|"
                          r"^\W{0,4}is cuda available(?:\s*\((?:pytorch|torch)\))?\s*[:?])"
                          r"\s*[`'\"]?(true|false|yes|no)\b(?!\s*/)", re.I)
_FURTHER_ANSWER = re.compile(r"(?<![\w-])(true|false)(?![\w-])", re.I)


def _read_available(state: _State, line: str, raw: str) -> None:
    """The answer to CUDA's own availability check (not cuDNN's, MPS's or torch.distributed's), kept with its line."""
    answer = (_LAST_ANSWER.match(line) or _AVAILABLE_ANSWER.match(line)) if state.asked_available else None
    said = _ANSWER_SAID.search(line) if "available" in line.lower() else None
    if answer:
        state.available_answers.append((answer.group(1) == "True", raw, state.available_check))
        state.asked_available = 0
    elif said:
        for word in [said.group(1)] + _FURTHER_ANSWER.findall(line, said.end()):
            state.available_answers.append((word.lower() in ("true", "yes"), raw, raw))
    elif "cuda.is_available" in line:
        state.asked_available = 3
        state.available_check = raw
    elif state.asked_available:
        state.asked_available -= 1


# A CUDA call that runs only once CUDA has started and made a context: the driver API's (cuMemHostRegister, cuMemAlloc,
# cuModuleLoad), host registration and IPC through the runtime API (cudaHostRegister, cupy's hostRegister and
# ipcGetMemHandle, torch's _share_cuda_ and _new_shared_cuda; not vLLM's cumem.py, a module's name), jetson-utils'
# display (glTexture.cpp, glBuffer.cpp: it maps to OpenGL a frame already in CUDA's memory), not the runtime's other
# calls, the first of which starts CUDA (cudaMalloc, cudaGraphicsGLRegisterBuffer); and CUDA's "operation not supported"
# (801) or "unknown error" (999) that does not name its start-up (cuInit, a framework's initialisation).
_CALL_PAST_START_UP = re.compile(r"\b(?:cu(?:mem(?!getinfo)(?!\.py\b)|module|graph|launch)|(?:cu|cuda)(?:ipc|hostregister))\w*|"
                                 r"\bhostregister\b|\b_share_cuda_\b|\b_new_shared_cuda\b|\brebuild_cuda_tensor\b|"
                                 r"\bipc(?:get|open|close)\w*|\bgl(?:texture|buffer)\.cpp\b", re.I)
# ... and, on the 801's own line only, an operation a Jetson's GPU does not support, named in any wrapper (torch's
# StorageSharing, a shareable handle, peer access, a memory pool, a graph), as a word or after cu/cuda, not inside a
# name (a ROS node's "ipc_decoder", a logger's "scene_graph", systemd's "graphical.target").
_OPERATION_NAMED = re.compile(r"(?:\b|(?<=cuda)|(?<=cu))(?:ipc(?!_)|storagesharing|shareable|peer|memcpy|mem(?!init)(?=[A-Z_])|"
                              r"mempool|graph(?!ical)(?!_)|dealloc)", re.I)
_NOT_SUPPORTED_801 = re.compile(r"\boperation not supported\b|\bnot_supported\b|\berrornotsupported\b|\b801\b", re.I)
# ... and CUDA's 999 in its own words (not any 999: a uid, a count of frames)
_START_UP_ERROR = re.compile(_NOT_SUPPORTED_801.pattern + r"|\bcuda_error_unknown\b|\bcudaerrorunknown\b|\bunknown error\b|"
                             r"\berror\W{0,3}999\b", re.I)
_START_UP_CALL = re.compile(r"\bcuinit\b|\binit(?:iali[sz]e|iali[sz]ation)?\b|_init\b|getdevicecount|setdevice", re.I)
CALL_REACH = 8  # lines between such a call (a log line, a traceback's or a stack trace's frame) and the error it returned


def _read_call_past_start_up(state: _State, line: str, raw: str) -> None:
    """A call past CUDA's start-up named next to the paste's first 801 or 999 that names no start-up (within CALL_REACH
    lines, before or after: a traceback's frames come before its error, a Julia stack trace's and jetson-utils' source
    line after; no other such error between them): CUDA had started there, so the error is that call's. A first error
    elsewhere is CUDA's start-up's (jetson-utils' first allocation), which a later call's error does not explain."""
    state.line_number += 1
    number = state.line_number
    if _NOT_SUPPORTED_801.search(line) and _OPERATION_NAMED.search(line):
        _note_word(state, "CUDA call past start-up", raw)
    if _START_UP_ERROR.search(line) and not _START_UP_CALL.search(line):
        if state.first_start_up_error is None:
            state.first_start_up_error = number
            if state.last_call and number - state.last_call[0] <= CALL_REACH:
                _note_word(state, "CUDA call past start-up", state.last_call[1])
        else:
            state.later_start_up_errors = True
    if _CALL_PAST_START_UP.search(line):
        state.last_call = (number, raw)
        first = state.first_start_up_error
        if first is not None and not state.later_start_up_errors and number - first <= CALL_REACH:
            _note_word(state, "CUDA call past start-up", raw)


def _note_model(state: _State, sightings: Sequence[Sighting]) -> None:
    """The machine's model, from the first line whose signs name one: the sighting's own, as its statement names it."""
    found = next((s.value for s in sightings if s.kind == "model"), None) if state.model is None else None
    if found:
        state.model = found
        state.reader.recognised.append("model: {}".format(state.model))


def _read_model_before(state: _State, before: str, raw: str) -> None:
    """The module a line names before its release ("Host: Jetson AGX Orin 64GB, # R36 (release), ..."): the release is
    what the rest of the line is read for, and the module is the machine's too."""
    models = [Sighting(s.kind, s.value, raw) for s in _signs_of(state, before) if s.kind == "model"][:1]
    state.jetson += models
    _note_model(state, models)


def _read_line(state: _State, line: str, raw: str) -> None:
    reader = state.reader
    elsewhere, state.elsewhere_next = state.elsewhere_next, False  # a command under "... passes there:" is that one's
    if state.shell_from is not None and _LEAVES_THE_SHELL.search(raw):
        state.shell_from = None
    names = _PROMPT_NAMES.match(raw) if "@" in raw[:_PROMPT_AT] else None
    if names and _JETSON_NAME.search(names.group(1)) and all(s.value != names.group(1) for s in state.jetson):
        state.jetson.append(Sighting("host name", names.group(1), raw))
    # (Arch Linux ARM's default host name, alarm: an arm64 machine's, as weak as its other signs)
    if names and names.group(1).lower().endswith("@alarm") and all(s.value != names.group(1) for s in state.jetson):
        state.jetson.append(Sighting("arm64 machine", names.group(1), raw))
    if state.after_groups_command and not state.session_groups:
        state.after_groups_command = False
        words = line.split(":", 1)[1].split() if " : " in line else line.split()
        if words and all(_GROUP_NAME.fullmatch(w) for w in words):
            state.session_groups = words
            reader.recognised.append("groups output: " + line)
            return
    if _GROUPS_COMMAND.match(line):
        state.after_groups_command = True
        return
    if "/etc/group" in line or "getent" in line:
        state.group_query = state.group_query or bool(_GROUP_QUERY.search(line))
    _read_available(state, line, raw)
    if state.calls_possible:
        _read_call_past_start_up(state, line, raw)
    if raw.startswith("root@") and _ROOT_SESSION.match(raw):
        _note_word(state, "root session", raw)
    place = _place_label(line)
    if place is not None:
        state.where = state.labelled = place
    prompt = _prompt_place(state, raw)
    named = _PROMPT_HOST.match(raw) if prompt == "" else None
    if named:
        state.machine = named.group("host")
        if _WINDOWS_HOST_NAME.fullmatch(state.machine):
            state.x86.append(Sighting("x86 / discrete GPU", state.machine, raw))
    if prompt == "container":
        state.where = "container"
        _note_word(state, "container", raw)
    elif prompt is not None:  # a host's named prompt: back outside any container
        state.where = ""
    elif raw.startswith("$ "):  # a bare prompt: where the last label put it, else the host
        state.where = state.labelled
    release = RELEASE_LINE.search(line)
    if release:
        found = release.group(0).strip()
        parsed = parse_release(found if found.startswith("#") else "# " + found)
        value = l4t_from_release(parsed) if parsed else None
        if value and parsed and state.where == "container":  # the image's own release file: see _settle_releases
            state.inner_releases.append((Sighting("image L4T", value, raw), parsed))
            return
        if value:
            _note_release(state, value, raw)
            state.jetson.append(Sighting("L4T version", value, raw))
            state.jetson.append(Sighting("release file", value, raw))
            _read_model_before(state, line[:release.start()], raw)
        if state.release is None:
            state.release, state.l4t_line = parsed, raw
            reader.recognised.append("release line: " + line)
        return
    if _CSV_REMOVED.match(line):  # dpkg 'rc': the CSV files that say what the runtime mounts are gone
        state.absent.append(Sighting("CSV package removed", line.split()[1], raw))
        state.jetson.append(Sighting("nvidia-l4t package", line.split()[1], raw))
    missing = _NO_NODE.search(line)
    if missing:
        path = (missing.group(1) or missing.group(2)).rstrip("/")
        if len(state.absent) < MAX_FACTS and all(a.value != path for a in state.absent):  # a retried open, once
            state.absent.append(Sighting("no such node", path, raw))
        reader.recognised.append("absent node: " + line)
        return
    header = _DIR_HEADER.match(line) or _LS_COMMAND.search(line) or _LS_AT_PROMPT.match(raw)
    if header and not _LS.match(line):
        # ls of several paths names each folder in a header before its entries (nodes come with their full path)
        several = not _DIR_HEADER.match(line) and len(re.findall(r"\s/dev\b", line)) > 1
        state.directory = "/dev" if several else header.group(1)
        state.jetson += _signs_of(state, line)
        if _command_match(line):
            _read_command(state, line, raw)
        elif not _DIR_HEADER.match(line) and (prompt is not None or not _SHELL_PROMPT.match(raw)):
            state.where = state.labelled if prompt is None else prompt  # (bash-5.1$ is any place's: where it was)
        return
    ls = _LS.match(line)
    if ls:
        name = ls.group("name")
        folder = "/dev/dri" if state.directory == "/dev" and _DRM_NAME.fullmatch(name) else state.directory
        path = name if name.startswith("/") else posixpath.join(folder, name)
        node = ListedNode(path, ls.group("owner"), ls.group("group"), _mode(ls.group("perms")), ls.group("acl") == "+",
                          int(ls.group("major")), int(ls.group("minor")), raw, state.where)
        if not _add_node(state, node):
            return
        reader.recognised.append("node listing: " + line)
        if re.match(r"/dev/(?:nvmap|nvhost|nvgpu)", path):
            state.jetson.append(Sighting("Tegra node", path, raw))
        elif _DGPU_NODE.search(path):
            state.x86.append(Sighting("discrete-GPU node", path, raw))
        return
    stat = _STAT.match(line) or _STAT_GID.match(line)
    if stat:
        fields = stat.groupdict()
        if _add_node(state, ListedNode(fields["path"], fields.get("uid") or "?", fields["gid"], int(fields["mode"], 8),
                                       False, None, None, raw, state.where)):
            reader.recognised.append("stat line: " + line)
        return
    acl_file = _ACL_FILE.match(line)
    if acl_file:
        state.acl_path = "/" + acl_file.group(1).lstrip("/")
        return
    acl_user = _ACL_USER.match(line)
    if acl_user and state.acl_path:
        state.acls.append(Sighting("ACL", "{} {}:{}".format(state.acl_path, acl_user.group(1), acl_user.group(2)), raw))
        return
    stat_file = _STAT_FILE.match(line)
    if stat_file:
        state.stat_path = stat_file.group(1)
        return
    access = _STAT_ACCESS.match(line)
    if access and state.stat_path:
        mode, uid, _owner, gid, group = access.groups()
        if group and group != "UNKNOWN":
            reader.learn(group, int(gid), state.where)
        if _add_node(state, ListedNode(state.stat_path, uid, gid, int(mode, 8), False, None, None, raw, state.where)):
            reader.recognised.append("stat output: " + line)
        state.stat_path = None
        return
    idents = list(_ID.finditer(line))[:MAX_FACTS] if "uid=" in line or "\u7528\u6237id=" in line else []
    if idents:
        for ident in idents:  # each `id` on the line (two quoted in one sentence: root's, then the user's)
            _read_id(state, ident, raw)
        reader.recognised.append("id output: " + line)
        if len(_PROSE_AROUND.sub("", _ID.sub("", line))) < 24:
            return  # `id`'s own line; an `id` quoted in prose leaves the prose to read (a launch, the board)
    group = _GROUP_LINE.match(line)
    if group and len(state.group_lines) < MAX_FACTS and all(
            (g.name, g.gid) != (group.group(1), int(group.group(2))) for g in state.group_lines):
        members = tuple(m for m in group.group(3).split(",") if m)
        state.group_lines.append(Group(group.group(1), int(group.group(2)), members))
        state.group_places.add(state.where)
        reader.learn(group.group(1), int(group.group(2)), state.where)
        reader.recognised.append("group line: " + line)
        return
    if _read_command(state, line, raw):
        _read_words(state, line, raw)
        sightings = _signs_of(state, line)
        state.jetson += sightings
        # The prose before the command is the reporter's ("I'm on x86. But when I run `docker run ...`"); the
        # command's own words name an image, a mount or a device, not the machine.
        command = _command_match(line)
        if command is not None and command.start() > 0:
            _read_pc_signs(state, line[:command.start()], raw, sightings)
            _read_versions(state, line[:command.start()], raw)
        if elsewhere or (command is not None and command.start() > 0 and _on_another_machine(state, line, command.start())):
            state.elsewhere += [raw, line.strip()]  # (as printed, for the signs; cleaned of its prompt, for the launch)
        read_now = [launch for launch in state.launches[-1:] if launch.text == line.strip()]
        if any(d.split(":")[0] == "/dev/kfd" for launch in read_now for d in launch.devices):
            # AMD's compute node, passed in: only a PC with an AMD GPU has it
            state.x86.append(Sighting("x86 / discrete GPU", "/dev/kfd", raw))
        if not sightings:
            _read_pc_hint(state, line, raw)
        _read_image(state, line, raw)
        if _ENGINE_COMMAND.match(line):
            _read_login(state, line, raw)  # the command the engine runs: "docker exec dev su - dev -c ..."
        return
    _read_mentions(state, line, raw)


# A Windows client's prompt, PowerShell's or cmd's (PS C:\Users\me> ssh ..., C:\Users\me>ssh ...).
_WINDOWS_PROMPT = re.compile(r"^(?:PS\s+)?[A-Za-z]:\\[^<>\n]{0,200}>\s*(?=[a-z./])")


def _read_login(state: _State, line: str, raw: str) -> None:
    """A session path the line shows (_login_path), looked for only where a login word appears; typed at a Windows
    client's prompt too."""
    low = line.lower()
    login = _login_path().search(_WINDOWS_PROMPT.sub("", line)) if any(w in low for w in state.login_words) else None
    if login:  # (the switch, not the operator before it: "&& su dev" is `su dev`)
        state.logins.append(Sighting("session", login.group(0).strip().lstrip("&;|").strip(), raw))


def _add_node(state: _State, node: ListedNode) -> bool:
    """Keep a listed node once (the same listing pasted twice is one fact), and at most MAX_FACTS of them. A name cut off
    in the paste is kept as the node it starts, where it starts one only."""
    started = _started_name(node.path) if role_of(node.path) is None else None
    machine = "" if node.where else state.machine
    node = with_fields(node, path=started or node.path, printed=node.path if started else node.printed, machine=machine)
    key = (node.path, node.owner, node.group, node.mode, node.acl, node.where, machine)
    if key in state.node_keys or len(state.listed) >= MAX_FACTS:
        return False
    state.node_keys.add(key)
    state.listed.append(node)
    if not node.where:
        state.node_machines.add(state.machine)
    return True


def _started_name(path: str) -> Optional[str]:
    """The one inventory name (a pattern's fixed part, "*" after it where it has one) that ``path`` is a cut-off start of
    ("/dev/dri/rend" starts "/dev/dri/renderD*"); None where it starts several names, or none."""
    if len(path) < len("/dev/") + 3:
        return None
    started = [name for name in _inventory_names() if name.startswith(path) and name != path]
    return started[0] if len(started) == 1 else None


@functools.lru_cache(maxsize=1)
def _inventory_names() -> Tuple[str, ...]:
    """Each inventory pattern's fixed part, "*" after it where a wildcard follows ("/dev/dri/renderD*")."""
    fixed = [(pattern, pattern.split("*")[0].split("[")[0])
             for entry in inventory() for pattern in map(str, entry["patterns"])]  # type: ignore[call-overload]
    return tuple(dict.fromkeys(head + ("*" if head != pattern else "") for pattern, head in fixed))


def _command_match(line: str) -> Optional[Match[str]]:
    """Where a container launch or exec command starts in the line (the engines' names, looked for first, spare most
    lines the three searches)."""
    if not any(engine in line for engine in _ENGINE_NAMES):
        return None
    return RUN_LINE.search(line) or COMPOSE_RUN_LINE.search(line) or EXEC_LINE.search(line)


_ENGINE_NAMES = ("docker", "podman", "nerdctl", "kubectl", "oc ", "oc\t")


# A command on its line that was not run: after another's suggestion ("could you try `docker run ...`", "you should
# start it with", a quoted "> try starting it as ..."), or in a question of what would happen ("if I start it with
# `docker run -u 1000:1000 ...`, will ...?"). "If I run X I get:", "I could reproduce it with X" and a repro step's "Try
# running X" report what ran.
_TRY_BEFORE = re.compile(r"\btry(?:ing)?\b", re.I)
_SUGGESTED_BEFORE = re.compile(r"\b(?:could|would|can|should)\s+(?:you|we|one)\b|\byou\s+(?:could|should|can|might|may)\b|"
                               r"\b(?:suggest\w*|recommend\w*|advis\w*)\b", re.I)
_SUPPOSED_BEFORE = re.compile(r"\b(?:if|whether)\b", re.I)
_ASKED_AFTER = re.compile(r"\?|\b(?:will|would)\b", re.I)


def _not_run(line: str, start: int, quoted: bool) -> bool:
    """Whether the command that starts at ``line[start]`` is suggested or asked about rather than run (the question may
    end the line, past the command: commands hold '.' and ';' that no sentence ends at). ``quoted``: the line stands in
    a Markdown quote, where "try ..." is another's advice. A label before a colon may say so too ("The README's quick
    start: docker run ...", "Not tried yet: ...")."""
    before = line[:start]
    colon = line.startswith(":", start) or before.rstrip().endswith(":")  # (a command's match may begin at the colon)
    label = colon and _NOT_RUN_LABEL.search(before.rstrip().rstrip(":").split(":")[-1])
    return bool(_SUGGESTED_BEFORE.search(before) or (quoted and _TRY_BEFORE.search(before)) or label
                or (_SUPPOSED_BEFORE.search(before) and _ASKED_AFTER.search(line, start)))


# A label that puts the command after it elsewhere than in this run: documentation, an example, an alternative, a plan
# (not "could": "I could reproduce it with:" ran it; _SUGGESTED_BEFORE reads "could you").
_NOT_RUN_LABEL = re.compile(r"\b(?:readme|docs?|documentation|guide|manual|wiki|quick\s*start|example|e\.g|tutorial|"
                            r"workaround|alternative|instead|avoid|rather|suggest\w*|recommend\w*|advi[cs]\w*|propos\w*|"
                            r"plan(?:ned)?|someone|untested|not\s+(?:yet\s+)?tried|"
                            r"(?:haven't|have\s+not|didn't|did\s+not|never)\s+(?:yet\s+)?(?:tried|run|used))\b", re.I)


def _run_as_said(pattern: Pattern[str], line: str, raw: str) -> bool:
    """Whether ``pattern`` matches where nothing around it on the line makes it a suggestion or a question (an option
    inside a command is as run as the command)."""
    said = pattern.search(line)
    if said is None:
        return False
    command = _command_match(line) if said.start() else None
    start = command.start() if command is not None and command.start() <= said.start() else said.start()
    return not _not_run(line, start, raw.startswith(">"))


def _read_command(state: _State, line: str, raw: str) -> bool:
    """A container launch or exec line; the command it runs inside sets where later listings come from. A command
    only suggested or asked about is none: nothing ran."""
    start = _command_match(line)
    if start is not None and _not_run(line, start.start(), raw.startswith(">")):
        return False
    launch = from_run_line(line) or from_compose_run_line(line)
    if launch is not None:
        state.launches.append(launch)
        state.reader.recognised.append(launch.source + ": " + line)
        state.where = "container" if launch.command else ""
        shell = len(launch.command) == 1 and posixpath.basename(launch.command[0]) in _SHELLS  # a bare shell: no -c
        prompt = _PROMPT_HOST.match(raw)
        state.shell_from = (prompt.group("user"), prompt.group("host")) if shell and prompt else None
        _inner_listing(state, launch.command)
        return True
    execed = from_exec_line(line)
    if execed is not None:
        state.execs.append(execed)
        state.reader.recognised.append(execed.engine + " exec: " + line)
        if execed.user:  # podman's exec -u drops --group-add GIDs; docker's adds them back (facts sheet §A.2, §A.3)
            kind = "{} exec -u {}".format(execed.engine, execed.user)
            state.logins.append(Sighting(kind, "keeps --group-add" if execed.engine == "docker" else "drops --group-add", line))
        state.where = "container" if execed.command else ""
        _inner_listing(state, execed.command)
        return True
    return False


def _read_inline_listing(state: _State, line: str, raw: str) -> None:
    """A node's listing a sentence holds in inline code, read where the sentence says it was taken (the host, the
    container); a sentence that says neither leaves it unread, since the prompts around it may be another place's."""
    host, inside = _HOST_SAID.search(raw), _CONTAINER_SAID.search(raw)
    if bool(host) == bool(inside):
        return
    where = state.where
    state.where = "container" if inside else ""
    _read_line(state, line, raw)
    state.where = where


def _prompt_place(state: _State, raw: str) -> Optional[str]:
    """Where a prompt puts the command after it: "container", "" for the host, or None for no named prompt.

    A container's prompt shows a hex id (CONTAINER_PROMPT), the host name of the container a pasted exec entered
    (`docker exec -it dev bash`, then `user@dev:/ws$`: a container named with --hostname or by compose shows its name),
    another host name than the one a shell was started from (`docker run -it IMAGE bash`, until that host's prompt is
    back, and shown by another user too: a second terminal of another machine shows the same user), a user with no name
    (bash's "I have no name!": a uid the passwd file lacks, as a container started with a numeric -u gets, where the
    paste starts one), or the place the reporter named it by ("container (as app)$"). Any other named prompt is the
    host's. The host's own prompt, or `exit`, ends the shell (the reading's state)."""
    named = _PLACE_PROMPT.match(raw)
    if named:
        return "" if named.group("place").lower() in ("host", "outside") else "container"
    if CONTAINER_PROMPT.match(raw):
        return "container"
    prompt = _PROMPT_HOST.match(raw)
    if prompt is None:
        return "" if _USER_PROMPT.match(raw) else None
    user, host = prompt.group("user", "host")
    if user == "I have no name!" and (state.launches or state.execs):
        return "container"
    if any(e.container == host for e in state.execs if e.command):
        return "container"
    if state.shell_from is not None:
        shell_user, shell_host = state.shell_from
        if host != shell_host and user != shell_user:
            return "container"
        if host == shell_host:
            state.shell_from = None  # the shell was left: the host's prompt again
    return "" if _USER_PROMPT.match(raw) else None


_SHELLS = ("bash", "sh", "zsh", "ash", "dash")
_LEAVES_THE_SHELL = re.compile(r"(?:^|[$#]\s)\s*(?:exit|logout)\s*$")


def _inner_listing(state: _State, command: Tuple[str, ...]) -> None:
    paths = [w for w in command if w.startswith("/dev")]
    if command and command[0] in ("ls", "stat") and len(paths) == 1:
        state.directory = paths[0].rstrip("/") or "/dev"


def _read_id(state: _State, ident: Match[str], raw: str) -> None:
    uid, name, gid, gname = int(ident.group(1)), ident.group(2), int(ident.group(3)), ident.group(4)
    groups = [gid]
    names = []
    printed = []
    if gname:
        state.reader.learn(gname, gid, state.where)
        names.append((gid, gname))
    for item in (ident.group(5) or "").split(","):
        match = re.match(r"(\d{1,10})(?:\(([^)]*)\))?$", item)
        if match:
            groups.append(int(match.group(1)))
            printed.append(match.group(0))
            if match.group(2):
                state.reader.learn(match.group(2), int(match.group(1)), state.where)
                names.append((int(match.group(1)), match.group(2)))
    identity = Identity(uid, name, gid, tuple(dict.fromkeys(groups)), tuple(names), raw, state.where)
    if all((i.uid, i.groups) != (identity.uid, identity.groups) for i in state.identities):
        state.identities.append(identity)
        if not identity.where:
            state.id_machines[identity.line] = state.machine
    if len(state.identities) == 1 and identity is state.identities[0]:
        state.session_groups = printed


def _read_versions(state: _State, line: str, raw: str) -> None:
    """The versions a line names of the system: its L4T release (a mention, a package), its JetPack and its container
    toolkit. Also read in the prose before a command ("JetPack 6.1, toolkit 1.18.2. Since then `docker run ...`")."""
    reader = state.reader
    low = line.lower()
    mention = _L4T_MENTION.search(line) if "l4t" in low else None
    named = _RELEASE_NAMED.findall(line) if mention is None and ("R2" in line or "R3" in line) else []
    if len(named) == 1:  # two on one line ("built for R35.4.1, runs R36.4.0") say which is the machine's in words only
        state.named_releases.append(Sighting("L4T", ".".join(named[0]), raw))
    package = _L4T_PACKAGE.search(line) if "nvidia-l4t-" in low else None
    listed = _PACKAGE_VERSION.match(line.strip()) if state.l4t_package else None
    if listed or (state.l4t_package and re.match(r"^\s*(?:package|[\w.+-]+:\s*$)", line, re.I)):
        state.l4t_package = False  # read, or the next package's stanza
    if _L4T_PACKAGE_ALONE.match(line.strip()):
        state.l4t_package = True
    for value in (mention.group(1) if mention else None, package.group(1) if package else None,
                  listed.group(1) if listed else None):
        if value and value.count(".") == 1:
            value += ".0"
        if value:
            _note_release(state, value, raw)
            state.jetson.append(Sighting("L4T version", value, raw))
            if state.release is None and state.l4t_line is None:
                state.l4t_line = raw
                reader.recognised.append("L4T version: " + line)
    majors = set(_JETPACK_NAMED.findall(line)) if "jetpack" in low or "jp" in low else set()
    if majors - state.jetpack_majors and (state.jetpack_majors or len(majors) > 1):
        _note_word(state, "two JetPack releases", raw)  # an image built on one, a host flashed with the other
    state.jetpack_majors |= majors
    jetpack = _JETPACK_STATED.search(line) if "jetpack" in low else None
    if jetpack and state.stated is None:
        state.stated = jetpack.group(1) or jetpack.group(2) or jetpack.group(3)
        reader.recognised.append("JetPack stated: " + line)
    toolkit = _TOOLKIT.search(line) if "container" in low or "toolkit" in low or "nvidia-ctk" in low \
        or "cli-version" in low else None
    # libnvidia-container has its own version (1.10.0 beside toolkit 1.11.0 on JetPack 5.1.2): the toolkit's row wins;
    # and of two machines', the failing one's
    if toolkit and (state.toolkit is None or ("libnvidia-container" in state.toolkit.line.lower()
                                              and "libnvidia-container" not in low)
                    or _fails_where_the_first_works(state.toolkit.line, line)):
        # "worked with toolkit 1.16.2, then apt upgraded it to 1.18.2": the version it went to is the one now
        moved = _TOOLKIT_ARROW.match(line, toolkit.end()) or _TOOLKIT_MOVED.search(line, toolkit.end())
        sighting = Sighting("container toolkit", next(v for v in moved.groups() if v) if moved else toolkit.group(1), raw)
        if not _on_another_machine(state, line, toolkit.start()):
            state.toolkit = sighting
        elif state.toolkit_elsewhere is None:
            state.toolkit_elsewhere = sighting
            state.elsewhere.append(raw)


# ... said to work there, the sentence's own words: a comparison with the machine that fails ("the same test passes")
WORKS_THERE = re.compile(r"\b(?:works?|worked|passe[sd]|pass|fine|succeed(?:s|ed)?|runs?\s+(?:fine|well|ok)|"
                         r"in\s+the\s+same\s+way)\b", re.I)  # (the same steps on another machine: its yardstick)
# ... or the place it names is this machine after all: a command run on it from another ("from my laptop I ssh into
# the board"), a version set on it ("... to 1.18.2 on the Orin")
_THIS_MACHINE = re.compile(r"\bssh(?:ed)?\s+(?:in)?to\b|\b(?:on|in|into)\s+(?:the|this)\s+(?:jetson|orin|xavier|nano|thor|"
                           r"board|device|devkit|module)\b", re.I)


# A line's words that the work runs there (a check's True among them), or that it fails: of two machines' toolkit
# versions, one line each, the failing one's decides.
# (a failure said not to happen is a run: "runs with no errors", "no Permission denied there"; a run only some sessions get
# is none: "works as root only")
_NO_FAILURE = r"\b(?:no|without(?:\s+any)?|never)\s+(?:[\w-]+\s+)?(?:errors?|fail\w*|denied)\b"
_RUNS_THERE = re.compile(WORKS_THERE.pattern + r"|\b(?:true|ok)\b|" + _NO_FAILURE, re.I)
_FAILS_THERE = re.compile(r"(?<!\bno )(?<!\bwithout )(?<!\bnever )\b(?:errors?|fail(?:s|ed|ing|ure)?|denied|false|broke|"
                          r"broken|not\s+work\w*|(?:doesn't|does\s+not|didn't|did\s+not)\s+work)\b|\b(?:801|999)\b", re.I)
_FOR_SOME_ONLY = re.compile(r"\bonly\b", re.I)


def _fails_where_the_first_works(first: str, line: str) -> bool:
    """Whether ``line``, naming a second toolkit version, fails where ``first``, naming the first, runs ("CI box: toolkit
    1.16.2 -> True" then "devkit: toolkit 1.19.1 -> Error 801"): the failing machine's version is the one read."""
    return bool(_RUNS_THERE.search(first)) and not _FAILS_THERE.search(first) and not _FOR_SOME_ONLY.search(first) \
        and bool(_FAILS_THERE.search(line)) and not _RUNS_THERE.search(line)


def _on_another_machine(state: _State, line: str, at: int) -> bool:
    """Whether the sentence that reaches line[at] places what it says before ``at`` on another machine, where it works
    ("On my x86 workstation with toolkit 1.18.2 the same test passes: docker run ..."): it is that machine's, when the
    paste shows a Jetson elsewhere (_settle_elsewhere)."""
    begin, end = sentence_span(line, at, at)
    said, sentence = line[begin:at], line[begin:max(end, at)]
    return bool(ANOTHER_MACHINE.search(said) or leftmost(state.pc_prose, said, said.lower())) and _works_there(sentence)


def _works_there(sentence: str) -> bool:
    """Whether a sentence that names another machine says the work runs there, and not on this one after all."""
    return bool(WORKS_THERE.search(sentence)) and not _THIS_MACHINE.search(sentence)


# The PC that flashes a Jetson, named as such: SDK Manager runs there, not on the board.
_FLASHING_HOST = re.compile(r"\bsdk\s?manager\b|\bflash(?:es|ed|ing)?\s+(?:the\s+)?(?:board|jetson|target|device)\b", re.I)


def _compared_machine(line: str, at: int) -> bool:
    """Whether the sentence that holds line[at] names another machine where the same work runs ("the same script works
    on our A100-80GB cloud box"): what it names there is the machine the failing one is compared with."""
    begin, end = sentence_span(line, at, at)
    sentence = line[begin:max(end, at)]
    return bool(ANOTHER_MACHINE.search(sentence)) and _works_there(sentence) and not _NOT_WITHIN.search(sentence) \
        and "n't" not in sentence


def _settle_elsewhere(state: _State) -> None:
    """A launch or toolkit another machine's sentence holds belongs to that machine where a line of the paste's own
    shows a Jetson (not an image's name): it is dropped; else it is this machine's after all."""
    naming_no_device = ("L4T image",) + ARM64_KINDS  # (an image's name, or an arm64 build or machine: no Jetson's)
    if any(s.kind not in naming_no_device and s.line not in state.elsewhere for s in state.jetson):
        state.launches = [launch for launch in state.launches if launch.text.split("\n")[0] not in state.elsewhere]
    elif state.toolkit is None:
        state.toolkit = state.toolkit_elsewhere


def _read_mentions(state: _State, line: str, raw: str) -> None:
    """Lines that are no listing: L4T and JetPack mentions, platform evidence, session paths, the toolkit."""
    low = line.lower()
    _read_words(state, line, raw)
    _read_versions(state, line, raw)
    sightings = _signs_of(state, line)
    state.jetson += sightings
    _note_model(state, sightings)
    _read_pc_signs(state, line, raw, sightings)
    state.elsewhere_next = line.rstrip().endswith(":") and _on_another_machine(state, line, len(line.rstrip()))
    if not sightings:
        _read_pc_hint(state, line, raw)
    _read_login(state, line, raw)
    _read_image(state, line, raw)
    found = _GPU_FOUND.search(line) if any(cue in low for cue in ("device", "chose", "available", "rendering", "capability")) \
        else None
    if found and state.gpu_found is None:
        state.gpu_found = Sighting("GPU in use", found.group(0), raw)
    versions = _CUDA_VERSIONS.search(line) if "runtime version" in low else None
    if versions and state.cuda_versions is None:
        state.cuda_versions = Sighting("CUDA driver / runtime", "{} / {}".format(versions.group(1), versions.group(2)), raw)


# A command that reaches another machine (PS C:\\Users\\me> ssh nvidia@orin): the line's prompt is the client's.
_REMOTE_LOGIN = re.compile(r"(?:^|[>$#]\s*)(?:ssh|scp|sftp)\s+\S", re.I)


# A link to a discussion (a forum thread, an issue, a question): its address holds that thread's words, not this machine's.
_DISCUSSION_LINK = re.compile(r"https?://(?:forums?\.[\w.-]+|[\w.-]*(?:stackoverflow|stackexchange|askubuntu|superuser|"
                              r"reddit)\.com|github\.com/[\w.-]+/[\w.-]+/(?:issues|pull|discussions))/\S*", re.I)


def _signs_of(state: _State, line: str) -> List[Sighting]:
    """The Jetson signs of a line, outside any link to a discussion it holds (_DISCUSSION_LINK)."""
    if "://" not in line or not _DISCUSSION_LINK.search(line):
        return remembered(state.memo, ("jetson", line, ""), _jetson_sightings, line, state.forms)
    found = _jetson_sightings(_unlinked(line), state.forms)
    return [Sighting(s.kind, s.value, line) for s in found]


def _unlinked(line: str) -> str:
    """The line with each link to a discussion blanked out, its length kept."""
    return _DISCUSSION_LINK.sub(lambda link: " " * len(link.group(0)), line)


def _read_pc_signs(state: _State, line: str, raw: str, sightings: Sequence[Sighting]) -> None:
    state.x86 += remembered(state.memo, ("pc", line, raw), _pc_signs, state, line, raw, sightings)


# A package asked for, or said not to be there ("apt install nvidia-utils-535", "Unable to locate package ..."): what
# the user wants on the machine, not what the machine is.
_WANTED_PACKAGE = re.compile(r"(?:^|[$#>]\s*|\bsudo\s+)(?:apt(?:-get)?|dnf|yum|zypper|pip3?|snap)\s+(?:-\S+\s+)*"
                             r"(?:install|search|show|policy)\b|\bunable to locate package\b|\bhas no installation candidate\b|"
                             r"\bis not installable\b", re.I)
# Prose after such a request, about the machine it ran on ("pip install -e . no longer works in my H100"): only an NVIDIA
# GPU named there is read, since the words around a package name its build ("gets me the x86_64 wheel"), not the machine.
_PROSE_AFTER_REQUEST = re.compile(r"\s(?:no longer|(?:does|did|do)(?:n't| not)|fails?|failed|works?|worked|broke|on|in|with|"
                                  r"for)\s", re.I)
# A package manager's row (`ii  libnvidia-cfg1-470:amd64 ...` from dpkg -l, `name/repo,now 1.2 amd64` from apt list):
# the packages of a machine the paste lists, which a fleet's paste may show beside the boards it names (a cluster's
# server beside its Jetson workers). One built for arm64 is an arm machine's own, a Jetson as often as a server.
_DPKG_STATUS = r"^\s*(?:ii|hi|rc|un|pn|i[UFWH])\s{2,}"
PACKAGE_ROW = re.compile(_DPKG_STATUS + r"\S|^\s*\S+/\S+,now\s")
_ARM64_PACKAGE_ROW = re.compile(_DPKG_STATUS + r"\S+\s+\S+\s+(?:arm64|aarch64)\b")


def _pc_signs(state: _State, line: str, raw: str, sightings: Sequence[Sighting]) -> List[Sighting]:
    """What a line says of a PC: the engine's host platform, an x86 or discrete-GPU word, a discrete GPU's node or
    software; ``sightings`` are the Jetson signs the same line shows, beside which a word may name an image only. A
    package asked for names no machine, though prose after the request may; an arm64 package row a PC's driver is no
    more than a hint of one."""
    wanted = _WANTED_PACKAGE.search(line)
    if wanted:
        prose = _PROSE_AFTER_REQUEST.search(line, wanted.end())
        if prose is None:
            return []
        after = " " * prose.start() + line[prose.start():]  # (the line's length kept: look-behinds and anchors hold)
        return [sign for sign in _machine_pc_signs(state, after, raw, sightings) if NVIDIA_GPU.search(sign.value)]
    found = _machine_pc_signs(state, line, raw, sightings)
    if _ARM64_PACKAGE_ROW.match(line):
        return [Sighting("PC hint", sign.value, sign.line) for sign in found]
    return found


# Words before a PC's word that name it as where something is built ("our CI builds on an x86_64 runner").
_BUILT_ON = re.compile(r"\b(?:build(?:s|ing)?|built|compil(?:e|es|ed|ing)|cross-compil\w*)\s+(?:\w+\s+){0,3}?on\s+"
                       r"(?:an?\s+|the\s+|our\s+|my\s+)?$", re.I)
# Words before a PC's word that name another machine than the failing one: where a program is packaged for a board
# ("I package the project on Windows x86_64", "bundled with PyInstaller on my Windows PC"), or a value a program is set
# to ("I hardcode the platform to amd64 and recompile").
_ANOTHER_MACHINE_BEFORE = re.compile(
    r"\b(?:packag|bundl)(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?on\s+(?:an?\s+|the\s+|our\s+|my\s+)?$|"
    r"\b(?:hard-?cod\w*|set|sets|setting|forc\w*|overrid\w*|chang\w*|spoof\w*)\s+(?:the\s+)?(?:target\s+)?"
    r"(?:platform|arch(?:itecture)?|target|os)\s+(?:to|as)\s+[`'\"]?$", re.I)
# Windows listed beside another system ("available on Windows and Linux", "Linux/Windows/macOS"): what a program
# supports or was tried on, not the machine the paste ran on.
_SYSTEMS_LISTED = re.compile(r"\bwin(?:dows)?\s*(?:,|/|&|\band\b|\bor\b)\s*(?:mac\s?os|os\s?x|linux)\b|"
                             r"\b(?:linux|mac\s?os|os\s?x)\s*(?:,|/|&|\band\b|\bor\b)\s*(?:(?:mac\s?os|os\s?x|linux)\s*"
                             r"(?:,|/|&|\band\b|\bor\b)\s*)?win(?:dows)?\b", re.I)
# Wine and the layers that run Windows programs on Linux: Windows named beside them is the program's world, not the
# machine's ("expose the Linux driver to Windows requests", wine-nvml).
_WINE = re.compile(r"\bwine(?:-\w+)?\b|\bproton\b", re.I)  # (not DXVK, which Windows runs natively too)
# An x86 word set against ARM right after it ("x86 not ARM", "x86_64 instead of aarch64").
_SET_AGAINST_ARM = re.compile(r"\s*,?\s*(?:and\s+)?(?:not|rather than|instead of)\s+(?:for\s+|on\s+)?(?:an?\s+)?"
                              r"(?:arm|arm64|aarch64)\b", re.I)
# ... said of a build ("this library is running on x86 not ARM", "the wheel is for x86_64, not aarch64"), not of the
# machine ("my host is x86_64, not ARM").
_BUILD_WORDS = (r"\b(?:built|compiled|builds?|wheels?|librar(?:y|ies)|binar(?:y|ies)|packages?|images?|downloads?|"
                r"redistributables?|releases?|installers?)\b")
_A_BUILD_S = re.compile(_BUILD_WORDS, re.I)
# The rest of a file name that makes it a download's archive for that architecture (the word found inside it).
_ARCHIVE_NAME = re.compile(r"[\w.+-]{0,80}?\.(?:tar\.gz|tar\.xz|tar\.bz2|tgz|zip)\b", re.I)  # (not an installer run here)
# A PC's word said of what a build or package is for, not of the machine: "only" right after it ("the CUDA
# redistributables are x86_64 only", "wheels ... x86-only"), or "available for" before it ("prebuilt wheels are only
# available for x86_64"), with a build's word before it in the sentence ("tested on x86_64 only" is the machine).
_ONLY_AFTER = re.compile(r"[- ]only\b", re.I)
_AVAILABLE_FOR = re.compile(r"\b(?:available|provided|published|shipped|released|built|compiled|made)\s+(?:only\s+)?for\s+"
                            r"(?:the\s+)?$|\bsupport(?:s|ed)?\s+(?:only\s+)?(?:in|on|for)\s+(?:the\s+)?$", re.I)
_A_BUILD_BEFORE = re.compile(_BUILD_WORDS + r"[^\n.;]{0,60}$", re.I)
# ... unless the words after it say it is this machine too ("which is what I run", "on this very machine").
_THIS_MACHINE_TOO = re.compile(r"[^\n.;]{0,30}?(?:\bwhich\s+is\s+what\s+(?:i|we)\s+(?:run|have|use)\b|"
                               r"\bon\s+this\s+(?:very\s+|same\s+)?(?:machine|box|host|pc|computer|server)\b|"
                               r"\blike\s+(?:mine|ours|my\s+(?:machine|pc|box))\b)", re.I)
# Words before a PC's word that say the machine is not one ("aarch64 rather than x86_64", "arm64, not amd64").
_SAID_NOT_TO_BE = re.compile(r"(?:\brather than|\binstead of|\bunlike|\bother than|\b(?:is|was|were|are)n't|"
                             r"(?:\b(?:is|was|were|are)|['\u2019](?:s|re))\s+not|(?<!but),\s*not|\(\s*not)"
                             r"\s+(?:an?\s+|the\s+)?$", re.I)


# Words that say a notebook was run, beside a link to it on Google's Colab: the notebook ran on Colab's machine.
_RUN_A_NOTEBOOK = re.compile(r"\b(?:run|runs|ran|running|tried|trying|execut\w+|opened|opening)\b", re.I)
# What joins builds listed one after another ("x86_64 or win_amd64", "amd64, x86_64 and ppc64le").
_LISTED_AFTER = re.compile(r"\s*(?:,\s*|/\s*|\s(?:or|and)\s+|,\s*(?:or|and)\s+)")
# Ubuntu's stock kernels by their release ("5.15.0-112-generic", "6.8.0-1019-aws", Pop!_OS's "6.6.10-76060610-generic"),
# and Debian's, whose version string names it ("#1 SMP Debian 4.9.110-3+deb9u4"), which no Jetson runs: L4T's kernel is
# -tegra, and Canonical's for Jetsons -nvidia-tegra. A weak sign of a PC: a paste about a Jetson shows the PC that
# flashes it, or one said to work, by the same line.
_STOCK_FLAVOURS = ("-generic", "-lowlatency", "-oem", "-aws", "-azure", "-gcp", "-gke", "-oracle", "-kvm")
_STOCK_KERNEL_WORDS = _STOCK_FLAVOURS + (" debian ",)  # (what a line must hold before the pattern runs)
_STOCK_KERNEL = re.compile(r"(?<![\w.+~])\d\.\d{1,2}\.\d{1,4}-\d{1,12}-(?:" + "|".join(f[1:] for f in _STOCK_FLAVOURS) + r")\b|"
                           r"\bSMP(?:\s+PREEMPT\w*)?\s+Debian\s+\d(?![^\n]*\+rp[it])")  # (not Raspberry Pi OS's: +rpt1)


def _said_of_a_build(line: str, sign: Match[str]) -> bool:
    """Whether a PC's word on ``line`` names what a build or package is for (_ONLY_AFTER, _AVAILABLE_FOR), and not
    the machine too (_THIS_MACHINE_TOO)."""
    before = line[max(0, sign.start() - 80):sign.start()]
    return bool((_ONLY_AFTER.match(line, sign.end()) or _AVAILABLE_FOR.search(before)) and _A_BUILD_BEFORE.search(before)
                and not _THIS_MACHINE_TOO.match(line, sign.end()))


def _past_builds(state: _State, line: str, x86: Optional[Match[str]]) -> Optional[Match[str]]:
    """The first PC word on ``line`` from ``x86`` on that is not said of what a build is for ("the redistributables are
    x86_64 only"), nor listed after one that is ("only support in x86_64 or win_amd64"): the rest of the line is read."""
    masked, listed_from = line, -1
    while x86 and (_said_of_a_build(masked, x86) or (listed_from >= 0 and _LISTED_AFTER.fullmatch(
            masked, listed_from, x86.start()))):
        masked, listed_from = masked[:x86.start()] + " " * (x86.end() - x86.start()) + masked[x86.end():], x86.end()
        x86 = leftmost(state.x86_parts, masked, masked.lower()) or leftmost(state.pc_stack, masked, masked.lower())
    return x86


# Mesa's EGL loader speaking: software in the image, which any machine's container may carry.
_MESA_LOADER = re.compile(_MESA_LOADER_WORDS, re.I)


def _machine_pc_signs(state: _State, line: str, raw: str, sightings: Sequence[Sighting]) -> List[Sighting]:
    found: List[Sighting] = []
    if "://" in line:
        if "colab.research.google.com" in line.lower() and _RUN_A_NOTEBOOK.search(line):
            found.append(Sighting(PC_PROSE, "Google Colab", raw))  # (a Colab notebook run: Google's cloud machine)
        line = _unlinked(line)
    low = line.lower()
    host_platform = _HOST_PLATFORM.search(line) if "host platform" in low else None
    if host_platform and host_platform.group(1).lower() in ("amd64", "x86_64"):
        found.append(Sighting("x86 / discrete GPU", "host platform linux/" + host_platform.group(1), raw))
    pc_words = (any(w in low for w in state.pc_words) and not host_platform and not _FOREIGN_ARTIFACT.search(line)
                and not _PLATFORM_PROBE.search(line) and not ("ssh" in low and _REMOTE_LOGIN.search(line)))
    x86 = (leftmost(state.x86_parts, line, low) or leftmost(state.pc_stack, line, low)) if pc_words else None
    x86 = _past_builds(state, line, x86)
    kind = "x86 / discrete GPU"
    if x86 and x86.group(0).lower() == "nouveau" and _ARM_WORDS.search(line):
        x86 = None  # nouveau on arm is a Tegra's GPU under mainline Linux, not a PC's
    if pc_words and not x86:
        x86 = leftmost(state.pc_prose, line, low)
        kind = kind if _CPU_FIELD.search(line) else PC_PROSE
    if x86 and _SAID_NOT_TO_BE.search(line[max(0, x86.start() - 24):x86.start()]):
        x86 = None  # "arm64 rather than x86_64": what the machine is not
    if x86 and _SET_AGAINST_ARM.match(line, x86.end()) and _A_BUILD_S.search(line, max(0, x86.start() - 40), x86.start()):
        x86 = None  # "the library is built for x86, not ARM": two builds compared, not the machine named
    if x86 and _ARCHIVE_NAME.match(line, x86.end()):
        x86 = None  # "libtensorflow-cpu-linux-x86_64-1.14.0.tar.gz": the download's build, not the machine
    if x86 and _ANOTHER_MACHINE_BEFORE.search(line[max(0, x86.start() - 40):x86.start()]):
        x86 = None  # "I package the project on Windows x86_64", "hardcode the platform to amd64": not the failing machine
    if x86 and _FLASHING_HOST.search(line, *sentence_span(line, x86.start(), x86.end())):
        x86 = None  # "Host: Ubuntu 23.10 (sdkmanager)": the PC that flashes the board, not the board
    if x86 and _compared_machine(line, x86.start()):
        x86 = None  # "the same script works on our A100 cloud box": the machine the failing one is compared with
    if x86 and x86.group(0).lower().startswith("win") and _WINE.search(line):
        x86 = None  # Windows beside Wine: the Windows program's, on a machine that runs Linux
    if x86 and x86.group(0).lower().startswith("win") and _SYSTEMS_LISTED.search(line, *sentence_span(line, x86.start(), x86.end())):
        x86 = None  # "available on Windows and Linux": the systems a program supports, not the machine
    if x86 and _BUILT_ON.search(line[max(0, x86.start() - 40):x86.start()]):
        kind = PC_PROSE  # "CI builds on an x86_64 runner": the build's machine, named in words
    if x86 and _MESA_LOADER.match(x86.group(0)):
        kind = "PC hint"  # Mesa's loader runs in any image: a Jetson's container without NVIDIA's EGL falls back to it
    if x86 and not any(s.kind not in _NAMES_NO_HARDWARE for s in sightings):  # "an l4t image on an x86-64 host"
        found.append(Sighting(kind, x86.group(0), raw))
    # a stock kernel's release where the line shows nothing else ("Kernel Version: 5.15.0-112-generic"): a weak sign,
    # since it may be the PC that flashes the board, or one said to work
    stock = _STOCK_KERNEL.search(line) if not found and not sightings and any(
        word in low for word in _STOCK_KERNEL_WORDS) else None
    if stock:
        found.append(Sighting("PC hint", stock.group(0), raw))
    node = _DGPU_NODE.search(line)
    if node and not sightings and node.group(0).startswith(("/dev/", "/proc/")):
        found.append(Sighting("discrete-GPU node", node.group(0), raw))
    software = _PC_SOFTWARE.search(line) if (pc_words or "nvreg" in low) and not _CODEC_LISTED.match(line) else None
    if software and not x86 and not sightings:
        found.append(Sighting("PC software", software.group(0), raw))
    return found


def _read_pc_hint(state: _State, line: str, raw: str) -> None:
    low = raw.lower()
    found = leftmost(_PC_HINT, raw, low) or (_PC_IMAGE.search(raw) if any(cue in low for cue in _PC_IMAGE_CUES) else None)
    if found:
        state.x86.append(Sighting("PC hint", found.group(0).strip(" >[@"), raw))
    elif "nvidia-smi" in line and _SMI_COMMAND.search(line) and not _NOT_INSTALLED.search(line):
        state.x86.append(Sighting("nvidia-smi", "nvidia-smi", raw))


def _read_image(state: _State, line: str, raw: str) -> None:
    image = _IMAGE_L4T.search(line) if ":" in line and "/" in line else None
    if image and all(s.line != raw for s in state.images):
        state.images.append(Sighting("image L4T", image.group(1), raw))


def _unique(sightings: List[Sighting]) -> List[Sighting]:
    """Each (kind, value) once, where it was first seen; at most MAX_FACTS."""
    first: Dict[Tuple[str, str], Sighting] = {}
    for sighting in sightings:
        first.setdefault((sighting.kind, sighting.value), sighting)
    return list(first.values())[:MAX_FACTS]


_INSPECT_KEY = re.compile(r'^"(GroupAdd|Devices|Runtime|Privileged|User|Image|CapAdd|SecurityOpt)"\s*:\s*(.*[^\s,])?,?\s*$')


def _inspect_launch(text: str) -> Optional[Launch]:
    """`docker inspect` / `podman inspect` HostConfig and Config fields: the launch as the engine stored it."""
    if '"GroupAdd"' not in text and '"Runtime"' not in text:
        return None
    fields: Dict[str, List[str]] = {}
    current = None
    used = []
    for line in (raw.strip() for raw in normalise(text).split("\n")):
        key = _INSPECT_KEY.match(line)
        if key:
            current, rest = key.group(1), key.group(2) or ""
            used.append(line)
            fields[current] = _inspect_values(rest.lstrip("["))
            if not (rest.startswith("[") and not rest.endswith("]")):
                current = None
        elif current and line.startswith("]"):
            current = None
        elif current:
            used.append(line)
            fields[current] += _inspect_values(line)
    if not (fields.get("GroupAdd") or fields.get("Runtime")):
        return None

    def first(name: str) -> Optional[str]:
        values = fields.get(name)
        return values[0] if values else None

    return Launch("inspect", tuple(fields.get("GroupAdd", ())), tuple(fields.get("Devices", ())), first("User") or None,
                  first("Privileged") == "true", first("Runtime"), False, first("Image"), "\n".join(used), None,
                  tuple(fields.get("CapAdd", ())), tuple(fields.get("SecurityOpt", ())), (), None)


def _inspect_values(text: str) -> List[str]:
    """Quoted strings and booleans of one inspect line; a device entry gives its PathOnHost."""
    host = re.search(r'"PathOnHost"\s*:\s*"([^"]*)"', text)
    if host:
        return [host.group(1)]
    if re.match(r'^"\w+"\s*:', text):  # another field of a device entry
        return []
    return [a or b for a, b in re.findall(r'"([^"]*)"|\b(true|false)\b', text) if a or b]


def _compose_launches(text: str) -> List[Launch]:
    """Compose files (`services:`) with every service, else a compose fragment read as one launch."""
    raw = [line.rstrip() for line in normalise(text).split("\n")]
    starts = [i for i, line in enumerate(raw) if re.match(r"^\s*services\s*:\s*$", line)]
    launches: List[Launch] = []
    for start in starts[:8]:
        first = start
        while first > 0 and re.match(r"^(?:\s+\S|[\w.-]+\s*:|x-)", raw[first - 1]):
            first -= 1
        last = start + 1
        while last < len(raw) and (re.match(r"^(?:\s+\S|[\w.-]+\s*:\s*|\s*$)", raw[last])) and last - start < 2000:
            last += 1
        launches += from_compose_file(raw[first:last])
    if launches:
        return launches
    fragment = from_compose([cleaned for cleaned, _, inline in _lines(text) if not inline])
    return [fragment] if fragment is not None else []


_CDI_SPEC = re.compile(r"^[ \t]*cdiVersion:[^\n]*\n(?:[ \t-]*[\w.\"'-]+:[^\n]*\n|[ \t]*-[^\n]*\n){0,400}", re.M)


def _cdi_paths_only(text: str) -> Optional[str]:
    """The `cdiVersion:` line of a pasted CDI spec whose device nodes give only their paths (no fileMode, gid or uid):
    what toolkits before 1.18.2 generate, whose nodes runc creates 0666, owned by the user the container starts as
    (fact sheet A.2, observed with Podman and runc)."""
    spec = _CDI_SPEC.search(text)
    if spec is None or "deviceNodes:" not in spec.group(0) or re.search(r"^\s*-?\s*(?:fileMode|gid|uid):", spec.group(0), re.M):
        return None
    return spec.group(0).split("\n")[0]


def _substitution(command: str) -> Pattern[str]:
    """A value that is ``command``'s output, in either of the shell's forms: `$(command)` or `` `command` ``; what
    ``command``'s one group captures is the match's first or second group."""
    return re.compile(r"^(?:\$\(\s*{0}\s*\)|`\s*{0}\s*`)$".format(command))


# A group added by a shell's substitution or a variable, as launches are written to follow the host: the node's GID
# (`$(stat -c %g /dev/dri/renderD128)`, the fix this tool gives, or in backticks), a group's GID by name
# (`$(getent group render | cut -d: -f3)`) or a compose variable (`${RENDER_GID}`, with a default: `${RENDER_GID:-993}`).
_GID_OF_NODE = _substitution(r"stat\s+-c\s*['\"]?%g['\"]?\s+['\"]?(/dev/[\w./*?-]+)['\"]?(?:\s*\|\s*head\s+-n\s*1)?")
_GID_OF_GROUP = _substitution(r"getent\s+group\s+([\w.-]{1,32})\s*\|\s*(?:cut\s+-d\s*['\"]?:['\"]?\s+-f\s*3|"
                              r"awk\s+-F\s*['\"]?:['\"]?\s+['\"]\{\s*print\s+\$3\s*\}['\"])")
_SHELL_VARIABLE = re.compile(r"^\$(?:\{([A-Za-z_]\w{0,63})(?::?-\d{1,10})?\}|([A-Za-z_]\w{0,63}))$")
# What the paste shows for them, each found in one pass over the text: a `stat -c %g NODE` and the number on the line
# below it; a `getent group NAME` and the group's line below it; a `NAME=number` line (an .env file, an export).
_STAT_ANSWER = re.compile(r"\bstat[ \t]+-c[ \t]*['\"]?%g['\"]?[ \t]+['\"]?(/dev/[\w./-]{1,64})['\"]?[ \t]*\n[ \t]*(\d{1,10})[ \t]*$",
                          re.M)
_GETENT_ANSWER = re.compile(r"\bgetent[ \t]+group[ \t]+([\w.-]{1,32})[ \t]*\n[ \t]*\1:[^:\n]{0,64}:(\d{1,10}):", re.M)
_VARIABLE_SET = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w{0,63})[ \t]*=[ \t]*['\"]?(\d{1,10})['\"]?[ \t]*$", re.M)


def _groups_shown(text: str) -> Dict[Tuple[str, str], Set[str]]:
    """The numbers the paste shows for each substitution or variable a launch may add, keyed as _group_adds_shown
    looks them up. A GPU node's GID 0 is no host's (that is a container's view of it), so such an answer is left out."""
    shown: Dict[Tuple[str, str], Set[str]] = {}
    for match in itertools.islice(_STAT_ANSWER.finditer(text), MAX_FACTS):
        if match.group(2).lstrip("0"):
            shown.setdefault(("stat", match.group(1)), set()).add(match.group(2))
    for match in itertools.islice(_GETENT_ANSWER.finditer(text), MAX_FACTS):
        shown.setdefault(("group", match.group(1)), set()).add(match.group(2))
    for match in itertools.islice(_VARIABLE_SET.finditer(text), MAX_FACTS):
        shown.setdefault(("variable", match.group(1)), set()).add(match.group(2))
    return shown


# Each form of a computed group by the key its answers are shown under (_groups_shown); its one captured name is the
# first group that matched (a substitution's two shell forms capture in two groups, a variable's two spellings too).
_SHOWN_AS = (("stat", _GID_OF_NODE), ("group", _GID_OF_GROUP), ("variable", _SHELL_VARIABLE))


def computed_gid(added: str) -> bool:
    """Whether a group a launch adds is a number the shell computes: a node's or a group's GID (_GID_OF_NODE,
    _GID_OF_GROUP), not a variable that may hold a name."""
    return bool(_GID_OF_NODE.match(added) or _GID_OF_GROUP.match(added))


def _group_adds_shown(launch: Launch, shown: Dict[Tuple[str, str], Set[str]]) -> Launch:
    """The launch with each group it adds through a substitution or a variable replaced by the one number the paste
    shows for it (_groups_shown). One the paste does not show, or shows two numbers for (which one the launch saw is not
    shown), stays as written: a group no `id` is checked against. So does a variable's default (`${RENDER_GID:-993}`)
    with no value shown, since the environment the paste does not show may set the variable."""
    def resolved(added: str) -> str:
        found = ((kind, pattern.match(added)) for kind, pattern in _SHOWN_AS)
        key = next(((kind, next(filter(None, match.groups()))) for kind, match in found if match), None)
        values = shown.get(key, set()) if key else set()
        return next(iter(values)) if len(values) == 1 else added
    groups = tuple(resolved(g) if g.startswith(SHELL_COMPUTED) else g for g in launch.group_add)
    return launch if groups == launch.group_add else with_fields(launch, group_add=groups)


# A command run with sudo as root (no other user named), at a prompt: what follows it is root's output.
_SUDO_AS_ROOT = re.compile(r"^sudo\s+(?:-[EHSn]+\s+|--preserve-env(?:=\S+)?\s+)*(?!-)(?P<command>\S.*)$")


def _root_fails_too(text: str) -> List[str]:
    """The prompt line and output of a command run with sudo that prints what the same command printed without it, a
    failure: root fails as the user does ("$ python3 -c ..." and "$ sudo python3 -c ..." both end in 801)."""
    if "sudo" not in text:
        return []
    ran: Dict[str, str] = {}   # each command typed at a prompt, by its words, and the first line it printed
    rooted: List[Tuple[str, str, str]] = []
    lines = text.split("\n")[:MAX_CONTRAST_LINES]
    for at, line in enumerate(lines):
        prompt = PROMPT.match(line.strip())
        if prompt is None:
            continue
        command = line.strip()[prompt.end():].strip()
        printed = next((out.strip() for out in lines[at + 1:at + 4] if out.strip()), "")
        if not printed or PROMPT.match(printed) or not _FAILS_THERE.search(printed):
            continue
        sudo = _SUDO_AS_ROOT.match(command)
        if sudo:
            rooted.append((sudo.group("command"), line.strip(), printed))
        else:
            ran.setdefault(command, printed)
    return next(([typed, printed] for command, typed, printed in rooted if ran.get(command) == printed), [])


def read(text: str, memo: Optional[LineMemo] = None) -> TextFacts:
    """The facts of ``text``; ``memo`` carries what lines said by themselves from one reading to the next (explain's
    reading of each system of a mixed paste)."""
    part, windowed = window(text)
    joined = _joined(part)
    state = _State(holds_word(joined.lower()), {} if memo is None else memo)
    for line, raw, inline in _lines(joined):
        if inline and _LS.match(line):
            _read_inline_listing(state, line, raw)
        elif line:
            _read_line(state, line, raw)
    compose = _compose_launches(part)
    state.launches = [with_service(launch, compose) if launch.service_unseen else launch
                      for launch in state.launches] + compose
    state.launches += from_pod_spec([line.rstrip() for line in normalise(part).split("\n")]) if "containers:" in part else []
    devcontainer = from_devcontainer(part) if '"runArgs"' in part else None
    state.launches += [devcontainer] if devcontainer is not None else []
    if any(g.startswith(SHELL_COMPUTED) for launch in state.launches for g in launch.group_add):
        shown = _groups_shown(part)
        state.launches = [_group_adds_shown(launch, shown) for launch in state.launches]
    state.words += [Sighting("root fails too", "root fails too", line) for line in _root_fails_too(part)]
    inspected = _inspect_launch(part)
    if inspected is not None:
        state.launches.append(inspected)
    spec = _cdi_paths_only(part) if "cdiVersion" in part else None
    if spec is not None:
        _note_word(state, "CDI spec, paths only", spec)
    state.reader.recognised += ["compose: " + line for launch in compose[:1] for line in launch.text.split("\n")]
    named = list(dict.fromkeys(s.value for s in state.named_releases))
    if len(named) == 1 and not state.releases and state.release is None:  # only where nothing stronger shows one
        sighting = state.named_releases[0]
        _note_release(state, named[0], sighting.line)
        state.jetson.append(Sighting("L4T version", named[0], sighting.line))
        state.l4t_line = state.l4t_line or sighting.line
    _settle_releases(state)
    _settle_elsewhere(state)
    answers = state.available_answers
    # True and False: two sessions, and no proof for the failing one
    cuda_true = Sighting("CUDA available", answers[0][2], answers[0][1]) if answers and all(ok for ok, _, _ in answers) else None
    if state.release is not None:
        l4t = l4t_from_release(state.release)
    else:
        l4t = state.releases[0].value if state.releases else None
    tables = tuple(dict.fromkeys(c.jetpack for c in jetpack_for(l4t)))
    first = state.identities[0] if state.identities else None
    primary = failing_session(state.identities)
    if any(_PC_IMAGE.search(s.value) for s in state.x86) and _FOREIGN_ARTIFACT.search(part):
        state.x86 = [s for s in state.x86 if not _PC_IMAGE.search(s.value)]
    state.jetson, state.x86 = _unique(state.jetson), _unique(state.x86)
    observed = Observed(l4t, state.l4t_line, tables, state.stated, state.model, tuple(state.listed),
                        (first.user or None) if first else None, tuple(state.session_groups), tuple(state.group_lines),
                        _once(state.launches), tuple(state.jetson), tuple(state.x86), tuple(state.releases),
                        tuple(state.identities), tuple(state.absent), tuple(state.logins), _once(state.execs),
                        state.toolkit, tuple(state.images), state.cuda_versions, state.gpu_found, tuple(state.acls[:MAX_FACTS]),
                        windowed, max(map(len, part.split("\n")), default=0) > MAX_LINE, tuple(state.words), cuda_true,
                        _group_lines_partial(state, primary), _ids_elsewhere(state))
    if primary is not None and primary.line in observed.ids_elsewhere:
        state.reader.assumptions.append("the `id` was taken on {}, the nodes listed on {}: one machine's groups are not "
                                        "judged against another's nodes".format(state.id_machines[primary.line],
                                                                                ", ".join(sorted(state.node_machines))))
        primary = None
    parsed = _facts(state.reader, observed, state.release, primary)
    others = tuple(facts for identity in state.identities[:MAX_SESSIONS]
                   if identity is not primary and identity.line not in observed.ids_elsewhere
                   for facts in [_facts(state.reader, observed, state.release, identity).facts] if facts is not None)
    return TextFacts(parsed.facts, observed, tuple(dict.fromkeys(state.reader.assumptions)), parsed.recognised,
                     others)


def failing_session(identities: Sequence[Identity]) -> Optional[Identity]:
    """The pasted `id` of the session that fails, the one to diagnose: the first non-root one, when root's was pasted
    too; the one taken in the container, when the host's was pasted beside it."""
    users = [i for i in identities if i.uid != 0]
    return next((i for i in users if i.where == "container"), users[0] if users else next(iter(identities), None))


def _ids_elsewhere(state: _State) -> Tuple[str, ...]:
    """The `id` lines taken at one machine's prompt (nvidia@orin-a) where every node was listed at another's (orin-b)."""
    machines = state.node_machines
    if not machines or "" in machines:
        return ()
    return tuple(line for line, machine in state.id_machines.items() if machine and machine not in machines)


def _group_lines_partial(state: _State, session: Optional[Identity]) -> str:
    """Why the /etc/group lines shown are not the failing session's whole file (Observed.group_lines_partial)."""
    if not state.group_lines:
        return ""
    if session is not None and session.where == "container" and state.group_places == {""}:
        return "host"
    return "picked" if state.group_query else ""


def _facts(reader: _Reader, observed: Observed, release: Optional[TegraRelease], identity: Optional[Identity]) -> TextFacts:
    if identity is None or not observed.nodes:
        return TextFacts(None, observed, tuple(reader.assumptions), tuple(reader.recognised), ())

    name = identity.user or "uid{}".format(identity.uid)
    user = User(name, identity.uid, identity.gid, "/home/" + name, "")
    devices = []
    # (a session in the container opens the container's node: where the paste lists a node there too, that listing
    # is the one to judge, not the host's)
    inside = {n.path for n in observed.nodes if n.where == "container"} if identity.where == "container" else set()
    for node in observed.nodes:
        role = role_of(node.path)
        if role is None or (node.path in inside and node.where != "container"):
            continue
        gid = reader.gid_of(node.group)
        group_name = node.group if decimal(node.group) is None else reader.name_at(gid, node.where)
        uid = identity.uid if identity.user and node.owner == identity.user else reader.uid_of(node.owner)
        if node.acl:
            reader.assumptions.append("{} has a POSIX ACL whose entries were not shown (getfacl {})".format(
                node.path, node.path))
        devices.append(DeviceNode(node.path, role, NodeKind.CHAR, node.major, node.minor, uid, gid, group_name, node.mode, (),
                                  None, False, NodeOrigin.UNKNOWN))
    groups = list(observed.group_lines)
    shown = {g.gid for g in groups}
    unshown = [gid for gid in identity.groups if gid not in shown]
    if not groups:
        reader.assumptions.append("no /etc/group lines: the login view is taken to be the groups `id` printed")
    elif observed.group_lines_partial == "host":
        groups, unshown = [], list(identity.groups)
        reader.assumptions.append("the /etc/group lines shown are the host's, not the container's: the container's login "
                                  "view is taken to be the groups `id` printed")
    elif observed.group_lines_partial and unshown:
        reader.assumptions.append("only the /etc/group lines a query picked are shown: for the groups `id` printed that "
                                  "they do not show, the login view is taken to be `id`'s")
    if not groups or observed.group_lines_partial:
        for gid in unshown:
            groups.append(Group(reader.name_at(gid, identity.where) or "gid{}".format(gid), gid, (user.name,)))
    signals = tuple(dict.fromkeys("{}: {}".format(s.kind, s.value) for s in observed.jetson))
    if not signals and not observed.x86:  # explain is about Jetsons: a paste that shows no platform is judged as one
        signals = ("assumed",)
        reader.assumptions.append("the paste does not show the platform: the nodes are judged as on a Jetson")
    platform = Platform(observed.model, (), None, None, None, release, None, observed.l4t,
                        ("/etc/nv_tegra_release" if release else "pasted text") if observed.l4t else None,
                        jetpack_for(observed.l4t), signals)
    in_container = bool(observed.launches)
    engines = [launch.source.split()[0] for launch in observed.launches if launch.source != "compose"]
    container = Container(in_container, tuple(launch.source + " in the text" for launch in observed.launches),
                          engines[0] if engines else None, False, (), None)
    # The groups a pasted `id` shows are the groups that process had; a launch line does not add to them.
    process = ProcessInfo("pasted", user.uid, user.gid, tuple(sorted(set(identity.groups))), False, None, None)
    facts = Facts(SCHEMA_VERSION, __version__, "(pasted text)", platform, OsRelease(None, None, None, None), container,
                  (), tuple(devices), Accounts((user,), tuple(groups), ()), user, "id output", process, ())
    return TextFacts(facts, observed, tuple(dict.fromkeys(reader.assumptions)), tuple(reader.recognised), ())
