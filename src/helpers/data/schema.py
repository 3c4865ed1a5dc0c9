"""The raw tables' columns and controlled vocabularies, as pandera schemas.

The vocabularies' values (and labels) are declared once, in :mod:`helpers.vocabulary`.

Every cell is read as text (``dtype=str``, empty = ``""``) so that a bad cell is reported where it is,
never coerced away. Cross-table rules live in :mod:`helpers.data.check`.
"""

from __future__ import annotations

import contextlib
import re
import sys

from helpers import vocabulary


@contextlib.contextmanager
def without_geopandas():
    """While inside, ``import geopandas`` fails (unless it is imported already); afterwards it imports as always.

    pandera imports geopandas when it is installed (it is, for the maps) to type GeoDataFrames, on import and
    again on every validation of a schema without a frame dtype; that costs 0.4–0.7 s of every ``workbook data``
    and ``workbook check``, and no schema here has a geometry. pandera takes the ImportError as "no geopandas"."""
    if "geopandas" in sys.modules:
        yield
        return
    sys.modules["geopandas"] = None  # a None entry makes ``import geopandas`` raise ImportError
    try:
        yield
    finally:
        if "geopandas" in sys.modules and sys.modules["geopandas"] is None:
            del sys.modules["geopandas"]


def _pandera():
    with without_geopandas():
        import pandera.pandas
    return pandera.pandas


pa = _pandera()

# The value tuples of the vocabulary columns; declared (with labels) in helpers.vocabulary.
DIMENSIONS = vocabulary.DIMENSIONS.values
UNITS = vocabulary.UNITS.values
QUALIFIERS = vocabulary.QUALIFIERS.values
STATUSES = vocabulary.STATUSES.values
PERIODS = vocabulary.PERIODS.values
SCOPES = vocabulary.SCOPES.values
HEADLINE_SCOPES = vocabulary.HEADLINE_SCOPES.values  # the scopes a model's headline figure may have
LEVELS = vocabulary.LEVELS.values
PURPOSES = vocabulary.PURPOSES.values
PAYERS = vocabulary.PAYERS.values
OPERATING_MODES = vocabulary.MODES.values
SOURCE_KINDS = vocabulary.SOURCE_KINDS.values
RELIABILITIES = vocabulary.RELIABILITIES.values
LANGUAGES = vocabulary.LANGUAGES.values
TIERS = vocabulary.TIERS.values

ID = r"[a-z0-9_]+"
DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
CODE = r"\d{6}"
NUMBER = r"-?\d+(\.\d+)?"
INTEGER = r"\d+"
POSITION = r"[1-9]\d*"


def real_date(text: str) -> bool:
    """True for a calendar date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (no 2099-13-45, no 2023-02-30).

    >>> [real_date(x) for x in ("2023", "2023-02", "2024-02-29", "2023-02-29", "2099-13-45", "0000", "2023-1")]
    [True, True, True, False, False, False, False]
    """
    import datetime

    if not re.fullmatch(DATE, text):
        return False
    parts = [int(x) for x in text.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


def _regex(pattern: str, what: str) -> pa.Check:
    rx = re.compile(pattern)
    return pa.Check(lambda v: v == "" or bool(rx.fullmatch(v)), element_wise=True, error=f"must be {what}")


def _one_of(values) -> pa.Check:
    allowed = frozenset(values)
    return pa.Check(lambda v: v == "" or v in allowed, element_wise=True,
                    error="must be one of: " + ", ".join(values))


def _id_list() -> pa.Check:
    rx = re.compile(ID)
    return pa.Check(lambda v: v == "" or all(rx.fullmatch(x) for x in v.split("|")), element_wise=True,
                    error="must be ids separated by |")


_REQUIRED = pa.Check(lambda v: v.strip() != "", element_wise=True, error="is required")
_TRIMMED = pa.Check(lambda v: v == v.strip(), element_wise=True, error="has leading or trailing spaces")

# kind of column -> the checks its cells must pass (an empty cell passes them; TABLES says which columns are
# required)
KINDS = {
    "id": [_regex(ID, "a lowercase id ([a-z0-9_])")],
    "text": [],
    "date": [pa.Check(lambda v: v == "" or real_date(v), element_wise=True,
                      error="must be a date YYYY, YYYY-MM or YYYY-MM-DD that is on the calendar")],
    "code": [_regex(CODE, "a 6-digit region code")],
    "number": [_regex(NUMBER, "a plain number (no units, no thousands separators)")],
    "integer": [_regex(INTEGER, "a whole number")],
    "year": [_regex(r"[1-9]\d{3}", "a 4-digit year")],
    "ids": [_id_list()],
    "bool": [_one_of(("true", "false"))],
    "bool1": [_one_of(("true",))],
    "position": [_regex(POSITION, "a position on the page (1, 2, 3 ...) or empty")],
    "tiers": [pa.Check(lambda v: v == "" or all(x in TIERS for x in v.split("|")), element_wise=True,
                       error="must be tiers from " + ", ".join(TIERS) + " separated by |")],
}

TABLES: dict[str, dict[str, tuple[str, bool, tuple]]] = {
    "sources": {
        "source_id": ("id", True, ()), "title": ("text", True, ()), "outlet": ("text", False, ()),
        "published": ("date", False, ()), "url": ("text", False, ()),
        "language": ("text", True, LANGUAGES), "kind": ("text", True, SOURCE_KINDS),
        "reliability": ("text", True, RELIABILITIES), "note": ("text", False, ()),
    },
    "models": {
        "model_id": ("id", True, ()), "name_zh": ("text", True, ()), "name_en": ("text", True, ()),
        "short_zh": ("text", True, ()), "short_en": ("text", True, ()),
        "region_code": ("code", True, ()), "level": ("text", True, LEVELS), "launch_year": ("year", False, ()),
        "operating_mode": ("text", True, OPERATING_MODES), "tiers": ("tiers", False, ()),
        "framework": ("text", False, ()), "summary_zh": ("text", True, ()), "summary_en": ("text", True, ()),
        "employer_zh": ("text", False, ()), "employer_en": ("text", False, ()),
        "funding_zh": ("text", False, ()), "funding_en": ("text", False, ()),
        "supervision_zh": ("text", False, ()), "supervision_en": ("text", False, ()),
        "source_ids": ("ids", True, ()),
    },
    "regions": {
        "region_code": ("code", True, ()), "name_zh": ("text", True, ()), "name_en": ("text", True, ()),
        "level": ("text", True, LEVELS), "parent_code": ("code", False, ()),
        "population_2020": ("integer", False, ()), "population_source_id": ("id", False, ()),
        "townships": ("integer", False, ()), "townships_as_of": ("date", False, ()),
        "townships_source_id": ("id", False, ()), "code_source_id": ("id", False, ()), "note": ("text", False, ()),
    },
    "indicators": {
        "indicator": ("id", True, ()), "dimension": ("text", True, DIMENSIONS), "unit": ("text", True, UNITS),
        "label_zh": ("text", True, ()), "label_en": ("text", True, ()), "definition": ("text", True, ()),
        "allow_over_100": ("bool", False, ()),
        # the catalogue: the pages the indicator is on and its position there (helpers.vocabulary.INDICATOR_ROLES)
        **{role: ("position", False, ()) for role in vocabulary.POSITION_ROLES},
        "station_level": ("bool1", False, ()),
    },
    "facts": {
        "fact_id": ("text", True, ()), "model_id": ("id", True, ()), "region_code": ("code", True, ()),
        "dimension": ("text", True, DIMENSIONS), "indicator": ("id", True, ()), "value_text": ("text", True, ()),
        "value": ("number", False, ()), "value_low": ("number", False, ()), "value_high": ("number", False, ()),
        "unit": ("text", True, UNITS), "qualifier": ("text", True, QUALIFIERS),
        "status": ("text", True, STATUSES), "as_of": ("date", False, ()), "period": ("text", True, PERIODS),
        "scope": ("text", True, SCOPES), "phase": ("id", False, ()),
        "counts_zh": ("text", True, ()), "counts_en": ("text", True, ()),
        "site_zh": ("text", False, ()), "site_en": ("text", False, ()),
        "purpose": ("text", False, PURPOSES), "payer": ("text", False, PAYERS),
        "duplicate_of": ("text", False, ()), "conflicts_with": ("text", False, ()),
        "headline": ("bool1", False, ()),
        "source_id": ("id", True, ()), "evidence": ("text", False, ()), "note": ("text", False, ()),
    },
    # A model's named phases (双百计划 → 双百工程); a fact's phase column points here. end empty = ongoing.
    "phases": {
        "phase_id": ("id", True, ()), "model_id": ("id", True, ()), "name_zh": ("text", True, ()),
        "name_en": ("text", True, ()), "start": ("date", False, ()), "end": ("date", False, ()),
        "change_zh": ("text", False, ()), "change_en": ("text", False, ()), "source_id": ("id", True, ()),
        "evidence": ("text", True, ()), "note": ("text", False, ()),
    },
}

# Columns a table may leave out (a project whose indicators are on no page needs no role columns).
OPTIONAL_COLUMNS = {"indicators": frozenset(vocabulary.INDICATOR_ROLES.values)}

# Tables that may hold no rows (a workbook whose models have no named phases has an empty phases.csv).
MAY_BE_EMPTY = frozenset({"phases"})

KEYS = {"sources": "source_id", "models": "model_id", "regions": "region_code",
        "indicators": "indicator", "facts": "fact_id",
        "phases": "phase_id"}


def schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of one raw table (all columns text)."""
    columns = {}
    for name, (kind, required, allowed) in TABLES[table].items():
        checks = [_TRIMMED, *KINDS[kind]]
        if allowed:
            checks.append(_one_of(allowed))
        if required:
            checks.insert(0, _REQUIRED)
        columns[name] = pa.Column(str, checks=checks, nullable=False, unique=(name == KEYS[table]),
                                  report_duplicates="exclude_first",
                                  required=name not in OPTIONAL_COLUMNS.get(table, ()))
    return pa.DataFrameSchema(columns, strict=True, ordered=False, name=table)
