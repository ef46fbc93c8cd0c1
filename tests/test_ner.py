"""``icgraph ner``: the tagger's names, the rules' domain types, rule organisations with a proper name in the gaps."""
from graph.ner import combined, ner_text
from graph.spans import Span


def test_domain_span_replaces_the_tagger_spans_it_overlaps():
    park = Span(0, 9, "PARK", "suffix")
    tagged = [Span(0, 2, "LOC", "tagger"), Span(7, 11, "ORG", "tagger")]
    assert combined("天津经济技术开发区管委会", [park], tagged) == [park]


def test_rule_organisations_fill_only_the_gaps_and_rule_people_are_not_added():
    tagged = [Span(0, 2, "LOC", "tagger")]
    rules = [Span(0, 6, "ORG", "suffix"), Span(7, 11, "ORG", "known"), Span(12, 14, "PER", "post")]
    assert combined("宁波华星公司与吉利集团和王强签约", rules, tagged) == [tagged[0], rules[1]]


def test_only_gazetteer_places_of_the_rules_fill_gaps():
    rules = [Span(3, 5, "LOC", "gazetteer"), Span(6, 8, "LOC", "abbrev-place")]
    assert combined("吴桂花(新疆)赴沪", rules, []) == [rules[0]]


def test_a_gap_organisation_of_common_words_only_is_not_added():
    rules = [Span(0, 4, "ORG", "suffix")]
    assert combined("保险公司的工作", rules, []) == []


def test_a_longer_tagger_name_wins_over_the_domain_span_inside_it():
    event = Span(3, 7, "EVENT", "suffix")
    hall = Span(3, 8, "LOC", "tagger")
    assert combined("代表在人民大会堂开会", [event], [hall]) == [hall]


def test_ner_text_offsets_index_the_line():
    line = "宁波市与吉利汽车集团签约,在鄞州经济开发区建设项目。"
    entities = ner_text(line)
    assert entities and all(line[e["start"]:e["end"]] == e["text"] for e in entities)
    assert ("吉利汽车集团", "ORG") in {(e["text"], e["type"]) for e in entities}
    assert not any(e["text"] == "鄞州" for e in entities)  # inside the PARK, not a place of its own


def test_a_formal_body_the_rules_found_stays_whole():
    entities = {(e["text"], e["type"]) for e in ner_text("江宁区人民政府与华星集团签约,中国政府表示欢迎。")}
    assert ("江宁区人民政府", "ORG") in entities
    assert ("中国", "LOC") in entities  # the news convention: a country's 政府 is not part of the name
