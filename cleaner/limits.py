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
"""
from __future__ import annotations

import contextvars
import math
import re
import signal
import threading
import time
from typing import List, Optional, Tuple

from .errors import InputError, TimeoutError

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


def _alarm_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


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
        self._stack: List[tuple] = []  # (contextvar token, alarm or None) per active entry

    def __enter__(self) -> None:
        if self.seconds is None:
            self._stack.append((None, None))
            return
        deadline = time.monotonic() + self.seconds
        outer = _active.get()
        token = _active.set(outer if outer and outer[0] <= deadline else (deadline, self.seconds))
        alarm = None
        try:
            if _alarm_available():
                alarm = _Alarm(self.seconds, deadline)
                alarm.start()
        except BaseException:
            _active.reset(token)
            raise
        self._stack.append((token, alarm))

    def __exit__(self, *exc_info) -> bool:
        token, alarm = self._stack.pop()
        try:
            if alarm is not None:
                _stop(alarm)
        finally:
            if token is not None:
                _active.reset(token)
        return False


def _stop(alarm: "_Alarm") -> None:
    """Stop `alarm`, even when one of its repeated alarms goes off on the way in."""
    while True:
        try:
            alarm.stop()
            return
        except TimeoutError as late:  # raised before stop() could silence the handler
            if getattr(late, "cleaner_alarm", None) is not alarm:
                raise


class _Alarm:
    """An armed SIGALRM timer that raises TimeoutError at `deadline` and restores what it found.

    Past the deadline the error is raised again every _RETRY seconds until the block is left:
    libraries that catch every Exception (trafilatura does, around its fallback extractors) would
    otherwise swallow it and run on. When the previous timer is due before our deadline, SIGALRM is
    handed back and the alarm passed on to the previous handler; if that returns, we take over
    again until our own deadline.
    """

    def __init__(self, seconds: float, deadline: float) -> None:
        self.seconds = seconds
        self.deadline = deadline
        self.owner = False
        self.stopping = False
        self.handler = self._on_alarm  # one bound-method object: its identity marks ownership

    def start(self) -> None:
        self.prev_handler = signal.getsignal(signal.SIGALRM)
        prev_delay, self.prev_interval = signal.getitimer(signal.ITIMER_REAL)
        now = time.monotonic()
        self.prev_deadline = now + prev_delay if prev_delay > 0 else None
        self.prev_fired = False
        signal.signal(signal.SIGALRM, self.handler)
        self.owner = True
        self._arm(now)

    def stop(self) -> None:
        self.stopping = True  # from here on the handler never raises
        self._hand_back()

    def _prev_due(self, now: float) -> bool:
        return (
            self.prev_deadline is not None
            and not self.prev_fired
            and self.prev_deadline < self.deadline
            and now >= self.prev_deadline - _EARLY_TOLERANCE
        )

    def _arm(self, now: float) -> None:
        due = self.deadline
        if self.prev_deadline is not None and not self.prev_fired:
            due = min(due, self.prev_deadline)
        signal.setitimer(signal.ITIMER_REAL, min(max(due - now, _MIN_DELAY), _MAX_DELAY))

    def _on_alarm(self, signum, frame) -> None:
        if not self.owner or self.stopping:
            return
        now = time.monotonic()
        if self._prev_due(now):
            self.prev_fired = True
            self._hand_back()
            _call_handler(self.prev_handler, signum, frame)  # may raise: its owner acts
            self.start()  # it returned: SIGALRM is ours again until our deadline
            return
        if now < self.deadline - _EARLY_TOLERANCE:  # a step of a long timer, or clock skew
            self._arm(now)
            return
        signal.setitimer(signal.ITIMER_REAL, _RETRY)  # again, in case this one gets swallowed
        error = _timeout_error(self.seconds)
        error.cleaner_alarm = self
        raise error

    def _hand_back(self) -> None:
        """Restore the previous handler and timer (once; only while SIGALRM is still ours)."""
        if not self.owner:
            return
        self.owner = False
        if signal.getsignal(signal.SIGALRM) is not self.handler:
            return  # someone replaced our handler inside the block; leave their setup alone
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.prev_handler)
        if self.prev_deadline is None:
            return
        if self.prev_fired:
            if self.prev_interval > 0:
                signal.setitimer(signal.ITIMER_REAL, self.prev_interval, self.prev_interval)
            return
        delay = max(self.prev_deadline - time.monotonic(), _MIN_DELAY)
        signal.setitimer(signal.ITIMER_REAL, delay, self.prev_interval)


def _call_handler(handler, signum, frame) -> None:
    """Deliver a SIGALRM that belongs to the handler we had replaced."""
    if callable(handler):
        handler(signum, frame)
    elif handler == signal.SIG_DFL:  # the default action ends the process: keep it that way
        signal.raise_signal(signal.SIGALRM)
    # SIG_IGN, or None (a handler installed from C): nothing to do


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
