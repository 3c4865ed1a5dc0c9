"""The derived ratios, declared once: each entry's numerator, denominator, scale, pairing and the pages it is on.

The indicator catalogue has two halves: the page-role columns of data/raw/indicators.csv for the coded indicators
(:data:`helpers.vocabulary.INDICATOR_ROLES`), and :data:`DERIVED_INDICATORS` here for the ratios computed from
them (:mod:`helpers.data.derived` computes them and explains the pairing fields; :mod:`helpers.pages.catalogue`
puts them on pages; :mod:`helpers.data.checks_catalogue` keeps the panel positions of both halves apart).
Adding a ratio is one entry below plus its labels. This module imports nothing but the standard library, so
every layer may import it.

>>> [d.indicator for d in DERIVED_INDICATORS if d.panel is not None]
['workers_per_station', 'coverage_rate', 'funding_per_station_derived']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DerivedIndicator:
    """A derived ratio, ``scale * numerator / denominator`` for one model, place and coverage (computed, and its
    pairing fields explained, in :mod:`helpers.data.derived`), and the pages it is on. ``dimension_page``:
    charted on its dimension's page, set level beside level there, and a measure of the dimension's paragraph
    (:mod:`helpers.pages.conclusions`); ``three_model``: charted in its aspect of the three-model page and a row
    of its per-unit table; ``station_level``: in that page's staffing per station;
    ``rankable``: may be ranked across models (:func:`helpers.pages.ranking.rankable`); ``panel``: its position
    among the provincial panel's columns (shared with indicators.csv's ``panel``), headed ``panel_label`` (zh, en)
    when given; ``statistics``: its position in the statistics page's spread across models."""

    indicator: str
    numerator: str
    denominator: tuple[str, ...]
    scale: float
    unit: str
    dimension: str
    label_zh: str
    label_en: str
    definition: str
    numerator_purposes: tuple[str, ...] = ()
    numerator_flow: bool = False
    denominator_flow: bool = False
    dimension_page: bool = True
    three_model: bool = True
    station_level: bool = False
    rankable: bool = True
    panel: int | None = None
    panel_label: tuple[str, ...] = ()
    statistics: int | None = None


_MONEY = ("all", "unspecified")
# The derived ratios, in the order pages list them within a dimension: per resident (or per township) first,
# then per station, per worker and per yuan. Adding one here puts it on every page its roles name.
DERIVED_INDICATORS = (
    DerivedIndicator("workers_per_100k_residents", "social_workers_stationed", ("region:population_2020",), 100_000,
                     "persons", "staffing", "每十万常住人口驻站社工数", "Stationed social workers per 100,000 residents",
                     "Social workers stationed ÷ the place's 2020 census population × 100,000", statistics=2),
    DerivedIndicator("workers_sites_per_100k_residents", "social_workers_sites", ("region:population_2020",),
                     100_000, "persons", "staffing", "每十万常住人口站点社工数(社工站+村居社工点)",
                     "Social workers in stations and points per 100,000 residents",
                     "Social workers in stations and village points ÷ the place's 2020 census population × 100,000",
                     statistics=3),
    DerivedIndicator("workers_per_station", "social_workers_stationed", ("stations_township",), 1, "persons",
                     "staffing", "每站社工数", "Social workers per station",
                     "Social workers stationed ÷ township stations, same place, coverage and date",
                     station_level=True, panel=5, panel_label=("每站社工(推算)", "Workers per station (derived)"),
                     statistics=1),
    DerivedIndicator("workers_per_site", "social_workers_sites", ("stations_township", "village_points"), 1,
                     "persons", "staffing", "每个站点社工数(社工站+村居社工点)",
                     "Social workers per site (stations + village points)",
                     "Social workers in stations and points ÷ (township stations + village points)",
                     station_level=True),
    DerivedIndicator("workers_per_township_covered", "social_workers_stationed", ("townships_covered",), 1,
                     "persons", "staffing", "每个覆盖乡镇的驻站社工数", "Stationed social workers per township covered",
                     "Social workers stationed ÷ townships reached by the stations, same place, coverage and date",
                     station_level=True),
    DerivedIndicator("coverage_rate", "stations_township", ("region:townships",), 100, "percent", "coverage",
                     "每百个乡镇(街道)的社工站数(覆盖率)", "Stations per 100 townships (coverage)",
                     "Township stations ÷ the place's townships and streets × 100", panel=3,
                     panel_label=("覆盖率(站数/乡镇数,推算)", "Coverage (stations / townships, derived)"), statistics=4),
    DerivedIndicator("funding_per_resident", "funding_total", ("region:population_2020",), 1, "CNY", "funding",
                     "人均资金(元/常住人口)", "Funding per resident (yuan)",
                     "One year's money for the stations ÷ the place's 2020 census population",
                     numerator_purposes=_MONEY, numerator_flow=True, statistics=5),
    DerivedIndicator("funding_per_station_derived", "funding_total", ("stations_township",), 1, "CNY", "funding",
                     "每站资金(总额/站数)", "Funding per station (total / stations)",
                     "One year's money ÷ the stations of that year (their mean over the year when both ends are known)",
                     numerator_purposes=_MONEY, numerator_flow=True, panel=7,
                     panel_label=("每站资金(推算)", "Funding per station (derived)"), statistics=6),
    DerivedIndicator("funding_per_worker", "funding_total", ("social_workers_stationed",), 1, "CNY", "funding",
                     "每名社工资金(总额/驻站社工数)", "Funding per social worker (total / stationed workers)",
                     "One year's money ÷ the stationed social workers of that year (their mean when both ends are "
                     "known)", numerator_purposes=_MONEY, numerator_flow=True),
    DerivedIndicator("person_times_per_1k_residents", "service_person_times", ("region:population_2020",), 1000,
                     "person_times", "outputs", "每千常住人口服务人次", "Person-times served per 1,000 residents",
                     "One year's person-times ÷ the place's 2020 census population × 1,000", numerator_flow=True),
    DerivedIndicator("person_times_per_worker", "service_person_times", ("social_workers_stationed",), 1,
                     "person_times", "outputs", "每名社工服务人次", "Person-times served per social worker",
                     "One year's person-times ÷ the stationed social workers of that year (their mean when both ends "
                     "are known)", numerator_flow=True, statistics=7),
    DerivedIndicator("home_visits_per_worker", "home_visits", ("social_workers_stationed",), 1, "count", "outputs",
                     "每名社工走访次数", "Home visits per social worker",
                     "One year's home visits ÷ the stationed social workers of that year (their mean when both ends "
                     "are known)", numerator_flow=True),
    DerivedIndicator("yuan_per_person_time", "funding_total", ("service_person_times",), 1, "CNY", "outputs",
                     "每服务人次资金(元)", "Yuan per person-time served",
                     "Money ÷ person-times served over the same period (same source and date for cumulative totals)",
                     numerator_purposes=_MONEY, numerator_flow=True, denominator_flow=True, statistics=8),
)
