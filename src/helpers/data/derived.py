"""Derived indicators: ratios of coded figures that keep their lineage and their uncertainty.

A ratio divides achieved figures (status ``reported``, never a standard, target or lost figure, never a plan)
of the same model, place, coverage (``scope``) and phase. How the two sides are paired depends on what they
count (:data:`Spec`, declared in :data:`helpers.derived_indicators.DERIVED_INDICATORS`):

* a stock by a stock (workers ÷ stations): dates at most a year apart;
* a flow by a flow (yuan ÷ person-times): the same year, or for cumulative totals the same source and date
  (a cumulative total's start is not coded, so only one source's totals are known to share it);
* a flow over a year by a stock (yuan ÷ stations): the stock's mean over that year when it is known at both
  ends (rule ``stock_mean``), else the stock nearest in time, flagged ``flow_over_stock``: approximate and
  never ranked;
* a cumulative flow over several years by a stock: never (reason ``cumulative_over_stock``);
* by ``regions.csv`` (2020 census, township counts): a stock or a year's flow within a year of the count,
  for figures about the whole place or the model's whole programme there (flag ``programme_over_place``).

Duplicates are skipped. Each row names the ``rule`` that admitted it and its ``flags``; each numerator that
found no admissible denominator is listed by :func:`evaluate` with the reason (vocabulary ``REFUSALS``).

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

from helpers import derived_indicators, vocabulary
from helpers.data.timespan import gap_years, span, within_a_year

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


def mean(a: Figure, b: Figure) -> Figure:
    """The mean of two figures of a stock (at the start and the end of a period), as a figure.

    >>> m = mean(Figure("s0", 12000, 12000, None, "at_least"), Figure("s1", 17000, 17000, None, "at_least"))
    >>> m.value, m.low, m.high, m.qualifier
    (14500.0, 14500.0, None, 'at_least')
    """
    s = add(a, b)
    half = (lambda v: None if v is None else v / 2)
    return Figure(f"{a.ref}+{b.ref}", s.value / 2, half(s.low), half(s.high), s.qualifier)


# A derived indicator and every derived indicator: declared once, with their page roles, in the catalogue
# (helpers.derived_indicators.DERIVED_INDICATORS). ``denominator`` is a tuple of indicator ids (their figures are added,
# e.g. stations + village points) or ``("region:<column>",)`` for a column of regions.csv. ``numerator_purposes``
# restricts money to purposes (``unspecified`` money is admitted with the flag ``purpose_unstated``).
# ``numerator_flow`` and ``denominator_flow`` say which side counts what happened over a period (money,
# person-times) rather than what exists at a date (stations, workers, residents); the pairing rules follow.
Spec = derived_indicators.DerivedIndicator
SPECS = derived_indicators.DERIVED_INDICATORS

RULES = vocabulary.RULES.values  # most exact first
FLAGS = vocabulary.FLAGS.values
CENSUS_DATE = "2020-11-01"  # the 7th census's reference date
STOCK_PERIODS = ("point_in_time", "cumulative")  # a count of what exists (stations built so far) at as_of

COLUMNS = ["derived_id", "indicator", "dimension", "label_zh", "label_en", "model_id", "region_code", "scope",
           "value", "value_low", "value_high", "unit", "qualifier", "as_of", "period", "inputs",
           "source_ids", "rule", "flags", "note"]
REFUSAL_COLUMNS = ["indicator", "model_id", "region_code", "scope", "numerator", "reason"]


def _figure(row) -> Figure:
    return Figure(row["fact_id"], row["value"], row["value_low"], row["value_high"], row["qualifier"])


def phase_of(model_id: str, as_of: str, coded: str, phases: pd.DataFrame | None) -> str:
    """A fact's phase: the one coded, else the model's phase whose years hold ``as_of`` (``""`` when the model
    has no phases, the fact is undated, or no single phase holds the date).

    >>> ph = pd.DataFrame({"phase_id": ["p1", "p2"], "model_id": ["m", "m"], "start": ["2017", "2021"],
    ...                    "end": ["2020", ""]})
    >>> phase_of("m", "2020", "", ph), phase_of("m", "2022-11-01", "", ph), phase_of("m", "", "", ph)
    ('p1', 'p2', '')
    """
    if coded or phases is None or not as_of or phases.empty:
        return coded or ""
    return _phase_in(phases[phases["model_id"] == model_id].to_dict("records"), as_of)


def _phase_in(model_phases: list[dict], as_of: str) -> str:
    """The one phase of a model's phases (rows of phases.csv, in order) whose years hold ``as_of``, else ``""``."""
    at = span(as_of)
    hits = [p["phase_id"] for p in model_phases
            if (not p["start"] or span(p["start"])[0] <= at[0]) and (not p["end"] or at[1] <= span(p["end"])[1])]
    return hits[0] if len(hits) == 1 else ""


def usable_facts(facts: pd.DataFrame, phases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Facts a ratio may use: reported (never a standard, target or lost figure), not a plan, a number above
    zero, the whole place or the whole programme, no duplicate; each with its phase (see :func:`phase_of`)."""
    dup = facts["duplicate_of"].fillna("") != "" if "duplicate_of" in facts else False
    ok = ((facts["status"] == "reported") & (facts["period"] != "plan")
          & facts["scope"].isin(vocabulary.HEADLINE_SCOPES.values) & facts["value"].notna()
          & (facts["value"] > 0) & ~dup)
    u = facts[ok]
    coded = u["phase"].fillna("") if "phase" in u.columns else pd.Series("", index=u.index)
    by_model: dict = {}  # each model's phases, read once (phase_of filters the table for every fact)
    if phases is not None:
        for p in phases.fillna("").to_dict("records"):
            by_model.setdefault(p["model_id"], []).append(p)
    u = u.assign(phase=[c or (_phase_in(by_model.get(m, []), a) if a else "")
                        for m, a, c in zip(u["model_id"], u["as_of"].fillna(""), coded)])
    return u.astype(object).where(u.notna(), None)


def _kind(row, flow: bool) -> str:
    """``stock``, ``annual`` or ``cumulative`` for a figure on a side that counts a stock or a flow; ``""``
    when the figure cannot stand there (a stock added within a year, a flow at a date)."""
    if flow:
        return row["period"] if row["period"] in ("annual", "cumulative") else ""
    return "stock" if row["period"] in STOCK_PERIODS else ""


def evaluate(facts: pd.DataFrame, regions: pd.DataFrame, specs=SPECS,
             phases: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(derived, refused)``: every derived row the rules admit (see the module docstring), and for every
    numerator that found no admissible denominator, the reason (a value of
    :data:`helpers.vocabulary.REFUSALS`). ``facts`` has numbers as floats; ``phases`` is phases.csv."""
    usable = usable_facts(facts, phases)
    places = _by_place(usable)
    reg = regions.set_index("region_code")
    rows, refused = [], []
    for spec in specs:
        nums = usable[usable["indicator"] == spec.numerator].sort_values("fact_id")
        if spec.numerator_purposes:
            nums = nums[nums["purpose"].isin(spec.numerator_purposes)]
        for _, n in nums.iterrows():
            pair = _denominator(spec, n, places.get((n["model_id"], n["region_code"], n["scope"]), usable.iloc[:0]),
                                reg)
            if isinstance(pair, str):
                refused.append({"indicator": spec.indicator, "model_id": n["model_id"],
                                "region_code": n["region_code"], "scope": n["scope"], "numerator": n["fact_id"],
                                "reason": pair})
                continue
            rows.append(_row(spec, n, *pair))
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "derived_id"])
    out = _once(out)
    out = out.sort_values(["indicator", "model_id", "region_code", "as_of", "inputs"], kind="stable")
    out.insert(0, "derived_id", [f"d{i:03d}" for i in range(1, len(out) + 1)])
    ref = pd.DataFrame(refused, columns=REFUSAL_COLUMNS).sort_values(["indicator", "model_id", "numerator"],
                                                                      kind="stable")
    return out.reset_index(drop=True), ref.reset_index(drop=True)


def derive(facts: pd.DataFrame, regions: pd.DataFrame, specs=SPECS, phases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every derived row the rules admit (see :func:`evaluate`)."""
    return evaluate(facts, regions, specs, phases)[0]


def _row(spec: Spec, n, d_fig: Figure, d_sources: set, rule: str, d_as_of: str, d_note: str,
         extra_flags: tuple[str, ...]) -> dict:
    r = divide(_figure(n), d_fig, spec.scale)
    flags, notes = list(extra_flags), [d_note] if d_note else []
    qualifier, low, high = r.qualifier, r.low, r.high
    if "flow_over_stock" in flags:
        qualifier, low, high = "approx", None, None
        notes.append("a flow over a period divided by a stock at one date (the stock at the period's start is "
                     "unknown): approximate, never ranked")
    if n["scope"] == "programme" and spec.denominator[0].startswith("region:"):
        flags.append("programme_over_place")
        notes.append("the programme's figure over the whole place's denominator")
    if n.get("purpose") == "unspecified":
        flags.append("purpose_unstated")
        notes.append("the source does not say what the money paid for")
    if n["as_of"] and d_as_of and n["as_of"] != d_as_of:
        if n["as_of"][:4] != d_as_of[:4]:
            flags.append("years_differ")
        notes.append(f"numerator as of {n['as_of']}, denominator as of {d_as_of}")
    if spec.unit == "percent" and r.value > 100:
        flags.append("over_100")
        notes.append("over 100 %: more stations than townships; not ranked")
    return {
        "indicator": spec.indicator, "dimension": spec.dimension, "label_zh": spec.label_zh,
        "label_en": spec.label_en, "model_id": n["model_id"], "region_code": n["region_code"],
        "scope": n["scope"], "value": r.value, "value_low": low, "value_high": high, "unit": spec.unit,
        "qualifier": qualifier, "as_of": n["as_of"] or "", "period": n["period"],
        "inputs": f"{n['fact_id']}|{d_fig.ref.replace('+', '|')}",
        "source_ids": "|".join(sorted({n["source_id"], *d_sources})), "rule": rule,
        "flags": "|".join(flags), "note": "; ".join(notes),
    }


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
    if code not in reg.index:
        return "no_denominator"
    kind = _kind(n, spec.numerator_flow)
    if kind == "cumulative":
        return "cumulative_over_stock"  # a total over several years per resident is not a yearly figure
    if not kind:
        return "periods_differ"
    r = reg.loc[code]
    raw = r[column]
    if pd.isna(raw) or raw == "" or float(raw) <= 0:
        return "no_denominator"
    if column == "population_2020":
        d_as_of, source, rule = CENSUS_DATE, r["population_source_id"], "census_within_a_year"
        note = "denominator: 2020 census population"
    else:
        d_as_of, source, rule = str(r.get("townships_as_of") or ""), r["townships_source_id"], \
            "township_count_within_a_year"
        note = f"denominator: township count as of {d_as_of or 'unknown'}"
    if not n["as_of"]:
        return "undated"
    if not within_a_year(n["as_of"], d_as_of):
        return "census_far" if column == "population_2020" else "dates_apart"
    v = float(raw)
    fig = Figure(f"regions:{code}:{column}", v, v, v, "exact")
    return fig, {source} - {""}, rule, d_as_of, note, ()


def _pick(cands: pd.DataFrame, n):
    """The stock row nearest in time to ``n`` (same source, then same period preferred), and its rule."""
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


def _moment(as_of: str) -> float:
    """The moment a stock figure describes: the end of a year or month given alone, else the day."""
    start, end = span(as_of)
    return end if as_of.count("-") < 2 else start


def _stock_ends(cands: pd.DataFrame, n):
    """Stock rows at the start and at the end of ``n``'s year (within a month of each), or None."""
    if not n["as_of"]:
        return None
    start, end = span(n["as_of"][:4])
    dated = sorted(((d, _moment(d["as_of"])) for _, d in cands.iterrows() if d["as_of"]),
                   key=lambda x: x[0]["fact_id"])

    def nearest(at: float):
        near = [(abs(m - at), d) for d, m in dated if abs(m - at) <= 1 / 12 + 1e-9]
        return min(near, key=lambda x: x[0])[1] if near else None

    first, last = nearest(start), nearest(end)
    return None if first is None or last is None else (first, last)


def _flow_partner(cands: pd.DataFrame, n):
    """A flow over the same period as the flow ``n``: the same year for annual figures; the same date and
    source for cumulative ones (their start is not coded, so only one source's totals share it)."""
    for _, d in cands.sort_values("fact_id").iterrows():
        if d["period"] != n["period"]:
            continue
        if n["period"] == "annual" and n["as_of"] and d["as_of"] and n["as_of"][:4] == d["as_of"][:4]:
            return d, ("same_period" if n["as_of"] == d["as_of"] else "same_year")
        if n["period"] == "cumulative" and d["source_id"] == n["source_id"] and d["as_of"] == n["as_of"]:
            return d, ("same_period" if n["as_of"] else "same_source_undated")
    return None, None


def _by_place(usable: pd.DataFrame) -> dict[tuple, pd.DataFrame]:
    """The usable facts of each (model, region, scope), in their order (a key with a missing part matches
    nothing, as comparing with a missing value does)."""
    return {key: rows for key, rows in usable.groupby(["model_id", "region_code", "scope"], sort=False, dropna=True)}


def _denominator(spec: Spec, n, same: pd.DataFrame, reg: pd.DataFrame):
    """The denominator of ``n`` as ``(figure, sources, rule, as_of, note, flags)``, or the reason there is none;
    ``same``: the usable facts of n's model, region and scope (:func:`_by_place`)."""
    if spec.denominator[0].startswith("region:"):
        if n["scope"] not in ("whole", "programme"):
            return "scope_differs"
        return _region_denominator(spec, n, reg)
    n_kind = _kind(n, spec.numerator_flow)
    if not n_kind:
        return "periods_differ"
    parts, sources, rules, dates, flags = [], set(), [], [], []
    for ind in spec.denominator:
        cands = same[same["indicator"] == ind]
        if cands.empty:
            return "no_denominator"
        in_phase = cands[cands["phase"] == n["phase"]]
        if in_phase.empty:
            return "phase_differs"
        cands = in_phase[[bool(_kind(d, spec.denominator_flow)) for _, d in in_phase.iterrows()]]
        if spec.denominator_flow:
            d, rule = _flow_partner(cands, n)
            if d is None:
                return "periods_differ"
        elif n_kind == "cumulative":
            return "cumulative_over_stock"
        elif n_kind == "annual":
            ends = _stock_ends(cands, n)
            if ends is not None:
                first, last = ends
                parts.append(mean(_figure(first), _figure(last)))
                sources |= {first["source_id"], last["source_id"]}
                rules.append("stock_mean")
                dates.append(last["as_of"])
                continue
            d, rule = _pick(cands, n)
            if d is None:
                return "dates_apart"
            flags.append("flow_over_stock")
        else:
            d, rule = _pick(cands, n)
            if d is None:
                return "dates_apart"
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
    if "stock_mean" in rules:
        note = "denominator: the stock's mean of the period's start and end"
    return fig, sources, rule, max(dates, key=lambda a: (a != "", a)), note, tuple(dict.fromkeys(flags))
