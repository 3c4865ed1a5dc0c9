"""helpers.vocabulary: each controlled vocabulary is declared once, and every layer reads that declaration."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from helpers import vocabulary as v
from helpers.cli import main
from helpers.site.errors import SpecError
from helpers.site.spec import load_reports, read_spec

HEAD = """
parameters:
  dimension: {label: {zh: 维度, en: Dimension}%s}
  lang: {label: {zh: 语言, en: Language}, vocabulary: languages}
reports:
  - {id: 'c-{dimension}-{lang}', notebook: n.ipynb, title: C, matrix: {dimension: %s, lang: all}}
"""


def write(project, dimension_decl: str, matrix: str = "all") -> None:
    decl = f", {dimension_decl}" if dimension_decl else ""
    (project.root / "reports.yml").write_text(HEAD % (decl, matrix), encoding="utf-8")


def spec_error(project) -> str:
    with pytest.raises(SpecError) as e:
        load_reports(project.root)
    return str(e.value)


@pytest.mark.parametrize("vocab", v.ALL, ids=lambda x: x.name)
def test_every_value_has_a_chinese_and_an_english_label(vocab):
    assert vocab.values and len(set(vocab.values)) == len(vocab.values)
    for value in vocab.values:
        zh, en = vocab.label(value, "zh"), vocab.label(value, "en")
        assert isinstance(zh, str) and zh.strip(), (vocab.name, value)
        # a count has no English unit word ("12", not "12 count"); every other label is written out
        blank_ok = vocab is v.UNITS and value == "count"
        assert isinstance(en, str) and (en.strip() or blank_ok), (vocab.name, value)
        assert any("\u4e00" <= ch <= "\u9fff" or ch in "%" for ch in zh), (vocab.name, value, zh)


def test_vocabulary_names_are_unique_and_resolve():
    assert len(v.names()) == len(v.ALL)
    for vocab in v.ALL:
        assert v.by_name(vocab.name) is vocab
    with pytest.raises(KeyError, match="no vocabulary 'colours'; declared: languages, dimensions"):
        v.by_name("colours")


def test_subsets_keep_their_parent_labels_and_refuse_strangers():
    for parent, child in [(v.DIMENSIONS, v.REPORT_DIMENSIONS), (v.DIMENSIONS, v.PAGE_DIMENSIONS),
                          (v.SCOPES, v.HEADLINE_SCOPES), (v.PLACE_LEVELS, v.LEVELS),
                          (v.REASONS, v.GAP_REASONS),
                          (v.REASONS, v.CHOICE_REASONS)]:
        assert set(child.values) <= set(parent.values)
        assert all(child[x] == parent[x] for x in child)
    assert set(v.GAP_REASONS.values) | set(v.CHOICE_REASONS.values) == set(v.REASONS.values)
    assert not set(v.GAP_REASONS.values) & set(v.CHOICE_REASONS.values)
    assert v.PAGE_DIMENSIONS.values == ("coverage", "staffing", "funding", "outputs", "targets")
    with pytest.raises(ValueError, match="vocabulary dimensions has no value 'budget'"):
        v.DIMENSIONS.subset("staffing", "budget")
    # every aspect has its section heading, in the aspects' order (the three-model page's sections)
    assert v.ASPECT_HEADINGS.values == v.ASPECTS.values == tuple(v.ASPECT_DIMENSIONS)


def test_schema_and_quantities_use_exactly_the_declared_values():
    from helpers.data import comparison, derived, quantities, schema

    assert schema.TABLES["facts"]["dimension"][2] == v.DIMENSIONS.values
    assert schema.TABLES["indicators"]["unit"][2] == v.UNITS.values == quantities.UNITS
    assert schema.TABLES["facts"]["qualifier"][2] == v.QUALIFIERS.values == quantities.QUALIFIERS
    assert schema.TABLES["facts"]["scope"][2] == v.SCOPES.values
    assert schema.TABLES["models"]["level"][2] == v.LEVELS.values
    assert schema.TABLES["models"]["operating_mode"][2] == v.MODES.values
    assert schema.TABLES["sources"]["language"][2] == v.LANGUAGES.values
    assert schema.TABLES["sources"]["kind"][2] == v.SOURCE_KINDS.values
    assert schema.TABLES["sources"]["reliability"][2] == v.RELIABILITIES.values
    assert schema.TABLES["facts"]["status"][2] == v.STATUSES.values
    assert schema.TABLES["facts"]["payer"][2] == v.PAYERS.values
    assert schema.HEADLINE_SCOPES == v.HEADLINE_SCOPES.values
    assert derived.RULES == v.RULES.values and derived.FLAGS == v.FLAGS.values
    assert comparison.CHOICE_REASONS + comparison.GAP_REASONS == v.REASONS.values
    # every qualifier the parser can return is declared, and has a symbol for the figure
    assert {quantities.parse_quantity(x).qualifier for x in ("3人", "300余人", "不超过5个", "约2万元", "二至三名")} \
        == set(v.QUALIFIERS.values) == set(v.SYMBOLS)


def test_reliabilities_run_from_the_most_to_the_least_trusted_and_standard_is_a_status():
    # the order is the preference order comparison.csv uses: a body's own page first, a page of unknown origin last
    assert v.RELIABILITIES.values == ("official", "press", "secondary", "mirror", "unknown")
    assert v.by_name("reliabilities") is v.RELIABILITIES
    assert v.STATUSES.label("standard", "zh") == "标准/要求"
    assert {"reported", "target", "standard", "missing"} == set(v.STATUSES.values)


def test_a_raw_table_value_outside_the_vocabulary_is_refused():
    import pandas as pd
    import pandera.errors

    from helpers.data.schema import schema

    row = {c: "" for c in schema("indicators").columns}
    row.update(indicator="x", dimension="budget", unit="persons", label_zh="x", label_en="x", definition="x")
    with pytest.raises(pandera.errors.SchemaError, match="must be one of: staffing, funding, outputs"):
        schema("indicators").validate(pd.DataFrame([row]))


def test_page_labels_are_the_declared_labels():
    from helpers.pages.i18n import format_figure, scope_phrase, term, tiers

    assert term(v.DIMENSIONS, "outputs", "zh") == "服务产出"
    assert term(v.PLACE_LEVELS, "site", "en") == "one site"
    assert format_figure(300, 300, None, "at_least", "persons", "reported", "zh") == "≥ 300 人"
    assert format_figure(12, 12, 12, "exact", "count", "reported", "en") == "12"
    assert scope_phrase("whole", "county", "zh") == "全县(区)"
    assert tiers("county|village", "en") == "county → village"


def test_notebook_parameters_and_reports_yml_share_one_declaration(mini):
    from helpers.pages.params import ParameterError, check_choice

    shipped = read_spec(REPO)["parameters"]
    assert shipped["dimension"]["vocabulary"] == v.PARAMETERS["dimension"].name
    assert shipped["lang"]["vocabulary"] == v.PARAMETERS["lang"].name
    write(mini, "vocabulary: report_dimensions")
    reports = load_reports(mini.root)
    assert [r.id for r in reports] == [f"c-{d}-{lang}" for d in v.REPORT_DIMENSIONS.values
                                       for lang in ("zh", "en")]
    assert reports[0].display == (("维度", "人员配置"), ("语言", "中文"))
    assert reports[-1].display == (("Dimension", "Outputs"), ("Language", "English"))
    for name, vocab in v.PARAMETERS.items():
        for value in vocab.values:
            assert check_choice(name, value, vocab.values) == value
    with pytest.raises(ParameterError, match="allowed values: staffing, funding, outputs"):
        check_choice("dimension", "targets", v.PARAMETERS["dimension"].values)


def test_report_start_checks_dimension_against_the_vocabulary(monkeypatch):
    from helpers.pages import report
    from helpers.pages.params import ParameterError

    monkeypatch.setattr(report.load, "tables", lambda root: None)  # lang and dimension need no data
    with pytest.raises(ParameterError, match="parameter dimension='targets' is not allowed; allowed values: "
                                             "staffing, funding, outputs"):
        report.start("zh", root=REPO, dimension="targets")
    with pytest.raises(ParameterError, match="parameter lang='fr'"):
        report.start("fr", root=REPO)


@pytest.mark.parametrize("decl, matrix, message", [
    ("vocabulary: report_dimension", "all",
     ("reports.yml: parameters.dimension.vocabulary: 'report_dimension' is not a vocabulary declared in "
      "helpers/vocabulary.py; declared: languages, dimensions, report_dimensions")),
    ("values: [staffing, budget]", "all",
     ("reports.yml: parameters.dimension: dimension value 'budget' is not in vocabulary report_dimensions "
      "(helpers/vocabulary.py); allowed: staffing, funding, outputs")),
    ("values: [staffing, targets]", "all",
     "reports.yml: parameters.dimension: dimension value 'targets' is not in vocabulary report_dimensions"),
    ("vocabulary: report_dimensions", "[staffing, budget]",
     ("reports.yml: reports[0] (c-{dimension}-{lang}).matrix.dimension[1]: dimension='budget' is not allowed; "
      "allowed: staffing, funding, outputs")),
    ("vocabulary: report_dimensions, values: [staffing]", "all",
     "reports.yml: parameters.dimension: give only one of values, values_from, list_of, vocabulary"),
    ("", "[staffing]", ("reports.yml: parameters.dimension: dimension needs its values; "
                               "give vocabulary: report_dimensions")),
])
def test_a_reports_yml_value_outside_the_vocabulary_is_refused(mini, decl, matrix, message):
    write(mini, decl, matrix)
    err = spec_error(mini)
    assert err.startswith(message) and "\n" not in err


def test_values_listed_inside_the_vocabulary_are_accepted(mini):
    write(mini, "values: {funding: {zh: 经费, en: Money}}")
    assert [r.id for r in load_reports(mini.root)] == ["c-funding-zh", "c-funding-en"]


def test_cli_list_refuses_an_unknown_vocabulary_in_one_line(mini, capsys):
    write(mini, "vocabulary: nope")
    assert main(["--root", str(mini.root), "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("workbook list: reports.yml: parameters.dimension.vocabulary: 'nope' is not a "
                          "vocabulary")
    assert "\n" not in err and "Traceback" not in err


def test_the_module_imports_nothing_heavy():
    heavy = ("pandas", "numpy", "matplotlib", "pandera", "yaml")
    code = f"import sys; import helpers.vocabulary; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
