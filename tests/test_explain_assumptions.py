"""explain names the likeliest cause even when the paste does not show the system, and says what it assumed.

Each general rule is checked on pastes written for this test (none is a corpus text): an error family
leans to a system (data/symptoms.json `platform`), the system the paste shows outranks that lean, weak
signs of a PC or a Jetson are read as such, node and launch evidence picks the cause on that system,
and only a paste without any failure stays `unknown`. Whatever is assumed is said as assumed, with the
cause on the other system, and the question asks for the missing fact.
"""

from __future__ import annotations

from typing import Optional

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36
from jetson_gpu_access import data
from jetson_gpu_access.explain import Explanation, explain, render_markdown, render_text
from jetson_gpu_access.textfacts import normalise


def nothing_invented(text: str, result: Explanation) -> None:
    """Every statement rests on a line of ``text`` or says it is assumed (the corpus gate, on these pastes)."""
    flat = " ".join(normalise(text).split())
    for statement in result.statements + (result.cause.why,):
        assert statement.assumed or all(" ".join(line.split()) in flat for line in statement.evidence), statement


def assumed_system(result: Explanation) -> Optional[str]:
    assert bool(result.cause.assumption) == bool(result.cause.assumed_system)
    return result.cause.assumed_system or None


# ---- an error family leans to a system: the cause is read on it, said as assumed ----

LEANS = [
    # (paste, cause, the system assumed, the cause on the other system)
    ("E0412 cuda_driver.cc:282] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected",
     "x86-discrete-gpu", "pc", "tegra-nodes-denied"),
    ("torch.cuda.init() -> RuntimeError: CUDA error: unknown error", "x86-discrete-gpu", "pc", "tegra-nodes-denied"),
    ("ggml_cuda_init: failed to initialize CUDA: CUDA driver version is insufficient for CUDA runtime version",
     "x86-discrete-gpu", "pc", "jetson-software-mismatch"),
    ("cupy_backends.cuda.api.runtime.CUDARuntimeError: cudaErrorSymbolNotFound: named symbol not found",
     "x86-discrete-gpu", "pc", "jetson-software-mismatch"),
    ("vaInitialize failed: libva error: /dev/dri/renderD128: Permission denied", "x86-discrete-gpu", "pc",
     "render-node-denied"),
    ("cupy.cuda.driver.CUDADriverError: CUDA_ERROR_NO_BINARY_FOR_GPU: no kernel image is available for execution on "
     "the device", "jetson-software-mismatch", "jetson", "x86-discrete-gpu"),  # on a PC, its CUDA build
    ("[E:onnxruntime] CUDA failure 801: operation not supported ; GPU=0 ; expr=cudaSetDevice(info_.device_id);",
     "render-node-denied", "jetson", "x86-discrete-gpu"),
    ("ImportError: libcudnn.so.8: cannot open shared object file: No such file or directory", "x86-discrete-gpu", "pc",
     "jetson-software-mismatch"),
    # the requirement check of the C library (legacy mode; the csv mode's names the host's CUDA, test below)
    ("stderr: nvidia-container-cli: requirement error: unsatisfied condition: cuda>=11.8", "x86-discrete-gpu", "pc",
     "jetson-software-mismatch"),
    # no family leans: the project's readers' system (a library missing in a container leans to neither)
    ("$ docker run --rm app:1 ./serve\n./serve: error while loading shared libraries: libcuda.so.1: cannot open shared "
     "object file: No such file or directory", "nodes-missing-in-container", "jetson", "x86-discrete-gpu"),
    ("docker: Error response from daemon: unknown or invalid runtime name: nvidia.", "nodes-missing-in-container",
     "jetson", "x86-discrete-gpu"),
    ("vkCreateInstance failed with ERROR_INCOMPATIBLE_DRIVER", "nodes-missing-in-container", "jetson", "x86-discrete-gpu"),
    ("[trt] TensorRT initialization failed (engine=yolo.plan)", "jetson-software-mismatch", "jetson", "x86-discrete-gpu"),
]


@pytest.mark.parametrize(("text", "cause", "system", "otherwise"), LEANS)
def test_a_family_lean_names_the_likeliest_cause_and_says_it_is_assumed(text: str, cause: str, system: str,
                                                                        otherwise: str) -> None:
    result = explain(text)
    assert (result.cause.id, assumed_system(result), result.cause.otherwise) == (cause, system, otherwise)
    assert otherwise in result.cause.also_possible
    assert any(s.assumed and "does not show which system" in s.text for s in result.statements)
    assert "assumed" in result.cause.why.text
    question = result.question
    assert question is not None and "nv_tegra_release" in question.command
    meanings = " | ".join(meaning for _, meaning in question.answers)
    assert cause in meanings and otherwise in meanings, meanings
    assert "(assumed, please confirm)" in render_markdown(result) and "assumed" in render_text(result)
    nothing_invented(text, result)


def test_the_runtime_s_csv_mode_requirement_check_is_the_jetson_s_software() -> None:
    text = ("failed to construct OCI spec modifier: requirements not met: unsatisfied condition: cuda>=12.2 (cuda=11.4): "
            "unknown")
    assert explain(text).cause.id == "jetson-software-mismatch"


def test_every_lean_is_one_of_the_two_systems_and_says_why() -> None:
    for symptom in data.load("symptoms")["symptoms"]:
        if "platform" in symptom:
            assert symptom["platform"] in ("jetson", "pc") and len(symptom["assume"]) > 20, symptom["id"]


# ---- the system the paste shows outranks a family's lean ----

@pytest.mark.parametrize(("extra", "cause"), [
    (JETSON_32, "tegra-nodes-denied"),                            # a Jetson shown: the Jetson reading
    ("Linux build7 6.8.0-45-generic #45-Ubuntu SMP x86_64 GNU/Linux", "x86-discrete-gpu"),  # a PC shown
])
def test_the_system_shown_outranks_the_lean(extra: str, cause: str) -> None:
    text = extra + "\ncudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected"
    result = explain(text)
    assert result.cause.id == cause and not result.cause.assumption
    nothing_invented(text, result)


# ---- weak signs of a system, each outranked by any sign of the other ----

HOOK = ("docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime "
        "create failed: runc create failed: unable to start container process: error during container init: error running "
        "hook #0: error running hook: exit status 1, stdout: , stderr: {}: unknown.")


@pytest.mark.parametrize(("text", "cause"), [
    ("[ec2-user@ip-172-31-5-9 ~]$ docker run --rm --gpus all myorg/train:3\n" +
     HOOK.format("nvidia-container-cli: initialization error: driver error: failed to process request"),
     "x86-discrete-gpu"),
    ("ubuntu@ip-10-1-2-3:~$ podman run --rm --device nvidia.com/gpu=all myorg/infer:1\n"
     "Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all", "x86-discrete-gpu"),
    (HOOK.format("Auto-detected mode as 'legacy'\nnvidia-container-cli: mount error: permission denied"), "x86-discrete-gpu"),
    ("$ docker run --rm --gpus all myorg/smi:1 nvidia-smi\n" +
     HOOK.format("nvidia-container-cli: initialization error: driver error: failed to process request"), "x86-discrete-gpu"),
    # the toolkit's csv (Jetson) mode: its auto-detection; a step of its own (the container's device rules) is its version's,
    # its own CUDA requirement check and the CUDA libraries it mounts are the image's
    (HOOK.format("Auto-detected mode as 'csv'\nnvidia-container-cli: mount error: failed to add device rules"),
     "toolkit-band"),
    ("docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime "
     "create failed: failed to create NVIDIA Container Runtime: failed to construct OCI spec modifier: requirements not "
     "met: unsatisfied condition: cuda>=13.0 (cuda=12.2): unknown", "jetson-software-mismatch"),
    (HOOK.format("nvidia-container-cli: mount error: file creation failed: /var/lib/docker/overlay2/abc/merged/usr/lib/"
                 "aarch64-linux-gnu/libnvinfer.so.8: file exists"), "jetson-software-mismatch"),
])
def test_weak_signs_of_a_system_are_read_as_shown(text: str, cause: str) -> None:
    result = explain(text)
    assert result.cause.id == cause and not result.cause.assumption, result.cause
    nothing_invented(text, result)


def test_nvidia_smi_yields_to_any_sign_of_a_jetson_and_to_an_error_only_a_jetson_prints() -> None:
    text = "nano@orin-lab:~$ nvidia-smi\n" + JETSON_36 + "\nRuntimeError: CUDA error: operation not supported"
    result = explain(text)
    assert result.cause.id == "render-node-denied" and not result.cause.assumption
    text = "$ nvidia-smi\n$ python3 app.py\nRuntimeError: CUDA error: operation not supported"
    result = explain(text)
    assert result.cause.id == "render-node-denied" and assumed_system(result) == "jetson"
    text = "$ nvidia-smi\n$ python3 app.py\nRuntimeError: CUDA error: no CUDA-capable device is detected"
    assert explain(text).cause.id == "x86-discrete-gpu"
    assert any(s.text.startswith("probably a PC") for s in explain(text).statements)


def test_a_cpu_fallback_is_not_the_gpu_found() -> None:
    """Nothing fails and nothing of the access is shown: no access failure, assumed; never "the GPU was found"."""
    why = explain("Using device: cpu").cause.why
    assert why.assumed and "found and opened" not in why.text


# ---- node, launch and host evidence picks the cause on that system ----

def test_a_render_node_the_session_is_denied_beside_a_cuda_error_leans_to_a_jetson() -> None:
    text = ("$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Mar  3 10:00 /dev/dri/renderD128\n$ id\n"
            "uid=1000(dev) gid=1000(dev) groups=1000(dev),44(video)\n"
            "RuntimeError: CUDA error: no CUDA-capable device is detected")
    result = explain(text)
    assert (result.cause.id, assumed_system(result), result.cause.otherwise) == ("render-node-denied", "jetson",
                                                                                 "x86-discrete-gpu")
    assert "stat -c" in result.question.command if result.question else False
    nothing_invented(text, result)


def test_a_node_open_failure_without_a_permission_error_is_a_missing_node() -> None:
    missing = explain(JETSON_32 + "\nOpening channel /dev/nvhost-vic failed")
    denied = explain(JETSON_32 + "\nOpening channel /dev/nvhost-vic failed: Permission denied")
    assert (missing.cause.id, denied.cause.id) == ("nodes-missing-in-container", "tegra-nodes-denied")


@pytest.mark.parametrize(("text", "cause"), [
    ("Step 6/9 : RUN usermod -aG render appuser\nusermod: group 'render' does not exist", "render-node-denied"),
    ("chgrp: invalid group: 'video'", "tegra-nodes-denied"),
])
def test_a_gpu_group_the_image_lacks_is_that_nodes_denial(text: str, cause: str) -> None:
    result = explain(text)
    assert (result.cause.id, assumed_system(result), result.cause.otherwise) == (cause, "jetson", "x86-discrete-gpu")
    nothing_invented(text, result)


def test_a_library_the_hosts_own_tool_cannot_load_is_the_hosts_install() -> None:
    text = ("$ sudo nvidia-container-cli -k -d /dev/tty info\n"
            "I0301 10:00:00.000001 4242 nvc.c:281] initializing library context (version=1.2.0+jetpack, build=0000)\n"
            "E0301 10:00:00.000002 4243 driver.c:196] could not start driver service: load library failed: libcuda.so.1: "
            "cannot open shared object file: no such file or directory")
    result = explain(text)
    assert result.cause.id == "jetson-software-mismatch" and not result.cause.assumption
    nothing_invented(text, result)


def test_a_server_image_on_a_jetson_is_a_software_mismatch_even_before_it_fails() -> None:
    for image in ("nvidia/cuda:12.4.1-runtime-ubuntu22.04", "nvcr.io/nvidia/pytorch:24.05-py3", "myorg/infer:latest-arm64"):
        text = JETSON_36 + "\n$ docker run --rm --runtime nvidia {} python3 -c 'import torch'".format(image)
        assert explain(text).cause.id == "jetson-software-mismatch", image
    jetson_image = JETSON_36 + "\n$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r36.4.0 python3 -c 'import torch'"
    assert explain(jetson_image).cause.id == "unknown"


def test_a_failure_that_names_nothing_does_not_outweigh_a_server_image_on_a_jetson_the_paste_shows() -> None:
    run = "$ docker run --rm --runtime nvidia --gpus=1 nvcr.io/nvidia/tritonserver:23.01-py3 tritonserver --model-repository=/m"
    failing = "\ntritonserver should start, but it fails"
    assert explain(JETSON_35 + "\n" + run + failing).cause.id == "jetson-software-mismatch"
    # an arm64 tag is the only sign of a Jetson: that name cannot both show the board and be foreign to it
    generic = "$ docker run --rm --runtime=nvidia --gpus all vendor/gstreamer:aarch64-latest-prod gst-launch-1.0 ..."
    assert explain(generic + "\nExternal plugin loader failed. This most likely means the helper was not found").cause.id \
        == "not-gpu-access"


@pytest.mark.parametrize(("text", "image"), [
    ("nvidia-docker run -ti rapidsai/rapidsai:ubuntu1604_cuda92_py35 bash\n"
     "numba.cuda.cudadrv.driver.CudaAPIError: [-1] Call to cuInit results in UNKNOWN_CUDA_ERROR", "rapidsai"),
    ("$ docker run --rm 763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:1.6.0-gpu-py36-cu101-ubuntu16.04 "
     "python -c \"import torch; print(torch.cuda.is_available())\"\nFalse", "amazonaws"),
])
def test_a_server_s_cuda_image_is_a_pc_s(text: str, image: str) -> None:
    """RAPIDS publishes its images for x86_64 and arm64 servers, AWS its Deep Learning Containers for its EC2 instances:
    a CUDA failure in one is read on a PC, not asked about."""
    result = explain(text)
    assert result.cause.id == "x86-discrete-gpu" and any(image in s.value for s in result.observed.x86)


@pytest.mark.parametrize("text", [
    JETSON_32 + "\n" + HOOK.format("unknown driver capability: video,compute"),
    # libnvidia-container older than 1.8.0 on a host with cgroup v2
    "$ docker run --rm --gpus all nvidia/cuda:11.0.3-base-ubuntu20.04 nvidia-smi\n"
    + HOOK.format("nvidia-container-cli: container error: cgroup subsystem devices not found"),
    JETSON_36 + "\n$ docker run --rm -e NVIDIA_VISIBLE_DEVICES=all -e NVIDIA_DRIVER_CAPABILITIES=graphics,compute "
                 "ubuntu:22.04 vulkaninfo\n" + HOOK.format("nvidia-container-runtime-hook: exit status 2"),
])
def test_what_only_the_toolkits_version_decides_is_the_toolkit_band(text: str) -> None:
    assert explain(text).cause.id == "toolkit-band"


@pytest.mark.parametrize("text", [
    "  File \"/opt/app/run.py\", line 12, in <module>\nKeyError: 'getpwuid(): uid not found: 4242'",
    "[video] gstEGL -- failed to map EGLImage from NVMM buffer (fd 31)",
    "2025-02-01 10:00:00.1: I gpu_device.cc:1928] Found device 0 with properties: name: Orin",
    "name of display: :1\ndirect rendering: Yes\nOpenGL renderer string: Mali-G610 (Panfrost)",
])
def test_what_shows_access_works_or_is_not_about_the_gpu_is_not_gpu_access(text: str) -> None:
    result = explain(text)
    assert result.cause.id == "not-gpu-access" and not result.cause.assumption
    nothing_invented(text, result)


# ---- only a paste without any failure stays unknown ----

@pytest.mark.parametrize("text", [
    "uid=1000(bob) gid=1000(bob) groups=1000(bob),27(sudo)",
    "$ docker run --rm -it --runtime nvidia myorg/robot:2 bash",
])
def test_no_failure_and_no_system_stays_unknown(text: str) -> None:
    result = explain(text)
    assert result.cause.id == "unknown" and not result.cause.assumption


def test_a_failure_is_never_unknown_on_either_system() -> None:
    """Except a family that points to unknown alone: its message leaves the cause open on every system (the scheduler's,
    before any container starts), and its reading says so with its own question."""
    for symptom in data.load("symptoms")["symptoms"]:
        open_by_design = symptom.get("points_to") == ["unknown"]
        for signature in symptom["signatures"]:
            for shown in ("", JETSON_36 + "\n", "Linux pc 6.8.0-45-generic x86_64 GNU/Linux\n"):
                result = explain(shown + symptom.get("beside", "") + "\n" + signature)
                if open_by_design:
                    assert result.cause.id == "unknown" and result.question is not None, (shown, signature, result.cause)
                else:
                    assert "unknown" not in (result.cause.id, result.cause.otherwise), (shown, signature, result.cause)


# ---- the runtime's hook fails on the host: an image's name does not say which host that is ----

@pytest.mark.parametrize("launch", [
    "$ docker run --rm --gpus all acme/cross-jetpack-sdk:5.1 make",
    "podman run --rm --runtime nvidia registry.example/team/l4t-builder:r35 ./build.sh",
])
@pytest.mark.parametrize("reason", ["nvidia-container-cli: initialization error: driver error: failed to process request",
                                    "nvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1"])
def test_a_jetson_named_only_by_the_image_is_assumed_when_the_host_s_hook_fails(launch: str, reason: str) -> None:
    text = launch + "\n" + HOOK.format(reason)
    result = explain(text)
    assert result.cause.assumption and result.cause.assumed_system == "jetson", result.cause
    assert "x86-discrete-gpu" in (result.cause.otherwise,) + result.cause.also_possible
    nothing_invented(text, result)


def test_the_image_s_name_still_reads_as_shown_when_the_host_shows_itself_or_the_image_fails() -> None:
    launch = "$ docker run --rm --gpus all acme/cross-jetpack-sdk:5.1 make\n"
    hook = HOOK.format("nvidia-container-cli: initialization error: driver error: failed to process request")
    assert not explain(JETSON_36 + "\n" + launch + hook).cause.assumption
    inside = explain(launch + "RuntimeError: CUDA error: no CUDA-capable device is detected")
    assert inside.cause.assumed_system in ("", "jetson") and "image's name" not in inside.cause.assumption


# ---- error 35 inside a container or pod: the driver library comes from the host on either system ----

STATIC_35 = "cudaGetDeviceCount returned 35\n-> CUDA driver version is insufficient for CUDA runtime version"


@pytest.mark.parametrize("where", ["root@node1:~# kubectl logs cuda-query", "the pod keeps failing:",
                                   "inside the container:", "k3s job output:"])
def test_error_35_in_a_container_does_not_lean_to_a_pc(where: str) -> None:
    text = where + "\n" + STATIC_35
    result = explain(text)
    assert (result.cause.id, result.cause.assumed_system) == ("nodes-missing-in-container", "jetson"), result.cause
    assert result.cause.otherwise == "x86-discrete-gpu"
    nothing_invented(text, result)


def test_error_35_outside_a_container_still_leans_to_a_pc_and_a_shown_system_decides() -> None:
    assert explain(STATIC_35).cause.assumed_system == "pc"
    assert explain("kubectl logs q\n" + STATIC_35 + "\nLinux n1 6.8.0-45-generic x86_64").cause.id == "x86-discrete-gpu"
    assert explain(JETSON_36 + "\nkubectl logs q\n" + STATIC_35).cause.id == "nodes-missing-in-container"


def test_a_server_image_on_thor_is_no_foreign_image() -> None:
    """JetPack 7 (R38) runs the server (SBSA) CUDA stack, and NGC's images are built for it."""
    run = "$ docker run -it --rm --runtime nvidia nvcr.io/nvidia/pytorch:25.08-py3 python3 train.py\ntrain.py fails at start"
    thor = "# R38 (release), REVISION: 2.0, GCID: 41844464, BOARD: generic, EABI: aarch64, DATE: Thu Sep 18 15:39:14 UTC 2025"
    assert explain(thor + "\n" + run).cause.id != "jetson-software-mismatch"
    assert explain(JETSON_36 + "\n" + run).cause.id == "jetson-software-mismatch"


# ---- a build without CUDA, a MIG partition, a GeForce by its number ----


@pytest.mark.parametrize("text", ["AssertionError: Torch not compiled with CUDA enabled",
                                  "PyTorch version: 2.9.0+cpu\nCUDA available:  False",
                                  'Error: CUDA provider registration failed: "CUDA execution provider is not enabled in '
                                  'this build."'])
def test_a_build_without_cuda_and_no_system_is_read_on_a_pc(text: str) -> None:
    """Most such reports come from PCs (a CPU-only wheel, no NVIDIA GPU at all): said as assumed, with the Jetson's
    reading, a generic wheel, beside it; a Jetson shown, by its release or its carrier board, reads as its software."""
    result = explain(text)
    assert (result.cause.id, result.cause.assumed_system, result.cause.otherwise) == (
        "not-gpu-access", "pc", "jetson-software-mismatch")
    nothing_invented(text, result)
    assert explain(JETSON_36 + "\n" + text).cause.id == "jetson-software-mismatch"
    assert explain("Seeed reComputer J4012, fresh flash\n" + text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "on the node with mig enabled, nvidia-device-plugin reports an error when it starts\n"
    "error getting device memory info: Insufficient Permissions",
    "MIG_STRATEGY=mixed, and the pod asks for nvidia.com/mig-1g.10gb: 1\nerror getting device memory info: Insufficient "
    "Permissions"])
def test_a_mig_partition_is_a_weak_sign_of_a_data_centre_card(text: str) -> None:
    result = explain(text)
    assert (result.cause.id, result.cause.assumed_system) == ("x86-discrete-gpu", "pc")
    nothing_invented(text, result)


@pytest.mark.parametrize("said", ["even though I have a working 3060", "I just put in my new 4090"])
def test_a_geforce_by_its_number_after_a_word_or_two_names_a_pc(said: str) -> None:
    text = said + ", the model only uses the CPU in the container"
    result = explain(text)
    assert (result.cause.id, result.cause.assumed_system) == ("x86-discrete-gpu", ""), result.cause
    unit = said.replace("3060", "3060 MB").replace("4090", "4090 MHz")  # a size or a clock names no card
    assert explain(unit + ", the model only uses the CPU in the container").cause.id != "x86-discrete-gpu"
