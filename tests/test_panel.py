"""The provincial panel (helpers.pages.panel): province-wide figures only; local figures listed apart."""

from fixture_panel import tables

from helpers.pages import panel


def test_only_province_level_models_enter_the_panel():
    t = panel.panel_table(tables(), "en").table
    assert list(t["Model"]) == ["Prov"]


def test_panel_cells_hold_province_wide_figures_or_say_not_found():
    t = panel.panel_table(tables(), "en").table.iloc[0]
    assert t["Stations"] == "1,938 (2020) [p]"
    assert t["Stationed workers"].startswith("no province-wide figure found")  # the county's 20 is not used
    assert t["Funding per station (derived)"] == "not found"


def test_local_figures_are_listed_apart():
    shown = panel.local_figures(tables(), "en")
    assert "c-01" in shown.fact_ids and "p-03" not in shown.fact_ids


def test_knowledge_matrix_counts_province_wide_figures_per_dimension():
    m = panel.knowledge_matrix(tables(), "en")
    assert m.loc["Prov", "Coverage"] == 1  # stations only; the coverage goal is a target
    assert m.loc["Prov", "Targets"] == 1
    assert m.loc["Prov", "Staffing"] == 0 and m.loc["Prov", "Outputs"] == 0


def test_map_values_mark_provinces_without_a_figure():
    v = panel.map_values(tables(), "social_workers_stationed", "en").set_index("model_id")
    assert v.loc["prov", "category"] == "" and v.loc["prov", "region_code"] == "430000"
    v = panel.map_values(tables(), "stations_township", "en").set_index("model_id")
    assert v.loc["prov", "category"] != ""
