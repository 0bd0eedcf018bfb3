"""`make mutation` stays runnable and honest: its modules and test files exist, the page lists a
score for each module, and every mutant marked equivalent has its reason written on that page."""

from __future__ import annotations

import re
from pathlib import Path

import mutation

PAGE = Path(__file__).resolve().parent.parent / "docs" / "development" / "mutation.md"


def test_targets_exist() -> None:
    for target in mutation.TARGETS.values():
        assert (mutation.PACKAGE / (target.module + ".py")).is_file(), target.module
        for test in target.tests:
            assert (mutation.REPO / test).is_file(), test
    for test in mutation.RANDOM_TESTS:
        path, name = test.split("::")
        assert "def {}(".format(name) in (mutation.REPO / path).read_text(encoding="utf-8"), test


def test_page_lists_a_score_per_module() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for module in mutation.TARGETS:
        assert re.search(r"^\| `{}\.py` \| \d+ \| \d+ \| [\d.]+ % \|".format(re.escape(module)), text, re.M), module


def test_every_equivalent_mutant_has_its_reason_on_the_page() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for target in mutation.TARGETS.values():
        source = (mutation.PACKAGE / (target.module + ".py")).read_text(encoding="utf-8")
        for line in source.splitlines():
            if "pragma: no mutate" in line:
                code = line.split("#", 1)[0].strip()
                assert "`{}`".format(code) in text, "{}.py: {} is not explained in {}".format(target.module, code, PAGE.name)
