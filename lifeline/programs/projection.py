"""Which parts of a request a set of expressions reads, so only those are handed to CEL.

Turning Python values into CEL values costs about a microsecond per string, so a context
holding only what the rules read is several times cheaper to build than the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lifeline.programs.expressions import STRING_LITERAL

# A usage tree: {"doc": {"beneficiary": {"passport": True}, "supporters": {"[]": {}}}}.
# True keeps a whole value; a dict keeps only its keys; "[]" is the tree for list elements.
Tree = dict[str, Any]
PROJECTED_ROOTS = ("doc", "facts")
_CHAIN = re.compile(r"(?<![\w.])([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*)*)(\s*\()?")
_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
_BOUND_NAME = re.compile(r"\s*([A-Za-z_]\w*)\s*,")
_MACRO_DECLARATION = re.compile(
    r"\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_]\w*)\s*,"
)
_SIZE_OPEN = re.compile(r"size\s*\(\s*$")


def usage_tree(sources: Iterable[str]) -> Tree:
    tree: Tree = {}
    for source in sources:
        text = STRING_LITERAL.sub("''", source)
        usage, declared_at = _usage(text)
        every_declaration = {match.start(1) for match in _MACRO_DECLARATION.finditer(text)}
        if not every_declaration <= declared_at:
            usage = _whole_roots(text)  # a macro over a computed list: keep every root whole
        _merge_into(tree, usage)
    return tree


def _whole_roots(text: str) -> Tree:
    tree: Tree = {}
    for match in _CHAIN.finditer(text):
        root, rest, call = match.groups()
        segments = [part.strip() for part in rest.split(".") if part.strip()]
        if call and segments:
            segments.pop()
        if root in PROJECTED_ROOTS:
            _mark(tree, [root, *segments], True)
    return tree


def _usage(text: str) -> tuple[Tree, set[int]]:
    """The usage of one expression, and where its macros' variables were resolved."""
    tree: Tree = {}
    bindings: dict[str, list[str]] = {}
    declared_at: set[int] = set()  # where a macro names its variable (not a use of it)
    for match in _CHAIN.finditer(text):
        if match.start() in declared_at:
            continue
        root, rest, call = match.groups()
        segments = [part.strip() for part in rest.split(".") if part.strip()]
        method = segments.pop() if call and segments else None
        if root in PROJECTED_ROOTS:
            path = [root, *segments]
        elif root in bindings:
            path = [*bindings[root], *segments]
        else:
            continue
        if method in _MACROS:
            bound = _BOUND_NAME.match(text, match.end())
            if bound:
                bindings[bound.group(1)] = [*path, "[]"]
                declared_at.add(bound.start(1))
            _mark(tree, [*path, "[]"], {})
        elif method == "size" or (
            method is None
            and _SIZE_OPEN.search(text, 0, match.start())
            and text[match.end() :].lstrip().startswith(")")
        ):
            _mark(tree, [*path, "[]"], {})
        else:
            _mark(tree, path, True)
    return tree, declared_at


def _mark(tree: Tree, path: list[str], leaf: Any) -> None:
    node = tree
    for step in path[:-1]:
        child = node.setdefault(step, {})
        if child is True:
            return
        node = child
    last = path[-1]
    if leaf is True:
        node[last] = True
    elif node.get(last) is not True:
        node.setdefault(last, {})


def merge(*trees: Tree) -> Tree:
    merged: Tree = {}
    for tree in trees:
        _merge_into(merged, tree)
    return merged


def _merge_into(target: Tree, source: Tree) -> None:
    for key, value in source.items():
        if value is True or target.get(key) is True:
            target[key] = True
        else:
            _merge_into(target.setdefault(key, {}), value)


def project(value: Any, tree: Any) -> Any:
    """`value` reduced to what `tree` keeps."""
    if tree is True:
        return value
    if isinstance(value, dict):
        return {key: project(value[key], sub) for key, sub in tree.items() if key in value}
    if isinstance(value, list):
        element = tree.get("[]")
        return value if element is None else [project(item, element) for item in value]
    return value
