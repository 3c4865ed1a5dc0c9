"""helpers.pages.ranking: which derived ratios may be ranked across models."""

import pandas as pd
from fixture_panel import tables
from fixture_trust import with_facts as _trust

from helpers.pages import ranking


def test_rankable_drops_flagged_and_local_ratios():
    t = tables()
    d = t.derived
    assert "over_100" in d.set_index("indicator").loc["coverage_rate", "flags"]
    r = ranking.rankable(d, t.models)
    assert "coverage_rate" not in set(r["indicator"])
    assert "workers_per_site" in set(r["indicator"])


def test_rankable_drops_ratios_resting_on_cells_that_disagree():
    t = _trust()
    derived = pd.DataFrame({"model_id": ["gd", "hn"], "region_code": ["440000", "430000"],
                            "inputs": ["gm-01|regions:440000:townships", "hp-01|regions:430000:townships"],
                            "flags": ["", ""]})
    assert list(ranking.rankable(derived, t.models)["model_id"]) == ["gd", "hn"]
    assert list(ranking.rankable(derived, t.models, t.comparison)["model_id"]) == ["hn"]


def test_rankable_drops_a_programmes_count_over_the_whole_place():
    t = tables()
    d = t.derived.copy()
    keep = d["indicator"] == "workers_per_site"
    assert ranking.rankable(d, t.models)["indicator"].eq("workers_per_site").any()
    d.loc[keep, "flags"] = "years_differ|programme_over_place"
    assert not ranking.rankable(d, t.models)["indicator"].eq("workers_per_site").any()
    assert list(ranking.unranked(pd.Series(["years_differ", "flow_over_stock", ""]))) == [False, True, False]
