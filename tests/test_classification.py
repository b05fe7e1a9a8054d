"""Classifications as data: published names kept, resolved to the standard codes (synthetic fixtures)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project
from openbudget.vocabulary import classification
from openbudget.commands.cli import main
from openbudget.sources.loading import load_department_year

FIXTURES = Path(__file__).parent / "fixtures" / "classes"  # 示例县旧称局（虚构） 2014–2015, 示例县新称局（虚构） 2030
UNKNOWN = "data/unknown-names/2030.yaml"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("classes")
    return build_or_fail(make_project(folder / "project", FIXTURES), folder / "out")


def rows(table) -> dict[str, list[str]]:
    return {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}


def copy_of(tmp_path: Path, name: str, old: str, new: str) -> Path:
    path = tmp_path / "data" / name
    path.parent.mkdir(parents=True)
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- the data file ---------------------------------------------------------------------

def test_every_functional_class_of_the_standard_classification_is_known():
    codes = classification.tables()["functional"].by_key
    expected = [str(c) for c in (*range(201, 218), *range(219, 225), 227, *range(229, 235))]
    assert [c for c in expected if c not in codes] == []
    assert codes["20103"].name == "政府办公厅（室）及相关机构事务"
    assert codes["2080505"].name == "机关事业单位基本养老保险缴费支出"


def test_old_and_local_names_resolve_to_the_standard_economic_classes():
    names = classification.tables()["economic"].by_name
    assert {n: names[n].key for n in ("工资性支出", "商品与服务支出", "对个人与家庭补助支出", "日常公用支出",
                                       "公用经费", "日常公用经费", "项目支出")} == {
        "工资性支出": "301", "商品与服务支出": "302", "对个人与家庭补助支出": "303", "日常公用支出": "302",
        "公用经费": "302", "日常公用经费": "302", "项目支出": "project"}
    assert classification.basic_classes() == ("301", "302", "303")


def test_no_name_in_the_classification_stands_for_two_classes():
    for table in classification.tables().values():
        names = [n for e in table.entries for n in e.names]
        assert sorted({n for n in names if names.count(n) > 1}) == []
        keys = [e.key for e in table.entries]
        assert len(keys) == len(set(keys))


# --- old names --------------------------------------------------------------------------

def test_pre_2015_economic_names_are_published_as_printed(site):
    table = site.article("old-names/2014/budget").select_one("#income-by-economic")
    assert list(rows(table)) == ["工资性支出", "商品与服务支出", "对个人与家庭补助支出", "项目支出", "收入预算总额"]


def test_basic_expenditure_rule_checks_the_old_names_as_their_classes(tmp_path):
    path = copy_of(tmp_path, "old-names/2014.yaml", "基本支出85万元", "基本支出86万元")
    path.write_text(path.read_text(encoding="utf-8").replace("basic: 85", "basic: 86"), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None
    assert any(p.message.startswith("[basic-differs-from-economic-parts] 基本支出 86 万元 不等于工资福利、日常公用、"
                                    "对个人和家庭的补助之和 85 万元（相差 1 万元）") for p in problems), problems


def test_comparison_puts_an_old_name_and_its_standard_name_on_one_line(site):
    economic = rows(site.article("old-names/compare").select_one("#economic-caption").parent)
    # labelled as the latest year published it; 2014's 工资性支出 is the same class 301
    assert economic["工资福利支出"] == ["60", "66", "+6（+10.00%）"]
    assert economic["商品和服务支出"] == ["20", "22", "+2（+10.00%）"]
    assert economic["对个人和家庭的补助"] == ["5", "5.5", "+0.5（+10.00%）"]
    assert "工资性支出" not in economic


# --- unknown names ----------------------------------------------------------------------

def test_unknown_names_are_published_and_a_code_is_shown_beside_its_line(site):
    table = site.article("unknown-names/2030/budget").select_one("#income-by-economic")
    assert table.select_one("thead").get_text(" ", strip=True).startswith("科目编码 项目")
    assert rows(table)["会议培训经费"] == ["", "10", "10.00%"]
    assert rows(table)["运转经费"] == ["302", "25", "25.00%"]
    functional = rows(site.article("unknown-names/2030/expenditure").select_one("#by-function"))
    assert functional["维稳专项支出"] == ["10", "10.00%"]


def test_open_data_names_the_economic_code_column_as_economic(site):
    text = (site.out / "unknown-names" / "2030" / "budget" / "unknown-names-2030-budget-income-by-economic.csv").read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:4] == ["年度", "部门", "经济分类科目编码", "项目"]
    assert table[3][2:4] == ["302", "运转经费"]


def test_validate_warns_about_each_unknown_name_without_a_code_and_passes(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "unknown-names", project / "data" / "unknown-names")
    assert main(["--root", str(project), "validate"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert [line for line in lines if "不是已知的" in line] == [
        f"{UNKNOWN}:16:15 budget.by_economic[1].name（经济分类名称（按原文））：“会议培训经费”不是已知的支出经济分类名称，"
        "网站照原文发布；请按原文或《政府收支分类科目》给这一行写上科目编码（code），以便核对、历年对比和开放数据按科目使用",
        f"{UNKNOWN}:33:15 expenditure.by_function[1].name（功能分类名称（按原文））：“维稳专项支出”不是已知的支出功能分类名称，"
        "网站照原文发布；请按原文或《政府收支分类科目》给这一行写上科目编码（code），以便核对、历年对比和开放数据按科目使用"]
    assert f"{UNKNOWN}:28:12 expenditure.basic（基本支出）：未核对基本支出 = 工资福利、商品和服务（日常公用）、" \
           "对个人和家庭的补助之和：不知道“会议培训经费”属于哪一类经济分类（请写上科目编码 code）" in lines
    assert "0 处错误" in out.err and "3 条提示" in out.err


def test_an_unknown_name_given_its_code_takes_part_in_the_basic_rule(tmp_path):
    path = copy_of(tmp_path, "unknown-names/2030.yaml", "      - name: 会议培训经费\n", '      - code: "303"\n        name: 会议培训经费\n')
    path.write_text(path.read_text(encoding="utf-8").replace("basic: 85", "basic: 86")
                    .replace("基本支出85万元", "基本支出86万元"), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None  # 301 50 + 302 25 + 303 10 = 85
    assert any(p.message.startswith("[basic-differs-from-economic-parts] 基本支出 86 万元 不等于工资福利、日常公用、"
                                    "对个人和家庭的补助之和 85 万元（相差 1 万元）") for p in problems), problems

def test_a_pull_request_shows_an_unknown_name_as_a_notice_not_an_error(tmp_path, capsys, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "unknown-names", project / "data" / "unknown-names")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(project), "validate"]) == 0
    notices = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::notice ")]
    assert len(notices) == 3
    assert notices[0].startswith(f"::notice file={UNKNOWN},line=16,col=15,title=提示::budget.by_economic[1].name")


def test_a_code_that_contradicts_a_standard_name_is_pointed_out(tmp_path):
    path = copy_of(tmp_path, "unknown-names/2030.yaml", "      - name: 工资福利支出\n", '      - code: "303"\n        name: 工资福利支出\n')
    record, problems = load_department_year(path, tmp_path)
    assert problems == []
    assert list(classification.unresolved(record.data))[0] == (
        ("budget", "by_economic", 0, "code"),
        "科目编码 303 与名称“工资福利支出”（301 工资福利支出）不符，网站按编码 303 归类；请按原文核对")
