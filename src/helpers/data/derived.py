"""Derived indicators: ratios of coded figures that keep their lineage and their uncertainty.

A ratio divides figures of the same model, place and coverage (``scope``) whose dates are at most a year
apart; denominators from ``regions.csv`` (2020 census, township counts) obey the same date rule and are used
only for figures about the whole place. Duplicates are skipped. Each row names the ``rule`` that admitted it and
its ``flags`` (``over_100``, ``flow_over_stock``, ``years_differ``).

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

from helpers import vocabulary
from helpers.data.timespan import gap_years, within_a_year

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


def add(a: Figure, b: Figure) -> Figure:
    """``a + b`` as a figure (intervals add; an ``approx`` input makes the sum approx).

    >>> s = add(Figure("s", 200, 200, 200, "exact"), Figure("p", 92, 92, 92, "exact"))
    >>> s.value, s.qualifier
    (292, 'exact')
    """
    ref = f"{a.ref}+{b.ref}"
    if "approx" in (a.qualifier, b.qualifier):
        return Figure(ref, a.value + b.value, None, None, "approx")
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    low, high = alo + blo, ahi + bhi
    qualifier = ("exact" if math.isclose(low, high) else "range") if high < INF else "at_least"
    return Figure(ref, a.value + b.value, low if low > 0 else None, high if high < INF else None, qualifier)


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
    """A derived indicator: ``scale * numerator / denominator`` for one model, place and coverage.

    ``denominator`` is a tuple of indicator ids (their figures are added, e.g. stations + village points) or
    ``("region:<column>",)`` for a column of regions.csv. ``numerator_purpose`` restricts money to one purpose;
    ``flow_over_stock`` marks ratios of a flow over a period by a stock at a date (always approximate)."""

    indicator: str
    numerator: str
    denominator: tuple[str, ...]
    scale: float
    unit: str
    dimension: str
    label_zh: str
    label_en: str
    numerator_purpose: str = ""
    flow_over_stock: bool = False


SPECS = (
    Spec("workers_per_station", "social_workers_stationed", ("stations_township",), 1, "persons",
         "staffing", "每站社工数", "Social workers per station"),
    Spec("workers_per_site", "social_workers_sites", ("stations_township", "village_points"), 1, "persons",
         "staffing", "每个站点社工数(社工站+村居社工点)", "Social workers per site (stations + village points)"),
    Spec("workers_per_10k_residents", "social_workers_stationed", ("region:population_2020",), 10_000,
         "persons", "staffing", "每万常住人口驻站社工数", "Stationed social workers per 10,000 residents"),
    Spec("coverage_rate", "stations_township", ("region:townships",), 100, "percent", "coverage",
         "社工站覆盖率(站数/乡镇数)", "Coverage rate (stations / townships)"),
    Spec("person_times_per_worker", "service_person_times", ("social_workers_stationed",), 1, "person_times",
         "outputs", "每名社工服务人次", "Person-times served per social worker", flow_over_stock=True),
    Spec("funding_per_station_derived", "funding_total", ("stations_township",), 1, "CNY", "funding",
         "每站资金(总额/站数)", "Funding per station (total / stations)", numerator_purpose="all",
         flow_over_stock=True),
)

RULES = vocabulary.RULES.values  # most exact first
FLAGS = vocabulary.FLAGS.values
CENSUS_DATE = "2020-11-01"  # the 7th census's reference date

COLUMNS = ["derived_id", "indicator", "dimension", "label_zh", "label_en", "model_id", "region_code", "scope",
           "value", "value_low", "value_high", "unit", "qualifier", "as_of", "period", "inputs",
           "source_ids", "rule", "flags", "note"]


def _figure(row) -> Figure:
    return Figure(row["fact_id"], row["value"], row["value_low"], row["value_high"], row["qualifier"])


def usable_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts a ratio may use: reported, a number above zero, the whole place or the whole programme, no duplicate."""
    dup = facts["duplicate_of"].fillna("") != "" if "duplicate_of" in facts else False
    ok = ((facts["status"] == "reported") & facts["scope"].isin(vocabulary.HEADLINE_SCOPES.values) & facts["value"].notna()
          & (facts["value"] > 0) & ~dup)
    u = facts[ok]
    return u.astype(object).where(u.notna(), None)


def derive(facts: pd.DataFrame, regions: pd.DataFrame, specs=SPECS) -> pd.DataFrame:
    """Every derived row the rules admit (see the module docstring); ``facts`` has numbers as floats."""
    usable = usable_facts(facts)
    reg = regions.set_index("region_code")
    rows = []
    for spec in specs:
        nums = usable[usable["indicator"] == spec.numerator].sort_values("fact_id")
        if spec.numerator_purpose:
            nums = nums[nums["purpose"] == spec.numerator_purpose]
        for _, n in nums.iterrows():
            pair = _denominator(spec, n, usable, reg)
            if pair is None:
                continue
            d_fig, d_sources, rule, d_as_of, d_note = pair
            r = divide(_figure(n), d_fig, spec.scale)
            flags, notes = [], [d_note] if d_note else []
            qualifier, low, high = r.qualifier, r.low, r.high
            if spec.flow_over_stock:
                flags.append("flow_over_stock")
                qualifier, low, high = "approx", None, None
                notes.append("a flow over a period divided by a stock at a date: approximate")
            if n["as_of"] and d_as_of and n["as_of"] != d_as_of:
                if n["as_of"][:4] != d_as_of[:4]:
                    flags.append("years_differ")
                notes.append(f"numerator as of {n['as_of']}, denominator as of {d_as_of}")
            if spec.unit == "percent" and r.value > 100:
                flags.append("over_100")
                notes.append("over 100 %: more stations than townships; not ranked")
            rows.append({
                "indicator": spec.indicator, "dimension": spec.dimension, "label_zh": spec.label_zh,
                "label_en": spec.label_en, "model_id": n["model_id"], "region_code": n["region_code"],
                "scope": n["scope"], "value": r.value, "value_low": low, "value_high": high, "unit": spec.unit,
                "qualifier": qualifier, "as_of": n["as_of"] or "", "period": n["period"],
                "inputs": f"{n['fact_id']}|{d_fig.ref.replace('+', '|')}",
                "source_ids": "|".join(sorted({n["source_id"], *d_sources})), "rule": rule,
                "flags": "|".join(flags), "note": "; ".join(notes),
            })
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "derived_id"])
    out = _once(out)
    out = out.sort_values(["indicator", "model_id", "region_code", "as_of", "inputs"], kind="stable")
    out.insert(0, "derived_id", [f"d{i:03d}" for i in range(1, len(out) + 1)])
    return out.reset_index(drop=True)


def _once(out: pd.DataFrame) -> pd.DataFrame:
    """No ratio twice: the same value for the same indicator, model, place and coverage is kept once (latest)."""
    if out.empty:
        return out
    out = out.assign(_v=out["value"].round(6)).sort_values(["as_of", "inputs"], ascending=[False, True], kind="stable")
    out = out.drop_duplicates(["indicator", "model_id", "region_code", "scope", "_v"], keep="first")
    return out.drop(columns="_v")


def _region_denominator(spec: Spec, n, reg: pd.DataFrame):
    column = spec.denominator[0].split(":", 1)[1]
    code = n["region_code"]
    if n["scope"] != "whole" or code not in reg.index:
        return None  # a programme's figure is never divided by the whole place's population or townships
    r = reg.loc[code]
    raw = r[column]
    if pd.isna(raw) or raw == "" or float(raw) <= 0:
        return None
    if column == "population_2020":
        d_as_of, source, rule = CENSUS_DATE, r["population_source_id"], "census_within_a_year"
        note = "denominator: 2020 census population"
    else:
        d_as_of, source, rule = str(r.get("townships_as_of") or ""), r["townships_source_id"], \
            "township_count_within_a_year"
        note = f"denominator: township count as of {d_as_of or 'unknown'}"
    if not within_a_year(n["as_of"] or "", d_as_of):
        return None
    v = float(raw)
    fig = Figure(f"regions:{code}:{column}", v, v, v, "exact")
    return fig, {source} - {""}, rule, d_as_of, note


def _pick(cands: pd.DataFrame, n):
    """The denominator row nearest in time to ``n`` (same source, then same period preferred), and its rule."""
    best, best_key, best_rule = None, None, None
    for _, d in cands.iterrows():
        na, da = n["as_of"] or "", d["as_of"] or ""
        if na and da:
            if not within_a_year(na, da):
                continue
            gap, rule = gap_years(na, da), ("same_date" if na == da else "within_a_year")
        elif not na and not da and d["source_id"] == n["source_id"]:
            gap, rule = 0.0, "same_source_undated"
        else:
            continue
        key = (gap, d["source_id"] != n["source_id"], d["period"] != n["period"], d["fact_id"])
        if best_key is None or key < best_key:
            best, best_key, best_rule = d, key, rule
    return best, best_rule


def _denominator(spec: Spec, n, usable: pd.DataFrame, reg: pd.DataFrame):
    if spec.denominator[0].startswith("region:"):
        return _region_denominator(spec, n, reg)
    same = usable[(usable["model_id"] == n["model_id"]) & (usable["region_code"] == n["region_code"])
                  & (usable["scope"] == n["scope"])]
    parts, sources, rules, dates = [], set(), [], []
    for ind in spec.denominator:
        d, rule = _pick(same[same["indicator"] == ind], n)
        if d is None:
            return None
        parts.append(_figure(d))
        sources.add(d["source_id"])
        rules.append(rule)
        dates.append(d["as_of"] or "")
    fig = parts[0]
    for p in parts[1:]:
        fig = add(fig, p)
    order = {r: i for i, r in enumerate(RULES)}
    rule = max(rules, key=order.get)  # the weakest rule any input needed
    note = "denominator: " + " + ".join(spec.denominator) if len(parts) > 1 else ""
    return fig, sources, rule, max(dates, key=lambda a: (a != "", a)), note
