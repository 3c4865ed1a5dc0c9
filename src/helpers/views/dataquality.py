"""06 · Data quality and sources: what is there, what is lost, what conflicts, where it came from."""

from __future__ import annotations

import pandas as pd

from .. import compare, plots, quality
from ..i18n import t


def title(r) -> list:
    f = r.data.facts
    n_missing = int((f["status"] == "missing").sum())
    return [r.say("数据质量与来源", "Data quality and sources", 1),
            r.say(f"数据集共 {len(f)} 条数字,来自 {len(r.data.sources)} 个来源,涉及 {len(r.data.models)} 个模式;"
                  f"其中 {n_missing} 条在原文中缺失(数字被删)。缺口本身就是发现。",
                  f"The dataset holds {len(f)} figures from {len(r.data.sources)} sources on {len(r.data.models)} models; "
                  f"{n_missing} of them lost their digits in the source. The gaps are findings.")]


def _heatmap(r, matrix, heading: tuple, title: tuple, caption: tuple, **style) -> list:
    """A heading and a heatmap figure citing every source (these views summarise the whole dataset)."""
    pick = 0 if r.lang == "zh" else 1
    fig = plots.heatmap(matrix, title=title[pick], **style)
    return [r.say(*heading, 2), r.figure(fig, caption[pick], source_ids=r.data.facts["source_id"].unique())]


def coverage(r) -> list:
    return _heatmap(r, quality.dimension_matrix(r.data, r.lang), ("覆盖矩阵", "Coverage matrix"),
                    ("各模式各维度的数字条数", "Figures per model and dimension"),
                    ("已报告数字按维度计数;目标与原文缺失另列",
                     "Reported figures by dimension; targets and figures lost in the source counted apart"))


def lost(r) -> list:
    f = quality.missing(r.data.facts)
    table = compare.fact_table(f, r.lang, columns=("model_name", "indicator_name", "value_text", "evidence",
                                                   "source_id"))
    return [r.say("原文缺失的数字", "Figures lost in the source", 2),
            r.say("这些数字在原文中只剩量词(如“个街道”“不少于平方米”),按缺失记录,不作猜测。",
                  "Only the measure word survives in the source (e.g. 个街道, 不少于平方米); they are recorded as "
                  "missing, never guessed."),
            r.table(table, f"{len(f)} " + t("missing_rows", r.lang), facts=f, long=True)]


def qualifiers(r) -> list:
    mix = quality.qualifier_mix(r.data.facts, r.lang)
    names = r.data.models.set_index("model_id")["short_zh" if r.lang == "zh" else "short_en"]
    mix.index = [names[i] for i in mix.index]
    return _heatmap(r, mix, ("限定词构成", "Qualifier mix"), ("限定词构成(确数/下限/约数/区间)", "Qualifier mix"),
                    ("各模式数字中确数、下限、约数、区间所占比例",
                     "Share of exact figures, lower bounds, approximations and ranges per model"),
                    fmt=".0%", cmap="Oranges")


def conflicts(r) -> list:
    c = quality.conflicts(r.data.facts)
    table = compare.fact_table(c, r.lang, columns=("model_name", "region_name", "indicator_name", "figure", "as_of",
                                                   "source_id", "note"))
    return [r.say("来源之间的冲突", "Conflicting sources", 2),
            r.say("同一模式、地区、指标和时点出现不同数字,或注释中标明冲突的记录;两条都保留。",
                  "Different figures for the same model, region, indicator and date, or rows whose note flags a "
                  "conflict; both sides are kept."),
            r.table(table, f"{len(c)}", facts=c, sort_keys={t("figure", r.lang): c["value"]})]


def source_list(r) -> list:
    s = r.data.sources.sort_values("source_id")
    counts = r.data.facts.groupby("source_id").size()
    table = pd.DataFrame({
        "id": s["source_id"], t("source", r.lang): s["title"], t("outlet", r.lang): s["outlet"],
        t("published", r.lang): s["published"], t("url", r.lang): s["url"],
        t("facts", r.lang): [int(counts.get(x, 0)) for x in s["source_id"]],
    })
    return [r.say("全部来源", "All sources", 2),
            r.table(table, f"{len(s)}", source_ids=s["source_id"], long=True)]
