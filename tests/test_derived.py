"""Derived indicators against hand-computed expectations."""

import math

import pandas as pd
import pytest

from helpers.data.derived import Figure, derive, divide, evaluate


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
    per10k = d.set_index("indicator").loc["workers_per_100k_residents"]
    assert per10k["value"] == pytest.approx(30.0) and per10k["qualifier"] == "at_least"
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
    assert "workers_per_100k_residents" not in set(derive(facts, REGIONS)["indicator"])
    facts.loc[0, "as_of"] = "2021"
    assert "workers_per_100k_residents" in set(derive(facts, REGIONS)["indicator"])


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


def test_programme_figures_over_the_whole_place_are_flagged():
    facts = _facts([row("a-01", "stations_township", 40.0, "2023")], scope="programme")
    cov = derive(facts, REGIONS).set_index("indicator").loc["coverage_rate"]
    assert "programme_over_place" in cov["flags"].split("|") and cov["scope"] == "programme"


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


# --- the traps of issue 20: each admission rule, broken by hand, turns one of these red ---

def _refused(facts):
    return evaluate(facts, REGIONS)[1]


def test_a_flow_over_a_growing_stock_uses_the_stocks_mean_over_the_year():
    facts = _facts([
        row("a-01", "funding_total", 2.49e9, "2021", period="annual"),
        row("a-02", "stations_township", 12000.0, "2020", period="cumulative"),   # end of 2020 = start of 2021
        row("a-03", "stations_township", 17000.0, "2021-12-31", period="cumulative"),
    ])
    facts["purpose"] = "all"
    r = derive(facts, REGIONS).set_index("indicator").loc["funding_per_station_derived"]
    assert r["value"] == pytest.approx(2.49e9 / 14500) and r["rule"] == "stock_mean"
    assert r["inputs"] == "a-01|a-02|a-03" and "flow_over_stock" not in r["flags"]
    # without the start of the year the end stock alone understates nothing honestly: flagged, approximate
    r = derive(facts[facts["fact_id"] != "a-02"], REGIONS).set_index("indicator").loc["funding_per_station_derived"]
    assert r["value"] == pytest.approx(2.49e9 / 17000) and r["qualifier"] == "approx"
    assert "flow_over_stock" in r["flags"] and r["value_low"] is None or pd.isna(r["value_low"])


def test_flow_over_stock_rows_are_never_ranked():
    from helpers.pages.ranking import rankable
    facts = _facts([
        row("a-01", "service_person_times", 100000.0, "2022", period="annual"),
        row("a-02", "social_workers_stationed", 20.0, "2022"),
    ])
    d = derive(facts, REGIONS)
    models = pd.DataFrame({"model_id": ["m"], "region_code": ["370200"]})
    assert "person_times_per_worker" in set(d["indicator"])
    assert "person_times_per_worker" not in set(rankable(d, models)["indicator"])


def test_a_cumulative_count_is_never_divided_by_a_point_in_time_count():
    facts = _facts([
        row("a-01", "service_person_times", 210000.0, "", "at_least", period="cumulative"),
        row("a-02", "social_workers_stationed", 300.0, "", "at_least"),
    ])
    assert "person_times_per_worker" not in set(derive(facts, REGIONS)["indicator"])
    ref = _refused(facts).set_index("indicator")
    assert ref.loc["person_times_per_worker", "reason"] == "cumulative_over_stock"
    assert ref.loc["person_times_per_1k_residents", "reason"] == "cumulative_over_stock"


def test_cumulative_totals_divide_only_totals_of_the_same_source_and_date():
    facts = _facts([
        row("a-01", "funding_total", 20819400.0, "2022-03", period="cumulative"),
        row("a-02", "service_person_times", 61970.0, "2022-03", period="cumulative"),
        row("a-03", "stations_township", 65.0, "2022-03"),
    ])
    facts["source_id"] = "a"
    facts["purpose"] = "all"
    d = derive(facts, REGIONS).set_index("indicator")
    assert d.loc["yuan_per_person_time", "value"] == pytest.approx(20819400 / 61970)
    assert d.loc["yuan_per_person_time", "rule"] == "same_period"
    assert "funding_per_station_derived" not in d.index  # a total over years ÷ stations at one date
    facts.loc[1, "source_id"] = "b"  # another source's total may start elsewhere
    assert "yuan_per_person_time" not in set(derive(facts, REGIONS)["indicator"])
    assert _refused(facts).set_index("indicator").loc["yuan_per_person_time", "reason"] == "periods_differ"
    facts.loc[1, "source_id"] = "a"
    facts.loc[1, "period"] = "annual"  # a year's person-times against a multi-year total
    assert "yuan_per_person_time" not in set(derive(facts, REGIONS)["indicator"])


def test_a_census_more_than_a_year_away_is_refused_with_its_reason():
    facts = _facts([row("a-01", "social_workers_stationed", 300.0, "2022", "at_least")])
    assert "workers_per_100k_residents" not in set(derive(facts, REGIONS)["indicator"])
    assert _refused(facts).set_index("indicator").loc["workers_per_100k_residents", "reason"] == "census_far"


def test_a_years_flow_per_resident_and_a_programme_per_resident():
    facts = _facts([row("a-01", "service_person_times", 50000.0, "2021", period="annual")])
    r = derive(facts, REGIONS).set_index("indicator").loc["person_times_per_1k_residents"]
    assert r["value"] == pytest.approx(50.0) and r["rule"] == "census_within_a_year"
    facts = _facts([row("a-01", "social_workers_stationed", 1700.0, "2020", "at_least")], scope="programme")
    r = derive(facts, REGIONS).set_index("indicator").loc["workers_per_100k_residents"]
    assert r["value"] == pytest.approx(170.0) and r["qualifier"] == "at_least"
    assert "programme_over_place" in r["flags"]


@pytest.mark.parametrize("status,period", [("standard", "plan"), ("reported", "plan"), ("target", "plan"),
                                           ("standard", "point_in_time")])
def test_a_standard_never_enters_a_ratio(status, period):
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, "2022", status=status, period=period),
        row("a-02", "stations_township", 100.0, "2022"),
    ])
    d = derive(facts, REGIONS)
    assert "workers_per_station" not in set(d["indicator"])
    assert "workers_per_100k_residents" not in set(d["indicator"])


def test_inputs_of_different_phases_are_never_divided():
    facts = _facts([
        row("a-01", "social_workers_stationed", 300.0, "2022"),
        row("a-02", "stations_township", 100.0, "2022"),
    ])
    facts["phase"] = ["p1", "p2"]
    assert "workers_per_station" not in set(derive(facts, REGIONS)["indicator"])
    assert _refused(facts).set_index("indicator").loc["workers_per_station", "reason"] == "phase_differs"
    facts["phase"] = ["p2", "p2"]
    assert derive(facts, REGIONS).set_index("indicator").loc["workers_per_station", "value"] == 3.0


def test_lower_bounds_over_lower_bounds_are_not_lower_bounds():
    # Qingdao: 21万余人次 ÷ 300多人 ≈ 700, but neither end is bounded
    r = divide(fig(210000, 210000, None, "at_least"), fig(300, 300, None, "at_least"))
    assert r.value == pytest.approx(700) and r.qualifier == "approx" and r.low is None and r.high is None
    # exact over a lower bound is an upper bound (74 workers ÷ at least 12 stations: at most 6.2)
    r = divide(fig(74, 74, 74, "exact"), fig(12, 12, None, "at_least"))
    assert r.qualifier == "at_most" and r.high == pytest.approx(74 / 12)
    # a lower bound over an exact count stays a lower bound (≥1700 ÷ 126 million residents)
    r = divide(fig(1700, 1700, None, "at_least"), fig(126012510, 126012510, 126012510, "exact"), 100_000)
    assert r.qualifier == "at_least" and r.low == pytest.approx(1.349, abs=1e-3)


def test_unspecified_money_is_admitted_with_a_flag():
    facts = _facts([
        row("a-01", "funding_total", 1e6, "2022", period="annual"),
        row("a-02", "service_person_times", 5000.0, "2022", period="annual"),
    ])
    facts["purpose"] = ["unspecified", ""]
    r = derive(facts, REGIONS).set_index("indicator").loc["yuan_per_person_time"]
    assert r["value"] == 200 and r["rule"] == "same_period" and "purpose_unstated" in r["flags"]


def test_a_blank_phase_is_read_from_the_dates_of_the_models_phases():
    facts = _facts([
        row("a-01", "social_workers_stationed", 1700.0, "2020-12"),
        row("a-02", "stations_township", 407.0, "2021-06"),   # within a year, but in the next phase
    ])
    phases = pd.DataFrame({"phase_id": ["p1", "p2"], "model_id": ["m", "m"], "start": ["2017", "2021"],
                           "end": ["2020", ""]})
    assert "workers_per_station" in set(derive(facts, REGIONS)["indicator"])  # no phases: the date rule alone
    assert "workers_per_station" not in set(derive(facts, REGIONS, phases=phases)["indicator"])
    assert evaluate(facts, REGIONS, phases=phases)[1].set_index("indicator").loc[
        "workers_per_station", "reason"] == "phase_differs"


def test_an_undated_figure_is_never_set_against_the_census_and_says_so():
    facts = _facts([row("a-01", "stations_township", 242.0, "")])
    assert "coverage_rate" not in set(derive(facts, REGIONS)["indicator"])
    assert _refused(facts).set_index("indicator").loc["coverage_rate", "reason"] == "undated"


def test_workers_in_stations_and_points_per_resident_are_their_own_measure():
    facts = _facts([row("a-01", "social_workers_sites", 1700.0, "2020", "at_least")], scope="programme")
    d = derive(facts, REGIONS).set_index("indicator")
    assert "workers_per_100k_residents" not in d.index  # never mixed with stationed workers
    assert d.loc["workers_sites_per_100k_residents", "value"] == pytest.approx(170.0)
