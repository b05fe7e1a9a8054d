"""Links and downloads that travel: files saved from several departments and years keep
apart in one Downloads folder, the published text reads right wherever it is opened, and
every page can be found, moved through and skipped through without a mouse."""

from __future__ import annotations

import json
import posixpath
import shutil

from conftest import ROOT, SEED_TEXT, make_project, mkdocs_build

BASE = "miyi-xinfang/2021/"


def downloads(site, url: str) -> list[str]:
    return [a["href"] for a in site.article(url).select(".ob-downloads a[download]")]


def test_downloaded_files_are_named_after_their_department_year_and_section(seed_site):
    assert downloads(seed_site, BASE) == ["miyi-xinfang-2021.json", "miyi-xinfang-2021-source.txt"]
    assert downloads(seed_site, BASE + "expenditure") == [
        "miyi-xinfang-2021-expenditure-basic-project.csv", "miyi-xinfang-2021-expenditure-by-function.csv",
        "../miyi-xinfang-2021.json", "../miyi-xinfang-2021-source.txt"]
    assert downloads(seed_site, BASE + "three-public")[0] == "miyi-xinfang-2021-three-public.csv"
    package = json.loads((seed_site.out / "datapackage.json").read_text(encoding="utf-8"))
    assert [posixpath.basename(r["path"]) for r in package["resources"]] == [
        "miyi-xinfang-2021-budget-income-by-economic.csv", "miyi-xinfang-2021-expenditure-basic-project.csv",
        "miyi-xinfang-2021-expenditure-by-function.csv", "miyi-xinfang-2021-three-public.csv",
        "miyi-xinfang-2021-operating-costs.csv", "miyi-xinfang-2021-assets.csv"]
    for resource in package["resources"]:
        assert (seed_site.out / resource["path"]).is_file()


def test_the_published_text_carries_a_utf8_mark_so_it_never_shows_garbled(seed_site):
    served = (seed_site.out / BASE / "miyi-xinfang-2021-source.txt").read_bytes()
    assert served[:3] == b"\xef\xbb\xbf"
    assert served[3:] == SEED_TEXT.read_bytes()
    assert SEED_TEXT.read_bytes()[:3] != b"\xef\xbb\xbf"  # the file in data/ stays as it is


def test_a_published_text_saved_in_another_encoding_stops_the_build_with_its_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "miyi-xinfang" / "2021.source.txt").write_bytes("附件1 米易县信访局".encode("gbk"))
    result = mkdocs_build(make_project(tmp_path / "project", data), tmp_path / "out")
    assert result.returncode == 1
    assert ("data/miyi-xinfang/2021.source.txt:1:1 原文全文应为 UTF-8 编码的文字（记事本“另存为”时编码选 UTF-8）；"
            "这个文件不是，下载后会显示为乱码") in result.stderr
    assert "Traceback" not in result.stderr
