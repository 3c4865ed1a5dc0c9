"""Where the pinned Chinese font lives on disk, found without importing matplotlib.

Charts (:mod:`helpers.pages.plots`, :mod:`helpers.pages.maps`) register this font with matplotlib; the
report build (:mod:`helpers.webfont`) subsets it for the pages' ``@font-face``. The build must not pay for
importing matplotlib (nor ``mplfonts``, whose package imports it), so the file is located from the package's
import spec, which does not run the package.

>>> cjk_font_path().name
'NotoSansCJKsc-Regular.otf'
>>> CJK_FAMILY
'Noto Sans CJK SC'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

CJK_FAMILY = "Noto Sans CJK SC"
FONT_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC font shipped by the ``mplfonts`` package (a pinned dependency)."""
    spec = importlib.util.find_spec("mplfonts")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "fonts" / FONT_FILE
        if path.exists():
            return path
    where = Path(folders[0]) / "fonts" / FONT_FILE if folders else "the mplfonts package (not installed)"
    raise FileNotFoundError(f"CJK font not found at {where}; reinstall with `make setup`")
