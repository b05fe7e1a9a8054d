"""The draft department-year YAML, written as text so that it can carry comments.

The editor opens this file next: every figure has the sentence it came from above it
(# 原文：“……”), every field a short Chinese name (the model's own title), and the head of
the file says what to check. Amounts are written as the document printed them (the
digits of the text, never a number that went through float). Text is written plain when
YAML reads it back unchanged, else in double quotes.
"""

from __future__ import annotations

import json
import re

from ..document import model
from ..vocabulary import sections as sections_table
from ..vocabulary.figures import targets as target_specs
from . import targets
from .figures import Figure, Section
from .outline import Node, Outline

FLOW_UNSAFE = re.compile(r"[,\[\]{}#:]")

FIELD_MODELS = {**model.KIND_MODELS, "vehicles": model.Vehicles}  # where each field's Chinese title is
FIELD_ORDER = {
    "budget": ("income_total", "expenditure_total", "income_this_year", "brought_forward", "expenditure_this_year",
               "carried_over", "basic", "project", "by_source", "by_economic", "previous_income_total", "stated_change"),
    "expenditure": ("basic", "personnel", "public_costs", "project", "by_function", "by_economic"),
    "three_public": ("total", "overseas", "reception", "vehicles"),
    "operating_costs": ("amount",),
    "procurement": ("amount",),
    "assets": ("total", "current", "non_current"),
}
LINE_ORDER = ("code", "name", "amount", "unit", "percent", "text")
_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@` ")
_TYPED = re.compile(r"(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9._,:]+([eE][-+]?[0-9]+)?|\.inf|\.nan)")


def scalar(text: str) -> str:
    """YAML for a text: plain when it reads back as the same text, else double-quoted (JSON's
    quoting is YAML's)."""
    if (not text or text.startswith(_UNSAFE_START) or text != text.strip() or ": " in text or " #" in text
            or text.endswith(":") or "\n" in text or _TYPED.fullmatch(text) or "\t" in text):
        return json.dumps(text, ensure_ascii=False)
    return text


class Writer:
    def __init__(self, performance: dict[str, list[dict]] | None = None):
        self.lines: list[str] = []
        self.performance = dict(performance or {})  # a 绩效目标表's targets, a 绩效自评表's results, not yet written

    def add(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def comment(self, indent: int, text: str) -> None:
        self.add(indent, f"# {text}")

    def text_list(self, indent: int, key: str, values: list[str], title: str | None = None) -> None:
        if not values:
            return
        self.add(indent, f"{key}:" + (f"   # {title}" if title else ""))
        for value in values:
            self.add(indent + 2, f"- {scalar(value)}")

    def figure(self, indent: int, key: str, value: Figure, title: str | None, dash: bool = False) -> None:
        self.comment(indent, f"原文：“{value.sentence}”")
        if value.note:
            self.comment(indent, f"请核对：{value.note}")
        lead = "- " if dash else ""
        self.add(indent, f"{lead}{key}: {value.text}" + (f"   # {title}" if title else ""))


def render(*, department: str, year: int, outline: Outline, sections: dict[int, Section],
           header: list[str], tables: list[dict] | None = None, phase: str = "预算",
           performance: dict[str, list[dict]] | None = None) -> str:
    w = Writer(performance)
    w.add(0, "# yaml-language-server: $schema=../../schema/department-year.schema.json")
    w.add(0, "#")
    for line in header:
        w.comment(0, line)
    w.add(0, "")
    w.add(0, f"department: {scalar(department)}   # 部门名称")
    w.add(0, f"year: {year}   # 年度，必须与文件名一致")
    w.add(0, "")
    w.add(0, "document:   # 文件信息")
    if outline.attachment:
        w.add(2, f"attachment: {scalar(outline.attachment)}")
    if outline.title:
        w.add(2, f"title: {scalar(outline.title)}")
    w.text_list(2, "preamble", outline.preamble, "导语（第一个标题之前的文字）")
    if outline.published_on:
        w.add(2, f"published_on: {outline.published_on}   # 公开日期：取自网页上的发布日期，请核对")
    if w.lines[-1] == "document:   # 文件信息":  # nothing found (a workbook): nothing invented, a hint instead
        w.lines[-1] = "# document:   # 文件信息：原文开头没有找到附件编号、标题和导语；原文有标题时写 document: 和 title: ……"
    if phase != "预算":  # the file's name says it too (2022-final.yaml): the loader checks both agree
        at = next(i for i, line in enumerate(w.lines) if line.startswith(("document:", "# document:")))
        if w.lines[at].startswith("#"):
            w.lines.insert(at + 1, "document:")
            at += 1
        w.lines.insert(at + 1, f"  phase: {phase}   # 文件类型")
    if outline.sections:  # a workbook alone has tables and no outline
        w.add(0, "")
        w.add(0, "sections:   # 原文的目录结构，按原文顺序")
    for node in outline.sections:
        _section(w, 2, node, sections)
    if w.performance:  # read from the document's tables, and no section of the text to put them in
        if not outline.sections:
            w.add(0, "")
            w.add(0, "sections:   # 原文的栏目")
        w.add(2, f"- kind: performance   # {kind_title('performance')}（取自原文的绩效表）")
        _performance_tables(w, 4)
    if tables:
        write_tables(w, tables)
    return "\n".join(w.lines) + "\n"


def _has_kind_below(node: Node, sections: dict[int, Section]) -> bool:
    return any(sections[id(n)].kind for child in node.children for n in child.walk())


def _section(w: Writer, indent: int, node: Node, sections: dict[int, Section]) -> None:
    """One section with its own page; its children are sections too when one of them has a kind."""
    found = sections[id(node)]
    kind = found.kind
    if found.missing:  # a kind without its required figures would not load: kept as text, said why
        kind = None
        w.comment(indent, f"请核对：本节像是“{kind_title(found.kind)}”，但没有找到"
                          f"{'、'.join(field_title(found.kind, k) for k in found.missing_figures)}，暂作普通文字栏目；"
                          f"按原文补上后加上 kind: {found.kind}")
    if found.unplaced:
        w.comment(indent, "请核对：以下原文金额未能归入字段（文字已保留，未丢失）：")
        for sentence, why in found.unplaced:
            w.comment(indent, f"  “{sentence}”（{why}）")
    first = True

    def key(text: str) -> None:
        nonlocal first
        w.add(indent, ("- " if first else "  ") + text)
        first = False

    if kind:
        key(f"kind: {kind}   # {kind_title(kind)}")
    if node.heading:  # a text without headings is one section without one (headless.py)
        key(f"heading: {scalar(node.heading)}")
    else:
        w.comment(indent, "原文没有标题：网站显示本类栏目的标题")
    inner = indent + 2
    opened = len(w.lines)
    if kind in FIELD_ORDER and found.unit:
        w.add(inner, f"unit: {found.unit}   # 金额单位")
    _narrative_body(w, inner, node, found)
    _counts(w, inner, node.paragraphs + node.items)
    if kind in TARGET_KINDS:  # the text's targets, then (a performance section) its 绩效目标表's rows
        stated = targets.in_text([t for n in node.walk() for t in n.paragraphs + n.items])
        _targets(w, inner, kind, [], stated + (w.performance.pop("targets", []) if kind == "performance" else []))
    if kind == "performance":
        _performance_tables(w, inner)
    if kind in FIELD_ORDER:
        _fields(w, inner, kind, found.fields)
    if kind == "glossary" and found.terms:
        w.add(inner, "terms:   # 名词解释（按原文顺序）")
        for term, definition in found.terms:
            w.add(inner + 2, f"- term: {scalar(term)}")
            w.add(inner + 4, f"definition: {scalar(definition)}")
    if first:  # neither kind nor heading (a headless text kept as text): its first key opens the item
        at = next((i for i in range(opened, len(w.lines)) if not w.lines[i].lstrip().startswith("#")), None)
        if at is not None:
            w.lines[at] = " " * indent + "- " + w.lines[at][inner:]
            first = False
    children = [c for i, c in enumerate(node.children) if i not in found.used_children]
    if _has_kind_below(node, sections):
        w.add(inner, "sections:")
        for child in children:
            _section(w, inner + 2, child, sections)
    elif children:
        _subsections(w, inner, children)


COUNT = re.compile(r"([\u4e00-\u9fff]{2,12}?)\s*([0-9]+)\s*(人|名|辆|台|个)")
COUNT_WORDS = re.compile(r"编制|人员|人数|在职|退休|离休|遗属|职工|工勤|车辆|用车|岗|级")
UNIT_WORDS = re.compile(r"机构|单位|部室|科室|股室|站所")  # what is counted in 个 (设置事业单位7个, 单位数量1个)
COUNT_PREFIX = re.compile(r"^(?:年末|年底|年度?|本部门|本单位|本局|我单位|我部门|我局|全局|其中|共有|现有|截至\d*年底)+")
COUNT_SUFFIX = re.compile(r"(?:为|是|共计|共|合计|达到|达|有)+$")  # 核定编制总人数为15人: the name ends before 为
COUNT_OF = (("编制", "编制"), ("退休", "退休"), ("在职", "在职"), ("实有", "在职"), ("车", "车辆"))
RETIRED = re.compile(r"退休|离休")
COUNT_OWNER = re.compile(r"^.*(?:人民政府|政府|局|单位|部门|中心)")  # 沙地镇人民政府编制数77人: 编制数


def counts_in(texts: list[str]) -> list[tuple[str, str, str, str | None]]:
    """(name, count, measure word, what the county page compares) of each staff or vehicle count."""
    return [(c["name"], c["count"], c["unit"], c.get("of")) for group in counted(texts) for c in [group, *group["parts"]]]


def counted(texts: list[str]) -> list[dict]:
    """Each staff or vehicle count with the counts its “其中” lists as parts (编制数77人，其中：
    行政编制36人、事业编制41人). A total whose parts include retirees is not the 在职 count."""
    out: list[dict] = []
    for text in texts:
        text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        head, head_end = None, 0
        for m in COUNT.finditer(text):
            name = COUNT_SUFFIX.sub("", COUNT_PREFIX.sub("", m.group(1)) or m.group(1)) or m.group(1)
            name = COUNT_OWNER.sub("", name) if COUNT_WORDS.search(COUNT_OWNER.sub("", name)) else name
            after = re.split(r"为|是", name)[-1]  # 套用核定的工资岗位为专技岗7人: 专技岗
            name = after if len(after) >= 2 and COUNT_WORDS.search(after) else name
            if not (UNIT_WORDS if m.group(3) == "个" else COUNT_WORDS).search(name):
                continue
            of = None if m.group(3) == "个" else next((of for word, of in COUNT_OF if word in name), None)
            count = {"name": name, "count": m.group(2), "unit": m.group(3), "of": of, "parts": []}
            between = text[head_end:m.start(2)]
            if head is not None and "其中" in between and not re.search(r"[。；;]", between.split("其中")[-1]) \
                    and not re.search(r"[。；;]", between):
                head["parts"].append(count)
                if head.get("of") == "在职" and RETIRED.search(name):
                    head["of"] = None  # 实有在职人数92人，其中……退休人员22人: the total includes retirees
                continue
            out.append(count)
            head, head_end = count, m.end()
    return out


def _counts(w: Writer, indent: int, texts: list[str]) -> None:
    """Staff and vehicle counts of the section's text, written commented out: a count may be of
    another year (“1999年……行政编制3名”), so the editor confirms each by removing its #."""
    found = counted(texts)
    if not found:
        return
    w.comment(indent, "请核对：从原文识别出的人数、车辆数（“其中”各项已写在上一项的 parts 下）。是本年度的数字时"
                      "去掉下面各行开头的“# ”；of 只给编制、在职、退休、车辆各一项")
    w.comment(indent, "counts:   # 文中的人数、车辆数等（按原文）")
    seen: set[str] = set()

    def flow(c: dict, top: bool) -> str:
        compared = f", of: {c['of']}" if top and c["of"] and c["of"] not in seen else ""
        seen.add(c["of"] or "" if top else "")
        parts = f", parts: [{', '.join(flow(p, True) for p in c['parts'])}]" if c["parts"] else ""
        return f"{{name: {scalar(c['name'])}, count: {c['count']}, unit: {c['unit']}{compared}{parts}}}"

    for c in found:
        w.comment(indent, f"  - {flow(c, True)}")


TARGET_KINDS = {spec.section[0] for spec in target_specs() if spec.section[1] == "targets"}


def _targets(w: Writer, indent: int, kind: str, texts: list[str], found: list[dict] | None = None) -> None:
    """The targets the text states (importer/targets.py), or a table's rows, for the editor to check."""
    found = targets.in_text(texts) if found is None else found
    if not found:
        return
    w.comment(indent, "请核对：从原文识别出的目标（指标、目标值按原文；sentence 是目标所在的那句话）")
    w.add(indent, f"targets:   # {field_title(kind, 'targets')}")
    for target in found:
        _item(w, indent, target, ("indicator", "value", "sentence", "levels"))


RESULT_ORDER = ("indicator", "target", "actual", "reason", "levels")


def _performance_tables(w: Writer, indent: int) -> None:
    """The targets and results the document's 绩效目标表 and 绩效自评表 give (importer/targettables.py)."""
    found = w.performance.pop("targets", [])
    if found:
        _targets(w, indent, "performance", [], found)
    results = w.performance.pop("results", [])
    if results:
        w.comment(indent, "请核对：以下完成情况取自原文的绩效自评表")
        w.add(indent, f"results:   # {field_title('performance', 'results')}")
        for result in results:
            _item(w, indent, result, RESULT_ORDER)


def _item(w: Writer, indent: int, item: dict, order: tuple[str, ...]) -> None:
    first = True
    for name in order:
        if item.get(name):
            value = item[name]
            text = f"[{', '.join(scalar(v) for v in value)}]" if isinstance(value, list) else scalar(value)
            w.add(indent + (2 if first else 4), ("- " if first else "") + f"{name}: {text}")
            first = False


def _narrative_body(w: Writer, indent: int, node: Node, found: Section | None) -> None:
    used = found.used_paragraphs if found else set()
    w.text_list(indent, "paragraphs", [text for i, text in enumerate(node.paragraphs) if i not in used])
    used = found.used_items if found else set()
    w.text_list(indent, "items", [item for i, item in enumerate(node.items) if i not in used])


def _subsections(w: Writer, indent: int, children: list[Node]) -> None:
    w.add(indent, "subsections:   # 小节（与本栏目同页）")
    for child in children:
        w.add(indent + 2, f"- heading: {scalar(child.heading or '')}")
        _narrative_body(w, indent + 4, child, None)
        if child.children:
            _subsections(w, indent + 4, child.children)


def _fields(w: Writer, indent: int, kind: str, fields: dict) -> None:
    for name in FIELD_ORDER[kind]:
        value = fields.get(name)
        if value is None:
            continue
        title = field_title(kind, name)
        if isinstance(value, Figure):
            w.figure(indent, name, value, title)
        elif isinstance(value, list):
            w.add(indent, f"{name}:   # {title}")
            for line in value:
                _line(w, indent + 2, line)
        elif name == "vehicles":
            w.add(indent, f"{name}:   # {title}")
            for part in ("total", "purchase", "operation"):
                if part in value:
                    w.figure(indent + 2, part, value[part], _model_title(model.Vehicles, part))
        elif name == "stated_change":
            w.add(indent, f"{name}:   # {title}")
            if "_year" in value:
                w.comment(indent + 2, f"请核对：原文与 {value['_year']} 年比较")
            w.figure(indent + 2, "amount", value["amount"], "增减额")
            w.add(indent + 2, f"direction: {value['direction']}")
            if "reason" in value:
                w.add(indent + 2, f"reason: {scalar(value['reason'])}")


def _line(w: Writer, indent: int, line: dict) -> None:
    first = True
    for key in LINE_ORDER:
        if key not in line:
            continue
        value = line[key]
        if isinstance(value, Figure):
            if value.unit and key == "amount":
                w.figure(indent + (0 if first else 2), key, value, None, dash=first)
                w.add(indent + 2, f"unit: {value.unit}   # 本行单位与本栏目不同（按原文）")
            else:
                w.figure(indent + (0 if first else 2), key, value, None, dash=first)
        else:
            w.add(indent, ("- " if first else "  ") + f"{key}: {scalar(value) if key != 'code' else json.dumps(value)}")
        first = False


def field_title(kind: str, name: str) -> str:
    return _model_title(FIELD_MODELS.get(kind), name) or name


def _model_title(cls, name: str) -> str | None:
    field = cls.model_fields.get(name) if cls else None
    return field.title if field else None


def kind_title(kind: str | None) -> str:
    section = sections_table.BY_KEY.get(kind or "")
    return section.title if section else "文字"


def write_tables(w, tables: list[dict]) -> None:
    w.add(0, "")
    w.add(0, "tables:   # 预算表（按原文）")
    for table in tables:
        w.add(2, f"- title: {scalar(table['title'])}")
        if table.get("unit"):
            w.add(4, f"unit: {table['unit']}")
        if "sides" in table:
            w.add(4, "sides:")
            for side in table["sides"]:
                w.add(6, f"- heading: {scalar(side['heading'])}")
                _columns_and_rows(w, 8, side)
        else:
            _columns_and_rows(w, 4, table)


def _columns_and_rows(w, indent: int, part: dict) -> None:
    w.add(indent, f"columns: [{', '.join(_flow(c) for c in part['columns'])}]")
    w.add(indent, "rows:" if part["rows"] else "rows: []")
    for row in part["rows"]:
        items = []
        if "code" in row:
            items.append(f"code: {json.dumps(row['code'])}")
        if row["name"] or len(part["rows"]) > 1:  # a table's only row may have no name (the standard 三公 table)
            items.append(f"name: {_flow(row['name'])}")
        items.append(f"amounts: [{', '.join(json.dumps(a, ensure_ascii=False) for a in row['amounts'])}]")
        if "line" in row:
            items.append(f"line: {json.dumps(row['line'], ensure_ascii=False)}")
        w.add(indent + 2, "- {" + ", ".join(items) + "}")


def _flow(text: str) -> str:
    """A text inside [ ] or { }: plain when YAML reads it back unchanged there, else quoted."""
    plain = scalar(text)
    return plain if plain == text and not FLOW_UNSAFE.search(text) else json.dumps(text, ensure_ascii=False)
