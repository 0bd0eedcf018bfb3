"""The most likely cause: which system the paste came from (shown by it, or assumed and said so), and how
its families, facts and failing line weigh on that system. What the paste does not show stays unknown.

The first reading gathers the paste once (``_case_of``) and asks readers in order, the most specific first
(``_READERS``, then ``_DENIAL_READERS``); evidence elsewhere in the paste may rule that reading out (``_decide``).
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Dict, List, Optional, Pattern, Sequence, Set, Tuple

from .. import data
from ..injection import ANY_GROUPS
from ..launch import SHELL_COMPUTED, Launch, numeric_user
from ..model import Diagnosis, ViewKind
from ..probe.devices import role_of
from ..record import frozen_record, with_fields
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
    IMAGE_BUILD,
    JETSON_CC,
    LINKER_MISSES,
    NEGATED_BEFORE,
    NVIDIA_CARD,
    NVIDIA_GPU,
    OTHER_ARM_BOARD,
    OWN_BUILD_LIBRARY,
    PACKAGE_ROW,
    PC_PROSE,
    PROMPT,
    ROCM_RELEASE,
    SOLVED,
    WORKS_THERE,
    Identity,
    ListedNode,
    Observed,
    Sighting,
    computed_gid,
    failing_session,
    switch_commands,
    switches_to_root,
)
from .failure import (
    _DISCRETE_DRIVER,
    _GPU_DEVICE,
    _GPU_SOFTWARE,
    _LOG_PREFIX,
    _NAMES_GPU,
    _UNNAMED_DENIAL,
    _VERSIONS_MISMATCH,
    MODULE_LOAD,
    Failure,
    _refuses_access,
)
from .records import Cause, Statement, SymptomMatch, cause_ids
from .signatures import _family, _vetoed_line

_AS_ROOT = re.compile(r"^(?:\S*[$>]\s*)?sudo\s|^root@[^\n]*?#|^#\s|^(?:as|with|for)\s+(?:the\s+)?root\b", re.I)


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




# Words that say which machine fails: "fails on my Orin", "doesn't work on the x86 box" (the word after "on").
_SAID_TO_FAIL = re.compile(r"\b(?:fails?|failing|failed|crash(?:es|ed)?|(?:does|do|did)(?:n't| not) work|not working|"
                           r"breaks?|broken)\b[^.\n]{0,20}?\bon\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)", re.I)


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


def _said_to_fail(sign: Sighting) -> bool:
    """Whether the words of the sign's line say the machine it names is the one that fails."""
    said = _SAID_TO_FAIL.search(sign.line)
    return said is not None and said.group(1).lower() in sign.value.lower()


def _names_the_device(sign: Sighting, images: Sequence[str]) -> bool:
    """Whether a weak Jetson sign names the device the paste ran on: a module, SoC, node or tool word, not inside the
    name of an image the paste launches, on the launch's line (a PC can pull ultralytics:latest-jetson too)."""
    return sign.kind == "Tegra-only name" and bool(_DEVICE_WORD.search(sign.value)) and not any(
        sign.value.lower() in image and image in sign.line.lower() for image in images)


# Weak signs of a PC that a Jetson can show too (Thor's /dev/nvidia*, mainline Tegra's VDPAU): alone, a PC assumed.
SHARED_X86 = ("discrete-GPU node", "PC software")
PLATFORM_NAMES = {"jetson": "a Jetson", "pc": "a PC with a discrete GPU"}
# With no sign of either system and no error family that leans to one, the project's own readers' system.
JETSON_BY_DEFAULT = "the paste does not say which system it ran on, and reports to this project come from Jetsons"
_DRIVER_VERSION_ERRORS = ("cuda-35", "cuda-803", "cuda-804")
_OOM_AT_START_UP = re.compile(r"\bcuda initiali[sz]ation\b[^\n]{0,40}?\bout of memory\b|"
                              r"\bcuinit\b[^\n]{0,30}?\bout of memory\b|"
                              # (not one that answered True first: "returns True, then I get ... out of memory")
                              r"\b(?:is_available|device_count)\(\)(?:(?!\btrue\b)[^\n]){0,30}?\b(?:i\s+(?:get|got|encounter\w*|see)|"
                              r"raises?|throws?|gives?|returns?|fails?\s+with|failed\s+with)\b"
                              r"(?:(?!\btrue\b)[^\n]){0,30}?\bout of memory\b", re.I)
_PLATFORM_WARNING = re.compile(r"\brequested image's platform\b[^\n]*\bdoes not match\b", re.I)
# What a program says when it finds no GPU or driver where it runs: in a container started without the GPU, the
# container's lack (see _first_reading).
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
DRIVER_FAILURE = "NVML, nvidia-smi, /dev/nvidia* and the NVIDIA kernel module are a discrete GPU's driver"
GRAPHICS_RENDER = ("the render node fails and the paste never names CUDA: on a PC the render node serves graphics and video "
                   "(Mesa, VA-API, Vulkan); a Jetson's CUDA failing there prints CUDA's own error")
LEGACY_HOOK = ("the runtime's hook fails on what only its discrete-GPU (legacy) mode touches: NVML, /dev/nvidia*, the "
               "persistence daemon or its driver-version check; on a Jetson it mounts the CSV files instead")
# (the C library's requirement check, "nvidia-container-cli: requirement error", is the legacy mode's; the runtime's csv
# mode on a Jetson says "requirements not met" and names the host's CUDA: "(cuda=11.4)")
_LEGACY_HOOK = re.compile(r"nvidia-persistenced|requirement error:[^\n]{0,120}update your driver|"
                          r"nvidia-container-cli:\s*requirement error", re.I)
# Where a paste names CUDA or a Tegra at all: then a render node it names may be CUDA's on a Jetson.
_CUDA_NAMES = ("cuda", "cuinit", "cuctx", "tegra", "jetson", "l4t", "jetpack", "nvmap", "nvhost", "tensorrt", "nvrm",
               "deepstream")
_TEGRA_NODE = re.compile(r"/dev/nv(?!idia)|nvhost|nvmap", re.I)
_DISCRETE = re.compile(_DISCRETE_DRIVER, re.I)
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


_WSL_KERNEL = re.compile(r"\b\d+\.\d+\.\d+(?:\.\d+)?-microsoft-standard(?:-WSL2)?\b", re.I)
_NAMED_ONLY = ("model", "Tegra-only name", "host name")  # Jetson signs that are names, not a Jetson's own output
# Jetson signs only a Jetson's own hardware prints (its kernel, its board and SoC ids, tegrastats, its GPU as CUDA names
# it, its release file)
_JETSON_HARDWARE = ("kernel", "board id", "SoC", "tegrastats", "CUDA device", "release file")


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
# A Jetson's signs an image's software does not bring along to another board: its hardware, its L4T release (stated,
# in its release file, in its packages) and its JetPack.
_NOT_BROUGHT_BY_AN_IMAGE = _JETSON_HARDWARE + ("L4T version", "JetPack stated", "nvidia-l4t package")


def _no_nvidia_gpu_on_the_board(reading: Cause, seen: Observed, matches: Sequence[SymptomMatch]) -> Cause:
    """A PC's reading on a paste whose only machine is another maker's Arm board, with no Jetson's own sign shown (an
    L4T image's software may run there: _NOT_BROUGHT_BY_AN_IMAGE) and no error only a discrete NVIDIA GPU's driver
    prints (the machine that fails is then another, or a card in the board's slot): the board has no NVIDIA GPU, so
    what fails there is its own hardware's or the software's, not this access."""
    if reading.id != "x86-discrete-gpu" or not _only_another_makers_board(seen) or any(
            s.kind in _NOT_BROUGHT_BY_AN_IMAGE for s in seen.jetson) or any(m.id in _DRIVER_AT_WORK for m in matches):
        return reading
    board = _other_arm_boards(seen)[0]
    why = _because("the board is another maker's Arm board ({}), with no NVIDIA GPU: what fails is its own hardware's "
                   "or the software's, not anything of NVIDIA's".format(board.value),
                   [board.line] + list(reading.why.evidence))
    return Cause("not-gpu-access", why, tuple(dict.fromkeys(("x86-discrete-gpu",) + reading.also_possible)))


def _runs_the_image_s_software(seen: Observed, jetson: Sequence[Sighting], hard_x86: Sequence[Sighting]) -> List[Sighting]:
    """The signs of the machine that runs an L4T image's software where no Jetson's own hardware is shown: another arm
    board's own kernel, SoC or name, or a PC that runs the image under an emulator. It outranks what the software prints
    there and a Jetson named in words (the target, where the pipeline came from)."""
    board = _other_arm_boards(seen)
    if bool(seen.said("emulated arm64")):
        board += hard_x86
    return board if jetson and not any(s.kind in _JETSON_HARDWARE for s in jetson) else []


def _thor_or_later(seen: Observed, jetson: Sequence[Sighting]) -> bool:
    """Whether the paste shows JetPack 7 or later (L4T R38 on) or a Thor: the server (SBSA) CUDA stack and, on Thor,
    the open kernel driver of the desktop branch."""
    return (_l4t_major(seen) or 0) >= 38 or any(re.search(r"\bthor\b", s.value, re.I) for s in jetson)


def _a_jetson_s_own(sign: Sighting, seen: Observed, jetson: Sequence[Sighting]) -> bool:
    """Whether a PC's sign is what a Jetson shows of itself: the server (SBSA) CUDA stack, a Jetson's own from JetPack 7
    on, named beside any Jetson; and the desktop driver's branch, which Thor runs (OpenRM: fact sheet), in its
    nvidia-smi header beside a Thor or a JetPack 7 release."""
    if not jetson:
        return False
    if sign.value.lower() == "sbsa":
        return True
    return _thor_or_later(seen, jetson) and bool(re.search(r"\b(?:driver|nvidia-smi)\b\D{0,24}\b5[89]\d\.", sign.value, re.I))


def shown_platform(seen: Observed) -> Tuple[str, str]:
    """("jetson" or "pc", the line that shows it) as the paste shows the system, or ("", "") when it does not.

    A hard sign of a Jetson outranks any sign of a PC, and a hard sign of a PC outranks weak Jetson signs.
    """
    jetson = _this_machine_s(seen.jetson, seen.x86)
    if _names_an_nvidia_gpu(seen):  # a Jetson project's folder in a path
        jetson = [s for s in jetson if not _only_a_folder(s)]  # ("~/jetson-inference/build") beside a desktop GPU named
    strong = [s for s in jetson if s.kind not in WEAK_JETSON]
    images = [launch.image.lower() for launch in seen.launches if launch.image]
    device_named = any(_names_the_device(s, images) for s in jetson)
    elsewhere = [s for s in seen.x86 if s.kind == PC_PROSE and _said_to_work(s)]  # named as the machine that works
    # (nouveau, the open driver, drives a Tegra's GPU under mainline Linux too: beside the device's name, or an arm64
    # machine's own signs, it shows no PC)
    hard_x86 = [s for s in seen.x86 if s.kind not in WEAK_X86
                and not ((s.kind == PC_PROSE or s.value.lower() == "nouveau") and device_named)
                and not (s.value.lower() == "nouveau" and any(j.kind == "arm64 machine" for j in seen.jetson))
                and s not in elsewhere and not (device_named and PACKAGE_ROW.match(s.line))
                and not _a_jetson_s_own(s, seen, jetson)]
    if not strong and device_named and not hard_x86 and any(s.kind == PC_PROSE for s in seen.x86):
        # both named in words: a prompt's Jetson host name is where the commands ran; else the one the words say fails
        # ("works on my x86 laptop but fails on my Orin"), else assumed
        prompt = [s for s in jetson if s.kind == "host name"]
        if prompt:
            return "jetson", prompt[0].line
        failing = [(s, system) for system, signs in (("jetson", jetson), ("pc", seen.x86)) for s in signs
                   if _said_to_fail(s)]
        return (failing[0][1], failing[0][0].line) if len({system for _, system in failing}) == 1 else ("", "")
    # WSL's own kernel release (`uname -r`): the commands ran in WSL, and a Jetson only named there is another machine
    # (the board it flashes); a Jetson's own output beside it (its release file, its kernel) is a mixed paste
    wsl_kernel = [s for s in seen.x86 if _WSL_KERNEL.search(s.line)]
    if wsl_kernel and jetson and all(s.kind in _NAMED_ONLY for s in jetson):
        return "pc", wsl_kernel[0].line
    board = _runs_the_image_s_software(seen, jetson, hard_x86)
    if board:
        return "pc", board[0].line
    if strong or (jetson and not hard_x86):
        return "jetson", (strong or jetson)[0].line
    named_here = hard_x86 or [s for s in seen.x86 if s not in elsewhere]
    return ("pc", named_here[0].line) if named_here else ("", "")


_STANDALONE_JETSON = re.compile(r"(?<!/)\bjetson\b", re.I)


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


def _only_a_folder(sign: Sighting) -> bool:
    """Whether the sign is the word "jetson" only as a folder of a path on its line."""
    return sign.kind == "Tegra-only name" and sign.value.lower() == "jetson" and not _STANDALONE_JETSON.search(sign.line)


def _image_named_system(seen: Observed, platform: str) -> Optional[Sighting]:
    """The sign ``platform`` rests on when every sign of it is a word that names no hardware inside the name of an
    image the paste launches; None when any sign is elsewhere."""
    signs, weak = (seen.jetson, WEAK_JETSON) if platform == "jetson" else (seen.x86, WEAK_X86) if platform else ((), ())
    images = [launch.image.lower() for launch in seen.launches if launch.image]
    named = [s for s in signs if s.kind in weak and any(s.value.lower() in image for image in images)]
    return named[0] if named and len(named) == len(signs) else None


def _host_hook_failed(matches: Sequence[SymptomMatch]) -> bool:
    """Whether the failure shown is the NVIDIA runtime's hook, which runs on the host before the image starts."""
    return any(m.id == "runtime-hook-failed" or "nvidia-container-cli" in m.line.lower() for m in matches)


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


def family_lean(ids: Sequence[str], in_container: bool = False, names_cuda: bool = False) -> Optional[Tuple[str, str]]:
    """The system the first error family that leans to one points at, and why (data/symptoms.json
    `platform`, `assume`); None when no family in ``ids`` leans. In a container, a family whose lean rests on the
    host's own driver (`no_lean_in_container`) does not lean; nor, in a paste that names CUDA or a Tegra
    (``names_cuda``), does one whose lean rests on CUDA being absent (`no_lean_if_cuda_named`)."""
    for symptom_id in ids:
        family = _family(symptom_id)
        if family.get("platform") and not (in_container and family.get("no_lean_in_container")) and not (
                names_cuda and family.get("no_lean_if_cuda_named")):
            return str(family["platform"]), str(family["assume"])
    return None


def _node_lean(matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis]) -> Optional[Tuple[str, str]]:
    """A CUDA error beside a render node the session is denied leans to a Jetson: CUDA opens the render
    node only on a Jetson (JetPack 6 and later); a PC's CUDA opens /dev/nvidia*."""
    render_denied = diagnosis is not None and any(f.code == "ACC-003" for f in diagnosis.findings)
    if render_denied and any(m.id.startswith("cuda-") for m in matches):
        return "jetson", "the session is denied the render node beside a CUDA error, and only a Jetson's CUDA opens it"
    return None


def _graphics_lean(matches: Sequence[SymptomMatch], failure: Optional[Failure], names_cuda: bool) -> Optional[Tuple[str, str]]:
    """A PC when the render node is denied in a paste that never names CUDA or a Tegra: on a PC the render
    node serves Mesa, VA-API and Vulkan to any program; on a Jetson it is CUDA's, which fails with CUDA's own error."""
    lines = [m.line for m in matches if m.id in ("render-node-denied", "denial-words")]
    lines += [failure.line] if failure is not None and failure.kind == "gpu-node" else []
    if names_cuda or any(m.id.startswith(("cuda-", "nv")) for m in matches):
        return None
    return ("pc", GRAPHICS_RENDER) if any(_RENDER_WORDS.search(line) and not _TEGRA_NODE.search(line)
                                          for line in lines) else None


def _hook_lean(matches: Sequence[SymptomMatch]) -> Optional[Tuple[str, str]]:
    """A PC when the runtime's hook fails on what only its discrete-GPU (legacy) mode touches: NVML, /dev/nvidia*,
    the persistence daemon, or its own driver-version check. On a Jetson the toolkit mounts the CSV files instead."""
    hook = [m.line for m in matches if m.id == "runtime-hook-failed"]
    # (the hook's own reason may stand on another line than the engine's: "... error: nvidia-container-cli: requirement
    # error: unsatisfied condition: cuda>=12.6" quoted above the docker run that failed)
    hook += [m.line for m in matches if hook and "nvidia-container-cli" in m.line.lower()]
    return ("pc", LEGACY_HOOK) if any(_DISCRETE.search(line) or _LEGACY_HOOK.search(line) for line in hook) else None


def _line_lean(matches: Sequence[SymptomMatch], failure: Optional[Failure]) -> Optional[Tuple[str, str]]:
    """A PC when the failing line, or the words of a denial, name a discrete GPU's driver (NVML, nvidia-smi,
    /dev/nvidia*); None otherwise."""
    lines = [m.line for m in matches if m.id == "denial-words"]
    lines += [failure.line] if failure is not None and failure.kind == "driver" and not matches else []
    return ("pc", DRIVER_FAILURE) if any(_DISCRETE.search(line) for line in lines) else None


def _index_lean(seen: Observed) -> Optional[Tuple[str, str]]:
    """A PC when the paste installs from PyTorch's own index of CUDA builds, which holds none for a Jetson's CUDA."""
    return ("pc", "the paste installs from PyTorch's own index of CUDA builds, which are PCs' and servers'") if seen.said(
        "PC CUDA index") else None


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


def _shows_failure(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                   failure: Optional[Failure]) -> bool:
    denied = diagnosis is not None and any(f.code in ("ACC-002", "ACC-003", "ACC-004") for f in diagnosis.findings)
    return bool(matches) or bool(seen.absent) or denied or failure is not None


def decide_cause(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                 failure: Optional[Failure] = None, container: str = "", names_cuda: bool = True) -> Cause:
    """The top-1 cause: the likeliest given the evidence, in order of how decisive the evidence is.

    The platform comes first. When the paste shows it, the reading is that system's. When it does
    not but shows a failure, the reading is done on the system the error family leans to (a Jetson
    when none does), and the cause says so as an assumption, with the cause it would be on the other
    system; the question then asks which system it is. Only a paste that shows no failure and no
    platform stays `unknown`. A failure no family names (``failure``) is weighed by what its line
    mentions; ``container`` is a line showing the paste ran inside a container or an image build; ``names_cuda``
    whether the paste names CUDA or a Tegra anywhere.
    """
    platform, line = shown_platform(seen)
    lean = (_node_lean(matches, diagnosis) or _graphics_lean(matches, failure, names_cuda) or _hook_lean(matches)
            or family_lean([m.id for m in matches], bool(container or seen.launches or seen.execs), names_cuda)
            or _line_lean(matches, failure) or _index_lean(seen))
    # nvidia-smi run as a command is the weakest sign of a PC (JetPack 6 has it too): an error family
    # that leans to a Jetson outranks it.
    if platform == "pc" and all(s.kind == "nvidia-smi" for s in seen.x86) and lean and lean[0] == "jetson":
        platform, line = "", ""
    # The runtime's hook fails on the host before the image runs; a system named only by the image's name is the one
    # the image was built for, not the host's: the cause read on it is said as assumed, with the other system's.
    named = _image_named_system(seen, platform)
    if named is not None and _host_hook_failed(matches):
        platform, line, lean = "", "", (platform, "the image's name says {!r}, which is what the image was built for, "
                                        "not the host the runtime's hook failed on".format(named.value))
    # A PC named only by signs a Jetson can show too (a node name Thor shares, software a mainline Tegra has) is likely, not
    # shown: a failure is read on it, and said as assumed, with the Jetson's reading beside it.
    failing = _shows_failure(seen, matches, diagnosis, failure)
    if platform == "pc" and failing and all(s.kind in SHARED_X86 for s in seen.x86) and not (lean and lean[0] == "pc"):
        platform, line, lean = "", "", ("pc", "the paste names {}, which a PC has and a Jetson can have too".format(seen.x86[0].value))
    if platform or not failing:
        return _decide(seen, matches, diagnosis, platform, line, failure, container)
    prior, why = lean or ("jetson", JETSON_BY_DEFAULT)
    likely = _decide(seen, matches, diagnosis, prior, "", failure, container)
    other = _decide(seen, matches, diagnosis, "pc" if prior == "jetson" else "jetson", "", failure, container)
    if likely.id == other.id or likely.id == "unknown":  # the system does not change the reading, or decides nothing
        return likely
    assumption = "assumed: {}, since {}".format(PLATFORM_NAMES[prior], why)
    text = "{} (assumed: {}, which the paste does not show; on {} it would be {})".format(
        likely.why.text, PLATFORM_NAMES[prior], PLATFORM_NAMES["pc" if prior == "jetson" else "jetson"], other.id)
    rest = tuple(c for c in dict.fromkeys((other.id,) + likely.also_possible) if c != likely.id)
    return Cause(likely.id, Statement(text, likely.why.evidence, likely.why.assumed), rest, assumption, other.id, prior,
                 likely.ruled_by)


def _decide(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis], platform: str,
            platform_shown: str, failure: Optional[Failure] = None, container: str = "") -> Cause:
    """The first reading the evidence supports, unless evidence elsewhere in the paste rules its cause out
    (data/causes.json `ruled_out_by`): then that evidence's own reading, with the lines of both."""
    reading = _no_nvidia_gpu_on_the_board(_toolkit_left_open(
        _first_reading(seen, matches, diagnosis, platform, platform_shown, failure, container), matches), seen, matches)
    rules = data.load("causes")["ruled_out_by"]
    if not any(reading.id in rule["rules_out"] for rule in rules):
        return reading  # no evidence could rule it out: none is looked for
    ids, line_of = [m.id for m in matches], {m.id: m.line for m in matches}
    shown = [(rule, lines) for rule in rules for lines in [_RULING_EVIDENCE[rule["evidence"]](seen, ids, line_of)] if lines]
    ruled_out = {cause_id for rule, _ in shown for cause_id in rule["rules_out"]}
    for rule, lines in shown:
        if reading.id in rule["rules_out"]:
            rest = tuple(c for c in dict.fromkeys(reading.also_possible + ("jetson-software-mismatch",))
                         if c not in ruled_out and c != rule["instead"])
            why = "{}; the reading `{}` ({}) is ruled out".format(rule["says"], reading.id, reading.why.text)
            return Cause(rule["instead"], _because(why, list(lines) + list(reading.why.evidence)), rest,
                         ruled_by=rule["evidence"])
    return reading


# The causes of a session denied a node, which the container toolkit's own state shown beside them can explain (its opt-out
# of the nodes' GIDs, its mode, the version it went to): it decides what groups and nodes the container gets.
_TOOLKIT_CAN_EXPLAIN = ("render-node-denied", "tegra-nodes-denied", "login-drops-runtime-groups", "uid-gid-launch",
                        "nodes-missing-in-container")


def _toolkit_left_open(reading: Cause, matches: Sequence[SymptomMatch]) -> Cause:
    """A denial read over the toolkit's state the paste shows leaves the toolkit possible: it may be why."""
    if reading.id not in _TOOLKIT_CAN_EXPLAIN or "toolkit-band" in reading.also_possible or not any(
            m.id == "toolkit-state" for m in matches):
        return reading
    return with_fields(reading, also_possible=reading.also_possible + ("toolkit-band",))


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


def _access_works(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """Lines showing the GPU opened and working for the session that fails: a check that opens it says so, or a
    program reports the device in use. None when the paste contrasts it with another session or with the host, or
    shows a login path (su -, ssh, gosu) whose session is not the one the check ran in."""
    if "denial-words" in ids or len(seen.identities) > 1 or bool(seen.said("works on the host")) \
            or seen.logins or _smi_in_one_run_only(seen, line_of):
        return []
    # Words that say it works do not outrank a CUDA start-up error the program itself printed; a device in use does.
    words = "gpu-works-words" in line_of and not any(i in _STARTUP_ERRORS for i in ids)
    lines = [line_of["gpu-works-words"]] if words else []
    # CUDA's own check answered True, by no root session, where nothing in the paste says CUDA or a node was refused (a
    # True pasted beside a denial is another session's, another machine's or the expected output)
    true = seen.cuda_true
    refused = any(i in _CUDA_REFUSED for i in ids)
    other_session = any(w.kind in ("login in the container", "session path", "root session") for w in seen.words)
    if true is not None and not _AS_ROOT.search(true.value) and not refused and not other_session:
        lines.append(true.line)
    # (and a device in use, unless CUDA was refused beside another session: "only works with sudo", then sudo's run, or
    # beside another launch, whose run it may be)
    if seen.gpu_found is not None and not re.search(r"\bcpu\b", seen.gpu_found.line, re.I) \
            and not (refused and (other_session or len(seen.launches) > 1)):
        lines.append(seen.gpu_found.line)
    return [line for line in lines if not _CONTRAST.search(line)]


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


def _nodes_open_to_all(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """Lines showing the render node and /dev/nvmap, both listed, open to every user (read and write for others, as
    toolkits 1.12 to 1.18.1 create them in a container): no session's groups matter, whoever runs. A node not listed
    may still refuse, and a line that says a node refused someone outranks the listing. Where the container's own
    nodes are listed, they are the ones its sessions open, whatever the host's listing beside them shows."""
    nodes = [n for n in _gpu_nodes(seen) if n.where == "container"] or _gpu_nodes(seen)
    listed = {kind for kind, pattern in _GPU_NODES.items() for n in nodes if pattern.match(n.path)}
    if listed != set(_GPU_NODES) or not any(n.path == "/dev/nvmap" for n in nodes) or any(
            not n.open_to_all for n in nodes) or any(i in _EXPLICIT_DENIALS for i in ids):
        return []
    return [n.line for n in nodes[:2]]


def _nodes_made_for_the_user(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """The path-only CDI spec and the launch that asks for its device, where no node listed in the container and no
    line saying a node refused someone shows otherwise."""
    spec = _path_only_spec(seen)
    launch = next((launch for launch in seen.launches if _asks_cdi(launch)), None)
    inside = [n for n in _gpu_nodes(seen) if n.where == "container"]
    if not spec or launch is None or any(not n.open_to_all for n in inside) or any(i in _EXPLICIT_DENIALS for i in ids):
        return []
    return [spec, launch.text.split("\n")[0]]


# How each kind of evidence that rules causes out (data/causes.json `ruled_out_by`) is found: the lines that show it.
_RULING_EVIDENCE: Dict[str, Callable[[Observed, Sequence[str], Dict[str, str]], List[str]]] = {
    "root-session": lambda seen, ids, line_of: _root_lines(seen, ids),
    "root-fails-too": lambda seen, ids, line_of: seen.said("root fails too"),
    "access-works": _access_works,
    "render-node-held": _nodes_held("render"),
    "tegra-nodes-held": _nodes_held("tegra"),
    "nodes-open-to-all": _nodes_open_to_all,
    "nodes-made-for-the-user": _nodes_made_for_the_user,
}


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


@frozen_record
class _Case:
    """A paste as each reading of its cause sees it (``_case_of``): the families that count, each with its line, the
    system it ran on, and what it shows denied."""

    seen: Observed
    matches: Sequence[SymptomMatch]
    platform: str                      # "jetson", "pc", or "" when none is shown and none needs assuming
    platform_shown: str                # the line that shows the system, "" when it is assumed
    failure: Optional[Failure]         # the paste's failing line (find_failure), None where it is a node read as absent
    container: str                     # the line that shows a container, "" when none does
    line_of: Dict[str, str]            # the line of each family matched, and of the ids made here ("failure-<kind>")
    ids: List[str]                     # the families that count, in the paste's order (readers never change it)
    cpu_asked: str                     # a command that asks for the CPU, read beside what it may explain
    hook: List[str]                    # the runtime hook's own lines
    denied: List[str]                  # the families of a denial or a CUDA start-up error a denial may cause
    nodes_denied: List[str]            # the diagnosis' finding codes of a node denied (ACC-002 to ACC-004)
    process_denied: Set[str]           # ... those whose finding is about the pasted process itself
    not_gpu: List[str]                 # the families that are no GPU access
    foreign: List[Launch]              # launches of images built for servers or desktops, on a Jetson before JetPack 7
    numeric_lines: List[str]           # launches by a numeric uid:gid that drop the image's groups, or said so
    ruled_out: Tuple[str, ...]         # causes the paste rules out, never offered as alternatives
    also_open: Tuple[str, ...] = ()    # causes each reading leaves possible besides its own (_DENIAL_READERS' nodes)

    @property
    def jetson(self) -> bool:
        return self.platform == "jetson"

    @property
    def x86(self) -> bool:
        return self.platform == "pc"

    @property
    def platform_line(self) -> List[str]:
        return [self.platform_shown] if self.platform_shown else []

    @property
    def errors(self) -> List[str]:
        """The families that name an error: no words of no GPU, a symptom or a session, no family that is no GPU access."""
        return [i for i in self.ids if i not in _NO_GPU_SAID + _SYMPTOM_WORDS + _SESSION_FAMILIES + _NOT_GPU + ("gpu-works-words",)]

    @property
    def trigger(self) -> List[str]:
        """The line of the first denial: what a reading of a denial rests on."""
        return [self.line_of[i] for i in self.denied[:1]]

    def cause(self, cause_id: str, text: str, lines: Sequence[str], *also: str) -> Cause:
        rest = tuple(a for a in dict.fromkeys(also + self.also_open)
                     if a != cause_id and a in cause_ids() and a not in self.ruled_out)
        return Cause(cause_id, _because(text, lines), rest)

    def platform_cause(self, on_jetson: str, text: str, lines: Sequence[str], *also: str) -> Cause:
        """On a Jetson the Jetson reading; on a PC the x86 one; with no sign of either, unknown."""
        if self.jetson:
            return self.cause(on_jetson, text, list(lines) + self.platform_line, *also)
        if self.x86:
            return self.cause("x86-discrete-gpu", text, list(lines) + self.platform_line, on_jetson, *also)
        return self.cause("unknown", text + "; the paste shows no sign of which system it ran on", lines, on_jetson,
                          "x86-discrete-gpu", *also)

    def foreign_cause(self) -> Cause:
        """The first launch of ``foreign``: its image's CUDA is not L4T's."""
        return self.cause("jetson-software-mismatch", "the container image is built for servers, desktops or generic "
                          "arm64, so its CUDA is not built for L4T", [_first_line(self.foreign[0])] + self.platform_line,
                          "nodes-missing-in-container")


def _case_of(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis], platform: str,
             platform_shown: str, failure: Optional[Failure], container: str) -> _Case:
    """The families that count for the cause, once: what another family or the paste's own lines outweigh, or read
    better as another family, is taken out or renamed."""

    line_of = {m.id: m.line for m in matches}
    if failure is not None and any(a.line.strip() == failure.line for a in seen.absent):
        failure = None  # a node that does not exist is read as absent (_missing_nodes), never as a denial
    # "It works when I start it another way" contrasts two paths: the symptom of an access problem, not proof of access.
    ids = [m.id for m in matches if m.id != "gpu-works-words" or not _CONTRAST.search(m.line)]
    # A command that asks for the CPU is no failure of its own: read below, beside what it may explain.
    cpu_asked = line_of.get("cpu-requested", "")
    ids = [i for i in ids if i != "cpu-requested"]
    # A build step that fails as it installs the GPU's software is read by its failure, not as a build error.
    ids = [i for i in ids if i != "build-error" or not _GPU_INSTALL.search(line_of[i])]
    # WSL has no NVIDIA kernel module (its GPU comes through /dev/dxg): one said not loaded there is no failure.
    ids = [i for i in ids if i != "nvidia-module-failed" or not _on_wsl(seen)]
    # The toolkit's packages shown upgraded are its state beside the runtime's own failure or the upgrade's; alone, or
    # beside another failure, an upgrade is no failure.
    if "toolkit-upgraded" in ids:
        upgrade_failed = any(i in ("runtime-hook-failed", "gpu-request-unserved") for i in ids) or (
            failure is not None and (failure.kind == "injection" or bool(_INSTALL_FAILED.search(failure.line))))
        ids = [i for i in ids if i != "toolkit-upgraded" or upgrade_failed]
        if upgrade_failed and "toolkit-state" not in ids:
            ids[ids.index("toolkit-upgraded")] = "toolkit-state"
            line_of["toolkit-state"] = line_of["toolkit-upgraded"]
    # Out of memory raised by CUDA's own start-up (torch.cuda.is_available(), cuInit, CUDA's initialisation) on a PC is no
    # allocation of the program's: nothing was allocated yet, and the driver failed to bring the GPUs up
    # (microsoft/WSL#10269). On a Jetson the GPU's memory is the board's RAM, which may simply be full.
    if platform != "jetson":
        ids = [i for i in ids if i not in ("cuda-2", "out-of-memory") or not _OOM_AT_START_UP.search(line_of[i])]
    # A Swarm service named where the paste says the GPU works or shows it found, or beside a failure that is no GPU
    # access (its memory), is where that failed, not a service without the GPU; unless the paste says no GPU was found
    # or the work fell back to the CPU, which the failure may follow from. (A monitor's line may be the host's.)
    if "swarm-service-no-gpu" in ids and (seen.gpu_found is not None or "gpu-works-words" in ids or (
            any(i in _NOT_GPU for i in ids) and not any(i in _NO_GPU_SAID for i in ids)
            and not any(_ON_THE_CPU.search(line) for line in line_of.values()))):
        ids = [i for i in ids if i != "swarm-service-no-gpu"]
    # The engine's warning that an image's platform is not the host's, beside a failure of another kind that is no GPU
    # access and no CUDA error (which emulation itself gives): the image ran (emulated, or tagged for the wrong
    # platform), and that failure is what stopped it.
    if "wrong-architecture" in ids and _PLATFORM_WARNING.search(line_of["wrong-architecture"]) and any(
            i in _NOT_GPU and not _family(i).get("cuda") for i in ids):
        ids.remove("wrong-architecture")
    # Notes no failure rests on (ldconfig's link warning, nvidia-smi's CUDA version asked about) give way to a failing
    # line of their own that names the GPU's software, libraries or nodes.
    if failure is not None and failure.kind in _TELLING_FAILURES:
        ids = [i for i in ids if i not in _NOTES or line_of[i] == failure.line]
    # The driver's installation failing or off decides alone: beside another family's failure, that failure is read.
    if any(i not in _DRIVER_INSTALL + _SYMPTOM_WORDS + _NO_GPU_SAID + ("gpu-works-words",) for i in ids):
        ids = [i for i in ids if i not in _DRIVER_INSTALL]
    # A failure no family names is read by what its line mentions; so is a build error whose lines name a GPU library.
    if failure is not None and (not ids or (failure.kind in ("gpu-library", "library-placeholder")
                                            and all(i in _GPU_LIBRARY_REREAD for i in ids)
                                            and not _linked_where_it_does_not_look(
                                                (failure.line, line_of.get("build-error", "")), seen, container, platform))
                                or (failure.kind not in ("gpu", "other", "unshown", "symptom", "gpu-symptom")
                                    and all(i in _UNTELLING_WORDS for i in ids))):
        kind = "other" if failure.kind == "version" and not _VERSION_OF_THE_GPU.search(failure.line) else failure.kind
        if kind == "gpu-node" and not _refuses_access(failure.line):
            kind = "gpu"  # the GPU driver's complaint about its engine ("nvgpu: PMU wait timeout"), no refused node
        ids = ["failure-" + kind]
        line_of[ids[0]] = failure.line
    for i in [i for i in ids if _family(i).get("software_only_if_named") and not _software_at_fault(line_of[i], seen)]:
        ids[ids.index(i)] = "foreign-binary"   # an image or binary built for another machine, with no GPU software named
        line_of["foreign-binary"] = line_of[i]
    # (801 is the render node only at CUDA's start-up: once the paste shows the device in use, or a call past start-up or
    # an operation this GPU does not support beside it, IPC, shared storage, peer access, it is that operation's; so is
    # a 999 beside such a call, but on a PC, whose driver's fault it is then, and not where the paste shows the process
    # a node denied: a worker's call may be its own CUDA's first, and the denial is what fails it)
    findings = [f.code for f in diagnosis.findings] if diagnosis is not None else []
    nodes_denied = [c for c in findings if c in ("ACC-002", "ACC-003", "ACC-004")]
    past_start_up = seen.said("CUDA call past start-up") and not nodes_denied
    for error, past in (("cuda-801", seen.gpu_found is not None or past_start_up),
                        ("cuda-999", past_start_up and platform != "pc")):
        if error in ids and past:
            ids[ids.index(error)] = error + "-operation"
            line_of[error + "-operation"] = line_of[error]
    jetson = platform == "jetson"
    x86 = platform == "pc"
    # A launch said to lack NVIDIA's runtime while it passes --gpus lacks nothing on a PC (--gpus is the PC's way), nor
    # where the paste shows NVIDIA's runtime as the engine's default
    if "nodes-missing-words" in ids and _RUNTIME_LACKED_GPUS_PASSED.search(line_of["nodes-missing-words"]) and (
            x86 or seen.said("NVIDIA runtime by default")):
        ids.remove("nodes-missing-words")
        del line_of["nodes-missing-words"]
    if x86:  # on a PC, a failure of the GPU's graphics or video work is the PC's GPU
        for i in [i for i in ids if i in _PLAIN_FAILURES and _PC_GPU_FUNCTION.search(line_of[i])]:
            ids[ids.index(i)] = "failure-gpu"
            line_of["failure-gpu"] = line_of[i]
    # (not a line the hook's family is vetoed on: the runtime finding no command to run in the image, a user's mount;
    # a long line is kept to its first 300 characters, so the family's own words are read too)
    hook = [m.line for m in matches if ("nvidia-container-cli" in m.line.lower() or "oci runtime" in m.line.lower())
            and not any(_vetoed_line("runtime-hook-failed", said.lower()) for said in (m.line, m.signature))]
    # The hook's own words are the hook's (it runs as root), except NVML's, which only a discrete-GPU hook prints,
    # and a toolkit too old for what it is asked, which is the hook's own version speaking.
    ids = [i for i in ids if i in ("runtime-hook-failed", "toolkit-too-old") + _OCI_REASONS or i.startswith("nvml-")
           or line_of[i] not in hook]
    # (the hook's line, or another line of its own output, names its reason: that family reads it; the runtime prints the
    # hook's stderr over several lines, "Auto-detected mode as 'csv'" first)
    if "runtime-hook-failed" in ids and any(line_of[i] in hook + [line_of["runtime-hook-failed"]] for i in _OCI_REASONS
                                            if i in ids):
        ids.remove("runtime-hook-failed")
    if not ids and hook:
        ids = ["runtime-hook-failed"]
        line_of["runtime-hook-failed"] = hook[0]
    denied = [i for i in ids if i in _DENIALS]
    # the nodes the pasted process itself is denied, where the paste shows one: what failed it, whatever a login would lack
    process_denied = {f.code for f in diagnosis.findings if f.code in nodes_denied and ViewKind.PROCESS in f.subject.views} \
        if diagnosis is not None else set()

    # A Jetson the paste shows for certain, and no PC beside it, rules out the PC's causes; a release before R36 rules
    # out the render node, which CUDA does not open there (data/devices.json).
    ruled_out: Tuple[str, ...] = ("x86-discrete-gpu",) if jetson and any(s.kind not in WEAK_JETSON for s in seen.jetson) and not any(
        s.kind not in NOT_SHOWN_X86 for s in seen.x86) else ()
    before_render = _l4t_major(seen)
    if jetson and before_render is not None and before_render < 36 and len(seen.releases) <= 1:
        ruled_out += ("render-node-denied",)
    # No container loads a kernel module, and software that names the GPU it detected was given it: either rules out a
    # container that did not get the nodes.
    soft_said = [m.line for m in matches if m.id in ("cuda-unavailable", "release-unsupported")][:1]
    if (failure is not None and MODULE_LOAD.search(failure.line)) or any(map(_GPU_DETECTED.search, soft_said)):
        ruled_out += ("nodes-missing-in-container",)

    if "denial-words" in ids and "gpu-works-words" in ids:  # a check that works for root proves nothing for the user
        ids.remove("gpu-works-words")
    if "gpu-package-source-build" in ids and not bool(seen.said("pip build failed")):
        ids.remove("gpu-package-source-build")  # a source package that pip built: an install log, no failure
    # PyTorch's NVML assert is the out-of-memory path where NVML does not report memory (a Jetson); on a PC, whose NVML
    # does, it means NVML itself failed: the driver or a container that lost its GPU
    nvml_lost = x86 and "out-of-memory" in ids and _NVML_ASSERT.search(line_of["out-of-memory"]) and not any(
        _SHARED_MEMORY_PC.search(sign.value) for sign in seen.x86)
    cuda_unfound = bool(_host_cuda_unfound(seen, line_of, jetson, container))  # read below as a missing node
    not_gpu = [i for i in ids if (i in _NOT_GPU and not (i in _THE_PC_S_OWN and x86) and not _no_context(i, line_of[i])
                                  and not (i == "out-of-memory" and nvml_lost) and not (i == "build-error" and cuda_unfound)
                                  and not (i in _OUTWEIGHED_BY_A_DENIAL and nodes_denied)
                                  and not (i in _ENGINE_LACKS and failure is not None and failure.line != line_of[i]
                                           and failure.kind in ("driver", "gpu-library", "library")
                                           and not SOLVED.search(failure.line)))  # (not a failure said fixed)
               or i in ("cuda-801-operation", "cuda-999-operation")]
    # (after not_gpu, which keeps it: a launcher's function changed to give the container its GPU is the container's fix)
    if "program-fix-words" in ids and line_of.get("nodes-missing-words") == line_of["program-fix-words"]:
        ids.remove("program-fix-words")
    # (from JetPack 7, R38, Jetson runs the server (SBSA) CUDA stack, whose images are built for it too: fact sheet,
    # jetpack-nixos PR #510)
    sbsa = _thor_or_later(seen, seen.jetson)
    foreign = [launch for launch in seen.launches if _server_image(launch.image)] if jetson and not sbsa else []
    numeric_lines = [_first_line(launch) for launch in seen.launches if _drops_groups(launch, seen)] + seen.said("numeric user")

    return _Case(seen, matches, platform, platform_shown, failure, container, line_of, ids, cpu_asked, hook, denied,
                 nodes_denied, process_denied, not_gpu, foreign, numeric_lines, ruled_out)


def _display_or_setting(case: _Case) -> Optional[Cause]:
    """A display from another machine, a browser's own GPU process, a mainline Tegra, or a setting that hides the GPUs
    or asks for the CPU: each explains the paste whoever runs it."""
    remote_display = case.seen.said("remote display")
    # the display's machine renders, on either system (unless a node is denied or CUDA itself failed: that says more)
    if "gl-software-fallback" in case.ids and remote_display and not (
            case.denied or case.nodes_denied or any(i.startswith("cuda-") for i in case.ids)):
        return case.cause("not-gpu-access", "an X program's OpenGL shown on a display of another machine (ssh -X, VNC, xrdp) "
                          "finds no GPU driver there and falls back to Mesa's software rasteriser: the remote display, not "
                          "the GPU's access", [case.line_of["gl-software-fallback"], remote_display[0]], "x86-discrete-gpu")
    # (and an EGL or OpenGL program that takes a display forwarded from another machine, said with the API it uses or
    # beside that API's failure: taichi-dev/taichi#3853, "unset DISPLAY" and EGL finds 1.5; not NVIDIA's own GL asking
    # the other machine's X server for its extension, NV-GLX, which is the PC driver stack's clash)
    gl_remote = [] if case.seen.said("NVIDIA's own GL") else [line for line in remote_display if _GL_API.search(line)] + (
        [case.failure.line] if case.failure is not None and remote_display and _GL_API.search(case.failure.line) else [])
    if gl_remote and not (case.denied or case.nodes_denied or any(i.startswith("cuda-") for i in case.ids)):
        return case.cause("not-gpu-access", "an EGL or OpenGL program run with a display forwarded from another machine (ssh "
                          "-X, DISPLAY=localhost:10) takes that display's GL, which knows no GPU of this machine: unset DISPLAY "
                          "or render headless (EGL with no display)", list(dict.fromkeys(gl_remote[:1] + remote_display[:1])),
                          "x86-discrete-gpu")
    # Chromium's GPU process gives up inside the browser (its sandbox, a GL back end it does not take), on either system,
    # where nothing else of the GPU's shows: another family (a driver's mismatch, a node missing), a denial, or the GPU's
    # nodes listed say more
    if case.ids == ["browser-gpu-process"] and not (case.nodes_denied or any(_cuda_node(n.path) for n in case.seen.nodes)):
        return case.cause("not-gpu-access", "the GPU process of Chromium or an Electron app gave up inside the browser: most "
                          "often an old Chromium whose sandbox does not allow what the driver now needs, or a GL back end it "
                          "does not take (EGL under VirtualGL, a virtual display); a newer Chromium or Electron, its GL flags "
                          "or --disable-gpu is the remedy", [case.line_of["browser-gpu-process"]], "x86-discrete-gpu")
    if "mainline-tegra" in case.ids:  # its CUDA errors are not NVIDIA's CUDA on L4T
        return case.cause("not-gpu-access", "a Tegra run by mainline Linux's open drivers: not L4T's GPU stack",
                          [case.line_of["mainline-tegra"]])
    # every GPU hidden, or (a Jetson having one GPU, index 0) only another index offered
    hidden = case.line_of.get("devices-hidden", "") or (case.line_of.get("device-index-beyond-one", "") if case.jetson else "")
    no_device = [i for i in case.ids if i in ("cuda-100",) + _NO_GPU_SAID]
    # a device hidden explains no device, not a denial, a driver or a software error, nor a run said to work
    explains = set(case.denied) <= {"cuda-100"} and not case.nodes_denied and not any(i in _MISMATCH for i in case.ids)
    # (or hidden, with no other family and no failure of another kind than the GPU's: the program saw no GPU, as told)
    alone = set(case.ids) == {"devices-hidden"} and (case.failure is None or case.failure.kind in ("gpu", "gpu-symptom", "unshown"))
    if hidden and (no_device or alone) and explains and not _CONTROL_RUN.search(hidden):
        return case.cause("not-gpu-access", "CUDA_VISIBLE_DEVICES hides every GPU from the program, whoever runs it: no "
                          "device is offered to it", [hidden] + [case.line_of[i] for i in no_device[:1]],
                          "x86-discrete-gpu", "tegra-nodes-denied")
    # (a command that asks for the CPU explains the program leaving the GPU unused, no device included, where nothing
    # else fails; not CUDA's own answer that it sees no GPU (is_available() False), which no program's option changes;
    # beside another failure it is a run to compare with, or a way round it)
    own_answer = any(_CUDA_OWN_CHECK.search(case.line_of[i]) for i in case.ids if i in _NO_GPU_SAID)
    if case.cpu_asked and all(i in ("cuda-100",) + _NO_GPU_SAID for i in case.ids) and not own_answer and (
            case.failure is None or case.failure.kind in ("gpu", "gpu-symptom", "symptom", "unshown")) \
            and not _CONTROL_RUN.search(case.cpu_asked) and not case.nodes_denied:
        return case.cause("not-gpu-access", "the command asks for the CPU, so the program runs there and leaves the GPU "
                          "alone", [case.cpu_asked] + [case.line_of[i] for i in no_device[:1]], "x86-discrete-gpu",
                          "jetson-software-mismatch")
    # (a setting that turns CUDA off explains no device, not a denial, a version error or another error of CUDA's, which
    # a program that never asked for the GPU does not get; nor is a run said to work with it one)
    turned_off = case.line_of.get("cuda-turned-off", "")
    cuda_failed = any(_family(i).get("cuda") and i != "cuda-100" for i in case.ids)
    if turned_off and explains and "denial-words" not in case.ids and not cuda_failed and not own_answer \
            and not _CONTROL_RUN.search(turned_off):
        return case.cause("not-gpu-access", "a setting of the program turns CUDA off, so it never asks for the GPU, whoever "
                          "runs it", [turned_off] + [case.line_of[i] for i in no_device[:1]], "jetson-software-mismatch",
                          "x86-discrete-gpu")
    return None


def _tool_or_build(case: _Case) -> Optional[Cause]:
    """nvidia-smi or the CUDA compiler not found, a build that finds no toolkit or header, WSL's own paths."""
    smi = [case.line_of[i] for i in case.ids if i == "tool-not-found" and "nvidia-smi" in case.line_of[i].lower()]
    left_out = _smi_left_out(case.seen) if smi else ""
    # (not on a Jetson the paste shows: before JetPack 6 it has no nvidia-smi at all; nor where a launch shown gets the
    # GPU, or leaves out the capability that brings nvidia-smi: read below)
    if smi and case.container and not (case.jetson and case.platform_shown) and not case.denied and not case.nodes_denied \
            and not left_out and not any(_gets_gpu(launch, case.seen) for launch in case.seen.launches) \
            and not case.seen.said("GPU asked for"):
        # The runtime mounts nvidia-smi from the host's driver into a container given the GPU (the `utility`
        # capability's binaries: NVIDIA/libnvidia-container src/nvc_info.c, utility_bins).
        why = ("nvidia-smi comes into a container from the host's driver with the GPU (--gpus, the NVIDIA runtime); "
               "missing there, the container " + ("was started without the GPU" if case.seen.launches else "did not get it"))
        if case.x86:  # a PC's container without its GPU is the PC's set-up, as for any node missing there (below)
            return case.cause("x86-discrete-gpu", why + ", on a PC", smi[:1] + [case.container] + case.platform_line,
                              "nodes-missing-in-container")
        return case.cause("nodes-missing-in-container", why, smi[:1] + [case.container], "x86-discrete-gpu", "not-gpu-access")
    if left_out and not case.denied:
        return case.cause("not-gpu-access", "nvidia-smi comes into a container given the GPU with the `utility` driver "
                          "capability, which this launch's NVIDIA_DRIVER_CAPABILITIES leaves out: the GPU itself is given",
                          [smi[0], left_out] + case.platform_line, "x86-discrete-gpu", "nodes-missing-in-container")
    if smi and _smi_in_one_run_only(case.seen, case.line_of) and not case.denied:
        why = ("nvidia-smi works in one run and is not found in another: the runtime brings it in with the GPU, so the "
               "second was not given the GPU (no --gpus or NVIDIA runtime, a pod without the GPU in its limits)")
        if case.x86:
            return case.cause("x86-discrete-gpu", why + ", on a PC", [case.line_of["gpu-works-words"], smi[0]] + case.platform_line,
                              "nodes-missing-in-container")
        return case.cause("nodes-missing-in-container", why, [case.line_of["gpu-works-words"], smi[0]], "x86-discrete-gpu")
    given = [launch for launch in case.seen.launches if _gets_gpu(launch, case.seen)] if smi else []
    if given and case.x86 and not case.denied and not _IMAGE_LACKS_SMI.search(smi[0]):
        return case.cause("x86-discrete-gpu", "nvidia-smi is not in a container started with the GPU: the runtime brings it in "
                          "with the `utility` driver capability, which the image's or the launch's NVIDIA_DRIVER_CAPABILITIES "
                          "can leave out, on a PC", [smi[0], _first_line(given[0])] + case.platform_line, "not-gpu-access",
                          "nodes-missing-in-container")
    header = case.seen.said("GPU header missing")
    if case.jetson and case.platform_shown and header and not case.denied:
        return case.cause("jetson-software-mismatch", "a build on a Jetson does not find a header of a library JetPack "
                          "installs apart from CUDA (cuDNN, TensorRT): its development files are not installed, or not in the "
                          "image", header[:1] + case.platform_line, "not-gpu-access",
                          "nodes-missing-in-container")
    absent = _toolkit_absent(case.seen)
    if case.jetson and case.platform_shown and "build-error" in case.ids and absent and not case.container and not case.denied:
        return case.cause("jetson-software-mismatch", "a build on a Jetson finds no CUDA toolkit, and the paste shows none "
                          "installed: JetPack installs it (its nvidia-jetpack or cuda-toolkit packages), which a board flashed "
                          "without JetPack's components lacks", [case.line_of["build-error"], absent[0]] + case.platform_line,
                          "not-gpu-access")
    cmake = [case.line_of[i] for i in case.ids if i == "tool-not-found" and _CMAKE_FINDS_NO_CUDA.search(case.line_of[i])]
    toolchain = [case.line_of[i] for i in case.ids if i == "tool-not-found" and _CUDA_TOOLCHAIN.search(case.line_of[i])] + cmake
    if toolchain and case.jetson and case.platform_shown and not case.container and not case.denied:
        return case.cause("jetson-software-mismatch", "the CUDA compiler is not found on a Jetson: JetPack installs it in "
                          "/usr/local/cuda/bin (with its nvvm), which is not on the PATH until it is added, or the release's "
                          "CUDA toolkit is not installed", toolchain[:1] + case.platform_line, "not-gpu-access")
    if cmake and case.jetson and case.platform_shown and case.container and not case.denied and _l4t_major(case.seen) == 32:
        return case.cause("nodes-missing-in-container", "a build in a container on JetPack 4 finds no CUDA toolkit: there the "
                          "NVIDIA runtime mounts the host's toolkit into the container, so it ran without the runtime",
                          cmake[:1] + [case.container] + case.platform_line, "jetson-software-mismatch")
    # (and one that fails at CMake's configure step without saying what it missed: on JetPack 4 the toolkit reaches a
    # `docker build` only through Docker's default runtime, so that is the likeliest)
    configure = case.failure.line if case.failure is not None and _CMAKE_CONFIGURE_FAILED.search(case.failure.line) else ""
    if configure and all(i.startswith("failure-") for i in case.ids) and case.jetson and case.platform_shown and case.container \
            and not case.denied and _l4t_major(case.seen) == 32:
        return case.cause("nodes-missing-in-container", "a build in a container on JetPack 4 fails at CMake's configure step: "
                          "there the host's CUDA toolkit reaches an image build only with NVIDIA's runtime as Docker's default "
                          "runtime, so most often it ran without it", [configure, case.container] + case.platform_line,
                          "jetson-software-mismatch", "not-gpu-access")
    if cmake and case.jetson and case.platform_shown and case.container and not case.denied:
        return case.cause("jetson-software-mismatch", "a build in a container on a Jetson finds no CUDA toolkit: the image "
                          "carries none (from JetPack 5 the runtime mounts no toolkit into a container, so a build starts "
                          "from an image that has it, such as l4t-jetpack)", cmake[:1] + case.platform_line,
                          "nodes-missing-in-container", "not-gpu-access")
    # (a group or node another maker's Arm board denies is its own GPU's, VideoCore's, Mali's, Vivante's, where the paste
    # shows no other machine beside it)
    only_the_board = _only_another_makers_board(case.seen)
    if only_the_board and case.x86 and case.denied and not _hard_jetson_signs(case.seen):
        return case.cause("not-gpu-access", "the board is another maker's Arm board, with no NVIDIA GPU: what it denies is "
                          "its own hardware's, which no NVIDIA group or runtime grants",
                          [_other_arm_boards(case.seen)[0].line, case.line_of[case.denied[0]]], "x86-discrete-gpu")
    # (the PC's CUDA install, as the Jetson's is JetPack's; not on such a board)
    if cmake and case.x86 and not case.container and not case.denied and not only_the_board:
        return case.cause("x86-discrete-gpu", "a build finds no CUDA toolkit on a PC: the toolkit is not installed, or not "
                          "where the build looks", cmake[:1] + case.platform_line, "not-gpu-access")
    wsl = _on_wsl(case.seen)
    if smi and wsl and case.x86 and not case.container and not case.denied:
        # WSL's nvidia-smi and CUDA driver library live in /usr/lib/wsl/lib, which WSL's own shells put on the PATH
        # and an SSH login into WSL does not (microsoft/WSL#8794, #9185)
        return case.cause("x86-discrete-gpu", "nvidia-smi is not found in WSL: WSL keeps it, and the CUDA driver library, in "
                          "/usr/lib/wsl/lib, on the PATH of WSL's own shells (not of an SSH login into WSL)", smi[:1] + wsl[:1],
                          "not-gpu-access")
    if "egl-display" in case.ids and wsl and case.x86 and not case.denied and "no-gpu-words" not in case.ids \
            and not case.seen.said("X display refused"):  # (not a machine without an NVIDIA GPU, nor an X server refusing)
        # (NVIDIA's CUDA on WSL user guide, https://docs.nvidia.com/cuda/wsl-user-guide/, "WSL 2 Support Constraints",
        # has listed OpenGL-CUDA interop among the features not yet supported: read from its earlier releases and not
        # checked against the newest; OpenGL falling back or failing on WSL: NVlabs/nvdiffrast#90,
        # NVIDIA/nvidia-container-toolkit#288)
        return case.cause("x86-discrete-gpu", "EGL fails on WSL, where NVIDIA's guide lists OpenGL-CUDA interop as not yet "
                          "supported: a program's OpenGL rasteriser needs its CUDA path instead, or Linux on the machine itself",
                          [case.line_of["egl-display"]] + wsl[:1], "not-gpu-access")
    return None


def _package_source(case: _Case) -> Optional[Cause]:
    """An image for another L4T release, a pip build whose torch has no CUDA, or GPU software from an index with no
    build for this system."""
    unspecified = case.line_of.get("cuda-719", "")
    conflict = _image_l4t_conflict(case.seen) if unspecified else []
    if conflict and not case.denied and not case.nodes_denied:  # a kernel the host's driver cannot run
        return case.cause("jetson-software-mismatch", "a kernel launch fails without a reason in an image built for another "
                          "L4T release than the host's: its CUDA does not match the driver", [unspecified] + conflict,
                          "not-gpu-access")
    # A package's build that asks torch for CUDA and finds none, in a pip install that failed, where no image's build, no
    # GPU node missing and no launch without the GPU shows: the torch the build imports has no CUDA, one pip installed
    # from the index into its isolated build environment (`--no-build-isolation` builds against the torch installed), or
    # an installed torch that is no build for the system
    built_without = case.line_of.get("build-sees-no-gpu", "")
    pip_failed = case.seen.said("pip build failed") if built_without else []
    isolated = case.seen.said("pip's isolated build")[:1]
    if pip_failed and not case.seen.said("image build") and not IMAGE_BUILD.search(case.container) \
            and not case.seen.absent and all(_gets_gpu(launch, case.seen) for launch in case.seen.launches) \
            and not case.denied and not case.nodes_denied and "build-error" not in case.ids:
        if case.failure is not None and _BUILD_TOOL_MISSING.search(case.failure.line):
            return case.cause("not-gpu-access", "the package's build stops at a compiler or header missing on the "
                              "machine (its build tools or Python's headers), which CUDA has no part in",
                              [case.failure.line], "jetson-software-mismatch", "x86-discrete-gpu")
        return case.platform_cause("jetson-software-mismatch", "the package's build finds no CUDA in the torch it imports: "
                                   "pip builds it in an isolated environment with a torch from the package index "
                                   "(`--no-build-isolation` builds against the torch installed), and a torch with no CUDA "
                                   "built for the system fails the same way", [built_without, pip_failed[0]] + isolated,
                                   "not-gpu-access")
    conda_lacks = case.seen.said("conda lacks GPU build")  # (conda's error, with the packages it lists joined to its line)
    unbuilt = conda_lacks[0] if conda_lacks else case.line_of.get("package-not-found", "")
    offline = bool(case.seen.said("offline"))
    # (not where the paste shows a GPU node missing too: that is what fails, whatever the install went through)
    if case.jetson and (case.platform_shown if conda_lacks else _INDEX_LACKS_GPU.search(unbuilt)) and not case.denied \
            and not case.nodes_denied and not offline and not _absent_gpu_node(case.seen):
        jetson_index = case.seen.said("Jetson index")
        return case.cause("jetson-software-mismatch", "the Jetson index in use has no build of the version asked for: pick "
                          "one it lists, built for the release's CUDA" if jetson_index else "the package index has no "
                          "Jetson build of this GPU software: Jetson wheels come from NVIDIA's Jetson index (or a JetPack "
                          "container), built for the release's CUDA", [unbuilt] + (jetson_index or case.platform_line),
                          "not-gpu-access")
    # (before JetPack 7, whose server CUDA stack those server builds fit)
    pc_index = case.seen.said("PC CUDA index") if not _thor_or_later(case.seen, case.seen.jetson) else []
    if case.jetson and case.platform_shown and pc_index and not case.seen.said("Jetson index") and not case.denied \
            and not case.nodes_denied:
        return case.cause("jetson-software-mismatch", "the install pulls from PyTorch's index of CUDA builds for PCs and servers, "
                          "not built for a Jetson's L4T CUDA before JetPack 7: Jetson wheels come from NVIDIA's Jetson index "
                          "(or a JetPack container), built for the release's CUDA", pc_index[:1] + case.platform_line,
                          "not-gpu-access")
    if case.jetson and "gpu-package-source-build" in case.ids and not case.nodes_denied and all(i in _NOT_GPU for i in case.ids):
        return case.cause("jetson-software-mismatch", "pip found no Jetson build of this GPU package and builds it from its "
                          "source, against no CUDA of the release: Jetson wheels come from NVIDIA's Jetson builds or a "
                          "JetPack container", [case.line_of["gpu-package-source-build"]] + case.platform_line, "not-gpu-access")
    if "gpu-api-missing" in case.ids and not case.denied and not case.nodes_denied and "out-of-memory" not in case.ids:
        return case.platform_cause("jetson-software-mismatch", "the build uses a cuDNN, cuBLAS or TensorRT name the installed "
                                   "library does not declare: code written for another version of it (on a Jetson, the "
                                   "JetPack's)", [case.line_of["gpu-api-missing"]], "not-gpu-access")
    return None


def _image_for_another_system(case: _Case) -> Optional[Cause]:
    """On a Jetson, an image built for servers or desktops beside a failure that names nothing, and a GPU image's program
    that crashes in a container started without the runtime."""
    # A failure that names nothing weighs less than an image built for another platform, on a Jetson the paste shows
    # by more than that image's own name
    if case.foreign and case.platform_shown not in ("", _first_line(case.foreign[0])) and case.not_gpu == ["failure-other"] \
            and not case.denied and not case.nodes_denied:
        return case.foreign_cause()
    crash = _crash_without_the_gpu(case.seen, case.line_of) if case.jetson and case.not_gpu == ["failure-other"] else []
    if crash and not case.denied and not case.nodes_denied:
        return case.cause("nodes-missing-in-container", "a program of a GPU image crashes in a container started without "
                          "the NVIDIA runtime or the GPU's nodes", crash, "not-gpu-access")
    return None


def _outside_access(case: _Case) -> Optional[Cause]:
    """What access does not decide: hardware this GPU lacks (an encoder, a PCIe window), a program's own failure, a
    fork, an engine's set-up, no NVIDIA GPU at all, a Mac."""
    encoder = _encoder_failed(case.seen, case.failure, case.line_of) if _only_an_orin_nano(case.seen) else []
    if encoder and not case.denied and not case.nodes_denied:
        return case.cause("not-gpu-access", "the Jetson Orin Nano has no hardware video encoder (NVENC): its node and engine "
                          "exist on no Orin Nano, in a container or not; encode in software (x264enc, libx264) instead",
                          encoder[:1] + case.platform_line, "nodes-missing-in-container")
    encoderless = _encoderless_card_asked(case.seen, case.failure, case.line_of)
    if encoderless and not case.denied and not case.nodes_denied:
        return case.cause("not-gpu-access", "this data-centre GPU has no hardware video encoder (NVENC), in a container or "
                          "not: encode in software, or on a GPU that has one", encoderless[:1] + case.platform_line,
                          "nodes-missing-in-container")
    configured = case.seen.said("engine configured by the toolkit")
    if "engine-config-refused" in case.ids and configured and not case.seen.said("engine config edited by hand") and not case.denied \
            and not case.nodes_denied:
        return case.cause("toolkit-band", "the container engine refuses the configuration nvidia-ctk wrote for it: the "
                          "toolkit's release and the configuration it starts from decide, not a user's groups",
                          [case.line_of["engine-config-refused"], configured[0]], "not-gpu-access")
    if _the_one_failure("pci-bar-unassigned", case.ids):
        if case.jetson:  # (a Jetson's GPU is on no PCI bus: a memory window without space is another PCIe device's)
            return case.cause("not-gpu-access", "a PCIe device's memory window found no address space; a Jetson's integrated "
                              "GPU sits on no PCI bus, so it is another device's",
                              [case.line_of["pci-bar-unassigned"]] + case.platform_line)
        return case.cause("x86-discrete-gpu", "the kernel found no address space for the GPU's memory windows (PCI BARs): a "
                          "virtual machine's or the firmware's set-up of a discrete GPU, not a user's access",
                          [case.line_of["pci-bar-unassigned"]] + case.platform_line, "not-gpu-access")
    if case.x86 and "windows-session-no-gpu" in case.ids and not case.denied:
        return case.cause("x86-discrete-gpu", "the Windows session the program runs in does not reach the GPU (Remote "
                          "Desktop's own display adapter, a service's isolated session 0): the PC's set-up, not a device "
                          "group", [case.line_of["windows-session-no-gpu"]] + case.platform_line, "not-gpu-access")
    forked = case.seen.said("process forked")
    # (only where nothing else the paste shows explains the error: another failure, an image of another release, a
    # launch without the GPU)
    if forked and _the_one_failure("cuda-3", case.ids) and not (
            _image_l4t_conflict(case.seen) or any(not _gets_gpu(launch, case.seen) for launch in case.seen.launches)) \
            and not case.denied and not case.nodes_denied:
        return case.cause("not-gpu-access", "CUDA's initialisation error beside a process forked or spawned from one that had "
                          "started CUDA: CUDA does not survive a fork(), so the child must start it afresh (the spawn start "
                          "method), not be given access", [case.line_of["cuda-3"], forked[0]] + case.platform_line,
                          "jetson-software-mismatch", "x86-discrete-gpu")
    # (a seccomp rule the runc under NVIDIA's runtime cannot add, where the paste names that runtime: the runtime's
    # package is older than the engine's profile (NVIDIA/nvidia-container-runtime#157), and the default runtime starts)
    runtime_named = case.seen.said("NVIDIA runtime said") + [_first_line(run) for run in case.seen.launches if run.nvidia_runtime]
    seccomp = case.line_of.get("seccomp-filter", "")
    if _SECCOMP_RULE_UNADDED.search(seccomp) and (runtime_named or _RUNTIME_NVIDIA.search(seccomp)) and not any(
            not (run.nvidia_runtime or run.gpus) for run in case.seen.launches) and not case.denied and not case.nodes_denied:
        return case.cause("toolkit-band", "the engine's seccomp profile names a syscall (clone3) that the runc under NVIDIA's "
                          "runtime does not know: a runtime package older than the engine, which the default runtime is not",
                          list(dict.fromkeys([seccomp] + runtime_named[:1])) + case.platform_line, "not-gpu-access")
    if case.not_gpu and len(case.not_gpu) == len([i for i in case.ids if i not in _SYMPTOM_WORDS + _SESSION_FAMILIES]):
        works = case.not_gpu == ["gpu-works-words"]
        return case.cause("not-gpu-access", "the errors shown are not GPU-access errors" if not works else
                          "the paste says the GPU works, and shows nothing failing" if case.failure is None else
                          "the paste says the GPU works: what fails is not its access", [case.line_of[i] for i in case.not_gpu])
    unreported = case.line_of.get("smi-memory-unreported", "")
    shared = (case.jetson and bool(case.platform_shown)) or any(_SHARED_MEMORY_PC.search(s.value) for s in case.seen.x86)  # not an RTX
    own_check = any(_CUDA_OWN_CHECK.search(case.line_of[i]) for i in case.ids if i in _NO_GPU_SAID)  # CUDA's own answer, no tool's
    if unreported and shared and not own_check and not case.denied and all(
            i in _NOT_GPU + _SYMPTOM_WORDS + _NO_GPU_SAID for i in case.ids):
        return case.cause("not-gpu-access", "the program detects the GPU through nvidia-smi or NVML, which report no memory "
                          "for a GPU that shares the system's (a Jetson, a GB10), and before JetPack 6 are not on a Jetson at "
                          "all: it decides there is no GPU, or fails",
                          [unreported] + [case.line_of[i] for i in case.ids if i in _NO_GPU_SAID][:1])
    # (beside a Jetson's own output, or an NVIDIA GPU the paste shows, the machine said to have none is another, or
    # was thought to: a laptop the image is built on, a comparison)
    if "no-gpu-words" in case.ids and not _hard_jetson_signs(case.seen) and not _names_an_nvidia_gpu(case.seen):
        return case.cause("not-gpu-access", "the machine, or the container it runs the program in, has no NVIDIA GPU or is "
                          "run without one on purpose, so there is no GPU access to grant", [case.line_of["no-gpu-words"]])
    # (and a machine whose only GPU the paste names is AMD's or Intel's, failing where only NVIDIA's serves: CUDA's
    # driver library, NVENC, no CUDA device)
    other_vendor = [s.line for s in case.seen.x86 if _OTHER_VENDOR_GPU.search(s.line)]
    # (a laptop's: its NVIDIA GPU may be unseen, unless the line says it has none)
    hybrid = all(_INTEGRATED_GPU.search(line) and not _NO_DISCRETE_SAID.search(line) for line in other_vendor)
    # (what failed as its line shows it, and as its family matched it: a long line is shown cut)
    failed = [case.failure.line] + [m.signature for m in case.matches] if case.failure else []
    if other_vendor and case.failure is not None and any(_NVIDIA_ONLY.search(said) for said in failed) \
            and not _hard_jetson_signs(case.seen) and not (hybrid and any(_NVIDIA_UNSEEN.search(said) for said in failed)) \
            and not any(NVIDIA_GPU.search(s.line) or _NVIDIA_BESIDE.search(s.line) for s in case.seen.x86) \
            and not any(m.id in _DRIVER_AT_WORK for m in case.matches) \
            and not case.nodes_denied and not any(i in _EXPLICIT_DENIALS for i in case.ids):
        return case.cause("not-gpu-access", "the only GPU the paste names is AMD's or Intel's, and what failed needs an "
                          "NVIDIA GPU: there is none to grant, so the program has to leave CUDA or NVENC alone",
                          [case.failure.line, other_vendor[0]], "x86-discrete-gpu")
    # (a Jetson module without a deep-learning accelerator: the Orin Nano, the Nano, TX1 and TX2 have none to reach;
    # the first module the paste names is one, and no line that shows the machine otherwise, its release's, names one
    # with a DLA: an AGX Orin's release line above a mention of a fleet of Nanos is the AGX Orin's)
    models = [s for s in case.seen.jetson if s.kind == "model"]
    if "dla-unavailable" in case.ids and models and _WITHOUT_DLA.search(models[0].value) and not case.denied \
            and not case.nodes_denied and not any(_WITH_DLA.search(s.line) for s in case.seen.jetson if s.kind != "model"):
        return case.cause("not-gpu-access", "this Jetson module has no deep-learning accelerator (DLA): the Orin Nano, the "
                          "Nano, TX1 and TX2 have none, so the work runs on the GPU (TensorRT's GPU fallback) or on another "
                          "module", [case.line_of["dla-unavailable"], models[0].line])
    # (a Mac beside any sign of a Jetson or of an NVIDIA GPU is the client, or runs Linux on its own NVIDIA GPU)
    if "mac-no-cuda" in case.ids and not case.seen.jetson and not _names_an_nvidia_gpu(case.seen):
        return case.cause("not-gpu-access", "the machine is a Mac, where CUDA has had no release since 10.2: there is no CUDA "
                          "GPU to grant", [case.line_of["mac-no-cuda"]])
    return None


def _toolkit_decides(case: _Case) -> Optional[Cause]:
    """A downgrade said to fix it, or the container toolkit's mode, packages or state, which decide what a container
    gets."""
    if "downgrade-fixes" in case.ids:
        said = case.line_of["downgrade-fixes"]
        # (the toolkit's version shown beside a downgrade of other software, torchvision or JetPack, is not what went back)
        went_back = " ".join(m.group(1) for m in _MOVED_OBJECT.finditer(said))  # (what went back, where the line says)
        named = went_back if _TOOLKIT_WORDS.search(went_back) or _OTHER_SOFTWARE_NAMED.search(went_back) else said
        toolkit = [said] if _TOOLKIT_WORDS.search(named) \
            else [case.seen.toolkit.line] if case.seen.toolkit is not None and not _OTHER_SOFTWARE_NAMED.search(went_back) else []
        if toolkit:
            return case.cause("toolkit-band", "going back to the earlier container toolkit fixes it: the toolkit's version "
                              "decides what the container gets, on any system", [said] + toolkit, "jetson-software-mismatch")
        if "illegal-instruction" in case.ids:
            return case.cause("not-gpu-access", "going back to an earlier version ends a crash on an instruction the CPU does "
                              "not have: that version's build for the CPU, not the GPU", [said, case.line_of["illegal-instruction"]])
        if "toolkit-state" not in case.ids:  # the toolkit's own state beside it (an upgrade of it fixes it too) is read below
            return case.platform_cause("jetson-software-mismatch", "going back to an earlier version of the software fixes it",
                                       [said], "toolkit-band")
    legacy = [s.line for s in case.seen.x86 if _LEGACY_MODE.search(s.value)]
    if case.jetson and legacy:  # the toolkit picks csv (or CDI) on a Jetson: legacy means it did not see the Tegra platform
        return case.cause("toolkit-band", "the container toolkit auto-detected its legacy (discrete-GPU, NVML) mode on a "
                          "Jetson: its version or configuration does not recognise the platform", legacy[:1] + case.platform_line,
                          "jetson-software-mismatch")
    nvml_hook = [line for line in case.hook if re.search(r"\bnvml\b", line, re.I)]
    if case.jetson and nvml_hook:  # the same evidence in the hook's own error: it looked for a discrete GPU's NVML
        return case.cause("toolkit-band", "the container runtime's hook looks for NVML, as in its discrete-GPU (legacy) mode, "
                          "on a Jetson: its version or configuration does not recognise the platform",
                          nvml_hook[:1] + case.platform_line, "jetson-software-mismatch")
    # (where the toolkit's own log says NVML found no driver loaded, a PC's driver was not there for it: read below)
    unloaded = not case.jetson and "nvml-driver" in case.ids and "driver not loaded" in case.line_of["nvml-driver"].lower()
    # (LXD's and Incus' CDI mode on a PC is their own GPU device code, which the host's toolkit does not decide)
    lxd_cdi = not case.jetson and bool(case.seen.said("LXD")) and "toolkit-state" in case.ids and bool(
        _CDI_MODE.search(case.line_of["toolkit-state"])) and not _ENGINE_RUNTIME.search(case.line_of["toolkit-state"])
    # (a toolkit release said to have broken it decides over the CUDA start-up failure it caused, not over a node refused,
    # nor where the paste shows the sessions, logins or nodes that tell the failure's own story)
    blamed = "toolkit-state" in case.ids and bool(_TOOLKIT_RELEASE_BLAMED.search(case.line_of["toolkit-state"])) and not any(
        i in _EXPLICIT_DENIALS for i in case.ids) and not case.seen.logins and not any(i.uid != 0 for i in case.seen.identities) \
        and not any(launch.numeric_user for launch in case.seen.launches)
    # (words that blame a toolkit release say nothing where the failure is the host's own: the driver's, or one said to
    # fail with no container, not one that works there)
    host_fails = [line for line in case.seen.said("no container said") if not WORKS_THERE.search(line)]
    host_s_own = blamed and ("nvml-driver" in case.ids or bool(host_fails))
    if "toolkit-state" in case.ids and (blamed or not case.denied) and not unloaded and not lxd_cdi and not host_s_own \
            and not _DRIVER_CHANGED.search(case.line_of["toolkit-state"]):
        return case.cause("toolkit-band", "the container toolkit's own version, packages, mode or set-up decide what the "
                          "container gets, not a user's groups", [case.line_of["toolkit-state"]] + case.platform_line,
                          "nodes-missing-in-container", "x86-discrete-gpu")
    return None


def _session_said(case: _Case) -> Optional[Cause]:
    """The session's own words (a seat, a login, groups dropped), and on a PC a user denied the GPU whose launch by
    numbers dropped the image's groups."""
    session = _session_cause(case.seen, case.ids, case.line_of)
    if session is not None:
        return case.cause(session.id, session.why, session.lines, *session.also)
    node_denial = next((i for i in case.ids if i in _NODE_DENIALS), "")
    # The mechanism is the same on a PC: a launch by numbers that adds no group back drops the image's groups. It
    # decides a denial, a program that names the render node it could not use, refused in words or not (VA-API's "No
    # VA display found for device: /dev/dri/renderD128"), or, on a PC whose GPU is a render node's (Intel, AMD), any
    # failure that names that GPU and not NVIDIA's, whose /dev/nvidia* are open to all. Not where the launch by numbers
    # is another service's than the GPU's, asks for NVIDIA's GPU, finds the nodes open to all, or has a start script
    # join the node's group.
    dropped_for_gpu = [_first_line(launch) for launch in case.seen.launches if _drops_groups(launch, case.seen)
                       and not launch.group_add and (len(case.seen.launches) == 1 or _passes_gpu(launch))
                       and not (launch.gpus or launch.nvidia_runtime)] or (case.numeric_lines if not case.seen.launches else [])
    render_gpu_failed = case.failure is not None and _render_node_pc(case.seen) and bool(
        _NAMES_GPU.search(case.failure.line)) and not _NVIDIA_STACK.search(case.failure.line)
    node_failed = case.line_of[node_denial] if node_denial else (case.failure.line if case.failure and (
        case.failure.kind == "gpu-node" or render_gpu_failed) else "")
    joined = bool(case.seen.said("group joined at start"))
    open_to_all = any(n.open_to_all for n in _gpu_nodes(case.seen))
    if case.x86 and dropped_for_gpu and node_failed and not joined and not open_to_all:
        return case.cause("uid-gid-launch", "a user denied the GPU, started with a numeric uid:gid that drops the image's group "
                          "memberships", [node_failed, dropped_for_gpu[0]] + case.platform_line, "x86-discrete-gpu")
    return None


def _driver_or_injection(case: _Case) -> Optional[Cause]:
    """The driver's and NVML's errors, a toolkit too old for what it is asked, CDI and the runtime's hook, GPU nodes
    missing where the process runs."""
    if "failure-injection" in case.ids:
        return case.platform_cause("nodes-missing-in-container", "a failure that names how the GPU is injected into the "
                                   "container (CDI, the NVIDIA runtime, a device plugin): the container does not get the GPU",
                                   [case.line_of["failure-injection"]], "toolkit-band")
    if "failure-driver" in case.ids and _NVML_QUERY_UNANSWERED.search(case.line_of["failure-driver"]) and not case.denied:
        return case.cause("not-gpu-access", "NVML is up and answers for the GPU; one query it answers \"Not Found\" or \"Not "
                          "Supported\" asks what this GPU or driver does not provide (or has no samples of yet): not access",
                          [case.line_of["failure-driver"]] + case.platform_line, "x86-discrete-gpu")
    if "failure-driver" in case.ids:
        return case.platform_cause("jetson-software-mismatch", "a failure that names the NVIDIA driver or NVML",
                                   [case.line_of["failure-driver"]], "nodes-missing-in-container")
    if "nvml-unknown" in case.ids and not case.jetson and (case.container or case.seen.execs):
        return case.cause("x86-discrete-gpu", "NVML's Unknown Error in a container: most often one that lost the GPU while it "
                          "ran, when systemd reloaded its units and reset the container's device rules (NVIDIA/nvidia-container-"
                          "toolkit#48)", [case.line_of["nvml-unknown"], case.container or case.seen.execs[0].text]
                          + case.platform_line, "toolkit-band")
    if "nvml-unknown" in case.ids and not case.jetson:
        return case.cause("x86-discrete-gpu", "NVML's Unknown Error on the machine itself: the driver is not ready or does not "
                          "match its libraries (after an upgrade, before a reboot)",
                          [case.line_of["nvml-unknown"]] + case.platform_line)
    if "nvml-driver" in case.ids and not case.jetson and _VGPU_GUEST_REFUSED.search(case.line_of["nvml-driver"]):
        return case.cause("x86-discrete-gpu", "a vGPU guest driver the host refuses (Xid 78): the virtual machine's NVIDIA "
                          "driver is not of the host's vGPU release; install the guest driver of that release, not another "
                          "copy of the same one", [case.line_of["nvml-driver"]] + case.platform_line)
    if "nvml-driver" in case.ids and not case.jetson:  # a discrete-GPU driver's own words: evidence of the platform
        return case.cause("x86-discrete-gpu", "an NVML driver error: the discrete GPU's kernel driver and its libraries do "
                          "not match, or it is not loaded", [case.line_of["nvml-driver"]] + case.platform_line)
    if "nvml-blocked" in case.ids and not case.jetson:
        return case.cause("x86-discrete-gpu", "NVML says the operating system blocks the GPU: the host's driver (WSL 2 and "
                          "Windows hosts serve it from Windows) refuses it to this process", [case.line_of["nvml-blocked"]]
                          + case.platform_line)
    if "nvml-permissions" in case.ids and not case.jetson:
        return case.cause("x86-discrete-gpu", "NVML cannot open the discrete GPU's /dev/nvidia* nodes",
                          [case.line_of["nvml-permissions"]] + case.platform_line, "nodes-missing-in-container")
    if "toolkit-too-old" in case.ids and not case.denied:
        cgroup = any("cgroup" in m.signature.lower() for m in case.matches if m.id == "toolkit-too-old")
        recent = case.seen.toolkit is not None and _version_tuple(case.seen.toolkit.value) >= (1, 8, 0)
        unknown_to_it = ("the host runs cgroup v2, which libnvidia-container supports from 1.8.0 on" if cgroup and not recent
                         else "the host runs cgroup v2 and the toolkit ({}) supports it, so its configuration decides (a "
                         "rootless engine needs no-cgroups = true in config.toml)".format(case.seen.toolkit.value)
                         if cgroup and case.seen.toolkit is not None else
                         "the host's container toolkit does not know what the image or the launch asks of it")
        return case.cause("toolkit-band", unknown_to_it + ": its version decides, not a user's groups, on any system",
                          [case.line_of["toolkit-too-old"]] + case.platform_line,
                          "x86-discrete-gpu" if case.x86 else "jetson-software-mismatch")
    unresolved = [line for line in case.line_of.values() if _CDI_UNRESOLVED.search(line)]
    if unresolved and not case.x86 and not case.denied:  # the CDI spec does not name the device: nothing is injected
        version = [case.seen.toolkit.line] if case.seen.toolkit is not None else [
            line for line in unresolved if _TOOLKIT_VERSION.search(line)]
        # (where the paste shows no spec was ever written, /etc/cdi and /var/run/cdi absent, none was generated,
        # whatever the toolkit's version)
        if version and not case.seen.said("no CDI spec"):
            return case.cause("toolkit-band", "the engine cannot resolve the CDI device, beside a named container toolkit "
                              "version: the toolkit's version decides the spec's devices", unresolved[:1] + version[:1],
                              "nodes-missing-in-container")
        return case.platform_cause("nodes-missing-in-container", "the engine cannot resolve the CDI device the launch asks "
                                   "for: no spec on the host names it, so no GPU node reaches the container", unresolved[:1],
                                   "toolkit-band")
    missing = _missing_nodes(case.seen, case.ids, case.line_of, case.jetson, case.container, case.failure)
    # a PC image's start-up check on a Jetson, run with the NVIDIA runtime: the image finds no GPU it was built for
    banner_only = missing == [case.line_of.get("cuda-image-no-driver")]
    if banner_only and case.foreign and any(launch.nvidia_runtime or launch.gpus for launch in case.foreign) and not case.denied:
        return case.foreign_cause()
    # (on WSL 2, where the driver comes from Windows through /dev/dxg, the banner's check of the Linux driver's files
    # fails with the GPU given: CUDA on WSL's release notes for 510.06 call it fixed, and NVIDIA/nvidia-docker#1548
    # shows it later still. Every launch the paste shows must be given the GPU, and nothing else of the GPU's said: a
    # library or CUDA failing says more.)
    given = [launch for launch in case.seen.launches if launch.gpus or launch.nvidia_runtime]
    windows_vm = _on_wsl(case.seen) or [s.line for s in case.seen.x86 if _DOCKER_DESKTOP_ON_WINDOWS.search(s.line)]
    if banner_only and given and len(given) == len(case.seen.launches) and windows_vm \
            and set(case.ids) <= {"cuda-image-no-driver", "gpu-works-words"} and not case.nodes_denied:
        return case.cause("not-gpu-access", "the start-up banner of NVIDIA's CUDA and NGC images looks for the Linux driver's "
                          "files, which WSL 2 does not have (its GPU comes from Windows through /dev/dxg): with the GPU given "
                          "to the container, the banner alone says nothing; nvidia-smi or a CUDA call inside it does",
                          list(dict.fromkeys(missing + [_first_line(given[0])] + windows_vm[:1])), "x86-discrete-gpu")
    # (the banner beside an import of a module the image lacks: that import fails with the GPU given or not)
    unshipped = case.failure.line if case.failure is not None and _MODULE_MISSING.search(case.failure.line) else ""
    if banner_only and unshipped and set(case.ids) <= {"cuda-image-no-driver", "gpu-works-words"} and not case.denied:
        return case.cause("not-gpu-access", "the program imports a module its image does not hold, which fails whether or "
                          "not the GPU is given; the start-up banner beside it only says this run was not given the GPU",
                          [unshipped] + missing, "nodes-missing-in-container", "x86-discrete-gpu")
    if missing:
        if case.x86:
            return case.cause("x86-discrete-gpu", "the NVIDIA runtime or the GPU nodes are not in the container, on a PC",
                              missing + case.platform_line, "nodes-missing-in-container")
        sandbox = case.seen.said("sandbox")
        host_only = case.seen.said("no container said")
        if not case.container and sandbox:
            return case.cause("nodes-missing-in-container", "the GPU nodes are missing where the process runs, and a sandbox "
                              "shows, which hides them from it (a service's or a container's)", missing + sandbox[:1],
                              "jetson-software-mismatch")
        if not case.container and host_only and case.jetson:  # nothing injects nodes on the host: what it lacks, it never made
            return case.cause("jetson-software-mismatch", "the GPU nodes are missing on the host itself, where no container "
                              "runs: its kernel, device tree or BSP does not create them", missing + host_only[:1],
                              "nodes-missing-in-container")
        return case.cause("nodes-missing-in-container", "the GPU nodes or the driver library are not in the container",
                          missing, "jetson-software-mismatch", *(() if case.jetson else ("x86-discrete-gpu",)))
    graphics = [launch for launch in case.seen.launches if _GRAPHICS.search(launch.text)]
    if "runtime-hook-failed" in case.ids and not case.denied and graphics:
        return case.platform_cause("toolkit-band", "the container asks for the display or graphics capability, which toolkit "
                                   "1.17.1 and later broke on Jetson (toolkit CHANGELOG, issue #795): the toolkit's version "
                                   "decides", [case.line_of["runtime-hook-failed"], _first_line(graphics[0])],
                                   "jetson-software-mismatch")
    own_step = case.seen.said("toolkit step")
    if "runtime-hook-failed" in case.ids and not case.denied and own_step:
        return case.platform_cause("toolkit-band", "the NVIDIA runtime's hook failed in a step of its own (a node its list "
                                   "names that the host lacks, a link it makes, the container's device rules, a value it "
                                   "parses), which no image or user asks for: the host toolkit's version and set-up decide",
                                   own_step[:1], "jetson-software-mismatch")
    refused = _gpus_alone_refused(case.seen)
    if "runtime-hook-failed" in case.ids and not case.denied and refused:
        return case.platform_cause("nodes-missing-in-container", "the launch asks for the GPU with --gpus alone, whose hook "
                                   "refuses the toolkit's csv or CDI mode: only the NVIDIA runtime (--runtime nvidia) brings "
                                   "the GPU there", refused, "toolkit-band")
    if "runtime-hook-failed" in case.ids and not case.denied:
        return case.platform_cause("jetson-software-mismatch", "the NVIDIA runtime's hook (root, on the host) failed: its "
                                   "packages, the host's CUDA or the image's requirements, not a user's groups",
                                   [case.line_of["runtime-hook-failed"]], "toolkit-band")
    return None


def _software_version(case: _Case) -> Optional[Cause]:
    """The GPU's software: a container started without the GPU, NVML or the driver not installed, builds and versions
    that do not fit."""
    # (CUDA's stub stands in only where the runtime brought no driver; a Jetson's launch without --runtime may still
    # get the GPU from the engine's default runtime, unless the paste shows another default)
    default_unseen = case.jetson and bool(case.platform_shown) and not case.seen.said("another runtime by default")
    # (and the driver's own libraries, which the runtime brings: NVML's, libcuda's)
    injected = [i for i in case.ids if i in ("nvml-missing", "cuda-library-missing") and _INJECTED_LIBRARY.search(case.line_of[i])]
    started_without = next((i for i in case.ids if i == "cuda-34" or (not default_unseen and (
        i in _FINDS_NO_GPU or i in injected))), "")
    # (a command line shows the whole launch; a compose service is often pasted in part)
    run_lines = [launch for launch in case.seen.launches if launch.source.endswith(" run")]
    if started_without and run_lines and len(run_lines) == len(case.seen.launches) and not any(
            _gets_gpu(launch, case.seen) for launch in run_lines) and not case.denied:
        return case.cause("x86-discrete-gpu" if case.x86 else "nodes-missing-in-container", "the GPU's software finds no device or "
                          "driver in a container started without the GPU (no NVIDIA runtime, --gpus or GPU device): the runtime "
                          "brings the devices and the driver's libraries in",
                          [case.line_of[started_without], _first_line(case.seen.launches[0])] + case.platform_line,
                          "jetson-software-mismatch", "nodes-missing-in-container")
    if "nvml-missing" in case.ids and not case.denied:  # NVML is part of every PC driver; a Jetson before JetPack 6 has none
        return case.cause("x86-discrete-gpu" if case.x86 else "jetson-software-mismatch", "the tool looks for the GPU through "
                          "NVML, which is not there " + ("(every PC driver installs it: where the tool runs, a container not given "
                                                         "the GPU, or a driver not installed)" if case.x86 else
                                                         "(JetPack before 6 has none)"),
                          [case.line_of["nvml-missing"]] + case.platform_line, "nodes-missing-in-container")
    installing = next((i for i in case.ids if i in _DRIVER_INSTALL), "")
    if installing and not case.denied:  # (a PC's or server's driver package, or a cluster's driver installer)
        return case.platform_cause("jetson-software-mismatch", "the NVIDIA driver is not installed or started as it should "
                                   "be (its persistence daemon fails, its installer is off): the driver's installation, not a "
                                   "user's access", [case.line_of[installing]], "not-gpu-access")
    image_l4t = _image_l4t_conflict(case.seen)
    # CUDA's start-up errors are what an image for another L4T major fails with; only a denial said outright outranks it
    if image_l4t and all(i in _STARTUP_ERRORS for i in case.denied) and not case.nodes_denied:
        return case.cause("jetson-software-mismatch", "the container image is built for another L4T release than the host's",
                          image_l4t)
    opencv = case.seen.said("OpenCV without CUDA")
    if case.jetson and opencv and any(i in ("cpu-only-build", "cuda-unavailable") for i in case.ids) and not case.denied \
            and not case.nodes_denied:
        return case.cause("not-gpu-access", "the OpenCV in use is built without CUDA, as JetPack's own OpenCV is: a CUDA build "
                          "of OpenCV is what uses the GPU, not access to it", opencv[:1] + case.platform_line,
                          "jetson-software-mismatch")
    too_old = case.line_of.get("gpu-too-old", "")
    too_old_fails = bool(too_old) and (case.failure is None or case.failure.kind in ("unshown", "symptom")
                                       or too_old in case.failure.line or case.failure.line in too_old)
    built = next((i for i in case.ids if i in _PROGRAM_BUILDS and not (case.x86 and i == "gpu-too-old" and too_old_fails)), "")
    if built and not case.denied and not case.nodes_denied and not any(i in _MISMATCH for i in case.ids):
        on_pc, on_jetson = _PROGRAM_BUILDS[built]
        if case.x86 and built == "engine-version" and _engine_for_another_pc_card(case.line_of[built], case.ids):
            return case.cause("x86-discrete-gpu", "a TensorRT engine built on a GPU of another compute capability than this "
                              "card's: it has no kernels for this card, as a CUDA build without its architecture has none; "
                              "build the engine on this card", [case.line_of[built]] + case.platform_line, "not-gpu-access")
        if case.x86:  # the GPU is there for the program; what it brings is its own to rebuild
            return case.cause("not-gpu-access", on_pc, [case.line_of[built]] + case.platform_line, "x86-discrete-gpu")
        return case.cause("jetson-software-mismatch", on_jetson, [case.line_of[built]] + case.platform_line, "not-gpu-access")
    mismatch = [i for i in case.ids if i in _MISMATCH]
    # (a card the first mismatch says the build has no kernels for, or one too old for the build; the app's own build
    # remains possible)
    no_kernels = [i for i in mismatch[:1] if i in _NO_KERNELS_ON_A_PC] or (["gpu-too-old"] if too_old_fails else [])
    if case.x86 and no_kernels and not case.denied and not case.nodes_denied:
        return case.cause("x86-discrete-gpu", "the program reached the GPU, and its build has no kernels for this card's "
                          "architecture: a build or packaging gap, not access", [case.line_of[no_kernels[0]]] + case.platform_line,
                          "not-gpu-access")
    # A library that cannot load is no symptom of a denied node: beside a bare 801 it is the software.
    library_beside_801 = "cuda-library-missing" in mismatch and case.denied == ["cuda-801"] and not case.seen.nodes
    not_the_driver = _not_the_driver_s(mismatch[0], case.line_of[mismatch[0]]) if case.x86 and mismatch else ""
    if not_the_driver and not case.denied:
        return case.cause("not-gpu-access", not_the_driver, [case.line_of[mismatch[0]]] + case.platform_line, "x86-discrete-gpu")
    moved = case.seen.said("two JetPack releases")
    if case.jetson and moved and mismatch[:1] and mismatch[0] in _DRIVER_VERSION_ERRORS and not case.denied and not case.nodes_denied:
        return case.cause("jetson-software-mismatch", "the paste names two JetPack releases, and the CUDA in use does not fit "
                          "the driver: most often software built for one release, run on a host with the other",
                          [case.line_of[mismatch[0]], moved[0]], "nodes-missing-in-container")
    own = _own_library_missing(case.seen, case.line_of[mismatch[0]]) if mismatch else ""
    if own and not case.denied and not case.nodes_denied:
        return case.cause("not-gpu-access", "a library of the program's own build is missing where it runs (its file lies "
                          "in the program's own tree): its build or install step did not put it there, and no library of "
                          "CUDA or the driver is at fault", list(dict.fromkeys([case.line_of[mismatch[0]], own])),
                          "jetson-software-mismatch")
    if mismatch and (not case.denied or library_beside_801) and not case.nodes_denied:
        return case.platform_cause("jetson-software-mismatch", _SOFTWARE_REASONS.get(
            mismatch[0], "a CUDA version or library error, not a permission error"), [case.line_of[mismatch[0]]])
    older = _driver_older(case.seen)
    if older and not case.denied:
        return case.platform_cause("jetson-software-mismatch", "the CUDA driver is older than the runtime the program uses",
                                   [older])
    return None


def _no_gpu_found(case: _Case) -> Optional[Cause]:
    """A program that finds no GPU, told apart by the session, the launch, a build step, a Swarm service, and software
    that says the release is not one it supports."""
    # CUDA unusable for a session the paste shows short of the groups its launch added: the groups, not the software.
    added = [launch for launch in case.seen.launches if launch.group_add]
    dropping = [login for login in case.seen.logins if login.value != "keeps --group-add"]
    short = [i.line for i in _sessions(case.seen)[:1] if added and not _holds_added(i, added)]
    said = next((i for i in case.ids if i in _NO_GPU_SAID), "")  # a program that finds no GPU, in either family's words
    if said and added and (short or dropping):  # the same mechanism on any system
        return case.cause("login-drops-runtime-groups", "CUDA is unusable for a session that does not hold the groups its "
                          "launch added" + (" (the pasted `id` lacks them)" if short else ", and it came through a login "
                                            "that rebuilds groups"), [case.line_of[said], _first_line(added[0])] + (
                              short or [dropping[0].line]), "render-node-denied", "tegra-nodes-denied")
    entered = _logins_into_container(case.seen, dropping) if said else []
    if entered and _toolkit_band(case.seen) == "additional-gids" and case.seen.toolkit and not (
            _nodes_held("render")(case.seen, case.ids, case.line_of) or _nodes_held("tegra")(case.seen, case.ids, case.line_of)):
        return case.cause("login-drops-runtime-groups", "CUDA is unusable for a session that came into the container through "
                          "a login that rebuilds groups, and the toolkit (1.19.1 or later) gives the nodes' GIDs to the "
                          "container's main process only", [case.line_of[said], case.seen.toolkit.line, entered[0].line],
                          "render-node-denied", "toolkit-band")
    if said and case.numeric_lines and not added and not case.seen.identities and not case.x86:  # a PC's /dev/nvidia* are open to all
        return case.cause("uid-gid-launch", "CUDA is unusable in a container started with a numeric uid:gid and no "
                          "--group-add, which drops the image's group memberships",
                          [case.line_of[said], case.numeric_lines[0]], "render-node-denied", "tegra-nodes-denied",
                          "jetson-software-mismatch")
    # no GPU said of a remote session on a machine whose GPU a seat's ACL guards (_seat_guards_gpu), not in a container
    remote = case.line_of.get(said, "") if said and not (case.container or case.seen.launches or case.seen.execs) else ""
    if remote and _OVER_REMOTE.search(remote) and not _EITHER_WAY.search(remote) \
            and _seat_guards_gpu(case.seen, case.jetson, case.x86) and not (case.denied or case.nodes_denied):
        return case.cause("seat-acl-only", "the program finds no GPU in a remote session (ssh) on the host itself: the GPU's "
                          "render node is open at the local seat (logind's ACL) and to its group, and a remote session has "
                          "no seat", [remote] + case.platform_line, "render-node-denied", "not-gpu-access")
    # (on a PC; on any system where the paste says the build gets no GPU, and no default runtime of NVIDIA's is said:
    # there CUDA's "no device" is the build's lack too)
    told = "build-sees-no-gpu" in case.ids and not case.seen.said("NVIDIA runtime by default")
    unfound = [case.line_of[i] for i in case.ids if i in ("cuda-unavailable", "gpu-not-detected") + (("cuda-100",) if told else ())]
    in_build = [line for line in unfound + [case.container] if line and IMAGE_BUILD.search(line)]
    if (case.x86 or told) and unfound and in_build and (not case.denied or (told and set(case.denied) == {"cuda-100"})) \
            and not case.nodes_denied:
        return case.cause("nodes-missing-in-container", "CUDA is checked in an image build step, which gets no GPU unless "
                          "it asks for one: BuildKit gives RUN steps no devices by default (moby/buildkit#1800, #1436), so "
                          "the check fails by design; name the GPU architectures to build for, and check CUDA when the "
                          "container runs",
                          list(dict.fromkeys(unfound[:1] + in_build[:1])) + case.platform_line, "not-gpu-access")
    # A Swarm service's task is started without --gpus or devices on either system: what reaches it is the default
    # runtime's and the node's generic resources', not the PC's driver (unless a failure of the driver or the
    # software says otherwise)
    if "swarm-service-no-gpu" in case.ids and not (case.denied or case.nodes_denied) and not any(
            i in _MISMATCH or _family(i).get("cuda") for i in case.ids):
        return case.cause("nodes-missing-in-container", "the service's containers get no GPU: Swarm passes no --gpus and no "
                          "devices to a task, so it reaches the GPU only through the nvidia default runtime and the node's "
                          "generic GPU resources", [case.line_of["swarm-service-no-gpu"]] + case.platform_line, "toolkit-band",
                          "x86-discrete-gpu")
    soft = [i for i in case.ids if i in ("cuda-unavailable", "release-unsupported")]
    if soft == ["cuda-unavailable"] and not (case.platform_shown or case.seen.jetson or case.seen.x86 or case.container
                                             or case.errors or case.denied or case.nodes_denied or case.seen.launches
                                             or case.seen.execs
                                             or bool(case.seen.said("CUDA build")) or bool(case.seen.said("PC CUDA index"))):
        return case.cause("not-gpu-access", "the program says it sees no CUDA device, and the paste shows neither the system "
                          "nor an error from CUDA or the driver: most often a build of the program without CUDA (a session "
                          "denied the GPU gets CUDA's start-up error instead); which system it ran on would tell",
                          [case.line_of["cuda-unavailable"]], "jetson-software-mismatch", "x86-discrete-gpu")
    if soft and not case.denied and not case.nodes_denied:
        return case.platform_cause("jetson-software-mismatch", "the software says this release or system is not one it "
                                   "supports" if soft[0] == "release-unsupported" else "the software finds no usable CUDA for "
                                   "this release", [case.line_of[soft[0]]], "nodes-missing-in-container")
    return None


def _group_names(case: _Case) -> Optional[Cause]:
    """A GID without a name in the image, a GPU group the system or image lacks, --group-add render by name."""
    if "nameless-gid" in case.ids and not case.denied and not case.nodes_denied:
        added = [launch for launch in case.seen.launches if launch.numeric_groups or any(map(computed_gid, launch.group_add))]
        if added:  # (a substitution, `$(stat -c %g NODE)`, gives a number too)
            return case.cause("not-gpu-access", "a numeric --group-add GID has no name in the image: harmless",
                              [case.line_of["nameless-gid"], _first_line(added[0])])
        nvidia = [launch for launch in case.seen.launches if launch.nvidia_gpu]
        if nvidia:
            return case.cause("toolkit-band", "a GID without a name that no launch option added: the container toolkit "
                              "(>= 1.19.1) adds the device nodes' GIDs", [case.line_of["nameless-gid"], _first_line(nvidia[0])],
                              "not-gpu-access")
        return case.cause("not-gpu-access", "a GID without a name in the image: a harmless message; nothing shows a denial",
                          [case.line_of["nameless-gid"]], "toolkit-band")
    missing_group = case.line_of.get("gpu-group-missing", "")
    if missing_group and not case.x86 and not case.denied:
        kind = "tegra-nodes-denied" if re.search(r"video", missing_group, re.I) else "render-node-denied"
        return case.cause(kind, "the system or image has no such group, so no user is in it: the image needs the group with "
                          "the host's GID", [missing_group] + case.platform_line, "x86-discrete-gpu")
    if "render-group-name" in case.ids:  # the same lookup fails on a PC, whose render node serves its own GPU
        return case.cause("x86-discrete-gpu" if case.x86 else "render-node-denied", "--group-add render by name, and the image "
                          "has no render group", [case.line_of["render-group-name"]] + case.platform_line,
                          *(["render-node-denied"] if case.x86 else []))
    return None


def _no_gpu_detected(case: _Case) -> Optional[Cause]:
    """A program that says it finds no GPU with no error of CUDA's: the launch, the container, a fix to its own code,
    its framework's build."""
    unserved = [launch for launch in case.seen.launches if not _gets_gpu(launch, case.seen)]
    if "gpu-not-detected" in case.ids and case.x86 and unserved and len(unserved) == len(case.seen.launches) and not case.denied:
        return case.cause("x86-discrete-gpu", "the program finds no GPU in a container started without one (no --gpus, "
                          "runtime or GPU device): on a PC the GPU reaches a container only when the launch asks for it",
                          [case.line_of["gpu-not-detected"], _first_line(unserved[0])] + case.platform_line, "not-gpu-access")
    # (and one whose launch is not shown, where nothing shows the GPU reached it)
    if "gpu-not-detected" in case.ids and case.x86 and case.container and not case.seen.launches \
            and not (case.denied or case.nodes_denied or case.errors) \
            and not _gpu_shown_reaching(case.seen, case.matches, case.container):
        return case.cause("x86-discrete-gpu", "the program finds no GPU in a container whose launch the paste does not show: "
                          "on a PC the GPU reaches a container only when the launch asks for it (--gpus, NVIDIA's runtime)",
                          [case.line_of["gpu-not-detected"], case.container] + case.platform_line, "not-gpu-access",
                          "nodes-missing-in-container")
    if "gpu-not-detected" in case.ids and case.container and not (case.x86 or case.denied or case.nodes_denied or case.errors):
        # inside a container a quiet "no GPU" is as often the container's (no NVIDIA runtime, an image for another
        # release) as the program's: the paste cannot tell them apart, so the reply asks
        return case.cause("unknown", "the program finds no GPU inside a container and the paste shows no error: the container "
                          "may lack the GPU (no NVIDIA runtime), its software may not fit the release, or the program may not "
                          "look for it", [case.line_of["gpu-not-detected"], case.container] + case.platform_line,
                          "nodes-missing-in-container", "jetson-software-mismatch", "not-gpu-access")
    if "gpu-not-detected" in case.ids and "program-fix-words" in case.ids and not (case.denied or case.nodes_denied or case.errors):
        return case.cause("not-gpu-access", "the program says it finds no GPU, and the fix shown changes the program's own "
                          "code: its own check was wrong, not the GPU's access",
                          [case.line_of["program-fix-words"], case.line_of["gpu-not-detected"]])
    # (not beside the GPU the framework found in the same paste: the build has the Jetson's CUDA)
    framework = case.line_of.get("gpu-not-detected", "") if case.jetson and case.platform_shown and case.seen.gpu_found is None else ""
    # (or a program whose framework the paste shows at a version with no build tag: the index's generic wheel)
    plain = next(iter(case.seen.said("plain framework version")), "") if framework and not (
        case.seen.cuda_true or bool(case.seen.said("Jetson index"))) else ""
    if (_CUDA_FRAMEWORK.search(framework) or plain) and not (case.denied or case.nodes_denied or case.errors):
        return case.cause("jetson-software-mismatch", "a CUDA framework finds no GPU on a Jetson: most often a build without "
                          "the Jetson's CUDA (a generic aarch64 wheel) or one for another JetPack's CUDA",
                          list(dict.fromkeys([framework, plain or framework])) + case.platform_line, "not-gpu-access",
                          "nodes-missing-in-container")
    # (beside a CUDA build, only CUDA's own True says the program's detection, not the build, finds no GPU, and only on
    # a PC, where a +cu118 tag is a build for its GPU: on a Jetson it is no Jetson build, and the Jetson's own reading
    # decides; beside a sandbox that hides the devices from a service, the service may not see what is there)
    if "gpu-not-detected" in case.ids and not (case.denied or case.nodes_denied or case.errors) \
            and not case.seen.said("device sandbox") and (
                not case.seen.said("CUDA build") or (case.x86 and case.seen.cuda_true is not None)):
        return case.cause("not-gpu-access", "the program says it finds or uses no GPU, and the paste shows no error from "
                          "CUDA or the driver: most often the program's own detection or a build without CUDA; a session "
                          "denied the GPU gets CUDA's start-up error instead", [case.line_of["gpu-not-detected"]] + case.platform_line,
                          "jetson-software-mismatch", "x86-discrete-gpu")
    return None


def _the_pc_s_own(case: _Case) -> Optional[Cause]:
    """A PC's own errors and notes, Kubernetes' scheduler placing no pod (on any system), and last any other PC's paste:
    no reading after this one is tried on a PC."""
    if case.x86 and "cuda-304" in case.ids:
        sandbox = case.seen.said("sandbox")
        return case.cause("x86-discrete-gpu", "CUDA's operating-system error on a PC: the system refused a call CUDA makes as "
                          "it starts, as WSL and sandboxes (seccomp, Landlock) do; no device group grants it",
                          [case.line_of["cuda-304"]] + sandbox[:1] + case.platform_line, "not-gpu-access")
    if case.x86 and "profiler-counters" in case.ids:
        return case.cause("x86-discrete-gpu", "the PC's driver keeps the GPU's performance counters to admin users (its module "
                          "option NVreg_RestrictProfilingToAdminUsers), which no group changes; running CUDA is not denied",
                          [case.line_of["profiler-counters"]] + case.platform_line, "not-gpu-access")
    # (a PC whose paste shows CUDA answering True and nothing failing, nothing said of the GPU: what goes wrong is not
    # the GPU's access; a user denied a node gets CUDA's start-up error, which the paste would show. A True from root
    # counts here, unlike beside a failure: no session in the paste fails.)
    if case.x86 and case.failure is None and not case.ids and case.seen.cuda_true is not None:
        return case.cause("not-gpu-access", "CUDA answered True and the paste shows nothing failing: the GPU is reached, so "
                          "what goes wrong is what the program does with it",
                          [case.seen.cuda_true.value, case.seen.cuda_true.line] + case.platform_line,
                          "x86-discrete-gpu")
    optional = case.seen.said("optional TensorRT")
    if case.x86 and optional and case.failure is None and not case.ids:  # (a PC's paste of them says no more than another's)
        return _tensorrt_notes(case, optional)
    if "gpu-unschedulable" in case.ids and "gpus-all-taken" in case.ids and not case.denied:
        return case.cause("not-gpu-access", "Kubernetes' scheduler found no node with a free nvidia.com/gpu, and the paste says "
                          "every GPU is taken: capacity, not access",
                          [case.line_of["gpus-all-taken"], case.line_of["gpu-unschedulable"]] + case.platform_line)
    if _the_one_failure("gpu-unschedulable", case.ids) and not case.denied and not (
            case.failure is not None and case.failure.kind in _NAMES_WHAT_BROKE):
        # (the pod never started, on any system: no container's access is tried yet, and the message does not say
        # whether the GPUs are taken or never advertised; a driver's, a library's or a node's failure beside it says)
        return case.cause("unknown", "Kubernetes' scheduler found no node with a free nvidia.com/gpu: every advertised GPU "
                          "is taken, or no node advertises one (the device plugin's set-up); the message does not say which",
                          [case.line_of["gpu-unschedulable"]] + case.platform_line, "not-gpu-access", "x86-discrete-gpu")
    if case.x86:  # (another maker's Arm board is filed with the PCs, and read on its own: _no_nvidia_gpu_on_the_board)
        return case.cause("x86-discrete-gpu", "the paste shows an x86 / discrete-GPU system and no Jetson" if case.platform_shown else
                          "a GPU error of a PC, whose driver and devices the integrated-GPU explanations do not fit",
                          case.platform_line + [case.line_of[i] for i in case.ids[:1]], "nodes-missing-in-container")
    return None


def _tensorrt_notes(case: _Case, optional: Sequence[str]) -> Cause:
    """TensorFlow's warnings that TensorRT is absent (``optional``), where nothing else fails: no failure at all."""
    return case.cause("not-gpu-access", "TensorFlow's warnings that TensorRT's libraries are absent: it uses them only "
                      "for TF-TRT and goes on without them, and nothing else failed", optional[:1])


def _nothing_denied(case: _Case) -> Optional[Cause]:
    """GPU nodes whose group maps to none or that only root opens, then a paste that shows no denial: a failure's own
    reading, the GPU shown at work, nothing failing, or unknown."""
    overflow = [n for n in case.seen.nodes if re.match(r"/dev/(?:nvmap|nvhost|nvgpu|dri/render)", n.path)
                and n.group in _OVERFLOW and not n.open_to_all]
    if overflow:
        kind = "render-node-denied" if "dri" in overflow[0].path else "tegra-nodes-denied"
        return case.cause(kind, "the GPU node's group maps to no group of the container's user namespace (nogroup): the "
                          "host's GID did not reach the session, so only other-users access is left",
                          [n.line for n in overflow[:2]], "login-drops-runtime-groups")
    root_only = [n for n in case.seen.nodes if re.match(r"/dev/(?:nvmap|nvhost|nvgpu|dri/render)", n.path)
                 and n.owner in ("root", "0") and n.mode & 0o066 == 0]
    if root_only and not case.denied and not case.nodes_denied:
        kind = "render-node-denied" if "dri" in root_only[0].path else "tegra-nodes-denied"
        return case.cause(kind, "the GPU nodes are open to root only (no group or other access)", [n.line for n in root_only[:2]])
    if not (case.denied or case.nodes_denied):
        if "failure-gpu" in case.ids and case.jetson and case.platform_shown \
                and not _NOT_PAST_START_UP.search(case.line_of["failure-gpu"]):
            # Past start-up, a denied node is no longer the question: the GPU was opened.
            return case.cause("jetson-software-mismatch", "a GPU failure on a Jetson past CUDA's start-up, with no denial, no "
                              "missing node and no driver error: most often the software (a build or version for another "
                              "release)",
                              [case.line_of["failure-gpu"]] + case.platform_line, "not-gpu-access", "nodes-missing-in-container")
        symptom = next((i for i in ("failure-gpu-symptom", "failure-symptom") if i in case.ids), "")
        if symptom:
            return case.cause("unknown", "it timed out or stopped at once: a symptom any cause can give, which names none",
                              [case.line_of[symptom]], "jetson-software-mismatch", "not-gpu-access")
        if "failure-unshown" in case.ids:
            return case.cause("unknown", "a traceback whose exception the paste cuts off: what failed is not shown",
                              [case.line_of["failure-unshown"]], "jetson-software-mismatch", "nodes-missing-in-container")
        if "failure-gpu" in case.ids:  # a GPU failure whose line names no node, library, driver or version
            return case.cause("unknown", "a GPU failure whose line names nothing that tells the causes apart",
                              [case.line_of["failure-gpu"]], "jetson-software-mismatch", "nodes-missing-in-container")
        if case.not_gpu:
            return case.cause("not-gpu-access", "the errors shown are not GPU-access errors", [case.line_of[i] for i in case.not_gpu])
        if case.foreign:
            return case.foreign_cause()
        if case.seen.gpu_found is not None and not case.ids and not re.search(r"\bcpu\b", case.seen.gpu_found.line, re.I):
            return case.cause("not-gpu-access", "the GPU was found and opened, so access works; the failure lies elsewhere",
                              [case.seen.gpu_found.line])
        at_work = case.seen.said("GPU at work")
        if at_work and not case.ids and case.failure is None:
            return case.cause("not-gpu-access", "the GPU is shown at work and nothing fails: its access works", at_work[:1])
        fitting = _family_causes(case.ids, case.platform, bool(case.seen.said("no container said")) and not case.seen.launches)
        if fitting:  # a failure no rule above reads: its family's own likeliest cause on this system
            return case.cause(fitting[0], "the error's family points here first on {}".format(PLATFORM_NAMES[case.platform]),
                              [case.line_of[case.ids[0]]] + case.platform_line, *fitting[1:])
        optional = case.seen.said("optional TensorRT")
        if optional:
            return _tensorrt_notes(case, optional)
        if case.failure is None and not case.ids and not _access_shown(case.seen):
            asked = case.seen.said("support asked")
            return case.cause("not-gpu-access", "nothing in the paste fails, and it shows none of the GPU's access (no node, "
                              "group, user, launch{}) and no trouble in words{}. Read as no GPU-access failure, assuming the "
                              "paste holds what fails: a session denied the GPU gets CUDA's start-up error".format(
                                  "" if asked else " or release",
                                  "; it asks whether the software supports what it names" if asked else ""),
                              asked[:1], "jetson-software-mismatch", "nodes-missing-in-container", "x86-discrete-gpu")
        return case.cause("unknown", "the paste shows no GPU-access error and no node the session is denied",
                          [], "render-node-denied", "tegra-nodes-denied")
    return None


def _denied_as_root(case: _Case) -> Optional[Cause]:
    """A denial (CUDA's start-up error) where the paste says CUDA was replaced, or the process runs as root."""
    replaced = case.seen.said("CUDA replaced")
    # (a CUDA other than the release's: before JetPack 5 none fits its driver; from JetPack 5.0 on, CUDA 11.8 and later
    # install over it with the release's compatibility package, by NVIDIA's "Simplifying CUDA Upgrades for NVIDIA Jetson
    # Users", so there it is read so only where root fails too, which no group explains; and only where no user, group
    # or launch shown says more)
    upgradable = (_l4t_major(case.seen) or 0) >= 34 or _shows_r36_software(case.seen)
    root = _root_lines(case.seen, case.ids)
    if case.jetson and replaced and all(i in _STARTUP_ERRORS for i in case.denied) and not case.nodes_denied \
            and not (case.seen.identities or case.seen.session_groups or case.seen.launches) and (not upgradable or root):
        return case.cause("jetson-software-mismatch", "CUDA fails to start on a Jetson whose CUDA the paste says was replaced "
                          "by another version: JetPack's own CUDA is built for its driver, and one put in its place runs only "
                          "with the release's compatibility package (JetPack 5 and later) or not at all (before)",
                          replaced[:1] + case.trigger + (root[:1] if upgradable else []) + case.platform_line,
                          "tegra-nodes-denied", "render-node-denied")
    if root and all(i in _STARTUP_ERRORS for i in case.denied) and not case.nodes_denied:
        # Root opens every node it is given: a start-up error as root is no group denial, but what the process lacks.
        passed = [launch for launch in case.seen.launches if _passes_gpu(launch)]
        if case.container and case.seen.launches and not passed:  # with no launch shown, how it started is not known
            return case.cause("nodes-missing-in-container", "the process runs as root, which no group stops, in a container "
                              "started without the NVIDIA runtime or the GPU nodes", case.trigger + root[:1] + [case.container],
                              "jetson-software-mismatch")
        return case.cause("unknown", "the process runs as root, which no group stops: not a permission problem, but the "
                          "paste does not show whether a node is missing or the software does not match",
                          case.trigger + root[:1] + [_first_line(launch) for launch in passed[:1]], "nodes-missing-in-container",
                          "jetson-software-mismatch")
    return None


def _denied_launch(case: _Case) -> Optional[Cause]:
    """A denial that the launch decides: a numeric uid:gid, the host's GID held, the toolkit's nodes, a GID copied."""
    if not case.jetson and not case.seen.nodes and case.denied[0] not in ("cuda-801", "denial-words", "failure-device-permission"):
        return case.platform_cause("tegra-nodes-denied", "a GPU initialisation error", case.trigger)
    numeric = [launch for launch in case.seen.launches if launch.numeric_user]
    if not numeric and case.numeric_lines and (case.denied[0] == "denial-words" or not case.seen.launches):  # the launch said in words
        return case.cause("uid-gid-launch", "a user denied the GPU, started with a numeric uid:gid that drops the image's "
                          "group memberships", case.trigger + case.numeric_lines[:1])
    # (the render node decides an 801 unless the paste shows a Tegra node refused; with the host's /dev bound in, the
    # container's nodes are the host's own, whose group no toolkit changes)
    tegra_refused = any(i in ("nvmap-denied", "nvrmgpu-open", "nvrm-channel") for i in case.ids)
    render_decides = "cuda-801" in case.ids and not tegra_refused and not case.seen.nodes
    if numeric and not numeric[0].dev_mount and (_host_render_gid_held if render_decides else _host_gid_held)(
            case.seen, numeric[0]):
        return case.cause("toolkit-band", "the launch holds the host node's GID and the session is still denied: the node's "
                          "group inside the container differs, which the toolkit's version decides",
                          case.trigger + [_first_line(numeric[0])] + [n.line for n in case.seen.nodes][:1], "uid-gid-launch")
    rooted = _root_s_group_inside(case.seen)
    if rooted:
        return case.cause("toolkit-band", "a GPU node inside the container has root's group (GID 0), which the host's does "
                          "not and the session does not hold: the container toolkit made it so (1.18.2 creates the nodes "
                          "with GID 0), so no GID a launch adds opens it and the toolkit's version decides",
                          case.trigger + ([case.seen.toolkit.line] if case.seen.toolkit else []) + rooted, "uid-gid-launch")
    amiss = _gid_added_amiss(case.seen)
    if amiss is not None:
        launch, node, stray = amiss
        return case.cause("render-node-denied" if "/dri/" in node.path else "tegra-nodes-denied",
                          "the launch adds GID {}, which no listed node has, and not {}, the group of {} (most often a GID "
                          "copied from another host, where the group's number differs)".format(stray, node.group, node.path),
                          case.trigger + [_first_line(launch), node.line], *(("uid-gid-launch",) if launch.numeric_user else ()))
    dropping_launches = [launch for launch in numeric if _drops_groups(launch, case.seen)]
    if dropping_launches:
        return case.cause("uid-gid-launch", "started with a numeric uid:gid, which drops the image's group memberships",
                          case.trigger + [_first_line(dropping_launches[0])])
    # entered by `exec -u uid:gid`: the session gets that GID and the launch's --group-add GIDs, none of the image's
    numeric_execs = [e for e in case.seen.execs if numeric_user(e.user)]
    if numeric_execs and not any(launch.group_add for launch in case.seen.launches):
        return case.cause("uid-gid-launch", "entered with a numeric uid:gid (`exec -u`), which gives the session none of the "
                          "image's group memberships", case.trigger + [numeric_execs[0].text.split("\n")[0]])
    return None


def _denied_session(case: _Case) -> Cause:
    """A denial that the session decides: groups a login dropped, a seat's ACL, the node shown denied, the release's node."""
    added = [launch for launch in case.seen.launches if launch.group_add]
    dropping = [login for login in case.seen.logins if login.value != "keeps --group-add"]
    paths = [login.line for login in dropping] + case.seen.said("login in the container")
    added_lines = [_first_line(launch) for launch in added] or case.seen.said("groups added at launch")
    regrouped = _group_changed_in_container(case.seen) if added else []
    if regrouped and not _added_gid_listed_inside(case.seen, added):  # kept through any login, the GIDs would open nothing
        return case.cause("toolkit-band", "the node's group inside the container is none the launch added: whatever way in "
                          "keeps or drops those groups, the toolkit's version decides the node's group there",
                          case.trigger + ([case.seen.toolkit.line] if case.seen.toolkit else []) + regrouped + [_first_line(added[0])],
                          "login-drops-runtime-groups")
    # ... unless the failing session's own `id` holds what the launch added: that path did not run, or lost nothing (a
    # launch that adds only groups the paste cannot check, `$(getent group render | cut -d: -f3)` with no answer shown,
    # shows nothing kept)
    kept = bool(added) and bool(case.seen.identities) and _adds_checkable_groups(added) \
        and _holds_added(_sessions(case.seen)[0], added)
    if added_lines and paths and not kept:
        return case.cause("login-drops-runtime-groups", "groups given at launch, and a session path that rebuilds groups",
                          case.trigger + [added_lines[0], paths[0]])
    failing = _sessions(case.seen)[:1]
    if added and failing and not _holds_added(failing[0], added):
        return case.cause("login-drops-runtime-groups", "the pasted `id` does not hold the GIDs the launch added",
                          case.trigger + [_first_line(added[0]), failing[0].line])
    # groups said to be added at launch, held by root's session and not by the user's: the user's way in dropped them
    lost_to_user = [[root.line, user.line] for root in case.seen.identities if root.uid == 0 for user in failing
                    if user.uid != 0 and set(root.groups[1:]) - set(user.groups)]
    if added_lines and lost_to_user:
        return case.cause("login-drops-runtime-groups", "groups given at launch reach root's session and not the user's",
                          case.trigger + [added_lines[0]] + lost_to_user[0])
    fewer = _same_user_fewer_groups(case.seen)
    path_said = [login.line for login in dropping] + case.seen.said("session path")
    if fewer and path_said:
        return case.cause("login-drops-runtime-groups", "the same user holds fewer groups in one session than in another, "
                          "and a session path that rebuilds groups is named", case.trigger + fewer + path_said[:1], "toolkit-band")
    held = _held_read_only(case.seen) if "nvmap-denied" in case.ids else []
    if held:  # fact sheet Q3 leaves open whether the driver opens nvmap for writing; this paste says it does
        node, identity = held[0]
        inside = node.where == "container" or bool(case.seen.launches)
        return case.cause("toolkit-band" if inside else "tegra-nodes-denied",
                          "the session holds {}'s group and is still denied: the open asks for write, which mode {:04o} "
                          "grants no group; {}".format(node.path, node.mode, "toolkit 1.18.2 and later copy the host's mode "
                                                       "into the container, where 1.18.1 and older made the node 0666"
                                                       if inside else "the host's udev rule sets that mode"),
                          case.trigger + [node.line, identity.line] + ([case.seen.toolkit.line] if case.seen.toolkit else []),
                          "tegra-nodes-denied" if inside else "toolkit-band")
    band = _toolkit_band(case.seen)
    lost = _group_changed_in_container(case.seen)  # the container's own node decides, whatever the host's ACL gives
    if (band == "gid-0" and not _group_kept_in_container(case.seen)) or lost:
        beside_host = len(lost) > 1
        return case.cause("toolkit-band", "the node's group inside the container is not the host's: the toolkit's version "
                          "decides it (1.18.2 gives GID 0)" if beside_host else "the toolkit version decides the nodes' "
                          "group inside the container: 1.18.2 gives them GID 0, so only root, or the user the container starts "
                          "as with -u (their owner), opens them",
                          case.trigger + ([case.seen.toolkit.line] if case.seen.toolkit else []) + lost, "render-node-denied",
                          "tegra-nodes-denied")
    # (a system account, uid 1-999 on Debian and Ubuntu, runs services and never holds a seat: its own group decides)
    seat = _seat_acl(case.seen) if not any(0 < i.uid < 1000 for i in case.seen.identities) else []
    if seat and (case.seen.logins or case.seen.identities):
        return case.cause("seat-acl-only", "the node's access comes from a seat ACL for another user; this session has "
                          "no seat", case.trigger + seat + [(case.seen.logins or case.seen.identities)[0].line], "render-node-denied")
    # (an `id` shown decides by its groups: a user outside the node's group is that group's denial, the ACL aside)
    # (a host node's ACL does not reach a container that lists its own node of that path)
    acl = [n for n in case.seen.nodes if n.acl and not any(m.path == n.path and m.where == "container" != n.where
                                                           for m in case.seen.nodes)]
    if acl and case.seen.logins and not case.seen.identities:
        return case.cause("seat-acl-only", "the node's access comes from an ACL, and the session has no seat",
                          case.trigger + [acl[0].line, case.seen.logins[0].line])
    switched = [login.line for login in dropping] + case.seen.said("login in the container")
    if band == "additional-gids" and switched:  # (a switch in the container said in prose is one too)
        return case.cause("login-drops-runtime-groups", "the toolkit (1.19.1 or later) gives the node GIDs to the main "
                          "process only; this session came through a login that rebuilds groups",
                          case.trigger + [case.seen.toolkit.line if case.seen.toolkit else "", switched[0]], "toolkit-band")
    lost_gid = _gid_held_then_lost(case.line_of.get("nameless-gid", ""), case.seen)
    if lost_gid is not None:
        return case.cause("login-drops-runtime-groups", "a process of the container held GID {} (a GID its /etc/group does "
                          "not name, as the runtime or --group-add give), and the session shown does not: the path between "
                          "rebuilt its groups".format(lost_gid[0]), case.trigger + list(lost_gid[1:]), "render-node-denied",
                          "toolkit-band")
    # the render node decides unless the pasted process shows another node denied and not the render node
    render_failed_it = "ACC-003" in case.process_denied or not case.process_denied
    if "ACC-003" in case.nodes_denied and render_failed_it:
        return case.cause("render-node-denied", "the session is denied the render node",
                          case.trigger + _denied_lines(case.seen, "renderD"), "login-drops-runtime-groups")
    if case.nodes_denied:
        return case.cause("tegra-nodes-denied", "the session is denied a Tegra GPU node",
                          case.trigger + _denied_lines(case.seen, "nv"), "login-drops-runtime-groups")
    if case.failure is not None and case.failure.kind == "gpu" and MODULE_LOAD.search(case.failure.line):
        # (a kernel built without it, its modules not installed: CUDA then finds no device, and no node is denied)
        return case.cause("jetson-software-mismatch", "the GPU's kernel module does not load: the kernel and its modules, "
                          "not a node's permission", case.trigger + [case.failure.line] + _release_lines(case.seen), "not-gpu-access")
    major = _l4t_major(case.seen)
    first = case.denied[0]
    if first in ("nvmap-denied", "nvrmgpu-open", "nvrm-channel") or "nvmap-denied" in case.denied:
        return case.cause("tegra-nodes-denied", "a Tegra node (/dev/nvmap, /dev/nvhost-*) is not openable by the session",
                          case.trigger, "login-drops-runtime-groups")
    if first == "render-node-denied":
        return case.cause("render-node-denied", "the render node is not openable by the session", case.trigger, "seat-acl-only")
    if first in ("denial-words", "failure-gpu-node", "failure-device-permission"):
        return _named_node_denial(case.seen, case.trigger[0], major, case.cause)
    # "a JetPack 6 image fails on the JP7.2 driver"; not "after upgrading from JetPack 5 to 6" (the render node's story),
    # nor two boards compared ("fine on JP5.1, 801 on JP6.1")
    if first == "cuda-801" and len(_releases_named(case.trigger[0])) > 1 and _IMAGE_ON_HOST.search(case.trigger[0]) \
            and not _UPGRADE_SAID.search(case.trigger[0]):
        return case.cause("jetson-software-mismatch", "error 801 said of software built for one release on another release's "
                          "driver: the versions, not a node", case.trigger, "render-node-denied")
    if first == "cuda-801" and (major is None or major >= 36):
        return case.cause("render-node-denied", "CUDA error 801 at start-up: on JetPack 6 and later the render node",
                          case.trigger + _release_lines(case.seen), "login-drops-runtime-groups", "x86-discrete-gpu")
    if major is not None and major < 36:
        text = "a CUDA start-up failure before JetPack 6: the Tegra nodes (the video group)"
    else:
        text = "a CUDA start-up failure ({}): most often /dev/nvmap denied; on JetPack 6 the render node too".format(first)
    return case.cause("tegra-nodes-denied", text, case.trigger + _release_lines(case.seen), "render-node-denied",
                      "nodes-missing-in-container")


# The readings of a paste's cause, the most specific first: the first that answers is the reading. From
# `_denied_as_root` on, the paste shows a denial, and each decides which node and why from the most specific evidence.
_READERS: Tuple[Callable[[_Case], Optional[Cause]], ...] = (
    _display_or_setting, _tool_or_build, _package_source, _image_for_another_system, _outside_access, _toolkit_decides,
    _session_said, _driver_or_injection, _software_version, _no_gpu_found, _group_names, _no_gpu_detected, _the_pc_s_own,
    _nothing_denied, _denied_as_root)
# ... then a denial neither root's session nor a replaced CUDA explains: either node may be the one, whatever decides,
# so each of these leaves both open, and `_denied_session`, which always answers, comes last.
_DENIAL_READERS: Tuple[Callable[[_Case], Optional[Cause]], ...] = (_denied_launch,)


def _answer(case: _Case, readers: Sequence[Callable[[_Case], Optional[Cause]]]) -> Optional[Cause]:
    """The reading of the first reader that answers, None where none does."""
    return next((found for found in (read(case) for read in readers) if found is not None), None)


def _first_reading(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis], platform: str,
                   platform_shown: str, failure: Optional[Failure] = None, container: str = "") -> Cause:
    """The cause on ``platform`` ("jetson", "pc", or "" when none is shown and none needs assuming);
    ``platform_shown`` is the line that shows it, "" when it is assumed."""
    case = _case_of(seen, matches, diagnosis, platform, platform_shown, failure, container)
    denial = with_fields(case, also_open=("render-node-denied", "tegra-nodes-denied"))
    return _answer(case, _READERS) or _answer(denial, _DENIAL_READERS) or _denied_session(denial)



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
# What says CUDA or a node was refused, against which no True of a check proves access (NVML's permission error is the
# driver tool's, not CUDA's).
_CUDA_REFUSED = _STARTUP_ERRORS + tuple(i for i in _EXPLICIT_DENIALS if i != "nvml-permissions") + (
    "cuda-unavailable", "nvrmgpu-open", "nvrm-channel")


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
