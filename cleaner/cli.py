"""The `clean` command: clean files, directory trees or stdin into text, JSON, JSONL or Markdown."""
from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import tempfile
from typing import List, Optional

from . import __version__, batch, limits
from .progress import Reporter
from .sources import batching as records

EXIT_USAGE = 2  # a problem with the command line or the output location, before any work

DESCRIPTION = """\
Clean raw scraped pages (HTML or plain-text dumps) into their article text and metadata.

INPUT is a file, a directory (walked recursively, sorted, hidden files skipped) or - for standard
input. Files may be .html, .htm, .txt, extension-less or anything else that is a page, and any of
them gzip-compressed (.gz); the content is sniffed unless the extension says html or text.
Asset files in directories (.png, .css, .pdf, ...) are skipped and counted."""

EPILOG = """\
examples:
  clean page.html                          body text to stdout
  curl -s https://example.org/ | clean -   clean standard input
  clean dumps/ -o out/                     dumps/a/b/p.html -> out/dumps/a/b/p.txt
  clean dumps/ -o out/ --format jsonl      everything in out/cleaned.jsonl
  clean dumps/ -o out/ --resume            finish a run that was interrupted
  clean dumps/ --format jsonl --lang en --min-words 50 > en.jsonl
  clean dumps/ -o out/ --errors errors.jsonl --jobs 4
  clean crawl.warc.gz -o pages.jsonl.gz    WARC/WET records -> one gzipped JSONL file
  clean pages.jsonl --text-field html -o out.jsonl   JSONL records, other fields kept
  clean dumps/ -o out/ --dask tcp://scheduler:8786   on a Dask cluster

outputs are written atomically (temporary file + rename). exit status: 0 all inputs cleaned,
1 some inputs failed (or the output could not be written), 2 usage error, 130 interrupted."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clean", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, directories or - (stdin); e.g. clean crawl/2024/ extra.html.gz")
    p.add_argument("-o", "--output", metavar="OUTDIR",
                   help="write one output per input under OUTDIR, mirroring the input tree "
                        "(--format jsonl: OUTDIR/cleaned.jsonl); without it, write to stdout. "
                        "OUTDIR must not be inside an INPUT. A name ending in .jsonl or .jsonl.gz "
                        "is one JSONL file instead (gzip for .gz). e.g. -o out/, -o pages.jsonl.gz")
    p.add_argument("--format", choices=batch.FORMATS, default=None,
                   help="txt: the body; json: body and metadata; jsonl: one JSON object per line "
                        "with a 'source' field; md: Markdown with title. Default txt (jsonl for "
                        "archive/JSONL inputs and -o FILE.jsonl). e.g. --format json")
    p.add_argument("--input-format", choices=("auto", "html", "text"), default="auto",
                   help="treat every input as HTML or as a text dump; auto (default) goes by the "
                        "extension, else sniffs the content. e.g. --input-format text")
    p.add_argument("--text-field", metavar="NAME",
                   help="JSONL inputs: the field holding the page (default: text, else html); "
                        "other fields are copied to the output. e.g. --text-field body")
    p.add_argument("--url-field", metavar="NAME", default="url",
                   help="JSONL inputs: the field holding the page URL (default url). e.g. --url-field link")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on the Dask cluster whose scheduler is at ADDRESS instead of local "
                        "worker processes (needs cleaner[dask]). e.g. --dask tcp://10.0.0.5:8786")
    p.add_argument("-j", "--jobs", type=int, default=default_jobs(), metavar="N",
                   help=f"worker processes (default: all {default_jobs()} cores). e.g. --jobs 4")
    p.add_argument("--explain", action="store_true",
                   help="also give every removed line with its reason: in the json/jsonl output, "
                        "on stderr for txt/md. e.g. clean page.html --explain")
    p.add_argument("--lang", metavar="CODES", type=parse_langs, default=(),
                   help="keep only documents in these languages (ISO 639-1 codes); others are "
                        "counted and listed as filtered. e.g. --lang en,de")
    p.add_argument("--min-words", type=int, default=0, metavar="N",
                   help="drop documents whose body has fewer than N words (counted and listed "
                        "as filtered). e.g. --min-words 50")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--overwrite", action="store_true",
                      help="replace outputs that already exist. e.g. -o out/ --overwrite")
    mode.add_argument("--resume", action="store_true",
                      help="skip inputs whose output exists and is newer than the input (jsonl: "
                           "whose record is in the file), finishing an interrupted run. "
                           "e.g. -o out/ --resume")
    p.add_argument("--errors", metavar="FILE",
                   help="write one JSON line (path, kind, message) per input that failed or was "
                        "filtered. e.g. --errors errors.jsonl")
    p.add_argument("--timeout", type=float, default=limits.DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit per document (default {limits.DEFAULT_TIMEOUT:g}); a page "
                        "over it is reported as failed and the batch goes on. e.g. --timeout 10")
    p.add_argument("--max-bytes", type=int, default=limits.DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse inputs larger than N bytes, also after gunzip (default "
                        f"{limits.DEFAULT_MAX_BYTES}). e.g. --max-bytes 10000000")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary; failures are still reported. e.g. -q")
    p.add_argument("--version", action="version", version=f"clean (cleaner) {__version__}",
                   help="print the version and exit. e.g. clean --version")
    return p


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_langs(value: str):
    codes = tuple(dict.fromkeys(c.strip().lower() for c in value.split(",") if c.strip()))
    bad = [c for c in codes if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)?", c)]
    if not codes or bad:
        raise argparse.ArgumentTypeError(f"expected language codes like en,de; got {value!r}")
    return codes


class UsageError(Exception):
    """A problem with the command line or the output location: exit 2 before any work."""


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        check_args(args)
        return run(args)
    except KeyboardInterrupt:  # before or after the job itself (walking, counting)
        print("clean: interrupted", file=sys.stderr)
        return batch.EXIT_INTERRUPTED
    except UsageError as e:
        print(f"clean: error: {e} (see clean --help)", file=sys.stderr)
        return EXIT_USAGE


def check_args(args) -> None:
    """Everything that can be wrong before any work starts (exit 2)."""
    resolve_format(args)
    missing = [p for p in args.inputs if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError(f"input not found: {missing[0]}")
    if args.inputs.count("-") > 1:
        raise UsageError("- (stdin) can be given only once")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.min_words < 0:
        raise UsageError("--min-words must be 0 or more")
    if args.timeout <= 0 or args.max_bytes <= 0:
        raise UsageError("--timeout and --max-bytes must be positive")
    if (args.resume or args.overwrite) and not args.output:
        raise UsageError("--resume and --overwrite need -o OUTDIR")
    if batch.is_jsonl_output(args.output):
        check_output_file(args.output, args.inputs)
    elif args.output:
        check_outdir(args.output, args.inputs, args.format)
    names = [batch.input_basename(p) for p in args.inputs if p != "-"]
    dup = next((n for n in names if names.count(n) > 1), None)
    if args.output and args.format != "jsonl" and dup:
        raise UsageError(f"two inputs are named {dup!r}: their outputs would collide in "
                         f"{args.output}; clean them in separate runs or give their parent directory")


def resolve_format(args) -> None:
    """--format defaults to jsonl for archive/JSONL inputs and for -o FILE.jsonl, else txt."""
    to_file = batch.is_jsonl_output(args.output)
    if args.format is None:
        args.format = "jsonl" if to_file or any(map(records.is_record_source, args.inputs)) else "txt"
    if to_file and args.format != "jsonl":
        raise UsageError(f"-o {args.output} is one JSONL file: it takes --format jsonl; "
                         f"give a directory for --format {args.format}")


def check_output_file(path: str, inputs: List[str]) -> None:
    if os.path.isdir(path):
        raise UsageError(f"-o {path} is a directory; a .jsonl output must be a file name")
    if any(os.path.realpath(p) == os.path.realpath(path) for p in inputs if p != "-"):
        raise UsageError(f"-o {path} is also an input; choose another output name")


def check_outdir(outdir: str, inputs: List[str], fmt: str) -> None:
    """OUTDIR must not be (inside) an input directory, and no output may land on an input."""
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        raise UsageError(f"-o {outdir} exists and is not a directory; give a directory")
    out = os.path.realpath(outdir)
    for arg in (p for p in inputs if p != "-"):
        src = os.path.realpath(arg)
        if os.path.isdir(src):
            if _within(out, src):
                raise UsageError(f"output directory {outdir} is inside input directory {arg}: outputs "
                                 f"would be read back as inputs. Choose an -o outside {arg} "
                                 f"(e.g. -o {arg.rstrip('/') or '.'}-clean/)")
            lands_on = fmt != "jsonl" and _within(src, os.path.join(out, batch.input_basename(arg)))
        elif fmt == "jsonl":
            lands_on = src == os.path.join(out, batch.JSONL_NAME)
        else:
            lands_on = src == os.path.join(out, batch.output_stem(os.path.basename(src)) + "." + fmt)
        if lands_on:
            raise UsageError(f"outputs for input {arg} would be written over the input itself "
                             f"in {outdir}; choose another -o")


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def make_sink(args):
    if not args.output:
        headers = len(args.inputs) > 1 or any(os.path.isdir(p) or records.is_record_source(p)
                                              for p in args.inputs if p != "-")
        return batch.StreamSink(sys.stdout.buffer, args.format, headers)
    if batch.is_jsonl_output(args.output):
        return batch.JsonlSink(args.output)
    if args.format == "jsonl":
        return batch.JsonlSink.in_dir(args.output)
    return batch.MirrorSink(args.output, args.format)


def make_runner(args):
    """A process pool (or a Dask cluster, --dask), except for one page or stdin, which is cleaned
    in this process."""
    if args.dask:
        return dask_runner(args.dask)
    single = len(args.inputs) == 1 and (args.inputs[0] == "-" or not (
        os.path.isdir(args.inputs[0]) or records.is_record_source(args.inputs[0])))
    return batch.InlineRunner() if single else batch.LocalRunner(args.jobs, args.timeout)


def dask_runner(address: str):
    try:
        from .integrations.dask import DaskRunner
    except ImportError as e:
        raise UsageError(f"--dask needs Dask: pip install 'cleaner[dask]' ({e})") from None
    try:
        return DaskRunner(address)
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"cannot connect to the Dask scheduler at {address}: {e}") from None


def preflight(args, sink, walk) -> Optional[int]:
    """Refuse existing outputs (no --resume/--overwrite); count documents for the progress bar."""
    check_existing = args.output and not (args.resume or args.overwrite)
    count_for_bar = walk is not None
    if not (check_existing or count_for_bar):
        return None
    total, clashes = 0, []
    for doc in batch.iter_inputs(args.inputs, exclude=_excluded(args)):
        total += 1
        if check_existing and len(clashes) < 3:
            found = sink.existing(doc)
            if found and found not in clashes:
                clashes.append(found)
        if check_existing and clashes and not count_for_bar:
            break
    if clashes:
        raise UsageError(f"output already exists: {', '.join(clashes)}; use --overwrite to replace "
                         f"outputs or --resume to skip inputs already done")
    return total


def ensure_writable(outdir: str) -> None:
    try:
        os.makedirs(outdir, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=outdir, prefix=".write-probe.", suffix=batch.TEMP_SUFFIX)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise UsageError(f"cannot write to output directory {outdir}: {e.strerror or e}; "
                         f"fix its permissions or choose another -o") from None


def _excluded(args) -> List[str]:
    return [p for p in (args.output, args.errors) if p]


def open_error_report(path: Optional[str]) -> batch.ErrorReport:
    try:
        return batch.ErrorReport(path)
    except OSError as e:
        raise UsageError(f"cannot write --errors {path}: {e.strerror or e}") from None


def run(args) -> int:
    options = batch.Options(format=args.format, input_format=args.input_format,
                            explain=args.explain, langs=args.lang, min_words=args.min_words,
                            timeout=args.timeout, max_bytes=args.max_bytes)
    sink = make_sink(args)
    reporter = Reporter(quiet=args.quiet,
                        explain_to_stream=args.explain and args.format in ("txt", "md"))
    # (archives are not read twice just to count their records: no total for the bar then)
    count = reporter.bar_wanted and not any(map(records.is_record_source, args.inputs))
    total = preflight(args, sink, walk=True if count else None)
    if args.output:
        ensure_writable(os.path.dirname(args.output) or "." if batch.is_jsonl_output(args.output)
                        else args.output)
    report = open_error_report(args.errors)
    summary = batch.Summary()
    docs = batch.iter_inputs(args.inputs, exclude=_excluded(args), stats=summary.walk,
                             stdin=lambda: batch.stdin_document(sys.stdin.buffer, args.max_bytes),
                             records=records.RecordExpander(text_field=args.text_field,
                                                            url_field=args.url_field,
                                                            max_bytes=args.max_bytes))
    runner = make_runner(args)

    def on_outcome(doc, outcome):
        report.add(outcome)
        reporter.outcome(doc, outcome)

    reporter.start(total)
    terminated, previous = _terminate_on_sigterm()
    try:
        batch.run_job(docs, options, sink, runner, resume=args.resume, on_outcome=on_outcome,
                      on_skip=reporter.skip, summary=summary)
    except BrokenPipeError:  # stdout closed early (clean ... | head): stop quietly
        reporter.close()
        _silence_stdout()
        return 128 + signal.SIGPIPE
    finally:
        report.close()
        _restore_sigterm(previous)
    reporter.summary(summary)
    if summary.interrupted and terminated:
        return 128 + signal.SIGTERM
    return summary.exit_code


def _terminate_on_sigterm():
    """SIGTERM stops the run like Ctrl-C (outputs stay consistent). Returns (flag, previous)."""
    flag: list = []

    def handler(signum, frame):
        flag.append(signum)
        raise KeyboardInterrupt

    try:
        return flag, signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not in the main thread
        return flag, None


def _restore_sigterm(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
