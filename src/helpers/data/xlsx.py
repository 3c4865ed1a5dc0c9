"""workbook_data.xlsx: every processed table as one sheet, written with openpyxl.

The cells are what ``DataFrame.to_excel(engine="openpyxl", index=False)`` writes (a header row, then each
value converted as pandas converts it: missing → empty text, ±inf → ``inf``/``-inf`` text, numbers as
numbers, the rest as text), and every text cell is stored as text (a note ``=HYPERLINK(...)`` never becomes a
live formula), so the file is byte for byte the one pandas' writer gives, without its cell-by-cell formatter.

openpyxl stores text inline in each sheet (no shared string table), so a sheet's XML depends on its own cells
only. With ``cache`` (a folder under ``.cache/``), the XML of each sheet is kept by a digest of the converted
cells, the sheet's place and the writer (openpyxl version, this module's source): a sheet whose cells did not
change since the last write is copied from there instead of being built again (after a one-figure edit the
2,400-row comparison sheet usually is). A damaged or missing entry is written again; entries no sheet used
this time are removed.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import io
import math
import re
import zipfile
from pathlib import Path

import pandas as pd

from helpers.paths import write_bytes_atomic

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CREATOR = "township-social-work-workbook"


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path, cache: Path | None = None) -> None:
    """Write ``tables`` (sheet name → frame, in order) to ``path``; equal tables give equal bytes."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    version = _writer_version()
    sheets = []  # (sheet, key, its kept XML or None when built now)
    for name, df in tables.items():
        sheet = book.create_sheet(name)
        cells = sheet_cells(df)
        key = hashlib.sha256(f"{version}\0{len(sheets)}\0{cells!r}".encode()).hexdigest()
        kept = _cached(cache, key) if cache is not None else None
        if kept is None:
            _fill(sheet, cells)
        sheets.append((sheet, key, kept))
    props = book.properties
    props.creator = CREATOR
    props.created = props.modified = datetime.datetime(2020, 1, 1)
    buf = io.BytesIO()
    book.save(buf)
    _repack(buf.getvalue(), path, {sheet.path.lstrip("/"): (key, kept) for sheet, key, kept in sheets}, cache)


def sheet_cells(df: pd.DataFrame) -> list[list]:
    """The values of the header row, then of each column (as pandas' Excel writer converts them).

    >>> sheet_cells(pd.DataFrame({"a": [1.5, float("nan"), float("inf")], "b": pd.array([2, None, 3], "Int64")}))
    [['a', 'b'], [1.5, '', 'inf'], [2, '', 3]]
    """
    # tolist: iterating an Arrow string column value by value is several times slower; _value gives the same
    # cell for a numpy or a Python scalar
    return [[_value(c) for c in df.columns]] + [[_value(v) for v in df.iloc[:, i].tolist()] for i in range(df.shape[1])]


def _value(val):
    """One cell as pandas writes it (``ExcelFormatter._format_value`` then ``ExcelWriter._value_with_fmt``,
    na_rep ``""``, inf_rep ``"inf"``); the common types first, the rest by pandas' own tests."""
    t = type(val)
    if t is str or t is int or t is bool:
        return val
    if t is float:
        if math.isnan(val):
            return ""
        return ("inf" if val > 0 else "-inf") if math.isinf(val) else val
    from pandas.api.types import is_bool, is_float, is_integer, is_scalar

    if is_scalar(val) and pd.isna(val):
        return ""
    if is_float(val) and math.isinf(val):
        return "inf" if val > 0 else "-inf"
    if is_integer(val):
        return int(val)
    if is_float(val):
        return float(val)
    if is_bool(val):
        return bool(val)
    if isinstance(val, (decimal.Decimal, datetime.date, datetime.timedelta)):
        raise TypeError(f"workbook_data.xlsx: no cell format for {type(val).__name__} values")
    return str(val)


def _fill(sheet, cells: list[list]) -> None:
    header, columns = cells[0], cells[1:]
    for col, (name, values) in enumerate(zip(header, columns), start=1):
        for row, value in enumerate([name, *values], start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            if isinstance(value, str) and cell.data_type != "s":
                cell.data_type = "s"  # text stays text: openpyxl would make '=…' a formula, '#N/A' an error


def _writer_version() -> str:
    import openpyxl

    return f"{openpyxl.__version__} lxml={openpyxl.LXML} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"


def _cached(cache: Path, key: str) -> bytes | None:
    """The sheet XML kept under ``key``, or None when there is none or its bytes are not those it was kept with."""
    try:
        data = (cache / key).read_bytes()
    except OSError:
        return None
    digest, _, xml = data.partition(b"\n")
    return xml if hashlib.sha256(xml).hexdigest().encode() == digest else None


def _keep(cache: Path, key: str, xml: bytes) -> None:
    try:
        write_bytes_atomic(cache / key, hashlib.sha256(xml).hexdigest().encode() + b"\n" + xml)
    except OSError:  # a cache that cannot be written costs time next time, never data
        pass


def _prune(cache: Path, used: set[str]) -> None:
    try:
        for f in cache.iterdir():
            if f.name not in used and not f.name.endswith(".tmp"):  # not another writer's unfinished file
                f.unlink(missing_ok=True)
    except OSError:
        pass


def _repack(saved: bytes, path: Path, sheets: dict[str, tuple[str, bytes | None]], cache: Path | None) -> None:
    """Copy the zip openpyxl wrote with a fixed member time (equal data, equal bytes), the save time in
    docProps/core.xml fixed, and the kept XML of each sheet that was not built again (keeping the new ones)."""
    src = zipfile.ZipFile(io.BytesIO(saved))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z", data)
            if info.filename in sheets and cache is not None:
                key, kept = sheets[info.filename]
                if kept is None:
                    _keep(cache, key, data)
                else:
                    data = kept
            out.writestr(fixed, data)
    if cache is not None:
        _prune(cache, {key for key, _ in sheets.values()})
