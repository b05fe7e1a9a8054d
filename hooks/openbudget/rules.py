"""Consistency rules: published totals must equal the sum of their parts.

Each rule names what it checks in Chinese. All arithmetic is exact Decimal, in 元 so
that sections published in different units compare correctly. A broken rule stops the
build: the disclosure would contradict itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from .classification import PROJECT, basic_classes, economic_class
from .model import DepartmentYear, EconomicLine, leaves
from .money import UNITS, in_unit, in_yuan, places
from .problems import format_path


@dataclass(frozen=True)
class Violation:
    loc: tuple  # where the editor should look
    message: str


def _sum(amounts) -> Decimal:
    return sum(amounts, Decimal(0))


def _lines(lines, unit: str) -> Decimal:
    """A list's lines added up in its table's unit, exactly, each read in its own unit (a 0元 row)."""
    return _sum(in_unit(line.amount, line.unit or unit, unit) for line in lines)


def _mismatch(loc: tuple, what: str, total: Decimal, parts_name: str, parts: Decimal,
              unit: str) -> Violation:
    return Violation(loc, f"{what} {total} {unit} 不等于{parts_name} "
                          f"{parts} {unit}（相差 {abs(total - parts)} {unit}）")


Where = Callable[[tuple], str]  # names another place in a message: file:line, or the field path


def check(dy: DepartmentYear, where: Where = format_path) -> list[Violation]:
    return [*_precision(dy), *_units(dy), *_budget(dy), *_expenditure(dy), *_three_public(dy),
            *_assets(dy), *_repeated(dy, where)]


def _first_seen(keys: list) -> Iterator[tuple[int, int]]:
    """(index, index of its first occurrence) for every repeated key; None keys never repeat."""
    first: dict = {}
    for i, key in enumerate(keys):
        if key is not None and first.setdefault(key, i) != i:
            yield i, first[key]


def _repeated(dy: DepartmentYear, where: Where) -> Iterator[Violation]:
    """Two extra sections at one address would overwrite each other's page; one code twice
    in a table would make a line stand for two figures (the comparison, the open data)."""
    extras = dy.extra_sections
    for i, first in _first_seen([x.slug for x in extras]):
        yield Violation(("extra_sections", i, "slug"),
                        f"网址名“{extras[i].slug}”已被第 {first + 1} 个其他栏目“{extras[first].title}”使用"
                        f"（{where(('extra_sections', first, 'slug'))}）：两个栏目不能用同一个网址，请换一个")
    lines = dy.expenditure.by_function if dy.expenditure else []
    for i, first in _first_seen([line.code for line in lines]):
        yield Violation(("expenditure", "by_function", i, "code"),
                        f"科目编码 {lines[i].code} 与第 {first + 1} 项“{lines[first].name}”重复"
                        f"（{where(('expenditure', 'by_function', first, 'code'))}）：同一科目在表中只能列一次，"
                        f"请按原文核对编码")


def expenditure_total(dy: DepartmentYear) -> Decimal:
    """The document's total spending: its own figure, else the (balanced) income total."""
    b = dy.budget
    return b.expenditure_total if b.expenditure_total is not None else b.income_total


def _precision(dy: DepartmentYear) -> Iterator[Violation]:
    for key in DepartmentYear.model_fields:
        section = getattr(dy, key)
        unit = getattr(section, "unit", None)
        if unit is None:
            continue
        for loc, amount in leaves(section, (key,)):
            if isinstance(amount, Decimal) and places(amount) > UNITS[unit].max_places:
                yield Violation(loc, f"金额 {amount} 精确到了分以下：以“{unit}”为单位最多保留 "
                                     f"{UNITS[unit].max_places} 位小数")


def _units(dy: DepartmentYear) -> Iterator[Violation]:
    p = dy.procurement
    if p is not None and p.amount is not None and p.unit is None:
        yield Violation(("procurement", "unit"), "填写了政府采购金额，请同时填写金额单位（元 或 万元）")


def _budget(dy: DepartmentYear) -> Iterator[Violation]:
    """Each list against the total it divides.

    by_source (where the money comes from) divides the income total. by_economic lists
    classes of spending (工资福利、日常公用、对个人和家庭、项目支出), so it divides what is
    spent: the published 支出预算总额 when the document gives one (income plus 上年结转,
    for example), else the income total, which a balanced budget's text presents them as
    (“收入预算总额为……，其中：工资福利支出……”). Checked against the income total, the
    lines would contradict _expenditure: there 基本支出 is the three classes, 项目支出 the
    project line, and the two add up to the spending total.
    """
    b = dy.budget
    if b.by_source and (parts := _lines(b.by_source, b.unit)) != b.income_total:
        yield _mismatch(("budget", "income_total"), "收入预算总额", b.income_total, "各收入来源合计",
                        parts, b.unit)
    if b.by_economic and (parts := _lines(b.by_economic, b.unit)) != expenditure_total(dy):
        loc, what = ((("budget", "income_total"), "收入预算总额") if b.expenditure_total is None
                     else (("budget", "expenditure_total"), "支出预算总额"))
        yield _mismatch(loc, what, expenditure_total(dy), "“其中”各项合计", parts, b.unit)
    seen: dict[str, int] = {}
    for i, line in enumerate(b.by_economic):
        cls = economic_class(line)
        if cls is None:  # not known: published as written, reported by validate
            continue
        if cls in seen:
            yield Violation(("budget", "by_economic", i, "name"),
                            f"与第 {seen[cls] + 1} 项属于同一经济分类，不能重复列出")
        seen.setdefault(cls, i)


def economic_line(dy: DepartmentYear, cls: str) -> EconomicLine | None:
    """The budget's line of one economic class (日常公用支出 etc.), if published."""
    return next((line for line in dy.budget.by_economic if economic_class(line) == cls), None)


def _economic(dy: DepartmentYear, cls: str) -> Decimal | None:
    line = economic_line(dy, cls)
    return None if line is None else in_yuan(line.amount, line.unit or dy.budget.unit)


def _expenditure(dy: DepartmentYear) -> Iterator[Violation]:
    e = dy.expenditure
    if e is None:
        return
    total = in_yuan(expenditure_total(dy), dy.budget.unit)
    unit = e.unit
    factor = UNITS[unit].yuan
    if e.basic is not None and e.project is not None:
        parts = in_yuan(e.basic + e.project, unit)
        if parts != total:
            yield _mismatch(("expenditure", "basic"), "预算总额", total / factor,
                            "基本支出与项目支出之和", parts / factor, unit)
    if e.by_function:
        parts = in_yuan(_lines(e.by_function, unit), unit)
        if parts != total:
            yield _mismatch(("expenditure", "by_function"), "预算总额", total / factor,
                            "各功能分类合计", parts / factor, unit)
    if e.basic is not None and not _unknown_lines(dy):  # an unknown line may be one of the three
        found = [_economic(dy, cls) for cls in basic_classes()]
        if any(v is not None for v in found):
            parts = _sum(v for v in found if v is not None)
            if parts != in_yuan(e.basic, unit):
                yield _mismatch(("expenditure", "basic"), "基本支出", e.basic,
                                "工资福利、日常公用、对个人和家庭的补助之和", parts / factor, unit)
    project = _economic(dy, PROJECT)
    if e.project is not None and project is not None and project != in_yuan(e.project, unit):
        yield _mismatch(("expenditure", "project"), "项目支出", e.project,
                        "收支预算总体情况中的项目支出", project / factor, unit)


def _three_public(dy: DepartmentYear) -> Iterator[Violation]:
    t = dy.three_public
    if t is None:
        return
    v = t.vehicles
    if v and None not in (v.total, v.purchase, v.operation) and v.purchase + v.operation != v.total:
        yield _mismatch(("three_public", "vehicles", "total"), "公务用车购置及运行维护费", v.total,
                        "购置费与运行维护费之和", v.purchase + v.operation, t.unit)
    if None in (t.overseas, t.reception, v and v.total):
        return  # a part the document does not state: see skipped()
    parts = t.overseas + t.reception + v.total
    if parts != t.total:
        yield _mismatch(("three_public", "total"), "“三公”经费合计", t.total,
                        "因公出国（境）、公务接待、公务用车三项之和", parts, t.unit)


def _assets(dy: DepartmentYear) -> Iterator[Violation]:
    a = dy.assets
    if a is not None and a.current + a.non_current != a.total:
        yield _mismatch(("assets", "total"), "资产总额", a.total, "流动资产与非流动资产之和",
                        a.current + a.non_current, a.unit)


def _unknown_lines(dy: DepartmentYear) -> list[EconomicLine]:
    return [line for line in dy.budget.by_economic if economic_class(line) is None]


def skipped(dy: DepartmentYear) -> list[tuple[tuple, str]]:
    """(place, reason) for each rule not checked: a part the document leaves unstated, or a
    line whose class is not known."""
    out = []
    if dy.expenditure and dy.expenditure.basic is not None and (unknown := _unknown_lines(dy)):
        names = "、".join(f"“{line.name}”" for line in unknown)
        out.append((("expenditure", "basic"), f"未核对基本支出 = 工资福利、商品和服务（日常公用）、对个人和家庭的补助之和："
                                              f"不知道{names}属于哪一类经济分类（请写上科目编码 code）"))
    t = dy.three_public
    if t is None:
        return out
    missing = [name for name, value in (("因公出国（境）经费", t.overseas), ("公务接待费", t.reception),
                                        ("公务用车购置及运行维护费", t.vehicles and t.vehicles.total))
               if value is None]
    if missing:
        out.append((("three_public", "total"), f"未核对“三公”经费合计 = 因公出国（境）、公务接待、公务用车三项之和："
                                               f"原文未列明{'、'.join(missing)}（网站显示为“原文未列明”）"))
    return out
