"""What the data say about the question, per dimension, in words generated from the tables.

For each dimension a report compares, :func:`paragraph` says, for each of its measures (the per-resident,
per-station, per-worker and per-yuan ratios of :mod:`helpers.data.derived`), which of the report's models
can be compared and how:

* **comparable**: two or more models have an admitted, rankable ratio for their own region; the figures are
  given with their qualifiers (at least, about) and dates, and an order only where their bounds separate;
* **comparable only locally**: no two models have it for their own regions, but two or more have it for
  places at one level below (counties, cities); the places are named, a sample and not a whole region;
* **not comparable**: otherwise, with each model's reason (what it lacks, or why its ratio was refused:
  :data:`helpers.vocabulary.REFUSALS`).

Nothing is written per model: every sentence comes from ``derived``, ``level_comparison`` and the refusals
of :func:`helpers.data.derived.evaluate`, and the Chinese and English sentences carry the same facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

import pandas as pd

from helpers.data.derived import SPECS, evaluate
from helpers.data.load import once
from helpers.pages import catalogue
from helpers.pages.compare import homes
from helpers.pages.i18n import col, indicator_labels, money, number, t, term
from helpers.pages.ranking import rankable
from helpers.vocabulary import PLACE_LEVELS, REFUSALS, UNITS

SPEC = {s.indicator: s for s in SPECS}
MANY = 6  # above this many models, reasons are counted instead of listed per model


@dataclass
class Conclusion:
    """One dimension's paragraph: its sentences, the case of each measure, and the rows it cites."""

    sentences: list[str] = field(default_factory=list)
    cases: dict[str, str] = field(default_factory=dict)  # measure → comparable | local | not_comparable
    derived_ids: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def measures(dimension: str) -> tuple[str, ...]:
    """The measures of ``dimension``: its derived ratios with ``dimension_page`` in the catalogue
    (:data:`helpers.derived_indicators.DERIVED_INDICATORS`), in its order: per resident or per township first, then per
    station, worker and yuan."""
    return catalogue.derived("dimension_page", dimension)


def qualified(value: float, qualifier: str, unit: str, lang: str, low=None, high=None) -> str:
    """A figure in words: ``at least 1.35``, ``about 336 CNY``, ``2–3 persons`` / ``至少1.35``, ``约336元``.

    >>> qualified(1.349, "at_least", "persons", "en"), qualified(336.0, "approx", "CNY", "zh")
    ('at least 1.35 persons', '约336 元')
    """
    num = money if unit == "CNY" else number
    if qualifier == "range" and low is not None and high is not None and not (math.isnan(low) or math.isnan(high)):
        core = f"{num(low, lang)}–{num(high, lang)}"
    else:
        word = {"at_least": "q_at_least", "at_most": "q_at_most", "approx": "q_approx"}.get(qualifier)
        core = (t(word, lang) + ("" if lang == "zh" else " ") if word else "") + num(value, lang)
    unit_word = "%" if unit == "percent" else term(UNITS, unit, lang)
    return f"{core}{unit_word}" if unit == "percent" else f"{core} {unit_word}".rstrip()


def _interval(row) -> tuple[float, float]:
    q, v = row["qualifier"], float(row["value"])
    low = row["value_low"] if not pd.isna(row["value_low"]) else None
    high = row["value_high"] if not pd.isna(row["value_high"]) else None
    if q in ("exact", "approx"):
        return v, v
    return (low if low is not None else 0.0), (high if high is not None else math.inf)


def order(rows: pd.DataFrame) -> list[str] | None:
    """Model ids from highest to lowest when every neighbour's bounds separate, else None.

    >>> r = pd.DataFrame({"model_id": ["a", "b"], "value": [3.0, 1.3], "value_low": [3.0, 1.3],
    ...                   "value_high": [3.0, None], "qualifier": ["exact", "at_least"]})
    >>> order(r) is None   # ≥ 1.3 may be above 3
    True
    >>> order(r.assign(qualifier=["exact", "exact"], value_high=[3.0, 1.3]))
    ['a', 'b']
    """
    ranked = sorted(rows.to_dict("records"), key=lambda r: -r["value"])
    for hi, lo in pairwise(ranked):
        if not _interval(lo)[1] < _interval(hi)[0]:
            return None
    return [r["model_id"] for r in ranked]


def _names(tables, lang: str) -> pd.Series:
    return once(tables, _short_names, lang)


def _short_names(tables, lang: str) -> pd.Series:
    return tables.models.set_index("model_id")[col("short", lang)]


def _place(tables, code: str, lang: str) -> str:
    names = once(tables, _region_names, lang)
    return names[code] if code in names.index else code


def _region_names(tables, lang: str) -> pd.Series:
    return tables.regions.set_index("region_code")[col("name", lang)]


def _item(tables, row, lang: str) -> str:
    when = row["as_of"] or t("undated", lang)
    return t("concl_item", lang).format(model=_names(tables, lang)[row["model_id"]],
                                        figure=qualified(row["value"], row["qualifier"], row["unit"], lang,
                                                         row["value_low"], row["value_high"]),
                                        place=_place(tables, row["region_code"], lang), when=when,
                                        scope=t("concl_programme", lang) if row["scope"] == "programme" else "")


def _join(items: list[str], lang: str) -> str:
    return t("concl_sep", lang).join(items)


def _own(tables, indicator: str, model_ids) -> pd.DataFrame:
    d = once(tables, _rankable)  # rankable is decided row by row: once for every row, then the rows wanted
    d = d[(d["indicator"] == indicator) & d["model_id"].isin(model_ids)]
    return d.sort_values(["model_id", "as_of"], kind="stable").drop_duplicates("model_id", keep="last")


def _why_not(tables, indicator: str, model_id: str, lang: str) -> str:
    """Why a model has no rankable ratio for its own region (one phrase)."""
    home = once(tables, _homes).loc[model_id]
    spec = SPEC[indicator]
    d = once(tables, _derived_groups).get((indicator, model_id, home), _NO_ROWS)
    if len(d) and d["flags"].str.contains("over_100").all():
        return t("concl_over_100", lang)
    if len(d) and d["flags"].str.contains("flow_over_stock").all():
        return t("concl_flow_over_stock", lang)
    if len(d) and d["flags"].str.contains("programme_over_place").all():
        return t("concl_programme_over_place", lang)
    ref = once(tables, _refused_groups).get((indicator, model_id, home))
    if ref is not None and len(ref):  # the reason of its latest dated figure (an undated one only when nothing is dated)
        dates = once(tables, _fact_dates)
        latest = ref.assign(_d=[dates.get(x, "") for x in ref["numerator"]]).sort_values("_d", kind="stable")
        return term(REFUSALS, latest["reason"].iloc[-1], lang)
    labels = once(tables, _labels, lang)
    what = labels.get(spec.numerator, spec.numerator)
    what = what[0].lower() + what[1:] if lang == "en" and what[1:2].islower() else what
    return t("concl_no_figure", lang).format(what=what)


_NO_ROWS = pd.DataFrame({"flags": pd.Series([], dtype=object)})


def _rankable(tables) -> pd.DataFrame:
    return rankable(tables.derived, tables.models, tables.comparison)


def _homes(tables) -> pd.Series:
    """Each model's own region, by model id."""
    return homes(tables.models)


def _derived_groups(tables) -> dict:
    """The derived rows of each (indicator, model, region): what :func:`_why_not` looks up, grouped once."""
    d = tables.derived
    return {key: g for key, g in d.groupby(["indicator", "model_id", "region_code"], sort=False)}


def _refused_groups(tables) -> dict:
    """The refusals (:func:`refusals`) of each (indicator, model, region), in their order, grouped once."""
    return {key: g for key, g in refusals(tables).groupby(["indicator", "model_id", "region_code"], sort=False)}


def _labels(tables, lang: str) -> pd.Series:
    return indicator_labels(tables.indicators, lang)


def _fact_dates(tables) -> pd.Series:
    """Each fact's as_of ("" when undated), by fact id."""
    return tables.facts.set_index("fact_id")["as_of"].fillna("")


def _local(tables, indicator: str, model_ids, own_ids) -> tuple[str, pd.DataFrame] | None:
    """The finest level (below the models' own) at which two or more models have the ratio, with its rows."""
    lc = tables.level_comparison
    lc = lc[(lc["indicator"] == indicator) & (lc["origin"] == "derived") & (lc["status"] == "reported")
            & lc["model_id"].isin(model_ids)]
    best = None
    for level, g in lc.groupby("level", sort=False):
        several = g["model_id"].nunique() >= 2 and not set(g["model_id"]) <= set(own_ids)
        if several and (best is None or PLACE_LEVELS.values.index(level) > PLACE_LEVELS.values.index(best[0])):
            best = (level, g)
    return best


def _local_item(tables, row, lang: str) -> str:
    places = row[col("places", lang)].split("|")
    if row["n_places"] == 1:
        figure = qualified(row["median"], row["qualifiers"] if "|" not in row["qualifiers"] else "approx",
                           row["unit"], lang)
    else:
        figure = t("concl_range", lang).format(low=number(row["min"], lang), high=number(row["max"], lang),
                                               median=number(row["median"], lang),
                                               unit=term(UNITS, row["unit"], lang))
    return t("concl_local_item", lang).format(model=_names(tables, lang)[row["model_id"]], figure=figure,
                                              n=row["n_places"], places=t("list_sep", lang).join(places))


def _reasons(tables, indicator: str, missing: list[str], lang: str) -> str:
    names = _names(tables, lang)
    why = {m: once(tables, _why_not, indicator, m, lang) for m in missing}  # a model's reason: the same in every paragraph
    if len(missing) > 1 and len(set(why.values())) == 1:
        return t("concl_reason_all", lang).format(n=len(missing), why=next(iter(why.values())))
    if len(missing) <= MANY:
        return _join([t("concl_reason", lang).format(model=names[m], why=w) for m, w in why.items()], lang)
    counts = pd.Series(list(why.values())).value_counts(sort=True)
    return _join([t("concl_reason_count", lang).format(n=n, why=w) for w, n in counts.items()], lang)


def measure_sentence(tables, indicator: str, model_ids, lang: str) -> tuple[str, str, set]:
    """``(sentence, case, derived_ids)`` for one measure and the report's models."""
    spec = SPEC[indicator]
    label = spec.label_zh if lang == "zh" else spec.label_en
    own = _own(tables, indicator, model_ids)
    missing = [m for m in model_ids if m not in set(own["model_id"])]
    if len(own) >= 2:
        text = t("concl_comparable", lang).format(measure=label, items=_join([_item(tables, r, lang) for _, r in
                                                                             own.iterrows()], lang))
        ranked = order(own)
        names = _names(tables, lang)
        text += " " + (t("concl_order", lang).format(high=names[ranked[0]], low=names[ranked[-1]]) if ranked
                       else t("concl_overlap", lang))
        years = sorted({a[:4] for a in own["as_of"] if a})
        if len(years) > 1 or "" in set(own["as_of"]):
            text += " " + t("concl_years_differ", lang).format(first=years[0] if years else "—",
                                                             last=years[-1] if years else "—")
        if missing:
            text += " " + t("concl_others", lang).format(reasons=_reasons(tables, indicator, missing, lang))
        return text, "comparable", set(own["derived_id"])
    local = _local(tables, indicator, model_ids, set(own["model_id"]))
    if local is not None:
        level, rows = local
        items = _join([_local_item(tables, r, lang) for _, r in rows.iterrows()], lang)
        text = t("concl_local", lang).format(measure=label, level=term(PLACE_LEVELS, level, lang), items=items)
        if len(own) == 1 and own["model_id"].iloc[0] not in set(rows["model_id"]):
            text += " " + t("concl_only_one", lang).format(item=_item(tables, own.iloc[0], lang))
        absent = [m for m in missing if m not in set(rows["model_id"])]
        if absent:
            text += " " + t("concl_others", lang).format(reasons=_reasons(tables, indicator, absent, lang))
        return text, "local", {x for s in rows["derived_ids"] for x in s.split("|") if x} | set(own["derived_id"])
    reasons = _reasons(tables, indicator, missing, lang)
    if len(own) == 1:
        text = t("concl_single", lang).format(measure=label, item=_item(tables, own.iloc[0], lang), reasons=reasons)
        return text, "not_comparable", set(own["derived_id"])
    return t("concl_none", lang).format(measure=label, reasons=reasons), "not_comparable", set()


def _none_reasons(tables, indicator: str, model_ids, lang: str) -> str | None:
    """The reasons of a measure no model has for its own region or below (None when some model has it)."""
    if len(_own(tables, indicator, model_ids)) or _local(tables, indicator, model_ids, set()) is not None:
        return None
    return _reasons(tables, indicator, list(model_ids), lang)


def refusals(tables) -> pd.DataFrame:
    """Why each numerator found no admissible denominator (see :func:`helpers.data.derived.evaluate`), worked out
    once per set of tables (every :func:`paragraph` of a page, and of a build's replay, shares it)."""
    return once(tables, _refusals)


def _refusals(tables) -> pd.DataFrame:
    return evaluate(tables.facts, tables.regions, phases=getattr(tables, "phases", None))[1]


def paragraph(tables, dimension: str, lang: str, model_ids=None) -> Conclusion:
    """The dimension's conclusion for ``model_ids`` (default: every model), in ``lang``."""
    ids = list(model_ids) if model_ids is not None else list(tables.models["model_id"])
    out = Conclusion()
    # measures nobody can compare for the same reasons are said once, together
    nones = {indicator: _none_reasons(tables, indicator, ids, lang) for indicator in measures(dimension)}
    grouped: dict[str, list[str]] = {}
    for indicator, why in nones.items():
        if why is not None:
            grouped.setdefault(why, []).append(indicator)
    said = set()
    for indicator, why in nones.items():
        if indicator in said:
            continue
        if why is not None and len(grouped[why]) > 1:
            labels = [SPEC[i].label_zh if lang == "zh" else SPEC[i].label_en for i in grouped[why]]
            out.sentences.append(t("concl_none", lang).format(measure=t("list_sep", lang).join(labels), reasons=why))
            for i in grouped[why]:
                out.cases[i] = "not_comparable"
                said.add(i)
            continue
        text, case, used = measure_sentence(tables, indicator, ids, lang)
        out.sentences.append(text)
        out.cases[indicator] = case
        out.derived_ids |= used
    return out
