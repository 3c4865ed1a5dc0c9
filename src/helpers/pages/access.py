"""The page layer's one way to the processed data: an accessor that records what a report read.

Pages read ``r.data`` (an :class:`Access`): whole tables as attributes (``r.data.facts``), the rows they need
with :meth:`Access.rows` (``r.data.rows("facts", model_id="hezhou")``), or the result of a pure function of the
tables with :meth:`Access.query` (``r.data.query(compare.model_rows, "stations_township", "en")``). Each
distinct call is recorded once with a hash of its result (:func:`digest`): the report's *trace*. In a build
(``$WORKBOOK_TRACE`` names a file) every new call is appended to that file as one JSON line; the build keeps
the trace with the report in the manifest and, next time, replays it against the new data
(:mod:`helpers.site.traces`) instead of running the notebook when no result changed.

A whole-table read is recorded as such (any change to that table rebuilds the report: conservative and
correct); filtered reads let an edit to one model's facts leave the other models' pages alone. The functions
given to :meth:`query` get the tables through a :class:`helpers.data.load.Reading`, which notes each table they
read (kept in the trace entry as ``tables``, so a build replays the query only when one of those changed); what
they compute from them is covered by the hash of their result. They must be module-level functions of ``helpers`` with JSON arguments,
so the build can call them again.

In a build a page states the version of the data *it* shows (:func:`page_version`, a hash of its trace),
known only when the notebook has finished: while it runs :attr:`Access.data_hash` is :data:`PENDING`, which the
build replaces in the finished page. Outside a build (JupyterLab) it is the version of data/raw/.

>>> import pandas as pd
>>> from helpers.data.load import Reading, Tables
>>> from helpers.data.processed import PROCESSED_TABLES
>>> t = Tables(**{n: pd.DataFrame({"model_id": ["a", "b"], "v": [1, 2]}) for n in PROCESSED_TABLES}, data_hash="d")
>>> a = Access(t)
>>> list(a.rows("facts", model_id="b")["v"]), len(a.facts)
([2], 2)
>>> [(c["table"], c["where"]) for c in a.trace]
[('facts', {'model_id': ['b']}), ('facts', {})]
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import importlib
import json
import os

import pandas as pd

from helpers.data.load import Reading, Tables, as_values
from helpers.data.processed import PROCESSED_TABLES

TRACE_ENV = "WORKBOOK_TRACE"  # set by the build for each report's kernel: the file its trace goes to
PENDING = "WORKBOOK-DATA-VERSION-PENDING"  # the page's data version until the build knows its trace
READ = "tables"  # in a query's trace entry: the tables the query read


def digest(obj) -> str:
    """A stable hash of a read's result: frames by column names, dtypes (a categorical's categories and their
    order too), index and values; containers by their items; anything else by ``repr``.

    >>> digest(pd.DataFrame({"a": [1]})) == digest(pd.DataFrame({"a": [1]})), digest([1]) == digest([2])
    (True, False)
    """
    h = hashlib.sha256()
    _feed(h, obj)
    return h.hexdigest()[:16]


def _feed(h, obj) -> None:
    if isinstance(obj, pd.DataFrame):
        h.update(json.dumps(["frame", [str(c) for c in obj.columns], [_dtype(d) for d in obj.dtypes]]).encode())
        _feed_values(h, obj)
    elif isinstance(obj, pd.Series):
        h.update(json.dumps(["series", str(obj.name), _dtype(obj.dtype)]).encode())
        _feed_values(h, obj)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        h.update(f"dc:{type(obj).__name__}".encode())
        for f in dataclasses.fields(obj):
            h.update(f.name.encode())
            _feed(h, getattr(obj, f.name))
    elif isinstance(obj, dict):
        h.update(b"dict")
        for k in sorted(obj, key=repr):
            _feed(h, k)
            _feed(h, obj[k])
    elif isinstance(obj, (list, tuple)):
        h.update(f"seq{len(obj)}".encode())
        for x in obj:
            _feed(h, x)
    elif isinstance(obj, (set, frozenset)):
        h.update(b"set")
        for x in sorted(obj, key=repr):
            _feed(h, x)
    else:
        h.update(repr(obj.item() if hasattr(obj, "item") and not isinstance(obj, str) else obj).encode())
    h.update(b"\0")


def _dtype(dtype) -> str:
    """A column's type as text; a categorical one with its categories and whether they are ordered, which decide
    a chart's colours and legend (``str`` says only "category")."""
    if isinstance(dtype, pd.CategoricalDtype):
        return json.dumps(["category", dtype.ordered, dtype.categories.tolist()], ensure_ascii=False, default=repr)
    return str(dtype)


def _feed_values(h, obj) -> None:
    """The index and each column's values as one JSON text: Python's own values (cells of object columns made
    plain, sets sorted; floats exact, as ``repr`` writes them; what JSON lacks by ``repr``). Read from the column
    arrays, not column by column through pandas, which costs more than the hashing for the small frames pages read."""
    frame = obj.to_frame() if isinstance(obj, pd.Series) else obj
    arrays = frame._iter_column_arrays() if hasattr(frame, "_iter_column_arrays") else (s.array for _, s in frame.items())
    cells = [_cells(frame.index)] + [_cells(a) for a in arrays]
    h.update(json.dumps(cells, ensure_ascii=False, default=repr).encode())


def _cells(values) -> list:
    arrow = getattr(values, "_pa_array", None)  # a pyarrow-backed column (strings): its values straight from Arrow
    out = arrow.to_pylist() if arrow is not None else values.tolist()
    return [_plain(v) for v in out] if values.dtype == object else out


def _plain(value):
    """``value`` as JSON: tuples, arrays and sets become lists (sets sorted), numpy scalars Python ones."""
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, pd.Index, pd.Series)) or type(value).__name__ == "ndarray":
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def rows_call(table: str, where: dict, columns=None) -> dict:
    """The recorded form of a rows read: filter values as sorted lists (their order does not change the rows)."""
    call = {"table": table, "where": {k: sorted({str(x) if not isinstance(x, (int, float)) else x
                                                   for x in _plain(as_values(v))}, key=repr)
                                      for k, v in sorted(where.items())}}
    if columns is not None:
        call["columns"] = [str(c) for c in columns]
    return call


def query_call(fn, args: tuple, kwargs: dict) -> dict:
    """The recorded form of a query: the function's ``module:name`` and its arguments as JSON."""
    name = f"{fn.__module__}:{fn.__qualname__}"
    if not fn.__module__.startswith("helpers.") or "<" in fn.__qualname__:
        raise ValueError(f"a query must be a module-level function of helpers, not {name}")
    return {"query": name, "args": _plain(list(args)), "kwargs": {k: _plain(v) for k, v in sorted(kwargs.items())}}


def run_call(tables: Tables, call: dict):
    """What ``call`` (a recorded rows read or query) gives on ``tables``; how a build replays a trace."""
    if "query" in call:
        module, name = call["query"].split(":", 1)
        if not module.startswith("helpers."):
            raise ValueError(f"not a helpers query: {call['query']}")
        fn = importlib.import_module(module)
        for part in name.split("."):
            fn = getattr(fn, part)
        return fn(tables, *call["args"], **call["kwargs"])
    return tables.rows(call["table"], call.get("columns"), **call["where"])


def call_key(call: dict) -> str:
    return json.dumps(call, sort_keys=True, ensure_ascii=False)


def recorded_call(entry: dict) -> dict:
    """A trace entry's call alone: without the hash of its answer and the tables it read."""
    return {k: v for k, v in entry.items() if k not in ("hash", READ)}


def tables_read(entry: dict) -> list[str] | None:
    """The tables a trace entry's answer depends on: a rows read's table, a query's recorded tables (None for a
    query recorded before queries listed them: it may have read any)."""
    if "query" in entry:
        read = entry.get(READ)
        return list(read) if isinstance(read, list) else None
    return [entry.get("table")]


def page_version(trace: list[dict]) -> str:
    """The data version a page states: a hash of every call it made and of what each gave. Two builds whose
    reports read the same things and got the same answers state the same version, whatever else changed.

    >>> page_version([{"table": "facts", "where": {}, "hash": "ab"}]) == page_version([])
    False
    """
    calls = [{k: v for k, v in c.items() if k != READ} for c in trace]  # what was read and got, not where from
    return hashlib.sha256(json.dumps(calls, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


class Access:
    """The processed tables as a report reads them, each call recorded (see the module's text)."""

    def __init__(self, tables: Tables, trace_file: str | None = None):
        self._tables = tables
        self._seen: set[str] = set()  # call keys recorded in the trace (each read is recorded once)
        self._answers: dict[str, object] = {}  # each query's result, by call key: a repeated call is not computed again
        self.trace: list[dict] = []
        self._file = trace_file if trace_file is not None else os.environ.get(TRACE_ENV) or None

    def _record(self, call: dict, result, read: list[str] | None = None) -> None:
        key = call_key(call)
        if key in self._seen:
            return
        entry = {**call, "hash": digest(result)}
        if read is not None:
            entry[READ] = read
        self._seen.add(key)
        self.trace.append(entry)
        if self._file:
            with open(self._file, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")

    def rows(self, table: str, columns=None, **where) -> pd.DataFrame:
        """The rows of ``table`` matching ``where`` (column → a value or a list of values), recorded."""
        out = self._tables.rows(table, columns, **where)
        self._record(rows_call(table, where, columns), out)
        return out

    def query(self, fn, *args, **kwargs):
        """``fn(tables, *args, **kwargs)`` on the plain tables, recorded by its result and by the tables it read
        (so a build replays it only when one of those changed). A repeated call gives what the first gave, worked
        out once; each caller gets its own copy, so a page that changes what it got changes nothing shared (the
        result may be one :meth:`Tables.cached` keeps for other queries)."""
        call = query_call(fn, args, kwargs)
        key = call_key(call)
        if key not in self._answers:
            reading = Reading(self._tables)
            out = fn(reading, *args, **kwargs)
            self._record(call, out, sorted(reading.read))
            self._answers[key] = out
        return copy.deepcopy(self._answers[key])

    def __getattr__(self, name: str):
        if name in PROCESSED_TABLES:  # a whole table, recorded as a read of every row
            out = getattr(self._tables, name)
            self._record(rows_call(name, {}), out)
            return out
        raise AttributeError(name)

    @property
    def model_ids(self) -> list[str]:
        return list(self.models["model_id"])

    @property
    def data_hash(self) -> str:
        """The data version a page states: :data:`PENDING` in a build (the build writes the page's own version
        in its place), else the version of the data read."""
        return PENDING if self._file else self._tables.data_hash
