"""Imported only by the worker fork server (see `runners._mp_context`): one throw-away `clean()`
call loads the pipeline's lazy data (language profiles, extractor tables) once, so that every
forked worker starts warm instead of paying that on its first page."""
from __future__ import annotations

from ..api import clean

_SAMPLE = (b"<html><head><title>Warm-up</title></head><body><article><p>This is a short "
           b"paragraph of English text used to warm up the cleaner.</p><p>Dies ist ein kurzer "
           b"Absatz.</p></article></body></html>")

try:
    clean(_SAMPLE)
    clean(_SAMPLE.decode("ascii").replace("<", " ").replace(">", " "), input_format="text")
except Exception:  # noqa: BLE001 - a warm-up failure only costs speed; workers report real errors
    pass
