"""Tests for graph.eval_data readers/scorer and the benchmarks/ner_eval.py glue."""
from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from graph.eval_data import (
    TYPE_MAP, LabelledSentence, Score, Span, bmes_to_bio, map_types, read_cfsc, read_cluener,
    read_msra, read_peoples_daily, read_resume, score_spans, spans_from_bio,
)

DATA = Path(__file__).parent / "data" / "ner"
REPO = Path(__file__).resolve().parents[1]


def named(sentence: LabelledSentence) -> list[tuple[str, str]]:
    """The entities of a sentence as (surface text, type) pairs."""
    return [(sentence.text[s.start:s.end], s.type) for s in sentence.entities]


def test_read_msra():
    sentences = list(read_msra(DATA / "msra"))
    assert len(sentences) == 3
    assert sentences[1].text == "曼利是应国家经贸委邀请于１６日抵京的。"
    assert named(sentences[1]) == [("曼利", "PER"), ("国家经贸委", "ORG"), ("京", "LOC")]
    assert named(sentences[0]) == [("江苏", "LOC"), ("如皋市", "LOC"), ("城西乡", "LOC")]


def test_read_msra_rejects_misaligned_lines(tmp_path):
    (tmp_path / "sentences.txt").write_text("张 三\n", encoding="utf-8")
    (tmp_path / "tags.txt").write_text("B-PER\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        list(read_msra(tmp_path))


def test_read_peoples_daily():
    sentences = list(read_peoples_daily(DATA / "peoples_daily.dev"))
    assert [s.text for s in sentences] == [
        "十八集电视连续剧《红树林》正由中国检察日报社影视部摄制。",
        "有心无力的前卫寰岛队只靠高峰扳回一球。",
        "古巴队以96∶89战胜匈牙利队。",
    ]
    assert named(sentences[1]) == [("前卫寰岛队", "ORG"), ("高峰", "PER")]
    assert sentences[2].entities == (Span(0, 3, "ORG"), Span(11, 15, "ORG"))


def test_read_cluener_converts_inclusive_ends():
    sentences = list(read_cluener(DATA / "cluener.json"))
    assert len(sentences) == 4
    assert named(sentences[0]) == [("浙商银行", "company"), ("叶老桂", "name"), ("叶老桂", "name")]
    assert sentences[1].entities == (Span(4, 8, "game"),)
    assert {span.type for s in sentences for span in s.entities} == {
        "company", "name", "game", "organization", "address", "government", "book"}


def test_read_resume_bmes():
    sentences = list(read_resume(DATA / "resume.char.bmes"))
    assert len(sentences) == 3
    assert named(sentences[1])[:2] == [("马", "NAME"), ("伦敦大学", "ORG")]
    assert named(sentences[2]) == [("顾", "NAME"), ("本公司", "ORG"), ("总经理", "TITLE")]


def test_read_cfsc():
    sentences = list(read_cfsc(DATA / "cfsc.json"))
    assert len(sentences) == 4
    assert named(sentences[0]) == [("汽车", "Market")]
    assert named(sentences[2]) == [("天创时尚", "Corporate"), ("平潭尚见", "Corporate")]


@pytest.mark.parametrize("dataset, reader, path, index, expected", [
    ("cluener", read_cluener, "cluener.json", 3, [("中新网", "ORG"), ("印尼海军", "ORG"),
                                                  ("婆罗洲", "LOC"), ("海军", "ORG")]),
    ("resume", read_resume, "resume.char.bmes", 0, [("赵振营", "PER"), ("辽宁海城人", "LOC")]),
    ("cfsc", read_cfsc, "cfsc.json", 2, [("天创时尚", "ORG"), ("平潭尚见", "ORG")]),
    ("cfsc", read_cfsc, "cfsc.json", 3, []),
])
def test_type_map_drops_unmapped_labels(dataset, reader, path, index, expected):
    sentence = list(reader(DATA / path))[index]
    assert named(map_types(sentence, TYPE_MAP[dataset])) == expected


def test_type_map_targets_are_icgraph_types():
    schema = {"ORG", "PARK", "LOC", "PER", "PRODUCT", "PROJECT", "EVENT", "POLICY", "INDUSTRY"}
    assert {t for table in TYPE_MAP.values() for t in table.values()} <= schema


@pytest.mark.parametrize("tags, expected", [
    ([], []),
    (["O", "O"], []),
    (["B-PER"], [Span(0, 1, "PER")]),
    (["B-LOC", "I-LOC", "I-LOC"], [Span(0, 3, "LOC")]),
    (["B-LOC", "B-LOC"], [Span(0, 1, "LOC"), Span(1, 2, "LOC")]),
    (["O", "I-ORG", "I-ORG"], [Span(1, 3, "ORG")]),              # orphan I- starts a span
    (["B-PER", "I-LOC"], [Span(0, 1, "PER"), Span(1, 2, "LOC")]),  # type change splits
])
def test_spans_from_bio(tags, expected):
    assert spans_from_bio(tags) == expected


def test_bmes_to_bio():
    tags = ["S-NAME", "B-ORG", "M-ORG", "E-ORG", "O", "B-TITLE", "E-TITLE"]
    assert spans_from_bio(bmes_to_bio(tags)) == [
        Span(0, 1, "NAME"), Span(1, 4, "ORG"), Span(5, 7, "TITLE")]


def test_score_spans_hand_computed():
    gold = [{Span(0, 2, "PER"), Span(3, 5, "LOC"), Span(6, 9, "ORG")},
            {Span(0, 3, "LOC")},
            set()]
    pred = [{Span(0, 2, "PER"), Span(3, 5, "ORG"), Span(6, 9, "ORG")},
            {Span(0, 3, "LOC"), Span(4, 6, "PER")},
            {Span(0, 1, "PER")}]
    rows = score_spans(gold, pred)
    assert list(rows) == ["LOC", "ORG", "PER", "micro"]
    assert rows["PER"] == Score(1 / 3, 1.0, 0.5, 1, 2, 0)
    assert rows["LOC"] == Score(1.0, 0.5, 2 / 3, 1, 0, 1)
    assert rows["ORG"] == Score(0.5, 1.0, 2 / 3, 1, 1, 0)
    assert rows["micro"] == Score(0.5, 0.75, 0.6, 3, 3, 1)


def test_score_spans_empty():
    assert score_spans([set()], [set()]) == {"micro": Score(0.0, 0.0, 0.0, 0, 0, 0)}


def test_score_spans_needs_aligned_lists():
    with pytest.raises(ValueError):
        score_spans([set()], [])


@pytest.fixture()
def ner_eval():
    """benchmarks/ner_eval.py loaded as a module."""
    spec = importlib.util.spec_from_file_location("ner_eval", REPO / "benchmarks" / "ner_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def eval_dir(tmp_path: Path) -> Path:
    """An --eval-dir laid out like /work/shared/eval, holding the fixtures."""
    (tmp_path / "msra_ner").mkdir()
    (tmp_path / "msra_ner" / "val").symlink_to(DATA / "msra")
    (tmp_path / "peoples_daily_ner").mkdir()
    (tmp_path / "peoples_daily_ner" / "example.dev").symlink_to(DATA / "peoples_daily.dev")
    (tmp_path / "cluener2020").mkdir()
    (tmp_path / "cluener2020" / "train.json").symlink_to(DATA / "cluener.json")
    return tmp_path


def test_jieba_baseline_offsets(ner_eval):
    text = "曼利是应国家经贸委邀请于１６日抵京的。"
    for span in ner_eval.jieba_tagger()(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.type in ner_eval.TYPES


def table_row(section: str, name: str) -> list[str]:
    """The cells of the markdown table row ``| name | ... |`` in a report section."""
    line = next(line for line in section.splitlines() if line.startswith(f"| {name} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_benchmark_reports_missing_tagger(ner_eval, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "graph.ner", None)  # makes the import fail
    out = tmp_path / "ner.md"
    assert ner_eval.main(["--eval-dir", str(eval_dir(tmp_path)), "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == report + "\n"
    sections = report.split("### ")[1:]
    assert [section.splitlines()[0] for section in sections] == [
        "MSRA NER val", "People's Daily NER dev", "CLUENER2020 train"]
    assert all("- icgraph: not available" in section for section in sections)
    assert [table_row(section, "micro")[1] for section in sections] == ["10", "5", "11"]
    assert table_row(sections[0], "micro")[-3:] == ["–", "–", "–"]


def test_benchmark_scores_icgraph_tagger(ner_eval, tmp_path, monkeypatch):
    def ner_text(text: str) -> list[dict]:
        """Finds 曼利 only, plus a PRODUCT span that the benchmark must ignore."""
        start = text.find("曼利")
        found = [{"start": start, "end": start + 2, "type": "PER", "text": "曼利"}] if start >= 0 else []
        return found + [{"start": 0, "end": 1, "type": "PRODUCT", "text": text[0]}]

    monkeypatch.setitem(sys.modules, "graph.ner", types.SimpleNamespace(ner_text=ner_text))
    out = tmp_path / "ner.md"
    ner_eval.main(["--eval-dir", str(eval_dir(tmp_path)), "--limit", "2", "--out", str(out)])
    msra = out.read_text(encoding="utf-8").split("### ")[1]
    assert "2 sentences" in msra
    assert table_row(msra, "PER")[1] == "1"
    assert table_row(msra, "PER")[-3:] == ["100.0", "100.0", "100.0"]
    assert table_row(msra, "micro")[-3:] == ["100.0", "16.7", "28.6"]  # 1 of 6 gold spans
