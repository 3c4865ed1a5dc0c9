"""06 · Data quality and sources: what is there, what is lost, what conflicts, where it came from."""

from __future__ import annotations

import pandas as pd

from helpers.pages import compare, daggers, plots, quality
from helpers.pages.i18n import WORDS, col, indicator_labels, pair, t, term
from helpers.pages.report import Report
from helpers.pages.views.common import label as term_label
from helpers.pages.views.common import short_names
from helpers.vocabulary import RELIABILITIES


def title(r: Report) -> list:
    n = r.data.query(quality.counts)
    return [r.say(*pair("dataquality_data_quality_sources"), 1),
            r.say(*pair("dataquality_dataset_holds", n_figures=n["figures"], n_sources=len(r.data.sources), n_models=len(r.data.models), n_missing=n["missing"]))]


def _heatmap(r: Report, matrix, words: str, **style) -> list:
    """A heading and a heatmap figure citing every source (these views summarise the whole dataset); its heading,
    title and caption are the i18n words ``<words>_heading``, ``<words>_title`` and ``<words>_caption``."""
    fig = plots.heatmap(matrix, title=t(f"{words}_title", r.lang), **style)
    return [r.say(*pair(f"{words}_heading"), 2), r.figure(fig, t(f"{words}_caption", r.lang),
                                                         source_ids=r.data.query(quality.cited_sources), data=matrix)]


def coverage(r: Report) -> list:
    return _heatmap(r, r.data.query(quality.dimension_matrix, r.lang), "dataquality_coverage")


def lost(r: Report) -> list:
    f = quality.missing(r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, status="missing"))
    table = compare.fact_table(f, r.lang, columns=("model_name", "indicator_name", "value_text", "evidence",
                                                   "source_id"))
    return [r.say(*pair("dataquality_figures_lost_source"), 2),
            r.say(*pair("dataquality_only_measure_word_survives")),
            r.table(table, f"{len(f)} " + t("missing_rows", r.lang), facts=f, long=True)]


def qualifiers(r: Report) -> list:
    mix = r.data.query(quality.qualifier_shares, r.lang)
    names = short_names(r)
    mix.index = [names[i] for i in mix.index]
    return _heatmap(r, mix, "dataquality_qualifiers", fmt=".0%", cmap="Oranges")


def conflicts(r: Report) -> list:
    c = r.data.query(quality.conflict_pairs)
    ids = set(c["a"]) | {b for b in c["b"] if not b.startswith("regions:")}
    shown = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=ids)
    facts = compare.with_labels(shown, r.lang).set_index("fact_id")
    regions = r.data.regions.set_index("region_code")
    labels = indicator_labels(r.data.indicators, r.lang)

    def side(fid, value, as_of, source):
        if fid.startswith("regions:"):
            return t("dataquality_value_townships_as_source", r.lang).format(value=value, as_of=as_of, source=source)
        f = facts.loc[fid]
        return f"{f['figure']} ({f['as_of'] or t('undated', r.lang)}; {f['counts']}) [{f['source_id']}]"

    why = {"marked": t("dataquality_marked_coder_as_conflicting", r.lang),
           "same_date": t("dataquality_same_indicator_place_coverage", r.lang)}
    table = pd.DataFrame({
        t("indicator", r.lang): [labels.get(i, i) for i in c["indicator"]],
        t("region", r.lang): [regions.loc[x, col("name", r.lang)] if x in regions.index else x for x in c["region_code"]],
        "A": [side(a, v, d, s) for a, v, d, s in zip(c["a"], c["a_value"], c["a_as_of"], c["a_source"])],
        "B": [side(b, v, d, s) for b, v, d, s in zip(c["b"], c["b_value"], c["b_as_of"], c["b_source"])],
        t("dataquality_why_listed", r.lang): [why[w] for w in c["why"]],
    })
    src = {s for s in c["b_source"] if s}
    return [r.say(*pair("dataquality_conflicting_sources"), 2),
            r.say(*pair("dataquality_real_conflicts_only_rows")),
            r.table(table, t("dataquality_conflicting_pairs", r.lang).format(n=len(c)), facts=shown, source_ids=src)]


def source_list(r: Report) -> list:
    s = r.data.sources.sort_values("source_id")
    counts = r.data.query(quality.facts_per_source)
    table = pd.DataFrame({
        t("dataquality_id", r.lang): s["source_id"], t("source", r.lang): s["title"], t("outlet", r.lang): s["outlet"],
        t("published", r.lang): s["published"], t("url", r.lang): s["url"],
        t("facts", r.lang): [int(counts.get(x, 0)) for x in s["source_id"]],
    })
    return [r.say(*pair("dataquality_all_sources"), 2),
            r.table(table, f"{len(s)}", source_ids=s["source_id"], long=True)]


def reliability(r: Report) -> list:
    """Headline cells (comparison.csv rows holding a figure) counted by their source's reliability, per model, and
    the cells resting on a mirror or a page of unknown origin listed (marked † in every report)."""
    c = r.data.comparison[r.data.comparison["fact_id"] != ""]
    names = short_names(r)
    counts = pd.crosstab(c["model_id"], c["reliability"]).reindex(
        index=r.data.models["model_id"], columns=list(RELIABILITIES), fill_value=0)
    table = pd.DataFrame({t("model", r.lang): [names[m] for m in counts.index]})
    for value in RELIABILITIES:
        table[term(RELIABILITIES, value, r.lang)] = list(counts[value])
    table[t("total", r.lang)] = list(counts.sum(axis=1))
    doubtful = c[c["reliability"].isin(daggers.DAGGER)]
    facts = compare.with_labels(r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=doubtful["fact_id"]), r.lang)
    labels = indicator_labels(r.data.indicators, r.lang)
    listed = pd.DataFrame({
        t("model", r.lang): [names[m] for m in facts["model_id"]],
        t("indicator", r.lang): [labels.get(i, i) for i in facts["indicator"]],
        t("figure", r.lang): facts["figure"], t("as_of", r.lang): facts["as_of"],
        t("reliability", r.lang): [term(RELIABILITIES, x, r.lang) for x in facts["source_reliability"]],
        t("source", r.lang): facts["source_id"]})
    blocks = [r.say(*WORDS["reliability_heading"], 2), r.say(*WORDS["reliability_intro"]),
              r.table(table, t("reliability_caption", r.lang), facts=c, long=False)]
    if len(listed):
        blocks.append(r.table(listed.reset_index(drop=True), t("doubtful_caption", r.lang), facts=facts))
    return blocks


def consistency(r: Report) -> list:
    """Models whose headline stations ÷ coverage do not give their township count (comparison.csv's consistency):
    the figures, the township count and what the reports say beside the cells."""
    found = r.data.query(compare.consistency_texts, r.lang)
    blocks = [r.say(*WORDS["consistency_heading"], 2), r.say(*WORDS["consistency_intro"])]
    if not found:
        return blocks + [r.note(t("consistency_none", r.lang), kind="gap")]
    comp = r.data.comparison[r.data.comparison["consistency"] != ""]
    names = short_names(r)
    rows = []
    for m in found:
        mine = comp[comp["model_id"] == m].set_index("indicator")
        shown = {i: r.data.query(compare.model_rows, i, r.lang, [m]).table.iloc[0] for i in mine.index}
        rows.append({t("model", r.lang): names[m],
                     **{term_label(r, i): compare.cell_text({**shown[i], "consistency_text": ""}, r.lang)
                        for i in mine.index},
                     t("note", r.lang): found[m]})
    ids = list(comp["fact_id"])
    return blocks + [r.table(pd.DataFrame(rows), t("consistency_caption", r.lang).format(n=len(rows)),
                             facts=r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id=ids))]
