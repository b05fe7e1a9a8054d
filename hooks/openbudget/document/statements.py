"""The document's own tables (公开表): which standard table each is, and how it reads.

A disclosure is its explanation (the outline's sections) plus a set of standard tables in the
Ministry of Finance's format (data/statements.yaml: 部门收支总表 … 政府性基金预算支出表, and
the 决算's nine). The model keeps each table as printed: title, unit, amount columns (a
multi-row header joined with “/”), rows with an optional 类/款/项 code, cells that may be
blank. This module places them: the standard table a title names, the page's address, the
header rebuilt with its spans, each row's level in the classification. The checks on them
are tablechecks.py; their pages, CSV and charts read what this module says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from .model import DepartmentYear, PublishedTable, TableBody, TableRow

DATA_FILE = Path(__file__).parents[1] / "data" / "statements.yaml"
PATH = "tables"  # /<department>/<year>/tables/<slug>/ ; the table list is /<department>/<year>/tables/
LIST_TITLE = "公开表"
LEVELS = ("类", "款", "项")  # a code's level by its length: 201, 20103, 2010301
TOTAL_ROW = re.compile(r".*(合计|总计)")  # 合计, 总计, 本年支出合计, 人员经费合计: adds up the 类 rows
_IGNORED = re.compile(r"[\s“”\"'‘’〝〞「」『』]")


@dataclass(frozen=True)
class Standard:
    key: str
    title: str
    phase: str  # 预算 or 决算
    names: tuple[str, ...]
    sides: bool = False
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, header patterns) it declares


@cache
def _declared() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@cache
def standards() -> tuple[Standard, ...]:
    raw = _declared()
    return tuple(Standard(item["key"], item["title"], phase, tuple(item["names"]), bool(item.get("sides")),
                          tuple((role, tuple(patterns)) for role, patterns in item.get("columns", {}).items()))
                 for group, phase in (("budget", "预算"), ("final", "决算")) for item in raw[group])


def plain(text: str | None) -> str:
    """A title or name without the spaces and quotes printing varies in: “三公” = "三公" = 三公."""
    return _IGNORED.sub("", text or "")


def standard_of(title: str) -> Standard | None:
    """The standard table a published title names: the longest standard name it ends with."""
    title = plain(title)
    found = [(len(name), s) for s in standards() for name in s.names if title.endswith(plain(name))]
    return max(found, key=lambda pair: pair[0])[1] if found else None


ROLES = ("this_year", "brought_forward", "carried_over", "budget", "actual")


def _patterns(standard: Standard | None) -> dict[str, tuple[re.Pattern, ...]]:
    """Each column role's header patterns (data/statements.yaml): the table's own, else every table's."""
    declared = {role: tuple(patterns) for role, patterns in _declared()["columns"].items()}
    declared.update(dict(standard.columns) if standard else {})
    return {role: tuple(re.compile(p) for p in declared.get(role, ())) for role in ROLES}


def role(standard: Standard | None, columns: list[str], name: str) -> list[int]:
    """The columns (indexes into one body's header) playing a role (ROLES) in a table of this
    standard: those the first of the role's patterns that matches any column matches."""
    headers = ["/".join(plain(part) for part in column.split("/")) for column in columns]
    for pattern in _patterns(standard)[name]:
        found = [k for k, header in enumerate(headers) if pattern.fullmatch(header)]
        if found:
            return found
    return []


def this_year(st: Statement, body: TableBody) -> int | None:
    """The column of this year's spending (or income) in one body of a table; None when no column
    is, say a table of balances only: nothing in it is added up as this year's money."""
    balances = {k for name in ("brought_forward", "carried_over") for k in role(st.standard, body.columns, name)}
    found = [k for k in role(st.standard, body.columns, "this_year") if k not in balances]
    return found[0] if found else None


def level(code: str | None) -> int | None:
    """0 for a 类 (201), 1 for a 款 (20103), 2 for a 项 (2010301)."""
    return None if code is None else (len(code) - 3) // 2


def is_total(row: TableRow) -> bool:
    return row.code is None and TOTAL_ROW.fullmatch(plain(row.name)) is not None


def classification(code: str) -> str:
    """What a code classifies, by its first digit (政府收支分类科目)."""
    return {"1": "revenue", "2": "functional"}.get(code[0], "economic")


@dataclass(frozen=True)
class Statement:
    """One table of a document, where the site puts it."""

    index: int  # its place in the file's `tables:` list
    table: PublishedTable
    standard: Standard | None
    slug: str

    @property
    def title(self) -> str:
        return self.table.title

    @property
    def loc(self) -> tuple:
        return ("tables", self.index)

    @property
    def url(self) -> str:
        return f"{PATH}/{self.slug}/"

    @property
    def section(self) -> str:
        """The key its findings are filed under (shown on its page)."""
        return f"{PATH}/{self.slug}"


def statements(dy: DepartmentYear) -> list[Statement]:
    """The document's tables in its order; each standard table at its standard address, the
    others (and a second table of one standard) at table-<n>. An address the editor wrote
    twice is refused by tablechecks.check."""
    out, taken = [], set()
    for i, table in enumerate(dy.tables):
        standard = standard_of(table.title)
        slug = table.slug or (standard.key if standard and standard.key not in taken else f"table-{i + 1}")
        if slug in taken:
            slug = f"{slug}-{i + 1}"
        taken.add(slug)
        out.append(Statement(i, table, standard, slug))
    return out


def by_key(dy: DepartmentYear) -> dict[str, Statement]:
    """The first table of each standard in the document, by the standard's key."""
    return first_of_each(statements(dy))


def first_of_each(found: list[Statement]) -> dict[str, Statement]:
    """The first of these tables of each standard, by the standard's key."""
    out: dict[str, Statement] = {}
    for st in found:
        if st.standard is not None:
            out.setdefault(st.standard.key, st)
    return out


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    group: bool = False  # heads the columns under it


def header(columns: list[str]) -> list[list[HeaderCell]]:
    """The amount columns' header as printed: 基本支出/人员经费 and 基本支出/公用经费 under one
    基本支出 spanning both; a column with fewer levels spans the rows below it."""
    paths = [tuple(part.strip() for part in c.split("/")) for c in columns]
    depth = max(len(p) for p in paths)
    rows: list[list[HeaderCell]] = []
    for depth_at in range(depth):
        cells, i = [], 0
        while i < len(paths):
            path = paths[i]
            if len(path) <= depth_at:
                i += 1
                continue
            j = i + 1
            group = len(path) > depth_at + 1
            if group:
                while j < len(paths) and len(paths[j]) > depth_at + 1 and paths[j][:depth_at + 1] == path[:depth_at + 1]:
                    j += 1
            cells.append(HeaderCell(path[depth_at], j - i, 1 if group else depth - depth_at, group))
            i = j
        rows.append(cells)
    return rows


def sums_to(columns: list[str]) -> list[tuple[int, list[int]]]:
    """(the 合计 column, the columns it adds up) for each group of columns headed by a 合计 or
    小计: 合计 = 基本支出 + 项目支出; 公务用车购置及运行费/小计 = its 购置费 + 运行费. A group of
    columns without its own 小计 counts as the sum of its columns."""
    paths = [tuple(part.strip() for part in c.split("/")) for c in columns]
    out = []

    def walk(prefix: tuple, members: list[int]) -> None:
        depth = len(prefix)
        heads: dict[str, list[int]] = {}
        for i in members:
            heads.setdefault(paths[i][depth], []).append(i)
        children = [(name, idx) for name, idx in heads.items()]
        total = next((idx[0] for name, idx in children if len(idx) == 1 and len(paths[idx[0]]) == depth + 1
                      and re.fullmatch(r"(本年)?(收入|支出)?(合计|小计|总计)", plain(name))), None)
        for name, idx in children:
            if len(idx) > 1 or len(paths[idx[0]]) > depth + 1:
                walk(prefix + (name,), [i for i in idx if len(paths[i]) > depth + 1])
        if total is None:
            return
        parts = []
        for name, idx in children:
            if idx == [total]:
                continue
            nested = [i for i in idx if len(paths[i]) > depth + 1]
            own = [i for i in idx if len(paths[i]) == depth + 1]
            if own:
                parts += own
            else:
                sub = next((i for i in nested if len(paths[i]) == depth + 2 and
                            re.fullmatch(r"(合计|小计)", plain(paths[i][-1]))), None)
                parts += [sub] if sub is not None else [i for i in nested if len(paths[i]) == depth + 2]
        if parts:
            out.append((total, parts))

    walk((), list(range(len(paths))))
    return out


def zero(cell: Decimal | None) -> Decimal:
    """A blank cell counts as 0 in a sum (the published table leaves zeros blank)."""
    return Decimal(0) if cell is None else cell


def code_parts(code: str | None) -> tuple[str, str, str]:
    """The code split into its 类, 款 and 项 (the open data's hierarchy columns)."""
    if code is None:
        return "", "", ""
    return code[:3], code[:5] if len(code) >= 5 else "", code if len(code) == 7 else ""


def children(body: TableBody) -> dict[int, list[int]]:
    """Row i → the rows directly under it in the classification: its 款 under a 类, its 项 under a
    款 (found in one pass: a county's table has hundreds of rows)."""
    at: dict[str, list[int]] = {}
    for i, row in enumerate(body.rows):
        if row.code and len(row.code) < 7:
            at.setdefault(row.code, []).append(i)
    below: dict[int, list[int]] = {}
    for j, row in enumerate(body.rows):
        if row.code and len(row.code) > 3:
            for i in at.get(row.code[:-2], ()):
                below.setdefault(i, []).append(j)
    return below


def grand_total(body: TableBody) -> tuple[int, Decimal, str] | None:
    """The last 总计 (else 合计) row of one side of a 收入 | 支出 table, and its first figure."""
    for pattern in (r".*总计", r".*合计"):
        rows = [j for j, row in enumerate(body.rows) if row.code is None and re.fullmatch(pattern, plain(row.name))]
        if rows:
            j = rows[-1]
            return j, zero(body.rows[j].amounts[0]), body.rows[j].name
    return None


def total_row(body: TableBody) -> int | None:
    """The 合计 row, else the only row (a “三公” table of one line)."""
    return next((j for j, row in enumerate(body.rows) if is_total(row)), 0 if len(body.rows) == 1 else None)


def column_named(columns: list[str], *words: str, among: list[int] | None = None) -> int | None:
    """The first column (of those given, else of all) whose header names every word."""
    for k, column in enumerate(columns):
        parts = [plain(p) for p in column.split("/")]
        if among is not None and k not in among:
            continue
        if all(any(w in part for part in parts) for w in words):
            return k
    return None


# ---- how a table reads on its page ----------------------------------------------------------

_NOT_IN_ANCHOR = re.compile(r"[^\w-]+")


def row_anchors(table: str, keys: list[str]) -> list[str]:
    """Each row's anchor on its page, for a citable link (…/tables/general-public/#general-public-2010302):
    the table's anchor and the row's code, or its name when it has none, so that a link keeps
    pointing at the same figure in a later build or year however the rows are ordered. Only
    letters, digits and hyphens (a fragment needs no escaping); a key met again in the same
    table gets -2, -3."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        slug = _NOT_IN_ANCHOR.sub("-", key).strip("-") or "row"
        seen[slug] = seen.get(slug, 0) + 1
        out.append(f"{table}-{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else ""))
    return out

@dataclass(frozen=True)
class RowView:
    code: str | None
    name: str
    line: str | None
    amounts: tuple[Decimal | None, ...]
    level: int | None  # 0 类, 1 款, 2 项: indented, and hidden when the reader shows fewer levels
    classes: str
    anchor: str  # row_anchors


@dataclass(frozen=True)
class PartView:
    id: str  # anchor
    heading: str | None  # 收入 or 支出, for a table printed as two
    header: list[list[HeaderCell]]
    name_header: str
    codes: bool
    lines: bool
    rows: tuple[RowView, ...]


def view(st: Statement) -> list[PartView]:
    out = []
    for where, heading, body in st.table.bodies:
        codes = any(row.code for row in body.rows)
        part = f"{st.slug}-{where[1] + 1}" if where else st.slug
        rows = tuple(RowView(row.code, row.name or "", row.line, tuple(row.amounts), level(row.code),
                             " ".join(c for c in (f"ob-l{level(row.code)}" if row.code else "",
                                                  "ob-total" if is_total(row) else "") if c), anchor)
                     for row, anchor in zip(body.rows, row_anchors(part, [row.code or row.name or "" for row in body.rows])))
        out.append(PartView(part, heading, header(body.columns),
                            "科目名称" if codes else "项目", codes, any(row.line for row in body.rows), rows))
    return out


def levels(st: Statement) -> list[str]:
    """The levels a reader can fold the table to (类, 款, 项), when it has more than one."""
    deepest = max((level(row.code) for _, _, body in st.table.bodies for row in body.rows if row.code), default=0)
    return list(LEVELS[:deepest + 1]) if deepest > 0 else []


