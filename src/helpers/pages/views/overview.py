"""01 · Overview: the landscape of all models."""

from __future__ import annotations

import pandas as pd

from helpers.pages import compare, plots
from helpers.pages.i18n import col, pick
from helpers.pages.report import Report
from helpers.pages.views.common import indicator_chart, model_source_ids, short_names


def title(r: Report) -> list:
    return [r.say("乡镇(街道)社工站模式总览", "Township social work station models: an overview", 1),
            r.say("本报告比较各地社工站模式的运营方式、层级、启动时间与覆盖情况,并列出每个模式的核心数字。"
                  "每个数字都注明来源与原文;下限、约数、区间与目标以不同样式显示,原文缺失的数字标为缺口。",
                  "This report compares the regional models of township social work stations by operating mode, "
                  "level, launch and coverage, with each model's headline figures. Every figure cites its source "
                  "and quote; lower bounds, approximations, ranges and targets are drawn differently, and figures "
                  "lost in the source are shown as gaps.")]


def typology(r: Report) -> list:
    shown = compare.typology(r.data, r.lang)
    ids = model_source_ids(r)
    return [r.say("模式类型", "Typology", 2),
            r.table(shown.table, pick("各模式的运营方式、层级与框架", "Operating mode, level and framework of each model",
                                      r.lang),
                    facts=shown.facts(r.data.facts), source_ids=ids)]


def timeline_events(r: Report) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Launch years (models.csv), full-coverage claims and coverage targets (facts), per model."""
    names = short_names(r)
    events, used = [], []
    for m in r.data.models.itertuples():
        if not pd.isna(m.launch_year):
            events.append({"label": names[m.model_id], "year": int(m.launch_year), "kind": "launch", "text": ""})
    f = r.data.facts
    own = r.data.models.set_index("model_id")["region_code"]
    cov = f[(f["indicator"] == "coverage_township_pct") & f["year"].notna() & (f["value"] >= 100)
            & f["status"].isin(["reported", "target"])  # a standard is a norm, not a claim nor a goal
            & (f["duplicate_of"] == "") & (f["region_code"] == f["model_id"].map(own))
            & f["scope"].isin(["whole", "programme"])]
    for row in cov.itertuples():
        kind = "target" if row.status == "target" else "coverage"
        events.append({"label": names[row.model_id], "year": int(row.year), "kind": kind, "text": ""})
        used.append(row.fact_id)
    ev = pd.DataFrame(events).drop_duplicates()
    return ev, f[f["fact_id"].isin(used)]


def timeline(r: Report) -> list:
    ev, facts = timeline_events(r)
    if ev.empty:
        return []
    fig = plots.timeline(ev, r.lang, title=pick("启动与全覆盖时间线", "Launch and coverage timeline", r.lang))
    ids = model_source_ids(r)
    no_year = r.data.models[r.data.models["launch_year"].isna()][col("short", r.lang)]
    blocks = [r.say("时间线", "Timeline", 2),
              r.figure(fig, pick("各模式启动年份、宣布全覆盖年份与覆盖目标年份",
                                 "Launch year, year full coverage was claimed, and coverage target year of each model",
                                 r.lang),
                       facts=facts, source_ids=ids)]
    if len(no_year):
        blocks.append(r.note((pick("来源未给出启动年份: ", "No source gives a launch year for: ", r.lang))
                             + ", ".join(no_year), kind="gap"))
    return blocks


def headline(r: Report) -> list:
    shown = compare.headline(r.data, r.lang)
    return [r.say("核心数字", "Headline figures", 2),
            r.say("每格为该模式本地区(全国、全省、全市……)覆盖全域或整个项目的数字(≥ 为下限,≈ 为约数);"
                  "没有这样的数字时写明缺口,县、市或站点的数字不计入。",
                  "Each cell is the model's figure for its own region (country, province, city ...) covering the "
                  "whole place or the whole programme (≥ lower bound, ≈ approximate); where there is none the cell "
                  "states the gap; figures for a county, city or site inside the region are not used."),
            r.table(shown.table, pick("各模式核心数字", "Headline figures by model", r.lang),
                    facts=shown.facts(r.data.facts))]


def stations(r: Report) -> list:
    return [r.say("社工站数量", "Number of stations", 2), *indicator_chart(r, "stations_township")]
