"""What each section is (its kind) and the figures its text states, each with its sentence.

A section's kind comes from its heading (收支预算, 支出预算, 三公, 机关运行经费, 政府采购,
国有资产, 名词解释, 绩效, 职责, 基本情况, 单位构成, 工作任务); each kind is given once, to
the first section that has it, except that a heading grouping sections of other kinds (部门
基本概况 over 主要职能 and 机构设置) leaves its kind to the section below that also has it.

Amounts are found the way the site checks them (textfigures.py: the same amount pattern,
labels and gap rules), so what the importer reads is what `validate` will compare. Every
figure keeps the amount's text as printed (digits made half-width, nothing else changed)
and the sentence it came from. Nothing is invented: a figure the text does not state is
left out. Amounts the importer saw but could not place are listed for the editor, each with
why (in every section, figure fields or not): an amount without a label, a label already
taken. The labels are the registry's (vocabulary/figures.py: `said`, and `found_as` for import only). A second section worded like a kind already given (二、收入决算情况说明
after 一、收入支出决算总体情况说明) has its figures read into the first one's fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..checks.textfigures import AMOUNT, FULL_WIDTH, LABELS, MAX_GAP, NOT_THE_FIGURE
from ..document import model
from ..vocabulary import classification
from ..vocabulary.figures import figures as registry
from ..vocabulary.money import in_unit, in_yuan
from .outline import Node, numbering

# (kind, heading pattern), in the order they are tried on one heading
KINDS: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p)) for k, p in (
    ("glossary", r"名词.{0,8}解释|术语|名词说明"),
    ("three_public", r"三公"),
    ("operating_costs", r"机关运行"),
    ("procurement", r"政府采购"),
    ("assets", r"国有资产|资产占用"),
    ("performance", r"绩效"),
    ("budget", r"收支|收入预算|收入情况|预算总体情况|收入决算|收入支出决算|决算总体情况"),
    ("expenditure", r"支出"),
    ("units", r"单位构成|预算单位"),
    ("duties", r"职责|职能"),
    ("basic_info", r"基本情况|基本概况|机构设置|人员构成|人员情况|编制"),
    ("work_plan", r"工作任务|工作计划|工作目标|重点工作|工作要点"),
))
FIGURE_KINDS = ("budget", "expenditure", "three_public", "operating_costs", "procurement", "assets")
# The figures a kind cannot be without (the model's required amount fields): without them the
# section is kept as text, so that the draft still loads
REQUIRED = {kind: tuple(name for name, f in model.KIND_MODELS[kind].model_fields.items()
                        if f.is_required() and name not in ("kind", "heading"))
            for kind in FIGURE_KINDS}
# Labels the documents use beside the site's (textfigures.LABELS): only for finding, never for
# checking (the registry's found_as, data/figures.yaml). 本年收入（合计） is not the total: it
# leaves out 上年结转, and has a field of its own.
MORE_LABELS = {f.section: f.found_as for f in registry().values() if f.found_as}
# A figure is read by its label in its usual section only; one a document states in another section
# (figures.yaml: also, 基本支出 in 收支) is placed there by the code that knows its wording (_lists)
USUAL = {f.section for f in registry().values()}
# 收、支总计各是 A、B万元: two totals in one sentence, the unit printed once after the second
BOTH_TOTALS = re.compile(r"收[、，,]?\s*支(?:决算|预算)?总计各(?:是|为)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*[、，,]\s*"
                         r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)")
# 2016年部门收入5649006.18元,支出5238630.16元: the year's income and spending side by side are the totals
PAIRED_TOTALS = re.compile(r"\d{4}年度?(?:部门|本部门|本单位|单位)?收入(?:总额|总计)?(?:为|是|共)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*"
                           r"(万元|元)\s*[,，、]\s*支出(?:总额|总计)?(?:为|是|共)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)")
BOTH_CHANGES = re.compile(r"收[、，,]?\s*支(?:决算|预算)?总计各(增加|减少)\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*[、，,]\s*"
                          r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)")
QUOTE_MAX = 120
SENTENCE = re.compile(r"[^。；;！？\n]*[。；;！？]?")
PERCENT_AFTER = re.compile(r"^[，,]?[^，,；;。\d]{0,12}?占[^，,；;。\d]{0,16}?([0-9]+(?:\.[0-9]+)?)\s*[%％]")
CHANGE = re.compile(r"(?:(?:较|比|与)(?:上年|去年|上一年|(?P<year>\d{4})年)|同比)[^，。；\d]{0,10}?"
                    r"(?:(?P<prev>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<prevunit>万元|元))?[^，。；\d]{0,6}?[，,]?\s*"
                    r"(?P<dir>增加|减少|增长|下降|减)了?\s*(?P<amount>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>万元|元)"
                    r"(?:[^。；]*?[，,]\s*(?P<reason>(?:主要|原因|系|是由于|因)[^。；]*))?")


@dataclass
class Figure:
    """One typed value with the text it came from."""

    text: str  # the amount as it will be written (published digits, half-width)
    unit: str | None
    sentence: str  # the sentence it came from
    note: str | None = None  # for the editor: how it was read, what to check


@dataclass
class Section:
    node: Node
    kind: str | None = None
    unit: str | None = None
    fields: dict = field(default_factory=dict)  # key → Figure, list of line dicts, or nested dict
    terms: list[tuple[str, str]] = field(default_factory=list)
    used_items: set[int] = field(default_factory=set)  # items that became list lines (their text kept there)
    used_paragraphs: set[int] = field(default_factory=set)  # paragraphs that became glossary terms
    used_children: set[int] = field(default_factory=set)  # children that became glossary terms
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (sentence, why) of amounts not placed
    missing: list[str] = field(default_factory=list)  # required figures (or the unit) not found
    fed: bool = False  # its text was read into another section's fields (_feed)

    def unplaced_sentences(self) -> list[str]:
        return [sentence for sentence, _ in self.unplaced]

    @property
    def missing_figures(self) -> list[str]:
        """What to tell the editor is missing: the figures, or the unit when no amount was found at all."""
        return [k for k in self.missing if k != "unit"] or self.missing


@dataclass
class Mention:
    amount: str  # as printed, half-width
    unit: str
    start: int
    end: int
    text: str  # the paragraph or item it is in, digits half-width (positions as printed)
    printed: str = ""  # the same text as printed (full-width digits kept) for quotes

    @property
    def yuan(self) -> Decimal:
        return in_yuan(Decimal(self.amount.replace(",", "")), self.unit)

    @property
    def sentence(self) -> str:
        printed = self.printed or self.text
        for found in SENTENCE.finditer(printed):
            if found.start() <= self.start < max(found.end(), found.start() + 1):
                return found.group().strip()
        return printed

    @property
    def quote(self) -> str:
        """The sentence, or around the amount when the sentence is long."""
        if len(self.sentence) <= QUOTE_MAX:
            return self.sentence
        begin, end = max(0, self.start - QUOTE_MAX + 30), min(len(self.text), self.end + 30)
        printed = self.printed or self.text
        return ("…" if begin else "") + printed[begin:end].strip() + ("…" if end < len(printed) else "")


def recognise(sections: list[Node], head: Node | None = None) -> dict[int, Section]:
    """Every heading node (by id) with its kind and figures; `head`, the text an excerpt opens
    with before its first heading, has its figures read into the section of its kind (headless.py)."""
    found: dict[int, Section] = {}
    used: set[str] = set()

    def visit(node: Node, in_glossary: bool) -> None:
        kind = None if in_glossary else _kind(node, used)  # a term is not a section (“三公”经费：指……)
        if kind:
            used.add(kind)
        found[id(node)] = Section(node, kind)
        for child in node.children:
            visit(child, in_glossary or kind == "glossary")

    for top in sections:
        visit(top, False)
    for section in found.values():
        if section.kind in FIGURE_KINDS:
            _extract(section, found)
        elif section.kind == "glossary":
            _terms(section)
    _feed(sections, found)
    if head is not None:
        found[id(head)] = Section(head)
        target = next((s for s in found.values() if s.kind == head.about and s.kind in FIGURE_KINDS), None)
        if target is not None and not target.missing:
            _extract(target, found, source=found[id(head)])
    _functions_from_budget(found)
    _totals_from_expenditure(found)
    for section in found.values():
        if section.missing:  # kept as text (the writer drops its kind): none of its figures is in a field
            placed, section.fields = section.fields, {}
            why = "本栏目缺少必填的金额，暂作文字栏目"
            section.unplaced = [(sentence, why) for sentence in _sentences(placed)] + section.unplaced
    for top in sections:
        _report_text_amounts(top, found, False)
    return found


def _sentences(fields) -> list[str]:
    """The sentences the figures of a field dictionary came from, once each, in order."""
    out: list[str] = []
    values = fields.values() if isinstance(fields, dict) else fields
    for value in values:
        if isinstance(value, Figure):
            out += [value.sentence] if value.sentence not in out else []
        elif isinstance(value, (dict, list)):
            out += [s for s in _sentences(value) if s not in out]
    return out


def _feed(tops: list[Node], found: dict[int, Section]) -> None:
    """A second section worded like a figure kind already given (二、收入决算情况说明 after
    一、收入支出决算总体情况说明) states that kind's figures too: they go to the first one's fields."""
    owner = {s.kind: s for s in found.values() if s.kind in FIGURE_KINDS}
    for top in tops:
        for node in top.walk():
            section = found[id(node)]
            kind = None if section.kind else match_kind(node.title)
            target = owner.get(kind)
            if target is None or target.missing or any(n is node for n in target.node.walk()) \
                    or any(found[id(a)].kind or found[id(a)].fed for a in _ancestors(top, node)):
                continue
            _extract(target, found, source=section)


def _ancestors(top: Node, node: Node) -> list[Node]:
    def path(current: Node) -> list[Node] | None:
        if current is node:
            return []
        for child in current.children:
            if (below := path(child)) is not None:
                return [current] + below
        return None
    return path(top) or []


def _report_text_amounts(node: Node, found: dict[int, Section], covered: bool) -> None:
    """Amounts in sections without figure fields are listed too, so that none is left unsaid:
    a section's text is read by the nearest figure section above it (texts()), else here."""
    section = found[id(node)]
    if section.kind in FIGURE_KINDS:
        covered = True
    elif section.kind or not covered:
        covered = section.fed or section.kind == "glossary"  # said where its text was read
        if not covered and section.kind != "glossary":
            why = (f"本栏目（{section.kind}）没有金额字段" if section.kind else "本栏目没有认出是哪一类，没有金额字段")
            for text in [node.heading or "", *node.paragraphs, *node.items]:
                for m in mentions(text):
                    if m.sentence not in [u[0] for u in section.unplaced]:
                        section.unplaced.append((m.sentence, why))
    for child in node.children:
        _report_text_amounts(child, found, covered)


def _kind(node: Node, used: set[str]) -> str | None:
    kind = node.about or match_kind(node.title)
    if kind is None or kind in used:
        return None
    below = [match_kind(n.title) for child in node.children for n in child.walk()]
    if kind in below and any(k and k != kind for k in below):
        return None  # a grouping heading: the section below takes the kind
    return kind


# 财政拨款收支 (and 收入支出决算) sections state the appropriations, not the department's totals
APPROPRIATIONS = re.compile(r"财政拨款收入支出|财政拨款收支")
# 支出决算总体情况 speaks of one side only: not the 收支 section (that states both)
ONE_SIDE = re.compile(r"^(?!.*(?:收支|收入)).*支出")
# a heading naming a published table (部门收支总表, “三公”经费支出预算表): the table, not the section
TABLE_TITLE = re.compile(r"表(?:[（(][^）)]*[）)])*[。：:]?$")


def match_kind(title: str) -> str | None:
    if APPROPRIATIONS.search(title) or TABLE_TITLE.search(title):
        return None
    return next((kind for kind, pattern in KINDS if pattern.search(title)
                 and not (kind == "budget" and ONE_SIDE.search(title))), None)


# --- amounts in text ------------------------------------------------------------------

def texts(node: Node, sections: dict[int, Section]) -> list[str]:
    """A section's own text and its subsections' (not that of child sections with a kind of their own)."""
    out = [node.heading or "", *node.paragraphs, *node.items]
    for child in node.children:
        if sections.get(id(child)) is None or sections[id(child)].kind is None:
            out += texts(child, sections)
    return out


def mentions(text: str) -> list[Mention]:
    half = text.translate(FULL_WIDTH)
    return [Mention(m.group(1), m.group(2), m.start(), m.end(), half, text) for m in AMOUNT.finditer(half)]


TOTALS = (("income_total",), ("expenditure_total",))
QUALIFIED = re.compile(r"(财政拨款|一般公共预算|政府性基金|国有资本经营)(预算)?(拨款)?$")  # 财政拨款收入总计: not the total


def labelled(mention: Mention, labels: dict[str, tuple]) -> tuple | None:
    """The figure whose label ends nearest before the amount (the longest label when two end
    together: 非流动资产 over 流动资产), within the gap textfigures allows."""
    text = mention.text
    best = None
    for label, key in labels.items():
        at = text.rfind(label, 0, mention.start)
        if at < 0 or key in TOTALS and QUALIFIED.search(text[:at]):
            continue
        end = at + len(label)
        gap = text[end:mention.start]
        if gap.startswith(("，", ",")) and not gap[1:].strip():
            gap = ""  # “项目支出，33.1万元”
        if len(gap) > MAX_GAP or NOT_THE_FIGURE.search(gap) or re.search(r"[，,。；;：:]", gap):
            continue
        if best is None or (end, len(label)) > best[:2]:
            best = (end, len(label), key)
    return best[2] if best else None


def label_sets() -> dict[str, dict[str, tuple]]:
    """Each figure kind's labels (label → field key)."""
    return {kind: _labels(kind) for kind in FIGURE_KINDS}


def _labels(kind: str) -> dict[str, tuple]:
    out = {}
    for loc, names in [*LABELS.items(), *MORE_LABELS.items()]:
        if loc[0] == kind and loc in USUAL:
            for name in names:
                out.setdefault(name, loc[1:])
    return out


def _extract(section: Section, sections: dict[int, Section], source: Section | None = None) -> None:
    """The figures of a section's text into its fields; `source` is another section whose text
    states this section's figures (its amounts not placed are reported at it)."""
    kind = section.kind
    reporter = source or section
    node = reporter.node
    if source:
        source.fed = True
    labels = _labels(kind)
    all_mentions = [m for text in texts(node, sections) for m in mentions(text)]
    placed: list[Mention] = _both_totals(section, node, sections) if kind == "budget" else []
    keys: dict[int, tuple] = {}
    reasons: dict[int, str] = {}  # why an amount the lists saw is not a line
    for m in all_mentions:
        key = labelled(m, labels)
        keys[id(m)] = key
        if key is None or _get(section.fields, key) is not None or _taken(m, placed):
            continue
        if kind == "budget" and key == ("previous_income_total",):
            continue  # read with its change below
        _set(section, key, m)
        placed.append(m)
    if not source:
        placed += _by_subsection_heading(section, labels, sections)
    if kind == "operating_costs" and "amount" not in section.fields and all_mentions:
        first = all_mentions[0]
        _set(section, ("amount",), first, note="原文没有写“机关运行经费”几个字，取的是本栏目第一个金额")
        placed.append(first)
    if kind == "budget":
        placed += _source_items(section, node, sections, placed)
        placed += _lists(section, all_mentions, placed, keys, reasons)
        placed += _change(section, node, sections)
    if kind == "expenditure":
        placed += _function_items(section, sections, source.node if source else None)
        placed += _lists(section, all_mentions, placed, keys, reasons)
        placed += _economic_items(section, sections, all_mentions, placed, reasons)
    if kind == "procurement" and not section.fields:
        section.unit = None
    if not source:
        section.missing = [name for name in REQUIRED.get(kind, ())
                           if (section.unit if name == "unit" else _get(section.fields, (name,))) is None]
    # an amount equal to a placed figure of the same label (or of none) counts as placed:
    # subsections repeat the summary's figures
    by_value: dict = {}
    for m in placed:
        by_value.setdefault(m.yuan, set()).add(keys.get(id(m)))
    for m in all_mentions:
        key = keys.get(id(m))
        if _taken(m, placed) or m.yuan in by_value and (key is None or key in by_value[m.yuan]):
            continue
        if id(m) in reasons:
            why = reasons[id(m)]
        elif key:
            why = f"“{_label_of(m, labels)}”已取本栏目前面的金额"
        elif m.sentence in reporter.unplaced_sentences():
            continue
        else:
            why = "没有认出是哪一项金额"
        if m.sentence not in reporter.unplaced_sentences():
            reporter.unplaced.append((m.sentence, why))


def _taken(m: Mention, placed: list[Mention]) -> bool:
    return any(p is m or (p.text == m.text and p.start == m.start) for p in placed)


def _label_of(m: Mention, labels: dict[str, tuple]) -> str:
    key = labelled(m, labels)
    return next((label for label, k in labels.items() if k == key and label in m.text[:m.start]), "")


def _both_totals(section: Section, node: Node, sections: dict[int, Section]) -> list[Mention]:
    """收、支总计各是A、B万元 (both totals, one unit) and 收、支总计各减少A、B万元 (both changes)."""
    taken = []
    for text in texts(node, sections):
        half = text.translate(FULL_WIDTH)
        if "income_total" not in section.fields and (found := BOTH_TOTALS.search(half)):
            for group, key in ((1, "income_total"), (2, "expenditure_total")):
                m = Mention(found.group(group), found.group(3), found.start(group), found.end(group), half, text)
                _set(section, (key,), m, note=None if group == 2 else f"原文收、支总计写在一句中，单位{found.group(3)}写在后一个数之后")
                taken.append(m)
        if "expenditure_total" not in section.fields and (found := PAIRED_TOTALS.search(half)):
            for group, key in ((1, "income_total"), (3, "expenditure_total")):
                m = Mention(found.group(group), found.group(group + 1), found.start(group), found.end(group), half, text)
                if key not in section.fields:
                    _set(section, (key,), m)
                    taken.append(m)
        if "stated_change" not in section.fields and (found := BOTH_CHANGES.search(half)):
            m = Mention(found.group(2), found.group(4), found.start(2), found.end(2), half, text)
            section.fields["stated_change"] = {"amount": figure(section, m), "direction": found.group(1)}
            taken.append(m)
    return taken


def _by_subsection_heading(section: Section, labels: dict[str, tuple], sections: dict[int, Section]) -> list[Mention]:
    """A subsection titled by a figure (（一）因公出国（境）经费。) states it first in its text."""
    taken = []
    for child in section.node.children:
        if sections[id(child)].kind:
            continue
        key = next((k for label, k in sorted(labels.items(), key=lambda x: -len(x[0]))
                    if child.title.startswith(label)), None)
        if key is None or _get(section.fields, key) is not None:
            continue
        first = next((m for text in child.paragraphs for m in mentions(text)
                      if not NOT_THE_FIGURE.search(m.text[max(0, m.start - 4):m.start])), None)
        if first:
            _set(section, key, first, note=f"按小节标题“{child.title}”取小节中的第一个金额")
            taken.append(first)
    return taken


def _get(fields: dict, key: tuple):
    value = fields
    for part in key:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _set(section: Section, key: tuple, m: Mention, note: str | None = None) -> None:
    target = section.fields
    for part in key[:-1]:
        target = target.setdefault(part, {})
    target[key[-1]] = figure(section, m, note)


def figure(section: Section, m: Mention, note: str | None = None, *, row: bool = False) -> Figure:
    """The amount in the section's unit (the first figure's unit sets it). A list line keeps its
    own unit (written as the row's unit:); a single figure in another unit is converted exactly."""
    if section.unit is None:
        section.unit = m.unit
    if m.unit == section.unit or row:
        return Figure(m.amount, m.unit if m.unit != section.unit else None, m.quote, note)
    converted = format(in_unit(Decimal(m.amount.replace(",", "")), m.unit, section.unit).normalize(), "f")
    return Figure(converted, None, m.quote,
                  (note + "；" if note else "") + f"原文写作“{m.amount}{m.unit}”，按本栏目单位{section.unit}换算")


# --- “其中” lists and functional lines -------------------------------------------------

LIST_OPENS = re.compile(r"其中|包括|主要用于")  # what opens a list of lines in a sentence
LIST_NAME = re.compile(r"([^，,；;：:。、（）()\d]{2,30}?)(?:预算数|预算|安排|为|共|合计)*$")
NAME_LEAD = re.compile(r"^(其中|包括|主要是|主要有|分别是|含)[：:，,]?|^[和及与、]")


def line_kind(name: str) -> str | None:
    """source, economic or function, by the classification tables and the usual words."""
    tables = classification.tables()
    if name in tables["functional"].by_name:
        return "function"
    if name in tables["economic"].by_name:
        return "economic"
    if re.search(r"收入|拨款|结转|结余", name) and "支出" not in name:
        return "source"
    if name.endswith(("支出", "经费", "补助")):
        return "economic"
    return None


# 基本支出 and 项目支出 listed together in the 收支 text are the 支出 section's figures (项目支出
# alone beside 工资福利支出 is a line of the economic list)
SPENDING_PARTS = {"基本支出": "basic", "项目支出": "project", "基本支出预算": "basic", "项目支出预算": "project"}
LISTS_OF = {"budget": ("source", "economic"), "expenditure": ("function",)}


def _lists(section: Section, all_mentions: list[Mention], placed: list[Mention], keys: dict,
           why: dict[int, str]) -> list[Mention]:
    """Lines of “其中” lists: a name right before each amount, a published share after it. A
    list opened again inside the list (财政拨款收入A万元，包括一般公共预算收入B万元) lists the
    parts of the line before it: not lines of their own (the list has one level), said why."""
    taken = []
    lists = {"source": "by_source", "economic": "by_economic", "function": "by_function"}
    last: dict[tuple, str] = {}  # (paragraph, sentence) → the line last read from it
    parent: dict[tuple, str] = {}  # … → the line whose parts the rest of the sentence lists
    for m in all_mentions:
        if _taken(m, placed) or not LIST_OPENS.search(m.text[:m.start]):
            continue
        clause_start = max(m.text.rfind(c, 0, m.start) for c in "，,；;：:。、") + 1
        clause = m.text[clause_start:m.start].strip()
        where = (m.text, m.sentence)
        if where in last and where not in parent and clause.startswith(("包括", "其中")):
            parent[where] = last[where]
        if where in parent:
            why[id(m)] = f"是上一项“{parent[where]}”的组成部分（按来源、按分类的各项只列一层）"
            continue
        lead = NAME_LEAD.sub("", clause)
        found = LIST_NAME.search(lead)
        if not found:
            continue
        name = found.group(1).strip()
        last[where] = name
        if name in SPENDING_PARTS and section.kind == "budget" and "基本支出" in m.text:
            section.fields.setdefault("_parts", []).append((SPENDING_PARTS[name], m))
            taken.append(m)
            continue
        kind = line_kind(name)
        if kind == "function" and section.kind == "budget":
            section.fields.setdefault("_functions", []).append((name, m))
            continue
        if kind not in LISTS_OF[section.kind]:
            continue  # a list this section has no field for (经济分类 under 支出预算): reported as not placed
        line = {"name": name, "amount": figure(section, m, row=True)}
        if kind != "source" and (code := _code(name, kind)):
            line = {"code": code, **line}
        if percent := PERCENT_AFTER.match(m.text[m.end:]):
            line["percent"] = Figure(percent.group(1), None, m.quote)
        section.fields.setdefault(lists[kind], []).append(line)
        taken.append(m)
    return taken


SOURCE_NAME = re.compile(r"^([^，,；;：:。、\d]{2,24}?)(?:[（(][^）)]{1,12}[）)])?\s*(?:预算数|预算|为|共)?\s*$")


def _source_items(section: Section, node: Node, sections: dict[int, Section], placed: list[Mention]) -> list[Mention]:
    """Numbered lines that open with a source of income and its amount (6.其他收入 0.00 万元,为……;
    7.使用非财政拨款结余(含专用结余)0.00 万元): lines of the list by source."""
    taken = []
    for text in [t for n in _own_nodes(node, sections) for t in [*n.paragraphs, *n.items]]:
        found = numbering(text)
        first = next(iter(mentions(text)), None)
        if not found or first is None or _taken(first, placed) or first.start < len(found[1]):
            continue
        name = SOURCE_NAME.match(first.text[len(found[1]):first.start])
        if name and line_kind(name.group(1)) == "source":
            section.fields.setdefault("by_source", []).append({"name": name.group(1), "amount": figure(section, first, row=True)})
            taken.append(first)
    return taken


def _code(name: str, kind: str) -> str | None:
    entry = classification.tables()["functional" if kind == "function" else "economic"].by_name.get(name)
    return entry.code if entry and kind == "function" else None


FUNCTION_ITEM = re.compile(r"^([^，,；;：:。\d]{2,30}?支出)(?:类科目|[（(]类[）)]|类)?(?:预算|为|安排)*\s*$")
ECONOMIC_WORDING = re.compile(r"(?:预算|决算)$")
FUNCTION_PARAGRAPH = re.compile(r"^([^，,；;：:。\d]{2,30}?)\s*$")  # 住房公积金 112788 元,其中:……


def _economic_items(section: Section, sections: dict[int, Section], all_mentions: list[Mention],
                    placed: list[Mention], why: dict[int, str]) -> list[Mention]:
    """Paragraphs that open with an economic class and its amount in the 支出 section (工资福利支出预算
    2016908.34 元,占基本支出预算81.45%): lines of that section's list by economic class when the 收支
    section lists none (figures.yaml: also). A class listed again (项目支出's own 工资福利支出, 占项目支出…)
    is the split of another figure, not a line: said why."""
    economic = classification.tables()["economic"].by_name
    budget = next((s for s in sections.values() if s.kind == "budget"), None)
    elsewhere = budget is not None and "by_economic" in budget.fields
    taken = []
    for m in all_mentions:
        found = FUNCTION_PARAGRAPH.match(m.text[:m.start])
        name = ECONOMIC_WORDING.sub("", found.group(1).strip()) if found else None
        if name not in economic or name in SPENDING_PARTS or _taken(m, placed) or id(m) in why:
            continue  # 基本支出 150384 元,项目支出 0元 (a functional line's split) is not a class
        lines = section.fields.setdefault("by_economic", [])
        after = m.text[m.end:].split("。")[0]
        if elsewhere:
            why[id(m)] = "按经济分类的金额：收支栏目已列出按经济分类的各项"
        elif "占项目支出" in after or any(line["name"] == name for line in lines):
            why[id(m)] = "项目支出（或已列出的某项）中的经济分类金额：按经济分类的各项只列一层"
        else:
            line = {"name": name, "amount": figure(section, m, row=True)}
            if percent := PERCENT_AFTER.match(m.text[m.end:]):
                line["percent"] = Figure(percent.group(1), None, m.quote)
            lines.append(line)
            taken.append(m)
    if not section.fields.get("by_economic"):
        section.fields.pop("by_economic", None)
    return taken


def _own_nodes(node: Node, sections: dict[int, Section]) -> list[Node]:
    """A section's node and the subsections whose text it reads (those without a kind of their own)."""
    out = [node]
    for child in node.children:
        if sections.get(id(child)) is None or sections[id(child)].kind is None:
            out += _own_nodes(child, sections)
    return out


def _paragraph_class(before: str, node: Node) -> str | None:
    """The functional class a paragraph opens with (its number aside): one the table knows by name
    (文化旅游体育与传媒支出类科目 850088.3 元), or any name under a heading that says the paragraphs
    are the functional classes (（一）按支出功能分类科目划分 / 机构运行 1100910.5 元,其中:……)."""
    found = numbering(before)
    before = found[2] if found else before
    name = FUNCTION_ITEM.match(before) or FUNCTION_PARAGRAPH.match(before)
    if not name:
        return None
    name = name.group(1).strip()
    if name in classification.tables()["functional"].by_name:
        return name
    by_function = "功能分类" in (node.heading or "") and name not in SPENDING_PARTS and _functional(name)
    return name if by_function and not LABEL_LIKE.search(name) else None


LABEL_LIKE = re.compile(r"合计|总计|总额|基本支出|项目支出|本年|年初|上年")


def _function_items(section: Section, sections: dict[int, Section], node: Node | None = None) -> list[Mention]:
    """Numbered items that open with a functional class and its amount: （一）一般公共服务支出204.65万元，……;
    and paragraphs that open with a functional class and its amount (_paragraph_class)."""
    taken = []
    for within, paragraph in [(n, p) for n in _own_nodes(node or section.node, sections) for p in n.paragraphs]:
        first = next(iter(mentions(paragraph)), None)
        name = _paragraph_class(paragraph.translate(FULL_WIDTH)[:first.start], within) if first else None
        if name:
            line = {"name": name, "amount": figure(section, first, row=True)}
            if code := _code(line["name"], "function"):
                line = {"code": code, **line}
            if percent := PERCENT_AFTER.match(paragraph.translate(FULL_WIDTH)[first.end:]):
                line["percent"] = Figure(percent.group(1), None, first.quote)
            section.fields.setdefault("by_function", []).append(line)
            taken.append(first)
    for i, item in enumerate(section.node.items if node is None else []):  # a fed section's items stay its own
        found = numbering(item)
        body = found[2] if found else item
        offset = len(item) - len(body)
        first = next(iter(mentions(item)), None)
        if first is None or first.start < offset:
            continue
        name = FUNCTION_ITEM.match(body[:first.start - offset])
        if not name or not _functional(name.group(1)):
            continue
        line = {"name": name.group(1), "amount": figure(section, first, row=True), "text": item}
        if code := _code(name.group(1), "function"):
            line = {"code": code, **line}
        if percent := PERCENT_AFTER.match(item.translate(FULL_WIDTH)[first.end:]):
            line["percent"] = Figure(percent.group(1), None, first.quote)
        section.fields.setdefault("by_function", []).append(line)
        section.used_items.add(i)
        taken.append(first)
    return taken


def _functional(name: str) -> bool:
    """A functional class by the table, or a 支出 name that is not an economic class or a kind of spending."""
    tables = classification.tables()
    return name in tables["functional"].by_name or name not in tables["economic"].by_name


def _functions_from_budget(found: dict[int, Section]) -> None:
    """Functional classes listed in the 收支预算 text belong to the 支出预算 section when it lists none;
    so do 基本支出 and 项目支出 when it does not state them."""
    budget = next((s for s in found.values() if s.kind == "budget"), None)
    expenditure = next((s for s in found.values() if s.kind == "expenditure"), None)
    for key, m in budget.fields.pop("_parts", []) if budget else []:
        if expenditure is not None and key not in expenditure.fields and not expenditure.missing:
            expenditure.fields[key] = figure(expenditure, m, note="原文在收支总体情况中列出，移到支出栏目")
        elif (expenditure is None or expenditure.missing) and key not in budget.fields:
            # no 支出 section (or one without an amount, kept as text): the 收支 section states them
            budget.fields[key] = figure(budget, m)
        elif m.sentence not in budget.unplaced_sentences():
            budget.unplaced.append((m.sentence, "基本支出、项目支出属于支出栏目，支出栏目已列出"))
    lines = budget.fields.pop("_functions", []) if budget else []
    if not lines:
        return
    if expenditure is None or "by_function" in expenditure.fields:
        budget.unplaced += [(m.sentence, "按功能分类的金额，支出栏目已列出或没有支出栏目")
                            for _, m in lines if m.sentence not in budget.unplaced_sentences()]
        return
    for name, m in lines:
        line = {"name": name, "amount": figure(expenditure, m, row=True,
                                               note="原文在收支预算中列出，移到支出预算的功能分类")}
        if code := _code(name, "function"):
            line = {"code": code, **line}
        expenditure.fields.setdefault("by_function", []).append(line)
    budget.unplaced = [u for u in budget.unplaced if u[0] not in {m.sentence for _, m in lines}]


SPENDING_TOTALS = (("expenditure_this_year",), ("expenditure_total",))


def _totals_from_expenditure(found: dict[int, Section]) -> None:
    """本年支出合计 (or 支出总计) written in the 支出 section (2020年本年支出合计4021.94万元,其中:基本支出……)
    is the 收支 section's figure: it goes there when that section does not state it."""
    budget = next((s for s in found.values() if s.kind == "budget" and not s.missing), None)
    expenditure = next((s for s in found.values() if s.kind == "expenditure" and not s.missing), None)
    if budget is None or expenditure is None:
        return
    labels = _labels("budget")
    for m in [m for text in texts(expenditure.node, found) for m in mentions(text)]:
        key = labelled(m, labels)
        if key in SPENDING_TOTALS and _get(budget.fields, key) is None and m.sentence in expenditure.unplaced_sentences():
            _set(budget, key, m, note="原文在支出栏目中写出，移到收支栏目")
            placed = {v.text for v in expenditure.fields.values() if isinstance(v, Figure)} | {m.amount}
            if all(other.amount in placed for other in mentions(m.sentence)):
                expenditure.unplaced = [u for u in expenditure.unplaced if u[0] != m.sentence]


def _change(section: Section, node: Node, sections: dict[int, Section]) -> list[Mention]:
    """上年收入预算总额 and the stated change (较上年245万元增加9.12万元，主要是……), from a sentence about 收入."""
    for text in texts(node, sections):
        half = text.translate(FULL_WIDTH)
        for found in CHANGE.finditer(half):
            sentence = next(m.sentence for m in [Mention("0", "元", found.start(), found.end(), half)])
            if "收入" not in sentence:
                continue
            taken = []
            if found.group("prev"):
                m = _mention_at(half, found.start("prev"))
                section.fields["previous_income_total"] = figure(section, m)
                taken.append(m)
            m = _mention_at(half, found.start("amount"))
            change = {"amount": figure(section, m),
                      "direction": "增加" if found.group("dir") in ("增加", "增长") else "减少"}
            if found.group("reason"):
                change["reason"] = found.group("reason").strip()
            if found.group("year"):
                change["_year"] = found.group("year")
            section.fields["stated_change"] = change
            return taken + [m]
    return []


def _mention_at(text: str, start: int) -> Mention:
    return next(m for m in mentions(text) if m.start == start)


# --- 名词解释 -----------------------------------------------------------------------------

TERM = re.compile(r"^(.{1,30}?)[：:]\s*(.+)$", re.S)
PLAIN_TERM = re.compile(r"^([^，,。；;：:]{1,20})[：:]\s*(.+)$", re.S)


def _terms(section: Section) -> None:
    """Numbered entries “1.基本支出：指……” (a line, or the run-in heading and its paragraph) become
    terms; so do paragraphs written “基本支出：指……” without a number."""
    node = section.node
    for i, paragraph in enumerate(node.paragraphs):
        if term := PLAIN_TERM.match(paragraph):
            section.terms.append((term.group(1).strip(), term.group(2).strip()))
            section.used_paragraphs.add(i)
    for i, item in enumerate(node.items):
        found = numbering(item)
        body = found[2] if found else item
        if term := TERM.match(body):
            section.terms.append((term.group(1).strip(), term.group(2).strip()))
            section.used_items.add(i)
    for i, child in enumerate(node.children):
        if child.children or child.items or not child.paragraphs:
            continue
        title = child.title
        if title and len(title) <= 30:
            section.terms.append((title, "".join(child.paragraphs)))
            section.used_children.add(i)
