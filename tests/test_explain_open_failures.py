"""A failure that no signature family names is still a failure, and its cause is the likeliest for what the
failing line mentions, said with the assumption it rests on. Each case is a synthetic paste written for this
test (no corpus text): another tool's wording of the same failure must read the same.

What a failing line mentions decides, most decisive first: a GPU node (/dev/nvhost*, /dev/nvmap, renderD*) is
the node cause; a GPU library that is an empty placeholder, or missing where the paste ran in a container or an
image build, is what the NVIDIA runtime did not inject; NVML, nvidia-smi and /dev/nvidia* are a discrete GPU's
driver (a PC); a version or ABI word, or any other library, is the software; a GPU failure that names none of
these stays unknown, said as a failure; and a failure with no GPU word at all is not GPU access. The word
families say the same in prose: root works and another user does not, the GPU was not passed into the
container, going back to an earlier toolkit fixes it, the machine has no GPU, CUDA's own check works.
"""

from __future__ import annotations

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36, PC, read_cause
from jetson_gpu_access.explain import Failure, find_failure, render_markdown, render_text

# ---- a failure in any tool's wording is recognised ----

@pytest.mark.parametrize("line", [
    "FATAL: unable to write /var/lib/app/state.db",
    "Traceback (most recent call last):",
    "make: *** No rule to make target 'install'. Stop. error",
    "Segmentation fault (core dumped)",
    "the daemon exited: exit status 2",
    "my-tool: cannot stat '/srv/data': No such file or directory",
    "it just does not work after the update",
    # a process killed by a signal, as ROS's launcher and Python's subprocess print it
    "I get an exit code -11 after using the command roslaunch vision_to_mavros t265_fisheye_undistort.launch",
    "[camera-1] process has died [pid 4242, exit code 127]",
    # what worked before and works no more
    "Just had an Nvidia update come through, dt Flatpak no longer has OpenCL available.",
    "since the upgrade NVENC no longer works in OBS",
])
def test_a_failure_in_any_wording_is_recognised(line: str) -> None:
    assert find_failure("starting the job\n" + line + "\njob ended") is not None


@pytest.mark.parametrize("text", ["all 12 tests passed", "$ ls /opt\nbin  lib  share", "uptime: 3 days",
                                  "the workaround is no longer needed on 36.4",
                                  # a fix said in the same words (red team 84)
                                  "Since 36.4 the docker group trick no longer has to be applied, the default image is fine.",
                                  "After re-flashing, apt no longer finds any broken packages and deviceQuery passes."])
def test_text_without_a_failure_has_none(text: str) -> None:
    assert find_failure(text) is None

@pytest.mark.parametrize("line", ['-          args: ["--fail-on-init-error=false"]', "pip install --ignore-errors foo",
                                  "python train.py --on-error=skip --fail-fast", "cmake -Werror=dev ..",
                                  "  - --fail-on-init-error"])
def test_a_failure_word_in_an_option_s_name_is_no_failure(line: str) -> None:
    assert find_failure(line) is None


@pytest.mark.parametrize("line", [
    "we hit an error when trying to bind to `/var/lib/kubelet/device-plugins/nvidia.sock`",
    "failed to listen on /var/lib/kubelet/device-plugins/nvidia-gpu.sock: permission denied"])
def test_a_device_plugin_s_socket_is_no_gpu(line: str) -> None:
    # (the kubelet's socket for a device plugin: Kubernetes' plumbing, whichever plugin it is named after)
    failure = find_failure(line)
    assert failure is None or failure.kind not in ("gpu", "gpu-library", "gpu-node"), failure


@pytest.mark.parametrize("line", ["error: unrecognized arguments: --fail-fast", "--fail-on-init-error=true: plugin failed",
                                  "nvidia-smi --query-gpu=name failed"])
def test_beside_an_option_a_failure_is_still_one(line: str) -> None:
    assert find_failure(line) is not None


# ---- weighed by what the failing line mentions ----

@pytest.mark.parametrize(("text", "cause"), [
    # a GPU node a failing line names: the node's cause (the Tegra node before JetPack 6, the render node after)
    (JETSON_35 + "\nencoder: failed to open /dev/nvhost-msenc (EACCES) as user app", "tegra-nodes-denied"),
    (JETSON_36 + "\nvideo pipeline: cannot open renderD128 for the user, giving up", "render-node-denied"),
    # permission to a device, in words, with no node named: the node CUDA opens on that release
    (JETSON_35 + "\ntracer: the worker can't get permission to open the device files under /dev", "tegra-nodes-denied"),
    (JETSON_36 + "\nEACCES on a device node while starting the encoder; giving up", "render-node-denied"),
    # a GPU library left as an empty placeholder by the image: the runtime did not inject it
    (JETSON_32 + "\nImportError: /usr/lib/aarch64-linux-gnu/libnvjpeg.so.10: file too short", "nodes-missing-in-container"),
    # a GPU library missing where the paste ran inside a container or an image build
    (JETSON_35 + "\nroot@0123456789ab:/opt/app# ./detect\n./detect: error while loading shared libraries: "
     "libnvmedia_iep.so: cannot open shared object file: No such file or directory", "nodes-missing-in-container"),
    (JETSON_32 + "\n#7 41.20 /usr/bin/ld: cannot find -lnvparsers\n#7 41.21 collect2: error: ld returned 1 exit status",
     "nodes-missing-in-container"),
    # the linker missing a library of CUDA's toolkit outside a container: the build is not told where CUDA's libraries
    # lie (they are under /usr/local/cuda, which the linker does not search), on a Jetson as on a PC
    (JETSON_36 + "\n/usr/bin/ld: cannot find -lcudart\n/usr/bin/ld: cannot find -lcublas\ncollect2: error: ld returned 1 "
     "exit status", "not-gpu-access"),
    (PC + "\n/usr/bin/ld: cannot find -lcudart: No such file or directory", "not-gpu-access"),
    # (LLVM lld's words, a static library's name)
    (PC + "\nld.lld: error: unable to find library -lcudart_static", "not-gpu-access"),
    # ... but not where the paste shows the toolkit absent: on a Jetson, JetPack's CUDA is not installed
    (JETSON_36 + "\n$ ls /usr/local/cuda\nls: cannot access '/usr/local/cuda': No such file or directory\n"
     "/usr/bin/ld: cannot find -lcudart: No such file or directory\ncollect2: error: ld returned 1 exit status",
     "jetson-software-mismatch"),
    # ... but a JetPack library the linker finds on its own path (TensorRT's) missing on a Jetson is the software
    (JETSON_36 + "\n/usr/bin/ld: cannot find -lnvinfer_plugin\ncollect2: error: ld returned 1 exit status",
     "jetson-software-mismatch"),
    # the same library missing on the host itself: the software, not the injection
    (JETSON_35 + "\n$ ./detect\n./detect: error while loading shared libraries: libnvmedia_iep.so: cannot open shared "
     "object file: No such file or directory", "jetson-software-mismatch"),
    # a version or ABI word, or a library not named, is the software
    (JETSON_36 + "\nsegmenter: error: the plugin needs a newer runtime version than the one installed",
     "jetson-software-mismatch"),
    (JETSON_36 + "\nloader: failed to load the inference library: wrong ELF header", "jetson-software-mismatch"),
    # a named library outside the GPU's stack, on a line that names no GPU: the program's packaging
    (JETSON_36 + "\nloader: failed to map libgeometry.so: wrong ELF header", "not-gpu-access"),
    (JETSON_36 + "\nFailed to load plugin '/lib/aarch64-linux-gnu/gstreamer-1.0/libgstximagesink.so': libXv.so.1: "
     "cannot open shared object file: No such file or directory", "not-gpu-access"),
    # ... but not a GPU's plugin (Tegra's GStreamer elements), nor a library failing for the GPU
    (JETSON_36 + "\nFailed to load plugin 'libgstnvvidconv.so': cannot open shared object file", "jetson-software-mismatch"),
    # a CUDA API named by its function: a GPU failure, whose kind the line does not tell
    (JETSON_36 + "\nRuntimeError: Unexpected error from cudaGetDeviceCount(). error occurred", "unknown"),
    # a file system that refuses a write, whatever GPU file it names: not GPU access
    (JETSON_32 + "\ndpkg: error processing archive cuda-nvrtc.deb (--unpack): unable to create "
     "'/usr/local/cuda-10.2/targets/aarch64-linux/lib/libnvrtc.so.10.2.89.dpkg-new': Read-only file system",
     "not-gpu-access"),
    # a discrete GPU's driver on a PC
    (PC + "\nmonitor: failed to query the GPU through nvidia-smi (exit status 9)", "x86-discrete-gpu"),
    # nothing GPU-related: not GPU access
    (JETSON_36 + "\nwriter: error: no space left on device while saving /data/out.mp4", "not-gpu-access"),
    (PC + "\nE: failed to write config file /home/me/.config/app.json: read-only file system", "not-gpu-access"),
])
def test_a_failure_no_family_names_is_read_by_what_its_line_mentions(text: str, cause: str) -> None:
    result = read_cause(text)
    assert result.matches == () or all(m.id in ("build-error",) for m in result.matches), result.matches
    assert result.cause.id == cause, result.cause
    if not result.matches:
        assert any(s.text.startswith("a failure that no known signature names") and not s.assumed
                   for s in result.statements)


@pytest.mark.parametrize(("line", "jetson_cause"), [
    ("ImportError: /opt/trt/lib/libnvinfer.so.8: file truncated", "nodes-missing-in-container"),
    ("plugin: error: ABI version 3 is unsupported by this build", "jetson-software-mismatch"),
])
def test_with_no_system_shown_the_reading_says_what_it_assumes(line: str, jetson_cause: str) -> None:
    result = read_cause(line)
    assert (result.cause.id, result.cause.assumed_system, result.cause.otherwise) == (jetson_cause, "jetson",
                                                                                     "x86-discrete-gpu")
    assert result.question is not None and "nv_tegra_release" in result.question.command


def test_a_discrete_gpu_s_driver_leans_to_a_pc() -> None:
    result = read_cause("telemetry: NVML query failed for device 0")
    assert (result.cause.id, result.cause.assumed_system, result.cause.otherwise) == ("x86-discrete-gpu", "pc",
                                                                                     "jetson-software-mismatch")
    assert read_cause("collector: error: cannot open /dev/nvidiactl for reading").cause.id == "x86-discrete-gpu"


def test_a_gpu_failure_that_names_nothing_that_tells_the_causes_apart_stays_unknown_but_is_said() -> None:
    text = "renderer: CUDA kernel launch failed in stage 3"
    result = read_cause(text)
    assert result.cause.id == "unknown" and result.cause.why.evidence == (text,)
    assert any(s.text.startswith("a failure that no known signature names (gpu)") for s in result.statements)


def test_a_known_family_outranks_the_reading_of_a_failing_line() -> None:
    text = JETSON_36 + "\nworker: error: failed to load model.onnx\nNvRmMemInitNvmap failed with Permission denied"
    result = read_cause(text)
    assert result.cause.id == "tegra-nodes-denied" and [m.id for m in result.matches] == ["nvmap-denied"]
    assert not any(s.text.startswith("a failure that no known signature names") for s in result.statements)


def test_a_build_error_that_names_a_gpu_library_is_read_as_that_library() -> None:
    text = (JETSON_36 + "\n$ docker build -t app .\n#9 12.3 /usr/bin/ld: /usr/local/cuda/lib64/stubs/../libcuda.so: "
            "undefined reference to `NvRmMemGetFd'\n#9 12.4 collect2: error: ld returned 1 exit status")
    assert read_cause(text).cause.id == "nodes-missing-in-container"
    plain = JETSON_36 + "\n/usr/bin/ld: main.o: undefined reference to `parse_args'\ncollect2: error: ld returned 1 exit status"
    assert read_cause(plain).cause.id == "not-gpu-access"



@pytest.mark.parametrize("line", [
    "I get the following error about `Authentication mismatch`:",
    "ERROR: checksum mismatch for the downloaded model, aborting",
    "RuntimeError: the pipeline failed: shape mismatch between the sgie output and the tracker input",
    "[TRT] [E] 3: [executionContext.cpp::setInputShape::2068] Error Code 3: API Usage Error (Static dimension mismatch "
    "while setting input shape.)",
    "ChecksumMismatchError: Conda detected a mismatch between the expected content and downloaded content",
])
def test_a_mismatch_of_credentials_checksums_or_shapes_is_no_version_failure(line: str) -> None:
    """A mismatch of credentials, of a download's checksum or of a tensor's shape is the program's own failure, not
    software of versions that do not fit."""
    assert find_failure(line).kind == "other"
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "not-gpu-access"
    assert find_failure("ERROR: version mismatch between the plugin and the runtime").kind == "version"


def test_a_download_that_arrives_other_than_its_index_says_is_the_network() -> None:
    """apt's Hash Sum mismatch is a download a proxy or a mirror changed, though the package is the GPU's."""
    text = (JETSON_36 + "\nE: Failed to fetch https://repo.download.nvidia.com/jetson/common/pool/main/n/nvidia-l4t-dla-"
            "compiler/nvidia-l4t-dla-compiler_36.4.0-20240912212859_arm64.deb  Hash Sum mismatch")
    assert read_cause(text).cause.id == "not-gpu-access"

_JETPACK_4_BUILD_STEP = ("OSError: libcurand.so.10: cannot open shared object file: No such file or directory\n"
                         "  File \"setup.py\", line 12, in <module>\n    import torch\n")


@pytest.mark.parametrize("build", [
    "$ ./scripts/docker_build_ml.sh pytorch",
    " > [torchvision 4/7] RUN python3 setup.py install:",
    "ARG BASE_IMAGE=nvcr.io/nvidia/l4t-pytorch:r32.7.1-pth1.10-py3",
    "FROM nvcr.io/nvidia/l4t-base:r32.4.3",
])
def test_a_cuda_library_missing_in_an_image_build_on_jetpack_4_is_the_runtime_the_build_lacks(build: str) -> None:
    """JetPack 4's containers get CUDA itself from the host through the NVIDIA runtime, which `docker build` uses only
    as the daemon's default runtime: a build script, a BuildKit step or a Dockerfile's line is such a container."""
    assert read_cause(JETSON_32 + "\n" + build + "\n" + _JETPACK_4_BUILD_STEP).cause.id == "nodes-missing-in-container"



def test_a_cuda_library_an_image_of_another_release_asks_for_is_the_image_s_release() -> None:
    """An image tagged for another L4T major than the host's asks for its own release's CUDA (libcudart.so.11.0 on a
    JetPack 4 host, whose runtime brings CUDA 10.2): the image's release, not a runtime that did not mount it."""
    text = (JETSON_32 + "\n$ docker run --rm -it dustynv/l4t-pytorch:r35.4.1 python3 -c 'import torch'\n"
            "ImportError: libcudart.so.11.0: cannot open shared object file: No such file or directory")
    assert read_cause(text).cause.id == "jetson-software-mismatch"

def test_python_s_from_import_is_no_dockerfile() -> None:
    text = JETSON_36 + "\nfrom torch import cuda\nOSError: libcurand.so.10: cannot open shared object file: No such file"
    assert read_cause(text).cause.id == "jetson-software-mismatch"


# ---- the same said in words ----

@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_32 + "\nthe camera pipeline works when I run it as root, but as a new user it fails", "tegra-nodes-denied"),
    (JETSON_36 + "\nAfter creating another user in the image, that user cannot run the CUDA samples anymore",
     "render-node-denied"),
    ("Dockerfile: add the app user to the video group so the inference runs on Jetson", "tegra-nodes-denied"),
    ("CI: grant the builder user access to /dev/dri so the CUDA tests use the GPU", "render-node-denied"),
    ("I switched back to the root user and it works", "tegra-nodes-denied"),
])
def test_a_denial_said_in_words_names_the_node_it_implies(text: str, cause: str) -> None:
    result = read_cause(text)
    assert "denial-words" in [m.id for m in result.matches]
    assert result.cause.id == cause, result.cause


def test_a_denial_said_in_words_of_a_discrete_gpu_s_nodes_leans_to_a_pc() -> None:
    assert read_cause("we grant only the ml users access to /dev/nvidia1 through a group; others cannot see it"
                      ).cause.id == "x86-discrete-gpu"


def test_a_denial_said_in_words_with_a_numeric_user_is_the_launch_on_either_system() -> None:
    words = "transcoding fails due to missing permissions on the GPU device when started with --user 1001:1001"
    assert read_cause(words).cause.id == "uid-gid-launch"
    assert read_cause(PC + "\n" + words).cause.id == "uid-gid-launch"


@pytest.mark.parametrize("line", [
    "we could not pass through the GPU to the k8s pod on the Orin",
    "the runtime is not mounting /usr/lib/aarch64-linux-gnu/tegra into the container",
    "INFO:    Could not find any nv files on this host!",
    "I1109 10:00:00.000000 1 main.go:256] No devices found. Waiting indefinitely.",
    "Capacity:\n  cpu: 6\n  nvidia.com/gpu: 0",
])
def test_the_gpu_not_passed_into_a_container_said_any_way_is_the_injection(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("system", [JETSON_36, PC])
def test_going_back_to_an_earlier_toolkit_is_the_toolkit_on_any_system(system: str) -> None:
    text = system + "\nnvidia-container-toolkit 1.18.0-1\ncuInit(0) failed: CUDA_ERROR_UNKNOWN\nRolling back to 1.17.8 fixed it"
    assert read_cause(text).cause.id == "toolkit-band"
    other = system + "\nRuntimeError: CUDA error: unknown error\ndowngrading the inference package to 2.3 fixed it"
    assert read_cause(other).cause.id != "toolkit-band"


@pytest.mark.parametrize(("text", "family"), [
    ("the wheel works on the Jetson but fails on our CI runners without an NVIDIA GPU:\n"
     "OSError: libcufft.so.11: cannot open shared object file: No such file or directory", "no-gpu-words"),
    (JETSON_35 + "\ngpustat says no GPU found, although deviceQuery runs fine", "gpu-works-words"),
    (JETSON_35 + "\n$ jtop\nI can't access jetson_stats.service.", "jtop-socket"),
    (JETSON_35 + "\n[ 88%] Building CUDA object kernels.cu.o\nKilled", "out-of-memory"),
    (JETSON_35 + "\nmake[1]: *** [src/CMakeFiles/core.dir/build.make:76: src/core.o] Error 1", "build-error"),
    (JETSON_35 + "\nnvinfer: cudaMemcpyAsync failed with error cudaErrorIllegalAddress", "cuda-700"),
    # a kernel that started and crashed, or asserted: the device was opened
    (JETSON_35 + "\nerror: (-217:Gpu API call) unspecified launch failure in function 'download'", "cuda-719"),
    (JETSON_36 + "\nRuntimeError: CUDA error: device-side assert triggered", "cuda-710"),
    (JETSON_36 + "\ntorch.AcceleratorError: CUDA_ERROR_LAUNCH_FAILED (719)", "cuda-719"),
    # a call the program made wrongly, on a device it had opened: its argument, launch shape, handle or alignment
    # (invalid value by its enum only: its message, "invalid argument", is EINVAL's too)
    (JETSON_35 + "\nnumba.cuda.cudadrv.driver.CudaAPIError: [1] Call to cuMemsetD8 results in CUDA_ERROR_INVALID_VALUE",
     "cuda-1"),
    (JETSON_36 + "\nRuntimeError: CUDA error: invalid configuration argument", "cuda-9"),
    (JETSON_36 + "\nCUDA error at conv.cu:88 code=400(cudaErrorInvalidResourceHandle)", "cuda-400"),
    (JETSON_36 + "\nRuntimeError: CUDA error: misaligned address", "cuda-716"),
    # host memory the program did not register with CUDA (a path the device does not support), a kernel's illegal
    # instruction: the device was opened
    (JETSON_32 + "\nterminate called after throwing an instance of 'thrust::system::system_error'\n  what():  radix_sort: "
     "failed on 2nd step: cudaErrorHostMemoryNotRegistered: pointer does not correspond to a registered memory region",
     "cuda-713"),
    (JETSON_36 + "\nRuntimeError: CUDA error: an illegal instruction was encountered", "cuda-715"),
    (PC + "\nRuntimeError: CUDA error: part or all of the requested memory range is already mapped", "cuda-713"),
    # CUDA started in a parent and used again in a forked worker: its start-up error there is the fork's
    ("[BUG] Cannot re-initialize CUDA in forked subprocess\ncelery -A config.celery worker -l INFO --concurrency 2\n"
     "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 304: OS call failed or "
     "operation not supported on this OS", "cuda-after-fork"),
    (JETSON_35 + "\nRuntimeError: Cannot re-initialize CUDA in forked subprocess. To use CUDA with multiprocessing, you "
     "must use the 'spawn' start method\nTHCudaCheck FAIL file=init.c line=720 error=3 : initialization error",
     "cuda-after-fork"),
    # runc's device program refused by a kernel built without cgroup BPF: no container starts, NVIDIA's runtime or not
    ("Docker on an arm64 router board, every container fails:\ndocker: Error response from daemon: failed to create shim "
     "task: OCI runtime create failed: runc create failed: unable to start container process: error during container "
     "init: error setting cgroup config for procHooks process: bpf_prog_query(BPF_CGROUP_DEVICE) failed: invalid "
     "argument: unknown.", "cgroup-bpf-missing"),
    (JETSON_35 + "\nStarting anything with --runtime nvidia gives: docker: Error response from daemon: OCI runtime create "
     "failed: runc create failed: unable to start container process: error during container init: error setting cgroup "
     "config for procHooks process: bpf_prog_query(BPF_CGROUP_DEVICE) failed: invalid argument: unknown", "cgroup-bpf-missing"),
    # runc refused a sysctl every container asks for (Docker inside an unprivileged LXC): the nesting, not the GPU
    ("[DOCKER] error 400 - {\"message\":\"failed to create task for container: failed to create shim task: OCI runtime "
     "create failed: runc create failed: unable to start container process: error during container init: open sysctl "
     "net.ipv4.ip_unprivileged_port_start file: reopen fd 8: permission denied\"}\narch: amd64", "sysctl-denied"),
    # a screen streamer's KMS capture lacks a capability no group gives (the video group said to open the card)
    ("Even with proper video group membership and device permissions, the following error appears:\n"
     "Error: Failed to gain CAP_SYS_ADMIN", "kms-capture-capability"),
    # Portainer's editor failing on its own GPU switch, before any container starts
    ("When you try to enable GPU on an existing container, you receive the following error and the container is stopped:\n"
     "Failure\ne.HostConfig.DeviceRequests is null\nDocker 24.0.3\nARM64", "portainer-gpu-toggle"),
    # an issue form's GPU field answered "none": no GPU to grant
    ("nvidia-smi in the pod does not show any processes, although the job runs on the GPU", "smi-no-processes"),
    ("### GPU Type\nnone (software encoding)\nCannot load libcuda.so.1\nError: Couldn't load cuda: -1", "no-gpu-words"),
    # TensorFlow's allocator out of memory, and an OOM said in words
    (JETSON_32 + "\nW op_kernel.cc:1651] OP_REQUIRES failed at assign_op.h:117 : Resource exhausted: OOM when allocating "
     "tensor with shape[512] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc",
     "out-of-memory"),
    (JETSON_36 + "\nan oom error will occur when I malloc 20G from cudaMallocAsync", "out-of-memory"),
    # memory said in words to be too little for the work: the GPU was reached
    (JETSON_32 + "\nError in thread (_training_0): You do not have enough GPU memory available to train the selected model",
     "out-of-memory"),
    (JETSON_36 + "\nthe model ran out of GPU memory after 20 steps", "out-of-memory"),
    (JETSON_35 + "\nERROR: insufficient device memory to build the engine", "out-of-memory"),
    (JETSON_35 + "\nThere is not enough memory on the Nano to load the 7B model", "out-of-memory"),
    (JETSON_32 + "\nDuring the conda create step, I found jetson nano system warning about memory", "out-of-memory"),
    (JETSON_32 + "\nthe desktop shows a low memory warning, then the build hangs", "out-of-memory"),
    (JETSON_36 + "\nI can see memory usage building up in btop and eventually dropping to 0% available memory", "out-of-memory"),
    # the CPU met an instruction it lacks: a binary built for another CPU, said in prose or printed by the shell
    ("I'am trying to install torch2trt at Jetson Nano, but `Illegal instruction` occured.", "illegal-instruction"),
    (JETSON_32 + "\n>>> import numpy\nIllegal instruction (core dumped)", "illegal-instruction"),
    # a window the program could not open on the display (X11 forwarded over SSH): the CUDA error after it follows
    (JETSON_35 + "\n[OpenGL] failed to create X11 Window.\n[OpenGL] failed to create OpenGL window\n"
     "Exception: jetson.utils -- failed to create glDisplay device\n[cuda]      invalid argument (error 1) (hex 0x01)",
     "egl-display"),
    (JETSON_36 + "\nqt.qpa.xcb: could not connect to display localhost:10.0", "egl-display"),
    (JETSON_32 + "\nGLFW Error 65544: X11: Failed to open display :0", "egl-display"),
    # a program that says it finds no GPU, with no error from CUDA or the driver
    (JETSON_32 + "\n[monitor INFO] No GPU found.", "gpu-not-detected"),
    (JETSON_35 + "\nthe benchmark works, but it runs exclusively on the CPU", "gpu-not-detected"),
    ("Checking for CUDA...Not found\nCUDA Present...No", "gpu-not-detected"),
    # DeepStream's plugins whose optional libraries the image lacks (Triton's, Rivermax's): the scanner's warning
    ("Hardware Platform: RTX A4000\n(gst-plugin-scanner:7): GStreamer-WARNING **: 18:43:36.486: Failed to load plugin "
     "'/usr/lib/x86_64-linux-gnu/gstreamer-1.0/deepstream/libnvdsgst_inferserver.so': libtritonserver.so: cannot open "
     "shared object file: No such file or directory", "deepstream-optional-plugin"),
    ("Xavier NX, DeepStream 6.2, the pipeline runs at 30 FPS. On start:\n(gst-plugin-scanner:4127): GStreamer-WARNING **: "
     "Failed to load plugin '/opt/nvidia/deepstream/deepstream-6.2/lib/gst-plugins/libnvdsgst_udp.so': librivermax.so.0: "
     "cannot open shared object file: No such file or directory", "deepstream-optional-plugin"),
])
def test_what_is_not_gpu_access_is_said_so(text: str, family: str) -> None:
    result = read_cause(text)
    assert family in [m.id for m in result.matches]
    assert result.cause.id == "not-gpu-access", result.cause


@pytest.mark.parametrize("text", ["it is not an OOM error: tegrastats shows 5 GB free", "this isn't an OOM error",
                                  "no OOM error occurs, it fails at cuInit",
                                  "I don't think it is a lack of memory: it has enough memory, 5 GB free",
                                  "is there not enough GPU memory?", "it never ran out of memory",
                                  "memory usage is not building up, 5 GB stay available"])
def test_out_of_memory_denied_in_words_is_no_out_of_memory(text: str) -> None:
    assert "out-of-memory" not in [m.id for m in read_cause(JETSON_36 + "\n" + text).matches]


@pytest.mark.parametrize(("text", "family"), [
    ("Earlier it couldn't initialize the NVIDIA Vulkan ICD; I fixed that by adding graphics to "
     "NVIDIA_DRIVER_CAPABILITIES. Now CUDA fails:\ncudaGetDeviceCount returned 801 -> operation not supported", "vulkan-no-driver"),
    ("The Illegal instruction from numpy is fixed by export OPENBLAS_CORETYPE=ARMV8. Now torch says:\n"
     "NvRmMemInitNvmap failed with Permission denied", "illegal-instruction"),
    ("Previously it ran out of GPU memory; with a smaller batch that is gone. Now:\ncuInit returned 801", "out-of-memory"),
])
def test_a_failure_of_the_past_since_fixed_is_no_symptom_of_the_present(text: str, family: str) -> None:
    result = read_cause(JETSON_36 + "\n" + text)
    assert family not in [m.id for m in result.matches] and result.cause.id in ("render-node-denied", "tegra-nodes-denied")


def test_cuda_s_own_check_working_for_root_is_no_proof_for_the_user() -> None:
    text = JETSON_32 + "\ndeviceQuery passes when run as root, but as a new user it fails"
    assert read_cause(text).cause.id == "tegra-nodes-denied"


def test_an_image_tag_no_one_published_is_the_software() -> None:
    text = JETSON_32 + "\ndocker: Error response from daemon: manifest for acme/detector:r32.7.4 not found: manifest unknown"
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_a_wheel_without_cuda_support_is_the_software() -> None:
    text = JETSON_36 + "\npip pulled a CPU-only build of torch from PyPI"
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_nvml_initialisation_failing_in_any_wrapper_is_the_discrete_driver() -> None:
    result = read_cause("RuntimeError: [nvml.cc:42] nvmlInit_v2() failed: Unknown Error")
    assert "nvml-driver" in [m.id for m in result.matches] and result.cause.id == "x86-discrete-gpu"


def test_reading_failures_stays_bounded_on_a_huge_log() -> None:
    line = "worker 7: error: retry 3 failed, cannot reach queue\n"
    text = line * 400_000 + "ImportError: libnvinfer.so.8: file too short\n"
    failure = find_failure(text)
    assert failure is not None and failure.kind == "library-placeholder"


def test_an_l4t_image_on_an_x86_host_is_a_pc() -> None:
    """An image's name says what it was built for, not where it ran: the x86 host on the same line decides."""
    text = "trtexec fails to find libnvdla_compiler.so when I start the l4t-tensorrt image on my x86_64 workstation"
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    assert read_cause("l4t-tensorrt: error: failed to find libnvdla_compiler.so").cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("heading", ["# error logs", "## Error", "Error log:", "**Error output:**", "Errors:",
                                     "- the full error message:", "3. Crash report"])
def test_a_heading_that_announces_errors_is_no_failure(heading: str) -> None:
    assert find_failure(heading) is None
    text = JETSON_36 + "\n$ docker run --runtime nvidia -it dustynv/vllm:r36.4.0\n" + heading
    assert read_cause(text).cause.id == "unknown"


@pytest.mark.parametrize("line", ["error: cannot open /srv/model.bin", "Error log: permission denied on /data",
                                  "# error: build failed"])
def test_a_line_that_says_what_failed_is_still_a_failure(line: str) -> None:
    assert find_failure(line) is not None


@pytest.mark.parametrize("line", ["/usr/local/cuda/targets/aarch64-linux/lib/libcublasLt.so.11: no space left on device.",
                                  "write /var/lib/docker/overlay2/x/diff/usr/lib/libnvinfer.so.8: disk quota exceeded",
                                  "cp: /usr/local/cuda/lib64/libcudnn.so.8: Read-only file system"])
def test_a_full_or_read_only_file_system_is_a_failure_in_its_own_words(line: str) -> None:
    failure = find_failure(line)
    assert failure is not None and failure.kind == "filesystem"
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("library", ["/usr/lib/aarch64-linux-gnu/gstreamer-1.0/libgstnvarguscamerasrc.so",
                                     "/usr/lib/aarch64-linux-gnu/tegra-egl/libEGL_nvidia.so.0"])
def test_a_library_of_the_gpu_s_stack_that_needs_a_newer_c_library_is_the_release_s_software(library: str) -> None:
    """The runtime mounts the host's Tegra libraries into the image: built for a newer Ubuntu, they need its glibc."""
    line = "/lib/aarch64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by {})".format(library)
    assert find_failure(line).kind == "gpu-library"
    launch = "\n$ docker run --rm --runtime nvidia dustynv/ros:humble-l4t-r35.4.1 ./camera\n"
    result = read_cause(JETSON_36 + launch + line)
    assert result.cause.id == "jetson-software-mismatch" and "another L4T release" in result.cause.why.text


def test_a_conflict_with_the_gpu_s_software_is_the_software() -> None:
    line = "images built against stock L4T cannot be run due to a conflict between the image's symlink and the mounted file"
    assert find_failure(line).kind == "version"
    assert read_cause(line).cause.id == "jetson-software-mismatch"


def test_a_conflict_of_names_is_not_the_software() -> None:
    line = 'docker: Error response from daemon: Conflict. The container name "/web" is already in use.'
    assert find_failure(line).kind != "version"


# ---- what a failure that names little still tells ----

@pytest.mark.parametrize("line", [
    "[AVHWDeviceContext @ 0x55d0] Failed to open /dev/dri/renderD128 as DRM device node: Permission denied",
    "the browser falls back to software rendering: the user cannot open /dev/dri/renderD128",
])
def test_a_render_node_denied_where_no_cuda_is_named_leans_to_a_pc(line: str) -> None:
    result = read_cause(line)
    assert (result.cause.id, result.cause.assumed_system) == ("x86-discrete-gpu", "pc"), result.cause


def test_a_render_node_denied_where_cuda_is_named_is_not_leaned_to_a_pc_by_its_family() -> None:
    """One rule owns the render node's lean to a PC (the paste names no CUDA): the family does not lean on its own."""
    result = read_cause('>>> torch.cuda.is_available()\nFalse\nopen("/dev/dri/renderD128"): Permission denied')
    assert (result.cause.id, result.cause.assumed_system) == ("render-node-denied", "jetson"), result.cause


def test_amd_s_libdrm_names_a_pc() -> None:
    assert read_cause("amdgpu_device_initialize: amdgpu_get_auth (1) failed (-1)").observed.x86


def test_a_render_node_denied_beside_cuda_words_is_read_on_a_jetson() -> None:
    result = read_cause("the CUDA samples fail for the new user: it cannot open /dev/dri/renderD128")
    assert (result.cause.id, result.cause.assumed_system) == ("render-node-denied", "jetson"), result.cause


def test_a_numeric_user_denied_the_render_node_on_a_pc_is_the_launch() -> None:
    text = (PC + "\n$ docker run --user 1001:1001 --device /dev/dri:/dev/dri jellyfin/jellyfin\n"
            "[AVHWDeviceContext @ 0x55d0] Failed to open /dev/dri/renderD128 as DRM device node.")
    assert read_cause(text).cause.id == "uid-gid-launch"


@pytest.mark.parametrize("failed", [
    "[AVHWDeviceContext @ 0x55d0] No VA display found for device: /dev/dri/renderD128.",
    "Failed to set value '/dev/dri/renderD128' for option 'vaapi_device': Invalid argument",
])
def test_a_numeric_user_whose_program_fails_on_the_render_node_on_a_pc_is_the_launch(failed: str) -> None:
    """VA-API names the node it could not use without saying it was refused: beside a launch by numbers that adds no
    group back, on a PC whose render node only its groups open, that launch is the mechanism."""
    text = PC + "\n$ docker run --device /dev/dri:/dev/dri --user 33:33 jrottenberg/ffmpeg:4.0-vaapi -i in.mov\n" + failed
    assert read_cause(text).cause.id == "uid-gid-launch"
    assert read_cause(text.replace("--user 33:33 ", "")).cause.id == "x86-discrete-gpu"


def test_a_gpu_failure_of_a_render_node_pc_started_as_the_host_s_uid_is_the_launch() -> None:
    """An Intel GPU (OpenVINO's GPU plugin over OpenCL) is opened through the render node: a container a script starts
    as the host user's uid holds none of its groups. An NVIDIA card's /dev/nvidia* are open to all users: no launch."""
    text = ("The run script takes the UID from the host, so if this UID > 1001 the container cannot access the GPU.\n"
            "$ docker/run.sh\nFound /dev/dri - enabling for GPU\nFailed to create plugin /opt/intel/openvino/lib/intel64/"
            "libclDNNPlugin.so for device GPU\n[CLDNN ERROR]. clGetPlatformIDs error -1001")
    assert read_cause(text).cause.id == "uid-gid-launch"
    nvidia = ("The run script takes the UID from the host.\n$ nvidia-smi\n| NVIDIA-SMI 535.54.03    Driver Version: "
              "535.54.03    CUDA Version: 12.2 |\n$ docker/run.sh\nRuntimeError: CUDA error: no kernel image is available "
              "for execution on the device")
    assert read_cause(nvidia).cause.id != "uid-gid-launch"


@pytest.mark.parametrize("platform", [
    "00:02.0 VGA compatible controller: Intel Corporation Iris Xe Graphics\n"
    "01:00.0 3D controller: NVIDIA Corporation GA106M [GeForce RTX 3060 Mobile]",
    "WARNING: The requested image's platform (linux/arm64) does not match the detected host platform (linux/amd64)",
])
def test_an_nvidia_gpu_s_failure_beside_a_launch_by_numbers_on_a_pc_is_not_the_launch(platform: str) -> None:
    """A hybrid laptop's Intel GPU, or the host platform's amd64, is no reason to read NVIDIA's CUDA failure of a
    --gpus launch as the numbers' dropped groups: a PC's /dev/nvidia* are open to every user."""
    text = (platform + "\n$ docker run --rm --gpus all -u 1000:1000 my/trainer:cu121 python train.py\n"
            "RuntimeError: CUDA error: no kernel image is available for execution on the device")
    assert read_cause(text).cause.id != "uid-gid-launch"


@pytest.mark.parametrize("text", [
    # the render node open to every user: no group decides
    "Intel NUC 13 (Iris Xe), Ubuntu 22.04.\n$ ls -l /dev/dri/renderD128\ncrw-rw-rw- 1 root render 226, 128 Feb 12 09:10 "
    "/dev/dri/renderD128\n$ docker run --rm --device /dev/dri --user 1000:1000 openvino/ubuntu22_runtime clinfo -l\n"
    "clinfo: clGetPlatformIDs(-1001) failed: Unknown OpenCL error -1001",
    # the numbers are another service's (the database's); the GPU's service adds its groups
    "Radeon 780M (gfx1103)\nservices:\n  db:\n    image: postgres:16\n    user: \"999:999\"\n  ollama:\n"
    "    image: ollama/ollama:rocm\n    devices: [\"/dev/kfd\", \"/dev/dri\"]\n    group_add: [\"video\", \"render\"]\n"
    "ollama-1  | rocBLAS error: Cannot read /opt/rocm/lib/rocblas/library/TensileLibrary.dat for GPU arch : gfx1103",
    # the image's start script joins its user to the node's group
    "Intel Arc A380. The image takes the UID from the host via PUID and its init adds abc to the group that owns "
    "/dev/dri/renderD128.\n[s6-init] **** adding /dev/dri/renderD128 to video group render with id 105 ****\n"
    "Failed to set value 'vaapi=va:/dev/dri/renderD128' for option 'init_hw_device': Input/output error",
])
def test_a_launch_by_numbers_that_cannot_have_dropped_the_node_s_group_is_not_the_cause_on_a_pc(text: str) -> None:
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("words", [
    "The image's entrypoint does not add the user to the render group.",
    "Should the entrypoint add www-data to the video group?",
    "My init script adds appuser to the docker group.",
])
def test_a_start_script_said_not_to_join_or_to_join_another_group_leaves_the_launch_by_numbers(words: str) -> None:
    text = (words + "\n" + PC + "\n$ docker run --device /dev/dri:/dev/dri --user 33:33 jrottenberg/ffmpeg:4.0-vaapi -i in.mov\n"
            "Failed to set value '/dev/dri/renderD128' for option 'vaapi_device': Invalid argument")
    assert read_cause(text).cause.id == "uid-gid-launch"


@pytest.mark.parametrize("launch", ["--user 1001:1001 --group-add 109", "--user 0:0"])
def test_a_numeric_launch_that_adds_a_group_or_runs_as_root_drops_nothing_on_a_pc(launch: str) -> None:
    """A --group-add gives a group back; root needs none: the numeric launch is not what denies the node."""
    text = (PC + "\n$ docker run {} --device /dev/dri:/dev/dri jellyfin/jellyfin\n"
            "[AVHWDeviceContext @ 0x55d0] Failed to open /dev/dri/renderD128 as DRM device node.").format(launch)
    assert read_cause(text).cause.id != "uid-gid-launch"


def test_an_unspecified_launch_failure_in_an_image_for_another_release_is_the_software() -> None:
    text = (JETSON_36 + "\n$ docker run --runtime nvidia -it dustynv/l4t-pytorch:r35.2.1\n"
            "RuntimeError: CUDA error: unspecified launch failure")
    assert read_cause(text).cause.id == "jetson-software-mismatch"
    assert read_cause(JETSON_36 + "\nRuntimeError: CUDA error: unspecified launch failure").cause.id == "not-gpu-access"


def test_a_gpu_failure_past_start_up_on_a_jetson_is_the_software() -> None:
    text = JETSON_35 + "\nOpenCV(4.5.0) error: (-217:Gpu API call) invalid argument in function 'bindTexture'"
    result = read_cause(text)
    assert result.cause.id == "jetson-software-mismatch" and "not-gpu-access" in result.cause.also_possible
    # at start-up a denied node fails the same way: the reading stays open, as it does where no Jetson is shown
    assert read_cause(JETSON_36 + "\nRuntimeError: Unexpected error from cudaGetDeviceCount(). error occurred").cause.id == "unknown"
    assert read_cause(text.split("\n", 1)[1]).cause.id == "unknown"


def test_no_gpu_said_beside_a_line_that_names_what_failed_is_read_by_that_line() -> None:
    text = JETSON_35 + "\nno GPUs are available\nfailed to load 'resnet' version 1: Invalid argument: unsupported model version"
    result = read_cause(text)
    assert "gpu-not-detected" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", [
    "docker: Error response from daemon: OCI runtime create failed: nvidia-container-cli: initialization error: "
    "load library failed: libnvidia-ml.so.1: cannot open shared object file: no such file or directory: unknown.",
    "nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.5, please update your driver to a newer "
    "version, or use an earlier cuda container: unknown",
])
def test_a_hook_failing_on_what_only_its_legacy_mode_touches_leans_to_a_pc(line: str) -> None:
    result = read_cause(line)
    assert (result.cause.id, result.cause.assumed_system) == ("x86-discrete-gpu", "pc"), result.cause
    assert read_cause(JETSON_36 + "\n" + line).cause.id != "x86-discrete-gpu"


CMAKE_NOTFOUND = ("Step 7/12 : RUN cmake ../ && make -j4\n"
                  "CMake Error: The following variables are used in this project, but they are set to NOTFOUND.\n"
                  "CUDA_nppicc_LIBRARY (ADVANCED)\n    linked by target \"jetson-utils\" in directory /src/utils\n"
                  "-- Configuring incomplete, errors occurred!")


def test_cmake_not_finding_a_cuda_library_in_an_image_build_is_where_the_release_puts_it() -> None:
    """JetPack 4 mounts CUDA's libraries from the host only when the build runs with the NVIDIA runtime; from R34 the
    image brings them, so missing there they are the image's software."""
    assert read_cause(JETSON_32 + "\n" + CMAKE_NOTFOUND).cause.id == "nodes-missing-in-container"
    assert read_cause(JETSON_36 + "\n" + CMAKE_NOTFOUND).cause.id == "jetson-software-mismatch"



@pytest.mark.parametrize("text", [
    "$ nvidia-smi --query-gpu=index,name,memory.total,utilization.gpu --format=csv,noheader\n"
    "0, Orin (nvgpu), [N/A], [N/A]\nValueError: invalid literal for int() with base 10: '[N/A]'",
    "No GPU detected. Runs on system RAM and CPU.\n$ nvidia-smi --query-gpu=index,name,memory.total --format=csv\n"
    "0, NVIDIA GB10, [N/A]",
])
def test_a_program_that_reads_nvidia_smi_s_unreported_memory_is_no_access_problem(text: str) -> None:
    result = read_cause(text)
    assert "smi-memory-unreported" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access", result.cause



def test_a_program_that_finds_no_gpu_on_a_pc_whose_driver_works_is_the_program() -> None:
    text = (PC + "\n$ llmfit system\nBackend: CPU\nGPU: Not detected\n$ nvidia-smi\n"
            "| NVIDIA-SMI 580.126.09             Driver Version: 580.126.09     CUDA Version: 13.0     |")
    result = read_cause(text)
    assert "gpu-not-detected" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access", result.cause


@pytest.mark.parametrize(("text", "cause"), [
    # root works and the user does not: the contrast is an access problem whatever the program says
    (JETSON_36 + "\nNo GPU found. It works as root but not as my normal user.", "render-node-denied"),
    # a numeric uid:gid with no --group-add drops the image's groups
    (JETSON_36 + "\n$ docker run -u 1000:1000 --runtime nvidia dustynv/ollama:r36.4.0\nNo GPU found, running on CPU",
     "uid-gid-launch"),
    # a Jetson image started without the NVIDIA runtime has no GPU node at all
    (JETSON_36 + "\n$ docker run --rm -it dustynv/ollama:r36.4.0\nNo GPU found, running on CPU", "nodes-missing-in-container"),
    # ... and on a PC, a container started without --gpus
    (PC + "\n$ docker run --rm -it acme/llm:1\nGPU: Not detected", "x86-discrete-gpu"),
])
def test_a_program_that_finds_no_gpu_is_read_by_the_launch_and_the_sessions_first(text: str, cause: str) -> None:
    """"No GPU found" says nothing of why: a contrast between users, a numeric launch or a launch without the GPU do."""
    result = read_cause(text)
    assert "gpu-not-detected" in [m.id for m in result.matches] and result.cause.id == cause, result.cause


def test_a_python_exception_line_is_a_failure_and_names_its_library() -> None:
    """"OSError:" has no word boundary before "Error": the exception's name says the line failed."""
    line = ("OSError: /env/lib/python3.7/lib-dynload/../../libcublas.so.11: symbol free_gemm_select version "
            "libcublasLt.so.11 not defined in file libcublasLt.so.11 with link time reference")
    failure = find_failure("Traceback (most recent call last):\n" + line)
    assert failure is not None and (failure.kind, failure.line) == ("gpu-library", line)


def test_a_version_conflict_that_names_no_gpu_software_is_the_program_s() -> None:
    numpy = "RuntimeError: module compiled against API version 0xc but this version of numpy is 0xb"
    assert read_cause(JETSON_32 + "\n" + numpy).cause.id == "not-gpu-access"
    sm = "INTERNAL_ERROR: Assertion failed: Unsupported SM."
    assert read_cause(JETSON_32 + "\n" + sm).cause.id == "jetson-software-mismatch"


def test_a_build_for_a_newer_c_runtime_is_the_release_s_on_a_jetson_and_the_build_s_on_a_pc() -> None:
    """L4T fixes a Jetson's Ubuntu release, so a binary that needs a newer glibc or libstdc++ was built for another."""
    line = ("ImportError: /lib/aarch64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.29' not found (required by "
            "/usr/local/lib/python3.8/dist-packages/onnxruntime/capi/onnxruntime_pybind11_state.so)")
    result = read_cause(JETSON_35 + "\n" + line)
    assert "c-runtime-too-old" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"


def test_nvml_blocked_by_the_operating_system_is_a_pc_s() -> None:
    text = ("nvidia-smi works well in wsl2, but in the container: Failed to initialize NVML: GPU access blocked by "
            "the operating system")
    result = read_cause(text)
    assert "nvml-blocked" in [m.id for m in result.matches] and result.cause.id == "x86-discrete-gpu", result.cause


@pytest.mark.parametrize("text", [
    # a PC's /dev/nvidia* are open to every user: a numeric uid denies nothing there
    PC + "\ndocker run --rm -it --gpus all --user $(id -u):$(id -g) -v $PWD:/workspace myimg python train.py\n"
    "WARNING: no GPU found, training on CPU",
    # root needs no group
    JETSON_36 + "\n$ docker run --runtime nvidia -u 0:0 dustynv/ollama:r36.4.0\nNo GPU found. Running on CPU.",
    # every container gets the NVIDIA runtime by default
    PC + '\n"default-runtime": "nvidia"\n$ docker run --rm acme/app ./myapp\nGPU not detected',
])
def test_a_program_that_finds_no_gpu_is_not_blamed_on_a_launch_that_cannot_cause_it(text: str) -> None:
    result = read_cause(text)
    assert result.cause.id == "not-gpu-access", result.cause


@pytest.mark.parametrize("text", [
    # a detached container's own log is its program's output
    PC + '\n$ docker run -d --name ollama -p 11434:11434 ollama/ollama\n$ docker logs ollama\nmsg="No NVIDIA GPU found"',
    # Docker's default runtime is Docker's: podman does not use it
    PC + '\n"default-runtime": "nvidia"\n$ podman run --rm acme/app ./myapp\nGPU not detected',
    # the engine says which runtime it runs by default: a daemon.json not yet loaded does not count
    PC + '\n"default-runtime": "nvidia"\n$ docker info | grep -i runtime\n Default Runtime: runc\n'
         "$ docker run --rm acme/app ./myapp\nGPU not detected",
])
def test_a_program_that_finds_no_gpu_in_a_container_without_one_is_the_pc_s_set_up(text: str) -> None:
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("version", ["torch 2.3.0+cpu", "torch==2.1.0+cpu", "onnxruntime-1.17.0+cpu"])
def test_a_cpu_only_wheel_s_version_outranks_a_numeric_launch(version: str) -> None:
    """A wheel built without CUDA never asks for the GPU, whoever runs it."""
    text = JETSON_36 + "\n$ docker run --runtime nvidia -u 1000:1000 dustynv/ollama:r36.4.0\n" + version + "\nNo GPU found"
    result = read_cause(text)
    assert "cpu-only-build" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


def test_onnx_runtime_that_cannot_create_its_cuda_provider_is_the_software() -> None:
    """The GPU package is installed and its CUDA libraries are missing or of another version: not a permission."""
    text = (JETSON_32 + "\n>>> rt.get_device()\n'GPU'\n# Note: results in warning, Failed to create CUDAExecutionProvider. "
            "Please reference https://onnxruntime.ai/docs/execution-providers/TensorRT-ExecutionProvider.html#requirements"
            "\nbut I'm unable to use GPU")
    result = read_cause(text)
    assert "ort-provider-failed" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


def test_docker_s_default_runtime_does_not_reach_a_podman_launch_on_a_jetson() -> None:
    text = (JETSON_36 + '\n"default-runtime": "nvidia"\n$ podman run --rm dustynv/l4t-pytorch:r36.4.0 python3 t.py\n'
            "CUDA driver version is insufficient for CUDA runtime version")
    assert read_cause(text).cause.id == "nodes-missing-in-container"


def test_a_launch_without_the_runtime_gets_it_where_nvidia_s_is_the_default() -> None:
    text = (JETSON_36 + '\n"default-runtime": "nvidia"\n$ docker run --rm dustynv/l4t-pytorch:r36.4.0 python3 t.py\n'
            "CUDA driver version is insufficient for CUDA runtime version")
    assert read_cause(text).cause.id != "nodes-missing-in-container"


@pytest.mark.parametrize("line", ["/bin/sh: 1: nvidia-smi: not found", "sh: nvidia-smi: not found",
                                  "the command fails with nvidia-smi: not found"])
def test_a_shell_that_finds_no_nvidia_smi_in_a_container_given_the_gpu_is_the_driver_capabilities(line: str) -> None:
    """The runtime brings nvidia-smi into a container given the GPU with the `utility` capability: missing there, on a
    PC, the capabilities left it out (autoware#2452 and #2732, gpu-jupyter#22); where the paste shows the GPU working
    otherwise, only the image lacks it (NVIDIA/NemoClaw#1166, in the held-out file)."""
    text = "$ docker run --rm --runtime=nvidia --gpus all ubuntu nvidia-smi\n" + line
    result = read_cause(text)
    assert "tool-not-found" in [m.id for m in result.matches] and result.cause.id == "x86-discrete-gpu"
    assert "not-gpu-access" in result.cause.also_possible


def test_a_camera_source_s_failure_is_no_gpu_access() -> None:
    """V4L2 or Argus failing is the camera's; /home/nvidia in a path names a user, not the GPU."""
    line = ("[ WARN:0] global /home/nvidia/host/build_opencv/nv_opencv/modules/videoio/src/cap_gstreamer.cpp (1757) "
            "handleMessage OpenCV | GStreamer warning: Embedded video playback halted; module v4l2src0 reported: Internal "
            "data stream error.")
    failure = find_failure(line)
    assert failure is not None and failure.kind == "camera"
    assert read_cause(JETSON_32 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["the production module does not boot on our carrier board",
                                  "no HDMI output and the fan spins, it will not POST", "flash.sh failed at the bootloader"])
def test_a_board_that_does_not_start_is_no_gpu_access(line: str) -> None:
    result = read_cause(JETSON_32 + "\n" + line)
    assert "board-not-booting" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"


def test_a_tool_s_probe_for_an_amd_gpu_names_no_pc() -> None:
    line = 'level=DEBUG source=amd_linux.go:322 msg="amdgpu driver not detected /sys/module/amdgpu"'
    assert not read_cause(line).observed.x86


def test_memory_that_could_not_be_allocated_is_out_of_memory_but_enomem_on_a_node_is_not() -> None:
    result = read_cause(JETSON_32 + "\nException: jetson.utils -- cudaAllocMapped() failed to allocate memory")
    assert "out-of-memory" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"
    assert "out-of-memory" not in [m.id for m in read_cause("Unable to open /dev/kfd read-write: Cannot allocate memory").matches]


@pytest.mark.parametrize(("text", "cause"), [
    # "post" said of a log, and a secure boot, are no board that does not start
    ("CUDA works with sudo but not as my normal user. I can't post the whole log here, sorry.", "tegra-nodes-denied"),
    (PC + "\nmodprobe: ERROR: could not insert 'nvidia': Key was rejected by service\nI guess it's a secure boot issue?",
     "x86-discrete-gpu"),
    # a module name joined to another in a host name
    ("nvidia@xaviernx:~$ ./deviceQuery\ncudaGetDeviceCount returned 999", "tegra-nodes-denied"),
    # the words say which machine fails, though its name is also in the image's
    ("The container works on my x86 laptop but fails on my Orin:\n$ docker run --rm -it --runtime nvidia "
     "myorg/orin-detector:latest\ncudaGetDeviceCount returned 999", "tegra-nodes-denied"),
    # a camera line that names the GPU's work is read by that work
    (JETSON_36 + "\n[cuda]   cudaAllocMapped(&mRingbufferCPU[n], size) failed for camera ringbuffer",
     "jetson-software-mismatch"),
    # a companion package built for the CPU says nothing of torch itself, nor beside a working root run
    (JETSON_35 + "\n$ docker run --rm -u 1000:1000 --runtime nvidia l4t-ml:r35.2.1 python3 -c 'import torch; "
     "print(torch.cuda.is_available())'\nFalse\ntorch 2.3.0\ntorchaudio 2.3.0+cpu", "uid-gid-launch"),
    # pip's note of an incompatible pin is no failure; the failure is the missing file
    (JETSON_36 + "\ntorchvision 0.20.0 requires torch==2.5.0, but you have torch 2.5.0a0+nv24.08 which is incompatible."
     "\nFileNotFoundError: [Errno 2] No such file or directory: 'video.mp4'", "not-gpu-access"),
    # source code that handles an exception is no failure (nothing fails: no access failure, assumed)
    ("try:\n    import tensorrt\nexcept ImportError:\n    tensorrt = None", "not-gpu-access"),
    # dpkg pads its columns; tegrastats behind a ROS 2 prefix
    ("ii  nvidia-l4t-core                            35.4.1-20230801124926   arm64   NVIDIA Core Package\n"
     "$ docker run --runtime nvidia -it dustynv/l4t-pytorch:r36.2.0\nRuntimeError: CUDA error: unspecified launch failure",
     "jetson-software-mismatch"),
    ("[tegrastats_node-1] [INFO] [1712345678.123456789] [tegrastats]: RAM 2448/7772MB (lfb 8x4MB) SWAP 0/3886MB "
     "CPU [12%@1479] GR3D_FREQ 0%\ncudaGetDeviceCount returned 999", "tegra-nodes-denied"),
    # a C runtime the driver's injected library needs is the driver's
    (PC + "\n$ docker run --gpus all centos:7 nvidia-smi\nnvidia-smi: /lib64/libc.so.6: version `GLIBC_2.27' not found "
     "(required by /usr/lib64/libnvidia-ml.so.1)", "x86-discrete-gpu"),
    # an out-of-memory said not to have happened
    ("CUDA works with sudo but not as my normal user. No OOM killer involved.", "tegra-nodes-denied"),
    # root works, the user's run crashes
    ("CUDA works with sudo but crashes as my user.", "tegra-nodes-denied"),
])
def test_the_second_review_s_misreadings(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_lspci_s_nvidia_gpu_names_a_pc() -> None:
    """A Jetson's GPU is no PCI device: lspci listing an NVIDIA VGA or 3D controller is a discrete GPU."""
    text = ("$ lspci | grep -i VGA\n19:00.0 VGA compatible controller: NVIDIA Corporation Device 1b06 (rev a1)\n"
            "[GPUJPEG] [Error] Cannot get number of CUDA devices: operation not supported.")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_an_unpublished_image_tag_is_the_registry_s_on_a_pc_and_the_release_s_on_a_jetson() -> None:
    line = ("docker: Error response from daemon: manifest for nvidia/cuda:12.0-base-ubuntu20.04 not found: "
            "manifest unknown: manifest unknown")
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"
    assert read_cause(JETSON_32 + "\n" + line).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("listing, gid_or_group", [
    ("crw-rw---- 1 0 44 10, 123 Jan 1 00:00 /dev/nvmap", "1000:44"),
    ("crw-rw---- 1 0 44 10, 123 Jan 1 00:00 /dev/nvmap", "1000:1000 --group-add 44"),
])
def test_a_numeric_launch_that_holds_the_listed_node_s_gid_drops_nothing_that_node_needs(listing: str,
                                                                                        gid_or_group: str) -> None:
    """-u uid:gid keeps its own GID and the GIDs it adds: where every listed GPU node's group is one of them, the
    numbers are not what denies the node (JetPack 5's video is 44 on the host and in an Ubuntu image): the node's
    group inside the container must differ, which the toolkit's version decides."""
    text = "{}\n$ docker run --rm --runtime nvidia -u {} img:1 ./app\n$ ls -ln /dev/nvmap\n{}\n" \
        "NvRmMemInitNvmap failed with Permission denied\n".format(JETSON_35, gid_or_group, listing)
    result = read_cause(text)
    assert result.cause.id == "toolkit-band" and "holds the host node's GID" in result.cause.why.text
    assert not any("drops the image" in s.text for s in result.statements)


@pytest.mark.parametrize("launch", ["-u 1000:1000 --group-add 44 --group-add 992", "-u 1000:992"])
def test_a_numeric_launch_that_holds_the_gid_the_host_s_id_names_render_drops_nothing(launch: str) -> None:
    """No node listed: the host's `id` names render's GID (udev's rule gives the render node that group), and the
    launch holds it. The numbers do not deny the node; its group inside the container must differ."""
    text = ("{}\nnvidia@nano:~$ id\nuid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia),44(video),992(render)\n"
            "nvidia@nano:~$ docker run -it --rm --runtime nvidia {} vlm:0.3 bash\n"
            "I have no name!@e3f4a5b6c7d8:/opt/vlm$ python3 -m vlm.serve\n"
            "RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported"
            ).format(JETSON_36, launch)
    assert read_cause(text).cause.id == "toolkit-band"
    # another host GID than the launch holds: the launch's numbers do deny it
    assert read_cause(text.replace("992(render)", "993(render)")).cause.id != "toolkit-band"
    # /dev/nvmap refused, whose video group the launch does not add: the Tegra node decides
    nvmap = text.replace("--group-add 44 ", "").replace("RuntimeError:", "NvRmMemInitNvmap failed with Permission denied\n"
                                                                        "RuntimeError:")
    assert read_cause(nvmap).cause.id != "toolkit-band"
    # the host's /dev bound in: the container's nodes are the host's own, whose group no toolkit version changes
    assert read_cause(text.replace("--runtime nvidia", "--runtime nvidia -v /dev:/dev")).cause.id != "toolkit-band"


def test_a_numeric_launch_short_of_the_listed_node_s_gid_still_drops_it() -> None:
    text = "{}\n$ docker run --rm --runtime nvidia -u 1000:44 img:1 ./app\n$ ls -ln /dev/dri/renderD128\n" \
        "crw-rw---- 1 0 993 226, 128 Jan 1 00:00 /dev/dri/renderD128\ncuInit(0) = 801\n".format(JETSON_36)
    assert read_cause(text).cause.id in ("uid-gid-launch", "render-node-denied")


HOST_AND_CONTAINER = """{prompt}ls -ln /dev/dri/renderD128
crw-rw----+ 1 0 992 226, 128 Nov  3 08:00 /dev/dri/renderD128
{prompt}docker exec -it app ls -ln /dev/dri/renderD128
crw-rw---- 1 0 {inside} 226, 128 Nov  3 08:00 /dev/dri/renderD128
{prompt}docker exec -it -u 1000 app python3 -c 'import torch; torch.cuda.init()'
RuntimeError: CUDA error: operation not supported
"""


@pytest.mark.parametrize("prompt", ["host$ ", "orin:~$ ", "(base) nvidia@orin:~$ ", "$ "])
@pytest.mark.parametrize("inside", ["0", "993"])
def test_a_node_whose_group_changed_on_the_way_into_the_container_is_the_toolkit_band(prompt: str, inside: str) -> None:
    """The same node, host and container, with another GID inside: the toolkit's version made it (1.18.2 gives GID 0),
    whatever ACL the host's node has for a desktop user. A bare host prompt counts as a prompt."""
    result = read_cause(JETSON_36 + "\n" + HOST_AND_CONTAINER.format(prompt=prompt, inside=inside))
    assert [n.where for n in result.observed.nodes] == ["", "container"]
    assert result.cause.id == "toolkit-band"


def test_a_gpu_node_with_gid_0_inside_the_container_is_the_toolkit_band_without_a_version_said() -> None:
    text = JETSON_36 + "\n$ docker run --rm --device nvidia.com/gpu=all -u 1000 ubuntu:24.04 stat -c '%a %u:%g %n' " \
        "/dev/nvmap\n440 0:0 /dev/nvmap\n$ docker run --rm --device nvidia.com/gpu=all -u 1000 app:1\n" \
        "NvRmMemInitNvmap failed: error Permission denied\n"
    assert read_cause(text).cause.id == "toolkit-band"
    same_on_host = text.replace("$ docker run --rm --device nvidia.com/gpu=all -u 1000 ubuntu:24.04 stat", "$ stat")
    assert read_cause(same_on_host).cause.id != "toolkit-band"  # the host's own node: its udev rule, not the toolkit


def test_a_numeric_launch_that_adds_groups_back_is_not_blamed_without_a_listing() -> None:
    """--group-add survives -u uid:gid: with no node listed, nothing shows the launch lost a group the GPU needs."""
    text = JETSON_36 + "\n$ docker run --rm --runtime nvidia -u 1000:1000 --group-add 993 --group-add 44 img sh -c " \
        "'id; ./probe'\nuid=1000 gid=1000 groups=1000,44,993\ncuInit(0) = 801\n"
    assert read_cause(text).cause.id != "uid-gid-launch"
    bare = JETSON_36 + "\n$ docker run --rm --runtime nvidia -u 1000:1000 img ./probe\ncuInit(0) = 801\n"
    assert read_cause(bare).cause.id == "uid-gid-launch"


def test_no_dri_folder_before_jetpack_6_is_no_missing_node() -> None:
    """JetPack 5's container lists no /dev/dri, and CUDA opens none there: its absence is no missing GPU node."""
    text = JETSON_35 + "\n$ ls -l /dev/dri\nls: cannot access '/dev/dri': No such file or directory\n"
    assert read_cause(text).cause.id not in ("nodes-missing-in-container", "render-node-denied")
    assert read_cause(text.replace(JETSON_35, JETSON_36)).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("text", [
    "Error in the CUDA docker image server-cuda-b5947\n/app/llama-server: error while loading shared libraries: "
    "/lib/x86_64-linux-gnu/libcurl.so.4: file too short",
    "app:latest-cuda does not work\n/app/rpc-server: error while loading shared libraries: libggml-cpu.so: cannot open "
    "shared object file: No such file or directory",
    "llama-router-gpu  | /app/llama-server: error while loading shared libraries: libllama-common.so.0: cannot open "
    "shared object file: No such file or directory",
    # a program's own module, named without "lib"
    "initializing gpu module...\nprebuilt binary /zip/ggml-rocm.so not found",
])
def test_a_program_the_loader_cannot_start_for_a_library_outside_the_gpu_s_stack_is_no_gpu_access(text: str) -> None:
    """The loader's refusal is the failure, whatever a title says of the image (a CUDA build), the compose service's
    name ("-gpu") or a library's first letters (libcurl is no CUDA library)."""
    failure = find_failure(text)
    assert failure is not None and failure.kind == "other-library", failure
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_cuda_library_the_loader_cannot_find_is_still_the_gpu_s() -> None:
    failure = find_failure("ollama-1  | /app/bin: error while loading shared libraries: libcudart.so.12: cannot open "
                           "shared object file")
    assert failure is not None and failure.kind == "gpu-library", failure


TRACEBACK = ("Traceback (most recent call last):\n  File \"/usr/lib/python3.8/ctypes/__init__.py\", line 373, in __init__\n"
             "    self._handle = _dlopen(self._name, mode)")


def test_a_traceback_cut_off_above_its_exception_shows_no_failure_to_read() -> None:
    """What failed is not in the paste: it is not said to be something other than GPU access."""
    assert find_failure(TRACEBACK) == Failure("unshown", "Traceback (most recent call last):")
    result = read_cause(JETSON_35 + "\n" + TRACEBACK)
    assert result.cause.id == "unknown" and "cuts off" in result.cause.why.text, result.cause


@pytest.mark.parametrize("exception", ["ImportError: libjetson-utils.so: cannot open shared object file: No such file or directory",
                                       "FileNotFoundError: [Errno 2] No such file or directory"])
def test_a_traceback_s_own_exception_is_its_failure(exception: str) -> None:
    failure = find_failure(TRACEBACK + "\n" + exception)
    assert failure is not None and failure.line == exception, failure


@pytest.mark.parametrize(("text", "why"), [
    ("I run GPU workloads on k3s with the k8s-device-plugin v0.17.1 without any issue", "shows nothing failing"),
    ("nvidia-smi works fine\nImportError: libfoo.so: cannot open shared object file", "what fails is not its access"),
])
def test_a_gpu_said_to_work_is_no_access_problem_and_the_reading_says_what_it_saw(text: str, why: str) -> None:
    result = read_cause(JETSON_36 + "\n" + text)
    assert result.cause.id == "not-gpu-access" and why in result.cause.why.text, result.cause


@pytest.mark.parametrize("text", ["the GPU fails without any error message", "CUDA works without issues only as root"])
def test_a_gpu_failing_without_words_or_working_for_root_alone_is_not_said_to_work(text: str) -> None:
    result = read_cause(JETSON_36 + "\n" + text)
    assert result.cause.id != "not-gpu-access" and "the GPU works" not in result.cause.why.text, result.cause


@pytest.mark.parametrize("line", [
    "nvidia-container-cli: mount error: stat failed: /dev/nvidiactl: no such file or directory",
    'Error: OCI runtime create failed: error running hook #0: stderr: nvidia-container-cli.real: error parsing IMEX info: '
    'unsupported IMEX channel value: all',
    "pyxis: nvidia-container-cli: mount error: failed to add device rules: open /sys/fs/cgroup/devices/slurm/devices.allow: "
    "permission denied",
])
def test_a_hook_failing_in_a_step_of_its_own_is_the_toolkit(line: str) -> None:
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "toolkit-band"


@pytest.mark.parametrize("line", [
    "nvidia-container-cli: mount error: file creation failed: /var/lib/docker/overlay2/x/merged/usr/lib/aarch64-linux-gnu/"
    "tegra/libnvidia-fatbinaryloader.so.440.18: file exists: unknown",
    "nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.4, please update your driver",
])
def test_a_hook_failing_on_the_image_s_content_or_requirement_is_the_software(line: str) -> None:
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "initPeripherals: mmap gpio failed (Operation not permitted)\nCan't initialise pigpio library",
    "[HailoRT] [error] CHECK failed - Driver version (4.20.0) is different from library version (4.22.0)",
])
def test_a_library_failure_in_a_paste_that_names_nothing_of_the_gpu_is_another_program_s(text: str) -> None:
    failure = find_failure(text)
    assert failure is not None and failure.kind == "other", failure
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_library_failure_beside_the_gpu_s_own_libraries_is_still_a_library_failure() -> None:
    text = ("the binaries could not execute: they are trying to load libraries which were not linked\n"
            "Only in .: libnvrm_gpu.so\nOnly in .: libnvrm_mem.so")
    failure = find_failure(text)
    assert failure is not None and failure.kind == "library", failure


def test_a_path_that_exists_already_is_the_file_system_not_the_gpu() -> None:
    line = "mkdir: cannot create directory '/tmp/cudnn': File exists"
    failure = find_failure(line)
    assert failure is not None and failure.kind != "gpu", failure
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"


# ---- an error only referred to, and a failing sentence hard-wrapped onto the next line ----


def test_similar_errors_referred_to_do_not_outrank_the_error_shown() -> None:
    text = ("nvidia-smi in the container shows the card as available.\n"
            "  File \"/home/larynx/app/larynx/__main__.py\", line 66, in main\n    import torch\n"
            "ModuleNotFoundError: No module named 'torch'\n"
            "Similar errors occur if you attempt to start the container with the cuda flag as an additional argument.")
    failure = find_failure(text)
    assert failure is not None and failure.line.startswith("ModuleNotFoundError")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_failing_sentence_wrapped_onto_the_next_line_is_read_whole() -> None:
    """The card and its driver stand on the wrapped rest: on a PC that is the PC's GPU, not another program's crash."""
    text = ("OS: Windows 11 Pro\n"
            'Isaac Sim 5.1.0 GUI mode crashes ~20s after "app ready" with access violation \n'
            "in `omni.kit.window.preferences` on RTX 5070 Ti (Blackwell) + driver 595.79.\nHeadless mode works fine.")
    failure = find_failure(text)
    assert failure is not None and failure.line.endswith("driver 595.79.") and failure.kind == "gpu"
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    ended = text.replace("access violation \n", "access violation.\n")  # two sentences: the first is read alone
    assert find_failure(ended).line.endswith("access violation.")  # type: ignore[union-attr]


def test_a_list_item_that_finishes_its_leads_sentence_is_read_with_it() -> None:
    """A lead with no full stop over a list whose first item opens with a verb: that item ends the lead's sentence and
    the items below go on about its subject, so what failed is "containers with `--gpu` do not start", not a bare
    "down and up do not work"."""
    text = ("After upgrade to 4.17.1 from 4.17.0, containers with `--gpu`\n- do not start correctly anymore (starting up)\n"
            "- such starting containers become unkillable\n- down and up do not work correctly anymore\n\n"
            "  - Windows Version: 11\n  - WSL2 or Hyper-V backend?  WSL2")
    failure = find_failure(text)
    assert failure is not None and failure.line.startswith("After upgrade to 4.17.1") and failure.kind != "other", failure
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    opened = text.replace("`--gpu`\n", "`--gpu`:\n")  # (the colon that opens the list: the same sentence)
    assert find_failure(opened).line.startswith("After upgrade")  # type: ignore[union-attr]
    for own in (text.replace("- do not start", "- the web ui does not start"),  # (an item with its own subject first)
                text.replace("`--gpu`\n- do not start", "`--gpu`.\n- do not start"),  # (a lead that ends its sentence)
                "Steps to reproduce:\n1. Start the container with --gpus all\n2. Open the page\n3. the web ui freezes"):
        alone = find_failure(own)
        assert alone is None or not alone.line.startswith(("After upgrade", "Steps")), alone


def test_a_jetpack_4_image_build_that_fails_at_cmakes_configure_step_ran_without_the_default_runtime() -> None:
    """On JetPack 4 the host's CUDA toolkit reaches `docker build` only through NVIDIA's runtime as Docker's default."""
    text = ("Hi, I am on L4T (32.7.2). I am trying to build the opencv image using ( Dockerfile.opencv_source), the build "
            "is failing with -- Configuring incomplete, errors occurred!. any idea?")
    assert read_cause(text).cause.id == "nodes-missing-in-container"
    assert read_cause(text.replace("32.7.2", "35.4.1")).cause.id != "nodes-missing-in-container"  # JetPack 5 mounts none


def test_a_machine_said_to_have_no_gpu_is_not_told_to_add_the_nvidia_runtime() -> None:
    text = ("Deploying the server as a docker image on a machine without GPU.\n"
            "docker run --name hf -d -p 80:80 ghcr.io/huggingface/text-generation-inference:0.7 --model-id $model\n"
            '{"error":"Request failed during generation: Server error: attention_scores_2d must be a CUDA tensor"}')
    result = read_cause(text)
    said = render_text(result) + render_markdown(result)
    assert result.cause.id == "not-gpu-access" and "no-gpu-nodes" not in said and "nvmap" not in said.lower(), said


@pytest.mark.parametrize("line", ["import tensorrt_llm failed, if do not use tensorrt, ignore this message",
                                  "import lmdeploy failed, please ignore this warning"])
def test_a_failure_its_program_says_to_ignore_is_none(line: str) -> None:
    assert find_failure(line) is None


@pytest.mark.parametrize("line", ["ignore this message if you like: later, CUDA failed to initialise",
                                  "ModuleNotFoundError: No module named 'gradio'  -- the tcmalloc line can be safely ignored",
                                  "NvRmMemInitNvmap failed: Permission denied. Please ignore this warning? No: CUDA fails."])
def test_a_failure_beside_words_to_ignore_another_is_still_one(line: str) -> None:
    assert find_failure(line) is not None


def test_no_gpu_said_of_another_machine_keeps_the_runtime_s_advice() -> None:
    text = ("Our CI runners have no GPU, but this is the Orin:\n" + JETSON_36
            + "\n$ docker run -it --rm dustynv/l4t-pytorch:r36.2.0 python3 -c 'import torch'\n"
            "NvRmMemInitNvmap failed with No such file or directory")
    said = render_text(read_cause(text))
    assert "no-gpu-nodes" in said, said


@pytest.mark.parametrize("line", [
    "sed: can't read /opt/nvidia/deepstream/deepstream-6.2/samples/configs/tao_pretrained_models//"
    "config_infer_primary_trafficcamnet.txt: No such file or directory",
    "** ERROR: <main:658>: Failed to open config file /opt/nvidia/deepstream/deepstream/samples/configs/app.yml",
    "Error: cannot open /workspace/models/yolov8n_cuda.engine: No such file or directory",
    "FileNotFoundError: [Errno 2] No such file or directory: 'configs/cuda_infer.yaml'",
    # (red team 95: a label list's and an ONNX file's wordings in DeepStream's log)
    "NvDsInferContext[UID 1]: Error in NvDsInferContextImpl::parseLabelsFile() [UID = 1]: Could not open labels "
    "file:/opt/nvidia/deepstream/deepstream/samples/models/Primary_Detector/labels_peoplenet.txt",
    "NvDsInferContextImpl::buildModel() [UID = 1]: Cannot access ONNX file "
    "'/opt/nvidia/deepstream/deepstream-6.4/sources/apps/my_app/models/peoplenet.onnx'",
])
def test_a_missing_config_or_model_file_is_the_program_s_own(line: str) -> None:
    """A GPU program's own file (a config, a label list, a model) missing or unreadable, however GPU-like its path
    (/opt/nvidia/deepstream/...): what fails is the file the program was pointed at, not the GPU (cloud-native-stack#60,
    a demo's TAO configs not copied)."""
    failure = find_failure(JETSON_36 + "\n" + line)
    assert failure is not None and failure.kind == "data-file", failure
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "ERROR: /usr/share/vulkan/icd.d/nvidia_icd.json: No such file or directory",
    "open /etc/nvidia-container-runtime/host-files-for-container.d/l4t.csv: no such file or directory",
    "failed to open /etc/cdi/nvidia.yaml: no such file or directory",
    "/usr/lib/aarch64-linux-gnu/tegra/libcuda.so.1: cannot open shared object file: No such file or directory",
    "slurmd[5421]: fatal: can't stat gres.conf file /dev//nvidia0: No such file or directory",
    "[TRT]    device GPU, failed to load networks/bvlc_googlenet.caffemodel",
    # (red team 95: CUDA's own tree, the driver's EGL platform and vGPU configuration, a runtime hook's)
    "cat: /usr/local/cuda/version.txt: No such file or directory",
    "EGL external platform: could not open /usr/share/egl/egl_external_platform.d/15_nvidia_gbm.json: No such file",
    "nvidia-gridd[1523]: Failed to open config file /etc/nvidia/gridd.conf: No such file or directory",
    "WARN[0000] failed to load hook /usr/share/containers/oci/hooks.d/oci-nvidia-hook.json: no such file or directory",
])
def test_a_missing_file_of_the_gpu_s_stack_is_not_the_program_s_own(line: str) -> None:
    """The graphics loader's ICD, the toolkit's CSV, a CDI spec, the driver's library and a node are the GPU's stack;
    a model that fails to load is often an engine TensorRT could not build (jetson-inference#1591)."""
    failure = find_failure(JETSON_36 + "\n" + line)
    assert failure is not None and failure.kind != "data-file", failure


@pytest.mark.parametrize("text", [
    "[WARN] /etc/myapp/overrides.yaml not found\n[ERROR] GPU init failed, falling back to nothing",
    "config.ini not found, writing defaults\nERROR: vkCreateDevice failed: VK_ERROR_INITIALIZATION_FAILED on GPU 0",
])
def test_a_config_file_a_program_goes_on_without_tells_less_than_the_gpu_s_failure(text: str) -> None:
    """Red team 95: a missing config file is routine beside the line that says the GPU failed."""
    failure = find_failure(text)
    assert failure is not None and failure.kind == "gpu", failure


@pytest.mark.parametrize("line", [
    "Loadlibrary failed with error 126 when trying to load onnxruntime_providers_cuda.dll",
    "failed to load cudnn64_8.dll: the specified module could not be found",
    "Could not load nvToolsExt64_1.dll",
])
def test_a_cuda_dll_that_does_not_load_is_the_gpu_s_library_on_a_pc(line: str) -> None:
    """Windows names CUDA's, cuDNN's and ONNX Runtime's GPU providers by DLL, not by lib*.so (onnxruntime#20223:
    the CUDA 12 build of ORT 1.17 loaded beside cuDNN 9, which it was not built for)."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == "gpu-library", failure
    assert read_cause(line + "\n\n### Platform\n\nWindows").cause.id == "x86-discrete-gpu"


def test_a_dll_whose_name_only_holds_cuda_is_not_cuda_s() -> None:
    """Red team 95: Unity's Barracuda.dll ends in "cuda" and is none of CUDA's."""
    failure = find_failure("Failed to load Barracuda.dll: the specified module could not be found")
    assert failure is None or failure.kind != "gpu-library", failure


@pytest.mark.parametrize("node", ["/dev/tegra_dc_ctrl", "/dev/tegra_camera_ctrl"])
def test_a_display_controller_s_or_camera_s_node_is_no_gpu_node(node: str) -> None:
    """/dev/tegra_dc_ctrl is the display controller's (nvdc), /dev/tegra_camera_ctrl the camera's: not the GPU's."""
    failure = find_failure(JETSON_35 + "\nERROR: cannot open " + node + ": Permission denied")
    assert failure is not None and failure.kind not in ("gpu-node", "device-permission"), failure


@pytest.mark.parametrize("line", ["[svulkan2] [error] Failed to denoise OptiX Error: OPTIX_ERROR_INVALID_VALUE",
                                  'could not instantiate scene plugin of type "scene": Could not initialize OptiX!'])
def test_optix_failing_is_the_gpu_s_on_a_pc(line: str) -> None:
    """OptiX is the driver's ray tracer (libnvoptix and /usr/share/nvidia/nvoptix.bin come with the driver, and into a
    container only where its runtime mounts them): its failure is the GPU's (mani-skill/ManiSkill#200, NVlabs/sionna#124)."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == "gpu", failure
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"


def test_a_feature_said_not_supported_in_a_release_is_the_version_s_failure() -> None:
    """jetson-inference#916: TensorRT 4.0 cannot import ONNX ("not supported in TensorRT 4.0 (version >= 5.0
    required)"); the model that then fails to load is the consequence."""
    text = ("[TRT]   importing ONNX models is not supported in TensorRT 4.0 (version >= 5.0 required)\n"
            "[TRT]   failed to load /home/nvidia/work/resnet18.onnx")
    failure = find_failure(text)
    assert failure is not None and failure.kind == "version", failure
    assert read_cause(JETSON_32 + "\n" + text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize(("shown", "cause"), [
    ("$ ls -d /usr/local/cuda*\nls: cannot access '/usr/local/cuda*': No such file or directory", "jetson-software-mismatch"),
    ("$ ls /usr/local/cuda-11.4/bin/nvcc\n/usr/local/cuda-11.4/bin/nvcc", "not-gpu-access"),
])
def test_a_build_that_finds_no_cuda_on_a_jetson_is_its_toolkit_where_the_paste_shows_none(shown: str, cause: str) -> None:
    """DeepSpeed's "CUDA_HOME does not exist" says PyTorch's search found no toolkit; on a Jetson with none installed
    (a board flashed without JetPack's components) that is the software, while a toolkit shown installed where the
    build did not look is the build's setting."""
    text = (JETSON_35 + "\nop_builder.builder.MissingCUDAException: CUDA_HOME does not exist, unable to compile CUDA "
            "op(s)\n" + shown)
    assert read_cause(text).cause.id == cause


_LINK_FAILS = "/usr/bin/ld: cannot find -lcudart: No such file or directory\ncollect2: error: ld returned 1 exit status\n"


@pytest.mark.parametrize(("shown", "cause"), [
    # the toolkit shown absent in the shell's other words, or by jetson_release
    ("Command 'nvcc' not found, but can be installed with:\nsudo apt install nvidia-cuda-toolkit\n", "jetson-software-mismatch"),
    (" - CUDA: NOT_INSTALLED\n - cuDNN: NOT_INSTALLED\n", "jetson-software-mismatch"),
    # the link told where CUDA's libraries lie, or one of JetPack's own libraries missing beside it
    ("$ g++ -o app app.o -L/usr/local/cuda/lib64 -lcudart\n", "jetson-software-mismatch"),
    ("/usr/bin/ld: cannot find -lnvinfer_plugin: No such file or directory\n", "jetson-software-mismatch"),
    # ... but not a README's line quoted, nor a case supposed
    ("> If you see `/usr/local/cuda/bin/nvcc: No such file or directory`, install the toolkit.\n", "not-gpu-access"),
    ("The guide says: if /usr/local/cuda: No such file or directory shows, JetPack is missing. Mine has it.\n",
     "not-gpu-access"),
])
def test_a_toolkit_library_the_linker_misses_on_a_jetson_is_its_path_unless_the_paste_shows_it_absent(shown: str,
                                                                                                      cause: str) -> None:
    """A library of CUDA's toolkit the linker does not find is the build's path (/usr/local/cuda is off the linker's),
    unless the paste shows the toolkit not installed, the link already pointed into CUDA's tree, or a JetPack library
    that lies on the linker's path missing too."""
    assert read_cause(JETSON_36 + "\n" + shown + _LINK_FAILS).cause.id == cause


@pytest.mark.parametrize(("line", "family"), [
    ('time=2024-09-17T15:04:08.215Z level=INFO source=gpu.go:560 msg="no nvidia devices detected" library=/usr/lib/'
     'x86_64-linux-gnu/libcuda.so.1', True),
    ('ollama  | level=INFO source=gpu.go:621 msg="no nvidia devices detected by library /usr/lib/x86_64-linux-gnu/'
     'libcuda.so.1"', True),
    ('Unlike #5143 I do not get level=INFO source=gpu.go:560 msg="no nvidia devices detected" library=/usr/lib/libcuda.so',
     False),
    ('The msg="no nvidia devices detected" library=/usr/lib/libcuda.so.1 line went away after a reboot', False),
])
def test_ollama_s_no_device_is_its_log_line_not_prose_about_it(line: str, family: bool) -> None:
    """Ollama logs CUDA_ERROR_NO_DEVICE as "no nvidia devices detected"; a sentence about that line is not the line."""
    assert ("cuda-100" in [m.id for m in read_cause(line).matches]) is family


@pytest.mark.parametrize("line", ["modprobe: can't load module tegra_udrm (kernel/drivers/gpu/drm/tegra_udrm/tegra-udrm.ko",
                                  "insmod: ERROR: could not insert module nvgpu.ko: Invalid module format"])
def test_a_kernel_module_that_fails_to_load_is_the_host_s_own(line: str) -> None:
    """No container loads a kernel module: the failure is the host's, so the question is not whether a container got the
    GPU nodes."""
    result = read_cause("Linux orin 5.10.120-tegra #1 SMP PREEMPT aarch64 GNU/Linux\n" + line)
    assert result.cause.id == "jetson-software-mismatch" and "nodes-missing-in-container" not in result.cause.also_possible
    assert "--runtime nvidia" not in render_text(result)


def test_a_jetson_s_gpu_module_that_does_not_load_is_its_kernel_not_a_node() -> None:
    """modprobe finding no nvgpu module (a kernel built with another LOCALVERSION, its modules not installed) explains
    CUDA finding no device: the kernel, not the video group; the module's name is no node."""
    text = (JETSON_35 + "\n$ sudo modprobe nvgpu\nmodprobe: FATAL: Module nvgpu not found in directory "
            "/lib/modules/5.10.120-tegra-custom\n$ ./deviceQuery\ncudaGetDeviceCount returned 100\n")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_a_pc_s_driver_module_that_does_not_load_is_not_asked_of_a_container() -> None:
    result = read_cause("GKE node pool with NVIDIA L4s, GPU operator driver daemonset (driver 550.90.07):\n"
                        "modprobe: ERROR: could not insert 'nvidia': Key was rejected by service\n")
    assert result.cause.id == "x86-discrete-gpu" and "nodes-missing-in-container" not in result.cause.also_possible


@pytest.mark.parametrize(("system", "cause"), [("", "x86-discrete-gpu"), (JETSON_36 + "\n", "jetson-software-mismatch")])
def test_a_cudnn_older_than_the_framework_s_build_is_a_pc_s_unless_a_jetson_shows(system: str, cause: str) -> None:
    """pip and conda install cuDNN apart from JAX or TensorFlow on a PC; a Jetson's comes with JetPack: with no system
    shown the PC is assumed, and a Jetson shown reads its software."""
    line = ("E0402 11:40:27.667155 238613 cuda_dnn.cc:522] Loaded runtime CuDNN library: 9.3.0 but source was compiled "
            "with: 9.4.0.  CuDNN library needs to have matching major version and equal or higher minor version.\n")
    assert read_cause(system + line).cause.id == cause


@pytest.mark.parametrize("line", ["Can you tell me how to solve it ? and is this program only for TX1?",
                                  "Is it only supported on the Jetson Nano?"])
def test_a_jetson_asked_as_what_a_program_is_only_for_is_another_machine(line: str) -> None:
    assert read_cause(line).observed.jetson == ()


def test_a_jetson_asked_about_and_then_owned_is_the_machine() -> None:
    assert read_cause("Is this program only for TX1? That's exactly the board I have.").observed.jetson != ()


@pytest.mark.parametrize(("text", "cause"), [
    ("Host: Jetson Thor\nWARNING: Detected NVIDIA Thor GPU, which is not yet supported in this version of the "
     "container\nERROR: No supported GPU(s) detected to run this container\n", "jetson-software-mismatch"),
    # (NGC's containers print the product name with its own "NVIDIA" and "GPU" doubled)
    ("lee@lee-ROG-Strix-SCAR-18:~$ docker run --rm --gpus all nvcr.io/nvidia/tensorflow:24.10-tf2-py3\nWARNING: Detected "
     "NVIDIA NVIDIA GeForce RTX 5090 Laptop GPU GPU, which is not yet supported in this version of the container\n",
     "x86-discrete-gpu")])
def test_software_that_names_the_gpu_it_detected_is_not_asked_whether_the_container_got_it(text: str, cause: str) -> None:
    result = read_cause(text)
    assert result.cause.id == cause and "nodes-missing-in-container" not in result.cause.also_possible
    assert "--runtime nvidia" not in render_text(result)


def test_a_package_built_by_pip_without_cuda_is_the_torch_it_imports() -> None:
    """A failed pip install whose build finds no CUDA runtime, on the machine itself or in a container given the GPU:
    the torch the build imports has none (pip's isolated build environment installs one from the index)."""
    isolated = ("Nvidia jetson is aarch64, in ubuntu20.04 server(cuda 12.2), when run \"pip install vllm\":\n"
                "  × Getting requirements to build wheel did not run successfully.\n"
                "      /tmp/pip-build-env-jkd2f4g4/overlay/lib/python3.10/site-packages/torch/nn/modules/transformer.py:20: "
                "UserWarning: Failed to initialize NumPy\n"
                "      No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n")
    reading = read_cause(isolated).cause
    assert reading.id == "jetson-software-mismatch"
    assert any("pip-build-env-" in line for line in reading.why.evidence)
    host = ("Jetson Orin NX 16GB, JetPack 5.1.2\n$ pip install ./ops/voxel\n"
            "  No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda-11.4'\n"
            "  × Building wheel for voxel_ops (pyproject.toml) did not run successfully.\n")
    given = ("Jetson AGX Orin, JetPack 6.0\n$ sudo docker run --runtime nvidia -it --rm dustynv/l4t-pytorch:r36.2.0\n"
             "root@orin:/# pip3 install xformers==0.0.26\n  No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n"
             "  × python setup.py bdist_wheel did not run successfully.\n")
    assert read_cause(host).cause.id == read_cause(given).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("paste", [
    # BuildKit's summary of a failed step, its lines without the step's prefix
    "Jetson AGX Orin, JetPack 5.1.2\n$ docker build -t mmcv-orin .\n > [4/6] RUN pip3 install mmcv==2.1.0:\n"
    "13.01   No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n"
    "41.77   × Getting requirements to build wheel did not run successfully.\n"
    "ERROR: failed to solve: process \"/bin/sh -c pip3 install mmcv==2.1.0\" did not complete successfully: exit code: 1\n",
    # an image's build said in prose
    "When I build my Docker image on the AGX Orin (base image dustynv/l4t-pytorch:r36.2.0), the pip step fails:\n"
    "  No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\nerror: subprocess-exited-with-error\n"
    "ERROR: Failed building wheel for flash-attn\n",
    # a container started without the runtime, its nodes shown absent
    "Jetson Orin Nano, JetPack 5.1.1\n$ sudo docker run -it --rm nvcr.io/nvidia/l4t-pytorch:r35.2.1-pth2.0-py3\n"
    "root@c0ffee:/ws# ls /dev/nvmap\nls: cannot access '/dev/nvmap': No such file or directory\n"
    "root@c0ffee:/ws# pip3 install .\n  No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n"
    "  error: subprocess-exited-with-error\n",
])
def test_a_pip_build_without_cuda_in_an_image_s_build_or_a_container_without_the_gpu_is_not_the_torch_s(paste: str) -> None:
    """Where the paste shows an image being built or a container without the GPU's nodes, the build's missing CUDA
    may be that container's lack: the torch it imports is not named the cause."""
    assert read_cause(paste).cause.id != "jetson-software-mismatch"


@pytest.mark.parametrize("failing", ["  error: command 'aarch64-linux-gnu-gcc' failed: No such file or directory",
                                     "  ext.cpp:9:10: fatal error: Python.h: No such file or directory"])
def test_a_pip_build_that_lacks_a_compiler_or_python_s_headers_is_no_gpu_s(failing: str) -> None:
    paste = ("Jetson Xavier AGX, JetPack 5.1\n$ pip3 install pytorch3d\n"
             "  No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n" + failing + "\n"
             "  error: subprocess-exited-with-error\n")
    assert read_cause(paste).cause.id == "not-gpu-access"
    assert read_cause(paste.replace(failing, "  fatal error: cuda_runtime.h: No such file or directory")).cause.id \
        != "not-gpu-access"


def test_a_source_package_pip_built_is_no_failure_for_any_reading() -> None:
    """pip downloading a GPU package's source and building it without an error is an install log: it counts for no
    reading, so a browser's GPU process that gives up beside it is still read alone (the browser's own problem)."""
    install = "Collecting flash_attn-2.5.6.tar.gz\n"
    browser = "[1234:1234:0101/000000.000000:ERROR:gpu_process_host.cc(991)] GPU process exited unexpectedly: exit_code=139\n"
    assert read_cause(browser).cause.id == read_cause(install + browser).cause.id == "not-gpu-access"


def test_the_capability_read_from_the_gpu_is_the_gpu_reached() -> None:
    """bitsandbytes' set-up names the compute capability PyTorch read from the devices it found: the container reached
    the GPU, so a CUDA library its search missed is not the container's lack of the GPU."""
    paste = ("Jetson orin 16GB (arm64), Docker: dustynv/l4t-pytorch:r36.2.0\n"
             "root@4b38f71b25b9:/models# python3 -m bitsandbytes\n"
             "CUDA_SETUP: WARNING! libcudart.so not found in any environmental path. Searching in backup paths...\n"
             "CUDA SETUP: PyTorch settings found: CUDA_VERSION=122, Highest Compute Capability: 8.7.\n")
    reading = read_cause(paste)
    assert reading.observed.gpu_found is not None
    assert reading.cause.id != "nodes-missing-in-container"


def test_a_renderer_that_finds_no_device_on_a_server_is_its_driver_s_graphics() -> None:
    """A GPU renderer in a container on an A100 server that finds no rendering device lacks the driver's graphics
    libraries (a compute-only driver, a container without the graphics capability): the PC's GPU set-up, not the
    program's own failure."""
    paste = ("I installed sapien on an A100 server. I ran a docker with ubuntu 20.04.\n"
             "[svulkan2] [error] GLFW error: X11: The DISPLAY environment variable is missing\n"
             "RuntimeError: Cannot find a suitable rendering device\n")
    reading = read_cause(paste).cause
    assert reading.id == "x86-discrete-gpu"
    assert "nodes-missing-in-container" in reading.also_possible


def test_the_engine_refusing_a_name_is_the_command_s_not_the_gpu_s() -> None:
    """A script's docker run refused for its image reference, then no such container to stop: the command, not a
    container without the GPU (the prose above it says a container would not run); a CUDA failure beside it is still
    read as that failure."""
    paste = ("I followed the instruction right here (https://jetbot.org/master/software_setup/docker.html) to run the Jetbot "
             "container, however, I cannot successfully run the container of jupyter, here is the log while running the "
             "\u201cenable.sh\u201d in jetbot folder (cloned from https://github.com/NVIDIA-AI-IOT/jetbot.git )\n"
             "23@123-desktop:~/jetbot/docker$ ./enable.sh $HOME\n"
             "Synchronizing state of docker.service with SysV service script with /lib/systemd/systemd-sysv-install.\n"
             "1083206b938b4aa9e3515b79ba2e2aea7dcfc07f2303b01bf9ed95c85f0f1f48\ndocker: invalid reference format.\n"
             "123@123-desktop:~/jetbot/docker$ ./disable.sh\n**Error response from daemon: No such container: jetbot_camera**\n")
    assert read_cause(paste).cause.id == "not-gpu-access"
    beside = "Jetson Orin, JetPack 6\nCUDA error: 801 operation not supported\nError: No such container: app\n"
    assert read_cause(beside).cause.id != "not-gpu-access"


@pytest.mark.parametrize("said", ["It dies at build time:", "The build step fails:", "$ pip3 install --config-settings "
                                  "--build-option=--cuda_ext ./"])
def test_a_build_said_without_an_image_leaves_pip_s_build_on_the_machine(said: str) -> None:
    """A build said with no image ("at build time", "the build step", pip's --build-option) is no image's build: a pip
    build on a Jetson host that finds no CUDA is still the torch it imports."""
    paste = ("Orin Nano devkit, JetPack 5.1.2 (L4T R35.4.1), installing pytorch3d directly on the board. " + said + "\n"
             "  × Getting requirements to build wheel did not run successfully.\n"
             "      No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n"
             "      File \"/tmp/pip-build-env-wq7ue2/overlay/lib/python3.8/site-packages/torch/utils/cpp_extension.py\", "
             "line 1561, in _get_cuda_arch_flags\n")
    assert read_cause(paste).cause.id == "jetson-software-mismatch"


def test_a_renderer_without_a_device_on_a_jetson_is_its_software_on_the_host_and_the_runtime_in_a_container() -> None:
    host = ("Running ManiSkill directly on my Orin Nano devkit (JetPack 5.1.2, L4T R35.4.1), no docker:\n"
            "Some required Vulkan extension is not present. You may not use the renderer to render, however, CPU "
            "resources will be still available.\n")
    container = ("Jetson AGX Orin 64GB, JetPack 6.0 (L4T R36.3.0)\n"
                 "$ docker run -it --rm --network host -v $PWD:/ws mani-skill:r36.3.0 python3 /ws/run_env.py\n"
                 "RuntimeError: Cannot find a suitable rendering device\n")
    assert read_cause(host).cause.id == "jetson-software-mismatch"
    assert read_cause(container).cause.id == "nodes-missing-in-container"


def test_a_gpu_found_by_one_launch_is_not_another_launch_s_access() -> None:
    """bitsandbytes finds the GPU in root's run; the run as a numeric user is denied /dev/nvmap: that denial is read,
    not ruled out by the other run's GPU."""
    paste = ("AGX Orin, JetPack 6.0. As root inside the container bitsandbytes is fine:\n"
             "$ docker run --rm --runtime nvidia llm-bnb:r36.2.0 python3 -m bitsandbytes\n"
             "CUDA SETUP: Highest compute capability among GPUs detected: 8.7\nSUCCESS!\nWith our user it is not:\n"
             "$ docker run --rm --runtime nvidia -u 1000:1000 llm-bnb:r36.2.0 python3 -m bitsandbytes\n"
             "NvRmMemInitNvmap failed with Permission denied\n")
    assert read_cause(paste).cause.id in ("uid-gid-launch", "tegra-nodes-denied")


def test_an_image_s_banner_beside_a_module_it_lacks_is_the_image_s_install() -> None:
    """NVIDIA's image banner (started without the GPU) beside an import of a module the image does not ship: the
    import fails whether or not the GPU is given, so the module's install is what to fix; a CUDA failure beside the
    banner is still the GPU left out."""
    launch = ("$ docker run --rm -it nvcr.io/nvidia/merlin/merlin-pytorch:23.08 python -c 'import t4r_extra'\n"
              "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
              "   Use the NVIDIA Container Toolkit to start this container with GPU support; see\n"
              "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n")
    reading = read_cause(launch + "ModuleNotFoundError: No module named 't4r_extra'\n").cause
    assert reading.id == "not-gpu-access"
    assert "x86-discrete-gpu" in reading.also_possible
    assert read_cause(launch + "RuntimeError: No CUDA GPUs are available\n").cause.id != "not-gpu-access"


def test_an_image_s_banner_beside_a_node_shown_refused_says_nothing_of_the_nodes() -> None:
    """NGC's image for a Jetson prints the discrete driver's banner too: beside /dev/nvmap shown refused to a user
    without video, the node is there and the refusal is the cause."""
    paste = ("AGX Orin, JetPack 6.0. Image FROM nvcr.io/nvidia/pytorch:24.05-py3-igpu, USER worker, --runtime nvidia.\n"
             "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
             "NvRmMemInitNvmap failed with Permission denied\nworker@orin:/ws$ id\n"
             "uid=1000(worker) gid=1000(worker) groups=1000(worker)\nworker@orin:/ws$ ls -l /dev/nvmap\n"
             "crw-rw---- 1 root video 10, 125 Apr  9 08:41 /dev/nvmap\n")
    assert read_cause(paste).cause.id == "tegra-nodes-denied"


def test_a_program_s_own_not_implemented_error_in_a_file_named_for_its_backend_is_the_program_s() -> None:
    """A NotImplementedError a program raises for a feature it lacks is the program's, even where its file's name holds
    "backend" (tensorrt_backend.py); PyTorch's operator missing for the CUDA backend is still no such feature."""
    paste = ("Jetson Orin Nano, JetPack 6.x\nthe run crashes because `TensorRTBackend` raises a `NotImplementedError: "
             "TensorRT support not implemented yet.` inside `tensorrt_backend.py`.\n")
    assert read_cause(paste).cause.id == "not-gpu-access"
    torch = ("Jetson Orin Nano, JetPack 6.x\nNotImplementedError: Could not run 'torchvision::nms' with arguments from the "
             "'CUDA' backend. This could be because the operator doesn't exist for this backend, or was omitted during the "
             "selective/custom build process (if using custom build).\n")
    assert read_cause(torch).cause.id != "not-gpu-access"
