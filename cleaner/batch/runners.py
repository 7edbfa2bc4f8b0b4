"""Where documents are cleaned: a `Runner` turns documents into outcomes, in input order.

- `LocalRunner`: a process pool that survives hangs and dying workers;
- `InlineRunner`: this process (one page, stdin);
- `cleaner.integrations.dask.DaskRunner`: a Dask cluster.
"""
from __future__ import annotations

import collections
from typing import Deque, Iterable, Iterator, Optional, Protocol, Tuple

from . import work
from .model import Document, Options, Outcome, failed, unread

WORKER_MAX_TASKS = 2000  # documents a pool worker cleans before it is replaced (bounds leaks)
MIN_WINDOW = 8  # documents in flight at least (and 4 per worker)


class Runner(Protocol):
    def map_ordered(self, options: Options, docs: Iterable[Document]) -> Iterator[Tuple[Document, Outcome]]:
        """(document, outcome) for every document, in input order; never raises for a document.
        Documents with `error` set are not cleaned: their outcome is that failure."""

    def close(self) -> None:
        """The run is over: release the workers."""

    def stop(self) -> None:
        """Stop now: running documents are abandoned."""


class _Ready:
    """A future-like for an outcome known without running anything."""

    def __init__(self, outcome: Outcome):
        self.outcome = outcome

    def result(self):
        return self.outcome


class LocalRunner:
    """Runs `process_document` on `jobs` worker processes (pebble), results in input order.

    At most `window` documents are in flight. A document that runs past `timeout` (plus grace, for
    when clean()'s own limit cannot fire) gets its worker killed and fails with kind 'timeout'; a
    worker that dies fails its document with kind 'crash'. The pool replaces the worker and the
    run goes on.
    """

    def __init__(self, jobs: int, timeout: Optional[float], window: Optional[int] = None,
                 max_tasks_per_worker: int = WORKER_MAX_TASKS):
        from pebble import ProcessPool

        self.jobs, self.timeout, self.hard_timeout = jobs, timeout, hard_timeout(timeout)
        self.window = window or max(MIN_WINDOW, 4 * jobs)
        self.pool = ProcessPool(max_workers=jobs, max_tasks=max_tasks_per_worker,
                                context=_mp_context())

    def map_ordered(self, options: Options, docs: Iterable[Document]) -> Iterator[Tuple[Document, Outcome]]:
        pending: Deque[Tuple[Document, object]] = collections.deque()
        for doc in docs:
            if doc.error is not None:
                pending.append((doc, _Ready(unread(doc))))
            else:
                future = self.pool.schedule(work.process_document, (doc, options), timeout=self.hard_timeout)
                pending.append((doc, future))
            while len(pending) >= self.window:
                yield self._next(pending)
        while pending:
            yield self._next(pending)

    def _next(self, pending) -> Tuple[Document, Outcome]:
        doc, future = pending.popleft()
        return doc, self._outcome(doc, future)

    def _outcome(self, doc: Document, future) -> Outcome:
        from pebble import ProcessExpired

        try:
            return future.result()
        except TimeoutError:
            return failed(doc.key, "timeout", f"cleaning took longer than the {self.timeout:g} s "
                          "limit (--timeout); the worker was stopped")
        except ProcessExpired as e:
            return failed(doc.key, "crash", f"the worker process died while cleaning this page "
                          f"({_exit_description(e.exitcode)})")
        except Exception as e:  # e.g. a document that cannot be pickled
            return failed(doc.key, "internal", f"{type(e).__name__}: {e}")

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def stop(self) -> None:
        self.pool.stop()
        self.pool.join(timeout=10)


class InlineRunner:
    """Runs documents in this process: for a single page (`clean page.html`), where starting a
    pool would cost more than the page. The time limit is clean()'s own; a crash is the run's."""

    def map_ordered(self, options: Options, docs: Iterable[Document]) -> Iterator[Tuple[Document, Outcome]]:
        for doc in docs:
            yield doc, (unread(doc) if doc.error is not None else work.process_document(doc, options))

    def close(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _mp_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:  # no fork of a threaded parent; workers start fast
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["cleaner.batch", "cleaner.batch.warmup"])
        return ctx
    return multiprocessing.get_context("spawn")


def _exit_description(code) -> str:
    import signal

    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = ", out of memory?" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit status {code}"


def hard_timeout(timeout: Optional[float]) -> Optional[float]:
    """When the runner kills a worker: the soft limit inside clean() plus some grace."""
    if timeout is None:
        return None
    return timeout + min(5.0, max(1.0, timeout))
