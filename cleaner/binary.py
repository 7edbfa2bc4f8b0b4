"""Stage 1, first step: is the input binary data (an image, an archive, an executable) rather
than a page? Known file signatures, then the share of control bytes (or, for text, control
characters). Also the character classes `decode` removes from text."""
from __future__ import annotations

import re
from typing import Optional

from .errors import InputError


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip-compressed data; decompress it first"),
    (b"BZh", "bzip2-compressed data; decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data; decompress it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x00asm", "WebAssembly module"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
# Signatures short enough to start a real text ("MZ...", "BZh...", "ID3...") only count when
# the bytes that follow are binary too; see _signature().
_WEAK_SIGNATURES = (b"MZ", b"BZh", b"ID3")

_TEXT_CONTROLS = b"\t\n\r\x0b\x0c\x1b"  # whitespace and ESC (ANSI colours) are normal in text
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
INVISIBLE_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # removed from text (ESC too) ...
SEPARATOR_CHARS = re.compile("[\x1c-\x1f]")  # ... except these, which Python counts as whitespace
# terminal escapes: CSI colours, OSC titles (ended by BEL or ST), charset switches like ESC ( B
ANSI_ESCAPES = re.compile("\x1b(?:\\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\\][^\x07\x1b]{0,256}(?:\x07|\x1b\\\\)?|[ -/]{1,2}[0-~]|[78=>])")
SAMPLE = 64 * 1024
_MAX_CONTROL_SHARE = 0.05  # more non-whitespace control bytes than this: binary
_MAX_NUL_SHARE = 0.30  # NUL bytes (not UTF-16/32) beyond this: binary
_MIN_BINARY_CONTROLS = 8  # fewer control codes than this never make a (short) input binary


def _signature(head: bytes) -> Optional[str]:
    """Name of the binary format whose magic number starts `head`, if any."""
    if head[:4] == b"RIFF" and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if head.lstrip(b"\t\n\r \x00")[:5] == b"%PDF-":
        return "PDF"
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            if magic in _WEAK_SIGNATURES and _control_share(head[len(magic):256]) < 0.02:
                continue
            return kind
    return None


def _count_controls(sample: bytes) -> int:
    """Control bytes in `sample` other than whitespace and ESC (NUL included)."""
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES))


def _control_share(sample: bytes) -> float:
    return _count_controls(sample) / len(sample) if sample else 0.0


def check_no_signature(head: bytes) -> None:
    kind = _signature(head[:512])
    if kind:
        raise InputError(f"input looks like binary data ({kind})")


def _check_control_shares(size: int, nuls: int, controls: int) -> None:
    """Refuse a sample of `size` units holding `nuls` NULs and `controls` other control codes."""
    if nuls + controls < _MIN_BINARY_CONTROLS:
        return
    nul_share, control_share = nuls / size, controls / size
    if control_share > _MAX_CONTROL_SHARE or nul_share + control_share > _MAX_NUL_SHARE:
        what = "mostly NUL bytes" if nuls > controls else f"{(nuls + controls) / size:.0%} control bytes"
        raise InputError(f"input looks like binary data ({what})")


def check_not_binary_bytes(raw: bytes) -> None:
    sample = raw[:SAMPLE]
    nuls = sample.count(0)
    controls = _count_controls(sample) - nuls
    _check_control_shares(len(sample), nuls, controls)


def check_not_binary_text(text: str) -> None:
    """`check_not_binary_bytes` on the first `SAMPLE` characters, their shares counted per
    character. The count runs on their UTF-8 bytes (a control character is one byte there, and
    no other character holds such a byte): a regex over the characters took ~0.7 ms a page."""
    sample = text[:SAMPLE]
    units = sample.encode("utf-8", "surrogatepass")
    nuls = units.count(0)
    _check_control_shares(len(sample), nuls, _count_controls(units) - nuls)
