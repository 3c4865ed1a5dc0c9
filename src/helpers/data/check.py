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
import pandera.errors

from helpers.data import schema
from helpers.data.csvlines import table_from_text
from helpers.data.extract import MAX_EVIDENCE  # drafts and the check agree on the quote's length
from helpers.data.quantities import parse_quantity
from helpers.data.wording import WORDS, requirement, stated_qualifier
from helpers.paths import RAW_TABLES, Project
from helpers.vocabulary import TARGET_DIMENSION


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


def _file(table: str) -> str:
    return f"data/raw/{table}.csv"


def read_table(path, table: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one raw CSV as text; a file that cannot be read becomes a problem, not a traceback.

    A table with a header but no rows is a problem too: an empty table would build empty reports."""
    name = _file(table)
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
    tables, problems = {}, []
    for table in RAW_TABLES:
        df, read_problems = read_table(project.raw_file(table), table)
        problems += read_problems
        if df is not None:
            df, drafts = draft_problems(df, table)
            problems += drafts + schema_problems(df, table)
            tables[table] = df
    return tables, problems


def draft_problems(df: pd.DataFrame, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Facts rows pasted from ``workbook extract`` still marked ``draft=true``; the optional column is dropped.

    >>> draft_problems(pd.DataFrame({"draft": ["true", ""]}), "facts")[1][0].row
    2
    """
    if table != "facts" or "draft" not in df:
        return df, []
    bad = [Problem(_file(table), _row(i), "draft", "draft row not yet confirmed (remove the draft marker)")
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
    """A digest of the column names and order, the index and every cell (text or missing)."""
    digest = hashlib.sha256(repr(tuple(df.columns)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _validated(t: _Table) -> tuple[Problem, ...]:
    return _validate(t.df, t.name)


def _validate(df: pd.DataFrame, table: str) -> tuple[Problem, ...]:
    try:
        schema.schema(table).validate(df, lazy=True)
    except pandera.errors.SchemaErrors as err:
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
    return rest + [Problem(_file(table), min(rows), column, required_line(table, column, sorted(set(rows))))
                   for column, rows in empty.items()]


def _from_failure(table: str, case: dict) -> Problem:
    index, column, check = case.get("index"), case.get("column"), str(case.get("check"))
    value = case.get("failure_case")
    row = int(index) + 2 if index is not None and not (isinstance(index, float) and math.isnan(index)) else 1
    if check == "column_in_dataframe":
        return Problem(_file(table), 1, str(value), "required column is missing")
    if check == "column_in_schema":
        return Problem(_file(table), 1, str(value), "unexpected column (see docs/CODING.md)")
    if check == "field_uniqueness":
        return Problem(_file(table), row, str(column), f"duplicate id {value!r}")
    shown = f" (got {value!r})" if value not in ("", None) else ""
    return Problem(_file(table), row, str(column), f"{check}{shown}")


def _rows(df: pd.DataFrame):
    """(index, row as a dict) for every row of ``df``: iterrows builds a Series per row, several times slower."""
    return zip(df.index, df.to_dict("records"))


def _row(i) -> int:
    return int(i) + 2


def _ref(df, table, column, allowed, what, problems, allow_empty=False, split=None):
    for i, v in df[column].items():
        values = v.split(split) if split and v else [v]
        for x in values:
            if x == "" and allow_empty:
                continue
            if x not in allowed:
                problems.append(Problem(_file(table), _row(i), column, f"unknown {what} {x!r}"))


def check_tables(t: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules across tables and within a fact row. Skips rules whose tables could not be read."""
    problems: list[Problem] = []
    ids = {name: set(t[name][key]) for name, key in schema.KEYS.items() if name in t and key in t[name]}
    if "models" in t and "regions" in ids and "sources" in ids:
        m = t["models"]
        _ref(m, "models", "region_code", ids["regions"], "region_code", problems)
        _ref(m, "models", "source_ids", ids["sources"], "source_id", problems, split="|")
    if "regions" in t and "sources" in ids:
        r = t["regions"]
        _ref(r, "regions", "parent_code", ids["regions"], "parent_code", problems, allow_empty=True)
        for col in ("population_source_id", "townships_source_id", "code_source_id"):
            _ref(r, "regions", col, ids["sources"], "source_id", problems, allow_empty=True)
        for i, row in r.iterrows():
            if row["population_2020"] and not row["population_source_id"]:
                problems.append(Problem(_file("regions"), _row(i), "population_source_id",
                                        "a population needs its source id"))
            if row["townships"] and not row["townships_source_id"]:
                problems.append(Problem(_file("regions"), _row(i), "townships_source_id",
                                        "a township count needs its source id"))
    if "facts" in t and all(k in ids for k in ("models", "sources", "regions", "indicators")):
        problems += fact_problems(t["facts"], t["indicators"], ids)
        problems += coverage_problems(t["facts"], t["models"], t.get("phases"), t.get("sources"))
    if "phases" in t and "models" in ids and "sources" in ids:
        problems += phase_problems(t["phases"], ids)
        if "facts" in t and "phase" in t["facts"]:
            problems += fact_phase_problems(t["facts"], t["phases"])
    return sorted(set(problems))


def phase_problems(p: pd.DataFrame, ids: dict[str, set]) -> list[Problem]:
    """phases.csv: its model and source exist, and a phase does not end before it starts."""
    out: list[Problem] = []
    _ref(p, "phases", "model_id", ids["models"], "model_id", out)
    _ref(p, "phases", "source_id", ids["sources"], "source_id", out)
    for i, row in p.iterrows():
        start, end = row["start"], row["end"]
        n = min(len(start), len(end))
        if start and end and start[:n] > end[:n]:
            out.append(Problem(_file("phases"), _row(i), "end", f"ends ({end}) before it starts ({start})"))
    return out


def _before(a: str, b: str) -> bool:
    """Date ``a`` is before date ``b`` at the precision both have (2021-07 is not before 2021)."""
    n = min(len(a), len(b))
    return bool(a and b) and a[:n] < b[:n]


def fact_phase_problems(f: pd.DataFrame, phases: pd.DataFrame) -> list[Problem]:
    """A fact's ``phase`` is empty or a phase_id of the same model (phases.csv), and a reported figure's date
    lies within the phase's span.

    >>> ph = pd.DataFrame({"phase_id": ["gd_a"], "model_id": ["gd"], "start": ["2017"], "end": ["2020"]})
    >>> f = pd.DataFrame({"model_id": ["gd", "hn", "gd", "gd"], "phase": ["gd_a", "gd_a", "gd_b", "gd_a"],
    ...                   "status": ["reported"] * 4, "as_of": ["2019", "", "", "2022-12"]})
    >>> [str(p) for p in fact_phase_problems(f, ph)]  # doctest: +NORMALIZE_WHITESPACE
    ["data/raw/facts.csv:3:phase: phase 'gd_a' belongs to model 'gd', not 'hn'",
     "data/raw/facts.csv:4:phase: unknown phase 'gd_b' (not in data/raw/phases.csv)",
     "data/raw/facts.csv:5:phase: 'gd_a' runs 2017 to 2020; a figure reported as of 2022-12 is not in it"]
    """
    by_id = {r["phase_id"]: r for _, r in phases.iterrows()}
    out: list[Problem] = []
    for i, row in _rows(f):
        phase = row["phase"]
        if not phase:
            continue
        p = by_id.get(phase)
        if p is None:
            out.append(Problem(_file("facts"), _row(i), "phase",
                               f"unknown phase {phase!r} (not in data/raw/phases.csv)"))
        elif p["model_id"] != row["model_id"]:
            out.append(Problem(_file("facts"), _row(i), "phase",
                               f"phase {phase!r} belongs to model {p['model_id']!r}, not {row['model_id']!r}"))
        elif row["status"] == "reported" and (_before(row["as_of"], p["start"]) or _before(p["end"], row["as_of"])):
            span = f"{p['start'] or '?'} to {p['end'] or 'now'}"
            out.append(Problem(_file("facts"), _row(i), "phase",
                               f"{phase!r} runs {span}; a figure reported as of {row['as_of']} is not in it"))
    return out


def coverage_problems(f: pd.DataFrame, models: pd.DataFrame, phases: pd.DataFrame | None = None,
                      sources: pd.DataFrame | None = None) -> list[Problem]:
    """What a figure is about: sites named, money's purpose and payer, duplicates, conflicts, headline ties."""
    from helpers.data.comparison import open_ties

    out: list[Problem] = []
    by_id = {r["fact_id"]: (i, r) for i, r in _rows(f)}
    home = dict(zip(models["model_id"], models["region_code"]))

    def bad(i, column, message):
        out.append(Problem(_file("facts"), _row(i), column, message))

    for i, row in _rows(f):
        site = row["scope"] == "site"
        for c in ("site_zh", "site_en"):
            if site and not row[c].strip():
                bad(i, c, "name the site when scope is 'site'")
            elif not site and row[c]:
                bad(i, c, "only for scope 'site'")
        money = row["unit"] == "CNY"
        for c in ("purpose", "payer"):
            if money and not row[c]:
                bad(i, c, f"money needs its {c} (see docs/CODING.md; 'unspecified' when the source does not say)")
            elif not money and row[c]:
                bad(i, c, "only for money (unit CNY)")
        dup = row["duplicate_of"]
        if dup:
            if dup == row["fact_id"]:
                bad(i, "duplicate_of", "a fact cannot duplicate itself")
            elif dup not in by_id:
                bad(i, "duplicate_of", f"unknown fact_id {dup!r}")
            else:
                _, d = by_id[dup]
                if d["duplicate_of"]:
                    bad(i, "duplicate_of", f"{dup!r} is itself a duplicate; point at {d['duplicate_of']!r}")
                for c in ("indicator", "region_code", "value"):
                    if d[c] != row[c]:
                        bad(i, "duplicate_of", f"a duplicate has the same {c} as {dup!r} ({row[c]!r} vs {d[c]!r})")
        for ref in filter(None, row["conflicts_with"].split("|")):
            if ref.startswith("regions:"):
                parts = ref.split(":")
                if len(parts) != 3 or parts[2] != "townships" or parts[1] != row["region_code"]:
                    bad(i, "conflicts_with", f"{ref!r}: write regions:{row['region_code']}:townships")
            elif ref == row["fact_id"]:
                bad(i, "conflicts_with", "a fact cannot conflict with itself")
            elif ref not in by_id:
                bad(i, "conflicts_with", f"unknown fact_id {ref!r}")
            elif row["fact_id"] not in by_id[ref][1]["conflicts_with"].split("|"):
                bad(i, "conflicts_with", f"{ref!r} must point back (add {row['fact_id']} to its conflicts_with)")
        if row["headline"] == "true" and not (row["scope"] in schema.HEADLINE_SCOPES
                                               and home.get(row["model_id"]) == row["region_code"]):
            bad(i, "headline", "only a whole or programme figure about the model's own region can be its headline")
    dates_ok = f["as_of"].map(lambda v: v == "" or schema.real_date(v)).all()
    if out or not dates_ok:  # ties are judged only on rows that are otherwise sound
        return out
    typed = f.assign(value=pd.to_numeric(f["value"].replace("", None), errors="coerce"))
    if sources is not None and "reliability" in sources.columns:  # ties are judged as comparison.csv breaks them
        typed["reliability"] = typed["source_id"].map(dict(zip(sources["source_id"], sources["reliability"])))
    phase_ok = (phases is not None and {"phase_id", "model_id", "start", "end"} <= set(phases.columns)
                and all(v == "" or re.fullmatch(schema.DATE, v) for v in [*phases["start"], *phases["end"]]))
    for model, indicator, tied in open_ties(typed, models, phases if phase_ok else None):
        for fid in tied:
            bad(by_id[fid][0], "headline",
                f"{model}/{indicator}: {', '.join(tied)} tie for the model's figure (same status, coverage and "
                "date, different values); mark one headline=true")
    return out


def _num(s: str) -> float | None:
    return float(s) if s not in ("", None) else None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def fact_problems(f: pd.DataFrame, indicators: pd.DataFrame, ids: dict[str, set]) -> list[Problem]:
    """The rules for facts.csv: references, meaning of the figure, evidence and plausibility."""
    out: list[Problem] = []
    ind = indicators.set_index("indicator").to_dict("index") if "indicator" in indicators else {}

    def bad(i, column, message):
        out.append(Problem(_file("facts"), _row(i), column, message))

    for i, row in _rows(f):
        for column, table in (("model_id", "models"), ("source_id", "sources"),
                              ("region_code", "regions"), ("indicator", "indicators")):
            if row[column] and row[column] not in ids[table]:
                bad(i, column, f"unknown {column} {row[column]!r} (not in data/raw/{table}.csv)")
        if row["source_id"] and not row["fact_id"].startswith(row["source_id"] + "-"):
            bad(i, "fact_id", f"must start with its source_id followed by '-' ({row['source_id']}-NN)")
        meta = ind.get(row["indicator"])
        if meta:
            want = TARGET_DIMENSION if row["status"] == "target" else meta["dimension"]
            if row["dimension"] != want:
                bad(i, "dimension", f"must be {want!r} for indicator {row['indicator']!r} with status "
                                    f"{row['status']!r}")
            if row["unit"] and row["unit"] != meta["unit"]:
                bad(i, "unit", f"indicator {row['indicator']!r} is measured in {meta['unit']!r}")
        _figure_problems(i, row, meta, bad)
    return out


def _figure_problems(i, row, meta, bad) -> None:
    """Report (through ``bad(i, column, message)``) what is wrong with row ``i``'s figure itself: evidence,
    numbers, meaning."""
    status, text, evidence = row["status"], row["value_text"], row["evidence"]
    numbers = {c: row[c] for c in ("value", "value_low", "value_high")}
    if not evidence.strip():
        bad(i, "evidence", "an exact quote from the source is required")
    elif len(evidence) > MAX_EVIDENCE:
        bad(i, "evidence", f"is {len(evidence)} characters; quote at most {MAX_EVIDENCE}")
    if text and evidence and text not in evidence:
        bad(i, "value_text", f"{text!r} does not occur in the evidence quote")
    if status == "missing":
        for c, v in numbers.items():
            if v:
                bad(i, c, "must be empty when the source lost the figure (status=missing)")
        return
    _status_problems(i, row, bad)
    if status and not row["value"]:
        bad(i, "value", f"is required when status is {status!r}")
    try:
        vals = {c: _num(v) for c, v in numbers.items()}
    except ValueError:
        return  # the schema already reported the malformed number
    if not text:
        return
    try:
        q = parse_quantity(text)
    except ValueError as e:
        bad(i, "value_text", str(e))
        return
    # The words around value_text in the quote may qualify it further (超過160萬, 约5605户8474人).
    stated = stated_qualifier(text, evidence)
    qualifier, low, high = q.qualifier, q.low, q.high
    if stated and stated[0] != q.qualifier:
        qualifier = stated[0]
        low = q.value if qualifier in ("exact", "at_least") else None
        high = q.value if qualifier in ("exact", "at_most") else None
    if vals["value"] is not None and not _same(vals["value"], q.value):
        bad(i, "value", f"{text!r} means {q.value:g}, not {row['value']}")
    reading = f"{stated[1]!r} in the evidence" if stated else repr(text)
    for c, expected in (("value_low", low), ("value_high", high)):
        if not _same(vals[c], expected):
            bad(i, c, f"{reading} gives {c} {'empty' if expected is None else format(expected, 'g')}")
    if row["qualifier"] and row["qualifier"] != qualifier:
        if stated:
            bad(i, "qualifier", f"evidence says {stated[1]!r} ({WORDS[qualifier]}), coded "
                                f"{WORDS.get(row['qualifier'], row['qualifier'])}")
        else:
            bad(i, "qualifier", f"{text!r} is {q.qualifier!r}, not {row['qualifier']!r}")
    if q.unit and row["unit"] and row["unit"] != q.unit:
        bad(i, "unit", f"{text!r} is in {q.unit!r}, not {row['unit']!r}")
    for c, v in vals.items():
        if v is not None and v < 0:
            bad(i, c, "a count, amount or share cannot be negative")
    over = meta is not None and str(meta.get("allow_over_100", "")) == "true"
    if row["unit"] == "percent" and not over and vals["value"] is not None and vals["value"] > 100:
        bad(i, "value", f"{vals['value']:g}% is over 100 and indicator {row['indicator']!r} does not allow it")


# counts_en/counts_zh that call the figure a standard: "(standard)", "(标准)", "(要求)".
_STANDARD_WORDS = re.compile(r"\(standard\)|[(（](?:标准|要求)[)）]")


def _status_problems(i, row, bad) -> None:
    """A figure the quote words as a norm for every unit, or its counts call a standard, has status standard;
    a standard has period plan."""
    status = row["status"]
    norm = requirement(row["value_text"], row["evidence"])
    if norm and status not in ("standard", "target"):
        bad(i, "status", f"evidence words it as a norm ({norm!r}): status standard (or target for a dated goal), "
                         f"not {status}")
    elif status not in ("standard", "target") and _STANDARD_WORDS.search(row["counts_en"] + row["counts_zh"]):
        bad(i, "status", f"counts say it is a standard: status standard, not {status}")
    if status == "standard" and row["period"] != "plan":
        bad(i, "period", f"a standard has period plan, not {row['period']!r}")


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
                    out.append(Problem(_file(table), _row(i), str(column),
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
    from helpers.data.checks_catalogue import catalogue_problems
    from helpers.data.checks_cells import cell_problems

    tables, problems = load_raw(project)
    problems += check_tables(tables) + cell_problems(tables) + catalogue_problems(tables)
    return tables, sorted(set(problems))
