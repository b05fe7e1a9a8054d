"""`openbudget import`: read the document, write the draft and its text, tell the editor what to check.

Nothing is written unless everything was read: a file that cannot be read is one Chinese
message and exit status 1. The draft then goes through the same loading and rules as
`openbudget validate`, and what they report is printed with the import's own notes.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

from ..document.statements import standard_of
from ..sources import repofiles
from ..sources.site import load_department_file
from ..vocabulary import phases
from ..vocabulary.characters import file_name_problem
from ..vocabulary.figures import kinds_in
from ..vocabulary.sections import EXPECTED
from . import figures, outline, readers, targettables, writer
from .figures import Figure
from .headless import excerpt_head, head_as_section, section_of_headless
from .tables import from_text, recognise_grids

FORMAT_NAMES = {readers.TEXT: "文本文件", readers.WORD: "Word 文件", readers.PDF: "PDF 文件",
                readers.WORKBOOK: "Excel/WPS 表格"}
PHASE_WORD = re.compile(r"预算|决算")
HEADLESS = "（原文没有标题的正文）"
ORGAN = re.compile(r"^[^，。,：:\d]{2,30}(局|委员会|委|办公室|办|院|政府|中心|所|站|队|部|厅|会|馆|校|处|科)$")


def import_document(root: Path, path: Path, department: str, name: str | None, year: int,
                    kind: str, force: bool) -> int:
    folder = root / "data" / department
    kind_of = phases.BY_WORD[kind]  # 2022.yaml for a 预算, 2022-final.yaml for a 决算
    target, source = folder / kind_of.file(year), folder / kind_of.source(year)
    if problem := file_name_problem(path.name):
        return _fail(problem)
    try:  # before any work: a link in data/ is never written through (repofiles)
        for written in (target, source):
            repofiles.check(written, root)
    except repofiles.Refused as refused:
        return _fail(f"{refused}。未生成文件")
    same_source = source.exists() and path.resolve() == source.resolve()
    for existing in (target,) + (() if same_source else (source,)):
        if repofiles.exists(existing) and not force:
            return _fail(f"{existing.relative_to(root)} 已存在，不会覆盖；确需重新导入时加上 --force")
    try:
        extracted = readers.read(path)
    except readers.Unreadable as error:
        return _fail(str(error))
    pasted = targettables.from_lines(extracted.lines) if extracted.format in (readers.TEXT, readers.PDF) else []
    performance, extracted.grids = targettables.split(extracted.grids + pasted)
    lines, text_grids = from_text(extracted.lines)
    doc = outline.recover(lines, name)
    name = name or _department_name(lines, doc)
    if not name:
        return _fail("原文开头没有找到部门名称，请用 --name 写明，如 --name 某某县某某局")
    doc = section_of_headless(outline.recover(lines, name))
    head = excerpt_head(doc)
    sections = figures.recognise(doc.sections, head)
    if head is not None and head.about and not sections[id(head)].fed \
            and not any(s.kind == head.about for s in sections.values()):
        doc, head = head_as_section(doc, head), None
        sections = figures.recognise(doc.sections)
    tables, skipped = _tables(extracted)
    tables += recognise_grids(text_grids)[0]
    if extracted.format == readers.WORKBOOK and not tables and not performance:
        why = "；".join(f"工作表“{sheet.name}”：{sheet.reason}" for sheet in skipped)
        return _fail(f"{path.name} 中没有可识别的预算表（{why}）；预算表应有标题、“单位：万元”或“单位：元”、"
                     "表头和金额行。未生成文件")
    if not doc.sections and not tables and not performance and not any(figures.mentions(line) for line in lines) \
            and not any(PHASE_WORD.search(line) for line in lines):  # a 目录 alone is still the document's
        return _fail(f"{path.name} 中没有找到带编号的标题（一、（一）、1. 等）和可识别的预算表，"
                     f"不像部门{kind}说明，未生成文件")
    recognised, checks = _report(doc, sections, extracted, kind, tables, head)
    if not doc.sections and not tables and not performance:
        checks.insert(0, "原文没有找到带编号的标题（一、（一）、1. 等）：全文暂作导语，请按原文分出栏目、写上 kind 和金额")
    checks += [f"工作表“{sheet.name}”不是可识别的预算表（{sheet.reason}），未导入" for sheet in skipped]
    checks += [f"表“{table['title']}”：并列两侧的表头没有写收入、支出等标题，请按原文填写各侧的 heading"
               for table in tables if any(not side["heading"] for side in table.get("sides", []))]
    header = [f"{name} {year} 年部门{kind}说明：由 openbudget import 从 {path.name} 生成的草稿。",
              f"原文文字：同目录下的 {source.name}。请逐项对照原文核对后再发布。",
              "每个金额上方的“原文：”是它所在的句子；“请核对：”是导入时拿不准的地方。"]
    if checks:
        header += ["", "导入时发现需要核对的地方："] + [f"- {c}" for c in checks]
    text = writer.render(department=name, year=year, outline=doc, sections=sections, header=header,
                         tables=tables, phase=kind, performance=performance)
    repofiles.write_text(target, root, text)
    if not same_source:
        repofiles.write_text(source, root, _source_text(extracted))
    shown = target.relative_to(root)
    print(f"已生成 {shown}（草稿）" + ("" if same_source else f"和原文文字 {source.relative_to(root)}") + "。")
    print(f"读取：{FORMAT_NAMES[extracted.format]}" + (f"（{extracted.encoding} 编码）" if extracted.encoding else "")
          + f"，{len(extracted.lines)} 段文字" + (f"，{len(tables)} 张表" if tables else "") + "。")
    if recognised:
        print("识别的栏目（按原文顺序）：")
        for line in recognised:
            print(f"  {line}")
    if tables:
        print("识别的预算表：")
        for table in tables:
            print(f"  {_table_summary(table)}")
    if checks:
        print("请核对：")
        for line in checks:
            print(f"  - {line}")
    _validate(target, root)
    print(f"核对并修改 {shown} 后，运行 openbudget validate {shown} 检查，再用 make serve 预览。")
    return 0


def _table_summary(table: dict) -> str:
    parts = table.get("sides", [table])
    shape = "，".join((f"{part['heading']}：" if "heading" in part else "")
                     + f"{len(part['columns'])} 列金额 {len(part['rows'])} 行" for part in parts)
    return f"{table['title']}（" + (f"单位{table['unit']}，" if table.get("unit") else "未写单位，") + shape + "）"


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 1


def _department_name(lines: list[str], doc: outline.Outline) -> str | None:
    """The department from the lines before the first heading: a line naming an office, or the title's start."""
    if doc.title and (found := re.match(r"^(.{2,30}?)(关于)?\d{4}年", doc.title)) and ORGAN.match(found.group(1)):
        return found.group(1)  # the title names the department (a line above it may be the site's name)
    for line in list(itertools.takewhile(lambda line: not outline.starts_heading(line), lines))[:8]:
        if ORGAN.match(line.replace(" ", "")):
            return line.replace(" ", "")
    return None


def _tables(extracted: readers.Extracted) -> tuple[list[dict], list]:
    if extracted.format != readers.WORKBOOK:  # a Word table stays in the text, where it was printed
        return [], []
    return recognise_grids(extracted.grids)


def _report(doc: outline.Outline, sections: dict[int, figures.Section],
            extracted: readers.Extracted, phase: str, tables: list[dict],
            head: outline.Node | None = None) -> tuple[list[str], list[str]]:
    recognised, checks = [], []
    if extracted.removed_characters:
        checks.append(f"删去了 {extracted.removed_characters} 个不可见字符（制表符、零宽空格等）")
    if extracted.page_furniture:
        checks.append(f"略去了 PDF 的页眉、页脚和页码 {len(extracted.page_furniture)} 行")
    if doc.set_aside:
        checks.append(f"略去了网页导航、发布时间或目录等 {len(doc.set_aside)} 行：“{doc.set_aside[0]}”……")
    if head is not None and sections[id(head)].fed:  # an excerpt's opening text, read by the section of its kind
        read = "".join(head.paragraphs)
        checks += [f"导语：金额未能归入字段（文字已保留）：“{m.sentence}”（摘录从句子中间开始，不知是哪一项金额）"
                   for m in _first_per_sentence(figures.mentions(text) for text in doc.preamble) if m.sentence not in read]
        checks += [f"导语：金额未能归入字段（文字已保留）：“{sentence}”（{why}）" for sentence, why in sections[id(head)].unplaced]
    else:
        checks += [f"导语：金额未能归入字段（文字已保留）：“{m.sentence}”（导语不是栏目，没有金额字段）"
                   for m in _first_per_sentence(figures.mentions(text) for text in doc.preamble)]
    # a section whose figures a standard table states is there (issue 30: present by its figures)
    kinds = {kind for table in tables if (standard := standard_of(table["title"])) for kind in kinds_in(standard.key)}
    for top in doc.sections:
        for node in top.walk():
            found = sections[id(node)]
            where = _published(node.heading) if node.heading else HEADLESS
            if not found.kind:
                checks += [f"{where}：金额未能归入字段（文字已保留）：“{sentence}”（{why}）" for sentence, why in found.unplaced]
                continue
            kinds.add(found.kind)
            summary = _figures_summary(found)
            recognised.append(f"{where} → {writer.kind_title(found.kind)}" + (f"：{summary}" if summary else ""))
            recognised += [f"    {title} {value.text}{value.unit or found.unit or ''} ← “{value.sentence}”"
                           for title, value in _placed(found.kind, found.fields)]
            if found.missing:
                checks.append(f"{where}：没有找到{'、'.join(writer.field_title(found.kind, k) for k in found.missing_figures)}，"
                              "暂作文字栏目，请按原文补上")
            elif found.kind in figures.FIGURE_KINDS and not found.fields and found.kind != "procurement":
                checks.append(f"{where}：没有识别出任何金额")
            for sentence, why in found.unplaced:
                checks.append(f"{where}：金额未能归入字段（文字已保留）：“{sentence}”（{why}）")
            for note in _notes(found.fields):
                checks.append(f"{where}：{note}")
    checks += _counts(doc)
    checks += _bare_wan(doc)
    for kind in EXPECTED:
        if kind not in kinds:
            checks.append(f"原文中没有找到“{_in_words(writer.kind_title(kind), phase)}”栏目（每份部门{phase}都应公开）：若原文有，"
                          "请给该栏目写上 kind 和金额")
    return [_in_words(line, phase) for line in recognised], [_in_words(line, phase) for line in checks]


# what the report quotes of the document: a sentence (“…”), a heading or a line's name (marked by _published)
QUOTED = re.compile(r"(“[^”]*”|\x02[^\x03]*\x03)")


def _published(text: str) -> str:
    """A heading or name as the document prints it: _in_words leaves it as it is."""
    return f"\x02{text}\x03"


def _in_words(line: str, phase: str) -> str:
    """A report line in the document's words: the site's titles say 预算 (收入预算总额), a 决算's
    report says 决算 (收入决算总额); what it quotes of the document is never changed."""
    return "".join(part.strip("\x02\x03") if QUOTED.fullmatch(part) or phase == phases.BUDGET
                   else part.replace("预算", phase) for part in QUOTED.split(line))


def _first_per_sentence(groups) -> list[figures.Mention]:
    seen, out = set(), []
    for group in groups:
        for m in group:
            if m.sentence not in seen:
                seen.add(m.sentence)
                out.append(m)
    return out


def _placed(kind: str, fields: dict, within: str = "") -> list[tuple[str, Figure]]:
    """(field title, figure) of every figure placed in a section's fields, lines included."""
    out = []
    for key, value in fields.items():
        title = within + writer.field_title("vehicles" if within else kind, key)
        if isinstance(value, Figure):
            out.append((title, value))
        elif isinstance(value, list):
            out += [(f"{title}·{_published(line.get('name', ''))}", line["amount"]) for line in value
                    if isinstance(line, dict) and isinstance(line.get("amount"), Figure)]
        elif isinstance(value, dict) and key == "vehicles":
            out += _placed(kind, value, within=f"{title}·")
        elif isinstance(value, dict) and isinstance(value.get("amount"), Figure):
            out.append((title, value["amount"]))
    return out


def _counts(doc: outline.Outline) -> list[str]:
    """Staff (编制5名, 实有人员4人) and vehicle (公务用车保有量1辆) counts: written as the section's
    `counts:`, for the editor to check (the preamble has no section: said, left in the text)."""
    out = [f"导语：人数、车辆数未放入字段（导语不是栏目）：“{name}{count}{word}”（文字已保留）"
           for name, count, word, _ in writer.counts_in(doc.preamble)]
    return out + [f"{_published(node.heading) if node.heading else HEADLESS}：人数、车辆数已作为注释写在该栏目（counts），核对是本年度的数字后去掉 #："
                  + "、".join(f"{_published(name)}{count}{word}" for name, count, word, _ in found)
                  for top in doc.sections for node in top.walk()
                  if (found := writer.counts_in(node.paragraphs + node.items))]


BARE_WAN = re.compile(r"[0-9０-９][0-9０-９,.．]*\s*万(?![元人户亩平米])")


def _bare_wan(doc: outline.Outline) -> list[str]:
    """An amount printed with 万 alone (经营收入 0.00 万,): not read as 万元 (nothing is guessed), but said."""
    texts = [("导语", text) for text in doc.preamble]
    texts += [(_published(node.heading) if node.heading else HEADLESS, text) for top in doc.sections for node in top.walk()
              for text in [*node.paragraphs, *node.items]]
    return [f"{where}：金额未能归入字段（文字已保留）：“{sentence.strip()}”（单位只写作“万”，没有读入，请核对是否为万元）"
            for where, text in texts for sentence in figures.SENTENCE.findall(text) if BARE_WAN.search(sentence)]


def _figures_summary(found: figures.Section) -> str:
    parts = []
    for key, value in found.fields.items():
        if isinstance(value, Figure):
            parts.append(f"{writer.field_title(found.kind, key)} {value.text}{found.unit or ''}")
        elif isinstance(value, list):
            parts.append(f"{writer.field_title(found.kind, key)} {len(value)} 项")
        elif key == "vehicles":
            parts += [f"{writer.field_title('vehicles', k)} {v.text}{found.unit or ''}" for k, v in value.items()]
    if found.terms:
        parts.append(f"名词 {len(found.terms)} 条")
    return "；".join(parts)


def _notes(fields: dict) -> list[str]:
    notes = []
    for value in fields.values():
        if isinstance(value, Figure) and value.note:
            notes.append(value.note)
        elif isinstance(value, dict):
            notes += _notes(value)
            if "_year" in value:
                notes.append(f"原文与 {value['_year']} 年比较")
    return notes


def _source_text(extracted: readers.Extracted) -> str:
    lines = list(extracted.lines)
    for grid in extracted.grids if extracted.format == readers.WORKBOOK else []:
        lines.append(grid.name)
        lines += ["  ".join(cell for cell in row if cell) for row in grid.rows if any(row)]
    return "\n\n".join(lines) + "\n"


def _validate(target: Path, root: Path) -> None:
    """The draft through the loader and rules, as `openbudget validate` would report it; the
    result is printed and kept as comments at the end of the draft (the lines above keep their
    numbers, so each problem's line is still right)."""
    record, problems = load_department_file(target, root)
    if not problems:
        print("openbudget validate：草稿没有发现错误。")
        return
    title = f"openbudget validate 对草稿的检查（{len(problems)} 处，核对原文后改正；原文本身如此的写入 data_notes）："
    print(title)
    for problem in sorted(problems):
        print(f"  {problem}")
    notes = ["", f"# {title}"] + [f"# - {_one_line(str(p))}" for p in sorted(problems)]
    repofiles.write_text(target, root, repofiles.read_text(target, root) + "\n".join(notes) + "\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())
