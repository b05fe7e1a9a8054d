"""The typed model of one department-year file (data/<department>/<year>.yaml).

Every field has a Chinese ``title``: error messages and the JSON Schema show it to
editors beside the English key. Unknown keys are errors (``extra="forbid"``), so a typo
never silently drops data. Amounts are Decimal, built from the scalar's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    WithJsonSchema,
    model_validator,
)

from ..vocabulary.characters import blank, full_width_message, hidden_message
from ..vocabulary.figures import label
from ..vocabulary.limits import MAX_DEFINITION_CHARS
from ..vocabulary.money import UNITS, parse_amount, plain_amount
from ..vocabulary.phases import BUDGET, WORDS
from ..vocabulary.sections import BY_KEY, RESERVED_SLUGS, TEXT
from . import editorschema as js


def name(key: str) -> str:
    """A figure's name in a 预算, as a field's title shows it to editors (vocabulary/figures.py)."""
    return label(key, BUDGET)


#: What `openbudget new-year` writes where this year's text or figure must be filled in.
PLACEHOLDER = "待填写"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def leaves(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every value in a model with its place, e.g. (("budget", "by_economic", 1, "amount"), 18.25).

    An outline section's own values only: its child sections are sections of their own."""
    for name in type(model).model_fields:
        if name == "sections" and isinstance(model, Part):
            continue
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


# Names and headings reach titles, navigation and search results, and Material's scripts
# build some of those as HTML in the browser: no markup characters or entities in them.
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


# A glossary term is also its address on the glossary page (glossary/#<term>): a / or a \ (which
# browsers read as /) in it would make the links to it leave the glossary.
_PATH_CHARS = "/\\"


def _term(value: str) -> str:
    if any(ch in value for ch in _PATH_CHARS):
        raise ValueError("名词中不能含有 / 或 \\（名词也是它在名词解释页上的地址）")
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
# in JSON (the document's download) an amount is its published text: money.plain_amount
Amount = Annotated[Decimal, BeforeValidator(_amount), PlainSerializer(plain_amount, return_type=str, when_used="json"),
                   WithJsonSchema(js.amount())]
Text = Annotated[str, BeforeValidator(_text), js.text("Text", allowed="\n")]
Name = Annotated[str, BeforeValidator(_visible), AfterValidator(_name), Field(max_length=200),
                 js.text("Name", markup=_MARKUP_CHARS)]
TermName = Annotated[str, BeforeValidator(_visible), AfterValidator(_name), AfterValidator(_term), Field(max_length=200),
                     js.text("TermName", markup=_MARKUP_CHARS + _PATH_CHARS)]
UnitName = Literal[tuple(UNITS)]  # type: ignore[valid-type]
Code = Annotated[str, BeforeValidator(_code), Field(pattern=CODE_PATTERN, title="科目编码"),
                 WithJsonSchema(js.code(CODE_PATTERN))]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN), AfterValidator(_free_slug),
                 WithJsonSchema(js.slug(SLUG_PATTERN, RESERVED_SLUGS))]
Year = Annotated[int, BeforeValidator(_year), Field(ge=YEARS.start, le=YEARS.stop - 1),
                 WithJsonSchema(js.year(YEAR_PATTERN, YEARS))]

COUNT_PATTERN = r"[0-9]{1,7}"


def _count(value: object) -> object:
    """A whole number in ASCII digits: not “十八”, “18.0” or “１８”."""
    if isinstance(value, str) and not re.fullmatch(COUNT_PATTERN, value):
        raise ValueError("应为阿拉伯数字的整数，如 18（按原文；原文写汉字数字时也写成阿拉伯数字）")
    return value


CountValue = Annotated[int, BeforeValidator(_count), Field(ge=0), WithJsonSchema(js.count(COUNT_PATTERN))]

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


COUNT_WORDS = ("人", "名", "台", "辆", "个", "户")  # the measure word a count is published with
COUNTED = ("编制", "在职", "退休", "车辆")  # what a county page compares across departments


class Headcount(Model):
    """A count the text states (核定编制18名, 实有在职人数22人, 现有车辆1台), with the parts it lists."""

    name: Name = Field(title="名称（按原文，如 核定编制、实有在职人数、公务用车）")
    count: CountValue = Field(title="数量（按原文）")
    unit: Literal[COUNT_WORDS] = Field(title="量词（按原文：人、名、台、辆）")  # type: ignore[valid-type]
    of: Literal[COUNTED] | None = Field(  # type: ignore[valid-type]
        None, title="各部门汇总中比较的项目：编制、在职（实有在职人数）、退休、车辆（不写则不比较）")
    parts: list[Headcount] = Field([], title="其中（按原文，如 行政编制、事业编制）")
    parts_incomplete: bool = Field(False, title="原文“其中”所列不全（各项之和小于总数时写 true）")


class Part(Narrative):
    """A section of the document's outline: its own text (and figures, by its kind) and the
    sections the document nests under it, each of them a page of its own. (`subsections`
    are the section's own numbered parts, shown on its page.)"""

    counts: list[Headcount] = Field([], title="文中的人数、车辆数等（按原文，如核定编制、实有人数、车辆）")
    sections: list[OutlineSection] = Field([], title="下级栏目（按原文顺序，各自成页）")

    @model_validator(mode="before")
    @classmethod
    def _not_empty(cls, data: object) -> object:
        """A section with nothing but its kind is a slip (a file cut off, a block deleted)."""
        if isinstance(data, dict) and data and not set(data) - {"kind"}:
            raise ValueError("栏目没有内容：请按原文填写标题、文字或金额；原文没有这个栏目时请删除这一项")
        return data


KIND_TITLE = "栏目类型"


def _kind(key: str):
    return Field(title=KIND_TITLE, description=BY_KEY[key].title)


class TextSection(Part):
    """A narrative section that is none of the known kinds (or a part grouping others)."""

    kind: Literal["text"] = Field(TEXT, title=KIND_TITLE, description="一般文字栏目（可不写 kind）")
    heading: Name = Field(title="标题（按原文，含编号）")
    slug: Slug | None = Field(None, title="网址名（可不填；小写英文、数字和连字符）")


class Duties(Part):
    kind: Literal["duties"] = _kind("duties")


class BasicInfo(Part):
    kind: Literal["basic_info"] = _kind("basic_info")


class Units(Part):
    kind: Literal["units"] = _kind("units")


# A target's value as printed: 100%, ≥70%, 70%以上, “零进京”“零赴蓉” (vocabulary/targets.py reads it).
TargetValue = Annotated[str, BeforeValidator(_visible), Field(max_length=200), js.text("TargetValue")]
LEVELS_TITLE = "一级指标、二级指标（绩效目标表、绩效自评表所列，按原文；文字中的目标不写）"


class Target(Model):
    """A target the document sets: “确保信访事项及时受理率100%”, or a row of a 绩效目标表."""

    indicator: Name = Field(title="指标（按原文，如 信访事项及时受理率；绩效目标表中的三级指标）")
    value: TargetValue = Field(title="目标值（按原文，如 100%、≥70%、70%以上、“零进京”）")
    sentence: Text | None = Field(None, title="原文语句（目标所在的那句话，按原文；须含目标值）",
                                  description="目标出自本栏目文字时填写；出自绩效目标表时可不写")
    levels: list[Name] = Field([], title=LEVELS_TITLE, max_length=2)

    @property
    def name(self) -> str:  # how lines are matched across documents (classification.same_line)
        return self.indicator


class Result(Model):
    """What a 决算 (its 绩效自评表) reports done for a target, as published."""

    indicator: Name = Field(title="指标（按原文，与预算中的目标同名；绩效自评表中的三级指标）")
    target: TargetValue | None = Field(None, title="年度指标值（绩效自评表所列，按原文）")
    actual: TargetValue = Field(title="实际完成值（按原文）")
    reason: Text | None = Field(None, title="偏差原因分析及改进措施（按原文）")
    levels: list[Name] = Field([], title=LEVELS_TITLE, max_length=2)

    @property
    def name(self) -> str:
        return self.indicator


class WorkPlan(Part):
    kind: Literal["work_plan"] = _kind("work_plan")
    targets: list[Target] = Field([], title="工作目标（文中可衡量的目标，按原文）")


class Performance(Part):
    kind: Literal["performance"] = _kind("performance")
    targets: list[Target] = Field([], title="绩效目标（文中或绩效目标表所列，按原文）")
    results: list[Result] = Field([], title="绩效自评结果（决算的绩效自评表所列，按原文）")


# The official original: where the public and journalists can find it on the government's site.
# No space, quote or markup; no invisible or direction-changing character (U+200B, U+202E …),
# which would make the address read as another; no user-info before the host
# (https://www.miyi.gov.cn@evil.example/ goes to evil.example).
_URL_CHARS = "[^\\s<>\"'{}|\\\\^`\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff]"
URL_PATTERN = f"^https?://{_URL_CHARS.replace('^', '^@/?#', 1)}+([/?#]{_URL_CHARS}*)?$"
URL_MESSAGE = "应为以 http:// 或 https:// 开头的网址，如 https://www.example.gov.cn/xxgk/2021/123.html"
USERINFO_MESSAGE = "网址的主机名前不能有“…@”（如 https://www.example.gov.cn@别的网站/ 实际打开的是 @ 后面的网站）"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DATE_MESSAGE = "应为“年-月-日”格式的日期，如 2021-03-15"


def _date(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(DATE_PATTERN, value):
        raise ValueError(DATE_MESSAGE)
    return value


def _url(value: object) -> object:
    if isinstance(value, str) and (problem := hidden_message(value)):
        raise ValueError(f"网址{problem}")
    if isinstance(value, str) and re.match(r"[a-zA-Z]+://[^/?#]*@", value):
        raise ValueError(USERINFO_MESSAGE)
    if isinstance(value, str) and not re.fullmatch(URL_PATTERN, value):
        raise ValueError(URL_MESSAGE)
    return value


Url = Annotated[str, BeforeValidator(_url), Field(max_length=2000),
                WithJsonSchema(js.pattern_text(URL_PATTERN, URL_MESSAGE, "Url"))]
PublishedOn = Annotated[date, BeforeValidator(_date), WithJsonSchema(js.pattern_text(DATE_PATTERN, DATE_MESSAGE, "Date"))]


class Document(Model):
    phase: Literal[WORDS] = Field(  # type: ignore[valid-type]
        BUDGET, title="文件类型", description="预算、调整预算或决算；文件名与之对应：2021.yaml、2021-adjusted.yaml、2021-final.yaml")
    attachment: Name | None = Field(None, title="附件编号（如“附件1”）")
    title: Name | None = Field(None, title="文件标题", description="原文没有标题时删除这一行")
    excerpt: Excerpt | None = Field(
        None, title="原文节选", description="只录入了原文的一部分时写 true，或写明节选了哪些内容；每页都会注明")
    preamble: list[Text] = Field([], title="导语（按原文）")
    source: Text | None = Field(None, title="原文出处")
    source_url: Url | None = Field(None, title="原文网址（政府网站上公开该文件的页面或文件）")
    published_on: PublishedOn | None = Field(None, title="公开日期（如 2021-03-15）")

    @property
    def source_host(self) -> str | None:
        """The host the link to the original goes to: its text names it (www.miyi.gov.cn)."""
        return None if self.source_url is None else re.split(r"[/?#:]", self.source_url.split("://", 1)[1])[0]


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
# Amounts a document may leave unstated (a 决算 explanation that states no total, a 三公 section
# that gives only its total): left out, they are shown as 原文未列明, never as 0, and the rules
# that need them are skipped.
NOT_STATED = "原文未列明时删除这一行：网站显示“原文未列明”，不按 0 计算"


class Budget(Part):
    kind: Literal["budget"] = _kind("budget")
    unit: UnitName | None = Field(None, title="金额单位", description="本栏目有金额时填写")
    income_total: Amount | None = Field(None, title=name("income_total"), description=NOT_STATED)
    expenditure_total: Amount | None = Field(None, title=name("expenditure_total"), description=NOT_STATED)
    by_source: list[NamedAmount] = Field([], title="收入按来源（原文列出时填写）")
    by_economic: list[EconomicLine] = Field([], title="按经济分类（原文“其中”所列各项）")
    by_source_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)
    by_economic_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)
    income_this_year: Amount | None = Field(None, title=name("income_this_year"), description=NOT_STATED)
    brought_forward: Amount | None = Field(None, title=name("brought_forward"), description=NOT_STATED)
    expenditure_this_year: Amount | None = Field(None, title=name("expenditure_this_year"), description=NOT_STATED)
    carried_over: Amount | None = Field(None, title=name("carried_over"), description=NOT_STATED)
    # 基本支出/项目支出 where the document states them in its 收支 section (the 支出 section's otherwise)
    basic: Amount | None = Field(None, title=f"{name('basic')}（原文在收支总体情况中列出时）", description=NOT_STATED)
    project: Amount | None = Field(None, title=f"{name('project')}（原文在收支总体情况中列出时）", description=NOT_STATED)
    previous_income_total: Amount | None = Field(None, title=f"{name('previous_income_total')}（按原文）")
    stated_change: StatedChange | None = Field(None, title="收入较上年增减（按原文）")


class FunctionLine(Model):
    code: Code | None = Field(None, title="功能分类科目编码")
    name: Name = Field(title="功能分类名称（按原文）")
    amount: Amount = Field(title="金额")
    unit: UnitName | None = _row_unit()
    text: Text | None = Field(None, title="说明（按原文）")
    percent: Percent | None = Field(None, title=PERCENT_TITLE)


class Expenditure(Part):
    kind: Literal["expenditure"] = _kind("expenditure")
    unit: UnitName = Field(title="金额单位")
    basic: Amount | None = Field(None, title=name("basic"))
    personnel: Amount | None = Field(None, title=f"{name('personnel')}（基本支出中）", description=NOT_STATED)
    public_costs: Amount | None = Field(None, title=f"{name('public_costs')}（基本支出中）", description=NOT_STATED)
    project: Amount | None = Field(None, title=name("project"))
    by_function: list[FunctionLine] = Field([], title="按支出功能分类")
    by_function_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)
    # 经济分类 lines where the document states them in its 支出 section (the 收支 section's otherwise)
    by_economic: list[EconomicLine] = Field([], title="按经济分类（原文在支出栏目中列出时）")
    by_economic_incomplete: bool = Field(False, title=INCOMPLETE_TITLE)




class Vehicles(Model):
    total: Amount | None = Field(None, title=name("vehicles"), description=NOT_STATED)
    purchase: Amount | None = Field(None, title=name("vehicle_purchase"))
    operation: Amount | None = Field(None, title=name("vehicle_operation"))


class ThreePublicBudgeted(Model):
    """The 三公 budget a 决算 states beside its actual figures (预算数), parts as published."""

    total: Amount = Field(title=f"{name('three_public')}预算数合计")
    overseas: Amount | None = Field(None, title=f"{name('overseas')}预算数", description=NOT_STATED)
    reception: Amount | None = Field(None, title=f"{name('reception')}预算数", description=NOT_STATED)
    vehicles: Vehicles | None = Field(None, title=f"{name('vehicles')}预算数", description=NOT_STATED)


class ThreePublic(Part):
    kind: Literal["three_public"] = _kind("three_public")
    unit: UnitName = Field(title="金额单位")
    total: Amount = Field(title=f"{name('three_public')}合计")
    overseas: Amount | None = Field(None, title=name("overseas"), description=NOT_STATED)
    reception: Amount | None = Field(None, title=name("reception"), description=NOT_STATED)
    vehicles: Vehicles | None = Field(None, title=name("vehicles"), description=NOT_STATED)
    budgeted: ThreePublicBudgeted | None = Field(
        None, title="预算数（决算中原文列出的年初预算数）", description="决算说明同时列出“三公”经费预算数时填写")
    reason: Text | None = Field(None, title="决算数与预算数差异原因（按原文）")


class OperatingCosts(Part):
    kind: Literal["operating_costs"] = _kind("operating_costs")
    unit: UnitName = Field(title="金额单位")
    amount: Amount = Field(title=name("operating_costs"))


class Procurement(Part):
    kind: Literal["procurement"] = _kind("procurement")
    unit: UnitName | None = Field(None, title="金额单位")
    amount: Amount | None = Field(None, title=f"{name('procurement')}（原文有金额时填写）")


class Term(Model):
    term: TermName = Field(title="名词")
    definition: Text = Field(title="解释（按原文）", max_length=MAX_DEFINITION_CHARS)
    aliases: list[Name] = Field([], title="其他写法")


class Glossary(Part):
    kind: Literal["glossary"] = _kind("glossary")
    terms: list[Term] = Field([], title="名词解释（按原文顺序）")


class Assets(Part):
    kind: Literal["assets"] = _kind("assets")
    unit: UnitName = Field(title="金额单位")
    total: Amount = Field(title=name("assets_total"))
    current: Amount = Field(title=name("assets_current"))
    non_current: Amount = Field(title=name("assets_non_current"))


class DataNote(Model):
    """The editor's record that a finding `openbudget validate` reported is as published."""

    finding: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(title="数据说明编号（validate 输出的方括号内容）")
    as_published: bool = Field(title="原文如此（核对原文后写 true）")
    explanation: Text | None = Field(None, title="说明（将显示在网站上）")


# The document's tables (部门收支总表, 一般公共预算支出表 …, and the 决算's): statements.py.
BLANK_CELLS = frozenset({"", "-", "—", "－", "——", "/"})  # a cell printed empty or with a dash


def _cell(value: object) -> Decimal | None:
    """A table cell: an amount, or blank as printed (shown blank, counted as 0 in the checks)."""
    if value is None or (isinstance(value, str) and value.strip() in BLANK_CELLS):
        return None
    return _amount(value)


Cell = Annotated[Decimal | None, BeforeValidator(_cell),
                 WithJsonSchema({"anyOf": [js.amount(), {"type": "string", "enum": sorted(BLANK_CELLS)},
                                           {"type": "null"}], "title": "金额（空格写 \"\" 或 -）"})]
LINE_PATTERN = r"^[0-9]{1,4}$"
COLUMN_TITLE = "金额列（按原文表头，多行表头用“/”连接，如 基本支出/人员经费）"


class TableRow(Model):
    code: Code | None = Field(None, title="科目编码（类/款/项连写，如 2010301）")
    name: Name | None = Field(None, title="科目名称或项目（按原文）", description="表中只有一行数据且原文没有名称时可不写")
    line: Annotated[str, Field(pattern=LINE_PATTERN)] | None = Field(None, title="行次（原文有时填写）")
    amounts: list[Cell] = Field(title="各列金额（按表头顺序，空格写 \"\"）")


class TableBody(Model):
    columns: list[Name] = Field(title=COLUMN_TITLE, min_length=1)
    rows: list[TableRow] = Field(title="行（按原文顺序）", min_length=1)


class TableSide(TableBody):
    """One side of a table printed as two side by side (收入 | 支出), each with its own 项目 column."""
    heading: Name = Field(title="这一侧的表头（如 收入、支出）")


class PublishedTable(Model):
    """A table as the document prints it: title, unit, columns and rows, every cell as printed."""

    title: Name = Field(title="表名（按原文）")
    number: Name | None = Field(None, title="表号（按原文，如 表1）")
    unit: UnitName = Field(title="金额单位（原文“单位：万元”）")
    slug: Slug | None = Field(None, title="网址名（可不填；标准表自动确定）")
    columns: list[Name] | None = Field(None, title=COLUMN_TITLE, min_length=1)
    rows: list[TableRow] | None = Field(None, title="行（按原文顺序）", min_length=1)
    sides: list[TableSide] | None = Field(None, title="左右两栏的表（如收支总表：收入一栏、支出一栏）",
                                          min_length=2, max_length=2)
    note: Text | None = Field(None, title="表下注释（按原文）")

    @model_validator(mode="after")
    def _one_layout(self) -> PublishedTable:
        for _, _, body in ([] if self.sides is None and self.rows is None else self.bodies):
            if len(body.rows) > 1 and any(row.name is None for row in body.rows):
                raise ValueError("每一行都要写 name（科目名称或项目，按原文）；只有一行数据的表（如“三公”经费表）才可不写")
        if self.sides is not None and (self.columns is not None or self.rows is not None):
            raise ValueError("一张表要么写 columns 和 rows，要么写 sides（左右两栏），不能同时写")
        if self.sides is None and (self.columns is None or self.rows is None):
            missing = "columns（表头）" if self.columns is None else "rows（各行）"
            raise ValueError(f"缺少 {missing}：请按原文填写表头和各行；左右两栏的表写 sides")
        return self

    @property
    def bodies(self) -> list[tuple[tuple, str | None, TableBody]]:
        """(YAML path within the table, side heading, columns and rows) of each part of the table."""
        if self.sides is not None:
            return [(("sides", i), side.heading, side) for i, side in enumerate(self.sides)]
        return [((), None, TableBody.model_construct(columns=self.columns, rows=self.rows))]


#: The model of each kind (sections.py holds their URLs and names; a test checks both agree).
KIND_MODELS: dict[str, type[Part]] = {
    TEXT: TextSection, "duties": Duties, "basic_info": BasicInfo, "units": Units, "work_plan": WorkPlan,
    "budget": Budget, "expenditure": Expenditure, "three_public": ThreePublic, "operating_costs": OperatingCosts,
    "procurement": Procurement, "glossary": Glossary, "performance": Performance, "assets": Assets,
}


def _kind_of(value: object) -> str | None:
    """The kind an outline entry says it is; none written is a narrative (text) section."""
    kind = value.get("kind", TEXT) if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if isinstance(kind, str) and kind in KIND_MODELS else None


OutlineSection = Annotated[
    Union[tuple(Annotated[model, Tag(kind)] for kind, model in KIND_MODELS.items())],  # type: ignore[misc]  # noqa: UP007
    Discriminator(_kind_of, custom_error_type="unknown_kind", custom_error_message="unknown section kind"),
]


@dataclass(frozen=True)
class Placed:
    """One section where the document puts it."""
    key: str  # its kind, or for a `text` section its slug: names it in rules, findings and URLs
    slug: str  # URL segment
    path: tuple  # where in the YAML, e.g. ("sections", 1, "sections", 0)
    depth: int  # 0 for a top-level section
    parent: str | None  # key of the section it is nested in
    section: Part

    @property
    def title(self) -> str:
        """The document's own heading, else the site's name of its kind."""
        return self.section.heading or BY_KEY[self.section.kind].title

    @property
    def template(self) -> str:
        return BY_KEY[self.section.kind].template if self.section.kind in BY_KEY else "section.html"

    @cached_property
    def has_page(self) -> bool:
        """A heading with nothing of its own is no page: one that only groups the sections under
        it (第一部分 …), or one the document's 目录 lists but the transcription does not give."""
        return any(loc[0] not in ("kind", "heading", "slug") and value is not False
                   for loc, value in leaves(self.section))


class DepartmentYear(Model):
    department: Name = Field(title="部门名称")
    year: Year = Field(title="年度")
    document: Document = Field(default_factory=Document, title="文件信息", description="原文没有标题等信息时可不写")
    sections: list[OutlineSection] = Field([], title="栏目（按原文的顺序和层次）", description="只公开了表格时可不写")
    tables: list[PublishedTable] = Field([], title="公开表（按原文，如部门收支总表、一般公共预算支出表）")
    data_notes: list[DataNote] = Field([], title="数据说明（对网站指出的疑点的解释）")

    @cached_property
    def outline(self) -> tuple[Placed, ...]:
        """Every section in the document's order (a parent before the sections nested in it)."""
        out: list[Placed] = []
        taken: set[str] = set()

        def walk(parts: list[Part], path: tuple, depth: int, parent: str | None) -> None:
            for i, part in enumerate(parts):
                here = path + ("sections", i)
                n = len(out) + 1
                if part.kind == TEXT:
                    slug = part.slug or f"section-{n}"
                    key = slug
                else:
                    slug = BY_KEY[part.kind].slug
                    key = part.kind
                if key in taken:  # a kind written twice: rules.py stops the build; keep both apart
                    key = slug = f"{slug}-{n}"
                taken.add(key)
                out.append(Placed(key, slug, here, depth, parent, part))
                walk(part.sections, here, depth + 1, key)

        walk(self.sections, (), 0, None)
        return tuple(out)

    def model_copy(self, *, update=None, deep: bool = False) -> DepartmentYear:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("outline", None)  # computed from the sections, which may have changed
        return copy

    def placed(self, key: str) -> Placed | None:
        return next((p for p in self.outline if p.key == key), None)

    def part(self, key: str):
        """The section of this key (a kind, or a text section's slug), if the document has it."""
        placed = self.placed(key)
        return placed.section if placed else None

    def replacing(self, key: str, **changes) -> DepartmentYear:
        """A copy with the section of this key changed (for tools and tests; data is frozen)."""
        path = self.placed(key).path

        def swap(parts: list, rest: tuple) -> list:
            index, rest = rest[1], rest[2:]
            out = list(parts)
            out[index] = out[index].model_copy(update={"sections": swap(out[index].sections, rest)}) if rest \
                else out[index].model_copy(update=changes)
            return out

        return self.model_copy(update={"sections": swap(self.sections, path)})

    def yaml_loc(self, loc: tuple) -> tuple:
        """A place named by section, ("budget", "income_total"), as the YAML path to it."""
        placed = self.placed(loc[0]) if loc and isinstance(loc[0], str) else None
        return placed.path + tuple(loc[1:]) if placed else tuple(loc)

    # the sections of fixed kinds, as the rules, tables and pages read them
    budget = property(lambda self: self.part("budget"))
    expenditure = property(lambda self: self.part("expenditure"))
    three_public = property(lambda self: self.part("three_public"))
    operating_costs = property(lambda self: self.part("operating_costs"))
    procurement = property(lambda self: self.part("procurement"))
    glossary = property(lambda self: self.part("glossary"))
    assets = property(lambda self: self.part("assets"))


for _model in (Headcount, Part, *KIND_MODELS.values()):
    _model.model_rebuild()


class GlossaryEntry(Term):
    # a term of the site's standard glossary (hooks/openbudget/data/), not of a department's document
    source: Text = Field(title="出处（依据的文件；本站改写的写“本站据……整理”）")


class GlossaryFile(Model):
    terms: list[GlossaryEntry] = Field(title="名词")


class ExpectedDepartment(Model):
    slug: Annotated[str, Field(pattern=SLUG_PATTERN)] = Field(title="部门文件夹名（data/ 下的文件夹，如 miyi-xinfang）")
    name: Name = Field(title="部门名称")


class Body(Model):
    """A public body the site covers (a county, a district): its departments are compared and added up."""
    slug: Annotated[str, Field(pattern=SLUG_PATTERN)] = Field(title="网址名（小写英文、数字和连字符，如 miyi）")
    name: Name = Field(title="名称（如 米易县）")
    departments: list[ExpectedDepartment] = Field(title="应公开预算的部门（含尚未公开的）", min_length=1)


class JurisdictionsFile(Model):
    bodies: list[Body] = Field(title="本站覆盖的地区或单位", min_length=1)
