"""A map of China: provinces coloured by what is known, the models' own regions outlined and labelled.

Provinces without a row are grey and listed as "no figure found" (未找到数字); lower bounds and
approximations are hatched as in the bar charts (``///`` and ``...``). The models' own regions (a prefecture,
a county, or a province) are outlined in the colour of their operating mode, with a marker of the same
colour and shape so that a county too small to see still shows, and labelled. The South China Sea
islands and the dash line are drawn in an inset, as a Chinese reader expects. The projection is an
Albers equal-area conic centred on China; boundaries come from :mod:`helpers.pages.geo` (simplified, cached).
Styles are applied in an ``rc_context``: nothing global changes.

>>> import pandas as pd
>>> values = pd.DataFrame({"region_code": ["440000", "430000"], "category": ["≥ 95%", "50–95%"]})
>>> outlines = pd.DataFrame({"region_code": ["370200"], "label": ["青岛"],
...                          "operating_mode": ["hybrid"]})
>>> fig = province_map(values, outlines, lang="zh", title="社工站覆盖率")   # doctest: +SKIP
>>> png = plots.to_png(fig)                                                  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.pages import chart_cache, geo, plots
from helpers.pages.i18n import t, term
from helpers.vocabulary import LANGUAGES, MODES, QUALIFIERS

NO_FIGURE_COLOR = "#dcdcdc"
EDGE_COLOR = "#8c8c8c"
# Okabe–Ito colours (readable with colour-blindness) and one marker shape per operating mode: one entry for
# every value of helpers.vocabulary.MODES (a test fails for a mode without one; there is no fallback).
MODE_STYLE = {
    "direct_employment": ("#D55E00", "o"),
    "service_purchase": ("#0072B2", "s"),
    "hybrid": ("#CC79A7", "D"),
    "staff_integration": ("#009E73", "^"),
    "cross_region_partnership": ("#E69F00", "v"),
    "policy_framework": ("#56B4E9", "P"),
    "talent_development": ("#000000", "X"),
    "volunteer_linkage": ("#8C6D00", "h"),
    "unspecified": ("#555555", "*"),
}
# Main map: China north of 17.5°N; inset: the South China Sea from 2.5°N.
MAIN_SOUTH = 17.5
INSET_BOX = (107.0, 2.8, 122.6, 24.2)  # lon_min, lat_min, lon_max, lat_max
INSET_HEIGHT = 0.36  # share of the main map's height
FIGSIZE = (8.0, 6.6)


def _colors(n: int) -> list:
    """``n`` colours of one sequential scale, darkest first (the first category is the strongest)."""
    from matplotlib import colormaps

    cmap = colormaps["YlGnBu"]
    if n == 1:
        return [cmap(0.75)]
    return [cmap(x) for x in np.linspace(0.8, 0.3, n)]


def _require(df: pd.DataFrame, name: str, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; expected {', '.join(columns)}")


def _categories(values: pd.DataFrame, categories) -> list[str]:
    if categories is not None:
        order = [str(c) for c in categories]
        extra = sorted(set(values["category"].astype(str)) - set(order))
        if extra:
            raise ValueError(f"values.category: {', '.join(extra)} not in categories={order}")
        return order
    col = values["category"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(c) for c in col.cat.categories]
    return list(dict.fromkeys(col.astype(str)))


def _rc() -> dict:
    """The map's own style on top of matplotlib's settings (the CJK font registered first)."""
    plots.register_cjk_font()
    return {"font.family": [plots.CJK_FAMILY, "DejaVu Sans"], "axes.unicode_minus": False,
            "hatch.linewidth": 0.6, "hatch.color": "#333333", "legend.fontsize": 8,
            "legend.title_fontsize": 8.5, "axes.titlesize": 12, "figure.dpi": 100, "savefig.dpi": 100}


def _halo():
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.6, foreground="white")]


@chart_cache.cached
def province_map(values: pd.DataFrame, outlines: pd.DataFrame | None = None, lang: str = "zh",
                 title: str | None = None, ax=None, categories=None, colors: dict | None = None,
                 legend_title: str | None = None, inset: bool = True):
    """Draw the provinces coloured by ``values`` and the ``outlines`` on top; returns the Figure.

    ``values``: one row per province-level code (``region_code``, 6 digits) with its ``category`` (the
    caller bins); optional ``qualifier`` (``at_least``/``at_most``/``approx`` hatch the province) and
    ``label`` (text written in the province). Category order is ``categories``, else the Categorical
    order, else first appearance; the first is the darkest. ``colors`` maps a category to a colour.
    ``outlines``: ``region_code`` (province, prefecture or county), ``label``, ``operating_mode`` (a key of
    :data:`helpers.vocabulary.MODES`). Provinces with no row are drawn grey as "no figure found".
    ``ax``: draw into this axes (the inset goes inside it); default a new figure.
    """
    import matplotlib.pyplot as plt

    if lang not in LANGUAGES:
        raise ValueError(f"lang={lang!r} is not allowed; allowed: zh, en")
    _require(values, "values", ("region_code", "category"))
    if outlines is not None:
        _require(outlines, "outlines", ("region_code", "label", "operating_mode"))
        unknown = sorted(set(outlines["operating_mode"]) - set(MODE_STYLE))
        if unknown:
            raise ValueError(f"outlines.operating_mode: {', '.join(map(str, unknown))} has no style; styled: "
                             f"{', '.join(MODE_STYLE)}")
    values = values.assign(region_code=values["region_code"].astype(str).str.strip())
    dup = values["region_code"][values["region_code"].duplicated()].tolist()
    if dup:
        raise ValueError(f"values.region_code: {', '.join(dup)} listed more than once")
    order = _categories(values, categories)
    palette = dict(zip(order, _colors(len(order))))
    palette.update(colors or {})

    provinces = geo.boundaries("province")
    unknown = sorted(set(values["region_code"]) - set(provinces["region_code"]))
    if unknown:
        raise geo.BoundaryError(f"values.region_code: {', '.join(unknown)} is not a province-level code; "
                                f"allowed: the 34 codes of geo.codes('province')")
    merged = provinces.merge(values, on="region_code", how="left")
    merged["category"] = merged["category"].astype(object).where(merged["category"].notna(), None)
    merged = geo.to_albers(merged)
    qualifier = merged["qualifier"] if "qualifier" in merged else pd.Series(None, index=merged.index)
    merged["hatch"] = [plots.HATCH.get(q, "") if isinstance(q, str) else "" for q in qualifier]
    lines = geo.to_albers(geo.dash_line())
    shapes = None
    if outlines is not None and len(outlines):
        shapes = geo.to_albers(geo.boundaries_of(outlines["region_code"].astype(str).str.strip()))
        shapes = shapes.assign(label=list(outlines["label"]), operating_mode=list(outlines["operating_mode"]))

    with plt.rc_context(_rc()):
        if ax is None:
            fig, ax = plt.subplots(figsize=FIGSIZE)
        else:
            fig = ax.figure
        _fill(ax, merged, palette)
        _lines(ax, lines)
        xlim, ylim = _extent(merged)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_aspect("equal")
        ax.set_axis_off()
        if "label" in merged:
            _province_labels(ax, merged)
        used_modes = _outlines(ax, shapes) if shapes is not None else []
        if inset:
            _inset(ax, merged, palette, lines, lang)
        if title:
            ax.set_title(title)
        _legends(ax, order, palette, merged, used_modes, lang, legend_title)
    return fig


def _extent(merged):
    """x and y limits of the main map: every part of a province north of ``MAIN_SOUTH``, padded."""
    import shapely

    to_ll = geo.transformer(geo.ALBERS_CHINA, geo.CRS)
    parts = shapely.get_parts(merged.geometry.values)
    bounds = shapely.bounds(parts)
    _, lat_top = to_ll.transform(bounds[:, 0], bounds[:, 3])
    keep = bounds[lat_top >= MAIN_SOUTH]
    x0, y0, x1, y1 = keep[:, 0].min(), keep[:, 1].min(), keep[:, 2].max(), keep[:, 3].max()
    pad = 0.015 * (x1 - x0)
    return (x0 - pad, x1 + pad), (y0 - pad, y1 + pad)


def _hatch_color(face) -> str:
    """White hatching on dark fills, dark hatching on light ones (WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(face))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.25 else "#333333"


def _path(geom):
    """A matplotlib Path of a (multi)polygon: every exterior and hole, holes cut out (even-odd)."""
    import shapely
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for ring in _rings(geom):
        xy = shapely.get_coordinates(ring)
        if len(xy) < 3:
            continue
        verts.append(xy)
        c = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
        c[0], c[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
        codes.append(c)
    if not verts:
        return MplPath(np.empty((0, 2)))
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _rings(geom):
    import shapely

    polys = shapely.get_parts(geom)
    polys = polys[shapely.get_type_id(polys) == 3]  # polygons only (make_valid may add lines)
    return shapely.get_rings(polys)


def _fill(ax, merged, palette, linewidth=0.4):
    """One patch per province: its category's colour, hatched by qualifier, thin grey borders."""
    from matplotlib.patches import PathPatch

    for row in merged.itertuples():
        color = palette[row.category] if row.category else NO_FIGURE_COLOR
        # add_artist, not add_patch: the limits are set from the data once (add_patch walks every vertex).
        ax.add_artist(PathPatch(_path(row.geometry), facecolor=color, edgecolor=EDGE_COLOR,
                                linewidth=linewidth, hatch=row.hatch or None, hatchcolor=_hatch_color(color),
                                zorder=1))


def _lines(ax, lines, linewidth=0.8):
    """The dash line (and any line geometry) in dark grey."""
    import shapely

    for geom in lines.geometry:
        for part in shapely.get_parts(geom):
            xy = shapely.get_coordinates(part)
            ax.plot(xy[:, 0], xy[:, 1], color="#333333", linewidth=linewidth, zorder=2)


def _province_labels(ax, merged):
    for row in merged[merged["label"].notna()].itertuples():
        p = row.geometry.representative_point()
        ax.text(p.x, p.y, str(row.label), fontsize=7, ha="center", va="center", path_effects=_halo(),
                zorder=6)


def _outlines(ax, shapes) -> list[str]:
    from adjustText import adjust_text

    used, texts, xs, ys = [], [], [], []
    for row in shapes.itertuples():
        color, marker = MODE_STYLE[row.operating_mode]
        ax.plot(*_boundary_xy(row.geometry), color=color, linewidth=1.6, zorder=7)
        p = row.geometry.representative_point()
        ax.plot([p.x], [p.y], marker=marker, color=color, markeredgecolor="white", markeredgewidth=0.8,
                markersize=7, linestyle="none", zorder=8)
        texts.append(ax.text(p.x, p.y, str(row.label), fontsize=8, color="#111111",
                             ha="left", va="bottom", path_effects=_halo(), zorder=9))
        xs.append(p.x)
        ys.append(p.y)
        if row.operating_mode not in used:
            used.append(row.operating_mode)
    if texts:
        adjust_text(texts, x=xs, y=ys, ax=ax, expand=(1.15, 1.3), ensure_inside_axes=True,
                    arrowprops={"arrowstyle": "-", "color": "#444444", "linewidth": 0.6})
    return used


def _boundary_xy(geom):
    """x and y arrays of every ring of ``geom``, NaN-separated (one line artist per region)."""
    import shapely

    xs, ys = [], []
    for ring in _rings(geom):
        c = shapely.get_coordinates(ring)
        xs += [*c[:, 0], np.nan]
        ys += [*c[:, 1], np.nan]
    return xs, ys


def _inset(ax, merged, palette, lines, lang):
    import shapely

    to_xy = geo.transformer(geo.CRS, geo.ALBERS_CHINA)
    lon0, lat0, lon1, lat1 = INSET_BOX
    lon = np.array([lon0, lon1, lon0, lon1])
    lat = np.array([lat0, lat0, lat1, lat1])
    x, y = to_xy.transform(lon, lat)
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
    # The inset sits just right of the map's lower right corner, outside the main axes, so it never
    # covers a province (the east coast reaches the main map's right edge).
    (mx0, mx1), (my0, my1) = ax.get_xlim(), ax.get_ylim()
    width = INSET_HEIGHT * (x1 - x0) / (y1 - y0) * (my1 - my0) / (mx1 - mx0)
    sub = ax.inset_axes([1.0, 0.0, width, INSET_HEIGHT])
    box = shapely.box(x0, y0, x1, y1)
    clipped = merged[merged.intersects(box)]
    _fill(sub, clipped, palette, linewidth=0.3)
    _lines(sub, lines, linewidth=0.7)
    # The islands are specks at this scale: mark each with a dot, as printed maps do.
    to_ll = geo.transformer(geo.ALBERS_CHINA, geo.CRS)
    parts = shapely.get_parts(clipped.geometry.values)
    centres = shapely.get_coordinates(shapely.centroid(parts))
    _, lat = to_ll.transform(centres[:, 0], centres[:, 1])
    islands = centres[np.asarray(lat) < MAIN_SOUTH]
    sub.plot(islands[:, 0], islands[:, 1], linestyle="none", marker="o", markersize=0.7, color="#666666",
             zorder=3)
    sub.set_xlim(x0, x1)
    sub.set_ylim(y0, y1)
    sub.set_aspect("equal")
    sub.set_xticks([])
    sub.set_yticks([])
    sub.set_xlabel("")
    sub.set_ylabel("")
    for spine in sub.spines.values():
        spine.set_linewidth(0.8)
        spine.set_color("#333333")
    sub.set_facecolor("white")
    sub.text(0.96, 0.03, t("south_china_sea", lang), transform=sub.transAxes, ha="right", va="bottom", fontsize=7,
             path_effects=_halo())


def _legends(ax, order, palette, merged, used_modes, lang, legend_title):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=palette[c], edgecolor=EDGE_COLOR, label=c) for c in order]
    if merged["category"].isna().any():
        handles.append(Patch(facecolor=NO_FIGURE_COLOR, edgecolor=EDGE_COLOR, label=t("no_figure_found", lang)))
    for q in ("at_least", "at_most", "approx"):
        if (merged["hatch"] == plots.HATCH[q]).any():
            handles.append(Patch(facecolor="white", edgecolor="#333333", hatch=plots.HATCH[q],
                                 label=term(QUALIFIERS, q, lang)))
    first = ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(0.0, 0.0),
                      frameon=False, ncol=2 if len(handles) > 5 else 1, alignment="left")
    if not used_modes:
        return
    ax.add_artist(first)
    mode_handles = []
    for mode in used_modes:
        color, marker = MODE_STYLE[mode]
        mode_handles.append(Line2D([], [], color=color, marker=marker, markeredgecolor="white",
                                   markersize=7, linewidth=1.6, label=term(MODES, mode, lang)))
    ax.legend(handles=mode_handles, title=t("operating_mode", lang), loc="upper right",
              bbox_to_anchor=(1.0, 0.0), frameon=False, alignment="left")
