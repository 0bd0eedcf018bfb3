"""The first reading of a cause: the paste gathered once into a case (``_case_of``), then readers asked in order, the
most specific first (``_READERS``, then ``_DENIAL_READERS`` with both node causes left open, then ``_denied_session``,
which always answers). cause.py weighs the reading against the rest of the paste."""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from ..launch import Launch, numeric_user
from ..model import Diagnosis, ViewKind
from ..record import frozen_record, with_fields
from ..textfacts import IMAGE_BUILD, NVIDIA_GPU, SOLVED, WORKS_THERE, Observed, computed_gid
from .clues import (
    _BUILD_TOOL_MISSING,
    _CDI_MODE,
    _CDI_UNRESOLVED,
    _CMAKE_CONFIGURE_FAILED,
    _CMAKE_FINDS_NO_CUDA,
    _CONTRAST,
    _CONTROL_RUN,
    _CUDA_FRAMEWORK,
    _CUDA_OWN_CHECK,
    _CUDA_TOOLCHAIN,
    _DENIALS,
    _DOCKER_DESKTOP_ON_WINDOWS,
    _DRIVER_AT_WORK,
    _DRIVER_CHANGED,
    _DRIVER_INSTALL,
    _DRIVER_VERSION_ERRORS,
    _EITHER_WAY,
    _ENGINE_LACKS,
    _ENGINE_RUNTIME,
    _EXPLICIT_DENIALS,
    _FINDS_NO_GPU,
    _GL_API,
    _GPU_DETECTED,
    _GPU_INSTALL,
    _GPU_LIBRARY_REREAD,
    _GRAPHICS,
    _IMAGE_LACKS_SMI,
    _IMAGE_ON_HOST,
    _INDEX_LACKS_GPU,
    _INJECTED_LIBRARY,
    _INSTALL_FAILED,
    _INTEGRATED_GPU,
    _LEGACY_MODE,
    _MISMATCH,
    _MODULE_MISSING,
    _MOVED_OBJECT,
    _NAMES_WHAT_BROKE,
    _NO_DISCRETE_SAID,
    _NO_GPU_SAID,
    _NO_KERNELS_ON_A_PC,
    _NODE_DENIALS,
    _NOT_GPU,
    _NOT_PAST_START_UP,
    _NOTES,
    _NVIDIA_BESIDE,
    _NVIDIA_ONLY,
    _NVIDIA_STACK,
    _NVIDIA_UNSEEN,
    _NVML_ASSERT,
    _NVML_QUERY_UNANSWERED,
    _OCI_REASONS,
    _ON_THE_CPU,
    _OOM_AT_START_UP,
    _OTHER_SOFTWARE_NAMED,
    _OTHER_VENDOR_GPU,
    _OUTWEIGHED_BY_A_DENIAL,
    _OVER_REMOTE,
    _OVERFLOW,
    _PC_GPU_FUNCTION,
    _PLAIN_FAILURES,
    _PLATFORM_WARNING,
    _PROGRAM_BUILDS,
    _RUNTIME_LACKED_GPUS_PASSED,
    _RUNTIME_NVIDIA,
    _SECCOMP_RULE_UNADDED,
    _SESSION_FAMILIES,
    _SHARED_MEMORY_PC,
    _SOFTWARE_REASONS,
    _STARTUP_ERRORS,
    _SYMPTOM_WORDS,
    _TELLING_FAILURES,
    _THE_PC_S_OWN,
    _TOOLKIT_RELEASE_BLAMED,
    _TOOLKIT_VERSION,
    _TOOLKIT_WORDS,
    _UNTELLING_WORDS,
    _UPGRADE_SAID,
    _VERSION_OF_THE_GPU,
    _VGPU_GUEST_REFUSED,
    _WITH_DLA,
    _WITHOUT_DLA,
    NOT_SHOWN_X86,
    PLATFORM_NAMES,
    WEAK_JETSON,
    _absent_gpu_node,
    _access_shown,
    _added_gid_listed_inside,
    _adds_checkable_groups,
    _because,
    _crash_without_the_gpu,
    _cuda_node,
    _denied_lines,
    _driver_older,
    _drops_groups,
    _encoder_failed,
    _encoderless_card_asked,
    _engine_for_another_pc_card,
    _family_causes,
    _first_line,
    _gets_gpu,
    _gid_added_amiss,
    _gid_held_then_lost,
    _gpu_nodes,
    _gpu_shown_reaching,
    _gpus_alone_refused,
    _group_changed_in_container,
    _group_kept_in_container,
    _hard_jetson_signs,
    _held_read_only,
    _holds_added,
    _host_cuda_unfound,
    _host_gid_held,
    _host_render_gid_held,
    _image_l4t_conflict,
    _l4t_major,
    _linked_where_it_does_not_look,
    _logins_into_container,
    _missing_nodes,
    _named_node_denial,
    _names_an_nvidia_gpu,
    _no_context,
    _nodes_held,
    _not_the_driver_s,
    _on_wsl,
    _only_an_orin_nano,
    _only_another_makers_board,
    _other_arm_boards,
    _own_library_missing,
    _passes_gpu,
    _release_lines,
    _releases_named,
    _render_node_pc,
    _root_lines,
    _root_s_group_inside,
    _same_user_fewer_groups,
    _seat_acl,
    _seat_guards_gpu,
    _server_image,
    _session_cause,
    _sessions,
    _shows_r36_software,
    _smi_in_one_run_only,
    _smi_left_out,
    _software_at_fault,
    _the_one_failure,
    _thor_or_later,
    _toolkit_absent,
    _toolkit_band,
    _version_tuple,
)
from .failure import _NAMES_GPU, MODULE_LOAD, Failure, _refuses_access
from .records import Cause, SymptomMatch, cause_ids
from .signatures import _family, _vetoed_line


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
