"""workbook extract: one small example per rule, the CLI, and check refusing draft rows."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import MINI, edit_cell

from helpers.cli import main
from helpers.data.check import run_check
from helpers.data.extract import Regions, extract_text, load_keywords, strip_glosses

UNITS = {"stations_township": {"unit": "count", "dimension": "coverage"},
         "village_points": {"unit": "count", "dimension": "coverage"},
         "social_workers_stationed": {"unit": "persons", "dimension": "staffing"},
         "certified_social_workers": {"unit": "persons", "dimension": "staffing"},
         "funding_total": {"unit": "CNY", "dimension": "funding"},
         "service_person_times": {"unit": "person_times", "dimension": "outputs"},
         "cases": {"unit": "count", "dimension": "outputs"},
         "groups": {"unit": "count", "dimension": "outputs"},
         "volunteers": {"unit": "persons", "dimension": "staffing"},
         "households_served": {"unit": "households", "dimension": "outputs"},
         "coverage_township_pct": {"unit": "percent", "dimension": "coverage"}}


def rows(text, **kw):
    return extract_text(text, indicators=UNITS, **kw)


def one(text, **kw):
    found = rows(text, **kw)
    assert len(found) == 1, [r["value_text"] for r in found]
    return found[0]


def texts(text):
    return [r["value_text"] for r in rows(text)]


@pytest.mark.parametrize("text, value_text, value, low, high, unit, qualifier", [
    ("每个社工站配备三名社工", "三名", "3", "3", "3", "persons", "exact"),
    ("建成社工站两个", "两个", "2", "2", "2", "count", "exact"),
    ("全省建成社工站一千九百四十个", "一千九百四十个", "1940", "1940", "1940", "count", "exact"),
    ("每站配备社工二至三名", "二至三名", "2.5", "2", "3", "persons", "range"),
    ("每站配备社工3-8名", "3-8名", "5.5", "3", "8", "persons", "range"),
    ("服务群众21万余人次", "21万余人次", "210000", "210000", "", "person_times", "at_least"),
    ("社工站专业社工300多人", "300多人", "300", "300", "", "persons", "at_least"),
    ("社工超过500名", "超过500名", "500", "500", "", "persons", "at_least"),
    ("持证社工40%以上", "40%以上", "40", "40", "", "percent", "at_least"),
    ("每站社工不少于6名", "不少于6名", "6", "6", "", "persons", "at_least"),
    ("开展活动近2000次", "近2000次", "2000", "", "", "count", "approx"),
    ("投入资金约2.2亿元", "约2.2亿元", "220000000", "", "", "CNY", "approx"),
    ("服务群众100人次左右", "100人次左右", "100", "", "", "person_times", "approx"),
    ("每站经费不超过30万元", "不超过30万元", "300000", "", "300000", "CNY", "at_most"),
    ("开展活动近2000余次", "近2000余次", "2000", "", "", "count", "approx"),
    ("投入资金1.2亿元", "1.2亿元", "120000000", "120000000", "120000000", "CNY", "exact"),
    ("全县社工站覆盖率达到85%", "85%", "85", "85", "85", "percent", "exact"),
    ("全縣建成17個鎮(街)社工服務站", "17個", "17", "17", "17", "count", "exact"),
])
def test_figures_parse_with_their_meaning(text, value_text, value, low, high, unit, qualifier):
    r = one(text)
    assert (r["value_text"], r["value"], r["value_low"], r["value_high"], r["unit"], r["qualifier"]) == \
        (value_text, value, low, high, unit, qualifier)
    # 每站配备/每站…不少于/每站…不超过: a norm for every station is a standard, never an achieved figure
    assert r["status"] == ("standard" if text.startswith("每") else "reported") and r["draft"] == "true"
    assert value_text in r["evidence"]


def test_full_coverage_is_100_percent():
    r = one("镇街社工站实现全覆盖")
    assert (r["value_text"], r["value"], r["unit"], r["indicator"]) == ("全覆盖", "100", "percent",
                                                                       "coverage_township_pct")


@pytest.mark.parametrize("text, value_text, unit, qualifier", [
    ("覆盖全市个街道的社工站", "个街道", "count", "exact"),
    ("社工站面积不少于平方米", "不少于平方米", "square_metres", "at_least"),
    ("培育余名持证社工", "余名持证社工", "persons", "at_least"),
    ("全市社工站建成个", "个", "count", "exact"),
])
def test_lost_digits_are_missing_with_empty_numbers(text, value_text, unit, qualifier):
    r = one(text)
    assert (r["value_text"], r["status"], r["unit"], r["qualifier"]) == (value_text, "missing", unit, qualifier)
    assert r["value"] == r["value_low"] == r["value_high"] == ""
    assert r["confidence"] == "low"


@pytest.mark.parametrize("text", ["开展个案服务", "服务各个社区", "建立家庭档案", "其余名单另行公布"])
def test_ordinary_words_are_not_lost_digits(text):
    assert texts(text) == []


@pytest.mark.parametrize("text", [
    "到2025年，全市社工站达到100个", "力争建成社工站200个", "计划培育社工300名", "将新建社工站20个",
    "要配备社工2名", "目标是服务群众1万人次"])
def test_plans_are_targets(text):
    r = one(text)
    assert r["status"] == "target" and r["period"] == "plan" and r["dimension"] == "targets"


@pytest.mark.parametrize("text", ["每个社工站配备社工3名", "原则上每个站点不少于2名社工"])
def test_norms_for_every_station_are_standards(text):
    r = one(text)
    assert r["status"] == "standard" and r["period"] == "plan" and r["dimension"] == "staffing"


@pytest.mark.parametrize("text, qualifier", [("社工站服务群众超過5000人次", "at_least"),
                                             ("社工站服务对象建档约5605户8474人", "approx")])
def test_the_words_around_a_figure_set_its_qualifier(text, qualifier):
    r = rows(text)[-1]
    assert r["qualifier"] == qualifier and r["value_high"] == ""


def test_reported_when_no_plan_word():
    assert one("主要依托社工站服务群众5000人次")["status"] == "reported"  # 主要 is not 要


@pytest.mark.parametrize("text, as_of", [
    ("截至2023年6月30日，全市建成社工站138个", "2023-06-30"),
    ("截至2023年6月，全市建成社工站138个", "2023-06"),
    ("2022年，全市建成社工站138个", "2022"),
    ("全市建成社工站138个", ""),
])
def test_as_of_from_the_clause_or_sentence(text, as_of):
    assert one(text)["as_of"] == as_of


@pytest.mark.parametrize("text", [
    "2023年12月社工站揭牌", "印发《通知》(民发〔2021〕12号)要求社工站", "第3号社工站",
    "社工站电话0531-88886666", "社工站网址 http://www.example.com/123个", "服务“一社一品”“五社联动”社工",
    "落实十四五规划社工站", "社工站已运行3年", "服务60岁以上老人", "社工站距城区12公里",
    "第一名社工", "打造“一个平台、两类评选、三项支持”社工体系", "提供一站式社工服务",
    "社工站试运行3个月", "上涨了15个百分点"])
def test_exclusions(text):
    assert texts(text) == []


def test_figures_not_about_social_work_are_left_out():
    assert texts("该县种植苹果3000亩，养牛500头，修路20条") == []


def test_glosses_are_stripped_and_evidence_reads_the_stripped_text():
    assert strip_glosses("鄉(xiāng)鎮(zhèn)") == "鄉鎮"
    r = one("全鄉(xiāng)建成社(shè)工站3個")
    assert r["value_text"] == "3個" and r["evidence"] == "全鄉建成社工站3個"


def test_evidence_is_the_clause_at_most_60_chars():
    r = one("据悉，近年来全市持续推进，建成社工站138处。")
    assert r["evidence"] == "建成社工站138处"
    long = "社" * 70 + "建成社工站138处" + "站" * 70
    assert len(one(long)["evidence"]) == 60 and "138处" in one(long)["evidence"]


@pytest.mark.parametrize("text, indicator", [
    ("建成社工站242个", "stations_township"), ("建成村社工室500个", "village_points"),
    ("配备专职社工300名", "social_workers_stationed"), ("持证社工1200人", "certified_social_workers"),
    ("投入资金1.2亿元", "funding_total"), ("服务群众21万人次", "service_person_times"),
    ("开展个案52个", "cases"), ("开展小组20个", "groups"), ("开展活动80场", "community_activities"),
    ("走访困难群众3000户", "households_served"), ("招募志愿者600名", "volunteers"),
    ("社工站覆盖率达到90%", "coverage_township_pct"),
])
def test_indicator_from_keywords(text, indicator):
    units = dict(UNITS, community_activities={"unit": "count", "dimension": "outputs"})
    r = extract_text(text, indicators=units)[0]
    assert r["indicator"] == indicator and r["dimension"] == units[indicator]["dimension"]


def test_indicator_unit_must_agree_with_parsed_unit():
    # 社工站 suggests stations (count), but 300名 is persons: the persons indicator wins
    assert one("社工站配备社工300名")["indicator"] == "social_workers_stationed"
    # the list item decides: the station count, not the centre count
    found = rows("建成指导中心22个、社工站242个")
    assert [r["indicator"] for r in found][1] == "stations_township"


def test_keyword_table_covers_main_indicators():
    have = {k.indicator for k in load_keywords()}
    assert set(UNITS) <= have | {"community_activities"} and "community_activities" in have


def test_region_from_names_with_and_without_suffix():
    regions = Regions([{"region_code": "370200", "name_zh": "青岛市", "level": "prefecture"},
                       {"region_code": "640000", "name_zh": "宁夏回族自治区", "level": "province"}])
    assert one("青岛建成社工站138处", regions=regions)["region_code"] == "370200"
    assert one("宁夏建成社工站242个", regions=regions)["region_code"] == "640000"
    assert one("全市建成社工站242个", regions=regions)["region_code"] == ""


def test_ids_and_model():
    found = rows("建成社工站2个，配备社工5名", source_id="s_x", model_id="qingdao")
    assert [r["fact_id"] for r in found] == ["s_x-01", "s_x-02"]
    assert {r["model_id"] for r in found} == {"qingdao"}


# ---- CLI ----

def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as e:
        main(["extract", "--help"])
    assert e.value.code == 0 and "--source-id" in capsys.readouterr().out


def test_stdout_csv_with_facts_columns(mini, tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("2022年，青岛市建设镇街社工站138处。", encoding="utf-8")
    assert main(["--root", str(mini.root), "extract", str(src), "--source-id", "s_qd"]) == 0
    out = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    header = MINI["facts"].splitlines()[0].split(",")
    assert list(out[0])[: len(header)] == header and list(out[0])[len(header):] == ["draft", "confidence", "reason"]
    assert (out[0]["value_text"], out[0]["region_code"], out[0]["indicator"]) == ("138处", "370200",
                                                                                  "stations_township")


def test_out_file(mini, tmp_path, capsys):
    src, dest = tmp_path / "a.txt", tmp_path / "d.csv"
    src.write_text("建成社工站138处", encoding="utf-8")
    assert main(["--root", str(mini.root), "extract", str(src), "--out", str(dest)]) == 0
    assert capsys.readouterr().out == ""
    assert "138处" in dest.read_text(encoding="utf-8")


def test_missing_file_exit_1_one_line(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.txt: file not found" in err


def test_not_utf8_exit_1_with_line_and_column(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("第一行\n社工".encode() + b"\xff")
    assert main(["extract", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.txt:2:3: not UTF-8" in err and "Traceback" not in err


def test_bad_flag_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["extract", str(tmp_path / "a.txt"), "--bogus"])
    assert e.value.code == 2


# ---- check refuses draft rows ----

def _add_draft_column(project, value):
    path = project.raw_file("facts")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",draft"] + [line + "," for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_cell(project, "facts", 3, "draft", value)


def test_check_refuses_draft_row(mini):
    _add_draft_column(mini, "true")
    _, problems = run_check(mini)
    assert [str(p) for p in problems] == [
        "data/raw/facts.csv:3:draft: draft row not yet confirmed (remove the draft marker)"]


def test_check_accepts_empty_draft_column(mini):
    _add_draft_column(mini, "")
    assert run_check(mini)[1] == []


@pytest.mark.parametrize("text, value_text, value, low, high, unit, qualifier", [
    ("社工站服务群众将近260万人", "将近260万人", "2600000", "", "", "persons", "approx"),
    ("社工站服務群眾將近260萬人", "將近260萬人", "2600000", "", "", "persons", "approx"),
    ("社工站服务群众上万余人次", "上万余人次", "10000", "10000", "", "person_times", "at_least"),
    ("社工站服務群眾上萬餘人次", "上萬餘人次", "10000", "10000", "", "person_times", "at_least"),
    ("社工站开展活动数十场", "数十场", "10", "10", "", "count", "at_least"),
    ("社工站開展活動數十場", "數十場", "10", "10", "", "count", "at_least"),
    ("培育社工近百名", "近百名", "100", "", "", "persons", "approx"),
    ("社工站服务群众逾3000人次", "逾3000人次", "3000", "3000", "", "person_times", "at_least"),
    ("累計服務超30萬人次", "超30萬人次", "300000", "300000", "", "person_times", "at_least"),
    ("社工站服務超過25萬人次", "超過25萬人次", "250000", "250000", "", "person_times", "at_least"),
    ("社工站開展服務項目180余項", "180余項", "180", "180", "", "count", "at_least"),
    ("社工站開展服務項目16項", "16項", "16", "16", "16", "count", "exact"),
    ("社工站推出服務五項", "五項", "5", "5", "5", "count", "exact"),
    ("全镇建成一個社工站", "一個", "1", "1", "1", "count", "exact"),
])
def test_the_missed_forms_and_traditional_counts(text, value_text, value, low, high, unit, qualifier):
    r = one(text)
    assert (r["value_text"], r["value"], r["value_low"], r["value_high"], r["unit"], r["qualifier"]) == \
        (value_text, value, low, high, unit, qualifier)


@pytest.mark.parametrize("text", ["打造一个平台", "回到家乡", "社工站无数个日夜", "线上服务"])
def test_vague_and_article_words_are_not_figures(text):
    assert texts(text) == []


def test_a_bare_scaled_number_takes_the_unit_of_the_indicator_its_words_name():
    found = rows("2023年:持证社会工作者数量约116.1万,持证人数达23.2万")
    assert [(r["value_text"], r["unit"], r["qualifier"], r["indicator"]) for r in found] == [
        ("约116.1万", "persons", "approx", "certified_social_workers"),
        ("23.2万", "persons", "exact", "certified_social_workers")]
    assert texts("全市人口数量约116.1万") == []  # no indicator names it: no unit, no figure


def test_headline_figure_the_body_restates_and_a_repeated_clause_are_drafted_once():
    text = "拉萨市12个社工站建成运营\n拉萨市已建成12个社工站。全区投入资金1.07亿元，建成平台588个。全区投入资金1.07亿元。\n"
    got = [(r["value_text"], r["evidence"]) for r in extract_text(text)]
    assert got == [("12个", "拉萨市已建成12个社工站"), ("1.07亿元", "全区投入资金1.07亿元"), ("588个", "建成平台588个")]


def test_two_equal_figures_of_one_clause_both_stay_and_a_headline_only_figure_stays():
    got = [r["value_text"] for r in extract_text("社工站报道\n选优配强专兼职站长21人、副站长21人。")]
    assert got == ["21人", "21人"]
    assert [r["value_text"] for r in extract_text("全市建成社工站138个\n正文说别的事。")] == ["138个"]


def test_resource_linking_donations_and_exam_applicants_are_about_social_work():
    got = [r["value_text"] for r in extract_text("链接整合物资43.9万件，折合人民币价值4093.8万元。已有11806人报名。"
                                                 "全市常住人口500万人。")]
    assert got == ["43.9万件", "4093.8万元", "11806人"]


def test_a_span_to_reach_something_is_a_target_and_a_plan_word_does_not_spread():
    assert extract_text("用两年时间实现全省社会工作服务站(点)100%覆盖。")[0]["status"] == "target"
    assert extract_text("三年内建成社工站50个。")[0]["status"] == "target"
    assert extract_text("探索将服务延伸到村(社区)，建设村(社区)社工室68处。")[-1]["status"] == "reported"


@pytest.mark.parametrize("text", [
    "社工站为群众提供精准、多元的服务",  # 多元 (diverse) is a word, not a lost sum 多…元
    "社工站活动参与人次明显增加",  # 参与 is a verb, not the conjunction 与 before a lost number
    "社工站从四个方面推进服务", "社工站四个季度的考核",  # aspects and quarters are not counts of social work
    "（一）三个整合，社工站服务群众", "一是两个引领，社工站服务",  # a numbered heading's label
    "社工站评比对获得前三名的给予奖励"])  # a rank
def test_words_headings_and_ranks_are_not_figures(text):
    assert texts(text) == []


def test_a_real_figure_after_a_heading_and_after_mu_qian_stays():
    assert texts("（二）建成社工站138个") == ["138个"]
    assert texts("目前三名社工驻站服务") == ["三名"]


def test_as_of_is_the_nearest_date_before_the_figure_in_its_sentence():
    found = rows("到2022年，全市社工站达到100个，到2025年，达到200个")
    assert [(r["value_text"], r["as_of"]) for r in found] == [("100个", "2022"), ("200个", "2025")]


@pytest.mark.parametrize("text, indicator", [
    ("社工站中级社会工作者120人", "certified_social_workers_intermediate"),  # 社会工作者 as well as 社会工作师
    ("社工站助理社会工作者300人", "certified_social_workers_assistant"),
    ("社工站链接物资折合人民币5万元", "funding_charity"),  # goods valued in money
    ("社工站开展督导培训12期", "training_sessions"),  # courses: the count unit decides among training indicators
    ("社工每年参加培训不少于40学时", "training_hours_per_worker"),
    ("社工站开放活动室300小时", "service_hours"),
    ("社工站持证人员占比达到70%", "qualified_staff_pct"),
    ("社工站经费每年增长10%", "funding_growth_pct"),
])
def test_the_unit_decides_among_indicators_sharing_a_keyword(text, indicator):
    units = {"certified_social_workers_intermediate": "persons", "certified_social_workers_assistant": "persons",
             "funding_charity": "CNY", "training_sessions": "count", "training_hours_per_worker": "hours",
             "service_hours": "hours", "qualified_staff_pct": "percent", "funding_growth_pct": "percent",
             "certified_social_workers": "persons", "social_workers_stationed": "persons", "funding_total": "CNY",
             "people_trained": "persons", "training_person_times": "person_times", "projects": "count",
             "coverage_township_pct": "percent", "resource_linkages": "count", "community_activities": "count"}
    found = extract_text(text, indicators={k: {"unit": u, "dimension": "x"} for k, u in units.items()})
    assert [r["indicator"] for r in found] == [indicator]


def test_a_list_whose_numbers_were_all_lost_drafts_each_item_as_missing():
    found = rows("社工站累计开展各类探访次，个案例，小组次，服务人次。")
    assert [(r["value_text"], r["status"], r["unit"]) for r in found] == [
        ("探访次", "missing", "count"), ("个案例", "missing", "count"), ("小组次", "missing", "count"),
        ("服务人次", "missing", "person_times")]
    assert texts("社工站提升服务层次，开拓市场") == []  # words that end in a measure word, no list of lost numbers
    assert texts("社工站细分为8大领域、45大项、小项") == []  # an item that kept its number breaks the run


def test_person_times_with_no_keyword_are_people_served_at_low_confidence():
    r = one("社工站累计开展入户探访约8000人次")
    assert r["indicator"] == "service_person_times" and "unit alone" in r["reason"]


@pytest.mark.parametrize("text", [
    "社工站覆盖率提高了5个百分点",  # percentage points are not a count
    "社工站提供24小时服务",  # round the clock
    "社工站二期工程启动",  # a phase's name
    "社工站服务满意度达98%", "社工站群众好评率达到95%以上"])  # ratings no indicator measures
def test_percentage_points_idioms_phase_names_and_ratings_are_not_figures(text):
    assert texts(text) == []


def test_a_coverage_percent_and_service_hours_stay():
    assert texts("社工站覆盖率达到95%") == ["95%"]
    assert texts("社工站服务时长300小时") == ["300小时"]
