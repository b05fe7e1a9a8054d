"""The figure tables the public reads: totals and shares in the table's own unit, what each table is."""

from __future__ import annotations

import csv
import json
import io
import shutil
from pathlib import Path

from conftest import ROOT, SEED_YAML, build_or_fail, make_project, minimal_yaml, mkdocs_build
from test_rules import ACKNOWLEDGE

BASE = "miyi-xinfang/2021/"
FIXTURES = Path(__file__).parent / "fixtures"

# The seed's 支出预算 converted exactly to 元 (收支预算 stays in 万元), texts included.
IN_YUAN = (("221.02", "2210200"), ("33.1", "331000"), ("204.65", "2046500"), ("15.43", "154300"),
           ("13.08", "130800"), ("20.96", "209600"))


def seed_copy(tmp_path: Path, text: str) -> Path:
    """A project whose data is the seed's (source text, glossary) with this department file."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "miyi-xinfang" / "2021.yaml").write_text(text, encoding="utf-8")
    return make_project(tmp_path / "project", data)


def expenditure_in_yuan() -> str:
    text = SEED_YAML.read_text(encoding="utf-8")
    head, rest = text.split("kind: expenditure  ", 1)
    section, tail = rest.split("kind: three_public", 1)
    section = section.replace("    unit: 万元", "    unit: 元")
    for wan, yuan in IN_YUAN:
        section = section.replace(f": {wan} ", f": {yuan} ").replace(f": {wan}\n", f": {yuan}\n")
        section = section.replace(f"{wan}万元", f"{yuan}元").replace(f"，{wan}万元", f"，{yuan}元")
    return head + "kind: expenditure  " + section + "kind: three_public" + tail


def cells(table) -> dict[str, list[str]]:
    return {tr.th.get_text(): [td.get_text() for td in tr.select("td.ob-num")] for tr in table.select("tbody tr")}


def test_mixed_units_expenditure_table_totals_in_its_own_unit(tmp_path):
    site = build_or_fail(seed_copy(tmp_path, expenditure_in_yuan()), tmp_path / "out")
    page = site.article(BASE + "expenditure")
    table = page.select_one("#basic-project table")
    assert "单位：元" in table.caption.get_text()
    # 254.12 万元 = 2,541,200.00 元, converted exactly (the 分 kept, as the budget's precision allows)
    assert cells(table) == {"基本支出": ["2,210,200", "86.97%"], "项目支出": ["331,000", "13.03%"],
                            "合计": ["2,541,200.00", "100.00%"]}
    assert cells(page.select_one("#by-function table"))["合计"] == ["2,541,200.00", "100.00%"]
    assert cells(page.select_one("#by-function table"))["社会保障和就业支出"] == ["154,300", "6.07%"]
    raw = (site.out / BASE / "expenditure" / "miyi-xinfang-2021-expenditure-basic-project.csv").read_bytes().decode("utf-8-sig")
    rows = [(r["项目"], r["金额（元）"], r["占比（%，本站计算）"]) for r in csv.DictReader(io.StringIO(raw))]
    assert rows == [("基本支出", "2210200", "86.97"), ("项目支出", "331000", "13.03"), ("合计", "2541200.00", "100.00")]
    assert page.select_one("#chart-basic-project") is None  # two parts: the table says it all
    chart = page.select_one("#chart-by-function img")
    assert "社会保障和就业支出 154,300 元（占 6.07%）" in chart["alt"]


def test_three_equal_parts_show_their_own_shares_and_say_they_may_not_add_up(tmp_path):
    data = tmp_path / "data"
    (data / "example-test").mkdir(parents=True)
    text = minimal_yaml(
        "  - kind: expenditure\n    unit: 万元\n    by_function:\n"
        "      - {code: \"201\", name: 一般公共服务支出, amount: 1}\n"
        "      - {code: \"208\", name: 社会保障和就业支出, amount: 1}\n"
        "      - {code: \"210\", name: 卫生健康支出, amount: 1}\n").replace("income_total: 100", "income_total: 3")
    (data / "example-test" / "2030.yaml").write_text(text, encoding="utf-8")
    site = build_or_fail(make_project(tmp_path / "project", data), tmp_path / "out")
    page = site.article("example-test/2030/expenditure")
    assert cells(page.select_one("#by-function table")) == {
        "一般公共服务支出": ["1", "33.33%"], "社会保障和就业支出": ["1", "33.33%"], "卫生健康支出": ["1", "33.33%"],
        "合计": ["3", "100.00%"]}
    notes = [p.get_text() for p in page.select("#by-function + p.ob-note")]
    assert notes == ["* 占比由本站按公开金额计算（四舍五入保留两位小数，各项相加可能不等于 100%），不是原文数字。"]
    package = json.loads((site.out / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["path"] == "example-test/2030/expenditure/example-test-2030-expenditure-by-function.csv"]
    share = next(f for f in resource["schema"]["fields"] if f["name"] == "占比（%，本站计算）")
    assert share["description"] == "本站按公开金额计算的占比（四舍五入保留两位小数，各项相加可能不等于 100%），不是原文数字"


def test_datapackage_says_which_tables_are_spending_and_which_are_not(seed_site):
    package = json.loads((seed_site.out / "datapackage.json").read_text(encoding="utf-8"))
    directions = {r["path"].removeprefix(BASE): r.get("direction") for r in package["resources"]}
    assert directions == {
        "budget/miyi-xinfang-2021-budget-income-by-economic.csv": "expenditure",  # 工资福利支出… are spending
        "expenditure/miyi-xinfang-2021-expenditure-basic-project.csv": "expenditure",
        "expenditure/miyi-xinfang-2021-expenditure-by-function.csv": "expenditure",
        "three-public/miyi-xinfang-2021-three-public.csv": "expenditure",
        "operating-costs/miyi-xinfang-2021-operating-costs.csv": "expenditure",
        "assets/miyi-xinfang-2021-assets.csv": None,  # assets held: neither revenue nor expenditure
        "miyi-xinfang-2021-targets.csv": None,  # targets and results: no money
        "all-figures.csv": None,  # every figure of every kind, each row says its section
        # the county page: departments side by side (totals of several kinds), classes of spending
        "bodies/all/2021/all-2021-departments.csv": None,
        "bodies/all/2021/all-2021-functional.csv": "expenditure",
        "bodies/all/2021/all-2021-economic.csv": "expenditure",
    }


CARRY_OVER = ("      - 2021年我单位收入预算总额为254.12万元，其中：",
              "      - 2021年我单位收入预算总额为240万元，上年结转14.12万元，支出预算总额为254.12万元，其中：")


def carried_over(expenditure_total: str = "254.12") -> str:
    text = SEED_YAML.read_text(encoding="utf-8").replace(*CARRY_OVER)
    return text.replace("    income_total: 254.12 ", f"    income_total: 240\n    expenditure_total: {expenditure_total} ")


def test_economic_lines_divide_the_spending_total_when_income_is_smaller(tmp_path):
    site = build_or_fail(seed_copy(tmp_path, carried_over()), tmp_path / "out")
    table = site.article(BASE + "budget").select_one("#income-by-economic table")
    assert table.caption.get_text() == "支出预算总额及构成（单位：万元）"
    assert cells(table)["支出预算总额"] == ["254.12", "100.00%"]
    assert cells(table)["工资福利支出"] == ["197.04", "77.54%"]


def test_economic_lines_that_miss_the_spending_total_stop_the_build(tmp_path):
    from openbudget.sources.loading import load_department_year

    project = seed_copy(tmp_path, carried_over("254.13"))
    path = project / "data" / "miyi-xinfang" / "2021.yaml"
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("    expenditure_total: 254.13 "))
    record, problems = load_department_year(path, project)
    assert record is None
    assert (f"data/miyi-xinfang/2021.yaml:{line}:24 budget.expenditure_total（支出预算总额）："
            "[expenditure-total-differs-from-economic-parts] 支出预算总额 254.13 万元 不等于“其中”各项合计 254.12 万元"
            "（相差 0.01 万元）" + ACKNOWLEDGE.format("expenditure-total-differs-from-economic-parts")) in map(str, problems)


def test_no_download_writes_an_amount_in_exponent_notation(tmp_path):
    """Every CSV and JSON of a site holding every kind of document the fixtures have (a county in
    万元 and 元, a 预算 with its 决算 and their tables, rows in 元 inside 万元 lists, several years)
    plus a synthetic 0.01 元 row, whose county figure is 0.000001 万元: str() of a Decimal writes
    such amounts as 1E-6 or 4E-7 from seven decimals on; a spreadsheet reads that as a number the
    document never printed. (conftest.build_or_fail makes the same check on every site the tests
    build.)"""
    from conftest import exponent_numbers

    data = tmp_path / "data"
    for folder in ("county/data", "statements", "partial", "phases", "multi"):
        shutil.copytree(FIXTURES / folder, data, dirs_exist_ok=True)
    fen = data / "shili-fen" / "2031.yaml"
    fen.parent.mkdir()
    fen.write_text(minimal_yaml().replace("year: 2030", "year: 2031").replace("2030年", "2031年").replace(
        "    income_total: 100\n",
        "    income_total: 100.000001\n    by_source:\n      - {name: 财政拨款收入, amount: 100}\n"
        "      - {name: 其他收入, amount: \"0.01\", unit: 元}\n"), encoding="utf-8")
    result = mkdocs_build(make_project(tmp_path / "project", data), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert len(list(site.rglob("*.csv"))) > 100 and len(list(site.rglob("*.json"))) > 20
    by_source = (site / "shili-fen/2031/budget/shili-fen-2031-budget-income-by-source.csv").read_text(encoding="utf-8-sig")
    assert ",其他收入,明细,0.000001," in by_source
    assert exponent_numbers(site) == []
