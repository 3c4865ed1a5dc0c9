"""Derived indicators against hand-computed expectations."""

import math

import pandas as pd
import pytest

from helpers.derived import Figure, derive, divide


def fig(v, lo, hi, q, ref="f"):
    return Figure(ref, v, lo, hi, q)


def test_exact_over_exact_is_exact():
    r = divide(fig(300, 300, 300, "exact"), fig(150, 150, 150, "exact"))
    assert (r.value, r.low, r.high, r.qualifier) == (2.0, 2.0, 2.0, "exact")


def test_lower_bound_numerator_stays_a_lower_bound():
    r = divide(fig(300, 300, None, "at_least"), fig(138, 138, 138, "exact"))
    assert r.qualifier == "at_least"
    assert math.isclose(r.low, 300 / 138) and r.high is None


def test_lower_bound_denominator_gives_an_upper_bound():
    r = divide(fig(300, 300, 300, "exact"), fig(100, 100, None, "at_least"))
    assert r.qualifier == "at_most" and math.isclose(r.high, 3.0) and r.low is None


def test_two_lower_bounds_bound_nothing():
    r = divide(fig(300, 300, None, "at_least"), fig(100, 100, None, "at_least"))
    assert r.qualifier == "approx" and r.low is None and r.high is None
    assert r.value == 3.0


def test_range_over_exact_is_a_range():
    r = divide(fig(2.5, 2, 3, "range"), fig(2, 2, 2, "exact"), scale=10)
    assert r.qualifier == "range" and (r.low, r.high) == (10.0, 15.0) and r.value == 12.5


def test_approx_input_makes_approx():
    r = divide(fig(1000, None, None, "approx"), fig(10, 10, 10, "exact"))
    assert (r.qualifier, r.low, r.high, r.value) == ("approx", None, None, 100.0)


def _facts(rows):
    cols = ["fact_id", "model_id", "region_code", "indicator", "value", "value_low", "value_high",
            "qualifier", "status", "as_of", "period", "source_id"]
    df = pd.DataFrame(rows, columns=cols)
    df["scope"] = "total"
    return df


REGIONS = pd.DataFrame({
    "region_code": ["370200"], "population_2020": [1_000_000], "population_source_id": ["s_pop"],
    "townships": [100], "townships_as_of": ["2023-06-30"], "townships_source_id": ["s_town"],
})


def test_derive_pairs_same_model_region_and_year_and_lists_inputs():
    facts = _facts([
        ["a-01", "m", "370200", "social_workers_stationed", 300.0, 300.0, None, "at_least", "reported", "2022", "point_in_time", "a"],
        ["a-02", "m", "370200", "stations_township", 150.0, 150.0, 150.0, "exact", "reported", "2022", "point_in_time", "a"],
        ["a-03", "m", "370200", "stations_township", 90.0, 90.0, 90.0, "exact", "reported", "2019", "point_in_time", "a"],
        ["b-01", "other", "370200", "stations_township", 10.0, 10.0, 10.0, "exact", "reported", "2022", "point_in_time", "b"],
    ])
    d = derive(facts, REGIONS).set_index("indicator")
    wps = d.loc["workers_per_station"]
    assert wps["inputs"] == "a-01|a-02"
    assert wps["value"] == 2.0 and wps["qualifier"] == "at_least" and wps["value_low"] == 2.0
    per10k = d.loc["workers_per_10k_residents"]
    assert per10k["value"] == pytest.approx(3.0) and per10k["qualifier"] == "at_least"
    assert per10k["inputs"] == "a-01|regions:370200:population_2020"
    assert per10k["source_ids"] == "a|s_pop"
    cov = d.loc["coverage_rate"]
    assert set(cov["inputs"]) == {"a-02|regions:370200:townships", "a-03|regions:370200:townships",
                                  "b-01|regions:370200:townships"}
    assert sorted(cov["value"]) == [10.0, 90.0, 150.0]


def test_derive_skips_targets_missing_and_far_years():
    facts = _facts([
        ["a-01", "m", "370200", "social_workers_stationed", 300.0, 300.0, 300.0, "exact", "reported", "2022", "point_in_time", "a"],
        ["a-02", "m", "370200", "stations_township", 150.0, 150.0, 150.0, "exact", "reported", "2019", "point_in_time", "a"],
        ["a-03", "m", "370200", "stations_township", 200.0, 200.0, 200.0, "exact", "target", "2022", "plan", "a"],
        ["a-04", "m", "370200", "stations_township", None, None, None, "exact", "missing", "2022", "point_in_time", "a"],
    ])
    d = derive(facts, REGIONS)
    assert "workers_per_station" not in set(d["indicator"])
    assert set(d["indicator"]) == {"workers_per_10k_residents", "coverage_rate"}


def test_derive_notes_when_years_differ():
    facts = _facts([
        ["a-01", "m", "370200", "social_workers_stationed", 300.0, 300.0, 300.0, "exact", "reported", "2022", "point_in_time", "a"],
        ["a-02", "m", "370200", "stations_township", 150.0, 150.0, 150.0, "exact", "reported", "2021", "point_in_time", "a"],
    ])
    d = derive(facts, REGIONS).set_index("indicator")
    assert "years differ" in d.loc["workers_per_station", "note"]
    assert list(derive(facts, REGIONS)["derived_id"]) == ["d001", "d002", "d003"]


def test_derive_never_divides_a_part():
    facts = _facts([
        ["a-01", "m", "370200", "social_workers_stationed", 300.0, 300.0, 300.0, "exact", "reported", "2022", "point_in_time", "a"],
        ["a-02", "m", "370200", "stations_township", 47.0, 47.0, 47.0, "exact", "reported", "2022", "annual", "a"],
    ])
    facts.loc[1, "scope"] = "part"
    assert "workers_per_station" not in set(derive(facts, REGIONS)["indicator"])
    facts.loc[1, "scope"] = ""
    assert "workers_per_station" not in set(derive(facts, REGIONS)["indicator"])
