"""The JSON Schema editors' VS Code checks a data file with, generated from the model.

The model is the one source of truth; this module says its constraints the way the
editor's YAML plugin (YAML 1.2) sees the file. Two differences from the loader matter:

- The loader hands the model the text of every scalar; the plugin turns `33.1` into a
  number, `201` into an integer and `true` into a boolean. The shared types in model.py
  therefore describe both forms (``amount()``, ``text()``, ``code()``… below), and plain
  ``str``/``int``/``bool`` fields get the same treatment here, generically.
- A key written with no value (null), an empty list and an empty mapping are errors for
  the loader (only leaving a key out means "not published"), so the schema never accepts
  null and wants at least one item or field.

Patterns are read by Python's ``re`` (tests) and by JavaScript with the ``u`` flag (the
plugin): only syntax both read the same way is used. ``$`` is followed by ``(?!\\n)``
because Python's ``$`` also matches before a final line break. Messages (``errorMessage``,
``patternErrorMessage``: the plugin shows them instead of its English ones) are Chinese.
"""

from __future__ import annotations

import functools
import json
import sys

from pydantic.json_schema import GenerateJsonSchema

from ..vocabulary.characters import ZERO_WIDTH, hidden
from ..vocabulary.limits import MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS, MAX_ITEMS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
END = "$(?!\\n)"  # the end of the text, for Python's re as for JavaScript
PLACEHOLDER = "待填写"  # model.PLACEHOLDER (model imports this module)
SHARED = "x-shared"  # marks a shared type's schema: written once under $defs, referred to elsewhere

NOT_TEXT = "应为文字；文字中含有英文冒号加空格（“: ”）或以 [ { & * ! # 等符号开头时，请给整段文字加上英文双引号"
AMOUNT_MESSAGE = ("应为金额：只写半角数字，如 254.12 或 2,476,260.58（最多 "
                  f"{MAX_INTEGER_DIGITS} 位整数、{MAX_DECIMAL_PLACES} 位小数）；不能为负数，不写“万元”“元”，"
                  "单位写在本栏目的 unit 中")


def _ranges(chars) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for n in sorted(chars):
        if ranges and ranges[-1][1] == n - 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    return ranges


def _class(chars, negate: bool = False) -> str:
    """A character class; only \\ ] [ ^ - are escaped (JavaScript's u flag refuses other escapes)."""
    def one(n: int) -> str:
        ch = chr(n)
        return "\\" + ch if ch in "\\][^-" else ch
    body = "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in _ranges(chars))
    return f"[{'^' if negate else ''}{body}]"


HIDDEN = frozenset(n for n in range(sys.maxunicode + 1) if hidden(chr(n)))
SPACE = frozenset(n for n in range(sys.maxunicode + 1) if chr(n).isspace())  # what str.strip() removes


def _pattern(pattern: str, message: str) -> dict:
    return {"pattern": pattern, "patternErrorMessage": message}


class Shape:
    """Like pydantic's WithJsonSchema, but built from the type's core schema, so that a
    field's own ``Field(max_length=…)`` on a shared type still reaches the JSON Schema."""

    def __init__(self, build):
        self.build = build

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        return self.build(_str_limit(core_schema))


def _str_limit(core_schema: dict) -> int | None:
    """max_length on the str itself, or (after a validator) as pydantic's max_length_validator."""
    while True:
        if core_schema.get("max_length") is not None:
            return core_schema["max_length"]
        function = (core_schema.get("function") or {}).get("function")
        if isinstance(function, functools.partial) and "max_length" in function.keywords:
            return function.keywords["max_length"]
        if "schema" not in core_schema:
            return None
        core_schema = core_schema["schema"]


def text(name: str, allowed: str = "", markup: str = "") -> Shape:
    """Text as model._visible accepts it: not blank, not 待填写, nothing invisible."""
    return Shape(lambda max_length: {**_text(allowed, markup, max_length),
                                     SHARED: name + (f"_max{max_length}" if max_length else "")})


def _text(allowed: str, markup: str, max_length: int | None) -> dict:
    refused = HIDDEN - {ord(ch) for ch in allowed}
    rules = [
        _pattern("^" + _class(refused, negate=True) + "*" + END,
                 "含有不可见的字符（控制字符、零宽字符或方向控制符）：请删除它，运行 openbudget validate 可看到它在第几个字"),
        _pattern(_class(SPACE | {ord(ch) for ch in ZERO_WIDTH}, negate=True), "不能为空，请按原文填写"),
        _pattern(f"^(?!{_class(SPACE)}*{PLACEHOLDER}{_class(SPACE)}*$)", "请按本年度原文填写，替换“待填写”"),
    ]
    if markup:
        shown = " ".join(markup)
        rules.append(_pattern("^" + _class(map(ord, markup), negate=True) + "*" + END,
                              f"名称中不能含有 {shown}"))
    if max_length:
        rules.append(_pattern(f"^[\\s\\S]{{0,{max_length}}}{END}", f"太长（最多 {max_length} 个字）"))
    return {"anyOf": [{"type": "string", "allOf": rules, "errorMessage": NOT_TEXT},
                      {"type": ["number", "boolean"], "errorMessage": NOT_TEXT}]}


def amount() -> dict:
    """What money.parse_amount reads; a number the plugin parsed can only be checked for its sign and size."""
    whole = (f"(0|[1-9][0-9]{{0,{MAX_INTEGER_DIGITS - 1}}}|"
             f"[1-9][0-9]{{0,2}}(,[0-9]{{3}}){{1,{(MAX_INTEGER_DIGITS - 1) // 3}}})")
    pattern = f"^ *{whole}(\\.[0-9]{{1,{MAX_DECIMAL_PLACES}}})? *{END}"
    return {"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": 10 ** MAX_INTEGER_DIGITS,
                       "errorMessage": AMOUNT_MESSAGE},
                      {"type": "string", **_pattern(pattern, AMOUNT_MESSAGE), "errorMessage": AMOUNT_MESSAGE}],
            "markdownDescription": "金额：只写半角数字，如 `254.12`、`2,476,260.58`；单位写在本栏目的 `unit` 中。",
            SHARED: "Amount"}


def code(pattern: str) -> dict:
    """A classification code: the text, or the integer the plugin reads from an unquoted 201."""
    message = "应为 3、5 或 7 位半角数字的科目编码，如 201、20101"
    digits = [(10 ** (n - 1), 10 ** n - 1) for n in (3, 5, 7)]
    return {"anyOf": [{"type": "string", **_pattern(_whole(pattern), message), "errorMessage": message},
                      {"type": "integer", "anyOf": [{"minimum": a, "maximum": b} for a, b in digits],
                       "errorMessage": message}], SHARED: "Code"}


def slug(pattern: str, reserved) -> dict:
    taken = "|".join(sorted(reserved))
    return {"anyOf": [
        {"type": "string", "errorMessage": "应为网址名（小写英文字母、数字和连字符）",
         "allOf": [_pattern(_whole(pattern), "只能用小写英文字母、数字和连字符，如 org-structure"),
                   _pattern(f"^(?!({taken}){END})",
                            f"已被固定栏目使用，请换一个网址名（不能用：{'、'.join(sorted(reserved))}）")]},
        {"type": "integer", "minimum": 0, "errorMessage": "应为网址名（小写英文字母、数字和连字符）"}], SHARED: "Slug"}


def year(pattern: str, years: range) -> dict:
    message = f"应为 {years.start} 至 {years.stop - 1} 之间的四位数字年度，如 2021"
    return {"anyOf": [{"type": "integer", "minimum": years.start, "maximum": years.stop - 1, "errorMessage": message},
                      {"type": "string", **_pattern(_whole(pattern), message), "errorMessage": message}]}


def count(pattern: str) -> dict:
    message = "应为阿拉伯数字的整数，如 18（按原文）"
    return {"anyOf": [{"type": "integer", "minimum": 0, "errorMessage": message},
                      {"type": "string", **_pattern(_whole(pattern), message), "errorMessage": message}]}


def pattern_text(pattern: str, message: str, name: str) -> dict:
    """Text that must match a pattern (a web address, a date)."""
    return {"type": "string", **_pattern(_whole(pattern), message), "errorMessage": message, SHARED: name}


def _whole(pattern: str) -> str:
    return pattern[:-1] + END if pattern.endswith("$") else pattern


def _case_free(word: str) -> str:
    """"yes" → [Yy][Ee][Ss]: JavaScript has no inline (?i)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


# pydantic's lax bool from text (the loader's "true", "yes", "on"…), as a pattern
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")


class EditorSchema(GenerateJsonSchema):
    """pydantic's generator, told how the loader reads YAML (see the module docstring)."""

    def nullable_schema(self, schema):
        return self.generate_inner(schema["schema"])  # null is always refused

    def default_schema(self, schema):
        return self.generate_inner(schema["schema"])  # defaults are None or []: nothing to insert

    def list_schema(self, schema):
        result = super().list_schema(schema)
        result.setdefault("minItems", 1)
        result.setdefault("maxItems", MAX_ITEMS)
        return result

    def model_schema(self, schema):
        result = super().model_schema(schema)
        result.pop("title", None)  # the class name and docstring are English and for programmers
        result.pop("description", None)
        if "properties" in result:
            result["minProperties"] = 1
            required = "、".join(result.get("required", [])) or "无"
            result["errorMessage"] = (f"此处应为一组“字段: 值”。必填字段：{required}；其他字段见自动提示，"
                                      "未列出的字段名可能拼写有误")
        return result

    def literal_schema(self, schema):
        result = super().literal_schema(schema)
        values = result.get("enum") or [result.get("const")]
        result["errorMessage"] = "应为以下之一：" + "、".join(map(str, values))
        return result

    def str_schema(self, schema):
        result = super().str_schema(schema)
        if "pattern" in result:
            result["pattern"] = _whole(result["pattern"])
            return result
        return {"anyOf": [{**result, "errorMessage": NOT_TEXT}, {"type": ["number", "boolean"]}]}

    def int_schema(self, schema):
        result = super().int_schema(schema)
        # pydantic reads "2021", " 2021", "+2021", "2_021" and "2021.0" as 2021 (bounds apply after)
        text = {"type": "string", **_pattern("^\\s*[-+]?[0-9]+(_[0-9]+)*(\\.0*)?\\s*" + END, "应为整数")}
        return {"anyOf": [{**result, "errorMessage": "应为整数"}, text]}

    def bool_schema(self, schema):
        words = "|".join(map(_case_free, _BOOL_WORDS))
        message = "应为 true 或 false"
        return {"anyOf": [{"type": "boolean", "errorMessage": message},
                          {"type": "integer", "enum": [0, 1], "errorMessage": message},
                          {"type": "string", **_pattern(f"^({words}){END}", message)}]}


def schema(model, title: str) -> dict:
    result = model.model_json_schema(schema_generator=EditorSchema)
    result["$schema"] = DRAFT
    result["title"] = title
    _share(result, result.setdefault("$defs", {}))
    return result


def _share(node: object, defs: dict) -> None:
    """Move each shared type's schema to $defs once; its uses keep their own title."""
    if isinstance(node, list):
        for item in node:
            _share(item, defs)
    if not isinstance(node, dict):
        return
    for value in list(node.values()):
        _share(value, defs)
    if SHARED in node:
        name = node.pop(SHARED)
        shared = {k: v for k, v in node.items() if k not in ("title", "description")}
        assert defs.setdefault(name, shared) == shared, f"two different schemas named {name}"
        for key in shared:
            del node[key]
        node["$ref"] = f"#/$defs/{name}"


def schema_text(model, title: str) -> str:
    """The schema file: Chinese kept readable, every invisible character escaped."""
    text = json.dumps(schema(model, title), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return "".join(ch if ch.isprintable() or ch in " \n" else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    return json.dumps(ch)[1:-1]  # \uXXXX, a surrogate pair beyond the BMP
