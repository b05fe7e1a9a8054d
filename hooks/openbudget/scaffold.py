"""Next year's file from the latest one: structure kept, this year's content to fill in.

Kept: the department, its duties and organisation (主要职责, 基本情况), the glossary and
extra sections, units, line names and codes, headings (with the year updated). Emptied:
every figure and every paragraph of year-specific text, written as 待填写, which the
model refuses with a message saying what to fill in. Data notes belong to a year and are
dropped. Comments come from the model's Chinese field titles.
"""

from __future__ import annotations

import json
from decimal import Decimal

from .loading import Record
from .messages import title_of
from .model import PLACEHOLDER, DepartmentYear

KEEP = {"department", "duties", "basic_info", "glossary", "extra_sections"}
DROP = {"data_notes"}
TEXT_LISTS = {"paragraphs", "items", "preamble"}
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/department-year.schema.json"


def next_year(record: Record, year: int) -> str:
    old = record.data
    data = old.model_dump(mode="python", exclude_defaults=True)
    data["year"] = year
    for key in list(data):
        if key in DROP:
            del data[key]
        elif key not in KEEP and key != "year":
            data[key] = _blank(data[key], str(old.year), str(year), key)
    header = [
        SCHEMA_LINE, "#",
        f"# {old.department} {year} 年部门预算说明。由 `openbudget new-year {record.slug} {year}` "
        f"根据 {old.year} 年的文件生成：",
        "# 职责、机构情况、名词解释和栏目结构沿用上一年；金额和本年度文字写成“待填写”，请按本年度原文逐项填写，",
        "# 原文没有的栏目整段删除。填写完成前，`openbudget validate` 会逐项指出还要填写的地方。",
    ]
    for key, value in data.items():  # a blank line before each top-level section
        header += ["", *_emit({key: value}, ())]
    return "\n".join(header) + "\n"


def _blank(value, old_year: str, new_year: str, key: str):
    if isinstance(value, dict):
        return {k: _blank(v, old_year, new_year, k) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        if key in TEXT_LISTS:
            return [PLACEHOLDER]
        return [_blank(v, old_year, new_year, key) for v in value]
    if isinstance(value, Decimal) or key == "text":
        return PLACEHOLDER
    if key in ("heading", "title") and isinstance(value, str):
        return value.replace(old_year, new_year)
    return value


def _scalar(value) -> str:
    if isinstance(value, (Decimal, int)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _emit(value: dict, loc: tuple, indent: int = 0) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, item in value.items():
        title = title_of(DepartmentYear, loc + (key,))
        comment = f"  # {title}" if title and not isinstance(item, (dict, list)) else ""
        heading = f"{pad}{key}:" + (f"  # {title}" if title else "")
        if isinstance(item, dict):
            lines += [heading, *_emit(item, loc + (key,), indent + 2)]
        elif isinstance(item, list):
            lines.append(heading)
            for i, element in enumerate(item):
                if isinstance(element, dict):
                    body = _emit(element, loc + (key, i), indent + 4)
                    body[0] = f"{pad}  - " + body[0].lstrip()
                    lines += body
                else:
                    lines.append(f"{pad}  - {_scalar(element)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(item)}{comment}")
    return lines
