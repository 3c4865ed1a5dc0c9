"""Data-quality views: what is there, what is missing, what conflicts.

>>> availability(tables)                              # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from .i18n import DIMENSIONS, QUALIFIERS, term


def availability(facts: pd.DataFrame, rows: str = "model_id", cols: str = "dimension") -> pd.DataFrame:
    """Counts of figures per ``rows`` × ``cols`` (zeros where nothing is coded)."""
    return pd.crosstab(facts[rows], facts[cols]).sort_index()


def dimension_matrix(tables, lang: str) -> pd.DataFrame:
    """Models × dimensions: how many reported figures each model has (targets and lost figures apart)."""
    f = tables.facts
    m = availability(f[f["status"] == "reported"])
    m = m.reindex(index=tables.models["model_id"], columns=["staffing", "funding", "outputs", "coverage"], fill_value=0)
    m.columns = [term(DIMENSIONS, c, lang) for c in m.columns]
    m[term(DIMENSIONS, "targets", lang)] = f[f["status"] == "target"].groupby("model_id").size().reindex(
        m.index, fill_value=0)
    m["原文缺失" if lang == "zh" else "lost in source"] = f[f["status"] == "missing"].groupby(
        "model_id").size().reindex(m.index, fill_value=0)
    names = tables.models.set_index("model_id")["name_zh" if lang == "zh" else "name_en"]
    m.index = [names[i] for i in m.index]
    return m


def indicator_matrix(tables, indicators, lang: str) -> pd.DataFrame:
    """Models × chosen indicators: ✓ reported, ◎ target only, ✗ lost in source, — nothing coded."""
    f = tables.facts
    labels = tables.indicators.set_index("indicator")["label_zh" if lang == "zh" else "label_en"]
    names = tables.models.set_index("model_id")["name_zh" if lang == "zh" else "name_en"]
    out = {}
    for ind in indicators:
        col = []
        for m in tables.models["model_id"]:
            s = set(f[(f["model_id"] == m) & (f["indicator"] == ind)]["status"])
            col.append("✓" if "reported" in s else "◎" if "target" in s else "✗" if "missing" in s else "—")
        out[labels.get(ind, ind)] = col
    return pd.DataFrame(out, index=[names[m] for m in tables.models["model_id"]])


def qualifier_mix(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Share of each qualifier among a model's reported and target figures (rows sum to 1)."""
    f = facts[facts["status"] != "missing"]
    mix = pd.crosstab(f["model_id"], f["qualifier"], normalize="index")
    mix = mix.reindex(columns=[q for q in QUALIFIERS if q in mix.columns])
    mix.columns = [term(QUALIFIERS, q, lang) for q in mix.columns]
    return mix


def conflicts(facts: pd.DataFrame) -> pd.DataFrame:
    """Pairs of reported figures for the same model, region, indicator and as_of that disagree, plus rows
    whose note flags a conflict."""
    r = facts[(facts["status"] == "reported") & facts["value"].notna()]
    groups = r.groupby(["model_id", "region_code", "indicator", "as_of"])
    clash = groups["value"].transform("nunique") > 1
    flagged = r["note"].str.contains("CONFLICT|conflict|冲突", regex=True)
    return r[clash | flagged].sort_values(["model_id", "indicator", "as_of", "fact_id"])


def missing(facts: pd.DataFrame) -> pd.DataFrame:
    """Figures the sources lost (digits stripped), as coded."""
    return facts[facts["status"] == "missing"].sort_values(["model_id", "fact_id"])
