"""05 · Statistics, where they are honest with this data."""

from __future__ import annotations

import pandas as pd

from helpers.data.derived import SPECS
from helpers.pages import compare, estimates, plots
from helpers.pages.i18n import col, number, pick, t
from helpers.pages.report import Report
from helpers.pages.views.common import short_names

GOAL_YEAR = 2025.999  # end of the 14th Five-Year Plan, the national goal's date


def title(r: Report) -> list:
    return [r.say("统计分析(小样本)", "Statistics (small samples)", 1),
            r.say("这里的数据点很少(每条序列 2–10 个),且部分是下限(“余”)。线性趋势只用于说明方向和不确定性,"
                  "不用于精确预测;不做显著性检验的筛选。",
                  "The series here are short (2 to 10 points) and some points are lower bounds (余). Linear trends "
                  "show direction and uncertainty, not precise forecasts; no significance testing is fished for.")]


def _series(r: Report, indicator: str) -> tuple[pd.DataFrame, list[str]]:
    """The national series of ``indicator``: one observation per date (see :func:`helpers.pages.estimates.one_per_date`)."""
    f = r.data.facts
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


ONE_PER_DATE = ("每个日期只保留一个观测(重复数据去掉,同日不同来源取平均,年度存量按年底计)。",
                ("One observation per date (duplicates dropped, same-date sources averaged, year-only stocks placed "
                "at year end)."))


def _trend_sentence(fit, end, cap, lang: str) -> str:
    """What the trend says at the goal date, or when it meets the ``cap`` it cannot pass."""
    if cap is not None and end["mean"] >= cap - 1e-6:
        reach = float(fit.prediction.loc[fit.prediction["mean"] >= cap - 1e-6, "t"].min())
        return pick(f"按线性趋势外推,约在 {reach:.1f} 年达到推算的乡镇总数(约 {number(cap, 'zh')}),此后不可能再增加;"
                    "实际增长会在接近全覆盖时放缓,线性趋势不适合预测最后阶段。" + ONE_PER_DATE[0],
                    f"The linear trend reaches the implied township total (about {number(cap, 'en')}) around "
                    f"{reach:.1f}; stations cannot grow past it, and real growth slows near full coverage, so a "
                    "straight line cannot forecast the last stretch. " + ONE_PER_DATE[1], lang)
    return pick(f"按线性趋势外推,到2025年底约为 {number(end['mean'], 'zh')}(95% 预测区间 {number(end['obs_low'], 'zh')}–"
                f"{number(end['obs_high'], 'zh')})。" + ONE_PER_DATE[0] + "下限数据(▲)会让趋势偏低。",
                f"Extrapolating the linear trend gives about {number(end['mean'], 'en')} by the end of 2025 (95% "
                f"prediction interval {number(end['obs_low'], 'en')}–{number(end['obs_high'], 'en')}). "
                + ONE_PER_DATE[1] + " Lower-bound points (▲) pull the trend down.", lang)


def trend(r: Report, indicator: str, goal_indicator: str | None = None) -> list:
    s, dropped = _series(r, indicator)
    name = r.data.indicators.set_index("indicator").loc[indicator, col("label", r.lang)]
    facts = r.data.facts[r.data.facts["fact_id"].isin({x for fs in s["fact_id"] for x in fs.split("|")})]
    if len(s) < 3:
        return [r.note((pick(f"{name}: 只有 {len(s)} 个带日期的数字,不足以拟合趋势。",
                             f"{name}: only {len(s)} dated figure(s); too few to fit a trend.", r.lang)), kind="gap")]
    fit = estimates.linear_trend(s, until=GOAL_YEAR)
    cap, cap_ids = implied_townships(r) if indicator == "stations_township" else (None, [])
    if cap is not None:
        for c in ("mean", "mean_low", "mean_high", "obs_low", "obs_high"):
            fit.prediction[c] = fit.prediction[c].clip(upper=cap)
    end = fit.at(GOAL_YEAR)
    fig = plots.trend_chart(fit, r.lang, title=name, ylabel=name, goal_year=GOAL_YEAR, goal=cap,
                            goal_label=pick("乡镇(街道)总数(推算)", "township total (implied)", r.lang) if cap else None)
    names = pick((f"{fit.origin}年初水平", "每年增量"), (f"level at start of {fit.origin}", "slope (per year)"), r.lang)
    coef = estimates.coef_table(fit.results, names=names, lang=r.lang)
    text = _trend_sentence(fit, end, cap, r.lang)
    blocks = [r.say(name, name, 2, key=indicator)]
    if dropped:
        blocks.append(r.note(pick(f"未计入趋势的重复或重报数字: {', '.join(dropped)}",
                                  f"Repeated or restated figures left out of the trend: {', '.join(dropped)}", r.lang)))
    if indicator == "stations_township":
        if cap is not None:
            blocks.append(r.note(pick(
                f"数据集中没有全国乡镇(街道)总数的来源;由同一日期的站数除以覆盖率推算约为 {number(cap, 'zh')} 个。"
                "站数不可能超过乡镇数,因此预测值和区间在此封顶。",
                f"No source in the dataset gives China's number of townships and streets; same-date station counts "
                f"divided by coverage imply about {number(cap, 'en')}. Stations cannot outnumber townships, so the "
                "forecast and its interval are capped there.", r.lang), kind="gap",
                facts=r.data.facts[r.data.facts["fact_id"].isin(cap_ids)]))
        else:
            blocks.append(r.note(pick("没有乡镇总数,也无法由覆盖率推算,因此不给出站数预测的上限。",
                                      "No township total, given or implied: the forecast has no ceiling.", r.lang),
                                 kind="gap"))
    return blocks + [
            r.figure(fig, f"{name}: " + pick("全国数字、线性趋势与预测区间", "national figures, linear trend and "
                                             "prediction interval", r.lang), facts=facts),
            r.say(text, text),
            r.table(coef, pick("最小二乘回归: 数值 ~ 年份", "OLS: value ~ year", r.lang), facts=facts),
            r.table(estimates.fit_stats(fit.results, r.lang), pick("回归拟合", "OLS fit", r.lang))]


def coverage_goal(r: Report) -> list:
    """Coverage share against the goal of (basic) full coverage by 2025: only two points, so no model."""
    s, _ = _series(r, "coverage_township_pct")
    f = r.data.facts
    goal = f[(f["model_id"] == "national") & (f["indicator"] == "coverage_township_pct") & (f["status"] == "target")]
    blocks = [r.say("覆盖率与目标", "Coverage against the goal", 2)]
    for g in goal.itertuples():
        blocks.append(r.note((pick(f"目标: {g.value_text} (到 {g.as_of} 年,来源 {g.source_id}:“{g.evidence}”)",
                                   f"Goal: {g.value_text} by {g.as_of} (source {g.source_id}: “{g.evidence}”)", r.lang))
                             + (f" — {g.note[:240]}" if g.note and r.lang == "en" else ""), kind="warn",
                             facts=goal[goal["fact_id"] == g.fact_id]))
    if len(s) >= 2:
        a, b = s.iloc[0], s.iloc[-1]
        per_year = (b["value"] - a["value"]) / (b["t"] - a["t"])
        reach = b["t"] + (100 - b["value"]) / per_year if per_year > 0 else None
        text = (pick(f"两个时点({a['as_of']}: {a['value']:g}%,{b['as_of']}: {b['value']:g}%)之间每年约增加 {per_year:.0f} 个百分点;"
                f"若按此速度,约在 {reach:.1f} 年达到 100%。只有两个点,不拟合模型、不给区间。",
                f"Between the two dated figures ({a['as_of']}: {a['value']:g}%, {b['as_of']}: {b['value']:g}%) coverage "
                f"rose about {per_year:.0f} points a year; at that pace it would reach 100% around {reach:.1f}. With two "
                "points no model is fitted and no interval given.", r.lang))
        used = {x for fs in s["fact_id"] for x in fs.split("|")}
        blocks.append(r.note(text, kind="warn", facts=f[f["fact_id"].isin(used)]))
    return blocks


def _ratio_label(indicator: str, lang: str) -> str:
    spec = {s.indicator: s for s in SPECS}.get(indicator)
    return (spec.label_zh if lang == "zh" else spec.label_en) if spec else indicator


def ratios(r: Report, indicator: str = "workers_per_station") -> list:
    d = compare.rankable(r.data.derived, r.data.models, r.data.comparison)
    d = d[d["indicator"] == indicator]
    per_model = d.groupby("model_id")["value"].median()
    label = _ratio_label(indicator, r.lang)
    blocks = [r.say(f"跨模式比率:{label}", f"Across models: {label}", 2, key=f"across-models-{indicator}")]
    if len(per_model) < 3:
        have = t("list_sep", r.lang).join(short_names(r)[list(per_model.index)]) or t("none", r.lang)
        return blocks + [r.note(pick(f"少于3个模式有该比率(本地区、可排名的共 {len(per_model)} 个:{have}),n 太小,不做跨模式估计。",
                                     f"Fewer than 3 models have this ratio (for their own region and rankable: "
                                     f"{len(per_model)}: {have}); n is too small for a cross-model estimate.", r.lang),
                                kind="gap", facts=d if len(d) else None)]
    med, lo, hi = estimates.bootstrap_median(per_model.to_numpy())
    rlm = estimates.robust_mean(per_model.to_numpy())
    table = pd.DataFrame({
        t("model", r.lang): list(short_names(r)[list(per_model.index)]),
        t("value", r.lang): per_model.round(2).to_numpy(),
    })
    est = pd.DataFrame({
        pick("估计量", "estimate", r.lang): [pick("中位数(自助法95%区间)", "median (bootstrap 95% CI)", r.lang),
                                          pick("Huber稳健均值(95%区间)", "Huber robust mean (95% CI)", r.lang)],
        t("value", r.lang): [round(med, 2), round(float(rlm.params[0]), 2)],
        pick("区间下限", "CI low", r.lang): [round(lo, 2), round(float(rlm.conf_int()[0][0]), 2)],
        pick("区间上限", "CI high", r.lang): [round(hi, 2), round(float(rlm.conf_int()[0][1]), 2)],
        pick("模式数", "n models", r.lang): [len(per_model)] * 2,
    })
    caveat = (pick(f"只用各模式本地区(全省、全市……)的比率,县、市和站点的比率不计入;每个模式取其派生值的中位数,共 {len(per_model)} 个模式。样本极小,且各模式的年份、层级与口径不同;"
              "区间只反映这些模式之间的差异,不代表全国。",
              f"Only ratios for each model's own region count (no county, city or site ratios); each model "
              f"contributes the median of its derived values: {len(per_model)} models. The sample is tiny and "
              "the models differ in year, level and scope; the intervals describe spread among these models, not China.", r.lang))
    if float(rlm.conf_int()[0][0]) < 0:
        caveat += (pick(" 稳健均值的区间含负值:样本太小且离群值大,该区间不可作解释。",
                        " The robust mean's interval runs below zero: with so few models and a large outlier it "
                        "cannot be interpreted.", r.lang))
    return blocks + [r.table(table, label, facts=d),
                     r.table(est, pick("自助法(种子20201,重抽样5000次)与稳健回归(Huber)",
                                       "Bootstrap (seed 20201, 5000 resamples) and RLM(HuberT)", r.lang)),
                     r.note(caveat, kind="warn")]


# The per-resident, per-station, per-worker and per-yuan ratios the statistics report spreads across models.
SPREAD_RATIOS = ("workers_per_station", "workers_per_100k_residents", "workers_sites_per_100k_residents",
                 "coverage_rate", "funding_per_resident", "funding_per_station_derived", "person_times_per_worker",
                 "yuan_per_person_time")


def ratio_spread(r: Report) -> list:
    """:func:`ratios` for every per-unit ratio: an estimate where at least 3 models have it, else what n is."""
    blocks = []
    for indicator in SPREAD_RATIOS:
        blocks += ratios(r, indicator)
    return blocks


def ratio_trend(r: Report, indicator: str = "workers_per_station") -> list:
    """The national series of a derived ratio (rankable rows only) and its linear trend when n ≥ 3."""
    d = compare.rankable(r.data.derived, r.data.models)
    d = d[(d["indicator"] == indicator) & (d["model_id"] == "national") & (d["as_of"] != "")]
    d = d.sort_values("as_of").drop_duplicates("as_of", keep="last")
    name = _ratio_label(indicator, r.lang)
    blocks = [r.say(pick(f"全国{name}随时间的变化", f"{name} in China over time", r.lang),
                    pick(f"全国{name}随时间的变化", f"{name} in China over time", r.lang), 2)]
    if len(d) < 3:
        return blocks + [r.note(pick(f"只有 {len(d)} 个带日期的全国比率,n 太小,不拟合趋势。",
                                     f"Only {len(d)} dated national ratio(s): n is too small to fit a trend.", r.lang),
                                kind="gap", facts=d if len(d) else None)]
    pts = pd.DataFrame({"t": [estimates.decimal_year(a) for a in d["as_of"]], "value": d["value"].to_numpy()})
    fit = estimates.linear_trend(pts, until=float(pts["t"].max()))
    names = pick((f"{fit.origin}年初水平", "每年变化"), (f"level at start of {fit.origin}", "change per year"), r.lang)
    table = pd.DataFrame({t("as_of", r.lang): list(d["as_of"]), t("value", r.lang): d["value"].round(2).to_numpy(),
                          t("qualifier", r.lang): list(d["qualifier"])})
    caveat = pick(f"共 {len(d)} 个点,部分为约数或下限;斜率的区间很宽时只能说明方向不明。",
                  f"{len(d)} points, some approximate or lower bounds; where the slope's interval spans zero the "
                  "direction is not known.", r.lang)
    return blocks + [r.table(table, name, facts=d),
                     r.table(estimates.coef_table(fit.results, names=names, lang=r.lang),
                             pick("最小二乘回归: 比率 ~ 年份", "OLS: ratio ~ year", r.lang), facts=d),
                     r.table(estimates.fit_stats(fit.results, r.lang), pick("回归拟合", "OLS fit", r.lang)),
                     r.note(caveat, kind="warn")]
