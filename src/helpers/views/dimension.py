"""02 · Dimension comparison: every model side by side on staffing, funding or outputs."""

from __future__ import annotations

from .. import compare
from ..i18n import t
from .common import derived_chart, dimension_name, indicator_chart

DERIVED = {"staffing": ("workers_per_station", "workers_per_10k_residents"),
           "funding": ("funding_per_station_derived",),
           "outputs": ("person_times_per_worker",)}


def title(r, dimension: str) -> list:
    name = dimension_name(dimension, r.lang)
    return [r.say(f"维度比较:{name}", f"Comparison by dimension: {name}", 1),
            r.say("先列原始数字(各模式各自报告的口径),再列可比的派生比率。不同年份、累计与年度、全域与部分的数字"
                  "不能直接相比,每张图下给出可比性提示。",
                  "Raw figures first, as each model reports them; then normalised ratios where the data allow. "
                  "Figures from different years, cumulative versus annual, or whole region versus part are not "
                  "directly comparable: each chart lists its comparability warnings.")]


def indicators_of(r, dimension: str, minimum_models: int = 2) -> list[str]:
    """Indicators of ``dimension`` reported by at least ``minimum_models`` models, most widely reported first."""
    f = r.data.facts[(r.data.facts["dimension"] == dimension) & (r.data.facts["status"] == "reported")]
    counts = f.groupby("indicator")["model_id"].nunique().sort_values(ascending=False, kind="stable")
    return [i for i, n in counts.items() if n >= minimum_models]


def raw(r, dimension: str) -> list:
    blocks = [r.say("原始数字", "Raw figures", 2)]
    for ind in indicators_of(r, dimension):
        blocks += indicator_chart(r, ind)
    return blocks


def normalised(r, dimension: str) -> list:
    blocks = [r.say("标准化比较", "Normalised comparison", 2)]
    for ind in DERIVED[dimension]:
        blocks += derived_chart(r, ind)
    if len(blocks) == 1:
        blocks.append(r.note("现有数据不足以计算该维度的可比比率。" if r.lang == "zh"
                             else "The data do not yet allow a comparable ratio on this dimension.", kind="gap"))
    return blocks


def all_figures(r, dimension: str) -> list:
    f = r.data.facts[r.data.facts["dimension"] == dimension].sort_values(["model_id", "indicator", "as_of"])
    single = [i for i in f["indicator"].unique() if i not in indicators_of(r, dimension)]
    note = r.note(("以下指标只有一个模式报告,无法横向比较: " if r.lang == "zh"
                   else "Indicators reported by one model only (no comparison possible): ")
                  + ", ".join(sorted(single)), kind="gap") if single else None
    table = compare.fact_table(f, r.lang, columns=("model_name", "region_name", "indicator_name", "figure", "as_of",
                                                   "period", "scope", "source_id"))
    blocks = [r.say("全部数字", "All figures", 2)]
    if note:
        blocks.append(note)
    blocks.append(r.table(table, f"{dimension_name(dimension, r.lang)}: {len(f)} {t('facts', r.lang)}", facts=f,
                          long=True, sort_keys={t("figure", r.lang): f["value"]}))
    return blocks
