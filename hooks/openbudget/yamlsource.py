"""Read YAML into plain data while remembering where every value came from.

PyYAML's constructors lose positions, turn 33.1 into a float and keep the last of two
duplicate keys. This module composes the node tree instead and builds the data itself:
mappings become dicts (a repeated key is a problem), sequences lists, and every scalar
stays the exact text the editor typed (null stays None). Typing is the model's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, format_path

NULL_TAG = "tag:yaml.org,2002:null"

Loc = tuple


@dataclass
class Source:
    """Parsed YAML plus a position for every value and every key."""

    file: str
    data: object = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at loc, or of the nearest parent."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def where(self, loc: Loc) -> str:
        """file:line of the value at loc, to name a place in another message."""
        return f"{self.file}:{self.position(loc)[0]}"

    def problem(self, loc: Loc, message: str, path: str = "", *, key: bool = False,
                level: str = "error") -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.file, line, column, path, message, level)  # type: ignore[arg-type]


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    if "'\\t'" in problem or "\\t" in problem:
        return "YAML 格式错误：不能用制表符（Tab）缩进，请改用空格"
    context = getattr(error, "context", None)
    detail = f"{context}，{problem}" if context else problem
    return f"YAML 格式错误（请检查缩进、冒号和引号）：{detail}"


def read(text: str, file: str) -> Source:
    source = Source(file)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        source.problems.append(Problem(file, line, column, "", _syntax_message(error)))
        return source
    except yaml.YAMLError as error:
        source.problems.append(Problem(file, 1, 1, "", _syntax_message(error)))
        return source
    if root is None:
        source.problems.append(Problem(file, 1, 1, "", "文件为空：请按说明填写部门预算数据"))
        return source
    source.data = _build(root, (), source)
    return source


def _build(node: Node, loc: Loc, source: Source) -> object:
    source.values[loc] = _pos(node)
    if isinstance(node, ScalarNode):
        return None if node.tag == NULL_TAG else node.value
    if isinstance(node, SequenceNode):
        return [_build(item, loc + (i,), source) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            line, column = _pos(key_node)
            source.problems.append(Problem(source.file, line, column, "", "字段名必须是文字"))
            continue
        key = key_node.value
        if key in result:
            line, column = _pos(key_node)
            first = source.keys[loc + (key,)][0]
            source.problems.append(Problem(
                source.file, line, column, format_path(loc + (key,)),
                f"字段“{key}”重复出现（第一次在第 {first} 行）；同一层级每个字段只能写一次"))
            continue
        source.keys[loc + (key,)] = _pos(key_node)
        result[key] = _build(value_node, loc + (key,), source)
        if not isinstance(value_node, ScalarNode):
            # a problem with a whole list or mapping is shown at its key, not its first item
            source.values[loc + (key,)] = _pos(key_node)
    return result
