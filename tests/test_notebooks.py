"""notebooks/ holds executed runbooks for the site; they must come from the current sources."""

from __future__ import annotations

import json

import nbformat

import notebookgen


def test_published_runs_are_current() -> None:
    manifest = json.loads((notebookgen.NOTEBOOKS / "MANIFEST.json").read_text())
    assert manifest["inputs_sha256"] == notebookgen.inputs_sha256(), "notebooks/ is stale: run make notebooks"


def test_published_runs_are_executed_and_labelled() -> None:
    manifest = json.loads((notebookgen.NOTEBOOKS / "MANIFEST.json").read_text())
    assert {r["runbook"] for r in manifest["runs"]} == {"diagnose", "fix", "verify", "migrate"}
    for run in manifest["runs"]:
        notebook = nbformat.read(str(notebookgen.NOTEBOOKS / run["notebook"]), as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code[1:]), run["notebook"]
        if run["runbook"] != "migrate":
            assert run["provenance"]["kind"] == "SIMULATED lab profile"
            text = json.dumps(notebook)
            assert "SIMULATED lab profile {}".format(notebookgen.PROFILE) in text


def test_site_notebooks_have_no_error_outputs() -> None:
    for path in notebookgen.NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(str(path), as_version=4)
        assert not [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"], path


def test_site_notebooks_show_no_temporary_paths() -> None:
    """A reader sees where their own run writes (build/runbooks), not the folder of the run that made the page."""
    for path in notebookgen.NOTEBOOKS.glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "/tmp/" not in text and "jga-notebooks-" not in text, path
