"""Rules on the indicator catalogue beyond its schema: the page-role columns of indicators.csv
(:data:`helpers.vocabulary.INDICATOR_ROLES`) give each place on a page once, the provincial panel's positions
are shared with the derived ratios (:data:`helpers.derived_indicators.DERIVED_INDICATORS`), and an indicator on the
three-model page has a dimension with an aspect there.

>>> import pandas as pd
>>> ind = pd.DataFrame({"indicator": ["a", "b"], "dimension": ["coverage", "targets"], "panel": ["3", ""],
...                     "headline": ["1", "1"], "three_model": ["", "2"]})
>>> for p in catalogue_problems({"indicators": ind}): print(p)
data/raw/indicators.csv:3:headline: position 1 is also given to a (row 2); allowed: a position no other indicator has
data/raw/indicators.csv:3:three_model: dimension targets has no aspect on the three-model page; allowed dimensions: coverage, staffing, funding, outputs
data/raw/indicators.csv:2:panel: position 3 is the derived ratio coverage_rate's (helpers/derived_indicators.py DERIVED_INDICATORS); allowed: a position no other indicator or derived ratio has
"""

from __future__ import annotations

import pandas as pd

from helpers.data.check import Problem
from helpers.derived_indicators import DERIVED_INDICATORS
from helpers.vocabulary import ASPECT_DIMENSIONS, POSITION_ROLES

FILE = "data/raw/indicators.csv"
ASPECT_ROLES = ("side_by_side", "three_model")  # roles placed under the aspect of the indicator's dimension


def catalogue_problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """One problem per role cell that repeats a position, takes a derived ratio's panel position, or puts an
    indicator whose dimension has no aspect on the three-model page."""
    ind = tables.get("indicators")
    if ind is None or "indicator" not in ind:
        return []
    problems = []
    derived_panel = {d.panel: d.indicator for d in DERIVED_INDICATORS if d.panel is not None}
    for role in POSITION_ROLES:
        if role not in ind:
            continue
        seen: dict[str, tuple[str, int]] = {}
        for i, (name, pos, dim) in enumerate(zip(ind["indicator"], ind[role], ind["dimension"])):
            if not pos:
                continue
            row = i + 2
            if role == "panel" and pos.isdigit() and int(pos) in derived_panel:
                problems.append(Problem(FILE, row, role, f"position {pos} is the derived ratio "
                                        f"{derived_panel[int(pos)]}'s (helpers/derived_indicators.py DERIVED_INDICATORS); "
                                        "allowed: a position no other indicator or derived ratio has"))
            elif pos in seen:
                other, other_row = seen[pos]
                problems.append(Problem(FILE, row, role, f"position {pos} is also given to {other} (row {other_row}); "
                                        "allowed: a position no other indicator has"))
            seen.setdefault(pos, (name, row))
            if role in ASPECT_ROLES and dim not in ASPECT_DIMENSIONS.values():
                problems.append(Problem(FILE, row, role, f"dimension {dim} has no aspect on the three-model page; "
                                        "allowed dimensions: " + ", ".join(ASPECT_DIMENSIONS.values())))
    return problems
