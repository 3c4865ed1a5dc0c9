"""The provincial panel: province-level models side by side, only on province-wide figures.

Plain functions: processed tables in, :class:`~helpers.pages.compare.Shown` (a table and the fact ids it cites) out.
A province's cell holds its headline figure from ``comparison.csv`` (the province itself, whole place or whole
programme) or a ratio derived from such figures; city and county figures never enter the panel and are listed
apart by :func:`local_figures`.

>>> from helpers.data import load                                    # doctest: +SKIP
>>> panel_table(load.tables(), "en").table                     # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from helpers.data.load import once
from helpers.pages import catalogue
from helpers.pages.compare import Shown, homes, local_rows, model_rows, phase_note
from helpers.pages.i18n import col, format_figure, indicator_labels, t, term
from helpers.vocabulary import DIMENSIONS, FLAGS, PAGE_DIMENSIONS, TARGET_DIMENSION

# The panel's columns are the catalogue's: coded indicators with a ``panel`` position in indicators.csv (their
# figure from comparison.csv) and derived ratios with one in helpers.derived_indicators.DERIVED_INDICATORS (headed by
# their ``panel_label``), in position order (helpers.pages.catalogue.panel_columns).


def province_models(tables) -> pd.DataFrame:
    """Models whose own region is a province (national and city or county models are not in the panel)."""
    return tables.models[tables.models["level"] == "province"].sort_values("model_id")


def _own_derived(tables) -> dict:
    """Each (indicator, model)'s derived rows about the model's own region, in their order, grouped once."""
    d = tables.derived
    d = d[d["region_code"] == d["model_id"].map(homes(tables.models))]
    return {key: g for key, g in d.groupby(["indicator", "model_id"], sort=False)}


def _derived_cell(tables, indicator: str, model_id: str, lang: str):
    d = once(tables, _own_derived).get((indicator, model_id))
    if d is None:  # a group is never empty: no group, no row
        return None, []
    d = d.sort_values("as_of")
    x = d.iloc[-1]
    text = format_figure(x["value"], x["value_low"], x["value_high"], x["qualifier"], x["unit"], "reported", lang)
    text += f" ({x['as_of'] or t('undated', lang)})"
    flags = [f for f in x["flags"].split("|") if f]
    if flags:
        text += " ⚠ " + "; ".join(term(FLAGS, f, lang) for f in flags)
    return text, [f for f in x["inputs"].split("|") if not f.startswith("regions:")]


def panel_table(tables, lang: str) -> Shown:
    """One row per province-level model; each cell its province-wide figure with year and source, or "not found"."""
    models = province_models(tables)
    ids = list(models["model_id"])
    labels = indicator_labels(tables.indicators, lang)
    out = {t("model", lang): list(models[col("short", lang)])}
    cited: list[str] = []
    for source, is_derived in catalogue.panel_columns(tables.indicators):
        if is_derived:
            head = catalogue.derived_label(source, lang, short=True)
            cells = []
            for m in ids:
                text, used = _derived_cell(tables, source, m, lang)
                cells.append(text or t("not_found", lang))
                cited += used
            out[head] = cells
            continue
        rows = model_rows(tables, source, lang, ids).table
        out[labels.get(source, source)] = [r["gap_text"] if r["status"] == "gap" else
                     f"{r['figure']} ({r['as_of'] or t('undated', lang)}) [{r['source_id']}]" + phase_note(r, lang)
                     for _, r in rows.iterrows()]
        cited += [x for x in rows["fact_id"] if x]
    return Shown(pd.DataFrame(out), cited)


def knowledge_matrix(tables, lang: str) -> pd.DataFrame:
    """Province × dimension: how many indicators have a province-wide figure (0 = nothing known)."""
    models = province_models(tables)
    c = tables.comparison
    c = c[c["model_id"].isin(models["model_id"]) & (c["fact_id"] != "")]
    dims = c.assign(dimension=[(TARGET_DIMENSION if s == "target" else d) for s, d in zip(c["status"], c["dimension"])])
    m = pd.crosstab(dims["model_id"], dims["dimension"]).reindex(index=models["model_id"],
                                                                   columns=list(PAGE_DIMENSIONS.values),
                                                                   fill_value=0)
    m.columns = [term(DIMENSIONS, d, lang) for d in m.columns]
    m.index = list(models[col("short", lang)])
    return m


def local_figures(tables, lang: str, indicators=None) -> Shown:
    """City, county and site figures of the province-level models, labelled with their place (never in the panel);
    ``indicators``: the catalogue's ``panel_local`` role (indicators.csv) unless given."""
    if indicators is None:
        indicators = catalogue.coded(tables.indicators, "panel_local")
    ids = list(province_models(tables)["model_id"])
    frames = [local_rows(tables, ind, lang, ids).table for ind in indicators]
    f = pd.concat([x for x in frames if len(x)], ignore_index=True) if any(len(x) for x in frames) else \
        pd.DataFrame(columns=["fact_id"])
    return Shown(f, list(f["fact_id"]))


def map_values(tables, indicator: str, lang: str) -> pd.DataFrame:
    """Per province model: its region code and a colour category for ``indicator`` ("no figure" when none).

    Percentages fall in 100 % / 90–99 % / under 90 %; other figures in thirds of the provinces that have one."""
    models = province_models(tables)
    rows = model_rows(tables, indicator, lang, list(models["model_id"])).table
    unit = tables.indicators.set_index("indicator").loc[indicator, "unit"]
    have = rows[(rows["status"] == "reported")]
    cats = {}
    if unit == "percent":
        for _, r in have.iterrows():
            v = r["value"]
            cats[r["model_id"]] = "100%" if v >= 100 else ("90–99%" if v >= 90 else t("panel_under_90", lang))
    elif len(have):
        q = have["value"].quantile([1 / 3, 2 / 3]).to_list()
        for _, r in have.iterrows():
            v = r["value"]
            cats[r["model_id"]] = (t("panel_upper_third", lang) if v > q[1] else
                                   t("panel_middle_third", lang) if v > q[0] else t("panel_lower_third", lang))
    order = (["100%", "90–99%", t("panel_under_90", lang)] if unit == "percent" else
             [t("panel_upper_third", lang), t("panel_middle_third", lang), t("panel_lower_third", lang)])
    return pd.DataFrame({"model_id": rows["model_id"], "region_code": rows["region_code"],
                         "category": pd.Categorical([cats.get(m, "") for m in rows["model_id"]],
                                                    categories=[""] + order),
                         "qualifier": rows["qualifier"], "fact_id": rows["fact_id"]})
