"""The CRF's features: strings for training (``features``), ids for tagging (``FeatureIds``).

Per character: the characters around it (unigrams, bigrams, a trigram) and
their distributional clusters, its class (Chinese, Latin, digit, other), its
position in the jieba word, that word, its part of speech and the words before
and after it, and lexicon hits (``graph.char_marks``). ``FeatureIds`` gives the
same features as attribute ids of a trained model, reading each template's
table with numpy over a whole batch of texts instead of building strings.

>>> features("北京", [Token("北京", "ns", 0, 2)], names={}, clusters={})[0][:4]
['b', 'c=北', 'c-1=^', 'c+1=京']
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache

import numpy as np

from .char_marks import lexicon_marks, read_table
from .lexicon import one_char_places
from .tokens import Token, tokenize

CLUSTERS = "char_clusters.tsv"
NEWS = "news"


@lru_cache(maxsize=None)
def char_class(c: str) -> str:
    if c.isdigit():
        return "D"
    if c.isascii() and c.isalpha():
        return "L"
    if "\u4e00" <= c <= "\u9fff":
        return "C"
    return "P"


def features(text: str, tokens: list[Token] | None = None, names: dict[str, str] | None = None,
             clusters: dict[str, str] | None = None, domain: str = NEWS,
             marks: list[tuple[str, ...]] | None = None) -> list[list[str]]:
    """Feature strings for every character of normalised ``text``.

    ``names`` (name -> type) and ``clusters`` (character -> cluster) default to
    the shipped tables; training passes its own, with a names lexicon built
    without the sentence's own fold, so the model does not learn to trust it blindly.
    ``domain`` names the labelling convention of the training set (they disagree
    on, say, addresses); key features are also given conjoined with it, and
    tagging uses the news convention of MSRA and People's Daily. ``marks`` are
    the text's ``lexicon_marks`` when already computed.
    """
    tokens = tokenize(text) if tokens is None else tokens
    n = len(text)
    word_pos = [""] * n
    pos_tag = [""] * n
    word = [""] * n
    word_before = ["^"] * n
    word_after = ["$"] * n
    for k, t in enumerate(tokens):
        for i in range(t.start, t.end):
            word_pos[i] = "S" if len(t.text) == 1 else "B" if i == t.start else "E" if i == t.end - 1 else "M"
            pos_tag[i] = t.pos
            word[i] = t.text
            if k:
                word_before[i] = tokens[k - 1].text
            if k + 1 < len(tokens):
                word_after[i] = tokens[k + 1].text
    marks = lexicon_marks(text, names) if marks is None else marks
    cluster = cluster_ids(text, char_clusters() if clusters is None else clusters)
    out = []
    for i in range(n):
        c = text[i]
        prev = text[i - 1] if i else "^"
        prev2 = text[i - 2] if i > 1 else "^"
        nxt = text[i + 1] if i + 1 < n else "$"
        nxt2 = text[i + 2] if i + 2 < n else "$"
        f = [
            "b", f"c={c}", f"c-1={prev}", f"c+1={nxt}", f"c-2={prev2}", f"c+2={nxt2}",
            f"c-1c={prev}{c}", f"cc+1={c}{nxt}", f"c-1c+1={prev}{nxt}",
            f"t={char_class(c)}", f"t-1t+1={char_class(prev)}{char_class(nxt)}",
            f"w={word_pos[i]}", f"p={pos_tag[i]}", f"wp={word_pos[i]}{pos_tag[i]}",
            f"p-1={pos_tag[i - 1] if i else '^'}", f"p+1={pos_tag[i + 1] if i + 1 < n else '$'}",
        ]
        f += [f"wd={word[i]}", f"wd-1={word_before[i]}", f"wd+1={word_after[i]}",
              f"c-1cc+1={prev}{c}{nxt}", f"c-2c-1={prev2}{prev}", f"c+1c+2={nxt}{nxt2}",
              f"{domain}|c={c}", f"{domain}|wd={word[i]}", f"{domain}|wp={word_pos[i]}{pos_tag[i]}"]
        f += cluster[i]
        f += mark_features(marks[i], prev, nxt, domain)
        out.append(f)
    return out


def mark_features(marks: tuple[str, ...], prev: str, nxt: str, domain: str) -> list[str]:
    """CRF features of a character's lexicon marks (see ``graph.char_marks``).

    >>> mark_features(("place=B", "short_place"), "赴", "国", "news")
    ['place=B', 'news|place=B', 'short_place', 'short_place|c-1=赴', 'short_place|c+1=国']
    """
    f = []
    for m in marks:
        if m == "short_place":
            f += short_place_features(prev, nxt)
        elif m.startswith("place="):
            f += [m, f"{domain}|{m}"]
        else:
            f.append(m)
    return f


def short_place_features(prev: str, nxt: str) -> list[str]:
    """Features of a one-character place form (美, 藏) with its neighbours; next to another one is a pair (中美).

    >>> short_place_features("赴", "国")
    ['short_place', 'short_place|c-1=赴', 'short_place|c+1=国']
    """
    f = ["short_place", f"short_place|c-1={prev}", f"short_place|c+1={nxt}"]
    if prev in one_char_places() or nxt in one_char_places():
        f.append("short_place|pair")
    return f


def cluster_ids(text: str, clusters: dict[str, str]) -> list[list[str]]:
    """Per character, the clusters of it and its neighbours ("x": a character without one).

    >>> cluster_ids("北京", {"北": "7"})[0]
    ['k=7', 'k-1=^', 'k+1=x', 'k-1k=^|7', 'kk+1=7|x']
    """
    ids = ["^", *(clusters.get(c, "x") for c in text), "$"]
    return [[f"k={here}", f"k-1={before}", f"k+1={after}", f"k-1k={before}|{here}", f"kk+1={here}|{after}"]
            for before, here, after in zip(ids, ids[1:], ids[2:])]


@lru_cache(maxsize=1)
def char_clusters() -> dict[str, str]:
    """Character -> distributional cluster id (``graph/data/char_clusters.tsv``)."""
    return read_table(CLUSTERS)


# Character templates of ``features``: the offsets of the characters each reads (a value is their string).
CHAR_TEMPLATES = {"c": (0,), "c-1": (-1,), "c+1": (1,), "c-2": (-2,), "c+2": (2,), "c-1c": (-1, 0), "cc+1": (0, 1),
                  "c-1c+1": (-1, 1), "c-1cc+1": (-1, 0, 1), "c-2c-1": (-2, -1), "c+1c+2": (1, 2), f"{NEWS}|c": (0,)}
# Cluster templates: offsets into the text's clusters with "^" and "$" around it.
CLUSTER_TEMPLATES = {"k": (0,), "k-1": (-1,), "k+1": (1,), "k-1k": (-1, 0), "kk+1": (0, 1)}
CLASSES = "DLCP"
PLACES = "BMES"  # a character's place in its word
# The fixed columns in the order ``features`` gives them (mark features follow).
COLUMNS = ("b", "c", "c-1", "c+1", "c-2", "c+2", "c-1c", "cc+1", "c-1c+1", "t", "t-1t+1", "w", "p", "wp", "p-1", "p+1",
           "wd", "wd-1", "wd+1", "c-1cc+1", "c-2c-1", "c+1c+2", f"{NEWS}|c", f"{NEWS}|wd", f"{NEWS}|wp",
           "k", "k-1", "k+1", "k-1k", "kk+1")


# A word's row of ids in ``FeatureIds._word_features``: the words around it, then ``_word_ids``.
_WORD_ROW = ("wd-1", "wd+1", "wd", f"{NEWS}|wd", "p", "p-1 of this tag", "p+1 of this tag",
             *(f"wp {p}" for p in PLACES), *(f"{NEWS}|wp {p}" for p in PLACES))


class KeyTable:
    """Attribute ids of one template whose values are tuples of small ints (characters, clusters, classes).

    >>> table = KeyTable({(1, 2): 7}, base=3)
    >>> table.lookup([np.array([1, 2]), np.array([2, 1])]).tolist()
    [7, -1]
    """

    DENSE = 1 << 20  # at most this many possible values: a plain array, else sorted keys

    def __init__(self, values: dict[tuple[int, ...], int], base: int) -> None:
        self.base = base
        arity = len(next(iter(values))) if values else 1
        keys = np.array([self._key(v) for v in values], dtype=np.int64)
        ids = np.array(list(values.values()), dtype=np.int64)
        self.dense = None
        if base ** arity <= self.DENSE:
            self.dense = np.full(base ** arity, -1, dtype=np.int64)
            self.dense[keys] = ids
        order = np.argsort(keys)
        self.keys, self.ids = keys[order], ids[order]

    def _key(self, value: tuple[int, ...]) -> int:
        out = 0
        for v in value:
            out = out * self.base + v
        return out

    def lookup(self, columns: list[np.ndarray]) -> np.ndarray:
        """The id of each row's value (``columns`` give its parts), -1 where the model has none."""
        keys = columns[0]
        for column in columns[1:]:
            keys = keys * self.base + column
        if self.dense is not None:
            return self.dense[keys]
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[at] == keys, self.ids[at], -1)


class IdRows:
    """Rows of ids made once per key (by ``make``) and gathered for many keys at a time.

    >>> rows = IdRows(lambda word: (len(word), -1), width=2)
    >>> rows.of(["北京", "在", "北京"]).tolist()
    [[2, -1], [1, -1], [2, -1]]
    """

    def __init__(self, make: Callable[[Hashable], tuple[int, ...]], width: int) -> None:
        self.make = make
        self.index: dict[Hashable, int] = {}
        self.table = np.empty((0, width), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.index)

    def of(self, keys: list[Hashable]) -> np.ndarray:
        """The row of each key (the table grows by doubling when keys are new)."""
        index = self.index
        new = [key for key in dict.fromkeys(keys) if key not in index]
        if new:
            rows = np.array([self.make(key) for key in new], dtype=np.int64)
            if len(index) + len(new) > len(self.table):
                grown = np.empty((2 * (len(index) + len(new)), self.table.shape[1]), dtype=np.int64)
                grown[:len(index)] = self.table[:len(index)]
                self.table = grown
            self.table[len(index):len(index) + len(new)] = rows
            index.update(zip(new, range(len(index), len(index) + len(new))))
        return self.table[np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))]


class FeatureIds:
    """``features`` (news convention) as a trained CRF's attribute ids, in the same order, for many texts at once.

    ``graph.tagger.crf_probs_all`` reads these instead of feature strings; ``tests/test_tagger.py``
    checks that they equal the strings looked up one by one. Ids of words and marks already
    seen are kept (up to ``CACHED`` of each).
    """

    CACHED = 200_000

    def __init__(self, attributes: dict[str, int], clusters: dict[str, str]) -> None:
        self.attributes = attributes
        templates: dict[str, dict[str, int]] = {}
        for attr, k in attributes.items():
            name, _, value = attr.partition("=")
            templates.setdefault(name, {})[value] = k
        self.templates = templates
        chars = sorted({c for name in CHAR_TEMPLATES for value in templates.get(name, {}) for c in value})
        self.char_index = {c: k for k, c in enumerate(chars, start=1)}  # 0: a character no template knows
        self.cluster_index = {name: k for k, name in enumerate(sorted({*clusters.values(), "x", "^", "$"}))}
        self.char_cluster = {c: self.cluster_index[name] for c, name in clusters.items()}
        self.tables = {name: self._table(name, self.char_index, len(chars) + 1) for name in CHAR_TEMPLATES}
        self.tables |= {name: self._table(name, self.cluster_index, len(self.cluster_index), "|")
                        for name in CLUSTER_TEMPLATES}
        classes = {c: k for k, c in enumerate(CLASSES)}
        self.tables |= {name: self._table(name, classes, len(CLASSES)) for name in ("t", "t-1t+1")}
        self.tables["w"] = self._table("w", {p: k for k, p in enumerate(PLACES)}, len(PLACES))
        self._words, self._neighbours = self._id_rows()
        self._marks: dict[tuple, list[int]] = {}

    def _table(self, name: str, index: dict[str, int], base: int, sep: str = "") -> KeyTable:
        values = {}
        for value, k in self.templates.get(name, {}).items():
            parts = value.split(sep) if sep else list(value)
            if all(p in index for p in parts):
                values[tuple(index[p] for p in parts)] = k
        return KeyTable(values, base)

    def of_all(self, items: list[tuple[str, list[Token], list[tuple[str, ...]]]]) -> tuple[np.ndarray, list[list[int]]]:
        """For every character of the (text, its tokens tiling it, its lexicon marks) ``items``, one text after
        the other: the ids of ``COLUMNS`` (-1: the model has none), and the ids of its mark features."""
        if not items:
            return np.zeros((0, len(COLUMNS)), dtype=np.int64), []
        if max(len(self._words), len(self._neighbours), len(self._marks)) > self.CACHED:
            self._words, self._neighbours = self._id_rows()
            self._marks.clear()
        texts = [text for text, _, _ in items]
        padded = "".join(f"^^{text}$$" for text in texts)
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        pad_start = np.concatenate([[0], np.cumsum(lengths + 4)[:-1]]).astype(np.int64)
        first = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        centre = np.repeat(pad_start + 2 - first, lengths) + np.arange(int(lengths.sum()))
        char = np.array([self.char_index.get(c, 0) for c in padded], dtype=np.int64)
        kind = np.array([CLASSES.index(char_class(c)) for c in padded], dtype=np.int64)
        cluster = np.array([self.char_cluster.get(c, self.cluster_index["x"]) for c in padded], dtype=np.int64)
        cluster[pad_start + 1] = self.cluster_index["^"]
        cluster[pad_start + 2 + lengths] = self.cluster_index["$"]
        columns = {name: self.tables[name].lookup([char[centre + d] for d in offsets])
                   for name, offsets in CHAR_TEMPLATES.items()}
        columns |= {name: self.tables[name].lookup([cluster[centre + d] for d in offsets])
                    for name, offsets in CLUSTER_TEMPLATES.items()}
        columns["t"] = self.tables["t"].lookup([kind[centre]])
        columns["t-1t+1"] = self.tables["t-1t+1"].lookup([kind[centre - 1], kind[centre + 1]])
        columns["b"] = np.full(len(centre), self.templates.get("b", {}).get("", -1), dtype=np.int64)
        columns |= self._word_features([tokens for _, tokens, _ in items], first, lengths)
        ids = np.stack([columns[name] for name in COLUMNS], axis=1)
        extra = []
        for text, _, marks in items:
            pad = f"^{text}$"
            extra += [self._mark_ids(m, pad[i], pad[i + 2]) if m else [] for i, m in enumerate(marks)]
        return ids, extra

    def _mark_ids(self, marks: tuple[str, ...], prev: str, nxt: str) -> list[int]:
        """Ids of ``mark_features``; only a one-character place's depend on the neighbours."""
        key = (marks, prev, nxt) if "short_place" in marks else marks
        if key not in self._marks:
            get = self.attributes.get
            self._marks[key] = [k for f in mark_features(marks, prev, nxt, NEWS) if (k := get(f)) is not None]
        return self._marks[key]

    def _word_features(self, tokens: list[list[Token]], first: np.ndarray, lengths: np.ndarray) -> dict[str, np.ndarray]:
        """The word columns (w, p, wp, p-1, p+1, wd, wd-1, wd+1, news|wd, news|wp) of every character."""
        words = [t for sentence in tokens for t in sentence]
        sizes = [t.end - t.start for t in words]
        neighbours = self._neighbours.of([t.text for t in words])
        before, after = np.roll(neighbours[:, 0], 1), np.roll(neighbours[:, 1], -1)
        ends = np.cumsum([len(sentence) for sentence in tokens])
        before[np.concatenate([[0], ends[:-1]])] = self._neighbour_ids("^")[0]
        after[ends - 1] = self._neighbour_ids("$")[1]
        word = np.column_stack([before, after, self._words.of([(t.text, t.pos) for t in words])])
        of_char = np.repeat(np.arange(len(words)), sizes)
        size = np.array(sizes, dtype=np.int64)[of_char]
        start = np.repeat(np.cumsum([0, *sizes])[:-1], sizes)
        at = np.arange(len(of_char)) - start
        place = np.where(size == 1, 3, np.where(at == 0, 0, np.where(at == size - 1, 2, 1)))
        out = {name: word[of_char, _WORD_ROW.index(name)] for name in ("wd-1", "wd+1", "wd", f"{NEWS}|wd", "p")}
        out["w"] = self.tables["w"].lookup([place])
        out["wp"] = word[of_char, _WORD_ROW.index("wp B") + place]
        out[f"{NEWS}|wp"] = word[of_char, _WORD_ROW.index(f"{NEWS}|wp B") + place]
        before = np.roll(word[of_char, _WORD_ROW.index("p-1 of this tag")], 1)
        after = np.roll(word[of_char, _WORD_ROW.index("p+1 of this tag")], -1)
        before[first] = self.templates.get("p-1", {}).get("^", -1)
        after[first + lengths - 1] = self.templates.get("p+1", {}).get("$", -1)
        out["p-1"], out["p+1"] = before, after
        return out

    def _id_rows(self) -> tuple[IdRows, IdRows]:
        """Empty tables of the ids of (word, tag) pairs and of words as neighbours."""
        return IdRows(self._word_ids, len(_WORD_ROW) - 2), IdRows(self._neighbour_ids, 2)

    def _neighbour_ids(self, text: str) -> tuple[int, int]:
        """The ids of a word read by the next character's word (wd-1) and by the previous one's (wd+1)."""
        return self.templates.get("wd-1", {}).get(text, -1), self.templates.get("wd+1", {}).get(text, -1)

    def _word_ids(self, key: tuple[str, str]) -> tuple[int, ...]:
        """The ids of a (word, tag), in the order of ``_WORD_ROW`` after wd-1 and wd+1 (p-1 and p+1
        of this tag are read by the next and the previous character)."""
        text, pos = key
        t = self.templates
        return (t.get("wd", {}).get(text, -1), t.get(f"{NEWS}|wd", {}).get(text, -1), t.get("p", {}).get(pos, -1),
                t.get("p-1", {}).get(pos, -1), t.get("p+1", {}).get(pos, -1),
                *(t.get("wp", {}).get(p + pos, -1) for p in PLACES),
                *(t.get(f"{NEWS}|wp", {}).get(p + pos, -1) for p in PLACES))
