"""The raw tables' pandera schemas (helpers.data.schema): text cells checked where they are, keys unique, no
unknown columns. Cross-table rules and the file:row:column messages are tested in test_check.py."""

import io

import pandas as pd
import pandera.errors
import pytest
from conftest import MINI

from helpers.data.schema import KEYS, TABLES, schema


def raw(table: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(MINI[table]), dtype=str, keep_default_na=False)


def failures(table: str, df: pd.DataFrame) -> set[tuple[str, str]]:
    with pytest.raises(pandera.errors.SchemaErrors) as e:
        schema(table).validate(df, lazy=True)
    return {(str(c), str(v)) for c, v in zip(e.value.failure_cases["column"], e.value.failure_cases["failure_case"])}


@pytest.mark.parametrize("table", sorted(KEYS))
def test_the_valid_fixture_tables_pass(table):
    assert set(raw(table).columns) <= set(TABLES[table])
    schema(table).validate(raw(table), lazy=True)


def test_a_value_outside_the_vocabulary_fails_in_its_column():
    df = raw("facts")
    df.loc[0, "qualifier"] = "roughly"
    assert ("qualifier", "roughly") in failures("facts", df)


def test_a_duplicate_key_and_an_untrimmed_cell_fail():
    df = raw("facts")
    df.loc[1, "fact_id"] = df.loc[0, "fact_id"]
    df.loc[2, "unit"] = " persons"
    found = failures("facts", df)
    assert ("fact_id", "s_qd-01") in found and ("unit", " persons") in found


def test_an_unknown_column_fails():
    df = raw("sources").assign(colour="red")
    with pytest.raises(pandera.errors.SchemaErrors, match="colour"):
        schema("sources").validate(df, lazy=True)


def test_checking_never_imports_geopandas_yet_leaves_it_importable(mini):
    """pandera would import geopandas (0.4–0.7 s) on import and on every validation (schema.without_geopandas)."""
    import subprocess
    import sys

    code = ("import sys\nfrom helpers.paths import Project\nfrom helpers.data.check import run_check\n"
            f"tables, problems = run_check(Project.at({str(mini.root)!r}))\n"
            "assert not problems, problems\nassert 'geopandas' not in sys.modules\n"
            "import geopandas\nassert geopandas.GeoDataFrame\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-500:]
