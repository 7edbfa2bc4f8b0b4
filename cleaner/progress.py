"""What the `clean` command tells the user on stderr: progress bar, warnings, summary."""
from __future__ import annotations

import sys
from typing import List, Optional

from .batch import Document, Outcome, Summary, human_size, show_path


class Reporter:
    """Progress bar (terminal only), one warning line per failure, --explain lines, summary."""

    def __init__(self, stream=None, *, quiet: bool = False, bar: Optional[bool] = None,
                 explain_to_stream: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.explain = explain_to_stream
        if bar is None:
            bar = not quiet and _isatty(self.stream)
        self.bar_wanted = bar
        self.bar = None

    def start(self, total: Optional[int]) -> None:
        if self.bar_wanted:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=self.stream, dynamic_ncols=True,
                            smoothing=0.05, desc="clean", leave=False)

    def line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def warn(self, text: str) -> None:
        self.line(f"clean: warning: {text}")

    def outcome(self, doc: Document, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.warn(f"{show_path(outcome.source)}: {outcome.kind}: {outcome.message}")
        if self.explain:
            for text, reason in outcome.removed:
                self.line(f"{show_path(outcome.source)}: removed [{reason}] {text}")
        self._advance()

    def skip(self, doc: Document) -> None:
        self._advance()

    def _advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def summary(self, summary: Summary) -> None:
        self.close()
        if summary.fatal:
            print(f"clean: error: {summary.fatal}", file=self.stream)
            print("clean: no partial output file was left; fix the output (free space, "
                  "permissions) and rerun with --resume", file=self.stream)
        if summary.interrupted:
            print("clean: interrupted; rerun with --resume to finish", file=self.stream)
        if not self.quiet:
            print("\n".join(summary_lines(summary)), file=self.stream)
        self.stream.flush()


def summary_lines(s: Summary) -> List[str]:
    lines = [f"Summary: {s.seen} files seen: {s.cleaned} cleaned, {s.empty} empty, "
             f"{s.filtered} filtered, {s.failed} failed"]
    unfinished = s.seen - s.already_done - s.cleaned - s.empty - s.filtered - s.failed
    if unfinished > 0:
        lines.append(f"  not finished: {unfinished} (run stopped)")
    if s.already_done:
        lines.append(f"  already done: {s.already_done} (skipped by --resume)")
    skipped = [f"{n} {ext}" for ext, n in sorted(s.walk.skipped_assets.items())]
    if s.walk.skipped_special:
        skipped.append(f"{s.walk.skipped_special} special files")
    if s.walk.skipped_loops:
        skipped.append(f"{s.walk.skipped_loops} directories reached twice via symlinks")
    if skipped:
        lines.append("  skipped (not pages): " + ", ".join(skipped))
    lines.append(f"  bytes: {human_size(s.bytes_in)} in, {human_size(s.bytes_out)} out")
    if s.removed:
        lines.append("  removed lines: " + ", ".join(f"{n} {r}" for r, n in s.removed.most_common()))
    if s.filtered:
        lines.append("  filtered:")
        lines += [f"    {show_path(src)}: {why}" for src, why in s.filtered_list]
        if s.filtered > len(s.filtered_list):
            lines.append(f"    ... and {s.filtered - len(s.filtered_list)} more (all are in --errors FILE)")
    if s.hint:
        lines.append(f"  {s.hint}")
    done = s.seen - s.already_done
    rate = done / s.wall if s.wall > 0 else 0.0
    lines.append(f"  time: {s.wall:.1f} s, {rate:.1f} files/s")
    return lines


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
