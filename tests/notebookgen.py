"""Refresh notebooks/: the executed runbooks the site shows, each with its provenance.

`make notebooks` (root, lab tools) runs diagnose, fix and verify inside the lab's
jp61-container-ubuntu-ssh device and migrate on docs/examples/Dockerfile.jp5, and records a hash
of everything that produced them in notebooks/MANIFEST.json; test_notebooks.py fails when that
hash no longer matches the sources (the published runs are stale).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
PROFILE = "jp61-container-ubuntu-ssh"
INPUTS = ["runbooks/*.ipynb", "tools/jetson_gpu_access/**/*.py", "tools/jetson_gpu_access/**/*.json",
          "tools/jetson_gpu_access/**/*.c", "tools/jetson_gpu_access/*.sh", "docs/examples/Dockerfile.jp5"]


def inputs_sha256() -> str:
    digest = hashlib.sha256()
    files: List[Path] = sorted({p for pattern in INPUTS for p in REPO.glob(pattern) if "__pycache__" not in p.parts})
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "jetson_gpu_access", "run", *args], cwd=REPO / "tools", check=False)


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="jga-notebooks-"))
    try:
        run("diagnose", "fix", "verify", "--lab", PROFILE, "-p", "apply", "true", "--out", str(out / "lab"))
        run("migrate", "-p", "dockerfile", str(REPO / "docs/examples/Dockerfile.jp5"), "-p", "ssh", "true",
            "--out", str(out / "example"))
        if NOTEBOOKS.exists():
            for old in NOTEBOOKS.glob("*.ipynb"):
                old.unlink()
        runs = []
        for folder, runbook in (("lab", "diagnose"), ("lab", "fix"), ("lab", "verify"), ("example", "migrate")):
            result = json.loads((out / folder / runbook / "result.json").read_text())
            target = NOTEBOOKS / "{}.ipynb".format(runbook)
            shutil.copyfile(out / folder / runbook / "{}.ipynb".format(runbook), target)
            runs.append({"notebook": target.name, "runbook": runbook, "verdict": result["verdict"],
                         "provenance": result["provenance"]})
        manifest = {"inputs_sha256": inputs_sha256(), "runs": runs}
        (NOTEBOOKS / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
        print("notebooks/ refreshed: " + ", ".join("{} ({})".format(r["notebook"], r["verdict"]) for r in runs))
    finally:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
