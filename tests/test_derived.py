"""Derived indicators against hand-computed expectations."""

import math

import pandas as pd
import pytest

from helpers.data.derived import Figure, derive, divide


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


def _facts(rows, scope="whole"):
    cols = ["fact_id", "model_id", "region_code", "indicator", "value", "value_low", "value_high",
            "qualifier", "status", "as_of", "period", "source_id"]
    df = pd.DataFrame(rows, columns=cols)
    df["scope"] = scope
    df["duplicate_of"] = ""
    df["purpose"] = ""
    return df


REGIONS = pd.DataFrame({
    "region_code": ["370200"], "population_2020": [1_000_000], "population_source_id": ["s_pop"],
    "townships": [100], "townships_as_of": ["2022-06-30"], "townships_source_id": ["s_town"],
})


def row(fid, ind, value, as_of, q="exact", status="reported", model="m", period="point_in_time", source=None):
    lo = value if q in ("exact", "at_least") else None
    hi = value if q == "exact" else None
    return [fid, model, "370200", ind, value, lo, hi, q, status, as_of, period, source or fid.split("-")[0]]


def test_derive_pairs_same_model_place_and_date_and_lists_inputs():
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, "2021", "at_least"),
        row("a-02", "stations_township", 150.0, "2021"),
        row("a-03", "stations_township", 90.0, "2019"),
        row("b-01", "stations_township", 10.0, "2021", model="other"),
    ])
    d = derive(facts, REGIONS)
    wps = d.set_index("indicator").loc["workers_per_station"]
    assert wps["inputs"] == "a-01|a-02" and wps["rule"] == "same_date"
    assert wps["value"] == 2.0 and wps["qualifier"] == "at_least" and wps["value_low"] == 2.0
    per10k = d.set_index("indicator").loc["workers_per_10k_residents"]
    assert per10k["value"] == pytest.approx(3.0) and per10k["qualifier"] == "at_least"
    assert per10k["inputs"] == "a-01|regions:370200:population_2020" and per10k["rule"] == "census_within_a_year"
    assert per10k["source_ids"] == "a|s_pop"
    cov = d[d["indicator"] == "coverage_rate"]
    # 2019 is more than a year before the township count (2022-06-30): not divided
    assert set(cov["inputs"]) == {"a-02|regions:370200:townships", "b-01|regions:370200:townships"}
    assert set(cov["rule"]) == {"township_count_within_a_year"}


def test_derive_skips_targets_missing_and_far_years():
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, "2022"),
        row("a-02", "stations_township", 150.0, "2019"),
        row("a-03", "stations_township", 200.0, "2022", status="target", period="plan"),
        [*row("a-04", "stations_township", None, "2022")[:4], None, None, None, "exact", "missing", "2022",
         "point_in_time", "a"],
    ])
    d = derive(facts, REGIONS)
    assert "workers_per_station" not in set(d["indicator"])
    assert "coverage_rate" not in set(d["indicator"])  # 2019 is too far from the 2022 township count


def test_census_denominator_only_within_a_year_of_the_census():
    facts = _facts([row("a-01", "social_workers_stationed", 300.0, "2023")])
    assert "workers_per_10k_residents" not in set(derive(facts, REGIONS)["indicator"])
    facts.loc[0, "as_of"] = "2021"
    assert "workers_per_10k_residents" in set(derive(facts, REGIONS)["indicator"])


def test_derive_flags_years_that_differ_within_a_year():
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, "2022-01"),
        row("a-02", "stations_township", 150.0, "2021-12"),
    ])
    d = derive(facts, REGIONS).set_index("indicator")
    assert d.loc["workers_per_station", "rule"] == "within_a_year"
    assert "years_differ" in d.loc["workers_per_station", "flags"]


def test_derive_never_divides_a_phase_site_or_subset():
    for scope in ("phase", "site", "subset"):
        facts = _facts([
            row("a-01", "social_workers_stationed", 300.0, "2022"),
            row("a-02", "stations_township", 47.0, "2022", period="annual"),
        ])
        facts.loc[1, "scope"] = scope
        assert "workers_per_station" not in set(derive(facts, REGIONS)["indicator"]), scope


def test_derive_never_divides_across_coverage():
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, "2022"),
        row("a-02", "stations_township", 150.0, "2022"),
    ])
    facts.loc[0, "scope"] = "programme"
    assert "workers_per_station" not in set(derive(facts, REGIONS)["indicator"])


def test_programme_figures_are_never_divided_by_the_whole_place():
    facts = _facts([row("a-01", "stations_township", 40.0, "2023")], scope="programme")
    assert "coverage_rate" not in set(derive(facts, REGIONS)["indicator"])


def test_workers_in_stations_and_points_are_divided_by_sites():
    facts = _facts([
        row("a-01", "social_workers_sites", 430.0, "2022-11"),
        row("a-02", "stations_township", 21.0, "2022-11"),
        row("a-03", "village_points", 108.0, "2022-11"),
    ])
    d = derive(facts, REGIONS).set_index("indicator")
    assert "workers_per_station" not in d.index  # never stations only
    assert d.loc["workers_per_site", "value"] == pytest.approx(430 / 129)
    assert d.loc["workers_per_site", "inputs"] == "a-01|a-02|a-03"


def test_coverage_over_100_is_flagged():
    facts = _facts([row("a-01", "stations_township", 138.0, "2023-03")])
    cov = derive(facts, REGIONS).set_index("indicator").loc["coverage_rate"]
    assert cov["value"] == pytest.approx(138.0) and "over_100" in cov["flags"]


def test_flow_over_stock_is_approximate():
    facts = _facts([
        row("a-01", "service_person_times", 100000.0, "2022", period="annual"),
        row("a-02", "social_workers_stationed", 20.0, "2022"),
    ])
    r = derive(facts, REGIONS).set_index("indicator").loc["person_times_per_worker"]
    assert r["qualifier"] == "approx" and "flow_over_stock" in r["flags"]


def test_duplicates_are_used_once_and_no_ratio_appears_twice():
    facts = _facts([
        row("a-01", "stations_township", 138.0, "2023-03"),
        row("b-01", "stations_township", 138.0, "2023-03"),
        row("c-01", "stations_township", 138.0, "2022-12"),
    ])
    facts.loc[1, "duplicate_of"] = "a-01"
    cov = derive(facts, REGIONS)
    cov = cov[cov["indicator"] == "coverage_rate"]
    assert len(cov) == 1 and cov.iloc[0]["inputs"].startswith("a-01")


def test_undated_pairs_only_from_one_source():
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, ""),
        row("b-01", "stations_township", 150.0, ""),
    ])
    assert "workers_per_station" not in set(derive(facts, REGIONS)["indicator"])
    facts.loc[1, "source_id"] = "a"
    d = derive(facts, REGIONS).set_index("indicator")
    assert d.loc["workers_per_station", "rule"] == "same_source_undated"


def test_funding_per_station_uses_all_purpose_money_only():
    facts = _facts([
        row("a-01", "funding_total", 5e7, "2017", period="annual"),
        row("a-02", "stations_township", 200.0, "2017"),
    ])
    facts.loc[0, "purpose"] = "salary"
    assert "funding_per_station_derived" not in set(derive(facts, REGIONS)["indicator"])
    facts.loc[0, "purpose"] = "all"
    assert "funding_per_station_derived" in set(derive(facts, REGIONS)["indicator"])
