"""The `clean` command: clean files, directory trees or stdin into text, JSON, JSONL or Markdown."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from typing import List, Optional

from . import __version__, batch, limits
from .cli_checks import UsageError, check_args, parse_langs, several_documents, warn_unused_options
from .outlock import OutputLock, OutputLocked
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
                   help="txt: the body; json: body and metadata (one page to stdout, else one file "
                        "per input); jsonl: one JSON object per line with a 'source' field; md: "
                        "Markdown with title. To stdout with several pages, txt and md put a line "
                        "'==> SOURCE <==' before each. Default txt (jsonl for archive/JSONL inputs "
                        "and -o FILE.jsonl). e.g. --format json")
    p.add_argument("--input-format", choices=("auto", "html", "text"), default="auto",
                   help="treat every input as HTML or as a text dump; auto (default) goes by the "
                        "extension, else sniffs the content. e.g. --input-format text")
    p.add_argument("--text-field", metavar="NAME",
                   help="JSONL inputs: the field holding the page (default: text, else html); "
                        "other fields are copied to the output. e.g. --text-field body")
    p.add_argument("--url-field", metavar="NAME", default=None,
                   help="JSONL inputs: the field holding the page URL (default url). e.g. --url-field link")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on the Dask cluster whose scheduler is at ADDRESS instead of local "
                        "worker processes (needs the dask extra). e.g. --dask tcp://10.0.0.5:8786")
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
    p.add_argument("--fast", action="store_true",
                   help="HTML: decide the body from trafilatura's view alone, about trafilatura's "
                        "speed (default: the page model weighs several views). e.g. --fast")
    p.add_argument("--site-key", choices=("host", "dir", "none"), default="host",
                   help="how pages are grouped into sites whose template (lines repeated on many of "
                        "their pages) is learned in a first pass and taken out: host (the URL's "
                        "host, else the page file's directory; default), dir (the directory), "
                        "none. e.g. --site-key dir")
    p.add_argument("--no-templates", action="store_true",
                   help="no first pass: clean every page on its own. e.g. --no-templates")
    p.add_argument("--follow-links", action="store_true",
                   help="also follow directory links that lead out of the input directory (by "
                        "default they are skipped and counted). e.g. --follow-links")
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


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        check_args(args)
        warn_unused_options(args)
        return run(args)
    except KeyboardInterrupt:  # before or after the job itself (walking, counting)
        print("clean: interrupted", file=sys.stderr)
        return batch.EXIT_INTERRUPTED
    except UsageError as e:
        print(f"clean: error: {e} (see clean --help)", file=sys.stderr)
        return EXIT_USAGE


def read_stdin(args) -> batch.Document:
    """The page on standard input; on a terminal, first a hint that it is being waited for."""
    if not args.quiet and _isatty(sys.stdin):
        print("clean: reading a page from standard input (end it with Ctrl-D, or Ctrl-C to stop)",
              file=sys.stderr, flush=True)
    return batch.stdin_document(sys.stdin.buffer, args.max_bytes)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def make_sink(args):
    if not args.output:
        return batch.StreamSink(sys.stdout.buffer, args.format, several_documents(args.inputs))
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
        raise UsageError(f"--dask needs Dask: pip install '.[dask]' in the cleaner checkout ({e})") from None
    try:
        return DaskRunner(address)
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"cannot connect to the Dask scheduler at {address}: {e}") from None


def preflight(args, sink, walk) -> Optional[int]:
    """Refuse two inputs mapping to one output and existing outputs (no --resume/--overwrite);
    count documents for the progress bar."""
    check_existing = args.output and not (args.resume or args.overwrite)
    count_for_bar = walk is not None
    claims = batch.OutputClaims() if isinstance(sink, batch.MirrorSink) else None
    if not (check_existing or count_for_bar or claims):
        return None
    total, clashes = 0, []
    for doc in batch.iter_inputs(args.inputs, exclude=_excluded(args), follow_links=args.follow_links):
        total += 1
        if claims is not None and doc.error is None:
            check_claim(claims, sink, doc)
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


def check_claim(claims: batch.OutputClaims, sink: batch.MirrorSink, doc: batch.Document) -> None:
    """Two inputs whose outputs would be one file: exit 2 naming both (an archive's records go
    to a directory named after it)."""
    expands = records.is_record_source(doc.path or "")
    path = os.path.join(sink.outdir, doc.rel) if expands else sink.path_for(doc)
    clash = claims.claim(path, doc.source, is_dir=expands)
    if clash:
        other, where = clash
        raise UsageError(f"{_input_name(other)} and {_input_name(doc.source)} would both be written to "
                         f"{where}; rename one, clean them in separate runs, or use --format jsonl")


def _input_name(source: str) -> str:
    return "- (stdin)" if source == "<stdin>" else batch.show_path(source)


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
    """The job, holding the lock on the output (-o) for its whole life."""
    reporter = Reporter(quiet=args.quiet, resumable=bool(args.output),
                        explain_to_stream=args.explain and args.format in ("txt", "md"))
    # (archives are not read twice just to count their records: no total for the bar then)
    count = reporter.bar_wanted and not any(map(records.is_record_source, args.inputs))
    sink = make_sink(args)
    total = preflight(args, sink, walk=True if count else None)
    lock = lock_output(args.output) if args.output else None
    try:
        return run_job(args, sink, reporter, total)
    finally:
        if lock is not None:
            lock.release()


def lock_output(output: str) -> OutputLock:
    """Make the output's directory and take the lock on the output (exit 2 if another run has it)."""
    is_file = batch.is_jsonl_output(output)
    ensure_writable(os.path.dirname(output) or "." if is_file else output)
    try:
        return OutputLock(output, is_file).acquire()
    except OutputLocked as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        raise UsageError(f"cannot take the lock on the output {output}: {e.strerror or e}") from None


def run_job(args, sink, reporter, total) -> int:
    options = batch.Options(format=args.format, input_format=args.input_format,
                            explain=args.explain, langs=args.lang, min_words=args.min_words,
                            timeout=args.timeout, max_bytes=args.max_bytes, fast=args.fast)
    report = open_error_report(args.errors)
    summary = batch.Summary()
    docs = batch.iter_inputs(args.inputs, exclude=_excluded(args), stats=summary.walk,
                             follow_links=args.follow_links,
                             stdin=lambda: read_stdin(args),
                             records=records.RecordExpander(text_field=args.text_field,
                                                            url_field=args.url_field or "url",
                                                            max_bytes=args.max_bytes,
                                                            passed_over=summary.walk.passed_over))
    runner = make_runner(args)

    def on_outcome(doc, outcome):
        report.add(outcome)
        reporter.outcome(doc, outcome)

    reporter.start(total)
    terminated, previous = _terminate_on_sigterm()
    try:
        docs = with_site_templates(args, docs, options, runner, reporter)
        batch.run_job(docs, options, sink, runner, resume=args.resume, on_outcome=on_outcome,
                      on_skip=reporter.skip, summary=summary)
    except KeyboardInterrupt:  # during the first pass (run_job handles its own)
        summary.interrupted = True
        runner.stop()
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
    if no_pages(summary):
        print(f"clean: warning: the inputs hold no page to clean ({', '.join(args.inputs)}); "
              "assets (.png, .css, ...), hidden files and special files are skipped", file=sys.stderr)
        return batch.EXIT_FAILED
    return summary.exit_code


def learns_templates(args) -> bool:
    """Pass 1 runs unless turned off, or when the input is one page (a site of one page has no
    template)."""
    single = len(args.inputs) == 1 and (args.inputs[0] == "-" or not (
        os.path.isdir(args.inputs[0]) or records.is_record_source(args.inputs[0])))
    return not (args.no_templates or args.site_key == "none" or single)


def with_site_templates(args, docs, options, runner, reporter):
    """Pass 1 (batch/sites.py): the documents of pass 2 with their sites' templates."""
    if not learns_templates(args):
        return docs
    from .batch import sites

    def walk():
        return batch.iter_inputs(args.inputs, exclude=_excluded(args), follow_links=args.follow_links,
                                 records=records.RecordExpander(text_field=args.text_field,
                                                                url_field=args.url_field or "url",
                                                                max_bytes=args.max_bytes))

    path = sites.model_path(args.output, bool(args.output) and batch.is_jsonl_output(args.output))
    if reporter.bar_wanted:  # on a terminal: say why nothing moves yet
        reporter.line("clean: first pass: learning each site's template (--no-templates skips it)")
    model, how = sites.site_model_for_run(walk, options, runner, args.site_key, path, args.resume)
    if len(model) and not args.quiet:
        reporter.line(f"clean: site templates: {len(model)} site{'s' if len(model) != 1 else ''} "
                      f"({how}{' from ' + path if how == 'reused' else ''})")
    return sites.with_template(docs, model, args.site_key)


def no_pages(summary: batch.Summary) -> bool:
    """A run that completed without meeting a single page (an empty tree, only assets)."""
    return summary.seen == 0 and not (summary.interrupted or summary.fatal)


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
