"""The dataset we ship passes its own check and keeps its promises."""

import shutil

import pandas as pd
import pytest

from helpers.data.processed import update
from helpers.paths import Project

MODEL_IDS = {"qingdao", "longyang", "haining", "chengdu", "hezhou", "ningxia", "jinan", "shandong", "sichuan",
             "alxa", "ejinhoro", "guangdong_shuangbai", "hunan_he", "national",
             # the provincial panel (issue 8)
             "guangxi", "zhejiang", "fujian", "yunnan"}


def test_shipped_data_passes_workbook_check(shipped):
    _tables, problems = shipped
    assert [str(p) for p in problems] == []


def test_every_required_model_is_coded(shipped):
    tables, _ = shipped
    assert MODEL_IDS <= set(tables["models"]["model_id"])


def test_the_card_models_have_a_row_for_each_headline_measure(shipped_processed):
    """comparison.csv holds a figure or a stated gap for stations, workers, funding and person-times."""
    c = shipped_processed["comparison"]
    for m in ("guangdong_shuangbai", "hunan_he", "qingdao"):
        for ind in ("stations_township", "social_workers_stationed", "funding_total", "service_person_times"):
            row = c[(c["model_id"] == m) & (c["indicator"] == ind)]
            assert len(row) == 1 and (row.iloc[0]["fact_id"] != "" or row.iloc[0]["reason"] != "")


def test_lost_digits_are_recorded_as_missing_not_guessed(shipped):
    facts = shipped[0]["facts"]
    missing = facts[facts["status"] == "missing"]
    assert len(missing) >= 20
    assert (missing[["value", "value_low", "value_high"]] == "").all().all()
    assert missing["evidence"].str.len().gt(0).all()


def test_every_source_is_used(shipped):
    t = shipped[0]
    used = set(t["facts"]["source_id"])
    used |= {s for ids in t["models"]["source_ids"] for s in ids.split("|")}
    for c in ("population_source_id", "townships_source_id", "code_source_id"):
        used |= set(t["regions"][c]) - {""}
    used |= set(t["phases"]["source_id"])
    assert set(t["sources"]["source_id"]) - used == set()


def test_no_source_is_cited_by_file_name(shipped):
    sources = shipped[0]["sources"]
    assert not sources["title"].str.contains(r"\.txt|\.tsv|_[0-9a-f]{16}", regex=True).any()


@pytest.mark.slow  # writes the whole processed data set (Parquet, CSV, Excel); processed.update: test_processed.py
def test_processed_build_of_shipped_data(repo, tmp_path):
    shutil.copytree(repo.raw, tmp_path / "data" / "raw")
    tables = update(Project(tmp_path))
    assert len(tables["facts"]) == len(pd.read_csv(repo.raw_file("facts"), dtype=str))
    assert len(tables["derived"]) > 0
    assert tables["derived"]["inputs"].str.contains("|", regex=False).all()
