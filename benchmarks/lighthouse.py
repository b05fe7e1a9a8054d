"""Lighthouse scores of the main page types (mobile, median of 3), served like GitHub Pages.

    .venv/bin/python benchmarks/lighthouse.py [--all]

Run by hand (not in CI). Lighthouse itself is pinned in benchmarks/package-lock.json and
installed there on first use. Pages: those issue 15 names (the seed's year overview, its
section pages with charts, and 历年对比 of the fictional three-year fixture tests/fixtures/multi,
the seed having one year, and a county page of the fictional county fixture tests/fixtures/county); with --all also the home, department, a text section and the
glossary. Targets: 100 in each category. For a category below 100 the audits that failed in
any run are listed under the table. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import sys

from common import ROOT, TIMINGS, build, county_copy, lighthouse, project_copy, serve, temporary

PAGES = (("overview", "seed", "miyi-xinfang/2021/"),
         ("section, charts (收支预算)", "seed", "miyi-xinfang/2021/budget/"),
         ("section, charts (支出预算)", "seed", "miyi-xinfang/2021/expenditure/"),
         ("历年对比 (trend charts)", "multi", "example-a/compare/"),
         ("county page (sortable)", "county", "bodies/shili/2031/"))
MORE = (("home", "seed", ""),
        ("department", "seed", "miyi-xinfang/"),
        ("section, text (work plan)", "seed", "miyi-xinfang/2021/work-plan/"),
        ("glossary", "seed", "glossary/"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main(*flags: str) -> None:
    sites = {}
    for name, data in (("seed", None), ("multi", ROOT / "tests" / "fixtures" / "multi")):
        build(project_copy(data), site := temporary())
        sites[name] = serve(site)
    build(county_copy(), site := temporary())
    sites["county"] = serve(site)
    print(f"{'page':32}" + "".join(f"{c:>16}" for c in CATEGORIES))
    failed, times = {}, {}
    load = os.getloadavg()[0]
    for label, site, path in PAGES + (MORE if "--all" in flags else ()):
        failing: dict = {}
        scores = lighthouse(sites[site][0] + path, failing=failing, timings=times.setdefault(label, {}))
        print(f"{label:32}" + "".join(f"{scores[c]:>16.0f}" for c in CATEGORIES), flush=True)
        failed[label] = {c: failing[c] for c in CATEGORIES if c in failing}
    for _, server in sites.values():
        server.shutdown()
    print("targets: 100 in every category (mobile, median of 3 runs)")
    # performance is measured on this machine's CPU (then slowed 4×): a busy machine scores lower
    print(f"load average (1 min) before / after: {load:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'page':32}" + "".join(f"{t.replace('-', ' ')[:22]:>24}" for t in TIMINGS))
    for label, measured in times.items():
        print(f"{label:32}" + "".join(f"{measured[t]:>24.{3 if t.startswith('cumulative') else 0}f}" for t in TIMINGS))
    for label, categories in failed.items():
        for category, audits in categories.items():
            print(f"  {label} · {category}: " + "; ".join(f"{k} ({v})" for k, v in sorted(audits.items())))


if __name__ == "__main__":
    main(*sys.argv[1:])
