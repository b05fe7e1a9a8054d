"""The package's layout is its map: folders are the build's stages, imports run one way."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "openbudget"
#: The stages, from the top down, as README's code map and pyproject.toml's contract name them.
STAGES = ["commands", "importer", "build", "render", "views", "sources", "checks", "document", "vocabulary"]
#: Imports inside a function that are allowed: the command line starts without loading the importer.
LAZY = {("openbudget.commands.cli", "openbudget.importer.run")}


def _folders() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def test_no_stage_imports_a_stage_above_it_and_no_module_imports_itself_back():
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--config",
                             str(ROOT / "pyproject.toml"), "--no-cache"],
                            cwd=ROOT / "hooks", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_contract_names_every_stage_in_order():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    layers = re.search(r"layers = \[(.*?)\]", text, re.S).group(1)
    named = re.findall(r"openbudget\.(\w+)", layers)
    assert named == STAGES
    assert sorted(named) == _folders()


def test_no_folder_holds_more_than_ten_modules():
    crowded = {folder: n for folder in _folders()
               if (n := len([p for p in (PACKAGE / folder).glob("*.py") if p.name != "__init__.py"])) > 10}
    assert not crowded
    assert len([p for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]) == 0


def test_no_import_inside_a_function_dodges_the_layering():
    hidden = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT / "hooks").with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("openbudget")):
                    base = module.split(".")[:-node.level] if node.level else []
                    target = ".".join([*base, node.module] if node.module else base)
                    if (module, target) not in LAZY:
                        hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} {target}")
    assert hidden == []


def test_the_readme_code_map_lists_every_folder_of_the_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 代码地图", 1)[1].split("\n## ", 1)[0]
    mapped = re.findall(r"^\| `(\w+)/` \|", section, re.M)
    assert sorted(mapped) == _folders()
    for folder in mapped:
        row = next(line for line in section.splitlines() if line.startswith(f"| `{folder}/` |"))
        for name in re.findall(r"`(\w+\.py)`", row):
            assert (PACKAGE / folder / name).is_file(), f"README 代码地图：{folder}/{name} 不存在"
