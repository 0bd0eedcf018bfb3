"""Markdown tables the reference pages must contain, rendered from the data files.

test_docs.py asserts each page contains its table verbatim and that the fully generated pages are
current; `python tests/docgen.py` prints the tables, and `--write` rewrites the generated pages.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Dict, List, Optional

from jetson_gpu_access import data
from jetson_gpu_access.exitcodes import DESCRIPTIONS

DOCS = Path(__file__).resolve().parent.parent / "docs"


@functools.lru_cache(maxsize=None)
def _claims_hook() -> ModuleType:
    """hooks/claims.py: the claims data and the statements that need a mark."""
    spec = importlib.util.spec_from_file_location("jga_claims_hook", DOCS.parent / "hooks" / "claims.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def with_marks(text: str) -> str:
    """A line written from data, with the confidence mark of every uncertain claim it states (in a
    table row, inside its last cell)."""
    hook = _claims_hook()
    marks = hook.marks_for(text, hook.claims())
    if marks and text.rstrip().endswith("|"):
        return text.rstrip()[:-1].rstrip() + marks + " |"
    return text + marks


def confidence(text: str, certainty: str, *table_claims: str) -> str:
    """The confidence cell of a row whose data says ``certainty``: 'High', or the marks of the claims
    the row states, with ``table_claims`` (what every row of the table claims) when it is not High.
    A row that is not High and states no known claim is an error: claims.json lacks its entry."""
    hook = _claims_hook()
    stated = hook.stated(text, hook.claims())
    if certainty != "High":
        stated = [c for c in table_claims if c not in stated] + stated
        if not stated:
            raise ValueError("{!r} is {} but states no claim of data/claims.json".format(text, certainty))
    return " ".join(hook.token(c) for c in stated) or certainty


def l4t_table() -> str:
    """Every release with every source's claim; a release whose sources disagree is in bold."""
    table = data.load("l4t_jetpack")
    rows = ["| L4T | JetPack | Sources |", "| --- | --- | --- |"]
    for l4t, claims in table["releases"].items():
        labels = list(dict.fromkeys(claims.values()))
        shown = " / ".join("**{}**".format(v) if len(labels) > 1 else v for v in labels).replace("|", "\\|")
        rows.append("| {} | {} | {} |".format(l4t, shown, ", ".join(claims)))
    return "\n".join(rows)


def module_table() -> str:
    """The newest L4T major of each module family whose last release is before R36, with its sources."""
    table = data.load("l4t_jetpack")["last_release"]
    rows = ["| Module family | Newest L4T | Why |", "| --- | --- | --- |"]
    rows += ["| {} | R{} | {} |".format(family, entry["major"], entry["why"]) for family, entry in table["modules"].items()]
    return "\n".join(rows)


def device_table() -> str:
    rows = ["| Role | Nodes | Usual group | Platform | L4T | CUDA needs it | Access |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for role in data.load("devices")["roles"]:
        nodes = ", ".join("`{}`".format(p) for p in role["patterns"])
        for rule in role["rules"]:
            span = _span(rule["l4t"])
            rows.append("| {} | {} | {} | {} | {} | {} | {} |".format(
                role["role"], nodes, role["group"] or "—", rule["platform"] or "any", span, rule["requirement"], rule["access"]))
            nodes = "″"
    return "\n".join(rows)


def openrm_table() -> str:
    """What NVIDIA's OpenRM driver answered when a node was missing or denied (lab/cuda OPENRM_NODES, measured)."""
    from jetson_gpu_access.lab.cuda import NO_DEVICE, OPENRM_NODES, UNKNOWN

    names = {NO_DEVICE: "`CUDA_ERROR_NO_DEVICE`", UNKNOWN: "`CUDA_ERROR_UNKNOWN`"}
    rows = ["| Node | cuInit when the node is missing | cuInit when the user cannot open it |", "| --- | --- | --- |"]
    rows += ["| `{}` | {} {} | {} {} |".format(pattern, missing, names[missing], denied, names[denied])
             for pattern, missing, denied in OPENRM_NODES]
    return "\n".join(rows)


def _span(l4t: Optional[List[int]]) -> str:
    """Rules are tried in order; a rule without a range applies when no earlier one did."""
    if l4t is None:
        return "otherwise"
    return "R{}+".format(l4t[0]) if l4t[1] >= 99 else "R{}–R{}".format(*l4t)


def exit_table() -> str:
    rows = ["| Code | Meaning |", "| --- | --- |"]
    rows += ["| {} | {} |".format(int(code), text) for code, text in DESCRIPTIONS.items()]
    return "\n".join(rows)


def band_table() -> str:
    """What each toolkit band makes of the GPU nodes (data/toolkit.json), as the diagnosis reads it."""
    rows = ["| Toolkit band | The device edit carries | `/dev/nvmap`, `renderD*` in the container | A non-root user needs | "
            "Source | Confidence |", "| --- | --- | --- | --- | --- | --- |"]
    for band in data.load("toolkit")["bands"]:
        row = "| {label} (`{id}`) | {carries} | {nodes} | {non_root_needs} | {source} |".format(**band)
        rows.append("{} {} |".format(row, confidence(row, band["certainty"], "toolkit-band-nodes")))
    return "\n".join(rows)


def path_table() -> str:
    """How the nodes reached the container, when it is not the toolkit band that decides."""
    rows = ["| Path (as `diagnose` names it) | What the container sees | Source | Confidence |", "| --- | --- | --- | --- |"]
    for path in data.load("toolkit")["paths"]:
        row = "| `{id}`: {label} | {carries} | {source} |".format(**path)
        rows.append("{} {} |".format(row, confidence(row, path["certainty"])))
    return "\n".join(rows)


def upgrade_table() -> str:
    """Each upgrade target the preview knows, with its band."""
    from jetson_gpu_access import toolkit

    rows = ["| Upgrade to | Band | Nodes after the upgrade | Who opens them | Confidence |", "| --- | --- | --- | --- | --- |"]
    for version in toolkit.upgrade_targets():
        band = toolkit.band_for(version)
        assert band is not None
        row = "| {} | {} | {} | {} |".format(version, band.label, band.nodes, band.non_root_needs)
        rows.append("{} {} |".format(row, confidence(row, band.certainty, "toolkit-band-nodes")))
    return "\n".join(rows)


def drop_table() -> str:
    """Every way a session switches to the user and what it does to the groups (data/privilege_drops.json)."""
    rows = ["| Path | Groups after the switch | Remedy | Source | Checked in the lab |", "| --- | --- | --- | --- | --- |"]
    for row in data.load("privilege_drops")["paths"]:
        lab = "with the real binary" if row["lab"] else row.get("lab_note", "no (see the note)")
        if row["lab"] and row["package"] is None:
            lab = "skipped: no Debian 12 package"
        rows.append(with_marks("| {} | {} | {} | {} | {} |".format(row["label"], row["groups"], row["remedy"], row["source"], lab)))
    return "\n".join(rows)


CLI_INTRO = """# Command line

`jetson-gpu-access` is installed as a console script; `python3 -m jetson_gpu_access` works the
same way, also from a checkout with no package installed (`cd tools`). The text below is the
program's own `--help` output; a test keeps it current.

"""
CLI_SECTIONS = ((), ("diagnose",), ("plan",), ("apply",), ("verify",), ("entrypoint",), ("docker-args",), ("run",),
                ("explain",), ("bundle",), ("cuda-check",), ("lab",), ("lab", "exec"), ("lab", "ssh"))
CLI_NOTES = {("lab",): "See [the lab](../lab/index.md) for what a lab device is.\n\n"}


def cli_help(*command: str) -> str:
    """``jetson-gpu-access COMMAND --help`` as a 100-column terminal shows it."""
    result = subprocess.run([sys.executable, "-m", "jetson_gpu_access", *command, "--help"], capture_output=True,
                            text=True, env=dict(os.environ, COLUMNS="100"), timeout=30, check=True)
    return result.stdout.rstrip()


def cli_page() -> str:
    parts = [CLI_INTRO]
    for command in CLI_SECTIONS:
        if command:
            parts.append("\n## {}\n\n{}".format(" ".join(command), CLI_NOTES.get(command, "")))
        parts.append("```text\n{}\n```\n".format(cli_help(*command)))
    return "".join(parts)


EXIT_INTRO = """# Exit codes

One table for the CLI and the runbook runner. Errors are printed as one line on stderr: the cause,
then where to look for the remedy.

"""
EXIT_OUTRO = """
`diagnose` returns 0 when the verdict is healthy or only warnings were found, 1 when at least one
error-level finding was made, and 2 for bad input (an unknown user, a missing root directory or an
empty `--root ''`, which is never taken as the current folder, a process that does not exist or
belongs to someone else). Every command checks its numeric options
when it reads the command line, before it reads anything else, and exits 2 with one line naming the
range: a GID (`--host-gid GROUP=GID`) from 0 to 4294967294 (4294967295, `(gid_t)-1`, means "no
group"), a PID (`--pid`) from 1 to 4194303 (below the kernel's largest `pid_max`), `run --timeout`
from 1 to 86400 seconds, and `lab fleet --devices` and `--forks` from 1 to 100. `apply` uses 3 to 6
for its refusals, and 128 + the signal number (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP) when a signal stopped
it after it had put back what it wrote (see [Security](../security.md#what-apply-and-the-entrypoint-promise));
`run` uses 7 to 9 for a dead kernel, a timeout and a failing cell, and 143 or 129 when SIGTERM or SIGHUP stopped
it (its kernel, which runs in a session of its own, is ended with it).

Every command that writes a file where it is told (`bundle --out`, `fleet report --output`, `run --out`,
`image-check --out`, `lab new`, `lab profile --output`) exits 2 with one line, writing nothing, when a
symbolic link or anything but a regular file stands at an output's name or in place of a folder it makes
below the one named, when the file there belongs to another user, or when the folder is writable by others
without the sticky bit (see [Security](../security.md#what-the-tool-writes)). `run` checks again as it writes,
so a link planted while a runbook runs ends the run with 2 as well, and `lab new` and `lab profile` exit 2
when any other file is there.
"""


def exit_page() -> str:
    return EXIT_INTRO + exit_table() + "\n" + EXIT_OUTRO


# Causes that are not a problem of access to the GPU: a signature pointing only to these is a look-alike.
LOOKALIKE_CAUSES = {"jetson-software-mismatch", "x86-discrete-gpu", "not-gpu-access"}
# Causes of a session refused the GPU's nodes; and those of a container that does not get the GPU, or gets what the
# toolkit's release makes of it.
PERMISSION_CAUSES = {"render-node-denied", "tegra-nodes-denied", "seat-acl-only", "uid-gid-launch",
                     "login-drops-runtime-groups"}
CONTAINER_CAUSES = {"nodes-missing-in-container", "toolkit-band"}
# Unrelated families whose failure comes once the GPU is reached: the program's memory, build, code or speed.
PROGRAM_FAMILIES = {"out-of-memory", "illegal-instruction", "tensors-on-two-devices", "static-tls", "cuda-after-fork",
                    "shm-exhausted", "performance-words", "gpu-works-words", "program-fix-words", "tensorrt-plugin-missing",
                    "gpu-fault-xid", "openacc-data-error"}
# Unrelated families of the machine around the GPU: its accounts and sandbox, the network, the board, other devices.
SYSTEM_FAMILIES = {"nameless-gid", "docker-daemon-access", "other-permission", "account-setup-error", "seccomp-filter",
                   "network-failure", "registry-access", "package-not-found", "ci-runner-unavailable",
                   "board-not-booting", "mainline-tegra", "board-power-limit", "board-switches-off", "clock-tuning-failed",
                   "other-device", "mobile-gpu-delegate", "mac-no-cuda", "gpu-vendor-unsupported", "gpu-node-busy"}


# A multi-GPU server's own setup (its NVSwitch fabric manager), listed with a PC's setup; the reading still gives a paste
# that shows a Jetson the Jetson's meaning.
SERVER_SETUP_FAMILIES = {"cuda-802", "fabric-manager-failed"}


def error_page_of(symptom: Dict[str, Any]) -> str:
    """The one reference page a family's signatures are listed on (one page each keeps every page light): the access
    errors, and of those a container's without the GPU or with what the toolkit's release makes of it; look-alikes
    that are a driver or CUDA version; a build or package that does not fit; a PC's own setup; failures that are no
    GPU access at all: a program's own once the GPU is reached (CUDA's errors past start-up among them), the
    machine's around the GPU, and the settings and tools left."""
    causes = set(symptom.get("points_to") or ())
    if not causes or not causes <= LOOKALIKE_CAUSES:
        first = (symptom.get("points_to") or [""])[0]  # (and a toolkit's own doing, whatever system it is likeliest on)
        return "reference/errors-container.md" if (first in CONTAINER_CAUSES or "toolkit-band" in causes) \
            and not causes & PERMISSION_CAUSES else "reference/errors.md"
    if causes == {"not-gpu-access"}:
        if "cuda" in symptom or symptom["id"] in PROGRAM_FAMILIES:
            return "reference/errors-program.md"
        return "reference/errors-system.md" if symptom["id"] in SYSTEM_FAMILIES else "reference/errors-unrelated.md"
    if "jetson-software-mismatch" not in causes or symptom["id"] in SERVER_SETUP_FAMILIES:
        return "reference/errors-pc.md"
    builds = causes == {"jetson-software-mismatch", "not-gpu-access"}
    return "reference/errors-builds.md" if builds else "reference/errors-lookalikes.md"


ERROR_PAGES = {
    "reference/errors.md": (
        "# Error messages",
        "Paste the message into the site's search, or find it below: each signature with its likely causes (most "
        "likely first), the page that explains it and the runbook that checks it. A container that does not get the "
        "GPU, or gets what the container toolkit's release makes of it, is on [container and toolkit "
        "errors](errors-container.md). Messages that only look like an access problem are on [look-alike "
        "errors](errors-lookalikes.md) (driver and CUDA versions), [build and package errors](errors-builds.md) "
        "(software built for another release or without CUDA), [PC setup errors](errors-pc.md) (a PC's display, "
        "sandbox or hypervisor), [unrelated errors](errors-unrelated.md) (a program's settings and tools, no GPU access "
        "at all), [system errors](errors-system.md) (the machine's accounts, network, board and other devices) and "
        "[program errors](errors-program.md) (a program's own, once the GPU is reached)."),
    "reference/errors-container.md": (
        "# Container and toolkit errors",
        "Messages of a container that does not get the GPU (no NVIDIA runtime, no device request, no CDI spec, files "
        "the runtime brings missing) or gets what the container toolkit's release, mode or packages make of it. A "
        "session refused the GPU's nodes is on [error messages](errors.md); version look-alikes on [look-alike "
        "errors](errors-lookalikes.md)."),
    "reference/errors-lookalikes.md": (
        "# Look-alike errors",
        "Messages that come up in GPU-access reports but point to another cause: a driver or CUDA version that does "
        "not fit, on a Jetson or on a PC's discrete GPU. The access errors are on [error messages](errors.md); "
        "software built for another release or without CUDA on [build and package errors](errors-builds.md); a PC's "
        "own setup on [PC setup errors](errors-pc.md); failures unrelated to the GPU on [unrelated "
        "errors](errors-unrelated.md)."),
    "reference/errors-builds.md": (
        "# Build and package errors",
        "Messages of software that does not fit the system it runs on: a wheel or image built without CUDA or for "
        "another JetPack, an engine from another TensorRT, libraries of versions that do not go together. The GPU's "
        "access is not in question; the remedy is the build that matches the release. The access errors are on "
        "[error messages](errors.md); driver and CUDA versions on [look-alike errors](errors-lookalikes.md)."),
    "reference/errors-pc.md": (
        "# PC setup errors",
        "Messages that come up in GPU-access reports from PCs and servers and point to the machine's own setup: its "
        "display and OpenGL, a sandbox, a hypervisor, the GPU's compute mode, the driver it runs on or an NVSwitch "
        "server's fabric manager. On a Jetson they are no GPU access at all. The access errors are on [error "
        "messages](errors.md); software versions on [look-alike errors](errors-lookalikes.md)."),
    "reference/errors-unrelated.md": (
        "# Unrelated errors",
        "Messages that come up in GPU-access reports but are no GPU access at all: a program's own detection, "
        "settings and options, the tools that read the GPU, builds and code. The access errors are on [error "
        "messages](errors.md); version and driver look-alikes on [look-alike errors](errors-lookalikes.md); the "
        "machine's accounts, network, board and other devices on [system errors](errors-system.md); a program's own "
        "errors once the GPU is reached on [program errors](errors-program.md)."),
    "reference/errors-system.md": (
        "# System errors",
        "Messages of the machine around the GPU that come up in GPU-access reports: its accounts and sandbox, the "
        "container engine's daemon, the network and registries, the board's boot and power, other devices and other "
        "makers' GPUs. None is access to an NVIDIA GPU. The access errors are on [error messages](errors.md); a "
        "program's settings and tools on [unrelated errors](errors-unrelated.md)."),
    "reference/errors-program.md": (
        "# Program errors",
        "Errors that come after the GPU was reached, so access worked: CUDA's own errors past start-up (a kernel that "
        "faults or runs too long, an argument CUDA refuses), memory, a build for another CPU, the program's own code or "
        "speed. The access errors are on [error messages](errors.md); other failures that are no GPU access on "
        "[unrelated errors](errors-unrelated.md)."),
}


def error_page(path: str) -> str:
    """The page of ERROR_PAGES at ``path``, with the signatures of the families error_page_of puts there."""
    title, intro = ERROR_PAGES[path]
    return signatures_page(title, intro, lambda symptom: error_page_of(symptom) == path)


def inline_code(text: str) -> str:
    """``text`` as Markdown inline code, whatever backticks it holds (a message quoting `GLIBC_2.34'): fenced by one
    backtick more than its longest run, with a blank inside where it starts or ends with one (CommonMark)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return fence + pad + text + pad + fence


def signatures_page(title: str, intro: str, shown: Callable[[Dict[str, Any]], bool]) -> str:
    """Each signature of data/symptoms.json that ``shown`` keeps, with its causes, reading, page and sources."""
    out = [title, "", intro, ""]
    for symptom in filter(shown, data.load("symptoms")["symptoms"]):
        out.append("## " + inline_code(symptom["signatures"][0]))
        out.append("")
        if len(symptom["signatures"]) > 1:
            out.append("Also: " + ", ".join(inline_code(s) for s in symptom["signatures"][1:]))
            out.append("")
        out += [with_marks("- " + cause) for cause in symptom["causes"]]
        out.append("")
        if symptom.get("beside"):
            out += ["Read so only where the paste also names what it needs, as this line does: {}.".format(
                inline_code(symptom["beside"])), ""]
        if symptom.get("unless_in_paste"):
            out += ["Not read so where the paste shows {}.".format(symptom["unless_shown"]), ""]
        if symptom.get("points_to"):
            out += ["Cause ids (the triage reading): " + ", ".join("`{}`".format(c) for c in symptom["points_to"]) + ".", ""]
        if symptom.get("platform"):
            out += ["When the paste shows no system{}, it is read on {} (said as assumed): {}.".format(
                " and names no CUDA or Tegra" if symptom.get("no_lean_if_cuda_named") else "",
                "a Jetson" if symptom["platform"] == "jetson" else "a PC", symptom["assume"]), ""]
        link = "[{0}](../{0})".format(symptom["docs"])
        runbook = " Runbook: `{}`.".format(symptom["runbook"]) if symptom["runbook"] else ""
        out.append("Read: {}.{} Sources: {}.".format(link, runbook, "; ".join(symptom["sources"])))
        out.append("")
    return "\n".join(out)


def parameters_page() -> str:
    """Every runbook parameter, from the runbooks' parameters cells."""
    from jetson_gpu_access.runner import RUNBOOKS, declared, load, resolve

    out = ["# Runbook parameters", "", "From each runbook's `parameters` cell; the runner refuses any other name or "
           "type.", ""]
    for name in RUNBOOKS:
        path = resolve(name)
        out += ["## {}".format(name), "", "| Parameter | Type | Default | Meaning |", "| --- | --- | --- | --- |"]
        for parameter in declared(load(path), path).values():
            out.append("| `{}` | {} | `{!r}` | {} |".format(parameter.name, parameter.type, parameter.default, parameter.help))
        out.append("")
    return "\n".join(out)


def validation_page() -> str:
    """Which runbook reaches which verdict where, from the recorded runs (notebooks/MANIFEST.json)."""
    import json

    manifest = json.loads((DOCS.parent / "notebooks" / "MANIFEST.json").read_text())
    rows = {}
    for entry in manifest["matrix"]:
        rows.setdefault(entry["where"], {"l4t": entry["l4t"], "version": entry["tool_version"]})[entry["runbook"]] = entry
    out = ["# Validation matrix", "",
           "Every runbook on every lab profile (SIMULATED) and every device a Jetson CI runner reports, with the "
           "verdict and the checks that failed, as recorded on {}.".format(manifest["generated"]), "",
           "| Where | L4T | diagnose | fix (applied) | verify | tool |", "| --- | --- | --- | --- | --- | --- |"]
    for where, row in sorted(rows.items()):
        cells = []
        for runbook in ("diagnose", "fix", "verify"):
            entry = row[runbook]
            failed = [k for k, v in entry["checks"].items() if v == "fail"]
            cells.append(entry["verdict"] + (" ({})".format(", ".join("`{}`".format(f) for f in failed[:3])) if failed else ""))
        out.append("| {} | {} | {} | {} | {} | {} |".format(where, row["l4t"] or "unknown", *cells, row["version"]))
    out += ["", "No real-device runs have been contributed yet: a Jetson runner's `result.json` files (see "
            "[the CI runner how-to](how-to/ci-runner.md)) add rows here.", "",
            "## The CUDA check on a real driver", "",
            "No Jetson has run these checks yet, but NVIDIA's driver has: version 580.159.04 (CUDA 13.0) on a PC with "
            "an H200, on 2026-12-04.",
            "",
            "- `cuda-check` passed as root and as an unprivileged user: cuInit, the device query, and the add_one kernel, "
            "whose PTX (ISA 6.0, target sm_50) the driver compiled for the card's sm_90.",
            "- `verify --user` reported EACCES for the one `/dev/nvidia*` node denied to the user, and passed with none "
            "denied.",
            "- `tests/test_real_driver.py` passed: the codes the driver gives for a missing or denied node, which the lab's "
            "emulated driver uses ([Device nodes](reference/device-nodes.md"
            "#what-the-driver-answers-when-a-node-is-missing-or-denied)).",
            ""]
    return "\n".join(out + image_check_section() + fleet_section())


def image_check_section() -> List[str]:
    """The image check's rows: real runs contributed from Jetson runners, and the examples' last run with
    a real engine over SIMULATED stand-in nodes (tests/test_image_check.py)."""
    import json

    out = ["## Image checks", "",
           "Each example image of `docs/examples` (the how-to recipes) started as the guides start it and checked "
           "inside, as user alice, in every way users arrive; see [Set up a Jetson CI runner](how-to/ci-runner.md). "
           "Rows labelled real come from Jetson runners (`docs/image-checks/*.json`, merged from the workflows' "
           "artifacts); the others ran a real engine over SIMULATED stand-in nodes.", "",
           "| Where | Board | JetPack | Toolkit | Engine | Image | View | Result |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    sources = sorted((DOCS / "image-checks").glob("*.json")) + [DOCS / "examples" / "last-result.json"]
    found = 0
    for path in sources:
        if not path.exists():
            continue
        recorded = json.loads(path.read_text(encoding="utf-8"))
        for row in recorded["rows"]:
            found += 1
            where = row["where"] if row["where"] == "real" else "{} ({})".format(row["where"], recorded.get("engine", "?"))
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} |".format(
                where, row["board"], row["jetpack"], row["toolkit"], row["engine"], row["image"], row["view"],
                row["result"].replace("|", "\\|")))
    if not found:
        out.append("| none yet | | | | | | | |")
    if not list((DOCS / "image-checks").glob("*.json")):
        out += ["", "No real image-check rows have been contributed yet: commit a runner's merged "
                "`validation-rows` artifact as `docs/image-checks/NAME.json` to add them."]
    return out + [""]


def fleet_section() -> List[str]:
    """Cohort tables of the recorded fleet reports: the lab's, then contributed ones."""
    import json

    from jetson_gpu_access.fleet import FleetReport, cohort_rows, md
    from jetson_gpu_access.serde import from_jsonable

    out = ["## Fleet runs", "",
           "Cohorts (board × JetPack × image) from `jetson-gpu-access fleet report` over results the Ansible "
           "playbook fetched; see [Check a fleet with Ansible](how-to/fleet.md).", ""]
    reports = [("SIMULATED lab fleet (recorded by `tests/test_fleet_lab.py`)", DOCS / "lab" / "fleet-report.json")]
    reports += [(path.stem, path) for path in sorted((DOCS / "fleet-reports").glob("*.json"))]
    for title, path in reports:
        report = from_jsonable(FleetReport, json.loads(path.read_text(encoding="utf-8")))
        differing = sorted({d.host for c in report.cohorts for d in c.differences})
        out += ["### " + title, "", "{} hosts, {} healthy ({:.1f}%); differ from their cohort: {}; did not finish: "
                "{}.".format(report.hosts, report.healthy, report.pass_rate, ", ".join(md(h) for h in differing) or "none",
                             ", ".join("{} ({})".format(md(h.host), md(h.status)) for h in report.unfinished) or "none"),
                ""] + cohort_rows(report) + [""]
    return out


def facts_page() -> str:
    """The fact table: every claim the site marks, where it is shown, how sure, and its sources."""
    lines = ["# Facts and confidence", "",
             "Claims these pages make that are not certain carry a mark: **sourced** (one credible source or",
             "third-party reports, not checked here), **second-hand** (a weak or second-hand source), **inferred**",
             "(reasoning from sources, not stated by them) or **simulated** (a result of the lab's model, not of a",
             "Jetson). Everything else is read directly in code, configuration or a maintainer's statement. Each row",
             "names its section in the project's fact sheet and the level the sheet gives it; a test finds every",
             "statement of these claims on every page, the runbooks and the pages built from data included, and",
             "fails where one is shown without its mark.", "",
             "| Claim | Confidence | Shown on | Why not certain | Sources | Fact sheet |", "| --- | --- | --- | --- | --- | --- |"]
    for claim_id, entry in data.load("claims")["claims"].items():
        pages = ", ".join("[{0}](../{0})".format(p) if p != "reference/facts.md" else p for p in entry["pages"])
        sources = "<br>".join("<{}>".format(url) for url in entry["sources"])
        lines.append("| <a id=\"{}\"></a>{} | {} | {} | {} | {} | § {} ({}) |".format(
            claim_id, entry["claim"], entry["confidence"], pages, entry["reason"], sources, entry["section"], entry["fact_sheet"]))
    return "\n".join(lines) + "\n"


def lab_format_page() -> str:
    from jetson_gpu_access.lab import profiles, schema

    page = schema.reference_markdown(profiles.bases(), profiles.device_sets())
    return "\n".join(with_marks(line) for line in page.split("\n"))


PAGES: Dict[str, Callable[[], str]] = {
    "reference/facts.md": facts_page, "validation.md": validation_page, "reference/cli.md": cli_page,
    "reference/exit-codes.md": exit_page, "lab/profile-format.md": lab_format_page,
    "reference/runbook-parameters.md": parameters_page,
    **{path: functools.partial(error_page, path) for path in ERROR_PAGES}}


# Tables inside hand-written pages: --write replaces each where its header row stands.
EMBEDDED = (("reference/l4t-jetpack.md", l4t_table), ("reference/l4t-jetpack.md", module_table),
            ("reference/device-nodes.md", device_table), ("reference/device-nodes.md", openrm_table),
            ("reference/exit-codes.md", exit_table),
            ("explanation/device-nodes-in-containers.md", band_table), ("explanation/device-nodes-in-containers.md", path_table),
            ("how-to/toolkit-upgrade.md", upgrade_table), ("how-to/toolkit-upgrade.md", drop_table))


def refresh_table(text: str, table: str) -> str:
    """``text`` with the table that starts at ``table``'s header row replaced by ``table``."""
    lines = text.split("\n")
    header = table.split("\n")[0]
    start = lines.index(header)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[:start] + table.split("\n") + lines[end:])


def main() -> None:
    """Print the tables; with --write, rewrite the fully generated pages and the tables embedded in others."""
    if "--write" in sys.argv:
        for name, render in PAGES.items():
            (DOCS / name).write_text(render(), encoding="utf-8")
        for name, table in EMBEDDED:
            path = DOCS / name
            path.write_text(refresh_table(path.read_text(encoding="utf-8"), table()), encoding="utf-8")
    print("\n\n".join([l4t_table(), module_table(), device_table(), openrm_table(), exit_table(), band_table(), path_table(),
                       upgrade_table(), drop_table()]))


if __name__ == "__main__":
    main()
