"""The generated conclusions (helpers.pages.conclusions) on small projects, one per case: comparable for the
models' own regions, comparable only locally, not comparable and why; in both languages, saying the same."""

from __future__ import annotations

import fixture_panel
import pandas as pd
import pytest

from helpers.data.load import Tables
from helpers.data.processed import processed_tables
from helpers.pages import conclusions
from helpers.pages.conclusions import order, paragraph, qualified
from helpers.vocabulary import ANSWERED_DIMENSIONS

REGIONS = """region_code,name_zh,name_en,level,parent_code,population_2020,population_source_id,townships,townships_as_of,townships_source_id,code_source_id,note
430000,某省,Province,province,,60000000,p,1900,2023-06-30,p,p,
431125,某县,County,county,430000,,,,,,p,
370200,某市,City,prefecture,,10000000,q,134,2023-06-30,q,q,
370281,某区,District,county,370200,,,,,,q,
"""
HEAD = "{id},{m},{code},{dim},{ind},{text},{v},{lo},{hi},{unit},{q},reported,{as_of},{period},whole,,,,,,,,,,{src},{text},"


def f(fid, model, code, ind, v, as_of, q="exact", period="point_in_time", unit="persons", dim="staffing"):
    lo = v if q in ("exact", "at_least") else ""
    hi = v if q == "exact" else ""
    return HEAD.format(id=fid, m=model, code=code, dim=dim, ind=ind, text=f"{v}名", v=v, lo=lo, hi=hi, unit=unit,
                       q=q, as_of=as_of, period=period, src=fid.split("-")[0])


def project(facts) -> Tables:
    raw = fixture_panel.raw_tables(facts)
    raw["regions"] = pd.read_csv(__import__("io").StringIO(REGIONS), dtype=str, keep_default_na=False)
    return Tables(**processed_tables(raw), data_hash="test")


COMPARABLE = [f("p-01", "prov", "430000", "social_workers_stationed", 3880, "2019-12"),
              f("p-02", "prov", "430000", "stations_township", 1940, "2019-12", unit="count", dim="coverage"),
              f("q-01", "city", "370200", "social_workers_stationed", 414, "2023-03"),
              f("q-02", "city", "370200", "stations_township", 138, "2023-03", unit="count", dim="coverage")]
LOCAL = [f("c-01", "prov", "431125", "social_workers_stationed", 20, "2022-03", "at_least"),
         f("c-02", "prov", "431125", "stations_township", 10, "2022-03", unit="count", dim="coverage"),
         f("d-01", "city", "370281", "social_workers_stationed", 9, "2022-08"),
         f("d-02", "city", "370281", "stations_township", 3, "2022-08", unit="count", dim="coverage")]
NOT = [f("p-01", "prov", "430000", "service_person_times", 100000, "2022", "at_least", "cumulative", "person_times",
         "outputs"),
       f("p-02", "prov", "430000", "social_workers_stationed", 3880, "2022")]
IDS = ["prov", "city"]


def test_comparable_for_own_regions_gives_figures_dates_and_an_order_in_both_languages():
    data = project(COMPARABLE)
    en, zh = paragraph(data, "staffing", "en", IDS), paragraph(data, "staffing", "zh", IDS)
    assert en.cases["workers_per_station"] == zh.cases["workers_per_station"] == "comparable"
    s_en = next(s for s in en.sentences if s.startswith("Social workers per station"))
    s_zh = next(s for s in zh.sentences if s.startswith("每站社工数"))
    assert "comparable for the models' own regions" in s_en
    assert "Prov 2 persons (Province, 2019-12)" in s_en and "City 3 persons (City, 2023-03)" in s_en
    assert "City highest, Prov lowest" in s_en
    assert "可在各自本地区层面比较" in s_zh and "某省2 人(某省,2019-12)" in s_zh and "某市最高,某省最低" in s_zh
    assert en.derived_ids == zh.derived_ids and len(en.derived_ids) >= 2


def test_overlapping_bounds_state_no_order():
    data = project([COMPARABLE[0].replace(",3880,3880,3880,persons,exact,", ",3880,3880,,persons,at_least,"),
                    *COMPARABLE[1:]])
    s = next(s for s in paragraph(data, "staffing", "en", IDS).sentences if s.startswith("Social workers per station"))
    assert "at least 2 persons" in s and "no order can be stated" in s
    s = next(s for s in paragraph(data, "staffing", "zh", IDS).sentences if s.startswith("每站社工数"))
    assert "至少2 人" in s and "不能排出高低" in s


def test_comparable_only_locally_names_the_level_places_and_says_it_is_a_sample():
    data = project(LOCAL)
    en, zh = paragraph(data, "staffing", "en", IDS), paragraph(data, "staffing", "zh", IDS)
    assert en.cases["workers_per_station"] == zh.cases["workers_per_station"] == "local"
    s_en = next(s for s in en.sentences if s.startswith("Social workers per station"))
    s_zh = next(s for s in zh.sentences if s.startswith("每站社工数"))
    assert "comparable only at county level" in s_en and "not a whole region" in s_en
    assert "Prov at least 2 persons (1 place(s): County)" in s_en and "City 3 persons (1 place(s): District)" in s_en
    assert "只能在县级层面比较" in s_zh and "不代表整个地区" in s_zh and "某省至少2 人(1处:某县)" in s_zh


def test_not_comparable_says_why_for_each_model_in_both_languages():
    data = project(NOT)
    en, zh = paragraph(data, "outputs", "en", IDS), paragraph(data, "outputs", "zh", IDS)
    assert en.cases["person_times_per_worker"] == zh.cases["person_times_per_worker"] == "not_comparable"
    s_en = next(s for s in en.sentences if "Person-times served per social worker" in s)
    s_zh = next(s for s in zh.sentences if "每名社工服务人次" in s)
    assert "no comparison is possible" in s_en
    assert "Prov: a total over several years cannot be divided by a count at one date" in s_en
    assert "City: no reported own-region figure for person-times" in s_en
    assert "无法比较" in s_zh and "某省——多年累计数不能除以某一时点的数字" in s_zh and "某市——本地区没有服务人次的已报告数字" in s_zh


def test_a_census_too_far_away_is_the_stated_reason():
    data = project([f("q-01", "city", "370200", "social_workers_stationed", 300, "2022", "at_least")])
    s = next(s for s in paragraph(data, "staffing", "en", IDS).sentences if "per 100,000 residents" in s)
    assert "City: more than a year from the 2020 census" in s


def test_measures_refused_for_one_reason_are_said_once():
    data = project([])
    en = paragraph(data, "funding", "en", IDS)
    assert len(en.sentences) == 1 and set(en.cases.values()) == {"not_comparable"}
    assert "all 2 models, for the same reason: no reported own-region figure for total funding" in en.text


def test_qualified_words_and_order():
    assert qualified(700.0, "approx", "person_times", "en") == "about 700 person-times"
    assert qualified(2.5, "range", "persons", "zh", 2, 3) == "2–3 人"
    rows = pd.DataFrame({"model_id": ["a", "b"], "value": [3.0, 2.0], "value_low": [3.0, 2.0],
                         "value_high": [3.0, None], "qualifier": ["exact", "at_least"]})
    assert order(rows) is None
    assert order(rows.assign(qualifier="exact", value_high=[3.0, 2.0])) == ["a", "b"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_measure_has_a_sentence(lang):
    data = project(COMPARABLE + LOCAL)
    for dim in ANSWERED_DIMENSIONS:
        p = paragraph(data, dim, lang, IDS)
        assert set(p.cases) == set(conclusions.measures(dim)) and p.text


def test_one_model_alone_at_a_level_is_no_local_comparison():
    data = project(LOCAL[:2])  # only Prov has a county ratio
    assert paragraph(data, "staffing", "en", IDS).cases["workers_per_station"] == "not_comparable"


def test_figures_of_different_years_are_compared_with_a_warning():
    data = project(COMPARABLE)  # 2019-12 and 2023-03
    s = next(s for s in paragraph(data, "staffing", "en", IDS).sentences if s.startswith("Social workers per station"))
    assert "their years differ (2019–2023)" in s
    s = next(s for s in paragraph(data, "staffing", "zh", IDS).sentences if s.startswith("每站社工数"))
    assert "年份不同(2019–2023)" in s


def test_the_reason_given_is_that_of_the_latest_dated_figure():
    data = project([f("q-01", "city", "370200", "stations_township", 130, "", unit="count", dim="coverage"),
                    f("q-02", "city", "370200", "stations_township", 120, "2019", unit="count", dim="coverage")])
    s = paragraph(data, "coverage", "en", IDS).text
    assert "City: numerator and denominator more than a year apart" in s


def test_the_refusals_are_worked_out_once_for_every_paragraph_of_a_page(monkeypatch):
    calls = []
    real = conclusions.evaluate
    monkeypatch.setattr(conclusions, "evaluate", lambda *a, **k: calls.append(1) or real(*a, **k))
    data = project(LOCAL + NOT)
    first = [paragraph(data, d, "en", IDS).sentences for d in ANSWERED_DIMENSIONS]
    assert len(calls) == 1  # four dimensions, one evaluation of the refusals
    fresh = project(LOCAL + NOT)  # another set of tables: worked out again, the same sentences
    assert [paragraph(fresh, d, "en", IDS).sentences for d in ANSWERED_DIMENSIONS] == first and len(calls) == 2
