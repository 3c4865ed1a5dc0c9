"""data/processed/datapackage.json describes every processed table and passes `frictionless validate`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import with_metadata

from helpers.cli import main
from helpers.data import codebook
from helpers.data.datapackage import FILE
from helpers.data.processed import update

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def _validate(folder: Path) -> tuple[bool, str]:
    """`frictionless validate` on the package, as a user would run it."""
    run = subprocess.run([str(FRICTIONLESS), "validate", "--json", FILE], cwd=folder, capture_output=True,
                         text=True, check=False)
    report = json.loads(run.stdout)
    return report["valid"], run.stdout


def _validate_in_process(folder: Path) -> tuple[bool, str]:
    """The same validation through frictionless's Python API (one process for many checks: faster)."""
    from frictionless import validate

    report = validate(str(folder / FILE))
    return report.valid, json.dumps(report.flatten(["type", "message"]), ensure_ascii=False)


def test_processed_mini_project_passes_frictionless_validate(built_mini):
    mini, tables = built_mini(metadata=True)
    valid, out = _validate(mini.processed)
    assert valid, out
    pkg = json.loads((mini.processed / FILE).read_text(encoding="utf-8"))
    assert [r["name"] for r in pkg["resources"]] == list(tables)
    for r in pkg["resources"]:
        df = tables[r["name"]]
        assert [f["name"] for f in r["schema"]["fields"]] == list(df.columns)
        assert all(f["description"] for f in r["schema"]["fields"]) and r["description"]
        assert r["schema"]["primaryKey"] == codebook.PRIMARY_KEYS[r["name"]]
    facts = next(r for r in pkg["resources"] if r["name"] == "facts")
    assert {"fields": ["model_id"], "reference": {"resource": "models", "fields": ["model_id"]}} in \
        facts["schema"]["foreignKeys"]
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    assert pkg["title"].startswith("Township social work") and pkg["version"]
    assert [s["title"] for s in pkg["sources"]] == ["[s_qd] 山东青岛:探索社会工作人才队伍建设新模式", "[s_ref] 统计用区划代码"]
    assert pkg["data_version"] == mini.data_hash()


def _edit_processed(path: Path, column: str, value: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0][column] = value
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("table,column,value,error", [
    ("facts", "model_id", "nowhere", "foreign-key"),          # points at no model
    ("facts", "unit", "furlongs", "constraint-error"),         # not in the vocabulary
    ("facts", "value", "many", "type-error"),                   # not a number
    ("sources", "source_id", "s_ref", "primary-key"),           # duplicate key
])
def test_the_package_catches_broken_tables(built_mini, table, column, value, error):
    mini, _ = built_mini(metadata=True)
    _edit_processed(mini.processed / f"{table}.csv", column, value)
    valid, out = _validate_in_process(mini.processed)
    assert not valid and error in out


def test_without_metadata_files_the_package_is_still_valid(built_mini):
    mini, _ = built_mini()
    valid, out = _validate_in_process(mini.processed)
    assert valid, out
    pkg = json.loads((mini.processed / FILE).read_text(encoding="utf-8"))
    assert "licenses" not in pkg


def test_a_bad_licence_file_stops_workbook_data_with_one_line(mini, capsys):
    (mini.root / "data" / "licence.yml").write_text("just a string\n", encoding="utf-8")
    assert main(["--root", str(mini.root), "data"]) == 1
    err = capsys.readouterr().err
    assert "licence.yml: needs a name" in err and "Traceback" not in err
    assert not (mini.processed / FILE).exists()


def test_package_and_citations_are_written_with_the_tables(mini):
    written = {p.name for p in mini.processed.iterdir()} if mini.processed.exists() else set()
    assert FILE not in written
    update(with_metadata(mini))
    names = {p.name for p in mini.processed.iterdir()}
    assert {FILE, "sources.bib", "sources.ris", "sources.csl.json"} <= names
