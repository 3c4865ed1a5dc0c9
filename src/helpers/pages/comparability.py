"""Why model-level figures may not be comparable, and what each dimension's comparison says in sentences.

Both read :func:`helpers.pages.compare.model_rows`' rows, never choose a figure again, and say in words what a
reader must know: gaps, earlier phases, different years, levels, coverage, targets and lower bounds.

>>> from helpers.data import load                                            # doctest: +SKIP
>>> from helpers.pages.compare import model_rows                           # doctest: +SKIP
>>> comparability_warnings(model_rows(load.tables(), "stations_township", "en").table, "en")  # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from helpers.pages.compare import Shown, chosen_models, local_rows, model_rows
from helpers.pages.i18n import col, gap_phrase, indicator_labels, scope_phrase, t, term
from helpers.vocabulary import PERIODS, PLACE_LEVELS


def comparability_warnings(rows: pd.DataFrame, lang: str) -> list[str]:
    """Why the model-level figures in ``rows`` (one indicator, several models) may not be comparable.

    ``rows`` is :func:`model_rows`' table; gap rows are ignored, and a gap itself is reported. An earlier phase's
    figure is named as history, and cells that disagree with the model's other headline cells are named."""
    out = []
    role = rows["role"] if "role" in rows.columns else pd.Series("headline", index=rows.index)
    gaps = rows[(rows["status"] == "gap") & (role != "current_gap")]  # the history warning names a phase's gap
    earlier = rows["earlier"] if "earlier" in rows.columns else pd.Series(False, index=rows.index)
    r = rows[rows["status"].isin(["reported", "target"]) & (role != "history")]
    if len(gaps):
        names = ", ".join(gaps["label"])
        out.append(t("compare_no_figure_models_own", lang).format(names=names))
    for label in rows.loc[(role == "history") | earlier.astype(bool), "label"]:
        out.append(t("history_warning", lang).format(label=label))
    if "consistency_text" in rows.columns:
        for label, text in zip(rows["label"], rows["consistency_text"]):
            if text:
                out.append(f"{label}: {text}")
    if r.empty:
        return out
    years = r["as_of"].str[:4].replace("", None).dropna()
    if years.nunique() > 1:
        out.append(t("compare_years_differ", lang).format(first=years.min(), last=years.max()))
    undated = int((r["as_of"] == "").sum())
    if undated:
        out.append(t("compare_undated_figure_s_have", lang).format(undated=undated))
    if r["period"].nunique() > 1:
        kinds = ", ".join(term(PERIODS, p, lang) for p in sorted(r["period"].unique()))
        out.append(t("compare_periods_differ_kinds", lang).format(kinds=kinds))
    if r["level"].nunique() > 1:
        kinds = ", ".join(f"{term(PLACE_LEVELS, lv, lang)} ({', '.join(g['label'])})" for lv, g in r.groupby("level"))
        out.append(t("compare_places_at_different_levels", lang).format(kinds=kinds))
    if r["scope"].nunique() > 1:  # one programme's count against another model's whole network: say whose is which
        kinds = "; ".join(f"{scope_phrase(s, 'none', lang)} ({t('list_sep', lang).join(g['label'])})"
                          for s, g in r.groupby("scope", sort=True))
        out.append(t("coverage_by_model", lang).format(kinds=kinds))
    if (r["status"] == "target").any():
        out.append(t("compare_some_targets_not_reported", lang))
    if (r["qualifier"] != "exact").any():
        out.append(t("compare_includes_lower_bounds_approximations", lang))
    return out


def dimension_sentences(tables, indicators, lang: str, model_ids=None) -> Shown:
    """Two or three sentences per dimension from ``comparison.csv``: per model what exists, then what can be
    concluded. E.g. "Hunan: no province-wide figure; local evidence only: Jiangyong county, 2022-03, 20多名"."""
    models = chosen_models(tables, model_ids)
    labels = indicator_labels(tables.indicators, lang)
    sentences, cited, complete, apart = [], [], [], []
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
                                 (t("compare_local_evidence_only_ev", lang).format(ev=ev)))
                    cited += list(mine.head(2)["fact_id"])
                else:
                    parts.append(f"{name}: {gap_phrase(r['level'], lang)}")
            else:
                when = r["as_of"] or t("undated", lang)
                phase = f", {r['phase_label']}" if r["phase_label"] else ""
                phase += f", {t('earlier_phase', lang)}" if r["earlier"] else ""
                parts.append(f"{name}: {r['figure']} ({when}, {term(PLACE_LEVELS, r['level'], lang)}{phase})")
                cited.append(r["fact_id"])
        sep = t("detail_sep", lang)
        sentences.append(f"{labels[ind]} — " + sep.join(parts) + (t("compare_text", lang)))
        if (rows["status"] != "gap").all():
            # an earlier phase's figure, or cells that contradict each other, are not set side by side
            (apart if (rows["earlier"].astype(bool) | (rows["consistency_text"] != "")).any() else complete).append(ind)
    if apart:
        names = t("list_sep", lang).join(labels[i] for i in apart)
        sentences.append(t("not_side_by_side", lang).format(names=names))
    if complete:
        warn = comparability_warnings(model_rows(tables, complete[0], lang, list(models.index)).table, lang)
        names = t("list_sep", lang).join(labels[i] for i in complete)
        note = t("compare_but_note", lang).format(warnings=t("compare_warning_sep", lang).join(warn)) if warn else ""
        sentences.append(t("compare_every_model_has", lang).format(names=names) + note + t("compare_full_stop", lang))
    elif apart:
        sentences.append(t("nothing_side_by_side", lang))
    else:
        sentences.append(t("compare_no_indicator_this_dimension", lang))
    return Shown(pd.DataFrame(), cited, sentences)
