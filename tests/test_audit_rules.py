"""The image audit's rules on Dockerfile lines: each names its command and reads only that command's words."""

from __future__ import annotations

from typing import List

import pytest

from jetson_gpu_access.migrate import audit_text


def flagged(line: str) -> List[str]:
    return sorted(f.id for f in audit_text("FROM ubuntu:22.04\nRUN " + line + "\n", "dockerfile")
                  if f.status != "pass" and f.id != "base-image")


@pytest.mark.parametrize(("line", "ids"), [
    ("chmod 666 /dev/nvmap", ["chmod-666"]), ("chmod -R a+rw /dev/dri", ["chmod-666"]),
    ("usermod -aG docker app", ["docker-group"]), ("gpasswd -a app docker", ["docker-group"]),
    ("groupadd -f -g 993 render", ["groupadd-force", "render-fixed-gid"]),
    ("usermod -G video app", ["usermod-replace"]), ("usermod -a -G video app", []), ("usermod --append -G video app", []),
    ("groupadd render && usermod -aG render app", ["render-without-gid"]),
    ("groupadd --gid=993 render", ["render-fixed-gid"]), ('groupadd -g "$RENDER_GID" render', []),
])
def test_each_rule_names_what_it_reads(line: str, ids: List[str]) -> None:
    assert flagged(line) == ids


@pytest.mark.parametrize(("line", "ids"), [
    # another command's -g does not give groupadd a GID; another command's render is not the group added
    ("groupadd render && useradd -g 1000 app", ["render-without-gid"]),
    ("groupadd -g 44 video && groupadd -r render", ["render-without-gid"]),
    # a command word inside a path or another word is not that command
    ("/opt/usermod.sh -G video", []), ("echo no-chmod 666 /dev/nvmap", []),
    # -a given to another command does not make usermod append
    ("usermod -G video app; tar -a -cf x.tgz .", ["usermod-replace"]),
])
def test_a_rule_reads_its_own_command_only(line: str, ids: List[str]) -> None:
    assert flagged(line) == ids
