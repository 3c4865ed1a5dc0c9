"""Rules on single cells of every raw table, beyond their schema: what could break a page, a file name or
the Excel workbook later, found here with the file, row and column instead.

* ``url`` in sources.csv: only ``http://`` and ``https://`` URLs (a ``javascript:`` link would run script in
  every page that cites the source; :func:`helpers.links.is_web_url`).
* Control characters: none in any cell, except newline, carriage return and tab in free-text columns (a NUL
  would stop ``workbook data`` in openpyxl, and control characters are invisible in a page).
* Length: ids short enough to name files (:data:`MAX_ID` characters; a report id adds ``profile-`` and ``-zh``,
  its page ``.html`` and the temporary file ``.<name>.XXXXXXXX.tmp``, all within the 255 bytes most
  filesystems allow), and no cell longer than Excel keeps (:data:`EXCEL_CELL` characters; Excel cuts the
  rest silently).

>>> import pandas as pd
>>> t = {"sources": pd.DataFrame({"source_id": ["a"], "url": [" JavaScript:alert(1)"], "note": ["x\\x00"]})}
>>> [(p.row, p.column, p.message[:32]) for p in cell_problems(t)]
[(2, 'note', 'control character U+0000 at char'), (2, 'url', "' JavaScript:alert(1)' is not an")]
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.data import schema
from helpers.data.check import Problem
from helpers.links import is_web_url

MAX_ID = 64  # characters of a source_id, model_id or indicator
MAX_FACT_ID = 80  # a fact_id is its source_id, '-' and a number
EXCEL_CELL = 32767  # characters an Excel cell holds
_LONG_IDS = {("sources", "source_id"): MAX_ID, ("models", "model_id"): MAX_ID,
             ("indicators", "indicator"): MAX_ID, ("facts", "fact_id"): MAX_FACT_ID}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab, newline, CR; DEL; C1
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # ... and tab, newline, CR too


def _file(table: str) -> str:
    return f"data/raw/{table}.csv"


def _free_text(table: str, column: str) -> bool:
    """Columns of prose (kind ``text`` without a vocabulary), where a line break or a tab may stand."""
    kind, _, vocabulary = schema.TABLES.get(table, {}).get(column, ("", False, ()))
    return kind == "text" and not vocabulary


def cell_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every cell rule above, for every table read."""
    out: list[Problem] = []
    for table, df in tables.items():
        for column in df.columns:
            column = str(column)
            control = _CONTROL if _free_text(table, column) else _CONTROL_OR_BREAK
            limit = _LONG_IDS.get((table, column))
            for i, v in df[column].items():
                if not isinstance(v, str) or not v:
                    continue
                where = (_file(table), int(i) + 2, column)
                m = control.search(v)
                if m:
                    out.append(Problem(*where, f"control character U+{ord(m.group()):04X} at character "
                                              f"{m.start() + 1}; remove it (copied from a web page?)"))
                if len(v) > EXCEL_CELL:
                    out.append(Problem(*where, f"is {len(v)} characters; a cell holds at most {EXCEL_CELL} "
                                              "(Excel would cut the rest)"))
                if limit is not None and len(v) > limit:
                    out.append(Problem(*where, f"id is {len(v)} characters; at most {limit} (ids name files, "
                                              "such as reports/profile-<model_id>-zh.html)"))
    if "sources" in tables and "url" in tables["sources"]:
        for i, v in tables["sources"]["url"].items():
            if v and not is_web_url(v):
                out.append(Problem(_file("sources"), int(i) + 2, "url",
                                   f"{v!r} is not an http(s) URL; only http:// and https:// addresses may be "
                                   "linked (leave it empty or put the text in note)"))
    return out
