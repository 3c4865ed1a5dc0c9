"""The derived ratios' declaration (helpers.derived_indicators): every entry divides indicators the catalogue
declares, in a declared dimension and unit, and its page positions are unique and apart from the coded ones."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.derived_indicators import DERIVED_INDICATORS
from helpers.paths import Project
from helpers.vocabulary import DIMENSIONS, PURPOSES, UNITS


@pytest.fixture(scope="module")
def raw_indicators() -> pd.DataFrame:
    return pd.read_csv(Project.find().raw_file("indicators"), dtype=str, keep_default_na=False)


def test_every_derived_ratio_divides_declared_things(raw_indicators):
    coded = set(raw_indicators["indicator"])
    regions = {f"region:{c}" for c in ("population_2020", "townships")}
    ids = [d.indicator for d in DERIVED_INDICATORS]
    assert len(ids) == len(set(ids)) and not set(ids) & coded
    for d in DERIVED_INDICATORS:
        assert d.numerator in coded, d.indicator
        assert all(x in coded for x in d.denominator) or (len(d.denominator) == 1 and d.denominator[0] in regions)
        assert d.dimension in DIMENSIONS and d.unit in UNITS and set(d.numerator_purposes) <= set(PURPOSES.values)
        assert d.label_zh and d.label_en and d.definition and len(d.panel_label) in (0, 2)


def test_positions_of_derived_ratios_are_unique_and_the_panel_is_shared(raw_indicators):
    for role in ("panel", "statistics"):
        pos = [getattr(d, role) for d in DERIVED_INDICATORS if getattr(d, role) is not None]
        assert len(pos) == len(set(pos)) and all(p >= 1 for p in pos)
    coded_panel = {int(p) for p in raw_indicators["panel"] if p}
    assert not coded_panel & {d.panel for d in DERIVED_INDICATORS}
