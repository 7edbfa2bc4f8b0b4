"""datatrove pipeline steps: the cleaner as an extractor (and an optional filter) in a datatrove
pipeline, run locally, on Slurm or on Ray like any other step (`pip install '.[datatrove]'` in a checkout).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerExtractor, CleanerFilter

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/"),              # WARC: HTML; WET: text dumps
        CleanerExtractor(),                # in place of datatrove's Trafilatura()
        CleanerFilter(langs=["en"], min_words=50),  # optional
        JsonlWriter("out/"),
    ], tasks=4).run()

`CleanerExtractor` replaces each Document's `text` (an HTML page or a plain-text dump) with the
cleaned body, as `cleaner.clean` gives it, and puts the page's metadata in `doc.metadata`:

- fields (`fields=`): title, description, date, authors, site, language, url, input_format, under
  `metadata_prefix + field` unless `metadata_names` maps the field to another key; `explain=True`
  adds `removed`: [{"line", "reason"}, ...], the lines taken out and why.
- date: the page's own date, else the day of the key `date_key` the reader set (datatrove's WARC
  reader puts the WARC-Date there), as `clean crawl.warc` does; the page URL is `url_key`'s value.
- existing keys are never overwritten silently. A key that already holds a different value is
  either moved to `input_<key>` and the cleaner's value takes its name (`on_conflict="rename"`,
  the default: the `clean` command's rule for JSONL input fields), or left alone, the cleaner's
  value then going to `cleaner_<key>` (`on_conflict="keep"`). A field the cleaner found nothing
  for (None) never displaces an existing key. Each move is counted (`metadata_conflict`).
- documents that clean to nothing: dropped (`empty="drop"`, the default) or kept with text "" and
  `metadata[flag_key] = True` (`empty="flag"`); counted (`empty`) either way.
- a document that fails (undecodable, too large, past the time limit, a bug) is dropped and
  counted (`failed`, `failed_<kind>`: input, decode, timeout, internal); the shard goes on. Only
  the first failure of each kind is logged as a warning.
- time limit: the cleaner's own, `timeout` seconds per document (None: no limit). It is
  preemptive on a process's main thread (the local and Slurm executors run tasks there) and
  checked between stages elsewhere (see `cleaner.limits`); no sandbox process is needed.
- stats (`stat_update`, in datatrove's stats.json): total, cleaned, empty, failed, failed_<kind>,
  format_html / format_text, removed_lines and removed_<reason> (lines per document), forwarded,
  dropped, metadata_conflict, and datatrove's doc_len and time.

`CleanerFilter` keeps documents in the given languages (`metadata["language"]`) and/or with at
least `min_words` words, as `clean --lang/--min-words` do; dropped documents are counted as
dropped_lang / dropped_min-words (and can go to datatrove's `exclusion_writer`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Union

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from .. import limits
from ..api import INPUT_FORMATS, clean
from ..errors import CleanerError, InputError
from ..result import CleanResult
from ..sources.model import COLLISION_PREFIX, day_of

FIELDS = ("title", "description", "date", "authors", "site", "language", "url", "input_format")
REMOVED_FIELD = "removed"  # with explain=True: the removed lines, [{"line", "reason"}, ...]
EMPTY_POLICIES = ("drop", "flag")
CONFLICT_POLICIES = ("rename", "keep")
KEEP_PREFIX = "cleaner_"  # on_conflict="keep": the cleaner's value goes to cleaner_<key>
DEFAULT_FLAG_KEY = "cleaner_empty"
INTERNAL_KIND = "internal"  # failure kind of an unexpected exception (a bug), as in `clean`'s reports


@dataclass(frozen=True)
class _Failure:
    kind: str
    message: str


class CleanerExtractor(BaseExtractor):
    """The cleaner as a datatrove extractor: drop-in for `datatrove.pipeline.extractors.Trafilatura`.

    Args:
        input_format: "auto" (sniff each document), "html" or "text" (a plain-text dump, e.g. WET).
        timeout: seconds per document, the cleaner's own limit (None: no limit).
        max_bytes: larger documents fail with kind "input" (None: no limit).
        fast: decide an HTML page from trafilatura's view alone (`clean(fast=True)`: quicker).
        explain: also put the removed lines with their reasons in metadata["removed"].
        fields: which result fields go into the metadata (any of FIELDS).
        metadata_prefix: prefix of the metadata keys ("clean_" -> clean_title, ...).
        metadata_names: explicit keys for some fields, e.g. {"date": "published"}; win over the prefix.
        on_conflict: "rename" or "keep": what happens when a key already holds another value.
        empty: "drop" or "flag" documents whose body is empty.
        flag_key: the metadata key set to True on kept empty documents.
        url_key, date_key: where the reader put the page URL and the crawl date.
        site_model: the path of a saved `cleaner.sites.SiteModel` (docs/templates.md: learned by
            `clean`'s first pass or `SiteModel.learn` over the crawl); each document's site
            template (found by its URL) is taken out of its body. Read once per worker.
    """

    name = "🧹 Cleaner"

    def __init__(
        self,
        input_format: str = "auto",
        timeout: Optional[float] = limits.DEFAULT_TIMEOUT,
        max_bytes: Optional[int] = limits.DEFAULT_MAX_BYTES,
        fast: bool = False,
        explain: bool = False,
        fields: Sequence[str] = FIELDS,
        metadata_prefix: str = "",
        metadata_names: Optional[Mapping[str, str]] = None,
        on_conflict: str = "rename",
        empty: str = "drop",
        flag_key: str = DEFAULT_FLAG_KEY,
        url_key: str = "url",
        date_key: str = "date",
        site_model: Optional[str] = None,
    ):
        super().__init__(timeout=timeout)
        _check_choice("input_format", input_format, INPUT_FORMATS)
        _check_choice("on_conflict", on_conflict, CONFLICT_POLICIES)
        _check_choice("empty", empty, EMPTY_POLICIES)
        limits.time_limit(timeout)  # raises InputError now for a bad timeout, not per document
        _check_max_bytes(max_bytes)
        self.input_format = input_format
        self.max_bytes = max_bytes
        self.fast = fast
        self.explain = explain
        self.keys = metadata_keys(fields, metadata_prefix, metadata_names or {}, explain)
        self.on_conflict = on_conflict
        self.empty = empty
        self.flag_key = flag_key
        self.url_key = url_key
        self.date_key = date_key
        self.site_model_path = site_model
        self._site_model = None
        if site_model is not None:
            self._sites()  # a missing or unreadable file fails now, not per document
        self._warned_kinds: set = set()

    def extract(self, text: str) -> str:
        """The cleaned body of one page (BaseExtractor's interface; `run` does not use it)."""
        return clean(text, input_format=self.input_format, timeout=self.timeout, max_bytes=self.max_bytes,
                     fast=self.fast).text

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                keep = self.process(doc)
            if keep:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)

    def process(self, doc: Document) -> bool:
        """Clean one document in place; False when it is to be dropped. Never raises for a bad
        document (KeyboardInterrupt and the like still stop the run)."""
        outcome = self.clean_document(doc)
        if isinstance(outcome, _Failure):
            self._count_failure(doc, outcome)
            return False
        self.stat_update(f"format_{outcome.input_format}")
        self._count_removed(outcome.removed)
        if not outcome.text.strip():
            self.stat_update("empty")
            if self.empty == "drop":
                return False
            doc.metadata[self.flag_key] = True
        else:
            self.stat_update("cleaned")
        doc.text = outcome.text
        self.update_metadata(doc.metadata, outcome)
        return True

    def clean_document(self, doc: Document) -> Union[CleanResult, _Failure]:
        """`cleaner.clean` on the document's text, with the reader's URL and crawl date."""
        meta = doc.metadata
        url = meta.get(self.url_key)
        url = url if isinstance(url, str) else None
        try:
            template = self._sites().template(url) if self.site_model_path and url else None
            result = clean(doc.text, url=url, input_format=self.input_format,
                           timeout=self.timeout, max_bytes=self.max_bytes, fast=self.fast, site_model=template)
        except CleanerError as exc:
            return _Failure(exc.kind, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop the shard
            return _Failure(INTERNAL_KIND, f"{type(exc).__name__}: {exc}")
        if result.date is None:
            crawl_date = meta.get(self.date_key)
            result.date = day_of(crawl_date) if isinstance(crawl_date, str) else None
        return result

    def _sites(self):
        """The site model, read once (when the step is made, to fail early; it travels with the step)."""
        if self._site_model is None:
            from ..sites import SiteModel

            try:
                self._site_model = SiteModel.load(self.site_model_path)
            except (OSError, ValueError) as exc:
                raise InputError(f"site_model: cannot read {self.site_model_path}: {exc}") from None
        return self._site_model

    def update_metadata(self, meta: Dict[str, Any], result: CleanResult) -> None:
        """Put the result's fields under their keys, by the conflict rule (see the module doc)."""
        values = result.to_dict(explain=self.explain)
        for name, key in self.keys:
            value = values[name]
            placed = place(meta, key, value, self.on_conflict)
            if placed:
                self.stat_update("metadata_conflict")

    def _count_failure(self, doc: Document, failure: _Failure) -> None:
        self.stat_update("failed", f"failed_{failure.kind}")
        if failure.kind not in self._warned_kinds:
            self._warned_kinds.add(failure.kind)
            logger.warning(f"cleaner: document {doc.id!r} dropped ({failure.kind}: {failure.message}). "
                           f"Further '{failure.kind}' failures are only counted (stat failed_{failure.kind}).")

    def _count_removed(self, removed: Iterable[Tuple[str, str]]) -> None:
        counts: Dict[str, int] = {}
        for _line, reason in removed:
            counts[reason] = counts.get(reason, 0) + 1
        self.stat_update("removed_lines", value=sum(counts.values()))
        for reason, n in sorted(counts.items()):
            self.stat_update(f"removed_{reason}", value=n)


def metadata_keys(fields: Sequence[str], prefix: str, names: Mapping[str, str],
                  explain: bool) -> Tuple[Tuple[str, str], ...]:
    """(result field, metadata key) pairs; raises InputError naming an unknown field."""
    fields = ((fields,) if isinstance(fields, str) else tuple(fields)) + ((REMOVED_FIELD,) if explain else ())
    known = FIELDS + (REMOVED_FIELD,)
    for name in list(fields) + list(names):
        if name not in known:
            raise InputError(f"unknown cleaner field {name!r} (known: {', '.join(known)})")
    return tuple((name, names.get(name, prefix + name)) for name in fields)


def place(meta: Dict[str, Any], key: str, value: Any, on_conflict: str) -> bool:
    """Set meta[key] = value unless that would silently replace another value. True when an
    existing value was moved aside (rename) or the value went to another key (keep)."""
    if key not in meta or meta[key] == value:
        meta[key] = value
        return False
    if value is None:
        return False  # nothing found: the existing value stays where it is
    if on_conflict == "rename":
        meta[free_key(meta, COLLISION_PREFIX + key)] = meta[key]
        meta[key] = value
    else:
        meta[free_key(meta, KEEP_PREFIX + key)] = value
    return True


def free_key(meta: Mapping[str, Any], key: str) -> str:
    """`key`, or `key_2`, `key_3`, ... : the first name not yet used in `meta`."""
    n, candidate = 1, key
    while candidate in meta:
        n += 1
        candidate = f"{key}_{n}"
    return candidate


class CleanerFilter(BaseFilter):
    """Keep documents in `langs` (ISO 639-1 codes, matched on the primary subtag as `clean --lang`
    does; the language is read from `metadata[language_key]`) with at least `min_words` words.

    Drops are counted as dropped_lang / dropped_min-words; datatrove's `exclusion_writer` gets them
    with metadata["filter_reason"] set.
    """

    name = "🧹 Cleaner filter"

    def __init__(self, langs: Union[str, Iterable[str], None] = None, min_words: int = 0,
                 language_key: str = "language", exclusion_writer=None):
        super().__init__(exclusion_writer)
        self.langs = _lang_codes(langs)
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 0:
            raise InputError(f"min_words must be a whole number >= 0, not {min_words!r}")
        if not self.langs and not min_words:
            raise InputError("CleanerFilter needs langs= or min_words= (else it keeps everything)")
        self.min_words = min_words
        self.language_key = language_key

    def filter(self, doc: Document) -> Union[bool, Tuple[bool, str]]:
        reason = filter_reason(doc.metadata.get(self.language_key), len(doc.text.split()),
                               self.langs, self.min_words)
        return True if reason is None else (False, reason)


def filter_reason(language: Optional[str], words: int, langs: Tuple[str, ...], min_words: int) -> Optional[str]:
    """'lang' or 'min-words' (the `clean` command's filter kinds) when a document is dropped."""
    from ..batch.model import Options
    from ..batch.work import filter_reason as batch_reason

    found = batch_reason(_Counted(language if isinstance(language, str) else None, words),
                         Options(langs=langs, min_words=min_words))
    return None if found is None else found[0]


@dataclass(frozen=True)
class _Counted:
    """What `clean`'s filter looks at: the language and the body's word count."""

    language: Optional[str]
    word_count: int


def _lang_codes(langs) -> Tuple[str, ...]:
    if langs is None:
        return ()
    items = langs.split(",") if isinstance(langs, str) else list(langs)
    codes = tuple(str(code).strip().lower() for code in items if str(code).strip())
    return codes


def _check_max_bytes(max_bytes) -> None:
    if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0):
        raise InputError(f"max_bytes must be a positive integer or None, not {max_bytes!r}")


def _check_choice(name: str, value, choices: Sequence[str]) -> None:
    if value not in choices:
        raise InputError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
