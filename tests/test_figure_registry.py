"""The registry of figures is the one place that names them (issue 30).

Each label below is written out by hand. It may appear in the registry's files (data/figures.yaml,
vocabulary/figures.py, and data/statements.yaml, where tables are read) and in data; anywhere
else in the code — a string of a module, the text of a template — it would be a second place
to keep in step, as “收入预算总额” once was on 21 lines in 10 files.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "hooks" / "openbudget"
REGISTRY = {PACKAGE / "vocabulary" / "figures.py"}
LABELS = ("收入预算总额", "收入决算总额", "支出预算总额", "支出决算总额", "上年收入预算总额", "因公出国（境）经费",
          "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费",
          "资产总额", "非流动资产", "一般公共预算支出合计", "年初结转和结余", "年末结转和结余")
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings (comments are no strings)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def places(label: str) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path not in REGISTRY:
            found += [f"{path.relative_to(PACKAGE)}:{line}" for line, text in strings(path) if label in text]
    for path in sorted((PACKAGE / "templates").glob("*.html")):
        text = JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(PACKAGE)}" for _ in range(text.count(label))]
    return found


def test_every_figure_label_is_written_only_in_the_registry_of_figures():
    assert {label: places(label) for label in LABELS if places(label)} == {}


def test_the_registry_names_every_label_it_is_the_one_place_for():
    registry = (PACKAGE / "data" / "figures.yaml").read_text(encoding="utf-8")
    assert [label for label in LABELS if label not in registry and label != "因公出国（境）费"] == []
