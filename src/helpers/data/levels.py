"""The level-matched comparison: each model's figures set beside other models' at the same level.

A province's total and one station's staffing say different things; set station beside station and county
beside county, the figures that exist below the models' own regions say something about the models. For each
indicator (coded or derived), level (``national`` … ``township``, or ``site`` for one named station) and
model, :func:`level_table` gives the places with a figure, one figure per place (the latest), their median
and range, the qualifiers and dates, and the ids they came from. Standards (a norm every station must meet)
and targets are kept apart from achieved figures by ``status``: a requirement is never a finding.

The places are a sample of named places, not the whole region: the table says how many there are.

>>> import pandas as pd
>>> facts = pd.DataFrame({
...     "fact_id": ["a-01", "a-02", "b-01"], "model_id": ["m", "m", "m"],
...     "indicator": ["social_workers_per_station"] * 3, "dimension": ["staffing"] * 3,
...     "value": [23.0, 4.0, 5.5], "value_low": [23.0, 4.0, 3.0], "value_high": [23.0, 4.0, 8.0],
...     "qualifier": ["exact", "exact", "range"], "status": ["reported", "reported", "reported"],
...     "period": ["point_in_time", "point_in_time", "plan"], "scope": ["site", "site", "programme"],
...     "as_of": ["2024", "2023", ""], "unit": ["persons"] * 3, "region_code": ["1", "2", "0"],
...     "region_zh": ["甲", "乙", "省"], "region_en": ["A", "B", "P"], "site_zh": ["甲站", "乙站", ""],
...     "site_en": ["A station", "B station", ""], "duplicate_of": ["", "", ""], "level": ["site", "site", "province"]})
>>> t = level_table(facts, pd.DataFrame(columns=["derived_id"]), pd.DataFrame(columns=["region_code", "level"]))
>>> t[["level", "status", "n_places", "min", "max"]].values.tolist()
[['province', 'standard', 1, 3.0, 8.0], ['site', 'reported', 2, 4.0, 23.0]]
"""

from __future__ import annotations

import statistics

import pandas as pd

from helpers import vocabulary

COLUMNS = ["indicator", "dimension", "origin", "level", "model_id", "status", "n_places", "places_zh",
           "places_en", "median", "min", "max", "unit", "qualifiers", "as_of_first", "as_of_last", "fact_ids",
           "derived_ids"]
PLACE_SCOPES = ("whole", "programme", "site")  # a phase or a subset is not a place's figure
LEVEL_ORDER = {lv: i for i, lv in enumerate(vocabulary.PLACE_LEVELS.values)}
STATUS_ORDER = {"reported": 0, "standard": 1, "target": 2}


def status_of(status: str, period: str) -> str:
    """``standard`` for a norm (status standard, or a reported figure of a plan), else the status.

    >>> status_of("reported", "plan"), status_of("standard", "plan"), status_of("reported", "annual")
    ('standard', 'standard', 'reported')
    """
    if status == "standard" or (status == "reported" and period == "plan"):
        return "standard"
    return status


def _fact_rows(facts: pd.DataFrame) -> pd.DataFrame:
    f = facts[facts["value"].notna() & (facts["value"] > 0) & facts["scope"].isin(PLACE_SCOPES)
              & facts["status"].isin(("reported", "standard", "target"))]
    if "duplicate_of" in f:
        f = f[f["duplicate_of"].fillna("") == ""]
    site = f["scope"] == "site"
    return pd.DataFrame({
        "indicator": f["indicator"], "dimension": f["dimension"], "origin": "fact", "level": f["level"],
        "model_id": f["model_id"], "status": [status_of(s, p) for s, p in zip(f["status"], f["period"])],
        "place": [f"site:{c}:{s}" if st else c for c, s, st in zip(f["region_code"], f["site_en"], site)],
        "place_zh": f["site_zh"].where(site, f["region_zh"]), "place_en": f["site_en"].where(site, f["region_en"]),
        "value": f["value"], "low": f["value_low"].fillna(f["value"]), "high": f["value_high"].fillna(f["value"]),
        "unit": f["unit"], "qualifier": f["qualifier"], "as_of": f["as_of"].fillna(""),
        "fact_ids": f["fact_id"], "derived_ids": "",
    })


def _derived_rows(derived: pd.DataFrame, regions: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    if derived.empty:
        return pd.DataFrame()
    d = derived[~derived["flags"].str.contains("over_100|flow_over_stock")]
    lv = regions.set_index("region_code")["level"]
    zh = names.set_index("region_code")["region_zh"] if len(names) else pd.Series(dtype=str)
    en = names.set_index("region_code")["region_en"] if len(names) else pd.Series(dtype=str)
    return pd.DataFrame({
        "indicator": d["indicator"], "dimension": d["dimension"], "origin": "derived",
        "level": [lv.get(c, "") for c in d["region_code"]], "model_id": d["model_id"], "status": "reported",
        "place": d["region_code"], "place_zh": [zh.get(c, c) for c in d["region_code"]],
        "place_en": [en.get(c, c) for c in d["region_code"]], "value": d["value"],
        "low": d["value_low"].fillna(d["value"]), "high": d["value_high"].fillna(d["value"]), "unit": d["unit"],
        "qualifier": d["qualifier"], "as_of": d["as_of"].fillna(""),
        "fact_ids": ["|".join(x for x in s.split("|") if not x.startswith("regions:")) for s in d["inputs"]],
        "derived_ids": d["derived_id"],
    })


GROUP = ["indicator", "origin", "level", "model_id", "status"]


def _groups(rows: pd.DataFrame) -> list[tuple[tuple, list[dict]]]:
    """The rows of each (indicator, origin, level, model, status), groups in the order they first appear and
    rows by place (what ``groupby(GROUP, sort=False)`` then a stable sort by place gives, in one sort: a stable
    sort of all rows keeps each group's rows in the order sorting that group alone gives)."""
    order = {}
    for key in zip(*(rows[c] for c in GROUP)):
        if not any(pd.isna(k) for k in key):  # groupby leaves out a group whose key is missing
            order.setdefault(key, [])
    by_place = rows.sort_values(["place_en", "place"], kind="stable")
    for row in by_place.to_dict("records"):
        group = order.get(tuple(row[c] for c in GROUP))
        if group is not None:
            group.append(row)
    return list(order.items())


def _summary(key: tuple, g: list[dict]) -> dict:
    """One row of the level table from a group's rows (by place)."""
    def text(x):
        return "" if pd.isna(x) else x

    def present(column):
        return [float(r[column]) for r in g if not pd.isna(r[column])]

    dated = sorted(r["as_of"] for r in g if r["as_of"])
    values, lows, highs = present("value"), present("low"), present("high")
    return {
        "indicator": key[0], "dimension": g[0]["dimension"], "origin": key[1], "level": key[2],
        "model_id": key[3], "status": key[4], "n_places": len({r["place"] for r in g if not pd.isna(r["place"])}),
        "places_zh": "|".join(text(r["place_zh"]) for r in g), "places_en": "|".join(text(r["place_en"]) for r in g),
        "median": statistics.median(values) if values else float("nan"),
        "min": min(lows) if lows else float("nan"), "max": max(highs) if highs else float("nan"),
        "unit": g[0]["unit"], "qualifiers": "|".join(sorted({r["qualifier"] for r in g})),
        "as_of_first": dated[0] if dated else "", "as_of_last": dated[-1] if dated else "",
        "fact_ids": "|".join(x for r in g for x in r["fact_ids"].split("|") if x),
        "derived_ids": "|".join(r["derived_ids"] for r in g if r["derived_ids"]),
    }


def level_table(facts: pd.DataFrame, derived: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """``data/processed/level_comparison.csv`` from the tidy facts (with ``level`` and place names), the
    derived rows and regions.csv. One row per indicator, level, model and status."""
    names = facts[["region_code", "region_zh", "region_en"]].drop_duplicates("region_code")
    parts = [p for p in (_fact_rows(facts), _derived_rows(derived, regions, names)) if len(p)]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    rows = pd.concat(parts, ignore_index=True)
    rows = rows[rows["level"] != ""]
    # one figure per place: the latest (then the last id), so a place counts once
    rows = rows.sort_values(["as_of", "fact_ids"], kind="stable")
    rows = rows.drop_duplicates(["indicator", "origin", "level", "model_id", "status", "place"], keep="last")
    out = [_summary(key, g) for key, g in _groups(rows)]
    out = pd.DataFrame(out, columns=COLUMNS)
    out = out.assign(_l=out["level"].map(LEVEL_ORDER), _s=out["status"].map(STATUS_ORDER))
    out = out.sort_values(["indicator", "origin", "_l", "_s", "model_id"], kind="stable").drop(columns=["_l", "_s"])
    return out.reset_index(drop=True)
