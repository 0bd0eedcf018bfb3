"""Random inputs through the real entry point only ever end in exit code 0, 1 or 2, in bounded time.

Account files (any bytes, or a FIFO, a folder, a link where the file should be), fleet results
(any JSON, any bytes), archives given to explain and free text given to explain go through
``jetson_gpu_access.cli.main`` in this process; an alarm turns a hang into a failure. Exit code 70
(an internal error) is always a bug.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import tarfile
import tempfile
from typing import Any, Iterator, List

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import IS_ROOT
from jetson_gpu_access import cli

ALLOWED = (0, 1, 2)
SECONDS = 20
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A failing example of megabytes is shown by its own error: Hypothesis's warning that its repr is large would stand in
# for that error (the suite turns warnings into errors).
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def bounded_main(argv: List[str]) -> int:
    """cli.main(argv) with its output swallowed, failing if it takes more than SECONDS of this process's CPU time (a
    hang or a runaway pattern; wall time would also count the other tests that share the machine)."""
    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError("{} took more than {} s of CPU".format(argv[:2], SECONDS))

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, SECONDS)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            try:
                code = cli.main(argv)
            except SystemExit as stop:  # argparse's own refusal ("-----" read as an option): its exit code is the answer
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    assert code in ALLOWED, (argv, code, err.getvalue())
    return code


@pytest.fixture(scope="module")
def scratch() -> Iterator[str]:
    if not IS_ROOT:
        pytest.skip("needs root: mknod of device nodes")
    from jetson_gpu_access.lab import profiles
    from jetson_gpu_access.lab import scratch as materialise

    folder = tempfile.mkdtemp(prefix="jga-property-")
    root = os.path.join(folder, "root")
    os.mkdir(root)
    materialise.materialise(profiles.load("jp61-container-ubuntu-ssh"), root, None, None)
    yield root
    shutil.rmtree(folder)


ACCOUNT_LINE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.builds(lambda name, gid, members: "{}:x:{}:{}".format(name, gid, members),
              st.sampled_from(["video", "render", "alice", "", "x" * 40, "vid\u00e9o"]),
              st.one_of(st.integers(-5, 1 << 40).map(str), st.just("9" * 5000), st.just("²"), st.text(max_size=8)),
              st.text(alphabet="alice,bob:\r\n ", max_size=30)),
    st.builds(lambda uid, gid: "alice:x:{}:{}:Alice:/home/alice:/bin/sh".format(uid, gid),
              st.one_of(st.integers(0, 1 << 40).map(str), st.just("0" * 6000 + "1"), st.just("٣")),
              st.one_of(st.integers(0, 1 << 33).map(str), st.just("9" * 4400))),
)
FILE_KIND = st.sampled_from(["text", "text", "text", "bytes", "fifo", "directory", "link-out", "link-loop", "missing"])


def place(path: str, kind: str, text: str, data: bytes) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)
    if kind == "text":
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
    elif kind == "bytes":
        with open(path, "wb") as handle:
            handle.write(data)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        os.mkdir(path)
    elif kind == "link-out":
        os.symlink("/etc/shadow", path)
    elif kind == "link-loop":
        os.symlink(os.path.basename(path), path)


@given(group_kind=FILE_KIND, group=st.lists(ACCOUNT_LINE, max_size=8), passwd_kind=FILE_KIND,
       passwd=st.lists(ACCOUNT_LINE, max_size=5), release_kind=FILE_KIND, data=st.binary(max_size=200),
       command=st.sampled_from(["diagnose", "plan", "apply", "docker-args", "bundle"]))
@SETTINGS
def test_random_account_and_release_files(scratch: str, group_kind: str, group: List[str], passwd_kind: str,
                                          passwd: List[str], release_kind: str, data: bytes, command: str) -> None:
    etc = os.path.join(scratch, "etc")
    keep = "alice:x:1000:1000:alice:/home/alice:/bin/bash\n"
    place(os.path.join(etc, "group"), group_kind, "\n".join(group), data)
    place(os.path.join(etc, "passwd"), passwd_kind, keep + "\n".join(passwd), data)
    place(os.path.join(etc, "nv_tegra_release"), release_kind, "# R36 (release), REVISION: " + "".join(group)[:40], data)
    argv = {"docker-args": ["docker-args", "--root", scratch],
            "apply": ["apply", "--root", scratch, "--user", "alice"],  # a dry run: nothing is written
            "bundle": ["bundle", "--root", scratch, "--user", "alice", "--out", os.path.join(scratch, "..", "b.tar.gz"),
                       "--runbooks", os.path.join(scratch, "..", "none")]}.get(command,
                                                                               [command, "--root", scratch, "--user", "alice"])
    bounded_main(argv)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) |
                    st.text(alphabet=st.characters(), max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)


def _json_text(value: Any) -> str:
    import json

    return json.dumps(value)


FLEET_FILE = st.one_of(JSON.map(_json_text), st.text(max_size=80), st.just("[" * 50000),
                       st.just('{"host": "a\\ud800|<b>", "status": "ok"}'),
                       st.builds(lambda v: '{"verdict": "pass", "checks": [{"id": %s, "status": %s}]}' % (v, v),
                                 JSON.map(_json_text)))


@given(files=st.lists(st.tuples(st.sampled_from(["host.json", "facts.json", "runbooks/verify/result.json"]), FLEET_FILE,
                                FILE_KIND), min_size=1, max_size=6),
       form=st.sampled_from(["markdown", "json"]))
@SETTINGS
def test_random_fleet_results(files: List[Any], form: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, text, kind) in enumerate(files):
            host = os.path.join(folder, "h{}".format(index % 3))
            os.makedirs(os.path.join(host, "runbooks", "verify"), exist_ok=True)
            place(os.path.join(host, name), kind if kind != "bytes" else "text", text, b"")
        bounded_main(["fleet", "report", folder, "--format", form])


MEMBER = st.tuples(st.sampled_from(["jetson-gpu-access-bundle/diagnosis.json", "x", "../../etc/passwd", "a/" * 30]),
                   st.sampled_from([tarfile.REGTYPE, tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.FIFOTYPE, tarfile.CHRTYPE,
                                    tarfile.LNKTYPE]),
                   st.one_of(JSON.map(_json_text).map(str.encode), st.binary(max_size=64), st.just(b"[" * 20000)),
                   st.integers(0, 1 << 34))


@given(members=st.lists(MEMBER, max_size=4), raw=st.one_of(st.none(), st.binary(max_size=300)))
@SETTINGS
def test_random_archives_given_to_explain(members: List[Any], raw: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "report.tar.gz")
        if raw is not None:
            with open(path, "wb") as handle:
                handle.write(raw)
        else:
            with tarfile.open(path, "w:gz") as archive:
                for name, kind, data, claimed in members:
                    info = tarfile.TarInfo(name)
                    info.type = kind
                    info.linkname = "/etc/shadow" if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
                    info.size = len(data) if kind == tarfile.REGTYPE else 0
                    archive.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
                    del claimed
        bounded_main(["explain", path])


PASTE_LINE = st.one_of(
    st.text(max_size=80),
    st.builds("crw-rw----{} 1 {} {} {}, {} Jan  1 00:00 {}".format, st.sampled_from(["", "+"]),
              st.sampled_from(["root", "0", "²", "9" * 5000]), st.sampled_from(["video", "44", "²", "9" * 5000, "render"]),
              st.sampled_from(["195", "9" * 5000, "٣"]), st.sampled_from(["0", "9" * 11]),
              st.sampled_from(["/dev/nvmap", "/dev/dri/renderD128", "renderD128", "/dev/x"])),
    st.builds("uid={}(alice) gid={}(alice) groups={}".format, st.sampled_from(["1000", "0", "9" * 5000]),
              st.sampled_from(["1000", "9" * 5000]), st.text(alphabet="0123456789(),videorn²", max_size=40)),
    st.builds("{}:x:{}:{}".format, st.sampled_from(["video", "render"]), st.sampled_from(["44", "9" * 5000, "²"]),
              st.sampled_from(["alice", ""])),
    st.builds("docker run {} img".format, st.text(alphabet="-gropuadevic=/ 0123456789²'\"\\", max_size=60)),
    st.sampled_from(["# R36 (release), REVISION: 4.3", "# R{} (release), REVISION: 4.3".format("9" * 5000),
                     "L4T_VERSION=36.4.0", "services:\n  app:\n    group_add: [\"" + "9" * 5000 + "\"]"]),
)


# prefixes of the patterns explain tries on every line, repeated: each must give up quickly
PREFIXES = ["Jetson a ", "ls ", "uid=1(", "\x1b]", "\x1b[", "groups\n", "# R1 (release)", "L4T ", "JETPACK_VERSION=",
            "Jetpack 5 ", "docker run ", "docker run -v /dev:", "a@b:", "crw-rw---- 1 a b 1, ", "0660 1:1 /dev/",
            "video:x:1:", "services:\n  a:\n", "--device ", "--group-add ", "devices:\n - ", "group_add:\n - ", "> ",
            "\\\n", "```\n", "uid=1(a) gid=1(", "/dev/x:\n", "--runtime ", "podman run ", "docker run --group-add=",
            "docker run '", "L4T_VERSION=36.", "R36 (release), REVISION: ", "NVIDIA Jetson "]
REPEATED = st.builds(lambda token, count: token * count, st.one_of(st.sampled_from(PREFIXES), st.text(min_size=1, max_size=12)),
                     st.integers(1000, 20000))


@given(lines=st.lists(st.one_of(PASTE_LINE, REPEATED), max_size=12), form=st.sampled_from(["text", "json", "markdown"]))
# (found by this test: a word of 200 KB with Korean text elsewhere was read again from every start inside it)
@example(lines=["\U000e8d2a[\x7fj}\xa3\x00\U000e373e\xfe\x8c'\xc7" * 16780, "", "I\uce2bbv\xd9`$"], form="text")
@SETTINGS
def test_random_text_given_to_explain(lines: List[str], form: str) -> None:
    text = "\n".join(lines)
    if not text.strip() or ("\n" not in text and os.path.lexists(text)):
        text += "\n"
    bounded_main(["explain", "--format", form, text])
