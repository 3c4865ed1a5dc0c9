"""07 · Provinces: the provincial panel — what each province-level model reports, on province-wide figures only."""

from __future__ import annotations

from helpers.pages import compare, panel, plots
from helpers.pages.i18n import col, pick, t
from helpers.pages.report import Report
from helpers.pages.views.common import label, short_names

SMALL_MULTIPLES = ("stations_township", "coverage_township_pct", "social_workers_stationed", "service_person_times")


def title(r: Report) -> list:
    n = len(panel.province_models(r.data))
    return [r.say("省级面板:各省如何建设社工站", "The provincial panel: how each province built its stations", 1),
            r.say(f"本报告并列 {n} 个省级模式。面板只收全省数字(覆盖全省或全省项目);市、县和站点的数字在最后按省列出,"
                  "不进入面板、不参与比较。没有全省数字的格子写明“未找到”。",
                  f"This report sets {n} province-level models side by side. The panel holds province-wide figures only "
                  "(the whole province or the province's whole programme); city, county and site figures are listed "
                  "per province at the end and never enter the panel. A cell without a province-wide figure says so.")]


def province_map(r: Report) -> list:
    """The map: provinces coloured by what is known for ``indicator``; models' own cities and counties outlined."""
    indicator = r.indicator
    from helpers.pages import maps

    values = panel.map_values(r.data, indicator, r.lang)
    outlines = r.data.models[r.data.models["level"].isin(["prefecture", "county"])]
    outlines = outlines.assign(label=outlines[col("short", r.lang)])[["region_code", "label", "operating_mode"]]
    name = label(r, indicator)
    known = values[values["category"] != ""].copy()
    known["category"] = known["category"].cat.remove_categories([""])
    known["label"] = compare.dagger_labels(known["fact_id"], r.data.facts)  # † in the province
    fig = maps.province_map(known[["region_code", "category", "qualifier", "label"]], outlines, lang=r.lang,
                            title=name, legend_title=pick("全省数字", "Province-wide figure", r.lang))
    facts = r.data.facts[r.data.facts["fact_id"].isin([x for x in values["fact_id"] if x])]
    return [r.say("地图", "Map", 2),
            r.figure(fig, pick(f"{name}:各省全省数字(灰色为未找到);轮廓为以市、县为单位的模式",
                               f"{name}: each province's province-wide figure (grey: none found); outlines mark "
                               "models based in a city or county", r.lang), facts=facts)]


def panel_table(r: Report) -> list:
    shown = panel.panel_table(r.data, r.lang)
    return [r.say("面板", "Panel", 2),
            r.table(shown.table, pick("各省级模式的全省数字", "Province-wide figures of each province-level model",
                                      r.lang), facts=shown.facts(r.data.facts))]


def small_multiples(r: Report) -> list:
    ids = list(panel.province_models(r.data)["model_id"])
    inds = [i for i in SMALL_MULTIPLES if i in set(r.data.indicators["indicator"])]
    names = short_names(r)
    import matplotlib.pyplot as plt

    cited = []
    with plots.theme():
        fig, axes = plt.subplots(len(inds), 1, figsize=(8.5, len(inds) * (0.32 * len(ids) + 1.3)))
        for ax, ind in zip(list(axes) if len(inds) > 1 else [axes], inds):
            shown = compare.model_rows(r.data, ind, r.lang, ids)
            rows = shown.table.assign(label=[names[m] for m in shown.table["model_id"]],
                                      gap_text=t("not_found", r.lang))  # the panel table above says why
            plots.qualified_bars(rows, "label", r.lang, title=label(r, ind), ax=ax)
            cited += shown.fact_ids
        fig.tight_layout(h_pad=3.0)
    return [r.figure(fig, pick("小多图:各省全省数字(灰色“未找到”的原因见上表)", "Small multiples: province-wide "
                               "figures (for why a province shows 'not found', see the table above)", r.lang),
                     facts=r.data.facts[r.data.facts["fact_id"].isin(cited)])]


def knowledge(r: Report) -> list:
    m = panel.knowledge_matrix(r.data, r.lang)
    fig = plots.heatmap(m, title=pick("已知什么:各省各维度有全省数字的指标数", "Where we know what: indicators with a "
                                      "province-wide figure", r.lang))
    empty = [name for name, row in m.iterrows() if row.sum() == 0]
    blocks = [r.say("已知与未知", "Where we know what", 2),
              r.figure(fig, pick("0 表示该维度没有任何全省数字", "0 means no province-wide figure on that dimension",
                                 r.lang), source_ids=r.data.sources["source_id"], data=m)]
    if empty:
        blocks.append(r.note(pick("以下省级模式没有任何全省数字:", "No province-wide figure at all for: ", r.lang)
                             + t("list_sep", r.lang).join(empty), kind="gap"))
    return blocks


def local(r: Report) -> list:
    shown = panel.local_figures(r.data, r.lang)
    if shown.table.empty:
        return []
    return [r.say("市、县与站点的数字(不进入面板)", "City, county and site figures (not in the panel)", 2),
            r.table(compare.local_table(shown, r.lang), pick("地方证据,按省列出", "Local evidence, by province", r.lang),
                    facts=shown.facts(r.data.facts))]
