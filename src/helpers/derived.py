"""Derived indicators: ratios of coded figures that keep their lineage and their uncertainty.

A ratio of a lower bound is not exact. Each input is an interval (exact: [v, v]; at_least: [v, inf);
at_most: [0, v]; range: [low, high]); the ratio's interval follows by interval arithmetic and its
qualifier is read back from that interval. An ``approx`` input makes the result ``approx``.

>>> a = Figure("f1", 300, 300, None, "at_least")   # 300多人
>>> b = Figure("f2", 138, 138, 138, "exact")        # 138处
>>> r = divide(a, b)
>>> round(r.value, 2), r.qualifier
(2.17, 'at_least')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

INF = math.inf


@dataclass(frozen=True)
class Figure:
    ref: str
    value: float
    low: float | None
    high: float | None
    qualifier: str

    def interval(self) -> tuple[float, float]:
        low = self.low if self.low is not None else 0.0
        high = self.high if self.high is not None else INF
        return low, high


@dataclass(frozen=True)
class Ratio:
    value: float
    low: float | None
    high: float | None
    qualifier: str


def divide(a: Figure, b: Figure, scale: float = 1.0) -> Ratio:
    """``scale * a / b`` with its interval and qualifier (all figures are non-negative)."""
    value = scale * a.value / b.value
    if "approx" in (a.qualifier, b.qualifier):
        return Ratio(value, None, None, "approx")
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    low = scale * alo / bhi if bhi not in (0, INF) else 0.0
    high = scale * ahi / blo if blo > 0 else INF
    has_low, has_high = low > 0, high < INF
    if has_low and has_high:
        qualifier = "exact" if math.isclose(low, high) else "range"
    elif has_low:
        qualifier = "at_least"
    elif has_high:
        qualifier = "at_most"
    else:
        qualifier = "approx"
    return Ratio(value, low if has_low else None, high if has_high else None, qualifier)


@dataclass(frozen=True)
class Spec:
    """A derived indicator: ``scale * numerator / denominator`` for one model and region."""

    indicator: str
    numerator: str  # an indicator id, or "region:<column>"
    denominator: str
    scale: float
    unit: str
    dimension: str
    label_zh: str
    label_en: str


SPECS = (
    Spec("workers_per_station", "social_workers_stationed", "stations_township", 1, "persons",
         "staffing", "每站社工数", "Social workers per station"),
    Spec("workers_per_10k_residents", "social_workers_stationed", "region:population_2020", 10_000,
         "persons", "staffing", "每万常住人口驻站社工数", "Stationed social workers per 10,000 residents"),
    Spec("coverage_rate", "stations_township", "region:townships", 100, "percent", "coverage",
         "社工站覆盖率(站数/乡镇数)", "Coverage rate (stations / townships)"),
    Spec("person_times_per_worker", "service_person_times", "social_workers_stationed", 1, "person_times",
         "outputs", "每名社工服务人次", "Person-times served per social worker"),
    Spec("funding_per_station_derived", "funding_total", "stations_township", 1, "CNY", "funding",
         "每站资金(总额/站数)", "Funding per station (total / stations)"),
)

COLUMNS = ["derived_id", "indicator", "dimension", "label_zh", "label_en", "model_id", "region_code",
           "value", "value_low", "value_high", "unit", "qualifier", "as_of", "period", "inputs",
           "source_ids", "note"]


def _year(as_of: str) -> int | None:
    return int(as_of[:4]) if as_of else None


def _figure(row) -> Figure:
    return Figure(row["fact_id"], row["value"], row["value_low"], row["value_high"], row["qualifier"])


def derive(facts: pd.DataFrame, regions: pd.DataFrame, specs=SPECS) -> pd.DataFrame:
    """Every derived row the data allows.

    ``facts`` is the typed facts table (numbers as floats, NaN for empty). Only ``reported`` figures
    whose ``scope`` is ``total`` (the whole region, not a batch, a pilot or one component) are used, so
    a ratio never divides a part by a whole. A numerator is paired with the denominator of the same model and region whose year is
    nearest (at most one year apart; the note says when years differ); then the same source and the
    same period are preferred.
    Regional denominators (population, townships) come from ``regions``.
    """
    usable = facts[(facts["status"] == "reported") & (facts["scope"] == "total") & facts["value"].notna()
                   & (facts["value"] > 0)]
    usable = usable.astype(object).where(usable.notna(), None)
    reg = regions.set_index("region_code")
    rows = []
    for spec in specs:
        nums = usable[usable["indicator"] == spec.numerator].sort_values("fact_id")
        for _, n in nums.iterrows():
            pair = _denominator(spec, n, usable, reg)
            if pair is None:
                continue
            d_fig, d_ref, d_year, d_sources, d_note = pair
            r = divide(_figure(n), d_fig, spec.scale)
            notes = [d_note] if d_note else []
            ny = _year(n["as_of"] or "")
            if d_year is not None and ny is not None and d_year != ny:
                notes.append(f"years differ: numerator {ny}, denominator {d_year}")
            rows.append({
                "indicator": spec.indicator, "dimension": spec.dimension, "label_zh": spec.label_zh,
                "label_en": spec.label_en, "model_id": n["model_id"], "region_code": n["region_code"],
                "value": r.value, "value_low": r.low, "value_high": r.high, "unit": spec.unit,
                "qualifier": r.qualifier, "as_of": n["as_of"] or "", "period": n["period"],
                "inputs": f"{n['fact_id']}|{d_ref}",
                "source_ids": "|".join(sorted({n["source_id"], *d_sources})), "note": "; ".join(notes),
            })
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "derived_id"])
    out = out.sort_values(["indicator", "model_id", "region_code", "inputs"], kind="stable")
    out.insert(0, "derived_id", [f"d{i:03d}" for i in range(1, len(out) + 1)])
    return out.reset_index(drop=True)


def _denominator(spec: Spec, n, usable: pd.DataFrame, reg: pd.DataFrame):
    if spec.denominator.startswith("region:"):
        column = spec.denominator.split(":", 1)[1]
        if n["region_code"] not in reg.index:
            return None
        r = reg.loc[n["region_code"]]
        raw = r[column]
        if pd.isna(raw) or raw == "" or float(raw) <= 0:
            return None
        v = float(raw)
        source = r["population_source_id" if column == "population_2020" else "townships_source_id"]
        year = 2020 if column == "population_2020" else _year(str(r.get("townships_as_of") or ""))
        note = "denominator: 2020 census population" if column == "population_2020" else \
            f"denominator: township count as of {r.get('townships_as_of') or 'unknown'}"
        return Figure(f"regions:{n['region_code']}:{column}", v, v, v, "exact"), \
            f"regions:{n['region_code']}:{column}", year, {source} - {""}, note
    cands = usable[(usable["indicator"] == spec.denominator) & (usable["model_id"] == n["model_id"])
                   & (usable["region_code"] == n["region_code"])]
    ny = _year(n["as_of"] or "")
    best, best_key = None, None
    for _, d in cands.iterrows():
        dy = _year(d["as_of"] or "")
        if ny is None or dy is None:
            if not (ny is None and dy is None):
                continue
            gap = 0
        else:
            gap = abs(ny - dy)
        if gap > 1:
            continue
        key = (gap, d["source_id"] != n["source_id"], d["period"] != n["period"], d["fact_id"])
        if best_key is None or key < best_key:
            best, best_key = d, key
    if best is None:
        return None
    return _figure(best), best["fact_id"], _year(best["as_of"] or ""), {best["source_id"]}, ""
