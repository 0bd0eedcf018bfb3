"""explain recognises the system a paste came from in every form it shows it: a Jetson's model strings, board ids,
kernel, L4T packages and tools; a PC's or server's CPU, distribution, driver and images; an arm64 build that is
neither; two systems in one paste; and the readings that turn on which system it is (Vulkan's driver, a laptop's two
GPUs, a driver mismatch a container reports, a fix said of another trouble). Each case is a synthetic paste written
for this test (no corpus text).
"""

from __future__ import annotations

import pytest

from explainreading import JETSON_36, PC, ids, read_cause
from jetson_gpu_access.explain import (
    explain,
    shown_platform,
)
from jetson_gpu_access.textfacts import read

# ---- the platform, in every form ----

@pytest.mark.parametrize(("line", "kind"), [("docker run --platform=linux/arm64 --rm myorg/app:1.2 python3 x.py", "arm64 build"),
                                           ("image: myorg/vision:2.1-arm64", "arm64 build"),
                                           ("Architecture:        aarch64", "arm64 machine"),
                                           ("/usr/lib/aarch64-linux-gnu/libcudnn.so.8", "arm64 machine")])
def test_an_arm64_build_or_machine_is_a_weak_sign_of_a_jetson(line: str, kind: str) -> None:
    """What is built for arm64, and an arm64 machine's own lines, are weak signs, and say which they are."""
    seen = read(line).observed
    assert [s.kind for s in seen.jetson] == [kind] and not seen.x86
    assert read_cause(line + "\ntorch.cuda.is_available() returns False").cause.id == "jetson-software-mismatch"


def test_a_server_arm64_tag_and_a_hard_pc_sign_outrank_it() -> None:
    assert not read("image: nvidia/cuda:12.4.1-devel-ubuntu22.04-sbsa").observed.jetson
    text = PC + "\ndocker run --platform linux/arm64 myorg/app:1\ntorch.cuda.is_available() returns False"
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_the_discrete_driver_s_proc_file_said_absent_is_no_sign_of_a_pc() -> None:
    absent = "I cuda_diagnostics.cc:160] kernel driver does not appear to be running on this host (robot): " \
             "/proc/driver/nvidia/version does not exist"
    assert not read(absent).observed.x86
    assert read("$ cat /proc/driver/nvidia/version\nNVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54").observed.x86


@pytest.mark.parametrize(("line", "system"), [
    ("[ERROR] failed to start nvpmodel service", "jetson"), ("we run it on Orin with JetPack", "jetson"),
    ("the box has an Arc A770 on Ubuntu Server", "pc"), ("Intel Iris Xe graphics, kernel 6.5", "pc"),
    # an x86 processor, an AMD or Intel GPU named by its product, a hypervisor only PCs run
    ("Processor: Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz", "pc"), ("AMD Ryzen 5 PRO 4650G with Radeon Graphics", "pc"),
    ("dual Xeon Gold 6248 server", "pc"), ("RX 7900 XTX on Ubuntu 22.04", "pc"),
    ("my intel gpu is passed into the LXC", "pc"), ("Proxmox 8.1 host, unprivileged LXC", "pc"),
    # x86 said in prose of the machine itself
    ("I know, I'm running on x86.", "pc"), ("same error on an x86 laptop", "pc"),
    ("using docker in x86 Platform, I got this error:", "pc"), ("tested in an x86 VM", "pc"),
    # a package asked for names no machine, and words after the request may ("pip install ... in my H100")
    ("sudo apt install nvidia-driver-535 nvidia-utils-535", "none"), ("pip install -e . no longer works in my H100", "pc"),
    ("pip install torch --index-url https://download.pytorch.org/whl/cu121 in the container", "none"),
    # a desktop driver's branch in an issue template's field or in words, and data-centre GPUs by name; JetPack 6's 540
    ("- Driver: 570.158.01", "pc"), ("the cluster GPU driver is version 470.82.", "pc"), ("- GPU: NVIDIA H800", "pc"),
    ("8x A800 80GB", "pc"), ("- Driver: 540.4.0", "none"),
    # a GPU cloud's rented servers, and a GeForce's number after a preposition alone is no GPU ("on 3080 samples")
    ("* www.runpod.io platform (GPU containers)", "pc"), ("rented a box on vast.ai", "pc"), ("on 3080 samples", "none"),
    # ... and not a core dump, nor an RX queue
    ("Segmentation fault (core dumped)", "none"), ("eth0: rx 4096 packets, tx 512", "none"),
    # a Colab notebook run, by its link: Google's cloud machine; a link alone names none
    ("1. Tried running the notebook (https://colab.research.google.com/github/mlc-ai/notebooks/blob/main/x.ipynb)", "pc"),
    ("see https://colab.research.google.com/drive/1abc for the model card", "none"),
    # a module's name mistyped after the family's: still a Jetson; and packages said to support only x86 name no machine
    ("I'm installing torch_scatter on the Jetson Xavior NX", "jetson"),
    ("these pyg dependency packages only support in x86_64 or win_amd64, are there other solutions?", "none"),
    # a Windows drive as WSL mounts it: the commands ran in WSL, on a PC (a weak sign: files copied from it to a board)
    ("/mnt/c/Users/me/project/.venv/lib/python3.12/site-packages/x.py:37: SyntaxWarning", "pc"),
    ("ls /mnt/data/models", "none"),
    # Windows' loader that cannot find a function in a DLL: a Windows program's
    ("The procedure entry point hipGraphCreate could not be located in the dynamic link library ...\\zluda\\nvcuda.dll", "pc"),
    # Ubuntu's stock kernels, which no Jetson runs (L4T's is -tegra, Canonical's for Jetsons -nvidia-tegra)
    ("* Kernel Version: `5.15.0-112-generic`", "pc"), ("Linux ws 6.8.0-45-generic #45-Ubuntu SMP", "pc"),
    ("5.15.0-1019-aws", "pc"), ("Linux pop-os 6.6.10-76060610-generic", "pc"), ("6.5.0-1020-oem", "pc"),
    ("Linux jetson 5.15.0-1012-nvidia-tegra #12-Ubuntu SMP aarch64", "jetson"),
    # ... nor Debian's (its version string names its distribution)
    ("Linux unknown (actually #1 SMP Debian 4.9.110-3+deb9u4 (2018-08-21))", "pc"),
    ("Linux gpu-vm 6.1.0-13-cloud-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29) x86_64", "pc"),
    ("the Debian 12 image we ship for the board", "none"),
    ("#1 SMP PREEMPT Debian 1:6.6.20-1+rpt1 (2024-03-07)", "none"),  # Raspberry Pi OS's, another maker's Arm board
    # PyTorch's ROCm build naming HIP as its CUDA build names CUDA: an AMD GPU's stack, which no Jetson runs
    ("OutOfMemoryError: HIP out of memory. Tried to allocate 224.00 MiB. GPU", "pc"),
    ("RuntimeError: HIP error: invalid device function", "pc"), ("hip install guide", "none")])
def test_words_that_name_the_hardware(line: str, system: str) -> None:
    seen = read(line).observed
    assert bool(seen.jetson) == (system == "jetson") and bool(seen.x86) == (system == "pc")


def test_a_machine_where_the_same_steps_were_taken_is_the_yardstick() -> None:
    line = ("When I install microk8s in the same way on a fresh amd64 VM, the network interfaces are created even if "
            "`ufw` is enabled.")
    assert not read(line).observed.x86
    assert read("tested in an x86 VM").observed.x86


@pytest.mark.parametrize("line", ["which I think makes sense since it's not x86_64..", "these are non-x86 boards",
                                  "we're not x86 here", "the machine was not an x86 one", "the board is aarch64 (not x86_64)"])
def test_a_machine_word_said_not_to_be_the_machine_names_no_pc(line: str) -> None:
    assert not read(line).observed.x86, read(line).observed.x86


@pytest.mark.parametrize("line", ['Device 0: "Orin"', "18:06:56 SUCCESS  Initialized CUDA 12.2. Active GPU is #0: Orin [87]",
                                  "GPU 0: Orin (nvgpu)", "Device 0: NVIDIA Thor, compute capability 11.0",
                                  'Device 0: "NVIDIA Tegra X1"', "Active GPU is #0: NVIDIA Tegra X2 [62]",
                                  "    Found GPU0 Xavier which is of cuda capability 7.2.",
                                  "Ignoring visible gpu device (device: 0, name: NVIDIA Tegra X1, pci bus id: 0000:00:00.0, "
                                  "compute capability: 5.3)"])
def test_the_gpu_cuda_names_is_a_jetson_s_own_output(line: str) -> None:
    # (its name as CUDA or nvidia-smi prints it on the device: a Jetson's own output, which a word of x86 beside it
    # does not outweigh)
    assert "CUDA device" in [s.kind for s in read(line).observed.jetson]
    assert shown_platform(read("I built it for x86_64 first, on my laptop\n" + line).observed)[0] == "jetson"


@pytest.mark.parametrize("line", ["Orin has a GPU of compute capability 8.7", "the device name is not Orin",
                                  "GPU 0: NVIDIA GeForce RTX 4090"])
def test_a_jetson_named_in_words_is_no_cuda_device(line: str) -> None:
    assert "CUDA device" not in [s.kind for s in read(line).observed.jetson]


def test_a_jetson_said_to_work_perfectly_is_not_the_machine_whose_driver_fails() -> None:
    text = ("It works perfectly on the Jetson Orin.\nOn my workstation (RTX 4070) nvidia-smi says:\n"
            "Failed to initialize NVML: Driver/library version mismatch")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", [
    "vkEnumeratePhysicalDevices failed, unable to init and enumerate GPUs with Vulkan.",
    "ERROR: [Loader Message] Code 0 : setup_loader_term_phys_devs:  Failed to detect any valid GPUs in the current config",
    # NVIDIA's ICD listed but unable to start (its module not loaded, a library it loads missing from the image)
    "ERROR: [Loader Message] Code 0 : loader_scanned_icd_add: Could not get 'vkCreateInstance' via 'vk_icdGetInstanceProcAddr' "
    "for ICD libGLX_nvidia.so.0",
    "ERROR: [Loader Message] Code 0 : loader_icd_scan: Failed loading library associated with ICD JSON libGLX_nvidia.so.0. "
    "Ignoring this JSON",
])
def test_vulkan_s_loader_finding_no_gpu_is_the_missing_vulkan_driver(line: str) -> None:
    reading = read_cause(PC + "\n" + line)
    assert reading.cause.id == "x86-discrete-gpu" and [m.id for m in reading.matches] == ["vulkan-no-driver"]


@pytest.mark.parametrize(("text", "family"), [
    ("Quadro RTX 4000, driver 550.54.14\n$ docker run --rm --gpus all img ./viewer\n"
     "[info] Using Vulkan device: llvmpipe (LLVM 15.0.7, 256 bits) (0x0)\n[warning] The selected Vulkan device is a CPU device.",
     True),
    # (no NVIDIA GPU to be missed: a VM on an Intel machine has llvmpipe by design)
    ("Ubuntu 22.04 guest in VirtualBox 7.0 on an Intel NUC 12 (Iris Xe graphics)\n"
     "[info] Using Vulkan device: llvmpipe (LLVM 15.0.7, 256 bits) (0x0)\n[warning] The selected Vulkan device is a CPU device.",
     False),
    # (a list of the devices, the Jetson's chosen: llvmpipe is one of them, not the one used)
    ("Orin Nano 8GB devkit, JetPack 6.0\n[vk]   Vulkan device: NVIDIA Tegra Orin (nvgpu) [integrated]\n"
     "[vk]   Vulkan device: llvmpipe (LLVM 15.0.7, 128 bits) [cpu]\n[vk] selected: NVIDIA Tegra Orin (nvgpu)", False),
])
def test_vulkan_left_with_the_cpu_device_beside_an_nvidia_gpu_is_its_missing_driver(text: str, family: bool) -> None:
    assert ("vulkan-cpu-device" in ids(text)) is family


def test_vulkan_left_with_the_cpu_device_on_a_jetson_said_to_run_no_container_is_its_software() -> None:
    text = ("Jetson Orin Nano Developer Kit, JetPack 6.0 (L4T 36.3), desktop session, no container.\n"
            "$ ./realesrgan-ncnn-vulkan -i in.jpg -o out.png\nUsing Vulkan device: llvmpipe (LLVM 15.0.7, 128 bits)\n"
            "The selected Vulkan device is a CPU device.")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_vulkan_failing_in_a_container_whose_nvidia_smi_works_is_the_missing_vulkan_driver() -> None:
    """nvidia-smi working in the container shows its compute part mounted, not the graphics part Vulkan loads."""
    text = ("I'm using NVIDIA 535.129.03 drivers. I have a Tesla T4 GPU.\n"
            "I'm using container toolkit 1.14.3-1, and inside my containers nvidia-smi works fine.\n"
            "sudo docker run -it --rm --runtime=nvidia --gpus all ubuntu\n$ vulkaninfo\n"
            "ERROR: [Loader Message] Code 0 : loader_scanned_icd_add: Could not get 'vkCreateInstance' via "
            "'vk_icdGetInstanceProcAddr' for ICD libGLX_nvidia.so.0\nand no GPU is listed.")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_vulkan_finding_no_driver_beside_a_render_node_refused_is_the_refusal() -> None:
    """On a Jetson, Vulkan failing after its driver was refused the render node is the session's group, not a mount."""
    text = ("Jetson Orin Nano Super, L4T R36.4.3. vulkaninfo as root is fine. As my service user:\n"
            "$ sudo -u vkapp vulkaninfo --summary\n"
            "ERROR: [Loader Message] Code 0 : libnvidia-glcore: failed to open /dev/dri/renderD128: Permission denied\n"
            "ERROR at ./vulkaninfo/vulkaninfo.h:248:vkEnumeratePhysicalDevices failed with ERROR_INITIALIZATION_FAILED\n"
            "$ ls -l /dev/dri/renderD128\ncrw-rw----+ 1 root render 226, 128 Mar 11 08:00 /dev/dri/renderD128\n"
            "$ id vkapp\nuid=997(vkapp) gid=997(vkapp) groups=997(vkapp),44(video)")
    assert read_cause(text).cause.id == "render-node-denied"


def test_nvidia_s_library_failing_on_a_laptop_beside_its_integrated_gpu_is_the_unseen_nvidia_gpu() -> None:
    """A laptop's integrated AMD GPU named, its NVIDIA module failing to build: the NVIDIA GPU is there, unused."""
    text = ("OS: Arch Linux x86_64\nCPU: AMD Ryzen 7 5800H with Radeon Graphics\n"
            "After upgrading to linux 6.7 the nvidia-dkms build failed and now the dGPU is unused:\n$ vkcube\n"
            "ERROR: [Loader Message] Code 0 : loader_scanned_icd_add: Could not get 'vkCreateInstance' via "
            "'vk_icdGetInstanceProcAddr' for ICD libGLX_nvidia.so.0\n"
            "Selected GPU 0: AMD Radeon Graphics (RADV RENOIR), type: IntegratedGpu")
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("text", [
    "Laptop with an i7-10750H, Ubuntu 20.04, driver 470 installed. The Intel iGPU only drives the internal panel, the dGPU "
    "drives the HDMI port.\nRuntimeError: cuda runtime error (100) : no CUDA-capable device is detected",
    "Gaming laptop, Pop!_OS 22.04. Intel UHD Graphics 630 active, no discrete GPU driver loaded after the kernel update.\n"
    "RuntimeError: Found no NVIDIA driver on your system.",
])
def test_a_laptop_s_integrated_gpu_said_to_work_beside_its_discrete_one_keeps_the_nvidia_gpu(text: str) -> None:
    """"The iGPU only drives the panel", "no discrete GPU driver loaded": the laptop has an NVIDIA GPU, unseen."""
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("text", [
    "After running the program for several hours, the following error occurred:\nCuda failure: operation not supported on "
    "global/shared address space at line 286 in file pointpillar.cpp error status: 717",
    "Jetson AGX Orin, JetPack 6.0 (L4T 36.3)\n    out = flash_fwd(q, k, v)\n"
    "RuntimeError: CUDA error: operation not supported on global/shared address space",
])
def test_an_address_space_error_is_the_program_s(text: str) -> None:
    """CUDA's 717 begins with 801's words: a kernel's own fault, not the node 801 on JetPack 6 says is refused."""
    result = read_cause(text)
    assert result.cause.id == "not-gpu-access" and "cuda-801" not in [m.id for m in result.matches]


def test_a_cudnn_library_said_fixed_is_not_what_fails() -> None:
    text = ("Orin Nano 8GB, JetPack 6.0.\nFirst I got\nUnable to load any of {libcudnn_ops.so.9.1.0, libcudnn_ops.so.9.1, "
            "libcudnn_ops.so.9, libcudnn_ops.so}\nwhich is fixed now (installed cudnn9-cuda-12 from the JetPack repo).\n"
            "Now the large-v3 model dies with:\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 40.00 MiB.")
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("text", [
    "Jetson Nano, JetPack 4.6.\nAdding my user to video fixed the nvmap permission error, then running detect.py gives "
    "libnvinfer.so.8: cannot open shared object file: No such file or directory.",
    "Jetson Nano, JetPack 4.6.\nAfter I fixed the permission issue, detect.py fails with: ImportError: libnvinfer.so.8: "
    "cannot open shared object file: No such file or directory",
    "Jetson Orin NX, JetPack 5.1.2 (L4T R35.4.1), running natively.\nImportError: libcudnn.so.8: cannot open shared "
    "object file: No such file or directory (the earlier nvmap permission error was fixed by adding my user to video)",
    "Orin NX 8GB, JetPack 5.1.2, our own container (l4t-jetpack base) run with --runtime nvidia as root.\nRunning inference "
    "now fails with Could not load library libcudnn_cnn_infer.so.8. Error: libcudnn_cnn_infer.so.8: cannot open shared "
    "object file: No such file or directory (the earlier nvmap error, which is fixed now, came from our docker -u flag).",
])
def test_another_trouble_said_fixed_leaves_the_library_that_fails(text: str) -> None:
    """A fix of another trouble, before the failure ("..., then", "After I fixed ...,") or in an aside, leaves the
    library's failure: only its own clause takes it back."""
    result = read_cause(text)
    assert "cuda-library-missing" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


def test_a_fix_of_another_trouble_before_the_driver_fails_leaves_the_driver() -> None:
    text = ("Ubuntu 22.04, RTX 3060. After I fixed the permission issue, nvidia-smi fails with: Failed to initialize NVML: "
            "Driver/library version mismatch")
    assert "nvml-driver" in [m.id for m in read_cause(text).matches]


def test_a_jetson_s_image_build_without_the_gpu_is_no_host_problem_where_another_step_runs_no_container() -> None:
    """"no container" said of the native build that works leaves the image's build, which gets no GPU, as what fails."""
    text = ("Jetson AGX Orin, JetPack 5.1.2. Building the extension natively (no container) works. In docker build it fails:\n"
            "$ docker build -t myext:r35 .\nStep 7/9 : RUN python3 setup.py bdist_wheel\n"
            "No CUDA runtime is found, using CUDA_HOME='/usr/local/cuda'\n"
            "  File \"/usr/local/lib/python3.8/dist-packages/torch/utils/cpp_extension.py\", line 1561, in _get_cuda_arch_flags\n"
            "    arch_list[-1] += '+PTX'\nIndexError: list index out of range")
    assert read_cause(text).cause.id == "nodes-missing-in-container"


@pytest.mark.parametrize("line", ["nvidia driver mismatch Host(535.54) <=> Container(470.103)",
                                  "ERROR: NVIDIA driver version mismatch between host and container"])
def test_a_driver_mismatch_said_by_a_container_s_start_up_is_the_pc_s_driver(line: str) -> None:
    reading = read_cause(line)
    assert reading.cause.id == "x86-discrete-gpu" and "nvml-driver" in [m.id for m in reading.matches]


@pytest.mark.parametrize("line", ["Not an NVIDIA driver mismatch.", "Is it an nvidia driver mismatch?",
                                  "I don't think this is an NVIDIA driver mismatch"])
def test_a_driver_mismatch_asked_about_or_ruled_out_is_no_driver_error(line: str) -> None:
    reading = read_cause(line + "\nImportError: libcudnn.so.8: cannot open shared object file")
    assert "nvml-driver" not in [m.id for m in reading.matches]


@pytest.mark.parametrize("text", [
    "I'm on my MacBook Pro running Linux; NVIDIA driver 535.54.03 installed.\ncudaGetDeviceCount returned 100",
    "on my MacBook Pro with Linux and an eGPU, my 3080.\ncudaGetDeviceCount returned 100",
])
def test_a_mac_beside_nvidia_s_driver_or_a_geforce_runs_linux_on_it(text: str) -> None:
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("field", ["- Driver: 580.00", "- the GPU driver is 580.65.06", "- Driver version is 580.65.06"])
def test_a_thor_s_driver_said_any_way_is_the_thor_s_own(field: str) -> None:
    """Thor runs the desktop driver's branch (580): beside a Thor its number names no second machine."""
    reading = read_cause("- Module: NVIDIA Jetson AGX Thor\n{}\n- L4T: 38.2.0\ncuInit returned 801".format(field))
    assert reading.cause.id == "render-node-denied" and not reading.systems


@pytest.mark.parametrize("line", ["Nvidia driver version        : 580.00",
                                  "| NVIDIA-SMI 580.00                 Driver Version: 580.00         CUDA Version: 13.0     |",
                                  "- NVIDIA driver 580.00", "driver version is 580.00"])
def test_thor_s_driver_version_alone_names_no_pc(line: str) -> None:
    """JetPack 7's driver on a Thor reports 580.00 (vllm#34470, on a 6.8.12-tegra kernel); the desktop 580 releases
    carry a minor version (580.82.07), so the bare 580.00 is no PC's, while a desktop release still is."""
    error = "\nRuntimeError: CUDA error: no kernel image is available for execution on the device"
    assert read(line + error).observed.x86 == ()
    assert read(line.replace("580.00", "580.82.07") + error).observed.x86


@pytest.mark.parametrize("text", [
    "$ pip install onnxruntime-gpu on the Orin gets me the x86_64 build\ncuInit returned 100",
    "$ pip install -e . compiles on my x86 laptop but not here\ncuInit returned 801",
    "The binary was compiled in x86 mode by mistake.\ncuInit returned 801",
    "The release notes say it is supported on x86 only.\ncuInit returned 801",
])
def test_x86_said_of_a_build_a_wheel_or_a_mode_names_no_pc(text: str) -> None:
    assert read(text).observed.x86 == ()


@pytest.mark.parametrize("works", ["runs fine in x86", "runs fine on x86", "works in x86 without problems"])
def test_a_pc_said_to_run_the_same_thing_fine_is_not_the_machine_that_fails(works: str) -> None:
    text = ("The same container {}. Here on the devkit (JetPack 6.1) as user app:\n$ ./deviceQuery\n"
            "cudaGetDeviceCount returned 801\n$ id app\nuid=1001(app) gid=1001(app) groups=1001(app),44(video)\n"
            "$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Nov  4 10:02 /dev/dri/renderD128").format(works)
    assert read_cause(text).cause.id == "render-node-denied"


@pytest.mark.parametrize("prose", [
    "It works on x86, but not on my Orin.", "I flashed the Orin from an x86 host with SDK Manager.",
    "Cross-compiled on my x86 machine, copied to the Xavier NX board.", "The model was trained on my Ryzen desktop; the Jetson fails.",
    "Same code runs on my Core i5 laptop; on the jetson it fails.", "The image works in x86, but not on my Orin."])
def test_a_pc_named_in_words_beside_the_jetson_s_hardware_is_another_machine(prose: str) -> None:
    """Prose may name the machine a reporter compares with: a weak sign that names the device outranks it."""
    reading = explain(prose + "\ncuInit returned 801")
    assert any(s.text.startswith(("a Jetson", "probably a Jetson")) for s in reading.statements)
    assert reading.cause.id != "x86-discrete-gpu"


def test_a_pc_named_in_words_outranks_an_image_name_and_its_own_cpu_field_counts_in_full() -> None:
    """An L4T image names software a PC can pull; lscpu's CPU field is the failing machine's own output."""
    prose = "I'm running on x86. docker run --runtime nvidia nvcr.io/nvidia/l4t-base:r32.3.1\nNO CMAKE_CUDA_COMPILER could be found"
    assert explain(prose).cause.id == "x86-discrete-gpu"
    cpu = read("Model name: AMD Ryzen 9 5900X 12-Core Processor").observed.x86
    assert [s.kind for s in cpu] == ["x86 / discrete GPU"]
    assert [s.kind for s in read("my Ryzen desktop").observed.x86] == ["PC named in words"]


@pytest.mark.parametrize(("text", "cause"), [
    # a Jetson word inside the name of an image a PC pulls names the image, not the machine
    ("My PC: Ryzen 5 5600X, Ubuntu 22.04\ndocker run --rm -it --gpus all ultralytics/ultralytics:latest-jetson-jetpack6 "
     "yolo checks\nexec /usr/bin/yolo: exec format error", "x86-discrete-gpu"),
    # a person's name in a prompt is no module name (a PC's build without kernels for its card is the PC's CUDA stack)
    ("thorsten@desktop:~/ComfyUI$ python main.py\nSystem: Ubuntu 22.04, AMD Ryzen 7 5800X\nRuntimeError: CUDA error: "
     "no kernel image is available for execution on the device", "x86-discrete-gpu"),
])
def test_a_pc_named_in_words_is_not_outranked_by_an_image_or_a_person_s_name(text: str, cause: str) -> None:
    reading = explain(text)
    assert reading.cause.id == cause and not any("Jetson" in s.text for s in reading.statements[:3])


@pytest.mark.parametrize("line", ["- CPU: Ryzen 7 5800X", "**CPU**: AMD Ryzen 9 7950X", "| CPU | Intel Core i7-12700 |",
                                  "Modellname:  AMD Ryzen 5 3600", "model name\t: Intel(R) Core(TM) i7-9700 CPU",
                                  "   .-/+oossssoo+/-.     CPU: AMD Ryzen 9 5950X (32)"])
def test_a_cpu_field_of_a_tool_or_a_template_is_the_machine_s_own(line: str) -> None:
    assert [s.kind for s in read(line).observed.x86] == ["x86 / discrete GPU"]


@pytest.mark.parametrize("line", ["- Version: v2.1, cross-compiled on an x86 workstation",
                                  "- Product: my Orin devkit (the model was trained on my x86 PC)",
                                  "| Version | built on our x86 build server |", "cpu: " + " " * 4000 + "x Ryzen"])
def test_prose_in_another_field_stays_prose(line: str) -> None:
    assert [s.kind for s in read(line).observed.x86] == ["PC named in words"]


@pytest.mark.parametrize("line", [" 0 : compute_capability = 800, cudnn_half = 1, GPU: A100-SXM4-40GB",
                                  "GPU 0: NVIDIA H100-PCIE-80GB", "目前只有MX150", "a laptop with a GeForce MX250",
                                  "I get the following error on Fedora linux with an Nvidia gpu (4090)"])
def test_a_datacenter_gpu_s_full_name_a_laptop_geforce_and_a_desktop_card_in_words_are_a_pc(line: str) -> None:
    assert read(line).observed.x86


@pytest.mark.parametrize("line", ["If you're on an AC922 Server and see CUDA initialization errors in Docker",
                                  "IBM Power System with POWER9 CPUs and V100s", "Architecture: ppc64le",
                                  "/root/isaacsim/extscache/omni.usd.libs-1.0.3+f9bf0dda.lx64.r.cp312/bin/libusd.so"])
def test_an_ibm_power_server_and_omniverse_s_x86_build_are_no_jetson(line: str) -> None:
    """No Jetson has a POWER CPU, and Omniverse names its x86-64 builds lx64 (its arm64 ones la64)."""
    assert read(line).observed.x86 and not read(line).observed.jetson


@pytest.mark.parametrize("line", ["omni.usd.libs-1.0.3+f9bf0dda.la64.r.cp312", "flex64 board"])
def test_power_words_and_omniverse_s_arm64_build_are_no_pc(line: str) -> None:
    assert not read(line).observed.x86


@pytest.mark.parametrize("line", [" 0 : compute_capability = 870, cudnn_half = 1, GPU: Orin", "tx2 mx1000",
                                  "Nvidia gpu (Orin)"])
def test_a_jetson_s_own_capability_and_other_mx_names_are_no_pc(line: str) -> None:
    assert not read(line).observed.x86


@pytest.mark.parametrize("line", ["It was using the AMD iGPU instead of the NVIDIA card", "the Intel UHD graphics is picked",
                                  "ffmpeg falls back to the Intel iGPU", "my AMD Radeon card"])
def test_an_amd_or_intel_gpu_named_in_words_is_a_pc(line: str) -> None:
    assert read(line).observed.x86


@pytest.mark.parametrize("line", ["Cannot find a compatible Vulkan installable client driver (ICD)",
                                  "can not find compatible vulkan driver",
                                  "couldn't initialize the NVIDIA Vulkan ICD in a headless SSH session",
                                  # Wine's Vulkan layer: res=-3 is VK_ERROR_INITIALIZATION_FAILED
                                  "wine_vk_instance_init_physical_devices Failed to enumerate physical devices, res=-3"])
def test_a_vulkan_driver_not_found_in_words_is_the_vulkan_family(line: str) -> None:
    assert "vulkan-no-driver" in ids(line)


@pytest.mark.parametrize("line", [
    "installing torch-2.6.0rc and torchvision-2.5.0 manually, then importing them in python ends up in version mismatch",
    "the SD card image comes with Cuda 10.2 on it which is not compatible with the TF wheel in the instructions",
    "the current SD card nv-jetson-nano-sd-card-image-r32.4.2 comes with Cuda 10.2 on it which is not compatible with "
    "the in the subsequent install of TF in the instructions.",
    "UserWarning: torchvision version is incompatible with torch",
])
def test_versions_said_not_to_fit_each_other_are_the_software_on_a_jetson(line: str) -> None:
    result = read_cause(JETSON_36 + "\n" + line)
    assert "versions-mismatched" in [m.id for m in result.matches] and result.cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["there is no version mismatch: torch 2.5 and torchvision 0.20 match",
                                  "is torchvision incompatible with torch here?",
                                  "torchvision 0.20.0 requires torch==2.5.0, but you have torch 2.5.0a0+nv24.08 which is "
                                  "incompatible.",  # pip's resolver note, no failure
                                  "Failed to initialize NVML: Driver/library version mismatch"])
def test_versions_said_to_fit_asked_about_or_nvml_s_mismatch_are_no_mismatched_versions(line: str) -> None:
    assert "versions-mismatched" not in ids(JETSON_36 + "\n" + line)


def test_versions_that_do_not_fit_each_other_on_a_pc_are_not_the_driver() -> None:
    assert read_cause(PC + "\ntorchvision version is incompatible with torch").cause.id == "not-gpu-access"


def test_both_systems_named_in_words_leave_the_failing_one_assumed() -> None:
    """"Works on the Orin, but not on my x86 machine" names both: which one failed is not shown."""
    reading = explain("The container works on the Orin, but not on my x86 machine:\n>>> torch.cuda.is_available()\nFalse")
    assert reading.cause.assumption and reading.cause.otherwise


@pytest.mark.parametrize("host", ["thorsten@desktop", "root@florin-lxc", "corinne@pc"])
def test_a_prompt_s_person_name_is_no_jetson(host: str) -> None:
    assert not read(host + ":~$ ls").observed.jetson


@pytest.mark.parametrize("host", ["nvidia@orin-nx", "user@jetsonnano", "me@agx01", "a@nano2gb", "u@my-xavier"])
def test_a_prompt_s_module_name_is_a_jetson(host: str) -> None:
    assert [s.kind for s in read(host + ":~$ ls").observed.jetson] == ["host name"]
