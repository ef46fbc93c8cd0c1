"""graph.mentions.analyze_sentence: the mention sources one sentence at a time."""
from __future__ import annotations

import pytest

from graph.mentions import analyze_sentence


def _named(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in analyze_sentence(text).mentions if not m.span.generic}


def _spans_of(text: str, typ: str) -> list[tuple[str, bool]]:
    """(text, generic) of every span of type ``typ`` in the sentence, in order."""
    found = analyze_sentence(text)
    return [(found.norm[s.start:s.end], s.generic) for s in found.spans if s.type == typ]


@pytest.mark.parametrize(("sentence", "name", "typ"), [
    ("该项目由广州赛莱拉干细胞科技股份有限公司投资建设。", "广州赛莱拉干细胞科技股份有限公司", "ORG"),
    ("天津滨海高新区将充分发挥产业载体优势。", "天津滨海高新区", "PARK"),
    ("脑机接口未来产业大会5月29日在天津市举行。", "脑机接口未来产业大会", "EVENT"),
])
def test_names_read_leftwards_from_a_type_suffix(sentence, name, typ):
    assert (name, typ) in _named(sentence)


@pytest.mark.parametrize(("sentence", "name"), [
    ("截至目前，该基金持有20%华星集团有限公司股份。", "华星集团有限公司"),
    ("#英雄联盟#宁波电竞产业园正式开园。", "宁波电竞产业园"),
    ("■天津港集团与中远海运集团签署合作协议。", "天津港集团"),
    ("该公司隶属于中国石油天然气股份有限公司。", "中国石油天然气股份有限公司"),
    ("公司的经销商上海新先锋华康药业有限公司表示。", "上海新先锋华康药业有限公司"),
    ("前三季度工商银行实现净利润1000亿元。", "工商银行"),
    ("其孙公司深圳市安业房地产开发有限公司成立于2005年。", "深圳市安业房地产开发有限公司"),
    ("其参股公司江苏国泰国际集团国贸股份有限公司参股公司江苏国泰华昇实业有限公司成立。", "江苏国泰华昇实业有限公司"),
])
def test_names_do_not_begin_with_a_sign_a_role_or_a_period(sentence, name):
    assert name in {text for text, _ in _named(sentence)}


def test_book_title_marks_give_a_policy():
    named = _named("近期,《天津市推动脑机接口创新发展行动计划(2026-2030年)》印发。")
    assert ("天津市推动脑机接口创新发展行动计划(2026-2030年)", "POLICY") in named


def test_quoted_name_after_release_verb_is_a_product():
    named = _named("中电云脑总经理程龙发布消费级创新产品“神工一希夷”睡眠脑机头环。")
    assert ("神工一希夷", "PRODUCT") in named


def test_person_after_post_title():
    assert ("佟小光", "PER") in _named("天津市环湖医院院长佟小光发布新品。")


def test_person_name_stops_before_the_verb():
    named = _named("中电云脑总经理程龙发布消费级创新产品“神工一希夷”睡眠脑机头环。")
    assert ("程龙", "PER") in named
    assert ("程龙发", "PER") not in named


def test_post_fact_links_person_post_and_body():
    a = analyze_sentence("天津市环湖医院院长佟小光发布新品。")
    facts = [(a.text[f.person.start:f.person.end], f.post, a.text[f.body.start:f.body.end]) for f in a.posts]
    assert facts == [("佟小光", "院长", "天津市环湖医院")]


def test_places_from_the_gazetteer():
    named = _named("会议在北京举行,广东省和浙江省代表出席。")
    assert {("北京", "LOC"), ("广东省", "LOC"), ("浙江省", "LOC")} <= named


def test_traditional_input_keeps_original_script():
    a = analyze_sentence("興縣人民政府與美錦能源集團共同簽署協議。")
    assert {("興縣人民政府", "ORG"), ("美錦能源集團", "ORG")} <= {(m.text, m.type) for m in a.mentions}
    gov = next(m for m in a.mentions if m.text == "興縣人民政府")
    assert a.norm[gov.span.start:gov.span.end] == "兴县人民政府"


def test_latin_and_chinese_name_pair_is_one_entity():
    a = analyze_sentence("文远知行(WeRide)与Uber(优步)宣布合作。")
    named = {(m.text, m.type) for m in a.mentions}
    assert {("文远知行", "ORG"), ("WeRide", "ORG"), ("Uber", "ORG"), ("优步", "ORG")} <= named
    pairs = {frozenset((a.text[x.start:x.end], a.text[y.start:y.end])) for x, y in a.aliases}
    assert {frozenset(("文远知行", "WeRide")), frozenset(("Uber", "优步"))} <= pairs


def test_generic_mention_is_flagged_generic():
    a = analyze_sentence("该项目由广州赛莱拉干细胞科技股份有限公司投资建设。")
    generic = {(m.text, m.type) for m in a.mentions if m.span.generic}
    assert generic == {("该项目", "PROJECT")}


def test_known_names_are_found_again_bare():
    a = analyze_sentence("翔宇医疗发布新品。", known={"翔宇医疗": "ORG"})
    assert ("翔宇医疗", "ORG") in {(m.text, m.type) for m in a.mentions}


@pytest.mark.parametrize("sentence", ["新剧由时任院长赵明教授领衔创作。", "问题仍在少数领导干部中存在。",
                                      "我们要督促主任落实工作。"])
def test_a_tenure_word_or_a_quantity_before_a_post_is_not_its_body(sentence):
    a = analyze_sentence(sentence)
    assert all(f.body is None for f in a.posts)
    assert not any(m.type == "ORG" for m in a.mentions)


def test_a_suffix_inside_a_longer_word_starts_no_name():
    named = {(m.text, m.type) for m in analyze_sentence("代表们在人民大会堂出席宁波市人民代表大会。").mentions}
    assert not any(typ == "EVENT" for _, typ in named)
    assert ("宁波市人民代表大会", "ORG") in named


@pytest.mark.parametrize("sentence, name", [
    ("1953年中国科学院在北京成立。", "中国科学院"),
    ("新华社北京3月29日电中国国家发展计划委员会今天宣布。", "中国国家发展计划委员会"),
    ("此案经海口市中级人民法院审理。", "海口市中级人民法院"),
    ("反腐纠风抓源头本报讯吉林高校党工委召开会议。", "吉林高校党工委"),
    ("雅高发来关于和华住酒店集团合作的信息。", "华住酒店集团"),
])
def test_a_date_or_a_preposition_before_a_name_stays_out_of_it(sentence, name):
    assert name in {m.text for m in analyze_sentence(sentence).mentions}


@pytest.mark.parametrize("sentence, word", [
    ("他还要办个下岗职工培训学校。", "个"),
    ("死亡人数可能大大高于政府公布的数字。", "可能"),
    ("过两年他的儿子大学毕业了。", "儿子"),
    ("走私武器、抢劫银行、偷税漏税、洗黑钱等犯罪猖獗。", "税"),
    ("全村来政府办事的人不少。", "来"),
    ("会后，李政道请大会组织委员会转交信件。", "请"),
    ("我们要积极参与联合国麻醉品委员会的工作。", "积极"),
    ("任何单位和个人不得强令银行放贷。", "不得"),
])
def test_no_organisation_reads_over_a_clause(sentence, word):
    assert not any(word in m.text for m in analyze_sentence(sentence).mentions if m.type == "ORG")


@pytest.mark.parametrize("sentence, body", [("副总理兼财政部长张明表示。", "财政部"), ("商务部部长王文涛会见客人。", "商务部")])
def test_the_first_character_of_a_head_post_ends_the_body(sentence, body):
    a = analyze_sentence(sentence)
    assert [a.text[f.body.start:f.body.end] for f in a.posts if f.post == "部长"] == [body]


@pytest.mark.parametrize("sentence", ["国企领导班子要改变作风。", "省里选拔副厅级领导干部。", "领导干部要加强党性修养。"])
def test_a_common_noun_after_a_post_is_no_person(sentence):
    assert not [m for m in analyze_sentence(sentence).mentions if m.type == "PER"]


@pytest.mark.parametrize("sentence", ["该实业有限公司与房地产公司签约。", "多家保险公司参与。"])
def test_a_name_of_industry_words_only_is_generic(sentence):
    a = analyze_sentence(sentence)
    assert a.spans and all(s.generic for s in a.spans if s.type == "ORG")


def test_a_bank_president_is_a_post_of_the_bank():
    a = analyze_sentence("招商银行行长王明表示。")
    assert [(f.post, a.text[f.body.start:f.body.end]) for f in a.posts] == [("行长", "招商银行")]


def test_a_name_stops_at_a_post_verb_or_a_lone_measure_word():
    named = {(m.text, m.type) for m in analyze_sentence("他历任上海市学生救亡协会主席。").mentions}
    assert ("上海市学生救亡协会", "ORG") in named
    named = {(m.text, m.type) for m in analyze_sentence("有12家墨西哥银行受到调查。").mentions}
    assert not any(text.startswith("家") for text, _ in named)


def test_a_known_name_does_not_grow_over_the_verb_before_it():
    a = analyze_sentence("巴西、印度和印度尼西亚加入七国集团。", known={"七国集团": "ORG"})
    named = {(m.text, m.type) for m in a.mentions}
    assert ("七国集团", "ORG") in named
    assert not any("加入" in text for text, _ in named)


def test_a_verb_taking_a_named_object_is_not_part_of_the_name():
    named = {(m.text, m.type) for m in analyze_sentence("华星公司发行股票购买上海明达股份有限公司。").mentions}
    assert ("上海明达股份有限公司", "ORG") in named
    assert not any("购买" in text for text, _ in named)


@pytest.mark.parametrize("sentence, name", [
    ("这是落实山西省委决策的有力措施。", "山西省委"),
    ("罗先生家住南岸经开区青龙路。", "南岸经开区"),
    ("国网山西省电力公司召开会议。", "国网山西省电力公司"),
    ("民进深圳市委举行座谈会。", "民进深圳市委"),
    ("宜宾建中兴业工贸有限公司成立。", "宜宾建中兴业工贸有限公司"),
])
def test_a_predicate_before_the_leading_place_is_no_part_of_the_name(sentence, name):
    named = {text for text, typ in _named(sentence) if typ in ("ORG", "PARK")}
    assert name in named
    assert not any(text.endswith(name) and text != name for text in named)


@pytest.mark.parametrize("sentence, person", [
    ("中国工程院院士、中国农业大学教授谯仕彦出席。", "谯仕彦"),
    ("集团董事长傅成玉表示。", "傅成玉"),
    ("公司总经理洪天照介绍。", "洪天照"),
])
def test_people_with_less_common_surnames_are_found_after_their_posts(sentence, person):
    assert (person, "PER") in _named(sentence)


def test_a_post_body_does_not_reach_over_a_verb():
    a = analyze_sentence("科技园公司十分荣幸得到国家主席习近平亲临。")
    assert not any("得到" in m.text for m in a.mentions)
    a = analyze_sentence("研究开发中心总工程师曹新民表示。")
    assert [a.text[f.body.start:f.body.end] for f in a.posts if f.body] == ["研究开发中心"]


def test_a_latin_acronym_in_brackets_is_a_short_form_of_the_organisation():
    a = analyze_sentence("明华国际研究中心(MIRC)发布报告,人工智能(AI)产业增长。")
    pairs = {(a.text[x.start:x.end], a.text[y.start:y.end]) for x, y in a.aliases}
    assert ("明华国际研究中心", "MIRC") in pairs
    assert not any("AI" in pair for pair in pairs)


def test_confident_tagger_organisations_fill_gaps_but_common_nouns_do_not():
    found = analyze_sentence("银监会昨日发布公告。").spans
    assert [(s.type, s.source) for s in found if (s.start, s.end) == (0, 3)] == [("ORG", "tagger")]
    assert not [s for s in analyze_sentence("代表团一行参观了办事处。").spans if s.type == "ORG"]


@pytest.mark.parametrize("sentence, name", [
    ("中国平安回应平安银行资产质量质疑。", "平安银行"),
    ("从2009年离开招商证券后,他先后出任多职。", "招商证券"),
    ("为明确大洲集团及其一致行动人之间的关系。", "大洲集团"),
    ("新闻集团将直接向博纳影业集团创始人支付款项。", "博纳影业集团"),
    ("四川林湖茶业有限公司是宜宾建中兴业工贸有限公司的下属企业。", "宜宾建中兴业工贸有限公司"),
])
def test_a_suffix_name_starts_where_the_tagger_does_after_a_predicate(sentence, name):
    assert [text for text, typ in _named(sentence) if typ == "ORG" and text.endswith(name)] == [name]


def test_the_tagger_does_not_cut_a_name_inside_its_brackets():
    named = {text for text, _ in _named("间接参股公司共享智能铸造产业创新中心(靖江)有限公司成立。")}
    assert any(text.endswith("共享智能铸造产业创新中心(靖江)有限公司") for text in named)
    assert not any(text.startswith("靖江)") for text in named)


def test_what_the_cut_leaves_out_can_be_named_on_its_own():
    assert {("张欣", "PER"), ("北汽集团", "ORG")} <= set(_named("先是张欣离开名爵加盟北汽集团,再是孙卫健加盟。"))


@pytest.mark.parametrize("sentence, unwanted, wanted", [
    ("公司股份的资产评估值为5亿元,中国建材集团用于认购公司股份。", "认购公司", "中国建材集团"),
    ("对公司因兴业银行案导致公司资金被扣划。", "导致公司", "兴业银行"),
    ("宏盛公告,中商华博国际拍卖公司受北京市高院委托。", None, "中商华博国际拍卖公司"),
])
def test_a_verb_before_a_bare_company_is_a_predicate_but_a_trade_is_not(sentence, unwanted, wanted):
    named = {text for text, typ in _named(sentence) if typ == "ORG"}
    assert wanted in named
    assert not any(unwanted and unwanted in text for text in named)


@pytest.mark.parametrize("sentence, product", [
    ("小米YU7预计7月上市。", "小米YU7"),
    ("发布会上亮相的玄戒O1芯片。", "玄戒O1"),
    ("年底DOTA2比赛开打。", None),
    ("他买了一把NBA2K10游戏。", None),
])
def test_a_brand_before_a_model_code_is_no_time_or_quantity(sentence, product):
    assert [text for text, typ in _named(sentence) if typ == "PRODUCT"] == ([product] if product else [])


@pytest.mark.parametrize("sentence, name, generic", [
    ("国家发改委印发通知。", "国家发改委", False),
    ("国家统计局发布数据。", "国家统计局", False),
    ("省发改委印发通知。", "省发改委", True),
    ("国家重点实验室揭牌。", "实验室", True),
])
def test_a_national_government_body_is_a_name_but_a_national_rank_is_not(sentence, name, generic):
    assert _spans_of(sentence, "ORG") == [(name, generic)]


def test_a_bodys_short_name_read_as_a_person_is_no_speaker():
    assert not [s for s in analyze_sentence("国家卫健委表示,将加强监管。").spans if s.type == "PER"]


def test_former_and_related_party_are_no_part_of_a_name():
    named = {text for text, typ in _named("公司原关联方山东三联集团有限责任公司与原西部证券签约。") if typ == "ORG"}
    assert {"山东三联集团有限责任公司", "西部证券"} <= named
    assert not any(text.startswith(("原", "关联方")) for text in named)


@pytest.mark.parametrize("sentence, organisation", [
    ("他毕业于东南大学土木工程专业。", "东南大学"),
    ("华油惠博普科技股份有限公司油气工程业务增长。", "华油惠博普科技股份有限公司"),
])
def test_an_organisation_before_engineering_is_no_project(sentence, organisation):
    named = _named(sentence)
    assert (organisation, "ORG") in named
    assert not any(typ == "PROJECT" and organisation in text for text, typ in named)


def test_a_project_won_is_named_without_the_verb():
    named = {text for text, typ in _named("公司一举中标汉口银行二代手机盾采购项目。") if typ == "PROJECT"}
    assert named == {"汉口银行二代手机盾采购项目"}


@pytest.mark.parametrize("sentence, name, generic", [
    ("建设液态奶生产基地。", "基地", True),
    ("北碚制药基地投产。", "北碚制药基地", False),
    ("打造专业化脑机接口智能制造基地。", "脑机接口智能制造基地", False),
])
def test_a_base_needs_a_proper_word_or_an_industry_to_be_a_park(sentence, name, generic):
    assert _spans_of(sentence, "PARK") == [(name, generic)]


@pytest.mark.parametrize("sentence, policy, generic", [
    ("根据《办法》规定执行。", "办法", True),
    ("他著有《新编高级英语语法》一书。", None, None),
    ("该行为不受本条例约束。", "本条例", True),
    ("名为“放贷人条例”的法规出台。", "放贷人条例", False),
])
def test_back_references_books_and_open_quotes_in_policy_names(sentence, policy, generic):
    assert _spans_of(sentence, "POLICY") == ([(policy, generic)] if policy else [])


def test_an_existing_company_after_a_clause_verb_is_a_generic_mention():
    assert _spans_of("因个人原因辞去现有公司职位。", "ORG") == [("公司", True)]


def test_a_dateline_names_no_party_of_the_report():
    found = analyze_sentence("新华社北京6月29日电中国国家发展计划委员会和美国签署了协定。")
    names = [found.norm[s.start:s.end] for s in found.spans]
    assert "新华社" not in names and "北京" not in names
    assert "中国国家发展计划委员会" in names


@pytest.mark.parametrize(("sentence", "organisation"), [
    ("联想与中国电信的合作也会加强。", "中国电信"),
    ("中国证监会近日发布公告。", "中国证监会"),
])
def test_a_place_the_tagger_reads_as_the_front_of_an_organisation_gives_way_to_it(sentence, organisation):
    assert _spans_of(sentence, "ORG") == [(organisation, False)]
    assert _spans_of(sentence, "LOC") == []


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("公司与上海源丰投资发展有限公司签署协议。", [("公司", True), ("上海源丰投资发展有限公司", False)]),
    ("鞍钢集团与攀钢集团签订了合作协议。", [("鞍钢集团", False), ("攀钢集团", False)]),
    ("上海梅林控股子公司上海梅林食品有限公司", [("上海梅林", False), ("上海梅林食品有限公司", False)]),
    ("该实业有限公司与房地产公司签约。", [("有限公司", True), ("公司", True)]),
])
def test_the_tagger_reads_a_suffix_name_the_rules_cut_short_but_no_second_name_or_generic_one(sentence,
                                                                                             organisations):
    assert _spans_of(sentence, "ORG") == organisations


def test_an_organisation_the_tagger_is_less_sure_of_is_one_when_named_as_a_party():
    assert _spans_of("此前,中国移动与中广传播签订排他性协议。", "ORG") == [("中国移动", False), ("中广传播", False)]
    assert _spans_of("此前,中国移动的中广传播业务增长。", "ORG") == []


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("陈党生同志任安庆市第七中学校长。", [("安庆市第七中学", False)]),
    ("北京市第一人民医院院长出席。", [("北京市第一人民医院", False)]),
])
def test_a_city_numbers_its_schools_and_hospitals(sentence, organisations):
    assert _spans_of(sentence, "ORG") == organisations


@pytest.mark.parametrize("sentence", ["住友信托银行是日本第二信托银行。", "东星集团投资武汉当地第三大基地航空公司。"])
def test_an_ordinal_before_another_kind_of_organisation_is_a_rank_not_part_of_a_name(sentence):
    assert not any("第" in name or name.startswith("大") for name, _ in _spans_of(sentence, "ORG"))


@pytest.mark.parametrize(("sentence", "full", "short"), [
    ("湖南省湘乡市第一中学，简称湘乡一中，为一所全日制普通高级中学。", "湖南省湘乡市第一中学", "湘乡一中"),
    ("财务委员会简称“财委会”，是董事会的机构。", "财务委员会", "财委会"),
    ("深圳市立体互联文化传媒科技有限公司（简称：3D互联）是一家企业。", "深圳市立体互联文化传媒科技有限公司", "3D互联"),
])
def test_a_short_form_follows_its_full_name_in_or_out_of_brackets(sentence, full, short):
    found = analyze_sentence(sentence)
    assert [(found.norm[a.start:a.end], found.norm[b.start:b.end]) for a, b in found.aliases] == [(full, short)]


def test_a_name_read_leftwards_stops_at_the_word_that_introduces_a_short_form():
    found = analyze_sentence("贵州茅台酒厂（集团）习酒有限责任公司（以下简称习酒公司）榜上有名。")
    assert [(found.norm[a.start:a.end], found.norm[b.start:b.end]) for a, b in found.aliases] == [
        ("贵州茅台酒厂(集团)习酒有限责任公司", "习酒公司")]


@pytest.mark.parametrize(("sentence", "event", "generic"), [
    ("公司召开新闻发布会，宣布与华为签署合作协议。", "发布会", True),
    ("双方举行协议签字仪式。", "仪式", True),
    ("在这场发布会上，小米发布了新品。", "这场发布会", True),
    ("主演纷纷现身开机仪式现场。", "仪式", True),
    ("国际新能源大会在京开幕。", "国际新能源大会", False),
    ("2026世界智能产业博览会开幕。", "2026世界智能产业博览会", False),
])
def test_an_event_named_only_by_its_kind_participants_or_time_is_a_generic_mention(sentence, event, generic):
    assert _spans_of(sentence, "EVENT") == [(event, generic)]


@pytest.mark.parametrize(("sentence", "project"), [
    ("国轩科宏年产20万吨高端正极材料项目开工。", "国轩科宏年产20万吨高端正极材料项目"),
    ("赣锋锂业一期年产能1.2万吨锂盐项目建成。", "年产能1.2万吨锂盐项目"),
    ("天合光能将建设年产10GW高效电池项目。", "年产10GW高效电池项目"),
    ("报告期内，公司年产8000吨三氯蔗糖项目处于满产状态。", "年产8000吨三氯蔗糖项目"),
])
def test_a_projects_capacity_is_part_of_its_name_and_its_owner_noun_is_not(sentence, project):
    assert [name for name, generic in _spans_of(sentence, "PROJECT") if not generic] == [project]


def test_the_organisation_a_projects_name_begins_with_is_a_name_inside_it():
    assert ("华能海马汽车", "ORG") in _named("华能海马汽车4.6兆瓦分布式光伏项目投产。")


@pytest.mark.parametrize(("sentence", "project"), [
    ("这两项水利工程已经完工。", None),
    ("如前述长沙金霞项目投资事项，公司从未进行披露。", "长沙金霞项目"),
])
def test_a_demonstrative_is_no_part_of_a_name(sentence, project):
    assert [name for name, generic in _spans_of(sentence, "PROJECT") if not generic] == ([project] if project else [])


@pytest.mark.parametrize("sentence", ["美国加州范登堡空军基地发射火箭。", "这里是爱国主义教育基地。"])
def test_military_and_teaching_bases_are_no_parks(sentence):
    assert _spans_of(sentence, "PARK") == []


@pytest.mark.parametrize(("sentence", "product"), [
    ("金属3D打印技术取得突破。", None),
    ("屏幕分辨率3840X2160。", None),
    ("车牌号粤j465的汽车。", None),
    ("长安CS75销量增长。", "长安CS75"),
])
def test_a_technology_size_or_measured_value_is_no_product(sentence, product):
    assert [name for name, _ in _spans_of(sentence, "PRODUCT")] == ([product] if product else [])


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("赣锋锂业发布公告称，公司拟投资建设锂电池项目。", [("赣锋锂业", False), ("公司", True)]),
    ("中芯国际、华虹半导体等企业参加了展会。", [("中芯国际", False), ("华虹半导体", False)]),
    ("晶科能源与阳光电源达成合作。", [("晶科能源", False), ("阳光电源", False)]),
])
def test_a_company_s_short_name_ends_with_its_line_of_business(sentence, organisations):
    assert _spans_of(sentence, "ORG") == organisations


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("给外界释放出山东钢铁重组日照钢铁遇阻的信息。", []),
    ("控股股东武钢集团合计增持了100万股，占武钢股份股份总额的0.5%。", [("武钢集团", False)]),
])
def test_no_short_name_holds_a_predicate_or_names_shares(sentence, organisations):
    assert _spans_of(sentence, "ORG") == organisations


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("亿纬锂能拟在沈阳投资100亿元。", [("亿纬锂能", False)]),
    ("三一重工在长沙举行新品发布会。", [("三一重工", False)]),
    ("国内能源将加快发展，相关科技，新型材料。", []),
    ("左右家私董事长黄华坤、敏华控股董事局主席黄敏利出席。", [("左右家私", False), ("敏华控股", False)]),
])
def test_a_short_name_the_tagger_misses_is_read_from_a_brand_and_a_line_of_business(sentence, organisations):
    assert _spans_of(sentence, "ORG") == organisations


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("协和风电投资有限公司与间接全资附属公司签订协议。", [("协和风电投资有限公司", False), ("公司", True)]),
    ("国内外资租赁公司与恒信金融租赁有限公司签约。", [("公司", True), ("恒信金融租赁有限公司", False)]),
])
def test_ownership_origin_and_trade_words_alone_make_no_name(sentence, organisations):
    assert _spans_of(sentence, "ORG") == organisations


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("济宁市任城区润时新能源有限公司成立。", [("济宁市任城区润时新能源有限公司", False)]),
    ("国家集成电路产业投资基金股份有限公司总经理丁文武出席。", [("国家集成电路产业投资基金股份有限公司", False)]),
    ("参股公司陕西通家汽车股份有限公司签订备忘录。", [("公司", True), ("陕西通家汽车股份有限公司", False)]),
    ("耐普矿机公告，与宁德时代孙公司奉新时代签署合同。", [("耐普矿机", False), ("宁德时代", False)]),
    ("目前国电南自直接控制人中国华电工程有限公司正在筹划。", [("中国华电工程有限公司", False)]),
])
def test_full_names_read_past_a_place_s_next_character_and_a_business_verb_not_past_a_role_or_party(
        sentence, organisations):
    assert _spans_of(sentence, "ORG") == organisations


def test_a_short_form_later_in_the_sentence_names_the_organisation_the_sentence_begins_with():
    found = analyze_sentence("青岛水木东华数字传媒有限公司正式成立于2012年初，简称青岛东华传媒，是业内专业的供应商。")
    assert [(found.norm[a.start:a.end], found.norm[b.start:b.end]) for a, b in found.aliases] == [
        ("青岛水木东华数字传媒有限公司", "青岛东华传媒")]
    assert analyze_sentence("据悉，天津大学与南开大学合作，简称津南合作，成效显著。").aliases == []


def test_a_technology_code_inside_an_event_s_name_and_a_latin_series_before_a_model_number():
    assert _spans_of("2023世界5G大会在郑州开幕。", "EVENT") == [("2023世界5G大会", False)]
    assert [name for name, _ in _spans_of("华为推出了Mate 60 Pro手机。", "PRODUCT")] == ["Mate 60 Pro"]


def test_an_organisation_the_tagger_is_less_sure_of_is_one_as_the_subject_that_launches_something():
    assert ("华为", "ORG") in _named("华为在发布会上正式推出了Mate 60 Pro手机。")
    assert ("雷军微博", "ORG") not in _named("雷军微博宣布，小米YU7将于7月正式上市。")


@pytest.mark.parametrize(("sentence", "organisations"), [
    ("日前，工业和信息化部印发《关于推动未来产业创新发展的实施意见》。", [("工业和信息化部", False)]),
    ("人社部、住建部联合发布通知。", [("人社部", False), ("住建部", False)]),
    ("美国商务部宣布新的出口管制措施。", [("美国商务部", False)]),
    ("各地教育部门要加强管理。", []),
])
def test_the_state_council_s_departments_by_name_or_short_form_not_another_country_s_or_a_generic_department(
        sentence, organisations):
    assert [(name, generic) for name, generic in _spans_of(sentence, "ORG")] == organisations
