"""Plausible ranges: warnings (not errors) for figures beyond what their unit allows, declared once here by unit.

:data:`BOUNDS` is the one declaration, by the indicator's unit in data/raw/indicators.csv (the codebook):

* ``persons`` and ``households``: at most the 2020 population of the figure's place, or of the nearest place
  above it with a population in data/raw/regions.csv (nobody can count more people, or households of at least
  one person, than live there). No bound where no population is coded (the country has none yet).
* every unit: at most :data:`MAX_DIGITS` significant digits (10^15): beyond that a float does not keep the
  number exactly, and no figure of the workbook comes near it (a 40-digit station count is a typo).
* ``percent``: over 100 is already an error unless the indicator has ``allow_over_100`` (``workbook check``).

No bound is invented for a single indicator: a bound must follow from the unit's definition and coded data.

>>> import pandas as pd
>>> regions = pd.DataFrame({"region_code": ["370000", "370200"], "parent_code": ["", "370000"],
...                         "population_2020": ["101527453", ""]})
>>> facts = pd.DataFrame({"fact_id": ["a-01", "a-02"], "region_code": ["370200", "370200"], "unit": ["persons", "count"],
...                       "value": ["200000000", "1" + "0" * 39], "value_high": ["", ""]})
>>> for w in range_warnings({"facts": facts, "regions": regions}):
...     print(w.row, w.column, w.message[:62])
2 value warning: 200000000 persons is more than the 101527453 people o
3 value warning: 10000000000000000000… has more than 15 digits; no fig
"""

from __future__ import annotations

import pandas as pd

from helpers.data.check import Problem

MAX_DIGITS = 15
BOUNDS = {"persons": "population", "households": "population"}  # unit → the place's figure that bounds it


def _populations(regions: pd.DataFrame) -> dict[str, tuple[str, float]]:
    """region_code → (the code whose population bounds it, that population): its own, or its nearest ancestor's."""
    parent = dict(zip(regions["region_code"], regions["parent_code"]))
    own = {c: float(p) for c, p in zip(regions["region_code"], regions["population_2020"]) if str(p).isdigit()}
    out = {}
    for code in parent:
        seen, c = set(), code
        while c and c not in own and c not in seen:
            seen.add(c)
            c = parent.get(c, "")
        if c in own:
            out[code] = (c, own[c])
    return out


def range_warnings(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Facts beyond the plausible range of their unit (see the module's text)."""
    facts, regions = tables.get("facts"), tables.get("regions")
    if facts is None or not {"value", "value_high", "unit", "region_code"} <= set(facts.columns):
        return []
    population = _populations(regions) if regions is not None and {"region_code", "parent_code",
                                                                   "population_2020"} <= set(regions.columns) else {}
    out = []
    for i, row in facts.iterrows():
        for column in ("value", "value_high"):
            try:
                v = float(row[column]) if row[column] else None
            except ValueError:
                continue  # the schema reports it
            if v is None:
                continue
            where = ("data/raw/facts.csv", int(i) + 2, column)
            if abs(v) >= 10 ** MAX_DIGITS:
                out.append(Problem(*where, f"warning: {row[column][:20]}… has more than {MAX_DIGITS} digits; no figure of the "
                                           "workbook is that large (a typo or a pasted string of digits?)"))
            elif BOUNDS.get(row["unit"]) == "population" and row["region_code"] in population:
                code, people = population[row["region_code"]]
                if v > people:
                    out.append(Problem(*where, f"warning: {row[column]} {row['unit']} is more than the {people:.0f} people "
                                               f"of {code} (2020 census, data/raw/regions.csv); check the figure "
                                               "and its unit"))
            break  # value_high only matters when there is no value (a range's ends are checked by the parser)
    return sorted(out)
