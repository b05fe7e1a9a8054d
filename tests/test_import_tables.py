"""`openbudget import` of workbook sheets: each standard-template sheet as a table in the model's shape.

The sheets are laid out here cell by cell, as the templates and real county workbooks lay
them out (merged headers, 类/款/项 written or left out, 栏次 rows, 行次 columns, 收入 | 支出
side by side, “-” for nothing), with fictional figures.
"""

from __future__ import annotations

from pathlib import Path

from openbudget.document import yamlsource
from openbudget.commands.cli import main
from openbudget.importer.readers import Grid
from openbudget.importer.tables import recognise, recognise_grids
from openbudget.importer.writer import write_tables
from openbudget.importer.writer import Writer


def test_expenditure_table_rows_carry_the_class_down_to_kuan_and_xiang_rows():
    grid = Grid("表3", [
        ["2023年一般公共预算支出表", "", "", "", "", "", ""],
        ["单位：万元", "", "", "", "", "", ""],
        ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["201", "", "", "一般公共服务支出", "254.12", "200.00", "54.12"],
        ["", "03", "", "政府办公厅（室）及相关机构事务", "254.12", "200.00", "54.12"],
        ["", "", "01", "行政运行", "120.00", "120.00", "-"],
        ["", "", "02", "一般行政管理事务", "134.12", "80.00", "—"],
        ["208", "05", "", "行政事业单位养老支出", "", "", ""],
        ["", "", "05", "", "15.43", "15.43", ""],
        ["合计", "", "", "", "254.12", "200.00", "54.12"],
    ], merged=[(0, 0, 0, 6), (1, 0, 1, 6), (2, 0, 2, 2), (2, 3, 3, 3), (2, 4, 3, 4), (2, 5, 3, 5), (2, 6, 3, 6),
               (10, 0, 10, 3)])
    assert recognise(grid) == {
        "title": "2023年一般公共预算支出表", "unit": "万元", "columns": ["合计", "基本支出", "项目支出"],
        "rows": [
            {"code": "201", "name": "一般公共服务支出", "amounts": ["254.12", "200.00", "54.12"]},
            {"code": "20103", "name": "政府办公厅（室）及相关机构事务", "amounts": ["254.12", "200.00", "54.12"]},
            {"code": "2010301", "name": "行政运行", "amounts": ["120.00", "120.00", ""]},
            {"code": "2010302", "name": "一般行政管理事务", "amounts": ["134.12", "80.00", ""]},
            {"code": "20805", "name": "行政事业单位养老支出", "amounts": ["", "", ""]},
            {"code": "2080505", "name": "2080505", "amounts": ["15.43", "15.43", ""]},
            {"name": "合计", "amounts": ["254.12", "200.00", "54.12"]},
        ]}


def test_kuan_and_xiang_stored_as_numbers_keep_their_two_digits():
    grid = Grid("表3", [
        ["科目编码", "", "", "科目名称", "金额"],
        ["类", "款", "项", "", ""],
        ["208", "5", "5", "机关事业单位基本养老保险缴费支出", "15.43"],  # a number cell 05 shows as 5
    ], merged=[(0, 0, 0, 2), (0, 3, 1, 3), (0, 4, 1, 4)])
    assert recognise(grid)["rows"] == [{"code": "2080505", "name": "机关事业单位基本养老保险缴费支出", "amounts": ["15.43"]}]


def test_title_beside_the_unit_or_below_the_department_line_is_still_the_title():
    beside = Grid("Sheet1", [["附表2", "", ""], ["一般公共预算支出表", "", "单位：万元"], ["科目名称", "合计", "基本支出"],
                             ["行政运行", "120.00", "120.00"]])
    below = Grid("Sheet2", [["部门：示例县示例局", "", ""], ["一般公共预算支出表", "", ""], ["科目名称", "合计", "基本支出"],
                            ["行政运行", "120.00", "120.00"]])
    assert [(t["title"], t.get("unit"), t["columns"]) for t in map(recognise, (beside, below))] == [
        ("一般公共预算支出表", "万元", ["合计", "基本支出"]), ("一般公共预算支出表", None, ["合计", "基本支出"])]


def test_header_merged_over_two_rows_names_each_amount_column_with_both():
    grid = Grid("基本支出", [
        ["一般公共预算基本支出表"],
        ["部门：示例县示例局", "", "", "单位：元"],
        ["科目编码", "科目名称", "基本支出", ""],
        ["", "", "人员经费", "公用经费"],
        ["2010301", "行政运行", "1,200,000.00", "300,000.00"],
    ], merged=[(2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 3)])
    assert recognise(grid) == {
        "title": "一般公共预算基本支出表", "unit": "元", "columns": ["基本支出/人员经费", "基本支出/公用经费"],
        "rows": [{"code": "2010301", "name": "行政运行", "amounts": ["1,200,000.00", "300,000.00"]}]}


def test_column_numbers_row_is_not_data_and_line_numbers_are_not_amounts():
    grid = Grid("收入决算表", [
        ["收入决算表"],
        ["项    目", "行次", "本年收入合计", "财政拨款收入"],
        ["栏    次", "", "1", "2"],
        ["一、一般公共预算财政拨款收入", "1", "254.12", "254.12"],
        ["二、上年结转", "2", "0.00", ""],
    ])
    assert recognise(grid) == {
        "title": "收入决算表", "columns": ["本年收入合计", "财政拨款收入"],
        "rows": [{"name": "一、一般公共预算财政拨款收入", "amounts": ["254.12", "254.12"], "line": "1"},
                 {"name": "二、上年结转", "amounts": ["0.00", ""], "line": "2"}]}


def test_final_accounts_sheet_with_whole_codes_in_merged_cells_and_a_column_numbers_row():
    grid = Grid("支出决算表", [
        ["支出决算表", "", "", "", "", "", ""],
        ["单位：元", "", "", "", "", "", ""],
        ["项目", "", "", "", "本年支出合计", "基本支出", "项目支出"],
        ["功能分类科目编码", "", "", "科目名称", "", "", ""],
        ["类", "款", "项", "", "", "", ""],
        ["栏次", "", "", "", "1", "2", "3"],
        ["合计", "", "", "", "254,120.00", "200,000.00", "54,120.00"],
        ["2010101", "", "", "行政运行", "120,000.00", "120,000.00", "0.00"],
    ], merged=[(0, 0, 0, 6), (1, 0, 1, 6), (2, 0, 2, 3), (3, 0, 3, 2), (3, 3, 4, 3), (2, 4, 4, 4), (2, 5, 4, 5),
               (2, 6, 4, 6), (5, 0, 5, 3), (6, 0, 6, 3), (7, 0, 7, 2)])
    assert recognise(grid) == {
        "title": "支出决算表", "unit": "元", "columns": ["本年支出合计", "基本支出", "项目支出"],
        "rows": [{"name": "合计", "amounts": ["254,120.00", "200,000.00", "54,120.00"]},
                 {"code": "2010101", "name": "行政运行", "amounts": ["120,000.00", "120,000.00", "0.00"]}]}


def test_income_and_expenditure_side_by_side_are_two_sides_with_their_own_rows():
    grid = Grid("部门收支总表", [
        ["部门收支总表", "", "", ""],
        ["单位：万元", "", "", ""],
        ["收    入", "", "支    出", ""],
        ["项    目", "预算数", "项    目", "预算数"],
        ["一、一般公共预算拨款收入", "254.12", "一、一般公共服务支出", "204.65"],
        ["二、上年结转", "0", "二、社会保障和就业支出", "49.47"],
        ["", "", "三、住房保障支出", "-"],
        ["收入总计", "254.12", "支出总计", "254.12"],
    ], merged=[(0, 0, 0, 3), (1, 0, 1, 3), (2, 0, 2, 1), (2, 2, 2, 3)])
    assert recognise(grid) == {
        "title": "部门收支总表", "unit": "万元", "sides": [
            {"heading": "收入", "columns": ["预算数"], "rows": [
                {"name": "一、一般公共预算拨款收入", "amounts": ["254.12"]},
                {"name": "二、上年结转", "amounts": ["0"]},
                {"name": "收入总计", "amounts": ["254.12"]}]},
            {"heading": "支出", "columns": ["预算数"], "rows": [
                {"name": "一、一般公共服务支出", "amounts": ["204.65"]},
                {"name": "二、社会保障和就业支出", "amounts": ["49.47"]},
                {"name": "三、住房保障支出", "amounts": [""]},
                {"name": "支出总计", "amounts": ["254.12"]}]}]}


def test_a_second_text_column_without_amounts_of_its_own_does_not_split_the_table_in_two():
    grid = Grid("项目支出表", [
        ["项目名称", "科目名称", "金额"],
        ["示例调查", "一般行政管理事务", "12.50"],
    ])
    assert recognise(grid) == {"title": "项目支出表", "columns": ["科目名称", "金额"],
                               "rows": [{"name": "示例调查", "amounts": ["一般行政管理事务", "12.50"]}]}


def test_final_accounts_overview_has_line_numbers_on_each_side():
    grid = Grid("收入支出决算总表", [
        ["收入支出决算总表", "", "", "", "", ""],
        ["单位：万元", "", "", "", "", ""],
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
        ["一、一般公共预算财政拨款收入", "1", "254.12", "一、一般公共服务支出", "32", "204.65"],
        ["", "", "", "二、社会保障和就业支出", "33", "49.47"],
    ], merged=[(0, 0, 0, 5), (1, 0, 1, 5), (2, 0, 2, 2), (2, 3, 2, 5)])
    assert recognise(grid) == {"title": "收入支出决算总表", "unit": "万元", "sides": [
        {"heading": "收入", "columns": ["金额"], "rows": [
            {"name": "一、一般公共预算财政拨款收入", "amounts": ["254.12"], "line": "1"}]},
        {"heading": "支出", "columns": ["金额"], "rows": [
            {"name": "一、一般公共服务支出", "amounts": ["204.65"], "line": "32"},
            {"name": "二、社会保障和就业支出", "amounts": ["49.47"], "line": "33"}]}]}


def test_sheet_without_a_title_row_or_name_column_keeps_its_one_row_and_not_the_note_below():
    grid = Grid("三公经费支出表", [
        ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"],
        ["0.30", "0", "0.30", "0"],
        ["注：本部门无公务用车购置。", "", "", ""],
    ])
    assert recognise(grid) == {"title": "三公经费支出表",
                               "columns": ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"],
                               "rows": [{"name": "", "amounts": ["0.30", "0", "0.30", "0"]}]}


def test_a_category_row_with_blank_amounts_just_above_the_first_figures_is_a_row_not_header():
    grid = Grid("项目支出表", [
        ["项目支出表"],
        ["项目名称", "金额"],
        ["一、专项业务费", ""],
        ["示例调查", "12.50"],
    ])
    assert recognise(grid) == {"title": "项目支出表", "columns": ["金额"], "rows": [
        {"name": "一、专项业务费", "amounts": [""]}, {"name": "示例调查", "amounts": ["12.50"]}]}


def test_sheets_without_a_table_are_named_with_the_reason_and_give_nothing():
    tables, skipped = recognise_grids([
        Grid("封面", [["示例县示例局2023年部门预算"], ["二〇二三年二月"]]),
        Grid("目录", [["表1", "部门收支总表"], ["表2", "部门收入总表"]]),
    ])
    assert tables == []
    assert [(s.name, s.reason) for s in skipped] == [("封面", "没有金额行"), ("目录", "没有金额行")]


def test_tables_are_written_in_the_models_shape_and_read_back_as_written():
    tables = [
        {"title": "一般公共预算支出表", "unit": "万元", "columns": ["合计", "基本支出/人员经费"], "rows": [
            {"code": "2010301", "name": "行政运行", "amounts": ["120.00", ""]},
            {"name": "合计: 全部, [含结转]", "amounts": ["120.00", ""], "line": "1"}]},
        {"title": "部门收支总表", "sides": [
            {"heading": "收入", "columns": ["预算数"], "rows": [{"name": "一、一般公共预算拨款收入", "amounts": ["254.12"]}]},
            {"heading": "支出", "columns": ["预算数"], "rows": []}]},
    ]
    w = Writer()
    write_tables(w, tables)
    text = "\n".join(w.lines) + "\n"
    assert text == (
        "\n"
        "tables:   # 预算表（按原文）\n"
        "  - title: 一般公共预算支出表\n"
        "    unit: 万元\n"
        "    columns: [合计, 基本支出/人员经费]\n"
        "    rows:\n"
        '      - {code: "2010301", name: 行政运行, amounts: ["120.00", ""]}\n'
        '      - {name: "合计: 全部, [含结转]", amounts: ["120.00", ""], line: "1"}\n'
        "  - title: 部门收支总表\n"
        "    sides:\n"
        "      - heading: 收入\n"
        "        columns: [预算数]\n"
        "        rows:\n"
        '          - {name: 一、一般公共预算拨款收入, amounts: ["254.12"]}\n'
        "      - heading: 支出\n"
        "        columns: [预算数]\n"
        "        rows: []\n")
    source = yamlsource.read(text, "tables.yaml")
    assert not source.problems
    assert source.data == {"tables": tables}


# --- a legacy .xls workbook (tests/tools/make_xls_fixture.py made it) ------------------------

XLS = Path(__file__).parent / "fixtures" / "import" / "example-2023-tables.xls"


def test_legacy_xls_workbook_gives_each_template_sheet_as_a_table(tmp_path, capsys):
    assert XLS.read_bytes().startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # BIFF in OLE2, read by xlrd
    assert main(["--root", str(tmp_path), "import", str(XLS), "--department", "example-shili", "--year", "2023",
                 "--name", "示例县示例局"]) == 0
    path = tmp_path / "data" / "example-shili" / "2023.yaml"
    data = yamlsource.read(path.read_text(encoding="utf-8"), str(path)).data
    assert "sections" not in data  # a workbook has no outline: no empty sections: for the editor to delete
    assert data["tables"] == [
        {"title": "示例县示例局2023年部门收支总表", "unit": "万元", "sides": [
            {"heading": "收入", "columns": ["预算数"], "rows": [
                {"name": "一、一般公共预算拨款收入", "amounts": ["220.08"]},
                {"name": "二、上年结转", "amounts": ["0"]},
                {"name": "收入总计", "amounts": ["220.08"]}]},
            {"heading": "支出", "columns": ["预算数"], "rows": [
                {"name": "一、一般公共服务支出", "amounts": ["204.65"]},
                {"name": "二、社会保障和就业支出", "amounts": ["15.43"]},
                {"name": "支出总计", "amounts": ["220.08"]}]}]},
        {"title": "示例县示例局2023年一般公共预算支出表", "unit": "万元", "columns": ["合计", "基本支出", "项目支出"],
         "rows": [
             {"code": "201", "name": "一般公共服务支出", "amounts": ["204.65", "171.55", "33.10"]},
             {"code": "20103", "name": "政府办公厅（室）及相关机构事务", "amounts": ["204.65", "171.55", "33.10"]},
             {"code": "2010301", "name": "行政运行", "amounts": ["171.55", "171.55", ""]},
             {"code": "2010302", "name": "一般行政管理事务", "amounts": ["33.10", "", "33.10"]},
             {"code": "2080505", "name": "机关事业单位基本养老保险缴费支出", "amounts": ["15.43", "15.43", ""]},
             {"name": "合计", "amounts": ["220.08", "186.98", "33.10"]}]}]
    out = capsys.readouterr().out
    assert "2 张表" in out
    assert "识别的预算表：\n  示例县示例局2023年部门收支总表（单位万元，收入：1 列金额 3 行，支出：1 列金额 3 行）\n" \
        "  示例县示例局2023年一般公共预算支出表（单位万元，3 列金额 6 行）\n" in out
    assert "工作表“填报说明”不是可识别的预算表（没有金额行），未导入" in out


def test_sides_without_a_heading_over_them_are_left_for_the_editor_to_name(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "收支总表"
    for row in (["财政拨款收支总表"], ["单位：万元"], ["项目", "预算数", "项目", "预算数"],
                ["一般公共预算拨款", "10.00", "一般公共服务支出", "10.00"]):
        sheet.append(row)
    source = tmp_path / "book.xlsx"
    book.save(source)
    assert main(["--root", str(tmp_path), "import", str(source), "--department", "example-shili", "--year", "2023",
                 "--name", "示例县示例局"]) == 0
    path = tmp_path / "data" / "example-shili" / "2023.yaml"
    table = yamlsource.read(path.read_text(encoding="utf-8"), str(path)).data["tables"][0]
    assert [side["heading"] for side in table["sides"]] == ["", ""]
    assert "表“财政拨款收支总表”：并列两侧的表头没有写收入、支出等标题，请按原文填写各侧的 heading" in capsys.readouterr().out
