"""The container-start side of the fix: the entrypoint script and the host's docker flags.

The entrypoint (``entrypoint.sh``, POSIX sh so it runs in any image) applies the plan's rules at
every container start, for images that move between hosts or whose users log in over SSH.
``docker_args`` tells the host side: which nodes to pass and which numeric GIDs to add.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, List

if TYPE_CHECKING:
    from .model import Facts

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "entrypoint.sh")


def script() -> str:
    with open(SCRIPT, encoding="utf-8") as handle:
        return handle.read()


def docker_args(facts: Facts) -> str:
    """docker run flags and a compose snippet for the GPU nodes of ``facts`` (numeric GIDs only)."""
    from .diagnose import requirement_for  # here: 'entrypoint --print' needs none of the diagnosis
    from .model import NodeKind, Requirement

    nodes = [n for n in facts.devices
             if n.kind is NodeKind.CHAR and requirement_for(n.role, facts)[0] is not Requirement.OPTIONAL]
    if not nodes:
        return "# no GPU device nodes that CUDA needs were found on this machine\n"
    gids = sorted({n.gid for n in nodes if n.gid})
    group_add = " ".join("--group-add {}".format(g) for g in gids)
    devices = " ".join("--device {}".format(n.path) for n in nodes)
    lines: List[str] = [
        "# For this host's GPU nodes. GIDs are numbers: names differ between host and image.",
        "# Caveat: --group-add reaches the container process and docker exec only. SSH, su - and login",
        "# rebuild groups from the image's /etc/group; for those, see 'jetson-gpu-access entrypoint --print'.",
        "docker run --runtime nvidia {} IMAGE".format(group_add),
        "# without the NVIDIA runtime, pass the nodes yourself:",
        "docker run {} {} IMAGE".format(devices, group_add),
        "",
        "# docker compose",
        "services:",
        "  app:",
        "    runtime: nvidia",
        "    group_add:",
    ]
    lines += ['      - "{}"'.format(g) for g in gids]
    return "\n".join(lines) + "\n"
