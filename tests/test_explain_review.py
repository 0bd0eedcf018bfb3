"""Readings an outside review of explain's rules found wrong, each kept as the class it stands for. Every paste here
was written for the review (none is a corpus or held-out report); each test says what the paste shows that the
wrong reading ignored.

- A login that rebuilds groups loses the toolkit's GIDs only when it enters the container (its SSH server, a
  container prompt, an exec): a login to the Jetson itself does not, and an `id` after the login that holds the
  nodes' GIDs shows nothing was lost.
- A node's group made world-readable or open (`chmod`, `setfacl`), "only root", and going back to an earlier version
  are evidence only when the paste says they worked: "did not fix", "no help", "still doesn't work" say the opposite,
  and "only root can install packages" or "GPU clocks only work with sudo" say nothing of opening the GPU.
- An `id` rules a node's denial out only when it is the failing session's: taken where the failure is (in the
  container when the failure is), for the user that fails, and comparing group names only within one /etc/group.
- An image built for another L4T major than the host's fails CUDA's start-up: a start-up error does not hide it.
- A release file after a later host prompt (`$ `) is the host's, not the last container's.
- nvidia-smi missing says the container lacks the GPU only where the paste shows the launch, and not with NVIDIA's
  runtime as the engine's default; NVML's Unknown Error is a container losing its GPU only where a container runs.
"""

from __future__ import annotations

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36, read_cause
from jetson_gpu_access.explain import explain

L6 = "\n".join([
        'me@laptop:~$ ssh nano@orin.local',
        'nano@orin:~$ cat /etc/nv_tegra_release',
        JETSON_36,
        'nano@orin:~$ dpkg -l nvidia-container-toolkit | tail -1',
        'ii  nvidia-container-toolkit  1.19.1-1  arm64  NVIDIA Container toolkit',
        "nano@orin:~$ docker run --rm --runtime nvidia -u 1000:1000 myorg/app:1.0 python3 -c 'impor"
        "t torch; print(torch.cuda.is_available())'",
        'False'])
L2 = "\n".join([
        JETSON_36,
        '$ nvidia-ctk --version',
        'NVIDIA Container Toolkit CLI version 1.19.1',
        '$ ssh nano@orin.local',
        'nano@orin:~$ python3 -c "import torch; print(torch.cuda.is_available())"',
        'False',
        'nano@orin:~$ pip list | grep torch',
        'torch 2.5.0'])
L4 = "\n".join([
        JETSON_36,
        '$ nvidia-ctk --version',
        'NVIDIA Container Toolkit CLI version 1.19.1',
        '$ su - app',
        'app@orin:~$ python3 -c "import torch; print(torch.cuda.is_available())"',
        'False',
        'app@orin:~$ python3 -c "import torch; print(torch.__version__)"',
        '2.5.0+cpu'])
L5 = "\n".join([
        JETSON_36,
        '$ nvidia-ctk --version',
        'NVIDIA Container Toolkit CLI version 1.19.1',
        '$ docker run -d --runtime nvidia -p 2222:22 --name dev myimage /usr/sbin/sshd -D',
        '$ ssh -p 2222 dev@localhost',
        'dev@3f2a9c1b7d4e:~$ ls -ln /dev/dri/renderD128 /dev/nvmap',
        'crw-rw---- 1 0 993 226, 128 Nov 30 10:00 /dev/dri/renderD128',
        'crw-rw---- 1 0 44 10, 125 Nov 30 10:00 /dev/nvmap',
        'dev@3f2a9c1b7d4e:~$ id',
        'uid=1000(dev) gid=1000(dev) groups=1000(dev),44(video),993(render)',
        'dev@3f2a9c1b7d4e:~$ python3 -c "import torch; print(torch.cuda.is_available())"',
        'False',
        'dev@3f2a9c1b7d4e:~$ python3 -c "import torch; print(torch.__version__)"',
        '2.5.0+cpu'])
W10 = "\n".join([
        JETSON_35,
        '$ docker run --rm --runtime nvidia myimg ./infer',
        '[TRT] [E] 6: CUDA initialization failure with error: 222',
        'chmod on /dev/nvhost-ctrl-gpu did not fix anything'])
W3 = "\n".join([
        JETSON_35,
        'torch.cuda.is_available() returns False inside the container',
        'I also tried chmod 666 /dev/nvmap /dev/nvhost-*, no help at all'])
K2 = "\n".join([
        JETSON_36,
        'Nothing works, not even with chmod 666 /dev/nvmap and /dev/dri/renderD128; still:',
        'RuntimeError: CUDA driver version is insufficient for CUDA runtime version'])
K3 = "\n".join([
        JETSON_36,
        "chmod 666 /dev/nvidia0 won't help on a Jetson, there is no such node",
        'torch.cuda.is_available() returns False; pip show torch says 2.3.0+cpu'])
W5 = "\n".join([
        JETSON_36,
        'Only root can install packages here, so I installed cuda-toolkit-12-6 with sudo apt.',
        'RuntimeError: CUDA driver version is insufficient for CUDA runtime version'])
W4 = "\n".join([
        JETSON_35,
        'Setting the GPU clocks only works with sudo (jetson_clocks), is that expected?',
        'torch.cuda.is_available() returns False inside the container'])
P2 = "\n".join([
        JETSON_36,
        '$ tegrastats',
        'GPU load shows 0%, only root can read /sys/devices/platform/gpu.0/load',
        'python3 -c "import torch; print(torch.cuda.is_available())"',
        'True',
        'but my model runs at 2 fps'])
D1 = "\n".join([
        'Linux ws 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux',
        'nvidia-container-toolkit 1.17.8: GPU containers fail to start',
        "I went back to 1.17.6 but it still doesn't work, so it's not the toolkit.",
        "docker: Error response from daemon: failed to create task for container: OCI runtime creat"
        "e failed: runc create failed: unable to start container process: error during container in"
        "it: error running hook #0: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'",
        'nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown.'])
D3 = "\n".join([
        JETSON_36,
        'torch.cuda.is_available() returns False',
        'downgrading torch to an earlier version did not change anything'])
T4 = "\n".join([
        'Jetson Orin Nano, JetPack 6.2',
        JETSON_36,
        'nano@orin:~$ ls -l /dev/dri/renderD128',
        'crw-rw---- 1 root render 226, 128 Nov 30 10:00 /dev/dri/renderD128',
        'nano@orin:~$ docker run -it --rm --runtime nvidia --group-add render -u app myorg/app:latest bash',
        'app@3f2a9c1b7d4e:/$ id',
        'uid=1000(app) gid=1000(app) groups=1000(app),109(render)',
        'app@3f2a9c1b7d4e:/$ ./probe',
        'cuInit(0) = 801'])
H6 = "\n".join([
        JETSON_35,
        '$ ls -l /dev/nvmap',
        'crw-rw---- 1 root video 10, 125 Sep 13 04:36 /dev/nvmap',
        '$ docker run -it --rm --runtime nvidia -u 1000 --group-add video myorg/app:1.0 bash',
        'app@3f2a9c1b7d4e:/$ id',
        'uid=1000(app) gid=1000(app) groups=1000(app),39(video)',
        'app@3f2a9c1b7d4e:/$ ./deviceQuery',
        'cudaGetDeviceCount returned 999'])
H4 = "\n".join([
        JETSON_36,
        'nano@orin:~$ ls -ln /dev/dri/renderD128',
        'crw-rw----+ 1 0 993 226, 128 Nov 30 10:00 /dev/dri/renderD128',
        'nano@orin:~$ id',
        'uid=1000(nano) gid=1000(nano) groups=1000(nano),44(video),993(render)',
        'nano@orin:~$ docker run --rm --runtime nvidia -u app myorg/app:1.0 ./probe',
        'cuInit(0) = 801'])
H5 = "\n".join([
        JETSON_35,
        'nano@xavier:~$ ls -l /dev/nvmap /dev/nvhost-ctrl-gpu',
        'crw-rw---- 1 root video 10, 125 Sep 13 04:36 /dev/nvmap',
        'crw-rw---- 1 root video 507, 0 Sep 13 04:36 /dev/nvhost-ctrl-gpu',
        'nano@xavier:~$ id',
        'uid=1000(nano) gid=1000(nano) groups=1000(nano),44(video)',
        'nano@xavier:~$ docker exec -it -u jenkins ci-agent python3 -c "import torch; torch.zeros(1).cuda()"',
        'RuntimeError: CUDA error: unknown error',
        'CUDA_ERROR_UNKNOWN: cudaGetDeviceCount returned 999'])
RR6 = "\n".join([
        '$ cat /etc/nv_tegra_release',
        JETSON_36,
        '$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.2.1 cat /etc/nv_tegra_release',
        '# R35 (release), REVISION: 2.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue A'
        'ug  1 19:57:35 UTC 2023',
        "$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.2.1 python3 -c 'import torch; t"
        "orch.zeros(1).cuda()'",
        'RuntimeError: CUDA driver initialization failed, you might not have a CUDA gpu.',
        'cudaGetDeviceCount returned 999'])
RR1 = "\n".join([
        'nano@orin:~$ cat /etc/nv_tegra_release',
        JETSON_36,
        'nano@orin:~$ podman run --rm --device nvidia.com/gpu=all dustynv/l4t-pytorch:r35.2.1 cat /'
        'etc/nv_tegra_release',
        '# R35 (release), REVISION: 2.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue A'
        'ug  1 19:57:35 UTC 2023',
        'nano@orin:~$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.2.1 ./probe',
        'cuInit(0) = 801'])
U1 = "\n".join([
        'After upgrading my Orin from L4T 35.4.1 to JetPack 6.2 with apt, my container no longer sees CUDA:',
        "$ docker run --rm --runtime nvidia -u 1000:1000 myorg/app:1.0 python3 -c 'import torch; pr"
        "int(torch.cuda.is_available())'",
        'False',
        '$ cat /etc/nv_tegra_release',
        JETSON_36])
S4 = "\n".join([
        '$ cat /etc/docker/daemon.json',
        '{ "runtimes": { "nvidia": { "path": "nvidia-container-runtime", "runtimeArgs": [] } }, "de'
        'fault-runtime": "nvidia" }',
        '$ docker run -it --rm myorg/trainer:cuda11.8',
        'root@3f2a9c1b7d4e:/# nvidia-smi',
        'bash: nvidia-smi: command not found'])
S9 = "\n".join([
        'The container was started by our compose file with the GPU reserved (driver: nvidia, capabilities: [gpu]).',
        '$ docker exec -it trainer nvidia-smi',
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "nvidia-smi'
        '": executable file not found in $PATH: unknown',
        'bash: nvidia-smi: command not found'])
N1 = "\n".join([
        'Jetson AGX Thor, JetPack 7.0',
        '$ nvidia-smi',
        'Failed to initialize NVML: Unknown Error'])
N3 = "\n".join([
        'Linux ws 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux',
        '$ nvidia-smi',
        'Failed to initialize NVML: Unknown Error',
        'this is on the host, no container involved, right after a driver upgrade'])
T1 = "\n".join([
        JETSON_36,
        '$ ls -ln /dev/dri/renderD128 /dev/nvmap',
        'crw-rw----+ 1 0 993 226, 128 Nov 30 10:00 /dev/dri/renderD128',
        'crw-rw---- 1 0 44 10, 125 Nov 30 10:00 /dev/nvmap',
        '$ id',
        'uid=1000(user) gid=1000(user) groups=1000(user),44(video),993(render)',
        'cuInit(0) = 801'])


# ---- a login, and what the toolkit adds ----

@pytest.mark.parametrize(("text", "cause"), [(L6, "uid-gid-launch"), (L2, "jetson-software-mismatch"),
                                             (L4, "jetson-software-mismatch"), (L5, "jetson-software-mismatch")])
def test_only_a_login_into_the_container_loses_what_the_toolkit_adds(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


# ---- words that say a change did not help ----

@pytest.mark.parametrize("text", [W10, W3, K2, K3, W5, W4])
def test_a_grant_or_root_said_not_to_help_or_about_something_else_is_no_denial(text: str) -> None:
    result = read_cause(text)
    assert "denial-words" not in [m.id for m in result.matches]
    assert result.cause.id == "jetson-software-mismatch", result.cause


def test_only_root_reading_a_load_file_beside_cuda_available_is_no_denial() -> None:
    result = read_cause(P2)
    assert "denial-words" not in [m.id for m in result.matches]
    assert result.cause.id not in ("render-node-denied", "tegra-nodes-denied")


@pytest.mark.parametrize(("text", "cause"), [(D1, "x86-discrete-gpu"), (D3, "jetson-software-mismatch")])
def test_going_back_to_an_earlier_version_that_did_not_help_is_no_fix(text: str, cause: str) -> None:
    result = read_cause(text)
    assert "downgrade-fixes" not in [m.id for m in result.matches]
    assert result.cause.id == cause


# ---- whose id it is ----

@pytest.mark.parametrize(("text", "cause"), [(T4, "render-node-denied"), (H6, "tegra-nodes-denied"),
                                             (H4, "render-node-denied"), (H5, "tegra-nodes-denied")])
def test_an_id_that_is_not_the_failing_session_s_rules_out_no_denial(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_the_same_session_question_for_a_paste_without_a_container_names_none() -> None:
    result = read_cause(T1)
    assert result.cause.id == "unknown" and result.question is not None
    said = result.question.ask + result.question.command + " ".join(a + m for a, m in result.question.answers)
    assert "container" not in said and "image" not in said


# ---- which system a release file is ----

@pytest.mark.parametrize("text", [RR6, RR1])
def test_an_image_for_another_release_is_named_beside_a_start_up_error(text: str) -> None:
    result = read_cause(text)
    assert result.cause.id == "jetson-software-mismatch" and "another L4T release" in result.cause.why.text


def test_a_release_file_read_at_a_later_host_prompt_is_the_host_s() -> None:
    result = read_cause(U1)
    assert result.observed.l4t == "36.4.3" and not result.observed.images
    assert result.cause.id == "uid-gid-launch", result.cause


# ---- what a missing tool or NVML's unknown error says ----

@pytest.mark.parametrize("text", [S4, S9])
def test_nvidia_smi_missing_is_no_launch_without_the_gpu_where_the_paste_shows_none(text: str) -> None:
    assert "started without the GPU" not in read_cause(text).cause.why.text


@pytest.mark.parametrize(("text", "cause"), [(N1, "jetson-software-mismatch"), (N3, "x86-discrete-gpu")])
def test_nvml_s_unknown_error_with_no_container_is_the_driver(text: str, cause: str) -> None:
    result = read_cause(text)
    assert result.cause.id == cause and "container" not in result.cause.why.text, result.cause


def test_a_launch_longer_than_a_screen_keeps_its_user() -> None:
    devices = (["/dev/tty%d" % i for i in range(64)] + ["/dev/loop%d" % i for i in range(500)]
               + ["/dev/i2c-%d" % i for i in range(12)] + ["/dev/ttyS%d" % i for i in range(200)]
               + ["/dev/video%d" % i for i in range(4)] + ["/dev/nvhost-ctrl-gpu", "/dev/nvmap"])
    line = "+ docker run --rm --runtime nvidia " + " ".join("--device " + d for d in devices) + " -u 1000:1000 app:1 ./probe"
    assert len(line) > 16384
    assert read_cause(JETSON_36 + "\n" + line + "\ncuInit(0) = 801").cause.id == "uid-gid-launch"


# ---- a second review of the report reader's newer rules: each case a reading that went wrong ----

def test_a_version_from_a_later_command_is_no_second_release() -> None:
    text = ("$ dpkg -s nvidia-l4t-core\nPackage: nvidia-l4t-core\nVersion: 36.3.0-20240506102626\n$ docker version\n"
            "Client: Docker Engine - Community\n Version:           24.0.7\nNvRmMemInitNvmap failed with Permission denied\n")
    assert [r.value for r in explain(text).observed.releases] == ["36.3.0"]


@pytest.mark.parametrize("text", [
    "Jetson AGX Orin\nThe image was built for R35.4.1 but my board runs R36.4.0\ncuInit(0)=801\n",
    "# R36 (release), REVISION: 4.0, GCID: 1, BOARD: generic, EABI: aarch64, DATE: x\n"
    "The R32.7.1 workaround (chmod) no longer helps\ncuInit(0)=801\n",
])
def test_a_release_named_in_prose_neither_overrides_a_stronger_one_nor_starts_a_second_system(text: str) -> None:
    result = explain(text)
    assert len(result.observed.releases) <= 1 and result.cause.id == "render-node-denied"


def test_the_memory_manager_failing_beside_the_container_s_own_nvmap_is_no_missing_node() -> None:
    text = ("# R36 (release), REVISION: 4.0, GCID: 1, BOARD: generic, EABI: aarch64, DATE: x\n"
            "app@3f2a9c1b7d4e:/$ ls -l /dev/nvmap\ncrw-rw---- 1 root video 10, 125 Jan 1 00:00 /dev/nvmap\n"
            "app@3f2a9c1b7d4e:/$ id\nuid=1000(app) gid=1000(app) groups=1000(app)\n"
            "NvRmMemMgrInit failed: Memory Manager Not supported\n")
    assert explain(text).cause.id != "nodes-missing-in-container"


@pytest.mark.parametrize("said", ["I did not use --group-add at all.", "My compose file has no group_add: entry"])
def test_a_group_add_said_not_to_be_used_is_not_one(said: str) -> None:
    text = ("# R36 (release), REVISION: 4.0, GCID: 1, BOARD: generic, EABI: aarch64, DATE: x\n" + said +
            "\n$ ssh nvidia@orin\nLast login: Mon Jan  1\nNvRmMemInitNvmap failed with Permission denied\n")
    assert explain(text).cause.id != "login-drops-runtime-groups"


def test_open_tegra_nodes_do_not_rule_out_a_render_node_the_paste_never_listed() -> None:
    text = ("# R36 (release), REVISION: 4.0, GCID: 1, BOARD: generic, EABI: aarch64, DATE: x\n"
            "$ ls -l /dev/nvhost-ctrl /dev/nvhost-ctrl-gpu\n"
            "crw-rw-rw- 1 root root 508, 0 Jan 1 00:00 /dev/nvhost-ctrl\n"
            "crw-rw-rw- 1 root root 508, 1 Jan 1 00:00 /dev/nvhost-ctrl-gpu\n"
            "$ id\nuid=1000(app) gid=1000(app) groups=1000(app)\ncuInit(0)=801\n")
    assert explain(text).cause.id == "render-node-denied"


def test_a_check_that_fails_through_ssh_into_another_machine_s_engine_is_no_login_contrast() -> None:
    text = ("$ docker exec app python3 -c 'import torch;print(torch.cuda.is_available())'\nTrue\n"
            "$ ssh orin2 docker exec app python3 -c 'import torch;print(torch.cuda.is_available())'\nFalse\n")
    assert explain(text).cause.id != "login-drops-runtime-groups"


def test_the_end_of_a_long_utf16_file_is_decoded_as_utf16(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access.explain import output as module
    monkeypatch.setattr(module, "INPUT_LIMIT", 4096)
    monkeypatch.setattr(module, "INPUT_TAIL", 1025)  # an odd size: the end starts inside a character
    paste = tmp_path / "out.txt"
    paste.write_bytes(b"\xff\xfe" + ("x" * 5000 + "\nNvRmMemInitNvmap failed with Permission denied\n").encode("utf-16-le"))
    text, note = module.read_input(str(paste))
    assert note is not None and "NvRmMemInitNvmap failed with Permission denied" in text


@pytest.mark.parametrize(("line", "prompt"), [("bash-5.1$ ls -l /dev/nvmap", False), ("cost$ 5 per hour", False),
                                              ("orin:~$ ls -l /dev/nvmap", True)])
def test_only_a_host_s_prompt_is_read_as_one(line: str, prompt: bool) -> None:
    from jetson_gpu_access.textfacts import _USER_PROMPT
    assert bool(_USER_PROMPT.match(line)) is prompt


def test_the_host_working_beside_a_user_chosen_by_exec_u_is_no_missing_node() -> None:
    """nvidia-smi works on the host and `docker exec -u 1000` fails: what differs is the user (its groups rebuilt from
    the image), not the container's nodes."""
    text = ("nvidia-smi works on the host:\n$ nvidia-smi\n"
            "|   0  Orin (nvgpu)                  N/A  | N/A              N/A |                  N/A |\n"
            "$ docker exec -u 1000 app python3 -c \"import torch; torch.zeros(1).cuda()\"\n"
            "RuntimeError: CUDA error: unknown error\nCUDA_ERROR_UNKNOWN: cudaGetDeviceCount returned 999\n")
    result = explain(text)
    assert result.cause.id in ("tegra-nodes-denied", "render-node-denied"), result.cause


def test_the_same_session_path_on_two_lines_is_said_once_with_both_lines() -> None:
    text = ("$ docker exec -u 1000 app python3 -c \"import torch; print(torch.cuda.is_available())\"\nFalse\n"
            "$ docker exec -u 1000 app id\nuid=1000 gid=1000 groups=1000\n")
    paths = [s for s in explain(text).statements if s.text.startswith("the session came through")]
    assert len(paths) == 1 and len(paths[0].evidence) == 2, paths


# ---- a second outside attack: the module's release bound, the new wordings, the runtime said, the host contrast ----

_DQ801 = "$ ./deviceQuery\ncudaGetDeviceCount returned 801\n-> operation not supported\n"


@pytest.mark.parametrize("text", [
    "Works fine on our Xavier NX boards, but on the new Orin boards the container fails over ssh:\n" + _DQ801,
    "$ docker run --rm --runtime nvidia -u 1000:1000 --group-add video ghcr.io/acme/detector:jetson-xavier-nx\n" + _DQ801,
    _DQ801 + "[    5.012345] tegra194-pcie 14160000.pcie: Adding to iommu group 4\n",
    "Jetson Nano dev kit, Ubuntu 22.04, CUDA 12.6\n" + _DQ801,
    "My Jetson Nano 4GB:\n$ uname -a\nLinux nano 5.15.148-tegra #1 SMP PREEMPT aarch64 GNU/Linux\n" + _DQ801,
])
def test_a_module_name_bounds_no_release_that_the_paste_contradicts(text: str) -> None:
    """A newer family named anywhere, an image's or a driver's name, or software only R36 runs (Ubuntu 22.04, CUDA 12,
    a 5.15 kernel) leaves the render node possible: the short name "Jetson Nano" is often an Orin Nano."""
    result = explain(text)
    assert "render-node-denied" in (result.cause.id,) + result.cause.also_possible, result.cause


@pytest.mark.parametrize("said", ["the losses are logged graphically to TensorBoard",
                                  "nobody is ever logged in graphically, we only use the systemd service",
                                  "it fails the same whether or not someone is logged in graphically (tried both)"])
def test_graphical_words_that_are_not_a_seat_login_are_not_the_seat(said: str) -> None:
    text = JETSON_36 + "\n" + said + "\n" + _DQ801 + "$ id\nuid=1001(ci) gid=1001(ci) groups=1001(ci),44(video)\n"
    assert explain(text).cause.id != "seat-acl-only"


def test_a_seat_said_beside_a_tegra_node_denial_is_the_tegra_node() -> None:
    """logind's seat ACL covers the render node, never /dev/nvmap (video's)."""
    text = JETSON_36 + "\nit only works when I log in locally at the desktop\nNvRmMemInitNvmap failed with Permission denied\n"
    assert explain(text).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize("text", [
    "Orin NX, JetPack 6.1, as user `app`:\n    torch.cuda.is_available(): False\nso I switched config.yaml to `backend: cpu`",
    "GGML_CUDA is OFF by default, so I built llama.cpp with -DGGML_CUDA=ON.\nwarning: no usable GPU found",
])
def test_a_workaround_or_a_default_overridden_is_no_cpu_only_build(text: str) -> None:
    assert "cpu-only-build" not in [m.id for m in explain(text).matches]


@pytest.mark.parametrize("text", [
    "Ubuntu 22.04 x86_64 laptop, RTX 3050. nvidia-smi shows [N/A] for fan and Memory-Usage 5MiB.\n"
    "In the container as my user, torch.cuda.is_available() returns False; as root it returns True.",
    JETSON_36 + "\n(nvidia-smi prints [N/A] for memory.used on this board, I know that is normal.)\n"
    "$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nFalse",
])
def test_nvidia_smi_s_missing_memory_explains_no_pc_s_gpu_and_no_cuda_check(text: str) -> None:
    assert explain(text).cause.id != "not-gpu-access"


def test_a_denial_building_a_tensorrt_engine_is_the_gpu_s() -> None:
    text = ("Jetson Orin Nano, JetPack 6.2. When building the TensorRT engine with trtexec as my normal user I get "
            "\"permission denied\"; with sudo the engine builds fine.")
    assert explain(text).cause.id in ("render-node-denied", "tegra-nodes-denied")


def test_pytorch_s_nvml_assert_on_a_pc_is_nvml_failing_not_memory() -> None:
    text = ("Ubuntu 22.04 x86_64, RTX 4090, driver 550.120, docker with --gpus all. Runs fine for hours, then:\n"
            "RuntimeError: NVML_SUCCESS == r INTERNAL ASSERT FAILED at \"../c10/cuda/CUDACachingAllocator.cpp\":838")
    assert explain(text).cause.id == "x86-discrete-gpu"


def test_a_serial_port_s_tx2_pin_names_no_jetson() -> None:
    text = "Our robot PC talks to the motor board over Serial2 (TX2/RX2 pins of the Arduino Mega)."
    assert not explain(text).observed.jetson


@pytest.mark.parametrize("said", ["I get `bash: nvidia-docker: command not found`, so I used plain docker.",
                                  "Do I have to start the container with the NVIDIA runtime for this to work?",
                                  "$ dpkg -l | grep -i nvidia-docker\nii  nvidia-docker2   2.8.0-1   all   nvidia-docker CLI"])
def test_the_nvidia_runtime_named_without_starting_the_container_is_no_launch_with_it(said: str) -> None:
    text = JETSON_32 + "\n" + said + "\nroot@cec5af656a1e:/data# ./gpujpeg --device-list\nCannot get number of CUDA " \
        "devices: CUDA driver version is insufficient for CUDA runtime version.\n"
    result = explain(text)
    assert "nodes-missing-in-container" in (result.cause.id,) + result.cause.also_possible, result.cause


@pytest.mark.parametrize("login", ["Welcome to Ubuntu 22.04.5 LTS (GNU/Linux 5.15.148-tegra aarch64)\nLast login: Mon Jan 6",
                                   "me@laptop:~$ ssh nvidia@orin-01"])
def test_the_host_s_own_login_keeps_the_contrast_with_a_failing_root_container(login: str) -> None:
    """The host's banner or an ssh from a laptop chooses no user inside the container: root failing there where the
    host works is still the container's nodes."""
    text = (login + "\nOn the host, deviceQuery passes. In our container (as root) it fails:\n"
            "root@3f2a9c1b7d4e:/opt# ./deviceQuery\ncudaGetDeviceCount returned 999\n")
    result = explain(text)
    assert result.cause.id == "nodes-missing-in-container", result.cause


@pytest.mark.parametrize(("line", "cause"), [
    ("`autotag` falls back to a JetPack 6 (`r36.4`) image, which fails on the JP7.2 driver with `CUDA error 801 "
     "(operation not supported)`", "jetson-software-mismatch"),
    ("After upgrading from JetPack 5.1 to JetPack 6.0 the container fails: cuInit returned 801", "render-node-denied"),
])
def test_error_801_said_of_one_release_s_image_on_another_s_driver_is_the_versions(line: str, cause: str) -> None:
    assert explain(line + "\n").cause.id == cause


@pytest.mark.parametrize("line", [
    "- Enable system site packages in order to access tensorrt (as tensorrt cannot be installed by PIP on ARM devices)",
    "the build fails: cannot build the CUDA extension wheel",
])
def test_a_failure_to_install_gpu_software_in_a_container_is_no_missing_node(line: str) -> None:
    text = "Orin Nano, JetPack 6.2. I got it working by configuring the container after launch.\n" + line + "\n"
    assert explain(text).cause.id != "nodes-missing-in-container"


def test_a_library_that_loaded_and_lacks_a_symbol_of_another_version_is_no_missing_mount() -> None:
    text = ("Jetson AGX Orin 64GB, in a docker container; I upgraded TensorRT 8 to 10 by hand.\n"
            "root@tree:/# python3 -c \"import tensorrt\"\n"
            "ImportError: /lib/aarch64-linux-gnu/libnvinfer.so.10: undefined symbol: _ZN5nvdla19IConcatenationLayer7setAxisEi\n")
    assert explain(text).cause.id != "nodes-missing-in-container"


def test_jetson_nx_is_a_jetson_beside_a_pc_it_is_compared_with() -> None:
    text = ("I can run it on PC with rtx2070 and the performance is very good.\nbut I try to build it on Jetson NX with "
            "tensorRT 7.1 cuda 10.2\nbuiltin_plugins.cpp:70:27: error: 'createConcatPlugin' is not a member of "
            "'nvinfer1::plugin'\n")
    assert explain(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("board", ["NVIDIA Jetson AGX Orin", "nVidia Orin NX devkit", "Nvidia Jetson Nano"])
def test_the_board_s_maker_in_a_failing_line_is_no_gpu_failure(board: str) -> None:
    text = ("On the {} our speech container fails to start.\n"
            "worker  | /usr/include/c++/12/bits/stl_vector.h:1125: Assertion '__n < this->size()' failed.\n"
            "worker  | ERROR    Worker (pid:77) was sent code 134!\n").format(board)
    reading = explain(text)
    assert reading.cause.id == "not-gpu-access", reading.cause


@pytest.mark.parametrize("line", [
    "CUDA must be set up right in the container, otherwise the SDK cannot work.",
    "The GPU has to be passed to the pod, or else the detector fails to start.",
])
def test_a_failure_said_as_what_would_happen_otherwise_is_no_failure(line: str) -> None:
    text = "Jetson Orin NX, JetPack 6.0, in a docker container.\n" + line + "\nThe SDK itself runs fine here.\n"
    assert explain(text).cause.id != "nodes-missing-in-container"


def test_a_login_on_the_host_is_said_to_rebuild_groups_from_etc_group_not_the_image_s() -> None:
    text = ("Orin NX, JetPack 6.2, no container.\n"
            "nvidia@orin-nx:~$ sudo -u inference python3 -c \"import torch; print(torch.cuda.is_available())\"\n"
            "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported\n")
    said = [s.text for s in explain(text).statements if "rebuilds groups" in s.text]
    assert said and not any("image" in t or "--group-add" in t for t in said), said
