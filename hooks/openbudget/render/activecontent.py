"""No active content in what the site publishes as a picture: checked on write and on read.

GitHub Pages sets no headers, so the site's Content-Security-Policy (a <meta> tag in each
page, csp.py) does not cover an SVG opened on its own ("open image in new tab"): a script
in it runs in the site's origin. Every SVG the build publishes (a chart, from the renderer or
the cache; an image under content/) is parsed with a real XML parser (the standard library's
expat, with any DOCTYPE refused: no entity can be declared, expanded or fetched) and refused
unless it is a plain drawing:

- only drawing elements (ELEMENTS): no <script>, <foreignObject> (HTML inside), <a>,
  <image>, <use>, <iframe>, animation or any element not listed;
- no event attribute (on…), no link (href, xlink:href) but to a place in the same file (#…);
- styles (the style attribute and <style>) load nothing: url() only of the file's own
  fragments (#…) or an embedded font (data:font/…), no @import, no expression().

A chart's Vega file (the interactive chart) may not name a URL to load data or images from,
nor make a mark a link (no "url", "href" or "loader" anywhere in it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from ..sources import repofiles

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ELEMENTS = frozenset({
    "svg", "g", "defs", "style", "title", "desc", "metadata", "path", "line", "polyline", "polygon", "rect",
    "circle", "ellipse", "text", "tspan", "clipPath", "mask", "linearGradient", "radialGradient", "stop",
    "pattern", "marker", "symbol",
})
LINK_ATTRIBUTES = frozenset({"href", XLINK + "href"})
STYLE_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
NOT_IN_STYLES = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.I)
STYLE_WORDS = ("@import", "expression", "javascript:", "behavior", "-moz-binding")
VEGA_LINKS = frozenset({"url", "href", "loader"})


def _refuse(*_args) -> None:
    raise ValueError("DOCTYPE")


def parse_svg(data: bytes) -> ElementTree.Element | None:
    """The SVG's root element, or None if it is not well-formed XML without a DOCTYPE (expat
    with any DOCTYPE refused: no entity is declared, so none is expanded or fetched)."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = lambda tag, attrs: builder.start(_name(tag), {_name(k): v for k, v in attrs.items()})
    parser.EndElementHandler = lambda tag: builder.end(_name(tag))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        root = builder.close()
    except (expat.ExpatError, ValueError, AssertionError):
        return None
    return root if root.tag == SVG + "svg" else None


def _name(expat_name: str) -> str:
    """expat's "uri}local" as ElementTree's "{uri}local"."""
    return "{" + expat_name if "}" in expat_name else expat_name


def svg_problem(data: bytes) -> str | None:
    """Why this SVG cannot be published (in Chinese), or None if it is a plain drawing."""
    return drawing_problem(parse_svg(data))


def drawing_problem(root: ElementTree.Element | None) -> str | None:
    """svg_problem for an SVG parse_svg has read (None: it could not)."""
    if root is None:
        return "不是完整的 SVG 图（XML 格式有误，或含有 DOCTYPE）"
    for element in root.iter():
        name = element.tag.removeprefix(SVG)
        if name not in ELEMENTS:
            return f"含有不允许的元素 <{name}>（图中不能有脚本、网页内容、链接或外部图片）"
        for attribute, value in element.attrib.items():
            short = attribute.rsplit("}", 1)[-1]
            if short.lower().startswith("on"):
                return f"<{name}> 含有事件属性 {short}（会运行脚本）"
            if attribute in LINK_ATTRIBUTES and not value.strip().startswith("#"):
                return f"<{name}> 链接到图外的地址：{value[:80]}"
            if short == "style" and (problem := style_problem(value)):
                return f"<{name}> 的 style {problem}"
        if name == "style" and (problem := style_problem("".join(element.itertext()))):
            return f"<style> {problem}"
    return None


def style_problem(css: str) -> str | None:
    lowered = css.lower()  # (the regular expressions only where a word they look for is there: an embedded font is long)
    if any(word in lowered for word in STYLE_WORDS) and (found := NOT_IN_STYLES.search(css)):
        return f"含有 {found.group(0)}（会加载或运行外部内容）"
    for match in STYLE_URL.finditer(css):
        target = match.group(2).strip()
        if not (target.startswith("#") or target.lower().startswith("data:font/")):
            return f"加载外部内容：url({target[:80]})"
    return None


def vega_problem(data: bytes) -> str | None:
    """Why this Vega file cannot be published, or None: it loads nothing and links nowhere.

    Vega loads or links only through `url`, `href` and `loader` (data, image marks, the href
    channel): none may appear. A text the chart shows may hold an address as published (a row
    named “=HYPERLINK("http://…")”): shown as text, it opens nothing, and a cached chart's texts
    must be the job's own anyway (charts.py)."""
    try:
        spec = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        return "不是完整的 JSON 文件"
    stack = [spec]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if found := VEGA_LINKS & value.keys():
                return f"含有 {sorted(found)[0]}（会加载外部内容或把图变成链接）"
            stack += value.values()
        elif isinstance(value, list):
            stack += value
    return None


def source_file_problem(path: Path, root: Path) -> str | None:
    """Why a file of the repository the build publishes as it is (content/, overrides/) cannot
    be: a link or an odd file (repofiles), or an SVG with active content. Chinese, path first."""
    try:
        with repofiles.open_read(path, root) as file:
            problem = svg_problem(file.read()) if path.suffix.lower() == ".svg" else None
    except repofiles.Refused as refused:
        return str(refused)
    except OSError as error:
        return f"{repofiles.shown(path, root)}：无法读取（{error.strerror}）"
    return f"{repofiles.shown(path, root)}：{problem}" if problem else None
