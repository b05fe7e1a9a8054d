"""One spreadsheet per document: every table of the year in one .xlsx, beside the CSVs, with the
same figures, amounts as numbers, a 来源 and a 数据说明 sheet, written the same for the same
build time. The site is the fictional bureau of tests/fixtures/statements (its section tables
and its published tables)."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from openbudget.render import spreadsheet

YEAR = "shili-biao/2031/"
WORKBOOK = YEAR + "shili-biao-2031.xlsx"
DEPARTMENT = "示例县虚构表格局"


@pytest.fixture(scope="module")
def site(statements_site):
    return statements_site


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def as_csv(cell) -> str:
    """A workbook cell as the CSV writes it: a number as its digits, text as is."""
    if cell.value is None:
        return ""
    if cell.data_type == "n":
        return str(cell.value)
    return cell.value


def test_the_year_offers_one_workbook_on_its_overview_and_every_page(site):
    for page in (YEAR, YEAR + "expenditure/", YEAR + "tables/general-public/"):
        hrefs = [a["href"] for a in site.article(page).select(".ob-downloads a[download]")]
        assert any(h.endswith("shili-biao-2031.xlsx") for h in hrefs), (page, hrefs)
    labels = [a.get_text() for a in site.article(YEAR).select(".ob-downloads a[download]")]
    assert labels[0] == "2031年全部表格（Excel：每张表一个工作表，另有来源和数据说明）"
    # the overview lists no CSV, so its note says nothing of CSV files
    assert "CSV" not in site.article(YEAR).select_one(".ob-downloads .ob-note").get_text()


def test_the_workbook_holds_every_table_of_the_year_with_the_same_figures_as_its_csv(site):
    book = openpyxl.load_workbook(site.out / WORKBOOK)
    sheets = {tuple(tuple(as_csv(c) for c in row) for row in sheet.iter_rows()): sheet for sheet in book.worksheets}
    # the 决算 has its own workbook; 预算执行情况 compares two documents
    csvs = sorted(p for p in (site.out / YEAR).rglob("*.csv") if not {"final", "budget-vs-actual"} & set(p.parts))
    assert len(csvs) == 14  # 6 section tables and 8 published tables in the fixture's 预算
    for path in csvs:
        rows = tuple(tuple(row) for row in csv_rows(path))
        # the same cells, number for number (300.00 is the number 300, shown with two decimals)
        match = [sheet for cells, sheet in sheets.items()
                 if len(cells) == len(rows) and all(
                     len(a) == len(b) and all(x == y or (x and y and _number(x) == _number(y)) for x, y in zip(a, b))
                     for a, b in zip(cells, rows))]
        assert len(match) == 1, path.name
    assert book.sheetnames[-2:] == ["来源", "数据说明"]
    assert len(book.sheetnames) == len(csvs) + 2
    assert all(len(name) <= 31 for name in book.sheetnames) and len(set(book.sheetnames)) == len(book.sheetnames)
    assert "一般公共预算支出表" in " ".join(book.sheetnames)
    source = {row[0]: row[1] for row in book["来源"].iter_rows(min_row=2, values_only=True)}
    assert source["部门"] == DEPARTMENT and source["年度"] == 2031


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def test_amounts_are_numbers_shown_with_their_published_decimals(site):
    book = openpyxl.load_workbook(site.out / WORKBOOK)
    sheet = next(s for s in book.worksheets if s.title.endswith("一般公共预算支出表"))
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["合计（万元）", "基本支出（万元）", "项目支出（万元）"]
    first = sheet[2]
    assert [c.value for c in first[:4]] == [2031, DEPARTMENT, "201", None]  # 类 201, no 款
    assert first[0].data_type == "n" and first[2].data_type == "s"  # the year a number, a code text
    total = first[len(header) - 3]
    assert total.data_type == "n" and total.value == 300 and total.number_format == "#,##0.00"
    # the stored digits are the published ones, not a float's
    with zipfile.ZipFile(site.out / WORKBOOK) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert any(b"<v>300.00</v>" in z.read(n) for n in names)


def test_a_name_a_spreadsheet_would_run_is_written_as_text():
    data = spreadsheet.workbook([("表", [["项目", "金额（万元）"], ['=HYPERLINK("http://127.0.0.1:9/","点此查看原文")', Decimal("1.50")],
                                        ["-1+2", Decimal("-27.10")]])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["表"]
    name, amount = sheet[2]
    assert name.data_type == "s" and name.value == '=HYPERLINK("http://127.0.0.1:9/","点此查看原文")'
    assert name.quotePrefix  # Excel keeps it text when the reader edits the cell
    assert sheet["A3"].data_type == "s" and sheet["B3"].data_type == "n" and sheet["B3"].value == -27.1


def test_sheet_names_are_at_most_31_characters_unique_and_without_characters_excel_refuses():
    names = spreadsheet.sheet_names(["一般公共预算支出表", "一般公共预算支出表", "收入/支出[总表]?",
                                     "表" * 40, "表" * 40])
    assert names == ["一般公共预算支出表", "一般公共预算支出表（2）", "收入_支出_总表__",
                     "表" * 31, "表" * 28 + "（2）"]


def test_the_same_build_time_writes_the_same_workbook_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sheets = [("表", [["项目", "金额（万元）"], ["行政运行", Decimal("250.00")]])]
    first = spreadsheet.workbook(sheets)
    time.sleep(2.1)  # zip entries are dated to 2 seconds
    assert spreadsheet.workbook(sheets) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 2  # created and modified
