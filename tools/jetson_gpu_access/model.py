"""The typed values that flow from probe to diagnosis to renderers.

Everything is a frozen record (see :mod:`record`) or a string enum (a :mod:`choice`, an ``Enum`` to type
checkers), so results compare as whole values in tests and round-trip through JSON (see
:mod:`jetson_gpu_access.serde`). Facts hold what was observed and nothing judged; the diagnosis types hold
judgements with the evidence they rest on.
"""

from __future__ import annotations

from .choice import Choice
from .record import frozen_record

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Optional, Tuple

SCHEMA_VERSION = 1
# GIDs from here up are placeholders for a number the input did not show (explain reads `ls -l`
# output, which prints group names only); they match by name and are never written anywhere.
PLACEHOLDER_GID = 4000000000


class NodeKind(str, Choice):
    """What the path turned out to be, after following symlinks inside the root."""

    CHAR = "char"
    BLOCK = "block"
    REGULAR = "regular"
    DIRECTORY = "directory"
    BROKEN_LINK = "broken-link"
    OTHER = "other"


class NodeOrigin(str, Choice):
    """How a device node reached the root we look at; decides whether host ACLs are visible."""

    HOST = "host"                      # not in a container: the node is the host's own
    HOST_DEV = "host-dev"              # /dev is the host's devtmpfs (`-v /dev:/dev`)
    BIND_MOUNTED = "bind-mounted"      # the node itself is a mount point (host inode)
    CREATED = "created"                # made by the runtime in the container's /dev (new inode)
    UNKNOWN = "unknown"


class InjectionPath(str, Choice):
    """How the GPU nodes reached the root as a whole (data/toolkit.json "paths")."""

    HOST = "host"                  # not in a container
    CREATED = "created"            # made by the runtime in the container's tmpfs /dev: the toolkit band decides
    HOST_DEV = "host-dev"          # the host's devtmpfs bound in (-v /dev:/dev)
    BIND_MOUNTED = "bind-mounted"  # nodes bound in one by one (legacy mode, rootless --device)
    PRIVILEGED = "privileged"      # --privileged: every host device copied in
    UNKNOWN = "unknown"


class DriverStack(str, Choice):
    """The Jetson GPU kernel driver: nvgpu (Orin and older, also JetPack 7.2 Orin) or OpenRM (Thor)."""

    NVGPU = "nvgpu"
    OPENRM = "openrm"
    UNKNOWN = "unknown"


class Requirement(str, Choice):
    """How much CUDA depends on a node on this platform and release (from data/devices.json)."""

    REQUIRED = "required"   # CUDA cannot initialise without it
    USED = "used"           # opened when present; denial breaks CUDA or parts of it
    OPTIONAL = "optional"   # display, codecs, profiling: not needed for CUDA compute


class Rule(str, Choice):
    """The kernel rule that decided an access check (see access.py)."""

    ROOT = "root"
    OWNER = "owner"
    GROUP = "group"
    OTHER = "other"
    ACL_USER = "acl-user"
    ACL_GROUP = "acl-group"
    MISSING = "missing"
    NODEV = "nodev"
    NOT_A_DEVICE = "not-a-device"


class ViewKind(str, Choice):
    """The two sets of groups a user can hold; see docs/explanation/permission-model.md."""

    LOGIN = "login"        # rebuilt by initgroups(): SSH, su -, login
    PROCESS = "process"    # what a running process holds: --group-add, docker exec


class Severity(str, Choice):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Verdict(str, Choice):
    HEALTHY = "healthy"
    WARNING = "warning"
    PROBLEM = "problem"


# --- facts -----------------------------------------------------------------------------------


@frozen_record
class TegraRelease:
    """`/etc/nv_tegra_release`, parsed. ``anomalies`` lists what did not fit the format."""

    first_line: str
    major: Optional[int]
    revision: Optional[str]
    fields: Tuple[Tuple[str, str], ...]
    extra_lines: Tuple[str, ...]
    anomalies: Tuple[str, ...]


@frozen_record
class JetPackClaim:
    """What one maintained table says a given L4T release is; tables disagree in places."""

    source: str
    jetpack: str


@frozen_record
class Platform:
    model: Optional[str]
    compatible: Tuple[str, ...]
    module: Optional[str]
    soc: Optional[str]
    soc_name: Optional[str]
    release: Optional[TegraRelease]
    l4t_core_package: Optional[str]
    l4t: Optional[str]
    l4t_source: Optional[str]
    jetpack: Tuple[JetPackClaim, ...]
    jetson_signals: Tuple[str, ...]

    @property
    def is_jetson(self) -> bool:
        return bool(self.jetson_signals)

    @property
    def l4t_major(self) -> Optional[int]:
        if self.l4t is None:
            return None
        from .safeio import decimal  # a bundle or a fleet's JSON may hold any string here

        return decimal(self.l4t.split(".", 1)[0])


@frozen_record
class OsRelease:
    path: Optional[str]
    id: Optional[str]
    version_id: Optional[str]
    pretty_name: Optional[str]


@frozen_record
class Container:
    in_container: bool
    signals: Tuple[str, ...]
    engine: Optional[str]
    user_namespace: bool
    uid_map: Tuple[Tuple[int, int, int], ...]
    dev_filesystem: Optional[str]


@frozen_record
class Package:
    name: str
    version: str


@frozen_record
class AclEntry:
    """One POSIX ACL entry; ``perms`` holds r=4, w=2, x=1."""

    tag: str
    qualifier: Optional[int]
    perms: int


OTHERS_RW = 0o006  # the mode bits that let every user read and write a node, whatever groups they hold


def open_to_all(mode: Optional[int]) -> bool:
    """Read and write for others: no user's groups decide whether the node opens."""
    return mode is not None and mode & OTHERS_RW == OTHERS_RW


@frozen_record
class DeviceNode:
    path: str
    role: str
    kind: NodeKind
    major: Optional[int]
    minor: Optional[int]
    uid: Optional[int]
    gid: Optional[int]
    group_name: Optional[str]
    mode: Optional[int]
    acl: Tuple[AclEntry, ...]
    symlink_target: Optional[str]
    nodev: bool
    origin: NodeOrigin


@frozen_record
class User:
    name: str
    uid: int
    gid: int
    home: str
    shell: str


@frozen_record
class Group:
    name: str
    gid: int
    members: Tuple[str, ...]


class AnomalyCode(str, Choice):
    """What is wrong with a line of an account file; plan decides on these, never on the text."""

    CRLF = "crlf"                        # glibc keeps the CR in the last field
    NIS_ENTRY = "nis-entry"              # '+'/'-' compat line, ignored by nss_files
    NUL_BYTE = "nul-byte"
    MALFORMED = "malformed"              # skipped by glibc, kept verbatim by shadow-utils
    EMPTY_NAME = "empty-name"
    EXTRA_COLON = "extra-colon"          # becomes part of a member name
    DUPLICATE_NAME = "duplicate-name"
    DUPLICATE_ID = "duplicate-id"
    SEVERAL_ROOTS = "several-uid-0"


@frozen_record
class Anomaly:
    """One thing in ``path`` that glibc and shadow-utils read differently, or not at all."""

    code: AnomalyCode
    path: str
    line: Optional[int]
    name: Optional[str]
    text: str


@frozen_record
class Accounts:
    """This root's account databases as glibc would read them, plus what looked wrong."""

    users: Tuple[User, ...]
    groups: Tuple[Group, ...]
    anomalies: Tuple[Anomaly, ...]


@frozen_record
class ProcessInfo:
    """A process's credentials and session, from ``/proc/<pid>/status`` and its environment."""

    pid: str
    uid: int
    gid: int
    groups: Tuple[int, ...]
    ssh: bool
    seat: Optional[str]
    session_type: Optional[str]
    launcher: Optional[str] = None   # the nearest ancestor that switched users (su, sudo, sshd...): data/privilege_drops.json


@frozen_record
class CdiNode:
    """One deviceNodes entry of a CDI spec; mode and GID only when the spec sets them (toolkit >= 1.18.2)."""

    path: str
    mode: Optional[int]
    gid: Optional[int]


@frozen_record
class CdiSpec:
    path: str
    nodes: Tuple[CdiNode, ...]
    additional_gids: Tuple[int, ...]


@frozen_record
class EntrypointDrop:
    """A line of the container's entrypoint script that switches to a user (gosu, su-exec, setpriv, su...)."""

    path: str
    line: int
    tool: str        # a path id of data/privilege_drops.json
    text: str


@frozen_record
class Runtime:
    """What the launch left visible in this root: capabilities, CDI specs, toolkit mode, host-only devices."""

    cap_bounding: Optional[int]              # CapBnd of the probing process (all bits: --privileged, seen, not advised)
    cap_last: Optional[int]                  # /proc/sys/kernel/cap_last_cap
    cdi_specs: Tuple[CdiSpec, ...]
    toolkit_mode: Optional[str]              # nvidia-container-runtime.mode in config.toml
    host_only_devices: Tuple[str, ...]       # devices no default container /dev has (data/toolkit.json)
    init: Optional[ProcessInfo]              # PID 1 of the root: a container's main process
    entrypoint: Tuple[EntrypointDrop, ...] = ()   # user switches in PID 1's script

    @property
    def all_capabilities(self) -> bool:
        """The bounding set of a --privileged container: CAP_SYS_ADMIN and CAP_SYS_MODULE, which no default
        set has, and every other capability but at most two (a host whose own set lacks one passes that on)."""
        if self.cap_bounding is None or self.cap_last is None:
            return False
        missing = sum(1 for bit in range(self.cap_last + 1) if not self.cap_bounding >> bit & 1)
        return bool(self.cap_bounding >> 21 & 1 and self.cap_bounding >> 16 & 1) and missing <= 2


NO_RUNTIME = Runtime(None, None, (), None, (), None)


@frozen_record
class PartialRead:
    """An input the probe could not read in full, so the facts from it may be incomplete."""

    path: str
    reason: str        # "truncated" (larger than the reader's cap) or "unreadable" (e.g. permission denied)
    detail: str


@frozen_record
class Facts:
    schema: int
    tool_version: str
    root: str
    platform: Platform
    os_release: OsRelease
    container: Container
    packages: Tuple[Package, ...]
    devices: Tuple[DeviceNode, ...]
    accounts: Accounts
    user: Optional[User]
    user_source: str
    process: Optional[ProcessInfo]
    partial_reads: Tuple[PartialRead, ...] = ()   # inputs not read in full (finding INP-001)
    runtime: Runtime = NO_RUNTIME
    sessions: Tuple[ProcessInfo, ...] = ()   # other processes of the target user (exec, SSH) not diagnosed


# --- diagnosis -------------------------------------------------------------------------------


@frozen_record
class View:
    kind: ViewKind
    uid: int
    gid: int
    groups: Tuple[int, ...]
    origin: str


@frozen_record
class Decision:
    view: ViewKind
    granted: bool
    read: bool
    write: bool
    rule: Rule
    detail: str


@frozen_record
class NodeAssessment:
    path: str
    role: str
    requirement: Requirement
    needs: str
    decisions: Tuple[Decision, ...]


@frozen_record
class Subject:
    """What a finding is about, as values: plan and checks read these, never the title's words."""

    paths: Tuple[str, ...]
    gids: Tuple[int, ...]
    groups: Tuple[str, ...]
    views: Tuple[ViewKind, ...]
    anomalies: Tuple[AnomalyCode, ...]


@frozen_record
class Finding:
    code: str
    severity: Severity
    title: str
    evidence: Tuple[str, ...]
    remedy: str
    docs: str
    certainty: str
    subject: Subject


# The evidence a host in the toolkit's legacy mode gives instead of a band.
LEGACY_MODE = ("legacy mode: the toolkit mounts the host's own nodes into containers, whatever its version (fact sheet "
               "A.2), so no band decides them")


@frozen_record
class Injection:
    """How the GPU reached this root, which toolkit band made the nodes, and on what evidence."""

    path: InjectionPath
    band: Optional[str]            # a band id of data/toolkit.json; None when the evidence does not settle it
    candidates: Tuple[str, ...]    # every band the evidence allows
    driver: DriverStack
    engine: Optional[str]
    evidence: Tuple[str, ...]
    certainty: str                 # the band row's (INFERRED) or "observed" for a host's dpkg
    host_check: str                # what to run on the host when it cannot be told here; "" when told


@frozen_record
class Diagnosis:
    facts: Facts
    views: Tuple[View, ...]
    nodes: Tuple[NodeAssessment, ...]
    findings: Tuple[Finding, ...]
    verdict: Verdict
    injection: Optional[Injection] = None
