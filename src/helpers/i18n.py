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
SCOPES = {"total": ("全域", "whole region"), "part": ("部分", "part"), "": ("未评估", "not assessed")}
LEVELS = {"national": ("全国", "national"), "province": ("省级", "province"),
          "prefecture": ("地级", "prefecture"), "county": ("县级", "county")}
MODES = {
    "direct_employment": ("乡镇直接聘用", "direct employment by the township"),
    "service_purchase": ("政府购买服务", "purchase of services from agencies"),
    "hybrid": ("直聘与委托机构结合", "hybrid: direct hire plus entrusted agencies"),
    "staff_integration": ("整合现有人员", "integration of existing staff"),
    "cross_region_partnership": ("跨区域协作", "cross-region partnership"),
    "policy_framework": ("政策框架", "policy framework"),
    "talent_development": ("人才培养平台", "talent development platform"),
    "volunteer_linkage": ("社工+志愿者联动", "social worker and volunteer linkage"),
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
    return f"{x:,.2f}" if abs(x) < 100 else f"{x:,.1f}"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def format_figure(value, low, high, qualifier, unit, status, lang) -> str:
    """A figure as a reader should see it: ``≥ 300 人``, ``2–3 人``, ``≈ 2.2亿 元``, ``— (原文缺失)``."""
    if status == "missing" or _missing(value):
        return f"— ({t('lost_in_source', lang)})"
    unit_word = term(UNITS, unit, lang)
    if qualifier == "range" and not _missing(low) and not _missing(high):
        core = f"{number(low, lang)}–{number(high, lang)}"
    else:
        core = SYMBOLS.get(qualifier, "") + number(value, lang)
    text = f"{core} {unit_word}".strip() if unit != "percent" else f"{core}%"
    if status == "target":
        text += f" ({t('target', lang)})"
    return text


def tiers(text: str, lang: str) -> str:
    """``county|township|village`` → ``县(区) → 乡镇(街道) → 村(社区)`` (or the English words)."""
    if not text:
        return "—"
    return " → ".join(term(TIERS, x, lang) for x in text.split("|"))
