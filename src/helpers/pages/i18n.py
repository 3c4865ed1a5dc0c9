"""Chinese and English words for everything a report prints. One dictionary, no hidden state.

The labels of controlled-vocabulary values (dimensions, units, qualifiers ...) are declared with the
values in :mod:`helpers.vocabulary`; :func:`term` shows them. ``WORDS`` holds every other word a page
prints: the UI words below and the pages' sentences and headings (:mod:`helpers.pages.page_words`, kept in
a module of their own for length). A page module spells no Chinese or English text of its own: it asks
:func:`t` (one language) or :func:`pair` (both, for ``Report.say``), a test keeps it so.

>>> t("sources", "zh")
'来源'
>>> format_figure(300, 300, None, "at_least", "persons", "reported", "en")
'≥ 300 persons'
"""

from __future__ import annotations

import math

from helpers.pages.page_words import PAGE_WORDS
from helpers.vocabulary import SCOPES, SYMBOLS, TIERS, UNITS, WHOLE

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
    "undated": ("未注明时间", "undated"),
    "list_sep": ("、", ", "),  # between the names of a list in running text
    "detail_sep": (";", "; "),  # between a gap and its detail (helpers.vocabulary.GAP_DETAILS)
    "no_figure_found": ("未找到数字", "no figure found"),  # the grey of a map (helpers.pages.maps)
    "south_china_sea": ("南海诸岛", "South China Sea Islands"),  # the map's inset
    "employer": ("谁聘用社工", "Who employs the social workers"),
    "funding_how": ("经费来源与方式", "How stations are funded"),
    "supervision": ("督导与评估", "Supervision and evaluation"),
    "measure": ("比较项", "Measure"),
    "purpose": ("用途", "Purpose"),
    "payer": ("出资方", "Payer"),
    "conflict_with": ("冲突对象", "Conflicts with"),
    "filter": ("筛选(输入关键词)", "Filter (type words)"),
    # programme phases, standards, source reliability and consistency (helpers.pages.compare)
    "phase": ("阶段", "Phase"),
    "earlier_phase": ("早期阶段", "earlier phase"),
    "current_phase": ("当前阶段", "current phase"),
    "phase_change": ("变化", "What changed"),
    "phases_heading": ("项目阶段", "Programme phases"),
    "phases_intro": ("该模式分阶段推进。比较时先用当前阶段的数字;早期阶段的数字作为历史列出,并注明所属阶段。",
                     ("The model went through named phases. Comparisons use the current phase's figures first; an "
                      "earlier phase's figures are shown as history, labelled with their phase.")),
    "history": ("历史数字", "history"),
    "current_phase_gap": ("当前阶段({phase})没有数字", "no figure for the current phase ({phase})"),
    "standard": ("标准", "standard"),
    "standard_measure": ("标准:{label}", "Standard: {label}"),
    "standards": ("标准与要求", "Standards and requirements"),
    "standards_caption": ("{name}:规定了什么(标准),不是实际达到的数字", ("{name}: what was required (standards), "
                          "not what was achieved")),
    "standards_note": ("标准是规定或要求(如“每站配备二至三名”),不是实际达到的数字:不画成柱,只在此表中与实际数字对照。",
                       ("A standard is a norm or requirement (e.g. two to three social workers per station), not an "
                        "achieved figure: it is never drawn as a bar, only listed here to set beside what was "
                        "achieved.")),
    "required": ("要求", "Required"),
    "dagger": ("†", "†"),
    "dagger_note": ("† 依据的是无关网站上的转载副本或来源不明的网页,请核对原文。",
                    "† from a copy on an unrelated site or a page of unknown origin; check the original."),
    "reliability": ("来源可靠性", "Source reliability"),
    "inconsistent": (("站数 ÷ 覆盖率推算出 {implied} 个乡镇(街道),而{place}有 {townships} 个({as_of}),相差 {off}:"
                      "这些数字说的不是同一件事{phases},不能并列比较,也不排名"),
                     ("stations ÷ coverage imply {implied} townships, but {place} has {townships} ({as_of}), {off} "
                      "apart: these figures are not about the same thing{phases}; do not set them side by side, "
                      "they are not ranked")),
    "inconsistent_phases": ("(两者属于不同阶段)", " (they belong to different phases)"),
    "history_warning": ("{label}是早期阶段的数字,作为历史列出,不是该模式当前的数字",
                        "{label} is an earlier phase's figure, shown as history, not as the model's current figure"),
    "not_side_by_side": ("不并列比较的指标(有早期阶段的数字或互相矛盾的数字): {names}。",
                         ("Not set side by side (a figure of an earlier phase, or cells that contradict each other): "
                          "{names}.")),
    "nothing_side_by_side": ("这一维度没有可以让所有模式并列比较的指标,不能据此排序或下结论。",
                             ("No indicator of this dimension can be set side by side for every model: the models "
                              "cannot be ranked on it.")),
    "coverage_by_model": ("覆盖范围不同,不是同一口径: {kinds}", "coverage differs, not like with like: {kinds}"),
    "reliability_heading": ("各模式代表数字的来源可靠性", "How far the headline figures' sources can be trusted"),
    "reliability_intro": (("每个模式每项指标的代表数字(comparison.csv)按其来源分类:官方、新闻媒体原站、二手转引、无关网站转载、"
                           "来源不明。后两类在所有报告中以 † 标出,请核对原文。"),
                          ("Each model's headline figure per indicator (comparison.csv) by its source: official, press, "
                           "secondary, a copy on an unrelated site, unknown origin. The last two are marked † in every "
                           "report: check the original.")),
    "reliability_caption": ("代表数字的格数,按来源可靠性", "Headline cells by the reliability of their source"),
    "doubtful_caption": ("依据转载副本或来源不明网页的代表数字(†)", ("Headline figures resting on a copy or a page of "
                         "unknown origin (†)")),
    "total": ("合计", "Total"),
    "consistency_heading": ("互相矛盾的代表数字", "Headline figures that contradict each other"),
    "consistency_intro": (("检查每个模式的代表数字:站数 ÷ 覆盖率应大致等于本地区的乡镇(街道)数(regions.csv);相差超过15%时,"
                           "这些数字说的不是同一件事(不同阶段、项目或日期),报告在这些格旁说明,且不参与排名。"),
                          ("A check across each model's headline figures: stations ÷ coverage rate should give roughly "
                           "the region's township count (regions.csv). Where they differ by more than 15 %, the figures "
                           "are about different things (another phase, programme or date): the reports say so beside "
                           "the cells and never rank them.")),
    "consistency_none": ("没有发现互相矛盾的代表数字。", "No headline figures contradict each other."),
    "consistency_caption": ("{n} 个模式的站数、覆盖率与乡镇(街道)数不一致", ("{n} model(s) whose stations, coverage and "
                            "township count disagree")),
    "no_figure_at_all": ("没有任何数字的模式({n}个,本地区或地方均无)", ("Models with no figure at all, own region or "
                         "local ({n})")),
    "not_one_axis": ("全国与单个省市的总数相差太大,不画在同一坐标轴上;数字见下表,可比的人均或每站数字见标准化比较。",
                     ("the whole country and single provinces or cities differ too much in size to share one axis; "
                      "the figures are in the table below, and the per-resident or per-station figures under the "
                      "normalised comparison.")),
    "residents_short": ("常住人口{pop}", "{pop} residents"),
    "figures_by_place": ("各模式本地区数字", "each model's own-region figure"),
    "not_ranked": ("(不排名)", "(not ranked)"),
    "no_model_has": ("这些模式本地区和下辖地区都没有以下比率: ", ("None of these models has, for its region or places "
                     "inside it: ")),
    "local_only_cell": ("— (仅下辖{n}处地方有)", "— (only {n} place(s) inside the region)"),
    "places": ("地点", "Places"),
    "as_required": ("要求(标准)", "required (a standard)"),
    "as_found": ("实际", "as found"),
    "station_heading": ("同一层级相比(站对站、县对县)", ("Set at the same level (station beside station, county beside "
                        "county)")),
    "station_part": ("{measure}{what}{figure}({level},{n}处)", ("{measure} {what}: {figure} ({level}, {n} "
                     "place(s))")),
    "station_none": ("{model}:没有每站人员的数字", "{model}: no per-station staffing figure"),
    "no_station_level": ("这些模式都没有每站人员的数字。", "None of these models has a per-station staffing figure."),
    "sample_not_region": ("这些是点名地区和站点的样本,不代表整个地区。", ("These are a sample of named places, not a whole "
                          "region.")),
    # generated conclusions (helpers.pages.conclusions); {fields} are filled in from the tables
    "q_at_least": ("至少", "at least"), "q_at_most": ("至多", "at most"), "q_approx": ("约", "about"),
    "concl_sep": ("；", "; "),
    "concl_item": ("{model}{figure}({place}{scope},{when})", "{model} {figure} ({place}{scope}, {when})"),
    "concl_programme": (",整个项目", ", whole programme"),
    "concl_comparable": ("{measure}:可在各自本地区层面比较——{items}。", ("{measure}: comparable for the models' own "
                         "regions: {items}.")),
    "concl_order": ("各数字的上下限互不重叠:{high}最高,{low}最低。", ("Their bounds do not overlap: {high} highest, "
                    "{low} lowest.")),
    "concl_years_differ": ("注意各数字的年份不同({first}–{last})或未注明,差异可能部分来自时间。", ("Mind that their years "
                           "differ ({first}–{last}) or are not stated: part of the difference may be time.")),
    "concl_overlap": ("各数字的上下限有重叠(下限或约数),不能排出高低。", ("Their bounds overlap (lower bounds or "
                      "approximations), so no order can be stated.")),
    "concl_others": ("其余模式不能比较:{reasons}。", "The others cannot be compared: {reasons}."),
    "concl_reason": ("{model}——{why}", "{model}: {why}"),
    "concl_reason_all": ("{n}个模式都是——{why}", "all {n} models, for the same reason: {why}"),
    "concl_reason_count": ("{n}个模式——{why}", "{n} model(s): {why}"),
    "concl_local": ("{measure}:没有两个模式有本地区的数字,只能在{level}层面比较(点名地区的样本,不代表整个地区)——{items}。",
                    ("{measure}: no two models have it for their own regions; comparable only at {level} level "
                     "(a sample of named places, not a whole region): {items}.")),
    "concl_local_item": ("{model}{figure}({n}处:{places})", "{model} {figure} ({n} place(s): {places})"),
    "concl_range": ("{low}–{high} {unit}(中位数{median})", "{low}–{high} {unit} (median {median})"),
    "concl_only_one": ("本地区数字只有:{item}。", "Only one model has it for its own region: {item}."),
    "concl_single": ("{measure}:只有一个模式有本地区的可用数字——{item},无法比较。其余:{reasons}。",
                     ("{measure}: only one model has an admissible figure for its own region, {item}, so there is "
                      "no comparison. The others: {reasons}.")),
    "concl_none": ("{measure}:无法比较——{reasons}。", "{measure}: no comparison is possible: {reasons}."),
    "concl_no_figure": ("本地区没有{what}的已报告数字", "no reported own-region figure for {what}"),
    "concl_over_100": ("站数多于乡镇数(超过100%),不排名", "more stations than townships (over 100 %), not ranked"),
    "concl_programme_over_place": ("只有某一项目(阶段)的数字除以全地区的分母,不代表全地区,不排名",
                                   ("only one programme's (phase's) count over the whole place, which does not "
                                    "stand for the place; not ranked")),
    "concl_flow_over_stock": ("只有流量除以年末存量的近似值,不排名", ("only a flow over a year-end stock "
                              "(approximate), not ranked")),
    # regression tables (helpers.pages.estimates)
    "ols_term": ("项", "term"), "ols_coef": ("系数", "coef"), "ols_std_err": ("标准误", "std err"),
    "ols_ci_low": ("95%区间下限", "CI low"), "ols_ci_high": ("95%区间上限", "CI high"), "ols_n": ("样本数", "n"),
    "ols_df_resid": ("残差自由度", "df resid"), "ols_r2": ("R²", "R²"),
    # the report header the build adds (helpers.site.export)
    "all_reports": ("← 全部报告", "← All reports"),
    "built": ("生成时间", "Built"),
    "build_failed": ("本次构建失败", "This build failed"),
    "last_good": ("上一次成功生成的报告", "last good report"),
    # navigation, citation and the data behind each chart (helpers.pages.figdata, helpers.site.navigation)
    "contents": ("目录", "Contents"),
    "figure_n": ("图", "Figure"),
    "table_n": ("表", "Table"),
    "about_indicator": ("关于该指标,你应该了解的", "What you should know about this indicator"),
    "definition": ("定义", "Definition"),
    "unit": ("单位", "Unit"),
    "covers": ("覆盖范围", "What the figures cover"),
    "caveats": ("注意", "Caveats"),
    "years_differ": ("数字的时点不同", "the figures are from different dates"),
    "levels_differ": ("数字所属地区的层级不同", "the figures are about places at different levels"),
    "periods_differ": ("统计口径不同(累计、年度、时点)", ("the figures count over different periods (cumulative, "
                       "annual, point in time)")),
    "bounds_present": ("部分数字是下限、上限或约数", "some figures are lower or upper bounds or approximations"),
    "targets_present": ("部分数字是目标而非实际", "some figures are targets, not achievements"),
    "mirror_sources": ("部分来源是转载或镜像页面", "some sources are reposts or mirror pages"),
    "no_caveat": ("无特别提示", "none noted"),
    "download_csv": ("下载数据(CSV)", "Download the data (CSV)"),
    "cite_this": ("引用此图表", "Cite this"),
    "what_changed": ("与上一数据版本相比的更新", "What changed since the previous data version"),
    "page": ("页面", "Page"),
    "alt_chart": ("图表", "Chart"),
    "lone_page": ("(此页面单独保存,报告目录不在同一文件夹)", ("(this page stands alone: the list of reports is not "
                  "in its folder)")),
    **PAGE_WORDS,
}

def _pick(pair, lang: str) -> str:
    return pick(pair[0], pair[1], lang)


def t(key: str, lang: str) -> str:
    """A heading or word in ``lang``."""
    return _pick(WORDS[key], lang)


def pair(key: str, **fields) -> tuple[str, str]:
    """The (zh, en) words of ``key``, each with its ``{fields}`` filled in (what ``Report.say`` takes).

    >>> pair("current_phase_gap", phase="二期")
    ('当前阶段(二期)没有数字', 'no figure for the current phase (二期)')
    """
    zh, en = WORDS[key]
    return (zh.format(**fields), en.format(**fields)) if fields else (zh, en)


def term(vocabulary: dict, key, lang: str) -> str:
    """A controlled-vocabulary value (qualifier, status, mode ...) in ``lang``; unknown keys pass through.

    >>> from helpers.vocabulary import DIMENSIONS
    >>> term(DIMENSIONS, "funding", "zh"), term(DIMENSIONS, "other", "zh")
    ('资金投入', 'other')
    """
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
    elif status == "standard":
        text += f" ({t('standard', lang)})"
    return text


def phase_label(name: str, start: str, end: str, lang: str) -> str:
    """A phase as reports name it: its name and span; an ongoing phase (no end) runs "since" its start.

    >>> phase_label("双百计划", "2017", "2020", "zh"), phase_label("Shuangbai Project", "2021", "", "en")
    ('双百计划 · 2017–2020', 'Shuangbai Project · since 2021')
    """
    if not start:
        return name
    return f"{name} · {start}–{end}" if end else f"{name} · " + pick(f"{start}年起", f"since {start}", lang)


def pick(zh: str, en: str, lang: str) -> str:
    """``zh`` on Chinese pages, ``en`` on English ones.

    >>> pick("全省", "whole province", "en")
    'whole province'
    """
    return zh if lang == "zh" else en


def col(name: str, lang: str) -> str:
    """The language-specific column for ``name``: ``col("label", "zh")`` → ``"label_zh"``."""
    return f"{name}_{lang}"


def indicator_labels(indicators, lang: str):
    """The indicators' labels in ``lang``, by indicator id (a Series over indicators.csv's rows)."""
    return indicators.set_index("indicator")[col("label", lang)]


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
    return pick(f"未找到{zh.get(level, '本地区')}数字", f"no {en.get(level, 'region-wide')} figure found", lang)


def tiers(text: str, lang: str) -> str:
    """``county|township|village`` → ``县(区) → 乡镇(街道) → 村(社区)`` (or the English words)."""
    if not text:
        return "—"
    return " → ".join(term(TIERS, x, lang) for x in text.split("|"))
