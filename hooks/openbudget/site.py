"""The whole site's data: every department-year under data/, plus the shared glossary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import glossary
from .loading import Record, display_path, load_department_year, load_glossary
from .model import GlossaryFile
from .problems import DataError, Problem
from .yamlsource import Source

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR_FILE = re.compile(r"^\d{4}\.yaml$")
GLOSSARY_FILE = "glossary.yaml"
SITE_FOLDERS = frozenset({"assets", "search", "glossary", "departments", "about"})  # taken by the site itself


@dataclass
class Department:
    slug: str
    years: dict[int, Record] = field(default_factory=dict)  # newest first

    @property
    def latest(self) -> Record:
        return next(iter(self.years.values()))

    @property
    def name(self) -> str:
        return self.latest.data.department


@dataclass
class Site:
    departments: dict[str, Department]
    terms: list[glossary.Entry]

    def records(self) -> list[Record]:
        return [r for d in self.departments.values() for r in d.years.values()]


def load_department_file(path: Path, root: Path) -> tuple[Record | None, list[Problem]]:
    """One data/<department>/<year>.yaml, with the checks its place in data/ needs."""
    where = display_path(path, root)
    folder = path.parent.name
    if not SLUG.match(folder):
        return None, [Problem(where, 1, 1, "", f"部门文件夹名“{folder}”只能用小写英文字母、数字和连字符（它会成为网址的一部分）")]
    if folder in SITE_FOLDERS:
        return None, [Problem(where, 1, 1, "", f"部门文件夹名“{folder}”已被网站自身使用，请换一个")]
    if not YEAR_FILE.match(path.name):
        return None, [Problem(where, 1, 1, "", "文件名应为四位年度，如 2021.yaml")]
    if not path.is_file():
        return None, [Problem(where, 1, 1, "", "找不到这个文件")]
    return load_department_year(path, root)


def scan(data_dir: Path, root: Path) -> tuple[list[Record], list[glossary.Entry], list[Problem]]:
    """Every department-year that loads, the glossary, and every problem in every file."""
    problems: list[Problem] = []
    records: list[Record] = []
    for path in sorted(data_dir.glob("*/*.yaml")):
        record, found = load_department_file(path, root)
        problems += found
        if record:
            records.append(record)
    shared, shared_source = GlossaryFile(terms=[]), Source(GLOSSARY_FILE)
    glossary_path = data_dir / GLOSSARY_FILE
    if glossary_path.exists():
        try:
            shared, shared_source = load_glossary(glossary_path, root)
        except DataError as error:
            problems += error.problems
    terms, found = glossary.collect(shared, shared_source, records)
    if not records and not problems:
        problems.append(Problem(display_path(data_dir, root), 1, 1, "", "没有找到任何部门预算数据文件（data/<部门>/<年度>.yaml）"))
    return records, terms, problems + found


def load_site(data_dir: Path, root: Path) -> Site:
    """Load and check everything; DataError lists every problem in every file."""
    records, terms, problems = scan(data_dir, root)
    if problems:
        raise DataError(problems)
    departments: dict[str, Department] = {}
    for record in sorted(records, key=lambda r: (r.slug, -r.year)):
        departments.setdefault(record.slug, Department(record.slug)).years[record.year] = record
    return Site(departments, terms)
