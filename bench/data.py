"""Benchmark data: gold rows and raw pages of a DATA_DIR, laid out as described in
`../shared/bench/README.md` (`<set>/gold.jsonl`, `<set>/html/<id>.html.gz`)."""
from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Tuple

# every set the bench knows, and the five run by default (big9-dev, many pages per site for
# learning a site's template, only when asked for with --set)
SETS = ("traf-dev", "modern-dev", "dragnet-train", "cleaneval-dev", "l3s-dev", "big9-dev")
DEFAULT_SETS = SETS[:5]
REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "bench" / "data"
DEFAULT_OUT = REPO / "bench" / "out"


class DataError(Exception):
    """DATA_DIR is missing or malformed; the message says what and where."""


@dataclass(frozen=True)
class Page:
    set: str
    id: str
    url: Optional[str]  # a real http(s) URL, else None (pseudo keys and null are not passed on)
    html_path: Path
    body: Optional[str] = None
    with_: Tuple[str, ...] = ()
    without: Tuple[str, ...] = ()
    title: Optional[str] = None
    author: Optional[str] = None
    date: Optional[str] = None
    language: Optional[str] = None
    site: Optional[str] = None  # big9-dev: the site and the year cluster of the page
    year: Optional[int] = None

    @property
    def key(self) -> str:
        return f"{self.set}/{self.id}"

    def raw(self) -> bytes:
        """The page as crawled (bytes, gunzipped)."""
        return gzip.decompress(self.html_path.read_bytes())


def check_data_dir(data_dir: Path, sets=DEFAULT_SETS) -> None:
    """Raise DataError with a clear message unless `data_dir` holds each requested set."""
    if not data_dir.is_dir():
        raise DataError(
            f"data directory {data_dir} does not exist; pass the path of the bench data "
            f"(default {DEFAULT_DATA_DIR}, laid out as <set>/gold.jsonl + <set>/html/<id>.html.gz)"
        )
    for name in sets:
        gold = data_dir / name / "gold.jsonl"
        if not gold.is_file():
            raise DataError(f"{gold} is missing: {data_dir} does not hold the set {name!r}")


def default_sets(data_dir: Path, sets=DEFAULT_SETS) -> tuple[str, ...]:
    """The default sets that `data_dir` holds (a note on stderr for each one it lacks); a
    DataError when it holds none. A set asked for by name must be there (`check_data_dir`)."""
    check_data_dir(data_dir, ())
    held = tuple(s for s in sets if (data_dir / s / "gold.jsonl").is_file())
    if not held:
        raise DataError(f"{data_dir} holds none of the sets {', '.join(sets)} (<set>/gold.jsonl)")
    for name in sets:
        if name not in held:
            print(f"bench: {data_dir} has no set {name!r}: skipped", file=sys.stderr)
    return held


def load_pages(data_dir: Path, set_name: str, limit: Optional[int] = None) -> list[Page]:
    """The pages of one set, in gold order (the first `limit` when given)."""
    check_data_dir(data_dir, (set_name,))
    gold = data_dir / set_name / "gold.jsonl"
    pages = []
    with gold.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and len(pages) >= limit:
                break
            pages.append(_page(data_dir, set_name, line, f"{gold}:{lineno}"))
    if not pages:
        raise DataError(f"{gold} holds no gold rows")
    return pages


def _page(data_dir: Path, set_name: str, line: str, where: str) -> Page:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}: not a JSON object ({exc})") from None
    if not isinstance(row, dict) or not isinstance(row.get("id"), str):
        raise DataError(f"{where}: a gold row needs a string field 'id'")
    if not isinstance(row.get("url"), (str, type(None))):
        raise DataError(f"{where}: field 'url' must be a string or null")
    html_path = data_dir / set_name / "html" / f"{row['id']}.html.gz"
    if not html_path.is_file():
        raise DataError(f"{where}: page file {html_path} is missing")
    for key in ("with", "without"):
        if not isinstance(row.get(key) or [], list):
            raise DataError(f"{where}: field {key!r} must be a list of snippets")
    url = row.get("url") or ""
    return Page(
        set=set_name,
        id=row["id"],
        url=url if url.startswith("http") else None,
        html_path=html_path,
        body=row["body"] if isinstance(row.get("body"), str) else None,  # "": gold kept nothing
        with_=tuple(row.get("with") or ()),
        without=tuple(row.get("without") or ()),
        title=row.get("title") or None,
        author=row.get("author") or None,
        date=row.get("date") or None,
        language=row.get("language") or None,
        site=row.get("site") or None,
        year=row.get("year") if isinstance(row.get("year"), int) else None,
    )


def cached(path: Path, compute: Callable[[], str]) -> str:
    """The text stored at `path`, computing and storing it first if absent."""
    if path.is_file():
        return path.read_text(encoding="utf-8")
    text = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", errors="replace")
    tmp.replace(path)
    return text
