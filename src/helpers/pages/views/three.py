"""03 · Three models: Guangdong 双百 vs Hunan 禾计划 vs Qingdao's "third model" (or any models chosen)."""

from __future__ import annotations

import pandas as pd

from helpers.pages import catalogue, comparability, compare, conclusions, ranking
from helpers.pages.i18n import indicator_labels, pair, t, term
from helpers.pages.report import Report
from helpers.pages.side_by_side import side_by_side as side_by_side_table
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
from helpers.vocabulary import (
    ANSWERED_DIMENSIONS,
    ASPECT_DIMENSIONS,
    ASPECT_HEADINGS,
    MODES,
    MONEY_DIMENSIONS,
    PLACE_LEVELS,
)

# Which indicators each aspect shows (coded: indicators.csv's three_model; derived: their three_model field),
# which the side-by-side table and the staffing per station hold, all come from the catalogue
# (helpers.pages.catalogue); the aspects and the dimension each shows are declared in helpers.vocabulary.


def _names(r: Report, ids):
    return short_names(r)[ids].tolist()


def title(r: Report) -> list:
    ids = r.model_ids
    names = " · ".join(_names(r, ids))
    return [r.say(*pair("three_models_compared_names", names=names), 1),
            r.say(*pair("three_side_side_table_comes"))]


def side_by_side(r: Report) -> list:
    ids = r.model_ids
    shown = r.data.query(side_by_side_table, ids, r.lang)
    src = model_source_ids(r, ids)
    return [r.say(*pair("three_side_side"), 2),
            r.table(shown.table, t("three_design_scale_staffing_funding", r.lang), facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=shown.fact_ids), source_ids=src)]


def aspect(r: Report, name: str) -> list:
    """One aspect of the models (``name``: a key of :data:`helpers.vocabulary.ASPECTS`): what can be said, its
    derived ratios' charts, then its coded indicators' and the standards; under its heading
    (:data:`helpers.vocabulary.ASPECT_HEADINGS`)."""
    ids = r.model_ids
    dimension = ASPECT_DIMENSIONS[name]
    present = catalogue.coded(r.data.indicators, "three_model", dimension)
    said = r.data.query(comparability.dimension_sentences, present[:3], r.lang, ids)
    blocks = [r.say(*ASPECT_HEADINGS[name], 2), r.notes(said.sentences, kind="gap", facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=said.fact_ids))]
    for ind in catalogue.aspect_ratios(name):  # normalised figures before raw counts
        blocks += derived_chart(r, ind, model_ids=ids)
    for ind in present:
        blocks += indicator_chart(r, ind, model_ids=ids)
    blocks += standards_table(r, dimension, model_ids=ids)
    if dimension in MONEY_DIMENSIONS:
        f = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, dimension=dimension, model_id=ids)
        if len(f):
            blocks.append(figures_table(r, f, t("three_all_funding_figures_purpose", r.lang),
                                        columns=("place", "indicator_name", "figure", "counts", "purpose", "payer",
                                                 "coverage", "source_id"),
                                        sort_keys={t("figure", r.lang): list(f["value"])}))
    return blocks


def gaps(r: Report) -> list:
    ids = r.model_ids
    wanted = [i for _, group in catalogue.aspect_groups(r.data.indicators, "three_model") for i in group]
    comp = r.data.comparison
    comp = comp[comp["model_id"].isin(ids) & comp["indicator"].isin(wanted)]
    labels = indicator_labels(r.data.indicators, r.lang)
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
    text = (t("three_core_indicators_missing", r.lang).format(n_indicators=len(wanted), missing=missing, share=share))
    return [r.say(*pair("three_what_data_cannot_yet"), 2), r.note(text, kind="gap"),
            r.table(table, t("three_indicator_availability_own_region", r.lang))]


def _cell(r: Report, rows: pd.DataFrame, local: pd.DataFrame) -> str:
    """A model's own-region ratio in words (latest), flagged ones marked; else whether local places have it."""
    if len(rows):
        x = rows.assign(_r=~ranking.unranked(rows["flags"])).sort_values(["_r", "as_of"], kind="stable").iloc[-1]
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
    home = compare.homes(r.data.models)
    d = r.data.rows("derived", model_id=ids)
    lc = r.data.rows("level_comparison", model_id=ids)
    lc = lc[(lc["origin"] == "derived") & lc["model_id"].isin(ids)]
    wanted = [i for dim in ANSWERED_DIMENSIONS for i in catalogue.derived("three_model", dim)]
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
    return [r.say(*pair("three_per_resident_per_station"), 2),
            r.say(*pair("three_only_each_models_ratios")),
            r.table(table[~empty], t("three_each_models_own_region", r.lang),
                    facts=shown if len(shown) else None)] + ([nobody] if nobody else [])


def answers(r: Report) -> list:
    """One generated paragraph per dimension: what can be compared, at which level, and what it shows."""
    ids = r.model_ids
    blocks = [r.say(*pair("dimension_what_data_can_answer"), 2)]
    for dim in ANSWERED_DIMENSIONS:
        c = r.data.query(conclusions.paragraph, dim, r.lang, ids)  # the refusals are worked out inside
        used = r.data.rows("derived", derived_id=c.derived_ids)
        blocks.append(r.note(f"{dimension_name(dim, r.lang)}: {c.text}", kind="gap" if
                             set(c.cases.values()) == {"not_comparable"} else "warn",
                             facts=used if len(used) else None))
    return blocks


def _station_rows(r: Report, ids) -> pd.DataFrame:
    station = catalogue.coded(r.data.indicators, "station_level") + catalogue.derived("station_level")
    lc = r.data.rows("level_comparison", indicator=station, model_id=ids)
    lc = lc[lc["indicator"].isin(station) & lc["model_id"].isin(ids) & lc["status"].isin(
        ["reported", "standard"])]
    order = {m: i for i, m in enumerate(ids)}
    return lc.assign(_m=lc["model_id"].map(order), _s=(lc["status"] != "standard").astype(int),
                     _l=lc["level"].map({v: i for i, v in enumerate(PLACE_LEVELS.values)})).sort_values(
        ["_m", "_s", "_l", "indicator"], kind="stable")


def station_level(r: Report) -> list:
    """Staffing set station beside station: requirements labelled as such, figures as found, by level."""
    ids = r.model_ids
    rows = _station_rows(r, ids)
    blocks = [r.say(*pair("three_level_matched_staffing_per"), 2)]
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
    facts = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id={x for s in rows["fact_ids"] for x in s.split("|") if x})
    return blocks + [r.notes(said + [t("sample_not_region", r.lang)], kind="warn", heading=t("station_heading", r.lang)),
                     r.table(table, t("three_staffing_per_station_required", r.lang), facts=facts)]
