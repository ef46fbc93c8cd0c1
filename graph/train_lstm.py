"""Train the character BiLSTM of ``graph.lstm_tagger`` on the shared labelled sets (needs PyTorch).

    pip install -e '.[train]'
    python -m graph.train_lstm [--eval-dir ../shared/eval] [--epochs 8]

It learns from the same sentences as the CRF (``graph.train_tagger``: every
set minus its seeded held-out part, news sentences twice, each sentence with the
names lexicon of the other folds). Character and two-character embeddings
start from an SVD of their positive pointwise mutual information with the
characters around them, over the training texts and the unlabelled FinRE and
DuIE texts. The net: those embeddings, the jieba word shape, the lexicon
marks and the labelling convention, into one bidirectional LSTM layer and a
softmax over the BIOES labels, trained with Adam on cross-entropy on one CPU
thread with fixed seeds. Writes ``tagger_lstm.npz`` (embeddings in float16)
to ``graph/data/`` (or ``--out-dir``).

>>> embedding_vocab(["北京北京", "北方"], 2, characters)
['北', '京']
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

from .bioes import LABELS
from .char_marks import LEXICON_FLAGS, lexicon_marks
from .lstm_tagger import MODEL, Encoded, encode, word_shape
from .text import normalize
from .tokens import tokenize
from .train_tagger import DEFAULT_EVAL, NEWS, bioes, domain_and_weight, training_sentences, unlabelled_texts

CHAR_DIM, BIGRAM_DIM, SHAPE_DIM, SUFFIX_DIM, DOMAIN_DIM = 64, 32, 16, 8, 8
HIDDEN = 64
DROPOUT = 0.3
LEARNING_RATE = 2e-3
BATCH = 32
EPOCHS = 8
WINDOW = 2
CONTEXT_CHARS = 3000
SEED = 0
DOMAINS = (NEWS, "cluener", "resume", "cfsc")
PAD = "<pad>"


def characters(text: str) -> list[str]:
    return list(text)


def bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)]


def embedding_vocab(texts: list[str], min_count: int, units: Callable[[str], list[str]]) -> list[str]:
    """Units seen at least ``min_count`` times, most frequent first (ties by text)."""
    counts = Counter(u for t in texts for u in units(t))
    return [u for u, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= min_count]


def ppmi_embeddings(texts: list[str], vocab: list[str], units: Callable[[str], list[str]],
                    dim: int) -> np.ndarray:
    """Unit-length vectors from an SVD of the PPMI of units with the characters ``WINDOW`` before and after."""
    row = {u: i for i, u in enumerate(vocab)}
    chars = Counter(c for t in texts for c in t)
    context = {c: i for i, (c, _) in enumerate(sorted(chars.items(), key=lambda kv: (-kv[1], kv[0]))[:CONTEXT_CHARS])}
    rows, cols = [], []
    for t in texts:
        for i, u in enumerate(units(t)):
            if u not in row:
                continue
            for offset in (*range(-WINDOW, 0), *range(1, WINDOW + 1)):
                j = i + offset + (len(u) - 1 if offset > 0 else 0)
                if 0 <= j < len(t) and t[j] in context:
                    rows.append(row[u])
                    cols.append((offset + WINDOW) * len(context) + context[t[j]])
    shape = (len(vocab), (2 * WINDOW + 1) * len(context))
    counts = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=shape).tocsr().tocoo()
    total = counts.sum()
    row_sums = np.asarray(counts.sum(axis=1)).ravel()
    col_sums = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    col_sums = col_sums / col_sums.sum() * total
    pmi = np.log(counts.data * total / (row_sums[counts.row] * col_sums[counts.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=shape)
    u, sigma, _ = svds(ppmi, k=dim, random_state=SEED)
    x = u * np.sqrt(sigma)
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-9)


@dataclass(frozen=True)
class Example:
    """A training sentence: its encoding, labelling convention and gold labels (indices)."""

    encoded: Encoded
    domain: int
    labels: list[int]


def example(text: str, marks: list[tuple[str, ...]], domain: str, vocab: dict[str, dict[str, int]],
            labels: list[str]) -> Example:
    return Example(encode(text, tokenize(text), marks, vocab), DOMAINS.index(domain),
                   [LABELS.index(label) for label in labels])


def build_vocab(sentences: list[tuple[str, list[tuple[str, ...]]]], pretrained: dict[str, list[str]]
                ) -> dict[str, dict[str, int]]:
    """Index of every input unit; 0 pads, 1 is unknown (suffix types: 0 is none)."""
    def index(units: list[str]) -> dict[str, int]:
        return {u: i for i, u in enumerate([PAD, "<unk>", *units])}
    shapes = Counter(s for text, _ in sentences for s in word_shape(tokenize(text), len(text)))
    suffixes = sorted({m for _, marks in sentences for ms in marks for m in ms if m.startswith("suffix_end=")})
    return {"char": index(pretrained["char"]), "bi": index(pretrained["bi"]),
            "seg": index(sorted(s for s, c in shapes.items() if c >= 2)),
            "suffix": {u: i for i, u in enumerate([PAD, *suffixes])}}


def make_net(vocab: dict[str, dict[str, int]], vectors: dict[str, np.ndarray]):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.char = nn.Embedding(len(vocab["char"]), CHAR_DIM, padding_idx=0)
            self.bi = nn.Embedding(len(vocab["bi"]), BIGRAM_DIM, padding_idx=0)
            self.seg = nn.Embedding(len(vocab["seg"]), SHAPE_DIM, padding_idx=0)
            self.suffix = nn.Embedding(len(vocab["suffix"]), SUFFIX_DIM, padding_idx=0)
            self.domain = nn.Embedding(len(DOMAINS), DOMAIN_DIM)
            width = CHAR_DIM + BIGRAM_DIM + SHAPE_DIM + SUFFIX_DIM + DOMAIN_DIM + len(LEXICON_FLAGS)
            self.drop = nn.Dropout(DROPOUT)
            self.lstm = nn.LSTM(width, HIDDEN, bidirectional=True, batch_first=True)
            self.out = nn.Linear(2 * HIDDEN, len(LABELS))
            for key, emb in (("char", self.char), ("bi", self.bi)):
                scale = float(np.sqrt(emb.embedding_dim))
                emb.weight.data[2:] = torch.from_numpy(vectors[key].astype(np.float32)) * scale

        def forward(self, chars, bis, shapes, suffixes, flags, domains, lengths):
            x = torch.cat([self.char(chars), self.bi(bis), self.seg(shapes), self.suffix(suffixes),
                           self.domain(domains)[:, None, :].expand(-1, chars.shape[1], -1), flags], -1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=chars.shape[1])
            return self.out(self.drop(h))

    return Net()


def batch_tensors(items: list[Example]):
    import torch

    n, size = max(len(e.labels) for e in items), len(items)
    ids = {key: torch.zeros(size, n, dtype=torch.long) for key in ("chars", "bigrams", "shapes", "suffixes")}
    flags = torch.zeros(size, n, len(LEXICON_FLAGS))
    labels = torch.full((size, n), -100, dtype=torch.long)
    for k, e in enumerate(items):
        m = len(e.labels)
        for key, t in ids.items():
            t[k, :m] = torch.tensor(getattr(e.encoded, key))
        flags[k, :m] = torch.from_numpy(e.encoded.flags)
        labels[k, :m] = torch.tensor(e.labels)
    domains = torch.tensor([e.domain for e in items])
    lengths = torch.tensor([len(e.labels) for e in items])
    return (ids["chars"], ids["bigrams"], ids["shapes"], ids["suffixes"], flags, domains, lengths), labels


def batches(data: list[Example], rng: random.Random) -> list[list[Example]]:
    """Shuffled batches of sentences of similar length (sorted within chunks of 50 batches)."""
    order = list(range(len(data)))
    rng.shuffle(order)
    out = []
    for k in range(0, len(order), BATCH * 50):
        chunk = sorted(order[k:k + BATCH * 50], key=lambda i: len(data[i].labels))
        out += [[data[i] for i in chunk[j:j + BATCH]] for j in range(0, len(chunk), BATCH)]
    rng.shuffle(out)
    return out


def export(net, vocab: dict[str, dict[str, int]], path: Path) -> None:
    """Weights and vocabularies as plain arrays (no pickle) for ``graph.lstm_tagger``."""
    state = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    arrays = {f"vocab_{key}": np.array(list(v)) for key, v in vocab.items()}
    for key, name in (("char", "char"), ("bi", "bi"), ("seg", "seg"), ("suffix", "suffix")):
        arrays[f"embed_{key}"] = state[f"{name}.weight"].astype(np.float16)
    arrays["embed_domain"] = state["domain.weight"][DOMAINS.index(NEWS)]
    for d, suffix in (("f", ""), ("b", "_reverse")):
        arrays[f"w_ih_{d}"] = state[f"lstm.weight_ih_l0{suffix}"]
        arrays[f"w_hh_{d}"] = state[f"lstm.weight_hh_l0{suffix}"]
        arrays[f"bias_{d}"] = state[f"lstm.bias_ih_l0{suffix}"] + state[f"lstm.bias_hh_l0{suffix}"]
    arrays["w_out"] = state["out.weight"]
    arrays["b_out"] = state["out.bias"]
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(path)


def train(eval_dir: Path, out_dir: Path, epochs: int) -> None:
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    rng = random.Random(SEED)
    sentences = training_sentences(eval_dir)
    prepared = [(name, normalize(s.text), s, names) for name, s, names in sentences if s.text]
    marked = [(text, lexicon_marks(text, names)) for _, text, _, names in prepared]
    texts = [text for text, _ in marked] + [normalize(t) for t in unlabelled_texts(eval_dir)]
    pretrained, vectors = {}, {}
    for key, units, min_count, dim in (("char", characters, 2, CHAR_DIM), ("bi", bigrams, 3, BIGRAM_DIM)):
        pretrained[key] = embedding_vocab(texts, min_count, units)
        vectors[key] = ppmi_embeddings(texts, pretrained[key], units, dim)
    vocab = build_vocab(marked, pretrained)
    data = []
    for (name, text, s, _), (_, marks) in zip(prepared, marked):
        domain, weight = domain_and_weight(name)
        data += [example(text, marks, domain, vocab, bioes(s))] * weight
    net = make_net(vocab, vectors)
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    loss_of = nn.CrossEntropyLoss(ignore_index=-100)
    started = time.perf_counter()
    for epoch in range(epochs):
        total = 0.0
        for items in batches(data, rng):
            inputs, labels = batch_tensors(items)
            loss = loss_of(net(*inputs).reshape(-1, len(LABELS)), labels.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch + 1}: loss {total:.1f}, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    net.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    export(net, vocab, out_dir / MODEL)
    print(f"-> {out_dir / MODEL}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).with_name("data"))
    args = parser.parse_args(argv)
    train(args.eval_dir, args.out_dir, args.epochs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
