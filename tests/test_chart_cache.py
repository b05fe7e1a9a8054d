"""The chart cache: nothing read back is trusted, builds sharing it do not collide, and no
renderer outlives its build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT, build_or_fail, left_running, make_project, mkdocs_build
from openbudget.render.charts import ChartCache
from openbudget.render.pages import PageBuilder
from openbudget.sources.site import load_site

BUDGET = "miyi-xinfang/2021/budget/"
WAGES = ">197.04 万元</text>"  # 工资福利支出 as the chart on the budget page labels its bar
FIGURES = {  # every bar label of the seed's charts, as the tables print them
    "miyi-xinfang/2021/budget/chart-income-by-economic.svg": ["197.04 万元", "33.1 万元", "18.25 万元", "5.73 万元"],
    "miyi-xinfang/2021/expenditure/chart-by-function.svg": ["204.65 万元", "20.96 万元", "15.43 万元", "13.08 万元"],
    "miyi-xinfang/2021/three-public/chart-three-public.svg": ["0.3 万元", "0 万元", "0 万元"],
}
LAYOUTS = ("", ".narrow")  # each chart is drawn for a desktop and for a phone


@pytest.fixture(scope="module")
def charts():
    return [c for p in PageBuilder(load_site(ROOT / "data", ROOT)).pages({}) for c in p.charts]


def publish(cache_dir: Path, site: Path, charts) -> None:
    """What a build does with its charts: start the renderer, wait, copy beside the pages."""
    cache = ChartCache(cache_dir)
    cache.start(charts)
    cache.wait()
    cache.copy_to(site, charts)


def assert_published_charts_show_the_tables_figures(site: Path) -> None:
    for wide, figures in FIGURES.items():
        for path in (wide.replace(".svg", f"{layout}.svg") for layout in LAYOUTS):
            svg = (site / path).read_text(encoding="utf-8")
            assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>"), path
            for figure in figures:
                assert f">{figure}</text>" in svg, (path, figure)
            spec = json.loads((site / path.replace(".svg", ".vg.json")).read_text(encoding="utf-8"))
            assert [row["display"] for row in next(d["values"] for d in spec["data"] if "values" in d)] == figures


def test_cached_chart_edited_to_another_figure_is_drawn_again_from_the_table(tmp_path):
    project = make_project(tmp_path / "project")
    build_or_fail(project, tmp_path / "first")
    cached = [p for p in (project / ".cache" / "charts").glob("*.svg") if WAGES in p.read_text(encoding="utf-8")]
    assert len(cached) == 2  # the desktop and the phone drawing
    for path in cached:
        path.write_text(path.read_text(encoding="utf-8").replace(WAGES, ">1970.4 万元</text>"), encoding="utf-8")
    site = build_or_fail(project, tmp_path / "second")
    for layout in LAYOUTS:
        svg = (site.out / BUDGET / f"chart-income-by-economic{layout}.svg").read_text(encoding="utf-8")
        assert WAGES in svg and "1970.4" not in svg
    assert site.article(BUDGET).find(string="197.04") is not None  # the table beside it says the same


def test_truncated_or_garbage_cache_files_are_replaced_not_published(tmp_path, charts):
    cache = tmp_path / "cache"
    publish(cache, tmp_path / "first", charts)
    files = sorted(p for p in cache.iterdir() if p.suffix in (".svg", ".json"))
    assert len(files) >= 10
    for i, path in enumerate(files):
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2] if i % 2 else b"\x00garbage")
    publish(cache, tmp_path / "second", charts)
    assert_published_charts_show_the_tables_figures(tmp_path / "second")
    assert ChartCache(cache).missing(charts) == {}  # repaired for the next build


def test_deleted_svg_beside_its_spec_is_drawn_again(tmp_path, charts):
    cache = tmp_path / "cache"
    publish(cache, tmp_path / "first", charts)
    for path in cache.glob("*.svg"):
        path.unlink()
    publish(cache, tmp_path / "second", charts)
    assert_published_charts_show_the_tables_figures(tmp_path / "second")


def test_two_builds_sharing_a_cache_each_get_their_own_charts(tmp_path, charts):
    cache, first, second = tmp_path / "cache", ChartCache(tmp_path / "cache"), ChartCache(tmp_path / "cache")
    mine, theirs = charts[:1], charts[1:]
    first.start(mine)
    second.start(theirs)  # started before the first renderer has read its request
    first.wait()
    second.wait()
    first.copy_to(tmp_path / "site", mine)
    second.copy_to(tmp_path / "site", theirs)
    assert_published_charts_show_the_tables_figures(tmp_path / "site")
    assert ChartCache(cache).missing(charts) == {}


def test_build_with_an_unusable_cache_still_publishes_every_chart(tmp_path):
    project = make_project(tmp_path / "project")
    (project / ".cache").write_text("not a folder\n", encoding="utf-8")  # cannot be written, even by root
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_published_charts_show_the_tables_figures(tmp_path / "site")


KILLED_BUILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from types import SimpleNamespace
    from openbudget.render.charts import ChartCache
    job = json.loads(sys.argv[2])
    charts = [SimpleNamespace(key=f"k{i:04d}", job={**job, "title": f"（虚构）{i}"}) for i in range(400)]
    ChartCache(Path(sys.argv[1])).start(charts)
    print("started", flush=True)
    time.sleep(600)
""")


def test_killed_build_leaves_no_renderer_running(tmp_path, charts):
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(tmp_path / "cache"), json.dumps(charts[0].job)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert build.stdout.readline() == "started\n"
        renderers = [int(pid) for pid in Path(f"/proc/{build.pid}/task/{build.pid}/children").read_text().split()]
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    assert renderers  # 400 charts take the renderers far longer than the 10 s waited below
    assert left_running(renderers) == [], "renderers kept running after their build was killed"


HIDE_FONTS = "for d in /usr/share/fonts /usr/local/share/fonts \"$HOME/.fonts\" \"$HOME/.local/share/fonts\"; do " \
             "[ -d \"$d\" ] && mount -t tmpfs none \"$d\"; done; exec \"$@\""


def render(jobs: dict, out: Path, hide_system_fonts: bool) -> dict[str, bytes]:
    """Run the chart renderer as a build does; optionally as on a machine without any font
    (every system font folder hidden, in a mount namespace of its own: vl-convert does not
    read FONTCONFIG_FILE, so an empty fontconfig would prove nothing)."""
    out.mkdir()
    request = out / "request.json"
    request.write_text(json.dumps({"jobs": jobs}, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, str(ROOT / "hooks" / "openbudget" / "render" / "chartspec.py"), str(request), str(out)]
    if hide_system_fonts:
        command = ["unshare", "--map-root-user", "--mount", "sh", "-c", HIDE_FONTS, "sh", *command]
    subprocess.run(command, check=True, timeout=300)
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.svg"))}


def test_charts_are_byte_identical_on_a_machine_without_system_fonts(tmp_path, charts):
    assert subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", HIDE_FONTS + "; fc-list", "sh", "true"],
                          capture_output=True, text=True, check=True).stdout == ""  # really no font left
    jobs = {c.key: c.job for c in charts}
    with_fonts = render(jobs, tmp_path / "with", hide_system_fonts=False)
    without = render(jobs, tmp_path / "without", hide_system_fonts=True)
    assert len(with_fonts) == 2 * len(charts) == 6
    assert with_fonts == without
    phone = next(v for k, v in with_fonts.items() if k.endswith(".narrow.svg") and b"197.04" in v).decode()
    assert "<tspan>对个人和家庭的补助</tspan><tspan" in phone  # a long label wraps, whole, in both


def test_chart_cache_key_covers_the_chart_font(tmp_path, charts, monkeypatch):
    from openbudget.render import chartfont
    from openbudget.render.charts import Chart

    before = Chart(charts[0].page_url, charts[0].table).key
    changed = tmp_path / "font.otf"
    data = bytearray(chartfont.FONT_FILE.read_bytes())
    data[-1] ^= 1  # one bit of the font file
    changed.write_bytes(bytes(data))
    monkeypatch.setattr(chartfont, "FONT_FILE", changed)
    chartfont.identity.cache_clear()
    try:
        after = Chart(charts[0].page_url, charts[0].table)
        assert after.job["font"]["version"].startswith("Version 2.004")
        assert after.key != before
    finally:
        chartfont.identity.cache_clear()


def test_a_cache_file_is_never_seen_half_written(tmp_path, monkeypatch):
    from openbudget.sources import repofiles

    target = tmp_path / "entry.json"
    target.write_bytes(b"old")

    def fail_midway(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(repofiles.os, "replace", fail_midway)
    with pytest.raises(OSError):
        repofiles.write_bytes(target, tmp_path, b"new and longer")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]  # the temporary file is gone


def test_a_character_the_chart_font_lacks_stops_the_build_naming_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    seed = data / "miyi-xinfang" / "2021.yaml"
    seed.write_text(seed.read_text(encoding="utf-8").replace("      - name: 日常公用支出\n",
                                                              "      - name: 日常公用支出（犇）\n        code: \"302\"\n"),
                    encoding="utf-8")
    result = mkdocs_build(make_project(tmp_path / "project", data), tmp_path / "site")
    assert result.returncode == 1
    assert "图表生成失败：图“收入预算总额及构成”中的“犇”不在图表字体中，网站未生成。" in result.stderr
    assert "tools/chart_font.py" in result.stderr and "Traceback" not in result.stderr


def publish_workflow_step(name: str) -> list[str]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["shard"]["steps"] if s.get("name") == name)
    return step["run"].strip().splitlines()


def test_a_chart_cache_kept_between_publishes_drops_only_the_charts_no_document_draws_any_more(tmp_path, charts):
    cache = tmp_path / ".cache" / "charts"
    publish(cache, tmp_path / "last-publish", charts)
    stale = {cache / "0000-stale.json": b"{}", cache / f"{'0' * 64}.svg": b"<svg/>"}  # a chart no longer drawn
    for path, data in stale.items():
        path.write_bytes(data)
    kept = sorted(cache.iterdir())
    an_hour_ago = time.time() - 3600
    for path in kept:  # as restored from the last publish
        os.utime(path, (an_hour_ago, an_hour_ago))
    before, _build = publish_workflow_step("构建（时间戳取自最后一次提交，保证可复现）")
    subprocess.run(["bash", "-c", before], cwd=tmp_path, check=True)
    publish(cache, tmp_path / "this-publish", charts)
    for command in publish_workflow_step("图表缓存只留本次用到的图"):
        subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True)
    left = sorted(cache.iterdir())
    assert not any(path.exists() for path in stale)
    assert left == [path for path in kept if path not in stale]
    assert ChartCache(cache).missing(charts) == {}  # the next publish draws nothing again
    assert_published_charts_show_the_tables_figures(tmp_path / "this-publish")
