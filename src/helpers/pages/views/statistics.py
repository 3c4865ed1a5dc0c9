"""05 · Statistics, where they are honest with this data."""

from __future__ import annotations

import pandas as pd

from helpers.pages import catalogue, compare, estimates, plots, ranking
from helpers.pages.i18n import col, number, pair, t
from helpers.pages.report import Report
from helpers.pages.views.common import short_names

GOAL_YEAR = 2025.999  # end of the 14th Five-Year Plan, the national goal's date


def title(r: Report) -> list:
    return [r.say(*pair("statistics_statistics_small_samples"), 1),
            r.say(*pair("statistics_series_here_short_2"))]


def _series(r: Report, indicator: str) -> tuple[pd.DataFrame, list[str]]:
    """The national series of ``indicator``: one observation per date (see :func:`helpers.pages.estimates.one_per_date`)."""
    f = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, model_id="national", indicator=indicator)
    s = f[(f["model_id"] == "national") & (f["region_code"] == "000000") & (f["indicator"] == indicator)
          & (f["status"] == "reported") & (f["as_of"] != "") & f["value"].notna()
          & f["scope"].isin(["whole", "programme"])]
    return estimates.one_per_date(s, stock=True)


def implied_townships(r: Report) -> tuple[float | None, list[str]]:
    """China's township total implied by same-date national stations ÷ coverage (the dataset has no count)."""
    st, _ = _series(r, "stations_township")
    cov, _ = _series(r, "coverage_township_pct")
    both = st.merge(cov, on="as_of", suffixes=("_s", "_c"))
    both = both[both["value_c"] > 0]
    if both.empty:
        return None, []
    totals = both["value_s"] / (both["value_c"] / 100)
    ids = [x for col in ("fact_id_s", "fact_id_c") for fs in both[col] for x in fs.split("|")]
    return float(totals.mean()), ids


def _trend_sentence(fit, end, cap, lang: str) -> str:
    """What the trend says at the goal date, or when it meets the ``cap`` it cannot pass."""
    if cap is not None and end["mean"] >= cap - 1e-6:
        reach = float(fit.prediction.loc[fit.prediction["mean"] >= cap - 1e-6, "t"].min())
        return t("statistics_trend_reaches_cap", lang).format(reach=reach, cap=number(cap, lang)) + \
            t("statistics_one_per_date", lang)
    return (t("statistics_trend_at_goal", lang).format(mean=number(end["mean"], lang), low=number(end["obs_low"], lang),
                                                       high=number(end["obs_high"], lang))
            + t("statistics_one_per_date", lang) + t("statistics_lower_bounds_pull_down", lang))


def trend(r: Report, indicator: str, goal_indicator: str | None = None) -> list:
    s, dropped = _series(r, indicator)
    name = r.data.indicators.set_index("indicator").loc[indicator, col("label", r.lang)]
    facts = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id={x for fs in s["fact_id"] for x in fs.split("|")})
    if len(s) < 3:
        return [r.note((t("statistics_name_only_dated", r.lang).format(name=name, n=len(s))), kind="gap")]
    fit = estimates.linear_trend(s, until=GOAL_YEAR)
    cap, cap_ids = implied_townships(r) if indicator == "stations_township" else (None, [])
    if cap is not None:
        for c in ("mean", "mean_low", "mean_high", "obs_low", "obs_high"):
            fit.prediction[c] = fit.prediction[c].clip(upper=cap)
    end = fit.at(GOAL_YEAR)
    fig = plots.trend_chart(fit, r.lang, title=name, ylabel=name, goal_year=GOAL_YEAR, goal=cap,
                            goal_label=t("statistics_township_total_implied", r.lang) if cap else None)
    names = (t("statistics_level_at_start", r.lang).format(origin=fit.origin), t("statistics_slope_per_year", r.lang))
    coef = estimates.coef_table(fit.results, names=names, lang=r.lang)
    text = _trend_sentence(fit, end, cap, r.lang)
    blocks = [r.say(name, name, 2, key=indicator)]
    if dropped:
        blocks.append(r.note(t("statistics_repeated_restated_figures_left", r.lang).format(figures=', '.join(dropped))))
    if indicator == "stations_township":
        if cap is not None:
            blocks.append(r.note(t("statistics_no_source_dataset_gives", r.lang).format(townships=number(cap, r.lang)), kind="gap",
                facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=cap_ids)))
        else:
            blocks.append(r.note(t("statistics_no_township_total_given", r.lang),
                                 kind="gap"))
    return blocks + [
            r.figure(fig, f"{name}: " + t("statistics_national_figures_linear_trend", r.lang), facts=facts),
            r.say(text, text),
            r.table(coef, t("statistics_ols_value_year", r.lang), facts=facts),
            r.table(estimates.fit_stats(fit.results, r.lang), t("statistics_ols_fit", r.lang))]


def coverage_goal(r: Report) -> list:
    """Coverage share against the goal of (basic) full coverage by 2025: only two points, so no model."""
    s, _ = _series(r, "coverage_township_pct")
    f = r.data.rows("facts", model_id="national", indicator="coverage_township_pct")
    goal = f[(f["model_id"] == "national") & (f["indicator"] == "coverage_township_pct") & (f["status"] == "target")]
    blocks = [r.say(*pair("statistics_coverage_against_goal"), 2)]
    for g in goal.itertuples():
        blocks.append(r.note((t("statistics_goal", r.lang).format(goal=g.value_text, year=g.as_of, source_id=g.source_id, quote=g.evidence))
                             + (f" — {g.note[:240]}" if g.note and r.lang == "en" else ""), kind="warn",
                             facts=goal[goal["fact_id"] == g.fact_id]))
    if len(s) >= 2:
        a, b = s.iloc[0], s.iloc[-1]
        per_year = (b["value"] - a["value"]) / (b["t"] - a["t"])
        reach = b["t"] + (100 - b["value"]) / per_year if per_year > 0 else None
        text = (t("statistics_between_two_dated_figures", r.lang).format(first_date=a['as_of'], first_value=a['value'], last_date=b['as_of'], last_value=b['value'], per_year=per_year, reach=reach))
        used = {x for fs in s["fact_id"] for x in fs.split("|")}
        blocks.append(r.note(text, kind="warn", facts=f[f["fact_id"].isin(used)]))
    return blocks


def _ratio_label(indicator: str, lang: str) -> str:
    return catalogue.derived_label(indicator, lang) or indicator


def ratios(r: Report, indicator: str = "workers_per_station") -> list:
    d = ranking.rankable(r.data.rows("derived", indicator=indicator), r.data.models, r.data.comparison)
    d = d[d["indicator"] == indicator]
    per_model = d.groupby("model_id")["value"].median()
    label = _ratio_label(indicator, r.lang)
    blocks = [r.say(*pair("statistics_across_models_label", label=label), 2, key=f"across-models-{indicator}")]
    if len(per_model) < 3:
        have = t("list_sep", r.lang).join(short_names(r)[list(per_model.index)]) or t("none", r.lang)
        return blocks + [r.note(t("statistics_fewer_than_3_models", r.lang).format(n=len(per_model), have=have),
                                kind="gap", facts=d if len(d) else None)]
    med, lo, hi = estimates.bootstrap_median(per_model.to_numpy())
    rlm = estimates.robust_mean(per_model.to_numpy())
    table = pd.DataFrame({
        t("model", r.lang): list(short_names(r)[list(per_model.index)]),
        t("value", r.lang): per_model.round(2).to_numpy(),
    })
    est = pd.DataFrame({
        t("statistics_estimate", r.lang): [t("statistics_median_bootstrap_95_ci", r.lang),
                                          t("statistics_huber_robust_mean_95", r.lang)],
        t("value", r.lang): [round(med, 2), round(float(rlm.params[0]), 2)],
        t("statistics_ci_low", r.lang): [round(lo, 2), round(float(rlm.conf_int()[0][0]), 2)],
        t("statistics_ci_high", r.lang): [round(hi, 2), round(float(rlm.conf_int()[0][1]), 2)],
        t("statistics_n_models", r.lang): [len(per_model)] * 2,
    })
    caveat = (t("statistics_only_ratios_each_models", r.lang).format(n_models=len(per_model)))
    if float(rlm.conf_int()[0][0]) < 0:
        caveat += (t("statistics_robust_means_interval_runs", r.lang))
    return blocks + [r.table(table, label, facts=d),
                     r.table(est, t("statistics_bootstrap_seed_20201_5000", r.lang)),
                     r.note(caveat, kind="warn")]




def ratio_spread(r: Report) -> list:
    """:func:`ratios` for every per-unit ratio with a ``statistics`` position in the catalogue
    (:data:`helpers.derived_indicators.DERIVED_INDICATORS`), in that order: an estimate where at least 3 models have it,
    else what n is."""
    blocks = []
    for indicator in catalogue.derived("statistics"):
        blocks += ratios(r, indicator)
    return blocks


def ratio_trend(r: Report, indicator: str = "workers_per_station") -> list:
    """The national series of a derived ratio (rankable rows only) and its linear trend when n ≥ 3."""
    d = ranking.rankable(r.data.rows("derived", model_id="national", indicator=indicator), r.data.models)
    d = d[(d["indicator"] == indicator) & (d["model_id"] == "national") & (d["as_of"] != "")]
    d = d.sort_values("as_of").drop_duplicates("as_of", keep="last")
    name = _ratio_label(indicator, r.lang)
    blocks = [r.say(t("statistics_name_china_over_time", r.lang).format(name=name),
                    t("statistics_name_china_over_time", r.lang).format(name=name), 2)]
    if len(d) < 3:
        return blocks + [r.note(t("statistics_only_dated_national", r.lang).format(n=len(d)),
                                kind="gap", facts=d if len(d) else None)]
    pts = pd.DataFrame({"t": [estimates.decimal_year(a) for a in d["as_of"]], "value": d["value"].to_numpy()})
    fit = estimates.linear_trend(pts, until=float(pts["t"].max()))
    names = (t("statistics_level_at_start", r.lang).format(origin=fit.origin), t("statistics_change_per_year", r.lang))
    table = pd.DataFrame({t("as_of", r.lang): list(d["as_of"]), t("value", r.lang): d["value"].round(2).to_numpy(),
                          t("qualifier", r.lang): list(d["qualifier"])})
    caveat = t("statistics_points_some_approximate", r.lang).format(n=len(d))
    return blocks + [r.table(table, name, facts=d),
                     r.table(estimates.coef_table(fit.results, names=names, lang=r.lang),
                             t("statistics_ols_ratio_year", r.lang), facts=d),
                     r.table(estimates.fit_stats(fit.results, r.lang), t("statistics_ols_fit", r.lang)),
                     r.note(caveat, kind="warn")]
