"""Notebook parameter checks (helpers.pages.params): one clear line naming the parameter and its allowed values.
(report.start's use of them, on a project's models and indicators, is tested in test_report.py.)"""

import pytest

from helpers.pages.params import ParameterError, check_choice, check_choices
from helpers.vocabulary import LANGUAGES, REPORT_DIMENSIONS

DIMENSIONS, LANGS = REPORT_DIMENSIONS.values, LANGUAGES.values


def test_an_allowed_value_is_returned_and_a_bad_one_names_parameter_and_choices():
    assert check_choice("dimension", "funding", DIMENSIONS) == "funding"
    with pytest.raises(ParameterError) as e:
        check_choice("dimension", "costs", DIMENSIONS)
    assert str(e.value) == "parameter dimension='costs' is not allowed; allowed values: staffing, funding, outputs"


def test_repeated_or_non_list_values_rejected():
    with pytest.raises(ParameterError, match="repeats"):
        check_choices("model_ids", ["a", "a"], ["a", "b"])
    with pytest.raises(ParameterError, match="must be a list"):
        check_choices("model_ids", "a", ["a", "b"])


def test_too_few_or_unknown_list_values_rejected_and_good_ones_kept_in_order():
    assert check_choices("model_ids", ("b", "a"), ["a", "b"], minimum=2) == ["b", "a"]
    with pytest.raises(ParameterError, match=r"needs at least 2 value\(s\); allowed values: a, b"):
        check_choices("model_ids", ["a"], ["a", "b"], minimum=2)
    with pytest.raises(ParameterError, match="contains 'c', which is not allowed"):
        check_choices("model_ids", ["a", "c"], ["a", "b"])


def test_jupyter_shows_the_error_as_one_line():
    err = ParameterError("parameter lang='fr' is not allowed; allowed values: " + ", ".join(LANGS))
    lines = err._render_traceback_()
    assert len(lines) == 1 and lines[0].endswith("ParameterError\x1b[0m: " + str(err))
