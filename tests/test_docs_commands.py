"""Every shell command the how-to pages, the tutorial and the lab page show: run where it can run
here (in a lab device where it needs one), and at least parsed by bash where it cannot.

Commands run in page order, so the tutorial is executed as a reader would follow it.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGES = sorted((REPO / "docs" / "how-to").glob("*.md")) + [REPO / "docs" / "tutorial" / "index.md",
                                                            REPO / "docs" / "lab" / "index.md"]
DEVICE = "jp61-container-ubuntu-ssh"
# Lines that name things that exist only on the reader's side: placeholders, other machines, Docker,
# a container engine with the team's images (tests/test_image_check.py runs the image check with Podman).
PARSE_ONLY = re.compile(r"<[a-z ]+>|/path/to/|\b1234\b|\bdocker\b|ssh alice@|\bgit clone\b|^make |^\. |^sudo |"
                        r"^\.venv/|^cd tools|^papermill runbooks/|\./Dockerfile|jupyter| image-check ")
FENCE = re.compile(r"^(?P<indent>[ ]*)```bash\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)


def commands(page: Path) -> List[str]:
    out: List[str] = []
    for block in FENCE.finditer(page.read_text(encoding="utf-8")):
        text = "\n".join(line[len(block.group("indent")):] for line in block.group("body").splitlines())
        for line in text.replace("\\\n", " ").splitlines():
            line = line.split("  #", 1)[0].strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def test_every_page_shows_commands() -> None:
    assert all(commands(page) for page in PAGES if page.name not in ("entrypoint.md", "ci-runner.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO / "docs")))
def test_commands_parse(page: Path) -> None:
    for line in commands(page):
        shlex.split(line)
        result = subprocess.run(["bash", "-n", "-c", line], capture_output=True, text=True, timeout=30, check=False)
        assert result.returncode == 0, (line, result.stderr)


def where_to_run(line: str) -> Tuple[str, List[str]]:
    """('skip'|'host'|'device'|'shell', argv) for a documented command line."""
    if PARSE_ONLY.search(line):
        return "skip", []
    words = shlex.split(line)
    if words[0] == "papermill":
        return "host", [str(Path(sys.executable).parent / "papermill"), *words[1:]]
    if words[0] != "jetson-gpu-access":
        return "skip", []
    if any(w in (">", "|", "&&") for w in words) or ">" in line:
        return "shell", []
    if words[1] in ("lab", "run", "entrypoint", "fleet"):
        return "host", [sys.executable, "-m", "jetson_gpu_access", *words[1:]]
    return "device", [sys.executable, "-m", "jetson_gpu_access", "lab", "exec", DEVICE, "--", *words]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO / "docs")))
def test_commands_run(lab, page: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lab.discard(DEVICE)
    ran = 0
    try:
        for line in commands(page):
            kind, argv = where_to_run(line)
            if kind == "skip":
                continue
            if kind == "device":
                lab.device(DEVICE)
            if kind == "shell":
                argv = ["bash", "-c", line.replace("jetson-gpu-access", "{} -m jetson_gpu_access".format(sys.executable))]
            if " lab up " in " {} ".format(" ".join(argv[2:])):
                lab.discard(DEVICE)  # the page brings the device up itself, as a reader starts afresh
                lab.up[DEVICE] = None
            result = subprocess.run(argv, cwd=str(tmp_path) if kind == "shell" else str(REPO), capture_output=True,
                                    text=True, timeout=600, check=False, stdin=subprocess.DEVNULL)
            assert result.returncode in (0, 1), (line, result.returncode, result.stdout[-1500:], result.stderr[-1500:])
            assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (line, result.stderr)
            ran += 1
    finally:
        lab.discard(DEVICE)
    if any(where_to_run(line)[0] != "skip" for line in commands(page)):
        assert ran > 0


def test_the_tutorial_tells_the_truth(lab) -> None:  # type: ignore[no-untyped-def]
    """The outcomes the tutorial promises, step by step."""
    lab.discard(DEVICE)
    try:
        lab.cli("lab", "up", DEVICE, check_rc=0)
        lab.up[DEVICE] = None
        assert "801" in lab.cli("lab", "ssh", DEVICE, "alice", "--", "jetson-gpu-access", "cuda-check", check_rc=1).stdout
        lab.cli("lab", "ssh", DEVICE, "root", "--", "jetson-gpu-access", "cuda-check", check_rc=0)
        diagnosis = lab.cli("lab", "ssh", DEVICE, "alice", "--", "jetson-gpu-access", "diagnose", check_rc=1).stdout
        assert all(code in diagnosis for code in ("ACC-003", "GRP-002", "GRP-001"))
        plan = lab.cli("lab", "exec", DEVICE, "--", "jetson-gpu-access", "plan", "--user", "alice", check_rc=1).stdout
        assert "groupadd -g 993 render" in plan and "+render:x:993:alice" in plan
        lab.cli("lab", "exec", DEVICE, "--", "jetson-gpu-access", "apply", "--user", "alice", "--apply", check_rc=0)
        lab.cli("lab", "ssh", DEVICE, "alice", "--", "jetson-gpu-access", "verify", check_rc=0)
        lab.cli("lab", "ssh", DEVICE, "alice", "--", "jetson-gpu-access", "cuda-check", check_rc=0)
    finally:
        lab.discard(DEVICE)
