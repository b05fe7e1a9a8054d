"""`make preview DEPARTMENT=…`: an editor's preview builds one department's pages only."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project, mkdocs_build

MULTI = Path(__file__).parent / "fixtures" / "multi"


def test_a_preview_builds_only_the_department_being_edited(tmp_path):
    project = make_project(tmp_path / "project", MULTI)
    result = mkdocs_build(project, tmp_path / "site", env={"OPENBUDGET_PREVIEW": "example-b"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "example-b" / "index.html").is_file()
    assert not (tmp_path / "site" / "example-a").exists()  # the other department is not built
    assert not (tmp_path / "site" / "bodies").exists()  # county sums need every department


def test_a_preview_of_a_department_that_does_not_exist_says_so(tmp_path):
    project = make_project(tmp_path / "project", MULTI)
    result = mkdocs_build(project, tmp_path / "site", env={"OPENBUDGET_PREVIEW": "example-c"})
    assert result.returncode == 1
    assert "预览的部门 example-c 不存在：data/example-c/ 不是部门文件夹" in result.stderr
    assert "Traceback" not in result.stderr
