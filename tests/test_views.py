"""The report sections (helpers.pages.views.*) on the small processed project of tests/fixture_panel.py: the
headings speak the page's language, tables carry the promised columns and the right figure per model, and a
model or indicator without a figure gets a sentence that says so, not an empty chart."""

from __future__ import annotations

import dataclasses
import html
import io
import re

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import fixture_panel

from helpers.pages import catalogue
from helpers.pages.report import Report
from helpers.pages.views import (
    common,
    dataquality,
    dimension,
    overview,
    profile,
    provinces,
    statistics,
    three,
)

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def data():
    return fixture_panel.tables()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


def zh(data, **params):
    return Report(data, "zh", **params)


def en(data, **params):
    return Report(data, "en", **params)


def heading(block) -> str:
    m = re.fullmatch(r"<h(\d)(?: id=\"[^\"]*\")?>(.*)</h\1>", block.html)
    assert m, f"not a heading: {block.html[:80]}"
    return m.group(2)


def table(block) -> pd.DataFrame:
    return pd.read_html(io.StringIO(block.html))[0]


def text(blocks) -> str:
    return " ".join(b.html for b in blocks)


def words(blocks) -> str:
    """What a reader sees: the blocks' text without tags (and without the data a chart or table carries)."""
    shown = re.sub(r"<script[^>]*>.*?</script>", " ", text(blocks), flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", shown))


def kinds(blocks) -> list[str]:
    """Each block as h1/h2/p/table/figure/gap/warn, to check what a section shows and in which order."""
    out = []
    for b in blocks:
        h = b.html
        if h.startswith("<h"):
            out.append(h[1:3])
        elif 'class="wb-gap"' in h[:30]:
            out.append("gap")
        elif 'class="wb-warn"' in h[:30]:
            out.append("warn")
        elif "<img" in h:
            out.append("figure")
        elif "<table" in h:
            out.append("table")
        else:
            out.append("p")
    return out


# -- overview ----------------------------------------------------------------------------------------------

def test_overview_title_is_chinese_on_chinese_pages_and_english_on_english_ones(data):
    assert heading(overview.title(zh(data))[0]) == "乡镇(街道)社工站模式总览"
    assert not LATIN.search(words(overview.title(zh(data))))
    assert heading(overview.title(en(data))[0]).startswith("Township social work station models")


def test_typology_lists_every_model_with_its_design_columns(data):
    blocks = overview.typology(en(data))
    assert heading(blocks[0]) == "Typology"
    df = table(blocks[1])
    assert list(df.columns) == ["Model", "Level", "Launch year", "Operating mode", "Tiers", "Framework", "Coverage"]
    assert sorted(df["Model"]) == ["City model", "Province model"]


def test_headline_takes_the_newest_whole_region_figure_and_states_gaps(data):
    df = table(overview.headline(en(data))[-1]).set_index("Model")
    assert list(df.columns) == ["Stations", "Stationed workers", "Total funding", "Person-times"]
    # not the phase-1 count (200), not the older 1940 or its duplicate: the 2020 whole-province figure
    assert df.loc["Province model", "Stations"] == "1,938 (2020)"
    # the county's 20 workers do not stand for the province
    assert df.loc["Province model", "Stationed workers"].startswith("no province-wide figure found")
    # the pooled whole-city fund, not the one-fund subset
    assert df.loc["City model", "Total funding"] == "350 million CNY"


def test_timeline_has_launch_years_and_the_coverage_target(data):
    ev, facts = overview.timeline_events(en(data))
    assert sorted(map(tuple, ev[["label", "year", "kind"]].values.tolist())) == [
        ("City", 2021, "launch"), ("Prov", 2018, "launch"), ("Prov", 2025, "target")]
    assert list(facts["fact_id"]) == ["p-04"]
    assert kinds(overview.timeline(zh(data))) == ["h2", "figure"]


def test_stations_section_is_a_chart_warnings_and_local_evidence(data):
    blocks = overview.stations(en(data))
    assert kinds(blocks) == ["h2", "figure", "warn", "table"]
    assert "places at different levels" in blocks[2].html


# -- common ------------------------------------------------------------------------------------------------

def test_indicator_without_own_region_figures_says_so_and_names_the_silent_model(data):
    blocks = common.indicator_chart(en(data), "cases")
    assert "figure" not in kinds(blocks)
    assert "Cases: no model has a figure for its own region." in blocks[0].html
    # the caveats under one heading, said once; the model with no figure at all in a box the reader opens
    assert blocks[1].html.count("Comparability warnings") == 1 and "<li>" in blocks[1].html
    assert blocks[2].html.startswith('<details class="wb-gap"><summary>Models with no figure at all, own region or '
                                     'local (1)</summary>City</details>')  # Prov has a site figure
    assert "Local evidence" in blocks[-1].html


def test_indicator_nobody_reports_draws_nothing(data):
    assert common.indicator_chart(en(data), "village_points", model_ids=["prov"]) == []


def test_derived_chart_shows_bars_and_the_lineage_table(data):
    blocks = common.derived_chart(en(data), "workers_per_site")
    assert kinds(blocks) == ["figure", "table"]
    assert "inputs and the rule" in blocks[1].html
    assert common.derived_chart(en(data), "workers_per_site", model_ids=["prov"]) == []


# -- dimension ---------------------------------------------------------------------------------------------

def test_dimension_compares_only_indicators_two_models_report(data):
    r = en(data)
    assert dimension.indicators_of(r, "coverage") == ["stations_township"]
    assert dimension.indicators_of(r, "staffing") == []
    assert heading(dimension.title(zh(data, dimension="staffing"))[0]) == "维度比较:人员配置"


def test_dimension_without_ratios_or_shared_indicators_says_so(data):
    blocks = dimension.normalised(zh(data, dimension="funding"))
    assert kinds(blocks) == ["h2", "gap"] and "不足以计算" in blocks[1].html
    blocks = dimension.all_figures(en(data, dimension="staffing"))
    assert kinds(blocks) == ["h2", "gap", "table"]
    assert blocks[1].html.endswith("Stationed workers, Workers in stations and points</div>")
    assert "Staffing: 2 figures" in blocks[2].html


# -- profile -----------------------------------------------------------------------------------------------

def test_profile_title_names_the_model_and_tells_what_is_not_found(data):
    blocks = profile.title(en(data, model_id="prov"))
    assert heading(blocks[0]) == "Model profile: Province model"
    info = table(blocks[2]).set_index("Summary")["Value"]
    assert info["Level"] == "province" and info["Launch year"] == "2018"
    assert info["Supervision and evaluation"] == "not found"


def test_profile_figures_say_which_dimensions_have_no_figure(data):
    blocks = profile.figures(zh(data, model_id="city"))
    assert kinds(blocks) == ["h2", "table", "table", "table", "gap", "gap"]
    assert blocks[4].html == '<div class="wb-gap">服务产出: 来源中没有该维度的数字。</div>'
    assert "目标: 来源中没有该维度的数字。" in blocks[5].html


def test_profile_position_highlights_the_model_and_ranks_its_ratio(data):
    blocks = profile.position(en(data, model_id="city"))
    assert "Stations: City highlighted in orange" in blocks[1].html
    assert "rank 1 of 1 models" in blocks[-1].html


# -- three models ------------------------------------------------------------------------------------------

def test_three_models_title_and_gap_count(data):
    r = en(data, model_ids=["prov", "city"])
    assert heading(three.title(r)[0]) == "Models compared: Prov · City"
    assert heading(three.title(zh(data, model_ids=["prov", "city"]))[0]) == "模式比较:某省 · 某市"
    gaps = three.gaps(r)
    assert "Of 8 core indicators, 11 model-indicator cells (69%)" in gaps[1].html
    assert list(table(gaps[2]).columns) == ["Indicator", "Prov", "City"]


# -- data quality ------------------------------------------------------------------------------------------

def test_data_quality_counts_and_conflicts(data):
    r = en(data)
    assert "12 figures from 4 sources on 2 models; 0 of them lost their digits" in dataquality.title(r)[1].html
    conflicts = dataquality.conflicts(r)
    assert "2 conflicting pair(s)" in conflicts[-1].html
    assert "<tbody></tbody>" in dataquality.lost(r)[-1].html  # nothing is lost in this project
    assert "<figcaption><b>4</b>" in dataquality.source_list(r)[-1].html


# -- provinces ---------------------------------------------------------------------------------------------

def test_province_panel_holds_province_models_only_and_local_figures_apart(data):
    r = en(data)
    assert "sets 1 province-level models side by side" in provinces.title(r)[1].html
    panel = table(provinces.panel_table(r)[-1])
    assert list(panel["Model"]) == ["Prov"] and panel.loc[0, "Stations"] == "1,938 (2020) [p]"
    local = table(provinces.local(r)[-1])
    assert "Prov · County (county) · 2022-03" in set(local["Place (level)"])


# -- statistics --------------------------------------------------------------------------------------------

def test_statistics_with_too_few_points_says_so_instead_of_fitting(data):
    assert heading(statistics.title(zh(data))[0]) == "统计分析(小样本)"
    blocks = statistics.trend(en(data), "stations_township")
    assert kinds(blocks) == ["gap"] and "only 0 dated figure(s); too few to fit a trend." in blocks[0].html
    blocks = statistics.ratios(en(data))
    assert kinds(blocks) == ["h2", "gap"] and "Fewer than 3 models" in blocks[1].html
    assert "n is too small" in blocks[1].html


# -- phases, standards, reliability and consistency (tests/fixture_trust.py) ----------------------------------------

@pytest.fixture(scope="module")
def trust():
    import fixture_trust
    return fixture_trust.tables()


def drawn(blocks) -> set[str]:
    """The fact ids every chart in ``blocks`` draws (the figure's data-fact-ids)."""
    return {x for b in blocks for ids in re.findall(r'<figure class="wb-figure"[^>]* data-fact-ids="([^"]*)"', b.html)
            for x in ids.split()}


STANDARDS = {"gu-01", "hp-03"}


@pytest.mark.parametrize("aspect", ["scale", "staffing", "funding", "outputs"])
def test_no_chart_of_the_three_model_report_draws_a_standard(trust, aspect):
    blocks = three.aspect(en(trust, model_ids=["gd", "hn"]), aspect)
    assert not drawn(blocks) & STANDARDS


def test_three_model_staffing_lists_the_standards_in_a_table_of_their_own(trust):
    blocks = three.aspect(en(trust, model_ids=["gd", "hn"]), "staffing")
    assert drawn(blocks) == {"go-01"}  # the official page's figure, not the mirror's, and no standard
    standards = [b for b in blocks if "what was required (standards)" in b.html]
    assert len(standards) == 1 and kinds(standards) == ["table"]
    df = table(standards[0])
    assert list(df["Required"]) == ["3–8 persons (standard) †", "2–3 persons (standard)"]
    assert "† from a copy on an unrelated site or a page of unknown origin; check the original." in standards[0].html
    zh_blocks = three.aspect(zh(trust, model_ids=["gd", "hn"]), "staffing")
    assert any("规定了什么(标准)" in b.html for b in zh_blocks)


def test_three_model_scale_chart_marks_the_mirror_and_the_disagreement(trust):
    blocks = three.aspect(en(trust, model_ids=["gd", "hn"]), "scale")
    charts = [b for b in blocks if "<img" in b.html]
    assert "gm-01" in charts[0].html and "check the original" in charts[0].html  # 407 rests on a mirror
    text = words(blocks)
    assert "is an earlier phase's figure, shown as history, not as the model's current figure" in text
    assert "stations ÷ coverage imply 407 townships" in text


def test_three_model_scale_chart_shows_the_earlier_phase_beside_the_current_one(trust):
    import fixture_trust
    data = fixture_trust.tables(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS)
    blocks = three.aspect(en(data, model_ids=["gd", "hn"]), "scale")
    first = next(b for b in blocks if "<img" in b.html)
    assert set(first.html.split('data-fact-ids="')[1].split('"')[0].split()) == {"go-02", "gm-01", "hp-01"}
    assert "imply" not in words(blocks)  # 1611 stations agree with 1611 townships


def test_dimension_report_lists_standards_and_never_draws_them(trust):
    blocks = dimension.raw(en(trust, dimension="staffing"))
    assert not drawn(blocks) & STANDARDS
    assert "Staffing: what was required (standards), not what was achieved" in text(blocks)
    assert "what was required" not in text(dimension.raw(en(trust, dimension="funding")))  # no standards: no table


def test_data_quality_counts_headline_cells_by_reliability_and_lists_disagreements(trust):
    r = en(trust)
    blocks = dataquality.reliability(r)
    counts = table(blocks[2]).set_index("Model")
    assert counts.loc["Guang", "a copy on an unrelated site"] == 2  # 407 and 100 %
    assert counts.loc["Guang", "a government or party body's own site or document"] == 1
    assert counts.loc["Guang", "Total"] == 4 and counts.loc["Xiang", "Total"] == 2
    listed = table(blocks[3])
    assert sorted(listed["Figure"]) == ["100% †", "407 †"]
    blocks = dataquality.consistency(r)
    assert "1 model(s) whose stations, coverage and township count disagree" in blocks[-1].html
    assert list(table(blocks[-1])["Model"]) == ["Guang"]
    assert not LATIN.search(re.sub(r"\[[a-z0-9_]+\]|[a-z]+-\d+|comparison\.csv|regions\.csv", "",
                                   words(dataquality.consistency(zh(trust))[:2])))
    import fixture_trust
    fine = fixture_trust.tables(fixture_trust.FACTS + fixture_trust.CURRENT_STATIONS)
    assert kinds(dataquality.consistency(en(fine))) == ["h2", "p", "gap"]


def test_profile_says_cells_that_disagree_are_not_ranked(trust):
    blocks = profile.position(en(trust, model_id="gd"))
    assert not re.search(r"rank \d", words(blocks))
    assert "they are not ranked" in words(blocks)


def test_profile_lists_the_phases_and_marks_the_current_one(trust):
    blocks = profile.phases(en(trust, model_id="gd"))
    assert kinds(blocks) == ["h2", "p", "table"]
    df = table(blocks[2])
    assert list(df["Phase"]) == ["Plan phase · 2017–2020", "Project phase · since 2021 (current phase)"]
    assert list(df["What changed"]) == ["stations in two batches", "full coverage"]
    assert profile.phases(en(trust, model_id="hn")) == []
    assert "工程期 · 2021年起 (当前阶段)" in profile.phases(zh(trust, model_id="gd"))[2].html


def test_whole_country_beside_regions_is_not_drawn_on_one_axis(data):
    rows = pd.DataFrame({"status": ["reported", "reported", "gap"], "level": ["national", "province", "county"]})
    assert common.mixes_country_and_regions(rows, "stations_township", en(data))
    assert not common.mixes_country_and_regions(rows, "coverage_township_pct", en(data))  # a share may
    assert not common.mixes_country_and_regions(rows.iloc[1:], "stations_township", en(data))


def test_raw_counts_of_places_at_different_levels_carry_their_population(data):
    rows = pd.DataFrame({"status": ["reported", "reported"], "level": ["province", "prefecture"],
                         "label": ["Prov (2020)", "City (2023-03)"], "region_code": ["430000", "370200"]})
    r = en(data)
    regions = data.regions.copy()
    regions["population_2020"] = pd.array([{"430000": 66444864, "370200": 10071722}.get(c) for c in
                                           regions["region_code"]], dtype="Int64")
    r.data = dataclasses.replace(data, regions=regions)  # its own cache: results of the old regions are not kept
    labels = list(common.with_population(rows, "stations_township", r)["label"])
    assert labels == ["Prov (2020) · 66,444,864 residents", "City (2023-03) · 10,071,722 residents"]
    assert list(common.with_population(rows, "coverage_township_pct", r)["label"]) == list(rows["label"])


def test_three_models_per_unit_table_lists_own_region_ratios_and_marks_the_unranked(data):
    blocks = three.per_unit(en(data, model_ids=["prov", "city"]))
    assert kinds(blocks)[:3] == ["h2", "p", "table"]
    df = table(blocks[2]).set_index("Measure")
    assert df.loc["Social workers per site (stations + village points)", "City"] == "2 persons (2023-03)"
    assert df.loc["Stations per 100 townships (coverage)", "City"].endswith("(not ranked)")  # 138 of 134
    assert "None of these models has" in blocks[-1].html  # the measures nobody has, named once
    zh_blocks = three.per_unit(zh(data, model_ids=["prov", "city"]))
    assert not LATIN.search(re.sub(r"\[[^]]*\]", "", words(zh_blocks[:3]).replace("2023-03", "")))


def test_three_models_answers_one_paragraph_per_dimension_in_both_languages(data):
    for r, names in ((en(data, model_ids=["prov", "city"]), ("Staffing", "Coverage", "Funding", "Outputs")),
                     (zh(data, model_ids=["prov", "city"]), ("人员配置", "覆盖", "资金投入", "服务产出"))):
        blocks = three.answers(r)
        assert heading(blocks[0]) in ("What the data can answer", "数据能回答什么")
        assert len(blocks) == 5 and [b.html.split(">", 1)[1].split(":")[0] for b in blocks[1:]] == list(names)


def test_three_models_station_level_labels_what_was_found_and_says_it_is_a_sample(data):
    blocks = three.station_level(en(data, model_ids=["prov", "city"]))
    assert heading(blocks[0]) == "Level-matched: staffing per station"
    assert "a sample of named places, not a whole region" in blocks[1].html
    assert "Prov: no per-station staffing figure" in blocks[1].html
    df = table(blocks[2])
    assert list(df["Status"]) == ["as found"] and list(df["Level"]) == ["prefecture"]


def test_dimension_page_leads_with_its_generated_paragraph(data):
    blocks = dimension.conclusion(en(data, dimension="staffing"))
    assert kinds(blocks) == ["h2", "warn"] and "Social workers per site" in blocks[1].html
    assert kinds(dimension.conclusion(zh(data, dimension="staffing"))) == ["h2", "warn"]


def test_statistics_ratio_spread_says_n_for_every_ratio(data):
    blocks = statistics.ratio_spread(en(data))
    assert len([b for b in blocks if re.match(r"<h2[ >]", b.html)]) == len(catalogue.derived("statistics"))
    assert words(blocks).count("n is too small") == len(catalogue.derived("statistics"))
    blocks = statistics.ratio_trend(en(data))
    assert kinds(blocks) == ["h2", "gap"] and "Only 0 dated national ratio(s)" in blocks[1].html


def test_statistics_names_a_ratio_nobody_has_in_words(data):
    blocks = statistics.ratios(zh(data), "funding_per_resident")
    assert heading(blocks[0]) == "跨模式比率:人均资金(元/常住人口)"


def test_dimension_level_matched_shows_only_levels_two_models_share(data):
    blocks = dimension.level_matched(en(data, dimension="staffing"))
    assert heading(blocks[0]) == "Level-matched comparison"
    assert kinds(blocks) == ["h2", "gap"]  # in the fixture only City has a staffing ratio
    assert "At no level do two or more models" in blocks[1].html


def test_dimension_level_matched_sets_two_models_side_by_side_with_standards_labelled(data):
    lc = pd.DataFrame({
        "indicator": ["workers_per_station", "workers_per_station", "social_workers_per_station",
                      "social_workers_per_station", "workers_per_site"],
        "dimension": ["staffing"] * 5, "origin": ["derived", "derived", "fact", "fact", "derived"],
        "level": ["county", "county", "site", "site", "prefecture"], "model_id": ["prov", "city", "prov", "city", "city"],
        "status": ["reported", "reported", "standard", "reported", "reported"], "n_places": [2, 1, 1, 1, 1],
        "places_zh": ["甲|乙", "丙", "丁站", "戊站", "某市"], "places_en": ["A|B", "C", "D station", "E station", "City"],
        "median": [2.0, 3.0, 5.5, 3.0, 2.0], "min": [1.0, 3.0, 3.0, 3.0, 2.0], "max": [3.0, 3.0, 8.0, 3.0, 2.0],
        "unit": ["persons"] * 5, "qualifiers": ["exact", "exact", "range", "exact", "exact"],
        "as_of_first": [""] * 5, "as_of_last": [""] * 5, "fact_ids": [""] * 5, "derived_ids": [""] * 5})
    per_station = pd.DataFrame([{"indicator": "social_workers_per_station", "dimension": "staffing",
                                 "unit": "persons", "label_zh": "每站社工", "label_en": "Workers per station",
                                 "station_level": "true"}])
    r = en(data, dimension="staffing")
    r.data = dataclasses.replace(data, level_comparison=lc,
                                 indicators=pd.concat([data.indicators, per_station], ignore_index=True))
    blocks = dimension.level_matched(r)
    assert kinds(blocks) == ["h2", "warn", "table"] and "not a whole region" in blocks[1].html
    df = table(blocks[2])
    assert list(df["Level"]) == ["county", "county", "one site", "one site"]  # City's lone prefecture row left out
    assert list(df["Status"]) == ["as found", "as found", "required (a standard)", "as found"]
    assert df.loc[0, "Figure"] == "1–3 persons (median 2)" and df.loc[2, "Figure"] == "3–8 persons"
