"""The figure tables the public reads: totals and shares in the table's own unit, what each table is."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import ROOT, SEED_YAML, build_or_fail, make_project

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
    head, rest = text.split("expenditure:  ", 1)
    section, tail = rest.split("three_public:", 1)
    section = section.replace("  unit: 万元", "  unit: 元")
    for wan, yuan in IN_YUAN:
        section = section.replace(f": {wan} ", f": {yuan} ").replace(f": {wan}\n", f": {yuan}\n")
        section = section.replace(f"{wan}万元", f"{yuan}元").replace(f"，{wan}万元", f"，{yuan}元")
    return head + "expenditure:  " + section + "three_public:" + tail


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
    raw = (site.out / BASE / "expenditure" / "basic-project.csv").read_bytes().decode("utf-8-sig")
    rows = [(r["项目"], r["金额（元）"], r["占比（%，本站计算）"]) for r in csv.DictReader(io.StringIO(raw))]
    assert rows == [("基本支出", "2210200", "86.97"), ("项目支出", "331000", "13.03"), ("合计", "2541200.00", "100.00")]
    chart = page.select_one("#chart-basic-project img")
    assert "基本支出 2,210,200 元（占 86.97%）；项目支出 331,000 元（占 13.03%）" in chart["alt"]
