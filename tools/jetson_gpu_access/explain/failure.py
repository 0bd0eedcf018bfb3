"""A failure no family names: the line that says something failed and what it mentions (a GPU node, a
driver, a library, a build), most decisive first; and whether the paste ran it inside a container.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, Match, Optional, Pattern, Set, Tuple

from ..record import frozen_record
from ..textfacts import CROSS_BUILD, GPU_NODE_PATH, OPTIONAL_TENSORRT, LineMemo, Observed, normalise, remembered, sentences, window
from .signatures import _compiled_family, _key_lines, _shown_in


@frozen_record
class Failure:
    """A line that says something failed, and what it mentions: how explain weighs a failure no family
    names (one of FAILURE_KINDS, most decisive first)."""

    kind: str
    line: str


# A graphics API that finds no adapter, the GPU as wgpu and WebGPU name it: a failure, and of the GPU.
_NO_ADAPTER = r"no\s+(?:suitable\s+|compatible\s+|usable\s+)?adapters?\s+(?:are\s+|is\s+|was\s+|were\s+)?(?:found|available)"
# Cannot, failed and error in Chinese, Japanese and Korean, each with the words that say it did not happen or ask
# whether it could: Chinese negates before the word ("没有报错", "不会失败"), Japanese and Korean after it ("エラーは出ません",
# "오류 없이"); "能不能" asks, "エラー率" is a rate. (Read by _said_not_to_happen, as English's negations are.)
_CJK_FAILURE_WORDS: Dict[str, Tuple[Optional[Pattern[str]], Optional[Pattern[str]]]] = {
    word: (re.compile(f"(?:{before})$") if before else None, re.compile(after) if after else None)
    for word, before, after in (
        ("无法", "", ""), ("不能", "能", ""), ("失败", "不会|没有", ""), ("失敗", "", ""),
        ("报错", "[不没无無]|没有", ""), ("出错", "[不没无無]|没有", ""), ("错误", "没有|[无無]", ""), ("錯誤", "", ""),
        ("できません", "", ""), ("できない", "", ""),
        ("エラー", "", "率|[はも]出ません|[はも]出ない|なし|もなく|[はも]発生しません"),
        ("실패", "", ""), ("오류", "", r"\s*(?:가|는|도)?\s*없"), ("에러", "", r"\s*(?:가|는|도)?\s*없"), ("할 수 없", "", ""))}
# Software said not to serve a Jetson names it so ("does not support Jetson", "not yet compatible with Jetson devices"):
# in a failure word, and in the version kind's.
_A_JETSON = r"(?:the\s+)?(?:nvidia\s+)?jetsons?"
# Words that say something failed, in any tool's wording; the keys find the lines cheaply first.
_FAILURE = re.compile(r"(?<!except )\b\w*(?:error|exception|exit):(?=[ \t]*\S)|"  # an exception and its message
                      r"^[ \t]*[\w.]*(?:error|exception)[ \t]*$|"  # one without (a bare AssertionError under its traceback)
                      # (not what a tool cannot show: "the TensorRT version cannot be viewed using jtop"; nor a limit
                      # reasoned about: "the CUDA version in the image cannot exceed 12.6")
                      r"\b(?:errors?|fail(?:ed|s|ure|ing)?|denied|(?:cannot|can't|can not)(?!\s+be\s+(?:viewed|displayed|shown)\b)"
                      r"(?!\s+(?:exceed|be\s+(?:higher|newer|greater|larger|above|more)\s+than)\b)|"
                      # (not the reporter's own contribution: "I'm unable to make a PR")
                      r"unable(?!\s+to\s+(?:make|open|submit|create|send|file)\s+(?:a\s+|the\s+)?(?:pr|pull\s+request|"
                      r"patch|merge\s+request)\b)|not found|no such file|is not supported in|"
                      r"traceback|exit (?:status|code):? ?-?[1-9]\d*|segmentation fault|core dumped|aborted|fatal|couldn't|"
                      r"could not|(?:does|do|did)(?: not|n't) work|not working|not permitted|not recognized|too short|"
                      r"(?:does|do|did)(?: not|n't)\s+(?:yet\s+)?support\s+" + _A_JETSON + "|"  # (software's)
                      # (what worked before: "NVENC no longer works", "no longer has OpenCL available"; not a step no
                      # longer needed, nor a problem no longer found)
                      r"no longer (?:works?|working)|no longer (?:has|have|finds?|sees?|detects?|shows?) (?:the |my |any |an? )?"
                      r"(?:gpus?|cuda|opencl|vulkan|nvenc|nvdec|devices?|cards?|nvidia|hardware|acceleration)|"
                      r"truncated|is empty|not able|undefined (?:reference|symbol)|eacces|eperm|hangs?|hung|(?:gets?|got) stuck|"
                      r"freez(?:es|ing)|timed out|times out|timeout (?:after|on|waiting|while|error|expired|occurred)|"
                      r"(?:response|mailbox|fence|syncpt|capture|frame|read|write|request|i/o|dma|wait) timeout|not active|"
                      r"crash(?:es|ed)?|exit(?:s|ed)? (?:immediately|right away|at once|instantly)|no space left|"
                      # (a process killed, as the shell prints it, "Killed", or quoted; not what someone killed)
                      r"(?-i:(?<![\w'])Killed(?!\s+(?:the|an?|my|our|it|all|that|this|those|these|them|every|any|some|"
                      r"off|both)\b))|(?<=[\"'`])killed(?=[\"'`])|(?<=code=)killed|"
                      r"(?:ha(?:s|ve)|with|gets?|got) no (?:access|permissions?) (?:to|for|on)|not accessible|"
                      # (pip's "which is incompatible" is a note, no failure)
                      r"(?:not|n't)\s+(?:\w+\s+){0,3}compatible|(?:is|are|was|were)n't\s+(?:\w+\s+){0,3}compatible|"
                      r"(?:not|n't) (?:been )?built for|"
                      r"read-only file system|disk quota exceeded|"
                      # (Rust's panic with its message on the line; a graphics API that finds no GPU, its adapter)
                      r"no va display found for (?:the )?device|panicked at '|" + _NO_ADAPTER + r")\b|"
                      # (in Chinese, Japanese and Korean, whose words have no word boundaries: _CJK_FAILURE_WORDS)
                      + "|".join(_CJK_FAILURE_WORDS), re.I)
# An error said not to happen ("the build doesn't show any errors", "finished with 0 errors", "without a failure"); not
# "without the error", which names one that happens otherwise.
_NO_FAILURE_BEFORE = re.compile(r"(?:\b(?:no|not|without|never)|n't)\s+(?:(?:show|shows|showed|get|gets|got|see|"
                                r"saw|have|has|had|throw|throws|threw|report|reports|reported|give|gives|gave|any|a|an|"
                                r"single|more|further|other|new|visible|obvious|build|compile|runtime)\s+){0,3}$", re.I)
# A failure foreseen, not seen: what would, could or might fail ("a job that asks for NVML could fail"), or what a
# foreseen effect includes ("It might have negative impact on performance (including unable to run CUDA graph)").
_FORESEEN_BEFORE = re.compile(r"\b(?:would|could|may|might)\s+(?:[\w-]+\s+){0,3}$|"
                              r"\b(?:would|could|may|might)\s+(?:[\w-]+\s+){0,8}\((?:including|e\.g\.|such as)\s+$", re.I)
_NEGATABLE_FAILURE = re.compile(r"errors?|fail(?:ed|s|ure|ing)?|crash(?:es|ed)?|unable", re.I)
# The value PyTorch's collect_env prints for a field it found nothing for ("cuDNN version: Could not collect"): no failure.
_NOT_COLLECTED = re.compile(r"could not collect[ \t]*$", re.I)
_NONE_COUNTED = re.compile(r"\b(?:0|zero)\s+$", re.I)  # "0 errors" counts none; "device 0 failed" is device 0
# A heading or label that only announces errors ("# error logs", "**Error output:**", "Errors:") is no failure itself.
# No two runs of blanks meet with only optional words between them (five did: a line of blanks took minutes).
_FAILURE_HEADING = re.compile(r"^\s*(?:(?:#+|\*\*|[-*>]|\d+[.)])\s*)?(?:(?:the|full|my)\s+)*(?:errors?|failures?|"
                              r"crash(?:es)?)(?:\s+(?:logs?|messages?|outputs?|details|traces?|reports?))?[\s:*]*$", re.I)
_FAILURE_KEYS = ("error", "exception", "exit:", "fail", "denied", "cannot", "can't", "can not", "unable",
                 "not found", "no such file", "traceback", "exit ", "segmentation", "core dumped", "abort", "fatal",
                 "couldn't", "could not", "n't work", "not work", "not permitted", "not recognized", "too short", "support",
                 "truncated", "is empty", "not able", "undefined", "eacces", "eperm", "hang", "hung", "stuck",
                 "freez", "timed out", "times out", "timeout", "not active", "crash", "exits ", "exited ", "no space left", "killed",
                 "no access", "no permission", "not accessible", "compatible", "built for", "no longer",
                 "read-only file system", "disk quota", "no va display", "panicked at '", "adapter", "无法", "不能",
                 "失败", "失敗", "报错", "出错", "错误", "錯誤", "できません", "できない", "エラー", "실패", "오류", "에러",
                 "할 수 없")
# A library of the GPU's stack: CUDA's (libcu*, but not libcurl, libcurses or libcups, nor a project's own libcuda_*:
# the driver's is libcuda.so alone, and autowarefoundation/autoware_universe#11354's libcuda_ops is Autoware's), the
# Tegra and driver ones (libnv*, libnvidia-*, the vendor GL libraries *_nvidia), cuDNN, TensorRT, NPP, VPI, and NVIDIA's
# GStreamer plugins (libgstnv*).
_GPU_LIBRARY = (r"\blib(?:cu(?!rl|rses|ps|da_)\w{0,64}|nv(?!argus)\w{0,64}|nvidia[\w-]{0,64}|tensorrt\w{0,64}|npp\w{0,64}|"
                r"vpi\w{0,64}|gstnv\w{0,64}|\w{1,64}_nvidia)\.so|\s-l(?:nv|cu)\w+|"  # (Argus's is the camera's: see "camera")
                # (Windows' DLLs of CUDA, cuDNN, TensorRT and ONNX Runtime's GPU providers: cudart64_110.dll, nvcuda.dll)
                # (a name that starts so, or after an underscore: not Unity's Barracuda.dll)
                r"(?<![\w-])(?:[\w-]{0,40}?_)?(?:nv)?(?:cuda|cudart|cublas|cufft|curand|cusolver|cusparse|cudnn|nvinfer|"
                r"nvonnxparser|nvrtc|npp|nvtoolsext|tensorrt)[\w-]{0,40}\.dll\b")
# Names in a library's file name that put it in the GPU's stack: NVIDIA's and CUDA's, TensorRT's and ONNX Runtime's
# providers, the Tegra camera (Argus), and the graphics and compute APIs a GPU driver provides (EGL, GLES, GLX, GL,
# Vulkan, OpenCL, VA-API, DRM), which on JetPack 4 also come from the host through the runtime. ("(?<!in)tegra" here and
# below: not the "tegra" inside "integrated" or "Preintegration".)
_GPU_STACK_NAMES = (r"[\w+-]*(?:nv|cuda|(?<!in)tegra|gpu|trt|tensorrt|myelin|onnx|torch|argus)|egl|gles|glx|gldispatch|gl\b|"
                    r"vulkan|opencl|va\b|va-|drm")
# A discrete GPU's driver: NVML, nvidia-smi, its kernel module, its /dev/nvidia* nodes (and AMD's /dev/kfd) and its
# video-codec libraries.
_DISCRETE_DRIVER = (r"\bnvml|nvidia-smi|\bnvidia (?:kernel )?(?:driver|module)\b|\bnvidia\.ko\b|/dev/nvidia|/dev/kfd\b|"
                    r"\blib(?:nvcuvid|nvidia-encode|nvidia-ml)\b|"
                    # (a laptop's Optimus switching, Bumblebee's daemon and its runners: the discrete GPU's own stack)
                    r"\bbumblebeed?\b|\boptirun\b|\bprimusrun\b")
# The word "device", not the devices controller's own files (/sys/fs/cgroup/devices/.../devices.allow).
_DEVICE_NOUN = r"(?<![/\w])devices?\b(?!/|\.(?:allow|deny|list)\b)"
# A file's path ending in a config's, a label list's or a model's extension.
_DATA_FILE = (r"(?<![\w.-])[\w./~-]*[\w-]\.(?:txt|ya?ml|json|cfg|conf|ini|toml|xml|prototxt|names|labels|onnx|engine|"
              r"plan|pth?|etlt|caffemodel|uff|weights|pb|tflite|safetensors|gguf)\b(?![.\w])")
# A mismatch of versions, not of what a check compares otherwise: credentials ("Authentication mismatch"), a download's
# checksum, hash or signature (apt's "Hash Sum mismatch", conda's ChecksumMismatchError, its "mismatch between the
# expected content and downloaded content"), or a tensor's shape, size, dimension or (d)type, which are a program's or
# its download's own.
_VERSIONS_MISMATCH = (r"(?<!authentication )(?<!checksum )(?<!checksum)(?<!hash )(?<!hash sum )(?<!signature )"
                      r"(?<!digest )(?<!size )(?<!shape )(?<!dimension )(?<!type )mismatch"
                      r"(?! between the expected content)")
# What a failing line mentions, most decisive first: a GPU node is the node cause; a file system that refuses a write
# (read-only, full, a path that exists already) is no GPU access, even where the file it names is the GPU's (a CUDA
# library unpacked onto the runtime's read-only mount); a GPU library that is an empty placeholder, or missing, is
# what the runtime injects (or the software); NVML, nvidia-smi and /dev/nvidia* are a discrete GPU's driver; CDI, the
# NVIDIA runtime or a device plugin is how the GPU is injected; a permission to a device, with no node named, is the
# node CUDA opens on that release; a named library or a program's own module (ggml-rocm.so) outside the GPU's stack,
# on a line that names no GPU, is the program's packaging, not GPU access; a version, ABI or support word, or an
# unnamed library, is the software; a config, label or model file the program cannot find is its own; any other GPU
# word (a CUDA API name among them) is a GPU failure of unknown kind; a failing line with none of these is not GPU
# access ("other").
FAILURE_KINDS: Tuple[Tuple[str, Pattern[str]], ...] = (
    # (a discrete GPU's /dev/nvidia* is the "driver" kind's)
    ("gpu-node", re.compile(GPU_NODE_PATH.replace("nv(?!", "nv(?!idia|") + r"|\bnvhost|nvmap|\bnvgpu\b|\brenderd\d|"
                            r"\bnvrm\w*(?:init|open)|"
                            r"\b(?:render|video) group\b", re.I)),
    ("filesystem", re.compile(r"read-only file system|no space left on device|disk quota exceeded|"
                              r"/[\w./-]+['\"`\u2019]?:\s*file exists", re.I)),  # a path that exists already
    ("library-placeholder", re.compile(r"(?:{})[^\n]{{0,80}}(?:file too short|truncated|is empty|:\s*empty\b)".format(
        _GPU_LIBRARY), re.I)),
    ("driver", re.compile(_DISCRETE_DRIVER, re.I)),
    ("injection", re.compile(r"\bcdi\b|nvidia-container-(?:runtime|cli|toolkit)|libnvidia-container|\bdevice[- ]plugin\b|"
                             r"\bruntime hook\b", re.I)),
    ("device-permission", re.compile(r"(?:permission|eacces|eperm|not permitted)[^\n]{0,40}(?:" + _DEVICE_NOUN + r"|"
                                     r"/dev\b)|(?:" + _DEVICE_NOUN + r"|/dev/)[^\n]{0,40}"
                                     r"(?:permission|eacces|eperm|not permitted)", re.I)),
    # a GPU library, or Argus's that does not load (of another L4T release, or not brought into a container)
    ("gpu-library", re.compile(_GPU_LIBRARY + r"|(?:symbol lookup error|undefined symbol|shared object|error while loading)"
                               r"[^\n]*\blib(?:nv)?argus|\blib(?:nv)?argus\w*\.so[^\n]*(?:undefined symbol|shared object|"
                               r"not found)", re.I)),
    # a camera's source, device or library at work (V4L2, Argus, a CSI sensor), on a line that names no GPU work, no GPU
    # library and no library that does not load (Argus's comes from the host through the runtime on JetPack 4): the GPU
    # is not what failed. Below the GPU's libraries: a camera program that also lacks TensorRT lacks the libraries.
    ("camera", re.compile(r"^(?![^\n]*(?:\bcuda|\bgpu\b|\btrt\b|tensorrt|nvbufsurface|\bcu[A-Z]|shared object|"
                          r"loading shared librar|symbol lookup error|undefined symbol|" + _GPU_LIBRARY + r"))[^\n]*?"
                          r"(?:\bv4l2src\d*\b|\bnvarguscamerasrc\d*\b|/dev/video\d|\bcameras?\b|\b(?:lib)?(?:nv)?argus\b|\bcsi\b|"
                          # the camera's own engines: its real-time CPU, the CSI receiver, the video input (VI)
                          r"\b(?:cam-)?rtcpu\b|\bcamrtc\b|\bnvcsi\b|\bvi-output\b|\bcapture-vi\b|\bphy_intr\b|\bpxl_sof\b|"
                          r"\bthe vi\b)",
                          re.I)),
    # (a module without "lib" only where it is missing, and no framework's: torchvision/_C.so with an undefined symbol
    # is the framework's build for another torch)
    ("other-library", re.compile(r"^(?![^\n]*(?:\bgpus?\b|cuda|nvidia|(?<!in)tegra|/dev/))(?:[^\n]*?(?<![\w+.-])lib(?!" +
                                 _GPU_STACK_NAMES + r")[\w+-]*\.so(?![\w+-])|"
                                 r"(?![^\n]*(?:undefined symbol|torch|tensorflow|tensorrt|onnx|jax|paddle|cupy|mxnet))"
                                 r"[^\n]*?(?<![\w+.-])(?!lib|" + _GPU_STACK_NAMES + r")[\w+-]+\.so(?![\w+.-])[^\n]*?"
                                 r"\b(?:not found|cannot open|no such file))", re.I)),
    ("library", re.compile(r"\.so\b|(?<!/)\blibrar(?:y|ies)\b(?!/)", re.I)),  # (not a URL's path: /v2/library/llama)
    # (not a board's: "older versions of Jetson Orin Nano")
    ("version", re.compile(r"(?<![/\w])versions?\b(?!/)(?!\s+of\s+(?:the\s+|an?\s+)?(?:nvidia\s+)?(?:jetson|orin|xavier|"
                           r"agx|tx[12]|boards?|modules?|devices?|hardware|carrier)\b)|\babi\b|undefined symbol|"
                           r"undefined reference|unsupported|not supported|" + _VERSIONS_MISMATCH +
                           r"|incompatible|compute capability|\bsm_\d+|"
                           # (software said not to fit a Jetson: "This option is not yet compatible with Jetson devices",
                           # "isn't compatible with Jetson devices yet", "does not support Jetson")
                           r"(?:\bnot|n't)\s+(?:yet\s+)?(?:compatible\s+with|supported\s+on|support)\s+" + _A_JETSON + r"\b|"
                           r"\b(?:l4t|jetpack|cuda|tensorrt|cudnn)\b[^\n]{0,80}?\bconflicts?\b|"  # a conflict with the GPU's software
                           r"\brequires?\s+(?:cudnn|cuda|tensorrt|cublas)\s*(?:version\s*)?[\d>=]", re.I)),
    # a file the program was pointed at (a config, a label list, a model) missing or unreadable, however GPU-like its
    # path (/opt/nvidia/deepstream/...): not the GPU's stack, whose files (a loader's ICD or vendor file, the toolkit's
    # CSV, a CDI spec, a hook's, the linker's cache, X's config, CUDA's own tree, the driver's configuration, a node) are
    # read by the kinds above or by "gpu". (Not a model that fails to load: an engine TensorRT could not build fails
    # so.) Among other failing lines it tells least (_LEAST_TELLING): a config file a program goes on without is routine.
    ("data-file", re.compile(r"^(?![^\n]*(?:icd\.d|_icd\b|vendor\.d|glvnd|vulkan|egl_external_platform|/cdi/|hooks\.d|"
                             r"ld\.so|xorg|nvidia-container|/usr/local/cuda|/etc/nvidia/|/proc/driver|nvswitch|\.so\b|/dev/))"
                             r"(?:[^\n]*?" + _DATA_FILE + r"['\"`]?:?\s*\(?(?:no such file|not found|does not exist|"
                             r"doesn't exist|is missing)|[^\n]*?(?:can't|cannot|could not|couldn't|unable to|failed to)\s+"
                             r"(?:read|stat|open|find|access)\s+(?:(?:[\w-]+\s+){0,2}?file\s*:?\s*)?['\"`]?" + _DATA_FILE +
                             r"|[^\n]*?no such file or directory:\s*['\"`]?" + _DATA_FILE + r")", re.I)),
    ("gpu", re.compile(r"(?-i:\bcu(?:da)?[A-Z][a-z]\w*)|"  # a CUDA API function: cudaGetDeviceCount, cuInit
                       # (not a dashboard's variable: "Templating [gpu]", "$gpu"; nor, here or below, the kubelet's
                       # socket of a device plugin, /var/lib/kubelet/device-plugins/nvidia-gpu.sock: Kubernetes' plumbing)
                       # (nor a log's field naming the device a request ran on: "device=cuda:0 status_code=500")
                       r"(?<!\s\[)(?<!\$)\bgpus?\b(?![\w-]*\.sock\b)|(?<!=)\bcuda\b|"
                       # (not the default user's name: /home/nvidia, nvidia@host; nor L4T's packages and scripts that
                       # boot and set up the board, not its GPU: nvidia-l4t-bootloader, /opt/nvidia/l4t-bootloader-config;
                       # nor a board's device-tree name: "nvidia,p3767-0003", "nvidia,tegra234")
                       # (nor NVIDIA as the author of a guide: "they differ from nvidia docs")
                       r"(?<!home/)\bnvidia\b(?!@|,(?:p\d{4}|tegra\w*)\b|[\w-]*\.sock\b|\s+(?:jetson|agx|orin|xavier|nano|igx|thor|tx[12]\b|drive\b|"
                       r"developer kit|devkit)|(?:'s)?\s+(?:docs?|documentation|guides?|tutorials?|forums?|instructions)\b|"
                       r"[-/]l4t-(?:bootloader|init|initrd|oem-config|xusb-firmware|jetson-io|apt-source|"
                       r"nvfancontrol|nvpmodel|configs|tools)\b)|"
                       r"\btensorrt\b|\bcudnn\b|\bigpu\b|\bhip\b|\brocm\w*|\bopencl\b|\boptix\w*|"  # (OptiX: the driver's ray tracer)
                       # (the graphics card in Chinese, Japanese and Korean)
                       r"显卡|顯示?卡|グラ(?:フィック)?(?:ス)?(?:カード|ボード)|그래픽\s*카드|"
                       # (a graphics API's adapter: none found, or asked for)
                       r"\b" + _NO_ADAPTER + r"\b|\brequestadapter\b|\bappropriate\s+adapter\b|"
                       # (the driver by its version: "on RTX 5070 Ti + driver 595.79")
                       r"\bdrivers?\s+(?:version\s+)?v?\d{3}\.\d{1,3}(?:\.\d{1,3})?\b|"
                       # (AMD's runtime and libraries: HSA, Tensile, rocBLAS, MIOpen; a backend's own name: ggml_vulkan)
                       r"\bhsa\b|\btensile\b|\brocblas\b|\bhipblas\w*|\bmiopen\b|(?:\b|_)vulkan\b|\blibva\b|"
                       r"\bvdpau\w*|\bva-?api\b|\bvainfo\b|\bhip(?:err\w*)?\b|"
                       # the video-codec API as code names it (NvEncoder, nvEncOpenEncodeSessionEx, cuvidCreateDecoder)
                       r"(?-i:\b(?:[Nn]vEnc|[Nn]vDec|cuvid)\w*)", re.I)),
)
# A GPU node's line is the node cause only where it says the node was refused or out of reach, or the group that grants
# it failed; the GPU driver's own complaint about its engine ("nvgpu: ... PMU wait timeout expired") is a GPU failure
# of unknown kind.
# (opening the node is access: "open /dev/nvhost-ctrl-gpu failed: errno 13", "Error opening /dev/nvmap: 13",
# "NvRmPrivOpen failed"; errno 13 is EACCES)
_ACCESS_REFUSED = re.compile(r"permission|denied|eacces|eperm|not permitted|os error 13|no access|not accessible|"
                             r"\b(?:render|video) group\b|\bopen(?:ing|ed)?\b|\bnvrm\w*(?:open|init)|"
                             r"(?:cannot|can't|could not|couldn't|failed to|unable to|fails? to) (?:access|use)\b|"
                             r"\berrno\W{0,3}13\b|[(=:]\s*-?13\b|\breturned\s+-?13\b", re.I)
# Kinds that say what a line is but, on a line that names nothing of the GPU, tell least among several failing lines:
# a full or read-only file system, or a library outside the GPU's stack, is routine noise beside the GPU's own failure
# (journal watch limits, plugin scanners); such a line decides only when no other failing line names anything.
_LEAST_TELLING = ("filesystem", "other-library", "data-file")
_NO_SUCH_NODE = re.compile(r"no such (?:file|device)", re.I)


def _refuses_access(line: str) -> bool:
    """Whether a GPU node's failing line says access to it was refused (and not that the node is missing)."""
    return bool(_ACCESS_REFUSED.search(line)) and not _NO_SUCH_NODE.search(line)
_NAMES_GPU = re.compile("|".join(pattern.pattern for kind, pattern in FAILURE_KINDS if kind in ("gpu-library", "gpu")), re.I)
# A device node a line names: a GPU's (Tegra, DRM, a discrete GPU's), or another device's (a camera, a serial port,
# I2C, GPIO): a permission to another device is no GPU access, whatever group it shares.
_GPU_DEVICE = re.compile(GPU_NODE_PATH, re.I)
_OTHER_DEVICE = re.compile(r"/dev/(?!" + GPU_NODE_PATH[len("/dev/"):] + r")[a-z]", re.I)
# A denial that names no file, and a paste that names the GPU (its node, a discrete GPU's driver or model, AMD's and Intel's
# GPU tools) elsewhere: the denial is the GPU's.
_UNNAMED_DENIAL = re.compile(r"permission|eacces|eperm|not permitted|os error 13", re.I)
_PATH = re.compile(r"(?:^|[\s'\"(=:])(?:/|~/|\./)[\w.-]", re.I)
_GPU_NAMED = re.compile(r"/dev/(?:nv|dri/|kfd\b)|\bnvml\b|\bDriver Version:|\b(?:GeForce|Quadro|RTX|Radeon)\b|"
                        r"\bamdgpu\w*|\bintel_gpu_top\b|\brocm-smi\b", re.I)
# Where the paste shows it ran inside a container or an image build (which on a Jetson gets no GPU libraries
# unless the engine's default runtime is nvidia): BuildKit and classic build steps, a Compose service's log prefix
# on two lines in a row (`detector_1  | `, `api-1  | `; one such line may be a table row), engines, pods.
# A build's or an orchestrator's own row start (BuildKit's "#7 0.512 " and its error's "> [4/8] RUN ", the classic
# builder's "Step 3/9 :", Compose's "app_1  | " prefix on two rows in a row), matched at each row; and the words that
# name a container, searched only on the rows that hold one of _CONTAINER_KEYS (one search of the whole window took a
# quarter second on 512 KiB).
_CONTAINER_ROW = re.compile(r"#\d+ \d+\.\d+ |Step \d+/\d+ :|\s*> \[[\w -]*?\d+/\d+\] (?:RUN|COPY|FROM) |"
                            r"[0-9a-f]{12} {2,}[\w./:@-]+ {2,}\"|"  # `docker ps`: a container's id, image and command
                            r"([\w.-]+[_-]\d{1,3}) +\| .*\n\1 +\| ", re.I)
# (a Dockerfile's FROM and ARG are matched in capitals only: Python's "from torch import cuda" is no build)
_CONTAINER_SAID = re.compile(r"---> Running in |\bdocker[ _-]build|\bdockerfile\b|\sup\s+--build\b|^\s*(?-i:RUN)\s+\S|"
                             r"^\s*(?-i:ARG|FROM)\s+[\w${}./-]+(?:=|:\S|\s+(?-i:AS)\b|\s*$)|"
                             r"\bjetson-containers (?:build|run)\b|\b(?:singularity|apptainer) (?:exec|run|shell)\b|"
                             r"\bkubernetes\b|\bk8s\b|\bk3s\b|\bkubectl\b|\bpods?\b|"
                             # (a system container: LXC, LXD and Incus, Proxmox's CT)
                             r"\blxc\b|\blxd\b|\bincus\b|"
                             # the daemon's default runtime as its file or `docker info` shows it, or said to be changed
                             r"[\"']default-runtime[\"']\s*:|\bdefault runtime:\s*\w|\b(?:set|chang(?:e|ed|ing)|switch(?:ed)?|"
                             r"configured?)\b[^\n]{0,20}?\bdefault[ _-]runtime\b[^\n]{0,10}?\bto\b|"
                             r"(?<!\bno )(?<!\bnot in a )(?<!\bwithout a )(?<!\bwithout any )(?<!\boutside a )"
                             # (not the jetson-containers project's name, which runs nothing by itself being named)
                             r"(?<!\boutside the )(?<!\boutside any )(?<!jetson-)\bcontainers?\b", re.I)
_CONTAINER_KEYS = ("running in", "docker build", "docker_build", "docker-build", "arg ", "from ", "run ", "--build", "dockerfile",
                   "jetson-containers", "singularity", "apptainer", "kube", "k8s", "k3s", "pod", "container", "lxc", "lxd", "incus",
                   "default runtime", "default-runtime", "default_runtime")


# What would happen otherwise ("CUDA must be set up, otherwise the SDK cannot work"): advice, not a failure seen.
_OTHERWISE = re.compile(r"\b(?:otherwise|or else)\b[^.;!?\n]{0,80}$", re.I)
# The service name compose puts before each line of its log ("ollama-gpu-1  | "): a name the user chose, no failure's word.
_LOG_PREFIX = re.compile(r"^[ \t]*[\w.-]+[ \t]+\|[ \t]")
# The dynamic loader refusing to start the program for a library it lacks: the failure itself, never noise beside another.
_CANNOT_START = re.compile(r"error while loading shared libraries", re.I)
# A program's notice that it goes on without a part ("NVML disabled (failed to load NVML)", "GPU monitoring will be
# disabled"): what failed after it says more.
_GOES_ON_WITHOUT = re.compile(r"\bnvml\W{0,20}disabled\b|\bmonitoring\b[^\n]{0,30}\b(?:will be|is|was)\s+disabled\b", re.I)
# An L4T release file's line: a Jetson's own output, so a library failure beside it may be the GPU's.
_L4T_RELEASE = re.compile(r"#\s*R\d\d\s+\(release\)", re.I)
# An error only referred to, shown elsewhere or not at all ("It returns the same error.", "Similar errors occur if ..."):
# it names nothing that failed, so any other failing line tells more.
_SAME_ERROR = re.compile(r"\bsame\s+(?:error|issue|problem|failure)s?\s*(?:[.!]+\s*)?$|"
                         r"^\W*(?:similar|the\s+same)\s+(?:error|issue|problem|failure)s?\s+(?:occur|happen|appear)s?\b"
                         r"(?![^\n]*:\s*\S)", re.I)  # (not one that goes on to quote it: "... happens with v2: KeyError")
# A Python traceback's header: its exception, if the paste has it, is printed below the frames.
_TRACEBACK_ONLY = re.compile(r"^\W*traceback \(most recent call last\):?\W*$", re.I)
# A line TensorFlow, XLA or glog logs at the info level ("I tensorflow/...", "I0412 10:00:00"): it reports, it does
# not fail (TensorFlow on every Jetson logs that it "could not open file to read NUMA node", at the info level or,
# before, at the error level).
_INFO_LINE = re.compile(r"^[^\n]{0,64}?(?:(?<![\w.-])I(?:\d{4} \d\d:\d\d|\s+(?:tensorflow|external|xla)/)|"
                        r"\[\s?(?:info|debug)\s?\]|\blevel=(?:info|debug)\b)|"  # (glog's, TensorFlow's, spdlog's, logrus's)
                        r"^DEBU\[?\b|"  # (logrus's debug level as podman and toolbox print it: a probe's note, no failure)
                        # (and the NUMA note, which older TensorFlow and JAX log at the error level on machines whose
                        # kernel gives the GPU no NUMA node: WSL, Jetsons; their maintainers call it benign, jax#5361)
                        r"\bcould not open file to read numa node\b", re.I)


def find_failure(text: str, cleaned: Optional[str] = None, memo: Optional[LineMemo] = None) -> Optional[Failure]:
    """The most telling line that says something failed, or None: read from the first and last FACT_WINDOW characters, at
    most MAX_KEY_HITS lines a key, so its cost stays bounded on any paste. ``cleaned`` is that part of the
    text already normalised, when the caller has it; ``memo`` keeps each line's weight for another reading."""
    memo = {} if memo is None else memo
    clean = normalise(window(text)[0]) if cleaned is None else cleaned
    lowered = clean.lower()
    if len(lowered) != len(clean):
        clean = lowered
    spans = sorted({span for key in _FAILURE_KEYS if key in lowered for span in _key_lines(key, lowered)})
    best: Optional[Tuple[Tuple[bool, bool, int, bool], str]] = None
    tried: Set[str] = set()  # a line read once is read alike again (a log repeats its lines), and the first one wins
    for start, end in spans:
        line = clean[start:end]
        if line in tried:
            continue
        tried.add(line)
        order = remembered(memo, ("failure", line, ""), _failure_weight, line)
        if order is not None and (best is None or order < best[0]):
            best = (order, _with_wrapped_rest(clean, start, end, line.strip()) if order[2] == len(FAILURE_KINDS)
                    else line.strip())
            if order == _TELLS_MOST:
                break  # no later line can tell more, and the first of equals wins
    if best is None:
        return None
    if best[0][2] == len(FAILURE_KINDS) and best[1] not in tried:  # a sentence hard-wrapped: its kind from the whole
        best = (_failure_weight(best[1]) or best[0], best[1])
    index = best[0][2]
    kind = FAILURE_KINDS[index][0] if index < len(FAILURE_KINDS) else "other"
    if kind == "other" and _UNNAMED_DENIAL.search(best[1]) and not _PATH.search(best[1]) and _GPU_NAMED.search(clean):
        kind = "gpu"  # "Permission denied (os error 13)" after a line that printed the GPU's node: the GPU's permission
    if kind == "library" and ".so" not in best[1] and _LIBRARY_BUILT.search(best[1]):
        kind = "other"  # the libraries a build makes ("building the stand alone RTAB-Map libraries"): the build failed
    if kind == "library" and ".so" not in best[1] and not any(
            p.search(clean) for p in (_GPU_SOFTWARE, _GPU_DEVICE, _GPU_NAMED, _NAMES_GPU, _L4T_RELEASE)):
        kind = "other"  # a library, in words, in a paste that names nothing of a GPU: another program's (GPIO, an NPU)
    if kind == "gpu-node" and MODULE_LOAD.search(best[1]):
        kind = "gpu"  # the driver's module by the node's name (modprobe nvgpu), not the node
    if kind in ("other", "gpu-node", "gpu") and _says_only_a_symptom(best[1]):
        kind = "symptom" if kind == "other" else "gpu-symptom"  # it timed out or hangs: how, not why
    if kind == "other" and (_TRACEBACK_ONLY.match(best[1]) or _SAME_ERROR.search(best[1])):
        kind = "unshown"  # a traceback cut off above its exception, an error referred to: what failed is not in the paste
    return Failure(kind, best[1][:300])


# A kernel module that fails to load (modprobe's, insmod's words): the host's own failure, since no container loads one;
# a module named like a GPU node (nvgpu) is the GPU's driver, not the node.
MODULE_LOAD = re.compile(r"^\s*(?:modprobe|insmod):|\bcan't load module\b|\bcould not insert (?:module\b|')|"
                         r"\bFATAL: Module\b", re.I)


# Libraries a build makes, in words: what failed is the build, whatever it builds.
# ("building the engine the cudnn library is not found" is a library missing at build time)
_LIBRARY_BUILT = re.compile(r"\b(?:build(?:ing)?|compil(?:e|ing))\s+(?:(?:the|my|our|its|this|from\s+source)\s+)*"
                            r"(?:(?!(?:the|a|an)\b)[\w.+-]+\s+){0,3}?librar(?:y|ies)\b"
                            r"(?![^\n.;]{0,30}?\b(?:not\s+found|missing|cannot|can't|could\s*n[o']t|no\s+such|"
                            r"fail\w*\s+to\s+(?:load|open|find))\b)", re.I)


def _cut_off_while_loading(clean: str, failure: Optional[Failure]) -> Optional[Failure]:
    """The failure, unless it tells nothing of the GPU and a traceback the paste cuts off above its exception ends in
    torch's start-up loading its CUDA libraries (libtorch_global_deps): which library did not load is not shown, but
    loading one is what failed."""
    loading = _LOADING_CUDA.search(clean) if failure is None or failure.kind in ("other", "unshown") else None
    if loading and not _EXCEPTION_LINE.search(clean, loading.end()):
        return Failure("gpu-library", loading.group(0).strip()[:300])
    return failure


_LOADING_CUDA = re.compile(r'^[ \t]*file "[^"\n]*torch/__init__\.py", line \d+, in _load_global_deps\b[^\n]*', re.M | re.I)
_EXCEPTION_LINE = re.compile(r"^[ \t]*[\w.]*(?:error|exception)\b", re.M | re.I)


# Words that say how something failed (it timed out, exits at once) and not what: the symptom of any cause (a log's
# routine timeouts among them). Such a line tells least among failing lines and leaves the cause unknown. (A hang said
# of the boot or a service, read before these words were, stays a failure that is not the GPU's.)
_SYMPTOM = re.compile(r"timed out|times out|timeout .+|.+ timeout|exit(?:s|ed)? (?:immediately|right away|at once|"
                      r"instantly)", re.I)


# WSL's own virtual machine stopping under a program: how, not why (its kernel, the GPU's paravirtual driver among it,
# the host's memory, a Windows update), not the program's failure.
_WSL_ITSELF_STOPS = re.compile(r"\bwsl2?\s+(?:itself\s+|instance\s+)?(?:crash(?:es|ed)?|exit(?:s|ed)|dies|died|"
                               r"terminat(?:es|ed)|shuts?\s+down)\b", re.I)


def _says_only_a_symptom(line: str) -> bool:
    stops = [m.span() for m in _WSL_ITSELF_STOPS.finditer(line)]
    return all(_SYMPTOM.fullmatch(said.group()) or any(a <= said.start() < b for a, b in stops)
               for said in _failures_said(line))


def _failure_said(line: str) -> Optional[Match[str]]:
    """The first words of the line that say something failed, past an error said not to happen."""
    return next(_failures_said(line), None)


def _failures_said(line: str) -> Iterator[Match[str]]:
    """The words of the line that say something failed, but an error said not to happen or only introduced."""
    stripped = line.rstrip()  # (the introduction ends the line: read without trailing blanks, no blank run is tried twice)
    introduced = _INTRODUCES_THE_ERROR.search(stripped)
    if introduced and not (stripped.endswith((":", "\uff1a")) or _POINTS_BELOW.search(introduced.group())):
        introduced = None  # "it gives an error" says it failed; "gives the following error" points below
    # (from the error's own noun: "I got a permission denied error:" still says what was denied)
    noun = max(introduced.start("noun"), introduced.start("subject"), introduced.start("named")) if introduced else len(line)
    for said in _FAILURE.finditer(line):
        if said.start() >= noun:
            break  # "... I got the following error message:": the error is printed below, not on this line
        if _CJK_FAILURE.fullmatch(said.group()) and stripped.endswith((":", "\uff1a")) and len(stripped) - said.end() <= 12:
            break  # "报错如下：", "以下のエラーが出ます：": the same, in Chinese, Japanese or Korean
        if not _said_not_to_happen(line, said):
            yield said


def _said_not_to_happen(line: str, said: Match[str]) -> bool:
    """Whether the words of failure are negated, foreseen, counted as none, a field's empty value or part of an
    option's name ("--fail-on-init-error=false", "--ignore-errors"), not a failure."""
    before = max(0, said.start() - 60)
    if _IN_AN_OPTION.search(line, before, said.start()):
        return True
    cjk = _CJK_FAILURE_WORDS.get(said.group())
    if cjk:
        negated_before, negated_after = cjk
        return bool((negated_before and negated_before.search(line, before, said.start()))
                    or (negated_after and negated_after.match(line, said.end())))
    return bool((_NEGATABLE_FAILURE.fullmatch(said.group()) and (_NO_FAILURE_BEFORE.search(line, before, said.start())
                                                                or _FORESEEN_BEFORE.search(line, before, said.start())))
                or (said.group().lower() == "errors" and _NONE_COUNTED.search(line, before, said.start()))
                or (_NOT_COLLECTED.match(line, said.start()) and line[:said.start()].rstrip().endswith(":"))
                or (_A_MESSAGE_AFTER.match(line, said.end()) and bool(_MESSAGE_CHANGED_BEFORE.search(line, before,
                                                                                                 said.start()))))


# An error message a change adds or improves ("#4441 added a nicer error message", "improves the error message when
# ..."): the program's wording, written for a failure to come, not one that happened.
_A_MESSAGE_AFTER = re.compile(r"\s+messages?\b", re.I)
_MESSAGE_CHANGED_BEFORE = re.compile(r"\b(?:add(?:s|ed|ing)?|improv(?:e|es|ed|ing)|reword(?:s|ed|ing)?|rephras(?:e|es|ed|ing)|"
                                     r"print(?:s|ed|ing)?\s+(?:an?|the)\s+(?:better|nicer|clearer))\s+(?:an?\s+|the\s+|"
                                     r"this\s+|its\s+)?(?:(?:better|nicer|clearer|friendlier|more\s+(?:helpful|useful|"
                                     r"descriptive|informative))\s+)?$", re.I)

# A command-line option's name up to the words of failure in it ("--fail-", "--ignore-", "--on-").
_IN_AN_OPTION = re.compile(r"(?<![\w-])--?[\w-]*$")
# The words of failure in Chinese, Japanese and Korean (_FAILURE's last alternatives).
_CJK_FAILURE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af ]*")
# A sentence's end that introduces the error printed below it ("When I run it, I got the following error message:",
# "gives this error:"): it points at the failure, it is not one. (Not "returned error:", a program's own line.)
_INTRODUCES_THE_ERROR = re.compile(r"\b(?:got|get|gets|getting|gives?|gave|giving|see|saw|seeing|shows?|showed|throws?|threw|"
                                   r"encounter(?:ed|s|ing)?|receiv(?:e|es|ed|ing)|following)\b[^:\n]{0,40}?\b(?P<noun>errors?|exceptions?|"
                                   r"failures?|tracebacks?)(?:\s+(?:messages?|logs?|outputs?|traces?))?(?:\s+(?:below|as follows))?"
                                   # (what was done when it came: "... these errors when attempting to use the OCR:")
                                   r"(?:,?\s+(?:when|while|after|whenever|on)\b[^:.\n]{0,80}:)?"
                                   r" ?[:\uff1a]?$|"
                                   r"\b(?P<subject>errors?)(?:\s+(?:that|which))?\s+(?:occurs?|occurred|appears?|appeared|happens?|"
                                   r"happened|comes?|came|is|are|was|were)(?:\s+up)?\s+(?:below|as follows) ?[:\uff1a]?$|"
                                   # ("I think this is the main error:", "here are the errors:")
                                   r"\b(?:this|that|here|below)\s+(?:is|are)\s+(?:the|my|our)\s+(?:\w+\s+){0,2}?(?P<named>errors?|"
                                   r"exceptions?|failures?|tracebacks?)(?:\s+(?:messages?|logs?|outputs?))? ?[:\uff1a]$", re.I)
_POINTS_BELOW = re.compile(r"\b(?:following|this|these|below|as follows)\b", re.I)
# CUDA's driver API failing by name or number, which a framework may log at the info level (JAX's xla_bridge does):
# CUDA's own failure, whatever the level.
_DRIVER_CALL_FAILED = re.compile(r"(?-i:\bcu[A-Z]\w*)\([^)\n]{0,40}\)\s+failed\b|(?-i:\bCUDA_ERROR_[A-Z_]+)|"
                                 r"\bunknown cuda error\b", re.I)
_TELLS_MOST = (False, False, 0, False)  # _failure_weight's least: an exception's own line that refuses a GPU node


# The start of a line that carries on the sentence above it: a lower-case preposition, conjunction or article (not a
# command or a new sentence that starts in lower case: "nvidia-smi shows the card", "cuda work is done").
_RUNS_ON = re.compile(r"(?-i:(?:in|on|at|of|for|with|without|when|while|after|before|during|from|to|into|and|or|but|because|"
                      r"since|as|the|a|an|which|that|if|by|via|under)\b)")


def _with_wrapped_rest(clean: str, start: int, end: int, line: str) -> str:
    """``line`` with the rest of its sentence: for a list item, the sentence the list's lead begins and its first item
    finishes ("containers with `--gpu`" / "- do not start correctly anymore"), which the items below it go on about;
    or, where prose runs on past the line's end with no closing punctuation, the next line joined where it carries the
    sentence on ("... crashes with access violation" / "in omni.kit... on RTX 5070 Ti + driver 595.79.")."""
    lead = _list_lead(clean, start, line)
    if lead:
        return lead
    if not line or line[-1] in ".!?:;)]}\"'`" or end >= len(clean):
        return line
    stop = clean.find("\n", end + 1)
    rest = clean[end + 1:stop if stop >= 0 else len(clean)].strip()
    return line + " " + rest if _RUNS_ON.match(rest) else line


# A list item (a bullet or a number), and one that opens with a verb, no subject of its own: the predicate of a sentence
# its lead begins ("our gpu containers" / "1. do not start anymore"), unlike an item that names its own subject ("- the
# web ui fails to start") or a step of a recipe ("1. Start the container", whose verbs no predicate here opens with).
_ITEM = re.compile(r"^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]+")
_PREDICATE_ITEM = re.compile(_ITEM.pattern + r"(?:do|does|did|can|could|will|would|are|is|were|was)(?:\s*not|n['\u2019]?t)?\b|"
                             + _ITEM.pattern + r"(?:cannot|won['\u2019]?t|never|no\s+longer|(?:become|fail|hang|freeze|stay)s?|"
                             r"crash(?:es)?)\b", re.I)
_LEAD_MAX = 160  # a lead longer than a line of prose is a paragraph, not the start of one sentence
_ITEMS_MAX = 12  # (a list of a dozen items at most)
_LIST_WINDOW = 8192  # the characters looked back for a list's lead


def _list_lead(clean: str, start: int, line: str) -> str:
    """Where ``line`` is an item of a list whose first item finishes its lead's sentence (an unindented lead that ends
    in no full stop, or in the colon that opens the list), the lead and that first item as one line; "" otherwise."""
    if not _ITEM.match(line):
        return ""
    above = max(0, start - _LIST_WINDOW)  # (a bounded look back, whatever the paste's size)
    rows = clean[above:start].rstrip("\n").split("\n")
    if above and clean[above - 1] != "\n":
        rows = rows[1:]  # (a row the window cuts is no lead)
    rows = rows[-_ITEMS_MAX - 1:] + [line]
    for at in range(len(rows) - 2, -1, -1):
        if _ITEM.match(rows[at]):
            continue
        lead, first = rows[at], rows[at + 1]
        if lead.strip() == lead != "" and len(lead) <= _LEAD_MAX and lead[-1] not in ".!?;)]}\"'" \
                and not lead.startswith(("#", "*")) and _PREDICATE_ITEM.match(first):
            return lead + " " + first.strip()
        return ""
    return ""


# A feature a program says it does not have ("NotImplementedError: ... not supported when replaying on GPU ..."): no
# kind of the GPU's; not one that names the framework's backend an operator lacks (a build without CUDA kernels), one
# a program raises for a GPU it finds unavailable ("NotImplementedError: Cuda is not available"), nor one that wraps
# the failure behind it ("... not supported: libnvcuvid.so.1 not found", "... because libnvcuvid.so.1 cannot be
# loaded"), which that failure's words tell.
_NOT_SUPPORTED = re.compile(r"\bnot\s+(?:yet\s+)?(?:supported|implemented)\b", re.I)
_WRAPS = re.compile(r":|\b(?:because|since|as|due to)\b", re.I)
_BACKEND = re.compile(r"\bbackend\b", re.I)  # (the word: a file's name, tensorrt_backend.py, is no framework's backend)
_WRAPPED_FAILURE = re.compile(r"\b(?:not found|cannot|can't|could not|failed|fails|error|denied|eacces|eperm|missing|"
                              r"no such|not loaded|unable)\b", re.I)


def _unimplemented(body: str) -> bool:
    """Whether the line is such a NotImplementedError (the comment above says which), found by plain scans one after
    another, none nested in another: the time stays linear in the line's length."""
    at = body.find("NotImplementedError")
    said = _NOT_SUPPORTED.search(body, at) if at >= 0 else None
    if said is None or _BACKEND.search(body, at):
        return False
    wraps = _WRAPS.search(body, said.end())
    return wraps is None or not _WRAPPED_FAILURE.search(body, wraps.end())


def _failure_weight(line: str) -> Optional[Tuple[bool, bool, int, bool]]:
    """How little a failing line tells (lower tells more): a traceback's header only, routine noise, its kind's rank in
    FAILURE_KINDS, and for a GPU node's line whether it refuses no access; None for a line that says nothing failed."""
    said = _failure_said(line)
    if not said or _FAILURE_HEADING.match(line) or _OTHERWISE.search(line, 0, said.start()) or (
            _INFO_LINE.search(line) and not _DRIVER_CALL_FAILED.search(line)) or OPTIONAL_TENSORRT.search(line) \
            or _SAYS_TO_IGNORE_IT.match(line, said.end()):
        return None
    body = _without_works_said(_LOG_PREFIX.sub("", line, count=1))  # what failed, not who printed it or what works
    # Nor, in the reporter's words beside a failure said of its own, what a link set aside names (a guide they followed,
    # a page they looked at); a link naming the error, or one the words point back to ("that error"), still counts.
    unlinked = _LINK_ASIDE.sub(" ", body) if _FIRST_PERSON.search(body) else body
    if unlinked != body and _failure_said(unlinked) and not _POINTS_BACK.search(unlinked):
        body = unlinked
    index = len(FAILURE_KINDS) if _unimplemented(body) else next(
        (n for n, (kind, pattern) in enumerate(FAILURE_KINDS) if pattern.search(body)
         and not (kind == "device-permission" and _OTHER_DEVICE.search(body) and not _GPU_DEVICE.search(body))),
        len(FAILURE_KINDS))
    noise = index < len(FAILURE_KINDS) and FAILURE_KINDS[index][0] in _LEAST_TELLING and not _NAMES_GPU.search(body) \
        and not _CANNOT_START.search(body)
    noise = noise or _says_only_a_symptom(line) or bool(_GOES_ON_WITHOUT.search(body)) \
        or bool(_SAME_ERROR.search(body))
    # a node's line that refuses no access tells less (nor does one that finds no node: that node is absent)
    unrefused = index == 0 and not _refuses_access(body)
    return bool(_TRACEBACK_ONLY.match(line)), noise, index, unrefused  # a traceback's exception says more than its header


# A program's failure that it says to ignore, after it in the same sentence ("import tensorrt_llm failed, if do not use
# tensorrt, ignore this message"): an optional part it goes on without. (Not a reporter's aside about another line: "the
# tcmalloc line can be safely ignored".)
_SAYS_TO_IGNORE_IT = re.compile(r"[^.;\n]*?,\s*(?:if\b[^.;\n]{0,60},\s*)?(?:please\s+)?ignore this (?:message|warning)\b",
                                re.I)
# (not a Markdown link's address; and a bare one only as what the reporter looked at: "I checked https://.../onnxruntime-gpu/...
# and couldn't see aarch64", not "I get the error from https://.../nvrmmeminitnvmap-failed-...")
_LINK_ASIDE = re.compile(r"(?<!\])\(\s*https?://[^\s)]+\s*\)|\b(?:checked|visited|browsed|searched|looked\s+(?:at|in|through)|"
                         r"went\s+(?:to|through))\s+(?:the\s+)?https?://\S+", re.I)
# (a program's own message can link the page of its error, "please refer to https://docs.nvidia.com/cuda/...")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur)\b")
# words that point back to what a link shows ("I looked at <link> and I get exactly that error")
_POINTS_BACK = re.compile(r"\b(?:that|this|the\s+same|same)\s+(?:\w+\s+)?(?:errors?|problems?|issues?|failures?|messages?|"
                          r"bugs?)\b|\bexactly\s+(?:that|this)\b", re.I)


def _without_works_said(body: str) -> str:
    """The line but its sentences that say the GPU works for another check and say nothing failed ("... gives the same
    error. Running nvidia-smi indicates I have access to GPUs."): that check's tool is not what failed. (A line of prose
    holds several sentences; the failure's kind is read from those that say something failed.)"""
    works = _compiled_family("gpu-works-words")
    lowered = body.lower()
    if not any(key in lowered for key in works.keys):
        return body
    said = sentences(body)
    kept = [s for s in said if _failure_said(s) or _shown_in(works, s, s.lower(), len(s)) is None]
    return "".join(kept) if len(kept) < len(said) else body


def container_context(text: str, seen: Observed, cleaned: Optional[str] = None) -> str:
    """A line showing the paste ran inside a container or an image build, or "" when it shows none."""
    lines = seen.said("container") + [n.line for n in seen.nodes if n.where]
    if any(launch.nvidia_runtime or launch.gpus or launch.nvidia_gpu for launch in seen.launches):
        return ""  # the launch asked for the NVIDIA runtime: what it lacks is the software's, not the injection's
    lines += [launch.text.split("\n")[0] for launch in seen.launches]
    if lines:
        return lines[0]
    clean = normalise(window(text)[0]) if cleaned is None else cleaned
    rows = clean.split("\n")
    for at, row in enumerate(rows):
        low = row.lower()
        if _CONTAINER_ROW.match(row + "\n" + (rows[at + 1] if at + 1 < len(rows) else "")) or (
                any(key in low for key in _CONTAINER_KEYS) and _CONTAINER_SAID.search(row) and not CROSS_BUILD.search(row)):
            return row.strip()[:300]
    return ""


# GPU software named on a line or in an image: what a family marked `software_only_if_named` needs to be read as
# the GPU's software rather than a program that never reached the GPU.
_GPU_SOFTWARE = re.compile(r"cuda|cudnn|cublas|tensorrt|nvinfer|torch|tensorflow|onnxruntime|\bgpu|(?<!home/)nvidia(?!@|-desktop\b)|"
                           r"\bl4t|jetpack|(?<!in)tegra|jetson|dustynv|deepstream|[:-]r3\d\.\d|\bjp\d|cupy|\bjax|paddle|llama|ollama|vllm|"
                           r"triton|isaac|\blibnv|\blibcu", re.I)
