"""JupyterLab shows Chinese from the first look: its own pages get the CJK font from a custom stylesheet.

:mod:`helpers.pages.notebook_font` gives a notebook the font once its first cell has run; before that (and after
an error in that cell) a machine without a Chinese font shows boxes in markdown and code cells. ``make lab`` runs
``python -m helpers.pages.lab_css FOLDER`` first, which writes ``FOLDER/custom.css`` and ``FOLDER/wb-cjk.woff``
(the subset of the pinned Noto Sans CJK SC holding every CJK character of data/raw/, src/helpers/ and the
notebooks; cached in .cache/fonts/), then starts JupyterLab with ``JUPYTER_CONFIG_DIR`` set to FOLDER's parent (a
project-local folder, never the user's ~/.jupyter) and ``--LabApp.custom_css=True``, so JupyterLab 4 links
``custom/custom.css`` in the head of its page before any extension or cell runs.

The stylesheet puts "WB CJK" (limited by ``unicode-range`` to CJK code points, so Latin text keeps its fonts) in
front of JupyterLab's UI and content font variables and behind its code font, on ``body`` so the theme's own
``:root`` values are overridden by inheritance whatever order the stylesheets load in.

>>> css = stylesheet("wb-cjk.woff")
>>> '@font-face{font-family:"WB CJK";src:url("wb-cjk.woff") format("woff")' in css
True
>>> "--jp-content-font-family:" in css and "--jp-code-font-family:" in css
True
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.webfont import FAMILY, UNICODE_RANGE

FONT_FILE = "wb-cjk.woff"
_UI = ('system-ui,-apple-system,blinkmacsystemfont,"Segoe UI",helvetica,arial,sans-serif,"Apple Color Emoji",'
       '"Segoe UI Emoji","Segoe UI Symbol"')
_CODE = 'menlo,consolas,"DejaVu Sans Mono",monospace'


def stylesheet(font_url: str = FONT_FILE) -> str:
    """The custom.css text: the font face and JupyterLab's three font variables."""
    return (f'@font-face{{font-family:"{FAMILY}";src:url("{font_url}") format("woff");'
            f"unicode-range:{UNICODE_RANGE};}}\n"
            f'body{{--jp-ui-font-family:"{FAMILY}",{_UI};--jp-content-font-family:"{FAMILY}",{_UI};'
            f'--jp-code-font-family:{_CODE},"{FAMILY}";}}\n')


def write(folder: Path, project=None) -> list[Path]:
    """Write custom.css and the font subset into ``folder`` (created); return the two paths."""
    from helpers.pages.notebook_font import project_chars
    from helpers.paths import Project
    from helpers.webfont import cached_woff

    project = project or Project.find()
    folder.mkdir(parents=True, exist_ok=True)
    woff = cached_woff(project_chars(project), project.font_cache)
    font, css = folder / FONT_FILE, folder / "custom.css"
    font.write_bytes(woff)
    css.write_text(stylesheet(FONT_FILE), encoding="utf-8")
    return [css, font]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m helpers.pages.lab_css FOLDER (JUPYTER_CONFIG_DIR/custom)", file=sys.stderr)
        return 2
    try:
        paths = write(Path(args[0]))
    except OSError as e:
        print(f"lab_css: {e.filename}: {e.strerror}", file=sys.stderr)
        return 1
    print(f"lab_css: wrote {paths[0]} and {paths[1].name} ({paths[1].stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
