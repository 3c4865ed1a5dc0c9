"""Chinese and English words for everything a report prints. One dictionary, no hidden state.

>>> t("sources", "zh")
'来源'
>>> format_figure(300, 300, None, "at_least", "persons", "reported", "en")
'≥ 300 persons'
"""

from __future__ import annotations

import math

WORDS = {
    "sources": ("来源", "Sources"),
    "source": ("来源", "Source"),
    "model": ("模式", "Model"),
    "models": ("模式", "Models"),
    "region": ("地区", "Region"),
    "level": ("层级", "Level"),
    "launch_year": ("启动年份", "Launch year"),
    "operating_mode": ("运营方式", "Operating mode"),
    "tiers": ("层级网络", "Tiers"),
    "framework": ("工作框架", "Framework"),
    "indicator": ("指标", "Indicator"),
    "dimension": ("维度", "Dimension"),
    "value": ("数值", "Value"),
    "figure": ("数字", "Figure"),
    "as_of": ("时点", "As of"),
    "period": ("口径", "Period"),
    "qualifier": ("限定", "Qualifier"),
    "status": ("状态", "Status"),
    "evidence": ("原文", "Evidence"),
    "note": ("说明", "Note"),
    "count": ("数量", "Count"),
    "year": ("年份", "Year"),
    "scope": ("范围", "Scope"),
    "parameters": ("参数", "Parameters"),
    "data_version": ("数据版本", "Data version"),
    "lost_in_source": ("原文缺失", "lost in source"),
    "target": ("目标", "target"),
    "no_data": ("无数据", "no data"),
    "summary": ("概述", "Summary"),
    "warnings": ("可比性提示", "Comparability warnings"),
    "gaps": ("数据缺口", "Gaps"),
    "derived": ("派生指标", "Derived indicators"),
    "inputs": ("来源事实", "Input facts"),
    "stations": ("社工站", "Stations"),
    "workers": ("驻站社工", "Stationed social workers"),
    "coverage": ("覆盖率", "Coverage"),
    "none": ("无", "none"),
    "facts": ("条数字", "figures"),
    "missing_rows": ("原文缺失", "Lost in source"),
    "published": ("发布", "Published"),
    "outlet": ("媒体/机构", "Outlet"),
    "url": ("网址", "URL"),
    "counts": ("统计内容", "What it counts"),
    "place": ("地点(层级)", "Place (level)"),
    "gap_legend": ("灰色斜体:未找到该模式本地区的数字", "grey italics: no figure for the model's own region"),
    "local_evidence": ("地方证据(不代表整个模式)", "Local evidence (does not stand for the whole model)"),
    "rule": ("纳入规则", "Rule"),
    "flags": ("标记", "Flags"),
    "not_found": ("未找到", "not found"),
    "employer": ("谁聘用社工", "Who employs the social workers"),
    "funding_how": ("经费来源与方式", "How stations are funded"),
    "supervision": ("督导与评估", "Supervision and evaluation"),
    "measure": ("比较项", "Measure"),
    "purpose": ("用途", "Purpose"),
    "payer": ("出资方", "Payer"),
    "conflict_with": ("冲突对象", "Conflicts with"),
    "filter": ("筛选(输入关键词)", "Filter (type words)"),
}

QUALIFIERS = {
    "exact": ("确数", "exact"),
    "at_least": ("下限(余/多/以上)", "lower bound (余/多/以上)"),
    "at_most": ("上限(不超过)", "upper bound (不超过)"),
    "approx": ("约数(约/近)", "approximate (约/近)"),
    "range": ("区间(至)", "range (至)"),
}
STATUSES = {"reported": ("已报告", "reported"), "target": ("目标", "target"),
            "missing": ("原文缺失", "lost in source")}
DIMENSIONS = {"staffing": ("人员配置", "Staffing"), "funding": ("资金投入", "Funding"),
              "outputs": ("服务产出", "Outputs"), "coverage": ("覆盖", "Coverage"),
              "targets": ("目标", "Targets")}
PERIODS = {"cumulative": ("累计", "cumulative"), "annual": ("年度", "annual"),
           "point_in_time": ("时点", "point in time"), "plan": ("规划/标准", "plan or standard")}
SCOPES = {"whole": ("全域", "whole place"), "programme": ("整个项目", "whole programme"),
          "phase": ("一期/一批", "one phase or batch"), "site": ("单个站点", "one site"),
          "subset": ("部分(子项)", "a subset")}
LEVELS = {"national": ("全国", "national"), "province": ("省级", "province"),
          "prefecture": ("地级", "prefecture"), "county": ("县级", "county"), "township": ("乡镇级", "township"),
          "site": ("单个站点", "one site")}
# "whole place" in the words of each level: 全省 / whole province ...
WHOLE = {"national": ("全国", "whole country"), "province": ("全省", "whole province"),
         "prefecture": ("全市", "whole city"), "county": ("全县(区)", "whole county"),
         "township": ("全乡镇", "whole township")}
PURPOSES = {"salary": ("工资", "salaries"), "services": ("购买服务", "purchased services"),
            "supervision": ("督导", "supervision"), "construction": ("建设", "construction"),
            "rewards": ("奖励/津贴", "rewards and allowances"), "training": ("培训", "training"),
            "all": ("全部", "all purposes"), "unspecified": ("未说明", "not stated")}
PAYERS = {"central": ("中央", "central government"), "provincial": ("省级财政", "provincial budget"),
          "city": ("市级财政", "city budget"), "county": ("县级财政", "county budget"),
          "township": ("乡镇", "township"), "welfare_lottery": ("福彩公益金", "welfare lottery"),
          "charity": ("慈善", "charity"), "mixed": ("多方", "several payers"), "unspecified": ("未说明", "not stated")}
# why comparison.csv holds a figure, or why the cell is empty
REASONS = {
    "only_candidate": ("唯一符合条件的数字", "the only qualifying figure"),
    "same_value": ("多个来源数值相同", "several sources agree"),
    "reported_over_target": ("已报告数字优先于目标", "reported figure preferred to a target"),
    "whole_over_programme": ("全域数字优先于项目数字", "whole-place figure preferred to a programme figure"),
    "dated_over_undated": ("有日期的数字优先", "dated figure preferred to undated ones"),
    "latest_date": ("最新日期", "latest date"),
    "marked_headline": ("编码者标注的代表数字", "marked by the coder as the headline figure"),
    "open_tie": ("并列未决(需标注)", "unresolved tie (needs a headline mark)"),
    "local_only": ("只有下辖地区或站点的数字", "figures only for places or sites inside the region"),
    "part_only": ("只有部分(一期、子项或站点)的数字", "figures only for a phase, subset or site"),
    "lost_in_source": ("原文数字缺失", "the source lost the digits"),
    "not_found": ("未找到", "nothing found"),
}
RULES = {
    "same_date": ("同一地点、同一范围、同一日期", "same place, same coverage, same date"),
    "within_a_year": ("同一地点、同一范围、日期相差不超过一年", "same place and coverage, dates at most a year apart"),
    "same_source_undated": ("同一来源、同一地点与范围(均未注明日期)", "same source, place and coverage (both undated)"),
    "census_within_a_year": ("分母为2020年人口普查,日期相差不超过一年", "denominator: 2020 census, within a year"),
    "township_count_within_a_year": ("分母为乡镇(街道)数,日期相差不超过一年",
                                     "denominator: township count, within a year"),
}
FLAGS = {
    "over_100": ("超过100%:站数多于乡镇数,不参与排名", "over 100 %: more stations than townships; not ranked"),
    "flow_over_stock": ("流量除以存量:近似值", "a flow divided by a stock: approximate"),
    "years_differ": ("分子分母年份不同", "numerator and denominator years differ"),
}
MODES = {
    "direct_employment": ("乡镇直接聘用", "direct employment by the township"),
    "service_purchase": ("政府购买服务", "purchase of services from agencies"),
    "hybrid": ("直聘与委托机构结合", "hybrid: direct hire plus entrusted agencies"),
    "staff_integration": ("整合现有人员", "integration of existing staff"),
    "cross_region_partnership": ("跨区域协作", "cross-region partnership"),
    "policy_framework": ("政策框架", "policy framework"),
    "talent_development": ("人才培养平台", "talent development platform"),
    "volunteer_linkage": ("社工+志愿者联动", "social worker and volunteer linkage"),
    "unspecified": ("来源未说明运营方式", "operating mode not stated in the sources"),
}
UNITS = {"persons": ("人", "persons"), "person_times": ("人次", "person-times"), "households": ("户", "households"),
         "CNY": ("元", "CNY"), "count": ("个", ""), "percent": ("%", "%"), "square_metres": ("平方米", "m²"),
         "hours": ("小时", "hours")}
TIERS = {"national": ("国家", "national"), "province": ("省", "province"), "prefecture": ("市", "prefecture"),
         "county": ("县(区)", "county"), "township": ("乡镇(街道)", "township"), "village": ("村(社区)", "village")}
SYMBOLS = {"exact": "", "at_least": "≥ ", "at_most": "≤ ", "approx": "≈ ", "range": ""}


def _pick(pair, lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def t(key: str, lang: str) -> str:
    """A heading or word in ``lang``."""
    return _pick(WORDS[key], lang)


def term(vocabulary: dict, key, lang: str) -> str:
    """A controlled-vocabulary value (qualifier, status, mode ...) in ``lang``; unknown keys pass through."""
    return _pick(vocabulary[key], lang) if key in vocabulary else str(key)


def number(x: float, lang: str) -> str:
    """``12000`` → ``1.2万`` (zh) or ``12,000`` (en); small non-integers keep two decimals."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if lang == "zh" and abs(x) >= 1e8:
        return f"{x / 1e8:.4g}亿"
    if lang == "zh" and abs(x) >= 1e4:
        return f"{x / 1e4:.4g}万"
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}" if abs(x) < 100 else f"{x:,.0f}"


def money(x: float, lang: str) -> str:
    """Money as readers say it: 万/亿 in Chinese, millions in English.

    >>> money(3e8, "en"), money(3e8, "zh"), money(30000, "en")
    ('300 million', '3亿', '30,000')
    """
    if lang == "en" and x is not None and abs(x) >= 1e6:
        return f"{x / 1e6:,.4g} million"
    return number(x, lang)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def format_figure(value, low, high, qualifier, unit, status, lang) -> str:
    """A figure as a reader should see it: ``≥ 300 人``, ``2–3 人``, ``≈ 2.2亿 元``, ``— (原文缺失)``."""
    if status == "missing" or _missing(value):
        return f"— ({t('lost_in_source', lang)})"
    unit_word = term(UNITS, unit, lang)
    num = money if unit == "CNY" else number
    if qualifier == "range" and not _missing(low) and not _missing(high):
        core = f"{num(low, lang)}–{num(high, lang)}"
    else:
        core = SYMBOLS.get(qualifier, "") + num(value, lang)
    text = f"{core} {unit_word}".strip() if unit != "percent" else f"{core}%"
    if status == "target":
        text += f" ({t('target', lang)})"
    return text


def pick(zh: str, en: str, lang: str) -> str:
    """``zh`` on Chinese pages, ``en`` on English ones.

    >>> pick("全省", "whole province", "en")
    'whole province'
    """
    return zh if lang == "zh" else en


def col(name: str, lang: str) -> str:
    """The language-specific column for ``name``: ``col("label", "zh")`` → ``"label_zh"``."""
    return f"{name}_{lang}"


def scope_phrase(scope: str, level: str, lang: str) -> str:
    """What part of its place a figure covers, in the place's own words: ``whole`` + ``county`` → 全县(区).

    >>> scope_phrase("whole", "province", "zh"), scope_phrase("phase", "province", "en")
    ('全省', 'one phase or batch')
    """
    if scope == "whole" and level in WHOLE:
        return _pick(WHOLE[level], lang)
    return term(SCOPES, scope, lang)


def gap_phrase(level: str, lang: str) -> str:
    """The sentence for a model with no figure for its own region: 未找到全省数字 / no province-wide figure found.

    >>> gap_phrase("province", "zh"), gap_phrase("prefecture", "en")
    ('未找到全省数字', 'no city-wide figure found')
    """
    zh = {"national": "全国", "province": "全省", "prefecture": "全市", "county": "全县(区)", "township": "全乡镇"}
    en = {"national": "nationwide", "province": "province-wide", "prefecture": "city-wide",
          "county": "county-wide", "township": "township-wide"}
    return f"未找到{zh.get(level, '本地区')}数字" if lang == "zh" else f"no {en.get(level, 'region-wide')} figure found"


def tiers(text: str, lang: str) -> str:
    """``county|township|village`` → ``县(区) → 乡镇(街道) → 村(社区)`` (or the English words)."""
    if not text:
        return "—"
    return " → ".join(term(TIERS, x, lang) for x in text.split("|"))
