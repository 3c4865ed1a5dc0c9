"""Dates as spans (helpers.data.timespan): a year-only date covers its whole year, so two dates are within a
year when the gap between their spans is at most one year."""

import pytest

from helpers.data.timespan import gap_years, span, within_a_year


def test_a_date_names_a_year_a_month_or_a_day():
    assert span("2022") == (2022.0, 2023.0)
    lo, hi = span("2024-02")  # a leap-year February
    assert lo == pytest.approx(2024 + 31 / 366) and hi == pytest.approx(2024 + 60 / 366)
    lo, hi = span("2022-12-31")
    assert lo < hi == pytest.approx(2023.0)


def test_gap_is_zero_when_spans_touch_or_overlap_and_symmetric():
    assert gap_years("2022", "2022-06-30") == 0
    assert gap_years("2021", "2022") == 0  # the end of 2021 touches the start of 2022
    assert gap_years("2019", "2022") == gap_years("2022", "2019") == 2.0


def test_within_a_year_uses_the_spans():
    assert within_a_year("2021", "2022-12-31")       # 2021 ends where 2022 begins
    assert not within_a_year("2020", "2022-01-02")   # a year and a day apart
