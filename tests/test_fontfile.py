"""The CJK font file is found without matplotlib, and the build's modules do not import it."""

import subprocess
import sys

import pytest

from helpers import fontfile


def test_font_file_is_the_pinned_noto_sans_cjk():
    path = fontfile.cjk_font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert path.read_bytes()[:4] == b"OTTO"  # an OpenType (CFF) font, not a stub


@pytest.mark.parametrize("module", ["helpers.fontfile", "helpers.webfont", "helpers.site.run", "helpers.cli"])
def test_build_modules_do_not_import_matplotlib(module):
    code = (f"import sys, {module}; from helpers.fontfile import cjk_font_path; cjk_font_path(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'mplfonts', 'seaborn')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_check_would_see_matplotlib():
    """The control: a module that does import matplotlib shows up in the same check."""
    code = "import sys, helpers.pages.plots as p; p.register_cjk_font(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_missing_font_is_one_clear_line(monkeypatch):
    monkeypatch.setattr(fontfile, "FONT_FILE", "NoSuchFont.otf")
    with pytest.raises(FileNotFoundError, match=r"CJK font not found at .*NoSuchFont\.otf; reinstall"):
        fontfile.cjk_font_path()
