"""Every input goes through one safe reader: hostile files end in exit 2 and one line, never a hang,
an internal error, a silent truncation, a followed link or a leak.

Each test here failed on the code before tools/jetson_gpu_access/safeio.py existed.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Callable, Dict, List

import pytest

from conftest import needs_root
from jetson_gpu_access import cli, fleet
from jetson_gpu_access.diagnose import diagnose
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.probe import probe

TOOLS = str(Path(__file__).resolve().parent.parent / "tools")
HUGE = "9" * 5000  # more digits than Python's int() takes from a string (3.11+: 4,300)


def run_cli(*args: str, timeout: float = 60, limit_memory: int = 0) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """The real command in a fresh process (a hang is a timeout here, not a stuck suite)."""
    def limits() -> None:
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, (limit_memory, limit_memory))

    return subprocess.run([sys.executable, "-m", "jetson_gpu_access", *args], cwd=TOOLS, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, check=False, preexec_fn=limits)


def assert_usage_line(result: subprocess.CompletedProcess, *needles: str) -> None:  # type: ignore[type-arg]
    lines = result.stderr.strip().splitlines()
    assert result.returncode == Exit.USAGE, result.stderr
    assert len(lines) == 1 and lines[0].startswith("jetson-gpu-access: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], result.stderr


# --- the reader itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("make", ["fifo", "directory", "socket", "char device"])
def test_only_regular_files_are_read_and_nothing_blocks(tmp_path: Path, make: str) -> None:
    from jetson_gpu_access.safeio import InputError, read_file, read_under

    target = tmp_path / "group"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "directory":
        target.mkdir()
    elif make == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(target))
    else:
        if os.geteuid() != 0:
            pytest.skip("mknod needs root")
        os.mknod(target, 0o600 | 0o020000, os.makedev(1, 3))
    for read in (lambda: read_file(str(target)), lambda: read_under(str(tmp_path), "group")):
        with pytest.raises(InputError) as caught:
            read()
        assert make.split()[0] in str(caught.value).lower() and caught.value.code == Exit.USAGE


def test_no_link_below_a_root_is_followed(tmp_path: Path) -> None:
    from jetson_gpu_access.safeio import InputError, read_file, read_under, walk_under

    (tmp_path / "etc").mkdir()
    secret = tmp_path / "outside"
    secret.write_text("root:$6$hash\n")
    (tmp_path / "etc" / "group").symlink_to(secret)
    (tmp_path / "linked").symlink_to(tmp_path / "etc")
    with pytest.raises(InputError, match="symbolic link"):
        read_under(str(tmp_path), "/etc/group")
    with pytest.raises(InputError, match="symbolic link at linked"):
        read_under(str(tmp_path), "/linked/x")
    assert read_file(str(tmp_path / "etc" / "group")).data == b"root:$6$hash\n"  # a name the user gave: theirs
    walked = dict(walk_under(str(tmp_path)))
    assert walked["outside"] is None and "symbolic link" in str(walked["etc/group"]) and "linked" in walked


def test_a_cap_is_explicit_and_bytes_are_kept(tmp_path: Path) -> None:
    from jetson_gpu_access.safeio import read_file

    path = tmp_path / "f"
    path.write_bytes(b"caf\xe9\n" * 1000)
    whole = read_file(str(path), limit=10000)
    assert not whole.truncated and whole.data == path.read_bytes() and whole.text.startswith("caf\ufffd")
    cut = read_file(str(path), limit=100)
    assert cut.truncated and len(cut.data) == 100 and cut.size == 5000 and "100 bytes of 5000 bytes" in cut.describe()


@pytest.mark.parametrize(("text", "value"), [
    ("44", 44), ("0044", 44), ("4294967295", 4294967295), ("4294967296", None), (HUGE, None), ("0" * 5000 + "7", 7),
    ("²", None), ("٣", None), ("", None), ("-1", None), ("1e3", None),
])
def test_decimal_numbers_are_bounded(text: str, value: object) -> None:
    from jetson_gpu_access.safeio import decimal

    assert decimal(text) == value


def test_json_is_bounded_in_depth_and_surrogates() -> None:
    from jetson_gpu_access.safeio import load_json

    with pytest.raises(ValueError, match="nested"):
        load_json(b"[" * 100000 + b"]" * 100000, "deep.json")
    with pytest.raises(ValueError, match="nested deeper"):
        load_json(b"[" * 100 + b"]" * 100, "deep.json")
    assert load_json(b'{"h\\udc80": ["a\\ud800b", "\\ud83d\\ude00"]}', "x") == {"h\ufffd": ["a\ufffdb", "\U0001F600"]}


# --- every command through the reader -------------------------------------------------------------

def replace_with(root: str, inner: str, kind: str) -> None:
    path = os.path.join(root, inner.lstrip("/"))
    if os.path.lexists(path):
        os.remove(path)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        os.mkdir(path)


@needs_root
@pytest.mark.parametrize("inner", ["/etc/group", "/etc/passwd", "/etc/os-release", "/etc/nv_tegra_release"])
@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_a_fifo_or_folder_for_an_input_is_exit_2_in_every_command(scratch_root, inner: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    replace_with(root, inner, kind)
    for command in (["diagnose", "--root", root, "--user", "alice"], ["plan", "--root", root, "--user", "alice"],
                    ["apply", "--root", root, "--user", "alice", "--apply"], ["docker-args", "--root", root],
                    ["bundle", "--root", root, "--user", "alice", "--out", os.path.join(root, "..", "b.tar.gz")]):
        result = run_cli(*command, timeout=30)
        if command[0] == "apply" and inner in ("/etc/group", "/etc/passwd"):
            # apply checks the files it would write before reading anything: a refusal of the root (exit 6)
            assert result.returncode == Exit.UNSUPPORTED and len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert inner + " is not a regular file" in result.stderr, result.stderr
        else:
            assert_usage_line(result, inner, "not a regular file", "replace it")


@needs_root
def test_a_big_group_file_is_read_whole_and_past_the_cap_it_is_a_finding(scratch_root, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-container-ubuntu-ssh")
    group = Path(root) / "etc" / "group"
    padding = "p" * 230  # long names keep the line count (and the test's time) down; 50 MB in all
    filler = "".join("filler{}{}:x:{}:\n".format(i, padding, 100000 + i) for i in range(200000))
    group.write_text(filler + group.read_text().replace("video:x:44:", "video:x:44:") + "render:x:993:alice\n")
    assert group.stat().st_size > 40 << 20
    result = diagnose(probe(root, "alice"))
    assert "render" in {g.name for g in result.facts.accounts.groups}  # the last line was read: nothing silently cut
    assert "INP-001" not in {f.code for f in result.findings}

    monkeypatch.setattr("jetson_gpu_access.probe.accounts.LARGE_FILE", 1 << 20)
    cut = diagnose(probe(root, "alice"))
    finding = next(f for f in cut.findings if f.code == "INP-001")
    assert finding.severity.value == "error" and "/etc/group: truncated (read the first 1 MiB of" in finding.evidence[0]
    assert cut.facts.partial_reads[0].path == "/etc/group"


@needs_root
def test_plan_reads_a_group_file_past_the_first_mebibyte(scratch_root) -> None:  # type: ignore[no-untyped-def]
    """The group the node needs is on the last line of a 2 MB file: the plan joins it, not re-creates it."""
    root = scratch_root("jp61-container-ubuntu-ssh")
    group = Path(root) / "etc" / "group"
    filler = "".join("filler{}:x:{}:\n".format(i, 100000 + i) for i in range(100000))
    group.write_text(group.read_text() + filler + "render:x:993:\n")
    result = run_cli("plan", "--root", root, "--user", "alice")
    assert result.returncode == Exit.PROBLEM, result.stderr
    actions = result.stdout.split("Change to /etc/group", 1)[0]
    assert "groupadd" not in actions and "usermod -a -G render alice" in actions, actions


@needs_root
def test_an_unreadable_group_file_is_a_finding_not_an_empty_file(public_dir: str) -> None:
    from jetson_gpu_access.lab import profiles, scratch

    root = os.path.join(public_dir, "root")  # pytest's tmp_path is private to root; uid 65534 must reach this one
    os.mkdir(root)
    scratch.materialise(profiles.load("jp61-container-ubuntu-ssh"), root, None, None)
    os.chmod(root, 0o755)  # noqa: S103 - uid 65534 must reach the scratch root
    os.chmod(os.path.join(root, "etc", "group"), 0)
    script = ("import json,sys; from jetson_gpu_access.probe import probe; from jetson_gpu_access.diagnose import diagnose; "
              "print(json.dumps([f.code for f in diagnose(probe(sys.argv[1], 'alice')).findings]))")
    out = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", script, root],
                         capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=public_dir), check=False, timeout=60)
    assert "INP-001" in json.loads(out.stdout), out.stderr


def append(root: str, inner: str, text: str, mode: str = "a") -> None:
    with open(os.path.join(root, inner.lstrip("/")), mode) as handle:
        handle.write(text)


@needs_root
@pytest.mark.parametrize("edit", [
    lambda root: append(root, "/etc/group", "big:x:{}:alice\n".format(HUGE)),
    lambda root: append(root, "/etc/passwd", "bob:x:{}:1000::/home/bob:/bin/sh\n".format(HUGE)),
    lambda root: append(root, "/etc/nv_tegra_release", "# R{} (release), REVISION: 4.0\n".format(HUGE), "w"),
], ids=["gid", "uid", "release"])
def test_huge_numbers_in_account_and_release_files_are_not_a_crash(scratch_root, edit: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    edit(root)
    assert run_cli("diagnose", "--root", root, "--user", "alice").returncode in (Exit.OK, Exit.PROBLEM)


@pytest.mark.parametrize("text", [
    "video:x:{}:alice".format(HUGE),
    "crw-rw---- 1 root video {}, 0 Jan  1 00:00 /dev/nvmap\nuid=1000(alice) gid=1000(alice) groups=1000(alice)".format(HUGE),
    "uid={}(alice) gid=1000(alice) groups=1000(alice)".format(HUGE),
    "crw-rw---- 1 root video 1, 3 Jan  1 00:00 /dev/nvmap\nuid=1000(alice) gid=1000(alice) groups=1000(alice),{}(x)".format(HUGE),
    "0660 {}:44 /dev/nvmap\nuid=1000(alice) gid=1000(alice) groups=1000(alice)".format(HUGE),
    "crw-rw---- 1 ² ² 1, 3 Jan  1 00:00 /dev/nvmap\nuid=1000(alice) gid=1000(alice) groups=1000(alice)",
    "docker run --group-add ² --group-add {} img".format(HUGE),
])
def test_huge_or_odd_numbers_in_pasted_text_are_not_a_crash(text: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["explain", text]) in (Exit.OK, Exit.PROBLEM)


@pytest.mark.parametrize("token", ["Jetson a ", "docker run --group-add=", "uid=1(", "ls ", "\x1b]", "--device ", "srun ",
                                   "manylinux"])
def test_explain_stays_linear_on_a_long_repeated_paste(tmp_path: Path, token: str) -> None:
    """A third of a megabyte of one prefix repeated: each pattern gives up quickly instead of
    rescanning the rest of the line at every repeat (before: "Jetson a " took minutes)."""
    paste = tmp_path / "paste.txt"
    paste.write_text(token * (300000 // len(token)))
    assert run_cli("explain", str(paste), timeout=30).returncode in (Exit.OK, Exit.PROBLEM)


def run_python(code: str, timeout: float = 30) -> None:
    """``code`` run by this Python with the package importable; a pattern that backtracks past the limit fails it."""
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(Path(cli.__file__).parents[1])),
                   check=True, timeout=timeout)


@pytest.mark.parametrize("token", ["usermod -G ", "usermod -aG ", "groupadd render ", "RUN groupadd -g 1 ", "chmod -;",
                                   "groupadd -;", "chmod\t-`", "groupadd -(", "adduser --}39s`"])
def test_the_image_audit_stays_linear_on_a_command_word_repeated(tmp_path: Path, token: str) -> None:
    """A Dockerfile of 64 KB repeating one command word the audit's rules start on: each rule reads what follows the
    word up to the command's end (before: `usermod -G ` over 20 KB took two minutes)."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM ubuntu:22.04\nRUN " + token * (65536 // len(token)) + "\n")
    run_python("from jetson_gpu_access.migrate import audit_paths; audit_paths({!r}, '', '', '', False)".format(str(dockerfile)))


def test_the_compose_audit_stays_linear_on_blank_lines_after_group_add(tmp_path: Path) -> None:
    """Blanks in a group_add list are read as blanks of one line (a newline in them backtracked: cubic)."""
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  app:\n    group_add:" + "\n" * 200000 + "x\n")
    run_python("from jetson_gpu_access.migrate import audit_paths; audit_paths('', {!r}, '', '', False)".format(str(compose)))


# Pastes on which a pattern of explain backtracked past any bound: runs of blanks between optional words (a heading
# check, CUDA's cuInit form; each line kept under the span a key's line is read in), an unbounded word before a fixed
# end (a Tegra kernel, tegrastats, inspect's fields; lines of 64 KB). Each line differs, so none is read only once.
PASTES = {
    "heading": "\n".join("error" + " " * (300 + n) + "x" for n in range(60)),
    "cuinit": "\n".join("cuinit" + " " * (700 + n) + "100x" for n in range(60)),
    "kernel": "\n".join("4.1." * 16383 + "{}-tegra".format(n) for n in range(8)),
    "tegrastats": "\n".join("RAM 1/2MB " * 6550 + "{} GR3D".format(n) for n in range(8)),
    "inspect": '"Runtime": "nvidia",\n' + "\n".join('"CapAdd"\t :\tx--{}\t'.format(n) + " " * 64000 + "\x01" for n in range(8)),
    # software names run together by blanks before "versions", and blanks between a memory word and "shortage" in CJK
    "versions": "\n".join("we use different cuda" + (" " * (60 + n) + "cuda") * 3 + " " * 60 + "!" for n in range(64)),
    "shortage": "\n".join("memory" + " " * (1900 + n) + "x\u4e0d\u8db3" for n in range(64)),
    # quotes under attribution-like lines, each differing
    "quotes": "\n".join("{} someone there said:\n> x".format(n) * 1 for n in range(60000)),
    # blanks after "GPU driver", where a field's colon may follow (a driver's branch said in words)
    "driver": "\n".join("GPU driver" + " " * (4000 + n) + "x{}".format(n) for n in range(64)),
    # blanks after a sentence's error word (one that may introduce the error printed below), and a run of dashed words
    # before a board's default product name
    "introduction": "\n".join("I got error" + " " * (900 + n) + "x" for n in range(64)),
    "product": "\n".join("a-" * 30000 + " system-product-name {}".format(n) for n in range(8)),
    # a long run of word characters after a Windows program's extension, and a check macro's file word run long
    "windows": "\n".join(".exe " + "a" * 60000 + str(n) for n in range(8)),
    "macro": "\n".join("cuda failure in file " + "line " * 12000 + str(n) for n in range(8)),
    # a driver call's stem run long, where a CUDA error's number may follow
    "stem": "\n".join("cumem" + "a" * 60000 + " failed res={}".format(n) for n in range(8)),
    # an availability check's answer line of version-like words run long (values printed before its True or False)
    "answer": "\n".join("print(torch.cuda.is_available())\n" + "1a" * 30000 + " 2 3 4 x{}".format(n) for n in range(8)),
}


@pytest.mark.parametrize("shape", sorted(PASTES))
def test_explain_stays_linear_on_lines_that_once_backtracked(tmp_path: Path, shape: str) -> None:
    paste = tmp_path / "paste.txt"
    paste.write_text(PASTES[shape] + "\n")
    assert run_cli("explain", str(paste), timeout=30).returncode in (Exit.OK, Exit.PROBLEM)


def test_a_pod_spec_with_a_line_no_reading_takes_ends(tmp_path: Path) -> None:
    """A shell line indented inside a pasted pod spec is stepped over: the spec reader once stood on it for ever."""
    paste = tmp_path / "paste.txt"
    paste.write_text("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    image: img:1\n    $ kubectl logs trt\n"
                     "CUDA initialization failure with error: 801\n")
    assert run_cli("explain", str(paste), timeout=30).returncode in (Exit.OK, Exit.PROBLEM)


def test_redaction_reads_long_names_from_a_later_part_and_tokens_after_a_dash() -> None:
    from jetson_gpu_access.redact import Redactor
    redact = Redactor()
    assert "hunter22" not in redact("export ACME_PROD_EU_WEST_1_RDS_AURORA_CLUSTER_ADMIN_PASSWORD=hunter22")
    assert "eyJzdWIi" not in redact("token-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijk")


@pytest.mark.parametrize(("unit", "times"), [("psk.", 16384), ("echo  ", 10000), ("PWD-", 16384)])
def test_redaction_stays_linear_on_names_and_words_repeated(unit: str, times: int) -> None:
    """A secret's name is read in at most eight parts either side of its word, and a long key is judged by its words."""
    run_python("from jetson_gpu_access.redact import Redactor, secret_name; text = 'x' + {!r} * {} + '!'; "
               "Redactor()(text); secret_name(text)".format(unit, times))


@pytest.mark.parametrize(("run", "tail"), [("arm64-", ""), ("a/", ":"), ("x:arm64-", ""), ("a-", "/b:r35.1 arm64"),
                                          ("sbsa.", ":arm64")])
def test_explain_stays_linear_on_one_long_image_like_word(tmp_path: Path, run: str, tail: str) -> None:
    """One word of image-name characters (letters, digits, . / - _) a third of a megabyte long: the image and
    arm64 patterns try it from its start only, not again from each of its characters (before: minutes)."""
    paste = tmp_path / "paste.txt"
    paste.write_text(run * (300000 // len(run)) + tail)
    assert run_cli("explain", str(paste), timeout=30).returncode in (Exit.OK, Exit.PROBLEM)


def test_explain_refuses_a_fifo_and_says_when_it_read_only_the_start(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    os.mkfifo(tmp_path / "report.txt")
    assert_usage_line(run_cli("explain", str(tmp_path / "report.txt"), timeout=30), "FIFO", "- to read standard input")
    big = tmp_path / "big.txt"
    big.write_text("cuInit(0)=801\n" + "x" * 3004)
    monkeypatch.setattr("jetson_gpu_access.explain.output.INPUT_LIMIT", 1000)
    monkeypatch.setattr("jetson_gpu_access.explain.output.INPUT_TAIL", 500)
    assert cli.main(["explain", str(big)]) == Exit.OK
    assert "read the first 1000 bytes and the last 500 bytes of 3018 bytes; the rest was not read" in \
        capsys.readouterr().err
    monkeypatch.setattr("jetson_gpu_access.explain.output.INPUT_TAIL", 4096)  # the end covers the rest: all of it is read
    assert cli.main(["explain", str(big)]) == Exit.OK
    assert "read the first" not in capsys.readouterr().err


def test_explain_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "dangling.tar.gz").symlink_to(tmp_path / "nowhere")
    for name in ("dangling.txt", "dangling.tar.gz"):
        assert_usage_line(run_cli("explain", str(tmp_path / name)), name, "cannot be read")


def make_archive(path: Path, member: str, data: bytes) -> None:
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("jetson-gpu-access-bundle/" + member)
        info.size = len(data)
        import io
        archive.addfile(info, io.BytesIO(data))


def test_a_sparse_gigabyte_in_a_tiny_bundle_is_refused_in_little_memory(tmp_path: Path) -> None:
    tar = shutil.which("tar")
    if tar is None:
        pytest.skip("GNU tar is needed to write a sparse member")
    folder = tmp_path / "jetson-gpu-access-bundle"
    folder.mkdir()
    with open(folder / "diagnosis.json", "wb") as handle:
        handle.truncate(1 << 30)
    subprocess.run([tar, "--sparse", "-czf", str(tmp_path / "b.tar.gz"), "-C", str(tmp_path), folder.name], check=True)
    assert (tmp_path / "b.tar.gz").stat().st_size < 4096
    result = run_cli("explain", str(tmp_path / "b.tar.gz"), limit_memory=512 << 20)
    assert_usage_line(result, "b.tar.gz", "not a jetson-gpu-access bundle")


@pytest.mark.parametrize(("member", "data", "needle"), [
    ("diagnosis.json", b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    ("diagnosis.json", b'{"facts": 1}', "not a jetson-gpu-access bundle"),
    ("other.json", b"{}", "no diagnosis.json"),
])
def test_a_bad_bundle_is_exit_2(tmp_path: Path, member: str, data: bytes, needle: str) -> None:
    make_archive(tmp_path / "b.tar.gz", member, data)
    assert_usage_line(run_cli("explain", str(tmp_path / "b.tar.gz")), needle)


def test_a_gzip_bomb_is_refused(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "b.tar.gz").write_bytes(gzip.compress(b"\0" * (100 << 20)))
    assert_usage_line(run_cli("explain", str(tmp_path / "b.tar.gz"), limit_memory=512 << 20), "expands to more than")


# --- the fleet report --------------------------------------------------------------------------------

def host(root: Path, name: str, files: Dict[str, str]) -> None:
    folder = root / name
    (folder / "runbooks" / "verify").mkdir(parents=True)
    for file, text in files.items():
        (folder / file).write_text(text)


def test_fleet_report_survives_deep_json_surrogates_links_and_fifos(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    host(tmp_path, "deep", {"host.json": "[" * 100000 + "]" * 100000, "facts.json": "{}"})
    host(tmp_path, "surrogate", {"host.json": '{"host": "bad\\ud800name", "status": "ok", "message": "\\udc80"}',
                                 "runbooks/verify/result.json": '{"verdict": "pass\\ud800", "checks": [{"id": "x\\udfff", '
                                                                '"status": "pass"}]}'})
    host(tmp_path, "linked", {})
    (tmp_path / "linked" / "host.json").symlink_to("/etc/shadow")
    host(tmp_path, "fifo", {})
    os.mkfifo(tmp_path / "fifo" / "host.json")
    for form in ("markdown", "json"):
        assert cli.main(["fleet", "report", str(tmp_path), "--format", form]) == Exit.OK
        out = capsys.readouterr().out
        text = json.dumps(json.loads(out), ensure_ascii=False) if form == "json" else out
        assert "\ud800" not in text and "bad\ufffdname" in text and "root:" not in text
        out.encode("utf-8")  # printable as UTF-8
    assert {h.host: h.status for h in fleet.load(str(tmp_path))}["linked"] == "unreadable"


HOSTILE = "evil|<script>alert(1)</script>`[x](javascript:alert(1))\n| injected |"


def test_fleet_report_escapes_host_text_in_markdown_and_html(tmp_path: Path) -> None:
    markdown = pytest.importorskip("markdown")
    for name in ("a", "b"):
        (tmp_path / name / "runbooks" / "verify").mkdir(parents=True)
        (tmp_path / name / "host.json").write_text(json.dumps({"host": HOSTILE + name, "status": "ok", "message": HOSTILE,
                                                                "board": HOSTILE, "image": HOSTILE}))
        (tmp_path / name / "runbooks" / "verify" / "result.json").write_text(json.dumps(
            {"verdict": "pass", "checks": [{"id": HOSTILE, "status": HOSTILE if name == "a" else "pass"}]}))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "host.json").write_text(json.dumps({"host": HOSTILE, "status": "failed", "message": HOSTILE}))
    page = fleet.markdown(fleet.build(fleet.load(str(tmp_path))))
    tables: List[List[str]] = [[]]
    for line in page.splitlines():
        if line.startswith("|"):
            tables[-1].append(line.replace("\\|", ""))
        elif tables[-1]:
            tables.append([])
    for table in filter(None, tables):
        assert len({row.count("|") for row in table}) == 1, table  # no cell was split or added
    rendered = markdown.markdown(page, extensions=["tables"])
    assert "<script" not in rendered and "href=" not in rendered and "&lt;script&gt;" in rendered


# --- the support bundle ------------------------------------------------------------------------------

def detect_secrets_findings(folder: Path) -> List[str]:
    """Everything detect-secrets finds under ``folder`` with all of its plugins."""
    collection_module = pytest.importorskip("detect_secrets")
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.settings import transient_settings

    plugins = [{"name": kind.__name__} for kind in get_mapping_from_secret_type_to_class().values()]
    found = []
    with transient_settings({"plugins_used": plugins}):
        secrets = collection_module.SecretsCollection()
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            secrets.scan_file(str(path))
        for filename in secrets.files:
            found += ["{}:{} {}".format(filename, s.line_number, s.type) for s in secrets[filename]]
    return found


@needs_root
def test_bundle_redacts_every_seeded_kind_and_follows_no_link(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from secrets_seed import GECOS, HOST, OTHER_USERS, SEEDS, seeded_text

    root = Path(scratch_root("jp61-container-ubuntu-ssh"))
    seeded = seeded_text()
    assert len({kind for kind, _, _ in SEEDS}) >= 30
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "seeded.txt").write_text(seeded)
    assert len(detect_secrets_findings(raw)) >= 20  # the oracle does see the seeds when they are there

    (root / "etc/hostname").write_text(HOST + "\n")
    (root / "etc/hosts").write_text("127.0.0.1 localhost\n198.51.100.9 {0}.corp.example.com {0}\n".format(HOST))
    with open(root / "etc/passwd", "a") as handle:
        handle.write("{}:x:1001:1001:{}:/home/{}:/bin/sh\n".format(OTHER_USERS[0], GECOS, OTHER_USERS[0]))
        handle.write("{}:x:1003:1003::/srv/carolys:/bin/sh\n".format(OTHER_USERS[1]))
    group = (root / "etc/group").read_text().replace("video:x:44:alice", "video:x:44:alice," + ",".join(OTHER_USERS)
                                                     + ",dave.ldap")  # a directory user no passwd line names
    (root / "etc/group").write_text(group)
    with open(root / "etc/nv_tegra_release", "a") as handle:  # stray text in a file the bundle copies whole
        handle.write("".join("# {}\n".format(line) for line in seeded.splitlines()))
        handle.write("# ran on {} as {} ({}) in /home/{} and /srv/carolys\n".format(HOST, OTHER_USERS[1], GECOS.split(",")[0],
                                                                                   OTHER_USERS[0]))
        handle.write("# ssh {}.corp.example.com by dave.ldap\n".format(HOST.upper()))  # a host name in another case

    runbooks = tmp_path / "runbooks"
    (runbooks / "diagnose").mkdir(parents=True)
    structured = {"db_password": "Hunter2Hunter20", "auths": {"nvcr.io": {"auth": "Ym9iOnB3MTIz"}},
                  "env": {"PGPASSWORD": "pw123", "NGC_API_KEY": ["nk1", 7]}}  # short values no pattern sees alone
    (runbooks / "diagnose" / "result.json").write_text(json.dumps({"lines": seeded.splitlines(), "host": HOST,
                                                                    "config": structured}))
    (runbooks / "diagnose" / "summary.md").write_text(seeded)
    key = next(secret for kind, _, secret in SEEDS if kind == "OpenSSH private key")
    notebook = {"cells": [{"cell_type": "code", "source": ["!cat id_rsa\n"], "metadata": {}, "execution_count": 1,
                           "outputs": [{"output_type": "stream", "name": "stdout",
                                        "text": [line + "\n" for line in key.split("\n")]}]}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # nbformat keeps text as a list of lines
    (runbooks / "diagnose" / "diagnose.ipynb").write_text(json.dumps(notebook))
    (runbooks / "diagnose" / "{}-203.0.113.77.md".format(HOST)).write_text("ran\n")
    (runbooks / "diagnose" / "leak.json").symlink_to("/etc/shadow")
    (runbooks / "etc").symlink_to("/etc")
    os.mkfifo(runbooks / "diagnose" / "pipe.json")

    out = tmp_path / "bundle.tar.gz"
    made = run_cli("bundle", "--root", str(root), "--user", "alice", "--out", str(out), "--runbooks", str(runbooks))
    assert made.returncode == Exit.OK, made.stderr
    extracted = tmp_path / "extracted"
    with tarfile.open(out, "r:gz") as archive:
        names = archive.getnames()
        archive.extractall(extracted)  # noqa: S202 - our own bundle, checked below
    contents = {p.relative_to(extracted).as_posix(): p.read_text() for p in extracted.rglob("*") if p.is_file()}
    everything = "\n".join(list(contents) + list(contents.values()))

    assert detect_secrets_findings(extracted) == []
    for kind, _, secret in SEEDS:
        assert secret not in everything, "{} leaked".format(kind)
        for part in secret.split("\n"):
            assert len(part) < 12 or part.startswith("-----") or part not in everything, "{} leaked in part".format(kind)
    for literal in (HOST, HOST.upper(), GECOS, "Bob Smith", "Building 4", "/srv/carolys", "198.51.100.9", "203.0.113.77",
                    "dave.ldap") + OTHER_USERS:
        assert literal not in everything, literal
    assert not any("leak" in n or "pipe" in n or "/etc/" in n for n in names), names
    shadow = Path("/etc/shadow").read_text() if Path("/etc/shadow").exists() else ""
    for line in shadow.splitlines():
        hashed = line.split(":")[1] if line.count(":") > 2 else ""
        assert len(hashed) < 13 or hashed not in everything
    assert "<private-key>" in contents["jetson-gpu-access-bundle/runbooks/diagnose/diagnose.ipynb"]  # not line by line
    assert "PRIVATE KEY" not in contents["jetson-gpu-access-bundle/runbooks/diagnose/diagnose.ipynb"]
    report = contents["jetson-gpu-access-bundle/REDACTIONS.txt"]
    assert report.count("\n  ") >= 30 and "leak.json: not copied: a symbolic link" in report
    assert "alice" in everything and "video:x:44:alice,<user" in everything
    result = json.loads(contents["jetson-gpu-access-bundle/runbooks/diagnose/result.json"])
    assert result["config"] == {"db_password": "<secret>", "auths": {"nvcr.io": {"auth": "<secret>"}},
                                "env": {"PGPASSWORD": "<secret>", "NGC_API_KEY": "<secret>"}}
    assert run_cli("explain", str(out)).returncode == Exit.OK


@needs_root
def test_bundle_takes_a_bounded_share_of_a_huge_runbooks_folder(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    runbooks = tmp_path / "runbooks"
    runbooks.mkdir()
    for index in range(400):
        (runbooks / "r{:03}.md".format(index)).write_text("x\n")
    out = tmp_path / "b.tar.gz"
    made = run_cli("bundle", "--root", root, "--user", "alice", "--out", str(out), "--runbooks", str(runbooks))
    assert made.returncode == Exit.OK, made.stderr
    with tarfile.open(out, "r:gz") as archive:
        names = archive.getnames()
        report = archive.extractfile("jetson-gpu-access-bundle/REDACTIONS.txt").read().decode()  # type: ignore[union-attr]
    assert 100 < len(names) < 300 and "the listing stops here" in report


@needs_root
def test_bundle_never_writes_through_a_link(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    (tmp_path / "out.tar.gz").symlink_to(victim)
    result = run_cli("bundle", "--root", root, "--user", "alice", "--out", str(tmp_path / "out.tar.gz"),
                     "--runbooks", str(tmp_path / "none"))
    assert_usage_line(result, "out.tar.gz")
    assert victim.read_text() == "keep me\n"



def bundle_into(root: str, out: Path, wrap: List[str] = ()) -> subprocess.CompletedProcess:  # type: ignore[type-arg,assignment]
    return subprocess.run([*wrap, sys.executable, "-m", "jetson_gpu_access", "bundle", "--root", root, "--user", "alice",
                           "--out", str(out), "--runbooks", str(out.parent / "none")], cwd=TOOLS, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL, check=False)


@needs_root
def test_bundle_replaces_a_file_that_is_there_and_never_writes_into_it(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A planted hard link (to a file of root's that the caller could not write) is replaced, not truncated."""
    root = scratch_root("jp61-host")
    victim = tmp_path / "victim"
    victim.write_text("root:$6$hash:19000::::::\n")
    out = tmp_path / "out.tar.gz"
    os.link(victim, out)
    made = bundle_into(root, out)
    assert made.returncode == Exit.OK, made.stderr
    assert victim.read_text() == "root:$6$hash:19000::::::\n" and os.stat(victim).st_nlink == 1
    with tarfile.open(out, "r:gz") as archive:
        assert "jetson-gpu-access-bundle/diagnosis.json" in archive.getnames()
    assert sorted(os.listdir(tmp_path)) == ["jp61-host-0", "out.tar.gz", "victim"]


@needs_root
@pytest.mark.parametrize(("plant", "needle"), [
    ("someone else's file", "owned by uid 65534"),
    ("a world-writable folder", "writable by others"),
])
def test_bundle_refuses_a_target_someone_else_controls(scratch_root, tmp_path: Path, plant: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    folder = tmp_path / "cwd"
    folder.mkdir()
    out = folder / "out.tar.gz"
    if plant == "someone else's file":
        out.write_text("planted\n")
        os.chown(out, 65534, 65534)
    else:
        os.chmod(folder, 0o777)  # noqa: S103 - the hazard under test
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = bundle_into(root, out)
    assert_usage_line(result, str(out) if plant == "someone else's file" else str(folder), needle)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@needs_root
def test_bundle_leaves_nothing_behind_when_the_disk_is_full(scratch_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = scratch_root("jp61-host")
    folder = tmp_path / "small"
    folder.mkdir()
    script = ('mount -t tmpfs -o size=64k tmpfs "$0" || exit 99; dd if=/dev/zero of="$0/fill" bs=4k 2>/dev/null; '
              '"$@"; code=$?; rm "$0/fill"; ls -A "$0"; exit $code')
    wrap = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(folder)]
    result = bundle_into(root, folder / "out.tar.gz", wrap)
    assert result.stdout == "", "left in the folder: " + result.stdout
    assert_usage_line(result, "out.tar.gz", "No space left on device")


def test_safeio_is_the_only_reader_of_input_files() -> None:
    """No module of the core opens an input file by itself: builtin open() only to write, or for
    the package's own data; tar archives only from bytes the reader returned."""
    import re

    package = Path(TOOLS) / "jetson_gpu_access"
    # entrypoint.py reads the shipped entrypoint.sh beside it; apply.py's snapshot and restore of
    # the account files, and runner.py's parameters file, are read by those modules' own rules
    own_rules = {"safeio.py", "entrypoint.py", "apply.py", "runner.py"}
    # not input files of this process: a script the image check runs inside the container, and the
    # public half of the key it generated a moment before
    not_inputs = {"imagecheck.py: rows = open(table).read().splitlines()[1:]",
                  'imagecheck.py: with open(self.path + ".pub", encoding="utf-8") as handle:'}
    readers = re.compile(r"(?<![\w.])open\(|json\.load\(|tarfile\.open\((?!fileobj)")
    offenders = []
    core = [package] + [package / folder for folder in ("probe", "explain")]
    for path in sorted(p for folder in core for p in folder.glob("*.py")):
        if path.name in own_rules:
            continue
        for line in path.read_text().splitlines():
            code = line.split("#", 1)[0].strip()
            if readers.search(code) and not code.startswith(('"', "'")) and not re.search(r"[\"'](?:w|a|wb|ab)[\"']", code):
                offenders.append("{}: {}".format(path.name, code))
    assert [o for o in offenders if o not in not_inputs] == [], offenders


def test_reader_constants_are_documented() -> None:
    from jetson_gpu_access.safeio import LARGE_FILE

    page = (Path(TOOLS).parent / "docs" / "security.md").read_text()
    assert "{} MiB".format(LARGE_FILE >> 20) in page and "REDACTIONS.txt" in page


def test_redaction_keeps_what_a_maintainer_needs() -> None:
    from jetson_gpu_access.redact import KINDS, Redactor

    redact = Redactor(["jetson-01"], ["bob"], ["Bob B"], ["/home/bob"], keep_user="alice")
    kept = ("video:x:44:alice\nrender:x:993:alice\ncrw-rw---- 1 root render 226, 128 /dev/dri/renderD128\n"
            "nvidia-container-toolkit 1.17.8-1\n# R36 (release), REVISION: 4.3, GCID: 38968081\n14:35:51 ssh on 127.0.0.1\n"
            "/home/alice/.cache NVIDIA_VISIBLE_DEVICES=all uid=1000(alice) gid=1000(alice) groups=44(video)\n"
            "sha256 of nothing: e3b0c442\ndesign: plain\nbypass=1 author: me\n")
    assert redact(kept) == kept and redact.counts == {}
    assert redact("bob@jetson-01:/home/bob$ id  # Bob B") == "<user1>@<host>:<home>$ id  # <gecos>"
    for line in ("DB_PASSWORD=x1", "dbPassword: x1", "api-key = x1", '"client_secret": "x1"', "_authToken=x1", "auth: x1"):
        assert "x1" not in redact(line), line
    assert len(KINDS) >= 30 and len({k.placeholder for k in KINDS}) >= 30


def _alias_bomb(depth: int = 10) -> str:
    """YAML whose aliases nest ``depth`` deep: a few hundred bytes that expand to 9**depth values."""
    text = "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, depth + 1):
        text += "x{0}: &a{0} [{1}]\n".format(level, ", ".join(["*a{}".format(level - 1)] * 9))
    return text


@pytest.mark.parametrize("where", ["parameters", "image name", "image run"])
def test_yaml_whose_aliases_expand_without_bound_is_refused_at_once(tmp_path: Path, where: str) -> None:
    bomb = _alias_bomb()
    if where == "parameters":
        path = tmp_path / "p.yaml"
        path.write_text(bomb + "target_user: *a10\n")
        args = ("run", "diagnose", "-f", str(path), "--out", str(tmp_path / "out"))
    else:
        path = tmp_path / "images.yaml"
        path.write_text(bomb + "images:\n  - name: ok\n    image: img\n    user: alice\n    {}: *a10\n".format(where.split()[1]))
        args = ("image-check", str(path), "--out", str(tmp_path / "out"))
    result = run_cli(*args, timeout=30, limit_memory=1 << 30)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == Exit.USAGE and len(lines) == 1, result.stderr
    assert str(path) in lines[0] and "aliases expand" in lines[0], lines


def test_yaml_anchors_that_stay_small_are_read() -> None:
    from jetson_gpu_access.safeio import load_yaml

    assert load_yaml("base: &b {user: alice}\nimage: {<<: *b, name: x}\n")["image"] == {"user": "alice", "name": "x"}
    with pytest.raises(ValueError, match="alias"):
        load_yaml(_alias_bomb(7))
