"""Dask: a run on a LocalCluster (two worker processes) writes what a local run writes."""
from __future__ import annotations

import gzip
import importlib.util
import json
import os

import pytest
from support import fault_env

from cleaner import cli
from cleaner.integrations.dask import DaskRunner, clean_tree

# (distributed is imported by the fixtures only: collecting this module stays cheap)
pytestmark = [pytest.mark.slow,  # a LocalCluster with worker processes
              pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                 reason="needs distributed (pip install 'cleaner[dask]')")]

CRASH_PAGE = "dask-crash.html"  # a worker that gets this page dies (see tests/faults/sitecustomize.py)


@pytest.fixture(scope="module")
def cluster():
    saved = os.environ.get("PYTHONPATH")
    env = fault_env(f"crash:{CRASH_PAGE}")
    os.environ["PYTHONPATH"] = env["PYTHONPATH"]  # worker interpreters start with the fault hook
    try:
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                          scheduler_kwargs={"allowed_failures": 0}, env=env) as cluster:
            yield cluster
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster) as client:
        yield client


def article(n: int) -> str:
    sentences = " ".join(f"Sentence {k} of article {n} tells the story of the river town." for k in range(12))
    return (f"<html><head><title>Article {n}</title></head><body><nav><a href='/'>Home</a> | "
            f"<a href='/about'>About</a></nav><article><h1>Article {n}</h1><p>{sentences}</p>"
            f"<p>A second paragraph for article {n}, long enough to be kept as body text.</p>"
            f"</article><footer>Copyright 2024</footer></body></html>")


def make_tree(root):
    """20 pages in nested directories, a gzip page, a text dump, an asset and a binary 'page'."""
    for n in range(20):
        path = root / f"section{n % 3}" / ("deep" if n % 4 == 0 else "") / f"page{n:02d}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(n), encoding="utf-8")
    (root / "zipped.html.gz").write_bytes(gzip.compress(article(99).encode()))
    (root / "dump.txt").write_text("Headline of the dump\n\n" + "A plain text line with words. " * 20)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (root / "binary.html").write_bytes(bytes(range(256)) * 20)
    return root


def snapshot(directory) -> dict:
    """{relative path: bytes} of every file under `directory`, temp files included."""
    files = {}
    for dirpath, _dirs, names in os.walk(directory):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, directory)] = f.read()
    return files


def local_run(tmp_path, tree, *extra):
    out, errors = tmp_path / "local", tmp_path / "local-errors.jsonl"
    code = cli.main([str(tree), "-o", str(out), "--errors", str(errors), "-q", "--jobs", "2", *extra])
    return code, snapshot(out), errors.read_text()


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_output_is_byte_identical_to_a_local_run(tmp_path, client, fmt):
    tree = make_tree(tmp_path / "tree")
    code, expected, expected_errors = local_run(tmp_path, tree, "--format", fmt)
    reported = []

    def on_outcome(task, outcome):
        if outcome.status == "failed":
            reported.append({"path": outcome.source, "kind": outcome.kind, "message": outcome.message})

    summary = clean_tree([str(tree)], str(tmp_path / "dask"), client, format=fmt, batch_size=3,
                         on_outcome=on_outcome)
    assert snapshot(tmp_path / "dask") == expected
    assert (summary.cleaned, summary.failed, summary.exit_code) == (22, 1, code)
    assert reported == [json.loads(line) for line in expected_errors.splitlines()]
    assert reported[0]["path"].endswith("binary.html")


def test_cli_dask_option_matches_a_local_run(tmp_path, cluster):
    tree = make_tree(tmp_path / "tree")
    code, expected, expected_errors = local_run(tmp_path, tree)
    out, errors = tmp_path / "dask", tmp_path / "dask-errors.jsonl"
    dask_code = cli.main([str(tree), "-o", str(out), "--errors", str(errors), "-q",
                          "--dask", cluster.scheduler_address])
    assert (dask_code, snapshot(out), errors.read_text()) == (code, expected, expected_errors)


def test_a_dying_worker_fails_only_its_page(tmp_path, client):
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("a.html", CRASH_PAGE, "c.html"):
        (tree / name).write_text(article(len(name)), encoding="utf-8")
    outcomes = {}
    summary = clean_tree([str(tree)], str(tmp_path / "out"), client, batch_size=3,
                         on_outcome=lambda task, outcome: outcomes.update({os.path.basename(task.source): outcome}))
    assert outcomes["a.html"].status == outcomes["c.html"].status == "cleaned"
    assert outcomes[CRASH_PAGE].status == "failed" and outcomes[CRASH_PAGE].kind == "crash"
    assert sorted(os.listdir(tmp_path / "out" / "tree")) == ["a.txt", "c.txt"]
    assert summary.exit_code == 1


def test_runner_owns_a_client_it_opened_from_an_address(cluster):
    runner = DaskRunner(cluster.scheduler_address)
    assert runner.owns_client and runner.client.status == "running"
    runner.close()
    assert runner.client.status == "closed"


def test_cli_dask_cleans_an_archive_like_a_local_run(tmp_path, cluster):
    warcio = pytest.importorskip("warcio.warcwriter")
    import io

    from warcio.statusandheaders import StatusAndHeaders

    archive = tmp_path / "crawl.warc.gz"
    with open(archive, "wb") as f:
        writer = warcio.WARCWriter(f, gzip=True)
        for n in range(5):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/{n}", "response", payload=io.BytesIO(article(n).encode()), http_headers=http))
    local, remote = tmp_path / "local.jsonl.gz", tmp_path / "dask.jsonl.gz"
    assert cli.main([str(archive), "-o", str(local), "-q"]) == 0
    assert cli.main([str(archive), "-o", str(remote), "-q", "--dask", cluster.scheduler_address]) == 0
    assert remote.read_bytes() == local.read_bytes()  # the gzip header has no time stamp
    assert len(gzip.decompress(local.read_bytes()).splitlines()) == 5
