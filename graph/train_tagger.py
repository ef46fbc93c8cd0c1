"""Train the character CRF of ``graph.tagger`` on the shared labelled sets.

    python -m graph.train_tagger [--eval-dir ../shared/eval] [--iterations 120]

Training data: CLUENER train, MSRA val, People's Daily dev, Resume train+dev and
CFSC val, each mapped to PER/LOC/ORG by ``graph.eval_data.TYPE_MAP``, minus a
fixed, seeded held-out part of each (``HELDOUT`` = 20%) that is only used to
report scores. Writes ``graph/data/tagger.crfsuite``.

>>> train, held = split_heldout("msra", list(range(10)))
>>> len(train), len(held), sorted(train + held) == list(range(10))
(8, 2, True)
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pycrfsuite

from .eval_data import (TYPE_MAP, LabelledSentence, map_types, read_cfsc, read_cluener, read_msra,
                        read_peoples_daily, read_resume)
from .tagger import MODEL, NEWS, features
from .text import normalize

HELDOUT = 0.2
DOMAINS = {"msra": NEWS, "peoples_daily": NEWS}
SEED = "icgraph-heldout-2026"
DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def split_heldout(name: str, items: list) -> tuple[list, list]:
    """The training part and the held-out part of a data set (seeded, stable)."""
    order = list(range(len(items)))
    random.Random(f"{SEED}-{name}").shuffle(order)
    cut = round(len(items) * HELDOUT)
    held = set(order[:cut])
    return [x for k, x in enumerate(items) if k not in held], [x for k, x in enumerate(items) if k in held]


def load_sets(eval_dir: Path) -> dict[str, list[LabelledSentence]]:
    """Every training set, types mapped to PER/LOC/ORG."""
    raw = {
        "msra": read_msra(eval_dir / "msra_ner" / "val"),
        "peoples_daily": read_peoples_daily(eval_dir / "peoples_daily_ner" / "example.dev"),
        "cluener": read_cluener(eval_dir / "cluener2020" / "train.json"),
        "resume": [*read_resume(eval_dir / "resume_ner" / "train.char.bmes"),
                   *read_resume(eval_dir / "resume_ner" / "dev.char.bmes")],
        "cfsc": read_cfsc(eval_dir / "cfsc_ner" / "val.json"),
    }
    return {name: [map_types(s, TYPE_MAP[name]) for s in sents] for name, sents in raw.items()}


def bio(sentence: LabelledSentence) -> list[str]:
    """BIO labels of a sentence's spans.

    >>> from graph.eval_data import Span
    >>> bio(LabelledSentence("李鹏在北京", (Span(0, 2, "PER"), Span(3, 5, "LOC"))))
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']
    """
    labels = ["O"] * len(sentence.text)
    for s in sentence.entities:
        labels[s.start] = f"B-{s.type}"
        for k in range(s.start + 1, s.end):
            labels[k] = f"I-{s.type}"
    return labels


def train(eval_dir: Path, out: Path, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for name, sentences in load_sets(eval_dir).items():
        part, _ = split_heldout(name, sentences)
        domain = DOMAINS.get(name, name)
        for s in part:
            trainer.append(features(normalize(s.text), domain=domain), bio(s))
        count += len(part)
        print(f"{name}: {len(part)} training sentences", file=sys.stderr)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    started = time.perf_counter()
    trainer.train(str(out))
    print(f"trained on {count} sentences in {time.perf_counter() - started:.0f} s -> {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("data") / MODEL)
    args = parser.parse_args(argv)
    train(args.eval_dir, args.out, args.iterations)
    return 0


if __name__ == "__main__":
    sys.exit(main())
