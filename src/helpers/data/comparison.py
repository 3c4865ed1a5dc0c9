"""Which figure stands for a model: one headline per model and indicator, gaps stated, local evidence apart.

A model's headline figure for an indicator comes only from a fact about **the model's own region**
(``models.region_code``) that covers the whole place or the model's whole programme there
(``scope`` in :data:`~helpers.vocabulary.HEADLINE_SCOPES`), is not a duplicate, was not lost in the source and is
not a ``standard`` (a norm says what was required, not what was achieved; standards are listed apart, in
``standard_fact_ids``). Among those, in this order:

1. the model's **current phase** first (``phases.csv``: the phase with no end, else the latest start); a fact with
   no phase ranks with it when it is dated within the current phase's span, else after it; an earlier phase's
   figure comes last and, when it is not chosen, is kept as *history* (``history_fact_ids``, the best figure of
   each earlier phase), shown labelled with its phase;
2. reported before target; 3. ``whole`` before ``programme``; 4. dated before undated; 5. latest date first;
6. at equal date and coverage, the more reliable source (official, press, secondary, mirror, unknown);
7. then the row the coder marked ``headline``.

File order never decides: a tie that is still open is reported by :func:`open_ties` (``workbook check`` refuses
it) and is broken here only by fact id so output stays stable.

Everything else a model has for the indicator (a county, a city, one site, one phase) is *local evidence*:
shown apart, labelled with its place, never promoted to the model's figure.

>>> import pandas as pd
>>> facts = pd.DataFrame({
...     "fact_id": ["a-01", "b-01"], "model_id": ["hunan", "hunan"], "indicator": ["workers", "workers"],
...     "region_code": ["430000", "431125"], "scope": ["phase", "whole"], "status": ["reported", "reported"],
...     "as_of": ["2019", "2022-03"], "value": [900.0, 20.0], "duplicate_of": ["", ""], "headline": ["", ""]})
>>> models = pd.DataFrame({"model_id": ["hunan"], "region_code": ["430000"]})
>>> row = choose(facts, models, "hunan", "workers")
>>> row.fact_id, row.reason, row.local_fact_ids
('', 'part_only', ('a-01', 'b-01'))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from helpers import vocabulary
from helpers.data.timespan import span

# Why a model's cell holds the figure it holds, or why it is empty.
CHOICE_REASONS = vocabulary.CHOICE_REASONS.values
GAP_REASONS = vocabulary.GAP_REASONS.values
# Sources in the order a tie at equal date and coverage is broken (official first; unknown last).
RELIABILITY_ORDER = {r: i for i, r in enumerate(vocabulary.RELIABILITIES.values)}
# The reason a choice names when this part of the sort key decided it (see _key).
KEY_REASONS = ("current_phase", "reported_over_target", "whole_over_programme", "dated_over_undated", "latest_date",
               "more_reliable_source")

COLUMNS = ["model_id", "indicator", "dimension", "fact_id", "value", "value_low", "value_high", "unit",
           "qualifier", "status", "region_code", "level", "scope", "phase", "as_of", "period", "source_id",
           "reliability", "reason", "consistency", "n_candidates", "local_fact_ids", "lost_fact_ids",
           "history_fact_ids", "standard_fact_ids"]


@dataclass(frozen=True)
class Phase:
    """A model's phase: its id and span (``start``/``end`` as written in phases.csv; empty end = ongoing)."""

    phase_id: str
    start: str = ""
    end: str = ""

    def holds(self, as_of: str) -> bool:
        """True when a figure dated ``as_of`` falls within the phase's span.

        >>> p = Phase("gongcheng", "2021", "")
        >>> p.holds("2022-12"), p.holds("2020"), p.holds("")
        (True, False, False)
        >>> Phase("jihua", "2017", "2020").holds("2020-06")
        True
        """
        if not as_of:
            return False
        start, end = span(as_of)
        after_start = not self.start or start >= span(self.start)[0] - 1e-9
        before_end = not self.end or end <= span(self.end)[1] + 1e-9
        return after_start and before_end


@dataclass(frozen=True)
class Choice:
    """The outcome for one model and indicator: the chosen ``fact_id`` ('' for a gap) and why."""

    model_id: str
    indicator: str
    fact_id: str
    reason: str
    candidates: tuple[str, ...] = ()
    local_fact_ids: tuple[str, ...] = ()
    lost_fact_ids: tuple[str, ...] = ()
    tied: tuple[str, ...] = field(default=())
    history_fact_ids: tuple[str, ...] = ()
    standard_fact_ids: tuple[str, ...] = ()


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v == ""


def _is_dup(row) -> bool:
    return not _blank(row.get("duplicate_of", ""))


def _text(row, column: str) -> str:
    v = row.get(column, "")
    return "" if _blank(v) else str(v)


def current_phases(phases: pd.DataFrame | None) -> dict[str, Phase]:
    """Each phased model's current phase: the phase with no end, else the one that started last (ties by id).

    >>> ph = pd.DataFrame({"phase_id": ["a1", "a2", "b1"], "model_id": ["a", "a", "b"],
    ...                    "start": ["2017", "2021", "2019"], "end": ["2020", "", "2022"]})
    >>> {m: p.phase_id for m, p in current_phases(ph).items()}
    {'a': 'a2', 'b': 'b1'}
    """
    out: dict[str, Phase] = {}
    if phases is None or phases.empty:
        return out
    for model, group in phases.groupby("model_id", sort=True):
        rows = [Phase(r["phase_id"], _text(r, "start"), _text(r, "end")) for r in group.to_dict("records")]
        start = lambda p: span(p.start)[0] if p.start else -math.inf
        out[model] = max(rows, key=lambda p: (not p.end, start(p), p.phase_id))
    return out


def _phase_rank(row, current: Phase | None) -> int:
    """0: the current phase (or no phase but dated within it, or the model has no phases); 1: no phase, not dated
    within the current phase; 2: an earlier phase."""
    if current is None:
        return 0
    phase = _text(row, "phase")
    if phase == current.phase_id or (not phase and current.holds(_text(row, "as_of"))):
        return 0
    return 1 if not phase else 2


def _reliability_rank(row) -> int:
    return RELIABILITY_ORDER.get(_text(row, "reliability"), len(RELIABILITY_ORDER))


def _key(row, current: Phase | None = None) -> tuple:
    """Sort key: smaller is better (current phase, reported, whole, dated, latest, more reliable source).
    Each part is named by the reason of the same position in :data:`KEY_REASONS`."""
    dated = not _blank(row["as_of"])
    return (_phase_rank(row, current), row["status"] != "reported", row["scope"] != "whole", not dated,
            -span(row["as_of"])[1] if dated else 0.0, _reliability_rank(row))


def _values_differ(rows) -> bool:
    vals = {round(float(r["value"]), 9) for r in rows if not _blank(r["value"])}
    return len(vals) > 1


def _split(records: list[dict], home: str):
    """(candidates, local, lost, standards) records for one model and indicator."""
    usable = [r for r in records if not _is_dup(r)]
    cands, local, lost, standards = [], [], [], []
    for r in usable:
        own = r["region_code"] == home and r["scope"] in vocabulary.HEADLINE_SCOPES
        if r["status"] == "standard":
            standards.append(r)
        elif r["status"] == "missing":
            (lost if own else local).append(r)
        elif own:
            cands.append(r)
        else:
            local.append(r)
    return cands, local, lost, standards


def choose(facts: pd.DataFrame, models: pd.DataFrame, model_id: str, indicator: str,
           phases: pd.DataFrame | None = None) -> Choice:
    """The headline choice for one model and indicator (see the module docstring for the rules). ``facts`` may
    carry ``phase`` and ``reliability`` (the source's); ``phases`` is phases.csv."""
    home = models.set_index("model_id").loc[model_id, "region_code"]
    f = facts[(facts["model_id"] == model_id) & (facts["indicator"] == indicator)]
    return choose_among(f.to_dict("records"), home, model_id, indicator, current_phases(phases).get(model_id))


def _gap_reason(local, lost, standards, home) -> str:
    if lost:
        return "lost_in_source"
    if any(r["region_code"] == home for r in local):
        return "part_only"
    if local:
        return "local_only"
    return "standard_only" if standards else "not_found"


def choose_among(records: list[dict], home: str, model_id: str, indicator: str,
                 current: Phase | None = None) -> Choice:
    """:func:`choose` on the model's facts about the indicator as records (the fast path for whole tables);
    ``current`` is the model's current phase (None when it has no phases)."""
    cands, local, lost, standards = _split(records, home)
    local_ids = tuple(sorted(r["fact_id"] for r in local))
    lost_ids = tuple(sorted(r["fact_id"] for r in lost))
    standard_ids = tuple(sorted(r["fact_id"] for r in standards))
    if not cands:
        return Choice(model_id, indicator, "", _gap_reason(local, lost, standards, home), (), local_ids, lost_ids,
                      standard_fact_ids=standard_ids)
    key = lambda r: _key(r, current)
    ranked = sorted(cands, key=lambda r: (key(r), r.get("headline", "") != "true", r["fact_id"]))
    best = ranked[0]
    top = [r for r in ranked if key(r) == key(best)]
    tied: tuple[str, ...] = ()
    if len(ranked) == 1:
        reason = "only_candidate"
    elif len(top) > 1 and _values_differ(top):
        marked = [r for r in top if r.get("headline", "") == "true"]
        reason = "marked_headline" if len(marked) == 1 else "open_tie"
        if reason == "open_tie":
            tied = tuple(sorted(r["fact_id"] for r in top))
    elif len(top) > 1:
        reason = "same_value"
    else:
        a, b = key(best), key(ranked[len(top)])
        reason = next(name for name, x, y in zip(KEY_REASONS, a, b) if x != y)
    # the best figure of each earlier phase is history: shown labelled with its phase, not as local evidence
    history, seen = [], {_text(best, "phase")}
    if current is not None:
        for r in ranked[1:]:
            phase = _text(r, "phase")
            if phase and phase != current.phase_id and phase not in seen:
                seen.add(phase)
                history.append(r)
    history_ids = {r["fact_id"] for r in history}
    # everything else about the model's own region stays visible as local evidence
    others = tuple(sorted(local_ids + tuple(r["fact_id"] for r in cands
                                            if r is not best and r["fact_id"] not in history_ids)))
    return Choice(model_id, indicator, best["fact_id"], reason, tuple(sorted(r["fact_id"] for r in cands)),
                  others, lost_ids, tied, tuple(r["fact_id"] for r in history), standard_ids)


def levels(facts: pd.DataFrame, regions: pd.DataFrame) -> pd.Series:
    """Each fact's level: ``site`` for one station or centre, else its region's level from regions.csv."""
    lv = regions.set_index("region_code")["level"]
    return pd.Series([("site" if s == "site" else lv.get(c, "")) for s, c in zip(facts["scope"], facts["region_code"])],
                     index=facts.index, name="level")


def comparison_table(facts: pd.DataFrame, models: pd.DataFrame, indicators: pd.DataFrame,
                     regions: pd.DataFrame, phases: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per model and indicator (every indicator of the codebook): the chosen fact or the gap's reason.

    ``facts`` may carry ``phase`` and ``reliability`` or ``source_reliability`` (its source's); ``phases`` is
    phases.csv.
    The ``consistency`` column names a disagreement of a model's headline stations, coverage and township count
    (:mod:`helpers.data.consistency`). This is ``data/processed/comparison.csv``; reports read it and do not
    choose again."""
    from helpers.data.consistency import flags

    f = facts.copy()
    if "level" not in f.columns:
        f["level"] = levels(f, regions)
    if "reliability" not in f.columns:  # processed facts carry their source's as source_reliability
        f["reliability"] = f["source_reliability"] if "source_reliability" in f.columns else ""
    if "phase" not in f.columns:
        f["phase"] = ""
    by_id = f.set_index("fact_id")
    dims = indicators.set_index("indicator")["dimension"]
    units = indicators.set_index("indicator")["unit"]
    homes = models.set_index("model_id")["region_code"]
    current = current_phases(phases)
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in f.to_dict("records"):
        groups.setdefault((r["model_id"], r["indicator"]), []).append(r)
    rows = []
    for m in sorted(models["model_id"]):
        for ind in sorted(indicators["indicator"]):
            c = choose_among(groups.get((m, ind), []), homes[m], m, ind, current.get(m))
            row = {"model_id": m, "indicator": ind, "dimension": dims[ind], "fact_id": c.fact_id,
                   "reason": c.reason, "n_candidates": len(c.candidates),
                   "local_fact_ids": "|".join(c.local_fact_ids), "lost_fact_ids": "|".join(c.lost_fact_ids),
                   "history_fact_ids": "|".join(c.history_fact_ids),
                   "standard_fact_ids": "|".join(c.standard_fact_ids), "unit": units[ind]}
            if c.fact_id:
                x = by_id.loc[c.fact_id]
                row.update({k: x[k] for k in ("value", "value_low", "value_high", "unit", "qualifier", "status",
                                              "region_code", "level", "scope", "phase", "as_of", "period",
                                              "source_id", "reliability")})
            rows.append(row)
    out = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("value", "value_low", "value_high"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    text = [c for c in COLUMNS if c not in ("value", "value_low", "value_high", "n_candidates")]
    out[text] = out[text].astype(object).fillna("").astype(str)
    out["n_candidates"] = out["n_candidates"].astype("int64")
    out["consistency"] = flags(out, regions)
    return out


def open_ties(facts: pd.DataFrame, models: pd.DataFrame,
              phases: pd.DataFrame | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    """(model_id, indicator, fact_ids) for every headline choice a coder must settle with ``headline=true``."""
    out = []
    homes = models.set_index("model_id")["region_code"]
    current = current_phases(phases)
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in facts.to_dict("records"):  # one to_dict for the table: a to_dict per group took seconds
        groups.setdefault((r["model_id"], r["indicator"]), []).append(r)
    for (m, ind), group in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if m not in homes.index:
            continue
        c = choose_among(group, homes[m], m, ind, current.get(m))
        if c.reason == "open_tie":
            out.append((m, ind, c.tied))
    return out


def local_evidence(facts: pd.DataFrame, comparison: pd.DataFrame, model_ids=None, indicators=None) -> pd.DataFrame:
    """The facts listed as local evidence in ``comparison`` (optionally for some models and indicators)."""
    c = comparison
    if model_ids is not None:
        c = c[c["model_id"].isin(model_ids)]
    if indicators is not None:
        c = c[c["indicator"].isin(indicators)]
    ids = {x for s in c["local_fact_ids"] for x in s.split("|") if x}
    return facts[facts["fact_id"].isin(ids)].sort_values(["model_id", "indicator", "region_code", "as_of", "fact_id"])
