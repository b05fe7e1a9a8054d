"""Mark glossary terms in rendered HTML: one pass per page, one automaton for all its terms.

Chinese has no spaces, so word boundaries (``\\b``, as in Markdown's abbr extension) never
match inside a sentence: 三率 in 提升信访“三率” would be missed. Instead all terms and
aliases are compiled into a single trie-shaped regular expression. At each position it
follows the trie character by character, so its cost does not grow with the number of
terms, and it takes the longest term that matches (基本支出 wins over 支出).

Text is never marked inside headings, links, code, table headers and captions, scripts, SVG,
another term, or any element carrying the ``ob-nomark`` class (chart specs, a term's own title,
the line naming a page's department, year and section).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape

from ..sources.glossary import GLOSSARY_URL, Explained
from ..vocabulary.limits import MAX_MARKS_PER_PAGE, MAX_MARKS_PER_TERM

SKIP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "th", "caption",
                       "script", "style", "svg", "math", "abbr", "button", "label", "textarea", "select",
                       "option", "title", "template", "head", "nav", "dt"})
SKIP_CLASS = "ob-nomark"
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "source", "track", "wbr", "param"})


def trie_pattern(words: list[str]) -> re.Pattern[str] | None:
    """One regex for all words, shaped like a trie; longest match wins at each position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return re.compile(build(trie)) if words else None


# One token of HTML: a comment, a script or style element whole (its text is not HTML), a tag
# (quoted attribute values may hold ">"), or another <!…> / <?…> declaration. Text lies between.
TOKEN = re.compile(r"""<!--.*?-->|<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>.*?</\1\s*>"""
                   r"""|</?([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<![^>]*>|<\?[^>]*>""", re.S | re.I)
CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def marked(html: str, mark: Callable[[str], str]) -> str:
    """The HTML with every text outside skipped elements passed through `mark` (and the text of
    skipped ones through `normal`). A regular expression finds the tags: this is the build's
    hottest loop (every page), and HTMLParser was several times slower on a table of 300 rows."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (open element, skip inside)
    at = 0
    for token in TOKEN.finditer(html):
        if token.start() > at:
            text = html[at:token.start()]
            out.append(normal(text) if stack and stack[-1][1] else mark(unescape(text)))
        at = token.end()
        out.append(tag := token.group())
        name = (token.group(2) or "").lower()
        if not name or tag.endswith("/>") or name in VOID_TAGS:
            continue  # a comment, script, declaration or element without content
        if tag[1] == "/":
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            continue
        skip = bool(stack) and stack[-1][1] or name in SKIP_TAGS
        if not skip and (found := CLASS.search(tag)):
            skip = SKIP_CLASS in "".join(g or "" for g in found.groups()).split()
        stack.append((name, skip))
    if at < len(html):
        text = html[at:]
        out.append(normal(text) if stack and stack[-1][1] else mark(unescape(text)))
    return "".join(out)


def normal(text: str) -> str:
    """Text as the marked text is written: entities decoded, then only &, < and > escaped."""
    return escape(unescape(text), quote=False) if "&" in text or ">" in text else text


def tooltip(text: str) -> str:
    """A title attribute: the definition as text (terms.js shows it as text, never as HTML)."""
    return escape(text, quote=True)


class TermMarker:
    """Marks a term's first uses on a page as links to its glossary entry with a tooltip: at most
    MAX_MARKS_PER_TERM of each term and MAX_MARKS_PER_PAGE in all (each carries its definition),
    and a page that leaves uses unmarked says so at its end.

    One marker per document (and one for pages without a document): its automaton is built
    once, whatever the number of the document's pages."""

    def __init__(self, terms: dict[str, Explained]):
        """terms: name (term or alias) → what the page says about it (glossary.Explained)."""
        self.terms = terms
        self.pattern = trie_pattern(list(terms))

    def mark_html(self, html: str, link: Callable[[str], str]) -> tuple[str, set[str]]:
        """The HTML with terms marked, and the set of terms it contains."""
        if self.pattern is None:
            return html, set()
        found: set[str] = set()
        pattern = self.pattern
        uses: dict[str, int] = {}  # marks made per term on this page (bounded: see limits.py)
        total = 0
        left_out = False

        def mark(text: str) -> str:
            nonlocal left_out, total
            parts, last = [], 0
            for match in pattern.finditer(text):
                if not match.group():
                    continue
                explained = self.terms[match.group()]
                found.add(explained.term)
                if uses.get(explained.term, 0) >= MAX_MARKS_PER_TERM or total >= MAX_MARKS_PER_PAGE:
                    left_out = True
                    continue
                uses[explained.term] = uses.get(explained.term, 0) + 1
                total += 1
                parts.append(escape(text[last:match.start()], quote=False))
                parts.append(f'<a class="ob-term" href="{escape(link(explained.url))}" '
                             f'title="{tooltip(explained.tooltip)}">{escape(match.group(), quote=False)}</a>')
                last = match.end()
            parts.append(escape(text[last:], quote=False))
            return "".join(parts)

        html = marked(html, mark)
        if left_out:
            html += (f'<p class="ob-nomark ob-terms-limited">本页每个名词只在前 {MAX_MARKS_PER_TERM} 处标出解释'
                     f'（全页最多 {MAX_MARKS_PER_PAGE} 处），完整解释见'
                     f'<a href="{escape(link(GLOSSARY_URL))}">名词解释</a>。</p>')
        return html, found
