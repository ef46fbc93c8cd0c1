"""The training script's parts: embeddings from co-occurrence, and an export the numpy net reads exactly."""
import numpy as np
import pytest

from graph.char_marks import lexicon_marks
from graph.lstm_tagger import LstmTagger
from graph.tokens import tokenize
from graph.train_lstm import bigrams, build_vocab, characters, embedding_vocab, ppmi_embeddings

TEXTS = ["北京市人民政府在北京召开会议", "上海市人民政府在上海召开会议",
         "李鹏在北京会见了日本客人", "天津大学与香港理工大学签署协议"]


def test_ppmi_embeddings_put_characters_of_alike_contexts_together():
    vocab = embedding_vocab(TEXTS, 1, characters)
    vectors = ppmi_embeddings(TEXTS, vocab, characters, 6)
    assert vectors.shape == (len(vocab), 6)
    assert np.all(np.linalg.norm(vectors, axis=1) <= 1 + 1e-6)
    v = dict(zip(vocab, vectors))
    assert v["京"] @ v["海"] > v["京"] @ v["学"] + 0.3


def test_numpy_net_reads_the_exported_torch_net_exactly(tmp_path):
    torch = pytest.importorskip("torch")
    from graph.train_lstm import NEWS, batch_tensors, example, export, make_net

    marked = [(t, list(lexicon_marks(t))) for t in TEXTS]
    pretrained = {"char": embedding_vocab(TEXTS, 1, characters), "bi": embedding_vocab(TEXTS, 1, bigrams)}
    vectors = {key: np.random.default_rng(0).normal(size=(len(units), dim))
               for (key, units), dim in zip(pretrained.items(), (64, 32))}
    vocab = build_vocab(marked, pretrained)
    torch.manual_seed(0)
    net = make_net(vocab, vectors).eval()
    export(net, vocab, tmp_path / "net.npz")
    with np.load(tmp_path / "net.npz") as arrays:
        numpy_net = LstmTagger(dict(arrays))
    inputs, _ = batch_tensors([example(t, m, NEWS, vocab, ["O"] * len(t)) for t, m in marked])
    with torch.no_grad():
        expected = torch.softmax(net(*inputs), -1).numpy()
    got = numpy_net.probs([(t, tokenize(t), m) for t, m in marked])
    for k, probs in enumerate(got):
        assert np.allclose(probs, expected[k, :len(probs)], atol=2e-3)
