"""The light Choice classes (choice.py) behave as the enums type checkers see, in every Python, and stay the
package's only enums at run time."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

import choiceparity
import clihelp
from jetson_gpu_access import serde
from jetson_gpu_access.choice import Choice, IntChoice
from jetson_gpu_access.exitcodes import Exit
from jetson_gpu_access.model import DeviceNode, NodeKind, NodeOrigin, Severity

HERE = Path(__file__).resolve().parent
THIS = "{}.{}".format(*sys.version_info[:2])
SUPPORTED = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13")


def test_every_class_matches_its_enum_build_here() -> None:
    assert [m for m, _ in choiceparity.choice_sources()].count("jetson_gpu_access.model") == 10  # it found them
    assert choiceparity.differences() == []
    assert choiceparity.package_classes_are_light() == []


@pytest.mark.parametrize("version", [v for v in SUPPORTED if v != THIS])
def test_every_class_matches_its_enum_build_in_other_pythons(version: str) -> None:
    """str(), format() and ``in`` of enums changed in 3.11 and 3.12: each Python must get its own enum's answers."""
    python = clihelp.interpreter(version)
    if python is None:
        pytest.skip("no Python {} here to compare with its enum".format(version))
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "tools"), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([python, str(HERE / "choiceparity.py")], capture_output=True, text=True, timeout=120, env=env,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("body", [
    "    _HIDDEN = 'x'\n",           # enum gives single-underscore names meanings of its own
    "    COUNT = 3\n",                # not a str: enum would make the member str(3)
    "    FLAG = True\n",
])
def test_a_body_enum_would_read_differently_is_refused(body: str) -> None:
    with pytest.raises(TypeError, match="a Choice member is a public name bound to a str"):
        exec("class Odd(str, Choice):\n" + body, {"Choice": Choice})  # noqa: S102


def test_refusals_of_int_classes_extension_and_bare_classes() -> None:
    with pytest.raises(TypeError, match="bound to a int"):
        exec("class Odd(IntChoice):\n    HALF = 0.5\n", {"IntChoice": IntChoice})  # noqa: S102
    with pytest.raises(TypeError, match="cannot extend Severity"):
        exec("class More(Severity):\n    FATAL = 'fatal'\n", {"Severity": Severity})  # noqa: S102
    with pytest.raises(TypeError, match=r"class Bare\(str, Choice\)"):
        exec("class Bare(Choice):\n    ONE = 'one'\n", {"Choice": Choice})  # noqa: S102


def test_serde_reads_and_writes_choices_as_their_values() -> None:
    node = DeviceNode("/dev/nvmap", "nvmap", NodeKind.CHAR, 10, 122, 0, 44, "video", 0o660, (), None, False, NodeOrigin.CREATED)
    data = serde.to_jsonable(node)
    assert data["kind"] == "char" and type(data["kind"]) is str and data["origin"] == "created"
    back = serde.from_jsonable(DeviceNode, data)
    assert back == node and back.kind is NodeKind.CHAR
    for bad in ("socket", ["char"], None, 3):
        with pytest.raises(ValueError, match="is not a valid NodeKind"):
            serde.from_jsonable(DeviceNode, dict(data, kind=bad))


def test_exit_codes_stay_ints_for_sys_exit_and_subprocess() -> None:
    assert [int(code) for code in Exit][:3] == [0, 1, 2] and Exit(70) is Exit.INTERNAL
    result = subprocess.run([sys.executable, "-c", "import sys; from jetson_gpu_access.exitcodes import Exit; "
                             "sys.exit(Exit.CONFLICT)"], env=dict(os.environ, PYTHONPATH=str(HERE.parent / "tools")),
                            capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (5, "")


def runtime_enum_imports() -> List[str]:
    """``module:line`` of each import of enum in the package that runs (not under ``if TYPE_CHECKING:``)."""
    found = []
    for path in sorted(choiceparity.PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and isinstance(block.test, ast.Name)
                  and block.test.id == "TYPE_CHECKING" for statement in block.body for n in ast.walk(statement)}
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if "enum" in names and id(node) not in hidden:
                found.append("{}:{}".format(path.relative_to(choiceparity.PACKAGE), node.lineno))
    return found


def test_the_package_defines_its_enums_as_choices() -> None:
    """serde converts Choices; an Enum class would not round-trip, and enum costs every command its import."""
    assert runtime_enum_imports() == []
