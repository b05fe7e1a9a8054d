"""Data that tries to take over a page or the build: no redirect, no switched-off CSP (in the HTML
and in Chromium), no workflow command in what validate and the build print."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil

import pytest

from conftest import ROOT, build_or_fail, make_project, mkdocs_build, serve
from openbudget.render import csp
from openbudget.vocabulary.problems import Problem
from test_cli import openbudget
from test_loading import FILE, broken_copy

# A department name and an extra section's title that close the attribute they are written
# into and add their own: on the original templates every page of the department got a
# <meta http-equiv="refresh"> and Chromium left for 127.0.0.1:9.
REFRESH_NAME = '0;url=http://127.0.0.1:9/x" http-equiv="refresh" x="'
REFRESH_TITLE = '单位" http-equiv="refresh" content="0;url=http://127.0.0.1:9/y'
# The policy's placeholder inside a name: the original hook filled in the name instead of
# the policy tag, so the pages shipped the invalid policy "ob-csp-policy" (no policy at all).
CSP_NAME = "米易县ob-csp-policy信访局"

POLICY = {  # every page's Content-Security-Policy, directive by directive
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


@pytest.fixture(scope="module")
def named_site(tmp_path_factory):
    """The seed under the refresh name (with an extra section), and a copy under CSP_NAME."""
    folder = tmp_path_factory.mktemp("names")
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(data / "miyi-xinfang", data / "csp-test")
    seed = data / "miyi-xinfang" / "2021.yaml"
    text = seed.read_text(encoding="utf-8")
    assert text.count("department: 米易县信访局 ") == 1
    copy = data / "csp-test" / "2021.yaml"
    copy.write_text(text.replace("department: 米易县信访局 ", f"department: {CSP_NAME} "), encoding="utf-8")
    seed.write_text(text.replace("department: 米易县信访局 ", f"department: '{REFRESH_NAME}' ").replace(
        "data_notes:", f"  - kind: units\n    heading: '{REFRESH_TITLE}'\n"
        "    paragraphs:\n      - 本部门预算仅包含本级预算。\n\ndata_notes:"), encoding="utf-8")
    site = build_or_fail(make_project(folder / "project", data), folder / "out")
    base, server = serve(site.out)
    yield site, base
    server.shutdown()


def test_a_name_with_quotes_puts_no_refresh_on_any_page(named_site):
    site, _ = named_site
    pages = site.html_files()
    assert len(pages) > 20
    for path in pages:
        soup = site.page(str(path.relative_to(site.out)))
        assert [m["http-equiv"] for m in soup.select("[http-equiv]")] == ["Content-Security-Policy"], path
        assert not soup.select("meta[x]"), path


def test_a_name_with_quotes_is_shown_whole_in_the_description_and_title(named_site):
    site, _ = named_site
    year = (site.out / "miyi-xinfang" / "2021" / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="description" content="0;url=http://127.0.0.1:9/x&#34; http-equiv=&#34;refresh&#34; '
            'x=&#34;2021年部门预算公开：收支预算、三公经费、机关运行经费等">') in year
    units = (site.out / "miyi-xinfang" / "2021" / "units" / "index.html").read_text(encoding="utf-8")
    assert ("<title>0;url=http://127.0.0.1:9/x&#34; http-equiv=&#34;refresh&#34; x=&#34; 2021年 · "  # its department
            "单位&#34; http-equiv=&#34;refresh&#34; content=&#34;0;url=http://127.0.0.1:9/y - 部门预算公开</title>") in units
    description = site.page("miyi-xinfang/2021/").head.find("meta", attrs={"name": "description"})
    assert description["content"] == REFRESH_NAME + "2021年部门预算公开：收支预算、三公经费、机关运行经费等"


def test_every_page_carries_exactly_the_sites_policy_whatever_a_name_says(named_site):
    site, _ = named_site
    pages = site.html_files()
    assert len([p for p in pages if "csp-test" in p.parts]) > 10
    for path in pages:
        soup = site.page(str(path.relative_to(site.out)))
        [tag] = soup.find_all("meta", attrs={"http-equiv": re.compile("content-security-policy", re.I)})
        assert soup.head.find_all("meta")[:2] == [soup.head.meta, tag], f"{path}: policy not first in <head>"
        directives = dict(d.split(" ", 1) for d in tag["content"].split("; "))
        scripts = directives.pop("script-src")
        assert directives == POLICY, path
        inline = [s.string for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
        hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                         for s in inline})
        assert len(hashes) >= 2, path  # Material's own inline scripts, allowed one by one
        assert scripts == " ".join(["'self'", "'wasm-unsafe-eval'", *hashes]), path  # WebAssembly: the search


def test_a_page_without_its_policy_tag_stops_the_build():
    html = ('<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="description" content="米易县ob-csp-policy信访局">\n</head></html>')
    with pytest.raises(csp.PolicyError):
        csp.apply(html)


def watched(browser):
    """A page that records dialogs, console errors, CSP violations and navigations."""
    context = browser.new_context()
    page = context.new_page()
    page.dialogs, page.errors, page.navigations = [], [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("framenavigated", lambda f: f == page.main_frame and page.navigations.append(f.url))
    page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                         "e => window.__violations.push(e.violatedDirective))")
    return context, page


def test_a_visitor_of_a_page_named_to_redirect_stays_on_the_page(browser, named_site):
    _, base = named_site
    context, page = watched(browser)
    for url in ("miyi-xinfang/2021/", "miyi-xinfang/2021/units/"):
        page.navigations.clear()
        page.goto(base + url)
        page.wait_for_timeout(1500)  # a refresh after 0 seconds would have happened by now
        assert page.url == base + url
        assert page.navigations == [base + url]
        assert page.evaluate("window.__violations") == []
    assert page.dialogs == [] and page.errors == []
    context.close()


def test_an_inline_script_does_not_run_on_a_page_whose_name_holds_the_placeholder(browser, named_site):
    _, base = named_site
    context, page = watched(browser)
    page.goto(base + "csp-test/2021/")
    page.evaluate("() => { const s = document.createElement('script');"
                  " s.textContent = 'window.__ran = 1'; document.body.append(s); }")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__violations") == ["script-src-elem"]
    page.errors.clear()  # Chromium also reports the refused script on the console
    page.goto(base + "csp-test/2021/budget/")
    assert page.evaluate("window.__violations") == [] and page.errors == [] and page.dialogs == []
    context.close()


# --- Workflow commands from data --------------------------------------------------------
# On GitHub a line starting with :: is a command: this value, echoed at the start of a line,
# posted a fake "数据可以发布" notice and silenced the real ::error annotations after it.
COMMANDS = "\n::notice title=数据检查::数据可以发布\n::stop-commands::x1"
ANNOTATION = re.compile(r"::(error|warning) file=[^\s:,]+,line=\d+,col=\d+,title=数据(错误|说明)::\S.*")


def commands_project(root, in_key: bool = False) -> tuple[int, int]:
    """The seed with the commands in a double-quoted amount (or, with in_key, in a field
    name); returns the line and column the problem is reported at."""
    shutil.copytree(ROOT / "data", root / "data")
    quoted = COMMANDS.replace("\n", "\\n")
    if not in_key:
        _, line, col = broken_copy(root, "amount: 15.43", f'amount: "十三{quoted}"')
        return line, col + 8
    path = root / "data" / "miyi-xinfang" / "2021.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("    current: 25260.25")
    path.write_text(text[:at] + f'    "cur{quoted}": 1\n' + text[at:], encoding="utf-8")
    return text[:at].count("\n") + 1, 5


# The control character is refused before anything could echo the rest of the value.
REFUSED = "含有不可见的控制字符 U+000A（换行符），在第 {at} 个字处：请删除它，它常随从网页或其他文件复制的文字带入"


def test_a_problem_is_one_line_starting_with_its_place_whatever_the_data_says():
    for separator in ("\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"):
        problem = Problem(f"data/a{separator}b/2021.yaml", 3, 5, f"x{separator}::y", f'实际为 "1{separator}::notice::z"')
        assert str(problem).splitlines() == [str(problem)], repr(separator)
        assert str(problem).startswith("data/a")
    assert str(Problem(FILE, 3, 5, "assets", "实际为 \"1\n::notice::z\u2028\x1b[2K\"")) == (
        f'{FILE}:3:5 assets：实际为 "1\\n::notice::z\\u2028\\x1b[2K"')


@pytest.mark.parametrize("in_key, expected", [
    (False, "expenditure.by_function[1].amount（金额）：金额" + REFUSED.format(at=3)),
    (True, "字段名" + REFUSED.format(at=4)),
])
def test_validate_echoes_no_workflow_command_from_the_data(tmp_path, in_key, expected):
    line, col = commands_project(tmp_path, in_key)
    result = openbudget("validate", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    out = result.stdout.splitlines()
    problems = [l for l in out if not l.startswith("::")]
    assert problems == [f"{FILE}:{line}:{col} {expected}"]
    annotations = [l for l in out if l.startswith("::")]
    assert len(annotations) == len(problems) and all(ANNOTATION.fullmatch(a) for a in annotations), annotations
    assert annotations[0].startswith(f"::error file={FILE},line={line},col={col},title=数据错误::")
    assert [l for l in result.stderr.splitlines() if l.startswith("::")] == []


def test_a_build_stopped_by_the_data_echoes_no_workflow_command(tmp_path):
    line, col = commands_project(tmp_path)
    result = mkdocs_build(make_project(tmp_path / "project", tmp_path / "data"), tmp_path / "out",
                          {"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert [l for l in lines if l.lstrip().startswith("::")] == []
    assert f"{FILE}:{line}:{col} expenditure.by_function[1].amount（金额）：金额{REFUSED.format(at=3)}" in lines
    assert not (tmp_path / "out" / "index.html").exists()
