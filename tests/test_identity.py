"""One name, one thing: two counties never share an address, two departments of a county
never share a name, and more counties than one CI matrix takes still all get built.

Synthetic jurisdictions.yaml files only; `openbudget shards` reads nothing else.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import ROOT
from test_cli import openbudget


def jurisdictions(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "jurisdictions.yaml").write_text("# 测试用虚构数据\n" + text, encoding="utf-8")
    return tmp_path


TWO_SHILI = """bodies:
  - slug: shili
    name: 示例县（虚构）
    departments:
      - {slug: shili-caizheng, name: 示例县虚构财政局}
  - slug: shili
    name: 示例区（虚构）
    departments:
      - {slug: shiliqu-caizheng, name: 示例区虚构财政局}
"""


def test_two_counties_with_one_address_are_refused_and_no_shard_is_listed(tmp_path):
    result = openbudget("shards", cwd=jurisdictions(tmp_path, TWO_SHILI))
    assert result.returncode == 1 and result.stdout == ""  # was ["shili","shili"]: the second county never built
    assert "jurisdictions.yaml:7:11 bodies[1].slug：网址名 shili 已用于“示例县（虚构）”：每个地区的网址名必须不同" \
        in result.stderr
    assert "Traceback" not in result.stderr


def test_two_departments_of_one_county_with_one_name_are_refused(tmp_path):
    text = """bodies:
  - slug: shili
    name: 示例县（虚构）
    departments:
      - {slug: shili-caizheng, name: 示例县虚构财政局}
      - {slug: shili-caizheng2, name: 示例县虚构财政局}
"""
    result = openbudget("shards", cwd=jurisdictions(tmp_path, text))
    assert result.returncode == 1
    assert ("jurisdictions.yaml:7:39 bodies[0].departments[1].name：部门名称“示例县虚构财政局”已用于 shili-caizheng："
            "同一地区的部门名称必须不同，读者才分得清") in result.stderr


def test_more_counties_than_one_ci_matrix_takes_are_all_built_in_256_jobs(tmp_path):
    bodies = [f"county-{i:03d}" for i in range(300)]
    text = "bodies:\n" + "".join(f"  - slug: {b}\n    name: 虚构县{i}\n    departments:\n"
                                 f"      - {{slug: {b}-caizheng, name: 虚构县{i}财政局}}\n" for i, b in enumerate(bodies))
    result = openbudget("shards", cwd=jurisdictions(tmp_path, text))
    assert result.returncode == 0, result.stderr
    jobs = json.loads(result.stdout)
    assert len(jobs) == 256  # GitHub Actions' limit of jobs in one matrix
    assert " ".join(jobs).split() == bodies  # every county once, in order
    assert jobs[:2] == ["county-000 county-001", "county-002 county-003"] and jobs[-1] == "county-299"


def test_a_job_of_several_counties_builds_each_into_its_own_folder():
    dry = subprocess.run(["make", "-n", "shard", "BODY=county-000 county-001"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "for body in county-000 county-001; do OPENBUDGET_SHARD=$body" in dry.stdout
    assert "-d shards/$body" in dry.stdout


def test_readme_names_the_repository_settings_publishing_relies_on():
    """The ref checks in publish.yml live in the branch's own copy of it: only the github-pages
    environment's branch rule, a repository setting, keeps other branches off the site."""
    import yaml
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Build and deployment 的 Source 选 **GitHub Actions**" in readme
    assert "**Environments → `github-pages`**：Deployment branches and tags 选 **Selected branches and tags**，只添加 `main`" \
        in readme
