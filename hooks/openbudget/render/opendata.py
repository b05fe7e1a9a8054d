"""Open data: every figure table as CSV, every document as JSON, one datapackage.json.

CSV files are UTF-8 with a byte-order mark, so that Excel on a Chinese Windows opens them
correctly; they hold the figures exactly as the page shows them, units in the header.
datapackage.json describes every CSV as a Frictionless (Fiscal) Data Package resource:
currency CNY, the unit's factor (万元 = 10000), fiscal year, phase: "approved" (预算),
"adjusted" (调整预算) or "executed" (决算).
"""

from __future__ import annotations

import io
import json
import posixpath
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..document.record import Record
from ..document.statements import LEVELS, Statement, classification, code_parts, is_total, level, statements
from ..sources import repofiles
from ..views.execution import RATE_ROUNDING, Execution
from ..views.tables import SHARE_ROUNDING, FigureTable, section_tables
from ..views.targets import TargetRow
from ..vocabulary.money import UNITS, in_unit, plain_amount
from ..vocabulary.phases import BUDGET, BY_WORD, WORDS
from ..vocabulary.sections import BY_KEY
from ..vocabulary.targets import read
from . import spreadsheet

LICENSE_NOTE = "政府信息公开内容，按原文照录"


@dataclass(frozen=True)
class Download:
    path: str  # site path, e.g. miyi-xinfang/2021/budget/miyi-xinfang-2021-budget-income-by-economic.csv
    label: str  # what the file holds, as the download list says it
    content: str | bytes
    resource: dict | None = None  # its entry in datapackage.json, for tables


CODE_COLUMNS = {"functional": ("功能分类科目编码", "政府收支分类科目（支出功能分类）编码", "functional-classification"),
                "economic": ("经济分类科目编码", "政府收支分类科目（支出经济分类）编码", "economic-classification")}


def _code_column(table: FigureTable) -> list[str]:
    return [CODE_COLUMNS[table.classification or "functional"][0]] if table.has_codes else []


PUBLISHED_SHARE = "原文所列占比（%）"


def _published(table: FigureTable) -> bool:
    """The document prints shares for this table (kept as printed: they may be truncated)."""
    return any(row.published is not None for row in table.rows)


def _columns(table: FigureTable) -> list[str]:
    return ["年度", "部门", *_code_column(table), "项目", "行类型",
            f"金额（{table.unit}）", "占比（%，本站计算）", *([PUBLISHED_SHARE] if _published(table) else [])]


def table_rows(record: Record, table: FigureTable) -> list[list]:
    """The table as its CSV and its workbook sheet hold it: the header, then each row (amounts
    as Decimal, in the table's unit)."""
    rows: list[list] = [_columns(table)]
    for row in table.rows:
        kind = "合计" if row.total else "其中" if row.sub else "明细"
        rows.append([record.year, record.data.department, *([row.code or ""] if table.has_codes else []),
                     # an amount the document does not state is an empty cell, never 0; a row
                     # printed in another unit (0元 in a 万元 table) is converted exactly
                     row.label, kind, None if row.amount is None else row.in_unit(table.unit), row.share,
                     *([row.published] if _published(table) else [])])
    return rows


def csv_text(rows: list[list]) -> str:
    """Rows as a CSV file (with a byte-order mark): amounts as plain digits, None empty."""
    out = io.StringIO()
    spreadsheet.writer(out).writerows(["" if cell is None else plain_amount(cell) if isinstance(cell, Decimal) else cell
                                       for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()


def table_csv(record: Record, table: FigureTable) -> str:
    return csv_text(table_rows(record, table))


def file_stem(record: Record) -> str:
    """How every file downloaded from a document begins (miyi-xinfang-2021): files saved from
    several departments and years into one Downloads folder never overwrite each other; a
    决算's files say so (miyi-xinfang-2021-final), so never overwrite its 预算's either."""
    return record.key.replace("/", "-")


def table_file(record: Record, section: str, table_id: str) -> str:
    """A table's CSV names its department, year and section: miyi-xinfang-2021-three-public.csv,
    miyi-xinfang-2021-budget-income-by-economic.csv."""
    name = table_id if table_id == section or table_id.startswith(section + "-") else f"{section}-{table_id}"
    return f"{file_stem(record)}-{name}.csv"


def section_downloads(record: Record, page_url: str, tables: list[FigureTable]) -> list[Download]:
    section = posixpath.basename(page_url.rstrip("/"))
    return [Download(path, f"{t.caption}（CSV）", table_csv(record, t), resource(record, t, path))
            for t in tables for path in [page_url + table_file(record, section, t.id)]]


def statement_download(record: Record, st: Statement, page_url: str) -> Download:
    """A published table as CSV: every column as printed, the code also split into 类/款/项."""
    path = f"{page_url}{file_stem(record)}-{st.slug}.csv"
    sides, columns, codes, lines = _shape(st)
    unit = st.table.unit
    rows = statement_rows(record, st)
    header = rows[0]
    kind = classification(next(row.code for _, _, b in st.table.bodies for row in b.rows if row.code)) if codes else None
    fields = [{"name": "年度", "type": "integer"}, {"name": "部门", "type": "string"}]
    if sides:
        fields.append({"name": "栏", "type": "string", "description": "原表左右两栏中的哪一栏（如收入、支出）"})
    if codes:
        prefix = {"functional": "functional-classification", "economic": "economic-classification",
                  "revenue": "revenue-classification"}[kind]
        fields += [{"name": name, "type": "string", "columnType": f"{prefix}:generic:level{n}:code",
                    "description": f"科目编码的{name}级（{'、'.join(('3', '5', '7'))} 位编码依次为类、款、项）"}
                   for n, name in enumerate(("类", "款", "项"), 1)]
        fields.append({"name": "科目编码", "type": "string", "columnType": f"{prefix}:generic:code"})
    fields.append({"name": header[len(fields)], "type": "string",
                   **({"columnType": f"{prefix}:generic:label"} if codes else {})})
    if lines:
        fields.append({"name": "行次", "type": "string"})
    fields += [{"name": f"{c}（{unit}）", "type": "number", "columnType": "value",
                "description": "按原文照录；空白表示原表该格为空"} for c in columns]
    direction = "revenue" if st.standard and st.standard.key == "income" else "expenditure"
    resource = {"name": posixpath.basename(path).removesuffix(".csv"), "path": path,
                "title": f"{record.data.department} {record.year_title} {st.title}", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": {"fields": fields},
                "currency": "CNY", "factor": UNITS[unit].yuan, "fiscalYear": str(record.year),
                "phase": BY_WORD[record.phase].fiscal, **({} if sides else {"direction": direction})}
    return Download(path, f"{st.title}（CSV）", csv_text(rows), resource)


def _shape(st: Statement) -> tuple[bool, list[str], bool, bool]:
    """A published table's columns in its CSV: printed as two halves; the amount columns of every
    part, once each, in order; whether it has codes; whether it has line numbers (行次)."""
    columns: list[str] = []
    for _, _, body in st.table.bodies:
        columns += [c for c in body.columns if c not in columns]
    codes = any(row.code for _, _, body in st.table.bodies for row in body.rows)
    lines = any(row.line for _, _, body in st.table.bodies for row in body.rows)
    return st.table.sides is not None, columns, codes, lines


def statement_rows(record: Record, st: Statement) -> list[list]:
    """A published table as its CSV and its workbook sheet hold it: the header, then each row."""
    sides, columns, codes, lines = _shape(st)
    rows: list[list] = [["年度", "部门", *(["栏"] if sides else []), *(["类", "款", "项", "科目编码"] if codes else []),
                         "科目名称" if codes else "项目", *(["行次"] if lines else []),
                         *(f"{c}（{st.table.unit}）" for c in columns)]]
    for _, heading, body in st.table.bodies:
        at = {c: i for i, c in enumerate(body.columns)}
        for row in body.rows:
            cells = [row.amounts[at[c]] if c in at and at[c] < len(row.amounts) else None for c in columns]
            rows.append([record.year, record.data.department, *([heading] if sides else []),
                         *([*code_parts(row.code), row.code or ""] if codes else []), row.name,
                         *([row.line or ""] if lines else []), *cells])
    return rows


def source_download(record: Record, original: Path, root: Path) -> Download:
    """The published text (data/<部门>/<年度>.source.txt, checked to be UTF-8 when the site is
    read) with a byte-order mark: a browser told no charset shows it as UTF-8, not garbled."""
    text = repofiles.read_bytes(original, root).decode("utf-8").removeprefix("\ufeff")
    return Download(f"{record.base}{file_stem(record)}-source.txt", "原文全文（纯文本）",
                    "\ufeff" + text)


WORKBOOK_NOTES = (
    "文字和数字按原文照录，未作改动；每个工作表是本年度的一张表，与网站上该表的 CSV 文件相同。",
    "金额是数字（可直接求和），单位写在表头（万元或元），小数位数同原文。",
    "空白的格：原文未列明该数字，或原表该格为空；不是 0。",
    f"“占比（%，本站计算）”由本站按公开金额计算（{SHARE_ROUNDING}），不是原文数字；“原文所列占比”按原文照录。",
    "以 =、+、-、@ 开头的文字按文字保存，不作为公式执行。",
)


def year_workbook(record: Record, tables: list[FigureTable], published: list[Statement]) -> Download:
    """Every table of a document in one .xlsx (miyi-xinfang-2021.xlsx): a sheet per table, named by
    its caption and holding the same rows as its CSV; then 来源 (the document and where it is
    published) and 数据说明 (how to read the figures, and each published discrepancy)."""
    doc = record.data.document
    sheets = [(t.caption, table_rows(record, t)) for t in tables]
    sheets += [(f"{st.table.number} {st.title}" if st.table.number else st.title, statement_rows(record, st))
               for st in published]
    sheets.append(("来源", [["项目", "内容"], ["部门", record.data.department], ["年度", record.year],
                            ["文件类型", f"部门{record.phase}"], ["原文标题", doc.title or "（原文无标题）"],
                            ["公开日期", doc.published_on.isoformat() if doc.published_on else "原文未注明"],
                            ["原文网址", doc.source_url or "原文未注明"], ["数据文件", record.file]]))
    sheets.append(("数据说明", [["说明"], *([note] for note in WORKBOOK_NOTES),
                                *([f"数据说明（{f.id}）：{f.text}"] for f in record.findings)]))
    return Download(f"{record.base}{file_stem(record)}.xlsx",
                    f"{record.year_title}全部表格（Excel：每张表一个工作表，另有来源和数据说明）",
                    spreadsheet.workbook(sheets))


def document_json(record: Record, findings: list[dict]) -> str:
    """The whole normalized document; amounts as their published text (JSON strings)."""
    data = {
        "department": {"slug": record.slug, "name": record.data.department},
        "year": record.year,
        "source_file": record.file,
        "document": record.data.model_dump(mode="json", exclude_none=True),
        "findings": findings,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def resource(record: Record, table: FigureTable, path: str) -> dict:
    fields = [{"name": "年度", "type": "integer"}, {"name": "部门", "type": "string"}]
    column, description, kind = CODE_COLUMNS[table.classification or "functional"]
    if table.has_codes:
        fields.append({"name": column, "type": "string", "description": description,
                       "columnType": f"{kind}:generic:code"})
    fields += [
        {"name": "项目", "type": "string", "columnType": (f"{kind}:generic:label" if table.has_codes
                                                          else "economic-classification:generic:label")},
        {"name": "行类型", "type": "string", "constraints": {"enum": ["明细", "其中", "合计"]}},
        {"name": f"金额（{table.unit}）", "type": "number", "columnType": "value"},
        {"name": "占比（%，本站计算）", "type": "number", "description": f"本站按公开金额计算的占比（{SHARE_ROUNDING}），不是原文数字"},
        *([{"name": PUBLISHED_SHARE, "type": "number", "description": "原文印出的占比，按原文的小数位数照录（可能是截断而非四舍五入）"}]
          if _published(table) else []),
    ]
    name = posixpath.basename(path).removesuffix(".csv")
    return {
        "name": name, "path": path, "title": f"{record.data.department} {record.year_title} {table.caption}",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
        "schema": {"fields": fields},
        "currency": "CNY", "factor": UNITS[table.unit].yuan, "fiscalYear": str(record.year),
        "phase": BY_WORD[record.phase].fiscal,
        # Fiscal Data Package knows only revenue and expenditure; assets held have no direction
        **({"direction": table.direction} if table.direction in ("revenue", "expenditure") else {}),
    }


def comparison_csv(path: str, name: str, years: list[int], groups) -> Download:
    """历年对比 as one table: every item, its figure each year (empty: 未公开) and each change."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    columns = ["部门", "分组", "项目", "单位", *[f"{y}年" for y in years],
               *[f"{y}年变化" for y in years[1:]], *[f"{y}年变化（%，本站计算）" for y in years[1:]]]
    writer.writerow(columns)
    for group in groups:
        for s in group.series:
            changes = s.changes()
            writer.writerow([name, group.title, s.label, s.unit, *["" if v is None else plain_amount(v) for v in s.values],
                             *["" if c is None else plain_amount(c.amount) for c in changes],
                             *["" if c is None or c.percent is None else str(c.percent) for c in changes]])
    fields = [{"name": c, "type": "string" if i < 4 else "number"} for i, c in enumerate(columns)]
    resource = {"name": posixpath.basename(path).removesuffix(".csv"), "path": path, "title": f"{name} 历年对比",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": {"fields": fields},
                "currency": "CNY"}
    return Download(path, "历年对比（CSV）", "\ufeff" + out.getvalue(), resource)


ALL_FIGURES = "all-figures.csv"
ALL_COLUMNS = ["部门代码", "部门", "年度", "文件类型", "栏目", "表", "列", "科目编码", "项目", "层级", "金额", "单位",
               "金额（万元）", PUBLISHED_SHARE]
ALL_UNIT = "万元"  # one unit for summing across departments, converted exactly beside the published figure
TABLES_SECTION = "公开表"  # the 栏目 of a figure from one of the document's own tables (statements.py)


def _level(code: str | None) -> str:
    """A row's level in the long table: 类, 款 or 项 by its code, else 明细 (a line of its own)."""
    return "明细" if code is None else LEVELS[level(code)]


def all_figures(records) -> Download:
    """Every published figure of every document in one long table (one row a figure, each in its
    own published unit): for comparing departments and years in a spreadsheet."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(ALL_COLUMNS)
    for record in sorted(records, key=lambda r: (r.slug, r.year, WORDS.index(r.phase))):
        for placed in record.data.outline:
            for table in section_tables(record, placed.key) if placed.section.kind in BY_KEY else []:
                for row in table.rows:
                    if row.amount is None:
                        continue  # not stated in the document: no figure, never a 0
                    kind = "合计" if row.total else "其中" if row.sub else _level(row.code)
                    unit = row.unit or table.unit
                    writer.writerow([record.slug, record.data.department, record.year, record.phase,
                                     BY_KEY[placed.section.kind].title, table.caption, "", row.code or "", row.label, kind,
                                     plain_amount(row.amount), unit, plain_amount(in_unit(row.amount, unit, ALL_UNIT)),
                                     "" if row.published is None else str(row.published)])
        for st in statements(record.data):  # every cell of the document's tables; a blank cell is no figure
            for _, heading, body in st.table.bodies:
                for row in body.rows:
                    kind = "合计" if is_total(row) else _level(row.code)
                    for column, cell in zip(body.columns, row.amounts):
                        if cell is not None:
                            writer.writerow([record.slug, record.data.department, record.year, record.phase,
                                             TABLES_SECTION, st.title, f"{heading}/{column}" if heading else column,
                                             row.code or "", row.name or "", kind, plain_amount(cell), st.table.unit,
                                             plain_amount(in_unit(cell, st.table.unit, ALL_UNIT)), ""])
    fields = [{"name": name, "type": "string"} for name in ALL_COLUMNS]
    for field in fields:
        if field["name"] == "年度":
            field["type"] = "integer"
        elif field["name"] in ("金额", "金额（万元）", PUBLISHED_SHARE):
            field["type"] = "number"
    fields[ALL_COLUMNS.index("金额")]["description"] = "按原文照录，单位见“单位”列（万元或元）"
    fields[ALL_COLUMNS.index("金额（万元）")]["description"] = "同一金额换算为万元（精确换算，不四舍五入），便于跨部门相加"
    fields[ALL_COLUMNS.index("层级")]["description"] = ("合计、类、款、项、其中或明细：合计包含同表各类，类包含其下各款，"
                                                      "款包含其下各项，其中是上一行的一部分；相加时只取同一层级，以免重复计算")
    fields[ALL_COLUMNS.index("列")]["description"] = "公开表中的金额列（按原文表头；左右两栏的表先写栏名）"
    resource = {"name": "all-figures", "path": ALL_FIGURES, "title": "全部已公开数字（长表）", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": {"fields": fields}, "currency": "CNY"}
    return Download(ALL_FIGURES, "全部已公开数字（CSV 长表）", "\ufeff" + out.getvalue(), resource)


def datapackage(resources: list[dict]) -> str:
    """The site's data package; resources by path, one order whichever build (or merge) lists them."""
    package = {
        "profile": "data-package",
        "name": "openbudget-department-budgets",
        "title": "部门预算公开数据",
        "description": "各部门年度部门预算说明中的数字表，按原文照录；金额单位见每个资源的 factor（万元 = 10000 元）。",
        "licenses": [{"name": "other-pd", "title": LICENSE_NOTE}],
        "resources": sorted(resources, key=lambda r: r["path"]),
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _table_download(path: str, label: str, title: str, columns: list[tuple[str, str]], rows: list[list],
                    extra: dict) -> Download:
    """A CSV of rows under (name, type) columns, with its datapackage resource."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow(["" if cell is None else plain_amount(cell) if isinstance(cell, Decimal) else str(cell)
                         for cell in row])
    resource = {"name": posixpath.basename(path).removesuffix(".csv"), "path": path, "title": title, "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8-sig",
                "schema": {"fields": [{"name": name, "type": kind} for name, kind in columns]}, **extra}
    return Download(path, label, "\ufeff" + out.getvalue(), resource)


def county_downloads(url: str, slug: str, name: str, summary, phase: str = BUDGET) -> list[Download]:
    """The county page's three tables (county.py): departments, functional and economic classes,
    named like every download after place, year and kind (miyi-2021-departments.csv,
    miyi-2021-final-departments.csv)."""
    kind = BY_WORD[phase]
    stem = f"{url}{slug}-{summary.year}" + (f"-{kind.suffix}" if kind.suffix else "")
    fiscal = {"currency": "CNY", "factor": UNITS["万元"].yuan, "fiscalYear": str(summary.year), "phase": kind.fiscal}
    def amount(figure):
        return None if figure is None else figure.amount

    def change(figure):
        return None if figure is None else figure.change

    def percent(figure):  # the change's percentage, as the page shows it
        return None if figure is None or figure.delta is None else figure.delta.percent
    departments = _table_download(
        f"{stem}-departments.csv", "各部门（CSV）", f"{name} {summary.year}年 各部门{phase}",
        [("部门代码", "string"), ("部门", "string"), (f"收入{phase}总额（万元）", "number"), ("较上年（万元）", "number"),
         ("“三公”经费（万元）", "number"), ("“三公”经费较上年（万元）", "number"), ("机关运行经费（万元）", "number"),
         ("机关运行经费较上年（万元）", "number"), ("编制（人）", "integer"), ("在职人数（人）", "integer"),
         ("在职人数较上年（人）", "integer"), (f"收入{phase}总额较上年（%，本站计算）", "number"),
         ("“三公”经费较上年（%，本站计算）", "number"), ("机关运行经费较上年（%，本站计算）", "number"),
         ("在职人数较上年（%，本站计算）", "number"), ("人均支出（万元/人，本站计算）", "number")],
        [[r.slug, r.name, amount(r.total), change(r.total), amount(r.three_public), change(r.three_public),
          amount(r.operating_costs), change(r.operating_costs), amount(r.authorized), amount(r.staff), change(r.staff),
          *(percent(f) for f in (r.total, r.three_public, r.operating_costs, r.staff)),
          None if r.per_staff is None else r.per_staff.amount]
         for r in summary.published], fiscal)
    classes = [_table_download(
        f"{stem}-{key}.csv", f"{what}（CSV）", f"{name} {summary.year}年 已公开部门合计：{what}",
        [("科目编码", "string"), ("科目名称", "string"), ("金额（万元）", "number"), ("部门数", "integer")],
        [[c.code, c.name, c.amount, len(c.departments)] for c in sums], {**fiscal, "direction": "expenditure"})
        for key, what, sums in (("functional", "按支出功能分类（类）", summary.functional),
                                ("economic", "按经济分类", summary.economic)) if sums]
    return [departments, *classes]


EXECUTION_COLUMNS = ["部门", "年度", "分组", "项目", "单位", "预算数", "决算数", "差额（决算数−预算数）",
                     "执行率（%，本站计算）", "预算数出处", "差异原因（按原文）"]


def execution_csv(path: str, name: str, table: Execution) -> Download:
    """预算执行情况 (execution.py) as one table: an empty 预算数 or 决算数 is 未公开, never 0."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(EXECUTION_COLUMNS)
    for group, line in table.lines():
        empty = (lambda v: "" if v is None else plain_amount(v))
        source = "" if line.budgeted is None else "决算所列预算数" if line.budget_from_final else "预算"
        writer.writerow([name, table.year, group.title, line.label, line.unit, empty(line.budgeted), empty(line.actual),
                         empty(line.difference), empty(line.rate), source, line.reason or ""])
    numbers = {"预算数", "决算数", "差额（决算数−预算数）", "执行率（%，本站计算）"}
    fields = [{"name": c, "type": "integer" if c == "年度" else "number" if c in numbers else "string"}
              for c in EXECUTION_COLUMNS]
    fields[EXECUTION_COLUMNS.index("执行率（%，本站计算）")]["description"] = RATE_ROUNDING
    resource = {"name": posixpath.basename(path).removesuffix(".csv"), "path": path,
                "title": f"{name} {table.year}年预算执行情况", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8-sig", "schema": {"fields": fields}, "currency": "CNY",
                "fiscalYear": str(table.year)}
    return Download(path, f"{table.year}年预算执行情况（CSV）", "\ufeff" + out.getvalue(), resource)


TARGET_COLUMNS = [("部门代码", "string"), ("部门", "string"), ("年度", "integer"), ("文件", "string"), ("栏目", "string"),
                  ("一级指标", "string"), ("二级指标", "string"), ("指标", "string"), ("目标值（原文）", "string"),
                  ("比较方式", "string"), ("目标数值", "number"), ("单位", "string"), ("实际完成值（原文）", "string"),
                  ("完成情况", "string"), ("偏差原因（原文）", "string"), ("原文语句", "string")]


def targets_csv(record: Record, rows: list[TargetRow]) -> Download:
    """A document's targets and results (views/targets.py), one row a target: values as published,
    the site's reading of a numeric target beside them, and the outcome (达到 / 未达到 are the site's
    comparison; 未报告 is no result, not a miss)."""
    path = f"{record.base}{file_stem(record)}-targets.csv"
    out = []
    for row in rows:
        reading = read(row.value)
        levels = list(row.levels) + [""] * (2 - len(row.levels))
        out.append([record.slug, record.data.department, record.year, record.phase, BY_KEY[row.section].title,
                    levels[0], levels[1], row.indicator, row.value, reading.comparison if reading else None,
                    reading.number if reading else None, reading.unit if reading else None, row.actual,
                    row.outcome + ("（本站比对）" if row.compared else ""), row.reason, row.sentence])
    download = _table_download(path, "目标与完成情况（CSV）", f"{record.data.department} {record.year_title}目标与完成情况",
                               TARGET_COLUMNS, out, {"fiscalYear": str(record.year), "phase": BY_WORD[record.phase].fiscal})
    fields = download.resource["schema"]["fields"]
    fields[10]["description"] = "本站从目标值（原文）读出的数字；文字目标为空"
    fields[13]["description"] = "达到、未达到由本站比对（目标写明比较方式且单位相同时）；未能比对；未报告（决算未报告，不等于未达到）"
    return download
