"""graph.relations.extract_relations: the trigger rules, read on mention texts."""
from __future__ import annotations

from graph.extract import analyze_document
from graph.ingest import parse_text
from graph.relations import extract_relations


def _relations(text: str, relation: str) -> list[tuple[str, str, dict]]:
    """(head text, tail text, attributes) of every ``relation`` read in ``text``."""
    rels = extract_relations(analyze_document(parse_text("t", text)))
    return [(r.head.text, r.tail.text, dict(r.attrs)) for r in rels if r.relation == relation]


def _pairs(rows: list[tuple[str, str, dict]]) -> set[frozenset[str]]:
    return {frozenset((h, t)) for h, t, _ in rows}


def test_multi_party_signing_gives_one_edge_per_pair():
    rows = _relations("会上,脑机海河实验室、天津脑机接口产业集团、翔宇医疗等单位签署共建合作协议。", "signed_with")
    assert len(rows) == 3
    assert _pairs(rows) == {frozenset(("脑机海河实验室", "天津脑机接口产业集团")),
                            frozenset(("脑机海河实验室", "翔宇医疗")),
                            frozenset(("天津脑机接口产业集团", "翔宇医疗"))}
    assert {a["agreement"] for _, _, a in rows} == {"共建合作协议"}


def test_the_parties_of_a_signing_are_in_its_clause_when_it_names_two():
    rows = _relations("同一天,汇通集团发布公告,舟基集团与富鼎担保公司签署了《股份转让协议》。", "signed_with")
    assert _pairs(rows) == {frozenset(("舟基集团", "富鼎担保公司"))}
    rows = _relations("天津大学,与浙江大学签署合作协议。", "signed_with")
    assert _pairs(rows) == {frozenset(("天津大学", "浙江大学"))}


def test_a_parent_company_is_named_right_after_its_subsidiary():
    assert _pairs(_relations("山东德棉股份有限公司存在控股股东德棉集团违规占用资金情形。", "part_of")) == {
        frozenset(("山东德棉股份有限公司", "德棉集团"))}
    assert not _relations("南京银行建宁路支行行长表示,其控股股东郑州宇通集团有限公司签署协议。", "part_of")


def test_project_built_by_investor():
    rows = _relations("GMP干细胞药厂项目由广州赛莱拉干细胞科技股份有限公司投资建设。", "invests_in")
    assert [(h, t) for h, t, _ in rows] == [("广州赛莱拉干细胞科技股份有限公司", "GMP干细胞药厂项目")]


def test_post_gives_holds_position_with_role():
    rows = _relations("天津滨海高新区管委会副主任韩林表示,天津滨海高新区将发挥优势。", "holds_position")
    assert rows == [("韩林", "天津滨海高新区管委会", {"role": "副主任"})]


def test_a_business_function_before_a_post_is_part_of_the_title_not_a_body():
    rows = _relations("对长生生物科技股份有限公司董事长、总经理、财务总监高俊芳给予处分。", "holds_position")
    assert {(h, t) for h, t, _ in rows} == {("高俊芳", "长生生物科技股份有限公司")}
    assert not _relations("公司新任董事长穆建霞主持会议。", "holds_position")


def test_chain_of_posts_all_go_to_the_named_body():
    rows = _relations("小米创办人、董事长兼CEO雷军发布玄戒O1芯片。", "holds_position")
    assert {(h, t) for h, t, _ in rows} == {("雷军", "小米")}
    assert sorted(a["role"] for _, _, a in rows) == sorted(["创办人", "董事长", "CEO"])


def test_event_held_in_place_is_located_there():
    rows = _relations("脑机接口未来产业大会5月29日在天津市举行。", "located_in")
    assert [(h, t) for h, t, _ in rows] == [("脑机接口未来产业大会", "天津市")]


def test_joint_work_links_every_pair():
    rows = _relations("中国科学院空天信息创新研究院联合浙江大学、上海交通大学医学院附属瑞金医院开展研究。",
                      "cooperates_with")
    members = ("中国科学院空天信息创新研究院", "浙江大学", "上海交通大学医学院附属瑞金医院")
    assert _pairs(rows) == {frozenset((a, b)) for a in members for b in members if a < b}


def test_no_signing_without_a_signing_verb():
    assert _relations("天津大学、浙江大学等高校出席会议。", "signed_with") == []


def test_investor_directly_before_the_verb_and_the_invested_name():
    rows = _relations("深圳市创新投资集团有限公司近日注资3亿元入股苏州纳芯微电子股份有限公司。", "invests_in")
    assert [(h, t) for h, t, _ in rows] == [("深圳市创新投资集团有限公司", "苏州纳芯微电子股份有限公司")]
    assert rows[0][2]["amount_yuan"] == 3e8


def test_no_investment_across_a_clause_or_a_long_gap():
    assert _relations("华腾集团有限公司举行年会，会上宣布入股苏州纳芯微电子股份有限公司。", "invests_in") == []
    assert _relations("华腾集团有限公司在过去十年里一直关注并持续增资苏州纳芯微电子股份有限公司。", "invests_in") == []


def test_person_appointed_to_a_post_of_a_named_body():
    assert [(h, t, a["role"]) for h, t, a in _relations("江西省人民政府任命曾建平为井冈山大学校长。", "holds_position")] == [
        ("曾建平", "井冈山大学", "校长")]
    rows = _relations("李天任博士（现任中国文化大学校长）推动数字出版。", "holds_position")
    assert [(h, t) for h, t, _ in rows] == [("李天任", "中国文化大学")]


def test_current_post_does_not_reach_into_another_sentence():
    assert _relations("李天任出席会议。现任中国文化大学校长的讲话很长。", "holds_position") == []


def test_headquarters_set_in_a_place():
    rows = _relations("巨人教育集团成立于1994年，总部在北京。", "located_in")
    assert [(h, t) for h, t, _ in rows] == [("巨人教育集团", "北京")]


def test_founder_right_before_the_verb():
    rows = _relations("1993年11月16日，俞敏洪创办了北京市新东方学校，担任校长。", "holds_position")
    assert [(h, t, a["role"]) for h, t, a in rows] == [("俞敏洪", "北京市新东方学校", "创始人")]
    assert _relations("俞敏洪表示，学校创办了北京市新东方学校分校。", "holds_position") == []


def test_founder_who_set_up_a_company():
    rows = _relations("1998年，王明成立了华腾科技有限公司。", "holds_position")
    assert [(h, t, a["role"]) for h, t, a in rows] == [("王明", "华腾科技有限公司", "创始人")]


def test_post_holder_whose_name_is_followed_by_a_word():
    # the third character would start 非常 / 研究: the name is two characters
    rows = _relations("华腾建设集团董事长陈新非常重视安全生产。", "holds_position")
    assert [(h, t, a["role"]) for h, t, a in rows] == [("陈新", "华腾建设集团", "董事长")]
    rows = _relations("华腾资本集团创始人兼首席执行官张磊研究产业政策。", "holds_position")
    assert ("张磊", "华腾资本集团") in {(h, t) for h, t, _ in rows}


def test_post_holder_after_a_space():
    rows = _relations("广西华腾股份有限公司董事长 黄定寿就产业扶贫提出建议。", "holds_position")
    assert [(h, t) for h, t, _ in rows] == [("黄定寿", "广西华腾股份有限公司")]


def test_founded_in_a_place_sits_there():
    rows = _relations("华腾信息技术有限公司于2009年成立于德国，同年在上海设立分公司。", "located_in")
    assert ("华腾信息技术有限公司", "德国") in {(h, t) for h, t, _ in rows}
    assert _relations("华腾信息技术有限公司成立于2009年，主营软件。", "located_in") == []


def test_a_branch_is_part_of_the_organisation_its_name_begins_with():
    rows = _relations("中国工商银行北海分行行长张三出席。富龙集团北京分公司成立。中信证券上海沪闵路证券营业部开业。",
                      "part_of")
    assert [(head, tail) for head, tail, _ in rows] == [("中国工商银行北海分行", "中国工商银行"),
                                                        ("富龙集团北京分公司", "富龙集团")]


def test_a_seat_is_the_most_specific_of_the_places_written_together():
    rows = _relations("润迅通信集团有限公司成立于1992年，总部位于广东省深圳市。", "located_in")
    assert [(head, tail) for head, tail, _ in rows] == [("润迅通信集团有限公司", "深圳市")]


def test_an_organisation_the_tagger_is_less_sure_of_is_one_right_before_a_post():
    rows = _relations("美的电器董事局主席方洪波出席。", "holds_position")
    assert [(head, tail, attrs.get("role")) for head, tail, attrs in rows] == [("方洪波", "美的电器", "董事局主席")]


def test_a_post_on_a_company_s_board_is_held_at_the_company():
    assert [(h, t, a["role"]) for h, t, a in _relations("凤凰卫视董事局主席刘长乐前往阳朔考察。", "holds_position")] == [
        ("刘长乐", "凤凰卫视", "董事局主席")]
    assert [(h, t) for h, t, _ in _relations("康哲药业集团董事局主席林刚则认为。", "holds_position")] == [
        ("林刚", "康哲药业集团")]


def test_a_name_after_a_post_may_begin_with_a_surname_the_tagger_was_not_trained_with():
    assert [(h, t) for h, t, _ in _relations("中通快递董事长赖梅松表示，行业领军企业要有责任和担当。", "holds_position")] == [
        ("赖梅松", "中通快递")]


def test_a_person_apposed_to_a_body_and_post_holds_it_but_not_the_name_after_the_previous_post_of_a_list():
    assert [(h, t) for h, t, _ in _relations("王传福，比亚迪股份有限公司董事长，他表示将继续投资。", "holds_position")] == [
        ("王传福", "比亚迪股份有限公司")]
    rows = _relations("福建省人民政府副省长李德金,中国工程院院士、中国农业大学教授谯仕彦出席。", "holds_position")
    assert ("李德金", "中国工程院") not in [(h, t) for h, t, _ in rows]


def test_an_organisation_founded_in_a_place_is_there_but_not_one_that_founds_something_there():
    assert [(h, t) for h, t, _ in _relations("1982年，中国海洋石油总公司在北京正式成立。", "located_in")] == [
        ("中国海洋石油总公司", "北京")]
    assert _relations("华为公司在深圳成立了一家子公司。", "located_in") == []


def test_the_two_parties_that_hold_a_signing_ceremony_signed():
    assert _pairs(_relations("西安高新区与比亚迪股份有限公司举行新能源汽车零部件产业园项目签约仪式。", "signed_with")) == {
        frozenset({"西安高新区", "比亚迪股份有限公司"})}
    assert _relations("省长李明、华为公司董事长张三出席签约仪式。", "signed_with") == []


def test_a_post_inherits_the_previous_body_only_across_a_separator_or_for_the_same_person():
    rows = _relations("合肥市委书记虞爱华、蔚来创始人李斌出席签约仪式。", "holds_position")
    assert [(h, t) for h, t, _ in rows] == [("虞爱华", "合肥市委")]
    rows = _relations("华为公司董事长张三、总经理李四出席。", "holds_position")
    assert [(h, t) for h, t, _ in rows] == [("张三", "华为公司"), ("李四", "华为公司")]


def test_a_site_chosen_for_a_project_locates_the_project_not_its_investor():
    rows = _relations("该项目由宁德时代投资建设，选址于宜宾临港经济技术开发区。", "located_in")
    assert [(h, t) for h, t, _ in rows] == [("该项目", "宜宾临港经济技术开发区")]


def test_a_body_before_a_business_function_and_a_deputy_post_holds_it():
    rows = _relations("赊店老酒股份有限公司董事长单森林先生，河南赊店商业有限公司销售副总监张文星出席。", "holds_position")
    assert [(h, t) for h, t, _ in rows] == [("单森林", "赊店老酒股份有限公司"), ("张文星", "河南赊店商业有限公司")]
