"""Load data files into validated models, or into problems with file:line:column."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..checks import counts, findings, rules, tablechecks, targetchecks
from ..document import yamlsource
from ..document.messages import describe, model_at, title_of
from ..document.model import KIND_MODELS, DepartmentYear, GlossaryFile
from ..document.record import Record
from ..vocabulary import limits, phases
from ..vocabulary.problems import DataError, Problem, format_path
from ..vocabulary.sections import BY_KEY, TEXT
from . import repofiles


def display_path(path: Path, root: Path) -> str:
    """The path as the editor sees it in the project; a link is shown where it is, not followed."""
    for shown, top in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), root.resolve())):
        if shown.is_relative_to(top):
            return shown.relative_to(top).as_posix()
    return path.as_posix()


def parse(path: Path, root: Path, model: type[BaseModel], within: Path | None = None) -> tuple[
        BaseModel | None, yamlsource.Source]:
    """Parse and type-check one YAML file inside root (or `within`: the package's own data),
    read as repofiles reads; problems are collected on the returned source."""
    file = display_path(path, root)
    try:
        with repofiles.open_read(path, within or root) as stream:  # never more than the limit into memory
            raw = stream.read(limits.MAX_FILE_BYTES + 1)
    except repofiles.Refused as refused:
        source = yamlsource.Source(file)
        source.problems.append(Problem(file, 1, 1, "", refused.why))
        return None, source
    if len(raw) > limits.MAX_FILE_BYTES:
        source = yamlsource.Source(file)
        source.problems.append(Problem(file, 1, 1, "", f"文件太大：超过 {limits.MAX_FILE_BYTES // 1_000_000} MB "
                                                      "的上限；请检查是否误粘贴了内容"))
        return None, source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        source = yamlsource.Source(file)
        source.problems.append(Problem(file, 1, 1, "", f"文件不是 UTF-8 编码（{error.reason}），请另存为 UTF-8"))
        return None, source
    source = yamlsource.read(text, file)
    if source.problems or source.data is None:
        return None, source
    if not isinstance(source.data, dict):
        source.problems.append(source.problem((), "文件最外层应为一组“字段: 值”"))
        return None, source
    written_empty = [loc for loc in source.empty if not _blank_cell(loc)]
    empty = set(written_empty)
    for loc in written_empty:
        tagged = _tagged(source.data, loc)
        source.problems.append(source.problem(loc, _empty_message(model, tagged), _path(model, tagged), key=True))
    try:
        data = model.model_validate(_without(source.data, empty))
    except ValidationError as error:
        for e in error.errors():
            tagged = tuple(e["loc"])
            loc = _untagged(tagged)
            if any(loc[:len(gone)] == gone for gone in empty):
                continue  # already said: written with no value
            source.problems.append(source.problem(
                loc, describe(model, e), _path(model, tagged), key=e["type"] == "extra_forbidden"))
        return None, source
    return (None if empty else data), source


def _path(model: type[BaseModel], tagged: tuple) -> str:
    title = title_of(model, tagged)
    return format_path(_shown(tagged)) + (f"（{title}）" if title else "")


def _shown(tagged: tuple) -> tuple:
    """The path an editor reads: from the innermost section's kind, as in `kind: budget`
    (budget.income_total); a `text` section's fields keep their full path."""
    for i in range(len(tagged) - 1, 1, -1):
        part = tagged[i]
        if isinstance(part, str) and isinstance(tagged[i - 1], int) and tagged[i - 2] == "sections" \
                and part in KIND_MODELS:
            return _untagged(tagged) if part == TEXT else tagged[i:]
    return _untagged(tagged)


def _untagged(loc: tuple) -> tuple:
    """pydantic names an outline section's kind after its index, ("sections", 3, "budget", …):
    the YAML path has no such step."""
    out: list = []
    for part in loc:
        if isinstance(part, str) and len(out) >= 2 and isinstance(out[-1], int) and out[-2] == "sections" \
                and part in KIND_MODELS:
            continue
        out.append(part)
    return tuple(out)


def _tagged(data: object, loc: tuple) -> tuple:
    """A YAML path with each outline section's kind after its index, as pydantic names it.
    `data` is the file as read (dicts and lists) or the model built from it."""
    out: list = []
    for part in loc:
        out.append(part)
        try:
            data = data[part] if isinstance(data, (dict, list)) else getattr(data, part)  # type: ignore[index]
        except (KeyError, IndexError, TypeError, AttributeError):
            data = None
        if isinstance(part, int) and len(out) >= 2 and out[-2] == "sections":
            kind = data.get("kind", TEXT) if isinstance(data, dict) else getattr(data, "kind", None)
            if kind in KIND_MODELS:
                out.append(kind)
    return tuple(out)


def _empty_message(model: type[BaseModel], loc: tuple) -> str:
    """A key or item written with nothing after it: only leaving a key out means "not published"."""
    if isinstance(loc[-1], int):
        return "列表中有一项是空的：请按原文填写，或删除这一行"
    holder = model_at(model, loc)
    field = holder.model_fields.get(loc[-1]) if holder else None
    if field is not None and "Decimal" in repr(field.annotation):
        return "填写了字段但没有值：原文没有该数字时请删除这一行"
    return "填写了字段但没有内容：原文没有这部分时请删除这一行"


def _blank_cell(loc: tuple) -> bool:
    """A table cell written empty (`amounts: [12.5, ~]`) is a blank cell as printed, not a slip."""
    return loc[:1] == ("tables",) and len(loc) > 2 and loc[-2] == "amounts" and isinstance(loc[-1], int)


def _without(data: object, empty: set, loc: tuple = ()) -> object:
    """The data with keys written empty left out, so that they are reported once."""
    if isinstance(data, dict):
        return {k: _without(v, empty, loc + (k,)) for k, v in data.items() if loc + (k,) not in empty}
    if isinstance(data, list):
        return [_without(v, empty, loc + (i,)) for i, v in enumerate(data)]
    return data


def load_department_year(path: Path, root: Path) -> tuple[Record | None, list[Problem]]:
    data, source = parse(path, root, DepartmentYear)
    if data is None:
        return None, source.problems
    assert isinstance(data, DepartmentYear)
    problems = list(source.problems)
    if problem := _name_problem(path, data, source):  # every later check reads the year and kind: say only this
        return None, problems + [problem]
    def where(loc: tuple) -> str:  # rules name places by section, ("budget", "income_total")
        return source.where(data.yaml_loc(loc))

    found = findings.find(data, where, _previous_year(path, root, data))
    checks = [(v.loc, v.message) for v in [*rules.check(data, where), *tablechecks.check(data), *counts.check(data),
                                            *targetchecks.check(data),
                                            *targetchecks.against_budget(data, _year_budget(path, root, data))]] \
        + findings.unknown_notes(data, found) \
        + findings.blocking(found)
    for loc, message in checks:
        problems.append(source.problem(data.yaml_loc(loc), message, field_path(data, loc)))
    if problems:
        return None, problems
    return Record(path.parent.name, data.year, source.file, data, source, tuple(found)), []


def _name_problem(path: Path, data: DepartmentYear, source: yamlsource.Source) -> Problem | None:
    """The file's name says its year and kind (2021-final.yaml: the 2021 决算): the document must agree."""
    named = phases.of_file(path.name)
    if path.name[:4] != str(data.year):
        return source.problem(("year",), f"文件名是 {path.name}，但 year 写的是 {data.year}：年度必须与文件名一致",
                              field_path(data, ("year",)))
    if named is not None and named.word != data.document.phase:
        expected = phases.BY_WORD[data.document.phase].file(data.year)
        if "phase" in data.document.model_fields_set:
            return source.problem(("document", "phase"),
                                  f"文件名是 {path.name}（{named.word}），但 document.phase 写的是 {data.document.phase}："
                                  f"{data.document.phase}的文件名应为 {expected}，{named.word}应写 phase: {named.word}",
                                  field_path(data, ("document", "phase")))
        return source.problem(("document",), f"文件名是 {path.name}（{named.word}），但 document 中没有写 phase："
                                             f"请在 document 下写 phase: {named.word}（不写时按预算处理）",
                              field_path(data, ("document",)), key=True)
    if data.document.phase != phases.FINAL and (t := data.three_public) is not None:
        for name in ("budgeted", "reason"):
            if getattr(t, name) is not None:
                return source.problem(data.yaml_loc(("three_public", name)),
                                      f"只有决算的“三公”经费写 {name}（预算数、与预算数的差异原因）；"
                                      f"这份文件是{data.document.phase}，请删除这一项",
                                      field_path(data, ("three_public", name)), key=True)
    return None


def _previous_year(path: Path, root: Path, data: DepartmentYear) -> DepartmentYear | None:
    """Last year's document beside this one, to check the previous-year figures this one states.

    Its own problems are reported when it is loaded itself; here it only serves if it is valid."""
    if data.budget is None or data.budget.previous_income_total is None:
        return None
    other = path.with_name(phases.BY_WORD[data.document.phase].file(data.year - 1))
    if not other.is_file() or other.is_symlink():
        return None
    previous, _ = parse(other, root, DepartmentYear)
    return previous if isinstance(previous, DepartmentYear) else None


def _year_budget(path: Path, root: Path, data: DepartmentYear) -> DepartmentYear | None:
    """A 决算's own year's 预算 beside it, whose targets its results answer (only if valid: its
    own problems are reported when it is loaded itself)."""
    performance = data.part("performance")
    if data.document.phase == phases.BUDGET or performance is None or not performance.results:
        return None
    other = path.with_name(phases.BY_WORD[phases.BUDGET].file(data.year))
    if not other.is_file() or other.is_symlink():
        return None
    budget, _ = parse(other, root, DepartmentYear)
    return budget if isinstance(budget, DepartmentYear) else None


def field_path(data: DepartmentYear, loc: tuple) -> str:
    """sections[3].income_total（收入预算总额）: the key path an editor finds in the file, and its
    name, for a place a rule names by section: ("budget", "income_total")."""
    placed = data.placed(loc[0]) if loc and isinstance(loc[0], str) else None
    if placed is None and loc and loc[0] in BY_KEY:  # a section the document does not have
        return format_path(loc) + f"（{BY_KEY[loc[0]].title}）"
    if placed is None:
        return _path(DepartmentYear, loc)
    return _path(DepartmentYear, _tagged(data, data.yaml_loc(loc)))


def load_glossary(path: Path, root: Path, within: Path | None = None) -> tuple[GlossaryFile, yamlsource.Source]:
    data, source = parse(path, root, GlossaryFile, within)
    if data is None:
        raise DataError(source.problems)
    assert isinstance(data, GlossaryFile)
    return data, source
