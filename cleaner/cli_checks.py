"""What `clean` checks before any work (exit 2, `UsageError`) and warns about: the arguments,
the output location, the --errors report, --lang codes."""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from typing import FrozenSet, List, Optional

from . import batch
from .sources import batching as records
from .sources.registry import JSONL_SUFFIXES


class UsageError(Exception):
    """A problem with the command line or the output location: exit 2 before any work."""


def parse_langs(value: str):
    """--lang: ISO 639-1 codes the language detector can report (zh-cn, zh-tw and zh too)."""
    codes = tuple(dict.fromkeys(c.strip().lower() for c in value.split(",") if c.strip()))
    if not codes:
        raise argparse.ArgumentTypeError(f"expected language codes like en,de; got {value!r}")
    known = known_languages()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown language code{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}: "
            f"give ISO 639-1 codes the language detector reports: {', '.join(sorted(known))}")
    return codes


def known_languages() -> FrozenSet[str]:
    """The codes `clean()` can give as `language`: langdetect's profiles (found without importing
    langdetect), plus the base code of each regional one ('zh' for zh-cn and zh-tw)."""
    spec = importlib.util.find_spec("langdetect")
    names = set()
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            names.update(os.listdir(os.path.join(folder, "profiles")))
        except OSError:
            continue
    return frozenset(names | {n.split("-")[0] for n in names})


def warn_unused_options(args) -> None:
    """--text-field / --url-field only apply to JSONL files: say so when no input can hold one."""
    given = [name for name, value in (("--text-field", args.text_field), ("--url-field", args.url_field))
             if value is not None]
    if given and not any(os.path.isdir(p) or is_jsonl_input(p) for p in args.inputs if p != "-"):
        print(f"clean: warning: {' and '.join(given)} only apply to JSONL inputs (.jsonl, .ndjson); "
              f"no input is one, so {'they are' if len(given) > 1 else 'it is'} ignored",
              file=sys.stderr, flush=True)


def is_jsonl_input(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


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
    if not args.output and args.format == "json" and several_documents(args.inputs):
        raise UsageError("--format json to stdout takes one page; for several use --format jsonl "
                         "(one JSON object per line) or -o OUTDIR (one .json file per input)")
    if args.errors:
        check_errors_file(args.errors, args.inputs, args.output, args.format)
    names = [batch.input_basename(p) for p in args.inputs if p != "-"]
    dup = next((n for n in names if names.count(n) > 1), None)
    if args.output and args.format != "jsonl" and dup:
        raise UsageError(f"two inputs are named {dup!r}: their outputs would collide in "
                         f"{args.output}; clean them in separate runs or give their parent directory")


def several_documents(inputs: List[str]) -> bool:
    """True when the inputs may hold more than one page (several, a directory, an archive)."""
    return len(inputs) > 1 or any(p != "-" and (os.path.isdir(p) or records.is_record_source(p))
                                  for p in inputs)


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


def check_errors_file(path: str, inputs: List[str], output: Optional[str], fmt: str) -> None:
    """The --errors report, like every output, never lands on an input (nor inside an input
    directory) nor on the run's own output file."""
    dest = os.path.realpath(path)
    if os.path.isdir(dest):
        raise UsageError(f"--errors {path} is a directory; give a file name")
    for arg in (p for p in inputs if p != "-"):
        src = os.path.realpath(arg)
        if dest == src or (os.path.isdir(src) and _within(dest, src)):
            where = "is the input" if dest == src else "is inside input directory"
            raise UsageError(f"--errors {path} {where} {arg}: the report would overwrite or be read "
                             f"as input; choose a file outside the inputs")
    if batch.is_jsonl_output(output):
        outputs = [output]
    else:
        outputs = [os.path.join(output, batch.JSONL_NAME)] if output and fmt == "jsonl" else []
    if any(dest == os.path.realpath(p) for p in outputs):
        raise UsageError(f"--errors {path} is the output file; give the report another name")


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)
