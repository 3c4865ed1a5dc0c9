"""A raw CSV read record by record with the file line each starts on, as an editor numbers it (1-based).

Two things pandas cannot say well: a record whose fields do not match the header (pandas names a line counted
its own way, and an unclosed quote one line off), and draft rows that ``workbook extract --append`` added to
facts.csv with three more fields (draft, confidence, reason) after the table's columns.

:func:`read_records` tokenises with Python's csv module. :func:`field_count_problems` turns every record of the
wrong length into one ``(line, message)``; a record with exactly the three draft fields more than the header is
a draft row, which :func:`split_drafts` takes apart from the table.

>>> text = 'a,b\\n1,2\\n3,4,true,low,why\\n'
>>> [(r.line, r.fields) for r in read_records(text)]
[(1, ['a', 'b']), (2, ['1', '2']), (3, ['3', '4', 'true', 'low', 'why'])]
>>> field_count_problems(read_records(text), draft_fields=3)
[]
>>> field_count_problems(read_records('a,b\\n1,2,3\\n'))
[(2, 'line 2 has 3 fields, the header has 2 (a comma too many, or a field with a comma not in "quotes")')]
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

DRAFT_FIELDS = ("draft", "confidence", "reason")


@dataclass(frozen=True)
class Record:
    line: int        # the file line the record starts on (1-based)
    end_line: int    # the file line it ends on
    fields: list[str]


def read_records(text: str) -> list[Record]:
    """Every record of ``text`` with its first and last file line; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out, last = [], 0
    for fields in reader:
        start, last = last + 1, reader.line_num
        if fields:
            out.append(Record(start, last, fields))
    return out


def unclosed_quote(text: str, records: list[Record]) -> int | None:
    """The line where a quoted field opens and is never closed, or None.

    >>> unclosed_quote('a,b\\n1,"x\\n2,3\\n', read_records('a,b\\n1,"x\\n2,3\\n'))
    2
    """
    if not records:
        return None
    last = records[-1]
    lines = text.splitlines()
    body = "\n".join(lines[last.line - 1:])
    if body.count('"') % 2 == 1 and last.end_line >= len(lines):
        return last.line
    return None


def field_count_problems(records: list[Record], draft_fields: int = 0, text: str = "") -> list[tuple[int, str]]:
    """(line, message) for each record whose field count differs from the header's.

    With ``draft_fields`` (facts.csv), a record with exactly that many more fields whose first extra field is
    ``true`` is a draft row (not a problem here); one with that many more fields otherwise is said to carry the
    draft columns of ``workbook extract``.
    """
    if not records:
        return []
    width = len(records[0].fields)
    quote = unclosed_quote(text, records) if text else None
    out = []
    for r in records[1:]:
        n = len(r.fields)
        if n == width:
            continue
        if quote is not None and r.line == quote:
            out.append((r.line, (f'line {r.line}: a "quoted" field opens here and is never closed; it runs to the '
                                f'end of the file (add the closing ")')))
            continue
        if draft_fields and n == width + draft_fields:
            if r.fields[width] == "true":
                continue
            out.append((r.line, (f"line {r.line} has {n} fields, the header has {width}: the last {draft_fields} are "
                                f"the draft columns of workbook extract ({', '.join(DRAFT_FIELDS)}); once the row "
                                f"is reviewed, delete those {draft_fields} fields")))
            continue
        hint = ("a comma too many, or a field with a comma not in \"quotes\"" if n > width
                else "a field missing, or a line break inside a field not in \"quotes\"")
        where = f"line {r.line}" if r.end_line == r.line else f"lines {r.line}-{r.end_line}"
        out.append((r.line, f"{where} has {n} fields, the header has {width} ({hint})"))
    return out


def split_drafts(records: list[Record], draft_fields: int = len(DRAFT_FIELDS)) -> tuple[list[list[str]], list[int]]:
    """The table's rows (draft rows cut to the header's width) and the file lines of the draft rows.

    >>> rows, lines = split_drafts(read_records('a,b\\n1,2\\n3,4,true,low,why\\n'))
    >>> rows, lines
    ([['1', '2'], ['3', '4']], [3])
    """
    width = len(records[0].fields)
    rows, drafts = [], []
    for r in records[1:]:
        if len(r.fields) == width + draft_fields and r.fields[width] == "true":
            drafts.append(r.line)
            rows.append(r.fields[:width])
        else:
            rows.append(r.fields)
    return rows, drafts


def table_from_text(text: str, drafts: bool = False):
    """``(DataFrame or None, [(line, column, message)])`` when the CSV needs more than pandas' reading: records
    of the wrong length (then no table), or, with ``drafts``, draft rows (cut to the header's columns, each said
    once at its file line). None when pandas can read the text as it is.
    """
    records = read_records(text)
    if len(records) < 2:
        return None
    bad = field_count_problems(records, len(DRAFT_FIELDS) if drafts else 0, text)
    if bad:
        return None, [(line, "-", message) for line, message in bad]
    if not drafts:
        return None
    rows, lines = split_drafts(records)
    if not lines:
        return None
    import pandas as pd

    df = pd.DataFrame(rows, columns=records[0].fields, dtype=str)
    return df, [(line, "draft", ("draft row from workbook extract, not yet confirmed: review it, then delete its last "
                                "three fields (draft, confidence, reason)")) for line in lines]
