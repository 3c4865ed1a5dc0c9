"""03 · Three models: Guangdong 双百 vs Hunan 禾计划 vs Qingdao's "third model" (or any models chosen)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .. import compare, quality
from ..i18n import MODES, t, term, tiers
from .common import derived_chart, indicator_chart

DEFAULT = ["guangdong_shuangbai", "hunan_he", "qingdao"]
ASPECTS = {
    "scale": ("stations_township", "social_workers_stationed", "village_points"),
    "staffing": ("social_workers_per_station", "certified_social_workers", "supervisors"),
    "funding": ("funding_total", "funding_provincial", "funding_lottery", "funding_per_station"),
    "outputs": ("service_person_times", "cases", "groups", "community_activities", "home_visits"),
}


def _names(r, ids):
    return r.data.models.set_index("model_id").loc[ids, "short_zh" if r.lang == "zh" else "short_en"].tolist()


def title(r, ids) -> list:
    names = " · ".join(_names(r, ids))
    return [r.say(f"模式比较:{names}", f"Models compared: {names}", 1),
            r.say("广东“双百”由乡镇(街道)直接聘用社工、省级统一督导;湖南“禾计划”由县级民政部门通过政府购买服务招标;"
                  "青岛将政府直聘与委托专业机构运营相结合,被称为“第三种模式”。以下逐项比较设计、人员、资金、规模与产出,"
                  "并标出数据尚不能回答的问题。",
                  "Guangdong's Shuangbai has townships hire social workers directly under provincial supervision; "
                  "Hunan's He Plan buys services through county tenders; Qingdao combines direct hire with entrusted "
                  "agencies, the so-called 'third model'. Design, staffing, funding, scale and outputs are compared "
                  "below, and what the data cannot yet tell is marked.")]


def design(r, ids) -> list:
    m = r.data.models.set_index("model_id").loc[ids]
    table = pd.DataFrame({
        t("model", r.lang): m["short_zh" if r.lang == "zh" else "short_en"],
        t("operating_mode", r.lang): [term(MODES, x, r.lang) for x in m["operating_mode"]],
        t("launch_year", r.lang): ["—" if pd.isna(y) else str(int(y)) for y in m["launch_year"]],
        t("tiers", r.lang): [tiers(x, r.lang) for x in m["tiers"]],
        t("framework", r.lang): [x or "—" for x in m["framework"]],
        t("summary", r.lang): m["summary_zh" if r.lang == "zh" else "summary_en"],
    })
    ids_src = {s for x in m["source_ids"] for s in x.split("|")}
    return [r.say("设计", "Design", 2),
            r.table(table, "运营方式、层级与框架" if r.lang == "zh" else "Operating mode, tiers and framework",
                    source_ids=ids_src)]


def aspect(r, ids, name: str, zh: str, en: str) -> list:
    blocks = [r.say(zh, en, 2)]
    for ind in ASPECTS[name]:
        if (r.data.facts[(r.data.facts["indicator"] == ind) & r.data.facts["model_id"].isin(ids)]).empty:
            continue
        blocks += indicator_chart(r, ind, model_ids=ids)
    if name == "staffing":
        blocks += derived_chart(r, "workers_per_station", model_ids=ids)
    if name == "outputs":
        blocks += derived_chart(r, "person_times_per_worker", model_ids=ids)
    if name == "funding":
        f = r.data.facts[(r.data.facts["dimension"] == "funding") & r.data.facts["model_id"].isin(ids)]
        if len(f):
            blocks.append(r.table(compare.fact_table(f, r.lang, columns=(
                "model_name", "region_name", "indicator_name", "figure", "as_of", "period", "scope", "source_id")),
                "全部资金数字" if r.lang == "zh" else "All funding figures", facts=f,
                sort_keys={t("figure", r.lang): f["value"]}))
    return blocks


def gaps(r, ids) -> list:
    wanted = [i for group in ASPECTS.values() for i in group]
    sub = replace(r.data, models=r.data.models.set_index("model_id").loc[ids].reset_index())
    matrix = quality.indicator_matrix(sub, wanted, r.lang).T
    missing = [(m, i) for m in ids for i in wanted
               if r.data.facts[(r.data.facts["model_id"] == m) & (r.data.facts["indicator"] == i)
                               & (r.data.facts["status"] == "reported")].empty]
    share = len(missing) / (len(ids) * len(wanted))
    text = (f"在 {len(wanted)} 项核心指标中,这些模式合计有 {len(missing)} 项(占 {share:.0%})没有已报告的数字。"
            "✓ 已报告,◎ 仅有目标,✗ 原文缺失,— 未找到。"
            if r.lang == "zh" else
            f"Of {len(wanted)} core indicators, {len(missing)} model-indicator cells ({share:.0%}) have no reported "
            "figure. ✓ reported, ◎ target only, ✗ lost in source, — nothing found.")
    return [r.say("数据尚不能回答的问题", "What the data cannot yet tell", 2), r.note(text, kind="gap"),
            r.table(matrix.reset_index(names=t("indicator", r.lang)),
                    "指标可得性" if r.lang == "zh" else "Indicator availability")]
