"""Consistency rules: what the published figures say about each other.

Two kinds of result. An input slip the editor made (an amount finer than 分, a unit
missing, one address or one code used twice) is a ``Violation``: it stops the build until
corrected. A published figure that disagrees with another (a total and its parts, a
percentage and its amounts, this year's total and last year's plus the stated change) is
a ``Finding``: the document may well print it so, and only the editor, holding the
original, knows. A finding stops the build until the editor records in ``data_notes``
that it is as published (原文如此); the site then shows the figures unchanged with a
数据说明 (see findings.py, which gathers every finding and applies the notes).

Each finding has a stable id, documented in ``FINDING_IDS``. All arithmetic is exact
Decimal, in 元 so that sections published in different units compare correctly.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ..document.model import DepartmentYear, EconomicLine, Placed, leaves
from ..document.record import UNCHANGED, Finding, Violation, Where
from ..vocabulary.classification import GOODS_AND_SERVICES, PROJECT, basic_classes, economic_class
from ..vocabulary.figures import label, name
from ..vocabulary.limits import MAX_SECTIONS
from ..vocabulary.money import UNITS, format_amount, in_unit, in_yuan, places, plain_amount
from ..vocabulary.phases import BUDGET
from ..vocabulary.problems import format_path
from ..vocabulary.sections import BY_KEY, TEXT


def _b(key: str) -> str:
    """A figure's name in a 预算 (the finding ids' descriptions speak of the 预算's)."""
    return label(key, BUDGET)


#: Every finding id (a pattern where part of it varies), what it means. README and tests read it.
FINDING_IDS: dict[str, str] = {
    "income-total-differs-from-sources": f"{_b('income_total')}不等于各收入来源之和",
    "income-total-differs-from-economic-parts": f"{_b('income_total')}不等于“其中”所列各经济分类之和",
    "expenditure-total-differs-from-economic-parts": f"{_b('expenditure_total')}不等于“其中”所列各经济分类之和",
    "sources-exceed-income-total": f"标为所列不全的收入来源之和大于{_b('income_total')}",
    "economic-parts-exceed-total": "标为所列不全的经济分类之和大于总额",
    "total-differs-from-basic-plus-project": f"预算总额不等于{name('basic')}与{name('project')}之和",
    "total-differs-from-functional-classes": "预算总额不等于各功能分类之和",
    "functional-classes-exceed-total": "标为所列不全的功能分类之和大于预算总额",
    "basic-differs-from-economic-parts": f"{name('basic')}不等于工资福利、日常公用、对个人和家庭的补助之和",
    "project-differs-between-sections": f"支出预算中的{name('project')}不等于收支预算中的{name('project')}",
    "basic-differs-between-sections": f"支出预算中的{name('basic')}不等于收支预算中的{name('basic')}",
    "vehicle-costs-differ-from-parts": f"{name('vehicles')}不等于购置费与运行维护费之和",
    "three-public-total-differs-from-parts": f"{name('three_public')}合计不等于三项之和",
    "budgeted-vehicle-costs-differ-from-parts": f"决算所列{name('vehicles')}预算数不等于购置费与运行维护费预算数之和",
    "budgeted-three-public-total-differs-from-parts": f"决算所列{name('three_public')}预算数合计不等于三项预算数之和",
    "assets-total-differs-from-parts": f"{name('assets_total')}不等于{name('assets_current')}与{name('assets_non_current')}之和",
    "operating-costs-exceed-public-expenses": f"{name('operating_costs')}大于日常公用（商品和服务）支出",
    "income-change-differs-from-totals": f"{_b('previous_income_total')}加减所述增减额不等于本年{_b('income_total')}",
    "previous-income-total-differs-from-<年度>-data": f"所写{_b('previous_income_total')}与本站该年度文件不一致",
    "<字段>-percent-differs-from-amounts": "原文所列占比与按金额计算的占比不符（已考虑四舍五入和截断）",
    "<字段>-differs-from-text": "填写的金额与本栏目原文文字不一致",
    "compared-with-<年度>": "原文与非上一年度比较",
    "<表>-<科目编码>-differs-from-parts": "公开表中某类（款）的金额不等于其下各款（项）之和",
    "<表>-<科目编码或 row-行号>-total-column-differs": "公开表中某行的合计（小计）列不等于它所合计的各列之和",
    "<表>-total-row-differs": "公开表的合计行不等于各类之和",
    "<表>-sides-differ": "收支总表中收入一栏的总计不等于支出一栏的总计",
    "three-public-table-differs-from-text": "“三公”经费表与“三公”经费说明的数字不一致",
    "three-public-table-budget-differs-from-text": "决算的“三公”经费表所列预算数与“三公”经费说明所列预算数不一致",
    "expenditure-table-differs-from-text": "支出预算说明中的基本支出、项目支出与支出总表（及一般公共预算支出表）不一致",
    "appropriation-differs-from-tables": "财政拨款收支总表的支出总计不等于一般公共预算支出表与政府性基金预算支出表合计之和",
}


def _sum(amounts) -> Decimal:
    return sum(amounts, Decimal(0))


def _lines(lines, unit: str) -> Decimal:
    """A list's lines added up in its table's unit, exactly, each read in its own unit (a 0元 row)."""
    return _sum(in_unit(line.amount, line.unit or unit, unit) for line in lines)


def _differs(id: str, section: str, loc: tuple, what: str, total: Decimal, parts_name: str,
             parts: Decimal, unit: str) -> Finding:
    diff, shown, added = (format_amount(a) for a in (abs(total - parts), total, parts))
    return Finding(id, section, loc,
                   f"原文中{what}为 {shown} {unit}，{parts_name}为 {added} {unit}，相差 {diff} {unit}；{UNCHANGED}",
                   ((what, total, unit), (parts_name, parts, unit)),
                   f"{what} {shown} {unit} 不等于{parts_name} {added} {unit}（相差 {diff} {unit}）")


def _exceeds(id: str, section: str, loc: tuple, what: str, total: Decimal, parts_name: str,
             parts: Decimal, unit: str) -> Finding:
    shown, added = format_amount(total), format_amount(parts)
    return Finding(id, section, loc,
                   f"原文“其中”只列出部分项目，但{parts_name} {added} {unit} 大于{what} {shown} {unit}；{UNCHANGED}",
                   ((what, total, unit), (parts_name, parts, unit)),
                   f"{parts_name} {added} {unit} 大于{what} {shown} {unit}（原文“其中”标为所列不全时，各项之和不应大于总额）")


def check(dy: DepartmentYear, where: Where = format_path) -> list[Violation]:
    """The editor's input slips."""
    return [*_too_many_sections(dy), *_precision(dy), *_units(dy), *_repeated(dy, where), *_repeated_classes(dy),
            *_incomplete_flags(dy)]


def _too_many_sections(dy: DepartmentYear) -> Iterator[Violation]:
    """Each section is a page listing the others: their number is bounded (limits.py)."""
    if len(dy.outline) > MAX_SECTIONS:
        yield Violation((dy.outline[MAX_SECTIONS].key,),
                        f"栏目太多：一份文件最多 {MAX_SECTIONS} 个栏目（含下级栏目），这是第 {MAX_SECTIONS + 1} 个"
                        f"（共 {len(dy.outline)} 个）；请检查是否把段落或条目写成了栏目")


def findings(dy: DepartmentYear) -> list[Finding]:
    """Published figures that disagree with each other within this document."""
    return [*_budget(dy), *_expenditure(dy), *_three_public(dy), *_assets(dy), *_operating_costs(dy),
            *_previous_year(dy), *_percentages(dy)]


def _first_seen(keys: list) -> Iterator[tuple[int, int]]:
    """(index, index of its first occurrence) for every repeated key; None keys never repeat."""
    first: dict = {}
    for i, key in enumerate(keys):
        if key is not None and first.setdefault(key, i) != i:
            yield i, first[key]


def _repeated(dy: DepartmentYear, where: Where) -> Iterator[Violation]:
    """A kind of section twice, or two sections at one address, would overwrite each other's
    page; one code twice in a table would make a line stand for two figures (the comparison,
    the open data)."""
    first: dict[str, Placed] = {}
    for placed in dy.outline:
        s = placed.section
        name = s.kind if s.kind != TEXT else s.slug
        if name is None:
            continue
        if name not in first:
            first[name] = placed
            continue
        earlier = first[name]
        if s.kind != TEXT:
            yield Violation((placed.key, "kind"),
                            f"栏目类型 {s.kind}（{BY_KEY[s.kind].title}）已用于“{earlier.title}”"
                            f"（{where((earlier.key, 'kind'))}）：每种栏目只能有一个；原文另有同类内容时，"
                            f"请写成 kind: text 的一般栏目")
        else:
            yield Violation((placed.key, "slug"),
                            f"网址名“{s.slug}”已被栏目“{earlier.title}”使用（{where((earlier.key, 'slug'))}）："
                            f"两个栏目不能用同一个网址，请换一个")
    lines = dy.expenditure.by_function if dy.expenditure else []
    for i, first in _first_seen([line.code for line in lines]):
        yield Violation(("expenditure", "by_function", i, "code"),
                        f"科目编码 {lines[i].code} 与第 {first + 1} 项“{lines[first].name}”重复"
                        f"（{where(('expenditure', 'by_function', first, 'code'))}）：同一科目在表中只能列一次，"
                        f"请按原文核对编码")


def _repeated_classes(dy: DepartmentYear) -> Iterator[Violation]:
    # a line whose class is not known is published as written (reported by validate)
    key, lines, _ = economic_list(dy)
    for i, first in _first_seen([economic_class(line) for line in lines]):
        yield Violation((key, "by_economic", i, "name"), f"与第 {first + 1} 项属于同一经济分类，不能重复列出")


def _incomplete_flags(dy: DepartmentYear) -> Iterator[Violation]:
    """“所列不全” said of a list whose parts add up to the total would tell the public a falsehood."""
    for section, listed, lines, total in _lists(dy):
        owner = getattr(dy, section)
        if getattr(owner, f"{listed}_incomplete") and lines and _lines(lines, owner.unit) == total:
            yield Violation((section, f"{listed}_incomplete"),
                            "写了所列不全，但各项之和正好等于总额：原文所列是完整的，请删除这一行")


def _lists(dy: DepartmentYear) -> Iterator[tuple[str, str, list, Decimal]]:
    """(section, list name, lines, the total they divide, in the list's unit) for each “其中” list
    whose total the document states."""
    b, spent = dy.budget, expenditure_total(dy)
    if b is not None and b.income_total is not None:
        yield "budget", "by_source", b.by_source, b.income_total
    if b is not None and spent is not None:
        yield "budget", "by_economic", b.by_economic, spent
    if (e := dy.expenditure) is not None and spent is not None:
        yield "expenditure", "by_function", e.by_function, in_unit(spent, b.unit, e.unit)


def expenditure_total(dy: DepartmentYear) -> Decimal | None:
    """The document's total spending: its own figure, else the (balanced) income total; None
    when its explanation states neither."""
    b = dy.budget
    if b is None or b.unit is None:
        return None
    return b.expenditure_total if b.expenditure_total is not None else b.income_total


def economic_list(dy: DepartmentYear) -> tuple[str, list[EconomicLine], str | None]:
    """(section, lines, the section's unit) of the explanation's lines by economic class: the 收支
    section's, else the 支出 section's (figures.yaml: also); no lines when neither lists them."""
    if dy.budget is not None and dy.budget.by_economic:
        return "budget", dy.budget.by_economic, dy.budget.unit
    e = dy.expenditure
    return ("expenditure", e.by_economic, e.unit) if e is not None else ("budget", [], None)


def economic_lines(dy: DepartmentYear) -> list[EconomicLine]:
    return economic_list(dy)[1]


def _precision(dy: DepartmentYear) -> Iterator[Violation]:
    """No amount finer than 分 in the unit it is published in: a row's own unit (“0元” in a 万元
    list), else its section's."""
    for placed in dy.outline:
        key, section = placed.key, placed.section
        if getattr(section, "unit", None) is None:
            continue
        for loc, amount in leaves(section, (key,)):
            if isinstance(amount, Decimal) and loc[-1] != "percent":
                unit = _unit_of(section, loc[1:-1])
                if places(amount) > UNITS[unit].max_places:
                    yield Violation(loc, f"金额 {plain_amount(amount)} 精确到了分以下：以“{unit}”为单位最多保留 "
                                         f"{UNITS[unit].max_places} 位小数")


def _unit_of(section, path: tuple) -> str:
    """The unit an amount at `path` (within the section) is published in: the nearest unit given
    on the way down (a row's own), else the section's."""
    unit, here = section.unit, section
    for step in path:
        here = here[step] if isinstance(step, int) else getattr(here, step)
        unit = own if (own := getattr(here, "unit", None)) in UNITS else unit  # (a count's unit is 人, 台…)
    return unit


def _units(dy: DepartmentYear) -> Iterator[Violation]:
    """A section whose unit may be left out (it states no amount) must give it once it states one."""
    for placed in dy.outline:
        section = placed.section
        if "unit" not in type(section).model_fields or section.unit is not None:
            continue
        if any(isinstance(v, Decimal) for _, v in leaves(section, (placed.key,))):
            yield Violation((placed.key, "unit"), f"“{placed.title}”填写了金额，请同时填写金额单位（unit：元 或 万元）")


def _budget(dy: DepartmentYear) -> Iterator[Finding]:
    """Each list against the total it divides.

    by_source (where the money comes from) divides the income total. by_economic lists
    classes of spending (工资福利、日常公用、对个人和家庭、项目支出), so it divides what is
    spent: the published 支出预算总额 when the document gives one (income plus 上年结转,
    for example), else the income total, which a balanced budget's text presents them as
    (“收入预算总额为……，其中：工资福利支出……”). Checked against the income total, the
    lines would contradict _expenditure: there 基本支出 is the three classes, 项目支出 the
    project line, and the two add up to the spending total.

    A list the document itself marks as incomplete (it stops before 上年结转, say) is
    only checked not to exceed its total.
    """
    b, w = dy.budget, dy.document.phase  # 收入预算总额 in a 预算, 收入决算总额 in a 决算
    if b is None or b.unit is None:
        return
    if b.by_source and b.income_total is not None:
        parts = _lines(b.by_source, b.unit)
        if b.by_source_incomplete and parts > b.income_total:
            yield _exceeds("sources-exceed-income-total", "budget", ("budget", "by_source"), label("income_total", w),
                           b.income_total, "所列收入来源合计", parts, b.unit)
        elif not b.by_source_incomplete and parts != b.income_total:
            yield _differs("income-total-differs-from-sources", "budget", ("budget", "income_total"), label("income_total", w),
                           b.income_total, "各收入来源合计", parts, b.unit)
    if b.by_economic and expenditure_total(dy) is not None:
        parts, total = _lines(b.by_economic, b.unit), expenditure_total(dy)
        loc, what, kind = ((("budget", "income_total"), label("income_total", w), "income") if b.expenditure_total is None
                           else (("budget", "expenditure_total"), label("expenditure_total", w), "expenditure"))
        if b.by_economic_incomplete and parts > total:
            yield _exceeds("economic-parts-exceed-total", "budget", ("budget", "by_economic"), what, total,
                           "“其中”所列各项合计", parts, b.unit)
        elif not b.by_economic_incomplete and parts != total:
            yield _differs(f"{kind}-total-differs-from-economic-parts", "budget", loc, what, total,
                           "“其中”各项合计", parts, b.unit)


def economic_line(dy: DepartmentYear, cls: str) -> EconomicLine | None:
    """The budget's line of one economic class (日常公用支出 etc.), if published."""
    return next((line for line in economic_lines(dy) if economic_class(line) == cls), None)


def _economic(dy: DepartmentYear, cls: str) -> Decimal | None:
    line = economic_line(dy, cls)
    return None if line is None else in_yuan(line.amount, line.unit or economic_list(dy)[2])


def _in_budget(dy: DepartmentYear, key: str) -> Decimal | None:
    """基本支出 or 项目支出 as the 收支 section states it (figures.yaml: also), in 元."""
    b = dy.budget
    value = getattr(b, key, None) if b is not None and b.unit is not None else None
    return None if value is None else in_yuan(value, b.unit)


def _spending_parts(dy: DepartmentYear) -> Iterator[Finding]:
    """基本支出 and 项目支出 stated in the 收支 section only: their sum against the total."""
    spent = expenditure_total(dy)
    basic, project = _in_budget(dy, "basic"), _in_budget(dy, "project")
    e = dy.expenditure
    if spent is None or basic is None or project is None or (e is not None and e.basic is not None):
        return
    unit = dy.budget.unit
    factor = UNITS[unit].yuan
    if basic + project != in_yuan(spent, unit):
        yield _differs("total-differs-from-basic-plus-project", "budget", ("budget", "basic"),
                       f"{dy.document.phase}总额", spent, f"{name('basic')}与{name('project')}之和",
                       (basic + project) / factor, unit)


def _expenditure(dy: DepartmentYear) -> Iterator[Finding]:
    yield from _spending_parts(dy)
    e = dy.expenditure
    if e is None:
        return
    spent = expenditure_total(dy)
    total = None if spent is None else in_yuan(spent, dy.budget.unit)
    w = dy.document.phase
    unit = e.unit
    factor = UNITS[unit].yuan
    if e.basic is not None and e.project is not None and total is not None:
        parts = in_yuan(e.basic + e.project, unit)
        if parts != total:
            yield _differs("total-differs-from-basic-plus-project", "expenditure", ("expenditure", "basic"),
                           f"{w}总额", total / factor, f"{name('basic')}与{name('project')}之和", parts / factor, unit)
    # stated in both sections: the two must agree (as a table and the text do)
    if e.basic is not None and (basic := _in_budget(dy, "basic")) is not None and basic != in_yuan(e.basic, unit):
        yield _differs("basic-differs-between-sections", "expenditure", ("expenditure", "basic"),
                       name("basic"), e.basic, f"收支预算总体情况中的{name('basic')}", basic / factor, unit)
    if e.by_function and total is not None:
        parts = in_yuan(_lines(e.by_function, unit), unit)
        if e.by_function_incomplete and parts > total:
            yield _exceeds("functional-classes-exceed-total", "expenditure", ("expenditure", "by_function"),
                           f"{w}总额", total / factor, "所列各功能分类合计", parts / factor, unit)
        elif not e.by_function_incomplete and parts != total:
            yield _differs("total-differs-from-functional-classes", "expenditure", ("expenditure", "by_function"),
                           f"{w}总额", total / factor, "各功能分类合计", parts / factor, unit)
    if e.basic is not None and not _unknown_lines(dy):  # an unknown line may be one of the three
        found = [_economic(dy, cls) for cls in basic_classes()]
        if any(v is not None for v in found):
            parts = _sum(v for v in found if v is not None)
            basic = in_yuan(e.basic, unit)
            incomplete = getattr(getattr(dy, economic_list(dy)[0]), "by_economic_incomplete", False)
            if parts > basic if incomplete else parts != basic:
                yield _differs("basic-differs-from-economic-parts", "expenditure", ("expenditure", "basic"),
                               name("basic"), e.basic, "工资福利、日常公用、对个人和家庭的补助之和", parts / factor, unit)
    project = _economic(dy, PROJECT)
    project = project if project is not None else _in_budget(dy, "project")
    if e.project is not None and project is not None and project != in_yuan(e.project, unit):
        yield _differs("project-differs-between-sections", "expenditure", ("expenditure", "project"),
                       name("project"), e.project, f"收支预算总体情况中的{name('project')}", project / factor, unit)


def _three_public(dy: DepartmentYear) -> Iterator[Finding]:
    """The “三公” total against its three parts, the vehicles against theirs; in a 决算 also its
    预算数 (the `budgeted` block), which the 决算's pages and 预算执行情况 publish."""
    t = dy.three_public
    if t is None:
        return
    yield from _three_public_parts(t, t.unit, ("three_public",), "", "")
    if t.budgeted is not None:
        yield from _three_public_parts(t.budgeted, t.unit, ("three_public", "budgeted"), "budgeted-", "预算数")


def _three_public_parts(t, unit: str, loc: tuple, prefix: str, figure: str) -> Iterator[Finding]:
    v = t.vehicles
    if v and None not in (v.total, v.purchase, v.operation) and v.purchase + v.operation != v.total:
        yield _differs(f"{prefix}vehicle-costs-differ-from-parts", "three_public", (*loc, "vehicles", "total"),
                       f"{name('vehicles')}{figure}", v.total, "购置费与运行维护费之和", v.purchase + v.operation, unit)
    if None in (t.overseas, t.reception, v and v.total):
        return  # a part the document does not state: see skipped()
    parts = t.overseas + t.reception + v.total
    if parts != t.total:
        yield _differs(f"{prefix}three-public-total-differs-from-parts", "three_public", (*loc, "total"),
                       f"{name('three_public')}合计{figure}", t.total, "因公出国（境）、公务接待、公务用车三项之和", parts, unit)


def _assets(dy: DepartmentYear) -> Iterator[Finding]:
    a = dy.assets
    if a is not None and a.current + a.non_current != a.total:
        yield _differs("assets-total-differs-from-parts", "assets", ("assets", "total"), name("assets_total"), a.total,
                       f"{name('assets_current')}与{name('assets_non_current')}之和", a.current + a.non_current, a.unit)


def _operating_costs(dy: DepartmentYear) -> Iterator[Finding]:
    """机关运行经费 is part of 公用经费, so it cannot exceed the 日常公用 (商品和服务) spending."""
    o, line = dy.operating_costs, economic_line(dy, GOODS_AND_SERVICES)
    unit = line.unit or economic_list(dy)[2] if line else None
    if o is None or line is None or in_yuan(o.amount, o.unit) <= in_yuan(line.amount, unit):
        return
    yield Finding(
        "operating-costs-exceed-public-expenses", "operating_costs", ("operating_costs", "amount"),
        f"{name('operating_costs')} {format_amount(o.amount)} {o.unit} 大于“收支预算总体情况”中的{line.name} "
        f"{format_amount(line.amount)} {unit}。按定义，机关运行经费是基本支出中公用经费的一部分，"
        f"一般不应超过后者；以上数字均按原文照录，未作改动。",
        ((name("operating_costs"), o.amount, o.unit), (line.name, line.amount, unit)))


def _previous_year(dy: DepartmentYear) -> Iterator[Finding]:
    """Last year's total and the stated change must give this year's total."""
    b, w = dy.budget, dy.document.phase
    if b is None or b.income_total is None or b.previous_income_total is None or b.stated_change is None:
        return
    change = b.stated_change
    sign = 1 if change.direction == "增加" else -1
    expected = b.previous_income_total + sign * change.amount
    if expected != b.income_total:
        yield Finding(
            "income-change-differs-from-totals", "budget", ("budget", "stated_change", "amount"),
            f"原文{label('previous_income_total', w)} {format_amount(b.previous_income_total)} {b.unit}，较上年{change.direction} "
            f"{format_amount(change.amount)} {b.unit}，应为 {format_amount(expected)} {b.unit}，"
            f"而本年{label('income_total', w)}为 {format_amount(b.income_total)} {b.unit}；{UNCHANGED}",
            ((label("previous_income_total", w), b.previous_income_total, b.unit),
             (f"较上年{change.direction}", change.amount, b.unit), (label("income_total", w), b.income_total, b.unit)))


def previous_total_differs(dy: DepartmentYear, previous: DepartmentYear) -> Finding | None:
    """The previous year's total as this document states it, against that year's own file."""
    b, theirs = dy.budget, previous.budget
    if b is None or b.previous_income_total is None or theirs is None or theirs.income_total is None:
        return None
    said = label("previous_income_total", dy.document.phase)  # 上年收入决算总额 in a 决算
    theirs_said = label("income_total", previous.document.phase)
    if in_yuan(b.previous_income_total, b.unit) == in_yuan(theirs.income_total, theirs.unit):
        return None
    return Finding(
        f"previous-income-total-differs-from-{previous.year}-data", "budget", ("budget", "previous_income_total"),
        f"原文所写{said}为 {format_amount(b.previous_income_total)} {b.unit}，而本站 {previous.year} 年文件中的"
        f"{theirs_said}为 {format_amount(theirs.income_total)} {theirs.unit}；{UNCHANGED}",
        ((said, b.previous_income_total, b.unit), (f"{previous.year}年{theirs_said}", theirs.income_total, theirs.unit)))


def percent_agrees(published: Decimal, part: Decimal, whole: Decimal) -> bool:
    """A published percentage matches the amounts if rounding or truncating the exact share
    to the published number of places gives it (80.559 → 80.56 or 80.55)."""
    exact = part * 100 / whole
    step = Decimal(1).scaleb(published.as_tuple().exponent)  # 0.01 for 80.55
    return abs(exact - published) <= step / 2 or published <= exact < published + step


def _percentages(dy: DepartmentYear) -> Iterator[Finding]:
    for section, listed, lines, total in _lists(dy):
        unit = getattr(dy, section).unit
        for i, line in enumerate(lines):
            amount = in_unit(line.amount, line.unit or unit, unit)  # a 0元 row in a 万元 table
            if line.percent is None or total == 0 or percent_agrees(line.percent, amount, total):
                continue
            loc = (section, listed, i, "percent")
            computed = (amount * 100 / total).quantize(line.percent, ROUND_HALF_UP)
            yield Finding(
                "-".join(str(p).replace("_", "-") for p in loc) + "-differs-from-amounts", section, loc,
                f"原文写{line.name}占 {line.percent}%，按原文金额计算为 {computed}%（{format_amount(line.amount)} ÷ {format_amount(total)} {unit}）；"
                f"{UNCHANGED}",
                ((line.name, line.amount, unit), ("总额", total, unit)))


def _unknown_lines(dy: DepartmentYear) -> list[EconomicLine]:
    return [line for line in economic_lines(dy) if economic_class(line) is None]


def skipped(dy: DepartmentYear) -> list[tuple[tuple, str]]:
    """(place, reason) for each rule not checked: a part the document leaves unstated, or a
    line whose class is not known."""
    out = []
    if dy.expenditure and dy.expenditure.basic is not None and (unknown := _unknown_lines(dy)):
        names = "、".join(f"“{line.name}”" for line in unknown)
        out.append((("expenditure", "basic"), f"未核对{name('basic')} = 工资福利、商品和服务（日常公用）、对个人和家庭的补助之和："
                                              f"不知道{names}属于哪一类经济分类（请写上科目编码 code）"))
    t = dy.three_public
    for block, loc, figure in ((t, ("three_public",), ""), (t and t.budgeted, ("three_public", "budgeted"), "预算数")):
        if block is None:
            continue
        missing = [part + figure for part, value in ((name("overseas"), block.overseas), (name("reception"), block.reception),
                                                     (name("vehicles"), block.vehicles and block.vehicles.total))
                   if value is None]
        if missing:
            out.append(((*loc, "total"), f"未核对{name('three_public')}合计{figure} = 因公出国（境）、公务接待、公务用车三项之和："
                                         f"原文未列明{'、'.join(missing)}（网站显示为“原文未列明”）"))
    return out
