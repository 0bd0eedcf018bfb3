"""A family's meanings as explain prints them: on a system the paste shows, what a meaning says of the other system
("(on a Jetson: ...)" beside a PC's error, "on a PC: /dev/nvidiactl ..." beside a Jetson's) is left out, so a PC's
reply names no Tegra part and a Jetson's no discrete GPU's node. Where the paste shows no system, both are kept: each
is said as a condition. Every meaning of data/symptoms.json is checked, and a paste of each system end to end.
"""

from __future__ import annotations

import re
from typing import List, Optional

import pytest

from explainreading import JETSON_36, PC, read_cause
from jetson_gpu_access import data
from jetson_gpu_access.explain import meanings_on, render_markdown, render_text

FAMILIES = data.load("symptoms")["symptoms"]
# What a meaning names only of a Jetson, and only of a PC.
JETSON_WORDS = re.compile(r"\bjet(?:son|pack)|\bl4t\b|\btegra\b|nvmap|nvhost|\borin\b|\bxavier\b|\bthor\b", re.I)
PC_WORDS = re.compile(r"\bPCs?\b|\bPC's\b")


def likely(text: str) -> List[str]:
    """The meanings a reading prints: "likely:" lines of the text, and the Markdown reply's list of meanings."""
    result = read_cause(text)
    lines = render_text(result).splitlines() + render_markdown(result).splitlines()
    return [line for line in lines if line.strip().startswith(("likely:", "- `"))]


@pytest.mark.parametrize("family", FAMILIES, ids=[str(f["id"]) for f in FAMILIES])
def test_a_meaning_on_a_pc_names_no_jetson_part(family: dict) -> None:
    meant = meanings_on(family["causes"], "pc")
    said = [m for m in meant if JETSON_WORDS.search(m)]
    assert meant and not said, said


@pytest.mark.parametrize("family", FAMILIES, ids=[str(f["id"]) for f in FAMILIES])
def test_a_meaning_on_a_jetson_names_no_pc(family: dict) -> None:
    meant = meanings_on(family["causes"], "jetson")
    said = [m for m in meant if PC_WORDS.search(m)]
    assert meant and not said, said


@pytest.mark.parametrize("family", FAMILIES, ids=[str(f["id"]) for f in FAMILIES])
def test_on_no_system_every_meaning_is_kept_whole(family: dict) -> None:
    assert meanings_on(family["causes"], "") == list(family["causes"])


@pytest.mark.parametrize("family", FAMILIES, ids=[str(f["id"]) for f in FAMILIES])
def test_what_is_left_reads_as_a_sentence(family: dict) -> None:
    for system in ("pc", "jetson"):
        for meaning in meanings_on(family["causes"], system):
            assert meaning == meaning.strip() and meaning[:1].strip(), meaning
            # (no bracket left empty, no stop or separator left stranded, no sentence begun in lower case)
            assert not re.search(r"(?<!\w)\(\s*\)|\s[;:,]|[;:,]$|;\s*;|:\s*[;.]|\w\.\s+[a-z]", meaning), meaning


@pytest.mark.parametrize("cause, system, kept", [
    ("a (on a Jetson: b) c", "pc", "a c"),
    ("a (on a Jetson: b) c", "jetson", "a (on a Jetson: b) c"),
    ("a: on a Jetson, b; on a PC, c", "pc", "a: on a PC, c"),
    ("a: on a Jetson, b; on a PC, c", "jetson", "a: on a Jetson, b"),
    ("a. On a Jetson b (x; y); on a PC c", "pc", "a. On a PC c"),
    ("a (d; on a Jetson, e)", "pc", "a (d)"),
    ("(on a Jetson: b) c", "pc", "c"),
    ("on a PC: a", "jetson", None),
    ("on a Jetson: a", "pc", None),
    ("an x86 build on a PC", "jetson", "an x86 build on a PC"),  # (no clause: the words run on)
])
def test_the_clause_said_of_the_other_system_is_what_goes(cause: str, system: str, kept: Optional[str]) -> None:
    assert meanings_on([cause, "z"], system) == ([kept] if kept else []) + ["z"]


@pytest.mark.parametrize("system", ["pc", "jetson"])
def test_a_family_only_the_other_system_s_says_none_applies(system: str) -> None:
    other = "Jetson" if system == "pc" else "PC"
    assert meanings_on(["on a {}: a".format(other)], system) == [meanings_on([], system)[0]]
    assert "do not apply" in meanings_on([], system)[0]


def test_a_pc_s_out_of_memory_names_no_nvmap() -> None:
    said = likely(PC + "\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB")
    assert said and not any(JETSON_WORDS.search(line) for line in said), said


def test_a_pc_s_cpu_only_build_names_no_l4t_release() -> None:
    said = likely(PC + "\nAssertionError: Torch not compiled with CUDA enabled")
    assert said and not any(JETSON_WORDS.search(line) for line in said), said


def test_a_jetson_s_cuda_100_names_no_discrete_gpu_node() -> None:
    said = likely(JETSON_36 + "\ncudaGetDeviceCount returned 100\n-> no CUDA-capable device is detected")
    assert said and not any("nvidiactl" in line or PC_WORDS.search(line) for line in said), said


def test_a_jetson_s_missing_device_names_its_own_cause() -> None:
    said = likely(JETSON_36 + "\n>>> torch.cuda.is_available()\nFalse")
    assert any("generic" in line for line in said) and not any(PC_WORDS.search(line) for line in said), said
