"""Every file a command writes where it is told (an output file or folder) is written as bundle --out is.

The tool often runs as root, in folders others can write. A symbolic link planted at an output's
name, before the run or while it runs, is refused with exit code 2 and one line, and nothing is
written through it; a folder the tool makes below the named one is never entered through a link;
a failed write (a full disk) leaves no partial file. safeio is the one writer
(test_antipatterns.py::test_only_safeio_opens_files_for_writing keeps it so).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from conftest import needs_root
from jetson_gpu_access.cli import main
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.safeio import InputError, remove_under
from test_inputs import TOOLS, assert_usage_line, run_cli
from test_lab_format import REPORT, shipped
from test_runner import fixture, only_error_line, run

KEEP = "keep me\n"


def victim_file(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.write_text(KEEP)
    return victim


# --- run --out ------------------------------------------------------------------------------------

# A cell that plants a link at NAME (relative to the runbook's output folder, its working folder).
PLANT = ("import os\nfor name in {names!r}:\n    if os.path.lexists(name):\n        os.unlink(name)\n"
         "    os.symlink({victim!r}, name)")


@pytest.mark.parametrize("name", ["result.json", "junit.xml", "summary.md", "fixture.ipynb", "../summary.md"])
def test_run_never_writes_through_a_link_planted_while_it_runs(tmp_path: Path, name: str) -> None:
    victim = victim_file(tmp_path)
    notebook = fixture(tmp_path, [PLANT.format(names=[name], victim=str(victim))])
    line = only_error_line(run(notebook, "--out", str(tmp_path / "out")))
    assert "symbolic link" in line
    assert victim.read_text() == KEEP
    assert (tmp_path / "out" / "fixture" / name).is_symlink()


def test_run_refuses_a_runbook_folder_that_is_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "fixture").symlink_to(elsewhere)
    sentinel = tmp_path / "ran"
    notebook = fixture(tmp_path, ["open(sentinel, 'w').write('ran')"],
                       params='sentinel: str = "{}"  # s\nresult_path: str = "r.json"  # r'.format(sentinel))
    line = only_error_line(run(notebook, "--out", str(out)))
    assert "symbolic link" in line and "--out" in line
    assert list(elsewhere.iterdir()) == [] and not sentinel.exists()


def test_an_earlier_result_is_removed_below_out_and_never_through_a_link(tmp_path: Path) -> None:
    """The runner removes a stale result.json before a run, reaching it as every write does."""
    out = tmp_path / "out"
    (out / "fixture").mkdir(parents=True)
    (out / "fixture" / "result.json").write_text("{}")
    remove_under(str(out), "fixture/result.json", "remedy")
    assert not (out / "fixture" / "result.json").exists()
    remove_under(str(out), "fixture/result.json", "remedy")  # nothing there: nothing to do
    remove_under(str(out), "gone/result.json", "remedy")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "result.json").write_text(KEEP)
    (out / "linked").symlink_to(elsewhere)
    (out / "fixture" / "result.json").symlink_to(elsewhere / "result.json")
    for inner in ("linked/result.json", "fixture/result.json"):
        with pytest.raises(InputError, match="symbolic link"):
            remove_under(str(out), inner, "remedy")
    assert (elsewhere / "result.json").read_text() == KEEP and (out / "fixture" / "result.json").is_symlink()


@needs_root
def test_a_runbooks_result_and_fix_plan_never_go_through_a_link(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from jetson_gpu_access import handover, runbook
    from jetson_gpu_access.pipeline import assess, plan_for
    from jetson_gpu_access.safeio import InputError

    victim = victim_file(tmp_path)
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "result.json").symlink_to(victim)
    (folder / handover.PLAN_FILE).symlink_to(victim)
    book = runbook.Runbook("t", str(folder / "result.json"))
    book.check("ran", "pass", "ran to the end")
    with pytest.raises(InputError, match="symbolic link"):
        book.finish()
    plan = plan_for(assess(scratch_root("jp61-host"), "alice", None))
    with pytest.raises(InputError, match="symbolic link"):
        handover.prepare(plan, str(folder))
    assert victim.read_text() == KEEP


# --- image-check --out ----------------------------------------------------------------------------

@pytest.mark.parametrize("plant", ["results.json", "summary.md", "one"])
def test_image_check_writes_no_report_through_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str], plant: str) -> None:
    """Checked before any image starts: a link at a report's name, or at an image's own folder, is exit 2."""
    from jetson_gpu_access import imagecheck

    started: List[str] = []

    def checked(engine: imagecheck.Engine, spec: imagecheck.ImageSpec, out_dir: str) -> imagecheck.ImageResult:
        started.append(spec.name)
        view = imagecheck.ViewResult("main", "pass", "ok", "how", 1000, (1000,), {"uid": 1000})
        return imagecheck._finish(spec, "launch", "pass", "ok", (), [view], out_dir)

    monkeypatch.setattr(imagecheck, "host_facts", lambda engine: imagecheck.Host("b", "j", "l", "t", engine.name))
    monkeypatch.setattr(imagecheck, "check_image", checked)
    listing = tmp_path / "images.json"
    listing.write_text(json.dumps({"images": [{"name": "one", "image": "x", "user": "alice", "run": "docker run IMAGE"}]}))
    victim = victim_file(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / plant).symlink_to(elsewhere if plant == "one" else victim)
    assert main(["image-check", str(listing), "--engine", "/bin/true", "--out", str(out)]) == Exit.USAGE
    err = capsys.readouterr().err
    assert "symbolic link" in err and len(err.strip().splitlines()) == 1, err
    assert victim.read_text() == KEEP and list(elsewhere.iterdir()) == [] and started == []


# --- lab new, lab profile --output ---------------------------------------------------------------

def lab_source(command: str, tmp_path: Path) -> List[str]:
    if command == "new":
        return ["lab", "new", "my-orin", "--from", "jp61-host"]
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    return ["lab", "profile", "--from-text", str(report), "--name", "my-orin"]


@pytest.mark.parametrize("command", ["new", "profile"])
def test_lab_new_and_profile_never_write_through_a_link(tmp_path: Path, command: str) -> None:
    victim = victim_file(tmp_path)
    (tmp_path / "my-orin.json").symlink_to(victim)
    result = run_cli(*lab_source(command, tmp_path), "-o", str(tmp_path / "my-orin.json"))
    assert_usage_line(result, "my-orin.json")
    assert victim.read_text() == KEEP and (tmp_path / "my-orin.json").is_symlink()


@needs_root
@pytest.mark.parametrize("command", ["new", "profile"])
def test_lab_new_and_profile_leave_nothing_behind_when_the_disk_is_full(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    script = ('mount -t tmpfs -o size=64k tmpfs "$0" || exit 99; dd if=/dev/zero of="$0/fill" bs=4k 2>/dev/null; '
              '"$@"; code=$?; rm "$0/fill"; ls -A "$0"; exit $code')
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(folder)]
    result = subprocess.run([*wrap, sys.executable, "-m", "jetson_gpu_access", *lab_source(command, tmp_path),
                             "-o", str(folder / "my-orin.json")], cwd=TOOLS, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL, check=False)
    assert result.stdout == "", "left in the folder: " + result.stdout
    assert_usage_line(result, "my-orin.json", "No space left on device")


# --- the lab's own trees --------------------------------------------------------------------------

@needs_root
def test_a_link_in_a_lab_tree_leads_no_write_out_of_it(tmp_path: Path) -> None:
    """A link among the files copied into a device (its /etc is this machine's) is never written through:
    one in a folder's place is refused, one in a file's place (os-release -> ../usr/lib/os-release) replaced."""
    from jetson_gpu_access.lab import profiles, scratch
    from jetson_gpu_access.safeio import InputError

    document = shipped()
    document["container"]["cdi_spec"] = "cdiVersion: 0.5.0\n"
    profile = profiles.from_document(document, document["name"], "test")
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = victim_file(tmp_path)
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "os-release").symlink_to(victim)
    (root / "etc" / "cdi").symlink_to(outside)
    with pytest.raises(InputError, match="symbolic link"):
        scratch.materialise(profile, str(root))
    assert list(outside.iterdir()) == [] and victim.read_text() == KEEP
    assert not (root / "etc" / "os-release").is_symlink()
    (root / "etc" / "cdi").unlink()
    scratch.materialise(profile, str(root))
    files: Dict[str, str] = {p.name: p.read_text() for p in (root / "etc" / "cdi").iterdir()}
    assert files == {"nvidia.yaml": "cdiVersion: 0.5.0\n"}
    assert os.stat(root / "etc" / "cdi").st_mode & 0o777 == 0o755
