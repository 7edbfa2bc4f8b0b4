"""Resource limits applied to one `clean()` call (size and time).

Size: `DEFAULT_MAX_BYTES` bounds the input; `decode.decode(raw, max_bytes)` refuses larger input
before any other work.

Time: `time_limit(seconds)` bounds a block of code.

- On the main thread of a Unix process it is preemptive: a SIGALRM timer (`setitimer`) raises
  `cleaner.errors.TimeoutError` inside the block when the time is up, and again every 0.1 s
  until the block is left (so code that swallows every Exception cannot run on). The SIGALRM
  handler and timer that were in place are restored afterwards, and an enclosing timer (ours or
  someone else's) that is due first still goes off on time, so nesting and repeated use are
  safe. Python runs the handler only between bytecodes: one long call into C (an XPath query
  over a huge tree) finishes before the error is raised.
- Elsewhere (other threads, Windows) nothing can interrupt the block: the limit is cooperative.
  `check()` raises TimeoutError once the deadline has passed; the pipeline calls it between its
  stages. To bound a worker hard, run it in a process of its own.

`check()` and `remaining()` work in both modes; the deadline is kept per thread/context.

How the alarm stays safe: one module-level handler serves every active limit (`_limits`, a
stack) and always arms the single timer for the earliest thing due. It never raises while the
interrupted code is time_limit's own entry or exit (an alarm can land there: a long garbage
collection can start anywhere); it looks again a moment later, once the block has really been
entered or left. So entering and leaving never fail half-way, and leaving always cancels our
timer before handing SIGALRM back.
"""
from __future__ import annotations

import contextvars
import math
import re
import signal
import threading
import time
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple, Union

from .errors import InputError, TimeoutError, TooLargeError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # inputs larger than this are refused
DEFAULT_TIMEOUT = 60.0  # seconds per document

# (deadline on the monotonic clock, the limit in seconds) of the innermost active time_limit
_active: contextvars.ContextVar[Optional[Tuple[float, float]]] = contextvars.ContextVar(
    "cleaner_time_limit", default=None
)
_EARLY_TOLERANCE = 0.002  # an alarm this close before a deadline counts as on time
_MIN_DELAY = 1e-6  # setitimer(0) would cancel a timer: "due now" is this small delay
_MAX_DELAY = 1e6  # longer timers are armed in steps (setitimer overflows on huge values)
_RETRY = 0.1  # past the deadline, the error is raised again this often until the block is left
_DEFER = 0.001  # an alarm that lands in time_limit's own entry/exit code is looked at again this soon


def _timeout_error(seconds: float) -> TimeoutError:
    return TimeoutError(f"cleaning took longer than the time limit of {seconds:g} s (raise timeout=)")


def _check_seconds(seconds) -> None:
    if seconds is None:
        return
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0:
        raise InputError(f"timeout must be a positive number of seconds or None, not {seconds!r}")


def check() -> None:
    """Raise TimeoutError when the innermost active time limit has passed (cooperative check)."""
    active = _active.get()
    if active is not None and time.monotonic() >= active[0]:
        raise _timeout_error(active[1])


def remaining() -> Optional[float]:
    """Seconds left before the innermost active time limit, or None when no limit is active."""
    active = _active.get()
    return None if active is None else max(0.0, active[0] - time.monotonic())


def time_limit(seconds: Optional[float]) -> "_TimeLimit":
    """Context manager: raise cleaner.errors.TimeoutError when the block runs past `seconds`.

    None (or infinity) means no limit. Preemptive (SIGALRM) on the main thread of a Unix process,
    cooperative through `check()` elsewhere; see the module docstring.
    """
    _check_seconds(seconds)
    return _TimeLimit(None if seconds is None or math.isinf(seconds) else float(seconds))


class _TimeLimit:
    def __init__(self, seconds: Optional[float]) -> None:
        self.seconds = seconds
        self._stack: List[tuple] = []  # (contextvar token, _Limit or None) per active entry

    def __enter__(self) -> None:
        if self.seconds is None:
            self._stack.append((None, None))
            return
        now = time.monotonic()
        deadline = now + self.seconds
        outer = _active.get()
        token = _active.set(outer if outer and outer[0] <= deadline else (deadline, self.seconds))
        limit = _Limit(deadline, self.seconds) if _alarm_available() else None
        try:
            if limit is not None:
                _start(limit, now)
        except BaseException:
            _leave(token, limit)
            raise
        self._stack.append((token, limit))

    def __exit__(self, *exc_info) -> bool:
        _leave(*self._stack.pop())
        return False


def _leave(token, limit: Optional["_Limit"]) -> None:
    try:
        if limit is not None:
            _stop(limit)
    finally:
        if token is not None:
            _active.reset(token)


# --- the SIGALRM timer (main thread only) --------------------------------------------------------

_Handler = Union[Callable, int, None]


@dataclass
class _Previous:
    """The SIGALRM handler and timer found when our handler took over."""

    handler: _Handler
    deadline: Optional[float]  # when its timer is due (monotonic clock), None when not armed
    interval: float

    def due(self, now: float) -> bool:
        return self.deadline is not None and now >= self.deadline - _EARLY_TOLERANCE

    def fired(self) -> None:
        self.deadline = self.deadline + self.interval if self.interval > 0 else None

    def timer(self, now: float) -> Tuple[float, float]:
        if self.deadline is None:
            return 0.0, 0.0
        return max(self.deadline - now, _MIN_DELAY), self.interval


@dataclass(eq=False)
class _Limit:
    deadline: float
    seconds: float
    previous: Optional[_Previous] = None  # set when this limit installed our handler
    raised: bool = False  # its TimeoutError has been raised (and is now repeated every _RETRY)


_limits: List[_Limit] = []  # active limits, outermost first


def _alarm_available() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is not None  # a handler set from C could not be restored
    )


def _start(limit: _Limit, now: float) -> None:
    if signal.getsignal(signal.SIGALRM) is not _on_alarm:
        handler = signal.getsignal(signal.SIGALRM)
        delay, interval = signal.setitimer(signal.ITIMER_REAL, 0)  # read and disarm in one call
        limit.previous = _Previous(handler, now + delay if delay > 0 else None, interval)
        signal.signal(signal.SIGALRM, _on_alarm)
    _limits.append(limit)
    _arm(now)


def _stop(limit: _Limit) -> None:
    if limit in _limits:
        _limits.remove(limit)  # from here on the handler ignores this limit
    if signal.getsignal(signal.SIGALRM) is not _on_alarm:
        return  # never installed, or replaced inside the block: leave that setup alone
    if limit.previous is None:
        _arm(time.monotonic())  # an enclosing limit goes on
        return
    signal.setitimer(signal.ITIMER_REAL, 0)  # cancel our timer before handing SIGALRM back
    signal.signal(signal.SIGALRM, limit.previous.handler)
    signal.setitimer(signal.ITIMER_REAL, *limit.previous.timer(time.monotonic()))


def _current_previous() -> Optional[_Previous]:
    return next((limit.previous for limit in reversed(_limits) if limit.previous), None)


def _arm(now: float) -> None:
    """Arm the timer for the earliest thing due: a deadline, a re-raise, the previous timer."""
    due = [now + _RETRY if lim.raised else lim.deadline for lim in _limits]
    previous = _current_previous()
    if previous is not None and previous.deadline is not None:
        due.append(previous.deadline)
    delay = min(max(min(due) - now, _MIN_DELAY), _MAX_DELAY) if due else 0.0
    signal.setitimer(signal.ITIMER_REAL, delay)


def _on_alarm(signum, frame) -> None:
    if not _limits:
        return  # the last limit is being left: leaving restores the previous timer
    if _in_own_code(frame):
        signal.setitimer(signal.ITIMER_REAL, _DEFER)  # raising here would break entry/exit
        return
    now = time.monotonic()
    previous = _current_previous()
    if previous is not None and previous.due(now):
        previous.fired()
        _arm(now)
        _deliver(previous.handler, signum, frame)  # may raise: its owner acts
        now = time.monotonic()
    expired = [lim for lim in _limits if now >= lim.deadline - _EARLY_TOLERANCE]
    for lim in expired:  # the error raised for the outermost one leaves them all
        lim.raised = True
    _arm(now)  # a step of a long timer, the next deadline, or the next re-raise
    if expired:
        raise _timeout_error(expired[0].seconds)


def _in_own_code(frame) -> bool:
    """True when `frame` runs inside time_limit's entry or exit, or inside this handler."""
    while frame is not None:
        if frame.f_code in _OWN_CODE:
            return True
        frame = frame.f_back
    return False


_OWN_CODE = frozenset(
    function.__code__ for function in (_TimeLimit.__enter__, _TimeLimit.__exit__, _on_alarm)
)


def _deliver(handler: _Handler, signum, frame) -> None:
    """Deliver a SIGALRM that belongs to the handler we had replaced."""
    if callable(handler):
        handler(signum, frame)
    elif handler == signal.SIG_DFL:  # the default action ends the process: keep it that way
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGALRM)
    # SIG_IGN: nothing to do


# --- pathological HTML ------------------------------------------------------------------------
#
# libxml2 (lxml) silently drops content past its resource limits: everything after the 256th
# level of nesting (2048 with huge_tree), including the text of the rest of the page, and the
# whole body when one text node is over 10 MB. Unclosed <font>/<div> tags reach that depth on
# real pages; very deep trees also make trafilatura slow. The HTML stage parses as usual, asks
# `html_limit_hit(parser)`, and re-parses: flattened by `flatten_deep_html` for "depth", with
# huge_tree=True for "size".

MAX_HTML_DEPTH = 200  # nesting kept by flatten_deep_html (below libxml2's default limit of 256)

_MARKUP_TOKEN = re.compile(r"<!--|<(/?)([a-zA-Z][\w:-]{0,64})(?=[\s/>])[^<>]{0,4096}?(/?)>")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
_RAW_TEXT_TAGS = frozenset("script style textarea title xmp noembed noframes plaintext".split())
_SELF_CLOSING_SIBLINGS = {  # an opening tag that implicitly closes an open sibling of these
    "p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"},
    "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
}


def html_limit_hit(parser) -> Optional[str]:
    """'depth' or 'size' when an lxml parser's error log says libxml2 hit a resource limit (and
    so dropped part of the page), else None."""
    messages = [
        entry.message.lower()
        for entry in parser.error_log
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "huge" in entry.message.lower()
    ]
    if any("depth" in message for message in messages):
        return "depth"
    return "size" if messages else None


def flatten_deep_html(markup: str, max_depth: int = MAX_HTML_DEPTH) -> str:
    """`markup` with the start and end tags that nest deeper than `max_depth` removed.

    All text is kept; only the tags beyond the depth limit go (an approximate tag stack follows
    the usual implied closings: <p> closes an open <p>, <li> an open <li>, etc.). One linear pass.
    """
    out: List[str] = []
    stack: List[Tuple[str, bool]] = []  # (tag name, dropped)
    open_counts: dict = {}
    pos = last = 0
    while True:
        m = _MARKUP_TOKEN.search(markup, pos)
        if m is None:
            break
        pos = m.end()
        if m.group() == "<!--":
            end = markup.find("-->", pos)
            pos = len(markup) if end < 0 else end + 3
            continue
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            keep = _close(stack, open_counts, name)
        elif name in _RAW_TEXT_TAGS:
            end = re.compile(rf"</{name}\s*>", re.I).search(markup, pos)
            pos = len(markup) if end is None else end.end()
            continue
        elif name in _VOID_TAGS or self_closing:
            continue
        else:
            siblings = _SELF_CLOSING_SIBLINGS.get(name)
            if siblings and stack and stack[-1][0] in siblings:
                _close(stack, open_counts, stack[-1][0])
            keep = len(stack) < max_depth
            stack.append((name, not keep))
            open_counts[name] = open_counts.get(name, 0) + 1
        if not keep:
            out.append(markup[last : m.start()])
            last = m.end()
    out.append(markup[last:])
    return "".join(out)


def _close(stack: List[Tuple[str, bool]], open_counts: dict, name: str) -> bool:
    """Pop the stack up to the innermost open `name`; False when that start tag was dropped."""
    if not open_counts.get(name):
        return True  # a stray end tag: the parser ignores it
    while stack:
        top, dropped = stack.pop()
        open_counts[top] -= 1
        if top == name:
            return not dropped
    return True


# --- metadata fields -----------------------------------------------------------------------------
# What one page's metadata rules take in. Real values stay far below these; past them a hostile
# page (10,000 names in one <meta name="author">, 5,000 JSON-LD authors) only made more work.

MAX_FIELD_CHARS = 5_000  # a meta value, <title>, <h1> or author string is read up to this length
MAX_AUTHORS = 50  # names kept per page (a paper's citation_author list can be long)
MAX_META_VALUES = 100  # values kept per <meta> key
MAX_LD_ITEMS = 500  # JSON-LD objects kept per page


# --- work budget of one HTML page ------------------------------------------------------------------
# Parsing, metadata and extraction cost grows with the number of elements (trafilatura faster than
# linearly: 1M <p> took 63 s and 1.5 GB, 300k sibling links 106 s) and with the text to clean. A page
# past these budgets is refused before that work starts, with a TooLargeError (kind 'too-large');
# so is a text dump past MAX_PAGE_TEXT_CHARS (45 MB of text took 63 s and 920 MB). 35,000 <p>s took 59 s
# on the shared 2-core machine under load: the element budget keeps a margin below that.
# Real pages stay far below: at most 15,793 elements on the 3,103 bench pages (median 672).

MAX_HTML_ELEMENTS = 30_000  # opening tags in the markup, counted before parsing
MAX_PAGE_TEXT_CHARS = 20_000_000  # characters of text in a parsed page (scripts and styles left out) or a dump
_OPENING_TAG = re.compile(r"<[A-Za-z]")


def check_html_elements(markup: str) -> None:
    """Refuse markup holding more than `MAX_HTML_ELEMENTS` opening tags (one pass in C for the
    common case of fewer '<' than that)."""
    if markup.count("<") <= MAX_HTML_ELEMENTS:
        return
    count = sum(1 for _ in _OPENING_TAG.finditer(markup))
    if count > MAX_HTML_ELEMENTS:
        raise TooLargeError(f"page too large to clean: {count:,} HTML elements, the limit is {MAX_HTML_ELEMENTS:,}")


def check_page_text(chars: int) -> None:
    if chars > MAX_PAGE_TEXT_CHARS:
        raise TooLargeError(f"page too large to clean: {chars:,} characters of text, the limit is {MAX_PAGE_TEXT_CHARS:,}")
