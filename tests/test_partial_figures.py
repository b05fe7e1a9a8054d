"""Figures as far as the document states them (synthetic fixtures): nothing unstated shown as 0."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import build_or_fail, make_project
from openbudget.commands.cli import main
from openbudget.sources.loading import load_department_year

FIXTURES = Path(__file__).parent / "fixtures" / "partial"  # 示例县节选局（虚构）, 示例县单位局（虚构）, 2030


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("partial")
    return build_or_fail(make_project(folder / "project", FIXTURES), folder / "out")


def rows(table) -> dict[str, list[str]]:
    return {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}


def test_three_public_stating_only_its_total_shows_its_parts_as_not_stated_never_zero(site):
    table = site.article("total-only/2030/three-public").select_one("#three-public")
    assert rows(table) == {
        "因公出国（境）经费": ["原文未列明", "—"],
        "公务接待费": ["原文未列明", "—"],
        "公务用车购置及运行维护费": ["原文未列明", "—"],
        "“三公”经费合计": ["1.2", "100.00%"],
    }


def test_three_public_stating_some_parts_shows_those_and_not_stated_for_the_rest(site):
    table = site.article("row-unit/2030/three-public").select_one("#three-public")
    assert rows(table) == {
        "因公出国（境）经费": ["原文未列明", "—"],
        "公务接待费": ["0.4", "33.33%"],
        "公务用车购置及运行维护费": ["0.8", "66.67%"],
        "“三公”经费合计": ["1.2", "100.00%"],
    }
    text = (site.out / "row-unit" / "2030" / "three-public" / "row-unit-2030-three-public.csv").read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][2:5] == ["因公出国（境）经费", "明细", ""]


def test_validate_says_which_rule_was_not_checked_and_why(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "total-only", project / "data" / "total-only")
    assert main(["--root", str(project), "validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert ("data/total-only/2030.yaml:18:12 three_public.total（“三公”经费合计）：未核对“三公”经费合计 = "
            "因公出国（境）、公务接待、公务用车三项之和：原文未列明因公出国（境）经费、公务接待费、"
            "公务用车购置及运行维护费（网站显示为“原文未列明”）") in lines


def test_a_row_published_in_yuan_inside_a_wan_yuan_table_is_shown_as_published(site):
    table = site.article("row-unit/2030/budget").select_one("#income-by-source")
    assert rows(table) == {
        "财政拨款收入": ["100", "99.95%"],
        "其他收入": ["500 元", "0.05%"],
        "上年结转": ["0 元", "0.00%"],
        "收入预算总额": ["100.05", "100.00%"],
    }
    text = (site.out / "row-unit" / "2030" / "budget" / "row-unit-2030-budget-income-by-source.csv").read_text(encoding="utf-8-sig")
    assert [r[2:5] for r in csv.reader(io.StringIO(text))][2:4] == [["其他收入", "明细", "0.05"],
                                                                     ["上年结转", "明细", "0"]]


def test_a_row_in_another_unit_is_added_to_its_table_exactly(tmp_path):
    path = tmp_path / "data" / "row-unit" / "2030.yaml"
    path.parent.mkdir(parents=True)
    text = (FIXTURES / "row-unit" / "2030.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("income_total: 100.05", "income_total: 100.04")
                    .replace("总额为100.05万元", "总额为100.04万元"), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None
    assert [p.message.split("。")[0] for p in problems] == [
        "[income-total-differs-from-sources] 收入预算总额 100.04 万元 不等于各收入来源合计 100.05 万元（相差 0.01 万元）"]


def test_every_page_of_an_excerpt_says_it_is_an_excerpt(site):
    for department, reason in (("total-only", ""), ("row-unit", "（只录入了收支预算部分）")):
        pages = sorted((site.out / department / "2030").glob("**/index.html"))
        assert len(pages) >= 3
        for page in pages:
            url = page.parent.relative_to(site.out).as_posix()
            note = site.article(url).select_one(".ob-excerpt")
            assert note is not None, url
            assert note.get_text(" ", strip=True) == (
                f"原文节选 本页内容为原文节选，未收录原文全部内容{reason}；未收录的部分不代表原文没有。")


def test_a_document_without_a_title_is_named_by_department_and_year(site):
    page = site.article("total-only/2030")
    assert page.select_one(".ob-doc-title") is None
    assert page.select_one(".ob-source").get_text().startswith("来源：示例县节选局（虚构）2030年部门预算（原文无标题）。")
    assert "《" not in site.article("total-only/2030/budget").select_one(".ob-source").get_text()


def test_the_seed_has_no_excerpt_note_and_keeps_its_title(seed_site):
    page = seed_site.article("miyi-xinfang/2021")
    assert page.select_one(".ob-excerpt") is None
    assert page.select_one(".ob-doc-title").get_text() == "关于2021年部门预算编制的说明"
    assert page.select_one(".ob-source").get_text().startswith(
        "来源：米易县信访局《关于2021年部门预算编制的说明》（2021年）。")


def test_excerpt_false_is_refused_rather_than_shown_as_a_note(tmp_path):
    path = tmp_path / "data" / "total-only" / "2030.yaml"
    path.parent.mkdir(parents=True)
    path.write_text((FIXTURES / "total-only" / "2030.yaml").read_text(encoding="utf-8")
                    .replace("excerpt: true", "excerpt: false"), encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    assert record is None
    assert [f"{p.line}:{p.column} {p.message}" for p in problems] == [
        "5:12 不是原文节选时请删除这一行；是节选时写 true 或写明节选了哪些内容"]
