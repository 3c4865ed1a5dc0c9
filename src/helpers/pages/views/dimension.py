"""02 · Dimension comparison: every model side by side on staffing, funding or outputs."""

from __future__ import annotations

from helpers.pages import catalogue, compare, conclusions
from helpers.pages.i18n import pair, t
from helpers.pages.report import Report
from helpers.pages.views.common import (
    derived_chart,
    dimension_name,
    figures_table,
    indicator_chart,
    label,
    level_rows_table,
    standards_table,
)

# The ratios a dimension's page charts and sets level beside level are the derived ratios of that dimension with
# ``dimension_page`` in the catalogue (helpers.derived_indicators.DERIVED_INDICATORS); the coded figures it sets level
# beside level, those of its dimension with ``station_level`` in indicators.csv (helpers.pages.catalogue).


def title(r: Report) -> list:
    dimension = r.dimension
    name = dimension_name(dimension, r.lang)
    return [r.say(*pair("dimension_comparison_dimension_name", name=name), 1),
            r.say(*pair("dimension_first_each_models_figure"))]


def conclusion(r: Report) -> list:
    """The generated paragraph that leads the page: which models compare on which ratio, at which level, and
    which cannot and why (:mod:`helpers.pages.conclusions`)."""
    dimension = r.dimension
    c = r.data.query(conclusions.paragraph, dimension, r.lang)
    used = r.data.rows("derived", derived_id=c.derived_ids)
    return [r.say(*pair("dimension_what_data_can_answer"), 2),
            r.notes(c.sentences, kind="warn", facts=used if len(used) else None)]


def level_matched(r: Report) -> list:
    """The dimension's ratios (and its coded per-station figures) set level beside level: only levels at
    which two or more models have a figure; standards labelled as required, figures as found."""
    dimension = r.dimension
    wanted = (catalogue.derived("dimension_page", dimension)
              + catalogue.coded(r.data.indicators, "station_level", dimension))
    lc = r.data.rows("level_comparison", indicator=wanted)
    lc = lc[lc["indicator"].isin(wanted) & lc["status"].isin(["reported", "standard"])]
    shared = lc.groupby(["indicator", "level"])["model_id"].transform("nunique") >= 2
    rows = lc[shared]
    blocks = [r.say(*pair("dimension_level_matched_comparison"), 2)]
    if rows.empty:
        return blocks + [r.note(t("dimension_at_no_level_do", r.lang), kind="gap")]
    facts = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, fact_id={x for s in rows["fact_ids"] for x in s.split("|") if x})
    return blocks + [r.note(t("sample_not_region", r.lang), kind="warn"),
                     r.table(level_rows_table(r, rows), t("dimension_models_figures_at_same", r.lang), facts=facts)]


def indicators_of(r: Report, dimension: str, minimum_models: int = 2) -> list[str]:
    """Indicators of ``dimension`` for which at least ``minimum_models`` models have a figure for their own
    region (from comparison.csv), most widely reported first."""
    c = r.data.comparison
    c = c[(c["dimension"] == dimension) & (c["fact_id"] != "") & (c["status"] == "reported")]
    counts = c.groupby("indicator")["model_id"].nunique().sort_values(ascending=False, kind="stable")
    return [i for i, n in counts.items() if n >= minimum_models]


def raw(r: Report) -> list:
    dimension = r.dimension
    blocks = [r.say(*pair("dimension_raw_figures"), 2)]
    for ind in indicators_of(r, dimension):
        blocks += indicator_chart(r, ind)
    return blocks + standards_table(r, dimension)


def normalised(r: Report) -> list:
    dimension = r.dimension
    blocks = [r.say(*pair("dimension_normalised_comparison"), 2)]
    for ind in catalogue.derived("dimension_page", dimension):
        blocks += derived_chart(r, ind)
    if len(blocks) == 1:
        blocks.append(r.note(t("dimension_data_do_not_yet", r.lang), kind="gap"))
    return blocks


def all_figures(r: Report) -> list:
    dimension = r.dimension
    f = r.data.rows("facts", compare.SHOWN_FACT_COLUMNS, dimension=dimension).sort_values(["model_id", "indicator", "as_of"])
    shared = set(indicators_of(r, dimension))
    single = [i for i in f["indicator"].unique() if i not in shared]
    note = r.note((t("dimension_indicators_own_region_figure", r.lang))
                  + t("list_sep", r.lang).join(sorted(label(r, i) for i in single)),
                  kind="gap") if single else None
    blocks = [r.say(*pair("dimension_all_figures"), 2)]
    if note:
        blocks.append(note)
    blocks.append(figures_table(r, f, f"{dimension_name(dimension, r.lang)}: {len(f)} {t('facts', r.lang)}",
                                columns=("place", "indicator_name", "figure", "counts", "coverage", "period",
                                         "source_id"), long=True,
                                sort_keys={t("figure", r.lang): list(f["value"])}))
    return blocks
