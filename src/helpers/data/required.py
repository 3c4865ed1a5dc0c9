"""What an empty required cell should hold: said once per column, with the allowed values or the rule.

``workbook check`` used to print ``facts.csv:ROW:period: is required`` once per row, naming nothing allowed. A
column left empty in many rows (drafts pasted without their period) is now one line: the first row, how many
rows, which rows, and what the column takes (its vocabulary, the table its ids come from, or the rule for free
text from the codebook).

>>> rule_for("facts", "period")
'one of: cumulative, annual, point_in_time, plan'
>>> rule_for("facts", "model_id"), rule_for("facts", "indicator")
('a model_id from data/raw/models.csv', 'an indicator from data/raw/indicators.csv')
>>> required_line("facts", "period", [3, 4, 9])
'is required: empty in 3 rows (3, 4, 9); one of: cumulative, annual, point_in_time, plan'
"""

from __future__ import annotations

from helpers.data import schema

# Columns whose values are the ids of another table.
_REFERENCES = {"model_id": "models", "source_id": "sources", "region_code": "regions", "indicator": "indicators",
               "parent_code": "regions", "source_ids": "sources"}
_KIND_RULES = {"id": "a lowercase id ([a-z0-9_])", "date": "a date YYYY, YYYY-MM or YYYY-MM-DD",
               "code": "a 6-digit GB/T 2260 region code", "number": "a plain number", "integer": "a whole number",
               "year": "a 4-digit year", "ids": "ids separated by |", "bool": "true or false", "bool1": "true",
               "tiers": "tiers separated by |"}
SHOWN_ROWS = 8


def rule_for(table: str, column: str) -> str:
    """What ``column`` of ``table`` takes, in words."""
    kind, _, vocabulary = schema.TABLES.get(table, {}).get(column, ("text", False, ()))
    if vocabulary:
        return "one of: " + ", ".join(vocabulary)
    if column in _REFERENCES and _REFERENCES[column] != table:
        ref = _REFERENCES[column]
        key = schema.KEYS[ref]
        article = "an" if key[0] in "aeiou" else "a"
        return (f"{article} {key} from data/raw/{ref}.csv" if kind != "ids"
                else f"{key}s from data/raw/{ref}.csv, |-separated")
    if kind != "text":
        return _KIND_RULES.get(kind, kind)
    try:
        from helpers.data.codebook import DESCRIPTIONS
    except ImportError:  # pragma: no cover
        return "text (see docs/CODING.md)"
    described = DESCRIPTIONS.get(table, {}).get(column, "")
    return described or "text (see docs/CODING.md)"


def required_line(table: str, column: str, rows: list[int]) -> str:
    """The one message for ``column`` empty in ``rows`` (spreadsheet row numbers)."""
    shown = ", ".join(map(str, rows[:SHOWN_ROWS])) + (", …" if len(rows) > SHOWN_ROWS else "")
    count = f"{len(rows)} row" + ("s" if len(rows) != 1 else "")
    return f"is required: empty in {count} ({shown}); {rule_for(table, column)}"
