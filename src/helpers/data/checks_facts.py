"""The rules of ``workbook check`` for the facts and phases tables: references, the figure and its
evidence, the status its words imply, coverage of each model, and phases' spans.

Each rule returns :class:`~helpers.data.check.Problem` rows (``data/raw/facts.csv:ROW:COLUMN: message``);
:func:`helpers.data.check.check_tables` calls them once the tables they join could be read.

>>> import pandas as pd
>>> phases = pd.DataFrame({"phase_id": ["p1"], "model_id": ["m"], "source_id": ["s"],
...                        "start": ["2021"], "end": ["2019"]})
>>> [str(p) for p in phase_problems(phases, {"models": {"m"}, "sources": {"s"}})]  # doctest: +ELLIPSIS
['data/raw/phases.csv:2:end: ...']
"""

from __future__ import annotations

import math
import re

import pandas as pd

from helpers.data import schema
from helpers.data.check import Problem, raw_file, records, sheet_row, unknown_references
from helpers.data.extract import MAX_EVIDENCE  # drafts and the check agree on the quote's length
from helpers.data.quantities import parse_quantity
from helpers.data.wording import WORDS, requirement, stated_qualifier
from helpers.vocabulary import TARGET_DIMENSION


def phase_problems(p: pd.DataFrame, ids: dict[str, set]) -> list[Problem]:
    """phases.csv: its model and source exist, and a phase does not end before it starts."""
    out: list[Problem] = []
    unknown_references(p, "phases", "model_id", ids["models"], "model_id", out)
    unknown_references(p, "phases", "source_id", ids["sources"], "source_id", out)
    for i, row in p.iterrows():
        start, end = row["start"], row["end"]
        n = min(len(start), len(end))
        if start and end and start[:n] > end[:n]:
            out.append(Problem(raw_file("phases"), sheet_row(i), "end", f"ends ({end}) before it starts ({start})"))
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
    for i, row in records(f):
        phase = row["phase"]
        if not phase:
            continue
        p = by_id.get(phase)
        if p is None:
            out.append(Problem(raw_file("facts"), sheet_row(i), "phase",
                               f"unknown phase {phase!r} (not in data/raw/phases.csv)"))
        elif p["model_id"] != row["model_id"]:
            out.append(Problem(raw_file("facts"), sheet_row(i), "phase",
                               f"phase {phase!r} belongs to model {p['model_id']!r}, not {row['model_id']!r}"))
        elif row["status"] == "reported" and (_before(row["as_of"], p["start"]) or _before(p["end"], row["as_of"])):
            span = f"{p['start'] or '?'} to {p['end'] or 'now'}"
            out.append(Problem(raw_file("facts"), sheet_row(i), "phase",
                               f"{phase!r} runs {span}; a figure reported as of {row['as_of']} is not in it"))
    return out


def coverage_problems(f: pd.DataFrame, models: pd.DataFrame, phases: pd.DataFrame | None = None,
                      sources: pd.DataFrame | None = None) -> list[Problem]:
    """What a figure is about: sites named, money's purpose and payer, duplicates, conflicts, headline ties."""
    from helpers.data.comparison import open_ties

    out: list[Problem] = []
    by_id = {r["fact_id"]: (i, r) for i, r in records(f)}
    home = dict(zip(models["model_id"], models["region_code"]))

    def bad(i, column, message):
        out.append(Problem(raw_file("facts"), sheet_row(i), column, message))

    for i, row in records(f):
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
        out.append(Problem(raw_file("facts"), sheet_row(i), column, message))

    for i, row in records(f):
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
