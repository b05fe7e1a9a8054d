"""The hostile corpus, files and links: nothing a contributor commits makes the project write
outside the repository, publish a file from outside it, or publish a chart it did not draw
(links in data/, content/, .cache/; a planted or committed chart cache; glossary terms and
file names that change a path or a line). All data here is synthetic."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TEXT, build_or_fail, make_project, minimal_yaml, mkdocs_build
from openbudget.render.charts import ChartCache, digest
from openbudget.commands.cli import main
from openbudget.render.pages import PageBuilder
from openbudget.sources.site import load_site
from test_chart_cache import FIGURES, assert_published_charts_show_the_tables_figures, publish_workflow_step

SECRET = "OB_TEST_SECRET_7d21e4"  # a value no page could contain by chance
LINK = "是符号链接（快捷方式）：网站只读写仓库中实际存放的文件，请把文件本身放在这里"


def published(out: Path) -> list[bytes]:
    return [p.read_bytes() for p in out.rglob("*") if p.is_file()] if out.exists() else []


# --- 1. the import and the scaffolds never write through a link -------------------------

@pytest.mark.parametrize("planted", ["2022.source.txt", "2022.yaml"])
def test_import_refuses_a_link_planted_where_it_writes_and_writes_nothing_outside(tmp_path, capsys, planted):
    root = tmp_path / "repo"
    (root / "data" / "x").mkdir(parents=True)
    outside = tmp_path / "site-packages" / "zz.pth"  # where Python runs `import` lines at every start
    outside.parent.mkdir()
    (root / "data" / "x" / planted).symlink_to(outside)  # dangling: Path.exists() says there is nothing
    document = tmp_path / "doc.txt"
    document.write_bytes(SEED_TEXT.read_bytes())
    status = main(["--root", str(root), "import", str(document), "--department", "x", "--year", "2022"])
    assert status == 1
    assert f"错误：data/x/{planted}：{LINK}。未生成文件" in capsys.readouterr().err
    assert not outside.exists()
    assert sorted(p.name for p in (root / "data" / "x").iterdir()) == [planted]


@pytest.mark.parametrize("command", ["new-department", "new-year"])
def test_new_department_and_new_year_refuse_a_link_where_they_write(tmp_path, capsys, command):
    root = tmp_path / "repo"
    folder = root / "data" / "x"
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.yaml"
    (folder / "2029.yaml").symlink_to(outside)  # dangling: Path.exists() says there is nothing
    if command == "new-year":  # (from the latest file, 2030.yaml: the link is not read first)
        (folder / "2030.yaml").write_text(minimal_yaml(), encoding="utf-8")
        args = ["new-year", "x", "2029"]
    else:
        args = ["new-department", "x", "--name", "示例县测试局（虚构）", "--year", "2029"]
    assert main(["--root", str(root), *args]) == 1
    assert "错误：data/x/2029.yaml 已存在，不会覆盖。" in capsys.readouterr().err
    assert not outside.exists()


def test_new_department_refuses_a_department_folder_that_is_a_link(tmp_path, capsys):
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "data" / "x").symlink_to(tmp_path / "elsewhere")
    assert main(["--root", str(root), "new-department", "x", "--name", "示例县测试局（虚构）", "--year", "2031"]) == 1
    assert f"错误：data/x/2031.yaml：其中的 data/x {LINK}" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


# --- 6. a file name cannot add lines to the draft ----------------------------------------

def test_a_file_name_with_a_line_break_adds_no_line_to_the_draft(tmp_path, capsys):
    document = tmp_path / "doc\nsections: []\n#.txt"
    document.write_bytes(SEED_TEXT.read_bytes())
    status = main(["--root", str(tmp_path), "import", str(document), "--department", "x", "--year", "2022"])
    assert status == 1
    assert ("错误：文件名的第 4 个字是不可见的字符 U+000A（换行符）（换行符等）：请重命名文件，去掉这个字符后再导入。"
            "未生成文件") in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


# --- 5. a glossary term cannot lead its links out of the glossary --------------------------

GLOSSARY = """  - kind: glossary
    heading: 九、名词解释
    terms:
      - term: 预算/../../about
        definition: 虚构的名词解释。
"""


def test_a_glossary_term_with_a_slash_stops_the_build_at_its_line(tmp_path):
    data = tmp_path / "data"
    (data / "shili-ceshi").mkdir(parents=True)
    (data / "shili-ceshi" / "2030.yaml").write_text(minimal_yaml(GLOSSARY), encoding="utf-8")
    project = make_project(tmp_path / "project", data)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert ("data/shili-ceshi/2030.yaml:13:15 glossary.terms[0].term（名词）：名词中不能含有 / 或 \\"
            "（名词也是它在名词解释页上的地址）") in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --- 3. links in content/ and jurisdictions.yaml publish nothing from outside ---------------

@pytest.mark.parametrize("link, target", [
    ("content/env.txt", "/proc/self/environ"),
    ("content/mirror", "outside"),
])
def test_a_link_in_content_stops_the_build_and_publishes_nothing_from_outside(tmp_path, link, target):
    project = make_project(tmp_path / "project")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "key.pem").write_text(SECRET, encoding="utf-8")
    (project / link).symlink_to(target if target.startswith("/") else tmp_path / target)
    out = tmp_path / "site"
    result = mkdocs_build(project, out, env={SECRET: SECRET})
    assert result.returncode == 1
    shown = link if link.endswith(".txt") else f"{link}/key.pem：其中的 {link} "
    assert (f"{shown}：{LINK}" if link.endswith(".txt") else f"{shown}{LINK}") in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not any(SECRET.encode() in data for data in published(out))


def test_an_svg_with_a_script_in_content_stops_the_build(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "content" / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>', encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert ("content/assets/logo.svg：含有不允许的元素 <script>（图中不能有脚本、网页内容、链接或外部图片）"
            in result.stderr), result.stderr
    assert not (tmp_path / "site" / "assets" / "logo.svg").exists()


def test_a_linked_jurisdictions_file_outside_the_repository_is_refused_not_shown(tmp_path):
    project = make_project(tmp_path / "project")
    outside = tmp_path / "jurisdictions.yaml"
    outside.write_text(f"bodies:\n  - slug: miyi\n    name: {SECRET}\n    departments:\n"
                       "      - {slug: miyi-xinfang, name: 米易县信访局}\n", encoding="utf-8")
    (project / "jurisdictions.yaml").symlink_to(outside)
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 1
    assert f"jurisdictions.yaml:1:1 {LINK}" in result.stderr, result.stderr
    assert not any(SECRET.encode() in data for data in published(out))


# --- 4. the chart cache is this machine's, never a link or a commit -------------------------

def test_a_chart_cache_folder_that_is_a_link_stops_the_build_and_nothing_is_written_there(tmp_path):
    project = make_project(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    (project / ".cache").mkdir()
    (project / ".cache" / "charts").symlink_to(tmp_path / "elsewhere")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"图表缓存 .cache/charts：{LINK}（请删除这个链接）" in result.stderr, result.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
                   cwd=project, check=True, capture_output=True)


def test_a_committed_chart_cache_stops_the_build(tmp_path):
    project = make_project(tmp_path / "project")
    (project / ".cache" / "charts").mkdir(parents=True)
    (project / ".cache" / "charts" / "0123.json").write_text("{}", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-f", ".cache/charts/0123.json")
    git(project, "commit", "-q", "-m", "synthetic: a committed cache")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (".cache/ 中的文件已提交到 git（如 .cache/charts/0123.json）：图表缓存只能由构建生成，不能提交。"
            "请运行 git rm -r --cached .cache 并提交，再构建") in result.stderr, result.stderr


# --- 2. a planted cache entry is never published --------------------------------------------

PLANTS = [  # what the second red-team round planted, one kind per chart
    ('<text x="0" y="14">本网站已迁移，请访问新网址</text><a href="https://evil.example/"><text>点此</text></a>', b"evil.example"),
    ("<script>fetch('/?'+document.cookie)</script>", b"document.cookie"),
    ('<rect width="1" height="1" onload="alert(document.domain)"/>', b"alert(document.domain)"),
]


def plant(cache: Path) -> None:
    """Rewrite every cache entry as an attacker would: each SVG gets a payload, each Vega file a
    banner, and the entry's manifest names the new files by their own SHA-256 (what the old
    check verified)."""
    manifests = sorted(p for p in cache.glob("*.json") if not p.name.endswith(".vg.json"))
    assert manifests
    for number, manifest_path in enumerate(manifests):
        manifest = json.loads(manifest_path.read_bytes())
        payload = PLANTS[number % len(PLANTS)][0].encode()
        for suffix, name in manifest["files"].items():
            data = (cache / f"{name}{suffix}").read_bytes()
            if suffix.endswith(".svg"):
                data = data.replace(b"</svg>", payload + b"</svg>")
            else:  # the interactive chart: a banner as its title
                spec = json.loads(data)
                spec["title"]["text"] = ["本网站已迁移，请访问新网址"]
                data = json.dumps(spec, ensure_ascii=False).encode()
            manifest["files"][suffix] = digest(data)
            (cache / f"{digest(data)}{suffix}").write_bytes(data)
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def assert_nothing_planted_is_published(out: Path) -> None:
    for data in published(out):
        for _, mark in PLANTS:
            assert mark not in data
        assert "已迁移".encode() not in data


def test_a_planted_chart_cache_entry_is_drawn_again_not_published(tmp_path):
    project = make_project(tmp_path / "project")
    build_or_fail(project, tmp_path / "first")
    plant(project / ".cache" / "charts")
    site = build_or_fail(project, tmp_path / "second")
    assert_nothing_planted_is_published(site.out)
    assert_published_charts_show_the_tables_figures(site.out)


@pytest.fixture(scope="module")
def charts():
    return [c for p in PageBuilder(load_site(ROOT / "data", ROOT)).pages({}) for c in p.charts]


def test_a_planted_entry_in_the_restored_publish_cache_is_not_published_and_not_kept(tmp_path, charts):
    cache = tmp_path / ".cache" / "charts"
    last = ChartCache(cache)
    last.start(charts)
    last.wait()
    last.copy_to(tmp_path / "last-publish", charts)
    plant(cache)
    planted = sorted(cache.iterdir())
    an_hour_ago = time.time() - 3600
    for path in planted:  # as actions/cache restores it
        os.utime(path, (an_hour_ago, an_hour_ago))
    before, _build = publish_workflow_step("构建（时间戳取自最后一次提交，保证可复现）")
    subprocess.run(["bash", "-c", before], cwd=tmp_path, check=True)
    this = ChartCache(cache)
    this.start(charts)
    this.wait()
    this.copy_to(tmp_path / "this-publish", charts)
    for command in publish_workflow_step("图表缓存只留本次用到的图"):
        subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True)
    assert_nothing_planted_is_published(tmp_path / "this-publish")
    assert_published_charts_show_the_tables_figures(tmp_path / "this-publish")
    kept = [p.read_bytes() for p in cache.iterdir()]
    assert kept and not any(mark in data for data in kept for _, mark in PLANTS)  # saved for the next publish: clean
    assert ChartCache(cache).missing(charts) == {}
    assert len(FIGURES) == len(charts)


def test_a_chart_may_show_an_address_as_published_text_but_never_load_or_link_one():
    """A row named =HYPERLINK("http://…") is the document's text: its chart shows it, and opens nothing."""
    from openbudget.render.activecontent import vega_problem

    shown = {"marks": [{"type": "text", "encode": {"enter": {
        "text": {"value": '=HYPERLINK("http://127.0.0.1:9/","点此查看原文")0 204.65 万元'}}}}]}
    assert vega_problem(json.dumps(shown).encode()) is None
    loads = {"data": [{"name": "table", "url": "http://evil.example/x.json"}]}
    assert vega_problem(json.dumps(loads).encode()) == "含有 url（会加载外部内容或把图变成链接）"
    links = {"marks": [{"type": "rect", "encode": {"enter": {"href": {"value": "https://evil.example/"}}}}]}
    assert vega_problem(json.dumps(links).encode()) == "含有 href（会加载外部内容或把图变成链接）"
