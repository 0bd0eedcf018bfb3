"""How the reading weighs evidence from different parts of a paste against each other. Each case is a synthetic
paste written for this test (no text of the corpus or the held-out sets); another tool's wording of the same
situation must read the same.

- Evidence that rules a cause out (data/causes.json `ruled_out_by`) outranks whichever rule proposed it: a
  failing process that runs as root is denied no node by its groups, and a paste that shows the GPU opened and
  working for the failing session has no access problem. A works-statement tied to another path ("on the
  host", "via docker exec", "as root") is a contrast between two sessions and rules nothing out.
- "Works on the host" beside a CUDA start-up error in the failing place: that place lacks what the host has.
- A family marked `software_only_if_named` (a binary or image for another architecture) is the GPU's software
  only when its line or the launched image names GPU software; otherwise the program never reached the GPU.
- A missing CUDA library is "not injected" or "wrong software" by the release: up to R32 (JetPack 4) a
  container gets CUDA itself from the host; from R34 the image brings its own and only the driver is mounted.
- The injection's own failures (a CDI device no spec names, the engine with no hook for --gpus, the CUDA
  image's "driver not detected" banner, a failing line naming CDI or the NVIDIA runtime) are the GPU not
  reaching the container; a named toolkit version beside a CDI failure is the toolkit's version.
- A crash that names nothing weighs less than a GPU image started without the GPU on a Jetson.
- Not this problem: the container engine's own socket; a non-NVIDIA GPU stack (HIP, OpenVINO, VA-API) is a PC.
"""

from __future__ import annotations

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36, PC, ids, read_cause
from jetson_gpu_access import data
from jetson_gpu_access.explain import explain, find_failure

NO_DEVICE = "cudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected"




# ---- evidence that rules causes out ----

def test_the_rules_that_rule_causes_out_are_data_with_a_finder_each() -> None:
    from jetson_gpu_access.explain.cause import _RULING_EVIDENCE
    causes = {c["id"] for c in data.load("causes")["causes"]}
    rules = data.load("causes")["ruled_out_by"]
    assert {r["evidence"] for r in rules} == set(_RULING_EVIDENCE)
    for rule in rules:
        assert set(rule["rules_out"]) <= causes and rule["instead"] in causes and rule["instead"] not in rule["rules_out"]


@pytest.mark.parametrize(("text", "cause"), [
    # a root shell in a container started without the runtime: what it lacks, not a group
    (JETSON_35 + "\n$ docker run -it myimage:1.0 bash\nroot@3f2a9c1b7d4e:/app# ./probe\n" + NO_DEVICE,
     "nodes-missing-in-container"),
    # a root shell with the Tegra nodes passed by hand: not a group, and the paste cannot say which of the rest
    (JETSON_32 + "\n$ docker run -it --device=/dev/nvmap --device=/dev/nvhost-ctrl myimage:1.0 bash\n"
     "root@3f2a9c1b7d4e:/app# ./probe\n" + NO_DEVICE, "unknown"),
    # `id` of uid 0 beside a start-up error: root opens every node
    (JETSON_36 + "\n$ id\nuid=0(root) gid=0(root) groups=0(root)\n$ ./probe\ncuInit(0) = 999", "unknown"),
    # root said in words; with no launch shown, nothing says how the container was started
    ("Jetson AGX Orin, JetPack 6.0. Even as root inside the container I get:\n"
     "RuntimeError: CUDA error: operation not supported", "unknown"),
    (JETSON_36 + "\nThe same error with sudo.\ncuInit(0) = 801", "unknown"),
    (JETSON_36 + "\nIt also fails as root.\n$ ./probe\ncuInit(0) = 801", "unknown"),
])
def test_a_process_running_as_root_is_denied_no_node_by_its_groups(text: str, cause: str) -> None:
    result = read_cause(text)
    assert result.cause.id == cause, result.cause
    assert not {"render-node-denied", "tegra-nodes-denied", "login-drops-runtime-groups"} & {result.cause.id}
    # the question says what the answer means for a root process too, not only for a user short of a group
    assert result.question is not None and any("root" in answer for answer, _ in result.question.answers)


@pytest.mark.parametrize(("text", "cause"), [
    # a root shell that runs the program as another user: that user's groups decide
    (JETSON_36 + "\nroot@orin:~# runuser -u app -- ./probe\ncuInit(0) = 801", "render-node-denied"),
    (JETSON_35 + "\nroot@orin:~# sudo -u app ./probe\n" + NO_DEVICE, "tegra-nodes-denied"),
    # one that keeps root's own (empty) supplementary groups for the user: no login path, yet not root's process
    (JETSON_36 + "\nroot@orin:~# setpriv --reuid=1000 --regid=1000 --keep-groups ./probe\ncuInit(0) = 801",
     "render-node-denied"),
    (JETSON_36 + "\nroot@orin:~# s6-setuidgid app ./probe\ncuInit(0) = 801", "render-node-denied"),
    # a node that refuses root in so many words: a rootless engine's root is an unprivileged user on the host
    (JETSON_36 + "\nroot@3f2a9c1b7d4e:/# ./probe\nNvRmMemInitNvmap failed: Permission denied", "tegra-nodes-denied"),
])
def test_root_rules_nothing_out_when_another_user_runs_it_or_a_node_refuses_it(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_the_same_failure_printed_for_root_rules_the_groups_out() -> None:
    """The command run again with sudo prints the user's failure: root, whom no group stops, fails the same way."""
    user = "orin@orin-nx:~$ python3 -c \"import torch; torch.cuda.init()\"\n"
    failure = "RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported\n"
    root = "orin@orin-nx:~$ sudo python3 -c \"import torch; torch.cuda.init()\"\n"
    cause = read_cause(JETSON_36 + "\n" + user + failure + root + failure).cause
    assert cause.id == "unknown" and cause.ruled_by == "root-fails-too", cause
    # root printing something else, or the same failure after another command, rules nothing out
    assert read_cause(JETSON_36 + "\n" + user + failure + root + "(no error)\n").cause.id == "render-node-denied"
    assert read_cause(JETSON_36 + "\n" + user + failure + root.replace("python3", "python3.11") + failure
                      ).cause.id == "render-node-denied"


@pytest.mark.parametrize("line", ["It works even as root.", "Does it fail even as root?", "Same error as root user?"])
def test_root_said_to_work_or_asked_about_is_no_root_session(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line + "\ncuInit(0) = 801").cause.id == "render-node-denied"


def test_a_command_run_with_sudo_at_a_prompt_says_nothing_works() -> None:
    """`true` at the end of a command typed at a prompt is the command run, not a check's answer: no root that works, and
    the engine's own error beside it is what failed."""
    text = (JETSON_36 + "\n$ sudo podman run --rm --device nvidia.com/gpu=all ubuntu:22.04 true\n"
            "Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all")
    assert "denial-words" not in ids(text) and read_cause(text).cause.id == "nodes-missing-in-container"


def test_a_non_root_session_beside_a_root_prompt_is_still_read_for_its_groups() -> None:
    text = (JETSON_36 + "\nroot@orin:~# docker exec -u 1000 app sh -c id\nuid=1000(app) gid=1000(app) groups=1000(app)\n"
            "cuInit(0) = 801\n$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Jan  8 01:49 /dev/dri/renderD128")
    assert read_cause(text).cause.id == "render-node-denied"


@pytest.mark.parametrize("works", [
    "nvidia-smi works fine inside the pod",
    "torch.cuda.is_available() works and returns True",
    "Using device 0: Orin (compute capability 8.7)",
    "the suite runs to the end and all tests pass",
])
def test_a_gpu_shown_working_for_the_session_rules_out_access(works: str) -> None:
    text = JETSON_36 + "\n" + works + "\n[viewer] Error: Can't initialize nvrm channel"
    result = read_cause(text)
    assert result.cause.id == "not-gpu-access", result.cause
    assert "ruled out" in result.cause.why.text


def test_words_that_it_works_do_not_outrank_a_start_up_error_the_program_printed() -> None:
    text = JETSON_36 + "\nnvidia-smi works fine inside the container\n$ ./probe\ncuInit(0) = 801"
    assert read_cause(text).cause.id == "render-node-denied"


def test_docker_without_sudo_beside_a_gpu_denial_is_still_the_denial() -> None:
    text = (JETSON_35 + "\nI can run docker without sudo, but the non-root user in the container cannot use CUDA\n"
            "NvRmMemInitNvmap failed with Permission denied")
    assert read_cause(text).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize("contrast", [
    "when I start it via docker exec, nvidia-smi works",
    "nvidia-smi works on the host",
    "nvidia-smi works as root",
])
def test_a_gpu_working_on_another_path_is_a_contrast_not_proof(contrast: str) -> None:
    text = JETSON_36 + "\n" + contrast + "\nNvRmMemInitNvmap failed with Permission denied"
    assert read_cause(text).cause.id == "tegra-nodes-denied"


def test_works_on_the_host_beside_a_start_up_error_is_what_the_container_lacks() -> None:
    text = "the board is an Orin NX\n./probe\n" + NO_DEVICE + "\nbut on the orin host, ./probe passed"
    result = read_cause(text)
    assert result.cause.id == "nodes-missing-in-container", result.cause
    assert any("host" in line for line in result.cause.why.evidence)


@pytest.mark.parametrize("failure", [
    "CUDNN failure: CUDNN_STATUS_NOT_INITIALIZED",
    "F tensorflow/contrib/tensorrt/log/trt_logger.cc:42] DefaultLogger Assertion failed: eglCreateStreamKHR != nullptr",
])
@pytest.mark.parametrize("host", ["It works fine outside the docker.", "I can run it perfectly fine outside Docker."])
def test_a_gpu_library_failing_only_in_the_container_is_what_the_container_lacks(failure: str, host: str) -> None:
    """A CUDA library that cannot start, or a failing line that names the GPU's software, where the host runs the same
    program: what differs is the container, whose GPU nodes or driver libraries are the likeliest gap."""
    text = "Running on Jetson AGX Xavier in a Docker image.\n" + failure + "\n" + host
    result = read_cause(text)
    assert result.cause.id == "nodes-missing-in-container", result.cause
    assert any("outside" in line for line in result.cause.why.evidence)


@pytest.mark.parametrize("line", ["It doesn't work outside the docker either.", "It does not run outside Docker too."])
def test_failing_outside_the_container_too_is_no_host_that_works(line: str) -> None:
    assert not any(w.kind == "works on the host" for w in read_cause(line).observed.words)


# ---- a family that is software only when it names software ----

@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_35 + "\n$ docker run -it acme/webshop:2 /bin/sh\nexec /bin/sh: exec format error", "not-gpu-access"),
    (JETSON_35 + "\n$ ./tool\nbash: ./tool: cannot execute binary file: Exec format error", "not-gpu-access"),
    (JETSON_35 + "\nERROR: torch-2.3.0-cp310-cp310-linux_x86_64.whl is not a supported wheel on this platform.",
     "jetson-software-mismatch"),
    (JETSON_35 + "\n$ docker run -it nvcr.io/nvidia/cuda:12.2.0-runtime-ubuntu22.04\n"
     "exec /opt/nvidia/nvidia_entrypoint.sh: exec format error", "jetson-software-mismatch"),
    # an image tag that was never published: the GPU's software only for an image of it
    (JETSON_35 + "\nError response from daemon: manifest for acme/webshop:2.1 not found: manifest unknown", "not-gpu-access"),
    (JETSON_35 + "\nError response from daemon: manifest for dustynv/ros:humble-r36.9.9 not found: manifest unknown",
     "jetson-software-mismatch"),
    # no "latest" published: the repository wants a tag named, whatever its images hold
    (JETSON_32 + "\n$ sudo docker pull acme/jetson-nano\nUsing default tag: latest\nError response from daemon: manifest for "
     "acme/jetson-nano:latest not found: manifest unknown: manifest unknown", "not-gpu-access"),
])
def test_a_foreign_binary_is_the_gpu_software_only_when_it_names_gpu_software(text: str, cause: str) -> None:
    result = read_cause(text)
    assert result.cause.id == cause
    assert "CUDA version or library" not in result.cause.why.text  # a tag or an architecture, said as what it is


# ---- a missing CUDA library: not injected, or the image's software, by the release ----

@pytest.mark.parametrize(("release", "cause"), [
    (JETSON_32, "nodes-missing-in-container"),   # JetPack 4: the runtime mounts CUDA from the host
    (JETSON_35, "jetson-software-mismatch"),     # JetPack 5 on: the image brings its own CUDA
])
def test_a_missing_cuda_library_in_a_build_is_read_by_the_release(release: str, cause: str) -> None:
    text = (release + "\n#7 12.31 RUN python3 -c 'import torch'\n#7 12.90 OSError: libcublasLt.so.11: cannot open shared "
            "object file: No such file or directory")
    assert read_cause(text).cause.id == cause


def test_the_driver_library_is_injected_on_every_release() -> None:
    text = JETSON_36 + "\n#7 3.1 ImportError: libcuda.so.1: cannot open shared object file: No such file or directory"
    assert read_cause(text).cause.id == "nodes-missing-in-container"


def test_cuda_missing_in_a_jetpack_4_container_is_not_injected() -> None:
    text = JETSON_32 + "\ninside the container built from our Dockerfile, CUDA is not available"
    assert read_cause(text).cause.id == "nodes-missing-in-container"


# ---- the injection's own failures ----

@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_36 + "\nError: crun: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=igpu0",
     "nodes-missing-in-container"),
    (JETSON_36 + "\nsince nvidia-container-toolkit 1.17.3 the pod fails: failed to inject CDI devices: unresolvable CDI "
     "devices nvidia.com/gpu=all", "toolkit-band"),
    (PC + "\nError: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=1", "x86-discrete-gpu"),
    (JETSON_36 + "\nagent: the CDI spec is broken, so containerd fails to add the GPU to the pod", "nodes-missing-in-container"),
])
def test_a_cdi_device_no_spec_names_reaches_no_container(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


@pytest.mark.parametrize("line", [
    'docker: Error response from daemon: could not select device driver "nvidia" with capabilities: [[gpu]].',
    "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.",
    "ERROR: No supported GPU(s) detected to run this container",
])
def test_a_gpu_request_without_a_hook_leans_to_a_pc_and_asks(line: str) -> None:
    result = read_cause("$ docker run --gpus all myimage\n" + line)
    assert result.cause.id == "x86-discrete-gpu" and result.cause.assumption, result.cause
    assert result.cause.otherwise == "nodes-missing-in-container"
    on_jetson = read_cause(JETSON_36 + "\n" + line)
    assert on_jetson.cause.id == "nodes-missing-in-container" and not on_jetson.cause.assumption


def test_an_ngc_image_that_finds_no_gpu_was_started_without_one() -> None:
    """NGC images' start-up check ("No supported GPU(s) detected to run this container") after a launch that asks for no
    GPU: the container has none (on the PC these images are built for, the PC's setup). After "Detected ... GPU, which is
    not yet supported in this version of the container" the image saw the GPU and is too old for it: the PC's software,
    not a missing device."""
    launch = "root@server:~# docker run -it --rm --net=host nvcr.io/nvidia/tritonserver:24.01-py3\n"
    banner = "ERROR: No supported GPU(s) detected to run this container\n"
    assert ids(launch + banner) == ["cuda-image-no-driver"]
    unserved = read_cause(launch + banner).cause
    assert unserved.id == "x86-discrete-gpu" and "nodes-missing-in-container" in unserved.also_possible, unserved
    assert "container" in unserved.why.text
    too_new = "WARNING: Detected NVIDIA GeForce RTX 3090 GPU, which is not yet supported in this version of the container\n"
    result = read_cause(too_new + banner)
    assert "cuda-image-no-driver" not in {m.id for m in result.matches} and result.cause.id == "x86-discrete-gpu"


def test_an_ngc_image_for_servers_run_with_the_runtime_on_a_jetson_is_the_wrong_image() -> None:
    """On an Orin, with the NVIDIA runtime given, NGC's pytorch image (not its -igpu build) finds no GPU it supports:
    the image is built for discrete GPUs, not that the nodes are missing."""
    launch = "$ sudo docker run --rm -it --runtime nvidia nvcr.io/nvidia/pytorch:24.07-py3\n"
    banner = "ERROR: No supported GPU(s) detected to run this container\n"
    result = read_cause(JETSON_36 + "\n" + launch + banner)
    assert result.cause.id == "jetson-software-mismatch" and "built for servers" in result.cause.why.text, result.cause
    assert read_cause(JETSON_36 + "\n" + launch.replace("--runtime nvidia ", "") + banner).cause.id \
        == "nodes-missing-in-container"  # without the runtime, the container has no GPU at all


@pytest.mark.parametrize("where", [
    "Running Apollo on a Jetson AGX Xavier, JetPack 5.1 (L4T R35.2.1).\n",
    "$ lspci | grep -i vga\n0b:00.0 VGA compatible controller: Advanced Micro Devices, Inc. [AMD/ATI] Navi 22 [Radeon RX 6700]\n",
])
def test_a_script_that_finds_no_nvidia_driver_is_its_own_detection(where: str) -> None:
    """"No nvidia-driver found. CPU will be used" is a script's own check (of nvidia-smi, which JetPack 5 lacks; of a
    driver an AMD machine has no use for): no GPU access it was denied."""
    assert read_cause(where + "[WARNING] No nvidia-driver found. CPU will be used\n").cause.id == "not-gpu-access"


def test_a_failing_line_that_names_the_injection_is_its_own_kind() -> None:
    found = find_failure("nvidia-container-runtime: failed to add the device plugin's devices")
    assert found is not None and found.kind == "injection"


# ---- not this problem, or not a Jetson ----

@pytest.mark.parametrize("line", [
    "the boot gets stuck at the network wait service",
    "the restart command just hangs, nothing in the journal",
    "the monitor service is not active after boot",
])
def test_a_hang_or_a_stopped_service_is_a_failure_and_without_gpu_words_not_gpu_access(line: str) -> None:
    assert find_failure(line) is not None
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock",
    "I cannot run `docker ps` without sudo since the update",
    "gpasswd: group 'docker' does not exist in /etc/group",
])
def test_the_engines_own_socket_is_not_gpu_access(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "HIP error: invalid device function",
    "[GPU] clDNN: failed to create the OpenVINO GPU plugin",
    "vainfo: failed to initialize VA-API, vaInitialize failed",
    "hipErrorNoBinaryForGpu: Unable to find code object for all current devices!",
])
def test_a_non_nvidia_gpu_stack_is_a_pc(line: str) -> None:
    result = read_cause("$ docker run --device /dev/dri app\n" + line)
    assert result.cause.id == "x86-discrete-gpu" and not result.cause.assumption, result.cause


@pytest.mark.parametrize("line", [
    "udev's uaccess rule gives the ACL to the seat user only",
    "the access is only given to a local session with a seat",
])
def test_logind_seat_words_are_the_seat_acl(line: str) -> None:
    assert read_cause("the render node works on the console but not over ssh\n" + line).cause.id == "seat-acl-only"


# ---- a device that is not the GPU; the hook looking for a discrete GPU on a Jetson ----

@pytest.mark.parametrize("line", [
    "Permission denied: /dev/video0",
    "serial: could not open port /dev/ttyTHS1: [Errno 13] Permission denied",
    "i2c: cannot open /dev/i2c-1: EACCES",
])
def test_a_permission_to_another_device_is_not_gpu_access(line: str) -> None:
    found = find_failure(line)
    assert found is not None and found.kind != "device-permission"
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "not-gpu-access"


def test_a_permission_to_a_device_naming_no_node_is_still_the_gpu_node() -> None:
    assert read_cause(JETSON_35 + "\nEACCES on a device node while starting the encoder").cause.id == "tegra-nodes-denied"


def test_the_runtime_hook_looking_for_nvml_on_a_jetson_is_the_toolkit() -> None:
    line = "nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown"
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "toolkit-band"
    on_nothing = read_cause(line)  # with no sign of a Jetson: a PC's driver, said as assumed
    assert on_nothing.cause.id == "x86-discrete-gpu" and on_nothing.cause.assumption


@pytest.mark.parametrize(("options", "cause"), [
    ("", "nodes-missing-in-container"),                   # a Jetson container started without the NVIDIA runtime
    ("--runtime nvidia ", "jetson-software-mismatch"),   # with it: what CUDA lacks is the software's
])
def test_cuda_unusable_in_words_beside_a_launch_without_the_runtime_is_not_injected(options: str, cause: str) -> None:
    text = (JETSON_36 + "\n$ docker run -it --rm " + options + "dustynv/l4t-pytorch:r36.4.0 python3 -c "
            "\"import torch; print(torch.cuda.is_available())\"\nFalse")
    assert read_cause(text).cause.id == cause


def test_cuda_unusable_in_an_image_not_built_for_a_jetson_is_that_images_software() -> None:
    text = (JETSON_36 + "\n$ docker run -it --rm myorg/app:1.2 python3 -c \"import torch; print(torch.cuda.is_available())\""
            "\nFalse")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "the build was killed by the OOM killer on my Orin Nano\nKilled",
    "W: GPG error: https://repo.example.org/jetson r36.4 InRelease: NO_PUBKEY 0123456789ABCDEF",
    "E: The repository 'https://repo.example.org/jetson r99 Release' does not have a Release file.",
])
def test_memory_and_the_package_managers_trust_are_not_gpu_access(text: str) -> None:
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "not-gpu-access"


# ---- the problem itself said in words, with the release said in words ----

@pytest.mark.parametrize(("text", "cause"), [
    ("On my Jetson Orin with JetPack 6.1 the GPU works with sudo but not as my normal user", "render-node-denied"),
    ("Jetson Nano, JP 4.6.4: CUDA runs fine as root, fails for the app user", "tegra-nodes-denied"),
    ("AGX Orin, JetPack 5.1.2: as root it works; the service user gets cuInit returns 999", "tegra-nodes-denied"),
])
def test_root_works_and_a_user_does_not_is_the_denial_on_the_release_named_in_words(text: str, cause: str) -> None:
    result = read_cause(text)
    assert result.cause.id == cause, result.cause
    assert text in result.cause.why.evidence


def test_root_works_said_of_a_tool_with_no_gpu_word_is_no_gpu_denial() -> None:
    text = "jtop crashes\nIndexError: list index out of range\n- with sudo it works fine"
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["cuInit returns 801", "cuInit fails with 801", "the CUDA probe returns 801"])
def test_a_cuda_number_after_returns_is_the_error(line: str) -> None:
    assert "cuda-801" in [m.id for m in explain(line).matches]


def test_cuda_unusable_for_a_session_short_of_its_launch_groups_is_the_login_not_the_software() -> None:
    text = ("$ docker run -d --runtime nvidia --group-add video --group-add 992 -p 2222:22 myimage\n"
            "$ ssh -p 2222 dev@localhost\ndev@3f2a9c1b7d4e:~$ id\nuid=1000(dev) gid=1000(dev) groups=1000(dev)\n"
            "dev@3f2a9c1b7d4e:~$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse")
    result = read_cause(text)
    assert result.cause.id == "login-drops-runtime-groups" and not result.cause.assumption, result.cause


# ---- two sessions contrasted in words: which path works names the mechanism ----

@pytest.mark.parametrize(("text", "cause"), [
    ("Orin, JetPack 6.2: CUDA works when I docker exec into the container, but when I ssh in as the same user, "
     "cuInit returns 801", "login-drops-runtime-groups"),
    ("JetPack 6: it works from podman exec but not over SSH; torch.cuda.is_available() is False there",
     "login-drops-runtime-groups"),
    ("Orin NX R36.3: CUDA works on the HDMI desktop session, fails over ssh: cudaErrorNotSupported", "seat-acl-only"),
])
def test_a_session_contrast_in_words_names_the_mechanism(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_a_display_error_beside_session_words_is_still_the_display() -> None:
    text = JETSON_36 + "\nthe desktop works fine but over ssh -X I get: cannot open display :0"
    assert read_cause(text).cause.id == "not-gpu-access"


def test_cuda_unusable_after_a_numeric_launch_without_group_adds_is_the_launch() -> None:
    text = (JETSON_36 + "\n$ docker run --rm -it --runtime nvidia -u $(id -u):$(id -g) dustynv/l4t-pytorch:r36.4.0\n"
            ">>> torch.cuda.is_available()\nFalse")
    assert read_cause(text).cause.id == "uid-gid-launch"


def test_a_group_add_of_thousands_of_digits_beside_an_id_reads_without_error() -> None:
    text = "uid=0() gid=0\nservices:\n  app:\n    group_add: [\"" + "9" * 5000 + "\"]\ntorch.cuda.is_available() False"
    assert read_cause(text).cause.id in ("unknown", "login-drops-runtime-groups", "jetson-software-mismatch")


def test_a_failing_line_that_names_a_gpu_nodes_group_is_the_node_cause() -> None:
    found = find_failure("warning: render group setup failed: exit status 4")
    assert found is not None and found.kind == "gpu-node"
    assert read_cause(JETSON_36 + "\nwarning: render group setup failed: exit status 4").cause.id == "render-node-denied"
    assert read_cause(JETSON_35 + "\nentrypoint: adding the user to the video group failed").cause.id == "tegra-nodes-denied"


# ---- what the pasted session holds ----

HELD = ("\n$ ls -ln /dev/dri/renderD128 /dev/nvmap\ncrw-rw----+ 1 0 993 226, 128 Nov 30 10:00 /dev/dri/renderD128\n"
        "crw-rw---- 1 0 44 10, 125 Nov 30 10:00 /dev/nvmap\n$ id\n"
        "uid=1000(user) gid=1000(user) groups=1000(user),44(video),993(render)\n")


@pytest.mark.parametrize("failure", ["cuInit(0) = 801",
                                     "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). "
                                     "Error 801: operation not supported",
                                     "cudaGetDeviceCount returned 999"])
def test_a_session_that_holds_every_listed_node_s_group_is_denied_none_of_them(failure: str) -> None:
    result = read_cause(JETSON_36 + HELD + failure)
    assert result.cause.id not in ("render-node-denied", "tegra-nodes-denied", "seat-acl-only", "uid-gid-launch"), \
        result.cause
    assert "holds" in result.cause.why.text and any("uid=1000" in line for line in result.cause.why.evidence)


def test_a_session_that_lacks_one_listed_node_s_group_is_still_denied_it() -> None:
    text = JETSON_36 + HELD.replace(",993(render)", "") + "cuInit(0) = 801"
    assert read_cause(text).cause.id == "render-node-denied"


def test_a_container_listing_with_another_gid_than_the_session_holds_is_still_denied() -> None:
    text = (JETSON_36 + HELD + "$ docker exec -u 1000 app ls -ln /dev/dri/renderD128\n"
            "crw-rw---- 1 0 0 226, 128 Nov 30 10:00 /dev/dri/renderD128\ncuInit(0) = 801")
    assert read_cause(text).cause.id != "unknown"


def test_cuda_unusable_over_ssh_with_the_toolkit_s_own_gids_is_the_login() -> None:
    """Toolkit 1.19.1 and later add the nodes' GIDs to the main process only (facts sheet §A.2, §A.3): an SSH
    session rebuilds its groups from the image's /etc/group and loses them, with no --group-add in sight."""
    text = ("$ nvidia-ctk --version\nNVIDIA Container Toolkit CLI version 1.19.1\n"
            "$ docker run -d --runtime nvidia -p 2222:22 --name dev myimage /usr/sbin/sshd -D\n"
            "$ ssh -p 2222 dev@localhost\n"
            'dev@dev:~$ python3 -c "import torch; print(torch.cuda.is_available())"\nFalse')
    result = read_cause(JETSON_36 + "\n" + text)
    assert result.cause.id == "login-drops-runtime-groups", result.cause


def test_a_program_that_falls_back_to_the_cpu_has_found_no_gpu() -> None:
    text = (JETSON_36 + "\nUserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation "
            "not supported\nUsing device: cpu")
    result = read_cause(text)
    assert result.observed.gpu_found is None and result.cause.id == "render-node-denied", result.cause


@pytest.mark.parametrize(("launch", "cause"), [
    ("docker run --rm dustynv/l4t-pytorch:r32.7.1 python3 app.py", "nodes-missing-in-container"),
    ("docker run --rm --runtime nvidia dustynv/l4t-pytorch:r32.7.1 python3 app.py", "not-gpu-access"),
    ("docker run --rm alpine:3.19 ./app", "not-gpu-access"),  # no GPU image: a crash of its own
])
def test_a_crash_of_a_gpu_image_started_without_the_gpu_on_a_jetson_is_the_missing_runtime(launch: str, cause: str) -> None:
    """JetPack 4's containers get even CUDA's libraries from the NVIDIA runtime; without it a GPU program may crash
    instead of naming what it lacks."""
    assert read_cause(JETSON_32 + "\n$ " + launch + "\nSegmentation fault (core dumped)\n").cause.id == cause


@pytest.mark.parametrize("way_in", ["su app -s /bin/sh -c ./healthcheck", "gosu app ./healthcheck",
                                    "ssh -p 2222 app@localhost ./healthcheck"])
def test_a_container_node_whose_group_no_launch_added_outranks_a_login_that_drops_the_added_groups(way_in: str) -> None:
    """The container's own listing shows the node with GID 0, where the launch added the host's GIDs: even kept
    through the login, the added groups would not open it; the toolkit's version decides, not the way in."""
    text = (JETSON_36 + "\nnvidia-container-toolkit 1.18.2\n"
            "[host] $ stat -c '%a %u:%g %n' /dev/dri/renderD128\n660 0:992 /dev/dri/renderD128\n"
            "[host] $ docker run -d --name svc --runtime nvidia --group-add 992 svc:2.3\n"
            "[host] $ docker exec -it svc bash\n"
            "[container] # stat -c '%a %u:%g %n' /dev/dri/renderD128\n660 0:0 /dev/dri/renderD128\n"
            f"[container] # {way_in}\nhealthcheck: cuInit returned 801")
    assert read_cause(text).cause.id == "toolkit-band"
    # the container's node keeps the added GID: the login that drops it decides
    kept = text.replace("660 0:0 /dev/dri/renderD128", "660 0:992 /dev/dri/renderD128")
    assert read_cause(kept).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize(("said", "inside"), [
    ("I haven't touched the default runtime.", False),
    ("After I changed the default runtime to nvidia, it works.", True),
    ('/etc/docker/daemon.json: {"default-runtime": "nvidia"}', True),
])
def test_only_a_default_runtime_shown_or_said_to_be_changed_places_the_paste_in_a_container(said: str, inside: bool) -> None:
    from jetson_gpu_access.explain import container_context
    text = said + "\nImportError: libcudnn.so.8: cannot open shared object file: No such file or directory"
    assert bool(container_context(text, explain(text).observed)) == inside
