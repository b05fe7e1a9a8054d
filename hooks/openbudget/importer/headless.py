"""Text that no heading introduces, read for the figures it states.

Some pages publish one section alone, with no heading at all (a county's “三公”经费 page:
“2018年政协机关“三公”经费预算数为20.1万元……”, then 1. 2. 3. items stating amounts). Others
are an excerpt that starts in the middle of a section (“19816.81 元,项目支出 0元。……”, then
the next numbered heading). What such text is about is read from it: its first sentence that
states an amount, when that is worded like a section with figure fields (三公, 支出 …);
else the labels its amounts carry (上年结转和结余, 本年支出: 收支; a functional class: 支出).

A text without any heading is then one section of that kind, without a heading (the site
shows the kind's own title); the lines before that sentence stay the preamble. The text
before the first heading of an excerpt (no title) stays the preamble, and its amounts are
read into the section of its kind (figures.recognise). Nothing is reworded or dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from .figures import FIGURE_KINDS, LIST_NAME, NAME_LEAD, label_sets, labelled, line_kind, match_kind, mentions
from .outline import Node, Outline

SENTENCE_END = re.compile(r"[。；;！？!?]")
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
CUT_OPEN = re.compile(r"^\s*(?:[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:万元|元|万|%|％)|[，,、。；;）)])")
LINE_KINDS = {"source": "budget", "function": "expenditure"}


def content_kind(texts: list[str]) -> str | None:
    """The figure kind a run of text without a heading is about, or None."""
    found = [m for text in texts for m in mentions(text)]
    if not found:
        return None
    if (kind := match_kind(found[0].sentence)) in FIGURE_KINDS:
        return kind
    votes: Counter = Counter()
    labels = label_sets()
    for m in found:
        votes.update(kind for kind in FIGURE_KINDS if labelled(m, labels[kind]))
        clause = m.text[:m.start].rstrip()
        if name := LIST_NAME.search(NAME_LEAD.sub("", clause[-30:].split("，")[-1].split(",")[-1])):
            votes.update([LINE_KINDS.get(line_kind(name.group(1).strip()) or "")] if
                         line_kind(name.group(1).strip()) in LINE_KINDS else [])
    return votes.most_common(1)[0][0] if votes else None


def section_of_headless(doc: Outline) -> Outline:
    """A text without any heading that states a section's figures: that section, headless."""
    if doc.sections:
        return doc
    first = next((i for i, line in enumerate(doc.preamble) if mentions(line)), None)
    if first is None or content_kind(doc.preamble[first:]) is None:
        return doc
    node = Node(None, "headless", paragraphs=doc.preamble[first:], about=content_kind(doc.preamble[first:]))
    doc.preamble, doc.sections = doc.preamble[:first], [node]
    return doc


def excerpt_head(doc: Outline) -> Node | None:
    """The text of an excerpt before its first heading (it has no title), when it states figures;
    without its first sentence, which the excerpt may have cut (“19816.81 元,项目支出 0元。”: whose?)."""
    if doc.title or not doc.sections:
        return None
    text = after_first_sentence(doc.preamble)
    if not any(mentions(line) for line in text):
        return None
    return Node(None, "excerpt", paragraphs=text, about=content_kind(text))


def after_first_sentence(lines: list[str]) -> list[str]:
    """The text, without its first sentence when the excerpt opens inside one (after a page number,
    an amount without its label, or punctuation: “19816.81 元,项目支出 0元。”)."""
    start = next((i for i, line in enumerate(lines) if not PAGE_NUMBER.match(line)), len(lines))
    if start == len(lines) or not CUT_OPEN.match(lines[start]):
        return lines[start:]
    for i, line in enumerate(lines):
        if found := SENTENCE_END.search(line):
            rest = line[found.end():].strip()
            return ([rest] if rest else []) + lines[i + 1:]
    return []


def head_as_section(doc: Outline, head: Node) -> Outline:
    """An excerpt's opening text about a kind no heading of the excerpt has: a section of its own,
    without a heading, before the first heading (the lines before its text stay the preamble)."""
    first = next((i for i, line in enumerate(doc.preamble) if head.paragraphs and head.paragraphs[0] in line), None)
    if first is None:
        return doc
    node = Node(None, "headless", paragraphs=doc.preamble[first:], about=head.about)
    doc.preamble, doc.sections = doc.preamble[:first], [node, *doc.sections]
    return doc
