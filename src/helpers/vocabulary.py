"""Every controlled vocabulary of the workbook, declared once: its values in order and their zh/en labels.

The raw-table schema (:mod:`helpers.data.schema`), the quantity parser (:mod:`helpers.data.quantities`),
the page words (:mod:`helpers.pages.i18n` and the pages that label values) and the reports.yml reader
(:mod:`helpers.parameters`, whose declarations the notebooks check their parameters against) all read the
declarations here; none spells the values out again.
A value is a line in its mapping below, with its labels (a new dimension also an aspect or subset that lists it).
The indicator catalogue too: :data:`INDICATOR_ROLES` are the page-role columns of data/raw/indicators.csv,
:mod:`helpers.derived_indicators` declares the derived ratios with their numerator, denominator, pairing and pages.

Named subsets (:meth:`Vocabulary.subset`) declare the parts of a vocabulary that some use allows, in
the order that use wants: :data:`REPORT_DIMENSIONS` are the dimensions notebook 02 compares,
:data:`PAGE_DIMENSIONS` the order pages list them in, :data:`HEADLINE_SCOPES` the
scopes a headline figure may have. A subset refuses values its parent does not declare.

The notebook parameters are declared once, in reports.yml (:mod:`helpers.parameters`); the notebooks and
the build both read that declaration. reports.yml refers to a vocabulary by name instead of listing values
again (``vocabulary: report_dimensions`` in a parameter's declaration), so ``workbook list`` offers exactly
the values a notebook accepts, with the labels declared here; :data:`PARAMETERS` names the parameters whose
values the pages have words for (``lang`` → :data:`LANGUAGES`, ``dimension`` → :data:`REPORT_DIMENSIONS`). An unknown vocabulary name, a matrix value outside the vocabulary, or a parameter of
:data:`PARAMETERS` declared with ``values`` outside its vocabulary is refused with one line.

This module imports nothing but the standard library, so every layer may import it.

>>> DIMENSIONS.values[:2]
('staffing', 'funding')
>>> DIMENSIONS.label("funding", "zh"), DIMENSIONS.label("funding", "en")
('资金投入', 'Funding')
>>> "funding" in REPORT_DIMENSIONS, "targets" in REPORT_DIMENSIONS
(True, False)
>>> by_name("languages").label("en", "zh")
'英文'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

LANG_CODES = ("zh", "en")  # the order of the labels in every pair below


@dataclass(frozen=True)
class Vocabulary:
    """One controlled vocabulary: ``labels`` maps each value, in order, to its ``(zh, en)`` labels.

    It reads like a mapping of value → (zh, en) (``in``, ``[value]``, iteration over the values), so
    :func:`helpers.pages.i18n.term` takes it as it takes a dict.

    >>> v = Vocabulary("colour", {"red": ("红", "red"), "blue": ("蓝", "blue")})
    >>> v.values, v.label("blue", "zh"), v.subset("blue").values
    (('red', 'blue'), '蓝', ('blue',))
    >>> v.subset("green")
    Traceback (most recent call last):
    ...
    ValueError: vocabulary colour has no value 'green'; values: red, blue
    """

    name: str
    labels: Mapping[str, tuple[str, str]]

    def __post_init__(self):
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, value: str, lang: str) -> str:
        """The label of ``value`` in ``lang`` (``zh`` or ``en``); ``KeyError`` for an unknown value."""
        return self.labels[value][LANG_CODES.index(lang)]

    def subset(self, *values: str, name: str | None = None) -> Vocabulary:
        """The vocabulary restricted to ``values``, in the order given (each must be declared here)."""
        for v in values:
            if v not in self.labels:
                raise ValueError(f"vocabulary {self.name} has no value {v!r}; "
                                 f"values: {', '.join(self.labels)}")
        return Vocabulary(name or self.name, {v: self.labels[v] for v in values})

    def relabel(self, name: str, labels: Mapping[str, tuple[str, str]]) -> Vocabulary:
        """Other (zh, en) labels for some of this vocabulary's values, e.g. the short words a page adds after a
        gap; each value must be declared here, so the values are still spelled in one place.

        >>> Vocabulary("colour", {"red": ("红", "red")}).relabel("short", {"blue": ("蓝", "b")})
        Traceback (most recent call last):
        ...
        ValueError: vocabulary colour has no value 'blue'; values: red
        """
        self.subset(*labels)
        return Vocabulary(name, labels)

    def __contains__(self, value) -> bool:
        return value in self.labels

    def __getitem__(self, value) -> tuple[str, str]:
        return self.labels[value]

    def __iter__(self):
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)


LANGUAGES = Vocabulary("languages", {"zh": ("中文", "Chinese"), "en": ("英文", "English")})

DIMENSIONS = Vocabulary("dimensions", {
    "staffing": ("人员配置", "Staffing"), "funding": ("资金投入", "Funding"),
    "outputs": ("服务产出", "Outputs"), "coverage": ("覆盖", "Coverage"), "targets": ("目标", "Targets"),
})
# The dimensions notebook 02 (reports compare-<dimension>-<lang>) compares.
REPORT_DIMENSIONS = DIMENSIONS.subset("staffing", "funding", "outputs", name="report_dimensions")
# The order pages list the dimensions in: the provincial knowledge matrix (helpers.pages.panel) and a
# model profile's sections (helpers.pages.views.profile).
PAGE_DIMENSIONS = DIMENSIONS.subset("coverage", "staffing", "funding", "outputs", "targets",
                                    name="page_dimensions")
# The dimensions the three-model report answers for (its per-unit table and paragraphs), in its order.
ANSWERED_DIMENSIONS = DIMENSIONS.subset("staffing", "coverage", "funding", "outputs", name="answered_dimensions")
# The dimensions whose figures carry a purpose and a payer (the three-model page lists them all with both).
MONEY_DIMENSIONS = DIMENSIONS.subset("funding", name="money_dimensions")
TARGET_DIMENSION = "targets"  # the dimension of a target figure in facts.csv, whatever its indicator's
# The aspects of the three-model page (its sections and the groups of its side-by-side table), in order, and
# the dimension whose indicators each shows (scale: the coverage dimension).
ASPECTS = Vocabulary("aspects", {"scale": ("规模", "Scale"), "staffing": ("人员", "Staffing"),
                                 "funding": ("资金", "Funding"), "outputs": ("产出", "Outputs")})
ASPECT_DIMENSIONS = MappingProxyType({"scale": "coverage", "staffing": "staffing", "funding": "funding",
                                      "outputs": "outputs"})
# The headings of the three-model page's aspect sections (helpers.pages.views.three.aspect); the side-by-side
# table groups its rows under the shorter labels above.
ASPECT_HEADINGS = ASPECTS.relabel("aspect_headings", {
    "scale": ("规模", "Scale"), "staffing": ("人员配置", "Staffing"), "funding": ("资金", "Funding"),
    "outputs": ("服务产出", "Outputs"),
})

UNITS = Vocabulary("units", {
    "persons": ("人", "persons"), "person_times": ("人次", "person-times"), "households": ("户", "households"),
    "CNY": ("元", "CNY"), "count": ("个", ""), "percent": ("%", "%"), "square_metres": ("平方米", "m²"),
    "hours": ("小时", "hours"),
})  # a count has no English unit word: "12 stations" is said by the indicator, not the unit

QUALIFIERS = Vocabulary("qualifiers", {
    "exact": ("确数", "exact"),
    "at_least": ("下限(余/多/以上)", "lower bound (余/多/以上)"),
    "at_most": ("上限(不超过)", "upper bound (不超过)"),
    "approx": ("约数(约/近)", "approximate (约/近)"),
    "range": ("区间(至)", "range (至)"),
})
# How a figure with each qualifier is written before its number (both languages).
SYMBOLS = MappingProxyType({"exact": "", "at_least": "≥ ", "at_most": "≤ ", "approx": "≈ ", "range": ""})

# reported: achieved, as stated; target: a goal for a date; standard: a norm, quota or requirement that holds
# for every station (配备/至少要配备/原则上不少于/每站资助…元), never an achieved figure; missing: digits lost.
STATUSES = Vocabulary("statuses", {"reported": ("已报告", "reported"), "target": ("目标", "target"),
                                   "standard": ("标准/要求", "standard (a norm or requirement)"),
                                   "missing": ("原文缺失", "lost in source")})
PERIODS = Vocabulary("periods", {
    "cumulative": ("累计", "cumulative"), "annual": ("年度", "annual"), "point_in_time": ("时点", "point in time"),
    "plan": ("规划/标准", "plan or standard"),
})
SCOPES = Vocabulary("scopes", {
    "whole": ("全域", "whole place"), "programme": ("整个项目", "whole programme"),
    "phase": ("一期/一批", "one phase or batch"), "site": ("单个站点", "one site"), "subset": ("部分(子项)", "a subset"),
})
HEADLINE_SCOPES = SCOPES.subset("whole", "programme", name="headline_scopes")  # a model's headline figure

# The places a figure may be about: the administrative levels, and a single site (comparison.csv).
PLACE_LEVELS = Vocabulary("place_levels", {
    "national": ("全国", "national"), "province": ("省级", "province"), "prefecture": ("地级", "prefecture"),
    "county": ("县级", "county"), "township": ("乡镇级", "township"), "site": ("单个站点", "one site"),
})
# The level of a model or a region (models.csv, regions.csv).
LEVELS = PLACE_LEVELS.subset("national", "province", "prefecture", "county", "township", name="levels")
# "whole place" in the words of each level: 全省 / whole province ...
WHOLE = Vocabulary("whole", {
    "national": ("全国", "whole country"), "province": ("全省", "whole province"),
    "prefecture": ("全市", "whole city"), "county": ("全县(区)", "whole county"),
    "township": ("全乡镇", "whole township"),
})

PURPOSES = Vocabulary("purposes", {
    "salary": ("工资", "salaries"), "services": ("购买服务", "purchased services"),
    "supervision": ("督导", "supervision"), "construction": ("建设", "construction"),
    "rewards": ("奖励/津贴", "rewards and allowances"), "training": ("培训", "training"),
    "all": ("全部", "all purposes"), "unspecified": ("未说明", "not stated"),
})
PAYERS = Vocabulary("payers", {
    "central": ("中央", "central government"), "provincial": ("省级财政", "provincial budget"),
    "city": ("市级财政", "city budget"), "county": ("县级财政", "county budget"), "township": ("乡镇", "township"),
    "welfare_lottery": ("福彩公益金", "welfare lottery"), "charity": ("慈善", "charity"),
    "mixed": ("多方", "several payers"), "unspecified": ("未说明", "not stated"),
})
MODES = Vocabulary("operating_modes", {
    "direct_employment": ("乡镇直接聘用", "direct employment by the township"),
    "service_purchase": ("政府购买服务", "purchase of services from agencies"),
    "hybrid": ("直聘与委托机构结合", "hybrid: direct hire plus entrusted agencies"),
    "staff_integration": ("整合现有人员", "integration of existing staff"),
    "cross_region_partnership": ("跨区域协作", "cross-region partnership"),
    "policy_framework": ("政策框架", "policy framework"),
    "talent_development": ("人才培养平台", "talent development platform"),
    "volunteer_linkage": ("社工+志愿者联动", "social worker and volunteer linkage"),
    "unspecified": ("来源未说明运营方式", "operating mode not stated in the sources"),
})
TIERS = Vocabulary("tiers", {
    "national": ("国家", "national"), "province": ("省", "province"), "prefecture": ("市", "prefecture"),
    "county": ("县(区)", "county"), "township": ("乡镇(街道)", "township"), "village": ("村(社区)", "village"),
})
SOURCE_KINDS = Vocabulary("source_kinds", {
    "news": ("新闻", "news"), "government_notice": ("政府通知", "government notice"),
    "government_report": ("政府报告", "government report"), "journal": ("期刊论文", "journal article"),
    "statistical_bulletin": ("统计公报", "statistical bulletin"), "reference_data": ("参考数据", "reference data"),
    "web_page": ("网页", "web page"),
})
# How far a source can be trusted (sources.csv reliability), in order of preference: a body's own page first,
# a copy on an unrelated site and a page of unknown origin last.
RELIABILITIES = Vocabulary("reliabilities", {
    "official": ("官方发布", "a government or party body's own site or document"),
    "press": ("新闻媒体原站", "a news outlet's own site"),
    "secondary": ("二手转引", "secondary: a paper, report or encyclopedia citing others"),
    "mirror": ("无关网站转载", "a copy on an unrelated site"),
    "unknown": ("来源不明", "origin unknown"),
})

# Why comparison.csv holds a figure (the first ten), or why its cell is empty (the last five).
REASONS = Vocabulary("reasons", {
    "only_candidate": ("唯一符合条件的数字", "the only qualifying figure"),
    "same_value": ("多个来源数值相同", "several sources agree"),
    "current_phase": ("当前阶段的数字优先于早期阶段", "figure of the current phase preferred to an earlier phase's"),
    "reported_over_target": ("已报告数字优先于目标", "reported figure preferred to a target"),
    "whole_over_programme": ("全域数字优先于项目数字", "whole-place figure preferred to a programme figure"),
    "dated_over_undated": ("有日期的数字优先", "dated figure preferred to undated ones"),
    "latest_date": ("最新日期", "latest date"),
    "more_reliable_source": ("同一日期与范围下来源更可靠", "more reliable source at the same date and coverage"),
    "marked_headline": ("编码者标注的代表数字", "marked by the coder as the headline figure"),
    "open_tie": ("并列未决(需标注)", "unresolved tie (needs a headline mark)"),
    "local_only": ("只有下辖地区或站点的数字", "figures only for places or sites inside the region"),
    "part_only": ("只有部分(一期、子项或站点)的数字", "figures only for a phase, subset or site"),
    "lost_in_source": ("原文数字缺失", "the source lost the digits"),
    "standard_only": ("只有标准(要求),没有实际达到的数字", "only a standard (what was required), no achieved figure"),
    "not_found": ("未找到", "nothing found"),
})
GAP_REASONS = REASONS.subset("local_only", "part_only", "lost_in_source", "standard_only", "not_found",
                             name="gap_reasons")
# The few words a page adds after an empty cell's gap sentence, for the reasons that have more to say
# (helpers.pages.compare.gap_text): "no province-wide figure found; local evidence only".
GAP_DETAILS = REASONS.relabel("gap_details", {
    "local_only": ("只有地方证据", "local evidence only"),
    "part_only": ("只有一期、子项或站点的数字", "only a phase, subset or site"),
    "lost_in_source": ("原文数字缺失", "the source lost the digits"),
    "open_tie": ("并列未决", "unresolved tie"),
    "standard_only": ("只有标准(要求),见标准表", "only a standard (a requirement), see the standards table"),
})
# What comparison.csv's consistency column may name (helpers.data.consistency): a model's headline cells that
# contradict each other, so neither is ranked.
CONSISTENCY = Vocabulary("consistency", {
    "townships_differ": ("站数 ÷ 覆盖率与乡镇(街道)数相差超过15%", ("stations ÷ coverage and the township count differ "
                                                          "by more than 15 %")),
})
CHOICE_REASONS = REASONS.subset(*(r for r in REASONS.values if r not in GAP_REASONS), name="choice_reasons")

# The pairing rules of a derived indicator (helpers.data.derived), most exact first, and its flags.
RULES = Vocabulary("rules", {
    "same_date": ("同一地点、同一范围、同一日期", "same place, same coverage, same date"),
    "same_period": ("同一地点、同一范围、同一统计期", "same place and coverage, same period"),
    "stock_mean": ("分母取统计期首末存量的平均", "denominator: the stock's mean over the period (both ends known)"),
    "same_year": ("同一地点、同一范围、同一年度", "same place and coverage, same year"),
    "within_a_year": ("同一地点、同一范围、日期相差不超过一年", "same place and coverage, dates at most a year apart"),
    "same_source_undated": ("同一来源、同一地点与范围(均未注明日期)", "same source, place and coverage (both undated)"),
    "census_within_a_year": ("分母为2020年人口普查,日期相差不超过一年", "denominator: 2020 census, within a year"),
    "township_count_within_a_year": ("分母为乡镇(街道)数,日期相差不超过一年",
                                     "denominator: township count, within a year"),
})
FLAGS = Vocabulary("flags", {
    "over_100": ("超过100%:站数多于乡镇数,不参与排名", "over 100 %: more stations than townships; not ranked"),
    "flow_over_stock": ("流量除以存量:近似值", "a flow divided by a stock: approximate"),
    "years_differ": ("分子分母年份不同", "numerator and denominator years differ"),
    "programme_over_place": ("项目数字除以全地区的分母,不参与排名", "the programme's figure over the whole place; not ranked"),
    "purpose_unstated": ("来源未说明资金用途", "the source does not say what the money paid for"),
})
# The flags that keep a derived ratio out of charts and rankings (it is listed, with its flag, in the lineage
# table): more stations than townships, a flow over a stock at one date, a programme's count over the whole place.
UNRANKED_FLAGS = FLAGS.subset("over_100", "flow_over_stock", "programme_over_place", name="unranked_flags")
# Why a figure found no admissible denominator (helpers.data.derived.evaluate); conclusions say these.
REFUSALS = Vocabulary("refusals", {
    "no_denominator": ("同一地点、同一范围没有分母数字", "no denominator for the same place and coverage"),
    "dates_apart": ("分子与分母日期相差超过一年", "numerator and denominator more than a year apart"),
    "census_far": ("日期距2020年人口普查超过一年", "more than a year from the 2020 census"),
    "undated": ("数字未注明日期,无法与人口普查或乡镇数对照", ("the figure is undated, so it cannot be set against the census "
                "or the township count")),
    "cumulative_over_stock": ("多年累计数不能除以某一时点的数字", ("a total over several years cannot be divided by a "
                              "count at one date")),
    "periods_differ": ("分子与分母的统计期不同", "numerator and denominator cover different periods"),
    "phase_differs": ("分子与分母属于不同阶段", "numerator and denominator belong to different phases"),
    "scope_differs": ("只是一部分(一期、子项或站点)", "only a part (a phase, subset or site)"),
})

# The page roles of a coded indicator, each a column of data/raw/indicators.csv (the catalogue; read by
# helpers.pages.catalogue). A position (1, 2 ...) puts the indicator on that page in that order, empty leaves it
# off; station_level takes true or empty. The three-model page groups by the aspect of the indicator's dimension.
INDICATOR_ROLES = Vocabulary("indicator_roles", {
    "headline": ("首要指标表", "the headline table"),
    "side_by_side": ("三模式并列总表", "a row of the three-model page's side-by-side table"),
    "three_model": ("三模式页各方面", "a chart in its aspect of the three-model page and a row of its gaps table"),
    "profile": ("模式档案:与其他模式比较", "a chart under 'against the other models' on a model profile"),
    "panel": ("省级面板的列", "a column of the provincial panel (positions shared with the derived ratios)"),
    "panel_local": ("省级页的地方证据", "the provincial page's city, county and site figures"),
    "small_multiple": ("省级页的小多图", "a small multiple of the provincial page"),
    "station_level": ("按层级比较(每站)", ("set level beside level on the dimension page and in the three-model "
                                        "page's staffing per station")),
})
POSITION_ROLES = INDICATOR_ROLES.subset(*(r for r in INDICATOR_ROLES.values if r != "station_level"),
                                        name="position_roles")


# The notebook parameters whose values the pages have words for, and the vocabulary that bounds them. The
# parameters themselves are declared in reports.yml (helpers.parameters); helpers.parameters refuses a
# declaration of one of these that allows a value outside its vocabulary.
PARAMETERS = MappingProxyType({"lang": LANGUAGES, "dimension": REPORT_DIMENSIONS})

ALL = (LANGUAGES, DIMENSIONS, REPORT_DIMENSIONS, PAGE_DIMENSIONS, ANSWERED_DIMENSIONS, MONEY_DIMENSIONS, ASPECTS,
       ASPECT_HEADINGS,
       INDICATOR_ROLES, POSITION_ROLES, UNITS, QUALIFIERS, STATUSES, PERIODS,
       SCOPES, HEADLINE_SCOPES, PLACE_LEVELS, LEVELS, WHOLE, PURPOSES, PAYERS, MODES, TIERS, SOURCE_KINDS,
       RELIABILITIES, REASONS, GAP_REASONS, CHOICE_REASONS, GAP_DETAILS, CONSISTENCY, RULES, FLAGS, UNRANKED_FLAGS,
       REFUSALS)
_BY_NAME = {v.name: v for v in ALL}


def names() -> tuple[str, ...]:
    """The names reports.yml may refer to (``vocabulary: <name>``)."""
    return tuple(_BY_NAME)


def by_name(name: str) -> Vocabulary:
    """The vocabulary called ``name``; ``KeyError`` naming the declared ones otherwise."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no vocabulary {name!r}; declared: {', '.join(_BY_NAME)}") from None
