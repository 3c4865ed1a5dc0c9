"""Which figure stands for a model: one headline per model and indicator, gaps stated, local evidence apart.

A model's headline figure for an indicator comes only from a fact about **the model's own region**
(``models.region_code``) that covers the whole place or the model's whole programme there
(``scope`` in :data:`~helpers.vocabulary.HEADLINE_SCOPES`), is not a duplicate and was not lost in the source.
Among those: reported before target, ``whole`` before ``programme``, dated before undated, latest date first,
then the row the coder marked ``headline``. File order never decides: a tie that is still open is reported by
:func:`open_ties` (``workbook check`` refuses it) and is broken here only by fact id so output stays stable.

Everything else a model has for the indicator (a county, a city, one site, one phase) is *local evidence*:
shown apart, labelled with its place, never promoted to the model's figure.

>>> import pandas as pd
>>> facts = pd.DataFrame({
...     "fact_id": ["a-01", "b-01"], "model_id": ["hunan", "hunan"], "indicator": ["workers", "workers"],
...     "region_code": ["430000", "431125"], "scope": ["phase", "whole"], "status": ["reported", "reported"],
...     "as_of": ["2019", "2022-03"], "value": [900.0, 20.0], "duplicate_of": ["", ""], "headline": ["", ""]})
>>> models = pd.DataFrame({"model_id": ["hunan"], "region_code": ["430000"]})
>>> row = choose(facts, models, "hunan", "workers")
>>> row.fact_id, row.reason, row.local_fact_ids
('', 'part_only', ('a-01', 'b-01'))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from helpers import vocabulary
from helpers.data.timespan import span

# Why a model's cell holds the figure it holds, or why it is empty.
CHOICE_REASONS = vocabulary.CHOICE_REASONS.values
GAP_REASONS = vocabulary.GAP_REASONS.values

COLUMNS = ["model_id", "indicator", "dimension", "fact_id", "value", "value_low", "value_high", "unit",
           "qualifier", "status", "region_code", "level", "scope", "as_of", "period", "source_id", "reason",
           "n_candidates", "local_fact_ids", "lost_fact_ids"]


@dataclass(frozen=True)
class Choice:
    """The outcome for one model and indicator: the chosen ``fact_id`` ('' for a gap) and why."""

    model_id: str
    indicator: str
    fact_id: str
    reason: str
    candidates: tuple[str, ...] = ()
    local_fact_ids: tuple[str, ...] = ()
    lost_fact_ids: tuple[str, ...] = ()
    tied: tuple[str, ...] = field(default=())


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v == ""


def _is_dup(row) -> bool:
    return not _blank(row.get("duplicate_of", ""))


def _key(row) -> tuple:
    """Sort key: smaller is better (reported, whole, dated, latest)."""
    dated = not _blank(row["as_of"])
    return (row["status"] != "reported", row["scope"] != "whole", not dated,
            -span(row["as_of"])[1] if dated else 0.0)


def _values_differ(rows) -> bool:
    vals = {round(float(r["value"]), 9) for r in rows if not _blank(r["value"])}
    return len(vals) > 1


def _split(records: list[dict], home: str):
    """(candidates, local, lost) records for one model and indicator."""
    usable = [r for r in records if not _is_dup(r)]
    cands, local, lost = [], [], []
    for r in usable:
        own = r["region_code"] == home and r["scope"] in vocabulary.HEADLINE_SCOPES
        if r["status"] == "missing":
            (lost if own else local).append(r)
        elif own:
            cands.append(r)
        else:
            local.append(r)
    return cands, local, lost


def choose(facts: pd.DataFrame, models: pd.DataFrame, model_id: str, indicator: str) -> Choice:
    """The headline choice for one model and indicator (see the module docstring for the rules)."""
    home = models.set_index("model_id").loc[model_id, "region_code"]
    f = facts[(facts["model_id"] == model_id) & (facts["indicator"] == indicator)]
    return choose_among(f.to_dict("records"), home, model_id, indicator)


def choose_among(records: list[dict], home: str, model_id: str, indicator: str) -> Choice:
    """:func:`choose` on the model's facts about the indicator as records (the fast path for whole tables)."""
    cands, local, lost = _split(records, home)
    local_ids = tuple(sorted(r["fact_id"] for r in local))
    lost_ids = tuple(sorted(r["fact_id"] for r in lost))
    if not cands:
        if lost:
            reason = "lost_in_source"
        elif any(r["region_code"] == home for r in local):
            reason = "part_only"
        elif local:
            reason = "local_only"
        else:
            reason = "not_found"
        return Choice(model_id, indicator, "", reason, (), local_ids, lost_ids)
    ranked = sorted(cands, key=lambda r: (_key(r), r.get("headline", "") != "true", r["fact_id"]))
    best = ranked[0]
    top = [r for r in ranked if _key(r) == _key(best)]
    tied: tuple[str, ...] = ()
    if len(ranked) == 1:
        reason = "only_candidate"
    elif len(top) > 1 and _values_differ(top):
        marked = [r for r in top if r.get("headline", "") == "true"]
        reason = "marked_headline" if len(marked) == 1 else "open_tie"
        if reason == "open_tie":
            tied = tuple(sorted(r["fact_id"] for r in top))
    elif len(top) > 1:
        reason = "same_value"
    else:
        runner = ranked[len(top)]
        a, b = _key(best), _key(runner)
        reason = ("reported_over_target" if a[0] != b[0] else "whole_over_programme" if a[1] != b[1]
                  else "dated_over_undated" if a[2] != b[2] else "latest_date")
    # everything that was not chosen but is about the model's own region stays visible as local evidence
    others = tuple(sorted(local_ids + tuple(r["fact_id"] for r in cands if r is not best)))
    return Choice(model_id, indicator, best["fact_id"], reason, tuple(sorted(r["fact_id"] for r in cands)),
                  others, lost_ids, tied)


def levels(facts: pd.DataFrame, regions: pd.DataFrame) -> pd.Series:
    """Each fact's level: ``site`` for one station or centre, else its region's level from regions.csv."""
    lv = regions.set_index("region_code")["level"]
    return pd.Series([("site" if s == "site" else lv.get(c, "")) for s, c in zip(facts["scope"], facts["region_code"])],
                     index=facts.index, name="level")


def comparison_table(facts: pd.DataFrame, models: pd.DataFrame, indicators: pd.DataFrame,
                     regions: pd.DataFrame) -> pd.DataFrame:
    """One row per model and indicator (every indicator of the codebook): the chosen fact or the gap's reason.

    This is ``data/processed/comparison.csv``; reports read it and do not choose again."""
    f = facts.copy()
    if "level" not in f.columns:
        f["level"] = levels(f, regions)
    by_id = f.set_index("fact_id")
    dims = indicators.set_index("indicator")["dimension"]
    units = indicators.set_index("indicator")["unit"]
    homes = models.set_index("model_id")["region_code"]
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in f.to_dict("records"):
        groups.setdefault((r["model_id"], r["indicator"]), []).append(r)
    rows = []
    for m in sorted(models["model_id"]):
        for ind in sorted(indicators["indicator"]):
            c = choose_among(groups.get((m, ind), []), homes[m], m, ind)
            row = {"model_id": m, "indicator": ind, "dimension": dims[ind], "fact_id": c.fact_id,
                   "reason": c.reason, "n_candidates": len(c.candidates),
                   "local_fact_ids": "|".join(c.local_fact_ids), "lost_fact_ids": "|".join(c.lost_fact_ids),
                   "unit": units[ind]}
            if c.fact_id:
                x = by_id.loc[c.fact_id]
                row.update({k: x[k] for k in ("value", "value_low", "value_high", "unit", "qualifier", "status",
                                              "region_code", "level", "scope", "as_of", "period", "source_id")})
            rows.append(row)
    out = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("value", "value_low", "value_high"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    text = [c for c in COLUMNS if c not in ("value", "value_low", "value_high", "n_candidates")]
    out[text] = out[text].fillna("").astype(str)
    out["n_candidates"] = out["n_candidates"].astype("int64")
    return out


def open_ties(facts: pd.DataFrame, models: pd.DataFrame) -> list[tuple[str, str, tuple[str, ...]]]:
    """(model_id, indicator, fact_ids) for every headline choice a coder must settle with ``headline=true``."""
    out = []
    homes = models.set_index("model_id")["region_code"]
    for (m, ind), group in facts.groupby(["model_id", "indicator"], sort=True):
        if m not in homes.index:
            continue
        c = choose_among(group.to_dict("records"), homes[m], m, ind)
        if c.reason == "open_tie":
            out.append((m, ind, c.tied))
    return out


def local_evidence(facts: pd.DataFrame, comparison: pd.DataFrame, model_ids=None, indicators=None) -> pd.DataFrame:
    """The facts listed as local evidence in ``comparison`` (optionally for some models and indicators)."""
    c = comparison
    if model_ids is not None:
        c = c[c["model_id"].isin(model_ids)]
    if indicators is not None:
        c = c[c["indicator"].isin(indicators)]
    ids = {x for s in c["local_fact_ids"] for x in s.split("|") if x}
    return facts[facts["fact_id"].isin(ids)].sort_values(["model_id", "indicator", "region_code", "as_of", "fact_id"])
