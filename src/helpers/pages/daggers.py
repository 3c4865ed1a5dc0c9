"""Which figures rest on a doubtful source: a copy on an unrelated site or a page of unknown origin (marked †).

Every cell, bar or province whose figure rests on such a source carries a † and a note; this module is the one
declaration of which sources those are and the one place that finds them.

>>> doubtful("mirror"), doubtful("official")
(True, False)
"""

from __future__ import annotations

import pandas as pd

# Sources a reader must check before trusting a figure: every cell or bar resting on one is marked † with a note.
DAGGER = ("mirror", "unknown")


def doubtful(reliability) -> bool:
    """True for a figure whose source is a copy on an unrelated site or of unknown origin (marked †)."""
    return reliability in DAGGER


def derived_doubtful(derived: pd.DataFrame, facts: pd.DataFrame) -> list[bool]:
    """For each derived row: does one of its input facts rest on a mirror or a page of unknown origin (†)?"""
    if "source_reliability" not in facts.columns:
        return [False] * len(derived)
    bad = doubtful_fact_ids(facts)
    return [bool(set(x.split("|")) & bad) for x in derived["inputs"]]


def doubtful_fact_ids(facts: pd.DataFrame) -> set[str]:
    """The facts whose source is a copy on an unrelated site or a page of unknown origin (:data:`DAGGER`)."""
    return set(facts.loc[facts["source_reliability"].isin(DAGGER), "fact_id"])


def dagger_labels(fact_ids, facts: pd.DataFrame) -> list[str | None]:
    """For each fact id: "†" when its figure rests on a copy on an unrelated site or a page of unknown origin
    (:data:`DAGGER`), else None (a map writes the † in the province).

    >>> f = pd.DataFrame({"fact_id": ["a", "b"], "source_reliability": ["mirror", "official"]})
    >>> dagger_labels(["a", "b", ""], f)
    ['†', None, None]
    """
    doubtful = doubtful_fact_ids(facts)
    return ["†" if x in doubtful else None for x in fact_ids]
