"""One chart theme, CJK labels that render, and bars whose look says what the figure means.

The theme (seaborn's whitegrid, the pinned CJK font) is applied inside each plotting function with
:func:`theme`, a ``matplotlib.rc_context``: drawing a chart leaves matplotlib's global settings as they were.
Each function takes an optional ``ax`` (as seaborn's do) and returns the Figure.

Exact figures are solid bars; lower bounds (余/多/以上) are hatched ``///`` with an open arrow; upper
bounds hatched ``\\\\``; approximations (约/近) dotted; ranges carry whiskers from low to high; targets
are outlined, dashed; figures lost in the source are marked gaps (×), never zero bars.

>>> import pandas as pd
>>> df = pd.DataFrame({"label": ["a", "b"], "value": [300.0, 138.0], "value_low": [300.0, 138.0],
...                    "value_high": [None, 138.0], "qualifier": ["at_least", "exact"],
...                    "status": ["reported", "reported"]})
>>> fig = qualified_bars(df, "label", lang="en")
>>> len(fig.axes[0].patches)
2
"""

from __future__ import annotations

import base64
import io
import math
from contextlib import contextmanager
from functools import wraps

from helpers.fontfile import CJK_FAMILY, cjk_font_path
from helpers.pages import chart_cache
from helpers.pages.chart_labels import money_formatter, money_log_formatter, unique_labels, wrap_label
from helpers.pages.i18n import t, term
from helpers.vocabulary import QUALIFIERS

PALETTE = {"reported": "#5b9bd5", "target": "#b5651d", "missing": "#999999", "history": "#d0d0d0"}
EDGE = "#1f4e79"
HATCH = {"exact": "", "at_least": "///", "at_most": "\\\\\\", "approx": "...", "range": ""}


# The workbook's chart theme: seaborn's "notebook" context and "whitegrid" style with the CJK font first,
# then these settings (seaborn's styles reset fonts, so the font is set in both).
RC = {
    "font.family": [CJK_FAMILY, "DejaVu Sans"],
    "font.sans-serif": [CJK_FAMILY, "DejaVu Sans"],
    "axes.unicode_minus": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.autolayout": False,
    "axes.titleweight": "normal",
    "svg.hashsalt": "workbook",
}


def _pyplot():
    """matplotlib's ``pyplot``, imported when a chart is drawn, not when this module is (a notebook's first
    cell, data and title, stays quick). The backend is whatever matplotlib chose (``MPLBACKEND=Agg`` in
    builds, inline in Jupyter, Agg on a machine without a display)."""
    import matplotlib.pyplot as plt

    return plt


def register_cjk_font() -> None:
    """Make the pinned CJK font known to matplotlib's font manager (once per process; a lookup table of
    installed fonts, not a style: no chart looks different until it asks for the family)."""
    from matplotlib import font_manager

    if CJK_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(cjk_font_path()))


def theme_rc() -> dict:
    """The rcParams every chart is drawn with (what ``seaborn.set_theme(style="whitegrid", font=CJK_FAMILY,
    rc=RC)`` would set globally), as a dict for :func:`matplotlib.rc_context`.

    >>> theme_rc()["font.family"], theme_rc()["axes.grid"]
    (['Noto Sans CJK SC', 'DejaVu Sans'], True)
    """
    import seaborn as sns
    from cycler import cycler

    rc = dict(sns.plotting_context("notebook"))
    rc.update(sns.axes_style("whitegrid", rc={"font.family": CJK_FAMILY}))
    rc["axes.prop_cycle"] = cycler("color", sns.color_palette("deep"))
    rc.update(RC)
    return rc


@contextmanager
def theme():
    """Draw inside this to get the workbook's chart theme; matplotlib's global rcParams are as they were
    afterwards. Every plotting function here uses it; use it around your own ``plt.subplots`` too.

    >>> import matplotlib
    >>> before = dict(matplotlib.rcParams)
    >>> with theme():
    ...     matplotlib.rcParams["font.family"][0]
    'Noto Sans CJK SC'
    >>> dict(matplotlib.rcParams) == before
    True
    """
    import matplotlib

    register_cjk_font()
    with matplotlib.rc_context(theme_rc()):
        yield


def themed(draw):
    """Decorator: ``draw`` runs inside :func:`theme`, so the chart it makes is themed and nothing global
    changes. In a build, a chart drawn before from the same arguments by the same code is taken from the
    chart cache instead (:mod:`helpers.pages.chart_cache`; :func:`to_png` gives its PNG)."""
    @wraps(draw)
    def themed_draw(*args, **kwargs):
        with theme():
            return draw(*args, **kwargs)
    return chart_cache.cached(themed_draw)


def _figure(ax, figsize):
    """``(fig, ax)``: the given axes and its figure, or a new figure of ``figsize`` when ``ax`` is None
    (call inside :func:`theme`)."""
    if ax is None:
        return _pyplot().subplots(figsize=figsize)
    return ax.figure, ax


def _title(ax, title: str) -> None:
    """``ax.set_title(title)`` at y=1.0, where matplotlib's automatic placement puts it when nothing sits
    above the axes (no top ticks here): the same pixels, without matplotlib measuring every tick label
    again at each layout pass to check (about a third of a bar chart's time)."""
    ax.set_title(title, y=1.0)


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


@themed
def qualified_bars(df, label: str, lang: str = "zh", title: str | None = None, xlabel: str | None = None,
                   ax=None, log="auto"):
    """Horizontal bars, one per row of ``df``, styled by ``qualifier`` and ``status``.

    ``df`` needs columns ``label``, ``value``, ``value_low``, ``value_high``, ``qualifier``, ``status``.
    Rows with ``status == "gap"`` (no figure for the model's own region) show their ``gap_text`` instead of a
    bar. A row with ``role == "history"`` or ``earlier`` (an earlier phase's figure) is drawn in grey. A standard (``status ==
    "standard"``, a norm, not an achieved figure) is refused: it is never drawn as a bar. Money (``unit == "CNY"``) is ticked in 万/亿 (zh) or millions (en). The legend sits below the axes
    so it never covers a bar. ``log="auto"`` switches to a log axis when the largest figure is over 50 times
    the smallest. ``ax``: draw into this axes (as seaborn's functions do); default a new figure. Returns
    the matplotlib Figure (``ax.figure`` when ``ax`` was given).
    """
    rows = df.reset_index(drop=True).copy()
    if (rows["status"] == "standard").any():
        raise ValueError("a standard (a norm or requirement) is not an achieved figure and is never drawn as a bar: "
                         + ", ".join(str(x) for x in rows.loc[rows["status"] == "standard", label]))
    rows[label] = [wrap_label(x) for x in unique_labels([str(x) for x in rows[label]])]
    positive = [v for v in rows["value"] if not _nan(v) and v > 0]
    if log == "auto":
        log = bool(positive) and max(positive) / min(positive) > 50
    floor = min(positive) / 3 if (log and positive) else 0
    extra_lines = sum(x.count("\n") for x in rows[label])
    fig, ax = _figure(ax, (8, max(1.6, 0.42 * len(rows) + 0.2 * extra_lines + 1.0)))
    finite = [v for v in rows["value"] if not _nan(v)]
    top = max(finite + [v for v in rows["value_high"] if not _nan(v)], default=1.0) or 1.0
    used_q, used_s = set(), set()
    for i, r in rows.iterrows():
        y = len(rows) - 1 - i
        status = r["status"]
        if status == "gap":
            ax.text(floor * 1.3 if log else top * 0.03, y, r.get("gap_text", "") or t("no_data", lang),
                    va="center", color=PALETTE["missing"], fontsize=9, style="italic")
            used_s.add("gap")
            continue
        if status == "missing" or _nan(r["value"]):
            ax.plot([floor if log else 0], [y], marker="x", color=PALETTE["missing"], markersize=10, mew=2,
                    clip_on=False, zorder=5)
            ax.text(floor * 1.3 if log else top * 0.03, y, t("lost_in_source", lang), va="center",
                    color=PALETTE["missing"], fontsize=9)
            used_s.add("missing")
            continue
        q = r["qualifier"]
        history = r.get("role", "") == "history" or bool(r.get("earlier", False))
        color = PALETTE["history"] if history else PALETTE.get(status, PALETTE["reported"])
        target = status == "target"
        ax.barh(y, r["value"] - floor, left=floor, height=0.6, color="none" if target else color,
                edgecolor=color if target else (PALETTE["missing"] if history else EDGE),
                linestyle="--" if target else "-", linewidth=1.2, hatch=HATCH.get(q, ""))
        if q == "range" and not _nan(r["value_low"]) and not _nan(r["value_high"]):
            ax.errorbar(r["value"], y, xerr=[[r["value"] - r["value_low"]], [r["value_high"] - r["value"]]],
                        fmt="none", ecolor="black", capsize=4, linewidth=1.2)
        if q == "at_least":
            ax.plot([r["value"]], [y], marker=">", color="black", markersize=7, fillstyle="none")
        used_q.add(q)
        used_s.add("history" if history else status)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(list(rows[label])[::-1])
    ax.set_ylim(-0.6, len(rows) - 0.4)  # every row inside the axes, a gap's words too (they draw no bar)
    log_word = t("plots_log_scale", lang)
    if log:
        ax.set_xscale("log")
        ax.set_xlim(left=floor)
        ax.set_xlabel(log_word)
    else:
        ax.set_xlim(left=0, right=top * 1.08)
    money = "unit" in rows.columns and (rows["unit"] == "CNY").all()
    if money or top >= 1e4:  # 21万 / 210k, never a 1e6 offset
        if log:
            ax.xaxis.set_major_formatter(money_log_formatter(lang))
            ax.xaxis.set_minor_formatter(money_log_formatter(lang))
        else:
            ax.xaxis.set_major_formatter(money_formatter(lang))
    if xlabel:
        ax.set_xlabel(xlabel + (f" {log_word}" if log else ""))
    if title:
        _title(ax, title)
    _legend(ax, used_q, used_s, lang)
    fig.tight_layout()
    return fig


def _legend(ax, qualifiers, statuses, lang):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for q in ("exact", "at_least", "at_most", "approx", "range"):
        if q in qualifiers:
            handles.append(Patch(facecolor=PALETTE["reported"], edgecolor=EDGE, hatch=HATCH[q],
                                 label=term(QUALIFIERS, q, lang)))
    if "target" in statuses:
        handles.append(Patch(facecolor="none", edgecolor=PALETTE["target"], linestyle="--",
                             label=t("target", lang)))
    if "missing" in statuses:
        handles.append(Line2D([], [], marker="x", color=PALETTE["missing"], linestyle="none",
                              label=t("lost_in_source", lang)))
    if "history" in statuses:
        handles.append(Patch(facecolor=PALETTE["history"], edgecolor=PALETTE["missing"],
                             label=t("earlier_phase", lang)))
    if "gap" in statuses:
        handles.append(Patch(facecolor="none", edgecolor="none", label=t("gap_legend", lang)))
    if handles:  # below the tick labels (a fixed distance in points): a legend never covers a bar or a tick
        _legend_below(ax, handles)


def to_png(fig) -> bytes:
    """PNG bytes of ``fig`` (saved in the chart :func:`theme`); the figure is closed. Same figure, same
    bytes (no date or software stamp). A chart from the chart cache gives its kept PNG; a chart drawn with a
    cache key is kept."""
    if isinstance(fig, chart_cache.Kept):
        return fig.png
    buf = io.BytesIO()
    with theme():
        fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(fig)
    png = buf.getvalue()
    if (k := getattr(fig, chart_cache.KEY_ATTR, None)) is not None:
        chart_cache.keep(k, png)
    return png


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@themed
def bar_panels(panels, label: str, lang: str = "zh", figsize=(8.5, 6.0)):
    """:func:`qualified_bars` charts stacked in one figure, one per ``(title, df)`` of ``panels`` (small
    multiples: the same rows for several indicators, each on its own axis); returns the Figure."""
    fig, axes = _pyplot().subplots(len(panels), 1, figsize=figsize)
    for ax, (title, df) in zip(list(axes) if len(panels) > 1 else [axes], panels):
        qualified_bars(df, label, lang, title=title, ax=ax)
    fig.tight_layout(h_pad=3.0)
    return fig


@themed
def timeline(events, lang: str = "zh", title: str | None = None, ax=None):
    """Launch and coverage events per model: ``events`` has ``label``, ``year``, ``kind`` (launch | coverage |
    target) and ``text``. Launches are circles, full coverage stars, targets open diamonds. Draws into
    ``ax`` when given, else a new figure; returns the Figure."""
    labels = list(dict.fromkeys(events["label"]))
    fig, ax = _figure(ax, (8, max(2.0, 0.45 * len(labels) + 1.2)))
    style = {"launch": {"marker": "o", "color": PALETTE["reported"], "fillstyle": "full"},
             "coverage": {"marker": "*", "color": "#2e8b57", "fillstyle": "full"},
             "target": {"marker": "D", "color": PALETTE["target"], "fillstyle": "none"}}
    seen = set()
    for e in events.itertuples():
        y = len(labels) - 1 - labels.index(e.label)
        ax.plot([e.year], [y], linestyle="none", markersize=11, **style[e.kind],
                label=None if e.kind in seen else t(f"plots_event_{e.kind}", lang))
        seen.add(e.kind)
        if getattr(e, "text", ""):
            ax.annotate(e.text, (e.year, y), xytext=(6, 6), textcoords="offset points", fontsize=8)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels[::-1])
    years = events["year"]
    ax.set_xlim(years.min() - 0.7, years.max() + 1.2)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if title:
        _title(ax, title)
    _legend_below(ax, ax.get_legend_handles_labels()[0])
    fig.tight_layout()
    return fig


@themed
def trend_chart(trend, lang: str = "zh", title: str | None = None, ylabel: str | None = None,
                goal: float | None = None, goal_label: str | None = None, goal_year: float | None = None, ax=None):
    """Observed points (hollow triangles for lower bounds), the fitted line, the prediction band, and the
    goal as a dashed line. Draws into ``ax`` when given, else a new figure; returns the Figure."""
    p, pts = trend.prediction, trend.points
    fig, ax = _figure(ax, (8, 4.2))
    ax.fill_between(p["t"], p["obs_low"], p["obs_high"], color=PALETTE["reported"], alpha=0.15,
                    label=f"{round((1 - trend.alpha) * 100)}% " + t("plots_prediction_interval", lang))
    ax.plot(p["t"], p["mean"], color=PALETTE["reported"], label=t("plots_linear_trend", lang))
    for q, marker, fill in (("exact", "o", "full"), ("at_least", "^", "none"), ("approx", "s", "none")):
        sel = pts[pts["qualifier"] == q]
        if len(sel):
            ax.plot(sel["t"], sel["value"], linestyle="none", marker=marker, fillstyle=fill, markersize=8,
                    color="black", label=term(QUALIFIERS, q, lang))
    if goal is not None:
        ax.axhline(goal, color=PALETTE["target"], linestyle="--", label=goal_label or t("target", lang))
    if goal_year is not None:
        ax.axvline(goal_year, color=PALETTE["target"], linestyle=":", linewidth=1)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        _title(ax, title)
    if p["obs_high"].max() >= 1e4:  # 3.7万 / 37k, never a 1e4 offset
        ax.yaxis.set_major_formatter(money_formatter(lang))
    _legend_below(ax, ax.get_legend_handles_labels()[0], ncol=3)
    fig.tight_layout()
    return fig


def _legend_below(ax, handles, ncol=3):
    """A legend under the axes' tick labels, so it never covers data."""
    from matplotlib.transforms import offset_copy

    below = offset_copy(ax.transAxes, fig=ax.figure, y=-(40 if ax.get_xlabel() else 24), units="points")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
              ncol=min(ncol, len(handles)), fontsize=8, frameon=False)


@themed
def heatmap(matrix, title: str | None = None, fmt: str = "d", cmap: str = "Blues", ax=None):
    """A labelled heatmap of a models × categories matrix of counts (or shares with ``fmt='.0%'``). Draws
    into ``ax`` when given, else a new figure; returns the Figure."""
    import seaborn as sns

    fig, ax = _figure(ax, (1.1 * len(matrix.columns) + 3.5, 0.42 * len(matrix) + 1.6))
    sns.heatmap(matrix, annot=True, fmt=fmt, cmap=cmap, cbar=False, linewidths=0.5, ax=ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    if title:
        _title(ax, title)
    fig.tight_layout()
    return fig


@themed
def highlight_bars(df, label: str, highlight, lang: str = "zh", title: str | None = None, xlabel=None, ax=None):
    """Qualified bars with the rows whose ``label`` is in ``highlight`` in a contrasting colour. Draws into
    ``ax`` when given, else a new figure; returns the Figure."""
    fig = qualified_bars(df, label, lang=lang, title=title, xlabel=xlabel, ax=ax)
    ax = ax if ax is not None else fig.axes[0]
    names = list(df[label])[::-1]
    for tick, name in zip(ax.get_yticklabels(), names):
        if name in set(highlight):
            tick.set_color(PALETTE["target"])
    return fig
