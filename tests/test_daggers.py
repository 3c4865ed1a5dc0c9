"""helpers.pages.daggers: figures resting on a mirror or a page of unknown origin are marked †."""

import pandas as pd
from fixture_trust import with_facts as _trust

from helpers.pages import compare, daggers


def test_a_figure_on_a_mirror_or_unknown_page_is_marked_with_a_dagger():
    t = _trust()
    f = compare.with_labels(t.facts, "en").set_index("fact_id")
    assert f.loc["gm-01", "figure"] == "407 †" and f.loc["gu-01", "figure"].endswith("†")
    assert f.loc["go-01", "figure"] == "1,750 persons" and f.loc["gp-01", "figure"] == "300 million CNY"
    head = compare.headline(t, "en", indicators=("stations_township", "social_workers_stationed"),
                            model_ids=["gd"]).table
    assert head.iloc[0]["Stations"].startswith("407 † · Plan phase · 2017–2020 (earlier phase) — stations ÷ coverage "
                                               "imply 407 townships")
    assert head.iloc[0]["Stationed workers"] == "1,750 persons (2020)"


def test_a_map_marks_only_the_provinces_whose_figure_rests_on_a_mirror_or_unknown_page():
    facts = pd.DataFrame({"fact_id": ["a", "b", "c", "d"],
                          "source_reliability": ["mirror", "unknown", "press", "secondary"]})
    assert daggers.dagger_labels(["d", "c", "b", "a", ""], facts) == [None, None, "†", "†", None]
