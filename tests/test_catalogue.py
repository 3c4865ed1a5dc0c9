"""The one indicator catalogue (helpers.pages.catalogue): the repository's catalogue is valid and whole, and a
role flipped in indicators.csv or in a derived ratio's entry puts the indicator on that page or takes it off."""

from __future__ import annotations

import dataclasses

import fixture_panel
import pandas as pd
import pytest

from helpers.data.check import schema_problems
from helpers.data.checks_catalogue import catalogue_problems
from helpers.data.schema import TABLES
from helpers.derived_indicators import DERIVED_INDICATORS
from helpers.pages import catalogue, compare, conclusions, panel, ranking, side_by_side
from helpers.paths import Project
from helpers.vocabulary import (
    ANSWERED_DIMENSIONS,
    ASPECTS,
    INDICATOR_ROLES,
)


@pytest.fixture(scope="module")
def raw_indicators() -> pd.DataFrame:
    path = Project.find().raw_file("indicators")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def data():
    return fixture_panel.tables()


def with_role(data, indicator: str, role: str, value: str):
    ind = data.indicators.copy()
    ind.loc[ind["indicator"] == indicator, role] = value
    return dataclasses.replace(data, indicators=ind)  # a new cache: nothing worked out on the old indicators


def with_derived(monkeypatch, indicator: str, **change):
    entries = tuple(dataclasses.replace(d, **change) if d.indicator == indicator else d for d in DERIVED_INDICATORS)
    monkeypatch.setattr(catalogue, "DERIVED_INDICATORS", entries)
    monkeypatch.setattr(catalogue, "DERIVED", {d.indicator: d for d in entries})


# --- the repository's catalogue ------------------------------------------------------------------------------

def test_the_catalogue_has_every_role_column_and_passes_its_checks(raw_indicators):
    assert set(INDICATOR_ROLES.values) <= set(raw_indicators.columns) <= set(TABLES["indicators"])
    assert schema_problems(raw_indicators, "indicators") == []
    assert catalogue_problems({"indicators": raw_indicators}) == []


def test_the_catalogue_puts_the_core_indicators_on_their_pages(raw_indicators):
    assert catalogue.coded(raw_indicators, "headline") == ("stations_township", "social_workers_stationed",
                                                           "funding_total", "service_person_times")
    assert catalogue.coded(raw_indicators, "station_level") == ("social_workers_per_station",)
    groups = dict(catalogue.aspect_groups(raw_indicators, "side_by_side"))
    assert list(groups) == list(ASPECTS) and groups["scale"][0] == "stations_township"
    assert [i for i, _ in catalogue.panel_columns(raw_indicators)][:3] == ["stations_township",
                                                                           "coverage_township_pct", "coverage_rate"]


def test_every_answered_dimension_has_measures_in_the_catalogue_order():
    for dim in ANSWERED_DIMENSIONS:
        assert conclusions.measures(dim), dim
    assert conclusions.measures("staffing")[:2] == ("workers_per_100k_residents", "workers_sites_per_100k_residents")


# --- reading ---------------------------------------------------------------------------------------------------

def test_coded_orders_by_position_filters_by_dimension_and_survives_a_missing_column():
    ind = pd.DataFrame({"indicator": ["a", "b", "c", "d"], "dimension": ["coverage", "staffing", "coverage", "funding"],
                        "profile": ["10", "2", "", "1"], "station_level": ["", "true", "", ""]})
    assert catalogue.coded(ind, "profile") == ("d", "b", "a")  # 10 after 2: numbers, not text
    assert catalogue.coded(ind, "profile", "coverage") == ("a",)
    assert catalogue.coded(ind, "station_level") == ("b",)
    assert catalogue.coded(ind.drop(columns=["station_level"]), "station_level") == ()
    assert catalogue.coded(ind, "small_multiple") == ()


def test_derived_reads_flags_in_declaration_order_and_positions_in_position_order():
    assert catalogue.derived("statistics")[:4] == ("workers_per_station", "workers_per_100k_residents",
                                                   "workers_sites_per_100k_residents", "coverage_rate")
    assert catalogue.derived("station_level") == ("workers_per_station", "workers_per_site",
                                                  "workers_per_township_covered")
    assert catalogue.derived("three_model", "coverage") == ("coverage_rate",)
    assert catalogue.derived_label("coverage_rate", "en", short=True) == "Coverage (stations / townships, derived)"
    assert catalogue.derived_label("funding_per_worker", "zh", short=True) == "每名社工资金(总额/驻站社工数)"
    assert catalogue.derived_label("stations_township", "en") is None


# --- a role flipped: the page shows or omits the indicator ---------------------------------------------------

def test_headline_role_flips_a_column_of_the_headline_table(data):
    before = list(compare.headline(data, "en").table.columns)
    assert "Total funding" in before and "Cases" not in before
    after = list(compare.headline(with_role(with_role(data, "cases", "headline", "9"), "funding_total", "headline", ""),
                                  "en").table.columns)
    assert "Total funding" not in after and after[-1] == "Cases"


def test_side_by_side_role_flips_a_row_under_its_aspect(data):
    ids = list(data.models["model_id"])
    rows = side_by_side.side_by_side(data, ids, "en").table
    assert "Points" in set(rows["Measure"])
    rows = side_by_side.side_by_side(with_role(data, "village_points", "side_by_side", ""), ids, "en").table
    assert "Points" not in set(rows["Measure"])
    rows = side_by_side.side_by_side(with_role(data, "cases", "side_by_side", ""), ids, "en").table
    assert list(rows.loc[rows["Measure"] == "Person-times", "Dimension"]) == ["Outputs"] and "Cases" not in set(
        rows["Measure"])


def test_panel_role_flips_a_column_of_the_panel_for_coded_and_derived(data, monkeypatch):
    cols = list(panel.panel_table(data, "en").table.columns)
    assert cols[1:4] == ["Stations", "Coverage", "Coverage (stations / townships, derived)"]
    cols = list(panel.panel_table(with_role(data, "cases", "panel", "99"), "en").table.columns)
    assert cols[-1] == "Cases"
    cols = list(panel.panel_table(with_role(data, "stations_township", "panel", ""), "en").table.columns)
    assert "Stations" not in cols
    with_derived(monkeypatch, "coverage_rate", panel=None)
    cols = list(panel.panel_table(data, "en").table.columns)
    assert "Coverage (stations / townships, derived)" not in cols and cols[1:3] == ["Stations", "Coverage"]


def test_panel_local_role_chooses_the_local_figures(data):
    assert "c-01" in panel.local_figures(data, "en").fact_ids  # a county's stationed workers
    assert "c-01" not in panel.local_figures(with_role(data, "social_workers_stationed", "panel_local", ""),
                                             "en").fact_ids


def test_rankable_false_keeps_a_ratio_out_of_every_ranking(data, monkeypatch):
    d = pd.DataFrame({"indicator": ["workers_per_station", "coverage_rate"], "model_id": ["prov", "prov"],
                      "region_code": ["430000", "430000"], "flags": ["", ""], "inputs": ["p-02", "p-02"]})
    assert list(ranking.rankable(d, data.models)["indicator"]) == ["workers_per_station", "coverage_rate"]
    with_derived(monkeypatch, "workers_per_station", rankable=False)
    assert list(ranking.rankable(d, data.models)["indicator"]) == ["coverage_rate"]


def test_dimension_page_role_flips_a_measure_of_the_paragraph(data, monkeypatch):
    assert "workers_per_station" in conclusions.paragraph(data, "staffing", "en").cases
    with_derived(monkeypatch, "workers_per_station", dimension_page=False)
    assert "workers_per_station" not in conclusions.paragraph(data, "staffing", "en").cases
    with_derived(monkeypatch, "workers_per_station", statistics=None)
    assert "workers_per_station" not in catalogue.derived("statistics")


def _html(blocks) -> str:
    return " ".join(b.html for b in blocks if b is not None)


def test_three_model_role_flips_a_row_of_the_gaps_table_and_a_ratio_of_the_per_unit_table(data, monkeypatch):
    from helpers.pages.report import Report
    from helpers.pages.views import three

    ids = list(data.models["model_id"])
    n = len([i for _, g in catalogue.aspect_groups(data.indicators, "three_model") for i in g])
    assert f"Of {n} core indicators" in _html(three.gaps(Report(data, "en", model_ids=ids)))
    flipped = Report(with_role(data, "cases", "three_model", ""), "en", model_ids=ids)
    assert f"Of {n - 1} core indicators" in _html(three.gaps(flipped))
    assert "Stations per 100 townships (coverage)" in _html(three.per_unit(Report(data, "en", model_ids=ids)))
    with_derived(monkeypatch, "coverage_rate", three_model=False)
    assert "Stations per 100 townships (coverage)" not in _html(three.per_unit(Report(data, "en", model_ids=ids)))


def test_profile_role_flips_a_chart_of_against_the_other_models(data):
    from helpers.pages.report import Report
    from helpers.pages.views import profile

    def figures(d):
        return sum(1 for b in profile.position(Report(d, "en", model_id="city")) if "<figure" in b.html or "<img" in b.html)

    shown = figures(data)
    assert shown >= 1
    assert figures(with_role(data, "stations_township", "profile", "")) == shown - 1
