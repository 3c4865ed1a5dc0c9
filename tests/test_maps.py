"""The province map: colours by category, grey "no figure", hatched bounds, outlined regions, legends."""

import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch

from helpers.pages import (
    geo,
    maps,
)


@pytest.fixture(autouse=True)
def close():
    yield
    plt.close("all")


@pytest.fixture(autouse=True, scope="module")
def geo_cache(tmp_path_factory):
    """Boundaries cached once in a temporary folder, not in the checkout."""
    folder = tmp_path_factory.mktemp("geo-cache")
    real = geo.cache_dir
    geo.cache_dir = lambda root=None: real(root or folder)
    yield
    geo.cache_dir = real


def three(qualifier=None):
    df = pd.DataFrame({"region_code": ["440000", "430000", "640000"],
                       "category": ["≥ 95%", "50–95%", "< 50%"]})
    if qualifier:
        df["qualifier"] = qualifier
    return df


OUTLINES_ZH = pd.DataFrame({"region_code": ["370200", "330481"], "label": ["青岛", "海宁"],
                            "operating_mode": ["hybrid", "direct_employment"]})


def province_patches(ax):
    return [p for p in ax.patches if isinstance(p, PathPatch)]


def legend_texts(legend):
    return [t.get_text() for t in legend.get_texts()]


def legends(ax):
    return [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]


def test_returns_a_figure_with_every_province_drawn_once():
    fig = maps.province_map(three(), lang="en")
    assert isinstance(fig, Figure)
    assert len(province_patches(fig.axes[0])) == 34


def test_provinces_without_a_row_are_grey_and_listed_as_no_figure():
    fig = maps.province_map(three(), lang="en")
    faces = [to_hex(p.get_facecolor()) for p in province_patches(fig.axes[0])]
    assert faces.count(maps.NO_FIGURE_COLOR) == 31
    colour_legend = legends(fig.axes[0])[0]
    assert legend_texts(colour_legend) == ["≥ 95%", "50–95%", "< 50%", "no figure found"]


def test_zh_legend_says_no_figure_in_chinese():
    fig = maps.province_map(three(), lang="zh")
    assert legend_texts(legends(fig.axes[0])[0])[-1] == "未找到数字"


def test_no_figure_entry_only_when_a_province_lacks_a_row():
    every = pd.DataFrame({"region_code": geo.codes("province"), "category": "known"})
    fig = maps.province_map(every, lang="en")
    assert legend_texts(legends(fig.axes[0])[0]) == ["known"]


def test_category_order_first_darkest_and_categorical_order_wins():
    df = three()
    df["category"] = pd.Categorical(df["category"], ["< 50%", "50–95%", "≥ 95%"])
    fig = maps.province_map(df, lang="en")
    handles = legends(fig.axes[0])[0].legend_handles
    assert legend_texts(legends(fig.axes[0])[0])[:3] == ["< 50%", "50–95%", "≥ 95%"]
    luminance = [np.dot(h.get_facecolor()[:3], [0.2126, 0.7152, 0.0722]) for h in handles[:3]]
    assert luminance[0] < luminance[1] < luminance[2]


def test_colours_can_be_set_per_category():
    fig = maps.province_map(three(), lang="en", colors={"< 50%": "#ff0000"})
    code_face = {to_hex(p.get_facecolor()) for p in province_patches(fig.axes[0])}
    assert "#ff0000" in code_face


def test_lower_bounds_are_hatched_and_explained_in_the_legend():
    fig = maps.province_map(three(["at_least", "exact", "approx"]), lang="en")
    hatches = sorted(p.get_hatch() for p in province_patches(fig.axes[0]) if p.get_hatch())
    assert hatches == ["...", "///"]
    texts = legend_texts(legends(fig.axes[0])[0])
    assert "lower bound (余/多/以上)" in texts and "approximate (约/近)" in texts
    assert "upper bound (不超过)" not in texts


def test_hatching_is_white_on_dark_fills_and_dark_on_light_ones():
    assert maps._hatch_color("#0c2c84") == "white"
    assert maps._hatch_color("#dcdcdc") == "#333333"


def test_outlined_regions_are_labelled_and_their_modes_in_a_second_legend():
    fig = maps.province_map(three(), OUTLINES_ZH, lang="zh")
    ax = fig.axes[0]
    assert {"青岛", "海宁"} <= {t.get_text() for t in ax.texts}
    mode_legend = legends(ax)[-1]
    assert mode_legend.get_title().get_text() == "运营方式"
    assert legend_texts(mode_legend) == ["直聘与委托机构结合", "乡镇直接聘用"]
    colours = [to_hex(h.get_color()) for h in mode_legend.legend_handles]
    assert colours == [maps.MODE_STYLE["hybrid"][0].lower(), maps.MODE_STYLE["direct_employment"][0].lower()]


def test_legends_sit_below_the_map_and_never_cover_it():
    fig = maps.province_map(three(), OUTLINES_ZH, lang="zh")
    fig.canvas.draw()
    ax = fig.axes[0]
    map_box = ax.get_window_extent()
    for legend in legends(ax):
        assert legend.get_window_extent().y1 <= map_box.y0 + 1


def test_south_china_sea_inset_beside_the_map():
    fig = maps.province_map(three(), lang="zh")
    ax = fig.axes[0]
    inset = ax.child_axes[0]
    assert "南海诸岛" in {t.get_text() for t in inset.texts}
    assert inset.get_ylim()[0] < ax.get_ylim()[0]  # reaches further south than the main map
    fig.canvas.draw()
    assert inset.get_window_extent().x0 >= ax.get_window_extent().x1 - 1  # outside: covers no province


def test_no_missing_glyphs_in_chinese():
    values = three("at_least")
    values["label"] = ["广东", "湖南", "宁夏"]
    fig = maps.province_map(values, OUTLINES_ZH, lang="zh", title="社工站覆盖率 − 各省", legend_title="覆盖率")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


def test_draws_into_a_given_axes():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    out = maps.province_map(three(), OUTLINES_ZH, lang="en", ax=right, title="Right")
    assert out is fig
    assert len(province_patches(right)) == 34 and not province_patches(left)
    assert right.get_title() == "Right"


def test_no_global_style_change():
    before = dict(matplotlib.rcParams)
    maps.province_map(three(), lang="zh")
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("values, outlines, message", [
    (three().drop(columns="category"), None, r"values: missing column\(s\) category"),
    (pd.concat([three(), three().iloc[:1]]), None, r"values.region_code: 440000 listed more than once"),
    (pd.DataFrame({"region_code": ["370200"], "category": ["x"]}), None,
     r"370200 is not a province-level code"),
    (three(), OUTLINES_ZH.drop(columns="operating_mode"), r"outlines: missing column\(s\) operating_mode"),
])
def test_bad_input_is_one_clear_error(values, outlines, message):
    with pytest.raises(ValueError, match=message):
        maps.province_map(values, outlines, lang="en")


def test_bad_lang_names_the_allowed_values():
    with pytest.raises(ValueError, match=r"lang='fr' is not allowed; allowed: zh, en"):
        maps.province_map(three(), lang="fr")


def test_every_operating_mode_has_its_own_style_and_no_mode_falls_back():
    """A mode added to helpers.vocabulary.MODES without a colour and marker here fails this test; two modes
    never share a look (a reader could not tell them apart on the map)."""
    from helpers.vocabulary import MODES

    assert list(maps.MODE_STYLE) == list(MODES.values)
    assert len(set(maps.MODE_STYLE.values())) == len(maps.MODE_STYLE)
    outlines = pd.DataFrame({"region_code": ["370200"], "label": ["青岛"], "operating_mode": ["lottery_run"]})
    with pytest.raises(ValueError, match="outlines.operating_mode: lottery_run has no style; styled: direct_employment"):
        maps.province_map(three(), outlines, lang="zh")
