"""Walking the inputs of a job: files, directory trees and standard input, as `Document`s in
sorted walk order, each with its place in a mirrored output tree."""
from __future__ import annotations

import collections
import dataclasses
import os
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

from .model import Document, os_message

HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXTS = (".txt",)
# Files under an input directory with these extensions are assets, not pages: skipped (and
# counted). Any other file -- .html, .txt, no extension, an unknown suffix such as a host name --
# is read; its content is sniffed unless the extension says html or text. Files named on the
# command line are always read.
NON_PAGE_EXTS = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .heic "
    ".mp3 .mp4 .m4a .wav .ogg .oga .webm .avi .mov .mkv .flac "
    ".woff .woff2 .ttf .otf .eot .css .js .mjs .map .wasm .json "
    ".zip .tar .tgz .bz2 .xz .7z .rar .zst "
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .epub "
    ".exe .dll .so .bin .dmg .iso .jar .class .pyc .o .a".split()
)



@dataclasses.dataclass
class WalkStats:
    skipped_assets: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    skipped_special: int = 0  # fifos, sockets, devices
    skipped_loops: int = 0  # directories reached twice through symlinks
    skipped_links_out: int = 0  # directory links leaving the input directory (no --follow-links)
    passed_over: collections.Counter = dataclasses.field(default_factory=collections.Counter)  # archive
    # records that are not pages, by reason ("request", "not HTML", "status 404", ...)


def page_extension(name: str) -> str:
    """The extension that says what a file is: 'x.html.gz' -> '.html', 'x' -> ''."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    return os.path.splitext(base)[1].lower()


def format_hint(name: str) -> str:
    ext = page_extension(name)
    return "html" if ext in HTML_EXTS else "text" if ext in TEXT_EXTS else "auto"


def output_stem(name: str) -> str:
    """'page.html' -> 'page', 'page.txt.gz' -> 'page', 'example.com' -> 'example.com'."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    stem, ext = os.path.splitext(base)
    return stem if ext.lower() in HTML_EXTS + TEXT_EXTS and stem else base


class OutputClaims:
    """Which input each output path of a mirrored tree belongs to, to refuse two inputs that
    would be written to one output (or a file output where another input needs a directory)."""

    def __init__(self):
        self.files: Dict[str, str] = {}  # output path -> the input that writes it
        self.dirs: Dict[str, str] = {}  # output directory -> the first input under it

    def claim(self, path: str, source: str, is_dir: bool = False) -> Optional[Tuple[str, str]]:
        """Record `source` as writing `path` (a file, or a directory for an archive's records);
        returns (the other input, the contested path) when another input has it already."""
        clash = self.files.get(path) or (self.dirs.get(path) if not is_dir else None)
        if clash is None:
            parents = _parents(path)
            clash_path = next((d for d in parents if d in self.files), None)
            if clash_path is not None:
                return self.files[clash_path], clash_path
            for d in parents + ([path] if is_dir else []):
                self.dirs.setdefault(d, source)
            if not is_dir:
                self.files[path] = source
            return None
        return clash, path


def _parents(path: str) -> List[str]:
    parts = path.split(os.sep)
    return [os.sep.join(parts[:i]) for i in range(1, len(parts))]


RecordExpander = Callable[[str, str], Optional[Iterator[Document]]]


def iter_inputs(inputs: List[str], *, exclude: Iterable[str] = (), stats: Optional[WalkStats] = None,
               stdin: Callable[[], Document] = lambda: Document(b"", "<stdin>", rel="stdin", fields=None),
               records: Optional[RecordExpander] = None, follow_links: bool = False) -> Iterator[Document]:
    """Every document under `inputs` (files, directories, '-'), in sorted walk order.

    Hidden files and directories, and paths in `exclude` (real paths), are skipped. Directory
    symlinks are followed, each directory once, when they stay inside the input directory (or
    always, with `follow_links`). Each input contributes its base name to the output tree:
    `clean a -o OUT` writes a/b/page.html to OUT/a/b/page.txt. An output's name depends only on
    its own input's path (`output_stem`): a/p.html and a/p.txt both map to a/p.

    `records(path, rel)` may turn a file holding many documents (an archive, JSONL) into its
    Documents; when it returns None the file is one page.
    """
    stats = stats if stats is not None else WalkStats()
    excluded = {os.path.realpath(p) for p in exclude}
    walk = _Walk(excluded, {os.path.basename(p) for p in excluded}, set(), stats, records, follow_links)
    for arg in inputs:
        if arg == "-":
            yield stdin()
        elif os.path.isdir(arg):
            yield from _walk_dir(arg, input_basename(arg), os.path.realpath(arg), walk)
        else:
            name = input_basename(arg)
            yield from _file_tasks(arg, name, output_stem(name), records)


@dataclasses.dataclass
class _Walk:
    """What every directory of one walk shares."""

    excluded: Set[str]  # real paths
    excluded_names: Set[str]
    visited: Set[Tuple[int, int]]  # (st_dev, st_ino) of the directories walked
    stats: WalkStats
    records: Optional[RecordExpander]
    follow_links: bool


def _file_tasks(path: str, name: str, rel: str, records: Optional[RecordExpander]) -> Iterator[Document]:
    expanded = records(path, rel) if records is not None else None
    if expanded is not None:
        yield from expanded
    else:
        yield Document(source=path, rel=rel, path=path, input_format=format_hint(name), fields=None)


def input_basename(path: str) -> str:
    return os.path.basename(os.path.abspath(path)) or "root"


def _walk_dir(path: str, rel: str, root: str, walk: _Walk) -> Iterator[Document]:
    """The documents under directory `path` (output place `rel`) of the input directory `root`."""
    try:
        st = os.stat(path)
        if (st.st_dev, st.st_ino) in walk.visited:
            walk.stats.skipped_loops += 1
            return
        walk.visited.add((st.st_dev, st.st_ino))
        with os.scandir(path) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        yield Document(source=path, error=("read", "cannot list directory: " + os_message(e)), fields=None)
        return
    for kind, e in [(_entry_kind(e, root, walk), e) for e in entries]:
        if kind == "dir":
            yield from _walk_dir(e.path, f"{rel}/{e.name}", root, walk)
        elif kind == "file":
            yield from _file_tasks(e.path, e.name, f"{rel}/{output_stem(e.name)}", walk.records)
        elif kind in UNREADABLE_ENTRIES:
            yield Document(source=e.path, error=UNREADABLE_ENTRIES[kind], fields=None)


UNREADABLE_ENTRIES = {
    "broken": ("read", "broken symbolic link (target missing or a loop)"),
    "special-link": ("input", "not a regular file (a link to a FIFO, device or socket)"),
}


def _entry_kind(e: os.DirEntry, root: str, walk: _Walk) -> str:
    """What a directory entry is to the walk: "dir", "file", "broken", "special-link", or
    "skip" (excluded, an asset, a special file, a directory link leaving the tree; counted)."""
    if e.name in walk.excluded_names and os.path.realpath(e.path) in walk.excluded:
        return "skip"
    try:
        if e.is_dir():
            if e.is_symlink() and not walk.follow_links and not _within(os.path.realpath(e.path), root):
                walk.stats.skipped_links_out += 1
                return "skip"
            return "dir"
        if e.is_file():
            if page_extension(e.name) in NON_PAGE_EXTS:
                walk.stats.skipped_assets[page_extension(e.name)] += 1
                return "skip"
            return "file"
        if e.is_symlink():
            return "special-link" if os.path.exists(e.path) else "broken"
        walk.stats.skipped_special += 1
        return "skip"
    except OSError:
        return "broken"


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)
