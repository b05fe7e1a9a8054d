"""The document's own outline, recovered from its numbering.

Chinese budget explanations number their headings 第一部分 / 一、 / （一） / 1. or 1、 /
（1） / ①, in whatever order a county chose. The level of a numbering style is the order in
which the document first uses it under the current heading: a style seen before closes
the headings below it (so 一、 after 第二部分 starts again at one), a new style opens a
level. A numbered line is a heading when it is short like a title (stating no amount) and has
something under it; otherwise it is a numbered item of its section (职责 (一)…(九), 工作任务 1.…11.).
A short line alone worded like a known section (部门职责, “三公”经费预算情况说明) is a
heading without a number, its own style. Spaces that text extraction put between Chinese
characters (部门 职责, 三 公经费) neither hide a heading nor stay in it.

Before that, what is not the document is set aside: a web page's breadcrumb, its 索引号 and
publication lines (the date is kept as published_on), font controls, a 目录 (found by its
shape: a run of headings the body then numbers again); an amount a page broke from its unit
is joined to it; and a heading run into its paragraph (“（一）因公出国（境）经费。2021年……”)
is split into the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .wrapping import unwrapped

# A space between two Chinese characters (部门 职责, 三 公经费, 项    目): an extraction or layout
# artefact wherever it is, except after a heading's number (第一部分 部门概况), which keeps it.
CJK_GAP = re.compile(r"(?<=[\u3001-\u303f\u3400-\u9fff\uff00-\uffef“”‘’])[ \u3000]+"
                     r"(?=[\u3001-\u303f\u3400-\u9fff\uff00-\uffef“”‘’])")

CN_NUM = "一二三四五六七八九十百零〇"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# (style, pattern): the marker, then the rest of the line
STYLES = (
    ("part", re.compile(rf"^第[{CN_NUM}\d]+部分[\s、：:.．]*")),
    ("cn", re.compile(rf"^[{CN_NUM}]+[、.．，,]\s*")),
    ("paren-cn", re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)][、.．]?\s*")),
    ("arabic", re.compile(r"^[0-9０-９]{1,2}(?:[、．]|\.(?![0-9]))\s*")),
    ("paren-arabic", re.compile(r"^[（(]\s*[0-9０-９]{1,2}\s*[）)][、.．]?\s*")),
    ("circled", re.compile(rf"^[{CIRCLED}][、.．]?\s*")),
)
TITLE_MAX = 40  # characters after the number in a heading
STATES_AMOUNT = re.compile(r"[0-9０-９]\s*(万元|元)")  # a numbered line stating an amount is an item, not a title
RUN_IN_MAX = 24  # a heading run into its paragraph is at most this long
# Not the document: lines a web page adds around it (breadcrumb, dates, font size, print)
WEB_CHROME = re.compile(r"^[\s•·\-|]*(?:\[\s*)?(您的位置|您当前的位置|您当前所在位置|当前所在位置|当前位置|位置[：:]|"
                        r"(?:网站)?首页\s*(?:[>＞»›]|-\s)|发布时间|发布日期|发表日期|发文日期|生成日期|成文日期|更新时间|公开时间|"
                        r"日期[：:]\s*\d|时间[：:]\s*\d|来源[：:]|信息来源|文章来源|浏览次数|阅读次数|访问次数|访问量|点击[数量率]|"
                        r"作者[：:]|【?\s*字[体号]|\[\s*字[体号]|字体大小|字体颜色|保护视力色|【\s*打印|打印本页|打印文本|"
                        r"关闭窗口|【\s*关闭|分享到|分享[：:]|扫一扫|用微信扫描|责任编辑|索\s*引\s*号|监督索引号|发布机构|发文机构|"
                        r"公开方式|公开目录|主题分类|体裁分类|组配分类|效力状态|有效性|文\s*号|发文字号|发文单位|"
                        r"无障碍|关怀版|长者|适老化|欢迎访问|欢迎来到|登录|本站已|本网站已|中央政府网|保密审查情况|"
                        r"部门主要负责人审签情况)")
KEY_ALONE = re.compile(r"^(索\s*引\s*号|发布机构|发文单位|发文字号|文\s*号|发文日期|成文日期|发布日期|效力状态|有效性|"
                       r"主题分类|体裁分类|组配分类|公开方式)[：:]?$")
DATE_ALONE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$")  # a page's date on its own line
PUBLISHED = re.compile(r"(?:发布时间|发布日期|发表日期|发文日期|生成日期|成文日期|公开时间|公开日期|日期|时间)[：:\s\]|]*"
                       r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
FONT_CONTROLS = re.compile(r"[【\[]?\s*字[体号]\s*[：:]?\s*大\s*中\s*小\s*[】\]]?")
LEADER = re.compile(r"(\s*[.．·…‥—-]{2,}\s*|\s+)\d{0,4}\s*$")


def numbering(line: str) -> tuple[str, str, str] | None:
    """(style, marker as printed, rest of the line) of a numbered line, or None."""
    for style, pattern in STYLES:
        if found := pattern.match(line):
            rest = line[found.end():]
            if style == "cn" and found.group().rstrip()[-1] in "，," and len(rest) > RUN_IN_MAX:
                return None  # “一，……” in running text is a list word, not a heading
            return style, found.group(), rest
    return None


def starts_numbered(line: str) -> bool:
    return numbering(line) is not None


def part_marker(line: str) -> str | None:
    """第一部分 (with what follows it up to the title) when the line opens with one."""
    found = STYLES[0][1].match(line)
    return found.group() if found else None


# A line without a number is a heading when it stands alone, is short, and is worded as one of
# the known sections is (部门职责, “三公”经费预算情况说明, 名词解释), a year or 部门 before it aside.
UNNUMBERED_MAX = 24
KNOWN_HEADING = re.compile("^(?:\\d{4}年度?)?(?:本?部门|单位)?(?:" + "|".join((
    r"(?:主要)?(?:职责|职能)(?:情况)?",
    r"基本(?:情况|概况)|机构设置(?:情况)?|人员(?:构成|编制)(?:情况)?|(?:人员|编制)情况",
    r"(?:预算)?单位构成(?:情况)?",
    r"(?:主要|重点)?工作(?:任务|计划|目标|要点)(?:情况)?",
    r"(?:预算)?收支(?:预算|决算)?(?:总体|安排)?情况(?:说明)?|收入(?:预算|决算)(?:情况)?(?:说明)?",
    r"收入支出决算(?:总体)?情况(?:说明)?",
    r"(?:一般公共预算)?(?:财政拨款)?支出(?:预算|决算)?(?:安排)?情况(?:说明)?",
    r"[“\"‘]?三公[”\"’]?经费(?:预算)?(?:安排)?(?:情况)?(?:说明)?",
    r"机关运行经费(?:预算)?(?:安排)?(?:情况)?(?:说明)?",
    r"政府采购(?:预算)?(?:安排)?(?:情况)?(?:说明)?",
    r"国有资产(?:占用)?(?:情况)?(?:说明)?",
    r"(?:专业)?名词(?:解释|说明)",
    r"(?:预算)?绩效(?:目标)?(?:管理)?(?:情况)?(?:说明)?|重点项目.{0,12}绩效.{0,10}",
)) + ")[：:]?$")


def unnumbered_heading(line: str) -> bool:
    text = CJK_GAP.sub("", line).strip()
    return len(text) <= UNNUMBERED_MAX and bool(KNOWN_HEADING.match(text))


def starts_heading(line: str) -> bool:
    return starts_numbered(line) or unnumbered_heading(line)


def heading_text(heading: str) -> str:
    """A heading as published, without the spaces text extraction put between its Chinese
    characters (一、部门 职责 → 一、部门职责); the space after its number stays."""
    found = numbering(heading)
    marker = found[1] if found else ""
    return marker + CJK_GAP.sub("", heading[len(marker):])


@dataclass
class Node:
    heading: str | None = None  # as published, with its number
    style: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    about: str | None = None  # the figure kind text without a heading is about (headless.py)

    @property
    def title(self) -> str:
        """The heading without its number and trailing punctuation: what the kind is read from."""
        found = numbering(self.heading or "")
        rest = found[2] if found else (self.heading or "")
        return CJK_GAP.sub("", rest).strip().rstrip("。：:.，,； ")

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Outline:
    attachment: str | None
    title: str | None
    preamble: list[str]
    sections: list[Node]
    set_aside: list[str]  # web page lines and the 目录, not part of the document
    published_on: str | None = None  # the page's publication date (2021-03-19), from its set-aside lines


def published_on(set_aside: list[str]) -> str | None:
    """The first publication date a web page prints around the document (发布日期：2021-03-19)."""
    for line, after in zip(set_aside, set_aside[1:] + [""]):
        if found := PUBLISHED.search(line) or PUBLISHED.search(line + " " + after):
            year, month, day = (int(g) for g in found.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def recover(lines: list[str], department: str | None = None) -> Outline:
    lines, set_aside = _set_aside(_joined(unwrapped(lines, starts_heading)))
    lines = [part for line in lines for part in split_run_in(line)]
    start = next((i for i, line in enumerate(lines) if starts_heading(line)), len(lines))
    attachment, title, preamble = _front(lines[:start], department)
    root = Node()
    stack: list[Node] = [root]  # open headings; stack[i].style is level i's style
    for line in lines[start:]:
        found = numbering(line)
        if found is None and unnumbered_heading(line):
            found = ("unnumbered", "", line)  # a style of its own: the level where the document first uses it
        if found is None:
            stack[-1].paragraphs.append(line)
            continue
        style = found[0]
        styles = [n.style for n in stack]
        if style in styles:
            del stack[styles.index(style):]
        node = Node(line, style)
        stack[-1].children.append(node)
        stack.append(node)
    _settle(root, root=True)
    preamble += root.paragraphs + root.items  # text before the first heading, never dropped
    return Outline(attachment, title, preamble, root.children, set_aside, published_on(set_aside))


SPLIT_AMOUNT = re.compile(r"[0-9０-９][0-9０-９,.．]*\s*$")
UNIT_START = re.compile(r"^\s*(万元|元|%|％)")


def _joined(lines: list[str]) -> list[str]:
    """A line that a page broke between an amount and its unit (基本支出 1037103.63 / 元,项目支出……)
    is joined to the next: the amount is one figure; so is a heading's number alone on its line
    (三、 / 支出决算情况说明, 第一部分 / 单位概况) to its title."""
    out: list[str] = []
    for line in lines:
        if out and SPLIT_AMOUNT.search(out[-1]) and UNIT_START.match(line):
            out[-1] = out[-1].rstrip() + line.strip()
        elif out and (found := numbering(out[-1])) and not found[2].strip() and 0 < len(line) <= TITLE_MAX \
                and not starts_numbered(line):
            out[-1] = out[-1].rstrip() + (" " if found[0] == "part" else "") + line.strip()  # 三、 / 支出决算情况说明
        else:
            out.append(line)
    return out


def _settle(node: Node, root: bool = False) -> None:
    """A numbered line with nothing under it, or too long for a title, is an item of its parent,
    unless a sibling numbered alike is a heading (an empty section then stays a section) or it is
    at the top, where every title-like numbered line is a section (other top-level lines go to
    the preamble: nothing is dropped)."""
    for child in node.children:
        _settle(child)
    headed = {c.style for c in node.children if _has_body(c) and _title_like(c.heading)}
    settled: list[Node] = []
    for child in node.children:
        if _title_like(child.heading) and (_has_body(child) or child.style in headed or root):
            child.heading = heading_text(child.heading or "")
            settled.append(child)
        elif _has_body(child):  # a long numbered paragraph with more under it: kept, in order
            node.items.append(child.heading)
            node.items.extend(child.items)
            node.paragraphs.extend(child.paragraphs)
            settled.extend(child.children)
        else:
            node.items.append(child.heading)
    node.children = settled


def _has_body(node: Node) -> bool:
    return bool(node.paragraphs or node.children or node.items)


def _title_like(heading: str | None) -> bool:
    found = numbering(heading or "")
    rest = (found[2] if found else heading or "").rstrip("。：:.； ")
    return 0 < len(rest) <= TITLE_MAX and not re.search(r"[，,；;。]", rest) and not STATES_AMOUNT.search(rest)


def split_run_in(line: str) -> list[str]:
    """“（一）因公出国（境）经费。2021年……” → the heading and its paragraph; “（一）主要职能:负责……” too.
    Only a short first phrase without a comma is a heading: “1.强化源头预防，进一步……” stays whole."""
    found = numbering(line)
    if found is None or found[0] == "part":
        return [line]
    style, marker, rest = found
    stop = re.search(r"[。：:]", rest)
    if stop is None or stop.start() == 0:
        return [line]
    head, body = rest[:stop.end()], rest[stop.end():].strip()
    if len(head) > RUN_IN_MAX or re.search(r"[，,、；;]", head) or len(body) < 4:
        return [line]
    if _open_bracket(head):
        return [line]
    return [marker + head, body]


def _open_bracket(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")") or text.count("“") > text.count("”")


def _front(lines: list[str], department: str | None) -> tuple[str | None, str | None, list[str]]:
    """附件1：, the department's name line and the title before the first heading; the rest is the preamble."""
    attachment = title = None
    preamble = []
    for line in lines:
        compact = line.replace(" ", "")
        if attachment is None and (found := re.fullmatch(r"(附件\s*[0-9０-９一二三四五六七八九十]*)[：:]?", compact)):
            attachment = found.group(1)
        elif department and compact == department.replace(" ", ""):
            continue
        elif title is None and len(line) <= 60 and re.search(r"(说明|情况|公开|报告|预算|决算)$", line) \
                and not re.search(r"[，。,]", line):
            title = line
        else:
            preamble.append(line)
    return attachment, title, preamble


def _set_aside(lines: list[str]) -> tuple[list[str], list[str]]:
    kept, aside = [], []
    value_next = False  # a page's key alone on its line (发文日期) has its value on the next
    for line in lines:
        if len(line) <= 80 and (WEB_CHROME.match(line) or FONT_CONTROLS.search(line)) \
                or value_next and len(line) <= 40 and not starts_heading(line) or DATE_ALONE.match(line):
            aside.append(line)
            value_next = bool(KEY_ALONE.match(CJK_GAP.sub("", line).strip(" []|")))
        else:
            kept.append(line)
            value_next = False
    return _without_contents(kept, aside)


CONTENTS_WORD = re.compile(r"^[（(【\[]?(目\s*录|目\s*次|录)[）)】\]]?$")
CONTENTS_SCAN = 80  # lines from the start in which a 目录 is looked for
CONTENTS_MIN = 3  # headings in a run that is a 目录 (2 under a line reading 目录)
CONTENTS_LINE = 60  # no entry of a 目录 is longer


def _without_contents(lines: list[str], aside: list[str]) -> tuple[list[str], list[str]]:
    """A 目录 is found by its shape: near the start, a run of short heading lines that the body
    then repeats (the number of its first entry comes again: 第一部分 … 第一部分), whatever its
    heading says (目录, a damaged 录, or none) and whether or not the body words its headings
    alike. Without a repeat, a line reading 目录 still starts one: its entries are the numbered
    or dotted lines that follow."""
    if found := _contents_run(lines):
        start, end = found
        return lines[:start] + lines[end:], aside + lines[start:end]
    at = next((i for i, line in enumerate(lines[:60]) if CONTENTS_WORD.match(re.sub(r"\s", "", line))), None)
    if at is None or at + 1 >= len(lines):
        return lines, aside
    end = at + 1  # no repeat: the entries are the numbered or dotted lines that follow
    while end < len(lines) and (LEADER.search(lines[end]) and re.search(r"\d\s*$", lines[end]) or starts_numbered(lines[end])) \
            and len(lines[end]) <= 60:
        end += 1
    return lines[:at] + lines[end:], aside + lines[at:end]


def _contents_run(lines: list[str]) -> tuple[int, int] | None:
    """(start, end) of a 目录 run, the line naming it included, or None."""
    for first in range(min(len(lines), CONTENTS_SCAN)):
        marker = _marker(lines[first])
        if marker is None:
            continue
        for j in range(first + 1, len(lines)):
            if len(lines[j]) > CONTENTS_LINE and not _marker(lines[j]):
                break  # a paragraph before any repeat: not a 目录
            if _marker(lines[j]) == marker or _entry(lines[j]) == _entry(lines[first]):
                run = lines[first:j]
                named = first > 0 and bool(CONTENTS_WORD.match(re.sub(r"\s", "", lines[first - 1])))
                headings = sum(1 for line in run if starts_heading(line) or LEADER.search(line) and re.search(r"\d\s*$", line))
                if headings >= (2 if named else CONTENTS_MIN) and headings * 10 >= len(run) * 7:
                    return first - named, j
                break
        return None  # only the first numbered line near the start can open a 目录
    return None


def _marker(line: str) -> str | None:
    """A numbered line's number, punctuation and spaces aside (第一部分, 一, （一）)."""
    found = numbering(line)
    return re.sub(r"[\s、，,：:.．（）()]", "", found[1]) + found[0] if found else None


def _entry(line: str) -> str:
    return re.sub(r"\s", "", LEADER.sub("", line)).replace("(", "（").replace(")", "）")
