"""What a comparison shows: reader-facing tables and sentences built from ``comparison.csv``.

Every function here is plain: it takes the processed tables and returns what a page shows together with the
fact ids it cites (a :class:`Shown`), so the choices can be tested without a kernel. Which figure stands for a
model was decided once, in :mod:`helpers.data.comparison`; nothing here chooses again.

>>> from helpers.data import load                                            # doctest: +SKIP
>>> shown = model_rows(load.tables(), "stations_township", "en")       # doctest: +SKIP
>>> shown.table[["model_id", "status", "figure"]]                      # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from helpers.data import consistency
from helpers.data.comparison import current_phases
from helpers.data.load import id_set, once
from helpers.pages import catalogue
from helpers.pages.daggers import doubtful
from helpers.pages.i18n import (
    col,
    format_figure,
    gap_phrase,
    indicator_labels,
    number,
    phase_label,
    scope_phrase,
    t,
    term,
    tiers,
)
from helpers.vocabulary import (
    GAP_DETAILS,
    MODES,
    PAYERS,
    PERIODS,
    PLACE_LEVELS,
    PURPOSES,
    QUALIFIERS,
    STATUSES,
)


@dataclass
class Shown:
    """What a view shows: a table (or rows for a chart), the facts it cites, and sentences to print."""

    table: pd.DataFrame
    fact_ids: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    def facts(self, facts: pd.DataFrame) -> pd.DataFrame:
        """The cited facts' rows (for a report's citations)."""
        return facts[facts["fact_id"].isin(self.fact_ids)]


def chosen_models(tables, model_ids=None) -> pd.DataFrame:
    """The models table indexed by model_id: all models, or ``model_ids`` in the order given."""
    m = tables.models.set_index("model_id")
    return m if model_ids is None else m.loc[list(model_ids)]


def homes(models: pd.DataFrame) -> pd.Series:
    """Each model's own region (its region_code), by model id."""
    return models.set_index("model_id")["region_code"]


def place_label(row, lang: str) -> str:
    """``model · place (level) · date``: how local evidence is labelled, e.g. 湖南 · 江永县 (县级) · 2022-03."""
    place = row.get(col("site", lang)) or "" if row.get("scope") == "site" else ""
    place = place or row[col("region", lang)]
    bits = [row[col("model", lang)], f"{place} ({term(PLACE_LEVELS, row['level'], lang)})"]
    if row.get("phase_label"):
        bits.append(row["phase_label"])
    if row.get("as_of"):
        bits.append(row["as_of"])
    return " · ".join(bits)


def _phase_labels(facts: pd.DataFrame, lang: str) -> list[str]:
    """Each fact's phase as "name · span" ('' for a fact without a phase), from the phase columns merged into the
    processed facts."""
    if "phase" not in facts.columns or col("phase", lang) not in facts.columns:
        return [""] * len(facts)
    return [phase_label(n, s or "", e or "", lang) if p else "" for p, n, s, e in
            zip(facts["phase"].fillna(""), facts[col("phase", lang)].fillna(""), facts["phase_start"].fillna(""),
                facts["phase_end"].fillna(""))]


def with_labels(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Facts plus reader-facing columns: ``figure`` (with its qualifier; † when its source is a mirror or of
    unknown origin, see :data:`DAGGER`), ``indicator_name``, ``model_name``, ``region_name``, ``counts``,
    ``coverage`` (全县/whole county, one phase...), ``phase_label`` (双百计划 · 2017–2020) and ``place``."""
    out = facts.copy()
    rel = out["source_reliability"] if "source_reliability" in out.columns else pd.Series("", index=out.index)
    out["doubtful"] = [doubtful(x) for x in rel]
    out["figure"] = [format_figure(*r, lang) + (" †" if d else "") for *r, d in
                     zip(out["value"], out["value_low"], out["value_high"], out["qualifier"], out["unit"],
                         out["status"], out["doubtful"])]
    out["phase_label"] = _phase_labels(out, lang)
    out["indicator_name"] = out[col("label", lang)]
    out["model_name"] = out[col("model", lang)]
    out["region_name"] = out[col("region", lang)]
    out["counts"] = out[col("counts", lang)]
    out["coverage"] = [scope_phrase(s, lv, lang) for s, lv in zip(out["scope"], out["level"])]
    used = [c for c in dict.fromkeys((col("site", lang), "scope", col("region", lang), col("model", lang), "level",
                                      "phase_label", "as_of")) if c in out.columns]  # what place_label reads
    out["place"] = [place_label(r, lang) for r in out[used].to_dict("records")]
    return out


def cell_text(row: pd.Series | dict, lang: str) -> str:
    """A comparison cell: the figure in its qualifier's words (marked † when its source must be checked), with
    year, level, coverage and phase, and its source. A figure of an earlier phase says so and names the current
    phase it is not about; a cell that disagrees with the model's other cells (``consistency_text``) says so."""
    fig = row.get("figure") or format_figure(row["value"], row["value_low"], row["value_high"], row["qualifier"],
                                             row["unit"], row["status"], lang)
    where = scope_phrase(row["scope"], row["level"], lang)
    if row.get("phase_label"):
        where += f" · {row['phase_label']}"
    when = row["as_of"] or t("undated", lang)
    text = f"{fig} ({when}; {where}) [{row['source_id']}]"
    if row.get("earlier"):
        gap = t("current_phase_gap", lang).format(phase=row.get("current_phase_label", ""))
        text = f"{gap}; {t('earlier_phase', lang)}: {text}"
    if row.get("consistency_text"):
        text += f" — {row['consistency_text']}"
    return text


def phase_note(row, lang: str) -> str:
    """" · 双百计划 · 2017–2020 (早期阶段)" for a cell of a phased model ('' otherwise), and the sentence of a cell that
    disagrees with the model's other headline cells after a dash."""
    text = f" · {row['phase_label']}" if row.get("phase_label") else ""
    text += f" ({t('earlier_phase', lang)})" if row.get("earlier") else ""
    return text + (f" — {row['consistency_text']}" if row.get("consistency_text") else "")


def consistency_texts(tables, lang: str) -> dict[str, str]:
    """Per model whose headline stations, coverage and township count disagree (comparison.csv's ``consistency``),
    the sentence the reports print beside those cells."""
    names = tables.regions.set_index("region_code")[col("name", lang)]
    out = {}
    for d in consistency.disagreements(tables.comparison, tables.regions):
        lo, hi = d.implied
        implied = number(lo, lang) if round(lo) == round(hi) else (
            "≥ " + number(lo, lang) if hi == float("inf") else f"{number(lo, lang)}–{number(hi, lang)}")
        out[d.model_id] = t("inconsistent", lang).format(
            implied=implied, place=names.get(d.region_code, d.region_code), townships=number(d.townships, lang),
            as_of=d.townships_as_of or t("undated", lang), off=f"{d.off_by:.0%}",
            phases="" if d.same_phase else t("inconsistent_phases", lang))
    return out


def gap_text(row: pd.Series | dict, model_level: str, lang: str) -> str:
    """Words for an empty cell: the gap and, when there is more to say, why (local evidence only, ...).

    >>> gap_text({"reason": "local_only"}, "province", "en")
    'no province-wide figure found; local evidence only'
    >>> gap_text({"reason": "not_found"}, "prefecture", "zh")
    '未找到全市数字'
    """
    base = gap_phrase(model_level, lang)
    if row["reason"] not in GAP_DETAILS:
        return base
    return base + t("detail_sep", lang) + term(GAP_DETAILS, row["reason"], lang)


def _current_phase_labels(tables, lang: str) -> dict[str, tuple[str, str]]:
    """Per phased model: (current phase id, its label "name · span")."""
    phases = getattr(tables, "phases", None)
    if phases is None or phases.empty:
        return {}
    by_id = phases.set_index("phase_id")
    return {m: (p.phase_id, phase_label(by_id.loc[p.phase_id, col("name", lang)], p.start, p.end, lang))
            for m, p in current_phases(phases).items()}


def _figure_row(f: dict, m: str, name: str, role: str, earlier: bool, lang: str) -> dict:
    """A chart or table row for fact ``f`` of model ``m``; the label names its phase and marks † a doubtful source."""
    bits = [name] + ([f["phase_label"]] if f.get("phase_label") else [])
    label = " · ".join(bits)
    if role == "history" or earlier:
        label += f" ({f['as_of']}, {t('earlier_phase', lang)})" if f["as_of"] else f" ({t('earlier_phase', lang)})"
    elif f["as_of"]:
        label += f" ({f['as_of']})"
    if f.get("doubtful"):
        label += " †"
    return {"model_id": m, "label": label, "value": f["value"], "value_low": f["value_low"],
            "value_high": f["value_high"], "qualifier": f["qualifier"], "status": f["status"], "unit": f["unit"],
            "figure": f["figure"], "as_of": f["as_of"], "level": f["level"], "scope": f["scope"],
            "period": f["period"], "fact_id": f["fact_id"], "source_id": f["source_id"],
            "region_code": f["region_code"], "gap_text": "", "phase": f.get("phase", "") or "",
            "phase_label": f.get("phase_label", ""), "doubtful": bool(f.get("doubtful")), "role": role,
            "earlier": earlier}


def model_rows(tables, indicator: str, lang: str, model_ids=None, history: bool = False) -> Shown:
    """One row per model for a chart of ``indicator``: its headline figure, or a gap row (``status='gap'``)
    whose ``gap_text`` says so. Local evidence never appears here (see :func:`local_rows`).

    A phased model's figure is labelled with its phase; one of an earlier phase (chosen because the current phase
    has none) has ``earlier=True``. With ``history=True`` each model's row is followed by the best figure of each
    of its earlier phases (``role='history'``), labelled with the phase, and a model whose figure is an earlier
    phase's is preceded by a gap row for its current phase (``role='current_gap'``). ``consistency_text``: the sentence
    for a cell that disagrees with the model's other headline cells; ``doubtful`` marks a mirror or unknown source.
    Worked out once per set of tables and arguments (pages and queries ask for the same rows): never changed."""
    return once(tables, _model_rows, indicator, lang, None if model_ids is None else tuple(model_ids), history)


def labelled(tables, lang: str) -> pd.DataFrame:
    """Every fact labelled (:func:`with_labels`), read as ``once(tables, labelled, lang)``: once per tables and language."""
    return with_labels(tables.facts, lang)


def _labelled_by_id(tables, lang: str) -> dict[str, dict]:
    return {f["fact_id"]: f for f in once(tables, labelled, lang).to_dict("records")}


def _by_indicator(tables) -> dict:
    return {i: g for i, g in tables.comparison.groupby("indicator", sort=False)} | {None: tables.comparison.iloc[:0]}


def _indicator_rows(tables, indicator: str) -> pd.DataFrame:
    """comparison.csv's rows of ``indicator``, in their order (grouped once per set of tables)."""
    groups = once(tables, _by_indicator)
    return groups.get(indicator, groups[None])


def _model_rows(tables, indicator: str, lang: str, model_ids, history: bool) -> Shown:
    models = chosen_models(tables, model_ids)
    comp = _indicator_rows(tables, indicator)
    cols = [c for c in ("model_id", "fact_id", "reason", "local_fact_ids", "history_fact_ids", "consistency")
            if c in comp.columns]
    chosen = {r["model_id"]: r for r in comp[cols].to_dict("records")}
    facts = once(tables, _labelled_by_id, lang)  # every fact, labelled once
    names = models[col("short", lang)]
    current = once(tables, _current_phase_labels, lang)
    disagree = once(tables, consistency_texts, lang) if "consistency" in comp.columns else {}
    rows, cited = [], []
    for m, name, level, region in zip(models.index, names, models["level"], models["region_code"]):
        c = chosen.get(m)
        if c is not None and c["fact_id"]:
            f = facts[c["fact_id"]]
            earlier = m in current and bool(f.get("phase")) and f["phase"] != current[m][0]
            row = _figure_row(f, m, name, "headline", earlier, lang)
            row["current_phase_label"] = current.get(m, ("", ""))[1]
            row["consistency_text"] = disagree.get(m, "") if c.get("consistency") else ""
            if earlier and history:  # a chart says in words that the current phase has no figure
                rows.append({**row, "label": f"{name} · {row['current_phase_label']}", "status": "gap",
                             "value": float("nan"), "value_low": float("nan"), "value_high": float("nan"),
                             "figure": "", "fact_id": "", "role": "current_gap", "earlier": False,
                             "consistency_text": "", "doubtful": False,
                             "gap_text": t("current_phase_gap", lang).format(phase=row["current_phase_label"])})
            rows.append(row)
            cited.append(c["fact_id"])
            for h in filter(None, (c.get("history_fact_ids") or "").split("|") if history else ()):
                if h in facts:
                    rows.append(_figure_row(facts[h], m, name, "history", True, lang))
                    cited.append(h)
        else:
            has_local = c is not None and bool(id_set([c["local_fact_ids"]]) & facts.keys())
            reason = {"reason": c["reason"] if c is not None else "not_found"}
            rows.append({"model_id": m, "label": name, "value": float("nan"), "value_low": float("nan"),
                         "value_high": float("nan"), "qualifier": "", "status": "gap", "unit": "",
                         "figure": "", "as_of": "", "level": level, "scope": "", "period": "",
                         "fact_id": "", "source_id": "", "region_code": region,
                         "gap_text": gap_text(reason, level, lang)
                         + (t("compare_see_below", lang) if has_local else ""),
                         "phase": "", "phase_label": "", "doubtful": False, "role": "headline", "earlier": False,
                         "current_phase_label": current.get(m, ("", ""))[1], "consistency_text": ""})
    return Shown(pd.DataFrame(rows), cited)


def history_texts(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Per model, its history rows (``model_rows(..., history=True)``) as "figure (phase) [source]" texts."""
    out: dict[str, list[str]] = {}
    for r in rows[rows["role"] == "history"].to_dict("records"):
        when = f"{r['as_of']}; " if r["as_of"] else ""
        out.setdefault(r["model_id"], []).append(f"{r['figure']} ({when}{r['phase_label']}) [{r['source_id']}]")
    return out


def standard_rows(tables, lang: str, model_ids=None, dimension: str | None = None, own_region: bool = False) -> Shown:
    """The standards (``status=standard``: what a model required, e.g. two to three social workers per station) of
    ``model_ids`` (default all) in ``dimension`` (default all), labelled like facts; ``own_region``: only those
    about each model's own region (the design rows of the side-by-side table)."""
    f = once(tables, labelled, lang)  # every fact labelled once: the standards are chosen from those rows
    f = f[(f["status"] == "standard") & (f["duplicate_of"].fillna("") == "")]
    if model_ids is not None:
        f = f[f["model_id"].isin(list(model_ids))]
    if dimension is not None:
        f = f[f["dimension"] == dimension]
    if own_region:
        home = homes(tables.models)
        f = f[f["region_code"] == f["model_id"].map(home)]
    order = {m: i for i, m in enumerate(model_ids)} if model_ids is not None else {}
    f = f.assign(_o=lambda x: x["model_id"].map(order).fillna(0))
    f = f.sort_values(["_o", "model_id", "indicator", "as_of", "fact_id"]).drop(columns="_o").reset_index(drop=True)
    return Shown(f, list(f["fact_id"]))


def standards_table(shown: Shown, lang: str) -> pd.DataFrame:
    """Standards as a table: place (with phase), what is required, what it counts, source."""
    f = shown.table
    return pd.DataFrame({t("place", lang): f["place"], t("indicator", lang): f["indicator_name"],
                         t("required", lang): f["figure"], t("counts", lang): f["counts"],
                         t("source", lang): f["source_id"]}).reset_index(drop=True)


def local_rows(tables, indicator: str, lang: str, model_ids=None) -> Shown:
    """Local evidence for ``indicator``: figures about places or sites inside each model's region (or a phase
    or subset of it), each labelled "model · place (level) · date" with what it counts; worked out once (unchanged)."""
    return once(tables, _local_rows, indicator, lang, None if model_ids is None else tuple(model_ids))


def _local_rows(tables, indicator: str, lang: str, model_ids) -> Shown:
    comp = _indicator_rows(tables, indicator)
    if model_ids is not None:
        comp = comp[comp["model_id"].isin(model_ids)]
    f = once(tables, labelled, lang)
    f = f[f["fact_id"].isin(id_set(comp["local_fact_ids"]))]
    if model_ids is not None:
        order = {m: i for i, m in enumerate(model_ids)}
        f = f.assign(_o=f["model_id"].map(order))
    else:
        f = f.assign(_o=0)
    f = f.sort_values(["_o", "model_id", "as_of", "fact_id"], ascending=[True, True, False, True]).drop(columns="_o")
    return Shown(f.reset_index(drop=True), list(f["fact_id"]))


def local_table(shown: Shown, lang: str) -> pd.DataFrame:
    """Local evidence as a table: place, figure, what it counts, coverage, source."""
    f = shown.table
    return pd.DataFrame({t("place", lang): f["place"], t("indicator", lang): f["indicator_name"],
                         t("figure", lang): f["figure"], t("counts", lang): f["counts"],
                         t("scope", lang): f["coverage"], t("source", lang): f["source_id"]}).reset_index(drop=True)


def typology(tables, lang: str) -> Shown:
    """The typology table: one row per model with mode, level, launch year, tiers, framework, coverage."""
    cov = model_rows(tables, "coverage_township_pct", lang).table.set_index("model_id")
    rows = []
    for m in tables.models.itertuples():
        c = cov.loc[m.model_id]
        rows.append({
            t("model", lang): getattr(m, col("name", lang)),
            t("level", lang): term(PLACE_LEVELS, m.level, lang),
            t("launch_year", lang): "—" if pd.isna(m.launch_year) else str(int(m.launch_year)),
            t("operating_mode", lang): term(MODES, m.operating_mode, lang),
            t("tiers", lang): tiers(m.tiers, lang),
            t("framework", lang): m.framework or "—",
            t("coverage", lang): c["gap_text"] if c["status"] == "gap" else
            c["figure"] + (f" ({c['as_of']})" if c["as_of"] else ""),
        })
    return Shown(pd.DataFrame(rows), [x for x in cov["fact_id"] if x])


def headline(tables, lang: str, indicators=None, model_ids=None) -> Shown:
    """A models × indicators table of each model's headline figure, or its gap in words; ``indicators``: the
    catalogue's ``headline`` role (indicators.csv) unless given."""
    if indicators is None:
        indicators = catalogue.coded(tables.indicators, "headline")
    models = chosen_models(tables, model_ids)
    labels = indicator_labels(tables.indicators, lang)
    out = {t("model", lang): list(models[col("name", lang)])}
    cited = []
    for ind in indicators:
        rows = model_rows(tables, ind, lang, list(models.index)).table
        out[labels[ind]] = [r["gap_text"] if r["status"] == "gap" else
                            r["figure"] + (f" ({r['as_of']})" if r["as_of"] else "") + phase_note(r, lang)
                            for _, r in rows.iterrows()]
        cited += [x for x in rows["fact_id"] if x]
    return Shown(pd.DataFrame(out), cited)


# The columns of processed facts the page layer reads: all but ``note``, the coder's remark no page shows (the
# statistics page's coverage goal is the one exception, and reads its rows whole). Pages read facts rows with these
# (``r.data.rows("facts", SHOWN_FACT_COLUMNS, ...)``), so an edit to a note rebuilds no page that does not show it.
SHOWN_FACT_COLUMNS = ("fact_id", "model_id", "region_code", "dimension", "indicator", "value_text", "value", "value_low",
                      "value_high", "unit", "qualifier", "status", "as_of", "period", "scope", "phase", "counts_zh",
                      "counts_en", "site_zh", "site_en", "purpose", "payer", "duplicate_of", "conflicts_with",
                      "headline", "source_id", "evidence", "label_zh", "label_en", "model_zh", "model_en",
                      "operating_mode", "region_zh", "region_en", "source_title", "source_outlet", "source_published",
                      "source_url", "source_reliability", "phase_zh", "phase_en", "phase_start", "phase_end", "year",
                      "level")
FACT_COLUMNS = ("model_name", "region_name", "indicator_name", "figure", "counts", "coverage", "as_of", "period",
                "source_id")


def fact_table(facts: pd.DataFrame, lang: str, columns=FACT_COLUMNS) -> pd.DataFrame:
    """Facts as a reader-facing table, in ``lang``: what each counts and what part of its place it covers."""
    f = with_labels(facts, lang)
    f["period"] = [term(PERIODS, p, lang) for p in f["period"]]
    f["qualifier"] = [term(QUALIFIERS, q, lang) for q in f["qualifier"]]
    f["status"] = [term(STATUSES, s, lang) for s in f["status"]]
    f["purpose"] = [term(PURPOSES, p, lang) if p else "" for p in f["purpose"]]
    f["payer"] = [term(PAYERS, p, lang) if p else "" for p in f["payer"]]
    names = {"model_name": t("model", lang), "region_name": t("region", lang), "indicator_name": t("indicator", lang),
             "figure": t("figure", lang), "as_of": t("as_of", lang), "period": t("period", lang),
             "coverage": t("scope", lang), "source_id": t("source", lang), "qualifier": t("qualifier", lang),
             "status": t("status", lang), "evidence": t("evidence", lang), "note": t("note", lang),
             "value_text": t("evidence", lang), "counts": t("counts", lang), "place": t("place", lang),
             "purpose": t("purpose", lang), "payer": t("payer", lang)}
    return f[list(columns)].rename(columns=names).reset_index(drop=True)


