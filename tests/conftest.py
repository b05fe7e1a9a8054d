"""Shared helpers: build the real site with MkDocs and read its HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SEED_YAML = ROOT / "data" / "miyi-xinfang" / "2021.yaml"
SEED_TEXT = ROOT / "data" / "miyi-xinfang" / "2021.source.txt"


def mkdocs_build(project: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on a project folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def make_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of this project's site sources; `data` replaces data/ when given."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "hooks", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


class BuiltSite:
    def __init__(self, out: Path):
        self.out = out

    def page(self, url: str) -> BeautifulSoup:
        path = self.out / url.strip("/") / "index.html" if not url.endswith(".html") else self.out / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str) -> BeautifulSoup:
        """The page's main content, without navigation."""
        return self.page(url).select_one("article.md-content__inner")

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def build_or_fail(project: Path, out: Path) -> BuiltSite:
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return BuiltSite(out)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> BuiltSite:
    """The real site, built once from this repository's data."""
    return build_or_fail(ROOT, tmp_path_factory.mktemp("seed-site"))
