"""Derived ratios as a reader sees them: the table with their lineage, and which may be ranked across models.

>>> from helpers.data import load                                            # doctest: +SKIP
>>> t = load.tables()                                                      # doctest: +SKIP
>>> rankable(t.derived, t.models, t.comparison)                            # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from helpers.pages import catalogue
from helpers.pages.compare import homes
from helpers.pages.daggers import derived_doubtful
from helpers.pages.i18n import col, t, term
from helpers.vocabulary import FLAGS, RULES, UNRANKED_FLAGS


def derived_table(derived: pd.DataFrame, tables, lang: str) -> pd.DataFrame:
    """Derived rows with their lineage: place, value, inputs, the rule that admitted them and their flags."""
    from helpers.pages.i18n import format_figure as ff
    models = tables.models.set_index("model_id")[col("short", lang)]
    regions = tables.regions.set_index("region_code")[col("name", lang)]
    dagger = [" †" if d else "" for d in derived_doubtful(derived, tables.facts)]
    return pd.DataFrame({
        t("place", lang): [f"{models[m]} · {regions.get(c, c)}" + (f" · {a}" if a else "") + x
                           for m, c, a, x in zip(derived["model_id"], derived["region_code"], derived["as_of"],
                                                 dagger)],
        t("value", lang): [ff(v, lo, hi, q, u, "reported", lang) + x for v, lo, hi, q, u, x in
                           zip(derived["value"], derived["value_low"], derived["value_high"], derived["qualifier"],
                               derived["unit"], dagger)],
        t("inputs", lang): derived["inputs"].str.replace("|", " ÷ ", n=1, regex=False).str.replace("|", " + "),
        t("rule", lang): [term(RULES, x, lang) for x in derived["rule"]],
        t("flags", lang): ["; ".join(term(FLAGS, f, lang) for f in x.split("|") if f) for x in derived["flags"]],
    }).reset_index(drop=True)


def unranked(flags: pd.Series) -> pd.Series:
    """For each derived row's ``flags`` ('|'-joined): does one of them keep it out of charts and rankings
    (:data:`~helpers.vocabulary.UNRANKED_FLAGS`: over 100 %, a flow over a stock, a programme over the place)?

    >>> list(unranked(pd.Series(["", "years_differ", "over_100", "years_differ|programme_over_place"])))
    [False, False, True, True]
    """
    return pd.Series([bool(set(str(f).split("|")) & set(UNRANKED_FLAGS.values)) for f in flags], index=flags.index,
                     dtype=bool)


def rankable(derived: pd.DataFrame, models: pd.DataFrame, comparison: pd.DataFrame | None = None) -> pd.DataFrame:
    """Derived rows that may be ranked across models: about the model's own region, not carrying a flag of
    :data:`~helpers.vocabulary.UNRANKED_FLAGS`, not a ratio the catalogue declares not ``rankable``, and (given
    ``comparison``) not resting on a headline cell whose stations, coverage and township count disagree."""
    home = homes(models)
    own = [home.get(m) == c for m, c in zip(derived["model_id"], derived["region_code"])]
    ok = pd.Series(own, index=derived.index) & ~unranked(derived["flags"])
    if "indicator" in derived.columns:
        ok &= ~derived["indicator"].isin(set(catalogue.DERIVED) - set(catalogue.derived("rankable")))
    if comparison is not None and "consistency" in comparison.columns:
        flagged = set(comparison.loc[comparison["consistency"] != "", "fact_id"]) - {""}
        ok &= pd.Series([not (set(x.split("|")) & flagged) for x in derived["inputs"]], index=derived.index)
    return derived[ok]
