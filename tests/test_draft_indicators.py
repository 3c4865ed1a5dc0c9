"""helpers.data.draft_indicators: the indicator a draft row counts once the words around its figure are weighed."""

from __future__ import annotations

import pytest

from helpers.data.draft_indicators import counted_place_indicator, refined_indicator, workers_of_sites

ALL = {k: {"dimension": d} for k, d in (
    ("social_workers_stationed", "staffing"), ("social_workers_employed", "staffing"),
    ("certified_social_workers", "staffing"), ("exam_applicants", "staffing"), ("job_applicants", "staffing"),
    ("coverage_township_pct", "coverage"), ("coverage_other_pct", "coverage"), ("stations_township", "coverage"),
    ("stations_all_sites", "coverage"), ("community_activities", "outputs"), ("sw_talent_trained", "staffing"),
    ("workforce_person_times", "staffing"), ("service_person_times", "outputs"), ("social_workers_sites", "staffing"))}


def refine(indicator, unit, value_text, before, counts, clause=None, context=""):
    row = {"indicator": indicator, "unit": unit, "value_text": value_text}
    return refined_indicator(row, clause or before + value_text + counts, before, counts, context, ALL)[0]


@pytest.mark.parametrize("args, expected", [
    (("social_workers_employed", "persons", "40名", "各社工站招聘社工", ""), "social_workers_stationed"),
    (("social_workers_employed", "persons", "40名", "招聘社工", ""), "social_workers_employed"),
    (("certified_social_workers", "persons", "3名", "现有", "驻站社工并全员持证"), "social_workers_stationed"),
    (("job_applicants", "persons", "2万人", "报名人数达", "", None, "职业水平考试"), "exam_applicants"),
    (("job_applicants", "persons", "200人", "岗位报名人数达", "", None, "职业水平考试"), "job_applicants"),
    (("coverage_township_pct", "percent", "80%", "社区社工室覆盖达到", ""), "coverage_other_pct"),
    (("coverage_township_pct", "percent", "80%", "镇街社工站覆盖达到", ""), "coverage_township_pct"),
    (("stations_township", "count", "300场", "依托站点开展活动", ""), "community_activities"),
    (("stations_township", "count", "5个", "建成", "移民安置点社工站"), "stations_all_sites"),
    (("certified_social_workers", "persons", "40人", "已培养专业持证社工", ""), "sw_talent_trained"),
    (("service_person_times", "person_times", "600人次", "投入", "社工"), "workforce_person_times"),
])
def test_refined_indicator(args, expected):
    assert refine(*args) == expected


def test_counted_places_and_village_rooms():
    assert counted_place_indicator("县(市、区)", "在", "count") == "counties_covered"
    assert counted_place_indicator("乡镇(街道)", "覆盖", "count") == "townships_covered"
    assert counted_place_indicator("乡镇(街道)", "辖", "count") == "townships_total"
    assert counted_place_indicator("村(社区)社会工作服务站", "", "count") == "village_points"
    assert counted_place_indicator("乡镇(街道)社会工作服务站", "", "count") == ""
    assert counted_place_indicator("村(社区)", "", "persons") == ""


def test_workers_after_stations_and_points_only():
    rows = [{"_at": 0, "_start": 3, "indicator": "stations_township"},
            {"_at": 0, "_start": 9, "indicator": "social_workers_stationed", "reason": ""}]
    workers_of_sites(rows, ALL)
    assert rows[1]["indicator"] == "social_workers_stationed"  # no points counted before the workers
