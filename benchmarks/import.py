"""How long `openbudget import` takes: a long text document, the same as Word, a 1,000-row workbook (.xlsx and .xls).

    .venv/bin/python benchmarks/import.py

Run by hand (not in CI). The documents are made here from the seed's published text,
repeated under numbered parts until it is about 30 printed pages (some 45,000 characters),
for the fictional 示例县示例局; the workbook is a 一般公共预算支出表 of 1,000 rows with
merged header cells. Target (issue 14): under 2 s for a 30-page document.
"""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path

from common import ROOT, temporary

from openbudget.commands.cli import main

PAGE_CHARS = 1500  # characters on one printed A4 page of a budget explanation


def long_text() -> str:
    seed = (ROOT / "data" / "miyi-xinfang" / "2021.source.txt").read_text(encoding="utf-8")
    parts, n = [], 0
    while sum(len(p) for p in parts) < 30 * PAGE_CHARS:
        n += 1
        parts.append(f"第{'一二三四五六七八九十'[n - 1]}部分 示例内容{n}\n" + seed.replace("米易县信访局", "示例县示例局"))
    return "\n".join(parts)


def workbook(path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "一般公共预算支出表"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "单位：万元"
    sheet["A3"] = "科目编码"
    sheet.merge_cells("A3:C3")
    for cell, text in (("D3", "科目名称"), ("E3", "基本支出"), ("F3", "项目支出")):
        sheet[cell] = text
        sheet.merge_cells(f"{cell}:{cell[0]}4")
    sheet["A4"], sheet["B4"], sheet["C4"] = "类", "款", "项"
    for i in range(rows):
        sheet.append(["201", f"{i // 100:02d}", f"{i % 100:02d}", f"示例科目{i}", i + 0.25, i * 2 + 0.5])
    book.save(path)


def legacy_workbook(path: Path, rows: int) -> None:
    """The same table as a legacy .xls (BIFF8, read by xlrd), written with xlwt as tests/tools does."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表3")
    sheet.write_merge(0, 0, 0, 5, "一般公共预算支出表")
    sheet.write(1, 0, "单位：万元")
    sheet.write_merge(2, 2, 0, 2, "科目编码")
    for col, text in ((3, "科目名称"), (4, "基本支出"), (5, "项目支出")):
        sheet.write_merge(2, 3, col, col, text)
    for col, text in enumerate(("类", "款", "项")):
        sheet.write(3, col, text)
    for i in range(rows):
        for col, value in enumerate(["201", f"{i // 100:02d}", f"{i % 100:02d}", f"示例科目{i}", i + 0.25, i * 2 + 0.5]):
            sheet.write(4 + i, col, value)
    book.save(str(path))


def timed(folder: Path, source: Path) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(["--root", str(folder), "import", str(source), "--department", "example-shili",
                       "--name", "示例县示例局", "--year", "2023", "--force"])
    assert status == 0, source
    return time.perf_counter() - start


def run() -> None:
    import docx

    folder = temporary()
    text = long_text()
    txt = folder / "long.txt"
    txt.write_text(text, encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    word = folder / "long.docx"
    document.save(word)
    book = folder / "rows.xlsx"
    workbook(book, 1000)
    pages = len(text) / PAGE_CHARS
    print(f"text document, {len(text):,} characters (~{pages:.0f} pages): {timed(folder, txt):.2f} s")
    print(f"the same as .docx: {timed(folder, word):.2f} s")
    print(f"workbook of 1,000 rows: {timed(folder, book):.2f} s")
    legacy = folder / "rows.xls"
    legacy_workbook(legacy, 1000)
    print(f"the same as legacy .xls: {timed(folder, legacy):.2f} s")


if __name__ == "__main__":
    run()
