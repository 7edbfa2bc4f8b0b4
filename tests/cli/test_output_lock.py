"""One run per output: a second `clean` on the same OUTDIR or output file exits 2 naming the
holder; a killed holder's lock is taken over. Real processes, real signals."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from support import fault_env

from cleaner.outlock import LOCK_NAME, OutputLock, OutputLocked

PAGE = ("The harbour council met on Tuesday to discuss the new ferry timetable for the island.\n\n"
        "Residents asked for an earlier boat on weekdays, so that children can reach the school on "
        "the mainland before the first lesson begins.\n")


pytestmark = pytest.mark.slow  # every test here runs the real command in a subprocess

def clean_cmd(*args):
    return [sys.executable, "-m", "cleaner.cli", *args]


def start_holder(tmp_path, *args):
    """A run that holds its output: its worker hangs on in/hang.txt (test fault hook)."""
    env = dict(os.environ, **fault_env("hang:hang.txt"))
    return subprocess.Popen(clean_cmd("in", *args, "--jobs", "1", "--timeout", "50", "-q"), cwd=str(tmp_path),
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def wait_for_pid_in(path, proc, limit=60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"holder ended early: {proc.communicate()}")
        try:
            if path.read_text().strip() == str(proc.pid):
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{path} never named pid {proc.pid}")


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "hang.txt", "z.txt"):
        (tmp_path / "in" / name).write_text(PAGE)
    return tmp_path


def stop(proc, sig=signal.SIGTERM):
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    return proc.communicate(timeout=60)


@pytest.mark.parametrize("output, lock_file", [(["-o", "out", "--format", "jsonl"], "out/" + LOCK_NAME),
                                               (["-o", "all.jsonl"], ".all.jsonl.lock"),
                                               (["-o", "out"], "out/" + LOCK_NAME)])
def test_a_second_run_on_a_held_output_exits_2_naming_the_holder(tree, output, lock_file):
    holder = start_holder(tree, *output)
    try:
        wait_for_pid_in(tree / lock_file, holder)
        second = subprocess.run(clean_cmd("in", *output, "--resume"), cwd=str(tree), capture_output=True,
                                timeout=120)
        assert second.returncode == 2
        assert f"is in use by another clean run (pid {holder.pid}".encode() in second.stderr
    finally:
        stop(holder)
    assert holder.returncode == 128 + signal.SIGTERM
    assert not (tree / lock_file).exists()  # released by the holder
    again = subprocess.run(clean_cmd("in", *output, "--resume", "-q"), cwd=str(tree), capture_output=True,
                           timeout=120)
    assert again.returncode == 0, again.stderr


def test_a_killed_holder_leaves_a_lock_file_the_next_run_takes_over(tree):
    holder = start_holder(tree, "-o", "out", "--format", "jsonl")
    wait_for_pid_in(tree / "out" / LOCK_NAME, holder)
    stop(holder, signal.SIGKILL)
    assert (tree / "out" / LOCK_NAME).read_text().strip() == str(holder.pid)  # stale pid left behind
    again = subprocess.run(clean_cmd("in", "-o", "out", "--format", "jsonl", "--resume", "-q"), cwd=str(tree),
                           capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert len((tree / "out" / "cleaned.jsonl").read_text().splitlines()) == 3
    assert not (tree / "out" / LOCK_NAME).exists()


def test_lock_in_process_names_the_holder(tmp_path):
    with OutputLock(str(tmp_path), is_file=False):
        with pytest.raises(OutputLocked, match=f"pid {os.getpid()}"):
            OutputLock(str(tmp_path), is_file=False).acquire()
    with OutputLock(str(tmp_path), is_file=False):  # released: taken again
        pass
