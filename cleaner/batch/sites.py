"""The first pass of a batch run: learn each site's template from the run's own documents.

The documents are walked once more before cleaning; each worker splits its page into lines/blocks
and sends back their keys (`learn_document`, a few kB per page), and this process counts them per
site in a `cleaner.sites.SiteModel` (bounded per site, independent of order). The second pass
hands every document its site's template (`with_template`). The model is saved next to the output
(`model_path`) so that `--resume` cleans the rest with the very same templates.
"""
from __future__ import annotations

import array
import dataclasses
import os
from typing import Iterable, Iterator, Optional

from .. import limits
from ..errors import CleanerError
from .model import Document, Options, Outcome, failed, os_message

SITES_FILE = ".clean-sites.json"  # in OUTDIR; beside a JSONL output file: .NAME.sites.json


def doc_site(doc: Document, site_key: str) -> Optional[str]:
    """The site of a document: its URL's host, else (a page file) its directory. Records of an
    archive or JSONL file without a URL, and standard input, belong to no site."""
    from ..sites import site_of

    path = doc.path if doc.record_id is None else None
    return site_of(doc.url, path, site_key)


def learn_document(doc: Document, options: Options) -> Outcome:
    """Pass 1 for one document (in a worker): status 'learned' with the page's line keys in
    `keys`, or 'failed' (the page is skipped; the second pass reports its failure)."""
    from ..sites import page_keys
    from ..sites.units import page_units
    from .work import read_page

    try:
        raw = doc.raw if doc.raw is not None else read_page(doc.path, options.max_bytes)[0]
        fmt = options.input_format if options.input_format != "auto" else doc.input_format
        with limits.time_limit(options.timeout):
            keys = page_keys(page_units(raw, fmt, options.max_bytes))
    except CleanerError as e:
        return failed(doc.key, e.kind, str(e))
    except OSError as e:
        return failed(doc.key, "read", os_message(e))
    except Exception as e:  # noqa: BLE001 - pass 1 never stops the batch
        return failed(doc.key, "internal", f"{type(e).__name__}: {e}")
    return Outcome(doc.key, "learned", keys=keys.tobytes())


def learn_sites(docs: Iterable[Document], options: Options, runner, site_key: str):
    """The site model of `docs` (pass 1, on `runner`). Documents without a site are not read."""
    from ..sites import SiteModel

    model = SiteModel(site_key)
    sites = {}

    def with_site() -> Iterator[Document]:
        for doc in docs:
            site = doc_site(doc, site_key) if doc.error is None else None
            if site is not None:
                sites[doc.key] = site
                yield doc

    for doc, outcome in runner.map_ordered(dataclasses.replace(options, learn=True), with_site()):
        site = sites.pop(doc.key, None)
        if outcome.status == "learned" and site is not None:
            keys = array.array("Q")
            keys.frombytes(outcome.keys)
            model.add_keys(site, keys)
    return model.finish()


def with_template(docs: Iterable[Document], model, site_key: str) -> Iterator[Document]:
    """The documents of pass 2, each with its site's template (None: cleaned as without one)."""
    for doc in docs:
        site = doc_site(doc, site_key) if model is not None and model.templates and doc.error is None else None
        template = model.templates.get(site) if site is not None else None
        yield dataclasses.replace(doc, template=template) if template is not None else doc


def model_path(output: Optional[str], jsonl_file: bool) -> Optional[str]:
    """Where the run's site model is kept: OUTDIR/.clean-sites.json, or .NAME.sites.json beside
    a JSONL output file; None when the output goes to stdout."""
    if not output:
        return None
    if jsonl_file:
        head, name = os.path.split(output)
        return os.path.join(head, f".{name}.sites.json")
    return os.path.join(output, SITES_FILE)


def site_model_for_run(walk, options: Options, runner, site_key: str, path: Optional[str], resume: bool):
    """The run's site model: the one saved at `path` when resuming (a run's templates never
    change halfway), else learned from `walk()` (pass 1) and saved at `path`. Returns (model,
    how: "learned" | "reused")."""
    from ..sites import SiteModel

    if resume and path and os.path.isfile(path):
        try:
            model = SiteModel.load(path)
            if model.site_key == site_key:
                return model, "reused"
        except (OSError, ValueError):
            pass  # unreadable or another version: learned again from the same inputs
    model = learn_sites(walk(), options, runner, site_key)
    if path and len(model):  # (a run without templates leaves no file: --resume learns again)
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            model.save(path)
        except OSError as e:
            return model, f"learned; not saved: cannot write {path}: {os_message(e)}"
    return model, "learned"
