"""Words and figures in both languages (helpers.pages.i18n)."""

from helpers.pages.i18n import format_figure, tiers


def test_tiers_and_figures_read_in_both_languages():
    assert tiers("county|township|village", "zh") == "县(区) → 乡镇(街道) → 村(社区)"
    assert tiers("", "en") == "—"
    assert format_figure(2.5, 2, 3, "range", "persons", "reported", "zh") == "2–3 人"
    assert format_figure(210000, 210000, None, "at_least", "person_times", "reported", "zh") == "≥ 21万 人次"
    assert format_figure(None, None, None, "exact", "count", "missing", "en") == "— (lost in source)"
    assert format_figure(15000, 15000, 15000, "exact", "persons", "target", "en") == "15,000 persons (target)"
    assert format_figure(40, 40, None, "at_least", "percent", "reported", "en") == "≥ 40%"
