"""The image check with a real engine (Podman, rootful, runc): the examples of docs/examples built on a
base made from this machine's files, stand-in nodes with a lab profile's owners and modes, every view
(main process, podman exec -u, su -, a real SSH login), and the engine compared with the lab's model.

Unit tests of the image list (run lines, compose, errors) need nothing and run everywhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from jetson_gpu_access import imagecheck
from jetson_gpu_access.cli import main
from jetson_gpu_access.lab import profiles, scratch

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"
SCRIPT = REPO / "tools" / "image_check_ci.py"
PROFILE = "jp61-container-group-add"   # video 44, render 993: the host GIDs the stand-in nodes carry
# The flags this machine kind needs (lab-recipes.md, "A real container engine").
ENGINE = ["--engine", "podman", "--engine-option=--runtime=runc", "--engine-option=--cgroup-manager=cgroupfs",
          "--run-option=--ulimit=nofile=1024:1024", "--run-option=--ulimit=nproc=1024:1024"]
LAST_RESULT = EXAMPLES / "last-result.json"

needs_podman = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("podman") is None or shutil.which("runc") is None or shutil.which("ssh") is None,
    reason="needs root, podman, runc and ssh (make system-deps installs them)")


# --- the image list, no engine needed ------------------------------------------------------------

def test_run_line_keeps_the_teams_options_and_drops_the_checks_own() -> None:
    options, image, command = imagecheck.split_run_line(
        "sudo docker run --rm -it --name x -p 8888:8888 --group-add 993 --device=/dev/nvmap -u alice -v /d:/d img:1 sleep 9")
    assert options == ("--group-add", "993", "--device=/dev/nvmap", "-u", "alice", "-v", "/d:/d")
    assert (image, command) == ("img:1", ("sleep", "9"))
    assert imagecheck.split_run_line("sudo -E /usr/bin/podman container run --privileged x")[:2] == (("--privileged",), "x")


def test_device_root_maps_stand_in_nodes_to_the_launchs_paths() -> None:
    mapped = imagecheck.from_device_root(("--device", "/dev/nvmap", "--device=/dev/dri/renderD128:/dev/dri/renderD128:rw",
                                          "--group-add", "44"), "/lab")
    assert mapped == ("--device", "/lab/dev/nvmap:/dev/nvmap", "--device", "/lab/dev/dri/renderD128:/dev/dri/renderD128:rw",
                      "--group-add", "44")


def test_compose_service_becomes_run_options(tmp_path: Path) -> None:
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  app:\n    image: x\n    user: alice\n    group_add: ['993']\n    devices: [/dev/nvmap]\n"
                       "    environment: {A: b}\n    command: [sleep, '1']\n    ports: ['80:80']\n")
    options, image, command = imagecheck.compose_options(str(compose), "app")
    assert set(zip(options[::2], options[1::2])) >= {("--group-add", "993"), ("--device", "/dev/nvmap"), ("--user", "alice"),
                                                     ("--env", "A=b")}
    assert (image, command) == ("x", ("sleep", "1"))


@pytest.mark.parametrize(("entry", "message"), [
    ({"image": "x", "user": "alice"}, "exactly one of run, compose, docker_args"),
    ({"image": "x", "user": "alice", "run": "docker build ."}, "is not a 'docker run'"),
    ({"image": "x", "user": "-x", "run": "docker run IMAGE"}, "user:"),
    ({"image": "x", "user": "alice", "run": "docker run IMAGE", "views": ["login"]}, "unknown view login"),
    ({"image": "x", "user": "alice", "run": "docker run IMAGE", "veiws": ["ssh"]}, "unknown key veiws"),
    ({"user": "alice", "run": "docker run IMAGE"}, "say which image"),
    ({"name": "..", "image": "x", "user": "alice", "run": "docker run IMAGE"}, "name '..'"),  # its folder under --out
])
def test_bad_image_lists_are_usage_errors(tmp_path: Path, entry: Dict[str, Any], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "images.json"
    path.write_text(json.dumps({"images": [entry]}))
    assert main(["image-check", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "message"), [(None, "cannot read image list"), ("[1, 2]", "non-empty 'images' list"),
                                              ("images: [", "neither JSON nor readable YAML"), ("images: []", "non-empty")])
def test_unreadable_lists_are_usage_errors(tmp_path: Path, text: Any, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "images.yaml"
    if text is not None:
        path.write_text(text)
    assert main(["image-check", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_engine_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "images.json"
    path.write_text(json.dumps({"images": [{"image": "x", "user": "alice", "run": "docker run IMAGE"}]}))
    assert main(["image-check", str(path), "--engine", "/nonexistent/docker", "--out", str(tmp_path / "o")]) == 6
    assert "container engine" in capsys.readouterr().err


@pytest.mark.parametrize(("out", "uid", "status", "detail"), [
    ("not json", 1000, "fail", "the check did not run (exit 127): sh: jetson-gpu-access: not found"),
    ("[1, 2]", 1000, "fail", "the check did not run (exit 1): sh: jetson-gpu-access: not found"),
    (json.dumps({"uid": 0, "verdict": "pass", "views": []}), 1000, "skip", "the check ran as uid 0, not the user's 1000"),
    (json.dumps({"uid": 1000, "verdict": "pass", "views": [{"status": "pass", "groups": [1000], "nodes": []}]}), 1000,
     "fail", "no GPU node was checked"),
    (json.dumps({"uid": 1000, "verdict": "fail", "views": [{"status": "fail", "groups": [44], "nodes": [
        {"path": "/dev/dri/renderD128", "ok": False, "errno_name": "EACCES"}]}]}), 1000, "fail",
     "cannot open /dev/dri/renderD128 (EACCES)"),
])
def test_a_views_result_is_read_from_the_checks_own_json(out: str, uid: int, status: str, detail: str) -> None:
    result = imagecheck._view_from_output("exec", "how", 127 if out == "not json" else 1, out,
                                          "sh: jetson-gpu-access: not found", uid)
    assert (result.status, result.detail[:len(detail)]) == (status, detail)


# --- a real engine --------------------------------------------------------------------------------

def _podman(*words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs", *words], capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def engine_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    """Build the base and the examples, run the CI script over docs/examples/images.yaml (with its
    expectations), keep the images for the single-image jobs below; remove everything by id after."""
    import hostimage

    work = tmp_path_factory.mktemp("image-check")
    tar = hostimage.base_tar()
    base_tag = "localhost/jga-test-base:" + tar.stem.split("-", 1)[1]
    imported = _podman("import", "--quiet", str(tar), base_tag)
    assert imported.returncode == 0, imported.stderr
    base_id = imported.stdout.strip().splitlines()[-1]
    device_root = work / "device"
    scratch.materialise(profiles.load(PROFILE), str(device_root), simulate_process=False)
    out = work / "examples"
    built: List[str] = []
    try:
        done = subprocess.run([sys.executable, str(SCRIPT), *ENGINE, "--base", base_tag, "--device-root", str(device_root),
                               "--out", str(out), "--expect", "--keep-images"], capture_output=True, text=True,
                              timeout=600, check=False)
        if (out / "built.json").exists():
            built = json.loads((out / "built.json").read_text())["images"]
        yield {"done": done, "out": out, "device_root": device_root, "work": work}
    finally:
        leftovers = _podman("ps", "--all", "--quiet", "--no-trunc", "--filter", "name=" + imagecheck.NAME_PREFIX).stdout.split()
        for container_id in leftovers:
            _podman("rm", "--force", "--time", "0", container_id)
        examples = _podman("images", "--quiet", "--no-trunc", "--filter", "reference=localhost/jga-example-*").stdout.split()
        for image_id in dict.fromkeys([*built, *examples, base_id]):  # examples: those of a build that broke off
            _podman("rmi", "--force", image_id)
        assert not leftovers, "the image check left containers behind: {}".format(leftovers)


def _results(out: Path) -> Dict[str, Dict[str, Any]]:
    return {i["name"]: i for i in json.loads((out / "results.json").read_text())["images"]}


@needs_podman
def test_examples_do_what_the_guides_promise_in_every_view(engine_run: Dict[str, Any]) -> None:
    done, out = engine_run["done"], engine_run["out"]
    assert done.returncode == 0, done.stdout + done.stderr
    results = _results(out)
    views = {name: {v["view"]: v["status"] for v in image["views"]} for name, image in results.items()}
    assert views["unfixed"] == {"main": "skip", "exec": "fail", "su": "fail", "ssh": "fail"}
    assert views["render-gid-build-arg"] == {"main": "skip", "exec": "pass", "su": "pass", "ssh": "pass"}
    assert views["group-add"] == {"main": "pass", "exec": "fail", "su": "fail"}  # Podman's exec -u: no --group-add GIDs
    assert views["ssh"]["ssh"] == "pass" and views["entrypoint"]["main"] == "pass"
    for name in ("unfixed", "render-gid-build-arg", "ssh"):  # each view's result JSON came from inside
        assert json.loads((out / name / "ssh.json").read_text())["user"] == "alice"
    junit = (out / "junit.xml").read_text()
    assert 'message="view exec fails: cannot open /dev/dri/renderD128 (EACCES)"' in junit
    rows = json.loads((out / "rows.json").read_text())
    assert {r["where"] for r in rows} == {"SIMULATED nodes"} and {"image", "view", "jetpack", "toolkit", "board"} <= set(rows[0])
    LAST_RESULT.write_text(json.dumps({"recorded_by": "tests/test_image_check.py", "engine": _podman("--version").stdout.strip(),
                                       "nodes": "SIMULATED: stand-ins (1,3) with lab profile {}'s owners and modes".format(PROFILE),
                                       "rows": rows}, indent=2) + "\n")


@needs_podman
@pytest.mark.parametrize(("image", "code", "named"), [("unfixed", 1, "fails in view exec, su, ssh"),
                                                      ("group-add", 1, "fails in view exec, su"),
                                                      ("render-gid-build-arg", 0, "passes in view exec, su, ssh")])
def test_a_job_fails_naming_the_view_or_passes(engine_run: Dict[str, Any], image: str, code: int, named: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = engine_run["work"] / ("job-" + image)
    args = ["image-check", str(EXAMPLES / "images.yaml"), "--only", image, "--device-root", str(engine_run["device_root"]),
            "--out", str(out), *ENGINE]
    assert main(args) == code, capsys.readouterr()
    result = _results(out)[image]
    assert result["detail"].startswith(named)
    failure = [v["view"] for v in result["views"] if v["status"] == "fail"]
    junit = (out / "junit.xml").read_text()
    assert all('name="{} [{}]"'.format(image, view) in junit for view in failure)
    assert junit.count("<failure") == len(failure)


@needs_podman
def test_the_real_engine_agrees_with_the_lab_model(engine_run: Dict[str, Any]) -> None:
    """Same launch, two worlds: node modes, owners and GIDs, and each view's groups, from Podman and from
    the lab profile (its model of the main process, exec -u and a login)."""
    results = _results(engine_run["out"])
    base = profiles.load(PROFILE)
    for name in ("group-add", "unfixed"):
        image = results[name]
        spec = next(s for s in imagecheck.image_specs(imagecheck.read_list(str(EXAMPLES / "images.yaml")), str(EXAMPLES),
                                                      str(engine_run["device_root"])) if s.name == name)
        group_add = [int(v) for k, v in zip(spec.options, spec.options[1:]) if k == "--group-add"]
        document = json.loads(json.dumps(base.raw))
        document["container"] = {"engine": "podman", "dev": "created", "group_add": group_add,
                                 "user": "alice" if "--user" in spec.options else None}
        model = profiles.from_document(document, "compare", "compare")
        modelled = {n.path: (n.mode, n.uid, n.gid) for n in model.nodes()}
        seen = {n["path"]: (n["mode"], n["uid"], n["gid"]) for n in image["nodes"]}
        assert {"/dev/nvmap", "/dev/dri/renderD128"} <= set(seen) and seen == {p: modelled[p] for p in seen}, name
        for view in image["views"]:
            if view["status"] != "skip":
                assert sorted(view["groups"]) == sorted(model.credentials("alice", view["view"]).groups), (name, view["view"])


def test_workflows_run_the_script_this_test_runs_over_the_examples() -> None:
    import yaml

    names = [e["name"] for e in yaml.safe_load((EXAMPLES / "images.yaml").read_text())["images"]]
    github = yaml.safe_load((REPO / ".github" / "workflows" / "image-check.yml").read_text())["jobs"]
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    assert github["image"]["strategy"]["matrix"]["image"] == names
    assert gitlab["image-check"]["parallel"]["matrix"][0]["IMAGE"] == names
    shell = [s["run"] for job in github.values() for s in job["steps"] if "run" in s]
    shell += gitlab["image-check"]["script"] + gitlab["image-check:rows"]["script"]
    assert all(line.startswith("python3 tools/image_check_ci.py ") for line in shell), shell


@needs_podman
def test_an_image_that_does_not_start_fails_the_job_and_leaves_nothing(tmp_path: Path) -> None:
    listing = tmp_path / "images.json"
    listing.write_text(json.dumps({"images": [{"name": "gone", "image": "localhost/jga-no-such-image:1", "user": "alice",
                                               "run": "podman run --pull never IMAGE"}]}))
    assert main(["image-check", str(listing), "--out", str(tmp_path / "out"), *ENGINE]) == 1
    result = _results(tmp_path / "out")["gone"]
    assert result["status"] == "error" and result["detail"].startswith("the image did not start")
    assert "<failure" in (tmp_path / "out" / "junit.xml").read_text()
    assert not _podman("ps", "--all", "--quiet", "--filter", "name=" + imagecheck.NAME_PREFIX).stdout.split()


@needs_podman
def test_rows_of_many_jobs_merge_for_the_site(engine_run: Dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "rows.json"
    done = subprocess.run([sys.executable, str(SCRIPT), "--collect", str(engine_run["work"]), "--out", str(target)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    rows = json.loads(target.read_text())["rows"]
    assert {("unfixed", "ssh"), ("group-add", "exec")} <= {(r["image"], r["view"]) for r in rows}


def test_the_merged_rows_are_written_as_the_tool_writes_every_file(tmp_path: Path) -> None:
    """CI may run as root: a link planted at the target is refused in one line, and nothing is written through it."""
    jobs = tmp_path / "jobs" / "one"
    jobs.mkdir(parents=True)
    (jobs / "rows.json").write_text(json.dumps([{"image": "unfixed", "view": "ssh", "result": "fail"}]))
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    target = tmp_path / "rows.json"
    target.symlink_to(victim)
    done = subprocess.run([sys.executable, str(SCRIPT), "--collect", str(tmp_path / "jobs"), "--out", str(target)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "link" in done.stderr, done.stderr
    assert victim.read_text() == "keep me\n"
    target.unlink()
    done = subprocess.run([sys.executable, str(SCRIPT), "--collect", str(tmp_path / "jobs"), "--out", str(target)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and json.loads(target.read_text())["rows"][0]["image"] == "unfixed", done.stderr


@pytest.mark.parametrize(("engine", "exec_has_it"), [("docker", True), ("podman", False)])
def test_lab_model_gives_exec_the_group_add_gids_only_with_docker(engine: str, exec_has_it: bool) -> None:
    """What the real-engine comparison found (fact sheet A.2): Podman's exec -u lacks --group-add GIDs."""
    document = json.loads(json.dumps(profiles.load(PROFILE).raw))
    document["container"]["engine"] = engine
    model = profiles.from_document(document, "x", "x")
    assert 993 in model.credentials("alice", "main").groups
    assert (993 in model.credentials("alice", "exec").groups) is exec_has_it
    assert 993 not in model.credentials("alice", "ssh").groups


def _install_key(home: Path, key: str) -> subprocess.CompletedProcess[str]:
    """Run the in-container key installer here, against ``home``, as the engine would (root, the user's name): a
    stand-in account database names ``home`` as the user's."""
    account = "import sys, types\nsys.modules['pwd'] = types.SimpleNamespace(getpwnam=lambda name: types.SimpleNamespace(" \
              "pw_dir={!r}, pw_uid={}, pw_gid={}))\n".format(str(home), os.getuid(), os.getgid())
    return subprocess.run([sys.executable, "-c", account + imagecheck.INSTALL_KEY, "alice"], input=key, text=True,
                          capture_output=True, timeout=60, check=False)


def test_the_key_installer_adds_the_key_and_follows_no_link_the_image_planted(tmp_path: Path) -> None:
    """It runs as root in the team's image, whose home may hold links (to /etc/shadow, or to a mounted host file)."""
    home = tmp_path / "home"
    home.mkdir()
    assert _install_key(home, "ssh-ed25519 AAAA first\n").returncode == 0
    assert (home / ".ssh" / "authorized_keys").read_text() == "ssh-ed25519 AAAA first\n"
    assert (home / ".ssh" / "authorized_keys").stat().st_mode & 0o777 == 0o600
    victim = tmp_path / "shadow"
    victim.write_text("root:*:19000::::::\n")
    victim.chmod(0o640)
    linked = tmp_path / "linked-file"
    (linked / ".ssh").mkdir(parents=True)
    (linked / ".ssh" / "authorized_keys").symlink_to(victim)
    refused = _install_key(linked, "ssh-ed25519 AAAA planted\n")
    assert refused.returncode != 0 and "Too many levels of symbolic links" in refused.stderr
    assert victim.read_text() == "root:*:19000::::::\n" and victim.stat().st_mode & 0o777 == 0o640
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "linked-folder").mkdir()
    (tmp_path / "linked-folder" / ".ssh").symlink_to(elsewhere)
    refused = _install_key(tmp_path / "linked-folder", "ssh-ed25519 AAAA planted\n")
    assert refused.returncode != 0 and "Not a directory" in refused.stderr  # O_DIRECTORY|O_NOFOLLOW on a link
    assert list(elsewhere.iterdir()) == []
