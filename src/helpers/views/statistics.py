"""05 · Statistics, where they are honest with this data."""

from __future__ import annotations

import pandas as pd

from .. import plots, stats
from ..i18n import number, t

GOAL_YEAR = 2025.999  # end of the 14th Five-Year Plan, the national goal's date


def title(r) -> list:
    return [r.say("统计分析(小样本)", "Statistics (small samples)", 1),
            r.say("这里的数据点很少(每条序列 2–10 个),且部分是下限(“余”)。线性趋势只用于说明方向和不确定性,"
                  "不用于精确预测;不做显著性检验的筛选。",
                  "The series here are short (2 to 10 points) and some points are lower bounds (余). Linear trends "
                  "show direction and uncertainty, not precise forecasts; no significance testing is fished for.")]


def _series(r, indicator: str) -> pd.DataFrame:
    f = r.data.facts
    s = f[(f["model_id"] == "national") & (f["indicator"] == indicator) & (f["status"] == "reported")
          & (f["as_of"] != "") & f["value"].notna()].copy()
    s["t"] = s["as_of"].map(stats.decimal_year)
    return s.sort_values(["t", "fact_id"])


def trend(r, indicator: str, goal_indicator: str | None = None) -> list:
    s = _series(r, indicator)
    name = r.data.indicators.set_index("indicator").loc[indicator, "label_zh" if r.lang == "zh" else "label_en"]
    if len(s) < 3:
        return [r.note((f"{name}: 只有 {len(s)} 个带日期的数字,不足以拟合趋势。" if r.lang == "zh"
                        else f"{name}: only {len(s)} dated figure(s); too few to fit a trend."), kind="gap")]
    fit = stats.linear_trend(s, until=GOAL_YEAR)
    end = fit.at(GOAL_YEAR)
    fig = plots.trend_chart(fit, r.lang, title=name, ylabel=name, goal_year=GOAL_YEAR)
    coef = stats.coef_table(fit.results, names=(f"level at start of {fit.origin}", "slope (per year)"))
    text = (f"按线性趋势外推,到2025年底约为 {number(end['mean'], 'zh')}(95% 预测区间 {number(end['obs_low'], 'zh')}–"
            f"{number(end['obs_high'], 'zh')})。下限数据(▲)会让趋势偏低;同一时点的重复数据都保留。"
            if r.lang == "zh" else
            f"Extrapolating the linear trend gives about {number(end['mean'], 'en')} by the end of 2025 (95% prediction "
            f"interval {number(end['obs_low'], 'en')}–{number(end['obs_high'], 'en')}). Lower-bound points (▲) pull the "
            "trend down; repeated figures for the same date are all kept.")
    blocks = [r.say(name, name, 2)]
    if indicator == "stations_township":
        blocks.append(r.note("数据集中没有全国乡镇(街道)总数的来源,因此站点数无法换算为覆盖率,也不能直接与“基本全覆盖”目标"
                             "比较;覆盖率见下一节。" if r.lang == "zh" else
                             "No source in the dataset gives China's total number of townships and streets, so station "
                             "counts cannot be turned into a coverage share or set against the 'basic full coverage' "
                             "goal directly; see the coverage section below.", kind="gap"))
    return blocks + [
            r.figure(fig, f"{name}: " + ("全国数字、线性趋势与预测区间" if r.lang == "zh"
                                         else "national figures, linear trend and prediction interval"), facts=s),
            r.say(text, text),
            r.table(coef, "OLS: value ~ year", facts=s), r.table(stats.fit_stats(fit.results), "OLS fit")]


def coverage_goal(r) -> list:
    """Coverage share against the goal of (basic) full coverage by 2025: only two points, so no model."""
    s = _series(r, "coverage_township_pct")
    f = r.data.facts
    goal = f[(f["model_id"] == "national") & (f["indicator"] == "coverage_township_pct") & (f["status"] == "target")]
    blocks = [r.say("覆盖率与目标", "Coverage against the goal", 2)]
    for g in goal.itertuples():
        blocks.append(r.note((f"目标: {g.value_text} (到 {g.as_of} 年,来源 {g.source_id}:“{g.evidence}”)" if r.lang == "zh"
                              else f"Goal: {g.value_text} by {g.as_of} (source {g.source_id}: “{g.evidence}”)")
                             + (f" — {g.note[:240]}" if g.note else ""), kind="warn"))
    if len(s) >= 2:
        a, b = s.iloc[0], s.iloc[-1]
        per_year = (b["value"] - a["value"]) / (b["t"] - a["t"])
        reach = b["t"] + (100 - b["value"]) / per_year if per_year > 0 else None
        text = (f"两个时点({a['as_of']}: {a['value']:g}%,{b['as_of']}: {b['value']:g}%)之间每年约增加 {per_year:.0f} 个百分点;"
                f"若按此速度,约在 {reach:.1f} 年达到 100%。只有两个点,不拟合模型、不给区间。"
                if r.lang == "zh" else
                f"Between the two dated figures ({a['as_of']}: {a['value']:g}%, {b['as_of']}: {b['value']:g}%) coverage "
                f"rose about {per_year:.0f} points a year; at that pace it would reach 100% around {reach:.1f}. With two "
                "points no model is fitted and no interval given.")
        blocks.append(r.note(text, kind="warn"))
        r.cite(s)
    r.cite(goal)
    return blocks


def ratios(r, indicator: str = "workers_per_station") -> list:
    d = r.data.derived[r.data.derived["indicator"] == indicator]
    per_model = d.groupby("model_id")["value"].median()
    label = d["label_zh" if r.lang == "zh" else "label_en"].iloc[0] if len(d) else indicator
    blocks = [r.say(f"跨模式比率:{label}", f"Across models: {label}", 2)]
    if len(per_model) < 3:
        return blocks + [r.note("少于3个模式有该比率,不做跨模式估计。" if r.lang == "zh"
                                else "Fewer than 3 models have this ratio; no cross-model estimate.", kind="gap")]
    med, lo, hi = stats.bootstrap_median(per_model.to_numpy())
    rlm = stats.robust_mean(per_model.to_numpy())
    table = pd.DataFrame({
        t("model", r.lang): [r.data.models.set_index("model_id").loc[m, "short_zh" if r.lang == "zh" else "short_en"]
                             for m in per_model.index],
        t("value", r.lang): per_model.round(2).to_numpy(),
    })
    est = pd.DataFrame({
        "estimate": ["median (bootstrap 95% CI)", "Huber robust mean (95% CI)"],
        "value": [round(med, 2), round(float(rlm.params[0]), 2)],
        "CI low": [round(lo, 2), round(float(rlm.conf_int()[0][0]), 2)],
        "CI high": [round(hi, 2), round(float(rlm.conf_int()[0][1]), 2)],
        "n models": [len(per_model)] * 2,
    })
    caveat = (f"每个模式取其派生值的中位数,共 {len(per_model)} 个模式。样本极小,且各模式的年份、层级与口径不同;"
              "区间只反映这些模式之间的差异,不代表全国。"
              if r.lang == "zh" else
              f"Each model contributes the median of its derived values: {len(per_model)} models. The sample is tiny and "
              "the models differ in year, level and scope; the intervals describe spread among these models, not China.")
    if float(rlm.conf_int()[0][0]) < 0:
        caveat += (" 稳健均值的区间含负值:样本太小且离群值大,该区间不可作解释。" if r.lang == "zh"
                   else " The robust mean's interval runs below zero: with so few models and a large outlier it "
                        "cannot be interpreted.")
    return blocks + [r.table(table, label, facts=d),
                     r.table(est, "Bootstrap (seed 20201, 5000 resamples) and RLM(HuberT)"),
                     r.note(caveat, kind="warn")]
