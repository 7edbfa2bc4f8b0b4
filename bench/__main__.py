"""The whole bench in one command: quality (every set, mode and system), then speed and scaling.

    python -m bench [DATA_DIR] [--jobs N] [--limit N] [--files N] [--no-scaling] [--out DIR]

Prints the tables and writes OUT/bench-latest.md (plus the JSON files of each part).
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import quality, speed
from .data import DataError, default_sets
from .report import command, machine_line, now, write_json
from .runner import resolve_jobs
from .systems import MODES


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    quality.add_common_args(parser)
    parser.set_defaults(jobs=0)
    parser.add_argument("--files", type=int, default=20_000, help="files in the scaling tree (default 20000)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the `clean` scaling run")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        sets = default_sets(args.data_dir)
        jobs = resolve_jobs(args.jobs)
        results = quality.run(args.data_dir, sets, MODES, None, args.limit, jobs, args.out)
        speed_args = argparse.Namespace(data_dir=args.data_dir, sets=None, limit=args.limit, jobs=jobs,
                                        out=args.out, files=args.files, no_scaling=args.no_scaling, no_docs=False,
                                        no_startup=False)
        speed_result = speed.run(speed_args)
    except DataError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    cmd = command("bench", argv)
    payload = quality.report_payload(results, cmd, args.data_dir)
    write_json(args.out, "quality", payload)
    info = payload["machine"]
    speed_result["command"] = cmd
    write_json(args.out, "speed", speed_result)
    text = "\n".join([
        f"# Bench run {now()}", "", f"Command: `{cmd}`", "", f"Machine: {machine_line(info)}", "",
        "## Quality", "", quality.table(results), "", "## Speed and memory", "", speed.summary(speed_result), "",
    ])
    (args.out / "bench-latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
