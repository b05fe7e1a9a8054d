"""Writes tests/fixtures/import/example-2023-tables.xls, the legacy (BIFF8) workbook the import tests read.

    .venv/bin/python tests/tools/make_xls_fixture.py

The file is committed; this script is how it was made and how to change it (xlwt is pinned
in requirements.txt for this script only: the importer reads .xls with xlrd). The figures
are fictional, for the fictional 示例县示例局, laid out as the standard templates are: a
merged title, a unit line, a header merged over two rows, 类/款/项 code columns with the
类 left out on child rows, a 合计 row merged across the code and name columns, “-” for
nothing, 收入 | 支出 side by side, and a sheet that is not a table.
"""

from __future__ import annotations

from pathlib import Path

import xlwt

TARGET = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "example-2023-tables.xls"


def expenditure(book: xlwt.Workbook) -> None:
    sheet = book.add_sheet("表3")
    money = xlwt.easyxf(num_format_str="0.00")
    sheet.write_merge(0, 0, 0, 6, "示例县示例局2023年一般公共预算支出表")
    sheet.write_merge(1, 1, 0, 6, "单位：万元")
    sheet.write_merge(2, 2, 0, 2, "科目编码")
    for col, text in ((3, "科目名称"), (4, "合计"), (5, "基本支出"), (6, "项目支出")):
        sheet.write_merge(2, 3, col, col, text)
    for col, text in enumerate(("类", "款", "项")):
        sheet.write(3, col, text)
    rows = [
        ("201", "", "", "一般公共服务支出", 204.65, 171.55, 33.1),
        ("", "03", "", "政府办公厅（室）及相关机构事务", 204.65, 171.55, 33.1),
        ("", "", "01", "行政运行", 171.55, 171.55, "-"),
        ("", "", "02", "一般行政管理事务", 33.1, "-", 33.1),
        ("208", "05", "05", "机关事业单位基本养老保险缴费支出", 15.43, 15.43, "-"),
    ]
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row):
            if isinstance(value, float):
                sheet.write(r, c, value, money)
            elif value:
                sheet.write(r, c, value)
    sheet.write_merge(9, 9, 0, 3, "合计")
    for c, value in ((4, 220.08), (5, 186.98), (6, 33.1)):
        sheet.write(9, c, value, money)


def overview(book: xlwt.Workbook) -> None:
    sheet = book.add_sheet("表1")
    sheet.write_merge(0, 0, 0, 3, "示例县示例局2023年部门收支总表")
    sheet.write_merge(1, 1, 0, 3, "单位：万元")
    sheet.write_merge(2, 2, 0, 1, "收    入")
    sheet.write_merge(2, 2, 2, 3, "支    出")
    for col, text in enumerate(("项    目", "预算数", "项    目", "预算数")):
        sheet.write(3, col, text)
    rows = [
        ("一、一般公共预算拨款收入", 220.08, "一、一般公共服务支出", 204.65),
        ("二、上年结转", 0, "二、社会保障和就业支出", 15.43),
        ("收入总计", 220.08, "支出总计", 220.08),
    ]
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row):
            sheet.write(r, c, value)


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    overview(book)
    expenditure(book)
    book.add_sheet("填报说明").write(0, 0, "本表由示例县示例局财务室填报，数据均为虚构。")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
