import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from helpers.data.codebook import codebook_frame
from helpers.data.xlsx import FIXED_ZIP_TIME, sheet_cells, write_xlsx


def _pandas_xlsx(tables, path):
    """The writer workbook_data.xlsx had before helpers.data.xlsx: pandas' to_excel through openpyxl, text cells
    forced to text, fixed times. The new writer must give its bytes."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, df in tables.items():
            df.to_excel(xl, sheet_name=name, index=False)
            for row in xl.book[name].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.data_type != "s":
                        cell.data_type = "s"
        props = xl.book.properties
        props.creator = "township-social-work-workbook"
        props.created = props.modified = pd.Timestamp("2020-01-01").to_pydatetime()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-01-01T00:00:00Z", data)
            out.writestr(fixed, data)


def _awkward():
    """Every kind of cell the processed tables hold, and the text a spreadsheet would misread."""
    return {
        "facts": pd.DataFrame({
            "fact_id": pd.array(["a-01", "a-02", "a-03", "a-04", "a-05", "a-06"], dtype="str"),
            "value": [1.5, float("nan"), float("inf"), -float("inf"), -0.0, 3e20],
            "year": pd.array([2021, None, 2023, 0, -1, 2**40], dtype="Int64"),
            "note": pd.array(["=HYPERLINK(\"http://x\",\"y\")", "#N/A", " padded ", "", None, "全县17个\n二行"],
                             dtype="str"),
            "flag": [True, False, True, False, True, False],
            "mixed": pd.Series(["1", 2, 3.25, None, "-5", "@x"], dtype="object"),
        }),
        "empty": pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype="float64")}),
        "models": pd.DataFrame({"model_id": ["m1", "m2"], "launch_year": pd.array([2017, None], dtype="Int64")}),
    }


def _sheets(path):
    return {name: [[c.value for c in row] for row in ws.iter_rows()]
            for name, ws in ((ws.title, ws) for ws in openpyxl.load_workbook(path).worksheets)}


def test_cells_are_what_pandas_writes():
    df = pd.DataFrame({"v": [float("nan"), -float("inf"), 2.0], "t": pd.array(["x", None, "=1"], dtype="str")})
    assert sheet_cells(df) == [["v", "t"], ["", "-inf", 2.0], ["x", "", "=1"]]


def test_bytes_are_those_of_the_pandas_writer(tmp_path):
    tables = _awkward()
    _pandas_xlsx(tables, tmp_path / "pandas.xlsx")
    write_xlsx(tables, tmp_path / "ours.xlsx")
    assert (tmp_path / "ours.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()
    book = openpyxl.load_workbook(tmp_path / "ours.xlsx")
    assert book["facts"]["D2"].data_type == "s" and book["facts"]["D2"].value.startswith("=HYPERLINK")
    assert book["facts"]["D3"].value == "#N/A" and book["facts"]["D3"].data_type == "s"


def test_bytes_of_the_shipped_tables_are_those_of_the_pandas_writer(tmp_path, shipped_processed):
    tables = {**shipped_processed, "codebook": codebook_frame(shipped_processed)}
    _pandas_xlsx(tables, tmp_path / "pandas.xlsx")
    write_xlsx(tables, tmp_path / "cold.xlsx", cache=tmp_path / "cache")
    write_xlsx(tables, tmp_path / "warm.xlsx", cache=tmp_path / "cache")
    assert (tmp_path / "cold.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()
    assert (tmp_path / "warm.xlsx").read_bytes() == (tmp_path / "pandas.xlsx").read_bytes()


def test_a_changed_cell_is_written_though_its_sheet_was_kept(tmp_path):
    cache = tmp_path / "cache"
    tables = _awkward()
    write_xlsx(tables, tmp_path / "first.xlsx", cache=cache)
    for change in ("text", "number", "type"):
        facts = tables["facts"].copy()
        if change == "text":
            facts.loc[0, "note"] = "全县18个"
        elif change == "number":
            facts.loc[0, "value"] = 1.25
        else:  # the same figure as text: a stale sheet would still show the number
            facts["value"] = facts["value"].astype("object")
            facts.loc[0, "value"] = "1.5"
        changed = {**tables, "facts": facts}
        write_xlsx(changed, tmp_path / "cached.xlsx", cache=cache)
        write_xlsx(changed, tmp_path / "cold.xlsx")
        assert (tmp_path / "cached.xlsx").read_bytes() == (tmp_path / "cold.xlsx").read_bytes(), change
        row = _sheets(tmp_path / "cached.xlsx")["facts"][1]
        assert row[:4] != _sheets(tmp_path / "first.xlsx")["facts"][1][:4], change


def test_a_sheet_moved_to_another_place_is_not_taken_for_the_old_one(tmp_path):
    cache = tmp_path / "cache"
    tables = _awkward()
    write_xlsx(tables, tmp_path / "first.xlsx", cache=cache)
    swapped = {"models": tables["models"], "empty": tables["empty"], "facts": tables["facts"]}
    write_xlsx(swapped, tmp_path / "cached.xlsx", cache=cache)
    write_xlsx(swapped, tmp_path / "cold.xlsx")
    assert (tmp_path / "cached.xlsx").read_bytes() == (tmp_path / "cold.xlsx").read_bytes()
    assert _sheets(tmp_path / "cached.xlsx")["models"][1] == ["m1", 2017]


@pytest.mark.parametrize("damage", ["edit", "empty", "delete"])
def test_a_damaged_or_missing_entry_is_built_again(tmp_path, damage):
    cache = tmp_path / "cache"
    tables = _awkward()
    write_xlsx(tables, tmp_path / "cold.xlsx")
    write_xlsx(tables, tmp_path / "first.xlsx", cache=cache)
    for entry in cache.iterdir():
        if damage == "edit":
            entry.write_bytes(entry.read_bytes().replace(b"a-01", b"a-99"))
        elif damage == "empty":
            entry.write_bytes(b"")
        else:
            entry.unlink()
    write_xlsx(tables, tmp_path / "again.xlsx", cache=cache)
    assert (tmp_path / "again.xlsx").read_bytes() == (tmp_path / "cold.xlsx").read_bytes()
    assert _sheets(tmp_path / "again.xlsx")["facts"][1][0] == "a-01"


def test_entries_no_sheet_uses_are_removed(tmp_path):
    cache = tmp_path / "cache"
    tables = _awkward()
    write_xlsx(tables, tmp_path / "a.xlsx", cache=cache)
    assert len(list(cache.iterdir())) == 3
    facts = tables["facts"].copy()
    facts.loc[1, "note"] = "changed"
    write_xlsx({**tables, "facts": facts}, tmp_path / "b.xlsx", cache=cache)
    assert len(list(cache.iterdir())) == 3
