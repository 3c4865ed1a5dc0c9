"""reports.yml: matrix expansion over data/raw/models.csv, and clear errors for every kind of mistake."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import REPO, edit_cell

from helpers.cli import main
from helpers.parameters import read_column
from helpers.site.errors import SpecError, UnknownReport
from helpers.site.spec import load_reports, select

HEAD = """
parameters:
  model_id: {label: {zh: 模式, en: Model}, values_from: {csv: data/raw/models.csv, column: model_id,
             label: {zh: name_zh, en: name_en}}}
  dimension: {label: {zh: 维度, en: Dimension}, values: {staffing: {zh: 人员配置, en: Staffing}, funding: 经费}}
  model_ids: {label: {zh: 比较的模式, en: Models}, list_of: model_id}
  lang: {label: {zh: 语言, en: Language}, values: {zh: {zh: 中文, en: Chinese}, en: {zh: 英文, en: English}}}
"""


def write_spec(project, reports: str, head: str = HEAD):
    (project.root / "reports.yml").write_text(head + "reports:\n" + reports, encoding="utf-8")


def add_model(project, model_id: str, name_zh: str, name_en: str) -> None:
    """Append a copy of the first models.csv row under a new id and names."""
    path = project.raw_file("models")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("qingdao,青岛模式,Qingdao model", f"{model_id},{name_zh},{name_en}", 1))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def shipped_spec(project) -> None:
    """The repository's reports.yml in ``project``, with the models its three-model report names."""
    shutil.copy(REPO / "reports.yml", project.root / "reports.yml")
    add_model(project, "guangdong_shuangbai", "广东双百", "Guangdong Double Hundred")
    add_model(project, "hunan_he", "湖南禾计划", "Hunan He plan")


def spec_error(project) -> str:
    with pytest.raises(SpecError) as e:
        load_reports(project.root)
    return str(e.value)


def test_shipped_spec_expands_profiles_over_models_csv(mini):
    shipped_spec(mini)
    ids = [r.id for r in load_reports(mini.root)]
    assert {f"profile-{m}-{lang}" for m in ("qingdao", "guangdong_shuangbai", "hunan_he")
            for lang in ("zh", "en")} <= set(ids)
    assert {f"compare-{d}-{lang}" for d in ("staffing", "funding", "outputs") for lang in ("zh", "en")} <= set(ids)
    assert {"overview-zh", "overview-en", "three-models-zh", "statistics-en", "data-quality-zh"} <= set(ids)
    assert {"provinces-zh", "provinces-en"} <= set(ids)
    assert len(ids) == len(set(ids)) == 2 * (1 + 3 + 1 + 3 + 1 + 1 + 1)


def test_a_new_model_row_adds_its_reports_without_editing_the_spec(mini):
    shipped_spec(mini)
    before = {r.id for r in load_reports(mini.root)}
    add_model(mini, "jinan", "济南模式", "Jinan model")
    after = {r.id for r in load_reports(mini.root)}
    assert after - before == {"profile-jinan-zh", "profile-jinan-en"}


def test_titles_parameters_and_display_use_labels(mini):
    write_spec(mini, """
  - id: profile-{model_id}-{lang}
    notebook: notebooks/p.ipynb
    title: {zh: "概况：{model_id:zh}", en: "Profile: {model_id:en}"}
    matrix: {model_id: all, lang: all}
  - id: three-{lang}
    notebook: notebooks/t.ipynb
    title: 三种模式
    parameters: {model_ids: [qingdao, qingdao]}
    matrix: {lang: [en]}
""")
    zh, en, three = load_reports(mini.root)
    assert (zh.id, zh.title, zh.lang, zh.parameters) == ("profile-qingdao-zh", "概况：青岛模式", "zh",
                                                          {"model_id": "qingdao", "lang": "zh"})
    assert en.title == "Profile: Qingdao model"
    assert zh.display == (("模式", "青岛模式"), ("语言", "中文"))
    assert three.parameters == {"model_ids": ["qingdao", "qingdao"], "lang": "en"}
    assert three.display[0] == ("Models", "Qingdao model, Qingdao model")


@pytest.mark.parametrize("reports, expected", [
    ("  - {id: a, notebook: n.ipynb, title: A, parameters: {dimension: staff}}\n",
     "reports[0] (a).parameters.dimension: dimension='staff' is not allowed; allowed: staffing, funding"),
    ("  - {id: a, notebook: n.ipynb, title: A, matrix: {model_id: [qingdao, atlantis]}}\n",
     "matrix.model_id[1]: model_id='atlantis' is not allowed; allowed: qingdao"),
    ("  - {id: a, notebook: n.ipynb, title: A, parameters: {colour: red}}\n",
     "unknown parameter 'colour'; declared in parameters: model_id, dimension, model_ids, lang"),
    ("  - {id: a, notebook: n.ipynb, title: A, matrix: {lang: all}}\n",
     "report id 'a' is already used by reports[0]"),
    ("  - {id: a, notebook: n.ipynb, title: A, note: x}\n",
     "reports[0]: unknown key 'note'; allowed: id, notebook, title, group, parameters, matrix"),
    ("  - {id: a, title: A}\n", "reports[0]: 'notebook' is missing"),
    ("  - {id: 'a-{region}', notebook: n.ipynb, title: A, matrix: {lang: all}}\n",
     "unknown placeholder {region}; parameters of this report: lang"),
    ("  - {id: 'A B', notebook: n.ipynb, title: A}\n", "'A B' is not a valid report id"),
    ("  - {id: a, notebook: n.ipynb, title: {zh: 甲}}\n", "title: 'en' is missing"),
    ("  - {id: a, notebook: n.ipynb, title: A, parameters: {model_ids: qingdao}}\n",
     "model_ids must be a non-empty list of model_id values"),
])
def test_spec_errors_name_the_key_and_the_allowed_values(mini, reports, expected):
    write_spec(mini, reports)
    assert expected in spec_error(mini)


@pytest.mark.parametrize("decl, reports, expected", [
    ("list_of: model_id, minimum: 2", "parameters: {model_ids: [qingdao]}",
     "parameters.model_ids: model_ids must be a list of at least 2 model_id values"),
    ("list_of: model_id, minimum: 0", "parameters: {model_ids: [qingdao]}",
     "parameters.model_ids.minimum: expected a whole number of at least 1, got 0"),
    ("values: [a, b], minimum: 2", "parameters: {model_ids: a}",
     "parameters.model_ids.minimum: only a list parameter (list_of) takes a minimum"),
    ("list_of: model_id, help: [x]", "parameters: {model_ids: [qingdao]}",
     "parameters.model_ids.help: expected one line of text"),
])
def test_a_list_parameter_declares_its_minimum_and_reports_yml_keeps_to_it(mini, decl, reports, expected):
    head = HEAD.replace("list_of: model_id}", decl + "}")
    assert head != HEAD
    write_spec(mini, f"  - {{id: a, notebook: n.ipynb, title: A, {reports}}}\n", head)
    assert expected in spec_error(mini)


def test_bad_yaml_and_missing_csv_column_are_clear(mini):
    (mini.root / "reports.yml").write_text("reports: [\n  - id: a\n", encoding="utf-8")
    assert spec_error(mini).startswith("reports.yml: line ")
    write_spec(mini, "  - {id: a, notebook: n.ipynb, title: A}\n",
               head="parameters:\n  m: {values_from: {csv: data/raw/models.csv, column: modelid}}\n")
    assert "data/raw/models.csv has no column 'modelid'; columns: model_id," in spec_error(mini)
    write_spec(mini, "  - {id: a, notebook: n.ipynb, title: A}\n",
               head="parameters:\n  m: {values_from: {csv: ../../etc/passwd, column: x}}\n")
    assert "is outside the project folder" in spec_error(mini)
    (mini.root / "reports.yml").unlink()
    assert "reports.yml: not found" in spec_error(mini)


def test_csv_values_are_the_text_pandas_reads_with_dtype_str(mini):
    edit_cell(mini, "models", 2, "model_id", "007")
    edit_cell(mini, "models", 2, "name_en", "")
    values = read_column(mini.root, "x", {"csv": "data/raw/models.csv", "column": "model_id",
                                          "label": {"zh": "name_zh", "en": "name_en"}})
    df = pd.read_csv(mini.raw_file("models"), dtype=str, keep_default_na=False)
    assert list(values) == list(df["model_id"]) == ["007"]
    assert values["007"] == {"zh": "青岛模式", "en": "007"}  # an empty label falls back to the value


def test_select_by_id_and_glob_and_unknown_id(mini):
    shipped_spec(mini)
    reports = load_reports(mini.root)
    assert [r.id for r in select(reports, ["profile-q*", "overview-en"])] == [
        "overview-en", "profile-qingdao-zh", "profile-qingdao-en"]
    with pytest.raises(UnknownReport, match="did you mean profile-qingdao-zh"):
        select(reports, ["profile-qingdoa-zh"])


def test_cli_reports_spec_errors_in_one_line_with_exit_2(mini, capsys):
    write_spec(mini, "  - {id: a, notebook: n.ipynb, title: A, parameters: {lang: fr}}\n")
    assert main(["--root", str(mini.root), "list"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("workbook list: reports.yml: reports[0] (a).parameters.lang: lang='fr' is not "
                           "allowed; allowed: zh, en")
    assert main(["--root", str(mini.root), "build"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (mini.reports / "manifest.json").exists()


def test_cli_list_prints_the_expanded_set(mini, capsys):
    shipped_spec(mini)
    assert main(["--root", str(mini.root), "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "workbook list: 22 report(s), 22 to build, 0 up to date"
    row = next(line for line in out if line.startswith("profile-qingdao-zh "))
    assert "04_model_profile.ipynb" in row and "model_id=qingdao lang=zh" in row and "not found" in row


def test_case03_yaml_aliases_are_refused_in_one_line(mini, capsys):
    laughs = "".join(f'  l{i}: &l{i} [{", ".join([f"*l{i - 1}"] * 9)}]\n' for i in range(1, 9))
    (mini.root / "reports.yml").write_text(
        HEAD + "x_bomb:\n  l0: &l0 [lol]\n" + laughs + "reports:\n  - {id: a, notebook: n.ipynb, title: *l8}\n",
        encoding="utf-8")
    assert "YAML anchors and aliases (&name, *name) are not allowed" in spec_error(mini)
    for command in ("list", "build"):
        assert main(["--root", str(mini.root), command]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and err.startswith(f"workbook {command}: reports.yml: line ")
    write_spec(mini, "  - id: a\n    notebook: n.ipynb\n    title: &t T\n")  # an anchor alone is refused too
    assert "anchors and aliases" in spec_error(mini)


@pytest.mark.parametrize("notebook", ["../outside.ipynb", "/tmp/outside.ipynb", "notebooks/../../outside.ipynb",
                                      "notebooks/link.ipynb"])
def test_case04_a_notebook_outside_the_project_is_refused(mini, tmp_path_factory, notebook, capsys):
    outside = tmp_path_factory.mktemp("elsewhere") / "outside.ipynb"
    outside.write_text("{}", encoding="utf-8")
    (mini.root / "notebooks").mkdir(exist_ok=True)
    (mini.root / "notebooks" / "link.ipynb").symlink_to(outside)
    write_spec(mini, f"  - {{id: a, notebook: {notebook}, title: T}}\n")
    assert f"reports.yml: reports[0] (a).notebook: {notebook!r} is outside the project folder" == spec_error(mini)
    assert main(["--root", str(mini.root), "build"]) == 2
    assert "is outside the project folder" in capsys.readouterr().err
