"""Sections more than one notebook shows."""

from __future__ import annotations

import pandas as pd

from helpers.data.load import id_set
from helpers.pages import catalogue, comparability, compare, plots, ranking
from helpers.pages.conclusions import qualified
from helpers.pages.i18n import col, indicator_labels, number, t, term
from helpers.pages.report import Report
from helpers.vocabulary import DIMENSIONS, PLACE_LEVELS, UNITS


def short_names(r: Report) -> pd.Series:
    """Each model's short name in the report's language, indexed by model id."""
    return r.data.models.set_index("model_id")[col("short", r.lang)]


def model_source_ids(r: Report, model_ids=None) -> set[str]:
    """The sources models.csv cites for ``model_ids`` (default: every model)."""
    models = r.data.models.set_index("model_id")
    return id_set(models["source_ids"] if model_ids is None else models.loc[list(model_ids), "source_ids"])


def label(r: Report, indicator: str) -> str:
    return r.data.indicators.set_index("indicator").loc[indicator, col("label", r.lang)]


def indicator_chart(r: Report, indicator: str, model_ids=None, title: str | None = None, local: bool = True) -> list:
    """A chart of each model's own figure for ``indicator`` (gaps stated in words), its comparability warnings,
    then the local evidence (places and sites inside the models' regions) in a table of its own."""
    shown = r.data.query(compare.model_rows, indicator, r.lang, model_ids, history=True)
    rows = shown.table
    loc = r.data.query(compare.local_rows, indicator, r.lang, model_ids)
    if (rows["status"] == "gap").all() and loc.table.empty:
        return []
    name = label(r, indicator)
    blocks = []
    silent = []
    if model_ids is None:  # across all models: a model with nothing at all is named in a sentence, not a row
        have_local = set(loc.table["model_id"]) if len(loc.table) else set()
        comp = r.data.comparison[r.data.comparison["indicator"] == indicator].set_index("model_id")["reason"]
        quiet = [m for m, st in zip(rows["model_id"], rows["status"])
                 if st == "gap" and comp.get(m) == "not_found" and m not in have_local]
        silent = list(short_names(r)[quiet])
        rows = rows[~rows["model_id"].isin(quiet)]
    if mixes_country_and_regions(rows, indicator, r):
        blocks.append(r.note(f"{name}: " + t("not_one_axis", r.lang), kind="gap"))
        blocks.append(figures_table(r, r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids), f"{name}: {t('figures_by_place', r.lang)}"))
    elif (rows["status"] != "gap").any():
        rows = with_population(rows, indicator, r)
        fig = plots.qualified_bars(rows, "label", r.lang, title=title or name)
        caption = (t("common_name_each_models_figure", r.lang).format(name=name))
        blocks.append(r.figure(fig, caption, facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids)))
    else:
        blocks.append(r.note(f"{name}: " + t("common_no_model_has_figure", r.lang), kind="gap"))
    warnings = comparability.comparability_warnings(rows, r.lang)
    if warnings:
        blocks.append(r.notes(warnings, heading=t("warnings", r.lang)))
    if silent:
        blocks.append(r.collapsed(t("no_figure_at_all", r.lang).format(n=len(silent)),
                                  t("list_sep", r.lang).join(silent)))
    if local and len(loc.table):
        blocks.append(r.table(compare.local_table(loc, r.lang), f"{name}: {t('local_evidence', r.lang)}",
                              facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=loc.fact_ids), long=len(loc.table) > 8,
                              sort_keys={t("figure", r.lang): list(loc.table["value"])}))
    return blocks


def mixes_country_and_regions(rows: pd.DataFrame, indicator: str, r: Report) -> bool:
    """True when a chart of raw counts would set the whole country beside provinces or cities on one axis
    (a size difference no bar can show honestly); percentages and per-unit indicators may share an axis."""
    shown = rows[rows["status"] != "gap"]
    if shown.empty or indicator not in set(r.data.indicators["indicator"]):
        return False
    unit = r.data.indicators.set_index("indicator").loc[indicator, "unit"]
    per_unit = "_per_" in indicator or indicator.endswith("_pct")
    levels = set(shown["level"])
    return unit != "percent" and not per_unit and "national" in levels and len(levels) > 1


def with_population(rows: pd.DataFrame, indicator: str, r: Report) -> pd.DataFrame:
    """Raw counts of places at different levels carry each place's 2020 census population in their label,
    so bars of places of very different size are never read without their size beside them."""
    shown = rows[rows["status"] != "gap"]
    unit = r.data.indicators.set_index("indicator")["unit"].get(indicator, "")
    if unit == "percent" or "_per_" in indicator or shown["level"].nunique() < 2:
        return rows
    pop = r.data.regions.set_index("region_code")["population_2020"]
    labels = [f"{lab} · " + t("residents_short", r.lang).format(pop=number(float(pop[c]), r.lang))
              if st != "gap" and c in pop.index and not pd.isna(pop[c]) else lab
              for lab, c, st in zip(rows["label"], rows["region_code"], rows["status"])]
    return rows.assign(label=labels)


def derived_rows(tables, indicator: str, lang: str, model_ids=None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """A derived ratio's rows (of ``model_ids``) and their lineage table (a query of
    :class:`helpers.pages.access.Access`: the page depends on these, not on every fact)."""
    d = tables.rows("derived", indicator=indicator)
    if model_ids is not None:
        d = d[d["model_id"].isin(model_ids)]
    return d, (ranking.derived_table(d, tables, lang) if len(d) else None)


def derived_chart(r: Report, indicator: str, model_ids=None) -> list:
    """Bars of a derived ratio (one per derived row, labelled with its place), flagged rows kept out of the
    chart, and every row's lineage, rule and flags in a table."""
    d, table = r.data.query(derived_rows, indicator, r.lang, model_ids)
    if d.empty:
        return []
    d = d.assign(status="reported", label=list(table[t("place", r.lang)]))
    name = d[col("label", r.lang)].iloc[0]
    unranked = ranking.unranked(d["flags"])
    charted = d[~unranked]
    blocks = []
    if len(charted):
        fig = plots.qualified_bars(charted, "label", r.lang, title=name)
        caption = (t("common_name_derived_from_numerator", r.lang).format(name=name))
        blocks.append(r.figure(fig, caption, facts=charted))
    over = d[unranked]
    if len(over):
        blocks.append(r.note(t("common_ratios_exceed", r.lang).format(n=len(over))))
    caption = t("common_name_inputs_rule_that", r.lang).format(name=name)
    return blocks + [r.table(table, caption, facts=d)]


def dimension_name(dimension: str, lang: str) -> str:
    return term(DIMENSIONS, dimension, lang)


def figures_table(r: Report, facts: pd.DataFrame, caption: str, columns=compare.FACT_COLUMNS, long=None, sort_keys=None):
    """A table of facts with what each counts and covers; long ones sort and filter in the page."""
    return r.table(compare.fact_table(facts, r.lang, columns=columns), caption, facts=facts, long=long,
                   sort_keys=sort_keys)


def standards_table(r: Report, dimension: str, model_ids=None) -> list:
    """The standards of ``dimension`` (what the models required: social workers per station, money per station
    ...) in a small table of their own, so a reader sets them beside what was achieved; standards are never drawn
    as bars. Nothing when no model set one."""
    shown = r.data.query(compare.standard_rows, r.lang, model_ids, dimension)
    if shown.table.empty:
        return []
    caption = t("standards_caption", r.lang).format(name=dimension_name(dimension, r.lang))
    return [r.table(compare.standards_table(shown, r.lang), caption, facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids)),
            r.note(t("standards_note", r.lang), kind="gap")]


def any_label(r: Report, indicator: str) -> str:
    """The label of a coded indicator or of a derived ratio."""
    derived = catalogue.derived_label(indicator, r.lang)
    if derived is not None:
        return derived
    return indicator_labels(r.data.indicators, r.lang).get(indicator, indicator)


def level_span(r: Report, x) -> str:
    """A row of level_comparison as a figure: one value with its qualifier, or low–high (median)."""
    if x["n_places"] == 1 or x["min"] == x["max"]:
        q = x["qualifiers"] if "|" not in x["qualifiers"] else "approx"
        if x["min"] != x["max"]:
            q = "range"
        return qualified(x["median"], q, x["unit"], r.lang, x["min"], x["max"])
    return t("concl_range", r.lang).format(low=number(x["min"], r.lang), high=number(x["max"], r.lang),
                                           median=number(x["median"], r.lang),
                                           unit=term(UNITS, x["unit"], r.lang))


def level_rows_table(r: Report, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of level_comparison as a reader's table: model, measure, required or found, level, figure, places."""
    return pd.DataFrame({
        t("model", r.lang): list(short_names(r)[rows["model_id"]]),
        t("measure", r.lang): [any_label(r, i) for i in rows["indicator"]],
        t("status", r.lang): [t("as_required" if s == "standard" else "as_found", r.lang) for s in rows["status"]],
        t("level", r.lang): [term(PLACE_LEVELS, lv, r.lang) for lv in rows["level"]],
        t("figure", r.lang): [level_span(r, x) for _, x in rows.iterrows()],
        t("places", r.lang): [f"{n}: " + t("list_sep", r.lang).join(p.split("|"))
                              for n, p in zip(rows["n_places"], rows[col("places", r.lang)])],
    })
