"""01 · Overview: the landscape of all models."""

from __future__ import annotations

import pandas as pd

from helpers.pages import compare, plots
from helpers.pages.i18n import col, pair, t
from helpers.pages.report import Report
from helpers.pages.views.common import indicator_chart, model_source_ids, short_names


def title(r: Report) -> list:
    return [r.say(*pair("overview_township_social_work_station"), 1),
            r.say(*pair("overview_this_report_compares_regional"))]


def typology(r: Report) -> list:
    shown = r.data.query(compare.typology, r.lang)
    ids = model_source_ids(r)
    return [r.say(*pair("overview_typology"), 2),
            r.table(shown.table, t("overview_operating_mode_level_framework", r.lang),
                    facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids), source_ids=ids)]


def timeline_events(r: Report) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Launch years (models.csv), full-coverage claims and coverage targets (facts), per model."""
    names = short_names(r)
    events, used = [], []
    for m in r.data.models.itertuples():
        if not pd.isna(m.launch_year):
            events.append({"label": names[m.model_id], "year": int(m.launch_year), "kind": "launch", "text": ""})
    f = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, indicator="coverage_township_pct")
    own = compare.homes(r.data.models)
    cov = f[(f["indicator"] == "coverage_township_pct") & f["year"].notna() & (f["value"] >= 100)
            & f["status"].isin(["reported", "target"])  # a standard is a norm, not a claim nor a goal
            & (f["duplicate_of"] == "") & (f["region_code"] == f["model_id"].map(own))
            & f["scope"].isin(["whole", "programme"])]
    for row in cov.itertuples():
        kind = "target" if row.status == "target" else "coverage"
        events.append({"label": names[row.model_id], "year": int(row.year), "kind": kind, "text": ""})
        used.append(row.fact_id)
    ev = pd.DataFrame(events).drop_duplicates()
    return ev, f[f["fact_id"].isin(used)]


def timeline(r: Report) -> list:
    ev, facts = timeline_events(r)
    if ev.empty:
        return []
    fig = plots.timeline(ev, r.lang, title=t("overview_launch_coverage_timeline", r.lang))
    ids = model_source_ids(r)
    no_year = r.data.models[r.data.models["launch_year"].isna()][col("short", r.lang)]
    blocks = [r.say(*pair("overview_timeline"), 2),
              r.figure(fig, t("overview_launch_year_year_full", r.lang),
                       facts=facts, source_ids=ids)]
    if len(no_year):
        blocks.append(r.note((t("overview_no_source_gives_launch", r.lang))
                             + ", ".join(no_year), kind="gap"))
    return blocks


def headline(r: Report) -> list:
    shown = r.data.query(compare.headline, r.lang)
    return [r.say(*pair("overview_headline_figures"), 2),
            r.say(*pair("overview_each_cell_models_figure")),
            r.table(shown.table, t("overview_headline_figures_model", r.lang),
                    facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids))]


def stations(r: Report) -> list:
    return [r.say(*pair("overview_number_stations"), 2), *indicator_chart(r, "stations_township")]
