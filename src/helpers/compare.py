"""Select and lay out figures for comparison. Functions take the processed tables, return DataFrames.

>>> from helpers import load                                   # doctest: +SKIP
>>> latest(load.tables().facts, "stations_township")           # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from .i18n import LEVELS, MODES, PERIODS, QUALIFIERS, SCOPES, STATUSES, format_figure, t, term, tiers

HEADLINE = ("stations_township", "social_workers_stationed", "funding_total", "service_person_times")


def with_labels(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Facts plus reader-facing columns: ``figure`` (formatted with its qualifier), ``indicator_name``,
    ``model_name``, ``region_name``."""
    out = facts.copy()
    out["figure"] = [format_figure(r.value, r.value_low, r.value_high, r.qualifier, r.unit, r.status, lang)
                     for r in out.itertuples()]
    out["indicator_name"] = out["label_zh" if lang == "zh" else "label_en"]
    out["model_name"] = out["model_zh" if lang == "zh" else "model_en"]
    out["region_name"] = out["region_zh" if lang == "zh" else "region_en"]
    return out


def latest(facts: pd.DataFrame, indicator: str, models: pd.DataFrame | None = None,
           status: str = "reported") -> pd.DataFrame:
    """One row per model: its best figure for ``indicator``.

    Preference: the model's home region, then ``scope == "total"``, then the latest year, then fact id.
    Rows with ``status`` other than ``status`` are ignored.
    """
    rows = facts[(facts["indicator"] == indicator) & (facts["status"] == status) & facts["value"].notna()]
    if rows.empty:
        return rows
    home = models.set_index("model_id")["region_code"] if models is not None else pd.Series(dtype=str)
    rows = rows.assign(
        _home=[home.get(m) == r for m, r in zip(rows["model_id"], rows["region_code"])],
        _total=rows["scope"] == "total",
        _year=rows["year"].fillna(0).astype(int),
    )
    rows = rows.sort_values(["model_id", "_home", "_total", "_year", "fact_id"],
                            ascending=[True, False, False, False, True], kind="stable")
    return rows.groupby("model_id", sort=True).head(1).drop(columns=["_home", "_total", "_year"])


def typology(tables, lang: str) -> pd.DataFrame:
    """The typology table: one row per model with mode, level, launch year, tiers, framework, coverage."""
    cov = latest(tables.facts, "coverage_township_pct", tables.models).set_index("model_id")
    rows = []
    for m in tables.models.itertuples():
        c = cov.loc[m.model_id] if m.model_id in cov.index else None
        rows.append({
            t("model", lang): m.name_zh if lang == "zh" else m.name_en,
            t("level", lang): term(LEVELS, m.level, lang),
            t("launch_year", lang): "—" if pd.isna(m.launch_year) else str(int(m.launch_year)),
            t("operating_mode", lang): term(MODES, m.operating_mode, lang),
            t("tiers", lang): tiers(m.tiers, lang),
            t("framework", lang): m.framework or "—",
            t("coverage", lang): "—" if c is None else
            format_figure(c.value, c.value_low, c.value_high, c.qualifier, c.unit, c.status, lang)
            + (f" ({c.as_of})" if c.as_of else ""),
        })
    return pd.DataFrame(rows)


def headline(tables, lang: str, indicators=HEADLINE, model_ids=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A models × indicators table of best figures (text) and the facts behind it (for citing)."""
    labels = tables.indicators.set_index("indicator")["label_zh" if lang == "zh" else "label_en"]
    models = tables.models if model_ids is None else tables.models.set_index("model_id").loc[model_ids].reset_index()
    cells, used = {}, []
    for ind in indicators:
        best = with_labels(latest(tables.facts, ind, tables.models), lang).set_index("model_id")
        used.append(best.reset_index())
        cells[labels[ind]] = [
            (best.loc[m, "figure"] + (f" ({best.loc[m, 'as_of']})" if best.loc[m, "as_of"] else ""))
            if m in best.index else "—" for m in models["model_id"]]
    table = pd.DataFrame({t("model", lang): models["name_zh" if lang == "zh" else "name_en"], **cells})
    facts = pd.concat(used, ignore_index=True) if used else tables.facts.iloc[:0]
    return table, facts[facts["model_id"].isin(models["model_id"])]


def fact_table(facts: pd.DataFrame, lang: str, columns=("model_name", "region_name", "indicator_name", "figure",
                                                             "as_of", "period", "scope", "source_id")) -> pd.DataFrame:
    """Facts as a reader-facing table, in ``lang``."""
    f = with_labels(facts, lang)
    f["period"] = [term(PERIODS, p, lang) for p in f["period"]]
    f["scope"] = [term(SCOPES, s, lang) for s in f["scope"]]
    f["qualifier"] = [term(QUALIFIERS, q, lang) for q in f["qualifier"]]
    f["status"] = [term(STATUSES, s, lang) for s in f["status"]]
    names = {"model_name": t("model", lang), "region_name": t("region", lang), "indicator_name": t("indicator", lang),
             "figure": t("figure", lang), "as_of": t("as_of", lang), "period": t("period", lang),
             "scope": t("scope", lang), "source_id": t("source", lang), "qualifier": t("qualifier", lang),
             "status": t("status", lang), "evidence": t("evidence", lang), "note": t("note", lang),
             "value_text": t("evidence", lang)}
    return f[list(columns)].rename(columns=names).reset_index(drop=True)


def comparability_warnings(rows: pd.DataFrame, lang: str) -> list[str]:
    """Why figures in ``rows`` (one indicator, several models) may not be comparable."""
    out = []
    r = rows[rows["status"] != "missing"]
    if r.empty:
        return out
    years = r["year"].dropna()
    if years.nunique() > 1:
        out.append(f"年份不同: {int(years.min())}–{int(years.max())}" if lang == "zh"
                   else f"years differ: {int(years.min())}–{int(years.max())}")
    if r["year"].isna().any():
        n = int(r["year"].isna().sum())
        out.append(f"{n} 个数字未注明时点" if lang == "zh" else f"{n} figure(s) have no date")
    if r["period"].nunique() > 1:
        kinds = ", ".join(term(PERIODS, p, lang) for p in sorted(r["period"].unique()))
        out.append(f"口径不同 (累计/年度/时点): {kinds}" if lang == "zh" else f"periods differ: {kinds}")
    if (r["scope"] != "total").any():
        out.append("部分数字只覆盖地区的一部分(或范围未评估)" if lang == "zh"
                   else "some figures cover only part of their region (or scope not assessed)")
    if r["region_code"].nunique() > r["model_id"].nunique():
        out.append("同一模式的数字来自不同层级的地区" if lang == "zh"
                   else "figures for one model come from regions at different levels")
    if (r["qualifier"] != "exact").any():
        out.append("含下限、约数或区间,不是确数" if lang == "zh"
                   else "includes lower bounds, approximations or ranges, not exact figures")
    return out


def bar_rows(facts: pd.DataFrame, lang: str, label: str = "model_name") -> pd.DataFrame:
    """Rows ready for :func:`helpers.plots.qualified_bars`, with a readable ``label`` (model, year)."""
    f = with_labels(facts, lang)
    f["label"] = [f"{n} ({a})" if a else n for n, a in zip(f[label], f["as_of"])]
    return f
