"""What the readers of a cause ask of a paste: its families and lines sorted into what they point to (a denial, a
version, a driver, a build), the system each sign names, the nodes a launch passes or lacks, and the releases it shows.
The patterns and the helpers built on them; the reading itself is readers.py's, the decision cause.py's."""

from __future__ import annotations

import functools
import re
from typing import Callable, Dict, List, Optional, Pattern, Sequence, Set, Tuple

from .. import data
from ..injection import ANY_GROUPS
from ..launch import SHELL_COMPUTED, Launch
from ..probe.devices import role_of
from ..record import frozen_record
from ..safeio import decimal
from ..textfacts import (
    AMD_GPU_NAMED,
    ANOTHER_MACHINE,
    ARM64_KINDS,
    CONTAINER_PROMPT,
    CPU_DOES_THE_WORK,
    DESKTOP_BRANCH,
    FORM_NAMES_OTHER_GPU,
    GPU_NODE_PATH,
    JETSON_CC,
    LINKER_MISSES,
    NEGATED_BEFORE,
    NVIDIA_CARD,
    NVIDIA_GPU,
    OTHER_ARM_BOARD,
    OWN_BUILD_LIBRARY,
    PC_PROSE,
    PROMPT,
    ROCM_RELEASE,
    WORKS_THERE,
    Identity,
    ListedNode,
    Observed,
    Sighting,
    failing_session,
    switch_commands,
    switches_to_root,
)
from .failure import _GPU_DEVICE, _GPU_SOFTWARE, _LOG_PREFIX, _UNNAMED_DENIAL, _VERSIONS_MISMATCH, Failure
from .records import Cause, Statement, SymptomMatch
from .signatures import _family


def _hard_jetson_signs(seen: Observed) -> List[Sighting]:
    """The signs of this machine's Jetson that are more than a name, an image or an arm64 build (WEAK_JETSON)."""
    return [s for s in _this_machine_s(seen.jetson, seen.x86) if s.kind not in WEAK_JETSON]


_CDI_DEVICE = re.compile(r"[\w.-]+\.[\w.-]+/[\w.-]+=")  # a CDI device name: vendor.com/class=name


def _asks_cdi(launch: Launch) -> bool:
    """Whether the launch asks for a device by its CDI name (--device nvidia.com/gpu=0)."""
    return any(_CDI_DEVICE.match(d) for d in launch.devices)


def _path_only_spec(seen: Observed) -> str:
    """The first line of a pasted CDI spec that gives its nodes by path only (textfacts), or ""."""
    return next(iter(seen.said("CDI spec, paths only")), "")


# Jetson signs that name no hardware: a host name or a word; a hard x86 sign outranks them.
WEAK_JETSON = ("host name", "Tegra-only name", "L4T image") + ARM64_KINDS


# PC signs that name no hardware: a discrete-GPU node name, a cloud user, nvidia-smi; any Jetson sign outranks them.
WEAK_X86 = ("discrete-GPU node", "PC hint", "nvidia-smi", "PC software")


# ... and a PC named in words, which may be another machine than the one that failed: no second system of its own.
NOT_SHOWN_X86 = WEAK_X86 + (PC_PROSE,)


# Weak Jetson signs that still name the device (a module, SoC, node or tool only a Jetson has): beside them, a PC
# named in words may be another machine ("works on x86 but not on my Orin"), and the system is left to assume. An L4T
# image, an arm64 build, "L4T" and "JetPack" said alone name software, which a PC can pull and build too; a host name
# may be a person's (thorsten@desktop).
_DEVICE_WORD = re.compile(r"orin|xavier|thor|(?<!in)tegra|jetson|nano|/dev/|nvgpu|nvmap|nvhost|gk20a|gm20b|gp10b|gv11b|ga10b|"
                          r"nvpmodel|jtop|compute capability|sm_|major/minor|device \d|argus|nvdla", re.I)


# Words that say a machine named in prose works ("the notebook runs on Colab without problems", "the same image runs on
# our Jetson Orin boxes") or is where the work is deployed ("the same repo we deploy on Jetson AGX Orin", "our deployment
# target is a Jetson"): another machine.
_SAID_TO_WORK = re.compile(r"\b(?:works?|worked|runs?|ran|running)\b[^.\n]{0,20}?\b(?:on|in)\s+(?:(?:my|the|our|an?)\s+)?"
                           r"([\w-]+)[^.\n]{0,30}?\b(?:fine|well|ok|without (?:any )?(?:problems?|issues?|errors?))\b|"
                           r"\bsame\b[^.\n]{0,40}?\b(?:works?|worked|runs?|ran|passe[sd])\b[^.\n]{0,20}?\b(?:on|in)\s+"
                           r"(?:(?:my|the|our|an?)\s+)?([\w-]+)|"
                           r"\bdeploy(?:s|ed|ing)?\s+(?:it\s+|them\s+)?(?:on\s*to|on|to)\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)|"
                           r"\b(?:deployment|production)(?:\s+(?:target|device|machine|platform|hardware))?\s+(?:is|are)\s+"
                           r"(?:(?:my|the|our|an?)\s+)?([\w-]+)(?=[^.\n]{0,60}?\b(?:works?|runs?)\s+(?:fine|well|ok)\b|"
                           r"[^.\n]{0,60}?\bno (?:issues?|problems?)\b)|"
                           # "works perfectly on the Jetson Orin", "runs fine in x86"
                           r"\b(?:works?|worked|runs?|ran)\s+(?:just\s+)?(?:fine|well|perfectly|flawlessly)\s+(?:on|in)\s+"
                           r"(?:(?:my|the|our|an?)\s+)?([\w-]+)|"
                           # "works on the Jetson, fails on my workstation"
                           r"\bworks?\s+(?:fine\s+|well\s+)?on\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)(?=[^\n]{0,80}?\bfails?\s+on\b)|"
                           # "the Jetson (Orin Nano) runs the same thing fine"; not "works fine for inference, but
                           # the recording fails", where the same machine fails (unless the failure is put elsewhere)
                           r"\b(?:my|the|our)\s+([\w-]+)(?:\s*\([^)\n]{0,40}\))?\s+(?:works?|runs?)\b(?!\s+on\b)[^.\n]{0,30}?"
                           r"\b(?:fine|well|ok|without (?:any )?(?:problems?|issues?|errors?))\b"
                           r"(?![^\n]{0,80}?\bbut\b(?![^\n]{0,60}?\b(?:on|in)\s+(?:my|the|our|an?)\b)[^\n]{0,60}?"
                           r"\b(?:fails?|failed|failing|errors?|crash(?:es|ed)?)\b)|"
                           # "built on a Jetson TX2 which works fine", "tested it on the Orin, where it runs well"
                           r"\b(?:buil[dt]|compiled|tested|tried|installed|ran|run)\s+(?:it\s+)?on\s+(?:(?:my|the|our|an?)\s+)?"
                           r"([\w-]+)[^.,\n]{0,20}?,?\s+(?:which|where\s+it|and\s+it)\s+(?:works?|worked|runs?|ran)\s+"
                           r"(?:just\s+)?(?:fine|well|great|perfectly|flawlessly)\b",
                           re.I)


def _said_to_work(sign: Sighting) -> bool:
    """Whether the words of the sign's line say the machine it names works: then it is not the one that fails. A
    device named there names the sign just after it too ("works on the Jetson (Orin AGX, JP 6.1)")."""
    at = sign.line.lower().find(sign.value.lower())
    for said in _SAID_TO_WORK.finditer(sign.line):
        group = said.lastindex or 1
        name = said.group(group).lower()
        if name in sign.value.lower() or (
                _DEVICE_WORD.fullmatch(name) and said.start(group) <= at <= said.end(group) + 40):
            return True
    return False


def _this_machine_s(jetson: Sequence[Sighting], x86: Sequence[Sighting]) -> List[Sighting]:
    """The Jetson signs that may be this machine's: a Jetson only named in words as the machine where the work runs fine
    or is deployed is another, where a PC's own output shows which machine this is."""
    if not any(s.kind not in NOT_SHOWN_X86 for s in x86):
        return list(jetson)
    return [s for s in jetson if not (s.kind in _NAMED_ONLY and _said_to_work(s))]


PLATFORM_NAMES = {"jetson": "a Jetson", "pc": "a PC with a discrete GPU"}


_DRIVER_VERSION_ERRORS = ("cuda-35", "cuda-803", "cuda-804")


_OOM_AT_START_UP = re.compile(r"\bcuda initiali[sz]ation\b[^\n]{0,40}?\bout of memory\b|"
                              r"\bcuinit\b[^\n]{0,30}?\bout of memory\b|"
                              # (not one that answered True first: "returns True, then I get ... out of memory")
                              r"\b(?:is_available|device_count)\(\)(?:(?!\btrue\b)[^\n]){0,30}?\b(?:i\s+(?:get|got|encounter\w*|see)|"
                              r"raises?|throws?|gives?|returns?|fails?\s+with|failed\s+with)\b"
                              r"(?:(?!\btrue\b)[^\n]){0,30}?\bout of memory\b", re.I)


_PLATFORM_WARNING = re.compile(r"\brequested image's platform\b[^\n]*\bdoes not match\b", re.I)


# What a program says when it finds no GPU or driver where it runs: in a container started without the GPU, the
# container's lack (see readers.py).
_FINDS_NO_GPU = ("cuda-unavailable", "cuda-100", "gl-software-fallback")


_MISMATCH = ("cuda-35", "cuda-34", "cuda-803", "cuda-804", "cuda-222", "cuda-218", "cuda-209", "build-not-for-this-gpu",
             "cuda-200", "cuda-98", "cuda-13", "toolchain-lacks-arch", "nvrtc-unknown-arch", "cuda-3", "cuda-500",
             "cuda-library-missing", "cuda-build-words",
             "wrong-architecture", "tensorrt-init", "cuda-library-status", "image-not-published",
             "failure-gpu-library", "failure-library-placeholder", "failure-version", "failure-library",
             "c-runtime-too-old", "ort-provider-failed", "versions-mismatched", "cublas-handle-alloc",
             "numpy-aliases-removed", "torch-extension-abi", "cuda-301", "torch-distributed-missing",
             "jetson-packages-unmet")


# The GPU's software at fault in other ways than a CUDA version or library: what the reading says of it.
_SOFTWARE_REASONS = {
    "image-not-published": "no image of the GPU's software is published under the tag asked for: not one built for this "
                           "release or machine, not a permission error",
    "wrong-architecture": "the GPU's software is built for another CPU architecture than this machine's, not a "
                          "permission error",
    "jetson-packages-unmet": "the package manager cannot find or install the Jetson's GPU software: its packages are "
                             "published per L4T release and need the board's own L4T packages and the Ubuntu release of "
                             "its L4T, not a permission error",
}


# A library of the system or of a language's runtime, not of any GPU stack: GLib's and GObject's, libffi, LLVM's (Julia's
# own build of it too), Python's own shared library (a conda environment's libffi before the system's GLib is the common
# clash).
_SYSTEM_LIBRARY = re.compile(r"\blib(?:ffi|gobject-2\.0|glib-2\.0|gio-2\.0|python\d(?:\.\d+)?m?|"
                             r"llvm(?:extra)?(?:-[\d.]+(?:jl)?)?)\.so\b|"
                             r"\bundefined symbol: ffi_\w+", re.I)


# Software errors that on a PC have nothing to do with the GPU's driver: the registry's tags, the build's C runtime, the
# versions of the software's own parts.
_NOT_THE_DRIVER_ON_A_PC = {
    "image-not-published": "the image tag is not published (for this platform): the registry's, not the GPU's",
    "numpy-aliases-removed": "the Python code was written for an older NumPy than the one installed: the package's, not "
                             "the GPU's",
    "c-runtime-too-old": "the program was built against a newer C or C++ runtime than the system has: the build's, not "
                         "the GPU's",
    "versions-mismatched": "parts of the software are of versions that do not fit each other: its packaging, not the "
                           "GPU's driver",
    "toolchain-lacks-arch": "the compiler the software brings is older than this GPU: the software's build, not the GPU's "
                            "driver",
    "torch-extension-abi": "a compiled extension built against another PyTorch than the one installed: the package's build, "
                           "not the GPU's driver",
    "cuda-301": "CUDA could not find a file the program loads (a kernel file it ships): the program's install, not the GPU's "
                "driver",
    "torch-distributed-missing": "this PyTorch was built without its distributed package: the build's, not the GPU's driver",
}


_NOT_GPU = ("egl-display", "kms-capture-capability", "portainer-gpu-toggle", "jtop-socket", "clock-tuning-failed",
            "board-switches-off", "openacc-data-error",
            "illegal-instruction", "cuda-2", "cuda-304", "cuda-turned-off", "cuda-101", "device-index-beyond-one",
            "cuda-701",
            "cuda-700", "cuda-702", "cuda-719", "cuda-710", "cuda-1", "cuda-9", "cuda-36", "cuda-400", "cuda-716", "cuda-713",
            "cuda-715", "cgroup-bpf-missing", "sysctl-denied",
            "smi-memory-unreported", "smi-no-processes", "other-permission", "dcgm-profiling-unsupported", "flag-joined-to-value",
            "out-of-memory", "no-passwd-entry", "seccomp-filter", "build-error", "package-not-found",
            "gpu-package-source-build", "gpu-works-words", "failure-other", "foreign-binary",
            "docker-daemon-access", "engine-name-refused", "static-tls", "cuda-after-fork", "shm-exhausted",
            "image-lacks-libgl", "other-device",
            "tool-not-found", "mainline-tegra", "gpu-node-busy",
            "profiler-counters", "account-setup-error", "failure-filesystem", "failure-other-library",
            "failure-camera", "failure-data-file", "board-not-booting", "registry-access", "network-failure", "performance-words",
            "gpu-vendor-unsupported", "tensorrt-plugin-missing", "tensors-on-two-devices", "scheduler-config",
            "program-fix-words", "output-parse-failed", "engine-config-refused", "mobile-gpu-delegate",
            "nvjpeg-hardware-unsupported", "video-codec-unsupported", "video-codec-not-built", "gpu-fault-xid",
            "board-power-limit", "smi-cuda-version-read",
            "ldconfig-not-a-link", "deepstream-optional-plugin", "option-unknown", "python2-code", "ci-runner-unavailable",
            "python-import-name", "profiler-unsupported", "notebook-kernel-unavailable", "gpus-all-taken")


# Failure kinds (FAILURE_KINDS) that name the part that broke: the driver, a node, the runtime's injection, a library.
_NAMES_WHAT_BROKE = ("driver", "gpu-node", "injection", "gpu-library", "library")


# Failures no family names, whose lines name nothing of CUDA or a library of the GPU's stack.
_PLAIN_FAILURES = ("failure-other", "failure-other-library")


# What a PC's GPU does besides CUDA: its video encoder and decoder (NVENC, NVDEC, VDPAU, VA-API), its graphics stack
# (OpenGL, GLX, EGL, Mesa, GBM, Vulkan), the DRM devices and kernel drivers behind them, and the card or its driver in
# words. (Mesa only as its loader, a release or beside its drivers: "mesa" is also a Python package.)
_PC_GPU_FUNCTION = re.compile(r"\bnv(?:enc|dec)\b|_nv(?:enc|dec)\b|\bnvcodec|\bcuvid|\bvdpau|\bva-?api\b|\blibgl\b|"
                              r"\bmesa(?:-loader\b|\s+\d|\b(?=[^\n]{0,40}\b(?:drivers?|dri|gl|vulkan)\b))|\bglx\w*|\begl\b|"
                              r"\b(?:mini)?gbm\b|\bvulkan|\bopengl\b|/dev/dri\b|\bdrm\b|\brenderd\d+|\bi915\b|\bxe driver\b|"
                              r"\bamdgpu\b|\bradeonsi\b|\bnouveau\b|"
                              r"\b(?:graphics|video|display) (?:card|driver|adapter)s?\b", re.I)


# Of those, what on a PC is the PC's own: its sandboxes' refusals (304), the watchdog of a card that drives a display (702),
# its driver's option that keeps the performance counters to admin users.
_THE_PC_S_OWN = ("cuda-304", "cuda-702", "profiler-counters")


# Of those, what a session denied a GPU node meets too: the listed nodes and `id` that show the denial say more. A
# camera pipeline's failing line no family names (on JetPack 4 and 5 Argus opens the Tegra nodes), and memory that
# cannot be had (an allocation from a memory manager the session may not open reads as out of memory: VPI, NvMap).
_OUTWEIGHED_BY_A_DENIAL = ("failure-camera", "out-of-memory")


# What the GPU's engines lack (a codec, a hardware JPEG decoder): the failure only where no line of its own says the
# GPU's driver or libraries failed; said of another request, it tells nothing of the one that fails.
_ENGINE_LACKS = ("video-codec-unsupported", "nvjpeg-hardware-unsupported")


# CUDA's compiler and the tools it runs: what `nvcc` needs from /usr/local/cuda/bin and nvvm/bin.
_CUDA_TOOLCHAIN = re.compile(r"(?<![\w.-])(?:nvcc|cicc|ptxas|nvlink|fatbinary)\b", re.I)


# CMake's words for a CUDA toolkit it cannot find: a build on the machine itself (a shell without nvcc is as often a
# runtime image's, which has no compiler by design).
_CMAKE_FINDS_NO_CUDA = re.compile(r"\b(?:cuda_toolkit_root_dir|cmake_cuda_compiler|cudatoolkit_root)\b|\bfind cuda\s*\(missing:|"
                                  r"\bcould not find cudatoolkit\b|\bfailed to find nvcc\b", re.I)


# CMake's configure step failing, without saying what it missed.
_CMAKE_CONFIGURE_FAILED = re.compile(r"\bconfiguring incomplete, errors occurred\b", re.I)


# A variable or an option set for a run said to work or complete (a CPU control run beside the failing one), not said
# not to: no statement about the failing run.
_CONTROL_RUN = re.compile(r"(?<!\bnot )(?<!n't )(?<!\bnever )\b(?:works?|worked|fine|succeed(?:s|ed)?|passe[sd]|complete[sd]?)\b",
                          re.I)


# What a program brings with it that does not fit the GPU's software, and why on each system: on a PC the program's own
# to rebuild or reinstall, on a Jetson a build for its L4T release (TensorRT and CUDA come with the release). (A card too
# old for the build is on a PC a build without the card's kernels, filed with _NO_KERNELS_ON_A_PC, where it is what
# fails; beside another failure it is a note about one card, as on a workstation whose console card is old.)
_PROGRAM_BUILDS = {
    "engine-version": ("a TensorRT engine file built by another TensorRT version, or for another GPU, than the one "
                       "loading it: the engine is the program's to rebuild where it runs",
                       "a TensorRT engine file built by another TensorRT version or on another module: on a Jetson "
                       "TensorRT comes with the L4T release, so the engine is rebuilt on this release and module"),
    "cpu-only-build": ("the program was built without CUDA, so it never asks for the GPU: its CUDA build is needed, "
                       "not access", "the program was built without CUDA: on a Jetson it needs a build for the L4T "
                       "release's CUDA (generic arm64 wheels carry none)"),
    "gpu-too-old": ("the GPU is older (a lower compute capability) than the program's build supports, and another "
                    "failure is the paste's: a note about one card beside work that fails for its own reason",
                    "the program's build does not support this Jetson's GPU (its compute capability is under the "
                    "build's minimum): a build that includes the module's architecture is needed"),
}


# A PC's card that its CUDA software has no kernels for, said by a mismatch: a card newer than the build (CUDA's 209, a
# build said not to be for it), filed with the PC's CUDA software, as a Jetson's is with the Jetson's. (A card older than
# the build's minimum is filed with them too, where it is what fails: gpu-too-old, read beside them.)
_NO_KERNELS_ON_A_PC = ("cuda-209", "build-not-for-this-gpu")


# A TensorRT engine said to be built for another GPU model (not by another TensorRT version): on a PC the card's own
# kernels are what it lacks, as above. TensorRT's error names the loading card's compute capability first, and its
# warning about an engine from another model is the failure only where nothing else fails.
_ENGINE_FOR_ANOTHER_GPU = re.compile(r"\bgenerated on an incompatible device\b(?!,\s*expecting compute " + JETSON_CC +
                                     r"\b)", re.I)


_ENGINE_FROM_ANOTHER_MODEL = re.compile(r"\bacross different models of devices\b", re.I)


def _engine_for_another_pc_card(line: str, ids: Sequence[str]) -> bool:
    """Whether a PC's engine line says the engine was built for another card model than the PC's own (not a Jetson's,
    which TensorRT's "expecting compute 8.7" names as the card that loads it)."""
    return bool(_ENGINE_FOR_ANOTHER_GPU.search(line)) or (
        bool(_ENGINE_FROM_ANOTHER_MODEL.search(line)) and set(ids) <= {"engine-version", "gpu-works-words"})


# A line that names the driver as part of what does not fit ("my driver and CUDA combination were not compatible"), not
# one that clears it ("the driver is not the problem").
# (not a module path's word: "cupy_backends.cuda.api.driver.CUDADriverError")
_DRIVER_BLAMED = re.compile(r"(?<!\.)\bdrivers?\b(?!\.\w)(?![^.\n]{0,12}\b(?:is|was|isn't|wasn't)\s+(?:not\s+)?(?:the\s+)?"
                            r"(?:not|fine|ok|problem|issue|cause)\b)", re.I)


# A package manager's step that installs the GPU's software ("uv sync --extra gpu", "pip3 install torch"): a build that
# fails there most often found no build of it for this machine, which is the software, not a build error of its own.
_GPU_INSTALL = re.compile(r"\b(?:pip3?|uv|conda|mamba|apt(?:-get)?)\s+(?:install|sync|add)\b[^&|;\n]*?"
                          r"(?<![\w.-])(?:gpu|cuda[\w.-]*|libcudnn\w*|cudnn\w*|torch\w*|tensorrt|libnvinfer\w*|tensorflow\w*|"
                          r"onnxruntime-gpu|cupy\w*|jax\w*|nvidia-(?:jetpack|l4t)[\w-]*)(?![\w])", re.I)


# A line that says "version" (or "unsupported") and names neither the GPU's software, its architecture, an ABI, what it
# is supported on, nor a requirement ("this version of numpy is 0xb", "unsupported interpolation method: bicubic")
# speaks of the program's own packages or features.
_VERSION_OF_THE_GPU = re.compile(_GPU_SOFTWARE.pattern + r"|\bsm\b|\bsm_?\d{2,3}\b|compute capability|\babi\b|undefined "
                                 r"(?:symbol|reference)|supported\s+(?:on|by|for|with)\s+(?:this|the|your|that)\s+(?:gpu|device|"
                                 r"platform|architecture|driver|system|release|version)|supported\s+(?:gpus?|devices?|"
                                 r"architectures?|platforms?|versions?)|unsupported\b[^\n]{0,40}\bversion|"
                                 r"\bversion\b[^\n]{0,40}\b(?:un|not )supported|" + _VERSIONS_MISMATCH +
                                 r"|incompatible|conflict|requir|\bneeds?\b|"
                                 r"\bnewer\b|\bolder\b", re.I)


# Words that say who is denied (root works, another user does not): the symptom, which a not-GPU error also has.
_SYMPTOM_WORDS = ("denial-words",)


# An image named by repository and tag ("stereolabs/zed:3.1-py-runtime-jetson-jp4.3").
_IMAGE_NAME = re.compile(r"[\w.-]+/[\w./-]+:[\w.-]+")


# General-purpose images a helper container runs (a chown, a copy): no GPU program of theirs crashes.
_BASE_IMAGE = re.compile(r"(?:docker\.io/)?(?:library/)?(?:busybox|alpine|ubuntu|debian|fedora|centos|bash|curlimages/curl)"
                         r"(?::[\w.-]+)?$")


# A line as `docker compose` prints a service's log ("detector-1  | ...").
_COMPOSE_LOG = re.compile(r"^[\w.-]+[-_]\d+\s+\|")


# A program that died of a signal rather than an error it reported.
_CRASH = re.compile(r"\bsegmentation fault\b|\bcore dumped\b|\bSIGSEGV\b|\bSIGABRT\b|\bbus error\b", re.I)


# CUDA's start-up, where a denied node fails too (PyTorch's "Unexpected error from cudaGetDeviceCount()" has no code).
_START_UP = re.compile(r"cudaGetDeviceCount|cudaGetDevice|cudaSetDevice|\bcuInit|\bcuda_?init|initiali[sz]|device count|"
                       r"cuda-capable|cudaFree\(0\)|\bcontext\b", re.I)


def _no_context(symptom_id: str, line: str) -> bool:
    """CUDA out of memory while it starts ("CUDA initialization failure with error 2"): no context could be made, which
    is the driver's state as much as memory, and on a PC the driver's."""
    return symptom_id == "cuda-2" and bool(_START_UP.search(line))


# A program naming the GPU it detected ("Detected NVIDIA Thor GPU, which is not yet supported"), not one it did not find.
_GPU_DETECTED = re.compile(r"\b(?:detected|found)\s+(?!no\b|any\b|none\b)(?:an?\s+)?(?:nvidia\s+)?(?:[\w-]+\s+){0,6}?gpus?\b", re.I)


# What keeps a Jetson's GPU failure from being read as past start-up: start-up itself, a denial, or memory.
_NOT_PAST_START_UP = re.compile(_START_UP.pattern + r"|\bdenied\b|\ballocat|\bmemory\b|" + _UNNAMED_DENIAL.pattern, re.I)


# A framework built on CUDA itself, whose GPU build is a wheel of its own (not an application that looks for the GPU its
# own way).
_CUDA_FRAMEWORK = re.compile(r"\b(?:tensorflow|tf|keras|torch|pytorch|jax|jaxlib|cupy|paddle(?:paddle)?|mxnet)\b", re.I)


# A program's own words that it found no GPU, which say nothing of why.
_NO_GPU_SAID = ("cuda-unavailable", "gpu-not-detected")


_ON_THE_CPU = re.compile(CPU_DOES_THE_WORK, re.I)  # (the work said to run on the CPU)


# A Python index with no build of a GPU package for this machine: pip's words, PyPI's placeholder package for PyTorch,
# or the reporter's ("I can't find the wheel of torchaudio", "no pytorch package was given for python3.7").
_GPU_WHEEL = r"(?:torch\w*|pytorch|tensorflow|tensorrt|onnxruntime[\w-]*|jaxlib|cupy[\w-]*|pycuda)"


_INDEX_LACKS_GPU = re.compile(r"cannot install\s+(?:torch|torchvision|torchaudio|tensorflow|tensorrt|onnxruntime-gpu|"
                              r"jaxlib|cupy[\w-]*)(?:[=<>~!]|\s|$)|"
                              r"(?:no matching distributions? found for|could not find a version that satisfies the "
                              r"requirement)\s+[`'\"]?[\w.-]*(?:gpu|cuda|cu1\d\d|tensorrt|torch|onnxruntime|tensorflow|"
                              r"cupy|pycuda|jax)|\bpytorch does not currently provide packages for pypi\b|"
                              r"\b(?:wheels?|packages?)\s+(?:of|for)\s+" + _GPU_WHEEL + r"\b|\b" + _GPU_WHEEL +
                              r"\s+(?:wheels?|packages?)\b", re.I)


_EITHER_WAY = re.compile(r"\b(?:whether or not|regardless of whether|no matter (?:whether|if)|either way|with or without)\b|"
                         r"\bwhether\b[^\n]{0,80}?\bor\b", re.I)


_NVML_ASSERT = re.compile(r"nvml_success == r internal assert failed", re.I)


# A model or engine file said only not to work ("using the resulting TensorRT model inside the container did not work"):
# no error, so nothing the container could lack.
_MODEL_UNWORKING = re.compile(r"^(?![^\n]*\b(?:errors?|fail\w*|denied|cannot|can't|unable|not found|crash\w*|exception)\b)"
                              r"[^\n]*\b(?:models?|engines?|plan|weights|onnx)\b[^\n]{0,60}?\b(?:(?:does|do|did)(?:\s+not|n't)"
                              r"\s+work|not\s+working)\b", re.I)


# Installing or building software, not running it: a failure there is the software's, not a node's.
_PACKAGING = re.compile(r"^(?![^\n]*\bengine\b)[^\n]*\b(?:pip3?|install(?:ed|ing|s)?|build(?:ing|s)?|compil\w*|wheels?)\b",
                        re.I)  # (building a TensorRT engine runs on the GPU)


# A build's own tools missing: a compiler, or a header of no GPU library ("Python.h: No such file or directory")
_BUILD_TOOL_MISSING = re.compile(r"\bcommand\s+'[^'\n]*?(?:gcc|g\+\+|c\+\+|clang(?:\+\+)?|cc)'\s+failed\b|"
                                 r"\bfatal error:\s*(?!(?:cuda|cudnn|cublas|cufft|curand|cusparse|cusolver|nvinfer|nvml|npp|"
                                 r"nccl|thrust|cub|nvrtc|nvtx)\w*)[\w./-]+\.h(?:pp)?:\s*no such file\b", re.I)


# Python's import failing for a module that is not installed (ModuleNotFoundError).
_MODULE_MISSING = re.compile(r"\bno module named\b", re.I)


# A library that failed to load, or to link (not one a package manager failed to install, nor one that loaded and lacks
# a symbol of another version): what a missing mount looks like.
_LIBRARY_LOAD = re.compile(r"cannot open shared object|no such file|not found|dlopen|undefined reference|_load_global_deps|"
                           r"(?:could not|couldn't|failed to|unable to|cannot|can't) (?:load|open|find|locate)", re.I)


# The library a line says is not there: the one right before the loader's "cannot open shared object file" (not the
# program that needs it, named first, nor DeepStream's plugin in "Could not open lib: X, error string: Y: cannot open"),
# the linker's "X, needed by Y, not found", ldd's "X => not found"; and DeepStream's plugin where no other is named.
_MISSING_LIBRARY = re.compile(r"\b(lib[\w+-]+)\.so[.\d]*(?::\s*cannot open shared object|,\s*needed by\b|\s*=>\s*not found)",
                              re.I)


_PLUGIN_NOT_OPENED = re.compile(r"\bcould not open lib:\s*\S*?(?<![\w+-])(lib[\w+-]+)\.so", re.I)


_SHARED_MEMORY_PC = re.compile(r"\bGB10\b|\bDGX[\s-]?Spark\b|\bGH200\b|\bGrace\b", re.I)


# CUDA's own answer whether it sees a GPU (not a program's detection of its own, nor an option it was given; not
# OpenCV's getCudaEnabledDeviceCount(), which a build without CUDA answers 0).
_CUDA_OWN_CHECK = re.compile(r"is_available|cuda available|cudaGetDeviceCount|\bcuInit|(?<![a-z])device_?count\(\)", re.I)


# Windows' Linux: its GPU is /dev/dxg, with no seat or render node.
_WSL = re.compile(r"\bWSL|microsoft-standard|\bWindows Subsystem for Linux\b", re.I)


# Docker Desktop on Windows, whose containers get a GPU through its WSL 2 back end only.
_DOCKER_DESKTOP_ON_WINDOWS = re.compile(r"\bWindows\b(?:(?!\bnot\b)[^\n]){0,40}\bDocker Desktop\b|"
                                        r"\bDocker Desktop\b(?:(?!\bnot\b|\bno\b)[^\n]){0,40}\bWindows\b", re.I)


# NVIDIA's own compute stack named on a line: its /dev/nvidia* on a PC are open to every user.
_NVIDIA_STACK = re.compile(r"\bcuda|\bcudnn|\bcublas|\btensorrt\b|\bnvidia\b|\bnvml\b", re.I)


# An AMD or Intel GPU by its name, and what only an NVIDIA GPU serves: CUDA finding no device or driver, CUDA's
# driver library (nvcuda.dll, libcuda) and its own libraries (cublas64_12.dll, libcublasLt.so.11), NVML, NVIDIA's
# encoder and decoder.
_OTHER_VENDOR_GPU = re.compile(r"\bradeon\b|\bamd\s+(?:integrated\s+)?(?:i?gpu|graphics|card)\b|\brx\s?[4-9]\d{2,3}\b|"
                               r"\binstinct\b|\bmi[123]\d0x?\b|\bvega\s?(?:56|64|[3-9]|1[01])?\b|"
                               + ROCM_RELEASE + r"|" + AMD_GPU_NAMED + r"|"
                               r"\bintel\b[^\n]{0,12}\b(?:i?gpu|graphics|arc|iris|uhd)\b|\binter graphics card\b|"
                               r"\barc\s+[ab]\d{3}|\biris\s+xe\b|"
                               r"\buhd\s+graphics\b|\bxe\s+graphics\b|\bamd\s*(?:的\s*)?显卡|"
                               # (ZLUDA runs CUDA programs on AMD's GPUs, in place of nvcuda.dll)
                               r"\bgpu\.intel\.com/|\bzluda\b|" + FORM_NAMES_OTHER_GPU, re.I | re.M)


# What an NVIDIA GPU whose driver is not there leaves: CUDA finding no device or driver (CUDA's runtime says its driver
# is too old where there is none at all: error 35 on the Intel-only and Radeon-only PCs of C0untFloyd/roop-unleashed#586
# and myshell-ai/OpenVoice#234), NVIDIA's GL and Vulkan library failing, nvidia-smi's "No devices were found"; a laptop's
# NVIDIA GPU, unseen beside its integrated one, leaves the same.
_NVIDIA_UNSEEN = re.compile(r"\bno cuda-capable device\b|\bcuda[_ ]error[_ ]no[_ ]device\b|\bfound no nvidia driver\b|"
                            r"\bcuda driver version is insufficient\b|\blibglx_nvidia\b|\bno devices were found\b", re.I)


_NVIDIA_ONLY = re.compile(_NVIDIA_UNSEEN.pattern + r"|\bnvcuda\.dll\b|\bcu\w*64_\d+\.dll\b|\blibcuda\.so\b|"
                          r"\blib(?:cudart|cublas\w*|cudnn\w*|cufft\w*|curand|cusparse\w*|cusolver\w*|nvrtc\w*|nvinfer\w*)\.so\b|"
                          r"\bnvml shared library not found\b|\blibnvidia-ml\.so\b|\bnvml\.dll\b|"
                          r"(?<![a-z0-9])(?:nvenc|nvdec|cuvid)\b|could not dynamically load cuda", re.I)


# (and an NVIDIA card beside it, by more than its model's name: NVIDIA named, a GeForce by its number (a short one
# with its brand or owner: not Intel's "UHD Graphics 770"), a data-centre card by its model (not AMD's A10 APU, nor
# gcc's -m64 or a p99 percentile), an eGPU)
_NVIDIA_BESIDE = re.compile(r"\bnvidia\b|\b(?:rtx\s*)?[1-5]0[5-9]0\b|\bgtx?\s*1[65][56]0\b|\begpu\b|"
                            r"\b(?:gtx|geforce)\s*[6-9][5-8]0(?:\s?ti)?\b|(?:(?<=\bmy )|(?<=\bold ))[6-9][5-8]0\b|"
                            r"(?<!amd )(?<!-)\b(?:(?-i:[KMP]\d{2})|P4|P100|T4|V100|A2|A10G?|A16|A30|A40|A100|A800|A[2-6]000|"
                            r"L4\d?S?|H[12]00)\b(?![-\w])", re.I)


# (and an integrated one, beside which a laptop often has an NVIDIA GPU whose driver is not loaded: there CUDA finding
# no device or driver may be that GPU's)
_INTEGRATED_GPU = re.compile(r"\bintel\b|\bwith\s+radeon\s+graphics\b|\bintegrated\b|\bradeon\s+(?:vega\s+)?graphics\b", re.I)


# ("Intel Iris Xe graphics only", "no dGPU"; not "the iGPU only drives the panel", "no discrete GPU driver loaded")
_NO_DISCRETE_SAID = re.compile(r"\b(?:graphics|i?gpu)\s+only\b(?=\s*(?:[),.;:(]|$))|"
                               r"\b(?:no|without\s+(?:an?\s+)?)\s*(?:dgpu|discrete\s+(?:gpu|graphics|card)|nvidia\s+(?:gpu|card))\b"
                               r"(?!\s+(?:driver|module))", re.I)


# A PC's GPU that CUDA-free stacks reach through the render node (AMD, Intel and their OpenVINO, oneAPI and SYCL, Mesa,
# Vulkan's software fallback).
_RENDER_NODE_GPU = re.compile(r"radeon|amd(?!64)|rocm|gfx\d|intel|arc\s|iris|uhd|i915|mesa|radv|llvmpipe|vulkan|openvino|cldnn|"
                              r"oneapi|sycl|level.?zero", re.I)


# Jetson modules without a deep-learning accelerator (NVIDIA's module data sheets: DLA cores on AGX Xavier, Xavier NX,
# AGX Orin and Orin NX only).
_WITHOUT_DLA = re.compile(r"\borin\s+nano\b|(?<!orin )\bnano\b|\btx[12]\b", re.I)


_WITH_DLA = re.compile(r"\bagx\s+orin\b|\borin\s+nx\b|\bxavier\b", re.I)


# A line that ties what it says to a remote session: "when running it through SSH", "over PuTTY", "via xrdp".
_OVER_REMOTE = re.compile(r"\b(?:through|over|via|from|using|in)\s+(?:an?\s+|the\s+|my\s+)?(?:ssh|putty|xrdp|vnc|"
                          r"remote (?:login|session|shell|desktop))\b", re.I)


# Words that tell a program saw no GPU but not why: a failing line that names what failed tells more.
_UNTELLING_WORDS = ("gpu-not-detected",)


# The driver's own installation failing or switched off: its persistence daemon, a cluster's driver installer.
_DRIVER_INSTALL = ("persistenced-failed", "driver-install-off")


# Families that note something harmless, no failure: ldconfig's warning that a soname is a copy, DeepStream's plugins
# without their optional libraries, and nvidia-smi's CUDA version read as the installed CUDA's.
_NOTES = ("ldconfig-not-a-link", "deepstream-optional-plugin", "smi-cuda-version-read")


# The kinds of failing line a note gives way to, unless the note is of that line: the GPU's nodes, libraries, driver or
# versions.
_TELLING_FAILURES = ("gpu-node", "library-placeholder", "gpu-library", "driver", "injection", "device-permission", "library",
                     "version")


# Families read again by the failing lines when those name a GPU library (a build that cannot link libcuda).
_GPU_LIBRARY_REREAD = ("build-error",)


# ...but not the linker's word that libcuda is not where it looks, in an image's build or on a PC: a build in a container
# has no driver library, which the NVIDIA runtime mounts only when a container runs, and a PC's build machine may have no
# driver; the build links CUDA's stub instead. (On a Jetson itself, libcuda comes with L4T: missing, L4T is broken.)
_DRIVER_UNSEEN_AT_LINK = re.compile(r"\bld: warning: libcuda\.so[.\d]*, needed by\b|\bld: cannot find -lcuda\b", re.I)


# ...nor, outside a container, its word that a library of CUDA's toolkit is not where it looks: those lie under
# /usr/local/cuda, which the linker does not search on a Jetson or a PC, so the build was not told where CUDA is.
# (JetPack's own libraries, TensorRT's among them, lie where the linker looks: one missing there is the software.)
# (a static library's name too)
_TOOLKIT_UNSEEN_AT_LINK = re.compile(LINKER_MISSES + r"(?:cuda::)?(?:cudart|cudadevrt|cublas(?:lt)?|curand|cufft|cusparse|"
                                     r"cusolver|nvrtc|npp\w*|nvtoolsext|nvjpeg)(?:_static)?\b", re.I)


# Where a paste names CUDA or a Tegra at all: then a render node it names may be CUDA's on a Jetson.
_CUDA_NAMES = ("cuda", "cuinit", "cuctx", "tegra", "jetson", "l4t", "jetpack", "nvmap", "nvhost", "tensorrt", "nvrm",
               "deepstream")


_TEGRA_NODE = re.compile(r"/dev/nv(?!idia)|nvhost|nvmap", re.I)


_TOOLKIT_WORDS = re.compile(r"(?<!cuda)(?<!cuda[\s_-])toolkit|libnvidia-container|nvidia-container|nvidia-ctk", re.I)


_RENDER_WORDS = re.compile(r"/dev/dri|renderd\d|\brender\b", re.I)


_TEGRA_WORDS = re.compile(r"/dev/nv(?!idia)|nvhost|nvmap|\bvideo\b", re.I)


# A denial of a GPU node, in words or by a failing line that names the node: what a launch that drops groups causes.
_NODE_DENIALS = ("denial-words", "render-node-denied", "failure-gpu-node", "failure-device-permission")


# Families that say in words how the session got (or lost) its groups: the mechanism, on any system.
_SESSION_FAMILIES = ("seat-login-words", "groups-lost-words", "groups-missing-words")


# A virtual machine's vGPU driver the host's vGPU manager refuses (Xid 78, NVIDIA Virtual GPU Software documentation):
# the guest runs another vGPU release's driver, which no reboot or reinstall of it mends.
_VGPU_GUEST_REFUSED = re.compile(r"\bguest driver is incompatible with (?:the\s+)?host driver\b", re.I)


# CDI mode said in words: LXD's and Incus' own, beside them, not the container toolkit's, unless the line is the NVIDIA
# runtime's or an engine's own.
_CDI_MODE = re.compile(r"\bcdi[- ]mode\b", re.I)


_ENGINE_RUNTIME = re.compile(r"\boci runtime\b|\bnvidia-container-runtime\b|\bdocker\b|\bpodman\b", re.I)


# Families an OCI runtime error line carries as its own reason: the reason, not the hook, is the reading.
_OCI_REASONS = ("seccomp-filter", "toolkit-state", "cgroup-bpf-missing", "sysctl-denied", "gpu-request-unknown-device")


# A CDI device the engine cannot resolve (no spec names it), and a container toolkit named with its version.
_CDI_UNRESOLVED = re.compile(r"unresolvable cdi devices?|failed to inject cdi devices|cdi spec (?:was )?not found|"
                             r"no (?:nvidia )?cdi spec", re.I)


_TOOLKIT_VERSION = re.compile(r"(?:nvidia-container-toolkit|libnvidia-container[\w-]{0,32}|nvidia-ctk)\W{0,4}(?:[<>=]+\s*)?v?"
                              r"\d+\.\d+", re.I)


# A toolkit release said to be where it broke: "1.17.3 breaks CSV mode", "the 1.17.0 release of ... broke", "since the
# upgrade to nvidia-container-toolkit ...".
# Who upgraded it, and the upgrade ("we upgraded", "apt upgraded", "ansible updated", "dnf upgrade"; not "since before
# updating").
_UPGRADED_BY = (r"(?:apt(?:-get)?|dnf|yum|zypper)\s+(?:upgrade|update|full-upgrade|dist-upgrade)|"
                r"(?!before\b|after\b|then\b|when\b|while\b|until\b)(?:the\s+system|[\w-]+)\s+(?:upgraded|updated)")


_TOOLKIT_RELEASE_BLAMED = re.compile(r"\b(?:incompatible|a regression|broke|breaks|broken)\b|\b(?:since|after)\s+"
                                     r"(?:" + _UPGRADED_BY + r"|(?:the\s+|an?\s+|our\s+|this\s+|that\s+)?(?:upgrad|updat)\w*)\b",
                                     re.I)


# The host's driver removed by the same run as the toolkit's upgrade ("the same run autoremoved nvidia-driver-535", "it
# also uninstalled the nvidia driver"): the driver's loss, not the toolkit's release.
_DRIVER_CHANGED = re.compile(r"\bautoremov\w*\s+(?:the\s+)?nvidia[- ]driver|"
                             r"\bwhich\s+(?:also\s+)?(?:remov|uninstall|purg)\w*\s+(?:the\s+)?nvidia[- ]driver|"
                             r"\b(?:same|that|this)\s+(?:apt\s+)?(?:run|upgrade|update|transaction)\b[^\n]{0,40}?"
                             r"\b(?:remov|uninstall|purg)\w*\s+(?:the\s+)?nvidia[- ]driver|"
                             r"\b(?:also|along\s+with)\b[^\n]{0,30}?\b(?:remov|uninstall|purg)\w*\s+(?:the\s+)?nvidia[- ]driver",
                             re.I)


# What a line says went back or moved ("downgrading torchvision back to", "since the upgrade to JetPack 6.0"), and
# software other than the toolkit among it (a framework, a library, the OS, a kernel).
_MOVED_OBJECT = re.compile(r"\b(?:downgrad\w*|revert\w*|roll(?:ing|ed)?\s*back|pinn(?:ing|ed)|upgrade\s+to|update\s+to)\s+"
                           r"(?:back\s+)?(?:to\s+)?(?:(?:a|an|the|my|our)\s+)?(?:(?:previous|older|earlier)\s+)?[`'\"]?"
                           r"([\w.+-]+(?:\s+[\w.+-]+)?)", re.I)


_OTHER_SOFTWARE_NAMED = re.compile(r"\b(?:torch\w*|tensorflow|onnxruntime[\w-]*|tensorrt|cudnn|cuda|numpy|opencv|jax|"
                                   r"jetpack|l4t|kernel|driver|firmware|bsp|ubuntu|python|pip|docker|containerd|podman|"
                                   r"runc|crun)\b", re.I)


_LEGACY_MODE = re.compile(r"auto-detected mode as '?legacy", re.I)


# Overflow ids: a node whose owner and group map to no id of the user namespace (rootless engines).
_OVERFLOW = ("nobody", "nogroup", "65534")


_DENIALS = ("cuda-801", "cuda-999", "cuda-100", "nvmap-denied", "nvidia-node-denied", "nvrmgpu-open", "render-node-denied",
            "nvrm-channel", "denial-words", "failure-gpu-node", "failure-device-permission")


# The driver library comes from the host through the NVIDIA runtime: missing (or an empty placeholder
# left by the CSV mounts), the container was started without it.
_DRIVER_LIBRARY = re.compile(r"libcuda\.so[.\d]*:\s*cannot open|\.so[.\d]*:\s*file too short", re.I)


# The driver's libraries by name (libcuda, NVML, the video engine's), which the runtime brings into a container and an
# image does not carry: one missing where the launch asked for no GPU is what the runtime would have brought.
_INJECTED_LIBRARY = re.compile(r"\blib(?:cuda|nvidia-[\w-]+|nvcuvid)\.so\b", re.I)


# CUDA's own libraries (the runtime, the math libraries, cuDNN, TensorRT; by file or by CMake's variable for one): a
# container brings them itself from R34 on; the driver's and the Tegra platform's libraries (libcuda, libnvrm*,
# libnvmedia*, ...) come from the host on every release.
_CUDA_STACK = re.compile(r"lib(?:cudart|cublas\w*|cufft\w*|curand\w*|cusparse\w*|cusolver\w*|npp\w*|cudnn\w*|nvinfer\w*|"
                         r"nvonnxparser\w*|nvparsers|nvrtc\w*|nvjpeg|nvjitlink|cupti)\b|(?<![\w-])-l(?:cudart|cublas|cudnn|"
                         r"nvinfer|nvparsers|nvonnxparser)|/usr/local/cuda|"
                         r"\bcuda_(?:cudart|cublas|cufft|curand|cusparse|cusolver|npp|nvrtc|nvjpeg|cupti)\w*_library\b", re.I)


_HOST_DRIVER = re.compile(r"libcuda\.so|nvrm|libnvidia-|libnvos|libnvmedia|/tegra/", re.I)


_NVCC = re.compile(r"\bnvcc\b|'gpu-architecture'", re.I)


# A desktop driver's release number ("580.119", "550.90.07"; not an address's "192.168.1.10"): packages of that release
# out of step are the driver's, split between its kernel module and its libraries.
_DRIVER_RELEASE = re.compile(r"(?<![\w.])" + DESKTOP_BRANCH + r"\.\d{2,3}(?:\.\d{2})?(?!\d|\.\d)")


# The GPU's graphics libraries as a sandbox maps them in from the host (snapd's, Apptainer's), GLVND's dispatch, or a
# Mesa driver that fails to load: a PC's GPU stack that does not fit the program's runtime.
_HOST_GRAPHICS = re.compile(r"\blib(?:EGL|GLX|GL|GLESv2)(?:_nvidia)?\.so|/snapd/lib/gl/|\.singularity\.d/libs/|"
                            r"MESA-LOADER: failed to open \w+", re.I)


# ... unless the host's own tools say so (libnvidia-container's log lines, its driver service): then the host lacks it.
_HOST_TOOL = re.compile(r"^[IWEF]\d{4} [\d:.]+\s+\d+ \w+\.c:\d+\]|nvidia-container-cli|driver service", re.I)


# NVML refusing one query, not starting: "dev.AverageGPUUtilization() error: nvml: Not Found" (mindprince/gonvml#10, where
# the same run counted and named the GPU), "nvmlDeviceGetFanSpeed: Not Supported", an exporter's "power query failed:
# nvml error: 3" (NVML_ERROR_NOT_SUPPORTED; 6 is NOT_FOUND); not a device looked up by its handle or count, which a GPU
# fallen off the bus fails).
_NVML_QUERY_UNANSWERED = re.compile(r"^(?![^\n]*\b(?:init\w*|failed to initiali[sz]e|driver/library version mismatch)\b)"
                                    r"[^\n]*\b(?:(?:\w+\(\)\s+error:\s*nvml|nvml\w*get(?!handle|count)\w*)\b[^\n]{0,20}?:\s*"
                                    r"(?:not found|not supported)|(?:quer(?:y|ies)\s+failed|failed\s+to\s+query\b[^\n]{0,60}?):"
                                    r"\s*(?:nvml(?:\s+error)?:?\s*(?:[36](?![\d.])|not found|not supported)|"
                                    r"nvml_error_not_(?:supported|found)))\b", re.I)


# The graphics APIs a display serves (EGL, GLX, OpenGL, OpenGL ES).
_GL_API = re.compile(r"\begl\w*|\bglx\w*|\bopengl\b|\bgles\w*", re.I)


_GRAPHICS = re.compile(r"NVIDIA_DRIVER_CAPABILITIES=['\"]?[\w,]*(?:display|graphics)", re.I)


_OPEN_FAILED = re.compile(r"opening channel /dev/\S+ failed|failed to open '?/dev/", re.I)


_NO_PERMISSION = re.compile(r"permission denied|not permitted|eacces|eperm", re.I)


# Images built for servers and desktops, or for generic arm64: their CUDA is not built for L4T.
_SERVER_IMAGE = re.compile(r"^(?:docker\.io/)?(?:nvidia/cuda|pytorch/pytorch|tensorflow/tensorflow)(?::|$)|^arm64v8/|"
                           r"^nvcr\.io/nvidia/(?:pytorch|tensorflow|tensorrt|tritonserver|cuda)(?::|$)|"
                           r"[:/_-](?:latest-)?(?:arm64|aarch64|sbsa)(?:[_.-]|$)", re.I)


_JETSON_IMAGE = re.compile(r"l4t|jetson|jetpack|igpu|(?<!in)tegra|dustynv/|[:-]r3\d\.\d|[:-]jp\d", re.I)


def _not_the_driver_s(kind: str, line: str) -> str:
    """Why a software failure of ``kind`` on a PC is not its GPU stack's (_NOT_THE_DRIVER_ON_A_PC; a library of the system
    or a language's runtime), or "" where it may be."""
    if _the_pcs_own_stack(kind, line):
        return ""
    if kind == "failure-library" and _SYSTEM_LIBRARY.search(line):
        return ("a library of the system or of the language's runtime (GLib, libffi, LLVM, Python's own) does not load or fit: "
                "most often two environments mixed (a conda environment's libraries before the system's), not the GPU's "
                "software")
    if kind == "failure-library" and _own_symbol_missing(line):
        return ("a package's module lacks a symbol of the package's own code: its parts are of two builds or versions, "
                "not the GPU's software")
    return _NOT_THE_DRIVER_ON_A_PC.get(kind, "")


# A shared object that lacks a C++ symbol ("pycuvslam.cpython-312-x86_64-linux-gnu.so: undefined symbol:
# _ZN7cuvslam10GetVersionEPiS0_S0_"): its file's name, and the symbol's first namespace (Itanium mangling: after the
# qualifiers of a const or volatile method, its length, then its name).
_UNDEFINED_SYMBOL = re.compile(r"([\w.-]+)\.so(?:\.[\d.]+)?:\s*undefined symbol:\s*_ZN[KVr]{0,3}(\d{1,3})(\w+)")


# The CUDA stack's own libraries, whose parts of two releases are the PC's GPU software (this file's convention).
_CUDA_STACK_NAMESPACE = re.compile(r"cuda\w*|cublas\w*|cudnn\w*|cufft\w*|curand|cusparse\w*|cusolver\w*|cutensor\w*|cupti|"
                                   r"nvinfer\w*|nvonnxparser|nvparsers?|myelin|nvrtc|nvjitlink|nccl|nvshmem|nvjpeg|npp\w*|"
                                   r"nvml|optix|nvtx\w*")


def _own_symbol_missing(line: str) -> bool:
    """Whether a module's missing symbol is of its own package's namespace (cuvslam's in pycuvslam.so): the package's
    parts do not fit each other. A namespace of another library (c10, PyTorch's, in an extension) may be a CUDA stack's,
    and the CUDA stack's own (cudnn's in libcudnn_ops.so) is its software's."""
    found = _UNDEFINED_SYMBOL.search(line)
    if found is None:
        return False
    namespace = found.group(3)[:int(found.group(2))].lower()
    return (len(namespace) >= 3 and namespace in found.group(1).split(".")[0].lower()
            and not _CUDA_STACK_NAMESPACE.fullmatch(namespace))


def _the_pcs_own_stack(kind: str, line: str) -> bool:
    """Whether a software failure of ``kind`` on a PC is still the PC's GPU stack by its line: what the runtime injects
    from the driver (libnvidia-ml, libcuda), a line that blames the driver or names its release, the GL stack a sandbox
    maps in from the host or the Mesa driver a build's own libraries fail to load, or the machine's own CUDA toolkit
    older than its GPU (nvcc, not the ptxas a wheel brings)."""
    return bool(_HOST_DRIVER.search(line) or _DRIVER_BLAMED.search(line) or _DRIVER_RELEASE.search(line)
                or _HOST_GRAPHICS.search(line)
                or (kind == "toolchain-lacks-arch" and _NVCC.search(line)))


def _because(text: str, lines: Sequence[str]) -> Statement:
    lines = tuple(dict.fromkeys(line for line in lines if line))
    return Statement(text, lines, not lines)


def _gpus_alone_refused(seen: Observed) -> List[str]:
    """The hook's mode line and the launch, where a launch asks for the GPU with --gpus alone and the hook logs csv or
    CDI mode: the hook run that way refuses any mode but legacy (nvidia-container-runtime-hook's doPrestart), so the
    container is never created."""
    direct = seen.said("toolkit mode not legacy")
    gpus_only = [launch for launch in seen.launches if launch.gpus and not launch.nvidia_runtime
                 and not _nvidia_by_default(launch, seen)]
    return direct[:1] + [_first_line(gpus_only[0])] if direct and gpus_only else []


def _first_line(launch: Launch) -> str:
    return launch.text.split("\n")[0]


_NAMED_ONLY = ("model", "Tegra-only name", "host name")  # Jetson signs that are names, not a Jetson's own output


# A launch said to lack NVIDIA's runtime and to pass --gpus ("lacks --runtime nvidia but passes --gpus all").
_RUNTIME_LACKED_GPUS_PASSED = re.compile(
    r"\b(?:lacks?|lacked|lacking|miss(?:es|ed|ing)|without|no)\s+[`'\"]?--runtime[= ]?nvidia\b(?=[^\n]*?\b(?:pass(?:es|ed)?|"
    r"uses?|used|with|adds?|added|has|had)\s+[`'\"]?--gpus\b)", re.I)


# Words right before a name that say it is not there ("no GeForce in this model", "without a Quadro").
_SAID_ABSENT = re.compile(r"(?:\b(?:no|not|without|lacks?)|n't\s+have)\s+(?:an?\s+|any\s+)?(?:nvidia\s+)?(?:[\w-]+\s+(?:or|nor)\s+)?$",
                          re.I)


def _nvidia_cards_named(seen: Observed) -> List[str]:
    """NVIDIA's cards that the lines of the PC's signs name, less those said absent ("no GeForce in this model"); a line
    keeps one sign ("Windows ... on a MacBookPro11,3 (GeForce GT 750M)")."""
    return [m.group(0) for line in dict.fromkeys(s.line for s in seen.x86) for m in NVIDIA_CARD.finditer(line)
            if not _SAID_ABSENT.search(line[:m.start()])]


def _names_an_nvidia_gpu(seen: Observed) -> bool:
    """Whether a sign of a PC the paste shows, or its line, names an NVIDIA GPU."""
    return any(NVIDIA_GPU.search(s.value) for s in seen.x86) or bool(_nvidia_cards_named(seen))


def _other_arm_boards(seen: Observed) -> List[Sighting]:
    """The signs of another maker's Arm board (Raspberry Pi, Rockchip, Orange Pi ...): no Jetson, and no NVIDIA GPU
    of its own."""
    return [s for s in seen.x86 if OTHER_ARM_BOARD.search(s.value)]


# An NVIDIA card said in words, not named by its model ("with an Nvidia GPU on a PCIe riser", "an NVIDIA eGPU").
_NVIDIA_CARD_SAID = re.compile(r"\b(?:an?|my|the|our|one|two)\s+nvidia\s+(?:gpus?|cards?|graphics\s+cards?|e-?gpus?)\b", re.I)


# The PC sign that shows NVIDIA's discrete driver on the machine: its nodes listed (nvidia-smi typed shows no more than
# the command: "command not found" follows it on a board).
_NVIDIA_DRIVER_NODES = ("discrete-GPU node",)


def _only_another_makers_board(seen: Observed) -> bool:
    """Whether the paste's only machine is another maker's Arm board: no other machine's sign beside the board's own,
    no NVIDIA GPU named or said on their lines (a card in its PCIe slot would be one), and no node of NVIDIA's discrete
    driver listed (one only such a card brings)."""
    boards = _other_arm_boards(seen)
    return bool(boards) and not any(NVIDIA_GPU.search(s.line) or _NVIDIA_CARD_SAID.search(s.line) for s in seen.x86) \
        and all((s in boards or s.kind in WEAK_X86) and s.kind not in _NVIDIA_DRIVER_NODES for s in seen.x86)


# The families whose error shows NVIDIA's discrete driver present (its library or module answering), which a board
# without such a card never prints: the machine that fails is another, or a card in its slot.
_DRIVER_AT_WORK = ("nvml-driver", "nvml-unknown", "nvml-blocked", "nvml-permissions", "nvidia-module-failed",
                   "nvidia-node-denied")


def _thor_or_later(seen: Observed, jetson: Sequence[Sighting]) -> bool:
    """Whether the paste shows JetPack 7 or later (L4T R38 on) or a Thor: the server (SBSA) CUDA stack and, on Thor,
    the open kernel driver of the desktop branch."""
    return (_l4t_major(seen) or 0) >= 38 or any(re.search(r"\bthor\b", s.value, re.I) for s in jetson)


# The Jetson Orin Nano, which has no hardware video encoder (Savant#450: "Orin Nano does not support nvenc", its
# nvv4l2h264enc failing on /dev/v4l2-nvenc; Keylost/jetson-ffmpeg#43; deepstream-services-library#1139 adds a software
# encoder for it), and what names that encoder: its nodes, GStreamer's elements, the Multimedia API's encoder.
_ORIN_NANO = re.compile(r"\borin[\s_-]*nano\b", re.I)


_HARDWARE_ENCODER = re.compile(r"/dev/(?:nvhost-msenc|nvhost-nvenc\d?|v4l2-nvenc)\b|\bnvv4l2(?:h26[45]|av1|vp[89])enc\b|"
                               r"(?:\b|_)nvenc\b|\bfailed to create (?:the )?(?:video )?encoder\b", re.I)


# Modules that have the encoder, named beside an Orin Nano: an Orin NX on the Orin Nano's carrier, another board compared.
_ENCODER_MODULE = re.compile(r"\borin[\s_-]*nx\b|\bagx[\s_-]*orin\b|\borin[\s_-]*agx\b|\bxavier\b|\btx[12]\b|\bthor\b|"
                             r"\bjetson[\s_-]+nano\b", re.I)


_JETSON_MODULE = re.compile(_ORIN_NANO.pattern + "|" + _ENCODER_MODULE.pattern, re.I)


# A module named as a plan or a suggestion ("we may move to an Orin NX later", "try an Orin NX instead"), and the Orin
# Nano's developer kit named as the carrier another module sits on: neither is the module that runs.
_HYPOTHETICAL_BEFORE = re.compile(r"\b(?:(?:may|might)\s+(?:move|switch|upgrade|go|buy|use|get)|plan(?:s|ning)?\s+to|"
                                  r"try\s+(?:an?|the|another)|consider(?:ing)?|(?:move|switch(?:ing)?)\s+to|buy(?:ing)?|"
                                  r"suggest\w*|recommend\w*)\b[^\n.;,)]{0,30}$", re.I)


_CARRIER_AFTER = re.compile(r"\s*(?:dev(?:eloper)?\s*kit\s+)?carrier\b", re.I)


# The data-centre line's brand alone ("4x Tesla GPUs (A100 40GB)"): its models differ (the A100 has no NVENC, the T4 has),
# so it names no encoder either way.
_DATA_CENTRE_LINE = re.compile(r"Tesla$", re.I)


# Data-centre GPUs with no hardware video encoder (NVIDIA's Video Encode and Decode GPU Support Matrix lists no NVENC
# for the A100, A30, A800, H100, H200 (GH200's too) and H800; insight-platform/Savant#216: "works with RAW, doesn't work
# with NVENC" on an A100), and a move off that encoder said to have mended it ("setting from nvenc to software resolved
# the issue", "libx264 instead of h264_nvenc").
_ENCODERLESS_CARD = re.compile(r"^(?:Tesla\s+)?(?:A100|A30|A800|H100|G?H200|H800)\b", re.I)


_OFF_THE_ENCODER = re.compile(r"(?:\b|_)nvenc\b[^\n]{0,30}?\bto\s+(?:the\s+)?(?:software|(?:lib)?x26[45]|cpu|raw)\b|"
                              r"\b(?:software|(?:lib)?x26[45]|cpu)\s+(?:encod\w+\s+)?instead\s+of\s+(?:\w+_)?nvenc\b", re.I)


def _encoderless_card_asked(seen: Observed, failure: Optional[Failure], line_of: Dict[str, str]) -> List[str]:
    """The lines that ask the hardware encoder of a machine whose NVIDIA GPUs, as the paste names them, all lack one:
    the encoder's failure, or its replacement by software said to mend it."""
    cards = [card for card in _nvidia_cards_named(seen) if not _DATA_CENTRE_LINE.match(card)]
    if seen.jetson or not cards or not all(_ENCODERLESS_CARD.search(card) for card in cards):
        return []
    return _encoder_failed(seen, failure, line_of) + [line for line in seen.said("solved") if _OFF_THE_ENCODER.search(line)]


def _only_an_orin_nano(seen: Observed) -> bool:
    """Whether the Jetson modules the Jetson's lines name, less those said to work (a comparison), are Orin Nanos only:
    an Orin NX on the Orin Nano's carrier, or an AGX Orin failing beside it, has the encoder."""
    lines = dict.fromkeys(s.line for s in seen.jetson)
    named = [Sighting("module", m.group(0), line) for line in lines for m in _JETSON_MODULE.finditer(line)
             if not _HYPOTHETICAL_BEFORE.search(line[:m.start()])
             and not (_ORIN_NANO.match(m.group(0)) and _CARRIER_AFTER.match(line, m.end()))]
    failing = [module.value for module in named if not _said_to_work(module)]
    return any(_ORIN_NANO.search(value) for value in failing) and not any(_ENCODER_MODULE.search(value) for value in failing)


def _encoder_failed(seen: Observed, failure: Optional[Failure], line_of: Dict[str, str]) -> List[str]:
    """The failing lines, or nodes said absent, that name the hardware video encoder."""
    lines = ([failure.line] if failure is not None else []) + list(line_of.values()) + [a.line for a in seen.absent]
    return [line for line in dict.fromkeys(lines) if _HARDWARE_ENCODER.search(line)]


def _logged_as(name: str, launch: Launch) -> bool:
    """Whether compose logs a service's lines under ``name`` (its number cut off): the service's name, after the project's
    ("app_engine_1", "app-engine-1"), or its container_name."""
    service = launch.service or ""
    return name == service or name.endswith(("_" + service, "-" + service)) or bool(
        re.search(r"^\s*container_name:\s*['\"]?" + re.escape(name) + r"['\"]?\s*$", launch.text, re.M))


# No "latest" published is a repository that wants a tag named, whichever machine asks: no release is at fault.
_NO_LATEST = re.compile(r"\bmanifest for \S+:latest not found\b", re.I)


def _software_at_fault(line: str, seen: Observed) -> bool:
    """Whether an image or binary that cannot run here (another architecture, an unpublished tag) is the GPU's software
    built for another release or machine, rather than a program or a tag that never reached the GPU."""
    return _names_gpu_software(line, seen) and not _NO_LATEST.search(line)


def _names_gpu_software(line: str, seen: Observed) -> bool:
    """Whether the line, or an image the paste launches, names the GPU's software. A line a compose service logged
    ("trainer  | exec format error") is that service's: only its own launch's image counts, where compose shows any."""
    if _GPU_SOFTWARE.search(line):
        return True
    launches = seen.launches
    logged = _LOG_PREFIX.match(line) if any(launch.service for launch in launches) else None
    if logged:
        name = re.sub(r"[-_]\d+$", "", logged.group(0).strip(" \t|"))
        launches = tuple(launch for launch in launches if launch.service and _logged_as(name, launch))
    return any(_GPU_SOFTWARE.search(launch.image or "") for launch in launches)


def _toolkit_absent(seen: Observed) -> List[str]:
    """The lines that show CUDA's toolkit absent, unless another line shows it installed (where a build did not look)."""
    return [] if seen.said("CUDA toolkit present") else seen.said("CUDA toolkit absent")


def _linked_where_it_does_not_look(lines: Sequence[str], seen: Observed, container: str, platform: str) -> bool:
    """Whether the linker's missing GPU library is one the build looks for where it does not lie, not one the system
    lacks: CUDA's driver library in an image's build or on a PC, a library of CUDA's toolkit outside a container where
    the paste does not show the toolkit absent, nor the link told where CUDA's libraries lie, nor one of JetPack's own
    libraries missing beside it."""
    driver = bool(container or platform != "jetson") and any(_DRIVER_UNSEEN_AT_LINK.search(line) for line in lines)
    toolkit = not container and not _toolkit_absent(seen) and not seen.said("CUDA library path given") and not seen.said(
        "JetPack library unseen at link")
    return driver or (toolkit and any(_TOOLKIT_UNSEEN_AT_LINK.search(line) for line in lines))


# A package manager or an install failing.
_INSTALL_FAILED = re.compile(r"\bdpkg\b|\bapt(?:-get)?\b|^E: |\brpm\b|\bdnf\b|\byum\b|\binstall\w*\b", re.I)


# runc's own word that it could not add a syscall's rule to the profile (clone3 unknown to its libseccomp), and the
# NVIDIA runtime named on the same line ("with --runtime nvidia I get ..."): the runtime's runc is the one that fails.
_SECCOMP_RULE_UNADDED = re.compile(r"\berror adding seccomp filter rule for syscall\b", re.I)


_RUNTIME_NVIDIA = re.compile(r"--runtime[= ]nvidia\b", re.I)


# The paste's own word that the image lacks nvidia-smi ("the official Ubuntu image does not include the nvidia-smi
# binary"): the image's matter, with the GPU given.
_IMAGE_LACKS_SMI = re.compile(r"\bimages?\b[^\n.]{0,60}?\b(?:does\s+not|doesn't|do\s+not|don't)\s+(?:include|contain|"
                              r"ship|have|bundle)\b[^\n.]{0,30}?\bnvidia-smi\b", re.I)


def _the_one_failure(family: str, ids: Sequence[str]) -> bool:
    """Whether ``family`` is the only failure the paste's families name: the others only describe symptoms or say no
    GPU was found."""
    return family in ids and all(i in (family,) + _SYMPTOM_WORDS + _NO_GPU_SAID for i in ids)


def _smi_in_one_run_only(seen: Observed, line_of: Dict[str, str]) -> bool:
    """nvidia-smi said to work in one run and not found in another: two runs, one given the GPU and one not (not sudo's
    own PATH, secure_path, which lacks WSL's folder of the driver's tools, nor a container told to leave it out)."""
    return all("nvidia-smi" in line_of.get(i, "").lower() for i in ("gpu-works-words", "tool-not-found")) and not (
        re.search(r"\bsudo\b", line_of["tool-not-found"]) or _on_wsl(seen) or _smi_left_out(seen))


def _smi_left_out(seen: Observed) -> str:
    """A launch whose driver capabilities leave out `utility`, the one that brings nvidia-smi into the container
    (NVIDIA/libnvidia-container src/nvc_info.c, utility_bins): its line, or ""."""
    for launch in seen.launches:
        asked = re.search(r"\bNVIDIA_DRIVER_CAPABILITIES\s*[=:]\s*[\"']?([\w,]+)", launch.text)
        if asked and not re.search(r"\b(?:utility|all)\b", asked.group(1)):
            return launch.text.split("\n")[0]
    return ""


# A works-statement tied to another path than the one that fails ("when I start it via docker exec it works", "works on
# the host", "as root"): a contrast between two sessions, which is the symptom of an access problem, not its absence.
_CONTRAST = re.compile(r"\b(?:when|if|via|through|exec|as root|sudo|host|outside|another|other|instead)\b", re.I)


def _nodes_held(kind: str) -> Callable[[Observed, Sequence[str], Dict[str, str]], List[str]]:
    """A finder for lines showing the failing session may open every listed GPU node of ``kind`` ("render" or
    "tegra"): each is open to others where the process runs, or its one `id` (not root) holds each node's group, or
    the node is open to others. The `id` must be the
    failing session's: taken in the container when the paste runs one, and of the user every launch and exec runs
    as; a line that says a node refused someone says it was not. A group name counts only against a listing made
    in the same place (another /etc/group may give the name another number); a number counts anywhere. A node listed
    twice must be held as each listing shows it (the container's GID is the one that counts)."""
    def find(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
        nodes = [n for n in seen.nodes if _GPU_NODES[kind].match(n.path)]
        if not nodes or any(i in _EXPLICIT_DENIALS for i in ids):
            return []
        # open to every user where the process runs: no `id` is needed to say its groups do not matter
        here = [n for n in nodes if n.where == "container"] if _runs_in_container(seen) else nodes
        if here and all(n.open_to_all for n in here):
            return [n.line for n in here[:2]]
        if len(seen.identities) != 1 or seen.identities[0].uid == 0 or seen.identities[0].line in seen.ids_elsewhere:
            return []
        who = seen.identities[0]
        users = [run.user for run in list(seen.launches) + list(seen.execs) if run.user]
        if any(user.split(":")[0] not in (str(who.uid), who.user) for user in users) or (
                _runs_in_container(seen) and who.where != "container"):
            return []
        numbers = {str(gid) for gid in (who.gid,) + who.groups}
        names = {name for _, name in who.names}
        if all(n.open_to_all or (n.mode & 0o060 == 0o060 and (
                n.group in numbers or (n.group in names and n.where == who.where))) for n in nodes):
            return [n.line for n in nodes[:2]] + [who.line]
        return []
    return find


def _logins_into_container(seen: Observed, logins: Sequence[Sighting]) -> List[Sighting]:
    """The logins that enter a container, where what the toolkit gave its main process is lost: an exec, a login
    typed at a container's prompt, or SSH beside a launch that runs an SSH server. A login to the machine itself
    rebuilds the host's groups, which the toolkit never touched."""
    sshd = any("sshd" in " ".join(launch.command) or re.search(r":22\b", launch.text) for launch in seen.launches)
    return [login for login in logins if "exec" in login.kind or CONTAINER_PROMPT.match(login.line)
            or (sshd and re.search(r"\bssh\b", login.value + " " + login.line))]


def _runs_in_container(seen: Observed) -> bool:
    """Whether the paste runs something in a container: a launch or exec with a command, a container's prompt."""
    return any(run.command for run in list(seen.launches) + list(seen.execs)) or bool(seen.said("container")) or any(
        n.where == "container" for n in seen.nodes)


_GPU_NODES = {"render": re.compile(r"/dev/dri/render"), "tegra": re.compile(r"/dev/(?:nvmap|nvhost|nvgpu)")}


def _gpu_nodes(seen: Observed) -> List[ListedNode]:
    """The listed nodes CUDA opens: the render node and the Tegra nodes."""
    return [n for n in seen.nodes if any(p.match(n.path) for p in _GPU_NODES.values())]


def _own_library_missing(seen: Observed, line: str) -> str:
    """The line that places a library in the program's own tree, where ``line`` says that library itself is missing
    (not one the program's own library needs, nor a symbol version it lacks)."""
    missing = {m.group(1).lower() for m in _MISSING_LIBRARY.finditer(line)} or {
        m.group(1).lower() for m in _PLUGIN_NOT_OPENED.finditer(line)}  # (its error string cut off: the plugin's own)
    return next((own for own in seen.said("own build's library")
                 if any(m.group(1).lower() in missing for m in OWN_BUILD_LIBRARY.finditer(own))), "") if missing else ""


# What prose says of the access or of trouble (textfacts' word kinds).
_ACCESS_WORDS = ("GPU node named", "device access named", "device sandbox", "trouble said")


def _access_shown(seen: Observed) -> bool:
    """Whether the paste shows any of the GPU's access (a node, named or listed; a group, user, launch or login; a
    release or model, unless the paste asks whether they are supported) or trouble in words (a permission, something
    unsupported, the CPU used): what a paste with nothing failing must lack to be read as no access problem."""
    system = seen.l4t or seen.releases or seen.model or seen.toolkit or seen.images
    return bool(seen.nodes or seen.absent or seen.group_lines or seen.session_groups or seen.session_user
                or seen.identities or seen.launches or seen.execs or seen.logins
                or (system and not seen.said("support asked")) or any(seen.said(kind) for kind in _ACCESS_WORDS))


def _gpu_shown_reaching(seen: Observed, matches: Sequence[SymptomMatch], container: str) -> bool:
    """Whether the paste shows the GPU at hand: listed (a GPU found, nvidia-smi's table), at work, or said to work,
    in the container too ("run by hand inside the container everything runs fine")."""
    return (seen.gpu_found is not None or any(s.kind == "nvidia-smi" for s in seen.x86) or bool(seen.said("GPU at work"))
            or any(m.id == "gpu-works-words" for m in matches) or bool(WORKS_THERE.search(container)))


# CUDA start-up errors that a denied node causes and a missing node or a mismatched driver causes just as well.
_STARTUP_ERRORS = ("cuda-100", "cuda-999", "cuda-801")


def _root_lines(seen: Observed, ids: Sequence[str]) -> List[str]:
    """The lines showing the failing process ran as root, when nothing in the paste shows a non-root one: no
    `id` of another user, no launch or login that switches user, and no line that says a node refused it (a
    rootless engine's root is an unprivileged user on the host, and is refused what that user is)."""
    if any(i in _EXPLICIT_DENIALS for i in ids) or seen.logins or any(i.uid != 0 for i in seen.identities) or any(
            launch.user and str(launch.user).split(":")[0] not in ("0", "root") for launch in seen.launches):
        return []
    prompts = [w.line for w in seen.words if w.kind == "root session" and not _switches_user().search(PROMPT.sub("", w.line))]
    return prompts + [i.line for i in seen.identities if i.uid == 0]


# Families that say a node refused the process in so many words.
_EXPLICIT_DENIALS = ("denial-words", "nvmap-denied", "nvidia-node-denied", "render-node-denied", "nvml-permissions",
                     "failure-gpu-node", "failure-device-permission", "groups-lost-words", "groups-missing-words",
                     "seat-login-words")


def _gets_gpu(launch: Launch, seen: Observed) -> bool:
    """Whether a launch may get the GPU: it asks for it, the paste shows NVIDIA's runtime as the engine's default, or
    the settings that would say are in a compose service the paste does not show."""
    return launch.service_unseen or _passes_gpu(launch) or _nvidia_by_default(launch, seen)


def _drops_groups(launch: Launch, seen: Observed) -> bool:
    """Whether a numeric uid:gid launch loses a group the GPU needs. It keeps its own GID and those it adds, so a
    launch holding the GID of every GPU node the paste lists by number loses none of theirs; where the paste lists
    none, a launch that adds groups back is not shown to lose any."""
    if not launch.numeric_user:
        return False
    if _asks_cdi(launch) and _path_only_spec(seen):
        return False  # the spec's nodes are made 0666 and owned by the launch's user: no group opens them
    groups = [decimal(n.group) for n in _gpu_nodes(seen)]
    if not groups:
        return not launch.group_add
    return not all(gid is not None and gid in launch.held_gids for gid in groups)


def _seat_guards_gpu(seen: Observed, jetson: bool, x86: bool) -> bool:
    """Whether a seat's ACL can decide this GPU: a Jetson from R36 on (whose render node CUDA opens), or a PC shown to
    run a render-node GPU (AMD, Intel, Mesa); never an NVIDIA discrete GPU (its /dev/nvidia* are open to all), WSL, or a
    Jetson before R36."""
    if jetson:
        return (_l4t_major(seen) or 36) >= 36
    return _render_node_pc(seen) if x86 else True


def _render_node_pc(seen: Observed) -> bool:
    """Whether the paste shows a PC whose GPU is opened through the render node (AMD, Intel, Mesa), which its groups
    guard, and not WSL's."""
    return any(_RENDER_NODE_GPU.search(sign.value) for sign in seen.x86) and not _on_wsl(seen)


def _on_wsl(seen: Observed) -> List[str]:
    """The lines that show the paste's machine is WSL: no Jetson in the paste (a Jetson flashed from WSL is still the
    Jetson), and WSL named as where things run, not negated ("no WSL here")."""
    if seen.jetson:
        return []
    return [sign.line for sign in seen.x86 for found in [_WSL.search(sign.line)]
            if found and not NEGATED_BEFORE.search(sign.line[max(0, found.start() - 40):found.start()])]


def _sessions(seen: Observed) -> List[Identity]:
    """The pasted `id`s, the failing session's first, as the diagnosis of the paste takes it (failing_session); root's
    last (beside a user's it is the contrast)."""
    failing = failing_session(seen.identities)
    return ([failing] if failing is not None else []) + sorted(
        (i for i in seen.identities if i is not failing), key=lambda identity: identity.uid == 0)


def _fails_outside_the_container(seen: Observed) -> bool:
    """Whether the failing session's `id` was taken outside the container whose own `id` the paste shows too (root's
    in the container works, the user's on the machine fails): the question stays where it fails. Not where the paste
    switches user inside the container (`su dev` at its prompt): that session, whose `id` is not shown, is the one."""
    failing = _sessions(seen)[:1]
    switched_inside = any(CONTAINER_PROMPT.match(login.line) for login in seen.logins)
    return bool(failing) and failing[0].where != "container" and not switched_inside and any(
        i.where == "container" for i in seen.identities)


def _same_user_fewer_groups(seen: Observed) -> List[str]:
    """Two pasted `id`s of one uid where one lacks groups the other holds (the container's main process, then an SSH
    session into it): the lines of both, fuller first; none when the paste shows no such pair."""
    return next(([full.line, short.line] for full in seen.identities for short in seen.identities
                 if full.uid == short.uid and set(short.groups) < set(full.groups)), [])


def _user_chosen(seen: Observed) -> List[Sighting]:
    """The sessions inside the container that ran as a user the paste chose, other than root: `exec -u 1000`, or `su -
    app`, `gosu app` at a container's prompt or in an entrypoint's `set -x` trace. The host's own login (an SSH banner,
    `ssh me@orin` from a laptop, a `su -` at the host's prompt) chooses no user inside the container."""
    return [login for login in seen.logins
            if (" exec -u " in login.kind and login.kind.rsplit(" ", 1)[1].split(":")[0] not in ("0", "root"))
            or (login.kind == "session" and _switches_user().search(login.value) and not switches_to_root(login.value)
                and (CONTAINER_PROMPT.match(login.line) or login.value.startswith("+")))]


@functools.lru_cache(maxsize=1)
def _switches_user() -> Pattern[str]:
    """A command that runs another user's process (data/privilege_drops.json's switches, supervisord's `user=`), first
    or after the commands a shell line chains before it (`useradd ivan && su - ivan`): not ssh, which reaches another
    machine, and not a banner."""
    return re.compile(r"(?:^|(?:&&|\|\||;)\s*)(?:\+\s+)?(?:exec\s+)?(?:sudo\s+)?(?:" + switch_commands(*ANY_GROUPS)
                      + r"|user\s*=)", re.I)


def _nvidia_by_default(launch: Launch, seen: Observed) -> bool:
    """Whether a Docker launch gets NVIDIA's runtime by default: Docker's daemon.json or `docker info` says so, and no
    `docker info` names another (a daemon not restarted since the file changed), or the runtime's own log shows it
    gave a container its nodes. A compose file or devcontainer is taken to run on that daemon; other engines have
    their own default."""
    kinds = {w.kind for w in seen.words}
    said = "NVIDIA runtime by default" in kinds and "another runtime by default" not in kinds
    return launch.source.startswith(("docker", "compose", "devcontainer")) and (said or "NVIDIA runtime ran" in kinds)


def _passes_gpu(launch: Launch) -> bool:
    """Whether a launch gives the container the GPU: the NVIDIA runtime, --gpus, privileged, /dev bound in, or a GPU node."""
    return bool(launch.nvidia_runtime or launch.gpus or launch.nvidia_gpu or launch.privileged or launch.dev_mount
                or any(re.search(r"/dev/(?:nv|dri)|nvidia\.com/", d) for d in launch.devices))


def _named_node_denial(seen: Observed, line: str, major: Optional[int], cause: Callable[..., Cause]) -> Cause:
    """A denial said in words or by a failing line: the node it names, else the group it names, else the
    node CUDA opens on that release (the render node from JetPack 6, /dev/nvmap before)."""
    release = _release_lines(seen)
    if _RENDER_WORDS.search(line):
        return cause("render-node-denied", "a user is denied the GPU, and the line names the render node or its group",
                     [line], "tegra-nodes-denied", "login-drops-runtime-groups")
    if _TEGRA_WORDS.search(line):
        return cause("tegra-nodes-denied", "a user is denied the GPU, and the line names a Tegra node (/dev/nvmap, "
                     "/dev/nvhost-*) or their video group", [line], "render-node-denied", "login-drops-runtime-groups")
    if major is None:
        image = [s for s in seen.images if s.value.split(".")[0].isdigit()]
        major, release = (int(image[0].value.split(".")[0]), [image[0].line]) if image else (None, release)
    if major is not None and major >= 36:
        return cause("render-node-denied", "a user is denied the GPU on JetPack 6 or later, where CUDA opens the render "
                     "node", [line] + release, "tegra-nodes-denied", "login-drops-runtime-groups")
    render = [n.line for n in seen.nodes if n.path.startswith("/dev/dri/render")] if major is None else []
    if render and not any(_TEGRA_NODE.search(n.path) for n in seen.nodes):
        return cause("render-node-denied", "a user is denied the GPU, and the GPU node the paste lists is the render node "
                     "(no release shown)", [line] + render[:1], "tegra-nodes-denied", "login-drops-runtime-groups")
    return cause("tegra-nodes-denied", "a user is denied the GPU; before JetPack 6 (or with no release shown) most often "
                 "/dev/nvmap, the video group's node", [line] + release, "render-node-denied", "login-drops-runtime-groups")


# CUDA's start-up errors and its missing driver library (35): what a container without the GPU's nodes or libraries
# prints. With a CUDA library's initialisation and a failing line that names the GPU's software, what fails in a
# container while the host works, so that what the container lacks is the likeliest cause.
_NO_GPU_HERE = _STARTUP_ERRORS + ("cuda-35",)


_FAILS_WHERE_THE_HOST_WORKS = _NO_GPU_HERE + ("cuda-library-status", "failure-gpu", "failure-gpu-library")


# The nodes CUDA opens (data/devices.json's roles), and the folders that hold them: an absent engine node (the encoder an
# Orin Nano lacks, a DLA, the VIC) says nothing of whether the GPU reached the container.
_CUDA_ROLES = ("nvmap", "render", "nvgpu", "nvhost-gpu", "nvidia")


def _cuda_node(path: str) -> bool:
    return path in ("/dev/dri", "/dev/nvgpu", "/dev/nvgpu/igpu0") or role_of(path) in _CUDA_ROLES


def _missing_nodes(seen: Observed, ids: Sequence[str], line_of: Dict[str, str], jetson: bool,
                   container: str = "", failure: Optional[Failure] = None) -> List[str]:
    """Lines showing the GPU is not in the container: absent nodes, no runtime, (on a Jetson) a launch without
    it, or a GPU library that is an empty placeholder or missing where the paste ran in a container or a build."""
    # (NVIDIA's image banner looks for a discrete GPU's driver files: beside a node shown refused, which is there, it says
    # nothing of the nodes; NGC's images for a Jetson print it too)
    refused = any(i in _EXPLICIT_DENIALS for i in ids)
    lines = [line_of[i] for i in ("nvmap-missing", "no-gpu-runtime", "toolkit-programs-missing", "gpu-request-unserved",
                                   "cuda-image-no-driver")
             if i in line_of and not (i == "cuda-image-no-driver" and refused)]
    # (words that the container lacks the GPU: beside a node the paste shows refused, "no access" is that refusal)
    if "nodes-missing-words" in line_of and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines.append(line_of["nodes-missing-words"])
    before_render = (_l4t_major(seen) or 36) < 36  # JetPack 5's containers get no /dev/dri, and CUDA needs none there
    lines += [a.line for a in seen.absent if (_cuda_node(a.value) or a.value.startswith("nvidia-container-csv-"))
              and not (before_render and a.value.startswith("/dev/dri"))]
    # No device or no driver: "Permission denied" or a version error (3, 209, 222) means the nodes were there.
    gpu_error = any(i in _NO_GPU_HERE for i in ids)
    in_words = seen.said("container")
    if jetson and ids and ids[0] == "cuda-100" and in_words and not (seen.nodes or seen.launches or seen.identities) \
            and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines += [line_of["cuda-100"], in_words[0]]  # no device, in a container, and no word of a denial
    runtime_said = bool(seen.said("NVIDIA runtime said"))
    # the image's CUDA is another release's: two JetPack releases named, versions said not to match, or an image tagged
    # for another L4T major than the host shows
    moved = bool(seen.said("two JetPack releases")) or "versions-mismatched" in ids or bool(_image_l4t_conflict(seen))
    # (the GPU's nodes listed in the container, or where the paste does not say, show the runtime brought them, and with
    # them the driver library)
    listed = any(_cuda_node(n.path) for n in seen.nodes)
    if jetson and ids and ids[0] == "cuda-35" and container and not seen.launches and not runtime_said and not moved \
            and not listed:
        lines += [line_of["cuda-35"], container]  # the driver library the runtime mounts from the host is not there
    host = seen.said("works on the host")
    # it fails where the host works, and not as a user a login, `exec -u` or the launch's `-u` chose inside (that
    # contrast is the user): CUDA's start-up, a CUDA library's initialisation, or a failing line that names the GPU's
    # software
    failed_here = [i for i in ids if i in _FAILS_WHERE_THE_HOST_WORKS]
    launched_as_user = any(launch.user and launch.user.split(":")[0] not in ("0", "root") for launch in seen.launches)
    if failed_here and host and "denial-words" not in ids and not seen.identities and not _user_chosen(seen) \
            and not launched_as_user:
        lines += [line_of[failed_here[0]], host[0]]
    # CUDA said unusable in words (is_available() False) counts as much as an error number beside such a launch of
    # an image built for a Jetson (its CUDA is there; the runtime is what is missing). In another image it is the
    # image's own software (an arm64 wheel without CUDA).
    l4t_image = any(_JETSON_IMAGE.search(launch.image or "") for launch in seen.launches)
    plain = [launch for launch in seen.launches if not launch.nvidia_runtime and not launch.privileged
             and not launch.dev_mount and not any(re.search(r"/dev/(?:nv|dri)|nvidia\.com/", d) for d in launch.devices)
             and not _nvidia_by_default(launch, seen) and not launch.service_unseen]
    plain = plain if len(plain) == len(seen.launches) else []
    if jetson and (gpu_error or (any(i in _NO_GPU_SAID for i in ids) and l4t_image)) and plain:
        lines.append(_first_line(plain[0]))
    # JetPack 6's CUDA opens the render node too: a launch that passes the Tegra nodes by hand and not /dev/dri gives
    # CUDA's start-up error to root and users alike (facts sheet §0)
    by_hand = [launch for launch in seen.launches if launch.devices and not (
        launch.nvidia_runtime or launch.gpus or launch.privileged or launch.dev_mount or _nvidia_by_default(launch, seen)
        or any(d.startswith("/dev/dri") or "nvidia.com/" in d for d in launch.devices))]
    if jetson and "cuda-801" in line_of and (_l4t_major(seen) or 0) >= 36 and by_hand:
        lines += [line_of["cuda-801"], _first_line(by_hand[0])]
    # A launch without the NVIDIA runtime (--gpus alone included) puts the paste in a container that gets no host mounts.
    container = container or (_first_line(plain[0]) if jetson and plain else "")
    # A node that failed to open with no permission error: most often it is not in the container at all.
    channel = line_of.get("nvrm-channel", "")
    # (root on the host opens every node there is: its failure there is the node's driver or firmware, not a mount)
    if jetson and _OPEN_FAILED.search(channel) and not _NO_PERMISSION.search(channel) \
            and (container or not _root_lines(seen, ids)):
        lines.append(channel)
    # Tegra's memory manager failing without its reason line, in a container and with no denial said: as above.
    unusable = line_of.get("nvmap-unusable", "")
    nvmap_inside = any(n.path == "/dev/nvmap" and n.where == "container" for n in seen.nodes)
    if jetson and container and unusable and not nvmap_inside and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines += [unusable, container]
    # (Vulkan finding no driver beside a node refused to the session: the refusal is why, not a missing mount; and
    # where no container shows, no missing mount is asserted: the family's own order reads it)
    if jetson and container and "vulkan-no-driver" in line_of and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines += [line_of["vulkan-no-driver"], container]
    library = line_of.get("cuda-library-missing", "") or next(
        (line for line in [line_of.get("failure-gpu-library", "")] if _LIBRARY_LOAD.search(line)), "")
    placeholder = line_of.get("failure-library-placeholder", "")
    if jetson and placeholder:
        lines += [placeholder] + ([container] if container else [])
    major = _l4t_major(seen)
    # (a CUDA library an image of another release asks for, the host's runtime cannot bring: the image's release)
    if jetson and library and not _HOST_TOOL.search(library) and (
            _DRIVER_LIBRARY.search(library) or (container and not moved and (
                _cuda_from_host(major) or _HOST_DRIVER.search(library) or not _CUDA_STACK.search(library)))):
        lines += [library] + ([container] if container and not _DRIVER_LIBRARY.search(library) else [])
    unavailable = line_of.get("cuda-unavailable", "")
    versions = _image_l4t_conflict(seen) or (failure is not None and failure.kind == "version")
    if jetson and unavailable and container and major is not None and major <= 32 and not versions:
        lines += [unavailable, container]  # JetPack 4's containers get CUDA itself from the host (unless versions differ)
    cuda_home = _host_cuda_unfound(seen, line_of, jetson, container)
    if cuda_home:
        lines += [cuda_home, container]
    gpu_failure = line_of.get("failure-gpu", "")
    # (a Python module of the GPU's stack missing is the image's packaging, except on JetPack 4, whose runtime mounts
    # TensorRT's Python bindings from the host)
    module = _MODULE_MISSING.search(gpu_failure) and (major is None or major > 32)
    if jetson and container and gpu_failure and not _UNNAMED_DENIAL.search(gpu_failure) \
            and not _PACKAGING.search(gpu_failure) and not module and not _MODEL_UNWORKING.search(gpu_failure):
        lines += [gpu_failure, container]  # a GPU failure in a container that names no permission (nor an install)
    return list(dict.fromkeys(lines))


@frozen_record
class _Reading:
    """A cause read from the paste's words: its id, why, the lines it rests on, what it does not rule out."""

    id: str
    why: str
    lines: Tuple[str, ...]
    also: Tuple[str, ...]


def _group_adds_said_lost(seen: Observed, words: Dict[str, str]) -> Optional[_Reading]:
    """GIDs a launch said in words adds (--group-add 992), none of which the `id` of a session that came through a login
    (ssh, su -) holds: the login rebuilt its groups from the container's /etc/group."""
    said = words.get("groups added at launch", "") if not seen.launches else ""  # (a launch shown is read as one)
    login = [s.line for s in seen.logins if s.value != "keeps --group-add"] or (
        [words["session path"]] if "session path" in words else [])
    gids = {int(gid) for gid in re.findall(r"--group-add[= ]+(\d{1,10})\b", said)}
    if not gids or not login or len(seen.identities) != 1 or gids & set(seen.identities[0].groups):
        return None
    # (the `id` is the container's: taken there, or the login said to go into the container)
    if seen.identities[0].where != "container" and not re.search(r"\b(?:into|in|inside)\s+(?:the\s+|a\s+|my\s+)?container\b",
                                                                 login[0], re.I):
        return None
    return _Reading("login-drops-runtime-groups", "the launch adds GIDs {} (said in words), and the session, which came "
                    "through a login, holds none of them: the login rebuilt its groups from the container's "
                    "/etc/group".format(", ".join(map(str, sorted(gids)))), (said, seen.identities[0].line),
                    ("render-node-denied", "tegra-nodes-denied"))


def _session_cause(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> Optional[_Reading]:
    """The cause when the paste says in words how the session got or lost its groups.

    A seat (works after a local login) is the seat ACL; groups lost through su/sudo/gosu/ssh are the login
    path; a session short of groups is the launch when the paste names a numeric uid:gid, the login path
    when it names one. The mechanism is the same on a Jetson and on a PC.
    """
    words = {w.kind: w.line for w in seen.words}
    # WSL has no logind seat, and a seat's ACL covers the render node, never the Tegra nodes (video's)
    tegra_denied = any(i in ("nvmap-denied", "nvrmgpu-open", "nvrm-channel") for i in ids)
    either_way = "seat-login-words" in ids and _EITHER_WAY.search(line_of["seat-login-words"])  # "whether or not ..."
    if "seat-login-words" in ids and not (tegra_denied or either_way or _on_wsl(seen)):
        return _Reading("seat-acl-only", "the GPU works only with a local (seat) login, which logind's ACL grants; other "
                        "sessions have no seat", (line_of["seat-login-words"],), ("render-node-denied",))
    if "groups-lost-words" in ids:
        return _Reading("login-drops-runtime-groups", "the groups given at launch are lost through a session path that "
                        "rebuilds them from the container's /etc/group", (line_of["groups-lost-words"],),
                        ("uid-gid-launch",))
    lost = _group_adds_said_lost(seen, words)
    if lost is not None:
        return lost
    if "groups-missing-words" not in ids:
        return None
    missing = line_of["groups-missing-words"]
    numeric = [_first_line(launch) for launch in seen.launches if _drops_groups(launch, seen)] or (
        [words["numeric user"]] if "numeric user" in words else [])
    if numeric:
        return _Reading("uid-gid-launch", "the session lacks group memberships and the launch names the user by numbers "
                        "(uid:gid), which drops the image's memberships", (missing, numeric[0]),
                        ("login-drops-runtime-groups",))
    login = [s.line for s in seen.logins if s.value != "keeps --group-add"] or (
        [words["session path"]] if "session path" in words else [])
    if login:
        return _Reading("login-drops-runtime-groups", "the session lacks group memberships and came through a path that "
                        "rebuilds them", (missing, login[0]), ("uid-gid-launch",))
    return None


def _family_causes(ids: Sequence[str], platform: str, no_container: bool = False) -> List[str]:
    """The causes the first family with any points to (data/symptoms.json `points_to`), those that fit ``platform``; on
    a Jetson said to run no container (``no_container``), a missing mount goes after its software, since there is no
    container to miss one in."""
    for symptom_id in ids:
        causes = [str(c) for c in _family(symptom_id).get("points_to", ()) if c != "unknown"]
        if platform == "pc":
            causes = ["x86-discrete-gpu"] if causes else []
        elif platform == "jetson":
            causes = [c for c in causes if c != "x86-discrete-gpu"]
            if no_container and causes[:1] == ["nodes-missing-in-container"] and "jetson-software-mismatch" in causes:
                causes.sort(key=lambda c: c != "jetson-software-mismatch")
        if causes:
            return causes
    return []


def _server_image(image: Optional[str]) -> bool:
    """Whether an image is built for servers, desktops or generic arm64 rather than for a Jetson."""
    return bool(image) and bool(_SERVER_IMAGE.search(str(image))) and not _JETSON_IMAGE.search(str(image))


def _seat_acl(seen: Observed) -> List[str]:
    """getfacl lines granting a GPU node to a named user other than the pasted session's user."""
    me = {i.user for i in seen.identities if i.user}
    return [a.line for a in seen.acls if re.match(r"/dev/(?:dri|nv)", a.value)
            and a.value.split()[1].split(":")[0] not in me][:1]


def _version_tuple(value: str) -> Tuple[int, ...]:
    """A toolkit version as numbers to compare ("1.18.2-rc.1" is (1, 18, 2))."""
    return tuple(int(p) for p in re.findall(r"\d+", value.split("-")[0])[:3])


def _toolkit_band(seen: Observed) -> str:
    """Which behaviour the pasted toolkit version has (facts sheet §A.2): "gid-0" for 1.18.2, "additional-gids"
    from 1.19.1 on, "" otherwise or unknown, or in legacy mode (the host's own nodes, whatever the version)."""
    if seen.toolkit is None or bool(seen.said("toolkit legacy mode")):
        return ""
    version = _version_tuple(seen.toolkit.value)
    if version == (1, 18, 2):
        return "gid-0"
    return "additional-gids" if version >= (1, 19, 1) else ""


def _group_changed_in_container(seen: Observed) -> List[str]:
    """Lines showing a GPU node's group changed on its way into the container: listed there with GID 0 and no access
    for others (what toolkit 1.18.2 makes; facts sheet §A.2) where the host's listing, if shown, is not GID 0, or
    with another number than the host's listing of the same node."""
    gpu = _gpu_nodes(seen)
    for node in (n for n in gpu if n.where == "container"):
        host = [h for h in gpu if h.path == node.path and h.where != "container"]
        if node.group in ("0", "root") and not node.open_to_all and not any(h.group in ("0", "root") for h in host):
            return [node.line] + [h.line for h in host[:1]]
        inside, outside = decimal(node.group), [decimal(h.group) for h in host]
        if inside is not None and any(gid is not None and gid != inside for gid in outside):
            return [node.line, host[0].line]
    return []


def _crash_without_the_gpu(seen: Observed, line_of: Dict[str, str]) -> List[str]:
    """The crash, the launch and the GPU image's line, where a failure that names nothing but a crash (a segfault)
    comes from a GPU image whose every launch gets no GPU: on a Jetson its libraries and nodes come with the NVIDIA
    runtime (JetPack 4 and 5 mount even CUDA's libraries), and many programs crash rather than say what they lack."""
    crashed = line_of.get("failure-other", "")
    ungiven = [launch for launch in seen.launches if not _gets_gpu(launch, seen) and not _BASE_IMAGE.match(launch.image or "")]
    if _COMPOSE_LOG.match(crashed):  # a compose service's crash: a `docker run` beside it is another container
        ungiven = [launch for launch in ungiven if launch.source == "compose"]
    if not _CRASH.search(crashed) or not ungiven or len(ungiven) < len(seen.launches):
        return []
    gpu_image = [i.line for i in seen.images] + [
        _first_line(launch) for launch in ungiven if launch.image and _GPU_SOFTWARE.search(launch.image)] + [
        s.line for s in seen.jetson if s.kind in ("Tegra-only name", "L4T image") and _IMAGE_NAME.search(s.line)]
    return [crashed, _first_line(ungiven[0]), gpu_image[0]] if gpu_image else []


def _group_kept_in_container(seen: Observed) -> List[str]:
    """Lines listing a GPU node inside the container with a group other than root's: what the toolkit's band would
    make of it (1.18.2's GID 0) did not happen there, as with the host's /dev bound in; the listing decides."""
    return [n.line for n in _gpu_nodes(seen) if n.where == "container" and n.group not in ("0", "root")]


# `groups` or `id` naming a GID the container's /etc/group does not: the process that ran it held that GID.
_NAMELESS_GID_HELD = re.compile(r"\bcannot find name for group ID (\d{1,10})\b")


def _gid_held_then_lost(held_line: str, seen: Observed) -> Optional[Tuple[int, str, str]]:
    """A GID a process of the paste held with no name (the start-up's `groups` says it cannot name it) that a non-root
    session's `id` lacks: (the GID, the line showing it held, the `id` line)."""
    held = _NAMELESS_GID_HELD.search(held_line)
    if held is None:
        return None
    gid = int(held.group(1))
    lacking = [i for i in seen.identities if i.uid != 0 and gid not in i.groups]
    return (gid, held_line, lacking[0].line) if lacking else None


def _root_s_group_inside(seen: Observed) -> List[str]:
    """The lines that show a GPU node given root's group (GID 0, with access for the group) on its way into the
    container (_group_changed_in_container), where only the toolkit can have done it: the NVIDIA runtime or a GPU
    request made the container, not the host's own nodes (-v /dev:/dev, --privileged); no pasted toolkit version says
    otherwise; and the session inside is a user's that does not hold GID 0."""
    session = _sessions(seen)[:1]
    user_without_0 = bool(session) and session[0].uid != 0 and session[0].where == "container" and 0 not in session[0].groups
    toolkit_made = any(_passes_gpu(launch) and not (launch.dev_mount or launch.privileged) for launch in seen.launches)
    changed = _group_changed_in_container(seen) if user_without_0 and toolkit_made else []
    rooted = changed and any(n.line == changed[0] and n.group in ("0", "root") and n.mode & 0o060 for n in seen.nodes)
    return changed if rooted and (seen.toolkit is None or _toolkit_band(seen) == "gid-0") else []


def _gid_added_amiss(seen: Observed) -> Optional[Tuple[Launch, ListedNode, int]]:
    """A launch that adds a GID by number that no GPU node the paste lists by number has, while it does not hold one
    that a node has (992 added, the render node's group 993): the launch, that node and the GID added instead."""
    listed = [n for n in seen.nodes if n.group.isdigit() and re.match(GPU_NODE_PATH, n.path)]
    gids = {decimal(n.group) for n in listed}
    for launch in seen.launches:
        stray = [g for g in launch.numeric_groups if g not in gids]
        missing = [n for n in listed if decimal(n.group) not in launch.held_gids]
        if stray and missing:
            return launch, missing[0], stray[0]
    return None


def _host_gid_held(seen: Observed, launch: Launch) -> bool:
    """Whether the launch holds (as its GID, or one it adds) the GID a listing shows for each GPU node it lists by
    number: holding one node's GID says nothing of another's. Where the paste lists the nodes both outside and inside
    the container, the outside listing is the host's, whose GIDs a launch adds (by number, or by a name the paste
    gives a number); the inside one is what came of them."""
    outside = [n for n in seen.nodes if n.where != "container"]
    listed: Sequence[Optional[int]]
    if outside and len(outside) < len(seen.nodes):  # the host's listing beside the container's: its GIDs, named or not
        listed = [_gid_shown(n.group, seen) for n in outside]
    else:
        listed = [decimal(n.group) for n in seen.nodes if n.group.isdigit()]
    return bool(listed) and None not in listed and all(gid in launch.held_gids for gid in listed)


def _host_render_gid_held(seen: Observed, launch: Launch) -> bool:
    """Whether the launch holds the GID the host's own `id` names render: with no node listed and the render node
    deciding (error 801), that is the node's group on the host (udev's rule gives it the group)."""
    named = [gid for i in seen.identities if i.where != "container" for gid, name in i.names if name == "render"]
    return bool(named) and named[0] in launch.held_gids


# The groups Debian's base-passwd gives a fixed GID on every Debian and Ubuntu system, L4T's included.
_STATIC_GIDS = {"root": 0, "video": 44}


def _gid_shown(group: str, seen: Observed) -> Optional[int]:
    """A listed node's group as a number: printed as one, or a name whose GID a group line or an `id` shows (or a
    group Debian fixes)."""
    number = decimal(group)
    if number is not None:
        return number
    named = [g.gid for g in seen.group_lines if g.name == group]
    named += [gid for identity in seen.identities for gid, name in identity.names if name == group]
    return named[0] if named else _STATIC_GIDS.get(group)


def _image_l4t_conflict(seen: Observed) -> List[str]:
    """An image tagged for one L4T major (r35.1.0) beside a host showing another: the lines that show both. None
    where an image of the host's own major is shown too (a migration story: the old image, then the rebuilt one)."""
    host = [(s.value.split(".")[0], s.line) for s in seen.releases] + _kernel_releases(seen)
    # ... or JetPack named in words, outside any image's name ("Jetson AGX Orin, JetPack 6.0.", not "app:r35-jp5")
    names = [launch.image for launch in seen.launches if launch.image]
    host += [(str(_JETPACK_L4T[m.group(1)]), s.line) for s in seen.jetson
             for m in _JETPACK_NAMED.finditer(functools.reduce(lambda line, name: line.replace(name, " "), names, s.line))]
    majors = {image.value.split(".")[0] for image in seen.images}
    for image in seen.images:
        for major, line in host:
            if major and image.value.split(".")[0] != major and major not in majors:
                return [image.line, line]
    return []


def _driver_older(seen: Observed) -> str:
    """The deviceQuery line when the driver's CUDA version is older than the runtime's."""
    if seen.cuda_versions is None:
        return ""
    driver, runtime = (tuple(int(p) for p in v.split(".")) for v in seen.cuda_versions.value.split(" / "))
    return seen.cuda_versions.line if driver < runtime else ""


# The L4T major a Jetson kernel series belongs to (4.9: R32, 5.10: R34/R35, 5.15: R36, 6.8: R38).
_KERNEL_L4T = {"4.9": "32", "5.10": "35", "5.15": "36", "6.8": "38"}


# A line about another machine than the Jetson: the PC that flashes it, a laptop, a host, a machine compared with.
_ELSEWHERE = re.compile(r"\bsdk\s?manager\b|\bflash(?:es|ed|ing)?\b|\b(?:host|laptop|desktop|workstation|pc|vm)\b|" +
                        ANOTHER_MACHINE.pattern, re.I)


def _kernel_releases(seen: Observed) -> List[Tuple[str, str]]:
    """The L4T majors the Jetson's -tegra kernels shown belong to (_KERNEL_L4T), each with its line."""
    return [(_KERNEL_L4T[m.group(1)], s.line) for s in seen.jetson if s.kind == "kernel"
            for m in [re.match(r"(\d+\.\d+)", s.value)] if m and m.group(1) in _KERNEL_L4T]


def _absent_gpu_node(seen: Observed) -> bool:
    """Whether the paste shows a GPU node (a Tegra, DRM or discrete GPU's) missing."""
    return any(_GPU_DEVICE.match(a.value) for a in seen.absent)


def _held_read_only(seen: Observed) -> List[Tuple[ListedNode, Identity]]:
    """Tegra nodes whose group may only read them (Thor's 0440 /dev/nvmap), each with a non-root `id` in that group."""
    pairs = []
    for node in _gpu_nodes(seen):
        if node.path.startswith("/dev/nv") and node.mode & 0o060 == 0o040 and not node.mode & 0o002:
            gid = decimal(node.group)
            pairs += [(node, i) for i in seen.identities if i.uid != 0 and i.where == node.where and (
                gid in i.groups if gid is not None else node.group in {name for _, name in i.names})]
    return pairs


def _holds_added(identity: Identity, launches: Sequence[Launch]) -> bool:
    """Whether the pasted `id` holds every group the launches add (podman's keep-groups and shell substitutions name no
    group this paste can check). A group added by name is checked by its name; where the `id` prints no names, only by
    count: the session holds at least as many other groups as names were added."""
    names = {name for _, name in identity.names}
    added = {g for launch in launches for g in launch.group_add if g != "keep-groups" and not g.startswith(SHELL_COMPUTED)}
    numbers = {g.lstrip("0") or "0" for g in added if g.isdigit()}
    named = {g for g in added if not g.isdigit()}
    held = {str(g) for g in identity.groups}  # compared as text: a GID of thousands of digits is no int to build
    if not numbers <= held:
        return False
    if names:
        return named <= names
    return len(held - numbers - {str(identity.gid)}) >= len(named)


def _adds_checkable_groups(launches: Sequence[Launch]) -> bool:
    """Whether the launches add a group an `id` can be checked against: not only podman's keep-groups and shell
    substitutions the paste shows no answer for."""
    return any(g != "keep-groups" and not g.startswith(SHELL_COMPUTED) for launch in launches for g in launch.group_add)


def _added_gid_listed_inside(seen: Observed, launches: Sequence[Launch]) -> bool:
    """Whether a GPU node listed inside the container has a group one of the launches adds (by number, or by a name
    the same as the node's group)."""
    added = {(g.lstrip("0") or "0") if g.isdigit() else g for launch in launches for g in launch.group_add}
    return any(node.group in added for node in _gpu_nodes(seen) if node.where == "container")


def _denied_lines(seen: Observed, kind: str) -> List[str]:
    return [n.line for n in seen.nodes if kind in n.path][:1] + [i.line for i in _sessions(seen)[:1]]


def _host_cuda_unfound(seen: Observed, line_of: Dict[str, str], jetson: bool, container: str) -> str:
    """The build error that says CUDA_HOME is not set, in an image build on a release whose images get CUDA itself from
    the host through the NVIDIA runtime (_cuda_from_host): the runtime was not there; "" otherwise."""
    line = line_of.get("build-error", "")
    return line if jetson and container and _cuda_from_host(_l4t_major(seen)) and "cuda_home" in line.lower() else ""


def _cuda_from_host(major: Optional[int]) -> bool:
    """Whether a container on this L4T major gets CUDA's own libraries (_CUDA_STACK) from the host through the
    runtime: up to R32 (JetPack 4) it does; from R34 the image brings its own, and only the driver (libcuda, the
    Tegra libraries) is mounted (jetson-containers' l4t_version.py picks l4t-base for R32 and l4t-jetpack or
    ubuntu from R34; NVIDIA's forum reply on CDI mounts, forums.developer.nvidia.com/t/268191: the mounted
    libraries are the hardware-dependent ones, "rather than the user space libs like CUDA"; Medium). With no
    release shown: either could be."""
    return major is None or major <= 32


def _l4t_major(seen: Observed) -> Optional[int]:
    """The L4T major the paste shows: its release, or else the newest JetPack lines name in words (JetPack 6.0 is R36),
    or else the one release the L4T images it uses are tagged for, where no Orin, Thor or R36 software is shown (an
    image of one major runs on a host of that major: `FROM l4t-pytorch:r32.4.4` on a Xavier is JetPack 4), or else the
    newest one its module runs (a Xavier runs R35 at most: every test made here is "before R36?"), or else the one its
    -tegra kernel belongs to, or else R36 where a Jetson's system is R36's (Ubuntu 22.04 or later)."""
    shown = _l4t_of(seen.l4t or "")
    if shown is not None:
        return shown
    named = [_JETPACK_L4T[m.group(1)] for s in seen.jetson for m in _JETPACK_NAMED.finditer(s.line)]
    ceiling = _module_ceiling(seen)
    if named:  # several: the newest the module runs ("after upgrading from JetPack 5.1 to 6.0"; upgrades go forward)
        return max([major for major in named if ceiling is None or major <= ceiling[0]] or named)
    imaged = {_l4t_of(s.value) for s in seen.images} - {None}
    only = imaged.pop() if len(imaged) == 1 else None
    # (not where the paste shows an Orin or Thor, or R36's software: their hosts outgrow old images, which still run)
    newer = any(_NEWER_FAMILY.search(s.line) for s in seen.jetson) or _shows_r36_software(seen)
    if only is not None and not newer and (ceiling is None or only <= ceiling[0]):
        return only
    if ceiling:
        return ceiling[0]
    # (else the Jetson's kernel, or a system that is R36's, Ubuntu 22.04 or later, said of no other machine and not
    # asked about: JetPack 5 has neither)
    kernels = {int(major) for major, _ in _kernel_releases(seen)}
    if len(kernels) == 1:
        return kernels.pop()
    system = [line for line in seen.said("R36 system") if "?" not in line and not _ELSEWHERE.search(line)] \
        if seen.jetson and not imaged and not kernels else []
    return 36 if system else None


def _shows_r36_software(seen: Observed) -> bool:
    """Whether the paste shows software only L4T R36 and later run: its system (Ubuntu 22.04 or later, a 5.15 -tegra
    kernel), or CUDA 12 or later."""
    return bool(seen.said("R36 system") or seen.said("CUDA 12 or later"))


def _release_lines(seen: Observed) -> List[str]:
    """The line that shows the release: the release line, or else the line that names the JetPack in words, or else
    the line naming a module whose last release is before R36."""
    if seen.releases:
        return [seen.releases[0].line]
    named = [s.line for s in seen.jetson if _JETPACK_NAMED.search(s.line)][:1]
    ceiling = _module_ceiling(seen)
    return named or ([ceiling[1]] if ceiling else [])


def _module_ceiling(seen: Observed) -> Optional[Tuple[int, str]]:
    """The newest L4T major the paste's Jetson module runs, with the line naming it (data/l4t_jetpack.json
    last_release); none when no module of the machine itself is named, or the paste shows a newer one: a newer family
    named anywhere (an Orin in a Xavier carrier), R36 software (Ubuntu 22.04, CUDA 12), an image for R36 or later."""
    table = data.load("l4t_jetpack")
    families = [(family, s.line) for s in seen.jetson if s.kind in ("model", "SoC") and _names_the_host(s)
                for family in [_module_family(table["socs"].get(s.value.lower().replace("nvidia,", ""), s.value))]]
    newer = any(_NEWER_FAMILY.search(s.line) for s in seen.jetson) or _shows_r36_software(seen) \
        or any((_l4t_of(image.value) or 0) >= 36 for image in seen.images)
    if not families or newer or any(family is None for family, _ in families):
        return None
    majors = table["last_release"]["modules"]
    major, line = max((majors[family]["major"], line) for family, line in families)
    return major, line


def _names_the_host(sign: Sighting) -> bool:
    """A model or SoC name that is the machine's own: not part of an image's name (`detector:jetson-xavier-nx`), nor
    the SoC prefix of a driver's name (`tegra194-pcie`, `tegra210-admaif`), which later SoCs reuse, nor a board the line
    asks about, compares with or replaced (_ANOTHER_BOARD)."""
    at = sign.line.find(sign.value)
    before, after = sign.line[at - 1:at] if at > 0 else "", sign.line[at + len(sign.value):at + len(sign.value) + 1]
    return at < 0 or not (before in (":", "/") or (sign.kind == "SoC" and after in ("-", "_"))
                          or _ANOTHER_BOARD.search(sign.line))


def _l4t_of(release: str) -> Optional[int]:
    """The major of an L4T release ("36.4.0" is 36); none for one that is not a number."""
    head = release.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _module_family(name: str) -> Optional[str]:
    """The family of data/l4t_jetpack.json's last_release a model or SoC name is in; none for a newer one."""
    if _NEWER_FAMILY.search(name):
        return None
    found = _OLDER_FAMILY.search(name)
    return _FAMILY_NAMES[found.group(0).lower()] if found else None


# Families by the start of a word ("jetson_nano" too); a newer family named outranks an older one ("Orin Nano"), and
# so do the names people shorten an Orin Nano to ("Jetson Nano Super", "Nano 8GB": the first Nano had 2 or 4 GB).
_NEWER_FAMILY = re.compile(r"(?<![a-z])(?:orin|thor|igx|super\b|nano[\s-]*8\s*gb)", re.I)


_OLDER_FAMILY = re.compile(r"(?<![a-z])(?:nano|tx1|tx2|xavier|tegra x[12])", re.I)


# A board the paste asks about, compares with or no longer uses: not the machine that fails.
_ANOTHER_BOARD = re.compile(r"\?|\b(?:replac\w*|old|older|previous|former|used to|instead of|other|another|vs\.?|versus|"
                            r"compared)\b", re.I)


_FAMILY_NAMES = {"nano": "Nano", "tx1": "TX1", "tx2": "TX2", "xavier": "Xavier", "tegra x1": "TX1", "tegra x2": "TX2"}


def _releases_named(line: str) -> Set[int]:
    """The L4T majors a line names, by JetPack ("JetPack 6", "JP7.2") or by release tag ("r36.4", "`r39`")."""
    return {_JETPACK_L4T[m.group(1)] for m in _JETPACK_NAMED.finditer(line)} | {
        int(m.group(1)) for m in _RELEASE_TAG.finditer(line)}


_IMAGE_ON_HOST = re.compile(r"\b(?:image|container|wheel|build|built)\b[^\n]{0,120}?\b(?:on|with|against|under)\s+"
                            r"(?:the\s+|a\s+|my\s+|its\s+)?(?:[\w.`()-]{0,24}\s*(?:driver|host|kernel|bsp)\b|"
                            r"(?:jetpack|jp|l4t)\s*v?\d)", re.I)


_UPGRADE_SAID = re.compile(r"\b(?:upgrad|updat|migrat|reflash|flashed|moved? (?:from|to)|worked (?:on|with|fine)|"
                           r"used to|since)", re.I)


_RELEASE_TAG = re.compile(r"(?<![\w.])[rR](2[89]|3\d)(?:\.\d{1,2}){0,2}(?![\w.])")


# JetPack named in prose ("JetPack 6.0", "JP 5.1.2") and the L4T major of each JetPack major (the L4T table).
_JETPACK_NAMED = re.compile(r"\b(?:jetpack|jp)[\s-]?v?([4-7])(?:\.\d+){0,2}\b", re.I)


_JETPACK_L4T = {"4": 32, "5": 35, "6": 36, "7": 38}
