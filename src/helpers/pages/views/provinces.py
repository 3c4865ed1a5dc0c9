"""07 · Provinces: the provincial panel — what each province-level model reports, on province-wide figures only."""

from __future__ import annotations

from helpers.pages import catalogue, compare, daggers, panel, plots
from helpers.pages.i18n import col, pair, t
from helpers.pages.report import Report
from helpers.pages.views.common import label, short_names

# The small multiples are the indicators with a small_multiple position in indicators.csv (helpers.pages.catalogue).


def title(r: Report) -> list:
    n = len(r.data.query(panel.province_models))
    return [r.say(*pair("provinces_provincial_panel_how_each"), 1),
            r.say(*pair("provinces_this_report_sets_n", n=n))]


def province_map(r: Report) -> list:
    """The map: provinces coloured by what is known for ``indicator``; models' own cities and counties outlined."""
    indicator = r.indicator
    from helpers.pages import maps

    values = r.data.query(panel.map_values, indicator, r.lang)
    outlines = r.data.models[r.data.models["level"].isin(["prefecture", "county"])]
    outlines = outlines.assign(label=outlines[col("short", r.lang)])[["region_code", "label", "operating_mode"]]
    name = label(r, indicator)
    known = values[values["category"] != ""].copy()
    known["category"] = known["category"].cat.remove_categories([""])
    known["label"] = daggers.dagger_labels(known["fact_id"], r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=known["fact_id"]))  # † in the province
    fig = maps.province_map(known[["region_code", "category", "qualifier", "label"]], outlines, lang=r.lang,
                            title=name, legend_title=t("provinces_province_wide_figure", r.lang))
    facts = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=[x for x in values["fact_id"] if x])
    return [r.say(*pair("provinces_map"), 2),
            r.figure(fig, t("provinces_name_each_provinces_province", r.lang).format(name=name), facts=facts)]


def panel_table(r: Report) -> list:
    shown = r.data.query(panel.panel_table, r.lang)
    return [r.say(*pair("provinces_panel"), 2),
            r.table(shown.table, t("provinces_province_wide_figures_each", r.lang), facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids))]


def small_multiples(r: Report) -> list:
    ids = list(r.data.query(panel.province_models)["model_id"])
    inds = list(catalogue.coded(r.data.indicators, "small_multiple"))
    names = short_names(r)
    panels, cited = [], []
    for ind in inds:
        shown = r.data.query(compare.model_rows, ind, r.lang, ids)
        rows = shown.table.assign(label=[names[m] for m in shown.table["model_id"]],
                                  gap_text=t("not_found", r.lang))  # the panel table above says why
        panels.append((label(r, ind), rows))
        cited += shown.fact_ids
    fig = plots.bar_panels(panels, "label", r.lang, figsize=(8.5, len(inds) * (0.32 * len(ids) + 1.3)))
    return [r.figure(fig, t("provinces_small_multiples_province_wide", r.lang),
                     facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=cited))]


def knowledge(r: Report) -> list:
    m = r.data.query(panel.knowledge_matrix, r.lang)
    fig = plots.heatmap(m, title=t("provinces_where_we_know_what_2", r.lang))
    empty = [name for name, row in m.iterrows() if row.sum() == 0]
    blocks = [r.say(*pair("provinces_where_we_know_what"), 2),
              r.figure(fig, t("provinces_0_means_no_province", r.lang), source_ids=r.data.sources["source_id"], data=m)]
    if empty:
        blocks.append(r.note(t("provinces_no_province_wide_figure", r.lang)
                             + t("list_sep", r.lang).join(empty), kind="gap"))
    return blocks


def local(r: Report) -> list:
    shown = r.data.query(panel.local_figures, r.lang)
    if shown.table.empty:
        return []
    return [r.say(*pair("provinces_city_county_site_figures"), 2),
            r.table(compare.local_table(shown, r.lang), t("provinces_local_evidence_province", r.lang),
                    facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids))]
