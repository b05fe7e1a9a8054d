"""`openbudget import`: published documents (text, Word, PDF, Excel) to a draft data file.

The synthetic documents are made here, in the test, for the fictional 示例县示例局; they are
written the way real ones are (two-part outlines, headings run into paragraphs, 4-decimal
万元, published percentages, web-page debris, a 目录, PDF page headers and numbers). The
real seed's published text must give back the figures of the hand-made data file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import SEED_TEXT, SEED_YAML, build_or_fail, make_project
from openbudget.document import yamlsource
from openbudget.commands.cli import main
from openbudget.sources.site import load_department_file

NAME = "示例县示例局"


def run_import(tmp_path: Path, source: Path, *args: str, department: str = "example-shili",
               year: str = "2023") -> int:
    return main(["--root", str(tmp_path), "import", str(source), "--department", department,
                 "--year", year, *args])


def draft(tmp_path: Path, department: str = "example-shili", year: str = "2023") -> dict:
    """The written YAML as the site reads it: every scalar is the exact text written."""
    path = tmp_path / "data" / department / f"{year}.yaml"
    source = yamlsource.read(path.read_text(encoding="utf-8"), str(path))
    assert not source.problems, source.problems
    return source.data


def findings_only(root: Path, department: str = "example-shili", year: str = "2023") -> list[str]:
    """The draft through the real loader and rules: it must parse and type-check; what is left is
    only findings (figures that disagree with each other), whose ids are returned."""
    _, problems = load_department_file(root / "data" / department / f"{year}.yaml", root)
    ids = [re.match(r"\[([a-z0-9-]+)\]", p.message) for p in problems]
    assert all(ids), [str(p) for p in problems]
    return sorted(found.group(1) for found in ids)


def with_hand_made_notes(root: Path) -> Path:
    """The seed draft with the hand-made file's data_notes (the editor's confirmation) appended."""
    path = root / "data" / "miyi-xinfang" / "2021.yaml"
    hand = SEED_YAML.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "\n" + hand[hand.index("\ndata_notes:") + 1:], encoding="utf-8")
    return path


def all_sections(sections: list[dict]):
    for section in sections:
        yield section
        yield from all_sections(section.get("sections", []))


def by_kind(data: dict) -> dict[str, dict]:
    return {s["kind"]: s for s in all_sections(data["sections"]) if "kind" in s}


def headings(sections: list[dict], depth: int = 0) -> list[str]:
    out = []
    for section in sections:
        out.append("  " * depth + section["heading"])
        out += headings(section.get("sections", []), depth + 1)
        out += headings(section.get("subsections", []), depth + 1)
    return out


# --- the real seed --------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory) -> tuple[dict, str, Path]:
    root = tmp_path_factory.mktemp("seed")
    assert run_import(root, SEED_TEXT, department="miyi-xinfang", year="2021") == 0
    path = root / "data" / "miyi-xinfang" / "2021.yaml"
    return draft(root, "miyi-xinfang", "2021"), path.read_text(encoding="utf-8"), root


def test_seed_import_gives_the_hand_made_files_figures(seed_draft):
    data, _, _ = seed_draft
    kinds = by_kind(data)
    assert data["department"] == "米易县信访局" and data["year"] == "2021"
    assert data["document"]["attachment"] == "附件1"
    assert data["document"]["title"] == "关于2021年部门预算编制的说明"
    budget = kinds["budget"]
    assert budget["unit"] == "万元" and budget["income_total"] == "254.12"
    assert [(line["name"], line["amount"]) for line in budget["by_economic"]] == [
        ("工资福利支出", "197.04"), ("日常公用支出", "18.25"), ("对个人和家庭的补助支出", "5.73"), ("项目支出", "33.1")]
    expenditure = kinds["expenditure"]
    assert (expenditure["basic"], expenditure["project"]) == ("221.02", "33.1")
    assert [(line["code"], line["name"], line["amount"]) for line in expenditure["by_function"]] == [
        ("201", "一般公共服务支出", "204.65"), ("208", "社会保障和就业支出", "15.43"),
        ("210", "卫生健康支出", "13.08"), ("221", "住房保障支出", "20.96")]
    assert expenditure["by_function"][3]["text"] == \
        "（四）住房保障支出20.96万元，用于机关及下属事业单位按照规定标准为职工缴纳住房公积金等支出。"
    three = kinds["three_public"]
    assert (three["total"], three["overseas"], three["reception"]) == ("0.3", "0", "0.3")
    assert three["vehicles"] == {"total": "0", "purchase": "0", "operation": "0"}
    assert kinds["operating_costs"]["amount"] == "51.35"
    assert "amount" not in kinds["procurement"]  # the text states none: nothing invented
    assets = kinds["assets"]
    assert (assets["unit"], assets["total"], assets["current"], assets["non_current"]) == \
        ("元", "158406.46", "25260.25", "133146.21")
    terms = kinds["glossary"]["terms"]
    assert len(terms) == 11
    assert terms[0] == {"term": "一般性财政拨款收入", "definition": "指财政当年通过部门预算拨付米易县人民政府办公室的财政资金。"}
    assert terms[10] == {"term": "三率", "definition": "及时受理率、按期办结率、群众满意率。"}


def test_seed_import_keeps_the_documents_outline_in_order(seed_draft):
    data, _, _ = seed_draft
    assert headings(data["sections"]) == [
        "一、主要职责", "二、基本情况", "三、2021年主要工作任务", "  （一）2021年重点工作。", "  （二）“十四五”重点工作。",
        "四、收支预算总体情况", "五、支出预算安排情况", "六、“三公”经费预算安排情况", "  （一）因公出国（境）经费。",
        "  （二）公务接待费。", "  （三）公务用车购置及运行维护费。", "七、机关运行经费安排情况说明", "八、政府采购安排情况说明",
        "九、对专业性较强的名词进行解释", "十、重点项目的绩效目标等预算绩效情况说明", "十一、国有资产占用情况说明"]
    kinds = [s.get("kind") for s in data["sections"]]
    assert kinds == ["duties", "basic_info", "work_plan", "budget", "expenditure", "three_public", "operating_costs",
                     "procurement", "glossary", "performance", "assets"]
    duties = data["sections"][0]["items"]
    assert len(duties) == 9 and duties[8] == "（九）完成县委和县政府交办的其他任务。"
    work = data["sections"][2]["subsections"]
    assert len(work[0]["items"]) == 11 and len(work[1]["items"]) == 5
    assert work[0]["items"][10] == "11.认真完成县委、县政府交办的各项工作任务。"


def test_seed_draft_quotes_the_sentence_of_every_figure(seed_draft):
    _, text, _ = seed_draft
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("income_total:"))
    assert lines[at - 1].strip().startswith("# 原文：“2021年我单位收入预算总额为254.12万元，其中：")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("non_current:"))
    assert lines[at - 1].strip() == "# 原文：“2021年米易县信访局资产总额158406.46元，其中非流动资产133146.21元，流动资产25260.25元。”"
    # the figure read from a sentence without its label is flagged for the editor
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("amount: 51.35"))
    assert "请核对" in lines[at - 1] and "机关运行经费" in lines[at - 1]


def test_seed_draft_validates_with_the_hand_made_files_two_findings(seed_draft):
    assert findings_only(seed_draft[2], "miyi-xinfang", "2021") == [
        "compared-with-2019", "operating-costs-exceed-public-expenses"]
    # and the draft says so at its end, each at the line it concerns
    tail = seed_draft[1].split("# openbudget validate 对草稿的检查（2 处")[1].splitlines()
    lines = seed_draft[1].splitlines()
    operating = next(i for i, line in enumerate(lines, 1) if line.strip() == "amount: 51.35   # 机关运行经费")
    assert any(f"2021.yaml:{operating}:" in line and "[operating-costs-exceed-public-expenses]" in line for line in tail)
    assert any("[compared-with-2019]" in line for line in tail)


@pytest.fixture(scope="module")
def confirmed_seed_draft(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("confirmed")
    assert run_import(root, SEED_TEXT, department="miyi-xinfang", year="2021") == 0
    with_hand_made_notes(root)
    return root


def test_seed_draft_once_confirmed_is_the_hand_made_file(confirmed_seed_draft):
    draft_record, problems = load_department_file(confirmed_seed_draft / "data" / "miyi-xinfang" / "2021.yaml",
                                                   confirmed_seed_draft)
    assert problems == []
    hand_record, _ = load_department_file(SEED_YAML, SEED_YAML.parents[2])
    assert draft_record.data.model_dump(mode="json") == hand_record.data.model_dump(mode="json")


def test_seed_draft_builds_a_site_with_the_same_text_as_the_hand_made_one(confirmed_seed_draft, seed_site, tmp_path):
    project = make_project(tmp_path / "project", data=confirmed_seed_draft / "data")
    built = build_or_fail(project, tmp_path / "site")
    pages = [p.relative_to(seed_site.out) for p in seed_site.html_files()]
    assert [p.relative_to(built.out) for p in built.html_files()] == pages
    for page in pages:
        url = str(page)
        assert built.page(url).get_text() == seed_site.page(url).get_text(), url


def test_seed_import_leaves_the_published_text_file_alone(seed_draft, tmp_path):
    data_dir = tmp_path / "data" / "miyi-xinfang"
    data_dir.mkdir(parents=True)
    source = data_dir / "2021.source.txt"
    shutil.copy(SEED_TEXT, source)
    assert run_import(tmp_path, source, department="miyi-xinfang", year="2021") == 0
    assert source.read_bytes() == SEED_TEXT.read_bytes()


# --- a GB18030 text copied from a web page ---------------------------------------------

WEB_TEXT = """您的位置：首页 > 政务公开 > 预算公开
示例县示例局2023年部门预算情况说明
发布时间：2023-02-10 09:30
【字体：大 中 小】
目录
第一部分 部门概况
第二部分 2023年部门预算情况说明
第三部分 名词解释
第一部分 部门概况
一、主要职能
(一)主要职能:负责全县示例事务的管理。
二、机构设置
示例局内设办公室、业务股2个股室。
第二部分 2023年部门预算情况说明
一、收支预算总体情况
2023年收入预算总额１２３．４５６７万元，比上年100万元增加23.4567万元，主要是增加了示例项目经费。其中：一般公共预算拨款收入120.0000万元，占97.20%；上年结转3.4567万元，占2.80%。
二、支出预算情况
2023年支出预算123.4567万元，其中：基本支出80.1234万元，项目支出43.3333万元。
按支出功能分类：
1、一般公共服务支出100.0000万元，占81.00%，主要用于机关运转。
2、社会保障和就业支出23.4567万元，占19.00%，主要用于养老保险缴费。
三、其他重要事项的情况说明
（一）机关运行经费
2023年机关运行经费预算12.5000万元，比上年减少1.0000万元。
（二）“三公”经费预算情况说明
2023年“三公”经费预算2.5000万元，其中：因公出国（境）经费0元，公务接待费1.0000万元，公务用车购置及运行维护费1.5000万元。
（三）政府采购情况
2023年政府采购预算30.0000万元。
（四）国有资产占用情况
资产总额2,476,260.58元，其中流动资产1,000,000.00元，非流动资产1,476,260.58元。
第三部分 名词解释
一、基本支出：指为保障机构正常运转而发生的支出。
二、“三公”经费：指因公出国（境）费、公务接待费和公务用车购置及运行维护费。
打印本页 关闭窗口
"""


@pytest.fixture
def web_draft(tmp_path) -> tuple[dict, Path]:
    source = tmp_path / "示例局2023.txt"
    source.write_bytes(WEB_TEXT.encode("gb18030"))
    assert run_import(tmp_path, source) == 0
    return draft(tmp_path), tmp_path


def test_gb18030_web_copy_lands_in_a_two_part_outline(web_draft):
    data, _ = web_draft
    assert data["department"] == NAME  # read from the title line
    assert data["document"]["title"] == "示例县示例局2023年部门预算情况说明"
    assert headings(data["sections"]) == [
        "第一部分 部门概况", "  一、主要职能", "    (一)主要职能:", "  二、机构设置",
        "第二部分 2023年部门预算情况说明", "  一、收支预算总体情况", "  二、支出预算情况", "  三、其他重要事项的情况说明",
        "    （一）机关运行经费", "    （二）“三公”经费预算情况说明", "    （三）政府采购情况", "    （四）国有资产占用情况",
        "第三部分 名词解释"]
    duties = by_kind(data)["duties"]
    assert duties["subsections"] == [{"heading": "(一)主要职能:", "paragraphs": ["负责全县示例事务的管理。"]}]
    text = "\n".join(str(v) for v in all_sections(data["sections"]))
    assert "您的位置" not in text and "发布时间" not in text and "打印本页" not in text and "目录" not in text


def test_gb18030_web_copy_draft_validates_without_problems(web_draft):
    assert findings_only(web_draft[1]) == []


def test_figures_keep_published_digits_units_shares_and_change(web_draft):
    kinds = by_kind(web_draft[0])
    budget = kinds["budget"]
    assert budget["income_total"] == "123.4567"  # full-width digits, four decimals
    assert budget["by_source"] == [
        {"name": "一般公共预算拨款收入", "amount": "120.0000", "percent": "97.20"},
        {"name": "上年结转", "amount": "3.4567", "percent": "2.80"}]
    assert budget["previous_income_total"] == "100"
    assert budget["stated_change"] == {"amount": "23.4567", "direction": "增加", "reason": "主要是增加了示例项目经费"}
    expenditure = kinds["expenditure"]
    assert (expenditure["basic"], expenditure["project"]) == ("80.1234", "43.3333")
    assert [(f["code"], f["name"], f["amount"], f["percent"]) for f in expenditure["by_function"]] == [
        ("201", "一般公共服务支出", "100.0000", "81.00"), ("208", "社会保障和就业支出", "23.4567", "19.00")]
    three = kinds["three_public"]
    assert (three["total"], three["overseas"], three["reception"], three["vehicles"]) == \
        ("2.5000", "0", "1.0000", {"total": "1.5000"})
    assert kinds["operating_costs"]["amount"] == "12.5000"
    assert (kinds["procurement"]["unit"], kinds["procurement"]["amount"]) == ("万元", "30.0000")
    assets = kinds["assets"]
    assert (assets["unit"], assets["total"], assets["current"], assets["non_current"]) == \
        ("元", "2,476,260.58", "1,000,000.00", "1,476,260.58")
    assert kinds["glossary"]["terms"] == [
        {"term": "基本支出", "definition": "指为保障机构正常运转而发生的支出。"},
        {"term": "“三公”经费", "definition": "指因公出国（境）费、公务接待费和公务用车购置及运行维护费。"}]


def test_import_tells_the_editor_what_it_could_not_place(tmp_path, capsys):
    source = tmp_path / "示例局2023.txt"
    source.write_bytes(WEB_TEXT.encode("gb18030"))
    assert run_import(tmp_path, source) == 0
    out = capsys.readouterr().out
    assert "文本文件（GB18030 编码）" in out
    assert "略去了网页导航、发布时间或目录等 8 行" in out
    assert "二、支出预算情况：金额未能归入字段（文字已保留）：“2023年支出预算123.4567万元，其中：基本支出80.1234万元，项目支出43.3333万元。”" in out
    assert "（一）机关运行经费：金额未能归入字段（文字已保留）：“2023年机关运行经费预算12.5000万元，比上年减少1.0000万元。”" in out
    assert "原文写作“0元”，按本栏目单位万元换算" in out
    text = (tmp_path / "data" / "example-shili" / "2023.yaml").read_text(encoding="utf-8")
    assert "# 请核对：以下原文金额未能归入字段（文字已保留，未丢失）：" in text


# --- Word ------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_are_read_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(NAME)
    document.add_paragraph("2024年部门预算编制说明")
    document.add_paragraph("一、收支预算总体情况")
    document.add_paragraph("2024年收入预算总额56.7800万元，其中：财政拨款收入56.7800万元。")
    document.add_paragraph("二、“三公”经费预算情况")
    document.add_paragraph("（一）因公出国（境）经费。2024年未安排因公出国（境）经费，预算0万元。")
    document.add_paragraph("（二）公务接待费。2024年公务接待费预算0.8000万元。")
    document.add_paragraph("2024年“三公”经费预算0.8000万元。")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "项目", "金额（万元）"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "公务接待费", "0.8000"
    document.add_paragraph("三、机关运行经费")
    document.add_paragraph("2024年机关运行经费预算5.0000万元。")
    source = tmp_path / "示例局.docx"
    document.save(source)
    assert run_import(tmp_path, source, year="2024") == 0
    data = draft(tmp_path, year="2024")
    assert data["department"] == NAME
    kinds = by_kind(data)
    assert kinds["budget"]["income_total"] == "56.7800"
    assert kinds["budget"]["by_source"] == [{"name": "财政拨款收入", "amount": "56.7800"}]
    three = kinds["three_public"]
    assert (three["total"], three["overseas"], three["reception"]) == ("0.8000", "0", "0.8000")
    # headings run into their paragraph are split; the table's rows stay in the text, in place
    assert three["subsections"][0] == {"heading": "（一）因公出国（境）经费。",
                                       "paragraphs": ["2024年未安排因公出国（境）经费，预算0万元。"]}
    assert three["subsections"][1]["paragraphs"] == [
        "2024年公务接待费预算0.8000万元。", "2024年“三公”经费预算0.8000万元。", "项目  金额（万元）", "公务接待费  0.8000"]
    assert kinds["operating_costs"]["amount"] == "5.0000"
    assert findings_only(tmp_path, year="2024") == []  # a section it lacks needs no acknowledgment


# --- PDF -------------------------------------------------------------------------------

PDF_BODY = [
    "一、主要职责",
    "（一）负责全县示例事务的统筹规划、政策制定和监督检查，组织实施年度示例工作计划，承担全县示例数据的收集、"
    "整理、分析和发布工作，指导各乡镇开展示例业务，协调解决示例工作中的重大问题。",
    "（二）承担县委、县政府交办的其他任务，配合有关部门做好示例领域的安全生产、应急管理、信访维稳和宣传教育工作，"
    "完成上级业务部门布置的各项专项任务。",
    "二、收支预算总体情况",
    "2025年收入预算总额为345.6789万元，较上年增加12.3456万元，主要原因是新增示例专项经费和人员经费自然增长。"
    "其中：一般公共预算拨款收入340.0000万元，占98.36%；政府性基金预算拨款收入0元；上年结转5.6789万元，占1.64%。",
    "三、支出预算安排情况",
    "基本支出300.0000万元，主要用于保障机关正常运转和在职人员工资福利，包括基本工资、津贴补贴、奖金、社会保障缴费、"
    "住房公积金以及办公费、水电费、差旅费等日常公用经费支出。项目支出45.6789万元，主要用于示例专项工作。",
    "四、“三公”经费预算安排情况",
    "2025年“三公”经费预算1.2000万元，其中：因公出国（境）经费0万元，公务接待费1.2000万元，"
    "公务用车购置及运行维护费0万元。",
    "五、机关运行经费安排情况",
    "2025年机关运行经费预算20.0000万元，主要用于办公费、印刷费、水电费、邮电费、差旅费、会议费、培训费、"
    "公务接待费和其他商品和服务支出等日常运转开支。",
]


def make_pdf(browser, path: Path, paragraphs: list[str]) -> None:
    """A PDF printed by Chromium with a running header and 第 N 页 共 M 页 footers."""
    html = "<html><body style='font-size:18px;line-height:1.6'>" + "".join(
        f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    page = browser.new_page()
    page.set_content(html)
    page.pdf(path=str(path), format="A5", display_header_footer=True,
             header_template="<div style='font-size:9px;width:100%;text-align:center'>示例县示例局2025年部门预算</div>",
             footer_template="<div style='font-size:9px;width:100%;text-align:center'>"
                             "第 <span class='pageNumber'></span> 页 共 <span class='totalPages'></span> 页</div>",
             margin={"top": "50px", "bottom": "50px", "left": "40px", "right": "40px"})
    page.close()


def test_pdf_without_page_headers_numbers_or_broken_lines(browser, tmp_path, capsys):
    source = tmp_path / "示例局2025.pdf"
    make_pdf(browser, source, ["示例县示例局2025年部门预算情况说明", *PDF_BODY])
    assert run_import(tmp_path, source, "--name", NAME, year="2025") == 0
    data = draft(tmp_path, year="2025")
    assert data["document"] == {"title": "示例县示例局2025年部门预算情况说明"}
    assert headings(data["sections"]) == ["一、主要职责", "二、收支预算总体情况", "三、支出预算安排情况",
                                          "四、“三公”经费预算安排情况", "五、机关运行经费安排情况"]
    assert data["sections"][0]["items"] == PDF_BODY[1:3]  # lines of each paragraph joined again, across pages
    kinds = by_kind(data)
    budget = kinds["budget"]
    assert budget["income_total"] == "345.6789"
    assert budget["stated_change"] == {"amount": "12.3456", "direction": "增加",
                                       "reason": "主要原因是新增示例专项经费和人员经费自然增长"}
    assert budget["by_source"] == [
        {"name": "一般公共预算拨款收入", "amount": "340.0000", "percent": "98.36"},
        {"name": "政府性基金预算拨款收入", "amount": "0", "unit": "元"},
        {"name": "上年结转", "amount": "5.6789", "percent": "1.64"}]
    assert (kinds["expenditure"]["basic"], kinds["expenditure"]["project"]) == ("300.0000", "45.6789")
    assert kinds["operating_costs"]["amount"] == "20.0000"
    written = (tmp_path / "data" / "example-shili" / "2025.source.txt").read_text(encoding="utf-8")
    assert "示例县示例局2025年部门预算" not in written.splitlines() and "页 共" not in written
    assert "页眉、页脚和页码" in capsys.readouterr().out
    assert findings_only(tmp_path, year="2025") == []


# --- Excel -----------------------------------------------------------------------------

def template_workbook(path: Path) -> None:
    """一般公共预算支出表 as the templates lay it out: merged title and header cells, 类/款/项 codes."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表3"
    sheet["A1"] = "一般公共预算支出表"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "单位：万元"
    sheet.merge_cells("A2:F2")
    sheet["A3"] = "科目编码"
    sheet.merge_cells("A3:C3")
    for cell, text in (("D3", "科目名称"), ("E3", "基本支出"), ("F3", "项目支出")):
        sheet[cell] = text
        sheet.merge_cells(f"{cell}:{cell[0]}4")
    sheet["A4"], sheet["B4"], sheet["C4"] = "类", "款", "项"
    for row in (["201", "03", "01", "行政运行", 100, 0], ["208", "05", "05", "机关事业单位基本养老保险缴费支出", 15.43, 2.5]):
        sheet.append(row)
    for line in sheet["E5:F6"]:
        for cell in line:
            cell.number_format = "0.00"
    book.create_sheet("说明")["A1"] = "本表无数据"
    book.save(path)


def test_xlsx_template_table_keeps_title_unit_merged_headers_and_codes(tmp_path):
    source = tmp_path / "示例局2023预算表.xlsx"
    template_workbook(source)
    assert run_import(tmp_path, source, "--name", NAME) == 0
    tables = draft(tmp_path)["tables"]
    assert tables == [{
        "title": "一般公共预算支出表", "unit": "万元", "columns": ["基本支出", "项目支出"],
        "rows": [{"code": "2010301", "name": "行政运行", "amounts": ["100.00", "0.00"]},
                 {"code": "2080505", "name": "机关事业单位基本养老保险缴费支出", "amounts": ["15.43", "2.50"]}]}]


def test_workbook_without_a_recognisable_table_writes_nothing(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "会议记录"
    source = tmp_path / "notes.xlsx"
    book.save(source)
    assert run_import(tmp_path, source, "--name", NAME) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：notes.xlsx 中没有可识别的预算表（工作表“Sheet”：没有金额行）"), err
    assert not (tmp_path / "data").exists()


# --- what cannot be imported ------------------------------------------------------------

def encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    writer.write(path)


def scanned_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)  # an image-only page has no text layer, like this one
    writer.write(path)


def password_protected_xlsx(path: Path) -> None:
    """What Excel writes for a .xlsx with a password: an OLE2 container whose directory names the
    EncryptedPackage stream (UTF-16), not a zip."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 +
                     "EncryptedPackage".encode("utf-16-le") + b"\x00" * 400)


@pytest.mark.parametrize(("name", "make", "message"), [
    ("empty.txt", lambda p: p.write_bytes(b""), "是空文件"),
    ("binary.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "不是文本文件"),
    ("bad.txt", lambda p: p.write_bytes("收入预算".encode("gb18030") + b"\x80\x80"), "编码无法识别"),
    ("scan.pdf", scanned_pdf, "没有文字层"),
    ("locked.pdf", encrypted_pdf, "已加密"),
    ("fake.docx", lambda p: p.write_text("不是 Word 文件", encoding="utf-8"), "不是 Word（.docx）文件"),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100), "另存为 .docx"),
    ("fake.xlsx", lambda p: p.write_text("a,b", encoding="utf-8"), "不是 Excel/WPS 表格文件"),
    ("plain.txt", lambda p: p.write_text("这是一段没有任何编号标题的文字。", encoding="utf-8"), "没有找到带编号的标题"),
    ("blank.txt", lambda p: p.write_text(" \n\n\u3000\n", encoding="utf-8"), "blank.txt 中没有文字内容"),
    ("empty.pdf", lambda p: p.write_bytes(b""), "是空文件"),
    ("empty.xlsx", lambda p: p.write_bytes(b""), "是空文件"),
    ("random.pdf", lambda p: p.write_bytes(bytes(range(256)) * 8), "不是真正的PDF文件"),
    ("random.xls", lambda p: p.write_bytes(bytes(range(256)) * 8), "不是 Excel/WPS 表格文件"),
    ("photo.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "不能导入 .png 文件"),
    ("locked.xlsx", password_protected_xlsx, "已加密"),
])
def test_unreadable_input_is_a_chinese_message_and_writes_nothing(tmp_path, capsys, name, make, message):
    source = tmp_path / name
    make(source)
    assert run_import(tmp_path, source, "--name", NAME) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "data").exists()


def test_a_pdf_of_pictures_without_text_is_a_chinese_message_and_writes_nothing(browser, tmp_path, capsys):
    source = tmp_path / "scan.pdf"
    page = browser.new_page()
    page.set_content("<div style='width:400px;height:600px;background:linear-gradient(#eee,#555)'></div>"
                     "<div style='width:400px;height:600px;background:radial-gradient(#fff,#000)'></div>")
    page.pdf(path=str(source), format="A5")
    page.close()
    assert run_import(tmp_path, source, "--name", NAME) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：scan.pdf 没有文字层（是扫描件或图片）") and "Traceback" not in err
    assert not (tmp_path / "data").exists()


def test_an_existing_draft_is_not_overwritten_without_force(tmp_path, capsys):
    source = tmp_path / "示例局2023.txt"
    source.write_bytes(WEB_TEXT.encode("gb18030"))
    target = tmp_path / "data" / "example-shili" / "2023.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("编辑改过的文件\n", encoding="utf-8")
    assert run_import(tmp_path, source) == 1
    assert "已存在，不会覆盖" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "编辑改过的文件\n"
    assert run_import(tmp_path, source, "--force") == 0
    assert "department: 示例县示例局" in target.read_text(encoding="utf-8")


def test_utf8_with_bom_is_read_without_the_mark(tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes(b"\xef\xbb\xbf" + "一、收支预算总体情况\n2023年收入预算总额10万元。\n".encode("utf-8"))
    assert run_import(tmp_path, source, "--name", NAME) == 0
    assert draft(tmp_path)["sections"][0]["heading"] == "一、收支预算总体情况"


def test_a_section_without_its_required_figure_stays_text_and_is_flagged(tmp_path, capsys):
    source = tmp_path / "nothing.txt"
    source.write_text("一、收支预算总体情况\n2023年收入预算总额10万元。\n二、“三公”经费预算情况\n2023年未安排“三公”经费。\n",
                      encoding="utf-8")
    assert run_import(tmp_path, source, "--name", NAME) == 0
    data = draft(tmp_path)
    assert "kind" not in data["sections"][1]  # no total: not a 三公 section the model could load
    assert data["sections"][1]["paragraphs"] == ["2023年未安排“三公”经费。"]
    assert "二、“三公”经费预算情况：没有找到“三公”经费合计，暂作文字栏目，请按原文补上" in capsys.readouterr().out
    text = (tmp_path / "data" / "example-shili" / "2023.yaml").read_text(encoding="utf-8")
    assert "# 请核对：本节像是““三公”经费”，但没有找到“三公”经费合计，暂作普通文字栏目；按原文补上后加上 kind: three_public" in text


def test_every_numbering_style_nests_in_the_order_the_document_uses_it():
    from openbudget.importer.outline import recover

    lines = ["一、绩效目标", "（一）项目概况", "1.项目名称", "示例项目。", "（1）实施内容", "开展示例工作。",
             "①第一阶段", "完成调研。", "②第二阶段", "完成验收。", "2.项目资金", "资金10万元。", "二、其他"]
    outline = recover(lines)

    def tree(nodes):
        return [(n.heading, n.paragraphs, tree(n.children)) for n in nodes]

    assert tree(outline.sections) == [
        ("一、绩效目标", [], [("（一）项目概况", [], [
            ("1.项目名称", ["示例项目。"], [("（1）实施内容", ["开展示例工作。"], [
                ("①第一阶段", ["完成调研。"], []), ("②第二阶段", ["完成验收。"], [])])]),
            ("2.项目资金", ["资金10万元。"], [])])]),
        ("二、其他", [], [])]


def test_a_list_the_section_has_no_field_for_is_reported_not_dropped(tmp_path, capsys):
    source = tmp_path / "list.txt"
    source.write_text("一、收支预算总体情况\n2023年收入预算总额10万元。\n二、支出预算情况\n"
                      "基本支出8万元，其中：工资福利支出6万元，商品和服务支出2万元。\n", encoding="utf-8")
    assert run_import(tmp_path, source, "--name", NAME) == 0
    expenditure = by_kind(draft(tmp_path))["expenditure"]
    assert expenditure["basic"] == "8" and "by_economic" not in expenditure and "by_function" not in expenditure
    assert "二、支出预算情况：金额未能归入字段（文字已保留）：“基本支出8万元，其中：工资福利支出6万元，商品和服务支出2万元。”" \
        in capsys.readouterr().out


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (100.0, "0.00", "100.00"), (33.1, "#,##0.00", "33.10"), (15.43, "General", "15.43"), (3, "General", "3"),
    (12.3456, "0.00", "12.3456"),  # a digit stored is never rounded away
    (0.1 + 0.2, "General", "0.3"),  # a formula's binary sum, as Excel shows it
    (2476260.58, "#,##0.00", "2476260.58"), (" 201 ", None, "201"), (None, None, ""),
])
def test_workbook_cells_read_as_the_sheet_shows_them(value, number_format, shown):
    from openbudget.importer.readers import cell_text

    assert cell_text(value, number_format) == shown


def test_a_documents_own_discrepancies_are_reported_as_findings_on_the_draft(tmp_path, capsys):
    published = WEB_TEXT.replace("2023年“三公”经费预算2.5000万元", "2023年“三公”经费预算2.6000万元").replace(
        "占97.20%", "占96.20%")
    source = tmp_path / "示例局2023.txt"
    source.write_bytes(published.encode("gb18030"))
    assert run_import(tmp_path, source) == 0
    assert findings_only(tmp_path) == ["budget-by-source-0-percent-differs-from-amounts", "three-public-total-differs-from-parts"]
    out = capsys.readouterr().out
    assert "[three-public-total-differs-from-parts]" in out and "[budget-by-source-0-percent-differs-from-amounts]" in out


def test_a_spending_section_without_any_amount_stays_text_so_the_draft_loads(tmp_path, capsys):
    source = tmp_path / "words.txt"
    source.write_text("示例县示例局2023年部门预算情况说明\n一、收支预算总体情况\n2023年收入预算总额10万元。\n"
                      "二、支出预算情况\n支出主要用于保障机构运转。\n",
                      encoding="utf-8")
    assert run_import(tmp_path, source, "--name", NAME) == 0
    assert "kind" not in draft(tmp_path)["sections"][1]
    assert "二、支出预算情况：没有找到金额单位，暂作文字栏目" in capsys.readouterr().out
    assert findings_only(tmp_path) == []  # the sections it lacks need no acknowledgment


def test_a_contents_page_with_leader_dots_and_page_numbers_is_set_aside():
    from openbudget.importer.outline import recover

    lines = ["目  录", "一、主要职责……………………1", "二、收支预算总体情况.........3", "一、主要职责", "负责示例工作。",
             "二、收支预算总体情况", "2023年收入预算总额10万元。"]
    outline = recover(lines)
    assert [(n.heading, n.paragraphs) for n in outline.sections] == [
        ("一、主要职责", ["负责示例工作。"]), ("二、收支预算总体情况", ["2023年收入预算总额10万元。"])]
    assert outline.set_aside == lines[:3]
