"""04 · Model profile: one model, its figures by dimension, and where it sits among the others."""

from __future__ import annotations

import pandas as pd

from helpers.data.comparison import current_phases
from helpers.pages import catalogue, comparability, compare, plots, ranking
from helpers.pages.i18n import WORDS, col, pair, phase_label, t, term, tiers
from helpers.pages.report import Report
from helpers.pages.views.common import dimension_name, figures_table, label, short_names
from helpers.vocabulary import LEVELS, MODES, PAGE_DIMENSIONS


def title(r: Report) -> list:
    model_id = r.model_id
    m = r.data.rows("models", model_id=model_id).set_index("model_id").loc[model_id]
    info = pd.DataFrame({
        t("summary", r.lang): [t("level", r.lang), t("launch_year", r.lang), t("operating_mode", r.lang),
                               t("employer", r.lang), t("funding_how", r.lang), t("supervision", r.lang),
                               t("tiers", r.lang), t("framework", r.lang), t("region", r.lang)],
        t("value", r.lang): [term(LEVELS, m["level"], r.lang),
                             "—" if pd.isna(m["launch_year"]) else str(int(m["launch_year"])),
                             term(MODES, m["operating_mode"], r.lang),
                             *[(m.get(col(k, r.lang)) or t("not_found", r.lang))
                               for k in ("employer", "funding", "supervision")],
                             tiers(m["tiers"], r.lang), m["framework"] or "—", m["region_code"]],
    })
    name = m[col("name", r.lang)]
    return [r.say(*pair("profile_model_profile_name", name=name), 1),
            r.say(m["summary_zh"], m["summary_en"]),
            r.table(info, name, source_ids=m["source_ids"].split("|"))]


def figures(r: Report) -> list:
    model_id = r.model_id
    f = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, model_id=model_id)
    blocks = [r.say(*pair("profile_figures_dimension"), 2)]
    for dim in PAGE_DIMENSIONS:
        sub = f[f["dimension"] == dim].sort_values(["indicator", "as_of", "fact_id"])
        if sub.empty:
            blocks.append(r.note(f"{dimension_name(dim, r.lang)}: " + (t("profile_no_figure_sources", r.lang)), kind="gap"))
            continue
        blocks.append(figures_table(r, sub, f"{dimension_name(dim, r.lang)} ({len(sub)})",
                                    columns=("place", "indicator_name", "figure", "counts", "coverage", "period",
                                             "source_id")))
    lost = f[f["status"] == "missing"]
    if len(lost):
        blocks.append(r.note((t("profile_figures_lost", r.lang).format(n=len(lost))),
                             kind="gap"))
    return blocks


def rankable_ratios(tables) -> pd.DataFrame:
    """The derived ratios that may be ranked across models (a query of :class:`helpers.pages.access.Access`)."""
    return ranking.rankable(tables.derived, tables.models, tables.comparison)


def position(r: Report) -> list:
    """Where the model sits: for each indicator with a ``profile`` position in the catalogue (indicators.csv) it
    has an own-region figure for, every model's own figure (gaps stated); ranks only the ratios
    :func:`ranking.rankable` admits: about the models' own regions, without a flag of
    :data:`~helpers.vocabulary.UNRANKED_FLAGS` (a ratio with another flag, such as years_differ, is ranked) and not
    resting on headline cells that disagree."""
    model_id = r.model_id
    blocks = [r.say(*pair("profile_against_other_models"), 2)]
    me = short_names(r)[model_id]
    shown = 0
    for ind in catalogue.coded(r.data.indicators, "profile"):
        rows = r.data.query(compare.model_rows, ind, r.lang).table
        have = rows[rows["status"] != "gap"]
        if model_id not in set(have["model_id"]) or len(have) < 2:
            continue
        name = label(r, ind)
        mine = list(rows.loc[rows["model_id"] == model_id, "label"])
        fig = plots.highlight_bars(rows, "label", mine, r.lang, title=name)
        blocks.append(r.figure(fig, f"{name}: {me}" + (t("profile_highlighted_orange", r.lang)),
                               facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=have["fact_id"])))
        warnings = comparability.comparability_warnings(rows, r.lang)
        if warnings:
            blocks.append(r.notes([f"{t('warnings', r.lang)}: {w}" for w in warnings]))
        shown += 1
    ok = r.data.query(rankable_ratios)
    for ind in sorted(set(ok.loc[ok["model_id"] == model_id, "indicator"])):
        all_d = ok[ok["indicator"] == ind]
        per_model = all_d.groupby("model_id")["value"].median()
        rank = int((per_model > per_model[model_id]).sum()) + 1
        ratio = all_d[col("label", r.lang)].iloc[0]
        blocks.append(r.note((t("profile_ratio_rank", r.lang).format(ratio=ratio, n_models=len(per_model), rank=rank)),
                             kind="warn", facts=all_d))
        shown += 1
    if not shown:
        blocks.append(r.note(t("profile_this_model_has_no", r.lang), kind="gap"))
    return blocks


def phases(r: Report) -> list:
    """The model's named phases (phases.csv): name, span, what changed and the source, the current one marked; a
    figure of an earlier phase is shown as history, labelled with its phase. Nothing for a model with one phase."""
    model_id = r.model_id
    ph = r.data.rows("phases", model_id=model_id)
    if ph.empty:
        return []
    current = current_phases(ph).get(model_id)  # a model's current phase is decided among its own phases
    table = pd.DataFrame({
        t("phase", r.lang): [phase_label(n, s, e, r.lang) + (f" ({t('current_phase', r.lang)})"
                                                             if current and p == current.phase_id else "")
                             for p, n, s, e in zip(ph["phase_id"], ph[col("name", r.lang)], ph["start"], ph["end"])],
        t("phase_change", r.lang): list(ph[col("change", r.lang)]),
        t("evidence", r.lang): list(ph["evidence"]),
        t("source", r.lang): list(ph["source_id"]),
    })
    return [r.say(*WORDS["phases_heading"], 2), r.say(*WORDS["phases_intro"]),
            r.table(table, t("phases_heading", r.lang), source_ids=ph["source_id"])]
