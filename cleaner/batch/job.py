"""A job: documents from a walk, through a runner, into a sink, with --resume and a `Summary`
(counts, bytes, removed-line reasons, exit code)."""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import signal
import threading
import time
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

from .model import Document, Options, Outcome
from .runners import Runner
from .sinks import OutputError, Sink
from .walk import WalkStats

EXIT_FAILED = 1  # some document failed, or the output could not be written
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT)


@dataclasses.dataclass
class Summary:
    seen: int = 0
    cleaned: int = 0
    empty: int = 0
    filtered: int = 0
    failed: int = 0
    already_done: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    filtered_list: List[Tuple[str, str]] = dataclasses.field(default_factory=list)
    started: float = dataclasses.field(default_factory=time.monotonic)
    wall: float = 0.0
    interrupted: bool = False
    fatal: Optional[str] = None  # an output error that stopped the run
    hint: Optional[str] = None
    walk: WalkStats = dataclasses.field(default_factory=WalkStats)

    FILTERED_LISTED = 20  # filtered documents the summary names (all are in --errors FILE)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.bytes_in += outcome.bytes_in
        self.removed.update(reason for _line, reason in outcome.removed)
        if outcome.status == "filtered" and len(self.filtered_list) < self.FILTERED_LISTED:
            self.filtered_list.append((outcome.source, outcome.message))

    @property
    def exit_code(self) -> int:
        """0: every document done; 1: some failed or the output could not be written;
        130: interrupted."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed or self.fatal else 0


def run_job(docs: Iterable[Document], options: Options, sink: Sink, runner: Runner, *,
            resume: bool = False,
            on_outcome: Callable[[Document, Outcome], None] = lambda d, o: None,
            on_skip: Callable[[Document], None] = lambda d: None,
            summary: Optional[Summary] = None) -> Summary:
    """Clean every document into `sink` on `runner`; never raises for a document or a Ctrl-C.

    An output error (disk full, permission) stops the run: `summary.fatal` says why.
    """
    summary = summary or Summary()

    def todo() -> Iterator[Document]:
        for doc in docs:
            summary.seen += 1
            if resume and sink.is_done(doc):
                summary.already_done += 1
                on_skip(doc)
                continue
            yield doc

    complete = False
    try:
        sink.open(resume)
        for doc, outcome in runner.map_ordered(options, todo()):
            with signals_held():  # a page file on disk is a page counted, and the other way round
                if outcome.written:
                    summary.bytes_out += sink.write(doc, outcome)
                summary.add(outcome)
            on_outcome(doc, outcome)
        complete = True
        runner.close()
    except KeyboardInterrupt:
        summary.interrupted = True
        runner.stop()
    except OutputError as e:
        summary.fatal = str(e)
        runner.stop()
    except BaseException:
        runner.stop()
        raise
    finally:
        try:
            summary.hint = sink.close(complete)
        except OutputError as e:
            summary.fatal = summary.fatal or str(e)
        summary.wall = time.monotonic() - summary.started
    return summary


HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # the stops a run turns into an interrupted run


@contextlib.contextmanager
def signals_held():
    """Ctrl-C and SIGTERM coming during the block are delivered at its end (the first of them,
    to the handler it would have met); a second one acts at once (a write blocked on a full pipe
    must not keep the run going). Outside the main thread, where no handler runs, a no-op."""
    held: List[int] = []
    previous: List[Tuple[int, object]] = []

    def hold(signum, frame):
        held.append(signum)
        handler = dict(previous).get(signum)
        if len(held) > 1 and callable(handler):
            held.clear()
            handler(signum, frame)

    try:
        if threading.current_thread() is threading.main_thread():
            for signum in HELD_SIGNALS:
                handler = signal.getsignal(signum)
                if handler is not None:  # (None: a handler not set from Python; left alone)
                    previous.append((signum, handler))  # first: restored whatever comes next
                    signal.signal(signum, hold)
        yield
    finally:
        _restore_handlers(previous)
        if held:
            signal.raise_signal(held[0])


def _restore_handlers(previous: List[Tuple[int, object]]) -> None:
    """Put every handler back, even when a signal delivered on the way raises."""
    if previous:
        signum, handler = previous[0]
        try:
            signal.signal(signum, handler)
        finally:
            _restore_handlers(previous[1:])
