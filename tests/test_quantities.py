import math

import pytest

from helpers.data.quantities import parse_quantity

# (text, value, low, high, unit, qualifier): expressions as they occur in our sources.
CASES = [
    ("21万余人次", 210000, 210000, None, "person_times", "at_least"),
    ("1.2亿元", 120000000, 120000000, 120000000, "CNY", "exact"),
    ("二至三名", 2.5, 2, 3, "persons", "range"),
    ("约2.2亿元", 220000000, None, None, "CNY", "approx"),
    ("40%以上", 40, 40, None, "percent", "at_least"),
    ("不少于6名", 6, 6, None, "persons", "at_least"),
    ("近千名", 1000, None, None, "persons", "approx"),
    ("一千九百四十个", 1940, 1940, 1940, "count", "exact"),
    ("1479.97平方米", 1479.97, 1479.97, 1479.97, "square_metres", "exact"),
    ("138处", 138, 138, 138, "count", "exact"),
    ("300多人", 300, 300, None, "persons", "at_least"),
    ("2700多个", 2700, 2700, None, "count", "at_least"),
    ("1.2万余个", 12000, 12000, None, "count", "at_least"),
    ("3万余名", 30000, 30000, None, "persons", "at_least"),
    ("20余万元", 200000, 200000, None, "CNY", "at_least"),
    ("3000万元", 30000000, 30000000, 30000000, "CNY", "exact"),
    ("2.9万", 29000, 29000, 29000, None, "exact"),
    ("1,940个", 1940, 1940, 1940, "count", "exact"),
    ("３－８名", 5.5, 3, 8, "persons", "range"),
    ("3万至5万人", 40000, 30000, 50000, "persons", "range"),
    ("超过1000户", 1000, 1000, None, "households", "at_least"),
    ("不超过5%", 5, None, 5, "percent", "at_most"),
    ("100人左右", 100, None, None, "persons", "approx"),
    ("逾百家", 100, 100, None, "count", "at_least"),
    ("两个", 2, 2, 2, "count", "exact"),
    ("十二个", 12, 12, 12, "count", "exact"),
    ("不少于60学时", 60, 60, None, "hours", "at_least"),
    ("全覆盖", 100, 100, 100, "percent", "exact"),
    ("1.5万人", 15000, 15000, 15000, "persons", "exact"),
    ("2200余场次", 2200, 2200, None, "count", "at_least"),
    ("8点", 8, 8, 8, "count", "exact"),
    ("至少达到2482个", 2482, 2482, None, "count", "at_least"),
    ("超10万人次", 100000, 100000, None, "person_times", "at_least"),
    ("约500余次", 500, None, None, "count", "approx"),
    ("Seven provinces", 7, 7, 7, "count", "exact"),
]


@pytest.mark.parametrize("text,value,low,high,unit,qualifier", CASES)
def test_parses_real_expressions(text, value, low, high, unit, qualifier):
    q = parse_quantity(text)
    assert math.isclose(q.value, value)
    assert (q.low is None) == (low is None) and (low is None or math.isclose(q.low, low))
    assert (q.high is None) == (high is None) and (high is None or math.isclose(q.high, high))
    assert q.unit == unit
    assert q.qualifier == qualifier


def test_exact_figure_has_equal_bounds():
    q = parse_quantity("242个")
    assert q.low == q.high == q.value == 242


def test_lower_bound_is_open_above():
    q = parse_quantity("7万余人")
    assert q.low == 70000 and q.high is None


@pytest.mark.parametrize("text", ["", "   ", "abc", "个街道", "余平方米", "不少于平方米", "5-3人", "3-5余人", "不超过300多人"])
def test_rejects_what_is_not_a_quantity_and_quotes_it(text):
    with pytest.raises(ValueError) as e:
        parse_quantity(text)
    assert repr(text) in str(e.value) or "quantity" in str(e.value)


def test_error_quotes_the_text():
    with pytest.raises(ValueError, match="个街道"):
        parse_quantity("个街道")


def test_rejects_non_string():
    with pytest.raises(ValueError):
        parse_quantity(None)


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("1.2萬余個", 12000, "count", "at_least"),
    ("約2.9萬", 29000, None, "approx"),
    ("more than 660,000", 660000, None, "at_least"),
    ("about 1.2 million", 1200000, None, "approx"),
    ("30,000 social workers", 30000, "persons", "exact"),
    ("基本全覆盖", 100, "percent", "approx"),
])
def test_traditional_and_english_forms(text, value, unit, qualifier):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


def test_english_with_unknown_words_is_rejected():
    with pytest.raises(ValueError, match="banana"):
        parse_quantity("more than 5 bananas")


# Traditional forms as mirrored pages print them: each reads as its simplified form.
TRADITIONAL = [
    ("超過1000戶", "超过1000户"),
    ("不少於6名", "不少于6名"),
    ("約2.2億元", "约2.2亿元"),
    ("1.7萬餘個", "1.7万余个"),
    ("將近300人", "将近300人"),
    ("20個以內", "20个以内"),
    ("不超過5%", "不超过5%"),
    ("12項", "12项"),
    ("30場", "30场"),
    ("2200餘場次", "2200余场次"),
    ("5605戶", "5605户"),
    ("兩個", "两个"),
    ("8點", "8点"),
    ("60學時", "60学时"),
    ("超過1.2萬人次", "超过1.2万人次"),
]


@pytest.mark.parametrize("traditional,simple", TRADITIONAL)
def test_traditional_forms_read_as_simplified(traditional, simple):
    t, s = parse_quantity(traditional), parse_quantity(simple)
    assert (t.value, t.low, t.high, t.unit, t.qualifier) == (s.value, s.low, s.high, s.unit, s.qualifier)
    assert t.text == traditional  # the figure keeps the words as written


def test_the_character_table_is_one_for_one_and_covers_the_parser_words():
    from helpers.data.quantities import _TRADITIONAL_CHARS, simplified

    assert all(len(t) == len(s) == 1 and t != s for t, s in _TRADITIONAL_CHARS.items())
    text = "".join(_TRADITIONAL_CHARS)
    assert len(simplified(text)) == len(text)  # positions in the converted text are positions in the original
    for needed in "過於萬億項個場戶餘約將內":
        assert needed in _TRADITIONAL_CHARS


def test_a_traditional_lower_bound_is_not_read_as_exact():
    q = parse_quantity("超過160萬")
    assert (q.value, q.low, q.high, q.qualifier) == (1600000, 1600000, None, "at_least")
