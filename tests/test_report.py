"""Notebook parameters are checked with one clear error; reports cite what they show."""

import inspect
import shutil

import pytest
from conftest import REPO

from helpers.pages import report
from helpers.pages.params import ParameterError
from helpers.parameters import declared


@pytest.fixture
def mini(mini):
    """The small project, with the shipped reports.yml: its ``parameters`` are what start checks against."""
    shutil.copy(REPO / "reports.yml", mini.root / "reports.yml")
    return mini


@pytest.mark.parametrize("kwargs,words", [
    ({"lang": "fr"}, ["lang='fr'", "zh, en"]),
    ({"lang": "zh", "dimension": "costs"}, ["dimension='costs'", "staffing, funding, outputs"]),
    ({"lang": "zh", "model_id": "atlantis"}, ["model_id='atlantis'", "qingdao"]),
    ({"lang": "zh", "model_ids": ["qingdao"]}, ["model_ids", "at least 2"]),
    ({"lang": "zh", "model_ids": ["qingdao", "mars"]}, ["model_ids", "'mars'", "allowed values: qingdao"]),
    ({"lang": "zh", "indicator": "happiness"}, ["indicator='happiness'", "allowed values:", "stations_township"]),
    ({"lang": "zh", "colour": "red"}, ["unknown parameter 'colour'", "known: dimension, model_id, model_ids"]),
    ({"lang": "zh", "dimension": "targets"}, ["dimension='targets'", "allowed values: staffing, funding, outputs"]),
])
def test_bad_parameter_names_parameter_value_and_allowed(mini, kwargs, words):
    with pytest.raises(ParameterError) as e:
        report.start(root=mini.root, **kwargs)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_start_keeps_the_checked_parameters_on_the_report(mini):
    r = report.start("en", root=mini.root, model_id="qingdao")
    assert (r.lang, r.model_id, r.model_ids, r.dimension, r.indicator) == ("en", "qingdao", None, None, None)
    assert r.given() == {"model_id": "qingdao", "lang": "en"}
    r = report.start("zh", root=mini.root, dimension="funding")
    assert r.dimension == "funding" and r.given() == {"dimension": "funding", "lang": "zh"}
    assert "<td>dimension</td><td>funding</td>" in r.parameters().html.replace("\n", "").replace(" ", "")


def test_start_checks_against_the_declarations_in_reports_yml(mini):
    """Narrow a declaration in reports.yml and start refuses what it no longer allows: the values come from
    there, not from a list in the code."""
    spec = (mini.root / "reports.yml").read_text(encoding="utf-8")
    narrowed = spec.replace("    list_of: model_id\n    minimum: 2", "    list_of: model_id\n    minimum: 1")
    assert narrowed != spec
    (mini.root / "reports.yml").write_text(narrowed, encoding="utf-8")
    assert report.start("zh", root=mini.root, model_ids=["qingdao"]).model_ids == ["qingdao"]
    (mini.root / "reports.yml").write_text(spec.replace("vocabulary: report_dimensions",
                                                        "values: [staffing, outputs]"), encoding="utf-8")
    with pytest.raises(ParameterError, match="dimension='funding' is not allowed; allowed values: staffing, outputs"):
        report.start("zh", root=mini.root, dimension="funding")


def test_the_report_takes_exactly_the_declared_parameters():
    """Report's typed keyword parameters are the ones reports.yml declares (besides lang): a parameter
    declared there and not here (or the reverse) fails this test, not a notebook run."""
    keywords = [name for name, p in inspect.signature(report.Report).parameters.items()
                if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert sorted(keywords) == sorted(set(declared(REPO)) - {"lang"})
    assert list(report.Report(None, "zh", model_ids=["a", "b"], dimension="funding").given()) == [
        "dimension", "model_ids", "lang"]  # declaration order, lang last


def test_start_builds_missing_processed_data_and_cites(mini):
    r = report.start("en", root=mini.root, model_id="qingdao")
    assert (mini.processed / "facts.parquet").exists()
    facts = r.data.facts[r.data.facts["fact_id"] == "s_qd-01"]
    html = r.table(facts[["fact_id"]], "caption", facts=facts).html
    assert 'href="#src-s-qd"' in html
    section = r.sources().html
    assert "2022年，青岛市建设镇街社工站138处" in section and "s_ref" not in section


def test_derived_rows_cite_their_input_facts(mini):
    r = report.start("zh", root=mini.root)
    d = r.data.derived[r.data.derived["indicator"] == "workers_per_station"]
    assert r.cite(d) == ["s_qd"]
    assert r.cited["s_qd"] == {"s_qd-01", "s_qd-02"}


def test_notebooks_find_the_project_from_any_folder(mini, tmp_path_factory, monkeypatch):
    from pathlib import Path

    from helpers.paths import Project

    monkeypatch.delenv("WORKBOOK_ROOT", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # no data/raw/ here or above
    home = Path(report.__file__).resolve().parents[3]  # the checkout: <home>/src/helpers/pages/report.py
    assert Project.locate().root == home
    monkeypatch.setenv("WORKBOOK_ROOT", str(mini.root))
    assert Project.locate().root == mini.root.resolve()
    assert Project.find(home / "notebooks").root == home  # a project's own folder wins over the variable
    assert report.start("en").data.model_ids == ["qingdao"]  # the project WORKBOOK_ROOT names


def test_in_jupyterlab_start_shows_the_cjk_font_the_reports_embed(mini, monkeypatch):
    import base64
    import io
    import re

    from conftest import share_font_cache
    from fontTools.ttLib import TTFont

    from helpers.pages import notebook_font

    share_font_cache(mini)  # the subset of the project's characters is made once a session
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append((obj, kw)))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv("WORKBOOK_NOTEBOOK_FONT", raising=False)
    report.start("zh", root=mini.root)
    assert shown == []  # papermill and scripts: no font block (reports embed their own)

    monkeypatch.setenv("JPY_SESSION_NAME", str(mini.root / "notebooks" / "01_overview.ipynb"))
    report.start("zh", root=mini.root)
    (obj, kw), = shown
    assert kw == {"metadata": {"wb-notebook-only": True}}
    html = obj.data
    assert html.startswith('<style id="wb-cjk-font-notebook">@font-face{font-family:"WB CJK"')
    assert ".jp-Notebook .jp-RenderedHTMLCommon" in html
    woff = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1))
    cmap = TTFont(io.BytesIO(woff)).getBestCmap()
    needed = "青岛模式社工站二至三名来源"  # data (models, evidence) and the helpers' own labels (来源)
    assert [c for c in needed if ord(c) not in cmap] == []
    assert set(notebook_font.project_chars(mini)) >= set(needed)
    monkeypatch.setenv("WORKBOOK_NOTEBOOK_FONT", "0")
    report.start("zh", root=mini.root)
    assert len(shown) == 1


def test_a_figure_lists_the_facts_it_draws_and_a_dagger_note_when_one_rests_on_a_mirror():
    import fixture_trust
    import matplotlib.pyplot as plt
    import pandas as pd

    data = fixture_trust.tables()
    r = report.Report(data, "en")
    f = data.facts
    html = r.figure(plt.figure(), "x", facts=f[f["fact_id"].isin(["go-01", "hp-01"])]).html
    assert 'data-fact-ids="go-01 hp-01"' in html and "check the original" not in html
    html = r.figure(plt.figure(), "x", facts=f[f["fact_id"] == "gm-01"]).html
    assert 'data-fact-ids="gm-01"' in html and "† from a copy on an unrelated site" in html
    derived = pd.DataFrame([{"derived_id": "d1", "indicator": "stations_township", "dimension": "coverage",
                             "label_zh": "站", "label_en": "stations", "model_id": "gd", "region_code": "440000",
                             "scope": "whole", "value": 0.25, "value_low": 0.25, "value_high": 0.25,
                             "unit": "count", "qualifier": "exact", "as_of": "2020", "period": "point_in_time",
                             "inputs": "gm-01|regions:440000:townships", "source_ids": "gm|go", "rule": "same_date",
                             "flags": "", "note": ""}])
    assert 'data-fact-ids="gm-01"' in r.figure(plt.figure(), "x", facts=derived).html
    assert "check the original" in r.table(pd.DataFrame({"a": ["407 †"]}), "t").html
    assert "check the original" not in r.table(pd.DataFrame({"a": ["407"]}), "t").html
    zh = report.Report(data, "zh").table(pd.DataFrame({"a": ["407 †"]}), "t").html
    assert "† 依据的是无关网站上的转载副本或来源不明的网页,请核对原文。" in zh
