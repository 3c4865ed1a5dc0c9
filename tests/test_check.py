"""Every validation rule rejects a malformed row with the right file, row and column."""

import pytest
from conftest import edit_cell

from helpers.data.check import Problem, load_raw, run_check, schema_problems


def problems(project):
    return [str(p) for p in run_check(project)[1]]


def test_mini_project_is_valid(mini):
    assert problems(mini) == []


def test_a_table_checked_again_after_an_edit_is_validated_afresh(mini):
    """schema_problems keeps its answer per table content: the same content gives the same answer, and any change
    (a cell, in place or in a copy, a column name, the row order) is validated again."""
    facts = load_raw(mini)[0]["facts"]
    assert schema_problems(facts, "facts") == [] == schema_problems(facts.copy(), "facts")
    facts.loc[1, "qualifier"] = "somewhat"  # the same frame, edited in place
    assert [(p.row, p.column) for p in schema_problems(facts, "facts")] == [(3, "qualifier")]
    moved = facts.iloc[::-1].reset_index(drop=True)
    assert [(p.row, p.column) for p in schema_problems(moved, "facts")] == [(5, "qualifier")]
    facts.loc[1, "qualifier"] = "at_least"
    assert schema_problems(facts, "facts") == []
    renamed = facts.rename(columns={"note": "notes"})
    assert {p.column for p in schema_problems(renamed, "facts")} == {"note", "notes"}
    assert schema_problems(facts, "phases") != [] and schema_problems(facts, "facts") == []


@pytest.mark.parametrize(
    "table,row,column,value,expected",
    [
        ("facts", 2, "value", "3000", "data/raw/facts.csv:2:value: '300多人'".replace("300多人", "138处")),
        ("facts", 3, "value", "3000", "data/raw/facts.csv:3:value:"),
        ("facts", 3, "qualifier", "exact", "data/raw/facts.csv:3:qualifier:"),
        ("facts", 3, "value_high", "300", "data/raw/facts.csv:3:value_high:"),
        ("facts", 4, "qualifier", "somewhat", "data/raw/facts.csv:4:qualifier: must be one of"),
        ("facts", 2, "unit", "persons", "data/raw/facts.csv:2:unit:"),
        ("facts", 2, "model_id", "qingdoa", "data/raw/facts.csv:2:model_id: unknown model_id 'qingdoa'"),
        ("facts", 2, "source_id", "s_none", "data/raw/facts.csv:2:source_id: unknown source_id"),
        ("facts", 2, "region_code", "999999", "data/raw/facts.csv:2:region_code: unknown region_code"),
        ("facts", 2, "indicator", "nope", "data/raw/facts.csv:2:indicator: unknown indicator"),
        ("facts", 2, "dimension", "staffing", "data/raw/facts.csv:2:dimension: must be 'coverage'"),
        ("facts", 2, "status", "target", "data/raw/facts.csv:2:dimension: must be 'targets'"),
        ("facts", 2, "evidence", "", "data/raw/facts.csv:2:evidence: an exact quote"),
        ("facts", 2, "evidence", "青岛" * 31, "data/raw/facts.csv:2:evidence: is 62 characters"),
        ("facts", 2, "evidence", "社工站一百三十八处", "data/raw/facts.csv:2:value_text: '138处' does not occur"),
        ("facts", 2, "value_text", "abc", "data/raw/facts.csv:2:value_text: not a quantity: 'abc'"),
        ("facts", 2, "as_of", "22年", "data/raw/facts.csv:2:as_of: must be a date"),
        ("facts", 2, "value", "1,380", "data/raw/facts.csv:2:value: must be a plain number"),
        ("facts", 2, "fact_id", "s_qd-02", "data/raw/facts.csv:3:fact_id: duplicate id 's_qd-02'"),
        ("facts", 2, "fact_id", "x-01", "data/raw/facts.csv:2:fact_id: must start with its source_id"),
        ("facts", 6, "value", "12", "data/raw/facts.csv:6:value: must be empty when the source lost"),
        ("facts", 2, "period", "forever", "data/raw/facts.csv:2:period: must be one of"),
        ("facts", 2, "scope", "most", "data/raw/facts.csv:2:scope: must be one of: whole, programme, phase, site, subset"),
        ("facts", 3, "value_text", "", "data/raw/facts.csv:3:value_text: is required"),
        ("sources", 3, "source_id", "s_qd", "data/raw/sources.csv:3:source_id: duplicate id 's_qd'"),
        ("sources", 2, "kind", "blog", "data/raw/sources.csv:2:kind: must be one of"),
        ("sources", 2, "title", "", "data/raw/sources.csv:2:title: is required"),
        ("sources", 2, "published", "May 2023", "data/raw/sources.csv:2:published: must be a date"),
        ("models", 2, "operating_mode", "magic", "data/raw/models.csv:2:operating_mode: must be one of"),
        ("models", 2, "source_ids", "s_qd|s_gone", "data/raw/models.csv:2:source_ids: unknown source_id 's_gone'"),
        ("models", 2, "tiers", "city|township", "data/raw/models.csv:2:tiers: must be tiers from"),
        ("models", 2, "region_code", "3702", "data/raw/models.csv:2:region_code: must be a 6-digit region code"),
        ("regions", 3, "population_2020", "10,071,722", "data/raw/regions.csv:3:population_2020: must be a whole number"),
        ("regions", 3, "population_source_id", "", "data/raw/regions.csv:3:population_source_id: a population needs"),
        ("regions", 3, "parent_code", "110000", "data/raw/regions.csv:3:parent_code: unknown parent_code"),
        ("indicators", 2, "unit", "stations", "data/raw/indicators.csv:2:unit: must be one of"),
        ("indicators", 2, "dimension", "vibes", "data/raw/indicators.csv:2:dimension: must be one of"),
    ],
)
def test_rule_names_file_row_and_column(mini, table, row, column, value, expected):
    edit_cell(mini, table, row, column, value)
    found = problems(mini)
    assert any(p.startswith(expected) for p in found), found


def test_percent_over_100_rejected_unless_allowed(mini):
    path = mini.raw_file("facts")
    path.write_text(path.read_text(encoding="utf-8") +
                    "s_qd-06,qingdao,370200,coverage,coverage_township_pct,120%,120,120,120,percent,exact,"
                    "reported,2022,point_in_time,whole,,覆盖率,coverage,,,,,,,,s_qd,覆盖率达120%,\n", encoding="utf-8")
    assert any(p.startswith("data/raw/facts.csv:7:value: 120% is over 100") for p in problems(mini))
    edit_cell(mini, "indicators", 6, "allow_over_100", "true")
    assert problems(mini) == []


def test_all_problems_are_listed_not_just_the_first(mini):
    edit_cell(mini, "facts", 2, "model_id", "zz")
    edit_cell(mini, "facts", 4, "qualifier", "zz")
    edit_cell(mini, "sources", 2, "kind", "zz")
    found = problems(mini)
    assert len({p.split(":")[0] + p.split(":")[1] for p in found}) >= 3


def test_missing_file_and_column_are_problems_not_tracebacks(mini):
    mini.raw_file("indicators").unlink()
    text = mini.raw_file("sources").read_text(encoding="utf-8").replace(",kind,", ",kinds,")
    mini.raw_file("sources").write_text(text, encoding="utf-8")
    found = problems(mini)
    assert "data/raw/indicators.csv:0:-: file not found" in found
    assert "data/raw/sources.csv:1:kind: required column is missing" in found
    assert "data/raw/sources.csv:1:kinds: unexpected column (see docs/CODING.md)" in found


def test_non_utf8_file_is_a_problem(mini):
    mini.raw_file("models").write_bytes("model_id\n青岛\n".encode("gbk"))
    assert "data/raw/models.csv:2:model_id: not UTF-8 text: byte 0xc7 at line 2, character 1 (column 'model_id'); save the file as UTF-8" in problems(mini)


def test_problem_formats_like_a_compiler():
    assert str(Problem("data/raw/facts.csv", 7, "value", "bad")) == "data/raw/facts.csv:7:value: bad"


# --- what a figure is about (scope, sites, money, duplicates, conflicts, headline ties) -------------------------

def _add_fact(mini, line):
    path = mini.raw_file("facts")
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_site_needs_its_name(mini):
    edit_cell(mini, "facts", 5, "scope", "site")
    found = problems(mini)
    assert "data/raw/facts.csv:5:site_zh: name the site when scope is 'site'" in found
    edit_cell(mini, "facts", 5, "site_zh", "某站")
    edit_cell(mini, "facts", 5, "site_en", "A station")
    assert problems(mini) == []


def test_money_needs_purpose_and_payer_and_only_money(mini):
    _add_fact(mini, "s_qd-06,qingdao,370200,funding,funding_total,205万元,2050000,2050000,2050000,CNY,exact,"
                    "reported,2023,annual,whole,,资金,funds,,,,,,,,s_qd,资金205万元,")
    mini.raw_file("indicators").write_text(mini.raw_file("indicators").read_text(encoding="utf-8")
                                           + "funding_total,funding,CNY,资金,Funding,Money,false,,,,,,,,\n", encoding="utf-8")
    found = problems(mini)
    assert any(p.startswith("data/raw/facts.csv:7:purpose: money needs its purpose") for p in found)
    assert any(p.startswith("data/raw/facts.csv:7:payer: money needs its payer") for p in found)
    edit_cell(mini, "facts", 2, "payer", "city")
    assert "data/raw/facts.csv:2:payer: only for money (unit CNY)" in problems(mini)


def test_duplicate_must_point_at_the_same_reading(mini):
    edit_cell(mini, "facts", 3, "duplicate_of", "s_qd-01")
    assert any(p.startswith("data/raw/facts.csv:3:duplicate_of: a duplicate has the same indicator")
               for p in problems(mini))
    edit_cell(mini, "facts", 3, "duplicate_of", "s_qd-99")
    assert "data/raw/facts.csv:3:duplicate_of: unknown fact_id 's_qd-99'" in problems(mini)


def test_conflicts_must_point_back_and_regions_refs_name_the_place(mini):
    edit_cell(mini, "facts", 2, "conflicts_with", "s_qd-02")
    assert "data/raw/facts.csv:2:conflicts_with: 's_qd-02' must point back (add s_qd-01 to its conflicts_with)" \
        in problems(mini)
    edit_cell(mini, "facts", 2, "conflicts_with", "regions:370000:townships")
    assert any(p.startswith("data/raw/facts.csv:2:conflicts_with: 'regions:370000:townships': write regions:370200")
               for p in problems(mini))
    edit_cell(mini, "facts", 2, "conflicts_with", "regions:370200:townships")
    assert problems(mini) == []


def test_an_open_headline_tie_is_refused_until_marked(mini):
    _add_fact(mini, "s_qd-06,qingdao,370200,coverage,stations_township,140处,140,140,140,count,exact,reported,2022,"
                    "point_in_time,whole,,镇街社工站,township stations,,,,,,,,s_qd,建设社工站140处,")
    found = problems(mini)
    assert any(p.startswith("data/raw/facts.csv:2:headline: qingdao/stations_township: s_qd-01, s_qd-06 tie")
               for p in found)
    edit_cell(mini, "facts", 7, "headline", "true")
    assert problems(mini) == []


def test_headline_only_on_the_models_own_whole_figure(mini):
    edit_cell(mini, "facts", 2, "scope", "phase")
    edit_cell(mini, "facts", 2, "headline", "true")
    assert any(p.startswith("data/raw/facts.csv:2:headline: only a whole or programme figure")
               for p in problems(mini))


def test_gbk_file_names_the_line_and_column_of_the_first_bad_byte(mini):
    text = mini.raw_file("facts").read_text(encoding="utf-8")
    mini.raw_file("facts").write_bytes(text.encode("gbk"))
    found = problems(mini)
    bad = [p for p in found if p.startswith("data/raw/facts.csv")]
    # row 2 is the first row with Chinese: value_text '138处' is its 6th field
    assert bad == [("data/raw/facts.csv:2:value_text: not UTF-8 text: byte 0xb4 at line 2, character 54 "
                    "(column 'value_text'); save the file as UTF-8")], bad


def test_header_only_table_is_an_error(mini):
    header = mini.raw_file("facts").read_text(encoding="utf-8").splitlines()[0]
    mini.raw_file("facts").write_text(header + "\n", encoding="utf-8")
    assert "data/raw/facts.csv:2:-: has a header but no rows; every table needs at least one row" in problems(mini)


def test_cells_a_spreadsheet_would_run_are_warned_about_not_errors(mini, capsys):
    from helpers.cli import main
    from helpers.data.check import formula_warnings

    edit_cell(mini, "facts", 3, "note", '=HYPERLINK("http://example.org","click me")')
    edit_cell(mini, "sources", 2, "note", "@SUM(A1)")
    edit_cell(mini, "facts", 4, "note", "-2 is fine as a number")
    tables, found = run_check(mini)
    assert found == []
    assert [(p.file, p.row, p.column) for p in formula_warnings(tables)] == [
        ("data/raw/facts.csv", 3, "note"), ("data/raw/facts.csv", 4, "note"), ("data/raw/sources.csv", 2, "note")]
    assert main(["--root", str(mini.root), "check"]) == 0
    err = capsys.readouterr().err
    assert "data/raw/facts.csv:3:note: warning: starts with '='" in err


# --- sources.reliability and phases.csv --------------------------------------------------------------------------

PHASES = ("phase_id,model_id,name_zh,name_en,start,end,change_zh,change_en,source_id,evidence,note\n"
          "qingdao_one,qingdao,一期,Phase one,2021,2022,,,s_qd,一期,\n"
          "qingdao_two,qingdao,二期,Phase two,2023,,,,s_qd,二期,\n")


def _with_phases(project, text=PHASES):
    project.raw_file("phases").write_text(text, encoding="utf-8")


def test_a_source_needs_a_reliability_from_the_vocabulary(mini):
    edit_cell(mini, "sources", 2, "reliability", "trusted")
    edit_cell(mini, "sources", 3, "reliability", "")
    found = problems(mini)
    assert any(p.startswith("data/raw/sources.csv:2:reliability: must be one of: official, press") for p in found)
    assert ("data/raw/sources.csv:3:reliability: is required: empty in 1 row (3); one of: official, press, "
            "secondary, mirror, unknown") in found


def test_an_empty_phases_table_is_valid_but_a_missing_one_is_not(mini):
    assert problems(mini) == []  # the mini project's phases.csv has a header and no rows
    mini.raw_file("phases").unlink()
    assert "data/raw/phases.csv:0:-: file not found" in problems(mini)


def test_a_fact_may_name_a_phase_of_its_own_model(mini):
    _with_phases(mini)
    edit_cell(mini, "facts", 2, "phase", "qingdao_one")
    edit_cell(mini, "facts", 3, "phase", "qingdao_two")
    edit_cell(mini, "facts", 3, "as_of", "2023")
    assert problems(mini) == []


def test_a_fact_phase_must_exist_and_belong_to_the_same_model(mini):
    other = mini.raw_file("models").read_text(encoding="utf-8").splitlines()[1].replace("qingdao,", "other,", 1)
    with mini.raw_file("models").open("a", encoding="utf-8") as f:
        f.write(other + "\n")
    _with_phases(mini, PHASES + "other_one,other,别的,Other,2020,,,,s_qd,别的,\n")
    edit_cell(mini, "facts", 2, "phase", "qingdao_three")
    edit_cell(mini, "facts", 3, "phase", "other_one")
    found = problems(mini)
    assert "data/raw/facts.csv:2:phase: unknown phase 'qingdao_three' (not in data/raw/phases.csv)" in found
    assert "data/raw/facts.csv:3:phase: phase 'other_one' belongs to model 'other', not 'qingdao'" in found
    assert len(found) == 2


@pytest.mark.parametrize("column,value,expected", [
    ("model_id", "qingdoa", "data/raw/phases.csv:2:model_id: unknown model_id 'qingdoa'"),
    ("source_id", "s_none", "data/raw/phases.csv:2:source_id: unknown source_id 's_none'"),
    ("end", "2020", "data/raw/phases.csv:2:end: ends (2020) before it starts (2021)"),
    ("start", "2021年", "data/raw/phases.csv:2:start: must be a date"),
    ("name_en", "", "data/raw/phases.csv:2:name_en: is required"),
    ("evidence", "", "data/raw/phases.csv:2:evidence: is required"),
    ("phase_id", "qingdao_two", "data/raw/phases.csv:3:phase_id: duplicate id 'qingdao_two'"),
])
def test_a_bad_phase_row_is_refused_where_it_is(mini, column, value, expected):
    _with_phases(mini)
    edit_cell(mini, "phases", 2, column, value)
    assert any(p.startswith(expected) for p in problems(mini)), problems(mini)


def test_phases_of_different_precision_compare_by_their_common_part(mini):
    _with_phases(mini)
    edit_cell(mini, "phases", 2, "start", "2021-07")
    edit_cell(mini, "phases", 2, "end", "2021")  # ends within its start year: not before it starts
    assert problems(mini) == []


# --- the words around a figure: qualifiers and standards (the four audit cases of issue 19) --------------------

def _fact(value_text, value, low, high, qualifier, evidence, unit="persons", indicator="social_workers_stationed",
          dimension="staffing", status="reported", period="point_in_time", counts_en="workers"):
    return (f"s_qd-06,qingdao,370200,{dimension},{indicator},{value_text},{value},{low},{high},{unit},{qualifier},"
            f"{status},2022,{period},subset,,社工,{counts_en},,,,,,,,s_qd,{evidence},")


@pytest.mark.parametrize("value_text,value,evidence,stated,qualifier", [
    ("160萬", 1600000, "社會工作專業人才隊伍總數已經超過160萬", "'超過160萬' (at least)", "at_least"),  # traditional
    ("160万", 1600000, "社会工作专业人才队伍总数已经超过160万", "'超过160万' (at least)", "at_least"),
    ("3名", 3, "社會工作站至少要配備3名持證社會工作人員", "'至少要配備3名' (at least)", "at_least"),
    ("8474人", 8474, "服务对象建档约5605户8474人", "'约5605户8474人' (approximate)", "approx"),
    ("300人", 300, "全市將近300人", "'將近300人' (approximate)", "approx"),
    ("50人", 50, "每次不超過50人", "'不超過50人' (at most)", "at_most"),
])
def test_a_qualifier_the_evidence_states_is_refused_when_coded_exact(mini, value_text, value, evidence, stated,
                                                                    qualifier):
    _add_fact(mini, _fact(value_text, value, value, value, "exact", evidence))
    found = problems(mini)
    assert f"data/raw/facts.csv:7:qualifier: evidence says {stated}, coded exact" in found


@pytest.mark.parametrize("value_text,value,low,high,qualifier,evidence", [
    ("160萬", 1600000, 1600000, "", "at_least", "社會工作專業人才隊伍總數已經超過160萬"),
    ("超過160萬", 1600000, 1600000, "", "at_least", "社會工作專業人才隊伍總數已經超過160萬"),
    ("8474人", 8474, "", "", "approx", "服务对象建档约5605户8474人"),
    ("3名", 3, 3, 3, "exact", "组建3名多元化专业团队"),       # 多 in 多元 is no qualifier
    ("10名", 10, 10, 10, "exact", "近年来招聘10名"),          # nor 近 in 近年
    ("3名", 3, 3, 3, "exact", "共3名以上级派驻人员为主"),     # nor 以上 in 以上级
])
def test_a_qualifier_coded_as_the_evidence_says_passes(mini, value_text, value, low, high, qualifier, evidence):
    _add_fact(mini, _fact(value_text, value, low, high, qualifier, evidence))
    assert problems(mini) == []


def test_bounds_follow_the_qualifier_the_evidence_states(mini):
    _add_fact(mini, _fact("160萬", 1600000, 1600000, 1600000, "at_least", "總數已經超過160萬"))
    assert problems(mini) == ["data/raw/facts.csv:7:value_high: '超過160萬' in the evidence gives value_high empty"]


def test_a_standard_coded_reported_is_refused(mini):
    edit_cell(mini, "facts", 4, "status", "reported")  # 每个社工站配备二至三名: a norm, not achieved staffing
    found = problems(mini)
    assert ("data/raw/facts.csv:4:status: evidence words it as a norm ('每个社工站配备'): status standard (or target "
            "for a dated goal), not reported") in found


def test_counts_that_say_standard_need_status_standard(mini):
    _add_fact(mini, _fact("3-8", 5.5, 3, 8, "range", "equipped with 3-8 social workers", status="reported",
                          indicator="social_workers_per_station", period="plan",
                          counts_en="Social workers per station (standard)"))
    assert problems(mini) == ["data/raw/facts.csv:7:status: counts say it is a standard: status standard, not reported"]
    edit_cell(mini, "facts", 7, "status", "standard")
    assert problems(mini) == []


def test_a_standard_is_a_plan_and_keeps_its_dimension(mini):
    edit_cell(mini, "facts", 4, "period", "point_in_time")
    assert problems(mini) == ["data/raw/facts.csv:4:period: a standard has period plan, not 'point_in_time'"]
    edit_cell(mini, "facts", 4, "period", "plan")
    edit_cell(mini, "facts", 4, "dimension", "targets")
    assert any(p.startswith("data/raw/facts.csv:4:dimension: must be 'staffing'") for p in problems(mini))


def test_a_result_reached_as_required_stays_reported(mini):
    # 按照要求配备 23 workers at one station reports what it has; only 每/原则上/至少要 words make a norm
    _add_fact(mini, _fact("23名", 23, 23, 23, "exact", "目前按照要求配备双百社工23名"))
    assert problems(mini) == []


def test_a_reported_figure_must_fall_within_its_phase(mini):
    _with_phases(mini)  # qingdao_one runs 2021 to 2022, qingdao_two from 2023 on
    edit_cell(mini, "facts", 2, "phase", "qingdao_one")
    edit_cell(mini, "facts", 2, "as_of", "2023-03")
    edit_cell(mini, "facts", 3, "phase", "qingdao_two")  # as_of 2022: before qingdao_two starts
    assert problems(mini) == [
        "data/raw/facts.csv:2:phase: 'qingdao_one' runs 2021 to 2022; a figure reported as of 2023-03 is not in it",
        "data/raw/facts.csv:3:phase: 'qingdao_two' runs 2023 to now; a figure reported as of 2022 is not in it"]
    edit_cell(mini, "facts", 2, "as_of", "2022-12")  # same year as the end: inside
    edit_cell(mini, "facts", 3, "as_of", "")          # undated: the wording placed it
    assert problems(mini) == []


@pytest.mark.parametrize("table,row,column,value", [
    ("facts", 2, "as_of", "2099-13-45"), ("facts", 2, "as_of", "2023-02-30"), ("facts", 2, "as_of", "2023-00"),
    ("sources", 2, "published", "2023-13"), ("regions", 3, "townships_as_of", "2023-06-31"),
    ("models", 2, "launch_year", "0000")])
def test_case06_every_date_is_a_real_calendar_date_in_one_line(mini, table, row, column, value, capsys):
    from helpers.cli import main

    edit_cell(mini, table, row, column, value)
    assert main(["--root", str(mini.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith(f"data/raw/{table}.csv:{row}:{column}: ")], err


def test_case17_a_csv_syntax_error_names_its_line_not_row_0(mini):
    path = mini.raw_file("facts")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra,cells"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [p for p in run_check(mini)[1] if p.file == "data/raw/facts.csv"]
    assert len(problems) == 1 and problems[0].row == 4 and "line 4 has" in problems[0].message
