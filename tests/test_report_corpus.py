"""explain over texts quoted from public issues (tests/data/report_corpus.yaml), against readings
written by hand: error classes, L4T and JetPack (or an honest unknown), node listings, group
lists, /etc/group lines, container launches, and the top-1 cause. Every field is compared, so a
reading explain invents where the text shows nothing fails as surely as one it misses.

Two numbers are reported apart: top-1 cause accuracy (gate: at least 90 %) and invented
statements (gate: none), a statement being invented when it rests on no line of the paste without
saying it is assumed, or says what the hand-written reading lists under `must_not_say`. A cause named on
a system the paste does not show is said with that assumption (and the question asks for the missing
fact): when the thread shows the other system it is a miss, counted by accuracy, not an invention.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jetson_gpu_access import data
from jetson_gpu_access.explain import Explanation, explain, render_markdown, render_text
from jetson_gpu_access.textfacts import normalise

CORPUS: List[Dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "report_corpus.yaml").read_text())
# Readings written against the symptom index of 2026-11-30 (`vocabulary: 2026-11-30`) name only its ids.
VOCABULARY_2026_11_30 = {"cuda-801", "nvmap-denied", "nvrmgpu-open", "nvmap-missing", "cuda-100", "cuda-999", "cuda-304",
                         "render-node-denied", "render-group-name", "nameless-gid", "nvml-permissions", "egl-display",
                         "jtop-socket"}
CAUSES = {c["id"] for c in data.load("causes")["causes"]}
LAUNCH_DEFAULTS = {"group_add": [], "devices": [], "user": None, "privileged": False, "runtime": None,
                   "dev_mount": False, "image": None}


def reading(text: str, vocabulary: Any = None) -> Dict[str, Any]:
    """What explain read from ``text``, in the corpus's notation."""
    result = explain(text)
    seen = result.observed
    return {
        "errors": [m.id for m in result.matches if vocabulary is None or m.id in VOCABULARY_2026_11_30],
        "l4t": seen.l4t,
        "jetpack": list(seen.jetpack),
        "jetpack_stated": seen.jetpack_stated,
        "model": seen.model,
        "nodes": [[n.path, n.owner, n.group, "{:04o}".format(n.mode), n.acl, n.major, n.minor] for n in seen.nodes],
        "session_user": seen.session_user,
        "session_groups": list(seen.session_groups),
        "group_lines": [[g.name, g.gid, list(g.members)] for g in seen.group_lines],
        "launches": [{"source": x.source, "group_add": list(x.group_add), "devices": list(x.devices), "user": x.user,
                      "privileged": x.privileged, "runtime": x.runtime, "dev_mount": x.dev_mount, "image": x.image}
                     for x in seen.launches],
    }


def expected(entry: Dict[str, Any]) -> Dict[str, Any]:
    want = dict({"errors": [], "l4t": None, "jetpack": [], "jetpack_stated": None, "model": None, "nodes": [], "session_user": None,
                 "session_groups": [], "group_lines": [], "launches": []}, **entry["expect"])
    for key in ("l4t", "jetpack_stated"):
        want[key] = None if want[key] is None else str(want[key])
    want["launches"] = [dict(LAUNCH_DEFAULTS, **launch) for launch in want["launches"]]
    return want


def test_the_corpus_is_big_and_sourced() -> None:
    assert len(CORPUS) >= 100
    assert len({e["url"].rstrip("/") for e in CORPUS}) == len(CORPUS)
    assert all(e["url"].startswith("https://") and e["text"].strip() and e["cause"] in CAUSES for e in CORPUS)
    releases = {str(e["expect"].get("l4t", "")).split(".")[0] for e in CORPUS}
    assert {"28", "32", "35", "36", "38"} <= releases  # JetPack 3 (out of the tables) to 7


@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e["url"].split("github.com/")[1])
def test_reading_matches_the_hand_written_one(entry: Dict[str, Any]) -> None:
    assert reading(entry["text"], entry.get("vocabulary")) == expected(entry), entry["about"]


def invented(entry: Dict[str, Any], result: Explanation) -> List[str]:
    """What ``result`` states that the paste does not support."""
    text = normalise(entry["text"])
    # a line is found as printed, or with its continuation lines joined ("... CUDA run\" is a line of the paste), the
    # shell's "> " before each continuation left out
    flats = (" ".join(re.sub(r"\\\n[ \t]*(?:>[ \t])?", " ", text).split()), " ".join(text.split()))

    def unseen(line: str) -> bool:
        return not any(" ".join(line.split()) in flat for flat in flats)

    wrong = ["{!r} rests on no line of the paste".format(s.text) for s in result.statements
             if not s.assumed and (not s.evidence or any(unseen(line) for line in s.evidence))]
    if not result.cause.why.assumed and any(unseen(line) for line in result.cause.why.evidence):
        wrong.append("the cause's evidence is not in the paste")
    said = render_text(result) + render_markdown(result)
    for phrase in entry.get("must_not_say", []):
        if phrase in CAUSES:
            if result.cause.id == phrase and not result.cause.assumption:  # named on an assumed system: a miss, said as one
                wrong.append("names {} as the cause".format(phrase))
        elif phrase.lower() in said.lower():
            wrong.append("says {!r}".format(phrase))
    if re.search(r"\b4\d{9}\b", said):
        wrong.append("prints an internal placeholder GID")
    return wrong


def test_cause_accuracy_and_invented_statements() -> None:
    """Top-1 cause accuracy and invented statements, reported apart (each with its gate)."""
    misses, inventions = [], []
    for entry in CORPUS:
        result = explain(entry["text"])
        if result.cause.id != entry["cause"]:
            misses.append("{}: {} (want {})".format(entry["url"], result.cause.id, entry["cause"]))
        inventions += ["{}: {}".format(entry["url"], w) for w in invented(entry, result)]
    accuracy = 1 - len(misses) / len(CORPUS)
    print("\ntop-1 cause accuracy: {:.1%} of {} reports; invented statements: {}".format(accuracy, len(CORPUS), len(inventions)))
    print("\n".join(["miss: " + m for m in misses] + ["invented: " + w for w in inventions]))
    assert not inventions, inventions
    assert accuracy >= 0.9, misses

@pytest.mark.parametrize("entry", [e for e in CORPUS if len(e["text"].splitlines()) > 1],
                         ids=lambda e: e["url"].split("://")[1])
@settings(max_examples=12, deadline=None)
@given(draw=st.data())
def test_any_subset_of_a_real_paste_invents_nothing(entry: Dict[str, Any], draw: Any) -> None:
    """For any subset of a real paste's lines, every statement has a line of that subset, or says it is assumed."""
    lines = entry["text"].splitlines()
    kept = draw.draw(st.lists(st.sampled_from(lines), max_size=len(lines), unique=True))
    text = "\n".join(line for line in lines if line in kept)
    assert invented({"text": text}, explain(text)) == []


CORPUS_LINES = sorted({line for e in CORPUS for line in e["text"].splitlines()})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CORPUS_LINES) | st.text(max_size=60), max_size=10))
def test_mixed_pastes_never_invent_observations(lines: List[str]) -> None:
    """Lines of different reports shuffled together with noise: every observation is in the text."""
    text = "\n".join(lines)
    seen = explain(text).observed
    flat = " ".join(text.split())
    assert seen.l4t is None or (seen.l4t.split(".")[1] in text and seen.l4t.split(".")[0] in text)
    assert seen.jetpack_stated is None or seen.jetpack_stated in text
    assert all(n.path.rsplit("/", 1)[-1] in text and n.owner in text and n.group in text for n in seen.nodes)
    assert seen.session_user is None or "({})".format(seen.session_user) in text
    assert all(g in flat for g in seen.session_groups)
    assert all("{}:".format(g.name) in text and str(g.gid) in text for g in seen.group_lines)
    for launch in seen.launches:
        assert launch.source.split()[0] in text or "group_add" in text or "devices:" in text or "runtime:" in text
        assert all(value in text for value in launch.group_add + launch.devices)
        assert launch.image is None or launch.image in text
