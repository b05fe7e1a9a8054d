"""The chart cache: nothing read back is trusted, builds sharing it do not collide, and no
renderer outlives its build."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, build_or_fail, make_project, mkdocs_build
from openbudget.charts import ChartCache
from openbudget.pages import PageBuilder
from openbudget.site import load_site

BUDGET = "miyi-xinfang/2021/budget/"
WAGES = ">197.04 万元</text>"  # 工资福利支出 as the chart on the budget page labels its bar
FIGURES = {  # every bar label of the seed's charts, as the tables print them
    "miyi-xinfang/2021/budget/chart-income-by-economic.svg": ["197.04 万元", "18.25 万元", "5.73 万元", "33.1 万元"],
    "miyi-xinfang/2021/expenditure/chart-basic-project.svg": ["221.02 万元", "33.1 万元"],
    "miyi-xinfang/2021/expenditure/chart-by-function.svg": ["204.65 万元", "15.43 万元", "13.08 万元", "20.96 万元"],
    "miyi-xinfang/2021/three-public/chart-three-public.svg": ["0 万元", "0.3 万元", "0 万元"],
    "miyi-xinfang/2021/assets/chart-assets.svg": ["25,260.25 元", "133,146.21 元"],
}


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
    for path, figures in FIGURES.items():
        svg = (site / path).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>"), path
        for figure in figures:
            assert f">{figure}</text>" in svg, (path, figure)
        spec = json.loads((site / path.replace(".svg", ".vg.json")).read_text(encoding="utf-8"))
        assert [row["display"] for row in next(d["values"] for d in spec["data"] if "values" in d)] == figures


def test_cached_chart_edited_to_another_figure_is_drawn_again_from_the_table(tmp_path):
    project = make_project(tmp_path / "project")
    build_or_fail(project, tmp_path / "first")
    [cached] = [p for p in (project / ".cache" / "charts").glob("*.svg") if WAGES in p.read_text(encoding="utf-8")]
    cached.write_text(cached.read_text(encoding="utf-8").replace(WAGES, ">1970.4 万元</text>"), encoding="utf-8")
    site = build_or_fail(project, tmp_path / "second")
    svg = (site.out / BUDGET / "chart-income-by-economic.svg").read_text(encoding="utf-8")
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
    mine, theirs = charts[:2], charts[2:]
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
    from openbudget.charts import ChartCache
    job = json.loads(sys.argv[2])
    charts = [SimpleNamespace(key=f"k{i:04d}", job={**job, "title": f"（虚构）{i}"}) for i in range(400)]
    ChartCache(Path(sys.argv[1])).start(charts)
    print("started", flush=True)
    time.sleep(600)
""")


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be collected."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


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
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(map(running, renderers)):
        time.sleep(0.1)
    left = [pid for pid in renderers if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # clean up after a failure
    assert left == [], "renderers kept running after their build was killed"
