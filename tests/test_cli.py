"""The editors' command line, run as a subprocess the way an editor or CI runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_or_fail, make_project
from openbudget.commands.cli import SCHEMAS, schema_text
from openbudget.document.model import PLACEHOLDER
from test_loading import FILE, broken_copy


def openbudget(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "openbudget", *args], cwd=cwd, capture_output=True,
                          text=True, env={**environment, **(env or {})})


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_validate_passes_the_seed_and_reports_its_two_findings():
    result = openbudget("validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert any(line.startswith(f"{FILE}:") and "operating_costs.amount（机关运行经费）：[operating-costs-exceed-public-expenses]"
               in line and "51.35 万元" in line and "18.25 万元" in line for line in lines)
    assert any("three_public.subsections[1].paragraphs[0]" in line and "[compared-with-2019]" in line for line in lines)
    assert "0 处错误，2 条数据说明" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("amount: 15.43", "amount: 十三", 'expenditure.by_function[1].amount（金额）：应为金额，实际为 "十三"'),
    ("year: 2021 ", "year: 2022 ", "year（年度）：文件名是 2021.yaml，但 year 写的是 2022"),
    ("reception: 0.3 ", "reception: -0.3 ", "three_public.reception（公务接待费）：金额不能为负数"),
    ("    current: 25260.25", "    curent: 25260.25", "assets.curent：未知字段“curent”"),
    ("    income_total: 254.12", "    income_total: 254.12\n    income_total: 1", "字段“income_total”重复出现"),
    ("\n    unit: 元\n", "\n\tunit: 元\n", "YAML 格式错误：不能用制表符（Tab）缩进"),
    ("    current: 25260.25 ", "    current: 25260.26 ", "资产总额 158,406.46 元 不等于流动资产与非流动资产之和"),
])
def test_validate_fails_broken_files_with_their_place(project, old, new, expected):
    path, line, _ = broken_copy(project, old, new)
    result = openbudget("validate", "data/miyi-xinfang/2021.yaml", cwd=project)
    assert result.returncode == 1
    errors = [l for l in result.stdout.splitlines() if expected in l]
    assert errors and errors[0].startswith(f"{FILE}:"), result.stdout
    assert "Traceback" not in result.stderr


def test_validate_of_everything_covers_every_file(project):
    broken_copy(project, "amount: 15.43", "amount: 十三", name="2020.yaml")
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert "data/miyi-xinfang/2020.yaml:" in result.stdout


def test_validate_prints_github_annotations_on_pull_requests(project):
    path, line, col = broken_copy(project, "amount: 15.43", "amount: 十三")
    result = openbudget("validate", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert (f"::error file={FILE},line={line},col={col + 8},title=数据错误::"
            'expenditure.by_function[1].amount（金额）：应为金额，实际为 "十三"') in result.stdout.splitlines()


def test_findings_are_github_warnings_not_errors():
    result = openbudget("validate", cwd=ROOT, env={"GITHUB_ACTIONS": "true"})
    warnings = [l for l in result.stdout.splitlines() if l.startswith("::warning ")]
    assert len(warnings) == 2 and all(f"file={FILE},line=" in w and "title=数据说明::" in w for w in warnings)
    assert result.returncode == 0


def test_new_year_scaffold_must_be_filled_in_before_it_validates(project):
    result = openbudget("new-year", "miyi-xinfang", "2022", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "miyi-xinfang" / "2022.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/department-year.schema.json\n")
    assert "year: 2022" in text and "关于2022年部门预算编制的说明" in text
    assert "（一）贯彻执行中央、省、市、县关于信访工作的方针" in text  # duties kept
    assert "254.12" not in text and "33.1" not in text  # figures emptied
    check = openbudget("validate", "data/miyi-xinfang/2022.yaml", cwd=project)
    assert check.returncode == 1
    assert "budget.income_total（收入预算总额）：请填写本年度的金额（按原文，只写数字）" in check.stdout
    assert "document.preamble[0]（导语（按原文））：请按本年度原文填写" in check.stdout


def test_new_year_refuses_to_overwrite(project):
    assert openbudget("new-year", "miyi-xinfang", "2022", cwd=project).returncode == 0
    before = (project / "data" / "miyi-xinfang" / "2022.yaml").read_bytes()
    again = openbudget("new-year", "miyi-xinfang", "2022", cwd=project)
    assert again.returncode == 1 and "已存在，不会覆盖" in again.stderr
    assert (project / "data" / "miyi-xinfang" / "2022.yaml").read_bytes() == before


def test_new_year_round_trips_once_filled_in(project):
    assert openbudget("new-year", "miyi-xinfang", "2022", cwd=project).returncode == 0
    path = project / "data" / "miyi-xinfang" / "2022.yaml"
    old = yaml.load((ROOT / "data" / "miyi-xinfang" / "2021.yaml").read_text(encoding="utf-8"), yaml.BaseLoader)

    def fill(new, previous):
        # an editor fills every 待填写 with this year's text: here, last year's figures and new text
        if isinstance(new, dict):
            return {k: fill(v, previous.get(k) if isinstance(previous, dict) else None) for k, v in new.items()}
        if isinstance(new, list):
            return [fill(v, previous[i] if isinstance(previous, list) and i < len(previous) else None)
                    for i, v in enumerate(new)]
        if new == PLACEHOLDER:
            return previous if isinstance(previous, str) and previous[:1].isdigit() else "（测试）2022年原文"
        return new

    data = fill(yaml.load(path.read_text(encoding="utf-8"), yaml.BaseLoader), old)
    work_plan = next(s for s in data["sections"] if s.get("kind") == "work_plan")
    for target in work_plan["targets"]:  # a sentence of the section's text, the value quoted from it
        target["sentence"] = work_plan["paragraphs"][0]
        target["value"] = target["sentence"][:5]
    # last year's figures and comparisons give last year's findings: acknowledged, as an editor would
    data["data_notes"] = [{"finding": f, "as_published": "true"} for f in
                          ("operating-costs-exceed-public-expenses", "compared-with-2019", "compared-with-2020")]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = openbudget("validate", "data/miyi-xinfang/2022.yaml", cwd=project)
    assert result.returncode == 0, result.stdout


def test_committed_json_schemas_match_the_model():
    for name, (model, title) in SCHEMAS.items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == schema_text(model, title), \
            f"schema/{name} is stale: run `openbudget schema`"


def test_every_data_file_points_editors_at_its_schema():
    for path in (ROOT / "data").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        expected = "glossary" if path.name == "glossary.yaml" else "department-year"
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schema/{expected}.schema.json")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target}"


def test_schema_command_writes_the_schemas(tmp_path):
    result = openbudget("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(SCHEMAS)


# --- findings on the site ------------------------------------------------------------

def test_seed_findings_are_shown_on_their_pages_as_neutral_notes(seed_site):
    note = seed_site.article("miyi-xinfang/2021/operating-costs").select_one(".ob-finding")
    assert note.select_one(".admonition-title").get_text() == "数据说明"
    assert "机关运行经费 51.35 万元 大于“收支预算总体情况”中的日常公用支出 18.25 万元" in note.get_text()
    note = seed_site.article("miyi-xinfang/2021/three-public").select_one(".ob-finding")
    assert "与 2019 年比较" in note.get_text()
    # the published figures themselves are unchanged
    assert "2021年安排公务接待费预算0.3万元，较2019年预算持平。" in seed_site.article("miyi-xinfang/2021/three-public").get_text()
    overview = seed_site.article("miyi-xinfang/2021")
    assert len(overview.select("#data-notes + p + ul li")) == 2


def test_acknowledged_finding_shows_the_editors_explanation(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "miyi-xinfang" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    explanation: （测试）原文即与2019年比较。\n", encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    note = site.article("miyi-xinfang/2021/three-public").select_one(".ob-finding")
    assert [p.get_text() for p in note.select("p")][2:] == ["说明：（测试）原文即与2019年比较。"]
    assert "与 2019 年比较" in note.select("p")[1].get_text()  # the neutral statement stays


def test_acknowledging_a_finding_that_does_not_exist_is_an_error(project):
    path = project / "data" / "miyi-xinfang" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - finding: compared-with-2018\n    as_published: true\n    explanation: 说明\n"), encoding="utf-8")
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert ("data_notes[2].finding（数据说明编号（validate 输出的方括号内容））：没有编号为“compared-with-2018”的数据说明；"
            "当前的编号：compared-with-2019、operating-costs-exceed-public-expenses") in result.stdout

# --- new-department ------------------------------------------------------------------

def test_new_department_template_is_refused_only_for_its_placeholders_each_at_its_line(tmp_path):
    result = openbudget("new-department", "example-test", "--name", "示例县测试局（虚构）", "--year", "2030", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "data" / "example-test" / "2030.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/department-year.schema.json"
    assert 'department: "示例县测试局（虚构）"  # 部门名称（必填）' in lines and "year: 2030  # 年度（必填）" in lines
    kinds = [line.split("#")[0].strip() for line in lines if line.startswith("  - kind: ")]
    assert kinds == [f"- kind: {k}" for k in ("duties", "basic_info", "units", "work_plan", "budget", "expenditure",
                                              "three_public", "operating_costs", "procurement", "glossary",
                                              "performance", "assets")]
    assert "  - kind: three_public  # “三公”经费" in lines
    assert "    unit: 万元  # 金额单位：万元 或 元（必填）" in lines
    assert "    income_total: 待填写  # 收入预算总额" in lines  # a figure a document may leave unstated: not 必填
    placeholders = [n for n, line in enumerate(lines, 1) if "待填写" in line and not line.lstrip().startswith("#")]
    check = openbudget("validate", "data/example-test/2030.yaml", cwd=tmp_path)
    assert check.returncode == 1
    reported = check.stdout.splitlines()
    assert all(("：请按本年度原文填写" in line or "：请填写本年度的金额（按原文，只写数字）" in line) for line in reported), \
        check.stdout
    assert sorted(int(line.split(":")[1]) for line in reported) == placeholders
    assert len(placeholders) > 50


def test_new_department_template_validates_once_every_placeholder_is_filled_in(tmp_path):
    assert openbudget("new-department", "example-test", "--name", "示例县测试局（虚构）", "--year", "2030",
                      cwd=tmp_path).returncode == 0
    path = tmp_path / "data" / "example-test" / "2030.yaml"
    check = openbudget("validate", "data/example-test/2030.yaml", cwd=tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in check.stdout.splitlines():  # the editor fills in what validate points at
        line, where = int(problem.split(":")[1]), problem.split(" ", 1)[1]
        if "请填写本年度的金额" in where:
            value = "0"
        elif where.startswith("budget.by_economic[0].name"):
            value = "工资福利支出"
        else:
            value = f"（测试）第{line}行，金额为0万元。"
        lines[line - 1] = lines[line - 1].replace("待填写", value, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = openbudget("validate", "data/example-test/2030.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_new_department_refuses_to_overwrite(tmp_path):
    args = ("new-department", "example-test", "--name", "示例县测试局（虚构）", "--year", "2030")
    assert openbudget(*args, cwd=tmp_path).returncode == 0
    path = tmp_path / "data" / "example-test" / "2030.yaml"
    path.write_text("# 已经填了一半\n", encoding="utf-8")
    again = openbudget(*args, cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == "错误：data/example-test/2030.yaml 已存在，不会覆盖。\n"
    assert path.read_text(encoding="utf-8") == "# 已经填了一半\n"


@pytest.mark.parametrize(("department", "year", "message"), [
    ("Example_Test", "2030",
     "错误：部门文件夹名“Example_Test”只能用小写英文字母、数字和连字符，如 miyi-xinfang（它会成为网址的一部分）"),
    ("search", "2030", "错误：部门文件夹名“search”已被网站自身使用，请换一个"),
    ("example-test", "２０３０", "错误：年度“２０３０”：应为 1990 至 2100 之间的四位数字年度，如 2021"),
])
def test_new_department_refuses_a_bad_folder_name_or_year_in_chinese(tmp_path, department, year, message):
    result = openbudget("new-department", department, "--name", "示例县测试局（虚构）", "--year", year, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == message + "\n"
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(("args", "message"), [
    (("new-year",), "错误：缺少参数：department, year。运行 openbudget -h 查看用法。"),
    (("new-department", "example-test", "--name"), "错误：--name 后面缺少值。运行 openbudget -h 查看用法。"),
    (("publish",), "错误：没有“publish”这个命令。运行 openbudget -h 查看用法。"),
    (("new-year", "miyi-xinfang", "二〇二二"), "错误：年度“二〇二二”：应为 1990 至 2100 之间的四位数字年度，如 2021"),
])
def test_a_mistyped_command_is_answered_in_chinese(tmp_path, args, message):
    result = openbudget(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.splitlines()[-1] == message
    assert "error:" not in result.stderr and "invalid" not in result.stderr
