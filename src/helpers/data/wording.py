"""What the words around a figure in its evidence say about it: a qualifier, or a requirement.

``workbook check`` codes a figure from ``value_text``; the words just outside it in the quote can still make it
a bound or an approximation (``超過160萬`` coded from ``160萬``; ``至少要配備3名`` from ``3名``; ``约5605户8474人``
from ``8474人``, where 约 governs both figures). :func:`stated_qualifier` finds the figure in its evidence and reads
the words right before and after it:

* before it, within its clause: a qualifier word (约, 近, 将近, 超过, 至少, 不少于, 不超过, ... as
  :data:`helpers.data.quantities.PREFIXES` declares them, and their English forms), possibly separated from the
  figure by a few linking words (要, 配备, 达到, 有, 为 ...) or by another figure of the same list (约5605户8474人);
* after it, past an optional unit word: 余, 多, 以上, 以下, 以内, 左右.

Words that only look like qualifiers are not read as one: 近 in 附近/最近/近年, 约 in 签约/预约/节约, 多 in
3个多元化 (多 and 余 count after a bare number before a unit, a scale or the end of the clause, and after a figure
with its unit only at the end of the clause), 余 in 余额, 以上 in 以上级/以上述. Traditional forms
(超過, 不少於, 約, 將近, 餘, 以內) read as their simplified ones.

:func:`requirement` says whether the clause of a figure words it as a norm for every unit (每个社工站配备,
每站资助, 原则上不少于, 每个地市可申报): such a figure is a ``standard``, not an achieved result.

>>> stated_qualifier("160萬", "社會工作專業人才總量超過160萬人")
('at_least', '超過160萬')
>>> stated_qualifier("8474人", "服务对象建档约5605户8474人")
('approx', '约5605户8474人')
>>> stated_qualifier("3个", "建成3个多元化服务平台") is None
True
>>> requirement("3-8名", "每站配备3-8名社工")
'每站配备'
"""

from __future__ import annotations

import re

from helpers.data.quantities import NUMBER, PREFIXES, SUFFIXES, UNIT_WORDS, parse_quantity, simplified

__all__ = ["WORDS", "requirement", "stated_qualifier"]

# How a message names each qualifier.
WORDS = {"exact": "exact", "at_least": "at least", "at_most": "at most", "approx": "approximate", "range": "range"}

# Where a clause ends: the words of another clause never qualify a figure.
_CLAUSE_END = set("，,。;；:：!！?？、\n()（）“”\"《》")

# Longest first, so 不超过 wins over 超过 and 将近 over 近.
_BEFORE = sorted(PREFIXES, key=lambda w: -len(w[0]))
_BEFORE_EN = [("more than", "at_least"), ("over", "at_least"), ("at least", "at_least"), ("nearly", "approx"),
              ("about", "approx"), ("around", "approx"), ("approximately", "approx"), ("almost", "approx"),
              ("up to", "at_most"), ("no more than", "at_most")]
_AFTER = sorted(SUFFIXES, key=lambda w: -len(w[0]))

# A qualifier character that ends another word: 附近, 签约, 高超 ... are not qualifiers.
_NOT_BEFORE = {"近": "附最就邻靠亲临", "约": "签合预公节履制邀条特", "超": "高赶", "逾": ""}
# What may follow 余/多 when they qualify the figure before them: a unit word, a scale, the end of the clause.
_UNIT_CHARS = {w[0] for w, _ in UNIT_WORDS} | set("万亿")
# 以上 read as 以 + 上级/上述/上海 ...
_NOT_AFTER = {"以上": "级述海"}

# Words that may stand between a qualifier and its figure (至少要配备3名, 约有300人, 超过了1万).
_LINKS = sorted(["要", "需", "需要", "应", "须", "必须", "配备", "配置", "达到", "达", "有", "为", "是", "了", "占",
                 "共", "共有", "共计", "计", "累计", "招聘", "安排", "投入", "建成", "建设", "设立"], key=len,
                reverse=True)
_QUANTITY_END = re.compile(rf"{NUMBER}(?:[.]\d+)?[万亿]?(?:余|多)?(?:{'|'.join(w for w, _ in UNIT_WORDS)})$")
_NUMERAL = re.compile(rf"[\d.{''.join('零〇一二两三四五六七八九十百千万亿')}]")

# A norm for every unit: 每(个)站/每个社工站 … 配备/资助/可申报, 给予每个社工站, 原则上, 至少要; in English
# "each station will be equipped with".
_UNIT_NOUN = r"(?:个|一个)?[\u4e00-\u9fff]{0,4}?(?:站|点|站点|社工|村|社区|乡镇|街道|镇街|地市|市|县)"
_REQUIREMENT = re.compile(
    rf"每{_UNIT_NOUN}[\u4e00-\u9fff]{{0,6}}?(?:配备|配置|资助|给予|补助|补贴|拨付|可申报|不少于|不低于|不超过|不高于)"
    rf"|(?:给予|资助|补助|补贴|拨付)每{_UNIT_NOUN}"
    r"|原则上|至少要|按照要求每|要求每|必须|应当"
    r"|(?i:\beach\b[^,.;]{0,40}?\b(?:will be |shall be |must be |is |are )?(?:equipped|staffed|funded)\b)")


def _occurrences(text: str, evidence: str):
    """Where ``text`` stands in ``evidence`` as a whole figure (not the tail of a longer number)."""
    if not text:
        return
    start = evidence.find(text)
    while start >= 0:
        end = start + len(text)
        whole_before = start == 0 or not (_NUMERAL.match(evidence[start - 1]) and _NUMERAL.match(text[0]))
        whole_after = end == len(evidence) or not (_NUMERAL.match(evidence[end]) and _NUMERAL.match(text[-1]))
        if whole_before and whole_after:
            yield start, end
        start = evidence.find(text, start + 1)


def _clause_before(evidence: str, start: int) -> str:
    i = start
    while i > 0 and evidence[i - 1] not in _CLAUSE_END:
        i -= 1
    return evidence[i:start]


def _word_before(before: str) -> tuple[str, int] | None:
    """The qualifier ending ``before`` once linking words and other figures are stripped: (qualifier, where)."""
    s = before
    while True:
        for link in _LINKS:
            if s.endswith(link):
                s = s[: -len(link)]
                break
        else:
            m = _QUANTITY_END.search(s)
            if m and m.start() < len(s):
                s = s[: m.start()]
                continue
            break
    low = s.lower().rstrip()
    for words, meaning in _BEFORE_EN:
        if low.endswith(words) and (len(low) == len(words) or not low[-len(words) - 1].isalpha()):
            return meaning, len(low) - len(words)
    for word, meaning in _BEFORE:
        if s.endswith(word):
            at = len(s) - len(word)
            if len(word) == 1 and at > 0 and s[at - 1] in _NOT_BEFORE.get(word, ""):
                return None
            return meaning, at
    return None


def _word_after(after: str, has_unit: bool) -> tuple[str, int] | None:
    """The qualifier starting ``after`` (past one optional unit word): (qualifier, where it ends).

    余/多 qualify a bare number when a unit, a scale or the end of the clause follows (300多人, 5000余家); after a
    figure with its unit only at the end of the clause (3个多元化 is "3 diverse ...", not "over 3")."""
    offset = 0
    for word, _ in UNIT_WORDS:
        if after.startswith(word):
            offset, has_unit = len(word), True
            break
    rest = after[offset:]
    for word, meaning in _AFTER:
        if not rest.startswith(word):
            continue
        nxt = rest[len(word): len(word) + 1]
        if word in ("余", "多") and nxt and nxt not in _CLAUSE_END and (has_unit or nxt not in _UNIT_CHARS):
            return None
        if nxt and nxt in _NOT_AFTER.get(word, ""):
            return None
        return meaning, offset + len(word)
    return None


def stated_qualifier(value_text: str, evidence: str) -> tuple[str, str] | None:
    """The qualifier the evidence gives ``value_text``, counting the words around it, and the words that say so
    (as written); None when the words around it add nothing (or the figure is not in the quote).

    The qualifier of ``value_text`` itself counts too: ``约`` before ``500余次`` makes it approximate, as
    :func:`helpers.data.quantities.parse_quantity` reads ``约500余次``.
    """
    if not value_text or not evidence:
        return None
    text, ev = simplified(value_text), simplified(evidence)
    try:
        own = parse_quantity(value_text).qualifier
    except ValueError:
        return None
    found = []
    for start, end in _occurrences(text, ev):
        kinds, first, last = set(), start, end
        before = _word_before(_clause_before(ev, start))
        if before:
            kinds.add(before[0])
            first = start - len(_clause_before(ev, start)) + before[1]
        after = _word_after(ev[end:], parse_quantity(value_text).unit is not None)
        if after:
            kinds.add(after[0])
            last = end + after[1]
        if not kinds:
            found.append(None)
            continue
        if own != "exact":
            kinds.add(own)
        if "approx" in kinds:
            kinds = {"approx"}
        if len(kinds) == 1:
            found.append((kinds.pop(), evidence[first:last].strip()))
    if not found or None in found:
        return None
    return found[0]


def requirement(value_text: str, evidence: str) -> str | None:
    """The words in the clause of ``value_text`` that make it a norm for every unit (``每站配备``, ``原则上``),
    as written; None when the clause reports a result."""
    text, ev = simplified(value_text), simplified(evidence)
    for start, end in _occurrences(text, ev):
        before = _clause_before(ev, start)
        m = _REQUIREMENT.search(before + ev[start:end])  # 每站社工不少于6名: the norm word may open value_text
        if m and m.start() < len(before):
            offset = start - len(before)
            return evidence[offset + m.start(): offset + m.end()]
    return None
