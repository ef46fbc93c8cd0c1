"""Bad input: every case of the input matrix in docs/robustness.md, generated here.

Each case is either processed correctly or skipped with one stderr line naming
the file and the reason; never a traceback, and the other inputs are still
built. Exit codes: 0 all processed, 3 some skipped, 1 fatal, 2 usage.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph import cli
from graph.errors import InputError
from graph.ingest import DEFAULT_MAX_BYTES, find_inputs, read_document
from graph.layout import MAX_SENTENCE
from graph.build import build_files
from graph.pipeline import SEGMENT_CHARS

ICGRAPH = Path(sys.executable).parent / "icgraph"
OUTPUTS = ("graph.json", "graph.graphml", "graph.html")

SIMPLIFIED = "天津大学与香港理工大学签署人才联合培养协议，双方将在人工智能领域开展合作。\n"
TRADITIONAL = "興縣人民政府與美錦能源集團共同簽署氫能產業合作協議，雙方將在氫燃料電池汽車領域開展合作。\n"
MIXED = "华为(Huawei)与腾讯(Tencent)在Shenzhen签署战略合作协议，Apple Inc.的代表出席了签约仪式。\n"
HTML = ("<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style>"
        "<script>var x = '北京大学与清华大学签约';</script></head><body>"
        "<p>南开大学&amp;天津大学签署&lt;合作协议&gt;&#12290;</p><script>alert('浙江大学')</script>"
        "<noscript>请启用脚本</noscript><p>&#x5929;&#27941;市人民政府发布《产业规划》。</p></body></html>")
MARKDOWN = ("---\ntitle: 新闻\n---\n# 天津新闻 #\n\n**天津大学**与[浙江大学](http://x.cn/a_b)签署合作协议。\n\n"
            "- 华为公司与*腾讯公司*签约。\n> 南开大学与`北京大学`合作。\n\n![图片](a.png)\n```\ncode 上海市\n```\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("news.txt", SIMPLIFIED)
    return buffer.getvalue()


def _stray_byte() -> bytes:
    data = (SIMPLIFIED * 5).encode("utf-8")
    return data[:60] + b"\xff" + data[60:]


@dataclass(frozen=True)
class Case:
    """One row of the input matrix: a file name, its bytes and what must happen."""

    name: str
    data: bytes
    expect: str  # "ok", "warn" (processed, with a warning) or "skip"
    reason: str = ""  # for skip/warn: a fragment of the stated reason
    text: str = ""  # for ok: a fragment of the decoded text
    absent: str = ""  # for ok: text that must not survive decoding


CASES = [
    Case("empty.txt", b"", "skip", "empty file"),
    Case("whitespace.txt", " \n\t\r\n\u3000\n".encode("utf-8"), "skip", "empty file"),
    Case("image.txt", PNG, "skip", "binary file"),
    Case("archive.txt", _zip(), "skip", "binary file"),
    Case("noise.txt", bytes(range(128, 256)) * 8, "skip", "cannot detect the text encoding"),
    Case("latin1.txt", "café résumé naïve señor".encode("latin-1"), "skip", "not valid utf-8 text"),
    Case("stray-byte.txt", _stray_byte(), "warn", "1 undecodable byte sequences in utf-8 text"),
    Case("gb18030.txt", SIMPLIFIED.encode("gb18030"), "ok", text=SIMPLIFIED),
    Case("gbk.txt", SIMPLIFIED.encode("gbk"), "ok", text=SIMPLIFIED),
    Case("big5.txt", TRADITIONAL.encode("big5"), "ok", text=TRADITIONAL),
    Case("utf16le-bom.txt", codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "ok", text=SIMPLIFIED),
    Case("utf16be-bom.txt", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "ok", text=SIMPLIFIED),
    Case("utf16le.txt", SIMPLIFIED.encode("utf-16-le"), "ok", text=SIMPLIFIED),
    Case("utf16be.txt", SIMPLIFIED.encode("utf-16-be"), "ok", text=SIMPLIFIED),
    Case("utf16le-traditional.txt", TRADITIONAL.encode("utf-16-le"), "ok", text=TRADITIONAL),
    Case("utf16be-mixed.txt", MIXED.encode("utf-16-be"), "ok", text=MIXED),
    Case("utf8-bom.txt", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "ok", text=SIMPLIFIED),
    Case("page.html", HTML.encode("utf-8"), "ok", text="南开大学&天津大学签署<合作协议>。",
         absent="alert"),
    Case("page-gb.htm", HTML.replace("<head>", '<head><meta charset="gb2312">').encode("gb18030"), "ok",
         text="天津市人民政府发布《产业规划》。", absent="北京大学"),
    Case("notes.md", MARKDOWN.encode("utf-8"), "ok", text="天津大学与浙江大学签署合作协议。", absent="**"),
    Case("traditional.txt", TRADITIONAL.encode("utf-8"), "ok", text=TRADITIONAL),
    Case("mixed.txt", MIXED.encode("utf-8"), "ok", text=MIXED),
    Case("controls.txt", "天津大学\x00与\x1b[31m浙江大学\u202e签约\ufeff。\r\n".encode("utf-8"), "skip", "binary file"),
    Case("bidi.txt", "天津大学\u202e与浙江大学\u2066签约\x07。\r\n".encode("utf-8"), "ok",
         text="天津大学与浙江大学签约。\n"),
    Case("路径 带空格/新闻 稿.txt", SIMPLIFIED.encode("utf-8"), "ok", text=SIMPLIFIED),
]
IDS = [c.name for c in CASES]


def icgraph(*args: str | Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(ICGRAPH), *map(str, args)], capture_output=True, encoding="utf-8",
                          errors="backslashreplace", env=env)


def _write(folder: Path, case: Case) -> Path:
    path = folder / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.data)
    return path


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("matrix") / "inputs"
    for case in CASES:
        _write(folder, case)
    (folder / "photo.png").write_bytes(PNG)  # not a news suffix: not even considered
    os.symlink("loop-b.txt", folder / "loop-a.txt")  # a symlink loop inside the folder
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")  # a folder loop: not followed
    os.symlink("../gone.txt", folder / "sub" / "dangling.txt")
    return folder


@pytest.fixture(scope="module")
def matrix_build(matrix, tmp_path_factory):
    out = tmp_path_factory.mktemp("matrix-out")
    return icgraph("build", matrix, matrix.parent / "missing-folder", "", "-o", out), out


# --- each case alone, in-process -------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_is_read_or_refused_with_its_reason(tmp_path, case):
    path = _write(tmp_path, case)
    warnings: list[InputError] = []
    if case.expect == "skip":
        with pytest.raises(InputError) as err:
            read_document(path, case.name, warnings=warnings)
        assert err.value.path == str(path)
        assert case.reason in err.value.reason
        assert "\n" not in str(err.value)
        return
    doc = read_document(path, case.name, warnings=warnings)
    if case.expect == "warn":
        assert [w.path for w in warnings] == [str(path)]
        assert case.reason in warnings[0].reason
        assert "\ufffd" in doc.text
    else:
        assert warnings == []
        assert case.text in doc.text
        assert not case.absent or case.absent not in doc.text


# --- all cases together, through the real command ---------------------------------------

def _skip_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("icgraph: skipped ")]


def test_matrix_build_names_every_skipped_file_once_and_builds_the_rest(matrix, matrix_build):
    result, out = matrix_build
    assert "Traceback" not in result.stderr
    assert result.returncode == cli.EXIT_SKIPPED, result.stderr
    skipped = _skip_lines(result.stderr)
    for case in CASES:
        lines = [line for line in skipped if line.startswith(f"icgraph: skipped {matrix / case.name}:")]
        assert len(lines) == (case.expect == "skip"), (case.name, lines)
        if lines:
            assert case.reason in lines[0]
    for name, reason in [("loop-a.txt", "symbolic link loop"), ("loop-b.txt", "symbolic link loop"),
                         ("sub/dangling.txt", "broken symbolic link")]:
        assert f"icgraph: skipped {matrix / name}: {reason}" in skipped
    assert f"icgraph: skipped {matrix.parent / 'missing-folder'}: no such file or folder" in skipped
    assert 'icgraph: skipped "": empty path' in skipped  # not the current folder
    assert len(skipped) == sum(c.expect == "skip" for c in CASES) + 5
    warnings = [line for line in result.stderr.splitlines() if line.startswith("icgraph: warning: ")]
    assert warnings == [f"icgraph: warning: {matrix / 'stray-byte.txt'}: 1 undecodable byte sequences "
                        "in utf-8 text replaced by U+FFFD"]
    assert all(line.startswith(("icgraph: skipped ", "icgraph: warning: ")) for line in result.stderr.splitlines()
               if line.startswith("icgraph:")), result.stderr
    processed = sum(c.expect != "skip" for c in CASES)
    assert f"documents: {processed}  " in result.stdout
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    docs = {d for node in data["nodes"] for d in node["docs"]}
    assert {"gb18030.txt", "big5.txt", "utf16le.txt", "utf16be.txt", "page.html", "notes.md",
            "路径 带空格/新闻 稿.txt", "traditional.txt", "mixed.txt"} <= docs
    names = {node["id"] for node in data["nodes"]}
    assert {"天津大学", "香港理工大学", "浙江大学", "南开大学", "华为公司", "腾讯公司"} <= names
    assert not any("*" in n or "<" in n or "\u202e" in n for n in names)
    assert "北京大学与清华大学" not in (out / "graph.json").read_text(encoding="utf-8")  # script text dropped


def test_folder_symlink_loop_is_not_followed(matrix):
    inputs, errors = find_inputs([str(matrix)])
    ids = [doc_id for _, doc_id in inputs]
    assert len(ids) == len(set(ids))
    assert not any(i.startswith("sub/up/") for i in ids)
    assert {e.reason for e in errors} == {"symbolic link loop", "broken symbolic link"}


def test_all_inputs_processed_is_exit_0(tmp_path):
    for case in CASES:
        if case.expect == "ok":
            _write(tmp_path / "in", case)
    result = icgraph("build", tmp_path / "in", "-o", tmp_path / "out")
    assert result.returncode == cli.EXIT_OK, result.stderr
    assert "icgraph: " not in result.stderr


def test_only_bad_inputs_is_fatal_and_writes_nothing(tmp_path):
    for case in CASES:
        if case.expect == "skip":
            _write(tmp_path / "in", case)
    result = icgraph("build", tmp_path / "in", "-o", tmp_path / "out")
    assert result.returncode == cli.EXIT_FATAL
    assert "icgraph: error: no readable input documents" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bad", ["missing", "warning"])
def test_strict_fails_on_a_skipped_input_or_a_warning(tmp_path, bad):
    good = _write(tmp_path, CASES[IDS.index("gb18030.txt")])
    other = tmp_path / "missing.txt" if bad == "missing" else _write(tmp_path, CASES[IDS.index("stray-byte.txt")])
    relaxed = icgraph("build", good, other, "-o", tmp_path / "relaxed")
    assert relaxed.returncode == (cli.EXIT_SKIPPED if bad == "missing" else cli.EXIT_OK), relaxed.stderr
    result = icgraph("build", "--strict", good, other, "-o", tmp_path / "out")
    assert result.returncode == cli.EXIT_SKIPPED
    assert str(other) in result.stderr and "--strict" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [["--max-bytes", "0"], ["--max-bytes", "ten"], ["--no-such-option"], []])
def test_bad_usage_is_exit_2(tmp_path, args):
    small = _write(tmp_path, CASES[IDS.index("mixed.txt")])
    extra = [] if args == [] else ["-o", tmp_path / "out"]
    result = icgraph("build", small, *args, *extra)
    assert result.returncode == cli.EXIT_USAGE
    assert "Traceback" not in result.stderr


# --- faults simulated in-process (tests run as root, so chmod 000 would not stop a read) -----

def test_unreadable_file_is_skipped_and_the_others_are_built(tmp_path, monkeypatch, capsys):
    good = _write(tmp_path / "in", CASES[IDS.index("mixed.txt")])
    locked = _write(tmp_path / "in", Case("locked.txt", SIMPLIFIED.encode(), "skip"))
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    code = cli.main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_SKIPPED
    assert f"icgraph: skipped {locked}: permission denied" in err.splitlines()
    assert str(good) not in err
    assert json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))["nodes"]


def test_unlistable_folder_is_reported(tmp_path, monkeypatch, capsys):
    good = _write(tmp_path / "in", CASES[IDS.index("mixed.txt")])
    _write(tmp_path / "in" / "private", CASES[IDS.index("gb18030.txt")])
    real_scandir = os.scandir

    def guarded_scandir(path="."):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    code = cli.main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_SKIPPED
    assert f"icgraph: skipped {tmp_path / 'in' / 'private'}: cannot list folder: permission denied" in err
    assert str(good) not in err


def test_extraction_crash_skips_only_that_document(tmp_path, monkeypatch, capsys):
    from graph import build

    good = _write(tmp_path / "in", CASES[IDS.index("mixed.txt")])
    bad = _write(tmp_path / "in", Case("crash.txt", "天津大学。".encode(), "skip"))
    real = build.process_parsed

    def fragile(parsed, *args, **kwargs):
        if parsed.document.id == "crash.txt":
            raise ValueError("boom")
        return real(parsed, *args, **kwargs)

    monkeypatch.setattr(build, "process_parsed", fragile)
    code = cli.main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_SKIPPED
    assert f"icgraph: skipped {bad}: internal error while extracting (ValueError: boom); please report it" in err
    assert str(good) not in err
    assert (tmp_path / "out" / "graph.json").exists()


def test_ctrl_c_inside_compiled_code_stops_the_build(tmp_path, monkeypatch, capsys):
    """numba's compiled code reports a Ctrl-C as a SystemError caused by it: the build stops, as for any Ctrl-C."""
    from graph import build

    _write(tmp_path / "in", CASES[IDS.index("mixed.txt")])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.json").write_text("earlier", encoding="utf-8")

    def interrupted(parsed, *args, **kwargs):
        raise SystemError("CPUDispatcher returned a result with an exception set") from KeyboardInterrupt()

    monkeypatch.setattr(build, "process_parsed", interrupted)
    code = cli.main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"])
    assert code == 130
    assert "icgraph: interrupted; outputs left as they were" in capsys.readouterr().err
    assert (tmp_path / "out" / "graph.json").read_text(encoding="utf-8") == "earlier"


def test_fifo_and_non_utf8_file_names(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    name = os.fsencode(folder) + b"/\xe9\xe8-news.txt"
    with open(name, "wb") as handle:
        handle.write(SIMPLIFIED.encode())
    code = cli.main(["build", str(folder), str(fifo), "-o", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == cli.EXIT_SKIPPED
    assert f"icgraph: skipped {fifo}: not a regular file or folder" in captured.err
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert "\ufffd\ufffd-news.txt" in {d for node in data["nodes"] for d in node["docs"]}


# --- size limits ---------------------------------------------------------------------------

LINE_20MB = 20 * 1024 * 1024


@pytest.fixture(scope="module")
def huge_line(tmp_path_factory) -> Path:
    """A 20 MB file that is one line: the seed page with its newlines removed, repeated."""
    seed = (Path(__file__).resolve().parent.parent / "seeds" / "000_4ec6fe761e168837.txt").read_text(encoding="utf-8")
    unit = seed.replace("\n", "").encode("utf-8")
    data = (unit * (LINE_20MB // len(unit) + 1))[:LINE_20MB]
    data = data.decode("utf-8", errors="ignore").encode("utf-8")
    path = tmp_path_factory.mktemp("huge") / "dump.txt"
    path.write_bytes(data)
    return path


def test_20mb_line_is_skipped_by_the_default_limit_without_being_read(huge_line, tmp_path):
    assert huge_line.stat().st_size > DEFAULT_MAX_BYTES
    good = _write(tmp_path, CASES[IDS.index("mixed.txt")])
    started = time.perf_counter()
    result = icgraph("build", huge_line, good, "-o", tmp_path / "out")
    assert time.perf_counter() - started < 60
    assert result.returncode == cli.EXIT_SKIPPED, result.stderr
    size = huge_line.stat().st_size
    assert (f"icgraph: skipped {huge_line}: file is {size} bytes, over the limit of {DEFAULT_MAX_BYTES} "
            "(--max-bytes)") in result.stderr.splitlines()


def test_scraped_html_with_thousands_of_scripts_is_linear(tmp_path):
    """Dropping script/style elements one by one with Tag.decompose was quadratic (10 MB: 9 minutes)."""
    block = "<p>天津大学与香港理工大学签署协议。</p><script>var a = 1;</script><style>p {}</style>\n"
    path = tmp_path / "scraped.html"
    path.write_text("<html><body>" + block * 30_000 + "</body></html>", encoding="utf-8")
    started = time.perf_counter()
    doc = read_document(path, "scraped.html")
    assert time.perf_counter() - started < 20
    assert doc.text.count("天津大学") == 30_000 and "var a" not in doc.text


def test_max_bytes_is_configurable(tmp_path):
    good = _write(tmp_path, CASES[IDS.index("mixed.txt")])
    size = good.stat().st_size
    result = icgraph("build", good, "--max-bytes", str(size - 1), "-o", tmp_path / "out")
    assert result.returncode == cli.EXIT_FATAL
    assert f"over the limit of {size - 1} (--max-bytes)" in result.stderr
    assert icgraph("build", good, "--max-bytes", str(size), "-o", tmp_path / "out").returncode == cli.EXIT_OK


_MEMORY_PROBE = """
import resource, sys, time
from pathlib import Path
from graph.ingest import parse, read_document
from graph.pipeline import segments
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
doc = read_document(Path(sys.argv[1]), "dump.txt", max_bytes=1 << 30)
parsed = parse(doc)
parts = segments(parsed)
sentences = sum(len(a.sentences) for a in parsed.articles)
longest = max(len(s.text) for a in parsed.articles for s in a.sentences)
print(len(doc.text), sentences, longest, len(parts), time.perf_counter() - started,
      (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)
"""


def test_20mb_line_is_decoded_and_split_in_bounded_time_and_memory(huge_line):
    """Ingest (decode, control-character stripping, layout, segmenting) of the whole 20 MB line."""
    result = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(huge_line)], capture_output=True,
                            encoding="utf-8")
    assert result.returncode == 0, result.stderr
    chars, sentences, longest, parts, seconds, grown_mb = result.stdout.split()
    assert int(longest) <= MAX_SENTENCE
    assert int(parts) >= int(chars) // SEGMENT_CHARS
    assert float(seconds) < 30
    assert int(grown_mb) < 25 * LINE_20MB // 2**20  # ~45 bytes a character for sentence offsets; measured ~320 MB


def test_long_document_is_built_in_segments_with_offsets_into_the_whole_text(tmp_path, seed_path):
    page = seed_path.read_text(encoding="utf-8")
    text = page * (SEGMENT_CHARS // len(page) + 2)
    path = tmp_path / "archive.txt"
    path.write_text(text, encoding="utf-8")
    result = build_files([str(path)])
    assert result.documents == 1 and not result.skipped
    assert {"天津大学", "香港理工大学"} <= set(result.graph.nodes)
    evidence = [ev for _, _, data in result.graph.edges(data=True) for ev in data["evidence"]]
    assert max(ev["start"] for ev in evidence) > SEGMENT_CHARS  # read in a later segment
    for ev in evidence:  # a sentence rejoined across a caption spans more of the page than its own text
        assert text[ev["start"]] == ev["sentence"][0] and text[ev["end"] - 1] == ev["sentence"][-1]


def test_single_line_without_punctuation_is_capped_and_built(tmp_path):
    """100,000 characters, no punctuation at all: hard-cut sentences, processed in segments."""
    seed = (Path(__file__).resolve().parent.parent / "seeds" / "000_4ec6fe761e168837.txt").read_text(encoding="utf-8")
    letters = re.sub(r"[^\u4e00-\u9fff]", "", seed)
    text = (letters * (100_000 // len(letters) + 1))[:100_000]
    path = tmp_path / "no-punctuation.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = build_files([str(path)])
    assert time.perf_counter() - started < 120
    assert result.skipped == [] and result.documents == 1
    for _, _, data in result.graph.edges(data=True):
        for ev in data["evidence"]:
            assert len(ev["sentence"]) <= MAX_SENTENCE
            assert text[ev["start"]:ev["end"]] == ev["sentence"]


# --- hostile text ----------------------------------------------------------------------------

PAYLOAD_TXT = (
    "天津大学与<script>alert(1)</script>香港理工大学签署协议。\n"
    "天津大学发布《</script><img src=x onerror=alert(1)>管理办法》。\n"
    "华为公司与javascript:alert(1)科技有限公司签约，&lt;&amp;\"'<!-- -->]]>。\n"
    "=HYPERLINK(\"http://evil.example\",\"点击\")有限公司与浙江大学签署合作协议。\n"
    "南开大学\u202e与\u2066天津市\x07人民政府\x1b[31m签约。\n"
)
PAYLOAD_HTML = ("<html><body><p>北京大学与&lt;script&gt;alert(2)&lt;/script&gt;清华大学签署协议。</p>"
                "<p>复旦大学发布《&lt;img src=x onerror=alert(3)&gt;规划》。</p>"
                "<a href=\"javascript:alert(4)\">上海交通大学与同济大学签约。</a>"
                "<img src=x onerror=\"alert(5)\"><iframe src=\"javascript:alert(6)\"></iframe></body></html>")
HOSTILE_NAMES = ["</script><script>alert(7)</script>", "<img src=x onerror=alert(8)>", "javascript:alert(9)",
                 "=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-2+3", "@cmd", "\t=1", "\r=1",
                 "A&B<C>\"D'", "ctl\x00\x07\x1b\x0b\x0c\ufffe\uffff", "bidi\u202e\u2066x", "]]><!--", "普通名称"]


class _Tags(__import__("html.parser").parser.HTMLParser):
    """Start tags and their attributes, as a browser's tokenizer would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.attrs.extend(attrs)


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _hostile_graph():
    import networkx as nx

    G = nx.MultiDiGraph()
    for k, name in enumerate(HOSTILE_NAMES):
        G.add_node(name, name=name, type="ORG", aliases=[name + "别名"], mentions=1, docs=[name + ".txt"])
        if k:
            G.add_edge(HOSTILE_NAMES[k - 1], name, key="signed_with", relation="signed_with", confidence=0.9,
                       evidence=[{"doc": name, "article": 0, "sentence": name + "签约。", "start": 0, "end": 3}],
                       role=name, agreement=name)
    return G


def _benign_graph(G):
    import networkx as nx

    rename = {n: f"机构{k}" for k, n in enumerate(G.nodes)}
    H = nx.relabel_nodes(G, rename)
    for n, attrs in H.nodes(data=True):
        attrs.update(name=n, aliases=[n + "别名"], docs=[n + ".txt"])
    for u, v, attrs in H.edges(data=True):
        attrs.update(evidence=[{"doc": u, "article": 0, "sentence": u + "签约。", "start": 0, "end": 3}], role=u,
                     agreement=u)
    return H


def _assert_page_is_inert(page: str, baseline: str) -> None:
    tags, base = _tags(page), _tags(baseline)
    assert tags.tags == base.tags  # no element or attribute came from the data
    assert not any(value and "javascript:" in value.lower() for _, value in tags.attrs)
    for needle in ("<img", "<iframe", "<script>alert", "</script><script>", "<!--", "]]>"):
        assert page.count(needle) == baseline.count(needle), needle


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "</script><img src=x onerror=alert(0)>"  # a hostile path too (two nested folders)
    folder.mkdir(parents=True)
    (folder / "evil.txt").write_text(PAYLOAD_TXT, encoding="utf-8")
    (folder / "evil.html").write_text(PAYLOAD_HTML, encoding="utf-8")
    out = root / "out"
    result = icgraph("build", root / "<", "-o", out)
    assert result.returncode == cli.EXIT_OK, result.stderr
    return out


def test_payloads_from_documents_are_text_in_graph_json(hostile_build):
    data = json.loads((hostile_build / "graph.json").read_text(encoding="utf-8"))
    names = {n["id"] for n in data["nodes"]}
    text = json.dumps(data, ensure_ascii=False)
    assert any("onerror" in n for n in names) and "javascript:alert(1)" in text  # kept, as text
    assert "\u202e" not in text and "\u2066" not in text and "\x07" not in text and "\x1b" not in text
    assert "alert(5)" not in text and "alert(6)" not in text  # markup of an HTML page is not text


def test_payloads_are_inert_in_graph_html(hostile_build):
    from graph.render import html_string
    from graph.export import read_graphml

    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    G = read_graphml(hostile_build / "graph.graphml")
    _assert_page_is_inert(page, html_string(_benign_graph(G), title="icgraph: benign"))


def test_hostile_names_are_inert_in_html_of_any_graph():
    from graph.render import html_string

    G = _hostile_graph()
    _assert_page_is_inert(html_string(G, title=HOSTILE_NAMES[0]), html_string(_benign_graph(G), title="x"))


def test_graphml_of_hostile_names_is_valid_xml_and_round_trips(tmp_path, hostile_build):
    import xml.etree.ElementTree as ET
    from graph.export import read_graphml, write_graphml

    ET.parse(hostile_build / "graph.graphml")
    G = _hostile_graph()
    write_graphml(G, tmp_path / "g.graphml")
    ET.parse(tmp_path / "g.graphml")
    back = read_graphml(tmp_path / "g.graphml")
    illegal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    assert sorted(back.nodes) == sorted(illegal.sub("", n) for n in G.nodes)
    assert back.number_of_edges() == G.number_of_edges()


def test_graphml_keeps_a_carriage_return(tmp_path):
    """Files never carry a CR (decode turns it into LF), library graphs can; XML parsers would read a raw one as LF."""
    import networkx as nx
    from graph.export import read_graphml, write_graphml

    G = nx.MultiDiGraph()
    G.add_node("a\rb", name="a\rb", type="ORG")
    write_graphml(G, tmp_path / "g.graphml")
    assert list(read_graphml(tmp_path / "g.graphml").nodes) == ["a\rb"]


def _exports():
    exports = pytest.importorskip("graph.exports")
    if not hasattr(exports, "write_gexf") or not hasattr(exports, "write_csv"):
        pytest.skip("graph.exports has no write_gexf/write_csv yet")
    return exports


def test_gexf_of_hostile_names_is_valid_xml(tmp_path):
    import xml.etree.ElementTree as ET

    exports = _exports()
    exports.write_gexf(_hostile_graph(), tmp_path / "g.gexf")
    root = ET.parse(tmp_path / "g.gexf").getroot()
    labels = {el.get("label") for el in root.iter() if el.tag.endswith("node")}
    assert "<img src=x onerror=alert(8)>" in labels and "A&B<C>\"D'" in labels


def _csv_cells(exports, G, folder: Path) -> list[str]:
    import csv

    folder.mkdir()
    exports.write_csv(G, folder)
    files = sorted(folder.glob("*.csv"))
    assert files
    return [cell for path in files for row in csv.reader(path.open(encoding="utf-8", newline="")) for cell in row]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_never_start_a_formula(tmp_path, hostile_build):
    from graph.export import read_graphml

    exports = _exports()
    G = _hostile_graph()
    cells = _csv_cells(exports, G, tmp_path / "names")
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "'\t=1" in cells and "'-2+3" in cells
    assert {"'\r=1", "'\n=1"} & set(cells)  # one cell (graph.exports writes the CR as LF)
    assert not [c for c in cells if c.startswith(_FORMULA)]
    cells = _csv_cells(exports, read_graphml(hostile_build / "graph.graphml"), tmp_path / "built")
    assert cells and not [c for c in cells if c.startswith(_FORMULA)]


def test_csv_cell_with_a_carriage_return_stays_one_cell(tmp_path):
    """An unquoted CR would let a reader start a new row inside the cell, and '=1' would be a cell of its own."""
    import networkx as nx

    exports = _exports()
    G = nx.MultiDiGraph()
    G.add_node("x\r=1", name="x\r=1", type="ORG", aliases=[], mentions=1, docs=["a"])
    cells = _csv_cells(exports, G, tmp_path / "cr")
    assert {"x\r=1", "x\n=1"} & set(cells) and not [c for c in cells if c.startswith(_FORMULA)]


# --- determinism ---------------------------------------------------------------------------

def test_same_inputs_give_byte_identical_outputs(tmp_path, seed_path):
    folder = tmp_path / "in"
    for case in CASES:
        if case.expect == "ok":
            _write(folder, case)
    (folder / "payload.txt").write_text(PAYLOAD_TXT, encoding="utf-8")
    inputs = [seed_path, *sorted(p for p in folder.rglob("*") if p.is_file())]
    shuffled = inputs[::-1][1:] + inputs[-1:]
    assert shuffled != inputs
    runs = []
    for k, (seed, order) in enumerate([("1", inputs), ("2", inputs), ("3", shuffled)]):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = tmp_path / f"out{k}"
        result = icgraph("build", *order, "-o", out, env=env)
        assert result.returncode == cli.EXIT_OK, result.stderr
        runs.append({name: (out / name).read_bytes() for name in OUTPUTS})
    assert runs[0] == runs[1] == runs[2]
