"""Train the character CRF of ``graph.tagger`` on the shared labelled sets.

    python -m graph.train_tagger [--eval-dir ../shared/eval] [--iterations 300]

Every labelled set (CLUENER train, MSRA val, People's Daily dev, Resume
train+dev, CFSC val; types mapped to PER/LOC/ORG by ``graph.eval_data.TYPE_MAP``)
loses a fixed, seeded held-out part (``HELDOUT`` = 20%) that is only used to
report scores. From the rest:

- the CRF is trained on all of them; the sets disagree on conventions (CLUENER
  addresses are whole street addresses), so key features are also conjoined
  with the set's convention, and tagging uses the news convention of MSRA and
  People's Daily; their sentences count ``NEWS_WEIGHT`` times, as the news sets
  are small beside CLUENER;
- the names lexicon holds every labelled name of every set with its most
  frequent type; a training sentence sees the lexicon of the other folds only;
- characters are clustered by their neighbours over the text of every set plus
  FinRE train and the DuIE subset (unlabelled use).

Writes ``tagger.crfsuite``, ``tagger_names.tsv`` and ``char_clusters.tsv`` to
``graph/data/`` (or ``--out-dir``).

>>> train, held = split_heldout("msra", list(range(10)))
>>> len(train), len(held), sorted(train + held) == list(range(10))
(8, 2, True)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

import numpy as np
import pycrfsuite
from scipy.cluster.vq import kmeans2

from .eval_data import (
    TYPE_MAP,
    LabelledSentence,
    map_types,
    read_cfsc,
    read_cluener,
    read_msra,
    read_peoples_daily,
    read_resume,
)
from .char_marks import LONGEST_NAME, NAMES
from .crf_features import CLUSTERS, NEWS, features
from .tagger import MODEL
from .text import normalize

HELDOUT = 0.2
SEED = "icgraph-heldout-2026"
NEWS_SETS = ("msra", "peoples_daily")
NEWS_WEIGHT = 2
TRAIN_SETS = ("msra", "peoples_daily", "cluener", "resume", "cfsc")
FOLDS = 5
CLUSTER_COUNT = 100
CONTEXT_CHARS = 1500
CLUSTER_DIMENSIONS = 80
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


def bioes(sentence: LabelledSentence) -> list[str]:
    """BIOES labels of a sentence's spans (a one-character name is ``S``, a name's last character ``E``).

    Marking where a name ends, not only where it starts, is worth about two
    points of F1 on the news sets over BIO.

    >>> from graph.eval_data import Span
    >>> bioes(LabelledSentence("李鹏在北京市", (Span(0, 2, "PER"), Span(3, 6, "LOC"))))
    ['B-PER', 'E-PER', 'O', 'B-LOC', 'I-LOC', 'E-LOC']
    >>> bioes(LabelledSentence("中美", (Span(0, 1, "LOC"), Span(1, 2, "LOC"))))
    ['S-LOC', 'S-LOC']
    """
    labels = ["O"] * len(sentence.text)
    for s in sentence.entities:
        if s.end - s.start == 1:
            labels[s.start] = f"S-{s.type}"
            continue
        labels[s.start] = f"B-{s.type}"
        for k in range(s.start + 1, s.end - 1):
            labels[k] = f"I-{s.type}"
        labels[s.end - 1] = f"E-{s.type}"
    return labels


def names_lexicon(sentences: Iterable[LabelledSentence]) -> dict[str, str]:
    """Every labelled name of 2+ characters with its most frequent type.

    >>> from graph.eval_data import Span
    >>> names_lexicon([LabelledSentence("李鹏在北京", (Span(0, 2, "PER"), Span(3, 5, "LOC")))])
    {'李鹏': 'PER', '北京': 'LOC'}
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        for e in s.entities:
            name = normalize(s.text[e.start:e.end])
            if 2 <= len(name) <= LONGEST_NAME:
                counts[name][e.type] += 1
    return {name: c.most_common(1)[0][0] for name, c in counts.items()}


def char_clusters(texts: list[str], k: int = CLUSTER_COUNT) -> dict[str, str]:
    """Characters (seen 3+ times) clustered by their left and right neighbours.

    Each character is described by log counts of the frequent characters just
    before and after it, reduced by SVD and grouped by k-means (seeded).
    """
    counts = Counter(c for t in texts for c in t)
    vocab = [c for c, n in counts.most_common() if n >= 3]
    context = {c: i for i, (c, _) in enumerate(counts.most_common(CONTEXT_CHARS))}
    row = {c: i for i, c in enumerate(vocab)}
    m = np.zeros((len(vocab), 2 * len(context)), dtype=np.float64)
    for t in texts:
        for a, b in pairwise(t):
            if a in row and b in context:
                m[row[a], len(context) + context[b]] += 1
            if b in row and a in context:
                m[row[b], context[a]] += 1
    m = np.log1p(m)
    m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-9
    u, sigma, _ = np.linalg.svd(m, full_matrices=False)
    x = u[:, :CLUSTER_DIMENSIONS] * sigma[:CLUSTER_DIMENSIONS]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    _, labels = kmeans2(x, k, minit="++", seed=0, iter=30)
    return {c: str(label) for c, label in zip(vocab, labels)}


def unlabelled_texts(eval_dir: Path) -> list[str]:
    """Text of the FinRE train and DuIE subset sentences (their labels are not used)."""
    texts = [line.rstrip("\n").split("\t")[-1] for line in
             (eval_dir / "finre" / "train.txt").read_text(encoding="utf-8").splitlines()]
    texts += [json.loads(line)["text"] for line in
              (eval_dir / "duie2_subset" / "duie_train.json").read_text(encoding="utf-8").splitlines() if line]
    return texts


def write_table(path: Path, table: dict[str, str]) -> None:
    path.write_text("".join(f"{key}\t{value}\n" for key, value in table.items()), encoding="utf-8")


def training_sentences(eval_dir: Path) -> list[tuple[str, LabelledSentence, dict[str, str]]]:
    """Every sentence outside the held-out parts: its set's name, the sentence, the names lexicon of the other folds."""
    parts = {name: split_heldout(name, sentences)[0] for name, sentences in load_sets(eval_dir).items()}
    labelled = [(name, s) for name, part in parts.items() for s in part]
    fold = [random.Random(f"{SEED}-fold-{k}").randrange(FOLDS) for k in range(len(labelled))]
    fold_names = [names_lexicon(s for (_, s), f in zip(labelled, fold) if f != held) for held in range(FOLDS)]
    return [(name, s, fold_names[f]) for (name, s), f in zip(labelled, fold)]


def domain_and_weight(set_name: str) -> tuple[str, int]:
    """The labelling convention a set's sentences are tagged with, and how often each counts."""
    return (NEWS, NEWS_WEIGHT) if set_name in NEWS_SETS else (set_name, 1)


def train(eval_dir: Path, out_dir: Path, iterations: int, train_sets: tuple[str, ...] = TRAIN_SETS) -> None:
    sentences = training_sentences(eval_dir)
    labelled = [s for _, s, _ in sentences]
    clusters = char_clusters([normalize(t) for t in [*(s.text for s in labelled), *unlabelled_texts(eval_dir)]])
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for name, s, names in sentences:
        if name in train_sets:
            domain, weight = domain_and_weight(name)
            x = features(normalize(s.text), names=names, clusters=clusters, domain=domain)
            for _ in range(weight):
                trainer.append(x, bioes(s))
            count += weight
    print(f"{count} training sequences", file=sys.stderr)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out_dir / MODEL))
    write_table(out_dir / NAMES, names_lexicon(labelled))
    write_table(out_dir / CLUSTERS, clusters)
    print(f"trained in {time.perf_counter() - started:.0f} s -> {out_dir}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).with_name("data"))
    parser.add_argument("--sets", default=",".join(TRAIN_SETS), help="labelled sets the CRF learns from")
    args = parser.parse_args(argv)
    train(args.eval_dir, args.out_dir, args.iterations, tuple(args.sets.split(",")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
