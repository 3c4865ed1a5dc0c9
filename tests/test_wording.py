"""helpers.data.wording: the words around a figure in its evidence (qualifiers, requirements)."""

import pytest

from helpers.data.wording import requirement, stated_qualifier


@pytest.mark.parametrize("value_text,evidence,qualifier,words", [
    # before the figure, simplified and traditional
    ("160万", "总数已经超过160万人", "at_least", "超过160万"),
    ("160萬", "總數已經超過160萬人", "at_least", "超過160萬"),
    ("6名", "配备不少于6名全职社工", "at_least", "不少于6名"),
    ("6名", "配備不少於6名全職社工", "at_least", "不少於6名"),
    ("3名", "至少要配備3名持證社會工作人員", "at_least", "至少要配備3名"),
    ("300人", "将近300人", "approx", "将近300人"),
    ("300人", "將近300人", "approx", "將近300人"),
    ("1000人", "约有1000人参加", "approx", "约有1000人"),
    ("1000人", "約有1000人參加", "approx", "約有1000人"),
    ("50人", "每次不超过50人", "at_most", "不超过50人"),
    ("50人", "每次不超過50人", "at_most", "不超過50人"),
    ("10万人次", "逾10万人次", "at_least", "逾10万人次"),
    # one qualifier before a list of figures governs each of them
    ("8474人", "服务对象建档约5605户8474人", "approx", "约5605户8474人"),
    ("8474人", "服務對象建檔約5605戶8474人", "approx", "約5605戶8474人"),
    # after the figure, past its unit or before it
    ("300", "共300多人参加", "at_least", "300多"),
    ("5000", "社工机构5000余家", "at_least", "5000余"),
    ("5000", "社工機構5000餘家", "at_least", "5000餘"),
    ("100人", "服务100人左右", "approx", "100人左右"),
    ("20个", "控制在20个以内", "at_most", "20个以内"),
    ("20個", "控制在20個以內", "at_most", "20個以內"),
    ("40%", "占比40%以上", "at_least", "40%以上"),
    # the figure's own qualifier counts: 约 before 500余次 makes it approximate
    ("500余次", "开展咨询约500余次", "approx", "约500余次"),
    # English
    ("53,000", "more than 53,000 social workers", "at_least", "more than 53,000"),
])
def test_the_words_around_a_figure_qualify_it(value_text, evidence, qualifier, words):
    assert stated_qualifier(value_text, evidence) == (qualifier, words)


@pytest.mark.parametrize("value_text,evidence", [
    ("3个", "建成3个多元化服务平台"),          # 多 in 多元化
    ("3個", "建成3個多元化服務平臺"),
    ("10个", "近年来建成10个"),               # 近 in 近年
    ("10個", "近年來建成10個"),
    ("3个", "附近3个村"),                     # 近 in 附近
    ("12个", "签约12个项目"),                  # 约 in 签约
    ("100万元", "100万元余额"),                # 余 in 余额
    ("3名", "共3名以上级派驻人员为主"),        # 以上 in 以上级
    ("200个", "近3年建成200个"),               # 近 qualifies 3年, not 200个
    ("20个", "约10个站点,建成20个"),           # another clause
    ("3名", "另有13名社工"),                   # 3名 is the tail of 13名
    ("约500余次", "开展咨询约500余次"),         # value_text already says all the words say
    ("138处", "2022年,青岛市建设镇街社工站138处"),
    ("407", "built 407 town (street) social work stat"),
])
def test_words_that_only_look_like_qualifiers_add_nothing(value_text, evidence):
    assert stated_qualifier(value_text, evidence) is None


def test_a_figure_quoted_twice_is_qualified_only_when_every_occurrence_agrees():
    assert stated_qualifier("3名", "每站3名,全区至少3名") is None
    assert stated_qualifier("3名", "至少3名,全区至少3名") == ("at_least", "至少3名")


def test_a_figure_not_in_the_quote_or_not_a_quantity_gives_nothing():
    assert stated_qualifier("5个", "超过3个") is None
    assert stated_qualifier("abc", "超过abc") is None
    assert stated_qualifier("", "超过3个") is None


@pytest.mark.parametrize("value_text,evidence,words", [
    ("二至三名", "按照要求每个社工站配备二至三名社工专业人才", "按照要求每"),
    ("3-8名", "每站配备3-8名社工", "每站配备"),
    ("2名", "为每个街道社工站配备2名社工", "每个街道社工站配备"),
    ("15万元", "每个站资助15万元用于聘请3名社工", "每个站资助"),
    ("8—12个", "每个地市可申报8—12个社会工作服务站", "每个地市可申报"),
    ("2名", "原则上每个站点不少于2名社工", "原则上"),
    ("3名", "社會工作站至少要配備3名持證社會工作人員", "至少要"),
    ("5名", "每名社工必须发展5名常态化志愿者", "必须"),
    ("不少于6名", "每站社工不少于6名", "每站社工不少于"),     # the norm word opens value_text
    ("不超过30万元", "每站经费不超过30万元", "每站经费不超过"),
    ("3-8", "Each social work station will be equipped with 3-8 social workers",
     "Each social work station will be equipped"),
])
def test_a_norm_for_every_unit_is_a_requirement(value_text, evidence, words):
    assert requirement(value_text, evidence) == words


@pytest.mark.parametrize("value_text,evidence", [
    ("23名", "目前按照要求配备双百社工23名"),              # what one station has now
    ("3名", "我们在站内配备3名驻站社会工"),
    ("50万元", "争取到两个省级示范站建设项目,每年补助资金50万元"),  # 每年: a yearly amount won, not a rate per unit
    ("90名", "社工服务点26个,配备双百社工90名"),
    ("3-8", "equipped with 3-8 social workers"),          # the quote alone does not say "each"
])
def test_a_result_is_not_a_requirement(value_text, evidence):
    assert requirement(value_text, evidence) is None
