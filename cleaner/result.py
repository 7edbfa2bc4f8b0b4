"""The result stage: what `clean()` returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple


@dataclass
class CleanResult:
    text: str
    title: Optional[str] = None
    description: Optional[str] = None
    date: Optional[str] = None
    authors: List[str] = field(default_factory=list)
    site: Optional[str] = None
    language: Optional[str] = None
    url: Optional[str] = None
    input_format: str = "text"
    removed: List[Tuple[str, str]] = field(default_factory=list)
    # The body as structured blocks in reading order (cleaner/structure.py): {"kind", "text", …}.
    blocks: List[dict] = field(default_factory=list)

    def to_dict(self, explain: bool = True) -> dict:
        d = {
            "text": self.text,
            "title": self.title,
            "description": self.description,
            "date": self.date,
            "authors": list(self.authors),
            "site": self.site,
            "language": self.language,
            "url": self.url,
            "input_format": self.input_format,
            "blocks": [dict(b) for b in self.blocks],
        }
        if explain:
            d["removed"] = [{"line": line, "reason": reason} for line, reason in self.removed]
        return d

    @property
    def word_count(self) -> int:
        return len(self.text.split())
