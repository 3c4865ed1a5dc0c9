"""helpers.pages.comparability: why figures may not be comparable, and the sentences per dimension."""

import fixture_trust
from fixture_panel import tables
from fixture_trust import with_facts as _trust

from helpers.pages import comparability, compare


def test_warnings_fire_for_levels_gaps_and_dates():
    rows = compare.model_rows(tables(), "stations_township", "en").table
    w = " | ".join(comparability.comparability_warnings(rows, "en"))
    assert "places at different levels" in w and "years differ" in w
    rows = compare.model_rows(tables(), "social_workers_stationed", "en").table
    w = comparability.comparability_warnings(rows, "en")
    assert any(x.startswith("no figure for the model's own region") for x in w)


def test_warnings_empty_only_when_all_alike():
    rows = compare.model_rows(tables(), "stations_township", "en", ["city"]).table
    assert comparability.comparability_warnings(rows, "en") == []


def test_dimension_sentences_name_the_local_evidence():
    s = comparability.dimension_sentences(tables(), ["social_workers_stationed"], "en", ["prov", "city"])
    assert "Prov: no province-wide figure found; local evidence only (Prov · County (county) · 2022-03, ≥ 20 persons)" \
        in s.sentences[0]
    assert "c-01" in s.fact_ids
    assert "cannot be ranked" in s.sentences[-1]


def test_dimension_sentences_do_not_set_an_earlier_phase_or_contradicting_cells_side_by_side():
    s = comparability.dimension_sentences(_trust(), ["stations_township", "coverage_township_pct"], "en", ["gd", "hn"])
    assert s.sentences[-2] == ("Not set side by side (a figure of an earlier phase, or cells that contradict each "
                               "other): Stations, Coverage.")
    assert "cannot be ranked" in s.sentences[-1]
    fine = comparability.dimension_sentences(_trust(fixture_trust.CURRENT_STATIONS), ["stations_township"], "en",
                                       ["gd", "hn"])
    assert fine.sentences[-1].startswith("Every model has a figure for: Stations")
