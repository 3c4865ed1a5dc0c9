"""04 · Model profile: one model, its figures by dimension, and where it sits among the others."""

from __future__ import annotations

import pandas as pd

from .. import compare, plots
from ..i18n import LEVELS, MODES, t, term, tiers
from .common import dimension_name


def title(r, model_id: str) -> list:
    m = r.data.models.set_index("model_id").loc[model_id]
    info = pd.DataFrame({
        t("summary", r.lang): [t("level", r.lang), t("launch_year", r.lang), t("operating_mode", r.lang),
                               t("tiers", r.lang), t("framework", r.lang), t("region", r.lang)],
        t("value", r.lang): [term(LEVELS, m["level"], r.lang),
                             "—" if pd.isna(m["launch_year"]) else str(int(m["launch_year"])),
                             term(MODES, m["operating_mode"], r.lang), tiers(m["tiers"], r.lang),
                             m["framework"] or "—", m["region_code"]],
    })
    name = m["name_zh"] if r.lang == "zh" else m["name_en"]
    return [r.say(f"模式档案:{name}", f"Model profile: {name}", 1),
            r.say(m["summary_zh"], m["summary_en"]),
            r.table(info, name, source_ids=m["source_ids"].split("|"))]


def figures(r, model_id: str) -> list:
    f = r.data.facts[r.data.facts["model_id"] == model_id]
    blocks = [r.say("各维度数字", "Figures by dimension", 2)]
    for dim in ("coverage", "staffing", "funding", "outputs", "targets"):
        sub = f[f["dimension"] == dim].sort_values(["indicator", "as_of", "fact_id"])
        if sub.empty:
            blocks.append(r.note(f"{dimension_name(dim, r.lang)}: " + ("来源中没有该维度的数字。" if r.lang == "zh"
                                 else "no figure in the sources."), kind="gap"))
            continue
        table = compare.fact_table(sub, r.lang, columns=("region_name", "indicator_name", "figure", "as_of", "period",
                                                         "scope", "source_id"))
        blocks.append(r.table(table, f"{dimension_name(dim, r.lang)} ({len(sub)})", facts=sub))
    lost = f[f["status"] == "missing"]
    if len(lost):
        blocks.append(r.note((f"{len(lost)} 个数字在原文中缺失(数字被删),记录为缺口而非猜测。" if r.lang == "zh"
                              else f"{len(lost)} figure(s) lost their digits in the source; recorded as gaps, not guessed."),
                             kind="gap"))
    return blocks


def position(r, model_id: str) -> list:
    """Where the model sits: for each headline indicator it reports, all models' latest figures."""
    blocks = [r.say("与其他模式比较", "Against the other models", 2)]
    me = r.data.models.set_index("model_id").loc[model_id, "short_zh" if r.lang == "zh" else "short_en"]
    shown = 0
    for ind in ("stations_township", "social_workers_stationed", "service_person_times", "funding_total"):
        rows = compare.latest(r.data.facts, ind, r.data.models)
        if model_id not in set(rows["model_id"]) or len(rows) < 2:
            continue
        rows = compare.bar_rows(rows, r.lang)
        name = r.data.indicators.set_index("indicator").loc[ind, "label_zh" if r.lang == "zh" else "label_en"]
        fig = plots.highlight_bars(rows, "label", [x for x in rows["label"] if x.startswith(me)], r.lang, title=name)
        blocks.append(r.figure(fig, f"{name}: {me}" + (" 以橙色标出" if r.lang == "zh" else " highlighted in orange"),
                               facts=rows))
        shown += 1
    d = r.data.derived[r.data.derived["model_id"] == model_id]
    for ind in sorted(set(d["indicator"])):
        all_d = r.data.derived[r.data.derived["indicator"] == ind]
        per_model = all_d.groupby("model_id")["value"].median()
        rank = int((per_model > per_model[model_id]).sum()) + 1
        label = all_d["label_zh" if r.lang == "zh" else "label_en"].iloc[0]
        blocks.append(r.note((f"{label}: 在 {len(per_model)} 个有数据的模式中排第 {rank}(按中位数)。" if r.lang == "zh"
                              else f"{label}: rank {rank} of {len(per_model)} models with data (by median)."), kind="warn"))
        r.cite_derived(d[d["indicator"] == ind])
        shown += 1
    if not shown:
        blocks.append(r.note("该模式没有可与其他模式直接比较的数字。" if r.lang == "zh"
                             else "This model has no figure directly comparable with other models.", kind="gap"))
    return blocks
