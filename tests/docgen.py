"""Markdown tables the reference pages must contain, rendered from the data files.

test_docs.py asserts each page contains its table verbatim; `python tests/docgen.py` prints them
for pasting after the data changed.
"""

from __future__ import annotations

from typing import List, Optional

from jetson_gpu_access import data
from jetson_gpu_access.cli import build_parser
from jetson_gpu_access.exitcodes import DESCRIPTIONS


def l4t_table() -> str:
    table = data.load("l4t_jetpack")
    rows = ["| L4T | jetson-containers | jetson_stats |", "| --- | --- | --- |"]
    for l4t, claims in table["releases"].items():
        values = [claims.get("jetson-containers", "—"), claims.get("jetson_stats", "—")]
        if len(set(claims.values())) > 1:
            values = ["**{}**".format(v) if v != "—" else v for v in values]
        rows.append("| {} | {} | {} |".format(l4t, *values))
    return "\n".join(rows)


def device_table() -> str:
    rows = ["| Role | Nodes | Usual group | Platform | L4T | CUDA needs it | Access |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for role in data.load("devices")["roles"]:
        nodes = ", ".join("`{}`".format(p) for p in role["patterns"])
        for rule in role["rules"]:
            span = _span(rule["l4t"])
            rows.append("| {} | {} | {} | {} | {} | {} | {} |".format(
                role["role"], nodes, role["group"] or "—", rule["platform"] or "any", span, rule["requirement"], rule["access"]))
            nodes = "″"
    return "\n".join(rows)


def _span(l4t: Optional[List[int]]) -> str:
    """Rules are tried in order; a rule without a range applies when no earlier one did."""
    if l4t is None:
        return "otherwise"
    return "R{}+".format(l4t[0]) if l4t[1] >= 99 else "R{}–R{}".format(*l4t)


def exit_table() -> str:
    rows = ["| Code | Meaning |", "| --- | --- |"]
    rows += ["| {} | {} |".format(int(code), text) for code, text in DESCRIPTIONS.items()]
    return "\n".join(rows)


def cli_help(*command: str) -> str:
    parser = build_parser()
    if command:
        actions = [a for a in parser._actions if a.dest == "command"]
        parser = actions[0].choices[command[0]]  # type: ignore[index]
    return parser.format_help()


def main() -> None:
    blocks: List[str] = [l4t_table(), device_table(), exit_table(), cli_help(), cli_help("diagnose")]
    print("\n\n".join(blocks))


if __name__ == "__main__":
    main()
