"""A reporter's device as a lab profile: from a support bundle's facts or from pasted text.

Both sources end as the same typed ``Facts`` (a bundle stores them; :mod:`..textfacts` builds them
from text), so one function writes the profile. Only what the facts show becomes a value; every
value that had to be chosen (an engine nobody named, os-release fields the facts do not keep, a
GID that was never printed) is listed in the profile's ``assumptions``.
"""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any, Dict, List, Optional, Sequence

from ..injection import membership_free_process
from ..model import Facts, NodeKind, NodeOrigin
from ..probe.acl import render as render_acl
from . import profiles, schema
from .profiles import ProfileError

_NODE_TYPES = {NodeKind.CHAR: "char", NodeKind.DIRECTORY: "dir", NodeKind.REGULAR: "file"}


def _release_text(facts: Facts) -> Optional[str]:
    release = facts.platform.release
    if release is None:
        return None
    return "\n".join((release.first_line,) + tuple(release.extra_lines)) + "\n"


def _os_release_text(facts: Facts, assumptions: List[str]) -> str:
    os_release = facts.os_release
    fields = [("PRETTY_NAME", os_release.pretty_name), ("ID", os_release.id), ("VERSION_ID", os_release.version_id)]
    known = [key for key, value in fields if value is not None]
    if not known:
        assumptions.append("/etc/os-release was not shown; it is left empty")
    elif len(known) < len(fields):
        assumptions.append("/etc/os-release: only {} known; its other fields are left out".format(", ".join(known)))
    else:
        assumptions.append("/etc/os-release rebuilt from PRETTY_NAME, ID and VERSION_ID; its other fields are left out")
    return "".join("{}={}\n".format(key, json.dumps(value)) for key, value in fields if value is not None)


def _account_files(facts: Facts) -> Dict[str, str]:
    """The account lines the facts hold, in their order (duplicates kept), as verbatim files."""
    passwd = "".join("{}:x:{}:{}::{}:{}\n".format(u.name, u.uid, u.gid, u.home, u.shell) for u in facts.accounts.users)
    group = "".join("{}:x:{}:{}\n".format(g.name, g.gid, ",".join(g.members)) for g in facts.accounts.groups)
    return {"passwd": passwd, "group": group}


def _nodes(facts: Facts, assumptions: List[str]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for node in facts.devices:
        kind = _NODE_TYPES.get(node.kind)
        if kind is None or node.mode is None or node.gid is None:
            if node.kind is not NodeKind.OTHER or node.mode is not None:
                assumptions.append("{} ({}) is left out: the lab makes character nodes, folders and files".format(
                    node.path, node.kind.value))
            continue
        entry: Dict[str, Any] = {"path": node.path, "type": kind}
        if node.major is not None and node.minor is not None:
            entry.update(major=node.major, minor=node.minor)
        entry.update(uid=node.uid if node.uid is not None else 0, gid=node.gid, mode="{:04o}".format(node.mode & 0o777))
        named = [render_acl(e) for e in node.acl if e.tag in ("user", "group", "mask")]
        if named:
            entry["acl"] = named
        out.append(entry)
    return out


def _container(facts: Facts, login: Sequence[int], assumptions: List[str]) -> Optional[Dict[str, Any]]:
    ctr = facts.container
    if not ctr.in_container:
        return None
    engine = ctr.engine if ctr.engine in ("docker", "podman") else "docker"
    if engine != ctr.engine:
        assumptions.append("container engine {} taken as docker (the lab models docker and podman)".format(
            ctr.engine or "unknown"))
    origins = {n.origin for n in facts.devices}
    if NodeOrigin.BIND_MOUNTED in origins:
        dev = "bind-mounted"
    elif ctr.dev_filesystem == "devtmpfs" or NodeOrigin.HOST_DEV in origins:
        dev = "host-dev"
    else:
        dev = "created"
        if ctr.dev_filesystem is None:
            assumptions.append("how the nodes reached the container was not shown; taken as created by the runtime")
    process = facts.process
    extra = sorted(set(process.groups) - set(login)) if process is not None else []
    run_as: Optional[str] = None
    init, user = facts.runtime.init, facts.user
    if init is not None and user is not None and init.uid == user.uid:  # started as the user (-u)
        stripped = membership_free_process(facts) is not None
        run_as = "{}:{}".format(init.uid, init.gid) if stripped else user.name
        extra = sorted(set(init.groups) - ({init.gid} if stripped else set(login)))
    if extra:
        assumptions.append("the process's groups beyond its login groups ({}) are taken as --group-add".format(
            ", ".join(map(str, extra))))
    if ctr.user_namespace:
        assumptions.append("the lab runs no user namespace: unmapped GIDs are kept as the facts show them")
    return {"engine": engine, "dev": dev, "user": run_as, "group_add": extra,
            "privileged": facts.runtime.all_capabilities}


def _session(facts: Facts, container: Optional[Dict[str, Any]], assumptions: List[str]) -> Dict[str, str]:
    user = facts.user
    process = facts.process
    if user is None:
        raise ProfileError("the facts name no target user; diagnose with --user NAME and try again")
    if process is None or process.uid != user.uid:
        assumptions.append("the session of {} was not observed; taken as an SSH login".format(user.name))
        return {"user": user.name, "via": "ssh"}
    if process.ssh:
        return {"user": user.name, "via": "ssh"}
    if process.seat:
        return {"user": user.name, "via": "seat"}
    if container is not None:  # the container's first process when it was started as this user, else an exec
        return {"user": user.name, "via": "main" if container.get("user") else "exec"}
    assumptions.append("no SSH or seat signal in the session of {}: taken as a console login".format(user.name))
    return {"user": user.name, "via": "local"}


def from_facts(facts: Facts, name: str, title: str, sources: Sequence[str], assumed: Sequence[str] = ()) -> Dict[str, Any]:
    """A format-2 profile document reproducing ``facts``; ProfileError when they lack a target user."""
    if facts.user is None:
        raise ProfileError("the facts name no target user, so no session can be reproduced; diagnose with --user NAME "
                           "(or paste the output of id) and try again")
    assumptions: List[str] = list(assumed)
    login = sorted({facts.user.gid} | {g.gid for g in facts.accounts.groups if facts.user.name in g.members})
    platform: Dict[str, Any] = {"release": _release_text(facts), "os_release": _os_release_text(facts, assumptions),
                                "packages": {p.name: p.version for p in facts.packages},
                                "model": facts.platform.model, "compatible": list(facts.platform.compatible)}
    if facts.user.name not in {u.name for u in facts.accounts.users}:
        assumptions.append("user {} has no passwd line in the facts; one is added with UID {} and GID {}".format(
            facts.user.name, facts.user.uid, facts.user.gid))
    files = _account_files(facts)
    if facts.user.name not in {u.name for u in facts.accounts.users}:
        files["passwd"] += "{}:x:{}:{}::{}:/bin/bash\n".format(facts.user.name, facts.user.uid, facts.user.gid,
                                                               facts.user.home or "/home/" + facts.user.name)
    container = _container(facts, login, assumptions)
    document: Dict[str, Any] = {
        "format": profiles.FORMAT, "name": name, "title": title,
        "summary": "Reproduced from {}: the facts as they were reported, with the values that had to be assumed "
                   "listed under assumptions.".format(", ".join(sources)),
        "sources": list(sources), "assumptions": assumptions, "platform": platform,
        "accounts": files, "container": container,
        "devices": {"set": "none", "nodes": _nodes(facts, assumptions)},
        "session": _session(facts, container, assumptions),
    }
    document["assumptions"] = list(dict.fromkeys(assumptions))
    profiles.from_document(document, name, name)  # the written profile must load
    return document


def from_bundle(path: str, name: str) -> Dict[str, Any]:
    from ..bundle import read_diagnosis

    try:
        diagnosis = read_diagnosis(path)
    except ValueError as error:
        raise ProfileError("{}; give a bundle written by 'jetson-gpu-access bundle'".format(error)) from error
    facts = diagnosis.facts
    assumed = ["values the bundle redacted (other users' names, host names) stay as their placeholders"]
    return from_facts(facts, name, "Reproduced from support bundle {}".format(path.rsplit("/", 1)[-1]),
                      ["support bundle {}".format(path.rsplit("/", 1)[-1])], assumed)


def from_text(text: str, origin: str, name: str) -> Dict[str, Any]:
    from ..textfacts import read

    parsed = read(text)
    if parsed.facts is None:  # a device needs its nodes and a user's groups; say which of the two is missing
        missing = [need for need, shown in (
            ("the GPU nodes as `ls -ln /dev/nvmap /dev/dri/renderD*` prints them", parsed.observed.nodes),
            ("the user's groups as `id` prints them", parsed.observed.identities)) if not shown]
        raise ProfileError("the text does not show enough to reproduce a device; it also needs: {}".format(
            "; ".join(missing)))
    assumed = list(parsed.assumptions) + ["facts the text did not show (packages, device tree, os-release) are left out"]
    return from_facts(parsed.facts, name, "Reproduced from the report {}".format(origin.rsplit("/", 1)[-1]),
                      ["pasted report {}".format(origin.rsplit("/", 1)[-1])], assumed)


def renamed(profile: profiles.Profile, name: str) -> Dict[str, Any]:
    """``profile``'s document (format 2) under a new name: the start of a profile of one's own."""
    if not schema.is_name(name):
        raise ProfileError("{!r} is not a profile name: use lower-case letters, digits and '-'".format(name))
    document = dict(profile.raw, name=name)
    document["sources"] = list(document.get("sources", [])) + ["copied from lab profile {}".format(profile.name)]
    return document


def read_report(path: str) -> str:
    """A pasted report's text, through the profile reader's checks (regular file, size cap, UTF-8)."""
    data = profiles.read_bytes(path, "report")
    return data.decode("utf-8", "replace")


def write_new(document: Dict[str, Any], path: str) -> bool:
    """Write ``document`` to ``path`` unless something is there already (safeio.write_output, which
    never overwrites with ``replace`` False, follows no link and leaves nothing half written).
    False when ``path`` already held exactly this profile (nothing to do)."""
    from ..safeio import write_output

    profiles.from_document(document, str(document.get("name")), path)
    data = profiles.dump(document).encode("utf-8")
    if os.path.isfile(path) and not os.path.islink(path):
        with contextlib.suppress(ProfileError):
            if profiles.read_bytes(path) == data:
                return False
    write_output(path, data, "give another --output, a new file in a folder of your own, or remove what is there", replace=False)
    return True
