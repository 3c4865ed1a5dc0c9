"""Sections more than one notebook shows."""

from __future__ import annotations

import pandas as pd

from .. import compare, plots
from ..i18n import DIMENSIONS, format_figure, t, term


def label(r, indicator: str) -> str:
    row = r.data.indicators.set_index("indicator").loc[indicator]
    return row["label_zh"] if r.lang == "zh" else row["label_en"]


def indicator_rows(r, indicator: str, model_ids=None) -> pd.DataFrame:
    """For a chart: each model's best reported figure, plus its targets and figures lost in the source."""
    f = r.data.facts
    if model_ids is not None:
        f = f[f["model_id"].isin(model_ids)]
    best = compare.latest(f, indicator, r.data.models)
    others = f[(f["indicator"] == indicator) & f["status"].isin(["target", "missing"])]
    rows = pd.concat([best, others], ignore_index=True)
    if model_ids is not None:
        order = {m: i for i, m in enumerate(model_ids)}
        rows = rows.assign(_o=rows["model_id"].map(order)).sort_values(["_o", "status", "fact_id"]).drop(columns="_o")
    else:
        rows = rows.sort_values(["model_id", "status", "fact_id"])
    return compare.bar_rows(rows, r.lang)


def indicator_chart(r, indicator: str, model_ids=None, title: str | None = None) -> list:
    """A qualified bar chart of one indicator across models, with its comparability warnings."""
    rows = indicator_rows(r, indicator, model_ids)
    if rows.empty:
        return []
    name = label(r, indicator)
    fig = plots.qualified_bars(rows, "label", r.lang, title=title or name)
    caption = (f"{name}: 每个模式的最新全域数字、目标与原文缺失" if r.lang == "zh"
               else f"{name}: each model's latest whole-region figure, targets, and figures lost in the source")
    blocks = [r.figure(fig, caption, facts=rows)]
    warnings = compare.comparability_warnings(rows[rows["status"] == "reported"], r.lang)
    if warnings:
        blocks.append(r.notes([f"{t('warnings', r.lang)}: {w}" for w in warnings]))
    return blocks


def derived_chart(r, indicator: str, model_ids=None) -> list:
    """Bars of a derived ratio (one per derived row), with the rows' lineage in a table."""
    d = r.data.derived[r.data.derived["indicator"] == indicator]
    if model_ids is not None:
        d = d[d["model_id"].isin(model_ids)]
    if d.empty:
        return []
    names = r.data.models.set_index("model_id")["short_zh" if r.lang == "zh" else "short_en"]
    regions = r.data.regions.set_index("region_code")["name_zh" if r.lang == "zh" else "name_en"]
    d = d.assign(status="reported",
                 label=[f"{names[m]} · {regions.get(c, c)}" + (f" ({a})" if a else "")
                        for m, c, a in zip(d["model_id"], d["region_code"], d["as_of"])])
    name = d["label_zh" if r.lang == "zh" else "label_en"].iloc[0]
    fig = plots.qualified_bars(d, "label", r.lang, title=name)
    table = pd.DataFrame({
        t("model", r.lang): d["label"],
        t("value", r.lang): [format_figure(v, lo, hi, q, u, "reported", r.lang)
                             for v, lo, hi, q, u in zip(d["value"], d["value_low"], d["value_high"], d["qualifier"],
                                                        d["unit"])],
        t("inputs", r.lang): d["inputs"].str.replace("|", " ÷ ", regex=False),
        t("note", r.lang): d["note"],
    })
    caption = (f"{name} (派生: 由所列事实计算,继承其最弱的限定)" if r.lang == "zh"
               else f"{name} (derived from the listed facts; inherits their weakest qualifier)")
    return [r.figure(fig, caption, facts=d), r.table(table, caption, facts=d)]


def dimension_name(dimension: str, lang: str) -> str:
    return term(DIMENSIONS, dimension, lang)
