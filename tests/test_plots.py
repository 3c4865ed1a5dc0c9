"""What the plotting helpers draw: bars, hatches, whiskers, gaps, and Chinese glyphs that render."""

import itertools
import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from helpers.pages import plots
from helpers.pages.chart_labels import LABEL_WIDTH


def rows(*specs):
    cols = ["label", "value", "value_low", "value_high", "qualifier", "status"]
    return pd.DataFrame(list(specs), columns=cols)


EXACT = ["青岛", 138.0, 138.0, 138.0, "exact", "reported"]
LOWER = ["广东", 300.0, 300.0, None, "at_least", "reported"]
RANGE = ["每站", 2.5, 2.0, 3.0, "range", "reported"]
APPROX = ["约数", 1000.0, None, None, "approx", "reported"]
TARGET = ["济南", 15000.0, 15000.0, 15000.0, "exact", "target"]
LOST = ["成都", None, None, None, "exact", "missing"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_one_bar_per_figure_and_none_for_lost_figures():
    fig = plots.qualified_bars(rows(EXACT, LOWER, LOST), "label", lang="zh", log=False)
    bars = fig.axes[0].patches
    assert len(bars) == 2
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "原文缺失" in texts


def test_lower_bound_is_hatched_exact_is_not():
    fig = plots.qualified_bars(rows(EXACT, LOWER), "label", lang="en", log=False)
    hatches = [p.get_hatch() for p in fig.axes[0].patches]
    assert hatches[0] in (None, "") and hatches[1] == "///"


def test_range_has_whiskers_from_low_to_high():
    fig = plots.qualified_bars(rows(RANGE), "label", lang="en", log=False)
    ax = fig.axes[0]
    segments = [seg for coll in ax.collections for seg in coll.get_segments()]
    xs = sorted({round(float(x), 6) for seg in segments for x, _ in seg})
    assert xs[0] == 2.0 and xs[-1] == 3.0


def test_target_is_outlined_and_dashed_not_filled():
    fig = plots.qualified_bars(rows(TARGET), "label", lang="en", log=False)
    bar = fig.axes[0].patches[0]
    assert bar.get_facecolor()[3] == 0  # transparent fill
    assert bar.get_linestyle() in ("--", "dashed")


def test_legend_names_every_style_used():
    fig = plots.qualified_bars(rows(EXACT, LOWER, RANGE, APPROX, TARGET, LOST), "label", lang="en", log=False)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["exact", "lower bound (余/多/以上)", "approximate (约/近)", "range (至)", "target",
                      "lost in source"]


def test_auto_log_scale_for_wide_spread():
    fig = plots.qualified_bars(rows(RANGE, TARGET), "label", lang="en")
    assert fig.axes[0].get_xscale() == "log"
    fig = plots.qualified_bars(rows(EXACT, LOWER), "label", lang="en")
    assert fig.axes[0].get_xscale() == "linear"


def test_chinese_labels_render_without_missing_glyphs():
    fig = plots.qualified_bars(rows(EXACT, LOWER, LOST), "label", lang="zh", title="驻站社工人数 − 比较")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing")
        png = plots.to_png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_the_theme_chinese_glyphs_are_missing():
    """The control for the test above: DejaVu Sans alone lacks CJK glyphs, so the check can fail."""
    with plt.rc_context({"font.family": ["DejaVu Sans"], "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("社工站")
        with pytest.warns(UserWarning, match=r"Glyph .* missing"):
            plots.to_png(fig)


def test_png_bytes_are_stable():
    a = plots.to_png(plots.qualified_bars(rows(EXACT, LOWER), "label", lang="zh"))
    b = plots.to_png(plots.qualified_bars(rows(EXACT, LOWER), "label", lang="zh"))
    assert a == b


def test_heatmap_and_timeline_draw():
    m = pd.DataFrame({"人员": [1, 0], "资金": [2, 3]}, index=["青岛", "宁夏"])
    fig = plots.heatmap(m, title="覆盖")
    assert len(fig.axes[0].texts) == 4
    ev = pd.DataFrame({"label": ["湖南", "湖南"], "year": [2018, 2019], "kind": ["launch", "coverage"], "text": ["", ""]})
    fig = plots.timeline(ev, "zh")
    assert len(fig.axes[0].lines) == 2










def test_large_figures_never_get_an_offset_label():
    import pandas as pd

    from helpers.pages import plots
    df = pd.DataFrame({"label": ["a", "b"], "value": [1_540_700.0, 596_000.0], "value_low": [1_540_700.0, 596_000.0],
                       "value_high": [1_540_700.0, 596_000.0], "qualifier": ["exact", "exact"],
                       "status": ["reported", "reported"], "unit": ["person_times"] * 2})
    fig = plots.qualified_bars(df, "label", lang="en")
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.xaxis.get_offset_text().get_text() == ""
    assert any(t.get_text().endswith("k") or t.get_text().endswith("M") for t in ax.get_xticklabels())


def test_drawing_a_chart_leaves_matplotlib_settings_unchanged():
    """No hidden global state: the theme lives in a context inside each plotting function."""
    before = dict(matplotlib.rcParams)
    fig = plots.qualified_bars(rows(EXACT, LOWER, LOST), "label", lang="zh", title="社工站")
    assert fig.axes[0].title.get_fontfamily()[0] == plots.CJK_FAMILY  # drawn with the theme...
    plots.heatmap(pd.DataFrame({"人员": [1]}, index=["青岛"]))
    plots.to_png(fig)
    assert dict(matplotlib.rcParams) == before  # ...which is gone afterwards
    assert plots.CJK_FAMILY not in matplotlib.rcParams["font.family"]


def test_theme_is_the_seaborn_whitegrid_theme_with_the_cjk_font():
    with plots.theme():
        assert matplotlib.rcParams["axes.grid"] is True
        assert matplotlib.rcParams["axes.facecolor"] == "white"
        assert matplotlib.rcParams["font.family"] == [plots.CJK_FAMILY, "DejaVu Sans"]
        assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert matplotlib.rcParams["axes.unicode_minus"] is True


def test_a_chart_drawn_into_a_given_ax_uses_it():
    fig, (top, bottom) = plt.subplots(2, 1)
    out = plots.qualified_bars(rows(EXACT, LOWER), "label", lang="en", log=False, ax=bottom)
    assert out is fig and len(bottom.patches) == 2 and len(top.patches) == 0
    m = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    assert plots.heatmap(m, ax=top) is fig and len(top.texts) == 2
    assert len(plt.get_fignums()) == 1  # no figure of their own


def test_highlight_and_timeline_draw_into_a_given_ax():
    fig, (left, right) = plt.subplots(1, 2)
    plots.highlight_bars(rows(EXACT, LOWER), "label", ["广东"], lang="zh", ax=right)
    colours = [t.get_color() for t in right.get_yticklabels()]
    assert colours[0] == plots.PALETTE["target"] and colours[1] != plots.PALETTE["target"]  # 广东 is on top
    ev = pd.DataFrame({"label": ["湖南"], "year": [2018], "kind": ["launch"], "text": [""]})
    assert plots.timeline(ev, "zh", ax=left) is fig and len(left.lines) == 1


def _configured_filters() -> list[str]:
    import tomllib

    from conftest import REPO

    with open(REPO / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["pytest"]["ini_options"]["filterwarnings"]


def _draw_under(filters: list[str]) -> list:
    """Draw a title DejaVu Sans cannot show through plots.to_png under exactly ``filters`` (pytest's syntax)."""
    from _pytest.config import parse_warning_filter

    with warnings.catch_warnings(record=True) as seen:
        warnings.resetwarnings()
        for spec in filters:
            warnings.filterwarnings(*parse_warning_filter(spec, escape=False))
        with plt.rc_context({"font.family": ["DejaVu Sans"], "font.sans-serif": ["DejaVu Sans"]}):
            fig, ax = plt.subplots()
            ax.set_title("社工站")
            plots.to_png(fig)
    return [str(w.message) for w in seen]


def test_a_missing_glyph_fails_under_the_configured_warning_filters():
    """matplotlib attributes the glyph warning to the caller (helpers.pages.plots), so a filter on the module
    matplotlib.* alone lets it pass; pyproject's filters must turn it into an error wherever it is raised."""
    passed = _draw_under(["error::UserWarning:matplotlib.*"])
    assert any("missing from font" in m for m in passed)  # the old filter only recorded it: the hole
    with pytest.raises(UserWarning, match=r"Glyph .* missing from font"):
        _draw_under(_configured_filters())


def test_titles_sit_where_matplotlib_would_place_them(monkeypatch):
    """Titles are placed at y=1.0 without matplotlib's automatic check; the pixels must be the same."""
    df = rows(EXACT, LOWER, RANGE, APPROX, TARGET, LOST)
    placed = plots.to_png(plots.qualified_bars(df, "label", lang="zh", title="社工人数", xlabel="人"))
    monkeypatch.setattr(plots, "_title", lambda ax, title: ax.set_title(title))  # matplotlib's own placement
    auto = plots.to_png(plots.qualified_bars(df, "label", lang="zh", title="社工人数", xlabel="人"))
    assert placed == auto


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_log_axis_tick_labels_never_overlap(lang):
    """Money on a log axis: matplotlib decides which ticks get labels (decades here), so labels at 2, 3 … 9 of
    each decade no longer run into one another ("200 30040050060070080000")."""
    df = rows(["a", 12.0, 12.0, 12.0, "exact", "reported"], ["b", 37000.0, 37000.0, 37000.0, "exact", "reported"],
              ["c", 450.0, 450.0, 450.0, "exact", "reported"])
    fig = plots.qualified_bars(df, "label", lang=lang)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    with plots.theme():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        lo, hi = ax.get_xlim()
        shown = [t for t in ax.get_xticklabels() + ax.get_xticklabels(minor=True)
                 if t.get_text() and lo <= t.get_position()[0] <= hi]
        boxes = sorted((t.get_window_extent(renderer) for t in shown), key=lambda b: b.x0)
    assert len(boxes) >= 3
    assert all(a.x1 <= b.x0 for a, b in itertools.pairwise(boxes)), [t.get_text() for t in shown]
    assert any(t.get_text() in ("1万", "10k") for t in shown)


def test_a_standard_is_never_drawn_as_a_bar():
    norm = ["每站标准", 5.5, 3.0, 8.0, "range", "standard"]
    with pytest.raises(ValueError, match="never drawn as a bar: 每站标准"):
        plots.qualified_bars(rows(EXACT, norm), "label", "zh")
    with pytest.raises(ValueError, match="standard"):
        plots.highlight_bars(rows(norm), "label", ["每站标准"], "en")


def test_an_earlier_phase_is_a_grey_bar_named_in_the_legend():
    df = rows(EXACT, ["广东 · 双百计划", 407.0, 407.0, 407.0, "exact", "reported"]).assign(role=["headline", "history"])
    fig = plots.qualified_bars(df, "label", "zh")
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in fig.axes[0].patches[:2]]
    assert colours == [plots.PALETTE["reported"], plots.PALETTE["history"]]
    assert "早期阶段" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_a_gap_in_the_top_row_stays_inside_the_axes_under_the_title():
    gap = pd.DataFrame([{"label": "广东", "value": None, "value_low": None, "value_high": None, "qualifier": "",
                         "status": "gap", "gap_text": "未找到全省数字"}])
    fig = plots.qualified_bars(pd.concat([gap, rows(EXACT)], ignore_index=True), "label", "zh", title="站数")
    low, high = fig.axes[0].get_ylim()
    assert high >= 1.4 and low <= -0.4  # both rows (y = 1 for the gap, 0 for the bar) with room around them


def test_a_very_long_label_is_wrapped_and_the_layout_still_fits():
    label = ("Guangdong Shuangbai · Shuangbai Plan (双百计划), batches 1-2 · 2017–2020 (2020, earlier phase) † · "
             "126,012,510 residents")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Tight layout not applied" would be printed in the report
        fig = plots.qualified_bars(rows([label, 407.0, 407.0, 407.0, "exact", "reported"], EXACT), "label",
                                   lang="en", log=False)
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert all(len(line) <= LABEL_WIDTH for x in shown for line in x.split("\n"))
    assert any("\n" in x for x in shown)
