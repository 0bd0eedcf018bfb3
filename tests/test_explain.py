"""explain: the symptom index applied to pasted text (the first part of the explain capability)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, List, Optional, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainreading import JETSON_35, JETSON_36, ids, read_cause
from jetson_gpu_access import data
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.explain import explain, find_failure, render_markdown, render_text, to_jsonable
from jetson_gpu_access.textfacts import normalise, read

SYMPTOMS = data.load("symptoms")["symptoms"]
EXPLAIN_MODULES = [importlib.import_module("jetson_gpu_access.explain." + found.name)
                   for found in pkgutil.iter_modules(importlib.import_module("jetson_gpu_access.explain").__path__)]

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
    for signature in symptom["signatures"]:  # (beside the line a family needs in the paste, where it needs one)
        assert symptom["id"] in ids(symptom.get("beside", "") + "\n" + signature), signature


@pytest.mark.parametrize("symptom", [s for s in SYMPTOMS if "needs_in_paste" in s or "unless_in_paste" in s],
                         ids=lambda s: s["id"])
def test_what_a_family_needs_or_is_ruled_out_by_is_said_and_works(symptom) -> None:  # type: ignore[no-untyped-def]
    """`needs_in_paste` comes with `beside` (a line that holds it) and `unless_in_paste` with `unless_shown` (its words);
    both are lower case, as the lowered paste is searched; a signature alone, without its `beside`, is not the family."""
    assert ("needs_in_paste" in symptom) == ("beside" in symptom)
    assert ("unless_in_paste" in symptom) == ("unless_shown" in symptom)
    for field in ("needs_in_paste", "unless_in_paste"):
        if field in symptom:
            assert symptom[field] == symptom[field].lower() and re.compile(symptom[field]), field
    if "needs_in_paste" in symptom:
        assert re.search(symptom["needs_in_paste"], symptom["beside"].lower())
        for signature in symptom["signatures"]:
            assert symptom["id"] not in ids(signature), signature


@pytest.mark.parametrize(("url", "text", "expected"), QUOTED)
def test_quoted_reports(url: str, text: str, expected: str) -> None:
    assert ids(text) == [expected], url


def test_pasted_text_is_cleaned_first() -> None:
    pasted = "```\r\n\x1b[31m$ python3 train.py\r\nRuntimeError: error 801: operation not supported\x1b[0m\r\n```\r\n"
    assert normalise(pasted) == "$ python3 train.py\nRuntimeError: error 801: operation not supported\n"
    match = explain(pasted).matches[0]
    assert (match.id, match.line) == ("cuda-801", "RuntimeError: error 801: operation not supported")


def test_words_written_against_chinese_or_japanese_text_are_read_as_words() -> None:
    """Chinese, Japanese and Korean need no space between words, and a command or an error written right after such
    text ("运行sudo docker run ...", "ffmpeg报错Cannot load ...") is read as its own word."""
    assert normalise("运行sudo docker run --gpus all img") == "运行 sudo docker run --gpus all img"
    assert normalise("cuInitが801を返します; 1月 5 10:00") == "cuInit が 801 を返します; 1月 5 10:00"
    assert "cuda-801" in [m.id for m in explain("Orin 上 cuInit 返回801错误").matches]
    assert normalise("报错801（operation not supported）：ｉｄ") == "报错 801(operation not supported):id"
    # a path, a prompt and a localised key stay whole; a Korean date keeps its number
    for kept in ("-v /home/nvidia/桌面/模型:/models myimg", "nvidia@orin:~/桌面$ id", "用户id=1000(u) 组id=1000(u)",
                 "crw-rw---- 1 root render 226, 128  2월 20 10:01 /dev/dri/renderD128"):
        assert normalise(kept) == kept
    launch = explain("$ docker run -it --runtime nvidia -v /home/nvidia/桌面/模型:/models myimg bash").observed.launches
    assert [started.image for started in launch] == ["myimg"]
    assert find_failure("本地可以，容器里ffmpeg报错Cannot load libnvidia-encode.so.1") is not None


def test_look_alikes_are_not_called_permission_problems() -> None:
    result = explain("nvbuf_utils: Could not get EGL display connection")
    assert [m.id for m in result.matches] == ["egl-display"] and "not a GPU permission problem" in result.matches[0].causes[0]


@given(st.text(max_size=400))
def test_never_crashes_and_never_invents_a_signature(text: str) -> None:
    """A signature is the paste's own words, on one line (a match across a line break is joined by a blank)."""
    for match in explain(text).matches:
        assert "\n" not in match.signature and match.signature.lower() in " ".join(normalise(text).split()).lower()


def test_a_signature_across_two_lines_is_shown_on_one() -> None:
    result = explain("$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse\n")
    assert [m.signature for m in result.matches] == ["is_available())' False"]


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
    # the listing and the session are the host's, in one group database: the paste answers the group question itself
    assert not [step for step in result.next_steps if "stat -c" in step] and result.question is None
    # in a container the group's name may stand for another number: the one question is the node's GID by number
    inside = explain(LISTING.replace("alice@orin:~$ id", "$ docker run --runtime nvidia -u alice img id"))
    assert [step for step in inside.next_steps if "stat -c" in step]


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


# ---- issue 13: the classes of misreading, each with the paste form that showed it ----

ONLY_DRI = """$ ls -l /dev/dri
crw-rw---- 1 root render 226, 128 Sep 13 04:36 renderD128
$ id
uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
"""
ONLY_NVMAP = """$ ls -l /dev/nvmap
crw-rw---- 1 root video 10, 125 Sep 13 04:36 /dev/nvmap
$ id
uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
"""


@pytest.mark.parametrize(("text", "never"), [
    (ONLY_DRI, ["/dev/nvmap is missing", "DEV-002", "no character device at /dev/nvmap"]),
    (ONLY_NVMAP, ["no DRM render node", "DEV-001", "nvidia-l4t-core", "not a Jetson", "PLT-"]),
])
def test_what_a_partial_paste_does_not_show_is_unknown(text: str, never: List[str]) -> None:
    result = explain(text)
    said = render_text(result) + render_markdown(result) + json.dumps(to_jsonable(result))
    assert not [n for n in never if n in said]
    assert ("4000000000" not in said and "(GID not shown)" in said) or "render" not in text


BY_NUMBER = """$ stat -c '%a %g %n' /dev/dri/renderD128
660 993 /dev/dri/renderD128
$ id
uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),44(video)
cudaGetDeviceCount returned 801
"""


def test_a_gid_listed_by_number_without_etc_group_is_not_said_to_have_no_name() -> None:
    """`id` names only the groups it holds: whether 993 has a name is in /etc/group, which the paste does not show.
    A listing without the owner says so as such, not as a group."""
    said = render_text(explain(BY_NUMBER))
    assert "GRP-001" not in said and "no name" not in said and "(its name not shown)" in said
    assert "group 'user ?'" not in said and "did not show its node's owner" in said
    with_group = render_text(explain(BY_NUMBER + "$ cat /etc/group\nroot:x:0:\nvideo:x:44:ubuntu\nubuntu:x:1000:\n"))
    assert "GRP-001" in with_group and "no name" in with_group


def test_a_node_owned_by_the_session_s_user_by_name_is_its_own() -> None:
    text = "$ ls -l /dev/dri/renderD128\ncrw------- 1 ubuntu render 226, 128 Jan 1 00:00 /dev/dri/renderD128\n" \
           "$ id\nuid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu)\n"
    result = explain(text)
    assert not any(s.text.startswith("ERROR ACC-003") for s in result.statements)
    assert "UID of user 'ubuntu'" not in render_text(result)


def test_every_statement_has_its_line_or_says_it_is_assumed() -> None:
    result = explain(ONLY_DRI)
    clean = normalise(ONLY_DRI)
    for statement in result.statements:
        assert statement.assumed or (statement.evidence and all(line in clean for line in statement.evidence)), statement
    assert any(s.assumed and "'render'" in s.text for s in result.statements)


TEXTBOOK = """$ cat /proc/device-tree/model
NVIDIA Orin Nano Developer Kit
$ python3 -c 'import torch; torch.cuda.init()'
RuntimeError: CUDA error: operation not supported
$ ls -l /dev/dri/renderD128
crw-rw---- 1 root render 226, 128 Jan  1 00:00 /dev/dri/renderD128
$ id
uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),44(video)
"""


def test_the_textbook_case_is_read_as_the_render_node() -> None:
    result = explain(TEXTBOOK)
    assert result.observed.model == "NVIDIA Orin Nano Developer Kit" and result.observed.jetson
    assert result.cause.id == "render-node-denied"
    assert "not a Jetson" not in render_text(result)


@pytest.mark.parametrize("line", [
    "NVIDIA Orin Nano Developer Kit", "Jetson AGX Orin", "NVIDIA Jetson Xavier NX Developer Kit", "NVIDIA IGX Orin Developer Kit",
    "NVIDIA Jetson AGX Thor Developer Kit", "Model: NVIDIA Jetson Nano Developer Kit - Jetpack 4.6 [L4T 32.6.1]",
    "nvidia,p3768-0000+p3767-0005nvidia,p3767-0005nvidia,tegra234", "Linux orin 5.15.148-tegra #1 SMP PREEMPT aarch64 GNU/Linux",
    "ii  nvidia-l4t-core  36.4.3-20250107174145  arm64  NVIDIA Core Package",
    "RAM 2143/7620MB (lfb 2x4MB) SWAP 0/3810MB CPU [3%@729,1%@729] EMC_FREQ 0% GR3D_FREQ 0%",
    "P-Number: p3767-0005", "JETSON_L4T=35.2.1",
])
def test_every_form_a_jetson_names_itself_in_is_recognised(line: str) -> None:
    assert explain(line).observed.jetson, line


@pytest.mark.parametrize(("line", "symptom"), [
    ("cuInit(0) = 801", "cuda-801"),
    ("CUDA error: operation not supported", "cuda-801"),
    ("cudaGetDeviceCount returned 999", "cuda-999"),
    ("NvRmMemInitNvmap failed: Permission denied", "nvmap-denied"),
    ("cuda-check: cuInit returned 801 (CUDA_ERROR_NOT_SUPPORTED)", "cuda-801"),
    ("E tensorflow/stream_executor/cuda/cuda_driver.cc:313] failed call to cuInit: CUDA_ERROR_NOT_SUPPORTED: operation not supported",
     "cuda-801"),
    ("onnxruntime::CudaCall CUDA failure 801: operation not supported ; GPU=0", "cuda-801"),
    ("[TRT] CUDA initialization failure with error: 801", "cuda-801"),
    ("cupy_backends.cuda.api.runtime.CUDARuntimeError: cudaErrorNotSupported: operation not supported", "cuda-801"),
    ("numba.cuda.cudadrv.error.CudaSupportError: Error at driver init: Call to cuInit results in CUDA_ERROR_NOT_SUPPORTED (801)",
     "cuda-801"),
    ("ggml_cuda_init: failed to initialize CUDA: operation not supported", "cuda-801"),
    ('level=WARN source=gpu.go msg="cuda driver library init failure" error=801', "cuda-801"),
    ("Cuda failure: status=801 in cuResData at line 314", "cuda-801"),
    ("CUDA error: no CUDA-capable device is detected", "cuda-100"),
    ("RuntimeError: CUDA error: unknown error", "cuda-999"),
])
def test_signatures_are_families(line: str, symptom: str) -> None:
    assert symptom in ids(line), line
    assert symptom in ids(line.upper()), "any case: " + line


@pytest.mark.parametrize("text", [
    "$ nvidia-smi\nFailed to initialize NVML: Driver/library version mismatch",
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
    "$ uname -m\nx86_64\n$ ./deviceQuery\ncudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected",
])
def test_x86_look_alikes_get_their_own_cause(text: str) -> None:
    result = explain(text)
    assert result.cause.id == "x86-discrete-gpu" and "JetPack 4" not in render_text(result)


INSIDE_AND_OUT = """$ ls -ln /dev/dri/renderD128
crw-rw---- 1 0 993 226, 128 Jan  1 00:00 /dev/dri/renderD128
$ docker run --rm -u 1000:1000 --group-add 993 --runtime nvidia dustynv/l4t-pytorch:r36.4.0 ls -ln /dev/dri/renderD128
crw-rw---- 1 0 0 226, 128 Jan  1 00:00 /dev/dri/renderD128
"""


def test_a_command_inside_a_launch_keeps_the_launch_and_the_two_listings_are_compared() -> None:
    result = explain(INSIDE_AND_OUT)
    (launch,) = result.observed.launches
    assert (launch.user, launch.group_add, launch.command) == ("1000:1000", ("993",), ("ls", "-ln", "/dev/dri/renderD128"))
    assert [n.where for n in result.observed.nodes] == ["", "container"]
    compared = [s for s in result.statements if "different groups" in s.text]
    assert compared and "993" in compared[0].text and "0 (container)" in compared[0].text and len(compared[0].evidence) == 2


def test_id_without_names_is_read() -> None:
    (identity,) = explain("uid=1000 gid=1000 groups=1000,44,993").observed.identities
    assert (identity.uid, identity.groups) == (1000, (1000, 44, 993))



@pytest.mark.parametrize("line", [
    "`uid=1000(u) gid=1000(u) groups=1000(u),44(video),993(render)`",  # quoted inline
    "uid=1000(u) gid=1000(u) Gruppen=1000(u),44(video),993(render)",   # id under a German locale
    "uid=1000(u) gid=1000(u) grupos=1000(u),44(video),993(render)",    # Spanish
    "uid=1000(u) gid=1000(u) groupes=1000(u),44(video),993(render)",   # French
    "uid=1000(u) gid=1000(u) 组=1000(u),44(video),993(render)",         # Chinese
    "用户id=1000(u) 组id=1000(u) 组=1000(u),44(video),993(render)",      # Chinese, every label (zh_CN)
])
def test_id_quoted_or_localised_keeps_every_group(line: str) -> None:
    (identity,) = explain("Orin, JetPack 6.2, in the container:\n" + line + "\n").observed.identities
    assert identity.groups == (1000, 44, 993)


@pytest.mark.parametrize("attribution", ["> @maintainer wrote:\n", "@bob wrote:\n", "> **@bob** commented on Jan 5:\n"])
def test_another_person_s_post_quoted_in_a_reply_is_not_this_machine(attribution: str) -> None:
    """Their `id` and their working check are their machine's; the reporter's own lines decide."""
    quoted = attribution + ("> Works here, on my Orin:\n> uid=1000(bob) gid=1000(bob) groups=1000(bob),44(video),993(render)\n"
                            "> True\n")
    mine = ("\nNot for me:\nuid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)\n"
            "crw-rw---- 1 root 993 226, 128 Jan  5 10:00 /dev/dri/renderD128\ncuInit(0) = 801\n")
    result = explain(quoted + mine)
    assert [i.uid for i in result.observed.identities] == [1000] and result.observed.identities[0].groups == (1000, 44)
    assert result.cause.id == "render-node-denied"


@pytest.mark.parametrize("attribution", ["A forum post said:", "Someone on the forum suggested this:",
                                         "The accepted answer there says:", "Another user wrote:"])
def test_a_post_quoted_after_a_line_that_names_another_author_is_theirs(attribution: str) -> None:
    """A Markdown quote under a line that names another author without a mention (a forum post, someone, another
    user) is that author's words: their fix is not the reporter's, and the attribution line keeps its own facts."""
    text = ("Orin AGX, L4T R36.4.3. " + attribution + "\n> Downgrading to nvidia-container-toolkit 1.17.6 solved it\n"
            "I tried it; it did nothing for me.\n"
            "$ docker run -d --name lab --runtime nvidia --group-add video --group-add 993 -p 2200:22 lab:r36\n"
            "$ ssh -p 2200 dev@localhost id\nuid=1000(dev) gid=1000(dev) groups=1000(dev)\n"
            "RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported\n")
    result = explain(text)
    assert "downgrade-fixes" not in {m.id for m in result.matches}
    assert result.observed.l4t == "36.4.3" and result.cause.id == "login-drops-runtime-groups"
    mine = text.replace(attribution + "\n> ", "What I found:\n> ").replace("it did nothing for me", "it worked")
    assert "downgrade-fixes" in {m.id for m in explain(mine).matches}  # the reporter's own quote is theirs


@pytest.mark.parametrize(("opening", "theirs"), [
    ("From the accepted answer on the NVIDIA forum:\n", True),
    ("On Mon, Feb 3, 2025 at 4:12 PM Jane Maintainer <notifications@github.com> wrote:\n", True),
    ("Jane (@jane) wrote:\n", True),
    ("Someone on the forum wrote:\n\n", True),  # Markdown's blank line before the quote
    ("Like another user reported, I get:\n", False),  # the reporter's own output, as another's was
    ("Running it as a normal user it says:\n", False),
    ("As root it works, but as the user it said:\n", False),
    ("I followed the answer in this thread, and the container still says:\n", False),
    ("The post-install script said:\n\n", False),
])
def test_who_wrote_a_quote_is_read_from_the_line_that_opens_it(opening: str, theirs: bool) -> None:
    """A quote opened by a line that names another author (with or without a verb, an e-mail reply's header, a mention
    inside the line) is that author's; one the reporter introduces as their own output is theirs."""
    text = "Orin NX, L4T R36.4.3.\n" + opening + "> Downgrading to nvidia-container-toolkit 1.17.6 solved it\n"
    assert ("downgrade-fixes" not in ids(text)) == theirs


@pytest.mark.parametrize("before", ["The log said:\n", "I wrote:\n", "", "Jenkins wrote:\n", "> **me** wrote:\n",
                                    "The post-install script said:\n"])
def test_a_quote_no_other_person_is_named_for_is_the_reporter_s(before: str) -> None:
    """Only a mention (@name) says another person wrote it: a tool's log and the reporter's own post are theirs."""
    text = before + "> uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)\n> cuInit(0) = 801\n"
    assert [i.uid for i in explain(text).observed.identities] == [1000]


def test_a_listing_and_a_group_line_in_a_sentence_s_inline_code_are_read() -> None:
    text = ("`ls -l /dev/dri/renderD128` on the host: `crw-rw---- 1 root render 226, 128 Jan  5 10:00 "
            "/dev/dri/renderD128`, and `getent group render` gives `render:x:993:`.\n")
    observed = explain(text).observed
    assert [(n.path, n.group) for n in observed.nodes] == [("/dev/dri/renderD128", "render")]
    assert [(g.name, g.gid) for g in observed.group_lines] == [("render", 993)]
    assert all(line == text.strip() for n in observed.nodes for line in [n.line])  # the evidence is the paste's line


@pytest.mark.parametrize(("sentence", "where"), [
    ("On the host it is `crw-rw---- 1 root render 226, 128 Jan  5 10:00 /dev/dri/renderD128`.", ""),
    ("Inside the container: `crw-rw---- 1 root render 226, 128 Jan  5 10:00 /dev/dri/renderD128`.", "container"),
    ("It looks like `crw-rw---- 1 root render 226, 128 Jan  5 10:00 /dev/dri/renderD128` now.", None),  # where: unsaid
    ("I expected `crw-rw---- 1 root render 226, 128 Jan  5 10:00 /dev/dri/renderD128` on the host.", None),  # hoped for
])
def test_an_inline_listing_is_read_where_its_sentence_puts_it(sentence: str, where: object) -> None:
    text = "dev@3fa9c2b1d0e4:~$ python3 -c 'import torch; torch.cuda.init()'\n" + sentence + "\n"
    assert [n.where for n in explain(text).observed.nodes] == ([] if where is None else [where])


@pytest.mark.parametrize("label", ["Outside the container:", "Jetson side:", "On the host:", "Host side (ls -l):"])
def test_a_label_for_the_host_puts_the_listing_below_it_on_the_host(label: str) -> None:
    text = ("dev@3fa9c2b1d0e4:~$ id\nuid=1000(dev) gid=1000(dev) groups=1000(dev)\n" + label + "\n"
            "crw-rw---- 1 root render 226, 128 Jan  5 10:00 /dev/dri/renderD128\n")
    assert [n.where for n in explain(text).observed.nodes] == [""]


@pytest.mark.parametrize("line", ["After `apt upgrade` nvidia-container-toolkit is 1.18.2.",
                                  "It worked with nvidia-container-toolkit 1.16.2, then apt upgraded it to 1.18.2."])
def test_the_toolkit_version_now_is_the_one_said_last(line: str) -> None:
    toolkit = explain(line + "\n").observed.toolkit
    assert toolkit is not None and toolkit.value == "1.18.2"


def test_a_prose_line_with_an_inline_id_keeps_its_launch_and_its_jetson() -> None:
    text = ("I start it with `docker run --runtime nvidia -u 1000:1000 img` on a Jetson Orin NX (JetPack 6.2). Inside, `id` "
            "shows `uid=1000 gid=1000 groups=1000`. PyTorch says `Error 801: operation not supported`.\n")
    result = explain(text)
    assert result.observed.launches and result.observed.jetson and result.observed.identities
    assert result.cause.id == "uid-gid-launch", result.cause


COMPOSE = """x-gpu: &gpu
  runtime: nvidia
  group_add: ["video", "993"]
  security_opt: [no-new-privileges:true]
services:
  app:
    <<: *gpu
    image: dustynv/ollama:r36.4.0
    user: "1000:1000"
    devices:
      - /dev/nvmap
  db:
    image: postgres:16
    volumes:
      - /dev:/dev
"""


def test_compose_files_are_read_in_full() -> None:
    app, db = explain(COMPOSE).observed.launches
    assert (app.service, app.image, app.runtime, app.group_add, app.user, app.devices, app.security_opt) == (
        "app", "dustynv/ollama:r36.4.0", "nvidia", ("video", "993"), "1000:1000", ("/dev/nvmap",), ("no-new-privileges:true",))
    assert (db.service, db.image, db.dev_mount, db.group_add) == ("db", "postgres:16", True, ())


def test_every_launch_option_that_changes_gpu_access_is_a_fact() -> None:
    (launch,) = explain("docker run --gpus all --cap-add SYS_ADMIN --security-opt seccomp=unconfined -v /dev:/dev "
                        "--device /dev/nvmap --privileged --group-add 44 -u 1000 --runtime=nvidia img").observed.launches
    assert (launch.gpus, launch.cap_add, launch.security_opt, launch.dev_mount, launch.devices, launch.privileged,
            launch.group_add, launch.user, launch.runtime) == ("all", ("SYS_ADMIN",), ("seccomp=unconfined",), True,
                                                              ("/dev/nvmap",), True, ("44",), "1000", "nvidia")


@pytest.mark.parametrize(("line", "user"), [
    ("docker run --rm -u $(id -u):$(id -g) img python3 x.py", "$(id -u):$(id -g)"),
    ("podman run --user=\"$(id -u):$(id -g)\" img", "$(id -u):$(id -g)"),
    ("docker run -u `id -u`:`id -g` --runtime nvidia img", "`id -u`:`id -g`"),
    ("nerdctl run --user ${UID}:${GID} img", "${UID}:${GID}"),
    ("docker run --rm -u \"$(id -u $USER):$(id -g $USER)\" img", "$(id -u $USER):$(id -g $USER)"),
])
def test_a_user_given_by_shell_substitutions_is_a_numeric_launch(line: str, user: str) -> None:
    result = explain(line)
    (launch,) = result.observed.launches
    assert (launch.user, launch.image, launch.numeric_user) == (user, "img", True)
    assert "user " + user in render_text(result)


@pytest.mark.parametrize("line", ["docker run -u $(whoami) img", "docker run -u $(id -un):$(id -gn) img",
                                  "docker run -u app img"])
def test_a_user_given_by_name_is_no_numeric_launch(line: str) -> None:
    (launch,) = explain(line).observed.launches
    assert launch.image == "img" and not launch.numeric_user


@pytest.mark.parametrize("line", ["sudo --preserve-env=$KEEP docker run --runtime nvidia -u 1000:1000 img id",
                                  "nerdctl -n k8s.io run -u 1000:1000 img id",
                                  "docker --context orin run --runtime nvidia -u 1000:1000 img id",
                                  "podman --remote run -u 1000:1000 img id"])
def test_the_engine_s_own_options_before_run_keep_the_launch(line: str) -> None:
    from jetson_gpu_access.launch import from_run_line
    launch = from_run_line(line)
    assert launch is not None and (launch.user, launch.image, launch.command) == ("1000:1000", "img", ("id",))


@pytest.mark.parametrize("line", ["started with: docker run --runtime=nvidia -u 1000:1000 img id",
                                  "Launch command: docker run --runtime=nvidia -u 1000:1000 img id"])
def test_a_launch_after_a_label_s_colon_is_a_launch(line: str) -> None:
    from jetson_gpu_access.launch import from_run_line
    launch = from_run_line(line)
    assert launch is not None and (launch.user, launch.image, launch.command) == ("1000:1000", "img", ("id",))


@pytest.mark.parametrize("line", ["`docker run ... -u app` works. Any idea?", "docker run \u2026 --gpus all works fine"])
def test_a_launch_whose_options_are_elided_is_no_launch(line: str) -> None:
    """"docker run ..." leaves its options out: read as a launch, it would be one without the GPU's options."""
    from jetson_gpu_access.launch import from_run_line
    assert from_run_line(line) is None
    said = explain(JETSON_36 + "\n" + line).statements
    assert not any("no-gpu-nodes" in s.text or "docker run of" in s.text for s in said), said


def test_a_message_that_names_docker_run_after_no_label_is_no_launch() -> None:
    from jetson_gpu_access.launch import from_run_line
    assert from_run_line("docker: Error response from daemon. See 'docker run --help'.") is None


def test_an_entrypoint_s_switch_drops_the_groups_a_labelled_launch_adds() -> None:
    text = ('ENTRYPOINT ["/bin/sh", "-c", "exec runuser -u worker -- python3 serve.py"]\n'
            "started with: docker run --runtime=nvidia --group-add=$(getent group render | cut -d: -f3) worker:latest\n"
            "cuInit(0) = 801\n")
    assert explain(text).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("runtime", ["/usr/bin/nvidia-container-runtime", "nvidia-container-runtime", "nvidia"])
def test_the_nvidia_runtime_given_by_its_path_is_the_nvidia_runtime(runtime: str) -> None:
    (launch,) = explain("podman run --runtime {} -u 1000:1000 img ./app".format(runtime)).observed.launches
    assert launch.nvidia_runtime and launch.runtime == runtime  # as written, and known for NVIDIA's
    (service,) = explain("services:\n  app:\n    image: img\n    runtime: {}\n".format(runtime)).observed.launches
    assert service.nvidia_runtime


@pytest.mark.parametrize(("line", "source"), [
    ("$ docker compose run --rm --no-deps -u 1000:1000 app ./probe", "docker compose run"),
    ("docker-compose -f jetson.yml run --service-ports --user 1000:1000 app ./probe", "docker compose run"),
    ("podman-compose run -T -u 1000:1000 app ./probe", "podman compose run"),
])
def test_a_compose_run_line_is_a_launch_of_its_service(line: str, source: str) -> None:
    """`compose run SERVICE CMD` starts a container: its user, service and command are read, and the flags that
    take no value do not swallow the service's name."""
    (launch,) = explain(line).observed.launches
    assert (launch.source, launch.user, launch.service, launch.command) == (source, "1000:1000", "app", ("./probe",))


def test_a_compose_run_keeps_the_settings_of_the_service_the_paste_shows() -> None:
    """The service's group_add, runtime and image apply to `compose run`; its -u replaces the service's user."""
    text = ("services:\n  app:\n    image: dustynv/l4t-pytorch:r36.4.0\n    runtime: nvidia\n    user: app\n"
            "    group_add: [video, \"993\"]\n  db:\n    image: postgres:16\n"
            "$ docker compose run --rm -u 1000:1000 app ./probe\n")
    run = next(launch for launch in explain(text).observed.launches if launch.source == "docker compose run")
    assert (run.image, run.runtime, run.group_add, run.user) == (
        "dustynv/l4t-pytorch:r36.4.0", "nvidia", ("video", "993"), "1000:1000")


def test_a_numeric_compose_run_denied_the_gpu_is_the_launch() -> None:
    """The service's runtime and devices are in a file the paste does not show: unknown, so neither the reading nor
    the audit says the GPU was not passed."""
    text = JETSON_36 + "\n$ docker compose run --rm -u 1000:1000 app ./probe\ncuInit(0) = 801\n"
    result = read_cause(text)
    assert result.cause.id == "uid-gid-launch"
    assert "no-gpu-nodes" not in {finding.id for finding in result.audit}


def test_a_substituted_user_in_an_exec_line_is_one_value() -> None:
    from jetson_gpu_access.launch import from_exec_line
    execed = from_exec_line("docker exec -u $(id -u):$(id -g) box nvidia-smi")
    assert execed is not None and (execed.user, execed.command) == ("$(id -u):$(id -g)", ("nvidia-smi",))


@pytest.mark.parametrize(("line", "engine", "user", "command"), [
    ("docker compose exec -u 1000 app ls -l /dev/dri", "docker", "1000", ("ls", "-l", "/dev/dri")),
    ("docker-compose exec --user alice detector nvidia-smi", "docker", "alice", ("nvidia-smi",)),
    ("podman compose exec app id", "podman", None, ("id",)),
    ("kubectl exec -it gpu-pod -c main -- ls -l /dev/dri", "kubectl", None, ("ls", "-l", "/dev/dri")),
    ("oc exec gpu-pod -- id", "oc", None, ("id",)),
    # the engine's own options before exec, and compose exec's -T (no TTY), which takes no value
    ("kubectl -n ml exec -it gpu-pod -- ls -l /dev/dri", "kubectl", None, ("ls", "-l", "/dev/dri")),
    ("oc --namespace=ml exec gpu-pod -- id", "oc", None, ("id",)),
    ("docker compose -f gpu.yml -p lab exec -T -u 1000 app id", "docker", "1000", ("id",)),
    ("docker compose exec -T app nvidia-smi", "docker", None, ("nvidia-smi",)),
    ("sudo -u ci docker exec -u 1000 box id", "docker", "1000", ("id",)),
    # values given by variables, and the engine's own options before exec
    ("kubectl -n $NS exec -it $POD -- nvidia-smi", "kubectl", None, ("nvidia-smi",)),
    ('sudo -u "$USER" docker exec -u 1000 box id', "docker", "1000", ("id",)),
    ("docker -H ssh://me@orin exec box id", "docker", None, ("id",)),
])
def test_a_compose_or_kubernetes_exec_runs_its_command_in_the_container(line: str, engine: str, user: Optional[str],
                                                                        command: Tuple[str, ...]) -> None:
    from jetson_gpu_access.launch import from_exec_line
    execed = from_exec_line(line)
    assert execed is not None and (execed.engine, execed.user, execed.command) == (engine, user, command)
    listing = explain(line + "\ncrw-rw---- 1 root 993 226, 128 Jan  1 00:00 renderD128").observed.nodes
    assert [n.where for n in listing] == ["container"]


def test_a_serial_port_on_alpine_is_not_told_to_use_the_nvidia_runtime() -> None:
    result = explain("docker run --rm --device /dev/ttyUSB0 alpine:3.19 sh")
    assert "no-gpu-nodes" not in [f.id for f in result.audit] and "--runtime nvidia" not in render_text(result)


TWO_DEVICES = """# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023
uid=1000(a) gid=1000(a) groups=1000(a),44(video)
# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025
uid=1000(b) gid=1000(b) groups=1000(b)
"""


def test_two_devices_in_one_paste_are_said_and_each_is_read() -> None:
    result = explain(TWO_DEVICES)
    assert len(result.systems) == 2 and [s.value for s in result.observed.releases] == ["35.4.1", "36.4.3"]
    assert len(result.observed.identities) == 2
    assert "2 systems" in render_markdown(result)


def test_the_question_separates_the_open_hypotheses() -> None:
    permission = explain(TEXTBOOK.replace("$ id", "$ docker exec -u ubuntu app id")).question
    platform = explain("RuntimeError: CUDA error: no CUDA-capable device is detected").question
    assert permission is not None and platform is not None and permission.command != platform.command
    assert "stat -c" in permission.command and "nv_tegra_release" in platform.command
    assert {cause.split()[0] for _, cause in permission.answers} >= {"login-drops-runtime-groups", "render-node-denied"}
    assert explain("nvbuf_utils: Could not get EGL display connection").question is None  # not this problem: nothing to ask


@pytest.mark.parametrize("text", [
    # the nodes said missing inside the container, with the runtime the launch already names
    JETSON_36 + "\n$ docker run --rm --runtime nvidia img ls -l /dev/nvmap\nls: cannot access '/dev/nvmap': No such file or "
    "directory\nRuntimeError: No CUDA GPUs are available",
    # the host's own listing and `id`, in one group database, with no container
    JETSON_35 + "\n$ ls -l /dev/nvmap\ncrw-rw---- 1 root video 10, 121 Jan 1 00:00 /dev/nvmap\n$ id\n"
    "uid=1001(inference) gid=1001(inference) groups=1001(inference)\nNvRmMemInitNvmap failed with Permission denied",
])
def test_no_question_asks_for_what_the_paste_shows(text: str) -> None:
    question = explain(text).question
    asked = "" if question is None else question.command
    assert "ls -ln /dev/nvmap" not in asked and "stat -c" not in asked, question


PODMAN_EXEC = """$ ls -ln /dev/dri/renderD128
crw-rw---- 1 0 993 226, 128 Jan  1 00:00 /dev/dri/renderD128
$ podman run -d --name gpu --group-add 993 --device /dev/dri/renderD128 ubuntu:22.04 sleep infinity
$ podman exec -u 1000 gpu id
uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
RuntimeError: CUDA error: operation not supported
"""


def test_what_the_paste_shows_outranks_what_a_launch_implies() -> None:
    result = explain(PODMAN_EXEC)
    assert result.diagnosis is not None and result.diagnosis.facts.process is not None
    assert 993 not in result.diagnosis.facts.process.groups  # the pasted id never held 993
    assert result.cause.id == "login-drops-runtime-groups"
    assert any("podman exec -u 1000" in s.text for s in result.statements)


@pytest.mark.parametrize("text", [
    "uid=1000(a) gid=1000(a) groups=" + "9" * 4300,
    "uid=" + "1" * 4300 + "(a) gid=1(a)",
    "crw-rw---- 1 root video " + "9" * 4300 + ", 0 Jan  1 00:00 /dev/nvmap\nuid=1000(a) gid=1000(a) groups=44(video)",
    "video:x:" + "4" * 4300 + ":alice",
    "cuInit(0)=" + "8" * 4300,
    "cuda error " * 300000,  # one 3 MB line
    "crw-rw---- 1 root video 10, 125 Jan  1 00:00 /dev/nvmap\n" * 40000 + "uid=1000(a) gid=1000(a) groups=1000(a)",
])
def test_huge_numbers_never_crash(text: str) -> None:
    result = explain(text)
    render_text(result), render_markdown(result), json.dumps(to_jsonable(result))
    assert all(len(str(i.uid)) <= 10 for i in result.observed.identities)


def test_each_system_of_a_mixed_paste_gets_its_own_reading() -> None:
    result = explain(TWO_DEVICES + "RuntimeError: CUDA error: operation not supported\n")
    assert result.systems[0].startswith("system 1 (L4T 35.4.1)") and "render-node-denied" in result.systems[1]
    assert result.cause.id == "render-node-denied"  # the system whose own lines show the error


@pytest.mark.parametrize("inside", [
    "$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.2.1 cat /etc/nv_tegra_release\n",
    "$ docker run -it --rm --runtime nvidia dustynv/l4t-pytorch:r35.2.1\nroot@3f2a9c1b7d4e:/# cat /etc/nv_tegra_release\n",
])
def test_a_release_file_read_inside_a_container_is_its_image_s_not_a_second_system(inside: str) -> None:
    """A container's /etc/nv_tegra_release is the one its image was built with: the host's release beside it is
    the same device, and a different major is the image built for another release."""
    text = ("$ cat /etc/nv_tegra_release\n" + JETSON_36 + "\n" + inside + JETSON_35.replace("4.1", "2.1") + "\n"
            "$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.2.1 python3 -c 'import torch; "
            "print(torch.cuda.is_available())'\nFalse")
    result = read_cause(text)
    assert result.systems == () and result.observed.l4t == "36.4.3"
    assert result.cause.id == "jetson-software-mismatch" and "another L4T release" in result.cause.why.text
    assert any("35.2.1" in s.value for s in result.observed.images)


def test_a_release_file_read_only_inside_a_container_is_still_the_release() -> None:
    text = "app@3f2a9c1b7d4e:/$ cat /etc/nv_tegra_release\n" + JETSON_36 + "\napp@3f2a9c1b7d4e:/$ ./probe\ncuInit(0) = 801"
    result = read_cause(text)
    assert result.observed.l4t == "36.4.3" and result.cause.id == "render-node-denied"


ROOT_AND_USER = """$ ls -ln /dev/dri/renderD128
crw-rw---- 1 0 993 226, 128 Jan  1 00:00 /dev/dri/renderD128
root@orin:~# id
uid=0(root) gid=0(root) groups=0(root)
alice@orin:~$ id
uid=1000(alice) gid=1000(alice) groups=1000(alice),44(video)
"""


def test_every_session_is_diagnosed_and_the_failing_one_decides() -> None:
    result = explain(ROOT_AND_USER)
    assert result.diagnosis is not None and result.diagnosis.facts.user is not None
    assert result.diagnosis.facts.user.uid == 1000  # root's id was pasted first; the non-root session is the one
    assert [s for s in result.statements if s.text.startswith("for uid 0:")] or all(
        f.code.startswith("USR") for f in result.diagnosis.findings)


def test_docker_exec_keeps_group_adds_where_podman_exec_drops_them() -> None:
    docker = explain(PODMAN_EXEC.replace("podman", "docker"))
    assert docker.cause.id != "login-drops-runtime-groups" or any(
        "docker exec" not in line for line in docker.cause.why.evidence)
    assert any("adds the launch's --group-add" in s.text for s in docker.statements)


SSH_SESSION = """alice@orin:~$ ssh -p 2222 dev@localhost
dev@3f2a9c1b7d4e:~$ id
uid=1000(dev) gid=1000(dev) groups=1000(dev),44(video)
dev@3f2a9c1b7d4e:~$ ls -l /dev/dri/renderD128
crw-rw---- 1 root 993 226, 128 Jan  1 00:00 /dev/dri/renderD128
dev@3f2a9c1b7d4e:~$ python3 -c "import torch; print(torch.cuda.is_available())"
UserWarning: CUDA initialization: CUDA driver initialization failed, you might not have a CUDA gpu.
alice@orin:~$ docker inspect dev | grep -A3 GroupAdd
            "GroupAdd": [
                "993"
            ],
"""


def test_an_ssh_login_into_a_container_started_with_group_add() -> None:
    result = explain(SSH_SESSION)
    assert [launch.group_add for launch in result.observed.launches] == [("993",)]  # docker inspect is a launch too
    assert [n.where for n in result.observed.nodes] == ["container"]  # listed at a container's prompt
    assert result.cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("client", ["PS C:\\Users\\kim> ", "C:\\Users\\kim>", "kim@laptop:~$ ", "$ "])
def test_an_ssh_login_typed_at_any_client_s_prompt_into_a_container_started_with_group_add(client: str) -> None:
    """The login's prompt is the client machine's (a PowerShell or cmd prompt as well as a shell's); what follows is
    the session the login gave."""
    text = ("Jetson Orin NX on JetPack 6.1 (R36.4.0). I start the container with --group-add video --group-add 992 "
            "(992 is render on the host), and the container runs an sshd that the team logs into.\n\n"
            "From my laptop:\n" + client + "ssh -p 2022 dev@orin-nx-lab\n"
            "dev@6a7b8c9d0e1f:~$ id\nuid=1000(dev) gid=1000(dev) groups=1000(dev),100(users)\n"
            "dev@6a7b8c9d0e1f:~$ python3 -c \"import torch; print(torch.cuda.is_available())\"\n"
            "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not "
            "supported\nFalse")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


STAT_DEFAULT = """$ stat /dev/dri/renderD128
  File: /dev/dri/renderD128
  Size: 0         \tBlocks: 0          IO Block: 4096   character special file
Device: 5h/5d\tInode: 517         Links: 1     Device type: e2,80
Access: (0660/crw-rw----)  Uid: (    0/    root)   Gid: (  993/  render)
$ id -nG
alice adm video
"""


def test_stat_in_its_default_form_and_id_with_names_only() -> None:
    seen = explain(STAT_DEFAULT).observed
    assert [(n.path, n.owner, n.group, n.mode) for n in seen.nodes] == [("/dev/dri/renderD128", "0", "993", 0o660)]
    assert seen.session_groups == ("alice", "adm", "video")



@pytest.mark.parametrize("after", ["！", "---", "(none shown)"])
def test_what_follows_groups_is_its_output_only_where_it_names_groups(after: str) -> None:
    """A line after `groups` is read as the session's groups only where each word is a group's name or number; the
    reading normalises text (a full-width "！" becomes "!"), and no such word is a group."""
    assert explain("$ groups\n" + after).observed.session_groups == ()
    assert explain("$ groups\n[me] adm video render$").observed.session_groups == ("[me]", "adm", "video", "render$")

POD = """apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      runtimeClassName: nvidia
      securityContext:
        runAsUser: 1000
        supplementalGroups: [44, 993]
      containers:
        - name: cuda
          image: nvcr.io/nvidia/l4t-jetpack:r36.4.0
          resources:
            limits:
              nvidia.com/gpu: 1
"""


def test_a_kubernetes_spec_is_a_launch_too() -> None:
    (launch,) = explain(POD).observed.launches
    assert (launch.source, launch.group_add, launch.user, launch.runtime, launch.devices, launch.image) == (
        "kubernetes", ("44", "993"), "1000", "nvidia", ("nvidia.com/gpu",), "nvcr.io/nvidia/l4t-jetpack:r36.4.0")


@pytest.mark.parametrize(("text", "cause"), [
    ("$ nvidia-ctk --version\nNVIDIA Container Toolkit CLI version 1.18.2\nNvRmMemInitNvmap failed with Permission denied",
     "toolkit-band"),
    ("ii  nvidia-container-toolkit  1.19.1-1  arm64  NVIDIA Container toolkit\n$ su - alice\n"
     "NvRmMemInitNvmap failed with Permission denied", "login-drops-runtime-groups"),
])
def test_the_toolkit_version_decides_its_band(text: str, cause: str) -> None:
    assert explain(text).cause.id == cause


SEAT = """alice@orin:~$ getfacl /dev/dri/renderD128
# file: dev/dri/renderD128
# owner: root
# group: render
user::rw-
user:gdm:rw-
group::rw-
mask::rw-
other::---
alice@orin:~$ id
uid=1001(alice) gid=1001(alice) groups=1001(alice),44(video)
RuntimeError: CUDA error: operation not supported
"""


def test_a_seat_acl_for_another_user_is_the_cause() -> None:
    result = explain(SEAT)
    assert result.cause.id == "seat-acl-only" and "user:gdm:rw-" in result.cause.why.evidence


def test_a_seat_acl_beside_a_service_account_is_no_seat_of_its_own() -> None:
    """A system account (a CI runner's, uid 998) never logs in at the seat: the render group decides for it."""
    text = SEAT.replace("uid=1001(alice) gid=1001(alice) groups=1001(alice)", "uid=998(gitlab-runner) gid=998(gitlab-runner) "
                        "groups=998(gitlab-runner)").replace("alice@orin", "gitlab-runner@orin")
    assert explain(text).cause.id == "render-node-denied"


@pytest.mark.parametrize("odd", ["\x01", "\x00", "\ue000", "\ue000\ue001\ue002`"])
def test_a_substituted_user_beside_any_character_keeps_the_text(odd: str) -> None:
    line = "docker run -u $(id -u):$(id -g) img" + odd + " sh"
    (launch,) = explain(line).observed.launches
    assert launch.user == "$(id -u):$(id -g)" and launch.image is not None and launch.image in line


def test_group_add_video_by_name_is_a_warning_with_the_nvmap_number_not_the_render_node() -> None:
    from jetson_gpu_access.migrate import audit_text

    found = {f.id: f for f in audit_text("docker run -it --rm --runtime nvidia --group-add video -u 1000 "
                                         "nvcr.io/nvidia/l4t-ml:r32.7.1-py3", "docker-run") if f.status != "pass"}
    assert "group-add-name" not in found
    assert found["group-add-video-name"].status == "warn" and "/dev/nvmap" in found["group-add-video-name"].fix
    named = {f.id for f in audit_text("docker run --group-add render img", "docker-run") if f.status != "pass"}
    assert "group-add-name" in named


def test_a_launch_pasted_many_times_is_one_fact() -> None:
    """A log that repeats the same launch says it once; two different launches stay two."""
    launch = "$ docker run --rm --runtime nvidia -u 1000:1000 img:1.0 ./probe\ncuInit(0) = 801\n"
    result = read_cause(launch * 30 + launch.replace("img:1.0", "img:2.0"))
    assert len(result.observed.launches) == 2
    assert len([s for s in result.statements if s.text.startswith("docker run")]) == 2


@pytest.mark.parametrize("image", ["dustynv/l4t-pytorch:r35.3.1", "dustynv/l4t-pytorch: r35.3.1"])
def test_an_image_for_another_release_named_on_the_host_s_own_line_is_the_software(image: str) -> None:
    text = "Orin devkit, Jetpack 6.1 [L4T 36.4.0]: torch in the {} image cannot use cuda".format(image)
    result = read_cause(text)
    assert result.cause.id == "jetson-software-mismatch" and "another L4T release" in result.cause.why.text


def test_a_phrase_repeated_along_one_huge_line_reads_as_one_copy_of_it() -> None:
    """Patterns see each distinct text once, and facts the first MAX_LINE characters of a line: the bounds that keep
    a 20 MB paste cheap (bench/bench_explain.py) change nothing a single copy shows."""
    unit = "docker run --group-add 993 -u 1000:1000 --runtime nvidia img:1 ./probe /dev/dri/renderD128 permission denied "
    once, many = explain(unit), explain(unit * 20000)
    assert [m.id for m in many.matches] == [m.id for m in once.matches] != []
    assert many.observed.launches[0].group_add == once.observed.launches[0].group_add == ("993",)
    assert many.cause.id == once.cause.id


def test_skipping_keys_a_large_piece_lacks_finds_what_searching_every_key_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key that holds a key the piece lacks is not searched for (_absent_keys): on every real paste of the corpus
    and held-out sets, read as one large piece, the signatures found are those a search for every key finds."""
    import yaml

    from jetson_gpu_access.explain import signatures as module
    data = Path(__file__).parent / "data"
    texts = [e["text"] for name in ("report_corpus.yaml", "report_heldout.yaml")
             for e in yaml.safe_load((data / name).read_text(encoding="utf-8"))]
    pieces = ["\n".join(texts[i::4]) for i in range(4)]
    assert all(len(piece) > module.PRUNE_FROM for piece in pieces)
    pruned = [module.find_signatures(piece) for piece in pieces]
    monkeypatch.setattr(module, "PRUNE_FROM", 1 << 40)
    assert pruned == [module.find_signatures(piece) for piece in pieces]
    assert sum(len(found) for found in pruned) > 50


@given(st.lists(st.text(alphabet="ab01:9 ", max_size=12), max_size=12), st.text(alphabet="ab01:9 ", min_size=1, max_size=4))
def test_whether_a_text_holds_a_word_is_what_a_search_of_the_whole_text_says(lines: List[str], word: str) -> None:
    """holds_word asks distinct lines, a word without a digit those lines with digits made 0: the answer is the whole
    text's, for words (of one line, as keys and cue words are) with and without digits, beside lines that differ only
    in their digits."""
    from jetson_gpu_access.textfacts import holds_word
    text = "\n".join(lines + [line.replace("1", "9") for line in lines])
    holds = holds_word(text)
    assert holds(word) == (word in text)
    assert all(holds(line[i:j]) for line in lines for i in range(len(line)) for j in range(i + 1, len(line) + 1))


@given(st.text(alphabet="ab\n", max_size=60), st.text(alphabet="ab", min_size=1, max_size=4), st.integers(1, 6))
def test_a_word_stands_in_a_long_lines_pieces_where_it_stands_in_the_line(text: str, word: str, piece: int) -> None:
    """A line longer than a piece is asked of in overlapping pieces: a word no longer than the overlap and one is found
    in them exactly where the whole text holds it, however the pieces fall."""
    from jetson_gpu_access.textfacts import distinct_pieces
    assert (word in distinct_pieces(text, piece, len(word) - 1)) == (word in text)
    assert (word in distinct_pieces(text * 3, piece, 3)) == (word in text * 3)


@given(st.text(alphabet="a\u0131\u0130\u017f\u212a\u2018\u2019\uff21\u3000 ", max_size=40))
def test_look_alike_letters_are_made_ascii_as_translate_makes_them(text: str) -> None:
    """Only the characters found are mapped (_translated): the result is translate()'s on the whole text."""
    from jetson_gpu_access import textfacts
    for found, table in ((textfacts._FOLDED, textfacts._ASCII_FOLDS), (textfacts._FULL_WIDTH_CHAR, textfacts._FULL_WIDTH)):
        assert textfacts._translated(text, found, table) == text.translate(table)


def test_keys_near_each_other_on_a_long_line_share_one_piece() -> None:
    """On a line longer than LINE_SPAN, a piece starts on a grid from the line's start: two keys a few words apart give
    the same piece, which patterns then read once; each piece keeps at least half LINE_SPAN before its key and LINE_SPAN
    after it."""
    from jetson_gpu_access.explain import signatures as module
    span = module.LINE_SPAN
    for head in (0, 3 * span):  # (a long line at the text's start, and one after other lines)
        lowered = "short line\n" * head + "x" * (5 * span) + " cuda error " + "y" * 120 + " permission denied " + "z" * (5 * span)
        cuda, denied = module._key_lines("cuda", lowered), module._key_lines("denied", lowered)
        assert cuda == denied and len(cuda) == 1
        for key, (start, end) in (("cuda", cuda[0]), ("denied", denied[0])):
            at = lowered.index(key)
            assert at - span <= start <= at - span // 2 and end >= at + span


def test_a_pattern_searched_in_parts_finds_what_its_whole_alternation_finds() -> None:
    """textfacts searches its long PC and Jetson patterns in parts, each only on a line that holds one of its words
    (leftmost): on every line of every real paste (also upper-cased, and with look-alike letters), and on lines that
    put two parts' words side by side, the match is the one the parts' whole alternation gives (the same words at the
    same place), and no part matches a line that lacks all of its words. Each distinct line is compared as it stands;
    its upper-cased and look-alike variants on a fixed quarter of them (by a hash of the line: the same quarter each run),
    which keeps this check within a minute or two as the held-out file grows."""
    import zlib

    import yaml

    from jetson_gpu_access import textfacts
    data = Path(__file__).parent / "data"
    lines = [line for name in ("report_corpus.yaml", "report_heldout.yaml")
             for e in yaml.safe_load((data / name).read_text(encoding="utf-8")) for line in e["text"].split("\n")]
    lines += ["Intel(R) UHD Graphics 630 on Windows x86_64", "Orin TX2/RX2 pin, GeForce RTX 3080 Ti, sm_87",
              "A100-SXM4 on DGX with driver 535.104.05 and MESA-LOADER: failed to open iris", "ROCm gfx1030 on Ryzen 9",
              "nvidia-driver-535 NVIDIA driver 470 on an x86 host", "Google Colab T4: compute capability 8.7, JP6.1 L4T"]
    named = {name: value for name, value in vars(textfacts).items() if name.isupper() or name.startswith("_")}
    parted = [(name, value) for name, value in named.items() if isinstance(value, tuple) and value and all(
        isinstance(part, tuple) and len(part) == 2 and isinstance(part[1], re.Pattern) for part in value)]
    parted += [("form " + kind, parts) for kind, parts in textfacts._JETSON_FORMS]
    assert {"_X86", "_PC_STACK", "_PC_PROSE", "_TEGRA_NODE"} <= {name for name, _ in parted}
    # as they reach the readers: normalised, so letters that match as ASCII ones under re.I (ı, İ, ſ) are those ones
    lines = list(dict.fromkeys(textfacts.normalise(variant) for line in dict.fromkeys(lines)  # each distinct line once
                               for variant in ((line, line.upper(), line.replace("i", "\u0131").replace("s", "\u017f"))
                                               if zlib.crc32(line.encode()) % 4 == 0 else (line,))))
    compared = 0
    for name, parts in parted:
        whole = parts[0][1] if len(parts) == 1 else re.compile("|".join(p.pattern for _, p in parts), re.I)
        for line in lines:
            want, got = whole.search(line), textfacts.leftmost(parts, line, line.lower())
            assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0))), (name, line)
            compared += want is not None
            # each part's words are needed: a part that matches a line holds one of its words (else the gate would skip it)
            for words, pattern in parts:
                assert not pattern.search(line) or any(w in line.lower() for w in words), (name, words, line)
    assert compared > 1500


def test_the_toolkit_s_jetson_only_folder_is_a_jetson_sign_on_a_line_of_its_own() -> None:
    """Each part has its own words: the csv mode's folder counts on a line that names nothing else of a Jetson."""
    seen = read("ls /etc/nvidia-container-runtime/host-files-for-container.d/\ntorch.cuda.is_available() returns False").observed
    assert [s.value for s in seen.jetson if s.kind == "Tegra-only name"] == ["host-files-for-container.d"]


def test_a_system_of_a_mixed_paste_read_only_in_part_is_said_to_be() -> None:
    """Each system of a mixed paste is read from the first and last PART_WINDOW characters of its part; a part cut so
    says it, and one a bit over half that size is still read whole (43 KiB mixed pastes read the same as ever)."""
    from jetson_gpu_access.explain.reading import PART_WINDOW
    pad = "[ 50%] Building CXX object src/CMakeFiles/app.dir/main.cpp.o\n"
    failure = "$ ./deviceQuery\ncudaGetDeviceCount returned 801\n"

    def mixed(size: int) -> str:
        half = pad * (size // len(pad) // 2)
        return JETSON_35 + "\n" + half + failure + half + JETSON_36 + "\n" + failure

    whole = explain(mixed(PART_WINDOW * 3 // 2))
    assert whole.systems[0].startswith("system 1 (L4T 35") and "most likely tegra-nodes-denied" in whole.systems[0]
    assert not any("read from its first and last" in system for system in whole.systems)
    cut = explain(mixed(PART_WINDOW * 3))
    assert "its part read from its first and last {} KiB".format(PART_WINDOW >> 10) in cut.systems[0]


def test_a_very_long_paste_says_what_was_not_read() -> None:
    from jetson_gpu_access.textfacts import FACT_WINDOW
    text = JETSON_36 + "\n" + "[  1.0] tegra-xusb: port status\n" * (FACT_WINDOW // 10) + "cuInit(0) = 801\n"
    said = [s.text for s in explain(text).statements if s.assumed and "very long" in s.text]
    assert said and "not in this reading" in said[0] and "repeat" not in said[0]


def test_what_lines_said_by_themselves_is_remembered_without_changing_a_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """One reading keeps what each line says by itself (LineMemo) for the next reading of the same line: a log's
    repeats, each system of a mixed paste. On real pastes, each alone, all of them one after another (a mixed paste of
    many systems) and repeated, the readings are those of reading every line afresh."""
    import yaml

    from jetson_gpu_access import textfacts
    data = Path(__file__).parent / "data"
    texts = [e["text"] for e in yaml.safe_load((data / "report_corpus.yaml").read_text(encoding="utf-8"))]
    pastes = texts[:40] + ["\n".join(texts), "\n".join(texts[:30]) * 3, "\n".join(t.replace("\n", " ") for t in texts[:60])]
    remembered = [to_jsonable(explain(text)) for text in pastes]

    def afresh(memo: object, key: object, compute: Any, *args: Any) -> Any:
        return compute(*args)
    monkeypatch.setattr(textfacts, "remembered", afresh)
    for module in EXPLAIN_MODULES:
        if hasattr(module, "remembered"):
            monkeypatch.setattr(module, "remembered", afresh)
    assert [to_jsonable(explain(text)) for text in pastes] == remembered
    assert len(explain(pastes[-3]).systems) > 1


def test_the_failing_line_chosen_is_the_least_weighed_of_all_and_the_first_of_equals() -> None:
    """find_failure stops at a line nothing can outweigh (an exception that names a GPU node): on real pastes, alone,
    one after another and flattened onto few lines, its answer is that of weighing every failing line."""
    import yaml

    from jetson_gpu_access.explain import failure as module
    from jetson_gpu_access.explain import signatures
    from jetson_gpu_access.textfacts import window
    data_dir = Path(__file__).parent / "data"
    texts = [e["text"] for e in yaml.safe_load((data_dir / "report_heldout.yaml").read_text(encoding="utf-8"))]
    pastes = texts + ["\n".join(texts), " ".join(t.replace("\n", " ") for t in texts[:200])]
    first = ["OSError: [Errno 30] Read-only file system", "OSError: libcuda.so.1: file too short",
             "RuntimeError: nvidia-smi failed", "Error: nvidia-container-cli: initialization error",
             "Error: permission denied opening the device", "Error: cannot open the camera",
             "ImportError: libcudart.so.12: cannot open shared object file", "ImportError: libfoo.so: cannot open",
             "Error loading the library", "Error: version mismatch", "RuntimeError: CUDA failure"]
    pastes += [line + "\nRuntimeError: NvRmMemInitNvmap failed: /dev/nvmap: Permission denied" for line in first]

    def every_line(text: str) -> Optional[str]:
        clean = normalise(window(text)[0])
        lowered = clean.lower()
        clean = clean if len(clean) == len(lowered) else lowered
        spans = sorted({span for key in module._FAILURE_KEYS if key in lowered for span in signatures._key_lines(key, lowered)})
        weighed = [(order, clean[start:end].strip(), start, end) for start, end in spans
                   for order in [module._failure_weight(clean[start:end])] if order is not None]
        if not weighed:
            return None
        order, line, start, end = min(weighed, key=lambda found: found[0])
        # (a sentence of prose no kind names is read with its hard-wrapped rest, or a bullet with its lead)
        return (module._with_wrapped_rest(clean, start, end, line) if order[2] == len(module.FAILURE_KINDS)
                else line)[:300]

    stopped = 0
    for text in pastes:
        found = module.find_failure(text)
        assert (found.line if found else None) == every_line(text), text[:200]
        stopped += found is not None and module._failure_weight(found.line) == module._TELLS_MOST
    assert stopped > 10  # the early stop is exercised


def test_a_cuda_error_number_is_found_after_many_lines_holding_its_digits_inside_other_numbers() -> None:
    """Each key is searched for in at most MAX_KEY_HITS lines: digits inside a stamp, an address or a version are no hit
    of an error number, so they cannot use those lines up before the error's own."""
    from jetson_gpu_access.explain.signatures import MAX_KEY_HITS
    stamps = ["[  801.{:06d}] tegra-xusb 3610000.usb: port 1: status change".format(i) for i in range(MAX_KEY_HITS + 6)]
    text = "\n".join([JETSON_36] + stamps + ["$ ./gpu_check", "cuInit failed with error 801"])
    assert "cuda-801" in ids(text)


def test_a_line_read_only_in_part_is_said_to_be() -> None:
    """A fact past the first MAX_LINE characters of its line is not read: the reply says so, as an assumption."""
    from jetson_gpu_access.textfacts import MAX_LINE
    said = "were read from the first {} KiB of such a line".format(MAX_LINE // 1024)
    assert not any(said in s.text for s in explain("docker run -u 1000 img:1").statements)
    long = explain("docker run " + "-e A=1 " * (MAX_LINE // 7) + "-u 1000 img:1")
    assert any(said in s.text and s.assumed for s in long.statements)


PLACEHOLDER_LINE = "ImportError: /usr/lib/aarch64-linux-gnu/nvidia/libnvdla_compiler.so: file too short"


@pytest.mark.parametrize("pasted", ["``` {} ```".format(PLACEHOLDER_LINE), "```text\n{}\n```".format(PLACEHOLDER_LINE)])
def test_text_in_a_code_fence_is_read_whether_the_fence_spans_lines_or_one(pasted: str) -> None:
    """Markdown fence lines are dropped; a fence opened and closed on one line keeps its text."""
    assert normalise(pasted).strip() == PLACEHOLDER_LINE
    assert "cuda-library-missing" in [m.id for m in read_cause(JETSON_36 + "\n" + pasted).matches]


@pytest.mark.parametrize("release", [JETSON_35, "# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t210ref, EABI: aarch64"])
def test_the_question_before_jetpack_6_asks_for_no_render_node(release: str) -> None:
    """CUDA opens no render node before L4T R36: the question there names the Tegra nodes and their causes only."""
    result = explain(release + "\n$ ./deviceQuery\nNvRmMemInitNvmap failed with Permission denied\n")
    assert result.question is not None and "/dev/nvmap" in result.question.command
    assert "render" not in result.question.command + str(result.question.answers)
    on_6 = explain(JETSON_36 + "\nNvRmMemInitNvmap failed with Permission denied\n")
    assert on_6.question is not None and "renderD" in on_6.question.command


@pytest.mark.parametrize("model", [
    "NVIDIA Jetson Xavier NX Developer Kit", "NVIDIA Jetson TX2 NX", "Jetson AGX Xavier",
    "compatible: nvidia,p3449-0000-b00+p3448-0000-b00nvidia,jetson-nanonvidia,tegra210"])
def test_a_module_that_never_runs_jetpack_6_is_asked_for_no_render_node(model: str) -> None:
    """A module named without a release bounds it: a Xavier runs R35 at most, a Nano or TX2 R32
    (data/l4t_jetpack.json last_release), so the render node is ruled out and not asked for."""
    result = explain("$ cat /proc/device-tree/model\n{}\nNvRmMemInitNvmap failed with Permission denied\n".format(model))
    assert result.cause.id == "tegra-nodes-denied" and "render-node-denied" not in result.cause.also_possible
    assert result.question is not None and "render" not in result.question.command + str(result.question.answers)


@pytest.mark.parametrize("model", ["NVIDIA Jetson Orin Nano Developer Kit", "Jetson Nano Super",
                                   "an Orin NX 16GB in a Xavier NX carrier", "NVIDIA Jetson AGX Thor"])
def test_a_newer_module_named_anywhere_sets_no_release_bound(model: str) -> None:
    result = explain("$ cat /proc/device-tree/model\n{}\nNvRmMemInitNvmap failed with Permission denied\n".format(model))
    assert result.question is not None and "renderD" in result.question.command


@pytest.mark.parametrize("listing", [
    "$ apt-cache policy nvidia-l4t-core\nnvidia-l4t-core:\n  Installed: 36.3.0-20240719161631\n"
    "  Candidate: 36.4.0-20240912212859\n",
    "$ dpkg -s nvidia-l4t-core\nPackage: nvidia-l4t-core\nStatus: install ok installed\nVersion: 36.3.0-20240719161631\n",
])
def test_the_release_is_read_from_the_installed_l4t_package_on_a_later_line(listing: str) -> None:
    """apt-cache policy, dpkg -s and apt show name the package on one line and its version on another; the installed
    version is the release (a newer candidate is not)."""
    result = explain(listing + "RuntimeError: CUDA error: operation not supported\n")
    assert result.observed.l4t == "36.3.0"
    other = explain("$ dpkg -s libc6\nPackage: libc6\nVersion: 35.1.0\n")
    assert other.observed.l4t is None


def test_a_jetson_shown_for_certain_rules_out_the_pc_and_an_older_release_the_render_node() -> None:
    on_6 = read_cause("$ cat /proc/device-tree/model\nNVIDIA Jetson Orin Nano Engineering Reference Developer Kit Super\n"
                      "Error 801: operation not supported\n")
    assert on_6.cause.id == "render-node-denied" and "x86-discrete-gpu" not in on_6.cause.also_possible
    on_5 = read_cause(JETSON_35 + "\nNvRmMemInitNvmap failed with Permission denied\n")
    assert on_5.cause.id == "tegra-nodes-denied" and "render-node-denied" not in on_5.cause.also_possible
    said = read_cause("on my Orin the container gets error 801: operation not supported")  # a weak sign rules out nothing
    assert said.cause.id == "render-node-denied"


def test_a_mixed_paste_is_read_by_the_system_whose_part_shows_the_error() -> None:
    """Two release lines, the error after the second: the first system's part says only that something fails, which
    names no cause; the reading is the system with the error, and each system is still listed."""
    text = ("Works on the Nano, fails on the new Orin (same image, same user):\n"
            "nano$ cat /etc/nv_tegra_release\n"
            "# R32 (release), REVISION: 7.4, GCID: 33514132, BOARD: t210ref, EABI: aarch64, DATE: Fri Jun  9 2023\n"
            "orin$ cat /etc/nv_tegra_release\n"
            "# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 2025\n"
            "orin$ docker run --rm --runtime nvidia -u 1000 acme/app:jp6 python3 -c 'import torch;torch.cuda.init()'\n"
            "RuntimeError: CUDA error: operation not supported\n")
    result = explain(text)
    assert result.cause.id == "render-node-denied" and len(result.systems) == 2


@pytest.mark.parametrize("text", [
    "$ docker run -d --runtime nvidia --name ros -p 2200:22 --group-add $(stat -c %g /dev/dri/renderD128) ros-dev:jp6\n"
    "$ stat -c %g /dev/dri/renderD128\n993\n$ ssh -p 2200 ros@localhost\n"
    "ros@ros-dev:~$ id\nuid=1000(ros) gid=1000(ros) groups=1000(ros),44(video),27(sudo)\n"
    "ros@ros-dev:~$ ./probe\ncuInit(0) = 801\n",
    ".env:\nRENDER_GID=993\ndocker-compose.yml:\nservices:\n  perception:\n    image: acme/perception:r36.4.3\n"
    "    runtime: nvidia\n    group_add:\n      - ${RENDER_GID}\n      - video\n    entrypoint: /entrypoint.sh\n"
    "/entrypoint.sh ends with:\n  exec gosu robot \"$@\"\n"
    "perception-1  | uid=1000(robot) gid=1000(robot) groups=1000(robot),44(video)\n"
    "perception-1  | [ERROR] cuInit: CUDA_ERROR_NOT_SUPPORTED (801)\n",
    # the older backtick form of the same substitution
    "nvidia@orin:~$ stat -c %g /dev/dri/renderD128\n993\n"
    "nvidia@orin:~$ docker run -d --name dev --runtime nvidia --group-add video --group-add `stat -c %g /dev/dri/renderD128` "
    "-p 2222:22 dev:jp6\nnvidia@orin:~$ ssh -p 2222 dev@localhost\ndev@dev:~$ id\n"
    "uid=1000(dev) gid=1000(dev) groups=1000(dev),44(video)\ndev@dev:~$ ./probe\ncuInit(0) = 801\n",
    # the group's number looked up by name on the host, with that lookup's answer pasted
    "$ getent group render\nrender:x:993:nvidia\n"
    "$ docker run -d --runtime nvidia --name ros -p 2200:22 --group-add $(getent group render | cut -d: -f3) ros-dev:jp6\n"
    "$ ssh -p 2200 ros@localhost\nros@ros-dev:~$ id\nuid=1000(ros) gid=1000(ros) groups=1000(ros),44(video)\n"
    "ros@ros-dev:~$ ./probe\ncuInit(0) = 801\n",
])
def test_a_group_added_by_substitution_or_variable_is_the_number_the_paste_shows_for_it(text: str) -> None:
    """`--group-add $(stat -c %g NODE)` (or in backticks) with that stat's output pasted, `$(getent group NAME | cut
    -d: -f3)` with that group's line, or `${RENDER_GID}` with its .env line: the launch added 993, and the session's
    `id`, rebuilt by SSH or gosu, lacks it."""
    result = explain(text)
    assert "993" in result.observed.launches[0].group_add and result.cause.id == "login-drops-runtime-groups", result.cause


def test_a_group_added_by_name_is_not_lacking_from_an_id_that_prints_no_names() -> None:
    """`id` without names cannot show whether it holds `video`: what it shows (44 and the .env's stale 992) is what the
    launch added, so no group was dropped; the node's 993 is a GID the launch never gave."""
    text = (".env (copied from our other robot):\nRENDER_GID=992\ndocker-compose.yml:\nservices:\n  perception:\n"
            "    image: acme/perception:r36.4\n    runtime: nvidia\n    user: \"1000\"\n    group_add:\n      - video\n"
            "      - ${RENDER_GID}\nOn this robot:\n$ ls -ln /dev/dri/renderD128\n"
            "crw-rw---- 1 0 993 226, 128 Mar  1 08:00 /dev/dri/renderD128\n$ docker compose exec perception id\n"
            "uid=1000 gid=1000 groups=1000,44,992\nperception-1  | cuInit failed: 801 (CUDA_ERROR_NOT_SUPPORTED)\n")
    assert read_cause(text).cause.id == "render-node-denied"
    right = text.replace("RENDER_GID=992", "RENDER_GID=993")  # the node's number, not held by the session: dropped
    assert read_cause(right.replace("groups=1000,44,992", "groups=1000,44")).cause.id == "login-drops-runtime-groups"


def test_an_id_without_names_that_holds_fewer_groups_than_the_launch_added_lacks_them() -> None:
    """`--group-add video` and an `id` that prints no names and holds no group but its own: whatever video's number,
    the session holds none of what the launch added, so the SSH login dropped it."""
    text = (JETSON_36 + "\n$ docker run -d --name dev --runtime nvidia --group-add video -p 2222:22 dev:jp6\n"
            "$ ssh -p 2222 dev@localhost id\nuid=1000 gid=1000 groups=1000\n$ ssh -p 2222 dev@localhost ./probe\n"
            "cuInit(0) = 801\n")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize(("shown", "added"), [
    ("box$ stat -c %g /dev/dri/renderD128\n0\n", "$(stat -c %g /dev/dri/renderD128)"),  # GID 0: a container's view
    ("", "$(stat -c %g /dev/dri/renderD128)"),
])
def test_a_substitution_only_a_container_answers_or_nothing_answers_stays_as_written(shown: str, added: str) -> None:
    assert explain("docker run --group-add " + added + " img\n" + shown).observed.launches[0].group_add == (added,)


@pytest.mark.parametrize(("shown", "group"), [("", "${RENDER_GID:-993}"), ("RENDER_GID=992\n", "992")])
def test_a_variable_with_a_default_is_the_value_shown_and_else_stays_as_written(shown: str, group: str) -> None:
    """The environment the paste does not show may set the variable, so its default is no value the launch had."""
    text = shown + "services:\n  app:\n    image: a\n    group_add:\n      - ${RENDER_GID:-993}\n"
    assert explain(text).observed.launches[0].group_add == (group,)


def test_a_substitution_the_paste_shows_two_answers_for_stays_as_written() -> None:
    text = ("docker run --group-add $(stat -c %g /dev/dri/renderD128) img\nhost$ stat -c %g /dev/dri/renderD128\n993\n"
            "box$ stat -c %g /dev/dri/renderD128\n110\n")
    assert explain(text).observed.launches[0].group_add == ("$(stat -c %g /dev/dri/renderD128)",)


GID0_INSIDE = ("$ docker run --rm --runtime nvidia -u 1000:1000 --group-add 993 --group-add 44 cv:jp6 "
               "sh -c 'id; ls -ln /dev/dri/renderD128; ./cv_cuda'\nuid=1000 gid=1000 groups=1000,44,993\n"
               "crw-rw---- 1 0 0 226, 128 Dec  1 12:00 /dev/dri/renderD128\nCUDA error: operation not supported (801)\n")


@pytest.mark.parametrize("toolkit", ["", "host: L4T R36.4.7, nvidia-container-toolkit 1.18.2\n"])
def test_a_gpu_node_with_root_s_group_inside_the_container_is_the_toolkit_s(toolkit: str) -> None:
    """No host gives a GPU node GID 0; toolkit 1.18.2 leaves it so inside the container. The launch added 993 and
    the session holds it: no GID copied from another host, and no numeric launch's lost groups, explains it."""
    result = explain(GID0_INSIDE + toolkit)
    assert result.cause.id == "toolkit-band" and "GID 0" in result.cause.why.text, result.cause


@pytest.mark.parametrize("change", [("crw-rw----", "crw-rw-rw-"), ("groups=1000,44,993", "groups=0,44,993"),
                                    ("uid=1000 gid=1000", "uid=0 gid=0"), ("crw-rw----", "crw-------"),
                                    ("--runtime nvidia", "--runtime nvidia -v /dev:/dev"),
                                    ("--runtime nvidia", "--runtime nvidia --privileged"),
                                    ("CUDA error", "nvidia-ctk version 1.16.2\nCUDA error")])
def test_root_s_group_open_to_all_or_held_is_not_read_as_the_toolkit_s(change: Tuple[str, str]) -> None:
    assert "GID 0" not in explain(GID0_INSIDE.replace(*change)).cause.why.text


SHELL_IN_CONTAINER = ("nvidia@orin:~$ ls -l /dev/dri/renderD128\n"
                      "crw-rw----+ 1 root render 226, 128 Nov 11 11:11 /dev/dri/renderD128\n"
                      "nvidia@orin:~$ getent group render\nrender:x:993:nvidia\n"
                      "nvidia@orin:~$ docker run -it --rm --runtime nvidia -u 1000:1000 --group-add 993 app:jp6 bash\n"
                      "{prompt}:/app$ ls -l /dev/dri/renderD128\n"
                      "crw-rw---- 1 root root 226, 128 Nov 11 11:12 /dev/dri/renderD128\n"
                      "{prompt}:/app$ id\nuid=1000 gid=1000 groups=1000,993\n{prompt}:/app$ ./app\ncuInit: 801\n")


@pytest.mark.parametrize("prompt", ["I have no name!@1a2b", "app@perception"])
def test_a_prompt_after_a_shell_started_in_a_container_is_the_container_s(prompt: str) -> None:
    """After `docker run -it IMAGE bash`, a prompt of another host than the one it was started from, or of a user
    without a name, is the container's: its listing (root's group) is not the host's node, and the session that holds
    the host's 993 is denied it there."""
    result = explain(SHELL_IN_CONTAINER.format(prompt=prompt))
    inside = [n for n in result.observed.nodes if n.where == "container"]
    assert [n.group for n in inside] == ["root"] and result.cause.id == "toolkit-band", (result.observed.nodes, result.cause)


@pytest.mark.parametrize("after", [
    "app@perception:/app$ exit\nnvidia@orin-b:~$ ls -l /dev/nvmap\n",  # left, then another machine's terminal
    "nvidia@orin-b:~$ ls -l /dev/nvmap\n",  # a second terminal: another host, the same user
])
def test_a_prompt_after_the_shell_was_left_or_of_the_same_user_elsewhere_is_no_container_s(after: str) -> None:
    text = SHELL_IN_CONTAINER.format(prompt="app@perception") + after + "crw-rw---- 1 root video 10, 125 Nov 11 /dev/nvmap\n"
    assert [n.where for n in explain(text).observed.nodes if n.path == "/dev/nvmap"] == [""]


@pytest.mark.parametrize("text", [
    "I have no name!@orin:~$ ls -l /dev/nvmap\ncrw-rw---- 1 root video 10, 125 Nov 11 /dev/nvmap\n",  # LDAP down
    "nvidia@orin:~$ docker run --rm img bash -c 'ls /dev'\napp@perception:/app$ ls -l /dev/nvmap\n"
    "crw-rw---- 1 root video 10, 125 Nov 11 /dev/nvmap\n",  # bash -c runs and ends: no shell is left open
])
def test_a_nameless_user_without_a_container_or_a_shell_run_with_c_places_nothing_inside(text: str) -> None:
    assert [n.where for n in explain(text).observed.nodes] == [""]


def test_the_host_s_prompt_again_ends_the_shell_in_the_container() -> None:
    text = SHELL_IN_CONTAINER.format(prompt="app@perception") + "nvidia@orin:~$ ls -l /dev/nvmap\n" \
        "crw-rw---- 1 root video 10, 125 Nov 11 11:11 /dev/nvmap\n"
    assert [n.where for n in explain(text).observed.nodes if n.path == "/dev/nvmap"] == [""]


@pytest.mark.parametrize("said", ["I build the image on my laptop without a dedicated GPU.",
                                  "I develop on a MacBook without an NVIDIA GPU."])
def test_a_machine_said_to_have_no_gpu_beside_a_jetson_s_denial_is_another_machine(said: str) -> None:
    result = explain(JETSON_36 + "\n" + said + "\n$ ./app\ncuInit: 801\n")
    assert result.cause.id == "render-node-denied", result.cause


@pytest.mark.parametrize("back", ["And the warning printed before the False on the Jetson:",
                                  "Back on the Orin Nano:"])
def test_a_heading_that_returns_to_the_first_machine_gives_it_the_lines_below(back: str) -> None:
    """After the PC's part, a heading that names the Jetson again ("... on the Jetson:") hands what follows back to the
    Jetson: its 801 is read in the Jetson's part, not in the PC's."""
    text = ("Orin Nano devkit, L4T R36.4.3:\n"
            "nvidia@orin-nano:~$ docker run --rm --runtime nvidia --user appuser vision:2.1 python3 -c "
            "\"import torch; print(torch.cuda.is_available())\"\nFalse\n"
            "nvidia@orin-nano:~$ docker run --rm --user appuser vision:2.1 id\n"
            "uid=1000(appuser) gid=1000(appuser) groups=1000(appuser),44(video)\n\n"
            "For comparison, the same command on my x86_64 PC:\nTrue\n\n" + back + "\n"
            "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not "
            "supported\n")
    result = read_cause(text)
    assert result.cause.id == "render-node-denied", result.cause
    assert len(result.systems) == 2 and "L4T 36.4.3" in result.systems[0] and "a PC" in result.systems[1]


@pytest.mark.parametrize(("text", "cause"), [
    ("Jetson AGX Orin:\n" + JETSON_36 + "\n$ id\nuid=1001(ml) gid=1001(ml) groups=1001(ml),44(video)\n"
     "$ stat -c %g /dev/dri/renderD128\n992\n\nMy desktop (x86_64, RTX 4070):\n"
     "$ python3 -c \"import torch; print(torch.cuda.get_device_name(0))\"\nNVIDIA GeForce RTX 4070\n\n"
     "Back on the Jetson:\n$ python3 -c \"import torch; print(torch.cuda.get_device_name(0))\"\n"
     "RuntimeError: CUDA error: operation not supported\n", "render-node-denied"),
    ("Build box (x86_64, RTX 3060, driver 470.256.02):\n$ nvidia-smi --query-gpu=name,driver_version --format=csv\n"
     "NVIDIA GeForce RTX 3060, 470.256.02\n\nJetson Orin Nano (L4T R36.4.3):\n$ cat /etc/nv_tegra_release\n" + JETSON_36 +
     "\n$ docker run --rm --runtime nvidia app:jetson ./selftest\nselftest: all 12 checks passed\n\n"
     "Back on the x86_64 build box:\n$ docker run --rm --gpus all app:devel ./selftest\n"
     "CUDA error at selftest.cu:41 code=35(cudaErrorInsufficientDriver) \"cudaGetDeviceCount(&n)\"\n", "x86-discrete-gpu"),
])
def test_a_heading_that_names_a_machine_by_a_word_returns_to_it(text: str, cause: str) -> None:
    """"Back on the Jetson:" after the Jetson's own heading named it already, or "Back on the x86_64 build box:": the
    word in the heading is enough to hand the lines below back to the machine of that kind."""
    result = read_cause(text)
    assert result.cause.id == cause and len(result.systems) == 2, (result.cause, result.systems)


MIXED_BASE = ("Orin Nano devkit:\n"
              "nvidia@orin-nano:~$ docker run --rm --runtime nvidia --user appuser vision:2.1 python3 -c "
              "\"import torch; print(torch.cuda.is_available())\"\nFalse\n"
              "nvidia@orin-nano:~$ docker run --rm --user appuser vision:2.1 id\n"
              "uid=1000(appuser) gid=1000(appuser) groups=1000(appuser),44(video)\n\n"
              "For comparison, the same command on my x86_64 PC:\nTrue\n\n")
MIXED_801 = "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported\n"


@pytest.mark.parametrize("back", [
    "Back on the Orin Nano:\n$ cat /etc/nv_tegra_release\n" + JETSON_36 + "\n",  # its release after its return
    "Back on the Orin Nano (not the Fedora laptop):\n",  # the other machine named in parentheses only
])
def test_a_jetson_that_returns_is_one_system_with_its_release(back: str) -> None:
    result = read_cause(MIXED_BASE + back + MIXED_801)
    assert len(result.systems) == 2 and result.cause.id == "render-node-denied", (result.systems, result.cause)


def test_a_machine_named_in_passing_in_another_s_part_takes_no_lines() -> None:
    """"Same image as on the Jetson, the log:" in the PC's part is the PC's log: a comparison, not a return."""
    text = ("Jetson Orin NX, L4T R36.4.3:\n" + JETSON_36 + "\n$ ./probe\nok\n\nOn my x86_64 PC:\n"
            "Same vision:2.1 image as on the Jetson, the log:\n"
            "docker: Error response from daemon: could not select device driver \"\" with capabilities: [[gpu]].\n")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_paste_that_switches_machines_past_the_bound_is_read_as_one() -> None:
    """Past MAX_SEGMENTS runs, which lines are whose is not followed: the paste is read as one, and no machine's part is
    given another's error."""
    from jetson_gpu_access.explain.reading import MAX_SEGMENTS
    round_trip = "On the Orin Nano:\n$ ./probe\nok\nOn my x86_64 PC:\n$ ./probe\nok\n"
    tail = "On the Orin Nano:\n$ ./probe\nNvRmMemInitNvmap failed with Permission denied\nOn my x86_64 PC:\n$ ./probe\nok\n"
    within = explain(round_trip * 3 + tail)
    assert len(within.systems) == 2 and within.systems[0].startswith("system 1 (L4T") and "tegra-nodes-denied" in within.systems[0]
    beyond = explain(round_trip * MAX_SEGMENTS + tail)
    assert beyond.systems and not any(label.startswith("system ") for label in beyond.systems), beyond.systems


def test_a_system_that_works_or_runs_fast_is_not_the_one_a_mixed_paste_is_read_by() -> None:
    """The working Orin comes first and says it runs at 55 fps; the failing Nano's denial, read in its own part with
    its own release, is the reading."""
    text = ("orin$ head -1 /etc/nv_tegra_release\n" + JETSON_36 + "\norin$ ./detector\nrunning on GPU, 55 fps\n"
            "nano$ head -1 /etc/nv_tegra_release\n"
            "# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t210ref, EABI: aarch64, DATE: Sat Feb 19 2022\n"
            "nano$ ./detector\nNvRmMemInitNvmap failed with Permission denied\n"
            "CUDA error at detector.cu:12 code=999(cudaErrorUnknown)\nnano$ id\nuid=1001(det) gid=1001(det) groups=1001(det)\n")
    result = explain(text)
    assert result.cause.id == "tegra-nodes-denied" and "32.7.1" in result.systems[1], result.systems


@pytest.mark.parametrize("text", [
    "Works on our Jetson:\n" + JETSON_36 + "\njetson$ python3 -c 'import torch;print(torch.cuda.is_available())'\nTrue\n\n"
    "Fails on the build server (x86_64, 2x RTX 4090) after a few hours:\nserver$ docker exec -u app trainer nvidia-smi\n"
    "Failed to initialize NVML: Unknown Error\n",
    "jetson$ head -1 /etc/nv_tegra_release\n" + JETSON_36 + "\njetson$ ./deviceQuery | tail -1\nResult = PASS\n"
    "workstation$ uname -m\nx86_64\nworkstation$ ./deviceQuery | tail -3\ncudaGetDeviceCount returned 35\n"
    "-> CUDA driver version is insufficient for CUDA runtime version\nResult = FAIL\n",
    "On the Jetson Orin (JetPack 6.1) it works fine, 30 fps.\nOn the x86_64 laptop:\n$ nvidia-smi\n"
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA "
    "driver is installed and running.\n",
])
def test_a_jetson_that_works_beside_a_pc_that_fails_is_read_as_the_pc(text: str) -> None:
    """A Jetson and a PC in one paste, each under a heading or a prompt of its own: the PC's part holds the error, so
    the reading is the PC's, and each machine is listed with its own reading."""
    result = explain(text)
    assert result.cause.id == "x86-discrete-gpu" and len(result.systems) == 2, (result.cause, result.systems)


def test_a_pc_s_part_before_the_jetson_s_is_labelled_and_evidenced_by_its_own_lines() -> None:
    text = ("On the PC (x86_64):\n$ nvidia-smi\nFailed to initialize NVML: Driver/library version mismatch\n"
            "On the Orin:\n" + JETSON_36 + "\n$ ./deviceQuery\nResult = PASS\n")
    result = explain(text)
    assert result.cause.id == "x86-discrete-gpu" and "a PC" in result.systems[0] and "L4T 36" in result.systems[1]
    said = {s.text: s.evidence for s in result.statements}
    pc = next(e for t, e in said.items() if t.startswith("system 1 (a PC)"))
    assert pc == ("On the PC (x86_64):",), pc


def test_a_jetson_s_heading_and_its_release_line_are_one_machine() -> None:
    text = ("On the Jetson AGX Orin (JetPack 6.1):\n" + JETSON_36 + "\n$ ./deviceQuery\nResult = PASS\n"
            "On the x86_64 laptop:\n$ nvidia-smi\nNVIDIA-SMI has failed because it couldn't communicate with the "
            "NVIDIA driver.\n")
    result = explain(text)
    assert len(result.systems) == 2 and all("most likely" in s for s in result.systems), result.systems


@pytest.mark.parametrize(("pc_part", "cause"), [
    ("$ nvidia-smi\nFailed to initialize NVML: Driver/library version mismatch\n", "x86-discrete-gpu"),
    ("$ docker ps\npermission denied while trying to connect to the Docker daemon socket\n", "render-node-denied"),
])
def test_a_gpu_access_error_outranks_an_unrelated_one_in_another_machine_s_part(pc_part: str, cause: str) -> None:
    """The Jetson's part shows a harmless miss (no nvidia-smi on JetPack 5) or the GPU's 801; the PC's a driver error or
    the engine's own socket: the reading is the error that is GPU access's."""
    jetson = ("On the Orin:\n" + JETSON_36 + "\n$ ./app\ncuInit: 801\n" if cause == "render-node-denied" else
              "On the Xavier (JetPack 5):\n# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64\n"
              "$ nvidia-smi\nbash: nvidia-smi: command not found\n$ ./deviceQuery\nResult = PASS\n")
    result = explain(jetson + "On the PC (x86_64):\n" + pc_part)
    assert result.cause.id == cause and len(result.systems) == 2, (result.cause, result.systems)


def test_a_sentence_that_goes_on_into_its_output_starts_no_machine_s_part() -> None:
    text = (JETSON_36 + "\nI followed the install guide written for x86_64 and got:\n"
            "NvRmMemInitNvmap failed with Permission denied\n")
    systems = explain(text).systems
    assert not any("a PC" in s and "most likely" in s for s in systems), systems


@pytest.mark.parametrize("text", [
    "i have a cluster with 1 jetson Xavier NX as worker node:\n1) cannot enable gpu module, the module is available only "
    "for amd64 arch\nthe container (a pytorch container from NGC) cannot see the GPU.\n",
    "Measured on a Jetson Thor (L4T R38.4 / JetPack 7, CUDA 13.0):\nGB10 is `sm_121` and its cubins run; Thor is "
    "`sm_110`.\n>>> a @ b  ->  CUDA error: no kernel image is available for execution on the device\n",
])
def test_a_pc_said_in_passing_starts_no_part_of_its_own(text: str) -> None:
    """After the first machine, only a heading or a sign alone on its line starts another machine's part: a PC named in
    a sentence about the Jetson leaves the paste one reading."""
    result = explain(text)
    assert not any("a PC" in system and "most likely" in system for system in result.systems), result.systems


@pytest.mark.parametrize("launch", [
    "docker run --rm \\\r\n  --runtime nvidia \\\r\n  -u 1000 my/app:jp6 ./probe\r\n",
    "> docker run --rm \\\n>   --runtime nvidia \\\n>   -u 1000 my/app:jp6 ./probe\n",
    "docker run --rm \\  \n  --runtime nvidia \\\t\n  -u 1000 my/app:jp6 ./probe\n",
])
def test_a_continued_launch_is_one_launch_with_crlf_quotes_or_blanks_after_the_backslash(launch: str) -> None:
    (read,) = explain(JETSON_36 + "\n" + launch + "cuInit(0) = 801\n").observed.launches
    assert (read.runtime, read.user, read.image) == ("nvidia", "1000", "my/app:jp6")


def test_nodes_open_to_every_user_rule_out_every_group_cause() -> None:
    """0666 nodes (toolkits 1.12 to 1.18.1 make them) deny no session: no group cause, and the question asks whether
    root fails too. A line that says a node refused the user still outranks the listing."""
    text = (JETSON_36 + "\ncrw-rw-rw- 1 root root 226, 128 Mar  5 10:00 /dev/dri/renderD128\n"
            "crw-rw-rw- 1 root root  10, 125 Mar  5 10:00 /dev/nvmap\ncudaGetDeviceCount returned 801\n")
    result = explain(text)
    assert result.cause.id == "unknown" and result.cause.ruled_by == "nodes-open-to-all"
    assert not {"render-node-denied", "tegra-nodes-denied", "uid-gid-launch"} & set(result.cause.also_possible)
    assert result.question is not None and "root" in result.question.ask
    refused = explain(text + "open /dev/dri/renderD128: Permission denied\n")
    assert refused.cause.ruled_by != "nodes-open-to-all"


def test_a_cut_file_is_read_at_its_start_and_its_end(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A log puts its error last: past the input limit, a file's last bytes are read too, and the note says so."""
    from jetson_gpu_access.explain import output as module
    monkeypatch.setattr(module, "INPUT_LIMIT", 4096)
    monkeypatch.setattr(module, "INPUT_TAIL", 1024)
    log = tmp_path / "journal.log"
    log.write_text("camera frame ok\n" * 2000 + "NvRmMemInitNvmap failed with Permission denied\n")
    text, note = module.read_input(str(log))
    assert note is not None and "the last 1024 bytes" in note
    assert explain(text).cause.id == "tegra-nodes-denied"


def test_a_file_with_a_byte_order_mark_is_decoded_by_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.explain import read_input
    paste = tmp_path / "out.txt"
    paste.write_bytes(b"\xff\xfe" + (JETSON_36 + "\r\ncuInit(0) = 801\r\n").encode("utf-16-le"))
    text, _ = read_input(str(paste))
    assert explain(text).cause.id == "render-node-denied"


def test_a_file_name_that_names_no_file_is_said_to_be_read_as_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.explain import read_input
    missing = str(tmp_path / "journal.txt")
    assert read_input(missing) == (missing, "no file named {}: the argument itself was read as the text".format(missing))
    assert read_input("cuInit(0) = 801")[1] is None


def test_a_launch_without_the_gpu_on_a_pc_is_told_the_pc_s_fix() -> None:
    text = ("$ uname -m\nx86_64\n$ docker run --rm nvcr.io/nvidia/pytorch:24.05-py3 python -c 'import torch'\n"
            "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n")
    (finding,) = [f for f in explain(text).audit if f.id == "no-gpu-nodes"]
    assert "--gpus all" in finding.fix and "NvRmMem" not in finding.why and "--runtime nvidia" not in finding.fix
    on_jetson = [f for f in explain(JETSON_36 + "\n$ docker run --rm img ./probe\ncuInit(0) = 801\n").audit
                 if f.id == "no-gpu-nodes"]
    assert on_jetson and "--runtime nvidia" in on_jetson[0].fix


def test_a_launch_without_the_gpu_on_no_system_shown_is_told_both_systems_fixes() -> None:
    """Where the paste shows neither system, the audit's finding names no Jetson's node as fact: it gives each
    system's way (jupyter/docker-stacks#1616, a PC image's CPU-only TensorFlow)."""
    text = ("`docker run -it --rm jupyter/tensorflow-notebook /bin/bash`\n"
            "In order to get a cuda enabled tensorflow I have to install the package again with `conda install tensorflow-gpu`")
    (finding,) = [f for f in explain(text).audit if f.id == "no-gpu-nodes"]
    assert "NvRmMem" not in finding.why and "--gpus all" in finding.fix and "--runtime nvidia" in finding.fix


def test_ls_of_a_folder_and_a_node_files_each_entry_under_its_own_path() -> None:
    text = ("# ls -l /dev/dri/ /dev/nvmap\n"
            "crw-rw---- 1 root video  10, 124 Jun  1 12:00 /dev/nvmap\n\n"
            "/dev/dri/:\ntotal 0\ncrw-rw---- 1 root render 226, 128 Jun  1 12:00 renderD128\n")
    assert sorted(n.path for n in explain(text).observed.nodes) == ["/dev/dri/renderD128", "/dev/nvmap"]


def test_each_session_of_one_uid_is_said_with_its_own_id_line() -> None:
    text = ("Thor JP7.0 host:\nuid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),44(video)\n"
            "cr--r----- 1 root video 10, 123 Oct  2 11:02 /dev/nvmap\nIn the container:\n"
            "uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu)\nNvRmMemInitNvmap failed with Permission denied\n")
    said = [s for s in explain(text).statements if "not a member of video" in s.text]
    assert said and all("44(video)" not in line for s in said for line in s.evidence), said


@pytest.mark.parametrize(("line", "version"), [
    ("After upgrading nvidia-container-toolkit to 1.19.0 the user gets 801", "1.19.0"),
    ("we moved nvidia-container-toolkit from 1.16.2 to 1.18.2 last week", "1.18.2"),
    ("Depuis la mise à jour de nvidia-container-toolkit en 1.18.2 sur notre Orin NX", "1.18.2"),
    ("nvidia-container-toolkit version 1.17.8", "1.17.8"),
    ("NVIDIA Container Toolkit 1.18.2 breaks non-root CUDA on Jetson Orin (JP 6.2). With 1.17.8 it works.", "1.18.2"),
    ("JetPack 6.1, toolkit upgraded to 1.18.2 from the NVIDIA apt repo.", "1.18.2"),
    ("Setting up nvidia-container-toolkit (1.17.0-1) ...", "1.17.0"),  # dpkg's own line
    ("nvidia-container-toolkit/unknown,now 1.14.2-1 arm64 [installed]", "1.14.2"),  # apt list's
    ("I upgraded nvidia-container-toolkit 1.16.2 -> 1.19.1 yesterday. Now in the container:", "1.19.1"),
    ("nvidia-container-toolkit 1.16.2-1 \u2192 1.18.2-1 (apt upgrade)", "1.18.2"),
    ("j'ai mis à jour nvidia-container-toolkit de 1.16.2 vers 1.19.0.", "1.19.0"),
    ("nvidia-container-toolkit von 1.16.2 auf 1.18.2 aktualisiert", "1.18.2"),
    ("Toolkit: nvidia-container-toolkit 1.19.1 -> 1.16.2 rollback is our plan B if there's no proper fix.", "1.19.1"),
    ("nvidia-container-toolkit 1.19.1 -> 1.16.2 downgrade is scheduled for next week", "1.19.1"),
    ("nvidia-container-toolkit 1.16.2 -> 1.18.2 after apt upgrade, and now every container fails if it runs as a user",
     "1.18.2"),
])
def test_the_toolkit_version_said_in_prose_is_the_one_in_use(line: str, version: str) -> None:
    toolkit = explain(line + "\n").observed.toolkit
    assert toolkit is not None and toolkit.value == version


def test_of_two_machines_toolkits_the_failing_one_s_is_read() -> None:
    """Two boards, one line each: the version on the line that fails is the one the reading weighs, whichever comes first."""
    works = "CI box (AGX Orin, JP 6.2): nvidia-container-toolkit 1.16.2 -> ssh into container as dev, is_available() True"
    fails = "New devkit (Orin NX, JP 6.2.1): nvidia-container-toolkit 1.19.1 -> ssh into container as dev -> Error 801"
    for text in (works + "\n" + fails, fails + "\n" + works):
        toolkit = explain(text + "\n").observed.toolkit
        assert toolkit is not None and toolkit.value == "1.19.1", text
    # a first machine that works for root only fails, and a second said to have no such error works
    failing = "Orin #1 (production): nvidia-container-toolkit 1.18.2-1, JetPack 6.2 - GPU works as root only"
    spare = "Orin #2 (spare): nvidia-container-toolkit 1.17.4-1, JetPack 6.2 - no Permission denied there"
    toolkit = explain(failing + "\n" + spare + "\n").observed.toolkit
    assert toolkit is not None and toolkit.value == "1.18.2"
    # a first machine said to run with no errors works
    clean = "#1: nvidia-container-toolkit 1.16.2, the container runs with no errors"
    broken = "#2: nvidia-container-toolkit 1.18.2, fails: NvRmMemInitNvmap failed with Permission denied"
    toolkit = explain(clean + "\n" + broken + "\n").observed.toolkit
    assert toolkit is not None and toolkit.value == "1.18.2"


def test_the_versions_said_before_a_command_on_its_line_are_read() -> None:
    """The prose a reporter writes before the launch on the same line names the system: its L4T and toolkit."""
    observed = explain("L4T 36.4.3, toolkit upgraded to 1.18.2 from the NVIDIA apt repo. Since then `docker run "
                       "--runtime nvidia --user 1000 img python3 app.py` fails\n").observed
    assert observed.toolkit is not None and observed.toolkit.value == "1.18.2"
    assert observed.l4t == "36.4.3"


@pytest.mark.parametrize("elsewhere", [
    "On my x86 workstation with nvidia-container-toolkit 1.18.2 the same test passes: docker run --rm --gpus all -u 1000 "
    "myorg/infer:2.0 python3 app.py",
    "Our build server has nvidia-container-toolkit 1.18.2, and there it works: docker run --rm -u 1000 myorg/infer:2.0 "
    "python3 app.py",
    "On a second Orin with nvidia-container-toolkit 1.18.2 it works: docker run --rm -u 1000 myorg/infer:2.0 python3 app.py",
    "On my x86 workstation with nvidia-container-toolkit 1.18.2 the same test passes:\n"
    "$ docker run --rm --gpus all -u 1000 myorg/infer:2.0 python3 app.py",
])
def test_a_launch_and_toolkit_said_of_another_machine_are_not_the_jetson_s(elsewhere: str) -> None:
    """What a sentence places on another machine (a PC, a build server, a second board) is that machine's where the
    paste shows the Jetson on a line of its own; the same sentence alone is the only machine there is."""
    text = (elsewhere + "\nOn the Orin AGX (JetPack 6.2), in the container as user app:\n"
            "RuntimeError: CUDA error: operation not supported\n")
    observed = explain(text).observed
    assert observed.toolkit is None and observed.launches == ()
    alone = explain(elsewhere + "\n").observed
    assert alone.toolkit is not None and alone.toolkit.value == "1.18.2" and len(alone.launches) == 1


@pytest.mark.parametrize(("before", "now"), [("Before (from PyPI): ", "PyTorch version: 2.4.0+cpu."),
                                             ("Before: ", "torch 2.1.0+cpu"),
                                             ("Before the upgrade ", "I had torch 2.1.0+cpu.")])
def test_a_build_a_label_puts_before_a_change_is_not_the_one_now(before: str, now: str) -> None:
    assert "cpu-only-build" not in ids(before + now + " After installing the Jetson wheel:\n")
    assert "cpu-only-build" in ids(now + "\n")


@pytest.mark.parametrize(("said", "denial"), [
    ("The container user is app (uid 1000), root sees the GPU.", True),
    ("As root it works.", True),
    ("Root fails the same way.", False),
    ("Even as root the GPU is not available.", False),
])
def test_root_s_working_said_in_a_sentence_of_its_own_contrasts_with_a_check_shown_failing(said: str, denial: bool) -> None:
    text = ("AGX Orin 64GB, JetPack 6.1.\napp@c0ffee123456:~$ python3 -c 'import torch; print(torch.cuda.is_available())'\n"
            "False\n" + said + "\n")
    assert ("denial-words" in ids(text)) == denial


@pytest.mark.parametrize("line", ["Root: is_available() True. User: False.", "Root sees the GPU, my user gets CUDA error 801."])
def test_root_s_side_of_a_contrast_is_read_in_any_case(line: str) -> None:
    """A sentence begins with a capital: "Root: ..." is root's side as "root: ..." is."""
    for said in (line, line.lower()):
        assert "denial-words" in ids("AGX Orin, JetPack 6.1.\n" + said + "\n"), said


def test_a_compose_service_s_failure_is_judged_by_that_service_s_image() -> None:
    """An x86-only helper image beside the GPU service: its exec format error is not the GPU's software."""
    text = ("jason@jetson01:~/app$ sudo docker-compose up\n"
            "deepstack_trainer    | standard_init_linux.go:219: exec user process caused: exec format error\n"
            "services:\n  deepstack_engine:\n    image: deepquestai/deepstack:jetpack-2021.06.1\n    runtime: nvidia\n")
    assert explain(text).cause.id == "not-gpu-access"
    gpu_service = text.replace("deepstack_trainer    |", "deepstack_engine    |")
    assert explain(gpu_service).cause.id == "jetson-software-mismatch"


def test_the_l4t_image_a_build_starts_from_names_the_release_where_nothing_else_does() -> None:
    """JetPack 4 images get CUDA from the host through the NVIDIA runtime, which `docker build` uses only as the
    default runtime: a CUDA library missing while building FROM an r32 image on a Xavier lacks that."""
    text = ("I'm trying to install torch2trt when building docker image in a jetson xavier nx.\n"
            "OSError: libcurand.so.10: cannot open shared object file: No such file or directory\n"
            "My dockerfile is:\nFROM nvcr.io/nvidia/l4t-pytorch:{}-pth1.6-py3\n")
    assert explain(text.format("r32.4.4")).cause.id == "nodes-missing-in-container"
    assert explain(text.format("r35.2.1")).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("build", ["during `docker build`", "in a Dockerfile RUN step", "when building a docker image"])
def test_a_cuda_check_in_a_pc_s_image_build_fails_for_want_of_a_gpu_in_the_build(build: str) -> None:
    """BuildKit gives RUN steps no GPU: a check there fails by design, not for the PC's driver."""
    text = "Ubuntu 22.04 PC with an RTX 3080: {}, `torch.cuda.is_available()` always shows False.\n"
    assert explain(text.format(build)).cause.id == "nodes-missing-in-container"
    assert explain(text.format("in my shell")).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("tag", "cause"), [("r36.3.0", "jetson-software-mismatch"), ("r32.7.1", "nodes-missing-in-container")])
def test_a_python_module_of_the_gpu_s_stack_missing_in_a_container_is_the_image_s_after_jetpack_4(tag: str, cause: str) -> None:
    """JetPack 4's runtime mounts TensorRT's Python bindings from the host; later images carry their own."""
    text = ("Jetson Xavier NX, building with docker build -t app . FROM dustynv/l4t-pytorch:{}\n"
            "ModuleNotFoundError: No module named 'tensorrt'\n").format(tag)
    assert explain(text).cause.id == cause


def test_a_torch_import_cut_off_while_loading_its_cuda_libraries_is_a_library_failure() -> None:
    """The last frame says what failed where the exception is cut off; the exception, where shown, says more."""
    frames = ('Traceback (most recent call last):\n  File "setup.py", line 13, in <module>\n    import torch\n'
              '  File "/usr/local/lib/python3.6/dist-packages/torch/__init__.py", line 141, in _load_global_deps\n'
              "    ctypes.CDLL(lib_path, mode=ctypes.RTLD_GLOBAL)\n")
    cut = explain(frames).cause.why.evidence
    assert any("_load_global_deps" in line for line in cut), cut
    shown = explain(frames + "OSError: libmpi_cxx.so.20: cannot open shared object file: No such file or directory\n")
    assert any("libmpi_cxx" in line for line in shown.cause.why.evidence), shown.cause


@pytest.mark.parametrize(("line", "pc"), [
    ("Operating System: openSUSE tumbleweed", True), ("OS: Fedora 40", True), ("my local machine is using an AMD card", True),
    ("(Ubuntu node on AWS)", True), ("(Macos 10.13.6)", True),
    ("I connect to the TX2 from my windows pc", False), ("I develop on macOS with VS Code Remote-SSH into the board", False),
    ("Our fleet is managed from an AWS EC2 instance", False),
    ("Bottlerocket OS 1.27.1 (aws-k8s-1.30-nvidia)", True), ("We are running GPU workloads on k8 AWS EKS cluster", True),
    ("the pods run on a GKE node pool with T4s", True), ("running on a g4dn.xlarge instance", True),
    ("tested on p4d.24xlarge", True), ("on a g5g.metal host", True),
    ("amazon-eks-gpu-node-1.26-v20240129 AMI does not work with g3.8xlarge nodes", True),
    ("Running on `cos`. Cluster version: `1.10.5-gke.0`.", True),
    ("Our CI builds the arm64 image on a g5g.xlarge runner, then we pull it on the device.", False),
    ('when I run "./LinuxNoEditor/Blocks.sh -ResX=896 -windowed"', True),
    ("/home/ue4/UnrealEngine/Engine/Binaries/Linux/UE4Editor", True),
    ("we stream the Jetson's camera into an Unreal scene on another machine", False),
    ("I have an old laptop running Nvidia 650M (Kepler)", True), ("MacBook Pro with a GeForce GT 750M", True),
    ("the 650M parameters model", False),
    ("on a workstation with an RTX A4000.", True),
    ("the Orin uploads its detections to a dashboard on GKE", False), ("it takes weeks to large", False),
    ("Running cluster with the device plugin (on GKE)", True),
    ("cudaErrorNoKernelImageForDevice using NVIDIA 970 GTX", True), ("my 3080 Ti RTX", True), ("release 2.970 GTX", False),
    ("I have version 580.119.02 of the drivers", True), ("driver 535.104.05 on the host", True),
    ("JetPack 6.2 with driver 540.4.0", False), ("the 36.4.3 driver package", False),
    ("Could not locate zlibwapi.dll. Please make sure it is in your library path!", True),
    ('LoadLibrary failed with error 126 "" when trying to load "onnxruntime_providers_cuda.dll"', True),
    ("back then I once copied nvcuda.dll over by hand", False),
    ('  File "/app/.venv/lib/python3.12/site-packages/torch/xpu/__init__.py", line 138, in _lazy_init', True),
    ("RuntimeError: No XPU devices are available.", True), ("an xpu-less build", False),
])
def test_a_system_named_where_the_commands_ran_is_a_pc_and_a_client_named_is_none(line: str, pc: bool) -> None:
    assert bool(read(line + "\n").observed.x86) == pc


@pytest.mark.parametrize(("frame", "source"), [
    ('  File "/root/yolov3/utils/torch_utils.py", line 31, in select_device',
     "    assert torch.cuda.is_available(), 'CUDA unavailable, invalid device %s requested' % device"),
])
def test_a_traceback_frame_s_source_line_is_code_not_output(frame: str, source: str) -> None:
    assert "cuda-unavailable" not in ids(frame + "\n" + source + "\n")
    assert "cuda-unavailable" in ids(source.strip() + "\n")
    failed = frame + "\n" + source + "\nAssertionError: CUDA unavailable, invalid device 0 requested\n"
    assert "cuda-unavailable" in ids(failed)  # the assertion failing is what happened
    unindented = ('  File "<stdin>", line 1, in <module>\n'
                  "RuntimeError: CUDA error: no kernel image is available for execution on the device\n")
    assert "cuda-209" in ids(unindented)


@pytest.mark.parametrize(("gid", "cause"), [("993", "render-node-denied"), ("0", "toolkit-band")])
def test_a_listing_inside_the_container_outranks_what_the_toolkit_s_version_would_make(gid: str, cause: str) -> None:
    """Toolkit 1.18.2 gives the nodes GID 0 inside; a listing there with the host's GID shows it did not here (the
    host's /dev bound in), and the user short of that GID is that node's denial."""
    text = ("Orin AGX, JetPack 6.2, NVIDIA Container Toolkit 1.18.2.\n"
            "$ docker run --rm -it --runtime nvidia -v /dev:/dev -u app myimg bash\n"
            "app@4be1c2d3e4f5:/$ ls -ln /dev/dri/renderD128\n"
            "crw-rw---- 1 0 {} 226, 128 Jan  5 10:00 /dev/dri/renderD128\n"
            "app@4be1c2d3e4f5:/$ id\nuid=1000(app) gid=1000(app) groups=1000(app),44(video)\n"
            "RuntimeError: CUDA error: operation not supported\n").format(gid)
    assert explain(text).cause.id == cause


def test_cuda_s_toolkit_is_no_container_toolkit() -> None:
    assert explain("CUDA toolkit upgraded to 12.6.1 and nvcc works\n").observed.toolkit is None


def test_going_back_to_an_earlier_toolkit_said_on_another_line_is_the_toolkit_band() -> None:
    text = ("JetPack 6.1, toolkit upgraded to 1.18.2 from the NVIDIA apt repo.\n"
            "Since then docker run --runtime nvidia --user 1000 img python3 app.py fails with\n"
            "NvRmMemInitNvmap failed with Permission denied\nDowngrading to 1.16.2 fixes it.")
    assert explain(text).cause.id == "toolkit-band"


# --- the toolkit and its config, as pasted ---------------------------------------------------------


def _case(name: str) -> str:
    """An outside attack's paste on the toolkit (tests/data/explain_attacks.yaml holds those read by cause)."""
    return {
        "cdi-spec": "$ head -30 /etc/cdi/nvidia.yaml\ncdiVersion: 0.5.0\ncontainerEdits:\n  deviceNodes:\n"
                    "  - path: /dev/nvmap\n  - path: /dev/dri/renderD128\ndevices:\n- containerEdits:\n    deviceNodes:\n"
                    "    - path: /dev/nvmap\n  name: all\nkind: nvidia.com/gpu\n"
                    "$ podman run --rm --device nvidia.com/gpu=all --user 1000:1000 myapp\n"
                    "RuntimeError: CUDA error: operation not supported (error 801)\n",
        "default-runtime": "$ docker info | grep -i runtime\n Runtimes: io.containerd.runc.v2 nvidia runc\n"
                           " Default Runtime: nvidia\n$ docker run --rm -u 1000 dustynv/l4t-pytorch:r36.4.0 python3 -c "
                           "\"import torch; torch.cuda.init()\"\nRuntimeError: CUDA error: operation not supported (error 801)\n",
        "two-rows": "Xavier NX, JetPack 5.1.2\n$ dpkg -l | grep nvidia-container\n"
                    "ii  libnvidia-container-tools        1.10.0-1     arm64   NVIDIA container runtime library\n"
                    "ii  nvidia-container-toolkit         1.11.0-1     arm64   NVIDIA Container toolkit\n"
                    "NvRmMemInitNvmap failed with Permission denied\n",
    }[name]


def test_a_cdi_spec_is_no_compose_file_to_audit() -> None:
    result = explain(_case("cdi-spec"))
    assert not [f for f in result.audit if f.id == "no-gpu-nodes"], result.audit
    assert not [launch for launch in result.observed.launches if launch.source == "compose"]


def test_nvidia_as_dockers_default_runtime_is_no_missing_runtime() -> None:
    assert not [f for f in explain(_case("default-runtime")).audit if f.id == "no-gpu-nodes"]


DEFAULT_SAID = [
    "The nvidia-docker2 is installed and set as the default runtime.", "I configured nvidia as the default runtime in daemon.json",
    "the default runtime is nvidia", "Docker's default runtime was set to nvidia", "nvidia is the default runtime",
    "nvidia is my default runtime", "I've set the default runtime to nvidia", "The default runtime has been set to nvidia",
    "I changed the default runtime to nvidia in daemon.json", "The default runtime is set as nvidia", "default runtime = nvidia",
    "I use nvidia as the default runtime", "Default runtime is nvidia-container-runtime", "nvidia runtime is the default",
    "sudo nvidia-ctk runtime configure --runtime=docker --set-as-default",
    "ExecStart=/usr/bin/dockerd --default-runtime=nvidia -H fd://",
    "I added \u201cdefault-runtime\u201d: \u201cnvidia\u201d to daemon.json",
    '"default-runtime" : "nvidia",', "nvidia-container-runtime is configured as the default runtime",
    "I made nvidia the default runtime", "The nvidia runtime is set as default in daemon.json",
    "the default runtime was switched to nvidia", "Docker installation on L4T sets the Nvidia runtime as a default runtime",
    "I have the nvidia runtime set as default", 'I am using "default-runtime": "nvidia" in my daemon.json',
    "The default runtime is nvidia, so I don't pass --runtime.", "nvidia is set as the default runtime and it still does not work.",
    "docker info shows nvidia as the default runtime.",
]
# Denied, asked, conditional, advice, another machine's, or undone since: no statement about this machine's default.
DEFAULT_NOT_SAID = [
    "I don't have nvidia set as the default runtime", "It doesn't have nvidia set as the default runtime.",
    "If nvidia is set as the default runtime, the container should get the GPU, but I never configured that.",
    "The docs say nvidia-docker2 must be set as the default runtime for builds.",
    "You should set nvidia as the default runtime in daemon.json", "Do I need to set nvidia as the default runtime for this",
    "is nvidia set as the default runtime?", "On my other Jetson, nvidia is set as the default runtime, but not on this one",
    "My colleague said he set nvidia as the default runtime on his Xavier", "Maybe nvidia should be set as the default runtime",
    "Someone on the forum suggested I set nvidia as the default runtime", "nvidia was set as the default runtime until I reflashed",
    "I removed nvidia as the default runtime", "Unless nvidia is set as the default runtime, docker run won't add the GPU",
    "I tried without nvidia set as the default runtime", "I'm not sure if nvidia is set as the default runtime",
    "Whether nvidia is set as the default runtime or not, the result is the same", "nvidia is not the default runtime",
    "we cannot set nvidia as the default runtime in our CI", 'Should I add "default-runtime": "nvidia" to daemon.json?',
    'The guide says to add "default-runtime": "nvidia" to /etc/docker/daemon.json but I didn\'t.',
    'Not using "default-runtime": "nvidia" in daemon.json', "I have not set nvidia as the default runtime",
    "I thought nvidia was the default runtime, it turns out it was runc.",
    "I will make nvidia the default runtime tomorrow and report back.",
    "On the k3s cluster the nvidia runtime is the default (containerd config).",
    "nvidia was the default runtime before I reinstalled docker-ce from docker.com.",
    "I believe the default runtime is nvidia but I am not sure how to check.",
]
RUN_FALSE = "$ docker run --rm dustynv/l4t-pytorch:r36.4.0 python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse"


@pytest.mark.parametrize("said", DEFAULT_SAID)
def test_nvidia_said_to_be_the_default_runtime_is_no_missing_runtime(said: str) -> None:
    assert not [f for f in explain("\n".join([JETSON_36, said, RUN_FALSE])).audit if f.id == "no-gpu-nodes"]


@pytest.mark.parametrize("said", DEFAULT_NOT_SAID)
def test_nvidia_denied_asked_or_advised_as_the_default_runtime_still_audits_the_launch(said: str) -> None:
    assert [f for f in explain("\n".join([JETSON_36, said, RUN_FALSE])).audit if f.id == "no-gpu-nodes"]


def test_the_toolkits_own_row_gives_its_version() -> None:
    """libnvidia-container is versioned on its own (1.10.0 beside toolkit 1.11.0 on JetPack 5.1.2)."""
    toolkit = explain(_case("two-rows")).observed.toolkit
    assert toolkit is not None and toolkit.value == "1.11.0"


def test_the_band_question_answers_for_every_band_and_legacy_mode() -> None:
    result = explain(_case("two-rows").replace("1.11.0-1", "1.18.2-1"))
    assert result.cause.id == "toolkit-band" and result.question is not None
    shown = [answer for answer, _ in result.question.answers]
    assert [a.split()[0] for a in shown[:5]] == ["1.11", "1.12", "1.18.2", "1.19.0", "1.19.1"]
    assert "legacy" in shown[-1]
    meaning = dict(result.question.answers)
    assert "video" in meaning[shown[0]] and "nothing" in meaning[shown[1]]


def test_a_container_node_open_to_all_is_not_called_a_lost_group() -> None:
    text = ("$ ls -l /dev/nvmap\ncrw-rw---- 1 root video 10, 121 Nov 30 09:12 /dev/nvmap\n$ ssh -p 2222 dev@localhost\n"
            "dev@3f2a1b9c0d4e:~$ ls -l /dev/nvmap\ncrw-rw-rw- 1 root root 10, 121 Nov 30 09:15 /dev/nvmap\n")
    said = [s.text for s in explain(text).statements if "different groups" in s.text]
    assert said and "no group is needed" in said[0] and "did not reach" not in said[0]


def test_dockers_own_cdi_says_which_dockerd_keeps_the_added_gids() -> None:
    """Fact sheet A.2: Docker-native CDI applies the spec's additionalGids only since moby PR #52579."""
    text = ("$ nvidia-ctk --version\nNVIDIA Container Toolkit CLI version 1.19.1\n"
            "$ docker run --rm --device nvidia.com/gpu=all -u 1000 myimage python3 -c \"import torch; torch.cuda.init()\"\n"
            "RuntimeError: CUDA error: operation not supported (error 801)\n")
    said = [s for s in explain(text).statements if "52579" in s.text]
    assert said and said[0].evidence[0].startswith("docker run --rm --device nvidia.com/gpu=all")
    assert not [s for s in explain(text.replace("--device nvidia.com/gpu=all", "--runtime nvidia")).statements
                if "52579" in s.text]


def test_a_held_group_still_denied_is_not_told_read_access_is_enough() -> None:
    """Thor's 0440 nvmap: ACC-005 assumes reading is enough; a paste whose `id` holds 44 and is denied says otherwise."""
    listing = ("$ docker run --rm --runtime nvidia myimage bash -c 'ls -ln /dev/nvmap; id'\n"
               "cr--r----- 1 0 44 10, 123 Dec  1 10:00 /dev/nvmap\nuid=1000(app) gid=1000(app) groups=1000(app),44(video)\n")
    denied = explain(listing + "NvRmMemInitNvmap failed with Permission denied\n")
    assert denied.cause.id == "toolkit-band" and "write" in denied.cause.why.text
    assert not [s for s in denied.statements if "ACC-005" in s.text]
    assert [s for s in explain(listing).statements if "ACC-005" in s.text]


@pytest.mark.parametrize(("label", "where"), [("Inside the container (docker run --runtime nvidia, then ssh in):", "container"),
                                              ("On the host (JetPack 6.2, Orin Nano):", ""),
                                              ("In the container:", "container")])
def test_a_prose_label_says_where_the_listing_below_it_was_taken(label: str, where: str) -> None:
    text = "{}\n$ ls -l /dev/nvmap\ncrw-rw-rw- 1 root root 10, 121 Nov 30 09:15 /dev/nvmap\n".format(label)
    assert [n.where for n in explain(text).observed.nodes] == [where]
    prompted = "{}\nnvidia@orin:~$ ls -l /dev/nvmap\ncrw-rw-rw- 1 root root 10, 121 Nov 30 09:15 /dev/nvmap\n".format(label)
    assert [n.where for n in explain(prompted).observed.nodes] == [""]  # a host's named prompt outranks the label
    said = "I ran it in the container and it fails: NvRmMemInitNvmap failed with Permission denied\n$ ls -l /dev/nvmap\n"
    assert [n.where for n in explain(said + text.split("\n", 1)[1]).observed.nodes] == [""]  # a sentence is no label


@pytest.mark.parametrize(("user", "said"), [
    ("1000:1000", "none of the image's /etc/group memberships"),
    ("app", "rebuilds its groups from the image's /etc/group"),
])
def test_what_docker_exec_gives_a_session_depends_on_whether_it_names_a_group(user: str, said: str) -> None:
    """With an explicit group Docker looks up no /etc/group memberships (fact sheet §6, moby/sys GetExecUser)."""
    text = ("$ docker exec -it -u {} ros_ws bash\nRuntimeError: CUDA error: operation not supported\n"
            "uid=1000 gid=1000 groups=1000\n".format(user))
    statements = [s.text for s in explain(text).statements if "docker exec -u" in s.text]
    assert statements and said in statements[0], statements


def test_a_prompt_named_as_the_container_an_exec_entered_is_inside_it() -> None:
    text = ("user@orin:~$ docker exec -it -u user dev bash\nuser@dev:/ws$ ls -l /dev/dri/renderD128\n"
            "crw-rw---- 1 root 992 226, 128 Jan  5 10:00 /dev/dri/renderD128\n")
    assert [n.where for n in explain(text).observed.nodes] == ["container"]
    other = text.replace("user@dev:", "user@orin:")
    assert [n.where for n in explain(other).observed.nodes] == [""]


def test_a_reply_that_says_the_fix_lies_elsewhere_says_what_each_error_means() -> None:
    reply = render_markdown(explain(JETSON_36 + "\nnvbuf_utils: Could not get EGL display connection\nNo EGL Display"))
    assert "as above" not in reply and "X server" in reply, reply


def test_a_long_evidence_line_is_quoted_where_it_holds_the_statement_s_fact() -> None:
    line = ("Hi all, long story short: after weeks of testing different images and carrier boards, and re-flashing twice, "
            "on the host (JetPack 6.2, model Jetson Orin NX 16GB) a non-root user fails")
    reply = render_markdown(explain(line))
    quoted = [row for row in reply.splitlines() if row.startswith("- a Jetson")]
    assert quoted and "Orin NX" in quoted[0].split("(from", 1)[1], quoted


def test_a_compose_or_inspect_launch_rests_on_the_lines_that_set_its_options() -> None:
    text = ("services:\n  vision:\n    image: ghcr.io/acme/vision:jp6\n    runtime: nvidia\n    user: \"1000:1000\"\n"
            "    volumes:\n      - /dev:/dev\nRuntimeError: CUDA error: operation not supported")
    said = [s for s in explain(text).statements if s.text.startswith("compose service vision")]
    assert said and any("user:" in line for line in said[0].evidence), said


@pytest.mark.parametrize(("host", "inside"), [("host$ ", "container (as app)$ "), ("[host] $ ", "[container] $ "),
                                              ("(host) # ", "(in container) $ "), ("jetson-host$ ", "ctr$ ")])
def test_a_prompt_that_names_its_place_puts_the_output_below_it_there(host: str, inside: str) -> None:
    """A reporter's own prompt labels ("host$", "container (as app)$") say where each listing was taken."""
    text = (JETSON_36 + "\n{0}stat -c '%a %u:%g %n' /dev/nvmap\n660 0:44 /dev/nvmap\n"
            "{1}stat -c '%a %u:%g %n' /dev/nvmap\n666 0:0 /dev/nvmap\n{1}id\n"
            "uid=1000(app) gid=1000(app) groups=1000(app),44(video)").format(host, inside)
    result = explain(text)
    assert [n.where for n in result.observed.nodes] == ["", "container"]
    assert [i.where for i in result.observed.identities] == ["container"]
    assert "vs 0 (container)" in " ".join(s.text for s in result.statements)


@pytest.mark.parametrize("query", ["getent group render", "grep render /etc/group", "cat /etc/group | grep render",
                                   "grep -E \"render|audio\" /etc/group", "egrep render /etc/group"])
def test_the_group_lines_a_query_picked_are_not_the_whole_group_file(query: str) -> None:
    """`getent group render` shows render's line only: video, which `id` holds, is not shown missing from /etc/group."""
    text = (JETSON_36 + "\n$ ls -l /dev/nvmap /dev/dri/renderD128\ncrw-rw---- 1 root video 10, 125 Jan 5 10:00 /dev/nvmap\n"
            "crw-rw---- 1 root 992 226, 128 Jan 5 10:00 /dev/dri/renderD128\n$ id\n"
            "uid=1000(app) gid=1000(app) groups=1000(app),44(video),1001(render)\n$ " + query + "\nrender:x:1001:app\n"
            "RuntimeError: CUDA error: operation not supported")
    said = " ".join(s.text for s in explain(text).statements)
    assert "/dev/nvmap" not in said.split("ERROR", 1)[-1] and "not a member of video" not in said, said
    whole = text.replace(query, "cat /etc/group").replace("render:x:1001:app", "video:x:44:\nrender:x:1001:app")
    assert "not a member of video" in " ".join(s.text for s in explain(whole).statements)


def test_an_id_taken_outside_the_container_that_fails_says_where_it_may_be_from() -> None:
    text = ("nvidia@orin-agx:~$ id\nuid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),44(video),110(render)\n"
            "nvidia@orin-agx:~$ docker run --rm --runtime nvidia -u 1000 ghcr.io/me/infer:latest\n"
            "cuInit: CUDA_ERROR_NOT_SUPPORTED (801)")
    said = [s.text for s in explain(text).statements if s.text.startswith("uid 1000")]
    assert said and "on the host, or where the paste does not say" in said[0], said
    alone = "$ id\nuid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),44(video)\ncuInit(0) = 801"
    assert [s.text for s in explain(alone).statements if s.text.startswith("uid 1000")] == [
        "uid 1000 holds the groups 1000, 44"]


def test_the_host_s_group_lines_are_not_the_container_s() -> None:
    text = ("nvidia@agx:~$ docker run -d --runtime nvidia -v /dev/dri:/dev/dri --group-add 993 --name svc svc sleep 9\n"
            "nvidia@agx:~$ docker exec -u 1000 svc id\nuid=1000(app) gid=1000(app) groups=1000(app),44(video),993\n"
            "nvidia@agx:~$ stat -c '%a %u:%g %n' /dev/dri/renderD128\n660 0:992 /dev/dri/renderD128\n"
            "nvidia@agx:~$ getent group render\nrender:x:992:\nRuntimeError: CUDA error: operation not supported")
    result = explain(text)
    said = " ".join(s.text for s in result.statements)
    assert "in /etc/group" not in said, said
    assert any("host's, not the container's" in a for a in result.assumptions)


def test_a_node_name_cut_off_in_the_paste_is_read_as_the_node_it_starts_and_said_to_be_cut() -> None:
    text = ("non-root in container, JP6.1 Orin AGX, error 801, as the failing user:\n$ stat -c '%a %u:%g %n' /dev/nvmap "
            "/dev/dri/renderD*\n666 0:0 /dev/nvmap\n666 0:0 /dev/dri/rend")
    result = explain(text)
    said = [s.text for s in result.statements if s.text.startswith("/dev/dri/renderD*")]
    assert said and "printed cut off, as /dev/dri/rend" in said[0], said
    assert result.cause.id != "render-node-denied"


@pytest.mark.parametrize("quote", [
    'Quoting the original poster there: "GPU works while a display is connected and a user is logged in; over SSH a '
    'non-root user has no GPU".',
    'Someone in #763 wrote: "works only when a user is logged in on the desktop".',
])
def test_words_quoted_from_another_report_do_not_drive_the_reading(quote: str) -> None:
    text = ("Hi, this is a continuation of #763. " + quote + "\nMy case is different: Orin NX 16GB, JetPack 6.1, the "
            "container runs as user svc via `docker run --runtime nvidia -u svc`:\n"
            "Jun 11 14:02:55 edge01 svc[1412]: cudaGetDeviceCount failed: 801 (operation not supported)")
    assert "seat-login-words" not in ids(text)
    assert read_cause(text).cause.id != "seat-acl-only"


def test_a_solved_report_that_shows_cuda_working_gets_no_question() -> None:
    text = ("Solved, posting for others. Orin NX JetPack 6.1, non-root container user got 801. What fixed it:\n"
            "docker run -d --runtime nvidia --group-add 993 --group-add 44 -u appuser myimg\n"
            "appuser@c9:/app$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nTrue")
    assert explain(text).question is None
    unsolved = text.replace("Solved, posting for others.", "Still broken.").replace("What fixed it:", "I tried:")
    assert explain(unsolved.replace("\nTrue", "\nFalse")).question is not None


@pytest.mark.parametrize("prompt", ["I have no name!@a1b2c3d4e5f6:/$ ", "[app@a1b2c3d4e5f6 /]$ ", "[root@a1b2c3d4e5f6 ws]# "])
def test_a_container_s_nameless_or_bracketed_prompt_is_inside_it(prompt: str) -> None:
    """A uid the image does not know gets bash's "I have no name!"; Fedora and CentOS images bracket the prompt."""
    text = (JETSON_36 + "\nnvidia@agx:~$ ls -ln /dev/dri/renderD128\ncrw-rw---- 1 0 992 226, 128 May 6 14:20 "
            "/dev/dri/renderD128\n" + prompt + "ls -ln /dev/dri/renderD128\n"
            "crw-rw---- 1 0 0 226, 128 May 6 14:20 /dev/dri/renderD128\n" + prompt + "id\nuid=1000 gid=1000 groups=1000,992")
    result = explain(text)
    assert [n.where for n in result.observed.nodes] == ["", "container"]
    assert [i.where for i in result.observed.identities] == ["container"]


def test_a_group_name_the_host_s_id_gives_names_no_gid_inside_the_container() -> None:
    text = ("JetPack 6.1 Orin Nano\nhost$ id\nuid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),44(video),992(render)\n"
            "host$ docker run -it --rm --runtime nvidia my-app:jp6 bash\napp@3f9c2a1b7d4e:/app$ ls -l /dev/dri/renderD128\n"
            "crw-rw---- 1 root 992   226, 128 Jan 10 09:12 /dev/dri/renderD128\napp@3f9c2a1b7d4e:/app$ id\n"
            "uid=1000(app) gid=1000(app) groups=1000(app),44(video)\nError 801: operation not supported")
    said = " ".join(s.text for s in explain(text).statements)
    assert "render (GID 992)" not in said and "GID 992" in said, said


def test_a_shell_s_own_prompt_after_a_launch_stays_inside_the_container() -> None:
    text = ("nvidia@nano:~$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Jun 20 10:00 /dev/dri/renderD128\n"
            "nvidia@nano:~$ docker run -it --rm --runtime nvidia -u worker acme/worker:3 bash\nbash-5.1$ id\n"
            "uid=1500(worker) gid=1500(worker) groups=1500(worker),44(video)\nbash-5.1$ ls -l /dev/dri/renderD128\n"
            "crw-rw---- 1 root 992 226, 128 Jun 20 10:00 /dev/dri/renderD128\nbash-5.1$ python3 worker.py\n"
            "torch.cuda.is_available(): False")
    result = explain(text)
    assert [n.where for n in result.observed.nodes] == ["", "container"]
    assert [i.where for i in result.observed.identities] == ["container"]


def test_an_id_from_one_machine_is_not_judged_against_another_machine_s_nodes() -> None:
    text = ("Two identical Orin NX units. orin-a works, orin-b fails.\nnvidia@orin-a:~$ id appuser\n"
            "uid=1001(appuser) gid=1001(appuser) groups=1001(appuser),44(video),992(render)\n"
            "nvidia@orin-b:~$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Feb 11 08:20 /dev/dri/renderD128\n"
            "nvidia@orin-b:~$ sudo -u appuser ./gpu_check\ngpu_check: cuInit returned 801 (operation not supported)")
    result = explain(text)
    assert result.diagnosis is None
    assert any("orin-a" in a and "orin-b" in a for a in result.assumptions), result.assumptions
    assert result.cause.id == "render-node-denied"
    assert not read(text).others  # nor judged as another session


def test_one_node_listed_at_two_machines_prompts_is_two_nodes_not_one_seen_twice() -> None:
    """Two boards, each its own render node: their GIDs differ by host, and neither lost a group to the other."""
    text = ("nvidia@orin-a:~$ ls -ln /dev/dri/renderD128\ncrw-rw---- 1 0 992 226, 128 Feb 20 10:01 /dev/dri/renderD128\n"
            "nvidia@orin-a:~$ python3 check_cuda.py\nCUDA OK: 1 device(s), Orin\n\n"
            "nvidia@orin-b:~$ ls -ln /dev/dri/renderD128\ncrw-rw---- 1 0 993 226, 128 Feb 20 10:04 /dev/dri/renderD128\n"
            "nvidia@orin-b:~$ python3 check_cuda.py\ncuInit failed: 801 (CUDA_ERROR_NOT_SUPPORTED)")
    result = explain(text)
    assert [n.machine for n in result.observed.nodes] == ["orin-a", "orin-b"]
    assert not any("listed with different groups" in s.text for s in result.statements), result.statements
    # the same two listings at one machine's prompt are one node seen twice
    one = explain(text.replace("orin-b", "orin-a"))
    assert any("listed with different groups" in s.text for s in one.statements)
    # ... and so are they beside a container whose prompt shows the host name it was started with
    named = explain("nvidia@orin-a:~$ docker run -it --hostname orin-b --runtime nvidia app bash\n" + text)
    assert any("listed with different groups" in s.text for s in named.statements)


def test_the_container_s_id_is_the_failing_session_s_where_the_host_s_is_shown_too() -> None:
    text = ("JetPack 6.0, Orin NX. Container started with `docker run -d --runtime nvidia --name cam myimg`.\n\n"
            "On the host:\nrender:x:992:nvidia,app\nvideo:x:44:nvidia,app\n"
            "uid=1001(app) gid=1001(app) groups=1001(app),44(video),992(render)\n\nInside the container:\n"
            "crw-rw---- 1 root 992 226, 128 Mar  1 10:00 /dev/dri/renderD128\n"
            "uid=1001(app) gid=1001(app) groups=1001(app),44(video)\nError 801: operation not supported")
    result = explain(text)
    said = " ".join(s.text for s in result.statements)
    assert "a new login would get" not in said and "started before the membership" not in said, said
    assert result.cause.id == "render-node-denied"


def test_the_group_question_for_a_paste_without_a_container_speaks_of_none() -> None:
    text = ("nvidia@orin ~> cat /etc/nv_tegra_release\n# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, "
            "EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025\nnvidia@orin ~> getfacl /dev/dri/renderD128\n"
            "# file: dev/dri/renderD128\n# owner: root\n# group: render\nuser::rw-\nuser:nvidia:rw-\ngroup::rw-\n"
            "mask::rw-\nother::---\n\nWhen I'm logged in on the HDMI monitor, ollama uses the GPU. After I log out of the "
            "desktop and only SSH in, ollama falls back to CPU:\nmsg=\"no nvidia devices detected by library "
            "/usr/lib/aarch64-linux-gnu/nvidia/libcuda.so.1.1\"")
    question = explain(text).question
    assert question is not None and "container" not in question.ask + " ".join(a for pair in question.answers for a in pair)


def test_the_group_question_for_a_host_session_that_fails_beside_a_container_that_works_stays_on_the_host() -> None:
    """Root's session in the container works; the user's on the machine itself fails: the session to ask about is
    the host's, and the question sends no one into the container."""
    text = ("nvidia@orin:~$ docker run --rm -it --runtime nvidia dustynv/l4t-pytorch:r36.4.0 bash\n"
            "root@0f1e2d3c4b5a:/# id\nuid=0(root) gid=0(root) groups=0(root)\n"
            "root@0f1e2d3c4b5a:/# python3 -c \"import torch; print(torch.cuda.is_available())\"\nTrue\n"
            "root@0f1e2d3c4b5a:/# exit\nnvidia@orin:~$ id\n"
            "uid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),27(sudo),44(video),999(docker)\n"
            "nvidia@orin:~$ python3 -c \"import torch; print(torch.cuda.is_available())\"\n"
            "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not "
            "supported\nFalse")
    question = explain(text).question
    assert question is not None and "container" not in question.ask, question.ask
    # the user's session in the container is the one that fails: the question goes there
    inside = text.split("root@0f1e2d3c4b5a:/# exit")[0].replace(
        "root@0f1e2d3c4b5a:/# id\nuid=0(root) gid=0(root) groups=0(root)",
        "app@0f1e2d3c4b5a:/$ id\nuid=1000(app) gid=1000(app) groups=1000(app)").replace(
        "True\n", "RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported\n")
    question = explain(inside).question
    assert question is not None and "inside the container" in question.ask, question.ask
    # the host's `id` shown first, where it works, then a user in the container who fails: the container's question
    first = ("nvidia@orin:~$ id\nuid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),44(video),992(render)\n"
             "nvidia@orin:~$ docker run -it --rm --runtime nvidia dustynv/l4t-pytorch:r36.4.0 bash\n"
             "root@5e6f7a8b9c0d:/# id\nuid=0(root) gid=0(root) groups=0(root)\n"
             "root@5e6f7a8b9c0d:/# useradd -m -G video dev && su dev\n"
             "dev@5e6f7a8b9c0d:/$ python3 -c \"import torch; print(torch.cuda.is_available())\"\n"
             "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not "
             "supported\nFalse")
    question = explain(first).question
    assert question is not None and "inside the container" in question.ask, question.ask


def test_a_session_in_the_container_is_judged_against_the_container_s_listing_of_a_node() -> None:
    text = ("$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Jan 22 09:00 /dev/dri/renderD128\n"
            "$ docker run --rm --runtime nvidia --group-add 992 -u 1000 app:latest sh -c 'id; ls -ln /dev/dri/renderD128; ./probe'\n"
            "uid=1000(app) gid=1000(app) groups=1000(app),992\ncrw-rw---- 1 0 0 226, 128 Jan 22 09:00 /dev/dri/renderD128\n"
            "probe: cuInit -> 801 (CUDA_ERROR_NOT_SUPPORTED)")
    said = " ".join(s.text for s in explain(text).statements)
    assert "not a member of render" not in said, said


def test_a_question_for_a_paste_of_two_releases_keeps_the_newer_one_s_render_node() -> None:
    text = ("Orin A (works):\n# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 "
            "19:57:35 UTC 2023\nOrin B (fails):\n# R36 (release), REVISION: 4.0, GCID: 37537400, BOARD: generic, EABI: "
            "aarch64, DATE: Fri Sep 13 04:36:44 UTC 2024\ncudaGetDeviceCount returned 801\n-> operation not supported")
    question = explain(text).question
    assert question is None or "renderD" in question.command or "/dev/dri" in question.command, question


def test_a_name_the_container_gives_a_gid_is_its_own_not_the_host_s() -> None:
    text = ("host$ id\nuid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),44(video),992(render)\n"
            "host$ docker run -it --rm --runtime nvidia my-app:jp6 bash\napp@3f9c2a1b7d4e:/app$ ls -l /dev/dri/renderD128\n"
            "crw-rw---- 1 root 992   226, 128 Jan 10 09:12 /dev/dri/renderD128\napp@3f9c2a1b7d4e:/app$ id\n"
            "uid=1000(app) gid=1000(app) groups=1000(app),44(video),992(docker)\nError 801: operation not supported")
    facts = read(text).facts
    assert facts is not None and [d.group_name for d in facts.devices] == ["docker"]


def test_a_container_s_own_listing_alone_is_no_host_listing_for_a_launch_to_hold() -> None:
    text = ("$ docker run --rm --runtime nvidia --group-add 44 -u 1000:1000 app:1 ls -l /dev/nvmap\n"
            "crw-rw---- 1 root video 10, 121 Jan 10 09:12 /dev/nvmap\nNvRmMemInitNvmap failed with Permission denied")
    assert read_cause(JETSON_36 + "\n" + text).cause.id != "toolkit-band"


def test_a_seat_reached_from_an_acl_listing_is_not_said_to_be_the_paste_s_words() -> None:
    text = (JETSON_36 + "\n$ ssh svc@orin\n$ ls -l /dev/dri/renderD128\ncrw-rw----+ 1 root render 226, 128 Jan 5 10:00 "
            "/dev/dri/renderD128\ncuInit: 801")
    question = explain(text).question
    assert question is None or "The paste says" not in question.ask, question


def test_a_missing_v4l2_encoder_node_is_an_absent_node() -> None:
    """Tegra's V4L2 encoder node a program could not open is read as absent, as its /dev/nvhost-msenc is."""
    absent = explain("Could not open device '/dev/v4l2-nvenc' for reading and writing.: No such file or directory\n"
                     "[ERROR] <enc0> Could not open device '/dev/v4l2-nvenc': No such file or directory\n").observed.absent
    assert [a.value for a in absent] == ["/dev/v4l2-nvenc"]



@pytest.mark.parametrize("text", [
    "rk3399, Ubuntu 18.04: MNN built with OpenCL says can't find type=3 backend\n",
    "failed to open RGA:Permission denied.\nrga_im2d: The current RockchipRga singleton is destroyed.\n",  # (its SDK's)
    "E RKNN: failed to open rknpu module, need to insmod rknpu dirver!\n"])
def test_another_makers_board_alone_is_no_nvidia_gpus_trouble(text: str) -> None:
    """A paste whose only machine is another maker's Arm board (named, or by what its maker's GPU and NPU libraries print
    there) has no NVIDIA GPU: what fails there is not this access, and the reading says what the board is, not that
    it is an x86 system."""
    result = explain(text)
    assert result.cause.id == "not-gpu-access" and "x86" not in result.cause.why.text
    assert any(s.text.startswith("another maker's Arm board, not a Jetson") for s in result.statements)


@pytest.mark.parametrize("text", [
    # (an NVIDIA card in the board's slot, by its workstation name)
    "Raspberry Pi 5 (8GB), Pi OS bookworm 64-bit, NVIDIA RTX A400 on the PCIe HAT+ via an external riser.\n"
    "$ sudo modprobe nvidia\nmodprobe: ERROR: could not insert 'nvidia': No such device",
    "Radxa ROCK 5B (RK3588), Armbian 24.5, NVIDIA T400 4GB in the M.2 slot through an adapter.\n"
    "UserWarning: CUDA initialization: CUDA unknown error - this may be due to an incorrectly set up environment",
    # (the board is another machine; what fails speaks of NVIDIA's discrete driver)
    "We ship the same image to RKNN boards and to our inference servers. On the servers the container now dies with:\n"
    "nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown",
    # (red team 109: a card said in words, and NVIDIA's driver nodes listed on the machine that fails)
    "Raspberry Pi 5 (8GB) with an Nvidia GPU on a PCIe riser; the card shows up in lspci.\n"
    "UserWarning: CUDA initialization: CUDA unknown error - this may be due to an incorrectly set up environment",
    "The same compose file runs fine (CPU only) on my Raspberry Pi 4. On the workstation I added the GPU reservation:\n"
    "Error response from daemon: could not select device driver \"nvidia\" with capabilities: [[gpu]]\n"
    "$ ls -l /dev/nvidia*\ncrw-rw-rw- 1 root root 195,   0 Mar 10 08:00 /dev/nvidia0\n"
    "crw-rw-rw- 1 root root 195, 255 Mar 10 08:00 /dev/nvidiactl",
    # (Rockchip's model converter runs on a PC: no board)
    "Converting yolov8n.onnx with rknn-toolkit2 2.0.0b0 in a conda env; before that I fine-tune with torch:\n"
    "UserWarning: CUDA initialization: CUDA unknown error - this may be due to an incorrectly set up environment"])
def test_an_nvidia_gpu_beside_another_makers_board_is_read_as_the_pc_s(text: str) -> None:
    assert explain(text).cause.id == "x86-discrete-gpu"


# ---- a contraction's "n't" is no word of its own ----

def _alternatives_after_a_word_boundary(source: str) -> List[str]:
    """The top-level alternatives of each group that follows a \\b in a pattern's source."""
    found, start = [], source.find("\\b(?:")
    while start >= 0:
        depth, i, begin = 1, start + 5, start + 5
        while i < len(source) and depth:
            char = source[i]
            if char == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(char, 0)
            if (char == "|" and depth == 1) or depth == 0:
                found.append(source[begin:i])
                begin = i + 1
            i += 1
        start = source.find("\\b(?:", start + 5)
    return found


def _patterns_of(value: Any) -> List[str]:
    if isinstance(value, re.Pattern):
        return [value.pattern]
    if isinstance(value, (tuple, list)):
        return [p for item in value for p in _patterns_of(item)]
    return []


def test_no_pattern_offers_n_t_as_a_word_after_a_boundary() -> None:
    """`\\b(?:not|n't)` never matches "hasn't" or "don't": no word boundary falls inside a word, so the contraction's
    "n't" must stand outside the \\b, `(?:\\bnot|n't)`; a pattern that offers it inside reads those words as absent."""
    from jetson_gpu_access import launch, lexicon, textfacts
    sources = [p for module in (*EXPLAIN_MODULES, textfacts, lexicon, launch) for value in vars(module).values()
               for p in _patterns_of(value)]
    sources += [p for family in SYMPTOMS for p in family.get("patterns", [])
                + [family.get("needs_in_paste") or "", family.get("unless_in_paste") or ""]]
    assert len(sources) > 500
    dead = [source[:80] for source in sources if any(re.match(r"n(?:'|\\')t", alternative)
                                                      for alternative in _alternatives_after_a_word_boundary(source))]
    assert dead == []
    assert _alternatives_after_a_word_boundary(r"\b(?:not|n't)\s") == ["not", "n't"]  # the check itself finds them
