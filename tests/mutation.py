"""Mutation testing of the rule modules with mutmut: ``make mutation`` (docs/development/mutation.md).

mutmut names each mutant after its file's path from where it runs, and the trampoline it puts in
each function only switches a mutant on when that name equals the imported module's name. Run
from the repository root, ``tools/jetson_gpu_access/access.py`` would be ``tools.jetson_gpu_access.
access`` while the tests import ``jetson_gpu_access.access``, so every mutant would "survive".
Hence one stage per module, ``build/mutation/<module>/``, holding a copy of the package at its top,
a copy of tests/, and a pyproject.toml with the ``[tool.mutmut]`` section written below: only that
module is mutated, and only its fast test files run (mutmut then runs, per mutant, the tests that
reach the mutated function, fastest first, and stops at the first failure).

``python tests/mutation.py [module ...]`` runs the named modules (all by default), prints the
score of each and the surviving mutants, writes build/mutation/scores.json, and exits 1 when a
module is below its floor. Equivalent mutants are not counted: their lines carry
``# pragma: no mutate`` and the reason is written in docs/development/mutation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tools" / "jetson_gpu_access"
STAGES = REPO / "build" / "mutation"
# Random or kernel-backed tests: slow per mutant, and a kill that depends on the draw is not a test
# of the rule. Every rule has fixed cases instead; these stay in the ordinary test run.
RANDOM_TESTS = (
    "tests/test_access.py::test_decision_matches_the_kernel",
    "tests/test_parsers.py::test_group_parser_matches_glibc",
    "tests/test_rules_accounts.py::test_passwd_parser_matches_glibc",
)


@dataclass(frozen=True)
class Target:
    """One mutated module, the fast test files that judge it, and the score it must keep."""

    module: str
    tests: Tuple[str, ...]
    floor: float


TARGETS: Dict[str, Target] = {t.module: t for t in (
    Target("access", ("tests/test_access.py",), 90.0),
    Target("diagnose", ("tests/test_rules_diagnose.py", "tests/test_findings.py", "tests/test_scenarios.py"), 90.0),
    Target("probe/accounts", ("tests/test_rules_accounts.py", "tests/test_parsers.py"), 90.0),
    Target("plan", ("tests/test_rules_plan.py",), 90.0),
)}


def stage(target: Target) -> Path:
    """A fresh folder where mutmut sees ``jetson_gpu_access`` at the top, as the tests import it."""
    where = STAGES / target.module.replace("/", "-")
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc")
    shutil.copytree(PACKAGE, where / "jetson_gpu_access", ignore=ignore)
    shutil.copytree(REPO / "tests", where / "tests", ignore=ignore)
    selection = list(target.tests)
    for test in RANDOM_TESTS:
        if test.split("::")[0] in target.tests:
            selection += ["--deselect", test]
    config = [
        "[tool.pytest.ini_options]",
        'markers = ["root: needs root (mknod, mount namespaces); skipped with the reason otherwise"]',
        "",
        "[tool.mutmut]",
        'source_paths = ["jetson_gpu_access"]',
        "only_mutate = [{}]".format(json.dumps("jetson_gpu_access/{}.py".format(target.module))),
        "pytest_add_cli_args_test_selection = {}".format(json.dumps(selection)),
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "--hypothesis-seed=0"]',
        "use_git_change_detection = false",
        "",
    ]
    (where / "pyproject.toml").write_text("\n".join(config), encoding="utf-8")
    return where


def mutmut(where: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    """Run mutmut in ``where`` with the package importable only from its mutated copy."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    executable = Path(sys.executable).parent / "mutmut"
    return subprocess.run([str(executable), *args], cwd=where, env=env, text=True, check=False,
                          stdout=subprocess.PIPE if capture else None, stderr=subprocess.STDOUT if capture else None)


@dataclass(frozen=True)
class Score:
    module: str
    killed: int
    counted: int
    survivors: Tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.killed / self.counted if self.counted else 100.0


def run(target: Target, children: int) -> Score:
    where = stage(target)
    print("mutating {}.py (log: {})".format(target.module, (where / "run.log").relative_to(REPO)), flush=True)
    progress = mutmut(where, "run", "--max-children", str(children), capture=True)
    (where / "run.log").write_text(progress.stdout, encoding="utf-8")
    if progress.returncode != 0:  # e.g. a selected test fails without any mutant: no score means anything
        tail = "\n".join(progress.stdout.replace("\r", "\n").splitlines()[-15:])
        raise SystemExit("{}\nmutmut failed for {}.py (exit {}): see {}".format(
            tail, target.module, progress.returncode, (where / "run.log").relative_to(REPO)))
    mutmut(where, "export-cicd-stats", capture=True)
    stats = json.loads((where / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    listing = mutmut(where, "results", capture=True).stdout
    survivors = tuple(line.strip().rsplit(":", 1)[0] for line in listing.splitlines() if ": " in line)
    # mutmut's own score: killed and timed-out over everything but skipped; "no tests" and
    # "suspicious" count against the module, as survivors do.
    killed = stats["killed"] + stats["timeout"]
    return Score(target.module, killed, stats["total"] - stats["skipped"], survivors)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help="modules to mutate, from: {} (default: all)".format(", ".join(TARGETS)))
    parser.add_argument("--max-children", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                        help="mutants tested at once (default: half the CPUs)")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in TARGETS]
    if unknown:
        parser.error("unknown module {}: choose from {}".format(", ".join(unknown), ", ".join(TARGETS)))
    if not (Path(sys.executable).parent / "mutmut").exists():
        print("skipped: mutmut is not installed for {} (the `mutation` extra needs Python 3.10+)".format(sys.executable))
        return 0
    scores: List[Score] = []
    for name in args.modules or list(TARGETS):
        scores.append(run(TARGETS[name], args.max_children))
    STAGES.mkdir(parents=True, exist_ok=True)
    results = STAGES / "scores.json"
    previous = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    previous.update({s.module: {"killed": s.killed, "counted": s.counted, "percent": round(s.percent, 1),
                                "survivors": list(s.survivors)} for s in scores})
    results.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    failed = False
    print("\n| Module | Killed | Counted | Score | Floor |\n| --- | --- | --- | --- | --- |")
    for score in scores:
        floor = TARGETS[score.module].floor
        failed |= score.percent < floor
        print("| `{}.py` | {} | {} | {:.1f} % | {:.0f} % |".format(score.module, score.killed, score.counted, score.percent, floor))
    for score in scores:
        for name in score.survivors:
            print("survived: {}".format(name))
    print("scores: {}".format(results.relative_to(REPO)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
