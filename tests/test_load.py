"""What notebooks load (helpers.data.load): tables() rebuilds data/processed/ when data/raw/ changed, reads every
processed table, and Tables.model_ids lists the models sorted by id (the processed order)."""

from __future__ import annotations

import pytest
from conftest import edit_cell

from helpers.data import load
from helpers.data.processed import PROCESSED_TABLES, DataCheckFailed


def test_tables_builds_processed_data_on_a_fresh_project(mini):
    assert not mini.processed.exists() or not any(mini.processed.glob("*.parquet"))
    t = load.tables(mini.root)
    assert sorted(p.stem for p in mini.processed.glob("*.parquet")) == sorted(PROCESSED_TABLES)
    assert list(t.facts["fact_id"]) == ["s_qd-01", "s_qd-02", "s_qd-03", "s_qd-04", "s_qd-05"]
    assert t.data_hash == mini.data_hash()


def test_tables_rebuilds_when_raw_data_changed_and_not_otherwise(mini):
    load.tables(mini.root)
    stamp = (mini.processed / "facts.parquet").stat().st_mtime_ns
    assert load.tables(mini.root).facts.loc[0, "value"] == 138  # unchanged raw: read, not rebuilt
    assert (mini.processed / "facts.parquet").stat().st_mtime_ns == stamp
    edit_cell(mini, "models", 2, "name_en", "Qingdao station model")
    t = load.tables(mini.root)
    assert list(t.models["name_en"]) == ["Qingdao station model"]
    assert t.data_hash == mini.data_hash()


def test_bad_raw_data_is_refused_not_loaded(mini):
    load.tables(mini.root)
    edit_cell(mini, "facts", 2, "value", "-1")
    with pytest.raises(DataCheckFailed):
        load.tables(mini.root)


def test_model_ids_are_sorted_by_id_whatever_the_order_of_models_csv(mini):
    """Every report and matrix lists models in one stable order: the processed table's, sorted by model_id."""
    rows = mini.raw_file("models").read_text(encoding="utf-8").splitlines()
    second = rows[1].replace("qingdao,青岛模式,Qingdao model,青岛,Qingdao", "anqing,安庆模式,Anqing model,安庆,Anqing", 1)
    mini.raw_file("models").write_text("\n".join([rows[0], rows[1], second]) + "\n", encoding="utf-8")
    t = load.tables(mini.root)
    assert t.model_ids == ["anqing", "qingdao"] == list(t.models["model_id"])
