"""03 · Three models: Guangdong 双百 vs Hunan 禾计划 vs Qingdao's "third model" (or any models chosen)."""

from __future__ import annotations

import pandas as pd

from helpers.pages import compare, conclusions
from helpers.pages.i18n import WORDS, col, pick, t, term
from helpers.pages.report import Report
from helpers.pages.views.common import (
    any_label,
    derived_chart,
    dimension_name,
    figures_table,
    indicator_chart,
    level_rows_table,
    level_span,
    model_source_ids,
    short_names,
    standards_table,
)
from helpers.vocabulary import MODES, PLACE_LEVELS

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
DERIVED = {"staffing": ("workers_per_100k_residents", "workers_sites_per_100k_residents", "workers_per_station",
                        "workers_per_site", "workers_per_township_covered"),
           "outputs": ("person_times_per_1k_residents", "person_times_per_worker", "home_visits_per_worker",
                       "yuan_per_person_time"),
           "funding": ("funding_per_resident", "funding_per_station_derived", "funding_per_worker"),
           "scale": ("coverage_rate",)}
# The dimensions the three-model report answers for, in its order (scale is the coverage dimension).
ANSWERED = ("staffing", "coverage", "funding", "outputs")
# Station-level staffing: per-station figures coded as found or required, and per-station averages derived.
STATION_STAFFING = ("social_workers_per_station", "workers_per_station", "workers_per_township_covered",
                    "workers_per_site")


def _names(r: Report, ids):
    return short_names(r)[ids].tolist()


def title(r: Report) -> list:
    ids = r.model_ids
    names = " · ".join(_names(r, ids))
    return [r.say(f"模式比较:{names}", f"Models compared: {names}", 1),
            r.say("先看并列总表:每格是该模式本地区(全省、全市……)覆盖全域或整个项目的数字,注明年份、范围与来源;"
                  "没有这样的数字时写明“未找到”,县、市或单个站点的数字只作为地方证据另列,不代表整个模式。",
                  "The side-by-side table comes first: each cell is the model's figure for its own region (province, "
                  "city ...) covering the whole place or the whole programme, with its year, coverage and source; "
                  "where there is none the cell says so, and figures for a county, a city or one station are shown "
                  "apart as local evidence, never as the model's figure.")]


def side_by_side(r: Report) -> list:
    ids = r.model_ids
    shown = compare.side_by_side(r.data, ids, r.lang)
    src = model_source_ids(r, ids)
    return [r.say("并列总表", "Side by side", 2),
            r.table(shown.table, pick("设计、规模、人员、资金与产出:各模式本地区数字或缺口",
                                      "Design, scale, staffing, funding and outputs: each model's own figure or its gap",
                                      r.lang), facts=shown.facts(r.data.facts), source_ids=src)]


def aspect(r: Report, name: str) -> list:
    """One aspect of the models (``name``: a key of :data:`ASPECTS`): what can be said, the normalised figures,
    the raw counts and the standards; under its heading (i18n ``aspect_<name>``)."""
    ids = r.model_ids
    present = [i for i in ASPECTS[name] if i in set(r.data.indicators["indicator"])]
    said = compare.dimension_sentences(r.data, present[:3], r.lang, ids)
    heading = WORDS[f"aspect_{name}"]
    blocks = [r.say(*heading, 2), r.notes(said.sentences, kind="gap", facts=said.facts(r.data.facts))]
    for ind in DERIVED.get(name, ()):  # normalised figures before raw counts
        blocks += derived_chart(r, ind, model_ids=ids)
    for ind in present:
        blocks += indicator_chart(r, ind, model_ids=ids)
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


def gaps(r: Report) -> list:
    ids = r.model_ids
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


def _cell(r: Report, rows: pd.DataFrame, local: pd.DataFrame) -> str:
    """A model's own-region ratio in words (latest), flagged ones marked; else whether local places have it."""
    if len(rows):
        x = rows.assign(_r=~compare.unranked(rows["flags"])).sort_values(["_r", "as_of"], kind="stable").iloc[-1]
        text = conclusions.qualified(x["value"], x["qualifier"], x["unit"], r.lang, x["value_low"], x["value_high"])
        text += f" ({x['as_of'] or t('undated', r.lang)})"
        if not x["_r"]:
            text += " " + t("not_ranked", r.lang)
        return text
    if len(local):
        return t("local_only_cell", r.lang).format(n=int(local["n_places"].sum()))
    return "—"


def per_unit(r: Report) -> list:
    """Per resident, per station, per worker and per yuan: each model's own-region ratio, or where only
    places inside its region have one, how many."""
    ids = r.model_ids
    home = r.data.models.set_index("model_id")["region_code"]
    d = r.data.derived[r.data.derived["model_id"].isin(ids)]
    lc = r.data.level_comparison
    lc = lc[(lc["origin"] == "derived") & lc["model_id"].isin(ids)]
    wanted = [i for dim in ANSWERED for i in conclusions.MEASURES[dim]]
    label = {i: conclusions.SPEC[i].label_zh if r.lang == "zh" else conclusions.SPEC[i].label_en for i in wanted}
    table = {t("measure", r.lang): [label[i] for i in wanted]}
    for m, name in zip(ids, _names(r, ids)):
        own = d[(d["model_id"] == m) & (d["region_code"] == home[m])]
        cells = []
        for i in wanted:
            local = lc[(lc["indicator"] == i) & (lc["model_id"] == m)]
            local = local[~local["places_en"].eq(r.data.regions.set_index("region_code").loc[home[m], "name_en"])]
            cells.append(_cell(r, own[own["indicator"] == i], local))
        table[name] = cells
    table = pd.DataFrame(table)
    empty = (table.drop(columns=t("measure", r.lang)) == "—").all(axis=1)
    shown = d[d["indicator"].isin(wanted)]
    nobody = r.note(t("no_model_has", r.lang) + t("list_sep", r.lang).join(table.loc[empty, t("measure", r.lang)]),
                    kind="gap") if empty.any() else None
    return [r.say("每名居民、每个站、每名社工、每元钱", "Per resident, per station, per worker, per yuan", 2),
            r.say("下表只列各模式本地区(全省、全市)的派生比率,分子分母为同一地点、同一范围、同一时期;"
                  "“不排名”表示近似值或超过100%;只有下辖地区有比率时写明地方数,见下方按层级比较。",
                  "Only each model's ratios for its own region (province, city), from a numerator and denominator "
                  "of the same place, coverage and period; 'not ranked' marks an approximation or a share over "
                  "100 %; where only places inside the region have the ratio the cell says how many (see the "
                  "level-matched comparison below)."),
            r.table(table[~empty], pick("各模式本地区的比率", "Each model's own-region ratios", r.lang),
                    facts=shown if len(shown) else None)] + ([nobody] if nobody else [])


def answers(r: Report) -> list:
    """One generated paragraph per dimension: what can be compared, at which level, and what it shows."""
    ids = r.model_ids
    refused = conclusions.refusals(r.data)
    blocks = [r.say("数据能回答什么", "What the data can answer", 2)]
    for dim in ANSWERED:
        c = conclusions.paragraph(r.data, dim, r.lang, ids, refused)
        used = r.data.derived[r.data.derived["derived_id"].isin(c.derived_ids)]
        blocks.append(r.note(f"{dimension_name(dim, r.lang)}: {c.text}", kind="gap" if
                             set(c.cases.values()) == {"not_comparable"} else "warn",
                             facts=used if len(used) else None))
    return blocks


def _station_rows(r: Report, ids) -> pd.DataFrame:
    lc = r.data.level_comparison
    lc = lc[lc["indicator"].isin(STATION_STAFFING) & lc["model_id"].isin(ids) & lc["status"].isin(
        ["reported", "standard"])]
    order = {m: i for i, m in enumerate(ids)}
    return lc.assign(_m=lc["model_id"].map(order), _s=(lc["status"] != "standard").astype(int),
                     _l=lc["level"].map({v: i for i, v in enumerate(PLACE_LEVELS.values)})).sort_values(
        ["_m", "_s", "_l", "indicator"], kind="stable")


def station_level(r: Report) -> list:
    """Staffing set station beside station: requirements labelled as such, figures as found, by level."""
    ids = r.model_ids
    rows = _station_rows(r, ids)
    blocks = [r.say("按层级比较:每站人员", "Level-matched: staffing per station", 2)]
    if rows.empty:
        return blocks + [r.note(t("no_station_level", r.lang), kind="gap")]
    names = short_names(r)
    table = level_rows_table(r, rows)
    said = []
    for m in ids:
        g = rows[rows["model_id"] == m]
        if g.empty:
            said.append(t("station_none", r.lang).format(model=names[m]))
            continue
        parts = [t("station_part", r.lang).format(
            figure=level_span(r, x), what=t("as_required" if x["status"] == "standard" else "as_found", r.lang),
            n=x["n_places"], level=term(PLACE_LEVELS, x["level"], r.lang), measure=any_label(r, x["indicator"]))
            for _, x in g.iterrows()]
        mode = term(MODES, r.data.models.set_index("model_id").loc[m, "operating_mode"], r.lang)
        said.append(f"{names[m]} ({mode}): " + t("concl_sep", r.lang).join(parts))
    facts = r.data.facts[r.data.facts["fact_id"].isin({x for s in rows["fact_ids"] for x in s.split("|") if x})]
    return blocks + [r.notes(said + [t("sample_not_region", r.lang)], kind="warn", heading=t("station_heading", r.lang)),
                     r.table(table, pick("每站人员:要求(标准)与实际(按层级)", "Staffing per station: required "
                                         "(standards) and as found, by level", r.lang), facts=facts)]
