"""The lab profile's JSON Schema, applied with the standard library only.

The schema file (``profile.schema.json``) is the one statement of the format: the loader checks
every profile against it, and the reference page docs/lab/profile-format.md is generated from it.
Only the part of JSON Schema that file uses is implemented (type, const, enum, properties,
required, additionalProperties, items, pattern, minLength, minimum, maximum, local ``$ref``), and
an unknown keyword in the schema is an error, so the file cannot silently ask for more.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profile.schema.json")
REFERENCE_PAGE = "docs/lab/profile-format.md"
KEYWORDS = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum", "properties", "required",
            "additionalProperties", "items", "pattern", "minLength", "minimum", "maximum"}
class _Pattern:
    """A pattern compiled by re on first use (the CLI imports this module; start-up time counts)."""

    def __init__(self, text: str) -> None:
        self.pattern = text

    def fullmatch(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


NAME = _Pattern(r"[a-z0-9][a-z0-9-]{0,62}")  # a profile's and a device's name: a host name
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


class SchemaViolation(Exception):
    """A value the schema refuses: where (a key path such as ``devices.nodes[2].mode``), and why."""

    def __init__(self, where: str, problem: str, remedy: str) -> None:
        super().__init__("{}: {}; {}".format(where or "the profile", problem, remedy))
        self.where, self.problem, self.remedy = where, problem, remedy


def load_schema() -> Dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema: Dict[str, Any] = json.load(handle)
    return schema


def _resolve(node: Dict[str, Any], root: Dict[str, Any]) -> Dict[str, Any]:
    """``node`` with a local ``$ref`` merged in (the node's own keys win, e.g. a description)."""
    ref = node.get("$ref")
    if ref is None:
        return node
    if not ref.startswith("#/$defs/"):
        raise ValueError("schema: only local references to $defs are supported, not " + ref)
    merged = dict(root["$defs"][ref[len("#/$defs/"):]])
    merged.update((k, v) for k, v in node.items() if k != "$ref")
    return merged


def _type_ok(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _describe(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _join(where: str, key: str) -> str:
    return "{}.{}".format(where, key) if where else key


def validate(value: Any, node: Optional[Dict[str, Any]] = None, root: Optional[Dict[str, Any]] = None,
             where: str = "") -> None:
    """Raise SchemaViolation for the first place ``value`` breaks the schema (depth first, in key order)."""
    root = root if root is not None else load_schema()
    node = _resolve(node if node is not None else root, root)
    unknown = set(node) - KEYWORDS
    if unknown:
        raise ValueError("schema: unsupported keywords {}".format(", ".join(sorted(unknown))))
    hint = node.get("description", "")
    remedy = "see {} ({})".format(REFERENCE_PAGE, hint.split(". ")[0].rstrip(".")) if hint else "see " + REFERENCE_PAGE
    if "const" in node and value != node["const"]:
        raise SchemaViolation(where, "must be {}, not {}".format(_describe(node["const"]), _describe(value)), remedy)
    if "enum" in node and not any(value == option and type(value) is type(option) for option in node["enum"]):
        raise SchemaViolation(where, "{} is not one of {}".format(
            _describe(value), ", ".join(_describe(o) for o in node["enum"])), "use one of those")
    if "type" in node:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(_type_ok(value, n) for n in names):
            raise SchemaViolation(where, "must be {}, not {}".format(" or ".join(names), _describe(value)), remedy)
    if isinstance(value, str):
        if len(value) < node.get("minLength", 0):
            raise SchemaViolation(where, "must not be empty", remedy)
        if "pattern" in node and not re.search(node["pattern"], value):
            raise SchemaViolation(where, "{} does not have the expected form".format(_describe(value)), remedy)
    if isinstance(value, int) and not isinstance(value, bool) and not node.get("minimum", value) <= value <= node.get(
            "maximum", value):
        raise SchemaViolation(where, "{} is out of range {}..{}".format(value, node.get("minimum"), node.get("maximum")),
                              remedy)
    if isinstance(value, dict):
        _validate_object(value, node, root, where)
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            validate(item, node["items"], root, "{}[{}]".format(where, index))


def _validate_object(value: Dict[str, Any], node: Dict[str, Any], root: Dict[str, Any], where: str) -> None:
    properties: Dict[str, Any] = node.get("properties", {})
    # dict's own methods: what the schema looks at is not what the loader reads (a parity test tells them apart)
    for key in node.get("required", []):
        if not dict.__contains__(value, key):
            described = _resolve(properties.get(key, {}), root).get("description", "")
            raise SchemaViolation(_join(where, key), "is missing", "add it{}".format(
                " ({})".format(described.split(". ")[0].rstrip(".")) if described else ""))
    extra = node.get("additionalProperties", True)
    for key, item in dict.items(value):
        if key in properties:
            validate(item, properties[key], root, _join(where, key))
        elif extra is False:
            raise SchemaViolation(_join(where, key), "is not a key of the format", "remove it or check its spelling "
                                  "(known here: {})".format(", ".join(properties)))
        elif isinstance(extra, dict):
            validate(item, extra, root, _join(where, key))


# --- the reference page ---------------------------------------------------------------------------

def key_paths(root: Optional[Dict[str, Any]] = None) -> List[str]:
    """Every key the format names, as paths (``devices.nodes[].mode``; ``*`` for free names)."""
    return [path for path, _node, _required in _walk(root or load_schema())]


def _walk(root: Dict[str, Any]) -> Iterator[Tuple[str, Dict[str, Any], bool]]:
    def visit(node: Dict[str, Any], prefix: str) -> Iterator[Tuple[str, Dict[str, Any], bool]]:
        node = _resolve(node, root)
        required = set(node.get("required", []))
        for key, child in node.get("properties", {}).items():
            path = _join(prefix, key)
            child = _resolve(child, root)
            yield path, child, key in required
            yield from visit(child, path)
            if isinstance(child.get("items"), dict):
                yield from visit(child["items"], path + "[]")
            if isinstance(child.get("additionalProperties"), dict):
                yield from visit(child["additionalProperties"], path + ".*")

    return visit(root, "")


def _type_text(node: Dict[str, Any]) -> str:
    if "const" in node:
        return "`{}`".format(json.dumps(node["const"]))
    if "enum" in node:
        return "one of " + ", ".join("`{}`".format(o if isinstance(o, str) else json.dumps(o)) for o in node["enum"])
    names = node.get("type", "any")
    text = " or ".join(names) if isinstance(names, list) else str(names)
    if text == "array" and isinstance(node.get("items"), dict):
        item = _resolve(node["items"], load_schema())
        text = "array of " + ("objects" if item.get("type") == "object" else _type_text(item))
    if text == "object" and isinstance(node.get("additionalProperties"), dict):
        text = "object: name → " + _type_text(_resolve(node["additionalProperties"], load_schema()))
    if "pattern" in node:
        text += " matching `{}`".format(node["pattern"])
    if "minimum" in node or "maximum" in node:
        text += " {}..{}".format(node.get("minimum", ""), node.get("maximum", ""))
    return text


def reference_markdown(bases: Dict[str, Any], sets: Dict[str, Any]) -> str:
    """docs/lab/profile-format.md, generated from the schema and the bases and sets data."""
    root = load_schema()
    out = ["# Lab profile format, version 2", "",
           "<!-- Generated from tools/jetson_gpu_access/lab/profile.schema.json by "
           "tests/test_lab_format.py (UPDATE_DOCS=1); edit the schema, not this page. -->", "",
           root["description"], "",
           "The schema itself is `tools/jetson_gpu_access/lab/profile.schema.json`. `jetson-gpu-access lab check FILE` "
           "validates a profile without starting anything; an error names the key and what to do, and exits with 2.",
           "", "## Keys", "", "| Key | Required | Type | Meaning |", "| --- | --- | --- | --- |"]
    for path, node, required in _walk(root):
        meaning = node.get("description", "").replace("|", "\\|").replace("\n", " ")
        out.append("| `{}` | {} | {} | {} |".format(path, "yes" if required else "no", _type_text(node).replace("|", "\\|"),
                                                    meaning))
    out += ["", "## Account bases (`accounts.base`)", "", bases["about"], "", "| Base | Users | Groups |", "| --- | --- | --- |"]
    for name, base in bases.items():
        if name == "about":
            continue
        users = ", ".join("`{}` {}".format(*line.split(":")[0:3:2]) for line in base["passwd"]) or "none"
        groups = ", ".join("`{}` {}".format(*line.split(":")[0:3:2]) for line in base["group"]) or "none"
        out.append("| `{}` | {} | {} |".format(name, users, groups))
    out += ["", "## Node sets (`devices.set`)", "", sets["about"], "", "| Set | Nodes (group, mode) |", "| --- | --- |"]
    for name, entries in sets.items():
        if name == "about":
            continue
        out.append("| `{}` | {} |".format(name, ", ".join("`{}` ({}, {})".format(e["path"], e["group"], e["mode"])
                                                         for e in entries) or "none"))
    return "\n".join(out) + "\n"
