"""Page layout repair: blocks, articles and sentences with original offsets.

Printed pages break sentences across paragraphs and drop photo captions,
credits and headlines into the middle of a sentence. This module classifies
each line (block), joins a paragraph that stops mid-sentence with the body
paragraph that continues it, splits the page into articles (本报讯, bylines,
author lines) and the articles into sentences.

>>> page = "区域要闻\\n\\n会上，双方签署协议，共建天津\\n\\n观众参观展台。\\n\\n李四摄\\n\\n脑机接口产业园。\\n\\n本报讯 二"
>>> [[s.text for s in a.sentences] for a in split_articles("d", page)]
[['区域要闻', '会上，双方签署协议，共建天津脑机接口产业园。', '观众参观展台。'], ['本报讯 二']]
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Article, Sentence

SENTENCE_END = "。！？!?；;"
CLOSERS = "”’」』\"')）】"
TERMINAL = SENTENCE_END + CLOSERS + "…:：."
MAX_SENTENCE = 400
SHORT_BLOCK = 40

_CREDIT = re.compile(r"(供图|摄$|摄影|图片来源|图/|图：|图:|视觉中国|新华社发)")
_BYLINE = re.compile(r"^(►|▶|■|●)?\s*(本报记者|记者|通讯员|见习记者|实习生)")
_META = re.compile(
    r"^(►|▶|■|●)?\s*(文章[:：]|文[:：/]|编辑|责编|责任编辑|校对|审核|审校|"
    r"摄影|来源[:：]|來源[:：]|作者[:：]|發布時間|发布时间|发布日期|信息来源|标签[:：]|Copyright|©|"
    r"索引号|文号|发布单位|成文日期|公开方式|规范性文件|浏览次数|所屬欄目|所属栏目|点击|分享|打开APP|"
    r"您可能也|文章有问题|PC版|跳至|首页|新闻推荐|扫一扫|返回|上一篇|下一篇)"
)
_AUTHORS = re.compile(r"^[\u4e00-\u9fff]{2,4}(\s+[\u4e00-\u9fff]{2,4})*$")
_NEW_ARTICLE = re.compile(r"^\s*(本报讯|本刊讯|新华社[\u4e00-\u9fff]{2,4}\d+月\d+日电)")
_ALL_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Block:
    """One non-empty line of the page; ``kind`` is body, heading, credit, meta or authors."""

    text: str
    start: int
    kind: str


def classify(text: str) -> str:
    """Kind of a stripped line.

    A reporter's word starts a byline only on a short line without a sentence's punctuation
    (记者从市商务局获悉，… is the story).

    >>> [classify(t) for t in ["天津滨海高新区供图", "建强核心载体", "杨晨", "► 本报记者 李争粉"]]
    ['credit', 'heading', 'authors', 'meta']
    >>> classify("记者从市商务局获悉，全市外贸进出口增长5%。")
    'body'
    """
    if _META.search(text) or (_BYLINE.search(text) and len(text) <= SHORT_BLOCK
                              and not re.search(r"[。！？!?；;，,]", text)):
        return "meta"
    if len(text) <= 30 and _CREDIT.search(text):
        return "credit"
    if len(text) <= 30 and _AUTHORS.match(text) and (" " in text or len(text) <= 3):
        return "authors"
    if len(text) <= 2 * SHORT_BLOCK and not re.search(r"[。！？!?；;，,]", text):
        return "heading"
    return "body"


def blocks(text: str) -> list[Block]:
    """Non-empty lines of ``text`` with their start offsets and kinds.

    A short line right before a photo credit is the photo's caption.
    """
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        if stripped:
            out.append(Block(stripped, m.start() + lead, classify(stripped)))
    for k in range(len(out) - 1):
        if out[k + 1].kind == "credit" and out[k].kind in ("body", "heading") and len(out[k].text) <= SHORT_BLOCK:
            out[k] = Block(out[k].text, out[k].start, "caption")
    return out


def _ends_open(block: Block) -> bool:
    return block.kind == "body" and block.text[-1] not in TERMINAL


def _starts_paragraph(prev: Block | None, block: Block, nxt: Block | None) -> bool:
    """A short all-CJK line after a heading and before body text is a paragraph's head."""
    return (prev is not None and prev.kind == "heading" and block.kind == "heading"
            and nxt is not None and nxt.kind == "body" and bool(_ALL_CJK.match(block.text))
            and len(block.text) >= 6)


def _paragraphs(bls: list[Block]) -> list[list[Block]]:
    """Group blocks into paragraphs, joining text broken across lines.

    Inserted captions, credits and headlines are emitted as their own paragraphs
    after the repaired one.
    """
    out: list[list[Block]] = []
    i = 0
    while i < len(bls):
        prev = bls[i - 1] if i else None
        nxt = bls[i + 1] if i + 1 < len(bls) else None
        group = [bls[i]]
        opened = _ends_open(bls[i]) or _starts_paragraph(prev, bls[i], nxt)
        inserted: list[list[Block]] = []
        i += 1
        while opened and i < len(bls):
            j = _continuation(bls, i)
            if j is None:
                break
            inserted += [[b] for b in bls[i:j]]
            group.append(bls[j])
            i = j + 1
            opened = _ends_open(bls[j])
        out.append(group)
        out.extend(inserted)
    return out


def _continuation(bls: list[Block], i: int) -> int | None:
    """Index of the body block continuing an open paragraph, skipping up to 3 insertions."""
    for j in range(i, min(i + 4, len(bls))):
        b = bls[j]
        if b.kind == "body" and not _NEW_ARTICLE.match(b.text):
            return j
        if b.kind in ("authors", "meta") or (len(b.text) > SHORT_BLOCK):
            return None
    return None


def _chars(group: list[Block]) -> tuple[str, Sequence[int]]:
    """Text of a paragraph and the document offset of each character.

    A one-line paragraph (the common case, and a huge single-line dump) gets a
    ``range``, so no per-character list is built for the whole paragraph.
    """
    if len(group) == 1:
        return group[0].text, range(group[0].start, group[0].start + len(group[0].text))
    text = "".join(b.text for b in group)
    offsets = tuple(b.start + k for b in group for k in range(len(b.text)))
    return text, offsets


def split_sentences(text: str, offsets: Sequence[int]) -> list[Sentence]:
    """Split a paragraph at sentence-final punctuation (closing quotes stay attached).

    >>> [s.text for s in split_sentences("甲。乙！”丙", tuple(range(6)))]
    ['甲。', '乙！”', '丙']
    """
    out = []
    for m in re.finditer(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{CLOSERS}]*|$)", text):
        if m.group().strip():
            out.extend(_cap(m.group(), offsets[m.start():m.end()]))
    return out


def _cap(text: str, offsets: Sequence[int]) -> list[Sentence]:
    """Cut an over-long sentence at commas or spaces (hard cut as a last resort)."""
    out = []
    while len(text) > MAX_SENTENCE:
        window = text[:MAX_SENTENCE]
        cut = max(window.rfind(c) for c in "，,、 ") + 1 or MAX_SENTENCE
        out.append(Sentence(text[:cut], tuple(offsets[:cut])))
        text, offsets = text[cut:], offsets[cut:]
    lead = len(text) - len(text.lstrip())
    text, offsets = text.strip(), offsets[lead:lead + len(text.strip())]
    if text:
        out.append(Sentence(text, tuple(offsets)))
    return out


def split_articles(doc_id: str, text: str) -> tuple[Article, ...]:
    """Split a page into articles of sentences.

    A block starting with 本报讯 opens a new article; an author line closes one.
    """
    groups: list[list[list[Block]]] = [[]]
    for para in _paragraphs(blocks(text)):
        head = para[0]
        if _NEW_ARTICLE.match(head.text) and any(g for g in groups[-1]):
            groups.append([])
        groups[-1].append(para)
        if head.kind == "authors" and len(groups[-1]) > 3:
            groups.append([])
    articles = []
    for paras in groups:
        sentences = []
        for para in paras:
            if para[0].kind in ("meta", "authors", "credit"):
                continue
            sentences.extend(split_sentences(*_chars(para)))
        if sentences:
            title = next((p[0].text for p in paras if p[0].kind == "heading"), "")
            articles.append(Article(doc_id, len(articles), title, tuple(sentences)))
    return tuple(articles)
