import hashlib

import pandas as pd
import pytest
from conftest import edit_cell

from helpers.data.processed import DataCheckFailed, update


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_build_writes_every_table_in_three_formats(built_mini):
    mini, _ = built_mini()
    names = {p.name for p in mini.processed.iterdir()}
    for table in ("facts", "comparison", "derived", "models", "regions", "sources", "indicators", "phases",
                  "level_comparison"):
        assert f"{table}.parquet" in names and f"{table}.csv" in names
    assert {"workbook_data.xlsx", "datapackage.json", "sources.bib", "sources.ris", "sources.csl.json"} <= names
    sheets = pd.read_excel(mini.processed / "workbook_data.xlsx", sheet_name=None)
    assert set(sheets) == {"facts", "comparison", "derived", "models", "regions", "sources", "indicators", "phases",
                           "level_comparison", "codebook"}
    assert len(sheets["facts"]) == 5


def test_facts_are_typed_and_labelled(built_mini):
    facts = built_mini()[1]["facts"]
    row = facts.set_index("fact_id").loc["s_qd-02"]
    assert row["value"] == 300.0 and pd.isna(row["value_high"])
    assert row["label_zh"] == "驻站社工" and row["model_en"] == "Qingdao"
    assert row["region_zh"] == "青岛市" and row["source_outlet"] == "中国社会报"
    assert pd.isna(facts.set_index("fact_id").loc["s_qd-05", "value"])
    assert row["source_reliability"] == "press" and row["phase"] == ""


def test_phases_are_processed_by_model_and_start(mini):
    mini.raw_file("phases").write_text(
        "phase_id,model_id,name_zh,name_en,start,end,change_zh,change_en,source_id,evidence,note\n"
        "qingdao_b,qingdao,二期,Phase two,2023,,,,s_qd,二期,\n"
        "qingdao_a,qingdao,一期,Phase one,2021,2022,,,s_qd,一期,\n", encoding="utf-8")
    edit_cell(mini, "facts", 2, "phase", "qingdao_a")  # as_of 2022: within qingdao_a (2021-2022)
    tables = update(mini)
    assert list(tables["phases"]["phase_id"]) == ["qingdao_a", "qingdao_b"]
    assert tables["facts"].set_index("fact_id").loc["s_qd-01", "phase"] == "qingdao_a"
    assert list(pd.read_parquet(mini.processed / "phases.parquet")["end"]) == ["2022", ""]


def test_rebuilding_gives_identical_files(built_mini):
    mini, _ = built_mini()
    first = _digests(mini.processed)
    update(mini)
    assert _digests(mini.processed) == first


def test_bad_data_keeps_what_was_built(built_mini):
    mini, _ = built_mini()
    before = _digests(mini.processed)
    edit_cell(mini, "facts", 2, "value", "-1")
    with pytest.raises(DataCheckFailed) as e:
        update(mini)
    assert any("facts.csv:2:value" in str(p) for p in e.value.problems)
    assert _digests(mini.processed) == before


def test_is_current_follows_raw_data(mini):
    assert not mini.processed_is_current()
    update(mini)
    assert mini.processed_is_current()
    edit_cell(mini, "facts", 2, "note", "changed")
    assert not mini.processed_is_current()


def test_raw_files_are_never_written(mini):
    before = _digests(mini.raw)
    update(mini)
    assert _digests(mini.raw) == before


def test_excel_export_writes_formula_like_text_as_text(mini):
    import openpyxl

    note = '=HYPERLINK("http://example.org","click me")'
    edit_cell(mini, "facts", 2, "note", note)
    edit_cell(mini, "facts", 3, "note", "+1 maybe")
    edit_cell(mini, "sources", 2, "note", "@cmd")
    update(mini)
    book = openpyxl.load_workbook(mini.processed / "workbook_data.xlsx")
    cells = {c.value: c.data_type for ws in book for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+@"}
    assert cells == {note: "s", "+1 maybe": "s", "@cmd": "s"}
    import zipfile

    sheets = zipfile.ZipFile(mini.processed / "workbook_data.xlsx")
    assert not any(b"<f>" in sheets.read(n) for n in sheets.namelist() if n.startswith("xl/worksheets/"))


def test_a_damaged_processed_table_is_found_and_rebuilt(built_mini):
    from helpers.data import load

    mini, _ = built_mini()
    assert mini.processed_is_current()
    (mini.processed / "facts.parquet").write_bytes(b"garbage, not parquet")
    assert not mini.processed_is_current()
    assert mini.processed_problem() == "data/processed/facts.parquet was changed or damaged after it was built"
    t = load.tables(mini.root)  # what a notebook calls: rebuilds instead of failing with ArrowInvalid
    assert len(t.facts) == 5 and mini.processed_is_current()
    (mini.processed / "models.csv").unlink()
    assert mini.processed_problem() == "data/processed/models.csv is missing"


@pytest.mark.parametrize("table,column", [("facts", "note"), ("sources", "note"), ("models", "summary_en"),
                                          ("regions", "note"), ("indicators", "definition")])
def test_an_edit_to_any_raw_table_is_in_every_file_built_from_it(built_mini, table, column):
    """workbook_data.xlsx keeps the XML of unchanged sheets in .cache/ (helpers.data.xlsx): an edited table's
    sheet, CSV and Parquet must show the edit, and undoing it must give back the very bytes built before."""
    import openpyxl

    mini, _ = built_mini()
    before = _digests(mini.processed)
    edit_cell(mini, table, 2, column, "edited in a test")
    update(mini)
    after = _digests(mini.processed)
    for name in (f"{table}.csv", f"{table}.parquet", "workbook_data.xlsx"):
        assert after[name] != before[name], name
    assert "edited in a test" in pd.read_parquet(mini.processed / f"{table}.parquet")[column].tolist()
    sheet = openpyxl.load_workbook(mini.processed / "workbook_data.xlsx")[table]
    header = [c.value for c in sheet[1]]
    assert "edited in a test" in [row[header.index(column)] for row in sheet.iter_rows(values_only=True)]
    edit_cell(mini, table, 2, column, _original(table, column))
    update(mini)
    assert _digests(mini.processed) == before


def _original(table, column):
    import csv
    import io

    from conftest import MINI

    return next(csv.DictReader(io.StringIO(MINI[table])))[column]


def test_checking_in_a_child_gives_the_same_files(mini, tmp_path):
    import shutil

    other = type(mini)(tmp_path / "other")
    shutil.copytree(mini.root, other.root)
    assert update(mini, parallel=True).keys() == update(other).keys()
    assert _digests(mini.processed) == _digests(other.processed)


@pytest.mark.parametrize("column,value", [("value", "-1"), ("value", "not a number"), ("model_id", "nowhere")])
def test_checking_in_a_child_refuses_bad_data_as_checking_first_does(built_mini, column, value):
    """The processed tables are built while the child checks: bad data must still fail with the check's
    problems (not with what building from it raised) and leave data/processed/ as it was."""
    mini, _ = built_mini()
    before = _digests(mini.processed)
    edit_cell(mini, "facts", 2, column, value)
    with pytest.raises(DataCheckFailed) as first:
        update(mini)
    with pytest.raises(DataCheckFailed) as child:
        update(mini, parallel=True)
    assert child.value.problems == first.value.problems and child.value.problems
    assert _digests(mini.processed) == before


def test_checking_in_a_child_refuses_an_unreadable_table(built_mini):
    mini, _ = built_mini()
    before = _digests(mini.processed)
    mini.raw_file("models").write_bytes("model_id,name_zh\n青岛".encode("gbk"))
    with pytest.raises(DataCheckFailed) as child:
        update(mini, parallel=True)
    assert any("models.csv" in str(p) and "UTF-8" in str(p) for p in child.value.problems)
    assert _digests(mini.processed) == before
