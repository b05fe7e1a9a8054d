"""The Content-Security-Policy every page ships (as a meta tag: GitHub Pages sets no headers).

Scripts may come only from this site, plus the small inline scripts of Material's own
templates, allowed one by one by their SHA-256 hash. Those scripts are recognised by
reading Material's template files, so a theme upgrade cannot slip an unknown script in:
an inline script that matches none of them stops the build. No 'unsafe-inline' and no
'unsafe-eval' for scripts: charts use Vega's expression interpreter instead of eval.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import material

PLACEHOLDER = "ob-csp-policy"  # written by overrides/main.html, replaced after rendering
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
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


class UnknownInlineScript(ValueError):
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
    if PLACEHOLDER not in html:
        return html
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes, body = match.group(1) or "", match.group(2)
        if "src=" in attributes or "application/json" in attributes:
            continue
        if not any(p.fullmatch(body) for p in _known_scripts()):
            raise UnknownInlineScript(f"页面中出现了未知的内联脚本，已停止生成：{body[:80]}")
        hashes.append(_hash(body))
    directives = dict(DIRECTIVES)
    extra = ["'unsafe-inline'"] if preview else sorted(set(hashes))
    directives["script-src"] = " ".join([directives["script-src"], *extra])
    return html.replace(PLACEHOLDER, "; ".join(f"{k} {v}" for k, v in directives.items()), 1)
