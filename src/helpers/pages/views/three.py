"""03 · Three models: Guangdong 双百 vs Hunan 禾计划 vs Qingdao's "third model" (or any models chosen)."""

from __future__ import annotations

import pandas as pd

from helpers.pages import compare
from helpers.pages.i18n import col, pick, t
from helpers.pages.views.common import (derived_chart, figures_table, indicator_chart, model_source_ids,
                                       short_names, standards_table)

DEFAULT = ["guangdong_shuangbai", "hunan_he", "qingdao"]
ASPECTS = {
    "scale": ("stations_township", "village_points", "coverage_township_pct"),
    "staffing": ("social_workers_stationed", "social_workers_sites", "social_workers_per_station",
                 "certified_social_workers", "supervisors"),
    "funding": ("funding_total", "funding_provincial", "funding_lottery", "funding_per_station"),
    "outputs": ("service_person_times", "cases", "groups", "community_activities", "home_visits"),
}
# The dimension of data/raw whose standards each aspect lists (scale: the coverage dimension).
ASPECT_DIMENSIONS = {"scale": "coverage", "staffing": "staffing", "funding": "funding", "outputs": "outputs"}
DERIVED = {"staffing": ("workers_per_station", "workers_per_site"), "outputs": ("person_times_per_worker",),
           "funding": ("funding_per_station_derived",), "scale": ("coverage_rate",)}


def _names(r, ids):
    return short_names(r)[ids].tolist()


def title(r, ids) -> list:
    names = " · ".join(_names(r, ids))
    return [r.say(f"模式比较:{names}", f"Models compared: {names}", 1),
            r.say("先看并列总表:每格是该模式本地区(全省、全市……)覆盖全域或整个项目的数字,注明年份、范围与来源;"
                  "没有这样的数字时写明“未找到”,县、市或单个站点的数字只作为地方证据另列,不代表整个模式。",
                  "The side-by-side table comes first: each cell is the model's figure for its own region (province, "
                  "city ...) covering the whole place or the whole programme, with its year, coverage and source; "
                  "where there is none the cell says so, and figures for a county, a city or one station are shown "
                  "apart as local evidence, never as the model's figure.")]


def side_by_side(r, ids) -> list:
    shown = compare.side_by_side(r.data, ids, r.lang)
    src = model_source_ids(r, ids)
    return [r.say("并列总表", "Side by side", 2),
            r.table(shown.table, pick("设计、规模、人员、资金与产出:各模式本地区数字或缺口",
                                      "Design, scale, staffing, funding and outputs: each model's own figure or its gap",
                                      r.lang), facts=shown.facts(r.data.facts), source_ids=src)]


def aspect(r, ids, name: str, zh: str, en: str) -> list:
    present = [i for i in ASPECTS[name] if i in set(r.data.indicators["indicator"])]
    said = compare.dimension_sentences(r.data, present[:3], r.lang, ids)
    blocks = [r.say(zh, en, 2), r.notes(said.sentences, kind="gap", facts=said.facts(r.data.facts))]
    for ind in present:
        blocks += indicator_chart(r, ind, model_ids=ids)
    for ind in DERIVED.get(name, ()):
        blocks += derived_chart(r, ind, model_ids=ids)
    blocks += standards_table(r, ASPECT_DIMENSIONS[name], model_ids=ids)
    if name == "funding":
        f = r.data.facts[(r.data.facts["dimension"] == "funding") & r.data.facts["model_id"].isin(ids)]
        if len(f):
            blocks.append(figures_table(r, f, pick("全部资金数字(含用途与出资方)", "All funding figures (with purpose "
                                                  "and payer)", r.lang),
                                        columns=("place", "indicator_name", "figure", "counts", "purpose", "payer",
                                                 "coverage", "source_id"),
                                        sort_keys={t("figure", r.lang): list(f["value"])}))
    return blocks


def gaps(r, ids) -> list:
    wanted = [i for group in ASPECTS.values() for i in group if i in set(r.data.indicators["indicator"])]
    comp = r.data.comparison
    comp = comp[comp["model_id"].isin(ids) & comp["indicator"].isin(wanted)]
    labels = r.data.indicators.set_index("indicator")[col("label", r.lang)]
    mark = {True: "✓"}
    table = {t("indicator", r.lang): [labels[i] for i in wanted]}
    for m, name in zip(ids, _names(r, ids)):
        sub = comp[comp["model_id"] == m].set_index("indicator")
        table[name] = [mark.get(bool(sub.loc[i, "fact_id"]) and sub.loc[i, "status"] == "reported",
                                "◎" if sub.loc[i, "status"] == "target" else
                                "✗" if sub.loc[i, "reason"] == "lost_in_source" else
                                "◇" if sub.loc[i, "reason"] in ("local_only", "part_only") else
                                "§" if sub.loc[i, "reason"] == "standard_only" else "—")
                       for i in wanted]
    table = pd.DataFrame(table)
    missing = int((comp["fact_id"] == "").sum() + (comp["status"] == "target").sum())
    share = missing / max(1, len(ids) * len(wanted))
    text = (pick(f"在 {len(wanted)} 项核心指标中,这些模式合计有 {missing} 格(占 {share:.0%})没有本地区的已报告数字。"
            "✓ 已报告,◎ 仅有目标,◇ 只有地方或部分数字,§ 只有标准(要求),✗ 原文缺失,— 未找到。",
            f"Of {len(wanted)} core indicators, {missing} model-indicator cells ({share:.0%}) have no reported figure "
            "for the model's own region. ✓ reported, ◎ target only, ◇ local or partial figures only, § only a "
            "standard (a requirement), ✗ lost in source, — nothing found.", r.lang))
    return [r.say("数据尚不能回答的问题", "What the data cannot yet tell", 2), r.note(text, kind="gap"),
            r.table(table, pick("指标可得性(本地区数字)", "Indicator availability (own-region figures)", r.lang))]
