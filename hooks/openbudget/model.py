"""The typed model of one department-year file (data/<department>/<year>.yaml).

Every field has a Chinese ``title``: error messages and the JSON Schema show it to
editors beside the English key. Unknown keys are errors (``extra="forbid"``), so a typo
never silently drops data. Amounts are Decimal, built from the scalar's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from . import editorschema as js
from .characters import blank, full_width_message, hidden_message
from .limits import MAX_DEFINITION_CHARS
from .money import UNITS, parse_amount
from .sections import RESERVED_SLUGS


#: What `openbudget new-year` writes where this year's text or figure must be filled in.
PLACEHOLDER = "待填写"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def leaves(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every value in a model with its place in the YAML, e.g. (("budget", "by_economic", 1, "amount"), 18.25)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            here = loc + ((name,) if index is None else (name, index))
            if isinstance(item, BaseModel):
                yield from leaves(item, here)
            elif item is not None:
                yield here, item


def _amount(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("填写了字段但没有值：原文没有该数字时请删除这一行")
        if value.strip() == PLACEHOLDER:
            raise ValueError("请填写本年度的金额（按原文，只写数字）")
        return parse_amount(value)
    if isinstance(value, (list, dict)):
        written = "列表" if isinstance(value, list) else "一组“字段: 值”"
        raise ValueError(f"应为金额（一个数字，如 254.12），这里写成了{written}")
    # floats never become amounts: their binary value is not the published text.
    raise ValueError(f'应为金额，实际为 "{value}"')


def _text(value: object) -> object:
    """Paragraph-like text: a line break (from a YAML block scalar) is the only control allowed."""
    return _visible(value, allowed="\n")


def _visible(value: object, allowed: str = "") -> object:
    """Text as the reader sees it: not blank (zero-width marks count as blank), nothing invisible."""
    if isinstance(value, str) and blank(value):
        raise ValueError("不能为空，请按原文填写")
    if isinstance(value, str) and value.strip() == PLACEHOLDER:
        raise ValueError("请按本年度原文填写")
    if isinstance(value, str) and (problem := hidden_message(value, allowed)):
        raise ValueError(problem)
    return value


# Names and headings reach titles and navigation, and Material turns some of those into
# HTML again in the browser (tooltips): no markup characters or entities in them.
_MARKUP_CHARS = "<>&{}[]`"
_MARKUP = re.compile(f"[{re.escape(_MARKUP_CHARS)}\\x00-\\x1f]")
CODE_PATTERN = r"^[0-9]{3}([0-9]{2}){0,2}$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
YEARS = range(1990, 2101)
YEAR_PATTERN = r"^(199[0-9]|20[0-9]{2}|2100)$"  # YEARS as text; tests check they agree


def _name(value: str) -> str:
    if _MARKUP.search(value):
        raise ValueError("名称中不能含有 < > & { } [ ] ` 或控制字符")
    return value


def _code(value: object) -> object:
    """Only ASCII digits: a full-width ２０１ is not the code 201."""
    if isinstance(value, str) and (problem := hidden_message(value) or full_width_message(value)):
        raise ValueError(f"科目编码{problem}")
    return value


def _year(value: object) -> object:
    """Four ASCII digits: not "+2021", "2_021" or "2021.0", which int() would also read."""
    if isinstance(value, str) and not re.fullmatch(YEAR_PATTERN, value):
        raise ValueError(f"应为 {YEARS.start} 至 {YEARS.stop - 1} 之间的四位数字年度，如 2021")
    return value


def _free_slug(value: str) -> str:
    if value in RESERVED_SLUGS:
        raise ValueError(f"“{value}”已被固定栏目使用，请换一个网址名")
    return value


# Each shared type states its JSON Schema beside its validators (editorschema.py builds
# them): the editor's YAML plugin sees `33.1` as a number and `201` as an integer where
# the loader hands the model their text, so both forms are described.
Amount = Annotated[Decimal, BeforeValidator(_amount), WithJsonSchema(js.amount())]
Text = Annotated[str, BeforeValidator(_text), js.text("Text", allowed="\n")]
Name = Annotated[str, BeforeValidator(_visible), AfterValidator(_name), Field(max_length=200),
                 js.text("Name", markup=_MARKUP_CHARS)]
UnitName = Literal[tuple(UNITS)]  # type: ignore[valid-type]
Code = Annotated[str, BeforeValidator(_code), Field(pattern=CODE_PATTERN, title="科目编码"),
                 WithJsonSchema(js.code(CODE_PATTERN))]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN), AfterValidator(_free_slug),
                 WithJsonSchema(js.slug(SLUG_PATTERN, RESERVED_SLUGS))]
Year = Annotated[int, BeforeValidator(_year), Field(ge=YEARS.start, le=YEARS.stop - 1),
                 WithJsonSchema(js.year(YEAR_PATTERN, YEARS))]

#: Validators that answer 待填写 with "fill this in": where a template writes the placeholder.
FILL_IN = frozenset({_amount, _text, _visible})


class Narrative(Model):
    """Published text of a section: heading, paragraphs, numbered items, subsections."""

    heading: Name | None = Field(None, title="标题（按原文，含编号）")
    paragraphs: list[Text] = Field([], title="段落（按原文）")
    items: list[Text] = Field([], title="条目（按原文，含编号）")
    subsections: list[Narrative] = Field([], title="小节")


def _excerpt(value: object) -> object:
    """`excerpt: true` (YAML scalars reach the model as text), or a note saying what was taken."""
    if value is False or value == "false":
        raise ValueError("不是原文节选时请删除这一行；是节选时写 true 或写明节选了哪些内容")
    return True if value is True or value == "true" else _text(value)


Excerpt = Annotated[Literal[True] | str, BeforeValidator(_excerpt)]


class Document(Model):
    attachment: Name | None = Field(None, title="附件编号（如“附件1”）")
    title: Name | None = Field(None, title="文件标题", description="原文没有标题时删除这一行")
    excerpt: Excerpt | None = Field(
        None, title="原文节选", description="只录入了原文的一部分时写 true，或写明节选了哪些内容；每页都会注明")
    preamble: list[Text] = Field([], title="导语（按原文）")
    source: Text | None = Field(None, title="原文出处")


_PERCENT = re.compile(r"^(?:(?:0|[1-9][0-9]?)(?:\.[0-9]{1,4})?|100(?:\.0{1,4})?)$")  # 0 to 100


def _percent(value: object) -> Decimal:
    """A share as printed (80.55, 80.5, 33.333): its places are its precision, so kept as text."""
    text = value.strip().removesuffix("%") if isinstance(value, str) else None
    if text is None or not _PERCENT.match(text):
        raise ValueError(f'应为原文所列的百分数，只写数字，如 80.55（不写“%”也可），实际为 "{value}"')
    return Decimal(text)


Percent = Annotated[Decimal, BeforeValidator(_percent)]
PERCENT_TITLE = "原文所列占比（%，按原文，如 80.55）"


def _row_unit():
    """A line printed in another unit than its table (“0元” in a 万元 table) keeps it."""
    return Field(None, title="本行金额单位", description="与本栏目不同时填写，如万元表中写作“0元”的一行写 元")


class NamedAmount(Model):
    name: Name = Field(title="名称（按原文）")
    amount: Amount = Field(title="金额")
    unit: UnitName | None = _row_unit()
    percent: Percent | None = Field(None, title=PERCENT_TITLE)


class EconomicLine(Model):
    """A published name is kept as printed; the class comes from code, else from the name
    (classification.yaml). A name it does not know is accepted and reported by validate."""

    code: Code | None = Field(None, title="经济分类科目编码", description="如 301；名称不是《政府收支分类科目》中的名称时填写")
    name: Name = Field(title="经济分类名称（按原文）")
    amount: Amount = Field(title="金额")
    unit: UnitName | None = _row_unit()
    percent: Percent | None = Field(None, title=PERCENT_TITLE)


class StatedChange(Model):
    """“收入较去年245万元增加9.12万元，主要是……”: the change and its reason as published."""

    amount: Amount = Field(title="增减额（按原文，不带正负号）")
    direction: Literal["增加", "减少"] = Field(title="增加或减少")
    reason: Text | None = Field(None, title="原因（按原文）")


INCOMPLETE_TITLE = "原文“其中”所列不全（各项之和小于总额时写 true）"


class Budget(Narrative):
    unit: UnitName = Field(title="金额单位")
    income_total: Amount = Field(title="收入预算总额")
    expenditure_total: Amount | None = Field(None, title="支出预算总额（原文单列时填写）")
    by_source: list[NamedAmount] = Field([], title="收入按来源（原文列出时填写）")
    by_economic: list[EconomicLine] = Field([], title="按经济分类（原文“其中”所列各项）")
    by_source_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)
    by_economic_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)
    previous_income_total: Amount | None = Field(None, title="上年收入预算总额（按原文）")
    stated_change: StatedChange | None = Field(None, title="收入较上年增减（按原文）")


class FunctionLine(Model):
    code: Code | None = Field(None, title="功能分类科目编码")
    name: Name = Field(title="功能分类名称（按原文）")
    amount: Amount = Field(title="金额")
    unit: UnitName | None = _row_unit()
    text: Text | None = Field(None, title="说明（按原文）")
    percent: Percent | None = Field(None, title=PERCENT_TITLE)


class Expenditure(Narrative):
    unit: UnitName = Field(title="金额单位")
    basic: Amount | None = Field(None, title="基本支出")
    project: Amount | None = Field(None, title="项目支出")
    by_function: list[FunctionLine] = Field([], title="按支出功能分类")
    by_function_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)


# Amounts a document may leave unstated (a 三公 section that gives only its total): left out,
# they are shown as 原文未列明, never as 0, and the rules that need them are skipped.
NOT_STATED = "原文未列明时删除这一行：网站显示“原文未列明”，不按 0 计算"


class Vehicles(Model):
    total: Amount | None = Field(None, title="公务用车购置及运行维护费", description=NOT_STATED)
    purchase: Amount | None = Field(None, title="公务用车购置费")
    operation: Amount | None = Field(None, title="公务用车运行维护费")


class ThreePublic(Narrative):
    unit: UnitName = Field(title="金额单位")
    total: Amount = Field(title="“三公”经费合计")
    overseas: Amount | None = Field(None, title="因公出国（境）经费", description=NOT_STATED)
    reception: Amount | None = Field(None, title="公务接待费", description=NOT_STATED)
    vehicles: Vehicles | None = Field(None, title="公务用车购置及运行维护费", description=NOT_STATED)


class OperatingCosts(Narrative):
    unit: UnitName = Field(title="金额单位")
    amount: Amount = Field(title="机关运行经费")


class Procurement(Narrative):
    unit: UnitName | None = Field(None, title="金额单位")
    amount: Amount | None = Field(None, title="政府采购预算（原文有金额时填写）")


class Term(Model):
    term: Name = Field(title="名词")
    definition: Text = Field(title="解释（按原文）", max_length=MAX_DEFINITION_CHARS)
    aliases: list[Name] = Field([], title="其他写法")


class Glossary(Narrative):
    terms: list[Term] = Field([], title="名词解释（按原文顺序）")


class Assets(Narrative):
    unit: UnitName = Field(title="金额单位")
    total: Amount = Field(title="资产总额")
    current: Amount = Field(title="流动资产")
    non_current: Amount = Field(title="非流动资产")


class ExtraSection(Narrative):
    """A titled narrative section that this document has and others may not."""

    slug: Slug = Field(title="网址名（小写英文、数字和连字符）")
    title: Name = Field(title="栏目名称")


class DataNote(Model):
    """The editor's record that a finding `openbudget validate` reported is as published."""

    finding: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(title="数据说明编号（validate 输出的方括号内容）")
    as_published: bool = Field(title="原文如此（核对原文后写 true）")
    explanation: Text | None = Field(None, title="说明（将显示在网站上）")


class DepartmentYear(Model):
    department: Name = Field(title="部门名称")
    year: Year = Field(title="预算年度")
    document: Document = Field(title="文件信息")
    duties: Narrative | None = Field(None, title="主要职责")
    basic_info: Narrative | None = Field(None, title="基本情况")
    work_plan: Narrative | None = Field(None, title="年度主要工作任务")
    budget: Budget = Field(title="收支预算总体情况")
    expenditure: Expenditure | None = Field(None, title="支出预算安排情况")
    three_public: ThreePublic | None = Field(None, title="“三公”经费")
    operating_costs: OperatingCosts | None = Field(None, title="机关运行经费")
    procurement: Procurement | None = Field(None, title="政府采购")
    glossary: Glossary | None = Field(None, title="名词解释")
    performance: Narrative | None = Field(None, title="绩效目标")
    assets: Assets | None = Field(None, title="国有资产占用")
    extra_sections: list[ExtraSection] = Field([], title="其他栏目")
    data_notes: list[DataNote] = Field([], title="数据说明（对网站指出的疑点的解释）")


class GlossaryEntry(Term):
    # a term of the site's standard glossary (hooks/openbudget/data/), not of a department's document
    source: Text = Field(title="出处（依据的文件；本站改写的写“本站据……整理”）")


class GlossaryFile(Model):
    terms: list[GlossaryEntry] = Field(title="名词")
