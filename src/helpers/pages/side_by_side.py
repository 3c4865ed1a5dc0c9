"""The three-model page's side-by-side table: design rows, the standards each model set, and each catalogue
measure's chosen figure per model (or the gap, in words), with earlier phases as history.

>>> from helpers.data import load                                            # doctest: +SKIP
>>> side_by_side(load.tables(), ["guangdong_shuangbai", "hunan_he", "qingdao"], "en").table   # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from helpers.pages import catalogue
from helpers.pages.compare import Shown, cell_text, chosen_models, history_texts, model_rows, standard_rows
from helpers.pages.i18n import col, indicator_labels, t, term
from helpers.vocabulary import ASPECTS, MODES

DESIGN = (("operating_mode", "operating_mode"), ("employer", "employer"), ("funding", "funding_how"),
          ("supervision", "supervision"))


def side_by_side(tables, model_ids, lang: str) -> Shown:
    """The side-by-side table: rows are measures (design, scale, staffing, funding, outputs, coverage), columns
    the models; each cell the figure in its qualifier's words with year, coverage and source, or the gap. Its
    measures are the catalogue's ``side_by_side`` role (indicators.csv), under the aspect of their dimension."""
    models = chosen_models(tables, model_ids)
    labels = indicator_labels(tables.indicators, lang)
    dims = {a: term(ASPECTS, a, lang) for a in ASPECTS} | {"design": t("compare_design", lang)}
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
    standards = design_standards(tables, list(models.index), lang, dims["design"])
    rows += standards.table.to_dict("records")
    cited += standards.fact_ids
    for dim, inds in catalogue.aspect_groups(tables.indicators, "side_by_side"):
        for ind in inds:
            if ind not in labels.index:
                continue
            everything = model_rows(tables, ind, lang, list(models.index), history=True).table
            shown = everything[everything["role"] == "headline"].set_index("model_id")
            history = history_texts(everything)
            row = {t("dimension", lang): dims[dim], t("measure", lang): labels[ind]}
            for m, info in models.iterrows():
                r = shown.loc[m]
                if r["status"] == "gap":
                    cell = r["gap_text"]
                else:
                    cell = cell_text(r, lang)
                    cited.append(r["fact_id"])
                if history.get(m):
                    cell += t("detail_sep", lang) + f"{t('history', lang)}: " + t("detail_sep", lang).join(history[m])
                row[info[col("short", lang)]] = cell
            cited += [x for x in everything.loc[everything["role"] == "history", "fact_id"]]
            rows.append(row)
    return Shown(pd.DataFrame(rows), cited)


def design_standards(tables, model_ids, lang: str, dimension_word: str = "") -> Shown:
    """The side-by-side table's design rows for standards: one row per indicator some model set a standard for
    about its own region ("Standard: Workers per station"), each cell what the model required, with its phase and
    source ("3–8 persons (双百计划 · 2017–2020) [source]"), or — where it set none."""
    models = chosen_models(tables, model_ids)
    shown = standard_rows(tables, lang, list(models.index), own_region=True)
    f = shown.table
    rows = []
    for ind in dict.fromkeys(f["indicator"]):
        sub = f[f["indicator"] == ind]
        row = {t("dimension", lang): dimension_word,
               t("measure", lang): t("standard_measure", lang).format(label=sub["indicator_name"].iloc[0])}
        for m, info in models.iterrows():
            mine = sub[sub["model_id"] == m]
            texts = []
            for x in mine.to_dict("records"):
                about = [x["phase_label"] or x["as_of"] or t("undated", lang)]
                if x["scope"] not in ("whole", "programme"):
                    about.append(x["counts"])
                texts.append(f"{x['figure']} ({t('compare_text_2', lang).join(about)}) [{x['source_id']}]")
            row[info[col("short", lang)]] = t("detail_sep", lang).join(texts) or "—"
        rows.append(row)
    return Shown(pd.DataFrame(rows), shown.fact_ids)
