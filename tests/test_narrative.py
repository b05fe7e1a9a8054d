"""Published text: nested subsections keep their headings and each heading its own address."""

from __future__ import annotations

from bs4 import BeautifulSoup

from openbudget.document.model import Narrative
from openbudget.render.pages import environment


def rendered(block: Narrative) -> BeautifulSoup:
    macros = environment().get_template("macros.html").module
    return BeautifulSoup(str(macros.narrative(block)), "html.parser")


def test_nested_subsections_each_have_their_own_heading_address():
    block = Narrative(heading="三、年度工作任务", subsections=[
        Narrative(heading="（一）重点工作", subsections=[
            Narrative(heading="1. 第一项", paragraphs=["（虚构）"]), Narrative(heading="2. 第二项")]),
        Narrative(heading="（二）其他工作", subsections=[Narrative(heading="1. 第三项")]),
    ])
    headings = [(h.name, h["id"], h.get_text()) for h in rendered(block).select("h2, h3, h4")]
    assert headings == [
        ("h2", "part-1", "（一）重点工作"), ("h3", "part-1-1", "1. 第一项"), ("h3", "part-1-2", "2. 第二项"),
        ("h2", "part-2", "（二）其他工作"), ("h3", "part-2-1", "1. 第三项"),
    ]
