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
        check_choices("model_ids", 3, ["a", "b"])


def test_a_list_passed_as_text_points_to_papermill_y():
    # papermill -p model_ids "['a', 'b']" hands the notebook the text, not a list
    with pytest.raises(ParameterError) as e:
        check_choices("model_ids", "['a', 'b']", ["a", "b", "c"], minimum=2)
    assert str(e.value) == ('parameter model_ids="[\'a\', \'b\']" is text, not a list: papermill\'s -p passes text; '
                            'pass a list with -y "model_ids: [a, b]" (or in Python: model_ids=[\'a\', \'b\'])')


def test_an_unknown_id_is_named_before_the_count_is_judged():
    # model_ids=['nope'] used to say "needs at least 2 value(s)"
    with pytest.raises(ParameterError) as e:
        check_choices("model_ids", ["nope"], ["qingdao", "hunan_he"], minimum=2)
    assert str(e.value) == ("parameter model_ids contains 'nope', which is not allowed; allowed values: "
                            "qingdao, hunan_he")


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
