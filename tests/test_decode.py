"""graph.decode through graph.ingest.read_document: encodings, binary files, HTML."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from graph.decode import html_to_text
from graph.errors import InputError
from graph.ingest import read_document

SIMPLIFIED = ("天津滨海高新区管委会副主任韩林表示，天津滨海高新区将充分发挥产业载体、"
              "场景资源、政策配套叠加优势，持续拓展多元化应用场景。\n")
TRADITIONAL = ("興縣人民政府與美錦能源集團共同簽署氫能產業合作協議，雙方將在氫燃料電池汽車"
               "與加氫站建設等領域開展合作。\n")


def _read(tmp_path: Path, data: bytes, name: str = "news.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path, name)


@pytest.mark.parametrize(("data", "text", "encodings"), [
    (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, {"utf-8"}),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, {"utf-8-sig"}),
    (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, {"gb18030"}),
    (SIMPLIFIED.encode("gbk"), SIMPLIFIED, {"gbk", "gb18030"}),
    (TRADITIONAL.encode("big5"), TRADITIONAL, {"big5", "big5hkscs", "cp950"}),
    (SIMPLIFIED.encode("utf-16"), SIMPLIFIED, {"utf-16-le", "utf-16-be"}),
    (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, {"utf-16-be"}),
], ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "big5", "utf-16-bom", "utf-16-be-bom"])
def test_encoding_is_detected_and_text_restored(tmp_path, data, text, encodings):
    doc = _read(tmp_path, data)
    assert doc.text == text
    assert doc.encoding in encodings


def test_png_is_rejected_as_binary(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError) as err:
        _read(tmp_path, png, "photo.txt")
    assert err.value.path.endswith("photo.txt")
    assert "binary" in err.value.reason


def test_empty_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="empty"):
        _read(tmp_path, "\n  \n".encode("utf-8"))


def test_control_characters_are_dropped_and_newlines_unified(tmp_path):
    doc = _read(tmp_path, "天津\r\n大学\u202e签约\x07。\r".encode("utf-8"))
    assert doc.text == "天津\n大学签约。\n"


HTML = ("<html><head><title>页面标题</title><style>p {color: red}</style></head><body>"
        "<script>var city = '北京';</script><p>天津大学&amp;浙江大学签署&lt;合作协议&gt;</p>"
        "<noscript>请启用脚本</noscript><div>第二段&#x5929;&#27941;</div></body></html>")


def test_html_drops_script_and_style_and_decodes_entities():
    text = html_to_text(HTML)
    assert text == "天津大学&浙江大学签署<合作协议>\n第二段天津"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html_file_is_reduced_to_its_text(tmp_path, encoding):
    doc = _read(tmp_path, HTML.encode(encoding), "page.html")
    assert "天津大学&浙江大学签署<合作协议>" in doc.text
    assert "北京" not in doc.text and "color" not in doc.text and "<p>" not in doc.text


def test_html_markup_in_a_txt_file_is_kept_verbatim(tmp_path):
    doc = _read(tmp_path, HTML.encode("utf-8"), "page.txt")
    assert doc.text.startswith("<html>")
