"""Lighthouse scores of the main page types (mobile, median of 3), served like GitHub Pages.

    .venv/bin/python benchmarks/lighthouse.py

Run by hand (not in CI). Targets of issue 5: accessibility 100, best practices 100,
SEO 100, mobile performance ≥ 95. Baseline measured on a default Material page:
accessibility 92–93, best practices 100, SEO 90–91, performance 90–96.
"""

from __future__ import annotations


from common import build, lighthouse, project_copy, serve, temporary

PAGES = {
    "home": "",
    "department": "miyi-xinfang/",
    "overview": "miyi-xinfang/2021/",
    "section with chart (budget)": "miyi-xinfang/2021/budget/",
    "section, text (work plan)": "miyi-xinfang/2021/work-plan/",
    "glossary": "glossary/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> None:
    site = temporary()
    build(project_copy(), site)
    base, server = serve(site)
    print(f"{'page':32}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for label, path in PAGES.items():
        scores = lighthouse(base + path)
        print(f"{label:32}" + "".join(f"{scores[c]:>16.0f}" for c in CATEGORIES), flush=True)
    server.shutdown()
    print("targets: performance ≥ 95, accessibility 100, best practices 100, SEO 100")


if __name__ == "__main__":
    main()
