"""helpers.data.dates: which date a draft row gets when the figure's own words give none."""

from helpers.data.dates import as_of_for, dates_in, title_year, undated_fallback


def test_clause_date_wins_over_the_sentence_and_iso_dates_are_read():
    assert as_of_for("截至2023年6月底建成138个", "2022年起，截至2023年6月底建成138个") == "2023-06"
    assert as_of_for("建成138个", "截至2023-06-30，建成138个") == "2023-06-30"
    assert as_of_for("建成138个", "建成138个") == ""


def test_a_span_of_plan_years_is_not_a_date():
    assert dates_in("“十四五”(2021-2025年)期间") == []
    assert dates_in("2021至2025年规划，2022年建成") == ["2022"]


def test_impossible_month_or_day_is_dropped_not_guessed():
    assert dates_in("2023年13月") == ["2023"]
    assert dates_in("2023年6月40日") == ["2023-06"]


def test_title_year_names_the_time_covered_but_not_a_goal_or_several_years():
    assert title_year("广州市社会工作协会年会报道(2023年社工服务数据)\n正文") == "2023"
    assert title_year("到2025年实现社工站全覆盖\n正文") == ""
    assert title_year("2025年前建成\n正文") == ""
    assert title_year("2021年和2022年对比\n正文") == ""
    assert title_year("社工站建设报道\n2023年，建成138个") == ""


def test_fallback_prefers_the_title_year_only_when_the_date_line_is_later():
    assert undated_fallback("2023年社工服务数据\n发布时间：2024-01-18\n正文") == ("2023", "title")
    assert undated_fallback("2024年社工站报道\n发布时间：2024-01-18\n正文") == ("2024-01", "date line")
    assert undated_fallback("社工站报道\n发布时间：2024-01-18\n正文") == ("2024-01", "date line")
    assert undated_fallback("Statistics on social work in 2017\n发布时间：2018-05\n…") == ("2017", "title")
    assert undated_fallback("Stations to be built by 2025\n…") == ("", "")
    assert undated_fallback("2023年社工服务数据\n正文") == ("2023", "title")
    assert undated_fallback("社工站报道\n正文") == ("", "")


def test_the_last_date_before_the_clause_governs_it():
    sentence = "到2022年，建成100个，到2025年，建成200个"
    at = sentence.index("建成200个")
    assert as_of_for("建成200个", sentence, at) == "2025"
    assert as_of_for("建成100个", sentence, sentence.index("建成100个")) == "2022"
    assert as_of_for("建成100个", "建成100个，2024年起运营", 0) == "2024"  # else the first date after
