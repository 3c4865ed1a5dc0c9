"""Figures whose digits were lost (a page's numbers dropped when it was copied): a measure word standing where a
number was (覆盖全市个街道, 不少于平方米, 余名持证社工), and lists whose numbers were all lost (累计开展各类探访次，个案例，
服务人次). :func:`helpers.data.extract.extract_text` drafts them as ``missing``.
"""

from __future__ import annotations

import re

from helpers.data.extract import _CN, _UNITS

# A measure word standing where a number was lost: 覆盖全市个街道, 不少于平方米, 余名持证社工.
_LOST_TRIGGER = ("辖|、|和|(?<!参)与|及|各类|建成|建立|设立|覆盖|达到|不少于|不低于|超过|累计|共有|共|全市|全区|全县|全省|全盟|全旗|"
                 "开展|培育|孵化|组建|招募|吸纳|配备|新增|打造|链接|引进|投入|面积")
_LOST_UNITS = "平方米|人次|万元|亿元|元|%|个|名|家|处|户|支|场|所"
LOST = re.compile(
    rf"(?:(?P<trig>{_LOST_TRIGGER})(?P<q1>余|多(?!元))?|(?<![\d{_CN}其剩多])(?P<q2>余|多)(?!元))"
    rf"(?P<unit>{_LOST_UNITS})"
)
# A list whose numbers were all lost: two or more items in a row that end in a measure word straight after a word
# (累计开展各类探访次，个案例，小组次，社区活动场，服务人次; 实施项目个，网格覆盖率%). One such item alone is too often an
# ordinary word (层次, 市场, 案例), so a lone item is not read.
_LIST_ITEM = re.compile(rf"(?<![\d{_CN}])(?P<unit>人次|次|场|例|个|项|%|％)$")
_WORD_ENDING = {"次": "层依首本此每再其多屡档批名位席主", "场": "市现广农会球商战立官登出在入退",
                "例": "案比条惯事病特范先体实", "个": "各每整这那哪某几", "项": "事款选立单强弱要各逐多",
                "人次": "", "%": "", "％": ""}
_LIST_LEAD = re.compile(r"以来|累计|共|开展|组织|举办|提供|完成|实施|各类|全年")


def add_lost(sentence: str, found: list[tuple[int, int, str, bool]], bad_context) -> None:
    """Add to ``found`` (start, end, unit, True) for each measure word of ``sentence`` standing where a number was
    lost (:data:`LOST`; not inside a figure already found, not where ``bad_context(sentence, start, end, unit)``),
    then for the items of lists whose numbers were lost (:func:`lost_list_items`)."""
    for m in LOST.finditer(sentence):
        unit = m.group("unit")
        if any(s <= m.start("unit") < e for s, e, _, _ in found):
            continue
        if bad_context(sentence, m.start("unit"), m.end("unit"), unit):
            continue
        start = m.start("trig") + len(m.group("trig")) if m.group("trig") else m.start("q2")
        if m.group("trig") in ("不少于", "不低于", "超过"):
            start = m.start("trig")
        end = m.end()
        noun = re.match(r"[\u4e00-\u9fff]{0,6}?(?=[的、和与及等，。；,;（(\s]|$)", sentence[end:])
        if unit not in ("平方米", "%", "人次", "万元", "亿元", "元") and noun:
            end += len(noun.group())
        found.append((start, end, unit, True))
    found += lost_list_items(sentence, found)


def lost_list_items(sentence: str, found: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """(start, end, unit, True) for the items of a list whose numbers were lost (see :data:`_LIST_ITEM`): runs of two
    or more items in a row (split on ，、；) that end in a measure word, at least two of them after a word the measure
    word does not end (探访次, not 层次); items a figure was already found in are left out.

    >>> [sentence[s:e] for sentence in ["累计开展各类探访次，个案例，服务人次"] for s, e, _, _ in lost_list_items(sentence, [])]
    ['探访次', '个案例', '服务人次']
    """
    items, pos = [], 0
    for part in re.split(r"([，、；,;])", sentence):
        if part and part not in "，、；,;":
            items.append((pos, pos + len(part), part))
        pos += len(part)
    out, run = [], []

    def flush():
        clear = [m for m in run if m[3].group("unit") not in _WORD_ENDING or
                 m[2][m[3].start() - 1: m[3].start()] not in _WORD_ENDING[m[3].group("unit")]]
        if len(run) >= 2 and len(clear) >= 2:
            for s, e, text, m in run:
                leads = [x.end() for x in _LIST_LEAD.finditer(text, 0, m.start() - 1)]  # the words after the verb
                start = s + (leads[-1] if leads else 0)
                out.append((start, e, m.group("unit"), True))
        run.clear()

    for s, e, text in items:
        s += len(text) - len(text.lstrip())
        text = text.strip().rstrip("。！？!?")
        m = _LIST_ITEM.search(text)
        taken = any(a < e and s < b for a, b, _, _ in found)
        has_number = re.search(rf"\d|[{_CN}](?:[{_UNITS}]|大)", text)  # 45大项 kept its number
        if m and m.start() >= 1 and re.match(r"[\u4e00-\u9fff]", text[m.start() - 1]) and not taken \
                and not has_number:
            run.append((s, s + len(text), text, m))
        else:
            flush()
    flush()
    return out
