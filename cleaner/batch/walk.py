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


def output_stems(files: List[str], dirs: Iterable[str] = ()) -> Dict[str, str]:
    """Output stems for sibling files, made unique: 'a.html' and 'a.txt' -> 'a.html', 'a.txt'."""
    stems = {name: output_stem(name) for name in files}
    counts = collections.Counter(stems.values())
    taken = set(dirs)
    for name in files:
        if counts[stems[name]] > 1 or stems[name] in taken:
            stems[name] = name
    seen: Set[str] = set(taken)
    for name in files:  # pathological leftovers ('a', 'a.txt', 'a.txt.html'): number them
        stem, n = stems[name], 1
        while stems[name] in seen:
            n += 1
            stems[name] = f"{stem}~{n}"
        seen.add(stems[name])
    return stems


RecordExpander = Callable[[str, str], Optional[Iterator[Document]]]


def iter_inputs(inputs: List[str], *, exclude: Iterable[str] = (), stats: Optional[WalkStats] = None,
               stdin: Callable[[], Document] = lambda: Document(b"", "<stdin>", rel="stdin", fields=None),
               records: Optional[RecordExpander] = None) -> Iterator[Document]:
    """Every document under `inputs` (files, directories, '-'), in sorted walk order.

    Hidden files and directories, and paths in `exclude` (real paths), are skipped. Directory
    symlinks are followed, each directory once. Each input contributes its base name to the
    output tree: `clean a -o OUT` writes a/b/page.html to OUT/a/b/page.txt.

    `records(path, rel)` may turn a file holding many documents (an archive, JSONL) into its
    Documents; when it returns None the file is one page.
    """
    stats = stats if stats is not None else WalkStats()
    excluded = {os.path.realpath(p) for p in exclude}
    excluded_names = {os.path.basename(p) for p in excluded}
    visited: Set[Tuple[int, int]] = set()
    names = [p for p in inputs if p != "-"]
    top = output_stems([input_basename(p) for p in names if not os.path.isdir(p)],
                       [input_basename(p) for p in names if os.path.isdir(p)])
    for arg in inputs:
        if arg == "-":
            yield stdin()
        elif os.path.isdir(arg):
            yield from _walk_dir(arg, input_basename(arg), (excluded, excluded_names), visited, stats,
                                 records)
        else:
            name = input_basename(arg)
            yield from _file_tasks(arg, name, top[name], records)


def _file_tasks(path: str, name: str, rel: str, records: Optional[RecordExpander]) -> Iterator[Document]:
    expanded = records(path, rel) if records is not None else None
    if expanded is not None:
        yield from expanded
    else:
        yield Document(source=path, rel=rel, path=path, input_format=format_hint(name), fields=None)


def input_basename(path: str) -> str:
    return os.path.basename(os.path.abspath(path)) or "root"


def _walk_dir(path: str, rel: str, exclusions: Tuple[Set[str], Set[str]],
              visited: Set[Tuple[int, int]], stats: WalkStats,
              records: Optional[RecordExpander]) -> Iterator[Document]:
    excluded, excluded_names = exclusions
    try:
        st = os.stat(path)
        if (st.st_dev, st.st_ino) in visited:
            stats.skipped_loops += 1
            return
        visited.add((st.st_dev, st.st_ino))
        with os.scandir(path) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        yield Document(source=path, error=("read", "cannot list directory: " + os_message(e)), fields=None)
        return
    kinds: List[Tuple[str, os.DirEntry]] = []  # ("dir" | "file" | "broken", entry), name order
    for e in entries:
        if e.name in excluded_names and os.path.realpath(e.path) in excluded:
            continue
        try:
            if e.is_dir():
                kinds.append(("dir", e))
            elif e.is_file():
                if page_extension(e.name) in NON_PAGE_EXTS:
                    stats.skipped_assets[page_extension(e.name)] += 1
                else:
                    kinds.append(("file", e))
            elif e.is_symlink():
                kinds.append(("broken", e))
            else:
                stats.skipped_special += 1
        except OSError:
            kinds.append(("broken", e))
    stems = output_stems([e.name for k, e in kinds if k == "file"], [e.name for k, e in kinds if k == "dir"])
    for kind, e in kinds:
        if kind == "dir":
            yield from _walk_dir(e.path, f"{rel}/{e.name}", exclusions, visited, stats, records)
        elif kind == "broken":
            yield Document(source=e.path, error=("read", "broken symbolic link (target missing or a loop)"),
                           fields=None)
        else:
            yield from _file_tasks(e.path, e.name, f"{rel}/{stems[e.name]}", records)
