"""Data-quality summaries: what is there, what is missing, what conflicts. Facts in, DataFrames out.

>>> facts = pd.DataFrame({"model_id": ["a", "a", "b"], "dimension": ["staffing", "funding", "staffing"],
...                       "duplicate_of": ["", "", ""]})
>>> availability(facts).to_dict()
{'funding': {'a': 1, 'b': 0}, 'staffing': {'a': 1, 'b': 1}}
"""

from __future__ import annotations

import pandas as pd

from helpers.data.consistency import interval  # what a figure allows, read through its qualifier
from helpers.pages.i18n import col, t, term
from helpers.vocabulary import DIMENSIONS, QUALIFIERS, STATUSES, TARGET_DIMENSION


def distinct(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts without the rows marked as duplicates of another reading (each reading counted once)."""
    return facts[facts["duplicate_of"].fillna("") == ""]


def availability(facts: pd.DataFrame, rows: str = "model_id", cols: str = "dimension") -> pd.DataFrame:
    """Counts of distinct figures per ``rows`` × ``cols`` (zeros where nothing is coded)."""
    f = distinct(facts)
    return pd.crosstab(f[rows], f[cols]).sort_index()


def dimension_matrix(tables, lang: str) -> pd.DataFrame:
    """Models × dimensions: how many reported figures each model has (targets, standards and lost figures apart)."""
    f = distinct(tables.facts)
    m = availability(f[f["status"] == "reported"])
    m = m.reindex(index=tables.models["model_id"], columns=[d for d in DIMENSIONS if d != TARGET_DIMENSION],
                  fill_value=0)
    m.columns = [term(DIMENSIONS, c, lang) for c in m.columns]
    m[term(DIMENSIONS, TARGET_DIMENSION, lang)] = f[f["status"] == "target"].groupby("model_id").size().reindex(
        m.index, fill_value=0)
    m[term(STATUSES, "standard", lang)] = f[f["status"] == "standard"].groupby("model_id").size().reindex(
        m.index, fill_value=0)  # norms and requirements: counted apart, never as achieved figures
    m[t("lost_in_source", lang)] = f[f["status"] == "missing"].groupby(
        "model_id").size().reindex(m.index, fill_value=0)
    names = tables.models.set_index("model_id")[col("name", lang)]
    m.index = [names[i] for i in m.index]
    return m


def qualifier_mix(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Share of each qualifier among a model's reported and target figures (rows sum to 1)."""
    f = distinct(facts)
    f = f[f["status"].isin(["reported", "target"])]  # not lost figures, not standards (norms)
    mix = pd.crosstab(f["model_id"], f["qualifier"], normalize="index")
    mix = mix.reindex(columns=[q for q in QUALIFIERS if q in mix.columns])
    mix.columns = [term(QUALIFIERS, q, lang) for q in mix.columns]
    return mix


def compatible(a, b) -> bool:
    """True when two readings can both be true (their intervals overlap)."""
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    return alo <= bhi and blo <= ahi


CONFLICT_COLUMNS = ["indicator", "region_code", "a", "b", "a_value", "b_value", "a_as_of", "b_as_of",
                    "a_source", "b_source", "why"]


def conflicts(facts: pd.DataFrame, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Real conflicts, one row per pair: rows the coder marked as pointing at each other (``conflicts_with``,
    including a station count against the region's township count), and distinct reported figures for the same
    indicator, place, whole-place or programme coverage and date that cannot both be true (≈93万 and 93.1万 can;
    92.9万 and 93.1万 cannot). Duplicates are never conflicts.
    """
    f = distinct(facts)
    by_id = facts.set_index("fact_id")
    pairs: dict[tuple[str, str], str] = {}
    for fid, refs in zip(f["fact_id"], f["conflicts_with"].fillna("")):
        for ref in filter(None, refs.split("|")):
            pairs.setdefault(tuple(sorted((fid, ref))) if not ref.startswith("regions:") else (fid, ref), "marked")
    r = f[(f["status"] == "reported") & f["value"].notna() & (f["as_of"] != "")
          & f["scope"].isin(["whole", "programme"])]
    for _, g in r.groupby(["indicator", "region_code", "scope", "as_of"]):
        rows = g.sort_values("fact_id").to_dict("records")
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if not compatible(a, b):
                    pairs.setdefault((a["fact_id"], b["fact_id"]), "same_date")
    reg = regions.set_index("region_code") if regions is not None else None
    out = []
    for (a, b), why in sorted(pairs.items()):
        x = by_id.loc[a]
        if b.startswith("regions:"):
            code, column = b.split(":")[1:]
            value = reg.loc[code, column] if reg is not None and code in reg.index else None
            as_of = reg.loc[code, "townships_as_of"] if reg is not None and code in reg.index else ""
            source = reg.loc[code, "townships_source_id"] if reg is not None and code in reg.index else ""
        else:
            y = by_id.loc[b]
            value, as_of, source = y["value"], y["as_of"], y["source_id"]
        out.append({"indicator": x["indicator"], "region_code": x["region_code"], "a": a, "b": b,
                    "a_value": x["value"], "b_value": value, "a_as_of": x["as_of"], "b_as_of": as_of,
                    "a_source": x["source_id"], "b_source": source, "why": why})
    return pd.DataFrame(out, columns=CONFLICT_COLUMNS)


def missing(facts: pd.DataFrame) -> pd.DataFrame:
    """Figures the sources lost (digits stripped), as coded."""
    return facts[facts["status"] == "missing"].sort_values(["model_id", "fact_id"])


# Queries of the data-quality page (read through helpers.pages.access.Access): each gives only what the page shows
# of the whole facts table, so an edit to one figure's value rebuilds the page only when a count, a share, a
# conflict or a cited source changes (the page's trace then replays to the same answers).

def counts(tables) -> dict[str, int]:
    """How many figures are coded and how many of them lost their digits in the source."""
    return {"figures": len(tables.facts), "missing": int((tables.facts["status"] == "missing").sum())}


def cited_sources(tables) -> list[str]:
    """The sources any figure comes from (a summary of the whole dataset cites them all)."""
    return sorted(set(tables.facts["source_id"]))


def facts_per_source(tables) -> dict[str, int]:
    """How many figures each source gave."""
    return {str(k): int(v) for k, v in tables.facts.groupby("source_id").size().items()}


def qualifier_shares(tables, lang: str) -> pd.DataFrame:
    """:func:`qualifier_mix` of every figure."""
    return qualifier_mix(tables.facts, lang)


def conflict_pairs(tables) -> pd.DataFrame:
    """:func:`conflicts` of every figure, against the regions' township counts too."""
    return conflicts(tables.facts, tables.regions)
