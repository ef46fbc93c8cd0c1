"""Outputs are never corrupted: failures and interruptions leave the previous outputs as they were.

Write errors are simulated by mocking (and, where this machine lets root mount
one, by a full tmpfs); interruption by a real SIGINT to the command.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import atomic, cli
from graph.atomic import STAGING_PREFIX, OutputSet, write_bytes_atomic, write_text_atomic
from graph.cache import CACHE_FILE

ICGRAPH = Path(sys.executable).parent / "icgraph"
OUTPUTS = ("graph.json", "graph.graphml", "graph.html", CACHE_FILE)
FIRST = "天津大学与香港理工大学签署人才联合培养协议。\n"
SECOND = "興縣人民政府與美錦能源集團共同簽署氫能產業合作協議。南开大学与浙江大学合作。\n"


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != CACHE_FILE]


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """An output folder holding a finished build of FIRST, and a second input that changes the graph."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["build", "-q", str(first), "-o", str(out)]) == cli.EXIT_OK
    before = _snapshot(out)
    assert sorted(before) == sorted(OUTPUTS)
    return out, second, before


# --- graph.atomic ----------------------------------------------------------------------------

def test_failed_write_leaves_target_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.json"
    target.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_bytes_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["graph.json"]


def test_existing_permissions_are_kept(tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640
    with OutputSet(tmp_path) as staged:
        write_text_atomic(staged.path("graph.html"), "newer")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_text(encoding="utf-8") == "newer"


def test_output_set_failure_in_a_later_file_keeps_every_earlier_file(tmp_path):
    for name in OUTPUTS:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    before = _snapshot(tmp_path)
    with pytest.raises(RuntimeError):
        with OutputSet(tmp_path) as staged:
            write_text_atomic(staged.path("graph.json"), "new json")
            write_text_atomic(staged.path("graph.graphml"), "new graphml")
            raise RuntimeError("render failed")
    assert _snapshot(tmp_path) == before


def test_output_set_rolls_back_when_a_rename_fails(tmp_path, monkeypatch):
    for name in OUTPUTS:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    before = _snapshot(tmp_path)
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 3:  # the third output's rename fails
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="Input/output"):
        with OutputSet(tmp_path) as staged:
            for name in OUTPUTS:
                (staged.path(name)).write_text(f"new {name}", encoding="utf-8")
    monkeypatch.undo()
    assert _snapshot(tmp_path) == before


def test_sigint_during_the_renames_is_held_until_all_are_done(tmp_path, monkeypatch):
    real_replace = os.replace

    def replace_and_interrupt(src, dst):
        real_replace(src, dst)
        if Path(dst).name == "graph.json":
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(atomic.os, "replace", replace_and_interrupt)
    with pytest.raises(KeyboardInterrupt):
        with OutputSet(tmp_path) as staged:
            for name in OUTPUTS:
                staged.path(name).write_text(f"new {name}", encoding="utf-8")
    assert {n: b.decode() for n, b in _snapshot(tmp_path).items()} == {n: f"new {n}" for n in OUTPUTS}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# --- the build command -----------------------------------------------------------------------

@pytest.mark.parametrize("where", ["json", "graphml", "html", "cache"])
def test_write_error_in_any_output_keeps_the_previous_build(built, monkeypatch, capsys, where):
    out, second, before = built
    from graph import export, render

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    target = {"json": (export, "write_text_atomic"), "graphml": (export, "write_bytes_atomic"),
              "html": (render, "write_text_atomic"), "cache": (cli, "dump")}[where]
    monkeypatch.setattr(*target, disk_full)
    code = cli.main(["build", str(second), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_FATAL
    assert f"icgraph: error: cannot write the outputs to {out}: No space left on device; previous outputs left " \
           "as they were" in err
    assert "Traceback" not in err
    assert _snapshot(out) == before


def test_interrupt_while_writing_keeps_the_previous_build(built, monkeypatch, capsys):
    out, second, before = built
    from graph import render

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "write_text_atomic", interrupted)
    assert cli.main(["build", str(second), "-o", str(out)]) == 130
    assert "interrupted; outputs left as they were" in capsys.readouterr().err
    assert _snapshot(out) == before


def test_interrupt_during_the_final_renames_reports_the_new_build(built, monkeypatch, capsys):
    out, second, before = built
    real_replace = os.replace

    def replace_and_interrupt(src, dst):
        real_replace(src, dst)
        if Path(dst) == out / "graph.json":  # the commit, not the write into the staging folder
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(atomic.os, "replace", replace_and_interrupt)
    assert cli.main(["build", str(second), "-o", str(out)]) == 130
    assert "interrupted just after the outputs were written" in capsys.readouterr().err
    after = _snapshot(out)
    assert sorted(after) == sorted(OUTPUTS)
    assert all(after[name] != before[name] for name in OUTPUTS)


def test_output_folder_that_is_a_file_is_fatal(tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text(FIRST, encoding="utf-8")
    clash = tmp_path / "out"
    clash.write_text("not a folder", encoding="utf-8")
    assert cli.main(["build", str(source), "-o", str(clash)]) == cli.EXIT_FATAL
    assert "icgraph: error: cannot write the outputs to" in capsys.readouterr().err
    assert clash.read_text(encoding="utf-8") == "not a folder"


@pytest.fixture
def tiny_tmpfs(tmp_path):
    """A 4 MiB tmpfs (needs mount privileges; skipped where there are none)."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    except OSError:
        pytest.skip("no mount command")
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace").strip())
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_keeps_the_previous_build(built, tiny_tmpfs):
    out, second, before = built
    disk_out = tiny_tmpfs / "out"
    shutil.copytree(out, disk_out)
    with open(tiny_tmpfs / "filler", "wb", buffering=0) as filler:  # fill the disk to the last block
        try:
            while filler.write(b"\0" * 4096):
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    result = subprocess.run([str(ICGRAPH), "build", str(second), "-o", str(disk_out)], capture_output=True,
                            encoding="utf-8")
    assert result.returncode == cli.EXIT_FATAL, result.stderr
    assert "No space left on device; previous outputs left as they were" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(disk_out) == before
    os.unlink(tiny_tmpfs / "filler")


def _wait_for_cpu_seconds(pid: int, seconds: float, timeout: float = 90.0) -> None:
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        time.sleep(5)
        return
    tick = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return
        if (int(fields[11]) + int(fields[12])) / tick >= seconds:  # utime + stime
            return
        time.sleep(0.1)


def test_sigint_stops_a_long_build_and_keeps_the_previous_build(built, tmp_path, seed_path):
    out, _, before = built
    many = tmp_path / "many"
    many.mkdir()
    page = seed_path.read_text(encoding="utf-8")
    for k in range(200):
        (many / f"{k:03d}.txt").write_text(page, encoding="utf-8")
    process = subprocess.Popen([str(ICGRAPH), "build", str(many), "-o", str(out), "-j", "1"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, encoding="utf-8")
    _wait_for_cpu_seconds(process.pid, 3.0)  # past the imports, well inside the documents
    assert process.poll() is None, "the build finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "icgraph: interrupted; outputs left as they were" in stderr
    assert "Traceback" not in stderr
    assert _snapshot(out) == before
    assert not _leftovers(out) and not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
