"""explain reads a cause from what a report says in words as well as from machine output (the platform in every form
is test_explain_platform.py's, the sentence readers test_explain_sentences.py's). Each case is a synthetic paste written for
this test (no corpus text): a different report of the same cause must read the same.

The families: a CUDA error by its older number (cudaErrorUnknown was 30) and the server-only 802; library
status errors; `is_available()` answered in words; the seat (works after a local login), groups lost through
su/sudo/gosu/ssh, a numeric uid:gid launch; the container toolkit's version, packages, mode and CDI; nodes
said to be missing; errors that are not GPU access (seccomp, link errors, a non-GPU group, a display).
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36, PC, ids, read_cause
from jetson_gpu_access import data
from jetson_gpu_access.explain import (
    PERMISSION_CAUSES,
    explain,
    find_failure,
    find_signatures,
    render_markdown,
    render_text,
    shown_platform,
)
from jetson_gpu_access.textfacts import ARM64_KINDS, read, switches_to_root

# ---- CUDA errors by every number they had, and the server-only ones ----

@pytest.mark.parametrize("line", ["deviceQuery: cudaGetDeviceCount returned 30", "CUDA error 30: unknown error",
                                  "Error: cudaGetDeviceCount() returned 30 -> unknown error"])
def test_the_runtime_s_old_number_for_unknown_error_is_that_error(line: str) -> None:
    assert ids(line) == ["cuda-999"]
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("line", "family"), [
    ("ERROR: unknown error in /usr/local/relion/src/motioncorr_runner.cpp at line 227 (error-code 999)\n"
     "in: /usr/local/relion/src/acc/cuda/cuda_settings.h, line 67", "cuda-999"),
    ("ERROR: out of memory in /opt/app/src/gpu_buffer.cu at line 80 (error code 2)", "cuda-2"),
])
def test_a_program_s_check_that_gives_the_message_and_then_its_code_is_that_error(line: str, family: str) -> None:
    """A check macro's line that names CUDA's message, then where, then the code in parentheses: both say which error."""
    assert family in ids(line)


def test_a_code_in_parentheses_after_another_message_is_not_that_error() -> None:
    assert "cuda-999" not in ids("ERROR: file not found in /data/run.star at line 3 (error-code 999)")
    # a camera's own code, where nothing names CUDA (red team 83)
    assert "cuda-999" not in ids("[capture_node-1] ERROR: unknown error in v4l2_capture.cpp at line 212 (error-code 999)\n"
                                 "[capture_node-1] no frames from /dev/video0, exiting")


def test_tensorflow_s_dnn_library_not_found_is_a_missing_cuda_library() -> None:
    assert ids("Node: 'model/conv2d/Relu'\nDNN library is not found.") == ["cuda-library-missing"]


def test_a_device_flag_set_after_cuda_started_is_the_program_s_order() -> None:
    """cudaErrorSetOnActiveProcess (36): the device was opened, and the program set its flags too late."""
    line = "ERROR: (CUDA) cannot set while device is active in this process (rank 0, interface_quda.cpp:387)"
    assert ids(line) == ["cuda-36"] and read_cause(PC + "\n" + line).cause.id == "not-gpu-access"


def test_thirty_is_not_three_and_three_hundred_is_not_thirty() -> None:
    assert "cuda-3" not in ids("cudaGetDeviceCount returned 30")
    assert "cuda-999" not in ids("cudaGetDeviceCount returned 300")


@pytest.mark.parametrize("line", ["RuntimeError: CUDA error: system not yet initialized",
                                  "cuInit failed: CUDA_ERROR_SYSTEM_NOT_READY",
                                  "UserWarning: CUDA initialization: Error 802: system not yet initialized"])
def test_a_fabric_manager_that_has_not_started_is_a_server_problem(line: str) -> None:
    assert "cuda-802" in ids(line)
    result = read_cause(line)
    assert result.cause.id == "x86-discrete-gpu" and result.cause.assumed_system == "pc"


@pytest.mark.parametrize("line", ["RuntimeError: CUDA error: CUBLAS_STATUS_NOT_INITIALIZED when calling `cublasCreate(handle)`",
                                  "cudnn error: CUDNN_STATUS_ARCH_MISMATCH", "status: CUBLAS_STATUS_EXECUTION_FAILED"])
def test_a_cuda_library_status_error_is_software_on_a_jetson(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "jetson-software-mismatch"


def test_a_cuda_library_that_ldd_cannot_find_is_missing() -> None:
    line = "\tlibcublas.so.11 => not found"
    assert ids(line) == ["cuda-library-missing"] and ids(line.replace("libcublas", "libpng")) == []


def test_the_linker_s_warning_at_build_time_outweighs_no_denial_at_run_time() -> None:
    """libcuda comes from the host through the NVIDIA runtime when the container runs: at link time it is missing."""
    text = (JETSON_35 + "\n/usr/bin/ld: warning: libcuda.so.1, needed by /usr/local/lib/libtorch_cuda.so, not found "
            "(try using -rpath or -rpath-link)\n[100%] Built target mynode\nNvRmMemInitNvmap failed with Permission denied")
    assert "cuda-library-missing" not in ids(text) and read_cause(text).cause.id == "tegra-nodes-denied"


def test_a_cuda_call_said_to_return_a_number_returns_it() -> None:
    assert ids("I just get a cudaGetDeviceCount return 35 error") == ["cuda-35"]
    assert read_cause("Jetson TX2\ndeviceQuery: cudaGetDeviceCount return 35 error").cause.id == "jetson-software-mismatch"


def test_a_library_that_cannot_load_beside_801_is_the_software() -> None:
    text = "Jetson AGX Orin\ncuInit(0) = 801\nonnxruntime: could not load `libcudnn.so.9`"
    assert read_cause(text).cause.id == "jetson-software-mismatch"
    assert read_cause("Jetson AGX Orin\ncuInit(0) = 801").cause.id == "render-node-denied"  # 801 alone: the node


# ---- the answer in words ----

@pytest.mark.parametrize("text", ["print(torch.cuda.is_available()) returns False",
                                  "torch.cuda.is_available() == False inside the image",
                                  ">>> torch.cuda.is_available()\nit prints `False` every time",
                                  "AssertionError: CUDA unavailable, invalid device 0 requested",
                                  "In [2]: torch.cuda.is_available()\nOut[2]: False",
                                  'when I checked "torch.cuda.is_available", it returned false.',
                                  "the CPU is only used when my code runs",
                                  "all inference falls back silently to CPU",
                                  "/health reports `gpu_available: false` despite the iGPU",
                                  "I found that torch.cuda.is_available() is always False."])
def test_is_available_answered_false_in_any_form_is_a_failure(text: str) -> None:
    assert "cuda-unavailable" in ids(text)
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize(("text", "failed"), [
    ("torch.cuda.is_available()\n\nIt returns False because CUDA is not there.", True),
    ("```\n>>> torch.cuda.is_available()\n\n\nFalse\n```", True),
    ("torch.cuda.is_available()\n\n\n\n\nFalse", False),  # too far below to be its answer
])
def test_is_available_answered_below_a_blank_line_is_answered(text: str, failed: bool) -> None:
    assert ("cuda-unavailable" in ids(text)) is failed


@pytest.mark.parametrize("text", ["The same input runs sucessefully when running on CPU only.",
                                  "It works fine when my script runs on CPU only.",
                                  "It works fine if I run on the CPU only",
                                  "inference runs correctly when running in CPU only mode"])
def test_a_run_said_to_succeed_on_the_cpu_is_no_failure(text: str) -> None:
    """A CPU run said to succeed is the reporter's yardstick for the GPU's failure, not a program left without CUDA."""
    assert "cuda-unavailable" not in ids(text)


@pytest.mark.parametrize("text", ["after the update it runs on CPU only", "Now it is running on the CPU instead.",
                                  # a when- or if-clause that is the complaint, not a run said to succeed (red team 84)
                                  "If it runs on CPU instead of the GPU, why doesn't it warn?",
                                  "when it runs on CPU only like this, a frame takes 2 s",
                                  # the yardstick and the complaint on one line (red team 83)
                                  "Detection works fine when it runs on the CPU instead, and that is the issue: I pass "
                                  "device=0 and it still runs on the CPU instead of the GPU"])
def test_a_run_left_on_the_cpu_is_a_failure(text: str) -> None:
    assert "cuda-unavailable" in ids(text)


def test_is_available_true_is_no_failure() -> None:
    assert "cuda-unavailable" not in ids("torch.cuda.is_available() returns True")


@pytest.mark.parametrize("text", ["Error: only 0 Devices available, 1 requested.  Exiting.",
                                  "There are no available device(s) that support CUDA",
                                  "Detected 0 CUDA Capable device(s)",
                                  "print(torch.cuda.device_count()) gives 0",
                                  "cv2.cuda.getCudaEnabledDeviceCount() = 0"])
def test_a_device_count_of_zero_is_cuda_finding_no_device(text: str) -> None:
    """CUDA's samples and the frameworks' counts say "no device" as a number: the same answer as is_available()."""
    assert "cuda-unavailable" in ids(text)
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", ["Detected 1 CUDA Capable device(s)", "torch.cuda.device_count() returns 2"])
def test_a_device_count_above_zero_is_no_failure(text: str) -> None:
    assert "cuda-unavailable" not in ids(text)


# ---- the container toolkit ----

LEGACY = ("docker: Error response from daemon: failed to create task for container: OCI runtime create failed: error "
          "running prestart hook #0: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\n"
          "nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown.")


def test_legacy_mode_on_a_jetson_is_the_toolkit() -> None:
    assert read_cause(JETSON_36 + "\n" + LEGACY).cause.id == "toolkit-band"
    assert read_cause("docker run --platform linux/arm64 --runtime nvidia myorg/app:3\n" + LEGACY).cause.id == "toolkit-band"


def test_legacy_mode_on_a_pc_is_its_normal_mode() -> None:
    assert read_cause(PC + "\n" + LEGACY).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("text", [
    "$ sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml\nERRO nvidia-ctk cdi generate failed: unsupported device id",
    "The following packages have unmet dependencies:\n nvidia-container-toolkit : Depends: nvidia-container-toolkit-base "
    "(= 1.14.1-1) but 1.16.2-1 is to be installed",
    "In CSV mode the runtime does not pass the PVA device, CDI mode fails as well",
    "the old toolkit predates CDI, so no CDI spec is ever produced on these boards",
])
def test_the_toolkit_s_own_state_is_the_toolkit(text: str) -> None:
    assert "toolkit-state" in ids(text)
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "toolkit-band"



def test_a_cdi_device_unresolved_where_no_spec_was_ever_written_is_the_spec_missing_whatever_the_version() -> None:
    """No spec in /etc/cdi or /var/run/cdi: none was generated (nvidia-ctk cdi generate), so the container gets nothing,
    whichever toolkit is installed; with the specs there, the toolkit's version decides what they name."""
    text = (JETSON_36 + "\n$ sudo podman run --rm --device nvidia.com/gpu=all myorg/app:r36 nvidia-smi\n"
            "Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all\n"
            "$ nvidia-ctk --version\nNVIDIA Container Toolkit CLI version 1.16.2\n")
    assert read_cause(text).cause.id == "toolkit-band"
    absent = text + "$ ls /etc/cdi /var/run/cdi\nls: cannot access '/etc/cdi': No such file or directory\n"
    assert read_cause(absent).cause.id == "nodes-missing-in-container"

def test_a_cdi_spec_not_generated_because_the_driver_was_not_loaded_is_the_driver() -> None:
    """The toolkit's own log says why it failed: NVML found no driver loaded (a unit run before the module): on a PC,
    the driver's state, not the toolkit's."""
    text = (PC + "\n$ journalctl -b -u nvidia-cdi-refresh\n"
            'nvidia-ctk[1600]: level=error msg="failed to generate CDI spec: failed to create device CDI specs: failed '
            'to initialize NVML: Driver Not Loaded"\n')
    assert {"toolkit-state", "nvml-driver"} <= set(ids(text))
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    other = text.replace("failed to initialize NVML: Driver Not Loaded", "unsupported device id")
    assert read_cause(other).cause.id == "toolkit-band"



@pytest.mark.parametrize("line", [
    "The suggested command fails with `nvidia-ctk: command not found`, and onboarding cannot proceed.",
    "sudo: nvidia-container-cli: command not found",
    'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: unable to retrieve OCI '
    'runtime error: exec: "nvidia-container-runtime": executable file not found in $PATH: unknown.',
])
def test_the_toolkit_s_own_programs_missing_is_no_runtime_to_inject_the_gpu(line: str) -> None:
    """The container toolkit's own programs not found say the toolkit is not installed where the engine runs: the
    runtime that would put the GPU into the container is missing, not a check program in an image."""
    assert "toolkit-programs-missing" in ids(line) and "tool-not-found" not in ids(line)
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "nodes-missing-in-container"
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", [
    "% nvidia-ctk --version\nzsh: command not found: nvidia-ctk",
    "$ which nvidia-container-runtime\nnvidia-container-runtime not found",
    "runc create failed: fork/exec /usr/bin/nvidia-container-runtime-hook: no such file or directory: unknown",
    'level=error msg="couldn\'t find binary nvidia-container-cli in [/usr/local/bin /usr/bin]"',
    'OCI runtime create failed: exec: \\\\\\\"nvidia-container-cli\\\\\\\": executable file not found in $PATH',
])
def test_the_toolkit_s_programs_missing_in_other_shells_and_runtimes_words(line: str) -> None:
    assert "toolkit-programs-missing" in ids(JETSON_36 + "\n" + line), line


_PROGRAM_MISSING = "sudo: nvidia-ctk: command not found\n"


@pytest.mark.parametrize("shown, cause", [
    # (the program looked for inside a container, where it never is, beside the host's own toolkit at work)
    ("$ nvidia-ctk --version\nNVIDIA Container Toolkit CLI version 1.16.2\n", "nodes-missing-in-container"),
    ("ii  nvidia-container-toolkit   1.16.2-1   arm64   NVIDIA Container toolkit\n", "nodes-missing-in-container"),
    ("$ docker info | grep -i runtime\n Runtimes: io.containerd.runc.v2 nvidia runc\n", "nodes-missing-in-container"),
    ("crw-rw---- 1 root video 10, 125 Jan  1 00:00 /dev/nvmap\n", "nodes-missing-in-container"),
])
def test_the_toolkit_s_programs_not_found_beside_the_toolkit_at_work_say_nothing_of_it(shown: str, cause: str) -> None:
    """Where the paste shows the toolkit installed and at work (its version, its packages, the engine's runtime list,
    the GPU nodes in the container), its programs were looked for where they are not installed: no runtime missing."""
    assert "toolkit-programs-missing" in ids(JETSON_36 + "\n" + _PROGRAM_MISSING)
    assert "toolkit-programs-missing" not in ids(JETSON_36 + "\n" + shown + _PROGRAM_MISSING)


def test_the_toolkit_s_programs_missing_at_first_is_no_runtime_missing_now() -> None:
    text = JETSON_36 + "\nInitially I got `sudo: nvidia-ctk: command not found`, so I installed the toolkit."
    assert not {"toolkit-programs-missing", "no-gpu-runtime"} & set(ids(text))

# ---- nodes said to be missing ----

@pytest.mark.parametrize("text", [
    "the container had no render nodes, so cuInit returned 801",
    "CUDA error: no CUDA-capable device is detected\nthe /dev/nvhost-* device nodes were missing inside the container",
    "/usr/local/cuda/lib64 is missing from the container although the CSV lists it",
    "NvRmMemInitNvmap ... Memory Manager Not supported (no `/dev/nvmap` in the build container)",
    # the NVIDIA runtime said not to be the one in use, which is what passes the nodes in
    "Ah, sorry! I did a quick check. It's not using Nvidia runtime...",
    "the default runtime was not nvidia, so the build steps ran without the GPU",
    "turns out docker's default-runtime isn't set to nvidia on this box",
    "the container wasn't running with the NVIDIA container runtime",
    "Our containers start but have no /dev/nvmap or /dev/nvgpu inside.",
])
def test_nodes_missing_in_words_are_missing_nodes(text: str) -> None:
    assert "nodes-missing-words" in ids(text)
    assert read_cause("Jetson Orin Nano\n" + text).cause.id == "nodes-missing-in-container"


def test_no_device_inside_a_container_on_a_jetson_with_no_denial_is_missing_nodes() -> None:
    paste = "Jetson Xavier NX, JetPack 5.1\n{}python3 detect.py\nCUDA error: no CUDA-capable device is detected"
    assert read_cause(paste.format("root@0a1b2c3d4e5f:/app# ")).cause.id == "nodes-missing-in-container"
    assert read_cause(paste.format("we start it inside the docker container: ")).cause.id == "nodes-missing-in-container"
    assert read_cause(paste.format("nx@robot:~$ ")).cause.id == "tegra-nodes-denied"  # on the host: the nodes' access


@pytest.mark.parametrize("said", ["no containers involved", "bare metal, no docker",
                                  "This runs directly on the host, not in a container."])
def test_a_node_missing_where_no_container_runs_is_the_host_s_own(said: str) -> None:
    """With no container, nothing injects nodes: a node the host itself lacks is its kernel's or BSP's, and the reading
    does not say "in the container"."""
    text = (JETSON_36 + "\n" + said + "\nroot@orin:~# ./deviceQuery\ncudaGetDeviceCount returned 801\n"
            "root@orin:~# ls -l /dev/dri\nls: cannot access '/dev/dri': No such file or directory")
    result = read_cause(text)
    assert result.cause.id == "jetson-software-mismatch", result.cause
    assert "container" not in result.cause.why.text.replace("no container", "")


def test_a_node_a_service_sandbox_hides_is_missing_where_it_runs_not_in_a_container() -> None:
    text = (JETSON_35 + "\nNo containers, the app is a systemd service on the host.\nPrivateDevices=yes\n"
            "vision-node[3112]: NvRmMemInitNvmap failed with No such file or directory")
    result = read_cause(text)
    assert result.cause.id == "nodes-missing-in-container", result.cause
    assert "sandbox" in result.cause.why.text and "not in the container" not in result.cause.why.text


# ---- how the session got (or lost) its groups, said in words ----

@pytest.mark.parametrize("text", [
    "CUDA works only when I log in locally at the desktop; over ssh cuInit returns 801",
    "vainfo finds the GPU while somebody is logged in on the monitor, never from cron",
    "It only works when a user is logged in at the console",
    "clinfo segfaults over ssh when I'm not logged to a graphical Xorg session",
    "Once I log in graphically on the machine, clinfo over ssh works",
])
def test_works_after_a_local_login_is_the_seat(text: str) -> None:
    for system in (JETSON_36, PC, ""):
        assert read_cause(system + "\n" + text).cause.id == "seat-acl-only", system


def test_logging_in_over_ssh_alone_is_no_seat() -> None:
    assert "seat-login-words" not in ids("I logged in over ssh and ran deviceQuery")


@pytest.mark.parametrize("text", [
    "after `sudo -u app` inside the container the --group-add GIDs are lost",
    "the keep-groups GIDs are dropped as soon as gosu switches to the app user",
    "ssh into the container and the supplementary groups from --group-add are gone",
])
def test_groups_lost_through_a_session_path_are_the_login(text: str) -> None:
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("launch", ["docker run --rm --user 1000:1000 myorg/app:2 groups",
                                    "we start it with `-u $(id -u):$(id -g)` so files belong to us",
                                    "podman run -e HOST_UID=`id -u` -e HOST_GID=`id -g` myorg/app:2"])
def test_groups_missing_with_a_numeric_launch_is_the_launch(launch: str) -> None:
    text = launch + "\ninside, `groups` shows that the process only has the 'app' group, not video"
    assert read_cause(text).cause.id == "uid-gid-launch"


def test_groups_missing_after_a_login_is_the_login() -> None:
    text = "when I connect via ssh to the container\nid only lists the 'dev' group, video is not there"
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


# ---- not GPU access ----

@pytest.mark.parametrize("text", [
    "docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process "
    "caused: error adding seccomp filter rule for syscall clone3: permission denied: unknown.",
    "/usr/bin/ld: main.o: in function `run': undefined reference to `cudaLaunchKernel'\ncollect2: error: ld returned 1 exit status",
    "the model download failed due to a permission issue in the data folder",
    "`groups` doesn't show me as a member of the `plugdev` group until I log out",
    "ERROR: The control display is undefined; please run `nvidia-settings --help` for usage information.",
    "the demo throws OpenGL errors unless a monitor is connected",
    "mkdir /srv/*: permission denied",
])
def test_errors_that_are_not_gpu_access(text: str) -> None:
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "not-gpu-access"


def test_a_permission_issue_on_a_gpu_node_is_not_other_permission() -> None:
    assert "other-permission" not in ids("cuInit fails due to a permission issue on /dev/nvmap")


def test_304_is_a_pc_s_sandbox_or_os_unless_a_jetson_is_shown() -> None:
    """CUDA's operating-system error comes from WSL and from sandboxes around PC GPUs: on a PC, shown or assumed,
    it is the PC's problem; on a Jetson shown it is no GPU-access problem of this project's kind."""
    line = "cudaGetDeviceCount(): Error 304: OS call failed or operation not supported on this OS"
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"
    alone = read_cause(line).cause
    assert (alone.id, alone.assumed_system, alone.otherwise) == ("x86-discrete-gpu", "pc", "not-gpu-access")
    sandbox = read_cause("all /dev/nvidia* nodes are present in the container\n"
                         "[Error] CUDA error 304: cudaErrorOperatingSystem - OS call failed").cause
    assert sandbox.id == "x86-discrete-gpu" and sandbox.assumed_system == "pc"


# ---- nodes of a rootless engine ----

def test_a_node_whose_group_maps_to_nogroup_is_denied_to_the_session() -> None:
    listing = "$ ls -l /dev/dri\ncrw-rw----  1 nobody nogroup 226, 128 Jan  9 10:00 renderD128"
    assert read_cause(listing).cause.id == "render-node-denied"
    tegra = "$ ls -l /dev\ncrw-rw----  1 nobody nogroup 10, 60 Jan  9 10:00 nvmap"
    assert read_cause(tegra).cause.id == "tegra-nodes-denied"


def test_the_render_node_by_its_pci_path_is_the_render_node() -> None:
    line = 'openat(AT_FDCWD, "/dev/dri/by-path/pci-0000:03:00.0-render", O_RDWR|O_CLOEXEC) = -1 EACCES (Permission denied)'
    assert ids(line) == ["render-node-denied"]


def test_a_build_not_told_where_cuda_is_is_a_build_error() -> None:
    line = "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root."
    assert ids(line) == ["build-error"] and read_cause(JETSON_35 + "\n" + line).cause.id == "not-gpu-access"


def test_a_build_not_told_where_cuda_is_in_a_jetpack_4_image_build_is_the_runtime_missing() -> None:
    """R32's images get CUDA itself from the host through the NVIDIA runtime: a build without it finds none."""
    text = (JETSON_32 + "\nStep 5/9 : RUN pip3 install -e ./ext\n"
            "OSError: CUDA_HOME environment variable is not set. Please set it to your CUDA install root.")
    assert read_cause(text).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("line", ["E: Unable to locate package nvidia-jetpack-dev",
                                  "Package 'cuda-toolkit-11-4' has no installation candidate"])
def test_a_package_the_package_manager_cannot_find_is_not_gpu_access(line: str) -> None:
    """An apt source that lacks a package is the source's set-up; a Python index without a Jetson build of a GPU
    package is the software (test_gpu_software_with_no_jetson_build_or_an_api_the_release_lacks_is_the_software)."""
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["  Using cached vllm-0.5.1.tar.gz (790 kB)",
                                  "app  |   Downloading https://pypi.nvidia.com/tensorrt-cu12/tensorrt_cu12-10.12.0.36.tar.gz",
                                  "  Failed building wheel for flash-attn"])
def test_pip_building_a_gpu_package_from_its_source_is_the_software_on_a_jetson(line: str) -> None:
    """The public index has no Jetson build, so pip falls back to the source; on a PC it is a build, not GPU access."""
    text = "pip install failed\n" + line + "\n  error: subprocess-exited-with-error"
    assert "gpu-package-source-build" in ids(text)
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "jetson-software-mismatch"
    assert read_cause(PC + "\n" + text).cause.id == "not-gpu-access"
    assert "gpu-package-source-build" not in ids(line.replace("flash-attn", "pyyaml").replace("vllm", "pyyaml")
                                                  .replace("tensorrt", "requests"))


@pytest.mark.parametrize("failed", ['Command "python setup.py egg_info" failed with error code 1 in /tmp/pip-build-fl4Xuy/torch/',
                                    "  × python setup.py egg_info did not run successfully."])
def test_pip_s_older_and_newer_words_for_a_source_build_that_failed_are_a_failed_build(failed: str) -> None:
    text = ("$ pip install torch torchvision\nCollecting torch\n  Downloading https://files.pythonhosted.org/packages/f8/"
            "02/torch-0.1.2.post2.tar.gz (128kB)\n    error: package directory 'torch/cuda' does not exist\n" + failed)
    assert read_cause(JETSON_32 + "\n" + text).cause.id == "jetson-software-mismatch"


def test_words_about_the_session_do_not_ask_a_launch_for_the_nvidia_runtime() -> None:
    text = "docker run --rm --user 1000:1000 myorg/tools:3 id\nthe process only has the 'tools' group"
    result = read_cause(text)
    assert result.cause.id == "uid-gid-launch" and not [f for f in result.audit if f.id == "no-gpu-nodes"]


@pytest.mark.parametrize("line", ["image: myorg/chat:r36.4.tegra-aarch64-cu126-22.04", "it runs fine on L4T but not here",
                                  "it worked with CUDA 10.0 on the same board (TX2)", "cmake -D CMAKE_CUDA_ARCHITECTURES=62 ..",
                                  'export TORCH_CUDA_ARCH_LIST="8.7"', "nvcc -gencode arch=compute_72,code=sm_72 x.cu"])
def test_tegra_and_l4t_as_words_are_weak_signs_of_a_jetson(line: str) -> None:
    seen = read(line).observed
    assert seen.jetson and all(s.kind in ("Tegra-only name",) + ARM64_KINDS for s in seen.jetson)
    assert read_cause(line + "\ncudaGetDeviceCount returned 100").cause.assumed_system == ""


# ---- a build without kernels for the card: on a PC the GPU was reached ----

@pytest.mark.parametrize("line", ["RuntimeError: CUDA error: no kernel image is available for execution on the device",
                                  "CUDA error 209 at ggml-cuda.cu:120: no kernel image is available for execution on the device",
                                  "cupy.cuda.runtime.CUDARuntimeError: cudaErrorNoKernelImageForDevice"])
@pytest.mark.parametrize("pc", [PC, "GPU 0: NVIDIA GeForce RTX 4070 (UUID: GPU-1234)", "training on an RTX-5090D box"])
def test_no_kernel_image_on_a_pc_is_the_pc_s_cuda_build_not_access(line: str, pc: str) -> None:
    """A PC's CUDA software without kernels for its card is the PC's CUDA stack (x86-discrete-gpu files a PC's CUDA
    library versions), and the reading says it is a build gap, not access; an app's own bug stays possible."""
    reading = read_cause(pc + "\n" + line).cause
    assert reading.id == "x86-discrete-gpu" and "not access" in reading.why.text
    assert "not-gpu-access" in reading.also_possible


def test_no_kernel_image_on_a_jetson_is_still_the_software() -> None:
    text = JETSON_36 + "\nRuntimeError: CUDA error: no kernel image is available for execution on the device"
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("name", ["RTX-3060", "RTX 4090D", "GTX 1660 Ti", "rtx3080", "RTX 4070 SUPER", "GT 730", "GT 1030"])
def test_a_geforce_model_in_any_spelling_is_a_pc(name: str) -> None:
    seen = read("the card is an " + name).observed
    assert seen.x86 and not seen.jetson


@pytest.mark.parametrize("line", ["built on Jetpack4.6 inside docker", "jetpack5.1.2 image", "JetPack6 host"])
def test_a_jetpack_named_with_its_number_joined_is_a_jetson(line: str) -> None:
    assert read(line).observed.jetson


@pytest.mark.parametrize("line", ["host os does not have a GPU.", "the server doesn't have an NVIDIA GPU",
                                  "this VM did not have any GPU at the time"])
def test_a_machine_said_to_have_no_gpu_is_not_gpu_access(line: str) -> None:
    text = line + ("\ndocker: Error response from daemon: OCI runtime create failed: fork/exec "
                   "/usr/bin/nvidia-container-runtime: permission denied: unknown")
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "ImportError: /usr/lib/aarch64-linux-gnu/libgomp.so.1: cannot allocate memory in static TLS block",
    "(gst-plugin-scanner:12): GStreamer-WARNING **: Failed to load plugin '/usr/lib/aarch64-linux-gnu/gstreamer-1.0/"
    "libgstnvvidconv.so': /lib/aarch64-linux-gnu/libGLdispatch.so.0: cannot allocate memory in static TLS block",
])
@pytest.mark.parametrize("system", ["", JETSON_36 + "\n", PC + "\n"])
def test_the_loader_out_of_static_tls_is_not_gpu_access(line: str, system: str) -> None:
    assert read_cause(system + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "RuntimeError: Cannot re-initialize CUDA in forked subprocess. To use CUDA with multiprocessing, you must use the "
    "'spawn' start method",
    "Cannot reinitialize CUDA in a forked subprocess.",
])
@pytest.mark.parametrize("system", ["", JETSON_36 + "\n", PC + "\n"])
def test_cuda_used_before_a_fork_is_not_gpu_access(line: str, system: str) -> None:
    """A child forked after its parent used CUDA cannot use it: the program's process model, on any system."""
    reading = read_cause(system + line)
    assert reading.cause.id == "not-gpu-access" and [m.id for m in reading.matches] == ["cuda-after-fork"]


@pytest.mark.parametrize(("line", "family"), [
    ("include/shm.h:48 NCCL WARN Error while creating shared memory segment nccl-shm-recv-250a7cc8 (size 9637888)",
     "shm-exhausted"),
    ("RuntimeError: DataLoader worker (pid 1091) is killed by signal: Bus error. It is possible that dataloader's workers "
     "are out of shared memory. Please try to raise your shared memory limit.", "shm-exhausted"),
    ("include/shm.h:28 NCCL WARN Call to posix_fallocate failed : No space left on device", "shm-exhausted"),
    ("NCCL WARN Error: failed to extend /dev/shm/nccl-7kYwRe to 9637892 bytes", "shm-exhausted"),
    ("ImportError: libGL.so.1: cannot open shared object file: No such file or directory", "image-lacks-libgl"),
])
@pytest.mark.parametrize("system", ["", JETSON_36 + "\n", PC + "\n"])
def test_a_container_s_small_dev_shm_or_opencv_s_missing_gl_is_not_gpu_access(line: str, family: str, system: str) -> None:
    """NCCL's and the DataLoader's shared memory, and the X and GL libraries OpenCV's desktop wheel loads, are the
    container's set-up or the image's packages: no GPU is refused."""
    reading = read_cause(system + line)
    assert reading.cause.id == "not-gpu-access" and [m.id for m in reading.matches] == [family]


def test_the_jetson_s_shared_memory_running_out_is_no_dev_shm_of_a_container() -> None:
    reading = read_cause(JETSON_36 + "\nThe 8GB shared memory is exhausted and NvMapMemAlloc failed")
    assert "shm-exhausted" not in [m.id for m in reading.matches]


@pytest.mark.parametrize(("gpu", "capability"), [("GeForce GTX 770", "3.0"), ("NVIDIA Tegra X1", "5.3")])
@pytest.mark.parametrize("line", [
    "Found GPU0 {gpu} which is of cuda capability {capability}.\n    PyTorch no longer supports this GPU because it is "
    "too old.",
    "Ignoring visible gpu device (device: 0, name: {gpu}) with Cuda compute capability {capability}. The minimum required "
    "Cuda capability is 6.0.",
    "Sorry, need at least compute capability 7.0+!",
    'bitsandbytes: "Your GPU does not support 8-bit matmul, need at least compute capability 7.0+"',
    "ValueError: The quantization method awq is not supported for the current GPU. Minimum capability: 75. Current "
    "capability: {capability}.",
])
def test_a_gpu_older_than_the_program_supports_is_the_program_s_build(line: str, gpu: str, capability: str) -> None:
    """Older than the program's minimum: the program's build has no kernels for the card, and a build for its GPU is
    needed. On a PC that is the PC's CUDA software, filed as a card newer than the build is (build-not-for-this-gpu);
    on a Jetson (a Nano's Tegra X1) the Jetson's."""
    said = line.format(gpu=gpu, capability=capability)
    if gpu.startswith("GeForce"):
        assert read_cause(PC + "\n" + said).cause.id == "x86-discrete-gpu"
    else:
        assert read_cause(JETSON_32 + "\n" + said).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["The Orin needs compute capability 8.7 in TORCH_CUDA_ARCH_LIST, which I set.",
                                  "FlashAttention needs compute capability 8.0 or newer; Orin is 8.7 so that is fine."])
def test_a_compute_capability_said_in_prose_is_no_program_refusing_the_gpu(line: str) -> None:
    reading = read_cause(JETSON_36 + "\n" + line + "\nSegmentation fault (core dumped)")
    assert "gpu-too-old" not in [m.id for m in reading.matches]


@pytest.mark.parametrize("line", ["NVIDIA GPU: 3080ti", "**NVIDIA Driver Version**: 470.129.06", "GPU: 4090 Ti"])
def test_an_issue_template_s_gpu_and_driver_fields_name_a_pc(line: str) -> None:
    seen = read(line).observed
    assert seen.x86 and not seen.jetson


@pytest.mark.parametrize("line", ["FROM nvcr.io/nvidia/pytorch:19.08-py3", "Dockerfile pulls `tensorflow:23.03-tf2-py3`",
                                  "docker run --gpus all nvcr.io/nvidia/tritonserver:24.05-py3"])
def test_an_ngc_framework_image_without_the_igpu_tag_names_a_pc(line: str) -> None:
    seen = read(line).observed
    assert seen.x86 and not seen.jetson
    assert not read(line.replace("-py3", "-py3-igpu")).observed.x86  # NGC's builds for a Jetson's integrated GPU
    assert shown_platform(read(JETSON_36 + "\n" + line).observed)[0] == "jetson"  # a weak sign: the Jetson outranks it
    assert not read(line + "\nstandard_init_linux.go:211: exec user process caused \"exec format error\"").observed.x86


ENGINE_LINES = [
    "[TRT] [E] 1: [stdArchiveReader.cpp::StdArchiveReader::35] Error Code 1: Serialization (Serialization assertion "
    "safeVersionRead == safeSerializationVersion failed.Version tag does not match. Note: Current Version: 0, "
    "Serialized Engine Version: 96)",
    "[TRT] The engine plan file is not compatible with this version of TensorRT, expecting library version 8.5.2",
]


@pytest.mark.parametrize("line", ENGINE_LINES)
def test_a_tensorrt_engine_from_another_version_is_the_release_on_a_jetson_and_the_program_s_on_a_pc(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "jetson-software-mismatch"
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"
    unsaid = read_cause(line).cause
    assert (unsaid.id, unsaid.otherwise) == ("jetson-software-mismatch", "not-gpu-access"), unsaid


@pytest.mark.parametrize("setting", ["CUDA_VISIBLE_DEVICES=$0 ./tools/demo.py", "export CUDA_VISIBLE_DEVICES=-1",
                                     "-e CUDA_VISIBLE_DEVICES='' ", "CUDA_VISIBLE_DEVICES is set to empty in the job",
                                     "Environment=CUDA_VISIBLE_DEVICES="])
@pytest.mark.parametrize("system", ["", JETSON_36 + "\n", PC + "\n"])
def test_cuda_visible_devices_that_hides_every_gpu_is_not_gpu_access(setting: str, system: str) -> None:
    text = system + setting + "\ncudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected"
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_device_index_in_cuda_visible_devices_hides_nothing() -> None:
    text = JETSON_36 + "\nCUDA_VISIBLE_DEVICES=0 ./app\ncudaGetDeviceCount returned 100"
    assert read_cause(text).cause.id != "not-gpu-access"


@pytest.mark.parametrize("setting", ["      - CUDA_VISIBLE_DEVICES=1", "export CUDA_VISIBLE_DEVICES=2"])
def test_a_second_device_s_index_hides_a_jetson_s_only_gpu(setting: str) -> None:
    """A Jetson has one GPU, index 0: an index from a multi-GPU server's set-up offers CUDA no device. On a PC that
    index may be a real second card."""
    text = setting + "\nRuntimeError: No CUDA GPUs are available"
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "not-gpu-access"
    assert read_cause(PC + "\n" + text).cause.id != "not-gpu-access"


@pytest.mark.parametrize("line", ["ollama is running in CPU instead of the GPU",
                                  "the model falls back to the CPU, jtop shows the GPU idle"])
def test_a_program_that_runs_on_the_cpu_finds_no_usable_cuda(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "jetson-software-mismatch"


def test_a_gpu_that_does_not_work_when_jtop_looks_is_not_jtop_failing() -> None:
    result = read_cause("Jetson Nano: when I check jtop, I find my GPU is not work, ollama runs in CPU")
    assert "jtop-socket" not in [m.id for m in result.matches] and result.cause.id != "not-gpu-access"


@pytest.mark.parametrize("line", ["ci: on jetson cuda need the container to be started as root",
                                  "access to the GPU requires running as root here"])
def test_cuda_said_to_need_root_is_a_denial(line: str) -> None:
    assert "denial-words" in [m.id for m in read_cause(line).matches]


def test_a_side_remark_that_something_else_needs_root_is_no_denial() -> None:
    assert "denial-words" not in [m.id for m in read_cause("the GPU clocks need to be started as root").matches]


def test_a_pc_user_named_nvidia_stays_on_a_pc() -> None:
    text = "nvidia@workstation:~$ nvidia-smi\nFailed to initialize NVML: Driver/library version mismatch"
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("change", "cause"), [
    ("+/dev/nvhost-* rw,\n+/dev/nvmap rw,", "tegra-nodes-denied"),
    ('+KERNEL=="nvmap" OWNER="root" GROUP="video" MODE="0660"', "tegra-nodes-denied"),
    ("- Add video group (gid 44) to container user for GPU device access", "tegra-nodes-denied"),
    ('+SUBSYSTEM=="drm", KERNEL=="renderD*", GROUP="render", MODE="0660"', "render-node-denied"),
    ('I added a rule: KERNEL=="renderD*", GROUP="render", MODE="0660"', "render-node-denied"),
])
def test_a_change_that_grants_a_gpu_node_reads_as_the_denial_it_fixes(change: str, cause: str) -> None:
    result = read_cause(JETSON_36 + "\nFix CUDA for the app user on Jetson\n" + change)
    assert "denial-words" in [m.id for m in result.matches]
    assert result.cause.id == cause, result.cause


def test_the_release_line_without_its_hash_is_still_the_release() -> None:
    line = "R32 (release), REVISION: 6.1, GCID: 27863751, BOARD: t210ref, EABI: aarch64, DATE: Mon Jul 26 19:20:30 UTC 2021"
    assert read(line).observed.l4t == "32.6.1"
    assert read("R32 (release) is what the forum calls it").observed.l4t is None


def test_a_tool_that_checks_for_wsl_names_no_pc() -> None:
    line = ("I0803 07:46:57.030535 26127 nvc.c:389] attempting to load dxcore to see if we are running under Windows "
            "Subsystem for Linux (WSL)")
    assert not read(line).observed.x86
    assert read("Ubuntu 22.04 under WSL2 on Windows 11").observed.x86


@pytest.mark.parametrize("line", [
    "I1025 08:07:07.369804 139768635004736 xla_bridge.py:357] Unable to initialize backend 'rocm': module "
    "'jaxlib.xla_extension' has no attribute 'GpuAllocatorConfig'",
    "No ROCm runtime is found, using ROCM_HOME='/opt/rocm'",
    "Failed to load the ROCm backend: libamdhip64.so: cannot open shared object file"])
def test_a_framework_trying_each_backend_names_no_amd_gpu(line: str) -> None:
    """JAX tries every backend it was built with and logs each it cannot start (tpu, rocm, cuda); PyTorch's extension
    builder says it finds no ROCm: what a program probes for is no sign the machine has it."""
    assert not read(line).observed.x86
    assert read("rocm-smi shows gfx1030, ROCm 6.0").observed.x86


def test_a_compose_service_s_log_prefix_puts_the_paste_in_a_container() -> None:
    text = JETSON_32 + ("\ndetector_1  | W dso_loader.cc:60] Could not load dynamic library 'libcudart.so.10.2'; dlerror: "
                        "libcudart.so.10.2: cannot open shared object file: No such file or directory\n"
                        "detector_1  | I cudart_stub.cc:29] Ignore above cudart dlerror if you do not have a GPU")
    assert read_cause(text).cause.id == "nodes-missing-in-container"


def test_a_table_row_is_no_compose_prefix() -> None:
    assert read_cause("sm_87  | supported\nError: GPU build failed").cause.id != "nodes-missing-in-container"


def test_a_library_that_requires_another_cuda_is_the_software() -> None:
    text = JETSON_36 + ("\n[W:onnxruntime:Default, onnxruntime_pybind_state.cc:965 CreateExecutionProviderInstance] Failed "
                        "to create CUDAExecutionProvider. Require cuDNN 8.* and CUDA 12.*.")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["AssertionError: Torch not compiled with CUDA enabled",
                                  "Successfully installed torch-2.3.0+cpu (a CPU-only build)",
                                  "    xFormers wasn't build with CUDA support"])
def test_a_program_built_without_cuda_is_the_release_s_build_on_a_jetson_and_the_program_s_on_a_pc(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "jetson-software-mismatch"
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"


def test_a_hook_that_fails_on_its_own_ldconfig_is_the_toolkit() -> None:
    text = ("docker: Error response from daemon: OCI runtime create failed: error running hook #0: error running hook: "
            "exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\n"
            "nvidia-container-cli: ldcache error: open failed: /sbin/ldconfig: no such file or directory: unknown.")
    assert read_cause(text).cause.id == "toolkit-band"


def test_a_jetson_said_to_need_the_nvidia_runtime_instead_of_gpus_is_missing_nodes() -> None:
    text = JETSON_35 + "\nBoth require `--runtime=nvidia` and do not support `--gpus=all`."
    assert read_cause(text).cause.id == "nodes-missing-in-container"


def test_a_geforce_named_by_its_number_after_nvidia_is_a_pc() -> None:
    assert read("Cookbook is detecting my Nvidia 4090 gpu").observed.x86


@pytest.mark.parametrize(("host", "pc"), [("linux/amd64", True), ("linux/arm64/v8", False)])
def test_the_engine_s_platform_warning_names_the_host_by_its_second_platform(host: str, pc: bool) -> None:
    image = "linux/arm64" if pc else "linux/amd64"
    line = ("WARNING: The requested image's platform ({}) does not match the detected host platform ({}) and no "
            "specific platform was requested".format(image, host))
    seen = read(line).observed
    assert bool(seen.x86) is pc and bool(seen.jetson) is not pc
    assert "wrong-architecture" in [m.id for m in read_cause(line).matches]


# ---- what an outside review of these readings found: each a paste a real user could send ----

@pytest.mark.parametrize("line", [
    "With sudo python3 app.py it uses the GPU; without sudo it falls back to CPU.",
    "the GPU is not working for non-root users.",
    "GPU not working unless I use sudo.",
    "In my container the GPU is not used when I run as appuser; as root it is.",
    "Running as root uses the GPU. As my normal user, YOLO runs on the CPU instead.",
])
def test_falling_back_to_the_cpu_only_without_root_is_the_denial(line: str) -> None:
    result = read_cause(JETSON_36 + "\n" + line)
    assert "denial-words" in [m.id for m in result.matches]
    assert result.cause.id != "jetson-software-mismatch", result.cause


def test_a_program_said_to_run_fine_on_the_cpu_is_no_cpu_fallback() -> None:
    text = ("The model runs on CPU fine, but on the GPU it crashes:\n"
            "RuntimeError: CUDA error: an illegal memory access was encountered")
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("text", [
    "LOCAL_RANK: 0 - CUDA_VISIBLE_DEVICES: [0]\nRuntimeError: CUDA error: no CUDA-capable device is detected",
    "environment:\n  CUDA_VISIBLE_DEVICES: 0\ntorch.cuda.is_available() False",
    "I set CUDA_VISIBLE_DEVICES = 0 and still get\ncudaGetDeviceCount returned 100",
    "CUDA_VISIBLE_DEVICES=$1 python3 train.py\nRuntimeError: No CUDA GPUs are available",
    JETSON_32 + "\nCUDA_VISIBLE_DEVICES=-1 python3 train.py runs fine on the CPU. Without it:\n"
    "cudaGetDeviceCount returned 100 -> no CUDA-capable device is detected",
    "CUDA_VISIBLE_DEVICES=\ncudaGetDeviceCount returned 35 -> CUDA driver version is insufficient for CUDA runtime version",
])
def test_cuda_visible_devices_that_hides_nothing_the_failure_needs_is_not_the_reading(text: str) -> None:
    assert "CUDA_VISIBLE_DEVICES" not in read_cause(text).cause.why.text


@pytest.mark.parametrize("noise", ["mkdir: cannot create directory '/home/app/.cache': Read-only file system",
                                   "Failed to add /run/systemd/ask-password to directory watch: No space left on device",
                                   "(gst-plugin-scanner:9): GStreamer-WARNING **: Failed to load plugin "
                                   "'/usr/lib/aarch64-linux-gnu/gstreamer-1.0/libgstchromaprint.so': libavcodec.so.58: "
                                   "cannot open shared object file: No such file or directory"])
@pytest.mark.parametrize("failure", ["Error: could not open the GPU device: Permission denied",
                                     "ERROR: TensorRT version mismatch between build and runtime"])
def test_a_routine_noise_line_does_not_outrank_the_gpu_s_own_failure(noise: str, failure: str) -> None:
    for text in (JETSON_36 + "\n" + failure + "\n" + noise, JETSON_36 + "\n" + noise + "\n" + failure):
        assert read_cause(text).cause.id != "not-gpu-access", text


@pytest.mark.parametrize("library", ["libEGL.so.1", "libGLESv2.so.2", "libGLX.so.0", "libargus.so", "libvulkan.so.1",
                                     "libOpenCL.so.1", "libva-drm.so.2", "libdrm.so.2", "libmyelin.so.1",
                                     "libonnxruntime_providers_tensorrt.so", "libcaffe2_nvrtc.so"])
def test_a_library_of_the_gpu_s_graphics_camera_or_inference_stack_is_not_another_library(library: str) -> None:
    text = JETSON_36 + "\nImportError: {}: cannot open shared object file: No such file or directory".format(library)
    assert read_cause(text).cause.id != "not-gpu-access"


def test_the_stock_udev_rule_quoted_as_the_setup_is_no_denial() -> None:
    text = JETSON_35 + ('\nKERNEL=="nvmap" OWNER="root" GROUP="video" MODE="0660"\ncudaGetDeviceCount returned 35 -> '
                        "CUDA driver version is insufficient for CUDA runtime version")
    result = read_cause(text)
    assert "denial-words" not in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("moved", [
    "I created my base image using Jetpack 5 with CUDA 11.4; then I flashed my Jetson Orin with Jetpack 6 and pulled it.",
    "The image was built on JP5.1.2. After upgrading the Orin to JetPack 6.0 it fails.",
])
def test_an_image_built_on_one_jetpack_run_after_the_host_moved_to_another_is_the_software(moved: str) -> None:
    """A driver-version error inside a container is the runtime's missing driver library, unless the paste names two
    JetPack releases: an image built on one and a host flashed with the other, whose driver its CUDA does not fit."""
    text = moved + "\nnvcc --version gives CUDA 11.4 inside of docker container.\n" \
        "RuntimeError: CUDA failed with error CUDA driver version is insufficient for CUDA runtime version"
    result = read_cause(text)
    assert result.cause.id == "jetson-software-mismatch", result.cause
    assert any("JetPack" in line or "Jetpack" in line or "JP5" in line for line in result.cause.why.evidence)


def test_the_migration_from_jetpack_5_to_6_with_801_for_a_user_stays_the_render_node() -> None:
    text = "It worked on JetPack 5.1.2. After the upgrade to JetPack 6.1, as user 1000 in the container:\ncuInit returned 801"
    assert read_cause(text).cause.id == "render-node-denied"


def test_a_driver_version_error_in_a_container_on_one_jetpack_is_the_missing_driver_library() -> None:
    text = "Jetson Orin with Jetpack 6\nnvcc --version gives CUDA 12.6 inside of docker container.\n" \
        "RuntimeError: CUDA failed with error CUDA driver version is insufficient for CUDA runtime version"
    assert read_cause(text).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("other", ["cudaGetDeviceCount returned 35 -> CUDA driver version is insufficient for CUDA "
                                   "runtime version",
                                   "ImportError: libcudart.so.12: cannot open shared object file: No such file or directory"])
def test_a_driver_or_library_error_beside_an_engine_error_is_the_reading_on_a_pc(other: str) -> None:
    text = PC + "\n" + other + "\n" + ENGINE_LINES[0]
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_magic_tag_is_no_engine_version() -> None:
    line = "ERROR: coreReadArchive.cpp (31) - Serialization Error in verifyHeader: 0 (Magic tag does not match)"
    assert "engine-version" not in [m.id for m in read_cause(JETSON_36 + "\n" + line).matches]


def test_two_release_lines_without_their_hash_are_two_systems() -> None:
    text = ("R36 (release), REVISION: 3.0, GCID: 36923193, BOARD: generic, EABI: aarch64, DATE: Fri Jul 19 23:24:25 UTC 2024\n"
            "R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023\n"
            "cuInit returned 801 as my user")
    assert len(explain(text).systems) == 2


def test_plain_words_about_running_keep_the_pc_signs_of_their_line() -> None:
    assert read("Ubuntu 22.04 x86_64 desktop; I ran deviceQuery to see if it is running at all:").observed.x86


def test_a_geforce_named_in_passing_does_not_outrank_a_jetson() -> None:
    text = "nvidia@orin-nx:~$ ./deviceQuery   (trained on a 4070 Ti desktop)\ncudaGetDeviceCount returned 999"
    assert read_cause(text).cause.id != "x86-discrete-gpu"
    assert read("**NVIDIA Driver Version**: 470").observed.x86


@pytest.mark.parametrize(("line", "pc"), [
    ("  CUDA Capability Major/Minor version number:    8.6", True),
    ("  CUDA Capability Major/Minor version number:    8.7", False),
    ("[TRT] [E] 1: Unsupported SM: 0x601", True),
    ("Error Code 9: API Usage Error (Target GPU SM 120 is not supported by this TensorRT release.)", True),
    ("NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation", True),
    ("ptxas fatal   : Value 'sm_121a' is not defined for option 'gpu-name'", True),  # a JIT compiling for the device
])
def test_the_device_s_compute_capability_names_its_system(line: str, pc: bool) -> None:
    seen = read(line).observed
    assert bool(seen.x86) is pc
    assert bool(seen.jetson) is not pc


def test_a_build_s_list_of_architectures_names_no_system() -> None:
    assert not read("TORCH_CUDA_ARCH_LIST=\"5.3;6.2;7.2;8.6;8.9\" python3 setup.py bdist_wheel").observed.x86


@pytest.mark.parametrize(("line", "family"), [
    ("nvidia-container-cli: initialization error: nvml error: driver/library version mismatch: unknown.", "nvml-driver"),
    ("nvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1", "nvml-missing"),
])
def test_the_hook_s_own_nvml_words_are_nvml_s_families(line: str, family: str) -> None:
    assert family in [m.id for m in read_cause(line).matches]


@pytest.mark.parametrize("line", [
    "modprobe: FATAL: Module nvidia_uvm not found in directory /lib/modules/5.15.0-91-generic",
    "modprobe: ERROR: could not insert 'nvidia': Required key not available",
    "[   12.345678] nvidia: Unknown symbol drm_gem_object_put (err -2)",
    "The NVIDIA kernel modules are not loaded after the update",
])
def test_a_discrete_driver_s_kernel_module_that_does_not_load_is_the_pc_s_driver(line: str) -> None:
    """The module failing to load (not built for the kernel, refused by Secure Boot) is the PC's driver, for any user:
    assumed, or shown where the line names the PC's stock kernel (5.15.0-91-generic)."""
    result = read_cause(line)
    assert "nvidia-module-failed" in [m.id for m in result.matches]
    assert result.cause.id == "x86-discrete-gpu"
    assert result.cause.assumed_system == ("" if "-generic" in line else "pc")


@pytest.mark.parametrize(("text", "family"), [
    ("$ nvidia-smi\nNo devices were found", True),
    ("- name: Check the GPU\n  run: nvidia-smi\nNo devices were found\nError: Process completed with exit code 6.", True),
    ("nvidia-smi: No devices were found after the reboot", True),
    ("lsusb found the camera; no devices were found by v4l2-ctl on the second port", False),
    ("$ python3 list_cams.py\npypylon 3.0.1\nNo devices were found", False),
    # (a CI job's step whose command is not shown: nvidia-smi's own exit status, 6, is what names it)
    ("Seeing 2 CI jobs fail with this error:\n\nNo devices were found\nError: Process completed with exit code 6.", True),
    ("$ python3 list_cams.py\nNo devices were found\nError: Process completed with exit code 1.", False),
    # (another maker's GPU alone: exit status 6 is the tool's own there)
    ("Runner: mi210-ci-02 (AMD Instinct MI210, ROCm 6.1.2, Ubuntu 22.04)\n$ python3 tools/check_devices.py --backend hip\n"
     "No devices were found\nERROR: Job failed: exit code 6", None),
    ("ThinkPad X1 Carbon Gen 11 (Intel Iris Xe graphics only), Windows 11\nC:\\dev\\scope> python capture.py --device usb\n"
     "Opening PicoScope 2204A...\nNo devices were found\nProcess finished with exit code 6", None),
    ("nvidia-smi shows my RTX 3060 fine.\n$ python3 grab.py\nBasler pylon: No devices were found", False),
    ("[HailoRT] No devices were found", False)])
def test_nvidia_smi_s_no_devices_found_is_a_pc_s_driver_that_sees_no_card(text: str, family: Optional[bool]) -> None:
    """nvidia-smi's answer, on the line below it or after its name (a camera's or another accelerator's listing prints
    the same words): the discrete driver loaded but sees no card (JetPack 6's nvidia-smi lists its GPU). Where the words
    are read as its answer by its exit status alone (None), the only GPU the paste names being AMD's or Intel's makes the
    tool another's: no NVIDIA GPU to grant."""
    result = read_cause(text)
    assert ("smi-no-devices" in [m.id for m in result.matches]) is (family is not False)
    if family is not False:
        assert (result.cause.id == "x86-discrete-gpu") is bool(family)


@pytest.mark.parametrize("text", [
    "Error! Bad return status for module build on kernel: 6.8.0-45-generic (x86_64)\n"
    "Consult /var/lib/dkms/nvidia/535.183.01/build/make.log for more information.",
    "Jun 02 10:00:01 ws systemd-modules-load[412]: Failed to insert module 'nvidia': Key was rejected by service"])
def test_a_module_dkms_did_not_build_or_secure_boot_refused_is_the_pc_s_driver(text: str) -> None:
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["Jun 02 10:00:01 ws kernel: nvidia_drm: Unknown symbol drm_dev_put (err -2)",
                                  "[Mon Jun  2 10:00:01 2025] nvidia: Unknown symbol drm_gem_object_put (err -2)",
                                  "[   80.100000] nvidia_uvm: Unknown symbol nvUvmInterfaceDeviceCreate (err -2)"])
def test_a_module_s_unknown_symbol_is_read_in_every_log_s_prefix_and_after_many_nvidia_lines(line: str) -> None:
    """journalctl's and dmesg -T's prefixes as well as dmesg's own; and after more lines that say nvidia than a key is
    searched on (the family's keys are its own words, not 'nvidia')."""
    chatter = "".join("[   {}.0] nvidia-nvlink: Nvlink Core is being initialized, major device number 5{}\n".format(i, i)
                      for i in range(70))
    for text in (line, chatter + line):
        assert "nvidia-module-failed" in [m.id for m in read_cause(text).matches], text[-200:]


@pytest.mark.parametrize("text", [
    # nvidia_peermem fails to load on every machine without InfiniBand, harmlessly
    "modprobe: ERROR: could not insert 'nvidia_peermem': Invalid argument\n"
    "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 GiB",
    # a guess the paste takes back
    "At first I thought the NVIDIA kernel module was not loaded, but lsmod shows nvidia_uvm and nvidia\n"
    "requests.exceptions.ConnectionError: Failed to establish a new connection: Temporary failure in name resolution",
    # the driver answers in the same paste: a container's entrypoint has no modules of its own to load
    "modprobe: FATAL: Module nvidia_uvm not found in directory /lib/modules/6.5.0-35-generic\n$ docker exec app "
    "nvidia-smi -L\nGPU 0: NVIDIA GeForce RTX 3090 (UUID: GPU-1c3d2f8e-aa)\nKeyError: 'MODEL_PATH'",
    "modprobe: FATAL: Module nvidia not found in directory /lib/modules/6.5.0-35-generic\n"
    "| NVIDIA-SMI 535.129.03             Driver Version: 535.129.03   CUDA Version: 12.2     |\n"
    "requests.exceptions.ConnectionError: Failed to establish a new connection: Temporary failure in name resolution",
])
def test_a_module_failure_the_paste_takes_back_or_outlives_is_no_driver_failure(text: str) -> None:
    result = read_cause(text)
    assert "nvidia-module-failed" not in [m.id for m in result.matches]
    assert result.cause.id == "not-gpu-access"


@pytest.mark.parametrize(("text", "family"), [
    ("$ lxc config set c1 nvidia.runtime true\nlxc c1 ERROR conf - conf.c:lxc_setup:3653 - Failed to run mount hooks", True),
    ("lxc.hook.mount = /usr/share/lxc/hooks/nvidia\nERROR conf - conf.c:lxc_setup:4437 - Failed to run mount hooks", True),
    ("lxc.hook.mount = /usr/share/lxc/hooks/mountecryptfsroot\n"
     "ERROR conf - conf.c:lxc_setup:4437 - Failed to run mount hooks", False),
    ("lxc.hook.mount = /usr/share/lxc/hooks/mountecryptfsroot\n"
     "ERROR conf - conf.c:lxc_setup:4437 - Failed to run mount hooks\n(this host has no nvidia card)", False)])
def test_lxc_s_failed_mount_hooks_are_nvidia_s_only_where_the_paste_names_its_hook(text: str, family: bool) -> None:
    """LXC runs every mount hook alike: its failure is NVIDIA's where the paste names NVIDIA (nvidia.runtime,
    hooks/nvidia), read on a PC where no system is shown; another hook's (an encrypted home, a network mount) is no
    GPU's."""
    result = read_cause(text)
    assert ("lxc-nvidia-hook-failed" in [m.id for m in result.matches]) is family
    assert (result.cause.id == "x86-discrete-gpu") is family  # (LXD passes a Jetson's GPU as a CDI device instead)


@pytest.mark.parametrize("line", ["If the NVIDIA kernel module is not loaded, run sudo modprobe nvidia.",
                                  "Is the nvidia kernel module not loaded?",
                                  "The README says: when the nvidia kernel module is missing, reinstall the driver."])
def test_a_module_failure_said_as_a_condition_or_asked_is_none(line: str) -> None:
    """An installer's or a README's condition, and a question, say no module failed."""
    assert "nvidia-module-failed" not in [m.id for m in read_cause(line + "\nKeyError: 'MODEL_PATH'").matches]


def test_amd_s_compute_node_denied_is_a_pc_s_gpu_not_another_device() -> None:
    text = ("$ docker run -it --rm --device=/dev/kfd --device=/dev/dri --group-add video rocm/rocm-terminal:latest\n"
            "ROCk module is loaded\nUnable to open /dev/kfd read-write: Permission denied")
    result = read_cause(text)
    assert "other-permission" not in [m.id for m in result.matches]
    assert result.cause.id == "x86-discrete-gpu"


def test_a_log_that_alternates_two_releases_is_two_systems_read_once_each() -> None:
    a = "# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025"
    b = "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023"
    assert len(explain("\n".join([a, b] * 50) + "\ncuInit returned 801 as my user").systems) == 2


@pytest.mark.parametrize("line", ["NvRmMemInitNvmap failed with Operation not permitted",
                                  "****NvRmMemMgrInit failed**** error type: 196626",
                                  "NvRmMemInitNvmap failed with 权限不够", "NvRmMemInitNvmap failed with Keine Berechtigung"])
def test_any_nvrm_start_up_failure_is_gpu_access_in_any_wording(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id != "not-gpu-access"


def test_root_falling_back_to_the_cpu_while_the_user_has_the_gpu_is_no_denial() -> None:
    text = JETSON_36 + "\nWhen I run it with sudo, YOLO falls back to CPU. As my normal user it uses the GPU."
    assert "denial-words" not in [m.id for m in read_cause(text).matches]


@pytest.mark.parametrize("line", ["Orin NX, `# R36 (release), REVISION: 4.3`.", "| L4T | # R36 (release), REVISION: 4.3 |"])
def test_a_release_line_in_inline_code_or_a_table_cell_is_read(line: str) -> None:
    assert read(line + "\nNon-root users cannot use CUDA in the container.").observed.l4t == "36.4.3"


@pytest.mark.parametrize(("line", "cause"), [
    ("Only root can use the GPU; as my user torch.cuda.is_available() is False", "render-node-denied"),
    ("only the root user is able to run CUDA programs on the board", "render-node-denied"),
    ("the GPU is only accessible as root", "render-node-denied"),
    ("I can only use the GPU support together with tensorflow when running the container as the root user.",
     "render-node-denied"),
    ("After sudo chmod 666 /dev/dri/renderD128 it works, but that is not a fix", "render-node-denied"),
    ("sudo chmod a+rw /dev/nvmap /dev/nvhost-* fixed it for the app user", "tegra-nodes-denied"),
    ("it works after `setfacl -m u:app:rw /dev/nvmap`", "tegra-nodes-denied"),
    ("After install, CUDA programs and nvidia-smi only runs as the root user.", "render-node-denied"),
    ("on our Orin the GPU doesn't work for normal users, only for root.", "render-node-denied"),
    ("The bug prevents CUDA verification for a non-root user in the sandbox.", "render-node-denied"),
])
def test_a_cause_said_only_in_plain_words_is_the_denial_it_describes(line: str, cause: str) -> None:
    result = read_cause(JETSON_36 + "\n" + line)
    assert "denial-words" in [m.id for m in result.matches]
    assert result.cause.id == cause, result.cause


@pytest.mark.parametrize("line", ["only root can write to /etc/docker/daemon.json",
                                  "sudo chmod 666 /var/run/docker.sock and it works",
                                  "chmod 666 /dev/ttyUSB0 fixed the serial port"])
def test_root_only_words_and_grants_about_something_else_are_no_gpu_denial(line: str) -> None:
    assert "denial-words" not in [m.id for m in read_cause(JETSON_36 + "\n" + line).matches]


@pytest.mark.parametrize("line", ["cuModuleLoadData failed: CUDA_ERROR_INVALID_PTX",
                                  "CUDA error: a PTX JIT compilation failed (cudaErrorInvalidPtx)",
                                  "cuda error 218 when loading the kernels"])
def test_ptx_the_driver_cannot_compile_is_the_software(line: str) -> None:
    result = read_cause(JETSON_35 + "\n" + line)
    assert "cuda-218" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["installer: unsupported JetPack detected, falling back to CPU",
                                  "ERROR: unsupported L4T version 36.5"])
def test_an_installer_that_does_not_know_the_release_is_the_software(line: str) -> None:
    result = read_cause(JETSON_36 + "\n" + line)
    assert "release-unsupported" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", [
    "Toolkit 1.17.7 broke our GPU containers; downgrading to a previous toolkit version (1.17.6-1) resolves it.",
    "nvidia-container-toolkit 1.17.8 fails; if I revert back to the generation with v1.17.6 it works again.",
])
def test_going_back_to_an_earlier_toolkit_in_any_words_is_the_toolkit(line: str) -> None:
    result = read_cause(PC + "\n" + line)
    assert "downgrade-fixes" in [m.id for m in result.matches] and result.cause.id == "toolkit-band", result.cause


@pytest.mark.parametrize("line", [
    "I found conda installed cudatoolkit=9.2; if I downgrade cudatoolkit to 9.0 (conda install cudatoolkit=9.0), it worked!",
    "Downgrading cuda-toolkit to 11.8 fixed the import.",
])
def test_going_back_to_an_earlier_cuda_toolkit_is_not_the_container_toolkit(line: str) -> None:
    """conda's `cudatoolkit` and the CUDA Toolkit are CUDA's libraries, not NVIDIA's container toolkit (cupy#2110)."""
    result = read_cause(PC + "\n" + line)
    assert "downgrade-fixes" in [m.id for m in result.matches] and result.cause.id == "x86-discrete-gpu", result.cause


def test_a_swarm_service_of_an_amd_gpu_is_not_nvidia_s_runtime() -> None:
    """Swarm's generic resources reach NVIDIA's GPU through NVIDIA's runtime; a service on ROCm's image with AMD's
    device variable is AMD's toolkit, of which that family says nothing (ROCm/container-toolkit#92)."""
    words = "as soon as I add any resource reservation in docker swarm yml, then the GPU is not recognized"
    assert "swarm-service-no-gpu" in ids("image: nvidia/cuda:12.4.1-base\n" + words)
    assert "swarm-service-no-gpu" not in ids("image: rocm/pytorch:latest\nenvironment:\n  - AMD_VISIBLE_DEVICES=all\n"
                                             + words)


def test_a_swarm_node_shown_set_up_for_services_is_no_service_without_the_gpu() -> None:
    """Where the paste shows the whole set-up that serves a Swarm service (nvidia as the default runtime, and the runtime
    told to read Swarm's assignment), what fails is not the service's missing GPU options (Dokploy/dokploy#816)."""
    setup = ('"default-runtime": "nvidia",\n"node-generic-resources": [\n  "gpu=GPU-6d83c4e3-32f7-d069-4d88-d384addeebdb"\n]\n')
    toml = 'swarm-resource = "DOCKER_RESOURCE_GPU"\n'
    assert "swarm-service-no-gpu" in ids(setup)
    assert "swarm-service-no-gpu" not in ids(setup + toml)


def test_the_families_file_keeps_one_family_a_line() -> None:
    """data/symptoms.json is edited and reviewed as one family a line, so a diff shows which family changed."""
    import json
    from pathlib import Path

    lines = (Path(data.__file__).parent / "symptoms.json").read_text(encoding="utf-8").split("\n")
    start, end = lines.index('  "symptoms": ['), lines.index("  ]")
    families = lines[start + 1:end]
    assert all(line.startswith('    {"id": ') and line.endswith(("},", "}")) for line in families)
    assert [json.loads(line.rstrip(","))["id"] for line in families] == [s["id"] for s in data.load("symptoms")["symptoms"]]


@pytest.mark.parametrize("words", [
    "the user within the container does not have the proper group membership to access the devices",
    "inside the container the app user is not a member of the render group",
])
def test_groups_said_missing_in_other_words_beside_a_numeric_launch_is_the_launch(words: str) -> None:
    text = "services:\n  media:\n    image: example/media:latest\n    user: 1000:1000\n" + words
    result = read_cause(text)
    assert "groups-missing-words" in [m.id for m in result.matches] and result.cause.id == "uid-gid-launch", result.cause


@pytest.mark.parametrize("words", [
    "remote access to the renderer worked while I was also logged in through a display",
    "over ssh it fails when no one is logged in at the console",
    "it only works while I'm logged into the desktop; over SSH, same user, it fails",
    "fine as long as we're logged on to the graphical session",
    "当容器连接显示器且有用户登录时,GPU 访问正常;但通过 SSH 连接时,非 root 用户无法访问 GPU",
])
def test_a_gpu_that_works_only_beside_a_local_login_in_other_words_is_the_seat(words: str) -> None:
    result = read_cause(words + "\nOpening /dev/dri/renderD128 failed: Permission denied")
    assert "seat-login-words" in [m.id for m in result.matches] and result.cause.id == "seat-acl-only", result.cause


GROUP_ADD_801 = ("JetPack 6.2 / L4T 36.4.3, Orin NX.\n$ docker run --runtime nvidia --group-add 993 myapp\n"
                 "cuInit failed with error 801\n")


@pytest.mark.parametrize("said", [
    'entrypoint.sh ends with: exec su - worker -c "python3 /srv/app.py"',
    "The entrypoint ends with `exec gosu app python3 /srv/app.py`.",
    "run_dev.sh starts it as root and the entrypoint switches to admin with gosu.",
    "Our entrypoint.sh switches to admin with gosu before starting the node.",
    'ENTRYPOINT ["/usr/sbin/gosu", "app"]',
    "Then I ssh into the container as dev and run the script.",
    "supervisord starts my app with user=app in the [program:app] section.",
    "Inside the container I run: sudo -u app python3 train.py",
    "CMD gosu 1000 python3 /app/main.py",
    'CMD ["sudo", "-u", "worker", "python3", "/srv/serve.py"]',
    "$ docker compose exec perception su - ros -c \"python3 -c 'import torch; torch.cuda.init()'\"",
])
def test_a_user_switch_in_the_container_said_in_prose_or_a_dockerfile_beside_group_add_is_the_login_path(said: str) -> None:
    """gosu, su, su-exec and sshd rebuild the groups from the container's /etc/group (fact sheet A.3): said in a sentence
    or an ENTRYPOINT beside a launch's --group-add, the added group is lost on the way to the user."""
    assert read_cause(GROUP_ADD_801 + said).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("added", ["$(getent group render | cut -d: -f3)", "$(stat -c %g /dev/dri/renderD128)"])
def test_a_group_the_shell_computes_is_lost_through_a_switch_whatever_its_number(added: str) -> None:
    """A launch that adds the render group by a substitution the paste shows no answer for, and an entrypoint's `su -`:
    what the session's `id` lacks cannot be checked against it, and the switch loses whatever it added."""
    text = ("Orin NX, JetPack 6.1. entrypoint.sh:\n  exec su - app -c /opt/app/run.sh\n"
            "docker run --runtime nvidia -v /dev:/dev --group-add " + added + " myimage:latest\n"
            "cuInit: CUDA_ERROR_NOT_SUPPORTED (801)\nuid=1000(app) gid=1000(app) groups=1000(app),44(video)\n"
            "crw-rw---- 1 0 110 226, 128 Jun  2 09:40 /dev/dri/renderD128")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("said", ["I ssh into the Jetson and start the container from there.",
                                  "The entrypoint does not use gosu or su; it runs as the image's user.",
                                  "The entrypoint no longer switches to admin with gosu.",
                                  "I removed the exec gosu app line from the entrypoint last week.",
                                  "Should I use exec gosu app in an entrypoint instead of -u?",
                                  "I ssh to the container host (the Jetson) and then run it.",
                                  '# ENTRYPOINT ["/usr/sbin/gosu", "ros", "/ros_entrypoint.sh"]   (disabled)',
                                  'CMD ["python3", "/srv/serve.py"]',
                                  'CMD ["sudo", "-E", "python3", "/srv/serve.py"]',
                                  'CMD ["sudo", "-P", "-u", "worker", "python3", "/srv/serve.py"]',
                                  "$ docker compose exec perception su -c \"python3 /srv/check.py\"",
                                  'CMD ["sudo", "-u", "root", "python3", "/srv/serve.py"]',
                                  'The docs I followed say: "don\'t use exec gosu in the entrypoint, use --user instead".'])
def test_an_ssh_into_the_host_or_a_switch_denied_is_no_login_path_in_the_container(said: str) -> None:
    assert read_cause(GROUP_ADD_801 + said).cause.id != "login-drops-runtime-groups"


@pytest.mark.parametrize("text", [
    "Orin AGX JetPack 6.1, inside dustynv/l4t-pytorch:r36.4.0 as user dev\n$ nvidia-smi\nFailed to initialize NVML: "
    "Insufficient Permissions\n$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nTrue",
    "AGX Orin, JetPack 6.2.1, nvidia-container-toolkit 1.19.1\n$ docker run --rm -it --runtime nvidia -u 1000 "
    "dustynv/l4t-pytorch:r36.4.0 bash\ngroups: cannot find name for group ID 993\nI have no name!@c0ffee123456:/$ "
    "python3 -c \"import torch; print(torch.cuda.is_available(), torch.cuda.get_device_name(0))\"\nTrue Orin\n"
    "My real app then crashes with a segfault in my own C++ code.\nSegmentation fault (core dumped)",
])
def test_cuda_answering_true_for_the_session_is_access_that_works(text: str) -> None:
    """is_available() answered True by the session that fails shows the GPU opened: no access cause, whatever NVML or a
    nameless group says beside it."""
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("text", [
    # a root prompt's True, then a login path and the user's failure
    'Jetson Orin NX, JetPack 6.1.\nroot@jetson:/# python3 -c "import torch; print(torch.cuda.is_available())"\nTrue\n'
    "root@jetson:/# su - app\nRuntimeError: CUDA driver initialization failed, you might not have a CUDA gpu. error 801",
    # the host's True, then the container's denial
    'Jetson Orin Nano JetPack 6.2.\nOn the host:\n$ python3 -c "import torch; print(torch.cuda.is_available())"\nTrue\n'
    "In the container (as user ubuntu):\nNvRmMemInitNvmap failed with Permission denied\ncudaGetDeviceCount returned 999",
    # another board's True, or the output expected
    "On JetPack 5.1.2 (Xavier NX) this worked:\n>>> torch.cuda.is_available()\nTrue\nAfter moving to an Orin Nano with "
    "JetPack 6.2, in the container as a non-root user:\nNvRmMemInitNvmap failed with Permission denied\ncuInit failed: 999",
    "Jetson Orin NX JetPack 6.1, as user app.\nExpected: python3 -c \"import torch; print(torch.cuda.is_available())\" "
    "prints\nTrue\nActual:\nNvRmMemInitNvmap failed with Permission denied",
])
def test_a_true_beside_a_refusal_is_another_session_s_and_no_proof_that_access_works(text: str) -> None:
    assert read_cause(text).cause.id in PERMISSION_CAUSES


def test_another_check_answering_true_is_no_proof_that_cuda_works() -> None:
    text = (JETSON_36 + "\n$ python3 -c 'import torch; print(torch.distributed.is_available())'\nTrue\n"
            "RuntimeError: CUDA error: operation not supported")
    assert read_cause(text).cause.id == "render-node-denied"


def test_cuda_answering_true_and_false_in_one_paste_is_no_proof_that_access_works() -> None:
    text = (JETSON_36 + "\n$ python3 -c 'import torch; print(torch.cuda.is_available())'\nTrue\n$ ssh dev@orin\n"
            "$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse")
    assert read_cause(text).cause.id != "not-gpu-access"


@pytest.mark.parametrize(("text", "family"), [
    ("Jetson Orin Nano, JetPack 6.2. Setting up VNC: when a monitor is connected the VNC desktop works. Over SSH without "
     "a monitor the VNC server fails to start. CUDA is not involved.", "seat-login-words"),
    ("Orin NX JetPack 6. With a monitor attached the GPU clock goes to 918 MHz and works fine. Headless, jetson_clocks "
     "fails to set the GPU clock.", "seat-login-words"),
    ("Orin NX, JetPack 6.1. In the container torch.cuda.is_available() returns False as my user. As root it's False too.",
     "denial-words"),
    ("Orin AGX JetPack 6. jetson_clocks works as root, without sudo it fails with permission denied. CUDA itself is fine.",
     "denial-words"),
    ("Jetson AGX Orin JetPack 6.1. In the container CUDA fails with error 801 unless I run the container as root, and even "
     "then it fails.", "denial-words"),
    ('Jetson Orin NX JetPack 6.1, torch.cuda.is_available() False.\nThe README says: "As root: True. Non-root: False. Add '
     'the user to the render group."\nBut I\'m running as root anyway and still get False.', "denial-words"),
    # an installer's own progress line says what it did, not what was wrong
    ("Jetson Nano, R32.7.6\n>>> Adding ollama user to video group...\n>>> Install complete.", "denial-words"),
    ("==> Adding the service user to the render group\n", "denial-words"),
])
def test_a_contrast_about_other_work_or_with_root_failing_too_is_not_the_family(text: str, family: str) -> None:
    """The seat's and root's words said of clocks or a VNC desktop, beside "CUDA is not involved", with root failing as
    well, quoted from a README, or an installer's step: no such contrast for the GPU (the family's vetoed_by words, in
    the match's sentences)."""
    assert family not in ids(text)


SEAT_HEAD = "Jetson Orin NX, JetPack 6.1, dustynv/l4t-pytorch:r36.4.0, non-root user in the container.\n"


@pytest.mark.parametrize("words", [
    "When the HDMI display is connected and I'm logged into the Ubuntu desktop, the GPU works. Over SSH "
    "torch.cuda.is_available() is False.",
    "When the HDMI display is connected, the GPU works. Over SSH torch.cuda.is_available() is False.",
    "With a monitor plugged in it works; headless over SSH torch.cuda.is_available() is False.",
    "Works fine when I sign in to the desktop; over SSH torch.cuda.is_available() returns False.",
    "It works with a monitor and keyboard attached and logged in; over SSH is_available() is False.",
    "It works if I am logged in physically at the Jetson; over SSH is_available() is False.",
    "After I enabled automatic login, CUDA works.",
    "With a display plugged in, torch sees the GPU. Without one (headless, via SSH) torch.cuda.is_available() returns False.",
    "Running from the GUI terminal works. From ssh: CUDA error 801.",
    "When the HDMI display is connected, the GPU works in the container as my user.\nWhen I reboot headless and connect "
    "over SSH, the same container as the same user says torch.cuda.is_available() False.\nRoot works in both cases.",
])
def test_the_seat_said_in_sentences_of_their_own_is_the_seat(words: str) -> None:
    """A sentence (or clause) that says the GPU works with a display or a local login, beside one that says it fails over
    SSH or headless."""
    result = read_cause(SEAT_HEAD + words)
    assert "seat-login-words" in [m.id for m in result.matches] and result.cause.id == "seat-acl-only", result.cause


@pytest.mark.parametrize("words", [
    "With a monitor connected the GPU works, and over SSH torch.cuda.is_available() is True as well.",
    "With a monitor connected torch.cuda.is_available() is False, and over SSH it is False too.",
    "When a monitor is connected, VNC works. Headless, the VNC desktop does not start.",
    "Over SSH torch.cuda.is_available() is False. Is a monitor connected needed?",
    "Over SSH torch.cuda.is_available() is False in the container. I read that with a monitor connected it works.",
    "Before I fixed the render group, the GPU worked with the monitor connected. Over SSH it failed. Now the camera fails.",
])
def test_a_display_and_ssh_said_apart_without_the_contrast_are_no_seat(words: str) -> None:
    assert "seat-login-words" not in ids(SEAT_HEAD + words)


def test_the_prose_before_a_launch_and_an_amd_node_it_passes_name_the_machine() -> None:
    prose = read("> I'm running on x86. But when I run `docker run --runtime nvidia --rm acme/app:1` it fails").observed
    assert [s.value for s in prose.x86] == ["on x86"] and len(prose.launches) == 1
    amd = read("docker run --device /dev/kfd --device /dev/dri -it --rm acme/rocm-app:1 /bin/bash").observed
    assert [s.value for s in amd.x86] == ["/dev/kfd"]
    # the command's own words name an image, not the machine the paste came from
    assert not read("docker run --rm acme/app:x86_64-build ls").observed.x86


# ---- Tegra's memory manager, with and without its reason line ----

@pytest.mark.parametrize("line", ["549: Memory Manager Not supported", "NvRmMemInit failed error type: 196626",
                                  "NvRmMemInitNvmap … Memory Manager Not supported"])
def test_the_memory_manager_failing_without_its_reason_is_read_as_either_cause(line: str) -> None:
    """The follow-up lines print for a missing /dev/nvmap and a denied one alike: alone they name no denial. In a
    container with no denial said, the node is most often not there; with the reason line, the reason decides."""
    assert ids(line) == ["nvmap-unusable"]
    inside = read_cause(JETSON_36 + "\ninside the container the NVMM tests fail with\n" + line)
    assert inside.cause.id == "nodes-missing-in-container"
    denied = read_cause(JETSON_36 + "\nNvRmMemInitNvmap failed with Permission denied\n" + line)
    assert denied.cause.id == "tegra-nodes-denied"
    missing = read_cause(JETSON_36 + "\nNvRmMemInitNvmap failed with No such file or directory\n" + line)
    assert missing.cause.id == "nodes-missing-in-container"
    assert "nvmap-unusable" not in ids("NvRmMemInitNvmap failed with Permission denied\n" + line)  # the reason says more


def test_every_family_a_follow_up_defers_to_exists() -> None:
    symptoms = data.load("symptoms")["symptoms"]
    known = {s["id"] for s in symptoms}
    deferring = {s["id"]: s["outranked_by"] for s in symptoms if "outranked_by" in s}
    assert deferring and all(set(ids) <= known - {own} for own, ids in deferring.items())


# ---- the registry refusing an image ----

@pytest.mark.parametrize("line", [
    "Error response from daemon: pull access denied for nvcr.io/nvidia/l4t-foo, repository does not exist or may "
    "require 'docker login': denied: requested access to the resource is denied",
    "Step 2/22 : FROM ${BASE_IMAGE}\nunauthorized: authentication required",
    "toomanyrequests: You have reached your pull rate limit.",
    "failed to solve: nvcr.io/nvidia/l4t-foo:r32.2: failed to resolve source metadata for nvcr.io/nvidia/l4t-foo:r32.2: "
    "unexpected status from HEAD request to https://nvcr.io/v2/nvidia/l4t-foo/manifests/r32.2: 403 Forbidden",
])
def test_a_registry_refusing_the_image_is_not_gpu_access_on_a_jetson(line: str) -> None:
    assert "registry-access" in ids(line)
    assert read_cause(JETSON_32 + "\n$ docker pull nvcr.io/nvidia/l4t-foo:r32.2\n" + line).cause.id == "not-gpu-access"



def test_a_connection_the_registry_resets_is_the_network() -> None:
    line = "read tcp 192.168.1.5:52344->nvcr.io:443: read: connection reset by peer"
    assert "network-failure" in ids(line)
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("system, cause", [("Ubuntu 22.04", "render-node-denied"), ("kernel 5.15.148-tegra", "render-node-denied"),
                                           ("Ubuntu 20.04", "tegra-nodes-denied"), ("", "tegra-nodes-denied")])
def test_an_orin_whose_system_is_r36_s_is_read_as_jetpack_6(system: str, cause: str) -> None:
    """No release line, but Ubuntu 22.04 or a 5.15 -tegra kernel on an Orin: JetPack 6's system (JetPack 5 runs 20.04
    and a 5.10 kernel), where CUDA opens the render node too."""
    assert read_cause("Jetson Orin Nano, " + system + "\nCUDA programs only run as the root user.").cause.id == cause



@pytest.mark.parametrize("words", [
    "I flashed it with SDK Manager from my Ubuntu 22.04 laptop.\n$ uname -r\n5.10.120-tegra",
    "$ uname -r\n5.10.120-tegra\nWould moving to 5.15.136-tegra fix this?",
    "I flashed it with SDK Manager from my Ubuntu 22.04 laptop.",
])
def test_a_jetpack_6_system_said_of_another_machine_or_asked_about_leaves_the_jetson_s_own(words: str) -> None:
    """Ubuntu 22.04 on the PC that flashed the board, or a kernel asked about, is not the Jetson's system; the Jetson's
    own 5.10 kernel is JetPack 5's."""
    text = "Jetson Orin Nano.\n" + words + "\nCUDA programs only run as the root user."
    assert read_cause(text).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize("line", [
    "The CUDA installer only runs as root, so I used sudo for it.",
    "The toolkit's release notes list: Fixed a bug in the hook that prevents CUDA initialization for a non-root user.",
    "Issue 412: the hook blocks GPU access for any non-root user; fixed in 1.16.2.",
])
def test_root_only_words_of_an_installer_or_a_bug_described_or_fixed_are_no_denial(line: str) -> None:
    assert "denial-words" not in ids(JETSON_36 + "\n" + line), line


def test_a_bug_that_keeps_non_root_users_from_the_gpu_is_a_denial() -> None:
    assert "denial-words" in ids(JETSON_35 + "\nThe new udev rule prevents non-root users from using the GPU, root is fine.")


def test_the_toolkit_s_opt_out_of_the_nodes_gids_is_the_toolkit_s_state() -> None:
    text = JETSON_36 + "\n[features]\nno-additional-gids-for-device-nodes = true"
    assert "toolkit-state" in ids(text)


def test_a_denial_read_over_the_toolkit_s_state_leaves_the_toolkit_possible() -> None:
    """The opt-out of the nodes' GIDs beside CUDA's 801: the session lacks the render group, and the toolkit's set-up
    may be why, so the reading keeps it open."""
    text = (JETSON_36 + "\nnvidia-ctk version 1.19.1\n[features]\nno-additional-gids-for-device-nodes = true\n"
            "$ docker run --rm --runtime nvidia -u 1000 myimg python3 -c 'import torch; torch.cuda.init()'\n"
            "RuntimeError: CUDA error: operation not supported")
    cause = read_cause(text).cause
    assert cause.id == "render-node-denied" and "toolkit-band" in cause.also_possible, cause


def test_crun_refused_a_cgroup_limit_by_a_rootless_session_is_no_gpu_hook() -> None:
    """Rootless Podman without the memory or cpu controller delegated: crun cannot write the limit, before any hook."""
    text = (JETSON_36 + "\nci@orinnx:~$ podman run --rm --memory=6g --device nvidia.com/gpu=all nvcr.io/nvidia/l4t-jetpack:"
            "r36.4.0 nvidia-smi\nError: OCI runtime error: crun: opening file `memory.max` for writing: Permission denied")
    assert "runtime-hook-failed" not in ids(text) and read_cause(text).cause.id == "not-gpu-access"

def test_a_container_a_cross_build_ran_in_is_the_build_machine_s() -> None:
    text = ("I have a Jetson TX2 with a custom Yocto image. I cross-compiled the library in a Docker container on an x64 "
            "host.\nIt runs on the TX2, but the GPU is not used.")
    assert not read(text).observed.said("container") and read_cause(text).cause.id != "nodes-missing-in-container"

@pytest.mark.parametrize("line", ["is it not using the nvidia runtime?", "it works even when not using the nvidia runtime",
                                  "the default runtime was not nvidia before, now it is and the error stays",
                                  "Every container fails to start, with or without the nvidia runtime:"])
def test_the_runtime_asked_about_or_no_longer_missing_is_no_missing_node(line: str) -> None:
    assert "nodes-missing-words" not in ids(JETSON_35 + "\n" + line)


@pytest.mark.parametrize(("line", "missing"), [
    ("the render group is missing in the container, so the user cannot open /dev/dri/renderD128", False),
    ("the user is missing in the container's /etc/passwd", False),
    ("/dev/nvmap is missing from the container", True),
    ("the GPU devices are missing inside the container", True),
])
def test_only_a_node_said_missing_in_the_container_is_a_missing_node(line: str, missing: bool) -> None:
    """A group or a user missing in the container is the image's accounts, not the GPU's node missing there."""
    assert ("nodes-missing-words" in ids(JETSON_36 + "\n" + line)) is missing


@pytest.mark.parametrize("line", ["But I have a TK1 with android flashed on it", "Jetson TX2i on a carrier"])
def test_the_oldest_modules_by_their_bare_names_are_jetsons(line: str) -> None:
    assert read(line).observed.jetson


@pytest.mark.parametrize(("line", "model"), [("Orin AGX 32GB (R36.4.0): fails as a user", "Orin AGX 32GB"),
                                             ("our Xavier AGX devkit", "Xavier AGX devkit"),
                                             ("a TX2 NX on a carrier", "TX2 NX")])
def test_a_module_named_in_either_word_order_is_the_model(line: str, model: str) -> None:
    assert (read(line).observed.model or "").startswith(model)


@pytest.mark.parametrize(("line", "model"), [
    ("i'm using a Jetson Xavier AGX with Jetpack 4.3 and TensorRT 6.0.", "Jetson Xavier AGX"),
    ("I am trying to encode h264 on Jetson Orin Nano running 35.3.1 and Jetpack 5.1.1.", "Jetson Orin Nano"),
    ("Jetson AGX Orin 64GB and an Orin Nano on the same switch", "Jetson AGX Orin 64GB"),
    ("Model: NVIDIA Jetson Orin Nano Developer Kit", "NVIDIA Jetson Orin Nano Developer Kit"),
])
def test_a_model_named_in_a_sentence_ends_where_the_sentence_goes_on(line: str, model: str) -> None:
    assert read(line).observed.model == model


@pytest.mark.parametrize(("line", "l4t"), [("Orin AGX 32GB (R36.4.0): fails as a user", "36.4.0"),
                                           ("flashed R35.6.1 last week", "35.6.1"),
                                           ("docker run dustynv/l4t-pytorch:r36.4.0 python3", None),
                                           ("see ticket R36.4.0-beta", None)])
def test_a_release_named_by_itself_is_the_machine_s_and_an_image_tag_is_not(line: str, l4t: object) -> None:
    assert read(line).observed.l4t == l4t


def test_tensorflow_creating_the_gpu_device_is_the_gpu_working_and_its_info_lines_fail_nothing() -> None:
    text = ("Orin NX JP5.1.2\n2024-03-01 10:00:00.1: I tensorflow/compiler/xla/stream_executor/cuda/cuda_gpu_executor.cc:"
            "981] could not open file to read NUMA node: /sys/bus/pci/devices/0000:00:00.0/numa_node\n"
            "2024-03-01 10:00:00.2: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1639] Created device "
            "/job:localhost/replica:0/task:0/device:GPU:0 with 10240 MB memory:  -> device: 0, name: Orin\n")
    assert "gpu-works-words" in ids(text) and read_cause(text).cause.id == "not-gpu-access"
    from jetson_gpu_access.explain import find_failure
    assert find_failure(text.rsplit("\n", 2)[0]) is None
    assert find_failure("W tensorflow/x.cc:1] could not open file libcudart.so") is not None  # a warning still counts


@pytest.mark.parametrize("line", [
    'PS C:\\Users\\me> ssh nvidia@orin.local "docker exec -u 1000 ros ls -l /dev/dri/renderD128"',
    "ssh ubuntu@192.168.55.1   # from my x86_64 laptop",
    "k80:\n  cuInit(0) = 801",
])
def test_a_client_s_prompt_before_ssh_or_a_key_that_looks_like_a_gpu_names_no_pc(line: str) -> None:
    assert read(line).observed.x86 == ()
    assert read("PS C:\\Users\\me> python train.py").observed.x86 != ()  # the same prompt running the program is a PC


@pytest.mark.parametrize("line", [
    "I found this link: https://forums.developer.nvidia.com/t/jetpack-4-3-mesa-loader-failed-to-open-swrast/111199",
    "like https://stackoverflow.com/questions/64256/cuda-in-docker-on-windows-wsl2-with-a-geforce-rtx-3090 says",
    "MESA-LOADER: failed to open swrast (search paths /usr/lib/aarch64-linux-gnu/dri)",
])
def test_a_pc_word_inside_a_link_to_a_discussion_or_mesa_on_an_arm_machine_names_no_pc(line: str) -> None:
    """A forum thread's or an issue's address names that thread's words, not this machine; Mesa loading from an arm
    library path is an arm machine's (a Jetson's remote display uses it too)."""
    assert read(line).observed.x86 == ()
    assert read("wget https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2204/x86_64/cuda-keyring.deb"
                ).observed.x86 != ()  # a download for the machine is the machine's
    # nor does a Jetson's name in such a link name a Jetson
    linked = "same as https://forums.developer.nvidia.com/t/jetson-nano-jetpack-4-6-libgl-error-swrast/200431 says"
    assert read(linked).observed.jetson == ()


@pytest.mark.parametrize("trace", ["+ exec gosu app python3 serve.py", "exec su-exec app ./serve", "+ su - app -c ./serve",
                                   "root@5e6f7a8b9c0d:/# useradd -m -G video app && su app -c ./serve",
                                   "# cd /opt/app; exec gosu app ./serve"])
def test_a_privilege_drop_in_an_entrypoint_s_trace_is_a_login_path(trace: str) -> None:
    """An entrypoint's `set -x` shows its drop to the user: with toolkit 1.19.1 the GIDs reach the main process only."""
    text = ("Thor, JP7.0, nvidia-container-toolkit 1.19.1\n$ docker run --rm --runtime nvidia acme/app\n" + trace +
            "\nNvRmMemInitNvmap failed: error Permission denied\n")
    result = read_cause(text)
    assert result.observed.logins and result.cause.id == "login-drops-runtime-groups"


def test_the_jetpack_meta_package_and_nvidia_smi_s_orin_name_show_a_jetson() -> None:
    listed = read("ii  nvidia-jetpack   6.1+b123   arm64   NVIDIA Jetpack Meta Package").observed
    assert listed.jetpack_stated == "6.1"
    smi = read("|   0  Orin (nvgpu)                  N/A  | N/A              N/A |                  N/A |").observed
    assert smi.model == "Orin" and any(s.kind == "model" for s in smi.jetson)


def test_cuda_said_available_through_exec_and_not_over_ssh_is_the_login_path() -> None:
    text = JETSON_36 + "\ntorch.cuda.is_available() is True through docker exec but False over SSH into the container"
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


def test_cuda_shown_available_through_exec_and_not_through_ssh_is_the_login_path() -> None:
    """The same check printed True through docker exec and False through an SSH login into the container."""
    text = (JETSON_36 + "\n$ docker exec vlm python3 -c \"import torch;print(torch.cuda.is_available())\"\nTrue\n"
            "$ ssh -p 2200 dev@localhost python3 -c \"'import torch;print(torch.cuda.is_available())'\"\nFalse\n")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"
    both_exec = text.replace("ssh -p 2200 dev@localhost", "docker exec vlm")
    assert read_cause(both_exec).cause.id != "login-drops-runtime-groups"


# A shell command for each switch of data/privilege_drops.json that loses the runtime GIDs (fact sheet A.3).
LOSING_SWITCHES = {"su": "su - app -c", "runuser": "runuser -l app -c", "sudo": "sudo -u app", "login": "login -f app",
                   "gosu": "gosu app", "gosu-group": "gosu app:app", "su-exec": "su-exec app", "su-exec-group": "su-exec app:app",
                   "setpriv-init": "setpriv --reuid=app --regid=app --init-groups",
                   "setpriv-clear": "setpriv --reuid=app --regid=app --clear-groups", "s6-setuidgid": "s6-setuidgid app",
                   "s6-setuidgid-ids": "s6-setuidgid 1000:1000", "setuidgid": "setuidgid app"}


def test_every_switch_that_loses_the_runtime_gids_has_a_command_here() -> None:
    rows = data.load("privilege_drops")["paths"]
    assert set(LOSING_SWITCHES) == {r["id"] for r in rows if r["command"] and r["groups"] != "keeps"}


@pytest.mark.parametrize("command", sorted(LOSING_SWITCHES.values()) + [
    "setpriv --reuid=app --regid=app --keep-groups ./run --init-groups", "setpriv --reuid app --regid app --clear-groups",
    "sudo -g video -u app", "gosu \"$APP_USER\" ./run"])
def test_a_switch_s_command_is_one_row_s(command: str) -> None:
    """The rows' commands exclude each other (data/privilege_drops.json `about`): a program's arguments after the switch
    are never read as the switch's own options."""
    rows = [r["id"] for r in data.load("privilege_drops")["paths"] if r["command"] and re.match(r["command"], command)]
    assert len(rows) == 1, rows


@pytest.mark.parametrize("user", ['"app"', "'app'", '"$APP_USER"'])
def test_a_quoted_user_after_su_is_a_switch(user: str) -> None:
    check = "python3 -c \"import torch;print(torch.cuda.is_available())\""
    text = (JETSON_36 + "\n$ docker exec vlm " + check + "\nTrue\nroot@4f2a9c:/# su " + user + " -c " + check + "\nFalse\n")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("row", sorted(LOSING_SWITCHES))
def test_cuda_shown_available_through_exec_and_not_after_any_switch_is_the_login_path(row: str) -> None:
    """The check printed True through docker exec and False after a switch at the container's root prompt."""
    check = "python3 -c \"import torch;print(torch.cuda.is_available())\""
    text = (JETSON_36 + "\n$ docker exec vlm " + check + "\nTrue\nroot@4f2a9c:/# " + LOSING_SWITCHES[row] + " " + check
            + "\nFalse\n")
    assert read_cause(text).cause.id == "login-drops-runtime-groups", row
    kept = text.replace(LOSING_SWITCHES[row], "setpriv --reuid=app --regid=app --keep-groups")
    assert read_cause(kept).cause.id != "login-drops-runtime-groups"


@pytest.mark.parametrize("said", ["the container is started with `--group-add 993`, but users log in with `su - dev`:",
                                  'compose has group_add: ["993"], but our devs SSH into the container:'])
def test_a_group_add_said_in_prose_beside_a_login_is_the_login_path(said: str) -> None:
    text = (JETSON_36 + "\n" + said + "\n$ ssh -p 2222 dev@orin-07\n$ id\nuid=1000(dev) gid=1000(dev) groups=1000(dev),"
            "44(video)\nRuntimeError: CUDA error: operation not supported\n")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


# ---- the families' other wordings ----

@pytest.mark.parametrize(("line", "family"), [
    ("[BUG] /dev/dri/renderD128 device didn't have a corresponding group in the container", "gpu-group-missing"),
    ("The device /dev/dri/renderD129 has no matching group in the image", "gpu-group-missing"),
    ('RuntimeError: NVML_SUCCESS == r INTERNAL ASSERT FAILED at "/opt/pytorch/c10/cuda/CUDACachingAllocator.cpp":841, '
     "please report a bug to PyTorch.", "out-of-memory"),
    ("the app reports **PyTorch `2.9.1+cpu`** and no CUDA", "cpu-only-build"),
    ("PyTorch version: 2.0.0+cpu", "cpu-only-build"),  # python -m torch.utils.collect_env
    ("the installer produced a **CPU-only** `llama-server`", "cpu-only-build"),
    ("`nvidia-smi --query-gpu=memory.total --format=csv,noheader` prints `[N/A]` here", "smi-memory-unreported"),
    ("$ llama-server --list-devices\nAvailable devices:\n# (empty)", "cpu-only-build"),
    # an NVIDIA library's API the code was written for is not in the version installed (CUDA's runtime API itself
    # undeclared is most often its header not included: tests/data/explain_attacks.yaml, api-missing-include)
    ("app.cpp:68:5: error: 'vpiImageCreateWrapper' was not declared in this scope", "versions-mismatched"),
    ("main.cpp:12:20: error: 'buildCudaEngine' is not a member of 'nvinfer1::IBuilder'", "versions-mismatched"),
    ("src/x.cu:9:3: error: use of undeclared identifier 'cudnnGetConvolutionForwardAlgorithm'", "versions-mismatched"),
    ("UserWarning: Specified provider 'CUDAExecutionProvider' is not in available provider names.Available providers: "
     "'AzureExecutionProvider, CPUExecutionProvider'", "cpu-only-build"),
    ("llama-server --list-devices prints `Available devices: (none)`", "cpu-only-build"),
    ("so `command -v nvcc` returns false and `ENABLE_GGML_CUDA` defaults to `OFF`", "cpu-only-build"),
    ('$ python3 -c "import torch; print(torch.__version__, torch.version.cuda, torch.cuda.is_available())"\n'
     "2.5.1 None False", "cpu-only-build"),
    (">>> print(torch.version.cuda)\nNone", "cpu-only-build"),
    ("I found that my Tensorflow had been without GPU or CUDA support, just XLA support.", "cpu-only-build"),
    ("the torch that pip installed is without CUDA", "cpu-only-build"),
    (">>> print(tf.test.is_built_with_cuda())\nFalse", "cpu-only-build"),
    ("安装成功，但是发现pytorch版本还是cpu", "cpu-only-build"),
    ('Error: CUDA provider registration failed: msg: "CUDA execution provider is not enabled in this build."',
     "cpu-only-build"),
    # an NVSwitch server's fabric manager of another version than the driver's
    ("nv-fabricmanager[3228]: fabric manager NVIDIA GPU driver interface version 530.30.02 don't match with driver "
     "version 530.41.03. Please update with matching NVIDIA driver package.", "fabric-manager-failed"),
    ("systemd[1]: nvidia-fabricmanager.service: Failed with result 'exit-code'.", "fabric-manager-failed"),
    # another accelerator's nodes: an Ascend NPU's listed, a Hailo's refused
    ("crw-rw---- 1 1000 1000 ... /dev/davinci3", "other-device"),
    ("Failed to open /dev/hailo0: Permission denied", "other-device"),
    # the engine refusing a name: an image reference it cannot parse, a container that does not exist or is in use
    ("docker: invalid reference format.", "engine-name-refused"),
    ("Error response from daemon: No such container: jetbot_camera", "engine-name-refused"),
    ('docker: Error response from daemon: Conflict. The container name "/jetbot_jupyter" is already in use by container '
     '"1083206b938b".', "engine-name-refused"),
    # a renderer (Vulkan, EGL) that finds no device of the GPU: SAPIEN, svulkan2, Magnum's windowless EGL
    ("RuntimeError: Cannot find a suitable rendering device", "renderer-device-missing"),
    ("[svulkan2] [error] Some required Vulkan extension is not present. You may not use the renderer to render, however, "
     "CPU resources will be still available.", "renderer-device-missing"),
    ("Platform::WindowlessEglApplication::tryCreateContext(): unable to find CUDA device 0 among 6 EGL devices in total",
     "renderer-device-missing"),
    # the cuDNN loaded older than the one a framework was built for, as XLA (TensorFlow's, JAX's) checks it at start-up
    ("E external/xla/xla/stream_executor/cuda/cuda_dnn.cc:417] Loaded runtime CuDNN library: 8.3.2 but source was "
     "compiled with: 8.8.0.  CuDNN library needs to have matching major version", "cudnn-older-than-built"),
    ("E   Outdated cuDNN installation found.", "cudnn-older-than-built"),
    # LightGBM's learner left out of the build, and the option that puts it in (its CMake's USE_CUDA and USE_GPU)
    ("[LightGBM] [Fatal] CUDA Tree Learner was not enabled in this build.", "cpu-only-build"),
    ("Please recompile with CMake option -DUSE_GPU=1", "cpu-only-build"),
    # PyTorch's dispatcher has no CUDA kernel for an operator: a libtorch, torchvision or extension built without CUDA
    ("RuntimeError: Could not run 'aten::empty_strided' with arguments from the 'CUDA' backend. This could be because "
     "the operator doesn't exist for this backend", "cpu-only-build"),
    ("NotImplementedError: Could not run 'torchvision::nms' with arguments from the 'CUDA' backend.", "cpu-only-build"),
    ("This is on a machine without actual CUDA GPU.", "no-gpu-words"),
    ("the laptop has no dedicated NVIDIA GPU", "no-gpu-words"),
    ("I need to shift my code to a cloud VM (no gpu) when I run it", "no-gpu-words"),
    ("How to run it only on cpu? I need to run it on an environment of no gpu", "no-gpu-words"),
    ("4. See that `nvidia-uvm` is not loaded:", "nvidia-module-failed"),
    ("the nvidia_uvm module isn't loaded after boot", "nvidia-module-failed"),
    ("Downgrading to `libnvidia-container-1.17.6-1  nvidia-container-toolkit-1.17.6-1` solved the issue.",
     "downgrade-fixes"),
    ("Downgrading to nvidia-container-toolkit 1.17.6 solved the issue.", "downgrade-fixes"),
    ("ERROR: LoadError: Could not find CUDA driver library", "cuda-library-missing"),
    ("CUDA driver library not found (libcuda.so)", "cuda-library-missing"),
    ("I suppose the issue is caused by mismatch of CUDA arch.", "cuda-build-words"),
    ("If something like `sm_87` is missing, please rebuild with CMAKE_CUDA_ARCHITECTURES=87", "cuda-build-words"),
    ("the wheel was compiled without the Orin's CUDA architecture", "cuda-build-words"),
    ("the driver answers `NVML_ERROR_NOT_SUPPORTED` for `nvmlDeviceGetMemoryInfo`", "smi-memory-unreported"),
    ("and `nvidia-smi` prints `[N/A]` for `memory.total`", "smi-memory-unreported"),
    ("okay, I'm finding leads here, jetson nano does not have nvidia-smi", "smi-memory-unreported"),
    ("Jetsons do not use nvidia-smi, hence inaccurate gpu count, 0 instead of one.", "smi-memory-unreported"),
    ("as you may know that nvidia-smi is not work on nvidia orin, so the service would crash", "smi-memory-unreported"),
    ("nvidia-smi doesn't work properly on a Jetson Xavier", "smi-memory-unreported"),
    ("`tether doctor`'s hardware-compat check gated every probe on `nvidia-smi`", "smi-memory-unreported"),
    ("warn: no CUDA detected; ORT=1.30.0, no nvidia-smi (CPU-only or non-Linux)", "gpu-not-detected"),
    ("Eval bug: hardcoded 32GB VMM pool reservation (cuMemAddressReserve) fails on the iGPU", "out-of-memory"),
    ("When building the OSS components, it shows a permission denied error", "other-permission"),
    ("Kubernetes-generated inference pods miss NVIDIA runtime injection (`libcuda.so.1` unavailable)", "nodes-missing-words"),
    ("the NVIDIA runtime injection never happens for these pods", "nodes-missing-words"),
    ("`torch.cuda.is_available()` always shows False", "cuda-unavailable"),
    ("During build process PyTorch is not detecting CUDA", "gpu-not-detected"),
    ("        Error: No GPU device found!", "gpu-not-detected"),
    ("No CUDA-capable GPUs detected, running on the CPU", "gpu-not-detected"),
    ("no compatible GPU(s) found", "gpu-not-detected"),
    # versions said to differ between the machine it works on and this one
    ("It is true that  I'm not using the same CUDA and tensorrt version, but the one on the Nano", "versions-mismatched"),
    ("the Jetson is not running the same TensorRT version as the PC", "versions-mismatched"),
    ("we use different CUDA versions on the host and the Xavier", "versions-mismatched"),
    # a CUDA release found beside the one a build or an installer requires (CMake's FindCUDA, an SDK's installer)
    ('Could NOT find CUDA: Found unsuitable version "9.0", but required is exact version "8" (found /usr/local/cuda-9.0)',
     "cuda-build-words"),
    ("ERROR : Found CUDA 10.1 but the ZED SDK requires 10.0", "cuda-build-words"),
    # GLX itself missing from the display: no GPU driver's GL reached the program
    ("initial window could not find the GLX extension", "gl-software-fallback"),
    ("intern/ghost/intern/GHOST_WindowX11.cpp:206: X11 glXChooseVisual() failed, verify working openGL system!",
     "gl-software-fallback"),
    ('Xlib:  extension "GLX" missing on display ":99".', "gl-software-fallback"),
    # Mesa's Vulkan driver (lavapipe, or another maker's) asked to present on an X server without DRI3 (NVIDIA's): the
    # loader took Mesa's device, not NVIDIA's (isaac-sim/IsaacGymEnvs#126)
    ("vulkan: No DRI3 support detected - required for presentation", "gl-software-fallback"),
    # a machine said to have no NVIDIA GPU, in passing
    ("I'm running the flatpak app on an Intel laptop with only an integrated GPU (no NVIDIA GPU!).", "no-gpu-words"),
    ("the CI runner has only an Intel UHD GPU", "no-gpu-words"),
    ("Desktop with an Intel Arc A770, Ubuntu 24.04, no NVIDIA card.", "no-gpu-words"),
    ("the laptop has only an Intel Arc GPU", "no-gpu-words"),
    ("실행하면 메모리가 부족합니다", "out-of-memory"),
    ("nvmlInit failed: NVML_ERROR_DRIVER_NOT_LOADED", "nvml-driver"),
    # (XLA's check of the loaded kernel module against the user-space driver library)
    ("kernel version 515.48.7 does not match DSO version 510.73.5 -- cannot find working devices in this configuration",
     "nvml-driver"),
    ("ERROR - XNVCtrl failed: XOpenDisplay failed; is $DISPLAY set?", "egl-display"),
    ("[2023-10-30 21:39:48][88182.572573] NVENC - Couldn't create encoding session: 15", "cuda-35"),
    # (the driver's own package failing to build its module, and a driver that dropped the card to a legacy branch)
    ("dpkg: error processing package nvidia-dkms-465 (--configure):", "nvidia-module-failed"),
    ("[Sun May 17 15:55:50 2026] NVRM: The NVIDIA NVIDIA GeForce GTX 1050 GPU installed in this system is\n"
     "                           NVRM:  supported through the NVIDIA 580.xx Legacy drivers. Please", "driver-drops-card"),
    ('jetson xavier nx 出现 "no kernel image"问题', "cuda-209"),  # (CUDA's error named in quotes)
    ("now model.cuda() dies with `no kernel image` every time", "cuda-209"),
    ("model.cuda() падает с ошибкой «no kernel image»", "cuda-209"),
    ("在 Jetson Nano 上自己编译的 OpenCV 4.8，编译出来的是 CPU 版本", "cpu-only-build"),
    ("The container's nvidia-smi lists no process at all, though 10 GB are in use", "smi-no-processes"),
    ("nvidia-smi inside the pod shows 14 GiB used on the A100 but no PIDs in the process list", "smi-no-processes"),
    ("容器里面用 nvidia-smi 查不到进程 PID，显存占用是正常的", "smi-no-processes"),
    ("- **GPU**: none (software encoding)\nCannot load libcuda.so.1", "no-gpu-words"),
    ("上周尝试从源码编译，编译成功后引入发现不支持cuda", "cpu-only-build"),
    ("nvidia-smi 在容器中，无法获得使用率和processes的进程信息。", "smi-no-processes"),
    ("Inside the container nvidia-smi shows no processes, but training runs on the GPU", "smi-no-processes"),
    ("[WARNING] No nvidia-driver found. CPU will be used.", "gpu-not-detected"),
    ("error: [jim-nvenc] Current driver version does not support this NVENC version, please upgrade your driver", "cuda-35"),
    ("error: [NVENC] nvEncOpenEncodeSessionEx failed: 15 (NV_ENC_ERR_INVALID_VERSION)", "cuda-35"),
    ("thread '<unnamed>' panicked at 'Unable to request adapter: NotFound', src\\device.rs:49:10", "vulkan-no-driver"),
    ("error: Uncaught (in promise) Error: could not request an adapter", "vulkan-no-driver"),
    ("Docker Build: CUDA not supported by the Torch installed!", "cpu-only-build"),
    ("Driver does not support the required nvenc API version. Required: 13.0 Found: 12.1", "cuda-35"),
    ("error: (-216:No CUDA support) OpenCV was not built to work with the selected device. Please check CUDA_ARCH_PTX",
     "cuda-209"),
    # out of memory said in Chinese, Japanese and Korean
    ("但使用tensorrt加速时就会提示gpu memory不足", "out-of-memory"),
    ("推理时显存不够，程序退出", "out-of-memory"),
    ("モデル読み込み時にメモリ不足で落ちます", "out-of-memory"),
    ("실행하면 메모리 부족 오류가 납니다", "out-of-memory"),
    # a build that cannot find an NVIDIA library the code expects (nvbuf_utils is gone from JetPack 5.1.2 on)
    ('LIB_NVBUF\n    linked by target "nvmpi" in directory /src/jetson-ffmpeg', "versions-mismatched"),
    ('  Could not find a package configuration file provided by "vpi" with any of', "versions-mismatched"),
    # the engine said in words not to know NVIDIA's runtime
    ("docker no longer recognizes the `nvidia` runtime without some additional configuration.", "no-gpu-runtime"),
    ("the nvidia runtime is not registered with docker on these builds", "no-gpu-runtime"),
    # torchvision's compiled operators missing: a torchvision built for another torch, or without its C++ ops
    ("RuntimeError: No such operator torchvision::nms", "versions-mismatched"),
    ("RuntimeError: operator torchvision::nms does not exist", "versions-mismatched"),
    # a monitor asking NVML for a reading a GPU that shares the system's memory does not give
    ("[Crystools ERROR] Could not get GPU utilization.Not Supported", "smi-memory-unreported"),
    ("failed to query GPU utilisation: Not Supported", "smi-memory-unreported"),
    # cuDNN 9 loading its sub-libraries; a progress line's clock glued to the message
    ("Unable to load any of {libcudnn_ops.so.9.1.0, libcudnn_ops.so.9.1, libcudnn_ops.so.9, libcudnn_ops.so}",
     "cuda-library-missing"),
    ("\u2834 Transcribing... 0:00:00Could not locate cudnn_ops64_9.dll. Please make sure it is in your library path!",
     "cuda-library-missing"),
    # a kernel's address-space instruction on memory of another space: not 801's "operation not supported"
    ("Cuda failure: operation not supported on global/shared address space at line 286 in file pointpillar.cpp error "
     "status: 717", "cuda-717"),
    # Ollama's log of cuInit's CUDA_ERROR_NO_DEVICE, in its older structured form and its newer sentence
    ('time=2024-09-17T15:04:08.215Z level=INFO source=gpu.go:560 msg="no nvidia devices detected" '
     'library=/usr/lib/x86_64-linux-gnu/libcuda.so.550.107.02', "cuda-100"),
    ('level=INFO source=gpu.go:621 msg="no nvidia devices detected by library /usr/lib/x86_64-linux-gnu/libcuda.so.1"',
     "cuda-100"),
    # a node's GPU count in Kubernetes fallen to none
    ('"alpha.kubernetes.io/nvidia-gpu" in "Capacity" and "Allocatable" of the agent node changed to 0 after a restart',
     "gpu-unschedulable"),
    ("nvidia.com/gpu on node gpu-3 dropped to 0 after the driver update", "gpu-unschedulable"),
    # an FFmpeg built without NVIDIA's encoders and decoders (and its old names, and PyAV's words for it)
    ("[vost#0:0 @ 0x5633e0c8e2c0] Unknown encoder 'h264_nvenc'", "video-codec-not-built"),
    ("Unknown decoder 'hevc_cuvid'", "video-codec-not-built"),
    ("Unknown encoder 'nvenc_hevc'", "video-codec-not-built"),
    ("av.codec.codec.UnknownCodecError: h264_nvenc", "video-codec-not-built"),
    # DeepSpeed's extension builder finding no CUDA toolkit to compile with
    ("AssertionError: CUDA_HOME does not exist, unable to compile CUDA op(s)", "build-error"),
    # XLA's device allocator refusing a request: JAX out of the GPU's memory
    ("Original error: RESOURCE_EXHAUSTED: Failed to allocate request for 176.00MiB (184549376B) on device ordinal 0",
     "out-of-memory"),
    # a printf's width before the number (CP2K's offload library), by as many blanks as it likes
    ("ERROR: cuInit failed with error:  34 /src/offload/offload_library.c 57", "cuda-34"),
    ("init: cudaSetDevice failed with error:   35", "cuda-35"),
])
def test_other_wordings_of_a_family_are_that_family(line: str, family: str) -> None:
    assert family in ids(line)


@pytest.mark.parametrize("line", ["our CI runner is without GPU, so the tests skip", "the build machine was without any GPU"])
def test_a_machine_without_a_gpu_is_no_cpu_only_build(line: str) -> None:
    assert "cpu-only-build" not in ids(line)


@pytest.mark.parametrize("line", ["backend: cpu-offload enabled for layers 30-32", "Available devices: CUDA0 (Orin)",
                                  ">>> print(torch.version.cuda)\n12.6",
                                  "CUDA arch: sm_87 (Orin)", "built for sm_87 and sm_72",
                                  "so I switched config.yaml to `backend: cpu` for now",  # a setting, of any component
                                  "GGML_CUDA=ON", "NVML_SUCCESS == r", "cuMemAddressReserve succeeded",
                                  "building the image: open /dev/dri/renderD128: permission denied",
                                  "内存充足，显存也够用",
                                  "we use the same CUDA and TensorRT versions on the host and the Xavier",
                                  "not the same CUDA device as before", "I also tried different TensorRT versions",
                                  "这不是显存不足的问题"])
def test_near_wordings_are_not_those_families(line: str) -> None:
    assert not {"cpu-only-build", "out-of-memory", "other-permission", "versions-mismatched"} & set(ids(line))


@pytest.mark.parametrize("line", ["if nvidia_uvm is not loaded, run modprobe nvidia_uvm", "the nvidia-uvm module is loaded",
                                  "CUDA execution provider is enabled in this build",
                                  "GPU acceleration of the preview is not supported in this build",
                                  "The board has no dedicated GPU memory (it shares RAM)",
                                  "Downgrading to a newer kernel did not help either",
                                  "a machine without actual problems", "fixed it by downgrading to glibc-2.40-1",
                                  "the Orin has only an integrated GPU (no discrete card)",
                                  "Inside docker it fails (no NVIDIA GPU inside the container):",
                                  "Settings > About shows only Intel UHD Graphics now",
                                  "No NVIDIA GPU found, falling back to CPU",
                                  "a Jetson has only an integrated GPU, so nvidia-smi shows little",
                                  "I tried downgrading to nvidia-container-toolkit "
                                  "1.17.6 but it still fails",
                                  # a version a workflow holds the reporter to: no change that fixed anything
                                  "Unfortunately I am pinned down to CUDA 12.4 / pytorch 2.6.0 by an existing workflow.",
                                  "we are pinned to torch 2.1 by the cluster's image",
                                  "Our fleet, pinned to JetPack 5.1.2 by the carrier board vendor, runs the service",
                                  "the nodes are pinned to driver 470 by the admins, so I'm pinned to cuda 11.4 too",
                                  # a state, and versions someone holds the reporter to
                                  "in our image cuda was pinned to 11.4",
                                  "JetPack pinned to 5.1.2 by the OEM", "torch was pinned to 2.0.1 by our sysadmin",

                                  # an operator no build has a CUDA kernel for: a sparse or quantized one
                                  "NotImplementedError: Could not run 'aten::as_strided' with arguments from the "
                                  "'SparseCUDA' backend.",
                                  "NotImplementedError: Could not run 'quantized::linear_dynamic' with arguments from "
                                  "the 'CUDA' backend.",
                                  # a reason a program offers as one of several (JAX's when it finds no GPU)
                                  "ERROR: Jax could not find GPU. This can be either because your machine doesn't have a "
                                  "GPU"])
def test_near_wordings_of_the_module_build_downgrade_and_no_gpu_families(line: str) -> None:
    assert not {"cpu-only-build", "nvidia-module-failed", "downgrade-fixes", "no-gpu-words"} & set(ids(line))


@pytest.mark.parametrize("line", ["eth0: tx1 queue stalled", "CMAKE_CUDA_ARCHITECTURES=86", "TORCH_CUDA_ARCH_LIST=8.6",
                                  "arch=compute_75,code=sm_75"])
def test_a_pc_s_architecture_or_a_network_queue_names_no_jetson(line: str) -> None:
    assert not read(line).observed.jetson


def test_a_render_node_whose_group_the_container_lacks_is_the_render_node() -> None:
    text = "[BUG] /dev/dri/renderD128 device didn't have a corresponding group in the container\n"
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "render-node-denied"


@pytest.mark.parametrize(("said", "cause"), [
    ("I compiled inside a container (docker-nvidia) with cuda 10.2", "jetson-software-mismatch"),
    ("I compiled inside a container with the NVIDIA runtime, cuda 10.2", "jetson-software-mismatch"),
    ("I compiled inside a container, not with the NVIDIA runtime, cuda 10.2", "nodes-missing-in-container"),
])
def test_error_35_in_a_container_the_nvidia_runtime_started_is_the_versions(said: str, cause: str) -> None:
    """Error 35 in a container: with the NVIDIA runtime said to start it, the driver library was mounted, so the
    image's CUDA is newer than the release's driver (R32.2.1 is JetPack 4.2.2, whose CUDA is 10.0); without it, the
    library may not be there at all."""
    release = "# R32 (release), REVISION: 2.1, GCID: 16294929, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug 13 04:45:36 UTC 2019"
    text = release + "\n" + said + "\nroot@cec5af656a1e:/data# ./gpujpeg --device-list\nCannot get number of " \
        "CUDA devices: CUDA driver version is insufficient for CUDA runtime version.\n"
    assert read_cause(text).cause.id == cause


@pytest.mark.parametrize("line", ["upgrading the NVIDIA Container Toolkit solved my issue (1.13.5 to 1.17.3)",
                                  "After updating nvidia-container-toolkit to 1.17.3 it works again"])
def test_an_upgrade_of_the_toolkit_that_fixes_it_is_the_toolkit(line: str) -> None:
    assert "toolkit-state" in ids(line)
    text = "Unexpected error from cudaGetDeviceCount()\n" + line + "\nI fixed it by downgrading the driver from 560 to 551."
    assert read_cause(text).cause.id == "toolkit-band"


@pytest.mark.parametrize("line", ["updating nvidia-container-toolkit did not fix it", "I upgraded nvidia-docker2, still the "
                                  "same error"])
def test_an_upgrade_of_the_toolkit_that_did_not_help_is_no_toolkit_state(line: str) -> None:
    assert "toolkit-state" not in ids(line)


def test_a_driver_downgraded_by_its_branch_number_is_a_downgrade() -> None:
    assert "downgrade-fixes" in ids("I fixed it by downgrading the driver from 560 to 551")


@pytest.mark.parametrize("line", [
    "I pinned down the regression to the 1.17.4 toolkit release; rolling back to 1.17.3 fixes it.",
    # a regression narrowed down to a version of the GPU's stack, and pins that fixed it or that worked
    "I pinned down the regression to the nvidia-container-toolkit 1.17.0 update that apt pulled in on Monday",
    "Pinned nvidia-container-toolkit to 1.16.2 by the way, and that fixed it for now.",
    "Pinning the toolkit packages to 1.17.3 by an apt preference fixes the issue."])
def test_a_version_that_fixed_or_that_a_regression_was_narrowed_to_is_a_downgrade(line: str) -> None:
    assert "downgrade-fixes" in ids(line)


def test_an_error_the_reporter_got_rid_of_is_over() -> None:
    assert "cudnn-older-than-built" not in ids('Update: installing cudnn 8.9.7 from pip got rid of the "Outdated cuDNN '
                                               'installation found" error, thanks. Now a bigger batch fails.')


def test_a_reporter_s_own_guess_that_the_machine_has_no_gpu_is_said() -> None:
    assert "no-gpu-words" in ids("I guess it could be because my laptop doesn't have an NVIDIA GPU")


@pytest.mark.parametrize("system", [JETSON_36, "GPU id = 0 (AMD Radeon Graphics (RADV RENOIR))", ""])
def test_no_gpu_said_of_a_remote_session_on_the_host_is_the_seat(system: str) -> None:
    text = system + "\nI can't get Vulkan to recognize my GPU when running in a linux shell through SSH, Putty, etc.\n"
    assert read_cause(text).cause.id == "seat-acl-only"


@pytest.mark.parametrize("other", [
    "| NVIDIA-SMI 535.104   Driver Version: 535.104   CUDA Version: 12.2 |\n|   0  NVIDIA GeForce RTX 3090  Off |",
    "$ docker exec -it app bash",
])
def test_no_gpu_over_ssh_on_an_nvidia_pc_or_in_a_container_is_not_the_seat(other: str) -> None:
    text = other + "\nI can't get torch to recognize my GPU when running it through SSH\n"
    assert read_cause(text).cause.id != "seat-acl-only"


@pytest.mark.parametrize("line", [
    "ERROR: No matching distribution found for onnxruntime-gpu",
    "ERROR: No matching distribution found for tensorrt==8.6.1",
    "ERROR: Could not find a version that satisfies the requirement torch==2.1.0+cu121 (from versions: none)",
    "I get No matching distributions found for torch==1.10.0+cu113 when executing the Dockerfile",
    "./src/convolutional_layer.c:286:24: error: ‘CUDNN_CONVOLUTION_FWD_PREFER_FASTEST’ undeclared (first use in "
    "this function)",
])
def test_gpu_software_with_no_jetson_build_or_an_api_the_release_lacks_is_the_software(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line + "\n").cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "PackagesNotFoundError: The following packages are not available from current channels:\n\n  - cudatoolkit=11.8",
    "ResolvePackageNotFound:\n  - pytorch-cuda=12.1",
    "PackageNotFoundError: Packages missing in current channels:\n\n  - cudatoolkit 10.0*",  # conda 4.3's name
])
def test_conda_finding_no_package_is_a_package_not_found(text: str) -> None:
    result = read_cause(JETSON_36 + "\n" + text)
    assert "package-not-found" in [m.id for m in result.matches] and result.cause.id not in PERMISSION_CAUSES


def test_conda_4_3_finding_no_gpu_build_on_a_jetson_is_the_software() -> None:
    """conda 4.3 named its error PackageNotFoundError (one "Package"); Python's importlib has an error of that name too,
    which says no package's metadata was found and is not read so."""
    text = ("I tried to install faiss-gpu on my Jetson Xavier.\n`conda install faiss-gpu cudatoolkit=10.0 -c pytorch`\n"
            "PackageNotFoundError: The following packages are not available from current channels:\n - faiss-gpu\n"
            " - cudatoolkit=10.0\n")
    assert read_cause(text).cause.id == "jetson-software-mismatch"
    metadata = "importlib.metadata.PackageNotFoundError: No package metadata was found for bitsandbytes"
    assert "package-not-found" not in ids(metadata)


@pytest.mark.parametrize("line", [
    "E: Unable to locate package cuda-toolkit-10-2",  # an apt source, not a Python index's build
    "ERROR: No matching distribution found for flask==9.9",
    "clip.cpp:(.text+0x214f8): undefined reference to `ggml_backend_cuda_init'",  # a backend left out of the build
    "main.c:12:5: error: ‘foo_bar’ undeclared (first use in this function)",
])
def test_other_package_or_build_failures_stay_no_gpu_access(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line + "\n").cause.id != "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "| NVIDIA-SMI 526.98   Driver Version: 526.98   CUDA Version: 12.0 |\nnvidia-smi works within WSL after a local "
    "login, but when I connect via SSH the command nvidia-smi is not found.",
    "Welcome to Ubuntu 20.04 LTS (GNU/Linux 5.10.16.3-microsoft-standard-WSL2 x86_64)\n(base) ~ nvidia-smi\n"
    "zsh: command not found: nvidia-smi",
])
def test_wsl_has_no_seat_and_keeps_nvidia_smi_off_an_ssh_login_s_path(text: str) -> None:
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_nvml_s_driver_load_error_is_the_driver() -> None:
    assert "nvml-driver" in ids("Run nvidia-smi in the WSL tab. Observe the NVML Driver load error")


def test_llama_cpp_s_guess_at_a_cpu_only_build_is_no_cpu_only_build() -> None:
    """llama.cpp prints the guess whenever it finds no usable GPU, after CUDA's own start-up error too."""
    text = ("ggml_cuda_init: failed to initialize CUDA: system not yet initialized\n"
            "warning: no usable GPU found, --gpu-layers option will be ignored\n"
            "warning: one possible reason is that llama.cpp was compiled without GPU support\n")
    result = read_cause(text)
    assert "cpu-only-build" not in [m.id for m in result.matches] and "cuda-802" in [m.id for m in result.matches]
    assert result.cause.id == "x86-discrete-gpu"  # CUDA's own error outranks the program's "no usable GPU found"


@pytest.mark.parametrize("line", ['"USE_CUDA": "false"', "use_gpu: False", "python3 demo.py --no-cuda"])
def test_a_setting_that_turns_cuda_off_is_no_gpu_access(line: str) -> None:
    text = line + "\nprocessing is being done on the CPU, the face module does not support CUDA\n"
    assert "cuda-turned-off" in ids(text) and read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ['"USE_CUDA": "true"', "use_gpu: True  # false by default", "--no-cuda-graphs"])
def test_a_setting_that_keeps_cuda_on_is_not_one_that_turns_it_off(line: str) -> None:
    assert "cuda-turned-off" not in ids(line)


@pytest.mark.parametrize(("line", "family"), [
    ("[TRT]    unknown embedded device detected", "release-unsupported"),
    ("we used 2.19 because 2.20 required cuda 11 and it does not install on jetson nano", "cuda-build-words"),
    ("Jetson AGX Thor only supports CUDA 13, but the igpu image is still on CUDA 12.x", "cuda-build-words"),
])
def test_a_release_the_software_does_not_fit_in_other_words(line: str, family: str) -> None:
    assert family in ids(line)


@pytest.mark.parametrize(("line", "jetson"), [
    ("My CUDA version is 12.9.41 and my CUDA driver is 570.133.20.", False),
    ("$ detectnet /dev/video0", True), ("$ video-viewer csi://0", True), ("the imagenet dataset", None),
])
def test_a_desktop_driver_s_version_in_prose_is_a_pc_and_jetson_inference_s_tools_a_jetson(line: str, jetson: object) -> None:
    seen = read(line).observed
    if jetson is None:
        assert not seen.jetson and not seen.x86
    else:
        assert bool(seen.jetson) is jetson and bool(seen.x86) is not jetson


@pytest.mark.parametrize("words", [
    "deviceQuery works as root but fails as my user",
    "It works with sudo, but as my normal user pycuda says no CUDA device.",
    "torch.cuda.device_count() = 0 when run as my user, = 1 with sudo",
    "torch.cuda.is_available() returns False as my user, True with sudo",
])
def test_working_for_root_and_failing_for_the_user_in_either_order_is_a_denial(words: str) -> None:
    result = read_cause(JETSON_36 + "\n" + words)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id == "render-node-denied", result.cause


def test_working_for_root_and_for_the_user_is_no_denial() -> None:
    assert "denial-words" not in ids("it works as root and as my user too")


@pytest.mark.parametrize("words", [
    "CUDA 12.2 from the cuda-12-2 apt repo. Fails for my user and with sudo alike.",
    "torch.cuda.is_available() is False as my user, and with sudo too",
    "cuInit fails as a normal user or as root",
    "As my normal user, and as root, the GPU is not found.",
    "torch.cuda.is_available() is False as my user. Same with sudo.",
    "cuInit fails for my user; sudo doesn't help either.",
    "Both root and non-root users get CUDA error 999 from deviceQuery.",
    "Whether as a normal user or as root, TensorRT refuses the engine.",
    "CUDA fails with or without sudo.",
])
def test_failing_for_the_user_and_for_root_alike_is_no_denial(words: str) -> None:
    """Both failing is what no group explains: a failure said of root as well is not root working."""
    assert "denial-words" not in ids(JETSON_36 + "\n" + words)


@pytest.mark.parametrize("words", [
    "torch.cuda.is_available() is False for the normal user and for root True",
    "cuInit fails as my normal user and under sudo everything runs",
])
def test_root_named_after_the_user_with_its_success_is_still_a_denial(words: str) -> None:
    """Red team 92: "and for root True" is the contrast, not root failing too."""
    assert "denial-words" in ids(JETSON_36 + "\n" + words)


@pytest.mark.parametrize("words", ["torch.cuda.is_available() returns False. It only works when I run it as root.",
                                  "Running as root: True. Running as user jetson: False."])
def test_only_root_working_said_in_other_words_is_a_denial(words: str) -> None:
    assert "denial-words" in ids(JETSON_36 + "\n" + words)


@pytest.mark.parametrize("words", [
    "Inside the container as user `jovyan` torch.cuda.is_available() is False,\nbut with `sudo` it is True.",
    "torch.cuda.is_available() is False for me, but as `root` it is True.",
    "As *root* it works; without `sudo` torch.cuda.is_available() is False.",
])
def test_root_or_sudo_set_in_inline_code_is_root_s_side(words: str) -> None:
    """A reporter's Markdown sets the word in backticks or stars: the same contrast as the bare word."""
    result = read_cause("Xavier NX, JetPack 5.1.1.\n" + words)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id == "tegra-nodes-denied", result.cause


@pytest.mark.parametrize("words", [
    "As a non-root user torch.cuda.is_available() is False. As root it's True.",
    "As a non-root user torch.cuda.is_available() is False. Root works in both cases.",
    "Non-root: torch.cuda.is_available() -> False. Root: True.",
    "With sudo it returns True, without sudo torch.cuda.is_available() is False.",
    "torch.cuda.is_available() is False unless I run the container as root.",
    "cuInit returns 801 for my user. With sudo the same binary works.",
    "As my normal user, torch.cuda.is_available() is False.\nAs root it is True.",
    "sudo python3 test.py works, python3 test.py gives CUDA initialization failed and is_available False.",
    "The GPU is detected as root. As the ros user: torch.cuda.is_available() is False.",
])
def test_root_working_and_the_user_failing_in_sentences_of_their_own_is_a_denial(words: str) -> None:
    """The two sides of the contrast said apart (two sentences, two clauses, a label each): a sentence that says root
    works, beside one that says the check fails for a user or says nothing of who ran it."""
    result = read_cause(JETSON_36 + "\nJetson Orin NX, dustynv/l4t-pytorch:r36.4.0.\n" + words)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id == "render-node-denied", result.cause


@pytest.mark.parametrize("words", [
    "torch.cuda.is_available() is False. Setting the clocks works with sudo.",
    "torch.cuda.is_available() is False. Does it work as root?",
    "torch.cuda.is_available() is False, as root too.",
    "torch.cuda.is_available() is False. As root it is False as well.",
    "As root it works. As my user it works too.",
    "torch.cuda.is_available() is False. Installing packages works with sudo.",
    "If it works as root, then it's a permission problem, right",
    "Someone on the forum said that with sudo it returns True, without sudo False, but for me it is False both ways.",
    "Last year with sudo it returned True, without sudo False; now torch.cuda.is_available() is False for everyone.",
    "On my other Orin with sudo it returns True, without sudo False. On this one torch.cuda.is_available() is False.",
])
def test_root_and_a_failure_said_apart_without_a_contrast_are_no_denial(words: str) -> None:
    assert "denial-words" not in ids(JETSON_36 + "\n" + words)


def test_python_s_root_logger_is_no_root() -> None:
    """"WARNING:root:..." names the logger a message went to (logging's default), not the user that ran the program."""
    text = (JETSON_36 + "\n- PyTorch version: 2.7.1+cpu\n"
            "WARNING:root:No accelerated backend detected. Using default cpu, this will be slow.\n"
            "WARNING:lerobot.configs.policies:Device 'cuda' is not available. Switching to 'cpu'.")
    result = read_cause(text)
    assert "denial-words" not in [m.id for m in result.matches]
    assert result.cause.id == "jetson-software-mismatch", result.cause


def test_a_clock_setting_that_only_works_with_sudo_is_no_denial() -> None:
    assert "denial-words" not in ids("Setting the GPU clocks only works with sudo (jetson_clocks)")


@pytest.mark.parametrize("text", [
    '$ sudo python3 -c "import torch; print(torch.cuda.is_available())"\nTrue\n'
    '$ python3 -c "import torch; print(torch.cuda.is_available())"\nFalse',
    "sudo python3 test.py -> CUDA available\npython3 test.py -> CUDA not available",
])
def test_root_working_and_the_user_failing_shown_as_two_runs_is_a_denial(text: str) -> None:
    result = read_cause(JETSON_36 + "\n" + text)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id == "render-node-denied", result.cause


_RUN = '$ docker run --rm --runtime nvidia {}-v /dev:/dev myimg python3 -c "import torch;print(torch.cuda.is_available())"\n'
_WARNED = ("/usr/local/lib/python3.10/dist-packages/torch/cuda/__init__.py:129: UserWarning: CUDA initialization: CUDA "
           "driver initialization failed, you might not have a CUDA gpu.\n")


def test_a_launch_as_a_chosen_user_failing_beside_one_as_the_image_s_user_working_is_a_denial() -> None:
    text = _RUN.format("-u 1000 ") + _WARNED + "False\n" + _RUN.format("") + "True"
    result = read_cause(text)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id in PERMISSION_CAUSES, result.cause


def test_a_launch_that_works_once_it_adds_the_render_node_s_group_is_that_node_denied() -> None:
    text = ("$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Jan  5 10:00 /dev/dri/renderD128\n"
            "$ getent group render\nrender:x:993:\n" + _RUN.format("-u 1000 ") + _WARNED + "False\n"
            + _RUN.format("-u 1000 --group-add 993 ") + "True")
    assert read_cause(text).cause.id == "render-node-denied"


def test_root_and_a_user_said_before_arrows_are_a_denial() -> None:
    text = (JETSON_36 + "\nAs root: torch.cuda.is_available() -> True\n"
            "As user \"app\" (uid 1000): torch.cuda.is_available() -> False")
    assert read_cause(text).cause.id == "render-node-denied"


def test_two_launches_that_differ_in_no_user_or_group_are_no_contrast() -> None:
    text = _RUN.format("--gpus all ") + _WARNED + "False\n" + _RUN.format("") + "True"
    assert "denial-words" not in ids(JETSON_36 + "\n" + text)


def test_two_launches_of_other_images_or_runtimes_are_no_contrast_of_users() -> None:
    """What else differs may be the cause (a server image, a runtime without the GPU), whatever the user."""
    image = _RUN.format("-u 1000 ").replace("myimg", "nvcr.io/nvidia/pytorch:24.01-py3") + _WARNED + "False\n" \
        + _RUN.format("-u 1000 --group-add video ") + "True"
    runtime = _RUN.format("-u 1000 ").replace("--runtime nvidia", "--runtime runc") + _WARNED + "False\n" + _RUN.format("") \
        + "True"
    for text in (image, runtime):
        assert "denial-words" not in ids(JETSON_36 + "\n" + text), text


@pytest.mark.parametrize(("failing", "lacks_nodes"), [
    ("--runtime runc -u 1000 ", True),  # a runtime named that gives no GPU, whoever runs it
    ("-u 1000 ", False),  # no runtime named: the default may be NVIDIA's, and then the user is what differs
])
def test_a_launch_not_given_the_gpu_failing_where_one_given_it_works_lacks_the_nodes(failing: str, lacks_nodes: bool) -> None:
    run = '$ docker run --rm {}myimg python3 -c "import torch;print(torch.cuda.is_available())"\n'
    text = JETSON_36 + "\n" + run.format(failing) + _WARNED + "False\n" + run.format("--runtime nvidia ") + "True"
    result = read_cause(text)
    assert ("nodes-missing-words" in [m.id for m in result.matches]) is lacks_nodes
    assert (result.cause.id == "nodes-missing-in-container") is lacks_nodes, result.cause


def test_two_runs_of_the_same_user_are_no_root_contrast() -> None:
    text = ('$ python3 -c "import torch; print(torch.cuda.is_available())"\nFalse\n'
            '$ python3 -c "import torch; print(torch.cuda.is_available())"\nTrue')
    assert "denial-words" not in ids(JETSON_36 + "\n" + text)


@pytest.mark.parametrize("text", [
    "`www-data@60323fcdb204:/dev/dri$ ls -al\ncrw-rw---- 1 root   103 226, 128 Oct 24 16:40 renderD128`",
    "$ ls -l\ncrw-rw---- 1 root render 226, 128 Oct 24 16:40 renderD128",
])
def test_a_drm_node_listed_without_its_folder_is_in_dev_dri(text: str) -> None:
    """A prompt's folder is the listing's; a render node shown with no folder at all can only be /dev/dri's."""
    assert [n.path for n in read(text).observed.nodes] == ["/dev/dri/renderD128"]


def test_a_node_said_to_be_out_of_reach_in_words_is_a_failure() -> None:
    assert find_failure('application "memories" have no access to renderD128.') is not None


@pytest.mark.parametrize(("command", "root"), [
    ("sudo -i", True), ("sudo -u root python3 x.py", True), ("su -", True), ("su -c 'python3 x.py'", True),
    ("runuser -u 0 -- python3 x.py", True), ("ssh root@orin python3 x.py", True), ("sudo su -", True),
    ("su - dev -c 'python3 x.py'", False), ("sudo -iu app", False), ("sudo su - app", False), ("gosu app python3", False),
    ("ssh orin python3 x.py", False), ("sudo --user=app id", False), ("s6-setuidgid 1000:44 id", False),
    ("sudo -Eu root gosu app ./run", False), ("sudo -u '#0' ./run", True), ("ssh -p 2222 root@orin id", True),
    ("ssh -l root orin id", True), ("sudo -D/home/ubuntu ./run", True),
])
def test_a_switch_to_root_is_told_from_one_to_a_user(command: str, root: bool) -> None:
    assert switches_to_root(command) is root


@pytest.mark.parametrize("chain", ["useradd -m -G video ivan && su - ivan", "adduser --disabled-password ivan; su - ivan",
                                   "id ivan || useradd ivan && sudo -iu ivan"])
def test_a_root_prompt_that_hands_over_to_a_user_is_no_root_run(chain: str) -> None:
    """A root shell that ends its command by switching to a user hands the prompts after it to that user: the check
    that fails there is the user's, whatever language the words around it are in."""
    text = (JETSON_36 + "\nroot@agx:/# " + chain + "\nivan@agx:~$ python3 -c 'import torch; print(torch.cuda.is_available())'\n"
            "UserWarning: CUDA initialization: Error 801: operation not supported\nFalse\n"
            "ivan@agx:~$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root 993 226, 128 Mar  5 10:02 /dev/dri/renderD128")
    assert read_cause(text).cause.id == "render-node-denied"


@pytest.mark.parametrize("switch", ["sudo -u root", "sudo -i", "su root -c"])
def test_a_check_that_fails_after_a_switch_to_root_is_no_lost_group(switch: str) -> None:
    """Root needs no group: a False after `sudo -u root` beside a True through the engine is not a login's loss."""
    text = (JETSON_36 + "\n$ docker exec dev python3 -c 'import torch; print(torch.cuda.is_available())'\nTrue\n"
            "$ {} python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse".format(switch))
    assert read_cause(text).cause.id != "login-drops-runtime-groups"


# ---- a question of speed, memory or power; a table's N/A; a version said incompatible; TensorRT's start-up number ----

@pytest.mark.parametrize("line", [
    "I've followed the installation guide, but the running speed on the Jetson Nano is slowly, it's about 0.83 fps",
    "When i use torch_inference, it works but its too slow (4s per image for prediction).",
    "We find that the CPU RAM consumption is about 2.6G of memory",
    "It uses too much memory when the engine is built",
    "The goal is to run it with the lowest possible power consumption on the Orin Nano",
])
def test_a_question_of_speed_memory_or_power_is_no_access_problem(line: str) -> None:
    result = read_cause(JETSON_35 + "\n" + line)
    assert [m.id for m in result.matches] == ["performance-words"] and result.cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "[TensorRT] WARNING: Unable to determine GPU memory usage",
    "The problem is that it runs very slowly, and I think only on the CPU.",
])
def test_a_failure_or_a_cpu_said_beside_speed_words_is_not_a_question_of_speed(line: str) -> None:
    assert "performance-words" not in [m.id for m in read_cause(line).matches]


def test_nvidia_smi_s_table_on_an_orin_reports_no_memory_by_design() -> None:
    text = ("| NVIDIA-SMI 540.3.0                Driver Version: N/A          CUDA Version: 12.2     |\n"
            "|   0  Orin (nvgpu)                  N/A  | N/A              N/A |                  N/A |\n"
            "| N/A   N/A  N/A               N/A /  N/A | Not Supported        |     N/A          N/A |")
    result = read_cause(text)
    assert "smi-memory-unreported" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"


def test_an_incompatibility_between_versions_of_the_gpu_s_software_is_the_software() -> None:
    text = (JETSON_32 + "\nyolo_layer.h(38): error: not a class or struct name\n"
            "This looks like incompatibility of API between different versions of TensorRT.")
    result = read_cause(text)
    assert "versions-mismatched" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"
    assert "versions-mismatched" not in [m.id for m in read_cause("TensorRT 8.6 is not incompatible with it").matches]


@pytest.mark.parametrize("line", ["After analysis, I saw that the GPU was not being used at all.",
                                  "my GPU is not being used at all"])
def test_a_gpu_seen_unused_is_an_observation_not_cuda_saying_it_is_unavailable(line: str) -> None:
    """Seen unused, the GPU may be one the program never asks for (its own setting, a model left on the CPU): a
    program's word that it finds no CUDA names the build instead."""
    result = read_cause(JETSON_32 + "\n" + line)
    assert [m.id for m in result.matches] == ["gpu-not-detected"] and result.cause.id != "jetson-software-mismatch"


@pytest.mark.parametrize(("line", "family"), [
    ("[TRT] CUDA initialization failure with error: 35. Please check your CUDA installation", "cuda-35"),
    ("[TensorRT] ERROR: CUDA initialization failure with error 222", "cuda-222"),
])
def test_tensorrt_s_start_up_failure_names_cuda_s_number(line: str, family: str) -> None:
    assert family in [m.id for m in read_cause(line).matches]


def test_out_of_memory_while_cuda_starts_on_a_pc_is_the_pc_s_driver() -> None:
    text = (PC + "\n[TensorRT] INTERNAL ERROR: [runtime.cpp::isCudaInstalledCorrectly::41] Error Code 6: Internal Error "
            "(CUDA initialization failure with error 2. Please check your CUDA installation)")
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    assert read_cause(PC + "\nRuntimeError: CUDA error: out of memory").cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", [
    "Question before I try: if I start the container with `docker run --runtime nvidia -u 1000:1000 img` will it work?",
    "Could you try to launch the container with `sudo docker run -it --rm --runtime nvidia -u $(id -u):$(id -g) img`?",
    "> try starting it as `docker run --runtime nvidia -u 1000:1000 img`",
])
def test_a_launch_only_suggested_or_asked_about_is_not_the_one_that_ran(said: str) -> None:
    text = JETSON_36 + "\n" + said + "\nRuntimeError: CUDA error: operation not supported"
    result = read_cause(text)
    assert not result.observed.launches and result.cause.id != "uid-gid-launch", result.cause
    ran = read_cause(JETSON_36 + "\nI start it with `docker run --runtime nvidia -u 1000:1000 img`\n"
                     "RuntimeError: CUDA error: operation not supported")
    assert ran.cause.id == "uid-gid-launch"



def test_pytorch_s_driver_too_old_is_cuda_s_insufficient_driver() -> None:
    line = ("/usr/local/lib/python3.10/dist-packages/torch/cuda/__init__.py:124: UserWarning: CUDA initialization: The "
            "NVIDIA driver on your system is too old (found version 11000). Please update your GPU driver")
    result = read_cause(line)
    assert [m.id for m in result.matches] == ["cuda-35"] and result.cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["I couldn't build with CUDA enabled: nvcc fatal error",
                                  # a build against another CUDA release (red team 83)
                                  "my jaxlib isn't built with CUDA 12.3, it was built against 12.2:",
                                  "bitsandbytes wasn't compiled with CUDA 12.8"])
def test_a_build_that_failed_with_cuda_or_has_another_cuda_is_no_cpu_only_build(line: str) -> None:
    assert "cpu-only-build" not in ids(line)


@pytest.mark.parametrize("line", ["OutOfMemoryError: HIP out of memory. Tried to allocate 224.00 MiB. GPU",
                                  "RuntimeError: XPU out of memory. Tried to allocate 2.00 GiB"])
def test_another_vendor_s_gpu_out_of_memory_is_out_of_memory(line: str) -> None:
    """PyTorch says its ROCm (HIP) and Intel (XPU) builds ran out of memory as its CUDA build does."""
    result = read_cause(line)
    assert "out-of-memory" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["c++: internal compiler error: Killed (program cc1plus)",
                                  "c++: 致命错误：已杀死 signal terminated program cc1plus"])
def test_a_compiler_the_kernel_killed_is_out_of_memory(line: str) -> None:
    result = read_cause(JETSON_35 + "\n" + line)
    assert "out-of-memory" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"


def test_a_feature_a_program_does_not_support_is_no_version_of_the_gpu_s_software() -> None:
    line = "[2024-01-06 19:15:19.804] [mmdeploy] [error] [resize.cpp:84] unsupported interpolation method: bicubic"
    assert read_cause(JETSON_32 + "\n" + line).cause.id == "not-gpu-access"
    assert read_cause(JETSON_32 + "\nerror: this model is not supported on this GPU (sm_53)").cause.id \
        == "jetson-software-mismatch"


def test_a_package_list_beside_jetson_boards_named_as_the_devices_leaves_the_system_to_assume() -> None:
    """A fleet's paste: the boards that fail are named in words, and the package rows are a server's (a cluster's
    control plane): neither system is shown to be the one that fails."""
    text = ("On the tx2 and nano devices, pods cannot reach the GPU any more; the xavier devices still can.\n"
            "root@master:~# dpkg -l | grep nvidia\n"
            "ii  libnvidia-cfg1-470:amd64   470.141.03-0ubuntu0.18.04.1   amd64   NVIDIA binary OpenGL/GLX configuration library")
    result = read_cause(text)
    assert result.cause.id != "x86-discrete-gpu" or result.cause.assumption, result.cause
    assert shown_platform(explain("ii  libnvidia-cfg1-470:amd64   470.141.03   amd64   NVIDIA library").observed)[0] == "pc"


def test_an_insufficient_driver_in_a_container_said_to_be_a_version_mismatch_is_the_software() -> None:
    """In a container, 35 is most often the host's driver library missing (no NVIDIA runtime); said beside it, a
    mismatch of CUDA versions names the image's CUDA instead."""
    base = JETSON_32 + "\nlogs of the ml_api container:\nCUDA Error: CUDA driver version is insufficient for CUDA runtime version\n"
    assert read_cause(base).cause.id == "nodes-missing-in-container"
    said = base + "The issue appears to be a mismatch in CUDA versions between the driver and the installed runtime"
    assert read_cause(said).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["  CUDA-Fehler 801: Vorgang wird nicht unterstützt",
                                  "でもコンテナ内の sshd に ssh で入ると使えません（cuInit が 801 を返す）。",
                                  "关掉自动登录就又不行（cuInit 返回 801）。",
                                  "CUDA 오류 801"])
def test_cuda_s_801_said_in_another_language_is_801(line: str) -> None:
    assert ids(line) == ["cuda-801"]


def test_a_sentence_about_docker_run_in_another_language_is_no_launch() -> None:
    text = JETSON_36 + "\ndocker run に --group-add 993 を付けて起動し、docker exec で入ると CUDA が使えます。"
    assert not explain(text).observed.launches
    assert explain(JETSON_36 + "\ndocker run --group-add 993 myimg").observed.launches


def test_device_query_failing_for_the_user_and_passing_with_sudo_is_a_denial() -> None:
    text = ("dev@a1b2c3d4e5f6:/usr/local/cuda/samples/1_Utilities/deviceQuery$ ./deviceQuery\n./deviceQuery Starting...\n\n"
            " CUDA Device Query (Runtime API) version (CUDART static linking)\n\ncudaGetDeviceCount returned 3\n"
            "-> initialization error\nResult = FAIL\ndev@a1b2c3d4e5f6:~$ sudo ./deviceQuery | tail -2\n"
            "deviceQuery, CUDA Driver = CUDART, CUDA Driver Version = 12.6, CUDA Runtime Version = 12.6, NumDevs = 1\n"
            "Result = PASS")
    result = read_cause(text)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id in PERMISSION_CAUSES, result.cause
    both_fail = text.replace("Result = PASS", "Result = FAIL")
    assert "denial-words" not in ids(both_fail)


def test_a_tool_denied_the_gpu_s_clock_files_in_sysfs_is_no_access_problem() -> None:
    """nvpmodel and jetson_clocks write /sys as root; a user denied that file is not denied CUDA."""
    text = ("app@orin-nx:~$ nvpmodel -m 0\n"
            "NVPM ERROR: Error opening /sys/devices/platform/gpu.0/devfreq/17000000.gpu/min_freq: 13\n"
            "NVPM ERROR: Optimization failed.")
    result = read_cause(text)
    assert "other-permission" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", [
    "If I run `docker run --rm --runtime nvidia -u 1000:1000 img python3 app.py` I get:",
    "Not sure if it matters, but I start it with docker run --rm --runtime nvidia -u 1000:1000 img",
    "I could reproduce it with a minimal command: `docker run --rm --runtime nvidia -u 1000:1000 img`",
    "2. Try running `docker run --rm --runtime nvidia -u 1000:1000 img python3 app.py`",
])
def test_a_launch_reported_with_if_could_or_try_is_the_one_that_ran(said: str) -> None:
    text = JETSON_36 + "\n" + said + "\nRuntimeError: CUDA error: operation not supported"
    assert read_cause(text).cause.id == "uid-gid-launch"


def test_a_switch_the_session_s_own_id_shows_kept_the_added_group_is_no_lost_group() -> None:
    """The gosu ENTRYPOINT never ran (bypassed with --entrypoint): the pasted id holds the launch's 993."""
    text = ('ENTRYPOINT ["gosu", "app", "python3", "/srv/main.py"]\n'
            "$ docker run --rm -it --runtime nvidia --group-add 993 -u app --entrypoint /bin/bash img\n"
            'app@3f2a1b9c8d7e:/$ python3 -c "import torch; torch.cuda.init()"\n'
            "RuntimeError: CUDA error: operation not supported\n"
            "app@3f2a1b9c8d7e:/$ id\nuid=1000(app) gid=1000(app) groups=1000(app),44(video),993\n")
    assert read_cause(JETSON_36 + "\n" + text).cause.id != "login-drops-runtime-groups"
    lost = text.replace(",993\n", "\n")
    assert read_cause(JETSON_36 + "\n" + lost).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("text", [
    "This change ensures that the CUDA Compat Container path is set on orin-based systems. Without this, the CUDA Compat "
    "libraries for SBSA are (incorrectly) used in a container.",
    "Thor SBSA was classified as generic aarch64, so tests used --gpus all instead of --runtime=nvidia on the Jetson",
])
def test_the_server_cuda_stack_named_beside_a_jetson_shows_no_pc(text: str) -> None:
    """From JetPack 7 a Jetson runs the server (SBSA) CUDA stack: the word names no other machine."""
    assert shown_platform(explain(text).observed)[0] != "pc"


def test_a_node_root_on_the_host_fails_to_open_is_not_missing_from_a_container() -> None:
    text = ("root@jetson-agx-orin-devkit:~# journalctl -u nvargus-daemon --no-pager\n"
            "Apr 19 01:53:18 jetson-agx-orin-devkit nvargus-daemon[522]: Opening channel /dev/nvhost-vic failed\n"
            "Apr 19 01:53:18 jetson-agx-orin-devkit nvargus-daemon[522]: Couldn't create ddkvic Session: Cannot allocate memory")
    assert read_cause(text).cause.id != "nodes-missing-in-container"
    assert read_cause("Opening channel /dev/nvhost-nvdec failed").cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("text", [
    "Jetson AGX Orin, JetPack 6.0. docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.4.1 python3 app.py\n"
    "RuntimeError: CUDA error: operation not supported",
    "Jetson AGX Orin, JetPack 6.0.\n$ docker run --rm --runtime nvidia dustynv/l4t-pytorch:r35.4.1 python3 app.py\n"
    "RuntimeError: CUDA error: operation not supported",
])
def test_an_image_for_another_release_than_the_jetpack_named_is_the_software(text: str) -> None:
    assert read_cause(text).cause.id == "jetson-software-mismatch"
    same = text.replace("r35.4.1", "r36.4.0")
    assert read_cause(same).cause.id == "render-node-denied"


def test_801_while_memory_is_freed_is_an_operation_not_start_up() -> None:
    text = ("Jetson AGX Orin, JetPack 6.0, engine built on a Xavier:\n[TRT] [E] 1: [defaultAllocator.cpp::deallocate::61] "
            "Error Code 1: Cuda Runtime (operation not supported)\nThe engine plan file is generated on an incompatible "
            "device, expecting compute 8.7 got compute 7.2, please rebuild.")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize(("text", "cause"), [
    ("Orin NX JetPack 6.0: enabling automatic login fixed it, CUDA now works over SSH after reboot.", "seat-acl-only"),
    ("Orin AGX JP6.1. Over SSH my user cannot use CUDA (801), on the desktop it works.", None),
])
def test_the_seat_said_in_other_words(text: str, cause: str) -> None:
    result = read_cause(text)
    assert (result.cause.id == cause) if cause else ("cuda-801" in [m.id for m in result.matches]), result.cause


def test_slow_only_for_the_user_and_fast_as_root_is_no_question_of_speed() -> None:
    text = ("Jetson Orin Nano, JetPack 6.2. YOLO is very slow (1.5 fps) only when the container runs as my normal user; "
            "as root it's 25 fps.")
    assert "performance-words" not in ids(text)


def test_a_downgrade_that_changed_nothing_fixes_nothing() -> None:
    text = "I first thought the toolkit broke it, but after downgrading to 1.16.2 it is exactly the same"
    assert "downgrade-fixes" not in ids(text)


def test_a_failure_and_root_working_on_two_lines_without_a_full_stop_are_a_denial() -> None:
    text = (JETSON_36 + "\ndocker run --rm --runtime nvidia -u 1000 acme/perception:2.3 python3 -m perception.selftest\n"
            "selftest: GPU check FAILED\nAs root it works.")
    assert "denial-words" in ids(text) and read_cause(text).cause.id in PERMISSION_CAUSES


@pytest.mark.parametrize("line", ["    vGPU Software Licensed Product",
                                  "Device-1: Microsoft Basic Render Driver driver: dxgkrnl v: 2.0.1",
                                  "$ ls /dev/dxg\n/dev/dxg",
                                  "Jan 03 10:12:01 node nvidia-gridd[812]: Acquiring license"])
def test_a_virtual_gpu_or_wsl2_s_paravirtual_one_is_a_pc(line: str) -> None:
    """No Jetson's GPU is a licensed vGPU of a server or cloud VM, or WSL2's GPU through dxgkrnl."""
    assert shown_platform(explain(line).observed)[0] == "pc"
    assert shown_platform(explain(JETSON_36 + "\n" + line.replace("vGPU", "GPU")).observed)[0] == "jetson"


@pytest.mark.parametrize("line", [
    "tensorflow.python.framework.errors_impl.InternalError: CUDA runtime implicit initialization on GPU:0 failed. "
    "Status: all CUDA-capable devices are busy or unavailable",
    "RuntimeError: CUDA error: CUDA-capable device(s) is/are busy or unavailable",
    "cudaSetDevice returned cudaErrorDevicesUnavailable"])
def test_a_device_busy_or_unavailable_is_exclusive_use_or_a_virtual_gpu_s_licence(line: str) -> None:
    """A GPU another process holds in exclusive mode, or an unlicensed vGPU: a server's or a PC's state, no group's; on
    a Jetson it follows an earlier crash of a kernel in the same process."""
    assert "cuda-46" in ids(line)
    assert read_cause(line).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", ["Same image runs on our Jetson Orin boxes.",
                                  "(same repo we deploy on Jetson AGX Orin / JetPack 6.1)",
                                  "It works on my Jetson Xavier NX fine."])
def test_a_jetson_named_as_where_the_work_runs_is_another_machine_beside_a_pc_s_own_output(said: str) -> None:
    """A PC's own output (a template's platform field, the engine's build for x86_64) shows the machine that fails; a
    Jetson only named as the one where the same work runs, or is deployed, is another machine: no mixed paste."""
    text = ("**Hardware Platform (Jetson / GPU)** GPU (Tesla T4)\n$ docker run --gpus all -it --rm acme/app:7.0\n"
            "ERROR: [TRT]: 6: CUDA initialization failure with error: 35.\n" + said)
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and not result.systems, (result.cause, result.systems)
    # where the Jetson's own output is pasted too, both systems are shown
    both = read_cause(text + "\n# R36 (release), REVISION: 4.0, GCID: 37537400, BOARD: generic, EABI: aarch64")
    assert both.systems


# ---- a line that only introduces the error below, and a log's info level that holds CUDA's own failure ----

@pytest.mark.parametrize("intro", ["However, the big problem: when I run the tool, I got the following error message:",
                                   "Running the example gives this error:",
                                   "my test installation gives the following error",
                                   "But, when typing ./start.sh, errors occurs below\uff1a", "the errors appear below:"])
def test_a_sentence_that_introduces_the_error_below_is_not_the_failure(intro: str) -> None:
    failing = "E0101 12:00:00.000 1 app.py:9] CUDA backend failed: operation cuInit(0) failed: CUDA_ERROR_UNKNOWN"
    assert find_failure(intro + "\n" + failing).line == failing
    assert find_failure(intro) is None


def test_a_sentence_that_says_it_gives_an_error_is_a_failure() -> None:
    assert find_failure("When I run the tool it gives an error") is not None


def test_an_error_only_said_to_be_shown_below_a_screenshot_is_no_error_shown() -> None:
    text = "I have installed docker and the toolkit. When typing ./start.sh, errors occurs below:\n![shot](https://example.org/a.png)"
    assert find_failure(text) is None and read_cause(text).cause.id == "unknown"  # no error shown, none shown unrelated


def test_a_cuda_driver_call_failing_counts_at_a_log_s_info_level() -> None:
    line = ("I0101 12:00:00.000 1 xla_bridge.py:863] Unable to initialize backend 'cuda': jaxlib/cuda/versions_helpers.cc:98: "
            "operation cuInit(0) failed: Unknown CUDA error 303")
    assert find_failure(line) is not None and find_failure(line).kind == "gpu"
    numa = "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1871] Could not identify NUMA node of platform GPU id 0"
    assert find_failure(numa) is None  # the info level's routine complaints stay routine


# ---- the GPU said to work for another check, in more words ----

@pytest.mark.parametrize("said", ["Running nvidia-smi indicates I have access to GPUs.",
                                  "I ran the CUDA test cases and received correct results.",
                                  "My CUDA installation is not the problem because I ran the samples.",
                                  # a program's own check (Cellpose's, at its start)
                                  "2024-03-26 15:31:22,626 [INFO] ** TORCH CUDA version installed and working. **"])
def test_more_ways_to_say_the_gpu_works_for_another_check(said: str) -> None:
    assert "gpu-works-words" in ids(said)


@pytest.mark.parametrize("said", ["Running nvidia-smi indicates I have no access to GPUs.",
                                  "I am sure my CUDA installation is not the problem.",  # an opinion, no check
                                  "nvidia-smi never worked on this board.",  # negated inside its own words
                                  "nvidia-smi no longer works after the upgrade.",
                                  "deviceQuery has never passed here.",
                                  "2022-11-21 14:05:53,341; INFO; TORCH CUDA version not installed/working."])
def test_the_gpu_not_said_to_work_is_no_works_words(said: str) -> None:
    assert "gpu-works-words" not in ids(said)


def test_a_line_that_says_the_driver_works_gives_its_failure_no_driver_kind() -> None:
    text = ("/opt/tool/kernels/: Operation not permitted\n"
            "tool -I gives the same error. Running nvidia-smi indicates I have access to GPUs.")
    failure = find_failure(text)
    assert failure is not None and failure.kind != "driver"


def test_a_check_said_to_work_is_cut_at_any_sentence_end_and_one_said_not_to_work_stays() -> None:
    """The sentences that say the GPU works are the ones the works-words family reads, with its negations: cut at a
    ';' too, and a check that "never worked" is a failure of the driver, not a check that works."""
    works = find_failure("tool -I gives the same error; nvidia-smi works fine.")
    assert works is not None and works.kind != "driver"
    never = find_failure("tool -I gives the same error. nvidia-smi never worked on this box either.")
    assert never is not None and never.kind == "driver"


# ---- a PC's NVIDIA GPU on nouveau, a machine said to have no GPU, a cluster, NVRTC too old for the GPU ----

def test_an_nvidia_gpu_driven_by_nouveau_on_a_pc_is_the_pc_s_driver() -> None:
    text = ("thread 'main' panicked at 'Unable to find a GPU! Make sure you have installed required drivers!'\n"
            "01:00.0 VGA compatible controller: NVIDIA Corporation GP106 [GeForce GTX 1060 6GB]\n"
            "\tKernel driver in use: nouveau\n\tKernel modules: nvidiafb, nouveau")
    reading = read_cause(text)
    assert "nvidia-on-nouveau" in [m.id for m in reading.matches] and reading.cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("said", ["there is no gpu in my system", "I don't have a GPU on this laptop",
                                  "I do not have an NVIDIA GPU."])
def test_a_reporter_who_says_the_machine_has_no_gpu_has_nothing_to_grant(said: str) -> None:
    reading = read_cause(said + "\nRuntimeError: No CUDA GPUs are available")
    assert "no-gpu-words" in [m.id for m in reading.matches] and reading.cause.id == "not-gpu-access"


def test_no_nvidia_in_the_machine_said_without_a_gpu_word_outranks_a_driver_error() -> None:
    reading = read_cause("RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU "
                         "and installed a driver\nI am on Kubuntu 22.04, with an AMD gpu, and no Nvidia in this machine.")
    assert reading.cause.id == "not-gpu-access"


def test_no_nvidia_card_said_before_a_bracket_outranks_a_driver_error() -> None:
    """A machine with only an Intel GPU gets CUDA's 35 from a CUDA build run on it: nothing to grant."""
    reading = read_cause("I do not have an nvidia card (I have an Intel(R) HD graphics 530) so I run it on the CPU\n"
                         "onnxruntime::CudaCall CUDA failure 35: CUDA driver version is insufficient for CUDA runtime "
                         "version ; GPU=0 ; expr=cudaSetDevice(info_.device_id);")
    assert reading.cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", ["if there is no gpu in my system, it should fall back", "I don't have a GPU problem",
                                  "I don't have a graphics card (yet)", "I don't have the nvidia card's manual"])
def test_no_gpu_asked_or_of_a_problem_is_no_machine_without_one(said: str) -> None:
    assert "no-gpu-words" not in ids(said)


@pytest.mark.parametrize("said", ["I compiled it on my university's cluster.", "We run it on the HPC cluster.",
                                  "the HPC team installed CUDA 10.0"])
def test_a_university_or_hpc_cluster_is_servers(said: str) -> None:
    assert shown_platform(read(said + "\nthe CUDA tests fail: No compatible CUDA device is available").observed)[0] == "pc"


def test_a_jetson_cluster_stays_jetsons() -> None:
    assert shown_platform(read(JETSON_36 + "\nOur HPC cluster of Jetson Orin boards: cuInit failed").observed)[0] == "jetson"


@pytest.mark.parametrize(("gpu", "system"), [("Renting a machine with an RTX 5080", "x86-discrete-gpu"),
                                             ("on a Quadro K2000 with CUDA 11.4", "x86-discrete-gpu"),
                                             (JETSON_36, "jetson-software-mismatch")])
def test_nvrtc_that_does_not_know_the_gpu_s_architecture_is_the_cuda_release_against_the_gpu(gpu: str, system: str) -> None:
    text = ("nvrtcCompileProgram(): NVRTC_ERROR_INVALID_OPTION\n"
            "nvrtc: error: invalid value for --gpu-architecture (-arch)\n" + gpu)
    reading = read_cause(text)
    assert "nvrtc-unknown-arch" in [m.id for m in reading.matches] and reading.cause.id == system


# ---- the CUDA driver's stub, a driver library's file name, devices hidden from code, TF's library summary ----

@pytest.mark.parametrize("line", ["Warp CUDA error: Failed to get driver entry point 'cuInit' (CUDA error 34)",
                                  "cuInit failed: CUDA_ERROR_STUB_LIBRARY",
                                  "RuntimeError: CUDA driver is a stub library"])
def test_the_cuda_driver_s_stub_loaded_instead_of_the_driver_is_the_library_path(line: str) -> None:
    assert "cuda-34" in ids(line)
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "jetson-software-mismatch"


def test_thirty_four_is_not_three_hundred_and_forty() -> None:
    assert "cuda-34" not in ids("cudaGetDeviceCount returned 340")


@pytest.mark.parametrize("line", ["(base) robot@robot-System-Product-Name:~/code$ python run.py",
                                  "Product Name: System Product Name"])
def test_a_desktop_board_s_default_product_name_shows_a_pc(line: str) -> None:
    assert shown_platform(read(line + "\nCUDA error: unknown error").observed)[0] == "pc"


@pytest.mark.parametrize("line", ["/usr/lib/aarch64-linux-gnu/nvidia/libnvidia-eglcore.so.540.4.0",
                                  "/usr/lib/aarch64-linux-gnu/libnvidia-fatbinaryloader.so.440.18: file exists"])
def test_a_driver_library_s_version_shows_no_pc(line: str) -> None:
    """JetPack 4.4's own libnvidia-fatbinaryloader is numbered 440.18, as a desktop driver's would be."""
    assert shown_platform(read(line + "\nCUDA error: unknown error").observed)[0] != "pc"


@pytest.mark.parametrize("code", ['os.environ["CUDA_VISIBLE_DEVICES"]="-1"', "os.environ['CUDA_VISIBLE_DEVICES'] = ''",
                                  'os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")',
                                  'os.putenv("CUDA_VISIBLE_DEVICES", "")'])
def test_devices_hidden_in_a_program_s_own_code_are_hidden(code: str) -> None:
    reading = read_cause(PC + "\n" + code + "\nCudaAPIError: Call to cuInit results in CUDA_ERROR_NO_DEVICE")
    assert "devices-hidden" in [m.id for m in reading.matches] and reading.cause.id == "not-gpu-access"


def test_devices_chosen_in_code_are_not_hidden() -> None:
    assert "devices-hidden" not in ids('os.environ["CUDA_VISIBLE_DEVICES"]="0"')


def test_tensorflow_s_summary_of_gpu_libraries_it_could_not_open_is_a_missing_library() -> None:
    line = ("W tensorflow/core/common_runtime/gpu/gpu_device.cc:1850] Cannot dlopen some GPU libraries. Please make sure the "
            "missing libraries mentioned above are installed properly if you would like to use GPU.")
    assert "cuda-library-missing" in ids(line)
    assert read_cause("On a Colab T4 instance:\n" + line).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("said", ["However, I haven't installed any drivers, at least I'm not aware of any.",
                                  "We did not install the NVIDIA driver on this box."])
def test_a_reporter_who_installed_no_driver_lacks_the_pc_s_driver(said: str) -> None:
    reading = read_cause(PC + "\nFailed while initializing CUDA runtime in cudaRuntimeGetVersion\n" + said)
    assert "nvidia-module-failed" in [m.id for m in reading.matches] and reading.cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("said", ["I haven't installed any drivers other than nvidia-driver-550 from apt.",
                                  "I haven't installed any drivers manually; apt did."])
def test_a_driver_asked_about_or_installed_another_way_is_no_missing_driver(said: str) -> None:
    assert "nvidia-module-failed" not in ids(said)


def test_devices_hidden_in_code_explain_a_gpu_the_program_does_not_see_on_a_named_pc() -> None:
    text = ('Why does TF not see my RTX 3070? The script starts like this:\nimport os\n'
            'os.environ["CUDA_VISIBLE_DEVICES"] = "-1"\nimport tensorflow as tf\n'
            'print(tf.config.list_physical_devices("GPU"))\noutput: []')
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", ["This is a plain e2-standard-8 VM, it does not have any GPU attached.",
                                  "The VM has no GPU attached."])
def test_a_machine_with_no_gpu_attached_has_nothing_to_grant(said: str) -> None:
    assert "no-gpu-words" in ids(said)


@pytest.mark.parametrize(("line", "family"), [
    ("modprobe: ERROR: could not insert 'nvidia_340_uvm': Invalid argument", "nvidia-module-failed"),
    ("modprobe: FATAL: Module nvidia-470 not found in directory /lib/modules/5.4.0-42-generic", "nvidia-module-failed")])
def test_the_driver_s_modules_by_their_branch_suffixed_names_are_the_driver_s(line: str, family: str) -> None:
    assert family in ids(line)


@pytest.mark.parametrize("label", ["cloud.google.com/gke-nodepool: ai-gpu2", "eks.amazonaws.com/nodegroup: gpu-workers",
                                   "kubernetes.azure.com/agentpool: gpupool"])
def test_a_managed_kubernetes_node_label_shows_a_cloud_server(label: str) -> None:
    text = "nodeSelector:\n  " + label + "\nerror while loading shared libraries: /lib64/libnvidia-ml.so.1: file too short"
    assert shown_platform(read(text).observed)[0] == "pc"


def test_nouveau_s_kernel_line_for_a_tegra_gpu_is_mainline_linux_whatever_cuda_says() -> None:
    text = ("Jetson Nano on Armbian, kernel 6.6\n$ dmesg | grep nouveau\n"
            "[    5.1] nouveau 57000000.gpu: NVIDIA GM20B (12b000a1)\n"
            "CUDA driver version is insufficient for CUDA runtime version")
    reading = read_cause(text)
    assert "mainline-tegra" in [m.id for m in reading.matches] and reading.cause.id == "not-gpu-access"


@pytest.mark.parametrize("text", [
    'This is not the "no kernel image" error from before, that one is fixed. Now on my RTX 3060 I get:\n'
    "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
    'It is no "no kernel image" this time: the build has sm_87.',
    # (red team 108: said gone or fixed after it)
    'Thanks, the "no kernel image" error is gone after rebuilding with TORCH_CUDA_ARCH_LIST="8.9".',
    "Thanks, the 'no kernel image' error is fixed with the JetPack wheel on my Orin NX.",
    'The "no kernel image" error went away after the rebuild; now it runs out of memory.'])
def test_a_quoted_error_name_said_not_to_happen_is_no_error(text: str) -> None:
    assert "cuda-209" not in ids(text)


@pytest.mark.parametrize("text", [
    "- StartOS 0.4.0.2 (`fix/nvidia-image-drop-nouveau-firmware` CI build), `aarch64-nvidia`\n"
    "- NVIDIA DGX Spark (GB10), Secure Boot enabled\n"
    "`lsmod | grep nvidia` is empty, and `nvidia-smi` reports \"couldn't communicate with the NVIDIA driver\".",
    "ASUS Ascent GX10 (aarch64, DGX OS 7), fresh install. lsmod shows nouveau loaded instead of nvidia and\n"
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
    "AWS g5g.xlarge (Graviton2, aarch64, Ubuntu 22.04) with the T4G. dmesg shows nouveau grabbing the card:\n"
    "[    3.912345] nouveau 0000:00:1f.0: NVIDIA TU104 (164000a1)\nand nvidia-smi says No devices were found"])
def test_nouveau_on_arm_machines_with_nvidia_s_server_gpus_is_no_mainline_tegra(text: str) -> None:
    """DGX Spark (GB10) and its kin, Grace machines and AWS Graviton servers with a T4G are arm64 with NVIDIA's server GPU
    stack: nouveau there is a PC's driver trouble, not a Tegra run by mainline Linux."""
    reading = read_cause(text)
    assert "mainline-tegra" not in [m.id for m in reading.matches] and reading.cause.id == "x86-discrete-gpu"


# ---- a GPU node another process holds; OpenGL on llvmpipe in words ----

@pytest.mark.parametrize("line", ["kwin_wayland: kwin_core: Failed to open /dev/dri/card1 device (Device or resource busy)",
                                  "open /dev/nvidia0 failed: EBUSY"])
def test_a_gpu_node_another_process_holds_is_no_permission(line: str) -> None:
    reading = read_cause("Fedora 41, an RTX 4070 Ti\n" + line)
    assert "gpu-node-busy" in [m.id for m in reading.matches] and reading.cause.id == "not-gpu-access"


def test_a_busy_node_said_not_to_be_the_trouble_is_no_busy_node() -> None:
    assert "gpu-node-busy" not in ids("It is not the old 'open /dev/dri/card1: Device or resource busy' problem")


@pytest.mark.parametrize("said", ["When I connect through xrdp, it uses llvmpipe instead of the nvidia graphics.",
                                  "OpenGL renderer string: llvmpipe (LLVM 15.0.6, 256 bits)"])
def test_opengl_on_llvmpipe_is_the_software_rasteriser(said: str) -> None:
    assert "gl-software-fallback" in ids(said)


@pytest.mark.parametrize("said", ["`uvx --with moshi` installs the wrong pytorch: it defaults to the [cpu] version even with CUDA.",
                                  "Trying to `pip install torch` resulted in the CPU version of torch stable.",
                                  "conda pulled the CPU build of pytorch from conda-forge"])
def test_a_cpu_build_said_to_be_installed_is_the_build(said: str) -> None:
    reading = read_cause(PC + "\n" + said + "\nprint(torch.cuda.is_available())\nFalse")
    assert "cpu-only-build" in [m.id for m in reading.matches] and reading.cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", ["Is the CPU version of torch installed? No, it is the cu121 build.",
                                  "The CPU version of the benchmark runs fine."])
def test_a_cpu_build_asked_about_or_of_another_program_is_no_cpu_build(said: str) -> None:
    assert "cpu-only-build" not in ids(said)


@pytest.mark.parametrize("line", ["MisconfigurationException: You requested GPUs: [0]\n But your machine only has: []",
                                  'The serving image is not able to find GPU devices.'])
def test_more_ways_a_program_says_it_finds_no_gpu(line: str) -> None:
    assert "gpu-not-detected" in ids(line)


def test_docker_s_unserved_gpu_request_in_the_reporter_s_own_words_is_that_request() -> None:
    text = ('On Windows, wsl+nextflow setup are ok. The process was killed with error "could not select driver "" with '
            'capabilieties [[gpu]].')
    reading = read_cause(text)
    assert "gpu-request-unserved" in [m.id for m in reading.matches] and "out-of-memory" not in [m.id for m in reading.matches]
    assert reading.cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("said", ["the process was killed with error 'exec format error'", "it was killed with exit code 1"])
def test_a_process_killed_with_an_error_message_is_no_memory_killer(said: str) -> None:
    assert "out-of-memory" not in ids(said)


# ---- OptiX's runtime, which comes with the driver ----

@pytest.mark.parametrize("line", ["Optix call (optixInit()) failed with code 7804 (line 152)",
                                  "Unknown OptixResult code: Compatible device(s) not found / OptiX not initialized.",
                                  "OPTIX_ERROR_LIBRARY_NOT_FOUND",
                                  "libnvoptix.so.1: cannot open shared object file: No such file or directory"])
def test_optix_s_runtime_not_found_is_the_driver_s_library(line: str) -> None:
    reading = read_cause("NVIDIA GeForce RTX 3090 Ti, driver 530.41.03\n" + line)
    assert "optix-library-missing" in [m.id for m in reading.matches] and reading.cause.id == "x86-discrete-gpu"


def test_optix_named_in_a_build_s_options_is_no_failure() -> None:
    assert "optix-library-missing" not in ids("-- OptiX found: /opt/optix/include (OptiX 7.7), optixInit() will be used")


@pytest.mark.parametrize("said", ["None of the other HPC centres seem to have this problem", "our HPC center runs Slurm"])
def test_an_hpc_centre_said_in_words_is_servers(said: str) -> None:
    assert shown_platform(read(said + "\nCUDA error: unknown error").observed)[0] == "pc"


@pytest.mark.parametrize("line", ["testing NVIDIA GPU passthrough , driver error code 43 .",
                                  "Windows has stopped this device because it has reported problems. (Code 43) - NVIDIA GeForce "
                                  "GTX 1080",
                                  # (the hypervisor's or the guest's own words beside it: KVM's hidden state, virtio, OVMF)
                                  "GTX 680: even added the kvm hidden property and tried MSI, but the error 43 still persists.",
                                  "RTX 3070: I changed the Device Model from virtio to e1000e. I encountered Code 43 any ideas?",
                                  "unRaid VM with OVMF: Code 43 on the GTX 680"])
def test_a_passed_through_gpu_s_code_43_is_the_guest_s_driver(line: str) -> None:
    reading = read_cause(line)
    assert "vm-code-43" in [m.id for m in reading.matches] and reading.cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["make: *** [all] Error 43 (exit code 43)", "the GPU job returned exit code 43",
                                  "qemu-img: error 43 while reading the disk"])
def test_an_exit_code_43_is_no_guest_driver(line: str) -> None:
    assert "vm-code-43" not in ids(line)


@pytest.mark.parametrize("text", ["Proxmox VM, RX 6700 XT passed through: Code 43 in Device Manager",
                                  "unRAID: the USB 3.0 controller passed to the Windows VM shows error 43"])
def test_code_43_with_no_nvidia_card_named_is_another_device_s(text: str) -> None:
    # (Windows' Code 43 is any device's: an AMD card's or a USB controller's in a VM is no NVIDIA driver's refusal)
    assert "vm-code-43" not in ids(text)



@pytest.mark.parametrize("text", ["NVIDIA GeForce GTX 1070: The drivers for this device are not installed. (Code 28)",
                                  'P106-100 code 28\n"Для устройства не установлены драйверы. (Код 28)"'])
def test_a_gpu_windows_has_no_driver_for_is_the_pc_s_driver(text: str) -> None:
    """Device Manager's Code 28 on an NVIDIA card, in Windows' words in any language: no driver lists the card."""
    reading = read_cause(text)
    assert "windows-driver-not-installed" in [m.id for m in reading.matches] and reading.cause.id == "x86-discrete-gpu"
    assert "windows-driver-not-installed" not in ids("USB Serial Controller: The drivers for this device are not "
                                                     "installed. (Code 28)")

@pytest.mark.parametrize("text", [
    "Linux mybox 6.5.0-44-generic #44~22.04.1-Ubuntu SMP x86_64 (the SDK Manager host)\n" + JETSON_36
    + "\ncudaGetDeviceCount returned 801",
    "the image works fine on my laptop (Ubuntu, 5.15.0-105-generic)\n" + JETSON_36 + "\ncuInit returned 801"])
def test_a_stock_kernel_beside_a_jetson_s_own_output_is_another_machine(text: str) -> None:
    assert shown_platform(read(text).observed)[0] == "jetson"
    assert read_cause(text).cause.id != "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["When I open /dev/nvhost-ctrl as my user I got a permission denied error:",
                                  "Running deviceQuery I get a segmentation fault error:"])
def test_failure_words_before_the_introduced_error_s_noun_still_count(line: str) -> None:
    assert find_failure(line) is not None


@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_36 + "\nI connect over VNC, and glxinfo shows llvmpipe.\nNvRmMemInitNvmap failed with Permission denied",
     "tegra-nodes-denied"),
    (PC + "\nOver xrdp glxinfo shows llvmpipe.\nRuntimeError: CUDA error: no CUDA-capable device is detected", "x86-discrete-gpu")])
def test_a_remote_display_s_software_gl_does_not_outweigh_a_denial_or_cuda_s_own_error(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_software_gl_said_to_be_gone_is_no_software_gl() -> None:
    assert "gl-software-fallback" not in ids("glxinfo no longer shows llvmpipe after the driver update")


@pytest.mark.parametrize("said", ["PyTorch thinks I don't have a GPU.",
                                  "It behaves as if I don't have a GPU, but nvidia-smi lists it.",
                                  "torch says there is no GPU in my system, but I have an RTX 3090.",
                                  "if there are no GPUs in the machine, it should fall back to CPU",
                                  "when there's no GPU in the machine it falls back to CPU"])
def test_no_gpu_reported_of_a_program_compared_or_supposed_is_no_machine_without_one(said: str) -> None:
    assert "no-gpu-words" not in ids(said)


@pytest.mark.parametrize("said", ["There is no dedicated GPU in my laptop.", "There is no discrete GPU in this machine.",
                                  "I don't even have a GPU."])
def test_every_wording_of_a_machine_without_a_gpu_is_reached(said: str) -> None:
    assert "no-gpu-words" in ids(said)


@pytest.mark.parametrize("text", [PC + '\nvisible = os.getenv("CUDA_VISIBLE_DEVICES", "")\nRuntimeError: No CUDA GPUs are available',
                                  PC + '\nI removed os.environ["CUDA_VISIBLE_DEVICES"] = "-1" from the script and it still fails'])
def test_the_devices_variable_read_or_removed_in_code_hides_nothing(text: str) -> None:
    assert "devices-hidden" not in [m.id for m in read_cause(text).matches]


def test_devices_hidden_do_not_explain_a_failure_of_another_kind() -> None:
    text = PC + "\n$ CUDA_VISIBLE_DEVICES=\"\" python run.py\nModuleNotFoundError: No module named 'cv2'"
    assert "CUDA_VISIBLE_DEVICES" not in read_cause(text).cause.why.text


def test_a_supercomputer_in_a_tagline_names_no_pc() -> None:
    """NVIDIA calls the Jetson Orin Nano Super a generative AI supercomputer."""
    assert shown_platform(read("the generative AI supercomputer on my desk\nCUDA error: unknown error").observed)[0] != "pc"


# ---- video recorders, volunteer computing and photo libraries: more wordings of known things ----

def test_a_gpu_said_to_be_fully_functional_is_said_to_work() -> None:
    assert "gpu-works-words" in ids("the tool does not list it, even though the GPU is visible in lspci and fully functional")
    assert "gpu-works-words" not in ids("the GPU is never fully functional after resume")


@pytest.mark.parametrize("said", ["The SD card is fully functional.", "My network card is fully operational.",
                                  "Everything apart from the GPU is fully operational.",
                                  "Everything besides the GPU is fully functional."])
def test_another_card_or_everything_but_the_gpu_working_is_not_the_gpu_working(said: str) -> None:
    assert "gpu-works-words" not in ids(said)


@pytest.mark.parametrize("said", ["GPU usage never exceeds 5% and inference is very slow",
                                  "the GPU clock no longer boosts and it runs slower than before"])
def test_a_negation_inside_a_performance_complaint_keeps_the_complaint(said: str) -> None:
    assert "performance-words" in ids(said)


@pytest.mark.parametrize("line", ['{"message":"unknown or invalid runtime: nvidia"}',
                                  "docker: Error response from daemon: unknown or invalid runtime name: nvidia."])
def test_the_engine_refusing_the_nvidia_runtime_is_that_family_with_or_without_name(line: str) -> None:
    assert "no-gpu-runtime" in ids(line)


@pytest.mark.parametrize("intro", ["I'm encountering these errors when attempting to use the new OCR functionality:",
                                   "In specific, I think this is the main error:",
                                   "Here are the errors:"])
def test_a_line_that_introduces_the_error_below_is_not_the_failure(intro: str) -> None:
    text = "I upgraded the image to 2.2.0-cuda.\n{}\nPermissionError: [Errno 13] Permission denied: '/app/font.ttf'".format(intro)
    failure = find_failure(text)
    assert failure is not None and failure.line.startswith("PermissionError")


@pytest.mark.parametrize("said", ["Every time I run the bat file:", "t-rex.exe -a ethash -o stratum+tcp://pool:4444",
                                  "The problems went away after I installed CUDA 11.7 via `winget install Nvidia.CUDA -v 11.7`."])
def test_a_windows_program_or_script_names_a_pc(said: str) -> None:
    assert shown_platform(read(said + "\nERROR: Can't start miner, CUDA initialize error").observed)[0] == "pc"


@pytest.mark.parametrize("said", ["my GT 710 should be about as fast as a Jetson Nano",
                                  "My RTX 3060 is faster than a Jetson Orin Nano",
                                  "compared to the Jetson AGX Xavier this box is slow"])
def test_a_jetson_named_as_a_yardstick_is_not_the_machine(said: str) -> None:
    text = said + "\nRuntimeError: CUDA error: no kernel image is available for execution on the device"
    assert shown_platform(read(text).observed)[0] != "jetson"


@pytest.mark.parametrize("said", ["We'll assume that Jetson users installed the appropriate drivers", "This is not a Jetson.",
                                  "Unlike Jetson devices, this board has a PCIe slot", "Jetson owners are not affected",
                                  "(Not on a Jetson \u2014 this is an Ubuntu 22.04 box.)",
                                  "The fix worked for all Jetson users, but not on this box"])
def test_a_jetson_named_as_what_the_machine_is_not_or_as_others_is_not_the_machine(said: str) -> None:
    text = said + "\nImportError: libcudart.so.12: cannot open shared object file: No such file or directory"
    assert shown_platform(read(text).observed)[0] != "jetson"


@pytest.mark.parametrize("said", ["This is not a Jetson issue, I think:", "Jetson-specific problem? My Jetson Orin Nano says:",
                                  # (red team 89: one of them, the one that fails, the correction after a denial)
                                  "Has any fellow Jetson users seen this?",
                                  "It works on all our dev boxes except the Jetson AGX Orin:",
                                  "This is not a Jetson Nano, it's a Jetson Orin Nano 8GB dev kit."])
def test_a_jetson_named_beside_a_topic_word_is_still_the_machine(said: str) -> None:
    """The Jetson so named is the machine the paste ran on (its error line shows no system of its own)."""
    text = said + "\nRuntimeError: CUDA error: unknown error"
    assert shown_platform(read(text).observed)[0] == "jetson"


@pytest.mark.parametrize("line", ["I0201 22:44:21.277811 1 factory.go:107] Detected non-Tegra platform: "
                                  "/sys/devices/soc0/family file not found", "It fails on non-Jetson hosts too."])
def test_a_tegra_or_jetson_with_a_non_prefix_is_no_jetson(line: str) -> None:
    """NVIDIA's device plugin says which platform it did not find ("non-Tegra"): no Jetson is named."""
    assert not read(line + "\nRuntimeError: CUDA error: unknown error").observed.jetson


def test_pytorch_s_warning_that_the_card_s_capability_is_not_in_its_build_is_the_missing_kernels_family() -> None:
    line = "NVIDIA GeForce GT 710 with CUDA capability sm_35 is not compatible with the current PyTorch installation."
    assert "cuda-209" in ids(line)


def test_a_plugin_s_check_macro_gives_the_cuda_error_after_the_file_and_line() -> None:
    assert ids("Cuda failure in file 'yolo_layer.cu' line 51: 35") == ["cuda-35"]
    assert "cuda-35" not in ids("parse error at line 51: 35 tokens")


@pytest.mark.parametrize("line", ["GPU cores: 2", "torch version: 2.0.0, cuda status: 2", "cuda: version=12.2 features=3",
                                  "gpu temp code: 46 C", "cuda driver result: 30 seconds elapsed"])
def test_a_gpu_status_line_s_small_numbers_are_no_cuda_errors(line: str) -> None:
    assert not [i for i in ids(line) if i.startswith("cuda-")]


def test_a_notice_that_the_program_goes_on_without_nvml_is_not_its_failure() -> None:
    text = (" * NVML         disabled (failed to load NVML)\n"
            " * CUDA GPU     #0 00:00.0 NVIDIA Tegra X1 921/12 MHz smx:1 arch:53\n"
            '[2021-04-11 19:45:50.439]  nvidia   thread #0 failed with error <reg>:53 "invalid argument"')
    failure = find_failure(text)
    assert failure is not None and "thread #0 failed" in failure.line


# ---- OCR and translation, camera SDKs, point clouds: more wordings of known things ----

def test_curand_s_status_by_number_is_a_library_status_error() -> None:
    line = "[2018-11-03 19:40:29] Curand error 203 - src/tensors/rand.cpp:80: curandCreateGenerator(&generator_, rng)"
    assert "cuda-library-status" in ids(line)
    assert "cuda-library-status" not in ids("curand 203 samples drawn")


def test_paddle_s_gpu_build_finding_no_cuda_device_is_no_device() -> None:
    line = ("UserWarning: You are using GPU version Paddle, but your CUDA device is not set properly. CPU device will be used "
            "by default.")
    assert "cuda-100" in ids(line)


def test_a_build_s_hint_to_compile_the_cpu_only_version_is_no_cpu_only_build() -> None:
    assert "cpu-only-build" not in ids("OR compile the CPU-only version of Marian with\n  -DCOMPILE_CUDA=off")
    assert "cpu-only-build" not in ids("or compile a CPU-only version of Marian with -DCOMPILE_CUDA=off")
    assert "cpu-only-build" in ids("pip installed the CPU-only build of torch")
    assert "cpu-only-build" in ids("I use the CPU-only build of llama.cpp and it is slow")


def test_an_extension_build_that_finds_no_gpu_architecture_is_a_build_without_the_gpu() -> None:
    frames = ('  File "/usr/local/lib/python3.7/dist-packages/torch/utils/cpp_extension.py", line 1562, in _get_cuda_arch_flags\n'
              "    arch_list[-1] += '+PTX'\nIndexError: list index out of range")
    assert "build-sees-no-gpu" in ids(frames)
    assert read_cause(JETSON_36 + "\n$ docker build -t ext .\n" + frames).cause.id == "nodes-missing-in-container"
    unknown_arch = ('  File "/x/torch/utils/cpp_extension.py", line 1980, in _get_cuda_arch_flags\n'
                    '    raise ValueError(f"Unknown CUDA arch ({arch}) or GPU not supported")\n'
                    "ValueError: Unknown CUDA arch (12.0) or GPU not supported")
    assert "build-sees-no-gpu" not in ids(unknown_arch)  # a list that names an architecture torch does not know
    assert "build-sees-no-gpu" not in ids("def add_ptx():\n    arch_list[-1] += '+PTX'")  # the source line alone


def test_the_extension_builder_finding_no_cuda_runtime_is_a_build_without_the_gpu() -> None:
    """torch's extension builder says "No CUDA runtime is found" where CUDA is not available to it: a container, or an
    image's build, started without the GPU."""
    line = "No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'"
    assert "build-sees-no-gpu" in ids(line)
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", [
    'ERROR: failed to solve: process "/bin/sh -c nvidia-smi" did not complete successfully: exit code: 127',
    "The command '/bin/sh -c apt-get update && nvidia-smi' returned a non-zero code: 127"])
def test_an_image_build_step_that_runs_nvidia_smi_is_a_build_without_the_gpu(line: str) -> None:
    assert "build-sees-no-gpu" in ids(line)
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("line", [
    "The command '/bin/sh -c nvidia-smi-exporter --version' returned a non-zero code: 1",
    # (a command chained after nvidia-smi may be what failed: red team 89)
    'ERROR: failed to solve: process "/bin/sh -c nvidia-smi; pip install -r requirements.txt" did not complete '
    "successfully: exit code: 1",
    # (nor one chained before it, unless the shell did not find it: red team 90)
    "The command '/bin/sh -c pip install nvidia-tensorrt && nvidia-smi' returned a non-zero code: 1"])
def test_an_image_build_step_whose_failure_may_be_another_command_s_is_a_build_error(line: str) -> None:
    assert "build-sees-no-gpu" not in ids(line)


@pytest.mark.parametrize("said", ["the nvidia-smi and nvcc -V commands can be answered normally",
                                  "nvidia-smi runs properly and lists the card"])
def test_nvidia_smi_said_to_answer_normally_is_said_to_work(said: str) -> None:
    assert "gpu-works-words" in ids(said)


@pytest.mark.parametrize("said", ["nvidia-smi never runs properly on this box", "nvidia-smi cannot run properly",
                                  "nvidia-smi is unable to start properly", "nvidia-smi hangs instead of exiting normally",
                                  "nvidia-smi doesnt run properly"])
def test_nvidia_smi_said_not_to_answer_properly_is_not_said_to_work(said: str) -> None:
    assert "gpu-works-words" not in ids(said)


@pytest.mark.parametrize("system, failed", [(JETSON_36, "RuntimeError: CUDA error: CUDA driver is a stub library"),
                                             ("", "In [2]: torch.cuda.is_available()\nOut[2]: False")])
def test_cuda_finding_nothing_in_a_container_started_without_the_gpu_is_the_missing_injection(system: str, failed: str) -> None:
    """CUDA's stub stands in only where no runtime brought the driver; on a Jetson, a launch without --runtime may still
    get the GPU from the engine's default runtime, so there only the stub tells (the second image is a PC's build)."""
    run = "$ docker run --rm -it floydhub/pytorch:latest-gpu-py3 ipython\n"
    assert read_cause(system + "\n" + run + failed).cause.id == "nodes-missing-in-container"
    given = run.replace("docker run", "docker run --runtime nvidia")
    assert read_cause(system + "\n" + given + failed).cause.id != "nodes-missing-in-container"
    assert read_cause(JETSON_36 + "\n" + run + "In [2]: torch.cuda.is_available()\nOut[2]: False").cause.id != \
        "nodes-missing-in-container"


# ---- an outside attack on the rules above ----

def test_everything_but_the_gpu_working_is_not_the_gpu_working() -> None:
    assert "gpu-works-words" not in ids("Everything except the GPU is fully operational inside the container.")


def test_the_missing_runtime_quoted_as_an_earlier_error_is_not_this_one() -> None:
    said = ('Earlier I got "docker: Error response from daemon: unknown or invalid runtime name: nvidia." - fixed that by '
            "installing nvidia-container-toolkit.")
    assert "no-gpu-runtime" not in ids(said)
    now = ("Previously we had a working setup. After the upgrade: docker: Error response from daemon: unknown or invalid "
           "runtime name: nvidia.")
    assert "no-gpu-runtime" in ids(now)  # an earlier sentence's past is not the error's


@pytest.mark.parametrize("said", ["Flashed the SD image with balenaEtcher.exe, then booted the board.",
                                  "I connect with MobaXterm.exe and run the sample:"])
def test_a_windows_tool_named_in_prose_names_no_pc(said: str) -> None:
    assert shown_platform(read(said + "\ncudaGetDeviceCount returned 35").observed)[0] != "pc"


def test_curand_s_allocation_failure_is_memory_not_the_library_s_state() -> None:
    line = "Curand error 102 at kernel.cu:88"
    assert "cuda-library-status" not in ids(line) and "out-of-memory" in ids(line)


def test_a_failure_logged_at_the_info_level_is_a_notice() -> None:
    text = ("[2024-08-04 09:02:49.732] [info] Failed to load NVML\n"
            "[2024-08-04 09:02:49.732] [error] device string set to cuda:all but no CUDA devices available.")
    failure = find_failure(text)
    assert failure is not None and "no CUDA devices available" in failure.line


@pytest.mark.parametrize("said", ["Nano 4GB devkit, Ubuntu 18.04", "my Nano B01 developer kit"])
def test_the_nano_named_by_its_kit_alone_is_a_jetson(said: str) -> None:
    assert shown_platform(read(said).observed)[0] == "jetson"
    assert shown_platform(read("an Arduino Nano developer kit on the desk").observed)[0] != "jetson"


# ---- home labs, NVIDIA's speech and video SDKs, fine-tuning libraries ----

@pytest.mark.parametrize("line", ["nvvfx.NvVFXError: NvVFX_Load failed: The effect has not been properly initialized (code -12)",
                                  "ERROR: Loading TRTModel failed in Aigs\nFailed to initialize VideoFX"])
def test_a_maxine_effect_that_does_not_load_is_a_pc_gpu_s_problem(line: str) -> None:
    assert "maxine-effect-failed" in ids(line)
    assert read_cause(line).cause.id == "x86-discrete-gpu"  # Maxine has no Jetson release


def test_a_pytorch_without_its_distributed_package_is_the_jetson_wheel_s() -> None:
    line = "AttributeError: module 'torch.distributed' has no attribute 'is_initialized'"
    assert "torch-distributed-missing" in ids(line)
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["CUDA SETUP: WARNING! libcuda.so not found! Do you have a CUDA driver installed?",
                                  "RuntimeError: Library libcublas.so.11 is not found or cannot be loaded"])
def test_a_loader_s_own_words_for_a_cuda_library_it_did_not_find_are_that_family(line: str) -> None:
    assert "cuda-library-missing" in ids(line)


@pytest.mark.parametrize("line, system", [("libnvidia-fatbinaryloader.so.387.26: cannot open shared object file", "pc"),
                                          ("libnvidia-ml.so.535.104.05", "pc"),
                                          ("/usr/lib/aarch64-linux-gnu/tegra/libnvidia-fatbinaryloader.so.440.18", "jetson"),
                                          ("libnvidia-ptxjitcompiler.so.540.3.0", ""),
                                          ("libnvidia-ptxjitcompiler.so.580.00", "")])
def test_a_driver_library_named_with_a_desktop_driver_s_version_names_a_pc(line: str, system: str) -> None:
    """JetPack 4's Tegra libraries carry 440.18 and JetPack 6's the 540 branch (and Thor's driver may carry 580); the rest
    are a desktop driver's."""
    assert shown_platform(read(line).observed)[0] == system


# ---- GPU sharing, .NET and JVM libraries ----

@pytest.mark.parametrize("line", ["RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 805: MPS client failed to "
                                  "connect to the MPS control daemon or the MPS server.",
                                  "cuInit failed: CUDA_ERROR_MPS_SERVER_NOT_READY"])
def test_the_multi_process_service_refusing_a_client_is_its_own_family(line: str) -> None:
    assert "cuda-mps" in ids(line)
    assert read_cause(line).cause.id == "x86-discrete-gpu"


def test_a_driver_call_s_result_by_number_counts_after_its_stem() -> None:
    assert "cuda-2" in ids("[HAMI-core ERROR (pid:7 allocator.c:115)]: cuMemoryAllocate failed res=2")
    assert "cuda-2" not in ids("documents res=2 rows")


@pytest.mark.parametrize("line", ['url = "https://example.org/libtensorflow/libtensorflow-cpu-linux-x86_64-1.14.0.tar.gz";',
                                  "I can see that this library is built for x86 not ARM."])
def test_an_x86_build_named_in_a_download_or_set_against_arm_names_no_pc(line: str) -> None:
    assert shown_platform(read(line).observed)[0] != "pc"


@pytest.mark.parametrize("line", ["My host is x86_64, not ARM.", "sudo sh NVIDIA-Linux-x86_64-535.104.05.run"])
def test_a_machine_said_to_be_x86_or_an_installer_run_on_it_still_names_a_pc(line: str) -> None:
    assert shown_platform(read(line).observed)[0] == "pc"


@pytest.mark.parametrize("line", ["intel_do_flush_locked failed: Invalid argument",
                                  "libGL: MESA-LOADER: failed to open /usr/lib/dri/radeonsi_dri.so"])
def test_mesa_s_intel_and_amd_drivers_by_their_own_names_are_a_pc_s(line: str) -> None:
    assert shown_platform(read(line).observed)[0] == "pc"


# ---- robot learning, signal processing, quantum simulators ----

def test_an_extension_built_against_another_pytorch_is_the_package_s_build() -> None:
    line = ("ImportError: /env/lib/python3.10/site-packages/flash_attn_2_cuda.cpython-310-x86_64-linux-gnu.so: undefined "
            "symbol: _ZN3c105ErrorC2ENS_14SourceLocationENSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE")
    assert "torch-extension-abi" in ids(line)
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"
    assert "torch-extension-abi" not in ids("libfoo.so: undefined symbol: png_create_read_struct")


def test_the_hook_s_requirement_quoted_above_the_failed_run_is_the_legacy_mode_s() -> None:
    text = ("I get the following error : nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.6.\n"
            "docker run -it --gpus all nvcr.io/nvidia/nightly/cuda-quantum:cu12-latest\n"
            "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI "
            "runtime create failed: runc create failed: unable to start container process: error during container init: "
            "error running prestart hook #0: exit status 1")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_another_mode_of_the_program_said_to_work_on_the_gpu_is_said_to_work() -> None:
    assert "gpu-works-words" in ids("Everything works fine with just CUDA11 (gpu_mode=0)")
    assert "gpu-works-words" not in ids("Nothing works fine with just CUDA11")


def test_a_build_for_one_architecture_on_a_gpu_of_another_said_in_words_is_the_missing_kernels() -> None:
    assert "cuda-209" in ids("docker/build.sh silently produces a container built for `sm_80`. Thor is `sm_110`, so the CUDA")
    assert "cuda-209" not in ids("the wheel is built for sm_87 and Orin is sm_87")


def test_cuda_not_finding_a_file_the_program_loads_is_the_program_s_install() -> None:
    line = "Ran test suite, and actually encountered similar errors (`CUDA_ERROR_FILE_NOT_FOUND`)."
    assert "cuda-301" in ids(line)
    assert read_cause(JETSON_32 + "\n" + line).cause.id == "jetson-software-mismatch"


# ---- an outside attack on the rules of rounds 17 to 19 ----

def test_software_rendering_in_a_jetson_container_started_on_another_default_runtime_is_the_missing_gpu() -> None:
    text = ("Orin Nano devkit, JetPack 6.0. RViz inside our ROS 2 container:\n$ docker info | grep -i runtime\n"
            " Runtimes: io.containerd.runc.v2 nvidia runc\n Default Runtime: runc\n"
            "$ docker run -it --rm -e DISPLAY=$DISPLAY -v /tmp/.X11-unix:/tmp/.X11-unix ros:humble-perception rviz2\n"
            "libGL error: MESA-LOADER: failed to open swrast: /usr/lib/aarch64-linux-gnu/dri/swrast_dri.so: cannot open "
            "shared object file: No such file or directory\nlibGL error: failed to load driver: swrast")
    assert read_cause(text).cause.id == "nodes-missing-in-container"
    unshown = text.replace(" Runtimes: io.containerd.runc.v2 nvidia runc\n Default Runtime: runc\n", "")
    assert read_cause(unshown).cause.id != "nodes-missing-in-container"  # the default runtime may be NVIDIA's


def test_a_module_path_s_driver_word_blames_no_driver() -> None:
    text = (PC + "\ncupy_backends.cuda.api.driver.CUDADriverError: CUDA_ERROR_FILE_NOT_FOUND: file not found")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_pytorch_built_without_distributed_on_a_pc_is_the_build() -> None:
    line = "AttributeError: module 'torch.distributed' has no attribute 'is_initialized'"
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"


def test_every_pattern_a_family_matches_with_is_in_lower_case() -> None:
    """Families are searched in the lowered paste (and vetoes in its lowered sentence), so a capital outside an escape
    (`\\W`, `\\S`) is a pattern that can never match: `nvToolsExt`, `ttyUSB` and `-aG` once were."""
    for family in data.load("symptoms")["symptoms"]:
        for field in ("patterns", "vetoed_by", "vetoed_to_the_full_stop_by", "needs_in_paste", "unless_in_paste",
                      "unnamed_module", "module_named_by"):
            written = family.get(field) or []
            for pattern in [written] if isinstance(written, str) else written:
                assert not re.search("[A-Z]", re.sub(r"\\.", "", pattern)), (family["id"], field, pattern)


def test_every_field_of_a_family_is_described_in_the_file_s_own_about() -> None:
    """data/symptoms.json says what each of its fields means in its `about`: a field added without a word there is one
    the next owner has to find in the code."""
    symptoms = data.load("symptoms")
    fields = {key for family in symptoms["symptoms"] for key in family}
    fields |= {key for family in symptoms["symptoms"] for key in family.get("cuda", {})}
    undescribed = sorted(field for field in fields - {"id"} if "`{}`".format(field) not in symptoms["about"])
    assert not undescribed, undescribed


@pytest.mark.parametrize("caps", ["[[]]", "[[compute utility]]", "[[gpu compute]]"])
def test_an_unserved_gpu_request_names_any_capabilities(caps: str) -> None:
    """A compose service's `driver: nvidia` asks with its own capabilities (none, or compute and utility); docker's
    refusal is the same missing hook whatever it lists."""
    text = 'Error response from daemon: could not select device driver "nvidia" with capabilities: ' + caps
    assert ids(text) == ["gpu-request-unserved"] and read_cause(text).cause.id == "x86-discrete-gpu"


def test_dot_net_s_incorrect_format_is_a_build_for_another_architecture() -> None:
    """.NET's BadImageFormatException ("an attempt was made to load a program with an incorrect format") is its loader's
    exec format error: an assembly or native library built for another architecture."""
    text = ("- System: NVIDIA Jetson Nano, Ubuntu 18.04.5 LTS, JetPack 4.4\nCould not load file or assembly "
            "'Microsoft.ML.AutoML, Version=16.2.0.0'. An attempt was made to load a program with an incorrect format.")
    assert "wrong-architecture" in ids(text)


@pytest.mark.parametrize("text", [
    "Error: The specified module could not be found.\n\\\\?\\D:\\app\\node_modules\\@tensorflow\\tfjs-node-gpu\\lib\\napi-v4"
    "\\tfjs_binding.node",
    "System.DllNotFoundException: Unable to load DLL 'onnxruntime_providers_cuda.dll' or one of its dependencies: The "
    "specified module could not be found. (0x8007007E)",
    "Could not load library cublas64_12.dll. Error code 126. The specified module could not be found.",
])
def test_windows_not_finding_a_gpu_package_s_module_is_a_missing_cuda_library(text: str) -> None:
    """Windows' loader names no library it could not find (error 126): beside a GPU package's native module, what is
    missing is most often a CUDA or cuDNN DLL its CUDA build needs, not on PATH."""
    result = read_cause(text)
    assert "cuda-library-missing" in [m.id for m in result.matches] and result.cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("text", [
    "Error: The specified module could not be found.\n\\\\?\\C:\\app\\node_modules\\sharp\\build\\Release\\sharp.node",
    # a conda environment named for the GPU, or GPU packages listed beside another module's failure (red team 83)
    "ImportError: DLL load failed while importing _sqlite3: The specified module could not be found.\n"
    "  File \"D:\\miniconda3\\envs\\whisper-gpu\\lib\\sqlite3\\dbapi2.py\", line 27, in <module>",
    "ImportError: DLL load failed while importing _sqlite3: The specified module could not be found.\n"
    "Python 3.10.13 from conda, env created from environment-cuda.yml",
    "ImportError: DLL load failed while importing QtCore: The specified module could not be found.\n"
    "pip list | findstr /i \"qt onnx\" -> PyQt5 5.15.10, onnxruntime-gpu 1.17.1",
    # a project's folder named for the GPU (red team 84)
    "Error: The specified module could not be found.\n\\\\?\\C:\\dev\\tfjs-gpu-demo\\node_modules\\sharp\\build\\Release\\sharp.node",
])
def test_windows_not_finding_a_module_of_no_gpu_package_is_no_cuda_library(text: str) -> None:
    assert "cuda-library-missing" not in ids(text)


@pytest.mark.parametrize(("line", "cause"), [
    ("Error: Unsupported system: gpu-linux-arm64", "jetson-software-mismatch"),   # the GPU build for arm64
    ("unsupported platform 'linux-aarch64' for the CUDA wheel", "jetson-software-mismatch"),
    ("Error: Unsupported system: cpu-linux-arm64", "not-gpu-access"),   # a CPU library: no GPU software named
])
def test_a_package_without_an_arm64_build_is_the_architecture_gap(line: str, cause: str) -> None:
    """A package's installer that has no build for arm64 (tfjs-node's "Unsupported system") is the architecture gap;
    on a Jetson it is the Jetson's software only where the GPU's software is named."""
    text = "Jetson Nano, JetPack 4.4\n(node:9011) UnhandledPromiseRejectionWarning: " + line
    assert "wrong-architecture" in ids(text) and read_cause(text).cause.id == cause


@pytest.mark.parametrize("line", [
    "Could not create module x caused by: json: cannot unmarshal string into Go struct field "
    "DeviceRequest.HostConfig.DeviceRequests.Capabilities of type []string, StatusCode:500, at: Edgelet",
    "GPU device plugin registration failed with status code 500",
    "device manager: HTTP status 400 from the kubelet",
])
def test_an_http_status_beside_a_gpu_word_is_no_cuda_error(line: str) -> None:
    """HTTP's 400 and 500 are CUDA's invalid handle and symbol not found by number; a response's status is neither."""
    assert not {"cuda-500", "cuda-400"} & set(ids(line))


@pytest.mark.parametrize(("line", "family"), [("cudaGetDeviceCount returned 500", "cuda-500"),
                                              ("CUDA driver call failed: status 400", "cuda-400"),
                                              ("cuModuleGetFunction failed with error code 500", "cuda-500"),
                                              # (a URL on the line is no HTTP status of the number)
                                              ("[TensorRT] ERROR: CUDA initialization failure with error 222. Please "
                                               "check your CUDA installation:  http://docs.nvidia.com/cuda/", "cuda-222")])
def test_cuda_s_own_400_and_500_are_still_read(line: str, family: str) -> None:
    assert family in ids(line)


@pytest.mark.parametrize(("answer", "available"), [("2.3.0 False", False), ("2.3.0+cpu 12.1 False", False),
                                                    ("2.3.0 True", True), ("None False", False)])
def test_an_availability_check_printed_after_versions_is_read(answer: str, available: bool) -> None:
    """`print(torch.__version__, torch.cuda.is_available())` prints the versions first: the last word is the answer."""
    text = ("Jetson AGX Orin, JetPack 6.0 (L4T R36.3.0)\n$ pip3 install torch\n"
            "$ python3 -c \"import torch; print(torch.__version__, torch.cuda.is_available())\"\n" + answer)
    assert ("cuda-unavailable" in ids(text)) is not available
    assert (read(text).observed.cuda_true is not None) is available


def test_every_reader_of_an_availability_answer_reads_the_same_printed_values() -> None:
    """textfacts' PRINTED_VALUE is what may precede the answer on its line; explain's root-versus-user comparison
    imports it, and the cuda-unavailable family (JSON, which cannot import) spells the same words out."""
    from jetson_gpu_access import data
    from jetson_gpu_access.textfacts import PRINTED_VALUE
    family = next(f for f in data.load("symptoms")["symptoms"] if f["id"] == "cuda-unavailable")
    assert any("(?:" + PRINTED_VALUE.lower() + "[ \\t]+){0,3}" in pattern for pattern in family["patterns"])
    # the comparison reads the answer after printed versions as the observed facts do
    text = ("$ docker exec -it app python3 -c 'import torch; print(torch.__version__, torch.cuda.is_available())'\n"
            "2.1.0a0+41361538.nv23.06 True\n$ ssh dev@app python3 -c 'import torch; print(torch.__version__, "
            "torch.cuda.is_available())'\n2.1.0a0+41361538.nv23.06 None False\n")
    assert "groups-lost-words" in ids(text)


def test_words_before_an_availability_answer_are_no_printed_values() -> None:
    text = "$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nit is not false, it hangs"
    assert "cuda-unavailable" not in ids(text)


@pytest.mark.parametrize(("said", "pc"), [("I have just installed openmm and cuda on win 10.", True),
                                          ("Win11, RTX driver fresh", True), ("from my win 10 laptop over ssh", False),
                                          ("we win 10.5 percent", False)])
def test_windows_by_its_short_name_and_number_is_a_pc(said: str, pc: bool) -> None:
    assert bool(read(said + "\nCUDA_ERROR_FILE_NOT_FOUND (301)").observed.x86) is pc


@pytest.mark.parametrize("line", ["CUDA_TOOLKIT_ROOT_DIR not found or specified",
                                  "Could NOT find CUDA (missing: CUDA_TOOLKIT_ROOT_DIR CUDA_NVCC_EXECUTABLE)",
                                  "No CMAKE_CUDA_COMPILER could be found.",
                                  "CMake Error at /usr/share/cmake-3.23/Modules/FindCUDA.cmake:859 (message):\n"
                                  "  Specify CUDA_TOOLKIT_ROOT_DIR"])
def test_a_build_that_finds_no_cuda_toolkit_is_the_machine_s_cuda_install(line: str) -> None:
    """CMake's words for a CUDA toolkit it cannot find: on a Jetson, JetPack's toolkit not installed or not where the
    build looks (as for nvcc not found); on a PC, the PC's CUDA install."""
    assert read_cause("Jetson TX2, JetPack 4.6\n" + line).cause.id == "jetson-software-mismatch"
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"


def test_tensorflow_s_missing_cuda_drivers_is_no_toolkit_a_build_cannot_find() -> None:
    assert "tool-not-found" not in ids("Could not find cuda drivers on your machine, GPU will not be used.")


def test_nvcc_missing_in_a_pc_s_shell_stays_no_gpu_problem() -> None:
    """A shell without nvcc on a PC is as often a runtime image's, which has no compiler by design."""
    assert read_cause(PC + "\n$ nvcc -V\nbash: nvcc: command not found").cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    'Platform::WindowlessEglApplication::tryCreateContext(): unable to find EGL device for CUDA device 0',
    "GL::Context: cannot retrieve OpenGL version: GL::Renderer::Error::InvalidValue",
    'openat(AT_FDCWD, "/usr/share/glvnd/egl_vendor.d/10_nvidia.json", O_RDONLY) = -1 ENOENT (No such file or directory)',
])
def test_headless_egl_that_finds_no_nvidia_device_is_the_gl_stack_not_access(line: str) -> None:
    """Headless rendering through EGL that finds no NVIDIA device: the driver's EGL library or its glvnd vendor file is
    not there (a container without the graphics capability, a driver installed without its GL libraries)."""
    assert "gl-software-fallback" in ids(line)
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"


def test_mujoco_s_egl_platform_device_message_is_no_missing_nvidia_egl() -> None:
    """MuJoCo's "Cannot initialize a EGL device display" is met where the GPU (or the machine) has no EGL device to
    give, and switching its GL backend is the fix: no driver library is said to be missing."""
    assert "gl-software-fallback" not in ids("ImportError: Cannot initialize a EGL device display. This likely means "
                                             "that your EGL driver does not support the PLATFORM_DEVICE extension")


def test_a_loader_s_libcuda_lib_not_found_is_the_driver_library() -> None:
    assert "cuda-library-missing" in ids("[W] [cuda_driver.cpp:load_lib@36] libcuda.so lib not found.")


THOR_SMI = "| NVIDIA-SMI 580.00                 Driver Version: 580.00         CUDA Version: 13.0     |"


@pytest.mark.parametrize("text", [
    "$ cat /proc/driver/nvidia/version\nNVRM version: NVIDIA UNIX Open Kernel Module for aarch64  580.00  Release Build\n"
    "RuntimeError: CUDA error: no kernel image is available for execution on the device",
    "$ nvidia-smi | head -3\n" + THOR_SMI + "\n$ ls /dev/nvidia*\n/dev/nvidia0  /dev/nvidiactl  /dev/nvidia-uvm\n"
    "$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nFalse",
])
def test_thor_s_driver_580_00_is_a_jetson_s_beside_what_thor_shares_with_a_pc(text: str) -> None:
    """Thor's OpenRM driver has /dev/nvidia* and /proc/driver/nvidia as a PC's does; its version, 580.00 (vllm#34470),
    no desktop release carries, so it names the Jetson and outranks those shared signs."""
    assert shown_platform(read(text).observed)[0] == "jetson"
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", [
    "ERROR: HTTP error 500 while getting https://pypi.jetson-ai-lab.dev/jp6/cu126/+f/6ef/torch-2.7.0-cp310-cp310-linux_aarch64.whl",
    "nim_llm_sdk: GPU model backend health check failed, status=500",
    "Error: 500 Internal Server Error: llama runner process has terminated: unable to allocate CUDA0 buffer",
])
def test_more_http_responses_beside_gpu_words_are_no_cuda_errors(line: str) -> None:
    assert "cuda-500" not in ids(line)


@pytest.mark.parametrize("said", ["I do not have an nvidia card (I run everything on our Tesla T4 server over ssh).",
                                  "I do not have an nvidia card (it's a Jetson Orin Nano dev kit, the GPU is integrated)."])
def test_no_nvidia_card_said_beside_an_nvidia_gpu_s_name_is_no_machine_without_one(said: str) -> None:
    assert "no-gpu-words" not in ids(said)


@pytest.mark.parametrize(("answers", "cause"), [(("2.1.0a0+41361538.nv23.06 False", "2.1.0a0+41361538.nv23.06 True"),
                                                 "tegra-nodes-denied")])
def test_root_s_true_and_the_user_s_false_printed_after_versions_are_compared(answers: Tuple[str, str], cause: str) -> None:
    check = "python3 -c 'import torch; print(torch.__version__, torch.cuda.is_available())'"
    text = ("Jetson Orin NX, L4T R35.4.1\n$ {0}\n{1}\n$ sudo {0}\n{2}\n$ groups\nubuntu adm cdrom sudo dip plugdev"
            .format(check, *answers))
    assert read_cause(text).cause.id == cause


def test_the_last_of_several_printed_flags_is_the_availability_answer() -> None:
    text = ("Jetson Xavier NX, JetPack 5.1.1\n$ python3 -c \"import torch; print(torch.__version__, "
            "torch.backends.cudnn.enabled, torch.cuda.is_available())\"\n2.0.1 True False")
    assert "cuda-unavailable" in ids(text) and read(text).observed.cuda_true is None


def test_a_jetson_s_default_host_name_names_no_gpu_software() -> None:
    text = ("Orin Nano dev kit, JetPack 6.2.\nJun 12 10:00:02 nvidia-desktop dashboard[2211]: Error: Unsupported platform: "
            "linux-arm64")
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("paste", [
    "$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse",
    "WARNING:absl:No GPU/TPU found, falling back to CPU. (Set TF_CPP_MIN_LOG_LEVEL=0 and rerun for more info.)\n"
    "I've GPU, why it's not finding it?"])
def test_no_cuda_device_said_with_no_system_and_no_error_is_most_often_a_build_without_cuda(paste: str) -> None:
    """A program says it sees no CUDA device, and the paste shows neither the system nor an error from CUDA or the
    driver: as for a program's own "no GPU detected", a build without CUDA is likelier than either system's stack,
    which the reading keeps open (neither system is assumed)."""
    reading = read_cause(paste).cause
    assert reading.id == "not-gpu-access" and not reading.assumption
    assert {"jetson-software-mismatch", "x86-discrete-gpu"} <= set(reading.also_possible)
    # the system shown decides as before
    assert read_cause(JETSON_36 + "\n" + paste).cause.id == "jetson-software-mismatch"
    assert read_cause(PC + "\n" + paste).cause.id == "x86-discrete-gpu"


def test_gvisors_words_for_a_failed_oci_hook_are_the_hook_failing() -> None:
    """gVisor (runsc) says an OCI hook failed in its own words ("error executing CreateContainer hooks"): where the
    paste names NVIDIA's hook (nvidia-ctk's), that hook failed before the container started (google/gvisor#13283, on a
    PC, which /proc/driver/nvidia shows); a network hook on a node with no GPU is no NVIDIA hook (red team 85)."""
    text = ("nvidia-ctk hook disable-device-node-modification\nstderr: failed to mount modified params file: open o_path "
            "procfd:\n  open /run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/rootfs/proc/driver/nvidia/params:\n"
            "  no such file or directory\nFATAL ERROR: error executing CreateContainer hooks\n")
    assert "gvisor-nvidia-hook-failed" in ids(text)
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    network = ("Error: failed to create shim task: creating container: error executing CreateRuntime hooks: exit status 1:"
               " /usr/local/bin/netns-setup: RTNETLINK answers: File exists\nThe pod has no GPU request.")
    assert "gvisor-nvidia-hook-failed" not in ids(network)
    # (its own words name the hook that failed, another than NVIDIA's, where the paste names nvproxy: red team 86)
    named = ("gVisor with nvproxy on the GPU pool\nerror executing CreateRuntime hooks: exit status 1: "
             "/opt/cni/hooks/netns-setup: RTNETLINK answers: File exists")
    assert "gvisor-nvidia-hook-failed" not in ids(named)
    # (red team 87: the hook's path after fork/exec; the path of a program NVIDIA's hook ran is no other hook's)
    forked = ("nvidia-container-toolkit is installed\nFATAL ERROR: error executing CreateContainer hooks: fork/exec "
              "/usr/libexec/oci/hooks.d/oci-systemd-hook: no such file or directory")
    assert "gvisor-nvidia-hook-failed" not in ids(forked)
    ldcache = ("FATAL ERROR: error executing CreateContainer hooks: exit status 1: /usr/bin/nvidia-ctk hook update-ldcache: "
               "/sbin/ldconfig.real: cannot open /etc/ld.so.cache")
    assert "gvisor-nvidia-hook-failed" in ids(ldcache)
    assert read_cause(network).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    'Error: failed to start container "notebook": Error response from daemon: oci runtime error: container_linux.go:247: '
    'starting container process caused "exec: \\"start-singleuser.sh\\": executable file not found in $PATH"',
    'OCI runtime exec failed: exec failed: container_linux.go:349: starting container process caused "exec: '
    '\\"jupyter\\": executable file not found in $PATH": unknown',
    'docker: Error response from daemon: OCI runtime create failed: runc create failed: unable to start container '
    'process: exec: "/entrypoint.sh": stat /entrypoint.sh: no such file or directory: unknown.'])
def test_a_container_whose_command_is_not_in_the_image_is_no_hook_failure(line: str) -> None:
    """The runtime could not find the program the container is to run (its entrypoint, the exec'd command): the image's
    or the command's, whichever runtime started it; the NVIDIA hook's failures name the hook or its CLI."""
    assert "runtime-hook-failed" not in ids(line)
    assert read_cause(line).cause.id == "not-gpu-access"
    hook = ("docker: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container "
            "process caused: process_linux.go:545: container init caused: Running hook #0:: error running hook: exit "
            "status 1, stdout: , stderr: nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown.")
    assert "runtime-hook-failed" in ids(hook)
    # NVIDIA's own tool, which the runtime puts in a container given the GPU, missing there: the runtime's doing
    smi = ('docker run --rm --gpus all img nvidia-smi\ndocker: Error response from daemon: failed to create shim task: OCI '
           'runtime create failed: runc create failed: unable to start container process: exec: "nvidia-smi": '
           'executable file not found in $PATH: unknown.')
    assert read_cause(smi).cause.id != "not-gpu-access"


def test_a_tool_said_to_be_on_the_path_is_not_a_tool_not_found() -> None:
    """"I made sure nvcc is on the path" says the reporter checked it: the build's own words below are what failed."""
    text = ("The host machine is a Jetson Xavier NX with L4T r34.1.1 and jetpack 5.0.1\n"
            "CMake Error at /usr/share/cmake-3.23/Modules/FindCUDA.cmake:859 (message):\n  Specify CUDA_TOOLKIT_ROOT_DIR\n"
            "I made sure my cuda installation was working, that `nvcc` is on the path and that the default runtime is set")
    reading = explain(text)
    assert [m.line.strip() for m in reading.matches if m.id == "tool-not-found"] == ["Specify CUDA_TOOLKIT_ROOT_DIR"]
    assert reading.cause.id == "jetson-software-mismatch"
    assert "tool-not-found" in ids("Please make sure nvcc is in your PATH")


def test_a_build_in_a_container_on_a_jetson_that_finds_no_cuda_toolkit_is_the_image_s_software() -> None:
    """From JetPack 5 the runtime mounts no CUDA toolkit into a container: a build there needs an image that carries it
    (dusty-nv/jetson-containers#157, l4t-base on r34.1)."""
    text = ("I am trying to build ros2 containers\n$ docker build -t ros2 .\n"
            "CMake Error at /usr/share/cmake-3.23/Modules/FindCUDA.cmake:859 (message):\n  Specify CUDA_TOOLKIT_ROOT_DIR\n"
            "The host machine is a Jetson Xavier NX with L4T r34.1.1 and jetpack 5.0.1, CUDA 11.4")
    reading = read_cause(text).cause
    assert reading.id == "jetson-software-mismatch" and "nodes-missing-in-container" in reading.also_possible


@pytest.mark.parametrize(("system", "want"), [("Running a cluster with the NVIDIA device plugin (on GKE)", "x86-discrete-gpu"),
                                              ("", "nodes-missing-in-container")])
def test_nvidia_smi_working_in_one_run_and_not_found_in_another_is_a_run_without_the_gpu(system: str, want: str) -> None:
    """The runtime brings nvidia-smi into what it gives the GPU: a run where it works and one where the shell cannot
    find it show the second was not given the GPU (kubeflow/kubeflow#1042: a TFJob asking in requests, not limits)."""
    text = (system + "\n* Job, running nvidia-smi, successfully shows GPU device\n"
            "* TFJob, running nvidia-smi, gives command not found")
    reading = read_cause(text).cause
    assert reading.id == want
    assert "not-gpu-access" not in (reading.id, *reading.also_possible)


def test_singularity_unable_to_bind_the_nvidia_files_is_a_container_without_the_gpu() -> None:
    """Singularity's --nv finds the host's NVIDIA libraries with ldconfig; when it cannot, the container runs without
    them (apptainer/singularity#5002: another ldconfig first on the PATH)."""
    line = "WARNING: Unable to capture nv bind points: could not execute ldconfig: exit status 1"
    assert "no-gpu-runtime" in ids(line)
    assert read_cause(PC + "\n$ singularity exec --nv pytorch.simg bash\n" + line).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("line", "unavailable"), [("- GPU monitoring does not work or shows incorrect data", False),
                                                   ("the GPU stats are not working in jtop", False),
                                                   ("GPU usage graph not working since the upgrade", False),
                                                   ("my GPU is not working in the container", True),
                                                   ("the gpu does not work anymore", True)])
def test_a_monitor_of_the_gpu_not_working_is_no_gpu_not_working(line: str, unavailable: bool) -> None:
    """What does not work is a tool's view of the GPU (jtop after an L4T release it does not know yet:
    rbonghi/jetson_stats#863), not the GPU for CUDA."""
    assert ("cuda-unavailable" in ids(line)) is unavailable


@pytest.mark.parametrize("text", [
    "/project/sherpa-onnx/csrc/session.cc:GetSessionOptionsImpl:167\nPlease compile with -DSHERPA_ONNX_ENABLE_GPU=ON. "
    "Available providers: CPUExecutionProvider, .\nFallback to cpu!",
    "Available providers: ['CPUExecutionProvider']"])
def test_a_library_that_offers_only_the_cpu_is_a_build_without_cuda(text: str) -> None:
    """ONNX Runtime's list of providers with the CPU's alone, and a build's own advice to compile with its GPU option:
    the library was built without CUDA (k2-fsa/sherpa-onnx#1299: the Go package's CPU-only libraries)."""
    assert "cpu-only-build" in ids(text)
    assert "cpu-only-build" not in ids("Available providers: ['TensorrtExecutionProvider', 'CUDAExecutionProvider', "
                                       "'CPUExecutionProvider']")


@pytest.mark.parametrize(("line", "tool"), [("I installed CUDA Toolkit 12.1 and cudnn for Cuda12. Both are in the path.", False),
                                            ("Please make sure nvcc is in your PATH", True),
                                            ("ffmpeg is not in the PATH", True)])
def test_a_tool_said_to_be_on_the_path_is_found_and_one_to_be_put_there_is_not(line: str, tool: bool) -> None:
    assert ("tool-not-found" in ids(line)) is tool


@pytest.mark.parametrize(("said", "no_nvidia"), [("On Frontier (an AMD GPU system), there seems to be a fake libcuda", True),
                                                 ("our AMD-GPU supercomputer nodes", True),
                                                 ("an AMD GPU machine with an RTX 3090 added for CUDA", False),
                                                 ("I tested on an AMD CPU system", False)])
def test_a_machine_whose_gpus_are_amd_s_has_no_nvidia_gpu(said: str, no_nvidia: bool) -> None:
    """A CUDA program failing on a machine said to be an AMD GPU system finds no NVIDIA GPU there to use
    (JuliaGPU/CUDA.jl#1879: a placeholder libcuda on an AMD supercomputer)."""
    assert ("no-gpu-words" in ids(said)) is no_nvidia


@pytest.mark.parametrize(("line", "failure"), [
    ("without the plugin a job that asks for NVML could fail", False),
    ("NVML detection fails on every node since the update", True),
    ("slurmd: error: gpu_nvml: failed to load the plugin", True)])
def test_a_failure_foreseen_is_none_observed(line: str, failure: bool) -> None:
    """What something would or could make fail, said as a consequence, is no failure the paste shows (openhpc/ohpc#1910:
    a Slurm package built without its NVML plugin)."""
    assert (find_failure(line) is not None) is failure


def test_gpu_support_said_lost_in_a_recent_build_is_a_build_without_it() -> None:
    """openhpc/ohpc#1910: a Slurm package built without its NVML plugin; the clusters that need it fail because of the
    build, not the driver."""
    text = ("Looks like the gpu_nvml support has been lost in the recent build:\n"
            "[ ~]# rpm -ql slurm-ohpc-22.05.10-2.1.ohpc.2.6.2.x86_64 | grep gpu\n/usr/lib64/slurm/gpu_generic.so\n"
            "Obviously this makes clusters fail that depend on NVML detection of their GPU Gres...")
    assert "cpu-only-build" in ids(text)
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("build", ["torch 2.3.1+cu121", "CUDA used to build PyTorch: 12.1"])
def test_no_cuda_device_said_beside_a_cuda_build_is_no_build_without_cuda(build: str) -> None:
    """A build shown to carry CUDA rules out the likeliest quiet cause, a build without it."""
    paste = build + "\n$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse"
    assert read_cause(paste).cause.id != "not-gpu-access"
    assert read(build).observed.words and read(build).observed.words[0].kind == "CUDA build"


@pytest.mark.parametrize("said", ["Jeston Nano 4GB, pip3 install torch", "my Jetosn Orin NX"])
def test_a_jetson_mistyped_is_a_jetson(said: str) -> None:
    assert next(s.kind for s in read(said).observed.jetson) == "model"


def test_a_gpu_backend_for_another_vendor_refusing_an_nvidia_gpu_is_no_access_problem() -> None:
    """OpenVINO's GPU plugin drives Intel graphics only: it refuses a GeForce by its vendor (openvinotoolkit/openvino#97)."""
    text = ("failed to create engine: No OpenCL device found which would match provided configuration:\n"
            "    GeForce GTX 970: invalid vendor type")
    assert "gpu-vendor-unsupported" in ids(text)
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("said", "build"), [("Compiled with WITH_GPU, but no GPU found in runtime", True),
                                              ("This build was compiled with CUDA 12.1", True),
                                              ("Torch not compiled with CUDA enabled", False),
                                              ("it is not built with CUDA", False)])
def test_a_build_said_to_carry_the_gpu_is_a_cuda_build(said: str, build: bool) -> None:
    assert any(w.kind == "CUDA build" for w in read(said).observed.words) is build


def test_no_gpu_found_by_a_build_with_gpu_support_on_a_pc_is_the_pc_s_gpu_stack() -> None:
    """PaddlePaddle's "Compiled with WITH_GPU, but no GPU found in runtime" rules out a build without CUDA: the GPU did
    not reach the program (PaddlePaddle/models#4486: a container not given the host's GPU)."""
    text = ("Compiled with WITH_GPU, but no GPU found in runtime\n$ uname -a\n"
            "Linux gpu-node-1 3.10.0_3-0-0-15 #1 SMP Fri Jan 12 18:18:11 CST 2018 x86_64 GNU/Linux")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("said", "unused"), [("my code does not use CUDA.", True), ("dlib doesn't utilize cuda at all", True),
                                              ("CMake could not find CUDA", False)])
def test_a_program_said_not_to_use_cuda_is_a_gpu_not_used(said: str, unused: bool) -> None:
    """dlib's HOG face detector and shape predictor run on the CPU whatever the build (davisking/dlib#2302)."""
    assert ("gpu-not-detected" in ids(said)) is unused


@pytest.mark.parametrize(("said", "want"), [
    ("Hello, I installed this OS for my Jetson Nano but I cannot get Tensorflow to recognize my GPUs", "jetson-software-mismatch"),
    ("Jetson Orin Nano, JetPack 6.0: PyTorch does not detect the GPU", "jetson-software-mismatch"),
    ("My environment is NVIDIA TX2, when use the package codecarbon to get information of GPU,but it can not find GPU:",
     "not-gpu-access")])
def test_a_cuda_framework_that_finds_no_gpu_on_a_jetson_is_its_build(said: str, want: str) -> None:
    """A CUDA framework (TensorFlow, PyTorch) that sees no GPU on a Jetson is most often a build without the Jetson's CUDA
    (Qengineering/Jetson-Nano-Ubuntu-20-image#85, KumaTea/tensorflow-aarch64#6); an application's own GPU detection that
    finds none says only that it looked its own way."""
    assert read_cause(said).cause.id == want


def test_an_engine_tensorrt_could_not_load_on_a_jetson_is_the_release_s_software() -> None:
    text = (JETSON_32 + "\nmodel = ObjectDetector('ssd_mobilenet_v2_coco.engine')\n"
            "AttributeError: 'NoneType' object has no attribute 'create_execution_context'")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_a_kernel_launch_out_of_resources_in_words_is_cuda_s_701() -> None:
    text = "FasterRCNN+ResNet seems to throw `cuda launch out of resources` error while running on TX2."
    assert "cuda-701" in ids(text) and read_cause(text).cause.id == "not-gpu-access"


def test_a_cuda_framework_s_no_gpu_words_beside_the_gpu_it_found_are_no_missing_build() -> None:
    """TF-TRT's "Can't find a GPU device" followed by TensorFlow finding the Tegra X2: the build has the Jetson's CUDA
    (peterlee0127/tensorflow-nvJetson#26, a TF-TRT bug fixed in the next release)."""
    text = ("E tensorflow/contrib/tensorrt/convert/convert_graph.cc:720]  Can't find a GPU device to work with.\n"
            "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1404] Found device 0 with properties:\n"
            "name: NVIDIA Tegra X2 major: 6 minor: 2 memoryClockRate(GHz): 1.3005\n")
    assert read_cause(text).cause.id == "not-gpu-access"


TF_TRT_WARNINGS = (
    "W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
    "'libnvinfer.so.7'; dlerror: libnvinfer.so.7: cannot open shared object file: No such file or directory; "
    "LD_LIBRARY_PATH: /usr/lib64-nvidia\n"
    "W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38] TF-TRT Warning: Cannot dlopen some TensorRT libraries. If "
    "you would like to use Nvidia GPU with TensorRT, please make sure the missing libraries mentioned above are installed "
    "properly.")


def test_tensorflow_s_optional_tensorrt_libraries_missing_is_no_gpu_problem() -> None:
    """TensorFlow looks for TensorRT (libnvinfer) at import and warns where it is absent; the GPU is used without it
    (TheLastBen/fast-stable-diffusion#1580: "just a tensorflow msg, ignore it")."""
    assert "cuda-library-missing" not in ids(TF_TRT_WARNINGS)
    assert read_cause(TF_TRT_WARNINGS).cause.id == "not-gpu-access"
    # TensorFlow's CUDA libraries missing are the GPU's software
    cudart = ("W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
              "'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file: No such file or directory")
    assert "cuda-library-missing" in ids(cudart)


@pytest.mark.parametrize(("system", "want"), [("Platform: AGX Orin", "jetson-software-mismatch"),
                                              ("Ubuntu 22.04, RTX 3090", "not-gpu-access")])
def test_a_build_that_lacks_a_header_of_the_gpu_s_software_on_a_jetson_is_its_software(system: str, want: str) -> None:
    """TensorRT's or cuDNN's headers missing for a build on a Jetson: their development files are not installed,
    or not in the image (marcoslucianops/DeepStream-Yolo#505 and #230)."""
    text = (system + "\ndocker image: nvcr.io/nvidia/deepstream-l4t:6.3-samples\n"
            "error: utils.h:36:10: fatal error: NvInfer.h: No such file or directory")
    assert read_cause(text).cause.id == want


@pytest.mark.parametrize(("said", "no_nvidia"), [("I'm using an Intel integrated graphics chip, not NVidia.", True),
                                                 ("an AMD Radeon card, not an NVIDIA one", True),
                                                 ("the Intel CPU, not the NVIDIA GPU, runs it", False)])
def test_another_vendor_s_graphics_not_nvidia_is_no_nvidia_gpu(said: str, no_nvidia: bool) -> None:
    """HandBrake's NVENC probe failing on a machine whose graphics are Intel's (HandBrake/HandBrake#1874)."""
    assert ("no-gpu-words" in ids(said)) is no_nvidia


@pytest.mark.parametrize(("said", "behind"), [
    ("my host machine is using Cuda version 11.4, but the container is using 12.1.", True),
    ("my host machine is using Cuda version 11.4, but the container is using 11.8.", False),
    ("the host has CUDA 12.4 while the image uses 12.1", False)])
def test_a_container_s_cuda_said_newer_than_the_host_s_is_a_driver_behind(said: str, behind: bool) -> None:
    """The host's CUDA version (its driver's, as nvidia-smi says it) of an older major than the image's CUDA: the driver
    is too old for the container (within a major, from CUDA 11, minor version compatibility runs it)."""
    assert ("cuda-35" in ids(said)) is behind


@pytest.mark.parametrize("line", ["It returns the same error.", "reinstalled it and still got the same error!"])
def test_an_error_only_referred_to_is_a_failure_the_paste_does_not_show(line: str) -> None:
    """"It returns the same error." names no error: what failed is elsewhere (an earlier post), not an error of another
    kind than the GPU's (ErsatzTV/legacy#1116)."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == "unshown"
    assert read_cause(line).cause.id != "not-gpu-access"


# ---- a Mac by its chip, a fix that names the runtime, a ROCm build, the toolkit's installer ----


@pytest.mark.parametrize("said", ["I'm on an Apple silicon Mac", "this is an M1 Mac", "running it on my Mac M2"])
def test_a_mac_named_by_its_chip_has_no_cuda(said: str) -> None:
    text = 'Error response from daemon: could not select device driver "nvidia" with capabilities: [[gpu]]\n' + said
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("text", "fixed"), [
    ("just adding `runtime: nvidia` under this line fixed my nvidia gpu detection issue", True),
    ("passing --gpus all to docker run solved it", True),
    ("adding --gpus all did not fix it", False),
    ("I tried adding runtime: nvidia, which didn't fix anything", False),
    ("would adding --runtime nvidia fix this?", False),
])
def test_a_fix_that_gives_the_container_the_gpu_says_it_had_none(text: str, fixed: bool) -> None:
    assert ("nodes-missing-words" in ids(text)) is fixed
    if fixed:
        assert read_cause(text).cause.id == "nodes-missing-in-container"
        assert read_cause(PC + "\n" + text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["the script attempted to install the wrong version of Pytorch on my system (rocm instead "
                                  "of cuda)", "pip installed the ROCm build of torch on my NVIDIA box"])
def test_a_rocm_build_on_an_nvidia_machine_is_a_build_without_cuda(line: str) -> None:
    lspci = "01:00.0 VGA compatible controller: NVIDIA Corporation Device 2520 (rev a1)\n"
    assert "cpu-only-build" in ids(line)
    assert read_cause(lspci + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    'level=error msg="error running nvidia-toolkit: unable to determine runtime options: unable to load containerd '
    'config: failed to load config: failed to run command chroot [/host containerd config dump]: exit status 127"'])
def test_the_toolkits_own_installer_failing_is_the_toolkits_set_up(line: str) -> None:
    result = read_cause(line)
    assert result.cause.id == "toolkit-band", result.cause


@pytest.mark.parametrize(("version", "cause"), [("PyTorch Version: 2.5.1", "jetson-software-mismatch"),
                                                ("- **PyTorch Version:** 2.5.1", "jetson-software-mismatch"),
                                                ("torch==2.5.1", "jetson-software-mismatch"),
                                                ("PyTorch Version: 2.5.0a0+872d972e41.nv24.08", "not-gpu-access"),
                                                ("Python Version: 3.10.12", "not-gpu-access")])
def test_a_gpu_that_stays_idle_beside_a_generic_framework_build_is_that_build(version: str, cause: str) -> None:
    """On a Jetson, a framework at a version with no build tag is the package index's generic wheel, which carries no
    CUDA for it; NVIDIA's Jetson wheel (tagged nv24.08), or no framework shown, leaves the program's own choice."""
    text = JETSON_36 + "\n" + version + "\nWhile generating, the GPU appears idle in jtop."
    assert "gpu-not-detected" in ids(text)
    assert read_cause(text).cause.id == cause


@pytest.mark.parametrize(("line", "model"), [("Seeed reComputer J4012, fresh flash from the Seeed image.", "reComputer J4012"),
                                             ("Robot brain is an AGX devkit (64GB), flashed last week.", "AGX devkit"),
                                             ("New Nano Super dev kit, flashed with SDK Manager.", "Nano Super dev kit"),
                                             ("our edge boxes (AGX devkits) run the pipeline", "AGX devkits")])
def test_a_jetson_named_by_its_kit_or_its_carrier_is_the_model(line: str, model: str) -> None:
    """The AGX kit and the Orin Nano Super by those names alone, and Seeed's reComputer carriers, are Jetsons."""
    seen = read(line).observed
    assert (seen.model or "").startswith(model) and seen.jetson and not seen.x86


@pytest.mark.parametrize(("line", "system"), [("our JetBot (a Nano) lost its GPU after the update", "jetson"),
                                              ("the lab server, Ubuntu 22.04 with 4x A6000.", "pc"),
                                              ("the self-hosted runner has an A4000", "pc"),
                                              ("the A6000.2 revision of the board", "")])
def test_a_jetbot_is_a_jetson_and_a_workstation_card_ends_a_sentence(line: str, system: str) -> None:
    seen = read(line).observed
    assert (bool(seen.jetson), bool(seen.x86)) == (system == "jetson", system == "pc")


@pytest.mark.parametrize("line", ["When we try to run on AWS Batch with the gpu profile, it breaks:",
                                  "the training job runs on SageMaker", "our Azure ML compute cluster", "a Vertex AI custom job"])
def test_a_clouds_managed_batch_or_training_service_is_a_pc(line: str) -> None:
    seen = read(line).observed
    assert seen.x86 and not seen.jetson
    text = line + "\nAssertionError: Trying to use CUDA, but CUDA is not available."
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("line", "no_gpu"), [("the gpu profile makes non-gpu steps on non-gpu nodes fail", True),
                                              ("CPU tasks land on nodes without a GPU", True),
                                              ("the GPU nodes run fine", False)])
def test_nodes_said_to_have_no_gpu_are_a_machine_without_one(line: str, no_gpu: bool) -> None:
    text = line + '\ndocker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]]'
    assert ("no-gpu-words" in ids(text)) is no_gpu
    assert (read_cause(text).cause.id == "not-gpu-access") is no_gpu


@pytest.mark.parametrize("line", ["as they load and run almost no GPU is being used", "hardly no GPU was utilised"])
def test_almost_no_gpu_used_is_a_program_that_does_not_use_it(line: str) -> None:
    assert "gpu-not-detected" in ids(line)


@pytest.mark.parametrize(("line", "pc"), [
    ("On Kaggle : libcusparse.so.12: undefined symbol: __nvJitLinkComplete_12_4", True),
    ("the model was first trained on Kaggle and exported for the Jetson", False),
    ("mount libcuda.so from the AWS EKS OS so that the pod can use CUDA", True),
    ("[Fatal] [carb.crashreporter-breakpad.plugin] 000: rtx.scenedb.plugin.dll!carbOnPluginStartup+0x252db", True),
    ("After updating the NVIDIA driver to 595.79, Isaac Sim fails to detect the CUDA device", True),
    ("After updating the NVIDIA driver to 540.4.0 with JetPack 6.2, nothing changed", False),
    ("pod:\n  nvidia-driver-daemonset:  CrashLoopBackOff", True),
    # a Slurm job's script or request: a cluster's, as a hint (a Jetson cluster can run Slurm too)
    ("#SBATCH --gres=gpu:1", True),
    ("$ srun -p gpu --pty bash", True),
    ("I plan to try sbatch later", False),
    # CUDA's libraries as macOS names them: CUDA ran on Macs up to 10.2, on Intel Macs with NVIDIA cards
    ("ImportError: dlopen(/x/_pywrap_tensorflow.so, 10): Library not loaded: @rpath/libcudart.7.5.dylib", True),
    ("lrwxr-xr-x  1 root  wheel  33 Feb 16 15:34 /usr/local/cuda/lib/libcuda.1.dylib -> /usr/local/cuda/lib/libcuda.dylib",
     True),
    ("-- Installing: /opt/app/lib/libfoo.dylib", False),
    # a PC maker's product in a host name, as Ubuntu's installer names the machine after it
    ("ubuntu@ubuntu-Precision-Tower-5810:~/ORB_SLAM2_CUDA-master$ ./build/rgbd_tum", True),
    ("me@me-System-Product-Name:~$ nvidia-smi", True),
    ("nvidia@nvidia-desktop:~$ ./deviceQuery", False),
    # data-centre cards by name (the L20 and H20, Blackwell's GB200), an HPC cluster's Lmod modules and EasyBuild's
    # software, a scheduler's job epilog
    ("I install kokkos in NVIDIA L20. It can compile successful, but when I run the program, it encounter a error.", True),
    ("GPU 0: NVIDIA H20 (UUID: GPU-5c2b0d1e)", True),
    ("our GB200 nodes fail to start CUDA", True),
    ("$ ml load gompi/2022b foss/2022b CUDA/12.0.0", True),
    ("    at /share/easybuild/software/sources/c/CP2K/cp2k-2024.1/src/offload/offload_library.c:58", True),
    ("In the nvidia epilog, llnl getting lots of failures.", True),
    ("the L2 cache of an Orin is 4 MB", False),
    ("an epilogue to the story", False),
    ("we rent 8x H20 GPUs for training", True),
    ("the job fails on our B300 nodes", True),
    # (a managed notebook of Google's cloud: "a Vertex notebook", its Workbench)
    ("Clicked my way through from NGC to a Vertex notebook. The custom kernel takes minutes to appear.", True),
    ("the vertex shader fails to compile on the Orin", False),
    # Windows listed beside other systems: what a program supports, not the machine
    ('        """query nvidia gpu count, available on Windows and Linux"""', False),
    ("it runs on Linux, macOS or Windows", False),
    ("works on linux but on windows it fails", True),
    # the names where they are no card, no Lmod and no scheduler: a camera, a source line, prose, argparse's epilog
    ("Camera: DJI Zenmuse H20, stream decoded with NVIDIA hardware decoder", False),
    ("see https://github.com/org/repo/blob/main/quant/base.py#L20 for the int4 path", False),
    ("ML load times are fine, but inference is slow", False),
    ("parser = argparse.ArgumentParser(description='serve', epilog=\"see docs/serving.md\")", False),
])
def test_where_a_failure_ran_names_a_pc(line: str, pc: bool) -> None:
    """A cloud notebook the failure ran on, a cloud's Kubernetes OS, a Windows crash stack's module, a desktop driver's
    version updated to, the GPU Operator's driver container: no Jetson is any (JetPack 6's driver says 540); a Slurm
    job hints at a cluster's server."""
    assert bool(read(line).observed.x86) is pc


def test_sources_hipified_are_a_rocm_build_s() -> None:
    """PyTorch's extension builder translates CUDA sources to HIP only in a ROCm build: an AMD GPU's stack, whose
    CUDA-version warning is no Jetson's software."""
    warning = " [WARNING]  fused_adam cuda is missing or is incompatible with installed torch, only cpu ops can be compiled!"
    hipify = ("/opt/env/lib/python3.10/site-packages/deepspeed/ops/csrc/includes/type_shim.h -> /opt/env/lib/python3.10/"
              "site-packages/deepspeed/ops/csrc/includes/type_shim_hip.h [skipped, already hipified]")
    assert read_cause(warning + "\n" + hipify).cause.id == "not-gpu-access"
    assert read_cause(warning).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize(("line", "jetson"), [
    ('  File "/usr/local/lib/python3.6/dist-packages/nvgpu/list_gpus.py", line 26, in device_status', False),
    ("import nvgpu\nnvgpu.gpu_info()", False),
    ("[  12.345] nvgpu: 17000000.gpu  gk20a_finalize_poweron: failed", True),
    ("$ sudo insmod nvgpu.ko\ninsmod: ERROR: could not insert module nvgpu.ko: Unknown symbol in module", True),
    ("GPU 0: Orin (nvgpu)", True),
])
def test_the_python_package_nvgpu_is_no_jetson_s_driver(line: str, jetson: bool) -> None:
    """nvgpu is the Jetson GPU's kernel driver, and also a Python package that lists a PC's GPUs through NVML."""
    assert bool(read(line).observed.jetson) is jetson


@pytest.mark.parametrize(("line", "pc"), [("- OS(Ubuntu or CentOS): Ubuntu 20.04", False),
                                          ("Distribution (Fedora or Ubuntu): Ubuntu 22.04", False),
                                          ("OS: CentOS 7", True), ("Fedora 39 workstation, RTX-less", True),
                                          ("Im using CachyOS linux with GNOME 49", True), ("Nobara 41 (KDE)", True)])
def test_a_distribution_among_a_templates_choices_names_no_system(line: str, pc: bool) -> None:
    """An issue template's "OS (Ubuntu or CentOS):" offers choices; only the answer names the system."""
    assert bool(read(line).observed.x86) is pc


@pytest.mark.parametrize(("line", "on_cpu"), [("when I write embeddings it seems that it still used cpu to execute", True),
                                              ("the container only uses the CPU", True),
                                              ("ffmpeg runs on the CPU instead of the GPU", True),
                                              ("it will just use the CPU and not GPU.", True),
                                              ("how do I make it only use the CPU?", False),
                                              ("it still uses CPU is fine for the tokenizer", False),
                                              ("the dataloader still uses the CPU for decoding jpegs", False),
                                              ("the network runs on the GPU, the video decode still uses the CPU", False)])
def test_a_program_said_to_still_use_the_cpu_does_not_use_the_gpu(line: str, on_cpu: bool) -> None:
    """The whole program on the CPU, not one step of it beside the GPU's work."""
    assert bool({"cuda-unavailable", "gpu-not-detected"} & set(ids(line))) is on_cpu


_ELECTRON = ("[14021:0612/144001.874060:ERROR:gpu_process_host.cc(993)] GPU process exited unexpectedly: exit_code=133\n"
             "[14021:0612/144001.874060:FATAL:gpu_data_manager_impl_private.cc(445)] GPU process isn't usable. Goodbye.")


@pytest.mark.parametrize("system", ["", PC])
def test_chromiums_gpu_process_giving_up_is_its_own_sandbox_not_the_gpus_access(system: str) -> None:
    """Chromium's GPU process runs in Chromium's own sandbox; an older sandbox than the driver needs ends it
    (NVIDIA/open-gpu-kernel-modules#302)."""
    reading = read_cause(system + "\n" + _ELECTRON)
    assert reading.cause.id == "not-gpu-access", reading.cause
    assert read_cause(system + "\n" + _ELECTRON + "\nFailed to initialize NVML: Insufficient Permissions").cause.id != "not-gpu-access"


@pytest.mark.parametrize(("line", "pc"), [("because my system has a GPU with compute capability 3.0.", True),
                                          ("I have a GPU with a compute capability of 6.1", True),
                                          ("needs a GPU with compute capability 3.5 or higher", False),
                                          ("This build requires a GPU with compute capability 7.0", False),
                                          ("Only GPUs with compute capability 7.5 are supported", False),
                                          ("my card's compute capability is 8.6", True),
                                          ("running kernels compiled for compute capability 3.7 on device with compute "
                                           "capability 6.0 is not supported by CUDA!", True),
                                          ("requires devices with compute capability 7.0+", False),
                                          ("my GPU with compute capability 8.7 (Orin)", False)])
def test_the_users_own_card_by_its_compute_capability_names_a_pc(line: str, pc: bool) -> None:
    """No Jetson's GPU has 3.0 or 6.1 (TK1 3.2, TX1 and Nano 5.3, TX2 6.2, Xavier 7.2, Orin 8.7, Thor 10.1/11.0); what
    a build needs names no one's card."""
    assert bool(read(line).observed.x86) is pc


@pytest.mark.parametrize("line", ["open /dev/nvidiactl: Permission denied",
                                  'open("/dev/nvidia0", O_RDWR) = -1 EACCES (Permission denied)',
                                  "mount /dev/nvidia-uvm-tools: operation not permitted",
                                  "PermissionError: [Errno 13] Permission denied: '/dev/nvidia0'"])
def test_a_discrete_drivers_node_denied_is_a_denial_of_that_gpu(line: str) -> None:
    """The driver answers a denied /dev/nvidia* with CUDA's 100 or 999 (measured, docs/reference/device-nodes.md); the
    denial itself names the node, on a PC or on Thor, never a version mismatch."""
    assert "nvidia-node-denied" in ids(line)
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"
    assert read_cause("Jetson AGX Thor Developer Kit, JetPack 7.0\n" + line).cause.id == "tegra-nodes-denied"
    assert "nvidia-node-denied" not in ids("ls -l /dev/nvidia0 /dev/nvidiactl")
    assert "nvidia-node-denied" not in ids("The old problem (`" + line + "`) is gone now")


@pytest.mark.parametrize(("line", "none"), [
    ("I can't enable CUDA on my Laptop since it doesn't have an NVIDIA graphics card, so tell me", True),
    ("the server is slow because it has no dedicated NVIDIA GPU", True),
    ("the Jetson system is slow since it has no dedicated GPU memory", False),
    ("this is not about my laptop, since it doesn't have an NVIDIA GPU at all", False),
    ("the container fails because it doesn't have an nvidia runtime set", False)])
def test_a_machine_said_to_lack_an_nvidia_card_has_none(line: str, none: bool) -> None:
    """"My laptop ... since it doesn't have an NVIDIA graphics card"; a dedicated GPU alone names no vendor."""
    assert ("no-gpu-words" in ids(line)) is none


@pytest.mark.parametrize(("line", "missing"), [
    ("the ubuntu_ros_system container doesn't have access to the gpu, so RViz is slow", True),
    ("our pod has no GPU access after the upgrade", True),
    ("I built torchvision in a docker container, which doesn't have access to the GPU", False)])
def test_a_container_said_to_lack_the_gpu_is_a_container_without_it(line: str, missing: bool) -> None:
    """A build in a container without the GPU is told as a fact, not as the failure."""
    assert ("nodes-missing-words" in ids(line)) is missing


_WSL_BANNER = ("I run CUDA on WSL2 with the 510.06 driver.\n"
               "$ docker run --gpus all --rm nvcr.io/nvidia/tensorflow:20.03-tf2-py3 nvidia-smi\n"
               "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
               "   Use 'nvidia-docker run' to start this container; see\n")


def test_the_cuda_images_banner_on_wsl_with_the_gpu_given_says_nothing_of_access() -> None:
    """WSL 2's GPU comes from Windows through /dev/dxg; the banner's check of the Linux driver's files misses it."""
    assert read_cause(_WSL_BANNER).cause.id == "not-gpu-access"
    without_gpus = _WSL_BANNER.replace("--gpus all ", "")
    assert read_cause(without_gpus).cause.id == "x86-discrete-gpu"  # not given the GPU: the banner is right
    native = _WSL_BANNER.replace("on WSL2 ", "on Ubuntu 22.04 ")
    assert read_cause(native).cause.id == "x86-discrete-gpu"
    failing = _WSL_BANNER + "RuntimeError: CUDA error: no CUDA-capable device is detected (error 100)\n"
    assert read_cause(failing).cause.id != "not-gpu-access"


@pytest.mark.parametrize(("text", "reading"), [
    ("### What GPU are you using?\nADM Radeon Pro 460\n[AVHWDeviceContext @ 0x1] Cannot load nvcuda.dll\n"
     "[AVHWDeviceContext @ 0x1] Could not dynamically load CUDA", "not-gpu-access"),
    ("GPU: AMD RX 580\nError: nvcuda.dll was not found", "not-gpu-access"),
    ("GPU: Intel UHD Graphics 630 and NVIDIA GeForce GTX 1650\nRuntimeError: CUDA error: no CUDA-capable device is "
     "detected", "x86-discrete-gpu"),
    ("GPU: AMD RX 6600\nrocminfo: Unable to open /dev/kfd read-write: Permission denied", "x86-discrete-gpu"),
    ("Laptop: Intel UHD Graphics 620\nRuntimeError: Found no NVIDIA driver on your system.", "x86-discrete-gpu"),
    ("GPU: Radeon RX 580 Series\nRuntimeError: CUDA failed with error CUDA driver version is insufficient for CUDA "
     "runtime version", "not-gpu-access"),
    ("GPU: GeForce RTX 3060\nRuntimeError: CUDA driver version is insufficient for CUDA runtime version",
     "x86-discrete-gpu"),
    ("GPU: Radeon RX 6600 for the monitors and a P40 for LLMs (driver 470)\nggml_cuda_init: failed to initialize "
     "CUDA: CUDA driver version is insufficient for CUDA runtime version", "x86-discrete-gpu"),
    ("GPU: Radeon RX 580 Series\n/usr/bin/x86_64-linux-gnu-gcc -m64 -O2 -fPIC -c ext.c\nRuntimeError: Found no NVIDIA "
     "driver on your system.", "not-gpu-access"),
    ("ONNX lists CUDAExecutionProvider even on my Intel GPU\n2024-03-05 11:40:14.847702004 [E:onnxruntime:Default, "
     "provider_bridge_ort.cc:1548 TryGetProviderInfo_CUDA] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort"
     ".cc:1209 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load "
     "library libonnxruntime_providers_cuda.so with error: libcublasLt.so.11: cannot open shared object file: No such "
     "file or directory", "not-gpu-access"),  # (the library named past the part of the line a reading shows)
    ("ONNX lists CUDAExecutionProvider even on my Intel GPU beside the GeForce RTX 3060\n[E:onnxruntime:Default] Failed "
     "to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.11: cannot open shared object file",
     "x86-discrete-gpu")])
def test_a_machine_whose_only_gpu_is_amds_or_intels_fails_where_only_nvidia_serves(text: str, reading: str) -> None:
    """No NVIDIA GPU to grant where the paste names only another vendor's; beside an NVIDIA card, failing on the other
    vendor's own node, or on a laptop's integrated GPU finding no NVIDIA driver (its NVIDIA GPU may be unloaded), it is
    the PC's GPU set-up."""
    assert read_cause(text).cause.id == reading


@pytest.mark.parametrize(("line", "system"), [("nvcc fatal   : Unsupported gpu architecture 'compute_80'", PC),
                                              ("nvlink fatal   : elfLink fatbinary error (target: sm_80)", PC)])
def test_the_cuda_compilers_own_fatal_error_is_a_build_error(line: str, system: str) -> None:
    """nvcc or nvlink refusing what a build asked of it is the build's toolchain or settings: the GPU is not reached."""
    assert "build-error" in ids(line)
    assert read_cause(system + "\n" + line).cause.id == "not-gpu-access"
    assert "build-error" not in ids("nvlink error: link 2 is down")  # (the NVLink hardware's own words)


@pytest.mark.parametrize("said", ["I am on L4T (32.7.2).", "JetPack 4.6.2 (L4T 32.7.2)", "running L4T(32.7.2)"])
def test_an_l4t_release_in_parentheses_is_read(said: str) -> None:
    assert read(said).observed.l4t == "32.7.2"


def test_a_gpu_another_process_holds_is_the_servers_set_up_and_dcgms_profiling_is_no_access_problem() -> None:
    """A reset or a MIG change blocked by nvidia-persistenced or nvidia_drm is the data-centre GPU's own set-up; DCGM's
    profiling metrics exist on data-centre GPUs only, so an exporter asking for them on a Quadro is its configuration."""
    held = "$ nvidia-smi --gpu-reset\nGPU 00000000:C1:00.0 is currently in use by another process."
    assert read_cause(held).cause.id == "x86-discrete-gpu"
    dcgm = ('time="2020-10-27T00:53:32Z" level=info msg="DCGM successfully initialized!"\n'
            'time="2020-10-27T00:53:32Z" level=fatal msg="Error watching fields: Profiling is not supported for this '
            'group of GPUs or GPU"')
    reading = read_cause(dcgm)
    assert reading.cause.id == "not-gpu-access" and reading.observed.x86  # (DCGM runs on no Jetson)


@pytest.mark.parametrize("card", ["Nvidia RTX Pro 6000 Blackwell Server Edition", "NVIDIA RTX PRO 4500"])
def test_the_blackwell_workstation_cards_name_a_pc(card: str) -> None:
    assert any("RTX PRO" in s.value.upper() for s in read("**GPU used:** " + card).observed.x86)


def test_a_pc_where_cuda_answers_true_and_nothing_fails_is_no_access_problem() -> None:
    text = (PC + "\n$ docker exec app python -c \"import torch; print(torch.cuda.is_available())\"\nTrue\n"
            "but no inference process ever runs on the GPU")
    assert read_cause(text).cause.id == "not-gpu-access"
    unanswered = PC + "\nbut no inference process ever runs"  # (no answer from CUDA: the PC's reading stands)
    assert read_cause(unanswered).cause.id == "x86-discrete-gpu"


def test_collect_envs_could_not_collect_is_no_failure() -> None:
    assert find_failure("cuDNN version: Could not collect") is None
    assert find_failure("I could not collect the logs from the board") is not None  # (prose: something failed)


@pytest.mark.parametrize("said", ["`torch.cuda.is_available()` returns `true`", "Is CUDA available (PyTorch): Yes",
                                  "Is CUDA available: True", "torch.cuda.is_available() returned True",
                                  "torch.cuda.is_available() printed `True`"])
def test_cuda_answering_true_in_words_or_in_a_form_counts_as_its_answer(said: str) -> None:
    """CUDA's own answer said on the check's line; a PC that shows it and nothing failing has no access problem."""
    text = "C:\\Users\\me> python run.py\nmy CPU sits at 100% while the GPU is barely used\n" + said
    assert read(text).observed.cuda_true is not None
    assert read_cause(text).cause.id == "not-gpu-access"
    refused = said.replace("true", "false").replace("True", "False").replace("Yes", "No")
    assert read(text.replace(said, refused)).observed.cuda_true is None


def test_a_program_that_finds_no_gpu_where_cudas_own_check_answers_true_is_its_own_detection() -> None:
    """A CUDA build of torch shown beside its True: what finds no GPU is the program's own check, not the build."""
    text = ("configs.config | No supported Nvidia GPU found\nconfigs.config | Use cpu instead\ntorch 2.3.1+cu118\n"
            ">>> torch.cuda.is_available()\nTrue\n>>> torch.cuda.get_device_name(0)\n'NVIDIA GeForce GTX 1050 Ti'")
    assert read_cause(text).cause.id == "not-gpu-access"
    assert read_cause(text.replace("True", "False")).cause.id != "not-gpu-access"


def test_cuda_answering_true_is_no_assertion_past_answer_or_unfilled_form() -> None:
    """An assertion's expected value, an answer from before a change and a form's choices are no answer of CUDA's."""
    for said in ("assert torch.cuda.is_available() == True", "torch.cuda.is_available() was True until this morning",
                 "Is CUDA available: Yes / No", "assert torch.cuda.is_available() is True",
                 "if torch.cuda.is_available() is True:", "torch.cuda.is_available() is True on the host but False inside "
                 "the container"):
        assert read("my CPU sits at 100% while the GPU is barely used\n" + said).observed.cuda_true is None, said


@pytest.mark.parametrize(("line", "failed"), [
    ("sd卡镜像中没有cuda包，这导致我无法使用jetson nano的ai功能", True),
    ("推論を実行するとエラーになります", True),
    ("GPU 초기화에 실패했습니다", True),
    ("容器里可以正常使用GPU", False),
    ("训练过程没有报错，但是速度很慢", False),
    ("GPU は動いています。エラーも出ません。", False),
    ("用 GPU 训练时报错：", False),
    ("能不能帮我看看这个配置", False),
    ("検証エラー率が 30% から下がりません", False),
    ("오류 없이 끝났습니다", False)])
def test_chinese_japanese_and_korean_words_of_failure_are_read(line: str, failed: bool) -> None:
    """Cannot, failed and error in Chinese, Japanese and Korean, whose words have no spaces between them; not where said
    not to happen, nor where they introduce the error printed below, nor inside another word ("能不能", "エラー率")."""
    assert (find_failure(line) is not None) is failed


@pytest.mark.parametrize(("line", "failed"), [
    ("script quits with only the log \"Killed\".", True),
    ("the build gets as far as linking, then: Killed", True),
    ("I killed the old container before starting this one", False),
    ("we killed the stale process and restarted the service", False)])
def test_a_process_killed_is_a_failure_but_one_the_reporter_killed_is_not(line: str, failed: bool) -> None:
    """The kernel's OOM killer prints "Killed" and nothing else: a failure; what the reporter killed is a step."""
    assert (find_failure(line) is not None) is failed


@pytest.mark.parametrize(("line", "kind"), [
    ("thread 'main' panicked at 'No adapters are available!', wgpu-native/src/instance.rs:329:9", "gpu"),
    ("Error: No suitable adapter found for the surface", "gpu"),
    ("No network adapters are available, so the download failed", "other")])
def test_a_graphics_api_s_adapter_is_the_gpu(line: str, kind: str) -> None:
    """wgpu and WebGPU call the GPU an adapter: none found is a GPU failure; a network adapter is not."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == kind


@pytest.mark.parametrize(("line", "kind"), [
    ('Templating [gpu] Error updating options: Browser access mode in the Prometheus datasource is no longer available.',
     "other"),
    ("Error: failed to query $gpu for the panel", "other"),
    ("could not select device driver with capabilities: [[gpu]]", "gpu"),
    ("[GPU] initialisation failed", "gpu")])
def test_a_dashboard_s_variable_named_gpu_is_no_gpu_word(line: str, kind: str) -> None:
    """A dashboard's template variable ("[gpu]", "$gpu") names a panel's query, not the GPU; Docker's capability list
    and a log's leading tag do."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == kind


@pytest.mark.parametrize(("line", "kind"), [
    ("I think they differ from nvidia docs only in vnc client settings. But even with this step, I can't connect to "
     "jetson.", "other"),
    ("Following NVIDIA's guide the VNC server still fails to start", "other"),
    # (red team 107: NVIDIA as where the driver came from is the GPU's software)
    ("After installing the driver from NVIDIA's website the login screen loops and I can't get to the desktop.", "gpu"),
    ("the nvidia GPU fails to initialise after the update", "gpu")])
def test_nvidia_as_the_author_of_a_guide_is_no_gpu_word(line: str, kind: str) -> None:
    """NVIDIA named as who wrote the docs or guide followed says nothing of the GPU: the failure beside it is another."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == kind


def test_a_jetson_reached_over_vnc_that_does_not_connect_is_no_gpu_failure() -> None:
    text = ("There is a problem with connecting to jetson nano 4gb via vnc. I used the official guide.\n"
            "I think they differ from nvidia docs only in vnc client settings. But even with this step, I can't connect "
            "to jetson.\n")
    assert explain(text).cause.id != "jetson-software-mismatch"


@pytest.mark.parametrize(("line", "kind"), [
    ("NotImplementedError: Replay with other control modes is not supported when replaying on GPU environments",
     "other"),
    ("NotImplementedError: Cuda is not available", "gpu"),
    ("NotImplementedError: Could not run 'torchvision::nms' with arguments from the 'CUDA' backend, not supported",
     "version"),
    ("NotImplementedError: Replay is Not Supported when replaying on GPU environments", "other"),
    ("NotImplementedError: NVDEC decoding is not supported because libnvcuvid.so.1 cannot be loaded", "driver")])
def test_a_feature_a_program_lacks_is_no_gpu_failure(line: str, kind: str) -> None:
    """A program's own missing feature on the GPU is its code, unlike a GPU it finds unavailable or a backend's kernels."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == kind


def test_lxds_own_cdi_mode_is_not_the_container_toolkits_band() -> None:
    """LXD and Incus build their GPU devices themselves: their CDI mode failing is the PC's GPU set-up, while the same
    words beside Docker's toolkit stay the toolkit's."""
    said = "CDI mode doesn't work with multiple GPUs, though one GPU works fine\n"
    lxd = said + ('Error: Failed to start device "gpu1": remove /var/snap/lxd/common/lxd/devices/t/cdi.disk.gpu0: device '
                  "or resource busy\n$ lxc info --show-log t\nArchitecture: x86_64")
    assert read_cause(lxd).cause.id == "x86-discrete-gpu"
    docker = said + "$ docker run --rm --device nvidia.com/gpu=all ubuntu nvidia-smi\nArchitecture: x86_64"
    assert read_cause(docker).cause.id == "toolkit-band"
    engine = ("docker: CDI mode doesn't work with multiple GPUs, though one GPU works fine\n$ lxc info --show-log t\n"
              "Architecture: x86_64")  # (LXD on the machine, but the CDI mode the line names is Docker's)
    assert read_cause(engine).cause.id == "toolkit-band"


def test_egl_failing_on_wsl_is_the_pcs_gpu_stack() -> None:
    """WSL's GPU stack lacks OpenGL-CUDA interop, so an OpenGL rasteriser's EGL fails there; on Linux itself a missing
    display is no GPU access problem."""
    wsl = "Ubuntu 22.04 on WSL2\n[F glutil.cpp:338] eglInitialize() failed"
    assert read_cause(wsl).cause.id == "x86-discrete-gpu"
    denied = wsl + "\nls: cannot open '/dev/dri/renderD128': Permission denied"  # (a node denied: the denial decides)
    assert "EGL fails on WSL" not in read_cause(denied).cause.why.text
    assert read_cause(wsl.replace(" on WSL2", "") + "\n" + PC).cause.id == "not-gpu-access"


def test_a_rootless_engine_that_runs_no_hook_leaves_the_gpu_out_of_the_container() -> None:
    """A rootless run whose container does not see the GPU: the engine never ran the NVIDIA hook, so the container
    lacks the GPU, whatever the program's own "No GPU is found" says."""
    text = ("1. Install the driver and nvidia-container-runtime-hook\n2. podman run --rm nvidia/cuda:9.0-base nvidia-smi\n"
            "3. No GPU is found, hook is not loaded\nGPU not visible to the container.\nOS/Arch: linux/amd64")
    assert read_cause(text).cause.id == "x86-discrete-gpu"



@pytest.mark.parametrize(("line", "x86"), [
    ("I tensorflow/core/platform/cpu_feature_guard.cc:142] Your CPU supports instructions that this TensorFlow binary "
     "was not compiled to use: AVX2 FMA", True),
    ("This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations: "
     "AVX2 AVX512F FMA", True),
    ("system_info: n_threads = 8 / 16 | AVX = 1 | AVX2 = 1 | AVX512 = 0 | FMA = 1 | NEON = 0 |", True),
    ("flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ssse3 fma cx16 avx2 bmi2", True),
    ("system_info: n_threads = 6 / 6 | AVX = 0 | AVX2 = 0 | NEON = 1 | ARM_FMA = 1 |", False),
    ("the Jetson has no AVX2, so the x86 wheel cannot run there", False)])
def test_an_x86_cpus_instruction_sets_as_a_program_reports_them_name_a_pc(line: str, x86: bool) -> None:
    """TensorFlow's CPU check, llama.cpp's system line and the CPU's flags list x86 instruction sets, which no Jetson's
    Arm CPU has; the words said in prose of a Jetson are not the machine's report."""
    assert any("avx" in s.value.lower() for s in read(line).observed.x86) is x86


def test_tensorflows_notes_that_tensorrt_is_absent_say_no_more_on_a_pc() -> None:
    """TensorFlow goes on without TF-TRT's libraries wherever it runs: a PC's paste of only those warnings shows nothing
    failing, as another machine's does."""
    notes = ("W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
             "'libnvinfer.so.7'; dlerror: libnvinfer.so.7: cannot open shared object file: No such file or directory\n"
             "W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38] TF-TRT Warning: Cannot dlopen some TensorRT "
             "libraries. If you would like to use Nvidia GPU with TensorRT, please make sure the missing libraries "
             "mentioned above are installed properly.\n")
    assert read_cause(notes).cause.id == read_cause(notes + PC).cause.id == "not-gpu-access"


def test_a_build_said_to_lack_cuda_is_outranked_only_by_cudas_own_memory_error_or_the_driver() -> None:
    """CUDA running out of memory shows the build has CUDA, so the build's words leave the reading; a host compiler
    killed for memory while it builds a CUDA extension says nothing of CUDA, so the build's reading stands."""
    oom = ("AssertionError: Torch not compiled with CUDA enabled\nRuntimeError: CUDA out of memory. Tried to allocate "
           "20.00 MiB (GPU 0; 3.95 GiB total capacity)")
    assert read_cause(oom).cause.id == "not-gpu-access"
    compiler = (PC + "\nWARNING:auto_gptq.nn_modules.qlinear_old:CUDA extension not installed.\nbuilding the CUDA "
                "extension: c++: internal compiler error: Killed (program cc1plus)")
    assert read_cause(compiler).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("filler", "line", "family"), [
    ("step {}: a small batch", "the flash attention plugin in TensorRT 8.5 doesn't supply SM87!", "cuda-209"),
    ("[{}] gpu util 5%", " - GPU: None", "no-gpu-words"),
    ("[{}] cublas handle ok", "RuntimeError: cannot find cuBLAS library.", "cuda-library-missing")])
def test_a_familys_line_is_found_after_many_lines_that_share_only_a_common_word_with_it(
        filler: str, line: str, family: str) -> None:
    """A key is searched for its first MAX_KEY_HITS lines: a family's keys hold its own fixed words, not a word every
    log line of a GPU program has, or the line that shows the family is never tried."""
    from jetson_gpu_access.explain.signatures import MAX_KEY_HITS
    text = "\n".join(filler.format(n) for n in range(MAX_KEY_HITS + 1)) + "\n" + line
    assert family in ids(text)


def test_operation_not_supported_from_a_call_past_cudas_start_up_is_that_operation() -> None:
    """A failing cuMemHostRegister (or another memory, module or graph call) runs only once CUDA has started and made a
    context: its "operation not supported" is that operation on this GPU, not a node denied at start-up."""
    text = (JETSON_32 + "\nFailed to build working pocl for Nvidia Jetson Nano.\nPOCL: in fn pocl_cuda_alloc_mem_obj at line "
            "569:\n  |      CUDA | Error during cuMemHostRegister\nCUDA_ERROR_NOT_SUPPORTED: operation not supported")
    assert read_cause(text).cause.id not in ("tegra-nodes-denied", "render-node-denied")
    at_start = JETSON_32 + "\ncuInit failed\nCUDA_ERROR_NOT_SUPPORTED: operation not supported"
    assert read_cause(at_start).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize(("system", "cause"), [(JETSON_35, "not-gpu-access"), (PC, "x86-discrete-gpu"),
                                               # a 999 that is no CUDA error (a uid) comes first (red team 84)
                                               (JETSON_35 + "\nuid=999(triton) gid=999(triton)", "not-gpu-access")])
def test_unknown_error_from_a_driver_call_past_start_up_is_that_call_s(system: str, cause: str) -> None:
    """cuMemHostRegister runs only in a context CUDA made: its 999 is no node denied at start-up; on a PC it is the
    driver's fault all the same."""
    text = system + "\nError during cuMemHostRegister\nCUDA_ERROR_UNKNOWN: unknown error (999)"
    assert read_cause(text).cause.id == cause


def test_unknown_error_in_words_alone_from_a_driver_call_past_start_up_is_that_call_s() -> None:
    """CUDA's 999 said only in its words ("unknown error", no number) is read past start-up as its number is: the gate
    that spares pastes with no such error lets the words through too."""
    text = JETSON_35 + "\nError during cuMemHostRegister\nCudaError: unknown error"
    assert read_cause(text).cause.id == "not-gpu-access"


def test_unknown_error_from_jetson_utils_display_is_past_start_up() -> None:
    """jetson-utils' display (glTexture.cpp) maps to OpenGL a frame already in CUDA's memory, so CUDA had started: its
    999 is the display's interop, not a node denied at start-up (dusty-nv/jetson-inference#1358, a camera the display
    could not show). A 999 beside a call that may be CUDA's first (cudaMalloc) stays the start-up's."""
    text = ("Jetson Nano, JetPack 4.6\n$ ./detectnet.py /dev/video0\n[OpenGL] creating 640x480 texture (GL_RGB8 format)\n"
            "[cuda]      unknown error (error 999) (hex 0x3E7)\n"
            "[cuda]      /home/nano/jetson-inference/utils/display/glTexture.cpp:360\n")
    assert read_cause(text).cause.id not in ("tegra-nodes-denied", "render-node-denied")
    at_start = "Jetson Nano, JetPack 4.6\n[cuda]      unknown error (error 999) (hex 0x3E7)\n[cuda]      cudaMalloc failed\n"
    assert read_cause(at_start).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize(("text", "reading"), [
    ("我是AMD的显卡，GPU不支持呀\nThe CUDA driver could not be loaded. The library name used was 'nvcuda.dll'.",
     "not-gpu-access"),
    ("我是NVIDIA的显卡\nThe CUDA driver could not be loaded. The library name used was 'nvcuda.dll'.", "x86-discrete-gpu")])
def test_windows_cuda_driver_library_names_a_pc_and_an_amd_card_said_in_chinese_is_amds(text: str, reading: str) -> None:
    """nvcuda.dll is the CUDA driver of Windows, so the machine is a PC; "AMD的显卡" (an AMD graphics card) names the only
    GPU, where NVIDIA's driver cannot serve."""
    assert read_cause(text).cause.id == reading
# ---- an outside review (45): a sandbox that hides devices read on every line, NVIDIA's module named beside Secure
# Boot, Xid 78's negation only near its words, grep's empty answer, a flag joined to its value only by an engine ----

# A program that finds no GPU beside a CUDA build of torch whose CUDA answers True.
_NO_GPU_BESIDE_CUDAS_TRUE = ("configs.config | No supported Nvidia GPU found\ntorch 2.3.1+cu118\n"
                             ">>> torch.cuda.is_available()\nTrue\n")


@pytest.mark.parametrize(("said", "cause"), [
    ("$ docker info | grep -A3 'Security Options'\n Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n"
     "The service runs with PrivateDevices=yes", "x86-discrete-gpu"),
    ("The unit sets PrivateDevices=no; it only has an AppArmor profile", "not-gpu-access")])
def test_only_a_sandbox_that_hides_devices_keeps_cudas_true_from_speaking_for_a_service(said: str, cause: str) -> None:
    """CUDA's True from a shell says nothing of a service whose sandbox hides the devices (PrivateDevices=yes), whatever
    sandbox lines `docker info` lists above it (an engine's seccomp and AppArmor profiles hide none); a unit that keeps
    its devices (PrivateDevices=no) beside an AppArmor profile hides none either, so the True stands."""
    assert read_cause(PC + "\n" + _NO_GPU_BESIDE_CUDAS_TRUE + said).cause.id == cause


def test_a_device_sandbox_is_its_own_reading_not_the_first_sandbox_line() -> None:
    """The lines that say a sandbox are kept one a kind: the device-hiding ones are a kind of their own, so an engine's
    profile read first does not hide them, and PrivateDevices set off is none."""
    text = " Security Options:\n  seccomp\nPrivateDevices=no\nfirejail --noprofile glxgears\nPrivateDevices=yes"
    assert read(text).observed.said("device sandbox") == ["firejail --noprofile glxgears"]
    assert read(text.replace("firejail --noprofile glxgears\n", "")).observed.said("device sandbox") == ["PrivateDevices=yes"]


def test_cudas_true_beside_a_cuda_build_clears_the_build_only_on_a_pc() -> None:
    """The rule that takes CUDA's True beside a CUDA build (+cu118) for the program's own detection speaks on a PC,
    where that tag is a build for its GPU; on a Jetson the tag is no Jetson build (NVIDIA's are tagged .nv24.08), so the
    Jetson's own reading of a program that finds no GPU decides."""
    pc = read_cause(PC + "\n" + _NO_GPU_BESIDE_CUDAS_TRUE).cause
    jetson = read_cause(JETSON_36 + "\n" + _NO_GPU_BESIDE_CUDAS_TRUE).cause
    assert "own detection" in pc.why.text and "own detection" not in jetson.why.text


def test_a_vgpu_guest_driver_the_host_refuses_is_said_as_its_own_cause() -> None:
    """Xid 78 is a vGPU guest driver that does not fit the host's vGPU manager: the fix is the guest driver of the host's
    vGPU release, not a reboot or a reinstall of the same driver; a driver that does not match its own libraries is no
    vGPU's."""
    xid = read_cause("Xid 78: Guest driver is incompatible with host driver")
    assert "vGPU release" in xid.cause.why.text and any("vGPU release" in cause for cause in xid.matches[0].causes)
    assert "vGPU" not in read_cause("Failed to initialize NVML: Driver/library version mismatch").cause.why.text


@pytest.mark.parametrize(("text", "reading"), [
    ("GPU type (GEFORCE RTX 2080)\nCUDA version (10.1)\nMy installation test fails with \"nvcc fatal   : Value 'sm_75' is "
     "not defined for option 'gpu-architecture'\"", "x86-discrete-gpu"),
    (PC + "\nptxas fatal   : Value 'sm_121a' is not defined for option 'gpu-name'\n  File \"/venv/lib/python3.12/"
     "site-packages/triton/backends/nvidia/compiler.py\", line 448, in make_cubin", "not-gpu-access")])
def test_a_compiler_older_than_the_gpu_is_the_pcs_toolkit_where_it_is_the_systems_nvcc(text: str, reading: str) -> None:
    """nvcc that does not know the GPU's architecture is the machine's CUDA toolkit, older than its GPU; the ptxas a
    wheel brings is the software's build."""
    assert read_cause(text).cause.id == reading


def test_an_engine_whose_plugin_is_not_registered_is_the_programs_set_up_unless_the_engine_was_built_elsewhere() -> None:
    """An engine TensorRT says was built on another model of device is the engine's mismatch, whose plugins are then
    missing too (NVIDIA-AI-IOT/jetbot#215)."""
    text = (JETSON_32 + "\n[TensorRT] ERROR: INVALID_ARGUMENT: getPluginCreator could not find plugin YoloLayer_TRT "
            "version 1\n[TensorRT] ERROR: INVALID_CONFIG: Deserialize the cuda engine failed.")
    assert read_cause(text).cause.id == "not-gpu-access"
    elsewhere = text.replace("\n", "\n[TensorRT] WARNING: Using an engine plan file across different models of devices is "
                             "not recommended and is likely to affect performance or even cause errors.\n", 1)
    assert read_cause(elsewhere).cause.id == "jetson-software-mismatch"


def test_tensors_on_two_devices_are_the_programs_and_the_gpu_works() -> None:
    text = ("I am trying to use this model with a Nvidia Tesla T4 GPU and DJL\nRuntimeError: expected self and mask to be "
            "on the same device, but got mask on cpu and self on cuda:0")
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("line", "found"), [
    ("[   23.011377] gk20a 17000000.gv11b: Direct firmware load for gv11b/acr_ucode.bin failed with error -2", True),
    ("[    4.120001] nvgpu: 17000000.ga10b  nvgpu_request_firmware: failed to get firmware(ga10b/gpmu_ucode_image.bin)",
     True),
    ("[    3.001] iwlwifi 0000:00:14.3: Direct firmware load for iwlwifi-so-a0-gf-a0-89.ucode failed with error -2", False)])
def test_a_jetson_gpu_that_cannot_load_its_firmware_is_the_images_release(line: str, found: bool) -> None:
    """The Jetson's GPU (gk20a, gv11b, ga10b) loads its firmware from the root file system: a kernel of another L4T
    release looks for other files, and an image can leave them out (OE4T/meta-tegra#1017); another device's firmware
    is no GPU's."""
    assert ("tegra-gpu-firmware" in ids(line)) is found
    if found:
        assert read_cause(line).cause.id == "jetson-software-mismatch"


def test_a_jetson_gpu_without_its_firmware_explains_cudas_no_device() -> None:
    """The GPU that never started is why CUDA finds no device: the firmware's line outranks error 100."""
    text = (JETSON_32 + "\ncudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected\n[    6.912304] platform "
            "57000000.gpu: Direct firmware load for tegra21x/acr_ucode.bin failed with error -2")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_optix_that_does_not_load_is_the_discrete_drivers_library() -> None:
    """OptiX ships in the NVIDIA driver: WSL's driver stack, or a container without the graphics capability, lacks it."""
    text = ("I am using Helios using WSL environment in VS Code.\n(base) user@host:~/build$ ./radiation_selftest\n"
            "OptiX Error: Failed to load OptiX library\n(/home/user/Helios/plugins/radiation/src/RadiationModel.cpp:1114)")
    reading = read_cause(text)
    assert reading.cause.id == "x86-discrete-gpu"
    assert "OptiX Error: Failed to load OptiX library" in reading.cause.why.evidence


def test_a_links_address_names_no_failure() -> None:
    """A guide the reporter followed, linked on the failing line, names the NVIDIA runtime in its address: what failed
    is the binfmt entry the cat could not find, not the GPU's injection into a container."""
    text = ("After I run cat /proc/sys/fs/binfmt_misc/qemu-aarch64 refering to this(https://github.com/NVIDIA/nvidia-docker"
            "/wiki/NVIDIA-Container-Runtime-on-Jetson#enabling-jetson-containers-on-an-x86-workstation-using-qemu), I get "
            "error as : cat: /proc/sys/fs/binfmt_misc/qemu-aarch64: No such file or directory.\n\nDevice: Jetson nano")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_clara_agx_is_a_jetson_and_what_a_tool_cannot_show_is_no_failure() -> None:
    """The Clara AGX kit is built on a Jetson AGX Xavier module; a monitor (jtop) that cannot show TensorRT's version
    while TensorRT imports is no version error of TensorRT's."""
    text = ("My development platform is clara agx, ubuntu20.04 system.\nI used the RTX6000 GPU and switched to 'dgpu' "
            "using nvgpuswitch.\nWhen switching to dgpu, the TensorRT version cannot be viewed using jtop.\nBut it runs "
            "in python")
    assert any("clara agx" in s.value.lower() for s in read(text).observed.jetson)
    assert read_cause(text).cause.id not in ("jetson-software-mismatch", "x86-discrete-gpu")
    assert find_failure("the docker container cannot be seen by the GPU operator") is not None


def test_zluda_runs_cuda_programs_on_another_vendors_gpu() -> None:
    """ZLUDA stands in for CUDA's nvcuda.dll on an AMD GPU: what it cannot load is no NVIDIA GPU's."""
    text = ("I tried to run ZLUDA and it gives me this error, I'm using Windows 10:\nThe procedure entry point "
            "hipDeviceSetLimit could not be found in the dynamic link library D:\\Apps\\ZLUDA\\nvcuda.dll")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_jetson_projects_folder_is_outranked_by_the_users_own_card() -> None:
    """A path through a checkout of a Jetson project names no machine where the user names their own desktop card;
    alone, it still leans to a Jetson."""
    log = "[cuda]      invalid device function (error 8) (hex 0x08)\n[cuda]      /home/ddk/jetson-inference/imageNet.cu:50\n"
    assert shown_platform(read("with my 1080 Ti i am getting invalid device function\n" + log).observed)[0] == "pc"
    assert shown_platform(read(log).observed)[0] == "jetson"



def test_a_jetson_named_where_the_work_runs_fine_is_another_machine_than_the_pc_that_fails() -> None:
    """"Built on a Jetson TX2 which works fine" beside the PC the paste then fails on (AlexeyAB/darknet#702): the PC is
    this machine; with no PC's own sign, the Jetson still is."""
    said = "I built it on a Jetson Nano which works fine, runs at 5 fps!\n"
    pc = said + "But I tried it on my Ubuntu PC, CPU amd64, GTX 1660:\n/bin/sh: 1: nvcc: not found\n"
    assert shown_platform(read(pc).observed)[0] == "pc"
    container = said + "In the container as user app:\nNvRmMemInitNvmap failed with Permission denied\n"
    assert shown_platform(read(container).observed)[0] == "jetson"


def test_a_build_on_another_makers_arm_board_is_no_pcs_cuda_install() -> None:
    """An Orange Pi (its user's home in the path) has no NVIDIA GPU: CMake that finds no CUDA toolkit there is not the
    PC's CUDA install."""
    text = ("CMake Error at /home/orangepi/.local/lib/python3.10/site-packages/cmake/data/share/cmake-4.4/Modules/"
            "FindCUDA.cmake:883 (message):\n  Specify CUDA_TOOLKIT_ROOT_DIR\nCall Stack (most recent call first):\n"
            "  CMakeLists.txt:25 (find_package)")
    assert any("orangepi" in s.value for s in read(text).observed.x86)
    assert read_cause(text).cause.id != "x86-discrete-gpu"


@pytest.mark.parametrize(("sentence", "root"), [
    ("CUDA works fine in the container when I override with --user root.", True),
    ("It works when I start it with -u 0:0.", True),
    ("It works when I start it with -u 1000.", False)])
def test_an_engines_run_as_root_is_root_running_the_check(sentence: str, root: bool) -> None:
    """A container run or exec with --user root (or uid 0) is root running the check, as "as root" is; another uid is
    not."""
    from jetson_gpu_access.explain.reading import _root_works_said
    assert _root_works_said(sentence) is root


# Words each family reads, and look-alikes it must not, as held-out rounds and outside reviews found them; the comment
# over each group says what it reads and what not.
FAMILY_WORDS = [
    # nvidia-smi's words for a GPU another process holds, not a port's or a camera's; an installer's file missing
    # from its package, not a package cache.
    ("GPU 00000000:C1:00.0: In use by another client", "gpu-held-by-another-process", True),
    ("GPU 00000000:C1:00.0 is currently in use by another process.", "gpu-held-by-another-process", True),
    ("1 device is currently being used by one or more other processes (e.g., Fabric Manager)",
     "gpu-held-by-another-process", True),
    ("Port 8080 is currently in use by another process", "gpu-held-by-another-process", False),
    ("/dev/video0 is currently in use by another process", "gpu-held-by-another-process", False),
    ('level=fatal msg="Error watching fields: Profiling is not supported for this group of GPUs or GPU"',
     "dcgm-profiling-unsupported", True),
    ("Error: Failed to find runtimes/win-x64/native/libonnxruntime_providers_cuda.so in NuGet package",
     "package-not-found", True),
    ("Failed to find libcudnn in the conda package cache", "package-not-found", False),
    # A program's own no-GPU words, builds without CUDA, cuFFT's statuses, CUDA's DLLs and libraries, a build said
    # to lack an SM, a container without the GPU or its hook, a CDI spec refused, a flag quoted with its value, a
    # driver module or vGPU driver refused, a denial said with sudo, an issue form's empty GPU field; not their
    # look-alikes (a suspicion, a warning the engine goes past, another module, a CMake note, something said fixed
    # or absent).
    ("\u6ca1\u6709\u53d1\u73b0\u652f\u6301\u7684N\u5361, \u4f7f\u7528CPU\u8fdb\u884c\u63a8\u7406", "gpu-not-detected", True),
    ("2024-06-28 18:38:09 | INFO | configs.config | No supported Nvidia GPU found", "gpu-not-detected", True),
    ("RuntimeError: Unable to proceed, no GPU resources available", "gpu-not-detected", True),
    ("WARNING:auto_gptq.nn_modules.qlinear_old:CUDA extension not installed.", "cpu-only-build", True),
    ("the CUDA extension is installed and loads", "cpu-only-build", False),
    ("ValueError: Asked to use CUDAExecutionProvider, but the available execution providers are "
     "['AzureExecutionProvider', 'CPUExecutionProvider'].", "cpu-only-build", True),
    ("the available execution providers are ['CUDAExecutionProvider', 'CPUExecutionProvider']", "cpu-only-build", False),
    ("paddlepaddle==3.1.0", "cpu-only-build", True),
    ("paddlepaddle-gpu==3.1.0", "cpu-only-build", False),
    ("RuntimeError: cuFFT error: CUFFT_INTERNAL_ERROR", "cuda-library-status", True),
    ("cupy_backends.cuda.libs.cufft.CuFFTError: CUFFT_INVALID_PLAN", "cuda-library-status", False),
    ("cupy_backends.cuda.libs.cufft.CuFFTError: CUFFT_INVALID_PLAN", "cuda-400", True),
    ("the flash attention plugin in TensorRT 8.5 doesn't supply SM87!", "cuda-209", True),
    ("this board does not support SM87", "cuda-209", False),  # (a machine, not software: no build lacks it)
    ("I know the Nano's GPU does not have sm_70 tensor cores", "cuda-209", False),
    ("when using YOLOv7 it runs without using the GPU", "gpu-not-detected", True),
    ("RuntimeError: Unable to load cuSPARSE. Is it installed?", "cuda-library-missing", True),
    ("RuntimeError: Unable to load cuSPARSE\nTraceback follows", "cuda-library-missing", True),
    ("Unable to load the cuSPARSE plan you saved", "cuda-library-missing", False),
    ("-- CUDNN: Cannot find cuDNN library.", "cuda-library-missing", False),
    ("E tensorflow/tsl/profiler/lib/profiler_session.cc:111] Unable to load cupti.", "cuda-library-missing", False),
    ("First my build could not find cudart. - fixed by adding it to LD_LIBRARY_PATH", "cuda-library-missing", False),
    ("GPU not visible to the container.", "nodes-missing-words", True),
    ("No GPU is found, the nvidia hook is not loaded", "nodes-missing-words", True),
    ("our post-checkout hook was not run, so the wheels are missing", "nodes-missing-words", False),
    ("I first thought the nvidia hook was not run, but the nodes are in the container", "nodes-missing-words", False),
    ("the GPU is not visible in the task manager", "nodes-missing-words", False),
    ('failed to load CDI Spec failed to parse CDI Spec "/etc/cdi/nvidia.yaml": failed to unmarshal CDI Spec: error '
     'unmarshaling JSON: while decoding JSON: json: unknown field "additionalGids"', "toolkit-state", True),
    ('WARN[0000] Failed to load CDI spec /etc/cdi/intel-npu.yaml: failed to parse CDI Spec: error unmarshaling JSON: '
     'json: unknown field "hostPath2"', "toolkit-state", False),
    ("unknown flag: --gpus all\nSee 'docker run --help'.", "flag-joined-to-value", True),
    ("unknown flag: --gpus\nSee 'docker run --help'.", "flag-joined-to-value", False),
    ("docker keeps saying unknown flag: --gpus every time I try", "flag-joined-to-value", False),
    ("Unsupported CUDA_VERSION (CUDA_VERSION=12_2), please report it", "cuda-build-words", True),
    ("-- CUDA version 12.2 is not supported for the FA3 kernels, disabling them", "cuda-build-words", False),
    ("[gpu] Unsupported CUDA version 0.0 - GPU disabled, using CPU path", "cuda-build-words", False),
    ("$ sudo insmod nvidia.ko\ninsmod: ERROR: Loading of unsigned module is rejected", "nvidia-module-failed", True),
    ("$ sudo dkms install nvidia/550.120\n# Module loading fails due to Secure Boot", "nvidia-module-failed", True),
    ("Secure Boot is enabled on this laptop", "nvidia-module-failed", False),
    ("nvidia-docker | 2016/07/13 23:40:32 Error: Could not load UVM kernel module", "nvidia-module-failed", True),
    ("$ lsmod | grep -c nvidia\n0\n$ uname -r", "nvidia-module-failed", True),
    ("[  88.402311] vboxdrv: Loading of unsigned module is rejected", "nvidia-module-failed", False),
    ("the module loads fine, so it is not due to Secure Boot", "nvidia-module-failed", False),
    ("Xid 78: Guest driver is incompatible with host driver", "nvml-driver", True),
    ('I checked dmesg for Xid 78 ("guest driver is incompatible with host driver"), nothing there', "nvml-driver", False),
    ("ImportError: DLL load failed: cublas64_100.dll is missing", "cuda-library-missing", True),
    ("GpuArrayException: b'Could not load \"nvrtc64_70.dll\": The specified module could not be found.'",
     "cuda-library-missing", True),
    ("Found cudart64_110.dll in C:\\CUDA\\bin", "cuda-library-missing", False),
    ("the decoder crashes with a SIGSEGV inside a container when using `nvidia-container-toolkit` 1.19.1-1",
     "toolkit-state", False),  # (a toolkit release named beside a crash only blames it)
    ("As my normal user torch says no CUDA, with sudo it's fine.", "denial-words", True),
    ("I installed the packages with sudo, it's fine now", "denial-words", False),
    (" - GPU: None", "no-gpu-words", True),
    (" - GPU: none\n - Python: 3.10.12", "no-gpu-words", True),
    (" - GPU: None of the jobs is queued", "no-gpu-words", False),
    # NVML's errors as pynvml names them (not a handler that catches one), a machine the reporter says has no GPU
    # (not a session or a container without one), and a build step that cannot link CUDA or fetch its configuration.
    ("**pynvml.NVMLError_DriverNotLoaded: Driver Not Loaded**", "nvml-driver", True),
    ("pynvml.nvml.NVMLError_LibRmVersionMismatch: RM has detected an NVML/RM version mismatch.", "nvml-driver", True),
    ("except pynvml.NVMLError_DriverNotLoaded:", "nvml-driver", False),
    ("pynvml.NVMLError_LibraryNotFound: NVML Shared Library Not Found", "nvml-missing", True),
    ("pynvml.nvml.NVMLError_Unknown: Unknown Error", "nvml-unknown", True),
    ("Cause I have no GPU, I wanna use the CPU instead.", "no-gpu-words", True),
    ("I have no GPU access inside the container", "no-gpu-words", False),
    ("we have no GPU in the pod after the upgrade", "no-gpu-words", False),
    ("> error: auto-patchelf could not satisfy dependency libcuda.so.1 wanted by /nix/store/x-torch/lib/libc10_cuda.so",
     "build-error", True),
    ("  >> 42    failed to link against CUDA Driver API", "build-error", True),
    ("ERROR: An error occurred during the fetch of repository 'local_config_cuda':", "build-error", True),
    ("the fetch of repository metadata is slow", "build-error", False),
    # Secure Boot refusing a module is NVIDIA's only where its sentence, or the nearest command above the kernel's
    # unnamed line (modprobe, insmod, a build's LD [M]), names NVIDIA's; Xid 78's words are denied only by a
    # negation just before them or an absence said after them in their clause, not by a later sentence's "no" or
    # "not"; `lsmod | grep nvidia` printed nothing only where an empty line, 0 or a prompt follows (a "# " one only
    # after a root prompt's own command), not a Markdown heading; a flag joined to its value is the container
    # engine's only in a paste that names one, and its value may be quoted.
    ("The rtl8821ce module fails to load with Secure Boot enabled", "nvidia-module-failed", False),
    ("My wifi module failed because of Secure Boot, and CUDA works fine", "nvidia-module-failed", False),
    ("$ sudo modprobe 8812au\nmodprobe: ERROR: could not insert '8812au': Key was rejected by service\n"
     "[   12.104] Loading of unsigned module is rejected", "nvidia-module-failed", False),
    ("$ sudo modprobe nvidia_uvm\n$ sudo modprobe vboxdrv\n[   12.104] Loading of unsigned module is rejected",
     "nvidia-module-failed", False),
    ("$ sudo modprobe vboxdrv\n$ sudo modprobe nvidia_uvm\n[   12.104] Loading of unsigned module is rejected",
     "nvidia-module-failed", True),
    ("The NVIDIA kernel module fails to load with Secure Boot enabled", "nvidia-module-failed", True),
    ("  LD [M]  /tmp/kernel/nvidia-peermem.ko\n-> Kernel module compilation complete.\n\n"
     "# Module loading fails due to Secure Boot", "nvidia-module-failed", True),
    ("vGPU 1: Guest driver is incompatible with host driver; the vGPU could not be started", "nvml-driver", True),
    ("Guest driver is incompatible with host driver. No license will be acquired", "nvml-driver", True),
    ("the guest driver is not incompatible with host driver", "nvml-driver", False),
    ("not in dmesg: guest driver is incompatible with host driver", "nvml-driver", False),
    ("$ lsmod | grep nvidia\n# Output below", "nvidia-module-failed", False),
    ("$ lsmod | grep nvidia\n\n$ uname -r", "nvidia-module-failed", True),
    ("me@ws:~$ lsmod | grep nvidia\nme@ws:~$ uname -r", "nvidia-module-failed", True),
    ("# lsmod | grep nvidia\n# uname -r", "nvidia-module-failed", True),
    ("tar: unknown option --exclude foo", "flag-joined-to-value", False),
    ("\"runArgs\": [\"--gpus 'all'\"]\nunknown flag: --gpus 'all'", "flag-joined-to-value", True),
    # CUDA's out-of-memory as a check macro numbers it (not another error's number), and a TensorRT engine whose
    # plugin the program never registered.
    ("ERROR: out of memory in /relion/src/acc/acc_backprojector_impl.h at line 37 (error-code 2)", "cuda-2", True),
    ("ERROR: out of memory while sorting the stars file (error-code 12)", "cuda-2", False),
    ("[TensorRT] ERROR: INVALID_ARGUMENT: getPluginCreator could not find plugin YoloLayer_TRT version 1",
     "tensorrt-plugin-missing", True),
    ("[TensorRT] ERROR: safeDeserializationUtils.cpp (323) - Serialization Error in load: 0 (Cannot deserialize plugin "
     "since corresponding IPluginCreator not found in Plugin Registry)", "tensorrt-plugin-missing", True),
    ("registered the plugin creator for YoloLayer_TRT", "tensorrt-plugin-missing", False),
    # A program's tensors on two devices (one of them the GPU, which therefore works), and a driver that failed to
    # install (its installer finds no kernel source, an install of a driver release that failed).
    ("RuntimeError: expected self and mask to be on the same device, but got mask on cpu and self on cuda:0",
     "tensors-on-two-devices", True),
    ("RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!",
     "tensors-on-two-devices", True),
    ("RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same",
     "tensors-on-two-devices", True),
    ("all replicas are expected to be on the same device class", "tensors-on-two-devices", False),
    ("RuntimeError: Expected a 'cuda' device type for generator but found 'cpu'", "tensors-on-two-devices", True),
    ('"The driver installation is unable to locate the kernel source. Please make sure that the kernel source packages '
     'are installed"', "nvidia-module-failed", True),
    ("- Tried to install 510.47.03 in guest VM but failed", "nvidia-module-failed", True),
    ("- Tried to install 510.47.03 in guest VM and it worked", "nvidia-module-failed", False),
    # A plugin library of another TensorRT release, and a machine said to have no GPU (a form's field with a note,
    # Chinese, a CPU-only server); not another library's missing symbol, nor a CPU-only build.
    ("OSError: /home/nano/yolo/build/libmyplugins.so: undefined symbol: _ZN8nvinfer117IPluginCreatorV1D2Ev",
     "engine-version", True),
    ("OSError: /usr/lib/libfoo.so: undefined symbol: _ZN3foo3barEv", "engine-version", False),
    # TensorRT's Python deserialize_cuda_engine returns None for an engine it cannot load: TensorRT's own error, where
    # the paste has it, names why
    ("AttributeError: 'NoneType' object has no attribute 'create_execution_context'", "tensorrt-engine-unloaded", True),
    ("[TensorRT] ERROR: INVALID_ARGUMENT: getPluginCreator could not find plugin CHUNK_TRT version 1.0\n"
     "AttributeError: 'NoneType' object has no attribute 'create_execution_context'", "tensorrt-engine-unloaded", False),
    # ... nor where the paste shows the file is no engine: an ONNX model read as one, an empty file (red team 83)
    ("with open(\"yolov8n.onnx\", \"rb\") as f:\n    engine = runtime.deserialize_cuda_engine(f.read())\n"
     "AttributeError: 'NoneType' object has no attribute 'create_execution_context'", "tensorrt-engine-unloaded", False),
    ("-rw-rw-r-- 1 nvidia nvidia 0 Mar  3 10:12 yolov8s.engine\n$ python3 infer.py --engine yolov8s.engine\n"
     "AttributeError: 'NoneType' object has no attribute 'create_execution_context'", "tensorrt-engine-unloaded", False),
    # ... but an ONNX model the build read, or an empty file beside the engine loaded, says nothing of it (red team 84)
    ("with open(\"yolov5s.onnx\", \"rb\") as model:\n    parser.parse(model.read())\n"
     "AttributeError: 'NoneType' object has no attribute 'create_execution_context'", "tensorrt-engine-unloaded", True),
    ("-rw-rw-r-- 1 nvidia nvidia 0 Mar  3 10:40 best_int8.engine\n$ python3 infer.py --engine models/best.engine\n"
     "AttributeError: 'NoneType' object has no attribute 'create_execution_context'", "tensorrt-engine-unloaded", True),
    ("- GPU: none (CPU-only server)", "no-gpu-words", True),
    ("我的笔记本没有独立显卡，只有 Intel 核显", "no-gpu-words", True),
    ("Running the docker image on a CPU-only VPS (Hetzner CX41, 4 vCPU)", "no-gpu-words", True),
    ("the CPU-only build runs, the GPU one does not", "no-gpu-words", False),
    # The linker's warning that a library it links against needs one it cannot find is a build step (a build host
    # without the driver); a program that fails to load the library at run time is not. Vulkan's loader that finds
    # only Mesa's software device (lavapipe, llvmpipe) is the software fallback OpenGL's llvmpipe is; an NVIDIA
    # device is not. CUDA and Vulkan said to work in the container that fails, not said to fail. xFormers' own check
    # that its extension was built for another PyTorch (its version lines alone, without the check's heading, are
    # not read as it).
    ("/usr/bin/ld: warning: libnvcuvid.so.1, needed by /usr/local/zed/lib/libsl_zed.so, not found (try using -rpath or "
     "-rpath-link)", "build-error", True),
    ("libnvcuvid.so.1, needed by the VideoReader operator, was not found", "build-error", False),
    ("WARNING: lavapipe is not a conformant vulkan implementation, testing use only.", "gl-software-fallback", True),
    ("        deviceName        = llvmpipe (LLVM 12.0.0, 256 bits)", "gl-software-fallback", True),
    ("        deviceName        = NVIDIA GeForce GTX 1060 6GB", "gl-software-fallback", False),
    ("Both CUDA and Vulkan work correctly inside the failing container.", "gpu-works-words", True),
    ("Neither CUDA nor Vulkan works inside the container.", "gpu-works-words", False),
    ("WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:", "torch-extension-abi", True),
    ("    PyTorch 1.13.1+cu117 with CUDA 1107 (you have 1.12.1+cu113)", "torch-extension-abi", False),
    # pip's resolver that finds no set of versions, an installer that put a torch without CUDA in place (or left its
    # CUDA packages out), and a Mac named in a form's system field.
    ("so the previously documented install command for cu124 now fails with `ResolutionImpossible`", "package-not-found",
     True),
    ("Installation of StoryToolkitAI reinstalls non-Cuda version of Torch.", "cpu-only-build", True),
    ("This installs just fine, but doesn't pull in the CUDA dependencies correctly.", "cpu-only-build", True),
    ("It pulls in the CUDA dependencies, but the import fails.", "cpu-only-build", False),
    ("环境：mac", "mac-no-cuda", True),
    # A container toolkit's release said to be incompatible or a regression (not one said to be compatible), and
    # nvidia-ctk's configuration the engine refuses to load; a program linked only against PyTorch's CPU library; the GPU
    # said to work through another engine's launch; a batch scheduler's own GPU configuration refused (not a device node
    # it cannot find); a reporter's fix that changes the program's code (not a device's group); a CDI device an engine
    # ignores; Intel's OpenVINO GPU plugin failing; no Arm build of a package; and containerd's own hook template that
    # fails, which is no NVIDIA hook.
    ("GPU CI workflows fail: nvidia-container-toolkit 1.19.1 incompatible with kind worker containerd", "toolkit-state",
     True),
    ("nvidia-container-toolkit 1.19.1 is compatible with containerd 2.0", "toolkit-state", False),
    ("The symptom is `nvidia-ctk runtime configure --runtime=containerd` writing a drop-in the worker's containerd then "
     "refuses to load on restart", "toolkit-state", True),
    ("Without this, my executable is only linked with libtorch_cpu.so, not libtorch_cuda.so.", "cpu-only-build", True),
    ("The executable is linked with libtorch_cuda.so as it should be.", "cpu-only-build", False),
    ("But we still could use `docker run --gpus all` to start it with gpu support.", "gpu-works-words", True),
    ("We could not use `docker run --gpus all` to start it with gpu support.", "gpu-works-words", False),
    ("Feb 20 18:59:13 node2 slurmd[57977]: fatal: gres.conf duplicate records for gpu", "scheduler-config", True),
    ("slurmstepd: error: Bind request gpu:verbose,single:1 does not specify any devices within the allocation for task 0.",
     "scheduler-config", True),
    ("slurmd: fatal: can't stat gres.conf file /dev/nvidia0: No such file or directory", "scheduler-config", False),
    ("Update: I managed to solve the issue by overriding `TorchPolicyGraph.__init__` and changing "
     "`bool(os.environ.get(\"CUDA_VISIBLE_DEVICES\", None)` to `torch.cuda.is_available()`.", "program-fix-words", True),
    ("I fixed it by changing the group of `/dev/dri/renderD128` to video", "program-fix-words", False),
    ("CDI device is ignored. Container starts without GPU. No error or warning is shown.", "nodes-missing-words", True),
    ("The container starts without errors.", "nodes-missing-words", False),
    ("Check 'false' failed at src\\plugins\\intel_gpu\\src\\plugin\\program_builder.cpp:179:", "gpu-vendor-unsupported", True),
    ("the ARM nugget binaries/dll are not getting generated for ONNX Runtime", "wrong-architecture", True),
    ("Maintainer: We don't have prebuilt packages for jetson.", "wrong-architecture", True),
    ("Prebuilt packages for jetson are available from the Jetson Zoo.", "wrong-architecture", False),
    ("FATA[0000] failed to create shim task: OCI runtime create failed: runc create failed: unable to start container "
     "process: error during container init: error running createRuntime hook #0: exit status 1, stdout: , stderr: "
     "containerd: template: oci-hook:1: unexpected \"|\" in command", "runtime-hook-failed", False),
    # A framework's CPU build said installed in place of its GPU build (not one installed beside it), a program that
    # refuses to run as root unless told to, and PyTorch's hint for a CPU-only machine, which says nothing of this one.
    (": SMD 1.8.0+ has TensorFlow CPU installed instead of GPU", "cpu-only-build", True),
    ("running `conda list | grep tensorflow` will show cpu build is installed", "cpu-only-build", True),
    ("TensorFlow CPU and GPU are installed side by side", "cpu-only-build", False),
    ("Omniverse Kit cannot be run as the root user without the --allow-root flag or envvar OMNI_KIT_ALLOW_ROOT set to 1.",
     "other-permission", True),
    ("RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
     "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu')", "no-gpu-words", False),
    ("The job lands on a CPU-only machine in our cluster.", "no-gpu-words", True),
    # A service whose user does not exist, a cluster's admission policy refusing the pod itself, pods said to receive no
    # GPU (not no GPU errors), and a driver said to work (not said not to).
    ("     Main PID: 3741675 (code=exited, status=217/USER)", "account-setup-error", True),
    ("     Main PID: 3741675 (code=exited, status=203/EXEC)", "account-setup-error", False),
    ('Error creating: pods "nfd-worker-" is forbidden: unable to validate against any security context constraint: '
     "[provider restricted: .spec.securityContext.hostNetwork: Invalid value: true]", "scheduler-config", True),
    ("pods using `runtimeClassName: nvidia` received no GPUs (`nvidia-smi: not found`)", "nodes-missing-words", True),
    ("the pods received no GPU errors after the upgrade", "nodes-missing-words", False),
    ("Driver is installed and working fine, I can transcode in plex and see the streams in nvidia-smi.", "gpu-works-words",
     True),
    ("The driver is installed but not working fine.", "gpu-works-words", False),
    # A form's field that names llvmpipe as the video driver (the NVIDIA card is not drawing), and a monitor that cannot
    # parse the output of the tool it wraps (not the tool's own failure).
    ("- Video driver version: Mesa llvmpipe (LLVM 15.0.7, 256 bits)", "gl-software-fallback", True),
    ("- Video driver version: 535.113.01", "gl-software-fallback", False),
    ("Error: error processing tegrastats output: could not parse GPU usage fields", "output-parse-failed", True),
    ("The Jetson check fails with `could not parse voltage fields` since the regex cannot parse the output of "
     "`tegrastats`.", "output-parse-failed", True),
    ("tegrastats: error: could not open /sys/devices/gpu.0/load", "output-parse-failed", False),
    # conda's solver that finds no set of packages (its __cuda virtual package named beside them is no CUDA error), two
    # CUDA majors of one NVIDIA pip wheel installed together (not two wheels of one major), and an NGC image older than
    # the GPU it starts on.
    ("UnsatisfiableError: The following specifications were found to be incompatible with each other:",
     "package-not-found", True),
    ("The following specifications were found to be incompatible with your CUDA driver:", "versions-mismatched", False),
    ("[pip3] nvidia-nccl-cu12==2.29.3\n[pip3] nvidia-nccl-cu13==2.29.7", "versions-mismatched", True),
    ("[pip3] nvidia-nccl-cu12==2.29.3\n[pip3] nvidia-cudnn-cu12==9.1.0.70", "versions-mismatched", False),
    ("WARNING: Detected NVIDIA NVIDIA A2 GPU, which is not yet supported in this version of the container",
     "release-unsupported", True),
    # A tool that shows a shared-memory GPU's VRAM as unknown (a GB10's, a Jetson's), not a discrete card's.
    ("GPU: NVIDIA GB10 (VRAM unknown, CUDA)", "smi-memory-unreported", True),
    ("GPU: NVIDIA GeForce RTX 4090 (VRAM unknown, CUDA)", "smi-memory-unreported", False),
    # A toolkit upgrade said to be where it began (not one said not to help), and nvidia-ctk's failure, not another
    # command's after "but then"; a regression said as "since the upgrade it fails, <version> worked".
    ("Since the upgrade to nvidia-container-toolkit 1.17.4 our GPU containers fail", "toolkit-state", True),
    ("Since the upgrade to nvidia-container-toolkit 1.17.4 nothing changed", "toolkit-state", False),
    ("I ran `sudo nvidia-ctk runtime configure --runtime=docker` and restarted docker, but then docker pull failed:",
     "toolkit-state", False),
    ("Since this upgrade every GPU container on the Orin fails, 1.16.2 worked:", "downgrade-fixes", True),
    ("Since this upgrade every container starts faster", "downgrade-fixes", False),
    # A registry that does not answer in time, and an engine that refuses its own configuration file (not one that
    # loads it).
    ('Error response from daemon: Get "https://nvcr.io/v2/": net/http: TLS handshake timeout', "network-failure", True),
    ("the TLS handshake took 2 s", "network-failure", False),
    # The kernel's packet filter a cluster's network needs, failing (a Tegra kernel built without nf_tables' modules),
    # and the DNS it breaks; not the packet filter at work, nor DNS said to work.
    ("iptables v1.8.10 (nf_tables): RULE_INSERT failed (No such file or directory): rule in chain FORWARD",
     "network-failure", True),
    ("setting up iptables to function in legacy mode **does not work** since something re-introduces nf_tables",
     "network-failure", True),
    ("the `br_netfilter` kernel module is not loaded by default, breaking pod-to-service DNS resolution",
     "network-failure", True),
    ("iptables v1.8.7 (legacy) is installed and the FORWARD chain accepts", "network-failure", False),
    ("DNS resolution works inside the pod", "network-failure", False),
    # NVENC refusing a session, whatever it calls the reason (out of memory, 10), is the driver's encoder, not memory
    # (rigaya/NVEnc#439); not a session that opened
    ("[h264_nvenc @ 0x55d0c8a3c9c0] OpenEncodeSessionEx failed: out of memory (10): (no details)",
     "nvenc-session-refused", True),
    ("[h264_nvenc @ 0x55d0c8a3c9c0] OpenEncodeSessionEx failed: out of memory (10): (no details)", "out-of-memory", False),
    ("nvenc : nvEncOpenEncodeSessionEx succeeded, encoding 3 streams", "nvenc-session-refused", False),
    # The display controller's node that an Orin does not have (OE4T/linux-tegra-5.10#15): missing, not denied
    ("nvdc: open: No such file or directory\nnvdc: failed to open '/dev/tegra_dc_ctrl'.", "nvrm-channel", False),
    ("nvdc: open: Operation not permitted\nnvdc: failed to open '/dev/tegra_dc_ctrl'.", "nvrm-channel", True),
    # conda's virtual package for the driver's CUDA release, older than a package asks (tomotwin-cryoet#3); not a
    # constraint on another virtual package
    ("  - package cudatoolkit-11.6.0-habf752d_9 has constraint __cuda >=11.6.0 conflicting with __cuda-10.2-0",
     "conda-cuda-above-driver", True),
    ("  - package python-3.11.0-h10a6764_0 has constraint __glibc >=2.17 conflicting with __glibc-2.12",
     "conda-cuda-above-driver", False),
    ("I'm fairly sure the toolkit upgrade didn't break DNS resolution or anything network-wise", "network-failure", False),
    ("Flannel is running fine (I checked the logs) but the nvidia-device-plugin pod fails", "network-failure", False),
    ("The calico-node pods crash-looped at first (fixed with the IP autodetection method), now the real issue:",
     "network-failure", False),
    # A command line's parser that offers only the CPU for --device: a build without CUDA; not one that lists CUDA.
    ("error: invalid value 'cuda' for '--device <DEVICE>'\n  [possible values: cpu]", "cpu-only-build", True),
    ("error: invalid value 'gpu' for '--device <DEVICE>'\n  [possible values: cpu, cuda, metal]", "cpu-only-build", False),
    ("error: invalid value 'cuda' for '--device <DEVICE>'\n  [possible values: cpu, cublas, vulkan]", "cpu-only-build", False),
    ("error: argument --device: invalid choice: 'cuda' (choose from 'cpu')", "cpu-only-build", True),
    ("Error: Invalid value for '--device': 'cuda' is not one of 'cpu', 'mps'.", "cpu-only-build", True),
    ("Error: Invalid value for '--device': 'gpu' is not one of 'cpu', 'cuda'.", "cpu-only-build", False),
    ('containerd: failed to load TOML from /etc/containerd/config.toml: invalid plugin key URI "cri" expect '
     "io.containerd.x.vx", "engine-config-refused", True),
    ("containerd: loaded TOML from /etc/containerd/config.toml", "engine-config-refused", False),
    # A container said to start without the NVIDIA runtime (not one said to work without it, nor a CPU runner's on
    # purpose), and a launcher changed to pass the runtime, which is the container's fix, not the program's.
    ("Started deepstream-app in docker without --runtime nvidia:", "nodes-missing-words", True),
    ("It works fine in docker without --runtime nvidia", "nodes-missing-words", False),
    ("In the container (I start it with plain `docker run`, no --runtime nvidia) the app logs:", "nodes-missing-words",
     True),
    ("Solved it by changing the start_container() function in our launcher script to pass `--runtime nvidia` to docker "
     "run.", "nodes-missing-words", True),
    ("Solved it by changing the start_container() function in our launcher script to pass `--runtime nvidia` to docker "
     "run.", "program-fix-words", False),
    ("In CI the container runs without GPU since the hosted runner has no GPU at all", "nodes-missing-words", False),
    # TensorFlow Lite's GPU delegate (OpenCL or OpenGL ES, never CUDA), and its kernels created on the GPU; the GPU
    # said to work normally in Chinese, not said not to.
    ("ERROR: Can not open OpenCL library on this device - libOpenCL.so: cannot open shared object file",
     "mobile-gpu-delegate", True),
    ("TfLiteGpuDelegate Init: No shader implementation for transpose", "mobile-gpu-delegate", True),
    ("INFO: Created TensorFlow Lite delegate for GPU.", "mobile-gpu-delegate", False),
    ("INFO: Created 1 GPU delegate kernels.", "gpu-works-words", True),
    ("\u5176\u4ed6\u6a21\u578b\u8bad\u7ec3\u90fd\u53ef\u4ee5\u6b63\u5e38\u4f7f\u7528gpu\u3002", "gpu-works-words", True),
    ("\u4e0d\u80fd\u6b63\u5e38\u4f7f\u7528GPU", "gpu-works-words", False),
    # A Mac's name written as one word (not a Mac that only connects to the machine), nvJPEG's hardware decoder absent
    # (not said present), and a Video Codec SDK stub linked by hand as the driver's library (not the driver's own link).
    ("docker build successfully. my macbookpro is M1 chip.", "mac-no-cuda", True),
    ("I ssh from my macbookpro into the Jetson", "mac-no-cuda", False),
    # (CUDA's own Multi-Process Service, and Windows' home folder as Git Bash and WSL mount it)
    ("$ nvidia-cuda-mps-control -d\nMPS server started with device=\"0\"", "mac-no-cuda", False),
    ("$ ls /mnt/c/Users/ana/miniconda3/envs", "mac-no-cuda", False),
    ('  File "C:/Users/bob/anaconda3/envs/sd/lib/site-packages/torch/cuda/__init__.py", line 247', "mac-no-cuda", False),
    ("error: NVJPEG_STATUS_ARCH_MISMATCH", "nvjpeg-hardware-unsupported", True),
    ("Hardware Decoder not supported. Falling back to default backend", "nvjpeg-hardware-unsupported", True),
    ("the hardware decoder is supported on the A100", "nvjpeg-hardware-unsupported", False),
    # A video engine without the codec asked for (only where the line names NVIDIA's engine: "Codec not supported"
    # alone is any decoder's).
    ("[av1_nvenc @ 0x55d0c8a3c9c0] Codec not supported", "video-codec-unsupported", True),
    ("Provided device doesn't support required NVENC features", "video-codec-unsupported", True),
    ("[libdav1d @ 0x5581] Codec not supported", "video-codec-unsupported", False),
    # A command line's option that turns the GPU off, its value apart or as a list's next item (not one turning it on);
    # a build's own word that it went without CUDA; a build's minimum system.
    ("'--SiftMatching.use_gpu', 'no',", "cuda-turned-off", True),
    ("colmap exhaustive_matcher --database_path db.db --SiftMatching.use_gpu 0", "cuda-turned-off", True),
    ("colmap exhaustive_matcher --SiftMatching.use_gpu 1", "cuda-turned-off", False),
    ("-- Disabling CUDA support", "cpu-only-build", True),
    ("ERROR: Dense stereo reconstruction requires CUDA, which is not available on your system.", "cpu-only-build", True),
    ("  The minimum system requirement for aarch64 is Ubuntu 22.04.", "release-unsupported", True),
    ("the minimum requirement is a GPU with 8 GB", "release-unsupported", False),
    # A crate's build script failing; a variable that turns the GPU off, set or echoed (not one set off); the driver's
    # word that work on the GPU faulted (Xid 13, 31, 43; not 79, the GPU lost from the bus); another accelerator's
    # versions (no GPU's) and the system not seeing it.
    ("error: failed to run custom build command for `gpu-ffi v0.1.0`", "build-error", True),
    ("BELLMAN_NO_GPU=1", "cuda-turned-off", True),
    ("BELLMAN_NO_GPU=0", "cuda-turned-off", False),
    ("NVRM: Xid (PCI:0000:01:00): 13, pid=3309, Graphics SM Warp Exception", "gpu-fault-xid", True),
    ("NVRM: Xid (PCI:0000:01:00): 79, pid=1203, GPU has fallen off the bus.", "gpu-fault-xid", False),
    ("[HailoRT] [error] Driver version mismatch", "versions-mismatched", False),
    ("lspci on WSL did not detect hailo-8", "other-device", True),
    # Root's access and a user's lack of it said in other words (inaccessible to non-root users, not allowed, a count of
    # none for a user and one for root, the ordinary user in Chinese and Japanese), not of sudo itself; the seat's
    # slower work over SSH than at the desktop.
    ("The GPU is inaccessible to non-root users on our boards", "denial-words", True),
    ("The GPU is inaccessible to the container", "denial-words", False),
    ("My user isn't allowed to use the GPU on the jetson, only root is.", "denial-words", True),
    ("My user isn't allowed to use sudo on this box", "denial-words", False),
    ("for the jenkins user deviceQuery reports 0 devices,\nfor root it reports 1", "denial-words", True),
    ("\u666e\u901a\u7528\u6237\u8fd0\u884c\u65f6GPU\u7528\u4e0d\u4e86\uff0c\u52a0sudo\u5c31\u6b63\u5e38", "denial-words", True),
    ("After I log in over SSH, the same script is 10x slower than from the desktop session.", "seat-login-words", True),
    ("Over SSH the copy is slower than over the LAN share.", "seat-login-words", False),
    ("Over SSH it isn't any slower than at the desktop, both run on the CPU.", "seat-login-words", False),
    ("root sees 1 CUDA device, our gitlab-runner user sees 0 devices", "denial-words", True),
    ("\uc77c\ubc18 \uacc4\uc815\uc73c\ub85c \uc2e4\ud589\ud558\uba74 False\uc778\ub370, \ub8e8\ud2b8 \uacc4\uc815\uc73c\ub85c\ub294 "
     "True\uac00 \ub098\uc635\ub2c8\ub2e4.", "denial-words", True),
    ("The sample config ships with `use_gpu: off`, I changed it to `use_gpu: on` in my copy.", "cuda-turned-off", False),
    # CUDA's invalid device ordinal only where a device is asked for by its number; the DLA not reachable; TensorRT's
    # memory table without this module, as an assertion.
    ("python3 train.py --device 3\nRuntimeError: CUDA error: invalid device ordinal", "cuda-101", True),
    ("Cuda Error cudaErrorInvalidDevice: invalid device ordinal", "cuda-101", False),
    ("Error Code 1: Internal Error (Cannot create DLA engine, 0 not available)", "dla-unavailable", True),
    ("Error Code 2: Internal Error (Assertion upperBound != 0 failed. Unknown embedded device Please update the table)",
     "release-unsupported", True),
    # A framework absent from the environment (not one found); an operator library built without its CUDA operators.
    ("PyTorch was not found. Models won't be available", "package-not-found", True),
    ("PyTorch was found: 2.4.0+cu121", "package-not-found", False),
    ("RuntimeError: nms_rotated_impl: implementation for device cuda:0 not found.", "cpu-only-build", True),
    # The GPU turned off only by an option that ends at its value on a command line (not "--use-gpu no matter what", nor
    # a setting's name in prose), by a variable named so (not FAIL_ON_NO_GPU), or by a file's "use_gpu = off" (not
    # CMake's USE_CUDA=OFF, a build's); Xid in prose;
    # NVIDIA's decoder without the capabilities a stream needs.
    ("pip install --use-gpu no matter what it still builds the CPU wheel", "cuda-turned-off", False),
    ("cfg.use_cuda no longer exists in 2.0", "cuda-turned-off", False),
    ("FAIL_ON_NO_GPU=true", "cuda-turned-off", False),
    ("NO_GPU=1", "cuda-turned-off", True),
    ("use_gpu = off", "cuda-turned-off", True),
    ("USE_CUDA=OFF, USE_CUDNN=OFF", "cuda-turned-off", False),
    ("dmesg shows Xid error 43 every few minutes", "gpu-fault-xid", True),
    ("[hevc_cuvid @ 0x56181e4c1f80] Hardware is lacking required capabilities", "video-codec-unsupported", True),
    ("ln -s /workspace/Video_Codec_SDK_9.1.23/Lib/linux/stubs/x86_64/libnvcuvid.so "
     "/workspace/Video_Codec_SDK_9.1.23/Lib/linux/stubs/x86_64/libnvcuvid.so.1", "cuda-34", True),
    ("ln -s /usr/lib/x86_64-linux-gnu/libnvcuvid.so.1 /usr/lib/x86_64-linux-gnu/libnvcuvid.so", "cuda-34", False),
    # A CPU build named with its version "rather than" the GPU build; the container said to have no GPU node, and a CDI
    # device by its qualified name said ignored (not nodes said present); VS Code refusing root unless told.
    ("pip pulled onnxruntime 1.16.3 rather than onnxruntime-gpu from the Jetson Zoo", "cpu-only-build", True),
    ("pip pulled onnxruntime-gpu 1.16.3 rather than onnxruntime", "cpu-only-build", False),
    ("the container has no /dev/nvhost-* and", "nodes-missing-words", True),
    ("/dev/nvhost-* are not present in the container.", "nodes-missing-words", True),
    ("/dev/nvhost-* are present in the container.", "nodes-missing-words", False),
    ("`nerdctl run --device nvidia.com/gpu=all` silently ignores the device", "nodes-missing-words", True),
    ("You are trying to start Visual Studio Code as a super user which isn't recommended. If this was intended, please "
     "add the argument `--no-sandbox`", "other-permission", True),
    # An uncorrectable ECC error (not nvidia-smi's column of their count), and a board throttled for its supply's current.
    ("failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_ECC_UNCORRECTABLE: uncorrectable ECC error encountered",
     "cuda-214", True),
    ("when one GPU on the host is abnormal due to Uncorrectable ECC Error, the plugin thinks it healthy", "cuda-214", True),
    ("| GPU  Name                 Persistence-M | Bus-Id        Disp.A | Volatile Uncorr. ECC |", "cuda-214", False),
    ("A notification appears that says \u201cSystem throttled due to Over-current.\u201d", "board-power-limit", True),
    ("soctherm: OC ALARM 0x00000001", "board-power-limit", True),
    ("the supply's over-current protection never tripped", "board-power-limit", False),
    # The toolkit upgraded by apt, or "our" toolkit; a program's own fix "did the trick" or was a two-line patch; a CPU
    # build pinned with ==; TensorFlow Lite's OpenGL delegate; VS Code's refusal wrapped by the terminal; a Mac's model
    # identifier; a pod spec that does not set the runtime class, and a fix that sets it; a host with no GPU-related
    # problems beside a container without a GPU.
    ("Ever since apt upgraded nvidia-container-toolkit to 1.17.3 every container says:", "toolkit-state", True),
    ("Ever since we upgraded our nvidia-container-toolkit to 1.17.3 every container fails", "toolkit-state", True),
    ("since apt upgraded python3, nvidia-container-toolkit 1.17.3 is what we run", "toolkit-state", False),
    ("Changing `has_gpu()` in tracker/utils.py to return torch.cuda.is_available() did the trick.", "program-fix-words",
     True),
    ("The fix was a two-line patch to the `select_device()` function", "program-fix-words", True),
    ("Changing the power mode to MAXN did the trick.", "program-fix-words", False),
    ("pip installed onnxruntime==1.16.3 rather than onnxruntime-gpu, so the session runs on the CPU", "cpu-only-build", True),
    ("we pinned onnxruntime==1.16.3 rather than 1.17 for the export", "cpu-only-build", False),
    ("ValueError: Failed to load delegate from libtensorflowlite_gpu_gl.so", "mobile-gpu-delegate", True),
    ("You are trying to start Visual Studio Code as a super user which isn't recommended. If this was intended, please "
     "add the argument\n`--no-sandbox` and specify an alternate user data directory", "other-permission", True),
    ("Model Identifier: MacBookPro18,3", "mac-no-cuda", True),
    ("alice@macbookpro ~ % cat orin_run.log", "mac-no-cuda", False),
    ("Our pod spec doesn't set runtimeClassName: nvidia, and the app logs", "nodes-missing-words", True),
    ("Fixed it by setting runtimeClassName: nvidia in the pod spec.", "nodes-missing-words", True),
    ("The Jetson host has no GPU-related problems (deviceQuery passes there), but the container runs without GPU:",
     "nodes-missing-words", True),
    ("The CI runner has no GPU, so the container runs without a GPU; that is expected.", "nodes-missing-words", False),
    # The GPU Operator's toolkit said to have updated an engine's configuration (its refusal read as the toolkit's) is
    # a said kind: see rules58- in explain_attacks.yaml. A camera its own tool finds none of, and a listing of devices
    # that are not the GPU's (I2C, SPI, serial).
    ("the realsense viewer from within the container says no devices", "other-device", True),
    ("0 crw------- 1 root root 89, 0 Jul 23 21:14 /dev/i2c-0", "other-device", True),
    ("crw-rw----+ 1 root render 226, 128 Jul 23 21:14 /dev/dri/renderD128", "other-device", False),
    # The Jetson's own builds of a framework, said; nvidia-smi's CUDA Version read as the installed CUDA's, against
    # what the reporter expected (not as a field of an environment list); `is_available() = False` with one "=".
    ("Jetson platforms have their own torch installation, so removing torch installation.", "cuda-build-words", True),
    ("each Jetson has its own IP address on the lab network", "cuda-build-words", False),
    ("I use a CUDA 10.2 image, but nvidia-smi within the container shows that the cuda version is 11.",
     "smi-cuda-version-read", True),
    ("Why does nvidia-smi show CUDA 12.4 when I installed 11.8?", "smi-cuda-version-read", True),
    ("- CUDA version reported by nvidia-smi: 12.8", "smi-cuda-version-read", False),
    ("after installing all the dependencies, I'm getting torch.cuda.is_available() = False.", "cuda-unavailable", True),
    # ldconfig's warning that a soname is a copy (WSL's driver folder); PyTorch's word that its CUDA half is not loaded.
    ("ldconfig: /usr/lib/wsl/lib/libcuda.so.1 is not a symbolic link", "ldconfig-not-a-link", True),
    ("ldconfig: /etc/ld.so.conf.d/cuda.conf:3: hwcap directive ignored", "ldconfig-not-a-link", False),
    ("Cannot initialize CUDA without ATen_cuda library. PyTorch splits its backend into two shared libraries",
     "cpu-only-build", True),
    # A tool older than the option it is given (not Docker's --gpus, whose absence is the GPU's matter); the driver's
    # persistence daemon failing; the render and video groups said to be needed; a PyTorch said to have no CUDA.
    ("ERROR: Invalid flag '--nvidia'", "option-unknown", True),
    ("docker: unknown flag: --gpus.", "option-unknown", False),
    ("nvidia-persistenced[2812]: ERROR: Failed to find user ID of user 'nvidia-persistenced'", "persistenced-failed", True),
    ("nvidia-persistenced is running and the GPU stays initialised", "persistenced-failed", False),
    ("Your user in the host system has to be member of the groups 'render' and 'video'", "denial-words", True),
    ("the system default python, of which pytorch has no CUDA support", "cpu-only-build", True),
    # A cluster node whose driver installer is off (GKE's node auto-provisioning).
    ("GPU driver auto installation is disabled.", "driver-install-off", True),
    ("Waiting for GPU driver libraries to be available.", "driver-install-off", True),
    ("the driver installation finished and the libraries are available", "driver-install-off", False),
    # CUDA's enum for a launch out of resources, its middle word misspelled as reporters type it.
    ("When I ran the application inside of cuda-gdb, I would get a cudaErrorLanchOutOfResources error:", "cuda-701", True),
    ("the queue ran out of resources before the launch", "cuda-701", False),
    ("my kernel fails with cudaErrorLaunchOutOfRessources when compiled with -G", "cuda-701", True),
    # Chromium's GPU process choosing no hardware GL (its GL back end, a virtual display), not only its sandbox's refusal.
    ("[88:88:0407/174925.830995:FATAL:gpu_init.cc(542)] Passthrough is not supported, GL is egl, ANGLE is",
     "browser-gpu-process", True),
    ("[14:14:0407/174926.103314:ERROR:gpu_process_host.cc(942)] GPU process exited unexpectedly: exit_code=133",
     "browser-gpu-process", True),
    ("Playwright's bundled Chromium crashes at GPU process init (SIGTRAP) when headed mode is requested.",
     "browser-gpu-process", True),
    ("the GPU process started and WebGL reports the NVIDIA renderer", "browser-gpu-process", False),
    # A run said to have no GPU on purpose: a server started in its non-GPU mode, a container given only CPUs.
    ("When starting the inference server in non-GPU mode as described in the docs the following error occurs:",
     "no-gpu-words", True),
    ("Running on Kubernetes, the container only has CPU", "no-gpu-words", True),
    ("the container only has CPU access, no GPU, although the pod requests nvidia.com/gpu: 1", "no-gpu-words", False),
    # OCI's runtime failing at the container's working directory is runc's own step, not NVIDIA's hook; a denial of
    # pip's files is no device's.
    ("OCI runtime create failed: runc create failed: unable to start container process: chdir to cwd (\"/workspace\") "
     "set in config.json failed: permission denied: unknown.", "runtime-hook-failed", False),
    ("Consequently PIP permissions are broken, and non-root users are unable to import the python sdk.", "denial-words",
     False),
    ("non-root users are unable to open /dev/nvhost-ctrl-gpu in the image", "denial-words", True),
    ("Only root can use CUDA on this board, even after I sorted out pip's permissions with a venv.", "denial-words", True),
    # Python 3 importing a module written for Python 2; a CI job that never reached its GPU runner; a log file's or a
    # workspace's permissions; NVML's driver mismatch in a monitor's and in NVML's own words.
    ("Error while initializing the gpu plugin (Missing parentheses in call to 'print' (pynvml.py, line 1831))",
     "python2-code", True),
    ("print needs parentheses in Python 3, so I changed the script", "python2-code", False),
    ("The self-hosted GPU runner is currently not picking up any jobs.", "ci-runner-unavailable", True),
    ("Waiting for a runner to pick up this job...", "ci-runner-unavailable", True),
    ("the runner picked up the job and nvidia-smi failed inside it", "ci-runner-unavailable", False),
    ("the log file '/var/log/cuda-installer.log' ends up not having read permissions for the default user",
     "other-permission", True),
    ("This fixes the CUDA image workflow by modifying permission of the workspace.", "other-permission", True),
    ("the render node is not readable by the service user", "other-permission", False),
    ("Impossible to initialize nvidia nvml : Driver/library version mismatch", "nvml-driver", True),
    ("NVML ERROR: RM has detected an NVML/RM version mismatch.", "nvml-driver", True),
    # A virtual machine's own virtual GPU; another maker's embedded GPU by its node; Spark RAPIDS short of GPU memory; the
    # driver's device files made only by root's first CUDA call.
    ("Arch Linux, virtual AMD Ryzen 5 3600 6-Core Processor, Red Hat Virtio GPU (rev 01), Vulkan", "no-gpu-words", True),
    ("lspci in the VM lists the Red Hat Virtio GPU beside the passed-through RTX 3090", "no-gpu-words", False),
    ('KERNEL=="galcore",  MODE="0660", GROUP="video"', "other-device", True),
    ("A normal user cannot run the GPU drivers; fix this by giving permission to the galcore device.", "other-device", True),
    ("the Mali GPU in the phone renders the scene fine", "other-device", False),
    ("java.lang.IllegalArgumentException: The initial allocation of 1319.96 MB (calculated from allocFraction (=0.9) and "
     "1466.625 MB free memory) was less than the minimum allocation of 4031.90625", "out-of-memory", True),
    ("Why must I run one of the CUDA samples as root first, then I can use CUDA as my own user?", "device-files-by-root",
     True),
    ("I must run the GPIO script as root because of the pins", "device-files-by-root", False),
    ("I had to run the install script as root and then reboot, and the GPU driver 550 works.", "device-files-by-root",
     False),
    # NVML's mismatch said absent or gone is none; the driver too old, and the card "dropping its driver", in Chinese; a
    # release image said to carry another version than the one required.
    ('I do not get "NVML: Driver/library version mismatch", nvidia-smi works and lists the card.', "nvml-driver", False),
    ("Yesterday's NVML: Driver/library version mismatch went away after the reboot.", "nvml-driver", False),
    ("你的 NVIDIA 显卡驱动版本太旧，无法支持这个容器所需的 CUDA 版本。", "cuda-35", True),
    ("bug: n卡掉驱动", "nvml-driver", True),
    ("报错之后 nvidia-smi 一切正常，四张卡都还在，不是n卡掉驱动。", "nvml-driver", False),
    ("我先卸掉驱动再重装了 535", "nvml-driver", False),
    ("网上有人说是驱动版本太旧，但 nvidia-smi 显示 535，应该不是。", "cuda-35", False),
    ("the jetpack version in that image is using version 4.6.1, not the required version 4.6.4.", "versions-mismatched",
     True),
    ("the image is using version 4.6.4, the required version", "versions-mismatched", False),
    # A platform that cannot give its containers NVIDIA's runtime; Python importing a name its dependency lacks; a GPU
    # without efficient float16.
    ("CasaOS doesn't allow apps to access GPU probably because it doesn't support custom runtime.", "nodes-missing-words",
     True),
    ("I cant install nvidia toolkit as the hassos terminal doesn't have yum or apt.", "nodes-missing-words", True),
    ("the toolkit doesn't support Windows 7", "nodes-missing-words", False),
    ("ImportError: cannot import name 'redirect_numba_module' from 'numba.cuda.utils'", "python-import-name", True),
    ("the import cannot name the module it wants", "python-import-name", False),
    ("ValueError: Requested float16 compute type, but the target device or backend do not support efficient float16 "
     "computation.", "gpu-too-old", True),
]


@pytest.mark.parametrize(("text", "family", "found"), FAMILY_WORDS)
def test_each_familys_words_are_read_and_their_look_alikes_are_not(text: str, family: str, found: bool) -> None:
    assert (family in ids(text)) is found


@pytest.mark.parametrize(("line", "weak_pc"), [("libEGL_nvidia.so.550.54.14: no such file or directory", True),
                                               ("libEGL_nvidia.so.540.4.0: no such file or directory", False)])
def test_a_glvnd_vendor_library_named_by_a_desktop_driver_s_version_is_a_weak_pc_sign(line: str, weak_pc: bool) -> None:
    """GLVND's NVIDIA vendor libraries carry the driver's version as libnvidia-* do; JetPack 6's 540 branch is not."""
    assert [s.kind for s in read(line).observed.x86] == (["PC software"] if weak_pc else [])


def test_an_orin_nanos_missing_encoder_is_no_access_problem() -> None:
    """The Jetson Orin Nano has no hardware video encoder: its node is missing everywhere, not from a container; on an
    Orin NX the same missing node is the container's."""
    log = ("[ERROR] (NvV4l2Element.cpp:63) <enc0> Could not open device '/dev/nvhost-msenc': No such file or directory\n"
           "ERROR encoder_request.cpp@535: Failed to create encoder")
    nano = read_cause("I am trying to encode h264 on Jetson Orin Nano running 35.3.1 and Jetpack 5.1.1.\n" + log).cause
    assert nano.id == "not-gpu-access" and "no hardware video encoder" in nano.why.text
    assert read_cause("I am trying to encode h264 on Jetson Orin NX running 35.3.1.\n" + log).cause.id != "not-gpu-access"


def test_an_inter_graphics_card_is_intels() -> None:
    """Intel's graphics as it is often mistyped is another vendor's GPU."""
    signs = read("my graphics card seems to be an Inter graphics card").observed.x86
    assert [s.value for s in signs] == ["Inter graphics card"]


def test_a_fix_in_the_programs_code_outranks_cuda_said_unavailable() -> None:
    """CUDA said unavailable in one part of a program that finds two devices elsewhere, fixed by changing the program's
    own check: the program, not the GPU's access."""
    text = ("When I run `print(torch.cuda.device_count())` in the code, it prints `2`. On the other hand, within "
            "`TorchPolicyGraph.__init__` `torch.cuda.is_available()` returns False.\nUpdate: I managed to solve the issue "
            "by overriding `TorchPolicyGraph.__init__` and changing `bool(os.environ.get(\"CUDA_VISIBLE_DEVICES\"))` to "
            "`torch.cuda.is_available()`.")
    assert read_cause(PC + "\n" + text).cause.id == "not-gpu-access"
    assert read_cause(PC + "\n" + text.split("\nUpdate")[0]).cause.id != "not-gpu-access"


@pytest.mark.parametrize(("line", "board", "pc"), [
    ("webcamd service may fail to start mjpg-streamer -> VCHI initialization failed", False, False),
    ("I cannot run the demo /opt/imx-gpu-sdk/GLES2/Blur/GLES2.Blur_Wayland", True, True),
    ("GPU workloads requesting `gpu.intel.com/i915` need access to /dev/", False, True)])
def test_signs_of_other_boards_and_vendors_gained_from_round_48(line: str, board: bool, pc: bool) -> None:
    """NXP's GPU SDK names another maker's Arm board; a Raspberry Pi's VideoCore message names none (a script ported from
    a Pi prints it on a Jetson too); Intel's device plugin's resource names Intel's GPU, a PC sign and no board."""
    from jetson_gpu_access.textfacts import OTHER_ARM_BOARD
    signs = read(line).observed.x86
    assert bool(signs) is pc and any(OTHER_ARM_BOARD.search(s.value) for s in signs) is board


def test_a_denial_on_another_makers_board_is_its_own_gpus() -> None:
    """The video group a Raspberry Pi's service lacks is its VideoCore's; with an NVIDIA card named on the board the
    denial is not read so."""
    text = ("Raspberry Pi 4, webcamd service may fail to start mjpg-streamer -> VCHI initialization failed\n"
            "Which is caused by lack of permission for video device. -> user not in video group")
    assert read_cause(text).cause.id == "not-gpu-access"
    assert read_cause(text + "\nThe board drives an RTX A2000 on its PCIe slot.").cause.id != "not-gpu-access"


@pytest.mark.parametrize(("unit", "sandbox"), [("ProtectClock=true", True), ("DevicePolicy=closed", True),
                                              ("#ProtectClock=true", False), ("ProtectClock=false", False)])
def test_a_units_device_list_hides_the_gpu_as_private_devices_does(unit: str, sandbox: bool) -> None:
    """systemd closes every device not listed once a unit has a device list, which ProtectClock=yes implies."""
    assert bool(read("[Service]\nUser=jellyfin\n" + unit).observed.said("device sandbox")) is sandbox


def test_nouveau_beside_an_arm64_machines_own_signs_shows_no_pc() -> None:
    """Arch Linux ARM's default host name in a prompt is an arm64 machine's: nouveau listed there drives a Tegra under
    mainline Linux; alone, nouveau still leans to a PC."""
    listing = "# lsmod\nModule                  Size  Used by\nnouveau              1728512  0"
    assert shown_platform(read("[root@alarm alarm]" + listing).observed)[0] != "pc"
    assert shown_platform(read("[root@box box]" + listing).observed)[0] == "pc"


@pytest.mark.parametrize(("line", "pc"), [("[pip3] nvidia-nccl-cu12==2.29.3", True), ("[pip3] nvidia-nccl==2.29.3", False)])
def test_cudas_pip_wheels_are_a_weak_sign_of_a_pc(line: str, pc: bool) -> None:
    """NVIDIA's CUDA libraries as pip wheels are built for x86_64 and arm64 servers, not for a Jetson before Thor."""
    assert [s.kind for s in read(line).observed.x86] == (["PC software"] if pc else [])


# Lines that show a PC, and look-alikes that do not, as held-out rounds found them; the comment over each group says
# what it reads and what not.
PC_SIGNS = [
    # A data-centre GPU's vGPU profile (its memory in GB and its series letter), NVSwitch's Fabric Manager, and
    # Fedora's NVIDIA driver packages and image-based systems, and a form's system field that names a Mac: no Jetson
    # has or runs any of them. A Mac the reporter connects from is not a system field.
    ("GPU: NVIDIA L40S-48C. Max memory: 47.712 GB. Platform: Linux.", True),
    ("vGPU profile: A100-40C", True),
    ("T4-16Q", True),
    ("the A100-40 run finished", False),
    ("[talos] service[ext-nvidia-fabricmanager](Running): Started task ext-nvidia-fabricmanager", True),
    ("● ostree-image-signed:docker://ghcr.io/ublue-os/aurora-dx-nvidia:stable-daily", True),
    ("LocalPackages: rpmfusion-free-release-41-1.noarch akmod-nvidia-565.77-1.fc41", True),
    ("I flashed the board with the SDK Manager", False),
    ("环境：mac", True),
    ("- OS: macOS", True),
    ("I ssh into the box from my mac: it fails there", False),
    # Ubuntu's switch between a laptop's Intel and NVIDIA GPUs, and a compute capability said of the user's own
    # hardware that no Jetson has (not Orin's 8.7, nor a minimum).
    ("We are running `prime-select intel` to do so", True),
    ("This because my hardware only supports CUDA compute capability 5.0.", True),
    ("my hardware only supports CUDA compute capability 8.7", False),
    ("my hardware only supports compute capability 7.0 or higher", False),
    # An interim Ubuntu release, which no JetPack is built on (not an LTS one).
    ("- OS Platform and Distribution: Ubuntu 21.10", True),
    ("Ubuntu 23.04 on the workstation", True),
    ("Ubuntu 22.04.4 LTS", False),
    # An Enterprise Linux package's release tag; AMD's GPU architectures, its APUs and the Steam Deck.
    ("singularity-ce version 3.11.1-1.el7", True),
    ("4.18.0-372.9.1.el8.x86_64", True),
    ("the wheel is 3.eleven times larger", False),
    ("GPU: 8 RDNA 2 CUs, 1.6GHz", True),
    ("7 nm AMD APU", True),
    ("ollama on my Steam Deck", True),
    # A data-centre GPU of the Pascal and Maxwell years, a desktop driver's version said with its "v", not the
    # machine a program is packaged on for another.
    ("- GPU: NVIDIA P40", True),
    ("Docker container won't start when NVIDIA driver is updated to v580.178.04", True),
    ("I package the project on Windows x86_64, is that cause the problem?", False),
    # A platform a program is set to is no machine, nor is Windows named beside Wine, whose programs run on Linux.
    ("When I hardcode the platform to amd64 and recompile, the WUs download fine.", False),
    ("I run amd64 Ubuntu and recompiled it.", True),
    ("I expected wine-nvml to expose the Linux driver to Windows requests seeking driver identification", False),
    ("I expected it to work on Windows 11 too", True),
    # Python's error of a Windows call, which only Windows prints (not the word in prose).
    ("TensorRT: export failure  0.1s: [WinError 127]", True),
    ("the WinError codes are documented by Microsoft", False),
    # RHEL named with its release, as NVIDIA's repositories name it ("cuda-rhel9"), and a GPU's card on a sign's line.
    ("Latest version on cuda-rhel9 repo is 545.23.08.", True),
    ("GPU 1: NVIDIA L4 (UUID: GPU-9ad0)", True),
    ("make -j4 -l4 failed", False),
    # PyTorch's collect_env saying it was built with no ROCm.
    ("ROCM used to build PyTorch: N/A", False),
    ("ROCm 6.1 on gfx1100", True),
    # A line that holds only a package's platform classifier names a build a dependency pulled; macOS by its old name.
    ("linux-x86_64-redist", False),
    ("windows-x86_64", False),
    ("Host: Ubuntu 22.04 on linux-x86_64", True),
    ("ND4J 0.9.1 on OS X 10.10 with CUDA 7.5", True),
    # a workstation card by its bare model (Quadro's Turing and Pascal lines), named as a card or NVIDIA's
    ("I have T600 card and want to use it for memories", True),
    ("GPU: NVIDIA T1000 8GB", True),
    ("a P2000 GPU in the NAS", True),
    ("Samsung Galaxy Tab T600", False),
    ("Jetson T4000 module on JetPack 7.1: the T4000 GPU is not visible", False),  # (Jetson Thor's modules)
    ("P4000 series connector on the carrier", False),
    # the CDI kind the GPU Operator generates for its management containers (gpustack/gpustack#3989)
    ("failed to inject CDI devices: unresolvable CDI devices management.nvidia.com/gpu=0", True),
    ("failed to inject CDI devices: unresolvable CDI devices nvidia.com/gpu=all", False),
    # Ubuntu's packages of the discrete driver (nvidia-container-toolkit#767), and GPUs counted as a log counts them
    # (ai-dynamo/nixl#1867)
    ("NV Driver installed by sudo apt install nvidia-driver-580", True),
    ("ii  nvidia-driver-535-server  535.183.01-0ubuntu0.22.04.1  amd64  NVIDIA driver metapackage", True),
    ("sudo apt install nvidia-driver-535-server", False),  # (a request: Jetson users try it too)
    ("ii  nvidia-l4t-core  36.4.3-20250107174145  arm64  NVIDIA Core Package", False),
    ("4 NVIDIA GPU(s) were detected, but UCX CUDA support was not found!", True),
    ("Found 1 GPU(s)", False),
    # RAPIDS' check of the device's own architecture (NVIDIA/cudf-spark#12246): Ada's 89 is no Jetson's, Orin's 87 is
    ("java.lang.RuntimeException: Device architecture 89 is unsupported. Minimum supported architecture: 90", True),
    ("java.lang.RuntimeException: Device architecture 87 is unsupported. Minimum supported architecture: 90", False),
]


@pytest.mark.parametrize(("line", "pc"), PC_SIGNS)
def test_each_line_that_shows_a_pc_is_read_so_and_its_look_alikes_are_not(line: str, pc: bool) -> None:
    assert bool(read(line).observed.x86) is pc


@pytest.mark.parametrize(("line", "family"), [
    ("nvgpu: 17000000.gpu nvgpu_dma_print_err:801  [INFO]  DMA alloc FAILED: [sysmem] size=257490944", None),
    ("nvgpu: 17000000.gpu gk20a_fifo_handle_err:999 [ERR]  fifo error", None),
    ("cuda_status=999 while creating the context", "cuda-999"),
    ("cudaGetDeviceCount returned 801", "cuda-801")])
def test_a_kernel_function_s_source_line_is_no_cuda_error_number(line: str, family: Optional[str]) -> None:
    """nvgpu logs a function's name and its source line ("nvgpu_dma_print_err:801"): that number is a line, not
    CUDA's error; a status or a result said with its number still is."""
    assert [m.id for m in find_signatures(line) if m.id.startswith("cuda-")][:1] == ([family] if family else [])


@pytest.mark.parametrize("line, meant, not_meant", [
    ("sh: 1: xdg-user-dir: not found", "not installed in that image", "CMake"),
    ("-- Could NOT find CUDAToolkit (missing: CUDAToolkit_BIN_DIR CUDAToolkit_INCLUDE_DIR)", "CMake", "not installed in"),
    ("Driver does not support the required nvenc API version. Required: 13.0 Found: 12.1", "NVENC", "another JetPack"),
    ("CUDA driver version is insufficient for CUDA runtime version", "another JetPack", "NVENC"),
    ("nvidia-container-cli: container error: cgroup subsystem devices not found: unknown", "cgroup v2", "`all`"),
    ("Error: could not find a monitor connected", "physical screen", "(DISPLAY unset)"),
    ("Error: cannot open display: :0", "(DISPLAY unset)", "physical screen"),
    ("The monitor is connected and on, but OpenGL fails in the xrdp session", "(DISPLAY unset)", "physical screen"),
    ("Headless kiosk: no monitor is connected; EGL context creation failed", "physical screen", "(DISPLAY unset)"),
])
def test_a_family_s_match_prints_only_the_meanings_its_words_can_have(line: str, meant: str, not_meant: str) -> None:
    """A family whose meanings belong to different words (data/symptoms.json `meant_by`) prints the one its match's
    line has: a missing `xdg-user-dir` is no CMake build that finds no CUDA toolkit (whose meaning names JetPack)."""
    meanings = " ".join(cause for match in explain(PC + "\n" + line).matches for cause in match.causes)
    assert meant in meanings and not_meant not in meanings, meanings


def test_each_signature_of_a_family_whose_meanings_are_tied_to_words_has_one_of_them() -> None:
    """`meant_by` is as long as `causes`, and each signature the family prints in the error reference holds at least
    one of its expressions (no signature falls back to every meaning)."""
    for family in data.load("symptoms")["symptoms"]:
        if "meant_by" in family:
            assert len(family["meant_by"]) == len(family["causes"]), family["id"]
            for signature in family["signatures"]:
                assert any(needed is None or re.search(needed, signature.lower()) for needed in family["meant_by"]), (
                    family["id"], signature)


def test_denial_words_about_an_npu_are_the_npu_s() -> None:
    """A user denied an NPU (/dev/accel/accel*, AMD's amdxdna, Intel's NPU) is denied no GPU: the denial's words are
    the other device's, and the reading prints no GPU node's group (video, render) for them."""
    text = PC + "\nThe tool says `No NPU device found` although /dev/accel/accel0 exists: my user lacks permission to open it."
    assert "other-device" in ids(text) and "denial-words" not in ids(text)
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    '`jetson_clocks --show` exits with code 1 (`"Error! GPU frequency scaling not supported!"`)',
    "FileNotFoundError: [Errno 2] No such file or directory: '/sys/devices/gpu.0/devfreq/17000000.gv11b/cur_freq'",
    "echo: write error: Permission denied (/sys/devices/platform/17000000.ga10b/devfreq/17000000.ga10b/min_freq)"])
def test_a_clock_tool_or_a_clock_file_that_fails_is_the_board_s_clocks(line: str) -> None:
    result = read_cause(JETSON_36 + "\n" + line)
    assert "clock-tuning-failed" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access", result.cause


def test_a_clock_file_read_is_no_failure() -> None:
    assert "clock-tuning-failed" not in ids("$ cat /sys/devices/gpu.0/devfreq/17000000.gv11b/cur_freq\n1300500000")


@pytest.mark.parametrize(("line", "family"), [
    ("Please use PaddlePaddle with GPU version", "cpu-only-build"),
    ("please install the GPU version of paddlepaddle", "cpu-only-build"),
    ("RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them "
     "on device: cuda:3", "tensors-on-two-devices")])
def test_a_program_s_own_words_for_a_cpu_build_or_two_devices(line: str, family: str) -> None:
    assert family in ids(line)


def test_a_program_s_source_that_prints_the_words_is_no_cpu_build() -> None:
    assert "cpu-only-build" not in ids('else:\n    print("Please install GPU version of TF")')


def test_files_copied_from_wsl_to_a_board_leave_the_board_a_jetson() -> None:
    text = ("$ scp /mnt/c/Users/me/model.onnx nano@nano-desktop:~/\n" + JETSON_32
            + "\nDevice 0: \"NVIDIA Tegra X1\"\ncudaGetDeviceCount returned 100")
    assert shown_platform(read(text).observed)[0] == "jetson"


def test_a_card_too_old_beside_another_failure_is_a_note() -> None:
    # (a workstation's console card that TensorFlow ignores, beside the work's own error: the error is the paste's)
    text = (PC + "\nIgnoring visible gpu device (device: 1, name: GeForce GT 710, pci bus id: 0000:02:00.0, compute "
            "capability: 3.5) with Cuda compute capability 3.5. The minimum required Cuda capability is 6.0.\n"
            "ValueError: Shapes (None, 10) and (None, 12) are incompatible")
    assert read_cause(text).cause.id == "not-gpu-access"


# A run told to use the CPU, then saying it does (Isaac Gym's "Physics Device: cpu" after --sim_device=cpu), with
# PyTorch's CUDA build beside it (alone, a CUDA build that sees no GPU on a PC is the driver's).
_GYM_ON_THE_CPU = ("PyTorch version 2.4.1+cu121\nCan't use GPU pipeline with CPU Physics. Changing pipeline to 'CPU'.\n"
                   "Physics Engine: PhysX\n"
                   "Physics Device: cpu\nGPU Pipeline: disabled\n")


@pytest.mark.parametrize(("command", "cause"), [
    ("python train.py --task=flat --sim_device=cpu --rl_device=cuda", "not-gpu-access"),
    ("python train.py --device cpu --epochs 2", "not-gpu-access"),
    ("CUDA_VISIBLE_DEVICES= python train.py", "not-gpu-access"),
    ("I run it with the option --cpu to keep it off the GPU", "not-gpu-access"),
    # (demucs' short flag; not docker's -d before an image named for the CPU)
    ("$ demucs -d cpu song.mp3", "not-gpu-access"),
    ("$ python tools/infer.py --model m.onnx -d cpu", "not-gpu-access"),
    ("$ docker run -d cpu-stress:latest", "x86-discrete-gpu"),
    ("$ docker compose up -d cpu", "x86-discrete-gpu"),
    # (no CPU asked for: a thread count, a binding, a run said to work on the CPU as a way round)
    ("python train.py --cpu-threads 8", "x86-discrete-gpu"),
    ("srun --cpu-bind=cores python train.py", "x86-discrete-gpu"),
    ("Running with --device cpu works as expected.", "x86-discrete-gpu")])
def test_a_run_told_to_use_the_cpu_that_uses_it_did_what_it_was_asked(command: str, cause: str) -> None:
    """A command that asks for the CPU (--device cpu, --sim_device=cpu, --cpu, CUDA_VISIBLE_DEVICES emptied) and a
    program that then says it runs on the CPU or sees no GPU: what it was asked to do, not the PC's driver
    (clearlab-sustech/Wheel-Legged-Gym#8)."""
    assert read_cause(PC + "\n" + command + "\n" + _GYM_ON_THE_CPU).cause.id == cause


@pytest.mark.parametrize("setting", ["python train.py --device cpu", "export USE_CUDA=false"])
def test_a_cpu_asked_for_beside_a_cuda_error_is_no_answer(setting: str) -> None:
    """Where CUDA itself failed, the CPU asked for in another run, or a setting that turns CUDA off, did not hold for
    the run that failed: CUDA was asked for there."""
    text = PC + "\n" + setting + "\nRuntimeError: CUDA error: no kernel image is available for execution on the device"
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_cuda_release_unlike_the_one_a_build_requires_is_the_software_not_a_denial() -> None:
    """CMake's FindCUDA finding another release than the build asks for, on a TX2 flashed anew
    (stereolabs/zed-ros-wrapper#195): the software's versions, not the GPU's access; a package other than CUDA's found
    at another version (Boost) is no GPU's software."""
    text = ("I recently flashed and updated my tx2 which upgraded it to CUDA 9.0.\n"
            'Found unsuitable version "9.0", but required is exact version "8" (found /usr/local/cuda-9.0)')
    assert read_cause(text).cause.id == "jetson-software-mismatch"
    assert "cuda-build-words" not in ids('Could NOT find Boost: Found unsuitable version "1.65.1", but required is '
                                            'at least "1.70" (found /usr/include)')


def test_out_of_memory_on_no_jetson_names_no_jetson_allocator() -> None:
    """An out-of-memory kill on a system the paste does not show is told in words of memory, not of a Jetson's own
    allocator (NvMap), whose name a reply about a PC's container would invent
    (jammsen/docker-sons-of-the-forest-dedicated-server#60)."""
    result = explain("the sample image shown the startup is killed during deployment.")
    assert result.cause.id == "not-gpu-access"
    assert "nvmap" not in (render_text(result) + render_markdown(result)).lower()


@pytest.mark.parametrize("line", [
    "This kernel only supports sm100f.",
    "the prebuilt `-igpu` framework containers don't support `sm_110` yet",
    "RuntimeError: the wheel does not support sm_87"])
def test_a_build_said_to_lack_an_architecture_is_a_build_not_for_this_gpu(line: str) -> None:
    """A kernel, a build or an image said to support only some GPU architectures, or not this one, by its sm_ name
    (vllm-project/vllm#39712 on a Thor, OE4T/meta-tegra-community#197): a build without this GPU's kernels; where the
    paste shows a Jetson, the software for its release."""
    assert "build-not-for-this-gpu" in ids(line)
    assert read_cause("Jetson AGX Thor Developer Kit, L4T 38.2.0\n" + line).cause.id == "jetson-software-mismatch"
    assert "build-not-for-this-gpu" not in ids("this board supports sm_87 and the DLA")


def test_the_gpu_used_only_as_root_in_a_pcs_container_is_the_pcs_denial() -> None:
    """The GPU said usable only as root, in a Singularity container on a PC (apptainer/singularity#3683): the PC's
    reading, not a Jetson's node."""
    text = ("singularity version 3.2.0-rc1\nsudo singularity build --sandbox tester docker://tensorflow/tensorflow:"
            "latest-gpu-py3\nsingularity run --nv tester\nThe container builds, but I can only use the GPU with "
            "tensorflow when running the container as the root user.\nUbuntu 18.04, x86_64, GeForce GTX 1080")
    result = read_cause(text)
    assert "denial-words" in [m.id for m in result.matches]
    assert result.cause.id == "x86-discrete-gpu"


def test_a_module_named_windows_in_a_path_is_no_windows_pc() -> None:
    """cusignal's window functions live in cusignal/windows/windows.py: a folder and a module by that name, on a Jetson
    (evanmayer/effex#10), name no Windows PC; Windows' own folder (C:\\Windows\\System32) still does."""
    frame = ('File "/home/t/archiconda3/lib/python3.7/site-packages/cusignal/windows/windows.py", line 1208, in hamming\n'
             "cupy_backends.cuda.api.runtime.CUDARuntimeError: cudaErrorInitializationError: initialization error")
    assert not [s for s in read(frame).observed.x86 if "windows" in s.value.lower()]
    assert read_cause(frame).cause.id != "x86-discrete-gpu"
    assert read("C:\\Windows\\System32\\nvcuda.dll could not be loaded").observed.x86
    module = "from cusignal.windows import get_window\n  File \"cusignal/windows/windows.py\", line 9, in hann"
    assert not [s for s in read(module).observed.x86 if "windows" in s.value.lower()]  # (red team 86)
    for said in ("from cusignal import windows", "AttributeError: module 'cusignal' has no attribute 'windows'"):
        assert not [s for s in read(said).observed.x86 if "windows" in s.value.lower()], said  # (red team 87)


def test_bitsandbytes_detected_compute_capability_names_the_jetson() -> None:
    """bitsandbytes' CUDA set-up prints the highest compute capability it detected: 7.2 is a Xavier's (no PC card has
    it), so its CPU-only fallback is the Jetson's software (dusty-nv/jetson-containers#274)."""
    text = ("CUDA SETUP: Highest compute capability among GPUs detected: 7.2\nCUDA SETUP: Detected CUDA version 114\n"
            "UserWarning: The installed version of bitsandbytes was compiled without GPU support.\n"
            "CUDA SETUP: Defaulting to libbitsandbytes_cpu.so...")
    assert read_cause(text).cause.id == "jetson-software-mismatch"
    assert read_cause(text.replace("7.2", "8.6")).cause.id != "jetson-software-mismatch"
    newer = text.replace("Highest compute capability among GPUs detected: 7.2", "Highest Compute Capability: (8, 7)")
    assert [s for s in read(newer).observed.jetson if "(8, 7)" in s.value]  # (bitsandbytes 0.43's words: red team 86)
    assert read("Highest Compute Capability: 8.7.").observed.jetson  # (and its dotted form: red team 87)


@pytest.mark.parametrize("line", ["Upgrade L4T to match host version on recent balenaos",
                                  "Bump the container's L4T to r36.4 to match the host's BSP"])
def test_a_containers_release_said_to_need_to_match_the_hosts_is_a_version_mismatch(line: str) -> None:
    """A container's L4T or JetPack said to be brought to the host's (balena-io-experimental/jetson-sample-new#7): the
    userspace in the image is of another release than the host's BSP, the Jetson's software, not its access."""
    assert "versions-mismatched" in ids(line)
    assert read_cause(line).cause.id == "jetson-software-mismatch"
    assert "versions-mismatched" not in ids("the fan curve should match the host's")
    assert "versions-mismatched" not in ids("the container's L4T doesn't need to match the host's")  # (red team 86)


def test_a_call_past_start_up_does_not_outrank_a_node_the_paste_shows_denied() -> None:
    """A worker's rebuild_cuda_tensor may be its own CUDA's first call: where the paste shows the process lacks the
    group of /dev/nvmap, its 999 is that denial (red team 85)."""
    text = ("Jetson Orin NX, JetPack 6.2 (L4T R36.4.3)\n$ docker run --rm --runtime nvidia --user 1000:1000 "
            "dustynv/l4t-pytorch:r36.4.0 python3 /ws/share.py\n  File \"/usr/local/lib/python3.10/dist-packages/torch/"
            "multiprocessing/reductions.py\", line 149, in rebuild_cuda_tensor\n    storage = storage_cls._new_shared_cuda(\n"
            "RuntimeError: CUDA error: unknown error\n$ docker run --rm --runtime nvidia --user 1000:1000 dustynv/l4t-"
            "pytorch:r36.4.0 sh -c 'id; ls -l /dev/nvmap'\nuid=1000 gid=1000 groups=1000\n"
            "crw-rw---- 1 root video 10, 125 Mar  3 09:12 /dev/nvmap\n")
    assert read_cause(text).cause.id in ("uid-gid-launch", "tegra-nodes-denied")


@pytest.mark.parametrize(("line", "family"), [
    ("python test.py --dataroot ./maps --gpu_ids -1", "cpu-requested"),
    ("yolo train model=yolov8n.pt data=coco8.yaml device=cpu", "cpu-requested"),
    ("python run_localGPT.py --device_type cpu", "cpu-requested"),
    ("python run_glue.py --model_name_or_path bert-base-cased --no_cuda", "cuda-turned-off"),
    ("./webui.sh --use-cpu all --precision full --no-half", "cpu-requested"),
    ("GPU available: True (cuda), used: False", "cpu-requested"),
    ("results = model.train(data='coco128.yaml', epochs=100, device='cpu')", "cpu-requested"),
    ("args = TrainingArguments(output_dir='out', no_cuda=True)", "cuda-turned-off"),
    # (red team 87: Ultralytics' older form, Hydra's and Lightning's overrides, a pipeline on device -1, ONNX Runtime
    # given the CPU's provider alone, CMake's options turned off)
    ("yolo task=detect mode=predict model=yolov8n.pt device=cpu", "cpu-requested"),
    ("python3 train.py experiment=mnist device=cpu", "cpu-requested"),
    ("root@orin:/# python3 fit.py --trainer.accelerator=cpu --trainer.max_epochs=3", "cpu-requested"),
    ("pipe = pipeline('summarization', model='t5-small', device=-1)", "cpu-requested"),
    ("s = ort.InferenceSession('yolov8n.onnx', providers=['CPUExecutionProvider'])", "cpu-requested"),
    ("cmake -D CMAKE_BUILD_TYPE=RELEASE -D WITH_CUDA=OFF -D WITH_CUDNN=OFF ..", "cuda-turned-off"),
    ("cmake -B build -DLLAMA_CUBLAS=OFF", "cuda-turned-off"),
    ('CMAKE_ARGS="-DGGML_CUDA=0" pip install llama-cpp-python', "cuda-turned-off")])
def test_other_ways_to_ask_for_the_cpu_are_read(line: str, family: str) -> None:
    """pix2pix's --gpu_ids -1, Ultralytics' device=cpu, localGPT's --device_type cpu, the web UI's --use-cpu all, a
    call's device='cpu', Lightning's GPU left unused and argparse's --no_cuda ask for the CPU as --device cpu does (red
    teams 85 and 86)."""
    assert family in ids(line)


@pytest.mark.parametrize("line", ["stress --cpu 32 --timeout 60", "sudo cpupower --cpu all frequency-set -g performance",
                                  "docker run --cpus 4 img", "python train.py --cpu-threads 8",
                                  "May 01 10:00:01 orin embedder[1412]: INFO embedder: loading BAAI/bge-m3 device=cpu",
                                  # (Lightning's --gpus -1 is every GPU; a fallback in code; prose of a way round)
                                  "python train.py --gpus -1 --max_epochs 3", 'else:\n    device = "cpu"',
                                  "Adding --cpu to the CMD made it start", "I removed --device cpu from the command"])
def test_a_cpu_count_or_a_governor_is_no_cpu_asked_for(line: str) -> None:
    """stress's and cpupower's --cpu take a count or a set of cores, docker's --cpus a share, and a log's device=cpu
    says where a service ended up: none asks a program to leave the GPU (red teams 85 and 86)."""
    assert "cpu-requested" not in ids(line)
    assert "cuda-turned-off" not in ids("python run_glue.py --no_cuda False")
    assert "cuda-turned-off" not in ids("I removed no_cuda=True from the TrainingArguments")  # (red team 87)


@pytest.mark.parametrize(("text", "cause"), [
    (PC + "\npython train.py --device cpu   # slow, only to compare\nFailed to initialize NVML: Driver/library version "
     "mismatch", "x86-discrete-gpu"),
    # CUDA's own answer, which no program's option changes
    (JETSON_36 + '\n$ python3 -c "import torch; print(torch.__version__, torch.cuda.is_available())"\n2.3.1 False\n'
     "$ yolo predict model=yolov8n.pt source=0 device=cpu", "jetson-software-mismatch"),
    # a setting that turns CUDA off, beside another error of CUDA's: a run to compare with
    (PC + "\n$ python main.py --no-cuda\nTrain Epoch: 1 [0/60000 (0%)]\n$ python main.py\nRuntimeError: CUDA error: all "
     "CUDA-capable devices are busy or unavailable", "x86-discrete-gpu"),
    # (red team 87: a CPU run said to complete, beside CUDA's own answer; CUDA's count of devices is its own answer too)
    (PC + "\npython train.py --device cpu   # completes in 2 h\nNo CUDA GPUs are available", "x86-discrete-gpu"),
    # (red team 88: a run said not to complete is no control run)
    (PC + "\nGPU Pipeline: disabled\npython3 train.py --device cpu   # does not complete, 40 min per epoch",
     "not-gpu-access"),
    (JETSON_36 + "\npython3 train.py --device cpu\ntorch.cuda.device_count() returns 0", "jetson-software-mismatch"),
    (JETSON_36 + "\npython train.py --device cpu works but is slow\nAssertionError: Torch not compiled with CUDA enabled",
     "jetson-software-mismatch")])
def test_a_cpu_asked_for_beside_another_failure_is_a_run_to_compare_with(text: str, cause: str) -> None:
    """The CPU asked for beside NVML's mismatch, or a build without CUDA, is a comparison or a way round: the other
    failure is the reading (red team 85)."""
    assert read_cause(text).cause.id == cause


@pytest.mark.parametrize(("line", "family", "found"), [
    ("I found CUDA 12.1 but the README says it requires 11.8, so that is fine", "cuda-build-words", False),
    ("ERROR : Found CUDA 10.1 but the ZED SDK requires 10.0", "cuda-build-words", True),
    ("the kernels only support sm_80 and newer, and my card is sm_86, so that is not it", "build-not-for-this-gpu",
     False),
    ("This kernel only supports sm100f.", "build-not-for-this-gpu", True),
    ("I can only use the GPU in the pod if the container runs as root (runAsUser: 0).", "denial-words", True),
    ("The GPU is only usable when the container is started as root; with --user 1000 it is not.", "denial-words", True),
    ("I can only run CUDA programs as root.", "denial-words", True),
    ("I can use the GPU only when I start the container as root.", "denial-words", True),
    ("I'm only able to use CUDA when the service runs as root.", "denial-words", True),
    ("The GPU can only be used by root on this board.", "denial-words", True),
    # (red team 87: the GPU's load seen only as root is no denial of the GPU; more wordings of one)
    ("I can only get the GPU load in jtop as root.", "denial-words", False),
    ("CUDA can only be accessed as root on this board.", "denial-words", True),
    ("I can't use CUDA unless I'm root.", "denial-words", True),
    ("I can use CUDA only through sudo.", "denial-words", True),
    ("- Found CUDA 11.4 but the wheel requires 12.2", "cuda-build-words", False),
    ("WARNING: Found CUDA 11.4, but the build requires 12.2", "cuda-build-words", True),
    ("Error: found CUDA version 11.4 but this package requires 12.2", "cuda-build-words", True),
    ("-- Found CUDA 10.2 but the ZED SDK requires 10.0", "cuda-build-words", True),
    ("Downgrading the container's L4T to r35.3 to match the host fixed it", "versions-mismatched", True)])
def test_release_refusals_architectures_and_root_only_use_are_read_as_worded(line: str, family: str, found: bool) -> None:
    """A CUDA release the user found, in prose, is no installer's refusal; kernels for sm_80 "and newer" cover this
    card; the GPU usable only when the container runs as root is a denial, in the active and the passive (red team
    85)."""
    assert (family in ids(line)) is found


def test_a_build_without_cuda_outranks_root_said_to_work() -> None:
    """Root working where the user does not, beside the user's torch built without CUDA: root ran another Python, with
    NVIDIA's wheel; the build is what fails (red team 85)."""
    text = (JETSON_36 + "\nI could only get CUDA working when running the script as root. sudo runs /usr/bin/python3.\n"
            "(venv) $ python train.py\nAssertionError: Torch not compiled with CUDA enabled")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_software_said_not_to_fit_a_jetson_is_a_version_failure() -> None:
    """"This option is not yet compatible with Jetson devices" (anduril/jetpack-nixos#249): software that does not fit
    the Jetson, the kind of a version's failure, not a failure unrelated to the GPU; an installer not compatible with
    an Arm processor is not (stereolabs/zed-ros2-wrapper#101, a generic Arm board)."""
    for said in ("This option is not yet compatible with Jetson devices.",
                 "This feature isn't compatible with Jetson devices yet.", "vLLM's prebuilt wheel does not support Jetson."):
        failure = find_failure(said)
        assert failure is not None and failure.kind == "version", said
    other = find_failure("This installer is not compatible with ARM processor")
    assert other is not None and other.kind != "version"


def test_opencv_counting_no_cuda_device_beside_its_build_without_cuda_is_the_build() -> None:
    """OpenCV's getCudaEnabledDeviceCount() answers 0 for a build made with -D WITH_CUDA=OFF: the build's own answer,
    which the setting explains, not CUDA's (red team 87)."""
    text = (JETSON_35 + "\ncmake -D CMAKE_BUILD_TYPE=RELEASE -D WITH_CUDA=OFF -D WITH_CUDNN=OFF ..\n"
            ">>> cv2.cuda.getCudaEnabledDeviceCount()\n0")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_cpu_asked_for_does_not_hide_a_node_the_paste_shows_denied() -> None:
    """A run told to use the CPU beside an `id` that lacks the group of /dev/nvmap, which the paste lists: the denial is
    the reading, not the CPU asked for."""
    text = (JETSON_36 + "\n$ python3 train.py --device cpu\nGPU Pipeline: disabled\n$ id\nuid=1000(me) gid=1000(me) "
            "groups=1000(me)\n$ ls -l /dev/nvmap\ncrw-rw---- 1 root video 10, 125 Mar  3 09:12 /dev/nvmap")
    assert read_cause(text).cause.id == "tegra-nodes-denied"


def test_the_machines_model_is_the_model_its_sighting_names() -> None:
    """The model the observed facts give is the one the statement names, from the same sighting: not a link's address
    on the line before its text (timongentzsch/Jetson_Ubuntu20_Images#12 printed "jetson-nano" for one and "Jetson
    Nano" for the other)."""
    line = ("However, per [this thread](https://forums.developer.nvidia.com/t/installing-cuda-11-x-on-jetson-nano/169109/3),"
            " CUDA 11 is not supported for the Jetson Nano yet.")
    observed = read(line).observed
    assert observed.model == next(s.value for s in observed.jetson if s.kind == "model") == "Jetson Nano"


SCHEDULED_NOWHERE = ("Warning  FailedScheduling  default-scheduler  0/36 nodes are available: 3 node(s) were "
                     "unschedulable, 33 Insufficient nvidia.com/gpu.")


@pytest.mark.parametrize("system", ["", PC + "\n"])
def test_a_pod_no_node_can_take_is_left_open_with_the_question_that_decides(system: str) -> None:
    """The scheduler's message alone: the pod never started, and whether every GPU is taken or none is advertised is not
    in it. Not a container without the GPU, and not the PC's driver either (pangeo-eosc#74: a shared cluster's GPUs all
    in use)."""
    result = read_cause(system + SCHEDULED_NOWHERE)
    assert result.cause.id == "unknown" and "gpu-unschedulable" in [m.id for m in result.matches], result.cause
    assert result.question is not None and "kubectl describe node" in result.question.command, result.question


def test_a_pod_no_node_can_take_beside_the_drivers_failure_is_the_drivers() -> None:
    """The device plugin's NVML failure beside the scheduler's message says why no GPU is advertised."""
    text = PC + "\n" + SCHEDULED_NOWHERE + "\n2021/03/19 04:09:45 Failed to initialize NVML: could not load NVML library."
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("words", [
    "a non-privileged CDI-injected pod on nv1 successfully initialized CUDA (JetPack6 backend, full GPU offload, no error "
    "801/999) and ran real inference.",
    "the smoke test ran without error 999 this time",
])
def test_a_cuda_error_number_said_not_to_happen_is_no_error(words: str) -> None:
    """home-ops#4897: a pod that started CUDA "with no error 801/999" is no render node denied."""
    result = read_cause(JETSON_36 + "\n" + words)
    assert not {"cuda-801", "cuda-999"} & set(ids(JETSON_36 + "\n" + words)), result.matches
    assert result.cause.id not in ("render-node-denied", "tegra-nodes-denied"), result.cause


@pytest.mark.parametrize("words", [
    "#4441 added a nicer error message, but users with old drivers are still left scratching their heads.",
    "This PR improves the error message when the driver is missing.",
])
def test_an_error_message_a_change_adds_is_no_failure(words: str) -> None:
    """A change to the program's wording (canonical/lxd#4617) names no failure; one the reporter got still does."""
    assert find_failure(words) is None
    assert find_failure("I get an error message: cuInit failed") is not None


def test_a_mig_slice_no_node_can_take_is_the_scheduler_s_too() -> None:
    """Red team 92: a MIG profile's resource is as open as the whole GPU's."""
    result = read_cause(PC + "\n  Warning  FailedScheduling  20s  default-scheduler  0/4 nodes are available: 4 "
                        "Insufficient nvidia.com/mig-1g.10gb.")
    assert result.cause.id == "unknown" and "gpu-unschedulable" in [m.id for m in result.matches], result.cause


def test_a_pod_no_node_can_take_where_every_gpu_is_said_taken_is_capacity() -> None:
    """Red team 92: the paste says what the question asks, every advertised GPU allocated."""
    text = ("Our ML team says all 8 GPUs on the node are busy: kubectl describe node shows nvidia.com/gpu 8 allocatable "
            "and 8 allocated.\n" + SCHEDULED_NOWHERE)
    assert read_cause(text).cause.id == "not-gpu-access"


def test_root_only_words_in_a_quote_are_someone_elses() -> None:
    """Red team 92: a Markdown quote of an old issue's words is not this reporter's finding; their own line is."""
    quoted = "> CUDA works as root but not as my normal user\nThat old issue is not mine."
    assert "denial-words" not in ids(JETSON_36 + "\n" + quoted)
    assert "denial-words" in ids(JETSON_36 + "\nCUDA works as root but not as my normal user")


@pytest.mark.parametrize("words", [
    "Tried it both as root and as my user, and only root can use the GPU.",
    "I tried with sudo too and then it prints True, so the GPU only works as root.",
    "I don't want to run the app as root either; right now the GPU is only accessible as root.",
])
def test_root_only_said_beside_both_too_or_either_is_still_a_denial(words: str) -> None:
    """Red team 93: "both", "too" and "either" veto the denial only where root is said to fail."""
    assert "denial-words" in ids(JETSON_36 + "\n" + words)


@pytest.mark.parametrize("words", [
    "Our ROS2 node can only use CUDA as root. The camera driver also fails as root, but that is a separate ticket.",
    "Our detector uses the GPU only when run as root; as the kiosk user it's on the CPU. I tried installing jtop with "
    "sudo and it errors too, but that's a pip thing.",
    "The GPU only works with sudo; as a normal user it runs on the CPU. Same with sudo for the pip install step.",
])
def test_root_failing_in_a_later_sentence_of_its_own_leaves_the_denial(words: str) -> None:
    """Red team 95: root said to fail is read past a semicolon, not into the next sentence, which speaks of other work."""
    assert "denial-words" in ids(JETSON_36 + "\n" + words)


@pytest.mark.parametrize("words", [
    "I get the same result when running it as root",
    "torch.cuda.is_available() is False as my user, it is also False as root",
    "cuInit fails as my user; running it with sudo does not fix it",
    "CUDA does not work as a normal user; as root it doesn't work either.",
    "ollama only uses the CPU as my normal user; as root it doesn't work either. Logs below.",
    "torch.cuda.is_available() is False as my user; same result with sudo",
])
def test_root_said_to_fail_too_in_more_words_is_no_denial(words: str) -> None:
    assert "denial-words" not in ids(JETSON_36 + "\n" + words)


@pytest.mark.parametrize(("words", "shown"), [
    ("No error 801 as root, error 801 as vision.", True),
    ("pod initialised CUDA without any error 801/999, full offload", False),
    ("CUDA init clean, error 801 is gone, full offload 29/29 layers.", False),
    ("the pod no longer hits error 801, full offload 29/29 layers.", False),
])
def test_a_cuda_number_said_not_to_happen_leaves_the_next_one_on_its_line(words: str, shown: bool) -> None:
    """Red team 93: the negated number is skipped, not the line: a later 801 is still read."""
    assert ("cuda-801" in ids(JETSON_36 + "\n" + words)) is shown


def test_a_line_that_only_says_how_it_failed_weighs_less_than_the_error_it_introduces() -> None:
    """Red team 93: "the pod exits right away with it:" beside the node, then the message that names what is missing."""
    text = ("k3s on a Jetson Orin NX (L4T R36.3). Our entrypoint checks for /dev/nvmap before starting the app; last "
            "sprint we added a clearer error message for that case, and now the pod exits right away with it:\n"
            "$ kubectl logs detector-0\nERROR: GPU devices not mounted (no /dev/nvmap). Did you set runtimeClassName: "
            "nvidia?")
    assert find_failure(text).kind == "gpu-node"
    assert "not mounted" in find_failure(text).line


def test_rolling_the_toolkit_back_that_makes_it_go_away_is_a_downgrade_that_fixes() -> None:
    line = "Rolling the toolkit back to 1.16.2 makes it go away, so it is the 1.17.0 release."
    assert "downgrade-fixes" in ids(line)


@pytest.mark.parametrize(("words", "taken"), [
    ("every GPU on the cluster is currently in use by the training jobs", True),
    ("every one of the 7 MIG slices is in use", True),
    ("It is not that all 8 GPUs are busy - nvidia-smi shows no processes", False),
    ("cpu 4 allocatable and 4 allocated? no - cpu is fine; nvidia.com/gpu is missing from Capacity", False),
])
def test_every_gpu_said_taken_and_its_look_alikes(words: str, taken: bool) -> None:
    """Red team 94: the words must say it of the GPUs, and not deny or ask it."""
    assert ("gpus-all-taken" in ids(words)) is taken


def test_sudo_making_no_difference_is_root_failing_too() -> None:
    assert "denial-words" not in ids(JETSON_36 + "\ntorch.cuda.is_available() is False as my user; sudo makes no difference")


def test_a_rollback_that_made_the_error_disappear_is_a_downgrade_that_fixes() -> None:
    assert "downgrade-fixes" in ids("Rolling nvidia-container-toolkit back to 1.16.2 made the error disappear.")


def test_a_cuda_error_named_in_brackets_after_a_negated_number_is_negated_too() -> None:
    """Red team 94: "no longer get error 35 (cudaErrorInsufficientDriver)" is neither the number nor the name."""
    assert "cuda-35" not in ids("after the upgrade we no longer get error 35 (cudaErrorInsufficientDriver)")
    assert "cuda-35" in ids("now we get error 35 (cudaErrorInsufficientDriver)")


def test_error_35_in_an_image_of_another_l4t_major_than_the_host_is_the_image_s_release() -> None:
    """Red team 94: a JetPack 5 host running an r36 image; CUDA 12 in the image needs R36's driver. Not the runtime's
    driver library left out, which error 35 in a container means where the paste shows no such conflict."""
    text = ("Jetson Orin Nano, JetPack 5.1.1 host, container nvcr.io/nvidia/l4t-jetpack:r36.2.0\n"
            "CUDA driver version is insufficient for CUDA runtime version\n")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_an_nvenc_session_refused_on_a_pc_is_its_driver_s_encoder() -> None:
    """rigaya/NVEnc#439: the encoder's "unable to allocate enough memory" (error 10) on a GeForce card with a driver of
    the open kernel modules; beside it, the program's "No GPU found suitable" is that refusal's consequence."""
    text = ("nvenc : Error on nvEncOpenEncodeSessionEx: 10 (NVENC indicates that the API call failed because it was unable "
            "to allocate enough memory to perform the requested operation.)\nNo GPU found suitable for NVEnc Encoding.\n"
            "GPU: NVIDIA GeForce RTX 2060.\nDriver Version: 520.56.06.")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize(("text", "cause"), [
    # CUDA's own out of memory beside the encoder that then cannot open: the memory is what ran out
    ("torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB (GPU 0; 11.76 GiB total capacity)\n"
     "[h264_nvenc @ 0x55d0c8a3c9c0] OpenEncodeSessionEx failed: out of memory (10): (no details)", "not-gpu-access"),
    # the encoder said to open fine, and the process running out of GPU memory later
    ("The encoder opens fine (no OpenEncodeSessionEx errors at all) but after ~40 minutes the process runs out of GPU "
     "memory and crashes.", "not-gpu-access"),
])
def test_an_nvenc_refusal_beside_memory_or_said_not_to_happen_is_not_the_encoder(text: str, cause: str) -> None:
    """Red team 96."""
    assert read_cause(PC + "\n" + text).cause.id == cause


def test_an_nvenc_refusal_said_gone_is_not_read() -> None:
    """Red team 96: the refusal said gone since a driver update is no failure of the paste's."""
    gone = 'Update: the "OpenEncodeSessionEx failed: out of memory (10)" error is gone since I moved to driver 550.78.'
    assert "nvenc-session-refused" not in ids(PC + "\n" + gone)
    assert "nvenc-session-refused" in ids(PC + "\n" + gone.replace("is gone since I moved", "is back after I moved"))


@pytest.mark.parametrize(("text", "cause"), [
    ("Step 7/12 : RUN conda install -y -c conda-forge cupy\n"
     "  - package cupy-13.0.0-py310h3b1a45e_3 has constraint __cuda >=12 conflicting with __cuda-11.4-0",
     "jetson-software-mismatch"),
    ('Thanks, upgrading the driver to 525 fixed the "has constraint __cuda >=11.6.0 conflicting with __cuda-10.2-0" '
     "error.\nModuleNotFoundError: No module named 'mrcfile'", "not-gpu-access"),
])
def test_conda_s_cuda_against_the_driver_in_a_jetson_s_build_or_said_fixed(text: str, cause: str) -> None:
    """Red team 96: in an image built on a Jetson the package is built for another CUDA than the JetPack's (not a
    container's missing driver library: conda found the driver's CUDA); said fixed, it is not what fails."""
    assert read_cause(JETSON_35 + "\n" + text).cause.id == cause


def test_conda_s_cuda_set_by_hand_is_not_the_driver_s() -> None:
    conflict = "  - package pytorch-2.1.0 has constraint __cuda >=11.8 conflicting with __cuda-10.2-0"
    assert "conda-cuda-above-driver" in ids(PC + "\n" + conflict)
    assert "conda-cuda-above-driver" not in ids(PC + "\nexport CONDA_OVERRIDE_CUDA=10.2\n" + conflict)


@pytest.mark.parametrize("family", [f["id"] for f in data.load("symptoms")["symptoms"] if f.get("vetoed_when_said_fixed")])
@pytest.mark.parametrize("said", ["(fixed since by a reboot)", "- this went away after the upgrade.",
                                  "which has been resolved since.", "I fixed the error by upgrading."])
def test_a_family_taken_back_when_said_fixed_is_taken_back_by_every_wording_of_it(family: str, said: str) -> None:
    """The families whose trouble a report may say is over share one wording of it (`vetoed_when_said_fixed`): each
    wording takes back each of them, where once every family had its own few and missed the others'."""
    line = next(f for f in data.load("symptoms")["symptoms"] if f["id"] == family)["signatures"][0]
    assert family in ids(PC + "\n" + line), line
    assert family not in ids(PC + "\n" + line + " " + said), (line, said)


def test_the_gpu_said_to_work_as_what_a_fix_gives_is_no_contrast_with_the_failure() -> None:
    """"The fix is sufficient to have nvidia-smi run successfully" says what the fix gives, not that the GPU works beside
    another failure: the driver said not to work is the cause (pytorch/ci-infra#74), and nvidia-smi said to work
    after the fact still is a contrast."""
    fix = ("The default Amazon Linux host does not have working GPUs out of the box. It seems the nvidia driver that is "
           "installed on the system doesn't work. This is sufficient to get the latest drivers and have the command "
           "`nvidia-smi` run successfully.")
    reading = read_cause(fix)
    assert "gpu-works-words" not in [m.id for m in reading.matches]
    assert reading.cause.id == "x86-discrete-gpu"
    assert "gpu-works-words" in ids(PC + "\nThe program fails with an import error, but nvidia-smi runs successfully.")


@pytest.mark.parametrize("line", ["OS: Amazon Linux 2023", "RuntimeError: HIP runtime error: invalid device function"])
def test_a_system_no_jetson_runs_is_shown_by_its_own_name(line: str) -> None:
    """Amazon Linux is AWS's servers' system, and HIP's runtime errors are AMD's GPU stack: neither is a Jetson's."""
    assert shown_platform(read(line).observed)[0] == "pc", line


@pytest.mark.parametrize("text, cause", [
    ("[WARN] jetson-stats not supported for [L4T 35.5.0]\n  Please, try: sudo pip3 install -U jetson-stats", "not-gpu-access"),
    ("jtop reports \"Jetpack NOTDETECTED\" on systems running L4T 36.4.7 (JetPack 6.2.1).", "not-gpu-access"),
    ("On a GPU physical machine, there are two containers: dcgm-exporter and the dcgm api program.\n"
     "\"error\":\"failed to watch field: Error watching fields: The third-party Profiling module returned an "
     "unrecoverable error\"", "x86-discrete-gpu"),
])
def test_a_monitor_s_own_failure_names_its_cause(text: str, cause: str) -> None:
    """jtop without an entry for the L4T release says so and shows no JetPack: the GPU is not involved; DCGM's profiling
    module held by another host engine on the machine is a server's GPU stack (NVIDIA/DCGM#106)."""
    assert read_cause(text).cause.id == cause


@pytest.mark.parametrize("words", [
    "Hi, I'm trying installing torchaudio 0.10.0 on AGX xavier, but I can't find the wheel of torchaudio 0.10.0.",
    "it seems that no available pytorch package was given with python3.7 on jetson right now",
    JETSON_36 + "\npip returns an error: \"PyTorch does not currently provide packages for PyPI...\"",
])
def test_no_jetson_build_of_a_gpu_framework_said_in_words_is_the_software(words: str) -> None:
    """A Jetson's GPU framework has no wheel on the index pip reads, said by the reporter or by PyPI's placeholder
    package: Jetson builds come from NVIDIA's Jetson index, so it is the software, as pip's own words are."""
    reading = read_cause(words)
    assert reading.cause.id == "jetson-software-mismatch", reading.cause
    assert read_cause(words.replace("torchaudio", "pyserial").replace("pytorch", "pyserial").replace(
        "PyTorch does not currently provide packages for PyPI", "pyserial is not on PyPI")).cause.id != \
        "jetson-software-mismatch"


@pytest.mark.parametrize("line", [
    "I flashed older versions of Jetson Orin Nano with the new firmware, and now PlatformDetect fails to detect the board",
    "PlatformDetect fails to detect the board: its compatible is ['nvidia,p3768-0000+p3767-0003-super', 'nvidia,tegra234']",
])
def test_a_board_s_revision_or_device_tree_name_is_no_software_version_and_no_gpu(line: str) -> None:
    """"Older versions of the Jetson Orin Nano" are boards, and "nvidia,p3767-0003" a board's device-tree name: a
    library that fails to detect the board has neither the GPU's software nor the GPU in its failure."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == "other", failure
    assert read_cause(line).cause.id != "jetson-software-mismatch"


def test_the_toolkit_question_on_a_pc_asks_for_its_mode_and_no_jetson_node() -> None:
    """The toolkit's bands are what a Jetson's nodes look like in a container; on a PC the question asks which mode
    brings the driver's files (a CDI spec written before the driver changed, NVML for the legacy hook), never nvmap."""
    failure = ("DEBU[0000] The following errors were triggered when creating the CDI registry: map[/etc/cdi/nvidia.yaml:"
               "[failed to load CDI Spec: failed to parse CDI Spec \"/etc/cdi/nvidia.yaml\": failed to unmarshal CDI Spec: "
               "error unmarshaling JSON: while decoding JSON: json: unknown field \"hostPath\"]]")
    on_a_pc = explain(PC + "\n" + failure)
    assert on_a_pc.cause.id == "toolkit-band" and on_a_pc.question is not None
    assert "nvidia-ctk cdi generate" in render_text(on_a_pc) and "nvmap" not in render_text(on_a_pc)
    on_a_jetson = explain(JETSON_36 + "\n" + failure)
    assert on_a_jetson.question is not None and "nvmap" in render_text(on_a_jetson)


def test_a_github_actions_step_run_in_an_image_is_a_container() -> None:
    """`uses: docker://nvidia/cuda:...` runs the step in that image: a CUDA build that finds no compiler there is the
    image's (nvcc off its PATH), not the PC's toolkit (NVIDIA/nvidia-docker#1222)."""
    workflow = ("    - uses: docker://nvidia/cuda:9.2-devel-ubuntu16.04\n"
                "CMake Error at CMakeLists.txt:5 (project):\n  No CMAKE_CUDA_COMPILER could be found.")
    assert read(workflow).observed.said("container")
    assert read_cause(PC + "\n" + workflow).cause.id != "x86-discrete-gpu"


def test_a_cdi_spec_that_names_a_library_the_driver_update_removed_is_the_pc_s_stack() -> None:
    """crun cannot stat a driver library the CDI spec lists: the spec predates the driver (NVIDIA/nvidia-container-
    toolkit#692), which on a PC is its GPU stack to set right, not a container that lacks the GPU."""
    stale = ("Error: crun: cannot stat `/usr/lib/libnvidia-egl-wayland.so.1.1.13`: No such file or directory: OCI runtime "
             "attempted to invoke a command that was not found")
    reading = read_cause(PC + "\n" + stale)
    assert reading.cause.id == "x86-discrete-gpu" and "cdi-spec-stale" in [m.id for m in reading.matches]
    assert "nvidia-ctk cdi generate" in render_text(reading)


@pytest.mark.parametrize("line, cause", [
    ("The engine plan file is generated on an incompatible device, expecting compute 8.6 got compute 7.5, please rebuild.",
     "x86-discrete-gpu"),
    ("The engine plan file is not compatible with this version of TensorRT, expecting library version 8.0.0 got 8.0.1, "
     "please rebuild.", "not-gpu-access"),
])
def test_a_pc_s_engine_built_for_another_card_lacks_its_kernels_and_one_of_another_version_is_the_program_s(
        line: str, cause: str) -> None:
    """On a PC an engine built on another compute capability has no kernels for this card, as a CUDA build without its
    architecture (three PCs' reports, NVIDIA/TensorRT#2176 among them); one built by another TensorRT is the
    program's to rebuild."""
    assert read_cause(PC + "\nGPU 0: NVIDIA GeForce RTX 3080\n" + line).cause.id == cause


def test_a_form_s_default_x64_followed_by_a_jetpack_release_is_a_jetson() -> None:
    """A bug form's platform field offers "Linux x64"; a reporter who adds "Jetpack4.6" to it names a Jetson."""
    assert shown_platform(read("- 【系统平台】: Linux x64(Ubuntu 18.04) Jetpack4.6").observed)[0] == "jetson"
    assert shown_platform(read("- 【系统平台】: Linux x64(Ubuntu 18.04)").observed)[0] == "pc"


@pytest.mark.parametrize("line, taken_back", [
    ("pip3 install fails: Temporary failure in name resolution (fixed by setting the DNS server)", True),
    ("I haven't solved the DNS problem yet: pip3 install fails with Temporary failure in name resolution", False),
    ("The NvRmMemInitNvmap error went away after the reboot, but now pip3 install fails: Temporary failure in name "
     "resolution", False),
    ("Rebooting hasn't fixed the problem: pip3 install fails with Temporary failure in name resolution", False),
])
def test_the_trouble_said_fixed_is_read_in_the_match_s_own_clause_and_not_where_the_fix_is_denied(
        line: str, taken_back: bool) -> None:
    """"Went away" said of another error before "but now", and "haven't solved", take nothing back."""
    assert ("network-failure" not in ids(JETSON_36 + "\n" + line)) is taken_back


def test_an_engine_expecting_a_jetson_s_compute_capability_is_loaded_on_a_jetson() -> None:
    """TensorRT names the loading card's compute capability first: "expecting compute 8.7" is an Orin, whatever laptop
    built the engine, so the PC's missing kernels are not the reading."""
    text = ("Converted the ONNX with trtexec on my laptop (RTX 4060) and copied the .engine to the Orin:\n[TRT] [E] 6: The "
            "engine plan file is generated on an incompatible device, expecting compute 8.7 got compute 8.9, please rebuild.")
    assert read_cause(text).cause.id != "x86-discrete-gpu"


def test_an_engine_warning_about_another_model_beside_a_failure_of_its_own_is_no_pc_s_missing_kernels() -> None:
    text = ("[W] [TRT] Using an engine plan file across different models of devices is not recommended and is likely to "
            "affect performance or even cause errors.\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; "
            "7.79 GiB total capacity; 5.61 GiB already allocated; 1.02 GiB free)\nRunning on an RTX 3070 (8 GB).")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_jetpack_release_named_as_a_later_target_beside_x64_leaves_the_pc() -> None:
    assert shown_platform(read("Dev box: Linux x64, Ubuntu 20.04 (we target JetPack 5.1 boards later)").observed)[0] == "pc"
    assert shown_platform(read("- 【系统平台】: Linux x64(Ubuntu 18.04) JP4.6").observed)[0] == "jetson"


def test_a_wheel_said_missing_at_first_beside_a_gpu_node_missing_in_the_container_is_the_node() -> None:
    text = ("I couldn't find the wheel for torch 2.3 at first, but then got it from jetson-ai-lab.dev and installed it.\n"
            "Now inside docker (docker run -it --rm my-app:jp6) on the Orin Nano, JetPack 6.0:\n>>> torch.cuda.is_available()\n"
            "False\nls: cannot access '/dev/nvhost-ctrl-gpu': No such file or directory")
    assert read_cause(text).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("text, family", [
    ('jtop INFO page: "JetPack version: not detected", L4T 35.6.1 on an Orin NX 16GB.', "jtop-release-unknown"),
    ("Step 7/12 : RUN cp /usr/local/cuda/lib64/libcudart.so.11.0 /app/lib/\ncp: cannot stat "
     "'/usr/local/cuda/lib64/libcudart.so.11.0': No such file or directory", ""),
])
def test_a_monitor_s_and_a_cdi_spec_s_families_read_their_own_words_only(text: str, family: str) -> None:
    """jtop's field said in other words is still jtop's; a build step's cp of a CUDA runtime library is no CDI spec
    crun cannot follow."""
    found = [i for i in ids(text) if i in ("jtop-release-unknown", "cdi-spec-stale")]
    assert found == ([family] if family else []), found


@pytest.mark.parametrize("text", [
    '0:00:00.97 WARN GST_PLUGIN_LOADING gstplugin.c:486:gst_plugin_register_func: plugin "/usr/lib/aarch64-linux-gnu/'
    'gstreamer-1.0/libgstnvvideo4linux2.so" has incompatible version (plugin: 1.16, gst: 1,14), not loading',
    "[NvV4l2Elements] failed to open\nError in VIDIOC_REQBUFS at output plane[ZED][Encoding] Critical Error : No Video Enc",
    "ERROR: Nothing RPROVIDES 'gstreamer1.0-omx-tegra' (but /build/layers/meta-app/recipes-app/video/app.bb RDEPENDS on "
    "or otherwise requires it)",
])
def test_a_jetson_s_codec_plugins_of_another_release_are_the_software(text: str) -> None:
    """NVIDIA's GStreamer plugins refused by another GStreamer, L4T's V4L2 codec library unable to open the codec, and a
    Yocto recipe asking for a package the meta-tegra branch dropped: each a Jetson's software of another release
    (OE4T/meta-tegra#432, stereolabs/zed-sdk#420, OE4T/meta-tegra#1521)."""
    assert read_cause(JETSON_35 + "\n" + text).cause.id == "jetson-software-mismatch"


def test_mesa_s_loader_in_a_container_said_to_run_on_a_jetson_leaves_the_jetson() -> None:
    """Mesa's EGL loader runs in any image: a Jetson's container without NVIDIA's EGL files falls back to it
    (wendylabsinc/WendyOS-Builder#226), so its warnings are a hint of a PC that a Jetson named outranks."""
    text = ("Containers on Jetson resolved EGL to Mesa software rendering instead of the Tegra driver:\n"
            "libEGL warning: MESA-LOADER: failed to retrieve device information\n"
            "libEGL warning: egl: failed to create dri2 screen")
    assert shown_platform(read(text).observed)[0] == "jetson"
    assert read_cause(text).cause.id != "x86-discrete-gpu"


@pytest.mark.parametrize("line", [
    "Error: llama runner process has terminated: this model is not supported by your version of Ollama. You may need "
    "to upgrade",
    "llama_model_load: error loading model: error loading model architecture: unknown model architecture: 'qwen3'",
])
def test_a_model_newer_than_the_program_is_the_program_s_release(line: str) -> None:
    """A model architecture the program's release does not know yet, even in a Jetson's image of it: the program is to
    upgrade, not the GPU's software (dusty-nv/jetson-containers#942)."""
    assert read_cause(JETSON_36 + "\ndocker run --runtime nvidia -it dustynv/ollama:0.5.1-r36.4.0\n" + line).cause.id \
        == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "Neither a reboot nor reinstalling the driver fixed the error: Failed to initialize NVML: Driver/library version "
    "mismatch",
    "I fixed the DNS error by editing resolved.conf and now nvidia-smi reports Failed to initialize NVML: Driver/library "
    "version mismatch",
    "Nothing I tried has fixed the problem: nvidia-smi says Failed to initialize NVML: Driver/library version mismatch",
])
def test_a_fix_denied_or_said_of_another_trouble_takes_nothing_back(line: str) -> None:
    assert "nvml-driver" in ids(PC + "\n" + line), line


@pytest.mark.parametrize("line, system", [
    ("Operating System + Version: Linux x64(Ubuntu 20.04) / JetPack 5.1.2", "jetson"),
    ("Operating System + Version: Linux x64, JetPack 6.0", "jetson"),
    ("[TRT] [E] 6: The engine plan file is generated on an incompatible device, expecting compute 8.9 got compute 8.7, "
     "please rebuild.", "pc"),
])
def test_a_form_s_x64_beside_any_jetpack_release_and_tensorrt_s_loading_card(line: str, system: str) -> None:
    """A form's "Linux x64" followed by a JetPack release names a Jetson however the two are joined; TensorRT's engine
    error names the card that loads the engine first, here no Jetson's."""
    assert shown_platform(read(line).observed)[0] == system


def test_deepstream_s_gstreamer_plugins_of_another_gstreamer_are_a_jetson_s_software() -> None:
    line = ('WARN GST_PLUGIN_LOADING gstplugin.c:527:gst_plugin_register_func: plugin "/opt/nvidia/deepstream/'
            'deepstream-6.3/lib/gst-plugins/libnvdsgst_infer.so" has incompatible version (plugin: 1.20, gst: 1,16), not '
            "loading")
    assert "gst-nvidia-plugin-mismatch" in ids(JETSON_35 + "\n" + line)
    assert "gst-nvidia-plugin-mismatch" not in ids(line.replace("libnvdsgst_infer", "libgstomx"))


@pytest.mark.parametrize("line", ["torch.npu.is_available() == False", "torch.npu.device_count() == 0",
                                  "torch.mlu.is_available() returns False", "torch.hpu.device_count() == 0"])
def test_another_accelerator_s_availability_is_no_cuda_s(line: str) -> None:
    """torch_npu (Ascend), Cambricon's mlu and Habana's hpu answer for their own devices, not for CUDA."""
    assert "cuda-unavailable" not in ids(line)
    assert "cuda-unavailable" in ids(line.replace(".npu.", ".cuda.").replace(".mlu.", ".cuda.").replace(".hpu.", ".cuda."))


@pytest.mark.parametrize("line", [
    "[ERROR] eIcicleError::INVALID_DEVICE : by: execute at: dispatcher.h:47 error: ntt_init_domain operation not supported "
    "on device CUDA",
    "RuntimeError: device error: fused_rope operation not supported on backend cuda",
    "ValueError: gpu device: this operation not supported for the device 'cuda:0'"])
def test_a_library_naming_an_operation_its_device_lacks_is_not_cuda_s_801(line: str) -> None:
    """A library's dispatcher that names an operation and the device or back-end it lacks ("X operation not supported on
    device CUDA") shares only words with CUDA's 801, which CUDA prints bare; it is no render node's denial."""
    assert "cuda-801" not in ids(line)
    assert read_cause(line).cause.id not in PERMISSION_CAUSES
    assert ids("RuntimeError: CUDA error: operation not supported") == ["cuda-801"]


@pytest.mark.parametrize(("line", "family"), [
    ("thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Cuda(NoBinaryForGpu)'", "cuda-209"),
    ("Error: CudaError::NoDevice", "cuda-100"),
    ("failed to create a context on cuda:1: Cuda(InvalidDevice)", "cuda-101"),
    ("cuInit: CudaError::NotInitialized", "cuda-3")])
def test_a_cuda_error_by_its_rust_crate_s_name_is_that_error(line: str, family: str) -> None:
    """Rust's CUDA crates (cust, rustacuda) name the driver's errors in CamelCase inside their error type: the same
    errors, in one more wrapper."""
    assert ids(line) == [family]
    assert ids("NoDevice found in the list") == []


@pytest.mark.parametrize("line", ["Pytorch version: `1.8.0+cu111`", "torchvision 0.9.1+cu111",
                                  "pip install torch-scatter -f https://data.pyg.org/whl/torch-1.8.0+cu111.html"])
def test_a_pytorch_1_build_for_a_cuda_release_names_a_pc(line: str) -> None:
    """PyTorch's index built 1.x for CUDA releases on x86-64 and Windows only; a Jetson's wheels carry no +cu tag. A
    weak sign: a Jetson's own output outranks it, and a later PyTorch (built for Arm servers too) names no PC."""
    failure = "\nRuntimeError: CUDA error: no kernel image is available for execution on the device"
    assert read(line + failure).observed.x86
    assert shown_platform(read(JETSON_35 + "\n" + line + failure).observed)[0] == "jetson"
    assert not read("torch 2.7.0+cu128" + failure).observed.x86


HOOK_REFUSES = ("docker: Error response from daemon: OCI runtime create failed: container_linux.go:370: starting container "
                "process caused: error running hook: exit status 1, stdout: , stderr: nvidia-container-cli: device error: "
                "{}: unknown device: unknown")


@pytest.mark.parametrize("device", ["python3", "1", "MIG-GPU-932bfb2c-849a-2a22-1e84-9eff6bc02b39/1/0"])
def test_a_gpu_asked_for_that_the_machine_lacks_is_the_request_s(device: str) -> None:
    """The hook refusing a device the launch names (an index past the machine's GPUs, a MIG device gone, an empty
    variable's next word) is the request: on a Jetson, whose one GPU is 0, not its software; on a PC, or by the
    assumption that GPUs picked by index are a PC's, the PC's container set-up."""
    hook = HOOK_REFUSES.format(device)
    assert "gpu-request-unknown-device" in ids(hook)
    assert read_cause(hook).cause.id == "x86-discrete-gpu"
    assert read_cause(PC + "\n" + hook).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_36 + "\n$ docker run --gpus device=1 -it app:r36.3.0\n" + hook).cause.id == "not-gpu-access"
    assert "gpu-request-unknown-device" not in ids("nvidia-container-cli: mount error: stat failed: /dev/nvidiactl: no such "
                                                   "file or directory")


@pytest.mark.parametrize(("line", "oom"), [
    ("I tried training with `prediction_steps: 1460` and it crashed with GPU OOM:", True),
    ("Training hits CUDA OOM at batch size 64 on the Orin.", True),
    ("the 70B model fails with an OOM on a single card", True),
    ("VRAM OOM after the third epoch", True),
    ("There is no GPU OOM, it just hangs at the first step.", False),
    ("It runs without OOM on the CPU but CUDA says no device.", False)])
def test_out_of_memory_said_as_oom_is_out_of_memory(line: str, oom: bool) -> None:
    """"OOM" said of the GPU or as what a run crashed with is running out of memory, not the GPU's access; said as
    absent, it is nothing."""
    assert ("out-of-memory" in ids(line)) == oom


@pytest.mark.parametrize(("line", "said"), [
    ("With docker compose 2.29 the customer did not have access to their GPUs within the container.", True),
    ("Our users have no access to the GPUs inside the pod since the upgrade.", True),
    ("I did not have access to the GPU server last week, so I ran it on my laptop.", False),
    ("The CI job has no access to the GPUs inside the container on purpose.", False)])
def test_a_user_said_to_have_no_access_to_the_gpus_in_a_container_says_they_are_missing_there(line: str, said: bool) -> None:
    """Whoever is said to lack the GPUs inside a container (a customer, its users), the container lacks them: no GPU
    reached it, which is not "nothing fails"."""
    assert ("nodes-missing-words" in ids(line)) == said
    if said:
        assert read_cause(line).cause.id != "not-gpu-access"


def test_the_pytorch_channel_s_cuda_build_names_a_pc() -> None:
    """conda's pytorch channel built PyTorch for CUDA on x86-64 Linux and Windows only: its build string is a PC's weak
    sign, as a +cu tag is."""
    listing = ("$ conda list | grep -E '^pytorch '\npytorch                   1.12.1          py3.9_cuda11.3_cudnn8.3.2_0    "
               "pytorch\nRuntimeError: CUDA error: no kernel image is available for execution on the device\n")
    assert read(listing).observed.x86
    assert shown_platform(read(JETSON_35 + "\n" + listing).observed)[0] == "jetson"


@pytest.mark.parametrize("line", ["ggml_backend_cuda_graph_compute: op CONV_TRANSPOSE_1D: operation not supported by the "
                                  "CUDA0 backend", "RuntimeError: operation not supported on the CUDA backend"])
def test_a_back_end_named_with_its_own_name_after_the_operation_is_no_801(line: str) -> None:
    assert "cuda-801" not in ids(line)
    assert "cuda-999" in ids("thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: "
                             "CudaError::UnknownError'")


def test_a_device_a_launch_names_that_the_hook_refuses_over_its_lines_is_the_request() -> None:
    """The runtime prints the hook's stderr over several lines (the mode it detected first): the refused device on
    the next line is still the hook's reason, on a Jetson the request's."""
    paste = ("Xavier NX, JetPack 5.1.2 (R35.4.1).\n$ docker run --rm --runtime nvidia -e NVIDIA_VISIBLE_DEVICES=GPU-5d2e8c1a-"
             "7b3f-4e6d-9a0b-2c4d6e8f0a1b my/app:r35\ndocker: Error response from daemon: failed to create shim task: OCI "
             "runtime create failed: error running hook #0: error running hook: exit status 1, stdout: , stderr: "
             "Auto-detected mode as 'csv'\nnvidia-container-cli: device error: GPU-5d2e8c1a-7b3f-4e6d-9a0b-2c4d6e8f0a1b: "
             "unknown device: unknown.\n")
    assert read_cause(paste).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("line", "pc"), [
    ("gpu: H20\ncuda version in host: 12.8", True), ("GPU: 8 x H20", True), ("3090 GPU (Ampere model)", True),
    ("I have two 3090 on my remote node", True), ("2x 4090 in the box", True),
    ("the 3090 MHz clock", False), ("gpu: H200", True), ("ratio L20: 0.5", False)])
def test_a_data_centre_card_in_a_form_s_gpu_field_and_a_geforce_counted_name_a_pc(line: str, pc: bool) -> None:
    """A form's GPU field naming the H20, and a GeForce's number as a GPU or counted ("two 3090s"), are a PC's weak
    signs (a Jetson's own output outranks them)."""
    assert bool(read(line).observed.x86) == pc
    if pc:
        assert shown_platform(read(JETSON_36 + "\n" + line).observed)[0] == "jetson"


def test_a_framework_s_devices_occupied_by_other_processes_is_the_gpu_held() -> None:
    """PyTorch Lightning finds a GPU in exclusive-process mode with a process on it "occupied by other processes":
    another process holds the GPU, not a permission."""
    line = ("RuntimeError: You requested to find 1 devices but only 0 are currently available. The devices [0] are "
            "occupied by other processes and can't be used at the moment.")
    assert ids(line) == ["gpu-held-by-another-process"]
    assert read_cause(line).cause.id in ("x86-discrete-gpu", "not-gpu-access")


@pytest.mark.parametrize("said", ["on my device", "on both devices", "on the Orin device"])
def test_801_said_of_the_reporter_s_own_device_is_still_801(said: str) -> None:
    """Only a back-end's or device's own name (CUDA0, cuda, gpu) after the words marks a library's message: "on my
    device" is the reporter's board, and CUDA's 801 still."""
    assert "cuda-801" in ids("As my user cudaGetDeviceCount returns operation not supported " + said + ".")
