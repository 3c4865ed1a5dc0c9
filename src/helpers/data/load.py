"""What notebooks call to get the processed tables. No paths in notebooks.

``tables()`` rebuilds data/processed/ first when data/raw/ changed since the last build, so a notebook
opened in JupyterLab runs top to bottom on a fresh clone.

>>> t = tables()                      # doctest: +SKIP
>>> t.facts.head()                    # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from helpers.data.processed import PROCESSED_TABLES, ensure_current
from helpers.paths import Project


@dataclass(frozen=True)
class Tables:
    facts: pd.DataFrame
    comparison: pd.DataFrame
    derived: pd.DataFrame
    models: pd.DataFrame
    regions: pd.DataFrame
    sources: pd.DataFrame
    indicators: pd.DataFrame
    phases: pd.DataFrame
    level_comparison: pd.DataFrame
    data_hash: str
    _cache: dict = field(default_factory=dict, compare=False, repr=False, init=False)  # not carried by replace()

    @property
    def model_ids(self) -> list[str]:
        return list(self.models["model_id"])

    def cached(self, fn, *args, with_read: bool = False):
        """``fn(tables, *args)`` worked out once for these tables and ``args`` (a result several queries share, such as
        :func:`helpers.pages.conclusions.refusals`); with ``with_read`` also the names of the tables it read.
        Callers must not change the result.

        >>> t = Tables(**{n: pd.DataFrame({"v": [1]}) for n in PROCESSED_TABLES}, data_hash="x")
        >>> calls = []
        >>> def total(tables):
        ...     calls.append(1)
        ...     return int(tables.facts["v"].sum())
        >>> t.cached(total), t.cached(total, with_read=True), len(calls)
        (1, (1, {'facts'}), 1)
        """
        key = (f"{fn.__module__}:{fn.__qualname__}", *args)
        if key not in self._cache:
            reading = Reading(self)
            self._cache[key] = (fn(reading, *args), frozenset(reading.read))
        out, read = self._cache[key]
        return (out, set(read)) if with_read else out

    def rows(self, table: str, columns=None, **where) -> pd.DataFrame:
        """The rows of ``table`` whose columns hold the values ``where`` names (one value or a list each), in the
        table's order; only ``columns`` when given. The page layer reads through
        :class:`helpers.pages.access.Access`, which has the same method and records each call.

        >>> t = Tables(**{n: pd.DataFrame({"model_id": ["a", "b", "a"], "v": [1, 2, 3]}) for n in PROCESSED_TABLES},
        ...            data_hash="x")
        >>> list(t.rows("facts", model_id="a")["v"]), list(t.rows("facts", model_id=["b"], columns=["v"]).columns)
        ([1, 3], ['v'])
        """
        return select(getattr(self, table), where, columns)


class Reading:
    """The tables as a query gets them: every table it reads (an attribute, :meth:`rows`, ``model_ids``, or a
    table a :meth:`cached` function read) is noted in :attr:`read`; a table it did not read cannot change its
    answer.

    >>> t = Tables(**{n: pd.DataFrame({"model_id": ["a"]}) for n in PROCESSED_TABLES}, data_hash="d")
    >>> r = Reading(t)
    >>> _ = r.facts, r.rows("regions", model_id="a"), r.model_ids
    >>> sorted(r.read)
    ['facts', 'models', 'regions']
    """

    def __init__(self, tables):
        self._tables = tables
        self.read: set[str] = set()

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        self.read.add(name)  # a table, or anything else of the tables (data_hash: never found in the stamp)
        return getattr(self._tables, name)

    def rows(self, table: str, columns=None, **where) -> pd.DataFrame:
        self.read.add(table)
        return self._tables.rows(table, columns, **where)

    @property
    def model_ids(self) -> list[str]:
        self.read.add("models")
        return self._tables.model_ids

    def cached(self, fn, *args):
        """``fn(tables, *args)`` once per set of tables (:meth:`Tables.cached`), noting the tables it read."""
        out, read = self._tables.cached(fn, *args, with_read=True)
        self.read |= read
        return out


def once(tables, fn, *args):
    """``fn(tables, *args)``, worked out once per set of tables when they can keep it (:meth:`Tables.cached`): a
    result several queries of a page (and of a build's replay) share. Callers must not change it."""
    return tables.cached(fn, *args) if hasattr(tables, "cached") else fn(tables, *args)


def as_values(wanted) -> list:
    """A filter's wanted values as a list: one value (text, a number, None) or any collection of them.

    >>> as_values("a"), as_values(3), as_values(("a", "b")), as_values({"x"})
    (['a'], [3], ['a', 'b'], ['x'])
    """
    return [wanted] if isinstance(wanted, (str, int, float, bool)) or wanted is None else list(wanted)


def select(frame: pd.DataFrame, where: dict, columns=None) -> pd.DataFrame:
    """``frame``'s rows whose column ``c`` holds one of ``where[c]`` (a value or a list of values) for every ``c``."""
    mask = pd.Series(True, index=frame.index)
    for column, wanted in where.items():
        if column not in frame.columns and frame.empty:  # an empty table without its header
            continue
        mask &= frame[column].isin(as_values(wanted))
    out = frame[mask]
    return out[list(columns)] if columns is not None else out


def id_set(cells) -> set[str]:
    """The ids named in ``cells``, a column of ``|``-joined id lists (source_ids, inputs, local_fact_ids ...),
    blanks dropped.

    >>> sorted(id_set(["a|b", "", "b|c|"]))
    ['a', 'b', 'c']
    """
    return {x for cell in cells for x in cell.split("|") if x}


def tables(root=None) -> Tables:
    """The processed tables of the project at ``root`` (default: the folders above the current one,
    ``$WORKBOOK_ROOT``, or the checkout this package lives in; see :meth:`Project.locate`)."""
    project = Project.locate(root)
    snapshot = project.snapshot()  # in a build: the build's one copy of data/processed/
    if snapshot is not None:
        folder, data_hash = snapshot
    else:
        folder, data_hash = project.processed, project.data_hash()  # data/raw/ read and hashed once per call
        ensure_current(project, data_hash)
    return read_folder(folder, data_hash)


def read_folder(folder, data_hash: str) -> Tables:
    """The tables of one copy of data/processed/ (``folder``), as data version ``data_hash``."""
    from pathlib import Path

    return Tables(**{name: pd.read_parquet(Path(folder) / f"{name}.parquet") for name in PROCESSED_TABLES},
                  data_hash=data_hash)
