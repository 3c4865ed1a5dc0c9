"""helpers.data.extract_en: figures of English sentences (translated pages) become draft rows."""

import pytest

from helpers.data.extract import extract_text, load_keywords
from helpers.data.extract_en import english_rows, is_english, noun_phrase, unit_of

UNITS = {"stations_township": {"unit": "count", "dimension": "coverage"},
         "village_points": {"unit": "count", "dimension": "coverage"},
         "provinces_full_coverage": {"unit": "count", "dimension": "coverage"},
         "social_workers_stationed": {"unit": "persons", "dimension": "staffing"},
         "coverage_township_pct": {"unit": "percent", "dimension": "coverage"},
         "funding_total": {"unit": "CNY", "dimension": "funding"}}


def rows(sentence):
    return [(r["value_text"], r["value"], r["unit"], r["qualifier"], r["indicator"], r["status"])
            for r in english_rows(sentence, keywords=load_keywords(), indicators=UNITS)]


@pytest.mark.parametrize("sentence,row", [
    ("China has built over 21,000 township or street-level social service centers",
     ("over 21,000", "21000", "count", "at_least", "stations_township", "reported")),
    ("23 village (residence) social work service points",
     ("23", "23", "count", "exact", "village_points", "reported")),
    ("employing more than 53,000 social workers",
     ("more than 53,000", "53000", "persons", "at_least", "social_workers_stationed", "reported")),
    ("The current national coverage rate is 56 percent.",
     ("56 percent", "56", "percent", "exact", "coverage_township_pct", "reported")),
    ("Seven provinces have achieved full coverage",
     ("Seven provinces", "7", "count", "exact", "provinces_full_coverage", "reported")),
    ("of which over 1.8 billion was invested in Guangdong",
     ("over 1.8 billion", "1800000000", "CNY", "at_least", "funding_total", "reported")),
], ids=["head-noun-centers", "head-noun-points", "head-noun-workers", "percent", "number-word", "money-scale"])
def test_number_qualifier_and_head_noun_give_value_unit_and_indicator(sentence, row):
    """The number, its qualifier (over, more than), its scale (billion) or number word, and the head noun of
    what it counts give the one draft row of the sentence."""
    assert rows(sentence) == [row]


def test_years_dates_and_numbers_without_a_unit_are_not_figures():
    assert rows("In 2017 the province issued document 12 on social work") == []
    assert rows("The 3rd meeting in 2022 was held") == []


def test_target_and_standard_wording():
    assert rows("407 town social work service stations will be built in two batches")[0][5] == "target"
    assert rows("Each station will be equipped with 3-8 social workers")[0][:6] == (
        "3-8", "5.5", "persons", "range", "social_workers_stationed", "standard")
    assert rows("By 2025 each county will have 5 stations")[0][5] == "target"  # a year: a goal, not a norm


def test_a_year_in_the_sentence_dates_a_reported_figure():
    r = english_rows("By the end of 2022, 36,485 social work service stations were set up", indicators=UNITS)
    assert [(x["value_text"], x["as_of"], x["status"]) for x in r] == [("36,485", "2022", "reported")]
    r = english_rows("In 2017, 36,485 social work service stations were set up", indicators=UNITS)
    assert [(x["value_text"], x["as_of"]) for x in r] == [("36,485", "2017")]


def test_english_lines_of_a_chinese_text_are_read_and_chinese_ones_are_not_confused():
    assert is_english("has built 8 town social work service stations")
    assert not is_english("全县建成17个镇(街)社工服务站 (17 stations)")
    got = extract_text("阳西县社工站报道\nhas built 8 town social work service stations\n全县建成17个社工站。",
                       indicators=UNITS)
    assert [(r["value_text"], r["unit"]) for r in got] == [("8", "count"), ("17个", "count")]


def test_noun_phrase_stops_at_a_verb_and_the_last_noun_is_the_head():
    assert noun_phrase(" town (street) social work service stations will be built") == \
        "town (street) social work service stations"
    assert unit_of("township or street-level social service centers") == ("count", "centers")
    assert unit_of("town social work") == (None, "")
