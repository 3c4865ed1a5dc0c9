"""Dates as the spans they name: ``2022`` is the whole year, ``2022-06`` the month, ``2022-06-30`` the day.

A year-only date cannot be placed inside its year, so comparisons use the span: two dates are at most a year
apart when the gap between their spans is at most one year.

>>> span("2022")
(2022.0, 2023.0)
>>> round(gap_years("2021", "2020-11-01"), 2)
0.16
>>> gap_years("2019", "2022")
2.0
"""

from __future__ import annotations

import calendar
import datetime as dt


def _fraction(d: dt.date) -> float:
    days = 366 if calendar.isleap(d.year) else 365
    return d.year + (d.timetuple().tm_yday - 1) / days


def span(as_of: str) -> tuple[float, float]:
    """The start and end of ``as_of`` in decimal years (end exclusive)."""
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 1:
        return float(parts[0]), float(parts[0] + 1)
    if len(parts) == 2:
        y, m = parts
        start = dt.date(y, m, 1)
        end = dt.date(y + (m == 12), m % 12 + 1, 1)
        return _fraction(start), _fraction(end) if end.year == y else float(end.year)
    d = dt.date(*parts)
    return _fraction(d), _fraction(d) + 1 / (366 if calendar.isleap(d.year) else 365)


def gap_years(a: str, b: str) -> float:
    """Years between the spans of ``a`` and ``b`` (0 when they overlap)."""
    (a0, a1), (b0, b1) = span(a), span(b)
    return max(0.0, b0 - a1, a0 - b1)


def within_a_year(a: str, b: str) -> bool:
    """True when both dates are given and their spans are at most one year apart."""
    return bool(a) and bool(b) and gap_years(a, b) <= 1.0 + 1e-9
