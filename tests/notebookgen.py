"""Refresh notebooks/: the executed runbooks the site shows, each with its provenance.

`make notebooks` (root, lab tools) runs diagnose, fix and verify inside the lab's
jp61-container-ubuntu-ssh device, and migrate on docs/examples/Dockerfile.jp5 with the
toolkit-upgrade preview inside the tk116-created band profile (stock JetPack 6), for the pages
under Runbooks; then the three over every profile (the validation matrix). It records a hash of
everything that produced them in notebooks/MANIFEST.json; test_notebooks.py fails when that hash
no longer matches the sources (the published runs are stale).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

import nbformat

from jetson_gpu_access.lab import profiles

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
PROFILE = "jp61-container-ubuntu-ssh"
UPGRADE_PROFILE = "tk116-created"  # the toolkit a stock JetPack 6 ships: 0666 nodes that an upgrade takes away
INPUTS = ["tools/jetson_gpu_access/runbooks/*.ipynb", "tools/jetson_gpu_access/**/*.py", "tools/jetson_gpu_access/**/*.json",
          "tools/jetson_gpu_access/**/*.c", "tools/jetson_gpu_access/*.sh", "docs/examples/Dockerfile.jp5"]


def inputs_sha256() -> str:
    digest = hashlib.sha256()
    files: List[Path] = sorted({p for pattern in INPUTS for p in REPO.glob(pattern) if "__pycache__" not in p.parts})
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "jetson_gpu_access", "run", *args], cwd=REPO / "tools", check=False)


def publish(source: Path, target: Path, scratch: Path) -> None:
    """Copy an executed runbook for the site: papermill's error banner out, the gate's deliberate
    exception shown as the verdict it reports (the site shows no error outputs), and this run's
    temporary folder shown as the folder a reader's own run writes (``make run``: build/runbooks)."""
    text = source.read_text(encoding="utf-8").replace(str(scratch / "lab"), "build/runbooks").replace(
        str(scratch / "example"), "build/runbooks")
    notebook = nbformat.reads(text, as_version=4)
    notebook.cells = [c for c in notebook.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    for cell in notebook.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            if output.get("output_type") == "error":
                text = "{}: {}\n(the last cell fails the run when the verdict is a failure, as designed)\n".format(
                    output["ename"], output["evalue"])
                cell["outputs"][index] = nbformat.v4.new_output("stream", name="stderr", text=text)
    nbformat.write(notebook, str(target))


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="jga-notebooks-"))
    try:
        run("diagnose", "fix", "verify", "--lab", PROFILE, "-p", "apply", "true", "--out", str(out / "lab"))
        render = profiles.load(UPGRADE_PROFILE).raw["devices"]["gids"]["render"]
        run("migrate", "--lab", UPGRADE_PROFILE, "-p", "dockerfile", str(REPO / "docs/examples/Dockerfile.jp5"),
            "-p", "ssh", "true", "-p", "toolkit", "all", "-p", "host_gids", "render={}".format(render),
            "--out", str(out / "example"))
        matrix = []
        for name in profiles.names():
            run("diagnose", "fix", "verify", "--lab", name, "-p", "apply", "true", "--out", str(out / "all" / name))
            for runbook in ("diagnose", "fix", "verify"):
                result = json.loads((out / "all" / name / runbook / "result.json").read_text())
                matrix.append({"where": "SIMULATED lab profile " + name, "runbook": runbook, "verdict": result["verdict"],
                               "l4t": result["provenance"]["l4t"], "tool_version": result["provenance"]["tool_version"],
                               "checks": {c["id"]: c["status"] for c in result["checks"]}})
        if NOTEBOOKS.exists():
            for old in NOTEBOOKS.glob("*.ipynb"):
                old.unlink()
        runs = []
        for folder, runbook in (("lab", "diagnose"), ("lab", "fix"), ("lab", "verify"), ("example", "migrate")):
            result = json.loads((out / folder / runbook / "result.json").read_text())
            target = NOTEBOOKS / "{}.ipynb".format(runbook)
            publish(out / folder / runbook / "{}.ipynb".format(runbook), target, out)
            runs.append({"notebook": target.name, "runbook": runbook, "verdict": result["verdict"],
                         "provenance": result["provenance"]})
        manifest = {"inputs_sha256": inputs_sha256(), "generated": time.strftime("%Y-%m-%d"), "runs": runs,
                    "matrix": matrix}
        (NOTEBOOKS / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
        print("notebooks/ refreshed: " + ", ".join("{} ({})".format(r["notebook"], r["verdict"]) for r in runs))
    finally:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
