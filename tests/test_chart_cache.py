"""Charts kept between builds (helpers.pages.chart_cache): a kept chart is the chart the same call draws, and a
call whose arguments, code or environment differ never gets another call's chart."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.pages import chart_cache, plots


def bars(value: float = 300.0) -> pd.DataFrame:
    return pd.DataFrame({"label": ["a", "b"], "value": [value, 138.0], "value_low": [value, 138.0],
                         "value_high": [None, 138.0], "qualifier": ["at_least", "exact"],
                         "status": ["reported", "reported"]})


@pytest.fixture
def kept_in(tmp_path, monkeypatch):
    monkeypatch.setenv(chart_cache.CACHE_ENV, str(tmp_path / "charts"))
    monkeypatch.setenv(chart_cache.SALT_ENV, "code-env")
    monkeypatch.setenv(chart_cache.READ_ENV, "1")
    return tmp_path / "charts"


def test_outside_a_build_every_chart_is_drawn(monkeypatch):
    for name in (chart_cache.CACHE_ENV, chart_cache.SALT_ENV):
        monkeypatch.delenv(name, raising=False)
    assert chart_cache.key(plots.qualified_bars, (bars(), "label"), {}) is None
    assert not isinstance(plots.qualified_bars(bars(), "label", lang="en"), chart_cache.Kept)


def test_the_key_is_of_the_function_every_argument_and_the_salt(kept_in, monkeypatch):
    k = chart_cache.key(plots.qualified_bars, (bars(), "label"), {"lang": "en"})
    assert k == chart_cache.key(plots.qualified_bars, (bars(), "label"), {"lang": "en"})  # equal data, equal key
    assert k != chart_cache.key(plots.qualified_bars, (bars(301.0), "label"), {"lang": "en"})  # one cell
    assert k != chart_cache.key(plots.qualified_bars, (bars(), "label"), {"lang": "zh"})  # one keyword
    assert k != chart_cache.key(plots.highlight_bars, (bars(), "label"), {"lang": "en"})  # another function
    assert k != chart_cache.key(plots.qualified_bars, (bars().set_axis([5, 6]), "label"), {"lang": "en"})  # index
    monkeypatch.setenv(chart_cache.SALT_ENV, "other-code")
    assert k != chart_cache.key(plots.qualified_bars, (bars(), "label"), {"lang": "en"})


def test_a_call_a_digest_cannot_see_whole_is_never_keyed(kept_in):
    import matplotlib

    matplotlib.use("Agg")
    fig, ax = plots._pyplot().subplots()
    assert chart_cache.key(plots.qualified_bars, (bars(), "label"), {"ax": ax}) is None  # drawn into a figure
    assert chart_cache.key(plots.trend_chart, (object(),), {}) is None  # an object of unknown contents
    odd = bars().assign(label=[object(), "b"])
    assert chart_cache.key(plots.qualified_bars, (odd, "label"), {}) is None
    plots._pyplot().close(fig)


def test_a_kept_chart_has_the_bytes_the_same_call_draws(kept_in, monkeypatch):
    first = plots.qualified_bars(bars(), "label", lang="en")
    assert not isinstance(first, chart_cache.Kept)
    png = plots.to_png(first)
    assert len(list(kept_in.glob("*.png"))) == 1
    again = plots.qualified_bars(bars(), "label", lang="en")
    assert isinstance(again, chart_cache.Kept) and plots.to_png(again) == png
    monkeypatch.setenv(chart_cache.READ_ENV, "0")  # a forced build draws again: the same bytes
    drawn = plots.qualified_bars(bars(), "label", lang="en")
    assert not isinstance(drawn, chart_cache.Kept) and plots.to_png(drawn) == png
    monkeypatch.setenv(chart_cache.READ_ENV, "1")
    other = plots.qualified_bars(bars(250.0), "label", lang="en")  # another figure: drawn, never the kept one
    assert not isinstance(other, chart_cache.Kept) and plots.to_png(other) != png


def test_a_damaged_kept_chart_is_drawn_again(kept_in):
    plots.to_png(plots.qualified_bars(bars(), "label", lang="en"))
    (kept,) = kept_in.glob("*.png")
    kept.write_bytes(b"half a file")
    fig = plots.qualified_bars(bars(), "label", lang="en")
    assert not isinstance(fig, chart_cache.Kept)
    assert plots.to_png(fig).startswith(b"\x89PNG")
    assert kept.read_bytes().startswith(b"\x89PNG")  # kept again, whole


def test_a_categorical_column_keys_its_categories_and_their_order(kept_in):
    """The category order decides a map's colours and legend: two frames alike but for it never share a chart."""
    values = pd.DataFrame({"region_code": ["440000", "430000"], "category": ["high", "low"]})
    a = values.assign(category=pd.Categorical(values["category"], categories=["high", "low"]))
    b = values.assign(category=pd.Categorical(values["category"], categories=["low", "high"]))
    c = values.assign(category=pd.Categorical(values["category"], categories=["high", "low", "none"]))
    keys = {chart_cache.key(plots.heatmap, (f,), {}) for f in (a, b, c)}
    assert None not in keys and len(keys) == 3


def test_lists_of_frames_are_keyed_by_every_frame(kept_in):
    panels = [("one", bars()), ("two", bars())]
    k = chart_cache.key(plots.bar_panels, (panels, "label"), {"lang": "en"})
    assert k is not None
    assert k != chart_cache.key(plots.bar_panels, ([("one", bars()), ("two", bars(301.0))], "label"), {"lang": "en"})
    assert k != chart_cache.key(plots.bar_panels, ([("one", bars()), ("2", bars())], "label"), {"lang": "en"})
    odd = bars().assign(label=[object(), "b"])
    assert chart_cache.key(plots.bar_panels, ([("one", bars()), ("two", odd)], "label"), {}) is None


def test_small_multiples_are_kept_with_the_bytes_they_are_drawn_with(kept_in, monkeypatch):
    panels = [("one", bars()), ("two", bars(120.0))]
    png = plots.to_png(plots.bar_panels(panels, "label", "en", figsize=(6.0, 4.0)))
    kept = plots.bar_panels(panels, "label", "en", figsize=(6.0, 4.0))
    assert isinstance(kept, chart_cache.Kept) and plots.to_png(kept) == png
    monkeypatch.setenv(chart_cache.READ_ENV, "0")
    assert plots.to_png(plots.bar_panels(panels, "label", "en", figsize=(6.0, 4.0))) == png


def test_the_province_map_is_kept_and_another_map_is_drawn(kept_in, monkeypatch, tmp_path):
    """The map draws in its own style (not plots.theme), through the same cache: a kept map is the map drawn."""
    from helpers.pages import geo, maps

    monkeypatch.setattr(geo, "cache_dir", lambda root=None, real=geo.cache_dir: real(root or tmp_path / "geo"))
    values = pd.DataFrame({"region_code": ["440000", "430000"], "category": ["high", "low"]})
    png = plots.to_png(maps.province_map(values, lang="en", inset=False))
    kept = maps.province_map(values, lang="en", inset=False)
    assert isinstance(kept, chart_cache.Kept) and plots.to_png(kept) == png
    monkeypatch.setenv(chart_cache.READ_ENV, "0")
    assert plots.to_png(maps.province_map(values, lang="en", inset=False)) == png  # drawn again: the same bytes
    monkeypatch.setenv(chart_cache.READ_ENV, "1")
    other = maps.province_map(values.assign(category=["low", "high"]), lang="en", inset=False)
    assert not isinstance(other, chart_cache.Kept) and plots.to_png(other) != png
    import matplotlib

    matplotlib.use("Agg")
    fig, ax = plots._pyplot().subplots()
    assert maps.province_map(values, lang="en", inset=False, ax=ax) is fig  # drawn into an axes: never kept
    plots._pyplot().close(fig)
