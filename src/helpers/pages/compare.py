"""What a comparison shows: reader-facing tables and sentences built from ``comparison.csv``.

Every function here is plain: it takes the processed tables and returns what a page shows together with the
fact ids it cites (a :class:`Shown`), so the choices can be tested without a kernel. Which figure stands for a
model was decided once, in :mod:`helpers.data.comparison`; nothing here chooses again.

>>> from helpers.data import load                                            # doctest: +SKIP
>>> shown = model_rows(load.tables(), "stations_township", "en")       # doctest: +SKIP
>>> shown.table[["model_id", "status", "figure"]]                      # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from helpers.data.load import id_set
from helpers.pages.i18n import col, format_figure, gap_phrase, pick, scope_phrase, t, term, tiers
from helpers.vocabulary import (FLAGS, MODES, PAYERS, PERIODS, PLACE_LEVELS, PURPOSES, QUALIFIERS, REASONS, RULES,
                                STATUSES)

HEADLINE = ("stations_township", "social_workers_stationed", "funding_total", "service_person_times")


@dataclass
class Shown:
    """What a view shows: a table (or rows for a chart), the facts it cites, and sentences to print."""

    table: pd.DataFrame
    fact_ids: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    def facts(self, facts: pd.DataFrame) -> pd.DataFrame:
        """The cited facts' rows (for a report's citations)."""
        return facts[facts["fact_id"].isin(self.fact_ids)]


def _models(tables, model_ids=None) -> pd.DataFrame:
    m = tables.models.set_index("model_id")
    return m if model_ids is None else m.loc[list(model_ids)]


def place_label(row, lang: str) -> str:
    """``model · place (level) · date``: how local evidence is labelled, e.g. 湖南 · 江永县 (县级) · 2022-03."""
    place = row.get(col("site", lang)) or "" if row.get("scope") == "site" else ""
    place = place or row[col("region", lang)]
    bits = [row[col("model", lang)], f"{place} ({term(PLACE_LEVELS, row['level'], lang)})"]
    if row.get("as_of"):
        bits.append(row["as_of"])
    return " · ".join(bits)


def with_labels(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Facts plus reader-facing columns: ``figure`` (with its qualifier), ``indicator_name``, ``model_name``,
    ``region_name``, ``counts``, ``coverage`` (全县/whole county, one phase...) and ``place``."""
    out = facts.copy()
    out["figure"] = [format_figure(*r, lang) for r in zip(out["value"], out["value_low"], out["value_high"],
                                                           out["qualifier"], out["unit"], out["status"])]
    out["indicator_name"] = out[col("label", lang)]
    out["model_name"] = out[col("model", lang)]
    out["region_name"] = out[col("region", lang)]
    out["counts"] = out[col("counts", lang)]
    out["coverage"] = [scope_phrase(s, lv, lang) for s, lv in zip(out["scope"], out["level"])]
    used = [c for c in dict.fromkeys((col("site", lang), "scope", col("region", lang), col("model", lang), "level",
                                      "as_of")) if c in out.columns]  # what place_label reads
    out["place"] = [place_label(r, lang) for r in out[used].to_dict("records")]
    return out


def cell_text(row: pd.Series | dict, lang: str) -> str:
    """A comparison cell: the figure in its qualifier's words, with year, level and coverage, and its source."""
    fig = format_figure(row["value"], row["value_low"], row["value_high"], row["qualifier"], row["unit"],
                        row["status"], lang)
    where = scope_phrase(row["scope"], row["level"], lang)
    when = row["as_of"] or t("undated", lang)
    return f"{fig} ({when}; {where}) [{row['source_id']}]"


GAP_DETAIL = {
    "local_only": ("只有地方证据", "local evidence only"),
    "part_only": ("只有一期、子项或站点的数字", "only a phase, subset or site"),
    "lost_in_source": ("原文数字缺失", "the source lost the digits"),
    "open_tie": ("并列未决", "unresolved tie"),
}


def gap_text(row: pd.Series | dict, model_level: str, lang: str) -> str:
    """Words for an empty cell: the gap and, when there is more to say, why (local evidence only, ...).

    >>> gap_text({"reason": "local_only"}, "province", "en")
    'no province-wide figure found; local evidence only'
    >>> gap_text({"reason": "not_found"}, "prefecture", "zh")
    '未找到全市数字'
    """
    base = gap_phrase(model_level, lang)
    detail = GAP_DETAIL.get(row["reason"])
    if not detail:
        return base
    return pick(f"{base};{detail[0]}", f"{base}; {detail[1]}", lang)


def model_rows(tables, indicator: str, lang: str, model_ids=None) -> Shown:
    """One row per model for a chart of ``indicator``: its headline figure, or a gap row (``status='gap'``)
    whose ``gap_text`` says so. Local evidence never appears here (see :func:`local_rows`)."""
    models = _models(tables, model_ids)
    comp = tables.comparison[tables.comparison["indicator"] == indicator]
    chosen = {r["model_id"]: r for r in comp[["model_id", "fact_id", "reason", "local_fact_ids"]].to_dict("records")}
    known = set(tables.facts["fact_id"])
    # label only the facts a row shows (labelling every fact, once per indicator, was most of a page's time)
    shown = with_labels(tables.facts[tables.facts["fact_id"].isin(set(comp["fact_id"]))], lang)
    facts = {f["fact_id"]: f for f in shown.to_dict("records")}
    names = models[col("short", lang)]
    rows, cited = [], []
    for m, name, level, region in zip(models.index, names, models["level"], models["region_code"]):
        c = chosen.get(m)
        if c is not None and c["fact_id"]:
            f = facts[c["fact_id"]]
            rows.append({"model_id": m, "label": f"{name} ({f['as_of']})" if f["as_of"] else name,
                         "value": f["value"], "value_low": f["value_low"], "value_high": f["value_high"],
                         "qualifier": f["qualifier"], "status": f["status"], "unit": f["unit"],
                         "figure": f["figure"], "as_of": f["as_of"], "level": f["level"], "scope": f["scope"],
                         "period": f["period"], "fact_id": c["fact_id"], "source_id": f["source_id"],
                         "region_code": f["region_code"], "gap_text": ""})
            cited.append(c["fact_id"])
        else:
            has_local = c is not None and bool(id_set([c["local_fact_ids"]]) & known)
            reason = {"reason": c["reason"] if c is not None else "not_found"}
            rows.append({"model_id": m, "label": name, "value": float("nan"), "value_low": float("nan"),
                         "value_high": float("nan"), "qualifier": "", "status": "gap", "unit": "",
                         "figure": "", "as_of": "", "level": level, "scope": "", "period": "",
                         "fact_id": "", "source_id": "", "region_code": region,
                         "gap_text": gap_text(reason, level, lang)
                         + (pick("(见下方)", " (see below)", lang) if has_local else "")})
    return Shown(pd.DataFrame(rows), cited)


def local_rows(tables, indicator: str, lang: str, model_ids=None) -> Shown:
    """Local evidence for ``indicator``: figures about places or sites inside each model's region (or a phase
    or subset of it), each labelled "model · place (level) · date" with what it counts."""
    comp = tables.comparison[tables.comparison["indicator"] == indicator]
    if model_ids is not None:
        comp = comp[comp["model_id"].isin(model_ids)]
    f = with_labels(tables.facts[tables.facts["fact_id"].isin(id_set(comp["local_fact_ids"]))], lang)
    if model_ids is not None:
        order = {m: i for i, m in enumerate(model_ids)}
        f = f.assign(_o=f["model_id"].map(order))
    else:
        f = f.assign(_o=0)
    f = f.sort_values(["_o", "model_id", "as_of", "fact_id"], ascending=[True, True, False, True]).drop(columns="_o")
    return Shown(f.reset_index(drop=True), list(f["fact_id"]))


def local_table(shown: Shown, lang: str) -> pd.DataFrame:
    """Local evidence as a table: place, figure, what it counts, coverage, source."""
    f = shown.table
    return pd.DataFrame({t("place", lang): f["place"], t("indicator", lang): f["indicator_name"],
                         t("figure", lang): f["figure"], t("counts", lang): f["counts"],
                         t("scope", lang): f["coverage"], t("source", lang): f["source_id"]}).reset_index(drop=True)


def typology(tables, lang: str) -> Shown:
    """The typology table: one row per model with mode, level, launch year, tiers, framework, coverage."""
    cov = model_rows(tables, "coverage_township_pct", lang).table.set_index("model_id")
    rows = []
    for m in tables.models.itertuples():
        c = cov.loc[m.model_id]
        rows.append({
            t("model", lang): getattr(m, col("name", lang)),
            t("level", lang): term(PLACE_LEVELS, m.level, lang),
            t("launch_year", lang): "—" if pd.isna(m.launch_year) else str(int(m.launch_year)),
            t("operating_mode", lang): term(MODES, m.operating_mode, lang),
            t("tiers", lang): tiers(m.tiers, lang),
            t("framework", lang): m.framework or "—",
            t("coverage", lang): c["gap_text"] if c["status"] == "gap" else
            c["figure"] + (f" ({c['as_of']})" if c["as_of"] else ""),
        })
    return Shown(pd.DataFrame(rows), [x for x in cov["fact_id"] if x])


def headline(tables, lang: str, indicators=HEADLINE, model_ids=None) -> Shown:
    """A models × indicators table of each model's headline figure, or its gap in words."""
    models = _models(tables, model_ids)
    labels = tables.indicators.set_index("indicator")[col("label", lang)]
    out = {t("model", lang): list(models[col("name", lang)])}
    cited = []
    for ind in indicators:
        rows = model_rows(tables, ind, lang, list(models.index)).table
        out[labels[ind]] = [r["gap_text"] if r["status"] == "gap" else
                            r["figure"] + (f" ({r['as_of']})" if r["as_of"] else "") for _, r in rows.iterrows()]
        cited += [x for x in rows["fact_id"] if x]
    return Shown(pd.DataFrame(out), cited)


FACT_COLUMNS = ("model_name", "region_name", "indicator_name", "figure", "counts", "coverage", "as_of", "period",
                "source_id")


def fact_table(facts: pd.DataFrame, lang: str, columns=FACT_COLUMNS) -> pd.DataFrame:
    """Facts as a reader-facing table, in ``lang``: what each counts and what part of its place it covers."""
    f = with_labels(facts, lang)
    f["period"] = [term(PERIODS, p, lang) for p in f["period"]]
    f["qualifier"] = [term(QUALIFIERS, q, lang) for q in f["qualifier"]]
    f["status"] = [term(STATUSES, s, lang) for s in f["status"]]
    f["purpose"] = [term(PURPOSES, p, lang) if p else "" for p in f["purpose"]]
    f["payer"] = [term(PAYERS, p, lang) if p else "" for p in f["payer"]]
    names = {"model_name": t("model", lang), "region_name": t("region", lang), "indicator_name": t("indicator", lang),
             "figure": t("figure", lang), "as_of": t("as_of", lang), "period": t("period", lang),
             "coverage": t("scope", lang), "source_id": t("source", lang), "qualifier": t("qualifier", lang),
             "status": t("status", lang), "evidence": t("evidence", lang), "note": t("note", lang),
             "value_text": t("evidence", lang), "counts": t("counts", lang), "place": t("place", lang),
             "purpose": t("purpose", lang), "payer": t("payer", lang)}
    return f[list(columns)].rename(columns=names).reset_index(drop=True)


def comparability_warnings(rows: pd.DataFrame, lang: str) -> list[str]:
    """Why the model-level figures in ``rows`` (one indicator, several models) may not be comparable.

    ``rows`` is :func:`model_rows`' table; gap rows are ignored, and a gap itself is reported."""
    out = []
    gaps = rows[rows["status"] == "gap"]
    r = rows[rows["status"].isin(["reported", "target"])]
    if len(gaps):
        names = ", ".join(gaps["label"])
        out.append(pick(f"没有本地区数字的模式: {names}", f"no figure for the model's own region: {names}", lang))
    if r.empty:
        return out
    years = r["as_of"].str[:4].replace("", None).dropna()
    if years.nunique() > 1:
        out.append(pick(f"年份不同: {years.min()}–{years.max()}", f"years differ: {years.min()}–{years.max()}", lang))
    undated = int((r["as_of"] == "").sum())
    if undated:
        out.append(pick(f"{undated} 个数字未注明时点", f"{undated} figure(s) have no date", lang))
    if r["period"].nunique() > 1:
        kinds = ", ".join(term(PERIODS, p, lang) for p in sorted(r["period"].unique()))
        out.append(pick(f"口径不同 (累计/年度/时点): {kinds}", f"periods differ: {kinds}", lang))
    if r["level"].nunique() > 1:
        kinds = ", ".join(f"{term(PLACE_LEVELS, lv, lang)} ({', '.join(g['label'])})" for lv, g in r.groupby("level"))
        out.append(pick(f"地区层级不同: {kinds}", f"places at different levels: {kinds}", lang))
    if r["scope"].nunique() > 1:
        kinds = ", ".join(sorted({scope_phrase(s, 'none', lang) for s in r["scope"]}))
        out.append(pick(f"覆盖范围不同: {kinds}", f"coverage differs: {kinds}", lang))
    if (r["status"] == "target").any():
        out.append(pick("部分为目标而非已报告数字", "some are targets, not reported figures", lang))
    if (r["qualifier"] != "exact").any():
        out.append(pick("含下限、约数或区间,不是确数",
                        "includes lower bounds, approximations or ranges, not exact figures", lang))
    return out


def dimension_sentences(tables, indicators, lang: str, model_ids=None) -> Shown:
    """Two or three sentences per dimension from ``comparison.csv``: per model what exists, then what can be
    concluded. E.g. "Hunan: no province-wide figure; local evidence only: Jiangyong county, 2022-03, 20多名"."""
    models = _models(tables, model_ids)
    labels = tables.indicators.set_index("indicator")[col("label", lang)]
    sentences, cited, complete = [], [], []
    for ind in indicators:
        rows = model_rows(tables, ind, lang, list(models.index)).table
        local = local_rows(tables, ind, lang, list(models.index)).table
        parts = []
        for _, r in rows.iterrows():
            name = models.loc[r["model_id"], col("short", lang)]
            if r["status"] == "gap":
                mine = local[local["model_id"] == r["model_id"]]
                if len(mine):
                    ev = "; ".join(f"{x['place']}, {x['figure']}" for _, x in mine.head(2).iterrows())
                    parts.append(f"{name}: {gap_phrase(r['level'], lang)}" +
                                 (pick(f",只有地方证据({ev})", f"; local evidence only ({ev})", lang)))
                    cited += list(mine.head(2)["fact_id"])
                else:
                    parts.append(f"{name}: {gap_phrase(r['level'], lang)}")
            else:
                when = r["as_of"] or t("undated", lang)
                parts.append(f"{name}: {r['figure']} ({when}, {term(PLACE_LEVELS, r['level'], lang)})")
                cited.append(r["fact_id"])
        sep = pick(";", "; ", lang)
        sentences.append(f"{labels[ind]} — " + sep.join(parts) + (pick("。", ".", lang)))
        if (rows["status"] != "gap").all():
            complete.append(ind)
    if complete:
        warn = comparability_warnings(model_rows(tables, complete[0], lang, list(models.index)).table, lang)
        names = t("list_sep", lang).join(labels[i] for i in complete)
        sentences.append(pick(f"可以并列比较的指标: {names}" + (f"(但需注意: {';'.join(warn)})" if warn else "") + "。",
                              f"Every model has a figure for: {names}" + (f" (but note: {'; '.join(warn)})" if warn else "")
                              + ".", lang))
    else:
        sentences.append(pick("这一维度没有所有模式都具备本地区数字的指标,不能据此排序或下结论。",
                              "No indicator of this dimension has a figure for every model's own region: the models "
                              "cannot be ranked on it.", lang))
    return Shown(pd.DataFrame(), cited, sentences)


DESIGN = (("operating_mode", "operating_mode"), ("employer", "employer"), ("funding", "funding_how"),
          ("supervision", "supervision"))
SIDE_BY_SIDE = (
    ("scale", ("stations_township", "village_points", "coverage_township_pct")),
    ("staffing", ("social_workers_stationed", "social_workers_sites", "social_workers_per_station")),
    ("funding", ("funding_total", "funding_provincial", "funding_per_station")),
    ("outputs", ("service_person_times", "cases", "groups", "community_activities")),
)


def side_by_side(tables, model_ids, lang: str) -> Shown:
    """The side-by-side table: rows are measures (design, scale, staffing, funding, outputs, coverage), columns
    the models; each cell the figure in its qualifier's words with year, coverage and source, or the gap."""
    models = _models(tables, model_ids)
    labels = tables.indicators.set_index("indicator")[col("label", lang)]
    dims = {"scale": pick("规模", "Scale", lang), "staffing": pick("人员", "Staffing", lang),
            "funding": pick("资金", "Funding", lang), "outputs": pick("产出", "Outputs", lang),
            "design": pick("设计", "Design", lang)}
    rows, cited = [], []
    for key, word in DESIGN:
        row = {t("dimension", lang): dims["design"], t("measure", lang): t(word, lang)}
        for m, info in models.iterrows():
            if key == "operating_mode":
                v = term(MODES, info["operating_mode"], lang)
            else:
                v = info.get(col(key, lang), "") or ""
                v = v or t("not_found", lang)
            row[info[col("short", lang)]] = v
        rows.append(row)
    for dim, inds in SIDE_BY_SIDE:
        for ind in inds:
            if ind not in labels.index:
                continue
            shown = model_rows(tables, ind, lang, list(models.index)).table.set_index("model_id")
            row = {t("dimension", lang): dims[dim], t("measure", lang): labels[ind]}
            for m, info in models.iterrows():
                r = shown.loc[m]
                if r["status"] == "gap":
                    row[info[col("short", lang)]] = r["gap_text"]
                else:
                    row[info[col("short", lang)]] = cell_text(r, lang)
                    cited.append(r["fact_id"])
            rows.append(row)
    return Shown(pd.DataFrame(rows), cited)


def derived_table(derived: pd.DataFrame, tables, lang: str) -> pd.DataFrame:
    """Derived rows with their lineage: place, value, inputs, the rule that admitted them and their flags."""
    from helpers.pages.i18n import format_figure as ff
    models = tables.models.set_index("model_id")[col("short", lang)]
    regions = tables.regions.set_index("region_code")[col("name", lang)]
    return pd.DataFrame({
        t("place", lang): [f"{models[m]} · {regions.get(c, c)}" + (f" · {a}" if a else "")
                           for m, c, a in zip(derived["model_id"], derived["region_code"], derived["as_of"])],
        t("value", lang): [ff(v, lo, hi, q, u, "reported", lang) for v, lo, hi, q, u in
                           zip(derived["value"], derived["value_low"], derived["value_high"], derived["qualifier"],
                               derived["unit"])],
        t("inputs", lang): derived["inputs"].str.replace("|", " ÷ ", n=1, regex=False).str.replace("|", " + "),
        t("rule", lang): [term(RULES, x, lang) for x in derived["rule"]],
        t("flags", lang): ["; ".join(term(FLAGS, f, lang) for f in x.split("|") if f) for x in derived["flags"]],
    }).reset_index(drop=True)


def rankable(derived: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """Derived rows that may be ranked across models: about the model's own region, not flagged over 100 % nor
    a flow over a stock at one date."""
    home = models.set_index("model_id")["region_code"]
    own = [home.get(m) == c for m, c in zip(derived["model_id"], derived["region_code"])]
    unranked = derived["flags"].str.contains("over_100") | derived["flags"].str.contains("flow_over_stock")
    return derived[pd.Series(own, index=derived.index) & ~unranked]
