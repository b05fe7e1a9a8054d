"""`openbudget`: the editors' command line.

    openbudget validate [PATH…]     check data files without building the site
    openbudget new-year DEPT YEAR [--kind 预算|调整预算|决算]
                                    write data/DEPT/YEAR.yaml (YEAR-adjusted.yaml, YEAR-final.yaml)
                                    from the latest file of that kind (else the latest of any kind)
    openbudget new-department DEPT --name 名称 --year YEAR
                                    write data/DEPT/YEAR.yaml from an empty, commented template
    openbudget schema               write the JSON Schemas editors' VS Code uses
    openbudget import PATH --department DEPT --year YEAR [--name 名称] [--kind 预算|调整预算|决算] [--force]
                                    write data/DEPT/YEAR.yaml as a draft from the published document
    openbudget shards               list the jurisdictions of a sharded build (JSON, for a CI matrix)
    openbudget merge OUT SHARD…     build the site-wide pages and merge them with the shards' outputs
                                    (each built by OPENBUDGET_SHARD=<body> mkdocs build -d SHARD)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ..build import shards
from ..checks import findings, rules
from ..document.editorschema import schema_text
from ..document.messages import describe
from ..document.model import DepartmentYear, GlossaryFile, Name, Year
from ..document.record import Record
from ..sources import jurisdictions, repofiles
from ..sources.glossary import STANDARD_FILE
from ..sources.loading import field_path, load_glossary
from ..sources.site import YEAR_FILE, folder_problem, load_department_file, scan
from ..vocabulary import classification, phases
from ..vocabulary.problems import DataError, Problem, visible
from .scaffold import new_department, next_year

SCHEMAS = {"department-year.schema.json": (DepartmentYear, "部门预算说明（一个部门一个年度）"),
           "glossary.schema.json": (GlossaryFile, "全站名词解释")}


class _Parser(argparse.ArgumentParser):
    """argparse, answering a mistyped command in Chinese (its own messages are English)."""

    WORDS = [
        (r"the following arguments are required: (.*)", "缺少参数：{0}"),
        (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
        (r"argument (\S+): expected one argument", "{0} 后面缺少值"),
        (r"argument (\S+): invalid choice: '([^']*)'.*", "没有“{1}”这个命令"),
        (r"argument (\S+): invalid int value: '([^']*)'", "{0} 应为整数，实际为“{1}”"),
    ]

    def error(self, message: str):
        for pattern, chinese in self.WORDS:
            if found := re.fullmatch(pattern, message):
                message = chinese.format(*found.groups())
                break
        else:
            message = "命令写法有误"
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}。运行 openbudget -h 查看用法。\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="openbudget", description="部门预算公开：数据检查与编辑工具")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="项目目录（默认：当前目录）")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="检查数据文件（不生成网站）")
    validate.add_argument("paths", nargs="*", type=Path, help="要检查的文件；不写则检查 data/ 下全部")
    new_year = commands.add_parser("new-year", help="根据最近一年的文件生成新年度文件")
    new_year.add_argument("department", help="部门文件夹名，如 miyi-xinfang")
    new_year.add_argument("year", help="新年度，如 2022")
    new_year.add_argument("--kind", choices=phases.WORDS, default=phases.BUDGET,
                          help="文件类型：预算（默认，写 2022.yaml）、调整预算（2022-adjusted.yaml）或决算（2022-final.yaml）")
    new_department = commands.add_parser("new-department", help="为新部门生成带说明的空白文件")
    new_department.add_argument("department", help="部门文件夹名（网址的一部分），如 miyi-xinfang")
    new_department.add_argument("--name", required=True, help="部门名称，如 米易县信访局")
    new_department.add_argument("--year", required=True, help="年度，如 2022")
    commands.add_parser("schema", help="生成编辑器使用的 JSON Schema（schema/ 目录）")
    imports = commands.add_parser("import", help="从原文（文本、Word、PDF、Excel）生成数据文件草稿")
    imports.add_argument("path", type=Path, help="原文文件：.txt、.docx、.pdf、.xlsx、.xls 或 .et")
    imports.add_argument("--department", required=True, help="部门文件夹名，如 miyi-xinfang")
    imports.add_argument("--name", help="部门名称，如 米易县信访局（不写时从原文开头读取）")
    imports.add_argument("--year", required=True, help="年度，如 2022")
    imports.add_argument("--kind", choices=phases.WORDS, default=phases.BUDGET, help="预算（默认，写 2022.yaml）、调整预算（2022-adjusted.yaml）或决算（2022-final.yaml）")
    imports.add_argument("--force", action="store_true", help="覆盖已有的文件")
    commands.add_parser("shards", help="列出分片构建的各地区（JSON，供 CI 矩阵使用）")
    merge = commands.add_parser("merge", help="生成全站页面，并与各分片的构建结果合并为一个网站")
    merge.add_argument("out", type=Path, help="合并后的网站目录，如 site（已有的会被替换）")
    merge.add_argument("shards", nargs="+", type=Path, help="各分片的构建目录")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "validate":
            return _validate(root, args.paths)
        if args.command == "new-year":
            return _new_year(root, args.department, args.year, args.kind)
        if args.command == "import":
            return _import(root, args)
        if args.command == "new-department":
            return _new_department(root, args.department, args.name, args.year)
        if args.command == "shards":
            return _shards(root)
        if args.command == "merge":
            return _merge(root, args.out, args.shards)
        return _schema(root)
    except repofiles.Refused as refused:  # a link or an odd file where a file is written or read
        print(f"错误：{refused}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return 1


# --- a sharded build ------------------------------------------------------------------

def _shards(root: Path) -> int:
    slugs, problems = jurisdictions.slugs(root)
    if problems:
        print(DataError(problems), file=sys.stderr)
        return 1
    print(json.dumps(shards.batches(slugs)))
    return 0


def _merge(root: Path, out: Path, shard_dirs: list[Path]) -> int:
    """The index build (site-wide pages from the shards' parts, no department's data), then the merge."""
    try:
        index = shards.merged_index(shard_dirs)
    except ValueError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        part = Path(work) / "index.json"
        part.write_text(index.dumps(), encoding="utf-8")
        built = Path(work) / "site"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(built)],
                                cwd=root, env={**os.environ, "OPENBUDGET_INDEX": str(part)})
        if result.returncode:
            return result.returncode
        try:
            shards.merge(out if out.is_absolute() else Path.cwd() / out, built, shard_dirs, _site_url(root))
        except ValueError as error:
            print(f"错误：{error}", file=sys.stderr)
            return 1
    print(f"已合并 {len(shard_dirs)} 个分片和全站页面：{out}")
    return 0


def _site_url(root: Path) -> str | None:
    from mkdocs.config import load_config
    return load_config(str(root / "mkdocs.yml")).site_url


# --- validate ------------------------------------------------------------------------

def _validate(root: Path, paths: list[Path]) -> int:
    if paths:
        problems, records = [], []
        for path in paths:
            found, record = _check_one(path if path.is_absolute() else Path.cwd() / path, root)
            problems += found
            records += [record] if record else []
    else:
        records, _, problems = scan(root / "data", root)
    warnings = [Problem(r.file, *r.position(f.loc), field_path(r.data, f.loc),
                        f"[{f.id}] {f.statement}（已注明原文如此）", "warning")
                for r in records for f in r.findings]
    # for the editor only, not on the site: a name to give a code, a rule not checked and why
    notices = [Problem(r.file, *r.position(loc), field_path(r.data, loc), message, "notice")
               for r in records for loc, message in [*classification.unresolved(r.data), *rules.skipped(r.data),
                                                         *findings.retired(r.data)]]
    reported = sorted(problems) + sorted(warnings) + sorted(notices)
    for problem in reported:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in reported:
            print(annotation(problem))
    print(f"检查完毕：{len(problems)} 处错误，{len(warnings)} 条数据说明" +
          (f"，{len(notices)} 条提示" if notices else "") + "。" +
          ("请按上面的提示修改。" if problems else "数据可以发布。"), file=sys.stderr)
    return 1 if problems else 0


def _check_one(path: Path, root: Path) -> tuple[list[Problem], Record | None]:
    if path.name == STANDARD_FILE.name:  # the site's standard glossary
        try:
            load_glossary(path, root)
        except DataError as error:
            return error.problems, None
        return [], None
    record, problems = load_department_file(path, root)
    return problems, record


def annotation(problem: Problem) -> str:
    """A GitHub workflow command, so the problem shows on the pull request's changed line.

    The only place that writes workflow commands: every part taken from data is made visible
    (no line break can end the command and start another) and escaped as GitHub requires.
    """
    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    def data(text: str) -> str:
        return visible(text).replace("%", "%25")  # visible() leaves no \r or \n to encode

    title = {"error": "数据错误", "warning": "数据说明", "notice": "提示"}[problem.level]
    message = f"{problem.path}：{problem.message}" if problem.path else problem.message
    return (f"::{problem.level} file={prop(problem.file)},line={problem.line},col={problem.column},"
            f"title={prop(title)}::{data(message)}")


# --- new-year ------------------------------------------------------------------------

def _new_year(root: Path, department: str, text: str, kind: str = phases.BUDGET) -> int:
    if problem := _year_problem(text):
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    year = int(text)
    folder = root / "data" / department
    files = [p for p in folder.glob("*.yaml") if YEAR_FILE.match(p.name)]
    target = folder / phases.BY_WORD[kind].file(year)
    if not files:
        print(f"错误：data/{department}/ 下没有任何年度文件，无法生成。", file=sys.stderr)
        return 1
    if repofiles.exists(target):  # a dangling link too: it is not written through
        print(f"错误：{target.relative_to(root)} 已存在，不会覆盖。", file=sys.stderr)
        return 1
    # the latest file of the same kind (a 决算 from last year's 决算), else the latest of any kind
    latest = max(files, key=lambda p: (phases.of_file(p.name).word == kind, int(p.name[:4]),
                                       -phases.WORDS.index(phases.of_file(p.name).word)))
    record, problems = load_department_file(latest, root)
    if record is None:
        print(f"错误：{latest.relative_to(root)} 本身有错误，请先改正：", file=sys.stderr)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    repofiles.write_text(target, root, next_year(record, year, kind))
    print(f"已生成 {target.relative_to(root)}（根据 {latest.name}）。请把其中的“待填写”按 {year} 年原文填好，"
          f"再运行 openbudget validate 检查。")
    return 0


# --- new-department ------------------------------------------------------------------

def _new_department(root: Path, department: str, name: str, year: str) -> int:
    problem = folder_problem(department) or _year_problem(year) or _name_problem(name)
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    target = root / "data" / department / f"{year}.yaml"
    if repofiles.exists(target):  # a dangling link too: it is not written through
        print(f"错误：{target.relative_to(root)} 已存在，不会覆盖。", file=sys.stderr)
        return 1
    repofiles.write_text(target, root, new_department(department, name, int(year)))
    print(f"已生成 {target.relative_to(root)}。请把其中的“待填写”按原文填好，原文没有的栏目整段删除，"
          f"再运行 openbudget validate 检查。")
    return 0


def _year_problem(year: str) -> str | None:
    try:
        TypeAdapter(Year).validate_python(year)
    except ValidationError as error:
        return f"年度“{visible(year)}”：{error.errors()[0]['ctx']['error']}"
    return None


def _name_problem(name: str) -> str | None:
    try:
        TypeAdapter(Name).validate_python(name)
    except ValidationError as error:
        return f"部门名称：{describe(DepartmentYear, error.errors()[0])}"
    return None


# --- import --------------------------------------------------------------------------

def _import(root: Path, args: argparse.Namespace) -> int:
    problem = (folder_problem(args.department) or _year_problem(args.year)
               or (_name_problem(args.name) if args.name is not None else None))
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    from ..importer.run import import_document

    path = args.path if args.path.is_absolute() else Path.cwd() / args.path
    return import_document(root, path, args.department, args.name, int(args.year), args.kind, args.force)


# --- schema --------------------------------------------------------------------------

def _schema(root: Path) -> int:
    folder = root / "schema"
    for name, (model, title) in SCHEMAS.items():
        repofiles.write_text(folder / name, root, schema_text(model, title))
        print(f"已写入 schema/{name}")
    return 0
