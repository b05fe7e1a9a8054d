"""The standard classification of spending (政府收支分类科目), read from data/classification.yaml.

Documents name the same class differently by year and county (工资性支出 in 2014,
工资福利支出 today; 日常公用支出 in the seed, 商品和服务支出 elsewhere); codes do not
change. A data row keeps its published name and may carry a code; this module tells the
rules, the comparison and the open data which class the row is: by its code when it has
one, else by the standard name or a known alias. A name it does not know is still
published as written; `openbudget validate` asks the editor to add the code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parents[1] / "data" / "classification.yaml"

# Keys the rules need by meaning; the file says what each is called and what it covers.
GOODS_AND_SERVICES = "302"  # 商品和服务支出: 机关运行经费 is part of it (findings)
BASIC, PROJECT = "basic", "project"


@dataclass(frozen=True)
class Entry:
    key: str  # the code (301, 20103) or, for a kind of spending, its key (project)
    name: str  # the official name
    aliases: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()  # a kind of spending: the economic classes it is made of

    @property
    def code(self) -> str | None:
        return self.key if self.key.isdigit() else None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Table:
    entries: tuple[Entry, ...]

    @cached_property
    def by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}

    @cached_property
    def by_name(self) -> dict[str, Entry]:
        return {name: e for e in self.entries for name in e.names}


@cache
def tables() -> dict[str, Table]:
    """economic (classes and kinds of spending) and functional, as shipped with the project."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))

    def entries(items: list[dict], key: str) -> tuple[Entry, ...]:
        return tuple(Entry(str(item[key]), item["name"], tuple(item.get("aliases", ())),
                           tuple(item.get("covers", ()))) for item in items)

    return {"economic": Table(entries(raw["economic"], "code") + entries(raw["kinds"], "key")),
            "functional": Table(entries(raw["functional"], "code"))}


def basic_classes() -> tuple[str, ...]:
    """Basic expenditure (基本支出) is the sum of these economic classes."""
    return tables()["economic"].by_key[BASIC].covers


def economic_class(line) -> str | None:
    """The economic class (301…) or kind of spending (project) of a by_economic line, if known:
    by its code (a 款 such as 30201 办公费 belongs to its 类 302), else by its published name."""
    if line.code:
        return line.code[:3]
    entry = tables()["economic"].by_name.get(line.name)
    return entry.key if entry else None


# ---- one line across documents and years --------------------------------------------------

_SPACES = re.compile(r"\s+")
_END = re.compile(r"(收入|支出)$")


def normalised(name: str) -> str:
    """A line's name as matching reads it: full-width as half-width, no spaces, 财政 taken out,
    no trailing 收入/支出 (一般公共预算财政拨款收入 = 一般公共预算拨款收入 = 一般公共预算拨款)."""
    return _END.sub("", _SPACES.sub("", unicodedata.normalize("NFKC", name)).replace("财政", ""))


def _canonical(name: str, table: str | None) -> str:
    """The normalised standard name a published name (or an alias of it) stands for."""
    entries = tables()[table].by_name if table else {}
    entry = entries.get(name) or entries.get(normalised(name))
    return normalised(entry.name if entry else name)


def same_line(a, b, table: str | None = None) -> bool:
    """Whether two lines (of two documents, or two years) are one line: the same code when both
    have one (codes are misprinted in real documents: a shared code with another name stays
    apart), and the same name once normalised or read through the classification's aliases."""
    code_a, code_b = getattr(a, "code", None), getattr(b, "code", None)  # an income source has no code
    if code_a and code_b and code_a != code_b:
        return False
    if code_a and code_b and table == "economic":
        return True  # one economic class, whatever the year calls it (工资性支出, 工资福利支出)
    return _canonical(a.name, table) == _canonical(b.name, table)


def matched(lists: Sequence[Sequence], table: str | None = None) -> list[list]:
    """The lines of several documents as rows, one per line, each row holding every document's
    line or None: in the order of the last document that has each line, then the earlier ones'.
    The one way 历年对比, 预算执行情况 and the glance's 较上年 match lines."""
    rows: list[list] = []
    for i in reversed(range(len(lists))):
        for line in lists[i]:
            row = next((r for r in rows if r[i] is None and same_line(next(x for x in r if x is not None), line, table)),
                       None)
            if row is None:
                rows.append(row := [None] * len(lists))
            row[i] = line
    return rows


def unresolved(dy) -> Iterator[tuple[tuple, str]]:
    """(place, message) for each line whose class the site cannot tell: published as written,
    but left out of the rules and matched across years by its name only."""
    lists = [("economic", ("budget", "by_economic"), dy.budget.by_economic if dy.budget else [], "支出经济分类")]
    if dy.expenditure:
        lists.append(("functional", ("expenditure", "by_function"), dy.expenditure.by_function, "支出功能分类"))
        lists.append(("economic", ("expenditure", "by_economic"), dy.expenditure.by_economic, "支出经济分类"))
    for table, loc, lines, what in lists:
        for i, line in enumerate(lines):
            known = tables()[table].by_name.get(line.name)
            if line.code is None and known is None:
                yield (*loc, i, "name"), (
                    f"“{line.name}”不是已知的{what}名称，网站照原文发布；请按原文或《政府收支分类科目》"
                    f"给这一行写上科目编码（code），以便核对、历年对比和开放数据按科目使用")
            elif line.code and known and table == "economic" and known.key != economic_class(line):
                standard = f"{known.code} {known.name}" if known.code else f"{known.name}，不是经济分类"
                yield (*loc, i, "code"), (
                    f"科目编码 {line.code} 与名称“{line.name}”（{standard}）不符，"
                    f"网站按编码 {line.code} 归类；请按原文核对")
