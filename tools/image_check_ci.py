#!/usr/bin/env python3
"""The image check as CI runs it, and as tests/test_image_check.py runs it: no shell anywhere.

1. Build the example images of docs/examples (each recipe of the how-to guides on a common base,
   with the host's render GID as build argument), unless --no-build;
2. run ``jetson-gpu-access image-check`` over the image list;
3. with --expect, compare every view with the list's ``expect`` (per engine where they differ):
   the examples are meant to fail in some views, and CI fails when a recipe stops doing what the
   guides promise;
4. write rows.json (board, JetPack, toolkit, engine, image, view, result) for the site's
   validation matrix, append the summary to $GITHUB_STEP_SUMMARY when set, and remove the images
   it built (by id) unless --keep-images.

Exit codes: 0 as expected (or all passing without --expect), 1 otherwise, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Dict, List, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from jetson_gpu_access import imagecheck  # noqa: E402
from jetson_gpu_access.entrypoint import script as entrypoint_script  # noqa: E402
from jetson_gpu_access.safeio import InputError, write_output, write_under  # noqa: E402
from jetson_gpu_access.serde import to_jsonable  # noqa: E402

EXAMPLES = os.path.join(REPO, "docs", "examples")
# CI may run this as root: every file goes through the tool's one safe writer, and a refusal says what to do.
_REMEDY = "remove it, or choose another --out"
PREFIX = "jga-example-"


def parse(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", default=os.path.join(EXAMPLES, "images.yaml"), help="the image list")
    parser.add_argument("--out", default=os.path.join(REPO, "build", "image-check"), help="results folder")
    parser.add_argument("--runner-config", default=os.environ.get("JGA_RUNNER_CONFIG"),
                        help="this runner's engine set-up (JSON: engine, engine_options, run_options); default "
                             "$JGA_RUNNER_CONFIG")
    parser.add_argument("--only", action="append", default=[], help="check only this image of the list (repeatable)")
    parser.add_argument("--engine", default=None, help="docker, podman or a path")
    parser.add_argument("--engine-option", action="append", default=[], help="before the engine's command")
    parser.add_argument("--run-option", action="append", default=[], help="added to every run and build")
    parser.add_argument("--base", help="an existing base image (default: build docs/examples/base)")
    parser.add_argument("--os-image", default="ubuntu:22.04", help="what the base is built from")
    parser.add_argument("--render-gid", type=int, help="default: the GID of DEVICE_ROOT/dev/dri/renderD128")
    parser.add_argument("--device-root", help="take the GPU nodes from DIR/dev (a lab device) instead of /dev")
    parser.add_argument("--no-build", action="store_true", help="check images that already exist")
    parser.add_argument("--expect", action="store_true", help="compare each view with the list's expect")
    parser.add_argument("--keep-images", action="store_true", help="do not remove the images built here")
    parser.add_argument("--collect", metavar="DIR", help="only merge every rows.json under DIR into the file --out")
    return parser.parse_args(argv)


def _engine(args: argparse.Namespace, document: Dict[str, Any]) -> imagecheck.Engine:
    """The command line's engine set-up, over the runner's (--runner-config), over the list's."""
    runner: Dict[str, Any] = {}
    if args.runner_config:
        with open(args.runner_config, encoding="utf-8") as handle:
            runner = json.load(handle)
    merged = dict(document)
    merged.update({k: v for k, v in runner.items() if k in ("engine", "engine_options", "run_options")})
    return imagecheck.engine_for(merged, args.engine, args.engine_option, args.run_option)


def _build(engine: imagecheck.Engine, context: str, tag: str, build_args: Dict[str, str], iid_dir: str,
           containerfile: Optional[str] = None) -> str:
    """Build one image; its id (removed at the end by id)."""
    iid = os.path.join(iid_dir, tag.replace("/", "_") + ".iid")
    argv = ["build", "--quiet", "--tag", tag, "--iidfile", iid]
    if engine.name == "podman":
        argv += [o for o in engine.run_options if o.startswith("--ulimit")]
    for key, value in build_args.items():
        argv += ["--build-arg", "{}={}".format(key, value)]
    argv += ["--file", containerfile or os.path.join(context, "Containerfile"), context]
    code, _, err = engine.call(*argv, timeout=1800)
    if code != 0:
        raise SystemExit("building {} failed (exit {}): {}".format(tag, code, err.strip()[-2000:]))
    with open(iid, encoding="utf-8") as handle:
        return handle.read().strip()


def build_examples(args: argparse.Namespace, engine: imagecheck.Engine, specs: Sequence[imagecheck.ImageSpec],
                   work: str) -> List[str]:
    """Build the base (unless --base) and every example the list names; the ids built."""
    built: List[str] = []
    base = args.base
    if not base:
        base = PREFIX + "base"
        built.append(_build(engine, REPO, base, {"OS_IMAGE": args.os_image}, work,
                            os.path.join(EXAMPLES, "base", "Containerfile")))
    node = os.path.join(args.device_root or "/", "dev", "dri", "renderD128")
    render_gid = args.render_gid if args.render_gid is not None else (os.stat(node).st_gid if os.path.exists(node) else None)
    for name in sorted({s.image[len(PREFIX):] for s in specs if s.image.startswith(PREFIX)}):
        source = os.path.join(EXAMPLES, name)
        if not os.path.isfile(os.path.join(source, "Containerfile")):
            raise SystemExit("image {}{} has no docs/examples/{}/Containerfile".format(PREFIX, name, name))
        context = os.path.join(work, name)
        shutil.copytree(source, context)
        write_under(context, "jga-entrypoint", entrypoint_script(), _REMEDY)
        build_args = {"BASE": base}
        if render_gid is not None:
            build_args["RENDER_GID"] = str(render_gid)
        built.append(_build(engine, context, PREFIX + name, build_args, work))
    return built


def _expected(entry: Dict[str, Any], view: str, engine: str) -> Optional[str]:
    value = (entry.get("expect") or {}).get(view)
    if isinstance(value, dict):
        value = value.get(engine)
    return str(value) if value is not None else None


def compare(document: Dict[str, Any], run: imagecheck.CheckRun) -> List[str]:
    """Every view whose result differs from the list's expect, as lines for people."""
    entries = {str(e.get("name")): e for e in document["images"]}
    out = []
    for image in run.images:
        entry = entries.get(image.name, {})
        if image.status == "error":
            out.append("{}: did not run: {}".format(image.name, image.detail))
            continue
        for view in image.views:
            want = _expected(entry, view.view, run.host.engine)
            if want is not None and want != view.status:
                out.append("{} [{}]: expected {}, got {}: {}".format(image.name, view.view, want, view.status, view.detail))
    return out


def rows(run: imagecheck.CheckRun, simulated: bool) -> List[Dict[str, Any]]:
    label = "SIMULATED nodes" if simulated else "real"
    return [{"where": label, "board": b, "jetpack": j, "toolkit": t, "engine": e, "image": i, "view": v, "result": r,
             "tool": run.tool_version} for b, j, t, e, i, v, r in imagecheck.matrix_rows(run)]


def collect(folder: str, target: str) -> int:
    """Merge the rows.json files of many jobs (downloaded artifacts) into one file for the site."""
    merged: List[Dict[str, Any]] = []
    for where, _, files in sorted(os.walk(folder)):
        if "rows.json" in files:
            with open(os.path.join(where, "rows.json"), encoding="utf-8") as handle:
                merged += json.load(handle)
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    write_output(target, json.dumps({"recorded_by": "tools/image_check_ci.py --collect", "rows": merged}, indent=2) + "\n",
                 _REMEDY)
    print("{} rows from {} into {}".format(len(merged), folder, target))
    return 0 if merged else 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse(argv)
    if args.collect:
        return collect(args.collect, args.out)
    try:
        document = imagecheck.read_list(args.list)
        specs = imagecheck.image_specs(document, os.path.dirname(os.path.abspath(args.list)), args.device_root)
        unknown = sorted(set(args.only) - {s.name for s in specs})
        if unknown:
            raise imagecheck.ImageCheckError(2, "no image named {} in {}".format(", ".join(unknown), args.list))
        specs = [s for s in specs if not args.only or s.name in args.only]
        engine = _engine(args, document)
    except imagecheck.ImageCheckError as error:
        print("image-check: {}".format(error), file=sys.stderr)
        return error.code
    except (OSError, ValueError) as error:
        print("image-check: runner config {}: {}".format(args.runner_config, error), file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="jga-image-build-")
    built: List[str] = []
    try:
        if not args.no_build:
            built = build_examples(args, engine, specs, work)
        run = imagecheck.run_check(specs, engine, args.out)
    finally:
        if not args.keep_images:
            for image_id in reversed(built):
                engine.call("rmi", "--force", image_id, timeout=120)
        shutil.rmtree(work, ignore_errors=True)
    write_under(args.out, "rows.json", json.dumps(rows(run, args.device_root is not None), indent=2), _REMEDY)
    summary = imagecheck.markdown(run)
    differences = compare(document, run) if args.expect else []
    if args.expect:
        summary += "\nCompared with the list's expectations: {}\n".format(
            "as expected" if not differences else "differs:\n\n" + "\n".join("- " + d for d in differences))
    write_under(args.out, "summary.md", summary, _REMEDY)
    if os.environ.get("GITHUB_STEP_SUMMARY"):  # the CI system's own file, which it hands to the job to append to
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(summary)
    sys.stdout.write(summary)
    write_under(args.out, "built.json", json.dumps({"images": built, "removed": not args.keep_images,
                                                     "result": to_jsonable(run.status)}), _REMEDY)
    if args.expect:
        return 1 if differences else 0
    return 0 if run.status == "pass" else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.SubprocessError as error:
        print("image-check: {}".format(error), file=sys.stderr)
        sys.exit(1)
    except InputError as error:  # a result file the safe writer refused: one line, exit 2, nothing written there
        print("image-check: {}".format(error), file=sys.stderr)
        sys.exit(error.code)
