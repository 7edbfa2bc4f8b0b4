"""Run `clean` jobs on a Dask distributed cluster.

    from distributed import Client
    from cleaner.integrations.dask import clean_tree

    summary = clean_tree(["dumps/"], "out/", client=Client("tcp://scheduler:8786"))

or, from the shell, `clean dumps/ -o out/ --dask tcp://scheduler:8786`.

The client process (where you call it) walks the inputs, reads each document and ships its bytes
to the cluster in batches; workers run the same per-document function as a local run
(`cleaner.batch.process_document`); the client writes every output through the same sink, in
input order. So outputs are the same files with the same bytes as a local run, written atomically,
and failures are reported the same way. Workers need only `cleaner` installed, no shared disk.
"""
from __future__ import annotations

import collections
import dataclasses
from typing import Callable, Deque, Iterable, Iterator, List, Optional, Sequence, Tuple

from .. import batch
from ..errors import CleanerError

DEFAULT_BATCH_SIZE = 8  # documents per Dask task: amortises the scheduler's per-task overhead


def process_batch(docs: Sequence[batch.Document], options: batch.Options) -> List[batch.Outcome]:
    """The work of one Dask task: `process_document` on each document, in order."""
    return [batch.process_document(doc, options) for doc in docs]


class DaskRunner:
    """A `cleaner.batch.Runner` backed by a Dask cluster.

    `client` is a `distributed.Client`, or a scheduler address to connect to (the client is then
    owned and closed by the runner). At most `window` batches are in flight.
    """

    def __init__(self, client, *, batch_size: int = DEFAULT_BATCH_SIZE, window: Optional[int] = None):
        from distributed import Client

        self.owns_client = not isinstance(client, Client)
        self.client = Client(client) if self.owns_client else client
        self.batch_size = max(1, batch_size)
        self.window = window or max(4, 2 * sum(self.client.nthreads().values()))
        self._pending: Deque[Tuple[List[batch.Document], object]] = collections.deque()

    def map_ordered(self, options: batch.Options, docs: Iterable[batch.Document]
                    ) -> Iterator[Tuple[batch.Document, batch.Outcome]]:
        self._pending = pending = collections.deque()
        for chunk in _chunks((_loaded(doc, options) for doc in docs), self.batch_size):
            pending.append((chunk, self._submit(chunk, options)))
            while len(pending) >= self.window:
                yield from self._collect(pending.popleft(), options)
        while pending:
            yield from self._collect(pending.popleft(), options)

    def _submit(self, chunk: List[batch.Document], options: batch.Options):
        todo = [doc for doc in chunk if doc.error is None]
        return self.client.submit(process_batch, todo, options, pure=False) if todo else None

    def _collect(self, entry, options: batch.Options) -> Iterator[Tuple[batch.Document, batch.Outcome]]:
        chunk, future = entry
        outcomes = iter(self._outcomes(chunk, future, options))
        for doc in chunk:
            yield doc, (batch.unread(doc) if doc.error else next(outcomes))

    def _outcomes(self, chunk: List[batch.Document], future, options: batch.Options) -> List[batch.Outcome]:
        if future is None:
            return []
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker, an unpicklable task, ...
            todo = [doc for doc in chunk if doc.error is None]
            if len(todo) == 1:
                return [_lost(todo[0], exc)]
        # One bad document must not fail its batch-mates: run them one by one to isolate it, one
        # after the other (a page that kills its worker, retried by Dask, would otherwise take
        # batch-mates queued on the same workers down with it).
        return [self._single(doc, self.client.submit(process_batch, [doc], options, pure=False))
                for doc in todo]

    @staticmethod
    def _single(doc: batch.Document, future) -> batch.Outcome:
        try:
            return future.result()[0]
        except Exception as exc:  # noqa: BLE001 - as above
            return _lost(doc, exc)

    def close(self) -> None:
        if self.owns_client:
            self.client.close()

    def stop(self) -> None:
        """Stop now: cancel what is still queued or running on the cluster."""
        try:
            self.client.cancel([future for _chunk, future in self._pending if future is not None])
        finally:
            self.close()


def _lost(doc: batch.Document, exc: Exception) -> batch.Outcome:
    """How a document whose Dask task failed is reported (a local run's 'crash')."""
    return batch.failed(doc.key, "crash", f"the Dask task cleaning this page failed "
                                              f"({type(exc).__name__}: {exc})")


def _loaded(doc: batch.Document, options: batch.Options) -> batch.Document:
    """The document with its file read here, so that workers need no access to the input disk."""
    if doc.error is not None or doc.path is None or doc.raw is not None:
        return doc
    try:
        raw = batch.read_document(doc.path, options.max_bytes)
    except CleanerError as exc:
        return dataclasses.replace(doc, error=(exc.kind, str(exc)))
    except OSError as exc:
        return dataclasses.replace(doc, error=("read", batch.os_message(exc)))
    return dataclasses.replace(doc, raw=raw)  # (path kept: only a label once raw is set)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def clean_tree(inputs: Sequence[str], outdir: str, client, *, format: str = "txt",
               resume: bool = False, batch_size: int = DEFAULT_BATCH_SIZE,
               site_key: str = "host", templates: bool = True,
               on_outcome: Callable[[batch.Document, batch.Outcome], None] = lambda doc, outcome: None,
               **options) -> batch.Summary:
    """Clean files and directory trees into `outdir` on a Dask cluster, as `clean -o OUTDIR` does.

    `client`: a `distributed.Client` or a scheduler address. `format`: txt, json, jsonl or md
    (jsonl: OUTDIR/cleaned.jsonl). Other keywords are `cleaner.batch.Options` fields
    (input_format, explain, langs, min_words, timeout, max_bytes). Existing outputs are replaced.
    `on_outcome(doc, outcome)` is called per document in input order (`outcome.status` is
    cleaned, empty, filtered or failed; `outcome.kind`/`.message` say why). Returns the `Summary`.
    Like `clean`, a first pass on the cluster learns each site's template (`site_key`: host, dir
    or none; `templates=False`: none), saved as OUTDIR/.clean-sites.json (docs/templates.md).
    """
    job = batch.Options(format=format, **options)
    sink = batch.JsonlSink.in_dir(outdir) if format == "jsonl" else batch.MirrorSink(outdir, format)
    runner = DaskRunner(client, batch_size=batch_size)
    summary = batch.Summary()
    docs = batch.iter_inputs(list(inputs), exclude=[outdir], stats=summary.walk)
    if templates and site_key != "none":
        from ..batch import sites

        model, _ = sites.site_model_for_run(lambda: batch.iter_inputs(list(inputs), exclude=[outdir]), job,
                                            runner, site_key, sites.model_path(outdir, False), resume)
        docs = sites.with_template(docs, model, site_key)
    return batch.run_job(docs, job, sink, runner, resume=resume, summary=summary, on_outcome=on_outcome)
