"""Whether a model's headline cells agree with each other: stations ÷ coverage rate against the township count.

A model's headline count of township stations divided by its headline coverage rate implies how many townships
the model's region has; regions.csv says how many it has. When the two differ by more than :data:`TOLERANCE`
(read through each figure's qualifier: a lower bound, a range or an approximation widens what it implies), at
least one of the three figures is about something else (another phase, a programme that is not the whole
network, another date), and the cells must not be set against other models as they stand. ``comparison.csv``
names the disagreement in its ``consistency`` column on both cells, ``workbook data`` prints one warning line
per model, and the reports say so beside the cells and never rank them.

>>> import pandas as pd
>>> comp = pd.DataFrame({"model_id": ["gd", "gd"], "indicator": [STATIONS, COVERAGE],
...     "fact_id": ["gd-01", "gd-02"], "value": [407.0, 100.0], "value_low": [407.0, 100.0],
...     "value_high": [407.0, 100.0], "qualifier": ["exact", "exact"], "region_code": ["440000", "440000"],
...     "phase": ["jihua", "gongcheng"]})
>>> regions = pd.DataFrame({"region_code": ["440000"], "townships": [1611], "townships_as_of": ["2020-12-31"]})
>>> str(disagreements(comp, regions)[0]).split(";")[0]
'gd stations ÷ coverage: 407 (gd-01) ÷ 100% (gd-02) implies 407 townships'
>>> list(flags(comp, regions))
['townships_differ', 'townships_differ']
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers import vocabulary

STATIONS = "stations_township"
COVERAGE = "coverage_township_pct"
TOLERANCE = 0.15  # stations ÷ coverage may differ from the township count by this share before it is flagged
FLAG = vocabulary.CONSISTENCY.values[0]  # townships_differ: the value of comparison.csv's consistency column
APPROX_BAND = 0.05  # an approximate figure (约/近) is read as ±5 %


def _nan(v) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def interval(row) -> tuple[float, float]:
    """What a figure allows: exact [v, v], lower bound [v, ∞), upper bound [0, v], range [low, high], approx ±5 %.

    >>> interval({"value": 930000.0, "value_low": None, "value_high": None, "qualifier": "approx"})
    (883500.0, 976500.0)
    """
    v, q = row["value"], row["qualifier"]
    if q == "approx":
        return v * (1 - APPROX_BAND), v * (1 + APPROX_BAND)
    if q == "at_least":
        return v, float("inf")
    if q == "at_most":
        return 0.0, v
    if q == "range":
        return row["value_low"], row["value_high"]
    return v, v


@dataclass(frozen=True)
class Disagreement:
    """One model whose headline stations ÷ coverage do not give its township count (within the tolerance)."""

    model_id: str
    stations_fact: str
    coverage_fact: str
    stations: tuple[float, float]
    coverage: tuple[float, float]
    implied: tuple[float, float]  # townships the two imply (low, high)
    townships: int
    townships_as_of: str
    region_code: str
    same_phase: bool

    @property
    def off_by(self) -> float:
        """How far the implied count lies from the township count, as a share of it (the nearer end)."""
        lo, hi = self.implied
        near = lo if lo > self.townships else hi
        return abs(near - self.townships) / self.townships

    def __str__(self) -> str:
        def num(x):
            return "∞" if math.isinf(x) else f"{x:,.0f}"

        def rng(a, b, unit=""):
            return f"{num(a)}{unit}" if a == b else f"{num(a)}–{num(b)}{unit}"

        phases = "" if self.same_phase else " (the two figures are about different phases)"
        return (f"{self.model_id} stations ÷ coverage: {rng(*self.stations)} ({self.stations_fact}) ÷ "
                f"{rng(*self.coverage, '%')} ({self.coverage_fact}) implies {rng(*self.implied)} townships; "
                f"regions.csv has {self.townships:,} for {self.region_code} ({self.townships_as_of}): they differ by "
                f"{self.off_by:.0%}, more than {TOLERANCE:.0%}{phases}; neither cell is ranked")


def _townships(regions: pd.DataFrame) -> dict[str, tuple[int, str]]:
    out = {}
    for r in regions.to_dict("records"):
        n = r.get("townships")
        if not _nan(n) and str(n).strip() != "" and float(n) > 0:
            out[r["region_code"]] = (int(float(n)), str(r.get("townships_as_of", "") or ""))
    return out


def disagreements(comparison: pd.DataFrame, regions: pd.DataFrame) -> list[Disagreement]:
    """Every model whose headline stations and coverage (rows of ``comparison`` with a ``fact_id``, both reported,
    not targets) imply a township count more than :data:`TOLERANCE` away from its region's (regions.csv), by
    model id."""
    towns = _townships(regions)
    chosen = comparison[(comparison["fact_id"] != "") & comparison["indicator"].isin([STATIONS, COVERAGE])]
    out = []
    for model, g in chosen.groupby("model_id", sort=True):
        rows = {r["indicator"]: r for r in g.to_dict("records")}
        if STATIONS not in rows or COVERAGE not in rows:
            continue
        s, c = rows[STATIONS], rows[COVERAGE]
        if s["region_code"] not in towns or any(_nan(x["value"]) for x in (s, c)):
            continue
        if any(x.get("status", "reported") != "reported" for x in (s, c)):
            continue  # a coverage goal (or a planned station count) says nothing about the stations built so far
        n, as_of = towns[s["region_code"]]
        (s_lo, s_hi), (c_lo, c_hi) = interval(s), interval(c)
        if c_hi <= 0:
            continue
        implied = (s_lo / (c_hi / 100), s_hi / (c_lo / 100) if c_lo > 0 else float("inf"))
        if implied[1] < n * (1 - TOLERANCE) or implied[0] > n * (1 + TOLERANCE):
            out.append(Disagreement(model, s["fact_id"], c["fact_id"], (s_lo, s_hi), (c_lo, c_hi), implied, n, as_of,
                                    s["region_code"], s.get("phase", "") == c.get("phase", "")))
    return out


def flags(comparison: pd.DataFrame, regions: pd.DataFrame) -> pd.Series:
    """comparison.csv's ``consistency`` column: :data:`FLAG` on both cells of every disagreement, else empty."""
    bad = {(d.model_id, ind) for d in disagreements(comparison, regions) for ind in (STATIONS, COVERAGE)}
    return pd.Series([FLAG if (m, i) in bad else "" for m, i in zip(comparison["model_id"], comparison["indicator"])],
                     index=comparison.index, dtype=object)
