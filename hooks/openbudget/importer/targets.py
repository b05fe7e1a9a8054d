"""Targets a work plan's or performance section's text states, found for the editor to check.

Two wordings are read, each in one sentence (up to its 。):
- a rate or share with its value: “确保信访事项及时受理率100%、按期办结率100%、群众参评率和满意率99%以上”,
  “确保实现网信占比达70%以上”, “确保完成2021年化解60%的目标任务” (a bare verb takes the object the
  sentence counts: “31件重复信访事项” → 重复信访事项化解);
- a quoted aim: “确保实现重要敏感时期“零进京”“零赴蓉”的目标”, “实现重复信访事项“清仓见底”的工作目标”.
The value is kept as printed (达 is the sentence's verb, not the value); the sentence is quoted whole.
"""

from __future__ import annotations

import re

SENTENCE = re.compile(r"[^。；;！？\n]*[。；;！？]?")
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|\d+[.、．])?(?:确保|力争|实现|完成|达到|争取|进一步)*(?:\d{4}年)?(?:度)?")
RATE = re.compile(r"([\u4e00-\u9fff“”]{2,24}?)(?:达到|达)?((?:≥|≤)?\d+(?:\.\d+)?[%％](?:以上|以下)?)")
AIM = re.compile(r"(?:确保实现|确保|实现)([\u4e00-\u9fff]{0,16}?)((?:“[^”]{1,12}”)+)的(?:工作)?目标")
COUNTED_OBJECT = re.compile(r"\d+(?:件|个|项)([\u4e00-\u9fff]{2,12}?事项)")
CLAUSE = re.compile(r"[，,、：:；（）()]")


def in_text(texts: list[str]) -> list[dict]:
    """Each target found, in the text's order: {indicator, value, sentence}."""
    found: list[tuple[int, int, dict]] = []
    for t, text in enumerate(texts):
        for sentence in SENTENCE.findall(text):
            if not sentence.strip():
                continue
            at = text.index(sentence)
            for start, target in _rates(sentence) + _aims(sentence):
                found.append((t, at + start, {**target, "sentence": sentence.strip()}))
    return [target for _, _, target in sorted(found, key=lambda f: f[:2])]


def _rates(sentence: str) -> list[tuple[int, dict]]:
    out = []
    for match in RATE.finditer(sentence):
        clause_start = max((m.end() for m in CLAUSE.finditer(sentence, 0, match.start(2))), default=0)
        words = sentence[clause_start:match.start(2)]
        indicator = _LEAD.sub("", re.sub(r"(?:达到|达)$", "", words)).strip("“”")
        if len(indicator) <= 2 and (obj := COUNTED_OBJECT.search(sentence[:match.start()])):
            indicator = obj.group(1) + indicator
        if len(indicator) >= 2:
            out.append((match.start(2), {"indicator": indicator, "value": match.group(2)}))
    return out


def _aims(sentence: str) -> list[tuple[int, dict]]:
    out = []
    for match in AIM.finditer(sentence):
        indicator = _LEAD.sub("", match.group(1))
        if len(indicator) >= 2:
            out.append((match.start(2), {"indicator": indicator, "value": match.group(2)}))
    return out
