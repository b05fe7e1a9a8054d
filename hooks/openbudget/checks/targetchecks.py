"""Targets and results against the text they come from (vocabulary/targets.py reads their values).

Like every figure, a target quotes the published text: its sentence must be one of its section's
own (heading, paragraphs, items, subsections), and its value must appear in that sentence as
written (100%, 70%以上). A result is checked against the target its own 绩效自评表 row prints: a
实际完成值 in another unit than its 年度指标值 (96件 against ≥95%) cannot be compared and is a slip.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document.model import DepartmentYear, leaves
from ..document.record import Violation
from ..vocabulary.classification import same_line
from ..vocabulary.figures import targets
from ..vocabulary.targets import read

TEXT_FIELDS = {"heading", "paragraphs", "items"}
OWN_FIELDS = {"targets", "results"}  # a target's own sentence is not the section's text


def section_texts(section, key: str) -> list[str]:
    """Every piece of a section's published text (its own, and its numbered subsections')."""
    return [value for loc, value in leaves(section, (key,)) if isinstance(value, str) and loc[1] not in OWN_FIELDS
            and next((p for p in reversed(loc) if isinstance(p, str)), "") in TEXT_FIELDS]


def check(dy: DepartmentYear) -> list[Violation]:
    return [*_sentences(dy), *_units(dy)]


def _sentences(dy: DepartmentYear) -> Iterator[Violation]:
    for spec in targets():
        kind, field = spec.section
        section = dy.part(kind)
        if section is None or field != "targets":
            continue
        texts = section_texts(section, kind)
        for i, target in enumerate(section.targets):
            if target.sentence is None:
                continue
            if not any(target.sentence in text for text in texts):
                yield Violation((kind, "targets", i, "sentence"),
                                "这句话在本栏目的原文文字中找不到：请从本栏目原文中原样复制目标所在的那句话")
            elif target.value not in target.sentence:
                yield Violation((kind, "targets", i, "value"),
                                f"目标值“{target.value}”不在它的原文语句中：请按原文照录（如原文写“达70%以上”，目标值写 70%以上）")


def _units(dy: DepartmentYear) -> Iterator[Violation]:
    section = dy.part("performance")
    for i, result in enumerate(section.results if section is not None else []):
        goal, actual = read(result.target), read(result.actual)
        if goal is not None and actual is not None and goal.unit != actual.unit:
            yield Violation(("performance", "results", i, "actual"),
                            f"实际完成值“{result.actual}”的单位（{actual.unit or '无'}）与年度指标值“{result.target}”的单位"
                            f"（{goal.unit or '无'}）不同：请按原文核对")


def against_budget(final: DepartmentYear, budget: DepartmentYear | None) -> list[Violation]:
    """A 决算's result against the target its year's 预算 set for the same indicator: a 实际完成值 in
    another unit (96件 against ≥95%) cannot be compared and is a slip."""
    section = final.part("performance")
    if budget is None or section is None:
        return []
    goals = [t for spec in targets() if spec.section[1] == "targets"
             for t in getattr(budget.part(spec.section[0]), "targets", [])]
    out = []
    for i, result in enumerate(section.results):
        goal = next((t for t in goals if same_line(t, result)), None)
        wanted, actual, own = read(goal.value if goal else None), read(result.actual), read(result.target)
        if own is not None and actual is not None and own.unit != actual.unit:
            continue  # said once, against the 自评表's own 年度指标值 (_units)
        if wanted is not None and actual is not None and wanted.unit != actual.unit:
            out.append(Violation(("performance", "results", i, "actual"),
                                 f"实际完成值“{result.actual}”的单位（{actual.unit or '无'}）与 {budget.year} 年预算中"
                                 f"“{goal.indicator}”的目标值“{goal.value}”的单位（{wanted.unit or '无'}）不同：请按原文核对"))
    return out
