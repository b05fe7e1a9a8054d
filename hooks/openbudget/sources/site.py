"""The whole site's data: every department-year under data/, and the glossary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import GlossaryFile
from ..document.record import Record
from ..document.yamlsource import Source
from ..vocabulary import phases
from ..vocabulary.limits import MAX_SOURCE_TEXT_BYTES
from ..vocabulary.problems import DataError, Problem, visible
from . import glossary, jurisdictions, repofiles
from .loading import display_path, load_department_year, load_glossary

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR_FILE = phases.DATA_FILE  # <year>.yaml (预算), <year>-adjusted.yaml, <year>-final.yaml
SOURCE_FILE = phases.SOURCE_FILE  # the published text, beside its YAML
FILE_NAMES = "2021.yaml（预算）、2021-adjusted.yaml（调整预算）或 2021-final.yaml（决算）"
OLD_GLOSSARY = frozenset({"glossary.yaml", "glossary.yml"})  # a shared glossary once lived in data/
YAML_SUFFIXES = (".yaml", ".yml")  # in any case: what an editor may write for a data file
SITE_FOLDERS = frozenset({"assets", "search", "glossary", "departments", "about", "bodies"})  # taken by the site itself


@dataclass
class Department:
    slug: str
    years: dict[int, Record] = field(default_factory=dict)  # its 预算, newest first
    others: dict[str, dict[int, Record]] = field(default_factory=dict)  # 调整预算, 决算: phase → year → record

    def series(self, phase: str) -> dict[int, Record]:
        """One kind of document over the years, newest first (预算: `years`)."""
        return self.years if phase == phases.BUDGET else self.others.get(phase, {})

    def add(self, record: Record) -> None:
        if record.phase == phases.BUDGET:
            self.years[record.year] = record
        else:
            self.others.setdefault(record.phase, {})[record.year] = record

    def documents(self, year: int) -> list[Record]:
        """Every document of a year: 预算, 调整预算, 决算, in that order."""
        return [s[year] for phase in phases.WORDS if year in (s := self.series(phase))]

    @property
    def all_years(self) -> list[int]:
        """Every year with any document, newest first."""
        return sorted({y for phase in phases.WORDS for y in self.series(phase)}, reverse=True)

    def records(self) -> list[Record]:
        return [r for year in self.all_years for r in self.documents(year)]

    @property
    def latest(self) -> Record:
        """The latest 预算; a department that has published only other kinds: its latest document."""
        return next(iter(self.years.values()), None) or self.documents(self.all_years[0])[-1]

    @property
    def name(self) -> str:
        return self.latest.data.department


@dataclass
class Site:
    departments: dict[str, Department]
    glossary: glossary.Glossary
    sources: dict[str, Path] = field(default_factory=dict)  # a document's key (Record.key) → its .source.txt
    warnings: list[Problem] = field(default_factory=list)  # files under data/ the site does not read
    bodies: list[jurisdictions.Jurisdiction] = field(default_factory=list)  # the counties it covers

    @property
    def terms(self) -> list[glossary.Entry]:
        return self.glossary.entries

    def records(self) -> list[Record]:
        return [r for d in self.departments.values() for r in d.records()]

    def forget_positions(self) -> None:
        """Once loaded and checked, a build names no place in a data file: at 1,000 department-years
        their positions were a third of the build's memory."""
        for record in self.records():
            record.source.forget()


def folder_problem(folder: str) -> str | None:
    """Why a department folder name cannot be used (it becomes part of every page's address)."""
    if not SLUG.match(folder):
        return f"部门文件夹名“{visible(folder)}”只能用小写英文字母、数字和连字符，如 miyi-xinfang（它会成为网址的一部分）"
    if folder in SITE_FOLDERS:
        return f"部门文件夹名“{folder}”已被网站自身使用，请换一个"
    return None


def load_department_file(path: Path, root: Path) -> tuple[Record | None, list[Problem]]:
    """One data/<department>/<year>.yaml, with the checks its place in data/ needs."""
    where = display_path(path, root)
    if refused := outside_problem(path, root):
        return None, [refused]
    if message := folder_problem(path.parent.name):
        return None, [Problem(where, 1, 1, "", message)]
    if not YEAR_FILE.match(path.name):
        meant = phases.meant(path.name)  # 2021final.yaml: 2021-final.yaml
        return None, [Problem(where, 1, 1, "", f"文件名应为 {meant}（年度文件只能命名为 {FILE_NAMES}）" if meant
                              else f"文件名应为四位年度，如 {FILE_NAMES}")]
    if not path.is_file():
        return None, [Problem(where, 1, 1, "", "找不到这个文件")]
    return load_department_year(path, root)


LINK = repofiles.LINK


def outside_problem(path: Path, root: Path) -> Problem | None:
    """Nothing outside the repository is read: no symbolic link, nothing that resolves elsewhere
    (repofiles.check). A link could publish any file of the build machine (its environment,
    its keys) as a department's data or original text."""
    try:
        repofiles.check(path, root)
    except repofiles.Refused as refused:
        return Problem(display_path(path, root), 1, 1, "", refused.why)
    return None


@dataclass
class DataFiles:
    """What data/ holds for the site, found without following any link.

    A near miss (2022.yml, 2022.YAML, a folder named 2021.yaml) is an error: the editor meant
    the site to read it; so is a shared glossary.yaml, which no longer belongs in data/.
    Anything else the site does not read (a sub-folder, a year file outside a department
    folder, notes) is a warning: nothing under data/ is skipped without a word."""

    root: Path
    years: list[Path] = field(default_factory=list)  # data/<department>/<year>.yaml
    sources: dict[str, Path] = field(default_factory=dict)  # Record.key → <year>[-final].source.txt
    problems: list[Problem] = field(default_factory=list)  # errors and warnings, by path
    bodies: list = field(default_factory=list)  # jurisdictions.Jurisdiction, once the records are read

    def report(self, path: Path, message: str, level: str = "error") -> None:
        self.problems.append(Problem(display_path(path, self.root), 1, 1, "", message, level))  # type: ignore[arg-type]

    def utf8(self, path: Path) -> bool:
        try:
            repofiles.read_bytes(path, self.root).decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    def near_miss(self, path: Path, expected: str) -> bool:
        """2022.YAML or 2022.yml for 2022.yaml, 2022final.yaml or 2022-决算.yaml for
        2022-final.yaml: reported, as the file would not be read."""
        if (meant := phases.meant(path.name)) and meant != path.name:
            self.report(path, f"文件名应为 {meant}（年度文件只能命名为 {FILE_NAMES}），否则这个文件不会被读取")
            return True
        if path.name != expected and path.name.lower() in (expected, expected.removesuffix(".yaml") + ".yml"):
            self.report(path, f"文件名应为 {expected}（小写，扩展名 .yaml），否则这个文件不会被读取")
            return True
        return False

    def read(self, data_dir: Path, only: str | None = None, folders: tuple[str, ...] | None = None) -> None:
        """Every department folder; or, to preview one department (`make preview`), its folder
        alone (`only`); or, for one shard of a sharded build, the folders of its jurisdiction
        that exist (`folders`: none at all for the index build)."""
        if refused := outside_problem(data_dir, self.root):
            self.problems.append(refused)
            return
        if not data_dir.is_dir():
            return
        if only is not None:
            folder = data_dir / only
            if folder.is_dir() and not folder.is_symlink() and folder_problem(only) is None:
                self.read_department(folder)
            else:
                self.report(data_dir, f"预览的部门 {only} 不存在：data/{only}/ 不是部门文件夹")
            return
        if folders is not None:
            for name in folders:
                if (folder := data_dir / name).is_symlink():
                    self.report(folder, LINK)
                elif folder.is_dir():
                    self.read_department(folder)
            return
        for entry in sorted(data_dir.iterdir()):
            if entry.is_symlink():
                self.report(entry, LINK)
            elif entry.name.lower() in OLD_GLOSSARY:
                self.report(entry, f"data/ 中不再放 {entry.name}：各部门的名词解释写在该部门年度文件的 glossary 中"
                                   f"（网站注明出自哪个部门哪一年），全站通用的名词解释在 hooks/openbudget/data/standard-terms.yaml")
            elif entry.is_dir():
                self.read_department(entry)
            elif entry.suffix.lower() in YAML_SUFFIXES and (YEAR_FILE.match(entry.stem.lower() + ".yaml")
                                                             or phases.meant(entry.name)):
                if not self.near_miss(entry, entry.stem.lower() + ".yaml"):
                    self.report(entry, f"年度文件应放在部门文件夹中（data/<部门>/{entry.name}），这里的文件不会被读取",
                                "warning")
            else:
                self.report(entry, "网站不读取这个文件（data/ 中只放部门文件夹）", "warning")

    def read_department(self, folder: Path) -> None:
        years: set[str] = set()
        texts: dict[str, Path] = {}
        reported = len(self.problems)
        for entry in sorted(folder.iterdir()):
            if entry.is_symlink():
                self.report(entry, LINK)
            elif (match := SOURCE_FILE.match(entry.name)) or entry.suffix == ".yaml":
                if not entry.is_file():
                    self.report(entry, f"{entry.name} 应为文件，这里却是一个文件夹")
                elif match:
                    texts[match.group(1)] = entry
                elif not YEAR_FILE.match(entry.name) and self.near_miss(entry, entry.name):
                    pass
                else:
                    self.years.append(entry)  # a name that is not a year is reported when it is loaded
                    years.add(entry.stem)
            elif entry.suffix.lower() in YAML_SUFFIXES:
                self.near_miss(entry, entry.stem.lower() + ".yaml")
            elif entry.is_dir():
                self.report(entry, f"部门文件夹中不应有子文件夹：网站不读取 {entry.name}/ 中的任何文件", "warning")
            else:
                self.report(entry, "网站不读取这个文件（部门文件夹中只放 <年度>.yaml、<年度>-final.yaml、"
                                   "<年度>-adjusted.yaml 和对应的 .source.txt）", "warning")
        for year, text in texts.items():
            if year in years and text.stat().st_size > MAX_SOURCE_TEXT_BYTES:
                self.report(text, f"原文全文太大：超过 {MAX_SOURCE_TEXT_BYTES // 1_000_000} MB 的上限"
                                  f"（这个文件 {text.stat().st_size / 1_000_000:.1f} MB）；这里只放原文的文字，"
                                  "请检查是否误粘贴了内容或存成了别的格式")
            elif year in years and not self.utf8(text):
                self.report(text, "原文全文应为 UTF-8 编码的文字（记事本“另存为”时编码选 UTF-8）；"
                                  "这个文件不是，下载后会显示为乱码")
            elif year in years:
                self.sources[f"{folder.name}/" + year.replace("-", "/")] = text  # as Record.key
            else:
                self.report(text, f"没有对应的 {year}.yaml，这份原文不会发布", "warning")
        if not years and len(self.problems) == reported:
            self.report(folder, "这个文件夹中没有年度文件（如 2021.yaml），不会出现在网站上", "warning")


def scan(data_dir: Path, root: Path) -> tuple[list[Record], glossary.Glossary, list[Problem]]:
    """Every department-year that loads, the glossary, and every problem in every file."""
    records, terms, problems, _ = _scan(data_dir, root)
    return records, terms, problems


def _scan(data_dir: Path, root: Path, only: str | None = None, shard: str | None = None) -> tuple[
        list[Record], glossary.Glossary, list[Problem], DataFiles]:
    files = DataFiles(root)
    problems: list[Problem] = []
    folders = None
    if shard == jurisdictions.INDEX:  # the index of a sharded build reads no department, checks every folder's place
        folders = ()
        _, problems = jurisdictions.read(root, department_folders(data_dir))
    elif shard is not None:
        folders, problems = jurisdictions.members(root, shard)
    files.read(data_dir, only, folders)
    problems += files.problems
    records: list[Record] = []
    for path in files.years:
        record, found = load_department_file(path, root)
        problems += found
        if record:
            records.append(record)
    standard, standard_source = GlossaryFile(terms=[]), Source(display_path(glossary.STANDARD_FILE, root))
    try:
        standard, standard_source = load_glossary(glossary.STANDARD_FILE, root, glossary.STANDARD_FILE.parent)
    except DataError as error:
        problems += error.problems
    terms, found = glossary.collect(standard, standard_source, records)
    if only is None:  # a preview has no county pages: they need every department
        files.bodies, misplaced = jurisdictions.read(root, sorted({r.slug for r in records}))
        problems += misplaced if shard is None else []  # a shard's or the index's folders are checked above
    if not records and not problems and shard is None:
        problems.append(Problem(display_path(data_dir, root), 1, 1, "", "没有找到任何部门预算数据文件（data/<部门>/<年度>.yaml）"))
    return records, terms, problems + found, files


def department_folders(data_dir: Path) -> list[str]:
    """The names of the folders under data/ (read by name only: what the index build checks)."""
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir() and not p.is_symlink()) if data_dir.is_dir() else []


def load_site(data_dir: Path, root: Path, only: str | None = None, shard: str | None = None) -> Site:
    """Load and check everything; or, to preview, one department (`only`); or one jurisdiction
    of a sharded build (`shard`: its slug, or jurisdictions.INDEX for the index build, which
    reads no department). DataError lists every problem in every file.

    Warnings alone (files the site does not read) do not stop loading: they are on the Site,
    for the build to print."""
    records, terms, problems, files = _scan(data_dir, root, only, shard)
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    departments: dict[str, Department] = {}
    for record in sorted(records, key=lambda r: (r.slug, -r.year)):
        departments.setdefault(record.slug, Department(record.slug)).add(record)
    return Site(departments, terms, files.sources, sorted(problems), files.bodies)
