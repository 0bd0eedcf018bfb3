"""Look-alikes of the Jetson GPU-access problem, by class: a permission problem on a device that is not the GPU (a
USB camera, GPIO, I2C, a serial port), a check whose tool is not installed, and a PC named only by signs a Jetson can
show too (the desktop driver's module options, VDPAU, /dev/nvidia* nodes, which Thor has). Each case is a synthetic
paste written for this test: the reading is not the render-group problem, names no cause the paste does not
establish, and a reply about no Jetson's GPU says nothing of JetPack or the Tegra nodes.
"""

from __future__ import annotations

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36, PC, read_cause, tegra_talk
from jetson_gpu_access.explain import PERMISSION_CAUSES, explain, find_failure, render_text
from jetson_gpu_access.textfacts import ARM64_KINDS, read

# ---- a device that is not the GPU ----


@pytest.mark.parametrize("text", [
    "PermissionError: [Errno 13] Permission denied: '/dev/video0'",
    "open /dev/ttyUSB0 failed: Permission denied (the lidar works with sudo)",
    "Error: could not open /dev/i2c-1: Permission denied",
    "failed to open /dev/gpiochip0: Permission denied",
    "the realsense-viewer shows No Frames Received unless I start it with sudo",
    "Do I need the udev rules (99-gpio.rules) to use GPIO as a non-root user in docker?",
    "usb camera not detected in the container as a non-root user",
    "The QNN model offloads to the Hexagon DSP through FastRPC, which fails for regular users and works only with sudo",
    "raspivid needs root permission to open the camera",
])
@pytest.mark.parametrize("system", ["", JETSON_36 + "\n", "Model: NVIDIA Jetson Orin Nano Developer Kit\n"])
def test_a_device_that_is_not_the_gpu_is_not_gpu_access(text: str, system: str) -> None:
    result = read_cause(system + text)
    assert result.cause.id == "not-gpu-access", result.cause
    said = [word for word in tegra_talk(result) if word != "jetpack" or not system]  # a shown release is named
    assert result.question is None and said == [], said


def test_a_device_that_is_not_the_gpu_yields_to_a_gpu_error_beside_it() -> None:
    text = JETSON_36 + "\nfailed to open /dev/video0: Permission denied\nRuntimeError: CUDA error: operation not supported"
    assert read_cause(text).cause.id == "render-node-denied"


@pytest.mark.parametrize("text", [
    "docker run --runtime nvidia --device /dev/video0 --device /dev/bus/usb app",  # a launch passes it: no failure
    JETSON_35 + "\nthe camera pipeline (nvarguscamerasrc) works as root, but as a new user it fails",  # CSI: Tegra nodes
    # a user's groups, as id, groups and getent print them: group names, not a device that failed
    "uid=1000(nano) gid=1000(nano) groups=1000(nano),4(adm),27(sudo),44(video),104(render),116(i2c),138(gpio)",
    "seeed : seeed adm cdrom sudo audio dip video plugdev render i2c lpadmin gdm weston-launch gpio",
    "nano adm cdrom sudo audio dip video plugdev i2c gpio",
    # the same, with the next command below it: a veto is read on the line the match is on
    "nvidia adm cdrom sudo audio dip video plugdev render i2c lpadmin gdm sambashare weston-launch gpio docker\n"
    "nvidia@orin-nano:~$ docker run --rm --runtime nvidia -u appuser my/app:latest python3 /app/main.py",
    "i2c:x:116:nano,root",
])
def test_a_device_named_without_a_failure_or_a_csi_camera_is_not_read_as_another_device(text: str) -> None:
    assert "other-device" not in [m.id for m in explain(text).matches]


@pytest.mark.parametrize("text", [
    "Orin Nano devkit, JetPack 6.0. With sudo the script runs, but as my normal user I get permission denied when it "
    "drives the\nGPIO pins through Jetson.GPIO (pin 12 as output).",
    "Xavier AGX, JetPack 5.1.2. Our startup service fails as a non-root user but works as root, it dies when it sets "
    "the\nFan to max with jetson_clocks --fan:",
])
def test_a_sentence_hard_wrapped_onto_the_next_line_keeps_its_veto(text: str) -> None:
    """The device or work the denial is of (GPIO pins, the fan) is named on the next line of the same sentence."""
    assert read_cause(text).cause.id == "not-gpu-access"


# ---- a tool that is not installed ----


@pytest.mark.parametrize("line", [
    "/bin/bash: line 1: nvidia-smi: command not found",
    "Error: GPU check failed: nvidia-smi (status 127)",
    "sh: 1: tegrastats: command not found",
])
def test_a_tool_that_is_not_installed_is_not_gpu_access_and_names_no_system(line: str) -> None:
    assert read(line).observed.x86 == ()
    result = read_cause(line)
    assert result.cause.id == "not-gpu-access" and not result.cause.assumption, result.cause


# ---- signs of a PC a Jetson can show too ----


@pytest.mark.parametrize("text", [
    "options nvidia NVreg_DeviceFileGID=481 NVreg_DeviceFileMode=0660\na regular user cannot access the nvidia devices, "
    "root can",
    "When I change the node to 0660 root:video, I get permission denied when using vdpauinfo",
    "crw-rw---- 1 root root 487, 0 Aug 21 15:07 /dev/nvidia-uvm\nthe user cannot open the GPU, root can",
])
def test_a_pc_named_only_by_signs_a_jetson_shares_is_assumed_and_told_no_tegra_node(text: str) -> None:
    result = read_cause(text)
    assert result.cause.id != "x86-discrete-gpu" or result.cause.assumption, result.cause
    if result.cause.assumed_system == "pc":
        assert tegra_talk(result) == [], tegra_talk(result)


@pytest.mark.parametrize("text", [
    "| NVIDIA-SMI 535.183.01   Driver Version: 535.183.01   CUDA Version: 12.2 |\nCUDA error = 999 unknown error",
    "nvidia-docker | Error: nvml: Insufficient Permissions\n|   0  Tesla K80   On   | 0000:04:00.0 Off |",
    "- path: /dev/nvidiactl\n>>> torch.cuda.is_available()\nFalse",
])
def test_a_pc_s_reply_says_nothing_of_jetpack_or_tegra_nodes(text: str) -> None:
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and tegra_talk(result) == [], (result.cause, tegra_talk(result))


@pytest.mark.parametrize("line", [
    "RuntimeError: NvEncoder : m_nvenc.nvEncOpenEncodeSessionEx(&encodeSessionExParams, &hEncoder) returned error 2",
    "[h264_nvenc @ 0x5581] Cannot load libnvidia-encode.so.1\n[h264_nvenc @ 0x5581] The minimum required Nvidia driver "
    "for nvenc is 418.30 or newer",
])
def test_the_desktop_video_codec_api_is_a_pc_s_sign_a_jetson_outranks(line: str) -> None:
    """NVENC's and NVDEC's API (the Video Codec SDK, ffmpeg's *_nvenc and *_cuvid) is a desktop driver's; JetPack's
    encoders are reached through V4L2 and the Multimedia API: alone it leans to a PC, beside a Jetson it is that."""
    assert [s.kind for s in read(line).observed.x86] == ["PC software"]
    assert read_cause(line).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_36 + "\n" + line).cause.id != "x86-discrete-gpu"
    # ffmpeg's list of the encoders its build holds names no machine
    assert read(" V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)").observed.x86 == ()


@pytest.mark.parametrize("line", ["this fixes the CDI file of JP7 for /dev/dri/card1", "on JP6.1 the sample fails"])
def test_jetpack_s_short_name_is_a_sign_of_a_jetson(line: str) -> None:
    assert read(line).observed.jetson


# ---- a denial that names no file, beside the GPU named elsewhere ----


@pytest.mark.parametrize("text", [
    'radeontop v1.4\n#0 DevicePath { render: "/dev/dri/renderD128" }\nError: Permission denied (os error 13)',
    "Driver Version: 550.54.14\nDevice name: NVIDIA GeForce RTX 4090\nset fan speed: Insufficient Permissions",
    "intel_gpu_top: failed: Permission denied",
])
def test_a_denial_naming_no_file_beside_a_pc_s_gpu_is_that_gpu_s(text: str) -> None:
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_denial_naming_another_file_stays_another_file_s() -> None:
    text = "Driver Version: 550.54.14\nPermissionError: [Errno 13] Permission denied: '/home/app/.cache/model.bin'"
    assert read_cause(text).cause.id == "not-gpu-access"


# ---- arm64 servers with NVIDIA's server GPUs, and the desktop driver said in words ----


@pytest.mark.parametrize("line", [
    "cuInit(0) segfaults inside the sandbox on our DGX Spark",
    "GB300 node, aarch64, driver 580, CDI spec generated by nvidia-ctk",
    "Grace Hopper (GH200) system, Ubuntu 22.04 aarch64",
    "Environment: Ubuntu 24.04, rootless Podman, NVIDIA driver 525+",
    "nvidia 390.30 installed on both host and container",
    "Nodes 1 - 4 have Nvidia drivers (384) and nvidia docker 2 installed.",
    "image: nvcr.io/nvidia/pytorch:24.05-py3 on linux-sbsa",
])
def test_an_arm64_server_or_a_desktop_driver_is_no_jetson(line: str) -> None:
    observed = read(line).observed
    assert observed.x86 and not [s for s in observed.jetson if s.kind not in ("Tegra-only name",) + ARM64_KINDS], observed
    result = read_cause(line + "\nRuntimeError: CUDA error: initialization error")
    assert result.cause.id == "x86-discrete-gpu" and not result.cause.assumption, result.cause
    assert tegra_talk(result) == [], tegra_talk(result)


def test_jetpack_6_s_own_driver_number_names_no_pc() -> None:
    assert not read("NVIDIA driver 540.4.0 (JetPack 6.2)").observed.x86
    assert not read("nvidia 540.4.0 from the L4T repository").observed.x86


# ---- a Jetson container started without the NVIDIA runtime ----


@pytest.mark.parametrize("launch", ["docker run --gpus=all --rm -it app:r32 /bin/bash", "docker run --rm -it app:r32"])
def test_a_cuda_library_missing_in_a_jetson_4_container_without_the_runtime_is_the_runtime(launch: str) -> None:
    text = "\n".join([JETSON_32, launch, "ImportError: libcublas.so.10: cannot open shared object file: No such file or "
                      "directory"])
    assert read_cause(text).cause.id == "nodes-missing-in-container"


def test_the_same_library_missing_beside_the_runtime_is_the_software() -> None:
    text = "\n".join([JETSON_32, "docker run --runtime nvidia --rm -it app:r32", "ImportError: libcublas.so.10: cannot "
                      "open shared object file: No such file or directory"])
    assert "started without the GPU" not in read_cause(text).cause.why.text


# ---- a Tegra under mainline Linux, a runtime not set, a tool said to be missing from PATH ----


@pytest.mark.parametrize("text", [
    "cuCtxCreate failed: res = 999\n#0  0xb6ead73c in nouveau_bo_new () from /usr/lib/arm-linux-gnueabihf/libdrm_nouveau.so.2",
    "vdpauinfo: permission denied (libvdpau-tegra on a Tegra 3 tablet)",
    "xf86-video-opentegra: failed to open /dev/dri/card0",
])
def test_a_tegra_under_mainline_linux_is_not_l4t(text: str) -> None:
    result = read_cause(text)
    assert result.cause.id == "not-gpu-access" and not read(text).observed.x86, result.cause


def test_nouveau_on_a_pc_is_still_a_pc() -> None:
    assert read("nouveau 0000:01:00.0: DRM: VRAM: 8192 MiB (x86_64)").observed.x86


@pytest.mark.parametrize("line", ["Default docker runtime is not nvidia!, please set default-runtime",
                                  "the default runtime isn't nvidia, so the build gets no GPU"])
def test_a_default_runtime_that_is_not_nvidia_leaves_the_gpu_out(line: str) -> None:
    assert read_cause(JETSON_36 + "\n" + line).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("line", ["Could not get compute cap: `nvidia-smi` failed. Ensure that nvidia-smi is in your PATH.",
                                  "which: no nvidia-smi in (/usr/local/sbin:/usr/local/bin:/usr/bin)"])
def test_a_tool_said_to_be_missing_from_path_is_not_gpu_access(line: str) -> None:
    result = read_cause(line)
    assert result.cause.id == "not-gpu-access" and not result.cause.assumption, result.cause


# ---- the profiler's counters, and an image's own account setup ----


@pytest.mark.parametrize("line", [
    "==ERROR== ERR_NVGPUCTRPERM - The user does not have permission to access NVIDIA GPU Performance Counters",
    "CUPTI_ERROR_INSUFFICIENT_PRIVILEGES while profiling the kernel",
])
@pytest.mark.parametrize(("system", "cause"), [("", "x86-discrete-gpu"), (JETSON_36 + "\n", "not-gpu-access")])
def test_the_profiler_s_counters_are_a_privilege_of_their_own(line: str, system: str, cause: str) -> None:
    """No group grants the counters: a PC's driver keeps them to admins by its own option (assumed where the paste
    shows no system, as most such reports are a PC's); on a Jetson, profiling needs root and is no GPU access."""
    result = read_cause(system + line)
    assert result.cause.id == cause and bool(result.cause.assumption) == (not system), result.cause


@pytest.mark.parametrize("line", ["useradd: UID 0 is not unique", "groupadd: GID '1000' already exists",
                                  "useradd: user 'admin' already exists"])
def test_an_image_s_account_setup_failing_is_not_gpu_access(line: str) -> None:
    assert read_cause(JETSON_35 + "\n" + line).cause.id == "not-gpu-access"


def test_an_image_without_the_gpu_s_group_is_still_the_group_s_problem() -> None:
    assert read_cause(JETSON_36 + "\nusermod: group 'render' does not exist").cause.id == "render-node-denied"


# ---- a build for another CUDA said in words; a permission error in a container is no missing node ----


@pytest.mark.parametrize("line", ["there is currently no CUDA 11 version of the basecaller for ARM64 devices",
                                  "the wheel was built against CUDA 10.2, but the board only has CUDA 12.2"])
def test_a_build_for_another_cuda_said_in_words_is_the_software(line: str) -> None:
    text = "Model: NVIDIA Jetson AGX Orin Developer Kit\n" + line
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_a_gpu_permission_error_in_a_container_is_not_read_as_nodes_missing() -> None:
    text = "Model: NVIDIA Jetson AGX Orin Developer Kit\nCUDA permission errors in the GPU containers for the app user"
    assert "started without the GPU" not in read_cause(text).cause.why.text


@pytest.mark.parametrize("line", [
    "the supervisor rebuilt the account's supplementary groups with initgroups(), discarding the device GIDs from Docker",
    "setgroups() in the entrypoint drops the GIDs the runtime added",
])
def test_groups_rebuilt_by_initgroups_said_in_words_are_groups_lost(line: str) -> None:
    assert read_cause("Model: NVIDIA Jetson AGX Orin Developer Kit\n" + line).cause.id == "login-drops-runtime-groups"


# ---- the driver's tools missing inside a container ----

@pytest.mark.parametrize("launch", ["$ docker run -it --rm myorg/trainer:cuda11.8\nroot@3f2a9c1b7d4e:/# ",
                                    "$ docker run --rm myorg/trainer:cuda11.8 "])
def test_nvidia_smi_missing_in_a_container_started_without_the_gpu_is_the_gpu_not_injected(launch: str) -> None:
    """The runtime brings nvidia-smi from the host's driver into a container given the GPU (--gpus)."""
    for system in (PC + "\n", ""):  # nvidia-smi run as a command is itself a (weak) sign of a PC
        result = read_cause(system + launch + "nvidia-smi\nbash: nvidia-smi: command not found")
        assert result.cause.id == "x86-discrete-gpu" and "started without the GPU" in result.cause.why.text, result.cause
        assert "nodes-missing-in-container" in result.cause.also_possible


def test_nvidia_smi_missing_in_a_container_given_the_gpu_is_not_the_injection() -> None:
    text = PC + "\n$ docker run --gpus all --rm myorg/trainer:cuda11.8 nvidia-smi\nbash: nvidia-smi: command not found"
    assert "started without the GPU" not in read_cause(text).cause.why.text



@pytest.mark.parametrize("words", ["After the kernel upgrade the plex LXC no longer gets the GPU.",
                                   "The Incus instance used to see the card."])
def test_a_system_container_is_a_container(words: str) -> None:
    """LXC, LXD and Incus run system containers: a GPU tool missing there is one the container did not get."""
    result = read_cause(PC + "\n" + words + "\nroot@plex:~# nvidia-smi\n-bash: nvidia-smi: command not found")
    assert result.cause.id == "x86-discrete-gpu" and "did not get it" in result.cause.why.text, result.cause


def test_nvml_missing_on_a_pc_is_its_driver_and_no_jetpack_s() -> None:
    result = read_cause(PC + "\npynvml.NVMLError_LibraryNotFound: NVML Shared Library Not Found")
    assert result.cause.id == "x86-discrete-gpu" and "JetPack" not in result.cause.why.text, result.cause

@pytest.mark.parametrize("line", ["type `nvidia-smi` in the container, but: command not found",
                                  "nvidia-smi -> command not found inside the container"])
def test_a_tool_said_not_found_in_any_words_is_a_missing_tool(line: str) -> None:
    result = read_cause(PC + "\n$ docker run -it --rm myorg/trainer:cuda11.8\n" + line)
    assert "tool-not-found" in [m.id for m in result.matches]
    assert "started without the GPU" in result.cause.why.text, result.cause


@pytest.mark.parametrize("text", [
    "$ docker exec -it trainer nvidia-smi\nFailed to initialize NVML: Unknown Error",
    "nvidia-smi in the pod worked for two days, now: Failed to initialize NVML: Unknown Error (after systemctl daemon-reload)",
])
def test_nvml_s_unknown_error_is_a_container_that_lost_its_gpu_not_a_driver_mismatch(text: str) -> None:
    result = read_cause(text)
    assert [m.id for m in result.matches if m.id.startswith("nvml")] == ["nvml-unknown"]
    assert result.cause.id == "x86-discrete-gpu" and "lost" in result.cause.why.text and not tegra_talk(result)


# ---- the GPU's memory, not its nodes ----

@pytest.mark.parametrize("line", ["NvMapMemAllocInternalTagged: 1075072515 error 12",
                                  "the model failed in NvMapMemAllocInternalTagged after hours of runs",
                                  "nvmap_alloc_handle: PID 4711: allocation of 536870912 bytes failed"])
def test_an_nvmap_allocation_that_fails_is_memory_not_a_denied_node(line: str) -> None:
    result = read_cause(JETSON_36 + "\n" + line)
    assert "out-of-memory" in [m.id for m in result.matches] and result.cause.id == "not-gpu-access", result.cause


def test_an_nvmap_allocation_failure_beside_a_denied_nvmap_is_still_the_denial() -> None:
    text = JETSON_36 + "\nNvRmMemInitNvmap failed with Permission denied\nNvMapMemAllocInternalTagged: 1075072515 error 12"
    assert read_cause(text).cause.id == "tegra-nodes-denied"


# ---- a PC named by its graphics or driver files ----

@pytest.mark.parametrize("driver", ["i965", "iris", "radeonsi"])
def test_mesa_failing_to_load_a_pc_s_gpu_driver_is_a_pc(driver: str) -> None:
    text = "libGL error: failed to open drm device: Permission denied\nlibGL error: failed to load driver: " + driver
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and not tegra_talk(result), result.cause


def test_a_libcuda_named_by_a_desktop_driver_s_version_leans_to_a_pc() -> None:
    text = ('msg="Unable to load nvcuda" library=/usr/lib64/libcuda.so.535.104.05 error="symbol lookup for '
            'cuCtxCreate_v3 failed: /usr/lib64/libcuda.so.535.104.05: undefined symbol: cuCtxCreate_v3"')
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and result.cause.assumed_system == "pc", result.cause


# ---- the render group by name, on any system ----

RENDER_BY_NAME = "docker: Error response from daemon: Unable to find group render: no matching entries in group file."


def test_the_render_group_missing_by_name_is_the_pc_s_own_problem_on_a_pc() -> None:
    result = read_cause("Radeon RX 7900 XTX, ROCm 6.2\n" + RENDER_BY_NAME)
    assert result.cause.id == "x86-discrete-gpu" and not tegra_talk(result), result.cause


def test_the_render_group_missing_by_name_asks_about_the_render_node_only() -> None:
    """With no system shown it is read on a Jetson, said as assumed; Tegra's memory node is no reading still open."""
    result = read_cause(RENDER_BY_NAME)
    assert (result.cause.id, result.cause.assumed_system, result.cause.otherwise) == (
        "render-node-denied", "jetson", "x86-discrete-gpu")
    assert result.question is not None and "/dev/dri/renderD*" in result.question.command
    assert tegra_talk(result) == [], tegra_talk(result)


@pytest.mark.parametrize("line", ["CUDA failure 100: no CUDA-capable device is detected ; GPU=-1",
                                  "cudaGetDeviceCount(): Error 304: OS call failed or operation not supported on this OS",
                                  "nvidia-container-cli: initialization error: cuda error: unknown error"])
def test_a_reading_on_an_assumed_pc_names_no_jetson_node(line: str) -> None:
    result = read_cause(line)
    assert result.cause.assumed_system == "pc" and tegra_talk(result) == [], (result.cause, tegra_talk(result))


@pytest.mark.parametrize("line", ["I'm running the example on Google Colab",
                                  "the same notebook fails in a Kaggle notebook"])
def test_a_cloud_notebook_is_a_pc(line: str) -> None:
    text = line + "\nFailed to create CUDAExecutionProvider. Please reference the requirements page"
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and not result.cause.assumption and tegra_talk(result) == [], result.cause


# ---- other accelerators, cloud GPU instances, a PC's launch findings, a paste that shows nothing failing ----

@pytest.mark.parametrize("text", [
    "I tflite/edgetpu_context_direct.cc:401] Failed to open device [Apex (USB)] at [/sys/bus/usb/devices/2-3]: "
    "Permission denied: USB error -3 [OpenDevice]",
    "services:\n  viseron:\n    devices:\n      - /dev/hailo0:/dev/hailo0\n    privileged: true\n"
    "[HailoRT] [error] CHECK failed - Driver version (4.20.0) is different from library version (4.22.0)",
])
def test_another_accelerator_s_failure_is_no_gpu_access_and_asks_for_no_nvidia_runtime(text: str) -> None:
    result = read_cause(text)
    assert result.cause.id == "not-gpu-access" and tegra_talk(result) == [], (result.cause, tegra_talk(result))
    assert not [f for f in result.audit if f.id == "no-gpu-nodes"]


def test_a_pc_s_launch_findings_name_its_render_node_not_a_tegra_node() -> None:
    text = ("Intel Arc A770, Ubuntu 24.04\ndocker run --rm --device /dev/dri --group-add video myorg/transcode:1\n"
            "VAAPI device /dev/dri/renderD128 is not accessible (permission denied)")
    result = read_cause(text)
    assert [f for f in result.audit if f.id == "group-add-video-name"] and tegra_talk(result) == [], tegra_talk(result)


def test_a_paste_that_shows_nothing_failing_asks_what_fails() -> None:
    result = read_cause("Is the Raspberry Pi wheel a CPU-only build or a CUDA one? We have a Jetson Nano too.")
    assert result.cause.id == "unknown" and result.question is not None and "fails" in result.question.ask, result
    assert "no error" not in result.question.ask, result.question  # it asks; it does not say what the paste lacks
    assert tegra_talk(result) == [], tegra_talk(result)



@pytest.mark.parametrize("text", [
    "CUDA error at render.cpp:144 code=101(cudaErrorInvalidDevice)\nthe error came from the GPU indices on multiple GPUs "
    "on my server",
    "status:\n  allocatable:\n    nvidia.com/gpu: \"0\"\n  capacity:\n    nvidia.com/gpu: \"16\"",
    "We train on a multi-GPU box: 4 GPUs, and CUDA error: invalid device ordinal",
])
def test_more_than_one_gpu_in_one_machine_is_a_pc(text: str) -> None:
    """A Jetson has one GPU, integrated: a machine said or counted to have several is a PC."""
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and result.cause.assumed_system == "", result.cause
    assert tegra_talk(result) == []


def test_one_gpu_on_a_jetson_beside_several_named_elsewhere_stays_a_jetson() -> None:
    """The words name a PC only where no sign of the Jetson's hardware stands beside them."""
    text = JETSON_36 + "\nModel: NVIDIA Jetson AGX Orin\nit works on our 8 GPUs server\ncuInit failed with error 801"
    assert read_cause(text).cause.id == "render-node-denied"


@pytest.mark.parametrize("text, oom", [
    ("$ free -h\nMem: 7.3Gi 544Mi 6.1Gi\n$ python3 benchmark.py --model 7b\nStill got killed.", True),
    ("the python process keeps getting killed while the model loads", True),
    ("the process was not killed, it hangs on cudaMalloc", False),
    ("the container got killed by signal 11 (SIGSEGV)", False),
])
def test_a_process_said_to_be_killed_is_memory(text: str, oom: bool) -> None:
    """A process killed with no signal named is the kernel's OOM killer; a signal named, or a kill denied, is not."""
    assert ("out-of-memory" in [m.id for m in explain(JETSON_35 + "\n" + text).matches]) is oom


@pytest.mark.parametrize("text", [
    "podman run -it --rm docker.io/pytorch/pytorch:1.6.0-cuda10.1-cudnn7-devel /bin/bash\n>>> torch.cuda.is_available()\nFalse",
    "I have set up the CUDA driver and the container tools with my 3050. Frigate fails: libcuda.so.1: cannot open shared "
    "object file",
])
def test_a_pc_only_image_or_a_geforce_by_number_is_a_pc(text: str) -> None:
    """PyTorch's images on Docker Hub are built for amd64 only, and a GeForce named by its number is a PC's card."""
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and not result.cause.assumption and tegra_talk(result) == [], result.cause


def test_a_pc_only_image_that_cannot_run_here_names_no_pc() -> None:
    text = "$ docker run pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime python\nexec /opt/conda/bin/python: exec format error"
    assert all("pytorch/pytorch" not in s.value for s in read(text).observed.x86)


def test_a_laptop_s_switch_between_its_gpus_is_a_pc() -> None:
    """Optimus, Bumblebee's optirun and a "secondary GPU" are a laptop's Intel and NVIDIA pair: no Jetson has two GPUs."""
    text = ("$ optirun glxspheres64\n[ERROR]Cannot access secondary GPU - error: [XORG] (EE) [drm] failed to set drm "
            "interface version: Permission denied [13].")
    result = read_cause(text)
    assert result.cause.id == "x86-discrete-gpu" and not result.cause.assumption and tegra_talk(result) == [], result.cause


@pytest.mark.parametrize("runs, release, behind", [("12.2", "13.0", True), ("12.2", "12.4", False), ("12.2", "12.2", False),
                                                   ("12.2", "11.8", False), ("10.1", "10.2", True), ("10.2", "10.2", False)])
def test_a_toolkit_newer_than_its_driver_is_cuda_s_insufficient_driver(runs: str, release: str, behind: bool) -> None:
    """nvidia-smi names the newest CUDA its driver runs; an nvcc of a later release builds what that driver cannot run,
    but from CUDA 11 only a later major (a later minor release runs on it: minor version compatibility)."""
    text = ("| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: {0}     |\n$ nvcc --version\n"
            "Cuda compilation tools, release {1}, V{1}.99\nTypeError: pybind11::init(): factory function returned nullptr"
            ).format(runs, release)
    result = explain(text)
    assert ("cuda-35" in [m.id for m in result.matches]) is behind
    assert result.cause.id == "x86-discrete-gpu" or not behind


def test_the_jetson_s_own_accelerator_called_an_npu_is_its_gpu_stack() -> None:
    """The DLA's nodes and group are the GPU's (/dev/nvhost-nvdla*, video); users call it an NPU."""
    text = ("On my Orin, running trtexec --useDLACore=0 (the NPU) as a normal user fails with permission denied, it works "
            "with sudo.")
    assert read_cause(text).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize("text, oom", [
    ("the python process got killed while loading the model", True),
    ("I pressed Ctrl+C and the container got killed", False),
    ("after docker stop the container was killed", False),
])
def test_a_process_killed_by_a_person_is_no_memory(text: str, oom: bool) -> None:
    assert ("out-of-memory" in [m.id for m in explain(text).matches]) is oom


def test_a_pc_sign_names_the_card_or_the_count_alone() -> None:
    assert [s.value for s in read("I set up CUDA with my 3070ti; it fails").observed.x86] == ["3070ti"]
    assert [s.value for s in read('capacity:\n  nvidia.com/gpu: "16"').observed.x86] == ['nvidia.com/gpu: "16"']


def test_a_long_sentence_keeps_the_gpu_it_names_before_its_denial() -> None:
    """Patterns see a key's line up to LINE_SPAN characters either side, and a guard that reads "this line names no
    GPU" reads from the line's start: a denial at the end of a long sentence that named /dev/nvmap is the GPU's."""
    text = ("CUDA fails to open /dev/nvmap for my user in the container. " + "I rebuilt the image again. " * 20
            + "It says: Permission denied")
    assert len(text) > 600 and read_cause(text).cause.id == "tegra-nodes-denied"


@pytest.mark.parametrize("text", [
    "torch.cuda.is_available() is False as my user; as root the lidar works",
    "As a regular user the GPU check fails, but with sudo the Hailo NPU works",
])
def test_root_working_for_another_device_is_no_gpu_contrast(text: str) -> None:
    """The sentence readers take other work than the GPU's from the same words as the families' vetoes."""
    assert "denial-words" not in [m.id for m in explain(text).matches]


# ---- the board, a camera's library, a monitoring query, an engine made elsewhere ----

@pytest.mark.parametrize("text", [
    "ERROR: Flash Jetson Nano - flash: Board ID(3448) version(400)\nERROR: Flash Jetson Nano - flash: Failed flashing t210ref.",
    "$ sudo ./flash.sh jetson-tx2-devkit mmcblk0p1\n[ 0.0208 ] Reading Board Information Failed",
    "$ sudo ./tools/kernel_flash/l4t_initrd_flash.sh jetson-orin-nano-devkit internal\nFlash failure",
    "E> eeprom: Failed to read I2C slave device",
    "/chkbdinfo cboot.bin\nERROR: calculated CRC8 0x3c != stored CRC8 0x11",
    "==> /sys/firmware/efi/esrt/entries/entry0/last_attempt_status <==\n6163",
    "libnvargus.so reports a CSI error, then waitForIdle() never returns and the CaptureSession cannot be deleted",
    "Jetson Thor, JetPack 7.0: the quantize script stops with NVML_ERROR_NOT_SUPPORTED when it asks pynvml for the "
    "GPU's utilisation",
])
def test_the_board_a_camera_or_a_monitoring_query_failing_is_not_gpu_access(text: str) -> None:
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_program_named_for_a_camera_that_misses_a_gpu_library_is_the_software() -> None:
    text = (JETSON_36 + "\n./imagenet-camera: error while loading shared libraries: libnvinfer.so.8: cannot open shared "
            "object file: No such file or directory")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize(("system", "loads", "cause"), [(JETSON_35, "7.2", "jetson-software-mismatch"),
                                                     (PC, "8.6", "x86-discrete-gpu")])
def test_an_engine_built_on_another_gpu_is_rebuilt_where_it_runs(system: str, loads: str, cause: str) -> None:
    """On a Jetson the engine is the release's and the module's; on a PC one built for another compute capability has
    no kernels for the card, which this file reads as the PC's CUDA software (as a build without its architecture).
    TensorRT names the loading card's compute capability first."""
    text = (system + "\ntrt_infer: 6: The engine plan file is generated on an incompatible device, expecting compute "
            + loads + " got compute 8.7, please rebuild.\ntrt_infer: 4: [runtime.cpp::deserializeCudaEngine::65] Error "
            "Code 4: Internal Error (Engine deserialization failed.)")
    assert read_cause(text).cause.id == cause


# ---- software that does not fit: a server's cuBLAS, an older NumPy, a build, a file made for another machine ----

CUBLAS_ALLOC = ("Error: llama runner process has terminated: CUDA error: the resource allocation failed\n"
                "  current device: 0, in function cublas_handle at ggml/src/ggml-cuda/common.cuh:644\n"
                "  cublasCreate_v2(&cublas_handles[device])\n")


@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_36 + "\n" + CUBLAS_ALLOC, "jetson-software-mismatch"),
    (JETSON_35 + "\nAttributeError: module 'numpy' has no attribute 'bool'.", "jetson-software-mismatch"),
    (PC + "\nAttributeError: module 'numpy' has no attribute 'bool'.", "not-gpu-access"),
    (JETSON_36 + "\nUserWarning: /home/me/miniconda3/envs/llm did not contain ['libcudart.so', 'libcudart.so.11.0', "
     "'libcudart.so.12.0'] as expected! Searching further paths...", "jetson-software-mismatch"),
    (JETSON_35 + '\n/tmp/llama.cpp/ggml/src/ggml-cuda/../ggml-impl.h(314): error: identifier "__fp16" is undefined',
     "not-gpu-access"),
    (JETSON_32 + '\nit returns "src/cpp/cuda.hpp:14:10: fatal error: cuda.h: No such file or directory" when I install '
     "the library", "not-gpu-access"),
])
def test_software_that_does_not_fit_is_read_as_software(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_a_run_time_error_that_names_a_header_is_no_build_error() -> None:
    """OpenCV reports a CUDA call's failure with the header's line, and no column: the program ran."""
    text = (JETSON_32 + "\nwhat():  /home/nvidia/opencv/modules/core/include/opencv2/core/cuda/common.hpp:102: error: "
            "(-217) invalid argument in function bindTexture")
    assert "build-error" not in [m.id for m in explain(text).matches]


def test_file_s_answer_names_the_file_s_machine_not_this_one() -> None:
    text = ("$ file plugin_libraries/*\nlibnvds_dewarper.so:    ELF 64-bit LSB shared object, x86-64, version 1 (SYSV), "
            "dynamically linked, stripped\n")
    assert read(text).observed.x86 == ()


@pytest.mark.parametrize("library_line", [
    "./detect: error: libnvinfer.so.8 not found",
    "Could not load library libcudnn_cnn_infer.so.8. Error: libcudnn_cnn_infer.so.8: cannot open",
    "camera viewer: failed: libEGL_nvidia.so.0: not found",
    "nvarguscamerasrc: symbol lookup error: /usr/lib/aarch64-linux-gnu/tegra/libnvargus.so: undefined symbol: "
    "NvBufferTransform_Async",
])
def test_a_camera_failing_beside_a_gpu_library_that_does_not_load_is_the_software(library_line: str) -> None:
    """A camera program that also lacks a GPU library (or Argus's own, of another release) lacks the libraries."""
    text = JETSON_32 + "\n(Argus) Error Timeout: Failed to create CaptureSession\n" + library_line
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "Jan 08 01:49:37 orin-build dcgm-exporter[1]: Failed to watch metric: NVML_ERROR_NOT_SUPPORTED\n"
    "Tesla T4 | Driver Version: 535.104.05",
    JETSON_36 + "\n$ cat /sys/firmware/efi/esrt/entries/entry0/last_attempt_status\n0\n"
    "$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse",
    JETSON_36 + "\nflash failure count: 0\n$ python3 -c 'import torch; print(torch.cuda.is_available())'\nFalse",
    JETSON_36 + "\nE> eeprom: Failed to read I2C slave device\n$ python3 -c 'import torch; "
    "print(torch.cuda.is_available())'\nFalse",
])
def test_a_host_named_like_a_module_or_a_board_that_booted_is_no_such_sign(text: str) -> None:
    """A host called orin-build, an update whose status is 0, a zero count and a carrier without an EEPROM name no
    integrated GPU's missing query and no board that does not start."""
    assert not {"smi-memory-unreported", "board-not-booting"} & {m.id for m in explain(text).matches}


# ---- a node a program cannot find, a camera's own engines, the board's bring-up, what fails without a failure ----

@pytest.mark.parametrize(("line", "path"), [
    ("[component_container-1] [ERROR] (NvV4l2Element.cpp:63) <enc0> Could not open device '/dev/nvhost-msenc': No such "
     "file or directory", "/dev/nvhost-msenc"),
    ("level=error msg=\"open /dev/nvgpu/igpu0/ctrl: no such file or directory\"", "/dev/nvgpu/igpu0/ctrl"),
])
def test_a_node_a_program_cannot_find_is_absent_never_denied(line: str, path: str) -> None:
    text = JETSON_35 + "\n" + line
    assert [a.value for a in read(text).observed.absent] == [path]
    assert read_cause(text).cause.id not in ("tegra-nodes-denied", "render-node-denied", "login-drops-runtime-groups")


@pytest.mark.parametrize("text", [
    "[   13.289141] tegra186-cam-rtcpu bc00000.rtcpu: command: 0x00000000: response timeout\n"
    "[   13.289306] tegra186-cam-rtcpu bc00000.rtcpu: rce full reset, retry 1/2",
    "[    6.693859]  bc00000.rtcpu:hsp-vm1: request 0x40b85d43: response timeout",
    "The driver probes and binds. However, I never receive frames. The VI times out repeatedly, and RTCPU tracing shows "
    "PHY_INTR on phy:0 cil:0.",
    "[   10.9413 ] 0000000000000102: E> NONE: Invalid value MemBct dram size: 0MB for slot: 2.",
    "Starting bootloader post-install procedure.\nERROR. Procedure for bootloader update FAILED.\n"
    "dpkg: error processing package nvidia-l4t-bootloader (--configure):",
    "[rectify_node]: Error while rectifying image: rectify_node.cpp:305: VPI_ERROR_OUT_OF_MEMORY: Not enough space for "
    "resource allocation",
    "CMake Error at /usr/share/cmake-3.10/Modules/FindPackageHandleStandardArgs.cmake:137 (message):\n"
    "  Could NOT find NVML (missing: NVML_LIBRARIES) (found version \"10\")\n-- Configuring incomplete, errors occurred!",
])
def test_a_camera_engine_the_board_s_bring_up_memory_or_a_build_failing_is_not_gpu_access(text: str) -> None:
    assert read_cause(JETSON_35 + "\n" + text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("text", [
    "I built a network for DLA 0 without the flag GPUFallback. The building doesn't show any errors.",
    "The engine builds without errors and with no failures; the profiler shows GPU kernels during the DLA run.",
    "The building doesn\u2019t show any errors.",  # a forum's apostrophe
])
def test_errors_said_not_to_happen_are_no_failure(text: str) -> None:
    assert find_failure(text) is None


@pytest.mark.parametrize("text", [
    "The container exits immediately without any error message.",
    "Over ssh user@localhost it is executed correctly without the error.",  # the error happens otherwise
    "The GPU doesn\u2019t work in the container.",
])
def test_a_failure_beside_an_error_said_not_to_happen_is_still_a_failure(text: str) -> None:
    assert find_failure(text) is not None


@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_35 + "\nCUDAError: cuModuleLoadData(&(module_[device_id]), data_.c_str()) failed with error: "
     "CUDA_ERROR_INVALID_IMAGE", "jetson-software-mismatch"),
    (JETSON_36 + "\nterminate called after throwing an instance of 'std::runtime_error'\n  what():  gauss_filter.cu:245\n"
     "    cudaMemcpyToSymbol failed for Gauss kernel initialization: invalid device symbol", "jetson-software-mismatch"),
    (JETSON_32 + "\nRuntimeError: CUDA error: invalid device function", "jetson-software-mismatch"),
    (JETSON_36 + "\ncudaErrorInvalidKernelImage: device kernel image is invalid", "jetson-software-mismatch"),
    (JETSON_36 + "\nYour current NVIDIA GPU driver version is not supported. Required: driver version >= 580 (CUDA >= 13.0) "
     "Detected: 540.4.0 (CUDA 12.6)", "jetson-software-mismatch"),
    ("NVRM: API mismatch: the client has the version 550.54.14, but\nNVRM: this kernel module has the version "
     "550.40.07.  Please", "x86-discrete-gpu"),
    (PC + '\nCUDA error: "the launch timed out and was terminated" in the display\'s X session', "x86-discrete-gpu"),
    (JETSON_32 + "\nCUDA error: the launch timed out and was terminated", "not-gpu-access"),
])
def test_software_built_or_run_for_another_driver_is_read_as_software(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


def test_a_gpu_a_container_does_not_see_without_an_error_is_asked_about_not_dismissed() -> None:
    """Inside a container, a quiet "no GPU" is as often the container's (no runtime, an image for another release) as
    the program's: the reading names no cause and asks whether the nodes are there."""
    text = ("I run viplanner in the docker container on a Jetson AGX Orin.\nInside the container, pytorch check cuda "
            "available return me False while outside the container return me True. This means that GPU is not available.")
    result = explain(text)
    assert result.cause.id == "unknown" and "nodes-missing-in-container" in result.cause.also_possible
    assert result.question is not None and "/dev/nvmap" in result.question.command


@pytest.mark.parametrize("text", [
    "dlib is built with CUDA (DLIB_USE_CUDA is True), but GPU usage is almost 0 all the time.",
    "Looks like this image doesn't utilise GPU: I see high CPU utilisation, and my GPU is idle.",
])
def test_a_gpu_said_idle_with_no_error_is_the_program_s_own_choice(text: str) -> None:
    assert read_cause(JETSON_32 + "\n" + text).cause.id == "not-gpu-access"


def test_a_gpu_said_idle_beside_cuda_s_start_up_error_is_still_that_error() -> None:
    text = JETSON_36 + "\nGPU usage is 0 %, torch runs on the CPU:\ncuInit(0) returned 801 as my user over ssh"
    assert read_cause(text).cause.id == "render-node-denied"


@pytest.mark.parametrize(("system", "cause"), [(JETSON_32, "jetson-software-mismatch"), (PC, "not-gpu-access")])
def test_cuda_s_compiler_not_found_on_a_jetson_is_its_path_not_the_gpu(system: str, cause: str) -> None:
    """JetPack puts nvcc (and nvvm's cicc) under /usr/local/cuda, which is not on a new user's PATH."""
    text = system + "\nnvcc -gencode arch=compute_53,code=[sm_53,compute_53] -DGPU -c ./src/convolutional_kernels.cu\n" \
        "/bin/sh: 1: nvcc: not found\nMakefile:154: recipe for target 'obj/convolutional_kernels.o' failed"
    assert read_cause(text).cause.id == cause


def test_any_library_s_out_of_memory_error_is_memory_on_a_pc_too() -> None:
    text = (PC + "\n[rectify_node]: Error while rectifying image: rectify_node.cpp:305: VPI_ERROR_OUT_OF_MEMORY: Not enough "
            "space for resource allocation\nruns on amd64 with a Titan RTX, Driver Version: 470.103.01")
    assert read_cause(text).cause.id == "not-gpu-access"
    assert "out-of-memory" in [m.id for m in explain(text).matches]


def test_the_gpu_driver_s_complaint_about_its_engine_is_no_denied_node() -> None:
    text = JETSON_36 + "\n[ 1889.154069] nvgpu: 17000000.gpu pmu_wait_message_cond:664 [ERR] PMU wait timeout expired."
    assert read_cause(text).cause.id not in PERMISSION_CAUSES


def test_a_node_refused_outweighs_a_node_s_line_that_refuses_nothing() -> None:
    text = ("[ 1889.154069] nvgpu: 17000000.gpu pmu_wait_message_cond:664 [ERR] PMU wait timeout expired.\n"
            "NvRmMemInit: failed to open /dev/nvmap: Permission denied")
    found = find_failure(text)
    assert found is not None and found.line.endswith("Permission denied")


@pytest.mark.parametrize("text", [
    'HAMi device plugin crashes on NVIDIA DGX Spark with GB10 GPU: NVML\'s `GetMemoryInfo()` returns "Not Supported"',
    "Error: error creating driver: error visiting device: error getting info for GPU 0: error getting memory info for "
    "device 0: Not Supported",
    "pynvml.NVMLError_NotSupported: Not Supported\nRuntimeError: Failed to get free memory for device 0 (global index: "
    "0): Not Supported",
])
def test_a_memory_query_a_unified_memory_gpu_does_not_answer_is_no_gpu_access(text: str) -> None:
    """GB10 (DGX Spark), like a Jetson, shares the system's memory: NVML answers its memory query with Not Supported."""
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("text", "cause"), [
    ("[Bug]: NVIDIA Jetson Thor: Value 'sm_110a' is not defined for option 'gpu-name'\nPython platform : "
     "Linux-6.8.12-tegra-aarch64-with-glibc2.39\nIs CUDA available : True", "jetson-software-mismatch"),
    ("ptxas fatal   : Value 'sm_121a' is not defined for option 'gpu-name'\nGPU: DGX Spark", "not-gpu-access"),
    (JETSON_36 + "\nThe PyTorch 25.04 base image does not seem to be compatible with the sm_110 architecture.",
     "jetson-software-mismatch"),
])
def test_a_toolchain_older_than_the_gpu_is_the_software(text: str, cause: str) -> None:
    assert read_cause(text).cause.id == cause


@pytest.mark.parametrize("text", [
    "Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to "
    "start container process: error during container init: error mounting \"/tmp/.docker.xauth\" to rootfs at "
    "\"/tmp/.docker.xauth\": not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)?",
    " => ERROR [internal] load metadata for docker.io/nvidia/cuda:10.2-devel-ubuntu18.04                    1.0s",
    "'pynvml.NVMLError_NotSupported: Not Supported' error on DGX Spark",
])
def test_a_user_s_own_mount_a_base_image_not_found_or_a_gb10_query_is_not_the_gpu_s(text: str) -> None:
    assert read_cause(JETSON_35 + "\n" + text if "xauth" in text else text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["CUDA device 0 failed to initialize", "[ 12.3] tegra-camrtc: channel 0 failed"])
def test_a_part_numbered_zero_that_failed_still_failed(line: str) -> None:
    """Zero counts no errors ("0 errors"); it does not undo the failure of device 0."""
    assert find_failure(line) is not None


@pytest.mark.parametrize("text", [
    "while building the tensorRT cuda engine (after 40 min) it terminates with message `Killed`.\n./test_yolo4",
    'model_trt = torch2trt(model, [x])\nThe system gives a hint of "killed".',
])
def test_a_program_said_to_end_with_killed_ran_out_of_memory(text: str) -> None:
    assert read_cause(JETSON_32 + "\n" + text).cause.id == "not-gpu-access"
    assert "out-of-memory" in [m.id for m in explain(JETSON_32 + "\n" + text).matches]


GL_FALLBACK = ("root@78f1b36c0806:/# gazebo --verbose\nlibGL error: No matching fbConfigs or visuals found\n"
               "libGL error: failed to load driver: swrast\n[Err] [RenderEngine.cc:749] Unable to create glx visual")


def test_opengl_falling_back_to_mesa_s_software_rasteriser_is_the_pc_s_graphics_set_up() -> None:
    """An X program whose OpenGL found no GPU driver and failed in Mesa's software rasteriser: on a PC (shown, or
    assumed when nothing shows the system) the container lacks the NVIDIA driver's GL libraries; on a Jetson it is
    the remote display, no GPU access."""
    result = explain(GL_FALLBACK)
    assert "gl-software-fallback" in [m.id for m in result.matches]
    assert (result.cause.id, result.cause.assumed_system) == ("x86-discrete-gpu", "pc"), result.cause
    assert read_cause(PC + "\n" + GL_FALLBACK).cause.id == "x86-discrete-gpu"
    assert read_cause(JETSON_32 + "\n" + GL_FALLBACK).cause.id == "not-gpu-access"
    # an arm machine by `uname -m`, with its display forwarded over ssh: no PC is assumed
    arm = "robot@agv-07:~$ uname -m\naarch64\nrobot@agv-07:~$ echo $DISPLAY\nlocalhost:10.0\n" + GL_FALLBACK
    assert read_cause(arm).cause.id == "not-gpu-access"
    # a display forwarded by ssh -X, on a machine the paste does not name: the remote display, on either system
    forwarded = "me@laptop:~$ ssh -X robot@192.168.1.50\nrobot@agv:~$ rviz2\n" + GL_FALLBACK.split("\n", 1)[1]
    assert read_cause(forwarded).cause.id == "not-gpu-access"


def test_the_low_level_runtime_s_own_failure_for_a_launch_that_asks_no_gpu_is_not_the_nvidia_hook() -> None:
    text = ("root@ct-ha:~# docker run --rm --device /dev/ttyUSB0 alpine ls /dev\ndocker: Error response from daemon: "
            "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container "
            "process: error during container init: error setting cgroup config for procHooks process: failed to write "
            '"c 188:0 rwm": write /sys/fs/cgroup/devices/docker/8b1f/devices.allow: operation not permitted: unknown.')
    result = read_cause(text)
    assert "runtime-hook-failed" not in [m.id for m in result.matches] and result.cause.id == "not-gpu-access"
    # the same failure of a launch that asks for the NVIDIA runtime is the injection's
    for launch in ("--runtime nvidia", "--device /dev/nvmap --device /dev/nvhost-ctrl-gpu"):
        nvidia = read_cause(text.replace("--device /dev/ttyUSB0", launch))
        assert "runtime-hook-failed" in [m.id for m in nvidia.matches], launch
    # a mount the runtime's csv mode makes on a Jetson names nothing of NVIDIA's, and is the injection's failure
    mount = ("services:\n  ros:\n    image: dustynv/ros:humble-desktop-l4t-r35.4.1\ndocker: Error response from daemon: "
             "OCI runtime create failed: runc create failed: unable to start container process: error during container "
             'init: error mounting "/usr/lib/aarch64-linux-gnu/libgstnvcustomhelper.so" to rootfs at '
             '"/usr/lib/aarch64-linux-gnu/libgstnvcustomhelper.so": no such file or directory: unknown')
    assert "runtime-hook-failed" in [m.id for m in explain(mount).matches]


def test_the_devices_cgroup_refusing_a_write_is_no_device_denied_to_a_user() -> None:
    """The devices controller's own files (/sys/fs/cgroup/devices/.../devices.allow) are the engine's set-up, not a
    device a user was refused; the only device the paste passes is a USB one."""
    text = ('docker run --name 123 --device "/dev/bus/usb/002/048"  ubuntu adb devices\n'
            " /sys/fs/cgroup/devices/docker/xxx/device.allow.. 'write error: Operation not permitted'")
    assert find_failure(text).kind != "device-permission"
    assert read_cause(text).cause.id == "not-gpu-access"
    assert find_failure("open /dev/dri/renderD128: operation not permitted").kind == "gpu-node"
    assert find_failure("my service user gets 'Operation not permitted' on the device.").kind == "device-permission"


def test_a_gpu_request_with_a_count_and_device_ids_is_the_request_s_form() -> None:
    text = ("$ docker run --gpus device=0,1 nvidia/cuda:10.0-base nvidia-smi\n"
            "docker: Error response from daemon: cannot set both Count and DeviceIDs on device request.\n"
            "both --gpus device=0 and --gpus device=1 alone works.")
    result = read_cause(text)
    assert "gpu-request-both-count-and-ids" in [m.id for m in result.matches] and result.cause.id == "x86-discrete-gpu"
    assert "count and device_ids" in " ".join(result.matches[0].causes)  # compose's reservation says the same


@pytest.mark.parametrize("line", [
    "[level_zero:gpu][level_zero:0] Intel(R) Graphics [0xe211]",
    "llama_model_load: error loading model: can not find preferred GPU platform (ggml-sycl)",
    ">>> import intel_extension_for_pytorch as ipex; torch.xpu.device_count()",
    "Error: llama runner process has terminated: error:Could not initialize Tensile host: No devices found",
    "hsa api call failure at line 900, file: /rocmdata/compute/rocrinfo/rocminfo.cc. Call returned 4104",
])
def test_intel_s_and_amd_s_gpu_compute_stacks_are_a_pc_s(line: str) -> None:
    assert read(line).observed.x86 != ()
    assert read("SYCL's CUDA backend runs on the Orin's GPU").observed.x86 == ()  # SYCL with no GPU of Intel's


@pytest.mark.parametrize("line", [
    "hsa api call failure at line 900, file: rocminfo.cc. Call returned 4104",
    "libva error: vaGetDriverNameByIndex() failed with unknown libva error, driver_name = (null)",
    "ggml_vulkan: Failed to allocate pinned memory.",
])
def test_a_failure_of_amd_s_or_intel_s_or_vulkan_s_gpu_stack_is_a_gpu_failure(line: str) -> None:
    failure = find_failure(line)
    assert failure is not None and failure.kind == "gpu", failure


@pytest.mark.parametrize("line", [
    "/snap/moonlight/1411/usr/bin/moonlight: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.33' not found "
    "(required by /var/lib/snapd/lib/gl/libEGL.so.1)",
    "libGL error: MESA-LOADER: failed to open radeonsi: /tmp/.mount_FreeCA/usr/lib/libstdc++.so.6: version "
    "`GLIBCXX_3.4.30' not found",
])
def test_a_pc_s_gpu_libraries_that_need_a_newer_c_runtime_than_the_sandbox_has_are_the_pc_s_gpu_stack(line: str) -> None:
    """The host's GL libraries mapped into a snap, or the Mesa driver an AppImage's old libstdc++ cannot load: the PC's
    GPU stack does not fit the program's runtime. A program's own build that needs a newer glibc is the build's."""
    assert read_cause(PC + "\n" + line).cause.id == "x86-discrete-gpu"
    own = PC + "\n./server: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./server)"
    assert read_cause(own).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", [
    "Enabling NVENC hw acceleration leads to errors",
    "after updating sunshine it's been unable to use nvenc.",
    "Failed to open VDPAU backend libvdpau_radeonsi.so: cannot open shared object file: No such file or directory",
    "libGL error: Version 4 or later of flush extension not found",
    "MESA-LOADER: failed to open radeonsi: /usr/lib64/dri/radeonsi_dri.so: cannot open shared object file\n"
    "Error! Unsupported graphics card or driver.",
    "[EE 2017-04-14 08:53:54] [Renderer.cpp:100@initialize] Failed to Initialize backend EGL display",
    "E [minigbm:xe_init(437)]: Xe driver is not supported on your platform: 0xe20b",
    "W EGL-MAIN: Failed to open any DRM device",
])
def test_a_pc_s_failure_of_the_gpu_s_video_or_graphics_work_is_the_pc_s_gpu(line: str) -> None:
    """A PC's encoder, decoder or graphics stack failing is the PC's GPU, though its line names no CUDA and no family
    names it; the same line on a Jetson is not read as a PC's."""
    reading = read_cause(PC + "\n" + line)
    assert reading.cause.id == "x86-discrete-gpu" and reading.matches == ()
    assert read_cause(JETSON_36 + "\n" + line).cause.id != "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["ModuleNotFoundError: No module named 'pyzed.sl'",
                                  "ModuleNotFoundError: No module named 'mesa'",
                                  "error: failed to build mesa-0.2.0 wheel"])
def test_a_pc_s_failure_that_names_no_graphics_or_video_work_stays_another_problem(line: str) -> None:
    """Mesa is also an agent-based modelling package: only Mesa's loader, a release or its drivers name the GPU's."""
    assert read_cause(PC + "\n" + line).cause.id == "not-gpu-access"


# ---- what NVIDIA's driver printed with one node denied to the user ----
# Captured on a PC with driver 580.159.04 (CUDA 13.0), PyTorch 2.11 and nvidia-smi, each run as a user who could not
# open the node; docs/reference/device-nodes.md gives the codes, tests/test_real_driver.py measures them again.
_TORCH = ("$ python3 -c 'import torch; print(torch.__version__, torch.cuda.is_available()); torch.zeros(1).cuda()'\n"
          "{warning}2.11.0+cu130 False\nTraceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n"
          "  File \"/opt/torch/.venv/lib/python3.12/site-packages/torch/cuda/__init__.py\", line 478, in _lazy_init\n"
          "    torch._C._cuda_init()\nRuntimeError: {error}\n$ nvidia-smi\n{smi}\n")
_UNKNOWN = ("CUDA unknown error - this may be due to an incorrectly set up environment, e.g. changing env variable "
            "CUDA_VISIBLE_DEVICES after program start. Setting the available devices to be zero.")
_SMI_TABLE = ("| NVIDIA-SMI 580.159.04             Driver Version: 580.159.04     CUDA Version: 13.0     |\n"
              "|   0  NVIDIA H200                    On  |   00000000:00:06.0 Off |                    0 |")


@pytest.mark.parametrize(("node", "text"), [
    ("/dev/nvidiactl", _TORCH.format(warning="", error="No CUDA GPUs are available",
                                     smi="Failed to initialize NVML: Insufficient Permissions")),
    ("/dev/nvidia0", _TORCH.format(warning="", error="No CUDA GPUs are available", smi="No devices were found")),
    ("/dev/nvidia-uvm", _TORCH.format(
        warning="/opt/torch/.venv/lib/python3.12/site-packages/torch/cuda/__init__.py:180: UserWarning: CUDA "
                "initialization: " + _UNKNOWN + " (Triggered internally at /pytorch/c10/cuda/CUDAFunctions.cpp:119.)\n"
                "  return torch._C._cuda_getDeviceCount() > 0\n", error=_UNKNOWN, smi=_SMI_TABLE)),
])
def test_the_real_drivers_words_for_a_denied_node_read_as_a_pc_and_name_the_node(node: str, text: str) -> None:
    reading = read_cause(text)
    assert reading.cause.id == "x86-discrete-gpu" and tegra_talk(reading) == []
    assert any(node in line for line in render_text(reading).split("\n") if line.strip().startswith("likely:"))
