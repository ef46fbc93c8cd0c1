"""Score PER/LOC/ORG extraction on MSRA val, People's Daily dev and CLUENER train.

Two systems side by side: a jieba.posseg baseline (nr->PER, ns->LOC, nt->ORG)
and icgraph's tagger ``graph.ner.ner_text``, which is reported as "not
available" when it cannot be imported. Exact span-and-type match; see
benchmarks/README.md.

    python benchmarks/ner_eval.py [--limit N] [--out benchmarks/ner.md] [--eval-dir DIR]
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

import jieba
import jieba.posseg

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from graph.eval_data import (  # noqa: E402  (needs the repo on sys.path)
    TYPE_MAP, LabelledSentence, Score, Span, map_types, read_cluener, read_msra,
    read_peoples_daily, score_spans,
)

TYPES = ("PER", "LOC", "ORG")
JIEBA_TYPES = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
DATASETS: dict[str, tuple[str, str, Callable[[Path], Iterator[LabelledSentence]]]] = {
    # key: (title, path under the eval dir, reader); the key also indexes TYPE_MAP
    "msra": ("MSRA NER val", "msra_ner/val", read_msra),
    "peoples_daily": ("People's Daily NER dev", "peoples_daily_ner/example.dev", read_peoples_daily),
    "cluener": ("CLUENER2020 train", "cluener2020/train.json", read_cluener),
}
PROGRESS_EVERY = 500
WARM_UP = "北京大学的李明昨天在上海见了华为公司的人。"

Tagger = Callable[[str], set[Span]]


def jieba_tagger() -> Tagger:
    """Return the baseline: jieba.posseg tokens tagged nr/ns/nt become PER/LOC/ORG spans.

    It uses a private jieba dictionary, so words other code adds to jieba's
    global one do not leak into the baseline.

    >>> sorted(jieba_tagger()("李明在北京"))
    [Span(start=0, end=2, type='PER'), Span(start=3, end=5, type='LOC')]
    """
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())

    def tag(text: str) -> set[Span]:
        spans, start = set(), 0
        for pair in tokenizer.cut(text):
            end = start + len(pair.word)
            if pair.flag in JIEBA_TYPES:
                spans.add(Span(start, end, JIEBA_TYPES[pair.flag]))
            start = end
        return spans

    return tag


def icgraph_tagger() -> Tagger | str:
    """Return icgraph's tagger, or why it is not available (an ImportError message)."""
    try:
        from graph.ner import ner_text
    except ImportError as error:
        return f"not available ({error})"

    def tag(text: str) -> set[Span]:
        return {Span(e["start"], e["end"], e["type"]) for e in ner_text(text)}

    return tag


def load(key: str, eval_dir: Path, limit: int | None) -> list[LabelledSentence]:
    """Read the first ``limit`` sentences of a data set, labels mapped through TYPE_MAP."""
    _, relative, reader = DATASETS[key]
    sentences = (map_types(s, TYPE_MAP[key]) for s in reader(eval_dir / relative))
    return list(islice(sentences, limit))


def run(tagger: Tagger, sentences: list[LabelledSentence], label: str) -> tuple[list[set[Span]], float]:
    """Tag every sentence (PER/LOC/ORG kept); return the spans and characters per second."""
    tagger(WARM_UP)  # lazy loading of dictionaries or models is not timed
    predictions: list[set[Span]] = []
    began = time.perf_counter()
    for number, sentence in enumerate(sentences, 1):
        predictions.append({span for span in tagger(sentence.text) if span.type in TYPES})
        if number % PROGRESS_EVERY == 0 or number == len(sentences):
            print(f"{label}: {number}/{len(sentences)}", file=sys.stderr)
    seconds = time.perf_counter() - began
    return predictions, sum(len(s.text) for s in sentences) / seconds if seconds else 0.0


def _cells(score: Score | None) -> str:
    """P | R | F1 in percent, or dashes for a system that did not run."""
    if score is None:
        return "– | – | –"
    return " | ".join(f"{100 * value:.1f}" for value in (score.p, score.r, score.f1))


def table(title: str, sentences: list[LabelledSentence], systems: dict[str, dict[str, Score] | str],
          speeds: dict[str, float]) -> str:
    """Render one data set's markdown section: a row per type plus micro, P/R/F1 per system."""
    gold_counts = {t: sum(span.type == t for s in sentences for span in s.entities) for t in TYPES}
    gold_counts["micro"] = sum(gold_counts.values())
    lines = [f"### {title}", "",
             f"{len(sentences)} sentences, {sum(len(s.text) for s in sentences)} characters.", ""]
    for name, result in systems.items():
        speed = f"{speeds[name]:,.0f} chars/s" if name in speeds else result
        lines.append(f"- {name}: {speed}")
    header = "| type | gold | " + " | ".join(f"{n} P | {n} R | {n} F1" for n in systems) + " |"
    lines += ["", header, "|" + "---|" * (2 + 3 * len(systems))]
    for row in (*TYPES, "micro"):
        cells = " | ".join(_cells(r.get(row) if isinstance(r, dict) else None) for r in systems.values())
        lines.append(f"| {row} | {gold_counts[row]} | {cells} |")
    return "\n".join(lines) + "\n"


def evaluate(key: str, eval_dir: Path, limit: int | None, taggers: dict[str, Tagger | str]) -> str:
    """Run every available tagger on one data set and return its markdown section."""
    title = DATASETS[key][0]
    sentences = load(key, eval_dir, limit)
    gold = [set(s.entities) for s in sentences]
    systems: dict[str, dict[str, Score] | str] = {}
    speeds: dict[str, float] = {}
    for name, tagger in taggers.items():
        if isinstance(tagger, str):
            systems[name] = tagger
            continue
        predictions, speeds[name] = run(tagger, sentences, f"{key} {name}")
        systems[name] = score_spans(gold, predictions)
    return table(title, sentences, systems, speeds)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints the report and optionally writes it to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="sentences per data set (default: all)")
    parser.add_argument("--out", type=Path, help="also write the markdown report here")
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval",
                        help="folder holding msra_ner/, peoples_daily_ner/, cluener2020/")
    args = parser.parse_args(argv)
    taggers = {"baseline": jieba_tagger(), "icgraph": icgraph_tagger()}
    sections = [evaluate(key, args.eval_dir, args.limit, taggers) for key in DATASETS]
    report = "## NER: exact span-and-type match, PER/LOC/ORG (P/R/F1 in %)\n\n" + "\n".join(sections)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
