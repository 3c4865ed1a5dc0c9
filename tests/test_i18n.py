"""Words and figures in both languages (helpers.pages.i18n)."""

from pathlib import Path

from helpers.pages.i18n import format_figure, tiers


def test_tiers_and_figures_read_in_both_languages():
    assert tiers("county|township|village", "zh") == "县(区) → 乡镇(街道) → 村(社区)"
    assert tiers("", "en") == "—"
    assert format_figure(2.5, 2, 3, "range", "persons", "reported", "zh") == "2–3 人"
    assert format_figure(210000, 210000, None, "at_least", "person_times", "reported", "zh") == "≥ 21万 人次"
    assert format_figure(None, None, None, "exact", "count", "missing", "en") == "— (lost in source)"
    assert format_figure(15000, 15000, 15000, "exact", "persons", "target", "en") == "15,000 persons (target)"
    assert format_figure(40, 40, None, "at_least", "percent", "reported", "en") == "≥ 40%"


# Chinese that page modules may hold outside i18n: words they match in data, not words a page prints
# (the mirror marker in sources.csv, the level names of the boundary files, the dash-line shape's name) and
# the 万/亿 of money ticks, which are number formatting like i18n.number's.
NOT_PAGE_WORDS = {("figdata.py", "镜像|mirror|repost"), ("geo.py", "省"), ("geo.py", "市"), ("geo.py", "区县"),
                  ("geo.py", "南海断续线"), ("chart_labels.py", "亿"), ("chart_labels.py", "万")}


def _page_modules():
    import ast
    from pathlib import Path

    import helpers.pages

    folder = Path(helpers.pages.__file__).parent
    for path in sorted([*folder.glob("*.py"), *folder.glob("views/*.py")]):
        if path.name not in ("i18n.py", "page_words.py"):
            yield path.name, ast.parse(path.read_text(encoding="utf-8"))


def test_page_modules_print_no_words_of_their_own():
    """Every zh/en word a page prints is an i18n.WORDS entry or a vocabulary label: no Chinese string outside
    docstrings in the page modules, and no pick() of two written-out texts."""
    import ast

    found, picks = set(), []
    for name, tree in _page_modules():
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for n in ast.walk(tree):
            if (isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
                    and any("\u4e00" <= c <= "\u9fff" for c in n.value)):
                found.add((name, n.value))
            if (isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) in ("pick", "say")
                    and len(n.args) >= 2 and all(isinstance(a, (ast.Constant, ast.JoinedStr)) for a in n.args[:2])):
                picks.append((name, n.lineno))
    assert found - NOT_PAGE_WORDS == set()
    assert picks == []


def test_page_words_are_one_dictionary_with_both_languages():
    from helpers.pages.i18n import WORDS, pair
    from helpers.pages.page_words import PAGE_WORDS

    source = (Path(__file__).parents[1] / "src/helpers/pages/i18n.py").read_text(encoding="utf-8")
    own = source[source.index("WORDS = {"):source.index("**PAGE_WORDS")]
    assert not [k for k in PAGE_WORDS if f'"{k}":' in own]  # a key in both would silently lose one
    for key, (zh, en) in PAGE_WORDS.items():
        assert WORDS[key] == (zh, en) and zh.strip() and en.strip(), key
        assert zh.count("{") == en.count("{") or "{" not in zh + en, key
    assert pair("statistics_level_at_start", origin=2020) == ("2020年初水平", "level at start of 2020")


def test_page_word_templates_name_their_fields_and_both_languages_take_the_same():
    import string

    from helpers.pages.page_words import PAGE_WORDS

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (zh, en) in PAGE_WORDS.items():
        assert fields(zh) == fields(en), key
        assert not [f for f in fields(zh) if f[0] == "x" and f[1:].isdigit()], key  # {x0}: say what it holds
