"""How the build grows: N synthetic department-years, against Material's default navigation.

    .venv/bin/python benchmarks/scale.py            # 20 and 200 department-years
    .venv/bin/python benchmarks/scale.py 20 200 400
    .venv/bin/python benchmarks/scale.py --shards 5 --no-baseline 200 1000
    .venv/bin/python benchmarks/scale.py --county 150   # only: one county of 150 departments, its page's size

Run by hand (not in CI); several minutes. Everything is generated in a temporary folder
from the seed document with every amount multiplied by a per-file whole number (so the
totals still add up and every chart differs), under clearly synthetic department names.
Each department-year also carries a 一般公共预算支出表 of TABLE_ROWS rows at 类/款/项 level
(its sums agree), the size of a county department's real one. Prints, for each N: clean build
(no chart cache), rebuild (data unchanged) and publish (a tenth of the charts not in the
cache, as when a tenth of the documents are new since the cache publish.yml keeps) times;
the largest page, the largest section page and the largest table page; the largest table page's first load in a phone browser (bytes
transferred, compressed); the peak memory of the clean build (MkDocs and its chart renderers
together); the largest county page (every department of a year side by side) compressed;
then the same generated pages built as plain hand-written Markdown with Material's default
navigation (no hooks, no pruning; --no-baseline leaves it out).

With --shards K the departments are split into K fictional jurisdictions (jurisdictions.yaml),
and after the one build each jurisdiction is built alone from an empty chart cache, as one
CI job of .github/workflows/publish.yml would, then `openbudget merge` joins them: printed are
the slowest shard (the wall time with K machines), all shards together (one machine), the
merge, and whether the merged site is byte-identical to the one build.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sys
from pathlib import Path

from common import PHONE, ROOT, build, first_load, measured, project_copy, serve, temporary

YEARS_PER_DEPARTMENT = 4
AMOUNT_LINE = re.compile(r"^(\s*(?:-\s+)?(?:amount|income_total|expenditure_total|basic|project|total|overseas|"
                         r"reception|purchase|operation|current|non_current):\s+)([\d.]+)(.*)$", re.M)
TEXT_AMOUNT = re.compile(r"(?<![\d.\-])(\d+(?:\.\d+)?)(万元|元)")
BASELINE_REPORTED = "measured before on 2,400 hand-written pages: 274 s, 2.1 GB, 885 KB per page"


def synthetic_data(count: int, years: int = YEARS_PER_DEPARTMENT) -> Path:
    seed = (ROOT / "data" / "miyi-xinfang" / "2021.yaml").read_text(encoding="utf-8")
    data = temporary("openbudget-data-")
    for i in range(count):
        department, year = divmod(i, years)
        factor = 1 + i  # its own: no two files share a figure, so no two charts are the same drawing
        text = AMOUNT_LINE.sub(lambda m: f"{m.group(1)}{_times(m.group(2), factor)}{m.group(3)}", seed)
        # the same figures in the published sentences, so that each file still agrees with its text
        text = TEXT_AMOUNT.sub(lambda m: f"{_times(m.group(1), factor)}{m.group(2)}", text)
        if year:  # the seed's “与2020年预算持平” is then not last year: acknowledged as published
            text += "  - finding: compared-with-2020\n    as_published: true\n"
        text = text.replace("department: 米易县信访局", f"department: 合成测试部门{department + 1:03d}（虚构）")
        text = text.replace("year: 2021", f"year: {2021 + year}")
        text = text.replace("\ndata_notes:", "\n" + table(factor) + "data_notes:", 1)
        # the synthetic table's figures are not the seed's: acknowledged, like a published mismatch
        text += "  - finding: expenditure-table-differs-from-text\n    as_published: true\n"
        folder = data / f"synthetic-{department + 1:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{2021 + year}.yaml").write_text(text, encoding="utf-8")
    return data


CLASSES, ITEMS, ENTRIES = 10, 3, 9  # 类 × 款 × 项: 10 + 30 + 270 rows and a 合计 row
TABLE_ROWS = CLASSES + CLASSES * ITEMS + CLASSES * ITEMS * ENTRIES + 1


def table(factor: int) -> str:
    """A 一般公共预算支出表 of TABLE_ROWS rows whose 类, 款 and 合计 add up (synthetic names)."""
    from decimal import Decimal

    rows, grand = [], [Decimal(0), Decimal(0)]
    for c in range(CLASSES):
        class_rows, class_sum = [], [Decimal(0), Decimal(0)]
        for k in range(ITEMS):
            entries, item_sum = [], [Decimal(0), Decimal(0)]
            for e in range(ENTRIES):
                basic, project = Decimal(factor * (c + k + e + 1)), Decimal(e % 3) * factor
                entries.append((f"{201 + c}{k + 1:02d}{e + 1:02d}", f"合成项{c + 1}-{k + 1}-{e + 1}", basic, project))
                item_sum = [item_sum[0] + basic, item_sum[1] + project]
            class_rows.append((f"{201 + c}{k + 1:02d}", f"合成款{c + 1}-{k + 1}", *item_sum))
            class_rows += entries
            class_sum = [class_sum[0] + item_sum[0], class_sum[1] + item_sum[1]]
        rows.append((f"{201 + c}", f"合成类{c + 1}", *class_sum))
        rows += class_rows
        grand = [grand[0] + class_sum[0], grand[1] + class_sum[1]]
    lines = ["tables:", "  - title: 一般公共预算支出表", "    unit: 万元", "    columns: [合计, 基本支出, 项目支出]", "    rows:"]
    for code, name, basic, project in rows:
        lines.append(f'      - {{code: "{code}", name: {name}, amounts: ["{basic + project}", "{basic}", "{project or ""}"]}}')
    lines.append(f'      - {{name: 合计, amounts: ["{grand[0] + grand[1]}", "{grand[0]}", "{grand[1]}"]}}')
    return "\n".join(lines) + "\n"


def _times(amount: str, factor: int) -> str:
    from decimal import Decimal

    return str(Decimal(amount) * factor)


def sizes(site: Path) -> tuple[int, int, Path, int]:
    pages = list(site.rglob("*.html"))
    sections = [p for p in pages if re.search(r"/\d{4}/[a-z-]+/index\.html$", p.as_posix())]
    tables = [p for p in pages if re.search(r"/\d{4}/tables/[a-z0-9-]+/index\.html$", p.as_posix())]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return (max(p.stat().st_size for p in pages), max(p.stat().st_size for p in sections),
            max(tables, key=lambda p: p.stat().st_size), total)


def plain_markdown_project(site_pages: dict[str, str]) -> Path:
    """The generated pages as ordinary Markdown files, default Material navigation, no hooks."""
    folder = temporary("openbudget-plain-")
    docs = folder / "docs"
    for path, markdown in site_pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: 基线\ndocs_dir: docs\ntheme:\n  name: material\n  language: zh\n"
                                       "  font: false\nplugins:\n  - search:\n      lang: zh\n", encoding="utf-8")
    return folder


def generated_pages(data: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "hooks"))
    from openbudget.render.pages import PageBuilder
    from openbudget.sources.site import load_site

    project = data.parent
    return {p.src: p.markdown for p in PageBuilder(load_site(data, project)).pages({})}


def jurisdictions(data: Path, bodies: int) -> str:
    """The synthetic departments in `bodies` fictional jurisdictions, in turn."""
    folders = sorted(p.name for p in data.iterdir())
    out = "# 合成测试数据：虚构的地区。\nbodies:\n"
    for b in range(bodies):
        out += f"  - slug: county-{b + 1:02d}\n    name: 合成测试县{b + 1:02d}（虚构）\n    departments:\n"
        out += "".join(f"      - {{slug: {f}, name: {f}}}\n" for f in folders[b::bodies])
    return out


def county_page(site: Path) -> tuple[int, int]:
    """The largest county page, compressed, and the number of departments on it."""
    pages = list(site.glob("bodies/*/*/index.html"))
    page = max(pages, key=lambda p: p.stat().st_size)
    html = page.read_bytes()
    return len(gzip.compress(html, 6)), len(set(re.findall(rb'href="(?:\.\./)+(synthetic-\d+)/', html)))


def same_files(a: Path, b: Path) -> int:
    """How many files differ between two sites (present in one only, or other bytes)."""
    left = {p.relative_to(a): p for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b): p for p in b.rglob("*") if p.is_file()}
    return len(set(left) ^ set(right)) + sum(left[k].read_bytes() != right[k].read_bytes() for k in set(left) & set(right))


def sharded(project: Path, bodies: int, one: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    shards, times = [], []
    for b in range(bodies):
        shutil.rmtree(project / ".cache", ignore_errors=True)  # a CI job starts with no chart cache
        out = temporary()
        seconds, peak = measured(project, out, {**env, "OPENBUDGET_SHARD": f"county-{b + 1:02d}"})
        shards.append(out)
        times.append((seconds, peak))
    merged = temporary() / "site"
    merge, _ = measured(project, merged, env, [sys.executable, "-m", "openbudget", "merge", str(merged), *map(str, shards)])
    print(f"  in {bodies} shards: slowest shard {max(t for t, _ in times):6.1f} s (peak {max(m for _, m in times):5.0f} MB), "
          f"all shards {sum(t for t, _ in times):6.1f} s, merge {merge:5.1f} s; "
          f"wall time with {bodies} machines {max(t for t, _ in times) + merge:6.1f} s; "
          f"files differing from the one build: {same_files(one, merged)}", flush=True)


def main(counts: list[int], bodies: int = 0, baseline: bool = True) -> None:
    results = {}
    for count in counts:
        data = synthetic_data(count)
        project = project_copy(data)
        if bodies:
            (project / "jurisdictions.yaml").write_text(jurisdictions(data, bodies), encoding="utf-8")
        env = {"SOURCE_DATE_EPOCH": "1700000000"}
        clean, peak = measured(project, site := temporary(), env)
        entries = sorted(p for p in (project / ".cache" / "charts").glob("*.json") if not p.name.endswith(".vg.json"))
        drawn = len(entries)
        rebuild = build(project, temporary(), env)
        for entry in entries[::10]:  # as if a tenth of the documents were new since the last publish
            entry.unlink()
        publish = build(project, temporary(), env)
        largest, largest_section, table_page, total = sizes(site)
        pages = len(list(site.rglob("*.html")))
        results[count] = (clean, rebuild, largest_section)
        base, server = serve(site)
        loaded = first_load(base + table_page.parent.relative_to(site).as_posix() + "/", device=PHONE)["bytes"]
        server.shutdown()
        county, departments = county_page(site)
        print(f"N={count:4}: {pages:5} pages  clean {clean:6.1f} s (peak memory {peak:5.0f} MB, {drawn} charts drawn)  "
              f"rebuild {rebuild:6.1f} s  publish with a tenth of the charts new (the rest from the cache publish.yml "
              f"keeps) {publish:6.1f} s  "
              f"largest page {largest / 1024:6.1f} KB  largest section page {largest_section / 1024:6.1f} KB  "
              f"largest table page ({TABLE_ROWS} rows) {table_page.stat().st_size / 1024:6.1f} KB, first load on a phone "
              f"{loaded / 1024:6.1f} KB compressed (target ≤ 150)  county page ({departments} departments) "
              f"{county / 1024:5.1f} KB compressed  site {total / 1024 / 1024:6.1f} MB", flush=True)
        if bodies:
            sharded(project, bodies, site)
    print(f"load average over the last 15 minutes: {os.getloadavg()[2]:.1f} on {os.cpu_count()} cores")
    first, last = counts[0], counts[-1]
    growth = results[last][0] / results[first][0]
    print(f"\ntime {last} / time {first}: {growth:.1f}× (target ≤ {12 * last // first // 10}× for linear growth)")
    print(f"largest section page {last} / {first}: {results[last][2] / results[first][2]:.2f}× (target ≤ 1.5×)")
    if not baseline:
        return

    print(f"\nbaseline: the {last} department-years' pages as plain Markdown, Material's default navigation")
    print(BASELINE_REPORTED)
    plain = plain_markdown_project(generated_pages(synthetic_data(last)))
    seconds = build(plain, site := temporary())
    html = list(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"baseline N={last}: {len(html)} pages  build {seconds:6.1f} s  largest page "
          f"{max(p.stat().st_size for p in html) / 1024:6.1f} KB  site {total / 1024 / 1024:6.1f} MB")
    clean, rebuild, _ = results[last]
    print(f"clean build {seconds / clean:.1f}× faster than the baseline (target ≥ 3×); "
          f"rebuild {seconds / rebuild:.1f}× faster (target ≥ 5×)")


def county(departments: int) -> None:
    """One county of this many departments, one year each: the size of its county page."""
    project = project_copy(synthetic_data(departments, years=1))
    seconds = build(project, site := temporary())
    size, shown = county_page(site)
    base, server = serve(site)
    loaded = first_load(base + "bodies/all/2021/", device=PHONE)["bytes"]
    server.shutdown()
    print(f"county page of {shown} departments: {size / 1024:.1f} KB compressed, first load on a phone "
          f"{loaded / 1024:.1f} KB compressed (target ≤ 150), built in {seconds:.0f} s")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--county" in arguments:
        county(int(arguments[arguments.index("--county") + 1]))
        sys.exit()
    shards = int(arguments.pop(arguments.index("--shards") + 1)) if "--shards" in arguments else 0
    arguments = [a for a in arguments if a != "--shards"]
    keep = "--no-baseline" not in arguments
    main([int(a) for a in arguments if a != "--no-baseline"] or [20, 200], shards, keep)
