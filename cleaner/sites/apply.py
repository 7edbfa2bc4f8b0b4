"""Applying a site's template to one decided page: it only ever takes kept lines/blocks out.

After the body decision, each kept unit (an HTML block, a text dump's body line) whose
normalised text is in the site's template is a candidate. The body's *core* runs from its first
to its last kept unit that reads as body text on its own (`context.is_good`) and is not
template. A candidate is dropped (reason `template`) when it lies outside the core (above or
below the article: menus, bylines boxes, newsletter and "most read" blocks), or inside it when it
is not body-like itself (a recurring "Advertisement", "Share this article"). A body-like
paragraph inside the core stays even if other pages show it (a lead quoted in teasers), and so
does the page's own headline (other pages list it in their "related" boxes).
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from ..text import context
from ..text.lines import Line
from .model import Template, normalise

TEMPLATE = "template"  # the reason label of a line the site's template took out


def template_drops(lines: Sequence[Line], kept: Sequence[bool], template: Template,
                   title: Optional[str] = None) -> List[int]:
    """Indices of the kept lines the template takes out (see the module docstring)."""
    stoplist = any(ln.n_stop for ln in lines)
    title_key = normalise(title) if title else ""
    order = [i for i, k in enumerate(kept) if k]
    recurring = {i for i in order if lines[i].text in template and not _is_own_title(lines[i], title_key)}
    core = [i for i in order if i not in recurring and context.is_good(lines[i], stoplist)]
    if not core:
        return []  # nothing body-like stays: the template does not judge this page
    first, last = core[0], core[-1]
    return [i for i in order if i in recurring
            and (i < first or i > last or not context.is_good(lines[i], stoplist))]


def _is_own_title(line: Line, title_key: str) -> bool:
    """The page's headline (its `<title>` often adds the site's name after it)."""
    if not title_key:
        return False
    key = normalise(line.text)
    return key == title_key or (len(key) >= 12 and title_key.startswith(key))


def apply_to_blocks(page, template: Optional[Template]) -> None:
    """Drop the template's blocks from a decided `Page` (keep False, reason `template`)."""
    if template is None or not template.keys:
        return
    blocks = page.blocks
    for i in template_drops([b.line for b in blocks], [b.keep for b in blocks], template, page.title):
        blocks[i].keep, blocks[i].reason = False, TEMPLATE


def apply_to_lines(lines: List[Line], template: Optional[Template], title: Optional[str] = None) -> None:
    """Drop the template's lines from a decided text dump (role '' and reason `template`)."""
    if template is None or not template.keys:
        return
    for i in template_drops(lines, [ln.role == "body" for ln in lines], template, title):
        lines[i].role, lines[i].reason = "", TEMPLATE
