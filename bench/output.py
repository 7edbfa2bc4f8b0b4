"""What a benched system is and what it returns for one document."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

from .data import Page


@dataclass
class Output:
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    language: Optional[str] = None
    removed: List[Tuple[str, str]] = field(default_factory=list)
    error: Optional[str] = None
    seconds: float = 0.0


@dataclass(frozen=True)
class System:
    """A system maps one document to an `Output`, in one of two ways: `run` (one call per
    document, in the bench's own processes) or `batch` (an iterator of outputs over an iterable
    of (document, page) pairs, in order: for a system that runs in another interpreter). When
    `prepare` is given it is called once with the output directory before the system runs, and
    returns None when the system is ready, else why it cannot run (the bench then skips it)."""
    name: str
    modes: Tuple[str, ...]
    run: Optional[Callable[[object, Page, str], Output]] = None
    metadata: Optional[Callable[[object, Page, Output], None]] = None
    fields: Tuple[str, ...] = ()  # the metadata it reports: scored only for these
    batch: Optional[Callable[[Iterable[Tuple[object, Page]], str], Iterator[Output]]] = None
    prepare: Optional[Callable[[Path], Optional[str]]] = None
