"""What the build reads from a notebook (helpers.site.notebook): a content key that ignores outputs and ids,
and the names its parameters cell sets."""

import json

from helpers.site.notebook import assigned_names, read_notebook


def notebook(source="lang: str = 'zh'  # zh or en", tags=("parameters",), outputs=(), cell_id="a1"):
    return {"cells": [{"cell_type": "code", "id": cell_id, "source": source, "metadata": {"tags": list(tags)},
                       "outputs": list(outputs), "execution_count": None},
                      {"cell_type": "markdown", "id": "b2", "source": "# 标题", "metadata": {}}],
            "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


def read(nb):
    return read_notebook("notebooks/x.ipynb", json.dumps(nb).encode())


def test_outputs_and_cell_ids_do_not_change_the_key_but_sources_and_tags_do():
    key = read(notebook()).content
    saved = notebook(outputs=[{"output_type": "stream", "name": "stdout", "text": "hi"}], cell_id="zz")
    assert read(saved).content == key
    assert read(notebook(source="lang: str = 'en'  # zh or en")).content != key
    assert read(notebook(tags=("parameters", "other"))).content != key


def test_a_notebook_without_a_parameters_cell_cannot_be_built():
    info = read(notebook(tags=()))
    assert info.parameters is None and "parameters" in info.problem
    assert info.parameter_problem({"lang": "zh"}) == info.problem


def test_assigned_names_reads_plain_annotated_and_chained_assignments():
    assert assigned_names("lang: str = 'zh'\nmodel_ids: list = ['a']\nx = y = 1\nprint(lang)") == \
        ["lang", "model_ids", "x", "y"]
