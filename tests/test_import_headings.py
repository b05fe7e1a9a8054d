"""`openbudget import`: headings without numbers, spaces text extraction puts into headings,
and staff and vehicle numbers the model has no field for.

The documents are synthetic, for the fictional 示例县示例局, written the way real ones are:
some counties print 部门职责 or “三公”经费预算情况说明 as a heading without 一、, and text
copied or extracted from a PDF has spaces between Chinese characters (一、部门 职责, 三 公经费).
"""

from __future__ import annotations

import re

from test_cli import openbudget
from test_import import NAME, by_kind, draft, findings_only, headings, make_pdf, run_import

from openbudget.importer.outline import recover

UNNUMBERED = """示例县示例局2023年部门预算情况说明
第一部分 部门概况
部门职责
负责全县示例事务的管理。
机构设置
示例局内设办公室、业务股2个股室，行政编制5名，实有人员4人。
第二部分 2023年部门预算情况说明
收支预算总体情况
2023年收入预算总额10.0000万元，其中：一般公共预算拨款收入10.0000万元。
支出预算情况
2023年支出预算10.0000万元，其中：基本支出8.0000万元，项目支出2.0000万元。
“三公”经费预算情况说明
2023年“三公”经费预算0.5000万元，其中：因公出国（境）经费0万元，公务接待费0.5000万元，公务用车购置及运行维护费0万元。截至2022年底，本局公务用车保有量1辆。
机关运行经费
2023年机关运行经费预算3.0000万元。
名词解释
基本支出：指为保障机构正常运转而发生的支出。
"""


def test_headings_printed_without_numbers_make_the_outline_and_get_their_kinds(tmp_path):
    source = tmp_path / "示例局2023.txt"
    source.write_text(UNNUMBERED, encoding="utf-8")
    assert run_import(tmp_path, source, "--name", NAME) == 0
    data = draft(tmp_path)
    assert data["document"] == {"title": "示例县示例局2023年部门预算情况说明"}
    assert headings(data["sections"]) == [
        "第一部分 部门概况", "  部门职责", "  机构设置",
        "第二部分 2023年部门预算情况说明", "  收支预算总体情况", "  支出预算情况", "  “三公”经费预算情况说明",
        "  机关运行经费", "  名词解释"]
    kinds = by_kind(data)
    assert kinds["duties"]["paragraphs"] == ["负责全县示例事务的管理。"]
    assert kinds["budget"]["income_total"] == "10.0000"
    assert (kinds["expenditure"]["basic"], kinds["expenditure"]["project"]) == ("8.0000", "2.0000")
    assert (kinds["three_public"]["total"], kinds["three_public"]["reception"]) == ("0.5000", "0.5000")
    assert kinds["operating_costs"]["amount"] == "3.0000"
    assert kinds["glossary"] == {"kind": "glossary", "heading": "名词解释",
                                 "terms": [{"term": "基本支出", "definition": "指为保障机构正常运转而发生的支出。"}]}
    assert findings_only(tmp_path) == []


def test_a_short_line_that_is_not_worded_as_a_section_stays_text():
    outline = recover(["一、支出预算情况", "2023年支出预算10万元。", "按支出功能分类：", "项目支出",
                       "2023年我单位无预算安排的政府采购经费", "示例县示例局2023年部门预算情况说明"])
    assert [(n.heading, n.paragraphs) for n in outline.sections] == [
        ("一、支出预算情况", ["2023年支出预算10万元。", "按支出功能分类：", "项目支出", "2023年我单位无预算安排的政府采购经费",
                         "示例县示例局2023年部门预算情况说明"])]


def test_spaces_between_chinese_characters_in_a_heading_neither_hide_it_nor_stay_in_it(tmp_path):
    source = tmp_path / "pasted-from-pdf.txt"
    source.write_text("第一部分 部门概况\n一、部门 职责\n负责全县示例事务的管理。\n第二部分 预算情况\n一、收支预算 总体情况\n"
                      "2023年收入预算总额10万元。\n二、“三 公”经费预算情况\n"
                      "2023年“三公”经费预算0万元，其中：因公出国（境）经费0万元，公务接待费0万元，公务用车购置及运行维护费0万元。\n"
                      "三 公经费\n本局未安排“三公”经费。\n", encoding="utf-8")
    assert run_import(tmp_path, source, "--name", NAME) == 0
    data = draft(tmp_path)
    assert headings(data["sections"]) == [
        "第一部分 部门概况", "  一、部门职责", "第二部分 预算情况", "  一、收支预算总体情况", "  二、“三公”经费预算情况",
        "    三公经费"]
    kinds = by_kind(data)
    assert kinds["duties"]["heading"] == "一、部门职责"
    assert kinds["budget"]["income_total"] == "10"
    assert kinds["three_public"]["heading"] == "二、“三公”经费预算情况" and kinds["three_public"]["total"] == "0"


def test_pdf_headings_keep_the_space_after_the_part_number_and_lose_the_ones_extraction_added(browser, tmp_path):
    source = tmp_path / "示例局2025.pdf"
    make_pdf(browser, source, [
        "示例县示例局2025年部门预算情况说明", "第一部分 部门概况", "部门 职责", "负责全县示例事务的管理。",
        "第二部分 2025年部门预算情况", "一、收支预算 总体情况", "2025年收入预算总额为10.0000万元。",
        "二、“三 公”经费预算情况",
        "2025年“三公”经费预算0万元，其中：因公出国（境）经费0万元，公务接待费0万元，公务用车购置及运行维护费0万元。"])
    assert run_import(tmp_path, source, "--name", NAME, year="2025") == 0
    data = draft(tmp_path, year="2025")
    assert headings(data["sections"]) == [
        "第一部分 部门概况", "  部门职责", "第二部分 2025年部门预算情况", "  一、收支预算总体情况", "  二、“三公”经费预算情况"]
    kinds = by_kind(data)
    assert [kinds[k]["heading"] for k in ("duties", "budget", "three_public")] == [
        "部门职责", "一、收支预算总体情况", "二、“三公”经费预算情况"]


# --- staff and vehicle numbers -----------------------------------------------------------

def test_staff_and_vehicle_numbers_are_offered_as_counts_the_editor_confirms_by_removing_a_hash(tmp_path, capsys):
    source = tmp_path / "示例局2023.txt"
    source.write_text(UNNUMBERED, encoding="utf-8")
    assert run_import(tmp_path, source, "--name", NAME) == 0
    kinds = by_kind(draft(tmp_path))
    assert kinds["basic_info"]["paragraphs"] == ["示例局内设办公室、业务股2个股室，行政编制5名，实有人员4人。"]
    assert "counts" not in kinds["basic_info"]  # a count may be of another year: not taken until confirmed
    out = capsys.readouterr().out
    assert "  - 机构设置：人数、车辆数已作为注释写在该栏目（counts），核对是本年度的数字后去掉 #：行政编制5名、实有人员4人" in out
    assert "  - “三公”经费预算情况说明：人数、车辆数已作为注释写在该栏目（counts），核对是本年度的数字后去掉 #：公务用车保有量1辆" in out
    path = tmp_path / "data" / "example-shili" / "2023.yaml"
    confirmed = re.sub(r"^(\s*)# (counts:|  - \{name:)", r"\1\2", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(confirmed, encoding="utf-8")
    kinds = by_kind(draft(tmp_path))
    assert kinds["basic_info"]["counts"] == [{"name": "行政编制", "count": "5", "unit": "名", "of": "编制"},
                                             {"name": "实有人员", "count": "4", "unit": "人", "of": "在职"}]
    assert kinds["three_public"]["counts"] == [{"name": "公务用车保有量", "count": "1", "unit": "辆", "of": "车辆"}]
    validated = openbudget("validate", "data/example-shili/2023.yaml", cwd=tmp_path)
    assert "counts" not in validated.stdout, validated.stdout  # each count is in its text as written
