"""Files for editors to fill in: next year's from the latest one, or a new department's.

``new_department`` writes every field the model has, with its Chinese title as a
comment: 待填写 where the model answers the placeholder with "fill this in", a valid
choice for units, and the rest (codes, slugs, switches) as commented-out lines. It
walks the model, so a field added to the model appears in the template.


Kept: the department, the document's outline (its sections, their order, nesting and
headings, with the year updated), the sections that describe the department rather than
the year (主要职责, 基本情况, 单位构成, 名词解释, other narrative sections), units, line
names and codes. Emptied: every figure and every paragraph of year-specific text, written
as 待填写, which the model refuses with a message saying what to fill in. Data notes
belong to a year and are dropped. Comments come from the model's Chinese field titles.
"""

from __future__ import annotations

import json
import types
import typing
from decimal import Decimal

from pydantic import BaseModel

from ..document.messages import title_of
from ..document.model import FILL_IN, KIND_MODELS, PLACEHOLDER, DepartmentYear
from ..document.record import Record
from ..vocabulary.phases import BUDGET, FINAL
from ..vocabulary.sections import BY_KEY, SECTIONS, TEXT

KEEP = {"duties", "basic_info", "units", "glossary", TEXT}  # kinds that describe the department
DROP = {"data_notes"}
TEXT_LISTS = {"paragraphs", "items", "preamble"}
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/department-year.schema.json"


def next_year(record: Record, year: int, phase: str = BUDGET) -> str:
    """phase: the kind of the new file (预算, 调整预算, 决算), which may differ from the one it is made from."""
    old = record.data
    data = old.model_dump(mode="python", exclude_defaults=True)
    data["year"] = year
    for key in DROP & set(data):
        del data[key]
    document = {k: v for k, v in data["document"].items() if k != "phase"}
    data["document"] = {**({"phase": phase} if phase != BUDGET else {}),
                        **_blank(document, str(old.year), str(year), "document")}
    data["sections"] = [_next_section(s, str(old.year), str(year), phase) for s in data["sections"]]
    command = f"openbudget new-year {record.slug} {year}" + (f" --kind {phase}" if phase != BUDGET else "")
    header = [
        SCHEMA_LINE, "#",
        f"# {old.department} {year} 年部门{phase}说明。由 `{command}` "
        f"根据 {old.year} 年的文件生成：",
        "# 职责、机构情况、名词解释和栏目结构沿用上一年；金额和本年度文字写成“待填写”，请按本年度原文逐项填写，",
        "# 原文没有的栏目整段删除。填写完成前，`openbudget validate` 会逐项指出还要填写的地方。",
    ]
    for key, value in data.items():  # a blank line before each top-level section
        header += ["", *_emit({key: value}, ())]
    return "\n".join(header) + "\n"


def _next_section(section: dict, old_year: str, new_year: str, phase: str = BUDGET) -> dict:
    """A section for next year: its kind first, its own text kept or emptied by kind. The 三公's
    预算数 and reason for the difference belong to a 决算 only."""
    kind = section.get("kind", TEXT)
    if phase != FINAL and kind == "three_public":
        section = {k: v for k, v in section.items() if k not in ("budgeted", "reason")}
    children = [_next_section(c, old_year, new_year, phase) for c in section.pop("sections", [])]
    own = {k: v for k, v in section.items() if k != "kind"}
    if kind not in KEEP:
        own = _blank(own, old_year, new_year, kind)
    elif "heading" in own:
        own["heading"] = own["heading"].replace(old_year, new_year)
    own = _next_targets(own, phase)
    return {**({"kind": kind} if kind != TEXT else {}), **own, **({"sections": children} if children else {})}


def _next_targets(own: dict, phase: str) -> dict:
    """Targets keep their indicators (and 一级/二级指标); their values and sentences are this year's
    to fill in. Results belong to a 决算: kept the same way in a 决算, dropped from a 预算."""
    if "targets" in own:
        own["targets"] = [{"indicator": t["indicator"], "value": PLACEHOLDER,
                           **({"sentence": PLACEHOLDER} if "sentence" in t else {}),
                           **({"levels": t["levels"]} if t.get("levels") else {})} for t in own["targets"]]
    if "results" in own and phase != FINAL:
        del own["results"]
    elif "results" in own:
        own["results"] = [{"indicator": r["indicator"], **({"target": PLACEHOLDER} if "target" in r else {}),
                           "actual": PLACEHOLDER, **({"levels": r["levels"]} if r.get("levels") else {})}
                          for r in own["results"]]
    return own


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
                    here = loc + (key, i) + ((element.get("kind", TEXT),) if key == "sections" else ())
                    body = _emit(element, here, indent + 4)
                    body[0] = f"{pad}  - " + body[0].lstrip()
                    lines += [""] if loc == () and key == "sections" and i else []  # between top-level sections
                    lines += body
                else:
                    lines.append(f"{pad}  - {_scalar(element)}")
        elif key == "kind":
            lines.append(f"{pad}kind: {item}  # {BY_KEY[item].title if item in BY_KEY else '一般文字栏目'}")
        else:
            lines.append(f"{pad}{key}: {_scalar(item)}{comment}")
    return lines


# --- a new department ----------------------------------------------------------------

def new_department(slug: str, name: str, year: int) -> str:
    lines = [
        SCHEMA_LINE, "#",
        f"# {name} {year} 年部门预算说明。由 `openbudget new-department {slug} --name {name} --year {year}` 生成。",
        "# 把每个“待填写”按原文填写（文字照录，金额只写半角数字，单位写在本栏目的 unit 中）；",
        "# 原文没有的栏目或字段，连同字段名整段（整行）删除；以“# ”开头的行是可选字段，需要时去掉“# ”再填写。",
        "# 填写完成前，`openbudget validate` 会逐项指出还要填写的地方。",
    ]
    given = {"department": _scalar(name), "year": str(year)}
    for key, field in DepartmentYear.model_fields.items():
        lines += [""] if _shape(field.annotation, field.metadata)[0] != "leaf" else []
        if key == "tables":  # a table's shape depends on the document's: an example would mislead
            lines.append(f"# tables:  # {field.title}：原文附有表格时填写，写法见 README 的“公开表”")
            continue
        lines += _outline(field) if key == "sections" else _field(key, field, 0, (DepartmentYear,), given.get(key))
    return "\n".join(lines) + "\n"


OUTLINE_HELP = """\
  # 以上栏目按常见顺序列出：请按原文的目录调整顺序、删去原文没有的栏目，heading 照录原文标题（含编号）。
  # 原文的其他栏目写成只有标题和文字的一般栏目，放在原文所在的位置，例如：
  # - heading: 十、其他需要说明的情况
  #   paragraphs:
  #     - 待填写
  # 原文分“第一部分”“第二部分”等层次时，把下级栏目写在上级栏目的 sections 中，例如：
  # - heading: 第一部分 部门概况
  #   sections:
  #     - kind: duties
  #       heading: 一、主要职能
  #       paragraphs:
  #         - 待填写"""


# fields only a 决算 has (the 三公's 预算数 and reason for the difference): optional in the template
FINAL_ONLY = {"three_public": ("budgeted", "reason")}

# lists of figures many documents do not state, each tied to its own sentence of the text (a target
# and its result): an example to copy, not a block of 待填写 that validates only once filled in
EXAMPLE_ONLY = ("targets", "results")


def _outline(field) -> list[str]:
    """Every kind of section once, in the usual order, each with its fields."""
    lines = [f"sections:  # {field.title}（必填）"]
    for section in SECTIONS:
        model = KIND_MODELS[section.key]
        body = [f"kind: {section.key}  # {section.title}"] + [
            _commented(line, 4) if key in FINAL_ONLY.get(section.key, ()) else line
            for key, f in model.model_fields.items() if key not in ("kind", "sections")
            for line in _field(key, f, 4, (DepartmentYear, model))]
        lines += [""] if section is not SECTIONS[0] else []
        lines += [f"  - {body[0]}", *body[1:]]
    return lines + [""] + OUTLINE_HELP.splitlines()


def _shape(annotation, metadata=()) -> tuple[str, object, tuple]:
    """("model", cls) / ("list", inner shape) / ("leaf", type) with the validators met on the way."""
    metadata = tuple(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            metadata += annotation.__metadata__
            annotation = typing.get_args(annotation)[0]
        else:
            break
    if origin is list:
        return "list", _shape(typing.get_args(annotation)[0]), metadata
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation, metadata
    return "leaf", annotation, metadata


def _field(key: str, field, indent: int, path: tuple, given: str | None = None) -> list[str]:
    pad = " " * indent
    title = (field.title or "") + ("（必填）" if field.is_required() else "")
    kind, inner, metadata = _shape(field.annotation, field.metadata)
    if given is not None:
        return [f"{pad}{key}: {given}  # {title}"]
    if kind == "list":
        kind, inner, metadata = inner
        if kind == "model" and not _recursive(inner, path):
            body = _fields(inner, indent + 4, path + (inner,))
            body[0] = f"{pad}  - " + body[0].lstrip()
            block = [f"{pad}{key}:  # {title}", *body]
            # an item that needs more than 待填写 (a slug, a finding's id) is an example to copy
            if _fillable(inner) and key not in EXAMPLE_ONLY:
                return block
            return [_commented(line, indent) for line in block if not line.endswith(_SAME)]
        if kind == "leaf" and _fill_in(metadata):
            return [f"{pad}{key}:  # {title}", f"{pad}  - {PLACEHOLDER}"]
        return [f"{pad}# {key}:  # {title}{_SAME}" if kind == "model" else f"{pad}# {key}:  # {title}"]
    if kind == "model":
        return [f"{pad}{key}:  # {title}", *_fields(inner, indent + 2, path + (inner,))]
    if _fill_in(metadata):
        return [f"{pad}{key}: {PLACEHOLDER}  # {title}"]
    if typing.get_origin(inner) is typing.Literal and all(isinstance(c, bool) for c in typing.get_args(inner)):
        return [f"{pad}# {key}: true  # {title}"]  # a switch: off unless the document says so
    if typing.get_origin(inner) is typing.Literal and field.default is not None and not field.is_required():
        # a choice with a default (document.phase: 预算): left as it is unless the document is another
        return [f"{pad}# {key}: {field.default}  # {field.title}：{'、'.join(typing.get_args(inner))}（不写时为"
                f"{field.default}）"]
    if typing.get_origin(inner) is typing.Literal:
        choices = typing.get_args(inner)
        return [f"{pad}{key}: {choices[-1]}  # {field.title}：{' 或 '.join(map(str, reversed(choices)))}"
                + ("（必填）" if field.is_required() else "")]
    return [f"{pad}# {key}:  # {title}"]


def _recursive(model: type[BaseModel], path: tuple) -> bool:
    """A section's subsections have the section's own fields: shown once, not again inside."""
    return any(issubclass(outer, model) for outer in path)


_SAME = "（写法同上一级）"


def _commented(line: str, indent: int) -> str:
    """One level of "# " at the block's indent, so that uncommenting the block gives YAML."""
    body = line[indent:]
    stripped = body.lstrip()
    if stripped.startswith("# "):
        body = body[:len(body) - len(stripped)] + stripped[2:]
    return line[:indent] + "# " + body


def _fields(model: type[BaseModel], indent: int, path: tuple) -> list[str]:
    blocks = [_field(key, field, indent, path) for key, field in model.model_fields.items()]
    # optional lines written as comments go last, so that a list item starts with a field
    return [line for block in sorted(blocks, key=lambda b: b[0].lstrip().startswith("# ")) for line in block]


def _fillable(model: type[BaseModel]) -> bool:
    """Every required field can be written as 待填写 or a valid choice."""
    for field in model.model_fields.values():
        kind, inner, metadata = _shape(field.annotation, field.metadata)
        if field.is_required() and not (_fill_in(metadata) or typing.get_origin(inner) is typing.Literal
                                        or (kind == "model" and _fillable(inner))):
            return False
    return True


def _fill_in(metadata: tuple) -> bool:
    return any(getattr(m, "func", None) in FILL_IN for m in metadata)
