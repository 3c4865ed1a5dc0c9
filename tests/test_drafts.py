"""helpers.data.drafts: whole draft rows (place, model, date, period, scope, counts, status, confidence),
--append into facts.csv byte for byte, and unknown --model/--source-id naming the nearest ids."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import MINI

from helpers.cli import main
from helpers.data.check import run_check
from helpers.data.dates import article_date
from helpers.data.draft_append import append_rows, nearest
from helpers.data.drafts import Context, counted_phrase, project_context
from helpers.data.extract import extract_text
from helpers.data.places import Gazetteer

INDICATORS = {
    "stations_township": {"unit": "count", "dimension": "coverage", "label_zh": "社工站数", "label_en": "Stations"},
    "village_points": {"unit": "count", "dimension": "coverage", "label_zh": "社工点数", "label_en": "Points"},
    "townships_covered": {"unit": "count", "dimension": "coverage", "label_zh": "覆盖乡镇", "label_en": "Covered"},
    "townships_total": {"unit": "count", "dimension": "coverage", "label_zh": "乡镇数", "label_en": "Townships"},
    "social_workers_stationed": {"unit": "persons", "dimension": "staffing", "label_zh": "社工",
                                 "label_en": "Stationed social workers"},
    "social_workers_per_station": {"unit": "persons", "dimension": "staffing", "label_zh": "每站社工",
                                   "label_en": "Workers per station"},
    "honoured_social_workers": {"unit": "persons", "dimension": "staffing", "label_zh": "获表彰社工",
                                "label_en": "Honoured"},
    "certified_social_workers": {"unit": "persons", "dimension": "staffing", "label_zh": "持证社工",
                                 "label_en": "Certified"},
    "service_person_times": {"unit": "person_times", "dimension": "outputs", "label_zh": "服务人次",
                             "label_en": "Person-times"},
    "cases": {"unit": "count", "dimension": "outputs", "label_zh": "个案", "label_en": "Cases"},
    "funding_total": {"unit": "CNY", "dimension": "funding", "label_zh": "资金", "label_en": "Funding"},
    "coverage_township_pct": {"unit": "percent", "dimension": "coverage", "label_zh": "覆盖率",
                              "label_en": "Coverage"},
}
REGIONS = [{"region_code": "440000", "name_zh": "广东省", "level": "province"},
           {"region_code": "441322", "name_zh": "博罗县", "level": "county"}]
MODELS = [{"model_id": "guangdong", "region_code": "440000", "short_zh": "双百"},
          {"model_id": "national", "region_code": "000000", "short_zh": "全国"}]
ARTICLE = ("惠州市博罗县社工站建设成效显著\n发布时间：2022-11-01 来源：博罗县民政局\n"
           "截至目前，全縣建成17個鎮(街)社工服務站，92個村(居)社工服務點，累計服務群眾超30萬人次。\n"
           "其中，罗阳街道社工站开展个案服务120个。每个社工站配备3名社工。到2025年，力争建成社工站30个。\n")


@pytest.fixture(scope="module")
def ctx():
    return Context(Gazetteer(REGIONS, package=False), MODELS)


def drafts(text, ctx, **kw):
    return extract_text(text, indicators=INDICATORS, context=ctx, **kw)


def by_text(rows):
    return {r["value_text"]: r for r in rows}


def test_a_traditional_script_article_drafts_whole_rows(ctx):
    rows = by_text(drafts(ARTICLE, ctx, source_id="gd_boluo"))
    r = rows["17個"]
    assert (r["indicator"], r["region_code"], r["model_id"], r["as_of"], r["period"], r["scope"], r["counts_zh"]) \
        == ("stations_township", "441322", "guangdong", "2022-11", "point_in_time", "whole", "镇(街)社工服务站")
    assert r["counts_en"] == "Stations" and r["evidence"] == "全縣建成17個鎮(街)社工服務站"  # quoted as written
    assert rows["92個"]["indicator"] == "village_points"
    assert (rows["超30萬人次"]["period"], rows["超30萬人次"]["qualifier"]) == ("cumulative", "at_least")


def test_site_subset_standard_and_target(ctx):
    rows = by_text(drafts(ARTICLE, ctx))
    assert rows["17個"]["site_zh"] == ""
    site = rows["120个"]
    assert (site["scope"], site["site_zh"], site["indicator"], site["counts_zh"]) == \
        ("site", "罗阳街道社工站", "cases", "个案服务")
    norm = rows["3名"]
    assert (norm["status"], norm["period"], norm["indicator"], norm["dimension"]) == \
        ("standard", "plan", "social_workers_per_station", "staffing")
    goal = rows["30个"]
    assert (goal["status"], goal["period"], goal["as_of"], goal["dimension"]) == ("target", "plan", "2025", "targets")


def test_subset_after_qizhong_and_phase_for_a_batch(ctx):
    rows = by_text(drafts("博罗县建成社工站17个，其中示范站5个。第一批建成社工站8个。", ctx))
    assert rows["5个"]["scope"] == "subset"
    assert rows["8个"]["scope"] == "phase"
    assert rows["17个"]["scope"] == "whole"


def test_programme_when_the_clause_names_the_models_programme(ctx):
    r = by_text(drafts("广东省双百社工1700多名。", ctx))["1700多名"]
    assert (r["scope"], r["model_id"]) == ("programme", "guangdong")


def test_a_count_of_townships_is_not_a_count_of_stations(ctx):
    rows = by_text(drafts("博罗县社工站覆盖12个乡镇。博罗县共有17个乡镇，均建有社工站。", ctx))
    assert rows["12个"]["indicator"] == "townships_covered"
    assert rows["17个"]["indicator"] == "townships_total"


def test_honours_are_not_certified_or_stationed_workers(ctx):
    r = by_text(drafts("博罗县3名社工获评优秀社工。", ctx))["3名"]
    assert r["indicator"] == "honoured_social_workers"


def test_money_gets_purpose_and_payer(ctx):
    r = by_text(drafts("博罗县投入省级福彩公益金500万元用于社工站建设。", ctx))["500万元"]
    assert (r["unit"], r["purpose"], r["payer"]) == ("CNY", "construction", "welfare_lottery")
    r = by_text(drafts("博罗县社工站投入资金300万元。", ctx))["300万元"]
    assert (r["purpose"], r["payer"]) == ("unspecified", "unspecified")


def test_confidence_low_when_the_keyword_disagrees_with_the_unit_or_no_place(ctx):
    rows = by_text(drafts("博罗县社工站实现村(居)社工室全覆盖。", ctx))
    assert rows["全覆盖"]["confidence"] == "low" and "the figure is in percent" in rows["全覆盖"]["reason"]
    assert by_text(drafts("建成社工站17个。", ctx))["17个"]["confidence"] == "low"  # no place, no model
    sure = by_text(drafts("2022年，博罗县建成社工站17个。", ctx))["17个"]
    assert sure["confidence"] == "high", sure["reason"]


def test_confidence_low_when_two_indicators_of_the_unit_fit(ctx):
    r = by_text(drafts("2022年，博罗县社工站持证社工3名。", ctx))["3名"]  # certified or stationed?
    assert (r["indicator"], r["confidence"]) == ("certified_social_workers", "low")
    assert "ambiguous: certified_social_workers or social_workers_stationed" in r["reason"]
    r2 = by_text(drafts("2022年，博罗县每个社工站配备社工3名。", ctx))["3名"]
    assert r2["indicator"] == "social_workers_per_station"


def test_as_of_from_the_paragraph_else_the_date_line_else_empty(ctx):
    assert article_date("标题\n发布日期：2023年5月12日\n正文") == "2023-05-12"
    assert article_date("标题\n正文") == ""
    rows = drafts("标题\n2021年，博罗县开展工作，建成社工站17个。\n", ctx)
    assert rows[0]["as_of"] == "2021"
    rows = drafts("标题\n发布时间：2022-11-01\n博罗县社工站服务群众300人次。\n", ctx)
    assert rows[0]["as_of"] == "2022-11" and "date line" in rows[0]["reason"]
    assert drafts("博罗县社工站服务群众300人次。", ctx)[0]["as_of"] == ""


def test_a_forced_model_outside_the_place_lowers_confidence(ctx):
    forced = Context(ctx.gazetteer, MODELS, model_id="national")
    r = drafts("2022年，博罗县建成社工站17个。", forced)[0]
    assert r["model_id"] == "national"
    r = drafts("2022年，博罗县建成社工站17个。", Context(ctx.gazetteer, [{"model_id": "x", "region_code": "370000"}],
                                                        model_id="x"))[0]
    assert "outside model x" in r["reason"] and r["confidence"] != "high"


def test_counted_phrase():
    assert counted_phrase("全县建成17个镇(街)社工服务站", 4, 7) == "镇(街)社工服务站"
    assert counted_phrase("青岛市建设镇街社工站138处", 10, 14) == "镇街社工站"
    assert counted_phrase("罗阳街道社工站开展个案服务120个", 13, 17) == "个案服务"


def test_nearest():
    assert nearest("qingdoa", ["qingdao", "hezhou"]) == ["qingdao"]
    assert nearest("zzzz", ["qingdao"]) == []


# --- the command: --append, --model, --source-id -------------------------------------------------------------

@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text("青岛市社工站建设\n发布时间：2023-05-12\n2023年，青岛市建设镇街社工站140处，服务群众22万余人次。\n",
                 encoding="utf-8")
    return p


def test_append_keeps_every_byte_and_adds_draft_rows(mini, article, capsys):
    facts = mini.raw_file("facts")
    before = facts.read_bytes()
    others = {t: mini.raw_file(t).read_bytes() for t in MINI if t != "facts"}
    assert main(["--root", str(mini.root), "extract", str(article), "--source-id", "s_qd", "--append"]) == 0
    after = facts.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert {t: mini.raw_file(t).read_bytes() for t in others} == others  # no other file touched
    added = list(csv.reader(io.StringIO(after[len(before):].decode("utf-8"))))
    header = next(csv.reader(io.StringIO(before.decode("utf-8"))))
    assert len(added) == 2 and all(len(r) == len(header) + 3 and r[len(header)] == "true" for r in added)
    ids = [r[0] for r in added]
    assert ids == ["s_qd-06", "s_qd-07"]  # s_qd-01..05 exist: the next free numbers
    assert "2 draft row(s) appended to data/raw/facts.csv" in capsys.readouterr().err
    _, problems = run_check(mini)
    drafts = [str(p) for p in problems if p.column == "draft"]
    assert drafts == [f"data/raw/facts.csv:{n}:draft: draft row from workbook extract, not yet confirmed: review it, "
                      "then delete its last three fields (draft, confidence, reason)" for n in (7, 8)]


def test_appended_drafts_pass_check_once_the_draft_fields_are_deleted(mini, article):
    before = mini.raw_file("facts").read_bytes()
    assert main(["--root", str(mini.root), "extract", str(article), "--source-id", "s_qd", "--append"]) == 0
    text = mini.raw_file("facts").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    width = len(rows[0])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:width] for r in rows])
    mini.raw_file("facts").write_text(out.getvalue(), encoding="utf-8")
    _, problems = run_check(mini)
    assert [str(p) for p in problems] == []
    assert before  # the hand-coded rows were valid before and still are


def test_append_keeps_crlf_and_a_file_without_a_final_line_end(mini, article):
    facts = mini.raw_file("facts")
    crlf = facts.read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")
    facts.write_bytes(crlf)
    assert main(["--root", str(mini.root), "extract", str(article), "--source-id", "s_qd", "--append"]) == 0
    after = facts.read_bytes()
    assert after.startswith(crlf + b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")


def test_append_rows_renumbers_ids_the_file_has(tmp_path):
    p = tmp_path / "facts.csv"
    p.write_bytes(b"fact_id,value_text\ns-01,1\n")
    assert append_rows(p, [{"fact_id": "s-01", "value_text": "2", "draft": "true"}]) == 1
    assert p.read_bytes() == b"fact_id,value_text\ns-01,1\ns-02,2,true,,\n"


@pytest.mark.parametrize("args, message", [
    (["--model", "qingdoa"], "workbook extract: --model qingdoa: unknown; nearest known: qingdao (data/raw/models.csv)"),
    (["--source-id", "s_qq"], ("workbook extract: --source-id s_qq: unknown; nearest known: s_qd "
                              "(data/raw/sources.csv; add the source's row first)")),
    (["--append"], "workbook extract: --append needs --source-id ID (the appended rows' fact ids are ID-NN)"),
    (["--append", "--source-id", "s_qd", "--out", "x.csv"],
     "workbook extract: --append and --out: choose one (--append writes into data/raw/facts.csv)"),
])
def test_bad_options_exit_2_naming_what_is_known(mini, article, capsys, args, message):
    before = mini.raw_file("facts").read_bytes()
    assert main(["--root", str(mini.root), "extract", str(article), *args]) == 2
    assert capsys.readouterr().err.strip() == message
    assert mini.raw_file("facts").read_bytes() == before


def test_project_context_reads_regions_and_models(mini):
    ctx = project_context(mini.raw, "qingdao")
    assert ctx.model_id == "qingdao" and ctx.models[0]["model_id"] == "qingdao"
    assert [p.code for _, _, p in ctx.gazetteer.find("青岛市")] == ["370200"]


def test_traditional_script_drafts_the_same_rows_as_simplified(ctx):
    import opencc

    simple = ("博罗县社工站建设成效显著\n发布时间：2022-11-01\n截至目前，全县建成17个镇(街)社工服务站，"
              "92个村(居)社工服务点，累计服务群众超30万人次，开展个案服务数十个，将近260万元资金投入。"
              "其中，罗阳街道社工站开展个案服务120个。每个社工站配备3名社工。到2025年，力争建成社工站30个。\n")
    trad = opencc.OpenCC("s2t").convert(simple)
    assert trad != simple and len(trad) == len(simple)
    keys = ("value", "value_low", "value_high", "unit", "qualifier", "status", "indicator", "region_code",
            "model_id", "as_of", "period", "scope")
    a, b = drafts(simple, ctx), drafts(trad, ctx)
    assert [tuple(r[k] for k in keys) for r in a] == [tuple(r[k] for k in keys) for r in b]
    assert len(a) == 8 and all(r["evidence"] in trad for r in b)


def test_money_indicator_by_payer_and_small_rewards_and_place_held_counts():
    from helpers.data.draft_fields import money_indicator

    ind = {"funding_provincial": {}, "allowance_per_worker": {}, "funding_total": {}, "funding_lottery": {}}
    base = {"indicator": "funding_total", "payer": "unspecified", "purpose": "services", "value": "6280000",
            "value_text": "628万元"}
    assert money_indicator(dict(base, payer="provincial"), ind) == "funding_provincial"
    assert money_indicator(dict(base, payer="welfare_lottery"), ind) == "funding_lottery"
    assert money_indicator(dict(base, payer="charity"), ind) == "funding_total"  # the project has no such indicator
    assert money_indicator(dict(base, purpose="rewards"), ind) == "funding_total"  # 628万元 is not a rate
    assert money_indicator(dict(base, purpose="rewards", value="6000", value_text="6000元"), ind) == \
        "allowance_per_worker"
    assert money_indicator(dict(base, indicator="funding_per_station", payer="provincial"), ind) == \
        "funding_per_station"  # a specific indicator stays
    assert counted_phrase("山东有乡镇(街道)1825个", 9, 14) == "乡镇(街道)"
    assert counted_phrase("所有社工站138个", 5, 9) == "所有社工站"


def test_places_covered_when_coverage_follows_them(ctx):
    rows = by_text(drafts("江永县社工站\n9个乡镇全部覆盖，6个村(社区)社会工作室揭牌，全县有乡镇12个。\n", ctx))
    assert rows["9个"]["indicator"] == "townships_covered"
    assert rows["12个"]["indicator"] == "townships_total"
    goal = drafts("山西省社工站\n全省1278个乡镇(街道)将实现社工站全覆盖。\n", ctx)[0]
    assert goal["indicator"] == "townships_total"  # the coverage is of stations, and a goal


MORE = dict(INDICATORS, **{
    k: {"unit": u, "dimension": "x", "label_zh": k, "label_en": k} for k, u in (
        ("social_workers_employed", "persons"), ("social_workers_sites", "persons"),
        ("certified_per_station", "persons"), ("job_applicants", "persons"), ("exam_applicants", "persons"),
        ("coverage_other_pct", "percent"), ("counties_covered", "count"), ("volunteers", "persons"))})


def more(text, ctx):
    return by_text(extract_text(text, indicators=MORE, context=ctx))


def test_workers_a_station_hires_or_holds_are_stationed(ctx):
    assert more("博罗县各社工站招聘一线社工共60名。", ctx)["60名"]["indicator"] == "social_workers_stationed"
    assert more("博罗县现有5名驻站社工并全员持证。", ctx)["5名"]["indicator"] == "social_workers_stationed"
    assert more("博罗县招聘社工60名。", ctx)["60名"]["indicator"] == "social_workers_employed"  # no station named


def test_workers_after_counts_of_stations_and_points_are_workers_of_both(ctx):
    r = more("博罗县建成社工站17个，社工点92个，配备社工120名。", ctx)
    assert r["120名"]["indicator"] == "social_workers_sites"
    assert more("博罗县建成社工站17个，配备社工120名。", ctx)["120名"]["indicator"] == "social_workers_stationed"


def test_registrations_for_the_exam_are_exam_candidates(ctx):
    r = more("社会工作者职业水平考试\n2024年，博罗县报名人数达3000人。", ctx)["3000人"]
    assert r["indicator"] == "exam_applicants"
    assert more("博罗县社工岗位报名人数达3000人。", ctx)["3000人"]["indicator"] == "job_applicants"


@pytest.mark.parametrize("text, figure, indicator", [
    ("博罗县社区社工室覆盖达到80%。", "80%", "coverage_other_pct"),
    ("博罗县实现县(区)全覆盖。", "全覆盖", "coverage_other_pct"),
    ("博罗县困难群众社会工作服务100%覆盖。", "100%", "coverage_other_pct"),
    ("博罗县镇街社工站覆盖率达到80%。", "80%", "coverage_township_pct")])
def test_a_coverage_rate_of_something_else_is_another_rate(ctx, text, figure, indicator):
    assert more(text, ctx)[figure]["indicator"] == indicator


def test_the_level_word_of_a_site_and_counts_of_counties(ctx):
    assert more("博罗县建成村(社区)社会工作服务站50个。", ctx)["50个"]["indicator"] == "village_points"
    assert more("博罗县在3个县(区)试点建设社工站。", ctx)["3个"]["indicator"] == "counties_covered"


def test_norms_by_rate_cap_and_a_station_norm_opening_the_sentence(ctx):
    assert more("博罗县社工每月至少探访2次。", ctx)["2次"]["status"] == "standard"
    assert more("博罗县按每月300元标准发放社工津贴。", ctx)["300元"]["status"] == "standard"
    r = more("博罗县每个社工站按要求配备团队，即不少于4名社工，其中持证社工不少于2人，每名社工联系5名志愿者。", ctx)
    assert (r["不少于4名"]["status"], r["不少于4名"]["indicator"]) == ("standard", "social_workers_per_station")
    assert r["不少于2人"]["indicator"] == "certified_per_station"
    assert r["5名"]["indicator"] == "volunteers"  # a norm per station does not make volunteers workers per station


def test_a_deadline_the_article_postdates_is_reported_and_this_year_is_the_date_lines(ctx):
    r = more("标题\n发布时间：2023-05-02\n到2021年底，博罗县实现17个社工站全覆盖。\n", ctx)["17个"]
    assert (r["status"], r["as_of"]) == ("reported", "2021")
    r = more("标题\n发布时间：2020-05-02\n到2021年底，博罗县建成17个社工站。\n", ctx)["17个"]
    assert r["status"] == "target"
    r = more("标题\n发布时间：2023-11-02\n今年6月，博罗县建成17个社工站。\n", ctx)["17个"]
    assert r["as_of"] == "2023-06"


def test_an_english_title_naming_the_nation_places_figures_that_name_none(ctx):
    r = drafts("Stations exceed 500 nationwide\n800 social workers were stationed.\n", ctx)
    assert r and all(x["region_code"] == "000000" for x in r)


MORE2 = dict(MORE, **{
    k: {"unit": u, "dimension": d, "label_zh": k, "label_en": k} for k, u, d in (
        ("workforce_person_times", "person_times", "staffing"), ("community_activities", "count", "outputs"),
        ("stations_all_sites", "count", "coverage"), ("sw_talent_trained", "persons", "staffing"),
        ("experts", "persons", "staffing"), ("social_work_agencies", "count", "staffing"),
        ("home_visits", "count", "outputs"))})


@pytest.mark.parametrize("text, figure, indicator", [
    ("博罗县投入社工3000余人次，服务群众5万人次。", "3000余人次", "workforce_person_times"),  # workers deployed
    ("博罗县投入社工3000余人次，服务群众5万人次。", "5万人次", "service_person_times"),
    ("博罗县依托社工站点开展志愿服务300余场次。", "300余场次", "community_activities"),  # 场 counts events
    ("博罗县建成三级社工服务阵地120个。", "120个", "stations_all_sites"),  # several levels together
    ("博罗县建成工业园区社工站3个。", "3个", "stations_all_sites"),  # a non-township host
    ("博罗县建成镇街社工站17个。", "17个", "stations_township"),
    ("博罗县已培养专业持证社工40人。", "40人", "sw_talent_trained"),  # the verb decides, not the adjective
    ("博罗县经专家评审，3人入选省级拔尖人才。", "3人", "honoured_social_workers"),
    ("博罗县社工站引入2家专业社工组织。", "2家", "social_work_agencies"),
])
def test_what_the_figure_counts_decides_workers_events_sites_and_talent(ctx, text, figure, indicator):
    r = by_text(extract_text(text, indicators=MORE2, context=ctx))[figure]
    assert r["indicator"] == indicator, r["reason"]


def test_last_year_is_counted_from_the_date_line(ctx):
    r = more("标题\n发布时间：2023-03-02\n去年，博罗县建成17个社工站。\n", ctx)["17个"]
    assert r["as_of"] == "2022" and "去年" in r["reason"]
    r = more("标题\n发布时间：2023-03-02\n博罗县有社工站17个，比去年新增5个。\n", ctx)
    assert r["17个"]["as_of"] == r["5个"]["as_of"] == "2023-03"  # 比去年: the base of a comparison


def test_a_summary_line_restating_a_figure_is_drafted_once(ctx):
    text = "标题\n发布时间：2023-03-02\n博罗县建成社工站17个，服务群众3万人次。\n★博罗县社工站17个。\n"
    found = [r["value_text"] for r in extract_text(text, indicators=MORE, context=ctx)]
    assert found.count("17个") == 1 and "3万人次" in found
    text = "标题\n2021年博罗县建成社工站17个。\n2023年博罗县建成社工站17个。\n"  # two dates: two figures
    assert [r["value_text"] for r in extract_text(text, indicators=MORE, context=ctx)].count("17个") == 2


def test_a_national_station_count_without_a_township_level_is_unsure(ctx):
    ind = dict(MORE, stations_all_types={"unit": "count", "dimension": "coverage", "label_zh": "x", "label_en": "x"})
    unsure = by_text(extract_text("2022年，全国共建成社会工作服务站3万个。", indicators=ind, context=ctx))["3万个"]
    assert unsure["confidence"] == "low" and "stations_all_types?" in unsure["reason"]
    sure = by_text(extract_text("2022年，全国共建成乡镇(街道)社工站3万个。", indicators=ind, context=ctx))["3万个"]
    assert "stations_all_types?" not in sure["reason"]
