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


@pytest.mark.parametrize(("line", "ids"), [
    # a command given by its path
    ("/usr/sbin/usermod -G video,render appuser", ["usermod-replace"]), ("/bin/chmod 666 /dev/nvmap", ["chmod-666"]),
    ("/usr/sbin/groupadd -f -g 109 render", ["groupadd-force", "render-fixed-gid"]),
    # every spelling of a GID: attached, quoted, a variable (the fix itself), with -f combined
    ('groupadd -g"${RENDER_GID}" render', []), ("groupadd -g$RENDER_GID render", []),
    ('groupadd -g "109" render', ["render-fixed-gid"]), ("groupadd -g109 render", ["render-fixed-gid"]),
    ("groupadd -fg 109 render", ["groupadd-force", "render-fixed-gid"]), ("groupadd -g ${RENDER_GID} -f render", ["groupadd-force"]),
    ("groupadd render-users", []),
    # world-writable modes and the ways chmod reaches /dev
    ("chmod 777 /dev/nvhost-ctrl", ["chmod-666"]), ("chmod a+rwx /dev/dri/renderD128", ["chmod-666"]),
    ("chmod ugo+rw /dev/nvmap", ["chmod-666"]), ("chmod 0660 /dev/nvmap", []), ("chmod 775 /dev/nvmap", []),
    ("find /dev/ -name 'nvhost*' -exec chmod 666 {} \\;", ["chmod-666"]), ("ls /dev/nvhost* | xargs chmod 666", ["chmod-666"]),
    # long options and other tools that add a user to docker
    ("usermod --groups video app", ["usermod-replace"]), ("usermod --append --groups video app", []),
    ("usermod --append --groups docker app", ["docker-group"]), ("gpasswd --add app docker", ["docker-group"]),
    ("adduser app docker", ["docker-group"]),
])
def test_each_spelling_of_a_command_and_its_options_is_read(line: str, ids: List[str]) -> None:
    assert flagged(line) == ids


def test_a_continuation_with_blanks_after_its_backslash_is_joined() -> None:
    found = audit_text("FROM ubuntu:22.04\nRUN groupadd \\  \n    render\n", "dockerfile")
    assert "render-without-gid" in [f.id for f in found]


@pytest.mark.parametrize(("line", "ids"), [
    # only the GPU's nodes: a shared-memory folder, a serial port or a project's own dev folder are another matter
    ("chmod 1777 /dev/shm", []), ("chmod 777 /dev/ttyUSB0", []), ("find /workspace/dev/ -type d -exec chmod 777 {} +", []),
    ("find /dev -name 'nvhost*' -exec chmod 0666 {} \\;", ["chmod-666"]), ("find /dev -name nvhost* | xargs chmod 666", ["chmod-666"]),
    ("chmod o+rw,g+rw /dev/nvmap", ["chmod-666"]),
    # a user named docker is no user added to the docker group
    ("adduser --disabled-password --gecos '' docker", []), ("adduser --ingroup video docker", []),
])
def test_the_second_review_s_audit_cases(line: str, ids: List[str]) -> None:
    assert flagged(line) == ids


@pytest.mark.parametrize(("line", "ids"), [
    ('["usermod", "-aG", "docker", "app"]', ["docker-group"]),
    ('["/bin/sh", "-c", "chmod 666 /dev/nvmap"]', ["chmod-666"]),
    ('--mount=type=cache,target=/var/cache ["groupadd", "-f", "-g", "993", "render"]', ["groupadd-force", "render-fixed-gid"]),
    ('["/usr/sbin/usermod", "-G", "video", "app"]', ["usermod-replace"]),
    ('["usermod", "-aG", "video", "app"]', []),
])
def test_an_exec_form_instruction_is_read_as_the_command_it_runs(line: str, ids: List[str]) -> None:
    """RUN ["cmd", "arg"] runs the same command as RUN cmd arg: the rules read both, and quote the line as written."""
    assert flagged(line) == ids
    for finding in audit_text("FROM ubuntu:22.04\nRUN " + line + "\n", "dockerfile"):
        if finding.id != "base-image":
            assert finding.evidence == ("line 2: RUN " + line,)


def test_an_exec_form_too_deep_or_malformed_is_read_as_written() -> None:
    """A bracketed line that is no flat JSON list of strings (nested past the parser's depth, numbers, broken) is a
    shell-form line, as Docker reads it: no crash, and its words are still read."""
    deep = "[" * 200000 + "]" * 200000
    for line in (deep, '["usermod", 1]', '[usermod -aG docker app]'):
        assert audit_text("FROM ubuntu:22.04\nRUN " + line + "\n", "dockerfile")
    assert flagged("[usermod -aG docker app]") == ["docker-group"]


@pytest.mark.parametrize(("launch", "ids"), [
    ("podman run --group-add keep-groups -u 1000 myimg", ["group-add-keep-groups"]),
    ("podman run --group-add=keep-groups myimg", ["group-add-keep-groups"]),
    ("podman run --group-add render myimg", ["group-add-name"]),
    ("podman run --group-add 993 myimg", []),
])
def test_podman_s_keep_groups_is_no_group_name_and_carries_its_own_caveat(launch: str, ids: List[str]) -> None:
    """keep-groups is Podman's word for the caller's own groups, not a name the image resolves (fact sheet A.4)."""
    found = [f.id for f in audit_text(launch, "docker-run") if f.status != "pass" and f.id.startswith("group-add")]
    assert found == ids
