"""The Content-Security-Policy every page ships (as a meta tag: GitHub Pages sets no headers).

Scripts may come only from this site, plus the small inline scripts of Material's own
templates, allowed one by one by their SHA-256 hash, and WebAssembly compiled by the page
('wasm-unsafe-eval': the search's Pagefind runs as WebAssembly; it allows no JavaScript eval). Those scripts are recognised by
reading Material's template files, so a theme upgrade cannot slip an unknown script in:
an inline script that matches none of them stops the build. No 'unsafe-inline' and no
'unsafe-eval' for scripts: charts use Vega's expression interpreter instead of eval.

Data cannot reach the policy: only the tag that overrides/main.html writes first in <head>,
before anything made from data, is filled in; the same placeholder text anywhere else (a
department named "…ob-csp-policy…") stays as it is. A page without that tag stops the build.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import material

from ..vocabulary.problems import visible

PLACEHOLDER = "ob-csp-policy"  # written by overrides/main.html, replaced after rendering
# The start of every page, up to the policy's placeholder: nothing from data comes before it.
POLICY_TAG = re.compile(r'\A\s*<!doctype html>\s*<html( [\w-]+="[\w -]*")*>\s*<head>\s*<meta charset="utf-8">\s*'
                        r'<meta http-equiv="Content-Security-Policy" content="(' + PLACEHOLDER + r')">', re.I)
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # the search (Pagefind) is WebAssembly
    "style-src": "'self' 'unsafe-inline'",  # Material and the chart tooltips set styles inline
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S)


class PolicyError(ValueError):
    """A page whose policy cannot be set safely: the build stops."""


class UnknownInlineScript(PolicyError):
    pass


class MissingPolicy(PolicyError):
    pass


@cache
def _known_scripts() -> tuple[re.Pattern[str], ...]:
    """Material's inline scripts, with their template expressions as wildcards for paths."""
    templates = Path(material.__file__).parent / "templates"
    patterns = []
    for template in sorted(templates.rglob("*.html")):
        for match in INLINE_SCRIPT.finditer(template.read_text(encoding="utf-8")):
            if match.group(1) or "{%" in match.group(2):
                continue
            parts = re.split(r"\{\{.*?\}\}", match.group(2))
            patterns.append(re.compile(r"[\w./:-]*".join(map(re.escape, parts))))
    return tuple(patterns)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def apply(html: str, preview: bool = False) -> str:
    """Fill the page's policy with the hashes of its (known) inline scripts.

    preview: for `mkdocs serve` only, whose live-reload script is injected inline and
    changes on every request, so no hash can allow it; the published site never has this.
    """
    tag = POLICY_TAG.match(html)
    if tag is None:
        raise MissingPolicy("页面开头没有内容安全策略（overrides/main.html），已停止生成")
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes, body = match.group(1) or "", match.group(2)
        if "src=" in attributes or "application/json" in attributes:
            continue
        if not any(p.fullmatch(body) for p in _known_scripts()):
            raise UnknownInlineScript(f"页面中出现了未知的内联脚本，已停止生成：{visible(body[:80])}")
        hashes.append(_hash(body))
    directives = dict(DIRECTIVES)
    extra = ["'unsafe-inline'"] if preview else sorted(set(hashes))
    directives["script-src"] = " ".join([directives["script-src"], *extra])
    policy = "; ".join(f"{k} {v}" for k, v in directives.items())
    return html[:tag.start(2)] + policy + html[tag.end(2):]
