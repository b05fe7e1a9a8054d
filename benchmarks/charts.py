"""What charts cost: first-load bytes, Lighthouse mobile performance, build time.

    .venv/bin/python benchmarks/charts.py

Run by hand (not in CI); prints figures next to the baseline and targets of issue 4.
"""

from __future__ import annotations

import shutil
import statistics

from common import build, first_load, lighthouse, project_copy, serve, temporary

BASELINE = "baseline (vega-embed on every page, self-hosted): 1,102 KB, Lighthouse mobile 65–87"


def build_costs(runs: int = 5) -> tuple[float, float, float]:
    """Median seconds: charts off, clean build with charts, rebuild with a warm cache.
    Runs are interleaved so that machine noise falls on all three alike."""
    project = project_copy()
    times: dict[str, list[float]] = {"off": [], "clean": [], "warm": []}
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        times["off"].append(build(project, temporary(), {"OPENBUDGET_CHARTS": "false"}))
        times["clean"].append(build(project, temporary()))
        times["warm"].append(build(project, temporary()))
    return tuple(statistics.median(times[k]) for k in ("off", "clean", "warm"))  # type: ignore[return-value]


def main() -> None:
    build(project_copy(), site := temporary())  # warm the caches first
    print("== build cost (median of 5, interleaved) ==")
    off, clean, warm = build_costs()
    print(f"charts off:                         {off:5.2f} s")
    print(f"clean build with charts (no cache): {clean:5.2f} s  = {clean / off:.2f}× (target ≤ 1.5×)")
    print(f"rebuild, data unchanged (cached):   {warm:5.2f} s  = {warm / off:.2f}× (target ≤ 1.1×)")

    base, server = serve(site)
    print("\n== first load, served gzip-compressed like GitHub Pages ==")
    print(BASELINE)
    for label, path in (("chart page (budget)", "miyi-xinfang/2021/budget/"),
                        ("page without charts (duties)", "miyi-xinfang/2021/duties/")):
        load = first_load(base + path)
        chart_js = [u for u in load["files"] if "vega" in u or "charts.js" in u]
        print(f"{label:30} {load['bytes'] / 1024:7.1f} KB transferred, {len(load['files'])} requests, "
              f"chart JavaScript: {', '.join(u.rsplit('/', 1)[-1] for u in chart_js) or 'none'}")
    load = first_load(base + "miyi-xinfang/2021/budget/", reach_for_chart=True)
    print(f"{'chart page, reader points at a chart':30} {load['bytes'] / 1024:7.1f} KB transferred "
          f"(the chart library loads on demand)")
    print("target: a chart page ≤ 500 KB; a page without charts loads no chart JavaScript")

    print("\n== Lighthouse mobile performance (median of 3) ==")
    for label, path in (("chart page (budget)", "miyi-xinfang/2021/budget/"),
                        ("page without charts (duties)", "miyi-xinfang/2021/duties/")):
        print(f"{label:30} {lighthouse(base + path)['performance']:.0f}  (target ≥ 95)")
    server.shutdown()


if __name__ == "__main__":
    main()
