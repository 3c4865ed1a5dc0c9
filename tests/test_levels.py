"""The level-matched comparison (helpers.data.levels): places set beside places of the same level, standards
apart from what was found, one figure per place."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.data.levels import level_table, status_of

COLS = ["fact_id", "model_id", "indicator", "dimension", "value", "value_low", "value_high", "qualifier", "status",
        "period", "scope", "as_of", "unit", "region_code", "region_zh", "region_en", "site_zh", "site_en",
        "duplicate_of", "level"]


def fact(fid, model, code, level, value, status="reported", period="point_in_time", scope="whole", as_of="2022",
         indicator="social_workers_per_station", q="exact", low=None, high=None, site=""):
    low = value if low is None and q == "exact" else low
    high = value if high is None and q == "exact" else high
    return [fid, model, indicator, "staffing", value, low, high, q, status, period, scope, as_of, "persons", code,
            f"地{code}", f"Place {code}", site and f"{site}站", site, "", "site" if scope == "site" else level]


def table(rows, derived=None, regions=None):
    facts = pd.DataFrame(rows, columns=COLS)
    derived = derived if derived is not None else pd.DataFrame(columns=["derived_id"])
    regions = regions if regions is not None else pd.DataFrame(columns=["region_code", "level"])
    return level_table(facts, derived, regions)


def test_two_places_of_one_model_at_different_levels_are_never_pooled():
    t = table([fact("a-01", "m", "1", "province", 3.0), fact("a-02", "m", "11", "county", 6.0),
               fact("a-03", "m", "12", "county", 4.0)])
    assert list(zip(t["level"], t["n_places"], t["median"])) == [("province", 1, 3.0), ("county", 2, 5.0)]
    assert t.loc[1, "places_en"] == "Place 11|Place 12" and t.loc[1, "fact_ids"] == "a-02|a-03"


def test_a_model_with_only_station_level_figures_appears_at_site_level_only():
    t = table([fact("s-01", "only_sites", "9", "county", 3.0, scope="site", site="A"),
               fact("s-02", "only_sites", "9", "county", 5.0, scope="site", site="B")])
    assert set(t["level"]) == {"site"} and t.loc[0, "n_places"] == 2
    assert t.loc[0, "places_en"] == "A|B" and (t.loc[0, "min"], t.loc[0, "max"]) == (3.0, 5.0)


@pytest.mark.parametrize("status,period", [("standard", "plan"), ("reported", "plan"), ("standard", "point_in_time")])
def test_standards_are_kept_apart_from_what_was_found(status, period):
    t = table([fact("a-01", "m", "1", "province", 5.5, status=status, period=period, q="range", low=3.0, high=8.0),
               fact("a-02", "m", "2", "province", 4.0)])
    assert set(t["status"]) == {"standard", "reported"}
    std = t.set_index("status").loc["standard"]
    assert (std["min"], std["max"], std["n_places"]) == (3.0, 8.0, 1)
    assert t.set_index("status").loc["reported", "median"] == 4.0  # the 3–8 requirement is not a finding


def test_one_figure_per_place_the_latest_and_no_part_or_duplicate():
    rows = [fact("a-01", "m", "1", "county", 2.0, as_of="2019"), fact("a-02", "m", "1", "county", 3.0, as_of="2023"),
            fact("a-03", "m", "1", "county", 9.0, scope="phase"), fact("a-04", "m", "1", "county", 7.0)]
    rows[3][18] = "a-02"  # a duplicate
    t = table(rows)
    assert len(t) == 1 and t.loc[0, "n_places"] == 1 and t.loc[0, "median"] == 3.0 and t.loc[0, "fact_ids"] == "a-02"


def test_derived_rows_carry_their_level_and_flagged_ones_stay_out():
    derived = pd.DataFrame({
        "derived_id": ["d001", "d002"], "indicator": ["workers_per_station"] * 2, "dimension": ["staffing"] * 2,
        "model_id": ["m", "m"], "region_code": ["11", "1"], "value": [2.0, 9.0], "value_low": [2.0, None],
        "value_high": [2.0, None], "unit": ["persons"] * 2, "qualifier": ["exact", "approx"], "as_of": ["2022"] * 2,
        "inputs": ["f-01|f-02", "f-03|regions:1:townships"], "flags": ["", "flow_over_stock"]})
    regions = pd.DataFrame({"region_code": ["1", "11"], "level": ["province", "county"]})
    t = table([fact("a-01", "m", "1", "province", 3.0)], derived, regions)
    d = t[t["origin"] == "derived"]
    assert list(d["level"]) == ["county"] and d.iloc[0]["fact_ids"] == "f-01|f-02"
    assert d.iloc[0]["derived_ids"] == "d001"


def test_status_of_reads_a_reported_plan_as_a_standard():
    assert status_of("reported", "plan") == "standard" and status_of("target", "plan") == "target"
