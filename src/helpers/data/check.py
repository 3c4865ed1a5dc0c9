"""Validate the raw tables: schemas first, then the rules that join tables.

Each problem is one :class:`Problem`, printed as ``data/raw/facts.csv:ROW:COLUMN: message`` with ROW
as a spreadsheet shows it (the header is row 1). All problems are collected, never just the first.

>>> from helpers.paths import Project                       # doctest: +SKIP
>>> tables, problems = load_raw(Project.find())            # doctest: +SKIP
>>> problems += check_tables(tables)                       # doctest: +SKIP
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.data import schema
from helpers.data.csvlines import table_from_text
from helpers.paths import RAW_TABLES, Project


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


def raw_file(table: str) -> str:
    return f"data/raw/{table}.csv"


def read_table(path, table: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one raw CSV as text; a file that cannot be read becomes a problem, not a traceback.

    A table with a header but no rows is a problem too: an empty table would build empty reports."""
    name = raw_file(table)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, 0, "-", "file not found")]
    except OSError as e:
        return None, [Problem(name, 0, "-", f"cannot be read ({e.strerror})")]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:  # decode the whole file ourselves: pandas reports chunk offsets
        return None, [decode_problem(name, data, e)]
    shaped = table_from_text(data.decode("utf-8"), drafts=(table == "facts"))  # file lines, draft rows
    if shaped is not None:
        df, found = shaped
        return df, [Problem(name, line, column, message) for line, column, message in found]
    try:
        df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        line = re.search(r"\b(?:line|row) (\d+)", str(e))  # pandas names the file line it stopped at
        return None, [Problem(name, int(line.group(1)) if line else 1, "-", f"not a readable CSV: {str(e).strip()}")]
    if df.empty and len(df.columns) and table not in schema.MAY_BE_EMPTY:
        return df, [Problem(name, 2, "-", "has a header but no rows; every table needs at least one row")]
    return df, []


def decode_problem(name: str, data: bytes, e: UnicodeDecodeError) -> Problem:
    r"""Where the first byte that is not UTF-8 sits: line (= spreadsheet row), column name, character.

    >>> data = "a,b\n1,青岛\n".encode("gbk")
    >>> str(decode_problem("x.csv", data, _decode_error(data)))
    "x.csv:2:b: not UTF-8 text: byte 0xc7 at line 2, character 3 (column 'b'); save the file as UTF-8"
    """
    line_start = data.rfind(b"\n", 0, e.start) + 1
    line = data.count(b"\n", 0, e.start) + 1
    before = data[line_start:e.start].decode("utf-8", errors="replace")
    header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8", errors="replace")]), [])
    column = "-"
    if line > 1:
        index = len(next(csv.reader([before]), [""])) - 1 if before else 0
        column = header[index].strip() if index < len(header) else "-"
    where = f"byte 0x{data[e.start]:02x} at line {line}, character {len(before) + 1}"
    if column != "-":
        where += f" (column {column!r})"
    return Problem(name, line, column, f"not UTF-8 text: {where}; save the file as UTF-8")


def _decode_error(data: bytes) -> UnicodeDecodeError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e
    raise ValueError("valid UTF-8")


def load_raw(project: Project) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and schema-check every raw table. Tables that cannot be read are left out."""
    tables, problems = read_raw(project)
    return tables, problems + schema_problems_of(tables)


def read_raw(project: Project) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every raw table read as :func:`load_raw` reads it, not yet checked (:func:`checked_problems` checks them),
    with the problems of reading (a file that cannot be read is left out) and of draft rows."""
    tables, problems = {}, []
    for table in RAW_TABLES:
        df, read_problems = read_table(project.raw_file(table), table)
        problems += read_problems
        if df is not None:
            df, drafts = draft_problems(df, table)
            problems += drafts
            tables[table] = df
    return tables, problems


def checked_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """What :func:`run_check` finds in tables :func:`read_raw` read, besides the problems of reading them."""
    from helpers.data.checks_catalogue import catalogue_problems
    from helpers.data.checks_cells import cell_problems

    return schema_problems_of(tables) + check_tables(tables) + cell_problems(tables) + catalogue_problems(tables)


def schema_problems_of(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    return [p for table, df in tables.items() for p in schema_problems(df, table)]


def draft_problems(df: pd.DataFrame, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Facts rows pasted from ``workbook extract`` still marked ``draft=true``; the optional column is dropped.

    >>> draft_problems(pd.DataFrame({"draft": ["true", ""]}), "facts")[1][0].row
    2
    """
    if table != "facts" or "draft" not in df:
        return df, []
    bad = [Problem(raw_file(table), sheet_row(i), "draft", "draft row not yet confirmed (remove the draft marker)")
           for i, v in df["draft"].items() if v.strip() == "true"]
    return df.drop(columns="draft"), bad


def schema_problems(df: pd.DataFrame, table: str) -> list[Problem]:
    """Problems pandera finds in one table (types, vocabularies, unique ids, columns).

    pandera costs a few milliseconds per column whatever the table's size, so a table of text columns (as
    :func:`read_table` gives) is validated once per content in a process: checking it again, unchanged (the
    other tables of a project after one edit, ``report.start`` after the build's check), reuses the answer.

    >>> df = pd.DataFrame({"phase_id": ["p1", "p1"]}, dtype="str")
    >>> [str(p) for p in schema_problems(df, "phases") if p.column == "phase_id"]
    ["data/raw/phases.csv:3:phase_id: duplicate id 'p1'"]
    >>> schema_problems(df, "phases") == schema_problems(df.copy(), "phases")
    True
    """
    if all(dtype == "str" for dtype in df.dtypes):
        return list(_validated(_Table(table, _content_key(df), df)))
    return list(_validate(df, table))


@dataclass(frozen=True)
class _Table:
    """A table to validate, equal to another with the same name and content (:func:`_content_key`)."""

    name: str
    key: str
    df: pd.DataFrame = field(compare=False, repr=False)


def _content_key(df: pd.DataFrame) -> str:
    """A digest of the column names and order, the index and every cell (text or missing). Cells are hashed as
    they are (``categorize=False``: the same hashes, without first finding each column's distinct values, which
    cost more than the hashing for the small tables a check often sees again)."""
    digest = hashlib.sha256(repr(tuple(df.columns)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(df, index=True, categorize=False).to_numpy().tobytes())
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _validated(t: _Table) -> tuple[Problem, ...]:
    return _validate(t.df, t.name)


def _validate(df: pd.DataFrame, table: str) -> tuple[Problem, ...]:
    try:
        with schema.without_geopandas():
            schema.schema(table).validate(df, lazy=True)
    except schema.pa.errors.SchemaErrors as err:
        found = [_from_failure(table, case) for case in err.failure_cases.to_dict("records")]
        return tuple(_one_per_column(found, table))
    return ()


def _one_per_column(found: list[Problem], table: str) -> list[Problem]:
    """'is required' said once per column, at its first row, with the count of rows and what is allowed."""
    from helpers.data.required import required_line

    empty: dict[str, list[int]] = {}
    for p in found:
        if p.message == "is required":
            empty.setdefault(p.column, []).append(p.row)
    rest = [p for p in found if p.message != "is required"]
    return rest + [Problem(raw_file(table), min(rows), column, required_line(table, column, sorted(set(rows))))
                   for column, rows in empty.items()]


def _from_failure(table: str, case: dict) -> Problem:
    index, column, check = case.get("index"), case.get("column"), str(case.get("check"))
    value = case.get("failure_case")
    row = int(index) + 2 if index is not None and not (isinstance(index, float) and math.isnan(index)) else 1
    if check == "column_in_dataframe":
        return Problem(raw_file(table), 1, str(value), "required column is missing")
    if check == "column_in_schema":
        return Problem(raw_file(table), 1, str(value), "unexpected column (see docs/CODING.md)")
    if check == "field_uniqueness":
        return Problem(raw_file(table), row, str(column), f"duplicate id {value!r}")
    shown = f" (got {value!r})" if value not in ("", None) else ""
    return Problem(raw_file(table), row, str(column), f"{check}{shown}")


def records(df: pd.DataFrame):
    """(index, row as a dict) for every row of ``df``: iterrows builds a Series per row, several times slower."""
    return zip(df.index, df.to_dict("records"))


def sheet_row(i) -> int:
    return int(i) + 2


def unknown_references(df, table, column, allowed, what, problems, allow_empty=False, split=None):
    for i, v in df[column].items():
        values = v.split(split) if split and v else [v]
        for x in values:
            if x == "" and allow_empty:
                continue
            if x not in allowed:
                problems.append(Problem(raw_file(table), sheet_row(i), column, f"unknown {what} {x!r}"))


def check_tables(t: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules across tables and within a fact row. Skips rules whose tables could not be read."""
    from helpers.data.checks_facts import (
        coverage_problems,
        fact_phase_problems,
        fact_problems,
        phase_problems,
    )

    problems: list[Problem] = []
    ids = {name: set(t[name][key]) for name, key in schema.KEYS.items() if name in t and key in t[name]}
    if "models" in t and "regions" in ids and "sources" in ids:
        m = t["models"]
        unknown_references(m, "models", "region_code", ids["regions"], "region_code", problems)
        unknown_references(m, "models", "source_ids", ids["sources"], "source_id", problems, split="|")
    if "regions" in t and "sources" in ids:
        r = t["regions"]
        unknown_references(r, "regions", "parent_code", ids["regions"], "parent_code", problems, allow_empty=True)
        for col in ("population_source_id", "townships_source_id", "code_source_id"):
            unknown_references(r, "regions", col, ids["sources"], "source_id", problems, allow_empty=True)
        for i, row in r.iterrows():
            if row["population_2020"] and not row["population_source_id"]:
                problems.append(Problem(raw_file("regions"), sheet_row(i), "population_source_id",
                                        "a population needs its source id"))
            if row["townships"] and not row["townships_source_id"]:
                problems.append(Problem(raw_file("regions"), sheet_row(i), "townships_source_id",
                                        "a township count needs its source id"))
    if "facts" in t and all(k in ids for k in ("models", "sources", "regions", "indicators")):
        problems += fact_problems(t["facts"], t["indicators"], ids)
        problems += coverage_problems(t["facts"], t["models"], t.get("phases"), t.get("sources"))
    if "phases" in t and "models" in ids and "sources" in ids:
        problems += phase_problems(t["phases"], ids)
        if "facts" in t and "phase" in t["facts"]:
            problems += fact_phase_problems(t["facts"], t["phases"])
    return sorted(set(problems))


FORMULA_START = ("=", "+", "-", "@")


def formula_warnings(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Text cells a spreadsheet program could run as a formula (starting with ``= + - @``), e.g. a note
    ``=HYPERLINK("http://…","click me")``. Not errors: workbook_data.xlsx stores them as text.

    >>> df = pd.DataFrame({"note": ["ok", "=1+1", "-5"]})
    >>> [(p.file, p.row, p.column, p.message[:24]) for p in formula_warnings({"facts": df})]
    [('data/raw/facts.csv', 3, 'note', "warning: starts with '='")]
    """
    out = []
    for table, df in tables.items():
        for column in df.columns:
            for i, v in df[column].items():
                if isinstance(v, str) and v.startswith(FORMULA_START) and not _is_number(v):
                    out.append(Problem(raw_file(table), sheet_row(i), str(column),
                                       f"warning: starts with {v[0]!r} (a spreadsheet may run it as a "
                                       "formula; it is written to workbook_data.xlsx as text)"))
    return sorted(out)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def run_check(project: Project) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Everything ``workbook check`` does: read, schema-check, cross-check."""
    tables, problems = read_raw(project)
    return tables, sorted(set(problems + checked_problems(tables)))
