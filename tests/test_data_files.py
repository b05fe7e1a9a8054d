"""Every file under data/ is either read or named; nothing outside the repository is read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TEXT, SEED_YAML, build_or_fail, make_project, mkdocs_build
from test_cli import openbudget

DEPT = "data/miyi-xinfang"
SECRET = "OB_TEST_SECRET_f3a9c1"  # a value no page could contain by chance


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def mkdocs_build_verbose(project: Path, out: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` as `make site` runs it (not quiet: -q would hide warnings)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def misname(project: Path) -> None:
    """The near misses an editor makes: each would silently leave a file unread."""
    seed = SEED_YAML.read_text(encoding="utf-8")
    (project / DEPT / "2022.yml").write_text(seed.replace("year: 2021", "year: 2022"), encoding="utf-8")
    (project / DEPT / "2023.YAML").write_text(seed.replace("year: 2021", "year: 2023"), encoding="utf-8")
    (project / "data" / "glossary.yml").write_text("terms: []\n", encoding="utf-8")  # the old shared glossary
    (project / DEPT / "2021.source.txt").unlink()
    (project / DEPT / "2021.source.txt").mkdir()
    (project / "data" / "glossary.yaml").mkdir()


MISNAMED = [
    "data/glossary.yaml:1:1 data/ 中不再放 glossary.yaml：各部门的名词解释写在该部门年度文件的 glossary 中"
    "（网站注明出自哪个部门哪一年），全站通用的名词解释在 hooks/openbudget/data/standard-terms.yaml",
    "data/glossary.yml:1:1 data/ 中不再放 glossary.yml：各部门的名词解释写在该部门年度文件的 glossary 中"
    "（网站注明出自哪个部门哪一年），全站通用的名词解释在 hooks/openbudget/data/standard-terms.yaml",
    "data/miyi-xinfang/2021.source.txt:1:1 2021.source.txt 应为文件，这里却是一个文件夹",
    "data/miyi-xinfang/2022.yml:1:1 文件名应为 2022.yaml（小写，扩展名 .yaml），否则这个文件不会被读取",
    "data/miyi-xinfang/2023.YAML:1:1 文件名应为 2023.yaml（小写，扩展名 .yaml），否则这个文件不会被读取",
]


def unread(project: Path) -> None:
    """Files in places the site does not read."""
    (project / DEPT / "old").mkdir()
    shutil.copy(SEED_YAML, project / DEPT / "old" / "2020.yaml")
    shutil.copy(SEED_YAML, project / "data" / "2021.yaml")


UNREAD = [
    "data/2021.yaml:1:1 年度文件应放在部门文件夹中（data/<部门>/2021.yaml），这里的文件不会被读取",
    "data/miyi-xinfang/old:1:1 部门文件夹中不应有子文件夹：网站不读取 old/ 中的任何文件",
]


def test_validate_names_every_misnamed_file_as_an_error(project):
    misname(project)
    result = openbudget("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == MISNAMED + [  # the seed's own two data notes follow
        line for line in result.stdout.splitlines() if line.startswith(f"{DEPT}/2021.yaml:")]
    assert "Traceback" not in result.stderr


def test_validate_names_files_in_places_the_site_does_not_read(project):
    unread(project)
    result = openbudget("validate", cwd=project)
    assert [line for line in result.stdout.splitlines() if not line.startswith(f"{DEPT}/2021.yaml:")] == UNREAD
    result = openbudget("validate", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert "::warning file=data/miyi-xinfang/old,line=1,col=1," in result.stdout
    assert "Traceback" not in result.stderr


def test_build_stops_on_misnamed_files_and_names_each(project, tmp_path):
    misname(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    for line in MISNAMED:
        assert line in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site" / "index.html").exists()


def test_build_prints_a_warning_for_each_file_it_does_not_read(project, tmp_path):
    unread(project)
    result = mkdocs_build_verbose(project, tmp_path / "site")
    for line in UNREAD:
        assert f"WARNING -  openbudget: {line}" in result.stderr
    # mkdocs.yml builds with strict: true, so the publishing build stops until the file is moved
    assert result.returncode == 1 and "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr


def test_quiet_build_still_shows_the_files_it_does_not_read(project, tmp_path):
    unread(project)
    result = mkdocs_build(project, tmp_path / "site")  # -q: MkDocs hides its own warnings
    for line in UNREAD:
        assert f"WARNING -  openbudget: {line}" in result.stderr


# --- links out of the repository ------------------------------------------------------

def outside_files(tmp_path: Path) -> Path:
    """Files beside the project, each carrying the secret: a department, a year, a glossary."""
    outside = tmp_path / "outside"
    (outside / "dept").mkdir(parents=True)
    seed = SEED_YAML.read_text(encoding="utf-8")
    assert seed.count('- "2021年部门预算已批复我单位') == 1
    seed = seed.replace('- "2021年部门预算已批复我单位', f'- "{SECRET}2021年部门预算已批复我单位')
    (outside / "dept" / "2021.yaml").write_text(seed, encoding="utf-8")
    (outside / "2020.yaml").write_text(seed.replace("year: 2021", "year: 2020"), encoding="utf-8")
    (outside / "glossary.yaml").write_text(f"terms:\n  - term: 五无\n    definition: {SECRET}\n", encoding="utf-8")
    return outside


LINKS = {  # link inside data/ → its target, and the message at the link's own path
    "source-text": (f"{DEPT}/2021.source.txt", "/proc/self/environ"),
    "department": ("data/other-dept", "outside/dept"),
    "year-file": (f"{DEPT}/2020.yaml", "outside/2020.yaml"),
    "glossary": ("data/glossary.yaml", "outside/glossary.yaml"),
}


@pytest.mark.parametrize("case", list(LINKS))
def test_a_symlink_under_data_stops_the_build_and_publishes_nothing_from_outside(project, tmp_path, case):
    outside_files(tmp_path)
    link, target = LINKS[case]
    (project / link).unlink(missing_ok=True)
    (project / link).symlink_to(target if target.startswith("/") else tmp_path / target)
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", SECRET: SECRET})
    assert result.returncode == 1
    assert (f"{link}:1:1 是符号链接（快捷方式）：网站只读写仓库中实际存放的文件，请把文件本身放在这里"
            in result.stderr), result.stderr
    assert str(tmp_path) not in result.stderr and "Traceback" not in result.stderr
    published = [p.read_bytes() for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not any(SECRET.encode() in data or str(tmp_path).encode() in data for data in published)
    # validate names the same link
    checked = openbudget("validate", cwd=project, env={SECRET: SECRET})
    assert checked.returncode == 1 and f"{link}:1:1 是符号链接" in checked.stdout and SECRET not in checked.stdout


def test_a_link_inside_the_department_path_is_named_when_validating_one_file(project, tmp_path):
    outside_files(tmp_path)
    (project / "data" / "other-dept").symlink_to(tmp_path / "outside" / "dept")
    result = openbudget("validate", "data/other-dept/2021.yaml", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == ("data/other-dept/2021.yaml:1:1 其中的 data/other-dept "
                                             "是符号链接（快捷方式）：网站只读写仓库中实际存放的文件，请把文件本身放在这里")


def test_no_absolute_path_of_the_build_machine_reaches_the_site(project, tmp_path):
    site = build_or_fail(project, tmp_path / "site")
    assert (site.out / "miyi-xinfang" / "2021" / "miyi-xinfang-2021-source.txt").read_bytes() == (
        b"\xef\xbb\xbf" + SEED_TEXT.read_bytes())
    for path in site.out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert str(project).encode() not in data and str(project.resolve()).encode() not in data, path
