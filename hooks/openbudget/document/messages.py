"""Pydantic's validation errors, said in Chinese for an editor."""

from __future__ import annotations

import re
import types
import typing

from pydantic import BaseModel

from ..vocabulary.sections import SECTIONS

MESSAGES = {
    "missing": "缺少必填字段，请补上",
    "string_type": "应为文字",
    "int_parsing": "应为整数（如 2021）",
    "int_type": "应为整数（如 2021）",
    "int_from_float": "应为整数（如 2021）",
    "model_type": "应为一组“字段: 值”",
    "model_attributes_type": "应为一组“字段: 值”",
    "dict_type": "应为一组“字段: 值”",
    "list_type": "应为列表（每一项另起一行，以“- ”开头）",
    "string_too_short": "不能为空，请按原文填写",
    "string_too_long": "太长（最多 {max_length} 个字）",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "decimal_parsing": "应为金额（只写半角数字）",
    "decimal_type": "应为金额（只写半角数字）",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "union_tag_invalid": "{discriminator} 写的是“{tag}”，应为以下之一：{expected_tags}",
    "union_tag_not_found": "缺少 {discriminator} 字段，请写明",
    "unknown_kind": "栏目类型 kind 应为以下之一：" + "；".join(f"{s.key}（{s.title}）" for s in SECTIONS)
                    + "；一般文字栏目写 text 或不写 kind",
    "string_pattern_mismatch": "格式不对",
    "frozen_instance": "不能修改",
}

PATTERN_HINTS = {
    "slug": "只能用小写英文字母、数字和连字符，如 org-structure",
    "code": "应为 3、5 或 7 位半角数字的科目编码，如 201、20101",
    "finding": "应为 validate 输出中方括号里的编号，如 operating-costs-exceed-public-expenses",
}


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the field at the end of loc.

    In a tagged union (an outline section) the tag follows the list index, as pydantic
    reports it: ("sections", 3, "budget", "income_total")."""
    current: object = model
    annotation: object = None
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if annotation is not None and (tagged := _tagged(annotation, part)) is not None:
            current, annotation = tagged, None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        current = _inner_model(annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _tagged(annotation: object, tag: object) -> type[BaseModel] | None:
    """The member of a tagged union whose tag is `tag`."""
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        if any(getattr(meta, "tag", None) == tag for meta in args[1:]):
            return _inner_model(args[0])  # type: ignore[return-value]
    for arg in typing.get_args(annotation):
        if (found := _tagged(arg, tag)) is not None:
            return found
    return None


def _inner_model(annotation: object) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def title_of(model: type[BaseModel], loc: tuple) -> str | None:
    """The Chinese title of the field at loc (of its list, for a list item)."""
    while loc and isinstance(loc[-1], int) and len(loc) > 1 and isinstance(loc[-2], str):
        loc = loc[:-1]
    holder = model_at(model, loc)
    if holder is None or not loc or isinstance(loc[-1], int):
        return None
    field = holder.model_fields.get(loc[-1])
    return field.title if field else None


def describe(model: type[BaseModel], error: dict) -> str:
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    if kind == "extra_forbidden":
        holder = model_at(model, loc)
        allowed = "、".join(holder.model_fields) if holder else ""
        return f"未知字段“{loc[-1]}”（可能拼写有误）；此处可用的字段：{allowed}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "格式不对"))
    if kind == "string_pattern_mismatch":
        return PATTERN_HINTS.get(str(loc[-1]), "格式不对")
    if kind in MESSAGES:
        return MESSAGES[kind].format_map(_Context({k: _listed(v) for k, v in ctx.items()}))
    return "格式不对，请对照文件中的说明和编辑器的提示修改"  # pydantic's own words are English


def _listed(value: object) -> str:
    """pydantic's "'元' or '万元'" → 元、万元 (an editor types the values without quotes)."""
    quoted = re.findall(r"'([^']*)'", str(value))
    return "、".join(quoted) if quoted else str(value)


class _Context(dict):
    def __missing__(self, key: str) -> str:
        return "…"  # never "None" or a KeyError in a message
