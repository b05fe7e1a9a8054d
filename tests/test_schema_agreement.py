"""The editor's red marks and `openbudget validate` give the same verdict on the same file.

One corpus of small variations of a fictional department-year (tests/fixtures/schema-
agreement/2030.yaml) plus the seed goes through both the loader and the JSON Schema in
schema/ (with the `jsonschema` library). For the schema each file is read the way VS
Code's YAML plugin reads it: YAML 1.2's core schema, where `33.1` is a number, `201` an
integer and `yes` text. If the two disagree, an editor sees no red mark where the build
fails, or a red mark where it passes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, SEED_YAML
from openbudget.sources.glossary import STANDARD_FILE as STANDARD_GLOSSARY
from openbudget.sources.loading import load_department_year, load_glossary
from openbudget.document.model import YEAR_PATTERN, YEARS

BASE = Path(__file__).parent / "fixtures" / "schema-agreement" / "2030.yaml"
SCHEMA = json.loads((ROOT / "schema" / "department-year.schema.json").read_text(encoding="utf-8"))


class Yaml12(yaml.SafeLoader):
    """PyYAML with YAML 1.2's core schema (what the editor's plugin uses) instead of 1.1's."""


Yaml12.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+.0123456789"),
]:
    Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first) + [""])


def _int(loader, node):
    text = loader.construct_scalar(node)
    return int(text[2:], {"0o": 8, "0x": 16}[text[:2]]) if text[:2] in ("0o", "0x") else int(text)


def _float(loader, node):
    text = loader.construct_scalar(node).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


Yaml12.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12.add_constructor("tag:yaml.org,2002:float", _float)
Yaml12.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node).lower() == "true")


def schema_accepts(text: str) -> bool:
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(yaml.load(text, Yaml12)))
    return not errors


def validate_accepts(text: str, tmp_path: Path) -> bool:
    path = tmp_path / "data" / "example-test" / "2030.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    record, problems = load_department_year(path, tmp_path)
    return record is not None


def variant(old: str | None, new: str | None) -> str:
    text = BASE.read_text(encoding="utf-8")
    if old is None:
        return text
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {BASE.name}"
    return text.replace(old, new)


OPERATING_COSTS = "    unit: 万元\n    paragraphs:\n      - 2030年机关运行经费预算2.5万元。\n    amount: 2.5"
ACCEPTED = "accepted"
REJECTED = "rejected"

# (what the editor typed, the text of the base file it replaces, what they typed instead, verdict)
CASES = [
    ("the fictional base file", None, None, ACCEPTED),
    ("year quoted", "year: 2030", 'year: "2030"', ACCEPTED),
    ("code unquoted", 'code: "201"', "code: 201", ACCEPTED),
    ("amount quoted", "income_total: 120.5", 'income_total: "120.5"', ACCEPTED),
    ("amount with trailing zeros", "income_total: 120.5", "income_total: 120.500000", ACCEPTED),
    ("amount with thousands separators in 元", OPERATING_COSTS,
     "    unit: 元\n    paragraphs:\n      - 2030年机关运行经费预算25,000元。\n    amount: 25,000", ACCEPTED),
    ("paragraph that is a number", "- 我单位内设办公室一个。", "- 2030", ACCEPTED),
    ("title that YAML 1.1 would read as a boolean", "heading: 机构设置", "heading: yes", ACCEPTED),
    ("title true", "heading: 机构设置", "heading: true", ACCEPTED),
    ("slug of digits", "slug: org-structure", "slug: 2030", ACCEPTED),
    ("text with “: ” in quotes", "- 我单位内设办公室一个。", '- "我单位内设: 办公室一个。"', ACCEPTED),
    ("text that mentions 待填写", "- 我单位内设办公室一个。", "- 我单位内设办公室一个，待填写事项另行说明。", ACCEPTED),
    ("paragraph as a block of lines", "- 我单位内设办公室一个。", "- |\n          我单位内设办公室一个。\n          第二行。", ACCEPTED),
    ("empty title", "title: 关于2030年部门预算编制的说明（虚构）", 'title: ""', REJECTED),
    ("title of spaces", "title: 关于2030年部门预算编制的说明（虚构）", 'title: "   "', REJECTED),
    ("title of a zero-width space", "title: 关于2030年部门预算编制的说明（虚构）", 'title: "\\u200b"', REJECTED),
    ("title 待填写", "title: 关于2030年部门预算编制的说明（虚构）", "title: 待填写", REJECTED),
    ("paragraph 待填写", "- 我单位内设办公室一个。", "- 待填写", REJECTED),
    ("title with a right-to-left override", "heading: 机构设置", 'heading: "机构\\u202e设置"', REJECTED),
    ("name with markup", "department: 示例县测试局（虚构）", "department: 示例县<b>测试局</b>", REJECTED),
    ("name of 201 characters", "department: 示例县测试局（虚构）", "department: " + "局" * 201, REJECTED),
    ("name ending in a line break", "heading: 机构设置", "heading: |\n      机构设置", REJECTED),
    ("amount with its unit", "income_total: 120.5", "income_total: 120.5万元", REJECTED),
    ("amount in full-width digits", "income_total: 120.5", "income_total: １２０．５", REJECTED),
    ("negative amount", "overseas: 0", "overseas: -0.3", REJECTED),
    ("amount 待填写", "amount: 2.5", "amount: 待填写", REJECTED),
    ("amount with seven decimals", "income_total: 120.5", 'income_total: "120.5000000"', REJECTED),
    ("amount in scientific notation, quoted", "income_total: 120.5", 'income_total: "1.205e2"', REJECTED),
    ("amount with a misplaced separator", "income_total: 120.5", "income_total: 1,20.5", REJECTED),
    ("amount as a mapping", "income_total: 120.5", "income_total:\n    value: 120.5", REJECTED),
    ("year in full-width digits", "year: 2030", "year: ２０３０", REJECTED),
    ("year as words", "year: 2030", "year: 二〇三〇", REJECTED),
    ("code of four digits", 'code: "201"', 'code: "2010"', REJECTED),
    ("code of four digits, unquoted", 'code: "201"', "code: 2010", REJECTED),
    ("code in full-width digits", 'code: "201"', 'code: "２０１"', REJECTED),
    ("unit not 元 or 万元", "unit: 万元\n    paragraphs:\n      - 2030年机关", "unit: 美元\n    paragraphs:\n      - 2030年机关", REJECTED),
    ("reserved slug", "slug: org-structure", "slug: budget", REJECTED),
    ("slug with capitals", "slug: org-structure", "slug: Org_Structure", REJECTED),
    ("misspelt key", "    income_total: 120.5", "    income_totl: 120.5", REJECTED),
    ("required figure left out", "    amount: 2.5\n", "", REJECTED),
    ("a figure a document may leave unstated left out", "    income_total: 120.5\n", "", ACCEPTED),
    ("key with nothing after it", "    heading: 一、收支预算总体情况", "    heading:", REJECTED),
    ("empty list", "  preamble:\n    - 现将我单位2030年部门预算编制情况说明如下。", "  preamble: []", REJECTED),
    ("empty list item", "- 我单位内设办公室一个。", "-", REJECTED),
    ("empty mapping", "    vehicles:\n      total: 0", "    vehicles: {}", REJECTED),
    ("unquoted “: ” in a list item", "- 我单位内设办公室一个。", "- 我单位内设: 办公室一个。", REJECTED),
    ("section kind written in Chinese", "  - kind: operating_costs", "  - kind: 机关运行经费", REJECTED),
    ("section kind misspelt", "  - kind: operating_costs", "  - kind: operating_cost", REJECTED),
    ("text section with no heading", "    heading: 机构设置\n", "", REJECTED),
    ("text section with kind text written", "  - slug: org-structure", "  - kind: text\n    slug: org-structure", ACCEPTED),
    ("a narrative kind", "  - slug: org-structure\n    heading: 机构设置", "  - kind: basic_info\n    heading: 机构设置", ACCEPTED),
    ("figure field in a narrative section", "    heading: 机构设置\n", "    heading: 机构设置\n    amount: 1\n", REJECTED),
    ("sections nested under a part", "  - kind: budget\n    heading: 一、收支预算总体情况",
     "  - heading: 第一部分\n    sections:\n      - kind: units\n        heading: 部门预算单位构成\n"
     "  - kind: budget\n    heading: 一、收支预算总体情况", ACCEPTED),
    ("a part with no heading", "  - kind: budget\n    heading: 一、收支预算总体情况",
     "  - sections:\n      - kind: units\n        heading: 部门预算单位构成\n"
     "  - kind: budget\n    heading: 一、收支预算总体情况", REJECTED),
    ("no budget section", "  - kind: budget\n", "  - kind: units\n", REJECTED),
    ("official web address", "  title: 关于2030年部门预算编制的说明（虚构）",
     "  title: 关于2030年部门预算编制的说明（虚构）\n  source_url: https://www.example.gov.cn/xxgk/2030/1.html", ACCEPTED),
    ("web address without http", "  title: 关于2030年部门预算编制的说明（虚构）",
     "  title: 关于2030年部门预算编制的说明（虚构）\n  source_url: www.example.gov.cn/1.html", REJECTED),
    ("web address that runs script", "  title: 关于2030年部门预算编制的说明（虚构）",
     "  title: 关于2030年部门预算编制的说明（虚构）\n  source_url: javascript:alert(1)", REJECTED),
    ("publication date", "  title: 关于2030年部门预算编制的说明（虚构）",
     "  title: 关于2030年部门预算编制的说明（虚构）\n  published_on: 2030-03-15", ACCEPTED),
    ("publication date in Chinese", "  title: 关于2030年部门预算编制的说明（虚构）",
     "  title: 关于2030年部门预算编制的说明（虚构）\n  published_on: 2030年3月15日", REJECTED),
    ("publication date of month 13", "  title: 关于2030年部门预算编制的说明（虚构）",
     "  title: 关于2030年部门预算编制的说明（虚构）\n  published_on: 2030-13-15", REJECTED),
]


@pytest.mark.parametrize(("old", "new", "verdict"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_editor_red_marks_agree_with_validate(tmp_path, old, new, verdict):
    text = variant(old, new)
    assert (validate_accepts(text, tmp_path), schema_accepts(text)) == (verdict == ACCEPTED,) * 2


def test_the_seed_is_accepted_by_both(tmp_path):
    text = SEED_YAML.read_text(encoding="utf-8")
    assert schema_accepts(text)
    record, problems = load_department_year(SEED_YAML, ROOT)
    assert record is not None, problems


def test_corpus_is_large_enough_and_has_both_verdicts():
    assert len(CASES) + 1 >= 30
    assert {c[3] for c in CASES} == {ACCEPTED, REJECTED}


@pytest.mark.parametrize(("old", "new"), [
    ("income_total: 120.5", "income_total: 1.205e2"),
    ("income_total: 120.5", "income_total: +120.5"),
    ("income_total: 120.5", "income_total: 0120.5"),
    ("year: 2030", "year: 2030.0"),
    ('code: "201"', "code: 0201"),
])
def test_unquoted_numbers_the_editor_cannot_see_as_typed_are_still_refused_by_validate(tmp_path, old, new):
    # The plugin hands the schema the number, not its text: 1.205e2 and 120.5 are the same
    # number to it. These are the only disagreements left, and validate catches them.
    text = variant(old, new)
    assert schema_accepts(text)
    assert not validate_accepts(text, tmp_path)


def test_year_pattern_is_exactly_the_years_the_model_accepts():
    matching = {n for n in range(10_000) if re.fullmatch(YEAR_PATTERN, f"{n:04d}")}
    assert matching == set(range(1990, 2101)) == set(YEARS)


def _patterns(node: object) -> set[str]:
    if isinstance(node, dict):
        return ({node["pattern"]} if isinstance(node.get("pattern"), str) else set()) | \
            {p for value in node.values() for p in _patterns(value)}
    if isinstance(node, list):
        return {p for value in node for p in _patterns(value)}
    return set()


def _strings(node: object) -> set[str]:
    if isinstance(node, dict):
        return {s for value in node.values() for s in _strings(value)}
    if isinstance(node, list):
        return {s for value in node for s in _strings(value)}
    return {node} if isinstance(node, str) else set()


EDGES = ["", " ", "a\n", "\n", "待填写\n", " 待填写 ", "待填写的", "机构\u202e设置", "\u200b", "\u3000", "x\U000e0001",
         "1,000", " 12.5 ", "12.5\n", "１２", "0", "00", "2030", "2030\n", "budget", "budget-2", "org-structure",
         "201", "2010", "20101", "<b>", "局" * 200, "局" * 201]


def test_the_editor_reads_every_schema_pattern_as_python_does():
    # VS Code's YAML plugin compiles a pattern with JavaScript's RegExp and the u flag; the
    # corpus above is checked with Python's re. Both must say the same of the same text.
    assert shutil.which("node"), "Node.js is needed to check the schema's patterns"
    patterns = sorted(_patterns(SCHEMA))
    strings = sorted(set(EDGES) | {s for _, old, new, _ in CASES for s in _strings(yaml.load(variant(old, new), Yaml12))
                                   if old is None or s in new})
    script = ("const {patterns, strings} = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(patterns.map(p => strings.map(s => new RegExp(p, 'u').test(s)))));")
    result = subprocess.run(["node", "-e", script], input=json.dumps({"patterns": patterns, "strings": strings}),
                            capture_output=True, text=True, check=True)
    javascript = json.loads(result.stdout)
    python = [[re.search(p, s) is not None for s in strings] for p in patterns]
    disagreements = [(p, s) for p, js_row, py_row in zip(patterns, javascript, python)
                     for s, js, py in zip(strings, js_row, py_row) if js != py]
    assert disagreements == []
    assert len(patterns) >= 10 and len(strings) >= 40


def test_the_standard_glossary_is_accepted_by_its_schema_and_by_validate():
    schema = json.loads((ROOT / "schema" / "glossary.schema.json").read_text(encoding="utf-8"))
    text = STANDARD_GLOSSARY.read_text(encoding="utf-8")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.load(text, Yaml12))) == []
    assert list(jsonschema.Draft202012Validator(schema).iter_errors({"terms": [{"term": "", "definition": "x"}]}))
    load_glossary(STANDARD_GLOSSARY, ROOT)
