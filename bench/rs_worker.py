"""rs-trafilatura over a batch of pages, run by the CPython 3.12 venv of `bench.peers` (the
only Python its wheel exists for here). Standard library and rs_trafilatura only: this file
runs outside the bench's own environment.

Reads one JSON object per line on stdin: {"html": <base64 of the raw bytes>, "url": str|null};
writes one per line on stdout, in order: {"text", "title", "date", "seconds", "error"}, where
`seconds` is the time of the `extract_bytes()` call alone. The first line written is
{"ready": <rs_trafilatura version>}.
"""
import base64
import json
import sys
import time


def extract(rs, request: dict) -> dict:
    raw = base64.b64decode(request["html"])
    start = time.perf_counter()
    try:
        res = rs.extract_bytes(raw, url=request.get("url"))
    except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException (BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return {"text": "", "error": f"crash: {type(exc).__name__}: {exc}",
                "seconds": time.perf_counter() - start}
    seconds = time.perf_counter() - start
    return {"text": res.main_content or "", "title": res.title, "date": res.date,
            "seconds": seconds, "error": None}


def main() -> int:
    import rs_trafilatura as rs

    out = sys.stdout
    out.write(json.dumps({"ready": getattr(rs, "__version__", None)}) + "\n")
    out.flush()
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(extract(rs, json.loads(line))) + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
