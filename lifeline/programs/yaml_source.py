"""Strict YAML reading for policy files: no implicit dates, no duplicate keys, line numbers kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lifeline.programs.errors import PolicyFileInvalid


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading (libyaml when present) that keeps dates as text and refuses repeated keys."""

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 booleans only: `on`, `off`, `yes` and `no` stay text.
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class YamlUnreadable(ValueError):
    """The text is not YAML, or not a mapping at the top."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class YamlDocument:
    data: dict[str, Any]
    root: Node

    def line_of(self, path: Sequence[str | int]) -> int:
        """The 1-based line of the deepest node on `path` that exists in the file."""
        node = self.root
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: Node, step: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        pairs: list[tuple[Node, Node]] = node.value
        for key_node, value_node in pairs:
            if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                return value_node
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        items: list[Node] = node.value
        return items[step]
    return None


def read_yaml(text: str) -> YamlDocument:
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise YamlUnreadable("the file is empty", None)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlUnreadable(
            f"not valid YAML: {problem}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise YamlUnreadable(f"not valid YAML: {exc}", None) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise YamlUnreadable("the top level must be a mapping of keys to values", 1)
    return YamlDocument(data=data, root=root)


def parse_policy_text[Model: BaseModel](text: str, name: str, model: type[Model]) -> Model:
    """A policy file's text as `model`; PolicyFileInvalid names the line or field at fault."""
    try:
        document = read_yaml(text)
        return model.model_validate(document.data)
    except YamlUnreadable as error:
        raise PolicyFileInvalid(f"{name}, line {error.line}: {error.message}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PolicyFileInvalid(f"{name}: {where}: {first['msg']}") from None
