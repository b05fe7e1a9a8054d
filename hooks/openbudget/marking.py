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
from html import escape
from html.parser import HTMLParser

from .glossary import Explained

SKIP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "th", "caption",
                       "script", "style", "svg", "math", "abbr", "button", "label", "textarea", "select",
                       "option", "title", "template", "head", "nav", "dt"})
SKIP_CLASS = "ob-nomark"
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "source", "track", "wbr", "param"})
RAW_TEXT = frozenset({"script", "style"})


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


class Marker(HTMLParser):
    """Rewrites HTML, passing every text node outside skipped elements through `mark`."""

    def __init__(self, mark: Callable[[str], str]):
        super().__init__(convert_charrefs=True)
        self.mark = mark
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skip inside)

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID_TAGS:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, self.skipping or tag in SKIP_TAGS or SKIP_CLASS in classes))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in RAW_TEXT:
            self.out.append(data)
        elif self.skipping:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self.mark(data))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        # <![CDATA[x]]> arrives as "CDATA[x"; other marked sections (<![if IE]>) end in "]>"
        self.out.append(f"<![{data}]]>" if data.startswith("CDATA[") else f"<![{data}]>")


def tooltip(text: str) -> str:
    """A title attribute for Material's tooltips, which put the title into the page as HTML
    (innerHTML): escaped once for that, then once more as an attribute value."""
    return escape(escape(text, quote=False), quote=True)


class TermMarker:
    """Marks every term occurrence as a link to its glossary entry with a tooltip.

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

        def mark(text: str) -> str:
            parts, last = [], 0
            for match in pattern.finditer(text):
                if not match.group():
                    continue
                explained = self.terms[match.group()]
                found.add(explained.term)
                parts.append(escape(text[last:match.start()], quote=False))
                parts.append(f'<a class="ob-term" href="{escape(link(explained.url))}" '
                             f'title="{tooltip(explained.tooltip)}">{escape(match.group(), quote=False)}</a>')
                last = match.end()
            parts.append(escape(text[last:], quote=False))
            return "".join(parts)

        parser = Marker(mark)
        parser.feed(html)
        parser.close()
        return "".join(parser.out), found
