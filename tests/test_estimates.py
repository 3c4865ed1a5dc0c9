"""Small-sample statistics (helpers.pages.estimates): one observation per date, year-end stocks, trends."""

import pandas as pd

from helpers.pages import estimates as stats


def test_one_per_date_drops_duplicates_restatements_and_averages_same_day():
    pts = pd.DataFrame({
        "fact_id": ["a", "b", "c", "d", "e", "f"],
        "as_of": ["2021", "2022-04-26", "2022", "2022-12-31", "2022-12-31", "2023"],
        "value": [737e3, 737e3, 931e3, 929e3, 931e3, 1161e3],
        "qualifier": ["exact", "exact", "exact", "exact", "approx", "exact"],
        "duplicate_of": ["", "", "", "", "c", ""]})
    kept, dropped = stats.one_per_date(pts)
    assert list(kept["as_of"]) == ["2021-12-31", "2022-12-31", "2023-12-31"]
    assert kept.iloc[1]["value"] == 930e3 and kept.iloc[1]["n"] == 2
    assert dropped == ["b", "e"]
    assert (kept["t"].diff().dropna() > 0.99).all()  # year-end values sit at year end, a year apart


def test_weakest_qualifier_wins_when_averaging():
    pts = pd.DataFrame({"fact_id": ["a", "b"], "as_of": ["2022-06-30"] * 2, "value": [21000.0, 21500.0],
                        "qualifier": ["exact", "at_least"], "duplicate_of": ["", ""]})
    kept, _ = stats.one_per_date(pts)
    assert kept.iloc[0]["qualifier"] == "at_least"


def test_chinese_tables_have_chinese_headers():
    pts = pd.DataFrame({"t": [2021.0, 2022.0, 2023.0], "value": [1.0, 2.0, 3.5]})
    fit = stats.linear_trend(pts, until=2025.0)
    assert list(stats.coef_table(fit.results, lang="zh").columns) == ["项", "系数", "标准误", "95%区间下限", "95%区间上限"]
    assert "样本数" in stats.fit_stats(fit.results, "zh").columns


def test_one_per_date_of_no_points_is_an_empty_series():
    """A project without a national series (the fixture projects) gets an empty series, not a KeyError."""
    empty = pd.DataFrame(columns=["fact_id", "as_of", "value", "qualifier", "duplicate_of"])
    kept, dropped = stats.one_per_date(empty, stock=True)
    assert kept.empty and list(kept.columns[:5]) == ["as_of", "value", "qualifier", "fact_id", "n"]
    assert dropped == []


def test_linear_trend_recovers_a_known_line_and_centres_time():
    pts = pd.DataFrame({"t": [2021.0, 2022.0, 2023.0, 2024.0], "value": [10.0, 12.0, 14.0, 16.0],
                        "qualifier": ["exact"] * 4})
    fit = stats.linear_trend(pts, until=2026.0)
    assert fit.origin == 2021 and round(fit.slope, 9) == 2.0
    assert round(float(fit.results.params[0]), 9) == 10.0  # the level at the start of 2021
    assert round(fit.crossing(20.0), 6) == 2026.0
    assert round(float(fit.at(2026.0)["mean"]), 6) == 20.0


def test_bootstrap_is_seeded_and_brackets_the_median():
    a = stats.bootstrap_median([2.0, 2.5, 2.4, 14.7, 39.3])
    assert a == stats.bootstrap_median([2.0, 2.5, 2.4, 14.7, 39.3])
    assert a[1] <= a[0] <= a[2] and a[0] == 2.5


def test_decimal_year():
    assert stats.decimal_year("2022") == 2022.999
    assert round(stats.decimal_year("2023-01"), 4) == round(2023 + 0.5 / 12, 4)
    assert 2021.84 < stats.decimal_year("2021-11-05") < 2021.86
