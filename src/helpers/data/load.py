"""What notebooks call to get the processed tables. No paths in notebooks.

``tables()`` rebuilds data/processed/ first when data/raw/ changed since the last build, so a notebook
opened in JupyterLab runs top to bottom on a fresh clone.

>>> t = tables()                      # doctest: +SKIP
>>> t.facts.head()                    # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def model_ids(self) -> list[str]:
        return list(self.models["model_id"])


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
    frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in PROCESSED_TABLES}
    return Tables(**frames, data_hash=data_hash)
