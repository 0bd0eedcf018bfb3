"""explain: the symptom index applied to pasted text (the first part of the explain capability)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetson_gpu_access import data
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.explain import explain
from jetson_gpu_access.textfacts import normalise

SYMPTOMS = data.load("symptoms")["symptoms"]

# Error lines as they appear in public reports (the line only; the URL says where).
QUOTED = [
    ("https://github.com/anduril/jetpack-nixos/issues/118",
     "Jul 27 12:26:37 nixos gdm-x-session[1085]: NvRmMemInitNvmap failed with Permission denied", "nvmap-denied"),
    ("https://github.com/NVIDIA/nvidia-container-toolkit/issues/210",
     "podman run --rm --device nvidia.com/gpu=all ubuntu nvidia-smi -L\nFailed to initialize NVML: Insufficient Permissions",
     "nvml-permissions"),
    ("https://github.com/NVIDIA/nvidia-docker/issues/1608", "Failed to initialize NVML: Insufficient Permissions",
     "nvml-permissions"),
]


@pytest.mark.parametrize("symptom", SYMPTOMS, ids=lambda s: s["id"])
def test_every_signature_is_recognised_on_its_own(symptom) -> None:  # type: ignore[no-untyped-def]
    for signature in symptom["signatures"]:
        assert symptom["id"] in [m.id for m in explain(signature).matches], signature


@pytest.mark.parametrize(("url", "text", "expected"), QUOTED)
def test_quoted_reports(url: str, text: str, expected: str) -> None:
    assert [m.id for m in explain(text).matches] == [expected], url


def test_pasted_text_is_cleaned_first() -> None:
    pasted = "```\r\n\x1b[31m$ python3 train.py\r\nRuntimeError: error 801: operation not supported\x1b[0m\r\n```\r\n"
    assert normalise(pasted) == "$ python3 train.py\nRuntimeError: error 801: operation not supported\n"
    match = explain(pasted).matches[0]
    assert (match.id, match.line) == ("cuda-801", "RuntimeError: error 801: operation not supported")


def test_look_alikes_are_not_called_permission_problems() -> None:
    result = explain("nvbuf_utils: Could not get EGL display connection")
    assert [m.id for m in result.matches] == ["egl-display"] and "not a GPU permission problem" in result.matches[0].causes[0]


@given(st.text(max_size=400))
def test_never_crashes_and_never_invents_a_signature(text: str) -> None:
    for match in explain(text).matches:
        assert match.signature.lower() in normalise(text).lower()


@pytest.mark.parametrize(("args", "code", "needle"), [
    (["error 801: operation not supported"], Exit.OK, "cuda-801"),
    (["all is well"], Exit.PROBLEM, "No known error signature"),
    (["--format", "markdown", "Unable to find group render"], Exit.OK, "Could you run"),
    (["--format", "json", "groups: cannot find name for group ID 993"], Exit.OK, '"id": "nameless-gid"'),
])
def test_cli(args, code: int, needle: str) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", "explain", *args], capture_output=True,
                            text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert result.returncode == code and needle in result.stdout, result.stderr


def test_reads_standard_input() -> None:
    result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", "explain", "-"], input="cuInit(0)=999\n",
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and "cuda-999" in result.stdout


LISTING = """$ cat /etc/nv_tegra_release
# R36 (release), REVISION: 4.0, GCID: 37537400, BOARD: generic, EABI: aarch64, DATE: Fri Sep 13 04:36:44 UTC 2024
$ ls -l /dev/nvmap /dev/dri
crw-rw---- 1 root video 10, 125 Sep 13 04:36 /dev/nvmap

/dev/dri:
crw-rw----+ 1 root render 226, 128 Sep 13 04:36 renderD128
alice@orin:~$ id
uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
"""


def test_a_pasted_session_is_diagnosed_like_a_probed_one() -> None:
    result = explain(LISTING)
    assert result.diagnosis is not None
    assert result.diagnosis.facts.platform.l4t == "36.4.0"
    decisions = {a.path: [d.granted for d in a.decisions] for a in result.diagnosis.nodes}
    assert decisions == {"/dev/nvmap": [True, True], "/dev/dri/renderD128": [False, False]}
    assert {f.code for f in result.diagnosis.findings} == {"ACC-003", "GRP-002"}
    assert any("'render' was not shown" in a for a in result.assumptions)
    assert any("getent group" in step for step in result.next_steps)


def test_with_group_lines_the_number_is_known() -> None:
    result = explain(LISTING.replace("crw-rw----+ 1 root render", "crw-rw---- 1 root 993") + "render:x:109:alice\n")
    assert result.diagnosis is not None
    assert {f.code for f in result.diagnosis.findings} >= {"GRP-003", "ACC-003"}


@given(st.lists(st.sampled_from(LISTING.splitlines() + ["garbage", "uid=0(root) gid=0(root)", "video:x:44:bob",
                                                          "# R35 (release), REVISION: 3.1", "crw------- 1 0 0 1, 3 x y z /dev/x"]),
                max_size=12))
def test_pasted_facts_are_never_invented(lines) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(lines)
    result = explain(text)
    if result.diagnosis is None:
        return
    facts = result.diagnosis.facts
    for node in facts.devices:
        assert node.path.rsplit("/", 1)[-1] in text
    assert facts.platform.l4t is None or "(release)" in text
    assert facts.user is not None and "uid={}(".format(facts.user.uid) in text


def test_docker_run_lines_are_audited() -> None:
    result = explain("$ docker run --privileged --group-add render -v /dev:/dev myimage\nerror 801: operation not supported")
    found = {f.id for f in result.audit}
    assert found >= {"privileged", "group-add-name", "dev-bind-mount"}
    assert "no-gpu-nodes" not in found  # the whole /dev bound in shows the nodes (that is its own problem)
    assert [m.id for m in result.matches] == ["cuda-801"]
