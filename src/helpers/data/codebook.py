"""What every processed column means and what type it has: one line per column, read by the data package,
the Excel codebook sheet and the tests.

Types and constraints come from the declarations, never from a second hand-written list: a column the raw
schema (:data:`helpers.data.schema.TABLES`) declares keeps its kind (id, date, code, vocabulary, required); any
other column (labels merged into ``facts``, ``derived``, ``comparison``) takes the type of its values.
Descriptions are the one thing written here, condensed from ``docs/CODING.md``; a processed column with no
description makes :func:`undescribed` name it, and a test fails.

>>> import pandas as pd
>>> f = fields("sources", pd.DataFrame({"source_id": ["a"], "title": ["标题"]}))
>>> f[0]["name"], f[0]["type"], f[0]["constraints"]["pattern"]
('source_id', 'string', '[a-z0-9_]+')
"""

from __future__ import annotations

import pandas as pd

from helpers import vocabulary
from helpers.data import schema
from helpers.vocabulary import PLACE_LEVELS, RULES

_VALUE = "the number in base units (万/亿 scaled out): exact → the number; lower/upper bound → the bound; " \
         "approx → the number; range → the midpoint; empty when the source lost the digits"
_LOW = "lower end: exact → the value; at_least → the bound; range → the lower end; empty otherwise"
_HIGH = "upper end: exact → the value; at_most → the bound; range → the upper end; empty otherwise"


def _values(values, last: str = ", ") -> str:
    """A vocabulary's values as a description lists them: ``a, b or c`` with ``last=" or "``."""
    return ", ".join(values[:-1]) + last + values[-1]


_UNIT = "unit of value: " + _values(schema.UNITS)
_QUALIFIER = "exact, at_least (余/多/以上), at_most (不超过/以下), approx (约/近), range (二至三)"
_AS_OF = "the date the figure refers to (YYYY, YYYY-MM or YYYY-MM-DD; for a target, the target date)"
_PERIOD = "cumulative (running total), annual (within one year), point_in_time (a stock), plan (a target or " \
          "standard)"
_SCOPE = "what part of the place the figure covers: whole, programme (the model's whole programme), phase, " \
         "site (one station), subset (one component)"
_LEVEL = _values(schema.LEVELS, " or ")
_CODE = "6-digit GB/T 2260 region code (000000 = all of China), a key of regions"

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "sources": {
        "source_id": "unique source id, e.g. gd_kaiping_2017",
        "title": "the source's own title, Chinese as written (descriptive where the page gives none; see note)",
        "outlet": "publisher, site or journal",
        "published": "publication date: YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown",
        "url": "the source's URL; empty if none",
        "language": "language of the source text: zh or en",
        "kind": _values(schema.SOURCE_KINDS),
        "reliability": "how far the page can be trusted, in order of preference: official (a government or party "
                       "body's own site or document), press (a news outlet's own site), secondary (a paper, report "
                       "or encyclopedia citing others), mirror (a copy on an unrelated site), unknown",
        "accessed": "date the coder last opened the URL (YYYY-MM-DD); empty if not recorded",
        "note": "reliability warnings, mirrors, archive caveats",
    },
    "models": {
        "model_id": "unique model id, e.g. qingdao",
        "name_zh": "model name in Chinese", "name_en": "model name in English",
        "short_zh": "short Chinese name (chart labels)", "short_en": "short English name (chart labels)",
        "region_code": "the model's own region: " + _CODE,
        "level": "level of the model's region: " + _LEVEL,
        "launch_year": "year the model started; empty if no source says",
        "operating_mode": "how the stations are run: " + _values(schema.OPERATING_MODES),
        "tiers": "levels of the model's network from national to village, joined by |",
        "framework": "the model's named working framework, if any",
        "summary_zh": "short summary in Chinese (our words)", "summary_en": "short summary in English (our words)",
        "employer_zh": "who employs the stations' social workers (Chinese); empty when no source says",
        "employer_en": "who employs the stations' social workers (English); empty when no source says",
        "funding_zh": "how the stations are paid for (Chinese); empty when no source says",
        "funding_en": "how the stations are paid for (English); empty when no source says",
        "supervision_zh": "who supervises or evaluates the stations (Chinese); empty when no source says",
        "supervision_en": "who supervises or evaluates the stations (English); empty when no source says",
        "source_ids": "ids of the sources describing the model, joined by |",
    },
    "regions": {
        "region_code": _CODE.replace(", a key of regions", ""),
        "name_zh": "place name in Chinese", "name_en": "place name in English",
        "level": _LEVEL,
        "parent_code": "region_code of the enclosing place; empty for China",
        "population_2020": "resident population, 2020 census",
        "population_source_id": "source of population_2020",
        "townships": "number of townships and streets (乡镇/街道)",
        "townships_as_of": "date of the township count",
        "townships_source_id": "source of townships",
        "code_source_id": "source of the region code",
        "note": "caveats about the place or its figures",
    },
    "indicators": {
        "indicator": "unique indicator id, e.g. stations_township",
        "dimension": _values(schema.DIMENSIONS, " or "),
        "unit": _UNIT,
        "label_zh": "indicator name in Chinese", "label_en": "indicator name in English",
        "definition": "what the indicator counts, and what it must not be mixed with",
        "allow_over_100": "true for percent indicators that may exceed 100 (e.g. growth)",
        **{role: f"the indicator's position in {vocabulary.POSITION_ROLES.label(role, 'en')}; empty: not there"
           for role in vocabulary.POSITION_ROLES},
        "station_level": "true: " + vocabulary.INDICATOR_ROLES.label("station_level", "en"),
    },
    "facts": {
        "fact_id": "unique figure id: <source_id>-NN",
        "model_id": "the model the figure belongs to (a key of models)",
        "region_code": "the place the figure is about: " + _CODE,
        "dimension": "the indicator's dimension, or targets when status is target",
        "indicator": "what is counted (a key of indicators)",
        "value_text": "the figure exactly as written in the source, e.g. 21万余人次",
        "value": _VALUE, "value_low": _LOW, "value_high": _HIGH, "unit": _UNIT, "qualifier": _QUALIFIER,
        "status": "reported (achieved), target (a plan or goal), standard (a norm, quota or requirement: "
                  "配备/不少于/每站资助…元), missing (the source lost the digits)",
        "as_of": _AS_OF, "period": _PERIOD, "scope": _SCOPE,
        "phase": "the model's phase the figure belongs to (a key of phases); empty when the model has one phase "
                 "or the phase is unknown",
        "counts_zh": "what the figure counts, in Chinese", "counts_en": "what the figure counts, in English",
        "site_zh": "the site's name in Chinese when scope is site", "site_en": "the site's name in English when "
                                                                               "scope is site",
        "purpose": "money only: " + _values(schema.PURPOSES),
        "payer": "money only: " + _values(schema.PAYERS),
        "duplicate_of": "fact_id of the same reading coded elsewhere; a duplicate is cited but used once",
        "conflicts_with": "ids of rows that genuinely conflict with this one, joined by |",
        "headline": "true on the figure a model's headline uses when undated candidates tie",
        "source_id": "the source (a key of sources)",
        "evidence": "the shortest exact quote (≤ 60 characters) containing value_text",
        "note": "caveats, arithmetic, why the row is coded as it is",
        "label_zh": "indicator name in Chinese (from indicators)", "label_en": "indicator name in English "
                                                                              "(from indicators)",
        "model_zh": "short model name in Chinese (from models)", "model_en": "short model name in English "
                                                                            "(from models)",
        "operating_mode": "the model's operating mode (from models)",
        "region_zh": "place name in Chinese (from regions)", "region_en": "place name in English (from regions)",
        "source_title": "title of the source (from sources)", "source_outlet": "outlet of the source (from sources)",
        "source_published": "publication date of the source (from sources)",
        "source_url": "URL of the source (from sources)",
        "phase_zh": "name of the fact's phase in Chinese (from phases); empty without a phase",
        "phase_en": "name of the fact's phase in English (from phases); empty without a phase",
        "phase_start": "start of the fact's phase (from phases)", "phase_end": "end of the fact's phase (from "
                                                                                "phases); empty when ongoing",
        "source_reliability": "reliability of the source (from sources): official, press, secondary, mirror or "
                              "unknown",
        "year": "year of as_of; empty when undated",
        "level": "level of the place (from regions), or site when scope is site",
    },
    "derived": {
        "derived_id": "unique id of the derived row, e.g. d001 (stable for the same data)",
        "indicator": "the ratio (helpers.data.derived.SPECS, each with its definition): workers_per_station, "
                     "workers_per_100k_residents, coverage_rate, funding_per_resident, funding_per_worker, "
                     "person_times_per_worker, yuan_per_person_time, …",
        "dimension": "staffing, funding, outputs or coverage",
        "label_zh": "ratio name in Chinese", "label_en": "ratio name in English",
        "model_id": "the model (a key of models)",
        "region_code": "the place both inputs are about: " + _CODE,
        "scope": "the coverage both inputs share (whole or programme)",
        "value": "the ratio (midpoint for a range)",
        "value_low": "lower end of the ratio by interval arithmetic; empty when unbounded",
        "value_high": "upper end of the ratio by interval arithmetic; empty when unbounded",
        "unit": "unit of the ratio", "qualifier": "the weakest qualifier of its inputs: " + _QUALIFIER,
        "as_of": "the numerator's date", "period": "the numerator's period: " + _PERIOD,
        "inputs": "numerator and denominator: fact ids or regions:CODE:column, joined by |",
        "source_ids": "sources of all inputs, joined by |",
        "rule": "the rule that admitted the pair: " + ", ".join(RULES.values),
        "flags": "over_100 (more stations than townships; shown, never ranked), flow_over_stock (approximate, "
                 "never ranked), years_differ, programme_over_place, purpose_unstated; joined by |",
        "note": "how the denominator was chosen, and when years differ",
    },
    "level_comparison": {
        "indicator": "a coded indicator (a key of indicators) or a derived ratio (derived.indicator)",
        "dimension": "the indicator's dimension",
        "origin": "fact (coded figures) or derived (ratios of derived.csv; flagged ones left out)",
        "level": "the level of the places: " + ", ".join(PLACE_LEVELS.values),
        "model_id": "the model (a key of models)",
        "status": "reported (achieved, as found), standard (a norm or requirement: status standard, or a "
                  "reported plan) or target; standards are never findings",
        "n_places": "how many named places (or sites) have a figure: a sample, not the whole region",
        "places_zh": "the places in Chinese, joined by |", "places_en": "the places in English, joined by |",
        "median": "median of one figure per place (the latest)",
        "min": "lowest value_low of those figures", "max": "highest value_high of those figures",
        "unit": _UNIT, "qualifiers": "the qualifiers of those figures, joined by |",
        "as_of_first": "the earliest date among them", "as_of_last": "the latest date among them",
        "fact_ids": "the facts the figures come from (for derived rows: their inputs), joined by |",
        "derived_ids": "the derived rows used (derived.derived_id), joined by |",
    },
    "comparison": {
        "model_id": "the model (a key of models)",
        "indicator": "the indicator (a key of indicators)",
        "dimension": "the indicator's dimension",
        "fact_id": "the one figure that stands for the model; empty when there is none (see reason)",
        "value": "value of the chosen figure", "value_low": "value_low of the chosen figure",
        "value_high": "value_high of the chosen figure", "unit": _UNIT, "qualifier": _QUALIFIER,
        "status": "status of the chosen figure (reported or target; a standard is never chosen)",
        "region_code": "the place of the chosen figure (the model's own region)",
        "level": "level of that place: " + _LEVEL,
        "scope": "whole or programme", "as_of": _AS_OF, "period": _PERIOD,
        "phase": "the chosen figure's phase (a key of phases); empty when it has none",
        "source_id": "source of the chosen figure",
        "reliability": "reliability of the chosen figure's source: official, press, secondary, mirror, unknown "
                       "(mirror and unknown are marked † in the reports)",
        "reason": "why this figure (only_candidate, current_phase, reported_over_target, whole_over_programme, "
                  "latest_date, more_reliable_source, …) or why none: local_only, part_only, lost_in_source, "
                  "standard_only, not_found",
        "consistency": "townships_differ when the model's headline stations ÷ coverage and its township count differ "
                       "by more than 15 % (on both cells; neither is ranked); empty otherwise",
        "n_candidates": "how many figures qualified as the model's headline",
        "local_fact_ids": "figures about places or sites inside the model's region (local evidence), joined by |",
        "lost_fact_ids": "figures the source lost, joined by |",
        "history_fact_ids": "the best figure of each earlier phase of the model (shown as history, labelled with "
                            "its phase), joined by |",
        "standard_fact_ids": "the model's standards for the indicator (norms, never a headline), joined by |",
    },
    "phases": {
        "phase_id": "unique phase id, e.g. guangdong_shuangbai_jihua",
        "model_id": "the model the phase belongs to (a key of models)",
        "name_zh": "the phase's name in Chinese, as the sources call it (双百计划)",
        "name_en": "the phase's name in English",
        "start": "when the phase began: YYYY, YYYY-MM or YYYY-MM-DD; empty if no source says",
        "end": "when the phase ended: YYYY, YYYY-MM or YYYY-MM-DD; empty = ongoing",
        "change_zh": "what changed from the phase before (Chinese)",
        "change_en": "what changed from the phase before (English)",
        "source_id": "the source dating the phase (a key of sources)",
        "evidence": "the shortest exact quote from the source that names or dates the phase",
        "note": "caveats: overlapping terms, other dates in other sources",
    },
}

# What one row of each processed table is.
TABLE_DESCRIPTIONS = {
    "facts": "one row per figure reported in a source, as coded by hand, with the labels of its indicator, "
             "model, place and source",
    "comparison": "one row per model and indicator: the one figure that stands for the model, or why there is "
                  "none",
    "derived": "one row per ratio of two figures of the same model, place and coverage, with its inputs",
    "level_comparison": "one row per indicator, level, model and status: the places with a figure at that "
                        "level, their median and range, and the ids they came from",
    "models": "one row per regional model of township social work stations",
    "regions": "one row per place (GB/T 2260 code) with its 2020 census population and township count",
    "sources": "one row per source (article, notice, page)",
    "indicators": "the codebook: one row per indicator, with its dimension, unit and definition",
    "phases": "one row per named phase of a model (双百计划, 双百工程), with its span and what changed",
}

# Each processed table's primary key and the columns that point into another table.
PRIMARY_KEYS = {"facts": ["fact_id"], "derived": ["derived_id"], "models": ["model_id"],
                "regions": ["region_code"], "sources": ["source_id"], "indicators": ["indicator"],
                "comparison": ["model_id", "indicator"], "phases": ["phase_id"],
                "level_comparison": ["indicator", "origin", "level", "model_id", "status"]}
FOREIGN_KEYS = {
    "facts": {"model_id": ("models", "model_id"), "region_code": ("regions", "region_code"),
              "indicator": ("indicators", "indicator"), "source_id": ("sources", "source_id"),
              "duplicate_of": ("facts", "fact_id"), "phase": ("phases", "phase_id")},
    "derived": {"model_id": ("models", "model_id"), "region_code": ("regions", "region_code")},
    "models": {"region_code": ("regions", "region_code")},
    "phases": {"model_id": ("models", "model_id"), "source_id": ("sources", "source_id")},
    "regions": {"parent_code": ("regions", "region_code"), "population_source_id": ("sources", "source_id"),
                "townships_source_id": ("sources", "source_id"), "code_source_id": ("sources", "source_id")},
    "level_comparison": {"model_id": ("models", "model_id")},
    "comparison": {"model_id": ("models", "model_id"), "indicator": ("indicators", "indicator"),
                   "fact_id": ("facts", "fact_id"), "region_code": ("regions", "region_code"),
                   "source_id": ("sources", "source_id")},
}

_PATTERNS = {"id": schema.ID, "date": schema.DATE, "code": schema.CODE, "year": r"\d{4}",
             "ids": schema.ID + r"(\|" + schema.ID + ")*"}


def column_type(series: pd.Series, kind: str | None = None) -> str:
    """The Table Schema type of a column: text columns by their declared ``kind``, others by their values.

    >>> column_type(pd.Series([1.5])), column_type(pd.Series([1], dtype="Int64")), column_type(pd.Series(["x"]))
    ('number', 'integer', 'string')
    >>> column_type(pd.Series(["true", ""]), "bool")
    'boolean'
    """
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if kind in ("bool", "bool1"):
        return "boolean"
    return "string"


def fields(table: str, df: pd.DataFrame) -> list[dict]:
    """Table Schema fields of one processed table, in column order (name, type, description, constraints)."""
    declared = schema.TABLES.get(table, {})
    described = DESCRIPTIONS.get(table, {})
    out = []
    for name in df.columns:
        kind, required, vocabulary = declared.get(name, (None, False, ()))
        ftype = column_type(df[name], kind)
        field = {"name": name, "type": ftype, "description": described.get(name, "")}
        constraints = {}
        if required:
            constraints["required"] = True
        if ftype == "string" and vocabulary:
            constraints["enum"] = list(vocabulary)
        elif ftype == "string" and kind in _PATTERNS:
            constraints["pattern"] = _PATTERNS[kind]
        if name in PRIMARY_KEYS.get(table, ()) and len(PRIMARY_KEYS[table]) == 1:
            constraints["unique"] = True
        if constraints:
            field["constraints"] = constraints
        out.append(field)
    return out


def undescribed(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every processed table (``name``) and column (``table.column``) with no description (should be empty)."""
    missing = [name for name in tables if not TABLE_DESCRIPTIONS.get(name, "").strip()]
    return missing + [f"{name}.{c}" for name, df in tables.items() for c in df.columns
                      if not DESCRIPTIONS.get(name, {}).get(c, "").strip()]


def codebook_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per processed column: table, column, type, allowed values, description (the Excel sheet)."""
    rows = []
    for name, df in tables.items():
        for f in fields(name, df):
            c = f.get("constraints", {})
            rows.append({"table": name, "column": f["name"], "type": f["type"],
                         "required": "yes" if c.get("required") else "",
                         "values": ", ".join(c.get("enum", ())) or c.get("pattern", ""),
                         "description": f["description"]})
    return pd.DataFrame(rows, columns=["table", "column", "type", "required", "values", "description"])
