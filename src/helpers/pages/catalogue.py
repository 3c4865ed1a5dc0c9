"""Which indicators a page shows, and in what role, read from the one indicator catalogue.

A coded indicator's pages are columns of data/raw/indicators.csv (:data:`helpers.vocabulary.INDICATOR_ROLES`,
carried into the processed ``indicators`` table): a position puts it on that page in that order. A derived
ratio's pages are fields of its entry in :data:`helpers.derived_indicators.DERIVED_INDICATORS`. The pages ask here
and list no indicator themselves, so adding an indicator to every page it belongs on is one row (or entry).

>>> import pandas as pd
>>> ind = pd.DataFrame({"indicator": ["a", "b", "c"], "dimension": ["coverage", "staffing", "coverage"],
...                     "three_model": ["2", "1", "1"], "panel": ["", "2", ""]})
>>> coded(ind, "three_model"), coded(ind, "three_model", "coverage"), coded(ind, "headline")
(('b', 'c', 'a'), ('c', 'a'), ())
>>> aspect_groups(ind, "three_model")[:2]
(('scale', ('c', 'a')), ('staffing', ('b',)))
>>> panel_columns(ind)[:3]
(('b', False), ('coverage_rate', True), ('workers_per_station', True))
"""

from __future__ import annotations

import pandas as pd

from helpers.derived_indicators import DERIVED_INDICATORS
from helpers.vocabulary import ASPECT_DIMENSIONS, ASPECTS

DERIVED = {d.indicator: d for d in DERIVED_INDICATORS}


def _positions(indicators: pd.DataFrame, role: str) -> pd.Series:
    """The role's positions as numbers (NaN where the indicator is not on that page)."""
    if role not in indicators.columns:
        return pd.Series(float("nan"), index=indicators.index)
    return pd.to_numeric(indicators[role].astype(object).where(indicators[role].notna(), ""), errors="coerce")


def coded(indicators: pd.DataFrame, role: str, dimension: str | None = None) -> tuple[str, ...]:
    """The coded indicators on ``role``'s page (of ``dimension`` when given), in their position's order;
    ``station_level`` takes those marked ``true``, in table order."""
    if role == "station_level":
        on = (indicators[role].fillna("") == "true") if role in indicators.columns else indicators["indicator"] != \
            indicators["indicator"]
        chosen = indicators[on]
    else:
        pos = _positions(indicators, role)
        chosen = indicators.assign(_pos=pos)[pos.notna()].sort_values("_pos", kind="stable")
    if dimension is not None:
        chosen = chosen[chosen["dimension"] == dimension]
    return tuple(chosen["indicator"])


def derived(role: str, dimension: str | None = None) -> tuple[str, ...]:
    """The derived ratios on ``role``'s page (of ``dimension`` when given): for a flag (``dimension_page``,
    ``three_model``, ``station_level``, ``rankable``) in declaration order, for a position (``statistics``,
    ``panel``) in position order."""
    chosen = [d for d in DERIVED_INDICATORS if dimension is None or d.dimension == dimension]
    if role in ("statistics", "panel"):
        return tuple(d.indicator for d in sorted((d for d in chosen if getattr(d, role) is not None),
                                                 key=lambda d: getattr(d, role)))
    return tuple(d.indicator for d in chosen if getattr(d, role))


def aspect_groups(indicators: pd.DataFrame, role: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``role``'s coded indicators grouped by the three-model page's aspects, in the aspects' order."""
    return tuple((a, coded(indicators, role, ASPECT_DIMENSIONS[a])) for a in ASPECTS)


def aspect_ratios(aspect: str) -> tuple[str, ...]:
    """The derived ratios charted in ``aspect`` of the three-model page."""
    return derived("three_model", ASPECT_DIMENSIONS[aspect])


def panel_columns(indicators: pd.DataFrame) -> tuple[tuple[str, bool], ...]:
    """The provincial panel's columns in position order: ``(indicator, is_derived)``, coded indicators from
    indicators.csv's ``panel`` and derived ratios from their ``panel`` field (the positions are shared)."""
    pos = _positions(indicators, "panel")
    cols = [(int(p), i, False) for i, p in zip(indicators["indicator"], pos) if pd.notna(p)]
    cols += [(d.panel, d.indicator, True) for d in DERIVED_INDICATORS if d.panel is not None]
    return tuple((i, is_derived) for _, i, is_derived in sorted(cols, key=lambda c: c[0]))


def derived_label(indicator: str, lang: str, short: bool = False) -> str | None:
    """A derived ratio's label in ``lang`` (its panel heading when ``short`` and one is declared); None for an
    id that is not a derived ratio."""
    d = DERIVED.get(indicator)
    if d is None:
        return None
    if short and d.panel_label:
        return d.panel_label[0 if lang == "zh" else 1]
    return d.label_zh if lang == "zh" else d.label_en
