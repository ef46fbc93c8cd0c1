"""How icgraph scales: throughput per stage, wall time, peak memory, start-up, -j 1 vs -j 2,
incremental updates, all beside bare ``jieba.posseg`` over the same text.

The corpus is news-style text assembled from the sentences of ``../shared/eval``
(MSRA, People's Daily, CLUENER, Resume, CFSC, FinRE, DuIE, news_dev), shuffled with
a fixed seed into documents of 3-6 KB ("本报讯 " + paragraphs); the 1 MB and 5 MB
corpora are the first documents of the 10 MB one. Every build is the real CLI in a
fresh process; its peak RSS is the largest resident set of any one process of the
build (read with ``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process).

    .venv/bin/python benchmarks/scale.py                      # writes benchmarks/scale.md (about 40 minutes)
    .venv/bin/python benchmarks/scale.py --sizes 0.2 --out -  # a quick look
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jieba
import jieba.posseg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graph import mentions, tagger  # noqa: E402
from graph.assemble import assemble  # noqa: E402
from graph.build import warm_up  # noqa: E402
from graph.posseg import POSTokenizer  # noqa: E402
from graph.extract import analyze_document  # noqa: E402
from graph.relations import extract_relations  # noqa: E402
from graph.resolve import resolve_document  # noqa: E402
from graph.eval_data import read_cfsc, read_cluener, read_msra, read_peoples_daily, read_resume  # noqa: E402
from graph.export import write_graphml, write_json  # noqa: E402
from graph.ingest import find_inputs, parse, read_document  # noqa: E402
from graph.render import render_html  # noqa: E402

DEFAULT_EVAL = REPO.parent / "shared" / "eval"
ICGRAPH = Path(sys.executable).with_name("icgraph")
SEED = "icgraph-scale-2026"
MB = 1_000_000
NEW_DOCUMENTS = 10
UPDATE_RUNS = 3  # --update is short: the median of a few runs
JIEBA_STAGE = "  of which jieba segmentation + POS"
TAGGER_STAGE = "  of which tagger (CRF marginals + BiLSTM + decoding)"
RSS_WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - started
print(code, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def sentences(eval_dir: Path) -> list[str]:
    """Every sentence of the shared sets, in a fixed order."""
    out = [s.text for s in read_msra(eval_dir / "msra_ner" / "val")]
    out += [s.text for s in read_peoples_daily(eval_dir / "peoples_daily_ner" / "example.dev")]
    out += [s.text for s in read_cluener(eval_dir / "cluener2020" / "train.json")]
    out += [s.text for s in read_resume(eval_dir / "resume_ner" / "train.char.bmes")]
    out += [s.text for s in read_cfsc(eval_dir / "cfsc_ner" / "val.json")]
    out += [line.split("\t")[-1] for line in (eval_dir / "finre" / "train.txt").read_text(encoding="utf-8").splitlines()]
    out += [json.loads(line)["text"] for line in
            (eval_dir / "duie2_subset" / "duie_train.json").read_text(encoding="utf-8").splitlines() if line]
    for path in sorted((eval_dir / "news_dev").glob("*.txt")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return [s.strip() for s in out if len(s.strip()) >= 8]


def documents(pool: list[str], total_bytes: int, rng: random.Random) -> list[str]:
    """News-style documents of 3-6 KB made of shuffled sentences, ``total_bytes`` in all."""
    order: list[str] = []

    def take() -> str:
        if not order:
            order.extend(pool)
            rng.shuffle(order)
        return order.pop()

    docs, size = [], 0
    while size < total_bytes:
        target, paragraphs, length = rng.randint(3000, 6000), [], 0
        while length < target:
            paragraph = "".join(take() for _ in range(rng.randint(2, 5)))
            paragraphs.append(paragraph)
            length += len(paragraph.encode("utf-8"))
        text = "本报讯 " + "\n".join(paragraphs) + "\n"
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def write_corpus(folder: Path, docs: list[str], prefix: str = "doc") -> int:
    """Write ``docs`` as files in ``folder``; returns their number of characters."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, text in enumerate(docs):
        (folder / f"{prefix}_{k:05d}.txt").write_text(text, encoding="utf-8")
    return sum(map(len, docs))


def corpus_texts(folder: Path) -> list[str]:
    """The texts ``write_corpus`` wrote to ``folder``, in order."""
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def run_cli(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``icgraph`` run in a fresh process."""
    done = subprocess.run([sys.executable, "-c", RSS_WRAPPER, str(ICGRAPH), *args],
                          capture_output=True, text=True, check=True)
    code, seconds, rss_kb = done.stdout.split()
    if int(code) not in (0, 3):
        raise RuntimeError(f"icgraph {' '.join(args)} exited {code}")
    return float(seconds), int(rss_kb) / 1024


def startup(folder: Path) -> tuple[float, float]:
    """Seconds to import the CLI, and to build a one-sentence document (imports, dictionaries, model)."""
    imports = min(_seconds([sys.executable, "-c", "import graph.cli"]) for _ in range(3))
    tiny = folder / "tiny.txt"
    tiny.write_text("天津大学与香港理工大学签署合作协议。", encoding="utf-8")
    build = min(_seconds([str(ICGRAPH), "build", str(tiny), "-o", str(folder / "tiny-out"), "-q", "-j", "1"])
                for _ in range(3))
    return imports, build


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def stage_times(folder: Path, out: Path) -> tuple[int, dict[str, float]]:
    """Characters and seconds per stage of a one-process build of ``folder``, in this process."""
    seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def clock(stage: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds[stage] += time.perf_counter() - started

    def timed(stage: str, fn: Callable, inner: str = "") -> Callable:
        """``fn`` timed into ``stage``, less the time it spends in the ``inner`` stage."""
        def wrapper(*args, **kwargs):
            inner_before = seconds.get(inner, 0.0)
            with clock(stage):
                result = fn(*args, **kwargs)
            seconds[stage] -= seconds.get(inner, 0.0) - inner_before
            return result
        return wrapper

    warm_up()  # models loaded first, as a build does (this process is no icgraph command: its collector runs)
    tokenize, tagger_tokenize, tag_all = mentions.tokenize, tagger.tokenize, tagger.tag_all
    mentions.tokenize, tagger.tokenize = timed(JIEBA_STAGE, tokenize), timed(JIEBA_STAGE, tagger_tokenize)
    tagger.tag_all = timed(TAGGER_STAGE, tag_all, inner=JIEBA_STAGE)
    try:
        chars, resolved = 0, []
        for path, doc_id in find_inputs([str(folder)])[0]:
            with clock("ingest (decode, layout, sentences)"):
                parsed = parse(read_document(path, doc_id))
            chars += len(parsed.document.text)
            with clock("mentions (all)"):
                analysis = analyze_document(parsed)
            with clock("relations"):
                found = extract_relations(analysis)
            with clock("resolve"):
                resolved.append(resolve_document(analysis, found))
        with clock("assemble"):
            graph = assemble(resolved)
        out.mkdir(parents=True, exist_ok=True)
        with clock("write graph.json + graph.graphml"):
            write_json(graph, out / "graph.json")
            write_graphml(graph, out / "graph.graphml")
        with clock("write graph.html"):
            render_html(graph, out / "graph.html")
    finally:
        mentions.tokenize, tagger.tokenize, tagger.tag_all = tokenize, tagger_tokenize, tag_all
    return chars, dict(seconds)


def jieba_speed(folder: Path) -> tuple[int, float]:
    """Characters and seconds of bare ``jieba.posseg.cut`` (HMM on) over the corpus text."""
    texts = corpus_texts(folder)
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        for _ in jieba.posseg.cut(text):
            pass
    return sum(map(len, texts)), time.perf_counter() - started


def tokenizer_check(folder: Path) -> tuple[int, float, bool]:
    """Characters and seconds of icgraph's tokenizer (``graph.posseg``) over the corpus, and whether it
    gives jieba.posseg's words and tags on every document."""
    texts = corpus_texts(folder)
    jieba.initialize()
    ours = POSTokenizer()
    started = time.perf_counter()
    for text in texts:
        for _ in ours.cut(text):
            pass
    seconds = time.perf_counter() - started
    same = all([(p.word, p.flag) for p in ours.cut(t)] == [(p.word, p.flag) for p in jieba.posseg.cut(t)]
               for t in texts)
    return sum(map(len, texts)), seconds, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--sizes", default="1,5,10", help="corpus sizes in MB (default 1,5,10)")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "scale.md"), help="report path, '-' for stdout")
    args = parser.parse_args(argv)
    sizes = sorted(float(x) for x in args.sizes.split(","))
    rng = random.Random(SEED)
    pool = sentences(args.eval_dir)
    docs = documents(pool, int(sizes[-1] * MB), rng)
    with tempfile.TemporaryDirectory(prefix="icgraph-scale-") as tmp:
        work = Path(tmp)
        corpora = {}
        for size in sizes:
            part, total = [], 0
            for text in docs:
                if total >= size * MB:
                    break
                part.append(text)
                total += len(text.encode("utf-8"))
            corpora[size] = (work / f"corpus-{size:g}MB", len(part), write_corpus(work / f"corpus-{size:g}MB", part))
        new = work / "new"
        write_corpus(new, documents(pool, NEW_DOCUMENTS * 4500, random.Random(SEED + "-new"))[:NEW_DOCUMENTS], "new")
        report = Report(sizes, corpora)
        _progress("start-up")
        report.startup = startup(work)
        _progress(f"stages over {sizes[0]:g} MB")
        report.stages = stage_times(corpora[sizes[0]][0], work / "stages")
        _progress(f"jieba.posseg over {sizes[-1]:g} MB")
        report.jieba = jieba_speed(corpora[sizes[-1]][0])
        _progress(f"icgraph's tokenizer against jieba.posseg over {sizes[0]:g} MB")
        report.tokenizer = tokenizer_check(corpora[sizes[0]][0])
        for size in sizes:
            for jobs in (1, 2):
                _progress(f"build {size:g} MB -j {jobs}")
                report.builds[size, jobs] = run_cli(["build", str(corpora[size][0]), "-o", str(work / f"out-{size:g}-{jobs}"),
                                                     "-q", "-j", str(jobs)])
        largest = corpora[sizes[-1]][0]
        _progress("rebuild with 10 new documents -j 2")
        report.rebuild = run_cli(["build", str(largest), str(new), "-o", str(work / "rebuild"), "-q", "-j", "2"])
        for run in range(UPDATE_RUNS):
            _progress(f"--update with 10 new documents -j 2 ({run + 1}/{UPDATE_RUNS})")
            updated = work / f"update-{run}"
            shutil.copytree(work / f"out-{sizes[-1]:g}-2", updated)
            report.updates.append(run_cli(["build", str(new), "--update", str(updated), "-q", "-j", "2"]))
            report.update_equal &= all((updated / n).read_bytes() == (work / "rebuild" / n).read_bytes()
                                       for n in ("graph.json", "graph.graphml", "graph.html"))
        text = report.markdown()
    if args.out == "-":
        print(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        _progress(f"wrote {args.out}")
    return 0


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Report:
    """The measurements of one run, and their markdown."""

    def __init__(self, sizes: list[float], corpora: dict[float, tuple[Path, int, int]]):
        self.sizes, self.corpora = sizes, corpora
        self.startup: tuple[float, float] = (0.0, 0.0)
        self.stages: tuple[int, dict[str, float]] = (0, {})
        self.jieba: tuple[int, float] = (0, 0.0)
        self.tokenizer: tuple[int, float, bool] = (0, 0.0, False)
        self.builds: dict[tuple[float, int], tuple[float, float]] = {}
        self.rebuild = (0.0, 0.0)
        self.updates: list[tuple[float, float]] = []
        self.update_equal = True

    def markdown(self) -> str:
        jieba_chars, jieba_seconds = self.jieba
        jieba_rate = jieba_chars / jieba_seconds
        lines = ["# Scale", "", "Generated by `python benchmarks/scale.py`; every number below comes from one run on "
                 f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.", "",
                 "## Start-up", "",
                 f"- import of the CLI: {self.startup[0]:.2f} s",
                 f"- build of a one-sentence document (imports, rjieba's dictionary, jieba's HMM tables, numba's "
                 f"cached code, tagger models, outputs): "
                 f"{self.startup[1]:.2f} s", "",
                 f"## Stages, one process, {self.sizes[0]:g} MB corpus", ""]
        chars, seconds = self.stages
        lines += ["| stage | seconds | chars/s |", "|---|---|---|"]
        for stage, spent in seconds.items():
            lines.append(f"| {stage} | {spent:.1f} | {chars / spent:,.0f} |")
        total = sum(v for k, v in seconds.items() if not k.startswith("  "))
        lines += [f"| **total** | **{total:.1f}** | **{chars / total:,.0f}** |", "",
                  f"Bare `jieba.posseg.cut` (HMM on) over the {self.sizes[-1]:g} MB corpus: {jieba_rate:,.0f} chars/s.",
                  "", f"icgraph's tokenizer (`graph.posseg`: jieba.posseg with rjieba's route and a compiled HMM) over "
                  f"the {self.sizes[0]:g} MB corpus: {self.tokenizer[0] / self.tokenizer[1]:,.0f} chars/s; words and "
                  f"tags equal to jieba.posseg's on every document: {'yes' if self.tokenizer[2] else 'NO'}.", "", "## Builds (the CLI, fresh process each)", "",
                  "| corpus | documents | chars | -j 1 s | -j 1 chars/s | -j 1 peak RSS | -j 2 s | -j 2 chars/s "
                  "| -j 2 peak RSS | -j 2 / -j 1 | -j 1 / jieba.posseg |", "|---|---|---|---|---|---|---|---|---|---|---|"]
        for size in self.sizes:
            _, _, n = self.corpora[size]
            (s1, r1), (s2, r2) = self.builds[size, 1], self.builds[size, 2]
            lines.append(f"| {size:g} MB | {self.corpora[size][1]} | {n:,} | {s1:.0f} | {n / s1:,.0f} | {r1:.0f} MB "
                         f"| {s2:.0f} | {n / s2:,.0f} | {r2:.0f} MB | {s1 / s2:.2f}x | {n / s1 / jieba_rate:.2f}x |")
        seconds = [s for s, _ in self.updates]
        update = statistics.median(seconds)
        lines += ["", "Peak RSS is the largest resident set of any single process of the build (with -j 2: the "
                  "parent or one worker).", "", f"## Adding {NEW_DOCUMENTS} documents to the {self.sizes[-1]:g} MB graph", "",
                  f"- full rebuild of all inputs, -j 2: {self.rebuild[0]:.1f} s (peak RSS {self.rebuild[1]:.0f} MB)",
                  f"- `--update`, -j 2, median of {len(self.updates)} runs on fresh copies: {update:.1f} s "
                  f"(runs {', '.join(f'{s:.1f}' for s in seconds)} s; peak RSS {max(r for _, r in self.updates):.0f} MB), "
                  f"{100 * update / self.rebuild[0]:.1f} % of the rebuild",
                  f"- graph.json, graph.graphml and graph.html identical to the rebuild: "
                  f"{'yes' if self.update_equal else 'NO'}", ""]
        return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
