"""helpers.data.places: place names → GB/T 2260 codes, and the model whose region holds a place."""

from __future__ import annotations

import pytest

from helpers.data.places import NATIONAL, Gazetteer, Place, model_for, package_places, place_for, short_name

OWN = [{"region_code": "440000", "name_zh": "广东省", "level": "province"},
       {"region_code": "441322", "name_zh": "博罗县", "level": "county"},
       {"region_code": "370200", "name_zh": "青岛市", "level": "prefecture"}]
MODELS = [{"model_id": "national", "region_code": "000000"}, {"model_id": "guangdong", "region_code": "440000"},
          {"model_id": "huizhou", "region_code": "441300"}, {"model_id": "qingdao", "region_code": "370200"}]


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer(OWN)


def codes(g, text):
    return [p.code for _, _, p in g.find(text)]


def test_the_package_gazetteer_names_provinces_prefectures_and_counties_by_code():
    places = {p.code: p for p in package_places()}
    assert len(places) > 3000
    assert (places["441300"].name, places["441300"].level) == ("惠州市", "prefecture")
    assert (places["441322"].name, places["441322"].level) == ("博罗县", "county")
    assert places["640000"].level == "province"


def test_full_and_short_names_longest_first(gaz):
    assert codes(gaz, "惠州市博罗县建成社工站") == ["441300", "441322"]
    assert codes(gaz, "广东双百社工") == ["440000"]
    assert codes(gaz, "宁夏建成站点") == ["640000"]  # 宁夏回族自治区 by its short name


def test_package_counties_only_by_full_name_everyday_words_are_not_places(gaz):
    # 资源县, 振兴区, 市南区 exist, but 资源, 振兴 and 市南 are everyday words
    assert codes(gaz, "链接资源，乡村振兴，市南片区") == []
    assert codes(gaz, "资源县建成社工站") == ["450329"]
    assert codes(gaz, "博罗建成社工站") == ["441322"]  # the project's own regions keep their short names


def test_an_ambiguous_name_is_resolved_by_the_places_around_it_or_left_unread(gaz):
    # 鼓楼区 is in several cities: 福州市 decides; alone it is not guessed
    assert codes(gaz, "福州市鼓楼区社工站") == ["350100", "350102"]
    assert codes(gaz, "鼓楼区社工站") == []


def test_within_by_code_prefix():
    p = Place("441322", "博罗县", "county")
    assert p.within("441322") and p.within("441300") and p.within("440000")
    assert not p.within("000000") and not p.within("370000")
    assert not Place("440000", "广东省", "province").within("441300")


def test_place_for_reads_clause_then_sentence_then_paragraph_then_title(gaz):
    text = "惠州市博罗县社工站建设\n全县建成17个社工站。\n"
    assert place_for(gaz, "博罗县建成17个", "博罗县建成17个。", "", text)[0].code == "441322"
    assert place_for(gaz, "建成17个", "青岛市建成17个。", "", text)[1] == "sentence"
    place, where = place_for(gaz, "全县建成17个社工站", "全县建成17个社工站。", "", text)
    assert (place.code, where) == ("441322", "title")
    place, where = place_for(gaz, "全省建成17个", "全省建成17个。", "广东省民政厅通报，", "")
    assert (place.code, where) == ("440000", "paragraph")


def test_whole_province_takes_the_province_named_before_not_a_county(gaz):
    place, _ = place_for(gaz, "全省建成1940个", "广东省博罗县经验推广后，全省建成1940个。", "", "")
    assert place.code == "440000"


def test_national_figures(gaz):
    assert place_for(gaz, "全国已建成社工站2.9万个", "全国已建成社工站2.9万个。", "", "广东")[0] == NATIONAL


def test_model_for_the_finest_region_that_holds_the_place():
    assert model_for(Place("441322", "博罗县", "county"), MODELS)[0] == "huizhou"
    assert model_for(Place("440100", "广州市", "prefecture"), MODELS)[0] == "guangdong"
    assert model_for(NATIONAL, MODELS)[0] == "national"
    model, why = model_for(Place("360000", "江西省", "province"), MODELS)
    assert model == "" and "add a model" in why  # never the national model for a province


def test_short_name():
    assert short_name("宁夏回族自治区") == "宁夏"
    assert short_name("和县") == "和县"


def test_a_national_title_or_text_makes_an_unplaced_figure_national(gaz):
    assert place_for(gaz, "已建成社工站2.9万个", "已建成社工站2.9万个。", "", "全国社会工作会议召开\n已建成社工站2.9万个。\n") \
        == (NATIONAL, "title")
    assert place_for(gaz, "社工7万名", "社工7万名。", "", "会议\n全国社会工作持续发展。社工7万名。")[0] == NATIONAL
    assert place_for(gaz, "社工7万名", "社工7万名。", "", "会议\n社工7万名。") == (None, "")


def test_a_level_word_with_bracketed_alternatives_is_not_a_two_character_county(gaz):
    assert "621221" in codes(gaz, "甘肃成县社工站")  # 成县 (Gansu) named as itself
    assert "621221" not in codes(gaz, "建成县(区)社会工作指导中心22个")  # 建成 + 县(区): a kind of place
    assert codes(gaz, "博罗县(区)") == ["441322"]  # a longer name stays


def test_the_figures_own_whole_level_word_wins_over_a_national_exam_name(gaz):
    sentence = "青岛市组织全市3000人参加全国社会工作者职业水平考试"
    place, _ = place_for(gaz, sentence, sentence, "", "标题\n" + sentence)
    assert place.code == "370200"
    sentence = "青岛市组织动员，全国共有3000人参加考试"
    assert place_for(gaz, "全国共有3000人参加考试", sentence, "", sentence)[0] == NATIONAL


def test_several_places_named_together_are_their_common_parent(gaz):
    clause = "惠州市博罗县、惠东县共建成社工站30个"
    assert place_for(gaz, clause, clause, "", clause)[0].code == "441300"
    clause = "博罗县、惠东县各建成社工站15个"  # per place: not summed
    assert place_for(gaz, clause, clause, "", clause)[0].code == "441322"


def test_a_national_rank_or_a_national_certificate_after_the_citys_word_is_not_the_place(gaz):
    sentence = "广东省在全国率先实现社工站全覆盖"  # a comparison with the nation
    assert place_for(gaz, sentence, sentence, "", sentence)[0].code == "440000"
    sentence = "到2025年，全市持有全国社会工作者职业水平证书的人才达到1万人"
    text = "青岛市社会工作规划\n" + sentence
    assert place_for(gaz, "达到1万人", sentence, "", text)[0].code == "370200"
