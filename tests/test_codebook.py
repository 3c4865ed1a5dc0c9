"""Every processed column has a description and a type from the declarations; the Excel codebook sheet."""

from __future__ import annotations

import pandas as pd

from helpers.data import codebook, schema


def test_every_processed_column_of_the_shipped_data_is_described(shipped_processed):
    tables = shipped_processed
    assert codebook.undescribed(tables) == [], "add a line to helpers/codebook.py DESCRIPTIONS"


def test_a_new_column_without_a_description_is_named():
    tables = {"facts": pd.DataFrame({"fact_id": ["a"], "brand_new": ["x"]}), "novel": pd.DataFrame({"k": [1]})}
    assert codebook.undescribed(tables) == ["novel", "facts.brand_new", "novel.k"]


def test_every_processed_table_has_a_primary_key(shipped_processed):
    for name in shipped_processed:
        assert codebook.PRIMARY_KEYS.get(name), name


def test_types_and_constraints_come_from_the_raw_schema():
    df = pd.DataFrame({"fact_id": ["a-01"], "model_id": ["qd"], "value": [1.0], "year": pd.array([2020], "Int64"),
                       "as_of": ["2020"], "unit": ["count"], "label_zh": ["站"]})
    f = {x["name"]: x for x in codebook.fields("facts", df)}
    assert f["value"]["type"] == "number" and f["year"]["type"] == "integer"
    assert f["model_id"]["constraints"] == {"required": True, "pattern": schema.ID}
    assert f["as_of"]["constraints"] == {"pattern": schema.DATE}
    assert f["unit"]["constraints"]["enum"] == list(schema.UNITS)
    assert f["fact_id"]["constraints"] == {"required": True, "unique": True}
    assert "constraints" not in f["label_zh"] and f["label_zh"]["description"]
    ind = {x["name"]: x for x in codebook.fields("indicators", pd.DataFrame({"allow_over_100": ["true", ""]}))}
    assert ind["allow_over_100"]["type"] == "boolean"


def test_excel_workbook_has_the_codebook_sheet(built_mini):
    mini, tables = built_mini()
    sheets = pd.read_excel(mini.processed / "workbook_data.xlsx", sheet_name=None, keep_default_na=False)
    book = sheets["codebook"]
    assert len(book) == sum(len(df.columns) for df in tables.values())
    row = book[(book["table"] == "facts") & (book["column"] == "value_text")].iloc[0]
    assert row["description"] == codebook.DESCRIPTIONS["facts"]["value_text"] and row["required"] == "yes"
    assert (book["description"] != "").all()


def test_every_vocabulary_value_is_named_in_its_columns_description():
    """Listed value sets come from helpers.vocabulary; the glossed ones (qualifier, period, scope, status) are
    written by hand, so a value added to the vocabulary must be explained there too."""
    from helpers.data import schema
    from helpers.data.codebook import DESCRIPTIONS

    facts = DESCRIPTIONS["facts"]
    for column, values in {"qualifier": schema.QUALIFIERS, "period": schema.PERIODS, "scope": schema.SCOPES,
                           "status": schema.STATUSES, "unit": schema.UNITS, "purpose": schema.PURPOSES,
                           "payer": schema.PAYERS}.items():
        missing = [v for v in values if v not in facts[column]]
        assert not missing, (column, missing)
    assert all(v in DESCRIPTIONS["indicators"]["dimension"] for v in schema.DIMENSIONS)
    assert all(v in DESCRIPTIONS["models"]["operating_mode"] for v in schema.OPERATING_MODES)
    assert all(v in DESCRIPTIONS["sources"]["kind"] for v in schema.SOURCE_KINDS)
